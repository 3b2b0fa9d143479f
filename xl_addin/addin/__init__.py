"""The Excel add-ins: book in, core, book out, and nothing else.

- :mod:`.actions`: Validate, Compute and Build report as plain functions over an
  ``xlwings.Book``; both add-ins call them.
- ``server/``: the Office.js add-in, an xlwings Server project (ribbon, task pane, the
  report's download link, start-up); :mod:`.scripts` holds its three scripts.
- :mod:`.asgi`: that project in xlwings Server, behind :mod:`.guard`, the checks every
  request passes first; :mod:`.serve` starts it.
- :mod:`.desktop`: the desktop add-in's one button (``xl_addin.xlam``).
- :mod:`.downloads`: single-use download links for built reports, in a private shared folder.
"""
