"""Weak-window flags: a timing argument that does not hold.

* a stated time-zone conversion that is wrong ("8am Moscow time, which would
  be 3am at Mar-a-Lago");
* a window called unlikely in one zone ("it is unlikely he talked between
  midnight and 8am") that is ordinary waking hours (06:00 to 24:00) for the
  other party.

The frame of the argument: in a stated conversion ("8am Moscow time, which
would be midnight ... at Mar-a-Lago") the first time is the argument's zone and
the second the other party's.

>>> moscow = datetime(2024, 11, 8, 0, 0, tzinfo=ZoneInfo("Europe/Moscow"))
>>> waking_window(moscow, (0, 0), (8, 0), ZoneInfo("America/New_York"))[2]
True
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from .model import Article, Expression, Sentence, article_sentences, flag_row
from .patterns import BETWEEN, parse_clock

WAKING = (6, 24)
"""Ordinary waking hours, from 06:00 to 24:00."""
LONGEST_WINDOW = timedelta(hours=18)


def wrong_conversions(zoned: list[Expression]) -> list[dict]:
    """Return flag rows for a time followed, in its sentence, by a stated conversion that is wrong."""
    rows = []
    for e in zoned:
        for other in zoned:
            if other.sentence_id != e.sentence_id or other is e or other.moment.tzinfo == e.moment.tzinfo \
                    or other.start <= e.start:
                continue
            actual = e.moment.astimezone(other.moment.tzinfo)
            if other.moment.replace(tzinfo=None) != actual.replace(tzinfo=None):
                rows.append(flag_row(other, "weak window",
                                     f"The text converts {e.expression!r} to {other.expression!r}, but {e.resolved} is "
                                     f"{actual:%Y-%m-%d %H:%M} {actual.tzname()} there: the arithmetic is wrong.",
                                     f"{e.expression} / {other.expression}"))
    return rows


def argument_frame(before: list[Expression], zoned: list[Expression]):
    """Return ``(anchor, counterpart, stated)``: the argument's time, the other party's, and whether a conversion is stated.

    The last stated conversion before the window when there is one; else the
    last time before it, against the article's first time in another zone
    (``None`` when there is none).
    """
    pairs = [(a, b) for a in before for b in before
             if a.sentence_id == b.sentence_id and a.start < b.start and a.moment.tzinfo.key != b.moment.tzinfo.key]
    if pairs:
        return pairs[-1][0], pairs[-1][1], True
    anchor = before[-1]
    counterpart = next((z for z in zoned if z.moment.tzinfo.key != anchor.moment.tzinfo.key), None)
    return anchor, counterpart, False


def waking_window(day: datetime, first: tuple[int, int], last: tuple[int, int], other: tzinfo):
    """Return ``(start, end, awake)``: a window on ``day`` (its zone) seen in ``other``, and whether it is waking hours there.

    A window that ends at or before it starts runs into the next day.
    """
    start = day.replace(hour=first[0], minute=first[1], second=0, microsecond=0)
    end = day.replace(hour=last[0], minute=last[1], second=0, microsecond=0)
    if end <= start:
        end += timedelta(days=1)
    a, b = start.astimezone(other), end.astimezone(other)
    end_hour = b.hour if b.date() == a.date() else 24
    return a, b, WAKING[0] <= a.hour and end_hour <= WAKING[1] and (b - a) <= LONGEST_WINDOW


def unlikely_window(s: Sentence, zoned: list[Expression]) -> list[dict]:
    """Return a flag row when a sentence doubts a window that is waking hours for the other party."""
    m = BETWEEN.search(s.text)
    before = [z for z in zoned if z.start < s.end]
    if not m or not s.article.ctx.unlikely.search(s.text) or not before:
        return []
    anchor, counterpart, stated = argument_frame(before, zoned)
    if counterpart is None:
        return []
    here, other = anchor.moment.tzinfo, counterpart.moment.tzinfo
    checked = ""
    if stated and anchor.moment.astimezone(other).replace(tzinfo=None) == counterpart.moment.replace(tzinfo=None):
        checked = (f" The conversion itself is right: {anchor.expression} in {here.key} is "
                   f"{counterpart.expression} in {other.key}.")
    day = anchor.moment.date()
    midnight = datetime(day.year, day.month, day.day, tzinfo=here)
    a, b, awake = waking_window(midnight, parse_clock(m.group(1)), parse_clock(m.group(2)), other)
    if not awake:
        return []
    until = "24:00" if b.date() != a.date() else f"{b:%H:%M}"
    return [flag_row(s.expression_at(m.group(0), "window"), "weak window",
                     f"{m.group(0)!r} ({here.key} time, {midnight:%Y-%m-%d}) is {a:%A %H:%M} to {until} on "
                     f"{a:%Y-%m-%d} in {other.key} ({a.tzname()}): ordinary waking hours for the other party, so the "
                     f"window the argument calls unlikely does not rule the call out.{checked}",
                     m.group(0))]


def weak_windows(articles: list[Article], expressions: list[Expression]) -> list[dict]:
    """Return the weak-window flag rows, article by article: wrong conversions, then doubted windows."""
    rows = []
    for article in articles:
        zoned = [e for e in expressions if e.file == article.file and e.moment is not None]
        rows += wrong_conversions(zoned)
        for s in article_sentences(article):
            rows += unlikely_window(s, zoned)
    return rows
