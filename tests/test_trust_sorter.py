"""The trust sorter and the transfer-test widget (issue #19): pure judging functions, then the builders.

Every test builds its own small invented bank (the course's ``items.csv`` is written elsewhere): items of
two stories unlike the seeds, a harbour strike in Wellington and a football transfer in Lisbon, with
items that look suspicious but deserve trust (loud words inside a fairly attributed quote, a date that
looks odd but fits the calendar) and must be keyed and judged as trustworthy. Builders are driven by
setting ``.value`` and calling ``.click()`` on a temporary answers file (``KIT_ANSWERS``).
"""

from __future__ import annotations

import csv
import html
import json
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kit.confidence import calibration_line
from kit.core.store import load_attempts, record
from kit.trust.bank import reason_table, trust_items
from kit.trust.forms import FORMS, form_for, question_id
from kit.trust.judging import (first_unjudged, judge_trust, missing_step, progress_line, reason_choices, reason_tips,
                               saved_answers, saved_note, tally, trust_answer, trust_card_html, trust_end_html)
from kit.trust.sorter_widget import trust_sorter, trust_test

HEADER = ["id", "set", "format", "topic", "source", "text", "trust", "reasons", "difficulty", "explanation"]
WELLINGTON = [
    ["w1", "sorter", "post", "harbour strike", "@PortWatchNZ, posted Tuesday 4 March 2031",
     "SHOCKING!!! The greedy union is DESTROYING our city & nobody will stop them!", "no", "emotional_language",
     "1", "Capitals and 'destroying' do the work; nothing is shown about the strike itself."],
    ["w2", "sorter", "quote", "harbour strike", "Harbour Daily, 4 March 2031, by Mere Tane",
     "\"This is a disgrace,\" union secretary Ana Liu said at the gate on Tuesday.", "yes", "attributed;known_source",
     "2", "The loud word is Liu's, quoted and named; the paper only reports what she said."],
    ["w3", "review_02", "headline", "harbour strike", "capitalnews.example, undated",
     "Insiders say the port will close for good <exclusive>", "no", "no_source",
     "1", "'Insiders say' names nobody you could ask."],
    ["w4", "review_02", "short_article", "harbour strike", "Harbour Daily, Monday 3 March 2031",
     "The port company said on Monday it had offered a 4 percent raise.\nThe union has not yet replied.", "yes",
     "fair_hedging;attributed", "2", "It says what is not known yet: the union's reply."],
    ["w5", "form_a", "post", "harbour strike", "@HarbourNews_Officiall", "Official: ferries cancelled all week.",
     "no", "impersonation", "2", "The handle imitates a real account with an extra letter."],
    ["w6", "form_b", "headline", "harbour strike", "Harbour Daily, 5 March 2031",
     "Ferries run again after Wednesday's talks, port company confirms", "yes", "known_source", "1",
     "A named paper reports what a named company confirmed."],
    ["w7", "form_c", "quote", "harbour strike", "Harbour Daily, 5 March 2031",
     "\"We will be back at work on Thursday,\" crane driver Sam Ruru told the paper.", "yes", "attributed", "1",
     "Named speaker, neutral verb."],
]
LISBON = [
    ["l1", "sorter", "short_article", "football transfer", "Bola Diária, Friday 7 June 2030",
     "The club said the striker signed a four-year contract. Its accounts list the 40 million euro fee.", "yes",
     "named_record;attributed", "2", "The fee is in the club's published accounts, a record anyone can check."],
    ["l2", "sorter", "headline", "football transfer", "sportwire.example, 9 June 2030",
     "Transfer fixed on Sunday 7 June, sources reveal", "no", "date_conflict;no_source", "3",
     "7 June 2030 is a Friday, not a Sunday, and 'sources' are not named."],
    ["l3", "form_a", "quote", "football transfer", "Bola Diária, 8 June 2030",
     "\"He is the best signing in our history,\" coach Rui Costa said on Saturday.", "yes", "attributed", "2",
     "The praise is the coach's, attributed to him by name."],
    ["l4", "form_b", "post", "football transfer", "@TrueFanLisboa", "Either he scores 30 goals or the club is finished.",
     "no", "false_dilemma", "2", "Only two outcomes are offered."],
    ["l5", "form_c", "post", "football transfer", "@TrueFanLisboa", "How could anyone believe that fee is real?",
     "no", "incredulity", "2", "Disbelief stands in for evidence."],
]


