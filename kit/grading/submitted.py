"""Answers a notebook cannot replay: lateral-reading trails and claim-sorter labels, read from the answers file handed in.

A trail (searches, pages opened, a note) is made by clicking in a widget; re-running the
notebook in the grader's sandbox cannot click again. So the student hands in their answers
file (``answers.json``, beside the notebooks) and the grader, in its own process, reads the
last trail recorded for each ``trail`` question of the key's case: JSON parsed as data,
never run, at most :data:`MAX_ANSWERS_BYTES`, never through a link, and only answers that
are plain lines of a trail (:func:`kit.answer_trail.decode_trail`) are kept.

The claim sorter (lesson 01) records each label a student picks the same way
(question: the claim's id, answer: ``{"label", "confidence"}``); :func:`sorter_answers`
counts, per claim of the key, the first label against the key's (a report, not a score).

>>> import json, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "answers.json").write_text(json.dumps({"format": 1, "attempts": [
...     {"question": "q2.9", "case": "port", "answer": ["1.0s | open | P2", "5.0s | note | run by the port"]}]}))
>>> submitted_trails(folder, "port", {"q2.9"})
{'q2.9': ['1.0s | open | P2', '5.0s | note | run by the port']}
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from ..answer_trail import decode_trail
from ..claims.taxonomy import normalise_label

ANSWERS_FILE = "answers.json"
"""The name of the answers file in a student's submission folder."""
MAX_ANSWERS_BYTES = 5_000_000
"""A larger answers file is not read."""
NO_SORTER = "no sorter answers handed in"
"""What the feedback and summary say of a student without claim-sorter answers (no file, a damaged one, none)."""


