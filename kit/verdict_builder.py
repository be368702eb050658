"""The verdict builder's logic: find evidence sentences, build the ClaimReview, say what it still lacks.

The capstone's verdict builder (:func:`kit.verdict_widget.build_verdict`) lets a
student type the claim, pick a rating of the scale (:data:`kit.verdict.VERDICTS`)
and pick evidence sentences, each marked as supporting or contradicting the
claim; a live panel shows the ClaimReview being built and its problems. This
module is that logic, with no widget:

* :func:`find_sentences` filters the case's sentences by id, outlet and words;
* :func:`build_review` builds the ClaimReview from (claim, rating, evidence)
  through :func:`kit.verdict.claim_review`, also while it is incomplete; the
  sentence ids it cites are in ``reviewBody`` and in a ``citation`` list, where
  the rubric of a ``review`` question looks for them (:mod:`kit.rubric`);
* :func:`review_problems` lists what is missing or wrong, in plain words;
* :func:`question_answers` gives the plain answer of each question the builder checks.

Evidence is a dict ``{sentence id: stance}``, in the order picked, where the
stance is a key of :data:`STANCES`.

>>> found = find_sentences(None, "Kremlin denied")
>>> "A1.S1" in set(found["sentence_id"])
True
>>> review_problems("", None, {}, None)[0]
'Write the claim you are rating in the Claim box: one sentence, a statement or a question.'
"""

from __future__ import annotations

import difflib
import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .capstone import claim_of, roles
from .core.case import resolve_case
from .core.errors import KitError
from .display import PALETTE
from .lateral.search import fold, words
from .verdict import VERDICT_MEANINGS, VERDICTS, claim_review, validate_claim_review

if TYPE_CHECKING:
    import pandas as pd

    from .core.case import Case

STANCES = {"for": "supports the claim", "against": "contradicts the claim"}
"""How an evidence sentence bears on the claim, and the words the ClaimReview records for it."""
ID_TOKEN = re.compile(r"^a\d+(?:\.s\d+)?$", re.I)
"""A query word that is an article id (``A2``) or a sentence id (``A2.S13``)."""
LABEL_CHARS = 110
"""How many characters of a sentence a list option shows (the full text is shown below the list)."""
MATCHES_SHOWN = 12
"""How many matching sentences the builder lists at once (a narrower search shows the others)."""
VALIDATOR_WORDS = (
    ("'claimReviewed'", "Write the claim you are rating in the Claim box: one sentence, a statement or a question."),
    ("'reviewRating", "Choose a rating from the scale ({scale}): how well does the evidence support the claim?"),
    ("'itemReviewed.appearance'", "Add at least one evidence sentence from an article: search the articles, select "
                                  "a sentence and press “Add as supporting” or “Add as contradicting”."),
    ("'author'", "The review has no author's name; set your name with kit.setup() and build it again."),
    ("'datePublished'", "The review has no date; build it again."),
)
"""Validator problems (by how their sentence starts) and the plain words the builder shows instead."""


def is_verdict(rating: Any) -> bool:
    """Whether ``rating`` is a verdict of the scale (any other value, a list too, is not).

    >>> is_verdict("likely"), is_verdict("Likely"), is_verdict(["likely"])
    (True, False, False)
    """
    return isinstance(rating, str) and rating in VERDICTS


def plain_words(problem: str) -> str:
    """The plain words for one of :func:`kit.verdict.validate_claim_review`'s problems (itself when none fit).

    >>> plain_words("'claimReviewed' must be the claim, as text.")[:40]
    'Write the claim you are rating in the Cl'
    >>> plain_words("the document must be JSON-serialisable.")
    'the document must be JSON-serialisable.'
    """
    scale = ", ".join(VERDICTS)
    return next((words_.format(scale=scale) for start, words_ in VALIDATOR_WORDS if problem.startswith(start)), problem)


def sentence_table(case: Case | str | Path | None = None) -> pd.DataFrame:
    """The case's sentences with their outlet: ``sentence_id, article_id, outlet, text`` (outlet never empty).

    >>> sentence_table().columns.tolist()
    ['sentence_id', 'article_id', 'outlet', 'text']
    """
    loaded = resolve_case(case)
    outlets = dict(zip(loaded.articles["article_id"], loaded.articles["outlet"]))
    table = loaded.sentences[["sentence_id", "article_id", "text"]].copy()
    table.insert(2, "outlet", [str(outlets.get(a) or "").strip() or "outlet not stated" for a in table["article_id"]])
    return table.reset_index(drop=True)


