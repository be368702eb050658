"""Numbers across articles: the same quantity stated with different figures, with both spans.

A figure copied from report to report drifts: 40 passengers become 45, 1.2
billion becomes 1.5. :func:`quantities` reads every figure of the body text
with the noun it counts ("40 passengers", "$3 billion in aid", "12% of voters");
:func:`number_conflicts` pairs figures of *different* articles that count the
same noun in sentences that share another content word, and whose values
differ. It says what the texts show (two figures for one quantity) and never
why; a conflict may be a typo, an update, or two different counts.

Figures that are no quantities are skipped: years, days of a month, clock
times, ordinals and the counts of the lexicon's ``generic_count`` nouns (days,
times, ...), which differ between articles without contradicting each other.

>>> [(q.value, q.noun) for q in read_quantities("About 1,200 workers and 40% of the staff stayed home in 2024.")]
[(1200.0, 'workers'), (40.0, 'staff')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .core import lexicon
from .core.case import Case, resolve_case
from .answer_match import stem

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["noun", "file", "sentence_id", "figure", "other_file", "other_sentence_id", "other_figure", "explanation"]
"""The columns of :func:`number_conflicts`."""

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_FIGURE = re.compile(
    r"(?<![\w.,/:-])(?P<currency>[$€£])?(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?P<ordinal>st|nd|rd|th)?(?:\s*(?P<percent>%|percent\b|per cent\b))?"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion)\b|(?P<short>k|m|bn)\b)?"
    r"(?P<after>(?:\s+(?:of|in|to)?\s*[A-Za-z][\w'-]*){0,3})"
)
_NOT_A_QUANTITY = re.compile(rf"{_MONTHS}\s*$|\b(?:at|on|in|since|by|from|until)\s*$", re.I)
_CLOCK = re.compile(r"^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|o'clock)", re.I)


@dataclass(frozen=True)
class Quantity:
    """One figure: its value (scaled, e.g. 3 billion = 3e9), the text it was written as and the noun it counts."""

    value: float
    figure: str
    noun: str


def _noun(after: str, root: str | Path | None) -> tuple[str, int]:
    """The counted noun among the words after the figure, and where it ends in ``after`` (``("", 0)``: none).

    Leading stop words are skipped ("40% of the staff"); in the run of words that follows, the first plural
    in lower case is the noun ("34 Russian drones"), else the run's first word ("a $3 billion budget for schools").
    """
    stop = lexicon.words("stopword", root)
    run: list[re.Match[str]] = []
    for m in re.finditer(r"[A-Za-z][\w'-]*", after):
        if lexicon.key(m.group(0)) in stop:
            if run:
                break
            continue
        run.append(m)
    plural = [m for m in run if m.group(0).islower() and m.group(0).endswith("s")]
    chosen = (plural or run or [None])[0]
    return (chosen.group(0).lower(), chosen.end()) if chosen else ("", 0)


def read_quantities(text: str, root: str | Path | None = None) -> list[Quantity]:
    """Every figure of a sentence that counts something, with its noun.

    >>> [(q.value, q.figure) for q in read_quantities("The EU pledged $3 billion in aid on March 5.")]
    [(3000000000.0, '$3 billion in aid')]
    """
    generic = lexicon.words("generic_count", root)
    found = []
    for m in _FIGURE.finditer(text):
        number = float(m["number"].replace(",", ""))
        before = text[: m.start()]
        year_like = not (m["currency"] or m["percent"] or m["scale"]) and 1800 <= number <= 2100 and "," not in m["number"]
        if m["ordinal"] or year_like or _NOT_A_QUANTITY.search(before) or _CLOCK.match(text[m.end("number"):]):
            continue
        noun, end = _noun(m["after"], root)
        if m["percent"] and not noun:
            noun, end = "percent", 0
        if not noun or lexicon.key(noun) in generic:
            continue
        value = number * _SCALE.get((m["scale"] or m["short"] or "").lower(), 1.0)
        found.append(Quantity(value, text[m.start(): m.start("after") + end].strip(), noun))
    return found


def _content(text: str, root: str | Path | None) -> set[str]:
    stop = lexicon.words("stopword", root)
    return {stem(w.lower()) for w in re.findall(r"[A-Za-z][\w'-]+", text) if lexicon.key(w) not in stop}


def quantities(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Every figure of the case's body text: ``file, sentence_id, figure, value, noun, text``."""
    import pandas as pd

    loaded = resolve_case(case)
    root = str(loaded.path)
    body = loaded.sentences[loaded.sentences["kind"] == "body"]
    rows = [
        {"file": file, "sentence_id": sid, "figure": q.figure, "value": q.value, "noun": q.noun, "text": text}
        for file, sid, text in zip(body["file"], body["sentence_id"], body["text"])
        for q in read_quantities(text, root)
    ]
    return pd.DataFrame(rows, columns=["file", "sentence_id", "figure", "value", "noun", "text"])


def number_conflicts(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Pairs of figures from different articles that count the same noun, in related sentences, differently.

    Two sentences are related when, besides the noun, they share a content word
    (a stem that is no stop word). Each pair is listed once, in reading order.

    Returns:
        One row per pair with the columns of :data:`COLUMNS`.
    """
    import pandas as pd

    loaded = resolve_case(case)
    root = str(loaded.path)
    table = quantities(loaded)
    records = table.to_dict("records")
    rows = []
    for i, a in enumerate(records):
        for b in records[i + 1:]:
            if a["file"] == b["file"] or stem(a["noun"]) != stem(b["noun"]) or a["value"] == b["value"]:
                continue
            shared = (_content(a["text"], root) & _content(b["text"], root)) - {stem(a["noun"])}
            if not shared:
                continue
            rows.append({
                "noun": a["noun"], "file": a["file"], "sentence_id": a["sentence_id"], "figure": a["figure"],
                "other_file": b["file"], "other_sentence_id": b["sentence_id"], "other_figure": b["figure"],
                "explanation": (
                    f"{a['sentence_id']} gives '{a['figure']}' and {b['sentence_id']} gives '{b['figure']}' for "
                    f"'{a['noun']}' (both sentences also mention: {', '.join(sorted(shared)[:3])}); "
                    "find the original source's figure before repeating either"
                ),
            })
    return pd.DataFrame(rows, columns=COLUMNS)
