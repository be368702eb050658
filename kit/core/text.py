"""Text handling: paragraphs, sentences and exact quotes in raw article text.

Articles are kept exactly as they were captured. Analyses work on a
*normalised* text in which hard line breaks inside a paragraph are joined
with a single space; every sentence keeps its character span in the raw
text, so a quote can always be shown exactly as the article printed it.

The rules (documented in the README, section "How the kit reads an article"):

1. A file is *hard-wrapped* when most of its lines were broken at a fixed
   width (90% of its non-empty lines are at most 110 characters and at least
   half of them are longer than 60% of the longest line, and at least 40% of
   them end in the middle of a sentence). In such a file a
   single line break is a soft break: the lines are joined with a space. A
   blank line ends a paragraph, and so does a line that starts with a space
   after a line that ends a sentence (the indent some sites use).
2. In any other file every line is a paragraph.
3. In every file, a break (even across blank lines) is joined when the line
   before ends without punctuation and the next line starts with a lower-case
   letter: the sentence was cut in two when the page was captured.
4. When the case's metadata gives a headline and the article begins with it
   (spacing and line breaks aside), the headline is one sentence of its own,
   of kind ``headline``, even if it was broken across lines.
5. Paragraphs are split into sentences with pysbd (rule-based, offline);
   fragments without any letter or digit (such as a stray ``.``) are joined
   to the sentence before them.
6. A sentence of the page around the article (a comment form, a share prompt,
   a disclaimer, a line of navigation words) is of kind ``boilerplate``
   (:mod:`kit.core.boilerplate`): kept in the text, with its place and id, but
   left out of claims and measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .boilerplate import BOILERPLATE, boilerplate_cues

_TERMINAL = tuple(".?!:;\"'”’)»…*")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its normalised text and its span in the raw text.

    ``kind`` is ``"headline"``, ``"body"`` or ``"boilerplate"`` (text of the page, not of the report).
    """

    paragraph: int
    kind: str
    text: str
    start: int
    end: int


def count_words(text: str) -> int:
    """Count the words in ``text`` (letters and digits, with inner apostrophes and hyphens).

    Args:
        text: any text.

    Returns:
        The number of words.

    >>> count_words("Trump’s call — a “pure fiction”, Peskov said.")
    7
    """
    return len(_WORD.findall(text))


def normalise_space(text: str) -> str:
    """Collapse every run of white space (line breaks included) into one space.

    >>> normalise_space(" The Kremlin Said Trump-Putin Phone\\nCall Never Happened. Why?\\n")
    'The Kremlin Said Trump-Putin Phone Call Never Happened. Why?'
    """
    return " ".join(text.split())


def _quote_pattern(quote: str) -> re.Pattern[str]:
    parts = quote.split()
    return re.compile(r"\s+".join(re.escape(p) for p in parts))


def find_quote(raw: str, quote: str) -> tuple[int, int] | None:
    """Find ``quote`` in ``raw`` exactly, except that any white space matches any white space.

    A quote copied from the normalised text therefore still matches an article
    whose lines were hard-wrapped. Nothing else is forgiven: curly and straight
    quotation marks, typos and capitals must be as printed.

    Args:
        raw: the article's raw text.
        quote: the passage to look for.

    Returns:
        ``(start, end)`` character offsets in ``raw`` of the first match, or ``None``.

    >>> find_quote("It is pure\\nfiction, simply fake news", "pure fiction")
    (6, 18)
    >>> find_quote("It is pure fiction", "Pure fiction") is None
    True
    """
    if not quote.split():
        return None
    m = _quote_pattern(quote).search(raw)
    return (m.start(), m.end()) if m else None


def _lines(raw: str) -> list[tuple[int, int]]:
    """Spans of the lines of ``raw``, without their line-break characters."""
    spans = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        spans.append((pos, pos + len(content)))
        pos += len(line)
    return spans


def is_hard_wrapped(raw: str) -> bool:
    """Tell whether the text was broken into lines of a fixed width (rule 1 above).

    >>> is_hard_wrapped("one long paragraph on a single line. " * 20)
    False
    >>> is_hard_wrapped(("a line of text that was wrapped at a fixed width\\n") * 10)
    True
    """
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    lengths = sorted(len(line) for line in lines)
    if len(lengths) < 5:
        return False
    mid_sentence = sum(1 for line in lines if not _ends_sentence(line))
    if mid_sentence < 0.4 * len(lines):  # most lines end a sentence: they are paragraphs
        return False
    p90 = lengths[max(0, int(len(lengths) * 0.9) - 1)]
    longest = lengths[-1]
    long_enough = sum(1 for n in lengths if n > 0.6 * longest)
    return p90 <= 110 and long_enough >= 0.5 * len(lengths)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def _starts_lower(text: str) -> bool:
    s = text.lstrip()
    return bool(s) and s[0].islower()


