"""The teacher's guide (kit.teacher_guide): every lesson with objectives and a timing, every Reflect prompt
verbatim, no answer or explanation of the questions key, valid data files with friendly errors, and the
same guide from a different course (two invented stories)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import ROOT, make_case
from kit.claims.taxonomy import LABELS
from kit.course_index import notebook_title
from kit.glossary import forms_of, glossary, markdown_cells, student_text, uses_pattern
from kit.guide_data import (
    CAPSTONE_RUBRIC_FILE,
    LEVELS,
    NOT_IN_NOTEBOOKS,
    NOTEBOOK_FOLDERS,
    WRITTEN_RUBRIC_FILE,
    GuideDataError,
    first_lessons,
    read_glossary,
    read_rubric,
    table_cell,
)
from kit.teacher_guide import (
    ROUND_TO,
    answer_form,
    estimate_minutes,
    guide_markdown,
    needs_editing,
    objectives,
    reflect_prompts,
)
from kit.verdict import VERDICTS

PLACEHOLDER = "*Your answer here.*"


@pytest.fixture(scope="module")
def guide() -> str:
    return guide_markdown(ROOT)


def cells_of(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def text_of(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def course_reflects(root: Path) -> list[str]:
    """Every Reflect prompt of the exercises, read here independently of the module: the cell up to its placeholder."""
    prompts = []
    for path in sorted((root / "exercises").glob("*.ipynb")):
        for cell in cells_of(path):
            if cell["cell_type"] == "markdown" and text_of(cell).lstrip().startswith("**Reflect"):
                prompts.append(text_of(cell).split(PLACEHOLDER)[0].strip())
    return prompts


def key_rows(root: Path) -> list[dict[str, str]]:
    with (root / "seeds" / "keys" / "questions.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def section(guide: str, title: str) -> str:
    """The text of the guide's section headed ``### title``, up to the next heading of level 2 or 3."""
    start = guide.index(f"### {title}\n")
    rest = guide[start + 4:]
    end = re.search(r"^#{2,3} ", rest, re.M)
    return rest[: end.start()] if end else rest


# --- the guide on the course ---------------------------------------------------------


def test_every_lesson_has_its_objectives_and_a_timing(guide):
    lessons = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
    assert lessons
    for path in lessons:
        title = notebook_title(path)[0]
        part = section(guide, title)
        items = objectives(cells_of(path))
        assert items, f"{path.name}: no objectives read"
        for item in items:
            assert item in part, f"{path.name}: objective {item!r} missing from the guide"
        minutes = re.search(r"\*\*Time:\*\* about (\d+) minutes", part)
        assert minutes and int(minutes.group(1)) > 0, f"{path.name}: no timing in the guide"


def test_every_reflect_prompt_is_in_the_guide_verbatim(guide):
    prompts = course_reflects(ROOT)
    assert len(prompts) >= 6
    for prompt in prompts:
        for line in prompt.splitlines():
            assert f"> {line}" in guide, f"Reflect prompt missing or altered: {line[:60]!r}"


