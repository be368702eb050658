"""Search a case's offline "web": BM25 over the pages of ``context/sources/pages.csv``.

A lateral reader types an outlet's or a person's name and reads what others say about it.
:func:`search` ranks the case's pages (:func:`kit.lateral.corpus.pages`) with BM25
(``bm25s``) over each page's title, publisher, ``about`` and text. Words are lowercased, stemmed,
accents folded (``Brandstatter`` finds ``Brandstätter``) and English stopwords left out, so
a query matches what a student would type. Ties keep the pages' own order, pages that share
no word with the query are left out, and each result shows a snippet: the sentence(s) of the
page's text holding the most query words.

The index of a case is built once and kept until its ``pages.csv`` changes
(:func:`functools.lru_cache` keyed on the case folder and the file's modification time).

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp()) / "ferry"
>>> (root / "articles").mkdir(parents=True)
>>> _ = (root / "articles" / "a.txt").write_text("Ferry late\\n\\nThe ferry left at noon.\\n")
>>> _ = (root / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\\n"
...                                        "a.txt,Isle News,,news,2031-04-02,Ferry late,,\\n")
>>> (root / "context" / "sources").mkdir(parents=True)
>>> _ = (root / "context" / "sources" / "pages.csv").write_text(
...     "page_id,title,address,publisher,kind,about,published,consulted,text\\n"
...     "P1,Isle News - About,https://isle.example/about,Isle News,about,Isle News,,2031-04-05,Says it is run by islanders.\\n"
...     "P2,Ferry timetable,https://ferry.example/times,Ferry Co,self-published,Ferry Co,,2031-04-05,Lists the crossings.\\n")
>>> search("who runs Isle News?", root)[["rank", "page_id"]].values.tolist()
[[1, 'P1']]
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..answer_match import stem
from ..core.errors import KitError
from .corpus import FOLDER, pages

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

COLUMNS = ["rank", "page_id", "title", "address", "publisher", "kind", "snippet", "score"]
"""The columns of a search's results, best first."""
INDEXED = ("title", "publisher", "about", "text")
"""The fields of a page that a search ranks."""
SNIPPET_CHARS = 200
"""A snippet's length at most (a longer sentence is cut at a word and ends with …)."""
_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9À-Þ])")


def fold(text: str) -> str:
    """Lowercase ``text`` and fold its accents: what the search compares.

    >>> fold("Brandstätter, São Paulo, ŻORY")
    'brandstatter, sao paulo, zory'
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", str(text)).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(fold(w) for w in STOPWORDS_EN)


def words(text: str) -> list[str]:
    """The words of ``text`` that a search ranks: folded, stopwords left out, stemmed, in order.

    Stems come from the course's one stemmer (:func:`kit.answer_match.stem`), so "owned" finds "owns".

    >>> words("Who owned the Harbour Ledger?")
    ['who', 'own', 'harbour', 'ledger']
    """
    stop = _stopwords()
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in stop and w != "_"]


@lru_cache(maxsize=8)
def _index(root: str, stamp: int):
    """The pages of a case and their BM25 index (one per case folder and ``pages.csv`` version)."""
    import bm25s

    table = pages(root)
    tokens = [words(" ".join(str(row[f]) for f in INDEXED)) for _, row in table.iterrows()]
    retriever = bm25s.BM25()
    if tokens:
        retriever.index(tokens, show_progress=False)
    return table, retriever


def corpus_file(case: Case | str | Path | None = None) -> Path:
    """The ``context/sources/pages.csv`` of a case; a :class:`KitError` when the case has none.

    Raises:
        KitError: one sentence naming the case and saying how an instructor adds the file.
    """
    from ..core.case import resolve_case

    loaded = resolve_case(case)
    path = Path(loaded.path) / FOLDER / "pages.csv"
    if not path.is_file():
        raise KitError(
            f"Case {loaded.name!r} has no {FOLDER.as_posix()}/pages.csv, so there is nothing to search yet; an "
            "instructor adds one, with one row per page (page_id,title,address,publisher,kind,about,published,"
            "consulted,text), as kit.lateral.corpus describes.")
    return path


def snippet(text: str, query: str, limit: int = SNIPPET_CHARS) -> str:
    """The sentence(s) of ``text`` holding the most query words, at most about ``limit`` characters.

    The best sentence (the first of equals) is followed by the next ones while they fit; a
    sentence longer than ``limit`` is cut at a word and ends with "…". With no query word in
    the text, the snippet is its opening.

    >>> snippet("Says it is run by islanders. Lists no owner. Names the Isle Trust as its funder.", "Isle funder")
    'Names the Isle Trust as its funder.'
    """
    sentences = [s.strip() for s in _SENTENCE.split(" ".join(str(text).split())) if s.strip()]
    if not sentences:
        return ""
    wanted = set(words(query))
    hits = [len(wanted & set(words(s))) for s in sentences]
    best = hits.index(max(hits))
    shown = sentences[best]
    for following in sentences[best + 1:]:
        if len(shown) + 1 + len(following) > limit:
            break
        shown += " " + following
    if len(shown) > limit:
        shown = shown[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return shown


def search(query: str, case: Case | str | Path | None = None, k: int = 5) -> pd.DataFrame:
    """Search the case's pages for ``query``: the ``k`` best, ranked with BM25.

    Args:
        query: what a student would type ("who owns the Harbour Ledger").
        case: a loaded case, a case folder, or ``None`` for the course's case.
        k: how many results at most.

    Returns:
        A DataFrame with :data:`COLUMNS` (``rank`` from 1), best first; pages that share no
        word with the query are left out, and a blank query gives an empty table.

    Raises:
        KitError: when the case has no ``context/sources/pages.csv``.
    """
    import numpy as np
    import pandas as pd

    path = corpus_file(case)
    table, retriever = _index(str(path.parent.parent.parent), path.stat().st_mtime_ns)
    asked = words(query) if isinstance(query, str) else []
    ids = retriever.get_tokens_ids(asked) if len(table) and asked else []
    if not ids:
        return pd.DataFrame(columns=COLUMNS)
    scores = retriever.get_scores_from_ids(ids)
    order = [i for i in np.lexsort((np.arange(len(scores)), -scores)) if scores[i] > 0][: max(int(k), 0)]
    rows = [{"rank": n, **{c: table.iloc[i][c] for c in COLUMNS[1:6]},
             "snippet": snippet(table.iloc[i]["text"], query), "score": round(float(scores[i]), 4)}
            for n, i in enumerate(order, start=1)]
    return pd.DataFrame(rows, columns=COLUMNS)
