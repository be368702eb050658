"""Clock times, zones, durations, week-of phrases and tense, on invented stories of two kinds.

Story W: a harbour strike in Wellington (published Wednesday 2025-03-12, New Zealand daylight time, +13:00).
Story L: a football transfer in Lisbon (published Thursday 2024-07-18, Western European summer time, +01:00).
Neither story nor its places are in the kit's lexicon: the case's ``context/places.csv`` supplies them.
Each story ends with passages that look temporal but are not dates, clock times or durations.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit.core.errors import CaseError
from kit.dates.arith import absolute_year, weekday_day
from kit.dates.clock import CLOCK_TIME, hour_minute, zone_after
from kit.dates.cues import future_at, future_cues, past_cues
from kit.dates.spans import period_range, shift, unit_range
from kit.dates.zones import NonexistentTimeError, fixed_offset, local_time, zone_from_value

WELLINGTON = [
    "WELLINGTON — Port workers walked off the job at 9:30 a.m. on Tuesday, the union said.",
    "The stoppage began at 21:30 local time on Monday and will end at 06:00 local time on Friday.",
    "Talks with the shipping lines will resume on Thursday, and the minister will meet the union the week of 17 March.",
    "A two-day stoppage last week cost the port millions, and the union met for three hours on Saturday.",
    "Two days after the vote, the company offered a 4% rise.",
    "Three days later, the board met the union.",
    "A day after the Dominion Post reported the offer, the union rejected it.",
    "On 11 March, shipping lines were told at 1900 GMT that the port would close within 48 hours.",
    "Earlier this month the port handled record volumes; late last month the company warned of losses.",
    "The harbour board will publish its review on 28 March, and a 90-minute public meeting is set for next week.",
    "A ferry from Picton docked at 11.45 NZDT on Tuesday.",
    "The union, founded in 1931, has 2130 members, and its 23-year-old secretary ran 100 metres in 11.45 seconds.",
]
WELLINGTON_EVENTS = [("2025-03-06", "Union members vote to strike at the port"),
                     ("2025-03-09", "The Dominion Post reports the port company's pay offer")]
WELLINGTON_PLACES = [("Wellington", "Pacific/Auckland")]
# expression -> (resolved, utc, duration); the kind is checked separately
WELLINGTON_EXPECTED = {
    "9:30 a.m.": ("2025-03-11T09:30", "", ""),
    "on Tuesday": ("2025-03-11", "", ""),
    "21:30": ("2025-03-10T21:30+13:00", "2025-03-10T08:30Z", ""),
    "on Monday": ("2025-03-10", "", ""),
    "06:00": ("2025-03-14T06:00+13:00", "2025-03-13T17:00Z", ""),
    "on Friday": ("2025-03-14", "", ""),
    "on Thursday": ("2025-03-13", "", ""),
    "the week of 17 March": ("2025-03-17/2025-03-23", "", ""),
    "two-day": ("", "", "P2D"),
    "last week": ("2025-03-03/2025-03-09", "", ""),
    "for three hours": ("", "", "PT3H"),
    "on Saturday": ("2025-03-08", "", ""),
    "Two days after the vote": ("2025-03-08", "", "P2D"),
    "Three days later": ("2025-03-11", "", "P3D"),
    "A day after the Dominion Post reported the offer": ("2025-03-10", "", "P1D"),
    "11 March": ("2025-03-11", "", ""),
    "1900": ("2025-03-11T19:00+00:00", "2025-03-11T19:00Z", ""),
    "within 48 hours": ("", "", "PT48H"),
    "Earlier this month": ("2025-03-01/2025-03-11", "", ""),
    "late last month": ("2025-02-21/2025-02-28", "", ""),
    "28 March": ("2025-03-28", "", ""),
    "90-minute": ("", "", "PT90M"),
    "next week": ("2025-03-17/2025-03-23", "", ""),
    "11.45": ("2025-03-11T11:45+13:00", "2025-03-10T22:45Z", ""),
    "1931": ("1931", "", ""),
}

LISBON = [
    "LISBON — Benfica agreed the striker's transfer at 00:30 local time on Wednesday.",
    "The player will undergo a medical on Friday at 9 am Lisbon time.",
    "The club announced the deal at 18.30 GMT on Wednesday.",
    "On July 16 the agent's call from Rio de Janeiro came at 10:15 p.m. UTC-03:00.",
    "Club officials said the 90-minute meeting on 18 July went well.",
    "The striker flew home the following day.",
    "He will meet the coach on Saturday, hours before the friendly against Ajax.",
    "Fans gathered this week, hours before the signing.",
    "The fee will be paid within 30 days, and the club will present him next week.",
    "Sporting had bid for him in the week of 1 July, and talks began earlier this month.",
    "A second bid was lodged at 2230 CET on Monday.",
    "The 1904-founded club won 2-1, and the striker's 9.58 seconds over 100 metres is a club record.",
]
LISBON_EVENTS = [("2024-07-17", "Benfica signs the striker from Santos"),
                 ("2024-07-20", "Benfica play a friendly against Ajax")]
LISBON_PLACES = [("Lisbon", "Europe/Lisbon")]
LISBON_EXPECTED = {
    "00:30": ("2024-07-17T00:30+01:00", "2024-07-16T23:30Z", ""),
    "on Wednesday": ("2024-07-17", "", ""),
    "on Friday": ("2024-07-19", "", ""),
    "9 am": ("2024-07-19T09:00+01:00", "2024-07-19T08:00Z", ""),
    "18.30": ("2024-07-17T18:30+00:00", "2024-07-17T18:30Z", ""),
    "10:15 p.m.": ("2024-07-16T22:15-03:00", "2024-07-17T01:15Z", ""),
    "July 16": ("2024-07-16", "", ""),
    "90-minute": ("", "", "PT90M"),
    "18 July": ("2024-07-18", "", ""),
    "the following day": ("2024-07-19", "", ""),
    "on Saturday": ("2024-07-20", "", ""),
    "hours before the friendly against Ajax": ("2024-07-19/2024-07-20", "", ""),
    "this week": ("2024-07-15/2024-07-21", "", ""),
    "hours before the signing": ("2024-07-16/2024-07-17", "", ""),
    "within 30 days": ("", "", "P30D"),
    "next week": ("2024-07-22/2024-07-28", "", ""),
    "the week of 1 July": ("2024-07-01/2024-07-07", "", ""),
    "earlier this month": ("2024-07-01/2024-07-17", "", ""),
    "2230": ("2024-07-15T22:30+01:00", "2024-07-15T21:30Z", ""),
    "on Monday": ("2024-07-15", "", ""),
    "1904": ("1904", "", ""),
}
STORIES = {
    "wellington": (WELLINGTON, "2025-03-12", WELLINGTON_EVENTS, WELLINGTON_PLACES, WELLINGTON_EXPECTED),
    "lisbon": (LISBON, "2024-07-18", LISBON_EVENTS, LISBON_PLACES, LISBON_EXPECTED),
}


def write_case(root, sentences, published, events=(), places=(), lexicon=""):
    """An invented one-article case: one paragraph per sentence."""
    case = root / "case"
    (case / "articles").mkdir(parents=True, exist_ok=True)
    (case / "articles" / "01_story.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    (case / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\n"
                                       f"01_story.txt,Wire,,news,{published},,,\n", encoding="utf-8")
    (case / "context").mkdir(exist_ok=True)
    (case / "context" / "events.csv").write_text("date,event\n" + "".join(f"{d},{e}\n" for d, e in events), encoding="utf-8")
    if places:
        (case / "context" / "places.csv").write_text("place,zone\n" + "".join(f"{p},{z}\n" for p, z in places),
                                                     encoding="utf-8")
    if lexicon:
        (case / "lexicon.csv").write_text(lexicon, encoding="utf-8")
    return case


def story_timeline(tmp_path, name, with_places=True):
    sentences, published, events, places, _ = STORIES[name]
    return kit.timeline(write_case(tmp_path, sentences, published, events, places if with_places else ()))


@pytest.fixture(scope="module", params=sorted(STORIES))
def story(request, tmp_path_factory):
    return request.param, story_timeline(tmp_path_factory.mktemp(request.param), request.param)


def test_every_expression_of_the_story_resolves_right(story):
    name, t = story
    expected = STORIES[name][4]
    got = {row.expression: (row.resolved, row.utc, row.duration) for row in t.itertuples()}
    wrong = {k: (got.get(k), v) for k, v in expected.items() if got.get(k) != v}
    assert not wrong, wrong
    assert set(got) == set(expected), set(got) ^ set(expected)  # nothing else is read as a time


def test_durations_are_a_kind_of_their_own_and_never_a_date(story):
    _, t = story
    durations = t[t["kind"] == "duration"]
    assert len(durations) >= 2 and (durations["resolved"] == "").all() and durations["duration"].str.startswith("P").all()
    assert "23-year-old" not in " ".join(t["expression"]) and "seconds" not in " ".join(t["expression"])


def test_clock_times_show_the_local_and_the_utc_instant(story):
    _, t = story
    zoned = t[(t["kind"] == "clock time") & (t["utc"] != "")]
    assert len(zoned) >= 3
    for row in zoned.itertuples():
        local = datetime.fromisoformat(row.resolved)
        assert local.astimezone(timezone.utc) == datetime.fromisoformat(row.utc.replace("Z", "+00:00"))


def test_a_clock_time_across_midnight_changes_the_date_and_says_so(story):
    _, t = story
    crossing = t[(t["utc"] != "") & (t["utc"].str[:10] != t["resolved"].str[:10])]
    assert len(crossing) >= 1 and crossing["basis"].str.contains("in UTC that is").all()


def test_places_csv_changes_the_conversion(tmp_path):
    without = story_timeline(tmp_path / "a", "lisbon", with_places=False).set_index("expression")
    with_row = story_timeline(tmp_path / "b", "lisbon").set_index("expression")
    for expression in ("00:30", "9 am"):
        assert without.loc[expression, "resolved"] == "" and without.loc[expression, "utc"] == ""
        assert "no time zone for" in without.loc[expression, "basis"] and "places.csv" in without.loc[expression, "basis"]
        assert with_row.loc[expression, "utc"] != ""
    assert "local time at LISBON (of the dateline)" in with_row.loc["00:30", "basis"]  # the dateline's place
    # times with their own zone do not depend on the places
    assert without.loc["18.30", "utc"] == with_row.loc["18.30", "utc"] == "2024-07-17T18:30Z"


def test_a_place_row_can_give_a_fixed_offset_and_another_zone(tmp_path):
    text = ["WELLINGTON — The ship sailed at 21:30 local time on Monday."]
    fixed = kit.timeline(write_case(tmp_path / "a", text, "2025-03-12", places=[("Wellington", "UTC+12")]))
    assert fixed.iloc[0]["resolved"] == "2025-03-10T21:30+12:00" and fixed.iloc[0]["utc"] == "2025-03-10T09:30Z"
    moved = kit.timeline(write_case(tmp_path / "b", text, "2025-03-12", places=[("Wellington", "Pacific/Auckland")]))
    assert moved.iloc[0]["utc"] == "2025-03-10T08:30Z"


def test_local_time_takes_the_nearest_place_named_before_the_dateline(tmp_path):
    text = ["LISBON — The squad landed in Tokyo at 19:00 local time on Monday."]
    places = [("Lisbon", "Europe/Lisbon"), ("Tokyo", "Asia/Tokyo")]
    row = kit.timeline(write_case(tmp_path, text, "2024-07-18", places=places)).set_index("expression").loc["19:00"]
    assert row["resolved"] == "2024-07-15T19:00+09:00" and "Tokyo (named in the sentence)" in row["basis"]


def test_local_time_without_any_place_says_so(tmp_path):
    t = kit.timeline(write_case(tmp_path, ["The ferry left at 07:15 local time on Monday."], "2025-03-12"))
    row = t.set_index("expression").loc["07:15"]
    assert row["resolved"] == "" and "names no place" in row["basis"]


@pytest.mark.parametrize("text, expression, resolved, utc", [
    ("The vote closed at 17:00 UTC+13 on Thursday.", "17:00", "2025-03-06T17:00+13:00", "2025-03-06T04:00Z"),
    ("The call began at 9 pm Eastern time on Monday.", "9 pm", "2025-03-10T21:00-04:00", "2025-03-11T01:00Z"),
    ("Markets opened at 08:00+05:30 on Monday.", "08:00", "2025-03-10T08:00+05:30", "2025-03-10T02:30Z"),
    ("The ship docked at noon BST on Monday.", "noon", "2025-03-10T12:00+01:00", "2025-03-10T11:00Z"),
    ("He landed at midnight Moscow time on Monday.", "midnight", "2025-03-10T00:00+03:00", "2025-03-09T21:00Z"),
])
def test_offsets_abbreviations_and_zone_words(tmp_path, text, expression, resolved, utc):
    row = kit.timeline(write_case(tmp_path, [text], "2025-03-12")).set_index("expression").loc[expression]
    assert (row["resolved"], row["utc"]) == (resolved, utc)


def test_a_zone_after_a_m_is_read_across_the_sentence_split(tmp_path):
    # kit.core.text splits "at 9 a.m. Moscow time" after "a.m."; the zone is still read from the raw text
    t = kit.timeline(write_case(tmp_path, ["On Monday he called at 9 a.m. Moscow time, aides said."], "2025-03-12"))
    row = t.set_index("expression").loc["9 a.m."]
    assert (row["resolved"], row["utc"]) == ("2025-03-10T09:00+03:00", "2025-03-10T06:00Z")


@pytest.mark.parametrize("text, expression, resolved, utc", [
    ("WELLINGTON — The strike began at 10:30 p.m. (0930 GMT) on Monday.", "10:30 p.m.", "2025-03-10T22:30+13:00",
     "2025-03-10T09:30Z"),  # +13:00 or -11:00: the dateline's zone decides
    ("Kick-off was at 8.45pm (1945 GMT) on Monday.", "8.45pm", "2024-07-15T20:45+01:00", "2024-07-15T19:45Z"),
    ("PORTO — Kick-off was at 8.45pm local time (1945 GMT) on Monday.", "8.45pm", "2024-07-15T20:45+01:00",
     "2024-07-15T19:45Z"),  # Porto is in no places table: the bracket still gives the instant
])
def test_a_time_converted_in_brackets_takes_the_offset_the_text_implies(tmp_path, text, expression, resolved, utc):
    published = "2025-03-12" if "strike" in text else "2024-07-18"
    row = kit.timeline(write_case(tmp_path, [text], published, places=WELLINGTON_PLACES)).set_index("expression").loc[expression]
    assert (row["resolved"], row["utc"]) == (resolved, utc)


def test_ap_style_time_then_weekday_is_one_sentence(tmp_path):
    t = kit.timeline(write_case(tmp_path, ["Smoke reached the harbour by 9:30 a.m. Thursday. Nobody was hurt."], "2025-03-12"))
    assert dict(zip(t["expression"], t["resolved"])) == {"9:30 a.m.": "2025-03-06T09:30", "Thursday": "2025-03-06"}


def test_a_time_the_clocks_skip_is_said_so_never_shifted(tmp_path):
    text = ["LISBON — The server restarted at 01:30 local time on 31 March."]
    row = kit.timeline(write_case(tmp_path, text, "2024-04-02", places=LISBON_PLACES)).set_index("expression").loc["01:30"]
    assert row["resolved"] == "" and "does not exist in Europe/Lisbon" in row["basis"]


def test_bad_zone_in_places_csv_is_one_friendly_sentence(tmp_path):
    case = write_case(tmp_path, ["It rained at 9 am local time on Monday."], "2025-03-12", places=[("Wellington", "Middle/Earth")])
    with pytest.raises(CaseError, match=r"context/places.csv, line 2, field 'zone': 'Middle/Earth' .*'Europe/Lisbon'"):
        kit.timeline(case)


@pytest.mark.parametrize("text, published, expression, expected", [
    # future cues take the coming weekday, past or no cues the last one, clause by clause
    ("The stoppage began on Monday and will end on Friday.", "2025-03-12", "on Monday", "2025-03-10"),
    ("The stoppage began on Monday and will end on Friday.", "2025-03-12", "on Friday", "2025-03-14"),
    ("The club will hold a press conference on Tuesday.", "2024-07-18", "on Tuesday", "2024-07-23"),
    ("The vote will be held on Tuesday.", "2025-03-12", "on Tuesday", "2025-03-18"),
    ("The transfer was completed on Tuesday.", "2024-07-18", "on Tuesday", "2024-07-16"),
    # a day and month in the month of publication keep its year, with or without a future cue
    ("The contract expired on 3 March.", "2025-03-12", "3 March", "2025-03-03"),
    ("The board will publish its review on March 28.", "2025-03-12", "March 28", "2025-03-28"),
    ("Pre-season starts on 5 July.", "2024-07-18", "5 July", "2024-07-05"),
    ("The festival will return on 20 January.", "2024-07-18", "20 January", "2025-01-20"),  # long past: next year
    ("The club was sold on 20 January.", "2024-07-18", "20 January", "2024-01-20"),
    ("The strike began on the 7th of March.", "2025-03-12", "7th of March", "2025-03-07"),
    ("The striker signed on 21st July, 2023.", "2024-07-18", "21st July, 2023", "2023-07-21"),
])
def test_tense_and_year_inference(tmp_path, text, published, expression, expected):
    row = kit.timeline(write_case(tmp_path, [text], published)).set_index("expression").loc[expression]
    assert row["resolved"] == expected


def test_the_seed_timeline_keeps_its_dates():
    t = kit.timeline().set_index(["sentence_id", "expression"])
    assert t.loc[("A2.S18", "8am"), "utc"] == "2024-11-08T05:00Z"
    assert t.loc[("A2.S18", "midnight"), "utc"] == "2024-11-08T05:00Z"  # the stated conversion is right
    assert t.loc[("A1.S9", "within 24 hours"), "duration"] == "PT24H" and t.loc[("A1.S9", "within 24 hours"), "resolved"] == ""
    # "that evening ... until around midnight": the midnight that ends 7 November, a wall-clock time (no zone named)
    assert t.loc[("A2.S16", "midnight"), "resolved"] == "2024-11-08T00:00" and t.loc[("A2.S16", "midnight"), "utc"] == ""
    assert t.loc[("A2.S18", "the next day"), "resolved"] == "2024-11-08"
    assert t.loc[("A2.S19", "8am"), "resolved"] == ""  # no date in its sentence: not guessed


# --- properties ----------------------------------------------------------------------------------

FAST = settings(max_examples=100, deadline=None)
refs = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: timedelta(minutes=m))


@FAST
@given(refs, st.integers(0, 6))
def test_future_clause_takes_the_next_weekday_and_past_clause_the_last(ref, weekday):
    name = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[weekday]
    text = f"Talks stalled on {name} and will resume on {name}."
    first, second = text.index(name), text.rindex(name)
    past, future = (future_at(text, p, future_cues(), past_cues()) for p in (first, second))
    assert (past, future) == (False, True)
    assert weekday_day(ref, weekday, future=past)[0] <= ref < weekday_day(ref, weekday, future=future)[0]


@FAST
@given(refs, st.integers(1, 28), st.booleans())
def test_a_day_in_the_month_of_publication_never_jumps_a_year(ref, day, future):
    year, _ = absolute_year(ref.month, day, ref, None, future)
    assert year == ref.year


@FAST
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)), offsets)
def test_fixed_offsets_round_trip_through_utc(wall, offset):
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds() // 60))
    zone = fixed_offset(f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}")
    moment = local_time(wall.replace(second=0, microsecond=0), zone)
    assert moment.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) == wall.replace(second=0, microsecond=0)
    assert moment.utcoffset() == offset and zone_from_value(zone.key) == zone


@FAST
@given(st.integers(2008, 2035), st.integers(0, 59))
def test_the_spring_gap_in_lisbon_is_an_error(year, minute):
    last_sunday = max(date(year, 3, d) for d in range(25, 32) if date(year, 3, d).weekday() == 6)
    with pytest.raises(NonexistentTimeError):
        local_time(datetime(last_sunday.year, 3, last_sunday.day, 1, minute), ZoneInfo("Europe/Lisbon"))


@FAST
@given(st.integers(0, 23), st.integers(0, 59))
def test_clock_forms_read_the_same_time(hour, minute):
    twelve = f"{hour % 12 or 12}:{minute:02d} {'pm' if hour >= 12 else 'am'}"
    for text in (f"{hour:02d}:{minute:02d}", f"{hour:02d}.{minute:02d} GMT", f"{hour:02d}{minute:02d} GMT", twelve):
        assert hour_minute(CLOCK_TIME.search(text)) == (hour, minute), text
    assert zone_after(" GMT", {"gmt": "UTC"})[1] == "UTC"


@FAST
@given(refs, st.sampled_from(["last", "this", "next"]), st.sampled_from(["week", "month", "year"]),
       st.sampled_from(["", "early", "mid", "late", "earlier", "later"]))
def test_period_ranges_nest_in_their_unit(ref, word, unit, qualifier):
    if qualifier in ("earlier", "later"):
        word = "this"  # only 'earlier this ...' and 'later this ...' are read
    first, last = unit_range(ref, word, unit)
    lo, hi = period_range(ref, qualifier, word, unit)
    assert first <= lo <= hi <= last


@FAST
@given(refs, st.integers(1, 30), st.sampled_from(["day", "week"]), st.sampled_from([1, -1]))
def test_an_amount_after_an_anchor_lands_that_far_away(ref, amount, unit, sign):
    day, until, _ = shift(ref, amount, unit, amount > 1, sign)
    assert until is None and (day - ref).days == sign * amount * (7 if unit == "week" else 1)


def test_last_night_and_this_morning_carry_their_clock_times(tmp_path):
    text = ["LISBON — Fans celebrated last night until 1 a.m. local time, and the coach spoke at 10:00 local time this morning."]
    t = kit.timeline(write_case(tmp_path, text, "2024-07-18", places=LISBON_PLACES)).set_index("expression")
    assert t.loc["last night", "resolved"] == "2024-07-17" and t.loc["this morning", "resolved"] == "2024-07-18"
    assert t.loc["1 a.m.", "resolved"] == "2024-07-18T01:00+01:00"  # the morning after last night
    assert t.loc["10:00", "resolved"] == "2024-07-18T10:00+01:00"


def test_an_undated_article_counts_from_a_date_written_day_first(tmp_path):
    case = write_case(tmp_path, ["The strike began on 10 March 2025. It ended on Tuesday."], "")
    assert kit.reference_dates(case).iloc[0]["reference"] == "2025-03-10"
    assert kit.timeline(case).set_index("expression").loc["on Tuesday", "resolved"] == "2025-03-04"


def test_an_amount_after_a_date_in_the_same_sentence(tmp_path):
    t = kit.timeline(write_case(tmp_path, ["Two days after March 3, the dockers struck again."], "2025-03-12"))
    rows = dict(zip(t["expression"], t["resolved"]))
    assert rows == {"Two days after": "2025-03-05", "March 3": "2025-03-03"}


def test_an_anchor_with_no_matching_event_stays_unresolved(tmp_path):
    t = kit.timeline(write_case(tmp_path, ["Two years after the stadium opened, it was sold."], "2024-07-18",
                                events=LISBON_EVENTS))
    row = t.set_index("expression").loc["Two years after the stadium opened"]
    assert row["resolved"] == "" and "no date or context event matches" in row["basis"]


def test_places_csv_headers_may_be_named_otherwise(tmp_path):
    case = write_case(tmp_path, ["LISBON — The deal closed at 23:10 local time on Monday."], "2024-07-18")
    (case / "context" / "places.csv").write_text("name,timezone,note\nLisbon,Europe/Lisbon,capital\n", encoding="utf-8")
    assert kit.timeline(case).set_index("expression").loc["23:10", "utc"] == "2024-07-15T22:10Z"
    (case / "context" / "places.csv").write_text("city\nLisbon\n", encoding="utf-8")
    with pytest.raises(CaseError, match="needs a 'place' and a 'zone' column"):
        kit.timeline(case)