def test_no_answer_and_no_explanation_of_the_key_is_in_the_guide(guide):
    rows = key_rows(ROOT)
    # What students read anyway (the prompts, the Reflect prompts, the articles' own headlines) may contain an
    # answer of another question; the guide must add nothing beyond them.
    with (ROOT / "seeds" / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        headlines = [" ".join(row["headline"].split()) for row in csv.DictReader(handle)]
    visible = [row["prompt"] for row in rows] + course_reflects(ROOT) + headlines
    rest = guide.casefold()
    for text in sorted(filter(None, visible), key=len, reverse=True):
        rest = rest.replace(text.casefold(), " ")
    for row in rows:
        if row["kind"] in ("text", "choice") and len(row["answer"]) >= 12:
            assert row["answer"].casefold() not in rest, f"{row['id']}: its answer is in the guide"
        assert row["explanation"].casefold() not in guide.casefold(), f"{row['id']}: its explanation is in the guide"


def test_every_question_of_the_key_is_listed_by_id_and_prompt(guide):
    for row in key_rows(ROOT):
        if row["id"].startswith("q"):
            assert f"- `{row['id']}`: {row['prompt']}" in guide


def test_the_guide_names_where_the_answers_are_and_the_exam_release(guide):
    assert "solutions/" in guide and "keys/questions.csv" in guide
    assert "KIT_FEEDBACK_RELEASED" in guide


def test_the_glossary_reads_the_labels_and_verdicts_from_the_kit(guide):
    glossary = guide[guide.index("## Glossary"):]
    for label in LABELS:
        assert f"**{label.replace('_', ' ')} (claim label)**" in glossary
    for verdict in VERDICTS:
        assert f"**{verdict} (verdict)**" in glossary


def test_the_non_coder_path_is_computed_for_every_lesson(guide):
    path = guide[guide.index("## A shorter path"):]
    for lesson in sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb")):
        assert re.search(rf"^\| {lesson.name[:2]} \| \d+ of \d+ \| \d+ of \d+ \|", path, re.M), lesson.name


# --- the data files ----------------------------------------------------------------------


def _markdown_by_lesson(root: Path) -> dict[str, str]:
    """Every notebook's student-visible markdown (navigation bars aside), joined per two-digit number."""
    texts: dict[str, str] = {}
    for folder in NOTEBOOK_FOLDERS:
        for path in sorted((root / folder).glob("[0-9][0-9]_*.ipynb")):
            cells = [student_text(source) for _, source in markdown_cells(path)]
            texts[path.name[:2]] = texts.get(path.name[:2], "") + "\n".join(cells) + "\n"
    return dict(sorted(texts.items()))


def test_the_guide_glossary_is_the_course_glossary_with_computed_first_lessons(guide):
    table = glossary()
    rows = read_glossary()
    assert [r["term"] for r in rows] == list(table["term"]) and len(rows) >= 20
    assert not (ROOT / "kit" / "guide" / "glossary.csv").exists()  # one glossary only
    texts = _markdown_by_lesson(ROOT)
    for row, entry in zip(rows, table.itertuples()):
        pattern = uses_pattern(forms_of(entry))
        longer = [f for other in table.itertuples() if other.term != entry.term for f in forms_of(other)
                  if pattern.search(f)]  # "loaded framing" is no use of "framing"
        users = [n for n, text in texts.items()
                 if pattern.search(uses_pattern(longer).sub(" ", text) if longer else text)]
        assert row["first_lesson"] == (users[0] if users else NOT_IN_NOTEBOOKS), (row["term"], users)
    listed = guide[guide.index("## Glossary"):]
    for row in rows:
        assert f"| **{table_cell(row['term'])}** | {table_cell(row['definition'])} | {row['first_lesson']} |" in listed


def test_the_first_lessons_are_computed_for_a_course_of_two_invented_stories(tmp_path):
    def notebook(folder: str, name: str, *cells: tuple[str, list[str]]) -> None:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(src, metadata={"tags": tags}) for src, tags in cells]
        (tmp_path / folder).mkdir(exist_ok=True)
        nbformat.write(nb, tmp_path / folder / name)

    notebook("lessons", "00_harbour.ipynb", ("Next: [01 · Transfer fees](01.ipynb)", ["nav"]),
             ("Wellington's dockers walk out; a **picket** (a striker at the gate) forms at dawn.", []),
             ("<details><summary>For teachers</summary>\n\nThe transfer fee comes later.</details>", []))
    notebook("exercises", "01_transfer_exercise.ipynb", ("Lisbon's club pays the transfer fee in two parts.", []))
    notebook("assessments", "90_pre_test.ipynb", ("Who chairs the harbour board?", []))
    path = tmp_path / "glossary.csv"
    path.write_text("term,explanation,aliases\npicket,a striker at the gate,pickets\ntransfer fee,the price of a player,"
                    "transfer fees\nharbour board,the body that runs a port,\nwharf,a quay,wharves\n", encoding="utf-8")
    rows = {r["term"]: r for r in read_glossary(path, tmp_path)}
    assert {t: r["first_lesson"] for t, r in rows.items()} == {
        "picket": "00", "transfer fee": "01", "harbour board": "90", "wharf": NOT_IN_NOTEBOOKS}
    assert rows["picket"]["definition"] == "A striker at the gate."
    assert first_lessons(tmp_path / "no_course", glossary(path)) == {}


def test_the_rubrics_are_valid_and_the_capstone_has_its_three_criteria():
    written = read_rubric(WRITTEN_RUBRIC_FILE)
    assert len({r["criterion"] for r in written}) >= 3 and len(written) % len(LEVELS) == 0
    capstone = read_rubric(CAPSTONE_RUBRIC_FILE)
    criteria = [r["criterion"] for r in capstone if r["level"] == LEVELS[-1]]
    assert len(criteria) == 3
    assert any("ClaimReview" in c for c in criteria)
    assert any("articles" in c and "sentence" in c for c in criteria)
    assert any("rating" in c and "evidence" in c for c in criteria)


