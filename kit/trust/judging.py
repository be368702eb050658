"""Judging one trust item: its card, the reasons on a side, the feedback, the running tally (pure: no ipywidgets).

A student judges an item of the trust bank (:mod:`kit.trust.bank`) in three
steps: how sure they are (1 to 5), "Trust it" or "Don't trust it", and a reason
from ``reasons.csv`` on the side they chose. :func:`judge` says whether the
trust judgement was right, whether the reason is one the item's author accepts
(and if not, which are), and gives the item's explanation. The answer stored in
the answers file is :func:`trust_answer`. :func:`tally` counts in signal-detection
terms: a trustworthy item is a signal, trusting one is a hit, trusting an
untrustworthy one a false alarm; the student reads them in words
(:func:`progress_line`). The first answer given to an item is the one counted,
as in the course's tests. The widgets are :mod:`kit.trust.sorter_widget`.

>>> item = {"id": "h1", "format": "post", "topic": "ferries", "source": "@ferry_fan", "trust": "no",
...         "reasons": "no_source", "text": "Ferries stop for good, insiders say.", "explanation": "Who says?"}
>>> judge_trust(item, "no", "no_source")[0], judge_trust(item, "yes", "attributed")[0]
('correct', 'incorrect')
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..confidence import SCALE, TIPS, calibration_line
from ..display import PALETTE
from .bank import reason_table

if TYPE_CHECKING:
    import pandas as pd

_MUTED, _BORDER, _HEADER = PALETTE["page"]["muted"], PALETTE["page"]["border"], PALETTE["page"]["header"]
SIDES = {"yes": "trust", "no": "distrust"}
"""The reasons' side (``reasons.csv``) of each trust judgement."""
TRUST_LABELS = {"yes": "Trust it", "no": "Don't trust it"}
"""The two judgement buttons, by the value stored in the answer."""
CONFIDENCE_TIPS = TIPS
"""What confidence 1 to 5 means, for the buttons' tooltips and the saved-answer note (:mod:`kit.confidence`)."""
CHECKED = ("correct", "incorrect", "recorded")
"""Attempts that count as an answer (not an invalid or empty one)."""
_TITLES = {"correct": ("✓", "Right."), "incorrect": ("✗", "Not right."), "recorded": ("•", "Recorded."),
           "unanswered": ("…", "Not answered yet.")}


def side_of(trust: str) -> str:
    """Return the reasons' side of a judgement: ``trust`` for ``"yes"``, ``distrust`` for ``"no"`` (a side stays).

    >>> side_of("yes"), side_of("no"), side_of("distrust")
    ('trust', 'distrust', 'distrust')
    """
    return SIDES.get(trust, trust)


def reason_choices(side: str, reasons: pd.DataFrame | None = None) -> list[tuple[str, str]]:
    """Return the reasons on one side as ``(label, id)`` pairs, in ``reasons.csv`` order.

    Args:
        side: ``trust`` or ``distrust`` (or the judgement ``yes`` / ``no``).
        reasons: the reasons table (:func:`kit.trust.bank.reason_table`); the course's when ``None``.

    >>> reason_choices("yes")[:2]
    [('Checkable fact with a record', 'named_record'), ('Fairly attributed', 'attributed')]
    """
    table = reason_table() if reasons is None else reasons
    picked = table[table["side"] == side_of(side)]
    return list(zip(picked["label"], picked.index))


def reason_tips(side: str, reasons: pd.DataFrame | None = None) -> list[str]:
    """Return what each reason on a side explains (the tooltips of :func:`reason_choices`, in the same order).

    >>> reason_tips("no")[0].startswith("Words meant to make you feel")
    True
    """
    table = reason_table() if reasons is None else reasons
    return table.loc[table["side"] == side_of(side), "explains"].tolist()


def acceptable(item: Mapping[str, Any]) -> list[str]:
    """Return the ids of the reasons an item's author accepts (its ``reasons`` column, ``;``-separated).

    >>> acceptable({"reasons": "no_source; untraced_quote"})
    ['no_source', 'untraced_quote']
    """
    return [r.strip() for r in str(item["reasons"]).split(";") if r.strip()]


def _label(reason: str, reasons: pd.DataFrame) -> str:
    return str(reasons.loc[reason, "label"]) if reason in reasons.index else reason


