"""The schema is consistent with itself: every name it uses resolves."""

from __future__ import annotations

import re

from tests.support.profiles import EXAMPLE
from xl_addin.schema import Kind, Role
from xl_addin.schema.crossref import CellRef, FactRef, SumRef, YearRef

CHECKS = EXAMPLE.checks

EXCEL_TABLE_NAME = re.compile(r"^tbl[A-Z][A-Za-z0-9]{1,60}$")


def test_names_fit_excel() -> None:
    for sheet, table in EXAMPLE.iter_tables():
        assert len(sheet.name) <= 31 and not set(sheet.name) & set("[]:*?/\\")
        assert EXCEL_TABLE_NAME.match(table.name), table.name
        headers = [c.header for c in table.columns]
        assert len(headers) == len(set(headers)), table.name


def test_every_section_belongs_to_an_existing_sheet_and_is_written_somewhere() -> None:
    assert len(EXAMPLE.sections) == 33
    names = {s.name for s in EXAMPLE.sheets}
    for section in EXAMPLE.sections:
        assert section.tab in names
    written = {i for s in EXAMPLE.sheets if s.narrative for i in s.narrative.sections}
    tables = {EXAMPLE.section_of_table(t).id for _, t in EXAMPLE.iter_tables()
              if not t.display.hidden and EXAMPLE.section_of_table(t)}
    from_data = {s.id for s in EXAMPLE.sections if s.builder == "about_the_figures"}
    assert {s.id for s in EXAMPLE.sections} == written | tables | from_data


def test_table_declarations_refer_to_their_own_columns() -> None:
    for _, table in EXAMPLE.iter_tables():
        keys = {c.key for c in table.columns}
        for name in (table.key, table.total_in, table.year_column):
            assert name is None or name in keys, (table.name, name)
        for group in (table.groups, table.unique_together, table.distinct, table.year_group):
            assert set(group) <= keys, table.name
        for column in table.columns:
            assert column.unit_from is None or column.unit_from in keys
            assert set(column.required_if) <= keys
            assert not (column.choices and column.kind not in {Kind.CHOICE}), column.key
            assert column.role is not Role.COMPUTED or not column.required


def _refs(check):
    for value in vars(check).values():
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            item = item[1] if isinstance(item, tuple) else item
            if isinstance(item, FactRef | CellRef | YearRef | SumRef):
                yield item


def test_every_check_names_real_tables_columns_and_facts() -> None:
    facts = {f.key for _, f in EXAMPLE.iter_facts()}
    for check in CHECKS:
        for ref in _refs(check):
            if isinstance(ref, FactRef):
                assert ref.key in facts, (check.id, ref.key)
                continue
            table = EXAMPLE.table(ref.table)
            columns = ref.columns if isinstance(ref, SumRef) else (ref.column,)
            for column in columns:
                table.column(column)
            if isinstance(ref, CellRef):
                assert table.key, (check.id, "CellRef needs a keyed table")
        for attr in ("table", "percent", "count", "base", "published", "number", "population"):
            value = getattr(check, attr, None)
            if attr == "table" and value:
                table = EXAMPLE.table(value)
            elif value and hasattr(check, "table"):
                table.column(value)
