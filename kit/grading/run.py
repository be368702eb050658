"""One grading run: check the input, run the notebooks in sandboxed jobs, score them, write the results.

1. The key is loaded once, in the grader's own process, before anything runs
   (the seeds, or ``case``); the built-in case is read into memory, and the jobs
   get it without its key (``keys/questions.csv``).
2. Every notebook runs as a job (:mod:`.jobs`): its own worker, its own kernel
   in the bubblewrap sandbox and its own cgroup; ``jobs`` at once on this
   machine, or on a Dask cluster (``scheduler``, :mod:`.cluster`).
3. As each notebook finishes, its status and answers (plain data out of the
   kernel) go to the journal (:mod:`.journal`); ``resume`` reuses them.
4. Each answer is scored with the key in this process (:mod:`.scoring`); a course
   notebook a student did not hand in gets ``not submitted`` rows (:mod:`.summary`);
   the gradebook, one feedback page per student, the class summary page and the
   one-row-per-student CSVs are written atomically, from memory; so is ``written.csv``,
   the written answers for the teacher to read (:mod:`.written`), and the claim-sorter
   answers handed in (``answers.json``, :mod:`.submitted`) join the pages and the wide CSV, unscored; so does
   the transfer test's class report (:mod:`.transfer`: ``transfer.csv``, ``transfer_items.csv``).

Without a working sandbox the grader refuses, unless ``sandbox=False``
(``--no-sandbox``) says the notebooks are trusted.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.case import load_case
from ..core.errors import CaseError, KitError
from ..core.paths import case_dir, seeds_dir
from ..exam import EXAM_LESSONS, lesson_of_question
from .cluster import ClusterError, connect, run_cluster, run_local
from .discovery import COURSE_ROOT, Submission, course_notebooks, find_submissions, key_questions
from .feedback import feedback_page
from .gradebook import NOT_SUBMITTED, atomic_write, student_total, write_gradebook
from .jobs import isolation, job_settings
from .journal import JOURNAL_NAME, Journal
from .sandbox import SandboxError, find_bwrap, job_case, snapshot
from .submitted import claim_labels, sorter_answers, submitted_clicks, submitted_trails
from .summary import SUMMARY_FILES, not_submitted_rows, notebook_name, write_summaries
from .transfer import class_transfer
from .scoring import KINDS_OF_STATUS, RESULTS, NotebookResult, notebook_status, read_answers, score
from .worker import MAX_NOTEBOOK_BYTES
from .written import WRITTEN_FILE, student_written, write_written

if TYPE_CHECKING:
    from ..core.case import Case

DEFAULT_TIMEOUT = 120
"""Seconds per notebook (``--timeout``)."""
DEFAULT_MAX_OUTPUT = 1_000_000
"""Bytes of output kept per notebook (``--max-output``)."""
DEFAULT_MEMORY_MB = 4096
"""Memory limit of each notebook's whole process tree in MB (``--memory``)."""


class GradingError(KitError):
    """A mistake in the grader's input, told in one sentence (the CLI prints it and exits 1).

    >>> from kit.core.errors import KitError
    >>> isinstance(GradingError("x"), KitError)
    True
    """


