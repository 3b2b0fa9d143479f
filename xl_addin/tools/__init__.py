"""Maintainer tools: not used when the workbook is validated or the report is built."""
