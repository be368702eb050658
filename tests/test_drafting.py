"""Bring your own story: choose the case once, draft its keys from the analyses, keep what an instructor reviewed."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kit
from kit.core.paths import CASE_ENV
from kit.drafting import DRAFT, unreviewed, write_drafts
from tests.helpers import make_case

ROOT = Path(__file__).resolve().parent.parent
KESTREL = ROOT / "cases" / "kestrel"


@pytest.fixture
def course_case():
    """Leave the course's case as it was after a test that changes it."""
    before = os.environ.get(CASE_ENV)
    yield
    if before is None:
        os.environ.pop(CASE_ENV, None)
    else:
        os.environ[CASE_ENV] = before


def _kestrel_without_keys(tmp_path):
    """The invented case as an instructor first has it: articles and context, no keys yet."""
    return shutil.copytree(KESTREL, tmp_path / "kestrel", ignore=lambda folder, names: ["keys"] if Path(folder) == KESTREL else [])


def _harbour(tmp_path):
    articles = {"a.txt": "Port reopens\n\nThe port reopened on Monday, officials said. Experts say it may close again.\n",
                "b.txt": "Port opinion\n\nWhy did the port wait so long? The harbour board clearly failed.\n"}
    meta = {"a.txt": {"headline": "Port reopens", "published": "2031-03-05", "outlet": "Port News"},
            "b.txt": {"headline": "Port opinion", "published": "2031-03-06", "genre": "opinion"}}
    return make_case(tmp_path, articles, meta, name="harbour")


def test_use_case_moves_every_default_to_the_chosen_case_and_back(course_case):
    assert kit.use_case(KESTREL).name == "kestrel"
    assert kit.current_case().name == "kestrel" and os.environ[CASE_ENV] == str(KESTREL.resolve())
    assert set(kit.timeline()["file"]) <= set(kit.load_case(KESTREL).articles["file"])
    assert kit.check("q4.1", "A2.S5", save=False).status == "correct"  # the chosen case's own key
    out = subprocess.run([sys.executable, "-m", "kit", "validate"], capture_output=True, text=True, cwd=ROOT)
    assert "case 'kestrel'" in out.stdout  # a tool started from here inherits the choice
    assert kit.use_case().name == "seeds" and CASE_ENV not in os.environ


def test_a_case_without_a_questions_key_says_so_instead_of_blaming_the_id(tmp_path, course_case):
    kit.use_case(_harbour(tmp_path))
    feedback = kit.check("q1.1", "opinion", save=False)
    assert feedback.status == "invalid" and "no questions key yet" in feedback.message
    assert "python -m kit draft" in feedback.message and "Copy the id" not in feedback.message


def test_use_case_refuses_a_folder_that_is_not_a_case_and_changes_nothing(tmp_path, course_case):
    os.environ.pop(CASE_ENV, None)
    with pytest.raises(kit.CaseError, match="metadata.csv"):
        kit.use_case(tmp_path)
    assert CASE_ENV not in os.environ and kit.current_case().name == "seeds"


@pytest.mark.parametrize("story", ["kestrel", "harbour"])
def test_drafted_keys_load_check_and_count_as_unreviewed(tmp_path, story):
    case = _kestrel_without_keys(tmp_path) if story == "kestrel" else _harbour(tmp_path)
    done = write_drafts(case)
    assert done["claims"][0] == 0 and done["claims"][1] > 0 and done["questions"][1] > 0
    loaded = kit.load_case(case, cached=False)  # every drafted row passes the keys' validators
    assert unreviewed(loaded) == {name: drafted for name, (_, drafted) in done.items() if drafted}  # every key
    questions = loaded.keys["questions"]
    assert set(questions["status"]) == {DRAFT}
    first = questions.iloc[0]
    feedback = kit.check(first["id"], first["answer"], case=loaded, save=False)
    assert feedback.status == "correct", feedback.message
    out = subprocess.run([sys.executable, "-m", "kit", "validate", str(case)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "Not reviewed yet (drafts)" in out.stdout


def test_drafting_again_keeps_every_reviewed_row(tmp_path):
    case = _kestrel_without_keys(tmp_path)
    write_drafts(case)
    path = case / "keys" / "claims.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0].update(label="opinion", rationale="Reviewed: the writer's view.", status="reviewed")
    del rows[1]  # an instructor deleted a drafted claim
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    kept, drafted = write_drafts(case)["claims"]
    again = {r["id"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}
    assert kept == 1 and again[rows[0]["id"]]["label"] == "opinion" and again[rows[0]["id"]]["status"] == "reviewed"
    assert sum(r["sentence_id"] == rows[0]["sentence_id"] for r in again.values()) == 1  # no second draft of it


def test_the_draft_command_writes_and_reports(tmp_path):
    case = _harbour(tmp_path)
    out = subprocess.run([sys.executable, "-m", "kit", "draft", str(case)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "keys/claims.csv:" in out.stdout and "review_key(" in out.stdout
    bad = subprocess.run([sys.executable, "-m", "kit", "draft", str(tmp_path / "nothing")], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1 and bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr


def test_review_decisions_are_pure_and_explain_bad_input():
    from kit.review import decide, queue

    rows = [{"id": "A1.C1", "label": "opinion", "rationale": "", "status": "draft"},
            {"id": "A1.C2", "label": "verifiable_fact", "rationale": "", "status": "reviewed"}]
    assert queue(rows) == ["A1.C1", "A1.C2"]
    assert decide(rows, "A1.C1", "accept")[0]["status"] == "reviewed" and rows[0]["status"] == "draft"
    assert decide(rows, "A1.C1", "relabel", label="speculation")[0]["label"] == "speculation"
    assert decide(rows, "A1.C1", "edit", text="A guess about motives.")[0]["rationale"] == "A guess about motives."
    assert [r["id"] for r in decide(rows, "A1.C2", "delete")] == ["A1.C1"]
    for bad in (lambda: decide(rows, "A1.C9", "accept"), lambda: decide(rows, "A1.C1", "bless"),
                lambda: decide(rows, "A1.C1", "relabel", label="rumour")):
        with pytest.raises(kit.KitError):
            bad()


@pytest.mark.parametrize("story", ["kestrel", "harbour"])
def test_review_widget_walks_drafts_and_saves_each_decision(tmp_path, story):
    case = _kestrel_without_keys(tmp_path) if story == "kestrel" else _harbour(tmp_path)
    write_drafts(case)
    widget = kit.review_key("claims", case)
    first = widget.rows[0]["id"]
    assert first in widget.card.value and "still in draft" in widget.status.value
    widget.accept.click()  # accept the first as drafted
    second = next(r for r in widget.rows if r["status"] == "draft")["id"]
    widget.label.value = "opinion"
    widget.text.value = "Reviewed: the writer's own view."
    widget.save_edit.click()
    widget.delete.click()  # the third row goes
    saved = {r["id"]: r for r in csv.DictReader((case / "keys" / "claims.csv").open(encoding="utf-8"))}
    assert saved[first]["status"] == "reviewed"
    assert saved[second]["label"] == "opinion" and saved[second]["rationale"].startswith("Reviewed:")
    assert len(saved) == len(widget.rows) and kit.load_case(case, cached=False).keys["claims"] is not None
    widget.previous_button.click()
    assert second in widget.card.value


def test_review_widget_refuses_a_key_that_is_not_there(tmp_path):
    with pytest.raises(kit.KitError, match="python -m kit draft"):
        kit.review_key("claims", _harbour(tmp_path))
