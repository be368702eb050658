"""The resolution rules: a table of rules in priority order, each a pattern and a resolver.

Every sentence is read with each rule of :data:`RULES` in turn; an expression
that overlaps one found by an earlier rule is skipped, so the order is the
priority. Each row of :func:`kit.timeline` says which rule applied in
``basis``. The rules, in order:

1. "the Thursday after he won the election": the first such weekday after the
   matching context event (high);
2. absolute date with a year: that date (high); without a year ("Nov. 10"): the
   reference date's year, or the year before when that would put it more than
   six months after the reference, or the year after when a future cue says so
   and the date passed more than a month before (medium); a weekday written with it that does not
   fit is noted as a mismatch;
3. a date written day first ("10 November 2024") and 4. an ISO date;
5. anchors: "the day after the report" counted from the matching context
   event; 6. "just days after Trump's election victory": a range of a week (low);
7. weekday ("on Thursday", "Monday"): in a sentence without a future cue, the
   most recent such day on or before the reference, the same weekday meaning the
   same day (the way news writes it; library defaults get this wrong); with a
   future cue (will, would, expected, scheduled) the first such day after it;
   "last Thursday" strictly before; "next Thursday" after (marked ambiguous);
   "this Thursday" the nearest;
8. yesterday / today / tomorrow: one day before / the reference / one day after;
9. "last week", "late last week", "this week", "over the weekend": a range of days;
10. "that evening", "that night": the date of the previous resolved expression;
   "three days ago", "two weeks ago", "a month ago": counted back from the reference (a day; a week's
   range; the month's days); a month without a day ("in November", "since March 2023"): its first to last
   day, the year given or the latest such month by the reference (the next one for "next" or a future cue);
11. a year alone ("in 2024");
12. clock times with a place or zone ("8am Moscow time", "midnight ... at
    Mar-a-Lago"): a time with its zone (correct across daylight-saving changes)
    on the date of the previous resolved expression, or the next day when the
    text says "next day" or the time is a morning after an evening.

>>> weekday_day(date(2018, 4, 19), WEEKDAYS.index("thursday"))[0]
datetime.date(2018, 4, 19)
>>> [rule.name for rule in RULES][:3]
['weekday after event', 'absolute date', 'absolute date (day first)']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable

from .context import anchor_event
from .model import Expression, Sentence
from .patterns import (ABSOLUTE, ABSOLUTE_DAY_FIRST, AGO, ANCHOR, CLOCK, DAYS_AFTER, ISO_DATE, MONTH_ONLY, NEXT_DAY,
                       NUMBER_WORDS, PLACE_NEAR, PLACE_TIME, RELATIVE_DAY, THAT_PART, WEEK, WEEKDAY, WEEKDAY_AFTER_EVENT,
                       WEEKDAYS, YEAR, clock_of, month_number)
from .zones import offset_text, zone_of

DAY = timedelta(days=1)
HALF_YEAR = timedelta(days=183)
RECENT = timedelta(days=31)
"""A date without a year that passed at most this long before the reference stays in its year, future cue or
not: a sentence in the future tense often names a recent past day ("talks that began on Nov. 10 will go on")."""


# --- calendar arithmetic (pure functions) -----------------------------------------------------

def weekday_on_or_before(ref: date, weekday: int) -> date:
    """Return the most recent day with that weekday (0 = Monday) on or before ``ref``."""
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def weekday_after(ref: date, weekday: int) -> date:
    """Return the first day with that weekday strictly after ``ref``."""
    return ref + timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)


def weekday_before(ref: date, weekday: int) -> date:
    """Return the last day with that weekday strictly before ``ref``."""
    return ref - timedelta(days=(ref.weekday() - weekday - 1) % 7 + 1)


def weekday_nearest(ref: date, weekday: int) -> date:
    """Return the day with that weekday nearest to ``ref`` (the earlier one on a tie)."""
    before, after = weekday_on_or_before(ref, weekday), weekday_after(ref, weekday)
    return before if (ref - before) <= (after - ref) else after


WEEKDAY_WORDS: dict[str, tuple[Callable[[date, int], date], str]] = {
    "last": (weekday_before, "'last' weekday: strictly before the reference"),
    "next": (weekday_after, "'next' weekday: the first after the reference (ambiguous: some mean the week after)"),
    "this": (weekday_nearest, "'this' weekday: the nearest to the reference"),
}
"""A word before a weekday -> (how to count, basis)."""
FUTURE_WEEKDAY = (weekday_after, "weekday with a future cue: the first after the reference")
PAST_WEEKDAY = (weekday_on_or_before, "weekday in a past or present sentence: the most recent on or before the reference")


def weekday_day(ref: date, weekday: int, word: str = "", future: bool = False) -> tuple[date, str]:
    """Return the day a weekday refers to, and the basis, by :data:`WEEKDAY_WORDS` or the sentence's tense.

    >>> weekday_day(date(2018, 4, 19), 4, future=True)
    (datetime.date(2018, 4, 20), 'weekday with a future cue: the first after the reference')
    """
    count, basis = WEEKDAY_WORDS.get(word) or (FUTURE_WEEKDAY if future else PAST_WEEKDAY)
    return count(ref, weekday), basis


RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}


def relative_day(ref: date, word: str) -> date:
    """Return the day 'yesterday', 'today' or 'tomorrow' means, counted from ``ref``.

    >>> relative_day(date(2024, 3, 1), "Yesterday")
    datetime.date(2024, 2, 29)
    """
    return ref + RELATIVE_DAYS[word.lower()] * DAY


WEEK_RANGES = {
    "last week": ("monday", -7, -1), "late last week": ("monday", -4, -1), "early last week": ("monday", -7, -5),
    "this week": ("monday", 0, 6), "next week": ("monday", 7, 13),
    "over the weekend": ("saturday", 0, 1), "last weekend": ("saturday", 0, 1), "this weekend": ("this saturday", 0, 1),
}
"""A week phrase -> (the day it counts from, first day, last day), in days from that day."""


def week_range(ref: date, phrase: str) -> tuple[date, date]:
    """Return the first and last day of a week phrase of :data:`WEEK_RANGES` around ``ref``.

    Weeks start on Monday; "the weekend" is the last Saturday and Sunday on or
    before ``ref``, and "this weekend" the coming one on a weekday.

    >>> week_range(date(2018, 4, 19), "late last week")
    (datetime.date(2018, 4, 12), datetime.date(2018, 4, 15))
    """
    saturday = weekday_on_or_before(ref, 5)
    starts = {"monday": ref - timedelta(days=ref.weekday()), "saturday": saturday,
              "this saturday": saturday + timedelta(days=7 if ref.weekday() < 5 else 0)}
    start, first, last = WEEK_RANGES[phrase.lower()]
    return starts[start] + first * DAY, starts[start] + last * DAY


def year_for(month: int, day: int, ref: date | None, default_year: int | None) -> tuple[int | None, str]:
    """Return the year of a date written without one, and why (raises ``ValueError`` for no such date).

    >>> year_for(11, 10, date(2019, 3, 10), None)
    (2018, "the year before the reference date's (else it would fall more than six months after it)")
    """
    if ref is None:
        return default_year, "year of the case's events"
    if date(ref.year, month, day) - ref > HALF_YEAR:
        return ref.year - 1, "the year before the reference date's (else it would fall more than six months after it)"
    return ref.year, "the reference date's year"


def absolute_year(month: int, day: int, ref: date | None, default_year: int | None,
                  future: bool = False) -> tuple[int | None, str]:
    """Return the year of a date without one as :func:`year_for`, but next year when a future cue says so
    and the date passed more than :data:`RECENT` before the reference (never a jump for a recent day).

    >>> absolute_year(1, 20, date(2019, 3, 10), None, future=True)[0], absolute_year(3, 2, date(2019, 3, 10), None, future=True)[0]
    (2020, 2019)
    """
    year, why = year_for(month, day, ref, default_year)
    if year and ref and future and date(year, month, day) < ref - RECENT:
        return year + 1, "the year after the reference date's (a future cue, and the date has passed)"
    return year, why


# --- resolvers: each fills in one expression ------------------------------------------------

def weekday_after_event(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'the Thursday after he won the election': the first such weekday after the event."""
    anchor = anchor_event(m.group(3), s.article.ctx)
    if anchor:
        e.day = weekday_after(anchor[0], WEEKDAYS.index(m.group(1).lower()))
        e.basis, e.confidence = f"the first {m.group(1)} after {anchor[1]} ({anchor[0]:%Y-%m-%d})", "high"


