"""The teacher's guide (``TEACHERS.md``), generated from the course's own notebooks, keys and data files.

Everything that can be read is read: each lesson's title and objectives (its
**Objectives** list), its checked questions (the ``kit.check("q1.2", ...)`` calls
of its exercise, with their prompts from the case's ``keys/questions.csv``; never
their answers or explanations), its discussion prompts (the exercise's
``**Reflect**`` cells, verbatim), the articles it cites (``A2``, ``A2.S3``), the
widgets its executed cells show, and how each question is answered (from the
solution's markers: a typed value, code, or a cell that already computes it).

The timing of a lesson follows a stated rule with the constants below; the
rubrics are data (``kit/guide/*.csv``) and the glossary is the course's one
(``kit/core/glossary.csv``), both read by :mod:`kit.guide_data`; the claim labels and the verdict scale come from the kit itself.
The prose lives in the template ``kit/guide/teacher_guide.md.j2``.

>>> WORDS_PER_MINUTE, MINUTES_PER_QUESTION, MINUTES_PER_REFLECT
(150, 3, 8)
"""

from __future__ import annotations

import ast
import csv
import json
import math
import re
from pathlib import Path

from .authoring import NAV_TAG, blank_code, blank_markdown
from .claims.taxonomy import DEFINITIONS, LABELS
from .core.paths import RELEASE_ENV
from .course_index import LESSON_NAME, exercise_name, notebook_title
from .exam import EXAM_LESSONS
from .guide_data import (CAPSTONE_RUBRIC_FILE, GLOSSARY_FILE, GUIDE_DIR, NOT_IN_NOTEBOOKS, WRITTEN_RUBRIC_FILE,
                         read_glossary, read_rubric, rubric_table, shown_path, table_cell)
from .objectives import objective_items, objective_map
from .trust.bank import FORMS, trust_items
from .trust.item_stats import GAIN, RETAINED, form_balance, simulate_responses
from .trust.report import MEASURES, transfer_report
from .trust.scoring import trust_scores
from .verdict import VERDICT_MEANINGS, VERDICTS

WORDS_PER_MINUTE = 150  # careful reading of instructional prose, slower than leisure reading
MINUTES_PER_CODE_CELL = 1  # running one lesson cell and reading its output (a table, a chart)
MINUTES_PER_QUESTION = 3  # answering one checked question and reading its feedback
MINUTES_PER_REFLECT = 8  # writing one Reflect answer (a few sentences citing evidence)
MINUTES_PER_WIDGET = 10  # working through one interactive widget (a sorter, a search)
SIMULATED_STUDENTS = 90  # the simulated class the guide compares the transfer-test forms on
ROUND_TO = 5  # estimates are rounded up to this many minutes

TEMPLATE = "teacher_guide.md.j2"  # in GUIDE_DIR
CASE_FOLDER = "seeds"  # the course's built-in case, inside the repository root
REFLECT_MARK = "**Reflect"
ANSWER_PLACEHOLDER = blank_markdown("<!-- BEGIN SOLUTION --><!-- END SOLUTION -->")  # *Your answer here.*
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

_CHECK = re.compile(r"\b(?:check|ask)\(\s*[\"']([^\"']+)[\"']\s*,\s*([A-Za-z_]\w*)")
_ARTICLE = re.compile(r"\b(A\d+)(?:\.S\d+)?\b")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_BLANK = re.compile(r"=\s*\.\.\.\s*(#.*)?$|^\s*#\s*Your code here", re.M)
_CALL = re.compile(r"\b(kit(?:\.\w+)+)\s*\(")


def cell_text(cell: dict) -> str:
    """Return a notebook cell's source as one string (nbformat stores it as a string or a list of lines).

    >>> cell_text({"source": ["a\\n", "b"]}), cell_text({"source": "c"})
    ('a\\nb', 'c')
    """
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def notebook_cells(path: Path) -> list[dict]:
    """Return the cells of the notebook at ``path`` (``[]`` when there is no such file).

    >>> notebook_cells(Path("no/such/notebook.ipynb"))
    []
    """
    path = Path(path)
    return json.loads(path.read_text(encoding="utf-8")).get("cells", []) if path.is_file() else []


def _markdown(cells: list[dict]) -> list[str]:
    return [cell_text(c) for c in cells if c.get("cell_type") == "markdown"
            and NAV_TAG not in c.get("metadata", {}).get("tags", [])]


