"""The instructor's grader: ``python -m kit grade SUBMISSIONS_DIR --out OUT_DIR``.

Layout of ``SUBMISSIONS_DIR``: one folder per student, named by the student's id,
holding that student's exercise notebooks under the course's own names::

    submissions/
      alice/00_start_here.ipynb
      alice/01_classify_claims.ipynb
      bob/00_start_here.ipynb

Only submitted notebooks of lessons with questions in the key are graded
(:mod:`.discovery`). Every notebook runs in its own worker process
(``python -m kit.grading --one``, :mod:`.worker`) with its own kernel, in a private
temporary folder (:mod:`.sandbox`); its answers are scored again with the key in
the grader's process (:mod:`.scoring`). ``OUT_DIR/gradebook.csv`` (:mod:`.gradebook`)
and ``OUT_DIR/feedback/<student>.html`` (:mod:`.feedback`) are written atomically.
:mod:`.run` holds the run itself (``grade``), :mod:`.cli` the command line (``main``).

This isolates submissions from each other and from the grader's key by process
and folder; it is not a security sandbox (a notebook runs as the grader's user
and can reach any file that user can). Run untrusted work in a container or as
an unprivileged user.

>>> lesson_of("00_start_here.ipynb"), spreadsheet_safe("=1+1")
(0, "'=1+1")
"""

from __future__ import annotations

from .cli import main
from .discovery import (
    Submission,
    course_notebooks,
    find_submissions,
    key_questions,
    lesson_of,
    question_for_variable,
    variable_for_question,
)
from .feedback import feedback_page, page_style
from .gradebook import GRADEBOOK_COLUMNS, atomic_write, spreadsheet_safe, student_total, write_gradebook
from .run import (
    DEFAULT_MAX_OUTPUT,
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    GradeReport,
    GradingError,
    grade,
    progress_bar,
    run_submission,
)
from .scoring import RESULTS, NotebookResult, Unreadable, decode, notebook_status, read_answers, score, show_answer
from .worker import EXTRACT_CELL, EXTRACT_TIMEOUT, MAX_ANSWER_CHARS, STARTUP_TIMEOUT, run_notebook, worker_main

__all__ = [
    "DEFAULT_MAX_OUTPUT",
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "EXTRACT_CELL",
    "EXTRACT_TIMEOUT",
    "GRADEBOOK_COLUMNS",
    "GradeReport",
    "GradingError",
    "MAX_ANSWER_CHARS",
    "NotebookResult",
    "RESULTS",
    "STARTUP_TIMEOUT",
    "Submission",
    "Unreadable",
    "atomic_write",
    "course_notebooks",
    "decode",
    "feedback_page",
    "find_submissions",
    "grade",
    "key_questions",
    "lesson_of",
    "main",
    "notebook_status",
    "page_style",
    "progress_bar",
    "question_for_variable",
    "read_answers",
    "run_notebook",
    "run_submission",
    "score",
    "show_answer",
    "spreadsheet_safe",
    "student_total",
    "variable_for_question",
    "worker_main",
    "write_gradebook",
]
