"""What a case tells the date rules: its events, roles, places, default year and time words.

Words are compared by crude stems (:func:`kit.dates.events.stem`: content
words lose -ing, -ed, -es or -s and keep five letters). A sentence *reports*
an event when it has no future cue and matches it by meaning (shared stems,
the lexicon's synonyms and near spellings; see :mod:`.events`):
:func:`reported_events`, which dates undated articles. The roles come with the
titles their ``aliases`` column adds (:mod:`.roles`).

>>> sorted(stems("Peskov denied the reports that Trump called"))
['call', 'deni', 'pesko', 'repor', 'trump']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .cues import NEVER, future_cues, unlikely_cues, year_future_cues
from .events import STOP, ranked_events, stem
from .roles import role_aliases
from .zones import case_places

if TYPE_CHECKING:
    from ..core.case import Case

WORD = re.compile(r"[a-z]{3,}")


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
    root: Path | None = None
    role_aliases: list[tuple[str, ...]] = field(default_factory=list)
    """Per row of ``roles``: the titles its ``aliases`` column adds (see :mod:`.roles`)."""


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
                   future_cues(case.path), year_future_cues(case.path), unlikely_cues(case.path),
                   case.path, role_aliases(case))


def anchor_event(noun: str, ctx: Context) -> tuple[date, str] | None:
    """Return the context event a noun such as 'report' or 'election' refers to (the first that mentions it)."""
    wanted = stem(noun.lower())
    return next(((day, text) for day, text in ctx.events if wanted in stems(text)), None)


def reported_events(sentence: str, ctx: Context) -> list[tuple[date, str]]:
    """Return the context events a text reports: no future cue, and a match by meaning (see :mod:`.events`).

    >>> ctx = Context([(date(2031, 3, 3), "Harbour workers begin a strike")], [], {}, None, NEVER, NEVER, NEVER)
    >>> reported_events("The walkout by harbour workers began", ctx)
    [(datetime.date(2031, 3, 3), 'Harbour workers begin a strike')]
    """
    if ctx.future.search(sentence):
        return []
    return sorted((day, event) for _, day, event in ranked_events(sentence, ctx.events, None, ctx.root))
