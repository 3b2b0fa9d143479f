"""A new board profile, ready to edit: a copy of another one under a name of its own.

``lscb-report profiles new NAME [--from PROFILE] [-o FILE]`` copies the text of a profile
(the starter by default), so that its comments and layout come with it, and changes only
what must change for a new board: its name, its title, its template's file name and its
version. A new profile starts at version 1.0, and everything in it is in that version, so
the ``since:`` marks of its source (which say in which version of the source a table or a
figure was added) are taken out: left in, a mark later than 1.0 would hide what it marks
from every workbook made with the new profile. The copy is loaded and checked before it
is written; an existing file is replaced only with ``force``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from xl_addin.core.errors import LscbError
from xl_addin.files.atomic import write_atomic
from xl_addin.files.outputs import check_output
from xl_addin.schema import STARTER, Profile, load_profile
from xl_addin.schema.loader import ProfileError, plain_yaml, profile_from_data

__all__ = ["new_profile", "NewProfile", "FIRST_VERSION"]

FIRST_VERSION = "1.0"
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
# a since: mark, in a {...} line or on a line of its own
SINCE_IN_LINE = re.compile(r",\s*since:\s*(?:'[^']*'|\"[^\"]*\"|[0-9.]+)")
SINCE_FIRST = re.compile(r"(\{\s*)since:\s*(?:'[^']*'|\"[^\"]*\"|[0-9.]+)\s*,\s*")
SINCE_LINE = re.compile(r"^[ \t]+(?:- )?since:[^\n]*\n", re.MULTILINE)


@dataclass(frozen=True)
class NewProfile:
    path: Path
    profile: Profile
    source: Profile
    unmarked: int  # since: marks taken out


def new_profile(name: str, source: str | Path = STARTER, out: Path | None = None, *,
                force: bool = False) -> NewProfile:
    """Write the profile ``name`` made from ``source`` to ``out`` (default ``NAME.yaml``)."""
    if not NAME.match(name):
        raise LscbError(f"{name!r} cannot name a profile: use lower-case letters, digits and "
                        "hyphens, starting with a letter or digit, such as northshire.")
    out = Path(out) if out is not None else Path(f"{name}.yaml")
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise LscbError(f"Cannot write {out.name}: a profile is a .yaml file.")
    check_output(out, force=force)
    original = load_profile(source)
    text = Path(original.source).read_text(encoding="utf-8")
    text, unmarked = _unmarked(text)
    for key, value in (("profile", name), ("version", f"'{FIRST_VERSION}'"),
                       ("template", f"{name}.docx"),
                       ("title", f"'{_title(name)} yearly report'")):
        text, found = re.subn(rf"^{key}:[^\n]*$", f"{key}: {value}", text, count=1,
                              flags=re.MULTILINE)
        if not found:
            raise LscbError(f"The profile {original.name!r} has no top-level '{key}:' line "
                            "to change; copy it by hand instead.")
    try:
        made = profile_from_data(plain_yaml(text), out.name, str(out.resolve()))
    except ProfileError as exc:  # a source the text edits could not follow
        raise LscbError(f"The copy of {original.name!r} could not be made ready to edit: "
                        f"{exc}") from exc
    left = [where for where in _marks(made)]
    if left:
        raise LscbError(f"The copy of {original.name!r} still has since: marks at "
                        f"{', '.join(left[:5])}; copy it by hand and delete them.")
    data = text.encode("utf-8")
    write_atomic(out, lambda handle: handle.write(data))
    return NewProfile(out, made, original, unmarked)


def _unmarked(text: str) -> tuple[str, int]:
    """``text`` without its since: marks, and how many there were."""
    text, a = SINCE_IN_LINE.subn("", text)
    text, b = SINCE_FIRST.subn(r"\1", text)
    text, c = SINCE_LINE.subn("", text)
    return text, a + b + c


def _marks(profile: Profile) -> list[str]:
    found = []
    for _, table in profile.iter_tables():
        if table.since:
            found.append(table.name)
        found += [f"{table.name}.{c.key}" for c in table.columns if c.since]
        found += [f"{table.name}.{f.key}" for f in table.facts if f.since]
    return found


def _title(name: str) -> str:
    """'north-shire' -> 'North Shire'."""
    return " ".join(part.capitalize() for part in name.split("-") if part)
