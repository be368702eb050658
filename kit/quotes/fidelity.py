"""Lesson 02, step 3: grade each rendering of a statement against one stated reference rendering.

A statement (renderings grouped by :mod:`.grouping`) is graded against one
**reference rendering**, chosen by the first rule of :data:`REFERENCE_RULES`
that applies; the rule and its reason are given in words (``reference_basis``):

1. **one article**: a statement rendered in one article only; its fullest
   rendering ("rendered in A1 only; A1.Q3 is its fullest rendering");
2. **earliest dated**: every article rendering it has a ``published`` date
   and one is strictly earliest; that article's fullest rendering
   ("earliest dated: A2 (2024-11-11)");
3. **shared wording**: the fullest rendering (most words) that contains the
   wording most articles share: the word sequence of at least two words
   found in the renderings of the most articles (the longest such sequence;
   the fullest rendering overall when no two articles share two words in a row).

Each rendering is then graded against the reference alone, after
:func:`.wording.clean_quote`, by the first rule of :data:`GRADE_RULES` that holds
(so an unchanged rendering is never graded by what another outlet did):

=========== =====================================================================
reference   it is the reference (of a statement rendered in several articles)
unique      no other article renders the statement, and it is not an excerpt
            of the reference (the reference itself is ``unique`` too)
verbatim    the same words as the reference
truncated   its words are one contiguous stretch of the reference's words,
            at least two words, shorter: a shorter rendering inside a longer
            one is a truncation
extended    the reference's words are one contiguous stretch of its words,
            with more around them (only when the rule chose a shorter reference,
            e.g. the earliest article quoted an excerpt)
fused       two or more separate stretches of the reference, each of at least
            two words, joined in order with at most ``MAX_CONNECTING`` = 2
            connecting words added in all (e.g. the middle dropped); at each
            join more words are left out than added (a word swapped for a
            word is ``reworded``)
reworded    aligned with the reference, words changed: rapidfuzz
            ``partial_ratio`` ≥ ``ALTERED`` = 65 ("simply fake news" ->
            "simply false information")
paraphrase  only the vocabulary agrees: ``token_set_ratio`` ≥ ``PARAPHRASE`` =
            80 with at least two shared content words; or anything else the
            grouping joined to the statement (through another rendering)
=========== =====================================================================

A rendering whose words differ from the reference is never ``verbatim``.
:func:`diff_text` says in a line what changed against the reference.

>>> refs = [Rendering("A1.Q1", "A1", "it is pure fiction simply fake news"),
...         Rendering("A2.Q1", "A2", "pure fiction"), Rendering("A3.Q1", "A3", "pure fiction simply false news")]
>>> choose_reference(refs)
(0, "no article is dated earliest (undated: A1, A2, A3); A1.Q1 is the fullest rendering and contains 'pure fiction', the words 3 of 3 articles share")
>>> [grade_rendering(Comparison(r.text, refs[0].text, i == 0, 3)) for i, r in enumerate(refs)]
['reference', 'truncated', 'reworded']
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .wording import ALTERED, clean_quote, fuzz, shares_vocabulary, unlink

if TYPE_CHECKING:
    import pandas as pd

MAX_CONNECTING = 2
"""Words a ``fused`` rendering may add to join the stretches of the reference it keeps."""

DIFF_WORDS = 8
"""Longest piece of text :func:`diff_text` quotes in full; longer ones keep their first and last words."""


class Rendering(NamedTuple):
    """One rendering of a statement: quote id, article id, cleaned text, the article's date (or ``None``)."""

    quote_id: str
    article_id: str
    text: str
    published: date | None = None


# --- choosing the reference ------------------------------------------------------------------


def fullest(renderings: list[Rendering], among: list[int] | None = None) -> int:
    """Index of the fullest rendering (most words, then most characters, then first).

    >>> fullest([Rendering("A1.Q1", "A1", "pure fiction"), Rendering("A2.Q1", "A2", "it is pure fiction")])
    1
    """
    among = list(range(len(renderings))) if among is None else among
    return max(among, key=lambda i: (len(renderings[i].text.split()), len(renderings[i].text), -i))


