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


def visible(cell: dict) -> list[str]:
    """What a student sees of one cell: its markdown, or every text output of a code cell."""
    parts = ["".join(cell["source"])] if cell["cell_type"] == "markdown" else []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        for mime in ("text/plain", "text/html", "text/markdown"):
            value = data.get(mime, "")
            parts.append("".join(value) if isinstance(value, list) else value)
        text = output.get("text", "")
        parts.append("".join(text) if isinstance(text, list) else text)
    return parts


def cells_of(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def lesson_text(path: Path) -> str:
    """Everything a student sees in a lesson notebook: markdown and every text output, normalised."""
    return normalised(" ".join(part for cell in cells_of(path) for part in visible(cell)))


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



READER_CALL = re.compile(r"\bkit\.read\(")
ANSWERED_IN_WORDS = ("text",)
"""Question kinds whose answer is a word a lesson could print (an article id or a date is everywhere)."""


def test_the_post_test_matches_the_pre_test_item_by_item_and_no_lesson_gives_its_answers():
    """Part 2 of the post-test (q91) is parallel to the pre-test's (q90): the same kinds in the same order and,
    for a label, the same label; no lesson shows its evidence outside the article reader (where every sentence
    is), and no lesson prints a word answer of it."""
    import kit

    listed = kit.load_case().keys["questions"]
    pre, post = (listed[listed["id"].str.startswith(prefix)].reset_index(drop=True) for prefix in ("q90.", "q91."))
    assert len(pre) == len(post) > 0 and pre["kind"].tolist() == post["kind"].tolist()
    for before, after in zip(pre.itertuples(), post.itertuples()):
        if before.kind == "choice":
            assert before.answer == after.answer, f"{after.id} asks for {after.answer!r}, {before.id} for {before.answer!r}"
    shown = {path.name: [normalised(" ".join(visible(cell))) for cell in cells_of(path)
                         if not READER_CALL.search("".join(cell["source"]))] for path in LESSONS}
    everything = {path.name: lesson_text(path) for path in LESSONS}
    for row in post.itertuples():
        quote = normalised(row.quote)
        assert not [name for name, cells in shown.items() if any(quote in text for text in cells)], (
            f"{row.id}: a lesson shows its evidence {row.quote[:40]!r} outside the reader")
        if row.kind in ANSWERED_IN_WORDS:
            word = re.compile(rf"\b{re.escape(normalised(str(row.answer)))}\b")
            assert not [name for name, text in everything.items() if word.search(text)], (
                f"{row.id}: a lesson prints its answer {row.answer!r}")
