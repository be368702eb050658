"""Scoring again with the instructor's key: a notebook's status, its decoded answers and one row per question.

Each answer is scored with ``kit.check(qid, value, case=<the key>, save=False)`` in
the grader's process; stored outputs, the student's own checks and anything the
notebook prints are never used.

Statuses (the same for every question of a notebook; several are joined with ``"; "``):
``ok``; ``error in cell K: ExcName``; ``output capped``; ``timed out in cell K after N s``;
``kernel died in cell K``; ``answers could not be read``; ``not a valid notebook (…)``;
``could not be read (…)``; ``grader error: …``; ``not graded (interrupted)``
(see :data:`KINDS_OF_STATUS`). After a timeout or a dead kernel the answers of the
last snapshot count, and the status says so (``…; answers set before it were kept``).

>>> notebook_status({"errors": [[4, "KeyError"]], "capped": True, "answers": {}}, 60)
'error in cell 4: KeyError; output capped'
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checks import check
from .discovery import Submission, question_for_variable, variable_for_question

if TYPE_CHECKING:
    from ..core.case import Case

RESULTS = {"correct": "correct", "incorrect": "not yet right", "unanswered": "not answered", "invalid": "invalid"}
"""``kit.check`` status → the gradebook's ``result``."""

KINDS_OF_STATUS = (
    "ok",
    "error in cell",
    "output capped",
    "timed out",
    "kernel died",
    "answers could not be read",
    "not a valid notebook",
    "could not be read",
    "grader error",
    "not graded",
)
"""The kinds of notebook status, in the order the summary counts them (each status starts with one)."""

@dataclass
class NotebookResult:
    """What happened to one notebook and the answers read from it (``None`` when none could be read)."""

    submission: Submission
    status: str
    answers: dict[str, Any] | None = None
    seconds: float = 0.0


class Unreadable:
    """An answer that could not be carried out of the kernel (shown by its repr); it is scored *invalid*.

    >>> Unreadable("<object object>", "object is not JSON")
    <object object>
    """

    def __init__(self, shown: str, why: str = ""):
        self.shown, self.why = shown, why

    def __repr__(self) -> str:
        return self.shown


def _stop(raw: dict[str, Any], timeout: float, memory_mb: int) -> str | None:
    """What stopped the notebook early, if anything."""
    kept = "; answers set before it were kept" if raw.get("answers") else ""
    if raw.get("timed_out"):
        cell, limit = raw["timed_out"].get("cell"), float(raw["timed_out"].get("limit") or timeout)
        return f"timed out{f' in cell {cell}' if cell else ''} after {limit:g} s{kept}"
    if raw.get("died"):
        cell = raw["died"].get("cell")
        why = f": it went over the memory limit ({memory_mb} MB)" if raw.get("oom") else ""
        return f"kernel died{f' in cell {cell}' if cell else ''}{why}{kept}"
    if raw.get("grader_error"):
        return f"grader error: {raw['grader_error']}"
    if raw.get("answers") is None:
        return "answers could not be read"
    after, cells = int(raw.get("answers_after") or 0), int(raw.get("cells") or 0)
    return f"answers read as of cell {after}: the notebook broke the grader's reading after it" if after < cells else None


def notebook_status(raw: dict[str, Any] | None, timeout: float, exit_note: str | None = None, memory_mb: int = 0) -> str:
    """Turn a worker's report into the notebook's status text.

    Args:
        raw: the worker's report (see ``kit.grading.worker.run_notebook``, plus ``oom``), ``None`` when there is none.
        timeout: the notebook's time limit, for a timeout without its own limit.
        exit_note: what went wrong with the worker process itself, when ``raw`` is ``None``.
        memory_mb: the memory limit, named when the kernel died of it.

    >>> notebook_status(None, 60, "kernel died")
    'kernel died'
    >>> notebook_status({"timed_out": {"limit": 6, "cell": 3}, "answers": {"answer_q0_1": {"json": "1"}}}, 60)
    'timed out in cell 3 after 6 s; answers set before it were kept'
    """
    if raw is None:
        return exit_note or "grader error: no report from the worker"
    if raw.get("invalid"):
        return f"not a valid notebook ({raw['invalid']})"
    parts = []
    errors = raw.get("errors") or []
    if errors:
        cell, ename = errors[0]
        more = len(errors) - 1
        parts.append(f"error in cell {cell}: {ename}" + (f" (and {more} more error{'s' if more > 1 else ''})" if more else ""))
    if raw.get("capped"):
        parts.append("output capped")
    stop = _stop(raw, timeout, memory_mb)
    if stop:
        parts.append(stop)
    return "; ".join(parts) or "ok"


