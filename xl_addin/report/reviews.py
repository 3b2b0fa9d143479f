"""Learning from reviews and child deaths: the reviews, their lessons, and CDOP tables 1-4."""

from __future__ import annotations

from .. import fmt
from ..schema import SCHEMA
from .model import Block, Cell, Column, Heading, Paragraph, Table
from .sources import NOT_AVAILABLE, Row, Sources, count, first_filled, header, share

__all__ = ["reviews", "practice_themes", "cdop_counts", "cdop_sign_off",
           "cdop_recommendations", "SERIOUS_CASE_REVIEW"]

SERIOUS_CASE_REVIEW = "Serious case review"
THIS_AREA, ENGLAND = "This area", "England"  # the choices of the CDOP tables' Area column


def _text(x: object) -> str:
    return "" if x is None else str(x)


def _published(x: object) -> str:
    return "" if x is None else fmt.value(x, "date")


def reviews(s: Sources) -> list[Block]:
    """The table of reviews, then each serious case review with its lessons."""
    table = "tblReviews"
    rows = s.rows(table)
    if not rows:
        return []
    columns = (Column(header(table, "child"), 1), Column(header(table, "kind"), 1.4),
               Column(header(table, "published"), 1.3), Column(header(table, "note"), 3))
    body = tuple((Cell(_text(r["child"])), Cell(_text(r["kind"])),
                  Cell(_published(r["published"])), Cell(_text(r["note"]))) for r in rows)
    blocks: list[Block] = [Table(f"Reviews completed in {s.year or 'the year'}", columns, body)]
    lessons = s.rows("tblReviewLessons")
    for review in rows:
        if review["kind"] != SERIOUS_CASE_REVIEW:
            continue
        title = str(review["child"])
        if review["published"] is not None:
            title += f" (published {_published(review['published'])})"
        blocks.append(Heading(2, title))
        if review["summary"]:
            blocks.append(Paragraph(str(review["summary"])))
        blocks += _lessons(review["child"], lessons)
    return blocks


def _lessons(child: object, lessons: list[Row]) -> list[Block]:
    table = "tblReviewLessons"
    own = [r for r in lessons if r["child"] == child]
    if not own:
        return []
    columns = (Column(header(table, "number"), 0.6), Column(header(table, "lesson"), 8))
    body = tuple((Cell("Also" if r["number"] is None else count(r["number"])),
                  Cell(_text(r["lesson"]))) for r in own)
    return [Table(f"Lessons from the review of {child}", columns, body,
                  notes=("Also: an additional lesson the review identified.",)
                  if any(r["number"] is None for r in own) else ())]


def practice_themes(s: Sources) -> list[Block]:
    table = "tblPracticeThemes"
    rows = s.rows(table)
    if not rows:
        return []
    columns = (Column(header(table, "theme"), 1.6), Column(header(table, "learning"), 4))
    body = tuple((Cell(_text(r["theme"])), Cell(_text(r["learning"]))) for r in rows)
    return [Table("Learning themes from the practice reviews", columns, body)]


def _years(rows: list[Row], area: str) -> list[str]:
    return sorted({str(r["year"]) for r in rows if r["area"] == area})


def _caption(table: str) -> str:
    """'Table 1. Gender, by year of review': the panel's own table numbers, which its text uses."""
    return f"{SCHEMA.table(table).title}, by year of review"


def cdop_counts(s: Sources, table: str) -> list[Block]:
    """CDOP tables 1-3: deaths by year with their share, beside England's latest shares."""
    rows = s.rows(table)
    years = _years(rows, THIS_AREA)
    if not years:
        return []
    england = (_years(rows, ENGLAND) or [None])[-1]
    categories = list(dict.fromkeys(str(r["category"]) for r in rows))
    cells = {(str(r["year"]), r["area"], str(r["category"])): r for r in rows}

    def local(year: str, category: str) -> Cell:
        row = cells.get((year, THIS_AREA, category))
        if row is None or row["deaths"] is None:
            return Cell(NOT_AVAILABLE)
        return Cell(f"{count(row['deaths'])} ({share(row['percent'])})")

    def national(category: str) -> Cell:
        row = cells.get((str(england), ENGLAND, category))
        return Cell(share(first_filled(row, "percent", "published_percent"), 1)
                    if row else NOT_AVAILABLE)

    columns = [Column(header(table, "category"), 3.2),
               *(Column(f"{s.area} {y}", 1.1, True) for y in years)]
    if england:
        columns.append(Column(f"England {england}", 1.1, True))
    body = tuple((Cell(c), *(local(y, c) for y in years),
                  *((national(c),) if england else ())) for c in categories)
    totals = [sum(int(r["deaths"]) for r in rows  # type: ignore[call-overload]
                  if r["area"] == THIS_AREA and str(r["year"]) == y and r["deaths"] is not None)
              for y in years]
    total = (Cell("Total"), *(Cell(count(t)) for t in totals), *((Cell(""),) if england else ()))
    return [Table(_caption(table), tuple(columns), body, total=total,
                  notes=("Each cell gives the number of deaths reviewed and, in brackets, its "
                         "share of that year's deaths.",))]


def cdop_sign_off(s: Sources) -> list[Block]:
    table = "tblCdopSignOff"
    rows = s.rows(table)
    years = _years(rows, THIS_AREA)
    if not years:
        return []
    england = (_years(rows, ENGLAND) or [None])[-1]
    cells = {(str(r["year"]), r["area"], str(r["category"])): r["percent"] for r in rows}
    categories = list(dict.fromkeys(str(r["category"]) for r in rows))
    columns = [Column(header(table, "category"), 2.4),
               *(Column(f"{s.area} {y}", 1, True) for y in years)]
    keys = [(y, THIS_AREA) for y in years]
    if england:
        columns.append(Column(f"England {england}", 1, True))
        keys.append((str(england), ENGLAND))
    body = tuple((Cell(c), *(Cell(share(cells.get((y, a, c)))) for y, a in keys))
                 for c in categories)
    return [Table(_caption(table), tuple(columns), body)]


def cdop_recommendations(s: Sources) -> list[Block]:
    table = "tblCdopRecommendations"
    rows = s.rows(table)
    if not rows:
        return []
    columns = (Column(header(table, "made_in"), 0.8), Column(header(table, "recommendation"), 3),
               Column(header(table, "progress"), 3))
    body = tuple((Cell(_text(r["made_in"])), Cell(_text(r["recommendation"])),
                  Cell(_text(r["progress"]) or "New this year")) for r in rows)
    return [Table("Recommendations of the Child Death Overview Panel", columns, body)]