def trust_card_html(item: Mapping[str, Any], position: int, total: int, note: str = "") -> str:
    """Render one item as a card: its place in the set, format and topic, its source line and its text.

    Everything from the bank is escaped; the text keeps its line breaks and wraps. ``note`` (plain text)
    is a remark under the text, such as the answer saved earlier. The card never shows the key.

    >>> card = trust_card_html({"format": "short_article", "topic": "ferries", "source": "Harbour <Daily>",
    ...                   "text": "Ferries & buses"}, 0, 4)
    >>> "Item 1 of 4 · Short article · ferries" in card, "Harbour &lt;Daily&gt;" in card, "Ferries &amp; buses" in card
    (True, True, True)
    """
    kind = str(item["format"]).replace("_", " ").capitalize()
    extra = f'<div style="color:{_MUTED};font-size:90%;margin-top:6px">{html.escape(note)}</div>' if note else ""
    return (
        f'<div class="kit-trust-card" style="border:1px solid {_BORDER};border-radius:6px;padding:10px 14px;'
        'white-space:normal;overflow-wrap:anywhere">'
        f'<div style="color:{_MUTED};font-size:90%">Item {position + 1} of {total} · {html.escape(kind)} · '
        f'{html.escape(str(item["topic"]))}</div>'
        f'<div class="kit-trust-source" style="margin-top:4px"><strong>{html.escape(str(item["source"]))}</strong></div>'
        f'<blockquote style="margin:8px 0;font-size:110%;line-height:1.5;white-space:pre-line">'
        f'{html.escape(str(item["text"]))}</blockquote>'
        f"<div>Would you trust it? How sure are you, and why?</div>{extra}</div>"
    )


def _reason_sentence(item: Mapping[str, Any], reason: str | None, reasons: pd.DataFrame) -> str:
    fits = acceptable(item)
    listed = ", ".join(f"<strong>{html.escape(_label(r, reasons))}</strong>" for r in fits)
    if reason in fits:
        return f"Your reason, <strong>{html.escape(_label(reason, reasons))}</strong>, is one this item shows."
    if not reason:
        return f"You gave no reason; the reason{'s' if len(fits) > 1 else ''} this item shows: {listed}."
    return (f"Your reason, <strong>{html.escape(_label(reason, reasons))}</strong>, is not one this item shows; "
            f"the reason{'s' if len(fits) > 1 else ''} it shows: {listed}.")


_VERDICTS = {
    ("yes", "yes"): "You trusted it, and it deserves trust.",
    ("no", "no"): "You did not trust it, and it does not deserve trust.",
    ("yes", "no"): "You trusted it, but it does not deserve trust.",
    ("no", "yes"): "You did not trust it, but it deserves trust.",
}
"""What the student is told, by (their judgement, the item's ``trust``)."""


def judge_trust(item: Mapping[str, Any], trust: str, reason: str | None,
          reasons: pd.DataFrame | None = None) -> tuple[str, str]:
    """Judge an answer: ``correct`` or ``incorrect`` for the trust judgement, and the feedback's body as HTML.

    The body always explains: whether the judgement was right, whether the reason is one of the item's
    acceptable reasons (if not, it names those), and the item's ``explanation``.

    >>> item = {"trust": "yes", "reasons": "attributed;known_source", "explanation": "The mayor is named."}
    >>> status, body = judge_trust(item, "yes", "corroborated")
    >>> status, "is not one this item shows" in body, "Fairly attributed" in body, body.endswith("The mayor is named.</div>")
    ('correct', True, True, True)
    """
    table = reason_table() if reasons is None else reasons
    status = "correct" if trust == item["trust"] else "incorrect"
    body = (f"<div>{_VERDICTS[(trust, item['trust'])]}</div><div>{_reason_sentence(item, reason, table)}</div>"
            f"<div>Why: {html.escape(str(item['explanation']))}</div>")
    return status, body


def feedback_html(status: str, body: str) -> str:
    """Wrap a feedback body (HTML) in the kit's feedback box for a status (``correct``, ``recorded``, ...).

    >>> feedback_html("recorded", "Saved.").startswith('<div class="kit-feedback kit-recorded"')
    True
    """
    icon, title = _TITLES[status]
    colour, background = PALETTE["feedback"][status], PALETTE["feedback"][f"{status}_background"]
    return (f'<div class="kit-feedback kit-{status}" style="background:{background};border-left:4px solid {colour};'
            f'padding:6px 10px;margin:4px 0;white-space:normal"><strong style="color:{colour}">{icon} {title}</strong> '
            f"{body}</div>")


