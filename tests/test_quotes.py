"""Lesson 02: quote extraction, attribution, grouping across articles, chains and the provenance graph."""

import csv
import subprocess
import sys
from collections import defaultdict
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from helpers import ROOT, copy_seeds, edit_row, kit_attributes, make_case, read_rows, write_rows, run_kit
from kit.core.registry import key_schema

clean_quote, extract_quotes, group_quotes, similarity, GRADES, GRADE_RULES = kit_attributes(
    "clean_quote", "extract_quotes", "group_quotes", "similarity", "GRADES", "GRADE_RULES")


def _case(tmp_path, text, name="wire.txt"):
    """A one-article case from a newswire."""
    return make_case(tmp_path, {name: text}, {name: {"outlet": "Wire", "genre": "news", "published": "2025-02-03"}})


# --- extraction and attribution -----------------------------------------------

@pytest.mark.parametrize(
    "sentence, text, speaker, verb",
    [
        ("“We will talk,” Maria Zakharova said on Monday.", "We will talk,", "Maria Zakharova", "said"),
        ("“We will talk,” said Maria Zakharova.", "We will talk,", "Maria Zakharova", "said"),
        ("According to Kremlin spokesperson Dmitry Peskov, the call was “pure fiction”.", "pure fiction", "Dmitry Peskov", "according to"),
        ('Minister Ana Lopez told reporters: "No deal yet."', "No deal yet.", "Ana Lopez", "told"),
        ("Peskov warned, “Nothing can be ruled out.”", "Nothing can be ruled out.", "Peskov", "warned"),
        ("Labeling it “fake,” Ana Lopez walked out.", "fake,", "Ana Lopez", "labeling"),
        ("The slogan “strong leadership” returned.", "strong leadership", "", ""),
    ],
)
def test_attribution_rules(tmp_path, sentence, text, speaker, verb):
    q = extract_quotes(_case(tmp_path, sentence + "\n"))
    assert len(q) == 1
    row = q.iloc[0]
    assert (row["text"], row["speaker"], row["verb"]) == (text, speaker, verb)


def test_pronoun_resolves_to_previous_named_speaker(tmp_path):
    text = "“First,” Dmitry Peskov said.\n“Second,” he emphasized.\n"
    q = extract_quotes(_case(tmp_path, text))
    assert q["speaker"].tolist() == ["Dmitry Peskov", "Dmitry Peskov"]


def test_pronoun_without_a_named_speaker_is_marked(tmp_path):
    q = extract_quotes(_case(tmp_path, "“Alone,” she said.\n"))
    assert q["speaker"].item() == "she (not named)"


def test_apostrophes_are_not_quotes_and_single_curly_quotes_are(tmp_path):
    q = extract_quotes(_case(tmp_path, "‘Pure Fiction’: Trump’s team and Putin’s aides didn’t talk.\n"))
    assert q["text"].tolist() == ["Pure Fiction"]


def test_unbalanced_marks_are_reported_not_raised(tmp_path):
    text = "He said “this never ends\nNext paragraph” closes late.\nA stray ” mark.\n"
    q = extract_quotes(_case(tmp_path, text))
    problems = [p for p in q["problem"] if p]
    assert any("is never closed in its paragraph" in p for p in problems)
    assert any("a closing ” with no opening mark" in p for p in problems)


def test_quotes_point_into_the_raw_text(tmp_path):
    case = kit.load_case()
    q = extract_quotes(case)
    for row in q.itertuples():
        raw = case.raw(row.file)[row.start : row.end]
        assert " ".join(raw.split()) == row.text
        assert row.sentence_id.startswith(row.article_id + ".")


def test_seed_quotes_and_speakers():
    q = extract_quotes()
    by_text = {r.text: r for r in q.itertuples()}
    assert by_text["simply false information"].speaker == "Dmitry Peskov"
    assert by_text["we do not comment on private calls between President Trump and other world leaders."].speaker == "Steven Cheung"
    assert by_text["There are no concrete plans yet."].speaker == "Dmitry Peskov"  # "Peskov" unified with the full name
    assert by_text["'I’m not sure whom I should trust less..."].speaker == "Helmut Brandstdtter"  # the text's spelling
    long_a0 = next(r for r in q.itertuples() if r.text.startswith("This is a particularly vivid example"))
    assert long_a0.speaker == "Dmitry Peskov" and long_a0.verb == "emphasized"