BAD_GLOSSARY = [
    ("word,explanation\nstrike,A stoppage.\n", "glossary.csv has no column 'term'"),
    ("term,explanation,aliases\nstrike,,\n", "glossary.csv, line 2: the term 'strike' has no explanation"),
    ("term,explanation,aliases\n,a stoppage,\n", "glossary.csv, line 2: the term is empty"),
    ("term,explanation,aliases\nstrike,a stoppage,\nwalkout,a strike,Strike\n",
     "glossary.csv, line 3: 'Strike' is already a term or alias on line 2"),
]


@pytest.mark.parametrize("text, expected", BAD_GLOSSARY)
def test_a_bad_glossary_row_gets_one_friendly_sentence(tmp_path, text, expected):
    path = tmp_path / "glossary.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GuideDataError) as err:
        read_glossary(path)
    message = str(err.value)
    assert "glossary.csv" in message and expected in message
    assert re.search(r"(write|use|remove|keep|correct|must read|must name)", message), message


GOOD = "criterion,level,points,descriptor\n"
BAD_RUBRIC = [
    (GOOD + "fairness,expert,3,Weighs both.\n", "field 'level': 'expert' is not a level"),
    (GOOD + "fairness,secure,two,Weighs both.\nfairness,developing,1,x\nfairness,beginning,0,y\n", "'two' is not a whole number"),
    (GOOD + "fairness,secure,2,Weighs both.\nfairness,developing,1,x\n", "give exactly one row for each of"),
    (GOOD + "fairness,secure,0,Weighs both.\nfairness,developing,1,x\nfairness,beginning,2,y\n", "must rise"),
    (GOOD + "fairness,secure,2,\n", "the field 'descriptor' is empty"),
    (GOOD + "fairness,secure,2,a\nfairness,developing,1,b\nfairness,beginning,0,c\n"
     "fee,secure,4,a\nfee,developing,2,b\nfee,beginning,0,c\n", "give every criterion the same points per level"),
    ("criterion,level,descriptor\nfairness,secure,x\n", "the column 'points' is missing"),
]


@pytest.mark.parametrize("text, expected", BAD_RUBRIC)
def test_a_bad_rubric_row_gets_one_friendly_sentence(tmp_path, text, expected):
    path = tmp_path / "rubric_ferry.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GuideDataError) as err:
        read_rubric(path)
    assert "rubric_ferry.csv" in str(err.value) and "line" in str(err.value) and expected in str(err.value)


# --- reading notebooks: invented cells of two stories --------------------------------------


@pytest.mark.parametrize("source, form", [
    ("answer_q1_1 = 'dockers'  # SOLUTION", "value"),                    # Wellington: a typed word
    ("answer_q1_1 = ['A1.S2', 'A2.S4']  # SOLUTION", "value"),            # a typed list is still a value
    ("answer_q1_1 = len(case.articles)  # SOLUTION", "code"),             # marked, but computed: code, not a value
    ("answer_q1_1 = ...\n# BEGIN SOLUTION\nanswer_q1_1 = fee / 1e6\n# END SOLUTION", "code"),  # Lisbon transfer fee
    ("answer_q1_1 = scout.answer\n# BEGIN SOLUTION\nanswer_q1_1 = 'x'\n# END SOLUTION", "run"),  # from a widget
])
def test_answer_form_reads_the_solution_markers(source, form):
    cells = [{"cell_type": "code", "source": "answer_q1_1_note = 'Was the fee 40 million...?'"},
             {"cell_type": "code", "source": source}]
    assert answer_form(cells, "answer_q1_1") == form


@pytest.mark.parametrize("source, edit", [
    ("answer_q2_1 = ...", True),
    ("fee = ...  # the club's figure", True),
    ("x = 1\n# Your code here.", True),
    ('print("The strike goes on...")', False),        # an ellipsis in a string is not a blank
    ("kit.check('q2.1', answer_q2_1)", False),
    ("rows[...]  # numpy-style slice", False),
])
def test_needs_editing_sees_only_blanks(source, edit):
    assert needs_editing(source) is edit


def test_reflect_prompts_skip_cells_that_only_look_like_one():
    cells = [
        {"cell_type": "markdown", "source": "Reflecting on the strike, the union said **Reflect** later."},
        {"cell_type": "markdown", "source": "**Reflect** (not checked). Who set the transfer fee?\n\n*Your answer here.*"},
        {"cell_type": "markdown", "source": "**Reflect 2** (not checked). Why did the ferries stop?\n\n"
                                            "<!-- BEGIN SOLUTION -->Because of the strike.<!-- END SOLUTION -->"},
    ]
    assert reflect_prompts(cells) == ["**Reflect** (not checked). Who set the transfer fee?",
                                      "**Reflect 2** (not checked). Why did the ferries stop?"]


