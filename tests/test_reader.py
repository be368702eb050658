"""The article reader (kit.reader): the whole text as captured, layers from the analyses, a thin widget.

Checked on the seeds and on cases/kestrel (two different stories) and on small invented cases without
keys (a harbour strike in Wellington, a football transfer in Lisbon).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ROOT, make_case
from kit.core.case import resolve_case
from kit.core.errors import KitError, NotInCaseError
from kit.core.lexicon import key as word_key
from kit.core.text import normalise_space
from kit.framing import hedges, loaded_words
from kit.reader import article_html, read, sentence_html
from kit.reader_layers import LAYERS, Span, layer_spans, raw_to_sentences, text_offsets

KESTREL = ROOT / "cases" / "kestrel"


class Page(HTMLParser):
    """Read the reader's HTML back: sentence ids and texts in order, each mark's text, and tag balance."""

    VOID = {"br", "img", "hr", "meta", "input"}

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.sentences: list[tuple[str, str]] = []  # (data-sid, text)
        self.marks: dict[str, str] = {}  # data-span -> text inside it
        self.margin: list[str] = []
        self.balanced = True
        self._sid = ""
        self.feed(page)
        self.close()
        self.balanced = self.balanced and not self.stack

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.VOID:
            return
        if attrs.get("class") == "kit-sentence":
            self._sid = attrs["data-sid"]
        if attrs.get("class") == "kit-text":
            self.sentences.append((self._sid, ""))
        self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.balanced = False
            return
        self.stack.pop()

    def handle_data(self, data):
        classes = [a.get("class") for _, a in self.stack]
        if "kit-sid" in classes:
            self.margin.append(data)
        if "kit-text" in classes:
            sid, text = self.sentences[-1]
            self.sentences[-1] = (sid, text + data)
            for _, a in self.stack:
                if "data-span" in a:
                    self.marks[a["data-span"]] = self.marks.get(a["data-span"], "") + data


def sentences_of(case, article_id):
    rows = case.sentences[case.sentences["article_id"] == article_id]
    return list(zip(rows["sentence_id"], rows["text"]))


@pytest.fixture(scope="module")
def seeds():
    return resolve_case()


@pytest.fixture(scope="module")
def kestrel():
    return resolve_case(KESTREL)


@pytest.fixture(scope="module")
def found(seeds, kestrel):
    """Every layer's spans of one article of each story (the analyses run once for the module)."""
    picks = {"seeds": (seeds, "A2"), "kestrel": (kestrel, "A2")}
    return {name: (case, aid, {layer: layer_spans(case, aid, layer) for layer in LAYERS})
            for name, (case, aid) in picks.items()}


# --- the text as captured ------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["seeds", "kestrel"])
def test_every_sentence_appears_in_order_exactly_as_in_the_case(which, seeds, kestrel):
    case = seeds if which == "seeds" else kestrel
    for aid in case.articles["article_id"]:
        page = Page(article_html(case, aid))
        assert page.balanced
        assert page.sentences == sentences_of(case, aid)
        assert page.margin == [sid for sid, _ in sentences_of(case, aid)]


@pytest.mark.parametrize("which", ["seeds", "kestrel"])
def test_all_layers_on_keep_the_text_and_never_show_a_file_name(which, found):
    case, aid, spans = found[which]
    page_html = article_html(case, aid, list(LAYERS), spans)
    page = Page(page_html)
    assert page.balanced
    assert page.sentences == sentences_of(case, aid)
    for file in case.articles["file"]:
        assert file not in page_html and file.rsplit(".", 1)[0] not in page_html
    assert "max-width" in page_html and "text-align:left" in page_html


@pytest.mark.parametrize("which", ["seeds", "kestrel"])
def test_header_comes_from_the_metadata(which, seeds, kestrel):
    case = seeds if which == "seeds" else kestrel
    for row in case.articles.itertuples():
        page_html = article_html(case, row.article_id)
        header = page_html.split('class="kit-sentence"')[0]
        for value, empty in ((row.outlet, "no outlet named"), (row.author, "no author named"),
                             (row.headline, "no headline in the metadata")):
            assert (html.escape(value) if value else empty) in header
        assert (f"{row.published.day} {row.published:%B %Y}" if row.published == row.published else "date not stated") in header


# --- layers on two stories -----------------------------------------------------------------------


@pytest.mark.parametrize("which", ["seeds", "kestrel"])
def test_each_layer_marks_spans_whose_text_is_the_sentence_slice(which, found):
    case, aid, spans = found[which]
    text = dict(sentences_of(case, aid))
    page = Page(article_html(case, aid, list(LAYERS), spans))
    for layer, got in spans.items():
        assert got, f"{which} {aid}: layer {layer} marks nothing"
        for n, s in enumerate(got):
            piece = text[s.sentence_id][s.start:s.end]
            assert piece and piece == piece.strip(), (layer, s)
            assert page.marks[f"{layer}-{n}"] == piece, (layer, s)
            assert s.label and s.note


