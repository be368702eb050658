"""The instructor's grader (`python -m kit grade`): crafted honest, broken and hostile submissions.

One grading run over a folder of crafted lesson-00 submissions (module fixture,
`--jobs 2`, a short per-cell limit) and one run of an honest student alone; every
test then reads the gradebook and the feedback pages.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

import kit
from tests.helpers import insert_cell_after, notebook_cell
from kit import grading
from kit.grading import gradebook, main

# Grading runs of different modules never overlap (conftest's grading_lock), so time limits hold.
pytestmark = pytest.mark.usefixtures("grading_lock")

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "00_start_here.ipynb"
EXERCISE = ROOT / "exercises" / "00_start_here_exercise.ipynb"
NOTEBOOK = "00_start_here.ipynb"
QUESTIONS = [q for q in kit.load_case().keys["questions"]["id"] if q.startswith("q0.")]  # lesson 00's, in key order
CELL_TIMEOUT = 15  # generous: under a loaded CI machine `import kit` alone can take several seconds


def _solution():
    return nbformat.read(SOLUTION, as_version=4)


_index, _insert_after = notebook_cell, insert_cell_after


def _set(nb, variable: str, source: str) -> None:
    nb.cells[_index(nb, variable)].source = source


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _build(folder: Path) -> dict[str, int]:
    """Write the crafted submissions; return the 1-based cell positions the tests expect in statuses."""
    cells: dict[str, int] = {}

    def save(student: str, nb, name: str = NOTEBOOK) -> None:
        (folder / student).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / student / name)

    save("honest_a", _solution())
    save("honest_z", _solution())
    save("blank", nbformat.read(EXERCISE, as_version=4))

    nb = _solution()
    _set(nb, "answer_q0_2", 'answer_q0_2 = "A0"')
    _set(nb, "answer_q0_4", 'answer_q0_4 = "<script>alert(1)</script>"')
    save("wrong", nb)
    (folder / "wrong" / "notes.txt").write_text("not a notebook")
    save("wrong", _solution(), name="00_start_here-Copy1.ipynb")  # not a course name: ignored

    nb = _solution()  # its own check always says correct; its wrong answer must still score 0
    _insert_after(nb, "import kit", 'import kit.checks\nkit.check = kit.checks.check = lambda *a, **k: "correct"')
    _set(nb, "answer_q0_2", 'answer_q0_2 = "A0"')
    save("cheat_check", nb)

    nb = _solution()  # rewrites its key so that its wrong answer A3 is "right" there
    _insert_after(
        nb,
        "import kit",
        'p = kit.seeds_dir() / "keys" / "questions.csv"\n'
        'p.write_text(p.read_text(encoding="utf-8").replace(\'for what it says?",A2,\', \'for what it says?",A3,\'),'
        ' encoding="utf-8")',
    )  # the kit reloads a case whose files changed, so the notebook's own check now accepts A3
    _set(nb, "answer_q0_2", 'answer_q0_2 = "A3"\nassert kit.check("q0.2", answer_q0_2, save=False).correct')
    save("key_editor", nb)

    nb = _solution()
    cells["loop"] = _insert_after(nb, "answer_q0_2", "while True:\n    pass")
    save("loop", nb)

    nb = _solution()
    cells["os_exit"] = _insert_after(nb, "answer_q0_2", "import os\nos._exit(1)")
    save("os_exit", nb)

    nb = _solution()  # IPython turns sys.exit() into an error; the kernel lives on
    cells["sys_exit"] = _insert_after(nb, "answer_q0_2", "import sys\nsys.exit(3)")
    save("sys_exit", nb)

    nb = _solution()
    cells["raiser"] = _insert_after(nb, "answer_q0_3", 'raise RuntimeError("boom")')
    save("raiser", nb)

    nb = _solution()
    _insert_after(nb, "answer_q0_2", 'print("x" * 5_000_000)')
    save("printer", nb)

    nb = _solution()  # deletes its whole case folder (key included) at the end
    nb.cells.append(nbformat.v4.new_code_cell("import shutil\nshutil.rmtree(kit.seeds_dir())\nassert not kit.seeds_dir().exists()"))
    save("deleter", nb)

    nb = _solution()  # breaks the modules the grader's extraction cell needs
    nb.cells.append(nbformat.v4.new_code_cell('import sys, types\nsys.modules["json"] = types.ModuleType("json")'))
    cells["json_breaker"] = len(nb.cells)
    save("json_breaker", nb)

    (folder / "broken").mkdir()
    (folder / "broken" / NOTEBOOK).write_text('{"cells": [ not json', encoding="utf-8")

    (folder / "empty").mkdir()  # a student who handed in nothing
    (folder / "README.txt").write_text("not a student")
    return cells


def _read(gradebook: Path) -> list[dict[str, str]]:
    with open(gradebook, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _grade_once(base: Path) -> dict:
    subs, out, scratch = base / "submissions", base / "out", base / "scratch"
    scratch.mkdir()
    cells = _build(subs)
    seeds_before = _tree_digest(kit.seeds_dir())
    stdout, stderr = io.StringIO(), io.StringIO()
    saved_tempdir = tempfile.tempdir
    tempfile.tempdir = str(scratch)  # the grader's private folders go here, so we can see they are removed
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main([str(subs), "--out", str(out), "--jobs", "2", "--timeout", "60", "--cell-timeout", str(CELL_TIMEOUT)])
    finally:
        tempfile.tempdir = saved_tempdir
    return {
        "code": code, "out": str(out), "subs": str(subs), "cells": cells, "scratch": str(scratch),
        "stdout": stdout.getvalue(), "stderr": stderr.getvalue(),
        "seeds_before": seeds_before, "seeds_after": _tree_digest(kit.seeds_dir()),
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade the crafted submissions once per test session, even when xdist splits this module."""
    assert "KIT_ANSWERS" in os.environ  # conftest: a throw-away answers file, never a real home
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the xdist workers of this session
    shared, done = base / "kit-grading-run", base / "kit-grading-run.json"
    try:
        shared.mkdir()
    except FileExistsError:  # another worker grades; wait for it
        deadline = time.monotonic() + 600
        while not done.exists():
            assert time.monotonic() < deadline, "the grading run of another xdist worker never finished"
            time.sleep(0.5)
    else:
        try:
            data = _grade_once(shared)
        except BaseException as exc:
            data = {"error": repr(exc)}
            raise
        finally:
            tmp = done.with_suffix(".tmp")
            tmp.write_text(json.dumps(data))
            os.replace(tmp, done)
    data = json.loads(done.read_text())
    assert "error" not in data, data.get("error")
    data["rows"] = _read(Path(data["out"]) / "gradebook.csv")
    for key in ("out", "subs", "scratch"):
        data[key] = Path(data[key])
    return data


