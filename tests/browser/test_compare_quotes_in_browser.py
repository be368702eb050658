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
from pathlib import Path

import nbformat
import pytest

import keyboard
from conftest import SHOTS
from test_lessons_in_browser import assert_fits, last_cell_run, open_notebook, run_all

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


def lisbon_case(root: Path) -> Path:
    """Write the invented Lisbon case, with its question, into the lab's course folder."""
    case = root / "quotes_lisbon"
    (case / "articles").mkdir(parents=True)
    (case / "keys").mkdir()
    rows = ["file,outlet,author,genre,published,headline,url,notes"]
    for file, (outlet, day, text) in ARTICLES.items():
        (case / "articles" / file).write_text(text, encoding="utf-8")
        rows.append(f"{file},{outlet},,news,{day},{text.splitlines()[0]},,")
    (case / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (case / "keys" / "questions.csv").write_text(QUESTION, encoding="utf-8")
    return case


def tab_to(page, what, *, back: bool = False, limit: int = 30) -> dict:
    """Tab to a control of this widget (see keyboard.tab_to); every control passed must show a focus ring."""
    return keyboard.tab_to(page, what, ".kit-compare-quotes", back=back, limit=limit)


def button(text: str):
    return lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == text


def feedback_has(page, css_class: str) -> None:
    page.wait_for_function("c => { const f = document.querySelector('.kit-compare-quotes .kit-compare-feedback');"
                           " return f && f.querySelector('.' + c); }", arg=css_class, timeout=20_000)


def pressed(widget, name: str) -> bool:
    return "mod-active" in (widget.get_by_role("button", name=name, exact=True).get_attribute("class") or "")


def test_compare_quotes_by_mouse_and_keyboard(page, lab):
    case = lisbon_case(lab["root"])
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import kit\nfrom kit.quotes.compare_widget import compare_quotes\n"
                                          f"box = compare_quotes('l1', {str(case)!r})\nbox")]
    nbformat.write(nb, lab["root"] / "compare_quotes.ipynb")
    open_notebook(page, lab, "compare_quotes.ipynb")
    run_all(page)
    widget = page.locator(".jp-NotebookPanel:visible .kit-compare-quotes")
    widget.wait_for(timeout=30_000)
    rows = widget.locator(".kit-compare-row")
    rows.nth(3).wait_for(timeout=10_000)
    text = widget.inner_text()
    assert "Jornal do Tejo" in text and ".txt" not in text, "articles are shown by outlet, never by file"
    assert widget.locator("del").count() >= 2 and widget.locator("ins").count() >= 1

    # 1. by mouse: pick the cut rendering, say "words dropped", Check: the key says no
    widget.get_by_role("button", name=f"Pick {CUT}", exact=True).click()
    page.wait_for_function("n => [...document.querySelectorAll('.kit-compare-quotes button')].some("
                           "b => b.textContent.trim() === n && b.classList.contains('mod-active'))",
                           arg=f"Pick {CUT}", timeout=10_000)
    widget.get_by_role("button", name="words dropped", exact=True).click()
    widget.get_by_role("button", name="Check", exact=True).click()
    feedback_has(page, "kit-incorrect")

    # 2. by keyboard alone: Shift+Tab back to the reworded rendering's Pick, Space; Tab to "words replaced",
    #    Space; Tab to Check, Enter
    tab_to(page, button(f"Pick {REWORDED}"), back=True)
    page.keyboard.press("Space")
    page.wait_for_function("n => [...document.querySelectorAll('.kit-compare-quotes button')].some("
                           "b => b.textContent.trim() === n && b.classList.contains('mod-active'))",
                           arg=f"Pick {REWORDED}", timeout=10_000)
    page.wait_for_function("n => [...document.querySelectorAll('.kit-compare-quotes button')].some("  # one pick at a
                           "b => b.textContent.trim() === n && !b.classList.contains('mod-active'))",  # time: the kernel
                           arg=f"Pick {CUT}", timeout=10_000)  # releases the other pick, so wait for it, do not race it
    assert not pressed(widget, f"Pick {CUT}"), "one pick at a time"
    tab_to(page, button("words replaced"))
    page.keyboard.press("Space")
    tab_to(page, button("Check"))
    page.keyboard.press("Enter")
    feedback_has(page, "kit-correct")
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
