"""The student release: sealed keys give the same feedback as the teacher's key, and nothing shows an answer.

The last test installs a release into a fresh virtual environment with pip alone (the course's own
dependencies are lent to it through a ``.pth`` file, so nothing is downloaded) and runs its notebooks
under strict nbval, from a folder that is not the release.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit.answer_match import split_items, text_matches
from kit.core.case import load_case
from kit.core.errors import KitError
from kit.core.paths import RELEASE_ENV
from kit.release import NEVER, leaks, release, remove_solution_links
from kit.sealed import ATTEMPTS_BEFORE_EXPLANATION, SEALED_FILE, seal_key, seal_question, sealed_grade

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "class"
    return release(ROOT, out, salt="test-salt"), out


def _sealed_copy(folder: Path, target: Path) -> Path:
    shutil.copytree(folder, target)
    case = load_case(folder, cached=False)
    (target / "keys" / SEALED_FILE).write_text(json.dumps(seal_key(case.keys["questions"], case, "s")))
    (target / "keys" / "questions.csv").unlink()
    return target


@pytest.fixture(scope="module", params=["seeds", "cases/kestrel"])
def pair(request, tmp_path_factory):
    """A case with its plain key and a copy of it with the key sealed."""
    folder = ROOT / request.param
    sealed = _sealed_copy(folder, tmp_path_factory.mktemp("sealed") / folder.name)
    return load_case(folder, cached=False), load_case(sealed, cached=False)


def _right_answer(row: dict) -> object:
    kind, answer = row["kind"], row["answer"]
    if kind in ("articles", "sentences"):
        return split_items(answer)
    if kind == "number":
        return float(answer)
    return split_items(answer)[0] if kind in ("choice", "text", "article", "sentence") else answer


def _tries(row: dict) -> list[object]:
    """The key's answer, and wrong or partial answers of the same kind."""
    right = _right_answer(row)
    kind = row["kind"]
    if kind in ("articles", "sentences"):
        return [right, right[:-1], right + (["A0"] if kind == "articles" else ["A0.S1"]), []]
    if kind == "number":
        return [right, right + 1, right + float(row.get("tolerance") or 0) / 2]
    if kind == "choice":
        return [right] + split_items(row["options"])
    if kind == "text":
        return [right, f"clearly {right}", f"not {right}", "something else entirely"]
    if kind == "date":
        return [right, "2001-01-01"]
    return [right]


def test_a_sealed_key_gives_the_same_feedback_as_the_plain_key(pair, monkeypatch):
    monkeypatch.setenv(RELEASE_ENV, "all")
    plain, sealed = pair
    compared = 0
    for row in plain.keys["questions"].to_dict("records"):
        if row["kind"] in ("trail", "review"):
            continue  # their own tests below
        for answer in _tries(row):
            a = kit.check(row["id"], answer, case=plain, save=False)
            b = kit.check(row["id"], answer, case=sealed, save=False)
            if str(row["id"]).startswith("q9"):  # an exam: the release has nothing to judge it with
                assert b.status == "recorded", (row["id"], answer)
                continue
            same_remark = row["kind"] not in ("number", "date") or a.status == "correct"
            assert a.status == b.status, (row["id"], answer, a, b)
            assert a.message == b.message or not same_remark, (row["id"], answer, a, b)
            compared += 1
    assert compared > 40


def test_the_sealed_key_holds_no_answer_and_no_explanation(pair):
    plain, sealed = pair
    text = (sealed.path / "keys" / SEALED_FILE).read_text().casefold()
    for row in plain.keys["questions"].to_dict("records"):
        if str(row["id"]).startswith("w"):
            continue
        assert str(row["explanation"]).casefold() not in text
        record = json.loads((sealed.path / "keys" / SEALED_FILE).read_text())
        hidden = [r for r in record["questions"] if r["id"] == row["id"]][0]
        assert "answer" not in hidden and "plain" not in hidden