def _questions(graded, student):
    """The student's lesson-00 rows (the other lessons of the key are "not submitted" rows)."""
    return {r["question"]: r for r in graded["rows"]
            if r["student"] == student and r["notebook"] == NOTEBOOK and r["question"] != "TOTAL"}


def _total(graded, student, notebook=NOTEBOOK):
    [row] = [r for r in graded["rows"] if r["student"] == student and r["notebook"] == notebook and r["question"] == "TOTAL"]
    return row


def _points(graded, student):
    return {q: int(r["points"]) for q, r in _questions(graded, student).items()}


def test_grading_completes_and_summarises(graded):
    assert graded["code"] == 0
    summary = graded["stdout"]
    assert "Graded 14 notebooks of 15 students" in summary
    assert str(graded["out"] / "gradebook.csv") in summary
    assert "timed out" in summary and "kernel died" in summary and "not a valid notebook" in summary
    assert "Isolation: bubblewrap sandbox, no network" in summary
    assert "14/14" in graded["stderr"] and "grading: 100%" in graded["stderr"]  # tqdm's bar


def test_every_question_of_every_notebook_has_one_row(graded):
    rows = graded["rows"]
    assert list(rows[0]) == grading.GRADEBOOK_COLUMNS
    students = sorted({r["student"] for r in rows})
    assert students == sorted(p.name for p in graded["subs"].iterdir() if p.is_dir())
    for student in students:
        if student == "empty":
            continue
        mine = [r for r in rows if r["student"] == student and r["notebook"] == NOTEBOOK]
        assert [r["question"] for r in mine] == QUESTIONS + ["TOTAL"], student
    assert not [r for r in rows if r["notebook"] == "00_start_here-Copy1.ipynb" or "notes" in r["notebook"]]


