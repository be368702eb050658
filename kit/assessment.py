"""Pre- and post-test: two parallel short assessments, scored by the kit, and a chart of the change.

The pre-test (``assessments/90_pre_test.ipynb``, questions ``q90.*``) is taken
before lesson 01 and the post-test (``assessments/91_post_test.ipynb``,
questions ``q91.*``) after lesson 05. They have the same format (one question
each on classifying a claim, investigating a source, tracing a quote, dating an
event and reading a framing) with different items, in the manner of Civic
Online Reasoning's parallel forms. A score is the share of questions right at
the *first* attempt, from a student's answers file or from the grader's gradebook.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from .chart_text import described, plural
from .checks import check, questions
from .core.store import answers
from .display import PALETTE

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

TESTS = {"q90.": "pre", "q91.": "post"}


def assessment_scores(source: str | Path | None = None) -> pd.DataFrame:
    """Score the pre- and post-test for one student (an answers file) or a class (a gradebook CSV).

    Args:
        source: a student's answers file (``.json``; their own when ``None``) or a
            gradebook written by ``python -m kit grade`` (``.csv``).

    Returns:
        A DataFrame with ``student, test`` (pre or post), ``right, questions, score``.

    >>> assessment_scores("/nonexistent/answers.json").columns.tolist()
    ['student', 'test', 'right', 'questions', 'score']
    """
    import pandas as pd

    listed = questions()
    totals = {test: int(listed["id"].str.startswith(prefix).sum()) for prefix, test in TESTS.items()}
    rows = []
    if source is not None and str(source).endswith(".csv"):
        with open(source, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for prefix, test in TESTS.items():
                    if row.get("question", "").startswith(prefix):
                        rows.append({"student": row["student"], "test": test, "question": row["question"],
                                     "right": float(row.get("points") or 0) > 0})
    else:
        table = answers(source).drop_duplicates("question", keep="first")
        for record in table.itertuples():
            for prefix, test in TESTS.items():
                if str(record.question).startswith(prefix):
                    rows.append({"student": record.student, "test": test, "question": record.question,
                                 "right": _first_answer_right(record)})
    frame = pd.DataFrame(rows, columns=["student", "test", "question", "right"])
    if frame.empty:
        return pd.DataFrame(columns=["student", "test", "right", "questions", "score"])
    grouped = frame.groupby(["student", "test"], sort=True)["right"].sum().reset_index()
    grouped["right"] = grouped["right"].astype(int)
    grouped["questions"] = grouped["test"].map(totals)
    grouped["score"] = (grouped["right"] / grouped["questions"]).round(3)
    grouped["test"] = pd.Categorical(grouped["test"], categories=["pre", "post"], ordered=True)
    return grouped.sort_values(["student", "test"]).reset_index(drop=True)


def _first_answer_right(record) -> bool:
    """Whether a first attempt was right; an exam answer kept as ``recorded`` is checked again with the key."""
    if record.status != "recorded":
        return record.status == "correct"
    return check(record.question, record.answer, save=False, scoring=True).correct


def assessment_chart(scores: pd.DataFrame) -> alt.Chart:
    """Chart each student's change from pre- to post-test (one line per student, the class mean in bold).

    >>> import pandas as pd
    >>> s = pd.DataFrame({"student": ["a", "a"], "test": ["pre", "post"], "right": [2, 4], "questions": [5, 5], "score": [0.4, 0.8]})
    >>> [layer["mark"]["type"] for layer in assessment_chart(s).to_dict()["layer"]]
    ['line', 'line']
    """
    import altair as alt
    import pandas as pd

    data = scores.copy()
    data["test"] = data["test"].astype(str)
    means = data.groupby("test", as_index=False)["score"].mean().assign(student="class mean")
    x = alt.X("test:N", title="Assessment", sort=["pre", "post"], axis=alt.Axis(labelAngle=0))
    y = alt.Y("score:Q", title="Share of questions right", scale=alt.Scale(domain=[0, 1]))
    students = alt.Chart(data).mark_line(point=True, color=PALETTE["series"]["each"], opacity=0.6).encode(
        x=x, y=y, detail="student:N", tooltip=["student", "test", "right", "questions", "score"])
    mean = alt.Chart(pd.DataFrame(means)).mark_line(point=True, color=PALETTE["series"]["reference"], strokeWidth=3).encode(
        x=x, y=y, tooltip=["student", "test", alt.Tooltip("score:Q", format=".0%")])
    by_test = dict(zip(means["test"], means["score"]))
    change = (f"; the class mean went from {by_test['pre']:.0%} to {by_test['post']:.0%}"
              if {"pre", "post"} <= set(by_test) else "")
    text = f"Line chart of the share of questions right, pre-test to post-test, for {plural(data['student'].nunique(), 'student')}{change}"
    return described(alt.layer(students, mean).properties(
        width=260, height=240, title="Pre-test to post-test: each student (blue), the class (orange)"), text)
