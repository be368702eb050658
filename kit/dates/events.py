"""Match a phrase or sentence to a context event by meaning words and dates, not exact stems.

A text and an event are compared by *concepts*: each content word gives its
crude stem (:func:`stem`) and the groups the lexicon's
``synonym`` kind puts it in ("vote" and "ballot" are both ``election``;
"rejected" and "dismissed" both ``deny``). Two words also match when their
spelling is near (rapidfuzz ratio of at least 88 on words of six letters or
more: "Zelensky" and "Zelenskyy"). Stop words are the lexicon's ``stopword``
kind, its time units (kind ``generic_count``: "day", "weeks"), which name no
event, and :data:`STOP`.

A text matches an event when it shares at least two of the event's concepts
and a third of them, or, for a short phrase (three content words or fewer),
when every one of its concepts is the event's. The best match is the one that
covers most of both; a ``near`` date breaks ties in favour of the closer event.

>>> events = [(date(2031, 3, 3), "Harbour workers begin a strike in Wellington"),
...           (date(2031, 3, 9), "Port owners and the union hold talks")]
>>> match_event("the walkout", events)
(datetime.date(2031, 3, 3), 'Harbour workers begin a strike in Wellington')
>>> match_event("after the meeting with the union", events, near=date(2031, 3, 12))[1]
'Port owners and the union hold talks'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from ..core.lexicon import values, words
from .roles import lexicon_stamp

STOP = {"the", "and", "that", "with", "for", "was", "were", "this", "from", "took", "place", "his", "her", "has", "had",
        "its", "not", "are", "but", "who", "which", "after", "before", "about", "into", "than", "them", "they"}
"""Words too common to tie a sentence to an event."""


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


TOKEN = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]{3,}")
NEAR_SPELLING = 88
"""The rapidfuzz ratio from which two long words (six letters or more) count as the same."""
SHORT_PHRASE = 3
"""A text of at most this many content words is a phrase: all its words must fit the event."""


def lexicon_groups(root: str = "") -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Return ``({stem: synonym groups}, stop words)`` from the lexicon (a case's own words included)."""
    return stamped_groups(root, lexicon_stamp(root))


@lru_cache(maxsize=16)
def stamped_groups(root: str, stamp: int) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """:func:`lexicon_groups`, cached while the case's lexicon is unchanged (``stamp``)."""
    groups: dict[str, set[str]] = {}
    for word, group in values("synonym", root or None).items():
        for part in word.split():
            groups.setdefault(stem(part), set()).add(group)
    stop = frozenset(words(("stopword", "generic_count"), root or None)) | frozenset(STOP)
    return {k: frozenset(v) for k, v in groups.items()}, stop


def concepts(text: str, root: str | Path | None = None) -> list[frozenset[str]]:
    """Return one set per content word of a text: its stem and its synonym groups.

    >>> sorted(concepts("The vote")[0])
    ['election', 'vote']
    """
    groups, stop = lexicon_groups(str(root or ""))
    out = []
    for w in TOKEN.findall(text.lower().replace("’", "'")):
        for part in w.split("-"):
            part = part.strip("'")
            if len(part) < 3 or part in stop or part.endswith("'s") and part[:-2] in stop:
                continue
            s = stem(part.removesuffix("'s"))
            out.append(frozenset({s, *groups.get(s, ())}))
    return out


def same_concept(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two words share a stem or synonym group, or are spelled nearly alike (six letters or more)."""
    if a & b:
        return True
    return any(len(x) >= 6 and len(y) >= 6 and fuzz.ratio(x, y) >= NEAR_SPELLING for x in a for y in b)


def event_score(text_concepts: list[frozenset[str]], event_concepts: list[frozenset[str]]) -> float:
    """Return how well a text fits an event (0 when it does not match; see the module's rule)."""
    if not text_concepts or not event_concepts:
        return 0.0
    shared_event = sum(any(same_concept(e, t) for t in text_concepts) for e in event_concepts)
    shared_text = sum(any(same_concept(t, e) for e in event_concepts) for t in text_concepts)
    phrase = len(text_concepts) <= SHORT_PHRASE and shared_text == len(text_concepts)
    sentence = shared_event >= 2 and shared_event * 3 >= len(event_concepts)
    if not (phrase or sentence):
        return 0.0
    return shared_event / len(event_concepts) + shared_text / len(text_concepts)


def as_pairs(events) -> list[tuple[date, str]]:
    """Return events as ``(day, text)`` pairs: from a list of pairs or a table with ``date`` and ``event``."""
    if hasattr(events, "columns"):
        return [(d.date() if hasattr(d, "date") else d, str(e)) for d, e in zip(events["date"], events["event"])
                if d == d and d is not None]  # d == d drops a missing date (NaT)
    return [(d, str(e)) for d, e in events]


def ranked_events(text: str, events: Iterable, near: date | None = None,
                  root: str | Path | None = None) -> list[tuple[float, date, str]]:
    """Return ``(score, day, event)`` for every event the text matches, best first (see :func:`match_event`)."""
    mine = concepts(text, root)
    out = []
    for day, event in as_pairs(events):
        score = event_score(mine, concepts(event, root))
        if score:
            out.append((score, day, event))
    distance = (lambda d: abs((d - near).days)) if near else (lambda d: 0)
    return sorted(out, key=lambda x: (-round(x[0], 6), distance(x[1])))


def match_event(text: str, events, near: date | None = None, root: str | Path | None = None) -> tuple[date, str] | None:
    """Return the context event a phrase or sentence refers to, as ``(day, event)``, or ``None``.

    Args:
        text: a phrase ("the day after the vote") or a sentence.
        events: ``(day, event)`` pairs (``Context.events``) or a table with ``date`` and ``event`` columns.
        near: a date the text is about (e.g. the article's date): the closer event wins a tie.
        root: a case folder, whose ``lexicon.csv`` may add synonyms.

    >>> match_event("the vote", [(date(2030, 5, 2), "Election day in Lisbon")])
    (datetime.date(2030, 5, 2), 'Election day in Lisbon')
    >>> match_event("the transfer window", [(date(2030, 5, 2), "Election day in Lisbon")]) is None
    True
    """
    ranked = ranked_events(text, events, near, root)
    return (ranked[0][1], ranked[0][2]) if ranked else None


def unique_event(text: str, events, root: str | Path | None = None) -> tuple[date, str] | None:
    """Return the one event a text reports, or ``None`` when none fits or more than one does.

    Stricter than :func:`match_event`, for tying a date to an event: a clause
    that fits two events about equally ("the report that Trump called") is about
    neither; one that fits one event :data:`CLEAR_WIN` times better than any other
    is about that one.

    >>> events = [(date(2031, 3, 3), "Harbour strike begins"), (date(2031, 3, 9), "Harbour strike ends")]
    >>> unique_event("the harbour strike", events) is None, unique_event("the walkout ends", events)[1]
    (True, 'Harbour strike ends')
    """
    ranked = ranked_events(text, events, None, root)
    if len(ranked) == 1 or len(ranked) > 1 and ranked[0][0] >= CLEAR_WIN * ranked[1][0]:
        return ranked[0][1], ranked[0][2]
    return None


CLEAR_WIN = 1.3
"""How much better than the runner-up the best event must fit for :func:`unique_event` to name it."""
