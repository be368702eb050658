"""Paragraphs, sentences and exact quotes (kit.text)."""

from hypothesis import given
from hypothesis import strategies as st

from kit.core.text import count_words, find_quote, is_hard_wrapped, paragraphs, split_sentences

WRAPPED = (
    " A Headline Broken\nAcross Two Lines\n"
    " The first sentence of the body runs on and is wrapped at a fixed width of\n"
    "about seventy characters, as some sites capture text. It ends here. The\n"
    "second paragraph follows after a blank line and is wrapped the same way\n"
    "\n"
    "so the blank line above cut a sentence in two. Another sentence is here.\n"
    " An indented line after a full stop starts a new paragraph in such files,\n"
    "while a line that continues a sentence is joined to it, even when it is\n"
    " indented like this one. The end of the text comes after this sentence..\n"
)


def test_hard_wrapped_detection():
    assert is_hard_wrapped(WRAPPED)
    assert not is_hard_wrapped("One paragraph per line.\nAnother paragraph here.\n" * 3)


def test_headline_broken_across_lines_is_one_sentence():
    sentences = split_sentences(WRAPPED, "A Headline Broken Across Two Lines")
    assert sentences[0].kind == "headline"
    assert sentences[0].text == "A Headline Broken Across Two Lines"
    assert WRAPPED[sentences[0].start : sentences[0].end] == "A Headline Broken\nAcross Two Lines"


def test_headline_not_at_top_is_not_marked():
    sentences = split_sentences("Body first.\nA Title\n", "A Title")
    assert all(s.kind == "body" for s in sentences)


def test_soft_breaks_are_joined_and_spans_point_into_raw_text():
    sentences = split_sentences(WRAPPED, "A Headline Broken Across Two Lines")
    texts = [s.text for s in sentences]
    assert texts[1].startswith("The first sentence of the body runs on and is wrapped at a fixed width of about")
    for s in sentences:
        assert " ".join(WRAPPED[s.start : s.end].split()) == s.text


def test_sentence_cut_by_a_blank_line_is_joined():
    sentences = split_sentences(WRAPPED, "A Headline Broken Across Two Lines")
    assert any("wrapped the same way so the blank line above cut a sentence in two." in s.text for s in sentences)


def test_indent_after_full_stop_starts_paragraph_but_continuation_does_not():
    sentences = split_sentences(WRAPPED, "A Headline Broken Across Two Lines")
    indented = next(s for s in sentences if s.text.startswith("An indented line"))
    before = sentences[sentences.index(indented) - 1]
    assert indented.paragraph == before.paragraph + 1
    assert "even when it is indented like this one." in indented.text


def test_punctuation_fragment_is_joined_to_previous_sentence():
    sentences = split_sentences(WRAPPED, "")
    assert sentences[-1].text.endswith("after this sentence..")
    assert all(any(c.isalnum() for c in s.text) for s in sentences)


def test_unwrapped_text_has_one_paragraph_per_line():
    raw = "Kremlin denies reports\nThe Kremlin denied it. Peskov spoke.\nA third paragraph.\n"
    paras = paragraphs(raw)
    assert [len(lines) for _, lines in paras] == [1, 1, 1]
    assert [s.paragraph for s in split_sentences(raw)] == [1, 2, 2, 3]


def test_find_quote_forgives_only_white_space():
    raw = "It is pure\nfiction, simply “fake news”."
    assert find_quote(raw, "pure fiction, simply “fake news”") == (6, 38)
    assert find_quote(raw, 'pure fiction, simply "fake news"') is None  # straight quotes differ
    assert find_quote(raw, "pure fiction, simply fake news") is None
    assert find_quote(raw, "   ") is None


def test_count_words():
    assert count_words("Trump’s call: “pure fiction”, 24 hours.") == 6
    assert count_words("") == 0


def test_a_byte_order_mark_shifts_no_sentence_and_hides_no_headline(tmp_path):
    from tests.helpers import make_case

    import kit

    text = "Floods close the valley road\n\nThe road closed at noon. Crews said it would reopen Friday.\n"
    meta = {"headline": "Floods close the valley road", "outlet": "Valley Post"}
    for name, body in (("plain", text), ("marked", "\ufeff" + text)):
        make_case(tmp_path, {"a.txt": body}, {"a.txt": meta}, name=name)
    plain, marked = (kit.load_case(tmp_path / n, cached=False).sentences for n in ("plain", "marked"))
    assert list(marked["text"]) == list(plain["text"]) and list(marked["sentence_id"]) == list(plain["sentence_id"])
    assert marked.iloc[0]["kind"] == "headline" and not marked["text"].str.contains("\ufeff").any()


def test_a_huge_paragraph_is_split_in_pieces_that_end_at_sentence_ends():
    from kit.core.text import CHUNK_CHARS, chunks

    sentence = "The ferry left at dawn with 40 passengers on board. "
    paragraph = sentence * 400  # 20,800 characters in one paragraph
    pieces = chunks(paragraph)
    assert "".join(pieces) == paragraph and all(len(p) <= CHUNK_CHARS for p in pieces)
    assert all(p.endswith("board. ") for p in pieces[:-1])  # cut between sentences, never inside one
    assert len(split_sentences(paragraph)) == 400


@given(st.text(alphabet=st.sampled_from("ab .!?\nXY9\u201d"), max_size=400), st.integers(min_value=1, max_value=60))
def test_chunks_join_back_into_the_paragraph_within_the_limit(paragraph, limit):
    from kit.core.text import chunks

    pieces = chunks(paragraph, limit)
    assert "".join(pieces) == paragraph and all(len(p) <= limit for p in pieces)
