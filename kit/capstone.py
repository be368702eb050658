"""The capstone template for any case: evidence, a verdict from the scale, and a ClaimReview built from the answers.

A case's capstone is its ``q5.*`` questions (``keys/questions.csv``), read by role:

* the **verdict** question: kind ``choice`` whose options are the verdict scale
  (:data:`kit.VERDICTS`); its prompt names the claim in quotes
  (``Verdict on 'The port reopened on Monday' (A1.S3)``);
* **evidence** questions: kind ``sentences`` with a ``facet`` ``evidence:<what it shows>``;
  their sentences become the ClaimReview's evidence in the solution;
* **ClaimReview** questions: facet ``claimreview`` (kind ``number``): their answer is
  computed from the student's own document (``len(kit.validate_claim_review(review))``),
  never typed, so it cannot be right without a ClaimReview; a question of kind ``review``
  takes the ClaimReview itself (``answer_qX = review``), judged by the rubric of its key (:mod:`kit.rubric`);
* any other ``q5`` question is asked between the evidence and the verdict.

:func:`capstone_cells` lays them out: evidence, other questions, verdict, the
ClaimReview (evidence items and reasoning are the student's to write; the
solution's come from the key), the computed questions, and a reflection whose
model answer is the verdict's explanation. A case without a verdict question
gets its ``q5`` questions in order, like any other skill.

>>> claim_of("Verdict on 'The port reopened on Monday' (A1.S3)")
'The port reopened on Monday'
>>> roles([{"id": "q5.1", "kind": "choice", "options": "confirmed;likely;unproven;unlikely;false"},
...        {"id": "q5.2", "kind": "sentences", "facet": "evidence:reopening"},
...        {"id": "q5.3", "kind": "number", "facet": "claimreview"}])
{'verdict': ['q5.1'], 'evidence': ['q5.2'], 'other': [], 'claimreview': ['q5.3']}
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .answer_match import split_items
from .rubric import describe_rubric
from .verdict import VERDICTS

EVIDENCE_PER_QUESTION = 3
"""How many sentences of each evidence question the solution's ClaimReview cites."""


def claim_of(prompt: str) -> str:
    """The claim a verdict question is about: the text between its first and last single quote, else the prompt."""
    found = re.search(r"'(.+)'", prompt)
    return (found.group(1) if found else prompt).strip()


def role_of(question: dict[str, str]) -> str:
    """Which part of the capstone a ``q5`` question plays: verdict, evidence, claimreview or other."""
    facet = (question.get("facet") or "").strip()
    if question.get("kind") == "choice" and set(split_items(question.get("options") or "")) == set(VERDICTS):
        return "verdict"
    if facet.startswith("evidence") and question.get("kind") == "sentences":
        return "evidence"
    if facet == "claimreview" or question.get("kind") == "review":
        return "claimreview"
    return "other"


def roles(questions: list[dict[str, str]]) -> dict[str, list[str]]:
    """The ids of a case's capstone questions by role, in key order."""
    out: dict[str, list[str]] = {"verdict": [], "evidence": [], "other": [], "claimreview": []}
    for q in questions:
        out[role_of(q)].append(q["id"])
    return out


def _could_know(case, sentence_id: str) -> str:
    """What the source of a sentence could know, from the claims key (who asserts it, resting on what)."""
    claims = case.keys.get("claims")
    if claims is not None and "sentence_id" in claims:
        rows = claims[claims["sentence_id"] == sentence_id]
        if len(rows):
            row = rows.iloc[0]
            who, basis = str(row.get("who_asserts") or "").strip(), str(row.get("original_source") or "").strip()
            if who:
                return who + (f"; source: {basis}" if basis and basis.lower() != "nan" else "")
    outlet = dict(zip(case.articles["article_id"], case.articles["outlet"])).get(sentence_id.split(".")[0]) or "the article"
    return f"what {outlet} reports; it names no further source here"


def evidence_items(case, evidence: list[dict[str, str]]) -> list[dict[str, str]]:
    """The solution's ClaimReview evidence: the first sentences of each evidence question, with what they show."""
    items = []
    for q in evidence:
        shows = q["facet"].partition(":")[2].replace("-", " ").strip() or q["prompt"]
        for sid in split_items(q["answer"])[:EVIDENCE_PER_QUESTION]:
            items.append({"sentence_id": sid, "shows": shows, "could_know": _could_know(case, sid)})
    return items