def write_bank(path, rows=WELLINGTON + LISBON):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture
def bank(tmp_path):
    (tmp_path / "bank").mkdir()
    return write_bank(tmp_path / "bank" / "items.csv")


def item(item_id):
    row = next(r for r in WELLINGTON + LISBON if r[0] == item_id)
    return dict(zip(HEADER, row))


def answer_current(box, trust, reason=None, confidence=4):
    """Judge the widget's current item: confidence first, then the trust button, the reason, Check."""
    box.confidence.value = confidence
    box.trust_buttons[trust].click()
    if reason:
        box.reason.value = reason
    box.check_button.click()


def student_for(form, time="pre"):
    """A student name whose form at ``time`` is ``form`` (the Latin square picks it from a hash)."""
    return next(name for name in (f"s{n}" for n in range(100)) if form_for(name, time) == form)


# --- pure functions ------------------------------------------------------------------------------------------

def test_the_invented_bank_is_valid_and_keeps_its_order(bank):
    assert trust_items("sorter", bank)["id"].tolist() == ["w1", "w2", "l1", "l2"]
    assert trust_items("review_02", bank)["id"].tolist() == ["w3", "w4"]


def test_reason_choices_are_the_chosen_side_with_their_explanations():
    table = reason_table()
    for judgement, side in (("yes", "trust"), ("no", "distrust")):
        choices = reason_choices(judgement)
        assert choices and all(table.loc[rid, "side"] == side for _, rid in choices)
        assert [label for label, _ in choices] == table.loc[[rid for _, rid in choices], "label"].tolist()
        assert reason_tips(judgement) == table.loc[[rid for _, rid in choices], "explains"].tolist()
    assert not {rid for _, rid in reason_choices("yes")} & {rid for _, rid in reason_choices("no")}


def test_card_shows_format_topic_source_and_escaped_text_but_never_the_key():
    card = trust_card_html(item("w3"), 1, 2)
    assert "Item 2 of 2 · Headline · harbour strike" in card
    assert "capitalnews.example, undated" in card
    assert "&lt;exclusive&gt;" in card and "<exclusive>" not in card
    assert "Insiders say" not in card.split("</blockquote>")[1]
    for secret in ("no_source", "names nobody", "trust: no"):
        assert secret not in card
    assert "white-space:pre-line" in card  # a short article keeps its line break and wraps


@pytest.mark.parametrize("item_id, trust, reason, status, says", [
    ("w2", "yes", "attributed", "correct", ["You trusted it, and it deserves trust.", "is one this item shows",
                                           "The loud word is Liu"]),
    ("w2", "no", "emotional_language", "incorrect", ["You did not trust it, but it deserves trust.",
                                                     "is not one this item shows", "Fairly attributed",
                                                     "Known source you can check"]),
    ("l2", "no", "opinion_as_fact", "correct", ["You did not trust it, and it does not deserve trust.",
                                                "Dates do not add up", "No checkable source", "is a Friday"]),
    ("l2", "yes", None, "incorrect", ["You trusted it, but it does not deserve trust.", "You gave no reason",
                                      "Dates do not add up"]),
    ("l1", "yes", "named_record", "correct", ["deserves trust", "Checkable fact with a record", "published accounts"]),
])
def test_judge_explains_the_judgement_the_reason_and_the_item(item_id, trust, reason, status, says):
    got, body = judge_trust(item(item_id), trust, reason)
    assert got == status
    for words in says:
        assert words in body, (words, body)


def test_judge_escapes_the_explanation():
    tricky = item("w1") | {"explanation": "Capitals <b>shout</b> & persuade."}
    assert "&lt;b&gt;shout&lt;/b&gt; &amp; persuade." in judge_trust(tricky, "no", "emotional_language")[1]


def test_missing_steps_are_asked_in_order():
    assert "how sure" in missing_step(None, None, None)
    assert "Trust it" in missing_step(None, 3, None)
    assert "reason" in missing_step("yes", 3, None)
    assert missing_step("yes", 3, "attributed") == ""