def test_honest_students_get_full_marks_and_blank_gets_none(graded):
    for student in ("honest_a", "honest_z"):
        assert _points(graded, student) == dict.fromkeys(QUESTIONS, 1)
        assert {r["status"] for r in _questions(graded, student).values()} == {"ok"}
        assert _questions(graded, student)["q0.2"]["answer"] == "'A2'"
    blank = _questions(graded, "blank")
    assert {r["result"] for r in blank.values()} == {"not answered"}
    assert {r["answer"] for r in blank.values()} == {"..."}
    assert _total(graded, "blank")["points"] == "0"


def test_wrong_answers_are_scored_with_the_key(graded):
    rows = _questions(graded, "wrong")
    assert rows["q0.2"]["result"] == "not yet right" and rows["q0.2"]["points"] == "0"
    assert "Hint:" in rows["q0.2"]["message"]
    assert rows["q0.4"]["result"] == "invalid" and rows["q0.4"]["answer"] == "'<script>alert(1)</script>'"
    assert sum(_points(graded, "wrong").values()) == len(QUESTIONS) - 2


def test_redefining_kit_check_earns_nothing(graded):
    rows = _questions(graded, "cheat_check")
    assert rows["q0.2"]["result"] == "not yet right" and rows["q0.2"]["points"] == "0"
    assert _total(graded, "cheat_check")["points"] == str(len(QUESTIONS) - 1)


def test_editing_the_key_affects_neither_the_grader_nor_others(graded):
    rows = _questions(graded, "key_editor")
    # the sandbox holds no key to edit (and its case is read-only): the edit fails, the grader's key scores A3 wrong
    assert rows["q0.2"]["status"].startswith("error in cell 4: FileNotFoundError")
    assert rows["q0.2"]["answer"] == "'A3'" and rows["q0.2"]["points"] == "0"
    assert graded["seeds_after"] == graded["seeds_before"]


def test_deleting_its_case_folder_affects_nobody_else(graded):
    assert _points(graded, "deleter") == dict.fromkeys(QUESTIONS, 1)
    assert _total(graded, "deleter")["status"].startswith("error in cell")  # its case is read-only
    assert (kit.seeds_dir() / "keys" / "questions.csv").is_file()
    assert graded["seeds_after"] == graded["seeds_before"]


def test_infinite_loop_times_out_and_keeps_the_answers_set_before_it(graded):
    rows = _questions(graded, "loop")
    cell = graded["cells"]["loop"]
    assert {r["status"] for r in rows.values()} == {
        f"timed out in cell {cell} after {CELL_TIMEOUT} s; answers set before it were kept"
    }
    assert {q: r["points"] for q, r in rows.items()} == {"q0.1": "1", "q0.2": "1", **dict.fromkeys(QUESTIONS[2:], "0")}
    assert {rows[q]["result"] for q in QUESTIONS[2:]} == {"not answered"}


def test_a_killed_kernel_is_reported_and_earlier_answers_kept(graded):
    rows = _questions(graded, "os_exit")
    cell = graded["cells"]["os_exit"]
    assert {r["status"] for r in rows.values()} == {f"kernel died in cell {cell}; answers set before it were kept"}
    assert _total(graded, "os_exit")["points"] == "2"