# --- grouping -------------------------------------------------------------------

def test_similarity_relations_for_grouping():
    assert similarity("pure fiction", "pure fiction") == ("verbatim", 100.0)
    assert similarity("pure fiction", "it is pure fiction simply fake news")[0] == "truncated"
    assert similarity("pure", "pure fiction")[0] == "none"  # one word is not an excerpt
    assert similarity("the quality of information published these days", "the quality of the information that is being published now")[0] == "reworded"
    assert similarity("talks on the border resumed", "fishing quotas were agreed")[0] == "none"
    assert clean_quote("[Washington Post's](#)") == "washington post's"


def test_statement_ids_follow_first_appearance_and_group_identical_text():
    q = _quotes(("A1", "no deal today"), ("A1", "a different matter entirely"), ("A2", "No deal today!"), ("A3", "unrelated words here"))
    out = group_quotes(q)
    assert out["statement_id"].tolist() == ["S1", "S2", "S1", "S3"]
    assert out["match"].tolist() == ["reference", "unique", "verbatim", "unique"]
    assert out["reference"].tolist() == ["A1.Q1", "A1.Q2", "A1.Q1", "A3.Q1"]


# --- the reference rendering ----------------------------------------------------

FULL = "It is absolutely untrue. It is pure fiction, simply fake news"


def _quotes(*rows: tuple[str, str]) -> pd.DataFrame:
    """A quotes table from ``(article_id, text)`` pairs, numbered per article."""
    counts: dict[str, int] = defaultdict(int)
    ids = []
    for aid, _ in rows:
        counts[aid] += 1
        ids.append(f"{aid}.Q{counts[aid]}")
    return pd.DataFrame({"quote_id": ids, "article_id": [a for a, _ in rows], "text": [t for _, t in rows]})


def _graded(*rows: tuple[str, str], published=None) -> dict[str, tuple[str, str]]:
    """``{quote_id: (match, reference)}`` of a tiny invented quotes table."""
    out = group_quotes(_quotes(*rows), published)
    return {r.quote_id: (r.match, r.reference) for r in out.itertuples()}


def test_reference_rule_shared_wording_picks_the_fullest_rendering_with_it():
    out = group_quotes(_quotes(("A1", "pure fiction"), ("A2", "Pure fiction."), ("A3", FULL), ("A4", "absolutely untrue, simply false information")))
    assert set(out["reference"]) == {"A3.Q1"}
    assert out["reference_basis"].iloc[0] == (
        "no article is dated earliest (undated: A1, A2, A3, A4); A3.Q1 is the fullest rendering "
        "and contains 'pure fiction', the words 3 of 4 articles share")


def test_reference_rule_earliest_dated_article():
    rows = (("A1", FULL), ("A2", "pure fiction"), ("A3", "It is pure fiction, simply fake"))
    days = {"A1": date(2024, 11, 12), "A2": date(2024, 11, 11), "A3": date(2024, 11, 13)}
    out = group_quotes(_quotes(*rows), days)
    assert set(out["reference"]) == {"A2.Q1"} and out["reference_basis"].iloc[0] == "earliest dated: A2 (2024-11-11)"
    assert out["match"].tolist() == ["extended", "reference", "extended"]


@pytest.mark.parametrize("days, reason", [
    ({"A1": date(2024, 11, 11), "A2": date(2024, 11, 11)}, "(A1 and A2 share the earliest date, 2024-11-11)"),
    ({"A1": date(2024, 11, 11)}, "(undated: A2)"),
])
def test_earliest_dated_needs_every_date_and_one_strictly_earliest(days, reason):
    out = group_quotes(_quotes(("A1", "pure fiction"), ("A2", FULL)), days)
    assert set(out["reference"]) == {"A2.Q1"}
    assert out["reference_basis"].iloc[0].startswith(f"no article is dated earliest {reason}; A2.Q1 is the fullest")


