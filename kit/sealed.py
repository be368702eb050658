"""Sealed keys: practice feedback that works offline without any answer or explanation readable in a file.

A student release (:mod:`kit.release`) replaces a case's ``keys/questions.csv``
by ``keys/questions.sealed.json``. Each question keeps what a student may see
(id, kind, prompt, options, match rule, hint) and loses its answer and its
explanation:

* every accepted element is stored as a salted SHA-256 digest, one per element
  for lists (so "2 right, 1 more belongs" still works), per word-stem sequence
  for texts, per step of the tolerance band for numbers, per page for trails;
* the explanation and each defensible message are stored locked (XOR with a
  SHA-256 key stream of the salt and the question id, then Base64), and are
  shown once the answer is right, or after :data:`ATTEMPTS_BEFORE_EXPLANATION`
  wrong tries;
* exam questions (:mod:`kit.exam`) keep nothing at all: the grader scores them
  with the teacher's key;
* worked examples (ids starting with ``w``) stay in plain text, since the
  lesson shows their answer anyway.

This stops a student from *reading* answers; it cannot stop one who writes code
to try every option against the digests (a choice has few options). The grader
never uses sealed keys: grades come from the teacher's own key.

>>> from kit.core.case import load_case
>>> case = load_case()
>>> q = {"id": "q9.1", "kind": "articles", "prompt": "Which articles?", "answer": "A1;A3", "match": "",
...      "explanation": "A1.S1 and A3.S1 say so.", "hint": "Look at the first lines.", "options": ""}
>>> record = seal_question(q, case, "salt")
>>> "A1" in str(record) or "say so" in str(record)
False
>>> judge(record, frozenset({"A1"}), case, "salt", wrong_before=0)
('incorrect', 'What you named is right, but 1 more belongs in the list. Hint: Look at the first lines.')
>>> judge(record, frozenset({"A1", "A3"}), case, "salt", wrong_before=0)
('correct', 'A1.S1 and A3.S1 say so.')
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from .answer_form import coerce_answer
from .answer_match import comparable, grade_list_with, is_negation, parse_defensible, split_items, words
from .answer_trail import trail_verdict
from .core.case import Case
from .core.paths import SEALED_QUESTIONS
from .exam import EXAM_LESSONS, is_worked_example, lesson_of_question

SEALED_FILE = SEALED_QUESTIONS
"""The sealed questions key's file name, in the case's ``keys/`` folder."""
FORMAT = 1
"""The sealed file's format version."""
ATTEMPTS_BEFORE_EXPLANATION = 3
"""After this many wrong tries of a question, its explanation is shown with the hint."""
STEPS_PER_TOLERANCE = 10
"""A number question with a tolerance accepts the multiples of tolerance/10 within it (so within 5% of the edge)."""
MAX_EXTRA_WORDS = 3
"""As :data:`kit.answer_match.MAX_EXTRA_WORDS`: a text answer may add this many words around the key's."""
VISIBLE = ("id", "kind", "prompt", "options", "match", "hint")
"""The columns of a question a student may read."""


def digest(salt: str, qid: str, text: str) -> str:
    """A salted SHA-256 digest of one accepted answer element (32 hex digits).

    >>> len(digest("s", "q0.1", "A2")), digest("s", "q0.1", "A2") == digest("s", "q0.2", "A2")
    (32, False)
    """
    return hashlib.sha256(f"{salt}\x1f{qid}\x1f{text}".encode()).hexdigest()[:32]


def _stream(salt: str, qid: str, purpose: str, size: int) -> bytes:
    out = b""
    block = 0
    while len(out) < size:
        out += hashlib.sha256(f"{salt}\x1f{qid}\x1f{purpose}\x1f{block}".encode()).digest()
        block += 1
    return out[:size]


def lock(text: str, salt: str, qid: str, purpose: str) -> str:
    """Lock a text so that no file shows it (XOR with a key stream, then Base64); :func:`unlock` reverses it.

    >>> locked = lock("A2 names its author.", "s", "q0.1", "explanation")
    >>> "author" in locked, unlock(locked, "s", "q0.1", "explanation")
    (False, 'A2 names its author.')
    """
    data = text.encode()
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, _stream(salt, qid, purpose, len(data))))).decode()


def unlock(locked: str, salt: str, qid: str, purpose: str) -> str:
    """Return the text :func:`lock` locked."""
    data = base64.b64decode(locked)
    return bytes(a ^ b for a, b in zip(data, _stream(salt, qid, purpose, len(data)))).decode()


def _stems(text: str) -> list[str]:
    return [comparable(w) for w in words(text)]


