"""The key review widget without a browser (``kit.review_key``): every key, Enter, and a case mid-review.

Invented stories (a transfer in Lisbon, a port strike in Wellington) get drafted keys; the tests
replay what the browser sends on Enter (the keypress first, the typed value just after), check that
a question's card finds its sentence by its quote, review every key ``python -m kit draft`` writes,
and open the review of a case whose keys do not load yet. tests/browser/test_review_in_browser.py
drives the same widget by keyboard in JupyterLab.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

import pytest


def saved(case: Path, key: str) -> dict[str, dict[str, str]]:
    """The rows of ``keys/<key>.csv`` as they are on disk now, by id."""
    with (case / "keys" / f"{key}.csv").open(encoding="utf-8", newline="") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


# The same widget without a browser: what the browser sends, in the order it sends it.

LISBON = {"a.txt": "Striker joins Benfica\n\nBenfica signed the striker on Tuesday, the club said. "
                   "His agent said the fee was 40 million euros. Fans may expect more signings.\n",
          "b.txt": "Transfer view\n\nThe fee was 40 million euros. The club clearly overpaid.\n"}
WELLINGTON = {"a.txt": "Port strike ends\n\nDock workers in Wellington ended their strike on Monday, the union said. "
                       "Officials said ferries would run again by Friday.\n",
              "b.txt": "Strike opinion\n\nWhy did the port wait so long? The harbour board clearly failed.\n"}


def _story(tmp_path, name: str) -> Path:
    from kit.drafting import write_drafts
    from tests.helpers import make_case

    articles = {"lisbon": LISBON, "wellington": WELLINGTON}[name]
    meta = {"a.txt": {"headline": articles["a.txt"].split("\n")[0], "published": "2031-03-05", "outlet": "Wire"},
            "b.txt": {"headline": articles["b.txt"].split("\n")[0], "published": "2031-03-06", "genre": "opinion"}}
    case = make_case(tmp_path, articles, meta, name=name)
    write_drafts(case)
    return case


def _enter(widget_box) -> None:
    widget_box._handle_custom_msg({"event": "submit"}, [])  # what the browser sends on Enter


@pytest.mark.parametrize("story", ["lisbon", "wellington"])
def test_enter_saves_and_the_value_typed_before_it_joins_the_row_it_saved(tmp_path, story):
    import kit

    case = _story(tmp_path, story)
    widget = kit.review_key("claims", case)
    first, second, third = (r["id"] for r in widget.rows[:3])
    drafted = {r["id"]: r for r in widget.rows}
    _enter(widget.text)  # the keypress comes first ...
    widget.text.value = "Reviewed: the club's own account."  # ... the typed value just after
    rows = saved(case, "claims")
    assert rows[first]["rationale"] == "Reviewed: the club's own account." and rows[first]["status"] == "reviewed"
    assert rows[second] == drafted[second] and widget.text.value == drafted[second]["rationale"]
    assert second in widget.card.value
    widget.text.value = "Typed into the second row, not entered yet."  # one late value per Enter: no more
    assert saved(case, "claims")[first]["rationale"] == "Reviewed: the club's own account."
    assert saved(case, "claims")[second] == drafted[second]
    _enter(widget.text)
    widget.accept.click()  # a button press ends the window: a value after it is not the Enter's
    widget.text.value = "Typed after a button press."
    rows = saved(case, "claims")
    assert rows[second]["rationale"] == "Typed into the second row, not entered yet."
    assert rows[third]["status"] == "reviewed" and rows[third]["rationale"] == drafted[third]["rationale"]


@pytest.mark.parametrize("story", ["lisbon", "wellington"])
def test_a_question_card_shows_the_sentence_it_asks_about(tmp_path, story):
    import kit
    from kit.review import sentence_id_of

    case = _story(tmp_path, story)
    loaded = kit.load_case(case, cached=False)
    s = loaded.sentences
    second_a = s[s["file"] == "a.txt"].iloc[2]
    assert sentence_id_of(loaded, {"file": "a.txt", "quote": second_a["text"]}) == second_a["sentence_id"]
    assert sentence_id_of(loaded, {"file": "a.txt", "quote": second_a["text"][5:30]}) == second_a["sentence_id"]
    same_words = s[s["file"] == "b.txt"].iloc[-1]  # words of b.txt looked up in a.txt: not found, no wrong sentence
    assert sentence_id_of(loaded, {"file": "a.txt", "quote": same_words["text"]}) == ""
    assert sentence_id_of(loaded, {"file": "b.txt", "quote": same_words["text"][4:]}) == same_words["sentence_id"]
    shared = {"lisbon": "fee was 40 million euros", "wellington": "clearly failed"}[story]  # in one or both articles
    for file in ("a.txt", "b.txt"):
        holds = s[(s["file"] == file) & s["text"].str.contains(shared)]
        assert sentence_id_of(loaded, {"file": file, "quote": shared}) == (holds.iloc[0]["sentence_id"] if len(holds) else "")
    assert sentence_id_of(loaded, {"file": "a.txt", "quote": ""}) == ""
    assert sentence_id_of(loaded, {"sentence_id": "A2.S2", "file": "a.txt", "quote": second_a["text"]}) == "A2.S2"
    widget = kit.review_key("questions", case)
    row = widget.rows[0]
    assert row["quote"] and html.escape(row["quote"][:20]) in widget.card.value


OTHER_KEYS = ["coverage", "frames", "stance", "techniques", "sources", "annotations"]


@pytest.mark.parametrize("story", ["lisbon", "wellington"])
def test_every_drafted_key_can_be_reviewed_with_its_own_label_and_text(tmp_path, story):
    import kit
    from kit.drafting_keys import review_column
    from kit.review import FIELDS

    case = _story(tmp_path, story)
    assert set(FIELDS) >= {p.stem for p in (case / "keys").glob("*.csv")}  # every key the draft wrote
    for key in OTHER_KEYS:
        if not (case / "keys" / f"{key}.csv").is_file():
            continue
        column, allowed, field, _ = FIELDS[key]
        widget = kit.review_key(key, case)
        row = widget.rows[0]
        before = saved(case, key)
        assert row["id"] in widget.card.value and f"Proposed {column}" in widget.card.value
        widget.accept.click()
        after = saved(case, key)
        assert after[row["id"]][review_column(key)] == "reviewed", key
        assert after[row["id"]][column] == before[row["id"]][column], key  # accepting keeps the proposal
        if allowed and len(widget.rows) > 1:
            other = widget.rows[1]
            choice = next(v for v in allowed if v != other[column])
            widget.label.value, widget.text.value = choice, f"Reviewed {key}: {choice}."
            widget.save_edit.click()
            assert saved(case, key)[other["id"]][column] == choice and saved(case, key)[other["id"]][field] == f"Reviewed {key}: {choice}."
            problems = [p for p in kit.validate_case(case) if f"keys/{key}.csv" in p]
            assert ("the key now has a problem" in widget.status.value) == bool(problems), (key, problems)
            if problems:  # e.g. an omitted fact relabelled 'included' needs a quote: put the proposal back
                while f"<b>{other['id']}</b>" not in widget.card.value:
                    widget.previous_button.click()
                widget.label.value = other[column]
                widget.save_edit.click()
                assert "problem" not in widget.status.value
    kit.load_case(case, cached=False)  # every reviewed key still loads


def test_a_value_the_key_does_not_allow_is_refused_in_one_sentence():
    from kit.core.errors import KitError
    from kit.review import decide

    rows = [{"id": "F1.A1", "status": "included", "review": "draft", "note": ""}]
    assert decide(rows, "F1.A1", "accept", key="coverage")[0] == {**rows[0], "review": "reviewed"}  # status kept
    assert decide(rows, "F1.A1", "relabel", label="omitted", key="coverage")[0]["status"] == "omitted"
    with pytest.raises(KitError, match="'maybe' is not allowed in the status of coverage; use one of included"):
        decide(rows, "F1.A1", "relabel", label="maybe", key="coverage")
    notes = [{"id": "N1", "facet": "anachronism", "value": "yes", "status": "draft"}]
    with pytest.raises(KitError, match="use one of yes, no"):
        decide(notes, "N1", "relabel", label="perhaps", key="annotations")
    tags = [{"id": "N2", "facet": "evidence", "value": "stale-date", "status": "draft"}]
    assert decide(tags, "N2", "relabel", label="conflict", key="annotations")[0]["value"] == "conflict"


def test_a_case_whose_keys_do_not_load_yet_can_still_be_reviewed(tmp_path):
    import kit

    case = _story(tmp_path, "wellington")
    claims = case / "keys" / "claims.csv"
    rows = list(csv.DictReader(claims.open(encoding="utf-8", newline="")))
    rows[0]["quote"] = "words that are in no article"  # a row mid-edit: the case no longer loads
    with claims.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(kit.CaseError):
        kit.load_case(case, cached=False)
    widget = kit.review_key("claims", case)
    assert "do not load yet" in widget.status.value and f"<b>{rows[0]['id']}</b>" in widget.card.value
    widget.delete.click()  # the instructor deletes the broken row from the widget
    kit.load_case(case, cached=False)  # and the case loads again


@pytest.mark.parametrize("story", ["lisbon", "wellington"])
def test_a_draft_deleted_in_review_is_not_drafted_again(tmp_path, story):
    import kit
    from kit.drafting import rejected, write_drafts

    case = _story(tmp_path, story)
    widget = kit.review_key("claims", case)
    gone = widget.rows[0]
    widget.delete.click()
    assert gone["id"] not in saved(case, "claims")
    assert len(rejected(case / "keys", "claims")) == 1
    write_drafts(case)  # the analyses propose the same sentence again: it stays out
    again = saved(case, "claims").values()
    assert not any(r["sentence_id"] == gone["sentence_id"] and r["label"] == gone["label"] for r in again)
    kit.load_case(case, cached=False)  # keys/rejected/ is no key
    widget = kit.review_key("claims", case)
    widget.accept.click()  # a reviewed row deleted later is the instructor's own row: nothing to remember
    widget.previous_button.click()
    widget.delete.click()
    assert len(rejected(case / "keys", "claims")) == 1