@given(words=st.integers(0, 20000), cells=st.integers(0, 60), questions=st.integers(0, 30),
       reflects=st.integers(0, 5), widgets=st.integers(0, 4))
def test_timing_is_rounded_up_and_never_below_its_parts(words, cells, questions, reflects, widgets):
    timing = estimate_minutes(words, cells, questions, reflects, widgets)
    parts = sum(timing[k] for k in ("reading", "running", "questions", "writing", "widgets"))
    assert timing["total"] % ROUND_TO == 0
    assert parts - 1 <= timing["total"] < parts + ROUND_TO  # each part is rounded up on its own


# --- the guide of another course -------------------------------------------------------------

STORIES = {
    "wellington": {
        "title": "01 · The harbour strike: who said what",
        "objectives": ["tell the union's claims from the port company's", "date the walkout"],
        "articles": {"01_harbour_times.txt": "Dockers at Wellington's port walked out on Monday. The union said pay "
                                             "talks had failed.\n",
                     "02_capital_post.txt": "The port company called the strike unlawful. Ferries to Picton "
                                            "were cancelled.\n"},
        "headlines": {"01_harbour_times.txt": "Wellington dockers walk out", "02_capital_post.txt": "Port calls strike unlawful"},
        "question": ("q1.1", "choice", "Whose account of the pay talks does A1.S2 report?", "the union's account",
                     "the union's account;the company's account", "A1.S2 reports what the union said; the article "
                     "vouches only that it was said."),
        "reflect": "**Reflect** (not checked). The company calls the strike unlawful (A2.S1). What would you check "
                   "before repeating that word?",
        "model": "A model answer: the ruling of the employment court, which decides lawfulness.",
        "quote": "The union said pay talks had failed.",
        "pretest": ("q90.1", "article", "Pre-test: which article names the ferries that were cancelled?", "A2", "",
                    "A2.S2 names the Picton ferries."),
    },
    "lisbon": {
        "title": "01 · The transfer: how much, and says who?",
        "objectives": ["trace the fee to its first report", "compare two outlets' figures"],
        "articles": {"01_bola_diaria.txt": "The striker joined Benfica from Porto for 40 million euros, the club "
                                           "said. The A1 motorway was closed for the parade.\n",
                     "02_lisboa_sport.txt": "Sources put the fee closer to 35 million euros. The player has not "
                                            "commented.\n"},
        "headlines": {"01_bola_diaria.txt": "Striker joins Benfica for 40 million", "02_lisboa_sport.txt": ""},
        "question": ("q1.1", "text", "Which outlet's figure rests on unnamed sources?", "the second outlet's figure",
                     "", "A2.S1 attributes the 35 million figure to unnamed sources."),
        "reflect": "**Reflect** (not checked). Two figures for one fee (A1.S1, A2.S1). Which would you report, and "
                   "with what attribution?",
        "model": "A model answer: report both, each attributed, and say which source could know.",
        "quote": "for 40 million euros",
    },
}


def _notebook(*cells) -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nbformat.writes(nb)


