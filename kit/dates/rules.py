"""The resolution rules: a table of rules in priority order, each a pattern and a resolver.

Every sentence is read with each rule of :data:`RULES` in turn; an expression
that overlaps one found by an earlier rule is skipped, so the order is the
priority. Each row of :func:`kit.timeline` says which rule applied in
``basis``. The calendar arithmetic is in :mod:`.arith`, clock times in
:mod:`.clock`, durations and ranges in :mod:`.spans`. The rules, in order:

0. clock times ("9:30 a.m.", "21:30", "1930 GMT", "8am Moscow time", "9 pm
   local time", "UTC+3"): their spans are claimed first (so "1930 GMT" is no
   year) and resolved last, on the day of a date written right after them or of
   the previous date, with the local and the UTC instant (see :mod:`.clock`);
1. "the week of 11 November": the Monday-to-Sunday week of that date;
2. "the Thursday after he won the election": the first such weekday after the
   matching context event (high);
3. absolute date with a year: that date (high); without a year ("Nov. 10"): the
   reference date's year, or the year before when that would put it more than
   six months after the reference, or the year after when a future cue says so
   and the date passed more than a month before (medium); a day in the month of
   the reference keeps its year; a weekday written with it that does not fit is
   noted as a mismatch; also a date written day first ("10 November 2024") and an ISO date;
4. anchors: "the day after the report" counted from the matching context
   event; "just days after Trump's election victory": a range of a week (low);
   "two days after the vote", "a day after the Post reported", "hours before
   the signing": counted from a date in the phrase or the matching context event;
   "three days later", "the next day": counted from the previous date of the article;
5. durations ("for three hours", "a 90-minute call"): kind ``duration``, never a date;
6. weekday ("on Thursday", "Monday"): in a sentence without a future cue, the
   most recent such day on or before the reference, the same weekday meaning the
   same day (the way news writes it; library defaults get this wrong); with a
   future cue (will, would, expected, scheduled) the first such day after it;
   "last Thursday" strictly before; "next Thursday" after (marked ambiguous);
   "this Thursday" the nearest;
7. yesterday / today / tomorrow: one day before / the reference / one day after;
8. "earlier this month", "late last month", "next year"; "last week", "late
   last week", "this week", "over the weekend": a range of days;
9. "three days ago", "two weeks ago", "a month ago": counted back from the reference (a day; a week's
   range; the month's days); a month without a day ("in November", "since March 2023"): its first to last
   day, the year given or the latest such month by the reference (the next one for "next" or a future cue);
10. "that evening", "that night": the date of the previous resolved expression;
11. a year alone ("in 2024").

>>> weekday_day(date(2018, 4, 19), WEEKDAYS.index("thursday"))[0]
datetime.date(2018, 4, 19)
>>> [rule.name for rule in RULES][:3]
['clock time', 'week of', 'weekday after event']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable

from .arith import (DAY, HALF_YEAR, RECENT, WEEK_RANGES, WEEKDAY_WORDS, absolute_year, month_range, month_year,
                    relative_day, week_range, weekday_after, weekday_before, weekday_day, weekday_nearest,
                    weekday_on_or_before, year_for)
from .clock import CLOCK_TIME, clock_time, find_clock_times
from .context import anchor_event
from .cues import future_at, past_cues
from .model import Expression, Sentence
from .patterns import (ABSOLUTE, ABSOLUTE_DAY_FIRST, AGO, ANCHOR, DAYS_AFTER, ISO_DATE, MONTH_ONLY, NUMBER_WORDS,
                       RELATIVE_DAY, THAT_PART, WEEK, WEEKDAY, WEEKDAY_AFTER_EVENT, WEEKDAYS, YEAR, month_number)
from .spans import (DURATION, FROM_ANCHOR, LATER, PERIOD, WEEK_OF, duration, find_from_anchor, find_week_of, from_anchor,
                    later, period, week_of)

__all__ = ["DAY", "HALF_YEAR", "RECENT", "RULES", "WEEK_RANGES", "WEEKDAY_WORDS", "Rule", "absolute_year", "apply_rules",
           "month_range", "month_year", "relative_day", "week_range", "weekday_after", "weekday_before", "weekday_day",
           "weekday_nearest", "weekday_on_or_before", "year_for"]


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
    """'10 November 2024', '10 November': the date, its year given or inferred as for 'November 10'."""
    a = s.article
    month, day_n = month_number(m.group(2)), int(m.group(1))
    try:
        if m.group(3):
            year, why = int(m.group(3)), "the year given"
        else:
            year, why = absolute_year(month, day_n, a.ref, a.ctx.default_year, bool(a.ctx.year_future.search(s.text)))
        if year:
            e.day = date(year, month, day_n)
            e.basis, e.confidence = f"absolute date (day first); {why}", "high" if m.group(3) else "medium"
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
    future = future_at(s.text, m.start(), a.ctx.future, past_cues(a.case.path))
    e.day, basis = weekday_day(a.ref, WEEKDAYS.index(m.group(2).lower()), (m.group(1) or "").lower(), future)
    e.basis = f"{basis} ({a.ref_basis})"
    e.confidence = "high" if a.dated_ref else "low"


def relative(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'yesterday', 'today', 'tomorrow': one day before, the reference, one day after."""
    a = s.article
    if a.ref:
        word = " ".join(m.group(1).lower().split())
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


