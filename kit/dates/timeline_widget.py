"""The timeline widget of lesson 03: pick the date an expression means, place it beside the case's events.

:func:`place_dates` shows a dropdown of the case's time expressions ("'On Monday' — A3.S4, outlet"),
the sentence with the expression highlighted, the article's publication date and the reference date
the expression is counted from, a one-line box for the date (``YYYY-MM-DD``) and a Check button. Then a
timeline (:func:`kit.dates.placing.timeline_html`) shows the case's events (``context/events.csv``) and
the dates placed so far, each with the conflicts the kit flags beside it in words.

With no question id the widget is a demo: the kit's resolver judges the date (the resolved date, the
rule and the reference date, :func:`kit.dates.placing.date_feedback`) and nothing is recorded. With a
question id (kind ``date``) the expression the prompt names is selected, the date goes to
:func:`kit.answer_widget.checked_html` (which records it) and the last saved answer is restored.
The logic is in :mod:`kit.dates.placing`; this module only wires controls. Every control is a
dropdown, a text box or a button: Tab moves between them, Enter or Space presses a button. The
Previous and Next buttons change the expression from the keyboard too (in JupyterLab's command mode
the arrow keys on a dropdown move the cell cursor instead).

>>> box = place_dates(sentence="A3.S4")
>>> box.expression.label
"'On Monday' — A3.S4, outlet not stated"
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..answer_widget import checked_html, last_answer, text_box
from ..checks import questions
from ..core.case import resolve_case
from ..core.errors import KitError
from ..display import PALETTE, focus_css
from .context import load_context
from .flags import timeline_flags
from .flags_conflict import tied_event
from .placing import (NOTHING_TO_PLACE, context_html, date_feedback, expression_options, parse_picked, placed_table,
                      preselect, reading_of, sentence_html, timeline_html)
from .reference import reference_dates

if TYPE_CHECKING:
    import ipywidgets

    from ..core.case import Case

SCOPE = "kit-place-dates"
"""The widget's CSS class."""
WIDGET_CSS = focus_css(SCOPE) + (
    f"<style>.jupyter-widgets.{SCOPE} select:focus-visible{{outline: 2px solid {PALETTE['focus']['ring']} "
    f"!important; outline-offset: 1px}} .{SCOPE} .widget-html-content{{white-space: normal}}</style>")
"""A 2px focus ring on the dropdown too (focus_css covers buttons and text boxes); HTML text wraps."""
DEMO_NOTE = "Demo: judged by the kit's resolver, not recorded."


WIDGET_TEXT = "Timeline: pick a time expression, type the date it means, press Check, and see it placed among the case's events."
"""The widget's text form: what a static view of the notebook shows instead of the widget."""


