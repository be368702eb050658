"""Command line: ``python -m kit validate DIR``, ``draft DIR``, ``export``, ``answers``, ``build``, ``execute``, ``release OUT``.

Every error a person can cause is printed as one sentence on standard error,
with exit status 1; usage errors exit with 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .authoring import build, execute, stale
from .core.case import load_case, resolve_case, validate_case
from .core.errors import KitError
from .core.store import answers
from .core.tables import csv_safe
from .drafting import unreviewed, write_drafts, write_profile_drafts
from .grading import main as grade
from .teacher_guide import guide_files

GENERATED = (guide_files,)
"""Generated files beyond the notebooks (:func:`kit.authoring.plan`): the teacher's guide, TEACHERS.md."""


def _validate(args) -> int:
    problems = validate_case(args.case)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {args.case or 'the seeds'}:", file=sys.stderr)
        for p in problems:
            print(f"- {p}", file=sys.stderr)
        return 1
    case = load_case(args.case)
    keys = ", ".join(sorted(case.keys)) or "none"
    print(f"OK: case {case.name!r} has {len(case.articles)} articles and {len(case.sentences)} sentences; keys: {keys}.")
    drafts = unreviewed(case)
    if drafts:
        listed = ", ".join(f"{'context/sources' if name == 'profiles' else 'keys'}/{name}.csv: {n}"
                           for name, n in sorted(drafts.items()))
        print(f"Not reviewed yet (drafts): {listed}. Review them before class: kit.review_key('<key>', case) in a "
              "notebook (e.g. 'claims'), or edit the CSV and set the row's status (coverage: review) to reviewed.")
    return 0


def _draft(args) -> int:
    for name, (kept, drafted) in {**write_drafts(args.case), "profiles": write_profile_drafts(args.case)}.items():
        where = "context/sources/profiles.csv" if name == "profiles" else f"keys/{name}.csv"
        print(f"{where}: {drafted} drafted rows written, {kept} rows kept")
    print("Every drafted row says draft (column status; in coverage.csv, review): review, relabel or delete it with "
          "kit.review_key('<key>', case), or set it to reviewed in the CSV.")
    return 0


def _answers(args) -> int:
    csv_safe(answers(args.file)).to_csv(sys.stdout, index=False)
    return 0


# name: (module of kit, function, columns written, help). Every export is a function of the case
# that returns a table; its columns are the documented CSV header (None: all the function's columns).
KEY_EXPORTS = {"claims", "sources"}
"""The exports read from a case's keys (an empty table means a missing key); the others are analyses."""
EXPORTS = {
    "claims": ("claims", "claim_key", ["file", "quote", "label", "who_asserts", "original_source", "rationale"],
               "the claim key"),
    "claim-guesses": ("claims", "guess_sentences", ["file", "sentence_id", "text", "label", "rule", "cue"],
                      "the baseline's label for every sentence"),
    "quotes": ("quotes", "trace_quotes",
               ["file", "statement_id", "speaker", "verb", "text", "match", "reference", "speaker_note"],
               "every quoted rendering, grouped"),
    "timeline": ("dates", "timeline", ["file", "span", "expression", "resolved", "basis", "confidence"],
                 "every date and time, resolved"),
    "framing": ("framing", "framing_measures", None,
                "every framing measure, one row per article (counts and rates per 1,000 words)"),
    "attributions": ("sourcing", "attributions", ["file", "sentence_id", "text", "attribution", "source", "evidence"],
                     "who each claim rests on: a named source, a vague one, or none in its paragraph"),
    "numbers": ("numbers", "number_conflicts",
                ["noun", "file", "sentence_id", "figure", "other_file", "other_sentence_id", "other_figure", "explanation"],
                "the same quantity stated with different figures in two articles"),
    "first-reports": ("sourcing", "first_reports", ["file", "source", "sentence_id", "evidence", "disagrees_with"],
                      "per article, who it says reported the story first"),
    "sentences": ("sentences", "sentence_kinds", ["file", "sentence_id", "paragraph", "kind", "cue", "text"],
                  "every sentence with its kind (headline, body, boilerplate) and the cue that made it page text"),
    "flags": ("dates", "timeline_flags", ["file", "kind", "span", "explanation"],
              "timeline flags: anachronisms, outdated titles, stale copied dates, conflicts, mismatches, weak windows"),
    "sources": ("quotes", "source_chains",
                ["chain", "claim_id", "file", "step", "source", "relation", "quote", "when", "where", "note"],
                "the key's attribution chains"),
}


