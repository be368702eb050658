"""The lessons are short and plain: few screens before the practice, teacher detail folded away, terms explained.

Three rules, checked over every lesson notebook (nothing here names a lesson or a term):

1. **Screens before the practice.** :func:`screens` estimates how many screens a
   student scrolls through before the ``## Practice`` heading; at most
   :data:`MAX_SCREENS`.
2. **Teacher detail is folded away.** Anything addressed to teachers or
   instructors sits in ``<details><summary>For teachers</summary> ... </details>``,
   which JupyterLab shows closed; outside such a note the words appear at most
   on one short pointer line.
3. **Every term is explained at its first use.** The terms are those of
   ``kit/core/glossary.csv`` (with their aliases, in any letter case); a term
   no lesson uses is allowed (it serves the teacher's guide). Going
   through the lessons in course order (00, 01, ...), the first markdown cell
   that uses a term must explain it in the glossary's exact words, in one form:
   the term in bold, then the explanation in brackets or after a colon:
   ``**d′** (d-prime: how well ...)`` or ``**verbatim**: exactly ...``.
   Teacher notes, inline code, link targets, navigation bars and a term inside
   a longer term ("loaded framing") do not count as a use. The scan is the
   kit's (:func:`kit.glossary.first_uses`), so the guide's "first used" agrees.
"""

from __future__ import annotations

import html
import math
import re

import nbformat
import pytest

from helpers import ROOT
from kit.glossary import explains, first_uses, forms_of, glossary, markdown_cells

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
PRACTICE = "## Practice"
WARM_UP = ("review-", "prebunk-")  # cell ids of a lesson's opening practice (warm-up review, prebunking)
MAX_SCREENS = 8

# --- rule 1: the screen estimator ------------------------------------------------------------------
# One screen is what JupyterLab shows at 1280×800 with its menus and toolbars: about 610 px of notebook
# area, at about 20 px a line of 14-15 px text, so 30 lines.
SCREEN = 30
WRAP = 100  # characters on one rendered line of markdown, code or plain output at the default notebook width
TABLE_WRAP = 160  # characters of table text on one line: tables use a smaller font over the full width
TABLE_EXTRA = 2  # a table's header rule and margins
HEADING = 2  # a heading: larger type plus the space above and below it
BLANK = 0.5  # a blank line between paragraphs or list items renders as about half a line of space
CELL_GAP = 1  # the padding between two cells (and around a code cell's input box)
PX_PER_LINE = 20  # a line of text is about 20 px high, so a chart of known height takes height / 20 lines
IMAGE = 20  # a chart (PNG/SVG) whose height is not recorded: about two thirds of a screen
IMAGE_MIN, IMAGE_MAX = 15, 30  # with its title, legend and margins a chart takes half a screen to a screen
WIDGET = 30  # a widget (reader, sorter, search): about one screen before the page scrolls past it
CLOSED_NOTE = 1  # a closed <details> note shows only its summary line

DETAILS = re.compile(r"<details>.*?</details>", re.S | re.I)
NOTE_OPEN = "<details><summary>For teachers</summary>"


def _read(path):
    return nbformat.read(path, as_version=4)


def _wrapped(text: str, width: int = WRAP) -> int:
    """Rendered lines of plain text: each line wrapped at ``width`` characters."""
    return sum(max(1, math.ceil(len(line) / width)) for line in text.rstrip("\n").splitlines())


def markdown_lines(source: str) -> float:
    """Rendered lines of a markdown cell; a closed teacher note counts as its summary line.

    >>> markdown_lines("# Title\\n\\nOne line.\\n<details><summary>For teachers</summary>\\n\\nlong\\n\\n</details>")
    4.5
    """
    text = DETAILS.sub("\x00", source)
    lines = 0.0
    for line in text.splitlines():
        if not line.strip():
            lines += BLANK
        elif line.strip() == "\x00":
            lines += CLOSED_NOTE
        elif line.startswith("#"):
            lines += HEADING
        else:
            lines += max(1, math.ceil(len(line) / WRAP))
    return lines


def table_lines(page: str) -> int:
    """Rendered lines of an HTML table: each row's text wrapped at :data:`TABLE_WRAP`, plus the margins.

    >>> table_lines("<table><tr><th>a</th></tr><tr><td>" + "x" * 200 + "</td></tr></table>")
    5
    """
    rows = re.findall(r"<tr.*?</tr>", page, re.S)
    text = [html.unescape(re.sub(r"<[^>]+>", " ", row)).split() for row in rows]
    return sum(max(1, math.ceil(len(" ".join(words)) / TABLE_WRAP)) for words in text) + TABLE_EXTRA


