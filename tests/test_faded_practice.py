"""Faded practice: no checked question of a lesson's practice can be answered by copying from the lesson.

The lesson text is everything a student sees in the lesson notebook: its markdown and every output
(tables, the reader's article, charts' descriptions). A checked question *leaks* when the evidence its
key cites (the verbatim ``quote`` of ``keys/questions.csv``) appears in that text: the student would
find the answer shown, often labelled, just before the practice asks for it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("0*.ipynb"))


def normalised(text: str) -> str:
    """Text without tags and entities, white space collapsed, case folded: how the leak check compares."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip().casefold()


def lesson_text(path: Path) -> str:
    """Everything a student sees in a lesson notebook: markdown and every text output, normalised."""
    parts = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in ("text/plain", "text/html", "text/markdown"):
                value = data.get(mime, "")
                parts.append("".join(value) if isinstance(value, list) else value)
            text = output.get("text", "")
            parts.append("".join(text) if isinstance(text, list) else text)
    return normalised(" ".join(parts))


def test_the_leak_check_finds_a_shown_quote_and_forgives_spacing_and_tags():
    shown = normalised("<td>The  mayor <b>said</b> the bridge\nwould close.</td>")
    assert normalised("the mayor said the bridge would close.") in shown
    assert normalised("the bridge would open") not in shown


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_checked_practice_answer_appears_in_the_lesson_text(path):
    import kit

    lesson = int(path.name[:2])
    listed = kit.load_case().keys["questions"]
    mine = listed[listed["id"].str.startswith(f"q{lesson}.")]
    assert len(mine), f"{path.name}: no checked practice questions"
    text = lesson_text(path)
    leaks = [f"{row.id} ({row.quote[:40]!r})" for row in mine.itertuples() if row.quote.strip()
             and normalised(row.quote) in text]
    assert not leaks, (f"{path.name} shows the evidence of {', '.join(leaks)}: move the question to a sentence the "
                       "lesson does not show, or stop the lesson showing it")
    assert all(row.quote.strip() for row in mine.itertuples()), "every checked question cites its evidence (quote)"
