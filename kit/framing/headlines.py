"""Headlines: what kind each is (a question, a quote, a claim) and what it takes for granted.

A headline is the first framing a reader meets. :func:`headline_kind` sorts
it, :func:`presupposition` says by rule what it presupposes or invites the
reader to believe, and :func:`headlines` puts a case's headlines side by side.

>>> headline_kind("Kremlin denies reports of call")
'claim'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..attribution import find_spans
from ..core import lexicon
from ..core.case import resolve_case
from .words import Families, families, family_pattern

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

HEADLINE_KINDS = ("question", "quote", "claim", "none")
"""The kinds of :func:`headline_kind`."""

HEADLINE_WORD_NOTES = {
    "reporting": (("evaluative",), "{w!r} (an evaluative reporting verb) makes the statement, not the event, the news"),
    "loaded": (None, "{w!r} is a loaded word"),
    "epistemic": (("hedge",), "{w!r} marks it as unconfirmed"),
}
"""Family -> (kinds noted, or ``None`` for all; the note): what a headline's words add to its presupposition."""


def _plain(headline: str) -> str:
    return " ".join(headline.replace("**", "").split())


def _first_quote(text: str):
    return next((s for s in find_spans(text, 0, len(text)) if s.end > s.start and not s.problem), None)


def headline_kind(headline: str) -> str:
    """Classify a headline: ``question``, ``quote``, ``claim``, or ``none`` when there is none.

    A question ends with "?"; otherwise a headline with a passage in quotation
    marks is a quote; any other headline is a claim.

    >>> [headline_kind(h) for h in ["Did Trump Really Call Putin?", "‘Pure Fiction’: Kremlin Denies Call",
    ...                             "Kremlin denies reports of call", ""]]
    ['question', 'quote', 'claim', 'none']
    """
    text = _plain(headline)
    if not text:
        return "none"
    if text.rstrip("”\"’')*» ").endswith("?"):
        return "question"
    return "quote" if _first_quote(text) is not None else "claim"


def _alternatives(kind: str) -> str:
    return "|".join(re.escape(w) for w in sorted(lexicon.words(kind), key=len, reverse=True))


def _question_note(text: str) -> str:
    doubt = re.search(r"\b(" + _alternatives("doubt_marker") + r")\b", text, re.I)
    why = re.match(r"^(.*[.!:])\s*(" + _alternatives("motive_question") + r")\?$", text, re.I)
    if doubt:
        return f"a yes/no question with {doubt.group(1)!r} presupposes doubt: it invites the answer no"
    if why:
        return (f"takes {why.group(1).rstrip('.!:')!r} as given and asks {why.group(2).lower()}: "
                "the statement becomes a move whose motive needs explaining")
    if re.match(r"^(" + _alternatives("open_question") + r")\b", text, re.I):
        return "asks why or how, not whether: what it asks about is taken as given"
    return "raises a possibility without asserting it: the reader supplies the answer"


def _quote_note(text: str) -> str:
    span = _first_quote(text)
    words = text[span.start:span.end]
    if span.start <= 1:
        return (f"opens with the words {words!r} before saying who said them: "
                "the speaker's framing becomes the headline's")
    return f"puts the quoted words {words!r} in the headline: the speaker's framing becomes the headline's"


KIND_NOTES = {
    "question": _question_note,
    "quote": _quote_note,
    "claim": lambda text: "states its content as fact",
}
"""Headline kind -> the rule that says what a headline of that kind presupposes."""


def presupposition(headline: str, word_families: Families | None = None) -> str:
    """Say, by rule, what a headline takes for granted or invites the reader to believe.

    Rules: a question with "really" (or "actually", "truly") presupposes doubt;
    a statement followed by "Why?" takes the statement as given and asks for a
    motive; another question raises a possibility without asserting it; a
    quote headline adopts the quoted words as its own; a claim states its
    content as fact. Notes are added for evaluative reporting verbs, loaded
    words and hedges the headline uses (:data:`HEADLINE_WORD_NOTES`).

    Args:
        headline: the headline.
        word_families: the word lists in effect (:func:`kit.framing.words.families`; the kit's when ``None``).

    Returns:
        One sentence (clauses joined by semicolons).

    >>> presupposition("Did Trump Really Call Putin Late Last Week?")
    "a yes/no question with 'Really' presupposes doubt: it invites the answer no"
    """
    text = _plain(headline)
    kind = headline_kind(text)
    if kind == "none":
        return "no headline: the article opens straight into its text"
    word_families = word_families or families(None)
    notes = [KIND_NOTES[kind](text)]
    for family, (kinds, template) in HEADLINE_WORD_NOTES.items():
        word_map = word_families[family]
        pattern = family_pattern(word_map)
        for m in (pattern.finditer(text) if pattern else []):
            if kinds is None or word_map.get(lexicon.key(m.group(1)), ("", ""))[0] in kinds:
                notes.append(template.format(w=m.group(1)))
    return "; ".join(notes)


def headlines(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Put the headlines side by side: their kind and what each presupposes.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, outlet, headline, kind, presupposes, file``
        (the headline from ``metadata.csv``; kind ``none`` when it is empty).

    >>> headlines()[["article_id", "kind"]].values.tolist()
    [['A0', 'question'], ['A1', 'none'], ['A2', 'question'], ['A3', 'claim'], ['A4', 'quote']]
    """
    import pandas as pd

    loaded = resolve_case(case)
    word_families = families(loaded.path)
    rows = [(a.article_id, a.outlet, a.headline, headline_kind(a.headline),
             presupposition(a.headline, word_families), a.file) for a in loaded.articles.itertuples()]
    return pd.DataFrame(rows, columns=["article_id", "outlet", "headline", "kind", "presupposes", "file"])