def one_article(renderings: list[Rendering]) -> tuple[int, str] | None:
    """Rule 1: a statement rendered in one article only; its fullest rendering.

    >>> one_article([Rendering("A1.Q1", "A1", "fair use"), Rendering("A1.Q2", "A1", "fair use of it")])
    (1, 'rendered in A1 only; A1.Q2 is its fullest rendering')
    """
    articles = {r.article_id for r in renderings}
    if len(articles) != 1:
        return None
    best = fullest(renderings)
    return best, f"rendered in {renderings[best].article_id} only; {renderings[best].quote_id} is its fullest rendering"


def earliest_dated(renderings: list[Rendering]) -> tuple[int, str] | None:
    """Rule 2: every article is dated and one is strictly earliest; its fullest rendering.

    >>> earliest_dated([Rendering("A1.Q1", "A1", "pure fiction", date(2024, 11, 12)),
    ...                 Rendering("A2.Q1", "A2", "it is pure fiction", date(2024, 11, 11))])
    (1, 'earliest dated: A2 (2024-11-11)')
    """
    dates = {r.article_id: r.published for r in renderings}
    if any(d is None for d in dates.values()):
        return None
    first = min(dates.values())
    earliest = [a for a, d in dates.items() if d == first]
    if len(earliest) != 1:
        return None
    rows = [i for i, r in enumerate(renderings) if r.article_id == earliest[0]]
    best = fullest(renderings, rows)
    basis = f"earliest dated: {earliest[0]} ({first.isoformat()})"
    return best, basis + (f"; {renderings[best].quote_id} is its fullest rendering" if len(rows) > 1 else "")


def shared_wording(renderings: list[Rendering]) -> tuple[int, str]:
    """Rule 3: the fullest rendering containing the word sequence most articles share.

    >>> shared_wording([Rendering("A1.Q1", "A1", "pure fiction"), Rendering("A2.Q1", "A2", "it is pure fiction"),
    ...                 Rendering("A3.Q1", "A3", "it was simply fake news said he")])
    (1, "A2.Q1 is the fullest rendering and contains 'pure fiction', the words 2 of 3 articles share")
    """
    phrases, count = most_shared_phrases(renderings)
    articles = len({r.article_id for r in renderings})
    containing = [i for i, r in enumerate(renderings) if any(f" {p} " in f" {r.text} " for p in phrases)]
    if not containing:
        best = fullest(renderings)
        return best, f"no two articles share two words in a row; {renderings[best].quote_id} is the fullest rendering"
    best = fullest(renderings, containing)
    phrase = next(p for p in phrases if f" {p} " in f" {renderings[best].text} ")
    return best, (f"{renderings[best].quote_id} is the fullest rendering and contains '{phrase}', "
                  f"the words {count} of {articles} articles share")


def most_shared_phrases(renderings: list[Rendering]) -> tuple[list[str], int]:
    """The longest word sequences (at least two words) found in the most articles, and that number of articles.

    Sequences are grown a word at a time from the word pairs found in the
    most articles (a longer sequence is in no more articles than its pairs),
    so the work stays small. No sequence when no two articles share a pair.

    >>> most_shared_phrases([Rendering("A1.Q1", "A1", "it is pure fiction"), Rendering("A2.Q1", "A2", "is pure fiction"),
    ...                      Rendering("A3.Q1", "A3", "pure fiction")])
    (['pure fiction'], 3)
    """
    words = [r.text.split() for r in renderings]
    level = _article_counts(renderings, words, 2, None)
    top = max(level.values(), default=0)
    if top < 2:
        return [], top
    found = [g for g, c in level.items() if c == top]
    n = 2
    while found:
        best, n = found, n + 1
        counts = _article_counts(renderings, words, n, set(found))
        found = [g for g, c in counts.items() if c == top]
    return [" ".join(g) for g in best], top


