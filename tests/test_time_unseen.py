"""Timeline evidence on stories the rules were not written for: zone mismatches, datelines in any script,
"X time" after a comma, and copies found by the words around a relative date.

Two invented stories: a ferry that runs aground off Valparaíso (UTC-3 in March), and a transfer deadline in
Lisbon (UTC+0 in winter, UTC+1 in summer).
"""

from __future__ import annotations

import kit
from kit.dates.flags_clock import reading, same_happening
from kit.dates.flags_stale import shared_around

from tests.test_time_flags import make_case

PLACES = "place,zone\nValparaíso,America/Santiago\nLisbon,Europe/Lisbon\n"


def _case(tmp_path, articles, events=()):
    case = make_case(tmp_path, articles, events=events)
    (case / "context" / "places.csv").write_text(PLACES, encoding="utf-8")
    return case


def test_one_clock_reading_in_two_zones_is_a_zone_mismatch_on_the_odd_one_out(tmp_path):
    ferry = [
        ("a.txt", "2025-03-11", "VALPARAÍSO, March 11 (Wire) - The ferry struck a sandbank at 22:40 local time on Monday, the navy said."),
        ("b.txt", "2025-03-11", "The navy said the ferry struck the sandbank at 01:40 UTC on Tuesday."),
        ("c.txt", "2025-03-12", "The ferry hit a sandbank at 22:40 GMT on Monday, according to the navy."),
    ]
    flags = kit.timeline_flags(_case(tmp_path / "ferry", ferry))
    mismatch = flags[flags["kind"] == "zone mismatch"]
    assert mismatch["article_id"].tolist() == ["A3"], flags.to_dict("records")
    assert "the same clock reading, 22:40, in two zones" in mismatch.iloc[0]["explanation"]
    assert "A2 give the same instant as A1" in mismatch.iloc[0]["explanation"]


def test_the_same_reading_for_different_happenings_or_the_same_instant_is_no_mismatch(tmp_path):
    transfer = [  # a deadline and a press conference, both at 18:00 but in two zones: two happenings
        ("a.txt", "2030-08-30", "LISBON — The transfer window closes at 18:00 Lisbon time on Friday."),
        ("b.txt", "2030-08-30", "The coach spoke to reporters at 18:00 CET on Friday in Madrid."),
    ]
    assert kit.timeline_flags(_case(tmp_path / "two", transfer)).query("kind == 'zone mismatch'").empty
    converted = [  # one happening, one instant, written in two zones: right
        ("a.txt", "2030-08-30", "LISBON — The transfer window closes at 18:00 Lisbon time on Friday."),
        ("b.txt", "2030-08-30", "The transfer window closes at 17:00 GMT on Friday."),
    ]
    assert kit.timeline_flags(_case(tmp_path / "one", converted)).query("kind == 'zone mismatch'").empty


def test_a_dateline_in_capitals_with_accents_gives_local_time_its_place(tmp_path):
    text = "VALPARAÍSO, March 11 (Wire) - The ferry struck a sandbank at 22:40 local time on Monday."
    row = kit.timeline(_case(tmp_path, [("a.txt", "2025-03-11", text)])).query("kind == 'clock time'").iloc[0]
    assert row["resolved"] == "2025-03-10T22:40-03:00" and row["utc"] == "2025-03-11T01:40Z"
    assert "of the dateline" in row["basis"]


def test_a_place_time_after_a_comma_is_the_zone_of_the_clock_time(tmp_path):
    text = "The striker landed yesterday at 10:40 pm, Lisbon time, and signed at once."
    row = kit.timeline(_case(tmp_path, [("a.txt", "2030-07-02", text)])).query("kind == 'clock time'").iloc[0]
    assert row["resolved"] == "2030-07-01T22:40+01:00" and row["utc"] == "2030-07-01T21:40Z"  # summer time in Lisbon


def test_a_relative_date_copied_with_its_surrounding_words_is_a_stale_date(tmp_path):
    events = [("2025-03-10", "The ferry runs aground near Valparaíso")]
    articles = [
        ("a.txt", "2025-03-11", "The ferry ran aground late yesterday near the harbour entrance, the navy said on Tuesday."),
        ("b.txt", "2025-03-12", "Our explainer: the ferry ran aground late yesterday near Valparaíso, in a story first told by Wire."),
    ]
    flags = kit.timeline_flags(_case(tmp_path, articles, events))
    stale = flags[flags["kind"] == "stale date"]
    assert stale["sentence_id"].tolist() == ["A2.S1"]
    assert "where it means 2025-03-10" in stale.iloc[0]["explanation"] and "Possibly copied" in stale.iloc[0]["explanation"]


def test_the_pieces():
    assert reading("9 pm") == "21:00" and reading("0930") == "09:30" and reading("midnight") == "00:00"
    assert same_happening("The ferry struck a sandbank.", "A sandbank stopped the ferry.")
    assert not same_happening("The ferry struck a sandbank.", "The coach spoke to reporters.")
    assert shared_around("They met late yesterday in Lisbon.", "yesterday", "Fans say they met late yesterday in Porto.", "yesterday") == 4
