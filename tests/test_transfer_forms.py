"""The transfer test's three forms: parallel, half trustworthy, never used in the course, balanced on simulation."""

from __future__ import annotations

import csv
import math
from pathlib import Path

from kit.trust.bank import FORMS, trust_items
from kit.trust.forms import TIMES, form_for

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_FOLDERS = ("lessons", "solutions", "exercises", "practice")


def forms():
    items = trust_items()
    return {form: items[items["set"] == form].reset_index(drop=True) for form in FORMS}


def test_each_form_has_twelve_items_half_trustworthy_in_every_format():
    for form, table in forms().items():
        assert len(table) == 12, form
        assert table["trustworthy"].sum() == 6, f"{form}: half the items deserve trust"
        assert table["format"].value_counts().to_dict() == {f: 3 for f in ("headline", "post", "short_article", "quote")}
        assert table["topic"].is_unique, f"{form}: a topic repeats"
        assert table.loc[~table["trustworthy"], "reasons"].str.split(";").explode().nunique() >= 4, (
            f"{form}: the untrustworthy items should fail for several kinds of reason")


def test_the_forms_are_parallel_item_by_item():
    a, b, c = forms().values()
    for column in ("format", "trust", "difficulty"):
        assert a[column].tolist() == b[column].tolist() == c[column].tolist(), f"forms differ in {column}"


def test_no_form_item_is_used_in_the_course_or_mentions_the_case():
    items = trust_items()
    tests = items[items["set"].isin(FORMS)]
    others = set(items.loc[~items["set"].isin(FORMS), "text"])
    assert not set(tests["text"]) & others, "a test item is also a practice item"
    shown = " ".join(p.read_text(encoding="utf-8") for folder in NOTEBOOK_FOLDERS
                     for p in (ROOT / folder).rglob("*.ipynb"))
    used = [t for t in tests["text"] if t[:60] in shown]
    assert not used, f"test items shown in the course: {used[:3]}"
    with (ROOT / "seeds" / "context" / "roles.csv").open(encoding="utf-8", newline="") as handle:
        names = {w for row in csv.DictReader(handle) for w in (row.get("person") or "").split() if len(w) > 3}
    names |= {"Kremlin", "Trump", "Putin", "Washington Post"}
    mentions = [(t, n) for t in items["text"] for n in names if n in t]
    assert not mentions, f"items about the built-in case: {mentions[:3]}"


def test_every_student_takes_each_form_once_and_groups_rotate():
    students = [f"student-{i:03d}" for i in range(90)]
    for student in students:
        assert sorted(form_for(student, t) for t in TIMES) == list(FORMS)
    for time in TIMES:
        share = {f: sum(form_for(s, time) == f for s in students) for f in FORMS}
        assert min(share.values()) >= 20, f"{time}: {share}"


def test_forms_are_balanced_on_simulated_responses_and_both_scores_are_computed():
    from kit.trust.item_stats import form_balance, item_statistics, simulate_responses
    from kit.trust.scoring import trust_scores

    items = trust_items()
    responses = simulate_responses(items[items["set"].isin(FORMS)])
    balance = form_balance(responses, items)
    assert balance["balanced"].all(), balance.to_string()
    stats = item_statistics(responses)
    assert len(stats) == 36 and stats["p_right"].between(0, 1).all()
    scores = trust_scores(responses)
    assert set(scores["phase"]) == set(TIMES)
    assert all(math.isfinite(v) for v in scores["d_prime"]) and all(math.isfinite(v) for v in scores["c"])
