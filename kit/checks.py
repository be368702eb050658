"""Checking answers: ``kit.check("q0.1", answer)`` with feedback that explains why.

Questions are data: ``keys/questions.csv`` in the case folder, one line per
question, with the columns

========== =================================================================
id         the question id used in notebooks, e.g. ``q0.1``
kind       what the answer is (see ``KINDS``)
prompt     the question in a few words (for instructors' reports)
answer     the expected answer; list items separated by ``;``
options    for ``choice``: the allowed values separated by ``;``
match      for lists: ``exact`` (the whole set, the default), ``any``
           (at least one of the listed items and nothing else) or ``any:N``
           (as ``any``, drawn from at least N different articles)
tolerance  for ``number``: how far off an answer may be (default 0)
explanation one sentence shown when the answer is right; cites sentence ids
hint       one sentence shown when it is not right yet
defensible optional: other answers that are arguable, each with its own
           message (see below)
========== =================================================================

How answers are compared: ids, choices, numbers (within ``tolerance``) and
dates exactly (ids and choices forgive case and spaces around them; an id may
be given as its article's file name). A ``text`` answer matches one ``;``-separated item of ``answer`` when it is the
same text, the same words without the punctuation around them, or the same
word stems (``refute``, ``refutes``, ``refuted``, ``refuting``) with at most
three other words around them, none a negation ("not", "no", "never", "n't",
...): "staunchly refuted" matches ``refuted``, "never refuted" does not. The
rule and the stemmer are :mod:`kit.answer_match`.

Defensible alternatives: the column ``defensible`` holds one or more entries
``answer => message`` separated by `` || ``, e.g.
``opinion => a forecast is also a view; the key prefers 'prediction' because ...``.
``answer`` is written like the ``answer`` column (for list kinds a
``;``-separated list, matched with the question's ``match``); ``message`` must
name the key's answer or say what the key "prefers". An answer that matches an
entry (and not the key) is *correct* with the message "Defensible. <message>"
instead of the explanation. The validator checks every entry like an answer and
rejects one that the key's answer already accepts.
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import question_key  # noqa: F401 - registers the questions key's validator
from .answer_form import KINDS, QUESTION_COLUMNS, InvalidAnswer, coerce_answer, expected_form, from_numpy, plain_value_problem
from .answer_match import defensible_message, grade
from .core import store as _store
from .core.case import Case, resolve_case
from .core.paths import GRADING_ENV
from .display import PALETTE
from .core.errors import CaseError
from .course import no_key_message, unknown_question
from .exam import is_worked_example, withhold
from .sealed import judge, sealed_questions

__all__ = ["KINDS", "QUESTION_COLUMNS", "Feedback", "check", "expected_form", "from_numpy", "plain_value_problem",
           "progress", "questions"]
_STATUS_STYLE = {
    status: (icon, title, PALETTE["feedback"][f"{status}_background"], PALETTE["feedback"][status])
    for status, icon, title in (
        ("correct", "✓", "Correct"),
        ("incorrect", "✗", "Not yet right"),
        ("unanswered", "…", "Not answered yet"),
        ("invalid", "⚠", "Cannot check this yet"),
        ("recorded", "•", "Recorded"),
    )
}


@dataclass(frozen=True)
class Feedback:
    """The result of a check: renders as a coloured box in Jupyter and as one line in text.

    Attributes:
        question: the question id.
        status: ``correct``, ``incorrect``, ``unanswered``, ``invalid``, or ``recorded`` (exam mode, grader's sandbox).
        message: one or two sentences that say why.
        note: a remark about saving the answer ("" when it was saved normally).

    >>> Feedback("q0.1", "correct", "A2 names its author.")
    q0.1 ✓ Correct. A2 names its author.
    """

    question: str
    status: str
    message: str
    note: str = ""

    def __bool__(self) -> bool:
        return self.status == "correct"

    correct = property(__bool__, doc="True when the answer is right.")

    def __repr__(self) -> str:
        icon, title, _, _ = _STATUS_STYLE[self.status]
        text = f"{self.question} {icon} {title}. {self.message}".rstrip()
        return text + (f" Note: {self.note}" if self.note else "")

    def _repr_html_(self) -> str:
        icon, title, background, colour = _STATUS_STYLE[self.status]
        note = f'<div style="margin-top:4px;font-size:90%">Note: {html.escape(self.note)}</div>' if self.note else ""
        return (
            f'<div class="kit-feedback kit-{self.status}" style="background:{background};'
            f'border-left:4px solid {colour};padding:6px 10px;margin:4px 0">'
            f'<strong style="color:{colour}">{icon} {html.escape(self.question)}: {title}.</strong> '
            f"{html.escape(self.message)}{note}</div>"
        )


def questions(case: Case | str | Path | None = None):
    """Return the questions of a case as a table (without their answers).

    >>> "q0.1" in set(questions()["id"])
    True
    """
    loaded = resolve_case(case)
    table = _questions_of(loaded)[0]
    if table is None:
        import pandas as pd
        return pd.DataFrame(columns=["id", "kind", "prompt"])
    return table.reindex(columns=["id", "kind", "prompt"]).reset_index(drop=True)


def check(question_id: str, answer: Any, case: Case | str | Path | None = None, *,
          save: bool = True, scoring: bool = False) -> Feedback:
    """Check an answer against the case's key and record the attempt.

    Never raises for a student's mistake: an unknown question, an answer of the
    wrong type or an unknown id gets a friendly sentence instead.

    Args:
        question_id: the id printed above the question, e.g. ``"q0.1"``.
        answer: the student's answer; ``...`` (Ellipsis) means "not answered yet".
        case: a loaded case, a case folder, or ``None`` for the seeds.
        save: record the attempt in the answers file (``kit.answers_path()``); a lesson's worked example
            (``w0.1``) is never recorded, since its attempts are the lesson's, not the student's.
        scoring: the grader's own scoring: exam questions (:mod:`kit.exam`) are scored, not only recorded.

    Returns:
        A :class:`Feedback` that shows as a coloured box in Jupyter.

    >>> check("q0.1", ..., save=False)
    q0.1 … Not answered yet. Replace ... with a list of article ids, like ['A1', 'A3'], then run the cell again.
    >>> check("q0.1", "A2", save=False).status
    'invalid'
    """
    if os.environ.get(GRADING_ENV) == "1":  # in the grader's sandbox: no key here; the grader scores the answer
        return Feedback(str(question_id), "recorded", "The grader scores this answer with the key.")
    try:
        loaded = resolve_case(case)
    except CaseError as exc:
        return Feedback(str(question_id), "invalid", str(exc))
    table, records = _questions_of(loaded)
    if table is None:
        return Feedback(str(question_id), "invalid", no_key_message(loaded, "questions"))
    by_folded = {str(i).casefold(): i for i in table["id"]}
    qid = by_folded.get(question_id.strip().casefold()) if isinstance(question_id, str) else None
    if qid is None:
        return Feedback(str(question_id), "invalid", unknown_question(question_id, list(table["id"]), loaded.name))
    question = {c: ("" if v is None else str(v)) for c, v in table[table["id"] == qid].iloc[0].to_dict().items()}
    if answer is ... or (question["kind"] == "trail" and isinstance(answer, list) and not answer):
        return Feedback(qid, "unanswered", f"Replace ... with {expected_form(question)}, then run the cell again.")
    try:
        value = coerce_answer(question, answer, loaded)
    except InvalidAnswer as exc:
        status, message = "invalid", str(exc)
    else:
        if (record := records.get(qid)) is not None:  # a student release: the key is sealed
            status, message = judge(record, value, loaded, record["salt"], _wrong_before(qid, loaded.name), records)
        else:
            status, message = _judge(question, value, loaded)
    status, message = withhold(qid, status, message, scoring)
    plain = from_numpy(answer)
    kept = plain if plain_value_problem(plain) is None else f"<not a plain value: {type(answer).__name__}>"
    note = _store.record(qid, kept, status, loaded.name) if save and not is_worked_example(qid) else ""
    return Feedback(qid, status, message, note)


def _questions_of(loaded: Case) -> tuple[Any, dict[str, Any]]:
    """The case's questions table and, in a student release, the sealed records by id (else no records)."""
    table = loaded.keys.get("questions")
    if table is None and (sealed := sealed_questions(loaded.path)) is not None:
        return sealed
    return table, {}


def _judge(question: dict[str, str], value: Any, loaded: Case) -> tuple[str, str]:
    """Status and message of a coerced answer checked with the plain key."""
    right, remark = grade(question, value, loaded)
    if right:
        return "correct", question["explanation"] + (f" {remark}" if question["kind"] == "trail" else "")
    why = defensible_message(question, value, loaded)
    if why is not None:
        return "correct", f"Defensible. {why}"
    return "incorrect", f"{remark} Hint: {question['hint']}"


def _wrong_before(qid: str, case_name: str) -> int:
    """How many wrong tries of a question the student's answers file holds for this case."""
    tried = _store.answers()
    return int(((tried["question"] == qid) & (tried["case"] == case_name) & (tried["status"] == "incorrect")).sum())


def progress(prefix: str = "", case: Case | str | Path | None = None, path: str | Path | None = None):
    """Summarise a student's attempts for every question of the case whose id starts with ``prefix``.

    Questions not tried yet are listed too, with 0 attempts.

    Args:
        prefix: e.g. ``"q0."`` for the questions of lesson 00; ``""`` for all.
        case: a loaded case, a case folder, or ``None`` for the seeds.
        path: an answers file; the student's own (``kit.answers_path()``) when ``None``.

    Returns:
        A DataFrame indexed by question with ``prompt``, ``attempts``, ``solved`` and ``last_status``.

    >>> table = progress("q0.", path="/nonexistent/answers.json")
    >>> table.loc["q0.1", "last_status"], int(table.loc["q0.1", "attempts"])
    ('not tried', 0)
    """
    import pandas as pd

    listed = questions(case)
    listed = listed[listed["id"].astype(str).str.startswith(prefix)]
    tried = _store.answers(path)
    rows = []
    for qid, prompt in zip(listed["id"], listed["prompt"]):
        mine = tried[tried["question"] == qid]
        rows.append(
            {
                "question": qid,
                "prompt": prompt,
                "attempts": len(mine),
                "solved": bool((mine["status"] == "correct").any()),
                "last_status": str(mine["status"].iloc[-1]) if len(mine) else "not tried",
            }
        )
    columns = ["question", "prompt", "attempts", "solved", "last_status"]
    return pd.DataFrame(rows, columns=columns).set_index("question")
