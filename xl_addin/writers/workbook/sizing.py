"""Row heights for wrapped text."""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["fit_row_heights", "fit_wrapped", "lines_needed"]

LINE_POINTS, TALLEST = 15, 409  # a line of 11-point text; Excel's tallest row


def lines_needed(text: str, width: float) -> int:
    """The lines ``text`` takes in a column ``width`` wide when wrapped.

    Excel and LibreOffice do not reliably re-measure rows in a file they did not write, so
    the height is estimated from the text length and the column width (about 1.1
    characters per width unit, 15 points a line)."""
    per_line = max(1, int(width * 1.1))
    return sum(-(-max(1, len(part)) // per_line) for part in text.split("\n"))


def fit_wrapped(ws: Worksheet, cells: Iterable[tuple[int, int, object]]) -> None:
    """Give each row a height that shows all of its wrapped cells' text: ``cells`` are
    (row, column number, value) of the cells written wrapped, and the columns' widths are
    set."""
    lines: dict[int, int] = {}
    widths: dict[int, float] = {}
    for row, column, value in cells:
        if value is None:
            continue
        if column not in widths:
            widths[column] = ws.column_dimensions[get_column_letter(column)].width or 10
        lines[row] = max(lines.get(row, 1), lines_needed(str(value), widths[column]))
    for row, count in lines.items():
        if count > 1:
            ws.row_dimensions[row].height = min(TALLEST, LINE_POINTS * count)


def fit_row_heights(ws: Worksheet, first_row: int = 1) -> None:
    """Give rows with wrapped text, from ``first_row`` down, a height that shows all of it
    (every cell of the sheet is looked at: for a short sheet)."""
    fit_wrapped(ws, ((cell.row, cell.column, cell.value)
                     for row in ws.iter_rows(min_row=first_row) for cell in row
                     if cell.value is not None and cell.alignment
                     and cell.alignment.wrap_text))