@pytest.mark.parametrize("which", ["seeds", "kestrel"])
def test_layer_spans_match_what_the_analyses_found(which, found):
    import kit

    case, aid, spans = found[which]
    text = dict(sentences_of(case, aid))
    key = kit.claim_key(case)
    quotes = {(r.sentence_id, normalise_space(r.quote)) for r in key[key["article_id"] == aid].itertuples()}
    assert {s.label for s in spans["claims"]} <= set(kit.LABELS)
    claimed = {(s.sentence_id, text[s.sentence_id][s.start:s.end]) for s in spans["claims"]}
    assert claimed & quotes
    quoted = kit.trace_quotes(case)
    quoted = " ".join(quoted.loc[quoted["article_id"] == aid, "text"])
    assert all(text[s.sentence_id][s.start:s.end] in quoted for s in spans["quotes"])
    times = kit.timeline(case)
    times = {normalise_space(e) for e in times.loc[times["article_id"] == aid, "expression"]}
    assert {text[s.sentence_id][s.start:s.end] for s in spans["dates"]} & times
    assert any("→" in s.note for s in spans["dates"])
    listed = [lister(case) for lister in (hedges, loaded_words)]
    words = {w for table in listed for w in table.loc[table["article_id"] == aid, "word"]}
    assert {word_key(text[s.sentence_id][s.start:s.end]) for s in spans["words"]} <= words
    rows = case.sentences[(case.sentences["article_id"] == aid) & (case.sentences["kind"] == "boilerplate")]
    assert [s.sentence_id for s in spans["boilerplate"]] == list(rows["sentence_id"])


def test_a_quote_spans_every_sentence_it_covers_and_white_space_marks_nothing():
    import pandas as pd

    raw = "The harbour board met.\nWorkers said:  “We stay.\n\nWe will not move.”"
    rows = pd.DataFrame({"sentence_id": ["W1.S1", "W1.S2", "W1.S3"], "start": [0, 23, 49], "end": [22, 47, 67]})
    start = raw.index("We stay")
    assert raw_to_sentences(rows, raw, start, len(raw) - 1) == [("W1.S2", 15, 23), ("W1.S3", 0, 17)]
    assert raw_to_sentences(rows, raw, 22, 23) == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t.é")), max_size=40))
def test_text_offsets_agree_with_normalise_space(raw):
    norm = normalise_space(raw)
    offsets = text_offsets(raw)
    for ch, at in zip(raw, offsets):
        if at is None:
            continue
        assert norm[at] == (" " if ch.isspace() else ch)
    kept = [at for ch, at in zip(raw, offsets) if at is not None and not ch.isspace()]
    assert kept == sorted(set(kept)) and len(kept) == len(norm.replace(" ", ""))


marks = st.lists(st.tuples(st.sampled_from(list(LAYERS)), st.integers(0, 30), st.integers(1, 12),
                           st.sampled_from(["resolved", "hedge", "opinion", "x"])), max_size=6)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>&\"'")), min_size=1, max_size=30), marks)
def test_overlapping_marks_nest_deterministically_and_keep_every_text(text, drawn):
    spans = [(layer, n, Span("X.S1", a, min(a + w, len(text)), label))
             for n, (layer, a, w, label) in enumerate(drawn) if a < len(text)]
    one = sentence_html(text, spans)
    assert one == sentence_html(text, list(reversed(spans)))
    page = Page(f'<div class="kit-sentence" data-sid="X.S1"><span class="kit-text">{one}</span></div>')
    assert page.balanced and page.sentences == [("X.S1", text)]
    for layer, n, s in spans:
        assert page.marks[f"{layer}-{n}"] == text[s.start:s.end]


def test_nesting_follows_the_depth_of_the_layer_table():
    text = "Ships may sail on Friday."
    spans = [("dates", 0, Span("X.S1", 15, 24, "resolved")), ("claims", 0, Span("X.S1", 0, 25, "prediction")),
             ("words", 0, Span("X.S1", 6, 9, "hedge"))]
    out = sentence_html(text, spans)
    assert out.index('data-layer="claims"') < out.index('data-layer="words"') < out.index('data-layer="dates"')
    assert LAYERS["boilerplate"].depth < LAYERS["claims"].depth


# --- invented cases without keys -------------------------------------------------------------------


WELLINGTON = (
    "Harbour strike <script>alert(1)</script> enters day two\n\n"
    "WELLINGTON, March 4 - Port workers walked off the job on Monday, the union said.\n\n"
    "“We will not move until the roster changes,” said union secretary Mere Tane. "
    "The port company reportedly offered a bold new deal, which the union called a hoax.\n\n"
    "Ships may wait for days at the cafÃ© wharf, officials siad.\n\n"
    "Share this article\n"
)
LISBON = (
    "Midfielder signs for Lisbon club\n\n"
    "LISBON, 2 August 2025 - The midfielder João Pereira signed a four-year contract on Friday, the club said.\n\n"
    "“It is a dream,” Pereira told reporters. He could play on Sunday.\n\n"
    "May 5 may be remembered as the day talks began, a club official said.\n"
)


