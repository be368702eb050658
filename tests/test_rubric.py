"""The capstone scored by a rubric the key states: a ``review`` question judges the ClaimReview document itself.

Two invented stories (a harbour strike in Wellington, a football transfer in Lisbon), each a tiny case whose
key has a verdict question and a ``review`` question; the ClaimReview is built with ``kit.claim_review`` as a
student would. Then: the key's validation, the grader's path (snapshot, decode, score in the parent), the
generated capstone, and kestrel's honest ``articles:1``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit import grading
from kit.capstone import capstone_cells, roles
from kit.core.case import load_case
from kit.core.errors import CaseError
from kit.practice import question_cells
from kit.rubric import MAX_DOCUMENT_CHARS, cited_sentences, describe_rubric, document_problem, rubric_problem
from tests.helpers import make_case

ROOT = Path(__file__).resolve().parent.parent
HEADER = "id,kind,prompt,answer,options,match,tolerance,explanation,hint,defensible\n"
SCALE = "confirmed;likely;unproven;unlikely;false"

STORIES = {
    "strike": {
        "articles": {
            "1_union.txt": "Ferries stop in Wellington\n\nThe union says every crossing is cancelled. "
                           "Its secretary spoke at the gate on Monday.\n",
            "2_port.txt": "Port disputes strike figures\n\nThe port company says two crossings ran. "
                          "It gave no timetable.\n",
            "3_wire.txt": "Strike enters second day\n\nThe union repeated that crossings are cancelled. "
                          "A reporter saw passengers board one ferry.\n",
        },
        "claim": "Every ferry crossing in Wellington was cancelled",
        "verdict": "unlikely",
        "defensible": "unproven => arguable if the sighting in A3.S3 is set aside; the key prefers 'unlikely' because "
                      "a witness saw a ferry board (A3.S3)",
        "rubric": "valid; articles:3; rating:q1.1",
        "need": 3,
    },
    "transfer": {
        "articles": {
            "1_bola.txt": "Striker joins Lisbon club\n\nThe club says the fee was a record. The player signed on Friday.\n",
            "2_diario.txt": "Transfer fee not disclosed\n\nThe selling club disclosed no fee. Its statement named the player.\n",
        },
        "claim": "The striker's fee was a club record",
        "verdict": "likely",
        "defensible": "",
        "rubric": "valid; articles:2; rating:q1.1",
        "need": 2,
    },
}


def _key(story: dict, review_row: str | None = None) -> str:
    verdict = (f'q1.1,choice,Verdict on \'{story["claim"]}\' (A1.S2),{story["verdict"]},{SCALE},,,'
               f'"The claim rests on A1.S2.","Who could know?","{story["defensible"]}"\n')
    review = review_row or (f'q1.2,review,Your ClaimReview,{story["rubric"]},,,,"A valid review that cites A1.S2 '
                            f'and the other articles.","Cite sentences of the articles.",\n')
    return HEADER + verdict + review


def _case(tmp_path: Path, name: str, review_row: str | None = None):
    story = STORIES[name]
    folder = make_case(tmp_path, story["articles"], keys={"questions": _key(story, review_row)}, name=name)
    return load_case(folder, cached=False)


def _review(case, name: str, sentences: list[str], verdict: str | None = None, body: str | None = None) -> dict:
    story = STORIES[name]
    evidence = [{"sentence_id": s, "shows": "what it says", "could_know": "the outlet's account"} for s in sentences]
    reasoning = body if body is not None else "The evidence: " + ", ".join(sentences) + "."
    return kit.claim_review(story["claim"], verdict or story["verdict"], evidence, author="A student",
                            date_published="2031-05-03", review_body=reasoning, case=case)


def _first_sentences(case) -> list[str]:
    """The second sentence of every article (the first after the headline), one per article."""
    ids = list(case.sentences["sentence_id"])
    return [next(s for s in ids if s.startswith(f"{a}.") and not s.endswith(".S1")) for a in case.articles["article_id"]]


@pytest.mark.parametrize("name", list(STORIES))
def test_a_valid_review_citing_enough_articles_with_the_right_rating_is_correct(tmp_path, name):
    case = _case(tmp_path, name)
    review = _review(case, name, _first_sentences(case))
    feedback = kit.check("q1.2", review, case=case, save=False)
    assert feedback.status == "correct", feedback
    assert feedback.message.startswith("A valid review")  # the explanation, as for every right answer


@pytest.mark.parametrize("name", list(STORIES))
def test_too_few_articles_is_named_with_the_count(tmp_path, name):
    case = _case(tmp_path, name)
    cited = _first_sentences(case)[: STORIES[name]["need"] - 1]
    feedback = kit.check("q1.2", _review(case, name, cited), case=case, save=False)
    assert feedback.status == "incorrect"
    assert feedback.message.startswith("2 of 3 rubric criteria met.")
    assert f"at least {STORIES[name]['need']} different articles" in feedback.message
    assert "Hint: Cite sentences" in feedback.message


def test_two_articles_is_enough_where_the_key_asks_for_two_but_not_where_it_asks_for_three(tmp_path):
    strike, transfer = _case(tmp_path, "strike"), _case(tmp_path, "transfer")
    two = ["A1.S2", "A2.S2"]
    assert kit.check("q1.2", _review(transfer, "transfer", two), case=transfer, save=False).correct
    said = kit.check("q1.2", _review(strike, "strike", two), case=strike, save=False).message
    assert "cites sentences of 2 articles (A1, A2)" in said


@pytest.mark.parametrize("name, wrong", [("strike", "confirmed"), ("transfer", "false")])
def test_a_rating_the_verdict_question_does_not_accept_is_unmet(tmp_path, name, wrong):
    case = _case(tmp_path, name)
    feedback = kit.check("q1.2", _review(case, name, _first_sentences(case), verdict=wrong), case=case, save=False)
    assert feedback.status == "incorrect" and feedback.message.startswith("2 of 3 rubric criteria met.")
    assert f"Your rating {wrong!r} does not fit the evidence" in feedback.message
    assert STORIES[name]["verdict"] not in feedback.message.split("Hint:")[0]  # the remark does not give the answer


def test_a_defensible_rating_meets_the_rating_criterion(tmp_path):
    case = _case(tmp_path, "strike")
    review = _review(case, "strike", _first_sentences(case), verdict="unproven")
    assert kit.check("q1.2", review, case=case, save=False).correct
    assert not kit.check("q1.2", _review(case, "strike", _first_sentences(case), verdict="likely"),
                         case=case, save=False).correct


def test_several_unmet_criteria_each_get_a_sentence(tmp_path):
    case = _case(tmp_path, "strike")
    review = _review(case, "strike", ["A1.S2"], verdict="false")
    del review["@context"]
    message = kit.check("q1.2", review, case=case, save=False).message
    assert message.startswith("0 of 3 rubric criteria met.")
    assert "is not valid: '@context' must be" in message and "cites sentences of 1 article (A1)" in message
    assert "Your rating 'false'" in message


def test_ids_from_another_case_and_ids_in_the_claim_do_not_count(tmp_path):
    case = _case(tmp_path, "transfer")
    copied = _review(case, "transfer", ["A1.S2"], body="As A1.S2 and A7.S4 say.")  # A7.S4: not this case's
    said = kit.check("q1.2", copied, case=case, save=False).message
    assert "A7.S4, which is not a sentence of this case" in said
    claim_only = _review(case, "transfer", ["A1.S2"], body="")
    claim_only["claimReviewed"] = "A2.S2 says the fee was a record"  # the claim may quote its sentence: no evidence
    assert cited_sentences(claim_only) == []
    assert "cites no sentence id" in kit.check("q1.2", claim_only, case=case, save=False).message


def test_a_reasoning_that_looks_thin_but_cites_enough_is_not_flagged(tmp_path):
    case = _case(tmp_path, "strike")  # ids in brackets, repeated, at a sentence's end: all fine
    review = _review(case, "strike", ["A1.S2"], body="Union (A1.S2); port [A2.S2]; wire A3.S3. Again A1.S2.")
    assert kit.check("q1.2", review, case=case, save=False).correct


@pytest.mark.parametrize("answer, says", [
    ("unlikely", "you gave a text, not a dict"),
    (0, "you gave a value of type int, not a dict"),  # the old placeholder cannot pass for a review
    ([{"@type": "ClaimReview"}], "you gave a list, not a dict"),
    (None, "you gave None, not a dict"),
    ({"a": float("nan")}, "not finite"),
    ({"a": [10**400]}, "beyond 10**15"),
    ({1: "x"}, "keys are not all text"),
    ({"a": object()}, "a value of type object inside the dict"),
])
def test_anything_but_a_plain_dict_is_invalid_with_one_sentence(tmp_path, answer, says):
    case = _case(tmp_path, "transfer")
    feedback = kit.check("q1.2", answer, case=case, save=False)
    assert feedback.status == "invalid" and says in feedback.message, feedback
    assert feedback.message.startswith("q1.2 expects your ClaimReview itself")


def test_huge_deep_or_sly_dicts_are_refused_without_work(tmp_path):
    case = _case(tmp_path, "strike")
    huge = {"reviewBody": "A1.S2 " * (MAX_DOCUMENT_CHARS // 6 + 10)}
    assert "more than 100,000 characters" in kit.check("q1.2", huge, case=case, save=False).message
    wide = {"x": list(range(20_000))}
    deep: dict = {}
    for _ in range(50):
        deep = {"d": deep}
    for value in (wide, deep):
        assert kit.check("q1.2", value, case=case, save=False).status == "invalid"

    class Sly(dict):
        def __eq__(self, other):
            return True

    assert kit.check("q1.2", Sly(_review(case, "strike", _first_sentences(case))), case=case, save=False).status == "invalid"


def test_other_kinds_still_refuse_a_dict(tmp_path):
    case = _case(tmp_path, "strike")
    feedback = kit.check("q1.1", {"alternateName": "unlikely"}, case=case, save=False)
    assert feedback.status == "invalid" and "not a plain value" in feedback.message


def test_the_student_document_is_copied_not_kept(tmp_path):
    case = _case(tmp_path, "transfer")
    review = _review(case, "transfer", ["A1.S2", "A2.S2"])
    before = json.dumps(review, sort_keys=True)
    kit.check("q1.2", review, case=case, save=False)
    assert json.dumps(review, sort_keys=True) == before


@pytest.mark.parametrize("rubric, says", [
    ("valid; sources:3; rating:q1.1", "'sources' is not a criterion; use valid, articles:N or rating:<question id>"),
    ("valid; articles:three", "'three' is not a whole number of articles; write e.g. 'articles:3'"),
    ("valid; articles:0", "'0' is not a whole number of articles"),
    ("valid; articles:³", "'³' is not a whole number of articles"),
    ("valid; rating:q9.9", "'rating:q9.9' names a question the key does not have"),
    ("valid; rating:q1.3", "'rating:q1.3' names a question of kind 'number'; name the verdict question"),
    ("valid; rating", "'rating' needs the verdict question's id"),
    ("valid:yes", "'valid' takes no argument"),
])
@pytest.mark.parametrize("name", list(STORIES))
def test_a_key_with_a_bad_rubric_gets_one_sentence_naming_file_line_and_fix(tmp_path, name, rubric, says):
    row = (f'q1.2,review,Your ClaimReview,{rubric},,,,"Cites A1.S2.","Cite.",\n'
           'q1.3,number,How many?,2,,,,"See A1.S2.","Count.",\n')
    with pytest.raises(CaseError) as caught:
        _case(tmp_path, name, row)
    message = caught.value.problems[0]
    assert message.startswith(f"{name}/keys/questions.csv, line 3 (q1.2), field 'answer': ") and says in message
    assert "e.g. 'valid; articles:3; rating:q5.1'" in message


def test_a_review_question_takes_no_defensible_entries(tmp_path):
    row = 'q1.2,review,Your ClaimReview,valid,,,,"Cites A1.S2.","Cite.",likely => the key prefers it\n'
    with pytest.raises(CaseError, match="takes no defensible entries"):
        _case(tmp_path, "transfer", row)


def test_the_rubric_reads_in_words():
    assert describe_rubric("valid; articles:3; rating:q5.1") == (
        "a rubric of 3 criteria: a valid ClaimReview; sentence ids cited from at least 3 different articles; "
        "a rating that fits the evidence (as your verdict in q5.1 does)")
    assert "sentence ids cited from at least 1 article;" in describe_rubric("valid; articles:1; rating:q2.1")
    assert rubric_problem("", {}).startswith("the rubric is empty")


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=40,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(max_size=8), JSONISH, max_size=6))
def test_document_problem_never_raises_and_what_it_accepts_survives_json(doc):
    problem = document_problem(doc)
    assert problem is None or isinstance(problem, str)
    if problem is None:
        assert json.loads(json.dumps(doc, allow_nan=False)) == doc
        assert all(isinstance(s, str) for s in cited_sentences(doc))


def _snapshot(namespace: dict) -> dict:
    text = eval(grading.snapshot_expression(), namespace)  # noqa: S307 - the grader's own expression
    return grading.read_answers(grading.parse_snapshot({"kit": {"status": "ok", "data": {"text/plain": repr(text)}}}))


@pytest.mark.parametrize("name", list(STORIES))
def test_the_grader_carries_the_document_out_of_the_kernel_and_scores_it_with_the_key(tmp_path, name):
    case = _case(tmp_path, name)
    good = _review(case, name, _first_sentences(case))
    thin = _review(case, name, ["A1.S2"])
    huge = {"reviewBody": "x" * 200_000}
    sub = grading.Submission("ada", "01_x.ipynb", 1, Path("x"))
    questions = grading.key_questions(case)[1]
    for value, result in ((good, "correct"), (thin, "not yet right"), (huge, "invalid"), (0, "invalid")):
        answers = _snapshot({"answer_q1_2": value, "answer_q1_1": STORIES[name]["verdict"]})
        assert answers["q1.2"] == value or isinstance(answers["q1.2"], grading.Unreadable)
        rows = {r["question"]: r for r in grading.score(grading.NotebookResult(sub, "ok", answers), questions, case)}
        assert rows["q1.2"]["result"] == result, rows["q1.2"]
        assert rows["q1.1"]["result"] == "correct"
    assert isinstance(_snapshot({"answer_q1_2": huge})["q1.2"], grading.Unreadable)  # too long to leave the kernel


@pytest.mark.parametrize("name", list(STORIES))
def test_the_generated_capstone_hands_in_the_review_itself(tmp_path, name):
    case = _case(tmp_path, name)
    questions = case.keys["questions"].fillna("").astype(str).to_dict("records")  # no facet: the kind decides
    assert roles(questions) == {"verdict": ["q1.1"], "evidence": [], "other": [], "claimreview": ["q1.2"]}
    sources = [s for _, s in capstone_cells(case, questions, question_cells)]
    assert "answer_q1_2 = review" in sources and 'kit.check("q1.2", answer_q1_2)' in sources
    prompt = next(s for s in sources if s.startswith("**q1.2**"))
    assert "judged by a rubric of 3 criteria: a valid ClaimReview" in prompt


def test_kestrels_review_asks_for_one_article_and_its_generated_solution_meets_it():
    case = load_case(ROOT / "cases" / "kestrel", cached=False)
    questions = case.keys["questions"].fillna("").astype(str).to_dict("records")
    [review_q] = [q for q in questions if q["kind"] == "review"]
    assert review_q["answer"] == "valid; articles:1; rating:q5.1"
    verdict = next(q for q in questions if q["id"] == "q5.1")
    evidence = [{"sentence_id": s, "shows": "a warning", "could_know": "the column"} for s in ("A3.S5", "A3.S11")]
    review = kit.claim_review("The company has ignored safety warnings for years", verdict["answer"], evidence,
                              author="A student", date_published="2025-01-01", review_body=verdict["explanation"],
                              case=case)
    assert kit.check(review_q["id"], review, case=case, save=False).correct


def test_the_seeds_review_question_needs_three_articles_cited_by_sentence():
    case = kit.load_case()
    evidence = [{"sentence_id": s, "shows": "x", "could_know": "y"} for s in ("A2.S13", "A1.S1", "A3.S6")]
    review = kit.claim_review("Trump and Putin spoke by phone on 7 November 2024.", "unproven", evidence,
                              author="A student", date_published="2024-11-20", case=case,
                              review_body="Only the Post's sources (A2.S13) say so; the Kremlin denies it (A1.S1); "
                                          "Trump's team will not comment (A3.S6).")
    assert kit.check("q5.7", review, save=False).correct
    review["reviewBody"] = "Only the Post's sources (A2.S13) say so; the Kremlin denies it (A1.S1)."
    assert "cites sentences of 2 articles (A1, A2)" in kit.check("q5.7", review, save=False).message
