"""Read a case article by article, sentence by sentence, and resolve every temporal expression.

>>> t = timeline()
>>> row = t[(t["article_id"] == "A0") & (t["expression"] == "the day after the report")].iloc[0]
>>> row["resolved"], row["confidence"]
('2024-11-11', 'high')
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.case import resolve_case
from .clock import join_split_times
from .context import load_context
from .model import Expression, Sentence, article_sentences, fmt_days, part_of_day
from .reference import read_articles
from .rules import apply_rules

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

TIMELINE_COLUMNS = ["file", "article_id", "sentence_id", "span", "expression", "kind", "resolved", "basis", "confidence",
                    "utc", "duration"]
"""The columns of :func:`timeline`."""


def finish_sentence(s: Sentence) -> list[Expression]:
    """Return a sentence's expressions in text order, formatted, and move the article's last day on."""
    a = s.article
    out = []
    for _, _, e in sorted(s.found, key=lambda t: t[0]):
        if not e.resolved:
            e.resolved = fmt_days(e.day, e.until)
        if e.day and e.kind != "year":
            a.last_day = e.day
            a.last_part = part_of_day(e.expression) or (a.last_part if e.kind == "clock time" else "")
        if not e.basis:
            e.basis = "not resolved"
        out.append(e)
    return out


def resolve_expressions(case: Case | str | Path | None = None) -> list[Expression]:
    """Find and resolve every temporal expression of a case (the rules of :mod:`kit.dates.rules`)."""
    loaded = resolve_case(case)
    ctx = load_context(loaded)
    out: list[Expression] = []
    for article in read_articles(loaded, ctx):
        for sentence in join_split_times(article_sentences(article)):
            apply_rules(sentence)
            out += finish_sentence(sentence)
    return out


def timeline(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Every temporal expression of a case with its resolution, basis and confidence.

    Returns:
        A DataFrame with ``file, article_id, sentence_id, span`` (raw character
        offsets ``start:end``), ``expression, kind, resolved`` (ISO date, date
        range ``start/end``, or a clock time's local date-time with its offset),
        ``basis, confidence``, ``utc`` (a clock time's instant in UTC,
        ``YYYY-MM-DDTHH:MMZ``) and ``duration`` (ISO 8601, e.g. ``PT3H``, of a
        duration or of an amount counted from an anchor).

    >>> t = timeline()
    >>> t.set_index(["sentence_id", "expression"]).loc[("A2.S13", "on Thursday"), "resolved"]
    '2024-11-07'
    """
    import pandas as pd

    rows = [
        {"file": e.file, "article_id": e.article_id, "sentence_id": e.sentence_id, "span": f"{e.start}:{e.end}",
         "expression": e.expression, "kind": e.kind, "resolved": e.resolved, "basis": e.basis, "confidence": e.confidence,
         "utc": e.utc, "duration": e.duration}
        for e in resolve_expressions(case)
    ]
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
