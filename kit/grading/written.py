"""Written answers for the teacher: each Reflect prompt's written-answer cell, the verdict and any review.

A Reflect prompt (a markdown cell starting ``**Reflect**`` or ``**Reflect 2**``) is
followed by a written-answer cell: markdown tagged ``written`` whose text starts
``Your answer:`` (:data:`kit.capstone.ANSWER_LEAD`); the exercise shows
``*Your answer here.*`` until the student writes. Nothing checks these answers; the
grader, in its own process, reads them from the handed-in notebook's JSON (parsed as
data, never run; at most the grader's notebook size limit; a damaged notebook gives
one sentence, never a crash) and lists them in ``OUT/written.csv`` with empty
``score`` and ``comment`` columns for the teacher, and on the student's feedback page.

The capstone's verdict (the ``q5`` choice question on the verdict scale, see
:func:`kit.capstone.roles`) and every question of kind ``review`` (a ClaimReview
scored by a rubric) are auto-scored, yet worth a teacher's reading too: they join the
list as written items, their answers taken from the notebook's answers.

>>> nb = {"cells": [{"cell_type": "markdown", "source": "**Reflect** (not checked). Who closed the wharf?"},
...                 {"cell_type": "markdown", "metadata": {"tags": ["written"]},
...                  "source": "Your answer:\\n\\nThe harbour board (W1.S2)."}]}
>>> items, problem = written_cells(json.dumps(nb).encode())
>>> [(i["item"], i["prompt"], i["answer"], i["words"]) for i in items], problem
([('Reflect', 'Who closed the wharf?', 'The harbour board (W1.S2).', 4)], None)
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any, Callable

from ..authoring import blank_markdown
from ..capstone import ANSWER_LEAD, WRITTEN_TAG, role_of
from ..core.tables import spreadsheet_safe
from .gradebook import NOT_SUBMITTED, atomic_write

WRITTEN_FILE = "written.csv"
"""The file :func:`write_written` writes into ``OUT``."""
WRITTEN_COLUMNS = ["student", "notebook", "item", "prompt", "answer", "words", "score", "max_score", "comment"]
"""Columns of ``written.csv``; ``score`` and ``comment`` are left empty for the teacher."""
PLACEHOLDER = blank_markdown("<!-- BEGIN SOLUTION --><!-- END SOLUTION -->")
"""What an exercise shows where a written answer goes (``*Your answer here.*``): an answer still saying it is blank."""
MAX_WRITTEN_CHARS = 20_000
"""A longer written answer (or prompt) is cut, and says so."""
MAX_WRITTEN_CELLS = 100
"""Written-answer cells read per notebook at most."""
CAPSTONE_LESSON = 5
"""The lesson whose verdict question is a written item."""
REVIEW_KIND = "review"
"""The question kind whose answer (a ClaimReview) is a written item."""

_LABEL = re.compile(r"^\s*\*\*([^*\n]{1,60})\*\*[\s:.]*")
_NOT_CHECKED = re.compile(r"^\(not checked\)[\s.:]*", re.I)
_SOLUTION = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->.*?<!--\s*END SOLUTION\s*-->", re.S)


def _cut(text: str, limit: int = MAX_WRITTEN_CHARS) -> str:
    return text if len(text) <= limit else text[:limit] + f" […cut at {limit:,} characters]"


def _source(cell: Any) -> str:
    """A cell's text: its ``source`` as a string or a list of strings; ``""`` for anything else."""
    source = cell.get("source") if isinstance(cell, dict) else None
    if isinstance(source, list):
        source = "".join(part for part in source if isinstance(part, str))
    return _cut(source, 4 * MAX_WRITTEN_CHARS) if isinstance(source, str) else ""


def _tags(cell: dict[str, Any]) -> list[str]:
    metadata = cell.get("metadata")
    tags = metadata.get("tags") if isinstance(metadata, dict) else None
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def split_prompt(source: str) -> tuple[str, str]:
    """A Reflect cell's ``(label, prompt)``: the bold label, and the text without it, "(not checked)" or a model answer.

    >>> split_prompt("**Reflect 2** (not checked). Which word would you change?\\n\\n*Your answer here.*")
    ('Reflect 2', 'Which word would you change?')
    >>> split_prompt("Why did the transfer fee change?")
    ('', 'Why did the transfer fee change?')
    """
    found = _LABEL.match(source)
    label, text = (found.group(1).strip(), source[found.end():]) if found else ("", source)
    text = _SOLUTION.sub("", _NOT_CHECKED.sub("", text.lstrip())).replace(PLACEHOLDER, "")
    return label, _cut(text.strip())