def test_reference_rule_one_article_grades_unique_unless_an_excerpt():
    out = group_quotes(_quotes(("A1", FULL), ("A1", "fake news"), ("A1", FULL), ("A1", "It is absolutely untrue, simply fake news")))
    assert out["match"].tolist() == ["unique", "truncated", "unique", "unique"]
    assert set(out["reference"]) == {"A1.Q1"}
    assert out.loc[0, "reference_basis"] == "rendered in A1 only; A1.Q1 is its fullest rendering"


def test_same_article_repeats_are_not_cross_article_evidence():
    out = group_quotes(_quotes(("A1", "fair use"), ("A1", "fair use")))
    assert out["statement_id"].tolist() == ["S1", "S1"] and out["match"].tolist() == ["unique", "unique"]


def test_no_shared_pair_of_words_falls_back_to_the_fullest_rendering():
    out = group_quotes(_quotes(("A1", "talks on the border resumed today"), ("A2", "border talks resumed")))
    assert out["statement_id"].nunique() == 1
    assert out["reference_basis"].iloc[0].endswith("no two articles share two words in a row; A1.Q1 is the fullest rendering")


# --- grades against the reference -------------------------------------------------

@pytest.mark.parametrize("text, grade", [
    (FULL, "verbatim"),
    ("it is ABSOLUTELY untrue, it is pure fiction; simply fake news!", "verbatim"),  # after normalisation
    ("pure fiction", "truncated"),
    ("fake news", "truncated"),
    ("It is absolutely untrue. It is pure fiction", "truncated"),
    ("It is absolutely untrue, simply fake news", "fused"),  # the middle dropped
    ("It is absolutely untrue and simply fake news", "fused"),  # one connecting word
    ("absolutely untrue it is pure fiction, simply false information", "reworded"),
    ("It is absolutely false. It is pure fiction, simply fake news", "reworded"),  # a word swapped, not a fusion
    ("it is absolutely untrue, simply false information", "reworded"),
    ("fake news and pure fiction, absolutely untrue", "paraphrase"),
])
def test_grades_against_the_reference(text, grade):
    graded = _graded(("A1", FULL), ("A2", FULL), ("A3", text))
    assert graded["A1.Q1"] == ("reference", "A1.Q1") and graded["A2.Q1"] == ("verbatim", "A1.Q1")
    assert graded["A3.Q1"] == (grade, "A1.Q1")


def test_a_rendering_joined_through_another_rendering_is_a_paraphrase():
    grade_rendering, Comparison = kit_attributes("grade_rendering", "Comparison")
    assert grade_rendering(Comparison("talks resumed at the border", "pure fiction simply fake news", False, 2)) == "paraphrase"


def test_a_rendering_whose_words_differ_is_never_verbatim():
    graded = _graded(("A1", FULL), ("A2", "It is pure fiction, simply fake news"), ("A3", "It is pure fiction, simply fake"))
    assert graded["A2.Q1"] == ("truncated", "A1.Q1") and graded["A3.Q1"] == ("truncated", "A1.Q1")


def test_an_unchanged_rendering_is_not_graded_by_what_another_outlet_did():
    before = _graded(("A1", FULL), ("A2", "pure fiction, simply fake news"), ("A3", "pure fiction"))
    after = _graded(("A1", FULL), ("A2", "pure fiction, simply false information"), ("A3", "pure fiction"))
    assert before["A3.Q1"] == after["A3.Q1"] == ("truncated", "A1.Q1")
    assert after["A2.Q1"] == ("reworded", "A1.Q1")


def test_grade_rules_are_a_table_of_small_predicates():
    assert [g for g, _ in GRADE_RULES][:4] == ["reference", "unique", "verbatim", "truncated"]
    assert all(callable(rule) for _, rule in GRADE_RULES)
    assert "altered" not in GRADES and {"reworded", "fused", "truncated", "extended"} <= set(GRADES)