def review_date(case) -> str:
    """The ClaimReview's date in the solution: the case's latest article date (``YYYY-MM-DD``)."""
    dates = case.articles["published"].dropna()
    return str(dates.max())[:10] if len(dates) else "2000-01-01"


def _claimreview_cells(q: dict[str, str]) -> list[tuple[str, str]]:
    name = "answer_" + q["id"].replace(".", "_")
    hint = f"\n\n*Hint:* {q['hint']}" if q.get("hint") else ""
    if q.get("kind") == "review":  # the document itself is the answer; the key's rubric judges it
        return [("markdown", f"**{q['id']}** {q['prompt']}: hand in `review` itself; it is judged by "
                             f"{describe_rubric(q['answer'])}.{hint}"),
                ("code", f"{name} = review"),
                ("code", f"kit.check(\"{q['id']}\", {name})")]
    return [("markdown", f"**{q['id']}** {q['prompt']} (computed from your ClaimReview){hint}"),
            ("code", f"{name} = ... if review is ... else len(kit.validate_claim_review(review))\n{name}"),
            ("code", f"kit.check(\"{q['id']}\", {name})")]


WRITTEN_TAG, ANSWER_LEAD = "written", "Your answer:"
"""The tag and first words of a written-answer cell (after a Reflect prompt); the grader reads it back."""


def reflection_cells(verdict: dict[str, str]) -> list[tuple[str, str]]:
    """The closing Reflect prompt and its written-answer cell, whose model answer is the verdict's explanation.

    >>> [source.splitlines()[0][:12] for _, source in reflection_cells({"explanation": "Only A1.S2 says so."})]
    ['**Reflect** ', 'Your answer:']
    """
    return [("markdown", "**Reflect** (not checked). In three sentences: your verdict, the strongest evidence, "
                         "and what would change your mind."),
            ("markdown", f"{ANSWER_LEAD}\n\n<!-- BEGIN SOLUTION -->\n*A model answer:* "
                         f"{verdict.get('explanation', '')}\n<!-- END SOLUTION -->")]


def capstone_cells(case, questions: list[dict[str, str]],
                   asked: Callable[[dict[str, str]], list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The capstone's cells as ``(cell type, source)``; ``asked(question)`` gives a checked question's cells."""
    by_id = {q["id"]: q for q in questions}
    parts = roles(questions)
    if not parts["verdict"]:
        return [cell for q in questions for cell in asked(q)]
    verdict = by_id[parts["verdict"][0]]
    claim = claim_of(verdict["prompt"])
    cells = [("markdown", f"## The claim\n\n**{claim}**\n\nCollect the evidence, weigh what each source could know, "
                          "then rate the claim on the scale (`list(kit.VERDICTS)`) and publish your verdict as a "
                          "ClaimReview.")]
    for qid in parts["evidence"] + parts["other"] + parts["verdict"]:
        cells += asked(by_id[qid])
    items = ",\n".join(f"    {item!r}" for item in evidence_items(case, [by_id[q] for q in parts["evidence"]]))
    verdict_name = "answer_" + verdict["id"].replace(".", "_")
    cells += [
        ("markdown", "## Your ClaimReview\n\nFor each piece of evidence, say what it shows and what its source could "
                     "know first-hand; then write your reasoning in two or three sentences. The ClaimReview is built "
                     "from your verdict above."),
        ("code", f"my_evidence = ...\n# BEGIN SOLUTION\nmy_evidence = [\n{items},\n]\n# END SOLUTION\n"
                 "kit.show(kit.evidence_table(my_evidence, case)) if my_evidence is not ... else None"),
        ("code", f"my_reasoning = ...\n# BEGIN SOLUTION\nmy_reasoning = {verdict.get('explanation', '')!r}\n"
                 f"# END SOLUTION\nreview = ... if ... in (my_evidence, my_reasoning, {verdict_name}) else kit.claim_review(\n"
                 f"    {claim!r}, {verdict_name}, my_evidence, author=\"A student\",\n"
                 f"    date_published={review_date(case)!r}, review_body=my_reasoning, case=case)\n"
                 "review if review is ... else review[\"reviewRating\"]"),
    ]
    for qid in parts["claimreview"]:
        cells += _claimreview_cells(by_id[qid])
    cells += reflection_cells(verdict)
    return cells
