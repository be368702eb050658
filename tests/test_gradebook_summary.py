"""The teacher's gradebook: missing notebooks, the class summary page and one row per student (kit.grading.summary).

Pure functions run on invented gradebooks of two invented classes (a harbour-strike
unit in Wellington, a football-transfer unit in Lisbon); one real grading run of
lesson-00 submissions (built like tests/test_grading.py) checks the wiring.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit.display import PALETTE
from kit.grading import main
from kit.grading.discovery import key_questions
from kit.grading.gradebook import NOT_SUBMITTED, student_total
from kit.grading.summary import (
    SUMMARY_FILES,
    canvas_csv,
    not_submitted_rows,
    notebook_name,
    notebook_stats,
    pre_post,
    question_stats,
    student_stats,
    summary_page,
    top_wrong_answers,
    wide_csv,
)

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "00_start_here.ipynb"
NOTEBOOK = "00_start_here.ipynb"


def _notebook(student, notebook, answers):
    """Gradebook rows of one handed-in notebook: ``answers`` maps a question to ``(answer, result)``."""
    rows = [{"student": student, "notebook": notebook, "question": q, "answer": a, "result": r,
             "points": 1 if r == "correct" else 0, "max_points": 1, "status": "ok", "message": ""}
            for q, (a, r) in answers.items()]
    rows.append({"student": student, "notebook": notebook, "question": "TOTAL", "answer": "", "result": "",
                 "points": sum(r["points"] for r in rows), "max_points": len(rows), "status": "ok", "message": ""})
    return rows


def _class(course, handed):
    """A class's gradebook: ``course`` maps a notebook to its questions; ``handed`` maps a student to
    ``{notebook: {question: (answer, result)}}``; a notebook a student lacks is not submitted."""
    rows = []
    for student, notebooks in handed.items():
        mine = []
        for notebook, questions in course.items():
            if notebook in notebooks:
                mine += _notebook(student, notebook, notebooks[notebook])
            else:
                mine += not_submitted_rows(student, notebook, [{"id": q} for q in questions])
        mine.append(student_total(student, mine, len(notebooks)))
        rows += mine
    return rows


R, W, U = "correct", "not yet right", "not answered"

WELLINGTON = {"00_wharf.ipynb": ["q0.1", "q0.2"], "01_pickets.ipynb": ["q1.1", "q1.2", "q1.3"],
              "90_pre_test.ipynb": ["q90.1", "q90.2"], "91_post_test.ipynb": ["q91.1", "q91.2"]}


def _wellington():
    return _class(WELLINGTON, {
        "tane": {"00_wharf.ipynb": {"q0.1": ("'B1'", R), "q0.2": ("'B3'", W)},
                 "01_pickets.ipynb": {"q1.1": ("'union'", R), "q1.2": ("'Tuesday'", W), "q1.3": ("'port'", R)},
                 "90_pre_test.ipynb": {"q90.1": ("'B2'", W), "q90.2": ("'B1'", R)},
                 "91_post_test.ipynb": {"q91.1": ("'B1'", R), "q91.2": ("'B4'", R)}},
        "mere": {"00_wharf.ipynb": {"q0.1": ("'B1'", R), "q0.2": ("'B4'", W)},
                 "90_pre_test.ipynb": {"q90.1": ("'B2'", W), "q90.2": ("'B2'", W)},
                 "91_post_test.ipynb": {"q91.1": ("'B1'", R), "q91.2": ("'B2'", W)}},
        "=cmd|' /C calc'!A0": {"00_wharf.ipynb": {"q0.1": ("'<script>alert(1)</script>'", "invalid"),
                                                  "q0.2": ("'B3'", W)}},
        "hemi": {},  # handed in nothing
    })


LISBON = {"02_clauses.ipynb": ["q2.1", "q2.2"], "03_fees.ipynb": ["q3.1", "q3.2"]}


def _lisbon():
    return _class(LISBON, {
        "joao": {"02_clauses.ipynb": {"q2.1": ("'release'", R), "q2.2": ("'loan'", R)},
                 "03_fees.ipynb": {"q3.1": ("12000000", R), "q3.2": ("'Benfica'", R)}},
        "-42": {"02_clauses.ipynb": {"q2.1": ("'loan'", W), "q2.2": ("'loan'", R)},  # a numeric id: no formula
                "03_fees.ipynb": {"q3.1": ("'12m'", W), "q3.2": ("'Porto'", W)}},
        "rita": {"02_clauses.ipynb": {"q2.1": ("'fee'", W), "q2.2": ("'loan'", R)}, "03_fees.ipynb": {"q3.1": ("", U), "q3.2": ("'Benfica'", R)}},
    })


def _by(items, key):
    return {item[key]: item for item in items}


def test_not_submitted_notebooks_count_zero_out_of_the_whole_course():
    rows = _wellington()
    mere = _by(student_stats(rows), "student")["mere"]
    assert (mere["points"], mere["max_points"], mere["submitted_points"]) == (2, 9, 6)
    assert mere["missing"] == ["01_pickets.ipynb"] and mere["notebooks"]["01_pickets.ipynb"] is None
    [total] = [r for r in rows if r["student"] == "mere" and r["notebook"] == "ALL"]
    assert (total["points"], total["max_points"], total["status"]) == (2, 9, "3 notebooks graded, 1 not submitted")
    missing = [r for r in rows if r["student"] == "mere" and r["notebook"] == "01_pickets.ipynb"]
    assert [(r["question"], r["result"], r["points"], r["max_points"]) for r in missing] == [
        ("q1.1", NOT_SUBMITTED, 0, 1), ("q1.2", NOT_SUBMITTED, 0, 1), ("q1.3", NOT_SUBMITTED, 0, 1), ("TOTAL", "", 0, 3)]
    assert missing[-1]["status"] == NOT_SUBMITTED and "01_pickets.ipynb" in missing[0]["message"]


def test_a_student_who_submitted_nothing():
    hemi = _by(student_stats(_wellington()), "student")["hemi"]
    assert (hemi["points"], hemi["max_points"], hemi["percent"], hemi["submitted_percent"]) == (0, 9, 0.0, None)
    assert hemi["help"] == ["no notebooks submitted"]
    [total] = [r for r in _wellington() if r["student"] == "hemi" and r["notebook"] == "ALL"]
    assert total["status"] == "no notebooks submitted"
    line = next(row for row in csv.reader(io.StringIO(wide_csv(_wellington()))) if row[0] == "hemi")
    assert line == ["hemi", "", "", "", "", "0", "9", "0.0"]


def test_per_question_share_correct_of_those_who_handed_in_and_of_the_class():
    stats = _by(question_stats(_wellington()), "question")
    assert (stats["q0.1"]["submitted"], stats["q0.1"]["correct"]) == (3, 2)
    assert (stats["q0.1"]["of_submitted"], stats["q0.1"]["of_class"]) == (66.7, 50.0)
    assert (stats["q1.1"]["submitted"], stats["q1.1"]["of_submitted"], stats["q1.1"]["of_class"]) == (1, 100.0, 25.0)
    lisbon = _by(question_stats(_lisbon()), "question")
    assert lisbon["q3.1"]["wrong"] == [("'12m'", 1)]  # an unanswered question has no wrong answer to count
    assert lisbon["q2.2"]["wrong"] == [] and lisbon["q2.2"]["of_class"] == 100.0


def test_most_common_wrong_answers_break_ties_by_text():
    stats = _by(question_stats(_wellington()), "question")
    assert stats["q0.2"]["wrong"] == [("'B3'", 2), ("'B4'", 1)]
    assert stats["q0.1"]["wrong"] == [("'<script>alert(1)</script>'", 1)]  # invalid answers are wrong answers too
    assert _by(question_stats(_lisbon()), "question")["q2.1"]["wrong"] == [("'fee'", 1), ("'loan'", 1)]
    assert top_wrong_answers(["b", "a", "c", "d", "a", "b", "c"]) == [("a", 2), ("b", 2), ("c", 2)]
    assert top_wrong_answers(["", ""]) == []


def test_notebooks_handed_in():
    stats = _by(notebook_stats(_wellington()), "notebook")
    assert list(stats) == ["00_wharf.ipynb", "01_pickets.ipynb", "90_pre_test.ipynb", "91_post_test.ipynb"]
    assert (stats["00_wharf.ipynb"]["submitted"], stats["00_wharf.ipynb"]["students"]) == (3, 4)
    assert stats["01_pickets.ipynb"]["submitted"] == 1 and stats["01_pickets.ipynb"]["mean_percent"] == 66.7


def test_who_needs_help_and_who_does_not():
    help_ = {s["student"]: s["help"] for s in student_stats(_lisbon())}
    assert help_["joao"] == []  # all right, all handed in
    assert help_["rita"] == []  # exactly 50% of what she handed in is not under the threshold
    assert help_["-42"] == ["25% of the questions handed in correct (under 50%)"]
    wellington = {s["student"]: s["help"] for s in student_stats(_wellington())}
    assert wellington["tane"] == []
    assert wellington["mere"] == ["33.3% of the questions handed in correct (under 50%)", "not submitted: 01_pickets.ipynb"]
    assert {s["student"]: s["help"] for s in student_stats(_lisbon(), threshold=0.6)}["rita"] != []


def test_pre_and_post_test_change():
    tests = pre_post(_wellington())
    change = {s["student"]: (s["pre"], s["post"], s["change"]) for s in tests["students"]}
    assert change["tane"] == (50.0, 100.0, 50.0) and change["mere"] == (0.0, 50.0, 50.0)
    assert change["hemi"] == (None, None, None)
    assert tests["mean_change"] == 50.0
    assert pre_post(_lisbon()) is None  # no pre/post tests in that course
    page = summary_page(_wellington())
    assert "Pre-test to post-test" in page and "Class mean change: <strong>+50</strong>" in page
    assert "Pre-test to post-test" not in summary_page(_lisbon())


def test_the_summary_page_escapes_hostile_text_and_takes_its_colours_from_the_palette():
    page = summary_page(_wellington())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "=cmd|&#39; /C calc&#39;!A0" in page
    assert "<h2>Who needs help</h2>" in page and "not submitted: 01_pickets.ipynb" in page
    colours = set(re.findall(r"#[0-9a-fA-F]{3,8}\b", page))
    palette = {c.lower() for role in PALETTE.values() for c in role.values()}
    assert colours and {c.lower() for c in colours} <= palette
    template = (ROOT / "kit" / "grading" / "templates" / "summary.html.j2").read_text(encoding="utf-8")
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b", template)


def test_wide_csv_one_row_per_student_and_formula_cells_made_safe():
    table = list(csv.reader(io.StringIO(wide_csv(_wellington()))))
    assert table[0] == ["student", "00_wharf.ipynb", "01_pickets.ipynb", "90_pre_test.ipynb", "91_post_test.ipynb",
                        "total", "max", "percent"]
    rows = {r[0]: r for r in table[1:]}
    assert set(rows) == {"tane", "mere", "'=cmd|' /C calc'!A0", "hemi"}
    assert rows["tane"] == ["tane", "1", "2", "1", "2", "6", "9", "66.7"]
    assert rows["mere"] == ["mere", "1", "", "0", "1", "2", "9", "22.2"]
    lisbon = {r[0]: r for r in csv.reader(io.StringIO(wide_csv(_lisbon())))}
    assert lisbon["-42"] == ["-42", "1", "0", "1", "4", "25.0"]  # a number is no formula: left as it is


def test_canvas_csv_layout():
    table = list(csv.reader(io.StringIO(canvas_csv(_lisbon()))))
    assert table[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "02_clauses", "03_fees"]
    assert table[1] == ["    Points Possible", "", "", "", "", "2", "2"]
    assert table[2] == ["joao", "", "joao", "", "", "2", "2"]
    wellington = list(csv.reader(io.StringIO(canvas_csv(_wellington(), id_column="SIS Login ID"))))
    hostile = next(r for r in wellington if "cmd" in r[0])
    assert hostile[0] == hostile[3] == "'=cmd|' /C calc'!A0" and hostile[2] == ""
    assert next(r for r in wellington if r[0] == "hemi")[5:] == ["", "", "", ""]  # nothing handed in: no grade
    with pytest.raises(ValueError, match="id_column"):
        canvas_csv(_lisbon(), id_column="Email")


def test_notebook_names_for_lessons_not_handed_in():
    assert notebook_name(4, {4: {"04_compare_framings.ipynb"}}) == "04_compare_framings.ipynb"
    assert notebook_name(12, {}) == "12_lesson.ipynb"


_handed = st.dictionaries(st.sampled_from(["q0.1", "q0.2", "q0.3"]), st.sampled_from([R, W, U]), min_size=1)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["ana", "ben", "cy", "dee"]),
                       st.dictionaries(st.sampled_from(list(LISBON)), st.just(None)), min_size=1),
       st.randoms(use_true_random=False))
def test_totals_are_out_of_the_course_and_add_up(handed, rnd):
    course_max = sum(len(q) for q in LISBON.values())
    plan = {s: {nb: {q: (repr(rnd.choice("xyz")), rnd.choice([R, W, U])) for q in LISBON[nb]} for nb in nbs}
            for s, nbs in handed.items()}
    rows = _class(LISBON, plan)
    for s in student_stats(rows):
        assert s["max_points"] == course_max
        assert s["points"] == sum(v or 0 for v in s["notebooks"].values())
        if s["submitted_percent"] is not None:
            assert s["percent"] <= s["submitted_percent"]
    for q in question_stats(rows):
        assert q["correct"] <= q["submitted"] <= len(handed)
        assert sum(count for _, count in q["wrong"]) <= q["submitted"] - q["correct"]


# ---- one real grading run (sandboxed), built like tests/test_grading.py ----


@pytest.fixture(scope="module")
def real_run(tmp_path_factory, grading_lock):
    base = tmp_path_factory.mktemp("summary-run")
    subs, out = base / "subs", base / "out"
    (subs / "ana").mkdir(parents=True)
    shutil.copyfile(SOLUTION, subs / "ana" / NOTEBOOK)
    shutil.copyfile(ROOT / "assessments" / "90_pre_test.ipynb", subs / "ana" / "90_pre_test.ipynb")  # blank
    (subs / "ben").mkdir()
    nb = nbformat.read(SOLUTION, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and c.source.startswith("answer_q0_2"))
    cell.source = 'answer_q0_2 = "=cmd|A3"'
    nbformat.write(nb, subs / "ben" / NOTEBOOK)
    (subs / "cy").mkdir()  # handed in nothing
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
        code = main([str(subs), "--out", str(out), "--jobs", "2", "--timeout", "120", "--cell-timeout", "30"])
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {"code": code, "out": out, "stdout": stdout.getvalue(), "rows": rows}


def test_a_real_run_writes_not_submitted_rows_totals_of_the_course_and_the_three_files(real_run):
    assert real_run["code"] == 0
    rows, out = real_run["rows"], real_run["out"]
    by_lesson = key_questions(kit.load_case(cached=False))
    course = sum(len(q) for q in by_lesson.values())
    full = str(len(by_lesson[0]))  # ana hands in lesson 00's solution: every question right
    totals = {r["student"]: r for r in rows if r["notebook"] == "ALL"}
    assert {s: (t["points"], t["max_points"]) for s, t in totals.items()} == {
        "ana": (full, str(course)), "ben": (str(len(by_lesson[0]) - 1), str(course)), "cy": ("0", str(course))}
    assert totals["ana"]["status"] == f"2 notebooks graded, {len(by_lesson) - 2} not submitted"
    assert totals["cy"]["status"] == "no notebooks submitted"
    missing = [r for r in rows if r["student"] == "ana" and r["notebook"] == "01_classify_claims.ipynb"]
    assert [r["question"] for r in missing] == [q["id"] for q in by_lesson[1]] + ["TOTAL"]
    assert {r["result"] for r in missing[:-1]} == {NOT_SUBMITTED} and missing[-1]["status"] == NOT_SUBMITTED
    notebooks = [r["notebook"] for r in rows if r["student"] == "cy" and r["question"] == "TOTAL"]
    assert len(notebooks) == len(by_lesson) + 1 and notebooks[0] == NOTEBOOK and notebooks[-1] == "ALL"
    for name in SUMMARY_FILES:
        assert (out / name).is_file() and str(out / name) in real_run["stdout"]
    assert "Not submitted:" in real_run["stdout"]
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert "=cmd|A3" in page and "Pre-test to post-test" in page and "cy" in page
    wide = {r["student"]: r for r in csv.DictReader(open(out / "grades_wide.csv", encoding="utf-8", newline=""))}
    assert wide["ana"][NOTEBOOK] == full and wide["ana"]["max"] == str(course) and wide["cy"][NOTEBOOK] == ""
    canvas = list(csv.reader(open(out / "grades_canvas.csv", encoding="utf-8", newline="")))
    assert canvas[0][:6] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "00_start_here"]
    assert canvas[1][5] == full and [r[0] for r in canvas[2:]] == ["ana", "ben", "cy"]
