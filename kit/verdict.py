"""Lesson 05: a worded verdict, its evidence, and its export as schema.org ClaimReview JSON-LD.

Fact-checkers rate claims with words, not a true/false switch (Full Fact: "the
real world isn't that simple"). The scale rates the *claim*, by how well the
evidence supports it; the reasons (``review_body`` and the evidence table) name
the evidence: anonymous sourcing, a party's denial, a no-comment. A denial is
evidence, not a verdict, so it is never a point of the scale.

=========== ==============================================================================
confirmed   sources that could know, on the record or in documents, show it is so
likely      the evidence that could know points to it, but does not settle it
unproven    the evidence available cannot settle it either way
unlikely    the evidence that could know points against it, but does not settle it
false       sources that could know, on the record or in documents, show it is not so
=========== ==============================================================================

Absence of evidence is not evidence of absence: that five articles report no
denial does not make "X denied it" false, only unproven or unlikely.

A ClaimReview (https://schema.org/ClaimReview) records the claim reviewed, the
verdict in words (``reviewRating.alternateName``), where the claim appeared
(``itemReviewed.appearance``) and first appeared (``firstAppearance``), who
reviewed it and when.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core.errors import KitError
from .core.case import resolve_case

if TYPE_CHECKING:
    import pandas as pd

    from .core.case import Case

VERDICTS = {"confirmed": 5, "likely": 4, "unproven": 3, "unlikely": 2, "false": 1}
"""The verdict scale and the rating each verdict exports as (5 best supported, 1 least)."""
VERDICT_MEANINGS = {
    "confirmed": "sources that could know, on the record or in documents, show it is so",
    "likely": "the evidence that could know points to it, but does not settle it",
    "unproven": "the evidence available cannot settle it either way",
    "unlikely": "the evidence that could know points against it, but does not settle it",
    "false": "sources that could know, on the record or in documents, show it is not so",
}
"""What each verdict means: it rates the claim; the reasons name the evidence."""
EVIDENCE_FIELDS = ("sentence_id", "shows", "could_know")


class VerdictError(KitError):
    """A verdict or an evidence item that cannot be used as given."""


def evidence_table(items: list[dict[str, str]], case: Case | str | Path | None = None) -> pd.DataFrame:
    """Check evidence items and return them as a table with their article, outlet and sentence.

    Args:
        items: dicts with ``sentence_id`` (e.g. ``"A1.S4"``), ``shows`` (what it
            shows) and ``could_know`` (what that source could know first-hand); an
            optional ``quote`` gives words the sentence must say (white space aside),
            so that an id copied from elsewhere cannot stand for a sentence of another story. An item
            may cite a page of the case's source corpus instead (``page_id``, lateral reading):
            its row shows the page's title, address and publisher.
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``sentence_id, article_id, outlet, sentence, shows, could_know``.

    Raises:
        VerdictError: one sentence naming the item and what is wrong with it; an id that is not a
            sentence of ``case`` (say, one copied from another case's worked example) names the id and the case.

    >>> evidence_table([{"sentence_id": "A3.S6", "shows": "no comment", "could_know": "Trump's team knew"}])["article_id"].item()
    'A3'
    """
    import pandas as pd
    loaded = resolve_case(case)
    if not isinstance(items, (list, tuple)) or not items:
        raise VerdictError("Evidence is a list of items like {'sentence_id': 'A1.S4', 'shows': '...', 'could_know': '...'}.")
    text = dict(zip(loaded.sentences["sentence_id"], loaded.sentences["text"]))
    outlets = dict(zip(loaded.articles["article_id"], loaded.articles["outlet"]))
    rows = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise VerdictError(f"Evidence item {n} is a {type(item).__name__}; write it as a dict with the keys {', '.join(EVIDENCE_FIELDS)}.")
        if "page_id" in item and "sentence_id" not in item:
            rows.append(_page_evidence(n, item, loaded))
            continue
        missing = [f for f in EVIDENCE_FIELDS if not str(item.get(f, "")).strip()]
        if missing:
            raise VerdictError(f"Evidence item {n} has no {missing[0]!r}; every item needs {', '.join(EVIDENCE_FIELDS)}.")
        sid = str(item["sentence_id"]).strip()
        if sid not in text:
            raise VerdictError(f"Evidence item {n}: {sid!r} is not a sentence of case {loaded.name!r}; cite a sentence "
                               f"id of this case, such as {loaded.sentences['sentence_id'].iloc[0]}.")
        quoted = " ".join(str(item.get("quote", "")).split())
        if quoted and quoted not in " ".join(text[sid].split()):
            raise VerdictError(f"Evidence item {n}: sentence {sid} of case {loaded.name!r} does not say {quoted!r}; "
                               "cite the sentence that does, and copy the words exactly.")
        aid = sid.split(".")[0]
        rows.append({"sentence_id": sid, "article_id": aid, "outlet": outlets.get(aid) or "outlet not stated",
                     "sentence": text[sid], "shows": item["shows"].strip(), "could_know": item["could_know"].strip()})
    return pd.DataFrame(rows, columns=["sentence_id", "article_id", "outlet", "sentence", "shows", "could_know"])


def _page_evidence(n: int, item: dict[str, str], case: Case) -> dict[str, str]:
    """A source profile's page as evidence (lateral reading): ``{"page_id": "P3", "shows": ..., "could_know": ...}``."""
    from .lateral.corpus import read_pages

    pages = {p["page_id"]: p for p in read_pages(case.path, [])}
    pid = str(item.get("page_id", "")).strip()
    if pid not in pages:
        raise VerdictError(f"Evidence item {n}: {pid!r} is not a page of case {case.name!r}'s source corpus; cite a "
                           "page_id from kit.lateral.pages(case).")
    for field in ("shows", "could_know"):
        if not str(item.get(field, "")).strip():
            raise VerdictError(f"Evidence item {n} has no {field!r}; a page cited as evidence needs shows and could_know.")
    page = pages[pid]
    return {"sentence_id": pid, "article_id": "", "outlet": page["publisher"] or "publisher not stated",
            "sentence": f"{page['title']} ({page['address']})", "shows": item["shows"].strip(),
            "could_know": item["could_know"].strip()}


def claim_review(
    claim: str,
    verdict: str,
    evidence: list[dict[str, str]],
    *,
    author: str,
    date_published: str,
    review_body: str = "",
    first_appearance: dict[str, str] | None = None,
    claim_author: str = "",
    case: Case | str | Path | None = None,
) -> dict[str, Any]:
    """Build a schema.org ClaimReview (JSON-LD) for a worded verdict and its evidence.

    Args:
        claim: the claim reviewed, as a question or statement.
        verdict: one of :data:`VERDICTS`.
        evidence: items for :func:`evidence_table`; their articles become ``appearance``.
        author: who reviewed the claim (the student).
        date_published: the review's date, ``YYYY-MM-DD``.
        review_body: the reasoning in a few sentences.
        first_appearance: ``{"name": ..., "datePublished": ..., "publisher": ...}`` where the claim first appeared.
        claim_author: who made the claim (e.g. "The Washington Post (unnamed sources)").
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A dict ready for ``json.dumps``.

    >>> doc = claim_review("Did they speak?", "unproven", [{"sentence_id": "A3.S6", "shows": "x", "could_know": "y"}],
    ...                    author="Ada", date_published="2024-11-20")
    >>> doc["reviewRating"]["alternateName"], validate_claim_review(doc)
    ('unproven', [])
    """
    if verdict not in VERDICTS:
        raise VerdictError(f"{verdict!r} is not a verdict; use one of {', '.join(repr(v) for v in VERDICTS)}.")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(date_published)):
        raise VerdictError(f"date_published {date_published!r} is not a date; write it as YYYY-MM-DD.")
    if not str(author).strip():
        raise VerdictError("author is empty; give the name of whoever reviewed the claim.")
    loaded = resolve_case(case)
    table = evidence_table(evidence, loaded)
    item = _claim_item(_appearances(loaded, table["article_id"]), claim_author, first_appearance)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim,
        "datePublished": date_published,
        "author": {"@type": "Person", "name": author},
        "reviewRating": {"@type": "Rating", "ratingValue": VERDICTS[verdict], "bestRating": 5, "worstRating": 1,
                         "alternateName": verdict},
        "itemReviewed": item,
        "reviewBody": review_body,
    }


