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
from helpers import run_kit


@pytest.mark.parametrize(
    "qid, answer",
    [
        ("q0.1", ["A2"]),
        ("q0.1", ("a2",)),
        ("q0.1", ["002_14c45c499be95dbc.txt"]),
        ("q0.2", "A2"),
        ("q0.3", "A2.S49"),
        ("q0.4", " A2 "),
        ("q0.5", ["A3.S3", "A3.S2"]),
        ("q0.6", "Find"),
        ("q0.7", 2),
        ("q0.7", 2.0),
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
        ("q0.2", "A0", "A0 is not the one."),
        ("q0.5", ["A3.S2"], "1 more belongs in the list"),
        ("q0.6", "stop", "'stop' is not the best answer."),
        ("q0.7", 3, "3 is too high."),
        ("q0.7", 1, "1 is too low."),
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
        ("q9.9", "There is no question 'q9.9' in case 'seeds', nor any 'q9.' question: this notebook may be written"),
        ("q0.11", "Did you mean 'q0.1'?"),
        (1, "There is no question 1 (not a string in quotes)"),
        (None, "There is no question None"),
    ],
)
def test_unknown_questions(answers_file, qid, expected):
    feedback = kit.check(qid, ["A2"])
    assert feedback.status == "invalid" and expected in feedback.message


def test_a_notebook_of_another_case_is_told_so_not_blamed_for_its_id(answers_file):
    feedback = kit.check("w0.1", 5, case="cases/kestrel")  # lesson 00's question, on the second case
    assert feedback.status == "invalid" and "may be written for another case" in feedback.message
    assert "Did you mean" not in feedback.message


def test_question_ids_forgive_case_and_spaces(answers_file):
    assert kit.check(" Q0.2 ", "A2").correct
    assert kit.answers()["question"].tolist() == ["q0.2"]


def test_a_lessons_worked_example_is_never_recorded(answers_file):
    """Lesson 00 demonstrates kit.check on w0.1: those attempts are the lesson's, not the student's."""
    assert kit.check("w0.1", 4).status == "incorrect" and kit.check("w0.1", 5).correct
    assert not answers_file.exists()
    kit.check("q0.2", "A2")
    assert list(kit.answers(answers_file)["question"]) == ["q0.2"]


def test_not_answered_yet_is_not_recorded(answers_file):
    feedback = kit.check("q0.1", ...)
    assert feedback.status == "unanswered"
    assert "Replace ... with a list of article ids" in feedback.message
    assert not answers_file.exists()


def test_feedback_renders_as_html_and_text():
    feedback = kit.check("q0.2", "A2", save=False)
    html = feedback._repr_html_()
    assert "kit-correct" in html and "q0.2: Correct." in html and "A2.S49" in html
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
    assert list(progress.index) == [f"q0.{i}" for i in range(1, 11)]


def test_answers_survive_a_kernel_restart(answers_file):
    """A new Python process (as after a restart) sees the earlier attempts."""
    code = "import kit; print(kit.check('q0.2', 'A2').status)"
    env = dict(os.environ, KIT_ANSWERS=str(answers_file))
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "correct"
    code = "import kit; print(kit.progress('q0.2').loc['q0.2', 'solved'])"
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.strip() == "True"


def test_unserialisable_answer_is_stored_by_its_type(answers_file):
    kit.check("q0.2", object())  # never its repr: a hostile object's repr could raise or lie
    assert load_attempts()[0]["answer"] == "<not a plain value: object>"


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
    feedback = kit.check("q0.2", "A2")
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
    kit.check("q0.2", "A2")
    damaged = [p for p in answers_file.parent.iterdir() if ".damaged-" in p.name]
    assert damaged and damaged[0].read_text(encoding="utf-8") == '{"my": "notes"}'


