"""Stale relative dates: "yesterday" copied from an earlier report, where it meant another day.

A relative expression (a weekday, "yesterday", "two days ago", "last week")
is counted from its own article's date. When a later article copies a
sentence from an earlier one, the same words point to a different day. The
rule, for each relative expression of an article:

1. an *earlier* article (earlier reference date) has a near-same sentence
   (rapidfuzz token-sort ratio of at least :data:`NEAR_SAME` once both
   expressions are taken out, or :data:`SHARED_WORDS` words shared right
   around the date: "ran aground late yesterday near") with the same wording
   ("yesterday" and "Yesterday", "on Monday" and "Monday");
2. there it resolves to another day.

Then the later one is flagged ``stale date``: *possibly* copied (the
explanation names both spans and never asserts it), with the context event
the sentence reports when its date agrees with the earlier article. Near-same
sentences that date one statement on different days without such a copy are
flagged ``conflict`` with no cause named.

>>> wording("On Monday"), wording("yesterday")
('monday', 'yesterday')
>>> near_same("Yesterday the union rejected the offer.", "yesterday", "The union yesterday rejected the offer.", "yesterday")
True
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from .events import match_event
from .model import Article, Expression, flag_row

if TYPE_CHECKING:
    from ..core.case import Case

RELATIVE_KINDS = ("weekday", "relative day", "week")
"""Kinds of expression counted from the article's own date."""
NEAR_SAME = 80
"""The rapidfuzz token-sort ratio from which two sentences count as the same wording."""
LEADING = re.compile(r"^on\s+")


def wording(expression: str) -> str:
    """Return the comparable wording of an expression: lower case, single spaces, no leading "on"."""
    return LEADING.sub("", " ".join(expression.lower().split()))


def near_same(text: str, expression: str, other: str, other_expression: str) -> bool:
    """Whether two sentences say the same thing in (nearly) the same words, their date expressions taken out."""
    a = text.replace(expression, " ").lower()
    b = other.replace(other_expression, " ").lower()
    return fuzz.token_sort_ratio(a, b) >= NEAR_SAME


SHARED_WORDS = 4
"""How many words right around a relative date two sentences must share, in order, to count as one wording."""
_TOKEN = re.compile(r"\w+")


def shared_around(text: str, expression: str, other: str, other_expression: str) -> int:
    """Count the words right before and right after a date that two sentences share, in the same order.

    >>> shared_around("The ship ran aground late yesterday near the port.", "yesterday",
    ...               "Reports say the ship ran aground late yesterday near Valparaíso.", "yesterday")
    6
    """
    def sides(t: str, e: str) -> tuple[list[str], list[str]]:
        at = max(t.find(e), 0)
        return _TOKEN.findall(t[:at].lower()), _TOKEN.findall(t[at + len(e):].lower())

    (b1, a1), (b2, a2) = sides(text, expression), sides(other, other_expression)
    before = next((i for i, (x, y) in enumerate(zip(reversed(b1), reversed(b2))) if x != y), min(len(b1), len(b2)))
    after = next((i for i, (x, y) in enumerate(zip(a1, a2)) if x != y), min(len(a1), len(a2)))
    return before + after


def same_wording(text: str, expression: str, other: str, other_expression: str) -> bool:
    """Whether two sentences are near-same, or share :data:`SHARED_WORDS` words right around their dates."""
    return (near_same(text, expression, other, other_expression)
            or shared_around(text, expression, other, other_expression) >= SHARED_WORDS)


def dated(article: Article) -> str:
    """Describe an article's date: "published 2031-03-10" or "dated 2031-03-10 (no publication date)"."""
    if article.dated_ref:
        return f"published {article.ref:%Y-%m-%d}"
    return f"dated {article.ref:%Y-%m-%d} by inference, no publication date"


def span_of(e: Expression) -> str:
    """Name an expression's place: ``'yesterday' (A1.S2, 120:129)``."""
    return f"{e.expression!r} ({e.sentence_id}, {e.start}:{e.end})"