def _opening(loaded: Case, article_id: str, limit: int = 100) -> str:
    """An article without a headline is named by its first sentence as captured (never by its file name)."""
    rows = loaded.sentences[loaded.sentences["article_id"] == article_id]
    first = " ".join(str(rows["text"].iloc[0]).split()) if len(rows) else article_id
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _appearances(loaded: Case, article_ids) -> list[dict[str, Any]]:
    """schema.org CreativeWorks for the articles the evidence comes from, in order, once each."""
    import pandas as pd

    articles = loaded.articles.set_index("article_id")
    appearance = []
    for aid in dict.fromkeys(a for a in article_ids if a):  # a page of the source corpus is no appearance
        row = articles.loc[aid]
        work: dict[str, Any] = {"@type": "CreativeWork", "name": row["headline"] or _opening(loaded, aid)}
        if row["outlet"]:
            work["publisher"] = {"@type": "Organization", "name": row["outlet"]}
        if row["author"]:
            work["author"] = {"@type": "Person", "name": row["author"]}
        if not pd.isna(row["published"]):
            work["datePublished"] = f"{row['published']:%Y-%m-%d}"
        if row["url"]:
            work["url"] = row["url"]
        appearance.append(work)
    return appearance


def _claim_item(appearance: list, claim_author: str, first_appearance: dict[str, str] | None) -> dict[str, Any]:
    """The ClaimReview's ``itemReviewed``: the Claim, its appearances, author and first appearance."""
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if claim_author:
        item["author"] = {"@type": "Organization", "name": claim_author}
    if first_appearance:
        first = {"@type": "CreativeWork", **{k: v for k, v in first_appearance.items() if k != "publisher"}}
        if first_appearance.get("publisher"):
            first["publisher"] = {"@type": "Organization", "name": first_appearance["publisher"]}
        item["firstAppearance"] = first
        if first_appearance.get("datePublished"):
            item["datePublished"] = first_appearance["datePublished"]
    return item


