"""Lesson 02, step 2: group renderings of the same statement across articles and grade each.

Texts are compared after normalising case, punctuation, quotation marks and
markdown links (``[pure fiction](#)`` counts as ``pure fiction``):

============ =====================================================================
verbatim     the same words, or a word-for-word excerpt of another rendering
             (rapidfuzz ``partial_ratio`` = 100, at least two words; one-word
             quotes only when identical)
altered      the best-aligned stretch of the other rendering shares at least
             ``ALTERED`` = 65% of its characters (``partial_ratio`` ≥ 65):
             same statement, words changed ("simply fake news" / "simply false
             information")
paraphrase   only the vocabulary agrees: ``token_set_ratio`` ≥ ``PARAPHRASE`` =
             80 with at least two shared content words
unique       no rendering of this statement in another article
============ =====================================================================

Candidates are found through an index (each text is compared only with
groups that share index keys with it: word pairs, and for short quotes of
up to three content words also single words; keys shared by more than
``MAX_POSTING`` groups are too common to count). A candidate must share at
least 30% of the shorter text's content words. So the work grows with the
number of quotes, not with its square (``benchmarks/quote_grouping.py``).
Words too common to tell quotations apart are the lexicon's ``stopword`` kind.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import lexicon
from .extract import extract_quotes

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

ALTERED = 65
PARAPHRASE = 80
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z0-9]+)*")
_STOPWORDS = frozenset(lexicon.words("stopword"))


def clean_quote(text: str) -> str:
    """Normalise a quote for comparison: links unwrapped, case, marks and punctuation dropped.

    >>> clean_quote("[**Pure Fiction**](#), simply “fake news.”")
    'pure fiction simply fake news'
    """
    text = _LINK.sub(r"\1", text).replace("’", "'")
    return " ".join(_TOKEN.findall(text.lower()))


MAX_POSTING = 12
"""Index keys shared by more groups than this are skipped when looking for candidates."""


def _keys(text: str) -> set[str]:
    """Index keys of a cleaned text: its content words and its word pairs.

    >>> sorted(_keys("it is pure fiction"))
    ['fiction', 'is pure', 'it is', 'pure', 'pure fiction']
    """
    tokens = text.split()
    return _content(tokens) | {f"{a} {b}" for a, b in zip(tokens, tokens[1:])}


def _content(tokens: list[str]) -> set[str]:
    return {t for t in tokens if t not in _STOPWORDS and len(t) > 2}


def similarity(a: str, b: str) -> tuple[str, float]:
    """Grade one cleaned rendering against another: ``(grade, score)`` using the thresholds above.

    >>> similarity("pure fiction", "it is pure fiction simply fake news")
    ('verbatim', 100.0)
    >>> similarity("simply false information", "quality of information it is pure fiction simply fake news")[0]
    'altered'
    >>> similarity("strong", "strong leadership")[0]
    'none'
    """
    fuzz = _fuzz()
    if not a or not b:
        return "none", 0.0
    if a == b:
        return "verbatim", 100.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short.split()) < 2:
        return "none", 0.0
    partial = fuzz.partial_ratio(short, long_)
    if partial == 100 and f" {short} " in f" {long_} ":
        return "verbatim", 100.0
    if partial >= ALTERED:
        return "altered", round(partial, 1)
    shared = _content(short.split()) & _content(long_.split())
    token_set = fuzz.token_set_ratio(short, long_)
    if token_set >= PARAPHRASE and len(shared) >= 2:
        return "paraphrase", round(token_set, 1)
    return "none", round(max(partial, token_set), 1)


@lru_cache(maxsize=1)
def _fuzz():
    from rapidfuzz import fuzz  # imported on first use: `import kit` stays light

    return fuzz


_RANK = {"verbatim": 3, "altered": 2, "paraphrase": 1, "none": 0}


def group_quotes(quotes: pd.DataFrame) -> pd.DataFrame:
    """Group renderings of the same statement and grade each against other articles' renderings.

    Args:
        quotes: a table like :func:`extract_quotes` returns (``quote_id``, ``article_id``, ``text``).

    Returns:
        The table with ``statement_id`` (``S1``, ``S2``... in order of first
        appearance), ``match`` (verbatim, altered, paraphrase or unique),
        ``closest`` (the quote id it matches best in another article) and ``score``.

    >>> import pandas as pd
    >>> q = pd.DataFrame({"quote_id": ["A1.Q1", "A2.Q1", "A3.Q1"], "article_id": ["A1", "A2", "A3"],
    ...                   "text": ["The quality of information. It is pure fiction, simply fake news",
    ...                            "simply false information", "strong"]})
    >>> group_quotes(q)[["statement_id", "match", "closest"]].values.tolist()
    [['S1', 'altered', 'A2.Q1'], ['S1', 'altered', 'A1.Q1'], ['S2', 'unique', '']]
    """
    cleaned = [clean_quote(t) for t in quotes["text"]]
    groups = _TextGroups()
    for text in cleaned:
        groups.add(text)
    statement = _statement_ids(cleaned, groups.final())
    match, closest, score = _grade_renderings(cleaned, list(quotes["article_id"]), list(quotes["quote_id"]), statement)
    out = quotes.copy()
    out["statement_id"], out["match"], out["closest"], out["score"] = statement, match, closest, score
    return out


class _TextGroups:
    """Distinct texts grouped by statement (union-find over groups).

    Each new text is compared with the groups that share index keys with it
    (at most 25 of them, five texts each); it joins, and merges, every group it matches.
    """

    def __init__(self) -> None:
        self.text_group: dict[str, int] = {}
        self.members: list[list[str]] = []
        self.parent: list[int] = []
        self.shortest: list[int] = []  # content words of each group's shortest text
        self.index: dict[str, set[int]] = defaultdict(set)

    def find(self, g: int) -> int:
        while self.parent[g] != g:
            self.parent[g] = self.parent[self.parent[g]]
            g = self.parent[g]
        return g

    def _candidates(self, words: set[str], content: int) -> list[int]:
        # a long quote looks up groups by its word pairs (specific); a short one by its words too
        lookup = words if content <= 3 else {w for w in words if " " in w}
        counts: dict[int, int] = defaultdict(int)
        for w in lookup:
            posting = self.index[w]
            if len(posting) > MAX_POSTING:  # too common to tell statements apart
                continue
            for g in {self.find(g) for g in posting}:
                counts[g] += 1
        # one or two shared words are chance between long quotes; renderings of one statement
        # share more (measured on the shorter of the two: a short quote may be an excerpt)
        candidates = [(g, c) for g, c in counts.items()
                      if c >= (1 if min(content, self.shortest[g]) <= 2 else max(2, round(0.3 * min(content, self.shortest[g]))))]
        return [g for g, _ in sorted(candidates, key=lambda kv: (-kv[1], kv[0]))[:25]]

    def add(self, text: str) -> None:
        if text in self.text_group or not text:
            return
        words = _keys(text)
        content = len(_content(text.split()))
        matched = [g for g in self._candidates(words, content)
                   if any(_RANK[similarity(text, other)[0]] >= 1 for other in self.members[g][:5])]
        if matched:
            home = min(matched)
            for g in matched:
                if g != home:
                    self.parent[g] = home
                    self.members[home].extend(self.members[g])
                    self.shortest[home] = min(self.shortest[home], self.shortest[g])
        else:
            home = len(self.members)
            self.members.append([])
            self.parent.append(home)
            self.shortest.append(content)
        self.shortest[home] = min(self.shortest[home], content)
        self.members[home].append(text)
        self.text_group[text] = home
        for w in words:
            self.index[w].add(home)

    def final(self) -> dict[str, int]:
        return {t: self.find(g) for t, g in self.text_group.items()}


def _statement_ids(cleaned: list[str], text_group: dict[str, int]) -> list[str]:
    """Statement ids ``S1, S2...`` in order of first appearance (an empty quote is its own statement)."""
    order: dict[int, str] = {}
    statement = []
    for i, text in enumerate(cleaned):
        g = text_group.get(text, -1 - i)
        if g not in order:
            order[g] = f"S{len(order) + 1}"
        statement.append(order[g])
    return statement


def _grade_renderings(cleaned: list[str], articles: list[str], ids: list[str], statement: list[str]):
    """Grade each rendering against its statement's renderings in other articles: ``(match, closest, score)``.

    Each pair of distinct texts is compared once (at most 50 texts per statement).
    """
    by_statement: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statement):
        by_statement[s].append(i)
    match, closest, score = ["unique"] * len(ids), [""] * len(ids), [0.0] * len(ids)
    pairs: dict[tuple[str, str], tuple[str, float, int]] = {}
    for rows in by_statement.values():
        texts: dict[str, list[int]] = defaultdict(list)
        for i in rows:
            texts[cleaned[i]].append(i)
        for i in rows:
            best, best_key = ("unique", "", 0.0), (0, -1, 0.0)
            for other in list(texts)[:50]:
                elsewhere = [j for j in texts[other] if articles[j] != articles[i]]
                if not elsewhere:
                    continue
                grade, value, shared = _pair(cleaned[i], other, pairs)
                if (_RANK[grade], shared, value) > best_key:
                    best, best_key = (grade, ids[elsewhere[0]], value), (_RANK[grade], shared, value)
            match[i], closest[i], score[i] = best
    return match, closest, score


def _pair(mine: str, other: str, pairs: dict) -> tuple[str, float, int]:
    key = (mine, other) if mine <= other else (other, mine)
    if key not in pairs:
        grade, value = similarity(mine, other)
        shared = len(_content(mine.split()) & _content(other.split()))
        pairs[key] = ("paraphrase" if grade == "none" else grade, value, shared)
    return pairs[key]


def trace_quotes(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Every quoted passage of a case, attributed, grouped by statement and graded across articles.

    >>> table = trace_quotes()
    >>> pure = table[table["text"].str.lower().str.contains("pure fiction")]
    >>> pure["statement_id"].nunique() <= 3 and "verbatim" in set(pure["match"])
    True
    """
    return group_quotes(extract_quotes(case))


