"""Row heights for wrapped text."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["fit_row_heights"]


def fit_row_heights(ws: Worksheet, first_row: int = 1) -> None:
    """Give rows with wrapped text a height that shows all of it.

    Excel and LibreOffice do not reliably re-measure rows in a file they did not write, so
    the height is estimated from the text length and the column width (about 1.1
    characters per width unit, 15 points a line).
    """
    widths: dict[str, float] = {}
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if cell.value is None or not (cell.alignment and cell.alignment.wrap_text):
                continue
            letter = cell.column_letter
            if letter not in widths:
                widths[letter] = ws.column_dimensions[letter].width or 10
            width = widths[letter]
            per_line = max(1, int(width * 1.1))
            text = str(cell.value)
            lines = max(lines, sum(-(-max(1, len(part)) // per_line)
                                   for part in text.split("\n")))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = min(409, 15 * lines)
