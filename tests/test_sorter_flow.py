"""The claim sorter's flow (issue #17): a balanced default set, live scores, an end screen, honest notes, no stale focus.

Pure functions are tested directly (with Hypothesis for the sharing rules); the widget is
driven by setting ``.value`` and calling ``.click()``, with a temporary answers file.
The invented cases are two stories unlike the seeds: a harbour strike in Wellington and a
football transfer in Lisbon, each with a key that lacks some labels.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kit
from helpers import ROOT, kit_attributes, make_case

(balanced_items, label_quotas, spread_positions, choose_items, set_options, set_done, end_html, card_html,
 score_summary, discernment_reading, SORTER_CSS, NO_ANSWERS) = kit_attributes(
    "balanced_items", "label_quotas", "spread_positions", "choose_items", "set_options", "set_done", "end_html",
    "card_html", "score_summary", "discernment_reading", "SORTER_CSS", "NO_ANSWERS")

KESTREL = ROOT / "cases" / "kestrel"

WELLINGTON = {
    "01_harbour_daily.txt": (
        "Wellington port workers walked off the job on Monday. The union said 300 members joined the strike. "
        "The strike is a disgrace to the city. Talks will resume on Thursday, the mediator predicted. "
        "Ferries to Picton were cancelled on Monday."
    ),
    "02_capital_news.txt": (
        "The port company said it had offered a 4 percent raise. Its offer is plainly unfair to the crews. "
        "Container ships queued outside the harbour on Tuesday."
    ),
}
# label of each sentence, in reading order: no speculation, no loaded framing
WELLINGTON_LABELS = ["verifiable_fact", "attributed_statement", "opinion", "prediction", "verifiable_fact",
                     "attributed_statement", "opinion", "verifiable_fact"]

LISBON = {
    "01_bola_diaria.txt": (
        "The striker signed a four-year contract in Lisbon on Friday. The club said the fee was 40 million euros. "
        "He may have been chosen over cheaper players to please the sponsors. His agent said the talks were friendly."
    ),
    "02_sport_wire.txt": (
        "The coach called the signing a masterstroke. The player passed his medical on Thursday. "
        "The board said more signings would follow."
    ),
}
# only facts, attributed statements and one speculation, which is the key's worked example
LISBON_LABELS = ["verifiable_fact", "attributed_statement", "speculation", "attributed_statement",
                 "attributed_statement", "verifiable_fact", "attributed_statement"]
LISBON_EXAMPLES = {2}


def invented_case(tmp_path, articles, labels, examples=frozenset(), name="story"):
    """Write an invented case whose claim key labels each sentence (the whole sentence is the claim)."""
    probe = kit.load_case(make_case(tmp_path, articles, name=f"{name}_probe"))
    sentences = probe.sentences.reset_index(drop=True)
    assert len(sentences) == len(labels), sentences["text"].tolist()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "file", "sentence_id", "quote", "label", "who_asserts", "original_source", "rationale", "example"])
    counters: dict[str, int] = {}
    for i, (row, label) in enumerate(zip(sentences.itertuples(), labels)):
        article = row.sentence_id.split(".")[0]
        counters[article] = counters.get(article, 0) + 1
        writer.writerow([f"{article}.C{counters[article]}", row.file, row.sentence_id, row.text, label,
                         "the outlet", "the outlet", f"Invented rationale {i}.", "yes" if i in examples else ""])
    return make_case(tmp_path, articles, keys={"claims": out.getvalue()}, name=name)


@pytest.fixture
def wellington(tmp_path):
    return invented_case(tmp_path, WELLINGTON, WELLINGTON_LABELS, name="wellington")


@pytest.fixture
def lisbon(tmp_path):
    return invented_case(tmp_path, LISBON, LISBON_LABELS, LISBON_EXAMPLES, name="lisbon")


def answer(sorter, label=None, confidence=4):
    """Answer the sorter's current claim (with the key's label unless told) and return that claim."""
    item = sorter.items.iloc[sorter.position]
    sorter.confidence.value = confidence
    sorter.buttons[label or item["label"]].click()
    return item


def answer_all(sorter):
    """Answer every claim of the current set, moving on with Next."""
    for position in range(len(sorter.items)):
        assert sorter.position == position
        answer(sorter)
        if position < len(sorter.items) - 1:
            sorter.next_button.click()


def visible(widget) -> bool:
    return widget.layout.display != "none"


# --- sharing places among labels -------------------------------------------------------------------------

@given(st.dictionaries(st.sampled_from(kit.LABELS), st.integers(0, 40)), st.integers(0, 60))
def test_label_quotas_are_as_even_as_the_counts_allow(counts, size):
    quotas = label_quotas(counts, size)
    assert sum(quotas.values()) == min(size, sum(counts.values()))
    assert all(0 <= quotas[label] <= counts[label] for label in counts)
    for label in counts:
        if quotas[label] < counts[label]:  # a label with claims to spare is never more than one place behind
            assert all(quotas[other] <= quotas[label] + 1 for other in counts)


@given(st.integers(0, 200).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
def test_spread_positions_are_distinct_sorted_and_in_range(nk):
    n, k = nk
    picked = spread_positions(n, k)
    assert len(picked) == k and picked == sorted(set(picked)) and all(0 <= p < n for p in picked)


# --- the balanced default set --------------------------------------------------------------------------

def test_balanced_set_on_the_seeds_covers_every_label_evenly_without_worked_examples():
    key = kit.claim_key()
    items = balanced_items(key)
    counts = items["label"].value_counts()
    assert len(items) == 20 and set(counts.index) == set(key["label"])
    assert counts.max() - counts.min() <= 1
    assert not items["example"].eq("yes").any(), "the lesson already shows the worked examples"
    positions = [key.index[key["id"] == cid][0] for cid in items["id"]]
    assert positions == sorted(positions), "reading order"
    assert items["article_id"].nunique() >= 4, "spread through the articles, not all from the first"
    assert balanced_items(key)["id"].tolist() == items["id"].tolist(), "deterministic"


def test_balanced_set_on_kestrel_takes_all_of_each_scarce_label():
    key = kit.claim_key(KESTREL)
    items = balanced_items(key)
    counts = items["label"].value_counts()
    assert len(items) == 20 and set(counts.index) == set(key["label"])
    spare = key[key["example"] != "yes"]["label"].value_counts()
    for label in ("prediction", "opinion", "speculation"):
        assert counts[label] == spare[label], label
    # loaded framing appears in the key only as a worked example: shown again rather than left out
    assert counts["loaded_framing"] == 1
    assert abs(counts["attributed_statement"] - counts["verifiable_fact"]) <= 1


def test_balanced_set_on_invented_keys_missing_labels(wellington, lisbon):
    harbour = kit.claim_key(wellington)
    everything = balanced_items(harbour)
    assert len(everything) == len(harbour) == 8, "a key smaller than the set gives all its claims"
    small = balanced_items(harbour, 3)
    assert sorted(small["label"]) == ["attributed_statement", "opinion", "verifiable_fact"], "taxonomy order breaks ties"
    four = balanced_items(harbour, 4)
    assert set(four["label"]) == {"verifiable_fact", "attributed_statement", "opinion", "prediction"}
    transfer = kit.claim_key(lisbon)
    picked = balanced_items(transfer, 5)
    assert picked["label"].value_counts().to_dict() == {"attributed_statement": 2, "verifiable_fact": 2, "speculation": 1}
    assert balanced_items(transfer.iloc[0:0]).empty


def test_choose_items_and_the_dropdown_options(wellington):
    key = kit.claim_key(wellington)
    assert choose_items(key, "set", 4)["id"].tolist() == balanced_items(key, 4)["id"].tolist()
    assert len(choose_items(key, "")) == 8
    assert set(choose_items(key, "A2")["article_id"]) == {"A2"}
    options = set_options(key, 4)
    assert options[:2] == [("A mix of 4 claims, every label in the key", "set"), ("All claims", "")]
    assert [value for _, value in options[2:]] == ["A1", "A2"]
    assert set_options(key)[0][0] == "A mix of 8 claims, every label in the key", "never promises more than the key has"


# --- scores, the end screen and the card -------------------------------------------------------------------

EMPTY = pd.DataFrame(columns=["claim_id", "article_id", "given", "confidence", "key", "correct"])


def test_score_summary_before_and_after_answers():
    items = pd.DataFrame({"id": ["A1.C1", "A1.C2", "A2.C1"], "label": ["opinion", "prediction", "opinion"]})
    before = score_summary(EMPTY, items)
    assert NO_ANSWERS in before and "NaN" not in before and "0 of" not in before
    mine = pd.DataFrame({"claim_id": ["A1.C1", "A1.C2", "Z9.C9"], "given": ["opinion", "opinion", "opinion"],
                         "key": ["opinion", "prediction", "opinion"], "correct": [True, False, True]})
    after = score_summary(mine, items)
    assert "Sorted 2 of 3 claims; right at first try: 1 (50%)." in after, "an answer outside the set is left out"
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td></tr>", after)
    assert rows == [("opinion", "1 of 2", "1"), ("prediction", "1 of 1", "0")], "only the set's labels"
    assert "NaN" not in after and "You gave opinion to every claim so far" in after


def test_discernment_reading_names_its_evidence():
    facts = pd.DataFrame({"key": ["verifiable_fact", "opinion", "prediction"], "given": ["verifiable_fact"] * 3})
    assert "You gave verifiable fact to every claim" in discernment_reading(kit.discernment(facts))
    one = pd.DataFrame({"key": ["opinion"], "given": ["opinion"]})
    assert discernment_reading(kit.discernment(one)).startswith("Not enough variety")
    perfect = pd.DataFrame({"key": list(kit.LABELS) * 3, "given": list(kit.LABELS) * 3})
    text = discernment_reading(kit.discernment(perfect))
    assert text.startswith("Discernment: you tell the labels apart well (average d′") and "over 6 labels" in text
    assert discernment_reading(kit.discernment(EMPTY)) == f"{NO_ANSWERS}."


def test_set_done_and_end_screen(wellington):
    key = kit.claim_key(wellington)
    items = balanced_items(key, 3)
    mine = pd.DataFrame({"claim_id": items["id"], "given": items["label"], "key": items["label"], "correct": True})
    assert set_done(items, mine) and not set_done(items, mine.iloc[:2]) and not set_done(items.iloc[0:0], mine)
    screen = end_html(items, mine, key)
    assert "Set done." in screen and "Sorted 3 of 3 claims; right at first try: 3 (100%)." in screen
    assert "5 claims of the key left" in screen
    every = pd.DataFrame({"claim_id": key["id"], "given": key["label"], "key": key["label"], "correct": True})
    assert "You have sorted every claim of the key." in end_html(items, every, key)


def test_card_says_before_only_for_an_earlier_session():
    item = pd.Series({"article_id": "A1", "outlet": "Harbour Daily", "sentence_id": "A1.S2",
                      "sentence": "The union said 300 members joined.", "quote": "300 members joined"})
    assert "You answered this claim before: opinion." in card_html(item, 0, 3, earlier="opinion")
    now = card_html(item, 0, 3, now="opinion")
    assert "You sorted this claim in this session: opinion." in now and "before" not in now
    assert "answered" not in card_html(item, 0, 3) and "sorted this claim" not in card_html(item, 0, 3)


# --- friendly empty scores -------------------------------------------------------------------------------

def test_score_functions_give_a_hint_not_nan_without_answers():
    empty = kit.claim_responses(path="/nonexistent/answers.json")
    table = kit.discernment(empty)
    with_answers = kit.discernment(pd.DataFrame({"key": ["opinion"], "given": ["opinion"]}))
    assert list(table.columns) == list(with_answers.columns) and list(table.index) == list(kit.LABELS)
    assert not table.isna().any().any(), "no NaN cells"
    assert (table["note"].str.startswith("no answers yet")).all() and (table["claims"] == 0).all()
    assert table[["claims", "hits", "false_alarms", "d_prime"]].shape == (6, 4), "the exercise's column pick works"
    calib = kit.calibration(empty)
    assert not calib.isna().any().any() and calib["note"].str.startswith("no answers yet").all()
    assert calib["answers"].tolist() == [0] * 5 and calib.loc[1, "promised"] == pytest.approx(1 / 6, abs=1e-3)


def test_calibration_chart_without_answers_says_what_to_do():
    import vl_convert as vlc

    empty = kit.claim_responses(path="/nonexistent/answers.json")
    spec = kit.calibration_chart(empty).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "text", "line", "text"]
    assert NO_ANSWERS in str(spec["title"])
    svg = vlc.vegalite_to_svg(spec)
    assert "Sort a few claims" in svg


def test_score_functions_with_answers_are_unchanged():
    answers = pd.DataFrame({"key": ["opinion", "speculation"], "given": ["opinion", "opinion"],
                            "confidence": [5, 2], "correct": [True, False]})
    assert "note" not in kit.calibration(answers).columns
    assert [layer["mark"]["type"] for layer in kit.calibration_chart(answers).to_dict()["layer"]] == ["bar", "text", "line"]
    assert kit.discernment(answers)["hit_rate"].dtype == float


# --- the widget ----------------------------------------------------------------------------------------

def test_widget_starts_on_the_balanced_set_with_a_scores_hint(answers_file):
    sorter = kit.claim_sorter()
    assert sorter.article_filter.value == "set"
    assert sorter.items["id"].tolist() == balanced_items(kit.claim_key())["id"].tolist()
    assert NO_ANSWERS in sorter.scores.value and "NaN" not in sorter.scores.value
    assert not visible(sorter.more_button) and sorter.end.value == ""
    item = answer(sorter)
    assert "Sorted 1 of 20 claims; right at first try: 1 (100%)." in sorter.scores.value
    assert "You answered this claim before" not in sorter.card.value, "answered now, not before"
    assert "sorted this claim" not in sorter.card.value, "the feedback already says it"
    sorter.next_button.click()
    sorter.previous_button.click()
    assert f"You sorted this claim in this session: {item['label']}." in sorter.card.value
    assert "You answered this claim before" not in sorter.card.value
    everything = kit.claim_sorter(claims="all")
    assert everything.article_filter.value == "" and len(everything.items) == len(kit.claim_key())


def test_widget_says_answered_before_only_for_an_earlier_session(answers_file):
    key = kit.claim_key(KESTREL)
    first = key.iloc[0]
    kit.check_claim(first["id"], "opinion", 2, KESTREL)  # an earlier session
    sorter = kit.claim_sorter(KESTREL, claims="all")
    assert sorter.position == 1
    sorter.previous_button.click()
    assert "You answered this claim before: opinion." in sorter.card.value
    sorter.next_button.click()
    answer(sorter)
    sorter.previous_button.click()
    sorter.next_button.click()
    assert "You answered this claim before" not in sorter.card.value
    assert "You sorted this claim in this session" in sorter.card.value


def test_widget_end_screen_and_going_on_with_all_claims(answers_file, wellington):
    sorter = kit.claim_sorter(wellington, size=3)
    assert len(sorter.items) == 3 and sorter.items["label"].nunique() == 3
    answer_all(sorter)
    assert "Set done." in sorter.end.value and "Sorted 3 of 3 claims" in sorter.end.value
    assert "5 claims of the key left" in sorter.end.value and visible(sorter.more_button)
    assert sorter.scores.value == "", "the end screen holds the scores"
    done = set(sorter.items["id"])
    sorter.more_button.click()
    assert sorter.article_filter.value == "" and len(sorter.items) == 8
    assert sorter.items.iloc[sorter.position]["id"] not in done, "starts at the first claim not sorted"
    assert sorter.end.value == "" and not visible(sorter.more_button)
    assert "Sorted 3 of 8 claims" in sorter.scores.value
    while True:  # every claim before the start is answered already
        if sorter.items.iloc[sorter.position]["id"] not in done:
            answer(sorter, label="opinion", confidence=1)
        if sorter.position == len(sorter.items) - 1:
            break
        sorter.next_button.click()
    assert "You have sorted every claim of the key." in sorter.end.value and not visible(sorter.more_button)


def test_widget_on_a_key_with_only_worked_examples_for_a_label(answers_file, lisbon):
    sorter = kit.claim_sorter(lisbon, size=4)
    assert "speculation" in set(sorter.items["label"])
    assert [value for _, value in sorter.article_filter.options][:2] == ["set", ""]
    sorter.article_filter.value = "A2"
    assert set(sorter.items["article_id"]) == {"A2"} and NO_ANSWERS in sorter.scores.value
    answer(sorter, label="opinion", confidence=5)
    assert "right at first try: 0 (0%)" in sorter.scores.value


def test_widget_rejects_an_unknown_claim_set():
    with pytest.raises(ValueError, match=r"claims='some' is not a set of claims; write claims=\"set\""):
        kit.claim_sorter(claims="some")


def test_no_focus_ring_is_left_after_a_mouse_click():
    sorter = kit.claim_sorter(article="A1")
    style = sorter.children[0].value
    assert style == SORTER_CSS
    assert ".kit-claim-sorter" in style and ":focus-visible" in style, "keyboard focus still shows a ring"
    assert ".jupyter-button:focus:not(:focus-visible)" in style and "box-shadow: none" in style