def _matches(query_ids: list[str], query_words: list[str], row) -> bool:
    """Whether one sentence row matches every id and every word (a prefix of one of its words) of a query."""
    sid = fold(row.sentence_id)
    if any(q != sid and q != fold(row.article_id) for q in query_ids):
        return False
    have = set(words(f"{row.outlet} {row.text}"))
    return all(any(h.startswith(q) for h in have) for q in query_words)


def find_sentences(case: Case | str | Path | None, query: str) -> pd.DataFrame:
    """The case's sentences that match a search: ids (``A2``, ``A2.S13``), outlet and words, in reading order.

    Every word of the query must begin a word of the sentence or its outlet
    (folded, stemmed: "deny" finds "denied", "Sao" finds "São"); an id keeps that
    article or sentence only. An empty query gives every sentence.

    >>> find_sentences(None, "a2.s13")["sentence_id"].tolist()
    ['A2.S13']
    """
    table = sentence_table(case)
    tokens = fold(" ".join(str(query or "").split())).split()
    ids = [t for t in tokens if ID_TOKEN.match(t)]
    rest = words(" ".join(t for t in tokens if not ID_TOKEN.match(t)))
    if not ids and not rest:
        return table
    keep = [_matches(ids, rest, row) for row in table.itertuples(index=False)]
    return table[keep].reset_index(drop=True)


def option_label(row: dict[str, str], chars: int = LABEL_CHARS) -> str:
    """A sentence as one line of a list: id, outlet and its first words.

    >>> option_label({"sentence_id": "A1.S2", "outlet": "Harbour Ledger", "text": "Wharf workers stayed out."})
    'A1.S2 · Harbour Ledger · Wharf workers stayed out.'
    """
    text = " ".join(str(row["text"]).split())
    text = text if len(text) <= chars else text[: chars - 1].rstrip() + "…"
    return f"{row['sentence_id']} · {row['outlet']} · {text}"


def scale_html(rating: Any = None) -> str:
    """The verdict scale with what each verdict means, the chosen one marked; it wraps.

    >>> "<b>unproven</b>" in scale_html("unproven") and "cannot settle it" in scale_html()
    True
    """
    rows = []
    for verdict, meaning in VERDICT_MEANINGS.items():
        chosen = is_verdict(rating) and verdict == rating
        mark = f"background:{PALETTE['page']['header']};" if chosen else ""
        name = f"<b>{html.escape(verdict)}</b>" if chosen else html.escape(verdict)
        rows.append(f'<li style="{mark}padding:0 4px">{name}: {html.escape(meaning)}</li>')
    return (f'<ul class="kit-verdict-scale" style="white-space:normal;margin:2px 0;padding-left:18px;'
            f'color:{PALETTE["page"]["text"]}">{"".join(rows)}</ul>')


def case_claim(case: Case | str | Path | None = None) -> str:
    """The claim of the case's capstone (its verdict question's prompt, :mod:`kit.capstone`), or ``""``.

    >>> case_claim()
    'Did Trump and Putin speak by phone on 7 November 2024?'
    """
    questions = resolve_case(case).keys.get("questions")
    if questions is None or "id" not in questions:
        return ""
    rows = [{k: str(v) for k, v in row.items()} for row in questions.fillna("").to_dict("records")]
    verdict = roles(rows)["verdict"]
    prompt = next((r.get("prompt", "") for r in rows if verdict and r["id"] == verdict[0]), "")
    return claim_of(prompt) if prompt else ""


def review_items(evidence: dict[str, str], case: Case | str | Path | None = None) -> list[dict[str, str]]:
    """Evidence items for :func:`kit.verdict.claim_review`: what each sentence shows and who could know.

    Sentences not in the case, or with a stance not in :data:`STANCES`, are left out
    (:func:`review_problems` names them).

    >>> review_items({"A3.S6": "against"})[0]["shows"]
    'contradicts the claim'
    """
    table = sentence_table(case).set_index("sentence_id")
    return [{"sentence_id": sid, "shows": STANCES[stance],
             "could_know": f"what {table.loc[sid, 'outlet']} reports in this sentence"}
            for sid, stance in evidence.items() if sid in table.index and stance in STANCES]


