"""Single-use, short-lived download links kept in a shared, private folder."""

from __future__ import annotations

import os
import stat
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from xl_addin.addin.downloads import DownloadStore, UnsafeFolder


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


# --- a private folder -------------------------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes and owners")


@posix_only
def test_the_folder_is_created_private_and_each_file_too(tmp_path: Path, built: Path) -> None:
    old = os.umask(0)  # even with nothing masked
    try:
        store = DownloadStore(tmp_path / "a" / "shared", 600)
        token = store.put(built, "r.docx").token
    finally:
        os.umask(old)
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    modes = {p.suffix: stat.S_IMODE(p.stat().st_mode) for p in store.folder.iterdir()}
    assert modes == {".docx": 0o600, ".json": 0o600}
    assert store.peek(token) == "r.docx" and store.peek(token) == "r.docx"  # not used up
    assert store.take(token) is not None and store.peek(token) is None


@posix_only
@pytest.mark.parametrize("mode", [0o755, 0o750, 0o701, 0o770, 0o777])
def test_a_folder_others_can_open_is_refused(tmp_path: Path, built: Path, mode: int) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(mode)
    store = DownloadStore(folder, 600)
    with pytest.raises(UnsafeFolder, match=f"mode {mode:04o}"):
        store.put(built, "r.docx")
    assert built.exists() and list(folder.iterdir()) == []
    with pytest.raises(UnsafeFolder):
        store.take("A" * 43)


@posix_only
@pytest.mark.skipif(os.name == "posix" and os.geteuid() != 0, reason="needs root to chown")
def test_a_folder_of_another_account_is_refused(tmp_path: Path, built: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)  # nobody
    with pytest.raises(UnsafeFolder, match="belongs to another account"):
        DownloadStore(folder, 600).put(built, "r.docx")


@posix_only
def test_a_link_in_place_of_the_folder_is_refused(tmp_path: Path, built: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "shared").symlink_to(real, target_is_directory=True)
    with pytest.raises(UnsafeFolder, match="not a folder"):
        DownloadStore(tmp_path / "shared", 600).put(built, "r.docx")


def test_a_folder_that_cannot_be_made_gets_a_message(tmp_path: Path, built: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(UnsafeFolder, match="cannot be (created|reached)"):
        DownloadStore(tmp_path / "file" / "shared", 600).put(built, "r.docx")
