"""The verdict builder (``kit.verdict_widget.build_verdict``) in a real browser: rate, pick evidence, save.

Two tiny invented cases, each with a capstone key (a verdict question, evidence for and against), are
written into the lab's temporary course: a harbour strike in Wellington, driven by mouse, and a football
transfer in Lisbon, driven by the keyboard alone (Tab, arrows, Enter). Each time the ClaimReview panel
must say it is ready, Save must write the file and check the questions, the widget must not overflow
sideways at 1280 px, and a follow-up cell reads back the answers the kernel recorded.
tests/test_verdict_builder.py covers the same widget without a browser.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

import keyboard
from kit.verdict import VERDICT_MEANINGS
from conftest import SHOTS
from test_lessons_in_browser import assert_fits, last_cell_run, open_notebook, run_all

pytestmark = pytest.mark.browser

SCOPE = ".kit-verdict"
HEADER = "id,kind,prompt,answer,options,match,tolerance,explanation,hint,defensible\n"
SCALE = "confirmed;likely;unproven;unlikely;false"
STORIES = {
    "verdict_harbour": {
        "articles": {
            "1_ledger.txt": "Ferries stop in Wellington\n\nThe union says every crossing is cancelled. "
                            "Its secretary spoke at the gate on Monday.\n",
            "2_port.txt": "Port disputes strike figures\n\nThe port company says two crossings ran. "
                          "It gave no timetable.\n",
        },
        "outlets": {"1_ledger.txt": "Harbour Ledger", "2_port.txt": "Port News"},
        "claim": "Every ferry crossing in Wellington was cancelled on Monday", "verdict": "unlikely",
    },
    "verdict_lisbon": {
        "articles": {
            "1_bola.txt": "Striker joins Belém\n\nJoão Brandão signed for Atlético Belém on Friday, the club said. "
                          "The club says the fee was a record.\n",
            "2_diario.txt": "Transfer fee not disclosed\n\nThe selling club disclosed no fee. "
                            "Its statement named the player.\n",
        },
        "outlets": {"1_bola.txt": "Gazeta do Relvado", "2_diario.txt": "Diário da Bola"},
        "claim": "João Brandão's fee was a club record", "verdict": "likely",
    },
}
OPEN = ('import json, kit\nfrom kit.verdict_widget import build_verdict\n'
        'box = build_verdict(case={case!r}, rating_question="q5.1", evidence_questions={{"for": "q5.2", '
        '"against": "q5.3"}})\nbox')
READ_BACK = ("print(json.dumps({r.question: [r.answer, r.status] for r in kit.answers().itertuples() "
             "if r.case == %r}))")


def write_case(root: Path, name: str) -> Path:
    """Write an invented case with a capstone key into the lab's course folder."""
    story, case = STORIES[name], root / name
    (case / "articles").mkdir(parents=True)
    (case / "keys").mkdir()
    for file, text in story["articles"].items():
        (case / "articles" / file).write_text(text, encoding="utf-8")
    (case / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\n" + "".join(
        f"{file},{outlet},,news,2031-03-02,,,\n" for file, outlet in story["outlets"].items()), encoding="utf-8")
    (case / "keys" / "questions.csv").write_text(HEADER + "\n".join([
        f"q5.1,choice,Verdict on '{story['claim']}',{story['verdict']},{SCALE},,,\"It rests on A1.S2.\",\"Who?\",",
        "q5.2,sentences,Evidence for the claim,A1.S2;A1.S3,,any:1,,\"A1.S2 says so.\",\"Find it.\",",
        "q5.3,sentences,Evidence against the claim,A2.S2;A2.S3,,any:1,,\"A2.S2 says not.\",\"Find it.\","]) + "\n",
        encoding="utf-8")
    return case


def open_widget(page, lab, name: str):
    """Write the case and a notebook that opens the builder on it; run it; return the widget's locator."""
    case = write_case(lab["root"], name)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(OPEN.format(case=str(case)))]
    nbformat.write(nb, lab["root"] / f"{name}.ipynb")
    open_notebook(page, lab, f"{name}.ipynb")
    run_all(page)
    widget = page.locator(f".jp-NotebookPanel:visible {SCOPE}")
    widget.wait_for(timeout=30_000)
    return widget


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
    widget = open_widget(page, lab, "verdict_harbour")
    widget.get_by_role("button", name="unlikely", exact=True).click()
    wait_text(page, ".kit-verdict-json", '"alternateName": "unlikely"')
    wait_text(page, ".kit-verdict-scale b", "unlikely")
    search = widget.get_by_label("Find sentences")
    for query, button in (("A1.S2", "Add as supporting"), ("A2.S2", "Add as contradicting")):
        search.click()
        search.fill(query)
        search.press("Enter")
        wait_matches(page, query)
        widget.locator(".kit-verdict-matches input[type=checkbox]").first.click()
        wait_text(page, ".kit-verdict-preview", query)
        widget.get_by_role("button", name=button).click()
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
    widget = open_widget(page, lab, "verdict_lisbon")
    widget.get_by_label("Claim").focus()  # the focus enters the widget; from here on, keys only
    tab_to(page, lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == "likely")
    page.keyboard.press("Space")
    wait_text(page, ".kit-verdict-json", '"alternateName": "likely"')
    for query, button, back in (("A1.S3", "Add as supporting", False), ("A2.S2", "Add as contradicting", True)):
        tab_to(page, lambda f: f["inside"] and f["tag"] == "INPUT" and f["label"] == "Find sentences", back=back)
        page.keyboard.press("Control+a")
        page.keyboard.type(query)
        page.keyboard.press("Enter")
        wait_matches(page, query)
        tab_to(page, lambda f: f["inside"] and f["tag"] == "INPUT" and " ".join(f["label"].split()).startswith(query))
        page.keyboard.press("Space")
        wait_text(page, ".kit-verdict-preview", query)
        tab_to(page, lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == button)
        page.keyboard.press("Enter")
        wait_text(page, ".kit-verdict-picked", query)
    wait_text(page, ".kit-verdict-problems", "Ready to save")
    tab_to(page, lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == "Save ClaimReview")
    page.keyboard.press("Enter")
    wait_text(page, ".kit-verdict-feedback", "Saved your ClaimReview")
    wait_text(page, ".kit-verdict-feedback", "q5.3")
    assert_fits(page, SCOPE)
    answers = read_answers(page, "verdict_lisbon")
    assert answers == {"q5.1": ["likely", "correct"], "q5.2": [["A1.S3"], "correct"], "q5.3": [["A2.S2"], "correct"]}