@pytest.fixture
def invented(tmp_path):
    path = make_case(tmp_path, {"01_wellington.txt": WELLINGTON, "02_lisbon.txt": LISBON},
                     {"01_wellington.txt": {"outlet": "<b>Port Post</b>", "genre": "news", "published": "2025-03-04",
                                            "headline": "Harbour strike <script>alert(1)</script> enters day two"},
                      "02_lisbon.txt": {}})
    return resolve_case(path)


def test_invented_case_without_keys_reads_and_says_what_is_missing(invented):
    page_html = article_html(invented, "A1", list(LAYERS))
    page = Page(page_html)
    assert page.balanced and page.sentences == sentences_of(invented, "A1")
    assert layer_spans(invented, "A1", "claims") == []
    assert page_html.count("this case has no claim key (keys/claims.csv)") == 1
    assert "<script>" not in page_html and "&lt;script&gt;alert(1)&lt;/script&gt;" in page_html
    assert "&lt;b&gt;Port Post&lt;/b&gt;" in page_html and "4 March 2025" in page_html
    assert "cafÃ©" in page_html and "siad" in page_html, "the text is shown as captured, never fixed"
    assert "01_wellington" not in page_html
    lisbon = article_html(invented, "A2", list(LAYERS))
    for empty in ("no outlet named", "no author named", "genre not stated", "date not stated",
                  "no headline in the metadata"):
        assert empty in lisbon


def test_invented_layers_mark_quotes_dates_words_and_page_text(invented):
    text = dict(sentences_of(invented, "A1"))
    got = {layer: layer_spans(invented, "A1", layer) for layer in ("quotes", "dates", "words", "boilerplate")}
    pieces = {layer: [text[s.sentence_id][s.start:s.end] for s in spans] for layer, spans in got.items()}
    assert "We will not move until the roster changes," in pieces["quotes"][0]
    assert "Mere Tane" in got["quotes"][0].note
    assert "Monday" in " ".join(pieces["dates"]) and any("2025-03-03" in s.note for s in got["dates"])
    assert {"reportedly", "bold", "hoax", "may"} <= {p.lower() for p in pieces["words"]}
    assert pieces["boilerplate"] == ["Share this article"]
    lisbon = dict(sentences_of(invented, "A2"))
    words = layer_spans(invented, "A2", "words")
    shown = [(s.sentence_id, lisbon[s.sentence_id][s.start:s.end]) for s in words]
    month = next(sid for sid, t in lisbon.items() if t.startswith("May 5"))
    assert (month, "may") in shown and (month, "May") not in shown, "the month May is not a hedge"
    assert layer_spans(invented, "A2", "boilerplate") == []
    assert "no sentence of this article is page text." in article_html(invented, "A2", ["boilerplate"])


def test_unknown_article_or_layer_is_one_friendly_sentence(invented):
    with pytest.raises(NotInCaseError) as info:
        article_html(invented, "A7")
    assert str(info.value) == f"'A7' is not an article of case {invented.name!r}; use one of A1, A2."
    with pytest.raises(NotInCaseError):
        read("01_wellington.txt", invented)
    with pytest.raises(KitError, match="is not a layer of the reader; use any of claims, quotes"):
        layer_spans(invented, "A1", "colours")
    assert article_html(invented, " a1") == article_html(invented, "A1")


# --- the widget ---------------------------------------------------------------------------------------


def test_widget_toggles_a_layer_and_shows_static_html(invented):
    reader = read("A1", invented)
    assert list(reader.toggles) == list(LAYERS) and not any(b.value for b in reader.toggles.values())
    assert all(b.description and b.tooltip for b in reader.toggles.values())
    assert reader.page in reader.children and 'data-layer="' not in reader.page.value
    reader.toggles["quotes"].value = True
    assert 'data-layer="quotes"' in reader.page.value and "Quotes</b>" in reader.page.value
    reader.toggles["claims"].value = True
    assert "this case has no claim key" in reader.page.value
    reader.toggles["quotes"].value = False
    assert 'data-layer="quotes"' not in reader.page.value
    bundle = reader._repr_mimebundle_()
    assert bundle["text/html"] == reader.page.value
    assert bundle["text/plain"] == "Article A1 (reader; layers: claims)"
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_widget_on_the_seeds_starts_with_the_chosen_layers(seeds):
    reader = read("A3", seeds, layers=["claims"])
    assert reader.toggles["claims"].value and 'data-layer="claims"' in reader.page.value
    assert Page(reader.page.value).sentences == sentences_of(seeds, "A3")
