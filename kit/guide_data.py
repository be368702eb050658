"""The teacher's guide's data: the course glossary with each term's first lesson, and two rubrics, read and checked.

The glossary is the course's one, ``kit/core/glossary.csv`` (:mod:`kit.glossary`);
the guide adds each term's first lesson, computed from the notebooks (two
digits, or ``guide`` for a term their markdown does not use). A rubric
(``kit/guide/*.csv``) has ``criterion,level,points,descriptor``, one row per criterion and level
(:data:`LEVELS`), points rising with the level. A bad row raises
:class:`GuideDataError`, one sentence per problem naming the file, the line,
the value and the fix.

>>> [row["level"] for row in read_rubric(WRITTEN_RUBRIC_FILE)][:3]
['secure', 'developing', 'beginning']
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from .core.errors import KitError
from .glossary import GLOSSARY, GlossaryError, first_uses, glossary, markdown_cells

GUIDE_DIR = Path(__file__).resolve().parent / "guide"  # the guide's data files and template
GLOSSARY_FILE = GLOSSARY  # the course's one glossary, kit/core/glossary.csv
COURSE_ROOT = GUIDE_DIR.parent.parent  # the course repository (its lessons/, exercises/, assessments/)
NOTEBOOK_FOLDERS = ("lessons", "exercises", "assessments")  # where the guide looks for a term's first lesson
WRITTEN_RUBRIC_FILE = GUIDE_DIR / "rubric_written.csv"
CAPSTONE_RUBRIC_FILE = GUIDE_DIR / "rubric_capstone.csv"
GLOSSARY_COLUMNS = ("term", "definition", "first_lesson")  # the shape of read_glossary's rows
RUBRIC_COLUMNS = ("criterion", "level", "points", "descriptor")
LEVELS = ("beginning", "developing", "secure")  # a rubric's three levels, lowest first; points rise with the level
NOT_IN_NOTEBOOKS = "guide"  # the first_lesson of a glossary term the notebooks' markdown does not use


class GuideDataError(KitError, ValueError):
    """A data file of the guide (glossary, rubric) that cannot be used as it is; ``problems`` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        rest = len(self.problems) - 1
        more = f" ({rest} more problem{'s' if rest > 1 else ''} in the same file.)" if rest > 0 else ""
        super().__init__(self.problems[0] + more)


def shown_path(path: Path) -> str:
    """Return a data file's path as a person reads it: from the repository root when it is inside it.

    >>> shown_path(GLOSSARY_FILE)
    'kit/core/glossary.csv'
    """
    path = Path(path)
    try:
        return path.resolve().relative_to(GUIDE_DIR.parent.parent).as_posix()
    except ValueError:
        return str(path)


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a guide CSV with their line numbers; a missing column raises a GuideDataError."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise GuideDataError([f"{shown_path(path)}, line 1: the column {missing[0]!r} is missing; "
                                  f"the header must read {','.join(columns)}."])
        return [(reader.line_num, {c: (row.get(c) or "").strip() for c in columns}) for row in reader]


def first_lessons(root: Path, table) -> dict[str, str]:
    """Return ``{term: NN}``: the first lesson whose notebooks' markdown uses each term (or an alias).

    Reads the markdown (navigation bars aside) of ``lessons/``, ``exercises/`` and
    ``assessments/`` under ``root``, numbered by the file name's two digits, and
    runs the same scan as the lesson test (:func:`kit.glossary.first_uses`). A
    term no notebook uses is left out.

    >>> import tempfile
    >>> from kit.glossary import glossary
    >>> root = Path(tempfile.mkdtemp()); (root / "exercises").mkdir()
    >>> _ = (root / "exercises" / "03_port_exercise.ipynb").write_text(
    ...     '{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "Count the pickets."}]}')
    >>> g = root / "g.csv"; _ = g.write_text("term,explanation,aliases\\npicket,a striker at the gate,pickets\\n")
    >>> first_lessons(root, glossary(g))
    {'picket': '03'}
    """
    cells = [(path.name[:2], source) for folder in NOTEBOOK_FOLDERS
             for path in sorted((Path(root) / folder).glob("*.ipynb")) if re.match(r"\d\d_", path.name)
             for _, source in markdown_cells(path)]
    cells.sort(key=lambda cell: cell[0])  # stable: by lesson number, then lesson, exercise, assessment
    return {term: where for term, (where, _) in first_uses(cells, table).items()}


