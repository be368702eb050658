"""Investigate a source as a fact-checker would: search the case's offline web, open pages, note what you learned.

:func:`investigate` is a small browser in the notebook: a search box over the case's pages
(:func:`kit.lateral.search.search`), its results (title, address, publisher, what kind of page,
snippet, and an "Open" button), the page opened, and a one-line "What I learned". Everything the
student does is kept as a *trail*, a plain list of events, each a dict:

* ``{"t": 4.2, "action": "search", "query": "who runs the ledger", "results": ["P3", "P1"]}``;
* ``{"t": 9.8, "action": "open", "page_id": "P3"}``;
* ``{"t": 31.0, "action": "note", "text": "Owned by a shipping firm"}``.

``t`` is the seconds since the widget opened, to a tenth. The trail is built by pure functions
(:func:`new_trail`, :func:`add_event`, :func:`trail_summary`, :func:`restore`), tested directly.
With a question id, "Save what I learned" checks the trail with ``kit.check`` (as plain lines,
:func:`kit.answer_trail.encode_trail`), and a widget opened again, after a kernel restart too,
takes up the last trail saved for that question in that case.

Every control is a button or a one-line text box (a dropdown's arrow keys would move the
notebook's cell cursor in JupyterLab), each with a 2px focus ring: Tab to a result's "Open"
and press Enter, as with a mouse click. Enter in the search box searches; Enter in the note
box saves.

>>> trail = add_event(new_trail(), "search", 4.23, query="harbour ledger", results=["P2", "P1"])
>>> trail = add_event(trail, "open", 9.8, page_id="P2")
>>> trail_summary(trail)["first_opened"], trail[0]["t"]
('P2', 4.2)
"""

from __future__ import annotations

import html
import math
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..answer_widget import text_box
from ..answer_trail import decode_trail, encode_trail
from ..display import focus_css
from ..checks import check
from ..core.case import Case, resolve_case
from ..core.errors import KitError
from ..core.store import load_attempts
from .corpus import PAGE_KINDS, pages
from .search import corpus_file, search

if TYPE_CHECKING:
    import ipywidgets

EVENT_FIELDS: dict[str, dict[str, type]] = {
    "search": {"query": str, "results": list},
    "open": {"page_id": str},
    "note": {"text": str},
}
"""Per action of a trail, the fields its event holds and their types (besides ``t`` and ``action``)."""
RESULTS_SHOWN = 5
"""How many results a search shows."""
LATE_SECONDS = 1.0
"""After an Enter, how long the typed value (which the browser may send just after it) still belongs to it."""
FOCUS_CSS = focus_css("kit-lateral")
"""A focus ring on every control of the widget (ipywidgets' own is faint on a button, none on a text box)."""


WIDGET_TEXT = "Lateral reading: search the case's offline web, open results, and write in one sentence what you learned; the widget keeps your trail."
"""The widget's text form: what a static view of the notebook shows instead of the widget."""


def new_trail() -> list[dict[str, Any]]:
    """An empty trail.

    >>> new_trail()
    []
    """
    return []


def add_event(trail: list[dict[str, Any]], action: str, t: float, **fields: Any) -> list[dict[str, Any]]:
    """Return a new trail: ``trail`` and one more event (the input is not changed).

    Args:
        trail: the events so far.
        action: ``search``, ``open`` or ``note`` (:data:`EVENT_FIELDS`).
        t: seconds since the widget opened (kept to a tenth).
        fields: the action's fields: ``query`` and ``results`` (page ids in rank order),
            ``page_id``, or ``text``.

    Raises:
        KitError: an unknown action, or a missing or wrongly typed field.

    >>> add_event([], "note", 12.34, text="Run by a port union")
    [{'t': 12.3, 'action': 'note', 'text': 'Run by a port union'}]
    """
    event = {"t": float(t), "action": action, **fields}
    if action == "search" and isinstance(event.get("results"), tuple):
        event["results"] = list(event["results"])
    problem = event_problem(event)
    if problem:
        raise KitError(f"This trail event cannot be added: {problem}.")
    event["t"] = round(event["t"], 1)
    if action == "search":
        event["results"] = list(event["results"])  # a copy: the caller's list may change
    return [dict(e) for e in trail] + [event]


