"""The committed notebooks: executed, offline, in sync, with a check after every answer."""

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import ROOT
from kit.ask_rules import checker_call
from kit.authoring import NAME, stale

import kit

REFERENCE = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb")) + sorted(
    (ROOT / "assessments" / "key").glob("*.ipynb")
)
PRACTICE = sorted((ROOT / "practice").glob("*/solutions/*.ipynb"))  # generated for the cases under cases/
REFERENCE += PRACTICE
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb")) + sorted((ROOT / "assessments" / "key").glob("*.ipynb")) + PRACTICE
EXERCISES = (sorted((ROOT / "exercises").glob("*.ipynb")) + sorted((ROOT / "assessments").glob("*.ipynb"))
             + sorted((ROOT / "practice").glob("*/*.ipynb")))
ALL = REFERENCE + EXERCISES
CHECK = re.compile(r"""kit\.(?:check|ask)\(\s*["']([^"']+)["']""")
REMOTE = re.compile(
    r"""<script[^>]+src=["']?(https?:)?//|<link[^>]+href=["']?(https?:)?//|@import\s+url\(["']?(https?:)?//"""
    r"""|require\.config|cdn\.jsdelivr|unpkg\.com|cdnjs""",
    re.I,
)


def _id(path):
    return f"{path.parent.name}/{path.name}"


def _read(path):
    return nbformat.read(path, as_version=4)


def test_there_is_a_lesson_00_with_solution_and_exercise():
    for folder in ("lessons", "solutions"):
        assert (ROOT / folder / "00_start_here.ipynb").is_file()
    assert (ROOT / "exercises" / "00_start_here_exercise.ipynb").is_file()  # its own name: no twin tabs


def test_no_two_notebooks_a_student_opens_share_a_file_name():
    """JupyterLab titles a tab by the file name alone: a lesson and its exercise must not look the same."""
    names = [p.name for folder in ("lessons", "exercises", "assessments") for p in (ROOT / folder).glob("*.ipynb")]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_pre_and_post_tests_are_parallel_forms():
    import kit

    listed = kit.questions()
    pre = listed[listed["id"].str.startswith("q90.")]
    post = listed[listed["id"].str.startswith("q91.")]
    assert len(pre) == len(post) == 5
    assert pre["kind"].tolist() == post["kind"].tolist(), "same format"
    key = kit.load_case().keys["questions"].set_index("id")
    assert all(key.loc[a, "quote"] != key.loc[b, "quote"] for a, b in zip(pre["id"], post["id"])), "different items"
    for name in ("90_pre_test.ipynb", "91_post_test.ipynb"):
        assert (ROOT / "assessments" / name).is_file() and (ROOT / "assessments" / "key" / name).is_file()


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_names_are_number_plus_slug(path):
    assert NAME.match(path.name), path.name


@pytest.mark.parametrize("path", REFERENCE, ids=_id)
def test_reference_notebooks_are_committed_executed(path):
    """nbval silently skips a cell without an execution count: none may lack one."""
    nb = _read(path)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts and None not in counts
    assert counts == list(range(1, len(counts) + 1)), "run the notebook top to bottom (make notebooks)"
    for cell in nb.cells:
        if cell.cell_type == "code":
            for out in cell.outputs:
                assert out.output_type != "error", cell.source


@pytest.mark.parametrize("path", REFERENCE, ids=_id)
def test_no_cell_hides_from_nbval(path):
    for cell in _read(path).cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        assert not tags & {"nbval-skip", "nbval-ignore-output", "skip-execution"}, cell.source
        assert "NBVAL_SKIP" not in cell.source and "NBVAL_IGNORE_OUTPUT" not in cell.source


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_no_remote_scripts_or_stylesheets(path):
    text = path.read_text(encoding="utf-8")
    assert not REMOTE.search(text), REMOTE.search(text).group(0)


