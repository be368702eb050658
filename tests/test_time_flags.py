"""Timeline flags on invented stories: titles out of date, relative dates copied from earlier reports, events by meaning.

Two invented stories throughout: a harbour strike in Wellington (a transport
minister who became health minister; a union and port owners) and a football
club in Lisbon (a coach who became technical director; a club president who was
a candidate first). Every rule is also shown on passages that look suspicious
but are right.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit.core.errors import CaseError
from kit.dates.events import match_event, unique_event
from kit.dates.flags_roles import verdict
from kit.dates.roles import RoleRow, validate_roles

HARBOUR_ROLES = [("Mere Tane", "Transport Minister", "2019-01-01", "2023-06-30"),
                 ("Mere Tane", "Health Minister", "2023-07-01", ""),
                 ("Mere Tane", "Minister of Health", "2023-07-01", ""),
                 ("Rawiri Ngata", "union secretary", "", "")]
CLUB_ROLES = [("Ana Costa", "candidate for club president", "2027-09-01", "2027-12-15"),
              ("Ana Costa", "President of Sporting Lisbon", "2028-01-01", ""),
              ("João Reis", "coach of Sporting Lisbon", "2020-07-01", "2030-06-30"),
              ("João Reis", "technical director of Sporting Lisbon", "2030-07-01", "")]
HARBOUR_EVENTS = [("2031-03-03", "Harbour workers begin a strike in Wellington"),
                  ("2031-03-09", "Port owners and the union hold a meeting"),
                  ("2031-03-10", "Port owners reject the union's offer")]
CLUB_EVENTS = [("2028-07-18", "Sporting Lisbon club election day"),
               ("2030-07-20", "Sporting Lisbon club election day"),
               ("2030-08-01", "Sporting signs the striker Rui Gomes"),
               ("2030-08-05", "Sporting denies the report of a second bid")]


def make_case(root, articles, events=(), roles=(), roles_header="person,role,start,end", lexicon=()):
    """Write a case folder: ``articles`` are ``(file, published, text)``."""
    case = root / "case"
    (case / "articles").mkdir(parents=True, exist_ok=True)
    meta = ["file,outlet,author,genre,published,headline,url,notes"]
    for name, published, text in articles:
        (case / "articles" / name).write_text(text + "\n", encoding="utf-8")
        meta.append(f"{name},Wire,,news,{published},,,")
    (case / "metadata.csv").write_text("\n".join(meta) + "\n", encoding="utf-8")
    (case / "context").mkdir(exist_ok=True)
    if events:
        (case / "context" / "events.csv").write_text(
            "date,event\n" + "".join(f'{d},"{e}"\n' for d, e in events), encoding="utf-8")
    if roles:
        (case / "context" / "roles.csv").write_text(
            roles_header + "\n" + "".join(",".join(r) + "\n" for r in roles), encoding="utf-8")
    if lexicon:
        (case / "lexicon.csv").write_text("kind,word,value\n" + "".join(",".join(r) + "\n" for r in lexicon),
                                          encoding="utf-8")
    return case


def one_text_flags(tmp_path, text, published, roles):
    return kit.timeline_flags(make_case(tmp_path, [("a.txt", published, text)], roles=roles))


# --- 1. titles of roles.csv ------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, roles, published, kind",
    [  # harbour story, 2031: Tane was transport minister until mid-2023, health minister since
        ("Transport Minister Mere Tane visited the port.", HARBOUR_ROLES, "2031-03-10", "title check"),
        ("Reporters asked Transport Minister Tane about the strike.", HARBOUR_ROLES, "2031-03-10", "title check"),
        ("Transport Minister Mere Tane visited the port.", HARBOUR_ROLES, "2018-05-01", "anachronism"),  # not yet
        ("Former Health Minister Tane spoke.", HARBOUR_ROLES, "2018-05-01", "anachronism"),  # "former" before it began
        # club story, 2031: Reis coached until mid-2030; Costa was a candidate in late 2027
        ("Reis, the coach of Sporting, left the stadium.", CLUB_ROLES, "2031-01-05", "title check"),
        ("Candidate Ana Costa promised a new stadium.", CLUB_ROLES, "2028-03-01", "anachronism"),  # a stage ended
        ("Coach João Reis joined the club.", CLUB_ROLES, "2019-06-01", "anachronism"),
    ],
)
def test_a_title_not_held_at_the_date_is_flagged_with_its_row(tmp_path, text, roles, published, kind):
    flags = one_text_flags(tmp_path, text, published, roles)
    assert flags["kind"].tolist() == [kind], flags.to_dict("records")
    assert "roles.csv: " in flags.iloc[0]["evidence"] and "roles.csv: " in flags.iloc[0]["explanation"]
    if kind == "title check":
        assert flags.iloc[0]["explanation"].startswith("Outdated or courtesy title, check:")


@pytest.mark.parametrize(
    "text, roles, published",
    [
        ("Former Transport Minister Mere Tane visited the port.", HARBOUR_ROLES, "2031-03-10"),  # true
        ("ex-Transport Minister Tane visited the port.", HARBOUR_ROLES, "2031-03-10"),
        ("Health Minister Tane and Minister Mere Tane are the same person.", HARBOUR_ROLES, "2031-03-10"),
        ("In 2021, Transport Minister Mere Tane opened the wharf.", HARBOUR_ROLES, "2031-03-10"),  # about 2021
        ("Union secretary Rawiri Ngata called the strike.", HARBOUR_ROLES, "2031-03-10"),  # no dates: always
        ("Mayor Tane opened the wharf.", HARBOUR_ROLES, "2031-03-10"),  # a title the table does not list
        ("Transport Minister Kiri Moana visited the port.", HARBOUR_ROLES, "2031-03-10"),  # someone else
        ("Club president Costa and President Ana Costa are one person.", CLUB_ROLES, "2031-01-05"),
        ("Costa, the former candidate, spoke.", CLUB_ROLES, "2031-01-05"),
        ("Technical director João Reis signed the striker.", CLUB_ROLES, "2031-01-05"),
        ("The vice-President Costa is another Costa.", CLUB_ROLES, "2031-01-05"),
        ("Coach João Reis, in charge since 2020, signed the striker.", CLUB_ROLES, "2029-05-01"),
    ],
)
def test_true_or_past_marked_titles_are_not_flagged(tmp_path, text, roles, published):
    assert one_text_flags(tmp_path, text, published, roles).empty


def test_a_title_held_before_is_the_speakers_choice_inside_a_quotation(tmp_path):
    quoted = one_text_flags(tmp_path, "“We thank Transport Minister Tane,” the union said.", "2031-03-10", HARBOUR_ROLES)
    assert quoted.empty  # a courtesy title in someone's words is no error of the writer's
    writer = one_text_flags(tmp_path, "Transport Minister Tane thanked the union.", "2031-03-10", HARBOUR_ROLES)
    assert writer["kind"].tolist() == ["title check"]


def test_a_title_never_held_is_flagged_inside_a_quotation_too_with_a_note(tmp_path):
    flags = one_text_flags(tmp_path, "“We thank President Costa,” the fans said.", "2027-10-10", CLUB_ROLES)
    assert flags["kind"].tolist() == ["anachronism"]
    assert "inside a quotation" in flags.iloc[0]["explanation"]


def test_aliases_column_adds_titles(tmp_path, monkeypatch):
    from kit.core import case as case_module

    required, optional = case_module.CONTEXT_TABLES["roles.csv"]
    if "aliases" not in optional:  # until the loader accepts the column, accept it here
        monkeypatch.setitem(case_module.CONTEXT_TABLES, "roles.csv", (required, [*optional, "aliases"]))
    roles = [(*r, "manager|head coach") if r[1].startswith("coach") else (*r, "") for r in CLUB_ROLES]
    folder = make_case(tmp_path, [("a.txt", "2031-01-05", "Head coach João Reis signed the striker. Manager Reis smiled.")],
                       roles=roles, roles_header="person,role,start,end,aliases")
    flags = kit.timeline_flags(kit.load_case(folder, cached=False))
    assert flags["kind"].tolist() == ["title check", "title check"]
    assert flags["evidence"].str.contains("coach of Sporting Lisbon").all()


def test_a_bad_alias_is_one_friendly_sentence(tmp_path, monkeypatch):
    from kit.core import case as case_module

    required, optional = case_module.CONTEXT_TABLES["roles.csv"]
    if "aliases" not in optional:
        monkeypatch.setitem(case_module.CONTEXT_TABLES, "roles.csv", (required, [*optional, "aliases"]))
    folder = make_case(tmp_path, [("a.txt", "2031-01-05", "Manager Reis smiled.")],
                       roles=[("João Reis", "coach of Sporting Lisbon", "2020-07-01", "2030-06-30", "manager||head coach")],
                       roles_header="person,role,start,end,aliases")
    assert validate_roles(folder) == [
        "case/context/roles.csv, line 2, field 'aliases': 'manager||head coach' has an empty title; "
        "separate titles with a single | (e.g. Minister|Foreign Minister)."]
    with pytest.raises(CaseError, match=r"line 2, field 'aliases'.*separate titles with a single \|"):
        kit.timeline_flags(kit.load_case(folder, cached=False))


ROW_DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


@given(start=ROW_DAYS, length=st.integers(1, 4000), at=ROW_DAYS, stage=st.booleans())
def test_a_title_is_right_exactly_while_it_is_held(start, length, at, stage):
    title = "candidate" if stage else "Minister"
    row = RoleRow("Kiri Moana", title, start, start + timedelta(days=length), (title,), False)
    found = verdict(title, False, [row], [(at, at)])
    if start <= at < row.end:
        assert found is None
    elif at >= row.end:
        assert found[0] == ("anachronism" if stage else "title check")
    else:
        assert found[0] == "anachronism" and found[2] == "held only later"
    assert verdict(title, True, [row], [(at, at)]) is None or at < start  # "former" is wrong only before it began


# --- 2. relative dates copied from an earlier report -------------------------------------------

def test_yesterday_copied_from_the_day_before_is_flagged_with_both_spans(tmp_path):
    sunday = date(2031, 3, 9)
    assert sunday.strftime("%A") == "Sunday"
    articles = [
        ("a.txt", "2031-03-10", "Yesterday, port owners rejected the union's offer, the union said."),
        ("b.txt", "2031-03-11", "Yesterday, port owners rejected the union's offer, the union said in a statement. "
                                "Yesterday, the ferry resumed service."),  # the second is this article's own news
        ("c.txt", "2031-03-11", "On Sunday, port owners rejected the union's offer, the union said."),  # right
    ]
    flags = kit.timeline_flags(make_case(tmp_path, articles, events=HARBOUR_EVENTS[:2] +
                                         [("2031-03-09", "Port owners reject the union's offer")]))
    assert flags["kind"].tolist() == ["stale date"], flags.to_dict("records")
    row = flags.iloc[0]
    assert row["sentence_id"] == "A2.S1"
    assert "Possibly copied from A1 published 2031-03-10, where it means 2031-03-09" in row["explanation"]
    assert "means 2031-03-10" in row["explanation"] and "(A2.S1, 0:9)" in row["evidence"] and "A1: 'Yesterday' (A1.S1, 0:9)" in row["evidence"]
    assert "time zone" not in row["explanation"].lower()


def test_days_ago_copied_in_a_football_story_and_a_weekday_that_still_fits(tmp_path):
    articles = [
        ("a.txt", "2030-08-03", "Sporting signed the striker Rui Gomes two days ago, the club confirmed. "
                                "The fans cheered on Thursday at the stadium."),
        ("b.txt", "2030-08-05", "Sporting signed the striker Rui Gomes two days ago, the club confirmed on its site. "
                                "The fans cheered on Thursday at the stadium."),  # same week: still 1 August
    ]
    flags = kit.timeline_flags(make_case(tmp_path, articles, events=CLUB_EVENTS))
    stale = flags[flags["kind"] == "stale date"]
    assert stale["sentence_id"].tolist() == ["A2.S1"]
    assert "where it means 2030-08-01" in stale.iloc[0]["explanation"]
    assert "'Sporting signs the striker Rui Gomes', is dated 2030-08-01 (events.csv), as there" in stale.iloc[0]["explanation"]
    assert not flags["sentence_id"].isin(["A1.S2", "A2.S2"]).any()


@settings(max_examples=6, deadline=None)
@given(first=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)), gap=st.integers(0, 3))
def test_copied_yesterday_is_flagged_only_when_the_dates_differ(tmp_path_factory, first, gap):
    text = "Yesterday, the harbour board rejected the union's offer in Wellington."
    later = first + timedelta(days=gap)
    folder = make_case(tmp_path_factory.mktemp("copy"), [("a.txt", first.isoformat(), text), ("b.txt", later.isoformat(), text)])
    stale = kit.timeline_flags(folder).query("kind == 'stale date'")
    assert len(stale) == (1 if gap else 0)
    if gap:
        assert f"where it means {first - timedelta(days=1):%Y-%m-%d}" in stale.iloc[0]["explanation"]


def test_time_zones_are_named_only_with_a_clock_time_as_evidence(tmp_path):
    events = [("2031-03-09", "The union rejects the port owners' offer")]
    places = [("place", "Wellington", "Pacific/Auckland")]
    with_clock = [("a.txt", "2031-03-11", "The union rejected the port owners' offer on March 9 at 11pm London time."),
                  ("b.txt", "2031-03-11", "In Wellington, the union rejected the port owners' offer on March 10.")]
    flags = kit.timeline_flags(make_case(tmp_path / "clock", with_clock, events=events, lexicon=places))
    assert flags["kind"].tolist() == ["time zones"] and flags["sentence_id"].tolist() == ["A2.S1"]  # a note, on the one that differs
    assert "Time zones can explain it: '11pm' (2031-03-09 23:00 GMT) is 2031-03-10 12:00 in Wellington" in flags.iloc[0]["explanation"]
    without = [(f, p, t.replace(" at 11pm London time", "")) for f, p, t in with_clock]
    flags = kit.timeline_flags(make_case(tmp_path / "none", without, events=events, lexicon=places))
    assert set(flags["kind"]) == {"conflict"} and not flags["explanation"].str.contains("zone").any()


# --- 3. events by meaning -------------------------------------------------------------------------

def pairs(events):
    return [(date.fromisoformat(d), e) for d, e in events]


@pytest.mark.parametrize(
    "text, events, near, expected",
    [
        ("the vote", CLUB_EVENTS, date(2030, 7, 25), "2030-07-20"),  # "vote" means election; the nearer one
        ("the day after the election", CLUB_EVENTS, date(2028, 7, 25), "2028-07-18"),
        ("Sporting rejected the report", CLUB_EVENTS, None, "2030-08-05"),  # "rejected" means "denies"
        ("the signing of Gomes", CLUB_EVENTS, None, "2030-08-01"),
        ("the talks", HARBOUR_EVENTS, None, "2031-03-09"),  # "talks" means "meeting"
        ("the day after the talks", HARBOUR_EVENTS, None, "2031-03-09"),  # "day" names no event
        ("the walkout", HARBOUR_EVENTS, None, "2031-03-03"),
        ("Port owners dismissed the offer from the union", HARBOUR_EVENTS, None, "2031-03-10"),
    ],
)
def test_match_event_by_meaning(text, events, near, expected):
    found = match_event(text, pairs(events), near=near)
    assert found is not None and f"{found[0]:%Y-%m-%d}" == expected


@pytest.mark.parametrize("text", ["the weather", "the transfer window closed", "Sporting fans sang", "in the coming days"])
def test_match_event_finds_nothing_for_other_subjects(text):
    assert match_event(text, pairs(CLUB_EVENTS)) is None


def test_match_event_reads_a_case_table_and_a_case_synonym(tmp_path):
    folder = make_case(tmp_path, [("a.txt", "2031-03-10", "It rained.")], events=HARBOUR_EVENTS,
                       lexicon=[("synonym", "standoff", "strike")])
    case = kit.load_case(folder)
    assert match_event("the talks", case.events)[1] == "Port owners and the union hold a meeting"
    assert match_event("the standoff", case.events, root=folder)[1].startswith("Harbour workers begin a strike")
    assert match_event("the standoff", case.events) is None


def test_a_clause_that_fits_two_events_is_tied_to_neither():
    events = pairs(CLUB_EVENTS)
    assert unique_event("the club election", events) is None
    assert unique_event("Sporting rejected the report of a bid", events)[0] == date(2030, 8, 5)


def test_conflicts_are_found_through_paraphrases_and_agreement_is_not_flagged(tmp_path):
    assert date(2030, 8, 6).strftime("%A") == "Tuesday"
    agree = [("a.txt", "2030-08-07", "On Monday, Sporting rejected the report of a second bid."),  # 5 August
             ("b.txt", "2030-08-07", "On August 5, the club dismissed the report of a second bid for Gomes.")]
    assert kit.timeline_flags(make_case(tmp_path / "agree", agree, events=CLUB_EVENTS)).empty
    disagree = [("a.txt", "2030-08-07", "On Tuesday, Sporting rejected the report of a second bid."), agree[1]]
    flags = kit.timeline_flags(make_case(tmp_path / "disagree", disagree, events=CLUB_EVENTS))
    assert flags["kind"].tolist() == ["conflict"] and flags["article_id"].tolist() == ["A1"]  # A2 agrees with events.csv
    assert flags.iloc[0]["explanation"] == ("For the event 'Sporting denies the report of a second bid', the case's context "
                                            "gives 2030-08-05 (A2 gives it too ('August 5')), and A1 gives 2030-08-06 "
                                            "('On Tuesday').")


@pytest.mark.parametrize(
    "text, published, events, roles, flagged",
    [
        ("Fans debate the upcoming vote.", "2030-07-25", CLUB_EVENTS, (), True),  # "vote": the election of 20 July
        ("Fans debate the upcoming vote.", "2030-07-10", CLUB_EVENTS, (), False),  # still to come
        ("Sporting will sign more players in the coming days.", "2030-08-10", CLUB_EVENTS, (), False),
        ("The union prepares for the upcoming talks.", "2031-03-12", HARBOUR_EVENTS, (), True),
        ("The union prepares for the upcoming talks.", "2031-03-05", HARBOUR_EVENTS, (), False),
        ("Costa is running for club president, her team said.", "2028-03-01", (), CLUB_ROLES, True),  # a lexicon cue
        ("Costa is running for club president, her team said.", "2027-10-01", (), CLUB_ROLES, False),
    ],
)
def test_coming_events_and_campaign_wordings_by_meaning(tmp_path, text, published, events, roles, flagged):
    flags = kit.timeline_flags(make_case(tmp_path, [("a.txt", published, text)], events=events, roles=roles))
    assert flags["kind"].tolist() == (["anachronism"] if flagged else []), flags.to_dict("records")


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("Reis, the former coach, signed the striker.", False),
        ("Reis, Sporting's coach, signed the striker.", True),  # since mid-2030 he is technical director
        ("Reis, and the coach of Benfica, watched.", False),  # the title is someone else's
        ("Reis, who met coach Silva, smiled.", False),
        ("President Costa smiled.", False),  # two people named Costa: the surname alone tells nobody
        ("Coach Rui Costa smiled.", False),  # no row gives Rui Costa a title
        ("Coach Ana Costa smiled.", False),  # not a title of hers: the table may be incomplete
    ],
)
def test_appositions_and_shared_surnames(tmp_path, text, flagged):
    roles = CLUB_ROLES + [("Rui Costa", "President of Benfica", "2010-01-01", "2020-01-01")]
    flags = one_text_flags(tmp_path, text, "2031-01-05", roles)
    assert flags["kind"].tolist() == (["title check"] if flagged else []), flags.to_dict("records")


@pytest.mark.parametrize(
    "text, events, expected",
    [
        ("Harbour workers walked out, starting a walkout that the union called overdue.", HARBOUR_EVENTS, "2031-03-03"),
        ("Sporting rejected the report of a second bid.", CLUB_EVENTS, "2030-08-05"),
        ("Sporting will deny the report of a second bid.", CLUB_EVENTS, ""),  # a future cue: not yet reported
        ("Fans sang in the rain.", CLUB_EVENTS, ""),
    ],
)
def test_an_undated_article_is_dated_by_the_events_it_reports_in_other_words(tmp_path, text, events, expected):
    refs = kit.reference_dates(make_case(tmp_path, [("a.txt", "", text)], events=events))
    assert refs.loc["A1", "reference"] == expected