def _with_clicks(result: NotebookResult, questions: list[dict[str, Any]], case_name: str) -> dict[str, Any] | None:
    """The re-run's answers, with each question it left unanswered (``...``) answered from the clicks recorded.

    A pre- or post-test question takes the first answer recorded (the test's rule), any other question the last.
    """
    answers = result.answers
    if not isinstance(answers, dict):
        return answers
    open_ids = {q["id"] for q in questions if q.get("kind") != "trail" and answers.get(q["id"], ...) is ...}
    tests = frozenset(q for q in open_ids if lesson_of_question(q) in EXAM_LESSONS)  # a test's first answer counts
    return {**answers, **submitted_clicks(result.submission.path.parent, case_name, open_ids, tests)}


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
    isolation: str = ""
    resumed: int = 0

    @property
    def gradebook(self) -> Path:
        """The gradebook CSV."""
        return self.out / "gradebook.csv"

    @property
    def feedback(self) -> Path:
        """The folder of feedback pages."""
        return self.out / "feedback"

    @property
    def summaries(self) -> list[Path]:
        """The class summary page and the one-row-per-student CSVs (wide, and Canvas's import layout)."""
        return [self.out / name for name in SUMMARY_FILES]

    def summary(self) -> str:
        """A one-screen summary: students, notebooks, per-status counts and where the files are."""
        kinds: Counter[str] = Counter()
        for r in self.results:
            for part in r.status.split("; "):
                kinds[next((k for k in KINDS_OF_STATUS if part.startswith(k)), part)] += 1
        results = Counter(row["result"] for row in self.rows if row["question"] != "TOTAL")
        missing = sum(1 for row in self.rows if row["question"] == "TOTAL" and row["status"] == NOT_SUBMITTED)
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
        questions -= results[NOT_SUBMITTED]
        lines.append(f"Questions: {questions} (" + ", ".join(f"{label} {results[label]}" for label in RESULTS.values()) + ").")
        if missing:
            lines.append(f"Not submitted: {_plural(missing, 'notebook')} of the course (0 points each question).")
        if self.ignored:
            lines.append(f"Ignored {_plural(len(self.ignored), 'file')} that are not course notebooks.")
        lines.extend(f"  not graded: {entry}" for entry in self.ignored if entry.endswith(")"))
        if self.resumed:
            lines.append(f"Resumed: {_plural(self.resumed, 'notebook')} taken from the journal, unchanged since.")
        lines.append(f"Isolation: {self.isolation}")
        lines.append(f"Gradebook: {self.gradebook}")
        lines.append(f"Feedback:  {self.feedback}{os.sep} ({len(self.students)} pages)")
        summary, wide, canvas = self.summaries
        lines.append(f"Summary:   {summary} (the class: questions, notebooks, who needs help)")
        lines.append(f"LMS:       {wide} (one row per student), {canvas} (Canvas import)")
        lines.append(f"Written:   {self.out / WRITTEN_FILE} (written answers to read and score by hand)")
        return "\n".join(lines)


def _check_input(submissions: Path, out: Path, jobs: int | None, timeout: float, cell_timeout: float | None) -> None:
    if not submissions.is_dir():
        what = "is a file, not a folder" if submissions.exists() else "does not exist"
        raise GradingError(f"The submissions folder {submissions} {what}; give the folder that holds one folder per student.")
    if out.exists() and not out.is_dir():
        raise GradingError(f"{out} is a file; give --out a folder for the gradebook and feedback pages.")
    if out.resolve().is_relative_to(submissions.resolve()):
        raise GradingError(f"--out {out} is inside the submissions folder; give a folder outside {submissions}.")
    for name in ("gradebook.csv", "feedback", JOURNAL_NAME, WRITTEN_FILE, *SUMMARY_FILES):
        target = out / name
        if target.is_symlink() or (target.exists() and target.is_dir() != (name == "feedback")):
            raise GradingError(f"{target} is in the way (a {'link' if target.is_symlink() else 'folder or file'}); remove it and run again.")
    if jobs is not None and jobs < 1:
        raise GradingError("--jobs must be at least 1.")
    if timeout <= 0 or (cell_timeout is not None and cell_timeout <= 0):
        raise GradingError("--timeout and --cell-timeout must be more than 0 seconds.")


def _load_key(case: str | Path | None) -> tuple[Case, dict[str, bytes], dict[int, list[dict[str, str]]]]:
    """The key, the case's files for the students' kernels (without the key) and the key's questions by lesson."""
    try:
        key = load_case(case, cached=False)  # never a file a submission could have written
        seeds = job_case(snapshot(case_dir()))  # the course's case, never --case: an instructor's folder stays hidden
    except CaseError as exc:
        raise GradingError(f"The key cannot be loaded: {exc}") from None
    except (OSError, FileNotFoundError) as exc:
        raise GradingError(f"The built-in case cannot be read: {exc}") from None
    by_lesson = key_questions(key)
    if not by_lesson:
        raise GradingError(f"Case {key.name!r} has no questions (keys/questions.csv); there is nothing to grade against.")
    return key, seeds, by_lesson


def _find_work(submissions: Path, lessons: set[int]) -> tuple[list[str], list[Submission], list[str]]:
    """The students, the notebooks to grade and the ignored files."""
    students, subs, ignored = find_submissions(submissions, lessons)
    if not students:
        raise GradingError(f"{submissions} holds no student folders; put each student's notebooks in a folder named by their id.")
    return students, subs, ignored


