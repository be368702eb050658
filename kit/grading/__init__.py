"""The instructor's grader: ``python -m kit grade SUBMISSIONS_DIR --out OUT_DIR``.

Layout of ``SUBMISSIONS_DIR``: one folder per student, named by the student's id,
holding that student's exercise notebooks under the course's own names::

    submissions/
      alice/00_start_here.ipynb
      alice/01_classify_claims.ipynb
      bob/00_start_here.ipynb

Only submitted notebooks of lessons with questions in the key are graded
(:mod:`.discovery`). Every notebook is a job (:mod:`.jobs`): a worker process
(:mod:`.worker`) runs it cell by cell in a kernel inside a bubblewrap sandbox
(:mod:`.sandbox`) and a cgroup (:mod:`.limits`), on this machine or on a Dask
cluster (:mod:`.cluster`). The answers leave the kernel as data after every cell
(:mod:`.snapshot`), are journalled (:mod:`.journal`) and scored with the key in
the grader's own process (:mod:`.scoring`). ``OUT_DIR/gradebook.csv``
(:mod:`.gradebook`), ``OUT_DIR/feedback/<student>.html`` (:mod:`.feedback`), the
class summary ``summary.html`` with ``grades_wide.csv`` and ``grades_canvas.csv``
(:mod:`.summary`) and the written answers for rubric scoring ``written.csv``
(:mod:`.written`) are written atomically by the grader alone. :mod:`.run` holds the run itself
(``grade``), :mod:`.cli` the command line (``main``).

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
from .jobs import job_settings, run_job
from .journal import JOURNAL_NAME, Journal
from .run import DEFAULT_MAX_OUTPUT, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, GradeReport, GradingError, grade, read_submission
from .sandbox import SandboxError, bwrap_argv, find_bwrap, kernel_environment
from .scoring import RESULTS, NotebookResult, Unreadable, decode, notebook_status, read_answers, score, show_answer
from .snapshot import MAX_ANSWER_CHARS, parse_snapshot, snapshot_expression
from .worker import SNAPSHOT_TIMEOUT, STARTUP_TIMEOUT, run_notebook, worker_main

__all__ = [
    "atomic_write",
    "bwrap_argv",
    "course_notebooks",
    "decode",
    "DEFAULT_MAX_OUTPUT",
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "feedback_page",
    "find_bwrap",
    "find_submissions",
    "grade",
    "GRADEBOOK_COLUMNS",
    "GradeReport",
    "GradingError",
    "job_settings",
    "Journal",
    "JOURNAL_NAME",
    "kernel_environment",
    "key_questions",
    "lesson_of",
    "main",
    "MAX_ANSWER_CHARS",
    "notebook_status",
    "NotebookResult",
    "page_style",
    "parse_snapshot",
    "question_for_variable",
    "read_answers",
    "read_submission",
    "RESULTS",
    "run_job",
    "run_notebook",
    "SandboxError",
    "score",
    "show_answer",
    "snapshot_expression",
    "SNAPSHOT_TIMEOUT",
    "spreadsheet_safe",
    "STARTUP_TIMEOUT",
    "student_total",
    "Submission",
    "Unreadable",
    "variable_for_question",
    "worker_main",
    "write_gradebook",
]
