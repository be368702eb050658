"""The quote comparison widget: one statement's renderings side by side, word by word; which is faithful, what changed.

A thin ipywidgets layer over :mod:`.compare` (every judgement there is a pure, tested function).
The student picks a statement that two articles or more render (a dropdown labelled by speaker and
opening words), sees every rendering (outlet, sentence id, words) with its differences against the
statement's reference rendering marked (struck ``[-dropped-]``, underlined ``[+added+]``), picks a
rendering with its "Pick" toggle, says what changed, and presses Check.

* With no question id the widget is a demo: the kit's own fidelity grades and word diff judge both
  parts, and nothing is recorded.
* With a question id (kinds ``article`` or ``articles``), the article(s) of the renderings picked are
  the answer: it goes through :func:`kit.answer_widget.checked_html` (``kit.check``, which records it),
  and the last answer saved comes back when the widget is built again. "What changed" is still judged
  by :mod:`.compare`. The statement the prompt quotes is shown first.

Every control is a dropdown, a toggle or a button: Tab moves between them, Space or Enter presses one.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from ..answer_widget import checked_html, last_answer, text_box, with_steps
from ..checks import questions
from ..core.case import Case, resolve_case
from ..core.errors import KitError
from ..display import PALETTE, focus_css
from .compare import (CHANGE_KINDS, answer_value, demo_task, diff_html, judge_changes, judge_pick,
                      preselect_statement, renderings, statement_options)
from .grouping import trace_quotes

if TYPE_CHECKING:
    import ipywidgets
    import pandas as pd

_MUTED, _BORDER = PALETTE["page"]["muted"], PALETTE["page"]["border"]
MANY_KINDS = ("articles",)
"""Question kinds whose answer is a list of articles (several renderings may be picked)."""
NOTHING_TO_COMPARE = ("No statement of this case is quoted in two articles or more, so there is nothing to "
                      "compare side by side; kit.trace_quotes(case) lists every quote.")
COMPARE_CSS = focus_css("kit-compare-quotes") + (
    f"<style>.jupyter-widgets.kit-compare-quotes select:focus{{outline: 2px solid {PALETTE['focus']['ring']} !important}}"
    ".kit-compare-quotes .widget-toggle-buttons .widget-toggle-button{width:auto;min-width:0}"
    ".kit-compare-quotes .widget-html-content{white-space:normal}</style>")
"""A 2px focus ring on every control (the dropdown too), toggle buttons as wide as their words, text that wraps."""


WIDGET_TEXT = "Quote comparer: pick a statement, read its renderings side by side word by word, pick a rendering, say what changed, then press Check."
"""The widget's text form: what a static view of the notebook shows instead of the widget."""


def row_html(row: dict | pd.Series) -> str:
    """One rendering on screen: its outlet and sentence, then its words marked against the reference.

    The reference rendering says so; grades are not shown (the student decides).

    >>> from kit.quotes.compare import tiny_trace
    >>> t = renderings(tiny_trace([("A1", "", "no deal today"), ("A2", "", "no deal")]), "S1")
    >>> "A1 · outlet not stated · A1.S1 · <b>reference</b>" in row_html(t.iloc[0]), "<del" in row_html(t.iloc[1])
    (True, True)
    """
    e = html.escape
    border = PALETTE["compare"]["reference"] if row["is_reference"] else _BORDER
    where = f"{e(row['article'])} · {e(row['sentence_id'])}" + (" · <b>reference</b>" if row["is_reference"] else "")
    who = f" · {e(row['speaker'])}" if row.get("speaker") else ""
    return (f'<div class="kit-compare-row" style="border-left:4px solid {border};padding:2px 10px;white-space:normal">'
            f'<div style="color:{_MUTED};font-size:90%">{where}{who}</div><div>{diff_html(row["tokens"])}</div></div>')


def legend_html(table: pd.DataFrame) -> str:
    """What the marks mean, and which rendering is the reference and why (the kit's own rule)."""
    ref = table[table["is_reference"]].iloc[0]
    struck = diff_html([("dropped", "struck", "")])
    underlined = diff_html([("added", "", "underlined")])
    return (f'<div class="kit-compare-legend" style="color:{_MUTED};white-space:normal">Each rendering is compared '
            f"with the reference {html.escape(ref['quote_id'])} ({html.escape(ref['article'])}): "
            f"{html.escape(ref['reference_basis'])}. Words {struck} are dropped, words {underlined} added; "
            "a replaced word shows both. Case and punctuation do not count.</div>")