def test_sys_exit_is_an_error_in_a_cell_and_later_answers_count(graded):
    assert _total(graded, "sys_exit")["status"] == f"error in cell {graded['cells']['sys_exit']}: SystemExit"
    assert _total(graded, "sys_exit")["points"] == str(len(QUESTIONS))


def test_an_exception_keeps_the_answers_before_and_after_it(graded):
    total = _total(graded, "raiser")
    assert total["status"] == f"error in cell {graded['cells']['raiser']}: RuntimeError"
    assert _points(graded, "raiser") == dict.fromkeys(QUESTIONS, 1)


def test_megabytes_of_output_are_capped_and_grading_continues(graded):
    assert _total(graded, "printer")["status"] == "output capped"
    assert _total(graded, "printer")["points"] == str(len(QUESTIONS))


def test_a_notebook_that_is_not_json_gets_a_status_per_question(graded):
    rows = _questions(graded, "broken")
    assert {r["status"] for r in rows.values()} == {"not a valid notebook (not JSON)"}
    assert {r["points"] for r in rows.values()} == {"0"}


def test_breaking_the_graders_reading_keeps_the_answers_read_before(graded):
    rows = _questions(graded, "json_breaker")
    cells = graded["cells"]["json_breaker"]
    assert {r["status"] for r in rows.values()} == {
        f"answers read as of cell {cells - 1}: the notebook broke the grader's reading after it"
    }
    assert {r["points"] for r in rows.values()} == {"1"}


def test_totals_add_up(graded):
    rows = graded["rows"]
    for student in {r["student"] for r in rows}:
        mine = [r for r in rows if r["student"] == student]
        questions = [r for r in mine if r["question"] != "TOTAL"]
        notebook_totals = [r for r in mine if r["question"] == "TOTAL" and r["notebook"] != "ALL"]
        [overall] = [r for r in mine if r["notebook"] == "ALL"]
        for t in notebook_totals:
            these = [r for r in questions if r["notebook"] == t["notebook"]]
            assert int(t["points"]) == sum(int(r["points"]) for r in these)
            assert int(t["max_points"]) == len(these)
        assert int(overall["points"]) == sum(int(r["points"]) for r in questions)
        assert int(overall["max_points"]) == len(questions)
    assert {r["points"] for r in rows if r["student"] == "empty"} == {"0"}  # every notebook of the course: not submitted
    assert {r["result"] for r in rows if r["student"] == "empty" and r["question"] != "TOTAL"} == {"not submitted"}


def test_feedback_pages_exist_and_escape_html(graded):
    pages = graded["out"] / "feedback"
    assert sorted(p.stem for p in pages.glob("*.html")) == sorted({r["student"] for r in graded["rows"]})
    page = (pages / "wrong.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    assert "not yet right" in page and "Read the last sentences of each article" in page  # the key's hint
    honest = (pages / "honest_a.html").read_text(encoding="utf-8")
    assert "Only A2 carries a byline" in honest  # the key's explanation on a correct answer
    assert "timed out in cell" in (pages / "loop.html").read_text(encoding="utf-8")


def test_outputs_are_written_atomically_and_private_folders_removed(graded):
    out = graded["out"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["feedback", "gradebook.csv", grading.JOURNAL_NAME, "summary.html", "grades_wide.csv", "grades_canvas.csv",
         "written.csv"])
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".")]
    assert list(graded["scratch"].iterdir()) == []


def test_other_students_results_do_not_depend_on_the_rest(graded, tmp_path):
    (tmp_path / "subs" / "honest_a").mkdir(parents=True)
    (tmp_path / "subs" / "honest_a" / NOTEBOOK).write_bytes((graded["subs"] / "honest_a" / NOTEBOOK).read_bytes())
    with contextlib.redirect_stdout(io.StringIO()):
        assert main([str(tmp_path / "subs"), "--out", str(tmp_path / "out"), "--jobs", "1", "--quiet"]) == 0
    alone = _read(tmp_path / "out" / "gradebook.csv")
    together = [r for r in graded["rows"] if r["student"] == "honest_a"]
    assert alone == together
    renamed = [dict(r, student="honest_a") for r in graded["rows"] if r["student"] == "honest_z"]
    assert renamed == together


