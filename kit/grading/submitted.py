"""Answers a notebook cannot replay: a student's lateral-reading trails, read from the answers file they hand in.

A trail (searches, pages opened, a note) is made by clicking in a widget; re-running the
notebook in the grader's sandbox cannot click again. So the student hands in their answers
file (``answers.json``, beside the notebooks) and the grader, in its own process, reads the
last trail recorded for each ``trail`` question of the key's case: JSON parsed as data,
never run, at most :data:`MAX_ANSWERS_BYTES`, never through a link, and only answers that
are plain lines of a trail (:func:`kit.answer_trail.decode_trail`) are kept.

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

from ..answer_trail import decode_trail

ANSWERS_FILE = "answers.json"
"""The name of the answers file in a student's submission folder."""
MAX_ANSWERS_BYTES = 5_000_000
"""A larger answers file is not read."""


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


def submitted_trails(folder: Path, case_name: str, questions: set[str]) -> dict[str, list[str]]:
    """The last trail a student recorded for each of ``questions`` in case ``case_name`` (``{}`` when none)."""
    data = _read(Path(folder) / ANSWERS_FILE) if questions else None
    try:
        attempts = json.loads(data.decode("utf-8"))["attempts"] if data else []
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        return {}
    found: dict[str, list[str]] = {}
    for attempt in attempts if isinstance(attempts, list) else []:
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
