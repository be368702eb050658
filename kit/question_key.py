"""Checking a questions key (``keys/questions.csv``): every answer valid for its kind, every explanation cited.

The case validator calls :func:`validate_questions` (registered for the key
``questions``); :mod:`kit.checks` describes the columns.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .answer_form import KINDS, QUESTION_COLUMNS, InvalidAnswer, coerce_answer
from .answer_match import grade, names_preference, parse_defensible, split_items
from .answer_trail import trail_key_problem
from .core.case import Case
from .core.registry import register_key
from .rubric import rubric_problem

_CITE = re.compile(r"\bA\d+\.S\d+\b")


def _entry_values(q: dict[str, str], raw: str, case: Case) -> list[Any]:
    """Coerce an answer as the key writes it into the values a student could give (raises InvalidAnswer or ValueError)."""
    kind = q["kind"]
    if kind in ("articles", "sentences"):
        return [coerce_answer(q, split_items(raw), case)]
    if kind == "number":
        return [float(raw)]
    if kind == "date":
        return [dt.date.fromisoformat(raw)]
    if kind == "trail" and (problem := trail_key_problem(q["id"], raw, case.path)):
        raise InvalidAnswer(problem)
    if kind == "review":  # a rubric, not an answer: checked by validate_questions with the whole key
        return []
    return [] if kind == "trail" else [coerce_answer(q, item, case) for item in split_items(raw)]


def _entry_problem(q: dict[str, str], raw: str, case: Case) -> str | None:
    """Say in one sentence why ``raw`` is not a valid answer of the question's kind (None when it is)."""
    try:
        _entry_values(q, raw, case)
    except InvalidAnswer as exc:
        return str(exc)
    except ValueError:
        return f"{raw!r} is not a {'date (YYYY-MM-DD)' if q['kind'] == 'date' else 'number'}"
    return None


def _check_citations(text: str, where: str, sentence_ids: set[str], problems: list[str]) -> None:
    """Report each sentence id cited in ``text`` that the case lacks; ``where`` names the file, line and field."""
    for sid in _CITE.findall(text):
        if sid not in sentence_ids:
            problems.append(f"{where} cites {sid}, which is not a sentence of this case.")


def _check_defensible(q: dict[str, str], where: str, case: Case, problems: list[str]) -> None:
    """Report every problem of a question's ``defensible`` entries, one sentence each."""
    sentence_ids = set(case.sentences["sentence_id"])
    for n, (answer, message) in enumerate(parse_defensible(q["defensible"]), start=1):
        entry = f"{where}, field 'defensible', entry {n}"
        if not answer or not message:
            problems.append(
                f"{entry}: write it as 'answer => message' (entries separated by ' || '); "
                f"the {'message' if answer else 'answer'} is missing."
            )
            continue
        detail = _entry_problem(q, answer, case)
        if detail:
            problems.append(f"{entry}: {detail}")
            continue
        if any(grade(q, value, case)[0] for value in _entry_values(q, answer, case)):
            problems.append(
                f"{entry}: {answer!r} is already accepted by the answer {q['answer']!r}; "
                "a defensible answer must be a different one."
            )
        if not names_preference(message, q["answer"]):
            problems.append(
                f"{entry}: the message must say what the key prefers; name the answer {q['answer']!r} "
                "or write 'the key prefers ... because ...'."
            )
        _check_citations(message, entry, sentence_ids, problems)


def validate_questions(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report every problem of a questions key (used by the case validator).

    Each question needs a known kind, an answer of that kind whose ids exist in
    the case, and an explanation that cites at least one existing sentence id.
    Each ``defensible`` entry must be a valid answer of the same kind that the
    answer does not already accept, with a message that says what the key prefers.
    A ``review`` question's answer is a rubric (:func:`kit.rubric.rubric_problem`)
    whose ``rating:`` names a choice question of the same key.
    """
    sentence_ids = set(case.sentences["sentence_id"])
    by_id = {str(row.get("id") or "").strip(): {k: str(v or "").strip() for k, v in row.items() if isinstance(k, str)}
             for _, row in rows}
    for line, row in rows:
        q = {c: (row.get(c) or "").strip() for c in QUESTION_COLUMNS}
        where = f"{label}, line {line} ({q['id'] or 'no id'})"
        missing = [c for c in ("id", "kind", "answer", "explanation", "hint") if not q[c]]
        if missing:
            problems.append(f"{where}: the field {missing[0]!r} is empty; every question needs {', '.join(missing)}.")
            continue
        if q["kind"] not in KINDS:
            problems.append(f"{where}, field 'kind': {q['kind']!r} is not a kind; use one of {', '.join(KINDS)}.")
            continue
        if q["kind"] == "choice" and not split_items(q["options"]):
            problems.append(f"{where}, field 'options' is empty; list the choices separated by ';'.")
            continue
        if not re.fullmatch(r"|exact|any(:\d+)?", q["match"]):
            problems.append(f"{where}, field 'match': {q['match']!r} is not 'exact', 'any' or 'any:N'.")
        detail = _entry_problem(q, q["answer"], case) or _tolerance_problem(q) or _review_problem(q, by_id)
        if detail:
            problems.append(f"{where}, field 'answer': {detail}")
        elif q["defensible"]:
            _check_defensible(q, where, case, problems)
        if not _CITE.findall(q["explanation"]):
            problems.append(
                f"{where}, field 'explanation' cites no sentence id; name the evidence, e.g. 'see A2.S3'."
            )
        _check_citations(q["explanation"], f"{where}, field 'explanation'", sentence_ids, problems)


def _review_problem(q: dict[str, str], by_id: dict[str, dict[str, str]]) -> str | None:
    """What is wrong with a ``review`` question's rubric or its defensible column (None when nothing is)."""
    if q["kind"] != "review":
        return None
    problem = rubric_problem(q["answer"], by_id)
    if problem:
        return f"{problem} (the answer of a 'review' question is its rubric, e.g. 'valid; articles:3; rating:q5.1')."
    if q["defensible"]:
        return "a 'review' question takes no defensible entries (put them on the verdict question it rates); leave 'defensible' empty."
    return None


def _tolerance_problem(q: dict[str, str]) -> str | None:
    try:
        float(q["tolerance"] or 0) if q["kind"] == "number" else None
    except ValueError:
        return f"{q['answer']!r} is not a number"
    return None



register_key("questions", validate_questions)