def test_unwritable_location_is_reported_not_raised(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("KIT_ANSWERS", str(blocker / "answers.json"))
    feedback = kit.check("q0.2", "A2")
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


# --- Robust text answers and defensible alternatives (invented mini cases) ---

import csv  # noqa: E402
import io  # noqa: E402
import string  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from helpers import make_case  # noqa: E402
from kit.answer_match import MIN_STEM, parse_defensible, stem, text_matches  # noqa: E402

MINI_ARTICLES = {
    "a.txt": "Peskov swiftly debunked these reports. It is clear that the talks failed.",
    "b.txt": "Ukraine staunchly refuted this narrative. The talks will resume on 2024-11-20.",
}
MINI_HEADER = ["id", "kind", "prompt", "answer", "options", "match", "tolerance", "explanation", "hint", "defensible"]
MINI_QUESTIONS = [
    {"id": "t1", "kind": "text", "answer": "debunked; refuted", "explanation": "A1.S1 and A2.S1 judge the reports.",
     "hint": "Which verb says more than 'said'?"},
    {"id": "t2", "kind": "text", "answer": "pure fiction", "explanation": "Quoted in A1.S1.", "hint": "Two words."},
    {"id": "c1", "kind": "choice", "answer": "opinion", "options": "fact; opinion; loaded; prediction",
     "explanation": "A1.S2 states the writer's view.", "hint": "Who says it is clear?",
     "defensible": "loaded => 'It is clear' frames the view as fact (A1.S2); the key prefers opinion because the "
                   "sentence is the writer's view."},
    {"id": "s1", "kind": "sentences", "answer": "A1.S1", "explanation": "A1.S1 judges in the writer's voice.",
     "hint": "Look for a verb that claims a result.",
     "defensible": "A1.S1; A2.S1 => A2.S1 judges too, but the key prefers A1.S1 alone: 'refuted' may be Ukraine's "
                   "word. || A2.S1 => arguable; the key prefers A1.S1."},
    {"id": "n1", "kind": "number", "answer": "2", "tolerance": "0", "explanation": "A1.S1 and A2.S1.",
     "hint": "Count them.", "defensible": "3 => if you count A1.S2 too; the key prefers 2."},
    {"id": "d1", "kind": "date", "answer": "2024-11-20", "explanation": "A2.S2 gives the date.", "hint": "Read A2.S2.",
     "defensible": "2024-11-21 => Defensible in another time zone; the key prefers 2024-11-20 (A2.S2)."},
    {"id": "a1", "kind": "article", "answer": "A1", "explanation": "A1.S1 is the writer's verdict.", "hint": "Read both."},
]


def _questions_csv(rows, header=MINI_HEADER):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def mini(tmp_path):
    """A valid two-article case whose questions use the defensible column."""
    return kit.load_case(make_case(tmp_path, MINI_ARTICLES, keys={"questions": _questions_csv(MINI_QUESTIONS)}))


@pytest.mark.parametrize(
    "answer",
    ["debunked", "Debunked.", "debunk", "DEBUNKS", "refute", "refutes", "refuting", "Refuted!", "staunchly refuted",
     "  he   debunked them ", "“debunked”", "swiftly debunked it"],
)
def test_text_answers_forgive_case_punctuation_inflection_and_a_few_words(mini, answer):
    feedback = kit.check("t1", answer, case=mini, save=False)
    assert feedback.status == "correct", answer
    assert feedback.message == "A1.S1 and A2.S1 judge the reports."


@pytest.mark.parametrize(
    "answer",
    ["not debunked", "never refuted", "didn't refute", "Ukraine didn’t refute", "no, refuted", "rejected", "stating",
     "he debunked the reports very firmly indeed", "debunking-ish"],
)
def test_text_answers_reject_negations_other_words_and_long_answers(mini, answer):
    feedback = kit.check("t1", answer, case=mini, save=False)
    assert feedback.status == "incorrect", answer
    assert feedback.message == "That is not what the key has. Hint: Which verb says more than 'said'?"


@pytest.mark.parametrize("answer, status", [("'Pure fiction.'", "correct"), ("it is pure fiction", "correct"),
                                            ("fiction", "incorrect"), ("pure", "incorrect"),
                                            ("fiction pure", "incorrect"), ("not pure fiction", "incorrect")])
def test_a_phrase_must_appear_whole_and_in_order(mini, answer, status):
    assert kit.check("t2", answer, case=mini, save=False).status == status


@pytest.mark.parametrize(
    "qid, answer, status, message",
    [
        ("c1", "Opinion.", "invalid", "'Opinion.' is not one of them. Did you mean 'opinion'?"),
        ("c1", "opinions", "invalid", "is not one of them"),
        ("a1", "A1.", "invalid", "'A1.' is not one"),
        ("n1", "2", "invalid", "n1 expects a number"),
        ("d1", "2024-11-20.", "invalid", "d1 expects a date"),
        ("d1", "2024-11-19", "incorrect", "2024-11-19 is 1 day too early."),
    ],
)
def test_ids_choices_numbers_and_dates_stay_exact(mini, qid, answer, status, message):
    feedback = kit.check(qid, answer, case=mini, save=False)
    assert feedback.status == status and message in feedback.message


@pytest.mark.parametrize(
    "qid, answer, message",
    [
        ("c1", "Loaded", "Defensible. 'It is clear' frames the view as fact (A1.S2); the key prefers opinion because "
                         "the sentence is the writer's view."),
        ("s1", ["a2.s1", "A1.S1"], "Defensible. A2.S1 judges too, but the key prefers A1.S1 alone: 'refuted' may be "
                                   "Ukraine's word."),
        ("s1", ["A2.S1"], "Defensible. arguable; the key prefers A1.S1."),
        ("n1", 3, "Defensible. if you count A1.S2 too; the key prefers 2."),
        ("d1", "2024-11-21", "Defensible. Defensible in another time zone; the key prefers 2024-11-20 (A2.S2)."),
    ],
)
def test_a_defensible_answer_earns_the_point_with_its_own_message(mini, answers_file, qid, answer, message):
    feedback = kit.check(qid, answer, case=mini)
    assert feedback.status == "correct" and feedback.correct
    assert feedback.message == message
    explanation = mini.keys["questions"].set_index("id").loc[qid, "explanation"]
    assert explanation not in feedback.message, "never the plain explanation"
    assert kit.answers()["status"].tolist() == ["correct"], "recorded (and graded) as correct"


def test_the_keys_answer_still_gets_the_explanation_and_others_stay_wrong(mini):
    assert kit.check("c1", "opinion", case=mini, save=False).message == "A1.S2 states the writer's view."
    assert kit.check("s1", ["A1.S1"], case=mini, save=False).message == "A1.S1 judges in the writer's voice."
    wrong = kit.check("c1", "fact", case=mini, save=False)
    assert wrong.status == "incorrect" and "Defensible" not in wrong.message
    assert kit.check("s1", ["A1.S2"], case=mini, save=False).status == "incorrect"


def test_the_grader_scores_a_defensible_answer_as_correct(mini):
    from kit.grading.scoring import RESULTS

    assert RESULTS[kit.check("c1", "loaded", case=mini, save=False).status] == "correct"


def test_a_case_without_the_defensible_column_still_works(tmp_path):
    header = [c for c in MINI_HEADER if c != "defensible"]
    rows = [{k: v for k, v in row.items() if k != "defensible"} for row in MINI_QUESTIONS]
    path = make_case(tmp_path, MINI_ARTICLES, keys={"questions": _questions_csv(rows, header)})
    assert kit.validate_case(path) == []
    assert kit.check("t1", "Refuted.", case=path, save=False).correct
    assert kit.check("c1", "loaded", case=path, save=False).status == "incorrect"


def _problems(tmp_path, **changes):
    row = {**MINI_QUESTIONS[2], **changes}
    return kit.validate_case(make_case(tmp_path, MINI_ARTICLES, keys={"questions": _questions_csv([row])}))


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"defensible": "loaded"},
         "case/keys/questions.csv, line 2 (c1), field 'defensible', entry 1: write it as 'answer => message' "
         "(entries separated by ' || '); the message is missing."),
        ({"defensible": " => the key prefers opinion"}, "entry 1: write it as 'answer => message'"),
        ({"defensible": "fact => the key prefers opinion || sarcasm => the key prefers opinion"},
         "case/keys/questions.csv, line 2 (c1), field 'defensible', entry 2: c1 expects one of 'fact', 'opinion', "
         "'loaded', 'prediction', as a string; 'sarcasm' is not one of them."),
        ({"defensible": "Opinion => the key prefers opinion"},
         "entry 1: 'Opinion' is already accepted by the answer 'opinion'; a defensible answer must be a different one."),
        ({"defensible": "loaded => it frames the view as fact."},
         "entry 1: the message must say what the key prefers; name the answer 'opinion' or write "
         "'the key prefers ... because ...'."),
        ({"defensible": "loaded => the key prefers opinion (see A1.S9)"},
         "field 'defensible', entry 1 cites A1.S9, which is not a sentence of this case."),
    ],
)
def test_defensible_entries_are_validated_one_sentence_each(tmp_path, changes, expected):
    problems = _problems(tmp_path, **changes)
    assert len(problems) == 1 and expected in problems[0], problems


