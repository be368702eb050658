"""The grader's command line: ``python -m kit grade SUBMISSIONS_DIR --out OUT_DIR [options]``.

Exit status 0 when grading completed (even if some notebooks failed), 1 for a
mistake in the input, 2 for a usage error, 130 when interrupted. The summary
goes to standard output, mistakes (one sentence, no traceback) to standard error.

>>> build_parser().parse_args(["subs", "--out", "out"]).timeout == DEFAULT_TIMEOUT
True
"""

from __future__ import annotations

import argparse
import os
import sys

from .run import DEFAULT_MAX_OUTPUT, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, GradeReport, GradingError, grade


def positive(kind):
    """Return an argparse type that reads a number of ``kind`` and accepts only numbers above 0.

    >>> positive(int)("3")
    3
    >>> positive(float)("0")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: '0' must be more than 0
    """

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of ``python -m kit grade``."""
    parser = argparse.ArgumentParser(
        prog="python -m kit grade",
        description="Run every student's exercise notebooks in a sandbox and score their answers with the key.",
        epilog="SUBMISSIONS_DIR holds one folder per student (its name is the student's id) with that student's "
        "notebooks, named like the course's (e.g. 01_classify_claims.ipynb); other files are ignored.",
    )
    add = parser.add_argument
    add("submissions", metavar="SUBMISSIONS_DIR", help="one folder per student")
    add("--out", required=True, metavar="OUT_DIR", help="where gradebook.csv, feedback/, summary.html, grades_wide.csv, "
        "grades_canvas.csv and written.csv are written")
    add("--case", default=None, metavar="DIR", help="case folder whose key scores the answers (default: $KIT_CASE, else the built-in case); the notebooks run on $KIT_CASE (else the built-in case), without its questions key")
    add("--jobs", type=positive(int), default=None, help="notebooks run at once (default: the number of cores)")
    add("--timeout", type=positive(float), default=DEFAULT_TIMEOUT, help=f"seconds per notebook (default {DEFAULT_TIMEOUT})")
    add("--cell-timeout", type=positive(float), default=None, help="seconds per cell (default: --timeout)")
    add("--max-output", type=positive(int), default=DEFAULT_MAX_OUTPUT,
        help=f"bytes of output kept per notebook (default {DEFAULT_MAX_OUTPUT})")
    add("--memory", type=int, default=DEFAULT_MEMORY_MB, metavar="MB",
        help=f"memory limit per notebook in MB, 0 for none (default {DEFAULT_MEMORY_MB})")
    add("--resume", action="store_true",
        help="keep the notebooks an interrupted run finished (from OUT_DIR's journal) and grade only the rest")
    add("--scheduler", default=None, metavar="ADDRESS",
        help="run the notebooks on a Dask cluster (e.g. tcp://10.0.0.5:8786); needs the 'cluster' extra")
    add("--no-sandbox", action="store_true",
        help="run notebooks WITHOUT the bubblewrap sandbox, as your user with your files: only for notebooks you trust")
    add("--quiet", action="store_true", help="no progress bar")
    return parser


def _grade(args: argparse.Namespace) -> tuple[GradeReport | None, int]:
    """Run the grader on parsed arguments: ``(report, 0)`` or ``(None, exit status)`` after printing why."""
    try:
        report = grade(
            args.submissions, args.out, case=args.case, jobs=args.jobs, timeout=args.timeout,
            cell_timeout=args.cell_timeout, max_output=args.max_output, memory_mb=max(0, args.memory),
            progress=not args.quiet, resume=args.resume, scheduler=args.scheduler, sandbox=not args.no_sandbox,
        )
    except GradingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None, 1
    except KeyboardInterrupt as exc:
        report = exc.args[0] if exc.args and isinstance(exc.args[0], GradeReport) else None
        where = f"; the notebooks graded so far are in {report.gradebook}" if report else ""
        print(f"Interrupted{where}.", file=sys.stderr)
        return None, 130
    except OSError as exc:
        print(f"error: cannot write the results ({exc.strerror or exc}: {exc.filename or args.out}).", file=sys.stderr)
        return None, 1
    return report, 0


def main(argv: list[str] | None = None) -> int:
    """Command line ``python -m kit grade SUBMISSIONS_DIR --out OUT_DIR [options]``; return the exit status.

    Exit status 0 when grading completed (even if some notebooks failed), 1 for a
    mistake in the input, 2 for a usage error, 130 when interrupted.
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # a usage error (argparse printed it) or --help
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    report, code = _grade(args)
    if report is None:
        return code
    try:
        print(report.summary())
    except BrokenPipeError:  # the reader stopped early (e.g. `| head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
