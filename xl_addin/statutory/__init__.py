"""What the law requires of a yearly safeguarding report, and how a report shows it meets it.

The requirements themselves are data (``frameworks.yaml``, shipped with the tool): one list
per edition of Working Together, each requirement with an id, a summary in plain words and
the guidance it comes from, with the publication deadline and circulation each edition
sets. A board's profile maps each requirement to the sections, tables and key figures that
meet it (its ``statutory:`` key); :mod:`.coverage` works out, for a workbook, what is met,
what is not, and where.

This package imports nothing of the schema, so the profile loader can read it.
"""

from __future__ import annotations

from xl_addin.statutory.frameworks import (
    DEFAULT_FRAMEWORK,
    Framework,
    FrameworkError,
    Publication,
    Requirement,
    Words,
    framework,
    frameworks,
    requirement_ids,
    words,
)

__all__ = ["DEFAULT_FRAMEWORK", "Framework", "FrameworkError", "Publication", "Requirement",
           "framework", "frameworks", "requirement_ids", "Words", "words"]
