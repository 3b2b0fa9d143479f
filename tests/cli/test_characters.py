"""Through the command line: a workbook file, written by openpyxl, whose cells carry characters
no Word file can hold, the way Excel stores them (``_xHHHH_``), in a cell of every kind and in
the Settings. ``lscb-report validate`` and ``build --draft`` take it: each such cell is
reported at its tab and cell if the reader decodes the escapes, or read as the text Excel
stored if it does not (openpyxl, today, leaves them as written); the report is built.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import docx
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.support.characters import excel_escaped, holds_unprintable, placements
from xl_addin.cli import main
from xl_addin.core.raw import RawWorkbook
from xl_addin.files.shipped import example_workbook
from xl_addin.readers.xlsx import read_workbook

SCALE = int(os.environ.get("LSCB_PROPERTY_SCALE", "1"))


@settings(max_examples=1 * SCALE, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck), phases=(Phase.explicit, Phase.generate))
@given(data=st.data())
def test_a_file_carrying_such_characters_validates_and_builds(
        data: st.DataObject, example_raw: RawWorkbook, tmp_path_factory, capsys) -> None:
    edits = data.draw(placements(example_raw))
    folder: Path = tmp_path_factory.mktemp("characters")
    path = folder / "board.xlsx"
    workbook = load_workbook(io.BytesIO(example_workbook().read_bytes()))
    for target, text in edits:
        sheet, cell = target.where(example_raw)
        workbook[sheet][cell].value = excel_escaped(text)
        workbook[sheet][cell].data_type = "s"  # text, even when it begins with "="
    workbook.save(path)
    capsys.readouterr()

    assert main(["validate", str(path), "--json"]) in (0, 1)  # 2 would be a refusal
    found = {(f["sheet"], f["cell"]) for f in json.loads(capsys.readouterr().out)}
    read = read_workbook(path)
    for target, text in edits:
        table = read.tables[target.table]
        value = table.rows[target.row][target.column].value
        if holds_unprintable(value):  # the reader decoded Excel's escapes: a finding
            assert target.where(read) in found, (target, text)
        else:  # or it read them as written, as text that prints as it is
            assert value == excel_escaped(text), (target, text, value)

    out = folder / "report.docx"
    assert main(["build", str(path), "--draft", "--out", str(out)]) == 0
    assert docx.Document(str(out)).paragraphs  # a whole document Word can open
