"""kit.check: feedback for every kind of answer, and the answers file that keeps attempts."""

import json
import multiprocessing
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kit
from kit.core.store import load_attempts, record


@pytest.mark.parametrize(
    "qid, answer",
    [
        ("q0.1", ["A2"]),
        ("q0.1", ("a2",)),
        ("q0.1", ["002_14c45c499be95dbc.txt"]),
        ("q0.2", "A0"),
        ("q0.3", "A0.S48"),
        ("q0.4", " A2 "),
        ("q0.5", ["A3.S3", "A3.S2"]),
        ("q0.6", "Investigate"),
        ("q0.7", 3),
        ("q0.7", 3.0),
        ("w0.1", 5),
    ],
)
def test_correct_answers(answers_file, qid, answer):
    feedback = kit.check(qid, answer)
    assert feedback.correct and bool(feedback)
    assert feedback.status == "correct"
    explanation = kit.load_case().keys["questions"].set_index("id").loc[qid, "explanation"]
    assert explanation in feedback.message, "a right answer shows the key's explanation"
    cited = re.findall(r"\bA\d+\.S\d+\b", feedback.message)
    assert cited and set(cited) <= set(kit.load_case().sentences["sentence_id"]), "it cites sentences of the case"


@pytest.mark.parametrize(
    "qid, answer, expected",
    [
        ("q0.1", ["A2", "A3"], "A3 is not right here."),
        ("q0.1", [], "1 more belongs in the list"),
        ("q0.2", "A2", "A2 is not the one."),
        ("q0.5", ["A3.S2"], "1 more belongs in the list"),
        ("q0.6", "stop", "'stop' is not the best answer."),
        ("q0.7", 4, "4 is too high."),
        ("q0.7", 2, "2 is too low."),
    ],
)
def test_wrong_answers_get_a_reason_and_a_hint(answers_file, qid, answer, expected):
    feedback = kit.check(qid, answer)
    assert feedback.status == "incorrect" and not feedback
    assert expected in feedback.message and "Hint:" in feedback.message


@pytest.mark.parametrize(
    "qid, answer, expected",
    [
        ("q0.1", "A2", "q0.1 expects a list of article ids, like ['A1', 'A3']; you gave the text 'A2'."),
        ("q0.1", [2], "q0.1 expects a list of article ids, like ['A1', 'A3']; 2 in your list is not a string in quotes."),
        ("q0.1", ["A9"], "A9 is not an article of this case; look the id up in case.articles."),
        ("q0.1", ["Moscow Times"], "q0.1 expects ids like 'A1'; 'MOSCOW TIMES' is not one."),
        ("q0.3", ["A0.S48"], "q0.3 expects one sentence id as a string, like 'A1.S3'; you gave a list of 1 items."),
        ("q0.3", "A0.S480", "A0.S480 is not a sentence of this case"),
        ("q0.5", "A3.S2", "q0.5 expects a list of sentence ids, like ['A1.S3']; you gave the text 'A3.S2'."),
        ("q0.6", "investgate", "Did you mean 'investigate'?"),
        ("q0.6", 2, "q0.6 expects one of 'stop', 'investigate', 'find', 'trace', as a string; you gave the number 2."),
        ("q0.7", "3", "q0.7 expects a number, like 3; you gave the text '3'."),
        ("q0.7", True, "you gave the value True"),
        ("q0.7", None, "you gave None (did the cell compute nothing?)"),
        ("q0.7", float("nan"), "q0.7 expects a number"),
    ],
)
def test_wrong_types_get_one_friendly_sentence(answers_file, qid, answer, expected):
    feedback = kit.check(qid, answer)
    assert feedback.status == "invalid"
    assert expected in feedback.message


@pytest.mark.parametrize(
    "qid, expected",
    [
        ("q9.9", "There is no question 'q9.9' in case 'seeds'."),
        ("q0.11", "Did you mean 'q0.1'?"),
        (1, "There is no question 1 (not a string in quotes)"),
        (None, "There is no question None"),
    ],
)
def test_unknown_questions(answers_file, qid, expected):
    feedback = kit.check(qid, ["A2"])
    assert feedback.status == "invalid" and expected in feedback.message


def test_question_ids_forgive_case_and_spaces(answers_file):
    assert kit.check(" Q0.2 ", "A0").correct
    assert kit.answers()["question"].tolist() == ["q0.2"]


def test_not_answered_yet_is_not_recorded(answers_file):
    feedback = kit.check("q0.1", ...)
    assert feedback.status == "unanswered"
    assert "Replace ... with a list of article ids" in feedback.message
    assert not answers_file.exists()


