"""Routes the add-in adds to xlwings Server: ``custom.py`` (xlwings Server loads its ``router``)."""
