"""Drafting every key of a new story: source chains, coverage, frames, stance, techniques, annotations.

Two invented stories (a ferry strike in Wellington, a football transfer in
Lisbon) and a copy of cases/kestrel without its keys: every drafted key loads,
every row is marked as a draft, every quote is verbatim, reviewed rows survive
a second draft, and ``python -m kit validate`` counts the drafts of each key.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.core.text import find_quote
from kit.drafting import draft_keys, merge_key, unreviewed, write_drafts
from kit.drafting_keys import (DRAFT, PLACEHOLDER_STANCE, REVIEWED, TECHNIQUE_OF, draft_annotations, draft_coverage,
                               draft_frames, quotable, review_column)
from kit.framing import FRAMES, TECHNIQUES
from tests.helpers import make_case

ROOT = Path(__file__).resolve().parent.parent
KESTREL = ROOT / "cases" / "kestrel"
OTHER_KEYS = ("sources", "coverage", "frames", "stance", "techniques", "annotations")
EVERY_KEY = ("claims", "questions", *OTHER_KEYS)

WELLINGTON = {
    "harbour_daily.txt": "Ferry crews walk out in Wellington\n\n"
    "WELLINGTON, June 2 (Harbour Daily) - About 300 ferry crew walked out on Monday, the Maritime Union said.\n\n"
    "\"We will not sail until the rosters are fixed,\" union secretary Aroha Ngata told reporters at the terminal.\n\n"
    "The strike cancelled 40 sailings, the operator said.\n\n"
    "Former port chief Tom Reid said the dispute was years old.\n",
    "cook_strait_post.txt": "Is the ferry strike really about rosters?\n\n"
    "About 300 ferry crew walked out on Monday, as Harbour Daily first reported.\n\n"
    "\"We will not sail until the rosters are fixed,\" Aroha Ngata said.\n\n"
    "The strike cancelled 400 sailings, the operator said.\n\n"
    "Transport Minister Hana Lee said the government would mediate.\n\n"
    "Critics say the union regime is holding the city hostage.\n",
    "capital_wire.txt": "Ferries stay in port\n\n"
    "Ferry crew walked out on Monday, the union said.\n\n"
    "\"We will not sail until rosters are fixed,\" Ngata said.\n",
}
WELLINGTON_META = {
    "harbour_daily.txt": {"outlet": "Harbour Daily", "published": "2031-06-02", "headline": "Ferry crews walk out in Wellington"},
    "cook_strait_post.txt": {"outlet": "Cook Strait Post", "published": "2031-06-03",
                             "headline": "Is the ferry strike really about rosters?"},
    "capital_wire.txt": {"outlet": "Capital Wire", "published": "2031-06-03", "headline": "Ferries stay in port"},
}
WELLINGTON_ROLES = [
    {"person": "Tom Reid", "role": "port chief", "start": "2020-01-01", "end": "2030-12-31", "source": "invented"},
    {"person": "Hana Lee", "role": "Transport Minister", "start": "2026-01-01", "end": "2031-05-31", "source": "invented"},
]
LISBON = {
    "gazeta.txt": "Benfica signs Tiago Mendes\n\n"
    "LISBON, Jan. 15 (Gazeta Desportiva) - Benfica agreed a fee of 40 million euros for midfielder Tiago Mendes, "
    "the club said on Wednesday.\n\n"
    "\"This is the move I dreamed of,\" Mendes told the club's television channel.\n\n"
    "The contract runs until 2037, according to the club.\n",
    "lisbon_sport.txt": "Mendes joins Benfica in shocking deal\n\n"
    "Benfica paid 45 million euros for midfielder Tiago Mendes, as Gazeta Desportiva first reported.\n\n"
    "\"This is the move I dreamed of,\" Mendes said.\n\n"
    "Sources close to the club say the deal was rushed.\n",
}
LISBON_META = {
    "gazeta.txt": {"outlet": "Gazeta Desportiva", "published": "2032-01-15", "headline": "Benfica signs Tiago Mendes"},
    "lisbon_sport.txt": {"outlet": "Lisbon Sport", "published": "2032-01-16",
                         "headline": "Mendes joins Benfica in shocking deal"},
}


def _wellington(tmp_path: Path) -> Path:
    return make_case(tmp_path, WELLINGTON, WELLINGTON_META, roles=WELLINGTON_ROLES, name="wellington")


def _lisbon(tmp_path: Path) -> Path:
    return make_case(tmp_path, LISBON, LISBON_META, name="lisbon")


def _kestrel(tmp_path: Path) -> Path:
    """A copy of the invented case as an instructor first has it: no keys (cases/ itself is never written)."""
    return shutil.copytree(KESTREL, tmp_path / "kestrel",
                           ignore=lambda folder, names: ["keys"] if Path(folder) == KESTREL else [])


STORIES = {"wellington": _wellington, "lisbon": _lisbon, "kestrel": _kestrel}


def _rows(case: Path, key: str) -> list[dict[str, str]]:
    with (case / "keys" / f"{key}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(case: Path, key: str, rows: list[dict[str, str]]) -> None:
    with (case / "keys" / f"{key}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _by_id(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in rows}


@pytest.mark.parametrize("story", sorted(STORIES))
def test_every_drafted_key_loads_marks_its_rows_and_quotes_verbatim(tmp_path, story):
    case = STORIES[story](tmp_path)
    done = write_drafts(case)
    assert set(done) == set(EVERY_KEY)
    loaded = kit.load_case(case, cached=False)  # every drafted row passes every key's validator
    for key in EVERY_KEY:
        kept, drafted = done[key]
        assert kept == 0
        if not drafted:
            assert not (case / "keys" / f"{key}.csv").exists(), key  # nothing to draft: no empty file
            continue
        rows = _rows(case, key)
        assert len(rows) == drafted and {r[review_column(key)] for r in rows} == {DRAFT}, key
        for row in rows:
            if row.get("quote", "").strip():
                assert find_quote(loaded.raw(row["file"]), row["quote"]) is not None, (key, row["id"])
            if row.get("sentence_id") and row.get("quote"):
                assert row["sentence_id"] in loaded.find_quote(row["file"], row["quote"]), (key, row["id"])
    assert unreviewed(loaded) == {k: d for k, (_, d) in done.items() if d}
    for key in ("sources", "coverage", "frames", "stance"):
        assert done[key][1] > 0, key  # every story gets chains, facts, frames and stances to review


def test_each_note_says_which_analysis_proposed_the_row_and_what_to_check(tmp_path):
    case = _wellington(tmp_path)
    write_drafts(case)
    for key in OTHER_KEYS:
        for row in _rows(case, key):
            assert row["note"].startswith(("Draft", "PLACEHOLDER")), (key, row["note"])
            assert "check" in row["note"] or "choose" in row["note"], (key, row["note"])


@pytest.mark.parametrize("story", ["wellington", "lisbon"])
def test_coverage_finds_the_changed_figure_and_the_left_out_fact_but_not_the_same_figure(tmp_path, story):
    case = kit.load_case(STORIES[story](tmp_path), cached=False)
    cover = draft_coverage(case)
    aid = dict(zip(case.articles["file"], case.articles["article_id"]))
    status = {(fact, aid[f]): s for fact, f, s in zip(cover["fact"], cover["file"], cover["status"])}
    if story == "wellington":  # 40 sailings in A3 (Harbour Daily), 400 in A2, none in A1
        fact = next(f for f in cover["fact"] if "40 sailings" in f)
        assert status[(fact, "A2")] == "distorted" and status[(fact, "A1")] == "omitted"
        crew = next(f for f in cover["fact"] if "300 ferry crew" in f)  # the same 300 in A2: no distortion
        assert status[(crew, "A2")] == "included"
    else:  # 40 million euros in A1, 45 million in A2; the contract's end only in A1
        fee = next(f for f in cover["fact"] if "40 million euros" in f)
        assert status[(fee, "A2")] == "distorted"
        assert status[(next(f for f in cover["fact"] if "2037" in f), "A2")] == "omitted"
    distorted = cover[cover["status"] == "distorted"]
    assert all("distortion candidate" in n for n in distorted["note"])


def test_source_chains_end_at_the_earliest_appearance_the_texts_show(tmp_path):
    for make, credited, first_day in ((_wellington, "Harbour Daily", "2031-06-02"), (_lisbon, "Gazeta Desportiva", "2032-01-15")):
        case = make(tmp_path / make.__name__)
        write_drafts(case)
        chains = pd.DataFrame(_rows(case, "sources"))
        last = chains.groupby("chain").tail(1)
        assert set(last["relation"]) <= {"first appearance", "not traceable"}
        assert set(chains.groupby("chain").head(1)["relation"]) <= {"quotes directly", "paraphrases", "cites without quoting"}
        credit = last[last["source"] == credited]  # "as X first reported", X an outlet of the case
        assert list(credit["relation"]) == ["first appearance"] and list(credit["when"]) == [first_day]
        quoted = chains[chains["relation"] == "quotes directly"]
        assert len(quoted) >= 2  # one chain per rendering of the quotation
        for chain in quoted["chain"]:  # every rendering goes back to the earliest article's date
            assert chains[chains["chain"] == chain].iloc[-1]["when"] == first_day
        assert not set(chains["source"]) & {"Monday", "Wednesday"}  # a weekday is no source


def test_techniques_name_loaded_words_vague_sources_and_doubting_headlines(tmp_path):
    for make, expected in ((_wellington, {"Name_Calling-Labeling", "Appeal_to_Authority", "Doubt"}),
                           (_lisbon, {"Loaded_Language", "Appeal_to_Authority"})):
        case = make(tmp_path / make.__name__)
        write_drafts(case)
        rows = _rows(case, "techniques")
        assert {r["technique"] for r in rows} == expected
        assert set(TECHNIQUE_OF.values()) <= set(TECHNIQUES)
    # the neutral headlines ("Ferries stay in port", "Benfica signs Tiago Mendes") propose no technique
    assert not any(r["quote"] in ("Ferries stay in port", "Benfica signs Tiago Mendes") for r in rows)


def test_annotations_follow_the_timeline_flags_and_leave_correct_titles_alone(tmp_path):
    case = kit.load_case(_wellington(tmp_path), cached=False)
    notes = draft_annotations(case)
    flagged = dict(zip(notes["sentence_id"], notes["value"]))
    minister = case.sentences.loc[case.sentences["text"].str.contains("Hana Lee"), "sentence_id"].item()
    former = case.sentences.loc[case.sentences["text"].str.contains("Former port chief"), "sentence_id"].item()
    assert flagged.get(minister) == "title-check" and former not in flagged  # "Former" is right: no flag
    assert set(notes["facet"]) <= {"anachronism", "evidence"}


def test_drafted_anachronisms_of_the_seeds_agree_with_the_hand_written_key():
    seeds = kit.load_case()  # read only: nothing is written into seeds/
    hand = seeds.keys["annotations"]
    said = {v: set(hand.loc[(hand["facet"] == "anachronism") & (hand["value"] == v), "sentence_id"]) for v in ("yes", "no")}
    drafted = draft_annotations(seeds)
    mine = set(drafted.loc[drafted["facet"] == "anachronism", "sentence_id"])
    assert mine and mine <= said["yes"] and not mine & said["no"]


@pytest.mark.parametrize("story", ["wellington", "lisbon"])
def test_frames_and_stance_are_placeholders_the_validator_accepts(tmp_path, story):
    case = kit.load_case(STORIES[story](tmp_path), cached=False)
    frames = draft_frames(case)
    paragraphs = case.sentences[case.sentences["kind"] != "boilerplate"].groupby(["file", "paragraph"]).ngroups
    assert len(frames) == paragraphs and frames["frame"].isin(FRAMES).all()
    for frame, note in zip(frames["frame"], frames["note"]):
        assert note.startswith("PLACEHOLDER") or f"hint of {frame}" in note
    stance = draft_keys(case)["stance"]
    assert set(stance["stance"]) == {PLACEHOLDER_STANCE} and len(stance) == len(case.articles)
    assert all(n.startswith("PLACEHOLDER") for n in stance["note"])


@pytest.mark.parametrize("story", ["wellington", "kestrel"])
def test_drafting_twice_keeps_the_reviewed_rows_of_every_key(tmp_path, story):
    case = STORIES[story](tmp_path)
    write_drafts(case)
    reviewed = {}
    for key in OTHER_KEYS:
        if not (case / "keys" / f"{key}.csv").exists():
            continue
        rows, col = _rows(case, key), review_column(key)
        rows[0].update({col: REVIEWED, "note": f"Reviewed by hand ({key})."})
        if key == "coverage":  # a reworded fact: the other articles' drafted rows follow the new wording
            fact = rows[0]["fact"]
            for row in rows:
                if row["fact"] == fact:
                    row["fact"] = "A shorter wording of the fact"
        if len(rows) > 2 and key not in ("coverage", "sources"):
            del rows[-1]  # an instructor deleted a drafted row
        _write(case, key, rows)
        reviewed[key] = rows[0]
    done = write_drafts(case)
    loaded = kit.load_case(case, cached=False)  # still a valid case: partly reviewed chains and facts are completed
    for key, row in reviewed.items():
        again = _by_id(_rows(case, key))
        assert again[row["id"]] == row, key
        assert done[key][0] == 1, key
    assert unreviewed(loaded) == {k: d for k, (_, d) in done.items() if d}
    if "coverage" in reviewed:
        fact = reviewed["coverage"]["id"].split(".")[0]
        group = [r for r in _rows(case, "coverage") if r["id"].startswith(fact + ".")]
        assert len(group) == len(loaded.articles) and {r["fact"] for r in group} == {"A shorter wording of the fact"}
    if "sources" in reviewed:
        chain = [r for r in _rows(case, "sources") if r["chain"] == reviewed["sources"]["chain"]]
        assert [r["step"] for r in chain] == ["1", "2"]  # its drafted second step joined the reviewed first


def test_a_hand_written_key_without_a_status_column_counts_as_reviewed(tmp_path):
    case = _lisbon(tmp_path)
    (case / "keys").mkdir()
    (case / "keys" / "stance.csv").write_text(
        "id,file,stance,quote,note\nA2.ST1,lisbon_sport.txt,doubtful,in shocking deal,Calls the deal shocking.\n",
        encoding="utf-8")
    kept, drafted = write_drafts(case)["stance"]
    rows = _by_id(_rows(case, "stance"))
    assert (kept, drafted) == (1, 1)
    assert rows["A2.ST1"]["stance"] == "doubtful" and rows["A2.ST1"]["status"] == REVIEWED
    assert rows["A1.ST1"]["status"] == DRAFT
    kit.load_case(case, cached=False)


def test_merge_renumbers_drafted_chains_after_the_reviewed_ones():
    old = [{"id": "T1.1", "chain": "T1", "claim_id": "A1.C1", "step": "1", "status": "reviewed"},
           {"id": "T1.2", "chain": "T1", "claim_id": "A1.C1", "step": "2", "status": "reviewed"}]
    new = pd.DataFrame([{"id": "T1.1", "chain": "T1", "claim_id": "A2.C4", "step": "1", "status": "draft"},
                        {"id": "T1.2", "chain": "T1", "claim_id": "A2.C4", "step": "2", "status": "draft"},
                        {"id": "T2.1", "chain": "T2", "claim_id": "A1.C1", "step": "1", "status": "draft"}])
    rows, kept, drafted = merge_key("sources", old, new)
    assert [(r["id"], r["claim_id"]) for r in rows] == [("T1.1", "A1.C1"), ("T1.2", "A1.C1"), ("T2.1", "A2.C4"),
                                                          ("T2.2", "A2.C4")]
    assert (kept, drafted) == (2, 2)


def test_omission_questions_ask_which_articles_leave_a_fact_out_and_check(tmp_path):
    case = _wellington(tmp_path)
    write_drafts(case)
    loaded = kit.load_case(case, cached=False)
    asked = [r for r in _rows(case, "questions") if r["prompt"].startswith("Which articles leave out")]
    assert asked
    sailings = next(r for r in asked if "40 sailings" in r["prompt"])
    assert sailings["answer"] == "A1" and sailings["kind"] == "articles"
    assert kit.check(sailings["id"], ["A1"], case=loaded, save=False).status == "correct"


def test_quotable_falls_back_to_the_sentence_when_a_phrase_first_appears_elsewhere(tmp_path):
    case = kit.load_case(_lisbon(tmp_path), cached=False)
    later = case.sentences.loc[case.sentences["text"].str.startswith("The contract"), "sentence_id"].item()
    assert quotable(case, later, "the club") == case.sentence(later)  # "the club" is first in an earlier sentence
    assert quotable(case, later, "runs until 2037") == "runs until 2037"


def test_validate_counts_the_drafts_of_every_key(tmp_path):
    case = _lisbon(tmp_path)
    done = write_drafts(case)
    out = subprocess.run([sys.executable, "-m", "kit", "validate", str(case)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    for key, (_, drafted) in done.items():
        if drafted:
            assert f"keys/{key}.csv: {drafted}" in out.stdout, key


def test_reviewing_a_whole_fact_or_trimming_a_quote_drafts_nothing_twice_and_loses_nothing(tmp_path):
    case = _kestrel(tmp_path)
    write_drafts(case)
    rows = _rows(case, "coverage")
    facts = {r["fact"] for r in rows}
    first = rows[0]["id"].split(".")[0]
    for row in rows:
        if row["id"].startswith(first + "."):
            row["review"] = REVIEWED
    _write(case, "coverage", rows)
    case_w = _wellington(tmp_path)
    write_drafts(case_w)
    techniques = _rows(case_w, "techniques")
    techniques[0].update(quote="regime", status=REVIEWED)  # the reviewer kept only the loaded word
    _write(case_w, "techniques", techniques)
    kept, drafted = write_drafts(case)["coverage"]
    assert {r["fact"] for r in _rows(case, "coverage")} == facts  # a sentence matched by two facts ties neither
    assert kept + drafted == len(rows)
    kept, drafted = write_drafts(case_w)["techniques"]
    assert (kept, drafted) == (1, len(techniques) - 1)  # the trimmed quote is not drafted again
    kit.load_case(case, cached=False), kit.load_case(case_w, cached=False)


def test_drafting_into_hand_written_keys_keeps_every_row_and_still_loads(tmp_path):
    case = shutil.copytree(kit.seeds_dir(), tmp_path / "seeds_copy")  # a copy: seeds/ itself is never written
    hand = {k: len(_rows(case, k)) for k in EVERY_KEY}
    done = write_drafts(case)
    assert {k: kept for k, (kept, _) in done.items()} == hand  # no status column: every hand-written row is reviewed
    loaded = kit.load_case(case, cached=False)
    assert set(loaded.keys["stance"]["status"]) == {REVIEWED}  # one stance per article already: nothing drafted
    assert set(loaded.keys["coverage"]["status"]) <= {"included", "distorted", "omitted"}  # review state is apart
