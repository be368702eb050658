"""Generated practice for any case: the capstone template, and grading the generated notebooks of cases/kestrel.

The grading run is real: sandboxed kernels run the committed practice notebooks of the
second built-in case (``KIT_CASE=cases/kestrel``, no ``--case``), and the gradebook is
read back. A ClaimReview answer is computed from the student's own document, so a
student who writes no ClaimReview cannot get it right.
"""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

import nbformat
import pytest

from kit.authoring import make_exercise
from kit.course_index import exercise_name
from kit.capstone import capstone_cells, claim_of, evidence_items, role_of, roles
from kit.core.case import load_case
from kit.grading import main
from kit.practice import question_cells, solution_notebook

ROOT = Path(__file__).resolve().parent.parent
KESTREL = ROOT / "cases" / "kestrel"
PRACTICE = ROOT / "practice" / "kestrel"
SCALE = "confirmed;likely;unproven;unlikely;false"


def _tiny_case(root: Path, name: str, sentences: list[str], outlet: str) -> Path:
    folder = root / name
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "a.txt").write_text(sentences[0] + "\n\n" + " ".join(sentences[1:]) + "\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\n"
                                         f"a.txt,{outlet},,news,2031-05-02,{sentences[0]},,\n", encoding="utf-8")
    return folder


CAPSTONES = [  # two invented stories: a ferry strike in Wellington, a football transfer in Lisbon
    ("ferry", ["Ferries stop in Wellington", "The union says every crossing is cancelled.", "Ferries ran on Tuesday."],
     "Harbour Post", "Every crossing is cancelled"),
    ("transfer", ["Striker joins Lisbon club", "The club says the fee was a record.", "No fee was disclosed."],
     "Bola Diária", "The fee was a record"),
]


def _capstone_questions(claim: str) -> list[dict[str, str]]:
    return [
        {"id": "q5.1", "kind": "choice", "prompt": f"Verdict on '{claim}' (A1.S2)", "answer": "unproven",
         "options": SCALE, "explanation": "Only A1.S2 says so.", "facet": ""},
        {"id": "q5.2", "kind": "sentences", "prompt": "Evidence?", "answer": "A1.S2;A1.S3", "options": "",
         "explanation": "A1.S2 and A1.S3.", "facet": "evidence:what-the-texts-say"},
        {"id": "q5.3", "kind": "number", "prompt": "Problems in your ClaimReview?", "answer": "0", "options": "",
         "explanation": "None (A1.S2).", "facet": "claimreview"},
    ]


@pytest.mark.parametrize("name, sentences, outlet, claim", CAPSTONES)
def test_the_capstone_template_reads_roles_not_words(tmp_path, name, sentences, outlet, claim):
    case = load_case(_tiny_case(tmp_path, name, sentences, outlet), cached=False)
    questions = _capstone_questions(claim)
    assert roles(questions) == {"verdict": ["q5.1"], "evidence": ["q5.2"], "other": [], "claimreview": ["q5.3"]}
    assert claim_of(questions[0]["prompt"]) == claim
    items = evidence_items(case, [questions[1]])
    assert [i["sentence_id"] for i in items] == ["A1.S2", "A1.S3"]
    assert {i["shows"] for i in items} == {"what the texts say"}
    assert all(outlet in i["could_know"] for i in items)  # no claims key: the outlet, and that it names no source
    nb = solution_notebook(case, 5, questions)
    sources = [c.source for c in nb.cells]
    assert any("kit.claim_review(" in s and f"{claim!r}, answer_q5_1, my_evidence" in s for s in sources)
    assert "answer_q5_3 = ... if review is ... else len(kit.validate_claim_review(review))\nanswer_q5_3" in sources
    student = "\n".join(c.source for c in make_exercise(nb).cells)
    assert "answer_q5_1 = ..." in student and "my_evidence = ..." in student and "answer_q5_1 = 'unproven'" not in student
    assert "answer_q5_3 = ... if review is ... else len(kit.validate_claim_review(review))" in student  # computed
    assert "Only A1.S2 says so." not in student  # the model answer stays in the solution


