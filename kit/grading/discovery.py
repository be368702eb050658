"""What there is to grade: student folders, course notebook names, lesson numbers and the key's questions.

A notebook ``NN_slug.ipynb`` holds the questions ``qN.*`` of the key (N = int(NN));
it is graded when the key has questions for lesson N (and, when the course's
``exercises/`` or ``assessments/`` folder is at hand, when its name is the course's
name for that lesson). Other files, hidden folders and notebooks of lessons without
questions are ignored.

>>> lesson_of("03_timelines.ipynb"), question_for_variable("answer_q3_1"), variable_for_question("q3.1")
(3, 'q3.1', 'answer_q3_1')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.case import Case

COURSE_ROOT = Path(__file__).resolve().parent.parent.parent
"""The folder that holds the ``kit`` package (in a checkout, the course repository)."""

_ANSWER_NAME = re.compile(r"answer_q(\d+)_(\d+)")
_QUESTION_ID = re.compile(r"q(\d+)\.(\d+)")
_NOTEBOOK_NAME = re.compile(r"(\d+)_[A-Za-z0-9_]+\.ipynb")


@dataclass
class Submission:
    """One notebook of one student to grade."""

    student: str
    notebook: str
    lesson: int
    path: Path


def question_for_variable(name: str) -> str | None:
    """Return the question id a notebook variable answers, or ``None``.

    Args:
        name: a global variable name from a notebook.

    Returns:
        ``"qN.M"`` for ``answer_qN_M``; ``None`` for any other name.

    >>> question_for_variable("answer_q1_3")
    'q1.3'
    >>> question_for_variable("answer_q1_3b") is None
    True
    """
    match = _ANSWER_NAME.fullmatch(name)
    return f"q{int(match[1])}.{int(match[2])}" if match else None


def variable_for_question(question_id: str) -> str:
    """Return the notebook variable that holds the answer to ``question_id``.

    >>> variable_for_question("q0.7")
    'answer_q0_7'
    """
    match = _QUESTION_ID.fullmatch(question_id)
    if not match:
        raise ValueError(f"{question_id!r} is not a question id like 'q1.3'.")
    return f"answer_q{match[1]}_{match[2]}"


def lesson_of(notebook_name: str) -> int | None:
    """Return the lesson number of a course notebook's file name, or ``None``.

    Args:
        notebook_name: a file name such as ``01_classify_claims.ipynb``.

    Returns:
        ``int(NN)`` for ``NN_slug.ipynb``; ``None`` for names not in the course's style.

    >>> lesson_of("01_classify_claims.ipynb"), lesson_of("01_classify_claims-Copy1.ipynb")
    (1, None)
    """
    match = _NOTEBOOK_NAME.fullmatch(notebook_name)
    return int(match[1]) if match else None


def course_notebooks(root: Path = COURSE_ROOT) -> dict[int, set[str]]:
    """Return the course's notebook names by lesson, from ``exercises/``, ``assessments/`` and ``solutions/``.

    An exercise is named after its lesson plus ``_exercise``; a copy handed in under the lesson's own name
    (the name of its solution, and of exercises before they were renamed) counts too. Folders that are
    missing (an installed kit) give no names.

    >>> course_notebooks(Path("/nowhere"))
    {}
    """
    names: dict[int, set[str]] = {}
    for folder in ("exercises", "assessments", "solutions"):
        for p in sorted((root / folder).glob("*.ipynb")):
            lesson = lesson_of(p.name)
            if lesson is not None:
                names.setdefault(lesson, set()).add(p.name)
    return names


def key_questions(case: Case) -> dict[int, list[dict[str, str]]]:
    """Return the key's questions (``keys/questions.csv`` rows, as text) by lesson number.

    Rows whose id is not like ``qN.M`` are left out; a case without questions gives ``{}``.

    >>> from types import SimpleNamespace
    >>> import pandas as pd
    >>> case = SimpleNamespace(keys={"questions": pd.DataFrame({"id": ["q1.2", "x"], "answer": ["A1", None]})})
    >>> key_questions(case)
    {1: [{'id': 'q1.2', 'answer': 'A1'}]}
    """
    table = case.keys.get("questions")
    by_lesson: dict[int, list[dict[str, str]]] = {}
    if table is None:
        return by_lesson
    for record in table.to_dict("records"):
        row = {k: ("" if v is None else str(v)) for k, v in record.items()}
        match = _QUESTION_ID.fullmatch(row.get("id", "").strip())
        if match:
            by_lesson.setdefault(int(match[1]), []).append(row)
    return by_lesson


def _is_graded(name: str, lessons: set[int], course: dict[int, set[str]]) -> bool:
    lesson = lesson_of(name)
    known = course.get(lesson) if lesson is not None else None
    return not (lesson is None or lesson not in lessons or (known and name not in known))


_JUNK = {".DS_Store", ".ipynb_checkpoints", ".git", ".Trash", ".Trashes"}


def _skipped_folder(entry: Path) -> str | None:
    """Why a top-level entry is no student: a reason to report, ``"file"`` to count it, ``""`` to skip it
    silently, ``None`` for a student.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / ".ann").mkdir()
    ...     _skipped_folder(Path(tmp) / ".ann"), _skipped_folder(Path(tmp) / ".DS_Store")
    ('a hidden folder: not graded; rename it if it is a student', '')
    """
    if entry.name in _JUNK:
        return ""
    if entry.is_symlink():
        return "a link: not followed; copy the folder in if it is a student"
    if not entry.is_dir():
        return "" if entry.name.startswith(".") else "file"
    return "a hidden folder: not graded; rename it if it is a student" if entry.name.startswith(".") else None


def find_submissions(folder: str | Path, lessons: set[int]) -> tuple[list[str], list[Submission], list[str]]:
    """List the students and the notebooks to grade in a submissions folder.

    Args:
        folder: one sub-folder per student (its name is the student's id).
        lessons: lesson numbers that have questions in the key.

    Returns:
        ``(students, submissions, ignored)``: every student folder (sorted), the
        notebooks to grade, and the paths of files that were skipped (with the reason
        in brackets for a hidden or linked folder, which the summary lists).
    """
    folder = Path(folder)
    course = course_notebooks()
    students: list[str] = []
    found: list[Submission] = []
    ignored: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        skip = _skipped_folder(entry)
        if skip is not None:
            if skip:
                ignored.append(str(entry) if skip == "file" else f"{entry} ({skip})")
            continue
        students.append(entry.name)
        for nb in sorted(entry.iterdir(), key=lambda p: p.name):
            if nb.name.startswith(".") or nb.name == "answers.json" or (nb.is_dir() and not nb.is_symlink()):
                continue  # answers.json: read for the trails a re-run cannot replay (kit.grading.submitted)
            if not _is_graded(nb.name, lessons, course):
                ignored.append(str(nb))
                continue
            found.append(Submission(entry.name, nb.name, lesson_of(nb.name), nb))
    return students, *_one_per_lesson(found, ignored)


def _one_per_lesson(found: list[Submission], ignored: list[str]) -> tuple[list[Submission], list[str]]:
    """Keep one notebook per student and lesson: the exercise's name wins over the lesson's own name."""
    kept: dict[tuple[str, int], Submission] = {}
    for sub in found:
        other = kept.get((sub.student, sub.lesson))
        if other is None or (sub.notebook.endswith("_exercise.ipynb") and not other.notebook.endswith("_exercise.ipynb")):
            if other is not None:
                ignored.append(f"{other.path} (another notebook of lesson {sub.lesson:02d} is graded: {sub.notebook})")
            kept[(sub.student, sub.lesson)] = sub
        else:
            ignored.append(f"{sub.path} (another notebook of lesson {sub.lesson:02d} is graded: {other.notebook})")
    return [s for s in found if kept[(s.student, s.lesson)] is s], ignored
