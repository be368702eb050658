"""Trust judgements as signal detection: kit.sdt, the tidy responses, scores, item statistics and the class report.

Every bank here is invented (a harbour strike in Wellington, a football transfer in
Lisbon), written to a temporary ``items.csv`` and read with ``trust_items(path=...)``.
"""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit import sdt
from kit.core.store import record
from kit.display import PALETTE
from kit.trust.bank import trust_items
from kit.trust.forms import TIMES, form_for, question_id
from kit.trust.item_stats import (
    P_RIGHT_TOLERANCE,
    TOO_EASY,
    form_balance,
    item_statistics,
    simulate_responses,
)
from kit.trust.report import MIN_STUDENTS, transfer_chart, transfer_report
from kit.trust.scoring import (
    CALIBRATION_COLUMNS,
    RESPONSE_COLUMNS,
    SCORE_COLUMNS,
    trust_calibration,
    trust_responses,
    trust_scores,
)

FAST = settings(max_examples=200, deadline=None)
HEADER = ["id", "set", "format", "topic", "source", "text", "trust", "reasons", "difficulty", "explanation"]
STORIES = [  # (topic, trustworthy text and source, untrustworthy text and source)
    ("transport",
     ("Port of Wellington says ferry berths close on Monday 3 March 2025 during the dockers' strike; "
      "the union confirmed the date.", "Post by @PortOfWellington (verified account of the port), 28 February 2025"),
     ("Insiders say the harbour strike will last all winter and ruin the city!",
      "Post by @WgtnHarbourNews2 (no named owner), shared 1 March 2025")),
    ("sport",
     ("Estrela Lisboa said in a club statement that midfielder Rui Tavares signed until 2028; "
      "his agent confirmed it to two outlets.", "Headline, Diario do Tejo (sports desk, named editor), 2 July 2025"),
     ("Everyone knows the Tavares transfer was fixed by secret agents. Wake up!",
      "Post by @LisbonFootballTruth, shared 3 July 2025")),
]