@pytest.mark.parametrize("path", REFERENCE, ids=_id)
def test_charts_are_static_svg(path):
    for cell in _read(path).cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            assert not any(k.startswith("application/vnd.vegalite") for k in data), "use kit.setup() (svg renderer)"
            if "image/svg+xml" in data:
                assert "<path" in data["image/svg+xml"] or "<rect" in data["image/svg+xml"]
                assert "image/png" in data, "untrusted notebooks do not render SVG: a PNG must come with it"


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_exercises_are_stripped(path):
    nb = _read(path)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
        assert "SOLUTION" not in cell.source


def test_exercises_navigation_and_index_are_up_to_date():
    assert stale(ROOT) == [], "run `make exercises` and commit the result"


def _checks(path):
    return [m for c in _read(path).cells if c.cell_type == "code" for m in CHECK.findall(c.source)]


def test_every_question_in_the_key_is_checked_in_a_notebook_and_vice_versa():
    keyed = set(kit.questions()["id"])
    used = {q for p in REFERENCE if p not in PRACTICE for q in _checks(p)}
    assert used <= keyed, used - keyed
    assert keyed <= used, keyed - used


@pytest.mark.parametrize("path", SOLUTIONS, ids=_id)
def test_a_check_cell_follows_every_answer_and_names_its_question(path):
    case = kit.load_case(ROOT / "cases" / path.parent.parent.name) if path in PRACTICE else kit.load_case()
    kinds = dict(zip(case.keys["questions"]["id"], case.keys["questions"]["kind"]))
    cells = [c for c in _read(path).cells if c.cell_type == "code"]
    for i, cell in enumerate(cells):
        assigned = re.findall(r"^(answer_\w+)\s*=", cell.source, re.M)
        for name in set(assigned):
            following = cells[i + 1].source if i + 1 < len(cells) else ""
            called = re.match(rf"""kit\.(check|ask)\(["'](q[\w.]+)["'], {name}(, case)?\)$""", following.strip())
            assert called, (name, following)
            assert following.strip() == checker_call(called.group(2), kinds[called.group(2)], name, called.group(3)[2:]
                                                     if called.group(3) else ""), following  # a pick is asked, a number or text checked
    for cell in cells:
        for qid in CHECK.findall(cell.source):
            assert any(o.get("data", {}).get("text/plain", "").startswith(f"{qid} ✓ Correct.") for o in cell.outputs)


SKILL_WIDGETS = re.compile(
    r"\bkit\.(ask|claim_sorter|compare_quotes|lateral\.investigate|place_dates|mark_words|build_verdict|trust_sorter)\(")
"""The widgets a student practises with: answering by clicking, and one per skill."""
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
TRUST_WIDGET = re.compile(r"\bkit\.trust_(sorter|test)\(")
OPENING = re.compile(r'(import kit\n\n)?(kit\.trust_sorter\("(review_0\d|prebunk)"\)|kit\.show\(kit\.manipulation_techniques\(\)\))')
"""A lesson's opening cells before the reader: the warm-up review, or lesson 00's prebunking table and round."""


@pytest.mark.parametrize("path", sorted((ROOT / "lessons").glob("*.ipynb")), ids=_id)
def test_every_lesson_opens_with_the_reader_and_practises_with_a_widget(path):
    cells = _read(path).cells
    code = [c for c in cells if c.cell_type == "code"]
    reader = next(i for i, c in enumerate(cells) if c.cell_type == "code" and "kit.read(" in c.source)
    opening = [c for c in code if cells.index(c) < reader and not OPENING.fullmatch(c.source.strip())]
    assert cells[reader].get("id", "").startswith("reader-") and len(opening) <= 1, (
        "the reader comes first, after the warm-up and the setup cell")
    practice = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and "## Practice" in c.source)
    widgets = [c for c in cells[practice:] if c.cell_type == "code" and SKILL_WIDGETS.search(c.source)]
    assert widgets, f"{path.name}: no widget to practise with after ## Practice"
    assert all(any(WIDGET_MIME in o.get("data", {}) for o in c.outputs) for c in widgets), "a practice widget did not run"
    assert all(len(o.get("data", {}).get("text/plain", "")) <= 400 for c in widgets for o in c.outputs), (
        "a widget's text form must be one plain line, not its HTML")