def test_diff_against_the_reference():
    out = group_quotes(_quotes(("A1", FULL), ("A2", "It is pure fiction, simply false information"), ("A3", FULL)))
    diffs = dict(zip(out["quote_id"], out["diff"]))
    assert diffs == {"A1.Q1": "", "A3.Q1": "",
                     "A2.Q1": "left out: 'It is absolutely untrue.' · changed: 'fake news' → 'false information'"}
    longer = "The quality of information these days. It is pure fiction, simply fake news"
    out = group_quotes(_quotes(("A1", longer), ("A2", "simply false information"), ("A3", "pure fiction")))
    assert out["match"].tolist() == ["reference", "reworded", "truncated"]
    assert out["diff"].tolist()[1:] == [
        "left out: 'The quality of information … is pure fiction,' · changed: 'fake news' → 'false information'",
        "left out: 'The quality of information these days. It is' · left out: 'simply fake news'"]


def test_word_diff_side_by_side():
    diff = kit.word_diff("It is pure fiction, simply fake news", "simply false information")
    assert diff.to_dict("records") == [
        {"change": "left out", "first": "It is pure fiction,", "second": ""},
        {"change": "same", "first": "simply", "second": "simply"},
        {"change": "changed", "first": "fake news", "second": "false information"},
    ]


# --- properties of the grades -------------------------------------------------------

PROPERTY = settings(deadline=None, max_examples=100, database=None, suppress_health_check=[HealthCheck.too_slow])
invented_words = st.lists(st.text(alphabet="abcdefghijklmnop", min_size=3, max_size=8), min_size=3, max_size=20)


@PROPERTY
@given(invented_words, st.data())
def test_any_contiguous_excerpt_of_two_words_or_more_is_truncated(words, data):
    n = data.draw(st.integers(min_value=2, max_value=len(words) - 1), label="length")
    start = data.draw(st.integers(min_value=0, max_value=len(words) - n), label="start")
    reference = " ".join(words)
    excerpt = " ".join(words[start : start + n])
    graded = _graded(("A1", reference), ("A2", excerpt.upper() + "."))
    assert graded == {"A1.Q1": ("reference", "A1.Q1"), "A2.Q1": ("truncated", "A1.Q1")}


@PROPERTY
@given(invented_words)
def test_a_copy_of_the_reference_is_verbatim(words):
    text = " ".join(words)
    graded = _graded(("A1", text), ("A2", f"“{text.capitalize()}”"))
    assert graded == {"A1.Q1": ("reference", "A1.Q1"), "A2.Q1": ("verbatim", "A1.Q1")}


# --- the seeds -------------------------------------------------------------------

def test_denial_renderings_across_the_seeds():
    table = kit.trace_quotes()
    denial = table[table["statement_id"] == "S1"].set_index("quote_id")
    assert set(denial["article_id"]) == {"A0", "A1", "A2", "A3", "A4"}
    assert set(denial["reference"]) == {"A0.Q3"} and denial.loc["A0.Q3", "match"] == "reference"
    assert "contains 'pure fiction', the words 4 of 5 articles share" in denial.loc["A0.Q3", "reference_basis"]
    assert denial.loc["A0.Q2", ["text", "match"]].tolist() == ["fake news.", "truncated"]
    assert denial.loc["A3.Q1", ["text", "match"]].tolist() == ["simply false information", "reworded"]
    assert denial.loc["A3.Q1", "diff"].endswith("changed: 'fake news,' → 'false information'")
    assert denial.loc["A1.Q3", "match"] == "reworded"
    pure = denial[denial["text"].map(clean_quote) == "pure fiction"]
    assert len(pure) == 8 and set(pure["match"]) == {"truncated"}
    assert "verbatim" not in set(denial["match"])
    others = table[table["statement_id"] != "S1"]
    assert set(others["match"]) == {"unique"}, "no other statement is quoted in two articles"


def test_statements_summary():
    summary = kit.quoted_statements()
    top = summary.iloc[0]
    assert top.name == "S1" and top["articles"] == 5 and top["speakers"] == "Dmitry Peskov, Kremlin"  # A2 gives the denial to the Kremlin ("The first called it")
    assert top["reference_id"] == "A0.Q3" and top["reference"].startswith("This is a particularly vivid example")
    assert (top["truncated"], top["reworded"], top["verbatim"]) == (9, 2, 0)
    assert sum(top[g] for g in GRADES if g != "reference") == top["renderings"] - 1


