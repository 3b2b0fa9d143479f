"""The section tags a Word template places, read quickly (no docxtpl, no python-docx).

The checks that run with every validation need to know which sections' details the
board's template moves to an appendix; opening the template with docxtpl for that would
cost more than the checks. docxtpl needs each tag in one run, so the tags are whole in the
document's XML text.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

__all__ = ["appendix_tags"]

_APPENDIX_TAG = re.compile(r"\{\{p\s+appendix_([a-z][a-z0-9_]*)\s*\}\}")


def appendix_tags(template: Path) -> list[str]:
    """Ids of the sections whose detail ``template`` moves to an appendix, in its order
    ([] when the template cannot be read: building the report will say why)."""
    try:
        with zipfile.ZipFile(template) as package:
            xml = package.read("word/document.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return []
    return list(dict.fromkeys(_APPENDIX_TAG.findall(re.sub(r"<[^>]*>", "", xml))))
