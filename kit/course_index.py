"""The student-facing course index (``COURSE.md``), generated from the notebooks' own titles.

Every notebook's title is the text of its first ``# `` heading (the navigation
cell above it is skipped); an assessment's line also gives the first sentence
under its title ("Take this before lesson 01."). Nothing is typed twice: rename
a lesson's heading and ``python -m kit.course_index`` rewrites the index;
``tests/test_deploy.py`` fails while the committed COURSE.md is out of date.

The notebooks' "Course index" link should point at this file (``../COURSE.md``
from ``lessons/``, ``exercises/``, ``solutions/`` and ``assessments/``): it opens
at the top, with nothing for developers in it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

INDEX_FILE = "COURSE.md"
LESSON_NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")
EXERCISE_SUFFIX = "_exercise"
"""An exercise is named after its lesson plus this, so the two never open as twin tabs in JupyterLab."""


def exercise_name(lesson_file: str) -> str:
    """Return the file name of a lesson's exercise (the student's copy of its practice).

    JupyterLab titles a tab by the file name alone, so a lesson and its exercise
    must not share one.

    >>> exercise_name("02_trace_sources.ipynb"), exercise_name("02_trace_sources_exercise.ipynb")
    ('02_trace_sources_exercise.ipynb', '02_trace_sources_exercise.ipynb')
    """
    stem = lesson_file.removesuffix(".ipynb")
    return stem + ("" if stem.endswith(EXERCISE_SUFFIX) else EXERCISE_SUFFIX) + ".ipynb"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _first_sentence(lines: list[str]) -> str:
    para: list[str] = []
    for line in (x.strip() for x in lines):
        if not line and para:
            break
        if line:
            para.append(line)
    return _SENTENCE_END.split(" ".join(para), 1)[0] if para else ""


def title_of(cells: list[dict]) -> tuple[str, str]:
    """Return a notebook's title and the first sentence under it, from its cells.

    The title is the first ``# `` heading of a markdown cell; the sentence is the
    first sentence of the paragraph that follows it in the same cell ('' if none).

    >>> cells = [{"cell_type": "markdown", "source": "**Course** · [index](../COURSE.md)"},
    ...          {"cell_type": "markdown", "source": ["# Harbour quiz\\n", "\\n", "Take this first. Then sail."]}]
    >>> title_of(cells)
    ('Harbour quiz', 'Take this first.')
    """
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        lines = _source(cell).splitlines()
        for i, line in enumerate(lines):
            if line.startswith("# "):
                return line[2:].strip(), _first_sentence(lines[i + 1 :])
    return "", ""


def notebook_title(path: Path) -> tuple[str, str]:
    """Return ``title_of`` for the notebook at ``path`` (its file stem when it has no heading).

    >>> import json, tempfile, pathlib
    >>> nb = pathlib.Path(tempfile.mkdtemp()) / "01_wellington_strike.ipynb"
    >>> _ = nb.write_text(json.dumps({"cells": [{"cell_type": "code", "source": "x = 1"}]}))
    >>> notebook_title(nb)
    ('01_wellington_strike', '')
    """
    cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    title, first = title_of(cells)
    return (title or Path(path).stem), first


def course_lines(root: Path) -> list[str]:
    """Return the index's markdown lines: lessons with their exercises, then assessments.

    Links are relative to the repository root, where COURSE.md lives.

    >>> import json, tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for folder, name, text in [("lessons", "00_lisbon_transfer.ipynb", "# 00 · The transfer fee"),
    ...                            ("exercises", "00_lisbon_transfer_exercise.ipynb", "# 00 · The fee: practice"),
    ...                            ("assessments", "90_quiz.ipynb", "# Quiz\\n\\nTake it before lesson 00. Go.")]:
    ...     (root / folder).mkdir(exist_ok=True)
    ...     _ = (root / folder / name).write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": text}]}))
    >>> print("\\n".join(line for line in course_lines(root) if line.startswith("-")))
    - **00 · The transfer fee**: [lesson](lessons/00_lisbon_transfer.ipynb) · [exercise](exercises/00_lisbon_transfer_exercise.ipynb)
    - **Quiz**: [assessments/90_quiz.ipynb](assessments/90_quiz.ipynb). Take it before lesson 00.
    """
    root = Path(root)
    out = ["## Lessons and exercises", ""]
    for path in sorted((root / "lessons").glob("*.ipynb")):
        if not LESSON_NAME.match(path.name):
            continue
        links = [f"[lesson](lessons/{path.name})"]
        if (root / "exercises" / exercise_name(path.name)).is_file():
            links.append(f"[exercise](exercises/{exercise_name(path.name)})")
        out.append(f"- **{notebook_title(path)[0]}**: " + " · ".join(links))
    assessments = sorted((root / "assessments").glob("*.ipynb"))
    if assessments:
        out += ["", "## Assessments", ""]
    for path in assessments:
        title, first = notebook_title(path)
        rel = f"assessments/{path.name}"
        out.append(f"- **{title}**: [{rel}]({rel})" + (f". {first}" if first else ""))
    return out


def course_index(root: Path) -> str:
    """Return the full text of COURSE.md for the course in ``root``.

    >>> import tempfile, pathlib
    >>> course_index(pathlib.Path(tempfile.mkdtemp())).splitlines()[0]
    '# The course, in order'
    """
    root = Path(root)
    head = [
        "# The course, in order",
        "",
        "<!-- Generated from the notebooks' titles by `python -m kit.course_index`; do not edit by hand. -->",
        "",
        "Work through the lessons in order. Each lesson teaches with a worked example; its exercise is your",
        "copy to answer in (every answer is checked when you run its check cell and kept in your answers file).",
        "Open a notebook by clicking its link.",
        "",
    ]
    tail = []
    if (root / "practice").is_dir():
        tail = ["", "## More practice", "", "- The `practice/` folder has the same skills on other stories, one folder per story."]
    return "\n".join(head + course_lines(root) + tail) + "\n"


def write_course_index(root: Path) -> Path:
    """Write COURSE.md in ``root`` and return its path.

    >>> import tempfile, pathlib
    >>> write_course_index(pathlib.Path(tempfile.mkdtemp())).name
    'COURSE.md'
    """
    path = Path(root) / INDEX_FILE
    path.write_text(course_index(root), encoding="utf-8")
    return path


if __name__ == "__main__":  # python -m kit.course_index, from the repository root
    write_course_index(Path.cwd())
