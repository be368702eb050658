"""The student release: what a class gets, with no solution, no instructor key and no readable answer.

``python -m kit release OUT`` (or ``make release``) writes, from the course
repository:

* ``lessons/``, ``exercises/``, the student copies of the tests
  (``assessments/*.ipynb``) and the practice on other cases
  (``practice/<case>/*.ipynb``), with every link to a solution or an answered
  test removed and the navigation line rebuilt without them;
* the cases (``seeds/`` and ``cases/*``), each with its questions key
  *sealed* (:mod:`kit.sealed`: ``keys/questions.sealed.json``) and without
  ``keys/rejected/``; the other keys stay, because the lessons and widgets
  show them;
* the kit (``kit/``, ``pyproject.toml``, ``LICENSE``), the JupyterLab settings
  (``labsettings/``), the Binder configuration (``binder/``), a student
  README (with the course's rights paragraph) and ``COURSE.md``.

It never copies ``solutions/``, ``assessments/key/``, ``practice/*/solutions/``,
the tests, the teacher's guide or the deployment notes. After writing, it
searches the release for every explanation and defensible message, every
text answer, any ``questions.csv`` and any link to a solution
(:func:`leaks`), and fails if it finds one.

>>> remove_solution_links("See [the answers](../solutions/01_claims.ipynb).")
'See the answers.'
>>> {"solutions", "assessments/key"} <= NEVER
True
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .authoring import NAV_TAG, lessons, nav_text
from .core.case import load_case
from .core.errors import KitError
from .course_index import write_course_index
from .exam import is_worked_example
from .sealed import SEALED_FILE, VISIBLE, seal_key
from .trust.bank import trust_items
from .trust.files import SEALED_BANK
from .trust.sealing import seal_bank

MARKER = ".kit-release"
"""A file at the top of every release; ``--force`` only replaces a folder that has it."""
COPIED = ("kit", "labsettings", "binder", "pyproject.toml", "LICENSE")
"""Copied as they are (without caches)."""
NEVER = frozenset({"solutions", "assessments/key", "tests", "docs", "TEACHERS.md", "benchmarks", ".ci"})
"""Never part of a release."""
_SOLUTION_LINK = re.compile(r"\[([^\]]*)\]\((?:\.\./)*(?:solutions|assessments/key|practice/[^/)]+/solutions)/[^)]*\)")
_MENTION = re.compile(r"\bsolutions/|assessments/key")
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "rejected")


@dataclass
class Release:
    """What :func:`release` wrote: the folder, its notebooks, and the questions sealed per case."""

    folder: Path
    notebooks: list[str] = field(default_factory=list)
    sealed: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        cases = ", ".join(f"{name} ({n} questions sealed)" for name, n in self.sealed.items())
        return (f"Release written to {self.folder}: {len(self.notebooks)} notebooks; cases {cases}. "
                "No solution, no instructor key, no readable answer (checked).")


def remove_solution_links(markdown: str) -> str:
    """Turn every link to a solution or an answered test into its plain text.

    >>> remove_solution_links("Compare with [the solution](../solutions/00_x.ipynb) later.")
    'Compare with the solution later.'
    """
    return _SOLUTION_LINK.sub(lambda m: m.group(1), markdown)


def _student_notebook(source: Path, target: Path, nav: str | None) -> None:
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if nav is not None and NAV_TAG in cell.get("metadata", {}).get("tags", []):
            text = nav
        cell["source"] = remove_solution_links(text)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _case_folders(root: Path) -> list[Path]:
    return [root / "seeds"] + sorted(p for p in (root / "cases").glob("*") if (p / "metadata.csv").is_file())


def _copy_case(folder: Path, target: Path, salt: str) -> int:
    """Copy a case with its questions key sealed; return how many questions were sealed."""
    shutil.copytree(folder, target, ignore=_IGNORED)
    plain = target / "keys" / "questions.csv"
    if not plain.exists():
        return 0
    case = load_case(folder, cached=False)
    table = case.keys.get("questions")
    plain.unlink()
    if table is None:
        return 0
    sealed = seal_key(table, case, salt)
    (target / "keys" / SEALED_FILE).write_text(json.dumps(sealed, indent=0) + "\n", encoding="utf-8")
    return len(sealed["questions"])


def _readme(root: Path) -> str:
    text = (root / "README.md").read_text(encoding="utf-8")
    rights = re.search(r"^## Rights\n(.*?)(?=^## )", text, re.S | re.M)
    return "\n".join([
        "# Check the news like a fact-checker (student copy)", "",
        "A Jupyter course in media literacy. Open `COURSE.md` for the lessons in order, or start with",
        "`lessons/00_start_here.ipynb`. Your answers are kept in `~/media-literacy/answers.json` (your home",
        "folder); hand it in with your notebooks from `exercises/` and `assessments/` when your teacher asks.", "",
        "## Install and open (any computer with Python 3.11 or newer)", "",
        "```console",
        "python -m venv .venv",
        ".venv/bin/pip install .              # Windows: .venv\\Scripts\\pip install .",
        ".venv/bin/python labsettings/install.py",
        ".venv/bin/jupyter lab",
        "```", "",
        "Checks give feedback as you practise; after three wrong tries a check shows the key's explanation.",
        "The pre- and post-test only record your answers: your teacher releases their feedback.", "",
        "## Rights", "",
        (rights.group(1).strip() if rights else "See LICENSE."), "",
    ])


def _notebooks(root: Path, out: Path) -> list[str]:
    written = []
    all_lessons = lessons(root)
    by_file = {lesson.file: lesson for lesson in all_lessons}
    for folder in ("lessons", "exercises"):
        for path in sorted((root / folder).glob("*.ipynb")):
            _student_notebook(path, out / folder / path.name, None)
            written.append(f"{folder}/{path.name}")
    for rel in list(written):  # the navigation links only to what the release holds
        folder, name = rel.split("/")
        if name in by_file:
            _student_notebook(out / rel, out / rel, nav_text(folder, by_file[name], all_lessons, out))
    for path in sorted((root / "assessments").glob("*.ipynb")) + sorted((root / "practice").glob("*/*.ipynb")):
        rel = path.relative_to(root)
        _student_notebook(path, out / rel, None)
        written.append(rel.as_posix())
    return written


def _prepare(out: Path, force: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not (force and (out / MARKER).is_file()):
            raise KitError(f"{out} is not empty; choose a new folder for the release"
                           + (", or give --force to replace an earlier release there." if (out / MARKER).is_file() else "."))
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def _seal_trust_bank(root: Path, out: Path, salt: str) -> None:
    """Replace the released kit's trust bank (``kit/trust/items.csv``) by its sealed form."""
    plain = out / "kit" / "trust" / "items.csv"
    if plain.is_file():
        plain.unlink()
        sealed = seal_bank(trust_items(path=root / "kit" / "trust" / "items.csv"), salt)
        (plain.parent / SEALED_BANK).write_text(json.dumps(sealed, indent=0) + "\n", encoding="utf-8")