def validate_claim_review(doc: Any) -> list[str]:
    """Check the structure of a ClaimReview document; return its problems (empty when valid).

    >>> validate_claim_review({"@type": "ClaimReview"})[0]
    "'@context' must be 'https://schema.org'."
    """
    problems = []
    if not isinstance(doc, dict):
        return ["A ClaimReview is a JSON object (a dict)."]
    if doc.get("@context") not in ("https://schema.org", "http://schema.org"):
        problems.append("'@context' must be 'https://schema.org'.")
    if doc.get("@type") != "ClaimReview":
        problems.append("'@type' must be 'ClaimReview'.")
    if not isinstance(doc.get("claimReviewed"), str) or not doc.get("claimReviewed", "").strip():
        problems.append("'claimReviewed' must be the claim, as text.")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(doc.get("datePublished", ""))):
        problems.append("'datePublished' must be a date, YYYY-MM-DD.")
    author = doc.get("author")
    if not (isinstance(author, dict) and author.get("@type") in ("Person", "Organization") and author.get("name")):
        problems.append("'author' must be a Person or Organization with a name.")
    rating = doc.get("reviewRating")
    if not isinstance(rating, dict) or rating.get("@type") != "Rating":
        problems.append("'reviewRating' must be a Rating.")
    else:
        if rating.get("alternateName") not in VERDICTS:
            problems.append(f"'reviewRating.alternateName' must be one of {', '.join(VERDICTS)}.")
        values = [rating.get(k) for k in ("ratingValue", "bestRating", "worstRating")]
        if not all(isinstance(v, (int, float)) for v in values) or not values[2] <= values[0] <= values[1]:
            problems.append("'reviewRating' needs numbers with worstRating <= ratingValue <= bestRating.")
    item = doc.get("itemReviewed")
    if not isinstance(item, dict) or item.get("@type") != "Claim":
        problems.append("'itemReviewed' must be a Claim.")
    else:
        appearance = item.get("appearance")
        if not isinstance(appearance, list) or not appearance:
            problems.append("'itemReviewed.appearance' must list where the claim appeared.")
        elif not all(isinstance(a, dict) and a.get("@type") == "CreativeWork" and a.get("name") for a in appearance):
            problems.append("every appearance must be a CreativeWork with a name.")
        first = item.get("firstAppearance")
        if first is not None and not (isinstance(first, dict) and first.get("@type") == "CreativeWork"):
            problems.append("'itemReviewed.firstAppearance' must be a CreativeWork.")
    try:
        json.dumps(doc)
    except (TypeError, ValueError):
        problems.append("the document must be JSON-serialisable.")
    return problems


def save_claim_review(doc: dict[str, Any], path: str | Path) -> Path:
    """Validate a ClaimReview and write it as JSON-LD; return the path written.

    Raises:
        VerdictError: when the document is not valid (the first problem, in one sentence).
    """
    problems = validate_claim_review(doc)
    if problems:
        raise VerdictError(f"The ClaimReview is not valid: {problems[0]}")
    target = Path(path)
    target.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target
