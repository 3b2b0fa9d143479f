"""Small counts of children in the chairs' sentences, found before a report withholds them.

A report that withholds small numbers prints a table's count of 1 to 5 as "c", and a
sentence quoting one as ``{ref}`` would read "All but c of the children": a reader cannot
make sense of it, and the chair can say the same without the figure ("almost all of the
children"). A count typed into a sentence ("an audit of 4 cases graded ...") is not
withheld at all, so the same children could be counted in a paragraph while a table
withholds them. Both are warnings at the text's cell (``disclosure.in-text``), with the
figure, so that the chair rewords the sentence before the report is built.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from xl_addin.core.findings import Finding, Severity
from xl_addin.disclosure.apply import derived_facts
from xl_addin.disclosure.counts import child_facts, is_small, wants_suppression
from xl_addin.tables.dataset import Dataset
from xl_addin.validate.words import Text, printed_texts

__all__ = ["IN_TEXT_RULE", "in_text_findings", "typed_counts", "CHILD_WORDS"]

IN_TEXT_RULE = "disclosure.in-text"
_QUOTE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}  # not "one": "One girl said"
CHILD_WORDS = ("children", "child", "young people", "young person", "babies", "baby",
               "boys", "boy", "girls", "girl", "cases", "case", "deaths", "death", "pupils",
               "teenagers", "infants", "siblings")
_TYPED = re.compile(r"(?<![\w.,£%-])(" + "|".join(["[1-5]", *NUMBER_WORDS]) + r")\s+(?:of\s+"
                    r"(?:the|these|those|them)\s+)?(" + "|".join(CHILD_WORDS) + r")\b",
                    re.IGNORECASE)


def typed_counts(text: str) -> list[str]:
    """The counts of 1 to 5 children (cases, deaths, ...) typed into ``text``: "4 cases",
    "two children", "1 of the children"."""
    return [m.group(0) for m in _TYPED.finditer(text)]


def in_text_findings(data: Dataset, texts: Sequence[Text] | None = None) -> list[Finding]:
    """A warning at each text that quotes, or types, a count of 1 to 5 children."""
    small = {k for k in child_facts(data) if is_small(data.facts.get(k))}
    hidden = small | derived_facts(data, small)
    labels = {f.key: f.label for _, f in data.profile.iter_facts()}
    settings = wants_suppression(data.facts)
    when = ("As Settings asks, the report withholds small numbers and would print it as 'c'"
            if settings else "A report that withholds small numbers (Settings, or "
            "--suppress-small-numbers) would print it as 'c'")
    out = []
    for text in printed_texts(data) if texts is None else texts:
        quoted = [k for k in dict.fromkeys(_QUOTE.findall(text.text)) if k in hidden]
        typed = typed_counts(text.words)
        if quoted:
            figures = "; ".join(f"{{{k}}} ({labels.get(k, k)}: {_shown(data.facts.get(k))})"
                                for k in quoted)
            out.append(Finding(
                Severity.WARNING, text.sheet, text.cell, IN_TEXT_RULE,
                f"'{text.header}' ({text.place}) quotes {figures}: a count of 1 to 5 "
                f"children, deaths or young people, or a figure worked out from one. {when} "
                "in the middle of the sentence. Reword it so it needs no figure, e.g. "
                "'almost all' or 'a few'.",
                text.table, text.column))
        elif typed:
            out.append(Finding(
                Severity.WARNING, text.sheet, text.cell, IN_TEXT_RULE,
                f"'{text.header}' ({text.place}) gives {', '.join(repr(t) for t in typed)}: "
                "a count of 1 to 5 children typed into the text. A report that withholds "
                "small numbers shows such counts in its tables as 'c', so the same children "
                "must not be counted in a sentence: reword it without the count, e.g. "
                "'a few cases'.",
                text.table, text.column))
    return out


def _shown(value: object) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)