def test_saved_answers_keep_checked_trust_answers_of_the_set_only():
    attempts = [
        {"question": "trust.w1", "answer": {"trust": "no", "confidence": 2, "reason": None}, "status": "invalid"},
        {"question": "trust.w1", "answer": "Don't trust", "status": "correct"},  # not a trust answer
        {"question": "trust.w1", "answer": {"trust": "yes", "confidence": 5, "reason": "attributed"}, "status": "incorrect"},
        {"question": "trust.w1", "answer": {"trust": "no", "confidence": 3, "reason": "conspiracy"}, "status": "correct"},
        {"question": "trust.zz", "answer": {"trust": "no"}, "status": "correct"},
        "not an attempt",
    ]
    questions = {"w1": "trust.w1", "w2": "trust.w2"}
    assert saved_answers(attempts, questions) == {"w1": {"trust": "yes", "confidence": 5, "reason": "attributed"}}
    assert saved_answers(attempts, questions, first=False)["w1"]["reason"] == "conspiracy"


def test_tally_counts_hits_and_false_alarms_among_judged_items_in_words():
    items = pd.DataFrame([item(i) for i in ("w1", "w2", "l1", "l2")])
    counts = tally(items, {"w1": {"trust": "yes"}, "w2": {"trust": "yes"}, "l2": {"trust": "no"}})
    assert progress_line(counts) == "3 of 4 judged: 2 right; trusted 1 of the 1 trustworthy and 1 of the 2 untrustworthy."
    done = tally(items, {i: {"trust": item(i)["trust"]} for i in ("w1", "w2", "l1", "l2")})
    assert "4 of 4 judged: 4 right; trusted 2 of the 2 trustworthy and 0 of the 2 untrustworthy." in trust_end_html(done)


@given(st.lists(st.sampled_from(["yes", "no"]), min_size=1, max_size=12),
       st.lists(st.sampled_from(["yes", "no", None]), min_size=12, max_size=12))
def test_tally_adds_up(keys, given_):
    items = pd.DataFrame({"id": [f"i{n}" for n in range(len(keys))], "trust": keys})
    answers = {f"i{n}": {"trust": g} for n, g in enumerate(given_[:len(keys)]) if g}
    t = tally(items, answers)
    assert t["judged"] == len(answers) == t["trustworthy"] + t["untrustworthy"]
    assert t["right"] == t["hits"] + (t["untrustworthy"] - t["false_alarms"])
    assert 0 <= t["hits"] <= t["trustworthy"] and 0 <= t["false_alarms"] <= t["untrustworthy"]


def test_start_position_and_saved_note():
    items = pd.DataFrame({"id": ["a", "b", "c"]})
    assert first_unjudged(items, {"a"}) == 1 and first_unjudged(items, {"a", "b", "c"}) == 0
    assert saved_note(trust_answer("yes", 2, "attributed")) == "Your answer: Trust it, unsure (2), because: Fairly attributed."


def test_judging_and_the_widget_module_do_not_import_ipywidgets():
    code = ("import sys, kit.trust.judging, kit.trust.sorter_widget; "
            "print('ipywidgets' in sys.modules, 'pandas' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"], result.stderr


# --- the trust sorter (practice) -------------------------------------------------------------------------------

def test_sorter_text_form_is_one_line_that_does_not_change_with_progress(bank, answers_file):
    box = trust_sorter("review_02", bank)
    assert repr(box) == "Trust sorter: 2 items (review_02): trust or not, how sure, and why."
    assert "kit-trust-sorter" in box._dom_classes
    answer_current(box, "no", "no_source")
    assert repr(trust_sorter("review_02", bank)) == repr(box)


def test_sorter_records_judges_and_explains_at_once(bank, answers_file):
    box = trust_sorter("sorter", bank)
    assert box.items["id"].tolist() == ["w1", "w2", "l1", "l2"] and box.position == 0
    answer_current(box, "no", "emotional_language", confidence=5)
    [attempt] = load_attempts(answers_file)
    assert attempt["question"] == "trust.w1" and attempt["case"] == "trust" and attempt["status"] == "correct"
    assert attempt["answer"] == {"trust": "no", "confidence": 5, "reason": "emotional_language"}
    assert "kit-correct" in box.feedback.value and "Capitals" in box.feedback.value
    assert box.progress.value.endswith("1 of 4 judged: 1 right; trusted 0 of the 0 trustworthy and 0 of the 1 untrustworthy.</span>")


def test_the_suspicious_looking_but_fair_quote_is_right_to_trust(bank, answers_file):
    box = trust_sorter("sorter", bank)
    box.next_button.click()
    answer_current(box, "no", "emotional_language")  # the loud word "disgrace" misleads this student
    assert load_attempts(answers_file)[-1]["status"] == "incorrect"
    feedback = box.feedback.value
    assert "kit-incorrect" in feedback and "it deserves trust" in feedback and "Fairly attributed" in feedback


