"""Property-based tests of the date rules (kit.dates) against the calendar and zoneinfo.

The rules are pure functions of a reference date, so most properties call them
directly; one property builds a one-sentence case to tie them to ``kit.timeline``.
"""

import calendar
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import kit
from kit.dates import AmbiguousTimeError, NonexistentTimeError, convert_time
from kit.dates.patterns import WEEKDAYS
from kit.dates.rules import RECENT, absolute_year, relative_day, week_range, weekday_day, year_for

FAST = settings(max_examples=100, deadline=None)
SLOW = settings(max_examples=15, deadline=None)

refs = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
weekdays = st.integers(min_value=0, max_value=6)


# --- weekdays and relative days -----------------------------------------------------------------

@FAST
@given(refs, weekdays, st.sampled_from(["", "on"]))
def test_weekday_without_future_cue_is_the_most_recent_on_or_before(ref, weekday, word):
    day, basis = weekday_day(ref, weekday, word, future=False)
    assert day.weekday() == weekday and 0 <= (ref - day).days <= 6
    assert "on or before" in basis


@FAST
@given(refs, weekdays, st.sampled_from(["", "on"]))
def test_weekday_with_future_cue_is_the_first_after(ref, weekday, word):
    day, _ = weekday_day(ref, weekday, word, future=True)
    assert day.weekday() == weekday and 1 <= (day - ref).days <= 7


@FAST
@given(refs, weekdays, st.booleans())
def test_last_weekday_is_strictly_before_whatever_the_tense(ref, weekday, future):
    day, _ = weekday_day(ref, weekday, "last", future)
    assert day.weekday() == weekday and 1 <= (ref - day).days <= 7


@FAST
@given(refs, weekdays, st.booleans())
def test_next_and_this_weekday(ref, weekday, future):
    after, basis = weekday_day(ref, weekday, "next", future)
    assert after.weekday() == weekday and 1 <= (after - ref).days <= 7 and "ambiguous" in basis
    nearest, _ = weekday_day(ref, weekday, "this", future)
    assert nearest.weekday() == weekday and abs((nearest - ref).days) <= 3


@FAST
@given(refs)
def test_yesterday_today_tomorrow(ref):
    assert [relative_day(ref, w) for w in ("yesterday", "Today", "TOMORROW")] == [
        ref - timedelta(days=1), ref, ref + timedelta(days=1)]


@FAST
@given(refs)
def test_weeks_are_monday_to_sunday_and_weekends_saturday_to_sunday(ref):
    this_start, this_end = week_range(ref, "this week")
    assert this_start.weekday() == 0 and this_start <= ref <= this_end and (this_end - this_start).days == 6
    last_start, last_end = week_range(ref, "last week")
    assert last_start == this_start - timedelta(days=7) and last_end == this_start - timedelta(days=1)
    late, early = week_range(ref, "late last week"), week_range(ref, "early last week")
    assert late[0].weekday() == 3 and late[1] == last_end and early[0] == last_start and early[1].weekday() == 2
    sat, sun = week_range(ref, "over the weekend")
    assert (sat.weekday(), sun.weekday()) == (5, 6) and 0 <= (ref - sat).days <= 6
    coming = week_range(ref, "this weekend")[0]
    assert coming.weekday() == 5 and (coming >= ref if ref.weekday() < 5 else coming == sat)


# --- absolute dates without a year ---------------------------------------------------------------

def valid(year, month, day):
    return day <= calendar.monthrange(year, month)[1]


@FAST
@given(refs, st.integers(1, 12), st.integers(1, 31))
def test_a_date_without_year_is_never_more_than_six_months_ahead(ref, month, day):
    try:
        year, _ = absolute_year(month, day, ref, None, future=False)
    except ValueError:  # no such day in the reference date's year (30 February, 29 February 2023)
        assert not valid(ref.year, month, day)
        return
    resolved = date(year, month, day)
    assert year in (ref.year, ref.year - 1)
    assert -365 - 183 <= (resolved - ref).days <= 183


@FAST
@given(refs, st.integers(1, 12), st.integers(1, 28))
def test_a_date_without_year_and_a_future_cue_is_not_long_past(ref, month, day):
    year, _ = absolute_year(month, day, ref, None, future=True)
    resolved = date(year, month, day)
    # at most a month back (a recent day named in a future-tense sentence keeps its year), at most a year ahead
    assert resolved >= ref - RECENT and (resolved - ref).days <= 366
    assert year in (ref.year, ref.year + 1) or (ref - resolved) <= RECENT
    assert year_for(month, day, None, 2024) == (2024, "year of the case's events")


# --- one-sentence cases, through kit.timeline -----------------------------------------------------

def one_sentence_case(root: Path, sentence: str, published: date) -> Path:
    case = root / "case"
    (case / "articles").mkdir(parents=True)
    (case / "articles" / "01_x.txt").write_text(sentence + "\n", encoding="utf-8")
    (case / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\n"
                                       f"01_x.txt,Wire,,news,{published:%Y-%m-%d},,,\n", encoding="utf-8")
    return case


@SLOW
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), weekdays,
       st.sampled_from([("They met on {}.", False), ("They will meet on {}.", True), ("They would meet on {}.", True)]))