def _code(cells: list[dict]) -> list[dict]:
    return [c for c in cells if c.get("cell_type") == "code"]


def objectives(cells: list[dict]) -> list[str]:
    """Return the items of a notebook's Objectives list (a ``**Objectives.**`` paragraph or an ``Objectives`` heading).

    >>> objectives([{"cell_type": "markdown", "source": "# 01 · Strikes\\n\\n**Objectives.** You can\\n\\n"
    ...              "1. date the strike;\\n2. name the union.\\n\\nRun the cells."}])
    ['date the strike', 'name the union.']
    """
    return objective_items(_markdown(cells))


def reflect_prompts(cells: list[dict]) -> list[str]:
    """Return the text of each ``**Reflect**`` cell, verbatim, without its answer placeholder or model answer.

    >>> reflect_prompts([{"cell_type": "markdown", "source": "**Reflect** (not checked). Why the port?\\n\\n"
    ...                   "<!-- BEGIN SOLUTION -->Because.<!-- END SOLUTION -->"}])
    ['**Reflect** (not checked). Why the port?']
    """
    out = []
    for text in _markdown(cells):
        if text.lstrip().startswith(REFLECT_MARK):
            out.append(blank_markdown(text).replace(ANSWER_PLACEHOLDER, "").strip())
    return out


def checked_questions(cells: list[dict]) -> list[tuple[str, str]]:
    """Return ``(question id, answer variable)`` for each ``kit.check`` call of a notebook, in order.

    >>> checked_questions([{"cell_type": "code", "source": 'kit.check("q3.1", answer_q3_1)'}])
    [('q3.1', 'answer_q3_1')]
    """
    found: list[tuple[str, str]] = []
    for cell in _code(cells):
        for qid, var in _CHECK.findall(cell_text(cell)):
            if qid not in [q for q, _ in found]:
                found.append((qid, var))
    return found


def _is_literal(expression: str) -> bool:
    try:
        ast.literal_eval(expression)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
    return True


def answer_form(solution_cells: list[dict], variable: str) -> str:
    """Say how a question is answered, from the solution cell that sets its answer variable.

    ``value``: the solution line is a literal marked ``# SOLUTION`` (type a value);
    ``code``: the exercise leaves ``...`` and the solution computes it;
    ``run``: the exercise's cell already sets it (from a widget or the notebook);
    ``unknown``: no cell sets it.

    >>> cells = [{"cell_type": "code", "source": "a = 'dockers'  # SOLUTION"},
    ...          {"cell_type": "code", "source": "b = ...\\n# BEGIN SOLUTION\\nb = len(x)\\n# END SOLUTION"},
    ...          {"cell_type": "code", "source": "c = widget.answer"}]
    >>> [answer_form(cells, v) for v in "abcd"]
    ['value', 'code', 'run', 'unknown']
    """
    assigns = re.compile(rf"^\s*{re.escape(variable)}\s*=(?!=)\s*(.*?)\s*$", re.M)
    for cell in _code(solution_cells):
        source = cell_text(cell)
        if not assigns.search(source):
            continue
        first = assigns.search(blank_code(source))
        if first and first.group(1) != "...":
            return "run"
        inline = re.search(rf"^\s*{re.escape(variable)}\s*=\s*(.+?)\s*#\s*SOLUTION\s*$", source, re.M)
        return "value" if inline and _is_literal(inline.group(1)) else "code"
    return "unknown"


def widget_calls(cells: list[dict]) -> list[str]:
    """Return the kit function behind each cell whose saved output is a widget (executed notebooks only).

    >>> widget_calls([{"cell_type": "code", "source": "kit.harbour_sorter(case)",
    ...                "outputs": [{"data": {WIDGET_MIME: {}}}]}])
    ['kit.harbour_sorter']
    """
    found: list[str] = []
    for cell in _code(cells):
        if any(WIDGET_MIME in (out.get("data") or {}) for out in cell.get("outputs", [])):
            call = _CALL.search(cell_text(cell))
            name = call.group(1) if call else cell_text(cell).strip().splitlines()[0]
            if name not in found and name != "kit.ask":  # a question answered by clicking counts as a question
                found.append(name)
    return found


