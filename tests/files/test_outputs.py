"""No output is replaced silently, and every output is checked before the work starts.

Each refusal is one line on standard error with exit code 2, and leaves the file as it was.
The tests run as whatever user runs them; as root, ``os.access`` says every file may be
written, so read-only files and folders are honoured by their permission bits.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from xl_addin.cli import Outputs, main
from xl_addin.core.errors import OutputError
from xl_addin.files.atomic import write_atomic

REPORT = "annual_report_2016-17.docx"


@pytest.fixture
def board(tmp_path: Path, example_path: Path) -> Path:
    path = tmp_path / "board.xlsx"
    shutil.copyfile(example_path, path)
    return path


@pytest.fixture
def no_work(monkeypatch):
    """Fail the test if the command reads the workbook or renders the report."""
    def refuse(*args, **kwargs):
        raise AssertionError("the work started before the output was checked")
    readers = ("xl_addin.readers.xlsx", "xl_addin.readers.openpyxl_book",
               "xl_addin.jobs.checked", "xl_addin.jobs.computed")
    for reader in readers:  # each imported before any is patched: a module imported after
        importlib.import_module(reader)  # would keep the refusal for good
    for reader in readers:
        monkeypatch.setattr(f"{reader}.read_workbook", refuse)
    monkeypatch.setattr("xl_addin.report.word.render.render", refuse)


def one_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
    return lines[0]


def test_build_replaces_an_existing_report_only_with_force(tmp_path: Path, capsys,
                                                           no_work) -> None:
    out = tmp_path / "report.docx"
    out.write_bytes(b"edited by the comms team")
    assert main(["build", "-o", str(out)]) == 2
    assert "already exists" in one_line(capsys) and out.read_bytes() == b"edited by the comms team"


def test_build_with_force_replaces_the_report(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    out.write_bytes(b"an older report")
    assert main(["build", "-o", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"PK")


def test_build_keeps_an_existing_report_of_the_default_name(tmp_path: Path, monkeypatch,
                                                            capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("xl_addin.report.word.render.render", pytest.fail)
    Path(REPORT).write_bytes(b"edited by the comms team")
    assert main(["build"]) == 2
    line = one_line(capsys)
    assert REPORT in line and "--force" in line
    assert Path(REPORT).read_bytes() == b"edited by the comms team"


def test_an_existing_pdf_is_kept_too(tmp_path: Path, capsys, no_work) -> None:
    out = tmp_path / "report.docx"
    out.with_suffix(".pdf").write_bytes(b"%PDF- an earlier one")
    assert main(["build", "-o", str(out), "--pdf"]) == 2
    assert "report.pdf already exists" in one_line(capsys)
    assert not out.exists()


def test_compute_replaces_another_file_only_with_force(board: Path, tmp_path: Path,
                                                       capsys) -> None:
    out = tmp_path / "computed.xlsx"
    out.write_bytes(b"someone's workbook")
    assert main(["compute", str(board), "-o", str(out)]) == 2
    assert "already exists" in one_line(capsys) and out.read_bytes() == b"someone's workbook"
    assert main(["compute", str(board), "-o", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"PK")


@pytest.mark.parametrize("command", [
    ["build", "-o", "{missing}/report.docx"],
    ["compute", "{board}", "-o", "{missing}/computed.xlsx"],
    ["new-year", "{board}", "-o", "{missing}/next.xlsx"],
    ["new-workbook", "{missing}/blank.xlsx"],
])
def test_a_missing_folder_is_reported_as_missing(command: list[str], board: Path,
                                                 tmp_path: Path, capsys, no_work) -> None:
    args = [a.format(missing=tmp_path / "no" / "such", board=board) for a in command]
    assert main(args) == 2
    line = one_line(capsys)
    assert "does not exist" in line and "permission" not in line.lower()


def test_a_read_only_workbook_is_not_computed_in_place(board: Path, capsys) -> None:
    before = board.read_bytes()
    board.chmod(0o444)  # even for root, who may write anything
    try:
        assert main(["compute", str(board)]) == 2
        assert "read-only" in one_line(capsys)
        assert board.read_bytes() == before
    finally:
        board.chmod(0o644)


def test_write_atomic_never_replaces_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "kept.docx"
    path.write_bytes(b"kept")
    path.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        write_atomic(path, lambda handle: handle.write(b"new"))
    assert path.read_bytes() == b"kept"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.docx"]  # no temporary file left


@pytest.mark.parametrize("default_name", [False, True])
def test_build_finds_a_read_only_folder_before_its_work(default_name: bool, tmp_path: Path,
                                                        monkeypatch, capsys, no_work) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if default_name:
            monkeypatch.chdir(folder)
        assert main(["build"] if default_name else ["build", "-o", str(folder / "r.docx")]) == 2
        assert "read-only" in one_line(capsys)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_pdf_without_libreoffice_is_refused_before_the_work(tmp_path: Path, monkeypatch,
                                                            capsys, no_work) -> None:
    from xl_addin.report import INSTALL_LINE

    monkeypatch.setattr("xl_addin.report.word.pdf.shutil.which", lambda name: None)
    out = tmp_path / "r.docx"
    assert main(["build", "-o", str(out), "--pdf"]) == 2
    line = one_line(capsys)
    assert INSTALL_LINE in line and "LibreOffice" in line
    assert not out.exists()


@pytest.mark.parametrize("planned,written,said", [
    ((), (), "Nothing was written."),
    (("r.docx", "r.pdf"), ("r.docx",), "r.docx was written; r.pdf was not."),
    (("r.docx", "r.pdf"), (), "r.docx and r.pdf were not written."),
    (("r.docx", "r.pdf"), ("r.docx", "r.pdf"), "r.docx and r.pdf were written."),
])
def test_what_a_stopped_command_says_it_wrote(planned, written, said, tmp_path: Path) -> None:
    outputs = Outputs()
    outputs.plan(*(tmp_path / name for name in planned))
    for name in written:
        outputs.wrote(tmp_path / name)
    assert outputs.summary() == said


def test_a_file_left_as_it_was_is_said_so(board: Path) -> None:
    outputs = Outputs()
    outputs.plan(board)
    assert outputs.summary() == "board.xlsx was left as it was."


def test_interrupting_the_pdf_says_what_was_written_and_leaves_no_temporary_folder(
        tmp_path: Path) -> None:
    """Ctrl-C while LibreOffice runs: the .docx is there, the PDF is not, nothing is left."""
    bin_dir, temp = tmp_path / "bin", tmp_path / "tmp"
    bin_dir.mkdir()
    temp.mkdir()
    started = tmp_path / "soffice.pid"
    soffice = bin_dir / "soffice"
    soffice.write_text(  # like LibreOffice, it keeps writing into its working folder
        "#!/bin/sh\n"
        'while [ "$#" -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; shift; done\n'
        f"echo $$ > '{started}'\n"
        'while true; do mkdir -p "$out/profile" 2>/dev/null; touch "$out/profile/lock" '
        "2>/dev/null; sleep 0.05; done\n")
    soffice.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "TMPDIR": str(temp)}
    # Ctrl-C as at a terminal: a shell without job control starts a background command
    # (`pytest ... &`) with SIGINT ignored, and the command would inherit that
    code = ("import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
            "from xl_addin.cli import main_exit; main_exit()")
    with subprocess.Popen([sys.executable, "-c", code, "build", "--pdf"], cwd=tmp_path,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:  # its pipes closed whatever happens
        try:
            deadline = time.monotonic() + 120
            while not (started.exists() and started.read_text().strip()):
                assert process.poll() is None and time.monotonic() < deadline, \
                    process.stderr.read()
                time.sleep(0.1)
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:  # the test failed: leave nothing running
                process.kill()
                with contextlib.suppress(ValueError, OSError):
                    os.kill(int(started.read_text()), signal.SIGKILL)
    assert process.returncode == 130
    assert err.strip().splitlines()[-1] == (f"Stopped. {REPORT} was written; "
                                            f"{REPORT[:-5]}.pdf was not.")
    assert (tmp_path / REPORT).is_file() and not (tmp_path / f"{REPORT[:-5]}.pdf").exists()
    assert list(temp.iterdir()) == []  # no lscb-pdf-* folder
    with pytest.raises(ProcessLookupError):  # LibreOffice was stopped, not left running
        os.kill(int(started.read_text()), 0)
