"""Lesson 02: quote extraction, attribution, grouping across articles, chains and the provenance graph."""

import csv
import subprocess
import sys
from collections import defaultdict

import pandas as pd
import pytest

import kit
from helpers import ROOT, copy_seeds, edit_row, kit_attributes, make_case, read_rows, write_rows, run_kit
from kit.core.registry import key_schema

clean_quote, extract_quotes, group_quotes, similarity = kit_attributes(
    "clean_quote", "extract_quotes", "group_quotes", "similarity")


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


# --- grouping and grading ------------------------------------------------------

def test_similarity_grades():
    assert similarity("pure fiction", "pure fiction") == ("verbatim", 100.0)
    assert similarity("pure fiction", "it is pure fiction simply fake news")[0] == "verbatim"
    assert similarity("pure", "pure fiction")[0] == "none"  # one word is not an excerpt
    assert similarity("the quality of information published these days", "the quality of the information that is being published now")[0] == "altered"
    assert similarity("talks on the border resumed", "fishing quotas were agreed")[0] == "none"
    assert clean_quote("[Washington Post's](#)") == "washington post's"


def test_denial_renderings_across_the_seeds():
    table = kit.trace_quotes()
    denial = table[table["statement_id"] == "S1"]
    assert set(denial["article_id"]) == {"A0", "A1", "A2", "A3", "A4"}
    pure = denial[denial["text"].str.lower().str.contains("pure fiction")]
    assert set(pure["match"]) == {"verbatim"}
    a3 = denial[denial["text"] == "simply false information"].iloc[0]
    assert a3["match"] == "altered" and a3["closest"] == "A0.Q3"
    a1_long = denial[denial["text"].str.startswith("This is the most obvious example")].iloc[0]
    assert a1_long["match"] == "altered" and a1_long["closest"] == "A0.Q3"
    others = table[table["statement_id"] != "S1"]
    assert set(others["match"]) == {"unique"}, "no other statement is quoted in two articles"


def test_statement_ids_follow_first_appearance_and_group_identical_text():
    q = pd.DataFrame({"quote_id": ["A1.Q1", "A1.Q2", "A2.Q1", "A3.Q1"], "article_id": ["A1", "A1", "A2", "A3"],
                      "text": ["no deal today", "a different matter entirely", "No deal today!", "unrelated words here"]})
    out = group_quotes(q)
    assert out["statement_id"].tolist() == ["S1", "S2", "S1", "S3"]
    assert out["match"].tolist() == ["verbatim", "unique", "verbatim", "unique"]
    assert out["closest"].tolist() == ["A2.Q1", "", "A1.Q1", ""]


def test_same_article_repeats_are_not_cross_article_evidence():
    q = pd.DataFrame({"quote_id": ["A1.Q1", "A1.Q2"], "article_id": ["A1", "A1"], "text": ["fair use", "fair use"]})
    out = group_quotes(q)
    assert out["statement_id"].tolist() == ["S1", "S1"] and out["match"].tolist() == ["unique", "unique"]


def test_word_diff_side_by_side():
    diff = kit.word_diff("It is pure fiction, simply fake news", "simply false information")
    assert diff.to_dict("records") == [
        {"change": "left out", "first": "It is pure fiction,", "second": ""},
        {"change": "same", "first": "simply", "second": "simply"},
        {"change": "changed", "first": "fake news", "second": "false information"},
    ]


def test_statements_summary():
    summary = kit.quoted_statements()
    top = summary.iloc[0]
    assert top.name == "S1" and top["articles"] == 5 and top["speakers"] == "Dmitry Peskov"
    assert top["verbatim"] + top["altered"] + top["paraphrase"] + top["unique"] == top["renderings"]


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
    assert ("Washington Post", "A0 · The Moscow Times", "cites without quoting") in pairs
    assert ("Dmitry Peskov", "A4 · outlet not stated", "paraphrases") in pairs
    keyed = kit.provenance_edges()
    assert ("unnamed sources", "Washington Post", "paraphrases") in set(zip(keyed["source"], keyed["target"], keyed["kind"]))
    assert len(keyed) > len(edges)


def test_provenance_chart_spec():
    spec = kit.provenance_chart().to_dict()
    rules, nodes, labels = spec["layer"]
    assert rules["mark"]["type"] == "rule" and rules["encoding"]["color"]["field"] == "kind"
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
    assert list(seeds[0]) == ["file", "statement_id", "speaker", "verb", "text", "match"]
    assert len(seeds) == len(kit.trace_quotes())
    assert {"verbatim", "altered", "unique"} <= {r["match"] for r in seeds}
    case = _case(tmp_path, "“No deal,” Ana Lopez said.\n")
    rows = list(csv.DictReader(_export("quotes", "--case", str(case)).stdout.splitlines()))
    assert rows == [{"file": "wire.txt", "statement_id": "S1", "speaker": "Ana Lopez", "verb": "said", "text": "No deal,", "match": "unique"}]


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
