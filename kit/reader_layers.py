"""The layers of the article reader: where each layer's marks come from, as a rule table.

A *layer* is one analysis or key of the kit shown over an article's text:

============ =================================================================================
claims       the case's claim key (``keys/claims.csv``), each claim's quote by its label
quotes       :func:`kit.quotes.trace_quotes`, each quoted passage by its fidelity grade, with
             its speaker
dates        :func:`kit.dates.timeline`, each date or time expression with its resolution
words        :func:`kit.framing.hedges` and :func:`kit.framing.loaded_words`: hedges, certainty
             markers and loaded words (the lexicon's words, matched as the framing measures do)
boilerplate  the sentences of kind ``boilerplate`` (page text), each with the cue that made it so
============ =================================================================================

Every mark is a :class:`Span`: a sentence id and character offsets *within that
sentence's text* (``case.sentences["text"]``), so ``text[start:end]`` is the
marked passage. The analyses give offsets in the raw text (quotes, dates) or a
word per sentence (framing); :func:`raw_to_sentences` and :func:`locate_words`
turn them into sentence offsets. Nothing here looks for a phrase of one story:
every span comes from an analysis or a key of the case.

>>> [name for name in LAYERS]
['claims', 'quotes', 'dates', 'words', 'boilerplate']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .claims.key import claim_key
from .claims.taxonomy import LABELS
from .core import lexicon
from .core.boilerplate import BOILERPLATE, boilerplate_cues
from .core.case import resolve_case
from .core.errors import KitError, NotInCaseError
from .dates.flags import timeline_flags
from .dates.resolve import timeline
from .framing.measures import hedges, loaded_words
from .framing.words import families, family_pattern, is_month
from .quotes.fidelity import GRADES
from .quotes.grouping import trace_quotes

if TYPE_CHECKING:
    import pandas as pd

    from .core.case import Case


class Span(NamedTuple):
    """One mark: a passage of one sentence, with its label (which sets its colour) and a note (its tooltip).

    ``start`` and ``end`` are character offsets within the sentence's normalised text.
    """

    sentence_id: str
    start: int
    end: int
    label: str
    note: str = ""


def article_id_of(case: Case, article_id: object) -> str:
    """Return the case's id for ``article_id`` (``"a2 "`` is ``"A2"``), or raise a one-sentence error naming the ids.

    Raises:
        NotInCaseError: when the case has no such article.

    >>> article_id_of(resolve_case(), " a3")
    'A3'
    >>> article_id_of(resolve_case(), "A9")
    Traceback (most recent call last):
    ...
    kit.core.errors.NotInCaseError: 'A9' is not an article of case 'seeds'; use one of A0, A1, A2, A3, A4.
    """
    ids = [str(a) for a in case.articles["article_id"]]
    wanted = article_id.strip().upper() if isinstance(article_id, str) else article_id
    if wanted in ids:
        return str(wanted)
    raise NotInCaseError(f"{article_id!r} is not an article of case {case.name!r}; use one of {', '.join(ids)}.")


def text_offsets(raw: str) -> list[int | None]:
    """Map each character of a raw passage to its offset in the passage's normalised text (``None``: dropped).

    Normalising collapses every run of white space into one space and drops it at
    both ends (:func:`kit.core.text.normalise_space`); a run maps to its one space.

    >>> text_offsets(" ab \\n c ")
    [None, 0, 1, 2, 2, 2, 3, None]
    """
    out: list[int | None] = [None] * len(raw)
    pos = 0
    pending: list[int] = []  # white space after a word: kept only if another word follows
    seen = False
    for i, ch in enumerate(raw):
        if ch.isspace():
            if seen:
                pending.append(i)
            continue
        if pending:
            for j in pending:
                out[j] = pos
            pos += 1
            pending = []
        out[i] = pos
        pos += 1
        seen = True
    return out


def raw_to_sentences(rows: pd.DataFrame, raw: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Turn a raw span of an article into spans within its sentences: ``(sentence_id, start, end)`` each.

    Args:
        rows: the article's rows of ``case.sentences`` (``sentence_id``, ``start``, ``end``).
        raw: the article's raw text.
        start, end: raw character offsets.

    Returns:
        One span per sentence the raw span overlaps (white space alone marks nothing).

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"sentence_id": ["X1.S1", "X1.S2"], "start": [0, 11], "end": [10, 22]})
    >>> raw_to_sentences(rows, "Dock  one.\\nShips sail.", 6, 16)
    [('X1.S1', 5, 9), ('X1.S2', 0, 5)]
    """
    out = []
    for sid, s, e in zip(rows["sentence_id"], rows["start"], rows["end"]):
        a, b = max(start, int(s)), min(end, int(e))
        if a >= b:
            continue
        offsets = text_offsets(raw[int(s):int(e)])[a - int(s):b - int(s)]
        kept = [o for o, ch in zip(offsets, raw[a:b]) if o is not None and not ch.isspace()]
        if kept:
            out.append((str(sid), kept[0], kept[-1] + 1))
    return out