def _number_steps(target: float, tolerance: float) -> tuple[float, list[str]]:
    """The step and the accepted multiples of it (as text) for a number within ``tolerance`` of ``target``."""
    if tolerance <= 0:
        return 0.0, [repr(float(target))]
    step = tolerance / STEPS_PER_TOLERANCE
    low, high = math.ceil((target - tolerance) / step - 1e-9), math.floor((target + tolerance) / step + 1e-9)
    return step, [str(k) for k in range(low, high + 1)]


def _number_text(value: float, step: float) -> str:
    return str(round(value / step)) if step else repr(float(value))


def _element_texts(question: dict[str, str], raw: str, case: Case) -> list[Any]:
    """The texts a student's elements are compared by, for an answer written like the key's ``answer`` column."""
    kind = question["kind"]
    if kind in ("articles", "sentences"):
        return sorted(coerce_answer(question, split_items(raw), case))
    if kind == "number":
        return _number_steps(float(raw), float(question.get("tolerance") or 0))[1]
    if kind == "date":
        return [raw.strip()]
    if kind == "trail":
        return [p.strip() for p in raw.replace("|", ";").split(";") if p.strip()]
    if kind == "text":
        return [" ".join(_stems(item)) for item in split_items(raw)]
    return [str(coerce_answer(question, item, case)) for item in split_items(raw)]


def _sealed_items(question: dict[str, str], raw: str, case: Case, salt: str) -> dict[str, Any]:
    qid = question["id"]
    texts = _element_texts(question, raw, case)
    items: dict[str, Any] = {"items": sorted({digest(salt, qid, t) for t in texts}), "size": len(set(texts))}
    if question["kind"] == "text":
        items["widths"] = sorted({len(t.split()) for t in texts})
    if question["kind"] == "trail" and texts:
        items["best"] = digest(salt, qid, texts[0])
    return items


def seal_question(question: dict[str, str], case: Case, salt: str) -> dict[str, Any]:
    """Return the sealed record of one question (a row of ``keys/questions.csv``): no answer, no explanation."""
    qid = question["id"]
    visible = {c: str(question.get(c) or "") for c in VISIBLE}
    if is_worked_example(qid):
        return {**visible, "plain": {k: str(v or "") for k, v in question.items()}}
    if lesson_of_question(qid) in EXAM_LESSONS:
        return {**visible, "exam": True}
    if question["kind"] == "review":  # the rubric names criteria and a question id, never an answer
        return {**visible, "rubric": question["answer"], "explanation": lock(question["explanation"], salt, qid, "explanation")}
    record = {**visible, **_sealed_items(question, question["answer"], case, salt),
              "explanation": lock(question["explanation"], salt, qid, "explanation")}
    if question["kind"] == "number":
        record["step"] = _number_steps(float(question["answer"]), float(question.get("tolerance") or 0))[0]
    entries = [(answer, message) for answer, message in parse_defensible(question.get("defensible") or "")
               if answer and message]
    record["defensible"] = [
        {**_sealed_items(question, answer, case, salt), "message": lock(message, salt, qid, f"defensible{n}")}
        for n, (answer, message) in enumerate(entries)
    ]
    return record


def seal_key(table, case: Case, salt: str) -> dict[str, Any]:
    """Return the whole sealed key (a JSON-ready dict) of a questions table."""
    rows = [{c: ("" if v is None else str(v)) for c, v in row.items()} for row in table.to_dict("records")]
    return {"format": FORMAT, "salt": salt, "questions": [seal_question(row, case, salt) for row in rows]}


def read_sealed(folder: str | Path) -> dict[str, Any] | None:
    """Read a case folder's sealed key, or ``None`` when it has none (or it is unreadable).

    The file is parsed once per version (its modification time and size), not on every check.
    """
    path = Path(folder) / "keys" / SEALED_FILE
    try:
        stat = path.stat()
    except OSError:
        return None
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _parsed(path: str, mtime_ns: int, size: int) -> dict[str, Any] | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def _has(record: dict[str, Any], salt: str, qid: str, text: str) -> bool:
    return digest(salt, qid, text) in record.get("items", ())


def _text_right(record: dict[str, Any], value: str, salt: str, qid: str) -> bool:
    said = words(value)
    stems = _stems(value)
    for width in record.get("widths", ()):
        if len(said) > width + MAX_EXTRA_WORDS:
            continue
        for start in range(len(said) - width + 1):
            extra = said[:start] + said[start + width:]
            if _has(record, salt, qid, " ".join(stems[start:start + width])) and not any(map(is_negation, extra)):
                return True
    return False


