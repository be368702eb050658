"""Lesson 02, step 1: find every quoted passage of a case, with its sentence, speaker and reporting verb.

Works on any case. Quote spans, speakers and verbs come from
:mod:`kit.attribution` (the one module that answers "who said this?"):
"he"/"she" is resolved to the previous named speaker in the same article,
and short names to the full name used elsewhere ("Peskov" -> "Dmitry Peskov").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..attribution import PRONOUNS, attribute, find_spans, ordinal_referent, unify_speakers
from ..core.case import resolve_case
from ..core.text import normalise_space, paragraphs

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

QUOTE_COLUMNS = ["quote_id", "article_id", "file", "sentence_id", "start", "end", "speaker", "verb", "text", "problem"]


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
            for span in find_spans(raw, lines[0][0], lines[-1][1]):
                k = next((j for j in range(len(starts)) if starts[j] <= span.start < max(ends[j], starts[j] + 1)), None)
                if k is None:
                    k = max((j for j in range(len(starts)) if starts[j] <= span.start), default=0)
                text = normalise_space(raw[span.start : span.end])
                speaker = verb = ""
                if text:
                    sentence = texts[k]
                    offset = locate(sentence, text)
                    if offset is not None:
                        speaker, verb = attribute(sentence, offset, offset + len(text), loaded.path)
                        speaker = speaker or ordinal_referent(sentence[:offset], texts[k - 1] if k else "")
                if speaker in PRONOUNS:
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


def locate(sentence: str, text: str) -> int | None:
    """Return where a quote's words start in a normalised sentence (any white space between them), or ``None``.

    >>> locate("He said  it is  true.", "it is true")
    9
    """
    parts = text.split()
    m = re.search(r"\s+".join(re.escape(p) for p in parts), sentence) if parts else None
    return m.start() if m else None
