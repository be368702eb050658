"""The capstone's verdict builder widget: pick a rating and evidence, watch the ClaimReview being built and checked.

A thin ipywidgets layer over :mod:`kit.verdict_builder`. The student types the
claim, picks a rating of the scale (each shown with its meaning), finds evidence
sentences by id, outlet or words and adds them as supporting or contradicting
the claim; a panel shows the ClaimReview JSON-LD as it is built and, in plain
words, what it still lacks, after every change. "Save" writes the ClaimReview
with :func:`kit.verdict.save_claim_review` next to the student's answers file and
checks the questions it was given through :func:`kit.answer_widget.checked_html`
(which records them like typed answers); opened again, even after a kernel
restart, the builder takes up the last saved answers and ClaimReview.

Every control is a text box, a list, a dropdown or a button: Tab moves between
them, arrows choose in a list, Enter or Space presses a button.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answer_widget import checked_html, last_answer, text_box
from .core.case import resolve_case
from .core.errors import KitError
from .core.paths import answers_path
from .core.store import student_name
from .display import PALETTE, focus_css
from .verdict import VERDICT_MEANINGS, VERDICTS, save_claim_review
from .verdict_builder import (
    MATCHES_SHOWN, STANCES, build_review, case_claim, find_sentences, is_verdict, option_label, picked_html, problems_html,
    question_answers, question_stances, read_review, restore_review, review_html, review_problems, scale_html,
    sentence_table,
)

if TYPE_CHECKING:
    import ipywidgets

    from .core.case import Case

VERDICT_CSS = focus_css("kit-verdict") + (
    "<style>.jupyter-widgets.kit-verdict .widget-checkbox label{white-space:nowrap;overflow:hidden;"
    "text-overflow:ellipsis;max-width:100%}"
    f".jupyter-widgets.kit-verdict pre:focus-visible{{outline: 2px solid {PALETTE['focus']['ring']} !important}}</style>")
"""A 2px focus ring on every button, text box and tick box of the builder, and on the ClaimReview panel (it
scrolls, so the browser lets Tab reach it); a long sentence ends in "…"."""


WIDGET_TEXT = "Verdict builder: pick a rating and evidence sentences for and against; the ClaimReview is built and validated as you go."
"""The widget's text form: what a static view of the notebook shows instead of the widget."""


def review_path(case_name: str) -> Path:
    """Where the builder saves a case's ClaimReview: ``claimreview_<case>.json`` beside the answers file.

    >>> review_path("seeds").name
    'claimreview_seeds.json'
    """
    return answers_path().parent / f"claimreview_{case_name}.json"


def build_verdict(claim: str | None = None, case: Case | str | Path | None = None, rating_question: str | None = None,
                  evidence_questions: dict[str, str] | str | None = None, *,
                  review_question: str | None = None) -> ipywidgets.VBox:
    """Build the verdict builder for a case; Save writes the ClaimReview and checks the questions given.

    Args:
        claim: the claim to rate; by default the case's capstone claim (:func:`kit.verdict_builder.case_claim`).
            A ClaimReview saved before for this case (:func:`review_path`) brings back its own claim.
        case: a loaded case, a case folder, or ``None`` for the course's case.
        rating_question: a question of kind ``choice`` on the verdict scale (e.g. ``"q5.1"``).
        evidence_questions: questions of kind ``sentences``: ``{"for": "q5.2", "against": "q5.3"}`` takes the
            supporting and the contradicting sentences apart; one id takes all the evidence.
        review_question: a question of kind ``review`` (e.g. ``"q5.7"``) that takes the ClaimReview itself.

    Returns:
        An ``ipywidgets.VBox`` (class ``kit-verdict``) exposing ``claim``, ``rating`` (toggle buttons, one per
        verdict), ``scale`` (the verdicts' meanings), ``search``, ``result_boxes`` and ``picked_boxes`` (tick boxes
        by sentence id, in ``results`` and ``picked``), ``add_for``, ``add_against``, ``remove_button``,
        ``reasoning``, ``json``, ``problems``, ``save_button`` (also ``check_button``), ``feedback``; ``evidence``
        (``{sentence id: stance}``), ``answer`` (the ClaimReview as built), ``answers`` (``{question id: answer}``)
        and ``saved_to``. With no question, the builder is a demo: Save writes the file and records nothing.
        Every control is reached with Tab and used with Space or Enter (a list or dropdown would take the arrow
        keys from JupyterLab, which moves the cell cursor with them).

    >>> box = build_verdict("The port reopened on Monday.")
    >>> box.rating.value = "likely"; box.answer["reviewRating"]["alternateName"]
    'likely'
    """
    import ipywidgets as w

    loaded = resolve_case(case)
    stances = question_stances(evidence_questions)
    box = _layout(w, loaded)
    box.evidence, box.answers, box.saved_to = {}, {}, review_path(loaded.name)
    questions = {"rating": rating_question, "stances": stances, "review": review_question}
    refresh = _wire(box, loaded, questions)
    restored = _restore(box, loaded, questions, claim)
    refresh()
    box.feedback.value = restored
    return box


