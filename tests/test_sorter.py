"""The claim sorter: pure logic tested directly, the widget by setting values and clicking."""

import html

import pandas as pd

import kit
from helpers import kit_attributes, make_case

article_options, card_html, progress_text, select_items, start_position = kit_attributes(
    "article_options", "card_html", "progress_text", "select_items", "start_position")


def test_select_items_filters_by_article_in_reading_order():
    key = kit.claim_key()
    a3 = select_items(key, "A3")
    assert set(a3["article_id"]) == {"A3"} and len(a3) == (key["article_id"] == "A3").sum()
    assert len(select_items(key, None)) == len(key)


def test_start_position_skips_answered_claims():
    items = pd.DataFrame({"id": ["x", "y", "z"]})
    assert start_position(items, set()) == 0
    assert start_position(items, {"x", "y"}) == 2
    assert start_position(items, {"x", "y", "z"}) == 0


def test_card_marks_the_claim_inside_its_sentence_and_escapes_html():
    item = pd.Series({"article_id": "A9", "outlet": "", "sentence_id": "A9.S1", "sentence": "He said <b>no</b> twice.", "quote": "<b>no</b>"})
    html = card_html(item, 2, 5, earlier="opinion")
    assert "Claim 3 of 5" in html and "outlet not stated" in html
    assert "<mark>&lt;b&gt;no&lt;/b&gt;</mark>" in html
    assert "You answered this claim before: opinion." in html


def test_progress_text_and_article_options():
    items = pd.DataFrame({"id": ["a", "b", "c"]})
    answers = pd.DataFrame({"claim_id": ["a", "c", "zz"], "correct": [True, False, True]})
    assert progress_text(items, answers) == "Answered 2 of 3 claims in this set; 1 right the first time."
    options = article_options(kit.claim_key())
    assert options[0] == ("All articles", "") and [v for _, v in options[1:]] == ["A0", "A1", "A2", "A3", "A4"]
    assert ("A1 · outlet not stated", "A1") in options


def test_widget_answers_by_click_and_records_through_the_answers_file(answers_file):
    sorter = kit.claim_sorter(article="A3")
    first = sorter.items.iloc[0]
    assert "Claim 1 of" in sorter.card.value and first["sentence_id"] in sorter.card.value
    sorter.buttons[first["label"]].click()  # no confidence yet
    assert "First choose how sure you are" in sorter.feedback.value
    assert not answers_file.exists()
    sorter.confidence.value = 4
    sorter.buttons[first["label"]].click()
    assert "kit-correct" in sorter.feedback.value and html.escape(first["rationale"][:40]) in sorter.feedback.value
    assert sorter.confidence.value is None, "confidence resets for the next claim"
    assert "Answered 1 of" in sorter.progress.value
    attempts = kit.answers()
    assert attempts["question"].tolist() == [first["id"]]
    assert attempts["answer"].tolist() == [{"label": first["label"], "confidence": 4}]


def test_widget_wrong_label_shows_the_key_and_next_moves_on(answers_file):
    sorter = kit.claim_sorter(article="A2")
    item = sorter.items.iloc[0]
    wrong = next(label for label in kit.LABELS if label != item["label"])
    sorter.confidence.value = 2
    sorter.buttons[wrong].click()
    assert "kit-incorrect" in sorter.feedback.value and f"The key says {item['label']}" in sorter.feedback.value
    sorter.next_button.click()
    assert "Claim 2 of" in sorter.card.value and sorter.feedback.value == ""
    sorter.previous_button.click()
    assert "Claim 1 of" in sorter.card.value and "You sorted this claim in this session" in sorter.card.value
    assert "You answered this claim before" not in sorter.card.value, "only for an earlier session (issue #17)"
    assert sorter.previous_button.disabled


def test_widget_resumes_after_a_restart_and_filters(answers_file):
    sorter = kit.claim_sorter()
    for _ in range(3):
        item = sorter.items.iloc[sorter.position]
        sorter.confidence.value = 5
        sorter.buttons[item["label"]].click()
        sorter.next_button.click()
    again = kit.claim_sorter()  # a new kernel builds a new widget from the same answers file
    assert again.position == 3 and "Answered 3 of" in again.progress.value
    again.article_filter.value = "A4"
    assert set(again.items["article_id"]) == {"A4"} and "A4 ·" in again.card.value
    assert "Answered 0 of" in again.progress.value
    assert len(kit.claim_responses()) == 3


def test_widget_on_a_case_without_a_key(tmp_path, answers_file):
    case = make_case(tmp_path, {"a.txt": "Something happened."})
    sorter = kit.claim_sorter(case)
    assert "has no claim key" in sorter.card.value
    sorter.confidence.value = 3
    sorter.buttons["opinion"].click()
    assert not answers_file.exists()
