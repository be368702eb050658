"""Lesson 03: resolving dates and times, and flagging what does not fit."""

import csv

import pytest

import kit
from helpers import run_kit
from kit.core.errors import KitError


def make_case(tmp_path, text, published="", events=None, roles=None, name="a.txt", places=None):
    case = tmp_path / "case"
    (case / "articles").mkdir(parents=True, exist_ok=True)
    (case / "articles" / name).write_text(text, encoding="utf-8")
    (case / "metadata.csv").write_text(
        f"file,outlet,author,genre,published,headline,url,notes\n{name},Wire,,news,{published},,,\n", encoding="utf-8")
    if events or roles or places:
        (case / "context").mkdir(exist_ok=True)
    if events:
        (case / "context" / "events.csv").write_text("date,event\n" + "".join(f"{d},{e}\n" for d, e in events), encoding="utf-8")
    if roles:
        (case / "context" / "roles.csv").write_text("person,role,start,end\n" + "".join(",".join(r) + "\n" for r in roles), encoding="utf-8")
    if places:
        (case / "context" / "places.csv").write_text("place,zone\n" + "".join(f"{p},{z}\n" for p, z in places), encoding="utf-8")
    return case


def resolved(case, expression):
    t = kit.timeline(case)
    rows = t[t["expression"] == expression]
    assert len(rows) == 1, t[["expression", "resolved"]].to_dict("records")
    return rows.iloc[0]


# --- weekdays: the rules libraries get wrong (published Thursday 2018-04-19, as in methods.md) ---------------

@pytest.mark.parametrize(
    "sentence, expression, expected",
    [
        ("The report was released on Thursday.", "on Thursday", "2018-04-19"),  # same weekday = same day
        ("Officials met Monday.", "Monday", "2018-04-16"),
        ("She testified Friday.", "Friday", "2018-04-13"),  # past tense: the Friday before
        ("She will testify Friday.", "Friday", "2018-04-20"),  # future cue: the Friday after
        ("The minister is to visit the port on Friday.", "on Friday", "2018-04-20"),  # agency style
        ("Talks between the unions are slated for Monday.", "Monday", "2018-04-23"),
        ("The council is due to vote on Tuesday.", "on Tuesday", "2018-04-24"),
        ("They spoke last Thursday.", "last Thursday", "2018-04-12"),  # 'last': strictly before
        ("They meet next Tuesday.", "next Tuesday", "2018-04-24"),
        ("It rained yesterday.", "yesterday", "2018-04-18"),
        ("It rains tomorrow.", "tomorrow", "2018-04-20"),
    ],
)
def test_weekday_and_relative_day_rules(tmp_path, sentence, expression, expected):
    row = resolved(make_case(tmp_path, sentence + "\n", published="2018-04-19"), expression)
    assert row["resolved"] == expected and row["confidence"] == "high"


def test_next_weekday_is_marked_ambiguous(tmp_path):
    row = resolved(make_case(tmp_path, "They meet next Tuesday.\n", published="2018-04-19"), "next Tuesday")
    assert "ambiguous" in row["basis"]


@pytest.mark.parametrize(
    "sentence, expression, expected",
    [
        ("It happened last week.", "last week", "2018-04-09/2018-04-15"),
        ("It happened late last week.", "late last week", "2018-04-12/2018-04-15"),
        ("It happened over the weekend.", "over the weekend", "2018-04-14/2018-04-15"),
        ("It happens this week.", "this week", "2018-04-16/2018-04-22"),
    ],
)
def test_weeks_are_ranges(tmp_path, sentence, expression, expected):
    assert resolved(make_case(tmp_path, sentence + "\n", published="2018-04-19"), expression)["resolved"] == expected


def test_absolute_dates_and_missing_years(tmp_path):
    case = make_case(tmp_path, "On March 5, 2019 they met. On Nov. 10 they met again. In December they met on December 20. "
                               "The summit will be on January 20.\n", published="2019-03-10")
    t = kit.timeline(case).set_index("expression")
    assert t.loc["March 5, 2019", "resolved"] == "2019-03-05" and t.loc["March 5, 2019", "confidence"] == "high"
    assert t.loc["Nov. 10", "resolved"] == "2018-11-10"  # more than six months ahead would be odd: last year
    assert t.loc["January 20", "resolved"] == "2020-01-20"  # future cue, date already passed: next year


