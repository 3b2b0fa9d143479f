"""The ``lscb-report`` command: thin wrappers over the library, one per action.

Each command opens its input, calls one library function and prints the result. Errors
the tool raises on purpose (:class:`~xl_addin.errors.LscbError`) become one clear line on
standard error and exit code 2; nothing escapes as a traceback.

Exit codes: 0 no errors (warnings allowed), 1 validation errors, 2 the input cannot be
used (missing, not an .xlsx, damaged, encrypted, not a master workbook) or the output
cannot be written, 3 an unexpected fault in the tool itself (please report it).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .errors import LscbError, OutputError
from .paths import example_workbook

if TYPE_CHECKING:  # the core (and pandas) loads only for the commands that need it
    from .validate import Finding, Result

__all__ = ["main", "build_parser"]

EXAMPLES = {
    "validate": "lscb-report validate my_board_2017-18.xlsx --json",
    "new-workbook": "lscb-report new-workbook blank_2017-18.xlsx --profile starter",
    "profiles": "lscb-report profiles",
    "upgrade": "lscb-report upgrade my_board_2016-17.xlsx -o my_board_2016-17_v2.xlsx",
    "new-year": "lscb-report new-year my_board_2016-17.xlsx -o my_board_2017-18.xlsx",
    "compute": "lscb-report compute my_board_2017-18.xlsx -o computed.xlsx",
    "build": "lscb-report build my_board_2017-18.xlsx -o annual_report_2017-18.docx --pdf",
    "serve": "lscb-report serve --port 8000 --cert localhost.pem --key localhost-key.pem",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lscb-report",
        description="Validate the LSCB master data workbook and build the annual report.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check a master workbook and list every problem",
        description="Check a master workbook and list every problem, each at its tab and "
                    "cell. With no WORKBOOK, checks the shipped 2016-17 example.",
        epilog=f"Example: {EXAMPLES['validate']}")
    validate.add_argument("workbook", nargs="?", type=Path, help="the .xlsx to check")
    validate.add_argument("--json", action="store_true",
                          help="print the findings as a JSON array")
    validate.add_argument("--fresh", action="store_true",
                          help="for a workbook just rolled over to a new year: list blank "
                               "required cells as 'not filled in yet' rather than errors")
    validate.set_defaults(run=_validate)

    compute = commands.add_parser(
        "compute", help="work out ratings, trends and derived figures in the workbook",
        description="Validate the workbook, then write the RAG ratings, trends, year-on-year "
                    "changes and derived figures into its grey columns, with a Dashboard and "
                    "a Validation tab. Cells people typed are never changed. With errors, "
                    "only the Validation tab is written.",
        epilog=f"Example: {EXAMPLES['compute']}")
    compute.add_argument("workbook", type=Path, help="the .xlsx (or .xlsm) to compute")
    compute.add_argument("-o", "--out", type=Path,
                         help="write here instead of updating WORKBOOK in place")
    compute.set_defaults(run=_compute)

    new = commands.add_parser(
        "new-workbook", help="write a blank master workbook",
        description="Write a blank master workbook, generated from a board profile (by "
                    "default 'starter', a generic profile for a new board).",
        epilog=f"Example: {EXAMPLES['new-workbook']}")
    new.add_argument("out", type=Path, help="the .xlsx to write")
    new.add_argument("--profile", default=None, metavar="NAME|FILE",
                     help="the board profile: a name from 'lscb-report profiles', or a "
                          ".yaml file (default: starter)")
    new.add_argument("--force", action="store_true", help="replace OUT if it exists")
    new.set_defaults(run=_new_workbook)

    profiles = commands.add_parser(
        "profiles", help="list the board profiles this installation knows",
        description="List the board profiles that new-workbook --profile can use: the "
                    "shipped ones, and any in the folders named by LSCB_PROFILES. A board "
                    "makes its own by copying one of these files.",
        epilog=f"Example: {EXAMPLES['profiles']}")
    profiles.add_argument("--check", metavar="FILE", type=Path,
                          help="check one profile file and list every problem in it")
    profiles.set_defaults(run=_profiles)

    upgrade = commands.add_parser(
        "upgrade", help="bring a workbook up to its profile's current version",
        description="Write a copy of WORKBOOK laid out as the current version of its board "
                    "profile (or of --profile): tables and columns it lacks are added empty, "
                    "everything typed is kept, and what changed is listed. WORKBOOK is never "
                    "changed.",
        epilog=f"Example: {EXAMPLES['upgrade']}")
    upgrade.add_argument("workbook", type=Path, help="the .xlsx to upgrade")
    upgrade.add_argument("-o", "--out", type=Path, required=True, help="the .xlsx to write")
    upgrade.add_argument("--profile", default=None, metavar="NAME|FILE",
                         help="move the workbook to this profile instead of its own")
    upgrade.add_argument("--force", action="store_true", help="replace OUT if it exists")
    upgrade.set_defaults(run=_upgrade)

    new_year = commands.add_parser(
        "new-year", help="start next year's workbook from this year's",
        description="Write next year's master workbook from this year's: series move along a "
                    "year, this year's values become last year's, report text moves to "
                    "'Last year's text', and business-plan actions not complete carry "
                    "forward. WORKBOOK must have no errors, and is never changed.",
        epilog=f"Example: {EXAMPLES['new-year']}")
    new_year.add_argument("workbook", type=Path, help="this year's .xlsx")
    new_year.add_argument("-o", "--out", type=Path, required=True,
                          help="next year's .xlsx to write")
    new_year.add_argument("--force", action="store_true",
                          help="replace OUT if it exists (never WORKBOOK itself)")
    new_year.set_defaults(run=_new_year)

    build = commands.add_parser(
        "build", help="build the annual report (Word, and PDF with --pdf)",
        description="Build the annual report from a master workbook into the Word template. "
                    "A workbook with errors is refused unless --draft is given. With no "
                    "WORKBOOK, builds the shipped 2016-17 example.",
        epilog=f"Example: {EXAMPLES['build']}")
    build.add_argument("workbook", nargs="?", type=Path, help="the .xlsx to build from")
    build.add_argument("-o", "--out", type=Path,
                       help="the .docx to write (default: annual_report_<year>.docx here)")
    build.add_argument("--template", type=Path, help="a Word template to use instead of the "
                       "shipped one")
    build.add_argument("--pdf", action="store_true",
                       help="also write a PDF beside it, and store the contents' page numbers "
                            "in the .docx (needs LibreOffice)")
    build.add_argument("--page-numbers", action="store_true",
                       help="store the contents' page numbers in the .docx, laid out by "
                            "LibreOffice, without keeping a PDF")
    build.add_argument("--draft", action="store_true", help="build even if the workbook has "
                       "errors, marked as a draft with the findings listed at the end")
    build.set_defaults(run=_build)

    serve = commands.add_parser(
        "serve", help="run the Excel add-in's server (xlwings Server) on this computer",
        description="Serve the Office.js add-in (ribbon tab 'LSCB Report': Validate, Compute, "
                    "Build report) on 127.0.0.1:PORT; its manifest is at /manifest.xml. "
                    "Excel loads add-ins over HTTPS only: give a certificate and its key "
                    "(e.g. made with mkcert). Needs the server extra: "
                    "pip install -e '.[server]'.",
        epilog=f"Example: {EXAMPLES['serve']}")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    serve.add_argument("--workers", type=int, default=1,
                       help="server processes; they share the download folder (default 1)")
    serve.add_argument("--cert", type=Path, help="the HTTPS certificate (.pem)")
    serve.add_argument("--key", type=Path, help="the certificate's private key (.pem)")
    serve.set_defaults(run=_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code and never raises."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except LscbError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, not a traceback
        print(f"Unexpected fault in lscb-report ({type(exc).__name__}: {exc}). Nothing was "
              "written. Please report this with the file that caused it.", file=sys.stderr)
        return 3


# --- validate ---------------------------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    from .io.xlsx_reader import read_workbook
    from .validate import validate

    path = args.workbook or example_workbook()
    result = validate(read_workbook(path), fresh=args.fresh)
    if args.json:
        json.dump([f.to_dict() for f in result.findings], sys.stdout, indent=2,
                  ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_findings(result, Path(path).name, sys.stdout)
    return 0 if result.ok else 1


def print_findings(result: Result, source: str, out: TextIO) -> None:
    """Findings grouped by tab, in the workbook's tab order, errors first in each tab."""
    profile = result.data.profile
    order = {sheet.name: i for i, sheet in enumerate(profile.sheets)}
    by_sheet: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_sheet.setdefault(finding.sheet or "(workbook)", []).append(finding)
    for sheet in sorted(by_sheet, key=lambda s: (order.get(s, len(order)), s)):
        owner = profile.sheet(sheet).owner if sheet in order else ""
        out.write(f"\n{sheet}" + (f"  ({owner})" if owner else "") + "\n")
        listed = [f for f in by_sheet[sheet] if f.severity != "info"]
        for f in sorted(listed, key=lambda f: (f.severity != "error", f.sort_key)):
            where = f.cell or "-"
            out.write(f"  {f.severity.upper():7} {where:>6}  {f.message}  [{f.rule}]\n")
        if len(listed) < len(by_sheet[sheet]):  # blank cells of a fresh workbook, counted
            out.write(f"  {'INFO':7} {'-':>6}  {len(by_sheet[sheet]) - len(listed)} cell(s) "
                      "not filled in yet for the new year  [cell.not-filled]\n")
    errors, warnings, blank = len(result.errors), len(result.warnings), len(result.infos)
    verdict = ("not ready: fix the errors first" if errors else
               "not ready: fill in the blank cells" if blank else "ready")
    unfilled = f", {blank} not filled in yet" if blank else ""
    out.write(f"\n{source}: {errors} error(s), {warnings} warning(s){unfilled}. {verdict}.\n")


