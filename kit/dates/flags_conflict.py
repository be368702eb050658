"""Conflict flags: two articles put the same context event on different days.

A date is tied to an event when the words on either side of it (three, or six
when three name no event) report one context event clearly better than any
other (matched by meaning, see :func:`kit.dates.events.unique_event`) and hold
no future cue;
ranges, years, clock times and "that day" are not compared.

A conflict names no cause unless the articles show one: time zones are
mentioned only for a one-day difference when a sentence that dates the event
gives a clock time whose local date, in a place either article names, is the
other article's day (:func:`zone_evidence`). Such a difference is explained, not
an error: its rows have the kind ``time zones`` (a note) instead of ``conflict``.

>>> event_clause("Late on Monday, Kremlin spokesman Dmitry Peskov denied it", "on Monday")
'Late , Kremlin spokesman Dmitry Peskov denied'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .context import Context
from .events import concepts, ranked_events, unique_event
from .model import Expression, flag_row
from .zones import zone_of

if TYPE_CHECKING:
    from ..core.case import Case

NOT_COMPARED = ("year", "clock time", "that day")
"""Kinds of expression never tied to an event."""
NEAR_WIDTHS = (3, 6)
"""How many words on either side of a date are read to find its event: the nearest first."""


def event_clause(text: str, expression: str, width: int = 6) -> str:
    """Return the words around an expression in its sentence (``width`` on each side): where its event is named."""
    at = max(text.find(expression), 0)
    before = text[:at].split()[-width:]
    after = text[at + len(expression):].split()[:width]
    return " ".join(before + after)


def tied_event(text: str, expression: str, ctx: Context):
    """Return the ``(day, event)`` a date in a sentence is the date of, or ``None``.

    The three words on either side are read first (a date belongs to the nearest
    verb: in "the report that X called Y on Thursday", Thursday dates the call,
    not the report); when they fit no event, or hold fewer than two content
    words, six words on either side. When the
    near words fit two events about equally, the date is tied to neither.
    """
    for width in NEAR_WIDTHS:
        clause = event_clause(text, expression, width)
        if ctx.future.search(clause):
            return None
        if len(concepts(clause, ctx.root)) >= 2 and ranked_events(clause, ctx.events, None, ctx.root):
            return unique_event(clause, ctx.events, ctx.root)  # a single near word ("the club") decides nothing
    return None


def dated_events(case: Case, expressions: list[Expression], ctx: Context) -> dict[str, list[Expression]]:
    """Return ``{event: expressions that date it}``, for dates tied to one context event."""
    by_event: dict[str, list[Expression]] = {}
    sentence_text = dict(zip(case.sentences["sentence_id"], case.sentences["text"]))
    for e in expressions:
        if e.day is None or e.kind in NOT_COMPARED or e.until:
            continue
        match = tied_event(sentence_text[e.sentence_id], e.expression, ctx)
        if match is not None:
            by_event.setdefault(match[1], []).append(e)
    return by_event


def named_zones(texts: list[str], ctx: Context) -> dict[str, object]:
    """Return ``{place: zone}`` for the case's places named in some texts (whole words, any case).

    The case's own places (``context/places.csv``, read last into ``ctx.places``) are tried first.
    """
    out = {}
    for place in reversed(list(ctx.places)):
        m = next((m for t in texts if (m := re.search(rf"(?<![\w-]){re.escape(place)}(?![\w-])", t, re.I))), None)
        zone = zone_of(place, ctx.places) if m else None
        if zone is not None:
            out[m.group(0)] = zone
    return out


def zone_evidence(mine: Expression, other_day, expressions: list[Expression], texts: dict[str, str],
                  ctx: Context, also: tuple[str, ...] = ()) -> str:
    """Return a sentence showing that a one-day difference is a time-zone one, or ``""`` without evidence.

    Evidence is a clock time with its zone, in the sentence of ``mine`` (or of the
    sentences ``also``, which give ``other_day``), whose local date in a place that
    one of these articles names is the other day.
    """
    if abs((mine.day - other_day).days) != 1:
        return ""
    ids = {mine.sentence_id, *also}
    articles = {i.split(".")[0] for i in ids}
    zones = named_zones([t for i, t in texts.items() if i.split(".")[0] in articles], ctx)  # places either side names
    for x in expressions:
        if x.sentence_id not in ids or x.moment is None:
            continue
        for place, zone in zones.items():
            local = x.moment.astimezone(zone)
            if x.moment.date() != local.date() and {x.moment.date(), local.date()} == {mine.day, other_day}:
                return (f" Time zones can explain it: {x.expression!r} ({x.moment:%Y-%m-%d %H:%M} {x.moment.tzname()}) "
                        f"is {local:%Y-%m-%d %H:%M} in {place}.")
    return ""


def conflicts(event: str, items: list[Expression], event_day, note=lambda mine, agree: "") -> list[dict]:
    """Return flag rows for the articles that date an event otherwise than the case's context does.

    Each article's first date of the event is compared with ``event_day`` (from
    ``context/events.csv``); an article that agrees is not flagged. ``note(mine,
    agree)`` may add evidence of a cause (see :func:`zone_evidence`); a difference
    so explained is a ``time zones`` note; without it, no cause is named.
    """
    days: dict[str, Expression] = {}
    for e in items:
        days.setdefault(e.article_id, e)
    agree = [e for e in days.values() if e.day == event_day]
    with_event = "; ".join(f"{e.article_id} gives it too ({e.expression!r})" for e in agree)
    rows = []
    for e in sorted(days.values(), key=lambda x: (x.day, x.article_id)):
        if e.day == event_day:
            continue
        why = note(e, agree)
        rows.append(flag_row(e, "time zones" if why else "conflict",
                             f"For the event '{event}', the case's context gives {event_day:%Y-%m-%d}"
                             f"{' (' + with_event + ')' if with_event else ''}, and {e.article_id} gives "
                             f"{e.day:%Y-%m-%d} ({e.expression!r}).{why}"))
    return rows
