"""The trust sorter and the transfer test: judge short items for trust, how sure, and why (a thin ipywidgets layer).

Both widgets show one item of the trust bank at a time as a card (:func:`kit.trust.judging.trust_card_html`).
The student picks how sure they are (1 to 5), then "Trust it" or "Don't trust it", then the
reason on that side (from ``reasons.csv``, each with what it explains as its tooltip), and
presses Check. Everything is a button: Tab moves, Enter or Space presses.

- :func:`trust_sorter` is practice: feedback at once (:func:`kit.trust.judging.judge`), the
  answer recorded as ``trust.<item>``; Previous / Next move through the set, a line keeps the
  tally in words and an end screen sums it up.
- :func:`trust_test` is the transfer test: the student's form at a test time
  (:func:`kit.trust.forms.form_for`), recorded as ``q90.<item>`` (pre), ``q91.`` (post) or
  ``q92.`` (delayed). While the teacher has not released that lesson's feedback
  (:mod:`kit.exam`) it says only "Recorded."; once released it explains as the sorter does.
  The first answer to an item counts, so an answered item is shown locked.

Answers go to the student's answers file (:func:`kit.core.store.record`, case ``trust``); on
build both widgets start at the first item with no answer and show saved answers, so they
survive a kernel restart. ``bank`` is a path to an ``items.csv`` (the course's when ``None``).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..answer_widget import text_box
from ..core.errors import KitError
from ..core.store import load_attempts, record, student_name
from ..display import PALETTE, focus_css
from ..exam import EXAM_MESSAGE, is_exam_question, withhold
from .bank import ITEMS_FILE, reason_table, trust_items
from .forms import PRACTICE_PREFIX, form_for, question_id
from .sealing import revealed
from .judging import (CONFIDENCE_TIPS, confidence_note, feedback_html, first_unjudged, judge_trust, missing_step, progress_line,
                      reason_choices, reason_tips, saved_answers, saved_note, tally, trust_answer, trust_card_html,
                      trust_end_html, TRUST_LABELS)

if TYPE_CHECKING:
    import ipywidgets
    import pandas as pd

_MUTED = PALETTE["page"]["muted"]
TEACHER_GIVES = "Your teacher gives the feedback on this test."
"""What a test item says once released when the release holds no judgement for it (a sealed bank)."""
SHOWN_COLUMNS = ["id", "set", "format", "topic", "source", "text"]
"""What the transfer test keeps of its items where a student's code can read them (no key)."""
_QUIET_CLICK = ("<style>.jupyter-widgets.{0} .jupyter-button:focus:not(:focus-visible)"
                "{{outline: none !important; box-shadow: none !important}}"
                ".{0} .widget-toggle-buttons .widget-toggle-button{{width:auto;min-width:0}}"
                ".{0} .widget-html-content{{white-space:normal}}</style>")


def widget_css(root: str) -> str:
    """The widget's style: a 2px ring on the control reached by keyboard, none after a click, buttons that wrap.

    >>> "kit-trust-sorter" in widget_css("kit-trust-sorter")
    True
    """
    return focus_css(root) + _QUIET_CLICK.format(root)


def _items_word(n: int) -> str:
    return f"{n} item{'s' if n != 1 else ''}"


def trust_sorter(set_name: str = "sorter", bank: str | Path | None = None) -> ipywidgets.VBox:
    """Build the trust sorter: practice judging a set of the trust bank, with feedback at once.

    Args:
        set_name: a set of ``items.csv``: ``sorter`` (free practice), ``prebunk``, ``review_01`` ... ``review_05``.
        bank: a path to an ``items.csv``; the course's bank when ``None``.

    Returns:
        An ``ipywidgets.VBox`` (root class ``kit-trust-sorter``) whose text form is one line. For tests it
        exposes ``confidence``, ``trust_buttons`` (``"yes"``/``"no"`` to button), ``reason``, ``check_button``,
        ``feedback``, ``card``, ``progress``, ``end``, ``previous_button``, ``next_button``, ``items``,
        ``position`` and ``answer``. An unknown set or a broken bank gives a widget with one sentence.

    >>> repr(trust_sorter("nonsense"))[:60]
    "Trust sorter: There is no item set 'nonsense'; use one of fo"
    """
    return _judging_box("Trust sorter", lambda: set_name, bank, lambda n: f": {n} ({set_name})",
                        lambda item_id: PRACTICE_PREFIX + item_id)


def trust_test(time: str, bank: str | Path | None = None) -> ipywidgets.VBox:
    """Build the transfer test at a time (``pre``, ``post`` or ``delayed``): the student's form, feedback held back.

    The form is :func:`kit.trust.forms.form_for` of the student's name (``KIT_STUDENT``); its items come in
    the bank's order. Each answer is recorded as :func:`kit.trust.forms.question_id`; while the test's
    lesson is an exam lesson (:func:`kit.exam.withhold`) the widget says only "Recorded." and the answers
    file keeps the status ``recorded``. It counts "k of n answered" and never shows the key.

    Returns:
        An ``ipywidgets.VBox`` (root class ``kit-trust-test``) with the attributes of :func:`trust_sorter`,
        plus ``form``; ``items`` holds no key.

    >>> repr(trust_test("someday"))
    "Trust test: 'someday' is not a test time; use one of pre, post, delayed."
    """
    box = _judging_box("Trust test", lambda: form_for(student_name(), time), bank, lambda n: f" ({time}): {n}",
                       lambda item_id: question_id(time, item_id), test=True)
    if hasattr(box, "items"):
        box.items = box.items[SHOWN_COLUMNS]
    return box


