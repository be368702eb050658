"""Exam mode: pre- and post-test checks record answers and say nothing about correctness until released."""

import csv
import html
import io
import json
import re
import shutil

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st
from nbclient import NotebookClient

import kit
from helpers import ROOT, make_case
from kit.checks import check
from kit.core.paths import RELEASE_ENV
from kit.core.store import load_attempts
from kit.exam import EXAM_LESSONS, EXAM_MESSAGE, is_exam_question, lesson_of_question, released_lessons, withhold

HEADER = ["id", "kind", "prompt", "answer", "options", "match", "tolerance", "explanation", "hint", "defensible"]

# Two invented stories, each with pre-test (q90), post-test (q91) and ordinary lesson (q1) questions.
WELLINGTON = {
    "articles": {
        "a.txt": "Dockworkers walked off the Wellington wharf on Monday. The union called the strike unavoidable.",
        "b.txt": "By Aroha Ngata. The port company said talks would resume on 2025-03-12. Ships waited offshore.",
    },
    "questions": [
        {"id": "q90.1", "kind": "choice", "answer": "opinion", "options": "fact;opinion;prediction",
         "explanation": "A1.S2 gives the union's view of the strike as unavoidable.",
         "hint": "Is 'unavoidable' something anyone can check?"},
        {"id": "q90.2", "kind": "article", "answer": "A2", "explanation": "Only A2 carries a byline (A2.S1).",
         "hint": "Look for the word 'By' at the top."},
        {"id": "q91.1", "kind": "date", "answer": "2025-03-12", "explanation": "A2.S2 names the day talks resume.",
         "hint": "Read the port company's statement."},
        {"id": "q1.1", "kind": "article", "answer": "A1", "explanation": "A1.S1 reports the walk-off.",
         "hint": "Which article opens on the wharf?"},
    ],
    "right": {"q90.1": "opinion", "q90.2": "A2", "q91.1": "2025-03-12"},
    "wrong": {"q90.1": "fact", "q90.2": "A1", "q91.1": "2025-03-11"},
}
LISBON = {
    "articles": {
        "a.txt": "Benfica sold the striker to Porto for 12 million euros. Fans called it a betrayal.",
        "b.txt": "The transfer is expected to be confirmed on 2025-07-01. The club declined to comment.",
    },
    "questions": [
        {"id": "q90.1", "kind": "number", "answer": "12", "tolerance": "0",
         "explanation": "A1.S1 gives the fee as 12 million euros.", "hint": "Find the fee in millions."},
        {"id": "q91.1", "kind": "text", "answer": "betrayal", "explanation": "A1.S2 carries the fans' loaded word.",
         "hint": "Which noun judges the sale?"},
        {"id": "q91.2", "kind": "choice", "answer": "prediction", "options": "fact;opinion;prediction",
         "explanation": "A2.S1 says what is expected to happen.", "hint": "Has the confirmation happened yet?"},
        {"id": "q1.1", "kind": "article", "answer": "A2", "explanation": "A2.S2 reports the club's silence.",
         "hint": "Which article quotes nobody?"},
    ],
    "right": {"q90.1": 12, "q91.1": "betrayal", "q91.2": "prediction"},
    "wrong": {"q90.1": 11, "q91.1": "sale", "q91.2": "fact"},
}
STORIES = {"wellington": WELLINGTON, "lisbon": LISBON}


def _questions_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture(params=sorted(STORIES))
def story(request, tmp_path, answers_file, monkeypatch):
    """One invented story: its loaded case, its questions by id, its right and wrong answers; nothing released."""
    monkeypatch.delenv(RELEASE_ENV, raising=False)
    data = STORIES[request.param]
    path = make_case(tmp_path, data["articles"], keys={"questions": _questions_csv(data["questions"])})
    assert kit.validate_case(path) == []
    by_id = {q["id"]: q for q in data["questions"]}
    return {"case": kit.load_case(path), "by_id": by_id, "right": data["right"], "wrong": data["wrong"]}


def _says_nothing_about(feedback, question):
    shown = repr(feedback) + feedback.message + html.unescape(feedback._repr_html_())
    for text in (question["explanation"], question["hint"], "Correct", "Not yet right", "Hint:"):
        assert text not in shown, text
    return shown


def test_an_exam_check_records_the_answer_and_says_nothing_about_correctness(story, answers_file):
    for answers in (story["right"], story["wrong"]):
        for qid, answer in answers.items():
            feedback = check(qid, answer, story["case"])
            assert feedback.status == "recorded" and not feedback
            assert feedback.message == EXAM_MESSAGE
            shown = _says_nothing_about(feedback, story["by_id"][qid])
            assert f"{qid} • Recorded. Your teacher releases the feedback after the test." in shown
    attempts = load_attempts(answers_file)
    assert [a["status"] for a in attempts] == ["recorded"] * len(attempts), "the answers file does not tell either"
    expected = [json.loads(json.dumps(v)) for v in [*story["right"].values(), *story["wrong"].values()]]
    assert [a["answer"] for a in attempts] == expected, "what the student chose is kept"


def test_right_and_wrong_exam_answers_look_the_same(story):
    for qid in story["right"]:
        right = check(qid, story["right"][qid], story["case"], save=False)
        wrong = check(qid, story["wrong"][qid], story["case"], save=False)
        assert (right.status, right.message, right._repr_html_()) == (wrong.status, wrong.message, wrong._repr_html_())