def _layout(w, case: Case) -> ipywidgets.VBox:
    """The builder's controls, laid out (no behaviour yet)."""
    full = {"description_width": "initial"}

    def row(**more: str):  # the whole width; no side margin, which would overflow it
        return w.Layout(width="100%", margin="2px 0", **more)

    box = text_box(WIDGET_TEXT, layout=w.Layout(width="100%", max_width="900px"))
    box.add_class("kit-verdict")
    box.claim = w.Text(description="Claim", placeholder="the claim you rate, a statement or a question",
                       style=full, layout=row())
    box.rating = w.ToggleButtons(options=list(VERDICTS), value=None, description="Rating", style=full,
                                 tooltips=[f"{v}: {m}" for v, m in VERDICT_MEANINGS.items()], layout=row())
    box.scale = w.HTML(layout=row())
    box.search = w.Text(description="Find sentences", placeholder="a word, an outlet, or an id like A2.S13; Enter searches",
                        continuous_update=False, style=full, layout=row())  # one search per query: no list rebuilt
    # under the student's Tab or click while they are still typing
    box.results, box.picked = w.VBox(layout=row()), w.VBox(layout=row())
    box.results.add_class("kit-verdict-matches")
    box.result_boxes, box.picked_boxes = {}, {}
    box.results_note, box.preview = w.HTML(), w.HTML()
    box.add_for = w.Button(description="Add as supporting", tooltip="Add the ticked sentences as evidence for "
                           "the claim", layout=w.Layout(width="auto"))
    box.add_against = w.Button(description="Add as contradicting", tooltip="Add the ticked sentences as "
                               "evidence against the claim", layout=w.Layout(width="auto"))
    box.remove_button = w.Button(description="Remove ticked", tooltip="Take the ticked sentences out of your "
                                 "evidence", layout=w.Layout(width="auto"))
    box.picked_list = w.HTML()
    box.reasoning = w.Text(description="Your reasoning (optional)", style=full, layout=row(),
                           placeholder="in a sentence or two: what settles it, or what does not")
    box.problems, box.json, box.feedback = w.HTML(), w.HTML(), w.HTML()
    box.save_button = w.Button(description="Save ClaimReview", button_style="primary", layout=w.Layout(width="auto"))
    box.check_button = box.save_button
    for part in (box.json, box.problems, box.feedback, box.picked_list, box.preview, box.results_note):
        part.layout = row()
    box.feedback.add_class("kit-verdict-feedback")
    box.preview.add_class("kit-verdict-preview")
    box.children = [
        w.HTML(VERDICT_CSS + f"<p style='white-space:normal;margin:2px 0'><b>Verdict builder</b> · case "
                             f"{html.escape(case.name)}: rate the claim, add the evidence, and watch the "
                             "ClaimReview below take shape.</p>"),
        box.claim, box.rating, box.scale, box.search, box.results_note, box.results, box.preview,
        w.HBox([box.add_for, box.add_against], layout=row(flex_flow="row wrap")),
        w.HTML("<b>Your evidence</b>"), box.picked_list, box.picked,
        w.HBox([box.remove_button], layout=row(flex_flow="row wrap")), box.reasoning,
        w.HTML("<b>Your ClaimReview, as it is built</b>"), box.problems, box.json,
        w.HBox([box.save_button], layout=row(flex_flow="row wrap")), box.feedback,
    ]
    return box


