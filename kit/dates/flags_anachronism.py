"""Anachronism flags: a role or event described as current or coming after it had ended.

By the case's context tables, measured against the article's reference date:
a "candidate" after election day, "upcoming elections" after they were held.
Only present-tense descriptions count: "during his campaign" is history, and
"former President" is true until the role table says otherwise.

>>> from kit.dates.context import Context
>>> ctx = Context([(date(2024, 11, 5), "U.S. presidential election day")], [], {}, 2024, None, None, None)
>>> coming_event(" U.S. elections could matter.", ctx, date(2024, 11, 12))
(15, (datetime.date(2024, 11, 5), 'U.S. presidential election day'))
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..core.lexicon import values, word_pattern
from .context import Context
from .events import ranked_events
from .model import Article, Sentence, article_sentences, flag_row
from .roles import lexicon_stamp

COMING = re.compile(r"\b(upcoming|coming|forthcoming|approaching)\b", re.I)
"""Words that call an event still to come."""
WORD = re.compile(r"[A-Za-z][\w.’'-]*")
PHRASE_ENDS = {"of", "for", "in", "on", "at", "to", "with", "and", "or", "that", "which"}
"""Words that end the noun phrase after 'upcoming'."""


def past_event(noun: str, ctx: Context, ref: date) -> tuple[date, str] | None:
    """Return the best context event before ``ref`` that a noun (over three letters) names, or ``None``.

    Matched by meaning (:func:`kit.dates.events.match_event`): "vote" names an election.
    When the noun also names an event on or after ``ref`` ("the upcoming vote"
    with another election ahead), it is that one: ``None``.
    """
    if len(noun) <= 3:
        return None
    ranked = ranked_events(noun, ctx.events, ref, ctx.root)
    if not ranked or any(day >= ref for _, day, _ in ranked):
        return None
    return ranked[0][1], ranked[0][2]


def role_cues(root=None) -> dict[str, re.Pattern[str]]:
    """Return the lexicon's present-tense wordings of a role, as one pattern per role word ("candidate").

    Words of kind ``role_cue`` whose value is neither ``past`` nor ``stage``.

    >>> role_cues()["candidate"].search("Costa is running for mayor").group(1)
    'is running'
    """
    return stamped_role_cues(str(root or ""), lexicon_stamp(root))


@lru_cache(maxsize=16)
def stamped_role_cues(root: str, stamp: int) -> dict[str, re.Pattern[str]]:
    """:func:`role_cues`, cached while the case's lexicon is unchanged (``stamp``)."""
    by_role: dict[str, list[str]] = {}
    for word, value in values("role_cue", root or None).items():
        if value not in ("past", "stage"):
            by_role.setdefault(value, []).append(word)
    return {role: word_pattern(ws) for role, ws in by_role.items()}


def coming_event(after: str, ctx: Context, ref: date) -> tuple[int, tuple[date, str]] | None:
    """Look in the words after 'upcoming' (at most four, up to a preposition) for a past event.

    Returns:
        ``(end, (day, event))``: where the naming word ends in ``after``, and the event; ``None`` if none.
    """
    for k, w in enumerate(WORD.finditer(after)):
        if k >= 4 or w.group(0).lower() in PHRASE_ENDS:
            break  # the noun phrase ends here
        hit = past_event(w.group(0).lower().rstrip(".").rstrip("s"), ctx, ref)
        if hit:
            return w.end(), hit
    return None


def role_anachronisms(s: Sentence) -> list[dict]:
    """Return flag rows for roles a sentence describes as current although they had ended."""
    a, rows = s.article, []
    for person, role, _, end in a.ctx.roles:
        if end is None or end >= a.ref or person.split()[-1].lower() not in s.text.lower():
            continue
        for word, pattern in role_cues(a.ctx.root).items():
            m = pattern.search(s.text) if word in role.lower() else None
            if m:
                rows.append(flag_row(s.expression_at(m.group(0), "role"), "anachronism",
                                     f"{m.group(0)!r} describes {person} as {role} now, but that role ended on "
                                     f"{end:%Y-%m-%d}, before this article's date ({a.ref:%Y-%m-%d}; {a.ref_basis})."))
    return rows


def event_anachronisms(s: Sentence) -> list[dict]:
    """Return flag rows for events a sentence calls upcoming although they were held before its date."""
    a, rows = s.article, []
    for m in COMING.finditer(s.text):
        found = coming_event(s.text[m.end():], a.ctx, a.ref)
        if found:
            end, (day, event) = found
            phrase = s.text[m.start(): m.end() + end].rstrip(".")
            rows.append(flag_row(s.expression_at(phrase, "event"), "anachronism",
                                 f"{phrase!r} calls it still to come, but {event} was on {day:%Y-%m-%d}, "
                                 f"before this article's date ({a.ref:%Y-%m-%d}; {a.ref_basis})."))
    return rows


def anachronisms(articles: list[Article]) -> list[dict]:
    """Return the anachronism flag rows of articles with a reference date, sentence by sentence."""
    rows = []
    for article in articles:
        if article.ref is None:
            continue
        for s in article_sentences(article):
            rows += role_anachronisms(s) + event_anachronisms(s)
    return rows