def test_anchor_events_from_the_context(tmp_path):
    events = [("2024-11-05", "U.S. presidential election day"), ("2024-11-10", "The Washington Post reports the call")]
    text = "The day after the report, officials denied it. Just days after the election victory, he spoke. " \
           "Trump called Putin the Thursday after he won the election.\n"
    t = kit.timeline(make_case(tmp_path, text, published="2024-11-13", events=events)).set_index("expression")
    assert t.loc["The day after the report", "resolved"] == "2024-11-11"
    assert t.loc["Just days after the election victory", "resolved"] == "2024-11-06/2024-11-12"
    assert t.loc["Just days after the election victory", "confidence"] == "low"
    assert t.loc["the Thursday after he won the election", "resolved"] == "2024-11-07"


def test_undated_article_counts_from_the_latest_event_it_reports(tmp_path):
    events = [("2024-11-11", "Kremlin spokesman Dmitry Peskov denies that the call took place")]
    case = make_case(tmp_path, "On Monday, Kremlin spokesman Dmitry Peskov denied it. The talks resume on Friday, he will say.\n", events=events)
    refs = kit.reference_dates(case)
    assert refs.loc["A1", "reference"] == "2024-11-11" and refs.loc["A1", "basis"].startswith("no publication date")
    row = resolved(case, "On Monday")
    assert row["resolved"] == "2024-11-11" and row["confidence"] == "low"


def test_undated_article_with_nothing_to_count_from(tmp_path):
    row = resolved(make_case(tmp_path, "They met on Monday.\n"), "on Monday")
    assert row["resolved"] == "" and "no date to count from" in row["basis"] and row["confidence"] == "none"


def test_that_evening_and_clock_times_with_zones(tmp_path):
    text = ("Putin spoke on Thursday. He was busy that evening. A call before 8am Moscow time, "
            "which would be midnight of the next day at Mar-a-Lago, is possible.\n")
    t = kit.timeline(make_case(tmp_path, text, published="2024-11-13")).set_index("expression")
    assert t.loc["that evening", "resolved"] == "2024-11-07"
    assert t.loc["8am", "resolved"] == "2024-11-08T08:00+03:00"
    assert t.loc["midnight", "resolved"] == "2024-11-08T00:00-05:00"


def test_convert_time_across_daylight_saving():
    assert kit.convert_time("2024-11-02 08:00", "Moscow", "Mar-a-Lago") == "2024-11-02 01:00 EDT (UTC-04:00)"
    assert kit.convert_time("2024-11-04 08:00", "Moscow", "Florida") == "2024-11-04 00:00 EST (UTC-05:00)"
    assert kit.convert_time("2024-11-08 08:00", "Moscow", "Kyiv") == "2024-11-08 07:00 EET (UTC+02:00)"
    assert kit.convert_time("2024-11-08 12:00", "Washington", "Europe/Moscow") == "2024-11-08 20:00 MSK (UTC+03:00)"
    with pytest.raises(KitError, match="'Atlantis' is not a place or time zone the kit knows"):
        kit.convert_time("2024-11-08 08:00", "Atlantis", "Moscow")
    with pytest.raises(KitError, match="is not a date and time; write it as 'YYYY-MM-DD HH:MM'"):
        kit.convert_time("8am", "Moscow", "Kyiv")


def test_convert_time_as_lesson_03_calls_it():
    assert kit.convert_time("2024-11-01 08:00", "Moscow", "Mar-a-Lago") == "2024-11-01 01:00 EDT (UTC-04:00)"
    assert kit.convert_time("2024-11-08 00:00", "Moscow", "Mar-a-Lago") == "2024-11-07 16:00 EST (UTC-05:00)"