def find_in(text: str, passage: str) -> tuple[int, int] | None:
    """Find a passage in a sentence's text, any white space matching any white space (``None`` if absent).

    >>> find_in("The port  reopened on Friday.", "port reopened")
    (4, 18)
    """
    parts = passage.split()
    m = re.search(r"\s+".join(re.escape(p) for p in parts), text) if parts else None
    return (m.start(), m.end()) if m else None


def _article(case: Case, article_id: str) -> tuple[pd.DataFrame, str]:
    rows = case.sentences[case.sentences["article_id"] == article_id]
    return rows, case.raw(article_id)


def claim_spans(case: Case, article_id: str) -> list[Span]:
    """The claims of the key in one article, each marked where its quote stands, labelled by the key's label.

    A quote not found in its own sentence is looked for in the raw text from that sentence on.

    >>> claim_spans(resolve_case(), "A3")[0].label in LABELS
    True
    """
    key = claim_key(case)
    key = key[key["article_id"] == article_id]
    rows, raw = _article(case, article_id)
    by_id = rows.set_index("sentence_id")
    spans = []
    for cid, sid, quote, label, who in zip(key["id"], key["sentence_id"], key["quote"], key["label"], key["who_asserts"]):
        if sid not in by_id.index:
            continue
        note = f"{cid}: {str(label).replace('_', ' ')} (who asserts it: {who})"
        found = find_in(str(by_id.loc[sid, "text"]), str(quote))
        if found:
            spans.append(Span(sid, found[0], found[1], str(label), note))
            continue
        origin = int(by_id.loc[sid, "start"])
        hit = find_in(raw[origin:], str(quote))
        if hit:
            spans += [Span(s, a, b, str(label), note) for s, a, b in raw_to_sentences(rows, raw, origin + hit[0], origin + hit[1])]
    return spans


def quote_spans(case: Case, article_id: str) -> list[Span]:
    """The quoted passages of one article, labelled by fidelity grade, with speaker and grade in the note.

    >>> quote_spans(resolve_case(), "A3")[0].label in GRADES
    True
    """
    table = trace_quotes(case)
    table = table[table["article_id"] == article_id]
    rows, raw = _article(case, article_id)
    spans = []
    for q in table.itertuples():
        grade = str(q.match) if isinstance(q.match, str) and q.match else "unique"
        speaker = q.speaker if isinstance(q.speaker, str) and q.speaker else "not found"
        basis = f", compared with the reference rendering {q.reference}" if grade not in ("reference", "unique") else ""
        note = f"{q.quote_id}: speaker {speaker}; {grade}{basis}"
        spans += [Span(s, a, b, grade, note) for s, a, b in raw_to_sentences(rows, raw, int(q.start), int(q.end))]
    return spans


def date_spans(case: Case, article_id: str) -> list[Span]:
    """The date and time expressions of one article, labelled resolved or not, the resolution in the note.


    A date the timeline flags (an anachronism, a clock that stopped, a conflict with the case's events) is
    labelled ``flagged``, with the flag's explanation in the note.

    >>> {s.label for s in date_spans(resolve_case(), "A3")} <= {"resolved", "not resolved", "flagged"}
    True
    >>> any(s.label == "flagged" and "anachronism" in s.note for s in date_spans(resolve_case(), "A4"))
    True
    """
    table = timeline(case)
    table = table[table["article_id"] == article_id]
    rows, raw = _article(case, article_id)
    marks: dict[tuple[int, int], tuple[str, str]] = {}
    for expression, where, resolved, basis, confidence in zip(
            table["expression"], table["span"], table["resolved"], table["basis"], table["confidence"]):
        done = isinstance(resolved, str) and bool(resolved)
        said = f"{resolved} ({basis}; confidence {confidence})" if done else f"not resolved ({basis})"
        marks[_offsets(where)] = ("resolved" if done else "not resolved", f"{expression} → {said}")
    flags = timeline_flags(case)
    for kind, where, explanation in (zip(*(flags[flags["article_id"] == article_id][c] for c in ("kind", "span",
                                                                                             "explanation")))):
        at = _offsets(where)  # a flag on a date expression joins its mark; a flag on other words gets its own
        before = marks[at][1] + "; " if at in marks else ""
        marks[at] = ("flagged", f"{before}flagged, {str(kind).replace('_', ' ')}: {explanation}")
    return [Span(s, a, b, label, note) for (start, end), (label, note) in sorted(marks.items())
            for s, a, b in raw_to_sentences(rows, raw, start, end)]


