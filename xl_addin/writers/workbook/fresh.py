"""Write a master workbook from the schema: the blank one, or one filled with data.

The same function writes both; a blank workbook is a filled one with no rows. The result
is a plain .xlsx (no macros) with an Instructions tab, a Settings tab, one tab per
sub-group coloured by owner, named Excel Tables, dropdowns for every fixed choice,
number formats, readable widths and frozen headers. Input, computed and as-published
columns look different so a chair can see where to type.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping, Sequence
from copy import copy
from dataclasses import replace
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table as XlTable
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from xl_addin.core import fmt
from xl_addin.core.raw import column_letter
from xl_addin.core.values import Target
from xl_addin.files.atomic import normalise_zip, write_atomic
from xl_addin.schema import SETTINGS_TABLE, Column, Kind, Profile, Role, Sheet, Table
from xl_addin.schema.active import active_profile
from xl_addin.schema.resolve import PROFILE_NAME, VERSION_NAME
from xl_addin.schema.signoff_tab import SIGNOFF_TABLE
from xl_addin.statutory import words as framework_words
from xl_addin.writers.cell_text import put_text
from xl_addin.writers.column_formats import (
    COMPUTED_FILL,
    NUMBER_FORMATS,
    ColourRule,
    colour_rules,
)
from xl_addin.writers.workbook.instructions import examples, write_instructions
from xl_addin.writers.workbook.layout import BANNER_ROWS, TablePlacement, place_tables
from xl_addin.writers.workbook.sizing import fit_wrapped

__all__ = ["build_workbook", "save_workbook", "Rows", "NUMBER_FORMATS", "STYLE", "CREATED",
           "ColourRule", "colour_rules", "header_note"]

Rows = Mapping[str, Sequence[Mapping[str, object]]]  # table name -> rows of typed values

CREATED = dt.datetime(2000, 1, 1)  # fixed, so that the same content gives the same bytes


STYLE = {
    "input_header": PatternFill("solid", fgColor="1F3864"),
    "computed_header": PatternFill("solid", fgColor="7F7F7F"),
    "reference_header": PatternFill("solid", fgColor="2F75B5"),
    "computed_cell": PatternFill("solid", fgColor=COMPUTED_FILL),
    "reference_cell": PatternFill("solid", fgColor="DDEBF7"),
}

TOP = Alignment(vertical="top")
WRAPPED = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(horizontal="center", vertical="top")
ALIGNMENTS = {"top": TOP, "wrapped": WRAPPED, "centred": CENTRED}



LEGEND = ("How to fill in this tab: type in the white cells. Grey columns are worked out by "
          "the tool, so leave them alone. Blue columns keep figures as they were published, "
          "for checking. Hover over a column heading to see what it needs.")


def build_workbook(profile: Profile, data: Rows | None = None,
                   own: Sequence[tuple[str, Table]] = ()) -> Workbook:
    """The master workbook as an openpyxl Workbook, empty or holding ``data``.

    It holds the tables of the sections the profile has switched on, and records the
    profile's name and version, which every command then follows. ``own`` are chairs' own
    tables (tab, declaration) to write too, before their tab's Report text.
    """
    data = data or {}
    facts = settings_of(data)
    area = facts.get("area")
    area = area.strip() or None if isinstance(area, str) else None
    schema = active_profile(profile, area=area, generic=False)
    data = _relabelled(schema, data, area)
    words = framework_words(facts.get("framework"))
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = f"{words.report_title}: master data workbook"
    wb.properties.creator = "lscb-report"
    wb.properties.created = wb.properties.modified = CREATED
    write_instructions(wb.create_sheet("Instructions"), schema, words,
                       examples(schema, facts))
    _print_one_page_wide(wb["Instructions"])
    lists = _write_lists(wb, schema)
    for sheet in schema.sheets:
        mine = tuple(table for tab, table in own if tab == sheet.name)
        if mine:
            sheet = replace(sheet, tables=(*(t for t in sheet.tables if not t.is_narrative),
                                           *mine, *(t for t in sheet.tables if t.is_narrative)))
        ws = wb.create_sheet(sheet.name)
        ws.sheet_properties.tabColor = schema.owners[sheet.owner]
        _write_sheet(ws, sheet, data, lists)
    for name, value in ((PROFILE_NAME, profile.name), (VERSION_NAME, profile.version)):
        wb.defined_names[name] = DefinedName(name, attr_text=f'"{value}"')
    return wb


def settings_of(data: Rows) -> dict[str, object]:
    """The Settings values among ``data`` (Ref -> Value)."""
    return {str(row.get("ref")): row.get("value") for row in data.get(SETTINGS_TABLE, ())}


def _relabelled(schema: Profile, data: Rows, area: str | None) -> Rows:
    """Report text rows whose Section names a section as a blank workbook does ("Children
    in The Area") name it as the dropdown now does ("Children in Northshire")."""
    if area is None:
        return data
    out = dict(data)
    for sheet in schema.sheets:
        if sheet.narrative is None or sheet.narrative.table not in data:
            continue
        sections = [schema.section(i) for i in sheet.narrative.sections]
        now = {_loose(s.label): s.label_for(area) for s in sections}
        out[sheet.narrative.table] = [
            {**row, "section": now.get(_loose(row.get("section")), row.get("section"))}
            for row in data[sheet.narrative.table]]
    return out


def _loose(value: object) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in str(value or "").casefold())
                    .split())


