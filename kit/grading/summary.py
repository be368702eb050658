"""What a teacher asks of a gradebook: the missing notebooks, a class summary page and one row per student.

Everything here reads gradebook rows (dicts with the keys of ``GRADEBOOK_COLUMNS``;
points as numbers or as the CSV's text), so it works on a run's rows in memory
and on a ``gradebook.csv`` read back alike.

- :func:`not_submitted_rows`: a notebook of the course a student did not hand in
  gets a row per question (result ``not submitted``, 0 of 1 point) and a ``TOTAL``
  row whose status says ``not submitted``; the student's ``ALL`` row is then out of
  every question of the course.
- :func:`summary_page` (``OUT/summary.html``): per question the share correct (of
  the students who handed the notebook in, and of the class) and the most common
  wrong answers; per notebook how many handed it in; who needs help; the change
  from the pre-test (lesson 90) to the post-test (lesson 91) when the key has both.
- :func:`wide_csv` (``OUT/grades_wide.csv``) and :func:`canvas_csv`
  (``OUT/grades_canvas.csv``): one row per student, for a spreadsheet or an LMS.

>>> rows = not_submitted_rows("ann", "01_claims.ipynb", [{"id": "q1.1"}])
>>> [(r["question"], r["result"], r["points"], r["max_points"]) for r in rows]
[('q1.1', 'not submitted', 0, 1), ('TOTAL', '', 0, 1)]
"""

from __future__ import annotations

import csv
import functools
import io
from collections import Counter
from pathlib import Path
from typing import Any

from ..core.tables import spreadsheet_safe
from .discovery import lesson_of
from .feedback import page_style
from .gradebook import NOT_SUBMITTED, atomic_write

HELP_THRESHOLD = 0.5
"""A student whose share correct of the questions they handed in is below this needs help (as do missing notebooks)."""

PRE_TEST, POST_TEST = 90, 91
"""The lessons of the pre-test (``90_pre_test.ipynb``) and the post-test (``91_post_test.ipynb``)."""

WRONG_RESULTS = ("not yet right", "invalid")
"""The results whose answers count as wrong answers (unanswered questions have no answer to count)."""

SUMMARY_FILES = ("summary.html", "grades_wide.csv", "grades_canvas.csv")
"""The files :func:`write_summaries` writes into ``OUT``."""

SORTER_COLUMNS = ("sorter_claims", "sorter_right_first", "sorter_accuracy")
"""The wide CSV's claim-sorter columns (claims sorted, right at the first try, % right): a report, not a grade."""


def notebook_name(lesson: int, known: dict[int, set[str]]) -> str:
    """Name a lesson's notebook: the course's file name when it has one, else ``NN_lesson.ipynb``.

    >>> notebook_name(3, {3: {"03_timelines.ipynb"}}), notebook_name(7, {})
    ('03_timelines.ipynb', '07_lesson.ipynb')
    """
    names = sorted(known.get(lesson) or ())
    return names[0] if names else f"{lesson:02d}_lesson.ipynb"