def _judging_box(title: str, set_of, bank, heading, question_of, test: bool = False) -> ipywidgets.VBox:
    """The body both builders share: load the set, say why when there is nothing to judge, wire the card."""
    root = "kit-trust-test" if test else "kit-trust-sorter"
    try:
        set_name = set_of()
        items, reasons = trust_items(set_name, bank), reason_table()
    except KitError as exc:
        return _message_box(title, root, str(exc))
    if items.empty:
        return _message_box(title, root, _no_items(set_name, bank))
    box = _build_box(f"{title}{heading(_items_word(len(items)))}: trust or not, how sure, and why.", root)
    form = set_name if test else None
    if test:
        box.form = form
    _Judging(box, items, reasons, {i: question_of(i) for i in items["id"]}, form).start()
    return box


def _no_items(set_name: str, bank: str | Path | None) -> str:
    return f"The set {set_name!r} has no items in {Path(bank or ITEMS_FILE).name} yet, so there is nothing to judge."


def _message_box(title: str, root: str, message: str) -> ipywidgets.VBox:
    """A widget that only says why there is nothing to judge (one sentence, also its text form)."""
    import ipywidgets as w

    box = text_box(f"{title}: {message}", layout=w.Layout(width="100%", max_width="820px"))
    box.add_class(root)
    box.message = w.HTML(f'<div class="kit-feedback kit-invalid" style="padding:6px 10px;white-space:normal">'
                         f"{html.escape(message)}</div>")
    box.children = [box.message]
    return box


def _build_box(text: str, root: str) -> ipywidgets.VBox:
    """Lay out the widgets of a sorter or test (no behaviour yet)."""
    import ipywidgets as w

    auto = w.Layout(width="auto")
    box = text_box(text, layout=w.Layout(width="100%", max_width="820px"))
    box.add_class(root)
    box.card, box.feedback, box.progress, box.end = w.HTML(), w.HTML(), w.HTML(), w.HTML()
    box.confidence = w.ToggleButtons(options=[(str(n), n) for n in range(1, 6)], value=None, description="Sure?",
                                     tooltips=list(CONFIDENCE_TIPS), style={"button_width": "42px"})
    box.trust_buttons = {value: w.Button(description=label, tooltip=label, layout=auto)
                         for value, label in TRUST_LABELS.items()}
    box.reason = w.ToggleButtons(options=[], value=None, description="Why?",
                                 style={"description_width": "initial", "button_width": "auto"},
                                 layout=w.Layout(width="auto", flex_flow="row wrap"))
    box.check_button = w.Button(description="Check", button_style="primary", tooltip="Check your judgement",
                                layout=w.Layout(width="auto", align_self="flex-start"))
    box.previous_button = w.Button(description="← Previous", layout=auto)
    box.next_button = w.Button(description="Next →", layout=auto)
    box.trust, box.answer, box.position = None, None, 0
    box.children = [w.HTML(widget_css(root)), box.progress, box.card, box.confidence,
                    w.HBox(list(box.trust_buttons.values()), layout=w.Layout(flex_flow="row wrap")),
                    box.reason, box.check_button, box.feedback,
                    w.HBox([box.previous_button, box.next_button]), box.end]
    return box


def _attempts() -> list[dict[str, Any]]:
    try:
        return load_attempts()
    except KitError:  # a damaged file counts as none; the next record sets it aside and says so
        return []


