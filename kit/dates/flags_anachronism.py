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

from .context import Context, stem, stems
from .model import Article, Sentence, article_sentences, flag_row

ROLE_CUES = {
    "candidate": r"\b(running as|running for|is running|being (?:a|the) front-runner|front-runner in|campaigns for|"
                 r"is campaigning|candidate for the \d{4})\b",
    "president-elect": r"\bpresident-elect\b",
}
"""Present-tense wordings that describe a role as current (keyed by a word of the role's name)."""
COMING = re.compile(r"\b(upcoming|coming|forthcoming|approaching)\b", re.I)
"""Words that call an event still to come."""
WORD = re.compile(r"[A-Za-z][\w.’'-]*")
PHRASE_ENDS = {"of", "for", "in", "on", "at", "to", "with", "and", "or", "that", "which"}
"""Words that end the noun phrase after 'upcoming'."""


def past_event(noun: str, ctx: Context, ref: date) -> tuple[date, str] | None:
    """Return the first context event before ``ref`` that a noun (over three letters) names, or ``None``."""
    return next(((d, ev) for d, ev in ctx.events if d < ref and len(noun) > 3 and stem(noun) in stems(ev)), None)


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
        for word, pattern in ROLE_CUES.items():
            m = re.search(pattern, s.text, re.I) if word in role.lower() else None
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
