"""Results out, into workbooks: a fresh workbook from a profile (``workbook``), the tool's own
cells edited into an existing package (``package``), or a live Excel book (``live``), all
from one plan (``plan``).
"""
