"""A transparent baseline: labels any sentence from cue words, and says which cue decided.

It is deliberately simple, so students can argue with it. Rules are tried in
this order and the first that matches decides:

1. a question mark ends the text: ``speculation`` (a question that guesses);
2. a loaded word from ``LOADED``: ``loaded_framing``;
3. a quotation mark or a reporting verb from ``REPORTING``: ``attributed_statement``;
4. a future cue from ``FUTURE``: ``prediction``;
5. a hedge from ``HEDGES``: ``speculation``;
6. an evaluative word from ``EVALUATIVE``: ``opinion``;
7. otherwise ``verifiable_fact`` (the cue says whether a number or date was seen).

No model, no download: the word lists below are the whole classifier.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from .core.case import resolve_case

if TYPE_CHECKING:
    import pandas as pd

    from .core.case import Case

LOADED = (
    "debunked", "so-called", "propagandist", "propagandists", "fake news", "smokescreen", "smokescreens",
    "gleeful", "humiliating", "fabricated", "lying", "deception", "swiftly", "bold", "staunchly",
    "provocative", "semi-nude", "ruse", "feigned", "psychological warfare", "alarming", "regime",
)
REPORTING = (
    "said", "says", "say", "told", "stated", "stating", "according to", "claimed", "claims", "claiming",
    "remarked", "emphasized", "emphasizing", "warned", "added", "insisted", "denied", "denies", "dismissed",
    "argued", "argues", "noted", "reported", "announced", "citing", "labeling", "calling", "called it",
    "suggested", "responded", "urged", "refuted",
)
FUTURE = ("will", "won't", "’ll", "'ll", "going to", "expected to", "is set to", "in the days to come",
          "likely to", "unlikely to", "looking forward")
HEDGES = ("may", "might", "could", "perhaps", "possibly", "probably", "likely", "unlikely", "seem", "seems",
          "appears", "suggests", "speculated", "would", "if", "whether")
EVALUATIVE = ("should", "must", "important", "essential", "valid", "aptly", "credible", "unrealistic",
              "certainly", "clearly", "obviously", "noteworthy", "dangerous", "critical", "complex",
              "worrying", "unwavering", "courage")
_QUOTES = "“”\"«»"
_NUMBER = re.compile(r"\d")


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted(words, key=len, reverse=True)
    # Contractions ("’ll") attach to the word before them; other cues must stand alone.
    parts = [re.escape(w) if w[0] in "’'" else r"(?<![\w’'-])" + re.escape(w) for w in alternatives]
    return re.compile("(" + "|".join(parts) + r")(?![\w-])", re.I)


_RULES = (
    ("loaded_framing", "loaded word", _pattern(LOADED)),
    ("attributed_statement", "reporting verb", _pattern(REPORTING)),
    ("prediction", "future", _pattern(FUTURE)),
    ("speculation", "hedge", _pattern(HEDGES)),
    ("opinion", "evaluative word", _pattern(EVALUATIVE)),
)


def guess_label(text: str) -> tuple[str, str]:
    """Label one sentence or claim from its cue words; return ``(label, cue)``.

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
    for label, kind, pattern in _RULES:
        if label == "attributed_statement" and any(q in stripped for q in _QUOTES):
            return label, "quotation mark"
        match = pattern.search(stripped)
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
    rows = [(f, sid, text, *guess_label(text)) for f, sid, text in
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
    from .claims import claim_key

    key = claim_key(case)
    out = key[["id", "quote", "label"]].rename(columns={"label": "key"}).copy()
    guesses = [guess_label(q) for q in out["quote"]]
    out["baseline"] = [g[0] for g in guesses]
    out["cue"] = [g[1] for g in guesses]
    out["agree"] = out["key"] == out["baseline"]
    return out.reset_index(drop=True)