def release(root: str | Path, out: str | Path, *, force: bool = False, salt: str | None = None) -> Release:
    """Write the student release of the course at ``root`` into ``out`` and check that nothing leaks.

    Args:
        root: the course repository (with ``lessons/``, ``exercises/``, ``seeds/``, ...).
        out: an empty (or missing) folder; with ``force``, an earlier release there is replaced.
        salt: the sealed keys' salt (random when ``None``; tests fix it).

    Raises:
        KitError: ``out`` is not empty, or the release would show an answer (the sentence says which file).
    """
    root, out = Path(root).resolve(), Path(out).resolve()
    inside = out.relative_to(root).parts[0] if root in out.parents else ""
    if out == root or out in root.parents or inside in {*COPIED, *NEVER, "lessons", "exercises", "seeds", "cases",
                                                          "assessments", "practice"}:
        raise KitError(f"{out} is part of the course itself; choose a folder such as release/ or one outside it.")
    _prepare(out, force)
    (out / MARKER).write_text("A student release written by `python -m kit release`.\n", encoding="utf-8")
    salt = salt or secrets.token_hex(16)
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=_IGNORED)
        elif source.is_file():
            shutil.copy2(source, out / name)
    _seal_trust_bank(root, out, salt)
    report = Release(out)
    for folder in _case_folders(root):
        target = out / folder.relative_to(root)
        report.sealed[folder.name] = _copy_case(folder, target, salt)
    report.notebooks = _notebooks(root, out)
    (out / "README.md").write_text(_readme(root), encoding="utf-8")
    write_course_index(out)
    problems = leaks(out, root)
    if problems:
        raise KitError(f"The release in {out} would show an answer: {problems[0]} ({len(problems)} in all).")
    return report


def _texts(out: Path):
    """Yield ``(relative path, searchable text)`` of every text file of a release (notebooks decoded)."""
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if path.suffix == ".ipynb":
            nb = json.loads(text)
            parts = []
            for cell in nb.get("cells", []):
                parts.append("".join(cell.get("source", "")))
                for output in cell.get("outputs", []):
                    parts.append("".join(output.get("text", "")))
                    parts.extend("".join(v) if isinstance(v, list) else str(v) for v in output.get("data", {}).values())
            text = "\n".join(parts)
        yield rel, text