def trust_answer(trust: str, confidence: int, reason: str | None, form: str | None = None) -> dict[str, Any]:
    """Return the answer stored in the answers file (``form`` only for a transfer-test item).

    >>> trust_answer("no", 4, "no_source", "form_b")
    {'trust': 'no', 'confidence': 4, 'reason': 'no_source', 'form': 'form_b'}
    """
    value: dict[str, Any] = {"trust": trust, "confidence": int(confidence), "reason": reason or None}
    return value | ({"form": form} if form else {})


def missing_step(trust: str | None, confidence: int | None, reason: str | None) -> str:
    """Return what the student must still choose before Check (one sentence), or ``""`` when all is chosen.

    >>> missing_step("yes", None, "attributed")
    'First choose how sure you are (1 = guessing, 5 = certain).'
    >>> missing_step("no", 3, None), missing_step("no", 3, "no_source")
    ('Pick the reason that decided it for you, then Check.', '')
    """
    if confidence is None:
        return f"First choose how sure you are ({SCALE})."
    if trust not in SIDES:
        return "Choose Trust it or Don't trust it."
    return "" if reason else "Pick the reason that decided it for you, then Check."


def is_answer(value: Any) -> bool:
    """Say whether a stored value is a trust answer (a dict whose ``trust`` is yes or no).

    >>> is_answer({"trust": "no", "confidence": 2}), is_answer("A2"), is_answer({"trust": "maybe"})
    (True, False, False)
    """
    return isinstance(value, dict) and value.get("trust") in SIDES


def saved_answers(attempts: Iterable[Mapping[str, Any]], questions: Mapping[str, str],
                  first: bool = True) -> dict[str, dict[str, Any]]:
    """Return each item's saved answer from the attempts of an answers file: the first one, or the last.

    Args:
        attempts: the attempts (:func:`kit.core.store.load_attempts`).
        questions: the question id of each item id (``{"h1": "trust.h1"}``).
        first: keep the first checked answer of each item (what counts); ``False`` keeps the last.

    >>> tries = [{"question": "trust.h1", "answer": {"trust": "no"}, "status": "correct"},
    ...          {"question": "trust.h1", "answer": {"trust": "yes"}, "status": "incorrect"}]
    >>> saved_answers(tries, {"h1": "trust.h1"}), saved_answers(tries, {"h1": "trust.h1"}, first=False)
    ({'h1': {'trust': 'no'}}, {'h1': {'trust': 'yes'}})
    """
    item_of = {question: item for item, question in questions.items()}
    found: dict[str, dict[str, Any]] = {}
    for attempt in attempts:
        item = item_of.get(attempt.get("question")) if isinstance(attempt, Mapping) else None
        if item is None or attempt.get("status") not in CHECKED or not is_answer(attempt.get("answer")):
            continue
        if not first or item not in found:
            found[item] = attempt["answer"]
    return found


