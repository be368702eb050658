"""One grading run: check the input, run the notebooks in a pool of workers, score them, write the results.

1. The key is loaded once, in the grader's own process, before anything runs
   (the seeds, or ``case``), and the built-in case is read into memory.
2. Every notebook runs in its own worker process, in a private folder
   (``kit.grading.sandbox``); up to ``jobs`` notebooks run at once.
3. Each answer is scored again with the key (``kit.grading.scoring``); the
   gradebook and one feedback page per student are written atomically.

>>> progress_bar(3, 4, width=8)
'grading [======  ] 3/4'
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.case import load_case
from ..core.errors import CaseError, KitError
from ..core.paths import seeds_dir
from .discovery import COURSE_ROOT, Submission, find_submissions, key_questions
from .feedback import feedback_page
from .gradebook import atomic_write, student_total, write_gradebook
from .sandbox import (
    Job, job_environment, kill_group, kill_recorded_group, make_job, new_job_folder, rmtree, run_isolated, snapshot,
)
from .scoring import KINDS_OF_STATUS, RESULTS, NotebookResult, notebook_status, read_answers, score
from .worker import EXTRACT_TIMEOUT, STARTUP_TIMEOUT, WORKER_ARGS

if TYPE_CHECKING:
    from ..core.case import Case

DEFAULT_TIMEOUT = 120
"""Seconds per notebook (``--timeout``)."""
DEFAULT_MAX_OUTPUT = 1_000_000
"""Bytes of output kept per notebook (``--max-output``)."""
DEFAULT_MEMORY_MB = 4096
"""Data-size limit of each worker and kernel in MB (``--memory``)."""


class GradingError(KitError):
    """A mistake in the grader's input, told in one sentence (the CLI prints it and exits 1).

    >>> from kit.core.errors import KitError
    >>> isinstance(GradingError("x"), KitError)
    True
    """


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


@dataclass
class GradeReport:
    """Everything one grading run produced."""

    students: list[str]
    results: list[NotebookResult]
    rows: list[dict[str, Any]]
    out: Path
    seconds: float
    jobs: int
    timeout: float
    ignored: list[str] = field(default_factory=list)
    max_output: int = DEFAULT_MAX_OUTPUT

    @property
    def gradebook(self) -> Path:
        """The gradebook CSV."""
        return self.out / "gradebook.csv"

    @property
    def feedback(self) -> Path:
        """The folder of feedback pages."""
        return self.out / "feedback"

    def summary(self) -> str:
        """A one-screen summary: students, notebooks, per-status counts and where the files are."""
        kinds: Counter[str] = Counter()
        for r in self.results:
            for part in r.status.split("; "):
                kinds[next((k for k in KINDS_OF_STATUS if part.startswith(k)), part)] += 1
        results = Counter(row["result"] for row in self.rows if row["question"] != "TOTAL")
        lines = [
            f"Graded {_plural(len(self.results), 'notebook')} of {_plural(len(self.students), 'student')} "
            f"in {self.seconds:.1f} s ({self.jobs} at a time, {self.timeout:g} s per notebook).",
            "Notebooks by status (a notebook can have several):",
        ]
        for kind in KINDS_OF_STATUS:
            if kinds[kind]:
                shown = "output capped" + f" (at {self.max_output:,} bytes)" if kind == "output capped" else kind
                lines.append(f"  {shown:<40} {kinds[kind]:>5}")
        questions = sum(results.values())
        lines.append(f"Questions: {questions} (" + ", ".join(f"{label} {results[label]}" for label in RESULTS.values()) + ").")
        if self.ignored:
            lines.append(f"Ignored {_plural(len(self.ignored), 'file')} that are not course notebooks.")
        lines.append(f"Gradebook: {self.gradebook}")
        lines.append(f"Feedback:  {self.feedback}{os.sep} ({len(self.students)} pages)")
        return "\n".join(lines)


def progress_bar(done: int, total: int, width: int = 20) -> str:
    """Draw a plain-text progress bar.

    Args:
        done: notebooks finished.
        total: notebooks in all.
        width: characters between the brackets.

    Returns:
        A line like ``grading [=====     ] 12/40``.

    >>> progress_bar(12, 40, width=10)
    'grading [===       ] 12/40'
    >>> progress_bar(0, 0, width=4)
    'grading [====] 0/0'
    """
    filled = width if total <= 0 else min(width, done * width // total)
    return f"grading [{'=' * filled}{' ' * (width - filled)}] {done}/{total}"


class Progress:
    """A progress bar on standard error: redrawn in place on a terminal, a few lines otherwise."""

    def __init__(self, total: int, enabled: bool = True):
        self.total, self.enabled = total, enabled
        self.tty = enabled and sys.stderr.isatty()
        self.last_tenth = -1

    def show(self, done: int) -> None:
        """Show that ``done`` notebooks are finished (off a terminal: at each tenth and at the end)."""
        if not self.enabled:
            return
        if self.tty:
            print("\r" + progress_bar(done, self.total), end="", file=sys.stderr, flush=True)
            return
        tenth = done * 10 // max(self.total, 1)
        if tenth != self.last_tenth or done == self.total:
            self.last_tenth = tenth
            print(progress_bar(done, self.total), file=sys.stderr, flush=True)

    def close(self) -> None:
        """End the bar's line on a terminal."""
        if self.enabled and self.tty:
            print(file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- one notebook


@dataclass
class Pool:
    """What every job of a run shares: the built-in case's files, the scratch folder, the limits, and the
    live worker pids (guarded by ``lock``) an interrupted run must kill."""

    seeds: dict[str, bytes]
    scratch: Path
    settings: dict[str, Any]
    live: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _worker_spec(notebook: Path, job: Job, settings: dict[str, Any]) -> dict[str, Any]:
    return {
        "notebook": str(notebook),
        "workdir": str(job.work),
        "extract_path": str(job.private / f"{secrets.token_hex(16)}.json"),
        "result_path": str(job.private / "result.json"),
        "pid_path": str(job.private / "kernel.pgid"),
        "timeout": settings["timeout"],
        "cell_timeout": settings["cell_timeout"],
        "max_output": settings["max_output"],
        "memory_mb": settings["memory_mb"],
    }


def _run_worker(spec: dict[str, Any], job: Job, pool: Pool) -> tuple[dict[str, Any] | None, str | None]:
    """Run the worker on a spec; return its report, or ``None`` and why there is none."""
    settings = pool.settings
    limit = STARTUP_TIMEOUT + float(settings["timeout"]) + EXTRACT_TIMEOUT + 30
    env = job_environment(job, settings["kit_root"])
    argv = [sys.executable, *WORKER_ARGS]
    code = run_isolated(argv, json.dumps(spec).encode("utf-8"), job, env, limit, pool.live, pool.lock)
    result_path, pid_path = Path(spec["result_path"]), Path(spec["pid_path"])
    exit_note = None
    if code is None:
        exit_note = f"timed out after {float(settings['timeout']):g} s"
    elif code != 0 and not result_path.exists():
        exit_note = (
            "kernel died (it stopped the grading process)"
            if pid_path.exists()
            else f"grader error: the worker stopped with exit status {code}"
        )
    raw = None
    if exit_note is None:
        try:
            raw = json.loads(result_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            exit_note = "grader error: the worker wrote no report"
    if exit_note is not None:  # the worker did not shut its kernel down; the kernel runs in its own session
        kill_recorded_group(pid_path)
        raw = None
    return raw, exit_note


def _outcome(raw: dict[str, Any] | None, exit_note: str | None, spec: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    """The notebook's status and answers from the worker's report."""
    status = notebook_status(raw, float(spec["timeout"]), exit_note)
    extracted = raw is not None and raw.get("extracted")
    answers = read_answers(Path(spec["extract_path"])) if extracted else None
    if extracted and answers is None:
        status = "answers could not be read" if status == "ok" else f"{status}; answers could not be read"
    return status, answers


def run_submission(sub: Submission, pool: Pool) -> NotebookResult:
    """Grade one notebook in a worker process, in a private folder that is removed afterwards; never raises
    for the notebook's own trouble (it becomes the status)."""
    started = time.monotonic()
    root = new_job_folder(pool.scratch)
    try:
        job = make_job(root, pool.seeds, sub.student)
        notebook = job.work / sub.notebook
        try:
            shutil.copyfile(sub.path, notebook)
        except OSError as exc:
            return NotebookResult(sub, f"could not be read ({type(exc).__name__})", None, time.monotonic() - started)
        spec = _worker_spec(notebook, job, pool.settings)
        raw, exit_note = _run_worker(spec, job, pool)
        status, answers = _outcome(raw, exit_note, spec)
        return NotebookResult(sub, status, answers, time.monotonic() - started)
    except Exception as exc:  # noqa: BLE001 - one notebook's trouble must not stop the others
        return NotebookResult(sub, f"grader error: {type(exc).__name__}: {exc}", None, time.monotonic() - started)
    finally:
        rmtree(root)


# --------------------------------------------------------------------------- the run


def _check_input(submissions: Path, out: Path, jobs: int | None, timeout: float, cell_timeout: float | None) -> None:
    if not submissions.is_dir():
        what = "is a file, not a folder" if submissions.exists() else "does not exist"
        raise GradingError(f"The submissions folder {submissions} {what}; give the folder that holds one folder per student.")
    if out.exists() and not out.is_dir():
        raise GradingError(f"{out} is a file; give --out a folder for the gradebook and feedback pages.")
    if jobs is not None and jobs < 1:
        raise GradingError("--jobs must be at least 1.")
    if timeout <= 0 or (cell_timeout is not None and cell_timeout <= 0):
        raise GradingError("--timeout and --cell-timeout must be more than 0 seconds.")


def _load_key(case: str | Path | None) -> tuple[Case, dict[str, bytes], dict[int, list[dict[str, str]]]]:
    """The key, the built-in case's files and the key's questions by lesson."""
    try:
        key = load_case(case, cached=False)  # never a file a submission could have written
        seeds = snapshot(seeds_dir())
    except CaseError as exc:
        raise GradingError(f"The key cannot be loaded: {exc}") from None
    except (OSError, FileNotFoundError) as exc:
        raise GradingError(f"The built-in case cannot be read: {exc}") from None
    by_lesson = key_questions(key)
    if not by_lesson:
        raise GradingError(f"Case {key.name!r} has no questions (keys/questions.csv); there is nothing to grade against.")
    return key, seeds, by_lesson


def _find_work(submissions: Path, out: Path, lessons: set[int]) -> tuple[list[str], list[Submission], list[str]]:
    """The students, the notebooks to grade and the ignored files; an ``out`` inside ``submissions`` is no student."""
    students, subs, ignored = find_submissions(submissions, lessons)
    out_resolved = out.resolve()
    if out_resolved.parent == submissions.resolve() and out_resolved.name in students:
        students.remove(out_resolved.name)
        subs = [s for s in subs if s.student != out_resolved.name]
    if not students:
        raise GradingError(f"{submissions} holds no student folders; put each student's notebooks in a folder named by their id.")
    return students, subs, ignored


def _run_all(subs: list[Submission], pool: Pool, jobs: int, progress: bool) -> tuple[dict[int, NotebookResult], bool]:
    """Run every notebook, ``jobs`` at once; return the results by position and whether Ctrl-C stopped the run."""
    results: dict[int, NotebookResult] = {}
    bar = Progress(len(subs), enabled=progress)
    interrupted = False
    executor = ThreadPoolExecutor(max_workers=jobs)
    futures = {}
    try:
        futures = {executor.submit(run_submission, s, pool): i for i, s in enumerate(subs)}
        bar.show(0)
        for done, future in enumerate(as_completed(futures), 1):
            results[futures[future]] = future.result()
            bar.show(done)
    except KeyboardInterrupt:
        interrupted = True
        for f in futures:
            f.cancel()
        with pool.lock:
            for pid in list(pool.live):
                kill_group(pid)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        bar.close()
        rmtree(pool.scratch)
    return results, interrupted


def _write_results(
    students: list[str], ordered: list[NotebookResult], by_lesson: dict[int, list[dict[str, str]]], key: Case, out: Path
) -> list[dict[str, Any]]:
    """Score every notebook, write each student's feedback page and the gradebook; return the gradebook's rows."""
    rows: list[dict[str, Any]] = []
    for student in students:
        mine: list[dict[str, Any]] = []
        graded = 0
        for result in ordered:
            if result.submission.student == student:
                graded += 1
                mine.extend(score(result, by_lesson[result.submission.lesson], key))
        mine.append(student_total(student, mine, graded))
        rows.extend(mine)
        atomic_write(out / "feedback" / f"{student}.html", feedback_page(student, mine))
    write_gradebook(rows, out / "gradebook.csv")
    return rows


def grade(
    submissions: str | Path,
    out: str | Path,
    *,
    case: str | Path | None = None,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cell_timeout: float | None = None,
    max_output: int = DEFAULT_MAX_OUTPUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    progress: bool = True,
) -> GradeReport:
    """Grade every student's notebooks and write the gradebook and feedback pages.

    Args:
        submissions: a folder with one sub-folder per student.
        out: where ``gradebook.csv`` and ``feedback/`` go (created if needed).
        case: the case folder whose key scores the answers; the seeds when ``None``.
        jobs: notebooks run at once (default ``os.cpu_count()``).
        timeout: seconds for each notebook's cells (kernel start not counted).
        cell_timeout: seconds for one cell (default ``timeout``).
        max_output: bytes of output kept per notebook.
        memory_mb: data-size limit (``RLIMIT_DATA``) of each worker and kernel, in MB (0: none).
        progress: draw a progress bar on standard error.

    Returns:
        A :class:`GradeReport`.

    Raises:
        GradingError: for a mistake in the input (missing folder, broken key).
        KeyboardInterrupt: when interrupted, with the report of the notebooks graded so far as its argument.
    """
    started = time.monotonic()
    submissions, out = Path(submissions).expanduser(), Path(out).expanduser()
    _check_input(submissions, out, jobs, timeout, cell_timeout)
    key, seeds, by_lesson = _load_key(case)
    students, subs, ignored = _find_work(submissions, out, set(by_lesson))
    jobs = jobs or os.cpu_count() or 1
    settings = {
        "timeout": float(timeout),
        "cell_timeout": float(cell_timeout or timeout),
        "max_output": int(max_output),
        "memory_mb": int(memory_mb),
        "kit_root": str(COURSE_ROOT),
    }
    pool = Pool(seeds, Path(tempfile.mkdtemp(prefix="kit-grade-")), settings)
    results, interrupted = _run_all(subs, pool, jobs, progress)
    ordered = [results.get(i) or NotebookResult(sub, "not graded (interrupted)", None) for i, sub in enumerate(subs)]
    rows = _write_results(students, ordered, by_lesson, key, out)
    report = GradeReport(
        students, ordered, rows, out, time.monotonic() - started, jobs, float(timeout), ignored, int(max_output)
    )
    if interrupted:
        raise KeyboardInterrupt(report)
    return report
