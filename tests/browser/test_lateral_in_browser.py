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

import pytest

import keyboard
from conftest import SHOTS
from keyboard import button
from test_lessons_in_browser import last_cell_run
from widget_notebook import open_widget, write_case

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
ARTICLES = {"strike.txt": ("Harbour Ledger", "2031-03-02", "Port strike enters second day\n\n"
                           "Wharf workers stayed out on Tuesday, the Harbour Ledger reported.\n")}
NOTE = "The union owns the Ledger: its About page does not say so."


def tab_to(page, what, *, back: bool = False, limit: int = 20) -> dict:
    """Tab to a control of this widget (see keyboard.tab_to); every control passed must show a focus ring."""
    return keyboard.tab_to(page, what, ".kit-lateral", back=back, limit=limit)


def page_shown(page, title: str) -> None:
    """Wait until the page open in the widget is the one titled ``title``."""
    page.wait_for_function("t => { const p = document.querySelector('.kit-lateral .kit-lateral-page');"
                           " return p && p.textContent.includes(t); }", arg=title, timeout=10_000)


def test_investigate_by_mouse_and_keyboard(page, lab):
    case = write_case(lab["root"], "lateral_harbour", ARTICLES, {"context/sources/pages.csv": "\n".join(PAGES) + "\n"})
    widget = open_widget(page, lab, "lateral.ipynb",
                         f"import kit\nbox = kit.lateral.investigate(None, {str(case)!r})\nbox", ".kit-lateral")

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
    page_shown(page, titles[1])

    # 3. open the third with the keyboard: Tab from the button just clicked to the next "Open", Enter
    reached = tab_to(page, button("Open"))
    assert reached["title"] == f"Open {titles[2]}"
    page.keyboard.press("Enter")
    page_shown(page, titles[2])

    # 4. write what was learned, Tab to "Save what I learned", Enter
    tab_to(page, lambda f: f["inside"] and f["tag"] == "INPUT" and f["label"] == "What I learned")
    page.keyboard.type(NOTE)
    tab_to(page, button("Save what I learned"))
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