def compare_quotes(question_id: str | None = None, case: Case | str | Path | None = None,
                   statement: str | None = None) -> ipywidgets.VBox:
    """Build the quote comparison widget for a case (the seeds by default).

    Args:
        question_id: a question of kind ``article`` or ``articles`` whose answer is the article(s)
            picked (checked and recorded by ``kit.check``); ``None`` for a demo judged by the kit.
        case: a loaded case, a case folder, or ``None`` for the seeds.
        statement: a statement id (``"S1"``) to show first; by default the one the question's
            prompt quotes, else the statement most articles render.

    Returns:
        An ``ipywidgets.VBox`` (class ``kit-compare-quotes``) exposing ``statement`` (the dropdown),
        ``pick_buttons`` (quote id to its "Pick" toggle), ``change`` (what changed), ``check_button``,
        ``feedback``, ``task``, ``legend``, ``table`` (the renderings shown, :func:`.compare.renderings`)
        and ``answer`` (the plain answer: an article id, a list of them, or ``None``). A case where no
        statement is rendered twice gives a widget that says so in one sentence.

    >>> box = compare_quotes()
    >>> box.statement.value, len(box.pick_buttons) > 2, box.answer is None
    ('S1', True, True)
    """
    import ipywidgets as w

    box = _build_box(w)
    try:
        loaded = resolve_case(case)
        trace = trace_quotes(loaded)
    except KitError as exc:
        return _say(box, str(exc))
    options = statement_options(trace)
    if not options:
        return _say(box, NOTHING_TO_COMPARE)
    kind, prompt = _question(question_id, loaded)
    box.statement.options = options
    ids = [sid for _, sid in options]
    box.statement.value = statement if statement in ids else preselect_statement(trace, options, prompt)
    controller = _Controller(box, w, loaded, trace, question_id, kind in MANY_KINDS, prompt)
    box.statement.observe(lambda change: controller.load(change["new"]), names="value")
    box.check_button.on_click(controller.on_check)
    controller.load(box.statement.value)
    if question_id is not None:
        controller.restore()
    return box


def _build_box(w) -> ipywidgets.VBox:
    """Lay out the widget's controls (no behaviour yet)."""
    box = text_box(WIDGET_TEXT, layout=w.Layout(width="100%", max_width="900px"))
    box.add_class("kit-compare-quotes")
    box.task, box.legend, box.feedback = w.HTML(), w.HTML(), w.HTML()
    box.feedback.add_class("kit-compare-feedback")
    box.statement = w.Dropdown(options=[], description="Statement", style={"description_width": "initial"},
                               layout=w.Layout(width="auto", max_width="860px"))
    box.rows = w.VBox(layout=w.Layout(width="auto"))
    box.change = w.ToggleButtons(options=[(label, key) for key, label in CHANGE_KINDS.items()], value=None,
                                 description="What changed?", style={"description_width": "initial", "button_width": "auto"},
                                 tooltips=[f"Against the reference: {label}" for label in CHANGE_KINDS.values()],
                                 layout=w.Layout(width="auto", flex_flow="row wrap"))
    box.check_button = w.Button(description="Check", button_style="primary", tooltip="Check your pick and what changed",
                                layout=w.Layout(width="auto", align_self="flex-start"))
    box.pick_buttons, box.table, box.answer = {}, None, None
    box.children = [w.HTML(COMPARE_CSS), with_steps(box.statement, "statement"), box.task, box.legend, box.rows,
                    box.change,
                    box.check_button, box.feedback]
    return box


def _say(box, message: str):
    """Show only a one-sentence message (nothing to compare, or a case that cannot be read)."""
    box.feedback.value = f"<p class='kit-compare-empty'>{html.escape(message)}</p>"
    box.children = [box.feedback]
    return box


def _question(question_id: str | None, case: Case) -> tuple[str, str]:
    """The kind and prompt of a question of the case (``("", "")`` for a demo or an unknown id)."""
    if question_id is None:
        return "", ""
    table = questions(case)
    found = table[table["id"].astype(str).str.casefold() == str(question_id).strip().casefold()]
    return (str(found["kind"].iloc[0]), str(found["prompt"].iloc[0])) if len(found) else ("", "")


