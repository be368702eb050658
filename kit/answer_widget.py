"""What every answer widget shares: the last answer saved for a question, and the checked feedback as HTML.

A widget (the quote comparer, the timeline, the framing marker, the verdict
builder, :func:`kit.ask`) never judges an answer itself: it hands the plain
value to :func:`kit.checks.check`, which records the attempt in the student's
answers file like a typed answer, so a widget answer survives a kernel restart
and the grader reads it from the answers file handed in
(:mod:`kit.grading.submitted`). With no question id a widget is a demo: it
gives feedback but records nothing.

>>> import tempfile, pathlib
>>> empty = pathlib.Path(tempfile.mkdtemp()) / "answers.json"
>>> last_answer("q0.1", "seeds", empty) is None
True
>>> "Not answered yet" in checked_html("q0.1", ..., None, save=False)
True
"""

from __future__ import annotations

import functools
import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks import check
from .core.errors import KitError
from .core.store import load_attempts

if TYPE_CHECKING:
    from .core.case import Case

@functools.lru_cache(maxsize=1)
def text_box_class() -> type:
    """The widget box whose text form is one plain line: what a static view of the notebook, or nbval, shows.

    ipywidgets' own text form lists every child with its HTML (thousands of characters, and any date or
    state inside), so a committed notebook would show noise and change from run to run. The class is made
    on first use, so ``import kit`` does not load ipywidgets.
    """
    import ipywidgets

    class TextBox(ipywidgets.VBox):
        text = ""

        def __repr__(self) -> str:
            return self.text or "widget"

    return TextBox


def text_box(text: str, **kwargs: Any) -> Any:
    """A ``VBox`` (any ipywidgets keyword, e.g. ``layout``) that reads as ``text`` where widgets are not shown.

    >>> repr(text_box("Quote comparer: pick a statement."))
    'Quote comparer: pick a statement.'
    """
    box = text_box_class()(**kwargs)
    box.text = text
    return box


def with_steps(dropdown: Any, what: str) -> Any:
    """A dropdown with "◀ Previous" and "Next ▶" buttons beside it: the keyboard's way through its options.

    In JupyterLab the arrow keys on a focused dropdown move the notebook's cell cursor instead of the
    choice, so a keyboard user reaches each option with Tab to a button and Enter.

    >>> import ipywidgets as w
    >>> row = with_steps(w.Dropdown(options=["a", "b", "c"], value="a"), "passage")
    >>> row.children[2].click(); row.children[2].click(); row.children[2].click(); row.children[0].value
    'c'
    >>> row.children[1].click(); row.children[0].value
    'b'
    """
    import ipywidgets as w

    def step(by: int) -> None:
        if dropdown.options:
            at = -1 if dropdown.index is None else dropdown.index
            dropdown.index = min(max(at + by, 0), len(dropdown.options) - 1)

    buttons = [w.Button(description=label, tooltip=f"The {word} {what}", layout=w.Layout(width="auto", flex="0 0 auto"))
               for label, word in (("◀ Previous", "previous"), ("Next ▶", "next"))]
    buttons[0].on_click(lambda _: step(-1))
    buttons[1].on_click(lambda _: step(1))
    return w.HBox([dropdown, *buttons], layout=w.Layout(width="100%", align_items="center", flex_flow="row wrap"))


CHECKED_STATUSES = ("correct", "incorrect", "recorded")
"""Attempts a widget restores: answers that were checked, not ones that were invalid or empty."""


def last_answer(question_id: str, case_name: str, path: str | Path | None = None) -> Any:
    """The last checked answer the student's answers file holds for a question of a case, or ``None``.

    A damaged answers file counts as none (the next check sets it aside and says so).

    >>> import json, tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "answers.json"
    >>> _ = f.write_text(json.dumps({"format": "media-literacy-answers/1", "attempts": [
    ...     {"question": "q1.1", "case": "port", "answer": "opinion", "status": "incorrect"},
    ...     {"question": "q1.1", "case": "port", "answer": "prediction", "status": "correct"},
    ...     {"question": "q1.1", "case": "other", "answer": "x", "status": "correct"}]}))
    >>> last_answer("q1.1", "port", f), last_answer("q1.2", "port", f)
    ('prediction', None)
    """
    try:
        attempts = load_attempts(path)
    except KitError:
        return None
    mine = [a for a in attempts if isinstance(a, dict) and a.get("question") == question_id
            and a.get("case") == case_name and a.get("status") in CHECKED_STATUSES]
    return mine[-1].get("answer") if mine else None


def checked_html(question_id: str | None, answer: Any, case: Case | str | Path | None, *,
                 save: bool = True, demo: str = "") -> str:
    """Check ``answer`` with :func:`kit.check` (which records it) and return the feedback box as HTML.

    With no ``question_id`` nothing is checked or recorded; the widget's own ``demo`` remark is shown instead.

    >>> checked_html(None, "A2", None, demo="Your pick: A2.")
    '<div class="kit-feedback kit-demo" style="padding:6px 10px;margin:4px 0">Your pick: A2.</div>'
    """
    if question_id is None:
        return f'<div class="kit-feedback kit-demo" style="padding:6px 10px;margin:4px 0">{html.escape(demo)}</div>'
    return check(question_id, answer, case, save=save)._repr_html_()
