"""Lateral reading: the offline search (kit.lateral.search) and the investigation widget (kit.lateral.widget).

Two invented stories, each with a small "web" about its sources: a harbour strike in Wellington
(an outlet owned by a union, a self-praising about page, a car dealer with a similar name, an
organiser whose name carries a macron) and a football transfer in Lisbon (a sports daily, a
fact-check, a fan blog, a player with accents in his name). The widget is driven as the browser
drives it: ``.value`` for what is typed, ``.click()`` for a button, and the "submit" message for Enter.
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import make_case
from kit.answer_trail import encode_trail
from kit.core import store
from kit.core.errors import KitError
from kit.lateral import add_event, investigate, new_trail, restore, search, trail_summary
from kit.lateral.search import COLUMNS, SNIPPET_CHARS, fold, snippet, words
from kit.lateral.widget import event_problem, saved_trail

HEADER = "page_id,title,address,publisher,kind,about,published,consulted,text\n"
STORIES = {
    "wellington": {
        "article": ("strike.txt", "Port strike enters second day\n\nWharf workers stayed out on Tuesday, the Harbour "
                    "Ledger reported. Mere Tāwhiri said the union would not back down.\n"),
        "outlet": "Harbour Ledger",
        "pages": [
            ["P1", "Harbour Ledger - Open Encyclopedia", "https://encyclopedia.example/Harbour_Ledger", "Open Encyclopedia",
             "reference", "Harbour Ledger", "", "2031-03-05",
             "Encyclopedia entry on the Harbour Ledger, a weekly paper in Wellington founded in 1998. Says the paper "
             "is owned by the Tasman Port Workers Union, which appoints its editor. Notes that it covers mostly the "
             "waterfront and labour disputes."],
            ["P2", "About us | Harbour Ledger", "https://harbour-ledger.example/about", "Harbour Ledger", "about",
             "Harbour Ledger", "", "2031-03-05",
             "Describes itself as the independent voice of the waterfront. Does not say who owns or funds it."],
            ["P3", "Mere Tāwhiri - Open Encyclopedia", "https://encyclopedia.example/Mere_Tawhiri", "Open Encyclopedia",
             "reference", "Mere Tāwhiri", "", "2031-03-05",
             "Entry on Mere Tāwhiri, an organiser of the Tasman Port Workers Union since 2024. Says she led the "
             "2029 wharf strike talks."],
            ["P4", "Harbour Ledger Motors: the best deals in Napier", "https://ledger-motors.example/", "Ledger Motors",
             "self-published", "Ledger Motors", "", "2031-03-05",
             "A car dealer's own page praising its prices. Has nothing to do with the Wellington paper of a similar name."],
            ["P5", "Cook Strait ferry timetable", "https://ferries.example/times", "Strait Ferries", "self-published",
             "Strait Ferries", "", "2031-03-05", "Lists the crossings between Wellington and Picton."],
            ["P6", "Complaint about strike coverage upheld", "https://media-council.example/2029/14",
             "Media Council", "assessment", "Harbour Ledger", "2029-08-01", "2031-03-05",
             "Says the Media Council upheld a complaint that the Harbour Ledger did not tell readers the union owns it "
             "when it reported on the strike. Found its news reports otherwise accurate."],
        ],
    },
    "lisbon": {
        "article": ("transfer.txt", "Striker joins Belém\n\nJoão Brandão signed for Atlético Belém on Friday, the "
                    "Gazeta do Relvado said, for a record fee.\n"),
        "outlet": "Gazeta do Relvado",
        "pages": [
            ["P1", "Gazeta do Relvado - Enciclopédia Aberta", "https://enciclopedia.example/Gazeta_do_Relvado",
             "Enciclopédia Aberta", "reference", "Gazeta do Relvado", "", "2031-07-10",
             "Encyclopedia entry on the Gazeta do Relvado, a sports daily in Lisbon. Says it is owned by a holding "
             "company that also holds shares in Atlético Belém."],
            ["P2", "João Brandão - player profile", "https://liga.example/players/joao-brandao", "Liga Portugal",
             "reference", "João Brandão", "", "2031-07-10",
             "The league's profile of João Brandão, a striker born in Faro in 2009. Lists his clubs and his "
             "transfer to Atlético Belém in July 2031."],
            ["P3", "No, the transfer fee was not a record", "https://factos.example/brandao-fee", "Factos",
             "assessment", "Gazeta do Relvado", "2031-07-08", "2031-07-10",
             "A fact-check saying the fee reported by the Gazeta do Relvado was not a club record. Compares it with "
             "two earlier fees that were higher."],
            ["P4", "Why the Gazeta is the best paper in Portugal", "https://belem-fans.example/gazeta",
             "Belém Fans", "self-published", "Gazeta do Relvado", "", "2031-07-10",
             "A fan blog praising the Gazeta do Relvado for its loyalty to the club. Names no evidence."],
            ["P5", "Lisbon tram routes", "https://carris.example/trams", "Carris", "self-published", "Carris", "",
             "2031-07-10", "Lists the tram routes of Lisbon and their hours."],
        ],
    },
}


def _csv_row(cells: list[str]) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' if any(x in c for x in ',"\n') else c for c in cells) + "\n"


def story_case(tmp_path, story: str, *, corpus: bool = True):
    """An invented case of ``story`` with its pages (or none)."""
    spec = STORIES[story]
    file, text = spec["article"]
    case = make_case(tmp_path, {file: text}, {file: {"outlet": spec["outlet"], "published": "2031-03-02",
                                                     "headline": text.splitlines()[0]}}, name=story)
    if corpus:
        (case / "context" / "sources").mkdir(parents=True)
        (case / "context" / "sources" / "pages.csv").write_text(HEADER + "".join(map(_csv_row, spec["pages"])),
                                                                 encoding="utf-8")
    return case


def ids(table) -> list[str]:
    return list(table["page_id"])


# ---- search ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("story, query, first, unrelated", [
    ("wellington", "Harbour Ledger", {"P1", "P2", "P6"}, "P5"),
    ("wellington", "who owns the Harbour Ledger", {"P1", "P2", "P6"}, "P5"),
    ("lisbon", "Gazeta do Relvado", {"P1", "P3", "P4"}, "P5"),
    ("lisbon", "Gazeta owned", {"P1"}, "P5"),
])
def test_an_outlets_name_ranks_its_pages_above_unrelated_ones(tmp_path, story, query, first, unrelated):
    found = search(query, story_case(tmp_path, story))
    assert list(found.columns) == COLUMNS
    assert found.iloc[0]["page_id"] in first
    assert unrelated not in ids(found), "a page sharing no word with the query is left out"
    assert list(found["rank"]) == list(range(1, len(found) + 1))
    assert list(found["score"]) == sorted(found["score"], reverse=True) and (found["score"] > 0).all()


@pytest.mark.parametrize("story, query, reference, lookalike", [
    ("wellington", "Harbour Ledger", "P1", "P4"), ("lisbon", "Gazeta do Relvado", "P1", "P5"),
])
def test_the_reference_page_outranks_a_lookalike_or_unrelated_page(tmp_path, story, query, reference, lookalike):
    found = ids(search(query, story_case(tmp_path, story), k=10))
    assert reference in found and (lookalike not in found or found.index(reference) < found.index(lookalike))


def test_the_result_rows_carry_the_page_fields(tmp_path):
    found = search("Tasman union organiser", story_case(tmp_path, "wellington"))
    top = found.iloc[0]
    assert (top["page_id"], top["kind"], top["publisher"]) == ("P3", "reference", "Open Encyclopedia")
    assert top["address"] == "https://encyclopedia.example/Mere_Tawhiri"


@pytest.mark.parametrize("story, query, page", [
    ("wellington", "Tawhiri", "P3"), ("wellington", "TĀWHIRI", "P3"),
    ("lisbon", "Joao Brandao", "P2"), ("lisbon", "brandão", "P2"), ("lisbon", "Belem", "P1"),
])
def test_accents_are_folded_both_ways(tmp_path, story, query, page):
    assert page in ids(search(query, story_case(tmp_path, story)))


@pytest.mark.parametrize("query", ["", "   ", "the of and", "?!", None])
def test_a_blank_or_stopword_query_gives_an_empty_table(tmp_path, query):
    found = search(query, story_case(tmp_path, "lisbon"))
    assert found.empty and list(found.columns) == COLUMNS


def test_a_word_no_page_has_finds_nothing(tmp_path):
    assert search("volcano", story_case(tmp_path, "wellington")).empty


def test_k_limits_the_results_and_ties_keep_page_order(tmp_path):
    case = story_case(tmp_path, "lisbon")
    rows = [["P1", "Tram notes", "https://a.example/1", "A", "news", "Carris", "", "2031-07-10", "Trams run late."],
            ["P2", "Tram notes", "https://a.example/2", "A", "news", "Carris", "", "2031-07-10", "Trams run late."],
            ["P3", "Tram notes", "https://a.example/3", "A", "news", "Carris", "", "2031-07-10", "Trams run late."]]
    (case / "context" / "sources" / "pages.csv").write_text(HEADER + "".join(map(_csv_row, rows)), encoding="utf-8")
    assert ids(search("trams", case)) == ["P1", "P2", "P3"]
    assert ids(search("trams", case, k=2)) == ["P1", "P2"]


def test_the_index_follows_a_changed_corpus(tmp_path):
    case = story_case(tmp_path, "wellington")
    assert search("volcano", case).empty
    pages = case / "context" / "sources" / "pages.csv"
    with pages.open("a", encoding="utf-8") as f:
        f.write(_csv_row(["P7", "Volcano alert", "https://geo.example/alert", "GeoWatch", "news", "GeoWatch", "",
                          "2031-03-05", "Says the volcano is quiet."]))
    later = time.time() + 5
    os.utime(pages, (later, later))
    assert ids(search("volcano", case)) == ["P7"]


def test_the_snippet_is_the_sentence_with_most_query_words(tmp_path):
    found = search("Ledger editor appointed by the union", story_case(tmp_path, "wellington"))
    row = found[found["page_id"] == "P1"].iloc[0]
    assert row["snippet"].startswith("Says the paper is owned by the Tasman Port Workers Union")
    assert all(len(s) <= SNIPPET_CHARS + 1 for s in found["snippet"])


def test_a_snippet_follows_with_the_next_sentences_while_they_fit_and_cuts_a_long_one():
    text = "Lists the tram routes. Says route 28 is the oldest. Adds the hours."
    assert snippet(text, "route 28") == "Says route 28 is the oldest. Adds the hours."
    long = "Says the fee " + "was very high " * 30 + "in the end."
    cut = snippet(long, "fee")
    assert cut.endswith("…") and len(cut) <= SNIPPET_CHARS + 1
    assert snippet("Lists the tram routes.", "volcano") == "Lists the tram routes."


@settings(deadline=None)  # the first call loads bm25s's stopwords
@given(st.text(max_size=40))
def test_folding_is_idempotent_and_words_ignore_case_and_accents(text):
    assert fold(fold(text)) == fold(text)
    assert words(text.upper()) == words(fold(text.upper())) == words(fold(text))


def test_a_case_without_a_corpus_is_told_in_one_sentence(tmp_path):
    case = story_case(tmp_path, "lisbon", corpus=False)
    with pytest.raises(KitError) as caught:
        search("Gazeta", case)
    message = str(caught.value)
    assert "context/sources/pages.csv" in message and "instructor" in message and message.count(". ") == 0


# ---- the trail, pure ------------------------------------------------------------------------------------


def test_events_are_plain_dicts_added_to_a_new_list():
    trail = new_trail()
    one = add_event(trail, "search", 4.26, query="harbour ledger", results=("P1", "P6"))
    two = add_event(one, "open", 9.81, page_id="P6")
    three = add_event(two, "note", 31, text="The union owns it.")
    assert trail == [] and len(one) == 1 and len(two) == 2
    assert three == [{"t": 4.3, "action": "search", "query": "harbour ledger", "results": ["P1", "P6"]},
                     {"t": 9.8, "action": "open", "page_id": "P6"},
                     {"t": 31.0, "action": "note", "text": "The union owns it."}]


@pytest.mark.parametrize("action, fields", [
    ("jump", {"page_id": "P1"}), ("open", {}), ("open", {"page_id": 3}), ("note", {"text": "x", "extra": 1}),
    ("search", {"query": "x", "results": "P1"}), ("search", {"query": "x", "results": [1]}),
])
def test_a_malformed_event_is_refused(action, fields):
    with pytest.raises(KitError):
        add_event([], action, 1.0, **fields)


def test_the_summary_reads_a_trail():
    trail = add_event([], "search", 2, query="gazeta", results=["P1", "P4"])
    trail = add_event(trail, "open", 5, page_id="P4")
    trail = add_event(trail, "search", 9, query="gazeta owner", results=["P1"])
    trail = add_event(trail, "open", 12, page_id="P1")
    trail = add_event(trail, "open", 14, page_id="P4")
    trail = add_event(trail, "note", 40, text="A holding that owns club shares.")
    assert trail_summary(trail) == {"searches": ["gazeta", "gazeta owner"], "opened": ["P4", "P1"],
                                    "first_opened": "P4", "seconds": 40.0, "note": "A holding that owns club shares."}
    assert trail_summary(new_trail()) == {"searches": [], "opened": [], "first_opened": "", "seconds": 0.0, "note": ""}


@pytest.mark.parametrize("bad", [None, "P1", {"t": 1}, 3, [{"t": 1.0, "action": "open"}],
                                 [{"t": float("nan"), "action": "open", "page_id": "P1"}], ["not a line"],
                                 [{"t": 1.0, "action": "open", "page_id": "P1"}, "2.0s | open | P2"]])
def test_restore_accepts_only_a_trail(bad):
    assert restore(bad) == []


def test_restore_copies_a_trail_and_reads_the_lines_check_saves():
    trail = add_event(add_event([], "search", 1, query="brandão", results=["P2"]), "open", 2, page_id="P2")
    back = restore(trail)
    assert back == trail and back is not trail and back[0]["results"] is not trail[0]["results"]
    assert restore(encode_trail(trail)) == trail
    assert all(event_problem(e) == "" for e in back)


# ---- the widget -----------------------------------------------------------------------------------------


def enter(text_box) -> None:
    text_box._handle_custom_msg({"event": "submit"}, [])  # what the browser sends on Enter


def test_search_open_and_note_build_the_trail(tmp_path):
    box = investigate(None, story_case(tmp_path, "wellington"))
    box.query.value = "Harbour Ledger owner"
    box.search_button.click()
    assert [p for p, _ in box.results] == box.trail[0]["results"] and box.trail[0]["query"] == "Harbour Ledger owner"
    assert "https://harbour-ledger.example/about" in box.result_list.children[box.trail[0]["results"].index("P2")].children[1].value
    second_id, second_button = box.results[1]
    second_button.click()
    assert box.trail[-1]["page_id"] == second_id
    first_id, first_button = box.results[0]
    first_button.click()
    assert box.trail[-1]["page_id"] == first_id
    assert {"P1": "reference work", "P2": "own page", "P6": "assessment"}[first_id] in box.page.value
    box.note.value = "The union owns the paper."
    box.save_button.click()
    assert [e["action"] for e in box.trail] == ["search", "open", "open", "note"]
    assert box.trail[-1]["text"] == "The union owns the paper." and "Saved" in box.feedback.value
    assert [e["t"] for e in box.trail] == sorted(e["t"] for e in box.trail)
    assert box.answer == encode_trail(box.trail)


def test_the_opened_page_shows_its_kind_dates_and_text(tmp_path):
    box = investigate(None, story_case(tmp_path, "lisbon"))
    box.query.value = "fee record"
    box.search_button.click()
    dict(box.results)["P3"].click()
    shown = box.page.value
    assert "https://factos.example/brandao-fee" in shown and "Factos" in shown
    assert "fact-checking" in shown and "Published 2031-07-08" in shown and "consulted 2031-07-10" in shown
    assert "not a club record" in shown


@pytest.mark.parametrize("value_first", [True, False])
def test_enter_searches_once_whichever_arrives_first(tmp_path, value_first):
    box = investigate(None, story_case(tmp_path, "lisbon"))
    if value_first:
        box.query.value = "Gazeta"
        enter(box.query)
    else:
        enter(box.query)
        box.query.value = "Gazeta"
    assert [(e["action"], e["query"]) for e in box.trail] == [("search", "Gazeta")]
    box.search_button.click()  # the same search again adds nothing
    assert len(box.trail) == 1
    box.query.value = "Joao Brandao"  # leaving the box with a new query does not search
    assert len(box.trail) == 1
    enter(box.note)
    box.note.value = "Owned by a holding with club shares."
    assert box.trail[-1] == {"t": box.trail[-1]["t"], "action": "note", "text": "Owned by a holding with club shares."}


def test_a_search_without_results_says_so(tmp_path):
    box = investigate(None, story_case(tmp_path, "wellington"))
    box.query.value = "volcano"
    box.search_button.click()
    assert box.results == [] and box.trail[0]["results"] == []
    assert "No page of this case matches" in box.result_list.children[0].value


def test_a_case_without_a_corpus_gets_a_widget_that_says_so(tmp_path):
    box = investigate("q9.1", story_case(tmp_path, "wellington", corpus=False))
    assert "context/sources/pages.csv" in box.feedback.value and "Traceback" not in box.feedback.value
    assert list(box.children) == [box.feedback] and box.trail == []


def test_save_checks_the_trail_and_a_new_widget_restores_it(tmp_path, monkeypatch):
    answers = tmp_path / "answers.json"
    monkeypatch.setenv("KIT_ANSWERS", str(answers))
    calls = []

    def fake_check(question_id, answer, case):  # what kit.check records for a trail question
        calls.append((question_id, answer))
        store.record(question_id, list(answer), "correct", case.name)
        return type("Feedback", (), {"_repr_html_": lambda self: "<p>checked</p>"})()

    monkeypatch.setattr("kit.lateral.widget.check", fake_check)
    case = story_case(tmp_path, "lisbon")
    box = investigate("q9.1", case)
    box.query.value = "Gazeta do Relvado"
    box.search_button.click()
    dict(box.results)["P1"].click()
    box.note.value = "A holding with shares in the club owns it."
    box.save_button.click()
    assert calls == [("q9.1", encode_trail(box.trail))] and box.feedback.value == "<p>checked</p>"
    before = [dict(e) for e in box.trail]

    again = investigate("q9.1", case)  # after a kernel restart: only the answers file remains
    assert again.trail == before and saved_trail("q9.1", "lisbon") == before
    assert again.query.value == "Gazeta do Relvado" and again.note.value == before[-1]["text"]
    assert "Enciclopédia Aberta" in again.page.value and [p for p, _ in again.results] == before[0]["results"]
    assert "back" in again.feedback.value
    dict(again.results)["P3"].click()
    assert again.trail[-1]["page_id"] == "P3" and again.trail[-1]["t"] >= before[-1]["t"]
    store.record("q9.1", "<not a plain value: list>", "invalid", "lisbon")  # a broken attempt is passed over
    assert investigate("q9.1", case).trail == before
    assert investigate("q9.2", case).trail == [], "another question starts afresh"
    other = story_case(tmp_path / "other", "lisbon")
    os.rename(other, tmp_path / "other" / "lisbon2")
    assert investigate("q9.1", tmp_path / "other" / "lisbon2").trail == [], "another case starts afresh"


def test_save_with_the_real_check_shows_its_feedback(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS", str(tmp_path / "answers.json"))
    box = investigate("q9.1", story_case(tmp_path, "wellington"))
    box.note.value = "Union-owned."
    box.save_button.click()
    assert "q9.1" in box.feedback.value and box.trail[-1]["action"] == "note"


def test_a_damaged_answers_file_is_told_not_raised(tmp_path, monkeypatch):
    answers = tmp_path / "answers.json"
    answers.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("KIT_ANSWERS", str(answers))
    box = investigate("q9.1", story_case(tmp_path, "wellington"))
    assert box.trail == [] and "answers file" in box.feedback.value
