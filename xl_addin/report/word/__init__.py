"""The Word document: the template filled in (docxtpl, python-docx), native charts, the page
numbers and the PDF.
"""