def answer_of(source: str) -> str:
    """The student's text in a written-answer cell: after ``Your answer:``; ``""`` while it is still the placeholder.

    >>> answer_of("Your answer:\\n\\n*Your answer here.*"), answer_of("Your answer: The fee was 40 million (L2.S4).")
    ('', 'The fee was 40 million (L2.S4).')
    """
    text = source.strip()
    if text.startswith(ANSWER_LEAD):
        text = text[len(ANSWER_LEAD):].strip()
    return "" if text in ("", PLACEHOLDER) else _cut(text)


def words(text: str) -> int:
    """How many words an answer has (runs of text between spaces).

    >>> words("The harbour board closed it (W1.S2)."), words("")
    (6, 0)
    """
    return len(text.split())


def _parse(data: bytes) -> tuple[list[Any] | None, str | None]:
    """The notebook's cells, or why there are none, in one sentence."""
    try:
        nb = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "its written answers could not be read: the file is not UTF-8 text"
    except (ValueError, RecursionError):
        return None, "its written answers could not be read: the file is not valid notebook JSON"
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        return None, "its written answers could not be read: the file has no list of cells"
    return cells, None


def written_cells(data: bytes) -> tuple[list[dict[str, Any]], str | None]:
    """Read the written-answer cells of a notebook's JSON (never run): ``(items, problem)``.

    Each item has ``item`` (the prompt's bold label, numbered when repeated), ``prompt``
    (the markdown cell just before, without its label), ``answer`` and ``words``. A
    written cell is tagged ``written`` or starts ``Your answer:`` right after a Reflect
    prompt. ``problem`` is one sentence when the JSON cannot be read (then no items).

    >>> written_cells(b"{not json")
    ([], 'its written answers could not be read: the file is not valid notebook JSON')
    """
    cells, problem = _parse(data)
    if cells is None:
        return [], problem
    items: list[dict[str, Any]] = []
    previous: Any = None
    for cell in cells:
        if not isinstance(cell, dict) or len(items) >= MAX_WRITTEN_CELLS:
            previous = cell
            continue
        source = _source(cell)
        before = _source(previous) if isinstance(previous, dict) and previous.get("cell_type") == "markdown" else ""
        label, prompt = split_prompt(before)
        tagged = WRITTEN_TAG in _tags(cell) or (source.lstrip().startswith(ANSWER_LEAD) and label.startswith("Reflect"))
        if cell.get("cell_type") == "markdown" and tagged:
            answer = answer_of(source)
            items.append({"item": label or "written", "prompt": prompt, "answer": answer, "words": words(answer)})
        previous = cell
    seen = [i["item"] for i in items]
    for n, item in enumerate(items):
        if seen.count(item["item"]) > 1:
            item["item"] = f"{item['item']} ({seen[:n].count(item['item']) + 1})"
    return items, None


def _row(student: str, notebook: str, item: str, prompt: str, answer: str, max_score: Any = "") -> dict[str, Any]:
    return {"student": student, "notebook": notebook, "item": item, "prompt": prompt, "answer": answer,
            "words": words(answer), "score": "", "max_score": max_score, "comment": ""}


def notebook_items(student: str, notebook: str, data: bytes | None, problem: str | None = None) -> list[dict[str, Any]]:
    """Rows of ``written.csv`` for one handed-in notebook; an unreadable one gets one row saying why.

    >>> notebook_items("ana", "01_wharf.ipynb", None, "could not be read (it is a link, not a file)")[0]["prompt"]
    'Your notebook could not be read for written answers: could not be read (it is a link, not a file).'
    """
    items, why = written_cells(data) if data is not None else ([], problem or "could not be read")
    if why:
        return [_row(student, notebook, "unreadable", f"Your notebook could not be read for written answers: {why}.", "")]
    return [_row(student, notebook, i["item"], i["prompt"], i["answer"]) for i in items]


