"""The capstone's verdict builder: pure logic tested directly, the widget by setting values and clicking.

Two invented stories, each a tiny case with a capstone key (a verdict question, evidence for and against,
a ClaimReview judged by a rubric): a harbour strike in Wellington and a football transfer in Lisbon (accents
in names and outlets). The seeds are used too. Passages that look wrong but are right (an id typed in lower
case, a claim that names a sentence id, an outlet with accents) must not give a problem.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from helpers import make_case
from kit.core.case import load_case
from kit.core.errors import KitError
from kit.rubric import cited_sentences
from kit.verdict import VERDICTS, validate_claim_review
from kit.verdict_builder import (
    STANCES, build_review, case_claim, evidence_summary, find_sentences, option_label, picked_html, plain_words,
    problems_html, question_answers, question_stances, restore_review, review_html, review_problems, scale_html,
)
from kit.verdict_widget import build_verdict, review_path

HEADER = "id,kind,prompt,answer,options,match,tolerance,explanation,hint,defensible\n"
SCALE = "confirmed;likely;unproven;unlikely;false"
STORIES = {
    "wellington": {
        "articles": {
            "1_ledger.txt": "Ferries stop in Wellington\n\nThe union says every crossing is cancelled. "
                            "Its secretary spoke at the gate on Monday.\n",
            "2_port.txt": "Port disputes strike figures\n\nThe port company says two crossings ran. "
                          "It gave no timetable.\n",
            "3_wire.txt": "Strike enters second day\n\nThe union repeated that crossings are cancelled. "
                          "A reporter saw passengers board one ferry.\n",
        },
        "outlets": {"1_ledger.txt": "Harbour Ledger", "2_port.txt": "Port News", "3_wire.txt": "Tasman Wire"},
        "claim": "Every ferry crossing in Wellington was cancelled on Monday",
        "verdict": "unlikely", "for": "A1.S2;A3.S2", "against": "A2.S2;A3.S3", "need": 3,
    },
    "lisbon": {
        "articles": {
            "1_bola.txt": "Striker joins Belém\n\nJoão Brandão signed for Atlético Belém on Friday, the club said. "
                          "The club says the fee was a record.\n",
            "2_diario.txt": "Transfer fee not disclosed\n\nThe selling club disclosed no fee. "
                            "Its statement named the player.\n",
        },
        "outlets": {"1_bola.txt": "Gazeta do Relvado", "2_diario.txt": "Diário da Bola"},
        "claim": "João Brandão's fee was a club record",
        "verdict": "likely", "for": "A1.S3", "against": "A2.S2", "need": 2,
    },
}


def capstone_key(story: dict) -> str:
    """The capstone questions key of an invented story (a verdict and its evidence), shared with the browser test."""
    rows = [
        f"q5.1,choice,Verdict on '{story['claim']}',{story['verdict']},{SCALE},,,\"The claim rests on A1.S2.\","
        "\"Who could know?\",",
        f"q5.2,sentences,Evidence for the claim,{story['for']},,any:1,,\"A1.S2 says so.\",\"Find it.\",",
        f"q5.3,sentences,Evidence against the claim,{story['against']},,any:1,,\"A2.S2 says not.\",\"Find it.\",",
        f"q5.4,review,Your ClaimReview,valid; articles:{story['need']}; rating:q5.1,,,,\"A valid review citing "
        "A1.S2.\",\"Cite.\",",
    ]
    return HEADER + "\n".join(rows) + "\n"


@pytest.fixture(params=sorted(STORIES))
def story(request, tmp_path):
    """One invented story: its name, its facts and its loaded case."""
    facts = STORIES[request.param]
    metadata = {file: {"outlet": outlet, "published": "2031-03-02"} for file, outlet in facts["outlets"].items()}
    folder = make_case(tmp_path, facts["articles"], metadata, keys={"questions": capstone_key(facts)}, name=request.param)
    return request.param, facts, load_case(folder, cached=False)


QUESTIONS = {"rating_question": "q5.1", "evidence_questions": {"for": "q5.2", "against": "q5.3"},
             "review_question": "q5.4"}


# --- pure: finding sentences ------------------------------------------------------------------------


def test_find_sentences_by_id_outlet_and_words(story):
    name, facts, case = story
    everything = find_sentences(case, "  ")
    assert len(everything) == len(case.sentences), "an empty search lists every sentence"
    assert find_sentences(case, "a2.s2")["sentence_id"].tolist() == ["A2.S2"], "ids are found in any case"
    assert set(find_sentences(case, "A2")["article_id"]) == {"A2"}
    outlet = facts["outlets"][sorted(facts["articles"])[1]]
    by_outlet = find_sentences(case, outlet.split()[0])
    assert set(by_outlet["article_id"]) >= {"A2"} and (by_outlet["outlet"] == outlet).any()
    assert find_sentences(case, "zebra crossing quantum").empty


def test_find_sentences_folds_accents_and_stems(story):
    name, _, case = story
    if name == "lisbon":
        assert "A1.S2" in set(find_sentences(case, "Joao Brandao signing")["sentence_id"])
        assert set(find_sentences(case, "diario")["article_id"]) == {"A2"}, "an outlet found without its accent"
    else:
        assert "A1.S2" in set(find_sentences(case, "cancel cross")["sentence_id"]), "a word's start finds it"
        assert "A3.S3" in set(find_sentences(case, "boarded ferries")["sentence_id"])


def test_find_sentences_on_the_seeds():
    found = find_sentences(None, "Kremlin denied")
    assert "A1.S1" in set(found["sentence_id"]) and len(found) < 40
    assert find_sentences(None, "A2.S13 A1.S1").empty, "two different ids: no sentence is both"


def test_option_label_cuts_long_sentences_but_keeps_id_and_outlet():
    label = option_label({"sentence_id": "A4.S1", "outlet": "Tasman Wire", "text": "word " * 80}, 40)
    assert label.startswith("A4.S1 · Tasman Wire · ") and label.endswith("…") and len(label) < 80


def test_scale_shows_every_verdict_with_its_meaning_and_marks_the_chosen_one():
    shown = scale_html("likely")
    assert all(f"{html.escape(m)}</li>" in shown for m in kit.VERDICT_MEANINGS.values())
    assert shown.count("<b>") == 1 and "<b>likely</b>" in shown and "<b>" not in scale_html("mostly true")


def test_case_claim_comes_from_the_verdict_question(story, tmp_path):
    _, facts, case = story
    assert case_claim(case) == facts["claim"]
    assert case_claim(None) == "Did Trump and Putin speak by phone on 7 November 2024?"
    bare = load_case(make_case(tmp_path, {"x.txt": "Title\n\nA line.\n"}, name="bare"), cached=False)
    assert case_claim(bare) == "", "a case without a capstone has no claim to offer"


# --- pure: the ClaimReview and its problems -------------------------------------------------------


def test_a_complete_review_is_valid_and_meets_the_rubric(story):
    _, facts, case = story
    evidence = {sid: "for" for sid in facts["for"].split(";")} | {sid: "against" for sid in facts["against"].split(";")}
    doc = build_review(facts["claim"], facts["verdict"], evidence, case, author="Ada", date_published="2031-03-05",
                       reasoning="A witness saw one ferry board.")
    assert validate_claim_review(doc) == [] and review_problems(facts["claim"], facts["verdict"], evidence, case, doc) == []
    assert doc["reviewRating"]["alternateName"] == facts["verdict"]
    assert doc["reviewBody"].startswith("A witness saw one ferry board. Rated ")
    assert cited_sentences(doc) == list(evidence), "the rubric finds every sentence cited, in order"
    outlets = {a["publisher"]["name"] for a in doc["itemReviewed"]["appearance"]}
    assert outlets == set(facts["outlets"].values())
    assert [c["description"] for c in doc["citation"]] == [STANCES[s] for s in evidence.values()]
    feedback = kit.check("q5.4", doc, case, save=False)
    assert feedback.status == "correct", feedback.message


def test_empty_claim_and_no_evidence_say_what_to_add_kindly(story):
    _, _, case = story
    doc = build_review("  ", None, {}, case, author="Ada", date_published="2031-03-05")
    problems = review_problems("  ", None, {}, case, doc)
    assert problems == [plain_words("'claimReviewed'"), plain_words("'reviewRating"), plain_words("'itemReviewed.appearance'")]
    assert problems[0].startswith("Write the claim") and "Choose a rating" in problems[1]
    assert "Add at least one evidence sentence" in problems[2] and "Add as supporting" in problems[2]
    assert doc["itemReviewed"]["appearance"] == [] and "alternateName" not in doc["reviewRating"]
    assert len(validate_claim_review(doc)) >= 3, "the validator agrees something is missing"


def test_a_rating_outside_the_scale_typed_by_code_gets_one_friendly_sentence(story):
    _, facts, case = story
    for typed, hint in (("mostly true", ""), ("unlikley", " Did you mean 'unlikely'?"), ("Likely", " Did you mean 'likely'?")):
        doc = build_review(facts["claim"], typed, {"A1.S2": "for"}, case)
        problems = review_problems(facts["claim"], typed, {"A1.S2": "for"}, case, doc)
        assert problems == [f"{typed!r} is not a rating on the scale; choose one of {', '.join(VERDICTS)}: how well "
                            f"the evidence supports the claim.{hint}"]
    odd = review_problems(facts["claim"], ["likely"], {"A1.S2": "for"}, case)
    assert odd[0].startswith("['likely'] is not a rating on the scale"), "a list typed by code: no crash"


def test_unknown_ids_odd_stances_and_missing_sides_are_named(story):
    _, facts, case = story
    stances = question_stances({"for": "q5.2", "against": "q5.3"})
    problems = review_problems(facts["claim"], "likely", {"A9.S9": "for", "A1.S2": "maybe"}, case, None, stances)
    assert f"'A9.S9' is not a sentence of case '{case.name}'; pick sentences from the list." in problems
    assert "A1.S2 is marked 'maybe'; mark it as supporting or as contradicting the claim." in problems
    assert any("as contradicting the claim: question q5.3 asks for them" in p for p in problems)
    only_for = review_problems(facts["claim"], "likely", {"A1.S2": "for"}, case, None, stances)
    assert only_for == ["Mark at least one sentence as contradicting the claim: question q5.3 asks for them."]


def test_looks_odd_but_right_gives_no_problem(story):
    _, facts, case = story
    claim = f"{facts['claim']} (A1.S2)"  # a claim naming its sentence is fine; the id is not evidence there
    evidence = {"A1.S2": "against", "A2.S2": "against"}  # nothing supporting, with no question asking for it
    doc = build_review(claim, "false", evidence, case, author="Zé Ninguém", date_published="2031-03-05")
    assert review_problems(claim, "false", evidence, case, doc) == []
    assert cited_sentences(doc) == ["A1.S2", "A2.S2"]


def test_evidence_summary_names_ids_and_outlets(story):
    _, facts, case = story
    first, second = sorted(facts["outlets"])[:2]
    text = evidence_summary("unproven", {"A2.S2": "against", "A1.S2": "for"}, case)
    assert text == (f"Rated unproven: {kit.VERDICT_MEANINGS['unproven']}. Supports the claim: A1.S2 "
                    f"({facts['outlets'][first]}). Contradicts the claim: A2.S2 ({facts['outlets'][second]}).")
    assert evidence_summary(None, {}, case) == ""


def test_question_answers_for_each_question():
    evidence = {"A1.S2": "for", "A2.S2": "against", "A3.S2": "for"}
    doc = build_review("Ferries ran.", "unlikely", {"A1.S1": "for"}, None)
    answers = question_answers("unlikely", evidence, doc, rating_question="q5.1",
                               stances={"q5.2": "for", "q5.3": "against"}, review_question="q5.4")
    assert answers == {"q5.1": "unlikely", "q5.2": ["A1.S2", "A3.S2"], "q5.3": ["A2.S2"], "q5.4": doc}
    assert "q5.4" not in question_answers("", {}, {"@type": "ClaimReview"}, review_question="q5.4"), "not valid yet"
    assert question_answers("", {}, None, rating_question="q5.1", stances={"q5.2": None}) == {}
    assert question_answers("x", evidence, stances={"q9.9": None})["q9.9"] == list(evidence), "one id takes all"


def test_question_stances_refuses_unknown_sides_in_one_sentence():
    with pytest.raises(KitError, match=r"has the key 'pro'; use 'for'"):
        question_stances({"pro": "q5.2"})
    with pytest.raises(KitError, match="a dict like"):
        question_stances(["q5.2"])


def test_restore_review_reads_back_what_build_review_wrote(story):
    _, facts, case = story
    evidence = {"A2.S2": "against", "A1.S2": "for"}
    doc = build_review(facts["claim"], facts["verdict"], evidence, case, reasoning="Two <b>sides</b>.")
    back = restore_review(json.loads(json.dumps(doc)), case)
    assert back == {"claim": facts["claim"], "rating": facts["verdict"], "evidence": evidence,
                    "reasoning": "Two <b>sides</b>."}
    assert restore_review("not a review", case)["evidence"] == {}
    assert restore_review({"citation": [{"identifier": "A9.S9", "description": STANCES["for"]}]}, case)["evidence"] == {}


def test_html_is_escaped_and_wraps(story):
    _, facts, case = story
    doc = build_review("<script>x</script>", "likely", {"A1.S2": "for"}, case)
    shown = review_html(doc)
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "pre-wrap" in shown and "anywhere" in shown
    assert "<li>&lt;b&gt;" in problems_html(["<b>bold</b>"]) and "Ready to save" in problems_html([])
    picked = picked_html({"A1.S2": "for"}, case)
    assert "A1.S2" in picked and facts["outlets"][sorted(facts["outlets"])[0]] in picked and "supports" in picked


@settings(max_examples=40, deadline=None)
@given(claim=st.text(max_size=40), rating=st.one_of(st.none(), st.sampled_from(list(VERDICTS)), st.text(max_size=12)),
       picks=st.lists(st.tuples(st.sampled_from(["A0.S1", "A1.S1", "A2.S13", "A3.S6", "A9.S1"]),
                                st.sampled_from(["for", "against", "odd"])), max_size=4))
def test_any_input_gives_a_document_and_problems_never_an_error(claim, rating, picks):
    evidence = dict(picks)
    doc = build_review(claim, rating, evidence, None, author="Ada", date_published="2024-11-20")
    problems = review_problems(claim, rating, evidence, None, doc)
    json.dumps(doc)
    ready = claim.strip() and rating in VERDICTS and evidence and all(
        s in STANCES and sid != "A9.S1" for sid, s in evidence.items())
    assert (problems == []) == bool(ready), problems


# --- the widget --------------------------------------------------------------------------------------


def test_widget_builds_live_and_saves_and_checks(story, answers_file):
    _, facts, case = story
    box = build_verdict(case=case, **QUESTIONS)
    assert "kit-verdict" in box._dom_classes and box.check_button is box.save_button
    assert box.claim.value == facts["claim"], "prefilled from the case's capstone"
    assert "Choose a rating" in box.problems.value and box.answers == {}
    box.rating.value = facts["verdict"]
    assert html.escape(f'"alternateName": "{facts["verdict"]}"') in box.json.value, "the panel follows every change"
    box.search.value = "A1.S2"
    assert list(box.result_boxes) == ["A1.S2"]
    box.result_boxes["A1.S2"].value = True
    assert "A1.S2" in box.preview.value
    box.add_for.click()
    assert not box.result_boxes["A1.S2"].value, "unticked once added"
    box.search.value = "A2"
    box.result_boxes["A2.S2"].value = True
    box.add_against.click()
    assert box.evidence == {"A1.S2": "for", "A2.S2": "against"} and list(box.picked_boxes) == ["A1.S2", "A2.S2"]
    assert box.answers["q5.2"] == ["A1.S2"] and box.answers["q5.3"] == ["A2.S2"]
    if facts["need"] > 2:  # wellington's rubric wants three articles: add a third
        box.search.value = "A3.S3"
        box.result_boxes["A3.S3"].value = True
        box.add_against.click()
    assert "Ready to save" in box.problems.value
    box.save_button.click()
    saved = review_path(case.name)
    assert saved.parent == answers_file.parent and f"Saved your ClaimReview to {saved}" in box.feedback.value
    assert json.loads(saved.read_text())["reviewRating"]["alternateName"] == facts["verdict"]
    assert box.feedback.value.count("kit-feedback") == 4 and "kit-correct" in box.feedback.value
    recorded = kit.answers(answers_file)
    assert set(recorded["question"]) == {"q5.1", "q5.2", "q5.3", "q5.4"}
    assert recorded.set_index("question").loc["q5.1", "status"] == "correct"


def test_widget_does_not_save_an_incomplete_review_but_checks_what_is_there(story, answers_file):
    _, facts, case = story
    box = build_verdict(claim="", case=case, **QUESTIONS)
    assert box.claim.value == "" and "Write the claim" in box.problems.value
    box.rating.value = "confirmed"
    box.save_button.click()
    assert "Not saved yet: Write the claim" in box.feedback.value and not review_path(case.name).exists()
    assert "q5.2 is not checked yet: add at least one sentence as supporting." in box.feedback.value
    assert "kit-incorrect" in box.feedback.value, "the rating was checked (and recorded) all the same"
    box.add_for.click()
    assert "Tick one or more sentences" in box.feedback.value


def test_widget_restores_the_saved_answers_and_file(story, answers_file):
    _, facts, case = story
    box = build_verdict(case=case, **QUESTIONS)
    box.rating.value = facts["verdict"]
    box.reasoning.value = "The port's figures differ."
    box.result_boxes["A1.S2"].value = True
    box.add_for.click()
    box.result_boxes["A2.S2"].value = True
    box.add_against.click()
    box.save_button.click()
    again = build_verdict(case=case, **QUESTIONS)
    assert again.rating.value == facts["verdict"] and again.evidence == {"A1.S2": "for", "A2.S2": "against"}
    assert again.reasoning.value == "The port's figures differ." and "Taken up where you left off" in again.feedback.value
    review_path(case.name).unlink()  # the answers file alone still brings the rating and the sentences back
    third = build_verdict(case=case, **QUESTIONS)
    assert third.rating.value == facts["verdict"] and third.evidence == {"A1.S2": "for", "A2.S2": "against"}
    assert third.claim.value == facts["claim"]


def test_widget_demo_records_nothing_and_search_says_when_nothing_matches(story, answers_file):
    _, facts, case = story
    box = build_verdict("A claim of my own", case)
    assert box.claim.value == "A claim of my own"
    box.search.value = "zebra quantum"
    assert box.result_boxes == {} and "No sentence of this case matches “zebra quantum”" in box.results_note.value
    box.search.value = ""
    assert f"The case has {len(case.sentences)} sentences: tick" in box.results_note.value
    box.rating.value = "unproven"
    box.result_boxes["A1.S2"].value = box.result_boxes["A2.S2"].value = True
    assert "A1.S2" in box.preview.value and "A2.S2" in box.preview.value
    box.add_for.click()
    box.picked_boxes["A2.S2"].value = True
    box.remove_button.click()
    assert box.evidence == {"A1.S2": "for"}
    box.save_button.click()
    assert "kit-demo" in box.feedback.value and "Saved your ClaimReview" in box.feedback.value
    assert not answers_file.exists(), "a demo records no answer"


def test_widget_on_the_seeds_with_the_capstone_questions(answers_file):
    box = build_verdict(rating_question="q5.1", evidence_questions={"for": "q5.2", "against": "q5.3"})
    assert box.claim.value == "Did Trump and Putin speak by phone on 7 November 2024?"
    assert "the first 12 are listed, so narrow the search" in box.results_note.value and len(box.result_boxes) == 12
    box.rating.value = "unproven"
    for query, button in (("A2.S13", box.add_for), ("A1.S1", box.add_against)):
        box.search.value = query
        box.result_boxes[query].value = True
        button.click()
    box.save_button.click()
    assert box.feedback.value.count("kit-correct") == 1, "the rating is right; one sentence each is not enough"
    assert json.loads(review_path("seeds").read_text())["itemReviewed"]["appearance"]
