"""The teacher's guide's data files (``kit/guide/*.csv``): a glossary and two rubrics, read and checked.

``glossary.csv`` has the columns ``term,definition,first_lesson`` (two digits, or
``guide`` for a term the notebooks do not use); a rubric has
``criterion,level,points,descriptor``, one row per criterion and level
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

from .claims.taxonomy import LABELS
from .core.errors import KitError
from .verdict import VERDICTS

GUIDE_DIR = Path(__file__).resolve().parent / "guide"  # the guide's data files and template
GLOSSARY_FILE = GUIDE_DIR / "glossary.csv"
WRITTEN_RUBRIC_FILE = GUIDE_DIR / "rubric_written.csv"
CAPSTONE_RUBRIC_FILE = GUIDE_DIR / "rubric_capstone.csv"
GLOSSARY_COLUMNS = ("term", "definition", "first_lesson")
RUBRIC_COLUMNS = ("criterion", "level", "points", "descriptor")
LEVELS = ("beginning", "developing", "secure")  # a rubric's three levels, lowest first; points rise with the level
NOT_IN_NOTEBOOKS = "guide"  # the first_lesson of a glossary term the notebooks do not use


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
    'kit/guide/glossary.csv'
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


def read_glossary(path: Path = GLOSSARY_FILE) -> list[dict[str, str]]:
    """Return the glossary's rows, checked: a term, a definition, and a lesson number or ``guide``.

    Raises ``GuideDataError``: one sentence per bad row, naming the file, the line, the value and the fix.

    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "glossary.csv"
    >>> _ = bad.write_text("term,definition,first_lesson\\npicket line,,03\\n", encoding="utf-8")
    >>> read_glossary(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kit.guide_data.GuideDataError: .../glossary.csv, line 2 (term 'picket line'): the field 'definition' is empty; write one sentence that defines the term.
    """
    reserved = {label.replace("_", " ") for label in LABELS} | set(VERDICTS)
    problems, seen, out = [], set(), []
    for line, row in _rows(path, GLOSSARY_COLUMNS):
        where = f"{shown_path(path)}, line {line} (term {row['term']!r})"
        if not row["term"] or not row["definition"]:
            field = "term" if not row["term"] else "definition"
            problems.append(f"{where}: the field {field!r} is empty; write one sentence that defines the term.")
        elif not re.fullmatch(r"\d\d", row["first_lesson"]) and row["first_lesson"] != NOT_IN_NOTEBOOKS:
            problems.append(f"{where}, field 'first_lesson': {row['first_lesson']!r} is not a lesson; write its two "
                            f"digits (e.g. 01), or {NOT_IN_NOTEBOOKS!r} for a term the notebooks do not use.")
        elif row["term"].casefold() in seen:
            problems.append(f"{where}: the term is listed twice; keep one row.")
        elif row["term"].casefold() in reserved:
            problems.append(f"{where}: the guide reads this term from the kit (claim labels, verdicts); remove the row.")
        else:
            seen.add(row["term"].casefold())
            out.append(row)
    if problems:
        raise GuideDataError(problems)
    return out


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
