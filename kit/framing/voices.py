"""Voices: who is quoted or paraphrased in each article, and how many quoted words each gets.

Quotes come from :func:`kit.quotes.extract_quotes`; speakers, titles and
"according to" sources are read by :mod:`kit.attribution`. A *paraphrase* is
a sentence without quotation marks in which a named speaker comes just before
a reporting verb ("Peskov suggested that...") or after "according to".

>>> link_free("[Reuters](https://example.org) said so")
'Reuters said so'
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..attribution import NAME, according_name, person, title_words, unify_speakers
from ..core import lexicon
from ..core.case import resolve_case
from ..core.text import count_words
from ..quotes import extract_quotes
from .words import families, family_pattern

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

NO_SPEAKER = "(no speaker named)"
"""The speaker of a quote whose speaker the text does not name (often a scare quote)."""

VOICE_COLUMNS = ["article_id", "file", "speaker", "quotes", "quoted_words", "paraphrases", "sentence_ids"]
"""The columns of :func:`voices`."""

NOT_SPEAKERS = frozenset(lexicon.words("not_speaker")) | {
    name.lower() for name in (*calendar.day_name, *calendar.month_name) if name
}
"""Capitalised words before a reporting verb that are not a speaker's name (pronouns, days, months)."""

_PRONOUN_SUBJECT = re.compile(r"\b(he|she)\s+(?:[a-z]+ly\s+)?(?:(?:has|had|have|was|were|is)\s+)?$", re.I)
_ACCORDING = re.compile(r"(?i:according to)\s+(?:the\s+)?([^,;]+)")


def link_free(text: str) -> str:
    """Unwrap Markdown links: ``[text](url)`` becomes ``text``.

    >>> link_free("As [the Post](https://example.org) put it")
    'As the Post put it'
    """
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


@lru_cache(maxsize=16)
def _subject_pattern(root: str) -> re.Pattern[str]:
    """A name, titles after it allowed, an auxiliary and an -ly adverb, at the end of the text before a verb."""
    titles = "|".join(re.escape(w) for w in sorted(title_words(root or None), key=len, reverse=True))
    aux = r"(?:(?:has|had|have|was|were|is)\s+)?"
    return re.compile(r"(" + NAME + r")(?:\s+(?:" + titles + r"))*\s+" + aux + r"(?:[a-z]+ly\s+)?" + aux + "$")


def _speaker_of(text: str, verbs: re.Pattern[str] | None, root: str, last: str) -> str:
    """The speaker a sentence without quotes reports ("" if none); ``last`` is the paragraph's last speaker."""
    according = _ACCORDING.search(text)
    match = verbs.search(text) if verbs else None
    if according and (not match or according.start() <= match.start()):
        return according_name(according.group(1), root or None)
    if not match:
        return ""
    before = text[: match.start()]
    if _PRONOUN_SUBJECT.search(before):
        return last
    m = _subject_pattern(root).search(before)
    if m and m.group(1).split()[0].lower() not in NOT_SPEAKERS:
        return re.sub(r"['’]s$", "", person(m.group(1), root or None))
    return ""


def paraphrases(loaded: Case, quotes: pd.DataFrame, reporting: dict[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Return ``(article_id, speaker, sentence_id)`` for sentences that report a named speaker without quoting.

    The speaker must stand right before the first reporting verb (a title, an
    adverb in -ly or an auxiliary may come between: "Kremlin spokesman Dmitry
    Peskov swiftly dismissed"), or follow "according to"; "he"/"she" right
    before the verb is the last speaker named in the same paragraph.

    Args:
        loaded: a loaded case.
        quotes: its quotes (:func:`kit.quotes.extract_quotes`).
        reporting: the reporting verbs in effect (``families(...)["reporting"]``).
    """
    root = str(loaded.path)
    verbs = family_pattern({w: k for w, k in reporting.items() if w != "according to"})
    quoted: dict[str, list[str]] = {}
    for sid, speaker in zip(quotes["sentence_id"], quotes["speaker"]):
        quoted.setdefault(sid, []).append(speaker)
    last_named: dict[tuple[str, int], str] = {}
    found = []
    for s in loaded.sentences.itertuples():
        if s.kind == "headline":
            continue
        where = (s.article_id, int(s.paragraph))
        if s.sentence_id in quoted:
            named = [q for q in quoted[s.sentence_id] if q]
            if named:
                last_named[where] = named[-1]
            continue
        speaker = _speaker_of(link_free(s.text).replace("**", ""), verbs, root, last_named.get(where, ""))
        if speaker:
            last_named[where] = speaker
            found.append((s.article_id, speaker, s.sentence_id))
    return found


def voice_table(loaded: Case, quotes: pd.DataFrame, reporting: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Return :func:`voices` of a loaded case from its quotes and reporting verbs (computed once by the caller).

    Args:
        loaded: a loaded case.
        quotes: its quotes (:func:`kit.quotes.extract_quotes`).
        reporting: the reporting verbs in effect (``families(...)["reporting"]``).
    """
    import pandas as pd

    records = [(q.article_id, q.speaker or NO_SPEAKER, 1, count_words(link_free(q.text)), 0, q.sentence_id)
               for q in quotes.itertuples()]
    records += [(aid, speaker, 0, 0, 1, sid) for aid, speaker, sid in paraphrases(loaded, quotes, reporting)]
    frame = pd.DataFrame(records, columns=["article_id", "speaker", "quotes", "quoted_words", "paraphrases",
                                           "sentence_id"])
    if frame.empty:
        return pd.DataFrame(columns=VOICE_COLUMNS)
    frame["speaker"] = unify_speakers(frame["speaker"])
    order = {sid: i for i, sid in enumerate(loaded.sentences["sentence_id"])}
    frame["_order"] = frame["sentence_id"].map(order)
    frame = frame.sort_values("_order", kind="stable")
    out = frame.groupby(["article_id", "speaker"], sort=False).agg(
        quotes=("quotes", "sum"), quoted_words=("quoted_words", "sum"), paraphrases=("paraphrases", "sum"),
        sentence_ids=("sentence_id", lambda ids: ";".join(dict.fromkeys(ids))),
    ).reset_index()
    out["file"] = out["article_id"].map(dict(zip(loaded.articles["article_id"], loaded.articles["file"])))
    out["_a"] = out["article_id"].str[1:].astype(int)
    out = out.sort_values(["_a", "quoted_words", "quotes", "paraphrases"], ascending=[True, False, False, False],
                          kind="stable")
    return out[VOICE_COLUMNS].reset_index(drop=True)


def voices(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Who speaks in each article: quotes and quoted words per speaker, and paraphrases.

    Quotes come from :func:`kit.quotes.extract_quotes`; a quote whose speaker
    the text does not name counts for ``(no speaker named)`` (often a scare
    quote). A *paraphrase* is a sentence without quotation marks in which a
    named speaker comes just before a reporting verb ("Peskov suggested that...")
    or after "according to"; "he"/"she" is the last speaker named in the article.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, file, speaker, quotes, quoted_words,
        paraphrases, sentence_ids`` (``;``-separated), by article and then by
        quoted words, most first.

    >>> v = voices()
    >>> row = v[(v["article_id"] == "A3") & (v["speaker"] == "Steven Cheung")].iloc[0]
    >>> int(row["quotes"]), int(row["quoted_words"])
    (1, 14)
    """
    loaded = resolve_case(case)
    return voice_table(loaded, extract_quotes(loaded), families(loaded.path)["reporting"])