def read_submission(path: Path) -> tuple[bytes | None, str | None]:
    """Read a student's notebook file, never through a link: ``(bytes, None)`` or ``(None, status)``.

    >>> read_submission(Path("/nonexistent.ipynb"))
    (None, 'could not be read (FileNotFoundError)')
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if path.is_symlink():
            return None, "could not be read (it is a link, not a file)"
        return None, f"could not be read ({type(exc).__name__})"
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None, "could not be read (it is not a regular file)"
        data = handle.read(MAX_NOTEBOOK_BYTES + 1)
    if len(data) > MAX_NOTEBOOK_BYTES:
        return None, f"not a valid notebook (larger than {MAX_NOTEBOOK_BYTES // 1_000_000} MB)"
    return data, None


@dataclass
class _Plan:
    """What a run has to do: each submission's bytes (or why there are none) and the results known already."""

    data: dict[int, bytes] = field(default_factory=dict)
    results: dict[int, NotebookResult] = field(default_factory=dict)
    resumed: int = 0


def _plan(subs: list[Submission], journal: Journal) -> _Plan:
    plan = _Plan()
    for i, sub in enumerate(subs):
        data, problem = read_submission(sub.path)
        if data is None:
            plan.results[i] = NotebookResult(sub, problem or "could not be read", None)
            continue
        entry = journal.finished(sub.student, sub.notebook, data)
        if entry is not None:
            plan.results[i] = NotebookResult(sub, entry["status"], read_answers(entry.get("answers")), entry.get("seconds", 0.0))
            plan.resumed += 1
        else:
            plan.data[i] = data
    return plan


def _finish(sub: Submission, data: bytes, outcome: dict[str, Any], settings: dict[str, Any], journal: Journal) -> NotebookResult:
    """Turn a job's plain result into the notebook's result and journal it."""
    report = outcome.get("report")
    if isinstance(report, dict):
        report = {**report, "oom": outcome.get("oom")}
    status = notebook_status(report, settings["timeout"], outcome.get("exit_note"), settings["memory_mb"])
    entries = report.get("answers") if isinstance(report, dict) else None
    seconds = float(outcome.get("seconds") or 0.0)
    journal.record(sub.student, sub.notebook, data, {"status": status, "answers": entries, "seconds": seconds})
    return NotebookResult(sub, status, read_answers(entries), seconds)


def _execute(subs: list[Submission], plan: _Plan, seeds: dict[str, bytes], options: dict[str, Any], journal: Journal) -> bool:
    """Run the planned jobs (locally or on the cluster), filling ``plan.results``; return whether Ctrl-C stopped it."""
    from tqdm import tqdm

    settings = options["settings"]
    order = sorted(plan.data)
    jobs = [{"student": subs[i].student, "notebook": plan.data[i], "settings": settings} for i in order]
    if options["client"] is not None:
        stream = run_cluster(options["client"], jobs, seeds)
    else:
        stream = run_local(jobs, seeds, options["jobs"])
    bar = tqdm(total=len(subs), initial=len(plan.results), desc="grading", unit="notebook", file=sys.stderr,
               disable=not options["progress"], dynamic_ncols=True, mininterval=0.5)
    try:
        for position, outcome in stream:
            i = order[position]
            plan.results[i] = _finish(subs[i], plan.data[i], outcome, settings, journal)
            bar.update(1)
    except KeyboardInterrupt:
        stream.close()
        return True
    finally:
        bar.close()
    return False


def _write_results(
    students: list[str], ordered: list[NotebookResult], by_lesson: dict[int, list[dict[str, str]]], key: Case, out: Path,
    submissions: Path | None = None,
) -> list[dict[str, Any]]:
    """Score every notebook, write each student's feedback page, the gradebook, the class summaries and written.csv.

    Notebooks come in lesson order; a lesson of the key a student handed nothing in for gets ``not submitted`` rows.
    The claim-sorter answers are read from ``submissions/<student>/answers.json`` when the case has a claims key.
    """
    rows: list[dict[str, Any]] = []
    known = course_notebooks()
    written: list[dict[str, Any]] = []
    labels, sorter = claim_labels(key), {}
    for student in students:
        mine: list[dict[str, Any]] = []
        graded = 0
        for lesson in sorted(by_lesson):
            questions = by_lesson[lesson]
            handed = [r for r in ordered if r.submission.student == student and r.submission.lesson == lesson]
            if not handed:
                mine.extend(not_submitted_rows(student, notebook_name(lesson, known), questions))
            for result in handed:
                graded += 1
                trails = submitted_trails(result.submission.path.parent, key.name,
                                          {q["id"] for q in questions if q.get("kind") == "trail"})
                if trails:  # clicks a re-run cannot replay: the trails the student's answers file recorded
                    result.answers = {**(result.answers or {}), **trails}
                result.answers = _with_clicks(result, questions, key.name)
                mine.extend(score(result, questions, key))
        mine.append(student_total(student, mine, graded))
        rows.extend(mine)
        theirs = [r for r in ordered if r.submission.student == student]
        items = student_written(student, [(r.submission.notebook, r.submission.path) for r in theirs], mine, by_lesson,
                                {r.submission.notebook: r.answers for r in theirs}, read_submission)
        written.extend(items)
        if labels and submissions is not None:
            sorter[student] = sorter_answers(submissions / student, key.name, labels)
        atomic_write(out / "feedback" / f"{student}.html", feedback_page(student, mine, items, sorter.get(student)))
    write_gradebook(rows, out / "gradebook.csv")
    transfer = class_transfer(submissions, out) if submissions is not None else None
    write_summaries(rows, out, sorter=sorter or None, transfer=transfer)
    write_written(written, out)
    return rows


