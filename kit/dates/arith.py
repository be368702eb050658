"""Calendar arithmetic of the date rules: pure functions of a reference date.

Weekdays counted from a reference, week and month ranges, and the year of a
date written without one. :mod:`.rules` and the span modules use them; they
print nothing and read no case.

>>> weekday_day(date(2018, 4, 19), 3)[0], month_range(2023, 2)[1]
(datetime.date(2018, 4, 19), datetime.date(2023, 2, 28))
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable

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


RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "last night": -1, "this morning": 0,
                 "this afternoon": 0, "this evening": 0}


def relative_day(ref: date, word: str) -> date:
    """Return the day 'yesterday', 'today' or 'tomorrow' means, counted from ``ref``.

    >>> relative_day(date(2024, 3, 1), "Yesterday")
    datetime.date(2024, 2, 29)
    """
    return ref + RELATIVE_DAYS[" ".join(word.lower().split())] * DAY


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
