"""A whole new master workbook, written with openpyxl from a board profile (and, for a new
year, the rows carried over).
"""
