"""Practice notebooks for any case, generated from its questions key: one per skill, with solutions.

The seeds' lessons are hand-written teaching; practice on another story is data.
For every case under ``cases/`` with a ``keys/questions.csv``, ``python -m kit
build`` writes ``practice/<case>/solutions/NN_<skill>.ipynb`` from the templates
below: the skill's objectives, the case's articles, then one checked question
per row of the key whose id starts ``qN.`` (a cell ``answer_qN_M = <answer>  # SOLUTION``,
then a cell ``kit.check``), and the skill's key points. The student copy
``practice/<case>/NN_<skill>_exercise.ipynb`` is made from it like every exercise (answers
become ``...``). Solutions are committed executed (``make notebooks``) and nbval
checks them; a solution whose cells no longer match the key is regenerated, so
the build check fails until it is executed again.

A notebook finds its case by name (``kit.use_case("kestrel")``), so it runs from
any folder.

>>> answer_literal({"kind": "sentences", "answer": "A1.S2;A2.S3"}), answer_literal({"kind": "number", "answer": "4"})
("['A1.S2', 'A2.S3']", '4')
"""

from __future__ import annotations

from pathlib import Path

from .answer_match import split_items
from .ask_rules import ASKED_KINDS, checker_call

SKILLS = {
    1: ("Classify claims", [
        "label each claim by how it could be checked (fact, attributed statement, opinion, speculation, prediction, "
        "loaded framing);", "tell a checkable statement from a true one."],
        ["Label before you judge: the label says how a claim could be checked.",
         "A quotation is an attributed statement even when the speaker is wrong."]),
    2: ("Trace claims and quotes to their sources", [
        "find which rendering of a quote changed the words;", "find who each article says reported the story first."],
        ["Compare every copy of a quote with the earliest, word for word.",
         "\"First reported by\" is a claim too: check it against the other articles."]),
    3: ("Spot timeline inconsistencies", [
        "resolve a relative date against the article's own date;", "find the sentences whose dates do not fit."],
        ["A relative date needs a reference: say which one you used.",
         "A date copied from an older report can point to the wrong day."]),
    4: ("Compare framings", [
        "compare how the articles report the same facts;", "find what one article leaves out."],
        ["Count per 1,000 words, then go back to the sentences."]),
    5: ("Capstone: a worded verdict", [
        "bring the four skills together on one claim of the case."],
        ["A verdict rates the claim, and says what evidence would change it."]),
}
"""Lesson number -> (skill title, objectives, key points): the templates' words. File names follow the
lessons' (``lessons/NN_slug.ipynb``), which the build passes in."""


def answer_literal(question: dict[str, str]) -> str:
    """The Python literal a student would write for a question's answer (the key's answer, by its kind)."""
    kind, answer = question.get("kind", ""), question.get("answer", "")
    if kind in ("articles", "sentences"):
        return repr(split_items(answer))
    if kind == "number":
        return str(float(answer)) if "." in answer else str(int(answer))
    return repr(answer)


def variable(question_id: str) -> str:
    """The answer variable of a question id, as the grader reads it: ``q1.2`` -> ``answer_q1_2``."""
    return "answer_" + question_id.replace(".", "_")


def question_cells(q: dict[str, str]) -> list[tuple[str, str]]:
    """The cells of one checked question: its prompt, the answer (a solution line) and ``kit.check``."""
    from .checks import expected_form

    hint = f"\n\n*Hint:* {q['hint']}" if q.get("hint") else ""
    form = f"\n\n*Answer with* {expected_form(q)}." if q.get("kind") else ""
    if q.get("kind") == "trail":  # investigated in the widget; the solution holds a model trail
        from .answer_trail import model_trail

        widget = "investigation_" + q["id"].replace(".", "_")
        return [("markdown", f"**{q['id']}** {q['prompt']}{form}{hint}"),
                ("code", f'{widget} = kit.lateral.investigate("{q["id"]}", case)\n{widget}'),
                ("code", f"{variable(q['id'])} = {widget}.answer\n# BEGIN SOLUTION\n"
                         f"{variable(q['id'])} = {model_trail(q)!r}\n# END SOLUTION"),
                ("code", f"kit.check(\"{q['id']}\", {variable(q['id'])})")]
    if q.get("kind") in ASKED_KINDS:
        form = f"\n\n*Pick your answer in the box below and press Check* (or write {expected_form(q)} in the answer cell)."
    return [("markdown", f"**{q['id']}** {q['prompt']}{form}{hint}"),
            ("code", f"{variable(q['id'])} = {answer_literal(q)}  # SOLUTION"),
            ("code", checker_call(q["id"], q.get("kind", ""), variable(q["id"])))]


