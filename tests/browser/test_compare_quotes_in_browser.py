"""The quote comparison widget (``kit.quotes.compare_widget.compare_quotes``) in a real browser: pick, say what changed, Check.

A tiny invented case (a club manager's words on a transfer fee, rendered four ways by Lisbon sports
outlets) with one question of kind ``article`` is written into the lab's temporary course; a notebook
there opens the widget for that question. By mouse, the student picks the cut rendering, says
"words dropped" and checks: the key says no. By keyboard alone (Shift+Tab, Space, Tab, Enter), the
student picks the reworded rendering, says "words replaced" and checks: correct. The answer the
kernel recorded is read back from a follow-up cell; every control the focus passes shows a focus
ring; neither the widget nor the output area overflows at 1280 px. tests/test_quote_compare.py
covers the same widget without a browser.
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

ARTICLES = {  # file: (outlet, date, text); files sort bola, norte, relvado, tejo -> A1..A4
    "bola.txt": ("Bola Diária", "2031-05-11", "Silva deal questioned\n\nFans asked whether the club paid too much. "
                 "“We did not overpay for Silva,” Ventura said on Tuesday.\n"),
    "norte.txt": ("Norte Desportivo", "2031-05-12", "Club stands by transfer\n\nRui Ventura told reporters: “We did not "
                  "overpay for Silva. The fee reflects his age and his talent.”\n"),
    "relvado.txt": ("Gazeta do Relvado", "2031-05-10", "Ventura defends Silva fee\n\nClube Atlético manager Rui Ventura "
                    "defended the transfer on Monday. “We did not overpay for Silva, the fee reflects his age and his "
                    "talent,” Ventura said.\n"),
    "tejo.txt": ("Jornal do Tejo", "2031-05-11", "Ventura on the Silva fee\n\nThe manager was asked about the fee. "
                 "Ventura said: “We did not overspend on Silva, the fee reflects his talent.”\n"),
}
QUESTION = ("id,kind,prompt,answer,options,match,tolerance,explanation,hint,defensible\n"
            "l1,article,Which outlet renders 'we did not overpay for Silva' with a word changed?,A4,,,,"
            "A4.S3 has 'overspend on' where the others have 'overpay for'.,Compare the verbs.,\n")
CUT, REWORDED = "A1.Q1", "A4.Q1"  # Bola Diária cuts the quote; Jornal do Tejo changes a word
FEEDBACK = ".kit-compare-quotes .kit-compare-feedback"


def tab_to(page, what, *, back: bool = False, limit: int = 30) -> dict:
    """Tab to a control of this widget (see keyboard.tab_to); every control passed must show a focus ring."""
    return keyboard.tab_to(page, what, ".kit-compare-quotes", back=back, limit=limit)


def picked(page, name: str, active: bool = True) -> None:
    """Wait until the button ``name`` is pressed (or, with ``active`` false, released): the kernel answers."""
    page.wait_for_function("([n, on]) => [...document.querySelectorAll('.kit-compare-quotes button')].some("
                           "b => b.textContent.trim() === n && b.classList.contains('mod-active') === on)",
                           arg=[name, active], timeout=10_000)


def pressed(widget, name: str) -> bool:
    return "mod-active" in (widget.get_by_role("button", name=name, exact=True).get_attribute("class") or "")


def test_compare_quotes_by_mouse_and_keyboard(page, lab):
    case = write_case(lab["root"], "quotes_lisbon", ARTICLES, {"keys/questions.csv": QUESTION})
    widget = open_widget(page, lab, "compare_quotes.ipynb", "import kit\nfrom kit.quotes.compare_widget import "
                         f"compare_quotes\nbox = compare_quotes('l1', {str(case)!r})\nbox", ".kit-compare-quotes")
    rows = widget.locator(".kit-compare-row")
    rows.nth(3).wait_for(timeout=10_000)
    text = widget.inner_text()
    assert "Jornal do Tejo" in text and ".txt" not in text, "articles are shown by outlet, never by file"
    assert widget.locator("del").count() >= 2 and widget.locator("ins").count() >= 1

    # 1. by mouse: pick the cut rendering, say "words dropped", Check: the key says no
    widget.get_by_role("button", name=f"Pick {CUT}", exact=True).click()
    picked(page, f"Pick {CUT}")
    widget.get_by_role("button", name="words dropped", exact=True).click()
    widget.get_by_role("button", name="Check", exact=True).click()
    feedback_has(page, FEEDBACK, "kit-incorrect")

    # 2. by keyboard alone: Shift+Tab back to the reworded rendering's Pick, Space; Tab to "words replaced",
    #    Space; Tab to Check, Enter
    tab_to(page, button(f"Pick {REWORDED}"), back=True)
    page.keyboard.press("Space")
    picked(page, f"Pick {REWORDED}")
    picked(page, f"Pick {CUT}", active=False)  # one pick at a time: the kernel releases the other; wait, do not race
    assert not pressed(widget, f"Pick {CUT}"), "one pick at a time"
    tab_to(page, button("words replaced"))
    page.keyboard.press("Space")
    tab_to(page, button("Check"))
    page.keyboard.press("Enter")
    feedback_has(page, FEEDBACK, "kit-correct")
    assert "overspend on" in widget.locator(".kit-compare-feedback").inner_text()

    # 3. nothing overflows at 1280 px
    assert_fits(page, ".kit-compare-quotes")
    widget.scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "compare_quotes.png"))

    # 4. the answer the kernel holds and the one recorded in the answers file
    out = last_cell_run(page, "import json; print(json.dumps([box.answer, "
                              "kit.answer_widget.last_answer('l1', 'quotes_lisbon')]))")
    assert json.loads(out.strip().splitlines()[-1]) == ["A4", "A4"]
