"""The commands, whole: what ``lscb-report`` and the add-in both run.

Each job takes files (or a workbook already read) and returns what happened; the CLI
(:mod:`xl_addin.cli`) and the add-in (:mod:`xl_addin.addin`) only choose the inputs and
show the outcome::

    result = validate_file(path)                 # check: validate + compute + publication checks
    compute_file(path, out)                      # the results written into the workbook
    new_year(path, out)                          # next year's workbook
    upgrade(path, out)                           # laid out as the profile's current version
    build(result, out, BuildOptions(draft=True)) # the Word report (and PDF)

Each name is imported from its module when first used, so a command pays only for the job
it runs (validate never loads the Word writer).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xl_addin.jobs.checked import Result, check, skipped_rows, validate_file
    from xl_addin.jobs.computed import Computation, compute_file
    from xl_addin.jobs.document import BuildEvents, BuildOptions, build, report_name
    from xl_addin.jobs.next_year import NewYear, new_year
    from xl_addin.jobs.upgraded import Upgraded, upgrade

_HOMES = {
    "checked": ("Result", "check", "validate_file", "skipped_rows"),
    "computed": ("compute_file", "Computation"),
    "next_year": ("new_year", "NewYear"),
    "upgraded": ("upgrade", "Upgraded"),
    "document": ("build", "BuildOptions", "BuildEvents", "report_name"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = ["Result", "check", "validate_file", "skipped_rows", "compute_file", "Computation",
           "new_year", "NewYear", "upgrade", "Upgraded", "build", "BuildOptions", "BuildEvents",
           "report_name"]


def __getattr__(name: str) -> object:
    if name in _HOME:
        return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