def _secrets(root: Path) -> tuple[list[tuple[str, str]], dict[str, dict[str, list[str]]]]:
    """What a release must not show: every explanation and defensible message (``(what, text)``), and the
    answer items of every question by case and id (for the sealed keys and the student notebooks)."""
    from .answer_match import parse_defensible, split_items

    prose, answers = [], {}
    for folder in _case_folders(root):
        table = load_case(folder, cached=False).keys.get("questions")
        answers[folder.name] = {}
        for row in ([] if table is None else table.to_dict("records")):
            if is_worked_example(str(row["id"])):
                continue  # a worked example: the lesson shows its answer
            if row["kind"] != "review":  # a ClaimReview's answer is its rubric, which students may read
                answers[folder.name][row["id"]] = split_items(row["answer"])
            prose.append((f"the explanation of {folder.name} {row['id']}", str(row["explanation"])))
            prose += [(f"a defensible message of {folder.name} {row['id']}", message)
                      for _, message in parse_defensible(row.get("defensible") or "") if message.strip()]
    bank = root / "kit" / "trust" / "items.csv"
    if bank.is_file():
        prose += [(f"the explanation of trust item {row['id']}", row["explanation"])
                  for row in trust_items(path=bank).to_dict("records")]
    return prose, answers


def _sealed_problems(out: Path, answers: dict[str, dict[str, list[str]]]) -> list[str]:
    """A sealed record may hold only what a student sees (prompt, options, hint) in plain text."""
    problems = []
    for path in sorted(out.rglob(SEALED_FILE)):
        case = path.parent.parent.name
        for record in json.loads(path.read_text(encoding="utf-8"))["questions"]:
            hidden = json.dumps({k: v for k, v in record.items() if k not in VISIBLE}).casefold()
            for item in answers.get(case, {}).get(record["id"], []):
                if "plain" in record or (len(item) > 3 and item.casefold() in hidden):
                    problems.append(f"{path.relative_to(out)} shows the answer of {case} {record['id']}")
                    break
    return problems


_ASSIGNED = re.compile(r"^\s*answer_q\d+_\d+\s*=\s*[-'\"\[({\d].*$", re.M)
"""A student notebook line that assigns a literal answer (a computed one, such as a widget's, is the student's)."""


def leaks(out: str | Path, root: str | Path) -> list[str]:
    """Search a release for anything that shows an answer; one sentence per finding (empty: nothing leaks).

    Looks for: a folder that is never released (solutions, answered tests, tests, the teacher's guide), a
    plain ``questions.csv``, a link to a solution in a notebook or Markdown file, the text of every
    explanation and defensible message of the cases in ``root`` in any file, a sealed question that keeps
    an answer in plain text, and a student notebook that assigns an answer (``answer_q1_2 = 'A3'``) instead
    of ``...`` or a value the student computes. A text answer that quotes the case, or that a lesson's worked example computes, is not a
    leak: the student is meant to find it there.
    """
    out, root = Path(out), Path(root)
    problems = [f"{name} is in the release" for name in sorted(NEVER) if (out / name).exists()]
    problems += [f"{p.relative_to(out)} is a plain questions key" for p in out.rglob("questions.csv")]
    problems += [f"{p.relative_to(out)} is the plain trust bank" for p in out.glob("kit/trust/items.csv")]
    problems += [f"{p.relative_to(out)} holds a solution" for p in out.glob("practice/*/solutions")]
    prose, answers = _secrets(root)
    problems += _sealed_problems(out, answers)
    for rel, text in _texts(out):
        if rel.endswith((".ipynb", ".md")) and _SOLUTION_LINK.search(text):
            problems.append(f"{rel} links to a solution")
        elif (rel.endswith(".ipynb") or rel in ("README.md", "COURSE.md")) and _MENTION.search(text):
            problems.append(f"{rel} sends students to {_MENTION.search(text).group(0)}, which is not in the release")
        if rel.endswith(".ipynb") and not rel.startswith("lessons/") and _ASSIGNED.search(text):
            problems.append(f"{rel} assigns an answer: {_ASSIGNED.search(text).group(0).strip()}")
        folded = " ".join(text.split()).casefold()
        problems += [f"{rel} shows {what}" for what, secret in prose if " ".join(secret.split()).casefold() in folded]
    return problems
