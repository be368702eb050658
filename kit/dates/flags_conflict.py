"""Conflict flags: two articles put the same context event on different days.

A date is tied to an event when the six words on either side of it report one
context event better than any other (matched by meaning, see
:func:`kit.dates.events.unique_event`), and its sentence has no future cue;
ranges, years, clock times and "that day" are not compared.

A conflict names no cause unless the articles show one: time zones are
mentioned only for a one-day difference when a sentence that dates the event
gives a clock time whose local date, in a place the articles name, is the other
article's day (:func:`zone_evidence`).

>>> event_clause("Late on Monday, Kremlin spokesman Dmitry Peskov denied it", "on Monday")
'Late , Kremlin spokesman Dmitry Peskov denied'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .context import Context
from .events import unique_event
from .model import Expression, flag_row
from .zones import zone_of

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
    """Return ``{event: expressions that date it}``, for dates tied to one context event."""
    by_event: dict[str, list[Expression]] = {}
    sentence_text = dict(zip(case.sentences["sentence_id"], case.sentences["text"]))
    for e in expressions:
        if e.day is None or e.kind in NOT_COMPARED or e.until:
            continue
        clause = event_clause(sentence_text[e.sentence_id], e.expression)
        match = None if ctx.future.search(clause) else unique_event(clause, ctx.events, ctx.root)
        if match is not None:
            by_event.setdefault(match[1], []).append(e)
    return by_event


def named_zones(texts: list[str], ctx: Context) -> dict[str, object]:
    """Return ``{place: zone}`` for the case's places named in some texts (whole words, any case)."""
    out = {}
    for place in ctx.places:
        m = next((m for t in texts if (m := re.search(rf"(?<![\w-]){re.escape(place)}(?![\w-])", t, re.I))), None)
        zone = zone_of(place, ctx.places) if m else None
        if zone is not None:
            out[m.group(0)] = zone
    return out


def zone_evidence(first: Expression, last: Expression, expressions: list[Expression], texts: dict[str, str],
                  ctx: Context) -> str:
    """Return a sentence showing that a one-day difference is a time-zone one, or ``""`` without evidence.

    Evidence is a clock time with its zone, in a sentence that dates the event,
    that falls on the other article's day in a place either sentence names.
    """
    if (last.day - first.day).days != 1:
        return ""
    ids = {first.sentence_id, last.sentence_id}
    zones = named_zones([texts.get(i, "") for i in ids], ctx)
    for x in expressions:
        if x.sentence_id not in ids or x.moment is None:
            continue
        for place, zone in zones.items():
            local = x.moment.astimezone(zone)
            if x.moment.date() != local.date() and {x.moment.date(), local.date()} == {first.day, last.day}:
                return (f" Time zones can explain it: {x.expression!r} ({x.moment:%Y-%m-%d %H:%M} {x.moment.tzname()}) "
                        f"is {local:%Y-%m-%d %H:%M} in {place}.")
    return ""


def conflicts(event: str, items: list[Expression], note=lambda first, last: "") -> list[dict]:
    """Return flag rows when articles give different days for one event (each article's first date of it).

    ``note(first, last)`` may add evidence of a cause (see :func:`zone_evidence`); without it, no cause is named.
    """
    days: dict[str, Expression] = {}
    for e in items:
        days.setdefault(e.article_id, e)
    if len({e.day for e in days.values()}) < 2:
        return []
    ordered = sorted(days.values(), key=lambda x: (x.day, x.article_id))
    first, last = ordered[0], ordered[-1]
    why = note(first, last)
    return [flag_row(e, "conflict", f"For the event '{event}', {first.article_id} gives {first.day:%Y-%m-%d} "
                                    f"({first.expression!r}) and {last.article_id} gives {last.day:%Y-%m-%d} "
                                    f"({last.expression!r}).{why}") for e in ordered]

