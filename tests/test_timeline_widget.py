"""The timeline widget (kit.dates.timeline_widget.place_dates) and its pure logic (kit.dates.placing).

Tested on the seeds and on two invented stories with other dates, weekdays, places and time zones:
a harbour strike in Wellington (March 2031, Pacific/Auckland; one article without a publication
date, a clock time in "local time", and "Monday, 3 March 2031", which looks relative but is an
absolute date and must not be called ambiguous) and a football transfer in Lisbon (July 2031,
Europe/Lisbon; "next Saturday", which the resolver marks ambiguous). A council story with no time
expression gets the friendly message. The widget is driven as the browser drives it: ``.value``
for what is typed or chosen, ``.click()`` for a button.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import make_case
from kit.core.case import load_case
from kit.dates.arith import weekday_on_or_before
from kit.dates.placing import (NOTHING_TO_PLACE, PLACED_COLUMNS, Reading, caution, context_html, date_feedback,
                               expression_options, likely_slip, parse_picked, placed_table, preselect, reading_of,
                               sentence_html, timeline_html, timeline_summary)
from kit.dates.reference import reference_dates
from kit.dates.timeline_widget import place_dates

WELLINGTON = {
    "strike.txt": "Port strike enters third day\n\nWharf workers walked off the job on Monday, the union said. "
                  "Talks with the port owners are expected on Friday. The strike began the day after the ballot, "
                  "organisers said. Yesterday the ferries stopped at 9am local time.\n",
    "notice.txt": "Strike notice published\n\nThe strike notice was dated Monday, 3 March 2031, the port authority said.\n",
    "undated.txt": "Ferries halted\n\nFerries stopped yesterday after wharf workers began a strike at the Wellington port.\n",
}
WELLINGTON_META = {"strike.txt": {"outlet": "Harbour Ledger", "published": "2031-03-05"},
                   "notice.txt": {"outlet": "Port Authority", "published": "2031-03-06"},
                   "undated.txt": {"outlet": "Cook Strait Times"}}
WELLINGTON_EVENTS = [{"date": "2031-03-02", "event": "Union members vote for a strike in a ballot", "source": "union"},
                     {"date": "2031-03-03", "event": "Wharf workers begin a strike at the Wellington port",
                      "source": "port"}]
WELLINGTON_QUESTIONS = (
    "id,kind,prompt,answer,options,match,tolerance,explanation,hint,defensible\n"
    "q1.1,date,'on Monday' in A2.S2 of the Harbour Ledger,2031-03-03,,,,A2.S2 is past tense: the Monday before "
    "Wednesday 5 March.,Count back from the publication date.,\n"
    "q1.2,text,Who went on strike?,wharf workers,,,,A2.S2 says so.,Read A2.S2.,\n")
LISBON = {"transfer.txt": "Striker signs for Belém\n\nJoão Brandão signed for Atlético Belém on Tuesday, the club said. "
                          "The medical took place two days before the signing. He will be presented to fans next Saturday.\n"}
LISBON_META = {"transfer.txt": {"outlet": "Gazeta do Relvado", "published": "2031-07-10"}}
LISBON_EVENTS = [{"date": "2031-07-08", "event": "João Brandão signs for Atlético Belém", "source": "club"}]


@pytest.fixture(scope="module")
def stories(tmp_path_factory):
    root = tmp_path_factory.mktemp("placing")
    return {
        "wellington": load_case(make_case(root, WELLINGTON, WELLINGTON_META, events=WELLINGTON_EVENTS,
                                          keys={"questions": WELLINGTON_QUESTIONS}, name="wellington")),
        "lisbon": load_case(make_case(root, LISBON, LISBON_META, events=LISBON_EVENTS, name="lisbon")),
        "quiet": load_case(make_case(root, {"council.txt": "Council budget\n\nThe council met to discuss the budget. "
                                                           "Members disagreed about the harbour.\n"},
                                     {"council.txt": {"outlet": "Town Crier", "published": "2031-05-01"}}, name="quiet")),
        "seeds": load_case(None),
    }


def option(case, sentence_id: str, expression: str) -> dict:
    opts = expression_options(case)
    row = opts[(opts["sentence_id"] == sentence_id) & (opts["expression"] == expression)]
    assert len(row) == 1, f"{expression!r} in {sentence_id}: {opts[['sentence_id', 'expression']].values.tolist()}"
    return row.iloc[0].to_dict()


def reading(case, sentence_id: str, expression: str) -> Reading:
    o = option(case, sentence_id, expression)
    refs = reference_dates(case)
    events = [(d.date(), e) for d, e in zip(case.events["date"], case.events["event"])]
    return reading_of(o, refs.loc[o["article_id"], "reference"], refs.loc[o["article_id"], "basis"], events)


# ---- options, sentence, typed date ---------------------------------------------------------------------------

def test_seed_options_are_the_dates_not_durations_years_or_clock_times(stories):
    opts = expression_options(stories["seeds"])
    assert not set(opts["kind"]) & {"duration", "year", "clock time"}
    assert option(stories["seeds"], "A3.S4", "On Monday")["label"] == "'On Monday' — A3.S4, outlet not stated"
    assert option(stories["seeds"], "A0.S5", "the day after the report")["label"].endswith("A0.S5, The Moscow Times")
    assert not opts["label"].str.contains(".txt").any(), "articles are shown by outlet, never by file name"
    assert opts["key"].is_unique


def test_a_weekday_written_with_a_full_date_is_one_absolute_date_not_ambiguous(stories):
    r = reading(stories["wellington"], "A1.S2", "Monday, 3 March 2031")
    assert (r.kind, r.day, r.confidence) == ("absolute date", date(2031, 3, 3), "high")
    assert caution(r) == ""
    fb = date_feedback(r, date(2031, 3, 3))
    assert fb["status"] == "right" and "ambiguous" not in fb["message"].lower()
    assert "Monday" not in set(expression_options(stories["wellington"])["expression"]), "not also a relative weekday"


def test_the_resolver_says_plainly_when_a_reading_is_ambiguous_a_range_uncertain_or_unresolved(stories):
    assert "ambiguous" in caution(reading(stories["lisbon"], "A1.S4", "next Saturday"))
    assert "range of days" in caution(reading(stories["seeds"], "A3.S18", "over the weekend"))
    low = caution(reading(stories["wellington"], "A3.S2", "yesterday"))
    assert "confidence is low" in low and "no publication date" in low
    unresolved = date_feedback(reading(stories["seeds"], "A0.S41", "weeks before it even takes office"), date(2024, 11, 20))
    assert unresolved["status"] == "unresolved" and unresolved["days_off"] is None
    assert unresolved["message"].startswith("The kit could not resolve 'weeks before it even takes office'")


def test_no_time_expressions_gives_an_empty_table_and_the_widget_a_friendly_sentence(stories):
    assert expression_options(stories["quiet"]).empty
    box = place_dates(case=stories["quiet"])
    assert NOTHING_TO_PLACE in box.feedback.value.replace("&#x27;", "'") and box.answer == ""


@pytest.mark.parametrize("text, expression, at, marked", [
    ("On Monday, the <union> met on Monday.", "on Monday", 27, "met <mark"),
    ("On Monday, the union met.", "On Monday", 0, "<mark style=\"background:#FFF3B0;color:inherit;padding:0 2px\">On Monday"),
    ("Talks resume tomorrow & Friday.", "tomorrow", None, "resume <mark"),
    ("Talks resume tomorrow.", "next week", None, None),
])
def test_the_sentence_is_escaped_and_the_expression_highlighted(text, expression, at, marked):
    out = sentence_html(text, expression, at)
    assert "<union>" not in out and "& " not in out
    assert (marked in out) if marked else "<mark" not in out


@pytest.mark.parametrize("typed, day, says", [
    ("2031-03-03", date(2031, 3, 3), ""), (" 2031-07-08\n", date(2031, 7, 8), ""),
    ("", None, "Type the date"), ("3/3/2031", None, "not written YYYY-MM-DD"),
    ("2031-02-29", None, "not a day of the calendar"), ("Monday", None, "not written YYYY-MM-DD"),
])
def test_a_typed_date_is_read_or_explained_in_one_sentence(typed, day, says):
    got, message = parse_picked(typed)
    assert got == day and says in message


# ---- the resolver's feedback and the likely slips -------------------------------------------------------------

@pytest.mark.parametrize("story, sid, expression, picked, slip", [
    ("wellington", "A2.S4", "day after the ballot", date(2031, 3, 6), "counted from the reference, not the anchor"),
    ("lisbon", "A1.S3", "two days before the signing", date(2031, 7, 8), "counted from the reference, not the anchor"),
    ("wellington", "A2.S5", "Yesterday", date(2031, 3, 2), "counted from an event, not the reference"),
    ("wellington", "A2.S5", "Yesterday", date(2031, 3, 5), "reference date itself"),
    ("wellington", "A2.S2", "on Monday", date(2031, 3, 10), "a week off"),
    ("lisbon", "A1.S2", "on Tuesday", date(2031, 7, 9), "another weekday"),
    ("seeds", "A0.S5", "the day after the report", date(2024, 11, 12), "counted from the reference, not the anchor"),
    ("seeds", "A2.S13", "on Thursday", date(2024, 11, 14), "a week off"),
    ("wellington", "A2.S3", "on Friday", date(2031, 3, 8), "another weekday"),
])
def test_a_wrong_date_names_its_likely_slip(stories, story, sid, expression, picked, slip):
    fb = date_feedback(reading(stories[story], sid, expression), picked)
    assert fb["status"] == "off" and fb["slip"] == slip
    assert fb["message"].startswith(f"Off by {abs(fb['days_off'])} day")
    assert "The kit's rule:" in fb["message"] and "Reference date:" in fb["message"]


def test_the_event_slip_names_the_event_and_its_date(stories):
    fb = date_feedback(reading(stories["wellington"], "A2.S5", "Yesterday"), date(2031, 3, 2))
    assert "'Wharf workers begin a strike at the Wellington port' (2031-03-03)" in fb["message"]


@pytest.mark.parametrize("story, sid, expression, right", [
    ("seeds", "A3.S4", "On Monday", date(2024, 11, 11)), ("seeds", "A0.S5", "the day after the report", date(2024, 11, 11)),
    ("wellington", "A2.S3", "on Friday", date(2031, 3, 7)), ("lisbon", "A1.S3", "two days before the signing", date(2031, 7, 6)),
])
def test_the_right_date_is_called_right_with_the_rule_and_the_reference(stories, story, sid, expression, right):
    r = reading(stories[story], sid, expression)
    fb = date_feedback(r, right)
    assert (fb["status"], fb["days_off"], fb["slip"]) == ("right", 0, "")
    assert r.basis in fb["message"] and f"Reference date: {r.reference:%Y-%m-%d}" in fb["message"]


DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@settings(max_examples=150, deadline=None)
@given(ref=DAYS, offset=st.integers(-3, 3), n=st.integers(-60, 60))
def test_the_days_off_are_the_picked_date_minus_the_resolved_one(ref, offset, n):
    r = Reading("in a few days", "relative day", ref + timedelta(days=offset), None, "a rule", "high", ref, "publication date")
    fb = date_feedback(r, r.day + timedelta(days=n))
    assert fb["days_off"] == n
    assert (fb["status"] == "right") == (n == 0)
    if n:
        assert fb["message"].startswith(f"Off by {abs(n)} day{'s' if abs(n) != 1 else ''}: ")
        assert ("later" if n > 0 else "earlier") in fb["message"].split(".")[0]


@settings(max_examples=150, deadline=None)
@given(ref=DAYS, start=st.integers(-10, 10), length=st.integers(1, 8), n=st.integers(-20, 20))
def test_a_range_takes_any_day_in_it_and_counts_off_from_its_nearest_end(ref, start, length, n):
    day = ref + timedelta(days=start)
    until = day + timedelta(days=length)
    r = Reading("last week", "week", day, until, "a range", "medium", ref, "publication date")
    picked = day + timedelta(days=n)
    fb = date_feedback(r, picked)
    if day <= picked <= until:
        assert (fb["status"], fb["days_off"]) == ("in range", 0)
    else:
        assert fb["status"] == "off" and fb["days_off"] == (n if n < 0 else (picked - until).days)


@settings(max_examples=150, deadline=None)
@given(anchor=DAYS, ref_gap=st.integers(1, 30), k=st.integers(-10, 10).filter(bool))
def test_counting_an_anchored_amount_from_the_reference_is_named(anchor, ref_gap, k):
    ref = anchor + timedelta(days=ref_gap)
    r = Reading("two days after the vote", "anchored", anchor + timedelta(days=k), None, "after the vote", "high",
                ref, "publication date", anchor)
    name, text = likely_slip(r, ref + timedelta(days=k))
    assert name == "counted from the reference, not the anchor" and f"{ref:%Y-%m-%d}" in text


@settings(max_examples=150, deadline=None)
@given(ref=DAYS, wd=st.integers(0, 6), back=st.integers(1, 60))
def test_a_weekday_counted_from_an_event_is_named(ref, wd, back):
    event = ref - timedelta(days=back)
    r = Reading("on Thursday", "weekday", weekday_on_or_before(ref, wd), None, "most recent", "high", ref,
                "publication date", None, ((event, "Harbour talks collapse"),))
    picked = weekday_on_or_before(event, wd)
    name, text = likely_slip(r, picked)
    if picked == r.day or picked == ref:
        return
    if abs((picked - r.day).days) == 7:
        assert name == "a week off"
    else:
        assert name == "counted from an event, not the reference" and "Harbour talks collapse" in text


# ---- the timeline table and strip -----------------------------------------------------------------------------

def test_placed_dates_sit_among_the_events_with_the_kits_conflicts_beside_them(stories):
    from kit.dates import timeline_flags

    case = stories["wellington"]
    flags = timeline_flags(case)
    events = [(d.date(), e) for d, e in zip(case.events["date"], case.events["event"])]
    placed = [{"date": date(2031, 3, 2), "expression": "yesterday", "sentence_id": "A3.S2", "article": "A3 · Cook Strait Times",
               "event": (date(2031, 3, 3), "Wharf workers begin a strike at the Wellington port")},
              {"date": date(2031, 3, 3), "expression": "on Monday", "sentence_id": "A2.S2", "article": "A2 · Harbour Ledger"}]
    table = placed_table(placed, events, flags)
    assert list(table.columns) == PLACED_COLUMNS
    assert list(table["date"]) == sorted(table["date"]) and list(table["what"]).count("event") == 2
    mine = table[table["what"] == "you placed"].set_index("label")
    assert mine.loc["'yesterday'", "conflicts"].startswith("conflict: ")
    assert "puts 'Wharf workers begin a strike at the Wellington port' on 2031-03-03, 1 day after your date" \
        in mine.loc["'yesterday'", "conflicts"]
    assert mine.loc["'on Monday'", "conflicts"] == "", "a correct date beside its event is not flagged"
    assert mine.loc["'on Monday'", "weekday"] == "Monday"
    strip = timeline_html(table)
    assert strip.count("<tr") == 4 and "⚠" in strip and "Cook Strait Times" in strip
    assert timeline_summary(table).startswith("Timeline from 2031-03-02 to 2031-03-03: 2 events and 2 dates")


def test_the_strip_escapes_text_and_shows_the_kits_reading_only_in_a_demo():
    table = placed_table([{"date": date(2031, 7, 8), "expression": "<b>Tuesday</b>", "sentence_id": "A1.S2",
                           "article": "A1 · Gazeta", "resolver": "2031-07-08"}], [])
    assert "<b>Tuesday</b>" not in timeline_html(table) and "Kit's reading" in timeline_html(table, show_resolver=True)
    assert "Kit's reading" not in timeline_html(table)


@pytest.mark.parametrize("prompt, key_start", [
    ("'On Monday' in A3.S4, read on Tuesday 12 November 2024", "A3.S4@"),
    ("'on Thursday' in the Post's words (A2.S13), published Sunday 10 November 2024", "A2.S13@"),
    ("'the day after the report' in A0.S5", "A0.S5@"),
    ("When did 'the day after the report' happen?", "A0.S5@"),
    ("How many articles does the case hold?", None),
])
def test_a_prompt_selects_the_expression_it_names(stories, prompt, key_start):
    key = preselect(prompt, expression_options(stories["seeds"]))
    assert (key or "").startswith(key_start) if key_start else key is None


def test_the_context_states_the_publication_and_the_reference_date():
    out = context_html({"article_id": "A2", "sentence_id": "A2.S3"}, "2031-03-05", "publication date 2031-03-05 (metadata)",
                       "2031-03-05", "Harbour <Ledger>")
    assert "published 2031-03-05" in out and "<b>2031-03-05</b>" in out and "Harbour &lt;Ledger&gt;" in out


# ---- the widget ---------------------------------------------------------------------------------------------

def test_the_demo_judges_with_the_resolver_places_the_date_and_records_nothing(stories, answers_file):
    box = place_dates(case=stories["wellington"], sentence="A2.S4")
    assert "kit-place-dates" in box._dom_classes
    assert box.expression.value.startswith("A2.S4@") and "<mark" in box.sentence.value
    assert "published 2031-03-05" in box.context.value
    box.date_text.value = "2031-03-06"
    box.check_button.click()
    assert "Demo" in box.feedback.value and "Off by 3 days" in box.feedback.value
    assert "counting from the article&#x27;s reference date (2031-03-05)" in box.feedback.value
    assert box.answer == "2031-03-06" and "you placed" in box.timeline.value
    box.expression.value = next(k for _, k in box.expression.options if k.startswith("A1.S2@"))
    assert box.date_text.value == "" and "Monday, 3 March 2031" in box.sentence.value
    box.date_text.value = "2031-03-03"
    box.check_button.click()
    assert "Right" in box.feedback.value and "ambiguous" not in box.feedback.value
    assert box.timeline.value.count("<i>you placed</i>") == 2
    assert not answers_file.exists(), "a demo records nothing"


def test_previous_and_next_step_through_the_expressions_and_stop_at_the_ends(stories):
    box = place_dates(case=stories["lisbon"])
    keys = [k for _, k in box.expression.options]
    box.previous_button.click()
    assert box.expression.value == keys[0]
    box.next_button.click()
    assert box.expression.value == keys[1] and "two days before the signing" in box.sentence.value
    for _ in keys:
        box.next_button.click()
    assert box.expression.value == keys[-1] and "next Saturday" in box.sentence.value


def test_a_badly_typed_date_gets_a_sentence_and_is_not_placed(stories, answers_file):
    box = place_dates(case=stories["lisbon"])
    box.date_text.value = "8 July"
    box.check_button.click()
    assert "YYYY-MM-DD" in box.feedback.value and box.answer == "" and box.placed == {}


def test_a_question_preselects_records_and_restores_its_answer(stories, answers_file):
    box = place_dates("q1.1", stories["wellington"])
    assert box.expression.value.startswith("A2.S2@") and "q1.1" in box.prompt.value and box.date_text.value == ""
    box.date_text.value = "2031-03-10"
    box.check_button.click()
    assert "kit-incorrect" in box.feedback.value and "Kit's reading" not in box.timeline.value
    box.date_text.value = "2031-03-03"
    box.check_button.click()
    assert "kit-correct" in box.feedback.value and box.answer == "2031-03-03"
    saved = json.loads(answers_file.read_text())["attempts"]
    assert [(a["question"], a["answer"], a["status"]) for a in saved] == [
        ("q1.1", "2031-03-10", "incorrect"), ("q1.1", "2031-03-03", "correct")]
    again = place_dates("q1.1", stories["wellington"])
    assert (again.date_text.value, again.answer) == ("2031-03-03", "2031-03-03")
    assert "saved answer is back" in again.feedback.value and "you placed" in again.timeline.value


def test_seed_questions_select_their_sentence(stories, answers_file):
    assert place_dates("q3.1", stories["seeds"]).expression.label == "'On Monday' — A3.S4, outlet not stated"
    box = place_dates("q3.3", stories["seeds"])
    assert box.expression.value.startswith("A2.S7@")  # 'the Thursday after he won the election'
    box.date_text.value = "2024-11-07"
    box.check_button.click()
    assert "kit-correct" in box.feedback.value


def test_a_question_of_another_kind_says_so(stories, answers_file):
    assert "asks for a text, not a date" in place_dates("q1.2", stories["wellington"]).prompt.value


def test_a_missing_case_gives_one_sentence(tmp_path):
    box = place_dates(case=tmp_path / "nowhere")
    assert box.children == (box.feedback,) and box.feedback.value.startswith("<p>")