# --- compute ---------------------------------------------------------------------------------


def _compute(args: argparse.Namespace) -> int:
    from .io.xlsx_compute import compute_file

    out = args.out or args.workbook
    if out.suffix.lower() != args.workbook.suffix.lower():
        raise OutputError(f"Cannot write {out.name}: keep the workbook's own file type "
                          f"({args.workbook.suffix}).")
    result = compute_file(args.workbook, args.out)
    print_findings(result, args.workbook.name, sys.stdout)
    if not result.ok:
        print(f"Not computed: {len(result.errors)} error(s). Only the Validation tab of "
              f"{out.name} was written; fix the errors and run compute again.")
        return 1
    counts = ", ".join(f"{n} {r}" for r, n in result.computed.rag_counts.items())
    print(f"Computed {out.name}: ratings {counts}; Dashboard and Validation tabs written.")
    return 0


# --- new-workbook ----------------------------------------------------------------------------


def _new_workbook(args: argparse.Namespace) -> int:
    from .io.xlsx_writer import build_workbook, save_workbook
    from .schema import STARTER, load_profile

    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        raise OutputError(f"Cannot write {out.name}: the master workbook must be an .xlsx file.")
    if out.exists() and not args.force:
        raise OutputError(f"{out} already exists; choose another name or add --force.")
    profile = load_profile(args.profile or STARTER)
    save_workbook(build_workbook(profile), out)
    print(f"Wrote a blank master workbook to {out} (board profile '{profile.name}', "
          f"version {profile.version}).")
    return 0


