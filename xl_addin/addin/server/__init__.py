"""The Office.js add-in: an xlwings Server project, laid out as ``xlwings-server init`` makes.

xlwings Server imports these folders as top-level modules from this directory (its
``XLWINGS_PROJECT_DIR``), and files here override the package's own:

- ``config.py``: the settings, xlwings Server's plus the add-in's (download folder, tokens,
  allowed hosts, the body cap);
- ``custom_scripts/``: the three buttons, Validate, Compute and Build report, and no other
  name (written in :mod:`xl_addin.addin.scripts`);
- ``lifespan.py``: start and stop: refuses to run without the guard, starts the timer that
  sweeps out expired reports;
- ``routers/custom.py``: the report's single-use download link;
- ``auth/custom/``: the token provider (Entra ID comes with xlwings Server);
- ``templates/``: the manifest (ribbon tab "LSCB Report") and the task pane;
- ``static/js/``: the ribbon's functions, the task pane's script, and the client's token.
"""