def event_problem(event: Any) -> str:
    """Say what is wrong with one trail event (a few words), or ``""`` when it is a valid event.

    >>> event_problem({"t": 1.0, "action": "open", "page_id": "P1"}), event_problem({"t": 1.0, "action": "jump"})
    ('', "the action 'jump' is not one of search, open, note")
    """
    if not isinstance(event, dict):
        return f"an event is a dict, not a {type(event).__name__}"
    action = event.get("action")
    if action not in EVENT_FIELDS:
        return f"the action {action!r} is not one of {', '.join(EVENT_FIELDS)}"
    t = event.get("t")
    if type(t) not in (int, float) or not math.isfinite(t) or t < 0:
        return f"'t' is {t!r}, not a number of seconds"
    wanted = EVENT_FIELDS[action]
    if set(event) != {"t", "action", *wanted}:
        return f"a {action} event holds t, action and {', '.join(wanted)}, not {', '.join(map(str, event))}"
    for field, kind in wanted.items():
        if type(event[field]) is not kind:
            return f"the {field} of a {action} event is a {kind.__name__}, not a {type(event[field]).__name__}"
    if action == "search" and not all(type(p) is str for p in event["results"]):
        return "a search's results are page ids (strings)"
    return ""


def restore(trail_like: Any) -> list[dict[str, Any]]:
    """The trail in ``trail_like`` (a list of events, or the plain lines ``kit.check`` saves); else an empty trail.

    Anything that is not wholly a trail (one bad event, a dict, a string) gives an empty trail.

    >>> restore([{"t": 2.0, "action": "open", "page_id": "P1"}]), restore("P1"), restore([{"t": -1}])
    ([{'t': 2.0, 'action': 'open', 'page_id': 'P1'}], [], [])
    >>> restore(["2.0s | open | P1"])
    [{'t': 2.0, 'action': 'open', 'page_id': 'P1'}]
    """
    if not isinstance(trail_like, list):
        return []
    if trail_like and all(isinstance(line, str) for line in trail_like):
        try:
            trail_like = decode_trail(trail_like)
        except ValueError:
            return []
    if any(event_problem(e) for e in trail_like):
        return []
    return [{**e, "results": list(e["results"])} if e["action"] == "search" else dict(e) for e in trail_like]


def trail_summary(trail: list[dict[str, Any]]) -> dict[str, Any]:
    """What a trail did: its queries, the pages opened (each once, in the order first opened), time, last note.

    >>> trail = add_event(add_event([], "open", 3, page_id="P2"), "open", 5, page_id="P1")
    >>> s = trail_summary(add_event(trail, "open", 8, page_id="P2")); s["opened"], s["first_opened"], s["seconds"]
    (['P2', 'P1'], 'P2', 8.0)
    """
    opened = list(dict.fromkeys(e["page_id"] for e in trail if e["action"] == "open"))
    notes = [e["text"] for e in trail if e["action"] == "note"]
    return {"searches": [e["query"] for e in trail if e["action"] == "search"],
            "opened": opened, "first_opened": opened[0] if opened else "",
            "seconds": max((float(e["t"]) for e in trail), default=0.0), "note": notes[-1] if notes else ""}


def saved_trail(question_id: str, case_name: str, path: str | Path | None = None) -> list[dict[str, Any]]:
    """The last trail saved for ``question_id`` in the case ``case_name`` (the answers file), or an empty trail.

    An attempt whose answer is not a trail (a value typed by hand) is passed over for the one before.

    >>> saved_trail("q9.1", "harbour", "/nonexistent/answers.json")
    []
    """
    mine = [a for a in load_attempts(path) if str(a.get("question", "")).casefold() == str(question_id).casefold()
            and a.get("case") == case_name]
    return next((t for t in (restore(a.get("answer")) for a in reversed(mine)) if t), [])


