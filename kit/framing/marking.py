"""Marking framing words by hand: the pure logic of :func:`kit.framing.marking_widget.mark_words`.

A student reads a short passage (a sentence, or a paragraph of at most
:data:`MAX_WORDS` words), marks its words in three categories
(:data:`CATEGORIES`: loaded word, hedge, evaluative verb) and compares the
marks with the kit's lexicon. Everything here returns plain data or HTML:

* :func:`tokenize` splits a passage into markable words, each with its
  offsets, so that ``text[start:end]`` is the word exactly as printed (typos
  and encoding errors stay as they are; the punctuation around a word, and the
  address of a Markdown link, are no words);
* :func:`lexicon_hits` lists what the lexicon finds in the passage, matched the
  way the framing measures match (:mod:`kit.framing.words`: whole words, the
  longest entry wins, "May" before a number is the month; a match inside
  quotation marks is the speaker's word, not the writer's);
* :func:`compare` sorts the marks, category by category, into *agreed*
  (marked and listed), *missed* (listed, not marked) and *extra* (marked, not
  listed). A marked word agrees by stem too (:func:`kit.answer_match.stem`:
  "debunks" agrees with a listed "debunked"), the way a text answer is
  matched. An extra is not an error: the lexicon is short on purpose;
* :func:`answer_text` is the marked words, joined by spaces: the answer to a
  question of kind ``text``.

>>> tokens = tokenize("He swiftly “debunked” it.")
>>> [t.text for t in tokens]
['He', 'swiftly', 'debunked', 'it']
>>> c = compare(tokens, {2: "evaluative"}, lexicon_hits("He swiftly “debunked” it."))
>>> [i.text for i in c.by_category["evaluative"]["agreed"]], [i.text for i in c.by_category["loaded"]["missed"]]
(['debunked'], ['swiftly'])
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from ..answer_match import stem
from ..core import lexicon
from ..display import PALETTE
from .words import FAMILY_OF_KIND, families, family_pattern, is_month


class Category(NamedTuple):
    """A category of marks: its name, label, the lexicon kinds it holds, its symbol and colour."""

    name: str
    label: str
    kinds: tuple[str, ...]
    symbol: str
    colour: str
    cues: tuple[str, ...]  # words of a question's prompt that name the category


CATEGORIES: dict[str, Category] = {
    "loaded": Category("loaded", "loaded word", lexicon.LOADED_KINDS, "◆", PALETTE["marking"]["loaded"],
                       ("loaded",)),
    "hedge": Category("hedge", "hedge", ("hedge",), "≈", PALETTE["marking"]["hedge"], ("hedge",)),
    "evaluative": Category("evaluative", "evaluative verb", ("reporting_evaluative",), "▲",
                           PALETTE["marking"]["evaluative"], ("evaluative", "reporting verb")),
}
"""The categories a student marks in, in the order of the selector; the symbol shows a mark without colour."""

CATEGORY_OF_KIND = {kind: c.name for c in CATEGORIES.values() for kind in c.kinds}
"""Lexicon kind -> category; the framing kinds of no category (neutral verbs, certainty) only explain extras."""

MAX_WORDS = 80
"""The most words a passage shows, so that its words stay easy to find and click."""

_SEPARATORS = re.compile(r"[^\s—–…]+")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_LEXICON_KIND = {framing: kind for kind, framing in FAMILY_OF_KIND.items()}


class Token(NamedTuple):
    """One markable word of a passage: its position, its text as printed, and its offsets in the passage."""

    index: int
    text: str
    start: int
    end: int


class Hit(NamedTuple):
    """One lexicon match in a passage."""

    word: str  # the lexicon's entry (lower case)
    text: str  # as printed
    category: str  # a key of CATEGORIES, or "" for a framing kind of no category
    kind: str  # the lexicon kind, e.g. "loaded_label"
    start: int
    end: int
    tokens: tuple[int, ...]
    in_quote: bool
    speaker: str  # whose quotation it is inside, when the kit's quote analysis names one


class Item(NamedTuple):
    """One line of a comparison: the words and why they are on that list."""

    text: str
    note: str


class MarkComparison(NamedTuple):
    """The result of :func:`compare`: per category, ``agreed``, ``missed`` and ``extra`` items."""

    by_category: dict[str, dict[str, list[Item]]]
    quoted: list[Hit]  # lexicon words inside quotation marks: the speaker's, not counted


def tokenize(text: str) -> list[Token]:
    """Split a passage into markable words, each with offsets such that ``text[start:end] == word``.

    A word is a run of characters between white space (or a dash or an
    ellipsis), with the punctuation around it left out; hyphens and
    apostrophes inside a word stay ("semi-nude", "Ukraine’s"), and so do
    misprints and broken characters. The address of a Markdown link
    (``[text](address)``) is no word.

    >>> [(t.text, t.start) for t in tokenize("“Fake news!” [Reuters](https://x.example) said—twice.")]
    [('Fake', 1), ('news', 6), ('Reuters', 14), ('said', 42), ('twice', 47)]
    """
    hidden = _LINK_TARGET.sub(lambda m: "]" + " " * (len(m.group(0)) - 1), text)
    tokens: list[Token] = []
    for m in _SEPARATORS.finditer(hidden):
        start, end = m.span()
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if start < end:
            tokens.append(Token(len(tokens), text[start:end], start, end))
    return tokens


def _covered(tokens: list[Token], start: int, end: int) -> tuple[int, ...]:
    return tuple(t.index for t in tokens if t.start < end and t.end > start)


def lexicon_hits(text: str, root: str | Path | None = None, quoted: list[tuple[int, int, str]] | tuple = (),
                 word_families: dict | None = None) -> list[Hit]:
    """List the lexicon's framing words in a passage, as the framing measures find them, in reading order.

    Args:
        text: the passage.
        root: a case folder (its ``lexicon.csv`` counts), or ``None`` for the kit's words.
        quoted: spans inside quotation marks, ``(start, end, speaker)`` in the passage's
            offsets (``speaker`` is ``""`` when the kit cannot name one).
        word_families: ``families(root)`` when the caller has it already (many passages, one lexicon).

    >>> [(h.text, h.category, h.in_quote, h.speaker) for h in lexicon_hits('The regime said "fake news".', None, [(17, 26, "Ana Lobo")])]
    [('regime', 'loaded', False, ''), ('said', '', False, ''), ('fake news', 'loaded', True, 'Ana Lobo')]
    """
    tokens = tokenize(text)
    hits = []
    for family, word_map in (word_families or families(root)).items():
        pattern = family_pattern(word_map)
        for m in (pattern.finditer(text) if pattern is not None else []):
            if family == "epistemic" and is_month(text, m):
                continue
            word = lexicon.key(m.group(1))
            kind = _LEXICON_KIND.get((family, word_map[word][0]), "loaded")
            start, end = m.span(1)
            inside = [speaker for a, b, speaker in quoted if a <= start < b]
            hits.append(Hit(word, m.group(1), CATEGORY_OF_KIND.get(kind, ""), kind, start, end,
                            _covered(tokens, start, end), bool(inside), inside[0] if inside else ""))
    return sorted(hits, key=lambda h: (h.start, h.end))


def _stems(root: str | Path | None) -> dict[str, dict[str, str]]:
    """Per category, ``{stem: lexicon word}`` of its one-word entries."""
    out: dict[str, dict[str, str]] = {name: {} for name in CATEGORIES}
    for family, word_map in families(root).items():
        for word, (kind, _) in word_map.items():
            category = CATEGORY_OF_KIND.get(_LEXICON_KIND.get((family, kind), "loaded"), "")
            if category and " " not in word:
                out[category].setdefault(stem(word), word)
    return out


def word_stem(text: str) -> str:
    """The stem of a printed word, for comparing: lower case, ’ as ', a possessive 's left out.

    >>> word_stem("Regime’s"), word_stem("Debunks")
    ('regim', 'debunk')
    """
    return stem(re.sub(r"'s$", "", lexicon.key(text)))


def quote_note(speaker: str) -> str:
    """Say whose word a quoted word is, as far as the kit's quote analysis can tell (never guessing).

    >>> quote_note("Ana Lobo")
    'inside quotation marks: the quote analysis gives it to Ana Lobo, not to the writer'
    """
    if speaker:
        return f"inside quotation marks: the quote analysis gives it to {speaker}, not to the writer"
    return "inside quotation marks: a quoted word, not the writer's; the kit cannot tell whose"


EXTRA_NOTES = {
    "quoted": "{quote}; the writer chose to quote it, but the judgement is the speaker's",
    "other kind": "the lexicon lists {word!r} as {what}",
    "other category": "the lexicon lists {word!r} among the {label}s, not the {mine}s",
    "unlisted": "not in the lexicon; the lexicon is short, not complete, so this can be defensible "
                "if you can say what judgement the word carries",
}
"""Why a marked word is an extra, by the first rule of :func:`extra_note` that fits."""


def extra_note(token: Token, category: str, hits: list[Hit], quoted: list[tuple[int, int, str]] | tuple = ()) -> str:
    """Say why a marked word is not on the lexicon's list for its category (one phrase).

    >>> t = tokenize("It is clearly late.")
    >>> extra_note(t[2], "hedge", lexicon_hits("It is clearly late."))
    "the lexicon lists 'clearly' as a word by which the writer insists that something is so ('clearly')"
    """
    inside = [speaker for a, b, speaker in quoted if a <= token.start < b]
    covering = [h for h in hits if token.index in h.tokens]
    if inside:
        return EXTRA_NOTES["quoted"].format(quote=quote_note(inside[0]))
    if covering and covering[0].category:
        return EXTRA_NOTES["other category"].format(word=covering[0].text, label=CATEGORIES[covering[0].category].label,
                                                    mine=CATEGORIES[category].label)
    if covering:
        return EXTRA_NOTES["other kind"].format(word=covering[0].text, what=lexicon.KINDS[covering[0].kind][1])
    return EXTRA_NOTES["unlisted"]


def compare(tokens: list[Token], marks: dict[int, str], hits: list[Hit], root: str | Path | None = None,
            quoted: list[tuple[int, int, str]] | tuple = ()) -> MarkComparison:
    """Compare a student's marks with the lexicon: per category, agreed, missed and extra words.

    Args:
        tokens: the passage's words (:func:`tokenize`).
        marks: ``{token index: category}``, the words marked.
        hits: the lexicon's matches (:func:`lexicon_hits`).
        root: a case folder (its ``lexicon.csv`` counts for matching by stem), or ``None``.
        quoted: spans inside quotation marks (as for :func:`lexicon_hits`), to explain an extra.

    A listed word or phrase is *agreed* when one of its words is marked in its
    category, else *missed*; a match inside quotation marks is neither (it is
    the speaker's word) and is listed in ``quoted``. A marked word on no list is
    *agreed* when its stem is that of a one-word entry of its category, else *extra*.

    >>> t = tokenize("Critics say he debunks it, perhaps.")
    >>> c = compare(t, {3: "evaluative", 0: "loaded"}, lexicon_hits("Critics say he debunks it, perhaps."))
    >>> c.by_category["evaluative"]["agreed"][0].note, c.by_category["hedge"]["missed"][0].text
    ("by stem: the lexicon lists 'debunked'", 'perhaps')
    """
    out = {name: {"agreed": [], "missed": [], "extra": []} for name in CATEGORIES}
    explained: set[int] = set()
    for h in hits:
        if not h.category or h.in_quote:
            continue
        marked = [i for i in h.tokens if marks.get(i) == h.category]
        out[h.category]["agreed" if marked else "missed"].append(Item(h.text, FAMILY_OF_KIND[h.kind][1]))
        explained.update(marked)
    stems = _stems(root)
    for index in sorted(set(marks) - explained):
        category, token = marks[index], tokens[index]
        listed = stems[category].get(word_stem(token.text))
        inside = any(a <= token.start < b for a, b, _ in quoted)
        if listed and not inside:
            out[category]["agreed"].append(Item(token.text, f"by stem: the lexicon lists {listed!r}"))
        else:
            out[category]["extra"].append(Item(token.text, extra_note(token, category, hits, quoted)))
    return MarkComparison(out, [h for h in hits if h.category and h.in_quote])


def answer_text(tokens: list[Token], marks: dict[int, str] | set[int] | list[int]) -> str:
    """The marked words in reading order, joined by spaces: the answer to a ``text`` question.

    >>> answer_text(tokenize("Peskov swiftly debunked it."), {2: "evaluative"})
    'debunked'
    """
    return " ".join(tokens[i].text for i in sorted(marks) if 0 <= i < len(tokens))


def marks_for_answer(tokens: list[Token], answer: str) -> list[int]:
    """The words to mark again for a saved answer: each answer word matched to the next word of the passage.

    Words of the answer that the passage does not hold (in that order) are passed over.

    >>> marks_for_answer(tokenize("He said, then denied it, then denied it again."), "denied again")
    [3, 8]
    """
    found, at = [], 0
    for word in str(answer).split():
        wanted = lexicon.key(word.strip(".,;:!?\"'“”‘’()"))
        hit = next((t.index for t in tokens[at:] if lexicon.key(t.text) == wanted), None)
        if hit is not None:
            found.append(hit)
            at = hit + 1
    return found


def category_in_prompt(prompt: str, default: str = "loaded") -> str:
    """The category a question's prompt names (by the category's cues), else ``default``.

    >>> category_in_prompt("the reporting verb in A4.S2 that judges"), category_in_prompt("any hedge?")
    ('evaluative', 'hedge')
    """
    folded = prompt.casefold()
    return next((c.name for c in CATEGORIES.values() if any(cue in folded for cue in c.cues)), default)


def sentence_in_prompt(prompt: str, sentence_ids) -> str:
    """The first sentence id of the case that a prompt names, or ``""``.

    >>> sentence_in_prompt("the verb in A1.S5 that judges", ["A1.S4", "A1.S5"])
    'A1.S5'
    """
    known = set(sentence_ids)
    return next((w for w in re.findall(r"\w+\.\w+", prompt) if w in known), "")


class Passage(NamedTuple):
    """A passage to mark: a sentence or a paragraph of an article, cut to :data:`MAX_WORDS` words."""

    pid: str  # a sentence id ("A1.S5"), or an article id and paragraph ("A1.P3")
    article_id: str
    file: str
    sentence_ids: tuple[str, ...]
    offset: int  # where ``text`` starts in the article's raw text
    text: str
    label: str
    note: str  # why the passage is shorter than its paragraph or sentence, or ""


def opening(text: str, n: int = 6) -> str:
    """The first ``n`` words of a text, with "…" when there are more.

    >>> opening("Wharf workers stayed out on Tuesday again", 3)
    'Wharf workers stayed…'
    """
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def cut(text: str, limit: int = MAX_WORDS) -> tuple[str, int]:
    """A text cut after its ``limit``-th word (nothing cut when it has no more), and its number of words.

    >>> cut("one two, three four.", 2)
    ('one two', 4)
    """
    tokens = tokenize(text)
    return (text[: tokens[limit - 1].end] if len(tokens) > limit else text), len(tokens)


def _sentence_passage(row, raw: str, outlet: str) -> Passage:
    text, n = cut(raw[row.start:row.end])
    note = f"This sentence has {n} words; its first {MAX_WORDS} are shown." if n > MAX_WORDS else ""
    return Passage(row.sentence_id, row.article_id, row.file, (row.sentence_id,), int(row.start), text,
                   f"{outlet} · {row.sentence_id} · {opening(row.text)}", note)


def _paragraph_passage(rows: list, raw: str, outlet: str) -> Passage:
    """A paragraph's first sentences, as many as fit in :data:`MAX_WORDS` words (at least one)."""
    total = sum(len(tokenize(raw[r.start:r.end])) for r in rows)
    kept, words = [rows[0]], len(tokenize(raw[rows[0].start:rows[0].end]))
    for r in rows[1:]:
        n = len(tokenize(raw[r.start:r.end]))
        if words + n > MAX_WORDS:
            break
        kept.append(r)
        words += n
    first, last = kept[0], kept[-1]
    text, _ = cut(raw[first.start:last.end])
    note = (f"This paragraph has {total} words; its first {len(kept)} sentence(s) are shown, to keep the words "
            "easy to click. Pick its later sentences one by one in the list." if len(kept) < len(rows) else "")
    ids = tuple(r.sentence_id for r in kept)
    span = ids[0] if len(ids) == 1 else f"{ids[0]}–{ids[-1].split('.')[-1]}"
    return Passage(f"{first.article_id}.P{int(first.paragraph)}", first.article_id, first.file, ids, int(first.start),
                   text, f"{outlet} · paragraph {int(first.paragraph)} ({span}) · {opening(first.text)}", note)