def _article_counts(renderings, words, n: int, shorter: set | None) -> dict[tuple[str, ...], int]:
    """In how many articles each ``n``-word sequence occurs (only those whose two ``n-1`` parts are in ``shorter``)."""
    seen: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for r, tokens in zip(renderings, words):
        for k in range(len(tokens) - n + 1):
            gram = tuple(tokens[k : k + n])
            if shorter is None or (gram[:-1] in shorter and gram[1:] in shorter):
                seen[gram].add(r.article_id)
    return {g: len(a) for g, a in seen.items()}


REFERENCE_RULES: list[tuple[str, Callable[[list[Rendering]], tuple[int, str] | None]]] = [
    ("one article", one_article),
    ("earliest dated", earliest_dated),
    ("shared wording", shared_wording),
]
"""How a statement's reference rendering is chosen: the first rule that returns ``(index, basis)``."""


def choose_reference(renderings: list[Rendering]) -> tuple[int, str]:
    """Choose a statement's reference rendering: ``(index, basis in words)`` by :data:`REFERENCE_RULES`.

    When the earliest-dated rule does not apply, the basis says why before the shared-wording reason.

    >>> choose_reference([Rendering("A1.Q1", "A1", "no deal", date(2025, 2, 3)),
    ...                   Rendering("A2.Q1", "A2", "no deal today", date(2025, 2, 4))])
    (0, 'earliest dated: A1 (2025-02-03)')
    """
    for name, rule in REFERENCE_RULES:
        chosen = rule(renderings)
        if chosen is not None:
            if name == "shared wording":
                return chosen[0], f"{why_not_dated(renderings)}; {chosen[1]}"
            return chosen
    raise AssertionError("the shared-wording rule always chooses")  # pragma: no cover


def why_not_dated(renderings: list[Rendering]) -> str:
    """Why no rendering is dated earliest: which articles lack a date, or which share the earliest.

    >>> why_not_dated([Rendering("A1.Q1", "A1", "x y", date(2025, 2, 3)), Rendering("A2.Q1", "A2", "x y", date(2025, 2, 3))])
    'no article is dated earliest (A1 and A2 share the earliest date, 2025-02-03)'
    """
    dates = {r.article_id: r.published for r in renderings}
    undated = sorted(a for a, d in dates.items() if d is None)
    if undated:
        return f"no article is dated earliest (undated: {', '.join(undated)})"
    first = min(dates.values())
    tied = sorted(a for a, d in dates.items() if d == first)
    return f"no article is dated earliest ({', '.join(tied[:-1])} and {tied[-1]} share the earliest date, {first.isoformat()})"


# --- grading against the reference ------------------------------------------------------------


class Comparison(NamedTuple):
    """A cleaned rendering, its statement's cleaned reference, whether it is the reference, and the articles."""

    text: str
    reference: str
    is_reference: bool
    articles: int


def is_excerpt(short: str, long_: str) -> bool:
    """Whether ``short``'s words are one contiguous stretch of ``long_``'s words (two words or more, fewer).

    >>> is_excerpt("pure fiction", "it is pure fiction"), is_excerpt("fiction", "it is pure fiction")
    (True, False)
    """
    n = len(short.split())
    return 2 <= n < len(long_.split()) and f" {short} " in f" {long_} "


def is_reference(c: Comparison) -> bool:
    """The rendering is the reference of a statement rendered in several articles."""
    return c.is_reference and c.articles > 1


def is_unique(c: Comparison) -> bool:
    """No other article renders the statement, and the rendering is not an excerpt of the reference."""
    return c.articles <= 1 and not is_excerpt(c.text, c.reference)


def is_verbatim(c: Comparison) -> bool:
    """The same words as the reference."""
    return c.text == c.reference


def is_truncated(c: Comparison) -> bool:
    """Its words are one contiguous, shorter stretch of the reference's words."""
    return is_excerpt(c.text, c.reference)


def is_extended(c: Comparison) -> bool:
    """The reference's words are one contiguous stretch of its words, with more around them."""
    return is_excerpt(c.reference, c.text)