def _trail_grade(record: dict[str, Any], value: tuple, salt: str, qid: str) -> tuple[bool, str]:
    return trail_verdict(list(value), lambda page: _has(record, salt, qid, page),
                         lambda page: digest(salt, qid, page) == record.get("best"))


def sealed_grade(record: dict[str, Any], value: Any, salt: str) -> tuple[bool, str]:
    """Compare a coerced answer with a sealed record: ``(right, a remark when it is wrong)``."""
    kind, qid, match = record["kind"], record["id"], record.get("match") or ""
    if kind in ("articles", "sentences"):
        return grade_list_with(value, lambda item: _has(record, salt, qid, item), record["size"], match)
    if kind == "trail":
        return _trail_grade(record, value, salt, qid)
    if kind == "text":
        return _text_right(record, value, salt, qid), "That is not what the key has."
    if kind == "number":
        shown = int(value) if value == int(value) else value
        return _has(record, salt, qid, _number_text(value, record.get("step") or 0)), f"{shown} is not the number."
    if kind == "date":
        return _has(record, salt, qid, value.isoformat()), f"{value.isoformat()} is not the date."
    return _has(record, salt, qid, str(value)), (f"{value!r} is not the best answer." if kind == "choice"
                                                  else f"{value} is not the one.")


def _review_grade(record: dict[str, Any], value: dict, case: Case, records: dict[str, Any]) -> tuple[bool, str]:
    """Judge a ClaimReview by its rubric, with the rating questions' accepted answers sealed."""
    from .rubric import Setting, judge as judge_rubric

    def accepts(question: dict[str, Any], rating: str) -> bool:
        sealed = records.get(question["id"]) or {}
        entries = [sealed, *({**sealed, **entry} for entry in sealed.get("defensible", ()))]
        return bool(sealed) and any(_has(e, sealed["salt"], sealed["id"], rating.strip().casefold()) for e in entries)

    questions = {qid: {"id": qid, "kind": r["kind"]} for qid, r in records.items() if r}
    return judge_rubric(record["rubric"], value, Setting(frozenset(case.sentences["sentence_id"]), questions, accepts))


def judge(record: dict[str, Any], value: Any, case: Case, salt: str, wrong_before: int,
          records: dict[str, Any] | None = None) -> tuple[str, str]:
    """Return a check's status and message for a coerced answer to a sealed question.

    Args:
        record: the question's sealed record (see :func:`seal_question`).
        value: the answer as :func:`kit.answer_form.coerce_answer` returns it.
        case: the case (for ids).
        salt: the sealed key's salt.
        wrong_before: how many wrong tries of this question the student made before this one.
        records: every sealed record by id (a ClaimReview's rubric asks another question's accepted answers).
    """
    qid = record["id"]
    if record.get("exam"):
        from .exam import EXAM_MESSAGE

        return "recorded", EXAM_MESSAGE
    if record["kind"] == "review":
        right, remark = _review_grade(record, value, case, records or {})
    else:
        right, remark = sealed_grade(record, value, salt)
    explanation = unlock(record["explanation"], salt, qid, "explanation")
    if right:
        return "correct", explanation + (f" {remark}" if record["kind"] == "trail" and remark else "")
    for n, entry in enumerate(record.get("defensible", ())):
        if sealed_grade({**record, **entry}, value, salt)[0]:
            return "correct", f"Defensible. {unlock(entry['message'], salt, qid, f'defensible{n}')}"
    message = f"{remark} Hint: {record['hint']}"
    if wrong_before + 1 >= ATTEMPTS_BEFORE_EXPLANATION:
        message += f" After {ATTEMPTS_BEFORE_EXPLANATION} tries, here is the key's explanation: {explanation}"
    return "incorrect", message


def sealed_questions(folder: str | Path) -> tuple[Any, dict[str, Any]] | None:
    """Return a case folder's sealed questions as ``(table, records by id)``, or ``None`` without a sealed key.

    The table has the columns of ``keys/questions.csv`` a student may read (a
    worked example keeps all of them); a record is ``None`` for a worked example,
    which is checked in plain text like any unsealed question.
    """
    import pandas as pd

    sealed = read_sealed(folder)
    if sealed is None:
        return None
    rows, records = [], {}
    for record in sealed.get("questions", []):
        plain = record.get("plain")
        rows.append(plain if plain else {c: record.get(c, "") for c in VISIBLE})
        records[record["id"]] = None if plain else {**record, "salt": sealed["salt"]}
    return pd.DataFrame(rows).fillna(""), records