def tally(items: pd.DataFrame, answers: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Count a set's first answers: judged, right, and trust given to trustworthy items (hits) and others (false alarms).

    The trustworthy and untrustworthy items are counted among those judged, so the line reads as two
    rates and says nothing of items not judged yet.

    Args:
        items: the set's items (``id`` and ``trust`` columns).
        answers: each judged item's answer (:func:`saved_answers`); answers to other items are not counted.

    >>> import pandas as pd
    >>> items = pd.DataFrame({"id": ["a", "b", "c", "d"], "trust": ["yes", "no", "no", "yes"]})
    >>> tally(items, {"a": {"trust": "yes"}, "b": {"trust": "yes"}, "c": {"trust": "no"}})
    {'total': 4, 'judged': 3, 'right': 2, 'trustworthy': 1, 'hits': 1, 'untrustworthy': 2, 'false_alarms': 1}
    """
    keys = dict(zip(items["id"], items["trust"]))
    given = {item: answer["trust"] for item, answer in answers.items() if item in keys}
    return {
        "total": len(keys), "judged": len(given),
        "right": sum(trust == keys[item] for item, trust in given.items()),
        "trustworthy": sum(keys[item] == "yes" for item in given),
        "hits": sum(trust == "yes" and keys[item] == "yes" for item, trust in given.items()),
        "untrustworthy": sum(keys[item] == "no" for item in given),
        "false_alarms": sum(trust == "yes" and keys[item] == "no" for item, trust in given.items()),
    }


def progress_line(counts: Mapping[str, int]) -> str:
    """Say a tally in words: how many judged and right, how many trustworthy and untrustworthy items were trusted.

    >>> progress_line({"total": 4, "judged": 3, "right": 2, "trustworthy": 2, "hits": 1, "untrustworthy": 2, "false_alarms": 1})
    '3 of 4 judged: 2 right; trusted 1 of the 2 trustworthy and 1 of the 2 untrustworthy.'
    """
    return (f"{counts['judged']} of {counts['total']} judged: {counts['right']} right; trusted {counts['hits']} of the "
            f"{counts['trustworthy']} trustworthy and {counts['false_alarms']} of the {counts['untrustworthy']} untrustworthy.")


def confidence_note(items: pd.DataFrame, answers: Mapping[str, Mapping[str, Any]]) -> str:
    """Say how well the confidence of a set's first answers matched them (:func:`kit.confidence.calibration_line`).

    >>> import pandas as pd
    >>> items = pd.DataFrame({"id": ["a", "b"], "trust": ["yes", "no"]})
    >>> confidence_note(items, {"a": {"trust": "yes", "confidence": 5}, "b": {"trust": "yes", "confidence": 5}})[:52]
    'When you were sure (4 or 5) you were right on 1 of 2'
    """
    keys = dict(zip(items["id"], items["trust"]))
    judged = [(answer.get("confidence"), answer["trust"] == keys[item]) for item, answer in answers.items() if item in keys]
    return calibration_line([level for level, _ in judged], [ok for _, ok in judged], options=len(SIDES))


def trust_end_html(counts: Mapping[str, int], confidence: str = "") -> str:
    """The end screen of a set judged to the end: the tally in words, what its two halves mean, and ``confidence``
    (a sentence from :func:`confidence_note`; none when empty).

    >>> end = trust_end_html({"total": 2, "judged": 2, "right": 2, "trustworthy": 1, "hits": 1, "untrustworthy": 1, "false_alarms": 0})
    >>> "Set done." in end and "trusted 1 of the 1 trustworthy and 0 of the 1 untrustworthy" in end
    True
    """
    missed, fooled = counts["trustworthy"] - counts["hits"], counts["false_alarms"]
    advice = (f"You held back trust from {missed} trustworthy item{'s' if missed != 1 else ''} and gave it to "
              f"{fooled} untrustworthy one{'s' if fooled != 1 else ''}: the first is too much doubt, the second "
              "too little. Good judgement trusts what is shown and doubts what is not.")
    return (f'<div class="kit-end-screen" style="border:1px solid {_BORDER};border-radius:6px;padding:10px 14px;'
            f'background:{_HEADER};white-space:normal"><strong>Set done.</strong> {html.escape(progress_line(counts))}'
            f'<div style="color:{_MUTED}">{html.escape(advice)} Your first answer to each item is the one counted.</div>'
            + (f'<div class="kit-confidence-note">{html.escape(confidence)}</div>' if confidence else "") + "</div>")


def first_unjudged(items: pd.DataFrame, answered: Iterable[str]) -> int:
    """Return the position of the first item with no saved answer (0 when every item has one).

    >>> import pandas as pd
    >>> first_unjudged(pd.DataFrame({"id": ["a", "b", "c"]}), {"a", "c"}), first_unjudged(pd.DataFrame({"id": ["a"]}), {"a"})
    (1, 0)
    """
    done = set(answered)
    return next((i for i, item in enumerate(items["id"]) if item not in done), 0)


def saved_note(answer: Mapping[str, Any], reasons: pd.DataFrame | None = None) -> str:
    """Say a saved answer in words (plain text), for the card of an item judged before.

    >>> print(saved_note({"trust": "no", "confidence": 4, "reason": "no_source"}))
    Your answer: Don't trust it, sure (4), because: No checkable source.
    """
    table = reason_table() if reasons is None else reasons
    confidence = answer.get("confidence")
    sure = (f", {CONFIDENCE_TIPS[confidence - 1]} ({confidence})"
            if isinstance(confidence, int) and 1 <= confidence <= 5 else "")
    reason = answer.get("reason")
    why = f", because: {_label(reason, table)}" if reason else ""
    return f"Your answer: {TRUST_LABELS[answer['trust']]}{sure}{why}."
