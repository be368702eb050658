"""The word-marking widget (``kit.framing.marking_widget.mark_words``) in a real browser, by mouse and by keyboard.

A tiny invented case (a harbour strike in Wellington and a football transfer in Lisbon, with one
question of kind ``text``) is written into the lab's temporary course; a notebook there opens the
widget twice. By mouse, in the demo: pick a category, click two words, compare with the lexicon.
By keyboard alone, in the question's widget: Tab to a word, Space marks it, Tab to "Check my
answer", Enter. The answer the kernel recorded is read back from a follow-up cell; every control
the focus passes shows a focus ring; nothing overflows at 1280 px. tests/test_framing_marking.py
covers the same widget without a browser.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

import keyboard
from conftest import SHOTS
from test_lessons_in_browser import last_cell_run, open_notebook, run_all

pytestmark = pytest.mark.browser

ARTICLES = {
    "01_wellington.txt": "Port strike enters second day\n\nWharf workers reportedly stayed out on Tuesday. Its chair, "
                         "Aroha Ngata, insisted the talks would resume.\n\nFerries left Wellington on time.\n",
    "02_lisbon.txt": "Striker joins Belém\n\nCritics claimed the price was a hoax, and the coach boasted about his new "
                     "striker.\n\nThe club may still lose money.\n",
}
QUESTIONS = ("id,kind,prompt,answer,options,match,tolerance,explanation,hint,defensible,file,quote,facet\n"
             "q1.1,text,The reporting verb in A1.S3 that carries the writer's judgement,insisted,,,,"
             "In A1.S3 'insisted' says the chair pressed the point.,Which verb says more than that she spoke?,,"
             "01_wellington.txt,insisted the talks would resume,\n")
NO_OVERFLOW = "el => el.scrollWidth <= el.clientWidth + 1"
WIDER = ("el => { const r = el.getBoundingClientRect().right; return [...el.querySelectorAll('*')]"
         ".filter(e => e.getBoundingClientRect().right > r + 1).slice(0, 5)"
         ".map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right - r)}px`); }")


def story_case(root: Path) -> Path:
    """Write the invented case into the lab's course folder."""
    case = root / "marking_story"
    (case / "articles").mkdir(parents=True)
    (case / "keys").mkdir()
    for name, text in ARTICLES.items():
        (case / "articles" / name).write_text(text, encoding="utf-8")
    (case / "metadata.csv").write_text(
        "file,outlet,author,genre,published,headline,url,notes\n"
        "01_wellington.txt,Harbour Ledger,,news,2031-03-02,Port strike enters second day,,\n"
        "02_lisbon.txt,Gazeta do Relvado,,news,2031-07-05,Striker joins Belém,,\n", encoding="utf-8")
    (case / "keys" / "questions.csv").write_text(QUESTIONS, encoding="utf-8")
    return case


def tab_to(page, what, *, limit: int = 40) -> dict:
    """Tab to a control of this widget (see keyboard.tab_to); every control passed must show a focus ring."""
    return keyboard.tab_to(page, what, ".kit-marking", limit=limit)


def test_mark_words_by_mouse_and_keyboard(page, lab):
    case = story_case(lab["root"])
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell(f"from kit.framing.marking_widget import mark_words\n"
                                  f"demo = mark_words(None, {str(case)!r}, sentence='A2.S2')\ndemo"),
        nbformat.v4.new_code_cell(f"qbox = mark_words('q1.1', {str(case)!r})\nqbox"),
    ]
    nbformat.write(nb, lab["root"] / "marking.ipynb")
    open_notebook(page, lab, "marking.ipynb")
    run_all(page)
    widgets = page.locator(".jp-NotebookPanel:visible .kit-marking")
    widgets.nth(1).wait_for(timeout=30_000)
    demo, question = widgets.nth(0), widgets.nth(1)

    # 1. by mouse, in the demo: an evaluative verb and a loaded word, then compare
    demo.get_by_role("button", name="▲ evaluative verb").click()
    demo.get_by_role("button", name="claimed", exact=True).click()
    demo.get_by_role("button", name="◆ loaded word").click()
    demo.get_by_role("button", name="hoax", exact=True).click()
    demo.get_by_role("button", name="◆ hoax", exact=True).wait_for(timeout=10_000)  # a symbol, not only a colour
    assert "kit-mark-loaded" in demo.get_by_role("button", name="◆ hoax").get_attribute("class")
    demo.get_by_role("button", name="Compare with the lexicon").click()
    page.wait_for_function("() => { const f = document.querySelector('.kit-marking .kit-marking-feedback');"
                           " return f && f.textContent.includes('Agreed') && f.textContent.includes('boasted'); }",
                           timeout=10_000)

    # 2. by keyboard alone, in the question's widget: Tab to the word, Space, Tab to Check, Enter
    assert " · A1.S3 · " in question.locator("select").input_value()
    question.locator("select").focus()
    tab_to(page, lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == "insisted")
    page.keyboard.press("Space")
    question.get_by_role("button", name="▲ insisted", exact=True).wait_for(timeout=10_000)
    tab_to(page, lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == "Check my answer")
    page.keyboard.press("Enter")
    question.locator(".kit-feedback.kit-correct").wait_for(timeout=10_000)

    for box in (demo, question):
        assert box.evaluate(NO_OVERFLOW), f"the widget overflows horizontally: {box.evaluate(WIDER)}"
    for area in page.locator(".jp-NotebookPanel:visible .jp-OutputArea").all():
        assert area.evaluate(NO_OVERFLOW), "an output area overflows horizontally"
    demo.scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "mark_words.png"))

    # 3. what the kernel recorded
    out = last_cell_run(page, "from kit.answer_widget import last_answer; "
                              "print(last_answer('q1.1', 'marking_story'), '|', qbox.answer, '|', demo.answer)")
    assert out.strip().splitlines()[-1] == "insisted | insisted | claimed hoax"