def markdown_words(cells: list[dict]) -> int:
    """Count the words of a notebook's prose (markdown cells, the navigation line left out).

    >>> markdown_words([{"cell_type": "markdown", "source": "The port's gates reopened."}])
    4
    """
    return sum(len(_WORD.findall(text)) for text in _markdown(cells))


def needs_editing(source: str) -> bool:
    """Tell whether a code cell waits for the student's input (an ``= ...`` or a ``# Your code here.``).

    >>> needs_editing("answer_q1_1 = ..."), needs_editing("kit.check('q1.1', answer_q1_1)")
    (True, False)
    """
    return bool(_BLANK.search(source))


def estimate_minutes(words: int, code_cells: int, questions: int, reflects: int, widgets: int) -> dict:
    """Return a timing estimate and its parts: reading, running, questions, writing and widgets, rounded up.

    >>> estimate_minutes(300, 2, 3, 1, 0)["total"]
    25
    """
    parts = {
        "reading": words / WORDS_PER_MINUTE,
        "running": code_cells * MINUTES_PER_CODE_CELL,
        "questions": questions * MINUTES_PER_QUESTION,
        "writing": reflects * MINUTES_PER_REFLECT,
        "widgets": widgets * MINUTES_PER_WIDGET,
    }
    total = ROUND_TO * math.ceil(sum(parts.values()) / ROUND_TO) if any(parts.values()) else 0
    return {**{k: math.ceil(v) for k, v in parts.items()}, "total": total}


def course_texts(root: Path) -> dict[str, str]:
    """Return every notebook's text (lesson, exercise, assessment) joined per lesson number, in order.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp()); (root / "lessons").mkdir()
    >>> _ = (root / "lessons" / "02_strike.ipynb").write_text('{"cells": [{"source": "Dockers walk out."}]}')
    >>> course_texts(root)
    {'02': 'Dockers walk out.'}
    """
    out: dict[str, list[str]] = {}
    for folder in ("lessons", "exercises", "assessments"):
        for path in sorted((Path(root) / folder).glob("*.ipynb")):
            number = re.match(r"(\d\d)_", path.name)
            if number:
                out.setdefault(number.group(1), []).extend(cell_text(c) for c in notebook_cells(path))
    return {n: "\n".join(parts) for n, parts in sorted(out.items())}


def first_lesson_of(term: str, texts: dict[str, str]) -> str | None:
    """Return the first lesson whose notebooks use ``term`` (case-insensitive, from a word start), or ``None``.

    >>> first_lesson_of("picket", {"01": "The port.", "02": "Pickets at dawn."})
    '02'
    """
    pattern = re.compile(r"(?<!\w)" + re.escape(term), re.I)
    return next((n for n, text in texts.items() if pattern.search(text)), None)


def glossary_rows(root: Path, path: Path = GLOSSARY_FILE) -> list[dict[str, str]]:
    """Return the glossary: the data file's terms, the kit's claim labels and its verdict scale, by term.

    The labels and verdicts are read from the kit (:mod:`kit.claims.taxonomy`,
    :data:`kit.VERDICT_MEANINGS`); their first lesson is where the notebooks first
    use the label (as written in code) or the word "verdict".

    The course glossary's terms come with the first lesson computed from the
    notebooks under ``root`` (:func:`kit.guide_data.read_glossary`).

    >>> import tempfile
    >>> rows = glossary_rows(Path(tempfile.mkdtemp()))  # a course without notebooks: every term is the guide's
    >>> next(r for r in rows if r["term"] == "hedge")["first_lesson"], "likely (verdict)" in [r["term"] for r in rows]
    ('guide', True)
    """
    texts = course_texts(root)
    rows = [dict(row) for row in read_glossary(path, root)]
    for label in LABELS:
        rows.append({"term": f"{label.replace('_', ' ')} (claim label)", "definition": DEFINITIONS[label],
                     "first_lesson": first_lesson_of(label, texts) or NOT_IN_NOTEBOOKS})
    verdict_lesson = first_lesson_of("verdict", texts) or NOT_IN_NOTEBOOKS
    for verdict, rating in VERDICTS.items():
        rows.append({"term": f"{verdict} (verdict)", "first_lesson": verdict_lesson,
                     "definition": f"{VERDICT_MEANINGS[verdict][:1].upper()}{VERDICT_MEANINGS[verdict][1:]} "
                                   f"(rating {rating} of {max(VERDICTS.values())})."})
    return sorted(rows, key=lambda row: row["term"].casefold())


