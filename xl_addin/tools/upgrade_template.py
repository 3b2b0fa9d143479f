"""Bring the shipped Word templates up to date, keeping everything the comms team did to them.

    python -m xl_addin.tools.upgrade_template            # every shipped profile's template
    python -m xl_addin.tools.upgrade_template --check    # exit 1 if one needs upgrading

What each step changes is described in :mod:`xl_addin.report.word.template_upgrade`.
Running it twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import sys

from xl_addin.report.word.template_upgrade import upgrade_template
from xl_addin.tools import make_template as make
from xl_addin.tools.profiles import shipped_profiles

__all__ = ["upgrade_template", "main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bring the shipped Word templates up to "
                                     "date, keeping the comms team's changes.")
    parser.add_argument("--check", action="store_true",
                        help="only say whether a template needs upgrading (exit 1 if so)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    stale = 0
    for profile in shipped_profiles():
        path = make.TEMPLATES / profile.template
        data = path.read_bytes()
        new = upgrade_template(data, profile)
        if new == data:
            print(f"{path.name} is up to date")
            continue
        stale += 1
        if args.check:
            print(f"{path.name} needs upgrading: python -m xl_addin.tools.upgrade_template")
        else:
            make._write(path, new)
            print(f"upgraded {path}")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