@settings(max_examples=60, deadline=None)
@given(before=st.lists(st.sampled_from(["clearly", "not", "never", "the", "reported", "so"]), max_size=3),
       after=st.lists(st.sampled_from(["indeed", "no", "today", "it", "."]), max_size=2),
       key=st.sampled_from(["pure fiction", "refuted", "Pacific Wire", "debunked", "2024-11-08 00:00"]))
def test_a_sealed_text_answer_follows_the_plain_rule(before, after, key):
    """Hashing word stems accepts exactly what the plain rule accepts: extra words, no negation, same stems."""
    case = load_case()
    question = {"id": "q9.9", "kind": "text", "prompt": "", "answer": key, "options": "", "match": "",
                "explanation": "A0.S1.", "hint": "", "defensible": ""}
    record = seal_question(question, case, "salt")
    given_text = " ".join(before + [key.upper() if len(before) % 2 else key] + after)
    folded = " ".join(given_text.split()).casefold()
    assert sealed_grade(record, folded, "salt")[0] == text_matches(folded, key)


def test_the_explanation_opens_after_three_wrong_tries(tmp_path, monkeypatch, pair):
    monkeypatch.setenv("KIT_ANSWERS", str(tmp_path / "answers.json"))
    plain, sealed = pair
    row = next(r for r in plain.keys["questions"].to_dict("records")
               if r["kind"] == "choice" and str(r["id"])[1] in "12345" and len(split_items(r["options"])) > 1)
    wrong = next(o for o in split_items(row["options"]) if o.casefold() not in row["answer"].casefold())
    shown = [kit.check(row["id"], wrong, case=sealed).message for _ in range(ATTEMPTS_BEFORE_EXPLANATION)]
    assert all(row["explanation"] not in m for m in shown[:-1])
    assert row["explanation"] in shown[-1] and "Hint:" in shown[-1]


def test_a_claimreview_is_judged_by_its_rubric_in_a_release(tmp_path):
    """Every rating of the scale, judged by the rubric with the plain key and with the sealed one: the same."""
    plain = load_case()
    sealed = load_case(_sealed_copy(ROOT / "seeds", tmp_path / "seeds"), cached=False)
    rubric = next(r for r in plain.keys["questions"].to_dict("records") if r["kind"] == "review")
    evidence = [{"sentence_id": s, "shows": "what it says", "could_know": "whether it could know"}
                for s in ("A1.S1", "A2.S13", "A3.S6")]
    outcomes = set()
    for rating in kit.VERDICTS:
        doc = kit.claim_review("Did the two leaders speak by phone?", rating, evidence, author="Ada",
                               date_published="2024-11-20", case=plain,
                               review_body="A2.S13 cites unnamed sources; A1.S1 is a denial; A3.S6 is a no-comment.")
        a = kit.check(rubric["id"], doc, case=plain, save=False)
        b = kit.check(rubric["id"], doc, case=sealed, save=False)
        assert (a.status, a.message) == (b.status, b.message), rating
        outcomes.add(a.status)
    assert outcomes == {"correct", "incorrect"}


def test_the_release_has_no_solution_key_or_readable_answer(built):
    report, out = built
    assert leaks(out, ROOT) == []
    assert not any((out / name).exists() for name in NEVER)
    assert not list(out.rglob("questions.csv")) and len(list(out.rglob(SEALED_FILE))) == 2
    assert report.sealed["seeds"] > 50 and report.sealed["kestrel"] > 20
    assert {"lessons/00_start_here.ipynb", "exercises/05_capstone_exercise.ipynb", "assessments/90_pre_test.ipynb",
            "practice/kestrel/05_capstone_exercise.ipynb"} <= set(report.notebooks)
    nav = json.loads((out / "lessons/00_start_here.ipynb").read_text())["cells"][0]["source"]
    assert "solution" not in nav and "exercise" in nav
    readme = (out / "README.md").read_text()
    assert "## Rights" in readme and "CC BY 4.0" in readme


