"""Tests of the pre-parse guard, :func:`xl_addin.files.safety.check_package`.

Every hostile file from :mod:`tests.hostile` must be refused with an
:class:`UnreadableWorkbook` (and no other exception) whose message is one line naming the
file and the reason; ordinary workbooks must pass.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.hostile import HOSTILE_FILES, make_valid_workbook
from xl_addin.core.errors import UnreadableWorkbook
from xl_addin.files import safety
from xl_addin.files.safety import check_package, describe_size

# A word of each refusal that shows the intended check fired, not merely some check.
EXPECTED_REASON = {
    "empty": "empty",
    "missing": "no such file",
    "folder": "folder",
    "csv": "not in Excel workbook format",
    "html": "not in Excel workbook format",
    "random_bytes": "not in Excel workbook format",
    "truncated": "damaged",
    "corrupt_entry": "damaged",
    "legacy_xls": "Excel 97-2003",
    "encrypted": "password-protected",
    "zip_bomb": "expands to more than",
    "lying_zip_bomb": "damaged",
    "too_many_parts": "parts",
    "billion_laughs": "XML entities",
    "billion_laughs_utf16": "XML entities",
    "external_entity": "XML entities",
    "strict": "Strict Open XML",
    "docx": "Word document",
    "plain_zip": "zip archive",
    "unusual_compression": "damaged",
    "wrong_suffix": "must end in .xlsx",
}


class InflationMeter:
    """Counts the bytes that zipfile inflates, as a measure of the guard's work."""

    def __init__(self) -> None:
        self.total = 0


@pytest.fixture
def inflation(monkeypatch: pytest.MonkeyPatch) -> InflationMeter:
    meter = InflationMeter()
    read = zipfile.ZipExtFile.read

    def counted_read(stream: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = read(stream, n)
        meter.total += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted_read)
    return meter


def refusal(path: Path) -> str:
    """Return the guard's message for ``path``, failing if it passes or raises otherwise."""
    with pytest.raises(UnreadableWorkbook) as refused:
        check_package(path)
    return str(refused.value)


def assert_clear_message(message: str, path: Path) -> None:
    assert message.startswith(f"Cannot read {path.name}: ")
    assert "\n" not in message and "\r" not in message
    assert "Traceback" not in message


def test_every_hostile_file_has_an_expected_reason() -> None:
    assert EXPECTED_REASON.keys() == HOSTILE_FILES.keys()


@pytest.mark.parametrize("name", HOSTILE_FILES)
def test_hostile_file_is_refused_with_one_clear_line(
    name: str, tmp_path: Path, inflation: InflationMeter
) -> None:
    path = HOSTILE_FILES[name](tmp_path)
    inflation.total = 0
    message = refusal(path)
    assert_clear_message(message, path)
    assert EXPECTED_REASON[name] in message
    assert inflation.total <= 1024**2, "the guard should decide after inflating little"


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm", ".XLSX", ".xltx"])
def test_ordinary_workbook_passes(suffix: str, tmp_path: Path) -> None:
    check_package(make_valid_workbook(tmp_path, f"board{suffix}"))


def test_large_ordinary_workbook_passes(tmp_path: Path) -> None:
    path = make_valid_workbook(tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.png", os.urandom(2 * 1024**2))
    check_package(path)


def test_understated_part_stops_at_its_limit(tmp_path: Path) -> None:
    """Even a reader that trusted the stream rather than the header would stop early."""
    path = HOSTILE_FILES["lying_zip_bomb"](tmp_path)
    with zipfile.ZipFile(path) as archive:
        entry = archive.getinfo("xl/worksheets/sheet1.xml")
        entry.file_size = safety.MAX_TOTAL_BYTES  # what a header could have claimed
        with pytest.raises(UnreadableWorkbook, match="expands to more than"):
            safety._scan_entry(archive, entry, path.name, safety.MAX_TOTAL_BYTES)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX-only")
def test_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.xlsx"
    os.mkfifo(path)
    assert "not an ordinary file" in refusal(path)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root"
)
def test_file_without_read_permission_is_refused(tmp_path: Path) -> None:
    path = make_valid_workbook(tmp_path)
    path.chmod(0)
    assert "permission" in refusal(path)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows forbids newlines in names")
def test_control_characters_in_name_keep_message_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.xlsx"
    path.write_bytes(b"")
    message = refusal(path)
    assert "\n" not in message
    assert "two?lines.xlsx" in message


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (1023, "1,023 bytes"),
        (1024, "1 KB"),
        (100 * 1024, "100 KB"),
        (1536 * 1024, "1.5 MB"),
        (safety.MAX_TOTAL_BYTES, "200 MB"),
        (5 * 1024**5, "5,120 TB"),
    ],
)
def test_describe_size(size: int, text: str) -> None:
    assert describe_size(size) == text


@pytest.fixture(scope="module")
def valid_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return make_valid_workbook(tmp_path_factory.mktemp("valid")).read_bytes()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_workbook_only_ever_raises_unreadable(
    valid_bytes: bytes, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """Overwrite and cut a valid workbook at random: the guard passes it or refuses it."""
    damaged = bytearray(valid_bytes)
    for _ in range(data.draw(st.integers(1, 8), label="edits")):
        at = data.draw(st.integers(0, len(damaged) - 1), label="offset")
        patch = data.draw(st.binary(min_size=1, max_size=16), label="patch")
        damaged[at : at + len(patch)] = patch
    damaged = damaged[: data.draw(st.integers(1, len(damaged)), label="length")]
    path = tmp_path_factory.mktemp("fuzz") / "fuzzed.xlsx"
    path.write_bytes(bytes(damaged))
    try:
        check_package(path)
    except UnreadableWorkbook as refused:
        assert_clear_message(str(refused), path)
    else:
        with zipfile.ZipFile(io.BytesIO(damaged)) as archive:
            assert archive.testzip() is None