def test_convert_time_refuses_nonexistent_and_ambiguous_local_times():
    from kit.dates import AmbiguousTimeError, NonexistentTimeError

    with pytest.raises(NonexistentTimeError, match="2024-03-10 02:30 does not exist in America/New_York") as info:
        kit.convert_time("2024-03-10 02:30", "New York", "UTC")
    assert isinstance(info.value, KitError)
    with pytest.raises(NonexistentTimeError):
        kit.convert_time("2024-03-10 02:30", "New York", "UTC", fold=1)  # a fold does not make it exist
    with pytest.raises(AmbiguousTimeError, match="2024-11-03 01:30 happens twice in America/New_York.*fold=0.*EDT.*fold=1.*EST"):
        kit.convert_time("2024-11-03 01:30", "New York", "UTC")
    assert kit.convert_time("2024-11-03 01:30", "New York", "UTC", fold=0) == "2024-11-03 05:30 UTC (UTC+00:00)"
    assert kit.convert_time("2024-11-03 01:30", "New York", "UTC", fold=1) == "2024-11-03 06:30 UTC (UTC+00:00)"
    assert kit.convert_time("2024-11-03 03:30", "New York", "UTC", fold=1) == "2024-11-03 08:30 UTC (UTC+00:00)"
    with pytest.raises(KitError, match="fold=2 is not allowed"):
        kit.convert_time("2024-11-03 01:30", "New York", "UTC", fold=2)


def test_time_words_and_places_come_from_the_lexicon(tmp_path):
    case = make_case(tmp_path, "Talks gear up for Friday. It was 9am Tokyo time then.\n", published="2024-11-13")
    assert resolved(case, "Friday")["resolved"] == "2024-11-08"  # not a future cue of the kit
    assert resolved(case, "9am")["resolved"] == ""
    (case / "lexicon.csv").write_text("kind,word,value\nfuture,gear up for,\nplace,Tokyo,Asia/Tokyo\n", encoding="utf-8")
    assert resolved(case, "Friday")["resolved"] == "2024-11-15"
    assert resolved(case, "9am")["resolved"] == "2024-11-15T09:00+09:00"


def test_impossible_dates_are_reported_not_raised(tmp_path):
    case = make_case(tmp_path, "On February 30 and on 31 April 2024 and on 2024-13-01 nothing happened.\n",
                     published="2024-03-10")
    t = kit.timeline(case).set_index("expression")
    assert all("is not a real date" in b for b in t["basis"]) and (t["resolved"] == "").all()


def test_places_can_be_added_per_case(tmp_path):
    case = make_case(tmp_path, "He called on Thursday. It was 9am Tokyo time then.\n", published="2024-11-13",
                     places=[("Tokyo", "Asia/Tokyo")])
    assert resolved(case, "9am")["resolved"] == "2024-11-07T09:00+09:00"


# --- flags ---------------------------------------------------------------------

ROLES = [("Donald Trump", "candidate for President of the United States", "2022-11-15", "2024-11-05"),
         ("Donald Trump", "former President of the United States", "2021-01-20", "2025-01-20")]
EVENTS = [("2024-11-05", "U.S. presidential election day"), ("2024-11-11", "Kremlin spokesman Dmitry Peskov denies that the call took place")]


def flags_of(tmp_path, text, published="2024-11-12"):
    return kit.timeline_flags(make_case(tmp_path, text, published=published, events=EVENTS, roles=ROLES))


def test_anachronisms_are_found_by_rules(tmp_path):
    flags = flags_of(tmp_path, "With Trump running as the leading Republican candidate, he draws attention. "
                               "This could influence the upcoming U.S. elections.\n")
    assert flags["kind"].tolist() == ["anachronism", "anachronism"]
    assert "role ended on 2024-11-05" in flags.iloc[0]["explanation"]
    assert flags.iloc[1]["evidence"] == "upcoming U.S. elections"


@pytest.mark.parametrize(
    "text",
    [
        "As for former President Trump, he has not commented.",  # true until 2025-01-20
        "Trump, during his campaign, promised to end the war.",  # history, not a present description
        "Throughout his campaign, Trump has promised peace.",
        "The upcoming inauguration of the president draws near.",  # an event not yet held
    ],
)
def test_true_or_historical_descriptions_are_not_flagged(tmp_path, text):
    assert flags_of(tmp_path, text + "\n").empty


def test_no_anachronism_before_the_role_ended(tmp_path):
    assert flags_of(tmp_path, "With Trump running as the leading Republican candidate, he draws attention.\n",
                    published="2024-10-01").empty