def _headline_lines(raw: str, spans: list[tuple[int, int, bool]], headline: str) -> tuple[list[tuple[int, int]] | None, int]:
    """Rule 4: the raw spans of a headline at the top of the text (line breaks aside) and the index of the next line.

    ``(None, 0)`` when the text does not begin with the headline.
    """
    if not headline.split():
        return None, 0
    first = next((k for k, s in enumerate(spans) if s[1] > s[0]), None)
    if first is None:
        return None, 0
    m = _quote_pattern(headline).match(raw, spans[first][0])
    if not m:
        return None, 0
    head_lines = []
    k = first
    while k < len(spans) and spans[k][0] < m.end():
        if spans[k][1] > spans[k][0]:
            head_lines.append((spans[k][0], min(spans[k][1], m.end())))
        k += 1
    return head_lines, k


def paragraphs(raw: str, headline: str = "") -> list[tuple[str, list[tuple[int, int]]]]:
    """Split raw text into paragraphs, each a kind and the raw spans of its lines.

    Args:
        raw: the article's raw text.
        headline: the headline from the metadata, or ``""``.

    Returns:
        A list of ``(kind, spans)``; ``kind`` is ``"headline"`` or ``"body"``
        and ``spans`` are ``(start, end)`` offsets of the stripped lines.

    >>> [(k, len(s)) for k, s in paragraphs("Title on\\ntwo lines\\nBody one.\\nBody two.", "Title on two lines")]
    [('headline', 2), ('body', 1), ('body', 1)]
    """
    wrapped = is_hard_wrapped(raw)
    spans = []
    for start, end in _lines(raw):
        text = raw[start:end]
        lead = len(text) - len(text.lstrip())
        stripped_end = start + len(text.rstrip())
        spans.append((start + lead, stripped_end, lead > 0))

    result: list[tuple[str, list[tuple[int, int]]]] = []
    head_lines, i = _headline_lines(raw, spans, headline)
    if head_lines is not None:
        result.append(("headline", head_lines))
    current: list[tuple[int, int]] = []
    blank_since = False
    for start, end, indented in spans[i:]:
        if end <= start:
            blank_since = True
            continue
        line = raw[start:end]
        if current:
            prev = raw[current[-1][0] : current[-1][1]]
            if not _ends_sentence(prev) and _starts_lower(line):
                join = True  # rule 3
            elif blank_since:
                join = False
            elif wrapped:
                join = not (indented and _ends_sentence(prev))  # rule 1
            else:
                join = False  # rule 2
            if not join:
                result.append(("body", current))
                current = []
        current.append((start, end))
        blank_since = False
    if current:
        result.append(("body", current))
    return result


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd  # imported lazily: only loading a case needs it

    return pysbd.Segmenter(language="en", clean=False)


CHUNK_CHARS = 4000
"""A paragraph longer than this is handed to the sentence splitter in pieces (its time grows with the square
of what it gets at once); every paragraph of an ordinary article is shorter, and is split whole."""
_BREAK = re.compile(r"[.!?][\"'\u2019\u201d)]*\s+(?=[\"'\u2018\u201c(]*[A-Z0-9])")


