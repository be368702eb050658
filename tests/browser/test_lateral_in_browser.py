"""The lateral-reading widget (``kit.lateral.investigate``) in a real browser: search, open, note, save.

A tiny invented case (a harbour strike in Wellington, with a small "web" about its outlet) is
written into the lab's temporary course; a notebook there opens the widget. The student types
a query and presses Enter, opens one result with the mouse and another with the keyboard
(Tab to its "Open", Enter), writes what they learned and saves it with the keyboard. The trail
the kernel kept is read back from a follow-up cell; every control the focus passes shows a
focus ring of 2px or more. tests/test_lateral.py covers the same widget without a browser.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

import keyboard
from conftest import SHOTS
from test_lessons_in_browser import last_cell_run, open_notebook, run_all

pytestmark = pytest.mark.browser

PAGES = [
    "page_id,title,address,publisher,kind,about,published,consulted,text",
    "P1,Harbour Ledger - Open Encyclopedia,https://encyclopedia.example/Harbour_Ledger,Open Encyclopedia,reference,"
    "Harbour Ledger,,2031-03-05,Encyclopedia entry on the Harbour Ledger; a weekly paper in Wellington. "
    "Says the Tasman Port Workers Union owns the paper and appoints its editor.",
    "P2,About us | Harbour Ledger,https://harbour-ledger.example/about,Harbour Ledger,about,Harbour Ledger,,2031-03-05,"
    "Describes itself as the independent voice of the waterfront. Does not say who owns the Harbour Ledger.",
    "P3,Complaint about the Harbour Ledger upheld,https://media-council.example/2029/14,Media Council,assessment,"
    "Harbour Ledger,2029-08-01,2031-03-05,Says the Media Council upheld a complaint that the Harbour Ledger did not "
    "tell readers the union owns it.",
    "P4,Harbour Ledger Motors,https://ledger-motors.example/,Ledger Motors,self-published,Ledger Motors,,2031-03-05,"
    "A car dealer's own page praising its prices; nothing to do with the Wellington paper.",
    "P5,Cook Strait ferry timetable,https://ferries.example/times,Strait Ferries,self-published,Strait Ferries,,"
    "2031-03-05,Lists the crossings between Wellington and Picton.",
]
NOTE = "The union owns the Ledger: its About page does not say so."


def harbour_case(root: Path) -> Path:
    """Write the invented Wellington case, with its pages, into the lab's course folder."""
    case = root / "lateral_harbour"
    (case / "articles").mkdir(parents=True)
    (case / "context" / "sources").mkdir(parents=True)
    (case / "articles" / "strike.txt").write_text(
        "Port strike enters second day\n\nWharf workers stayed out on Tuesday, the Harbour Ledger reported.\n",
        encoding="utf-8")
    (case / "metadata.csv").write_text(
        "file,outlet,author,genre,published,headline,url,notes\n"
        "strike.txt,Harbour Ledger,,news,2031-03-02,Port strike enters second day,,\n", encoding="utf-8")
    (case / "context" / "sources" / "pages.csv").write_text("\n".join(PAGES) + "\n", encoding="utf-8")
    return case


def focused(page) -> dict:
    """What has the keyboard focus (see keyboard.focused), judged inside this widget."""
    return keyboard.focused(page, ".kit-lateral")


def tab_to(page, what, *, back: bool = False, limit: int = 20) -> dict:
    """Tab to a control of this widget (see keyboard.tab_to); every control passed must show a focus ring."""
    return keyboard.tab_to(page, what, ".kit-lateral", back=back, limit=limit)


def test_investigate_by_mouse_and_keyboard(page, lab):
    case = harbour_case(lab["root"])
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(f"import kit\nbox = kit.lateral.investigate(None, {str(case)!r})\nbox")]
    nbformat.write(nb, lab["root"] / "lateral.ipynb")
    open_notebook(page, lab, "lateral.ipynb")
    run_all(page)
    widget = page.locator(".jp-NotebookPanel:visible .kit-lateral")
    widget.wait_for(timeout=30_000)

    # 1. type a query and press Enter
    widget.locator("input").first.click()
    page.keyboard.type("Harbour Ledger")
    page.keyboard.press("Enter")
    results = widget.locator(".kit-lateral-result")
    results.first.wait_for(timeout=10_000)
    page.wait_for_function("() => document.querySelectorAll('.kit-lateral .kit-lateral-result').length >= 3",
                           timeout=10_000)
    titles = [t.strip() for t in widget.locator(".kit-lateral-result b").all_inner_texts()]
    assert "Cook Strait ferry timetable" not in titles, "a page sharing no word with the query was listed"

    # 2. open the second result with the mouse
    opens = widget.get_by_role("button", name="Open")
    opens.nth(1).click()
    page.wait_for_function("t => { const p = document.querySelector('.kit-lateral .kit-lateral-page');"
                           " return p && p.textContent.includes(t); }", arg=titles[1], timeout=10_000)

    # 3. open the third with the keyboard: Tab from the button just clicked to the next "Open", Enter
    reached = tab_to(page, lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == "Open")
    assert reached["title"] == f"Open {titles[2]}"
    page.keyboard.press("Enter")
    page.wait_for_function("t => { const p = document.querySelector('.kit-lateral .kit-lateral-page');"
                           " return p && p.textContent.includes(t); }", arg=titles[2], timeout=10_000)

    # 4. write what was learned, Tab to "Save what I learned", Enter
    tab_to(page, lambda f: f["inside"] and f["tag"] == "INPUT" and f["label"] == "What I learned")
    page.keyboard.type(NOTE)
    tab_to(page, lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == "Save what I learned")
    page.keyboard.press("Enter")
    page.wait_for_function("n => { const f = document.querySelector('.kit-lateral .kit-lateral-feedback');"
                           " return f && f.textContent.includes(n); }", arg=NOTE, timeout=10_000)
    widget.scroll_into_view_if_needed()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "lateral_investigate.png"))

    # 5. the trail the kernel kept
    out = last_cell_run(page, "import json; print(json.dumps(box.trail))")
    trail = json.loads(out.strip().splitlines()[-1])
    assert [e["action"] for e in trail] == ["search", "open", "open", "note"]
    search, first, second, note = trail
    assert search["query"] == "Harbour Ledger" and len(search["results"]) == len(titles)
    assert [first["page_id"], second["page_id"]] == search["results"][1:3]
    assert note["text"] == NOTE
    assert [e["t"] for e in trail] == sorted(e["t"] for e in trail)