def output_lines(output) -> float:
    """Rendered lines of one code-cell output: a widget, a chart, a table or text."""
    data = output.get("data", {})
    if "application/vnd.jupyter.widget-view+json" in data:
        return WIDGET
    if "image/png" in data or "image/svg+xml" in data:
        height = output.get("metadata", {}).get("image/png", {}).get("height")
        return min(IMAGE_MAX, max(IMAGE_MIN, math.ceil(height / PX_PER_LINE))) if height else IMAGE
    if "<table" in data.get("text/html", ""):
        return table_lines(data["text/html"])
    text = output.get("text", "") or data.get("text/plain", "")
    return _wrapped(text) if text.strip() else 0


def cell_lines(cell) -> float:
    """Rendered lines of one cell, outputs included, plus the gap to the next cell."""
    if cell.cell_type == "markdown":
        return markdown_lines(cell.source) + CELL_GAP
    if cell.cell_type != "code":
        return CELL_GAP
    return _wrapped(cell.source) + CELL_GAP + sum(output_lines(o) for o in cell.get("outputs", []))


def screens(nb) -> float:
    """Estimated screens from the top of a lesson to its ``## Practice`` heading (1 screen = :data:`SCREEN` lines).

    The opening warm-up (cells ``review-*``) and lesson 00's prebunking round (``prebunk-*``) are practice, not
    exposition, and do not count.
    """
    lines = 0.0
    for cell in nb.cells:
        if str(cell.get("id", "")).startswith(WARM_UP):
            continue
        if cell.cell_type == "markdown" and PRACTICE in cell.source:
            before = cell.source[: cell.source.index(PRACTICE)]
            return (lines + markdown_lines(before)) / SCREEN
        lines += cell_lines(cell)
    raise AssertionError(f"no {PRACTICE!r} heading")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_a_lesson_takes_at_most_eight_screens_before_its_practice(path):
    measured = screens(_read(path))
    assert measured <= MAX_SCREENS, (
        f"{path.name}: about {measured:.1f} screens before {PRACTICE!r} (at most {MAX_SCREENS}); move detail into a "
        f"teacher note ({NOTE_OPEN}), shorten a table or drop a repetition")


def test_the_estimator_on_an_invented_lesson():
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("kit.show(table)")
    code.outputs = [nbformat.v4.new_output("execute_result", data={
        "text/html": "<table>" + "<tr><td>Wellington harbour</td></tr>" * 10 + "</table>", "text/plain": "..."})]
    chart = nbformat.v4.new_code_cell("kit.chart()")
    chart.outputs = [nbformat.v4.new_output("execute_result", data={"image/png": "", "text/plain": "<chart>"})]
    nb.cells = [nbformat.v4.new_markdown_cell("# Lisbon transfer\n\n" + "word " * 50), code, chart,
                nbformat.v4.new_markdown_cell("Read.\n\n## Practice\n\nDo it.\n\n## Key points")]
    lines = (2 + BLANK + 3 + CELL_GAP) + (1 + CELL_GAP + 10 + TABLE_EXTRA) + (1 + CELL_GAP + IMAGE) + (1 + BLANK)
    assert screens(nb) == pytest.approx(lines / SCREEN)
    nb.cells[-1].source = "Read."
    with pytest.raises(AssertionError):
        screens(nb)


# --- rule 2: teacher detail in a closed note -------------------------------------------------------
TEACHER = re.compile(r"\b(teachers?|instructors?)\b", re.I)
POINTER_MAX = 120  # a pointer is one short line, such as "Teachers: see the note at the end."


def teacher_lines_outside_notes(source: str) -> list[str]:
    """Lines outside ``<details>`` notes that speak of teachers or instructors.

    >>> teacher_lines_outside_notes("Your teacher collects it.\\n<details><summary>For teachers</summary>\\n\\nx\\n</details>")
    ['Your teacher collects it.']
    """
    return [line for line in DETAILS.sub("", source).splitlines() if TEACHER.search(line)]


def note_problems(source: str) -> list[str]:
    """Problems with the ``<details>`` notes of a markdown cell: unbalanced, or not a teacher note.

    >>> note_problems("<details><summary>Answers</summary>\\n\\nx\\n</details>")
    ['a <details> note must start with <details><summary>For teachers</summary>']
    >>> note_problems("<details><summary>For teachers</summary>\\n\\nx")
    ['a <details> note is not closed with </details>']
    """
    opened, closed = source.lower().count("<details>"), source.lower().count("</details>")
    if opened != closed:
        return ["a <details> note is not closed with </details>"]
    if source.count(NOTE_OPEN) != opened:
        return [f"a <details> note must start with {NOTE_OPEN}"]
    return []


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_teacher_detail_sits_in_a_closed_teacher_note(path):
    markdown = [c.source for c in _read(path).cells if c.cell_type == "markdown"]
    problems = [p for source in markdown for p in note_problems(source)]
    assert not problems, (path.name, problems)
    outside = [line for source in markdown for line in teacher_lines_outside_notes(source)]
    pointers = [line for line in outside if len(line) <= POINTER_MAX]
    assert len(outside) <= 1 and outside == pointers, (
        f"{path.name}: text for teachers belongs in {NOTE_OPEN} ... </details>: {outside}")


