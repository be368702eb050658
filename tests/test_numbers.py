"""The same quantity stated with different figures across articles (kit.numbers), on two invented stories."""

from __future__ import annotations

import kit
from kit.numbers import number_conflicts, read_quantities
from tests.helpers import make_case

FERRY = {
    "a.txt": "Ferry runs aground\n\nThe ferry carried 40 passengers when it ran aground near the island. "
             "Rescuers worked for 5 hours. The island has 400 residents.\n",
    "b.txt": "Passengers rescued\n\nThe ferry had 45 passengers on board when it ran aground on Tuesday. "
             "Rescuers worked for 6 hours in 2024.\n",
}
BUDGET = {
    "a.txt": "Council passes budget\n\nThe council approved a $3 billion budget for schools on March 5.\n",
    "b.txt": "Schools get more\n\nThe council approved a $3.5 billion budget for schools, the mayor said.\n",
    "c.txt": "Budget news\n\nThe council approved a $3,000,000,000 budget for schools.\n",
}


def _conflicts(tmp_path, articles, name):
    meta = {f: {"headline": text.split("\n", 1)[0]} for f, text in articles.items()}
    return number_conflicts(kit.load_case(make_case(tmp_path, articles, meta, name=name), cached=False))


def test_ferry_figures_that_disagree_are_flagged_with_both_spans(tmp_path):
    table = _conflicts(tmp_path, FERRY, "ferry")
    assert list(table["noun"]) == ["passengers"]  # the hours differ without contradiction; residents are no passengers
    row = table.iloc[0]
    assert (row.figure, row.other_figure) == ("40 passengers", "45 passengers")
    assert row.sentence_id.split(".")[0] != row.other_sentence_id.split(".")[0]  # two different articles
    assert "find the original source's figure" in row.explanation and "because" not in row.explanation


def test_budget_figures_compare_by_value_not_by_how_they_are_written(tmp_path):
    table = _conflicts(tmp_path, BUDGET, "budget")
    pairs = {(r.figure, r.other_figure) for r in table.itertuples()}
    assert pairs == {("$3 billion budget", "$3.5 billion budget"), ("$3.5 billion budget", "$3,000,000,000 budget")}
    assert set(table["noun"]) == {"budget"}


def test_years_days_of_a_month_clock_times_and_ordinals_are_no_quantities():
    text = "On March 5, 2024, the 3rd convoy left at 9 a.m. with 12 trucks."
    assert [(q.value, q.noun) for q in read_quantities(text)] == [(12.0, "trucks")]