@pytest.mark.parametrize(
    "row, expected",
    [
        ({**MINI_QUESTIONS[3], "defensible": "A9.S1 => the key prefers A1.S1"},
         "(s1), field 'defensible', entry 1: A9.S1 is not a sentence of this case"),
        ({**MINI_QUESTIONS[3], "defensible": "A1.S1 => the key prefers A1.S1"}, "'A1.S1' is already accepted"),
        ({**MINI_QUESTIONS[4], "defensible": "three => the key prefers 2"}, "entry 1: 'three' is not a number"),
        ({**MINI_QUESTIONS[5], "defensible": "20 Nov => the key prefers 2024-11-20"},
         "entry 1: '20 Nov' is not a date (YYYY-MM-DD)"),
        ({**MINI_QUESTIONS[0], "defensible": "Refutes => the key prefers debunked"}, "'Refutes' is already accepted"),
        ({**MINI_QUESTIONS[6], "defensible": "A2 => arguable, but A1 is the verdict"}, None),
    ],
)
def test_defensible_entries_are_checked_like_answers_of_their_kind(tmp_path, row, expected):
    problems = kit.validate_case(make_case(tmp_path, MINI_ARTICLES, keys={"questions": _questions_csv([row])}))
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0], problems


def test_the_mini_key_is_valid(mini):
    assert kit.validate_case(mini.path) == []


