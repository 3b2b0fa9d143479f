"""The tool's own cells, tabs and formats written into an existing .xlsx package, part by part:
every other part keeps its bytes.
"""
