"""Lesson 02, step 2: group the renderings of one statement across articles, then grade them.

Two renderings are of the same statement when :func:`similarity` finds any
relation between them (compared after :func:`.wording.clean_quote`):

============ =====================================================================
verbatim     the same words
truncated    one is a word-for-word excerpt of the other (at least two words;
             one-word quotes join only when identical)
reworded     the best-aligned stretch shares at least ``ALTERED`` = 65% of its
             characters (rapidfuzz ``partial_ratio`` ≥ 65)
paraphrase   only the vocabulary agrees: ``token_set_ratio`` ≥ ``PARAPHRASE`` =
             80 with at least two shared content words
============ =====================================================================

A text joins (and merges) every group it relates to. Candidates are found
through an index (each text is compared only with groups that share index
keys with it: word pairs, and for short quotes of up to three content words
also single words; keys shared by more than ``MAX_POSTING`` groups are too
common to count). A candidate must share at least 30% of the shorter text's
content words. So the work grows with the number of quotes, not with its
square (``benchmarks/quote_grouping.py``).

Each statement is then graded against one reference rendering by
:mod:`.fidelity` (:func:`group_quotes`, :func:`trace_quotes`).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.case import resolve_case
from .extract import extract_quotes
from .names import canonical_names, name_variants
from .fidelity import GRADES, MAX_CONNECTING, Comparison, Rendering, choose_reference, diff_text, grade_rendering, reference_score
from .wording import ALTERED, clean_quote, content_words, fuzz, shares_vocabulary

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    import pandas as pd

    from ..core.case import Case

MAX_POSTING = 12
"""Index keys shared by more groups than this are skipped when looking for candidates."""


def _keys(text: str) -> set[str]:
    """Index keys of a cleaned text: its content words and its word pairs.

    >>> sorted(_keys("it is pure fiction"))
    ['fiction', 'is pure', 'it is', 'pure', 'pure fiction']
    """
    tokens = text.split()
    return content_words(tokens) | {f"{a} {b}" for a, b in zip(tokens, tokens[1:])}


def similarity(a: str, b: str) -> tuple[str, float]:
    """How two cleaned renderings relate, for grouping: ``(relation, score)`` by the table above (or ``none``).

    >>> similarity("pure fiction", "it is pure fiction simply fake news")
    ('truncated', 100.0)
    >>> similarity("simply false information", "quality of information it is pure fiction simply fake news")[0]
    'reworded'
    >>> similarity("strong", "strong leadership")[0]
    'none'
    """
    if not a or not b:
        return "none", 0.0
    if a == b:
        return "verbatim", 100.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short.split()) < 2:
        return "none", 0.0
    partial = fuzz().partial_ratio(short, long_)
    if partial == 100 and f" {short} " in f" {long_} ":
        return "truncated", 100.0
    if partial >= ALTERED:
        return "reworded", round(partial, 1)
    vocabulary, token_set = shares_vocabulary(short, long_)
    if vocabulary:
        return "paraphrase", token_set
    return "none", round(max(partial, token_set), 1)


def group_quotes(quotes: pd.DataFrame, published: Mapping[str, date | None] | None = None) -> pd.DataFrame:
    """Group renderings of the same statement and grade each against its statement's reference rendering.

    Args:
        quotes: a table like :func:`extract_quotes` returns (``quote_id``, ``article_id``, ``text``).
        published: each article's publication date (``None`` or absent when unknown), for the
            earliest-dated rule of :mod:`.fidelity`.

    Returns:
        The table with ``statement_id`` (``S1``, ``S2``... in order of first
        appearance), ``reference`` (the quote id of the statement's reference
        rendering), ``reference_basis`` (the rule that chose it, in words),
        ``match`` (a grade of :data:`.fidelity.GRADES`), ``score`` (rapidfuzz
        ``partial_ratio`` against the reference; 0 for ``unique``) and ``diff``
        (what changed against the reference; empty when the words are the same).

    >>> import pandas as pd
    >>> q = pd.DataFrame({"quote_id": ["A1.Q1", "A2.Q1", "A3.Q1"], "article_id": ["A1", "A2", "A3"],
    ...                   "text": ["The quality of information. It is pure fiction, simply fake news",
    ...                            "simply false information", "strong"]})
    >>> group_quotes(q)[["statement_id", "match", "reference", "diff"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['S1', 'reference', 'A1.Q1', ''],
     ['S1', 'reworded', 'A1.Q1', "left out: 'The quality of information. It is pure fiction,' · changed: 'fake news' → 'false information'"],
     ['S2', 'unique', 'A3.Q1', '']]
    """
    cleaned = [clean_quote(t) for t in quotes["text"]]
    groups = _TextGroups()
    for text in cleaned:
        groups.add(text)
    statement = statement_ids(cleaned, groups.final())
    dates = published or {}
    renderings = [Rendering(q, a, c, dates.get(a)) for q, a, c in zip(quotes["quote_id"], quotes["article_id"], cleaned)]
    statement = split_speakers(renderings, statement, quotes)
    statement, joins = split_joined(renderings, statement)
    columns = grade_statements(renderings, statement, list(quotes["text"]), set(joins))
    for i, joined in joins.items():  # a copy that joins two statements of the original
        columns["match"][i] = "fused"
        columns["diff"][i] = "joins " + " and ".join(f"{sid} ({qid})" for sid, qid in joined)
    out = quotes.copy()
    out["statement_id"] = statement
    for name, values in columns.items():
        out[name] = values
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
        content = len(content_words(text.split()))
        matched = [g for g in self._candidates(words, content)
                   if any(similarity(text, other)[0] != "none" for other in self.members[g][:5])]
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


def statement_ids(cleaned: list[str], text_group: dict[str, int]) -> list[str]:
    """Statement ids ``S1, S2...`` in order of first appearance (an empty quote is its own statement).

    >>> statement_ids(["no deal", "other words", "no deal", ""], {"no deal": 0, "other words": 1})
    ['S1', 'S2', 'S1', 'S3']
    """
    order: dict[int, str] = {}
    statement = []
    for i, text in enumerate(cleaned):
        g = text_group.get(text, -1 - i)
        if g not in order:
            order[g] = f"S{len(order) + 1}"
        statement.append(order[g])
    return statement


def split_speakers(renderings: list[Rendering], statement: list[str], quotes: pd.DataFrame) -> list[str]:
    """Give each person their own statement: renderings credited to different people are not one statement.

    Only when the table has ``speaker`` and ``speaker_kind`` (:func:`.extract.extract_quotes`): within a
    statement, the renderings credited to a person other than the first person credited (spellings of
    one name count as one: :func:`.names.name_variants`) become a statement of that person. Renderings
    with no speaker, or credited to a group or an outlet, stay where the words put them.

    >>> import pandas as pd
    >>> q = pd.DataFrame({"article_id": ["A1", "A2", "A3"], "speaker": ["Ana Lopez", "Rui Costa", ""],
    ...                   "speaker_kind": ["person", "person", ""]})
    >>> r = [Rendering(f"{a}.Q1", a, "we remain at the table") for a in q["article_id"]]
    >>> split_speakers(r, ["S1", "S1", "S1"], q)
    ['S1', 'S2', 'S1']
    """
    if "speaker" not in quotes or "speaker_kind" not in quotes:
        return statement
    speakers = list(quotes["speaker"].fillna(""))
    same = canonical_names(name_variants(zip(quotes["article_id"], speakers)))
    people = [same.get(s, s) if k == "person" else "" for s, k in zip(speakers, quotes["speaker_kind"].fillna(""))]
    first: dict[str, str] = {}
    keys = []
    for sid, who in zip(statement, people):
        if who:
            first.setdefault(sid, who)
        keys.append(f"{sid}/{who}" if who and who != first[sid] else sid)
    return statement_ids(keys, {k: n for n, k in enumerate(dict.fromkeys(keys))})


def split_joined(renderings: list[Rendering], statement: list[str]) -> tuple[list[str], dict[int, list[tuple[str, str]]]]:
    """Split statements that only a fused copy joined; return new statement ids and the fused copies.

    When one article quotes two passages that do not relate (:func:`similarity`
    is ``none``) and a rendering of another article is little more than the two
    run together (at most ``MAX_CONNECTING`` + 1 of its words are in neither,
    while either passage alone leaves more out),
    that rendering fused two statements ("We did not overpay, the fee reflects
    his age" after "We did not overpay." and "The fee reflects his age and his
    talent."). The passages stay two statements, each with the renderings that
    relate to it; the fused copy goes with the first and is returned as
    ``{row: [(statement id, quote id), ...]}``. A fuller rendering that holds
    the two passages and more (the whole speech) joins them legitimately.

    >>> r = [Rendering("A1.Q1", "A1", "we did not overpay"), Rendering("A1.Q2", "A1", "the fee reflects his age and talent"),
    ...      Rendering("A2.Q1", "A2", "we did not overpay the fee reflects his age")]
    >>> split_joined(r, ["S1", "S1", "S1"])
    (['S1', 'S2', 'S1'], {2: [('S1', 'A1.Q1'), ('S2', 'A1.Q2')]})
    """
    by_statement: dict[str, list[int]] = defaultdict(list)
    for i, sid in enumerate(statement):
        by_statement[sid].append(i)
    home = {i: (sid, 0) for i, sid in enumerate(statement)}
    fused: dict[int, list[int]] = {}
    for sid, rows in by_statement.items():
        anchors, joined = _fusion(renderings, rows)
        if not joined:
            continue
        fused.update(joined)
        for i in rows:
            near = [k for k, a in enumerate(anchors) if i == a or similarity(renderings[i].text, renderings[a].text)[0] != "none"]
            best = near[0] if near else max(range(len(anchors)), key=lambda k: fuzz().partial_ratio(
                renderings[i].text, renderings[anchors[k]].text))
            home[i] = (sid, best)
    keys = [f"{s}/{part}" for s, part in (home[i] for i in range(len(statement)))]
    ids = statement_ids(keys, {k: n for n, k in enumerate(dict.fromkeys(keys))})
    return ids, {i: [(ids[a], renderings[a].quote_id) for a in anchors_of] for i, anchors_of in fused.items()}


def _fusion(renderings: list[Rendering], rows: list[int]) -> tuple[list[int], dict[int, list[int]]]:
    """(an article's unrelated passages, {fused copy: the passages it runs together}) in one statement, or ([], {})."""
    for article in dict.fromkeys(renderings[i].article_id for i in rows):
        anchors: list[int] = []
        for i in rows:
            if renderings[i].article_id == article and all(
                    similarity(renderings[i].text, renderings[a].text)[0] == "none" for a in anchors):
                anchors.append(i)
        if len(anchors) < 2:
            continue
        joined = {}
        for i in rows:
            if renderings[i].article_id == article:
                continue
            text = renderings[i].text
            near = [a for a in anchors if similarity(text, renderings[a].text)[0] != "none"]
            alone = min((_uncovered(text, [renderings[a].text]) for a in near), default=0)
            if len(near) >= 2 and _uncovered(text, [renderings[a].text for a in near]) <= MAX_CONNECTING + 1 < alone:
                joined[i] = near  # the passages together cover it, none of them alone does
        if joined:
            return anchors, joined
    return [], {}


def _uncovered(text: str, parts: list[str]) -> int:
    """How many words of ``text`` match no stretch (two words or more) of any of ``parts``."""
    words = text.split()
    covered: set[int] = set()
    for part in parts:
        matcher = difflib.SequenceMatcher(a=words, b=part.split(), autojunk=False)
        for block in matcher.get_matching_blocks():
            if block.size >= 2:
                covered.update(range(block.a, block.a + block.size))
    return len(words) - len(covered)


ALIGNED_DIFF = ("reworded", "paraphrase")
"""Grades whose diff lines a shorter rendering up with a stretch of the reference (not excerpts, not fusions)."""


def grade_statements(renderings: list[Rendering], statement: list[str], texts: list[str],
                     copies: set[int] = frozenset()) -> dict[str, list]:
    """Choose each statement's reference and grade every rendering against it (:mod:`.fidelity`).

    Args:
        renderings: one per quote, in table order (cleaned text).
        statement: each quote's statement id.
        texts: each quote's text as printed (for the word diff).
        copies: rows that may not be a reference (fused copies of :func:`split_joined`).

    Returns:
        Columns ``reference, reference_basis, match, score, diff``, one value per quote.
        A grade is computed once per distinct (text, reference) pair.
    """
    by_statement: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statement):
        by_statement[s].append(i)
    columns: dict[str, list] = {name: [None] * len(renderings) for name in ("reference", "reference_basis", "match", "score", "diff")}
    graded: dict[tuple[str, str, bool, int], tuple[str, float]] = {}
    for rows in by_statement.values():
        candidates = [i for i in rows if i not in copies] or rows
        chosen, basis = choose_reference([renderings[i] for i in candidates])
        ref = candidates[chosen]
        articles = len({renderings[i].article_id for i in rows})
        for i in rows:
            c = Comparison(renderings[i].text, renderings[ref].text, i == ref, articles)
            key = (c.text, c.reference, c.is_reference, c.articles)
            if key not in graded:
                match = grade_rendering(c)
                graded[key] = (match, reference_score(c, match))
            match, value = graded[key]
            same = c.text == c.reference
            row = {"reference": renderings[ref].quote_id, "reference_basis": basis, "match": match, "score": value,
                   "diff": "" if same else diff_text(texts[ref], texts[i], match in ALIGNED_DIFF)}
            for name, v in row.items():
                columns[name][i] = v
    return columns


def trace_quotes(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Every quoted passage of a case, attributed, grouped by statement and graded against a reference rendering.

    The articles' ``published`` dates feed the earliest-dated rule (:mod:`.fidelity`).

    >>> table = trace_quotes()
    >>> pure = table[table["text"].str.lower().str.contains("pure fiction")]
    >>> pure["statement_id"].nunique(), sorted(set(pure["match"]))
    (1, ['reference', 'truncated'])
    """
    import pandas as pd

    loaded = resolve_case(case)
    published = {aid: (None if pd.isna(day) else pd.Timestamp(day).date())
                 for aid, day in zip(loaded.articles["article_id"], loaded.articles["published"])}
    return group_quotes(extract_quotes(loaded), published)


def quoted_statements(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Summarise the statements quoted in a case: who said it, in how many articles, and how faithfully.

    Returns:
        A DataFrame indexed by ``statement_id`` with ``text`` (the longest
        rendering), ``speakers``, ``articles``, ``renderings``, ``reference``
        (the reference rendering's text), ``reference_id``, ``reference_basis``
        and the count of each grade of :data:`.fidelity.GRADES` but
        ``reference`` (so the counts add up to ``renderings`` less one for a
        statement rendered in several articles); statements quoted in several
        articles first.

    >>> top = quoted_statements().iloc[0]
    >>> int(top["articles"]), top["reference_id"], int(top["truncated"])
    (5, 'A0.Q3', 9)
    """
    import pandas as pd

    table = trace_quotes(case)
    text_of = dict(zip(table["quote_id"], table["text"]))
    rows = []
    for sid, group in table.groupby("statement_id", sort=False):
        longest = max(group["text"], key=len)
        speakers = sorted({s for s in group["speaker"] if s})
        ref = group["reference"].iloc[0]
        rows.append(
            {"statement_id": sid, "text": longest, "speakers": ", ".join(speakers), "articles": group["article_id"].nunique(),
             "renderings": len(group), "reference": text_of[ref], "reference_id": ref,
             "reference_basis": group["reference_basis"].iloc[0], **{g: int((group["match"] == g).sum()) for g in GRADES if g != "reference"}}
        )
    frame = pd.DataFrame(rows).set_index("statement_id")
    return frame.sort_values(["articles", "renderings"], ascending=False, kind="stable")
