"""The task pane in a real browser: Debian's Chromium, driven by Playwright, against the real
``lscb-report serve``, with a small fake of Office.js and Excel (``fake_office.js``)
holding the shipped example workbook.

The test clicks as a person would (by role and label, never sleeping for a fixed time),
and checks what the pane shows and what the fake Excel was asked to write. Office.js
itself is not loaded: its request is answered with an empty script, and the fake stands
in for it. Without Chromium (or Playwright) the test is skipped, unless
``LSCB_REQUIRE_BROWSER=1`` (set by CI), when it fails instead.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from openpyxl.utils.cell import coordinate_to_tuple

from tests.support.live_server import LiveServer, live_server, token_setting
from tests.support.payloads import book_payload
from xl_addin.writers.plan import DASHBOARD, VALIDATION

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "browser-test-token"
TOKEN_LABEL = "The token IT gave you (kept on this computer)"
CLICK_MS = 120_000  # a ceiling for one click's round trip on 2 busy cores, not a wait


def _browser_missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install -e '.[dev]')"
    if not Path(CHROMIUM).is_file():
        return f"Chromium is not installed ({CHROMIUM}; apt-get install chromium)"
    if importlib.util.find_spec("xlwings_server") is None:
        return "xlwings Server is not installed"
    return None


_MISSING = _browser_missing()
if _MISSING:
    if os.environ.get("LSCB_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"LSCB_REQUIRE_BROWSER=1, but {_MISSING}.")
    pytest.skip(_MISSING, allow_module_level=True)

from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright  # noqa: E402

FAKE = (Path(__file__).resolve().parents[1] / "support" / "fake_office.js").read_text(
    encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("browser"), auth_providers='["custom"]',
                     lscb_tokens=token_setting(Tester=TOKEN)) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def workbook(example_path: Path) -> dict:
    """The example workbook as the fake Excel holds it: every tab, values and tables."""
    payload = book_payload(example_path)
    return {"name": payload["book"]["name"], "active": payload["book"]["active_sheet_index"],
            "sheets": [{"name": s["name"], "values": s["values"], "tables": s["tables"]}
                       for s in payload["sheets"]],
            "names": payload["names"]}


class Pane:
    """The task pane in a browser page, and the console errors it logged."""

    def __init__(self, page: Page, server: LiveServer) -> None:
        self.page = page
        self.server = server
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def click(self, label: str) -> None:
        """Click a button, and wait until the run is over (the buttons work again)."""
        button = self.page.get_by_role("button", name=label, exact=True)
        button.click()  # disables the buttons before its first await
        expect(button).to_be_enabled(timeout=CLICK_MS)

    def sign_in(self, token: str) -> None:
        field = self.page.get_by_label(TOKEN_LABEL)
        field.fill(token)
        field.press("Tab")  # the pane keeps the token when the field changes

    def status(self) -> object:
        return expect(self.page.get_by_role("status"))

    def writes(self) -> list[dict]:
        """What the fake Excel was asked to write, in order."""
        return json.loads(self.page.evaluate("JSON.stringify(globalThis.__excelWrites)"))

    def values_written(self) -> dict[tuple[str, int, int], object]:
        """Each cell's last value written: (sheet, row, column) -> value."""
        cells: dict[tuple[str, int, int], object] = {}
        for write in self.writes():
            if write.get("set") != "values":
                continue
            top, left = coordinate_to_tuple(write["address"].split(":")[0])
            for i, line in enumerate(write["value"]):
                for j, value in enumerate(line):
                    cells[(write["sheet"], top + i, left + j)] = value
        return cells


@pytest.fixture
def pane(browser: Browser, server: LiveServer, workbook: dict) -> Iterator[Pane]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.add_init_script(script=f"globalThis.__lscbBook = {json.dumps(workbook)};")
    page.add_init_script(script=FAKE)
    # Office.js would replace the fake; outside Office it cannot work anyway.
    page.route("**/office-js/**/office.js",
               lambda route: route.fulfill(body="", content_type="text/javascript"))
    page.goto(f"{server.url}/taskpane.html")
    yield Pane(page, server)
    context.close()


