"""The gradebook: student totals, spreadsheet-safe cells and the CSV, written atomically.

``OUT_DIR/gradebook.csv`` has the columns of :data:`GRADEBOOK_COLUMNS`: one row per
student, notebook and question, one ``TOTAL`` row per notebook and one per student
(notebook ``ALL``, status ``N notebooks graded``, ``…, M not submitted`` or ``no notebooks submitted``).
A course notebook a student did not hand in has rows too (result and status
:data:`NOT_SUBMITTED`, 0 points; see :mod:`.summary`), so the ``ALL`` row is out of
every question of the course.

>>> student_total("bob", [], 0)["status"]
'no notebooks submitted'
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ..core.tables import spreadsheet_safe

GRADEBOOK_COLUMNS = ["student", "notebook", "question", "answer", "result", "points", "max_points", "status", "message"]
"""Columns of ``gradebook.csv``."""

NOT_SUBMITTED = "not submitted"
"""The result of each question, and the status of the ``TOTAL`` row, of a course notebook not handed in."""

_GUARDED = ("answer", "student", "status")  # the cells whose text comes from a student or a notebook


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    The folder is created if needed; on failure the old file stays and the temporary file is removed.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     atomic_write(Path(tmp) / "a" / "b.txt", "hi"); (Path(tmp) / "a" / "b.txt").read_text()
    'hi'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        try:
            os.unlink(handle.name)
        except OSError:
            pass
        raise


def student_total(student: str, rows: list[dict[str, Any]], graded: int) -> dict[str, Any]:
    """Return a student's ``ALL`` / ``TOTAL`` row: the sums of their notebooks' ``TOTAL`` rows.

    >>> row = student_total("ann", [{"question": "TOTAL", "points": 3, "max_points": 7}], 1)
    >>> row["points"], row["max_points"], row["status"]
    (3, 7, '1 notebook graded')
    >>> student_total("ann", [{"question": "TOTAL", "points": 0, "max_points": 5, "status": NOT_SUBMITTED}], 0)["status"]
    'no notebooks submitted'
    """
    mine = [r for r in rows if r["question"] == "TOTAL"]
    missing = sum(1 for r in mine if r.get("status") == NOT_SUBMITTED)
    status = f"{graded} notebook{'s' if graded != 1 else ''} graded" if graded else "no notebooks submitted"
    return {
        "student": student, "notebook": "ALL", "question": "TOTAL", "answer": "", "result": "",
        "points": sum(r["points"] for r in mine), "max_points": sum(r["max_points"] for r in mine),
        "status": f"{status}, {missing} not submitted" if missing and graded else status,
        "message": "",
    }


def write_gradebook(rows: list[dict[str, Any]], path: Path) -> None:
    """Write the gradebook CSV atomically (temporary file in the same folder, then ``os.replace``).

    Only the columns of :data:`GRADEBOOK_COLUMNS` are written; student-made cells are :func:`spreadsheet_safe`.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=GRADEBOOK_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe(str(row[k])) if k in _GUARDED else row[k] for k in GRADEBOOK_COLUMNS})
    atomic_write(path, buffer.getvalue())
