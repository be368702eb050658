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

import ipywidgets as w

from .ask_rules import PLACEHOLDER, answer_of, control_for, prompt_article, sentence_options, state_of
from .checks import Feedback, check
from .core.case import resolve_case
from .core.errors import KitError
from .display import focus_css
from .answer_widget import last_answer
from .sealed import sealed_questions

if TYPE_CHECKING:
    from .core.case import Case

WRAP_CSS = ("<style>.jupyter-widgets.kit-ask .widget-radio-box label, .jupyter-widgets.kit-ask .widget-checkbox label"
            "{white-space: normal !important; overflow: visible; height: auto; line-height: 1.3}"
            ".jupyter-widgets.kit-ask .widget-radio-box label{margin: 3px 0}</style>")
"""Long choices wrap instead of running off the edge (ipywidgets keeps a label on one line)."""

PICK = "Pick your answer above, then press Check."
"""What the widget says before an answer is picked (and when Check is pressed with none)."""


class AskBox(w.VBox):
    """The answer widget; its text form (``repr``, shown where widgets are not) is the latest feedback."""

    text = ""

    def __repr__(self) -> str:
        return self.text


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


def ask(question_id: str, answer: Any = ..., case: Case | str | Path | None = None) -> AskBox:
    """Show a question with the control that answers it; Check records the answer like :func:`kit.check`.

    Args:
        question_id: the question's id, e.g. ``"q1.1"``.
        answer: a typed answer (``...`` for none): it is shown picked and checked (and recorded) at once.
        case: a loaded case, a case folder, or ``None`` for the current case.

    Returns:
        An :class:`AskBox` widget with ``.answer``, ``.check_button`` and ``.feedback``.
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


def _message_box(feedback: Feedback) -> AskBox:
    box = AskBox([w.HTML(feedback._repr_html_())])
    box.text = repr(feedback)
    box.add_class("kit-ask")
    return box


def _build(question: dict[str, str], control: str, options: list[tuple[str, str]], loaded: Case) -> AskBox:  # long: one builder per control, each a few lines
    full = w.Layout(width="100%", max_width="900px")
    parts: list[w.Widget] = [w.HTML(focus_css("kit-ask") + WRAP_CSS + '<div style="white-space:normal">'
                                    f'<strong>{html.escape(question["id"])}</strong> {html.escape(question["prompt"])}</div>')]
    box = AskBox()
    box.kind, box.control, box.case, box.answer = question["kind"], control, loaded, ...
    if control == "radio":
        box.choice = w.RadioButtons(options=options, value=None, layout=full)
        parts.append(box.choice)
    elif control == "ticks":
        box.ticks = {value: w.Checkbox(description=label, value=False, indent=False, layout=full) for label, value in options}
        parts.append(w.VBox(list(box.ticks.values())))
    elif control in ("sentence", "sentences"):
        start = prompt_article(question["prompt"], loaded) or (options[0][1] if options else None)
        box.article = w.Dropdown(options=options, value=start, description="Article", layout=w.Layout(width="auto"))
        box.sentence = w.Select(options=sentence_options(loaded, start) if start else [], value=None, rows=8, layout=full)
        box.picked = w.HTML()
        box.article.observe(lambda ch: setattr(box.sentence, "options", sentence_options(loaded, ch["new"])), "value")
        box.sentence.observe(lambda ch: _show_picked(box), "value")
        parts += [box.article, box.sentence]
        if control == "sentences":
            box.chosen = []
            box.add_button = w.Button(description="Add sentence", icon="plus")
            box.remove_button = w.Button(description="Remove sentence", icon="minus")
            box.add_button.on_click(lambda _: _pick(box, add=True))
            box.remove_button.on_click(lambda _: _pick(box, add=False))
            parts.append(w.HBox([box.add_button, box.remove_button]))
        parts.append(box.picked)
    else:
        box.typed = w.Text(placeholder=PLACEHOLDER.get(question["kind"], ""), layout=w.Layout(width="320px"))
        parts.append(box.typed)
    box.check_button = w.Button(description="Check", button_style="primary", icon="check")
    box.check_button.on_click(lambda _: _checked(box, question, loaded, save=True))
    box.feedback = w.HTML()
    box.children = [*parts, box.check_button, box.feedback]
    box.layout = w.Layout(width="100%", max_width="920px")
    box.add_class("kit-ask")
    return box


def _state(box: AskBox) -> dict[str, Any]:
    control = box.control
    if control == "radio":
        return {"choice": box.choice.value}
    if control == "ticks":
        return {"ticked": [value for value, tick in box.ticks.items() if tick.value]}
    if control == "sentence":
        return {"sentence": box.sentence.value}
    if control == "sentences":
        return {"sentences": list(box.chosen)}
    return {"typed": box.typed.value}


def _show(box: AskBox, state: dict[str, Any]) -> None:
    """Set the controls to show a state (a saved or typed answer); unknown values are left unpicked."""
    control = box.control
    if control == "radio" and state.get("choice") in {v for _, v in box.choice.options}:
        box.choice.value = state["choice"]
    elif control == "ticks":
        for value, tick in box.ticks.items():
            tick.value = value in (state.get("ticked") or [])
    elif control in ("sentence", "sentences"):
        ids = [state.get("sentence")] if control == "sentence" else list(state.get("sentences") or [])
        ids = [i for i in ids if isinstance(i, str) and "." in i]
        if control == "sentences":
            box.chosen = ids
        if ids and ids[-1].split(".")[0] in {v for _, v in box.article.options}:
            box.article.value = ids[-1].split(".")[0]
            if ids[-1] in {v for _, v in box.sentence.options}:
                box.sentence.value = ids[-1]
        _show_picked(box)
    elif control == "typed":
        box.typed.value = str(state.get("typed", ""))


def _pick(box: AskBox, *, add: bool) -> None:
    sid = box.sentence.value
    if sid is None:
        return
    chosen = [s for s in box.chosen if s != sid]
    box.chosen = [*chosen, sid] if add else chosen
    _show_picked(box)


def _show_picked(box: AskBox) -> None:
    """Show the picked sentence whole (one sentence) or the list picked so far (several)."""
    case = box.case
    if box.control == "sentences":
        if not box.chosen:
            box.picked.value = "<p>No sentence added yet: pick one in the list and press Add sentence.</p>"
            return
        items = "".join(f"<li><strong>{html.escape(s)}</strong> {html.escape(case.sentence(s))}</li>" for s in box.chosen)
        box.picked.value = f'<div style="white-space:normal">Your sentences:<ul>{items}</ul></div>'
        return
    sid = box.sentence.value
    box.picked.value = ("" if sid is None else
                        f'<div style="white-space:normal"><strong>{html.escape(sid)}</strong> {html.escape(case.sentence(sid))}</div>')


def _checked(box: AskBox, question: dict[str, str], loaded: Case, *, save: bool) -> None:
    box.answer = answer_of(question["kind"], _state(box))
    result = check(question["id"], box.answer, loaded, save=save)
    if box.answer is ...:
        result = Feedback(question["id"], "unanswered", PICK)
    box.feedback.value = result._repr_html_()
    box.text = repr(result)