def save_workbook(wb: Workbook, path: Path, modified: dt.datetime = CREATED) -> None:
    """Save atomically and repeatably: fixed zip timestamps and 'modified' property."""
    buffer = io.BytesIO()
    # openpyxl's own save compresses every part, and normalise_zip would do it again: the
    # parts are written uncompressed here and compressed once
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    data = normalise_zip(buffer.getvalue(), modified.strftime("%Y-%m-%dT%H:%M:%SZ"))
    write_atomic(path, lambda handle: handle.write(data))


# --- the hidden list of dropdown choices ----------------------------------------------------


def _write_lists(wb: Workbook, schema: Profile) -> dict[tuple[str, ...], str]:
    """One column per distinct choice list on a hidden tab; returns list -> range."""
    ws = wb.create_sheet("Lists")
    ws.sheet_state = "hidden"
    ranges: dict[tuple[str, ...], str] = {}
    choice_lists = [c.choices for _, t in schema.iter_tables() for c in t.columns if c.choices]
    choice_lists += [f.choices for _, f in schema.iter_facts() if f.choices]
    for choices in choice_lists:
        if choices in ranges:
            continue
        letter = column_letter(len(ranges) + 1)
        for row, choice in enumerate(choices, start=1):
            put_text(ws[f"{letter}{row}"], choice)
        ranges[choices] = f"Lists!${letter}$1:${letter}${len(choices)}"
    return ranges


# --- one sheet ------------------------------------------------------------------------------


def _write_sheet(ws: Worksheet, sheet: Sheet, data: Rows,
                 lists: dict[tuple[str, ...], str]) -> None:
    put_text(ws["A1"], sheet.title).font = Font(size=16, bold=True)
    put_text(ws["A2"], f"Owner: {sheet.owner}").font = Font(bold=True)
    put_text(ws["A3"], sheet.description)
    put_text(ws["A4"], LEGEND).font = Font(italic=True, color="595959")
    counts = {t.name: len(t.facts) or len(data.get(t.name, ())) or t.blank_rows
              for t in sheet.tables}
    if SIGNOFF_TABLE in counts and data.get(SIGNOFF_TABLE):
        # rows to sign off what the next run finds, inside the table (LibreOffice does not
        # extend a table over a row typed below it)
        counts[SIGNOFF_TABLE] += sheet.table(SIGNOFF_TABLE).blank_rows
    placements = place_tables(sheet, counts)
    widths: dict[int, int] = {}
    wrapped: list[tuple[int, int, object]] = []  # (row, column, value) of wrapped cells
    for placement in placements:
        _write_table(ws, placement, data.get(placement.table.name, ()), lists, wrapped)
        for i, column in enumerate(placement.table.columns, start=1):
            widths[i] = max(widths.get(i, 0), _width(column))
    for i, width in widths.items():
        ws.column_dimensions[column_letter(i)].width = width
    fit_wrapped(ws, wrapped)
    _print_one_page_wide(ws)
    first = placements[0]
    ws.freeze_panes = f"A{first.first_row}" if first.header_row > BANNER_ROWS else None


