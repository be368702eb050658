"""The framing word families, read from the kit's lexicon, and where they occur in a case.

The measures look for three families of words, all kept in
:mod:`kit.core.lexicon` (a case's ``lexicon.csv`` extends them):

* ``reporting``: reporting verbs, ``neutral`` or ``evaluative``. Verbs whose
  lexicon value is ``near_quote`` ("claims", "states") are left out: they are
  verbs only right beside a quotation, and elsewhere a noun or a name
  ("these claims", "United States");
* ``epistemic``: ``hedge`` and ``certainty`` markers;
* ``loaded``: ``label``, ``discrediting``, ``intensifier`` and ``emotive``
  words, and ``case lexicon`` for a case's loaded word of no subtype.

Rules of matching: words are matched whole, ignoring case; in a phrase any
white space matches any white space, and ’ matches '. The longest entry wins
("it is unclear" is one hedge, not also "unclear"). "May" with a capital next
to a number is the month, not a hedge. A match inside quotation marks is the
speaker's word, not the writer's: it is listed with ``in_quote=True``.
Sentences of kind ``boilerplate`` (page text: share prompts, disclaimers; see
:mod:`kit.core.boilerplate`) are not the article's words and are not scanned.

>>> fams = families()
>>> fams["reporting"]["debunked"], fams["loaded"]["regime"], "claims" in fams["reporting"]
(('evaluative', 'kit'), ('label', 'kit'), False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import lexicon
from ..core.boilerplate import BOILERPLATE

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

FAMILY_OF_KIND = {
    "reporting_neutral": ("reporting", "neutral"),
    "reporting_evaluative": ("reporting", "evaluative"),
    "hedge": ("epistemic", "hedge"),
    "certainty": ("epistemic", "certainty"),
    "loaded_label": ("loaded", "label"),
    "loaded_discrediting": ("loaded", "discrediting"),
    "loaded_intensifier": ("loaded", "intensifier"),
    "loaded_emotive": ("loaded", "emotive"),
    "loaded": ("loaded", "case lexicon"),
}
"""Lexicon kind -> (framing family, kind shown in the framing tables)."""

FAMILIES = ("reporting", "epistemic", "loaded")
"""The word families of the framing measures, in the order of :func:`kit.framing.framing_lexicon`."""

INSTANCE_COLUMNS = ["article_id", "file", "sentence_id", "{word}", "kind", "in_quote", "source", "sentence"]
"""The columns of a list of matches (``{word}`` is ``verb`` for reporting verbs, else ``word``)."""

Families = dict[str, dict[str, tuple[str, str]]]


def families(root: str | Path | None = None) -> Families:
    """Return the word lists in effect, by family: ``{family: {word: (kind, source)}}``.

    Args:
        root: a case folder (its ``lexicon.csv`` counts), or ``None`` for the kit's words alone.

    Raises:
        CaseError: when the case's ``lexicon.csv`` is malformed.

    >>> families()["epistemic"]["it is clear"]
    ('certainty', 'kit')
    """
    out: Families = {family: {} for family in FAMILIES}
    for entry in lexicon.entries(root):
        if entry.kind in FAMILY_OF_KIND and entry.value != lexicon.NEAR_QUOTE:
            family, kind = FAMILY_OF_KIND[entry.kind]
            out[family][lexicon.key(entry.word)] = (kind, entry.source)
    return out


@lru_cache(maxsize=64)
def _compiled(words: tuple[str, ...]) -> re.Pattern[str] | None:
    return lexicon.word_pattern(words)


def family_pattern(word_map) -> re.Pattern[str] | None:
    """Return the regex of a family's words (group 1 = the word), compiled once per word list.

    >>> family_pattern({"it is clear": ("certainty", "kit"), "clear": ("x", "kit")}).search("It is clear.").group(1)
    'It is clear'
    """
    return _compiled(tuple(sorted(word_map)))


def quoted_spans(quotes: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """Return the raw spans inside quotation marks, by file, from a table of :func:`kit.quotes.extract_quotes`.

    >>> import pandas as pd
    >>> quoted_spans(pd.DataFrame({"file": ["a.txt"], "start": [3], "end": [9]}))
    {'a.txt': [(3, 9)]}
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    for file, start, end in zip(quotes["file"], quotes["start"], quotes["end"]):
        spans.setdefault(file, []).append((int(start), int(end)))
    return spans


def is_month(text: str, m: re.Match[str]) -> bool:
    """"May" with a capital next to a number ("5 May", "May 2025") is the month, not a hedge.

    >>> from kit.core.lexicon import word_pattern
    >>> is_month("Due May 5.", word_pattern(["may"]).search("Due May 5.")), is_month("It may rain.", word_pattern(["may"]).search("It may rain."))
    (True, False)
    """
    return m.group(1) == "May" and bool(re.match(r"\s+\d", text[m.end():]) or re.search(r"\d\s+$", text[:m.start()]))


def _is_month(family: str, piece: str, m: re.Match[str]) -> bool:
    return family == "epistemic" and is_month(piece, m)


def scan(loaded: Case, family: str, word_map: dict[str, tuple[str, str]],
         quoted: dict[str, list[tuple[int, int]]]) -> pd.DataFrame:
    """List every match of one family's words in a case, sentence by sentence (boilerplate left out).

    Args:
        loaded: a loaded case.
        family: ``reporting``, ``epistemic`` or ``loaded`` (names the word column).
        word_map: the family's words, ``{word: (kind, source)}`` (from :func:`families`).
        quoted: spans inside quotation marks by file (from :func:`quoted_spans`).

    Returns:
        A DataFrame with :data:`INSTANCE_COLUMNS`, in reading order.
    """
    import pandas as pd

    column = "verb" if family == "reporting" else "word"
    columns = [c.format(word=column) for c in INSTANCE_COLUMNS]
    pattern = family_pattern(word_map)
    rows = []
    report = loaded.sentences[loaded.sentences["kind"] != BOILERPLATE]
    for s in (report.itertuples() if pattern is not None else []):
        piece = loaded.raw(s.file)[s.start:s.end]
        for m in pattern.finditer(piece):
            if _is_month(family, piece, m):
                continue
            word = lexicon.key(m.group(1))
            kind, source = word_map.get(word, ("", ""))
            at = s.start + m.start()
            in_quote = any(a <= at < b for a, b in quoted.get(s.file, []))
            rows.append((s.article_id, s.file, s.sentence_id, word, kind, in_quote, source, s.text))
    return pd.DataFrame(rows, columns=columns)