def test_a_failed_write_leaves_the_old_gradebook_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "gradebook.csv"
    target.write_text("old\n")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(gradebook.os, "replace", broken_replace)
    with pytest.raises(OSError):
        grading.write_gradebook([], target)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["gradebook.csv"]


def test_the_snapshot_keeps_plain_values_and_marks_the_rest():
    namespace = {
        "answer_q3_1": dt.date(2024, 11, 11),
        "answer_q0_5": {"A3.S3", "A3.S2"},
        "answer_q0_7": 3,
        "answer_q0_1": ...,
        "answer_q0_2": object(),
        "answer_q0_3": "x" * 2000,
        "answer_q0_4": float("inf"),
        "answer_q0_33x": 1,
        "other": 2,
    }
    text = eval(grading.snapshot_expression(1000), namespace)  # noqa: S307 - the grader's own expression
    entries = grading.parse_snapshot({"kit": {"status": "ok", "data": {"text/plain": repr(text)}}})
    answers = grading.read_answers(entries)
    assert answers["q3.1"] == dt.date(2024, 11, 11)
    assert answers["q0.5"] == ["A3.S2", "A3.S3"] and answers["q0.7"] == 3 and answers["q0.1"] is ...
    assert isinstance(answers["q0.2"], grading.Unreadable) and "object" in repr(answers["q0.2"])
    assert isinstance(answers["q0.3"], grading.Unreadable)  # too long
    assert answers["q0.4"] == float("inf")  # carried as data; the key's check then calls it invalid
    assert set(answers) == {"q3.1", "q0.5", "q0.7", "q0.1", "q0.2", "q0.3", "q0.4"}
    assert entries["answer_q0_7"] == {"json": "3"}
    assert "_kit_snapshot" not in namespace  # nothing left behind


@pytest.mark.parametrize(
    "reply",
    [None, {}, {"kit": "x"}, {"kit": {"status": "ok", "data": {"text/plain": "__import__('os')"}}},
     {"kit": {"status": "ok", "data": {"text/plain": repr("[" * 100000)}}},
     {"kit": {"status": "ok", "data": {"text/plain": repr('{"answers": {"answer_q0_1": {"json": 3}}}')}}},
     {"kit": {"status": "ok", "data": {"text/plain": "'" + "x" * 6_000_000 + "'"}}}],
)
def test_a_forged_snapshot_is_ignored_never_run(reply):
    entries = grading.parse_snapshot(reply)
    assert entries is None or entries == {}


def test_answers_are_rescored_in_the_graders_process():
    case = kit.load_case()
    sub = grading.Submission("s", "03_timelines.ipynb", 3, Path("x"))
    questions = grading.key_questions(case)[3]
    result = grading.NotebookResult(sub, "ok", {"q3.1": dt.date(2024, 11, 11), "q3.2": "2024-11-08"})
    rows = {r["question"]: r for r in grading.score(result, questions, case)}
    assert rows["q3.1"]["result"] == "correct" and rows["q3.2"]["result"] == "not yet right"
    assert rows["q3.3"]["result"] == "not answered" and "answer_q3_3 is not defined" in rows["q3.3"]["message"]
    assert rows["TOTAL"]["points"] == 1 and rows["TOTAL"]["max_points"] == len(questions)


