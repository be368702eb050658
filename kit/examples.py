"""Pick a lesson's examples from the case's data, so every notebook runs on any case.

The lessons tell the built-in case's story, and their cells name its examples
(article ``A0``, quote ``A0.Q3``, chain ``T8``). On another case those ids may
not exist, or name something else. The helpers here return the built-in
example when the case holds it, and otherwise pick one of the same kind from
the data by a stated rule (the first article by date, the first statement
whose renderings differ). Where an example only makes sense in the built-in
case, :func:`example_missing` and :func:`key_missing` return a one-line
:class:`Note` to show instead, and an empty note when all is there, so a cell
reads ``example_missing(case, {...}) or <the example>``.

Every function returns a value and prints nothing.

>>> import tempfile, pathlib
>>> from kit.core.case import load_case
>>> root = pathlib.Path(tempfile.mkdtemp()) / "harbour"
>>> (root / "articles").mkdir(parents=True)
>>> _ = (root / "articles" / "01_port.txt").write_text('The strike ended.\\n\\n"We are back," a docker said.\\n')
>>> _ = (root / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\\n01_port.txt,,,,,,,\\n")
>>> case = load_case(root, cached=False)
>>> pick_article(case, "A0"), pick_sentence(case, "A3.S4")
('A1', 'A1.S1')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .core.case import resolve_case

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from .core.case import Case

__all__ = [
    "CHANGED",
    "Note",
    "example_missing",
    "first_changed_quote",
    "key_missing",
    "one_word_changed",
    "pick_article",
    "pick_chain",
    "pick_claim",
    "pick_quote",
    "pick_sentence",
    "wrapped_article",
]


class Note(str):
    """A one-line message a notebook cell shows as plain text; empty (and false) when there is nothing to say.

    >>> Note("Case 'port' has no stance key."), bool(Note(""))
    (Case 'port' has no stance key., False)
    """

    def __repr__(self) -> str:
        return str(self)


def _by_date(loaded: Case) -> list[str]:
    """Article ids, dated ones first from the earliest, then the undated in case order."""
    table = loaded.articles.reset_index(drop=True)
    order = table.assign(_n=range(len(table))).sort_values(["published", "_n"], na_position="last", kind="stable")
    return list(order["article_id"])


def pick_article(case: Case | str | Path | None, preferred: str = "") -> str:
    """Return ``preferred`` when the case has that article, else the case's first article by date.

    Undated articles come after dated ones, in the case's order; with no dates at
    all, the first article of the case.

    >>> pick_article(None, "A3"), pick_article(None, "A9")
    ('A3', 'A2')
    """
    loaded = resolve_case(case)
    ids = list(loaded.articles["article_id"])
    return preferred if preferred in ids else _by_date(loaded)[0]


def pick_sentence(case: Case | str | Path | None, preferred: str = "") -> str:
    """Return ``preferred`` when the case has that sentence, else the first body sentence of the first article by date.

    >>> pick_sentence(None, "A3.S4"), pick_sentence(None, "A3.S400")
    ('A3.S4', 'A2.S2')
    """
    loaded = resolve_case(case)
    sentences = loaded.sentences
    if preferred in set(sentences["sentence_id"]):
        return preferred
    rows = sentences[sentences["article_id"] == _by_date(loaded)[0]]
    body = rows[rows["kind"] == "body"]
    return str((body if len(body) else rows)["sentence_id"].iloc[0])


def wrapped_article(case: Case | str | Path | None = None) -> str:
    """Return the first article whose captured text breaks a paragraph over several lines.

    Those hard line breaks are what :meth:`Case.text` joins. When no article has
    one, the case's first article by date.

    >>> wrapped_article()
    'A0'
    """
    loaded = resolve_case(case)
    for aid in loaded.articles["article_id"]:
        lines = [line for line in loaded.raw(aid).splitlines() if line.strip()]
        paragraphs = loaded.sentences.loc[loaded.sentences["article_id"] == aid, "paragraph"].nunique()
        if len(lines) > paragraphs:
            return str(aid)
    return _by_date(loaded)[0]


def pick_quote(case: Case | str | Path | None, article: str, quote: str) -> tuple[str, str]:
    """Return ``(article, quote)`` when the article has that quote word for word, else the case's first quotation.

    The first quotation is the first passage in quotation marks that
    :func:`kit.quotes.trace_quotes` finds, with its article; ``("", "")`` when there is none.

    >>> pick_quote(None, "A0", "pure fiction")
    ('A0', 'pure fiction')
    """
    from .quotes import trace_quotes

    loaded = resolve_case(case)
    if article in set(loaded.articles["article_id"]) and loaded.find_quote(article, quote):
        return article, quote
    quotes = trace_quotes(loaded)
    if quotes.empty:
        return "", ""
    first = quotes.iloc[0]
    return str(first["article_id"]), str(first["text"])


def one_word_changed(quote: str, old: str = "", new: str = "") -> str:
    """Return ``quote`` with one word changed: ``old`` to ``new`` when it has the word ``old``.

    Otherwise the longest word gets its first letter doubled (a typo a careless
    copy could make), so the result never matches the original word for word.

    >>> one_word_changed("simply fake news", "fake", "false"), one_word_changed("We are back", "fake", "false")
    ('simply false news', 'We are bback')
    """
    if old and re.search(rf"\b{re.escape(old)}\b", quote):
        return re.sub(rf"\b{re.escape(old)}\b", new, quote, count=1)
    words = re.findall(r"\w+", quote)
    if not words:
        return quote + " x"
    longest = max(words, key=len)
    return re.sub(rf"\b{re.escape(longest)}\b", longest[0] + longest, quote, count=1)


CHANGED = ("reworded", "fused", "paraphrase", "truncated")
"""Grades of a rendering that differs from its reference, the most telling first (see kit/quotes/fidelity.py)."""


def first_changed_quote(quotes: pd.DataFrame) -> tuple[str, str]:
    """Return the quote ids of the first statement whose renderings differ: its reference and a changed rendering.

    Statements are taken in the order :func:`kit.quotes.trace_quotes` lists
    them; the first with a rendering that is not word for word wins. Of its
    changed renderings, the most telling grade of :data:`CHANGED` (reworded
    before fused, paraphrased and cut), and of those the longest. ``("", "")``
    when every statement is rendered word for word (or alone).

    >>> import kit
    >>> first_changed_quote(kit.trace_quotes(kit.load_case()))
    ('A0.Q3', 'A1.Q3')
    """
    rank = {grade: n for n, grade in enumerate(CHANGED)}
    for _, group in quotes.groupby("statement_id", sort=False):
        changed = group[group["match"].isin(CHANGED)]
        if len(changed):
            order = changed.assign(_rank=changed["match"].map(rank), _length=-changed["text"].str.len())
            chosen = order.sort_values(["_rank", "_length"], kind="stable").iloc[0]
            return str(chosen["reference"]), str(chosen["quote_id"])
    return "", ""


def pick_chain(chains: pd.DataFrame, preferred: str = "", relation: str = "") -> str:
    """Return ``preferred`` when it is a chain of the table, else the first chain (ending in ``relation``, if given).

    ``""`` when there is no such chain (for example, a case without a sources key).

    >>> import pandas as pd
    >>> chains = pd.DataFrame({"chain": ["T1", "T1", "T2"], "relation": ["cites", "first appearance", "not traceable"]})
    >>> pick_chain(chains, "T8"), pick_chain(chains, "T8", "not traceable"), pick_chain(chains.iloc[:0], "T8")
    ('T1', 'T2', '')
    """
    if preferred and preferred in set(chains["chain"]):
        return preferred
    ends = chains.groupby("chain", sort=False)["relation"].last()
    if relation:
        ends = ends[ends == relation]
    return str(ends.index[0]) if len(ends) else ""


def pick_claim(key: pd.DataFrame, contains: str = "", label: str = "") -> str:
    """Return the id of the claim whose quote contains ``contains``, else of the first claim labelled ``label``.

    Falls back to the key's first claim; ``""`` for an empty key.

    >>> import pandas as pd
    >>> key = pd.DataFrame({"id": ["A1.C1", "A1.C2"], "quote": ["The port closed.", "Sadly, it rained."],
    ...                     "label": ["verifiable_fact", "opinion"]})
    >>> pick_claim(key, "swiftly debunked", "opinion"), pick_claim(key, "port", "opinion")
    ('A1.C2', 'A1.C1')
    """
    for mask in (key["quote"].str.contains(contains, regex=False) if contains else None,
                 key["label"] == label if label else None):
        if mask is not None and mask.any():
            return str(key.loc[mask, "id"].iloc[0])
    return str(key["id"].iloc[0]) if len(key) else ""


def example_missing(case: Case | str | Path | None, expected: dict[str, str]) -> Note:
    """Return a note when the case lacks a sentence a built-in example needs; an empty note when all are there.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.
        expected: ``{sentence id: words it must contain}`` (``""`` to ask only that it exists).

    >>> bool(example_missing(None, {"A3.S6": "private calls"}))
    False
    >>> example_missing(None, {"A3.S6": "pure fiction"})
    This worked example is about the built-in case: sentence A3.S6 of case 'seeds' does not say 'pure fiction'. Read the example in the lesson as printed; the same steps work on this case's sentences.
    """
    loaded = resolve_case(case)
    text = dict(zip(loaded.sentences["sentence_id"], loaded.sentences["text"]))
    for sid, words in expected.items():
        if sid not in text:
            problem = f"case {loaded.name!r} has no sentence {sid}"
        elif " ".join(words.split()) not in " ".join(text[sid].split()):
            problem = f"sentence {sid} of case {loaded.name!r} does not say {words!r}"
        else:
            continue
        return Note(f"This worked example is about the built-in case: {problem}. Read the example in the lesson as "
                    "printed; the same steps work on this case's sentences.")
    return Note("")


def key_missing(case: Case | str | Path | None, key: str) -> Note:
    """Return a note when the case has no ``key`` key (or an empty one); an empty note when it has it.

    >>> bool(key_missing(None, "stance"))
    False
    >>> key_missing(None, "weather")
    Case 'seeds' has no weather key yet (keys/weather.csv), so there is nothing to show here; the lesson's text describes the built-in case.
    """
    loaded = resolve_case(case)
    table = loaded.keys.get(key)
    if table is not None and len(table):
        return Note("")
    return Note(f"Case {loaded.name!r} has no {key} key yet (keys/{key}.csv), so there is nothing to show here; "
                "the lesson's text describes the built-in case.")