def not_submitted_rows(student: str, notebook: str, questions: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Rows of a notebook a student did not hand in: each question 0 of 1 point, and a ``TOTAL`` row.

    The message names the evidence (no such file in the student's folder), never a cause.

    >>> rows = not_submitted_rows("bo", "90_pre_test.ipynb", [{"id": "q90.1", "prompt": "Which?"}])
    >>> rows[0]["message"], rows[1]["status"]
    ('No 90_pre_test.ipynb was found in your folder.', 'not submitted')
    """
    message = f"No {notebook} was found in your folder."
    rows = [
        {"student": student, "notebook": notebook, "question": q["id"], "answer": "", "result": NOT_SUBMITTED,
         "points": 0, "max_points": 1, "status": NOT_SUBMITTED, "message": message,
         "prompt": q.get("prompt", ""), "explanation": "", "hint": ""}
        for q in questions
    ]
    rows.append({"student": student, "notebook": notebook, "question": "TOTAL", "answer": "", "result": "",
                 "points": 0, "max_points": len(questions), "status": NOT_SUBMITTED, "message": ""})
    return rows


def _num(value: Any) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0


def _order(notebook: str) -> tuple[int, str]:
    lesson = lesson_of(notebook)
    return (lesson if lesson is not None else 10**6, notebook)


def _students(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(str(r["student"]) for r in rows))


def _notebooks(rows: list[dict[str, Any]]) -> list[str]:
    return sorted({str(r["notebook"]) for r in rows if r["notebook"] != "ALL"}, key=_order)


def _totals(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The notebook ``TOTAL`` rows by ``(student, notebook)``."""
    return {(str(r["student"]), str(r["notebook"])): r for r in rows if r["question"] == "TOTAL" and r["notebook"] != "ALL"}


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def top_wrong_answers(answers: list[str], top: int = 3) -> list[tuple[str, int]]:
    """The ``top`` most common answers with their counts; ties in count are ordered by the answer's text.

    >>> top_wrong_answers(["'A3'", "'A1'", "'A3'", "'A1'", "'A4'", "'A2'"], top=3)
    [("'A1'", 2), ("'A3'", 2), ("'A2'", 1)]
    """
    counts = Counter(a for a in answers if a)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]


def question_stats(rows: list[dict[str, Any]], top: int = 3) -> list[dict[str, Any]]:
    """Per question: how many handed it in, how many got it right (% of them and % of the class), top wrong answers.

    >>> rows = [{"student": s, "notebook": "00_a.ipynb", "question": "q0.1", "answer": a, "result": r, "points": p}
    ...         for s, a, r, p in [("x", "'A1'", "correct", 1), ("y", "'A2'", "not yet right", 0),
    ...                            ("z", "", "not submitted", 0)]]
    >>> s = question_stats(rows)[0]
    >>> s["submitted"], s["correct"], s["of_submitted"], s["of_class"], s["wrong"]
    (2, 1, 50.0, 33.3, [("'A2'", 1)])
    """
    class_size = len(_students(rows))
    by_question: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        if r["question"] != "TOTAL":
            by_question.setdefault((str(r["notebook"]), str(r["question"])), []).append(r)
    stats = []
    for (notebook, question), these in sorted(by_question.items(), key=lambda kv: (_order(kv[0][0]), kv[0][1])):
        handed = [r for r in these if r["result"] != NOT_SUBMITTED]
        correct = sum(1 for r in handed if r["result"] == "correct")
        wrong = [str(r["answer"]) for r in handed if r["result"] in WRONG_RESULTS]
        stats.append({
            "notebook": notebook, "question": question, "submitted": len(handed), "correct": correct,
            "of_submitted": _percent(correct, len(handed)), "of_class": _percent(correct, class_size),
            "wrong": top_wrong_answers(wrong, top),
        })
    return stats


def notebook_stats(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per notebook: how many students handed it in, of how many, and their mean share correct.

    >>> rows = [{"student": "x", "notebook": "01_a.ipynb", "question": "TOTAL", "points": 3, "max_points": 4, "status": "ok"},
    ...         {"student": "y", "notebook": "01_a.ipynb", "question": "TOTAL", "points": 0, "max_points": 4,
    ...          "status": "not submitted"}]
    >>> notebook_stats(rows)
    [{'notebook': '01_a.ipynb', 'submitted': 1, 'students': 2, 'mean_percent': 75.0}]
    """
    totals, students = _totals(rows), _students(rows)
    stats = []
    for notebook in _notebooks(rows):
        handed = [t for (s, n), t in totals.items() if n == notebook and t["status"] != NOT_SUBMITTED]
        shares = [100 * _num(t["points"]) / _num(t["max_points"]) for t in handed if _num(t["max_points"])]
        mean = round(sum(shares) / len(shares), 1) if shares else None
        stats.append({"notebook": notebook, "submitted": len(handed), "students": len(students), "mean_percent": mean})
    return stats


def student_stats(rows: list[dict[str, Any]], threshold: float = HELP_THRESHOLD) -> list[dict[str, Any]]:
    """Per student: points out of the course, out of what they handed in, the notebooks missing and why they need help.

    ``help`` lists the reasons (empty when none): a share correct below ``threshold`` of
    the questions handed in, and each notebook not handed in.

    >>> rows = [{"student": "x", "notebook": "01_a.ipynb", "question": "TOTAL", "points": 1, "max_points": 4, "status": "ok"},
    ...         {"student": "x", "notebook": "02_b.ipynb", "question": "TOTAL", "points": 0, "max_points": 2,
    ...          "status": "not submitted"}]
    >>> s = student_stats(rows)[0]
    >>> s["points"], s["max_points"], s["percent"], s["submitted_percent"], s["missing"]
    (1, 6, 16.7, 25.0, ['02_b.ipynb'])
    >>> s["help"]
    ['25% of the questions handed in correct (under 50%)', 'not submitted: 02_b.ipynb']
    """
    totals = _totals(rows)
    stats = []
    for student in _students(rows):
        mine = [(n, t) for (s, n), t in sorted(totals.items(), key=lambda kv: _order(kv[0][1])) if s == student]
        handed = [t for _, t in mine if t["status"] != NOT_SUBMITTED]
        missing = [n for n, t in mine if t["status"] == NOT_SUBMITTED]
        got, handed_max = sum(_num(t["points"]) for t in handed), sum(_num(t["max_points"]) for t in handed)
        course_max = sum(_num(t["max_points"]) for _, t in mine)
        share = _percent(got, handed_max)
        reasons = []
        if share is not None and share < 100 * threshold:
            reasons.append(f"{share:g}% of the questions handed in correct (under {100 * threshold:g}%)")
        if missing and not handed:
            reasons.append("no notebooks submitted")
        elif missing:
            reasons.append("not submitted: " + ", ".join(missing))
        stats.append({
            "student": student, "points": got, "max_points": course_max, "percent": _percent(got, course_max),
            "submitted_points": handed_max, "submitted_percent": share, "missing": missing, "help": reasons,
            "notebooks": {n: (None if t["status"] == NOT_SUBMITTED else _num(t["points"])) for n, t in mine},
        })
    return stats


def pre_post(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Each student's change from the pre-test (lesson 90) to the post-test (lesson 91), in percentage points.

    ``None`` when the gradebook has no notebook of both lessons. A student who handed
    in only one of the two has no change; the class mean is over those with both.

    >>> rows = [{"student": s, "notebook": n, "question": "TOTAL", "points": p, "max_points": 5, "status": st}
    ...         for s, n, p, st in [("x", "90_pre.ipynb", 1, "ok"), ("x", "91_post.ipynb", 4, "ok"),
    ...                             ("y", "90_pre.ipynb", 2, "ok"), ("y", "91_post.ipynb", 0, "not submitted")]]
    >>> result = pre_post(rows)
    >>> [(s["student"], s["pre"], s["post"], s["change"]) for s in result["students"]], result["mean_change"]
    ([('x', 20.0, 80.0, 60.0), ('y', 40.0, None, None)], 60.0)
    """
    tests = {lesson_of(n): n for n in _notebooks(rows) if lesson_of(n) in (PRE_TEST, POST_TEST)}
    if set(tests) != {PRE_TEST, POST_TEST}:
        return None
    totals, students = _totals(rows), []
    for student in _students(rows):
        shares = []
        for lesson in (PRE_TEST, POST_TEST):
            t = totals.get((student, tests[lesson]))
            handed = t is not None and t["status"] != NOT_SUBMITTED
            shares.append(_percent(_num(t["points"]), _num(t["max_points"])) if handed else None)
        pre, post = shares
        change = round(post - pre, 1) if pre is not None and post is not None else None
        students.append({"student": student, "pre": pre, "post": post, "change": change})
    changes = [s["change"] for s in students if s["change"] is not None]
    mean = round(sum(changes) / len(changes), 1) if changes else None
    return {"pre": tests[PRE_TEST], "post": tests[POST_TEST], "students": students, "mean_change": mean}


def summary_style() -> str:
    """The summary page's CSS: the feedback pages' (colours from ``kit.display.PALETTE``), nothing hard-coded.

    >>> ".not-yet-right{" in summary_style()
    True
    """
    return page_style()


@functools.lru_cache(maxsize=1)
def _template():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kit.grading", "templates"),
        autoescape=True,  # every text from a notebook, a folder name or the key is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("summary.html.j2")


def summary_page(rows: list[dict[str, Any]], threshold: float = HELP_THRESHOLD,
                 sorter: dict[str, dict[str, Any]] | None = None, transfer: dict[str, Any] | None = None) -> str:
    """Render the class summary page (``templates/summary.html.j2``; every text is HTML-escaped by jinja2).

    ``sorter`` (student -> :func:`kit.grading.submitted.sorter_answers`) adds the claim sorter's table (not scored);
    ``transfer`` (:func:`kit.grading.transfer.class_transfer`) the transfer test's class report.

    >>> page = summary_page([{"student": "<i>", "notebook": "00_a.ipynb", "question": "TOTAL", "answer": "",
    ...                       "result": "", "points": 0, "max_points": 0, "status": "ok"}])
    >>> "&lt;i&gt;" in page and "<i>" not in page
    True
    """
    students = student_stats(rows, threshold)
    return _template().render(
        style=summary_style(), threshold=f"{100 * threshold:g}", class_size=len(students),
        questions=question_stats(rows), notebooks=notebook_stats(rows), students=students,
        needs_help=[s for s in students if s["help"]], tests=pre_post(rows),
        sorter=[{"student": s["student"], **sorter[s["student"]]} for s in students if s["student"] in sorter]
        if sorter else [],
        transfer=transfer,
    )


def _csv(header: list[str], table: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for line in [header, *table]:
        writer.writerow([spreadsheet_safe(v) if isinstance(v, str) else ("" if v is None else v) for v in line])
    return buffer.getvalue()


def wide_csv(rows: list[dict[str, Any]], sorter: dict[str, dict[str, Any]] | None = None) -> str:
    """``grades_wide.csv``: one row per student; a column per notebook (its points, empty when not handed in),
    then ``total``, ``max`` (every question of the course) and ``percent``. Text cells are spreadsheet-safe.
    With ``sorter`` (student -> claim-sorter answers) three columns follow, not part of the total:
    :data:`SORTER_COLUMNS` (empty for a student who handed in no sorter answers).

    >>> rows = [{"student": "=cmd|", "notebook": "01_a.ipynb", "question": "TOTAL", "points": 2, "max_points": 4,
    ...          "status": "ok"}]
    >>> print(wide_csv(rows), end="")
    student,01_a.ipynb,total,max,percent
    '=cmd|,2,2,4,50.0
    """
    notebooks = _notebooks(rows)
    table = [[s["student"], *(s["notebooks"].get(n) for n in notebooks), s["points"], s["max_points"], s["percent"]]
             for s in student_stats(rows)]
    if sorter is None:
        return _csv(["student", *notebooks, "total", "max", "percent"], table)
    for line in table:
        mine = sorter.get(line[0]) or {}
        line += [None, None, None] if mine.get("note") or not mine else [mine["claims"], mine["right_first"], mine["accuracy"]]
    return _csv(["student", *notebooks, "total", "max", "percent", *SORTER_COLUMNS], table)


CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
"""The first columns of a Canvas gradebook import file."""


def canvas_csv(rows: list[dict[str, Any]], id_column: str = "SIS User ID") -> str:
    """``grades_canvas.csv``: the layout of a Canvas gradebook import, one column per notebook.

    Columns we fill: ``Student`` and ``id_column`` (``SIS User ID`` unless told) with
    the student's id, which is the name of their submissions folder; ``ID`` (Canvas's
    own user number), the other SIS column and ``Section`` stay empty, as the grader
    cannot know them. Each notebook is an assignment column named by the notebook's
    file stem, without a Canvas assignment id (Canvas creates a new assignment for it;
    to update one that exists, rename the header to ``Name (its Canvas id)``). The
    ``Points Possible`` row holds each notebook's number of questions; a notebook not
    handed in is an empty cell (Canvas leaves that grade as it is). Text cells are spreadsheet-safe.

    >>> rows = [{"student": "ann", "notebook": "01_a.ipynb", "question": "TOTAL", "points": 2, "max_points": 4,
    ...          "status": "ok"}]
    >>> print(canvas_csv(rows), end="")
    Student,ID,SIS User ID,SIS Login ID,Section,01_a
        Points Possible,,,,,4
    ann,,ann,,,2
    """
    if id_column not in CANVAS_FIXED[1:4]:
        raise ValueError(f"id_column {id_column!r} is not one of {CANVAS_FIXED[1:4]}; give one of them.")
    notebooks, totals = _notebooks(rows), _totals(rows)
    possible = [max((_num(t["max_points"]) for (_, n), t in totals.items() if n == nb), default=0) for nb in notebooks]
    table: list[list[Any]] = [["    Points Possible", "", "", "", "", *possible]]
    for s in student_stats(rows):
        ids = [s["student"] if column == id_column else "" for column in CANVAS_FIXED[1:4]]
        table.append([s["student"], *ids, "", *(s["notebooks"].get(n) for n in notebooks)])
    return _csv([*CANVAS_FIXED, *(Path(n).stem for n in notebooks)], table)


def write_summaries(rows: list[dict[str, Any]], out: Path, threshold: float = HELP_THRESHOLD,
                    sorter: dict[str, dict[str, Any]] | None = None, transfer: dict[str, Any] | None = None) -> list[Path]:
    """Write ``summary.html``, ``grades_wide.csv`` and ``grades_canvas.csv`` into ``out``, each atomically.

    ``sorter`` (student -> claim-sorter answers) goes on the summary page and the wide CSV, never into Canvas's.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_summaries([], Path(tmp))]
    ['summary.html', 'grades_wide.csv', 'grades_canvas.csv']
    """
    texts = (summary_page(rows, threshold, sorter, transfer), wide_csv(rows, sorter), canvas_csv(rows))
    paths = [out / name for name in SUMMARY_FILES]
    for path, text in zip(paths, texts):
        atomic_write(path, text)
    return paths