class _Judging:
    """What the controls do: which item is shown, what Check records (the pure parts are in kit.trust.judging)."""

    def __init__(self, box, items: pd.DataFrame, reasons: pd.DataFrame, questions: dict[str, str],
                 form: str | None = None) -> None:
        self.box, self.items, self.reasons, self.questions, self.form = box, items, reasons, questions, form
        ids = list(self.reasons.index)  # a student release seals the judgements: open them (none for a test form)
        self.plain = {row["id"]: revealed(row, ids) for row in items.to_dict("records")}
        self.keyed = items.assign(trust=[self.plain[i]["trust"] for i in items["id"]])
        attempts = _attempts()
        self.first = saved_answers(attempts, questions)
        self.last = saved_answers(attempts, questions, first=False)
        box.items = items

    @property
    def testing(self) -> bool:
        return self.form is not None

    def start(self) -> None:
        box = self.box
        for value, button in box.trust_buttons.items():
            button.on_click(lambda _, v=value: self.on_trust(v))
        box.check_button.on_click(lambda _: self.on_check())
        box.previous_button.on_click(lambda _: self.on_move(-1))
        box.next_button.on_click(lambda _: self.on_move(1))
        box.confidence.observe(lambda _: self.sync(), names="value")
        box.reason.observe(lambda _: self.sync(), names="value")
        box.position = first_unjudged(self.items, self.first)
        self.show()

    def sync(self) -> None:
        """Keep ``box.answer`` to what the controls say."""
        box = self.box
        box.answer = None if box.trust is None else {"trust": box.trust, "confidence": box.confidence.value,
                                                     "reason": box.reason.value} | ({"form": self.form} if self.form else {})

    def on_trust(self, value: str | None) -> None:
        box = self.box
        box.trust = value
        for key, button in box.trust_buttons.items():
            button.button_style = "info" if key == value else ""
        with box.reason.hold_trait_notifications():
            box.reason.options = reason_choices(value, self.reasons) if value else []
            box.reason.tooltips = reason_tips(value, self.reasons) if value else []
        box.reason.value = None
        self.sync()

    def feedback(self, question: str, item_id: str, answer: dict[str, Any]) -> tuple[str, str]:
        """The status and feedback box of an answer: judged, then held back if it is an exam question."""
        item = self.plain[item_id]
        if item["trust"] not in TRUST_LABELS:  # a sealed test item: no judgement here, the teacher gives it
            message = EXAM_MESSAGE if is_exam_question(question) else TEACHER_GIVES
            return "recorded", feedback_html("recorded", html.escape(message))
        status, body = judge_trust(item, answer["trust"], answer.get("reason"), self.reasons)
        if self.testing:
            shown, message = withhold(question, status, body)
            if shown == "recorded":
                return shown, feedback_html(shown, html.escape(message))
        return status, feedback_html(status, body)

    def on_check(self) -> None:
        box = self.box
        if self.testing and self.items["id"].iloc[box.position] in self.first:
            return  # a test item's first answer counts (its controls are locked; a late click changes nothing)
        problem = missing_step(box.trust, box.confidence.value, box.reason.value)
        if problem:
            box.feedback.value = feedback_html("unanswered", html.escape(problem))
            return
        item = self.items["id"].iloc[box.position]
        question = self.questions[item]
        answer = trust_answer(box.trust, box.confidence.value, box.reason.value, self.form)
        status, shown = self.feedback(question, item, answer)
        note = record(question, answer, status, case="trust")
        self.first.setdefault(item, answer)
        self.last[item] = answer
        box.feedback.value = shown + (f'<div style="font-size:90%">{html.escape(note)}</div>' if note else "")
        self.show(answered=True)

    def on_move(self, step: int) -> None:
        self.box.position = max(0, min(len(self.items) - 1, self.box.position + step))
        self.show()

    def restore(self, answer: dict[str, Any] | None) -> None:
        """Put a saved answer (or nothing) into the controls."""
        box = self.box
        self.on_trust(answer["trust"] if answer else None)
        confidence = answer.get("confidence") if answer else None
        box.confidence.value = confidence if confidence in range(1, 6) else None
        reason = answer.get("reason") if answer else None
        box.reason.value = reason if reason in [value for _, value in box.reason.options] else None

    def lock(self, locked: bool) -> None:
        """Disable the controls (a test item already answered: its first answer counts) or enable them."""
        box = self.box
        for control in (box.confidence, box.reason, box.check_button, *box.trust_buttons.values()):
            control.disabled = locked

    def show(self, answered: bool = False) -> None:
        """Show the current item, its saved answer, the progress line and (when all are answered) the end screen.

        ``answered``: the item was just checked, so its feedback is on screen already.
        """
        box, items = self.box, self.items
        item = items.iloc[box.position]
        question = self.questions[item["id"]]
        saved = (self.first if self.testing else self.last).get(item["id"])
        note = saved_note(saved, self.reasons) if saved else ""
        if saved and self.testing:
            note += " Your first answer is the one that counts."
        box.card.value = trust_card_html(item, box.position, len(items), note)
        if not answered:
            self.restore(saved)
            box.feedback.value = self.feedback(question, item["id"], saved)[1] if saved else ""
        self.lock(self.testing and saved is not None)
        counts = tally(self.keyed, self.first)
        sealed = any(key not in TRUST_LABELS for key in self.keyed["trust"])
        withheld = self.testing and (sealed or is_exam_question(question))
        line = (f"{counts['judged']} of {counts['total']} answered." if self.testing else progress_line(counts))
        box.progress.value = f'<span style="color:{_MUTED}">{html.escape(line)}</span>'
        box.previous_button.disabled = box.position == 0
        box.next_button.disabled = box.position >= len(items) - 1
        done = counts["judged"] == counts["total"]
        box.end.value = "" if not done else (
            _all_recorded(counts) if withheld else trust_end_html(counts, confidence_note(self.keyed, self.first)))


def _all_recorded(counts: dict[str, int]) -> str:
    return (f'<div class="kit-end-screen" style="padding:10px 14px;white-space:normal"><strong>All '
            f"{counts['total']} answered.</strong> {html.escape(EXAM_MESSAGE)}</div>")