@pytest.mark.parametrize("path", sorted((ROOT / "lessons").glob("*.ipynb")), ids=_id)
def test_every_lesson_opens_with_a_review_of_earlier_skills_and_lesson_00_with_prebunking(path):
    cells = _read(path).cells
    lesson = int(path.name[:2])
    case = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and "## The case" in c.source)
    wanted = "prebunk" if lesson == 0 else f"review_{lesson:02d}"
    opening = [c for c in cells[:case] if c.cell_type == "code" and f'kit.trust_sorter("{wanted}")' in c.source]
    assert opening, f"{path.name}: no kit.trust_sorter({wanted!r}) before '## The case'"
    assert any(WIDGET_MIME in o.get("data", {}) for o in opening[0].outputs), "the warm-up did not run"
    if lesson == 0:
        reader = next(i for i, c in enumerate(cells) if c.cell_type == "code" and "kit.read(" in c.source)
        assert cells.index(opening[0]) < reader, "prebunking comes before the first article"


@pytest.mark.parametrize("path", sorted((ROOT / "lessons").glob("*.ipynb")), ids=_id)
def test_every_lesson_has_the_same_skeleton(path):
    headings = [
        line
        for c in _read(path).cells
        if c.cell_type == "markdown"
        for line in c.source.splitlines()
        if line.startswith("#") or line.startswith("**Objectives")
    ]
    text = "\n".join(headings)
    order = ["**Objectives", "## The case", "## Worked example", "## Practice", "## Key points"]
    positions = [text.find(h) for h in order]
    assert -1 not in positions, dict(zip(order, positions))
    assert positions == sorted(positions)


@pytest.mark.parametrize("path", EXERCISES, ids=_id)
def test_exercise_runs_and_every_check_says_not_answered_yet(path, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS", str(tmp_path / "answers.json"))
    nb = _read(path)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    seen = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not any(o.output_type == "error" for o in cell.outputs)
        for qid in CHECK.findall(cell.source):
            plain = [o["data"]["text/plain"] for o in cell.outputs if "data" in o]
            assert plain and plain[0].startswith(f"{qid} … Not answered yet."), plain
            seen += 1
        if TRUST_WIDGET.search(cell.source):  # a trust judgement is answered in its widget, one item at a time
            assert any(WIDGET_MIME in o.get("data", {}) for o in cell.outputs), "a trust widget did not run"
            seen += 3
    assert seen >= 3
    assert not (tmp_path / "answers.json").exists(), "unanswered checks are not recorded"


def test_every_case_with_a_questions_key_has_its_practice_and_every_question_is_checked():
    cases = sorted(p.parent.parent for p in (ROOT / "cases").glob("*/keys/questions.csv"))
    assert cases, "no built-in case with a questions key besides the seeds"
    for case in cases:
        keyed = set(kit.questions(case)["id"])
        used = {q for p in PRACTICE if p.parent.parent.name == case.name for q in _checks(p)}
        assert keyed == used, (case.name, keyed ^ used)


@pytest.mark.parametrize("path", sorted((ROOT / "lessons").glob("*.ipynb")), ids=lambda p: p.name)
def test_no_lesson_shows_a_raw_table_or_a_missing_value_marker(path):
    """Tables reach students through kit.show: text left-aligned and whole, numbers rounded, no NaN or NaT."""
    for cell in _read(path).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            assert 'class="dataframe"' not in data.get("text/html", ""), (path.name, cell.get("id"))
            text = data.get("text/plain", "") + output.get("text", "")
            assert not re.search(r"\bNa[NT]\b", text), (path.name, cell.get("id"), text[:200])