def is_fused(c: Comparison) -> bool:
    """Two or more separate stretches of the reference (two words or more each), in order, joined by ≤ 2 added words.

    At each join more words of the reference are left out than are added.

    >>> is_fused(Comparison("it is untrue and fake news", "it is untrue it is pure fiction simply fake news", False, 2))
    True
    >>> is_fused(Comparison("it is pure fiction simply false news", "it is pure fiction simply fake news", False, 2))
    False
    """
    words, ref = c.text.split(), c.reference.split()
    matcher = difflib.SequenceMatcher(a=words, b=ref, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 2]
    if len(blocks) < 2 or blocks[0].a != 0 or blocks[-1].a + blocks[-1].size != len(words):
        return False
    pairs = list(zip(blocks, blocks[1:]))
    added = [after.a - (before.a + before.size) for before, after in pairs]
    dropped = [after.b - (before.b + before.size) for before, after in pairs]
    # at each junction more is left out than added: a word swapped for a word is a rewording, not a fusion
    return all(d > a for a, d in zip(added, dropped)) and sum(added) <= MAX_CONNECTING


def is_reworded(c: Comparison) -> bool:
    """Aligned with the reference with words changed: ``partial_ratio`` ≥ ``ALTERED``."""
    return fuzz().partial_ratio(c.text, c.reference) >= ALTERED


def is_paraphrase(c: Comparison) -> bool:
    """Only the vocabulary agrees (the ``PARAPHRASE`` rule)."""
    return shares_vocabulary(c.text, c.reference)[0]


def joined_by_grouping(c: Comparison) -> bool:
    """Anything else: the grouping step joined it to the statement, through another rendering."""
    return True


GRADE_RULES: list[tuple[str, Callable[[Comparison], bool]]] = [
    ("reference", is_reference),
    ("unique", is_unique),
    ("verbatim", is_verbatim),
    ("truncated", is_truncated),
    ("extended", is_extended),
    ("fused", is_fused),
    ("reworded", is_reworded),
    ("paraphrase", is_paraphrase),
    ("paraphrase", joined_by_grouping),
]
"""How a rendering is graded against its reference: the first rule that holds (see the module docstring)."""

GRADES = list(dict.fromkeys(g for g, _ in GRADE_RULES))
"""Every grade, in the order of :data:`GRADE_RULES`."""


def grade_rendering(c: Comparison) -> str:
    """Grade a cleaned rendering against its reference by :data:`GRADE_RULES`.

    >>> grade_rendering(Comparison("pure fiction simply false news", "it is pure fiction simply fake news", False, 3))
    'reworded'
    >>> grade_rendering(Comparison("fair use", "fair use", False, 1))
    'unique'
    """
    return next(name for name, holds in GRADE_RULES if holds(c))


def reference_score(c: Comparison, match: str) -> float:
    """How closely a rendering aligns with its reference: ``partial_ratio`` (0 for ``unique``).

    >>> reference_score(Comparison("pure fiction", "it is pure fiction", False, 2), "truncated")
    100.0
    """
    return 0.0 if match == "unique" else round(fuzz().partial_ratio(c.text, c.reference), 1)


# --- what changed ------------------------------------------------------------------------------