def place_dates(question_id: str | None = None, case: Case | str | Path | None = None,
                sentence: str | None = None) -> ipywidgets.VBox:
    """Build the timeline widget: pick the date an expression means, Check, and see it on a timeline.

    Args:
        question_id: a question of kind ``date`` (e.g. ``"q3.1"``): the expression its prompt names is
            selected and the date is checked and recorded with ``kit.check``; ``None`` for a demo judged
            by the kit's resolver.
        case: a loaded case, a case folder, or ``None`` for the seeds.
        sentence: a sentence id (``"A3.S4"``) whose first expression is selected (when no question names one).

    Returns:
        An ``ipywidgets.VBox`` exposing ``expression`` (Dropdown), ``previous_button`` and
        ``next_button``, ``sentence`` and ``context`` (HTML), ``date_text`` (Text), ``check_button``,
        ``feedback`` and ``timeline`` (HTML), ``answer`` (the last
        date checked, ``"YYYY-MM-DD"``, or ``""``), ``placed`` (the dates placed, by expression) and
        ``options`` (:func:`kit.dates.placing.expression_options`). A case with no time expressions
        gives a one-sentence message.
    """
    import ipywidgets as w

    box = text_box(WIDGET_TEXT, layout=w.Layout(width="100%", max_width="900px"))
    box.add_class(SCOPE)
    box.prompt, box.sentence, box.context = w.HTML(), w.HTML(), w.HTML()
    box.expression = w.Dropdown(description="Expression", style={"description_width": "initial"},
                                layout=w.Layout(width="auto", max_width="100%"))
    box.previous_button = w.Button(description="◀ Previous", tooltip="The previous expression",
                                   layout=w.Layout(width="auto", flex="0 0 auto"))
    box.next_button = w.Button(description="Next ▶", tooltip="The next expression",
                               layout=w.Layout(width="auto", flex="0 0 auto"))
    box.date_text = w.Text(description="Date it means", placeholder="YYYY-MM-DD", continuous_update=False,
                           style={"description_width": "initial"}, layout=w.Layout(width="auto", flex="0 1 320px"))
    box.check_button = w.Button(description="Check", button_style="primary", tooltip="Check the date you picked",
                                layout=w.Layout(width="auto", flex="0 0 auto"))
    box.feedback, box.timeline = w.HTML(), w.HTML()
    box.feedback.add_class("kit-place-dates-feedback")
    box.answer, box.placed = "", {}
    try:
        loaded = resolve_case(case)
        box.options = expression_options(loaded)
    except KitError as exc:
        box.feedback.value = f"<p>{html.escape(str(exc))}</p>"
        box.children = [box.feedback]
        return box
    if box.options.empty:
        box.feedback.value = f"<p>{html.escape(NOTHING_TO_PLACE)}</p>"
        box.children = [box.feedback]
        return box
    box.expression.options = list(zip(box.options["label"], box.options["key"]))
    box.expression.value = box.options["key"].iloc[0]
    row = w.HBox([box.expression, box.previous_button, box.next_button],
                 layout=w.Layout(flex_flow="row wrap", width="100%"))
    box.children = [w.HTML(WIDGET_CSS), box.prompt, row, box.sentence, box.context,
                    w.HBox([box.date_text, box.check_button], layout=w.Layout(flex_flow="row wrap", width="100%")),
                    box.feedback, box.timeline]
    _wire(box, question_id, loaded, sentence)
    return box


class _Story:
    """What the widget reads of a case once: references, events, flags, sentences, outlets."""

    def __init__(self, case: Case) -> None:
        refs = reference_dates(case)
        self.case = case
        self.refs = {a: (r, b) for a, r, b in zip(refs.index, refs["reference"], refs["basis"])}
        self.ctx = load_context(case)
        self.flags = timeline_flags(case)
        self.sentences = case.sentences.set_index("sentence_id")
        arts = case.articles.set_index("article_id")
        self.outlets = {a: str(o) if o == o else "" for a, o in zip(arts.index, arts["outlet"])}
        self.published = {a: (f"{p:%Y-%m-%d}" if p is not None and p == p else "")
                          for a, p in zip(arts.index, arts["published"])}

    def option(self, options, key: str) -> dict:
        """The option row of a key, as a dict."""
        return options.set_index("key").loc[key].to_dict() | {"key": key}

    def show(self, option: dict) -> tuple[str, str]:
        """The sentence (highlighted) and the article's context, as HTML."""
        row = self.sentences.loc[option["sentence_id"]]
        at = int(str(option["span"]).split(":")[0]) - int(row["start"])
        ref, basis = self.refs.get(option["article_id"], ("", ""))
        aid = option["article_id"]
        return (sentence_html(str(row["text"]), option["expression"], at),
                context_html(option, ref, basis, self.published.get(aid, ""), self.outlets.get(aid, "")))

    def reading(self, option: dict):
        """The resolver's :class:`~kit.dates.placing.Reading` of an option."""
        ref, basis = self.refs.get(option["article_id"], ("", ""))
        return reading_of(option, ref, basis, self.ctx.events)

    def placed_row(self, option: dict, day: date, resolver: str) -> dict:
        """One placed date for :func:`kit.dates.placing.placed_table`."""
        text = str(self.sentences.loc[option["sentence_id"], "text"])
        aid = option["article_id"]
        label = f"{aid} · {self.outlets.get(aid, '') or 'outlet not stated'}"
        return {"date": day, "expression": option["expression"], "sentence_id": option["sentence_id"],
                "article": label, "resolver": resolver, "event": tied_event(text, option["expression"], self.ctx)}


