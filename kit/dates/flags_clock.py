"""Zone mismatch flags: the same clock reading given in two different zones for one happening.

A wire story says a ship ran aground "at 22:40 local time"; a later article says
"at 22:40 GMT". The clock reading is the same, the zones differ, so the two put
the happening hours apart: one of them most likely names the wrong zone (a
common slip when copying a time). The rule, for two clock times of different
articles that both resolved to an instant (:mod:`.clock`):

1. the same reading on the clock (hour and minute);
2. different instants (their zones differ);
3. their sentences tell of the same happening: they share at least
   :data:`SHARED_CONCEPTS` content words, matched by meaning
   (:func:`kit.dates.events.concepts`).

The time whose instant fewer articles give (at any clock reading) is flagged
``zone mismatch`` (both, when as many articles give each), naming both spans
and the articles that agree with the other; the explanation says one zone is likely wrong and never which one
without the others' support.

>>> reading("22:40"), reading("10:40 pm"), reading("noon")
('22:40', '22:40', '12:00')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .clock import CLOCK_TIME, hour_minute
from .events import concepts, same_concept
from .model import Expression, flag_row

if TYPE_CHECKING:
    from ..core.case import Case

SHARED_CONCEPTS = 2
"""How many content words two sentences must share (by meaning) to tell of the same happening."""


def reading(expression: str) -> str:
    """Return the clock reading of a clock-time expression on the 24-hour clock (``"HH:MM"``), or ``""``."""
    m = CLOCK_TIME.search(expression)
    if not m:
        return ""
    hour, minute = hour_minute(m)
    return f"{hour:02d}:{minute:02d}"


def same_happening(a: str, b: str, root: str | None = None) -> bool:
    """Whether two sentences share at least :data:`SHARED_CONCEPTS` content words by meaning."""
    mine, theirs = concepts(a, root), concepts(b, root)
    return sum(any(same_concept(x, y) for y in theirs) for x in mine) >= SHARED_CONCEPTS


def _describe(e: Expression) -> str:
    return f"{e.article_id} gives {e.expression!r} ({e.sentence_id}: {e.moment:%Y-%m-%d %H:%M} {e.moment.tzname()}, {e.utc})"


def zone_mismatches(case: Case, expressions: list[Expression]) -> list[dict]:
    """Return ``zone mismatch`` rows: one clock reading, two zones, one happening (see the module's rule)."""
    texts = dict(zip(case.sentences["sentence_id"], case.sentences["text"]))
    root = str(case.path)
    clocks = [e for e in expressions if e.kind == "clock time" and e.moment is not None and e.utc and reading(e.expression)]
    rows = []
    for e in clocks:
        same = [f for f in clocks if f.article_id != e.article_id and reading(f.expression) == reading(e.expression)
                and f.utc != e.utc and same_happening(texts[e.sentence_id], texts[f.sentence_id], root)]
        if not same:
            continue
        mine, theirs = _supporters(e, clocks), _supporters(same[0], clocks)
        if len(mine) > len(theirs):
            continue  # more articles put it where this one does: the other one is flagged
        agree = sorted(theirs - {same[0].article_id})
        rows.append(flag_row(e, "zone mismatch",
                             f"{_describe(e)}, and {_describe(same[0])}: the same clock reading, {reading(e.expression)}, "
                             f"in two zones, for what their sentences tell as one happening"
                             f"{' (' + ', '.join(agree) + ' give the same instant as ' + same[0].article_id + ')' if agree else ''}. "
                             "One of them likely names the wrong zone: check which the original source gives.",
                             f"{e.expression} / {same[0].article_id}: {same[0].expression}"))
    return rows


def _supporters(e: Expression, clocks: list[Expression]) -> set[str]:
    """The articles that give the very instant of ``e`` (its own included): an identical instant is no coincidence."""
    return {f.article_id for f in clocks if f.utc == e.utc}