# --- the table ------------------------------------------------------------------------------

def whole(m: re.Match[str]) -> tuple[int, int]:
    """The span of a whole match."""
    return m.start(), m.end()


Finder = Callable[[Sentence], list[tuple[int, int, re.Match[str]]]]


@dataclass(frozen=True)
class Rule:
    """One resolution rule: the expressions its pattern finds, the kind it gives them, and how to resolve one.

    ``find`` replaces the pattern's plain search when a rule needs the sentence to decide ("0930" is a time
    only with a zone); an ``early`` rule claims its spans before every other rule (so "1930 GMT" is no year)
    but is resolved in its place in the table, when the dates before it are known.
    """

    name: str
    kind: str
    pattern: re.Pattern[str]
    resolve: Callable[[Expression, re.Match[str], Sentence], None]
    span: Callable[[re.Match[str]], tuple[int, int]] = whole
    find: Finder | None = None
    early: bool = False

    def matches(self, s: Sentence) -> list[tuple[int, int, re.Match[str]]]:
        """Return ``(start, end, match)`` of what the rule finds in a sentence."""
        return self.find(s) if self.find else [(*self.span(m), m) for m in self.pattern.finditer(s.text)]


RULES: tuple[Rule, ...] = (
    Rule("clock time", "clock time", CLOCK_TIME, clock_time, find=find_clock_times, early=True),
    Rule("week of", "week", WEEK_OF, week_of, find=find_week_of),
    Rule("weekday after event", "weekday after event", WEEKDAY_AFTER_EVENT, weekday_after_event),
    Rule("absolute date", "absolute date", ABSOLUTE, absolute_date),
    Rule("absolute date (day first)", "absolute date", ABSOLUTE_DAY_FIRST, absolute_day_first),
    Rule("ISO date", "absolute date", ISO_DATE, iso_date),
    Rule("anchor", "anchored", ANCHOR, anchored),
    Rule("days after", "anchored", DAYS_AFTER, days_around),
    Rule("amount after or before", "anchored", FROM_ANCHOR, from_anchor, find=find_from_anchor),
    Rule("later", "anchored", LATER, later),
    Rule("duration", "duration", DURATION, duration),
    Rule("weekday", "weekday", WEEKDAY, weekday),
    Rule("relative day", "relative day", RELATIVE_DAY, relative),
    Rule("period", "week", PERIOD, period),
    Rule("week", "week", WEEK, week),
    Rule("days ago", "relative day", AGO, ago),
    Rule("month only", "month", MONTH_ONLY, month_only),
    Rule("that day", "that day", THAT_PART, that_part),
    Rule("year", "year", YEAR, year_only, year_span),
)
"""The resolution rules in priority order (see the module's list); clock times are resolved last."""


def apply_rules(s: Sentence) -> None:
    """Find and resolve the expressions of one sentence, rule by rule (an overlapping match is skipped).

    Early rules claim their spans first and are resolved after all the others, so a clock time can take the
    day of a date written after it.
    """
    claimed = [(rule, s.add(a, b, rule.kind), m) for rule in RULES if rule.early for a, b, m in rule.matches(s)]
    for rule in RULES:
        if rule.early:
            continue
        for a, b, m in rule.matches(s):
            e = s.add(a, b, rule.kind)
            if e is not None:
                rule.resolve(e, m, s)
    for rule, e, m in claimed:
        if e is not None:
            rule.resolve(e, m, s)