def test_the_worker_starts_by_its_module_path_and_reports(tmp_path):
    """The grader starts workers as ``python -m kit.grading --one``; a broken notebook needs no kernel."""
    notebook = tmp_path / NOTEBOOK
    notebook.write_text('{"cells": [ not json', encoding="utf-8")
    spec = {"notebook": str(notebook)}
    done = subprocess.run(
        [sys.executable, *grading.worker.WORKER_ARGS], input=json.dumps(spec), text=True, cwd=ROOT,
        capture_output=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["invalid"] == "not JSON"  # the report is on stdout, where no kernel writes
    usage = subprocess.run([sys.executable, "-m", "kit.grading", "--help"], text=True, cwd=ROOT, capture_output=True)
    assert usage.returncode == 0 and "python -m kit grade" in usage.stdout


def test_feedback_colours_come_from_the_palette():
    from kit.display import PALETTE

    style = grading.page_style()
    for colour in (*PALETTE["page"].values(), *(v for k, v in PALETTE["feedback"].items() if k.endswith("background"))):
        assert colour in style
    assert "color:#202124" in style and ".not-yet-right{background:#fdecea}" in style


@pytest.mark.parametrize(
    "argv, code, says",
    [
        (["{tmp}/missing", "--out", "{tmp}/out"], 1, "does not exist"),
        (["{tmp}/file.txt", "--out", "{tmp}/out"], 1, "is a file, not a folder"),
        (["{tmp}/emptydir", "--out", "{tmp}/out"], 1, "holds no student folders"),
        (["{tmp}/emptydir", "--out", "{tmp}/file.txt"], 1, "is a file; give --out a folder"),
        (["{tmp}/emptydir", "--out", "{tmp}/out", "--case", "{tmp}/missing"], 1, "The key cannot be loaded"),
        (["{tmp}/emptydir", "--out", "{tmp}/out", "--jobs", "0"], 2, "must be more than 0"),
        (["{tmp}/emptydir"], 2, "--out"),
    ],
)
def test_mistakes_get_one_sentence_and_no_traceback(tmp_path, capsys, argv, code, says):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "emptydir").mkdir()
    assert main([a.format(tmp=tmp_path) for a in argv]) == code
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_non_finite_and_huge_answers_are_scored_invalid_not_a_crash():
    """`answer_q0_7 = float('inf')` (or -inf, 10**400) once ended `kit grade` with a traceback."""
    from kit.grading.discovery import Submission
    from kit.grading.scoring import NotebookResult, score

    key = kit.load_case(cached=False)
    questions = [q for q in key.keys["questions"].to_dict("records") if q["id"] in ("q0.7", "q0.1")]
    for value in (float("inf"), float("-inf"), 10**400, float("nan")):
        sub = Submission("ada", NOTEBOOK, 0, Path("ada") / NOTEBOOK)
        rows = score(NotebookResult(sub, "ok", {"q0.7": value, "q0.1": ["A2"]}), questions, key)
        by_question = {r["question"]: r for r in rows}
        assert by_question["q0.7"]["result"] == "invalid" and by_question["q0.7"]["points"] == 0
        assert by_question["q0.1"]["result"] in ("correct", "not yet right")


def test_one_notebook_per_lesson_is_graded_and_the_exercise_name_wins(tmp_path):
    """A student who hands in a lesson's exercise under both names gets it graded once, as the exercise."""
    from kit.grading.discovery import find_submissions

    for student, names in {"ann": ["00_start_here.ipynb", "00_start_here_exercise.ipynb"],
                           "ben": ["00_start_here.ipynb"], "cai": ["00_start_here_exercise.ipynb"]}.items():
        (tmp_path / student).mkdir()
        for name in names:
            shutil.copyfile(EXERCISE, tmp_path / student / name)
    students, found, ignored = find_submissions(tmp_path, {0})
    assert students == ["ann", "ben", "cai"]
    assert sorted((s.student, s.notebook) for s in found) == [
        ("ann", "00_start_here_exercise.ipynb"), ("ben", "00_start_here.ipynb"), ("cai", "00_start_here_exercise.ipynb")]
    assert ignored == [f"{tmp_path / 'ann' / '00_start_here.ipynb'} (another notebook of lesson 00 is graded: "
                       "00_start_here_exercise.ipynb)"]