def _ticks(w, rows: list[tuple[str, str]], on_change) -> dict[str, Any]:
    """One checkbox per ``(sentence id, label)``, each calling ``on_change`` when ticked or unticked."""
    boxes = {}
    for sid, label in rows:
        tick = w.Checkbox(value=False, description=label, indent=False, layout=w.Layout(width="100%", margin="0"))
        tick.observe(on_change, "value")
        boxes[sid] = tick
    return boxes


def _refresh(w, box, case: Case, questions: dict[str, Any], table, by: tuple[str, str]) -> None:
    """Rebuild the ClaimReview from the controls (``by``: author and date) and show it, its problems and the evidence."""
    author, today = by
    doc = build_review(box.claim.value, box.rating.value, box.evidence, case, author=author,
                       date_published=today, reasoning=box.reasoning.value)
    box.answer = doc
    box.answers = question_answers(box.rating.value, box.evidence, doc, rating_question=questions["rating"],
                                   stances=questions["stances"], review_question=questions["review"])
    box.problems.value = problems_html(review_problems(box.claim.value, box.rating.value, box.evidence, case,
                                                       doc, questions["stances"]))
    box.json.value = review_html(doc)
    box.scale.value = scale_html(box.rating.value)
    box.picked_list.value = picked_html(box.evidence, case)
    box.picked_boxes = _ticks(w, [(sid, option_label({"sentence_id": sid, "outlet": STANCES.get(stance, stance),
                                                      "text": table.loc[sid, "text"] if sid in table.index else ""}))
                                  for sid, stance in box.evidence.items()], lambda _: None)
    box.picked.children = list(box.picked_boxes.values())


def _wire(box, case: Case, questions: dict[str, Any]):
    """Connect the controls: every change rebuilds the ClaimReview and its problems; returns that refresh."""
    import ipywidgets as w

    table = sentence_table(case).set_index("sentence_id")
    author, today = student_name(), dt.date.today().isoformat()

    def refresh(_=None) -> None:
        _refresh(w, box, case, questions, table, (author, today))

    def filter_sentences(_=None) -> None:
        found = find_sentences(case, box.search.value)
        shown = found.head(MATCHES_SHOWN).to_dict("records")
        box.result_boxes = _ticks(w, [(row["sentence_id"], option_label(row)) for row in shown], preview)
        box.results.children = list(box.result_boxes.values())
        box.results_note.value = _matches_note(len(found), len(table), box.search.value, len(shown))
        preview()

    def ticked(boxes: dict[str, Any]) -> list[str]:
        return [sid for sid, tick in boxes.items() if tick.value]

    def preview(_=None) -> None:
        box.preview.value = "".join(
            f"<p style='white-space:normal;margin:2px 0'><b>{html.escape(sid)}</b> · "
            f"{html.escape(table.loc[sid, 'outlet'])}: {html.escape(table.loc[sid, 'text'])}</p>"
            for sid in ticked(box.result_boxes))

    def add(stance: str) -> None:
        chosen = ticked(box.result_boxes)
        if not chosen:
            box.feedback.value = "<p>Tick one or more sentences in the list of matches first, then add them.</p>"
            return
        box.evidence = {**box.evidence, **dict.fromkeys(chosen, stance)}
        box.feedback.value = ""
        for sid in chosen:
            box.result_boxes[sid].value = False
        refresh()

    def remove(_=None) -> None:
        gone = set(ticked(box.picked_boxes))
        box.evidence = {sid: s for sid, s in box.evidence.items() if sid not in gone}
        refresh()

    for control in (box.claim, box.rating, box.reasoning):
        control.observe(refresh, "value")
    box.search.observe(filter_sentences, "value")
    box.add_for.on_click(lambda _: add("for"))
    box.add_against.on_click(lambda _: add("against"))
    box.remove_button.on_click(remove)
    box.save_button.on_click(lambda _: _save(box, case, questions))
    filter_sentences()
    return refresh


