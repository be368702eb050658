"""kit.ask in a real browser: a choice picked by mouse, sentences and a date answered by keyboard alone.

The invented Wellington case of tests/test_ask.py (with its questions key) is written into the
lab's temporary course; a notebook there asks three questions. The student clicks a choice and
Check; then, by keyboard only, presses two sentences (each is a button: Tab to it, Space) and
checks them, and types a date and checks it (the focus is put in each widget's first
control; from there only keys are pressed). The answers file the kernel wrote is read
back; every control the focus passes shows a ring of 2px or more; nothing overflows 1280 px.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest

import keyboard
from conftest import SHOTS
from test_lessons_in_browser import assert_fits, open_notebook, run_all

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_ask import story  # noqa: E402  (the invented case, written once for the unit and the browser tests)

pytestmark = pytest.mark.browser
SCOPE = ".kit-ask"


def tab_to(page, what, *, back: bool = False) -> dict:
    return keyboard.tab_to(page, what, SCOPE, back=back)


def feedback_says(page, index: int, text: str) -> None:
    page.wait_for_function(
        "([i, t]) => { const b = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .kit-ask')[i];"
        " return b && b.textContent.includes(t); }", arg=[index, text], timeout=15_000)


def test_ask_by_mouse_and_by_keyboard(page, lab):
    case = story(lab["root"], "harbour")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(f"import kit\ncase = kit.load_case({str(case.path)!r})"),
                nbformat.v4.new_code_cell('kit.ask("q1.1", case=case)'),
                nbformat.v4.new_code_cell('kit.ask("q1.2", case=case)'),
                nbformat.v4.new_code_cell('kit.ask("q1.3", case=case)')]
    nbformat.write(nb, lab["root"] / "ask.ipynb")
    open_notebook(page, lab, "ask.ipynb")
    run_all(page)
    boxes = page.locator(".jp-NotebookPanel:visible .kit-ask")
    boxes.nth(2).wait_for(timeout=30_000)

    # 1. by mouse: a wrong choice, then the right one
    choice = boxes.nth(0)
    choice.get_by_role("button", name="opinion", exact=True).click()
    choice.get_by_role("button", name="Check").click()
    feedback_says(page, 0, "Not yet right")
    choice.get_by_role("button", name="prediction", exact=True).click()
    choice.get_by_role("button", name="Check").click()
    feedback_says(page, 0, "Correct")

    # 2. by keyboard: the sentences of A2 (the article the prompt names) are buttons: Tab, Space, Tab, Space, Check
    sentences = boxes.nth(1)
    sentences.locator("button.kit-option").first.focus()
    tab_to(page, lambda f: f["inside"] and f["text"].startswith("A2.S2"))
    page.keyboard.press("Space")
    tab_to(page, lambda f: f["inside"] and f["text"].startswith("A2.S3"))
    page.keyboard.press("Space")
    page.wait_for_function("() => document.body.textContent.includes('Your answer:')", timeout=10_000)
    tab_to(page, lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == "Check")
    page.keyboard.press("Enter")
    feedback_says(page, 1, "Correct")

    # 3. by keyboard: type a date, Tab to Check, Enter
    boxes.nth(2).locator("input").first.focus()
    page.keyboard.type("2031-03-04")
    tab_to(page, lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == "Check")
    page.keyboard.press("Enter")
    feedback_says(page, 2, "Correct")

    # nothing overflows at 1280 px
    assert_fits(page, ".kit-ask")
    boxes.nth(1).scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "ask.png"))

    attempts = json.loads(Path(lab["answers"]).read_text(encoding="utf-8"))["attempts"]
    mine = [(a["question"], a["answer"], a["status"]) for a in attempts if a["case"] == "harbour"]
    assert mine == [("q1.1", "opinion", "incorrect"), ("q1.1", "prediction", "correct"),
                    ("q1.2", ["A2.S2", "A2.S3"], "correct"), ("q1.3", "2031-03-04", "correct")]