def _read(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = handle.read(MAX_ANSWERS_BYTES + 1)
    return data if len(data) <= MAX_ANSWERS_BYTES else None


def submitted_attempts(folder: Path) -> list[Any] | None:
    """The attempts of a student's answers file, as data; ``None`` when there is none or it is damaged.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> submitted_attempts(folder), (folder / "answers.json").write_text("[[[") > 0, submitted_attempts(folder)
    (None, True, None)
    """
    data = _read(Path(folder) / ANSWERS_FILE)
    try:
        attempts = json.loads(data.decode("utf-8"))["attempts"] if data else None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        return None
    return attempts if isinstance(attempts, list) else None


def submitted_trails(folder: Path, case_name: str, questions: set[str]) -> dict[str, list[str]]:
    """The last trail a student recorded for each of ``questions`` in case ``case_name`` (``{}`` when none)."""
    attempts = submitted_attempts(folder) if questions else None
    found: dict[str, list[str]] = {}
    for attempt in attempts or []:
        if not isinstance(attempt, dict) or attempt.get("question") not in questions or attempt.get("case") != case_name:
            continue
        answer = attempt.get("answer")
        try:
            decode_trail(answer)
        except ValueError:
            continue
        if answer:
            found[attempt["question"]] = [str(line) for line in answer]
    return found


def submitted_clicks(folder: Path, case_name: str, questions: set[str],
                     first: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The last answer a student recorded for each of ``questions`` in case ``case_name``: answers given by clicking.

    A widget (:func:`kit.ask`, the quote comparer, the timeline, ...) records its answer through
    :func:`kit.check`; a re-run of the notebook cannot click again, so the grader takes the last
    recorded answer of a question the re-run left unanswered; for the questions in ``first`` (the pre- and
    post-test, whose first answer is the score, as :func:`kit.assessment_scores` counts it) the first.
    Only plain values (text, numbers, lists of them) are taken; the recorded status is ignored: the grader
    judges the answer itself.

    >>> import json, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "answers.json").write_text(json.dumps({"attempts": [
    ...     {"question": "q1.1", "case": "port", "answer": "opinion", "status": "correct"},
    ...     {"question": "q1.1", "case": "port", "answer": "prediction", "status": "correct"},
    ...     {"question": "q1.2", "case": "port", "answer": {"x": [1]}},
    ...     {"question": "q1.3", "case": "other", "answer": "opinion"}]}))
    >>> submitted_clicks(folder, "port", {"q1.1", "q1.2", "q1.3"})
    {'q1.1': 'prediction'}
    >>> submitted_clicks(folder, "port", {"q1.1"}, first=frozenset({"q1.1"}))
    {'q1.1': 'opinion'}
    """
    attempts = submitted_attempts(folder) if questions else None
    found: dict[str, Any] = {}
    for attempt in attempts or []:
        if not isinstance(attempt, dict) or attempt.get("question") not in questions or attempt.get("case") != case_name:
            continue
        answer = attempt.get("answer")
        if attempt["question"] in first and attempt["question"] in found:
            continue
        if _is_plain(answer) and not (isinstance(answer, str) and answer.startswith("<not a plain value")):
            found[attempt["question"]] = answer
    return found


def _is_plain(answer: Any) -> bool:
    """A text, a number, or a flat list of them (what a click answers); nothing nested, no ``None``."""
    simple = (str, int, float)
    return isinstance(answer, simple) and not isinstance(answer, bool) or (
        isinstance(answer, list) and bool(answer) and all(isinstance(a, simple) and not isinstance(a, bool) for a in answer))


def _first_labels(attempts: list[Any], case_name: str, key: dict[str, str]) -> dict[str, str]:
    """The first label recorded for each claim of ``key`` in case ``case_name``; damaged entries are skipped."""
    first: dict[str, str] = {}
    for attempt in attempts:
        if not isinstance(attempt, dict) or attempt.get("case") != case_name:
            continue
        claim, answer = attempt.get("question"), attempt.get("answer")
        if not isinstance(claim, str) or claim not in key or claim in first or not isinstance(answer, dict):
            continue
        label = normalise_label(answer.get("label")) if isinstance(answer.get("label"), str) else None
        if label is not None:
            first[claim] = label
    return first


def sorter_answers(folder: Path, case_name: str, key: dict[str, str]) -> dict[str, Any]:
    """A student's claim-sorter answers handed in: claims sorted, right at the first try, accuracy (not scored).

    Args:
        folder: the student's submission folder (its ``answers.json`` is read as data, never run).
        case_name: the key's case; answers recorded for another case do not count.
        key: the claims key, ``{claim id: label}``.

    Returns:
        ``{"claims", "right_first", "accuracy" (% or None), "of" (claims in the key), "note"}``; ``note`` is
        :data:`NO_SORTER` when no answers file, a damaged one, or no sorter answer of this case was handed in.

    >>> import json, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> sorter_answers(folder, "port", {"W1.C1": "opinion"})["note"]
    'no sorter answers handed in'
    >>> _ = (folder / "answers.json").write_text(json.dumps({"attempts": [
    ...     {"question": "W1.C1", "case": "port", "answer": {"label": "opinion", "confidence": 4}},
    ...     {"question": "W1.C2", "case": "port", "answer": {"label": "fact"}},
    ...     {"question": "W1.C2", "case": "port", "answer": {"label": "prediction"}}]}))
    >>> s = sorter_answers(folder, "port", {"W1.C1": "opinion", "W1.C2": "speculation", "W1.C3": "opinion"})
    >>> s["claims"], s["right_first"], s["accuracy"], s["of"], s["note"]
    (2, 1, 50.0, 3, '')
    """
    attempts = submitted_attempts(folder)
    first = _first_labels(attempts, case_name, key) if attempts else {}
    right = sum(1 for claim, label in first.items() if normalise_label(key[claim]) == label)
    return {"claims": len(first), "right_first": right,
            "accuracy": round(100 * right / len(first), 1) if first else None, "of": len(key),
            "note": "" if first else NO_SORTER}


def claim_labels(case: Any) -> dict[str, str]:
    """The case's claims key as ``{claim id: label}`` (``{}`` when the case has no ``keys/claims.csv``).

    >>> class Case: keys = {}
    >>> claim_labels(Case())
    {}
    """
    table = getattr(case, "keys", {}).get("claims")
    if table is None or len(table) == 0 or not {"id", "label"} <= set(table.columns):
        return {}
    return {str(claim): str(label) for claim, label in zip(table["id"], table["label"])}