def quoted_statements(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Summarise the statements quoted in a case: who said it, in how many articles, and how faithfully.

    Returns:
        A DataFrame indexed by ``statement_id`` with ``text`` (the longest
        rendering), ``speakers``, ``articles``, ``renderings`` and the count of
        each grade; statements quoted in several articles first.

    >>> bool(quoted_statements().iloc[0]["articles"] >= 3)
    True
    """
    import pandas as pd

    table = trace_quotes(case)
    rows = []
    for sid, group in table.groupby("statement_id", sort=False):
        longest = max(group["text"], key=len)
        speakers = sorted({s for s in group["speaker"] if s})
        rows.append(
            {"statement_id": sid, "text": longest, "speakers": ", ".join(speakers), "articles": group["article_id"].nunique(),
             "renderings": len(group), **{g: int((group["match"] == g).sum()) for g in ("verbatim", "altered", "paraphrase", "unique")}}
        )
    frame = pd.DataFrame(rows).set_index("statement_id")
    return frame.sort_values(["articles", "renderings"], ascending=False, kind="stable")


def word_diff(a: str, b: str) -> pd.DataFrame:
    """Put two renderings side by side, word by word: what is the same, changed, left out or added.

    >>> word_diff("It is pure fiction, simply fake news", "simply false information").values.tolist()
    [['left out', 'It is pure fiction,', ''], ['same', 'simply', 'simply'], ['changed', 'fake news', 'false information']]
    """
    import pandas as pd

    left, right = a.split(), b.split()
    ops = {"equal": "same", "replace": "changed", "delete": "left out", "insert": "added"}
    rows = []
    matcher = difflib.SequenceMatcher(a=[clean_quote(w) for w in left], b=[clean_quote(w) for w in right], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        rows.append({"change": ops[tag], "first": " ".join(left[i1:i2]), "second": " ".join(right[j1:j2])})
    return pd.DataFrame(rows, columns=["change", "first", "second"])
