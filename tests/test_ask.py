"""kit.ask: answering a question by clicking, on the seeds and two invented stories; and the grader reading clicks.

The rules (which control, options, answer) are tested as pure functions; the widget by setting
``.value`` and calling ``.click()``; a kernel restart by building the widget again over the same
answers file; the grader by a real sandboxed run over the committed kestrel practice, whose
exercise leaves ``answer_q2_3 = ...`` while the student's answers file holds the clicked answer.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import nbformat
import pytest

import kit
from kit.ask import ask
from kit.ask_rules import CONTROLS, answer_of, article_choices, control_for, prompt_article, sentence_choices, state_of
from kit.answer_form import KINDS
from kit.grading import main
from kit.grading.submitted import submitted_clicks

ROOT = Path(__file__).resolve().parent.parent
KESTREL = ROOT / "cases" / "kestrel"
HEADER = "id,kind,prompt,answer,options,match,tolerance,explanation,hint,defensible,file,quote,facet\n"
STORIES = {
    "harbour": {
        "articles": {"a.txt": ("Harbour Ledger", "Port strike enters second day\n\nWharf workers stayed out on Tuesday. "
                               "The union said talks resume on Friday.\n"),
                     "b.txt": ("", "Ferries run late\n\nCrossings to Picton were cancelled. Nobody was hurt.\n")},
        "questions": [
            "q1.1,choice,Label: 'talks resume on Friday' (A1.S3),prediction,verifiable_fact;opinion;prediction,,,"
            "The union says what will happen (A1.S3).,Is it about the future?,,a.txt,talks resume,",
            "q1.2,sentences,Which sentences report what happened to people? (A2.S2),A2.S2;A2.S3,,,,"
            "Both report events (A2.S2; A2.S3).,Look at A2.,,b.txt,Nobody was hurt,",
            "q1.3,date,Which date is 'Tuesday' in A1.S2?,2031-03-04,,,,A1 (A1.S2) was published on Thursday 2031-03-06.,"
            "Count back from the publication date.,,a.txt,Tuesday,",
        ],
    },
    "transfer": {
        "articles": {"t.txt": ("Bola Diária", "Striker joins club\n\nThe fee was a record, the president said. "
                               "Fans celebrated in Lisbon.\n")},
        "questions": [
            "q4.1,article,Which article names its outlet?,A1,,,,A1 is from Bola Diária (A1.S1).,Look at the header.,,t.txt,"
            "Striker joins club,",
            "q4.2,articles,Which articles report a fee?,A1,,,,Only A1 (A1.S2).,Search for 'fee'.,,t.txt,The fee was a record,",
            "q4.3,number,How many sentences has A1's body?,2,,,0,Two (A1.S2; A1.S3).,Count them.,,t.txt,Fans celebrated,",
        ],
    },
}


def story(tmp_path: Path, name: str) -> kit.Case:
    data = STORIES[name]
    folder = tmp_path / name
    (folder / "articles").mkdir(parents=True)
    meta = ["file,outlet,author,genre,published,headline,url,notes"]
    for file, (outlet, text) in data["articles"].items():
        (folder / "articles" / file).write_text(text, encoding="utf-8")
        meta.append(f"{file},{outlet},,news,2031-03-06,,,")
    (folder / "metadata.csv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    (folder / "keys").mkdir()
    (folder / "keys" / "questions.csv").write_text(HEADER + "\n".join(data["questions"]) + "\n", encoding="utf-8")
    return kit.load_case(folder)


@pytest.fixture
def answers(tmp_path, monkeypatch):
    path = tmp_path / "answers.json"
    monkeypatch.setenv("KIT_ANSWERS", str(path))
    return path


def recorded(path: Path) -> list[tuple[str, object, str]]:
    return [(a["question"], a["answer"], a["status"]) for a in json.loads(path.read_text())["attempts"]]


def test_every_kind_a_student_picks_has_a_control_and_the_rest_say_which_widget_answers_them(tmp_path):
    case = story(tmp_path, "harbour")
    assert set(CONTROLS) | {"trail", "review"} == set(KINDS)
    for kind in ("trail", "review"):
        with pytest.raises(kit.KitError, match="not a click"):
            control_for({"id": "q9.9", "kind": kind}, case)
    assert control_for({"kind": "choice", "options": "a; b"}, case) == ("radio", [("a", "a"), ("b", "b")])
    assert article_choices(case) == [("A1 · Harbour Ledger", "A1"), ("A2 · outlet not stated", "A2")]


def test_options_show_outlets_and_words_never_file_names(tmp_path):
    case = story(tmp_path, "transfer")
    labels = [label for label, _ in article_choices(case) + sentence_choices(case, "A1")]
    assert not any(".txt" in label for label in labels)
    assert sentence_choices(case, "A1")[1] == ("A1.S2 · The fee was a record, the president said.", "A1.S2")
    assert prompt_article("Which date is 'Tuesday' in A1.S2?", case) == "A1"
    assert prompt_article("In Z9.S1, what?", case) is None


@pytest.mark.parametrize("kind, state, answer", [
    ("choice", {"choice": "opinion"}, "opinion"),
    ("article", {}, ...),
    ("articles", {"ticked": ["A1", "A0"]}, ["A0", "A1"]),
    ("sentence", {"sentence": "A1.S2"}, "A1.S2"),
    ("sentences", {"sentences": []}, ...),
    ("date", {"typed": "  2031-03-04 "}, "2031-03-04"),
    ("number", {"typed": ""}, ...),
])
def test_the_answer_is_the_plain_value_check_takes_and_state_of_inverts_it(kind, state, answer):
    assert answer_of(kind, state) == answer
    if answer is not ...:
        assert answer_of(kind, state_of(kind, answer)) == answer


def test_a_choice_is_checked_recorded_and_shown_again_after_a_restart(tmp_path, answers):
    case = story(tmp_path, "harbour")
    box = ask("q1.1", case=case)
    assert repr(box) == "q1.1 … Not answered yet. Pick your answer above, then press Check."
    box.check_button.click()  # nothing picked: says so, records nothing
    assert "Pick your answer" in box.feedback.value and not answers.exists()
    box.buttons["opinion"].value = True
    box.check_button.click()
    assert "Not yet right" in box.feedback.value and repr(box).startswith("q1.1 ✗")
    box.buttons["prediction"].value = True  # pressing one option releases the other
    assert not box.buttons["opinion"].value
    box.check_button.click()
    assert repr(box).startswith("q1.1 ✓ Correct.") and box.answer == "prediction"
    assert recorded(answers) == [("q1.1", "opinion", "incorrect"), ("q1.1", "prediction", "correct")]
    again = ask("q1.1", case=case)  # a new kernel: the saved answer is shown, not recorded again
    assert again.chosen == ["prediction"] and again.buttons["prediction"].value and repr(again).startswith("q1.1 ✓ Correct.")
    assert len(recorded(answers)) == 2


def test_sentences_are_pressed_and_released_across_articles(tmp_path, answers):
    case = story(tmp_path, "harbour")
    box = ask("q1.2", case=case)
    assert box.article.value == "A2"  # the article the prompt names
    assert box.buttons["A2.S3"].description == "A2.S3 · Nobody was hurt."  # the whole sentence, never cut
    box.buttons["A2.S3"].value = True
    box.article.value = "A1"
    box.buttons["A1.S2"].value = True
    box.buttons["A1.S2"].value = False
    assert box.chosen == ["A2.S3"] and "Nobody was hurt" in box.picked.value
    box.article.value = "A2"
    assert box.buttons["A2.S3"].value  # still pressed when its article comes back
    box.buttons["A2.S2"].value = True
    box.check_button.click()
    assert box.answer == ["A2.S2", "A2.S3"] and "Correct" in box.feedback.value
    again = ask("q1.2", case=case)
    assert again.chosen == ["A2.S2", "A2.S3"] and again.buttons["A2.S2"].value


def test_typed_kinds_and_a_typed_answer_is_shown_and_checked(tmp_path, answers):
    harbour, transfer = story(tmp_path, "harbour"), story(tmp_path, "transfer")
    box = ask("q1.3", case=harbour)
    box.typed.value = "2031-03-05"
    box.check_button.click()
    assert "Not yet right" in box.feedback.value
    solved = ask("q4.3", 2, case=transfer)
    assert solved.typed.value == "2" and repr(solved).startswith("q4.3 ✓ Correct.")
    ticked = ask("q4.2", ["A1"], case=transfer)
    assert ticked.ticks["A1"].value and repr(ticked).startswith("q4.2 ✓")
    picked = ask("q4.1", "A1", case=transfer)
    assert picked.chosen == ["A1"] and picked.buttons["A1"].description == "A1 · Bola Diária"


def test_unknown_questions_and_widget_kinds_get_one_friendly_sentence(tmp_path, answers):
    case = story(tmp_path, "transfer")
    assert "There is no question 'q7.7'" in repr(ask("q7.7", case=case))
    assert "kit.lateral.investigate" in repr(ask("q2.5", case=KESTREL))
    assert not answers.exists()


def test_the_seeds_questions_open_with_their_controls(answers):
    kinds = dict(zip(kit.questions()["id"], kit.questions()["kind"]))
    for qid, kind in kinds.items():
        box = ask(qid)
        assert getattr(box, "control", None) == CONTROLS.get(kind), qid


def test_submitted_clicks_are_plain_values_of_the_case_only(tmp_path):
    folder = tmp_path / "ada"
    folder.mkdir()
    (folder / "answers.json").write_text(json.dumps({"attempts": [
        {"question": "q1.1", "case": "harbour", "answer": "prediction"},
        {"question": "q1.2", "case": "harbour", "answer": ["A1.S2", {"code": 1}]},
        {"question": "q1.3", "case": "harbour", "answer": True},
        {"question": "q1.1", "case": "transfer", "answer": "opinion"},
        {"question": "q1.4", "case": "harbour", "answer": "<not a plain value: function>"}]}))
    assert submitted_clicks(folder, "harbour", {"q1.1", "q1.2", "q1.3", "q1.4"}) == {"q1.1": "prediction"}
    (folder / "answers.json").write_text("{" * 50_000)
    assert submitted_clicks(folder, "harbour", {"q1.1"}) == {}


@pytest.mark.usefixtures("grading_lock")
def test_the_grader_scores_a_clicked_answer_the_rerun_left_unanswered(tmp_path, monkeypatch):
    name = "02_trace_sources.ipynb"
    exercise = nbformat.read(ROOT / "practice" / "kestrel" / "02_trace_sources_exercise.ipynb", as_version=4)
    subs, out = tmp_path / "subs", tmp_path / "out"
    for student in ("clicked", "typed_nothing"):
        (subs / student).mkdir(parents=True)
        nbformat.write(exercise, subs / student / name)
    (subs / "clicked" / "answers.json").write_text(json.dumps({"format": 1, "attempts": [
        {"question": "q2.3", "case": "kestrel", "answer": "Pacific Wire", "status": "incorrect"},  # status is not trusted
        {"question": "q2.4", "case": "kestrel", "answer": "Pacific Wire", "status": "correct"}]}))
    monkeypatch.setenv("KIT_CASE", str(KESTREL))
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main([str(subs), "--out", str(out), "--jobs", "2", "--timeout", "120"]) == 0
    with open(out / "gradebook.csv", newline="", encoding="utf-8") as handle:
        rows = {(r["student"], r["question"]): r for r in csv.DictReader(handle)}
    assert rows[("clicked", "q2.3")]["result"] == "correct"
    assert rows[("clicked", "q2.4")]["result"] == "not yet right"
    assert rows[("typed_nothing", "q2.3")]["points"] == "0"