def chunks(paragraph: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Cut a long paragraph into pieces of at most ``limit`` characters, each ending where a sentence likely ends.

    The pieces join back into the paragraph exactly. A piece ends after the last
    sentence end (``.``, ``!`` or ``?`` then a space and a capital or digit) within
    the limit; failing that, at the last space; failing that, at the limit.

    >>> chunks("One. Two. Three.", limit=10)
    ['One. Two. ', 'Three.']
    >>> "".join(chunks("x" * 25, limit=10)) == "x" * 25
    True
    """
    out: list[str] = []
    rest = paragraph
    while len(rest) > limit:
        window = rest[: limit + 1]
        ends = [m.end() for m in _BREAK.finditer(window) if m.end() <= limit]
        cut = ends[-1] if ends else (window[:limit].rfind(" ") + 1 or limit)
        out.append(rest[:cut])
        rest = rest[cut:]
    out.append(rest)
    return out


def _has_alnum(text: str) -> bool:
    return any(c.isalnum() for c in text)


def split_sentences(raw: str, headline: str = "", root: str | Path | None = None) -> list[Sentence]:
    """Split an article into sentences with their spans in the raw text.

    A sentence's ``text`` is its raw span with white space normalised (one
    space between words, no tab or line break): ``normalise_space(raw[start:end]) == text``.
    Sentences of the page around the article get the kind ``boilerplate`` (rule 6);
    marking them never changes how the text is split.

    Args:
        raw: the article's raw text.
        headline: the headline from the metadata, or ``""``.
        root: the case folder, whose ``lexicon.csv`` may add boilerplate phrases (the kit's alone when ``None``).

    Returns:
        The sentences in reading order.

    >>> [s.text for s in split_sentences("It is\\nclear. Is it?\\n\\nYes.")]
    ['It is clear.', 'Is it?', 'Yes.']
    >>> split_sentences("Tabs\\tand  double  spaces.")[0].text
    'Tabs and double spaces.'
    >>> [s.kind for s in split_sentences("The port reopened.\\nLeave a comment")]
    ['body', 'boilerplate']
    """
    out = _split(raw, headline)
    cues = boilerplate_cues([(s.paragraph, s.kind, s.text) for s in out], root)
    return [replace(s, kind=BOILERPLATE) if cue else s for s, cue in zip(out, cues)]


def _normalised(raw: str, lines: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """The paragraph's lines joined by single spaces, and the raw offset of each of its characters."""
    chars: list[str] = []
    where: list[int] = []
    for start, end in lines:
        if chars:
            chars.append(" ")
            where.append(start)
        chars.extend(raw[start:end])
        where.extend(range(start, end))
    return "".join(chars), where


BATCH_CHARS = 1200
"""Short paragraphs are handed to the sentence splitter together, up to about this many characters (a call
costs about as much for one short paragraph as for four); each batch is checked, see :func:`segment_paragraphs`."""
_SEPARATOR = "\n\n"


def _batch(texts: list[str]) -> list[list[str]] | None:
    """Segment paragraphs in one call; ``None`` unless every piece lies inside one paragraph and covers it."""
    pieces = [p.strip() for p in _segmenter().segment(_SEPARATOR.join(texts)) if p.strip()]
    out: list[list[str]] = [[] for _ in texts]
    i, cursor = 0, 0
    for piece in pieces:
        while i < len(texts) and texts[i].find(piece, cursor) < 0:
            i, cursor = i + 1, 0
        if i == len(texts) or _SEPARATOR in piece:
            return None
        out[i].append(piece)
        cursor = texts[i].find(piece, cursor) + len(piece)
    same = all("".join(got).replace(" ", "") == text.replace(" ", "") for got, text in zip(out, texts))
    return out if same else None


def segment_paragraphs(texts: list[str]) -> list[list[str]]:
    """Split paragraphs into sentence pieces with pysbd, short ones several to a call.

    A batch whose pieces do not each lie inside one paragraph and cover it exactly is split again
    paragraph by paragraph, so the result is always what splitting each paragraph alone gives at
    paragraph boundaries; a paragraph longer than :data:`CHUNK_CHARS` goes in :func:`chunks`.

    >>> segment_paragraphs(["One. Two.", "Three."])
    [['One.', 'Two.'], ['Three.']]
    """
    def alone(text: str) -> list[str]:
        return [p.strip() for chunk in chunks(text) for p in _segmenter().segment(chunk)]

    out: list[list[str]] = []
    group: list[str] = []
    for text in [*texts, None]:
        if group and (text is None or len(text) >= CHUNK_CHARS or sum(map(len, group)) + len(text) > BATCH_CHARS):
            out.extend(_batch(group) or [alone(t) for t in group] if len(group) > 1 else [alone(group[0])])
            group = []
        if text is not None and len(text) >= CHUNK_CHARS:
            out.append(alone(text))
        elif text is not None:
            group.append(text)
    return out


def _split(raw: str, headline: str) -> list[Sentence]:
    """Split an article into headline and body sentences (rules 1 to 5)."""
    out: list[Sentence] = []
    parts = [(number, kind, *_normalised(raw, lines)) for number, (kind, lines) in enumerate(paragraphs(raw, headline), 1)]
    body = iter(segment_paragraphs([norm for _, kind, norm, _ in parts if kind != "headline"]))
    for number, kind, norm, where in parts:
        pieces = [norm] if kind == "headline" else next(body)
        cursor = 0
        spans: list[tuple[int, int]] = []
        for piece in pieces:
            if not piece:
                continue
            at = norm.find(piece, cursor)
            if at < 0:  # pysbd changed the text: fall back to the rest of the paragraph
                at = cursor
                piece = norm[cursor:].strip()
            if spans and not _has_alnum(piece):
                spans[-1] = (spans[-1][0], at + len(piece))
            else:
                spans.append((at, at + len(piece)))
            cursor = at + len(piece)
        for a, b in spans:  # the text is normalised (tabs, double spaces); the raw span is kept as is
            out.append(Sentence(number, kind, normalise_space(norm[a:b]), where[a], where[b - 1] + 1))
    return out