def test_feedback_renders_as_html_and_text():
    feedback = kit.check("q0.2", "A0", save=False)
    html = feedback._repr_html_()
    assert "kit-correct" in html and "q0.2: Correct." in html and "A0.S48" in html
    assert repr(feedback).startswith("q0.2 ✓ Correct. ")
    assert "<script" not in kit.check("q0.2", "<script>", save=False)._repr_html_()


def test_a_broken_case_gives_feedback_not_a_traceback(tmp_path):
    feedback = kit.check("q0.1", ["A2"], case=tmp_path / "missing", save=False)
    assert feedback.status == "invalid" and "does not exist" in feedback.message


def test_attempts_are_recorded_with_time_and_status(answers_file):
    kit.check("q0.1", ["A3"])
    kit.check("q0.1", "A2")
    kit.check("q0.1", ["A2"])
    table = kit.answers()
    assert list(table["status"]) == ["incorrect", "invalid", "correct"]
    assert list(table["answer"]) == [["A3"], "A2", ["A2"]]
    assert table["time"].notna().all() and set(table["case"]) == {"seeds"}
    progress = kit.progress("q0.")
    assert progress.loc["q0.1", "attempts"] == 3 and progress.loc["q0.1", "solved"]
    assert progress.loc["q0.2", "last_status"] == "not tried"
    assert list(progress.index) == [f"q0.{i}" for i in range(1, 8)]


def test_answers_survive_a_kernel_restart(answers_file):
    """A new Python process (as after a restart) sees the earlier attempts."""
    code = "import kit; print(kit.check('q0.2', 'A0').status)"
    env = dict(os.environ, KIT_ANSWERS=str(answers_file))
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "correct"
    code = "import kit; print(kit.progress('q0.2').loc['q0.2', 'solved'])"
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.strip() == "True"


def test_unserialisable_answer_is_stored_as_repr(answers_file):
    kit.check("q0.2", object())
    assert load_attempts()[0]["answer"].startswith("<object object at")


def test_write_is_atomic_and_leaves_no_temporary_files(answers_file):
    for i in range(5):
        kit.check("q0.7", i)
    assert json.loads(answers_file.read_text(encoding="utf-8"))["format"] == "media-literacy-answers/1"
    assert sorted(p.name for p in answers_file.parent.iterdir()) == ["answers.json", "answers.json.lock"]


def test_damaged_file_is_set_aside_and_reported(answers_file):
    answers_file.parent.mkdir(parents=True)
    answers_file.write_text('{"format": "media-literacy-answers/1", "attempts": [', encoding="utf-8")
    with pytest.raises(kit.KitError, match="is not a readable answers file"):
        kit.answers()
    feedback = kit.check("q0.2", "A0")
    assert feedback.correct
    assert "was damaged, so it was kept as answers.json.damaged-" in feedback.note
    assert "Note:" in repr(feedback) and "Note:" in feedback._repr_html_()
    damaged = [p for p in answers_file.parent.iterdir() if ".damaged-" in p.name]
    assert len(damaged) == 1
    assert damaged[0].read_text(encoding="utf-8").endswith('"attempts": [')  # kept as it was
    assert len(kit.answers()) == 1


def test_a_foreign_json_file_is_not_overwritten(answers_file):
    answers_file.parent.mkdir(parents=True)
    answers_file.write_text('{"my": "notes"}', encoding="utf-8")
    kit.check("q0.2", "A0")
    damaged = [p for p in answers_file.parent.iterdir() if ".damaged-" in p.name]
    assert damaged and damaged[0].read_text(encoding="utf-8") == '{"my": "notes"}'


def test_unwritable_location_is_reported_not_raised(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("KIT_ANSWERS", str(blocker / "answers.json"))
    feedback = kit.check("q0.2", "A0")
    assert feedback.correct
    assert "could not be saved" in feedback.note and "KIT_ANSWERS" in feedback.note


def _writer(path, n):
    for i in range(n):
        record("q0.7", i, "incorrect", "seeds", Path(path))


def test_concurrent_kernels_lose_no_attempt(tmp_path):
    path = tmp_path / "answers.json"
    procs = [multiprocessing.Process(target=_writer, args=(str(path), 25)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert len(load_attempts(path)) == 75


def test_questions_table_hides_answers():
    table = kit.questions()
    assert list(table.columns) == ["id", "kind", "prompt"]
    assert {"q0.1", "q0.7", "w0.1"} <= set(table["id"])