def _isolation(sandbox: bool, scheduler: str | None) -> tuple[Any, str]:
    """Check the sandbox (here, or on every cluster worker); return ``(Dask client or None, isolation)``."""
    try:
        if scheduler:
            return connect(scheduler, sandbox)
        if sandbox:
            find_bwrap()
        return None, isolation(sandbox)
    except (SandboxError, ClusterError) as exc:
        raise GradingError(str(exc)) from None


def _hidden_paths(case: str | Path | None, submissions: Path, out: Path) -> list[str]:
    """Instructor folders to hide should they lie inside a folder the sandbox shows (the environment, the kit)."""
    paths = [seeds_dir(), case_dir(), COURSE_ROOT / "solutions", COURSE_ROOT / "assessments" / "key", submissions, out]
    if case is not None:
        paths.append(Path(case).expanduser())
    return [str(Path(p).resolve()) for p in paths]


# long: the run's steps in order, each a call
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
    resume: bool = False,
    scheduler: str | None = None,
    sandbox: bool = True,
) -> GradeReport:
    """Grade every student's notebooks; write the gradebook, feedback pages, class summary and LMS CSVs.

    Args:
        submissions: a folder with one sub-folder per student.
        out: where ``gradebook.csv``, ``feedback/``, ``summary.html``, ``grades_wide.csv``,
            ``grades_canvas.csv`` and the journal go (created if needed; not inside ``submissions``).
        case: the case folder whose key scores the answers; the seeds when ``None``.
        jobs: notebooks run at once on this machine (default ``os.cpu_count()``).
        timeout: seconds for each notebook's cells (kernel start not counted).
        cell_timeout: seconds for one cell (default ``timeout``).
        max_output: bytes of output kept per notebook.
        memory_mb: memory limit of each notebook's whole process tree, in MB (0: none).
        progress: draw a progress bar (tqdm) on standard error.
        resume: reuse the journal's notebooks whose files are unchanged (see :mod:`.journal`).
        scheduler: the address of a Dask scheduler to run the notebooks on (see :mod:`.cluster`).
        sandbox: refuse to run without the bubblewrap sandbox (``False``: only for trusted notebooks).

    Returns:
        A :class:`GradeReport`.

    Raises:
        GradingError: for a mistake in the input (missing folder, broken key, no sandbox).
        KeyboardInterrupt: when interrupted, with the report of the notebooks graded so far as its argument.
    """
    started = time.monotonic()
    submissions, out = Path(submissions).expanduser(), Path(out).expanduser()
    _check_input(submissions, out, jobs, timeout, cell_timeout)
    key, seeds, by_lesson = _load_key(case)
    students, subs, ignored = _find_work(submissions, set(by_lesson))
    client, isolated = _isolation(sandbox, scheduler)
    jobs = jobs or os.cpu_count() or 1
    settings = job_settings(
        timeout=timeout, cell_timeout=cell_timeout, max_output=max_output, memory_mb=memory_mb, sandbox=sandbox,
        hide=_hidden_paths(case, submissions, out),
    )
    journal = Journal(out / JOURNAL_NAME, resume=resume)
    try:
        plan = _plan(subs, journal)
        options = {"settings": settings, "client": client, "jobs": jobs, "progress": progress}
        interrupted = _execute(subs, plan, seeds, options, journal)
    finally:
        journal.close()
        if client is not None:
            client.close()
    ordered = [plan.results.get(i) or NotebookResult(sub, "not graded (interrupted)", None) for i, sub in enumerate(subs)]
    rows = _write_results(students, ordered, by_lesson, key, out, submissions)
    report = GradeReport(
        students, ordered, rows, out, time.monotonic() - started, jobs, float(timeout), ignored, int(max_output),
        isolated, plan.resumed,
    )
    if interrupted:
        raise KeyboardInterrupt(report)
    return report