def read_glossary(path: Path = GLOSSARY_FILE, root: Path = COURSE_ROOT) -> list[dict[str, str]]:
    """Return the course glossary for the guide: term, definition, and the first lesson that uses it, or ``guide``.

    The glossary is the course's one (``kit/core/glossary.csv``, read by
    :func:`kit.glossary.glossary`); ``first_lesson`` is computed from the
    notebooks under ``root`` (:func:`first_lessons`), never stored. A bad row
    raises ``GuideDataError``: one sentence naming the file, the line and the fix.

    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "glossary.csv"
    >>> _ = bad.write_text("term,explanation,aliases\\npicket line,,\\n", encoding="utf-8")
    >>> read_glossary(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kit.guide_data.GuideDataError: glossary.csv, line 2: the term 'picket line' has no explanation; write one ...
    """
    try:
        table = glossary(path)
    except GlossaryError as err:
        raise GuideDataError([str(err)]) from None
    lessons = first_lessons(root, table)
    return [{"term": row.term, "definition": sentence(row.explanation),
             "first_lesson": lessons.get(row.term, NOT_IN_NOTEBOOKS)} for row in table.itertuples()]


def sentence(text: str) -> str:
    """Return a glossary explanation as a sentence for the guide: a capital first letter and a full stop.

    >>> sentence("a word that softens a claim"), sentence("d-prime: 0 is none.")
    ('A word that softens a claim.', 'D-prime: 0 is none.')
    """
    text = " ".join(text.split())
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else text


def read_rubric(path: Path) -> list[dict[str, str]]:
    """Return a rubric's rows, checked: each criterion has one row per level, with points rising with the level.

    Raises ``GuideDataError``: one sentence per bad row, naming the file, the line, the value and the fix.

    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "rubric.csv"
    >>> _ = bad.write_text("criterion,level,points,descriptor\\nevidence,expert,3,Cites the clause.\\n", encoding="utf-8")
    >>> read_rubric(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kit.guide_data.GuideDataError: .../rubric.csv, line 2 (criterion 'evidence'), field 'level': 'expert' is not a level; use one of beginning, developing, secure.
    """
    problems, out = [], []
    for line, row in _rows(path, RUBRIC_COLUMNS):
        where = f"{shown_path(path)}, line {line} (criterion {row['criterion']!r})"
        empty = [c for c in RUBRIC_COLUMNS if not row[c]]
        if empty:
            problems.append(f"{where}: the field {empty[0]!r} is empty; fill in {', '.join(empty)}.")
        elif row["level"] not in LEVELS:
            problems.append(f"{where}, field 'level': {row['level']!r} is not a level; use one of {', '.join(LEVELS)}.")
        elif not row["points"].isdigit():
            problems.append(f"{where}, field 'points': {row['points']!r} is not a whole number; write 0, 1, 2, ...")
        else:
            out.append({**row, "line": line})
    problems += _rubric_shape(path, out)
    if problems:
        raise GuideDataError(problems)
    return [{c: row[c] for c in RUBRIC_COLUMNS} for row in out]


def _rubric_shape(path: Path, rows: list[dict]) -> list[str]:
    """Problems with a rubric's criteria as wholes: a level missing or repeated, points not rising or not shared."""
    problems, scale = [], None
    for criterion in dict.fromkeys(row["criterion"] for row in rows):
        mine = [row for row in rows if row["criterion"] == criterion]
        levels = [row["level"] for row in mine]
        where = f"{shown_path(path)}, line {mine[0]['line']} (criterion {criterion!r})"
        if sorted(levels) != sorted(LEVELS):
            problems.append(f"{where}: its levels are {', '.join(levels)}; give exactly one row for each of "
                            f"{', '.join(LEVELS)}.")
            continue
        points = [int(next(r["points"] for r in mine if r["level"] == level)) for level in LEVELS]
        if points != sorted(set(points)):
            problems.append(f"{where}: the points {points} must rise from {LEVELS[0]} to {LEVELS[-1]}.")
        elif scale is not None and points != scale:
            problems.append(f"{where}: the points {points} differ from the first criterion's {scale}; "
                            "give every criterion the same points per level.")
        scale = scale or points
    return problems


def rubric_table(rows: list[dict[str, str]]) -> dict:
    """Return a rubric for a table: level headings (highest first, with points) and one row of descriptors per criterion.

    >>> table = rubric_table([{"criterion": "evidence", "level": lv, "points": str(p), "descriptor": lv.title()}
    ...                       for lv, p in zip(LEVELS, (0, 1, 2))])
    >>> table["levels"], table["rows"][0]["cells"]
    (['secure (2)', 'developing (1)', 'beginning (0)'], ['Secure', 'Developing', 'Beginning'])
    """
    criteria = list(dict.fromkeys(row["criterion"] for row in rows))
    cell = {(row["criterion"], row["level"]): row for row in rows}
    first = criteria[0] if criteria else ""
    return {"levels": [f"{lv} ({cell[first, lv]['points'] if (first, lv) in cell else '?'})" for lv in reversed(LEVELS)],
            "rows": [{"criterion": c, "cells": [cell[c, lv]["descriptor"] for lv in reversed(LEVELS)]} for c in criteria]}


def table_cell(text: object) -> str:
    """Return text safe inside a Markdown table cell (pipes escaped, line breaks joined).

    >>> table_cell("a | b\\nc")
    'a \\\\| b c'
    """
    return " ".join(str(text).split()).replace("|", "\\|")
