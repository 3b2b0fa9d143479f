"""Single-use, short-lived download links kept in a shared folder."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from xl_addin.addin.downloads import DownloadStore


@pytest.fixture
def built(tmp_path: Path) -> Path:
    path = tmp_path / "built.docx"
    path.write_bytes(b"a report")
    return path


def test_a_link_works_once(tmp_path: Path, built: Path) -> None:
    store = DownloadStore(tmp_path / "shared", 600)
    stored = store.put(built, "annual_report_2016-17.docx")
    assert not built.exists()
    path, name = store.take(stored.token)
    assert (path.read_bytes(), name) == (b"a report", "annual_report_2016-17.docx")
    assert store.take(stored.token) is None


def test_a_link_made_by_one_process_works_from_another(tmp_path: Path, built: Path) -> None:
    stored = DownloadStore(tmp_path / "shared", 600).put(built, "r.docx")
    assert DownloadStore(tmp_path / "shared", 600).take(stored.token) is not None


def test_an_expired_link_is_refused_and_its_file_removed(tmp_path: Path, built: Path) -> None:
    now = time.time()
    store = DownloadStore(tmp_path / "shared", 600, clock=lambda: now)
    stored = store.put(built, "r.docx")
    later = DownloadStore(tmp_path / "shared", 600, clock=lambda: now + 601)
    assert later.take(stored.token) is None
    assert not any((tmp_path / "shared").iterdir())


@pytest.mark.parametrize("token", ["", "../../etc/passwd", "x" * 43 + "/", "a" * 42,
                                   "A" * 43])
def test_unknown_or_malformed_tokens_are_refused(tmp_path: Path, built: Path,
                                                 token: str) -> None:
    store = DownloadStore(tmp_path / "shared", 600)
    store.put(built, "r.docx")
    assert store.take(token) is None


def test_two_clicks_racing_for_one_link_get_it_once(tmp_path: Path, built: Path) -> None:
    store = DownloadStore(tmp_path / "shared", 600)
    token = store.put(built, "r.docx").token
    with ThreadPoolExecutor(8) as pool:
        taken = list(pool.map(lambda _: store.take(token), range(8)))
    assert sum(result is not None for result in taken) == 1


def test_storing_a_report_sweeps_out_expired_ones(tmp_path: Path) -> None:
    now = time.time()
    old = tmp_path / "old.docx"
    old.write_bytes(b"old")
    DownloadStore(tmp_path / "shared", 60, clock=lambda: now - 3600).put(old, "old.docx")
    new = tmp_path / "new.docx"
    new.write_bytes(b"new")
    DownloadStore(tmp_path / "shared", 60).put(new, "new.docx")
    names = sorted(p.suffix for p in (tmp_path / "shared").iterdir())
    assert names == [".docx", ".json"]
