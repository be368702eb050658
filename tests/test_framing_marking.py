"""Marking framing words by hand (kit.framing.marking and kit.framing.marking_widget).

Two invented stories: a harbour strike in Wellington (a quoted organiser calls the board "a regime
of cronies": loaded, but her words, not the writer's; "5 May" is a month, not a hedge) and a
football transfer in Lisbon ("These claims" is a noun, not an evaluative verb), plus the seeds and
their questions q90.5 and q91.5. The widget is driven as the browser drives it: ``.value`` for a
word button pressed, ``.click()`` for a button.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import make_case
from kit.core.case import load_case, resolve_case
from kit.framing import loaded_words, reporting_verbs
from kit.framing.marking import (CATEGORIES, MAX_WORDS, answer_text, category_in_prompt, compare, cut,
                                 default_passage, lexicon_hits, marks_for_answer, passage_quotes, passages,
                                 richness, sentence_in_prompt, tokenize, word_stem)
from kit.framing.marking_widget import comparison_html, key_notes, legend_html, mark_words
from kit.quotes import extract_quotes

WELLINGTON = """Port strike enters second day

Wharf workers reportedly stayed out on Tuesday, and the harbour board slams the strike. Its chair, Aroha Ngata, insisted the talks would resume.

Union organiser Mere Tāwhiri said: "This board is a regime of cronies." The next ballot is due on 5 May.

Ferries left Wellington on time and the cranes stood still.
"""
LISBON = """Striker joins Belém

João Brandão signed for Atlético Belém on Friday for a fee the Gazeta do Relvado called "historic". The deal was possibly the biggest in the club's history.

Critics claimed the price was a hoax, and the coach boasted about his new striker.

