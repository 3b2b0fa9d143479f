"""The typed tables: the workbook's Excel Tables as pandas frames of parsed values, and which
table a Report text row places.
"""
