"""Who a claim rests on (kit.sourcing): named, vague and unsourced sentences, on two invented stories."""

from __future__ import annotations

import kit
from kit.sourcing import attributions
from tests.helpers import make_case

HARBOUR = (
    "Harbour pier to close for repairs\n\n"
    "Experts say the harbour is unsafe for large ships.\n\n"
    "Port director Lena Ilves said the pier would be repaired by June. The pier is 40 years old.\n\n"
    "The pier is 40 years old and carries 300 trucks a day.\n"
)
LEAGUE = (
    "Coach expected to resign\n\n"
    "Sources close to the coach said he would resign after the final.\n\n"
    "According to the league, attendance fell by 12% this season.\n\n"
    "Ticket prices rose 8% last year. The rumor mill has the assistant as the next coach.\n"
)


def _by_text(case_path):
    table = attributions(kit.load_case(case_path, cached=False))
    return {row.text: row for row in table.itertuples()}


def test_harbour_story_sorts_vague_named_and_unsourced_claims(tmp_path):
    rows = _by_text(make_case(tmp_path, {"h.txt": HARBOUR}, {"h.txt": {"headline": "Harbour pier to close for repairs"}}))
    vague = rows["Experts say the harbour is unsafe for large ships."]
    assert vague.attribution == "vague" and vague.source == "Experts say" and "names no one" in vague.evidence
    assert rows["Port director Lena Ilves said the pier would be repaired by June."].attribution == "named"
    # the same fact: covered by a named source in its paragraph in one place, unsourced in the other
    assert rows["The pier is 40 years old."].attribution == "named"
    alone = rows["The pier is 40 years old and carries 300 trucks a day."]
    assert alone.attribution == "unsourced" and "no sentence of its paragraph names a source" in alone.evidence


def test_league_story_and_a_cases_own_vague_phrases(tmp_path):
    lexicon = "kind,word,value,note\nvague_source,the rumor mill,,\n"
    rows = _by_text(make_case(tmp_path, {"l.txt": LEAGUE}, {"l.txt": {"headline": "Coach expected to resign"}}, lexicon=lexicon))
    assert rows["Sources close to the coach said he would resign after the final."].source == "Sources close to"
    named = rows["According to the league, attendance fell by 12% this season."]
    assert named.attribution == "named" and "league" in named.source
    assert rows["Ticket prices rose 8% last year."].attribution == "unsourced"
    assert rows["The rumor mill has the assistant as the next coach."].attribution == "vague"  # the case's own word


def test_the_headline_and_opinions_are_not_judged(tmp_path):
    text = "Why the pier matters\n\nThe city should have repaired the pier long ago.\n"
    table = attributions(kit.load_case(make_case(tmp_path, {"o.txt": text}, {"o.txt": {"headline": "Why the pier matters"}}), cached=False))
    assert table.empty and list(table.columns) == ["file", "sentence_id", "text", "attribution", "source", "evidence"]


def test_who_reported_first_is_what_each_article_says_or_the_first_it_credits(tmp_path):
    from kit.sourcing import first_reports

    articles = {
        "a.txt": "Pier closed\n\nThe Harbour Times first reported the closure on Monday. Port News reported it later.\n",
        "b.txt": "Coach quits\n\nSports Daily reported the resignation, citing unnamed sources. The Gazette reported it too.\n",
        "c.txt": "Rain due\n\nRain is expected on Friday.\n",
    }
    meta = {f: {"headline": t.split("\n", 1)[0]} for f, t in articles.items()}
    table = first_reports(kit.load_case(make_case(tmp_path, articles, meta), cached=False)).set_index("file")
    assert table.loc["a.txt", "source"] == "Harbour Times" and "it says so: 'first reported'" in table.loc["a.txt", "evidence"]
    assert table.loc["b.txt", "source"] == "Sports Daily"  # the vague "unnamed sources" is no reporter
    assert "does not say who reported first" in table.loc["b.txt", "evidence"]
    assert "c.txt" not in table.index


def test_first_reporter_is_read_on_either_side_of_the_phrase_and_disagreements_are_listed(tmp_path):
    from kit.sourcing import first_reports

    articles = {
        "a.txt": "Ferry stuck\n\nThe ferry ran aground, in an incident first reported by Coast Radio.\n",
        "b.txt": "Ferry op-ed\n\nThe crew was safe, according to the Island Post, which first reported the grounding.\n",
        "c.txt": "Striker signs\n\nSports Daily and the Gazette first reported the transfer on Monday.\n",
        "d.txt": "Ferry brief\n\nCoast Radio broke the story on Sunday.\n",
    }
    meta = {f: {"headline": t.split("\n", 1)[0]} for f, t in articles.items()}
    table = first_reports(kit.load_case(make_case(tmp_path, articles, meta), cached=False)).set_index("file")
    assert table.loc["a.txt", "source"] == "Coast Radio"
    assert table.loc["b.txt", "source"] == "Island Post"
    assert table.loc["c.txt", "source"] == "Sports Daily; Gazette"
    assert table.loc["d.txt", "source"] == "Coast Radio"
    assert "b.txt (Island Post)" in table.loc["a.txt", "disagrees_with"]
    assert "a.txt" not in table.loc["d.txt", "disagrees_with"]  # the same reporter is no disagreement
