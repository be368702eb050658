"""The data of the date rules: a temporal expression, the sentence being read, a flag row.

>>> fmt_days(date(2024, 11, 4), date(2024, 11, 10)), fmt_days(date(2024, 11, 4), date(2024, 11, 4))
('2024-11-04/2024-11-10', '2024-11-04')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from .context import Context
from .patterns import PART_OF_DAY

if TYPE_CHECKING:
    from ..core.case import Case

FLAG_COLUMNS = ["file", "article_id", "sentence_id", "kind", "span", "evidence", "explanation"]
"""The columns of :func:`kit.timeline_flags`."""


@dataclass
class Expression:
    """One temporal expression and how it was resolved."""

    file: str
    article_id: str
    sentence_id: str
    start: int
    end: int
    expression: str
    kind: str
    resolved: str = ""
    basis: str = ""
    confidence: str = "none"
    day: date | None = None
    until: date | None = None
    moment: datetime | None = None
    notes: list[str] = field(default_factory=list)
    utc: str = ""
    duration: str = ""


def span_in_raw(case: Case, file: str, s_start: int, s_end: int, text: str) -> tuple[int, int]:
    """Return the raw character span of ``text`` inside the sentence at ``s_start:s_end`` (white space may differ)."""
    raw = case.raw(file)
    parts = text.split()
    m = re.search(r"\s+".join(re.escape(p) for p in parts), raw[s_start:s_end]) if parts else None
    return (s_start + m.start(), s_start + m.end()) if m else (s_start, s_end)


def fmt_days(day: date | None, until: date | None = None) -> str:
    """Format a day (``YYYY-MM-DD``) or a range of days (``start/end``); ``""`` for no day."""
    if day is None:
        return ""
    return f"{day:%Y-%m-%d}/{until:%Y-%m-%d}" if until and until != day else f"{day:%Y-%m-%d}"


def part_of_day(expression: str) -> str:
    """Return the part of the day an expression names ('evening', 'night', ...), or ``""``.

    >>> part_of_day("That Evening"), part_of_day("on Monday")
    ('evening', '')
    """
    part = PART_OF_DAY.search(expression)
    return part.group(0).lower() if part else ""


@dataclass
class Article:
    """An article being read: its reference date and the last day (and part of day) resolved so far."""

    case: Case
    file: str
    article_id: str
    ref: date | None
    ref_basis: str
    ctx: Context
    last_day: date | None = None
    last_part: str = ""

    @property
    def dated_ref(self) -> bool:
        """Whether the reference date is the publication date (else it is inferred)."""
        return self.ref_basis.startswith("publication date")


@dataclass
class Sentence:
    """A sentence being read: its text, its article and the expressions found in it so far."""

    article: Article
    sentence_id: str
    text: str
    start: int
    end: int
    found: list[tuple[int, int, Expression]] = field(default_factory=list)
    paragraph: int = 0

    def add(self, m_start: int, m_end: int, kind: str) -> Expression | None:
        """Record an expression at ``m_start:m_end`` of the text; ``None`` if it overlaps one found before."""
        if any(a < m_end and m_start < b for a, b, _ in self.found):
            return None
        e = self.expression_at(self.text[m_start:m_end], kind)
        self.found.append((m_start, m_end, e))
        return e

    def expression_at(self, phrase: str, kind: str) -> Expression:
        """Return an (unresolved, unrecorded) expression for a phrase of the sentence, at its raw span."""
        a = self.article
        r0, r1 = span_in_raw(a.case, a.file, self.start, self.end, phrase)
        return Expression(a.file, a.article_id, self.sentence_id, r0, r1, phrase, kind)

    def previous(self, pos: int) -> tuple[date | None, str]:
        """Return the day (and part of day) of the last resolved expression before ``pos``."""
        earlier = [(a, e) for a, _, e in self.found if a < pos and e.day and e.kind != "year"]
        if not earlier:
            return self.article.last_day, self.article.last_part
        e = max(earlier, key=lambda t: t[0])[1]
        return e.day, part_of_day(e.expression)


def article_sentences(article: Article) -> list[Sentence]:
    """Return the sentences of an article, in order, ready to be read."""
    sents = article.case.sentences[article.case.sentences["file"] == article.file]
    return [Sentence(article, sid, text, start, end, paragraph=int(par))
            for sid, text, start, end, par in zip(sents["sentence_id"], sents["text"], sents["start"], sents["end"],
                                                  sents["paragraph"])]


def flag_row(e: Expression, kind: str, explanation: str, evidence: str = "") -> dict:
    """Return one row of the flags table for an expression."""
    return {"file": e.file, "article_id": e.article_id, "sentence_id": e.sentence_id, "kind": kind,
            "span": f"{e.start}:{e.end}", "evidence": evidence or e.expression, "explanation": explanation}