def page_html(row: dict[str, str]) -> str:
    """The page a student opened: title, address, publisher, what kind of page it is, its dates and text."""
    e = html.escape
    kind = row.get("kind", "")
    dates = " · ".join([f"Published {e(row['published'])}" if row.get("published") else "No publication date given",
                        f"consulted {e(row.get('consulted', ''))}"])
    return (f"<div class='kit-lateral-page' style='border:1px solid #ccc;padding:6px 10px;margin-top:6px'>"
            f"<h4 style='margin:4px 0'>{e(row.get('title', ''))}</h4>"
            f"<p style='margin:2px 0;color:#1b5e20'>{e(row.get('address', ''))}</p>"
            f"<p style='margin:2px 0'>Publisher: <b>{e(row.get('publisher', '') or 'not given')}</b> · "
            f"Kind: <b>{e(kind)}</b>: {e(PAGE_KINDS.get(kind, 'a page of no known kind'))}</p>"
            f"<p style='margin:2px 0;color:#555'>{dates}</p><p>{e(row.get('text', ''))}</p></div>")


def result_html(row: dict[str, Any]) -> str:
    """One search result: its title, address, publisher, kind and snippet."""
    e = html.escape
    return (f"<div class='kit-lateral-result'><b>{e(str(row['title']))}</b><br>"
            f"<span style='color:#1b5e20'>{e(str(row['address']))}</span><br>"
            f"<span style='color:#555'>{e(str(row['publisher']) or 'no publisher given')} · "
            f"<i>{e(str(row['kind']))}</i></span><br>{e(str(row['snippet']))}</div>")


def investigate(question_id: str | None = None, case: Case | str | Path | None = None) -> ipywidgets.VBox:
    """Build the lateral-reading widget over the case's pages; with a question id, Save checks the trail.

    Returns:
        An ``ipywidgets.VBox`` exposing, for tests and scripts, ``query`` (Enter searches),
        ``search_button``, ``results`` (a list of ``(page_id, open_button)``), ``page`` (HTML of
        the page opened), ``note``, ``save_button``, ``feedback`` (HTML), ``trail`` (the list of
        events) and ``answer`` (the trail as the plain lines ``kit.check`` takes). A case with no
        corpus gives a widget that says so in one sentence.
    """
    import ipywidgets as w

    box = text_box(WIDGET_TEXT, layout=w.Layout(max_width="860px"))
    box.add_class("kit-lateral")
    box.query = w.Text(description="Search", placeholder="a name, an outlet, a question; Enter searches",
                       continuous_update=False, layout=w.Layout(width="70%"))
    box.search_button = w.Button(description="Search", tooltip="Search the case's pages",
                                 layout=w.Layout(width="auto", flex="0 0 auto"))
    box.results, box.result_list = [], w.VBox()
    box.page, box.feedback = w.HTML(), w.HTML()
    box.note = w.Text(description="What I learned", continuous_update=False, style={"description_width": "initial"},
                      layout=w.Layout(width="70%"))
    box.save_button = w.Button(description="Save what I learned", button_style="primary",
                               layout=w.Layout(width="auto", flex="0 0 auto"))
    box.trail, box.answer = new_trail(), []
    box.feedback.add_class("kit-lateral-feedback")
    try:
        loaded = resolve_case(case)
        corpus_file(loaded)
    except KitError as exc:
        box.feedback.value = f"<p>{html.escape(str(exc))}</p>"
        box.children = [box.feedback]
        return box
    box.children = [w.HTML(FOCUS_CSS), w.HBox([box.query, box.search_button]), box.result_list, box.page,
                    w.HBox([box.note, box.save_button]), box.feedback]
    _wire(box, w, question_id, loaded)
    return box


def _result_rows(w, found, open_page) -> tuple[list, list]:
    """The ``(page_id, open_button)`` pairs of a search's results and the rows that show them."""
    results, rows = [], []
    for _, row in found.iterrows():
        button = w.Button(description="Open", tooltip=f"Open {row['title']}",
                          layout=w.Layout(width="72px", flex="0 0 auto"))
        button.on_click(lambda _, page_id=row["page_id"]: open_page(page_id))
        results.append((row["page_id"], button))
        rows.append(w.HBox([button, w.HTML(result_html(row), layout=w.Layout(flex="1 1 auto"))],
                           layout=w.Layout(margin="4px 0")))
    return results, rows


