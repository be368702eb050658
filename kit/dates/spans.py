"""Durations, spans counted from an anchor, and ranges of days: the rules that give no single day.

* a duration ("for three hours", "a 90-minute call", "two-day visit",
  "within 48 hours") is kind ``duration``: its length in ISO 8601
  (``PT3H``, ``PT90M``, ``P2D``) in the ``duration`` column, and no date;
* an amount of time before or after an anchor ("two days after the election",
  "a day after the Post reported", "hours before the vote"): counted from a
  date written in the anchor phrase, else from the context event the phrase
  matches (its content-word stems, see :func:`event_for_phrase`); "hours"
  or "days" without a number give a range;
* "three days later", "a week earlier", "the following day": counted from the
  previous date of the article;
* "the week of 11 November": the Monday-to-Sunday week of that date;
* "earlier this month", "late last month", "this year", "later this week": a
  range; early/mid/late are the first, middle and last third of the unit,
  earlier/later the part before/after the reference.

>>> iso_duration(90, "minute"), iso_duration(2, "day"), iso_duration(1, "week")
('PT90M', 'P2D', 'P1W')
>>> period_range(date(2025, 3, 12), "late", "last", "month")
(datetime.date(2025, 2, 21), datetime.date(2025, 2, 28))
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .arith import DAY, absolute_year, month_range
from .context import stems
from .events import match_event
from .model import Expression, Sentence
from .patterns import ABSOLUTE, ABSOLUTE_DAY_FIRST, NUMBER_WORDS, month_number

UNITS = {"second": ("T", "S", 1 / 86400), "minute": ("T", "M", 1 / 1440), "hour": ("T", "H", 1 / 24),
         "day": ("", "D", 1), "week": ("", "W", 7), "month": ("", "M", 30), "year": ("", "Y", 365)}
"""A unit of time -> (ISO 8601 time marker, ISO letter, length in days)."""
NUMBER = r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3}(?:\.\d)?)"
UNIT = r"(second|minute|hour|day|week|month|year)"
DURATION = re.compile(
    r"\b(?:(?:for|within|over|lasting|during)\s+(?:(?:about|nearly|almost|more\s+than|less\s+than|at\s+least|"
    r"up\s+to|some|another|the\s+next|the\s+past|the\s+last)\s+)?" + NUMBER + r"\s+" + UNIT + r"s?"
    r"|" + NUMBER + r"-" + UNIT + r"(?:-long)?(?!-old)(?![\w-]))\b", re.I)
"""A duration: 'for three hours', 'within 48 hours', 'a 90-minute call', 'two-day visit' (not '23-year-old')."""
FROM_ANCHOR = re.compile(r"\b(?:(?:just|only|some|about)\s+)?(?:" + NUMBER + r"\s+|(few|several)\s+)?" + UNIT +
                         r"(s?)\s+(after|before)\s+(\S.{0,60}?)(?=[,;:.!?]|\s+(?:and|but|when|while|as|that)\s|$)", re.I)
"""'two days after the vote', 'hours before the signing': groups number, few, unit, plural s, after/before, anchor."""
LATER = re.compile(r"\b(?:" + NUMBER + r"\s+" + UNIT + r"(s?)\s+(later|earlier)|the\s+(next|following|previous)\s+"
                   r"(day|morning|afternoon|evening|night|week))\b", re.I)
"""'three days later', 'a week earlier', 'the following day': counted from the previous date of the article."""
WEEK_OF = re.compile(r"\b(?:the\s+)?week\s+of\s+(\S.{2,30})", re.I)
"""'the week of 11 November' (the date is read by the absolute-date patterns)."""
PERIOD = re.compile(r"\b(?:(early|mid|late|earlier|later)[\s-]+)?(last|this|next)\s+(month|year)\b"
                    r"|\b(earlier|later)\s+(this)\s+(week)\b", re.I)
"""'earlier this month', 'late last month', 'next year', 'later this week'."""
PLURAL_REACH = {"day": 7, "week": 42, "month": 366, "year": 3653}
"""How far 'days after', 'weeks after' ... reach from the anchor, in days."""
THIRDS = {"early": (0, 1), "mid": (1, 2), "late": (2, 3)}
"""early / mid / late -> which third of the unit."""


def iso_duration(amount: float, unit: str) -> str:
    """Return an ISO 8601 duration ('PT3H', 'P2D', 'PT1.5H').

    >>> iso_duration(3, "hour"), iso_duration(1.5, "hour")
    ('PT3H', 'PT1.5H')
    """
    marker, letter, _ = UNITS[unit.lower()]
    text = f"{amount:g}"
    return f"P{marker}{text}{letter}"


def amount_of(word: str) -> float:
    """Return the number a word or figure names ('two' -> 2, '48' -> 48, 'a' -> 1).

    >>> amount_of("Two"), amount_of("48"), amount_of("1.5")
    (2, 48.0, 1.5)
    """
    return NUMBER_WORDS.get(word.lower()) or float(word)


def duration(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'for three hours', 'a 90-minute call': a length of time, never a date."""
    number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    e.duration = iso_duration(amount_of(number), unit)
    e.basis, e.confidence = f"a duration ({e.duration}), not a date", "high"


