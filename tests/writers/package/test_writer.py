"""compute writes only the tool's own cells into the workbook's package: nothing else changes.

The workbook is the shipped example after a chair's work (a formula with its saved result,
a picture, a chart, a comment, a conditional format, a data validation rule, a note, a tab
of their own), saved by LibreOffice when it is installed, and with its results written by
hand otherwise. The package before and after compute is compared part by part
(:func:`tests.packages.unowned_changes`).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook
from openpyxl.drawing.image import Image
from PIL import Image as PILImage

from tests.support.chair_workbook import COMMENT_TEXT, RESULT
from tests.support.packages import MAIN, parts, sheet_parts, unowned_changes
from xl_addin.jobs.checked import check
from xl_addin.jobs.computed import Computation, compute_file
from xl_addin.readers.xlsx import read_workbook
from xl_addin.writers.package.results import computed_addresses


@pytest.fixture(scope="module", params=["openpyxl", "libreoffice"])
def computed(request, chair_workbooks, tmp_path_factory) -> tuple[Path, Path, Computation]:
    """(the chair's workbook, the same computed into another file, what compute did)."""
    paths, _ = chair_workbooks
    if paths[request.param] is None:
        pytest.skip("LibreOffice Calc is not installed")
    folder = tmp_path_factory.mktemp(request.param)
    path, out = folder / "chair.xlsx", folder / "out" / "chair.xlsx"  # the same name: the
    out.parent.mkdir()                                                # Validation tab names it
    shutil.copyfile(paths[request.param], path)
    return path, out, compute_file(path, out)


def test_compute_changes_only_what_the_tool_owns(computed) -> None:
    path, out, done = computed
    assert done.result.ok and done.written
    before, after = path.read_bytes(), out.read_bytes()
    assert unowned_changes(before, after, computed_addresses(done.result.data)) == []
    # ... and the test has something to find: the tool did write, the chair's work is there
    old, new = parts(before), parts(after)
    changed = [name for name in old if old[name] != new.get(name)]
    assert {"Dashboard", "Validation"} <= set(sheet_parts(new)) - set(sheet_parts(old))
    assert len(changed) >= 4  # a worksheet, the workbook, its relationships, content types
    media = [n for n in old if n.startswith("xl/media/")]
    charts = [n for n in old if n.startswith("xl/charts/chart")]
    comments = [n for n in old if COMMENT_TEXT.encode() in old[n]]
    assert media and charts and comments
    assert all(old[n] == new[n] for n in media + charts + comments)


def test_a_chairs_formula_keeps_its_saved_result(computed, chair_workbooks) -> None:
    _, out, _ = computed
    _, edits = chair_workbooks
    values = load_workbook(out, data_only=True)[edits.sheet]
    formulas = load_workbook(out)[edits.sheet]
    assert formulas[edits.formula_cell].value.startswith("=")
    assert values[edits.formula_cell].value == pytest.approx(float(RESULT))
    checked = check(read_workbook(out))
    assert checked.ok
    # read by its saved result, with a note that a formula sits where people type (issue 18)
    here = [f for f in checked.findings if f.cell == edits.formula_cell]
    assert [(f.rule, f.severity) for f in here] == [("cell.formula", "info")]
    assert "the tool reads the result Excel saved" in here[0].message


def test_compute_twice_gives_identical_bytes(computed, tmp_path: Path) -> None:
    path, out, _ = computed
    in_place = tmp_path / path.name
    shutil.copyfile(path, in_place)
    assert compute_file(in_place).written
    assert in_place.read_bytes() == out.read_bytes()  # the same input, the same bytes
    assert not compute_file(in_place).written  # nothing left to change: the file is untouched
    assert in_place.read_bytes() == out.read_bytes()


def test_excel_is_asked_to_recalculate_when_a_formula_reads_a_changed_cell(computed) -> None:
    """The chair's COUNTIF reads the RAG column the tool writes."""
    path, out, done = computed
    assert done.recalculate
    assert b'fullCalcOnLoad="1"' in parts(out.read_bytes())["xl/workbook.xml"]
    assert b"fullCalcOnLoad" not in parts(path.read_bytes())["xl/workbook.xml"]


def _as_saved_by_an_older_version(source: Path, target: Path) -> None:
    """The example without its RAG colour rules and without openpyxl's recalculation flag:
    a workbook made before the colours were conditional formats, saved by Excel."""
    wb = load_workbook(source)
    for ws in wb.worksheets:
        ws.conditional_formatting._cf_rules.clear()  # noqa: SLF001 - no public way to remove
    wb.save(target)
    with zipfile.ZipFile(target) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["xl/workbook.xml"] = files["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)


def test_a_workbook_without_rag_colour_rules_gets_them_once(tmp_path: Path,
                                                            example_path: Path,
                                                            example_result) -> None:
    """... and, with no formula reading what compute changed, no recalculation flag."""
    path = tmp_path / "old.xlsx"
    _as_saved_by_an_older_version(example_path, path)
    done = compute_file(path)
    assert done.written and not done.recalculate
    once = path.read_bytes()
    assert b"fullCalcOnLoad" not in parts(once)["xl/workbook.xml"]
    rag = {c for s, c in computed_addresses(example_result.data)
           if c.startswith(_rag_letter(example_result))}
    sheet = example_result.data.tables["tblIndicators"].sheet
    covered = _cell_value_rules(once, sheet)
    assert {'"G"', '"A"', '"R"', '"n/a"'} <= set(covered)
    assert all(rag <= cells for cells in covered.values())
    assert not compute_file(path).written and path.read_bytes() == once


def _rag_letter(result) -> str:
    table = result.data.tables["tblIndicators"]
    return "".join(ch for ch in table.place(table.rows.index[0], "rag").cell if ch.isalpha())


def _cell_value_rules(data: bytes, sheet: str) -> dict[str, set[str]]:
    from openpyxl.utils.cell import range_boundaries

    from xl_addin.core.raw import address

    root = etree.fromstring(parts(data)[sheet_parts(parts(data))[sheet]])
    found: dict[str, set[str]] = {}
    for formatting in root.iter(f"{{{MAIN}}}conditionalFormatting"):
        for rule in formatting.iter(f"{{{MAIN}}}cfRule"):
            if rule.get("type") == "cellIs":
                text = rule.find(f"{{{MAIN}}}formula").text
                for area in formatting.get("sqref").split():
                    left, top, right, bottom = range_boundaries(area)
                    found.setdefault(text, set()).update(
                        address(r, c) for r in range(top, bottom + 1)
                        for c in range(left, right + 1))
    return found


def test_the_tool_tabs_are_rewritten_whole_in_their_place(tmp_path: Path,
                                                          example_path: Path) -> None:
    """A tab moved by a person stays where it is; a picture put on the Dashboard goes with
    the old Dashboard, leaving no part behind; the links of the Validation tab work."""
    path = tmp_path / "board.xlsx"
    shutil.copyfile(example_path, path)
    compute_file(path)
    wb = load_workbook(path)
    wb.move_sheet("Validation", offset=5)
    picture = tmp_path / "p.png"
    PILImage.new("RGB", (8, 8)).save(picture)
    wb["Dashboard"].add_image(Image(str(picture)), "H2")
    names = wb.sheetnames
    wb.save(path)
    assert any(n.startswith("xl/media/") for n in parts(path.read_bytes()))
    compute_file(path)
    files = parts(path.read_bytes())
    assert not any(n.startswith(("xl/media/", "xl/drawings/drawing")) for n in files)
    assert b"/xl/drawings/drawing" not in files["[Content_Types].xml"]
    wb = load_workbook(path)
    assert wb.sheetnames == names
    assert wb["Dashboard"]["A1"].value.startswith("Dashboard")
    root = etree.fromstring(files[sheet_parts(files)["Validation"]])
    links = list(root.iter(f"{{{MAIN}}}hyperlink"))
    assert links and all(link.get("location", "").startswith("'") for link in links)
    assert check(read_workbook(path)).ok
