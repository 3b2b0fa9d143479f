"""The Office.js add-in through xlwings Server: scripts, download link, auth and manifest.

Requests go through FastAPI's TestClient with the payload the add-in sends for the shipped
workbook; the returned actions are replayed as Excel would apply them.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import time
from pathlib import Path

import docx
import pytest
from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_to_tuple
from xlwings.pro._xlremote import get_range_api

from tests.support.addin_server import TestClient, app, settings
from tests.support.officejs import Replay
from tests.support.payloads import book_payload
from tests.support.profiles import cell_of
from xl_addin.addin import actions
from xl_addin.addin.downloads import DOCX_TYPE, DownloadStore
from xl_addin.addin.serve import PROJECT
from xl_addin.core.palette import RAG_FILLS
from xl_addin.writers.plan import DASHBOARD, VALIDATION
from xl_addin.writers.workbook.fresh import COMPUTED_FILL

XSD = Path(__file__).resolve().parents[3] / "shared" / "office-addin-xsd"
BASE = "https://lscb.example.test"
SCRIPTS = {"validate", "compute", "build_report"}


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    """A client on the add-in's own address, BASE, which the settings allow."""
    monkeypatch.setattr(settings, "lscb_downloads_dir", tmp_path / "downloads")
    monkeypatch.setattr(settings, "lscb_allowed_hosts", ["lscb.example.test"])
    return TestClient(app, base_url=BASE)


@pytest.fixture(scope="module")
def payload(example_path: Path) -> dict:
    return book_payload(example_path, exclude=actions.SHEETS_SKIPPED)


def call(client: TestClient, script: str, payload: dict, *args: str,
         headers: dict | None = None) -> Replay | int:
    """POST a click; the replayed actions, or the status code of a refusal."""
    response = client.post(f"/xlwings/custom-scripts-call/{script}",
                           json={**payload, "args": list(args)}, headers=headers or {})
    if response.status_code != 200:
        return response.status_code
    return Replay([s["name"] for s in payload["sheets"]], {}).apply(response.json()["actions"])


def outcome_of(replay: Replay) -> dict:
    [(function, [outcome])] = [c for c in replay.calls if c[0] == "lscbShowOutcome"]
    return outcome


def test_the_three_scripts_are_listed_with_the_tabs_they_skip(client: TestClient) -> None:
    meta = client.get("/xlwings/custom-scripts-meta").json()
    assert {m["function_name"] for m in meta} == SCRIPTS
    assert {m["exclude"] for m in meta} == {",".join(actions.SHEETS_SKIPPED)}


def test_the_default_workbook_payload_is_well_under_a_megabyte(payload: dict) -> None:
    assert len(json.dumps(payload).encode()) < 1_000_000


def test_validate_returns_the_validation_tab_and_the_findings(client, payload) -> None:
    replay = call(client, "validate", payload)
    outcome = outcome_of(replay)
    assert outcome["ok"] and outcome["errors"] == 0 and outcome["warnings"] > 20
    listed = [c.value for p, c in replay.cells[VALIDATION].items() if p[1] == 1 and p[0] >= 5]
    assert sorted(listed) == ["INFO"] * outcome["notes"] + ["WARNING"] * outcome["warnings"]
    assert DASHBOARD not in replay.sheets


def test_validate_for_one_tab_lists_only_that_tabs_findings(client, payload,
                                                            example_result) -> None:
    tab = "Staff Survey"
    replay = call(client, "validate", payload, tab)
    outcome = outcome_of(replay)
    expected = sorted((f.sheet, f.cell) for f in example_result.findings if f.sheet == tab)
    assert outcome["sheet"] == tab and expected
    assert sorted((f["sheet"], f["cell"]) for f in outcome["findings"]) == expected
    listed = [c.value for p, c in replay.cells[VALIDATION].items() if p[1] == 1 and p[0] >= 5]
    assert len(listed) == len(example_result.findings)  # the Validation tab lists them all


