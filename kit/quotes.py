"""Lesson 02: find every quoted passage, name its speaker, and trace its renderings across articles.

Works on any case. Three steps:

1. **Extract** (:func:`extract_quotes`): every passage between quotation marks
   (“ ”, " ", ‘ ’, « »), paragraph by paragraph. An apostrophe (’ followed by
   a letter, as in Trump’s) is not a quotation mark. A mark left open at the
   end of its paragraph, or a closing mark with no opening, is reported in the
   ``problem`` column, never an error.
2. **Attribute**: the reporting verb (``said``, ``emphasized``, ``according to``...)
   nearest the quote in its sentence, and the speaker: the name next to that
   verb (titles such as "Kremlin spokesperson" dropped); "he"/"she" is
   resolved to the previous named speaker in the same article.
3. **Group and grade** (:func:`group_quotes`): renderings of the same statement
   are grouped, and each is graded against the renderings in *other* articles.
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
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .core.text import normalise_space, paragraphs
from .core.case import resolve_case

if TYPE_CHECKING:
    import pandas as pd

    from .core.case import Case

ALTERED = 65
PARAPHRASE = 80
OPENERS = {"“": "”", '"': '"', "‘": "’", "«": "»"}
CLOSERS = {"”", "’", "»"}
REPORTING_VERBS = (
    "according to", "put it", "said", "says", "say", "told", "tells", "stated", "stating", "states",
    "emphasized", "emphasised", "emphasizing", "remarked", "warned", "added", "insisted", "claimed",
    "claiming", "claims", "argued", "argues", "noted", "wrote", "writes", "declared", "dismissed",
    "denied", "denies", "described", "called", "calling", "labeling", "labelling", "labeled", "urged",
    "asked", "explained", "replied", "responded", "stressed", "suggested", "confirmed", "reported",
)
_VERB_ALT = "|".join(re.escape(v) for v in sorted(REPORTING_VERBS, key=len, reverse=True))
_VERB = re.compile(r"(?<![\w-])(" + _VERB_ALT + r")(?![\w-])", re.I)
_NAME = r"[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+)*"
_AFTER = re.compile(r"^(?:(he|she|they|" + _NAME + r")\s+)?((?i:" + _VERB_ALT + r"))\b(?:\s+(" + _NAME + r"))?")
_TITLE_WORDS = {
    "kremlin", "spokesperson", "spokesman", "spokeswoman", "president", "president-elect", "prime", "minister",
    "chancellor", "advisor", "adviser", "national", "security", "director", "communications", "secretary",
    "russian", "u.s.", "former", "german", "british", "french", "ukrainian", "austrian", "european", "member",
    "parliament", "ministry", "government", "mr.", "ms.",
    "dr.", "gen.", "sen.", "rep.", "foreign",
}
_FUNCTION_WORDS = {
    "the", "a", "an", "on", "in", "as", "at", "however", "but", "and", "according", "amid", "after", "before",
    "while", "with", "for", "of", "this", "that", "these", "those", "it", "meanwhile", "still", "moreover",
    "despite", "following", "since", "when", "if", "then", "first", "second", "also", "both", "throughout",
}
_PRONOUNS = {"he", "she", "they"}
_STOPWORDS = {
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "is", "it", "its", "this", "that",
    "be", "was", "were", "are", "as", "by", "from", "not", "no", "we", "he", "she", "they", "i", "you", "our",
    "their", "his", "her", "there", "these", "those", "has", "have", "had", "been", "being", "do", "does", "did",
    "but", "if", "so", "than", "then", "which", "who", "what", "all", "any", "more", "most", "even", "now",
    "can", "will", "would", "could", "should", "may", "might", "about", "into", "out", "up", "also", "very",
}
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z0-9]+)*")
_CAPITAL_RUN = re.compile(r"(?:[A-Z][\w.’'-]*)(?:\s+(?:[A-Z][\w.’'-]*))*")
QUOTE_COLUMNS = ["quote_id", "article_id", "file", "sentence_id", "start", "end", "speaker", "verb", "text", "problem"]


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    mark: str
    problem: str


def clean_quote(text: str) -> str:
    """Normalise a quote for comparison: links unwrapped, case, marks and punctuation dropped.

    >>> clean_quote("[**Pure Fiction**](#), simply “fake news.”")
    'pure fiction simply fake news'
    """
    text = _LINK.sub(r"\1", text).replace("’", "'")
    return " ".join(_TOKEN.findall(text.lower()))


def _find_spans(raw: str, start: int, end: int) -> list[_Span]:
    """Top-level quoted spans in raw[start:end] (one paragraph), with problems for unbalanced marks."""
    spans: list[_Span] = []
    open_mark: str | None = None
    open_at = 0
    i = start
    while i < end:
        ch = raw[i]
        if open_mark is None:
            if ch in OPENERS and not (ch == "‘" and i + 1 < end and raw[i + 1] in "0123456789"):
                open_mark, open_at = ch, i
            elif ch in "”»":
                spans.append(_Span(i, i, ch, f"a closing {ch} with no opening mark before it"))
        else:
            closer = OPENERS[open_mark]
            if ch == closer:
                nxt = raw[i + 1] if i + 1 < end else " "
                if closer == "’" and nxt.isalpha():
                    pass  # an apostrophe inside the quote (Trump’s)
                else:
                    spans.append(_Span(open_at + 1, i, open_mark, ""))
                    open_mark = None
        i += 1
    if open_mark is not None:
        spans.append(_Span(open_at + 1, end, open_mark, f"the opening {open_mark} is never closed in its paragraph"))
    return spans


def _person(run: str) -> str:
    """Drop titles and function words around a name ("Kremlin spokesperson Dmitry Peskov" -> "Dmitry Peskov")."""
    words = [re.sub(r"(?<=[a-z])\.$", "", w.strip(",;:")) for w in run.split()]
    while words and words[0].lower() in _FUNCTION_WORDS:
        words.pop(0)
    named = list(words)
    while named and named[0].lower() in _TITLE_WORDS:
        named.pop(0)
    while named and named[-1].lower() in _TITLE_WORDS:
        named.pop()
    return " ".join(named or words)  # an institution alone ("Kremlin") is a speaker too


def _speaker_near(before: str) -> str:
    """The most plausible speaker named in the text before a verb: a full name if there is one."""
    runs = [_person(m.group(0)) for m in _CAPITAL_RUN.finditer(before) if not re.search(r"['’]s?$", m.group(0))]
    runs = [r for r in runs if r and r.lower() not in _FUNCTION_WORDS]
    people = [r for r in runs if not all(w.lower() in _TITLE_WORDS for w in r.split())]
    for run in reversed(people):
        if len(run.split()) >= 2:
            return run
    if people:
        return people[-1]
    return runs[-1] if runs else ""


def according_name(phrase: str) -> str:
    """The source named after "according to": a name if there is one, else the first words.

    >>> according_name("Kremlin spokesperson Dmitry Peskov"), according_name("the ministry")
    ('Dmitry Peskov', 'ministry')
    """
    named = _speaker_near(phrase)
    if named:
        return named
    words = phrase.strip(" .;:").split()
    while words and words[0].lower() in _FUNCTION_WORDS:
        words.pop(0)
    return " ".join(words[:6])


def _attribute(sentence: str, q_start: int, q_end: int) -> tuple[str, str]:
    """Return (speaker, verb) for a quote at [q_start, q_end) of a normalised sentence."""
    before = sentence[:q_start].rstrip(" “\"‘«")
    after = sentence[q_end:].lstrip(" ”\"’»,.")
    after_match = _AFTER.match(after)
    if after_match and after_match.group(2):
        verb = after_match.group(2).lower()
        who = after_match.group(1) or after_match.group(3) or ""
        return (_person(who) if who.lower() not in _PRONOUNS else who.lower()), verb
    according = list(re.finditer(r"(?i:according to)\s+(?:the\s+)?([^,;“\"]+)", before))
    verbs = list(_VERB.finditer(re.sub(r"[“\"‘«][^”\"’»]*[”\"’»]", lambda m: " " * len(m.group(0)), before)))
    if according and (not verbs or according[-1].start() >= verbs[-1].start()):
        return according_name(according[-1].group(1)), "according to"
    if verbs:
        verb = verbs[-1]
        subject = before[: verb.start()]
        pronoun = re.search(r"\b(he|she|they)\s*$", subject.strip(), re.I)
        if pronoun:
            return pronoun.group(1).lower(), verb.group(1).lower()
        speaker = _speaker_near(subject)
        opener = not [w for w in re.findall(r"[A-Za-z]+", subject) if w.lower() not in _FUNCTION_WORDS]
        if not speaker and opener:  # "Labeling the reports as “pure fiction,” Kremlin spokesperson Dmitry Peskov rejected..."
            speaker = _speaker_near(" ".join(after.split()[:6]))
        return speaker, verb.group(1).lower()
    return "", ""


def extract_quotes(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Find every quoted passage of a case with its sentence, speaker and reporting verb.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``quote_id`` (like ``A3.Q2``), ``article_id, file,
        sentence_id, start, end`` (offsets of the quoted words in the raw text),
        ``speaker``, ``verb``, ``text`` (white space normalised) and ``problem``
        (empty, or what is unbalanced).

    >>> q = extract_quotes()
    >>> row = q[q["text"] == "simply false information"].iloc[0]
    >>> row["speaker"], row["verb"], row["sentence_id"]
    ('Dmitry Peskov', 'dismissed', 'A3.S4')
    """
    import pandas as pd
    loaded = resolve_case(case)
    rows = []
    for aid, file, headline in zip(loaded.articles["article_id"], loaded.articles["file"], loaded.articles["headline"]):
        raw = loaded.raw(file)
        sents = loaded.sentences[loaded.sentences["file"] == file]
        starts, ends, ids, texts = list(sents["start"]), list(sents["end"]), list(sents["sentence_id"]), list(sents["text"])
        last_named = ""
        n = 0
        for _, lines in paragraphs(raw, headline):
            for span in _find_spans(raw, lines[0][0], lines[-1][1]):
                k = next((j for j in range(len(starts)) if starts[j] <= span.start < max(ends[j], starts[j] + 1)), None)
                if k is None:
                    k = max((j for j in range(len(starts)) if starts[j] <= span.start), default=0)
                text = normalise_space(raw[span.start : span.end])
                speaker = verb = ""
                if text:
                    sentence = texts[k]
                    offset = _locate(sentence, text)
                    if offset is not None:
                        speaker, verb = _attribute(sentence, offset, offset + len(text))
                if speaker in _PRONOUNS:
                    speaker = last_named or f"{speaker} (not named)"
                if speaker and "(not named)" not in speaker:
                    last_named = speaker
                n += 1
                rows.append(
                    {"quote_id": f"{aid}.Q{n}", "article_id": aid, "file": file, "sentence_id": ids[k],
                     "start": span.start, "end": span.end, "speaker": speaker, "verb": verb, "text": text,
                     "problem": span.problem}
                )
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    frame["speaker"] = unify_speakers(frame["speaker"])
    return frame