def evidence_summary(rating: str | None, evidence: dict[str, str], case: Case | str | Path | None = None) -> str:
    """The generated part of the reasoning: the rating's meaning and the sentences on each side, by id and outlet.

    >>> evidence_summary("unproven", {"A3.S6": "against"})
    'Rated unproven: the evidence available cannot settle it either way. Contradicts the claim: A3.S6 (outlet not stated).'
    """
    table = sentence_table(case).set_index("sentence_id")
    parts = [f"Rated {rating}: {VERDICT_MEANINGS[rating]}."] if is_verdict(rating) else []
    for stance, shows in STANCES.items():
        cited = [f"{sid} ({table.loc[sid, 'outlet']})" for sid, s in evidence.items() if s == stance and sid in table.index]
        if cited:
            parts.append(f"{shows[0].upper()}{shows[1:]}: {', '.join(cited)}.")
    return " ".join(parts)


def build_review(claim: str, rating: str | None, evidence: dict[str, str], case: Case | str | Path | None = None, *,
                 author: str = "A student", date_published: str = "2000-01-01", reasoning: str = "") -> dict[str, Any]:
    """The ClaimReview for (claim, rating, evidence), built by :func:`kit.verdict.claim_review`, also when incomplete.

    A rating not on the scale leaves ``reviewRating`` without a rating, and no
    evidence leaves ``appearance`` empty, so that :func:`kit.verdict.validate_claim_review`
    names what is missing. The student's ``reasoning`` comes first in ``reviewBody``,
    then :func:`evidence_summary`; ``citation`` lists each sentence cited with its stance.

    >>> doc = build_review("The port reopened.", "likely", {}, None, author="Ada", date_published="2031-03-02")
    >>> doc["reviewRating"]["ratingValue"], doc["itemReviewed"]["appearance"]
    (4, [])
    """
    loaded = resolve_case(case)
    items = review_items(evidence, loaded)
    known = is_verdict(rating)
    body = " ".join(p for p in (" ".join(str(reasoning or "").split()), evidence_summary(rating, evidence, loaded)) if p)
    first = [{"sentence_id": loaded.sentences["sentence_id"].iloc[0], "shows": "-", "could_know": "-"}]
    doc = claim_review(str(claim or "").strip(), rating if known else "unproven", items or first,
                       author=author or "A student", date_published=date_published, review_body=body, case=loaded)
    if not items:  # claim_review needs evidence: built on a stand-in, whose appearance is taken out again
        doc["itemReviewed"] = {"@type": "Claim", "appearance": []}
    if not known:
        doc["reviewRating"] = {"@type": "Rating", "bestRating": 5, "worstRating": 1}
    table = sentence_table(loaded).set_index("sentence_id")
    doc["citation"] = [{"@type": "CreativeWork", "identifier": item["sentence_id"],
                        "text": table.loc[item["sentence_id"], "text"],
                        "publisher": {"@type": "Organization", "name": table.loc[item["sentence_id"], "outlet"]},
                        "description": item["shows"]} for item in items]
    return doc


def question_stances(evidence_questions: dict[str, str] | str | None) -> dict[str, str | None]:
    """Which evidence each question takes: ``{question id: stance}``, or ``None`` for all the evidence.

    Raises:
        KitError: a key that is not a stance of :data:`STANCES` (one sentence).

    >>> question_stances({"for": "q5.2", "against": "q5.3"}), question_stances("q5.2"), question_stances(None)
    ({'q5.2': 'for', 'q5.3': 'against'}, {'q5.2': None}, {})
    """
    if not evidence_questions:
        return {}
    if isinstance(evidence_questions, str):
        return {evidence_questions: None}
    if not isinstance(evidence_questions, dict):
        raise KitError("evidence_questions is a question id like 'q5.2' or a dict like {'for': 'q5.2', 'against': 'q5.3'}.")
    wrong = [k for k in evidence_questions if k not in STANCES]
    if wrong:
        raise KitError(f"evidence_questions has the key {wrong[0]!r}; use 'for' (supporting sentences) and 'against' "
                       "(contradicting sentences), like {'for': 'q5.2', 'against': 'q5.3'}.")
    return {str(qid): stance for stance, qid in evidence_questions.items() if qid}