def _wire(box, question_id: str | None, case: Case, sentence: str | None) -> None:
    """Connect the dropdown and Check; select the expression a question or sentence names; restore the answer."""
    story = _Story(case)

    def show(_=None) -> None:
        option = story.option(box.options, box.expression.value)
        box.sentence.value, box.context.value = story.show(option)
        if question_id is None:
            placed = box.placed.get(option["key"])
            box.date_text.value = f"{placed['date']:%Y-%m-%d}" if placed else ""
            box.feedback.value = ""

    def draw() -> None:
        table = placed_table(list(box.placed.values()), story.ctx.events, story.flags)
        box.timeline.value = timeline_html(table, show_resolver=question_id is None)

    def check(_=None) -> None:
        day, problem = parse_picked(box.date_text.value)
        if day is None:
            box.feedback.value = checked_html(None, None, case, demo=problem)
            return
        option = story.option(box.options, box.expression.value)
        box.answer = f"{day:%Y-%m-%d}"
        resolver = str(option["resolved"]) or "not resolved"
        box.placed = {k: v for k, v in box.placed.items() if question_id is None or k == option["key"]}
        box.placed[option["key"]] = story.placed_row(option, day, resolver)
        if question_id is None:
            feedback = date_feedback(story.reading(option), day)
            box.feedback.value = checked_html(None, None, case, demo=f"{DEMO_NOTE} {feedback['message']}")
        else:
            box.feedback.value = checked_html(question_id, box.answer, case)
        draw()

    _select(box, question_id, case, sentence)
    show()
    box.expression.observe(show, "value")
    box.previous_button.on_click(lambda _: _step(box, -1))
    box.next_button.on_click(lambda _: _step(box, 1))
    box.check_button.on_click(check)
    draw()
    if question_id is not None:
        _restore(box, question_id, case, story)
        draw()


def _step(box, by: int) -> None:
    """Move the dropdown to the previous or next expression (stopping at either end)."""
    keys = list(box.options["key"])
    at = keys.index(box.expression.value) + by
    if 0 <= at < len(keys):
        box.expression.value = keys[at]


def _select(box, question_id: str | None, case: Case, sentence: str | None) -> None:
    """Select the expression a question's prompt names (and show the prompt), else the first of ``sentence``."""
    key = None
    if question_id is not None:
        table = questions(case)
        row = table[table["id"].str.casefold() == str(question_id).casefold()]
        if len(row):
            prompt, kind = str(row["prompt"].iloc[0]), str(row["kind"].iloc[0])
            extra = "" if kind == "date" else f" This question asks for a {kind}, not a date: answer it with kit.check."
            box.prompt.value = (f"<p style='white-space:normal'><b>{html.escape(str(question_id))}</b>: "
                                f"{html.escape(prompt)}{html.escape(extra)}</p>")
            key = preselect(prompt, box.options)
    if key is None and sentence:
        mine = box.options[box.options["sentence_id"] == sentence]
        key = mine["key"].iloc[0] if len(mine) else None
    if key is not None:
        box.expression.value = key


def _restore(box, question_id: str, case: Case, story: _Story) -> None:
    """Put the last saved answer for this question back in the date box and on the timeline."""
    saved = last_answer(question_id, case.name)
    if saved is None:
        return
    day, _ = parse_picked(str(saved)[:10])
    if day is None:
        return
    option = story.option(box.options, box.expression.value)
    box.date_text.value = box.answer = f"{day:%Y-%m-%d}"
    box.placed = {option["key"]: story.placed_row(option, day, "")}
    box.feedback.value = checked_html(None, None, case, demo=f"Your saved answer is back: {box.answer}. "
                                                              "Check it again or change it.")
