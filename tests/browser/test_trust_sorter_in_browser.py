"""The trust sorter and the transfer test (``kit.trust.sorter_widget``) in a real browser, by mouse and by keyboard.

A tiny invented bank (a harbour strike in Wellington, a football transfer in Lisbon) is written
into the lab's temporary course and handed to the widgets with ``bank=``. In the sorter the
student judges the first item with the mouse (confidence, "Don't trust it", a reason, Check),
moves on, and judges the second with the keyboard alone (Tab to each control, Enter); every
control the focus passes shows a 2px ring, and neither the widget nor its output area scrolls
sideways at 1280 px. In the transfer test (exam mode) an answer given by keyboard says only
"Recorded.". The answers the kernel recorded are read back from a follow-up cell.
tests/test_trust_sorter.py covers the same widgets without a browser.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import keyboard
from conftest import SHOTS
from test_lessons_in_browser import assert_fits, last_cell_run
from widget_notebook import open_widget

pytestmark = pytest.mark.browser

HEADER = ["id", "set", "format", "topic", "source", "text", "trust", "reasons", "difficulty", "explanation"]
ROWS = [
    ["bw1", "sorter", "post", "harbour strike", "@PortWatchNZ, posted Tuesday 4 March 2031",
     "SHOCKING!!! The greedy union is DESTROYING our city & nobody will stop them!", "no", "emotional_language", "1",
     "Capitals and 'destroying' do the work; nothing is shown about the strike itself."],
    ["bw2", "sorter", "quote", "harbour strike", "Harbour Daily, 4 March 2031, by Mere Tane",
     "\"This is a disgrace,\" union secretary Ana Liu said at the gate on Tuesday. " * 3, "yes",
     "attributed;known_source", "2", "The loud word is Liu's, quoted and named; the paper only reports what she said."],
    ["bl1", "sorter", "headline", "football transfer", "sportwire.example, 9 June 2030",
     "Transfer fixed on Sunday 7 June, sources reveal", "no", "date_conflict;no_source", "3",
     "7 June 2030 is a Friday, not a Sunday, and 'sources' are not named."],
] + [
    [f"b{form[-1]}{n}", form, "headline", topic, "Harbour Daily, 5 March 2031", text, "yes", "known_source", "1",
     "A named paper reports what a named company confirmed."]
    for form in ("form_a", "form_b", "form_c")
    for n, (topic, text) in enumerate([("harbour strike", "Ferries run again after Wednesday's talks"),
                                       ("football transfer", "Club confirms the striker's medical on Thursday")], 1)
]
SCOPE = ".jp-NotebookPanel:visible .kit-trust-sorter"


def write_bank(root: Path) -> Path:
    """Write the invented bank into the lab's course folder and return its items.csv."""
    path = root / "trust_bank" / "items.csv"
    path.parent.mkdir(exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    return path


def wait_feedback(page, root: str, status: str, count: int) -> None:
    """Wait until the widget shows ``count`` feedback boxes of a status (after a Check)."""
    page.wait_for_function(
        "([root, status, n]) => { const b = [...document.querySelectorAll(root)].find(e => e.offsetParent !== null);"
        " return b && b.querySelectorAll(`.kit-feedback.kit-${status}`).length >= n"
        " && b.querySelector('.kit-trust-card') !== null; }",
        arg=[root, status, count], timeout=10_000)


def by_keyboard(page, scope: str, steps) -> None:
    """Tab to each control named in ``steps`` (a button's text) and press Enter on it."""
    for text in steps:
        keyboard.tab_to(page, lambda f, t=text: f["inside"] and f["tag"] == "BUTTON" and f["text"] == t, scope)
        page.keyboard.press("Enter")


def test_trust_sorter_by_mouse_and_keyboard(page, lab):
    bank = write_bank(lab["root"])
    box = open_widget(page, lab, "trust_sorter.ipynb",
                      f"from kit.trust.sorter_widget import trust_sorter\nbox = trust_sorter('sorter', bank={str(bank)!r})\nbox",
                      ".kit-trust-sorter")
    box.scroll_into_view_if_needed()
    assert "Item 1 of 3 · Post · harbour strike" in box.locator(".kit-trust-card").inner_text()

    # 1. the mouse: how sure, don't trust, the reason, Check
    box.locator(".widget-toggle-buttons").first.locator("button", has_text="4").click()
    box.get_by_role("button", name="Don't trust it", exact=True).click()
    box.get_by_role("button", name="Emotional language", exact=True).click()
    box.get_by_role("button", name="Check", exact=True).click()
    wait_feedback(page, ".kit-trust-sorter", "correct", 1)
    assert "Capitals" in box.locator(".kit-feedback").inner_text()
    box.get_by_role("button", name="Next →").click()
    page.wait_for_function("() => document.querySelector('.kit-trust-sorter .kit-trust-card').textContent.includes('Item 2 of 3')",
                           timeout=10_000)

    # 2. the keyboard alone: from Next (just pressed), Tab back up to the confidence, then down through the steps
    keyboard.tab_to(page, lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == "2", ".kit-trust-sorter", back=True)
    page.keyboard.press("Enter")
    by_keyboard(page, ".kit-trust-sorter", ["Trust it"])
    page.wait_for_function("() => [...document.querySelectorAll('.kit-trust-sorter button')]"
                           ".some(b => b.textContent.trim() === 'Fairly attributed')", timeout=10_000)
    by_keyboard(page, ".kit-trust-sorter", ["Fairly attributed", "Check"])
    wait_feedback(page, ".kit-trust-sorter", "correct", 1)
    page.wait_for_function("() => document.querySelector('.kit-trust-sorter').textContent.includes('2 of 3 judged')",
                           timeout=10_000)
    assert "The loud word is Liu's" in box.locator(".kit-feedback").inner_text()
    assert_fits(page, ".kit-trust-sorter")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "trust_sorter.png"))

    # 3. what the kernel recorded
    out = last_cell_run(page, "import json; from kit.core.store import load_attempts; print(json.dumps("
                              "[[a['question'], a['answer'], a['status']] for a in load_attempts() if a['case'] == 'trust']))")
    recorded = [a for a in json.loads(out.strip().splitlines()[-1]) if a[0] in ("trust.bw1", "trust.bw2")]
    assert recorded == [
        ["trust.bw1", {"trust": "no", "confidence": 4, "reason": "emotional_language"}, "correct"],
        ["trust.bw2", {"trust": "yes", "confidence": 2, "reason": "attributed"}, "correct"],
    ]