def test_compute_returns_rag_letters_with_their_colours(client, payload, example_result) -> None:
    replay = call(client, "compute", payload)
    assert outcome_of(replay)["ok"]
    table = example_result.data.tables["tblIndicators"]
    for index, letter in example_result.computed.columns["tblIndicators"]["rag"].items():
        place = table.place(index, "rag")
        position = coordinate_to_tuple(place.cell)
        assert replay.cells[place.sheet][position].value == letter
        colour = replay.colours[place.sheet][position][letter]  # a rule keyed on the letter
        assert colour == RAG_FILLS.get(letter, COMPUTED_FILL)
    assert replay.sheets[1:3] == [VALIDATION, DASHBOARD]


def test_build_report_links_a_docx_that_downloads_once(client, payload) -> None:
    replay = call(client, "build_report", payload, BASE)
    report = outcome_of(replay)["report"]
    assert report["url"].startswith(f"{BASE}/lscb/download/")
    assert replay.cells[DASHBOARD][(3, 1)].link == report["url"]
    path = report["url"].removeprefix(BASE)
    for _ in range(2):  # opening the link, as a link preview would, leaves it working
        page = client.get(path)
        assert page.status_code == 200 and "<form method=\"post\">" in page.text
        assert "Download annual_report_2016-17.docx" in page.text
    first = client.post(path)
    assert first.status_code == 200 and first.headers["content-type"] == DOCX_TYPE
    assert "annual_report_2016-17.docx" in first.headers["content-disposition"]
    assert docx.Document(io.BytesIO(first.content)).paragraphs
    assert client.post(path).status_code == 404
    assert client.get(path).status_code == 404


def test_an_expired_link_is_refused(client: TestClient, tmp_path: Path) -> None:
    built = tmp_path / "r.docx"
    built.write_bytes(b"report")
    an_hour_ago = DownloadStore(settings.lscb_downloads_dir, 600,
                                clock=lambda: time.time() - 3600)
    token = an_hour_ago.put(built, "r.docx").token
    assert client.get(f"/lscb/download/{token}").status_code == 404
    assert client.post(f"/lscb/download/{token}").status_code == 404


def test_a_broken_workbook_gets_findings_in_the_task_pane_and_the_sheet(
        client, tmp_path: Path, example_path: Path, example_raw) -> None:
    sheet, cell = cell_of(example_raw, "tblIndicators", "value", "CS2.2")
    path = tmp_path / "board.xlsx"
    shutil.copyfile(example_path, path)
    wb = load_workbook(path)
    wb[sheet][cell] = "#REF!"
    wb.save(path)
    for script in SCRIPTS:
        args = (BASE,) if script == "build_report" else ()
        replay = call(client, script, book_payload(path, exclude=actions.SHEETS_SKIPPED), *args)
        outcome = outcome_of(replay)
        assert not outcome["ok"] and outcome["errors"] == 1, script
        assert (outcome["findings"][0]["sheet"], outcome["findings"][0]["cell"]) == (sheet,
                                                                                     cell)
        assert replay.highlights[sheet][coordinate_to_tuple(cell)] and replay.active == VALIDATION
        assert not replay.alerts and outcome["report"] is None


def test_a_workbook_that_is_not_a_master_gets_a_message(client, payload) -> None:
    other = {**payload, "sheets": [{**payload["sheets"][0], "name": "Sheet1", "tables": []}]}
    outcome = outcome_of(call(client, "validate", other))
    assert not outcome["ok"] and outcome["message"].startswith("Not an LSCB master workbook")


