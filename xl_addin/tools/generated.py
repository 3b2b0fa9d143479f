"""Write a generated documentation file, or check that the committed one is current."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["write_or_check", "write_or_check_all"]


def write_or_check(path: Path, text: str, command: str, argv: list[str] | None = None) -> int:
    """With ``--check`` in ``argv``: exit code 1 if ``path`` differs from ``text``.
    Otherwise write ``text`` to ``path``."""
    argv = sys.argv[1:] if argv is None else argv
    if "--check" in argv:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is out of date: run {command}")
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def write_or_check_all(files: dict[Path, str], command: str, argv: list[str] | None = None) -> int:
    """:func:`write_or_check` for several files; 1 if any is out of date."""
    return max((write_or_check(path, text, command, argv) for path, text in files.items()),
               default=0)
