"""Workbook in: an .xlsx file or a live Excel book, read into the same
:class:`~xl_addin.core.raw.RawWorkbook`.
"""