@pytest.mark.parametrize("provider", ["custom", "entraid"])
def test_with_auth_on_a_click_without_a_valid_token_gets_401(client, payload, monkeypatch,
                                                             provider: str) -> None:
    monkeypatch.setattr(settings, "auth_providers", [provider])
    monkeypatch.setattr(settings, "lscb_tokens",
                        {"Business unit": hashlib.sha256(b"s3cret").hexdigest()})
    assert call(client, "validate", payload) == 401
    assert call(client, "validate", payload, headers={"Authorization": "wrong"}) == 401
    if provider == "custom":
        assert outcome_of(call(client, "validate", payload,
                               headers={"Authorization": "s3cret"}))["ok"]


# --- manifest, ribbon and task pane -----------------------------------------------------------


def manifest(client: TestClient) -> etree._Element:
    return etree.fromstring(client.get("/manifest.xml").content)


@pytest.mark.parametrize("entraid", [False, True])
def test_the_manifest_validates_against_the_office_schema(client, monkeypatch,
                                                          entraid: bool) -> None:
    if entraid:
        monkeypatch.setattr(settings, "auth_providers", ["entraid"])
        monkeypatch.setattr(settings, "auth_entraid_client_id",
                            "00000000-0000-4000-8000-000000000000")
    doc = manifest(client)
    runtimes = list(doc.iter("{*}Runtimes"))
    [runtime] = [r for el in runtimes for r in el]
    assert (runtime.get("resid"), runtime.get("lifetime")) == ("Taskpane.Url", "long")
    for element in runtimes:  # newer than the schema (see its README): checked above
        element.getparent().remove(element)
    if not XSD.is_dir():
        pytest.skip(f"the Office manifest schema is not beside the clone ({XSD})")
    schema = etree.XMLSchema(etree.parse(str(XSD / "OfficeAppManifestV1_1.xsd")))
    assert schema.validate(doc), [f"line {e.line}: {e.message}" for e in schema.error_log]
    assert (doc.find(".//{*}WebApplicationInfo") is not None) == entraid


def test_the_ribbon_controls_actions_and_resources_resolve(client: TestClient) -> None:
    doc = manifest(client)
    resources = {el.get("id") for el in doc.iter() if el.getparent() is not None
                 and etree.QName(el.getparent()).localname in ("Images", "Urls",
                                                               "ShortStrings", "LongStrings")}
    used = {el.get("resid") for el in doc.iter() if el.get("resid")}
    assert used <= resources and used
    labels = {el.get("id"): el.get("DefaultValue") for el in doc.iter("{*}String")}
    assert labels["LscbTab.Label"] == "LSCB Report"
    functions = [el.text for el in doc.iter("{*}FunctionName")]
    assert [labels[f"{c.get('id')}.Label"] for c in doc.iter("{*}Control")
            if c.find("{*}Action/{*}FunctionName") is not None] == ["Validate", "Compute",
                                                                    "Build report"]
    ribbon = (PROJECT / "static" / "js" / "ribbon.js").read_text(encoding="utf-8")
    associated = dict(re.findall(r'associate\("([\w-]+)", ribbonAction\("(\w+)"\)\)', ribbon))
    assert set(functions) == set(associated)
    assert set(associated.values()) == SCRIPTS
    taskpane = client.get("/taskpane.html").text
    assert set(re.findall(r'data-lscb-script="(\w+)"', taskpane)) == SCRIPTS
    assert "/static/js/lscb.js" in taskpane and "/static/js/ribbon.js" in taskpane
    assert client.get("/static/js/lscb.js").status_code == 200


def test_the_task_pane_page_does_not_tell_which_sign_in_the_server_uses(client,
                                                                        monkeypatch) -> None:
    pages = []
    for providers in ([], ["custom"]):
        monkeypatch.setattr(settings, "auth_providers", providers)
        pages.append(client.get("/taskpane.html").text)
    assert pages[0] == pages[1] and 'id="lscb-token"' in pages[0]


def test_a_click_leaves_no_copy_of_the_workbook_in_the_server(client, payload) -> None:
    call(client, "validate", payload)
    assert get_range_api.cache_info().currsize == 0