def test_ordinary_lessons_keep_their_feedback(story):
    question = story["by_id"]["q1.1"]
    feedback = check("q1.1", question["answer"], story["case"], save=False)
    assert feedback.status == "correct" and question["explanation"] in feedback.message


def test_form_messages_still_help_during_the_exam(story):
    """An unanswered or malformed answer says what form it takes (not whether it is right)."""
    qid = next(iter(story["right"]))
    assert check(qid, ..., story["case"], save=False).status == "unanswered"
    malformed = check(qid, ["not", "a", "value", "of", "this", "kind"], story["case"], save=False)
    assert malformed.status == "invalid" and f"{qid} expects" in malformed.message
    _says_nothing_about(malformed, story["by_id"][qid])


def test_released_feedback_behaves_as_before(story, monkeypatch):
    monkeypatch.setenv(RELEASE_ENV, "90,91")
    for qid, answer in story["right"].items():
        feedback = check(qid, answer, story["case"], save=False)
        assert feedback.status == "correct" and story["by_id"][qid]["explanation"] in feedback.message
    for qid, answer in story["wrong"].items():
        feedback = check(qid, answer, story["case"], save=False)
        assert feedback.status == "incorrect" and f"Hint: {story['by_id'][qid]['hint']}" in feedback.message


def test_releasing_one_test_leaves_the_other_an_exam(story, monkeypatch):
    monkeypatch.setenv(RELEASE_ENV, "90")
    for qid, answer in story["right"].items():
        expected = "correct" if qid.startswith("q90.") else "recorded"
        assert check(qid, answer, story["case"], save=False).status == expected, qid


def test_the_graders_scoring_still_scores_exam_questions(story, answers_file):
    for verdict, answers in (("correct", story["right"]), ("incorrect", story["wrong"])):
        for qid, answer in answers.items():
            assert check(qid, answer, story["case"], save=False, scoring=True).status == verdict, qid
    assert not answers_file.exists(), "scoring records nothing"



def test_score_answer_grades_what_the_student_chose(story):
    from kit.grading.discovery import Submission
    from kit.grading.scoring import NotebookResult, score_answer

    submission = Submission("ana", "90_pre_test.ipynb", 90, ROOT / "assessments" / "90_pre_test.ipynb")
    answers = {**story["right"], **{q: v for q, v in story["wrong"].items() if q.startswith("q91.")}}
    result = NotebookResult(submission, "ok", answers)
    for qid, answer in answers.items():
        _, outcome, message = score_answer(qid, result, story["case"])
        right = answer == story["right"][qid]
        assert outcome == ("correct" if right else "not yet right"), qid
        assert story["by_id"][qid]["explanation" if right else "hint"] in message


@given(st.sets(st.integers(0, 999)), st.sampled_from([",", ", ", " ", ";"]))
def test_the_release_setting_names_its_lessons(lessons, separator):
    assert released_lessons(separator.join(map(str, sorted(lessons)))) == lessons
    assert released_lessons("all") == EXAM_LESSONS and released_lessons("") == frozenset()


@given(st.integers(0, 999), st.integers(1, 99), st.sets(st.integers(0, 999)))
def test_only_unreleased_assessment_lessons_are_exams(lesson, number, released):
    qid = f"q{lesson}.{number}"
    assert lesson_of_question(qid) == lesson
    assert is_exam_question(qid, frozenset(released)) == (lesson in EXAM_LESSONS and lesson not in released)
    status, _ = withhold(qid, "correct", "why", scoring=True)
    assert status == "correct"


def _filled_pre_test(target):
    """The student's pre-test with the key's answers typed into its answer cells (no outputs)."""
    blank = nbformat.read(ROOT / "assessments" / "90_pre_test.ipynb", as_version=4)
    key = nbformat.read(ROOT / "assessments" / "key" / "90_pre_test.ipynb", as_version=4)
    solved = {m[1]: c.source for c in key.cells if c.cell_type == "code" for m in [re.match(r"(answer_\w+)\s*=", c.source)] if m}
    filled = 0
    for cell in blank.cells:
        match = re.match(r"(answer_\w+)\s*=", cell.source) if cell.cell_type == "code" else None
        if match:
            cell.source, filled = solved[match[1]], filled + 1
    assert filled == 5
    nbformat.write(blank, target)
    return blank


def _shown(nb):
    """Every text a cell output shows (plain, HTML unescaped, streams, errors)."""
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            texts += [data.get("text/plain", ""), html.unescape(data.get("text/html", "")), out.get("text", "")]
            texts += out.get("traceback", [])
    return "\n".join(texts)


def test_the_pre_test_notebook_shows_no_explanation(tmp_path, answers_file, monkeypatch):
    monkeypatch.delenv(RELEASE_ENV, raising=False)
    monkeypatch.delenv("KIT_CASE", raising=False)
    target = tmp_path / "90_pre_test.ipynb"
    nb = _filled_pre_test(target)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = _shown(nb)
    key = kit.load_case().keys["questions"]
    rows = key[key["id"].str.startswith("q90.")]
    assert len(rows) == 5
    for explanation, hint in zip(rows["explanation"], rows["hint"]):
        assert explanation not in shown and html.escape(explanation) not in shown
        assert hint not in shown
    assert shown.count("• Recorded. Your teacher releases the feedback after the test.") >= 5
    attempts = load_attempts(answers_file)
    assert sorted(a["question"] for a in attempts) == sorted(rows["id"]) and {a["status"] for a in attempts} == {"recorded"}