def _wire(box, w, question_id: str | None, case: Case) -> None:
    """Connect the controls to :func:`add_event` and :func:`search`; restore the saved trail first."""
    table = pages(case).set_index("page_id", drop=False)
    state = {"start": time.monotonic(), "searched": None, "entered": {}}

    def now() -> float:
        return time.monotonic() - state["start"]

    def record(action: str, **fields: Any) -> None:
        box.trail = add_event(box.trail, action, now(), **fields)
        box.answer = encode_trail(box.trail)

    def show_results(found) -> None:
        box.results, rows = _result_rows(w, found, open_page)
        if found.empty and state["searched"]:
            rows = [w.HTML(f"<p>No page of this case matches “{html.escape(state['searched'])}”; "
                           "try a name, an outlet or another word.</p>")]
        box.result_list.children = rows

    def do_search(_=None) -> None:
        query = " ".join(box.query.value.split())
        if not query:
            box.feedback.value = "<p>Type a name, an outlet or a question first.</p>"
            return
        found = search(query, case, RESULTS_SHOWN)
        last = box.trail[-1] if box.trail else {}
        if not (last.get("action") == "search" and last.get("query") == query):  # the same search again adds nothing
            record("search", query=query, results=[str(p) for p in found["page_id"]])
        state["searched"] = query
        box.feedback.value = ""
        show_results(found)

    def open_page(page_id: str) -> None:
        record("open", page_id=str(page_id))
        box.page.value = page_html(table.loc[page_id].to_dict()) if page_id in table.index else ""

    def save(_=None) -> None:
        text = " ".join(box.note.value.split())
        if not text:
            box.feedback.value = "<p>Write in one line what you learned about the source, then save.</p>"
            return
        last = box.trail[-1] if box.trail else {}
        if not (last.get("action") == "note" and last.get("text") == text):
            record("note", text=text)
        if question_id is None:
            box.feedback.value = f"<p>Saved in your trail: {html.escape(text)}</p>"
            return
        box.feedback.value = check(question_id, box.answer, case)._repr_html_()

    typed = lambda text: " ".join(text.value.split())  # noqa: E731
    _wire_enter(box.query, state, "query", lambda: typed(box.query) not in ("", state["searched"]), do_search)
    _wire_enter(box.note, state, "note", lambda: typed(box.note) not in ("", _last_note(box.trail)), save)
    box.search_button.on_click(do_search)
    box.save_button.on_click(save)
    if question_id is not None:
        _restore_into(box, question_id, case, state, show_results, open_page)


def _last_note(trail: list[dict[str, Any]]) -> str:
    return next((e["text"] for e in reversed(trail) if e["action"] == "note"), "")


def _wire_enter(text, state: dict, name: str, is_new, act) -> None:
    """Make Enter in a one-line box act once, with the value typed, whichever reaches the kernel first.

    The browser sends "submit" on Enter and the typed value just after it (or, when ipywidgets
    holds it back, a little later). Enter acts at once when the box already holds a new value;
    otherwise the value that arrives within :data:`LATE_SECONDS` acts. A value that comes without
    an Enter (the box was left) only changes the box: the button acts on it.
    """
    def entered(_, content, __) -> None:
        if content.get("event") == "submit":
            state["entered"][name] = time.monotonic()
            if is_new():
                state["entered"].pop(name)
                act()

    def late(_change) -> None:
        at = state["entered"].get(name)
        if at is not None and time.monotonic() - at <= LATE_SECONDS:
            state["entered"].pop(name)
            act()

    text.on_msg(entered)
    text.observe(late, "value")


def _restore_into(box, question_id: str, case: Case, state: dict, show_results, open_page) -> None:
    """Take up the last trail saved for this question in this case: its last search, page and note."""
    try:
        trail = saved_trail(question_id, case.name)
    except KitError as exc:
        box.feedback.value = f"<p>{html.escape(str(exc))}</p>"
        return
    if not trail:
        return
    summary = trail_summary(trail)
    state["start"] -= summary["seconds"]  # new events come after the restored ones
    if summary["searches"]:
        state["searched"] = summary["searches"][-1]
        box.query.value = state["searched"]
        show_results(search(state["searched"], case, RESULTS_SHOWN))
    opened = [e["page_id"] for e in trail if e["action"] == "open"]
    if opened:
        open_page(opened[-1])
    box.trail, box.answer = trail, encode_trail(trail)
    box.note.value = summary["note"]
    box.feedback.value = (f"<p>Your saved trail is back: {len(summary['searches'])} searches, "
                          f"{len(summary['opened'])} pages opened.</p>")
