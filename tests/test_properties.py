"""Properties that hold for any text: quote normalisation, sentence offsets, finding a quote."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from helpers import kit_attribute
from kit.core.text import find_quote, normalise_space, split_sentences

PROPERTY = settings(deadline=None, max_examples=100, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
SLOW_PROPERTY = settings(PROPERTY, max_examples=60)

WORDS = ["the", "Kremlin", "said", "call", "never", "happened", "Peskov", "it", "was", "pure", "fiction",
         "Trump’s", "team", "didn't", "talk", "on", "Nov", "10", "2024", "well-known", "reports", "a", "U.S."]
ENDS = [".", "?", "!", ".”", "?\""]
QUOTE_MARKS = [("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"), ("«", "»"), ("", "")]

ascii_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)
word = st.sampled_from(WORDS)
gap = st.sampled_from([" ", " ", " ", "  ", "\t", " \t "])


def clean_quote(text: str) -> str:
    """The kit's quote normalisation, wherever it lives now."""
    return kit_attribute("clean_quote")(text)


# --- quote normalisation ---------------------------------------------------------------------


@PROPERTY
@given(st.text(max_size=80))
def test_clean_quote_is_idempotent(text):
    once = clean_quote(text)
    assert clean_quote(once) == once


@PROPERTY
@given(ascii_text)
def test_clean_quote_ignores_case(text):
    assert clean_quote(text.upper()) == clean_quote(text.lower()) == clean_quote(text)


@PROPERTY
@given(st.lists(word, min_size=1, max_size=8), st.sampled_from(QUOTE_MARKS), st.sampled_from(QUOTE_MARKS))
def test_clean_quote_ignores_the_style_of_quotation_marks(words, marks, other):
    text = " ".join(words)
    assert clean_quote(marks[0] + text + marks[1]) == clean_quote(other[0] + text + other[1]) == clean_quote(text)
    assert clean_quote(text.replace("’", "'")) == clean_quote(text)


@PROPERTY
@given(st.lists(word, min_size=1, max_size=6), st.text(st.characters(blacklist_characters="()\n", min_codepoint=33,
                                                                     max_codepoint=126), max_size=30))
def test_clean_quote_ignores_markdown_links(words, url):
    text = " ".join(words)
    assert clean_quote(f"[{text}]({url})") == clean_quote(text)
    assert clean_quote(f"He said [{text}]({url}) twice") == clean_quote(f"He said {text} twice")


# --- sentence offsets --------------------------------------------------------------------------


@st.composite
def sentences(draw):
    words = draw(st.lists(word, min_size=2, max_size=12))
    words[0] = words[0][:1].upper() + words[0][1:]
    body = "".join(w + draw(gap) for w in words[:-1]) + words[-1]
    return body + draw(st.sampled_from(ENDS))


def hard_wrap(text: str, width: int) -> str:
    """Break ``text`` into lines of at most ``width`` characters, at spaces."""
    lines, line = [], ""
    for token in text.split(" "):
        if line and len(line) + 1 + len(token) > width:
            lines.append(line)
            line = token
        else:
            line = f"{line} {token}" if line else token
    lines.append(line)
    return "\n".join(lines)


@st.composite
def articles(draw):
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4), min_size=1, max_size=5))
    width = draw(st.integers(min_value=25, max_value=90))
    wrap = draw(st.booleans())
    texts = [" ".join(p) for p in paragraphs]
    texts = [hard_wrap(t, width) if wrap else t for t in texts]
    separators = [draw(st.sampled_from(["\n\n", "\n", "\n \n", "\r\n\r\n"])) for _ in texts]
    return "".join(t + sep for t, sep in zip(texts, separators))


@SLOW_PROPERTY
@given(articles())
def test_sentence_offsets_point_at_the_sentence_in_the_raw_text(raw):
    found = split_sentences(raw)
    assert found, raw
    for s in found:
        assert normalise_space(raw[s.start : s.end]) == s.text
        assert s.text == s.text.strip() and "  " not in s.text and "\t" not in s.text and "\n" not in s.text
        assert s.start < s.end
    for before, after in zip(found, found[1:]):
        assert before.end <= after.start, (before, after)
        assert before.paragraph <= after.paragraph
    # every character of the article (white space aside) is in exactly one sentence
    assert "".join(s.text for s in found).replace(" ", "") == "".join(raw.split())


def test_sentence_text_is_normalised_but_offsets_are_raw():
    raw = "It was  pure\tfiction, he said.\nNothing  else."
    first, second = split_sentences(raw)
    assert first.text == "It was pure fiction, he said." and raw[first.start : first.end] == "It was  pure\tfiction, he said."
    assert second.text == "Nothing else."


def test_seed_sentences_are_normalised():
    texts = kit.load_case().sentences["text"]
    assert texts.map(normalise_space).eq(texts).all()


# --- finding a quote ------------------------------------------------------------------------------


@st.composite
def text_and_quote(draw):
    words = draw(st.lists(word, min_size=1, max_size=30))
    gaps = [draw(st.sampled_from([" ", "\n", "  ", "\t", " \n", "\r\n"])) for _ in words]
    raw = "".join(w + g for w, g in zip(words, gaps))
    i = draw(st.integers(min_value=0, max_value=len(words) - 1))
    j = draw(st.integers(min_value=i + 1, max_value=len(words)))
    return raw, words[i:j]


@PROPERTY
@given(text_and_quote(), st.sampled_from([" ", "\n", "  "]))
def test_find_quote_finds_any_run_of_words(case, joiner):
    raw, words = case
    quote = joiner.join(words)
    span = find_quote(raw, quote)
    assert span is not None
    start, end = span
    assert normalise_space(raw[start:end]) == normalise_space(quote)
    # the first match: nothing earlier matches
    first = re.search(r"\s+".join(map(re.escape, words)), raw)
    assert (first.start(), first.end()) == span


@PROPERTY
@given(text_and_quote())
def test_find_quote_is_case_sensitive(case):
    raw, words = case
    quote = " ".join(words)
    if quote.swapcase() != quote and quote.swapcase() not in normalise_space(raw):
        assert find_quote(raw, quote.swapcase()) is None
