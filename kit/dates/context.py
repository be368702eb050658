"""What a case tells the date rules: its events, roles, places, default year and time words.

An event is found in a sentence by crude stems: content words lose -ing, -ed,
-es or -s and keep five letters, and a sentence *reports* an event when it
has no future cue and shares at least two stems with it, at least a third of
the event's.

>>> sorted(stems("Peskov denied the reports that Trump called"))
['call', 'deni', 'pesko', 'repor', 'trump']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .cues import future_cues, unlikely_cues, year_future_cues
from .zones import case_places

if TYPE_CHECKING:
    from ..core.case import Case

WORD = re.compile(r"[a-z]{3,}")
STOP = {"the", "and", "that", "with", "for", "was", "were", "this", "from", "took", "place", "his", "her", "has", "had",
        "its", "not", "are", "but", "who", "which", "after", "before", "about", "into", "than", "them", "they"}
"""Words too common to tie a sentence to an event."""


@dataclass
class Context:
    """The case's context tables and time words, read once per analysis."""

    events: list[tuple[date, str]]
    roles: list[tuple[str, str, date | None, date | None]]
    places: dict[str, str]
    default_year: int | None
    future: re.Pattern[str]
    year_future: re.Pattern[str]
    unlikely: re.Pattern[str]


def stem(word: str) -> str:
    """Return a crude stem: one suffix (-ing, -ed, -es, -s) dropped if four letters remain, then five letters.

    >>> stem("elections"), stem("denies"), stem("running")
    ('elect', 'deni', 'runn')
    """
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:5]


def stems(text: str) -> set[str]:
    """Return the crude stems of a text's content words (see :func:`stem`)."""
    return {stem(w) for w in WORD.findall(text.lower()) if w not in STOP}


def load_context(case: Case) -> Context:
    """Read a case's events, roles, places and time words (its ``lexicon.csv`` included).

    >>> from kit.core import load_case
    >>> load_context(load_case()).default_year
    2024
    """
    import pandas as pd

    events = [(d.date(), str(e)) for d, e in zip(case.events["date"], case.events["event"]) if not pd.isna(d)]
    roles = [(str(p), str(r), None if pd.isna(s) else s.date(), None if pd.isna(e) else e.date())
             for p, r, s, e in zip(case.roles["person"], case.roles["role"], case.roles["start"], case.roles["end"])]
    years = [d.year for d, _ in events]
    default_year = max(set(years), key=years.count) if years else None
    return Context(sorted(events), roles, case_places(case), default_year,
                   future_cues(case.path), year_future_cues(case.path), unlikely_cues(case.path))


def anchor_event(noun: str, ctx: Context) -> tuple[date, str] | None:
    """Return the context event a noun such as 'report' or 'election' refers to (the first that mentions it)."""
    wanted = stem(noun.lower())
    return next(((day, text) for day, text in ctx.events if wanted in stems(text)), None)


def reported_events(sentence: str, ctx: Context) -> list[tuple[date, str]]:
    """Return the context events a text reports (no future cue; enough shared stems, see the module)."""
    if ctx.future.search(sentence):
        return []
    found = stems(sentence)
    out = []
    for day, text in ctx.events:
        event = stems(text)
        shared = len(found & event)
        if shared >= 2 and shared * 3 >= len(event):
            out.append((day, text))
    return out
