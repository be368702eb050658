"""The run's journal: one line per finished notebook, so an interrupted run keeps its work (``--resume``).

``OUT_DIR/grading-journal.jsonl`` is written by the grader's own process only
(no kernel can reach ``OUT_DIR``). Each line holds the student, the notebook,
the SHA-256 of the notebook's bytes, its status and its answers as they came out
of the kernel (not their scores: the key scores them at the end of every run,
so a corrected key needs no re-run). Every line is flushed and synced before
the next notebook is counted as done. With ``--resume`` the lines whose
notebook is unchanged are reused and only the rest run; a line cut short by a
crash is ignored. Without ``--resume`` a new journal replaces the old one.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     j = Journal(Path(tmp) / "j.jsonl", resume=False)
...     j.record("ann", "00_x.ipynb", b"{}", {"status": "ok", "answers": {}, "seconds": 1.0})
...     Journal(Path(tmp) / "j.jsonl", resume=True).finished("ann", "00_x.ipynb", b"{}")["status"]
'ok'
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any

JOURNAL_NAME = "grading-journal.jsonl"
"""The journal's file name in ``OUT_DIR``."""


def digest(data: bytes) -> str:
    """The SHA-256 of a notebook's bytes, in hex.

    >>> digest(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


class Journal:
    """Append-only record of finished notebooks; see the module's description."""

    def __init__(self, path: Path, *, resume: bool):
        self.path = path
        self.lock = threading.Lock()
        self.done: dict[tuple[str, str, str], dict[str, Any]] = self._read() if resume else {}
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "a" if resume else "w"
        self.handle = open(path, mode, encoding="utf-8")  # noqa: SIM115 - closed by close()
        if resume and self.done:
            self._rewrite_clean()

    def _read(self) -> dict[tuple[str, str, str], dict[str, Any]]:
        done: dict[tuple[str, str, str], dict[str, Any]] = {}
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return done
        for line in lines:
            try:
                entry = json.loads(line)
                done[(entry["student"], entry["notebook"], entry["sha256"])] = entry
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a crash
        return done

    def _rewrite_clean(self) -> None:
        """Drop lines cut short by a crash, so that appended lines start on a line of their own."""
        self.handle.close()
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text("".join(json.dumps(e) + "\n" for e in self.done.values()), encoding="utf-8")
        os.replace(tmp, self.path)
        self.handle = open(self.path, "a", encoding="utf-8")  # noqa: SIM115

    def finished(self, student: str, notebook: str, data: bytes) -> dict[str, Any] | None:
        """The journal's entry for this notebook with these exact bytes, or ``None``."""
        return self.done.get((student, notebook, digest(data)))

    def record(self, student: str, notebook: str, data: bytes, outcome: dict[str, Any]) -> None:
        """Append one finished notebook (``outcome``: ``status``, ``answers``, ``seconds``) and sync it to disk."""
        entry = {"student": student, "notebook": notebook, "sha256": digest(data), **outcome}
        line = json.dumps(entry) + "\n"
        with self.lock:
            self.handle.write(line)
            self.handle.flush()
            os.fsync(self.handle.fileno())

    def close(self) -> None:
        """Close the journal's file."""
        self.handle.close()
