"""Through the server: the task pane's JSON carries any text a cell holds, lone surrogates
(``\\ud800``) included, which no Word file can hold. Validate lists each such cell at its
tab and cell; Build report builds the report, leaving the characters out, instead of
stopping with "unexpected problem" (the attack's finding: a lone surrogate in any text cell,
or U+FFFE in the board's name).
"""

from __future__ import annotations

import copy
import io
import json
import os
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl.utils.cell import coordinate_to_tuple

from tests.support.addin_server import TestClient, app
from tests.support.addin_server import settings as server_settings
from tests.support.characters import Target, placements, targets
from tests.support.officejs import Replay
from tests.support.payloads import book_payload
from tests.support.profiles import EXAMPLE
from xl_addin.addin import actions
from xl_addin.core.raw import RawWorkbook
from xl_addin.writers.plan import FINDINGS_FIRST_ROW, VALIDATION

SCALE = int(os.environ.get("LSCB_PROPERTY_SCALE", "1"))
BASE = "https://lscb.example.test"
FIXED = {"deadline": None, "derandomize": True, "database": None,
         "suppress_health_check": list(HealthCheck), "phases": (Phase.explicit, Phase.generate)}


@pytest.fixture(scope="module")
def payload(example_path: Path) -> dict:
    return book_payload(example_path, exclude=actions.SHEETS_SKIPPED)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(server_settings, "lscb_downloads_dir",
                      tmp_path_factory.mktemp("characters") / "downloads")
        patch.setattr(server_settings, "lscb_allowed_hosts", ["lscb.example.test"])
        yield TestClient(app, base_url=BASE)


def click(client: TestClient, script: str, payload: dict, edits: list[tuple[Target, str]],
          raw: RawWorkbook, *args: str) -> Replay:
    """The click, its JSON written as the task pane's is (lone surrogates as \\uXXXX)."""
    changed = copy.deepcopy(payload)
    sheets = {sheet["name"]: sheet for sheet in changed["sheets"]}
    for target, text in edits:
        sheet, cell = target.where(raw)
        row, column = coordinate_to_tuple(cell)
        sheets[sheet]["values"][row - 1][column - 1] = text
    body = json.dumps({**changed, "args": list(args)}).encode("ascii")
    response = client.post(f"/xlwings/custom-scripts-call/{script}", content=body,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    return Replay([s["name"] for s in payload["sheets"]], {}).apply(response.json()["actions"])


def outcome_of(replay: Replay) -> dict:
    [(_, [outcome])] = [c for c in replay.calls if c[0] == "lscbShowOutcome"]
    return outcome


@settings(max_examples=1 * SCALE, **FIXED)
@given(data=st.data())
def test_such_text_in_every_kind_of_cell_and_in_settings_is_listed_at_its_cell(
        data: st.DataObject, client: TestClient, payload: dict, example_raw: RawWorkbook
) -> None:
    edits = data.draw(placements(example_raw))
    replay = click(client, "validate", payload, edits, example_raw)
    assert "unexpected problem" not in outcome_of(replay)["message"]
    listed = replay.cells[VALIDATION]
    places = {(listed[(row, 2)].value, listed[(row, 3)].value) for row, _ in listed
              if row >= FINDINGS_FIRST_ROW and (row, 3) in listed}
    for target, text in edits:
        assert target.where(example_raw) in places, (target, text)


def _printed(raw: RawWorkbook) -> Target:
    """A text cell the report prints: the description of indicator CS2.2."""
    table = raw.tables["tblIndicators"]
    headers = [str(cell.value) for cell in table.headers]
    declared = EXAMPLE.table("tblIndicators")
    ref = headers.index(declared.column("ref").header)
    row = next(i for i, cells in enumerate(table.rows) if cells[ref].value == "CS2.2")
    return Target("text", "tblIndicators", row,
                  headers.index(declared.column("description").header))


def test_build_report_leaves_such_characters_out_of_the_report(
        client: TestClient, payload: dict, example_raw: RawWorkbook) -> None:
    """The attack's own case: a lone surrogate in a text the report prints, and U+FFFE and
    U+FFFF in the board's name (whose report has it in the document's properties)."""
    [name] = [t for t in targets(example_raw)[1] if t.kind == "setting: board_name"]
    edits = [(_printed(example_raw), "Children \ud800seen"), (name, "Cumbria LSCB\ufffe\uffff")]
    outcome = outcome_of(click(client, "build_report", payload, edits, example_raw, BASE))
    assert outcome["ok"] and outcome["report"], outcome["message"]
    path = outcome["report"]["url"].removeprefix(BASE)
    report = docx.Document(io.BytesIO(client.post(path).content))
    assert report.core_properties.author == "Cumbria LSCB"
    assert any("Children seen" in cell.text for table in report.tables
               for row in table.rows for cell in row.cells)