# --- profiles --------------------------------------------------------------------------------


def _profiles(args: argparse.Namespace) -> int:
    from .schema import available_profiles, read_profile

    if args.check is not None:
        profile = read_profile(args.check)
        tables = sum(1 for _ in profile.iter_tables())
        print(f"{args.check.name}: the board profile '{profile.name}' (version "
              f"{profile.version}) is usable: {len(profile.sections)} sections, "
              f"{len(profile.sheets)} tabs, {tables} tables, {len(profile.checks)} checks.")
        return 0
    found = available_profiles()
    if not found:
        print("No board profiles found.")
        return 1
    width = max(len(p.name) for p in found)
    for info in found:
        print(f"{info.name:<{width}}  version {info.version:<6} {info.title}")
        print(f"{'':<{width}}  {info.path}")
    return 0


# --- upgrade ---------------------------------------------------------------------------------


def _upgrade(args: argparse.Namespace) -> int:
    from .io.xlsx_upgrade import upgrade_file
    from .schema import load_profile

    profile = load_profile(args.profile) if args.profile else None
    done = upgrade_file(args.workbook, args.out, profile=profile, force=args.force)
    print(f"Upgraded {args.workbook.name} to version {done.profile.version} of the board "
          f"profile '{done.profile.name}':")
    for change in done.changes or ["nothing needed changing: every table and column was there."]:
        print(f"  - {change}")
    print(f"Wrote {args.out}.")
    return 0