def _rating_problem(rating: Any) -> str | None:
    if rating is None or (isinstance(rating, str) and not rating.strip()):
        return plain_words("'reviewRating")
    if is_verdict(rating):
        return None
    close = difflib.get_close_matches(str(rating).strip().casefold(), list(VERDICTS), n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    shown = repr(rating) if isinstance(rating, str) else str(rating)
    return (f"{shown} is not a rating on the scale; choose one of {', '.join(VERDICTS)}: how well the "
            f"evidence supports the claim.{hint}")


def review_problems(claim: str, rating: Any, evidence: dict[str, str], case: Case | str | Path | None = None,
                    doc: dict[str, Any] | None = None, stances: dict[str, str | None] | None = None) -> list[str]:
    """What the ClaimReview still lacks or gets wrong, in plain words, each once (empty when ready to save).

    Args:
        claim, rating, evidence: what the student gave.
        case: a loaded case, a case folder, or ``None`` for the seeds.
        doc: the document built (:func:`build_review`); its validator problems follow, in plain words.
        stances: the evidence questions (:func:`question_stances`): a question that asks for
            supporting or contradicting sentences adds a problem while there is none.

    >>> review_problems("Did the port reopen?", "mostly true", {"A1.S1": "for"}, None)
    ["'mostly true' is not a rating on the scale; choose one of confirmed, likely, unproven, unlikely, false: how well the evidence supports the claim."]
    """
    loaded = resolve_case(case)
    known = set(loaded.sentences["sentence_id"])
    covered = {"'claimReviewed'": not str(claim or "").strip(), "'reviewRating": _rating_problem(rating) is not None,
               "'itemReviewed.appearance'": not evidence}
    found = [plain_words("'claimReviewed'") if covered["'claimReviewed'"] else None, _rating_problem(rating),
             plain_words("'itemReviewed.appearance'") if not evidence else None]
    found += [f"{sid!r} is not a sentence of case {loaded.name!r}; pick sentences from the list." for sid in evidence
              if sid not in known]
    found += [f"{sid} is marked {stance!r}; mark it as supporting or as contradicting the claim." for sid, stance
              in evidence.items() if sid in known and stance not in STANCES]
    for qid, stance in (stances or {}).items():
        if stance and stance not in evidence.values():
            found.append(f"Mark at least one sentence as {'supporting' if stance == 'for' else 'contradicting'} the "
                         f"claim: question {qid} asks for them.")
    said = tuple(start for start, given in covered.items() if given)  # already said in the student's terms
    found += [plain_words(p) for p in validate_claim_review(doc) if not p.startswith(said or ("\0",))] if doc else []
    return list(dict.fromkeys(p for p in found if p))


def question_answers(rating: Any, evidence: dict[str, str], doc: dict[str, Any] | None = None, *,
                     rating_question: str | None = None, stances: dict[str, str | None] | None = None,
                     review_question: str | None = None) -> dict[str, Any]:
    """The plain answer of each question the builder checks: the rating, the sentence lists, the document.

    A question with nothing to answer yet (no rating, no sentence of its stance, a document that is
    not a valid ClaimReview) is left out.

    >>> question_answers("likely", {"A1.S2": "for", "A2.S1": "against"}, rating_question="q5.1",
    ...                  stances={"q5.2": "for", "q5.3": "against"})
    {'q5.1': 'likely', 'q5.2': ['A1.S2'], 'q5.3': ['A2.S1']}
    """
    answers: dict[str, Any] = {}
    if rating_question and isinstance(rating, str) and rating.strip():
        answers[rating_question] = rating.strip()
    for qid, stance in (stances or {}).items():
        picked = [sid for sid, s in evidence.items() if stance is None or s == stance]
        if picked:
            answers[qid] = picked
    if review_question and doc is not None and not validate_claim_review(doc):
        answers[review_question] = doc
    return answers


def restore_review(doc: Any, case: Case | str | Path | None = None) -> dict[str, Any]:
    """The builder's inputs read back from a saved ClaimReview: ``claim``, ``rating``, ``evidence``, ``reasoning``.

    Anything that is not there (or not of this case) comes back empty.

    >>> saved = build_review("The port reopened.", "likely", {"A1.S1": "against"}, None, reasoning="Only one says so.")
    >>> restore_review(saved)
    {'claim': 'The port reopened.', 'rating': 'likely', 'evidence': {'A1.S1': 'against'}, 'reasoning': 'Only one says so.'}
    """
    empty = {"claim": "", "rating": "", "evidence": {}, "reasoning": ""}
    if not isinstance(doc, dict):
        return empty
    known = set(resolve_case(case).sentences["sentence_id"])
    by_words = {shows: stance for stance, shows in STANCES.items()}
    evidence = {c.get("identifier"): by_words[c.get("description")] for c in doc.get("citation") or []
                if isinstance(c, dict) and c.get("identifier") in known and c.get("description") in by_words}
    rating = (doc.get("reviewRating") or {}).get("alternateName") if isinstance(doc.get("reviewRating"), dict) else ""
    rating = rating if is_verdict(rating) else ""
    body, summary = str(doc.get("reviewBody") or ""), evidence_summary(rating, evidence, case)
    reasoning = body[: len(body) - len(summary)].strip() if summary and body.endswith(summary) else body.strip()
    claim = doc.get("claimReviewed")
    return {"claim": claim if isinstance(claim, str) else "", "rating": rating, "evidence": evidence,
            "reasoning": reasoning}


def read_review(path: str | Path) -> Any:
    """The ClaimReview saved at ``path`` (any JSON value), or ``None`` when there is none or it is not JSON.

    >>> read_review("/nonexistent/claimreview.json") is None
    True
    """
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def review_html(doc: dict[str, Any]) -> str:
    """The ClaimReview as pretty-printed JSON-LD, escaped, wrapped (no horizontal scroll).

    >>> review_html({"claimReviewed": "<b>x</b>"})[:40]
    '<pre class="kit-verdict-json" style="whi'
    """
    text = html.escape(json.dumps(doc, ensure_ascii=False, indent=2))
    return (f'<pre class="kit-verdict-json" style="white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%;'
            f'margin:0;padding:8px;background:{PALETTE["verdict"]["panel"]};border:1px solid {PALETTE["page"]["border"]};'
            f'font-size:12px;line-height:1.35;max-height:420px;overflow-y:auto">{text}</pre>')


def problems_html(problems: list[str]) -> str:
    """The problems as a short list in plain words, or a sentence saying the ClaimReview is ready to save.

    >>> problems_html([])
    '<div class="kit-verdict-problems" style="white-space:normal"><b>Ready to save:</b> the ClaimReview has no problem.</div>'
    """
    if not problems:
        return ('<div class="kit-verdict-problems" style="white-space:normal"><b>Ready to save:</b> '
                "the ClaimReview has no problem.</div>")
    items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
    return (f'<div class="kit-verdict-problems" style="white-space:normal"><b>Still to do ({len(problems)}):</b>'
            f'<ul style="margin:4px 0 4px 18px;padding:0">{items}</ul></div>')


def picked_html(evidence: dict[str, str], case: Case | str | Path | None = None) -> str:
    """The evidence picked, each with its stance, id, outlet and full text; or a sentence saying there is none.

    >>> "No evidence yet" in picked_html({})
    True
    """
    if not evidence:
        return '<p class="kit-verdict-picked" style="white-space:normal">No evidence yet: find a sentence above and add it.</p>'
    table = sentence_table(case).set_index("sentence_id")
    rows = []
    for sid, stance in evidence.items():
        colour = PALETTE["verdict"].get(stance, PALETTE["page"]["muted"])
        text, outlet = (table.loc[sid, "text"], table.loc[sid, "outlet"]) if sid in table.index else ("", "")
        rows.append(f'<li style="border-left:4px solid {colour};padding-left:6px;margin:4px 0">'
                    f'<b>{html.escape(sid)}</b> · {html.escape(outlet)} · <i>{html.escape(STANCES.get(stance, stance))}'
                    f"</i><br>{html.escape(text)}</li>")
    return (f'<ul class="kit-verdict-picked" style="list-style:none;margin:0;padding:0;white-space:normal">'
            f'{"".join(rows)}</ul>')
