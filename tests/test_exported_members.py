"""The public names of the package are pinned, so a change to them is deliberate."""

from __future__ import annotations

import xl_addin
from xl_addin import compute, jobs, validate
from xl_addin.core import errors, fmt


def test_package_exports() -> None:
    assert sorted(xl_addin.__all__) == sorted([
        "__version__", "main", "LscbError", "WorkbookError", "UnreadableWorkbook",
        "NotAMasterWorkbook", "OutputError"])


def test_core_module_exports() -> None:
    assert sorted(validate.__all__) == ["Finding", "RULES", "Severity", "Validation", "validate"]
    assert sorted(jobs.__all__) == sorted([
        "Result", "check", "validate_file", "skipped_rows", "compute_file", "Computation",
        "new_year", "NewYear", "upgrade", "Upgraded", "build", "BuildOptions", "BuildEvents",
        "report_name"])
    assert sorted(compute.__all__) == ["Computed", "Headline", "RAG_ORDER", "Ratings",
                                       "STATUS_ORDER", "compute", "own_ratings"]
    assert set(errors.__all__) == {"LscbError", "WorkbookError", "UnreadableWorkbook",
                                   "NotAMasterWorkbook", "OutputError", "ReportError",
                                   "WorkbookHasErrors", "NotReadyToPublish", "TemplateProblem",
                                   "PdfError"}
    assert {"round_half_up", "percent", "difference"} <= set(fmt.__all__)


def test_schema_exports() -> None:
    from xl_addin import schema

    assert {"Profile", "load_profile", "available_profiles", "ProfileError", "STARTER",
            "SETTINGS_TABLE"} <= set(schema.__all__)
    for name in schema.__all__:
        assert hasattr(schema, name), name


def test_every_exported_name_exists() -> None:
    for module in (xl_addin, validate, compute, errors, fmt, jobs):
        for name in module.__all__:
            assert hasattr(module, name), (module.__name__, name)
