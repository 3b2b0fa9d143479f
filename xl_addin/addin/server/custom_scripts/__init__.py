"""The add-in's buttons, Validate, Compute and Build report: xlwings Server's scripts.

xlwings Server calls a script by looking its name up in this module, so this module
holds the three scripts and no other name; they are written in
:mod:`xl_addin.addin.scripts`.
"""

from xl_addin.addin.scripts import build_report, compute, validate

__all__ = ["validate", "compute", "build_report"]
