"""The ``lscb-report`` command: thin wrappers over the library, one per action.

Each command opens its input, calls one library function and prints the result. Errors
the tool raises on purpose (:class:`~xl_addin.core.errors.LscbError`) become one clear line on
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
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from xl_addin import __version__
from xl_addin.core.errors import LscbError, OutputError
from xl_addin.files.shipped import example_workbook

if TYPE_CHECKING:  # the core (and pandas) loads only for the commands that need it
    from xl_addin.core.findings import Finding
    from xl_addin.core.raw import RawWorkbook
    from xl_addin.jobs.checked import Result
    from xl_addin.schema import Profile

__all__ = ["main", "build_parser"]

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}  # how each tab's findings are listed

EXAMPLES = {
    "validate": "lscb-report validate my_board_2017-18.xlsx --tab Performance",
    "new-workbook": "lscb-report new-workbook blank_2017-18.xlsx --profile starter",
    "profiles": "lscb-report profiles new northshire --from starter",
    "make-template": "lscb-report make-template --profile northshire -o northshire.docx",
    "upgrade": "lscb-report upgrade my_board_2016-17.xlsx -o my_board_2016-17_v2.xlsx",
    "new-year": "lscb-report new-year my_board_2016-17.xlsx -o my_board_2017-18.xlsx",
    "compute": "lscb-report compute my_board_2017-18.xlsx -o computed.xlsx",
    "build": "lscb-report build my_board_2017-18.xlsx -o annual_report_2017-18.docx --pdf "
             "--suppress-small-numbers",
    "serve": "lscb-report serve --port 8000 --cert localhost.pem --key localhost-key.pem",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lscb-report",
        description="Validate a safeguarding partnership's (or LSCB's) master data workbook "
                    "and build its yearly (annual) report.",
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
    validate.add_argument("--tab", metavar="NAME",
                          help="only this tab's findings (any capitals); the exit code then "
                               "counts only this tab's errors")
    validate.set_defaults(run=_validate)

    compute = commands.add_parser(
        "compute", help="work out ratings, trends and derived figures in the workbook",
        description="Validate the workbook, then write into it what the tool works out: the "
                    "RAG ratings, trends, year-on-year changes and derived figures in its "
                    "grey columns, a Dashboard tab, and a Validation tab listing every "
                    "finding with its sign-off state. Cells people typed are never changed. "
                    "With errors, everything the errors allow is still written: only what "
                    "depends on a row or figure with an error is left blank, and the command "
                    "exits with code 1.",
        epilog=f"Example: {EXAMPLES['compute']}")
    compute.add_argument("workbook", type=Path, help="the .xlsx (or .xlsm) to compute")
    compute.add_argument("-o", "--out", type=Path,
                         help="write here instead of updating WORKBOOK in place")
    compute.add_argument("--force", action="store_true",
                         help="replace OUT if it exists (WORKBOOK itself is always updated "
                              "in place when no -o is given)")
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
        "profiles", help="list the board profiles this installation knows, or make one",
        description="List the board profiles that new-workbook --profile can use: the "
                    "shipped ones, and any in the folders named by LSCB_PROFILES. 'profiles "
                    "new NAME' writes a new profile ready to edit, copied from the starter "
                    "(or --from another); --check FILE lists every problem in one.",
        epilog=f"Example: {EXAMPLES['profiles']}")
    profiles.add_argument("action", nargs="?", choices=["new"],
                          help="new: write a new profile ready to edit")
    profiles.add_argument("name", nargs="?", help="the new profile's name, e.g. northshire")
    profiles.add_argument("--from", dest="source", default=None, metavar="NAME|FILE",
                          help="the profile to start from (default: starter)")
    profiles.add_argument("-o", "--out", type=Path,
                          help="the .yaml to write (default: NAME.yaml here)")
    profiles.add_argument("--force", action="store_true", help="replace OUT if it exists")
    profiles.add_argument("--check", metavar="FILE", type=Path,
                          help="check one profile file and list every problem in it")
    profiles.set_defaults(run=_profiles)

    template = commands.add_parser(
        "make-template", help="write a Word template for a board profile",
        description="Write a Word template for a board profile: the cover, the styles and "
                    "one tag per section the profile has switched on, in its order. The "
                    "comms team then styles it and moves sections in Word. By default it is "
                    "written beside the profile, named as its template: says, where build "
                    "finds it.",
        epilog=f"Example: {EXAMPLES['make-template']}")
    template.add_argument("--profile", required=True, metavar="NAME|FILE",
                          help="the board profile: a name from 'lscb-report profiles', or a "
                               ".yaml file")
    template.add_argument("-o", "--out", type=Path, help="the .docx to write")
    template.add_argument("--force", action="store_true", help="replace OUT if it exists")
    template.set_defaults(run=_make_template)

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
        "build", help="build the yearly report (Word, and PDF with --pdf)",
        description="Build the yearly report from a master workbook into the Word template. "
                    "A workbook with errors is refused unless --draft is given. With no "
                    "WORKBOOK, builds the shipped 2016-17 example.",
        epilog=f"Example: {EXAMPLES['build']}")
    build.add_argument("workbook", nargs="?", type=Path, help="the .xlsx to build from")
    build.add_argument("-o", "--out", type=Path,
                       help="the .docx to write (default: yearly_report_<year>.docx here, or "
                            "annual_report_<year>.docx under Working Together 2015)")
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
    build.add_argument("--force", action="store_true",
                       help="replace the report (and the PDF) if they exist")
    build.add_argument("--suppress-small-numbers", action="store_true",
                       help="print counts of 1 to 5 children, deaths or young people as 'c' "
                            "(and any figure that would give them away), as the Department "
                            "for Education does; Yes on Settings does the same")
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
    outputs = args.outputs = Outputs()
    try:
        return int(args.run(args))
    except LscbError as exc:
        print(f"{exc}{outputs.after_error()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"Stopped. {outputs.summary()}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, not a traceback
        print(f"Unexpected fault in lscb-report ({type(exc).__name__}: {exc}). "
              f"{outputs.summary()} Please report this with the file that caused it.",
              file=sys.stderr)
        return 3


class Outputs:
    """The files a command means to write and those it has written, in the order planned.

    If the command stops (an error, Ctrl-C, a fault), :meth:`summary` says truthfully what
    was written and what was not, so nobody is told "nothing was written" after the report
    was saved, or left wondering whether their workbook was changed.
    """

    def __init__(self) -> None:
        self.planned: list[Path] = []
        self.existed: set[Path] = set()
        self.written: list[Path] = []

    def plan(self, *paths: Path) -> None:
        for path in paths:
            self.planned.append(path)
            if path.exists():
                self.existed.add(path)

    def wrote(self, path: Path) -> None:
        self.written.append(path)

    def summary(self) -> str:
        """E.g. 'report.docx was written; report.pdf was not.' for a PDF interrupted."""
        if not self.written and not self.planned:
            return "Nothing was written."
        done = [p.name for p in self.planned if p in self.written]
        kept = [p.name for p in self.planned if p not in self.written and p in self.existed]
        missing = [p.name for p in self.planned if p not in self.written and
                   p not in self.existed]
        parts = []
        if done:
            parts.append(f"{_names(done)} {'was' if len(done) == 1 else 'were'} written")
        if kept:
            parts.append(f"{_names(kept)} {'was' if len(kept) == 1 else 'were'} left as "
                         f"{'it was' if len(kept) == 1 else 'they were'}")
        if missing:
            verb = "was" if len(missing) == 1 else "were"
            parts.append(f"{_names(missing)} {verb} not written" if not done else
                         f"{_names(missing)} {verb} not")
        return "; ".join(parts) + "."

    def after_error(self) -> str:
        """What to add to an error's message: nothing, unless something was written."""
        return f" {self.summary()}" if self.written else ""