def test_timeline_follows_the_weekday_rule(published, weekday, template):
    sentence, future = template
    name = WEEKDAYS[weekday].title()
    with tempfile.TemporaryDirectory() as tmp:
        t = kit.timeline(one_sentence_case(Path(tmp), sentence.format(name), published))
    row = t[t["expression"] == f"on {name}"].iloc[0]
    assert row["resolved"] == f"{weekday_day(published, weekday, 'on', future)[0]:%Y-%m-%d}"
    assert row["confidence"] == "high" and row["kind"] == "weekday"


# --- time zones ----------------------------------------------------------------------------------

ZONES = ["Europe/Moscow", "America/New_York", "Europe/Kyiv", "Europe/Berlin", "Europe/London", "UTC",
         "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo"]
walls = st.datetimes(min_value=datetime(1995, 1, 1), max_value=datetime(2045, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0))


def fold_for(wall: datetime, zone: str, offset: str) -> int:
    """The fold at which ``wall`` in ``zone`` has the stated offset ('+03:00')."""
    for fold in (0, 1):
        shown = wall.replace(tzinfo=ZoneInfo(zone), fold=fold).strftime("%z")
        if f"{shown[:3]}:{shown[3:]}" == offset:
            return fold
    raise AssertionError(f"{wall} in {zone} never has the offset {offset}")


@FAST
@given(walls, st.sampled_from(ZONES), st.sampled_from(ZONES), st.sampled_from([0, 1]))
def test_round_trip_between_zones_preserves_the_instant(wall, source, target, fold):
    when = f"{wall:%Y-%m-%d %H:%M}"
    try:
        there = convert_time(when, source, target, fold=fold)
    except NonexistentTimeError:
        return  # the clocks skip that time; covered below
    day, clock, _, offset = there.split(" ")
    back_wall = datetime.fromisoformat(f"{day} {clock}")
    back = convert_time(f"{back_wall:%Y-%m-%d %H:%M}", target, source, fold=fold_for(back_wall, target, offset.strip("(UTC)")))
    assert back.split(" ")[:2] == when.split(" ")
    instant = wall.replace(tzinfo=ZoneInfo(source), fold=fold)
    assert back_wall.replace(tzinfo=ZoneInfo(target), fold=fold_for(back_wall, target, offset.strip("(UTC)"))) == instant


def nth_sunday(year: int, month: int, n: int) -> date:
    """The n-th Sunday of a month (n = -1: the last)."""
    sundays = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == 6]
    return sundays[n]


# zone -> (the day and hour the clocks skip, the day and hour that happens twice), by the zone's law since 2007
TRANSITIONS = {
    "America/New_York": (lambda y: (nth_sunday(y, 3, 1), 2), lambda y: (nth_sunday(y, 11, 0), 1)),
    "Europe/Berlin": (lambda y: (nth_sunday(y, 3, -1), 2), lambda y: (nth_sunday(y, 10, -1), 2)),
    "Europe/London": (lambda y: (nth_sunday(y, 3, -1), 1), lambda y: (nth_sunday(y, 10, -1), 1)),
}


@FAST
@given(st.integers(2008, 2035), st.integers(0, 59), st.sampled_from(sorted(TRANSITIONS)), st.sampled_from([None, 0, 1]))
def test_nonexistent_local_times_raise(year, minute, zone, fold):
    day, hour = TRANSITIONS[zone][0](year)
    with pytest.raises(NonexistentTimeError, match=f"does not exist in {zone}"):
        convert_time(f"{day:%Y-%m-%d} {hour:02d}:{minute:02d}", zone, "UTC", fold=fold)


@FAST
@given(st.integers(2008, 2035), st.integers(0, 59), st.sampled_from(sorted(TRANSITIONS)))
def test_ambiguous_local_times_raise_without_fold(year, minute, zone):
    day, hour = TRANSITIONS[zone][1](year)
    when = f"{day:%Y-%m-%d} {hour:02d}:{minute:02d}"
    with pytest.raises(AmbiguousTimeError, match="happens twice.*fold=0.*fold=1"):
        convert_time(when, zone, "UTC")
    first, second = (datetime.strptime(convert_time(when, zone, "UTC", fold=f)[:16], "%Y-%m-%d %H:%M") for f in (0, 1))
    assert second - first == timedelta(hours=1)


@FAST
@given(walls, st.sampled_from(sorted(TRANSITIONS)))
def test_other_times_convert_without_fold(wall, zone):
    skipped, repeated = (rule(wall.year) for rule in TRANSITIONS[zone])
    assume(wall.year >= 2008 and (wall.date(), wall.hour) not in (skipped, repeated))
    assert convert_time(f"{wall:%Y-%m-%d %H:%M}", zone, "UTC").endswith("UTC (UTC+00:00)")


@FAST
@given(refs, st.integers(1, 12), st.sampled_from(["", "last", "next"]), st.booleans())
@example(date(1999, 3, 1), 3, "next", False)  # next March is 366 days on: 29 February 2000 lies between
def test_a_month_without_a_year_is_the_nearest_one_on_the_side_the_text_says(ref, month, word, future):
    from kit.dates.rules import month_range, month_year

    first, last = month_range(month_year(month, ref, word, future), month)
    assert first.day == 1 and (last + timedelta(days=1)).day == 1 and first.month == last.month == month
    ahead = (first.year - ref.year) * 12 + first.month - ref.month  # months from the reference's month
    if word == "next" or (future and word != "last"):
        assert 1 <= ahead <= 12, "the next such month: within the coming year (366 days away across a 29 February)"
    elif word == "last":
        assert -12 <= ahead <= -1
    else:
        assert -11 <= ahead <= 0
