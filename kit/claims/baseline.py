"""A transparent baseline: labels any sentence from cue words, and says which cue decided.

It is deliberately simple, so students can argue with it. Rules are tried in
this order (the table :data:`RULES`) and the first that matches decides:

1. a question mark ends the text: ``speculation`` (a question that guesses);
2. a loaded word (lexicon kinds ``loaded_*``): ``loaded_framing``;
3. a quotation mark or a reporting verb (``reporting_*``): ``attributed_statement``;
4. a future cue (``future``): ``prediction``;
5. a hedge or a conditional (``hedge``, ``conditional``): ``speculation``;
6. an evaluative word or a certainty marker (``opinion``, ``certainty``): ``opinion``;
7. otherwise ``verifiable_fact`` (the cue says whether a number or date was seen).

No model, no download: the words are the kit's lexicon (:mod:`kit.core.lexicon`),
the same words the framing measures count, extended by a case's ``lexicon.csv``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import lexicon
from ..core.case import resolve_case
from .key import claim_key

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

RULES = (
    ("loaded_framing", "loaded word", lexicon.LOADED_KINDS),
    ("attributed_statement", "reporting verb", lexicon.REPORTING_KINDS),
    ("prediction", "future", ("future",)),
    ("speculation", "hedge", ("hedge", "conditional")),
    ("opinion", "evaluative word", ("opinion", "certainty")),
)
"""The cue rules after the question mark, in order: ``(label, cue name, lexicon kinds)``."""
_QUOTES = "“”\"«»"
_NUMBER = re.compile(r"\d")


@lru_cache(maxsize=16)
def _rules(root: str) -> tuple[tuple[str, str, re.Pattern[str] | None], ...]:
    out = []
    for label, cue, kinds in RULES:
        found = lexicon.words(kinds, root or None)
        if label == "attributed_statement":  # "claims", "states": verbs only beside a quotation
            near = lexicon.near_quote_verbs(root or None)
            found = {w: k for w, k in found.items() if w not in near}
        out.append((label, cue, lexicon.word_pattern(found)))
    return tuple(out)


def guess_label(text: str, root: str | Path | None = None) -> tuple[str, str]:
    """Label one sentence or claim from its cue words; return ``(label, cue)``.

    Args:
        text: a sentence or claim.
        root: a case folder whose ``lexicon.csv`` adds words (the kit's words alone when ``None``).

    >>> guess_label("Could Moscow be aiming to avoid overstepping diplomatic protocols?")
    ('speculation', "question mark: '?'")
    >>> guess_label("However, Peskov swiftly debunked these reports.")
    ('loaded_framing', "loaded word: 'swiftly'")
    >>> guess_label("Trump spoke with Putin on Thursday, people familiar with the call said.")
    ('attributed_statement', "reporting verb: 'said'")
    >>> guess_label("Russia launched a record 145 drones.")
    ('verifiable_fact', 'no cue; has a number')
    """
    stripped = text.strip()
    if stripped.rstrip("”\"’'*) ").endswith("?"):
        return "speculation", "question mark: '?'"
    for label, kind, pattern in _rules(str(root or "")):
        if label == "attributed_statement" and any(q in stripped for q in _QUOTES):
            return label, "quotation mark"
        match = pattern.search(stripped) if pattern is not None else None
        if match:
            return label, f"{kind}: {match.group(1)!r}"
    return "verifiable_fact", "no cue; has a number" if _NUMBER.search(stripped) else "no cue (default)"


def guess_sentences(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Label every sentence of a case with the baseline (works on any case, with or without a key).

    Returns:
        A DataFrame with ``file, sentence_id, text, label, cue``.

    >>> guesses = guess_sentences()
    >>> guesses.columns.tolist(), len(guesses) == len(__import__("kit").load_case().sentences)
    (['file', 'sentence_id', 'text', 'label', 'cue'], True)
    """
    import pandas as pd
    loaded = resolve_case(case)
    rows = [(f, sid, text, *guess_label(text, loaded.path)) for f, sid, text in
            zip(loaded.sentences["file"], loaded.sentences["sentence_id"], loaded.sentences["text"])]
    return pd.DataFrame(rows, columns=["file", "sentence_id", "text", "label", "cue"])


def baseline_vs_key(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Put the baseline's label for each claim of the key beside the key's label.

    Returns:
        A DataFrame with ``id, quote, key, baseline, cue, agree``.

    >>> table = baseline_vs_key()
    >>> bool(0.2 < table["agree"].mean() < 0.9)
    True
    """
    loaded = resolve_case(case)
    key = claim_key(loaded)
    out = key[["id", "quote", "label"]].rename(columns={"label": "key"}).copy()
    guesses = [guess_label(q, loaded.path) for q in out["quote"]]
    out["baseline"] = [g[0] for g in guesses]
    out["cue"] = [g[1] for g in guesses]
    out["agree"] = out["key"] == out["baseline"]
    return out.reset_index(drop=True)