def _articles(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The case's articles: ``{article id: label}`` and ``{file: article id}`` (empty without a case)."""
    from .core.case import load_case

    folder = Path(root) / CASE_FOLDER
    if not (folder / "metadata.csv").is_file():
        return {}, {}
    table = load_case(folder).articles
    labels, files = {}, {}
    for row in table.to_dict("records"):
        outlet, headline = (v if isinstance(v, str) and v.strip() else "" for v in (row.get("outlet"), row.get("headline")))
        labels[row["article_id"]] = f"{row['article_id']}: {outlet or 'no outlet named'}" + (
            f", “{' '.join(headline.split())}”" if headline else ", no headline")
        files[row["file"]] = row["article_id"]
    return labels, files


def _questions(root: Path) -> dict[str, dict[str, str]]:
    """The questions key's id, kind, prompt and file per question (answers and explanations are not read)."""
    path = Path(root) / CASE_FOLDER / "keys" / "questions.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"].strip(): {k: (row.get(k) or "").strip() for k in ("kind", "prompt", "file")}
                for row in csv.DictReader(handle) if row.get("id")}


def notebook_plan(root: Path, teaching: Path, practice: Path, solution: Path, context: tuple) -> dict:
    """Return what the guide says about one lesson or assessment, read from its notebooks and the questions key.

    ``context`` is ``(questions, article labels, article ids by file)`` as read once for the course.
    """
    questions, labels, files = context
    cells, solved = notebook_cells(teaching), notebook_cells(solution)
    work = notebook_cells(practice) or solved
    checks = checked_questions(work)
    reflects = reflect_prompts(work)
    widgets = widget_calls(cells + solved)
    code = _code(cells) if teaching != practice else []
    cited = {m for c in cells for m in _ARTICLE.findall(cell_text(c))}
    cited |= {files[questions[q]["file"]] for q, _ in checks if questions.get(q, {}).get("file") in files}
    forms: dict[str, list[str]] = {"value": [], "code": [], "run": [], "unknown": []}
    for qid, var in checks:
        forms[answer_form(solved, var)].append(qid)
    title, first = notebook_title(teaching)
    return {
        "number": teaching.name[:2], "title": title, "first": first, "objectives": objectives(cells),
        "teaching": teaching.relative_to(root).as_posix(),
        "practice": practice.relative_to(root).as_posix() if practice.is_file() else "",
        "solution": solution.relative_to(root).as_posix() if solution.is_file() else "",
        "timing": estimate_minutes(markdown_words(cells), len(code), len(checks), len(reflects), len(widgets)),
        "articles": [labels[a] for a in sorted(cited, key=lambda a: int(a[1:])) if a in labels],
        "widgets": widgets, "reflects": reflects, "forms": forms,
        "questions": [(q, questions.get(q, {}).get("prompt") or "(not in the questions key)") for q, _ in checks],
        "lesson_edits": sum(needs_editing(cell_text(c)) for c in code), "lesson_cells": len(code),
        "as_is": sum(not needs_editing(cell_text(c)) for c in _code(work)), "work_cells": len(_code(work)),
    }


def _interval_cell(row: dict, measure: str) -> str:
    """A report cell: the mean and, when there is one, its interval ("0.58 (0.39 to 0.77)")."""
    low = row[f"{measure}_low"]
    return f"{row[measure]:+.2f}" + ("" if low != low else f" ({low:+.2f} to {row[f'{measure}_high']:+.2f})")


def form_balance_rows(students: int = SIMULATED_STUDENTS) -> dict:
    """The transfer-test forms compared on a seeded simulated class (``form_balance``; empty without forms), and
    the class report (``transfer_report``) that class gives."""
    items = trust_items()
    forms = items[items["set"].isin(FORMS)]
    if forms.empty:
        return {"form_balance": [], "form_balance_students": 0, "simulated_report": [], "simulated_gain": GAIN,
                "simulated_retained": f"{RETAINED:.0%}"}
    simulated = simulate_responses(forms, students=students)
    report = [{"row": r["row"], **{m: _interval_cell(r, m) for m in MEASURES}}
              for r in transfer_report(trust_scores(simulated)).to_dict("records")]
    table = form_balance(simulated, items)
    rows = [{"form": r["form"].replace("form_", "").upper(), "size": r["items"],
             "trustworthy": f"{r['trustworthy_share']:.0%}", "difficulty": f"{r['mean_difficulty']:.2f}",
             "p_right": f"{r['mean_p_right']:.2f}", "balanced": "yes" if r["balanced"] else f"no: {r['note']}"}
            for r in table.to_dict("records")]
    return {"form_balance": rows, "form_balance_students": students, "simulated_report": report,
            "simulated_gain": GAIN, "simulated_retained": f"{RETAINED:.0%}"}


