"""The article reader: one whole article of any case as captured, with layers a student can switch on.

``kit.read("A2")`` shows the article's header (outlet, author, genre, date and
headline, from the case's metadata: never a file name), then every sentence of
the article paragraph by paragraph, exactly as the case holds it (typos,
encoding errors and page text untouched), its sentence id in the left margin.
Each layer of :data:`kit.reader_layers.LAYERS` (claims, quotes, dates, words,
page text) adds marks from an analysis or a key of the case, with a legend;
a layer whose data the case lacks (a case without a claim key) says so in one
line. Hover a mark for its note (a claim's label, a quote's speaker and grade,
a date's resolution, a word's kind).

The pure functions (:func:`article_html`, :func:`sentence_html`,
:func:`legend_html`) build the HTML; :func:`read` wraps it in a thin widget,
one toggle button per layer. Overlapping marks nest in a fixed order
(``LAYERS[...].depth``: page text outermost, then claims, quotes, words,
dates), and a mark that crosses another is cut into pieces at the other's
edges, so the HTML is always well formed and the same every time.

>>> page = article_html(None, "A3", ["quotes"])
>>> "A3.S1" in page and 'data-layer="quotes"' in page
True
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from .display import PALETTE, focus_css
from .reader_layers import LAYERS, Span, article_id_of, check_layers, layer_spans
from .core.case import resolve_case

if TYPE_CHECKING:
    import ipywidgets
    import pandas as pd

    from .core.case import Case

__all__ = ["LAYERS", "Span", "article_html", "header_html", "layer_spans", "legend_html", "read", "sentence_html"]

_PAGE = PALETTE["page"]
_TONES = PALETTE["reader"]
EMPTY_FIELDS = {"outlet": "no outlet named", "author": "no author named", "genre": "genre not stated",
                "published": "date not stated", "headline": "no headline in the metadata"}
"""What the header says for each metadata field the case leaves empty."""
FOCUS_CSS = focus_css("kit-reader-widget")
"""A focus ring on the reader's toggle buttons (ipywidgets' own is a faint tint)."""
MAX_WIDTH = "48em"
"""The reader's width: about 75 characters of text beside the margin, readable at 1280 px."""


def tone(layer: str, label: str) -> str:
    """Return the colour of a label in a layer, from ``PALETTE["reader"]``.

    >>> tone("quotes", "truncated") == PALETTE["reader"]["quote_cut"]
    True
    """
    tones = LAYERS[layer].tones
    return _TONES[tones.get(label, tones["*"])]


def mark_open(layer: str, span: Span, number: int) -> str:
    """The opening ``<mark>`` of one span: its layer, its number in the layer, its style and its note as a tooltip.

    >>> tag = mark_open("dates", Span("X1.S1", 0, 4, "resolved", "<today> → 2025-03-11"), 0)
    >>> tag.startswith('<mark data-layer="dates" data-span="dates-0"'), 'title="Dates: resolved. &lt;today&gt;' in tag
    (True, True)
    """
    title = f"{LAYERS[layer].title}: {span.label.replace('_', ' ')}" + (f". {span.note}" if span.note else "")
    style = LAYERS[layer].style.format(colour=tone(layer, span.label))
    return (f'<mark data-layer="{layer}" data-span="{layer}-{number}" data-label="{html.escape(span.label)}" '
            f'title="{html.escape(title)}" style="{style};padding:0">')


