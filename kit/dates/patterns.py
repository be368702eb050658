"""Calendar facts and the patterns that find temporal expressions in a sentence.

Month and weekday names are facts of the calendar, not words the course argues
about, so they are constants here rather than rows of the lexicon (and not
``calendar.month_name``, which follows the machine's locale).

>>> ABSOLUTE.search("on Tuesday, March 5, 2025").groups()
('Tuesday', 'March', '5', '2025')
>>> month_number("Sept."), WEEKDAYS.index("thursday")
(9, 3)
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
"""Month names and abbreviations -> month number."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Weekday names in the order of ``date.weekday()``."""

MONTH = (r"(January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
"""A month name or abbreviation, as one group."""
WEEKDAY_NAME = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
"""A weekday name, as one group."""

ABSOLUTE = re.compile(r"(?:" + WEEKDAY_NAME + r",?\s+)?" + MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
"""'Tuesday, March 5, 2025', 'Nov. 10': groups weekday, month, day, year."""
ABSOLUTE_DAY_FIRST = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+" + MONTH + r"(?:,?\s+(\d{4}))?\b")
"""'10 November 2024', '7th of March': groups day, month, year."""
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
"""'2024-11-10': groups year, month, day."""
WEEKDAY = re.compile(r"\b(?:(last|next|this|on)\s+)?" + WEEKDAY_NAME + r"\b(?!,?\s+" + MONTH + r")", re.I)
"""'on Thursday', 'last Monday' (not followed by a month): groups word, weekday."""
WEEKDAY_AFTER_EVENT = re.compile(
    r"\bthe\s+" + WEEKDAY_NAME + r"\s+after\s+(.{0,40}?\b(election|report|call|briefing|denial|inauguration)\w*)", re.I)
"""'the Thursday after he won the election': groups weekday, phrase, event noun."""
RELATIVE_DAY = re.compile(r"\b(yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b(?![’']s)",
                          re.I)
"""'yesterday', 'today', 'tomorrow', 'tonight', 'last night', 'this morning' (not "today's")."""
WEEK = re.compile(r"\b(late last week|early last week|last week|this week|next week|over the weekend|last weekend|"
                  r"this weekend)\b", re.I)
"""A week or weekend named relative to the reference date."""
ANCHOR = re.compile(r"\b(the\s+(day|morning|evening|week)\s+(after|before)\s+the\s+"
                    r"(report|election|call|briefing|denial|inauguration))\b", re.I)
"""'the day after the report': groups phrase, unit, after/before, event noun."""
DAYS_AFTER = re.compile(r"\b((?:just\s+)?days\s+(after|before)\s+(?:[\w’'-]+\s+){0,3}?"
                        r"(election victory|election|report|call|inauguration))\b", re.I)
"""'just days after Trump's election victory': groups phrase, after/before, event noun."""
AGO = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(day|week|month)s?\s+ago\b", re.I)
"""'three days ago', 'two weeks ago', 'a month ago': counted back from the reference."""
MONTH_ONLY = re.compile(r"\b(?:in|since|by|during|until|early|late|mid-?)\s+(?:(last|next|this)\s+)?"
                        r"(January|February|March|April|May|June|July|August|September|October|November|December)"
                        r"\b(?!\s+\d{1,2}\b)(?:,?\s+((?:19|20)\d{2})\b)?")
"""A month without a day: 'in November', 'since March 2023', 'late last October' (group 1: last/next/this)."""
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
"""Numbers written as words in :data:`AGO`."""
THAT_PART = re.compile(r"\b(that\s+(evening|night|morning|afternoon|day))\b", re.I)
"""'that evening': groups phrase, part of the day."""
YEAR = re.compile(r"\b(?:in\s+)?((?:early|late|mid-)\s*)?((?:19|20)\d{2})\b(?![-/]\d)")
"""'in 2024', 'late 2023': groups qualifier, year."""
CLOCK = re.compile(r"\b(?:(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|(midnight|noon))", re.I)
"""'8am', '9:30 p.m.', 'midnight': groups hour, minute, am/pm, midnight/noon."""
PART_OF_DAY = re.compile(r"evening|night|morning|afternoon", re.I)
"""A part of the day named in an expression."""
PLACE_TIME = re.compile(r"\s+(\w[\w-]*)\s+time\b")
"""'... Moscow time' right after a clock time: group place."""
PLACE_NEAR = re.compile(r"\b(?:at|in)\s+((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)?)")
"""'... at Mar-a-Lago' after a clock time: group place."""
NEXT_DAY = re.compile(r"\bnext day\b|\bmorning after\b|\bnext morning\b", re.I)
"""Words that move a clock time to the day after."""
BETWEEN = re.compile(r"\bbetween\s+(midnight|noon|\d{1,2}(?::\d{2})?\s*(?:am|pm))\s+and\s+"
                     r"(midnight|noon|\d{1,2}(?::\d{2})?\s*(?:am|pm))", re.I)
"""A time window 'between midnight and 8am': groups first time, second time."""


def month_number(name: str) -> int:
    """Return the number of a month name or abbreviation ('Nov.' -> 11).

    >>> month_number("Nov."), month_number("DECEMBER")
    (11, 12)
    """
    return MONTHS[name.lower().rstrip(".")]


def clock_of(match: re.Match[str]) -> tuple[int, int]:
    """Return ``(hour, minute)`` on the 24-hour clock of a :data:`CLOCK` match.

    >>> clock_of(CLOCK.match("9:30 p.m.")), clock_of(CLOCK.match("midnight")), clock_of(CLOCK.match("12am"))
    ((21, 30), (0, 0), (0, 0))
    """
    if match.group(4):
        return (0 if match.group(4).lower() == "midnight" else 12), 0
    hour = int(match.group(1)) % 12 + (12 if match.group(3).lower().startswith("p") else 0)
    return hour, int(match.group(2) or 0)


def parse_clock(token: str) -> tuple[int, int]:
    """Return ``(hour, minute)`` of a clock time written alone ('8am', 'noon').

    >>> parse_clock("8am"), parse_clock("noon"), parse_clock("12:15 pm")
    ((8, 0), (12, 0), (12, 15))
    """
    match = CLOCK.match(token.strip())
    if match is None:
        raise ValueError(f"{token!r} is not a clock time")
    return clock_of(match)
