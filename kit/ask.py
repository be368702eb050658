"""Answer a question by clicking: ``kit.ask("q1.1")`` shows the question with the control that answers it.

Check hands the picked value to :func:`kit.check`, which records it like a typed
answer (the grader reads it from the answers file handed in, :mod:`kit.grading.submitted`);
after a kernel restart the widget shows the last saved answer again.
``kit.ask("q1.1", answer_q1_1)`` also takes a typed answer: unless it is ``...``
it is shown picked and checked at once, so a solution notebook shows the right
choice and its feedback. Without a widget frontend (a static view of the
notebook) the widget reads as its feedback text.

The rules (which control, which options, which answer) are the pure functions
of :mod:`kit.ask_rules`; this module only wires them to ipywidgets.

>>> from kit.ask_rules import make_tiny_case
>>> box = ask("q0.1", case=make_tiny_case())
>>> repr(box).startswith("q0.1 ⚠ Cannot check this yet. Case 'harbour' has no questions key yet")
True
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .ask_rules import PLACEHOLDER, answer_of, control_for, prompt_article, sentence_choices, state_of
from .checks import Feedback, check
from .core.case import resolve_case
from .core.errors import KitError
from .display import focus_css
from .answer_widget import last_answer, text_box
from .sealed import sealed_questions

if TYPE_CHECKING:
    from .core.case import Case

OPTION_CSS = (".jupyter-widgets.kit-ask button.kit-option{white-space: normal !important; height: auto !important;"
              "min-height: 30px; text-align: left; line-height: 1.35; padding: 4px 10px; overflow: visible}"
              ".jupyter-widgets.kit-ask .kit-options{max-height: 340px; overflow-y: auto; padding: 2px}"
              ".jupyter-widgets.kit-ask .widget-checkbox label{white-space: normal}")
"""Options are full-width buttons whose words wrap (ipywidgets keeps a button on one line, cut with "…"); a long
list of sentences scrolls inside its own box. Buttons, not a list box or radio buttons: JupyterLab takes the arrow
keys a list or a radio group needs, so a button per option (Tab, then Space or Enter) is what works by keyboard."""

PICK = "Pick your answer above, then press Check."
"""What the widget says before an answer is picked (and when Check is pressed with none)."""


def question_row(loaded: Case, question_id: str) -> dict[str, str] | None:
    """The visible fields (id, kind, prompt, options) of a question of the plain or the sealed key, or ``None``."""
    table = loaded.keys.get("questions")
    if table is None and (sealed := sealed_questions(loaded.path)) is not None:
        table = sealed[0]
    if table is None:
        return None
    match = table[table["id"].astype(str).str.casefold() == str(question_id).strip().casefold()]
    if match.empty:
        return None
    return {c: ("" if v is None else str(v)) for c, v in match.iloc[0].to_dict().items()
            if c in ("id", "kind", "prompt", "options")}


def ask(question_id: str, answer: Any = ..., case: Case | str | Path | None = None) -> Any:
    """Show a question with the control that answers it; Check records the answer like :func:`kit.check`.

    Args:
        question_id: the question's id, e.g. ``"q1.1"``.
        answer: a typed answer (``...`` for none): it is shown picked and checked (and recorded) at once.
        case: a loaded case, a case folder, or ``None`` for the current case.

    Returns:
        A widget (a ``VBox``) with ``.answer``, ``.check_button`` and ``.feedback``; its text form (``repr``, shown
        where widgets are not) is the latest feedback.
    """
    loaded = resolve_case(case)
    question = question_row(loaded, question_id)
    try:
        control, options = control_for(question, loaded) if question else ("", [])
    except KitError as exc:
        return _message_box(Feedback(str(question_id), "invalid", str(exc)))
    if question is None:  # an unknown id, no key, or the grader's sandbox: check says which, in one sentence
        return _message_box(check(str(question_id), answer, loaded, save=False))
    box = _build(question, control, options, loaded)
    if answer is not ...:
        _show(box, state_of(question["kind"], answer))
        _checked(box, question, loaded, save=True)
    elif (saved := last_answer(question["id"], loaded.name)) is not None:
        _show(box, state_of(question["kind"], saved))
        _checked(box, question, loaded, save=False)
    else:
        box.text = repr(Feedback(question["id"], "unanswered", PICK))
    return box


def _message_box(feedback: Feedback) -> Any:
    import ipywidgets as w

    box = text_box(repr(feedback), children=[w.HTML(feedback._repr_html_())])
    box.add_class("kit-ask")
    return box


def _build(question: dict[str, str], control: str, options: list[tuple[str, str]], loaded: Case) -> Any:
    import ipywidgets as w

    box = text_box("")
    box.kind, box.control, box.case, box.answer, box.chosen = question["kind"], control, loaded, ..., []
    head = w.HTML(f"<style>{OPTION_CSS}</style>" + focus_css("kit-ask") + '<div style="white-space:normal">'
                  f'<strong>{html.escape(question["id"])}</strong> {html.escape(question["prompt"])}</div>')
    parts: list[w.Widget] = [head]
    if control == "radio":
        box.options_box = _option_buttons(box, options)
        parts.append(box.options_box)
    elif control == "ticks":
        box.ticks = {value: w.Checkbox(description=label, value=False, indent=False, layout=w.Layout(width="auto"))
                     for label, value in options}
        parts.append(w.VBox(list(box.ticks.values())))
    elif control in ("sentence", "sentences"):
        start = prompt_article(question["prompt"], loaded) or (options[0][1] if options else None)
        box.article = w.ToggleButtons(options=options, value=start, style={"button_width": "auto"},
                                      tooltips=[label for label, _ in options])
        box.options_box = _option_buttons(box, sentence_choices(loaded, start) if start else [])
        box.article.observe(lambda ch: _show_article(box, ch["new"]), "value")
        box.picked = w.HTML()
        parts += [w.HTML("Article:"), box.article, box.options_box, box.picked]
    else:
        box.typed = w.Text(placeholder=PLACEHOLDER.get(question["kind"], ""), layout=w.Layout(width="320px"),
                           continuous_update=False)  # sent when the box is left or Enter pressed: before Check's click
        parts.append(box.typed)
    box.check_button = w.Button(description="Check", button_style="primary", icon="check")
    box.check_button.on_click(lambda _: _checked(box, question, loaded, save=True))
    box.feedback = w.HTML()
    box.children = [*parts, box.check_button, box.feedback]
    box.layout = w.Layout(width="100%", max_width="920px")
    box.add_class("kit-ask")
    return box


def _option_buttons(box: Any, options: list[tuple[str, str]]) -> Any:
    """One full-width toggle button per option; a choice or a sentence keeps one pressed, ``sentences`` several."""
    import ipywidgets as w

    box.buttons = {}
    for label, value in options:
        button = w.ToggleButton(description=label, value=value in box.chosen, tooltip=label,
                                layout=w.Layout(width="100%", margin="1px 0"))
        button.add_class("kit-option")
        button.observe(lambda ch, value=value: _toggled(box, value, ch["new"]), "value")
        box.buttons[value] = button
    holder = w.VBox(list(box.buttons.values()), layout=w.Layout(width="100%"))
    holder.add_class("kit-options")
    return holder


def _toggled(box: Any, value: str, pressed: bool) -> None:
    """Keep ``box.chosen`` in step with the buttons: one choice (the others released) or a growing list."""
    if box.control == "sentences":
        box.chosen = [*[c for c in box.chosen if c != value], *([value] if pressed else [])]
        _show_picked(box)
        return
    if pressed:
        box.chosen = [value]
        for other, button in box.buttons.items():
            if other != value and button.value:
                button.value = False
    elif box.chosen == [value]:
        box.chosen = []
    if box.control == "sentence":
        _show_picked(box)


def _show_article(box: Any, article: str | None) -> None:
    fresh = _option_buttons(box, sentence_choices(box.case, article) if article else [])
    box.options_box.children = fresh.children


def _state(box: Any) -> dict[str, Any]:
    control = box.control
    if control == "radio":
        return {"choice": box.chosen[0] if box.chosen else None}
    if control == "ticks":
        return {"ticked": [value for value, tick in box.ticks.items() if tick.value]}
    if control == "sentence":
        return {"sentence": box.chosen[0] if box.chosen else None}
    if control == "sentences":
        return {"sentences": list(box.chosen)}
    return {"typed": box.typed.value}


def _show(box: Any, state: dict[str, Any]) -> None:
    """Set the controls to show a state (a saved or typed answer); values the case lacks are left unpicked."""
    control = box.control
    if control == "ticks":
        for value, tick in box.ticks.items():
            tick.value = value in (state.get("ticked") or [])
    elif control == "typed":
        box.typed.value = str(state.get("typed", ""))
    else:
        ids = [state.get("choice") or state.get("sentence")] if control != "sentences" else list(state.get("sentences") or [])
        ids = [i for i in ids if isinstance(i, str)]
        if control in ("sentence", "sentences"):
            ids = [i for i in ids if i in set(box.case.sentences["sentence_id"])]
            if ids:
                box.article.value = ids[-1].split(".")[0]
        box.chosen = ids if control == "sentences" else ids[:1]
        for value, button in box.buttons.items():
            button.value = value in box.chosen
        if control in ("sentence", "sentences"):
            _show_picked(box)


def _show_picked(box: Any) -> None:
    """Show what is picked so far, whole, with its words: sentences may come from several articles."""
    if not box.chosen:
        box.picked.value = ("<p>Press the sentences that answer, in one article or several.</p>"
                            if box.control == "sentences" else "")
        return
    items = "".join(f"<li><strong>{html.escape(s)}</strong> {html.escape(box.case.sentence(s))}</li>" for s in box.chosen)
    box.picked.value = f'<div style="white-space:normal">Your answer:<ul>{items}</ul></div>'


def _checked(box: Any, question: dict[str, str], loaded: Case, *, save: bool) -> None:
    box.answer = answer_of(question["kind"], _state(box))
    result = check(question["id"], box.answer, loaded, save=save)
    if box.answer is ...:
        result = Feedback(question["id"], "unanswered", PICK)
    box.feedback.value = result._repr_html_()
    box.text = repr(result)
