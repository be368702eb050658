"""Framing measures on any case: reporting verbs, hedges, loaded words, and one flat row per article.

No key is needed. Every match is listed with its sentence id; a match inside
quotation marks is the speaker's word, not the writer's, and is listed with
``in_quote=True`` but **not counted** in :func:`framing_measures`. Rates are per
1,000 words of the article's report (:func:`report_words`: the headline included,
boilerplate such as share prompts and disclaimers left out), so long and short
articles compare. The words come
from the kit's lexicon (see :mod:`kit.framing.words`).

>>> MEASURE_COLUMNS[:3]
['file', 'article_id', 'outlet']
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.boilerplate import BOILERPLATE
from ..core.case import resolve_case
from ..core.text import count_words
from ..quotes import extract_quotes
from .headlines import headline_kind
from .voices import NO_SPEAKER, voice_table
from .words import FAMILIES, families, quoted_spans, scan

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

MEASURE_COLUMNS = [
    "file", "article_id", "outlet", "genre", "words", "headline_kind",
    "reporting_neutral", "reporting_evaluative", "reporting_neutral_per_1000", "reporting_evaluative_per_1000",
    "evaluative_share", "hedges", "hedges_per_1000", "certainty", "certainty_per_1000", "loaded",
    "loaded_per_1000", "voices", "quotes", "quoted_words", "quoted_share", "top_voice",
]
"""The columns of :func:`framing_measures` (and of ``python -m kit export framing``)."""

TEXT_COLUMNS = ("file", "article_id", "outlet", "genre", "headline_kind", "top_voice")
"""The columns of :data:`MEASURE_COLUMNS` that are not numbers."""


def _scan_family(case, family: str) -> pd.DataFrame:
    loaded = resolve_case(case)
    return scan(loaded, family, families(loaded.path)[family], quoted_spans(extract_quotes(loaded)))


def reporting_verbs(case: Case | str | Path | None = None) -> pd.DataFrame:
    """List every reporting verb of a case, marked neutral or evaluative, with its sentence id.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, file, sentence_id, verb, kind`` (``neutral``
        or ``evaluative``), ``in_quote`` (inside quotation marks: the speaker's
        word, not counted in :func:`framing_measures`), ``source`` and ``sentence``.

    >>> verbs = reporting_verbs()
    >>> verbs.loc[verbs["sentence_id"] == "A1.S5", ["verb", "kind"]].values.tolist()
    [['debunked', 'evaluative'], ['stating', 'neutral']]
    """
    return _scan_family(case, "reporting")


def hedges(case: Case | str | Path | None = None) -> pd.DataFrame:
    """List every hedge and certainty marker of a case, with its sentence id.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, file, sentence_id, word, kind`` (``hedge``
        or ``certainty``), ``in_quote``, ``source`` and ``sentence``.

    >>> h = hedges()
    >>> h.loc[h["sentence_id"].isin(["A0.S10", "A2.S21"]), ["sentence_id", "word", "kind"]].values.tolist()
    [['A0.S10', 'it is clear', 'certainty'], ['A2.S21', 'probably', 'hedge']]
    """
    return _scan_family(case, "epistemic")


def loaded_words(case: Case | str | Path | None = None) -> pd.DataFrame:
    """List every loaded word of a case, with its kind and sentence id.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, file, sentence_id, word, kind`` (``label``,
        ``discrediting``, ``intensifier``, ``emotive``, or ``case lexicon`` for a
        word added by the case's ``lexicon.csv``), ``in_quote``, ``source`` and ``sentence``.

    >>> words = loaded_words()
    >>> words.loc[words["sentence_id"] == "A0.S23", ["word", "kind"]].values.tolist()
    [['semi-nude', 'emotive'], ['gleeful', 'emotive'], ['propagandists', 'label']]
    """
    return _scan_family(case, "loaded")


def framing_lexicon(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return every word the measures look for in a case: the kit's lexicon plus the case's ``lexicon.csv``.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``family`` (reporting, epistemic or loaded), ``kind``,
        ``word`` and ``source`` (``kit`` or ``lexicon.csv``).

    Raises:
        CaseError: when ``lexicon.csv`` is malformed (one sentence naming file and line).

    >>> lex = framing_lexicon()
    >>> lex.set_index("word").loc["debunked", "kind"], lex.set_index("word").loc["reportedly", "kind"]
    ('evaluative', 'hedge')
    """
    import pandas as pd

    word_families = families(resolve_case(case).path)
    rows = [(family, kind, word, source) for family, word_map in word_families.items()
            for word, (kind, source) in word_map.items()]
    return pd.DataFrame(rows, columns=["family", "kind", "word", "source"])


def report_words(case: Case | str | Path | None = None) -> dict[str, int]:
    """Return the words of each article's report (every sentence but boilerplate), by article id.

    The count is the case's own (``case.articles["words"]``, made when the case loads), so the
    rates here and every other word count of the kit agree.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        ``{article_id: words}``; the rates of :func:`framing_measures` are per 1,000 of these.

    >>> a2 = resolve_case().sentences.query("article_id == 'A2'")
    >>> bool(report_words()["A2"] < count_words(" ".join(a2["text"])))  # A2 ends with share prompts and a licence
    True
    """
    loaded = resolve_case(case)
    return {aid: int(words) for aid, words in zip(loaded.articles["article_id"], loaded.articles["words"])}


def _rate(count: int, words: int) -> float:
    return round(count * 1000 / words, 2) if words else 0.0


def _counts(own: dict[str, pd.DataFrame], article_id: str) -> dict[str, int]:
    """The writer's own matches in one article, by measure."""
    def count(family: str, kinds: tuple[str, ...] | None = None) -> int:
        t = own[family]
        t = t[t["article_id"] == article_id]
        return int(len(t) if kinds is None else t["kind"].isin(kinds).sum())

    return {"reporting_neutral": count("reporting", ("neutral",)),
            "reporting_evaluative": count("reporting", ("evaluative",)),
            "hedges": count("epistemic", ("hedge",)), "certainty": count("epistemic", ("certainty",)),
            "loaded": count("loaded")}


def _voice_measures(who: pd.DataFrame, article_id: str, words: int) -> dict:
    """Named voices, quotes, quoted words and share, and the most-quoted speaker of one article."""
    mine = who[who["article_id"] == article_id]
    named = mine[mine["speaker"] != NO_SPEAKER]
    quoted = int(mine["quoted_words"].sum())
    top = named.sort_values("quoted_words", ascending=False, kind="stable")
    top = top[top["quoted_words"] > 0]
    return {"voices": int(named["speaker"].nunique()), "quotes": int(mine["quotes"].sum()), "quoted_words": quoted,
            "quoted_share": round(quoted / words, 3) if words else 0.0,
            "top_voice": top["speaker"].iloc[0] if len(top) else ""}


def framing_measures(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Measure every article's framing: one flat row per article, counts and rates per 1,000 words.

    Counts are of the writer's own words (matches inside quotation marks and
    in boilerplate are left out); ``words`` counts the report, boilerplate left out. ``evaluative_share`` is evaluative reporting verbs over all
    reporting verbs; ``voices`` counts named speakers (quoted or paraphrased);
    ``quoted_share`` is quoted words over words; ``top_voice`` is the speaker
    with the most quoted words. The case's quotes and lexicon are read once.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with the columns :data:`MEASURE_COLUMNS`, first ``file``.

    Raises:
        CaseError: when the case's ``lexicon.csv`` is malformed.

    >>> m = framing_measures().set_index("article_id")
    >>> m.columns[0], m.loc["A2", "headline_kind"], bool(m.loc["A1", "reporting_evaluative"] > m.loc["A0", "reporting_evaluative"])
    ('file', 'question', True)
    """
    import pandas as pd

    loaded = resolve_case(case)
    word_families = families(loaded.path)
    quotes = extract_quotes(loaded)
    quoted = quoted_spans(quotes)
    own = {}
    for family in FAMILIES:
        table = scan(loaded, family, word_families[family], quoted)
        own[family] = table[~table["in_quote"].astype(bool)]
    who = voice_table(loaded, quotes, word_families["reporting"])
    report = report_words(loaded)
    rows = []
    for a in loaded.articles.itertuples():
        words = report[a.article_id]
        n = _counts(own, a.article_id)
        neutral, evaluative = n["reporting_neutral"], n["reporting_evaluative"]
        rows.append({
            "file": a.file, "article_id": a.article_id, "outlet": a.outlet, "genre": a.genre, "words": words,
            "headline_kind": headline_kind(a.headline), **n,
            "reporting_neutral_per_1000": _rate(neutral, words), "reporting_evaluative_per_1000": _rate(evaluative, words),
            "evaluative_share": round(evaluative / (neutral + evaluative), 3) if neutral + evaluative else 0.0,
            "hedges_per_1000": _rate(n["hedges"], words), "certainty_per_1000": _rate(n["certainty"], words),
            "loaded_per_1000": _rate(n["loaded"], words), **_voice_measures(who, a.article_id, words),
        })
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)