def sentence_html(text: str, marks: list[tuple[str, int, Span]]) -> str:
    """Render one sentence's text, escaped, with its marks nested by layer depth and cut where marks cross.

    Args:
        text: the sentence's text, shown exactly as it is.
        marks: ``(layer, number, span)`` of each mark in this sentence.

    >>> s = sentence_html("a <b> c", [("dates", 0, Span("X.S1", 2, 5, "resolved"))])
    >>> s.split(">", 1)[0].startswith("a <mark") and "&lt;b&gt;</mark> c" in s
    True
    """
    inside = [(layer, n, s) for layer, n, s in marks if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for _, _, s in inside), *(s.end for _, _, s in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        over = sorted((m for m in inside if m[2].start <= a and b <= m[2].end),
                      key=lambda m: (LAYERS[m[0]].depth, m[2].start, -m[2].end, m[1]))
        out.append("".join(mark_open(layer, s, n) for layer, n, s in over) + html.escape(text[a:b]) + "</mark>" * len(over))
    return "".join(out)


def _field(row: pd.Series, name: str) -> str:
    value = row.get(name)
    if name == "published":
        import pandas as pd

        return EMPTY_FIELDS[name] if value is None or pd.isna(value) else f"{value.day} {value:%B %Y}"
    text = str(value).strip() if isinstance(value, str) else ""
    if name == "genre":
        text = text.replace("_", " ")
    return text or EMPTY_FIELDS[name]


def header_html(case: Case, article_id: str) -> str:
    """The header of an article: id, outlet, author, genre and date, then the headline, all from the metadata.

    An empty field says so ("no outlet named"); the file name is never shown.

    >>> "Outlet: no outlet named" in header_html(resolve_case(), "A1")
    True
    """
    row = case.articles.set_index("article_id").loc[article_id]
    fields = " · ".join(f"{label}: {html.escape(_field(row, name))}" for label, name in
                        (("Outlet", "outlet"), ("Author", "author"), ("Genre", "genre"), ("Published", "published")))
    headline = _field(row, "headline")
    empty = headline == EMPTY_FIELDS["headline"]
    head_style = f"color:{_PAGE['muted']};font-style:italic" if empty else "font-weight:600"
    return (f'<div class="kit-reader-header" style="border-bottom:1px solid {_PAGE["border"]};'
            f'padding-bottom:.4em;margin-bottom:.6em">'
            f'<div style="color:{_PAGE["muted"]};font-size:90%">Article {html.escape(article_id)} · {fields}</div>'
            f'<div style="font-size:125%;line-height:1.35;margin-top:.2em;{head_style}">{html.escape(headline)}</div></div>')


def legend_html(case: Case, layers: tuple[str, ...], spans: dict[str, list[Span]]) -> str:
    """One line per chosen layer: what it shows and a sample of each label present, or why nothing is marked.

    >>> legend_html(resolve_case(), ("claims",), {"claims": []}).count("the claim key has no claim in this article")
    1
    """
    lines = []
    for name in layers:
        rule = LAYERS[name]
        found = spans.get(name, [])
        if not rule.available(case):
            said = html.escape(rule.missing)
        elif not found:
            said = html.escape(rule.none)
        else:
            counts: dict[str, int] = {}
            for s in found:
                counts[s.label] = counts.get(s.label, 0) + 1
            order = list(rule.tones)
            ranked = sorted(counts, key=lambda label: (order.index(label) if label in order else len(order), label))
            samples = " ".join(mark_open(name, Span("", 0, 1, label), -1) + html.escape(label.replace("_", " "))
                               + f"</mark> ({counts[label]})" for label in ranked)
            said = f"{html.escape(rule.source)}: {samples}"
        lines.append(f'<div class="kit-reader-legend-{name}"><b>{html.escape(rule.title)}</b>: {said}</div>')
    if not lines:
        return ""
    return (f'<div class="kit-reader-legend" style="font-size:90%;line-height:1.9;background:{_PAGE["header"]};'
            f'padding:.3em .6em;margin-bottom:.8em;border-radius:4px">{"".join(lines)}</div>')


def article_html(case: Case | str | Path | None, article_id: str, layers=(),
                 spans: dict[str, list[Span]] | None = None) -> str:
    """Render one whole article as HTML: header, legend, then every sentence by paragraph, ids in the margin.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.
        article_id: an article id such as ``"A2"``.
        layers: names of :data:`LAYERS` to mark (any order; shown in the table's order).
        spans: the spans of some layers, already found (the widget passes them so a toggle does not
            run an analysis again); a layer missing here is found with :func:`layer_spans`.

    Returns:
        An HTML string; every text of the case in it is escaped.

    Raises:
        NotInCaseError: for an unknown article id (the message names the case's ids).
        KitError: for an unknown layer.

    >>> page = article_html(None, "A1", ["boilerplate"])
    >>> "kit-reader-legend" in page and ".txt" not in page
    True
    """
    loaded = resolve_case(case)
    aid = article_id_of(loaded, article_id)
    chosen = check_layers(layers)
    found = {name: (spans or {}).get(name) for name in chosen}
    found = {name: got if got is not None else layer_spans(loaded, aid, name) for name, got in found.items()}
    by_sentence: dict[str, list[tuple[str, int, Span]]] = {}
    for name, got in found.items():
        for n, s in enumerate(got):
            by_sentence.setdefault(s.sentence_id, []).append((name, n, s))
    rows = loaded.sentences[loaded.sentences["article_id"] == aid]
    paragraphs: dict[int, list[str]] = {}
    for sid, paragraph, text in zip(rows["sentence_id"], rows["paragraph"], rows["text"]):
        paragraphs.setdefault(int(paragraph), []).append(
            f'<div class="kit-sentence" data-sid="{html.escape(sid)}" style="display:grid;'
            f'grid-template-columns:4.5em minmax(0,1fr);column-gap:.8em">'
            f'<span class="kit-sid" style="color:{_TONES["margin"]};font-size:78%;font-family:monospace;'
            f'text-align:right;padding-top:.25em;user-select:none">{html.escape(sid)}</span>'
            f'<span class="kit-text">{sentence_html(str(text), by_sentence.get(sid, []))}</span></div>')
    body = "".join(f'<div class="kit-paragraph" style="margin:0 0 .8em 0">{"".join(p)}</div>'
                   for _, p in sorted(paragraphs.items()))
    return (f'<div class="kit-reader" style="max-width:{MAX_WIDTH};text-align:left;white-space:normal;'
            f'overflow-wrap:anywhere;line-height:1.6;font-size:15px;color:{_PAGE["text"]}">'
            f'{header_html(loaded, aid)}{legend_html(loaded, chosen, found)}{body}</div>')


def read(article_id: str, case: Case | str | Path | None = None, layers=None) -> ipywidgets.VBox:
    """Show one whole article of a case to read, with a toggle button per layer (claims, quotes, dates, ...).

    Args:
        article_id: an article id such as ``"A2"`` (``case.articles["article_id"]`` lists them).
        case: a loaded case, a case folder, or ``None`` for the seeds.
        layers: layers switched on at first (names of :data:`LAYERS`); none when ``None``.

    Returns:
        An ``ipywidgets.VBox`` exposing ``toggles`` (one ``ToggleButton`` per layer, by name), ``page``
        (the ``HTML`` widget with the rendered article) and ``spans`` (the spans found so far, by layer).
        Where widgets are not rendered (a static notebook, nbval), it shows the article as static HTML.

    Raises:
        NotInCaseError: for an unknown article id (the message names the case's ids).

    >>> reader = read("A3", layers=["dates"])
    >>> reader.toggles["dates"].value, "A3.S1" in reader.page.value
    (True, True)
    """
    import ipywidgets as w

    loaded = resolve_case(case)
    aid = article_id_of(loaded, article_id)
    chosen = check_layers(layers)
    box = w.VBox(layout=w.Layout(max_width="900px"))
    box.add_class("kit-reader-widget")
    box.article_id, box.spans = aid, {}
    box.toggles = {name: w.ToggleButton(value=name in chosen, description=rule.title,
                                        tooltip=f"Mark {rule.source}", layout=w.Layout(width="auto"))
                   for name, rule in LAYERS.items()}
    box.page = w.HTML()

    def render(_=None) -> None:
        on = tuple(name for name, button in box.toggles.items() if button.value)
        for name in on:
            if name not in box.spans:
                box.spans[name] = layer_spans(loaded, aid, name)
        box.page.value = article_html(loaded, aid, on, box.spans)

    for button in box.toggles.values():
        button.observe(render, names="value")
    box.children = [w.HTML(FOCUS_CSS), w.HBox(list(box.toggles.values()), layout=w.Layout(flex_flow="row wrap")), box.page]
    render()
    box._repr_mimebundle_ = lambda **kwargs: static_bundle(box, **kwargs)
    return box


def static_bundle(box: ipywidgets.VBox, **kwargs) -> dict:
    """The reader's display data: the live widget, and its page as static HTML for where widgets do not render.

    A notebook front end with widgets shows the widget (it ranks the widget's type first); a static
    view of the notebook, or nbval, gets the article as it was rendered (``text/html``) and a short
    ``text/plain`` line instead of the widget's long repr.
    """
    data = dict(type(box)._repr_mimebundle_(box, **kwargs) or {})
    on = [name for name, button in box.toggles.items() if button.value]
    data["text/plain"] = f"Article {box.article_id} (reader; layers: {', '.join(on) or 'none'})"
    data["text/html"] = box.page.value
    return data