def _decode_tagged(value: dict[str, Any]) -> Any:
    for tag, parse in (("$date", dt.date.fromisoformat), ("$datetime", dt.datetime.fromisoformat)):
        if set(value) == {tag} and isinstance(value[tag], str):
            try:
                return parse(value[tag])
            except ValueError:
                return value
    return {k: decode(v) for k, v in value.items()}


def decode(value: Any) -> Any:
    """Turn the extraction cell's JSON back into Python: ``{"$date": …}`` and ``{"$datetime": …}`` become dates.

    >>> decode([{"$date": "2024-11-11"}, {"$date": "no"}, {"a": 1}])
    [datetime.date(2024, 11, 11), {'$date': 'no'}, {'a': 1}]
    """
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        return _decode_tagged(value)
    return value


def _answer(entry: dict[str, Any]) -> Any:
    if entry.get("ellipsis") is True:
        return ...
    if isinstance(entry.get("json"), str):
        try:
            return decode(json.loads(entry["json"]))
        except (ValueError, RecursionError):
            return Unreadable("<unreadable>", "its JSON is broken")
    return Unreadable(str(entry.get("invalid", "<unreadable>"))[:300], str(entry.get("why", ""))[:200])


def read_answers(entries: Any) -> dict[str, Any] | None:
    """Decode a snapshot's entries: ``{question id: answer}``; ``None`` when there is no snapshot.

    Names that are not ``answer_qN_M`` are skipped; an answer that could not leave the kernel is an :class:`Unreadable`.

    >>> read_answers({"answer_q0_2": {"json": '"A0"'}, "answer_q0_3": {"ellipsis": True}, "x": {"json": "1"}})
    {'q0.2': 'A0', 'q0.3': Ellipsis}
    """
    if not isinstance(entries, dict):
        return None
    answers: dict[str, Any] = {}
    for name, entry in entries.items():
        qid = question_for_variable(name) if isinstance(name, str) else None
        if qid is None or not isinstance(entry, dict):
            continue
        answers[qid] = _answer(entry)
    return answers


def show_answer(value: Any, limit: int = 200) -> str:
    """Show an answer in the gradebook: its ``repr``, cut to ``limit`` characters.

    >>> show_answer(...), show_answer(["A2"]), show_answer("x" * 300, limit=8)
    ('...', "['A2']", "'xxxx...")
    """
    if value is ...:
        return "..."
    try:
        shown = repr(value)
    except Exception:  # noqa: BLE001 - a value decoded from JSON always has a repr; be safe anyway
        shown = f"<{type(value).__name__}>"
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def score_answer(qid: str, result: NotebookResult, case: Case) -> tuple[str, str, str]:
    """Score one question of a notebook with the key: ``(answer shown, result, message)``."""
    answers = result.answers
    if answers is None:
        return "", "not answered", f"Your notebook's answers could not be read ({result.status})."
    if qid not in answers:
        return "", "not answered", f"{variable_for_question(qid)} is not defined in the notebook."
    value = answers[qid]
    if isinstance(value, Unreadable):
        why = value.why or "it is not a plain value"
        return repr(value)[:200], "invalid", f"This answer cannot be checked: {why}. Use a text, a number or a list."
    feedback = check(qid, value, case=case, save=False, scoring=True)  # exam answers are scored here too
    return show_answer(value), RESULTS[feedback.status], feedback.message


def score(result: NotebookResult, questions: list[dict[str, str]], case: Case) -> list[dict[str, Any]]:
    """Score a notebook's answers with the key, in this process; one row per question plus a TOTAL row.

    Args:
        result: the notebook's status and extracted answers (``None`` when none could be read).
        questions: the key's rows for the notebook's lesson.
        case: the loaded key.

    Returns:
        Gradebook rows (dicts with the keys of ``GRADEBOOK_COLUMNS``, plus ``prompt``, ``explanation`` and ``hint``).
    """
    sub = result.submission
    rows = []
    for q in questions:
        shown, outcome, message = score_answer(q["id"], result, case)
        rows.append(
            {
                "student": sub.student, "notebook": sub.notebook, "question": q["id"], "answer": shown,
                "result": outcome, "points": 1 if outcome == "correct" else 0, "max_points": 1,
                "status": result.status, "message": message,
                "prompt": q.get("prompt", ""), "explanation": q.get("explanation", ""), "hint": q.get("hint", ""),
            }
        )
    rows.append(
        {
            "student": sub.student, "notebook": sub.notebook, "question": "TOTAL", "answer": "", "result": "",
            "points": sum(r["points"] for r in rows), "max_points": len(questions), "status": result.status,
            "message": "",
        }
    )
    return rows
