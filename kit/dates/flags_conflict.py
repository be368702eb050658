"""Conflict flags: two articles put the same context event on different days.

A date is tied to an event only when the six words on either side of it
report exactly one context event (see :func:`kit.dates.context.reported_events`);
ranges, years, clock times and "that day" are not compared.

>>> event_clause("Late on Monday, Kremlin spokesman Dmitry Peskov denied it", "on Monday")
'Late , Kremlin spokesman Dmitry Peskov denied'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .context import Context, reported_events
from .model import Expression, flag_row

if TYPE_CHECKING:
    from ..core.case import Case

NOT_COMPARED = ("year", "clock time", "that day")
"""Kinds of expression never tied to an event."""


def event_clause(text: str, expression: str, width: int = 6) -> str:
    """Return the words around an expression in its sentence (``width`` on each side): where its event is named."""
    at = max(text.find(expression), 0)
    before = text[:at].split()[-width:]
    after = text[at + len(expression):].split()[:width]
    return " ".join(before + after)


def dated_events(case: Case, expressions: list[Expression], ctx: Context) -> dict[str, list[Expression]]:
    """Return ``{event: expressions that date it}``, for dates tied to exactly one context event."""
    by_event: dict[str, list[Expression]] = {}
    sentence_text = dict(zip(case.sentences["sentence_id"], case.sentences["text"]))
    for e in expressions:
        if e.day is None or e.kind in NOT_COMPARED or e.until:
            continue
        matches = reported_events(event_clause(sentence_text[e.sentence_id], e.expression), ctx)
        if len(matches) == 1:  # only an unambiguous match ties a date to an event
            by_event.setdefault(matches[0][1], []).append(e)
    return by_event


def conflicts(event: str, items: list[Expression]) -> list[dict]:
    """Return flag rows when articles give different days for one event (each article's first date of it)."""
    days: dict[str, Expression] = {}
    for e in items:
        days.setdefault(e.article_id, e)
    if len({e.day for e in days.values()}) < 2:
        return []
    ordered = sorted(days.values(), key=lambda x: (x.day, x.article_id))
    first, last = ordered[0], ordered[-1]
    note = " A one-day difference can come from time zones." if (last.day - first.day).days == 1 else ""
    return [flag_row(e, "conflict", f"For the event '{event}', {first.article_id} gives {first.day:%Y-%m-%d} and "
                                    f"{last.article_id} gives {last.day:%Y-%m-%d}.{note}") for e in ordered]