def write_bank(folder, per_form: int = 12, extra: list[dict] | None = None):
    """An invented items.csv: three forms of ``per_form`` items (half trustworthy, difficulty 1-3 evenly), both stories."""
    rows = []
    for form in ("form_a", "form_b", "form_c"):
        for i in range(per_form):
            topic, good, bad = STORIES[i // 2 % 2]
            trusted = i % 2 == 0
            text, source = good if trusted else bad
            rows.append({"id": f"{form[-1]}{i:02d}", "set": form, "format": "post", "topic": topic, "source": source,
                         "text": text, "trust": "yes" if trusted else "no",
                         "reasons": "attributed;known_source" if trusted else "no_source",
                         "difficulty": str(1 + (i // 2) % 3), "explanation": "The source line names who said it."})
    rows += extra or []
    path = folder / "items.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


PRACTICE = [  # a sorter item that looks alarming but is trustworthy, and a calm one that is not
    {"id": "p01", "set": "sorter", "format": "post", "topic": "safety", "source": "Post by @WellingtonCityCouncil "
     "(verified council account), 4 March 2025", "text": "Warning! Waterfront Road is closed until 6 pm for the "
     "strike march, the council said.", "trust": "yes", "reasons": "known_source", "difficulty": "2",
     "explanation": "A verified council account states the closure."},
    {"id": "p02", "set": "sorter", "format": "headline", "topic": "sport", "source": "Headline, lisbonsportsnow.co "
     "(no author), 5 July 2025", "text": "Sources reveal Estrela will sell its captain next week.", "trust": "no",
     "reasons": "no_source", "difficulty": "1", "explanation": "'Sources reveal' names nobody."},
]


@pytest.fixture
def bank(tmp_path):
    return write_bank(tmp_path, per_form=4, extra=PRACTICE)


# --- kit.sdt ---------------------------------------------------------------------------------

counts = st.integers(0, 60)


@FAST
@given(counts, counts)
def test_a_constant_responder_shows_no_discernment(signals, noise):
    assert sdt.d_prime(signals, noise, signals, noise) == 0.0  # trusts everything
    assert sdt.d_prime(0, 0, signals, noise) == 0.0  # trusts nothing


@FAST
@given(st.data())
def test_swapping_hits_and_false_alarms_negates_d_prime(data):
    signals, noise = data.draw(counts), data.draw(counts)
    hits, fas = data.draw(st.integers(0, signals)), data.draw(st.integers(0, noise))
    assert math.isclose(sdt.d_prime(fas, hits, noise, signals), -sdt.d_prime(hits, fas, signals, noise), abs_tol=1e-9)


@FAST
@given(counts, counts)
def test_trusting_everything_is_credulous_and_nothing_sceptical(signals, noise):
    if signals + noise:
        assert sdt.criterion(signals, noise, signals, noise) < 0
        assert sdt.criterion(0, 0, signals, noise) > 0


@FAST
@given(st.data())
def test_d_prime_and_c_are_finite_for_any_counts(data):
    signals, noise = data.draw(counts), data.draw(counts)
    hits, fas = data.draw(st.integers(0, signals)), data.draw(st.integers(0, noise))
    assert math.isfinite(sdt.d_prime(hits, fas, signals, noise))
    assert math.isfinite(sdt.criterion(hits, fas, signals, noise))


def test_sdt_matches_the_log_linear_formulas():
    h, f = (9 + 0.5) / 11, (2 + 0.5) / 11
    assert math.isclose(sdt.d_prime(9, 2, 10, 10), sdt.z(h) - sdt.z(f))
    assert math.isclose(sdt.criterion(9, 2, 10, 10), -(sdt.z(h) + sdt.z(f)) / 2)
    row = sdt.summary(9, 2, 10, 10)
    assert (row["hit_rate"], row["false_alarm_rate"], row["note"]) == (0.9, 0.2, "")
    assert math.isnan(sdt.summary(3, 0, 3, 0)["d_prime"]) and "no noise" in sdt.summary(3, 0, 3, 0)["note"]
    assert "no signal" in sdt.summary(0, 2, 0, 4)["note"]


def test_claim_scoring_uses_the_same_maths():
    from kit.claims.scoring import discernment

    answers = pd.DataFrame({"key": ["opinion", "opinion", "prediction", "speculation"],
                            "given": ["opinion", "prediction", "opinion", "speculation"]})
    row = discernment(answers).loc["opinion"]
    assert row["d_prime"] == round(sdt.d_prime(1, 1, 2, 2), 2)


# --- trust_responses ---------------------------------------------------------------------------

def judge(trust, confidence=3, reason=None, **more):
    return {"trust": trust, "confidence": confidence, "reason": reason, **more}


def test_responses_from_one_answers_file(bank, answers_file, monkeypatch):
    monkeypatch.setenv("KIT_STUDENT", "tui")
    record("trust.p01", judge("yes", 4, "known_source"), "correct", "trust")  # alarming, trustworthy: a hit
    record("trust.p01", judge("no"), "incorrect", "trust")  # a second try does not count
    record("trust.p02", judge("yes", 2, "attributed"), "incorrect", "trust")
    record(question_id("pre", "a01"), judge("no", 5, "no_source", form="form_a"), "recorded", "trust")
    record(question_id("delayed", "c00"), judge("no", 1), "recorded", "trust")
    record("q90.1", ["A2"], "correct", "seeds")  # another pre-test question: not a trust judgement
    record("q90.zz9", judge("yes"), "recorded", "trust")  # not an item of the bank
    record("trust.p02", {"trust": "maybe"}, "invalid", "trust")  # not a judgement
    table = trust_responses(bank=bank)
    assert table.columns.tolist() == RESPONSE_COLUMNS and table.attrs["skipped"] == []
    rows = table.set_index("item")
    assert len(table) == 4 and set(table["student"]) == {"tui"}
    assert rows.loc["p01", ["phase", "form", "trusted", "right", "confidence"]].tolist() == ["practice", "", True, True, 4]
    assert bool(rows.loc["p01", "reason_right"]) and not bool(rows.loc["p02", "reason_right"])
    assert not bool(rows.loc["p02", "right"])  # a calm headline with no source, trusted
    assert rows.loc["a01", ["phase", "form", "right"]].tolist() == ["pre", "form_a", True]
    assert rows.loc["c00", ["phase", "form", "right"]].tolist() == ["delayed", "form_c", False]
    assert pd.isna(rows.loc["c00", "reason_right"])
    assert trust_responses(answers_file, bank=trust_items(path=bank)).equals(table)  # a table works as the bank


def _hand_in(folder, student, attempts):
    (folder / student).mkdir(parents=True)
    (folder / student / "answers.json").write_text(json.dumps({"format": "media-literacy-answers/1", "attempts": attempts}))


def test_responses_from_a_submissions_folder_skip_missing_and_damaged_files(tmp_path, bank):
    subs = tmp_path / "submissions"
    _hand_in(subs, "ana", [{"question": "q91.b00", "case": "trust", "answer": judge("yes", 3, "attributed")},
                           {"question": "q91.b00", "case": "trust", "answer": judge("no")},
                           {"question": "q91.b01", "case": "trust", "answer": judge("yes")}])
    _hand_in(subs, "ben", [])
    (subs / "ben" / "answers.json").write_text("{not json")
    (subs / "cara").mkdir()
    table = trust_responses(subs, bank=bank)
    assert table[["student", "phase", "item", "right"]].values.tolist() == [
        ["ana", "post", "b00", True], ["ana", "post", "b01", False]]
    assert table.attrs["skipped"] == ["ben: answers.json is damaged or too large, so it was not read",
                                      "cara: no answers.json handed in"]


def test_a_damaged_own_file_gives_an_empty_table_with_a_note(bank, answers_file):
    answers_file.parent.mkdir(parents=True)
    answers_file.write_text("[[[")
    table = trust_responses(bank=bank)
    assert table.empty and "not a readable answers file" in table.attrs["skipped"][0]


# --- trust_scores --------------------------------------------------------------------------------

def _judged(student, phase, pairs):
    return [{"student": student, "phase": phase, "form": "form_b", "trustworthy": t, "trusted": d, "right": t == d,
             "reason_right": r} for t, d, r in pairs]


def test_scores_reward_discernment_not_suspicion():
    sceptic = _judged("sam", "pre", [(True, False, None), (True, False, None), (False, False, True), (False, False, True)])
    believer = _judged("bea", "pre", [(True, True, True), (True, True, False), (False, True, None), (False, True, None)])
    careful = _judged("cal", "post", [(True, True, True), (True, True, True), (False, False, True), (False, True, False)])
    scores = trust_scores(pd.DataFrame(sceptic + believer + careful)).set_index("student")
    assert scores.columns.tolist() == SCORE_COLUMNS[1:]
    assert scores.loc["sam", "d_prime"] == 0 and scores.loc["sam", "c"] > 0 and scores.loc["sam", "accuracy"] == 0.5
    assert scores.loc["bea", "d_prime"] == 0 and scores.loc["bea", "c"] < 0
    assert scores.loc["cal", "d_prime"] > 0.5 and scores.loc["cal", "hits"] == 2 and scores.loc["cal", "false_alarms"] == 1
    assert scores.loc["cal", "reason_accuracy"] == 0.75 and scores.loc["bea", "reason_accuracy"] == 0.5
    assert scores.loc["cal", ["hit_rate", "false_alarm_rate", "form"]].tolist() == [1.0, 0.5, "form_b"]


def test_a_phase_without_untrustworthy_items_has_a_note_not_a_d_prime():
    scores = trust_scores(pd.DataFrame(_judged("ana", "practice", [(True, True, None), (True, False, None)])))
    row = scores.iloc[0]
    assert math.isnan(row["d_prime"]) and math.isnan(row["c"]) and row["note"] == "no untrustworthy item judged in this phase: no d′ or c"
    assert row["hit_rate"] == 0.5 and math.isnan(row["reason_accuracy"])
    assert trust_scores(pd.DataFrame(columns=RESPONSE_COLUMNS)).columns.tolist() == SCORE_COLUMNS


# --- the simulation and item statistics ---------------------------------------------------------

@pytest.fixture(scope="module")
def big_bank(tmp_path_factory):
    return trust_items(path=write_bank(tmp_path_factory.mktemp("bank"), per_form=12))


@pytest.fixture(scope="module")
def simulated(big_bank):
    return simulate_responses(big_bank, students=90, seed=19, gain=0.8)


def test_the_simulation_is_seeded_and_follows_the_latin_square(big_bank, simulated):
    assert simulate_responses(big_bank, students=90, seed=19, gain=0.8).equals(simulated)
    assert not simulate_responses(big_bank, students=90, seed=20, gain=0.8).equals(simulated)
    assert simulated["student"].nunique() == 90 and simulated["student"].iloc[0] == "sim-001"
    firsts = simulated.drop_duplicates(["student", "phase"])
    assert all(form_for(s, str(p)) == f for s, p, f in zip(firsts["student"], firsts["phase"], firsts["form"]))
    assert (simulated.groupby(["student", "phase"], observed=True).size() == 12).all()
    scores = trust_scores(simulated)
    assert len(scores) == 270 and scores["note"].eq("").all()


def test_harder_items_are_judged_right_less_often(big_bank, simulated):
    stats = item_statistics(simulated).merge(big_bank[["id", "difficulty"]], left_on="item", right_on="id")
    by_level = stats.groupby("difficulty")["p_right"].mean()
    assert by_level[1] > by_level[2] > by_level[3]


def test_the_simulated_gain_shows_as_a_rise_with_an_interval_excluding_zero(simulated):
    report = transfer_report(trust_scores(simulated)).set_index("row")
    change = report.loc["post - pre"]
    assert change["students"] == 90 and change["d_prime_low"] > 0
    assert change["reading"].startswith("discernment rose: the interval excludes 0")
    assert report.loc["post", "d_prime"] > report.loc["delayed", "d_prime"] > report.loc["pre", "d_prime"]
    assert "control group" in report.attrs["note"]
    assert transfer_report(trust_scores(simulated)).equals(report.reset_index())  # seeded: the same every time


def test_distrusting_everything_more_moves_c_but_not_d_prime(big_bank):
    shifted = simulate_responses(big_bank, students=90, seed=19, gain=0.0, shift=0.5)
    change = transfer_report(trust_scores(shifted)).set_index("row").loc["post - pre"]
    assert change["c_low"] > 0 and change["d_prime_low"] < 0 < change["d_prime_high"]
    assert change["reading"].startswith("discernment: the interval includes 0: no change can be claimed; "
                                        "bias: more sceptical (c rose): the interval excludes 0; over-confidence")


def test_item_statistics_on_invented_answers():
    rows = []
    for n, student in enumerate(["ana", "ben", "cal", "dee", "eli", "fay"]):
        strong = n < 3
        rows += [{"student": student, "phase": "pre", "set": "form_a", "item": "easy", "trustworthy": True, "trusted": True},
                 {"student": student, "phase": "pre", "set": "form_a", "item": "hard", "trustworthy": False, "trusted": True},
                 {"student": student, "phase": "pre", "set": "form_a", "item": "good", "trustworthy": False, "trusted": not strong},
                 {"student": student, "phase": "pre", "set": "form_a", "item": "more", "trustworthy": True, "trusted": strong}]
    responses = pd.DataFrame(rows).assign(right=lambda t: t["trustworthy"] == t["trusted"])
    stats = item_statistics(responses).set_index("item")
    assert stats.loc["easy", "flags"] == f"too easy (more than {TOO_EASY:.0%} right)"
    assert stats.loc["hard", "flags"].startswith("too hard") and stats.loc["hard", "trust_rate"] == 1.0
    assert stats.loc["good", "flags"] == "" and stats.loc["good", "p_right"] == 0.5
    rest = np.array([1, 1, 1, 0, 0, 0])  # "more": right for the strong three, as is "good"
    assert stats.loc["good", "discrimination"] == round(float(np.corrcoef([1, 1, 1, 0, 0, 0], rest)[0, 1]), 3) == 1.0
    assert math.isnan(stats.loc["easy", "discrimination"])


def test_form_balance_on_a_parallel_bank_and_on_a_lopsided_one(tmp_path, big_bank, simulated):
    balance = form_balance(simulated, big_bank).set_index("form")
    assert balance["balanced"].all() and (balance["items"] == 12).all()
    assert (balance["difficulty_profile"] == "1:4 2:4 3:4").all()
    spread = balance["mean_p_right"].max() - balance["mean_p_right"].min()
    assert spread <= P_RIGHT_TOLERANCE and balance["d_prime_post"].notna().all()
    lopsided = big_bank.copy()
    lopsided.loc[lopsided["set"] == "form_c", "difficulty"] = 3
    lopsided.loc[lopsided["set"] == "form_c", "trustworthy"] = True
    sim = simulate_responses(lopsided, students=90, seed=19)
    rows = form_balance(sim, lopsided).set_index("form")
    assert not rows.loc["form_c", "balanced"] and not rows.loc["form_c", "half_trustworthy"]
    assert not rows.loc["form_c", "same_difficulty"] and "difficulty" in rows.loc["form_c", "note"]
    assert rows.loc["form_a", "half_trustworthy"] and not rows.loc["form_a", "same_difficulty"]


# --- the report and its chart --------------------------------------------------------------------

def _scores(students, pre, post):
    return pd.DataFrame([{"student": f"s{i}", "phase": phase, "d_prime": d, "c": 0.1 * i}
                         for i in range(students) for phase, d in (("pre", pre + 0.01 * i), ("post", post + 0.02 * i))])


def test_few_students_get_means_but_no_interval():
    report = transfer_report(_scores(MIN_STUDENTS - 1, 0.2, 0.9)).set_index("row")
    assert report.loc["post - pre", "students"] == MIN_STUDENTS - 1
    assert report.loc["post - pre", "reading"] == f"fewer than {MIN_STUDENTS} students: no interval"
    assert math.isnan(report.loc["post", "d_prime_low"]) and report.loc["post", "d_prime"] > 0.9
    assert report.loc["delayed", "reading"] == "no student took this test yet"
    assert report.loc["delayed - pre", "reading"] == "no student took both tests yet"


def test_a_change_needs_both_tests_and_a_fall_is_read_as_a_fall():
    scores = _scores(8, 1.5, 0.3)
    scores = pd.concat([scores, pd.DataFrame([{"student": "late", "phase": "post", "d_prime": 3.0, "c": 0.0}])])
    report = transfer_report(scores).set_index("row")
    assert report.loc["post", "students"] == 9 and report.loc["post - pre", "students"] == 8
    assert report.loc["post - pre", "reading"].startswith("discernment fell: the interval excludes 0")


@pytest.mark.parametrize("students", [0, 1, 6])
def test_the_chart_draws_on_empty_one_student_and_class_tables(students):
    scores = _scores(students, 0.4, 1.0) if students else pd.DataFrame(columns=["student", "phase", "d_prime", "c"])
    spec = transfer_chart(scores).to_dict()
    assert len(spec["hconcat"]) == 3 and spec["description"].endswith(".")
    colours = json.dumps(spec)
    assert all(PALETTE["series"][name] in colours for name in ("main", "reference", "each"))
    if students == 0:
        assert "No transfer-test scores yet." in colours
    else:
        assert "discernment d′ pre 0.4" in spec["description"]
        assert spec["description"].endswith(f"students: pre {students}, post {students}.")


# --- confidence: over-confidence per student, in the report, and by level -------------------------

def _rated(confidences, rights, phase="pre", student="ana"):
    return pd.DataFrame({"student": student, "phase": phase, "trustworthy": [True, False] * (len(rights) // 2),
                         "confidence": pd.array(confidences, dtype="Int64"), "right": rights}).assign(
        trusted=lambda t: t["trustworthy"] == t["right"])


def test_over_confidence_is_promised_minus_right_per_student():
    certain_half_right = trust_scores(_rated([5, 5, 5, 5], [True, False, True, False])).iloc[0]
    assert certain_half_right["overconfidence"] == 0.5
    guessing_all_right = trust_scores(_rated([1, 1, 1, 1], [True, True, True, True])).iloc[0]
    assert guessing_all_right["overconfidence"] == -0.5
    unrated = trust_scores(_rated([None, None], [True, False])).iloc[0]
    assert math.isnan(unrated["overconfidence"]) and unrated["accuracy"] == 0.5


def test_a_class_that_grows_surer_but_not_better_shows_in_over_confidence_not_d_prime(big_bank):
    sim = simulate_responses(big_bank, students=90, seed=19, gain=0.0)
    sim.loc[sim["phase"] == "post", "confidence"] = 5
    change = transfer_report(trust_scores(sim)).set_index("row").loc["post - pre"]
    assert change["overconfidence_low"] > 0 and change["d_prime_low"] < 0 < change["d_prime_high"]
    assert change["reading"].startswith("discernment: the interval includes 0")
    assert change["reading"].endswith("over-confidence rose (surer, relative to right answers): the interval excludes 0")


def test_the_calibration_table_counts_each_level_per_phase(simulated):
    table = trust_calibration(simulated)
    assert table.columns.tolist() == CALIBRATION_COLUMNS
    assert table.groupby("phase")["confidence"].apply(list).to_dict() == {t: [1, 2, 3, 4, 5] for t in TIMES}
    assert table["judgements"].sum() == len(simulated)
    assert table["promised"].tolist()[:5] == [0.5, 0.625, 0.75, 0.875, 1.0]
    rows = trust_calibration(_rated([5, 5, None, 2], [True, False, True, True])).set_index("confidence")
    assert rows.loc[5, "judgements"] == 2 and rows.loc[5, "share_right"] == 0.5
    assert rows.loc[2, "share_right"] == 1.0 and rows.loc[3, "judgements"] == 0 and math.isnan(rows.loc[3, "share_right"])
    assert trust_calibration(_rated([], [])).empty
