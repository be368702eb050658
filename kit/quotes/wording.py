"""The words of a quote, for comparing renderings: normalised text, content words, fuzzy scores.

Texts are compared after :func:`clean_quote`: case, punctuation and quotation
marks dropped, markdown links unwrapped (``[pure fiction](#)`` counts as
``pure fiction``). Words too common to tell quotations apart are the
lexicon's ``stopword`` kind. The two fuzzy thresholds, shared by the grouping
step (:mod:`.grouping`) and the grades (:mod:`.fidelity`), are rapidfuzz
scores from 0 to 100:

* ``ALTERED`` = 65: ``partial_ratio``, the share of characters of the
  best-aligned stretch that agree; at or above it, two renderings are the same
  statement with words changed ("simply fake news" / "simply false information");
* ``PARAPHRASE`` = 80: ``token_set_ratio`` with at least two shared content
  words; only the vocabulary agrees.

>>> clean_quote("[Pure fiction](#), simply “fake news.”")
'pure fiction simply fake news'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..core import lexicon

ALTERED = 65
"""``partial_ratio`` at or above which a rendering is the same statement with words changed (``reworded``)."""

PARAPHRASE = 80
"""``token_set_ratio`` at or above which (with two shared content words) only the vocabulary agrees."""

LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
"""A markdown link; group 1 is its text."""

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z0-9]+)*")
_STOPWORDS = frozenset(lexicon.words("stopword"))


def clean_quote(text: str) -> str:
    """Normalise a quote for comparison: links unwrapped, case, marks and punctuation dropped.

    >>> clean_quote("[**Pure Fiction**](#), simply “fake news.”")
    'pure fiction simply fake news'
    """
    text = unlink(text).replace("’", "'")
    return " ".join(_TOKEN.findall(text.lower()))


def unlink(text: str) -> str:
    """Replace each markdown link by its text.

    >>> unlink("called it [pure fiction](#) on Monday")
    'called it pure fiction on Monday'
    """
    return LINK.sub(r"\1", text)


def content_words(tokens: list[str]) -> set[str]:
    """The words of a cleaned text that can tell quotations apart (no stopwords, three letters or more).

    >>> sorted(content_words("it is pure fiction".split()))
    ['fiction', 'pure']
    """
    return {t for t in tokens if t not in _STOPWORDS and len(t) > 2}


@lru_cache(maxsize=1)
def fuzz():
    """rapidfuzz's ``fuzz`` module, imported on first use (``import kit`` stays light).

    >>> fuzz().partial_ratio("pure fiction", "it is pure fiction")
    100.0
    """
    from rapidfuzz import fuzz as module

    return module


def shares_vocabulary(a: str, b: str) -> tuple[bool, float]:
    """Whether only the vocabulary of two cleaned texts agrees (``PARAPHRASE`` rule), and the score.

    >>> shares_vocabulary("talks resumed at the border", "at the border the talks resumed")
    (True, 100.0)
    """
    shared = content_words(a.split()) & content_words(b.split())
    score = fuzz().token_set_ratio(a, b)
    return score >= PARAPHRASE and len(shared) >= 2, round(score, 1)
