"""A live Excel book (through xlwings, in the add-in): read into the same
:class:`~xl_addin.core.raw.RawWorkbook` as a file, and the results written back into it."""