def test_reasons_offered_are_those_of_the_chosen_side(bank, answers_file):
    box = trust_sorter("sorter", bank)
    assert box.reason.options == ()
    box.trust_buttons["yes"].click()
    assert list(box.reason.options) == reason_choices("yes") and box.reason.value is None
    assert list(box.reason.tooltips) == reason_tips("yes")
    box.reason.value = "attributed"
    box.trust_buttons["no"].click()
    assert list(box.reason.options) == reason_choices("no") and box.reason.value is None
    assert box.trust_buttons["no"].button_style == "info" and box.trust_buttons["yes"].button_style == ""


def test_sorter_asks_for_each_step_and_records_nothing_until_complete(bank, answers_file):
    box = trust_sorter("sorter", bank)
    box.trust_buttons["no"].click()
    box.reason.value = "no_source"
    box.check_button.click()
    assert "how sure" in box.feedback.value and not answers_file.exists()
    box.confidence.value = 2
    box.trust_buttons["no"].click()  # choosing a side again clears the reason
    box.check_button.click()
    assert "Pick the reason" in box.feedback.value and not answers_file.exists()
    assert box.answer == {"trust": "no", "confidence": 2, "reason": None}


def test_sorter_end_screen_and_restore_after_a_restart(bank, answers_file):
    box = trust_sorter("sorter", bank)
    plan = [("no", "emotional_language"), ("yes", "attributed"), ("no", "no_source"), ("no", "date_conflict")]
    for n, (trust, reason) in enumerate(plan[:2]):
        answer_current(box, trust, reason, confidence=n + 2)
        box.next_button.click()
    assert box.end.value == ""
    again = trust_sorter("sorter", bank)  # a kernel restart: build again on the same answers file
    assert again.position == 2 and again.answer is None and again.feedback.value == ""
    again.previous_button.click()
    assert again.answer == {"trust": "yes", "confidence": 3, "reason": "attributed"}
    assert "Your answer: Trust it, fairly sure (3), because: Fairly attributed." in again.card.value
    assert "kit-correct" in again.feedback.value  # the saved answer's feedback, shown again
    assert len(load_attempts(answers_file)) == 2, "showing a saved answer records nothing"
    again.next_button.click()
    for trust, reason in plan[2:]:
        answer_current(again, trust, reason)
        again.next_button.click()
    assert "Set done." in again.end.value
    assert "4 of 4 judged: 3 right; trusted 1 of the 2 trustworthy and 0 of the 2 untrustworthy." in again.end.value
    judged = [(a["answer"]["confidence"], a["status"] == "correct") for a in load_attempts(answers_file)]
    note = calibration_line([level for level, _ in judged], [ok for _, ok in judged], 2)
    assert "you got 75%" in note and f'kit-confidence-note">{html.escape(note)}' in again.end.value
    assert trust_sorter("sorter", bank).position == 0  # everything judged: start at the beginning


def test_sorter_counts_the_first_answer_but_shows_the_last(bank, answers_file):
    box = trust_sorter("review_02", bank)
    answer_current(box, "yes", "known_source")  # wrong first
    answer_current(box, "no", "no_source")  # then right
    assert [a["status"] for a in load_attempts(answers_file)] == ["incorrect", "correct"]
    assert "1 of 2 judged: 0 right" in box.progress.value
    restored = trust_sorter("review_02", bank)
    restored.previous_button.click()
    assert restored.answer["reason"] == "no_source" and "1 of 2 judged: 0 right" in restored.progress.value


def test_sorter_friendly_messages_for_an_unknown_set_or_an_empty_one(bank, tmp_path, answers_file):
    box = trust_sorter("review_09", bank)
    assert repr(box).startswith("Trust sorter: There is no item set 'review_09'; use one of form_a")
    assert "There is no item set" in box.message.value and "kit-trust-sorter" in box._dom_classes
    assert "'prebunk' has no items in items.csv yet" in repr(trust_sorter("prebunk", bank))
    broken = write_bank(tmp_path / "broken.csv", [WELLINGTON[0][:6] + ["perhaps"] + WELLINGTON[0][7:]])
    assert "broken.csv, row 2: trust 'perhaps' must be yes or no." in repr(trust_sorter("sorter", broken))