def _offsets(where: object) -> tuple[int, int]:
    start, end = (int(x) for x in str(where).split(":"))
    return start, end


WORD_FAMILIES = (("epistemic", hedges, "hedge or certainty marker"), ("loaded", loaded_words, "loaded word"))
"""The framing families the words layer shows: family, the framing function that lists its matches, what a match is."""


def locate_words(text: str, words: list[str], pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """Find the listed words in a sentence in order, matching as the framing scan did (one span per listed word).

    ``words`` are the matches the framing functions listed for this sentence (lexicon keys, in reading order);
    ``pattern`` is the family's pattern (:func:`kit.framing.words.family_pattern`). A match the scan did not
    list (the month "May", see :func:`kit.framing.words.is_month`) is skipped.

    >>> from kit.core.lexicon import word_pattern
    >>> locate_words("It is clear that May 5 may matter.", ["it is clear", "may"], word_pattern(["it is clear", "may"]))
    [(0, 11), (23, 26)]
    """
    out: list[tuple[int, int]] = []
    wanted = list(words)
    for m in (pattern.finditer(text) if pattern is not None else []):
        if not wanted:
            break
        if lexicon.key(m.group(1)) == wanted[0] and not is_month(text, m):
            out.append((m.start(1), m.end(1)))
            wanted.pop(0)
    return out


def word_spans(case: Case, article_id: str) -> list[Span]:
    """The hedges, certainty markers and loaded words of one article, labelled by their kind.

    >>> {s.label for s in word_spans(resolve_case(), "A0")} >= {"hedge", "certainty"}
    True
    """
    rows, _ = _article(case, article_id)
    text_of = dict(zip(rows["sentence_id"], rows["text"]))
    word_families = families(case.path)
    spans = []
    for family, lister, what in WORD_FAMILIES:
        found = lister(case)
        found = found[found["article_id"] == article_id]
        pattern = family_pattern(word_families[family])
        for sid, group in found.groupby("sentence_id", sort=False):
            words, kinds, quoted = list(group["word"]), list(group["kind"]), list(group["in_quote"])
            for (a, b), kind, in_quote in zip(locate_words(text_of[sid], words, pattern), kinds, quoted):
                whose = "; inside a quote: the speaker's word, not counted in the framing measures" if in_quote else ""
                spans.append(Span(sid, a, b, str(kind), f"{kind} ({what}, from the lexicon){whose}"))
    return spans


def boilerplate_spans(case: Case, article_id: str) -> list[Span]:
    """The sentences of kind ``boilerplate`` (page text), each wholly marked, the cue that made it so in the note.

    >>> spans = boilerplate_spans(resolve_case(), "A2")
    >>> spans[0].start, spans[0].label
    (0, 'page text')
    """
    rows, _ = _article(case, article_id)
    cues = boilerplate_cues(list(zip(rows["paragraph"], rows["kind"], rows["text"])), case.path)
    return [Span(sid, 0, len(text), "page text", f"page text, not the report ({cue or 'marked when the case loaded'})")
            for sid, kind, text, cue in zip(rows["sentence_id"], rows["kind"], rows["text"], cues) if kind == BOILERPLATE]


def has_claims(case: Case) -> bool:
    """Tell whether the case has a claim key with rows."""
    table = case.keys.get("claims")
    return table is not None and not table.empty


def always(case: Case) -> bool:
    """Every case can be analysed for this layer (no key needed)."""
    return True


class Layer(NamedTuple):
    """One layer of the reader: its button title, how its spans are found, and how they are shown.

    ``tones`` maps a span's label to a colour name of ``PALETTE["reader"]`` (a label not listed takes
    ``tones["*"]``); ``style`` is the CSS of its marks with ``{colour}``; ``depth`` orders nested marks
    (smaller is outer); ``available`` tells whether the case has the data, ``missing`` says in one
    line what is missing when it has not, and ``none`` what the legend says when the article has no mark.
    """

    title: str
    finds: Callable[[Case, str], list[Span]]
    source: str
    tones: dict[str, str]
    style: str
    depth: int
    available: Callable[[Case], bool]
    missing: str
    none: str


_QUOTE_TONES = {"reference": "quote_faithful", "unique": "quote_faithful", "verbatim": "quote_faithful",
                "truncated": "quote_cut", "extended": "quote_cut", "*": "quote_altered"}
_WORD_TONES = {"hedge": "hedge", "certainty": "certainty", "*": "loaded"}

LAYERS: dict[str, Layer] = {
    "claims": Layer("Claims", claim_spans, "the case's claim key (keys/claims.csv), by label",
                    {**{label: label for label in LABELS}, "*": "claim_other"},
                    "background:{colour};color:inherit;border-radius:2px", 1, has_claims,
                    "this case has no claim key (keys/claims.csv), so no claim is marked.",
                    "the claim key has no claim in this article."),
    "quotes": Layer("Quotes", quote_spans, "kit.trace_quotes: each quoted passage, its speaker and fidelity grade",
                    _QUOTE_TONES, "background:transparent;color:inherit;border-bottom:3px solid {colour}", 2, always,
                    "", "no quoted passage was found in this article."),
    "dates": Layer("Dates", date_spans, "kit.timeline: each date or time expression, what it resolves to, and what kit.timeline_flags flags",
                   {"resolved": "date_resolved", "flagged": "date_flagged", "*": "date_unresolved"},
                   "background:transparent;color:inherit;outline:2px dashed {colour};outline-offset:1px", 4, always,
                   "", "no date or time expression was found in this article."),
    "words": Layer("Hedges and loaded words", word_spans,
                   "the lexicon's hedges, certainty markers and loaded words (kit.hedges, kit.loaded_words)",
                   _WORD_TONES, "background:transparent;color:inherit;text-decoration:underline wavy {colour};"
                   "text-decoration-thickness:2px;text-underline-offset:3px", 3, always,
                   "", "no hedge, certainty marker or loaded word was found in this article."),
    "boilerplate": Layer("Page text", boilerplate_spans,
                         "sentences of the page around the article (kind boilerplate), left out of the measures",
                         {"*": "boilerplate"}, "background:transparent;color:{colour};font-style:italic", 0, always,
                         "", "no sentence of this article is page text."),
}
"""The reader's layers, in the order of their buttons (see the module docstring)."""


def check_layers(layers) -> tuple[str, ...]:
    """Return the chosen layers as a tuple in :data:`LAYERS` order, or raise a one-sentence error.

    >>> check_layers(["dates", "claims"]), check_layers("quotes"), check_layers(None)
    (('claims', 'dates'), ('quotes',), ())
    """
    chosen = [layers] if isinstance(layers, str) else list(layers or ())
    unknown = [name for name in chosen if name not in LAYERS]
    if unknown:
        raise KitError(f"{unknown[0]!r} is not a layer of the reader; use any of {', '.join(LAYERS)}.")
    return tuple(name for name in LAYERS if name in chosen)


def layer_spans(case: Case | str | Path | None, article_id: str, layer: str) -> list[Span]:
    """Return the marks of one layer in one article, in reading order (``[]`` when the case lacks its data).

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.
        article_id: an article id such as ``"A2"``.
        layer: a name of :data:`LAYERS`.

    Raises:
        NotInCaseError: for an article id the case does not have (the message names its ids).
        KitError: for an unknown layer.

    >>> span = layer_spans(None, "A3", "quotes")[0]
    >>> sentence = resolve_case().sentence(span.sentence_id)
    >>> sentence[span.start:span.end] in sentence
    True
    """
    loaded = resolve_case(case)
    aid = article_id_of(loaded, article_id)
    (name,) = check_layers([layer])
    rule = LAYERS[name]
    if not rule.available(loaded):
        return []
    order = {sid: i for i, sid in enumerate(loaded.sentences.loc[loaded.sentences["article_id"] == aid, "sentence_id"])}
    return sorted(rule.finds(loaded, aid), key=lambda s: (order[s.sentence_id], s.start, -s.end, s.label, s.note))