def test_mismatch_weekday_that_does_not_fit_its_date(tmp_path):
    flags = kit.timeline_flags(make_case(tmp_path, "The vote is on Tuesday, March 5, 2025.\n", published="2025-03-01"))
    assert flags["kind"].tolist() == ["mismatch"]
    assert "2025-03-05 was a Wednesday, not a Tuesday" in flags.iloc[0]["explanation"]


def test_mismatch_within_one_article_and_conflict_across_articles(tmp_path):
    case = make_case(tmp_path, "On Friday, Kremlin spokesman Dmitry Peskov denied it.\n", published="2024-11-16", events=EVENTS)
    (case / "articles" / "b.txt").write_text("On November 11, Kremlin spokesman Dmitry Peskov denied it.\n", encoding="utf-8")
    with open(case / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write("b.txt,Other,,news,2024-11-12,,,\n")
    flags = kit.timeline_flags(case)
    conflicts = flags[flags["kind"] == "conflict"]
    assert set(conflicts["article_id"]) == {"A1"}  # A2 gives the context's date: only the article that differs is flagged
    assert "gives 2024-11-11" in conflicts.iloc[0]["explanation"] and "2024-11-15" in conflicts.iloc[0]["explanation"]
    same = make_case(tmp_path / "x", "On Friday, Kremlin spokesman Dmitry Peskov denied it. On November 11, Kremlin spokesman Dmitry Peskov denied it again.\n",
                     published="2024-11-16", events=EVENTS)
    assert "mismatch" in set(kit.timeline_flags(same)["kind"])


def test_weak_window_and_wrong_conversion(tmp_path):
    good = ("Putin spoke on Thursday until that evening. He would have talked before 8am Moscow time, which would be "
            "midnight of the next day at Mar-a-Lago. It is unlikely he talked between midnight and 8am.\n")
    flags = kit.timeline_flags(make_case(tmp_path, good, published="2024-11-13"))
    assert flags["kind"].tolist() == ["weak window"]
    text = flags.iloc[0]["explanation"]
    assert "Thursday 16:00 to 24:00 on 2024-11-07 in America/New_York" in text and "The conversion itself is right" in text
    wrong = good.replace("midnight of the next day at Mar-a-Lago", "3am at Mar-a-Lago")
    flags = kit.timeline_flags(make_case(tmp_path / "w", wrong, published="2024-11-13"))
    assert any("the arithmetic is wrong" in e for e in flags["explanation"])


def test_a_night_window_that_is_night_for_both_is_not_flagged(tmp_path):
    text = ("Talks ran on Thursday until that evening. A call before 8am Kyiv time, which would be 9am Moscow time, "
            "is unlikely between midnight and 6am.\n")
    assert kit.timeline_flags(make_case(tmp_path, text, published="2024-11-13")).empty


def test_seed_flags():
    flags = kit.timeline_flags()
    anachronisms = flags[flags["kind"] == "anachronism"]
    assert set(anachronisms["sentence_id"]) == {"A4.S11", "A4.S19", "A4.S25", "A4.S41"}
    assert "A4.S22" not in set(flags["sentence_id"]), "'former President' is true and must not be flagged"
    window = flags[flags["kind"] == "weak window"]
    assert window["sentence_id"].tolist() == ["A2.S19"]
    # "President Trump" in Nov 2024 appears only in an image credit (A2.S40, page text) and inside a quotation
    # (A3.S6, the speaker's courtesy title): neither is the writer's outdated title, so neither is checked
    assert set(flags["kind"]) == {"anachronism", "weak window"} and len(flags) == 5


def test_seed_resolutions():
    t = kit.timeline().set_index(["sentence_id", "expression"])
    assert t.loc[("A0.S5", "the day after the report"), "resolved"] == "2024-11-11"
    assert t.loc[("A2.S13", "on Thursday"), "resolved"] == "2024-11-07"
    assert t.loc[("A2.S7", "the Thursday after he won the election"), "resolved"] == "2024-11-07"
    assert t.loc[("A3.S7", "January 20"), "resolved"] == "2025-01-20"
    assert t.loc[("A1.S17", "September 12"), "resolved"] == "2024-09-12"
    assert t.loc[("A2.S18", "8am"), "resolved"] == "2024-11-08T08:00+03:00"
    assert t.loc[("A2.S1", "Late Last Week"), "resolved"] == "2024-11-07/2024-11-10"
    case = kit.load_case()
    for row in kit.timeline().itertuples():
        a, b = map(int, row.span.split(":"))
        assert " ".join(case.raw(row.file)[a:b].split()) == row.expression


def test_timeline_chart_spec():
    spec = kit.timeline_chart().to_dict()
    layers = spec["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["rule", "circle", "point", "point"]
    assert layers[0]["encoding"]["x"]["type"] == "temporal" and layers[0]["encoding"]["y"]["field"] == "article"
    assert layers[0]["encoding"]["color"]["scale"]["range"] == ["#0072B2", "#E69F00"]
    assert "title" in spec and {t["field"] for t in layers[3]["encoding"]["tooltip"]} >= {"kind", "explanation"}
    flag_rows = next(rows for rows in spec["datasets"].values() if rows and "explanation" in rows[0])
    assert {(r["kind"], r["start"]) for r in flag_rows} >= {("weak window", "2024-11-08"), ("anachronism", "2024-11-11")}


def _export(*args):
    return run_kit("export", *args)


def test_exports_on_the_seeds_and_a_new_case(tmp_path):
    rows = list(csv.DictReader(_export("timeline").stdout.splitlines()))
    assert list(rows[0]) == ["file", "span", "expression", "resolved", "basis", "confidence"] and len(rows) == len(kit.timeline())
    flags = list(csv.DictReader(_export("flags").stdout.splitlines()))
    assert list(flags[0]) == ["file", "kind", "span", "explanation"] and len(flags) == 5
    case = make_case(tmp_path, "They met on Monday, March 3, 2025. It will rain tomorrow.\n", published="2025-03-04")
    rows = list(csv.DictReader(_export("timeline", "--case", str(case)).stdout.splitlines()))
    assert [(r["expression"], r["resolved"]) for r in rows] == [("Monday, March 3, 2025", "2025-03-03"), ("tomorrow", "2025-03-05")]
    result = _export("flags", "--case", str(case))
    assert result.returncode == 0 and result.stdout.strip() == "file,kind,span,explanation"


@pytest.mark.parametrize(
    "text, published, expression, expected",
    [  # two stories: stalled talks (a recent day in a future-tense sentence) and a festival (next year's)
        ("Negotiators will resume the talks that stalled on Nov. 12.", "2025-11-20", "Nov. 12", "2025-11-12"),
        ("The ferry line said it would restore the service cut on March 2.", "2021-03-10", "March 2", "2021-03-02"),
        ("The festival will return on Jan. 20.", "2023-03-10", "Jan. 20", "2024-01-20"),
    ],
)
def test_a_future_cue_never_moves_a_recent_day_to_next_year(tmp_path, text, published, expression, expected):
    assert resolved(make_case(tmp_path, text + "\n", published=published), expression)["resolved"] == expected


@pytest.mark.parametrize(
    "text, published, expression, expected",
    [  # a ferry story and a budget story, both dated by their publication day
        ("The ferry sank three days ago.", "2021-03-10", "three days ago", "2021-03-07"),
        ("Divers reached the wreck two weeks ago.", "2021-03-10", "two weeks ago", "2021-02-21/2021-02-27"),
        ("The council has debated the budget since March 2023.", "2024-11-20", "since March 2023", "2023-03-01/2023-03-31"),
        ("The budget was drafted in December.", "2024-11-20", "in December", "2023-12-01/2023-12-31"),
        ("The budget will be voted in December.", "2024-11-20", "in December", "2024-12-01/2024-12-31"),
        ("The budget passed in November.", "2024-11-20", "in November", "2024-11-01/2024-11-30"),
        ("Taxes rose a month ago.", "2024-01-15", "a month ago", "2023-12-01/2023-12-31"),
    ],
)
def test_days_ago_and_months_without_a_day(tmp_path, text, published, expression, expected):
    assert resolved(make_case(tmp_path, text + "\n", published=published), expression)["resolved"] == expected
