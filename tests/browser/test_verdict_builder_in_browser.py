"""The verdict builder (``kit.verdict_widget.build_verdict``) in a real browser: rate, pick evidence, save.

The two invented stories of tests/test_verdict_builder.py (imported from there, so the unit and the browser
tests share one story each), each a tiny case with a capstone key (a verdict question, evidence for and
against), are written into the lab's temporary course: a harbour strike in Wellington, driven by mouse, and a
football transfer in Lisbon, driven by the keyboard alone (Tab, arrows, Enter). Each time the ClaimReview panel
must say it is ready, Save must write the file and check the questions, the widget must not overflow
sideways at 1280 px, and a follow-up cell reads back the answers the kernel recorded.
tests/test_verdict_builder.py covers the same widget without a browser.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

import keyboard
from conftest import SHOTS
from keyboard import button
from test_lessons_in_browser import assert_fits, last_cell_run
from widget_notebook import open_widget, write_case

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# the invented stories and their capstone key (q5.1 verdict, q5.2/q5.3 evidence), written once for both suites
from test_verdict_builder import STORIES  # noqa: E402
from test_verdict_builder import capstone_key  # noqa: E402

pytestmark = pytest.mark.browser

SCOPE = ".kit-verdict"
CASES = {"verdict_harbour": "wellington", "verdict_lisbon": "lisbon"}  # the lab's case folder: its story in STORIES
OPEN = ('import json, kit\nfrom kit.verdict_widget import build_verdict\n'
        'box = build_verdict(case={case!r}, rating_question="q5.1", evidence_questions={{"for": "q5.2", '
        '"against": "q5.3"}})\nbox')
READ_BACK = ("print(json.dumps({r.question: [r.answer, r.status] for r in kit.answers().itertuples() "
             "if r.case == %r}))")


def open_builder(page, lab, name: str):
    """Write the case ``name`` (its story from STORIES), open the builder on it in a notebook; return the widget."""
    facts = STORIES[CASES[name]]
    articles = {file: (facts["outlets"][file], "2031-03-02", text) for file, text in facts["articles"].items()}
    case = write_case(lab["root"], name, articles, {"keys/questions.csv": capstone_key(facts)}, headlines=False)
    return open_widget(page, lab, f"{name}.ipynb", OPEN.format(case=str(case)), SCOPE)


def wait_text(page, selector: str, text: str) -> None:
    """Wait until the element ``selector`` inside the widget contains ``text``."""
    page.wait_for_function("([s, t]) => { const e = document.querySelector(s); return e && e.textContent.includes(t); }",
                           arg=[f".jp-NotebookPanel:not(.lm-mod-hidden) {SCOPE} {selector}", text], timeout=15_000)


def wait_matches(page, query: str) -> None:
    """Wait until the list of matches holds just one tick box, for the sentence ``query``."""
    matches = page.locator(f".jp-NotebookPanel:visible {SCOPE} .kit-verdict-matches")
    expect(matches.locator("input[type=checkbox]")).to_have_count(1, timeout=15_000)
    expect(matches).to_contain_text(f"{query} ·", timeout=15_000)


def read_answers(page, name: str) -> dict:
    out = last_cell_run(page, READ_BACK % name)
    return json.loads(out.strip().splitlines()[-1])


def test_verdict_builder_by_mouse(page, lab):
    widget = open_builder(page, lab, "verdict_harbour")
    widget.get_by_role("button", name="unlikely", exact=True).click()
    wait_text(page, ".kit-verdict-json", '"alternateName": "unlikely"')
    wait_text(page, ".kit-verdict-scale b", "unlikely")
    search = widget.get_by_label("Find sentences")
    for query, add in (("A1.S2", "Add as supporting"), ("A2.S2", "Add as contradicting")):
        search.click()
        search.fill(query)
        search.press("Enter")
        wait_matches(page, query)
        widget.locator(".kit-verdict-matches input[type=checkbox]").first.click()
        wait_text(page, ".kit-verdict-preview", query)
        widget.get_by_role("button", name=add).click()
        wait_text(page, ".kit-verdict-picked", query)
    wait_text(page, ".kit-verdict-problems", "Ready to save")
    widget.get_by_role("button", name="Save ClaimReview").click()
    wait_text(page, ".kit-verdict-feedback", "Saved your ClaimReview")
    wait_text(page, ".kit-verdict-feedback", "q5.3")
    assert_fits(page, SCOPE)
    widget.scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "verdict_builder.png"))
    answers = read_answers(page, "verdict_harbour")
    assert answers == {"q5.1": ["unlikely", "correct"], "q5.2": [["A1.S2"], "correct"],
                       "q5.3": [["A2.S2"], "correct"]}
    saved = json.loads((lab["root"] / "claimreview_verdict_harbour.json").read_text(encoding="utf-8"))
    assert saved["reviewRating"]["alternateName"] == "unlikely"


def tab_to(page, what, *, back: bool = False) -> dict:
    """Tab to a control of the builder; every control passed shows a focus ring (keyboard.tab_to)."""
    return keyboard.tab_to(page, what, SCOPE, back=back, limit=30)


def test_verdict_builder_by_keyboard_alone(page, lab):
    widget = open_builder(page, lab, "verdict_lisbon")
    widget.get_by_label("Claim").focus()  # the focus enters the widget; from here on, keys only
    tab_to(page, button("likely"))
    page.keyboard.press("Space")
    wait_text(page, ".kit-verdict-json", '"alternateName": "likely"')
    for query, add, back in (("A1.S3", "Add as supporting", False), ("A2.S2", "Add as contradicting", True)):
        tab_to(page, lambda f: f["inside"] and f["tag"] == "INPUT" and f["label"] == "Find sentences", back=back)
        page.keyboard.press("Control+a")
        page.keyboard.type(query)
        page.keyboard.press("Enter")
        wait_matches(page, query)
        tab_to(page, lambda f: f["inside"] and f["tag"] == "INPUT" and " ".join(f["label"].split()).startswith(query))
        page.keyboard.press("Space")
        wait_text(page, ".kit-verdict-preview", query)
        tab_to(page, button(add))
        page.keyboard.press("Enter")
        wait_text(page, ".kit-verdict-picked", query)
    wait_text(page, ".kit-verdict-problems", "Ready to save")
    tab_to(page, button("Save ClaimReview"))
    page.keyboard.press("Enter")
    wait_text(page, ".kit-verdict-feedback", "Saved your ClaimReview")
    wait_text(page, ".kit-verdict-feedback", "q5.3")
    assert_fits(page, SCOPE)
    answers = read_answers(page, "verdict_lisbon")
    assert answers == {"q5.1": ["likely", "correct"], "q5.2": [["A1.S3"], "correct"], "q5.3": [["A2.S2"], "correct"]}