def test_a_case_without_a_verdict_question_gets_its_questions_in_order():
    questions = [{"id": "q5.1", "kind": "text", "prompt": "Who?", "answer": "x"},
                 {"id": "q5.2", "kind": "number", "prompt": "How many?", "answer": "2"}]
    cells = capstone_cells(None, questions, question_cells)
    prompts = [s for kind, s in cells if kind == "markdown"]
    assert [p.split("\n")[0] for p in prompts] == ["**q5.1** Who?", "**q5.2** How many?"]
    assert "*Answer with* a number" in prompts[1]  # every generated question says what its answer looks like
    assert role_of({"kind": "choice", "options": "yes;no"}) == "other"


def test_kestrel_has_a_generated_capstone_with_every_role():
    case = load_case(KESTREL, cached=False)
    rows = case.keys["questions"].fillna("").astype(str).to_dict("records")
    capstone = [r for r in rows if r["id"].startswith("q5.")]
    found = roles(capstone)
    assert found["verdict"] and found["evidence"] and found["claimreview"], found
    committed = nbformat.read(PRACTICE / "solutions" / "05_capstone.ipynb", as_version=4)
    assert "kit.claim_review(" in "\n".join(c.source for c in committed.cells)


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _set_cell(nb, starts: str, source: str) -> None:
    [cell] = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith(starts)]
    cell.source = source


@pytest.mark.usefixtures("grading_lock")
def test_generated_practice_of_another_case_is_graded_with_its_key(tmp_path, monkeypatch):
    subs, out = tmp_path / "subs", tmp_path / "out"
    names = ["01_classify_claims.ipynb", "05_capstone.ipynb"]
    for student in ("honest", "blank", "no_review", "wrong"):
        (subs / student).mkdir(parents=True)
    for name in names:
        solution = nbformat.read(PRACTICE / "solutions" / name, as_version=4)
        nbformat.write(solution, subs / "honest" / name)
        nbformat.write(nbformat.read(PRACTICE / exercise_name(name), as_version=4), subs / "blank" / name)
    no_review = nbformat.read(PRACTICE / "solutions" / "05_capstone.ipynb", as_version=4)
    _set_cell(no_review, "my_evidence", "my_evidence = ...")  # answers typed, no ClaimReview written
    nbformat.write(no_review, subs / "no_review" / "05_capstone.ipynb")
    wrong = nbformat.read(PRACTICE / "solutions" / "05_capstone.ipynb", as_version=4)
    _set_cell(wrong, "answer_q5_1 =", 'answer_q5_1 = "false"')
    nbformat.write(wrong, subs / "wrong" / "05_capstone.ipynb")

    monkeypatch.setenv("KIT_CASE", str(KESTREL))  # the instructor's one setting: the course runs on kestrel
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main([str(subs), "--out", str(out), "--jobs", "2", "--timeout", "120"])
    assert code == 0
    rows = [r for r in _read(out / "gradebook.csv") if r["question"] != "TOTAL"]
    points = {(r["student"], r["question"]): int(r["points"]) for r in rows}
    case = load_case(KESTREL, cached=False)
    asked = [q for q in case.keys["questions"]["id"] if q.startswith(("q1.", "q5."))]
    assert all(points[("honest", q)] == 1 for q in asked), [(q, points.get(("honest", q))) for q in asked]
    assert not any(points[("blank", q)] for q in asked)
    assert points[("no_review", "q5.1")] == 1 and points[("no_review", "q5.5")] == 0
    assert points[("wrong", "q5.1")] == 0 and points[("wrong", "q5.5")] == 1


def test_in_the_graders_sandbox_the_grader_chooses_the_case(monkeypatch, tmp_path):
    import kit

    folder = _tiny_case(tmp_path, "ferry", CAPSTONES[0][1], "Harbour Post")
    monkeypatch.setenv("KIT_GRADING", "1")
    monkeypatch.setenv("KIT_CASE", str(folder))
    assert kit.use_case("kestrel").path == folder  # the notebook's own choice is not followed
    assert kit.use_case("/etc").path == folder
    monkeypatch.delenv("KIT_GRADING")
    assert kit.use_case("kestrel").path == KESTREL.resolve()


def test_the_generated_claims_practice_has_the_sorter_on_the_cases_claims():
    solution = nbformat.read(PRACTICE / "solutions" / "01_classify_claims.ipynb", as_version=4)
    student = nbformat.read(PRACTICE / "01_classify_claims_exercise.ipynb", as_version=4)
    for nb in (solution, student):
        assert any(c.source == "kit.claim_sorter(case)" for c in nb.cells)  # the case's own claims key, not the seeds'
