"""The private cache of plain data: kept under the content's hash, never trusted blindly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from xl_addin.core import cache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("LSCB_CACHE_DIR", str(where))
    return where


def test_data_is_worked_out_once_per_content(folder: Path) -> None:
    calls: list[int] = []

    def make() -> dict[str, object]:
        calls.append(1)
        return {"a": [1, 2.5, "x", None, True]}

    first = cache.cached("kind", b"content", make)
    again = cache.cached("kind", b"content", make)
    other = cache.cached("kind", b"other content", make)
    assert first == again == other == {"a": [1, 2.5, "x", None, True]}
    assert len(calls) == 2  # the second read came from the cache
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in folder.iterdir())


def test_a_damaged_or_wrong_entry_is_worked_out_again(folder: Path) -> None:
    cache.cached("kind", b"c", lambda: {"fine": 1})
    (entry,) = folder.iterdir()
    entry.write_text("{not json", encoding="utf-8")
    assert cache.cached("kind", b"c", lambda: {"fine": 2}) == {"fine": 2}
    entry.write_text(json.dumps(["a list"]), encoding="utf-8")
    assert cache.cached("kind", b"c", lambda: {"fine": 3},
                        check=lambda d: isinstance(d, dict)) == {"fine": 3}


def test_data_json_would_change_is_not_kept(folder: Path) -> None:
    cache.cached("kind", b"c", lambda: {1: "a number as a key"})
    assert not list(folder.iterdir())


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="needs POSIX permissions")
def test_a_folder_others_can_open_is_not_used(folder: Path) -> None:
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    cache.cached("kind", b"c", lambda: {"x": 1})
    assert not list(folder.iterdir())


def test_a_folder_that_is_a_link_is_not_used(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("LSCB_CACHE_DIR", str(link))
    assert cache.cached("kind", b"c", lambda: {"x": 1}) == {"x": 1}
    assert not list(real.iterdir())


def test_off_means_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LSCB_CACHE_DIR", "off")
    calls: list[int] = []
    for _ in range(2):
        cache.cached("kind", b"c", lambda: calls.append(1) or {"x": 1})
    assert len(calls) == 2


def test_yaml_is_parsed_once_and_a_cached_non_mapping_is_read_again(folder: Path) -> None:
    text = "words: [alpha, beta]\nname: 'x'\n"
    assert cache.yaml_data("lists", text) == {"words": ["alpha", "beta"], "name": "x"}
    (entry,) = folder.iterdir()
    assert json.loads(entry.read_text(encoding="utf-8")) == {"words": ["alpha", "beta"],
                                                             "name": "x"}
    entry.write_text("[1, 2]", encoding="utf-8")  # not what a file of ours holds
    assert cache.yaml_data("lists", text) == {"words": ["alpha", "beta"], "name": "x"}