def test_parse_defensible_syntax():
    assert parse_defensible("A1; A2 => a || b => c => d ||  ") == [("A1; A2", "a"), ("b", "c => d")]
    assert parse_defensible(None) == [] and parse_defensible("   ") == []


_CONSONANTS = "bcdfghjklmnpqrtvwxz"  # not s (a plural), not y (-ied/-ies)
_PLAIN = st.text(alphabet=string.ascii_lowercase, min_size=MIN_STEM, max_size=12).filter(
    lambda w: not w.endswith(("e", "i", "s", "ed", "ing"))
)
"""Words the rule leaves as they are: at least MIN_STEM letters, not ending in a suffix, a silent e or an i."""


@given(_PLAIN)
def test_stem_of_a_word_and_its_inflections_agree(w):
    assert stem(w + "ed") == stem(w + "ing") == stem(w + "s") == stem(w + "es") == stem(w)


@given(_PLAIN)
def test_a_silent_e_verb_and_its_inflections_agree(w):
    # refute / refutes / refuted / refuting
    assert stem(w + "e") == stem(w + "es") == stem(w + "ed") == stem(w + "ing") == stem(w)


@given(_PLAIN.filter(lambda w: w[-1] in _CONSONANTS and w[-1] != w[-2]))
def test_a_doubled_consonant_before_the_suffix_is_forgiven(w):
    # stop / stopped / stopping
    assert stem(w + w[-1] + "ed") == stem(w + w[-1] + "ing") == stem(w)


@given(_PLAIN, st.sampled_from(["ed", "ing", "s", ""]), st.sampled_from(["not", "never", "no", "don't", "can't"]))
def test_an_inflection_matches_and_a_negation_never_does(w, suffix, negation):
    assert text_matches(f"{(w + suffix).upper()}.", w)
    assert not text_matches(f"{negation} {w + suffix}", w)
    assert not text_matches(f"{w + suffix}, {negation}", w)


def test_the_briefs_examples_share_a_stem():
    assert {stem(w) for w in ("refuted", "refute", "refutes", "refuting")} == {"refut"}
    assert {stem(w) for w in ("debunk", "Debunked", "debunks", "debunking")} == {"debunk"}


class _SlyText(str):
    def __eq__(self, other):  # claims to equal anything
        return True

    __hash__ = str.__hash__


class _AlwaysDate(__import__("datetime").date):
    def __eq__(self, other):
        return True

    __hash__ = __import__("datetime").date.__hash__


class _Unprintable:
    def __repr__(self):
        raise RuntimeError("no")


@pytest.mark.parametrize(
    "question, answer, says",
    [
        ("q0.7", float("inf"), "q0.7 expects a number, like 3; you gave a number that is not finite"),
        ("q0.7", float("-inf"), "not finite"),
        ("q0.7", 10**400, "not finite or is beyond 10**15"),
        ("q0.1", ["A1", float("nan")], "not finite"),
        ("q0.6", _SlyText("Investigate the source"), "type _SlyText, which is not a plain value"),
        ("q3.1", _AlwaysDate(2024, 11, 11), "type _AlwaysDate, which is not a plain value"),
        ("q0.7", _Unprintable(), "type _Unprintable, which is not a plain value"),
        ("q0.1", [["A1"]], "a list of lists"),
    ],
)
def test_hostile_or_impossible_values_are_invalid_never_a_crash_or_a_point(answers_file, question, answer, says):
    feedback = kit.check(question, answer)
    assert feedback.status == "invalid" and says in feedback.message and not feedback.correct
    assert kit.answers(answers_file)["status"].tolist()[-1] == "invalid"  # recorded, by its type, without calling repr


def test_answers_and_exports_cannot_carry_spreadsheet_formulas(answers_file):
    """A student's answer '=HYPERLINK(...)' must not become a live formula in `python -m kit answers` output."""
    kit.check("q2.3", "=HYPERLINK(\"http://x\",\"pure fiction\")")
    result = run_kit("answers", str(answers_file))
    assert result.returncode == 0, result.stderr
    assert ",'=HYPERLINK" in result.stdout.replace('"', "") and ",=HYPERLINK" not in result.stdout.replace('"', "")
