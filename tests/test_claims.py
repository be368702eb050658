"""Lesson 01: the claim key, check_claim, discernment scoring, calibration and the baseline."""

import csv

import pandas as pd
import pytest

import kit
from helpers import ROOT, copy_seeds, edit_row, make_case, read_rows, write_rows, run_kit
from kit.core.registry import key_schema

KEY_FILE = ROOT / "seeds" / "keys" / "claims.csv"


# --- the key -----------------------------------------------------------------

def test_key_is_big_enough_and_covers_every_article():
    key = kit.claim_key()
    assert len(key) >= 100
    per_article = key["article_id"].value_counts()
    assert set(per_article.index) == {"A0", "A1", "A2", "A3", "A4"}
    assert per_article.min() >= 15, per_article.to_dict()


def test_the_seed_claim_key_passes_the_claims_validator():
    """The registered validator (fields, labels, ids) and the core's shared checks (verbatim quotes in their sentences)."""
    schema = key_schema("claims")
    assert schema is not None, "the claims skill registers a validator for keys/claims.csv"
    _, rows = read_rows(KEY_FILE)
    problems: list[str] = []
    schema.validate(list(enumerate(rows, start=2)), "seeds/keys/claims.csv", kit.load_case(), problems)
    assert problems == []
    assert kit.validate_case() == []
    assert len({(r["file"], r["quote"]) for r in rows}) == len(rows), "a quote is keyed twice"
    assert not any("\n" in r["rationale"] for r in rows), "a rationale is one line (it is shown as feedback)"


def test_labels_are_balanced_enough_to_measure_discernment():
    counts = kit.claim_key()["label"].value_counts()
    assert set(counts.index) == set(kit.LABELS)
    assert counts.min() >= 8, counts.to_dict()
    assert counts.max() <= 0.4 * counts.sum(), "one label dominates: guessing it would look good"


def test_two_worked_examples_per_label():
    examples = kit.claim_examples()
    assert examples["label"].tolist() == [label for label in kit.LABELS for _ in range(2)]
    assert examples["article_id"].nunique() >= 3


def _label_of(fragment, file_prefix):
    key = kit.claim_key()
    rows = key[key["quote"].str.contains(fragment, regex=False) & key["file"].str.startswith(file_prefix)]
    assert len(rows) >= 1, fragment
    return rows


@pytest.mark.parametrize(
    "prefix, fragment, label",
    [
        ("004", "leading Republican candidate", "verifiable_fact"),
        ("004", "front-runner in the 2024 presidential race", "verifiable_fact"),
        ("004", "As Trump campaigns for the presidency", "verifiable_fact"),
        ("000", "It is clear that Trump initiated to conversation", "speculation"),
        ("000", "These are certainly valid questions.", "opinion"),
        ("001", "swiftly debunked", "loaded_framing"),
        ("002", "Did Trump Really Call Putin Late Last Week?", "loaded_framing"),
        ("002", "probably fake news", "speculation"),
    ],
)
def test_hard_cases_are_keyed(prefix, fragment, label):
    rows = _label_of(fragment, prefix)
    assert label in set(rows["label"]), rows[["id", "label"]].to_dict("records")


def test_out_of_date_statements_are_explained_as_checkable_but_wrong():
    for fragment in ("leading Republican candidate", "upcoming U.S. elections", "front-runner"):
        rationale = " ".join(_label_of(fragment, "004")["rationale"]).lower()
        assert any(w in rationale for w in ("out of date", "outdated", "no longer", "already", "false")), fragment


def test_key_validation_rejects_unknown_label_and_empty_field(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "keys" / "claims.csv", 0, label="fact")
    edit_row(case / "keys" / "claims.csv", 1, rationale="")
    problems = kit.validate_case(case)
    assert any("field 'label': 'fact' is not a label; use one of verifiable_fact" in p for p in problems)
    assert any("the field 'rationale' is empty" in p for p in problems)


def test_key_quote_in_wrong_sentence_is_rejected(tmp_path):
    case = copy_seeds(tmp_path)
    header, rows = read_rows(case / "keys" / "claims.csv")
    first = rows[0]
    wrong = "A0.S48" if first["sentence_id"] != "A0.S48" else "A0.S2"
    first["sentence_id"] = wrong
    write_rows(case / "keys" / "claims.csv", header, rows)
    problems = kit.validate_case(case)
    assert any(f"field 'sentence_id': the quote is not in {wrong}" in p for p in problems), problems


# --- checking one claim ------------------------------------------------------

def _claim(fragment):
    key = kit.claim_key()
    return key[key["quote"].str.contains(fragment, regex=False)].iloc[0]


