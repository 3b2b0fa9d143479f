"""No custom functions: the add-in has buttons only. xlwings Server's project layout, and
its ``xlwings-server`` command, expect this folder."""