def test_trust_test_by_keyboard_says_only_recorded(page, lab):
    bank = write_bank(lab["root"])
    box = open_widget(page, lab, "trust_test.ipynb",
                      "import os; os.environ.pop('KIT_FEEDBACK_RELEASED', None)\n"
                      f"from kit.trust.sorter_widget import trust_test\nbox = trust_test('pre', bank={str(bank)!r})\nbox",
                      ".kit-trust-test")
    box.scroll_into_view_if_needed()
    assert "0 of 2 answered." in box.inner_text()
    box.locator(".widget-toggle-buttons").first.locator("button").first.focus()
    by_keyboard(page, ".kit-trust-test", ["5", "Trust it"])
    page.wait_for_function("() => [...document.querySelectorAll('.kit-trust-test button')]"
                           ".some(b => b.textContent.trim() === 'Known source you can check')", timeout=10_000)
    by_keyboard(page, ".kit-trust-test", ["Known source you can check", "Check"])
    wait_feedback(page, ".kit-trust-test", "recorded", 1)
    page.wait_for_function("() => [...document.querySelectorAll('.kit-trust-test')].some("
                           "b => b.offsetParent !== null && b.innerText.includes('1 of 2 answered.'))", timeout=10_000)
    text = box.inner_text()
    assert "Recorded." in text and "1 of 2 answered." in text
    for leak in ("deserves trust", "named paper", "Right.", "judged"):
        assert leak not in text
    assert_fits(page, ".kit-trust-test")
    out = last_cell_run(page, "from kit.core.store import load_attempts; print(box.form, [a['status'] for a in "
                              "load_attempts() if a['question'].startswith('q90.b')])")
    form, statuses = out.strip().splitlines()[-1].split(" ", 1)
    assert form in ("form_a", "form_b", "form_c") and statuses == "['recorded']"
