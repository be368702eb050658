"""Objectives that are measured: every objective has checked items, and every checked item serves an objective."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.objectives import TRUST_MARK, lesson_objectives, objective_map, question_objectives, trust_items_for

ROOT = Path(__file__).resolve().parents[1]


def test_every_lesson_states_objectives_and_ends_with_its_trust_objective():
    by_lesson: dict[int, list[str]] = {}
    for lesson, _, text in lesson_objectives(ROOT):
        by_lesson.setdefault(lesson, []).append(text)
    assert sorted(by_lesson) == [int(p.name[:2]) for p in sorted((ROOT / "lessons").glob("0*.ipynb"))]
    for lesson, texts in by_lesson.items():
        assert 2 <= len(texts) <= 6, f"lesson {lesson:02d}: {len(texts)} objectives"
        assert [TRUST_MARK in t for t in texts].count(True) == 1 and TRUST_MARK in texts[-1], (
            f"lesson {lesson:02d}: its last objective, and only that one, is about a {TRUST_MARK}")
        assert any("not seen" in t for t in texts), f"lesson {lesson:02d}: no objective on material not seen"


def test_every_objective_is_measured_by_checked_items():
    table = objective_map(ROOT)
    assert len(table) >= 12
    empty = table.loc[table["items"] == 0, "objective"].tolist()
    assert not empty, f"objectives no checked item measures: {empty}"
    questions = table.loc[~table["text"].str.contains(TRUST_MARK), "questions"]
    assert all(len(q) for q in questions), "every objective but the trust one has a question on the built-in case"


def test_every_checked_question_serves_an_objective_that_exists():
    known = {objective for _, objective, _ in lesson_objectives(ROOT)}
    wrong = [f"{case}:{qid} ({objective!r})" for case, qid, objective in question_objectives(ROOT)
             if not qid.startswith(("q90.", "q91.", "q92.")) and objective not in known]
    assert not wrong, f"questions whose objective column names no objective: {wrong[:10]}"


@pytest.mark.parametrize("lesson", range(6))
def test_each_lesson_trust_objective_has_items_of_both_kinds(lesson):
    import kit.trust.bank as bank

    items = bank.trust_items().set_index("id").loc[trust_items_for(lesson)]
    assert items["trustworthy"].any() and (~items["trustworthy"]).any(), "trustworthy and untrustworthy items"