def test_the_teacher_rule_on_invented_cells():
    assert teacher_lines_outside_notes("Wellington's dockers struck; their instructors agreed.") != []
    assert teacher_lines_outside_notes("The Lisbon coach taught the squad.") == []  # no teacher named
    folded = f"{NOTE_OPEN}\n\nTeachers: the transfer fee is in the key.\n\n</details>"
    assert teacher_lines_outside_notes(folded) == [] and note_problems(folded) == []


# --- rule 3: every glossary term explained at its first use ----------------------------------------


def _course_cells() -> list[tuple[str, str]]:
    return [(f"{path.name} cell {cell_id}", source) for path in LESSONS for cell_id, source in markdown_cells(path)]


def test_every_glossary_term_is_explained_at_its_first_use():
    terms = glossary()
    uses = first_uses(_course_cells(), terms)
    missing = []
    for row in terms.itertuples():
        if row.term in uses and not explains(DETAILS.sub(" ", uses[row.term][1]), forms_of(row), row.explanation):
            missing.append(f"{row.term!r} first used in {uses[row.term][0]}: write **{row.term}** ({row.explanation})")
    assert not missing, "explain each term at its first use, in the words of kit/core/glossary.csv:\n" + "\n".join(
        missing)


def test_a_term_no_lesson_uses_is_allowed_and_a_longer_term_is_no_use_of_a_shorter(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("term,explanation,aliases\nquay,where ships tie up,quays\nquay fee,a charge for tying up,\n"
                    "transfer window,when clubs may sign players,\n")
    cells = [("00 cell a", "The harbour board raised the **quay fee** (a charge for tying up)."),
             ("01 cell a", "Lisbon's club waited. The **quay** (where ships tie up) was empty.")]
    uses = first_uses(cells, glossary(path))
    assert "transfer window" not in uses  # unused: it serves the teacher's guide
    assert uses["quay fee"][0] == "00 cell a" and uses["quay"][0] == "01 cell a"


def test_the_first_use_rule_on_invented_lessons(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("term,explanation,aliases\nquay,where ships tie up,quays\nfee,the price of a transfer,\n")
    terms = glossary(path)
    cells = [("00 cell a", "Wellington's `quay` in code and [a link](quays.md) do not count."),
             ("00 cell b", "The **quays** (where ships tie up) were closed by the strike."),
             ("01 cell a", "The quay again: no need to explain."),
             ("01 cell b", "Lisbon paid a fee.\n<details><summary>For teachers</summary>\n\nfee</details>")]
    uses = first_uses(cells, terms)
    assert uses["quay"][0] == "00 cell b" and uses["fee"][0] == "01 cell b"
    assert explains(uses["quay"][1], ["quay", "quays"], "where ships tie up")
    assert not explains(uses["fee"][1], ["fee"], "the price of a transfer")  # a use, not explained: caught
    assert explains("**Fee**: the price of a transfer.", ["fee"], "the price of a transfer")


@pytest.mark.parametrize("text, message", [
    ("term,explanation,aliases\nquay,,\n", "g.csv, line 2: the term 'quay' has no explanation"),
    ("term,explanation,aliases\n,a transfer fee,\n", "g.csv, line 2: the term is empty"),
    ("term,explanation,aliases\nfee,the price,\nprice,what is paid,Fee\n", "g.csv, line 3: 'Fee' is already a term or alias on line 2"),
    ("word,explanation\nquay,where ships tie up\n", "g.csv has no column 'term'"),
])
def test_a_bad_glossary_row_is_named_with_its_file_and_line(tmp_path, text, message):
    from kit.glossary import GlossaryError

    path = tmp_path / "g.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        glossary(path)
    assert str(caught.value).startswith(message), str(caught.value)


def test_explain_finds_a_term_by_any_alias_and_names_the_file_for_an_unknown_one(tmp_path):
    from kit.glossary import UnknownTermError, explain

    path = tmp_path / "g.csv"
    path.write_text("term,explanation,aliases\npicket line,strikers at a gate,pickets; picket\n", encoding="utf-8")
    assert explain("PICKETS", path) == explain("picket line", path) == "strikers at a gate"
    with pytest.raises(UnknownTermError, match="'transfer window' is not a term or alias in g.csv"):
        explain("transfer window", path)
    assert explain("d-prime") == explain("d′")  # the course glossary: aliases reach the same row