def course_plan(root: Path) -> dict:
    """Return everything the template needs: lessons, assessments, rubrics, glossary and the kit's settings."""
    root = Path(root)
    context = (_questions(root), *_articles(root))
    lessons = [notebook_plan(root, p, root / "exercises" / exercise_name(p.name), root / "solutions" / p.name, context)
               for p in sorted((root / "lessons").glob("*.ipynb")) if LESSON_NAME.match(p.name)]
    tests = [notebook_plan(root, p, p, root / "assessments" / "key" / p.name, context)
             for p in sorted((root / "assessments").glob("*.ipynb"))]
    everything = lessons + tests
    checked = {q for p in everything for q, _ in p["questions"]}
    return {
        "lessons": lessons, "assessments": tests, "objective_map": objective_map(root).to_dict("records"),
        "retest": next((t["teaching"] for t in tests if t["number"] == "92"), "not written yet"),
        **form_balance_rows(),
        "unchecked": [(q, row["prompt"]) for q, row in context[0].items() if q.startswith("q") and q not in checked],
        "total_minutes": sum(p["timing"]["total"] for p in everything),
        "n_questions": sum(len(p["questions"]) for p in everything),
        "n_reflects": sum(len(p["reflects"]) for p in lessons),
        "written": read_rubric(WRITTEN_RUBRIC_FILE), "capstone": read_rubric(CAPSTONE_RUBRIC_FILE),
        "glossary": glossary_rows(root),
        "verdicts": [(v, r, VERDICT_MEANINGS[v]) for v, r in VERDICTS.items()],
        "exam_lessons": sorted(EXAM_LESSONS), "release_env": RELEASE_ENV, "case_folder": CASE_FOLDER,
        "offline_sources": (root / CASE_FOLDER / "context" / "sources").is_dir(),
        "other_cases": sorted(p.name for p in (root / "cases").glob("*") if p.is_dir()),
        "rules": {"wpm": WORDS_PER_MINUTE, "cell": MINUTES_PER_CODE_CELL, "question": MINUTES_PER_QUESTION,
                  "reflect": MINUTES_PER_REFLECT, "widget": MINUTES_PER_WIDGET, "round": ROUND_TO},
        "files": {"glossary": shown_path(GLOSSARY_FILE), "written": shown_path(WRITTEN_RUBRIC_FILE),
                  "capstone": shown_path(CAPSTONE_RUBRIC_FILE)},
    }


def guide_markdown(root: Path) -> str:
    """Return the whole teacher's guide (Markdown) for the course repository at ``root``.

    Generated from the notebooks, the case's questions key (prompts only) and the
    guide's data files, through the template ``kit/guide/teacher_guide.md.j2``.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp()); (root / "lessons").mkdir()
    >>> text = "# 00 · The ferry strike\\n\\n**Objectives.** You can\\n\\n1. date the strike."
    >>> _ = (root / "lessons" / "00_ferry.ipynb").write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": text}]}))
    >>> guide = guide_markdown(root)
    >>> "### 00 · The ferry strike" in guide, "1. date the strike." in guide
    (True, True)
    """
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(GUIDE_DIR), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=False)
    env.filters["cell"] = table_cell
    env.filters["rubric"] = rubric_table
    text = env.get_template(TEMPLATE).render(**course_plan(Path(root)))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def guide_files(root: Path) -> dict[Path, str]:
    """The teacher's guide as a generated file of the course: ``{root / "TEACHERS.md": text}`` (none without seeds).

    ``python -m kit build`` writes it and ``--check`` fails when it drifts from the notebooks and keys.

    >>> import tempfile
    >>> guide_files(Path(tempfile.mkdtemp()))
    {}
    """
    root = Path(root)
    return {root / "TEACHERS.md": guide_markdown(root)} if (root / "seeds" / "metadata.csv").is_file() else {}