def solution_notebook(case, lesson: int, questions: list[dict[str, str]]):
    """Return the solution notebook of one skill for a loaded case (nbformat, not executed).

    Lessons 1–4 ask the case's ``qN.*`` questions in order; the capstone (lesson 5) is laid out by
    :func:`kit.capstone.capstone_cells` and ends in a ClaimReview built from the student's own answers.
    """
    import nbformat

    from .capstone import ANSWER_LEAD, WRITTEN_TAG, capstone_cells

    title, objectives, points = SKILLS[lesson]
    first_article = str(case.articles["article_id"].iloc[0])
    parts = [("markdown",
              f"# Practice {lesson:02d} · {title}: case `{case.path.name}`\n\n"
              "Practice on a story of its own, generated from the case's key. You will:\n\n"
              + "\n".join(f"- {o}" for o in objectives)
              + f"\n\nRead the articles first (`kit.show(case.articles)`, `case.raw('{first_article}')`); every check "
              "explains its answer."),
             ("code", f'import kit\n\ncase = kit.use_case("{case.path.name}")\n'
                      'kit.show(case.articles[["article_id", "outlet", "genre", "published", "headline"]])')]
    if lesson == 1 and "claims" in case.keys:  # the case's claims to sort, as lesson 01 does on the seeds
        parts += [("markdown", "## Sort the claims\n\nLabel every claim of the case with the sorter: each answer is "
                               "checked at once against the key, with the reason, and kept in your answers file."),
                  ("code", "kit.claim_sorter(case)")]
    if lesson == 5:
        parts += capstone_cells(case, questions, question_cells)
    else:
        for q in questions:
            parts += question_cells(q)
    parts.append(("markdown", "## Key points\n\n" + "\n".join(f"- {p}" for p in points)))
    parts.append(("code", "_ = kit.use_case()  # back to the built-in case for the next notebook"))
    make = {"markdown": nbformat.v4.new_markdown_cell, "code": nbformat.v4.new_code_cell}
    cells = [make[kind](source) for kind, source in parts]
    for cell in cells:  # a written-answer cell is tagged, so the grader finds the student's text
        if cell["cell_type"] == "markdown" and cell["source"].startswith(ANSWER_LEAD):
            cell["metadata"]["tags"] = [WRITTEN_TAG]
    for n, cell in enumerate(cells):
        cell["id"] = f"p{lesson}-{n:02d}"
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    return nb


def practice_plan(root: Path, slugs: dict[int, str]) -> dict[Path, object]:
    """Every generated practice solution (as a notebook) for the cases under ``root/cases`` with a questions key.

    Args:
        root: the course repository.
        slugs: lesson number -> the slug of ``lessons/NN_slug.ipynb`` (practice files take the lessons' names).

    Raises:
        ValueError: a case does not load (one sentence per problem, as ``python -m kit validate`` gives them).
    """
    from .core.case import resolve_case
    from .core.errors import CaseError

    out = {}
    for key in sorted((root / "cases").glob("*/keys/questions.csv")):
        try:
            case = resolve_case(key.parent.parent)  # the key as validated: answers of their kind
        except CaseError as exc:
            raise ValueError(f"cases/{key.parent.parent.name} cannot be built into practice: {exc}") from None
        rows = [{c: "" if v is None else str(v) for c, v in r.items()} for r in case.keys["questions"].to_dict("records")]
        for lesson in SKILLS:
            mine = sorted((r for r in rows if r.get("id", "").startswith(f"q{lesson}.")),
                          key=lambda r: [int(x) for x in r["id"][1:].split(".") if x.isdigit()])
            if mine and lesson in slugs:
                path = root / "practice" / case.path.name / "solutions" / f"{lesson:02d}_{slugs[lesson]}.ipynb"
                out[path] = solution_notebook(case, lesson, mine)
    return out


def same_sources(a, b) -> bool:
    """Whether two notebooks have the same cells (type, id and source): outputs do not count."""
    def cells(nb):
        return [(c["cell_type"], c.get("id"), c["source"]) for c in nb.cells]

    return cells(a) == cells(b)
