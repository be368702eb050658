"""The grader's class report of the transfer test, from the answers files handed in (read as data, never run)."""

from __future__ import annotations

import csv

from kit.core.store import record
from kit.grading.summary import summary_page
from kit.grading.transfer import TRANSFER_FILES, class_transfer
from kit.trust.bank import trust_items
from kit.trust.forms import TIMES, form_for, question_id


def hand_in(submissions, student, monkeypatch, skill: float):
    """Write a student's answers file: every test item of their three forms, right on a share ``skill`` of items."""
    path = submissions / student / "answers.json"
    path.parent.mkdir(parents=True)
    monkeypatch.setenv("KIT_ANSWERS", str(path))
    monkeypatch.setenv("KIT_STUDENT", student)
    items = trust_items()
    for step, time in enumerate(TIMES):
        form = form_for(student, time)
        mine = items[items["set"] == form].reset_index(drop=True)
        right_up_to = round(len(mine) * (skill + 0.2 * (step > 0)))
        for i, item in mine.iterrows():
            right = i < right_up_to
            said = item["trust"] if right else ("no" if item["trust"] == "yes" else "yes")
            record(question_id(time, item["id"]), {"trust": said, "confidence": 3, "reason": None, "form": form},
                   "recorded", "trust")


def test_the_grader_scores_the_transfer_test_and_reports_it_on_the_summary_page(tmp_path, monkeypatch):
    submissions, out = tmp_path / "submissions", tmp_path / "out"
    for i in range(6):
        hand_in(submissions, f"s{i}", monkeypatch, 0.5)
    (submissions / "broken").mkdir()
    (submissions / "broken" / "answers.json").write_text("{not json", encoding="utf-8")
    section = class_transfer(submissions, out)
    assert section is not None and all((out / name).is_file() for name in TRANSFER_FILES)
    with (out / "transfer.csv").open(encoding="utf-8", newline="") as handle:
        scores = list(csv.DictReader(handle))
    assert {r["phase"] for r in scores} == set(TIMES) and {r["student"] for r in scores} == {f"s{i}" for i in range(6)}
    assert [r["row"] for r in section["rows"]][:3] == ["pre", "post", "delayed"]
    assert any("broken" in s for s in section["skipped"]), "a damaged answers file is named, not a crash"
    with (out / "transfer_calibration.csv").open(encoding="utf-8", newline="") as handle:
        levels = list(csv.DictReader(handle))
    assert {(r["phase"], r["confidence"]) for r in levels if int(r["judgements"])} == {(t, "3") for t in TIMES}
    gaps = {r["phase"]: float(r["overconfidence"]) for r in scores}  # confidence 3 promises 0.75 right
    assert gaps == {"pre": 0.25, "post": 0.083, "delayed": 0.083}, "half right before, 8 of 12 after"
    page = summary_page([], transfer=section)
    assert "Transfer test: discernment and bias" in page and "post - pre" in page and "control group" in page
    assert "Mean over-confidence" in page and "0.25" in page


def test_no_transfer_section_without_test_answers(tmp_path):
    (tmp_path / "sub" / "ana").mkdir(parents=True)
    assert class_transfer(tmp_path / "sub", tmp_path / "out") is None
    assert not (tmp_path / "out").exists()