def written_questions(by_lesson: dict[int, list[dict[str, str]]]) -> dict[str, dict[str, str]]:
    """The key's questions read as written items: the capstone's verdict and every ``review`` question, by id.

    >>> scale = "confirmed;likely;unproven;unlikely;false"
    >>> sorted(written_questions({5: [{"id": "q5.1", "kind": "choice", "options": scale},
    ...                               {"id": "q5.2", "kind": "review"}, {"id": "q5.3", "kind": "number"}],
    ...                           2: [{"id": "q2.1", "kind": "choice", "options": scale}]}))
    ['q5.1', 'q5.2']
    """
    found = {}
    for lesson, questions in by_lesson.items():
        for q in questions:
            verdict = lesson == CAPSTONE_LESSON and role_of(q) == "verdict"
            if verdict or q.get("kind") == REVIEW_KIND:
                found[q["id"]] = q
    return found


def answer_text(value: Any) -> str:
    """An auto-scored answer as text for the teacher: a string as it is, anything else as indented JSON.

    >>> answer_text("unproven"), answer_text({"reviewRating": {"alternateName": "false"}})
    ('unproven', '{\\n "reviewRating": {\\n  "alternateName": "false"\\n }\\n}')
    >>> answer_text(...)
    ''
    """
    if value is ... or value is None:
        return ""
    if isinstance(value, str):
        return _cut(value.strip())
    try:
        return _cut(json.dumps(value, ensure_ascii=False, indent=1, default=repr))
    except (ValueError, TypeError, RecursionError):
        return _cut(repr(value))


def question_items(student: str, rows: list[dict[str, Any]], questions: dict[str, dict[str, str]],
                   answers: dict[str, dict[str, Any] | None]) -> list[dict[str, Any]]:
    """Rows of ``written.csv`` for a student's verdict and review questions, from their gradebook rows.

    ``answers`` maps a notebook to its decoded answers (the gradebook's shortened answer is used when absent).
    Notebooks not handed in give no row.

    >>> rows = [{"notebook": "05_cap.ipynb", "question": "q5.1", "answer": "'false'", "result": "not yet right"}]
    >>> [(r["item"], r["answer"]) for r in question_items("ana", rows, {"q5.1": {"prompt": "Verdict?"}}, {})]
    [('q5.1', 'false')]
    """
    out = []
    for row in rows:
        q = questions.get(str(row.get("question")))
        if q is None or row.get("result") == NOT_SUBMITTED:
            continue
        mine = answers.get(str(row["notebook"])) or {}
        if row["question"] in mine:
            shown = answer_text(mine[row["question"]])
        else:
            shown = str(row.get("answer") or "").strip()
            shown = shown[1:-1] if len(shown) > 1 and shown[0] == shown[-1] == "'" else shown
        out.append(_row(student, str(row["notebook"]), str(row["question"]), str(q.get("prompt", "")), shown,
                        row.get("max_points", 1)))
    return out


def student_written(student: str, handed: list[tuple[str, Path]], rows: list[dict[str, Any]],
                    by_lesson: dict[int, list[dict[str, str]]], answers: dict[str, dict[str, Any] | None],
                    read: Callable[[Path], tuple[bytes | None, str | None]]) -> list[dict[str, Any]]:
    """Every written item of one student: each handed-in notebook's written cells, then the verdict and reviews.

    Args:
        student: the student's id.
        handed: ``(notebook name, path)`` of each notebook they handed in, in lesson order.
        rows: the student's gradebook rows.
        by_lesson: the key's questions by lesson.
        answers: each handed-in notebook's decoded answers (``None`` when unreadable).
        read: reads a notebook file safely: ``(bytes, None)`` or ``(None, why)`` (``kit.grading.read_submission``).
    """
    items = []
    for notebook, path in handed:
        data, problem = read(path)
        items += notebook_items(student, notebook, data, problem)
    return items + question_items(student, rows, written_questions(by_lesson), answers)


def written_csv(items: list[dict[str, Any]]) -> str:
    """``written.csv``: one row per written item; text cells are spreadsheet-safe (``=...`` cannot run).

    >>> print(written_csv([_row("=ana", "00_a.ipynb", "Reflect", "Why?", "=1+1")]), end="")
    student,notebook,item,prompt,answer,words,score,max_score,comment
    '=ana,00_a.ipynb,Reflect,Why?,'=1+1,1,,,
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=WRITTEN_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow({k: spreadsheet_safe(v) if isinstance(v, str) else v for k, v in item.items()})
    return buffer.getvalue()


def write_written(items: list[dict[str, Any]], out: Path) -> Path:
    """Write ``OUT/written.csv`` atomically; return its path."""
    path = Path(out) / WRITTEN_FILE
    atomic_write(path, written_csv(items))
    return path
