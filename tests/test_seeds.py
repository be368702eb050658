"""The built-in case: byte-identical articles, provenance, metadata and stable ids."""

import hashlib
import re
from pathlib import Path

import pytest

import kit
from helpers import ROOT

SHARED = ROOT.parent / "shared" / "seeds"


def _recorded_hashes():
    text = (ROOT / "seeds" / "README.md").read_text(encoding="utf-8")
    return {m.group(1): m.group(3) for m in re.finditer(r"^\| (\S+\.txt) \| (\d+) \| ([0-9a-f]{64}) \|$", text, re.M)}


def test_every_article_has_recorded_provenance_hash():
    recorded = _recorded_hashes()
    files = sorted(p.name for p in (ROOT / "seeds" / "articles").glob("*.txt"))
    assert sorted(recorded) == files and len(files) == 5
    for name in files:
        data = (ROOT / "seeds" / "articles" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == recorded[name], name


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/seeds is not beside this checkout")
def test_articles_are_byte_identical_to_the_received_seeds():
    received = sorted(p.name for p in SHARED.glob("*.txt"))
    assert received == sorted(p.name for p in (ROOT / "seeds" / "articles").glob("*.txt"))
    for name in received:
        assert (ROOT / "seeds" / "articles" / name).read_bytes() == (SHARED / name).read_bytes(), name


def test_seeds_load_with_expected_shape():
    case = kit.load_case()
    assert case.name == "seeds"
    assert list(case.articles["article_id"]) == ["A0", "A1", "A2", "A3", "A4"]
    assert case.articles["file"].str.match(r"^00\d_[0-9a-f]{16}\.txt$").all()
    assert (case.articles["words"] > 300).all()
    assert set(case.articles["genre"]) <= set(kit.core.case.GENRES)


def test_metadata_records_what_the_texts_show_and_no_more():
    a = kit.load_case().articles.set_index("article_id")
    assert a.loc["A2", "author"] == "Andrew Korybko"
    assert a.loc["A2", "published"].strftime("%Y-%m-%d") == "2024-11-13"
    assert a.loc["A0", "outlet"] == "The Moscow Times" and a.loc["A0", "genre"] == "opinion"
    # Undated and unsigned texts stay empty rather than guessed.
    assert a["published"].isna().sum() == 4
    assert (a["author"] == "").sum() == 4
    assert (a["notes"].str.len() > 40).all(), "every article says how its metadata was inferred"


def test_sentence_ids_are_stable_and_spans_match_raw_text():
    case = kit.load_case()
    s = case.sentences
    assert s["sentence_id"].is_unique
    assert s["sentence_id"].str.match(r"^A\d+\.S\d+$").all()
    for aid, group in s.groupby("article_id"):
        assert list(group["sentence_id"]) == [f"{aid}.S{i}" for i in range(1, len(group) + 1)]
    for row in s.itertuples():
        raw = case.raw(row.file)[row.start : row.end]
        assert " ".join(raw.split()) == row.text, row.sentence_id
    # Anchors the lessons cite: if the splitter changes, these ids must not move silently.
    assert case.sentence("A0.S1") == "The Kremlin Said Trump-Putin Phone Call Never Happened. Why?"
    assert case.sentence("A0.S48").startswith("The views expressed in opinion pieces")
    assert case.sentence("A2.S2") == "By [Andrew Korybko](#)"
    assert case.sentence("A3.S2") == case.sentence("A3.S3")


def test_hard_line_breaks_are_joined_in_normalised_text_only():
    case = kit.load_case()
    assert "Phone\nCall" in case.raw("A0")
    assert case.text("A0").startswith("The Kremlin Said Trump-Putin Phone Call Never Happened. Why?\nOn the evening of Nov. 10,")
    assert "\n\n" not in case.text("A0")


def test_headlines_found_in_text_even_when_broken():
    a = kit.load_case().articles.set_index("article_id")
    assert a["headline_in_text"].to_dict() == {"A0": True, "A1": False, "A2": True, "A3": True, "A4": True}


def test_context_tables():
    case = kit.load_case()
    events = case.events.set_index("event")
    assert str(events.loc["U.S. presidential election day", "date"].date()) == "2024-11-05"
    roles = case.roles
    elect = roles[(roles["person"] == "Donald Trump") & (roles["role"] == "President-elect of the United States")]
    assert str(elect["start"].item().date()) == "2024-11-06" and str(elect["end"].item().date()) == "2025-01-20"
    assert (case.events["source"] != "").all() and (case.roles["source"] != "").all()


def test_lookups_by_file_or_id_and_friendly_unknowns():
    case = kit.load_case()
    assert case.raw("A3") == case.raw("003_d684fbb48ad1c8b3.txt")
    with pytest.raises(KeyError, match="use a file name or one of A0"):
        case.raw("A9")
    with pytest.raises(kit.KitError):
        case.text("nope.txt")
    with pytest.raises(KeyError, match="ids look like A1.S3"):
        case.sentence("A0.S999")


def test_load_case_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(kit.load_case().articles) == 5
    assert kit.load_case(str(kit.seeds_dir())).name == "seeds"
