"""kit.examples: a lesson's examples picked from the case's data, on invented cases of two stories."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, strategies as st

import kit
from helpers import make_case
from kit.examples import (
    Note,
    example_missing,
    first_changed_quote,
    key_missing,
    one_word_changed,
    pick_article,
    pick_chain,
    pick_claim,
    pick_quote,
    pick_sentence,
    wrapped_article,
)

CLAIMS = ("id,file,sentence_id,quote,label,who_asserts,original_source,rationale,example,status\n"
          "A1.C1,01_wire.txt,A1.S2,Dockers in Wellington ended their strike on Friday.,verifiable_fact,the wire,the union,"
          "Checkable.,,reviewed\n")


@pytest.fixture
def strike(tmp_path):
    """A harbour strike in Wellington: two dated articles (the second dated first), one quote reworded, a wrapped paragraph."""
    root = make_case(tmp_path, {
        "01_wire.txt": "Wellington port strike ends\n\nDockers in Wellington ended their strike on Friday.\n\n"
                       "\"We will reopen the port on Monday and pay every docker in full,\" union leader Mere Tane said.\n",
        "02_daily.txt": "Port to reopen\n\nThe strike at the port\nof Wellington is over, the union said.\n\n"
                        "\"We will reopen the port on Monday and pay all the dockers in full,\" Tane said.\n",
    }, {"01_wire.txt": {"published": "2025-02-03"}, "02_daily.txt": {"published": "2025-02-01"}},
        keys={"claims": CLAIMS}, name="strike")
    return kit.load_case(root, cached=False)


@pytest.fixture
def transfer(tmp_path):
    """A football transfer in Lisbon: undated articles, one quote repeated word for word, no wrapped paragraph."""
    root = make_case(tmp_path, {
        "01_sport.txt": "Striker joins Lisbon club\n\nThe striker signed a four-year contract in Lisbon.\n\n"
                        "\"I am proud to be here,\" he said.\n",
        "02_blog.txt": "Transfer done\n\nThe club confirmed the signing.\n\n\"I am proud to be here,\" the striker said.\n",
    }, name="transfer")
    return kit.load_case(root, cached=False)


def test_pick_article_keeps_the_built_in_id_or_takes_the_first_by_date(strike, transfer):
    assert pick_article(strike, "A1") == "A1"
    assert pick_article(strike, "A0") == "A2"  # A2 is dated 1 February, before A1
    assert pick_article(transfer, "A0") == "A1"  # no dates: the case's first article
    assert pick_article(None, "A0") == "A0"  # the built-in case keeps its example


def test_pick_sentence_keeps_the_built_in_id_or_takes_a_body_sentence(strike, transfer):
    assert pick_sentence(strike, "A1.S2") == "A1.S2"
    assert pick_sentence(strike, "A3.S4").startswith("A2.S")
    assert pick_sentence(transfer, "A0.S10").startswith("A1.S")
    assert pick_sentence(None, "A3.S4") == "A3.S4"


def test_wrapped_article_finds_a_paragraph_broken_over_lines(strike, transfer):
    assert wrapped_article(strike) == "A2"  # "The strike at the port / of Wellington" is one paragraph on two lines
    assert wrapped_article(transfer) == "A1"  # none is wrapped: the first article
    assert wrapped_article(None) == "A0"


def test_pick_quote_keeps_a_quote_found_word_for_word(strike, transfer):
    assert pick_quote(strike, "A1", "pay every docker") == ("A1", "pay every docker")
    article, quote = pick_quote(strike, "A0", "pure fiction, simply fake news")
    assert article == "A1" and strike.find_quote(article, quote)
    article, quote = pick_quote(transfer, "A2", "I am proud to be in Lisbon")  # one word changed: not this quote
    assert (article, quote) == ("A1", "I am proud to be here,")
    assert pick_quote(None, "A0", "pure fiction, simply fake news") == ("A0", "pure fiction, simply fake news")


def test_one_word_changed_is_never_found(strike, transfer):
    assert one_word_changed("pure fiction, simply fake news", "fake", "false") == "pure fiction, simply false news"
    assert one_word_changed("pay every docker in full", "fake", "false") == "pay every ddocker in full"
    assert one_word_changed("a fakery", "fake", "false") == "a ffakery"  # whole words only
    for case, article, quote in ((strike, "A1", "pay every docker in full"), (transfer, "A1", "I am proud to be here")):
        assert case.find_quote(article, quote) and not case.find_quote(article, one_word_changed(quote))


@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöü", min_size=1, max_size=8), min_size=1, max_size=8))
def test_one_word_changed_changes_exactly_one_word(words):
    quote = " ".join(words)
    changed = one_word_changed(quote).split(" ")
    assert len(changed) == len(words)
    assert sum(a != b for a, b in zip(words, changed)) == 1


def test_first_changed_quote_needs_a_rendering_that_differs(strike, transfer):
    reference, changed = first_changed_quote(kit.trace_quotes(strike))
    texts = kit.trace_quotes(strike).set_index("quote_id")["text"]
    assert {reference, changed} == {"A1.Q1", "A2.Q1"} and texts[reference] != texts[changed]
    assert first_changed_quote(kit.trace_quotes(transfer)) == ("", "")  # word for word everywhere: nothing to show
    assert first_changed_quote(kit.trace_quotes(None)) == ("A0.Q3", "A1.Q3")


def test_pick_chain_and_pick_claim_fall_back_to_the_data(strike):
    chains = pd.DataFrame({"chain": ["T1", "T1", "T2", "T2"], "claim_id": ["A1.C1"] * 4,
                           "relation": ["cites without quoting", "first appearance", "paraphrases", "not traceable"]})
    assert pick_chain(chains, "T8") == "T1" and pick_chain(chains, "T2") == "T2"
    assert pick_chain(chains, "T26", "not traceable") == "T2" and pick_chain(chains, "T26", "quotes directly") == ""
    assert pick_chain(kit.source_chains(strike), "T8") == ""  # no sources key
    key = kit.claim_key(strike)
    assert pick_claim(key, "leading Republican candidate", "verifiable_fact") == "A1.C1"
    assert pick_claim(key, "swiftly debunked", "loaded_framing") == "A1.C1"  # no such label: the first claim
    assert pick_claim(key.iloc[:0], "strike", "opinion") == ""


def test_example_missing_names_the_sentence_and_the_case(strike, transfer):
    assert example_missing(strike, {"A1.S2": "ended  their\nstrike"}) == "" and isinstance(example_missing(strike, {}), Note)
    absent = example_missing(transfer, {"A2.S9": ""})
    assert "case 'transfer' has no sentence A2.S9" in absent and absent.count(".") >= 1 and "\n" not in absent
    other = example_missing(transfer, {"A1.S2": "ended their strike"})  # the id exists, but tells another story
    assert "sentence A1.S2 of case 'transfer' does not say 'ended their strike'" in other
    assert repr(other) == str(other)  # a cell ending in a note shows it as plain text


def test_key_missing_only_when_the_key_is_absent(strike, transfer):
    assert key_missing(strike, "claims") == ""
    note = key_missing(transfer, "sources")
    assert note.startswith("Case 'transfer' has no sources key yet (keys/sources.csv)") and bool(note)
    assert (key_missing(transfer, "stance") or "shown") != "shown"
    assert (key_missing(strike, "claims") or "shown") == "shown"
