"""Generating exercises from solutions: markers, drift detection, navigation."""

import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import ROOT, kit_attributes

blank_code, blank_markdown, build, make_exercise, stale = kit_attributes(
    "blank_code", "blank_markdown", "build", "make_exercise", "stale")


def test_inline_marker_keeps_the_name():
    assert blank_code('answer_q1 = ["A2"]  # SOLUTION') == "answer_q1 = ..."
    assert blank_code("    total = a + b # SOLUTION") == "    total = ..."
    assert blank_code("print(secret)  # SOLUTION") == "..."
    assert blank_code("x == 1  # SOLUTION") == "..."


def test_block_marker_is_removed_with_its_lines():
    src = "answer = ...\n# BEGIN SOLUTION\nrows = case.articles\nanswer = list(rows)\n# END SOLUTION\nkit.check('q', answer)"
    assert blank_code(src) == "answer = ...\n# Your code here.\nkit.check('q', answer)"


def test_unclosed_block_is_an_error():
    with pytest.raises(ValueError, match="has no '# END SOLUTION'"):
        blank_code("# BEGIN SOLUTION\nx = 1")


def test_markdown_marker():
    assert blank_markdown("Why?\n<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->") == "Why?\n*Your answer here.*"


def test_make_exercise_strips_outputs_and_drops_solution_only_cells():
    nb = new_notebook(
        cells=[
            new_code_cell("x = 1  # SOLUTION", execution_count=3, outputs=[nbformat.v4.new_output("stream", text="hi")]),
            new_markdown_cell("secret", metadata={"tags": ["solution-only"]}),
            new_code_cell("y = 2", metadata={"tags": ["keep"], "execution": {"iopub.status.busy": "x"}}),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}, "language_info": {"name": "python", "version": "3.11.7"}, "other": 1},
    )
    ex = make_exercise(nb)
    assert [c.source for c in ex.cells] == ["x = ...", "y = 2"]
    assert ex.cells[0].outputs == [] and ex.cells[0].execution_count is None
    assert ex.cells[1].metadata == {"tags": ["keep"]}
    assert ex.metadata == {"kernelspec": {"name": "python3", "display_name": "Python 3"}, "language_info": {"name": "python"}}
    assert nb.cells[0].execution_count == 3, "the solution itself is not changed"


@pytest.fixture
def course(tmp_path):
    for folder in ("lessons", "solutions", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    shutil.copy(ROOT / "COURSE.md", tmp_path / "COURSE.md")
    return tmp_path


def test_hand_edited_exercise_is_detected_and_rebuilt(course):
    assert stale(course) == []
    path = course / "exercises" / "00_start_here_exercise.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[3].source = "answer_q0_1 = ['A2']"
    nbformat.write(nb, path)
    assert stale(course) == [path]
    assert build(course) == [path]
    assert stale(course) == []


def test_changed_solution_makes_exercise_stale(course):
    path = course / "solutions" / "00_start_here.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(new_markdown_cell("One more question."))
    nbformat.write(nb, path)
    assert course / "exercises" / "00_start_here_exercise.ipynb" in stale(course)


def test_orphan_exercise_is_stale_and_removed(course):
    orphan = course / "exercises" / "99_orphan.ipynb"
    shutil.copy(course / "exercises" / "00_start_here_exercise.ipynb", orphan)
    assert orphan in stale(course)
    build(course)
    assert not orphan.exists()


def test_navigation_links_point_to_existing_files(course):
    import re

    for folder in ("lessons", "solutions", "exercises"):
        for path in (course / folder).glob("*.ipynb"):
            nav = nbformat.read(path, as_version=4).cells[0]
            assert nav.metadata["tags"] == ["nav"]
            for target in re.findall(r"\]\(([^)#]+)", nav.source):
                assert (path.parent / target).resolve().exists(), (path, target)


def test_readme_index_lists_every_lesson():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "lessons").glob("*.ipynb")):
        assert f"(lessons/{path.name})" in text
