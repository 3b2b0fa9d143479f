"""Excel's number formats: the built-in codes, and which codes show a date or a duration.

A cell in an .xlsx file holds a number; its number format says how Excel shows it. A date
is a number shown through a format with day, month, year, hour, minute or second codes
(``d-mmm-yy``); a duration is one shown through an elapsed-time code (``[h]:mm``). The
readers and the workbook editor need both answers without loading a spreadsheet library.

The built-in codes are those ECMA-376 (Part 1, 18.8.30) numbers instead of writing them
into the file, as Excel shows them in an English locale; 5 to 8 and 41 to 44 (currency and
accounting) are the codes Excel writes for those numbers there.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["BUILTIN_FORMATS", "shows_date", "shows_duration"]

BUILTIN_FORMATS: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
    42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}

DATE_CODES = frozenset("dmyhsDMYHS")
SKIP_NEXT = frozenset("\\_*")  # an escaped character, a space as wide as it, a fill


def _codes(code: str) -> tuple[str, list[str]]:
    """The date and time letters of the first section of ``code`` (what a positive number
    shows), outside quoted text, escapes and brackets; and the bracketed items."""
    letters: list[str] = []
    brackets: list[str] = []
    section = code
    i, n = 0, len(section)
    while i < n:
        char = section[i]
        if char == ";":
            break
        if char == '"':
            end = section.find('"', i + 1)
            i = n if end < 0 else end + 1
            continue
        if char in SKIP_NEXT:
            i += 2
            continue
        if char == "[":
            end = section.find("]", i + 1)
            if end < 0:
                break
            brackets.append(section[i + 1:end])
            i = end + 1
            continue
        if char in DATE_CODES:
            letters.append(char)
        i += 1
    return "".join(letters), brackets


def _elapsed(item: str) -> bool:
    """``h``, ``mm``, ``sss``: a bracketed elapsed-time code (one letter, repeated)."""
    return bool(item) and item[0] in "hmsHMS" and item == item[0] * len(item)


@lru_cache(maxsize=512)
def shows_date(code: str | None) -> bool:
    """Whether a number in this format shows as a date or a time of day (or a duration)."""
    if not code:
        return False
    letters, brackets = _codes(code)
    return bool(letters) or any(_elapsed(item) for item in brackets)


@lru_cache(maxsize=512)
def shows_duration(code: str | None) -> bool:
    """Whether a number in this format shows as elapsed time (``[h]:mm``): a duration."""
    if not code:
        return False
    return any(_elapsed(item) for item in _codes(code)[1])
