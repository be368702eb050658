"""The instructor's key review (``kit.review_key``) in a real browser, driven by the keyboard alone.

A copy of the invented case ``kestrel`` in the lab's temporary course gets freshly drafted keys
(``python -m kit draft``; never under ``cases/``); a notebook there opens the review of one key.
From the notebook in command mode, Tab, Shift+Tab, Enter, Space and typing (never the mouse on
the widget) accept a row, relabel one, rewrite one rationale (Enter in the text box saves it)
and delete one; the questions key likewise (Enter in the answer box saves it). Each decision
is read back from the key file on disk, and every control of the widget the focus passes must
show a focus ring of 2px or more. tests/test_review.py replays, without a browser, what the
browser sends on Enter, and reviews every other key.
"""

from __future__ import annotations

import csv
import html
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

import keyboard
from conftest import ROOT, SHOTS
from test_lessons_in_browser import open_notebook, run_all

pytestmark = pytest.mark.browser

KESTREL = ROOT / "cases" / "kestrel"
NEW_RATIONALE = "Reviewed by keyboard: the source's own account, passed on with a neutral verb."
NEW_EXPLANATION = "Reviewed by keyboard: the sentence says who said it, so the label is attributed_statement."


def drafted_case(root: Path, name: str) -> Path:
    """A copy of kestrel without its reviewed keys, drafted afresh in the lab's temporary course."""
    case = shutil.copytree(KESTREL, root / name, ignore=lambda folder, names: ["keys"] if Path(folder) == KESTREL else [])
    out = subprocess.run([sys.executable, "-m", "kit", "draft", str(case)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return case


def saved(case: Path, key: str) -> dict[str, dict[str, str]]:
    """The rows of ``keys/<key>.csv`` as they are on disk now, by id."""
    with (case / "keys" / f"{key}.csv").open(encoding="utf-8", newline="") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def open_review(page, lab, key: str, case: Path):
    """Write a notebook that reviews ``key`` of ``case``, run it, and leave the notebook in command mode."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(f"import kit\nkit.review_key({key!r}, {str(case)!r})")]
    nbformat.write(nb, lab["root"] / f"review_{key}.ipynb")
    open_notebook(page, lab, f"review_{key}.ipynb")
    run_all(page)
    page.wait_for_selector(".jp-NotebookPanel:visible .kit-review", timeout=30_000)
    page.keyboard.press("Escape")  # from here on, only the keyboard
    return page.locator(".jp-NotebookPanel:visible .kit-review")


def focused(page) -> dict:
    """What has the keyboard focus (see keyboard.focused), judged inside this widget."""
    return keyboard.focused(page, ".kit-review")


def tab_to(page, what, *, back: bool = False, limit: int = 30) -> dict:
    """Tab to a control of this widget (see keyboard.tab_to); every control passed must show a focus ring."""
    return keyboard.tab_to(page, what, ".kit-review", back=back, limit=limit)


def button(name: str):
    return lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == name


def label_button(name: str = ""):
    return lambda f: (f["inside"] and f["tag"] == "BUTTON" and "widget-toggle-button" in f["classes"]
                      and f["text"] == (name or f["text"]))


def text_box(label: str):
    return lambda f: f["inside"] and f["tag"] == "INPUT" and f["label"] == label


def retype(page, text: str) -> None:
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)


def on_disk(case: Path, key: str, row_id: str, field: str, value: str, seconds: float = 5.0) -> dict[str, str]:
    """The row once ``keys/<key>.csv`` holds ``value`` in ``field`` (an Enter may save twice: see kit.review)."""
    deadline = time.monotonic() + seconds
    while True:
        row = saved(case, key).get(row_id, {})
        if row.get(field) == value or time.monotonic() > deadline:
            return row
        time.sleep(0.1)


def status_says(page, words: str) -> None:
    page.wait_for_function(
        "w => { const s = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .kit-review .kit-review-status');"
        " return s && s.textContent.includes(w); }", arg=words, timeout=10_000)


def test_review_claims_by_keyboard_alone(page, lab):
    case = drafted_case(lab["root"], "review_claims_case")
    before, questions = saved(case, "claims"), saved(case, "questions")
    files = sorted(p.name for p in (case / "keys").iterdir())
    first, second, third, fourth = list(before)[:4]
    assert all(before[i]["status"] == "draft" for i in (first, second, third, fourth))
    box = open_review(page, lab, "claims", case)

    # 1. accept the first row as drafted: Tab from the notebook into the widget, on to "Accept as is", Enter
    tab_to(page, label_button())
    tab_to(page, button("Accept as is"))
    page.keyboard.press("Enter")
    status_says(page, f"{first}: saved.")
    assert saved(case, "claims")[first]["status"] == "reviewed"
    assert saved(case, "claims")[first]["label"] == before[first]["label"]

    # 2. relabel the second: Shift+Tab back to another label's button, Enter; Tab to "Save label and text", Space
    new = next(x for x in ("opinion", "speculation") if x != before[second]["label"])
    tab_to(page, label_button(new), back=True)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('mod-active')", timeout=5_000)
    tab_to(page, button("Save label and text"))
    page.keyboard.press("Space")
    status_says(page, f"{second}: saved.")
    row = saved(case, "claims")[second]
    assert row["label"] == new and row["status"] == "reviewed" and row["rationale"] == before[second]["rationale"]
    following = [q for q in questions.values() if q["facet"] == "label" and q["quote"] == before[second]["quote"]]
    assert all(saved(case, "questions")[q["id"]]["answer"] == new for q in following), "its label question did not follow"

    # 3. rewrite the third row's rationale: Shift+Tab to the text box, select all, type, Enter saves
    tab_to(page, text_box("Rationale"), back=True)
    retype(page, NEW_RATIONALE)
    page.keyboard.press("Enter")
    status_says(page, f"{third}: saved.")
    row = on_disk(case, "claims", third, "rationale", NEW_RATIONALE)
    assert row["rationale"] == NEW_RATIONALE and row["status"] == "reviewed" and row["label"] == before[third]["label"]

    # 4. delete the fourth: Tab to "Delete row", Enter
    tab_to(page, button("Delete row"))
    page.keyboard.press("Enter")
    status_says(page, f"{fourth}: deleted.")
    after = saved(case, "claims")
    assert fourth not in after and len(after) == len(before) - 1
    assert [r["status"] for r in after.values()].count("reviewed") == 3
    assert all(after[i] == before[i] for i in list(before)[4:]), "a row the reviewer did not touch changed"
    assert sorted(p.name for p in (case / "keys").iterdir()) == sorted([*files, "rejected"]), "a temporary file was left behind"
    assert [p.name for p in (case / "keys" / "rejected").iterdir()] == ["claims.csv"]  # the deleted draft stays out
    assert list(before)[4] in box.inner_text(), "the widget did not move on to the next draft"
    assert focused(page)["text"] == "Delete row", "the focus left the button after the decision"

    box.scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "review_key_claims_keyboard.png"))


def test_review_questions_by_keyboard_alone(page, lab):
    case = drafted_case(lab["root"], "review_questions_case")
    before = saved(case, "questions")
    first, second, third = list(before)[:3]
    box = open_review(page, lab, "questions", case)

    # accept the first: Tab to "Accept as is", Space
    tab_to(page, button("Accept as is"))
    page.keyboard.press("Space")
    status_says(page, f"{first}: saved.")
    assert saved(case, "questions")[first]["status"] == "reviewed"

    # rewrite the second's explanation: Shift+Tab to it, type, Enter
    tab_to(page, text_box("Explanation"), back=True)
    retype(page, NEW_EXPLANATION)
    page.keyboard.press("Enter")
    status_says(page, f"{second}: saved.")
    row = on_disk(case, "questions", second, "explanation", NEW_EXPLANATION)
    assert row["explanation"] == NEW_EXPLANATION and row["status"] == "reviewed" and row["answer"] == before[second]["answer"]

    # change the third's answer: Shift+Tab to the answer box, type, Enter saves it too
    new = next(x for x in ("speculation", "opinion") if x != before[third]["answer"])
    tab_to(page, text_box("Answer"), back=True)
    retype(page, new)
    page.keyboard.press("Enter")
    status_says(page, f"{third}: saved.")
    row = on_disk(case, "questions", third, "answer", new)
    assert row["answer"] == new and row["status"] == "reviewed" and row["explanation"] == before[third]["explanation"]
    assert all(saved(case, "questions")[i] == before[i] for i in list(before)[3:])

    box.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "review_key_questions_keyboard.png"))