These claims were repeated on Saturday. The club may still lose money.
"""
QUESTIONS = ("id,kind,prompt,answer,options,match,tolerance,explanation,hint,defensible,file,quote,facet\n"
             "q1.1,text,The reporting verb in A1.S3 that carries the writer's judgement,insisted,,,,"
             "In A1.S3 'insisted' says the chair pressed the point.,Which verb says more than that she spoke?,,"
             "01_wellington.txt,insisted the talks would resume,\n"
             "q1.2,article,Which article is about football?,A2,,,,A2.S1 is about a striker.,Look at the headlines.,,02_lisbon.txt,"
             "Striker joins Belém,\n")
TECHNIQUES = ("id,technique,file,quote,note\n"
              "T01,Loaded_Language,02_lisbon.txt,the price was a hoax,'Hoax' calls the price a deliberate trick.\n")


@pytest.fixture(scope="module")
def invented(tmp_path_factory):
    root = make_case(tmp_path_factory.mktemp("marking"), {"01_wellington.txt": WELLINGTON, "02_lisbon.txt": LISBON},
                     {"01_wellington.txt": {"outlet": "Harbour Ledger"}, "02_lisbon.txt": {"outlet": "Gazeta do Relvado"}},
                     keys={"questions": QUESTIONS, "techniques": TECHNIQUES}, name="harbour_and_transfer")
    return load_case(root)


@pytest.fixture(scope="module")
def seeds():
    return resolve_case(None)


def pool(case):
    """Every passage of a case with its quotation spans and lexicon hits, by id."""
    quotes = extract_quotes(case)
    out = {}
    for p in passages(case.sentences, case.articles, case.raw):
        quoted = passage_quotes(quotes, p)
        out[p.pid] = (p, lexicon_hits(p.text, case.path, quoted), quoted)
    return out


def by(comparison, category, kind):
    return [i.text for i in comparison.by_category[category][kind]]


def texts(html_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


# --- tokenisation --------------------------------------------------------------------------


def test_tokens_leave_punctuation_out_and_keep_offsets_misprints_and_encoding_errors():
    text = "“Fake news!” said Brandstdtter—twice; the clubâ€™s semi-nude ad (U.S.) [Reuters](https://r.example/a)."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["Fake", "news", "said", "Brandstdtter", "twice", "the", "clubâ€™s",
                                        "semi-nude", "ad", "U.S", "Reuters"]
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert [t.index for t in tokens] == list(range(len(tokens)))


def test_a_passage_of_punctuation_only_has_no_words():
    assert tokenize(" — … “” !! ") == []


WORDY = st.text(alphabet=st.sampled_from(list("ab7éâ€™'-.,;:!?“”\"()[] \n—–…")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(WORDY)
def test_joining_tokens_by_offsets_gives_back_the_words_of_the_text(text):
    tokens = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))
    assert all(t.text[0].isalnum() and t.text[-1].isalnum() for t in tokens)
    if "](" not in text:  # no Markdown link address: every letter and digit belongs to a word
        assert "".join(c for c in text if c.isalnum()) == "".join(c for t in tokens for c in t.text if c.isalnum())


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abcdé’-", min_size=1, max_size=8).filter(lambda w: w[0].isalnum() and w[-1].isalnum()),
                max_size=12), st.sampled_from([" ", "  ", "\n", ", ", " — ", "… "]))
def test_words_joined_by_separators_come_back_as_they_were(words, separator):
    assert [t.text for t in tokenize(separator.join(words))] == words


def test_cut_keeps_the_first_words_verbatim():
    text = " ".join(f"w{i}," for i in range(100))
    short, n = cut(text)
    assert n == 100 and len(tokenize(short)) == MAX_WORDS and text.startswith(short) and short.endswith("w79")


# --- the lexicon's marks -------------------------------------------------------------------


def test_lexicon_marks_of_the_wellington_passages(invented):
    found = pool(invented)
    hits = found["A1.P2"][1]
    assert [(h.text, h.category) for h in hits] == [("reportedly", "hedge"), ("insisted", "evaluative")]
    assert found["A1.S5"][1] == []  # "due on 5 May": the month, not a hedge
    quoted = [(h.text, h.in_quote, h.speaker) for h in found["A1.S4"][1] if h.category]
    assert quoted == [("regime", True, "Mere Tāwhiri"), ("cronies", True, "Mere Tāwhiri")]


def test_lexicon_marks_of_the_lisbon_passages(invented):
    found = pool(invented)
    assert [(h.text, h.category) for h in found["A2.S4"][1]] == [
        ("claimed", "evaluative"), ("hoax", "loaded"), ("boasted", "evaluative")]
    assert [h.text for h in found["A2.S5"][1] if h.category] == []  # "These claims": a noun, not a verb


def test_on_the_seeds_the_writers_marks_agree_with_the_framing_measures(seeds):
    """Sentence by sentence, the widget's lexicon marks are the measures' matches (quoted ones set apart)."""
    found = pool(seeds)
    verbs, loaded = reporting_verbs(seeds), loaded_words(seeds)
    for table, category, kind in ((verbs, "evaluative", "evaluative"), (loaded, "loaded", None)):
        rows = table if kind is None else table[table["kind"] == kind]
        for sid, group in rows.groupby("sentence_id"):
            mine = [(h.word, h.in_quote) for h in found[sid][1] if h.category == category]
            column = "verb" if category == "evaluative" else "word"
            assert sorted(mine) == sorted(zip(group[column], group["in_quote"].astype(bool))), sid


def test_seeds_a1_s5_lists_the_judging_verb_and_the_intensifier(seeds):
    hits = pool(seeds)["A1.S5"][1]
    assert {(h.word, h.category) for h in hits if h.category} == {("debunked", "evaluative"), ("swiftly", "loaded")}


# --- the comparison ------------------------------------------------------------------------


def test_compare_sorts_agreed_missed_and_extra_with_stems(invented):
    p, hits, quoted = pool(invented)["A1.P2"]
    tokens = tokenize(p.text)
    index = {t.text: t.index for t in tokens}
    marks = {index["slams"]: "evaluative", index["insisted"]: "evaluative", index["Tuesday"]: "loaded",
             index["would"]: "hedge"}
    c = compare(tokens, marks, hits, invented.path, quoted)
    assert by(c, "evaluative", "agreed") == ["insisted", "slams"]  # "slams": by stem, the lexicon lists "slammed"
    assert c.by_category["evaluative"]["agreed"][1].note == "by stem: the lexicon lists 'slammed'"
    assert by(c, "hedge", "missed") == ["reportedly"]
    assert by(c, "loaded", "extra") == ["Tuesday"] and by(c, "hedge", "extra") == ["would"]
    assert "not complete" in c.by_category["loaded"]["extra"][0].note


def test_a_word_marked_in_the_wrong_category_says_what_the_lexicon_calls_it(invented):
    p, hits, quoted = pool(invented)["A2.S4"]
    tokens = tokenize(p.text)
    claimed = next(t.index for t in tokens if t.text == "claimed")
    c = compare(tokens, {claimed: "loaded"}, hits, invented.path, quoted)
    assert by(c, "loaded", "extra") == ["claimed"] and by(c, "evaluative", "missed") == ["claimed", "boasted"]
    assert c.by_category["loaded"]["extra"][0].note == (
        "the lexicon lists 'claimed' among the evaluative verbs, not the loaded words")


def test_a_quoted_loaded_word_is_the_speakers_not_missed_and_named_when_marked(invented):
    p, hits, quoted = pool(invented)["A1.S4"]
    tokens = tokenize(p.text)
    regime = next(t.index for t in tokens if t.text == "regime")
    c = compare(tokens, {regime: "loaded"}, hits, invented.path, quoted)
    assert by(c, "loaded", "missed") == [] and by(c, "loaded", "agreed") == []
    assert by(c, "loaded", "extra") == ["regime"]
    assert "Mere Tāwhiri" in c.by_category["loaded"]["extra"][0].note
    assert [h.text for h in c.quoted] == ["regime", "cronies"]
    assert "Mere Tāwhiri, not to the writer" in texts(comparison_html(c))


def test_a_quoted_word_whose_speaker_the_kit_cannot_name_is_not_given_to_anyone():
    text = 'The board called it a "hoax" and left.'
    tokens = tokenize(text)
    a = text.index("hoax")
    hits = lexicon_hits(text, None, [(a, a + 4, "")])
    c = compare(tokens, {5: "loaded"}, hits, None, [(a, a + 4, "")])
    assert "cannot tell whose" in c.by_category["loaded"]["extra"][0].note
    assert "the quote analysis gives it to" not in texts(comparison_html(c))


def test_a_passage_with_no_framing_words_says_so_kindly(invented):
    p, hits, quoted = pool(invented)["A1.S6"]
    tokens = tokenize(p.text)
    shown = texts(comparison_html(compare(tokens, {}, hits, invented.path, quoted)))
    assert "lists no loaded word, hedge or evaluative verb" in shown and "a finding too" in shown
    marked = texts(comparison_html(compare(tokens, {2: "loaded"}, hits, invented.path, quoted)))
    assert "Your marks are below as extras" in marked and "“Wellington”" in marked


def test_comparison_html_escapes_the_passage_words():
    text = "The <i>ferry</i> & co."
    tokens = tokenize(text)
    shown = comparison_html(compare(tokens, {t.index: "loaded" for t in tokens}, lexicon_hits(text)))
    assert "<i>ferry" not in shown and "“i&gt;ferry&lt;/i”" in shown


def test_answer_text_and_marking_a_saved_answer_again():
    tokens = tokenize("Peskov swiftly debunked these reports, then debunked them again.")
    assert answer_text(tokens, {2: "evaluative", 1: "loaded"}) == "swiftly debunked"
    assert marks_for_answer(tokens, "debunked") == [2]
    assert marks_for_answer(tokens, "swiftly debunked.") == [1, 2]
    assert marks_for_answer(tokens, "refuted") == []


def test_stems_and_prompts():
    assert word_stem("Regime’s") == word_stem("regime") and word_stem("slams") == word_stem("slammed")
    assert category_in_prompt("Post-test: the reporting verb in A1.S26 that carries the writer's judgement") == "evaluative"
    assert category_in_prompt("Which word is neutral?") == "loaded"
    assert sentence_in_prompt("the verb in A1.S26 that judges (see A1.S5)", ["A1.S5", "A1.S26"]) == "A1.S26"
    assert sentence_in_prompt("no id here", ["A1.S5"]) == ""


# --- passages --------------------------------------------------------------------------------


def test_passages_are_named_by_outlet_and_id_never_by_file(invented):
    found = pool(invented)
    labels = [p.label for p, _, _ in found.values()]
    assert all(".txt" not in label for label in labels)
    assert found["A1.P2"][0].label == "Harbour Ledger · paragraph 2 (A1.S2–S3) · Wharf workers reportedly stayed out on…"
    assert found["A2.S3"][0].label.startswith("Gazeta do Relvado · A2.S3 · The deal was")
    assert "A1.P1" not in found  # a paragraph of one sentence is offered once, as its sentence


def test_a_long_paragraph_is_cut_at_a_sentence_with_a_friendly_note(tmp_path):
    sentence = "The harbour board met the union again and nobody left the room before the vote was taken. "
    root = make_case(tmp_path, {"01_long.txt": "Talks go on\n\n" + sentence * 6 + "\n"},
                     {"01_long.txt": {"outlet": "Harbour Ledger"}})
    case = load_case(root)
    paragraph = next(p for p in passages(case.sentences, case.articles, case.raw) if p.pid == "A1.P2")
    assert len(tokenize(paragraph.text)) <= MAX_WORDS and len(paragraph.sentence_ids) == 4
    assert paragraph.note.startswith("This paragraph has 102 words; its first 4 sentence(s) are shown")


def test_the_default_passage_is_the_richest_by_rule(invented, seeds):
    for case in (invented, seeds):
        found = pool(case)
        chosen = default_passage([(p, hits) for p, hits, _ in found.values()])
        assert all(richness(found[chosen][1]) >= richness(hits) for _, hits, _ in found.values())
    assert default_passage([]) == ""


def test_boilerplate_is_no_passage(seeds):
    boilerplate = set(seeds.sentences.loc[seeds.sentences["kind"] == "boilerplate", "sentence_id"])
    offered = {sid for p in passages(seeds.sentences, seeds.articles, seeds.raw) for sid in p.sentence_ids}
    assert boilerplate and not boilerplate & offered


def test_key_notes_and_legend(invented):
    p = pool(invented)["A2.S4"][0]
    assert key_notes(invented.keys["techniques"], p) == [
        ("Loaded_Language", "the price was a hoax", "'Hoax' calls the price a deliberate trick.")]
    assert key_notes(None, p) == []
    legend = legend_html()
    assert all(c.symbol in legend and c.colour in legend for c in CATEGORIES.values())


# --- the widget ----------------------------------------------------------------------------


def press(box, word: str, nth: int = 0) -> None:
    """Press the ``nth`` word button whose word is ``word`` (as a click or Space does)."""
    buttons = [b for b, t in zip(box.words, box.tokens) if t.text == word]
    buttons[nth].value = not buttons[nth].value


def test_demo_marks_in_colour_and_symbol_compares_and_records_nothing(invented, answers_file):
    box = mark_words(None, invented)
    assert "kit-marking" in box._dom_classes and box.passage.value == "A2.S4"
    assert [label for label, _ in box.passage.options][0].startswith("Harbour Ledger")
    press(box, "hoax")
    box.category.value = "evaluative"
    press(box, "claimed")
    press(box, "price")
    hoax = box.words[[t.text for t in box.tokens].index("hoax")]
    assert hoax.description == "◆ hoax" and "kit-mark-loaded" in hoax._dom_classes and hoax.value
    assert box.answer == "claimed price hoax"
    box.check_button.click()
    shown = texts(box.feedback.value)
    assert "nothing is recorded" in shown and "Agreed" in shown and "“boasted”" in shown
    assert "The key (techniques) marks Loaded Language" in shown
    assert not answers_file.exists()
    press(box, "price")  # unmark
    assert box.answer == "claimed hoax" and box.words[3].description == "price"
    box.clear_button.click()
    assert box.marks == {} and box.answer == "" and not any(b.value for b in box.words)


def test_changing_the_passage_shows_its_words_and_clears_the_marks(invented, answers_file):
    box = mark_words(None, invented)
    press(box, "hoax")
    box.passage.value = "A1.S6"
    assert [b.description for b in box.words][:3] == ["Ferries", "left", "Wellington"] and box.marks == {}
    box.check_button.click()
    assert "a finding too" in texts(box.feedback.value)


def test_sentence_argument_opens_there_and_an_unknown_one_is_told(invented, answers_file):
    assert mark_words(None, invented, sentence="A1.S4").passage.value == "A1.S4"
    box = mark_words(None, invented, sentence="A9.S9")
    assert "'A9.S9' is no passage of this case" in texts(box.note.value)


def test_question_opens_on_its_sentence_checks_records_and_restores(invented, answers_file):
    box = mark_words("q1.1", invented)
    assert box.passage.value == "A1.S3" and box.category.value == "evaluative"
    box.check_button.click()
    assert "Mark the word or words" in box.feedback.value and not answers_file.exists()
    press(box, "insisted")
    box.check_button.click()
    assert "kit-feedback" in box.feedback.value and "'insisted' says the chair" in texts(box.feedback.value)
    saved = json.loads(answers_file.read_text(encoding="utf-8"))["attempts"]
    assert [(a["question"], a["answer"], a["status"]) for a in saved] == [("q1.1", "insisted", "correct")]
    again = mark_words("q1.1", invented)
    assert again.answer == "insisted" and again.marks == {4: "evaluative"}
    assert "marked again" in again.feedback.value


def test_a_question_of_another_kind_is_told(invented, answers_file):
    box = mark_words("q1.2", invented)
    assert "asks for article, not for words" in texts(box.note.value)


def test_seeds_questions_q90_5_and_q91_5(seeds, answers_file):
    box = mark_words("q90.5", seeds)
    assert box.passage.value == "A1.S5" and box.category.value == "evaluative"
    press(box, "debunked")
    box.check_button.click()
    last = json.loads(answers_file.read_text(encoding="utf-8"))["attempts"][-1]
    assert (last["question"], last["answer"]) == ("q90.5", "debunked") and last["status"] in ("correct", "recorded")
    box = mark_words("q91.5", seeds)
    assert box.passage.value == "A1.S26"
    press(box, "refuted")
    box.category.value = "loaded"
    press(box, "staunchly")
    assert box.answer == "staunchly refuted" and box.marks[[t.text for t in box.tokens].index("staunchly")] == "loaded"


def test_a_case_that_cannot_load_is_one_sentence(tmp_path):
    box = mark_words(None, tmp_path / "nowhere")
    assert len(box.children) == 1 and box.feedback.value.startswith("<p>")


def test_seeds_a0_s5_fake_news_is_peskovs_word_and_rumors_the_writers(seeds):
    p, hits, quoted = pool(seeds)["A0.S5"]
    tokens = tokenize(p.text)
    fake = next(t.index for t in tokens if t.text == "fake")
    c = compare(tokens, {fake: "loaded"}, hits, seeds.path, quoted)
    assert by(c, "loaded", "missed") == ["rumors"] and by(c, "evaluative", "missed") == ["dismissed"]
    assert [(h.word, h.speaker) for h in c.quoted] == [("fake news", "Dmitry Peskov")]
    assert "Dmitry Peskov" in c.by_category["loaded"]["extra"][0].note
