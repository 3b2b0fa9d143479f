"""Write a shipped profile's Word template from nothing, once; afterwards the .docx is the source.

    python -m xl_addin.tools.make_template                      # every shipped profile's
    python -m xl_addin.tools.make_template --profile starter --force

The comms team restyles and rewords the committed templates in Word; rerunning this would
discard their changes, hence ``--force``. A board makes the template of its own profile
with ``lscb-report make-template --profile NAME -o FILE`` (docs/adopting.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import BinaryIO

from xl_addin.files.atomic import write_atomic
from xl_addin.report.word.blank_template import build_template, place_sections
from xl_addin.report.word.template_upgrade import template_for
from xl_addin.schema import load_profile
from xl_addin.tools.profiles import shipped_profiles

__all__ = ["TEMPLATES", "build_template", "place_sections", "main"]

TEMPLATES = Path(__file__).resolve().parents[2] / "word_templates"


def _write(path: Path, data: bytes) -> None:
    def write(handle: BinaryIO) -> None:
        handle.write(data)

    write_atomic(path, write)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a profile's Word template from "
                                     "scratch (only if it is lost: the committed one is the "
                                     "comms team's).")
    parser.add_argument("--profile", default=None, help="the board profile (default: all "
                        "shipped ones)")
    parser.add_argument("--force", action="store_true", help="replace an existing template")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    profiles = [load_profile(args.profile)] if args.profile else shipped_profiles()
    for profile in profiles:
        path = TEMPLATES / profile.template
        if path.exists() and not args.force:
            print(f"{path} exists and may hold the comms team's changes; add --force to "
                  "replace it.")
            return 1
        _write(path, template_for(profile))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