def passages(sentences, articles, raw) -> list[Passage]:
    """Every passage of a case in reading order: each paragraph of two sentences or more, then its sentences.

    Boilerplate (page text) is left out. Articles are named by outlet.

    Args:
        sentences: the case's sentence table (``case.sentences``).
        articles: the case's article table (``case.articles``), for the outlets.
        raw: a function from file name to the article's raw text (``case.raw``).
    """
    outlets = {a: (o if isinstance(o, str) and o.strip() else "outlet not stated")
               for a, o in zip(articles["article_id"], articles["outlet"])}
    report = sentences[sentences["kind"] != "boilerplate"]
    out: list[Passage] = []
    for (_, _), group in report.groupby(["article_id", "paragraph"], sort=False):
        rows = list(group.itertuples())
        text, outlet = raw(rows[0].file), outlets.get(rows[0].article_id, "outlet not stated")
        if len(rows) > 1:
            out.append(_paragraph_passage(rows, text, outlet))
        out.extend(_sentence_passage(r, text, outlet) for r in rows)
    return out


def passage_quotes(quotes, passage: Passage) -> list[tuple[int, int, str]]:
    """The quotation spans of a passage, in its own offsets, with the speaker the quote analysis names.

    Args:
        quotes: the case's quotes (:func:`kit.quotes.extract_quotes`: ``file, start, end, speaker``), or
            their rows as ``(file, start, end, speaker)`` tuples (read once for many passages).
        passage: the passage.
    """
    if hasattr(quotes, "columns"):
        quotes = quote_rows(quotes)
    end = passage.offset + len(passage.text)
    return [(a - passage.offset, b - passage.offset, speaker) for file, a, b, speaker in quotes
            if file == passage.file and a < end and b > passage.offset]


