"""Lateral reading as an answer: trail questions checked, drafted profiles, and the grader collecting trails.

Two invented stories (a ferry strike in Wellington, a transfer in Lisbon) get a tiny source
corpus; the grading run is real (bubblewrap sandbox) on the committed practice of cases/kestrel,
whose trail question can only be answered by clicking: the grader reads the trail from the
answers file the student hands in, as data in its own process.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
from pathlib import Path

import nbformat
import pytest

import kit
from kit.answer_trail import decode_trail, encode_trail, grade_trail
from kit.drafting import unreviewed, write_profile_drafts
from kit.grading import main
from kit.grading.submitted import submitted_trails

ROOT = Path(__file__).resolve().parent.parent
KESTREL = ROOT / "cases" / "kestrel"
STORIES = {
    "ferry": ("Harbour Post", "Ana Kora", "Ferries stop", '"Every crossing is cancelled," union leader Mere Tane said.'),
    "transfer": ("Bola Diária", "", "Striker joins club", '"The fee was a record," club president Rui Costa said.'),
}


def _case(tmp_path: Path, name: str) -> Path:
    outlet, author, headline, quote = STORIES[name]
    folder = tmp_path / name
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "a.txt").write_text(f"{headline}\n\n{quote}\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\n"
                                         f"a.txt,{outlet},{author},news,2031-05-02,{headline},,\n", encoding="utf-8")
    sources = folder / "context" / "sources"
    sources.mkdir(parents=True)
    (sources / "pages.csv").write_text(
        "page_id,title,address,publisher,kind,about,published,consulted,text\n"
        f"P1,{outlet} - about us,https://about.example/,{outlet},about,{outlet},,2031-05-03,Says it is independent.\n"
        f"P2,{outlet} - Encyclopedia,https://enc.example/x,Encyclopedia,reference,{outlet},,2031-05-03,Owned by a union.\n",
        encoding="utf-8")
    (folder / "keys").mkdir()
    (folder / "keys" / "questions.csv").write_text(
        "id,kind,prompt,answer,options,match,tolerance,explanation,hint,defensible,file,quote,facet\n"
        f"q2.1,trail,Who owns {outlet}?,P2,,,,P2 says who owns it (A1.S2).,Search its name.,,a.txt,{headline},\n",
        encoding="utf-8")
    return folder


def _trail(*events):
    return encode_trail([{"t": n, **e} for n, e in enumerate(events)])


@pytest.mark.parametrize("story", sorted(STORIES))
def test_a_trail_is_right_when_it_opens_a_page_that_answers_and_notes_it(tmp_path, story, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS", str(tmp_path / "answers.json"))
    case = _case(tmp_path, story)
    search = {"action": "search", "query": STORIES[story][0], "results": ["P1", "P2"]}
    assert kit.check("q2.1", [], case).status == "unanswered"  # a widget nobody used
    right = kit.check("q2.1", _trail(search, {"action": "open", "page_id": "P2"}, {"action": "note", "text": "a union"}), case)
    assert right.correct and "The fastest result was P2; in your searches it ranked 2." in right.message
    own_page = kit.check("q2.1", _trail(search, {"action": "open", "page_id": "P1"}, {"action": "note", "text": "independent"}), case)
    assert own_page.status == "incorrect" and "None of them answers the question; try the outlet's or the person's name. The fastest result was P2" in own_page.message
    silent = kit.check("q2.1", _trail(search, {"action": "open", "page_id": "P2"}), case)
    assert silent.status == "incorrect" and "Write what you learned" in silent.message
    assert kit.check("q2.1", ["opened the union page"], case).status == "invalid"


def test_a_trail_question_must_name_pages_of_the_corpus(tmp_path):
    case = _case(tmp_path, "ferry")
    questions = case / "keys" / "questions.csv"
    questions.write_text(questions.read_text(encoding="utf-8").replace(",P2,", ",P9,"), encoding="utf-8")
    assert any("q2.1 must list the pages that answer it" in p and "P9 is not there" in p for p in kit.validate_case(case))


def test_trails_read_back_and_forged_lines_are_refused():
    lines = _trail({"action": "search", "query": "who | owns", "results": ["P2"]}, {"action": "note", "text": "x"})
    assert decode_trail(lines)[0]["query"] == "who / owns"  # a separator typed in a query cannot forge a field
    for bad in ("9.8s | open | P3", [{"action": "open"}], ["9.8s | delete | P3"]):
        with pytest.raises(ValueError):
            decode_trail(bad)
    assert grade_trail({"answer": "P2"}, [])[0] is False


@pytest.mark.parametrize("story", sorted(STORIES))
def test_drafting_adds_an_empty_profile_for_every_outlet_author_and_speaker(tmp_path, story):
    case = _case(tmp_path, story)
    (case / "context" / "sources" / "profiles.csv").unlink(missing_ok=True)
    (case / "context" / "sources" / "pages.csv").unlink()
    shutil.rmtree(case / "keys")  # a fresh case: texts and metadata only
    kept, drafted = write_profile_drafts(case)
    with open(case / "context" / "sources" / "profiles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    outlet, author = STORIES[story][:2]
    entities = {(r["entity"], r["role"]) for r in rows}
    assert (outlet, "outlet") in entities and ((author or "Unnamed author of A1"), "author") in entities
    assert any(role == "person" for _, role in entities)  # the quoted speaker
    assert (kept, drafted) == (0, len(rows)) and {r["review"] for r in rows} == {"draft"}
    assert {r["status"] for r in rows} == {"unknown"}
    assert unreviewed(kit.load_case(case, cached=False))["profiles"] == len(rows)
    assert write_profile_drafts(case) == (len(rows), 0)  # drafting again adds nothing


def test_submitted_trails_are_data_never_code(tmp_path):
    folder = tmp_path / "ada"
    folder.mkdir()
    (folder / "answers.json").write_text('{"attempts": [{"question": "q2.5", "case": "kestrel", "answer": 3}]}')
    assert submitted_trails(folder, "kestrel", {"q2.5"}) == {}
    (folder / "answers.json").write_text("[[[[" * 10_000)
    assert submitted_trails(folder, "kestrel", {"q2.5"}) == {}
    (folder / "answers.json").unlink()
    (folder / "answers.json").symlink_to(KESTREL / "keys" / "questions.csv")
    assert submitted_trails(folder, "kestrel", {"q2.5"}) == {}  # never through a link


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.usefixtures("grading_lock")
def test_the_grader_collects_the_trail_from_the_answers_file_handed_in(tmp_path, monkeypatch):
    name = "02_trace_sources.ipynb"
    student_copy = nbformat.read(ROOT / "practice" / "kestrel" / "02_trace_sources_exercise.ipynb", as_version=4)
    subs, out = tmp_path / "subs", tmp_path / "out"
    for student in ("with_trail", "without"):
        (subs / student).mkdir(parents=True)
        nbformat.write(student_copy, subs / student / name)
    trail = _trail({"action": "search", "query": "Coastline Review funding", "results": ["P12", "P11"]},
                   {"action": "open", "page_id": "P12"}, {"action": "note", "text": "A rival's foundation funds it."})
    (subs / "with_trail" / "answers.json").write_text(json.dumps(
        {"format": 1, "attempts": [{"question": "q2.5", "case": "kestrel", "answer": trail, "status": "correct"}]}))
    monkeypatch.setenv("KIT_CASE", str(KESTREL))
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(io.StringIO()):
        assert main([str(subs), "--out", str(out), "--jobs", "2", "--timeout", "120"]) == 0
    assert "answers.json" not in stdout.getvalue()  # handed in on purpose: never listed as an ignored file
    rows = {(r["student"], r["question"]): r for r in _rows(out / "gradebook.csv")}
    assert rows[("with_trail", "q2.5")]["result"] == "correct" and "P12" in rows[("with_trail", "q2.5")]["answer"]
    assert rows[("without", "q2.5")]["points"] == "0"
