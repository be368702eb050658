"""Mismatch flags: a weekday that does not fit its date, or one event dated two ways in one article.

* "Tuesday, March 5, 2025": 5 March 2025 was a Wednesday (noted by the
  absolute-date rule, flagged here);
* in one article, a weekday and a date for the same context event that
  disagree ("On Friday, Peskov denied it" ... "On November 11, Peskov denied it").

>>> from kit.dates.model import Expression
>>> e = Expression("a.txt", "A1", "A1.S1", 0, 5, "Tuesday, March 5, 2025", "absolute date",
...                notes=["mismatch: 2025-03-05 was a Wednesday, not a Tuesday"])
>>> weekday_mismatches([e])[0]["explanation"]
"The text says 'Tuesday, March 5, 2025', but 2025-03-05 was a Wednesday, not a Tuesday."
"""

from __future__ import annotations

from .model import Expression, flag_row

NOTE = "mismatch: "
"""The start of an expression's note about a weekday that does not fit its date."""


def weekday_mismatches(expressions: list[Expression]) -> list[dict]:
    """Return a flag row for each weekday written beside a date it does not fit."""
    return [flag_row(e, "mismatch", f"The text says {e.expression!r}, but {note[len(NOTE):]}.")
            for e in expressions for note in e.notes if note.startswith(NOTE)]


def event_date_mismatches(event: str, items: list[Expression]) -> list[dict]:
    """Return flag rows for articles that date one context event on two days, one of them by a weekday."""
    by_article: dict[str, dict] = {}
    for e in items:
        by_article.setdefault(e.article_id, {}).setdefault(e.day, e)
    rows = []
    for aid, dated in by_article.items():
        if len(dated) < 2 or "weekday" not in {e.kind for e in dated.values()}:
            continue
        ordered = sorted(dated.values(), key=lambda x: x.day)
        first, last = ordered[0], ordered[-1]
        rows += [flag_row(e, "mismatch", f"In {aid}, '{event}' is dated both {first.day:%Y-%m-%d} ({first.expression!r}) "
                                         f"and {last.day:%Y-%m-%d} ({last.expression!r}).") for e in ordered]
    return rows