def _names(names: list[str]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else names[0]


# --- validate ---------------------------------------------------------------------------------


def _validate(args: argparse.Namespace) -> int:
    from xl_addin.core.findings import Severity, find_tab, on_tab
    from xl_addin.jobs.checked import check
    from xl_addin.readers.xlsx import read_workbook

    path = args.workbook or example_workbook()
    raw = read_workbook(path)
    result = check(raw, fresh=args.fresh)
    tab = None if args.tab is None else find_tab(args.tab, _tabs(raw, result.data.profile))
    findings = result.findings if tab is None else on_tab(result.findings, tab)
    if args.json:
        json.dump([f.to_dict() for f in findings], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_findings(result, Path(path).name, sys.stdout, tab=tab)
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def _tabs(raw: RawWorkbook, profile: Profile) -> list[str]:
    """The workbook's tabs, then any tab the profile expects that it lacks."""
    return list(dict.fromkeys([*raw.sheets, *(sheet.name for sheet in profile.sheets)]))


def _tab_order(profile: Profile) -> Callable[[str], tuple[int, str]]:
    order = {s.name: i for i, s in enumerate(profile.sheets)}
    return lambda sheet: (order.get(sheet, len(order)), sheet)


def print_findings(result: Result, source: str, out: TextIO, *, tab: str | None = None) -> None:
    """Findings by tab, in the workbook's tab order, errors first in each tab; the findings
    of one rule in one column share a line with their cell range (:func:`findings.group`).
    ``tab``: only that tab's findings."""
    from xl_addin.core.findings import Severity, group, on_tab

    findings = result.findings if tab is None else on_tab(result.findings, tab)
    profile = result.data.profile
    tab_order = _tab_order(profile)
    rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    by_sheet: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.rule == "statutory.deadline" and result.publication is not None:
            continue  # the last line says it
        by_sheet.setdefault(finding.sheet or "(workbook)", []).append(finding)
    for sheet in sorted(by_sheet, key=tab_order):
        owner = profile.sheet(sheet).owner if tab_order(sheet)[0] < len(profile.sheets) else ""
        out.write(f"\n{sheet}" + (f"  ({owner})" if owner else "") + "\n")
        lines = sorted(group(by_sheet[sheet]),
                       key=lambda g: (rank[g.severity], g.findings[0].sort_key))
        for line in lines:
            out.write(f"  {line.severity.upper():7} {line.cells or '-':>6}  {line.message}\n")
            if len(line.findings) == 1 and line.findings[0].disagreement:
                out.write(f"  {'':7} {'':>6}  {_state_line(line.findings[0])}\n")
    errors, warnings, infos = (sum(f.severity is s for f in findings) for s in Severity)
    blank = sum(map(result.is_unfilled, findings))
    disagreements = [f for f in findings if f.disagreement]
    unsettled = sum(f.signed is None for f in disagreements)
    verdict = ("not ready: fix the errors first" if errors else
               "not ready: fill in the blank cells" if blank else
               f"not ready for a final report: settle the {unsettled} open disagreement(s) "
               "(correct each one, or sign it off on the Sign-off tab)" if unsettled else
               "ready for a draft; a final report needs the publication date on Settings"
               if any(f.rule == "publication.date" for f in findings) else "ready")
    unfilled = f", {blank} not filled in yet" if blank else ""
    unfilled += f", {infos - blank} note(s)" if infos > blank else ""
    settled = (f" ({len(disagreements)} disagreement(s): {unsettled} open, "
               f"{len(disagreements) - unsettled} signed off)" if disagreements else "")
    which = f" (tab '{tab}' only)" if tab is not None else ""
    out.write(f"\n{source}{which}: {errors} error(s), {warnings} warning(s){settled}{unfilled}. "
              f"{verdict}.\n")
    if result.publication is not None:
        out.write(f"Publication: {result.publication.sentence}\n")


def print_open(result: Result, source: str, out: TextIO) -> None:
    """The disagreements neither corrected nor signed off, each with its key, by tab."""
    tab_order = _tab_order(result.data.profile)
    unsettled = sorted(result.unsettled, key=lambda f: (tab_order(f.sheet or ""), f.sort_key))
    out.write(f"\n{source}: {len(unsettled)} disagreement(s) to settle before a final "
              "report:\n")
    for finding in unsettled:
        out.write(f"  {finding.sheet or '(workbook)'}!{finding.cell or '-'}  {finding.message}"
                  f"\n    Sign-off key: {finding.key}\n")


def _state_line(finding: Finding) -> str:
    """A disagreement's second line: its sign-off key, and whether it is settled."""
    if finding.signed is None:
        return f"Open. Sign-off key: {finding.key}"
    return f"{finding.state_text} (Sign-off key: {finding.key})"


def print_summary(result: Result, workbook: Path, out: TextIO) -> None:
    """Findings counted by tab and severity, and where to read them, for ``compute``."""
    from xl_addin.core.findings import Severity, tally

    counts = tally(f for f in result.findings if f.severity is not Severity.INFO
                   or result.is_unfilled(f))
    errors, warnings, blank = (sum(c[s] for c in counts.values()) for s in Severity)
    out.write(f"Findings: {errors} error(s), {warnings} warning(s)"
              + (f", {blank} not filled in yet" if blank else "") + (":" if counts else ".")
              + "\n")
    width = max((len(tab) for tab in counts), default=0)
    for tab in sorted(counts, key=_tab_order(result.data.profile)):
        parts = [f"{n} not filled in yet" if s is Severity.INFO else
                 f"{n} {s.value}{'s' if n != 1 else ''}" for s, n in
                 sorted(counts[tab].items(), key=lambda item: list(Severity).index(item[0]))]
        out.write(f"  {tab:<{width}}  {', '.join(parts)}\n")
    if counts:
        out.write(f"Each one, at its cell: lscb-report validate {shlex.quote(str(workbook))} "
                  "(add --tab NAME for one tab), or the Validation tab.\n")


# --- compute ---------------------------------------------------------------------------------


def _compute(args: argparse.Namespace) -> int:
    from xl_addin.jobs.computed import compute_file

    out = args.out or args.workbook
    if out.suffix.lower() != args.workbook.suffix.lower():
        raise OutputError(f"Cannot write {out.name}: keep the workbook's own file type "
                          f"({args.workbook.suffix}).")
    args.outputs.plan(out)
    done = compute_file(args.workbook, args.out, force=args.force)
    if done.written:
        args.outputs.wrote(out)
    result = done.result
    counts = result.computed.summary()
    if not result.ok:
        from xl_addin.jobs.checked import skipped_rows

        print(f"Computed what the errors allow in {out.name}"
              + (f": {counts}." if counts else ".")
              + f" {skipped_rows(result)} Fix the {len(result.errors)} error(s) and run "
              "compute again.")
        print_summary(result, out, sys.stdout)
        return 1
    grey = "the grey columns, " if _has_computed(result.data.profile) else ""
    print(f"Computed {out.name}: " + (f"{counts}; " if counts else "")
          + f"{grey}the Dashboard tab and the Validation tab written."
          + ("" if done.written else " It already held these results, so it was not "
             "changed.")
          + (" Formulas in it read cells the tool wrote, so Excel recalculates them when "
             "it opens the workbook." if done.recalculate else ""))
    print_summary(result, out, sys.stdout)
    return 0


def _has_computed(profile: Profile) -> bool:
    """Whether the workbook has grey columns or key figures the tool works out."""
    from xl_addin.schema import Role

    return any(c.role is Role.COMPUTED for _, t in profile.iter_tables() for c in t.columns) \
        or any(f.computed for _, f in profile.iter_facts())


# --- new-workbook ----------------------------------------------------------------------------


def _new_workbook(args: argparse.Namespace) -> int:
    from xl_addin.files.outputs import check_output
    from xl_addin.schema import STARTER, load_profile
    from xl_addin.writers.workbook.fresh import build_workbook, save_workbook

    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        raise OutputError(f"Cannot write {out.name}: the master workbook must be an .xlsx file.")
    check_output(out, force=args.force)
    profile = load_profile(args.profile or STARTER)
    args.outputs.plan(out)
    save_workbook(build_workbook(profile), out)
    args.outputs.wrote(out)
    print(f"Wrote a blank master workbook to {out} (board profile '{profile.name}', "
          f"version {profile.version}).")
    return 0


# --- profiles --------------------------------------------------------------------------------


def _profiles(args: argparse.Namespace) -> int:
    from xl_addin.schema import available_profiles, read_profile
    from xl_addin.schema.active import active_profile

    if args.action == "new":
        return _new_profile(args)
    if args.name is not None:
        raise LscbError(f"Say what to do with {args.name!r}: lscb-report profiles new "
                        f"{args.name}.")
    if args.check is not None:
        profile = read_profile(args.check)
        on = active_profile(profile)
        tables = sum(1 for _ in on.iter_tables())
        off = len(profile.sections) - len(profile.enabled_sections())
        print(f"{args.check.name}: the board profile '{profile.name}' (version "
              f"{profile.version}) is usable: {len(profile.enabled_sections())} sections "
              f"switched on" + (f" ({off} off)" if off else "") + f", {len(on.sheets)} tabs, "
              f"{tables} tables, {len(profile.checks)} checks.")
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


def _new_profile(args: argparse.Namespace) -> int:
    from xl_addin.jobs.new_profile import new_profile
    from xl_addin.schema import STARTER

    if args.name is None:
        raise LscbError("Give the new profile a name: lscb-report profiles new NAME, e.g. "
                        "lscb-report profiles new northshire.")
    out = args.out or Path(f"{args.name}.yaml")
    args.outputs.plan(out)
    made = new_profile(args.name, args.source or STARTER, out, force=args.force)
    args.outputs.wrote(made.path)
    print(f"Wrote {made.path}: the board profile '{made.profile.name}', version "
          f"{made.profile.version}, made from '{made.source.name}'"
          + (f" ({made.unmarked} since: marks taken out: everything in it is in version "
             f"{made.profile.version})" if made.unmarked else "") + ".")
    print(f"Next: edit it (docs/adopting.md), check it with lscb-report profiles --check "
          f"{shlex.quote(str(made.path))}, and put its folder in LSCB_PROFILES.")
    return 0


# --- make-template ---------------------------------------------------------------------------


def _make_template(args: argparse.Namespace) -> int:
    from xl_addin.jobs.word_template import make_template

    if args.out is not None:
        args.outputs.plan(args.out)
    made = make_template(args.profile, args.out, force=args.force)
    args.outputs.wrote(made.path)
    print(f"Wrote {made.path}: the Word template of the board profile "
          f"'{made.profile.name}', with {len(made.tags)} section tags in the profile's "
          "order. The comms team can now style it, and move or delete sections, in Word "
          "(docs/comms-team.md).")
    return 0


# --- upgrade ---------------------------------------------------------------------------------


def _upgrade(args: argparse.Namespace) -> int:
    from xl_addin.jobs.upgraded import upgrade
    from xl_addin.schema import load_profile

    profile = load_profile(args.profile) if args.profile else None
    done = upgrade(args.workbook, args.out, profile=profile, force=args.force)
    print(f"Upgraded {args.workbook.name} to version {done.profile.version} of the board "
          f"profile '{done.profile.name}':")
    for change in done.changes or ["nothing needed changing: every table and column was there."]:
        print(f"  - {change}")
    print(f"Wrote {args.out}.")
    return 0


# --- new-year --------------------------------------------------------------------------------


def _new_year(args: argparse.Namespace) -> int:
    from xl_addin.jobs.next_year import new_year

    args.outputs.plan(args.out)
    done = new_year(args.workbook, args.out, force=args.force)
    if done.written:
        args.outputs.wrote(args.out)
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
    if done.uncarried:
        print(f"Not carried into {args.out.name}, which is written fresh from the schema "
              f"(add again what is still needed; {args.workbook.name} keeps it all):")
        for item in done.uncarried:
            print(f"  - {item}")
    print(f"Wrote {args.out}.")
    return 0


# --- build -----------------------------------------------------------------------------------


def _build(args: argparse.Namespace) -> int:
    from xl_addin.cli.progress import progress_display
    from xl_addin.core.errors import NotReadyToPublish, WorkbookHasErrors
    from xl_addin.files.outputs import check_folder
    from xl_addin.jobs import BuildEvents, BuildOptions, build, report_name, validate_file
    from xl_addin.jobs.document import refuse_unpublishable
    from xl_addin.report.word.pdf import require_soffice

    if args.out is not None and args.out.suffix.lower() != ".docx":
        raise OutputError(f"Cannot write {args.out.name}: the report must be a .docx file.")
    if args.out is not None:  # everything about the output is checked before any work
        _check_report_outputs(args.out, args)
    else:
        check_folder(Path("."), "the report")
    if args.pdf:
        require_soffice()
    path = args.workbook or example_workbook()
    result = validate_file(path)
    if result.errors and not args.draft:
        print_findings(result, Path(path).name, sys.stdout)
        raise WorkbookHasErrors(f"Not built: {Path(path).name} has {len(result.errors)} "
                                "error(s). Fix them, or add --draft to build a marked draft.")
    if result.unsettled and not args.draft:
        print_open(result, Path(path).name, sys.stdout)
        raise NotReadyToPublish(
            f"Not built: {Path(path).name} has {len(result.unsettled)} disagreement(s) "
            "neither corrected nor signed off. Correct each one, or sign it off on the "
            "Sign-off tab, or add --draft to build a marked draft.")
    if not args.draft:
        refuse_unpublishable(result)  # what is left: the publication date
    out: Path = args.out or Path(report_name(result))
    if args.out is None:
        _check_report_outputs(out, args)
    pdf = out.with_suffix(".pdf") if args.pdf else None
    args.outputs.plan(out, *([pdf] if pdf is not None else []))
    options = BuildOptions(draft=args.draft, template=args.template, pdf=pdf,
                           page_numbers=args.page_numbers,
                           suppress_small_numbers=True if args.suppress_small_numbers else None,
                           workbook_folder=Path(path).parent)
    warned: list[str] = []

    def warn(message: str) -> None:
        warned.append(message)
        print(f"Warning: {message}", file=sys.stderr)

    with progress_display(sys.stderr) as progress:
        build(result, out, options, BuildEvents(progress=progress, written=args.outputs.wrote,
                                                warn=warn))
    args.outputs.wrote(out)
    if pdf is not None:
        args.outputs.wrote(pdf)
    print(f"Wrote {out}" + (" (a draft: the findings are listed at its end"
                            if args.draft else "") + _warnings_said(result, warned, args.draft))
    if pdf is not None:
        print(f"Wrote {pdf}.")
    return 0


def _warnings_said(result: Result, warned: list[str], draft: bool) -> str:
    """The end of build's last line: the disagreements a draft leaves open, the warnings it
    printed and those in the workbook (a final build settled every disagreement first)."""
    parts = []
    still = len(result.unsettled)
    if draft and still:
        parts.append(f"{still} disagreement(s) still open")
    elif not draft and result.disagreements:
        parts.append("every disagreement settled")
    if result.warnings:
        parts.append(f"{len(result.warnings)} warning(s) in the workbook: see lscb-report "
                     "validate")
    if warned:
        parts.append(f"{len(warned)} warning(s) while building: see above")
    if not parts:
        return ")." if draft else " (no warnings)."
    return ("; " if draft else " (") + "; ".join(parts) + ")."


def _check_report_outputs(out: Path, args: argparse.Namespace) -> None:
    """The report, and the PDF beside it if asked for: refused if they exist, without --force."""
    from xl_addin.files.outputs import check_output

    check_output(out, force=args.force)
    if args.pdf:
        check_output(out.with_suffix(".pdf"), force=args.force)


# --- serve -----------------------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    from xl_addin.addin.serve import serve

    serve(port=args.port, workers=args.workers, cert=args.cert, key=args.key)
    return 0


GC_THRESHOLD = (50_000, 20, 20)  # Python's default is (700, 10, 10)


def main_exit() -> None:
    """Console-script entry point: exit with :func:`main`'s code.

    A command is a short process that builds many objects and frees few: the cycle
    collector, run every 700 allocations by default, costs about a seventh of a build's
    time there, so it runs less often (peak memory stays well under the goals; see
    benchmarks/). At the end, what is left is frozen: Python's exit would otherwise search
    it all for cycles before freeing it (about half a second after a build), work with no
    effect in a process that is ending. Files are closed and exit handlers still run."""
    gc.set_threshold(*GC_THRESHOLD)
    try:
        code = main()
    finally:
        gc.freeze()
    sys.exit(code)