def _export_help(name: str) -> str:
    _, _, columns, text = EXPORTS[name]
    return f"{name}: {text}" + (f" ({','.join(columns)})" if columns else "")


def _export(args) -> int:
    case = resolve_case(args.case)  # a broken case raises CaseError: one sentence, exit 1
    import importlib

    module, function, columns, _ = EXPORTS[args.what]
    table = getattr(importlib.import_module(f"kit.{module}"), function)(case)
    if columns is not None:
        table = table[columns]
    csv_safe(table).to_csv(sys.stdout, index=False, lineterminator="\n")
    if table.empty:
        why = "is its key missing?" if args.what in KEY_EXPORTS else "the analysis found none"
        print(f"note: case {case.name!r} has no rows for {args.what!r} ({why}).", file=sys.stderr)
    return 0


def _root(args) -> Path:
    root = Path(args.root).resolve()
    if not (root / "lessons").is_dir():
        raise KitError(f"{root} has no lessons/ folder; run this from the course repository or pass --root.")
    return root


def _build(args) -> int:
    root = _root(args)
    try:
        if args.check:
            out = stale(root, GENERATED)
            if out:
                print("Out of date (run `make exercises`, then commit):", file=sys.stderr)
                for p in out:
                    print(f"- {p.relative_to(root)}", file=sys.stderr)
                return 1
            print("Exercises, navigation and index are up to date.")
            return 0
        for _ in range(3):  # the teacher's guide reads the exercises the same build writes: build until settled
            changed = build(root, GENERATED)
            for p in changed:
                print(f"wrote {p.relative_to(root)}")
            if not changed:
                break
    except ValueError as exc:
        raise KitError(str(exc)) from None
    return 0


def _execute(args) -> int:
    root = _root(args)
    paths = [Path(p).resolve() for p in args.notebooks] or sorted(
        p for folder in ("lessons", "solutions", "assessments/key") for p in (root / folder).glob("*.ipynb")
    ) + sorted((root / "practice").glob("*/solutions/*.ipynb"))
    for p in paths:
        print(f"executing {p.relative_to(root) if p.is_relative_to(root) else p}", flush=True)
        execute([p])
    return 0


def _release(args) -> int:
    from .release import release

    print(release(_root(args), args.out, force=args.force).summary())
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["grade"]:  # the grader has its own options: python -m kit grade --help
        return grade(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m kit", description="The media-literacy course kit.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check a case folder and list its problems")
    p.add_argument("case", nargs="?", default=None, help="the case folder (default: the built-in seeds)")
    p.set_defaults(run=_validate)
    p = sub.add_parser("draft", help="draft every key of a case (claims, questions, sources, coverage, frames, stance, techniques, "
                       "annotations) from the analyses, for review")
    p.add_argument("case", help="the case folder; its reviewed key rows are kept")
    p.set_defaults(run=_draft)
    p = sub.add_parser("export", help="write a table as CSV to standard output (for instructors)")
    p.add_argument("what", choices=sorted(EXPORTS), help="; ".join(_export_help(k) for k in sorted(EXPORTS)))
    p.add_argument("--case", default=None, help="the case folder (default: the built-in seeds)")
    p.set_defaults(run=_export)
    p = sub.add_parser("answers", help="print a student's answers file as CSV")
    p.add_argument("file", nargs="?", default=None, help="an answers file (default: your own)")
    p.set_defaults(run=_answers)
    p = sub.add_parser("build", help="regenerate exercises, navigation and the README lesson index")
    p.add_argument("--check", action="store_true", help="only report what is out of date")
    p.add_argument("--root", default=".", help="the course repository (default: here)")
    p.set_defaults(run=_build)
    sub.add_parser("grade", help="grade a folder of student submissions (see: python -m kit grade --help)")
    p = sub.add_parser("execute", help="re-execute reference notebooks in place")
    p.add_argument("notebooks", nargs="*", help="notebooks (default: lessons/ and solutions/)")
    p.add_argument("--root", default=".", help="the course repository (default: here)")
    p.set_defaults(run=_execute)
    p = sub.add_parser("release", help="write the student release: lessons, exercises, tests and cases, with no "
                       "solution, no instructor key and every answer sealed")
    p.add_argument("out", help="an empty folder (e.g. release/), or an earlier release with --force")
    p.add_argument("--force", action="store_true", help="replace an earlier release in that folder")
    p.add_argument("--root", default=".", help="the course repository (default: here)")
    p.set_defaults(run=_release)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader stopped early (e.g. `| head`): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
