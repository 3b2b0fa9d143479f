"""A board's own Word template, made from its profile: ``lscb-report make-template``.

The template has the cover, the styles the report uses and one ``{{p section_<id> }}``
tag per section the profile has switched on, in the profile's order (the year at a glance
after the first section; an ``appendix_`` tag only for a business plan that is switched
on). The comms team then styles it, moves or deletes tags and writes their own words
between them in Word (docs/comms-team.md). By default it is written beside the profile,
under the name the profile's ``template:`` gives, where ``lscb-report build`` looks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xl_addin.core.errors import OutputError
from xl_addin.files.atomic import write_atomic
from xl_addin.files.outputs import check_output
from xl_addin.schema import Profile, load_profile, profile_folders

__all__ = ["make_template", "MadeTemplate"]


@dataclass(frozen=True)
class MadeTemplate:
    path: Path
    profile: Profile
    tags: tuple[str, ...]  # the section tags it holds, in order


def make_template(profile_name: str | Path, out: Path | None = None, *,
                  force: bool = False) -> MadeTemplate:
    """Write the Word template of a profile (by name or file) to ``out``."""
    profile = load_profile(profile_name)
    out = Path(out) if out is not None else _beside(profile)
    if out.suffix.lower() != ".docx":
        raise OutputError(f"Cannot write {out.name}: a Word template is a .docx file.")
    check_output(out, force=force)
    from xl_addin.report.word.template_upgrade import template_for  # python-docx: lazily

    data = template_for(profile)
    write_atomic(out, lambda handle: handle.write(data))
    return MadeTemplate(out, profile, tuple(s.tag for s in profile.enabled_sections()))


def _beside(profile: Profile) -> Path:
    """Beside a board's own profile; in this folder for a shipped one."""
    shipped = profile_folders()[-1].resolve()
    folder = Path(profile.source).parent if profile.source else Path(".")
    if not profile.source or folder.resolve() == shipped:
        return Path(profile.template)
    return folder / profile.template