def event_for_phrase(phrase: str, s: Sentence) -> tuple[date, str] | None:
    """Return the context event an anchor phrase names ("the vote", "the Post reported"), or ``None``.

    Uses :func:`kit.dates.events.match_event` (meaning words, the case's synonyms, the closer event on a
    tie); when it finds none, the event sharing the most content-word stems with the phrase (at least one).
    """
    a = s.article
    found = match_event(phrase, a.ctx.events, near=a.ref, root=a.case.path)
    if found:
        return found
    wanted = stems(phrase)
    scored = [(len(wanted & stems(text)), -i, day, text) for i, (day, text) in enumerate(a.ctx.events)]
    best = max(scored, default=None)
    return (best[2], best[3]) if best and best[0] >= 1 else None


def find_from_anchor(s: Sentence) -> list[tuple[int, int, re.Match[str]]]:
    """Return the spans of 'N units after/before X'; a date already found in X stays its own expression."""
    out = []
    for m in FROM_ANCHOR.finditer(s.text):
        inside = [a for a, _, x in s.found if m.start(6) <= a < m.end(6)]
        out.append((m.start(), (m.end(5) if inside else m.end()), m))
    return out


def anchor_of(m: re.Match[str], s: Sentence) -> tuple[date, str] | None:
    """Return the anchor day of a :data:`FROM_ANCHOR` match and what it is: a dated expression in the
    anchor phrase, else the context event the phrase matches."""
    dated = [x for a, _, x in s.found if m.start(6) <= a < m.end(6) and x.day and x.kind != "year"]
    if dated:
        return dated[0].day, f"{dated[0].expression!r}"
    event = event_for_phrase(m.group(6), s)
    return (event[0], f"the context event '{event[1]}'") if event else None


def shift(day: date, amount: float | None, unit: str, plural: bool, sign: int) -> tuple[date, date | None, str]:
    """Return ``(first, last, confidence)`` of an amount of time on one side of ``day``.

    A number of days or more: that day (``last`` ``None``); less than a day: the day and the one beside it;
    no number ("hours before", "several weeks after"): a range reaching as far as the unit suggests;
    "the week after": the week on that side.

    >>> shift(date(2025, 3, 6), 2, "day", True, 1)
    (datetime.date(2025, 3, 8), None, 'medium')
    >>> shift(date(2025, 3, 6), None, "hour", True, -1)
    (datetime.date(2025, 3, 5), datetime.date(2025, 3, 6), 'low')
    """
    length = UNITS[unit][2]
    if amount is None and not plural and length <= 1:  # "the day after", "an hour before"
        amount = 1
    if amount is not None and amount * length >= 1:
        return day + sign * timedelta(days=round(amount * length)), None, "medium" if length <= 7 else "low"
    if amount is not None or length < 1:  # less than a day ("three hours after", "hours before")
        first, last = sorted((day, day + sign * DAY))
        return first, last, "low"
    reach = round(length) if not plural else PLURAL_REACH[unit]  # "the week after", "days after"
    first, last = sorted((day + sign * DAY, day + sign * reach * DAY))
    return first, last, "low"


