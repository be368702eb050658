"""Written answers and claim-sorter answers reach the teacher (kit.grading.written, kit.grading.submitted).

Extraction runs on invented notebooks of two invented stories (a harbour strike in
Wellington, a football transfer in Lisbon), on hostile notebooks (huge, malformed, HTML in an
answer) and on answers files with damaged entries; one grading run (no sandbox: the notebooks
are the course's own) checks the wiring: written.csv, the feedback page, the summary and the wide CSV.
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
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit.capstone import ANSWER_LEAD, WRITTEN_TAG, reflection_cells
from kit.grading import feedback_page, grade, read_submission
from kit.grading import run as grading_run
from kit.grading.submitted import NO_SORTER, claim_labels, sorter_answers, submitted_attempts, submitted_trails
from kit.grading.summary import SORTER_COLUMNS, summary_page, wide_csv
from kit.grading.written import (
    MAX_WRITTEN_CHARS,
    PLACEHOLDER,
    WRITTEN_COLUMNS,
    answer_of,
    notebook_items,
    question_items,
    split_prompt,
    student_written,
    written_cells,
    written_csv,
    written_questions,
)
from kit.practice import solution_notebook

ROOT = Path(__file__).resolve().parent.parent
SCALE = "confirmed;likely;unproven;unlikely;false"

STORIES = {
    "wellington": {
        "prompts": ["**Reflect** (not checked). Who ordered the wharf closed on 3 March, and how do you know?",
                    "**Reflect 2** (not checked). Which word in W2.S4 takes the union's side?"],
        "answers": ["The harbour board did, by W1.S2; the union's statement (W3.S1) only repeats it.",
                    "\"Heroic\" praises the pickets instead of saying what they did."],
    },
    "lisbon": {
        "prompts": ["**Reflect 1** (not checked). The fee is 40 million in L1 and 45 million in L3. Which is right?",
                    "**Reflect 2** (not checked). What would you search for to trace the first report?"],
        "answers": ["Neither is shown: L1.S3 counts bonuses, L3.S2 does not, so both can be true.",
                    "The striker's name with 'transfer' on the club's own site, then the agency wire."],
    },
}


def _notebook(prompts: list[str], answers: list[str | None], *, extra: list | None = None):
    """An invented exercise: a title, then each prompt with its written cell (``None``: still the placeholder)."""
    cells = [nbformat.v4.new_markdown_cell("# An invented lesson"), nbformat.v4.new_code_cell("x = 1")]
    for prompt, answer in zip(prompts, answers):
        cells.append(nbformat.v4.new_markdown_cell(prompt))
        text = PLACEHOLDER if answer is None else answer
        cells.append(nbformat.v4.new_markdown_cell(f"{ANSWER_LEAD}\n\n{text}", metadata={"tags": [WRITTEN_TAG]}))
    cells += extra or []
    return nbformat.v4.new_notebook(cells=cells)


def _bytes(nb) -> bytes:
    return nbformat.writes(nb).encode("utf-8")


# ---- extraction on invented notebooks ----


@pytest.mark.parametrize("story", sorted(STORIES))
def test_written_cells_give_the_prompt_without_its_label_and_the_students_text(story):
    data = STORIES[story]
    items, problem = written_cells(_bytes(_notebook(data["prompts"], data["answers"])))
    assert problem is None
    assert [i["answer"] for i in items] == data["answers"]
    assert [i["prompt"] for i in items] == [split_prompt(p)[1] for p in data["prompts"]]
    assert all(not i["prompt"].startswith(("**", "(not checked)")) and "?" in i["prompt"] for i in items)
    assert [i["item"] for i in items] == [split_prompt(p)[0] for p in data["prompts"]]
    assert [i["words"] for i in items] == [len(a.split()) for a in data["answers"]]


@pytest.mark.parametrize("story", sorted(STORIES))
def test_an_untouched_placeholder_is_a_blank_answer_with_no_words(story):
    data = STORIES[story]
    items, _ = written_cells(_bytes(_notebook(data["prompts"], [None, data["answers"][1]])))
    assert (items[0]["answer"], items[0]["words"]) == ("", 0)
    assert items[1]["answer"] == data["answers"][1]


def test_lookalike_cells_are_not_written_answers():
    """A markdown cell that merely starts 'Your answer:' after an ordinary cell, or a code cell, is not one."""
    lookalikes = [
        nbformat.v4.new_markdown_cell("The wharf reopened on 5 March (W1.S7)."),
        nbformat.v4.new_markdown_cell("Your answer: goes in the cell after each Reflect prompt."),
        nbformat.v4.new_markdown_cell("**Reflect** (not checked). Is the fee in L2.S1 in euros?"),
        nbformat.v4.new_code_cell("Your_answer = 'a variable, not a written answer'"),
    ]
    items, _ = written_cells(_bytes(_notebook([], [], extra=lookalikes)))
    assert items == []


def test_an_untagged_answer_right_after_a_reflect_prompt_still_counts():
    """A student who copied the cell without its tag: 'Your answer:' right after a Reflect prompt."""
    cells = [nbformat.v4.new_markdown_cell(STORIES["lisbon"]["prompts"][0]),
             nbformat.v4.new_markdown_cell("Your answer: L1.S3 counts the bonuses.")]
    items, _ = written_cells(_bytes(nbformat.v4.new_notebook(cells=cells)))
    assert [(i["item"], i["answer"]) for i in items] == [("Reflect 1", "L1.S3 counts the bonuses.")]


def test_repeated_labels_are_numbered_and_list_sources_are_joined():
    prompts = ["**Reflect** (not checked). First, about the pickets?", "**Reflect** (not checked). Then the board?"]
    nb = json.loads(nbformat.writes(_notebook(prompts, ["one", "two"])))
    nb["cells"][-1]["source"] = ["Your answer:\n", "\n", "two, ", "in lines"]
    items, _ = written_cells(json.dumps(nb).encode())
    assert [i["item"] for i in items] == ["Reflect (1)", "Reflect (2)"]
    assert items[1]["answer"] == "two, in lines"


def test_the_course_exercises_have_one_blank_written_cell_per_reflect_prompt():
    for path in sorted((ROOT / "exercises").glob("0*.ipynb")):
        reflects = sum(1 for c in nbformat.read(path, as_version=4).cells
                       if c.cell_type == "markdown" and c.source.startswith("**Reflect"))
        items, problem = written_cells(path.read_bytes())
        assert problem is None and len(items) == reflects >= 1, path.name
        assert all(i["answer"] == "" and i["prompt"] and PLACEHOLDER not in i["prompt"] for i in items), path.name


def test_the_solutions_model_answers_cite_sentences_of_the_seeds():
    import re

    ids = set(kit.load_case().sentences["sentence_id"])
    for path in sorted((ROOT / "solutions").glob("0*.ipynb")):
        items, _ = written_cells(path.read_bytes())
        for item in items:
            cited = re.findall(r"\bA\d+\.S\d+\b", item["answer"])
            assert cited and set(cited) <= ids, (path.name, item["item"], cited)


# ---- hostile notebooks ----


def test_a_huge_notebook_is_refused_in_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setattr(grading_run, "MAX_NOTEBOOK_BYTES", 1_000)
    path = tmp_path / "01_wharf.ipynb"
    path.write_bytes(_bytes(_notebook(STORIES["wellington"]["prompts"], ["x" * 5_000, "y"])))
    rows = student_written("tane", [("01_wharf.ipynb", path)], [], {}, {}, read_submission)
    assert len(rows) == 1 and rows[0]["item"] == "unreadable" and "larger than" in rows[0]["prompt"]


@pytest.mark.parametrize("data, why", [
    (b"{not json", "not valid notebook JSON"),
    (b"[" * 100_000 + b"]" * 100_000, "not valid notebook JSON"),
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b'{"cells": "none"}', "no list of cells"),
    (b"[1, 2]", "no list of cells"),
])
def test_malformed_notebooks_give_one_friendly_line(data, why):
    items, problem = written_cells(data)
    assert items == [] and why in problem
    rows = notebook_items("rui", "02_transfer.ipynb", data)
    assert len(rows) == 1 and why in rows[0]["prompt"] and rows[0]["answer"] == ""


def test_a_linked_notebook_is_not_followed(tmp_path):
    (tmp_path / "secret.txt").write_text("the instructor's key")
    (tmp_path / "01_wharf.ipynb").symlink_to(tmp_path / "secret.txt")
    rows = student_written("tane", [("01_wharf.ipynb", tmp_path / "01_wharf.ipynb")], [], {}, {}, read_submission)
    assert "link" in rows[0]["prompt"] and "instructor" not in json.dumps(rows)


def test_odd_cells_are_skipped_and_a_long_answer_is_cut():
    nb = json.loads(nbformat.writes(_notebook(STORIES["lisbon"]["prompts"][:1], ["z " * MAX_WRITTEN_CHARS])))
    nb["cells"][:0] = [7, None, {"cell_type": "markdown", "source": 12, "metadata": []},
                       {"cell_type": "markdown", "metadata": {"tags": "written"}, "source": "Your answer: no"}]
    items, problem = written_cells(json.dumps(nb).encode())
    assert problem is None and len(items) == 1
    assert items[0]["answer"].endswith(f"[…cut at {MAX_WRITTEN_CHARS:,} characters]")


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                        st.sampled_from(["cells", "cell_type", "source", "metadata", "tags", "x"]), inner, max_size=4),
                    max_leaves=25))
def test_any_json_gives_items_or_one_sentence_never_an_exception(value):
    items, problem = written_cells(json.dumps(value).encode())
    assert isinstance(items, list) and (problem is None or problem.endswith(("JSON", "cells", "text")))


@given(st.text(max_size=200))
def test_the_answer_is_the_text_after_the_lead_stripped(text):
    assert answer_of(f"{ANSWER_LEAD}\n\n{text}") == ("" if text.strip() == PLACEHOLDER else text.strip())
    assert answer_of(f"{ANSWER_LEAD} {PLACEHOLDER}  ") == ""


def test_html_in_an_answer_is_escaped_on_the_feedback_page_and_formulas_in_the_csv():
    rows = notebook_items("<b>ana</b>", "01_wharf.ipynb", _bytes(_notebook(
        ["**Reflect** (not checked). <i>Who</i> closed it?"], ["<script>alert('W1.S2')</script>\n=HYPERLINK(\"x\")"])))
    page = feedback_page("<b>ana</b>", [], rows, {"claims": 0, "right_first": 0, "accuracy": None, "of": 3,
                                                   "note": NO_SORTER})
    body = page.split("<body>")[1]
    assert "<script>" not in body and "&lt;script&gt;" in body and "<i>Who</i>" not in body
    assert "No sorter answers handed in." in body
    table = list(csv.DictReader(io.StringIO(written_csv(rows))))
    assert list(table[0]) == WRITTEN_COLUMNS and table[0]["student"] == "<b>ana</b>"
    assert table[0]["answer"].startswith("<script>") and table[0]["score"] == table[0]["comment"] == ""
    formula = written_csv([{**rows[0], "answer": "=1+1"}])
    assert "'=1+1" in formula


# ---- the verdict and review questions ----


def test_the_verdict_and_review_questions_are_written_items_with_their_full_answers():
    by_lesson = {5: [{"id": "q5.1", "kind": "choice", "options": SCALE, "prompt": "Verdict on 'The wharf reopened'"},
                     {"id": "q5.2", "kind": "review", "prompt": "Your ClaimReview"},
                     {"id": "q5.3", "kind": "number", "prompt": "Problems?"}],
                 3: [{"id": "q3.1", "kind": "choice", "options": SCALE, "prompt": "Not the capstone"}]}
    questions = written_questions(by_lesson)
    assert sorted(questions) == ["q5.1", "q5.2"]
    review = {"@type": "ClaimReview", "reviewBody": "Only W1.S2 says so <b>", "reviewRating": {"alternateName": "unproven"}}
    rows = [{"notebook": "05_cap.ipynb", "question": q, "answer": a, "result": r, "max_points": 1}
            for q, a, r in [("q5.1", "'unproven'", "correct"), ("q5.2", "{'@type': ...", "not yet right"),
                            ("q5.3", "0", "correct"), ("TOTAL", "", "")]]
    items = question_items("ana", rows, questions, {"05_cap.ipynb": {"q5.1": "unproven", "q5.2": review}})
    assert [(i["item"], i["prompt"]) for i in items] == [("q5.1", "Verdict on 'The wharf reopened'"),
                                                         ("q5.2", "Your ClaimReview")]
    assert items[0]["answer"] == "unproven" and json.loads(items[1]["answer"]) == review
    assert items[0]["score"] == "" and items[0]["max_score"] == 1
    missing = [{**rows[0], "result": "not submitted", "answer": ""}]
    assert question_items("ana", missing, questions, {}) == []


def test_the_generated_capstone_asks_its_reflection_in_a_tagged_written_cell(tmp_path):
    prompt, written = reflection_cells({"explanation": "Only L2.S1 reports the fee."})
    assert prompt[1].startswith("**Reflect**") and "BEGIN SOLUTION" not in prompt[1]
    assert written[1].startswith(ANSWER_LEAD) and "Only L2.S1 reports the fee." in written[1]
    committed = ROOT / "practice" / "kestrel" / "05_capstone_exercise.ipynb"
    items, _ = written_cells(committed.read_bytes())
    assert len(items) == 1 and items[0]["answer"] == "" and items[0]["prompt"].startswith("In three sentences")


# ---- claim-sorter answers ----

KEY = {"W1.C1": "verifiable_fact", "W1.C2": "opinion", "W2.C1": "speculation", "W2.C2": "prediction"}


def _answers(folder: Path, attempts) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "answers.json").write_text(json.dumps({"format": "media-literacy-answers/1", "attempts": attempts}))


def test_sorter_answers_count_the_first_label_per_claim_and_skip_damaged_entries(tmp_path):
    _answers(tmp_path / "tane", [
        {"question": "W1.C1", "case": "harbour", "answer": {"label": "Verifiable fact", "confidence": 5}},
        {"question": "W1.C1", "case": "harbour", "answer": {"label": "opinion"}},  # a second try: not counted
        {"question": "W1.C2", "case": "harbour", "answer": {"label": "speculation", "confidence": 2}},
        {"question": "W2.C1", "case": "transfer", "answer": {"label": "speculation"}},  # another case
        {"question": "W2.C2", "case": "harbour", "answer": "prediction"},  # not a label record
        {"question": "W2.C2", "case": "harbour", "answer": {"label": "a guess"}},  # no such label
        {"question": ["W2.C2"], "case": "harbour", "answer": {"label": "prediction"}},
        {"question": "q1.1", "case": "harbour", "answer": ["A1"], "status": "correct"},  # a question, not a claim
        "garbage", None, 42,
    ])
    s = sorter_answers(tmp_path / "tane", "harbour", KEY)
    assert (s["claims"], s["right_first"], s["accuracy"], s["of"], s["note"]) == (2, 1, 50.0, 4, "")


@pytest.mark.parametrize("content", [None, "{not json", "[" * 50_000, '{"attempts": "many"}', '{"attempts": []}',
                                     json.dumps({"attempts": [{"question": "X9.C9", "case": "harbour",
                                                               "answer": {"label": "opinion"}}]})])
def test_no_or_damaged_answers_file_says_no_sorter_answers_handed_in(tmp_path, content):
    folder = tmp_path / "rui"
    folder.mkdir()
    if content is not None:
        (folder / "answers.json").write_text(content)
    s = sorter_answers(folder, "harbour", KEY)
    assert s["note"] == NO_SORTER and s["claims"] == 0 and s["accuracy"] is None


def test_a_linked_answers_file_is_not_followed_and_trails_still_read(tmp_path):
    folder = tmp_path / "ana"
    folder.mkdir()
    _answers(tmp_path / "elsewhere", [{"question": "W1.C1", "case": "harbour", "answer": {"label": "opinion"}}])
    (folder / "answers.json").symlink_to(tmp_path / "elsewhere" / "answers.json")
    assert submitted_attempts(folder) is None and sorter_answers(folder, "harbour", KEY)["note"] == NO_SORTER
    _answers(folder.parent / "bo", [{"question": "q2.9", "case": "transfer", "answer": ["1.0s | open | P2"]}])
    assert submitted_trails(folder.parent / "bo", "transfer", {"q2.9"}) == {"q2.9": ["1.0s | open | P2"]}


def test_the_seeds_claims_key_gives_the_labels():
    from kit.claims.taxonomy import LABELS

    labels = claim_labels(kit.load_case())
    assert len(labels) > 50 and set(labels.values()) <= set(LABELS)


def _gradebook(student: str) -> list[dict]:
    return [{"student": student, "notebook": "01_a.ipynb", "question": "TOTAL", "answer": "", "result": "",
             "points": 1, "max_points": 2, "status": "ok", "message": ""}]


def test_sorter_answers_join_the_summary_and_the_wide_csv_never_the_total():
    rows = _gradebook("tane") + _gradebook("<rui>")
    sorter = {"tane": {"claims": 2, "right_first": 1, "accuracy": 50.0, "of": 4, "note": ""},
              "<rui>": {"claims": 0, "right_first": 0, "accuracy": None, "of": 4, "note": NO_SORTER}}
    wide = list(csv.DictReader(io.StringIO(wide_csv(rows, sorter))))
    assert [c for c in wide[0] if c.startswith("sorter")] == list(SORTER_COLUMNS)
    assert (wide[0]["sorter_claims"], wide[0]["sorter_accuracy"], wide[0]["total"]) == ("2", "50.0", "1")
    assert wide[1]["sorter_claims"] == "" and "sorter_claims" not in wide_csv(rows)
    page = summary_page(rows, sorter=sorter)
    assert "Claim sorter (not scored)" in page and "2 of 4" in page and NO_SORTER in page and "<rui>" not in page
    assert "Claim sorter" not in summary_page(rows)


# ---- one grading run ----


@pytest.fixture(scope="module")
def graded(tmp_path_factory, grading_lock):
    base = tmp_path_factory.mktemp("written-run")
    subs, out = base / "subs", base / "out"
    nb = nbformat.read(ROOT / "exercises" / "00_start_here_exercise.ipynb", as_version=4)
    written = next(c for c in nb.cells if WRITTEN_TAG in c.metadata.get("tags", []))
    written.source = f"{ANSWER_LEAD}\n\nI would search A4's headline elsewhere <script>alert(1)</script>."
    (subs / "ana").mkdir(parents=True)
    nbformat.write(nb, subs / "ana" / "00_start_here.ipynb")
    labels = claim_labels(kit.load_case())
    claims = sorted(labels)[:3]
    wrong = next(label for label in ("opinion", "prediction") if label != labels[claims[2]])
    _answers(subs / "ana", [{"question": c, "case": "seeds", "answer": {"label": labels[c], "confidence": 3}}
                            for c in claims[:2]] + [{"question": claims[2], "case": "seeds",
                                                     "answer": {"label": wrong, "confidence": 1}}, "damaged"])
    (subs / "bo").mkdir()
    (subs / "bo" / "01_classify_claims.ipynb").write_text("{ not a notebook")
    (subs / "bo" / "answers.json").write_text("[[[ damaged")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        report = grade(subs, out, jobs=2, timeout=120, cell_timeout=60, progress=False, sandbox=False)
    return {"out": out, "report": report}


def test_a_grading_run_writes_written_csv_feedback_summary_and_wide_csv(graded):
    out = graded["out"]
    with open(out / "written.csv", encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    ana = [r for r in table if r["student"] == "ana"]
    assert [(r["notebook"], r["item"]) for r in ana] == [("00_start_here.ipynb", "Reflect")]
    assert ana[0]["answer"] == "I would search A4's headline elsewhere <script>alert(1)</script>."
    assert ana[0]["prompt"].startswith("Four of the five articles") and ana[0]["words"] == "7"
    assert ana[0]["score"] == "" and ana[0]["comment"] == ""
    bo = [r for r in table if r["student"] == "bo"]
    assert [r["item"] for r in bo] == ["unreadable"] and "not valid notebook JSON" in bo[0]["prompt"]
    page = (out / "feedback" / "ana.html").read_text(encoding="utf-8")
    assert "Your written answers" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page and "You sorted 3 of" in page and "2 were right at the first try (66.7%)" in page
    assert "No sorter answers handed in." in (out / "feedback" / "bo.html").read_text(encoding="utf-8")
    wide = {r["student"]: r for r in csv.DictReader(open(out / "grades_wide.csv", encoding="utf-8", newline=""))}
    assert (wide["ana"]["sorter_claims"], wide["ana"]["sorter_right_first"], wide["ana"]["sorter_accuracy"]) == (
        "3", "2", "66.7")
    assert wide["bo"]["sorter_claims"] == ""
    assert "Claim sorter (not scored)" in (out / "summary.html").read_text(encoding="utf-8")
    assert "written.csv" in graded["report"].summary()