def build_course(tmp_path: Path, story: dict) -> Path:
    """A one-lesson course: lesson, exercise, solution (nbformat) and a case with a questions key."""
    root = tmp_path / "course"
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    qid, kind, prompt, answer, options, explanation = story["question"]
    objectives_md = "\n".join(f"{i}. {o};" for i, o in enumerate(story["objectives"], 1))
    widget = code("kit.harbour_sorter(case)", outputs=[nbformat.v4.new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"}, "text/plain": "w"})])
    lesson = _notebook(md("**Course** · [index](../COURSE.md)", metadata={"tags": ["nav"]}),
                       md(f"# {story['title']}\n\n**Objectives.** By the end you can\n\n{objectives_md}\n\nRun the cells."),
                       md("## The case\n\nRead A1 and A2 side by side."), code("case = kit.load_case()"), widget)
    question = md(f"**{qid}** {prompt}")
    reflect_solved = md(story["reflect"] + f"\n\n<!-- BEGIN SOLUTION -->\n{story['model']}\n<!-- END SOLUTION -->")
    solution = _notebook(md(f"# {story['title'][:2]} · practice"), code("import kit"), question,
                         code(f"answer_q1_1 = {answer!r}  # SOLUTION"), code(f'kit.check("{qid}", answer_q1_1)'),
                         reflect_solved)
    exercise = _notebook(md(f"# {story['title'][:2]} · practice"), code("import kit"), question,
                         code("answer_q1_1 = ..."), code(f'kit.check("{qid}", answer_q1_1)'),
                         md(story["reflect"] + "\n\n" + PLACEHOLDER))
    for folder, text in (("lessons", lesson), ("exercises", exercise), ("solutions", solution)):
        (root / folder).mkdir(parents=True)
        name = "01_story_exercise.ipynb" if folder == "exercises" else "01_story.ipynb"
        (root / folder / name).write_text(text, encoding="utf-8")
    first = next(iter(story["articles"]))
    key = ("id,kind,prompt,answer,options,match,tolerance,explanation,hint,defensible,file,quote,facet\n"
           + ",".join(f'"{v}"' for v in (qid, kind, prompt, answer, options, "", "", explanation,
                                          "Read the reporting verb.", "", first, story["quote"], "")) + "\n")
    if "pretest" in story:  # an assessment, in exam mode (lesson 90)
        pid, pkind, pprompt, panswer, _, pexplanation = story["pretest"]
        key += ",".join(f'"{v}"' for v in (pid, pkind, pprompt, panswer, "", "", "", pexplanation, "Read A2.",
                                            "", "02_capital_post.txt", "Ferries to Picton", "")) + "\n"
        (root / "assessments").mkdir()
        (root / "assessments" / "90_pre_test.ipynb").write_text(_notebook(
            md("# Pre-test\n\nTake this before lesson 01. It is short."), md(f"**{pid}** {pprompt}"),
            code(f"answer_{pid.replace('.', '_')} = ..."), code(f'kit.check("{pid}", answer_{pid.replace(".", "_")})')),
            encoding="utf-8")
    metadata = {f: {"headline": h, "genre": "news"} for f, h in story["headlines"].items()}
    make_case(root, story["articles"], metadata, keys={"questions": key}, name="seeds")
    return root


@pytest.mark.parametrize("name", sorted(STORIES))
def test_the_guide_of_another_course_is_read_from_its_own_files(tmp_path, name):
    story = STORIES[name]
    guide = guide_markdown(build_course(tmp_path, story))
    part = section(guide, story["title"])
    for item in story["objectives"]:
        assert item in part
    assert re.search(r"\*\*Time:\*\* about \d+ minutes", part)
    qid, _, prompt, answer, _, explanation = story["question"]
    assert f"- `{qid}`: {prompt}" in part
    assert f"> {story['reflect']}" in part
    assert "`kit.harbour_sorter`" in part
    for headline in filter(None, story["headlines"].values()):
        assert headline in part
    for secret in (answer, explanation, story["model"], "A model answer"):
        assert secret not in guide
    assert re.search(rf"^\| 01 \| 2 of 2 \| 2 of 3 \| {re.escape(qid)} \| none \| none \| `kit.harbour_sorter` \|$",
                     guide, re.M)
    for seeds_title in ("Classify claims", "Kremlin", "Peskov"):  # nothing of the built-in course leaks in
        assert seeds_title not in guide
    if "pretest" in story:
        pid, _, pprompt, panswer, _, pexplanation = story["pretest"]
        tests = guide[guide.index("## Assessments"):]
        assert "### Pre-test" in tests and "Take this before lesson 01." in tests
        assert f"- `{pid}`: {pprompt}" in tests and "KIT_FEEDBACK_RELEASED" in tests
        assert pexplanation not in guide
    else:
        assert "## Assessments" not in guide  # this course has none


@pytest.mark.parametrize("source, expected", [
    ("# 02 · The fee\n\n## Objectives\n\n- trace the fee to its first report\n- compare two figures\n\nThen read A1.",
     ["trace the fee to its first report", "compare two figures"]),
    ("# 01 · The strike\n\n**Objectives.** You can\n\n1. date the walkout;\n2. name who called it.\n\n"
     "Run the cells.\n\n1. This list comes after the paragraph.", ["date the walkout", "name who called it."]),
    ("# 01 · The strike\n\nObjectives of the union were pay and hours:\n\n1. a 4% rise;\n2. shorter shifts.", []),
])
def test_objectives_are_read_from_the_objectives_list_only(source, expected):
    assert objectives([{"cell_type": "markdown", "source": source}]) == expected
