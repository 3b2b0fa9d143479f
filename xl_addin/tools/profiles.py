"""The profiles shipped with the tool, for the maintainer tools that write their documents."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from xl_addin.schema import Profile, read_profile

__all__ = ["shipped_profiles", "DOCS", "SHIPPED"]

DOCS = Path(__file__).resolve().parents[2] / "docs" / "profiles"
SHIPPED = Path(str(files("xl_addin.workbook").joinpath("profiles")))


def shipped_profiles() -> list[Profile]:
    return [read_profile(p) for p in sorted(SHIPPED.glob("*.yaml"))]
