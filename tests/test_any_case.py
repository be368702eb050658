"""Every lesson and solution runs on another case (cases/kestrel) without a cell error.

The notebooks tell the built-in case's story, but an instructor can point the
course at any case (``KIT_CASE``). Their cells pick examples from the data or
show a one-line note where an example belongs to the built-in case; no cell may
fail, and none may look up an id the case does not have (a friendly
``NotInCaseError``). A worked example's evidence refused with a one-sentence
``VerdictError`` (lesson 05) is the intended answer on another story.

The notebooks run on copies in ``tmp_path``, two at a time, each kernel with
its own answers file.
"""

from __future__ import annotations

import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import ROOT
from kit.core.case import validate_case

CASE = ROOT / "cases" / "kestrel"
NOTEBOOKS = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
ALLOWED = {"VerdictError"}  # a built-in worked example's evidence, refused on another story in one sentence
FRIENDLY = re.compile(r"^(\w+(?:Error|Exception)): ", re.M)


def _run(path: Path, folder: Path) -> nbformat.NotebookNode:
    """Execute a copy of ``path`` in ``folder`` on the test case; return the executed notebook."""
    folder.mkdir(parents=True)
    copy = folder / path.name
    shutil.copy(path, copy)
    nb = nbformat.read(copy, as_version=4)
    env = dict(os.environ, KIT_CASE=str(CASE), KIT_ANSWERS=str(folder / "answers.json"), KIT_STUDENT="test-student")
    client = NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    client.execute(env=env)
    return nb


def _problems(nb: nbformat.NotebookNode) -> list[str]:
    """Each failing cell, and each friendly error a cell printed that is not in :data:`ALLOWED`."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        where = f"cell {index} ({cell.source.splitlines()[0][:60] if cell.source else ''!r})"
        for out in cell.outputs:
            if out.output_type == "error":
                found.append(f"{where}: {out.ename}: {out.evalue[:200]}")
            elif out.output_type == "stream":
                for name in FRIENDLY.findall(out.text):
                    if name not in ALLOWED:
                        found.append(f"{where}: printed {out.text.strip()[:200]}")
    return found


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """``{notebook: executed copy}`` for every lesson and solution, run two at a time on cases/kestrel."""
    problems = validate_case(CASE)
    if problems:
        pytest.fail(f"cases/kestrel is not a valid case, so the notebooks cannot be tested on it: {problems[0]}")
    root = tmp_path_factory.mktemp("any-case")
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = {p: pool.submit(_run, p, root / p.parent.name / p.stem) for p in NOTEBOOKS}
        return {p: run.result() for p, run in runs.items()}


def test_the_notebooks_are_found():
    assert {p.parent.name for p in NOTEBOOKS} == {"lessons", "solutions"} and len(NOTEBOOKS) >= 12


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_runs_on_another_case(path, executed):
    problems = _problems(executed[path])
    assert not problems, f"{path.relative_to(ROOT)} on cases/kestrel:\n" + "\n".join(problems)


def test_the_problem_finder_on_invented_outputs():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("case.sentence('A0.S1')"),
                nbformat.v4.new_code_cell("claim_review(...)")]
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="The port reopened. Error rates fell.\n")]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stderr",
                                                  text="NotInCaseError: 'A0.S1' is not a sentence id of case 'port'.\n")]
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stderr", text="VerdictError: Evidence item 1: ...\n"),
                           nbformat.v4.new_output("error", ename="KeyError", evalue="'A0.Q3'", traceback=[])]
    found = _problems(nb)
    assert len(found) == 2 and "NotInCaseError" in found[0] and "KeyError: 'A0.Q3'" in found[1]