def test_a_damaged_answers_file_does_not_stop_the_sorter(bank, answers_file):
    answers_file.parent.mkdir(parents=True)
    answers_file.write_text("{not json", encoding="utf-8")
    box = trust_sorter("sorter", bank)
    assert box.position == 0
    answer_current(box, "no", "emotional_language")
    assert "was damaged" in box.feedback.value and load_attempts(answers_file)[0]["question"] == "trust.w1"


# --- the transfer test ----------------------------------------------------------------------------------------

@pytest.fixture
def exam(monkeypatch):
    monkeypatch.delenv("KIT_FEEDBACK_RELEASED", raising=False)


def test_test_takes_the_students_form_and_withholds_feedback_in_exam_mode(bank, answers_file, monkeypatch, exam):
    monkeypatch.setenv("KIT_STUDENT", student_for("form_b", "post"))
    box = trust_test("post", bank)
    assert box.form == "form_b" and box.items["id"].tolist() == ["w6", "l4"]
    assert "trust" not in box.items.columns and "explanation" not in box.items.columns
    assert repr(box) == "Trust test (post): 2 items: trust or not, how sure, and why."
    assert "kit-trust-test" in box._dom_classes and box.progress.value.endswith("0 of 2 answered.</span>")
    answer_current(box, "no", "no_source", confidence=3)  # wrong: w6 deserves trust
    [attempt] = load_attempts(answers_file)
    assert attempt["question"] == question_id("post", "w6") == "q91.w6" and attempt["status"] == "recorded"
    assert attempt["answer"] == {"trust": "no", "confidence": 3, "reason": "no_source", "form": "form_b"}
    feedback = box.feedback.value
    assert "Recorded." in feedback and "kit-recorded" in feedback
    for leak in ("deserves trust", "Known source", "named paper", "Not right", "✗"):
        assert leak not in feedback and leak not in box.card.value and leak not in box.progress.value
    assert box.progress.value.endswith("1 of 2 answered.</span>")
    box.next_button.click()
    answer_current(box, "yes", "attributed")
    assert "All 2 answered." in box.end.value and "releases the feedback" in box.end.value
    assert "right" not in box.end.value


def test_test_locks_an_answered_item_and_restores_it(bank, answers_file, monkeypatch, exam):
    monkeypatch.setenv("KIT_STUDENT", student_for("form_c", "pre"))
    box = trust_test("pre", bank)
    answer_current(box, "yes", "attributed", confidence=2)
    again = trust_test("pre", bank)
    assert again.position == 1 and again.form == "form_c"
    again.previous_button.click()
    assert again.answer == {"trust": "yes", "confidence": 2, "reason": "attributed", "form": "form_c"}
    assert again.check_button.disabled and again.trust_buttons["no"].disabled and again.confidence.disabled
    assert "Your first answer is the one that counts." in again.card.value and "Recorded." in again.feedback.value
    again.next_button.click()
    assert not again.check_button.disabled and again.answer is None


@pytest.mark.parametrize("released", ["91", "all"])
def test_test_explains_once_released(bank, answers_file, monkeypatch, released):
    monkeypatch.setenv("KIT_STUDENT", student_for("form_a", "post"))
    monkeypatch.setenv("KIT_FEEDBACK_RELEASED", released)
    box = trust_test("post", bank)
    assert box.form == "form_a"
    answer_current(box, "no", "impersonation")
    assert load_attempts(answers_file)[-1]["status"] == "correct"
    assert "kit-correct" in box.feedback.value and "extra letter" in box.feedback.value
    box.next_button.click()
    answer_current(box, "no", "emotional_language")  # l3: loud praise, but fairly attributed
    assert "kit-incorrect" in box.feedback.value and "Fairly attributed" in box.feedback.value
    assert "Set done." in box.end.value and "2 of 2 judged: 1 right" in box.end.value


def test_pre_test_release_does_not_release_the_post_test(bank, answers_file, monkeypatch):
    monkeypatch.setenv("KIT_STUDENT", student_for("form_b", "post"))
    monkeypatch.setenv("KIT_FEEDBACK_RELEASED", "90")
    box = trust_test("post", bank)
    answer_current(box, "yes", "known_source")
    assert load_attempts(answers_file)[-1]["status"] == "recorded" and "Recorded." in box.feedback.value