def test_check_claim_correct_and_incorrect_give_the_rationale(answers_file):
    row = _claim("swiftly debunked")
    right = kit.check_claim(row["id"], "Loaded framing", 4)
    assert right.correct and row["rationale"] in right.message
    wrong = kit.check_claim(row["id"], "attributed_statement", 5)
    assert wrong.status == "incorrect"
    assert wrong.message.startswith("The key says loaded_framing, not attributed_statement.")
    attempts = kit.answers()
    assert attempts["answer"].tolist() == [
        {"label": "loaded_framing", "confidence": 4},
        {"label": "attributed_statement", "confidence": 5},
    ]


@pytest.mark.parametrize(
    "claim, label, confidence, expected",
    [
        ("A9.C1", "opinion", 3, "There is no claim 'A9.C1' in the key"),
        (None, "opinion", 3, "There is no claim None"),
        ("first", "fact", 3, "'fact' is not a label; use one of verifiable_fact"),
        ("first", 3, 3, "3 (not a string in quotes) is not a label"),
        ("first", "opinion", 7, "Confidence is a whole number from 1 (guessing) to 5 (certain); you gave 7."),
        ("first", "opinion", "high", "you gave 'high'"),
    ],
)
def test_check_claim_bad_input_is_one_sentence(answers_file, claim, label, confidence, expected):
    claim_id = kit.claim_key()["id"].iloc[0] if claim == "first" else claim
    feedback = kit.check_claim(claim_id, label, confidence)
    assert feedback.status == "invalid" and expected in feedback.message
    assert not answers_file.exists()


def test_responses_use_the_first_answer(answers_file):
    row = _claim("swiftly debunked")
    kit.check_claim(row["id"], "attributed_statement", 5)
    kit.check_claim(row["id"], "loaded_framing", 5)
    first = kit.claim_responses()
    assert first[["given", "correct"]].values.tolist() == [["attributed_statement", False]]
    last = kit.claim_responses(first=False)
    assert last["given"].tolist() == ["loaded_framing"]


# --- scoring -----------------------------------------------------------------

def test_discernment_of_a_guesser_is_zero_and_of_a_perfect_student_is_high():
    key = kit.claim_key()[["label"]].rename(columns={"label": "key"})
    guesser = kit.discernment(key.assign(given="verifiable_fact"))
    facts = guesser.loc["verifiable_fact"]
    assert facts["hit_rate"] == 1.0 and facts["false_alarm_rate"] == 1.0
    assert abs(facts["d_prime"]) < 0.5
    perfect = kit.discernment(key.assign(given=key["key"]))
    assert (perfect["false_alarms"] == 0).all() and (perfect["d_prime"] > 2).all()
    assert perfect["claims"].sum() == len(key)


def test_discernment_counts():
    answers = pd.DataFrame(
        {"key": ["opinion", "opinion", "speculation", "prediction"], "given": ["opinion", "speculation", "opinion", "prediction"]}
    )
    table = kit.discernment(answers)
    assert table.loc["opinion", ["hits", "misses", "false_alarms", "correct_rejections"]].tolist() == [1, 1, 1, 1]
    assert table.loc["prediction", "hit_rate"] == 1.0 and table.loc["prediction", "false_alarm_rate"] == 0.0
    assert pd.isna(table.loc["loaded_framing", "hit_rate"])


def test_confusion_table_has_all_labels_and_counts():
    answers = pd.DataFrame({"key": ["opinion", "opinion", "prediction"], "given": ["opinion", "speculation", "opinion"]})
    table = kit.confusion(answers)
    assert list(table.index) == list(kit.LABELS) == list(table.columns)
    assert table.loc["opinion", "opinion"] == 1 and table.loc["opinion", "speculation"] == 1
    assert table.loc["prediction", "opinion"] == 1 and table.values.sum() == 3


def test_calibration_table_and_chart_spec():
    answers = pd.DataFrame({"confidence": [1, 5, 5, 5, None], "correct": [False, True, True, False, True]})
    table = kit.calibration(answers)
    assert table["answers"].tolist() == [1, 0, 0, 0, 3]
    assert table.loc[5, "accuracy"] == pytest.approx(2 / 3)
    assert table.loc[1, "promised"] == pytest.approx(1 / 6, abs=1e-3) and table.loc[5, "promised"] == 1.0
    spec = kit.calibration_chart(answers).to_dict()
    bars, text, line = spec["layer"]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["y"]["field"] == "accuracy"
    assert line["encoding"]["y"]["field"] == "promised" and line["mark"]["strokeDash"] == [4, 3]
    assert bars["encoding"]["x"]["field"] == "confidence"
    rows = next(iter(spec["datasets"].values()))
    assert [r["answers"] for r in rows] == [1, 0, 0, 0, 3]