def unify_speakers(names) -> list[str]:
    """Map short forms to the full name used elsewhere in the case ("Peskov" -> "Dmitry Peskov").

    >>> unify_speakers(["Peskov", "Dmitry Peskov", "Kremlin", ""])
    ['Dmitry Peskov', 'Dmitry Peskov', 'Kremlin', '']
    """
    names = list(names)
    full = sorted({n for n in names if len(n.split()) >= 2}, key=lambda n: (-len(n), n))
    out = []
    for name in names:
        if name and len(name.split()) == 1:
            longer = [f for f in full if f.split()[-1] == name]
            out.append(longer[0] if len(longer) == 1 else name)
        else:
            out.append(name)
    return out


def _locate(sentence: str, text: str) -> int | None:
    parts = text.split()
    m = re.search(r"\s+".join(re.escape(p) for p in parts), sentence) if parts else None
    return m.start() if m else None


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
    articles = list(quotes["article_id"])
    ids = list(quotes["quote_id"])
    # 1. group distinct texts: each new text is compared with the groups that share a content word
    #    (at most 25 of them, five texts each); it joins, and merges, every group it matches.
    text_group: dict[str, int] = {}
    members: list[list[str]] = []
    parent: list[int] = []
    shortest: list[int] = []  # content words of each group's shortest text
    index: dict[str, set[int]] = defaultdict(set)

    def find(g: int) -> int:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    for text in cleaned:
        if text in text_group or not text:
            continue
        words = _keys(text)
        content = len(_content(text.split()))
        # a long quote looks up groups by its word pairs (specific); a short one by its words too
        lookup = words if content <= 3 else {w for w in words if " " in w}
        counts: dict[int, int] = defaultdict(int)
        for w in lookup:
            posting = index[w]
            if len(posting) > MAX_POSTING:  # too common to tell statements apart
                continue
            for g in {find(g) for g in posting}:
                counts[g] += 1
        matched = []

        def needed(g: int) -> int:
            # one or two shared words are chance between long quotes; renderings of one statement
            # share more (measured on the shorter of the two: a short quote may be an excerpt)
            size = min(content, shortest[g])
            return 1 if size <= 2 else max(2, round(0.3 * size))

        candidates = [(g, c) for g, c in counts.items() if c >= needed(g)]
        for g, _ in sorted(candidates, key=lambda kv: (-kv[1], kv[0]))[:25]:
            if any(_RANK[similarity(text, other)[0]] >= 1 for other in members[g][:5]):
                matched.append(g)
        if matched:
            home = min(matched)
            for g in matched:
                if g != home:
                    parent[g] = home
                    members[home].extend(members[g])
                    shortest[home] = min(shortest[home], shortest[g])
        else:
            home = len(members)
            members.append([])
            parent.append(home)
            shortest.append(content)
        shortest[home] = min(shortest[home], content)
        members[home].append(text)
        text_group[text] = home
        for w in words:
            index[w].add(home)
    text_group = {t: find(g) for t, g in text_group.items()}
    # 2. statement ids in order of first appearance
    order: dict[int, str] = {}
    statement = []
    for i, text in enumerate(cleaned):
        g = text_group.get(text)
        if g is None:  # an empty quote is its own statement
            g = -1 - i
        if g not in order:
            order[g] = f"S{len(order) + 1}"
        statement.append(order[g])
    # 3. grade each rendering against the renderings of its statement in other articles,
    #    comparing each pair of distinct texts once (at most 50 per statement).
    by_statement: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statement):
        by_statement[s].append(i)
    match, closest, score = ["unique"] * len(ids), [""] * len(ids), [0.0] * len(ids)
    for rows in by_statement.values():
        texts: dict[str, list[int]] = defaultdict(list)
        for i in rows:
            texts[cleaned[i]].append(i)
        distinct = list(texts)[:50]
        pairs: dict[tuple[str, str], tuple[str, float, int]] = {}
        for i in rows:
            best, best_key = ("unique", "", 0.0), (0, -1, 0.0)
            mine = cleaned[i]
            for other in distinct:
                elsewhere = [j for j in texts[other] if articles[j] != articles[i]]
                if not elsewhere:
                    continue
                key = (mine, other) if mine <= other else (other, mine)
                if key not in pairs:
                    grade, value = similarity(mine, other)
                    shared = len(_content(mine.split()) & _content(other.split()))
                    pairs[key] = ("paraphrase" if grade == "none" else grade, value, shared)
                grade, value, shared = pairs[key]
                if (_RANK[grade], shared, value) > best_key:
                    best, best_key = (grade, ids[elsewhere[0]], value), (_RANK[grade], shared, value)
            match[i], closest[i], score[i] = best
    out = quotes.copy()
    out["statement_id"], out["match"], out["closest"], out["score"] = statement, match, closest, score
    return out


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