def absolute_date(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'Tuesday, March 5, 2025', 'Nov. 10': the date, its year given or inferred."""
    a = s.article
    month, day_n = month_number(m.group(2)), int(m.group(3))
    try:
        if m.group(4):
            year, why, confidence = int(m.group(4)), "the year given", "high"
        else:
            future = bool(a.ctx.year_future.search(s.text))
            (year, why), confidence = absolute_year(month, day_n, a.ref, a.ctx.default_year, future), "medium"
        if year is None:
            e.basis = "no year given and nothing to take one from"
            return
        e.day = date(year, month, day_n)
    except ValueError:
        e.basis = f"{m.group(0)!r} is not a real date"
        return
    e.basis, e.confidence = f"absolute date; {why}", confidence
    if m.group(1) and WEEKDAYS.index(m.group(1).lower()) != e.day.weekday():
        e.notes.append(f"mismatch: {e.day:%Y-%m-%d} was a {WEEKDAYS[e.day.weekday()].title()}, not a {m.group(1)}")


def absolute_day_first(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'10 November 2024', '10 November': the date, its year given or the reference date's."""
    month, day_n = month_number(m.group(2)), int(m.group(1))
    try:
        year = int(m.group(3)) if m.group(3) else year_for(month, day_n, s.article.ref, s.article.ctx.default_year)[0]
        if year:
            e.day = date(year, month, day_n)
            e.basis, e.confidence = "absolute date (day first)", "high" if m.group(3) else "medium"
    except ValueError:
        e.basis = f"{m.group(0)!r} is not a real date"


def iso_date(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'2024-11-10': that date."""
    try:
        e.day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        e.basis = f"{m.group(0)!r} is not a real date"
        return
    e.basis, e.confidence = "ISO date", "high"


def anchored(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'the day after the report': counted from the matching context event."""
    anchor = anchor_event(m.group(4), s.article.ctx)
    if anchor:
        week = m.group(2).lower() == "week"
        step = timedelta(days=7 if week else 1)
        e.day = anchor[0] + (step if m.group(3).lower() == "after" else -step)
        e.until = e.day + timedelta(days=6) if week else None
        e.basis, e.confidence = f"{m.group(2)} {m.group(3)} {anchor[1]} ({anchor[0]:%Y-%m-%d})", "high"


def days_around(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'just days after the election': a range of up to a week beside the matching context event."""
    anchor = anchor_event(m.group(3).split()[0], s.article.ctx)
    if anchor:
        after = m.group(2).lower() == "after"
        e.day, e.until = (anchor[0] + DAY, anchor[0] + 7 * DAY) if after else (anchor[0] - 7 * DAY, anchor[0] - DAY)
        e.basis = f"'days {m.group(2)}' {anchor[1]} ({anchor[0]:%Y-%m-%d}): a range of up to a week"
        e.confidence = "low"


def weekday(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'on Thursday', 'last Monday': counted from the reference date (see :func:`weekday_day`)."""
    a = s.article
    if a.ref is None:
        e.basis = "weekday, but the article has no date to count from"
        return
    future = bool(a.ctx.future.search(s.text))
    e.day, basis = weekday_day(a.ref, WEEKDAYS.index(m.group(2).lower()), (m.group(1) or "").lower(), future)
    e.basis = f"{basis} ({a.ref_basis})"
    e.confidence = "high" if a.dated_ref else "low"


def relative(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'yesterday', 'today', 'tomorrow': one day before, the reference, one day after."""
    a = s.article
    if a.ref:
        word = m.group(1).lower()
        e.day = relative_day(a.ref, word)
        e.basis, e.confidence = f"{word}, counted from the reference ({a.ref_basis})", "high" if a.dated_ref else "low"


def week(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'last week', 'over the weekend': a range of days (see :func:`week_range`)."""
    a = s.article
    if a.ref:
        phrase = m.group(1).lower()
        e.day, e.until = week_range(a.ref, phrase)
        e.basis = f"'{phrase}': a range of days around the reference ({a.ref_basis})"
        e.confidence = "medium" if a.dated_ref else "low"


def month_range(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month.

    >>> month_range(2024, 2)
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, 1), following - DAY


def month_year(month: int, ref: date, word: str, future: bool) -> int:
    """The year of a month named without one: the latest such month up to the reference's, or the next
    one for 'next' or a future cue; 'last' means before the reference's month.

    >>> month_year(11, date(2024, 11, 13), "", False), month_year(12, date(2024, 11, 13), "", False)
    (2024, 2023)
    >>> month_year(12, date(2024, 11, 13), "", True), month_year(11, date(2024, 11, 13), "last", False)
    (2024, 2023)
    """
    if word == "next" or (future and word != "last"):
        return ref.year if month > ref.month else ref.year + 1
    if word == "last":
        return ref.year if month < ref.month else ref.year - 1
    return ref.year if month <= ref.month else ref.year - 1


def month_only(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'in November', 'since March 2023': the days of that month, its year given or inferred."""
    a, month = s.article, month_number(m.group(2))
    if m.group(3):
        year, basis, confidence = int(m.group(3)), "the year given", "high"
    elif a.ref:
        future = bool(a.ctx.year_future.search(s.text))
        year = month_year(month, a.ref, (m.group(1) or "").lower(), future)
        basis = f"the latest such month by the reference ({a.ref_basis})" if year <= a.ref.year else "the next such month"
        confidence = "medium" if a.dated_ref else "low"
    else:
        return
    e.day, e.until = month_range(year, month)
    e.basis, e.confidence = f"a month without a day: its first to last day; {basis}", confidence


def ago(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'three days ago', 'two weeks ago': counted back from the reference (weeks and months as a range)."""
    a = s.article
    if not a.ref:
        return
    word, unit = m.group(1).lower(), m.group(2).lower()
    n = NUMBER_WORDS.get(word) or int(word)
    if unit == "day":
        e.day = a.ref - n * DAY
    elif unit == "week":
        middle = a.ref - timedelta(weeks=n)
        e.day, e.until = middle - 3 * DAY, middle + 3 * DAY
    else:
        month = (a.ref.month - n - 1) % 12 + 1
        e.day, e.until = month_range(a.ref.year + (a.ref.month - n - 1) // 12, month)
    e.basis = f"'{m.group(0)}': counted back from the reference ({a.ref_basis})"
    e.confidence = "medium" if a.dated_ref and unit == "day" else "low"


def that_part(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'that evening': the day of the previous resolved expression."""
    day_before, _ = s.previous(m.start())
    if day_before:
        e.day = day_before
        e.basis, e.confidence = f"'{m.group(1).lower()}': the day of the previous date in the article", "medium"


def year_only(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'in 2024', 'late 2023': a year only."""
    e.resolved, e.basis, e.confidence = str(int(m.group(2))), "a year only", "high"


def year_span(m: re.Match[str]) -> tuple[int, int]:
    """The span of a year: with its qualifier ('late 2023'), without 'in'."""
    return (m.start(1) if m.group(1) else m.start(2)), m.end(2)


def clock_place(after: str, places: dict[str, str]) -> str:
    """Return the place named right after a clock time ('... Moscow time', '... at Mar-a-Lago'), or ``""``."""
    place = PLACE_TIME.match(after)
    if place:
        return place.group(1)
    near = PLACE_NEAR.search(after)
    return near.group(1) if near and zone_of(near.group(1), places) else ""


def clock_day(m: re.Match[str], s: Sentence, hour: int) -> tuple[date | None, date | None]:
    """Return the day of a clock time and the day of the previous date (they differ for 'the next day')."""
    day_before, part_before = s.previous(m.start())
    earlier = [x for a, _, x in s.found if a < m.start() and x.kind == "clock time" and x.moment]
    if earlier:  # a second time in the same breath ("8am Moscow, which would be midnight ...")
        first = earlier[-1].moment.date()
        return first, first
    next_day = NEXT_DAY.search(s.text[m.start(): m.end() + 40])
    if day_before and (next_day or (part_before in ("evening", "night") and hour < 12)):
        return day_before + DAY, day_before
    return day_before, day_before


def clock_time(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'8am Moscow time': a time with its zone, on the day of the previous date (or the next day)."""
    places = s.article.ctx.places
    hour, minute = clock_of(m)
    place_name = clock_place(s.text[m.end(): m.end() + 60], places)
    zone = zone_of(place_name, places) if place_name else None
    base, day_before = clock_day(m, s, hour)
    if base is None or zone is None:
        e.basis = "clock time without " + ("a date to attach it to" if base is None else "a place or zone")
        e.notes.append(f"zone:{place_name}")
        return
    try:
        e.moment = datetime(base.year, base.month, base.day, hour, minute, tzinfo=zone)
    except ValueError:
        e.basis = f"{m.group(0)!r} is not a real time"
        return
    e.day = base
    e.resolved = f"{e.moment:%Y-%m-%dT%H:%M}{offset_text(e.moment)}"
    e.basis = (f"clock time at {place_name} ({zone.key}) on the day of the previous date"
               + (", the next day" if base != day_before else ""))
    e.confidence = "medium"


# --- the table ------------------------------------------------------------------------------

def whole(m: re.Match[str]) -> tuple[int, int]:
    """The span of a whole match."""
    return m.start(), m.end()


@dataclass(frozen=True)
class Rule:
    """One resolution rule: the expressions its pattern finds, the kind it gives them, and how to resolve one."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    resolve: Callable[[Expression, re.Match[str], Sentence], None]
    span: Callable[[re.Match[str]], tuple[int, int]] = whole


RULES: tuple[Rule, ...] = (
    Rule("weekday after event", "weekday after event", WEEKDAY_AFTER_EVENT, weekday_after_event),
    Rule("absolute date", "absolute date", ABSOLUTE, absolute_date),
    Rule("absolute date (day first)", "absolute date", ABSOLUTE_DAY_FIRST, absolute_day_first),
    Rule("ISO date", "absolute date", ISO_DATE, iso_date),
    Rule("anchor", "anchored", ANCHOR, anchored),
    Rule("days after", "anchored", DAYS_AFTER, days_around),
    Rule("weekday", "weekday", WEEKDAY, weekday),
    Rule("relative day", "relative day", RELATIVE_DAY, relative),
    Rule("week", "week", WEEK, week),
    Rule("days ago", "relative day", AGO, ago),
    Rule("month only", "month", MONTH_ONLY, month_only),
    Rule("that day", "that day", THAT_PART, that_part),
    Rule("year", "year", YEAR, year_only, year_span),
    Rule("clock time", "clock time", CLOCK, clock_time),
)
"""The resolution rules in priority order (see the module's list)."""


def apply_rules(s: Sentence) -> None:
    """Find and resolve the expressions of one sentence, rule by rule (an overlapping match is skipped)."""
    for rule in RULES:
        for m in rule.pattern.finditer(s.text):
            e = s.add(*rule.span(m), rule.kind)
            if e is not None:
                rule.resolve(e, m, s)