# --- chains ------------------------------------------------------------------

def test_chains_key_shape():
    chains = kit.source_chains()
    per_article = chains.groupby("chain")["article_id"].first().value_counts()
    assert len(per_article) == 5 and per_article.min() >= 4 and chains["chain"].nunique() >= 24
    ends = chains.groupby("chain")["relation"].last()
    assert set(ends) <= {"first appearance", "not traceable"}
    assert (ends == "not traceable").sum() >= 3 and (ends == "first appearance").sum() >= 12



def test_the_seed_chains_pass_the_sources_validator():
    """Relations, step order, ends, dates, notes (the skill's validator) and verbatim quotes (the core's)."""
    schema = key_schema("sources")
    assert schema is not None, "the quotes skill registers a validator for keys/sources.csv"
    _, rows = read_rows(ROOT / "seeds" / "keys" / "sources.csv")
    problems: list[str] = []
    schema.validate(list(enumerate(rows, start=2)), "seeds/keys/sources.csv", kit.load_case(), problems)
    assert problems == []
    assert kit.validate_case() == []


def test_chains_cover_the_lesson_questions():
    chains = kit.source_chains()
    t8 = chains[chains["chain"] == "T8"]
    assert t8["source"].tolist()[-1] == "The Washington Post" and "Reuters" in t8["source"].tolist()
    a4_first = chains[(chains["article_id"] == "A4") & chains["quote"].str.contains("some media outlets")]
    assert "not traceable" in set(a4_first["relation"])
    cheung = chains[chains["source"] == "Steven Cheung"]
    assert {"A2", "A3", "A4"} <= set(cheung["article_id"])


@pytest.mark.parametrize(
    "field, value, expected",
    [
        ("relation", "quotes", "is not a relation; use one of quotes directly"),
        ("claim_id", "A9.C9", "'A9.C9' is not a claim of keys/claims.csv"),
        ("when", "10 Nov", "field 'when': '10 Nov' is not a date"),
        ("step", "two", "field 'step': 'two' is not a whole number"),
    ],
)
def test_chain_validation(tmp_path, field, value, expected):
    case = copy_seeds(tmp_path)
    edit_row(case / "keys" / "sources.csv", 0, **{field: value})
    problems = kit.validate_case(case)
    assert any(expected in p for p in problems), problems


def test_chain_must_end_at_a_first_appearance_or_not_traceable(tmp_path):
    case = copy_seeds(tmp_path)
    header, rows = read_rows(case / "keys" / "sources.csv")
    last = max(i for i, r in enumerate(rows) if r["chain"] == "T1")
    rows[last]["relation"] = "paraphrases"
    write_rows(case / "keys" / "sources.csv", header, rows)
    assert any("chain T1 ends with 'paraphrases'" in p for p in kit.validate_case(case))


# --- provenance graph ----------------------------------------------------------

def test_provenance_edges_on_the_seeds():
    edges = kit.provenance_edges(use_key=False)
    pairs = set(zip(edges["source"], edges["target"], edges["kind"]))
    assert ("Dmitry Peskov", "A3 · outlet not stated", "quotes directly") in pairs
    assert ("Steven Cheung", "A3 · outlet not stated", "quotes directly") in pairs
    assert ("Reuters", "A1 · outlet not stated", "cites without quoting") in pairs
    post = "Washington Post (also printed 'WaPo')"  # A2's "WaPo" is a short form of it: one source
    assert (post, "A0 · The Moscow Times", "cites without quoting") in pairs
    assert (post, "A2 · Global Research", "cites without quoting") in pairs
    assert ("Dmitry Peskov", "A4 · outlet not stated", "paraphrases") in pairs
    keyed = kit.provenance_edges()
    assert ("unnamed sources", post, "paraphrases") in set(zip(keyed["source"], keyed["target"], keyed["kind"]))
    assert len(keyed) > len(edges)