def test_the_leak_search_finds_what_was_planted(built, tmp_path):
    _, out = built
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    explanation = load_case().keys["questions"].set_index("id").loc["q1.1", "explanation"]
    (copy / "notes.txt").write_text(f"Psst: {explanation}")
    exercise = copy / "exercises/01_classify_claims_exercise.ipynb"
    nb = json.loads(exercise.read_text())
    nb["cells"].append({"cell_type": "code", "metadata": {}, "source": "answer_q1_1 = 'A2.S3'", "outputs": [],
                        "execution_count": None, "id": "planted"})
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "See [it](../solutions/01_x.ipynb)",
                        "id": "planted2"})
    exercise.write_text(json.dumps(nb))
    shutil.copy(ROOT / "seeds/keys/questions.csv", copy / "seeds/keys/questions.csv")
    found = " | ".join(leaks(copy, ROOT))
    for expected in ("notes.txt shows the explanation of seeds q1.1", "assigns an answer: answer_q1_1 = 'A2.S3'",
                     "exercises/01_classify_claims_exercise.ipynb links to a solution", "seeds/keys/questions.csv is a plain"):
        assert expected in found


def test_release_refuses_a_folder_it_would_damage(tmp_path):
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "a.txt").write_text("mine")
    with pytest.raises(KitError, match="not empty; choose a new folder"):
        release(ROOT, mine)
    with pytest.raises(KitError, match="part of the course itself"):
        release(ROOT, ROOT / "lessons")
    assert (mine / "a.txt").read_text() == "mine"


def test_remove_solution_links_keeps_other_links():
    text = "[lesson](../lessons/a.ipynb) and [key](../assessments/key/90.ipynb) and [s](solutions/b.ipynb)"
    assert remove_solution_links(text) == "[lesson](../lessons/a.ipynb) and key and s"


def test_the_command_line_writes_a_release_and_says_so(tmp_path):
    run = subprocess.run([sys.executable, "-m", "kit", "release", str(tmp_path / "r")], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "No solution, no instructor key, no readable answer (checked)." in run.stdout
    again = subprocess.run([sys.executable, "-m", "kit", "release", str(tmp_path / "r")], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 1 and again.stderr.count("\n") == 1 and "--force" in again.stderr


def test_the_release_installs_with_pip_alone_and_its_notebooks_pass_nbval(built, tmp_path):
    """A fresh venv, ``pip install RELEASE`` (non-editable), then strict nbval on every notebook of the release."""
    _, out = built
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "course-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")  # lent, not downloaded
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                              "--no-build-isolation", str(out)],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr[-2000:]
    where = subprocess.run([str(python), "-c", "import kit, kit.core.paths as p; print(kit.__file__); "
                            "print(p.seeds_dir()); print(p.cases_dir())"],
                           capture_output=True, text=True, cwd=tmp_path, check=True).stdout.split()
    assert all(str(site) in line for line in where), where  # the installed copy, with its sealed cases
    assert (Path(where[1]) / "keys" / SEALED_FILE).is_file() and not (Path(where[1]) / "keys/questions.csv").exists()
    env = {**os.environ, "HOME": str(tmp_path / "home"), "KIT_STUDENT": "test-student",
           "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    env.pop(RELEASE_ENV, None)
    env.pop("KIT_ANSWERS", None)
    binder = subprocess.run(["bash", "binder/postBuild"], cwd=out, env=env, capture_output=True, text=True, timeout=300)
    assert binder.returncode == 0, binder.stderr[-2000:]  # Binder's build step works on the release too
    run = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
                          "--nbval-sanitize-with", str(ROOT / "tests/nbval-sanitize.cfg"), "--rootdir", str(out),
                          "lessons", "exercises", "assessments", "practice"],
                         cwd=out, env=env, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stdout[-4000:]
    assert " passed" in run.stdout.splitlines()[-1]