def _matches_note(found: int, total: int, query: str, shown: int) -> str:
    """One line over the list of matches: how many sentences match and are shown, or a friendly sentence for none."""
    if not total:
        return "<p style='white-space:normal'>This case has no sentences to cite.</p>"
    if not found:
        return (f"<p style='white-space:normal'>No sentence of this case matches “{html.escape(query.strip())}”; "
                "try another word, an outlet, or an id like A1.S3.</p>")
    what = f"{found} of {total} sentences match" if query.strip() else f"the case has {total} sentences"
    more = f"; the first {shown} are listed, so narrow the search to see the others" if shown < found else ""
    return (f"<p style='white-space:normal;margin:2px 0;color:{PALETTE['page']['muted']}'>{what.capitalize()}{more}: "
            "tick one or more, then add them.</p>")


def _save(box, case: Case, questions: dict[str, Any]) -> None:
    """Write the ClaimReview when it has no problem, check each question given, and show what happened."""
    problems = review_problems(box.claim.value, box.rating.value, box.evidence, case, box.answer, questions["stances"])
    if problems:
        more = f" ({len(problems) - 1} more in the list above)" if len(problems) > 1 else ""
        parts = [f"<p style='white-space:normal'>Not saved yet: {html.escape(problems[0])}{more}</p>"]
    else:
        try:
            box.saved_to.parent.mkdir(parents=True, exist_ok=True)
            written = save_claim_review(box.answer, box.saved_to)
            parts = [f"<p style='white-space:normal'>Saved your ClaimReview to {html.escape(str(written))}.</p>"]
        except (KitError, OSError) as exc:
            parts = [f"<p style='white-space:normal'>Could not save the ClaimReview: {html.escape(str(exc))}</p>"]
    asked = [questions["rating"], *questions["stances"], questions["review"]]
    for qid in filter(None, asked):
        if qid in box.answers:
            parts.append(checked_html(qid, box.answers[qid], case))
        else:
            parts.append(f"<p style='white-space:normal'>{html.escape(qid)} is not checked yet: "
                         f"{_unanswered(qid, questions)}</p>")
    if not any(asked):
        parts.append(checked_html(None, None, None, demo="Demo: no question is checked or recorded here; the "
                                                          "panel above judges the ClaimReview by kit.validate_claim_review."))
    box.feedback.value = "".join(parts)


def _unanswered(qid: str, questions: dict[str, Any]) -> str:
    """What a question still needs before it can be checked, in one phrase."""
    if qid == questions["rating"]:
        return "choose a rating first."
    stance = questions["stances"].get(qid)
    if stance:
        return f"add at least one sentence as {'supporting' if stance == 'for' else 'contradicting'}."
    if qid == questions["review"]:
        return "the ClaimReview still has problems (listed above)."
    return "add at least one evidence sentence."


def _restore(box, case: Case, questions: dict[str, Any], claim: str | None) -> str:
    """Fill the controls from the saved ClaimReview and the last saved answers; return a sentence saying so."""
    saved = restore_review(read_review(box.saved_to), case)
    evidence, rating, notes = dict(saved["evidence"]), saved["rating"], []
    if saved["claim"] or evidence:
        notes.append(f"your ClaimReview saved in {box.saved_to}")
    if questions["rating"]:
        last = last_answer(questions["rating"], case.name)
        if isinstance(last, str) and is_verdict(last.strip().casefold()):
            rating = last.strip().casefold()
            notes.append(f"your answer to {questions['rating']}")
    known = set(case.sentences["sentence_id"])
    for qid, stance in questions["stances"].items():
        last = last_answer(qid, case.name)
        if isinstance(last, list) and last:
            evidence.update({sid: stance or evidence.get(sid, "for") for sid in last
                             if isinstance(sid, str) and sid in known})
            notes.append(f"your answer to {qid}")
    box.claim.value = saved["claim"] or (claim if claim is not None else case_claim(case))
    box.rating.value = rating if is_verdict(rating) else None
    box.reasoning.value = saved["reasoning"]
    box.evidence = evidence
    if not notes:
        return ""
    return f"<p style='white-space:normal'>Taken up where you left off: {html.escape(', '.join(notes))}.</p>"