def test_provenance_chart_spec():
    spec = kit.provenance_chart().to_dict()
    rules, nodes, *labels = spec["layer"]
    assert rules["mark"]["type"] == "rule" and rules["encoding"]["color"]["field"] == "kind"
    assert nodes["mark"]["type"] == "circle" and {label["mark"]["type"] for label in labels} == {"text"}
    assert rules["encoding"]["color"]["scale"]["domain"] == ["quotes directly", "paraphrases", "cites without quoting"]
    datasets = list(spec["datasets"].values())
    node_rows = next(d for d in datasets if d and "role" in d[0])
    roles = defaultdict(set)
    for r in node_rows:
        roles[r["role"]].add(r["node"])
    assert roles["article"] == {"A0 · The Moscow Times", "A1 · outlet not stated", "A2 · Global Research",
                                "A3 · outlet not stated", "A4 · outlet not stated"}
    assert "Washington Post" in roles["intermediary"]
    assert "Dmitry Peskov" in roles["source"]


def test_provenance_on_a_case_without_a_key(tmp_path):
    case = _case(tmp_path, "According to the ministry, talks resumed.\n“No deal,” Ana Lopez said.\nThe Daily Star reported it first.\n")
    edges = kit.provenance_edges(case)
    assert set(zip(edges["source"], edges["kind"])) == {
        ("ministry", "paraphrases"), ("Ana Lopez", "quotes directly"), ("Daily Star", "cites without quoting")}
    assert kit.provenance_chart(case).to_dict()["layer"][0]["mark"]["type"] == "rule"


# --- exports -------------------------------------------------------------------

def _export(*args):
    return run_kit("export", *args)


def test_export_quotes_on_the_seeds_and_on_a_new_case(tmp_path):
    seeds = list(csv.DictReader(_export("quotes").stdout.splitlines()))
    assert list(seeds[0]) == ["file", "statement_id", "speaker", "verb", "text", "match", "reference", "speaker_note"]
    assert len(seeds) == len(kit.trace_quotes())
    assert {"reference", "truncated", "reworded", "unique"} == {r["match"] for r in seeds}
    case = _case(tmp_path, "“No deal,” Ana Lopez said.\n")
    rows = list(csv.DictReader(_export("quotes", "--case", str(case)).stdout.splitlines()))
    assert rows == [{"file": "wire.txt", "statement_id": "S1", "speaker": "Ana Lopez", "verb": "said", "text": "No deal,", "match": "unique",
                     "reference": "A1.Q1", "speaker_note": ""}]


def test_export_sources_on_the_seeds_and_on_a_case_without_key(tmp_path):
    rows = list(csv.DictReader(_export("sources").stdout.splitlines()))
    assert list(rows[0]) == ["chain", "claim_id", "file", "step", "source", "relation", "quote", "when", "where", "note"]
    assert len(rows) == len(kit.source_chains())
    result = _export("sources", "--case", str(_case(tmp_path, "Plain text.\n")))
    assert result.returncode == 0 and result.stdout.strip().startswith("chain,claim_id")
    assert "has no rows for 'sources'" in result.stderr


def test_benchmark_script_prints_its_figures():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "quote_grouping.py"), "--runs", "1"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "grouping 1,000 articles:" in result.stdout and "growth from 100 to 1,000 articles:" in result.stdout


def test_a_misspelled_name_is_one_source_and_the_misspelling_is_shown():
    """A0 prints 'Brandstdtter'; the key has 'Brandstätter': one node, both spellings named (a sign of careless copying)."""
    sources = set(kit.provenance_edges()["source"])
    assert "Helmut Brandstätter (also printed 'Helmut Brandstdtter')" in sources
    assert not any(s.startswith("Helmut Brandstdtter") for s in sources)


def test_speakers_named_by_ordinal_and_subject_right_before_the_verb():
    """'The first called it … while the second said …' after 'X and Y'; 'the Kremlin continues to underscore'."""
    q = kit.trace_quotes().set_index("quote_id")
    assert (q.loc["A2.Q1", "speaker"], q.loc["A2.Q2", "speaker"]) == ("Kremlin", "Kiev")
    assert (q.loc["A1.Q6", "speaker"], q.loc["A1.Q6", "verb"]) == ("Kremlin", "underscore")  # not Peskov, not "warned"
    assert q.loc["A1.Q7", "speaker"] == ""  # "what officials describe as": unnamed officials, not "Ukraine"