# --- new-year --------------------------------------------------------------------------------


def _new_year(args: argparse.Namespace) -> int:
    from .io.xlsx_rollover import new_year_file

    done = new_year_file(args.workbook, args.out, force=args.force)
    if done.rollover is None or done.result is None:
        print_findings(done.source, args.workbook.name, sys.stdout)
        print(f"Not rolled over: fix the {len(done.source.errors)} error(s) in "
              f"{args.workbook.name} first. Nothing was written.")
        return 1
    print(f"Rolled {args.workbook.name} over from {done.rollover.year} to "
          f"{done.rollover.next_year}:")
    for note in done.rollover.notes:
        print(f"  - {note}")
    print_findings(done.result, args.out.name, sys.stdout)
    if not done.written:
        print(f"Nothing was written: next year's workbook would have errors. Please report "
              f"this with {args.workbook.name}.")
        return 1
    print(f"Wrote {args.out}.")
    return 0


# --- build -----------------------------------------------------------------------------------


def _build(args: argparse.Namespace) -> int:
    from .io.xlsx_reader import read_workbook
    from .report import WorkbookHasErrors, build_report
    from .report.console import progress_display
    from .validate import validate

    path = args.workbook or example_workbook()
    result = validate(read_workbook(path))
    if result.errors and not args.draft:
        print_findings(result, Path(path).name, sys.stdout)
        raise WorkbookHasErrors(f"Not built: {Path(path).name} has {len(result.errors)} "
                                "error(s). Fix them, or add --draft to build a marked draft.")
    year = result.data.facts.get("reporting_year")
    out: Path = args.out or Path(f"annual_report_{year}.docx" if year else "annual_report.docx")
    if out.suffix.lower() != ".docx":
        raise OutputError(f"Cannot write {out.name}: the report must be a .docx file.")
    pdf = out.with_suffix(".pdf") if args.pdf else None
    with progress_display(sys.stderr) as progress:
        build_report(result, out, template=args.template, draft=args.draft, progress=progress,
                     warn=lambda message: print(f"Warning: {message}", file=sys.stderr),
                     workbook_folder=Path(path).parent, page_numbers=args.page_numbers,
                     pdf=pdf)
    print(f"Wrote {out}" + (" (a draft: the findings are listed at its end)." if args.draft
                            else f" ({len(result.warnings)} warning(s); see lscb-report "
                                 "validate)."))
    if pdf is not None:
        print(f"Wrote {pdf}.")
    return 0


# --- serve -----------------------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    from .addin.serve import serve

    serve(port=args.port, workers=args.workers, cert=args.cert, key=args.key)
    return 0


GC_THRESHOLD = (50_000, 20, 20)  # Python's default is (700, 10, 10)


def main_exit() -> None:
    """Console-script entry point: exit with :func:`main`'s code.

    A command is a short process that builds many objects and frees few: the cycle
    collector, run every 700 allocations by default, costs about a seventh of a build's
    time there, so it runs less often (peak memory stays well under the goals; see
    benchmarks/)."""
    gc.set_threshold(*GC_THRESHOLD)
    sys.exit(main())