def word_changes(a: str, b: str) -> list[tuple[str, str, str]]:
    """Word-by-word changes from ``a`` to ``b``: ``(change, words of a, words of b)`` (words compared cleaned).

    >>> word_changes("simply fake news", "simply false information")
    [('same', 'simply', 'simply'), ('changed', 'fake news', 'false information')]
    """
    left, right = a.split(), b.split()
    ops = {"equal": "same", "replace": "changed", "delete": "left out", "insert": "added"}
    matcher = difflib.SequenceMatcher(a=[clean_quote(w) for w in left], b=[clean_quote(w) for w in right], autojunk=False)
    return [(ops[tag], " ".join(left[i1:i2]), " ".join(right[j1:j2])) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def word_diff(a: str, b: str) -> pd.DataFrame:
    """Put two renderings side by side, word by word: what is the same, changed, left out or added.

    >>> word_diff("It is pure fiction, simply fake news", "simply false information").values.tolist()
    [['left out', 'It is pure fiction,', ''], ['same', 'simply', 'simply'], ['changed', 'fake news', 'false information']]
    """
    import pandas as pd

    return pd.DataFrame(word_changes(a, b), columns=["change", "first", "second"])


def shorten(text: str, limit: int = DIFF_WORDS) -> str:
    """Quote a piece of text in full up to ``limit`` words; longer, its first four and last three words.

    >>> shorten("one two three four five six seven eight nine")
    'one two three four … seven eight nine'
    """
    words = text.split()
    return text if len(words) <= limit else " ".join(words[:4] + ["…"] + words[-3:])


def best_window(reference: list[str], rendering: list[str]) -> tuple[int, int]:
    """The stretch of the reference's words a shorter rendering lines up with, word by word: ``(start, end)``.

    Each stretch as long as the rendering is scored by the similarity of the
    words in the same places (rapidfuzz ``ratio``, summed); the best, then the first, wins.

    >>> best_window("it is pure fiction simply fake news".split(), "simply false information".split())
    (4, 7)
    """
    n = len(rendering)
    if n >= len(reference):
        return 0, len(reference)
    ratio = fuzz().ratio
    mine = [clean_quote(w) for w in rendering]
    theirs = [clean_quote(w) for w in reference]
    scores = [sum(ratio(a, b) for a, b in zip(mine, theirs[s : s + n])) for s in range(len(reference) - n + 1)]
    start = max(range(len(scores)), key=lambda s: (scores[s], -s))
    return start, start + n


def aligned_changes(reference: str, rendering: str) -> list[tuple[str, str, str]]:
    """Word changes against the stretch of the reference a shorter rendering lines up with; the rest left out.

    >>> aligned_changes("it is pure fiction simply fake news", "simply false information")
    [('left out', 'it is pure fiction', ''), ('same', 'simply', 'simply'), ('changed', 'fake news', 'false information')]
    >>> aligned_changes("we did not overpay", "we did overpay")
    [('same', 'we did', 'we did'), ('left out', 'not', ''), ('same', 'overpay', 'overpay')]
    """
    words = reference.split()
    if len(rendering.split()) >= len(words) - MAX_CONNECTING:  # about as long: a word dropped is not a shift
        return word_changes(reference, rendering)
    start, end = best_window(words, rendering.split())
    around = [("left out", " ".join(words[:start]), "")] if start else []
    around_end = [("left out", " ".join(words[end:]), "")] if end < len(words) else []
    merged: list[tuple[str, str, str]] = []
    for change in around + word_changes(" ".join(words[start:end]), rendering) + around_end:
        if merged and change[0] == "left out" == merged[-1][0]:
            merged[-1] = ("left out", f"{merged[-1][1]} {change[1]}", "")
        else:
            merged.append(change)
    return merged


DIFF_PHRASES: dict[str, Callable[[str, str], str]] = {
    "left out": lambda first, second: f"left out: '{shorten(first)}'",
    "added": lambda first, second: f"added: '{shorten(second)}'",
    "changed": lambda first, second: f"changed: '{shorten(first)}' → '{shorten(second)}'",
}
"""How :func:`diff_text` words each kind of change (``same`` is not mentioned)."""


def diff_text(reference: str, rendering: str, aligned: bool = False) -> str:
    """The changes of a rendering against its reference, in a line (empty when the words are the same).

    With ``aligned`` (for ``reworded`` and ``paraphrase``), a shorter rendering is compared with the
    stretch of the reference it lines up with (:func:`aligned_changes`).

    >>> diff_text("It is absolutely untrue. It is pure fiction, simply fake news", "It is pure fiction, simply false information")
    "left out: 'It is absolutely untrue.' · changed: 'fake news' → 'false information'"
    """
    changes = (aligned_changes if aligned else word_changes)(unlink(reference), unlink(rendering))
    return " · ".join(DIFF_PHRASES[change](first, second) for change, first, second in changes if change in DIFF_PHRASES)