def quote_rows(quotes) -> list[tuple[str, int, int, str]]:
    """The quotes of a case as plain ``(file, start, end, speaker)`` rows (``speaker`` ``""`` when not named).

    >>> import pandas as pd
    >>> quote_rows(pd.DataFrame({"file": ["a.txt"], "start": [3], "end": [9], "speaker": [None]}))
    [('a.txt', 3, 9, '')]
    """
    return [(str(f), int(a), int(b), s if isinstance(s, str) else "")
            for f, a, b, s in zip(quotes["file"], quotes["start"], quotes["end"], quotes["speaker"])]


def richness(hits: list[Hit]) -> tuple[int, int]:
    """How rich a passage is in the writer's own framing words: (categories hit, hits).

    >>> richness(lexicon_hits("Reportedly the regime swiftly acted."))
    (2, 3)
    """
    own = [h for h in hits if h.category and not h.in_quote]
    return len({h.category for h in own}), len(own)


def default_passage(scored: list[tuple[Passage, list[Hit]]]) -> str:
    """The id of the passage richest in framing words (:func:`richness`), the first in reading order on a tie.

    >>> p = Passage("A1.S1", "A1", "a.txt", ("A1.S1",), 0, "x", "", "")
    >>> default_passage([(p, []), (p._replace(pid="A1.S2"), lexicon_hits("The regime may act."))])
    'A1.S2'
    """
    if not scored:
        return ""
    best = max(range(len(scored)), key=lambda i: (*richness(scored[i][1]), -i))
    return scored[best][0].pid
