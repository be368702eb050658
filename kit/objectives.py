"""Objectives that are measured: each lesson's objectives, and the checked items that measure each one.

A lesson states its objectives in its first cells (a ``**Objectives.**`` list,
numbered). Each objective names its condition and the act a student shows, and
objective ``k`` of lesson ``N`` is called ``"N.k"``. The items that measure it
come from data, never from a hand-kept table:

- a checked question of a case's ``keys/questions.csv`` serves the objective in
  its ``objective`` column (the built-in case's and every practice case's);
- the lesson's *trust objective* (the one about "a short text you have not
  seen", :data:`TRUST_MARK`) is served by the items of the trust bank whose
  reasons the lesson teaches (``lesson`` of ``kit/trust/reasons.csv``), by the
  review that opens the lesson (``review_0N``) and, for lesson 00, by the
  prebunking round.

:func:`objective_map` joins them; the teacher's guide prints it, and a test fails on
an objective that no item measures or a question that serves no objective.

>>> objective_items(["# 01 · Strikes\\n\\n**Objectives.** You can\\n\\n1. date the strike;\\n2. name the union.\\n\\nGo."])
['date the strike', 'name the union.']
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .glossary import markdown_cells
from .trust.bank import reason_table, trust_items

if TYPE_CHECKING:
    import pandas as pd

TRUST_MARK = "short text you have not seen"
"""The words that mark a lesson's trust objective (judging new items of the trust bank)."""
_LIST_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*])\s+(.*\S)\s*$")
_OBJECTIVES = re.compile(r"^\s*(#+\s*|\*\*)Objectives\b")
_LESSON_FILE = re.compile(r"^(\d\d)_.*\.ipynb$")


def objective_items(markdown: list[str]) -> list[str]:
    """Return the items of the first Objectives list (a ``**Objectives.**`` paragraph or heading) in markdown texts.

    >>> objective_items(["No list here.", "## Objectives\\n\\n- read the ferry timetable"])
    ['read the ferry timetable']
    """
    for text in markdown:
        lines = text.splitlines()
        starts = [i for i, line in enumerate(lines) if _OBJECTIVES.match(line)]
        if not starts:
            continue
        items: list[str] = []
        for line in lines[starts[0] + 1:]:
            item = _LIST_ITEM.match(line)
            if item:
                items.append(item.group(1).rstrip(";"))
            elif items and line.strip():
                break
        return items
    return []


def lesson_objectives(root: Path) -> list[tuple[int, str, str]]:
    """Return ``(lesson, "N.k", text)`` for every objective of every lesson notebook under ``root/lessons``.

    >>> lesson_objectives(Path("/nonexistent"))
    []
    """
    rows = []
    for path in sorted((Path(root) / "lessons").glob("*.ipynb")):
        match = _LESSON_FILE.match(path.name)
        if not match:
            continue
        lesson = int(match[1])
        texts = [source for _, source in markdown_cells(path)]
        rows += [(lesson, f"{lesson}.{k}", text) for k, text in enumerate(objective_items(texts), start=1)]
    return rows


def question_objectives(root: Path) -> list[tuple[str, str, str]]:
    """Return ``(case folder, question id, objective)`` for every checked question of every case under ``root``.

    The built-in case (``seeds``) comes first, then ``cases/*``; worked examples (``w...``) are not checked.

    >>> question_objectives(Path("/nonexistent"))
    []
    """
    files = [Path(root) / "seeds" / "keys" / "questions.csv"] + sorted(Path(root).glob("cases/*/keys/questions.csv"))
    rows = []
    for path in files:
        if not path.is_file():
            continue
        case = path.parent.parent.name
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                qid = (row.get("id") or "").strip()
                if qid.startswith("q"):
                    rows.append((case, qid, (row.get("objective") or "").strip()))
    return rows


def trust_items_for(lesson: int) -> list[str]:
    """Return the ids of the trust-bank items that measure a lesson's trust objective.

    Items whose acceptable reasons the lesson teaches, the review that opens the
    lesson, and (lesson 00) the prebunking round.

    >>> set(trust_items_for(0)) >= set(trust_items("prebunk")["id"])
    True
    """
    reasons = reason_table()
    taught = set(reasons.index[reasons["lesson"].astype(int) == lesson])
    items = trust_items()
    sets = {f"review_{lesson:02d}"} | ({"prebunk"} if lesson == 0 else set())
    keep = items["set"].isin(sets) | items["reasons"].map(lambda r: bool(taught & set(r.split(";"))))
    return items.loc[keep, "id"].tolist()


def objective_map(root: Path) -> pd.DataFrame:
    """Return one row per objective: its lesson, id, text and the checked items that measure it.

    Columns: ``lesson, objective, text, questions`` (built-in case), ``practice``
    (other cases, as ``case:id``), ``trust_items`` and ``items`` (how many in all).

    >>> objective_map(Path("/nonexistent")).columns.tolist()
    ['lesson', 'objective', 'text', 'questions', 'practice', 'trust_items', 'items']
    """
    import pandas as pd

    served: dict[str, list[tuple[str, str]]] = {}
    for case, qid, objective in question_objectives(root):
        served.setdefault(objective, []).append((case, qid))
    rows = []
    for lesson, objective, text in lesson_objectives(root):
        mine = served.get(objective, [])
        questions = [q for case, q in mine if case == "seeds"]
        practice = [f"{case}:{q}" for case, q in mine if case != "seeds"]
        trust = trust_items_for(lesson) if TRUST_MARK in text else []
        rows.append({"lesson": lesson, "objective": objective, "text": text, "questions": questions,
                     "practice": practice, "trust_items": trust, "items": len(questions) + len(practice) + len(trust)})
    return pd.DataFrame(rows, columns=["lesson", "objective", "text", "questions", "practice", "trust_items", "items"])