def test_a_refused_click_shows_its_error_and_the_next_run_clears_it(pane: Pane,
                                                                     example_result) -> None:
    page = pane.page
    expect(page.get_by_role("heading", name="LSCB Report")).to_be_visible()
    pane.sign_in("not-the-token")
    pane.click("Validate")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Sign-in token missing or not recognised")
    pane.status().to_have_text("Validate did not finish: see the message above.")
    assert pane.writes() == []
    assert any("401" in error for error in pane.errors)  # the refusal, and nothing else:
    assert all("401" in error or "Sign-in token" in error for error in pane.errors)
    pane.errors.clear()

    pane.sign_in(TOKEN)
    pane.click("Validate")
    warnings = len(example_result.warnings)
    pane.status().to_contain_text(f"0 error(s), {warnings} warning(s)")
    expect(alert).to_be_hidden()
    region = page.get_by_role("region", name="Findings")
    expect(region.get_by_text(f"0 error(s), {warnings} warning(s).", exact=True)).to_be_visible()
    findings = region.get_by_role("listitem")
    expect(findings).to_have_count(len(example_result.findings))
    cells = pane.values_written()
    assert cells[(VALIDATION, 4, 1)] == "Severity"
    listed = range(5, 5 + len(example_result.findings))  # one row per finding, notes too
    assert sum(cells.get((VALIDATION, row, 1)) == "WARNING" for row in listed) == warnings
    assert pane.errors == []


def test_a_finding_takes_the_user_to_its_cell(pane: Pane, example_result) -> None:
    pane.sign_in(TOKEN)
    pane.click("Validate")
    first = min(example_result.findings, key=lambda f: f.sort_key)
    link = pane.page.get_by_role("link", name=f"WARNING {first.sheet} {first.cell}",
                                 exact=True)
    link.first.click()
    expect(pane.page.get_by_role("status")).to_contain_text("warning(s)")
    assert {"sheet": first.sheet, "address": first.cell, "selected": True} in pane.writes()
    assert pane.errors == []


def test_only_this_tab_lists_the_findings_on_the_active_tab(pane: Pane, example_result
                                                             ) -> None:
    tab = "Staff Survey"
    on_tab = [f for f in example_result.findings if f.sheet == tab]
    assert 0 < len(on_tab) < len(example_result.findings)
    pane.sign_in(TOKEN)
    pane.page.evaluate(f"globalThis.__fakeWorkbook.sheets.find((s) => s.name === "
                       f"{json.dumps(tab)}).activate()")  # the user goes to that tab
    pane.page.get_by_label("Only this tab").check()
    pane.click("Validate")
    region = pane.page.get_by_role("region", name="Findings")
    expect(region.get_by_text(f"On {tab}: 0 error(s), {len(on_tab)} warning(s).", exact=True)
           ).to_be_visible()
    findings = region.get_by_role("listitem")
    expect(findings).to_have_count(len(on_tab))
    for text in findings.all_inner_texts():
        assert text.startswith(f"WARNING {tab} ")
    # The Validation tab still lists every finding.
    warnings = len(example_result.warnings)
    assert pane.values_written()[(VALIDATION, 4 + warnings, 1)] == "WARNING"
    assert pane.errors == []


def test_compute_writes_the_ratings(pane: Pane, example_result) -> None:
    pane.sign_in(TOKEN)
    pane.click("Compute")
    pane.status().to_contain_text("Computed: ratings")
    cells = pane.values_written()
    table = example_result.data.tables["tblIndicators"]
    letters = example_result.computed.columns["tblIndicators"]["rag"]
    assert len(letters) > 40
    for index, letter in letters.items():
        place = table.place(index, "rag")
        assert cells[(place.sheet, *coordinate_to_tuple(place.cell))] == letter
    added = [w["sheet"] for w in pane.writes() if w.get("added")]
    assert added == [VALIDATION, DASHBOARD]
    assert pane.errors == []


def test_build_report_gives_a_link_that_a_preview_cannot_spend(pane: Pane, browser: Browser
                                                                ) -> None:
    pane.sign_in(TOKEN)
    pane.click("Build report")
    pane.status().to_contain_text("Report built.")
    link = pane.page.get_by_role("region", name="Last report").get_by_role("link")
    expect(link).to_contain_text("Download annual_report_2016-17.docx")
    url = link.get_attribute("href")
    assert re.fullmatch(rf"{re.escape(pane.server.url)}/lscb/download/[\w-]{{43}}", url or "")
    hyperlinks = [w["value"]["address"] for w in pane.writes() if w.get("set") == "hyperlink"
                  and w["sheet"] == DASHBOARD]
    assert hyperlinks == [url]
    assert pane.errors == []

    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        for _ in range(2):  # a link preview opens it first: nothing is used up
            page.goto(url)
            expect(page.get_by_role("button", name="Download annual_report_2016-17.docx")
                   ).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("button", name="Download annual_report_2016-17.docx").click()
        assert download.value.suggested_filename == "annual_report_2016-17.docx"
        saved = Path(download.value.path())
        assert docx.Document(io.BytesIO(saved.read_bytes())).paragraphs
        page.goto(url)
        expect(page.get_by_text("This download link has been used or has expired")
               ).to_be_visible()
        assert all("404" in error for error in errors), errors
    finally:
        context.close()