class _Controller:
    """The widget's behaviour: which statement is shown, what a toggle or Check does (the logic is in :mod:`.compare`)."""

    def __init__(self, box, w, case: Case, trace: pd.DataFrame, question_id: str | None, many: bool, prompt: str):
        self.box, self.w, self.case, self.trace = box, w, case, trace
        self.question_id, self.many, self.prompt = question_id, many, prompt
        self.outlets = dict(zip(case.articles["article_id"], case.articles["outlet"].fillna("")))
        self.busy = False

    def load(self, statement_id: str) -> None:
        box, w = self.box, self.w
        box.table = renderings(self.trace, statement_id, self.outlets)
        box.pick_buttons, rows = {}, []
        for _, row in box.table.iterrows():
            button = w.ToggleButton(description=f"Pick {row['quote_id']}", value=False,
                                    tooltip=f"Pick {row['quote_id']}: {row['article']}, {row['sentence_id']}",
                                    layout=w.Layout(width="auto", flex="0 0 auto", margin="4px 8px 0 0"))
            button.observe(lambda change, q=row["quote_id"]: self.on_pick(q, change["new"]), names="value")
            box.pick_buttons[row["quote_id"]] = button
            rows.append(w.HBox([button, w.HTML(row_html(row), layout=w.Layout(flex="1 1 auto", width="auto"))],
                               layout=w.Layout(width="auto", align_items="flex-start")))
        box.rows.children = rows
        box.legend.value = legend_html(box.table)
        box.task.value = self.task_html()
        box.change.value = None
        box.answer, box.feedback.value = None, ""

    def task_html(self) -> str:
        if self.question_id is None:
            ask = demo_task(self.box.table)[1] + " (A demo: the kit's own word diff and fidelity grades judge it.)"
        else:
            several = "a rendering of each article" if self.many else "a rendering of the article"
            ask = (f"{self.question_id}: {self.prompt} Pick {several} you choose, "
                   "say what changed against the reference, then press Check.")
        return f'<p class="kit-compare-task" style="white-space:normal;margin:6px 0">{html.escape(ask)}</p>'

    def picked(self) -> list[str]:
        return [q for q, b in self.box.pick_buttons.items() if b.value]

    def on_pick(self, quote_id: str, on: bool) -> None:
        if on and not self.many and not self.busy:
            self.busy = True  # one pick at a time: release the others
            for q, b in self.box.pick_buttons.items():
                if q != quote_id:
                    b.value = False
            self.busy = False
        self.box.answer = answer_value(self.box.table, self.picked(), self.many)

    def on_check(self, _=None) -> None:
        box, picked = self.box, self.picked()
        if not picked:
            box.feedback.value = ("<div class='kit-feedback kit-unanswered' style='padding:6px 10px'>"
                                  "Pick a rendering first (its “Pick” toggle), then say what changed.</div>")
            return
        _, change_text = judge_changes(box.table, picked, box.change.value)
        if self.question_id is None:
            _, pick_text = judge_pick(box.table, picked[-1])
            box.feedback.value = checked_html(None, box.answer, self.case, demo=f"Judged by the kit (a demo; nothing is recorded). {pick_text} {change_text}")
            return
        box.feedback.value = (checked_html(self.question_id, box.answer, self.case)
                              + f"<div class='kit-feedback kit-demo' style='padding:6px 10px;margin:4px 0'>"
                              f"What changed (judged by the kit's word diff): {html.escape(change_text)}</div>")

    def restore(self) -> None:
        """Toggle, for each article of the last answer saved, its first rendering of the statement shown."""
        saved = last_answer(self.question_id, self.case.name)
        articles = saved if isinstance(saved, list) else [saved] if isinstance(saved, str) else []
        table = self.box.table
        firsts = [table.loc[table["article_id"] == a, "quote_id"].iloc[0] for a in articles
                  if str(a) in set(table["article_id"])]
        for q in firsts if self.many else firsts[-1:]:
            self.box.pick_buttons[q].value = True
        if firsts:
            self.box.feedback.value = (f"<p class='kit-compare-restored'>Your last answer is back: "
                                       f"{html.escape(', '.join(map(str, articles)))}.</p>")
