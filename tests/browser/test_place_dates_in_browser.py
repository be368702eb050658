"""The timeline widget (``kit.dates.place_dates``) in a real browser: pick an expression, type its date, Check.

A tiny invented case (a harbour strike in Wellington, March 2031) with one question of kind ``date``
is written into the lab's temporary course; a notebook there opens the widget for that question,
which selects the expression its prompt names ('on Monday' in A2.S2). By mouse, the student looks
at another expression and back, types a date a week late and checks: the key says no. By keyboard
alone (Shift+Tab to the Next and Previous buttons, Space, Enter, Tab, typing, Tab, Enter) the student
moves to another expression and back, types the right date and checks: correct. The timeline shows the date placed
among the case's events. The answer the kernel recorded is read back from a follow-up cell; every
control the focus passes shows a focus ring; neither the widget nor the output area overflows at
1280 px. tests/test_timeline_widget.py covers the same widget without a browser.
"""

from __future__ import annotations

import json

import pytest

import keyboard
from conftest import SHOTS
from keyboard import button
from test_lessons_in_browser import assert_fits, last_cell_run
from widget_notebook import feedback_has, open_widget, write_case

pytestmark = pytest.mark.browser

SCOPE = ".kit-place-dates"
FEEDBACK = ".kit-place-dates .kit-place-dates-feedback"
ARTICLES = {  # file: (outlet, date, text); files sort notice, strike -> A1, A2
    "notice.txt": ("Port Authority", "2031-03-06", "Strike notice published\n\nThe strike notice was dated "
                   "Monday, 3 March 2031, the port authority said.\n"),
    "strike.txt": ("Harbour Ledger", "2031-03-05", "Port strike enters third day\n\nWharf workers walked off the job "
                   "on Monday, the union said. Talks with the port owners are expected on Friday. Yesterday the "
                   "ferries stopped.\n"),
}
EVENTS = ("date,event,source\n2031-03-02,Union members vote for a strike in a ballot,union\n"
          "2031-03-03,Wharf workers begin a strike at the Wellington port,port\n")
QUESTION = ("id,kind,prompt,answer,options,match,tolerance,explanation,hint,defensible\n"
            "t1,date,'on Monday' in A2.S2 of the Harbour Ledger,2031-03-03,,,,A2.S2 is past tense: the Monday "
            "before Wednesday 5 March.,Count back from the publication date.,\n")


def tab_to(page, what, *, back: bool = False, limit: int = 30) -> dict:
    """Tab to a control of this widget (see keyboard.tab_to); every control passed must show a focus ring."""
    return keyboard.tab_to(page, what, SCOPE, back=back, limit=limit)


def highlighted(page, words: str) -> None:
    """Wait until the sentence shown highlights ``words``."""
    page.wait_for_function("w => { const m = document.querySelector('.kit-place-dates .kit-placing-sentence mark');"
                           " return m && m.textContent === w; }", arg=words, timeout=20_000)


def test_place_dates_by_mouse_and_keyboard(page, lab):
    case = write_case(lab["root"], "dates_harbour", ARTICLES,
                      {"context/events.csv": EVENTS, "keys/questions.csv": QUESTION})
    widget = open_widget(page, lab, "place_dates.ipynb",
                         f"import kit\nbox = kit.dates.place_dates('t1', {str(case)!r})\nbox", SCOPE)
    highlighted(page, "on Monday")  # the question's expression is selected
    text = widget.inner_text()
    assert "Harbour Ledger" in text and ".txt" not in text, "articles are shown by outlet, never by file"
    assert "published 2031-03-05" in text and "Reference date" in text
    select, date_box = widget.locator("select"), widget.locator("input[type=text]")

    # 1. by mouse: look at another expression and back, type a date a week late, Check: the key says no
    select.select_option(label="'Yesterday' — A2.S4, Harbour Ledger")
    highlighted(page, "Yesterday")
    select.select_option(label="'on Monday' — A2.S2, Harbour Ledger")
    highlighted(page, "on Monday")
    date_box.click()
    page.keyboard.type("2031-03-10")
    widget.get_by_role("button", name="Check", exact=True).click()
    feedback_has(page, FEEDBACK, "kit-incorrect")
    page.wait_for_function("() => document.querySelector('.kit-place-dates .kit-placing-timeline')"
                           "?.textContent.includes('2031-03-10')", timeout=20_000)

    # 2. by keyboard alone: Shift+Tab (past the date box) to "Next ▶", Space: the next expression; Shift+Tab
    #    (past the dropdown) to "◀ Previous", Enter: back; Tab to the date, replace it, Tab to Check, Enter.
    #    (JupyterLab's command mode takes a dropdown's arrow keys, hence the two buttons.)
    tab_to(page, button("Next ▶"), back=True)
    page.keyboard.press("Space")
    highlighted(page, "on Friday")
    tab_to(page, button("◀ Previous"), back=True)
    page.keyboard.press("Enter")
    highlighted(page, "on Monday")
    tab_to(page, lambda f: f["inside"] and f["tag"] == "INPUT")
    page.keyboard.press("Control+a")
    page.keyboard.type("2031-03-03")
    tab_to(page, button("Check"))
    page.keyboard.press("Enter")
    feedback_has(page, FEEDBACK, "kit-correct")
    strip = widget.locator(".kit-placing-timeline").inner_text()
    assert "Wharf workers begin a strike at the Wellington port" in strip and "'on Monday'" in strip

    # 3. nothing overflows at 1280 px
    assert_fits(page, ".kit-place-dates")
    widget.scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "place_dates.png"))

    # 4. the answer the kernel holds and the one recorded in the answers file
    out = last_cell_run(page, "import json; print(json.dumps([box.answer, "
                              "kit.answer_widget.last_answer('t1', 'dates_harbour')]))")
    assert json.loads(out.strip().splitlines()[-1]) == ["2031-03-03", "2031-03-03"]