def days_text(e: Expression) -> str:
    """The day or days an expression resolved to."""
    return f"{e.day:%Y-%m-%d}" + (f" to {e.until:%Y-%m-%d}" if e.until and e.until != e.day else "")


def copied_from(e: Expression, pool: list[Expression], texts: dict[str, str], refs: dict[str, Article]):
    """Return the earliest expression of an earlier article, same wording, near-same sentence, other day; or ``None``."""
    me = refs[e.article_id]
    found = [f for f in pool if f.article_id != e.article_id and refs[f.article_id].ref < me.ref
             and wording(f.expression) == wording(e.expression) and (f.day, f.until) != (e.day, e.until)
             and same_wording(texts[e.sentence_id], e.expression, texts[f.sentence_id], f.expression)]
    return min(found, key=lambda f: refs[f.article_id].ref) if found else None


def stale_row(e: Expression, f: Expression, texts: dict[str, str], refs: dict[str, Article]) -> dict:
    """Return the ``stale date`` flag row of an expression possibly copied from ``f``."""
    me, src = refs[e.article_id], refs[f.article_id]
    event = match_event(texts[e.sentence_id], me.ctx.events, f.day, me.ctx.root)
    agrees = ""
    if event and f.day <= event[0] <= (f.until or f.day):
        agrees = f" The context event it reports, '{event[1]}', is dated {event[0]:%Y-%m-%d} (events.csv), as there."
    return flag_row(e, "stale date",
                    f"Here {e.expression!r} means {days_text(e)}, counted from this article's date ({me.ref:%Y-%m-%d}; "
                    f"{me.ref_basis}). A near-same sentence of {f.article_id} ({dated(src)}) has the same "
                    f"wording, {span_of(f)}, where it means {days_text(f)}.{agrees} Possibly copied from "
                    f"{f.article_id} {dated(src)}, where it means {days_text(f)}: check which day is meant.",
                    f"{span_of(e)} / {f.article_id}: {span_of(f)}")


def statement_conflict(e: Expression, pool: list[Expression], texts: dict[str, str]) -> list[dict]:
    """Return ``conflict`` rows for a near-same sentence of another article that dates the statement on another day."""
    rows = []
    for f in pool:
        if f.article_id == e.article_id or f.day is None or (f.day, f.until) == (e.day, e.until):
            continue
        if near_same(texts[e.sentence_id], e.expression, texts[f.sentence_id], f.expression):
            rows.append(flag_row(e, "conflict",
                                 f"The same statement is dated {days_text(e)} here ({span_of(e)}) and {days_text(f)} in "
                                 f"{f.article_id} ({span_of(f)}); the texts do not show which is right.",
                                 f"{span_of(e)} / {f.article_id}: {span_of(f)}"))
    return rows


def stale_dates(case: Case, articles: list[Article], expressions: list[Expression]) -> list[dict]:
    """Return ``stale date`` rows (possibly copied relative dates) and ``conflict`` rows for near-same statements."""
    refs = {a.article_id: a for a in articles}
    texts = dict(zip(case.sentences["sentence_id"], case.sentences["text"]))
    relative = [e for e in expressions if e.kind in RELATIVE_KINDS and e.day and refs[e.article_id].ref]
    dated_days = [e for e in expressions if e.day and e.kind not in ("year", "clock time", "that day")]
    sources = {id(e): copied_from(e, relative, texts, refs) for e in relative}
    rows = [stale_row(e, sources[id(e)], texts, refs) for e in relative if sources[id(e)] is not None]
    involved = {id(e) for e in relative if sources[id(e)]} | {id(f) for f in sources.values() if f is not None}
    others = [f for f in dated_days if id(f) not in involved]  # a copy and its source are explained already
    for e in relative:
        if id(e) not in involved:
            rows += statement_conflict(e, others, texts)
    return rows
