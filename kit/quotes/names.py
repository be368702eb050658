"""Spellings of one name: accents folded, misspellings linked, different people kept apart.

Two printed names are **variants** of one person (:func:`name_variants`) when
they have the same number of words and, once accents are folded
(:func:`fold`: "Brandstätter" -> "brandstatter"), either are the same
(``accents``) or differ in one word only, by a few letters: rapidfuzz
``ratio`` ≥ ``MISSPELLING`` = 75 between the two words ("Jonh"/"John",
"Brandstdtter"/"Brandstätter", "Whitcomb"/"Whitcombe"): ``misspelling``.

They are **never** linked when the case's ``context/roles.csv`` lists both, or
when one article quotes both and their given names differ other than by two
neighbouring letters swapped ("Marco Santos said … Mario Santos, the assistant
coach, said …": people who share a surname are common, so a writer who quotes
both tells them apart; :func:`misprint_in_one_text`). "Peter Whitcomb" quoted
beside "Peter Whitcombe" in one article is still a misprint.

The kept spelling is the one the case's key or roles table uses, else the one
printed in more articles, else the one with accents, else the first printed.

A one-word name is a **short form** (:func:`short_form`) of a longer name when
its capitalised pieces begin the longer name's capitalised words, in order
("WaPo", "NYT" -> "New York Times"); :func:`short_form_variants` links it only
when exactly one printed name fits.

>>> table = name_variants([("A1", "Peter Whitcombe"), ("A2", "Peter Whitcombe"), ("A3", "Peter Whitcomb")])
>>> table[["name", "variant_of", "relation", "flag"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['Peter Whitcomb', 'Peter Whitcombe', 'misspelling',
  "possible misspelling of 'Peter Whitcombe' (so printed in A1, A2): 'Peter Whitcomb' in A3"]]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..attribution import fold
from .wording import fuzz

MISSPELLING = 75
"""rapidfuzz ``ratio`` (0-100) at or above which two words of a name are one word misspelled."""

VARIANT_COLUMNS = ["name", "variant_of", "relation", "score", "articles", "variant_articles", "flag"]


def relation(a: str, b: str) -> tuple[str, float]:
    """How two printed names relate: ``same``, ``accents``, ``misspelling`` or ``different``, and the score.

    >>> relation("Jonh Smith", "John Smith"), relation("Rúben Costa", "Ruben Costa")
    (('misspelling', 75.0), ('accents', 100.0))
    >>> relation("Ana Silva", "Rui Silva")[0]
    'different'
    """
    if a == b:
        return "same", 100.0
    wa, wb = fold(a).split(), fold(b).split()
    if wa == wb:
        return "accents", 100.0
    if len(wa) != len(wb):
        return "different", 0.0
    changed = [(x, y) for x, y in zip(wa, wb) if x != y]
    if len(changed) != 1 or min(len(changed[0][0]), len(changed[0][1])) < 3:
        return "different", 0.0
    score = round(fuzz().ratio(*changed[0]), 1)
    return ("misspelling" if score >= MISSPELLING else "different"), score


def misprint_in_one_text(a: str, b: str) -> bool:
    """Whether two spellings quoted in ONE article are still one person: the given names agree, or swap two letters.

    People who share a surname are common (relatives, namesakes: "John Smith" and
    "Joan Smith"), so two given names one letter apart are two people; the same
    given name with a surname a letter or two off ("Peter Whitcomb") is a misprint,
    and so are two neighbouring letters swapped ("Jonh").

    >>> misprint_in_one_text("Jonh Smith", "John Smith"), misprint_in_one_text("Joan Smith", "John Smith")
    (True, False)
    >>> misprint_in_one_text("Peter Whitcomb", "Peter Whitcombe")
    True
    """
    wa, wb = fold(a).split(), fold(b).split()
    if wa[0] == wb[0]:
        return True
    x, y = wa[0], wb[0]
    swapped = [i for i in range(len(x)) if i < len(y) and x[i] != y[i]]
    return len(x) == len(y) and len(swapped) == 2 and swapped[1] == swapped[0] + 1 \
        and x[swapped[0]] == y[swapped[1]] and x[swapped[1]] == y[swapped[0]]


def _kept(a: str, b: str, where: dict[str, set[str]], prefer: list[str]) -> tuple[str, str]:
    """(kept spelling, variant) of two spellings of one name (rule of the module docstring)."""
    def rank(n: str) -> tuple:
        return (n not in prefer, prefer.index(n) if n in prefer else 0, -len(where[n]), n.isascii(),
                order[n])
    order = {n: i for i, n in enumerate(where)}
    kept, variant = sorted((a, b), key=rank)
    return kept, variant


def name_variants(printed: Iterable[tuple[str, str]], prefer: Iterable[str] = (),
                  apart: Iterable[tuple[str, str]] = (), speakers: Iterable[tuple[str, str]] | None = None):
    """Link the spellings of one name across articles and flag each variant (rule of the module docstring).

    Args:
        printed: ``(article_id, name)`` for every name as printed (a quote's speaker, a cited source).
        prefer: spellings to keep when they are involved (the key's, the roles table's), in order.
        apart: pairs of names known to be different people (both in ``context/roles.csv``).
        speakers: ``(article_id, name)`` of quote speakers, for the one-article rule (default: ``printed``).

    Returns:
        A DataFrame with ``name`` (the variant), ``variant_of`` (the kept spelling), ``relation``
        (``accents`` or ``misspelling``), ``score``, ``articles`` (of the kept spelling),
        ``variant_articles`` and ``flag`` (a sentence naming both forms and their articles).
    """
    import pandas as pd

    printed = list(printed)
    where: dict[str, set[str]] = defaultdict(set)
    for aid, name in printed:
        if name and len(name.split()) >= 2:
            where[name].add(aid)
    spoke: dict[str, set[str]] = defaultdict(set)
    for aid, name in (printed if speakers is None else speakers):
        spoke[name].add(aid)
    prefer, apart_set = list(prefer), {frozenset(p) for p in apart}
    names, rows, kept_of = list(where), [], {}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            how, score = relation(a, b)
            if how not in ("accents", "misspelling") or frozenset((a, b)) in apart_set:
                continue
            if how == "misspelling" and spoke[a] & spoke[b] and not misprint_in_one_text(a, b):
                continue  # one article quotes both: two people ("John Smith" and "Joan Smith")
            kept, variant = _kept(a, b, where, prefer)
            if variant in kept_of:
                continue
            kept_of[variant] = kept
            rows.append({"name": variant, "variant_of": kept, "relation": how, "score": score,
                         "articles": ", ".join(sorted(where[kept])), "variant_articles": ", ".join(sorted(where[variant]))})
    for row in rows:
        while row["variant_of"] in kept_of:  # a chain of variants ends at one kept spelling
            row["variant_of"] = kept_of[row["variant_of"]]
            row["articles"] = ", ".join(sorted(where[row["variant_of"]]))
        what = "same name, other accents, as" if row["relation"] == "accents" else "possible misspelling of"
        row["flag"] = (f"{what} '{row['variant_of']}' (so printed in {row['articles']}): "
                       f"'{row['name']}' in {row['variant_articles']}")
    return pd.DataFrame(rows, columns=VARIANT_COLUMNS)


def canonical_names(variants) -> dict[str, str]:
    """``{variant: kept spelling}`` from a table of :func:`name_variants`.

    >>> canonical_names(name_variants([("A1", "Ana Silva"), ("A2", "Ana Sliva"), ("A1", "Ana Silva")]))
    {'Ana Sliva': 'Ana Silva'}
    """
    return dict(zip(variants["name"], variants["variant_of"]))


def short_form(short: str, long: str) -> bool:
    """Whether a one-word name abbreviates a longer one: each capitalised piece begins the next word.

    >>> short_form("WaPo", "Washington Post"), short_form("NYT", "New York Times"), short_form("NYT", "New Times")
    (True, True, False)
    >>> short_form("Post", "Washington Post"), short_form("UFM", "Ukraine's foreign ministry")
    (False, False)
    """
    pieces, words = re.findall(r"[A-Z][a-z]*", short), long.split()
    if len(pieces) < 2 or "".join(pieces) != short or len(pieces) != len(words):
        return False
    return all(w[:1].isupper() and fold(w).startswith(fold(p)) for p, w in zip(pieces, words))


def short_form_variants(printed: Iterable[tuple[str, str]]):
    """Link each one-word short form to the one longer printed name it abbreviates (none when two fit).

    Args:
        printed: ``(article_id, name)`` for every name as printed.

    Returns:
        A table like :func:`name_variants`' with ``relation`` ``short form``.

    >>> short_form_variants([("A1", "Harbour Times"), ("A2", "HaTi")])[["name", "variant_of", "flag"]].values.tolist()
    [['HaTi', 'Harbour Times', "short form of 'Harbour Times' (so printed in A1): 'HaTi' in A2"]]
    """
    import pandas as pd

    where: dict[str, set[str]] = defaultdict(set)
    for aid, name in printed:
        if name:
            where[name].add(aid)
    rows = []
    for short in where:
        longer = [n for n in where if short_form(short, n)]
        if len({fold(n) for n in longer}) != 1:
            continue
        long = max(longer, key=lambda n: (len(where[n]), -longer.index(n)))
        articles, variant_articles = ", ".join(sorted(where[long])), ", ".join(sorted(where[short]))
        rows.append({"name": short, "variant_of": long, "relation": "short form", "score": 100.0, "articles": articles,
                     "variant_articles": variant_articles,
                     "flag": f"short form of '{long}' (so printed in {articles}): '{short}' in {variant_articles}"})
    return pd.DataFrame(rows, columns=VARIANT_COLUMNS)