def test_test_resumes_on_answers_recorded_elsewhere(bank, answers_file, monkeypatch, exam):
    monkeypatch.setenv("KIT_STUDENT", student_for("form_a", "delayed"))
    first = trust_items("form_a", bank)["id"].iloc[0]
    record(question_id("delayed", first), trust_answer("no", 4, "impersonation", "form_a"), "recorded", case="trust")
    record("trust.w5", trust_answer("yes", 1, "attributed"), "incorrect", case="trust")  # practice, not the test
    box = trust_test("delayed", bank)
    assert box.position == 1 and box.progress.value.endswith("1 of 2 answered.</span>")


def test_test_friendly_message_for_an_unknown_time(bank):
    box = trust_test("midterm", bank)
    assert repr(box) == "Trust test: 'midterm' is not a test time; use one of pre, post, delayed."
    assert "kit-trust-test" in box._dom_classes and "not a test time" in box.message.value


def test_every_form_of_the_invented_bank_gets_a_test(bank, answers_file, monkeypatch, exam):
    for form in FORMS:
        monkeypatch.setenv("KIT_STUDENT", student_for(form, "pre"))
        assert trust_test("pre", bank).form == form
    assert json.loads(json.dumps(trust_answer("yes", 5, None))) == {"trust": "yes", "confidence": 5, "reason": None}


def test_test_item_is_locked_as_soon_as_it_is_answered(bank, answers_file, monkeypatch, exam):
    monkeypatch.setenv("KIT_STUDENT", student_for("form_b", "pre"))
    box = trust_test("pre", bank)
    answer_current(box, "yes", "known_source")
    assert box.check_button.disabled and box.reason.disabled
    box.check_button.click()  # a disabled button clicked from code still records nothing more
    assert len(load_attempts(answers_file)) == 1


# --- a student release: the bank's judgements sealed -------------------------------------------------------------

@pytest.fixture
def sealed_bank(tmp_path):
    from kit.trust.files import SEALED_BANK
    from kit.trust.sealing import seal_bank

    folder = tmp_path / "release"
    folder.mkdir()
    rows = trust_items(None, write_bank(tmp_path / "teacher.csv"))
    (folder / SEALED_BANK).write_text(json.dumps(seal_bank(rows, "pepper")), encoding="utf-8")
    return folder / "items.csv"  # not there: the release has the sealed file instead


def test_sorter_on_a_sealed_bank_opens_each_judgement_for_its_feedback(sealed_bank, answers_file):
    box = trust_sorter("sorter", sealed_bank)
    assert "Capitals" not in repr(box.items.to_dict())
    answer_current(box, "no", "emotional_language")
    assert "kit-correct" in box.feedback.value and "Capitals" in box.feedback.value
    assert load_attempts(answers_file)[0]["status"] == "correct"


def test_test_on_a_sealed_bank_records_and_leaves_the_feedback_to_the_teacher(sealed_bank, answers_file, monkeypatch):
    monkeypatch.setenv("KIT_STUDENT", student_for("form_a", "post"))
    monkeypatch.setenv("KIT_FEEDBACK_RELEASED", "all")
    box = trust_test("post", sealed_bank)
    answer_current(box, "no", "impersonation")
    assert load_attempts(answers_file)[0]["status"] == "recorded"
    assert "Your teacher gives the feedback on this test." in box.feedback.value
    box.next_button.click()
    answer_current(box, "yes", "attributed")
    assert "All 2 answered." in box.end.value and "judged" not in box.end.value


@pytest.mark.parametrize("time", ["pre", "post", "delayed"])
def test_every_test_time_withholds_until_its_own_lesson_is_released(bank, answers_file, monkeypatch, time):
    from kit.trust.forms import TEST_LESSONS

    monkeypatch.setenv("KIT_STUDENT", "ada")
    others = ",".join(str(n) for n in TEST_LESSONS.values() if n != TEST_LESSONS[time])
    monkeypatch.setenv("KIT_FEEDBACK_RELEASED", others)
    box = trust_test(time, bank)
    answer_current(box, "yes", "known_source")
    assert load_attempts(answers_file)[-1]["status"] == "recorded" and "Recorded." in box.feedback.value
    monkeypatch.setenv("KIT_FEEDBACK_RELEASED", str(TEST_LESSONS[time]))
    box.next_button.click()
    answer_current(box, "yes", "attributed")
    assert load_attempts(answers_file)[-1]["status"] in ("correct", "incorrect") and "Why:" in box.feedback.value