def test_calibration_chart_with_no_answers_still_renders():
    import vl_convert as vlc

    empty = kit.claim_responses(path="/nonexistent/answers.json")
    svg = vlc.vegalite_to_svg(kit.calibration_chart(empty).to_dict())
    assert "<svg" in svg


# --- the baseline ------------------------------------------------------------

@pytest.mark.parametrize(
    "text, label, cue",
    [
        ("Why would the Kremlin deny it?", "speculation", "question mark"),
        ("Peskov swiftly debunked these reports.", "loaded_framing", "swiftly"),
        ("“We do not comment,” he said.", "attributed_statement", "quotation mark"),
        ("According to Peskov, the talks are off.", "attributed_statement", "according to"),
        ("It’ll take more than one call.", "prediction", "’ll"),
        ("The report will be published.", "prediction", "will"),
        ("The report may be wrong.", "speculation", "may"),
        ("These are certainly valid questions.", "opinion", "certainly"),
        ("Russia launched 145 drones.", "verifiable_fact", "has a number"),
        ("The sky is blue.", "verifiable_fact", "default"),
        ("Willpower mayhem", "verifiable_fact", "default"),  # cue words only as whole words
    ],
)
def test_baseline_rules_and_their_cues(text, label, cue):
    got, why = kit.guess_label(text)
    assert got == label and cue in why.lower()


def _report_sentences():
    """The seeds' sentences that are claims material: boilerplate (page text) left out."""
    sentences = kit.load_case().sentences
    return sentences[sentences["kind"] != "boilerplate"]


def test_baseline_on_every_sentence_and_against_the_key():
    guesses = kit.guess_sentences()
    assert list(guesses["sentence_id"]) == list(_report_sentences()["sentence_id"])  # boilerplate is no claim
    assert set(guesses["label"]) <= set(kit.LABELS) and guesses["cue"].str.len().gt(0).all()
    comparison = kit.baseline_vs_key()
    assert len(comparison) == len(kit.claim_key())
    assert 0.2 < comparison["agree"].mean() < 0.9
    row = comparison[comparison["quote"].str.startswith("It is clear that Trump initiated")].iloc[0]
    assert row["baseline"] == "opinion" and row["key"] == "speculation"  # a certainty marker, not evidence


# --- exports -----------------------------------------------------------------

def _export(*args):
    return run_kit("export", *args)


def test_export_claims_on_the_seeds():
    result = _export("claims")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert list(rows[0]) == ["file", "quote", "label", "who_asserts", "original_source", "rationale"]
    key = kit.claim_key()
    assert sorted((r["file"], r["quote"], r["label"]) for r in rows) == sorted(zip(key["file"], key["quote"], key["label"]))


def test_export_claim_guesses_on_the_seeds():
    result = _export("claim-guesses")
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert list(rows[0]) == ["file", "sentence_id", "text", "label", "rule", "cue"]
    assert len(rows) == len(_report_sentences())


def test_exports_work_on_a_case_with_no_key(tmp_path):
    case = make_case(
        tmp_path,
        {"wire.txt": "Officials said the talks would resume.\nWill they succeed? Critics call it a so-called deal.\n"},
        {"wire.txt": {"outlet": "Wire", "genre": "news", "published": "2025-02-03"}},
        name="new_case",
    )
    guesses = _export("claim-guesses", "--case", str(case))
    assert guesses.returncode == 0
    rows = list(csv.DictReader(guesses.stdout.splitlines()))
    assert [r["label"] for r in rows] == ["attributed_statement", "speculation", "loaded_framing"]
    claims = _export("claims", "--case", str(case))
    assert claims.returncode == 0
    assert claims.stdout.strip() == "file,quote,label,who_asserts,original_source,rationale"
    assert "has no rows for 'claims'" in claims.stderr


def test_export_on_a_broken_case_is_one_sentence(tmp_path):
    result = _export("claims", "--case", str(tmp_path / "missing"))
    assert result.returncode == 1 and "Traceback" not in result.stderr and "does not exist" in result.stderr


def test_d_prime_is_not_reported_for_labels_never_given():
    """A guesser that labels everything a fact has no d′ for the five labels it never used (lesson 01's example)."""
    key = kit.claim_key()
    guesser = key[["label"]].rename(columns={"label": "key"}).assign(given="verifiable_fact")
    table = kit.discernment(guesser)
    unused = table.drop(index="verifiable_fact")
    assert unused["d_prime"].isna().all() and set(unused["note"]) == {"never given: no d′"}
    assert table.loc["verifiable_fact", "d_prime"] == 0
    assert table.loc["verifiable_fact", "note"].startswith("given to every claim")