def from_anchor(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'two days after the election': counted from the anchor (see :func:`shift`)."""
    anchor = anchor_of(m, s)
    unit, side = m.group(3).lower(), m.group(5).lower()
    if anchor is None:
        e.basis = f"'{unit}s {side} ...', but no date or context event matches {m.group(6)!r}"
        return
    day, what = anchor
    amount = amount_of(m.group(1)) if m.group(1) else None
    if amount is not None:
        e.duration = iso_duration(amount, unit)
    e.day, e.until, e.confidence = shift(day, amount, unit, bool(m.group(4)) or bool(m.group(2)), 1 if side == "after" else -1)
    e.basis = f"{m.group(0)[: m.start(5) - m.start()].strip()} {side} {what} ({day:%Y-%m-%d})"


def later(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'three days later', 'the next day': counted from the previous date of the article (see :func:`shift`)."""
    day, _ = s.previous(m.start())
    if day is None:
        e.basis = "counted from the previous date, but there is none before it"
        return
    if m.group(5):  # the next/following/previous day (or week, morning ...)
        unit = "week" if m.group(6).lower() == "week" else "day"
        amount, plural, sign = 1.0, False, -1 if m.group(5).lower() == "previous" else 1
    else:
        unit, amount, plural = m.group(2).lower(), amount_of(m.group(1)), bool(m.group(3))
        sign = 1 if m.group(4).lower() == "later" else -1
        e.duration = iso_duration(amount, unit)
    e.day, e.until, e.confidence = shift(day, amount, unit, plural, sign)
    e.basis = f"'{' '.join(m.group(0).lower().split())}': counted from the previous date in the article ({day:%Y-%m-%d})"


def week_of_date(text: str) -> tuple[tuple[str, str, str | None], int] | None:
    """Return ``((day, month, year), length)`` of the date a 'week of' phrase starts with, or ``None``.

    >>> week_of_date("Nov. 11, when talks began"), week_of_date("11 November 2024")
    ((('11', 'Nov.', None), 7), (('11', 'November', '2024'), 16))
    """
    found = ABSOLUTE.match(text)
    if found:
        return (found.group(3), found.group(2), found.group(4)), found.end()
    found = ABSOLUTE_DAY_FIRST.match(text)
    return (found.groups(), found.end()) if found else None


def find_week_of(s: Sentence) -> list[tuple[int, int, re.Match[str]]]:
    """Return the spans of 'the week of <date>' (the phrase and its date only)."""
    out = []
    for m in WEEK_OF.finditer(s.text):
        read = week_of_date(m.group(1))
        if read:
            out.append((m.start(), m.start(1) + read[1], m))
    return out


def week_of(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'the week of 11 November': the Monday-to-Sunday week of that date (its year given or inferred)."""
    a = s.article
    (day_text, month_text, year_text), _ = week_of_date(m.group(1))
    month, day_n = month_number(month_text), int(day_text)
    try:
        year = int(year_text) if year_text else absolute_year(month, day_n, a.ref, a.ctx.default_year,
                                                              bool(a.ctx.year_future.search(s.text)))[0]
        middle = date(year, month, day_n) if year else None
    except ValueError:
        e.basis = f"'{day_text} {month_text}' is not a real date"
        return
    if middle is None:
        e.basis = "'week of' a date with no year and nothing to take one from"
        return
    e.day = middle - timedelta(days=middle.weekday())
    e.until = e.day + 6 * DAY
    e.basis = f"the Monday-to-Sunday week of {middle:%Y-%m-%d}"
    e.confidence = "high" if year_text else "medium"


def unit_range(ref: date, word: str, unit: str) -> tuple[date, date]:
    """Return the first and last day of last/this/next week, month or year around ``ref``.

    >>> unit_range(date(2024, 1, 10), "last", "month")
    (datetime.date(2023, 12, 1), datetime.date(2023, 12, 31))
    """
    step = {"last": -1, "this": 0, "next": 1}[word]
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + step * 7 * DAY
        return monday, monday + 6 * DAY
    if unit == "year":
        return date(ref.year + step, 1, 1), date(ref.year + step, 12, 31)
    months = ref.year * 12 + ref.month - 1 + step
    return month_range(months // 12, months % 12 + 1)


def period_range(ref: date, qualifier: str, word: str, unit: str) -> tuple[date, date]:
    """Return the range a period phrase names: early/mid/late thirds, or earlier/later than ``ref``.

    >>> period_range(date(2025, 3, 12), "earlier", "this", "month")
    (datetime.date(2025, 3, 1), datetime.date(2025, 3, 11))
    """
    first, last = unit_range(ref, word, unit)
    if qualifier == "earlier":
        return first, max(first, ref - DAY)
    if qualifier == "later":
        return min(last, ref + DAY), last
    if qualifier in THIRDS and unit != "week":
        third = THIRDS[qualifier][0]
        if unit == "year":
            return date(first.year, 4 * third + 1, 1), month_range(first.year, 4 * third + 4)[1]
        return first + timedelta(days=10 * third), (first + timedelta(days=10 * third + 9)) if third < 2 else last
    return first, last


def period(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """'earlier this month', 'late last month', 'next year': a range of days around the reference."""
    a = s.article
    if a.ref is None:
        e.basis = "a period counted from the reference, but the article has no date to count from"
        return
    qualifier, word, unit = ((m.group(1) or "").lower(), m.group(2).lower(), m.group(3).lower()) if m.group(2) else \
        (m.group(4).lower(), m.group(5).lower(), m.group(6).lower())
    e.day, e.until = period_range(a.ref, qualifier, word, unit)
    e.basis = f"'{m.group(0).lower()}': a range of days around the reference ({a.ref_basis})"
    e.confidence = "medium" if a.dated_ref else "low"
