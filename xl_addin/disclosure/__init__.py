"""Disclosure control: counts small enough to identify a child, flagged and printed as "c".

Following the Department for Education's practice for children's social care statistics
(every number from 1 to 5 replaced by "c", with secondary suppression where a total would
give one away), this package:

* finds the child-level counts of 1 to 5 (:mod:`.counts`), which validation flags as
  ``disclosure.small-count`` warnings before publication;
* hides them, and whatever would reveal them, in a copy of the data the report is built
  from (:mod:`.apply`, :mod:`.secondary`), when the build asks for it
  (``lscb-report build --suppress-small-numbers``, or Yes on Settings);
* says what was hidden, for the report's note on the figures (:mod:`.notes`);
* finds the chairs' sentences that quote or type a small count (:mod:`.text`), so they
  are reworded before a report withholds the count.
"""

from __future__ import annotations

from xl_addin.disclosure.apply import Suppression, TableSuppression, suppress
from xl_addin.disclosure.counts import (
    SETTING,
    SMALL_COUNT_RULE,
    child_counts,
    count_columns,
    is_small,
    small_count_findings,
    wants_suppression,
)
from xl_addin.disclosure.notes import suppression_notes
from xl_addin.disclosure.secondary import Line, Protection, exposed, protect
from xl_addin.disclosure.text import IN_TEXT_RULE, in_text_findings

__all__ = ["Suppression", "TableSuppression", "suppress", "suppression_notes",
           "small_count_findings", "wants_suppression", "child_counts", "count_columns",
           "is_small", "SETTING", "SMALL_COUNT_RULE", "Line", "Protection", "exposed",
           "protect", "in_text_findings", "IN_TEXT_RULE"]