def _print_one_page_wide(ws: Worksheet) -> None:
    """Print landscape, as many pages down as needed but one page across."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _width(column: Column) -> int:
    if column.width:
        return min(column.width, 80)
    return {Kind.DATE: 12, Kind.TEXT: 30}.get(column.kind, max(10, len(column.header) // 2 + 2))


def _write_table(ws: Worksheet, placement: TablePlacement, rows: Sequence[Mapping[str, object]],
                 lists: dict[tuple[str, ...], str],
                 wrapped: list[tuple[int, int, object]]) -> None:
    """Write the table's title, headings and rows; add to ``wrapped`` the cells written
    with their text wrapped."""
    table = placement.table
    put_text(ws.cell(placement.title_row, 1), table.title).font = Font(size=12, bold=True)
    for i, column in enumerate(table.columns, start=1):
        cell = put_text(ws.cell(placement.header_row, i), column.header)
        cell.fill = STYLE[f"{column.role.value}_header"]
        cell.font = Font(bold=True, color="FFFFFF")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        wrapped.append((placement.header_row, i, cell.value))
        cell.comment = Comment(header_note(column), "lscb-report", width=300, height=120)
    if table.is_fact_table:
        rows = _fact_rows(table, rows)
    styles: dict[tuple[object, ...], StyleArray] = {}
    for offset in range(placement.rows):
        values = rows[offset] if offset < len(rows) else {}
        for i, column in enumerate(table.columns, start=1):
            cell = ws.cell(placement.first_row + offset, i)
            kind, unit = _cell_kind(table, column, values)
            put_text(cell, _excel_value(values.get(column.key), unit))
            fill = (f"{column.role.value}_cell" if column.role is not Role.INPUT else
                    "computed_cell" if values.get("_computed") and column.key == "value"
                    else None)
            wrap = column.kind is Kind.TEXT and (column.width or 0) >= 40
            align = "wrapped" if wrap else "centred" if colour_rules(column) else "top"
            if wrap:
                wrapped.append((placement.first_row + offset, i, cell.value))
            key = (_number_format(kind, unit, cell.value), fill, align, cell.quotePrefix)
            if key in styles:  # a style already made for a cell like this one: a copy of it
                cell._style = copy(styles[key])  # (openpyxl would hash each part again)
                continue
            cell.number_format = key[0]
            if fill is not None:
                cell.fill = STYLE[fill]
            cell.alignment = ALIGNMENTS[align]
            styles[key] = copy(cell._style)
    xl_table = XlTable(displayName=table.name, ref=placement.ref)
    xl_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(xl_table)
    _add_validations(ws, placement, lists)
    _add_colours(ws, placement)
    if table.is_fact_table:
        _add_fact_choices(ws, placement, lists)


def _add_colours(ws: Worksheet, placement: TablePlacement) -> None:
    """The conditional formats that colour each RAG letter the tool writes."""
    for i, column in enumerate(placement.table.columns, start=1):
        letter = column_letter(i)
        cells = f"{letter}{placement.first_row}:{letter}{placement.last_row}"
        for rule in colour_rules(column):
            fill = PatternFill("solid", start_color=rule.fill, end_color=rule.fill)
            ws.conditional_formatting.add(cells, CellIsRule(
                operator="equal", formula=['"' + rule.text.replace('"', '""') + '"'], fill=fill))


def header_note(column: Column) -> str:
    """The note on a column heading: what the column needs, and who writes it."""
    role = {Role.INPUT: "Type here.", Role.COMPUTED: "Worked out by the tool: do not type.",
            Role.REFERENCE: "As published, kept for checking."}[column.role]
    needs = " Required." if column.required else ""
    return f"{column.description}{needs} {role}"


def _fact_rows(table, rows: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    by_ref = {str(r.get("ref")): r for r in rows}
    out = []
    for fact in table.facts:
        given = by_ref.get(fact.key, {})
        out.append({"ref": fact.key, "label": fact.label, "value": given.get("value"),
                    "note": given.get("note"), "_kind": fact.kind, "_unit": fact.unit,
                    "_computed": fact.computed})
    return out


def _cell_kind(table, column: Column, values: Mapping[str, object]) -> tuple[Kind, str]:
    if column.kind is Kind.FACT:
        return values.get("_kind", Kind.TEXT), str(values.get("_unit") or "")  # type: ignore[return-value]
    if column.unit_from:
        return column.kind, str(values.get(column.unit_from) or "")
    return column.kind, column.unit


def _excel_value(value: object, unit: str) -> object:
    if isinstance(value, Target):
        if not value.is_range:
            return value.low
        show = fmt.percent if unit == "%" else fmt.number
        return f"{show(value.low)}-{show(value.high)}"
    return value


def _number_format(kind: Kind, unit: str, value: object) -> str:
    if kind is Kind.DATE and unit == "month":
        return "mmmm yyyy"
    if kind in (Kind.MEASURE, Kind.TARGET):
        if isinstance(value, str):
            return "@"
        return NUMBER_FORMATS[Kind.PERCENT] if unit == "%" else "General"
    return NUMBER_FORMATS.get(kind, "General")


def _add_validations(ws: Worksheet, placement: TablePlacement,
                     lists: dict[tuple[str, ...], str]) -> None:
    for i, column in enumerate(placement.table.columns, start=1):
        letter = column_letter(i)
        cells = f"{letter}{placement.first_row}:{letter}{placement.last_row}"
        rule = _validation(column, lists)
        if rule is not None:
            rule.add(cells)
            ws.add_data_validation(rule)


def _add_fact_choices(ws: Worksheet, placement: TablePlacement,
                      lists: dict[tuple[str, ...], str]) -> None:
    value_letter = column_letter(
        [c.key for c in placement.table.columns].index("value") + 1)
    for offset, fact in enumerate(placement.table.facts):
        if fact.choices:
            rule = _list_rule(fact.label, fact.choices, lists)
            rule.add(f"{value_letter}{placement.first_row + offset}")
            ws.add_data_validation(rule)


def _list_rule(header: str, choices: tuple[str, ...],
               lists: dict[tuple[str, ...], str]) -> DataValidation:
    rule = DataValidation(type="list", formula1=f"={lists[choices]}", allow_blank=True,
                          showErrorMessage=True, errorStyle="stop")
    rule.error = f"Choose one of: {', '.join(choices)}."
    rule.errorTitle = header[:32]
    return rule


def _validation(column: Column, lists: dict[tuple[str, ...], str]) -> DataValidation | None:
    if column.role is Role.COMPUTED:
        return None
    if column.choices:
        return _list_rule(column.header, column.choices, lists)
    if column.kind is Kind.INTEGER:
        low = int(column.minimum) if column.minimum is not None else -(10**9)
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1=str(low),
                              allow_blank=True, showErrorMessage=True, errorStyle="warning")
        rule.error = "This column holds whole numbers" + (
            f" of {low} or more." if column.minimum is not None else ".")
        rule.errorTitle = column.header[:32]
        return rule
    if column.kind is Kind.PERCENT:
        rule = DataValidation(type="decimal", operator="between", formula1="0", formula2="1",
                              allow_blank=True, showErrorMessage=True, errorStyle="warning")
        rule.error = "Type a percentage between 0% and 100%, with the % sign."
        rule.errorTitle = column.header[:32]
        return rule
    return None
