"""The student's answers file: every attempt, appended atomically, kept across restarts.

The file is JSON::

    {"format": "media-literacy-answers/1",
     "attempts": [{"question": "q0.1", "answer": ["A2"], "status": "correct",
                   "time": "2024-11-13T09:00:00+00:00", "case": "seeds", "student": "ada"}]}

Writes go to a temporary file in the same folder that then replaces the old
one (``os.replace``), under a lock, so a crash or a second kernel never leaves
half a file. A file that cannot be read is never overwritten: it is renamed
``answers.json.damaged-<time>`` and reported.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KitError
from .paths import STUDENT_ENV, answers_path

if TYPE_CHECKING:
    import pandas as pd

FORMAT = "media-literacy-answers/1"
COLUMNS = ["time", "student", "case", "question", "answer", "status"]


class AnswersError(KitError):
    """The answers file cannot be read or written."""


def student_name() -> str:
    """Return the student's name: ``$KIT_STUDENT`` if set, else the login name.

    >>> import os; os.environ["KIT_STUDENT"] = "ada"; student_name()
    'ada'
    >>> del os.environ["KIT_STUDENT"]
    """
    name = os.environ.get(STUDENT_ENV, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "student"


@contextlib.contextmanager
def locked(path: Path):
    """Hold an exclusive advisory lock on ``<path>.lock`` (shared by every process) while the block runs.

    >>> import tempfile
    >>> with locked(Path(tempfile.mkdtemp()) / "answers.json"):
    ...     pass
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; atomic replace still protects the file
        yield
        return
    lock = path.with_name(path.name + ".lock")
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _parse(path: Path) -> list[dict[str, Any]]:
    """Return the attempts in ``path``; raise ValueError when the file is damaged."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("attempts"), list):
        raise ValueError("not an answers file")
    return data["attempts"]


def _set_aside(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    path.rename(target)
    return target


def _write(path: Path, attempts: list[dict[str, Any]]) -> None:
    payload = json.dumps({"format": FORMAT, "attempts": attempts}, ensure_ascii=False, indent=1)
    write_atomic(path, payload + "\n")


def write_atomic(path: str | Path, text: str) -> None:
    """Write a text file so that a crash leaves the old file or the new one, never half of either.

    The text goes to a temporary file in the same folder, is flushed to disk, then replaces the
    file in one step. A linked file stays a link: its target is replaced.
    """
    path = Path(os.path.realpath(path))
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def record(question: str, answer: Any, status: str, case: str, path: Path | None = None) -> str:
    """Append one attempt to the answers file and return a note for the student ("" when all went well).

    Args:
        question: the question id, e.g. ``"q0.1"``.
        answer: the student's answer (stored as JSON; anything else is stored as its ``repr``).
        status: ``correct``, ``incorrect`` or ``invalid``.
        case: the case name.
        path: the answers file; ``answers_path()`` when ``None``.

    Returns:
        ``""``, or one sentence saying that a damaged file was set aside or that saving failed.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "answers.json"
    >>> record("q0.1", ["A2"], "correct", "seeds", p)
    ''
    >>> [a["question"] for a in load_attempts(p)]
    ['q0.1']
    """
    path = Path(path) if path is not None else answers_path()
    try:
        json.dumps(answer)
        stored = answer
    except (TypeError, ValueError):
        try:
            stored = repr(answer)[:10_000]
        except Exception:  # an object whose repr fails is still recorded, by its type
            stored = f"<{type(answer).__name__}>"
    attempt = {
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "student": student_name(),
        "case": case,
        "question": question,
        "answer": stored,
        "status": status,
    }
    note = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):
            attempts: list[dict[str, Any]] = []
            if path.exists():
                try:
                    attempts = _parse(path)
                except (ValueError, UnicodeDecodeError):
                    moved = _set_aside(path)
                    note = (
                        f"Your answers file {path} was damaged, so it was kept as {moved.name} and a new one was "
                        "started; show both files to your instructor."
                    )
            attempts.append(attempt)
            _write(path, attempts)
    except OSError as exc:
        return (
            f"This answer could not be saved to {path} ({exc.strerror or exc}); "
            "set KIT_ANSWERS to a file you can write, e.g. os.environ['KIT_ANSWERS'] = 'answers.json'."
        )
    return note


def load_attempts(path: str | Path | None = None) -> list[dict[str, Any]]:
    """Return the attempts stored in an answers file (``[]`` when there is none yet).

    Raises:
        AnswersError: when the file is damaged.

    >>> load_attempts("/nonexistent/answers.json")
    []
    """
    path = Path(path) if path is not None else answers_path()
    if not path.exists():
        return []
    try:
        return _parse(path)
    except (ValueError, UnicodeDecodeError):
        raise AnswersError(
            f"{path} is not a readable answers file; it will be set aside at your next check, "
            "or open it to see what happened to it."
        ) from None


def answers(path: str | Path | None = None) -> pd.DataFrame:
    """Return every recorded attempt as a table, oldest first.

    Args:
        path: an answers file; the student's own (``answers_path()``) when ``None``.

    Returns:
        A DataFrame with the columns ``time, student, case, question, answer, status``.

    >>> answers("/nonexistent/answers.json").columns.tolist()
    ['time', 'student', 'case', 'question', 'answer', 'status']
    """
    import pandas as pd

    rows = load_attempts(path)
    frame = pd.DataFrame([{c: a.get(c) for c in COLUMNS} for a in rows], columns=COLUMNS)
    frame["time"] = pd.to_datetime(frame["time"], utc=True, format="ISO8601")
    return frame
