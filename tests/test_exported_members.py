"""The public names of the package are pinned, so a change to them is deliberate."""

from __future__ import annotations

import xl_addin
from xl_addin import compute, errors, fmt, validate


def test_package_exports() -> None:
    assert sorted(xl_addin.__all__) == sorted([
        "__version__", "main", "LscbError", "WorkbookError", "UnreadableWorkbook",
        "NotAMasterWorkbook", "OutputError"])


def test_core_module_exports() -> None:
    assert sorted(validate.__all__) == ["Finding", "RULES", "Result", "Severity", "skipped_rows",
                                        "validate"]
    assert sorted(compute.__all__) == ["Computed", "Headline", "RAG_ORDER", "STATUS_ORDER",
                                       "compute"]
    assert set(errors.__all__) == {"LscbError", "WorkbookError", "UnreadableWorkbook",
                                   "NotAMasterWorkbook", "OutputError"}
    assert {"round_half_up", "percent", "difference"} <= set(fmt.__all__)


def test_schema_exports() -> None:
    from xl_addin import schema

    assert {"Profile", "load_profile", "available_profiles", "ProfileError", "STARTER",
            "SETTINGS_TABLE"} <= set(schema.__all__)
    for name in schema.__all__:
        assert hasattr(schema, name), name


def test_every_exported_name_exists() -> None:
    for module in (xl_addin, validate, compute, errors, fmt):
        for name in module.__all__:
            assert hasattr(module, name), (module.__name__, name)
