"""Where the shipped files live, whether installed or run from a checkout.

Which workbook is the shipped example is data (``workbook/example.yaml``), not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from xl_addin.core.cache import yaml_data

__all__ = ["example_workbook", "Example", "example", "WORKBOOK_DIR"]

WORKBOOK_DIR = Path(str(files("xl_addin.workbook")))


@dataclass(frozen=True)
class Example:
    workbook: Path
    seed: Path
    profile: str


def example() -> Example:
    """The shipped example, as ``workbook/example.yaml`` describes it."""
    text = (WORKBOOK_DIR / "example.yaml").read_text(encoding="utf-8")
    data = yaml_data("example", text)
    return Example(WORKBOOK_DIR / str(data["workbook"]), WORKBOOK_DIR / str(data["seed"]),
                   str(data["profile"]))


def example_workbook() -> Path:
    """The shipped example workbook."""
    return example().workbook
