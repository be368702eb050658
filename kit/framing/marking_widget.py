"""Mark loaded words, hedges and evaluative verbs in a passage, then compare with the lexicon and the key.

:func:`mark_words` builds the widget: a passage picker (sentences and short
paragraphs, named by outlet, sentence id and opening words), a category
selector (:data:`kit.framing.marking.CATEGORIES`), and the passage's words as
small toggle buttons. Click a word (or Tab to it and press Space) to mark it in
the current category; click it again to unmark it. A marked word takes the
category's colour *and* its symbol (◆, ≈, ▲), so colour is not the only cue.

Without a question id the widget is a demo: "Compare with the lexicon" lists,
per category, the words marked and listed (agreed), listed but not marked
(missed) and marked but not listed (extra), with the key's persuasion
techniques (``keys/techniques.csv``) that quote the passage; it records
nothing. With a question id of kind ``text`` the widget opens on the sentence
the prompt names, and "Check my answer" hands the marked words, joined by
spaces, to :func:`kit.answer_widget.checked_html` (which records the attempt);
the last answer saved is marked again when the widget opens.

The HTML parts (:func:`legend_html`, :func:`comparison_html`, :func:`key_notes`)
are pure and tested directly.

>>> from kit.framing.marking import compare, lexicon_hits, tokenize
>>> text = "Reportedly the regime acted."
>>> "Agreed" in comparison_html(compare(tokenize(text), {2: "loaded"}, lexicon_hits(text)))
True
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..answer_widget import checked_html, last_answer, text_box, with_steps
from ..checks import questions
from ..core import lexicon
from ..core.case import Case, resolve_case
from ..core.errors import KitError
from ..display import PALETTE, focus_css
from ..quotes import extract_quotes
from .marking import (CATEGORIES, MarkComparison, Passage, answer_text, category_in_prompt, compare,
                      default_passage, lexicon_hits, marks_for_answer, passage_quotes, passages, quote_note, quote_rows,
                      sentence_in_prompt, tokenize)
from .words import FAMILY_OF_KIND, families

if TYPE_CHECKING:
    import ipywidgets
    import pandas as pd

KEY_TECHNIQUES = {"Loaded_Language": "loaded", "Name_Calling-Labeling": "loaded"}
"""Persuasion techniques of the key (``keys/techniques.csv``) that name framing words, and their category."""

LISTS = (("agreed", "Agreed: you marked it and the lexicon lists it"),
         ("missed", "Missed: the lexicon lists it, you did not mark it"),
         ("extra", "Extra: you marked it, the lexicon does not list it here"))
"""The three lists of a comparison, with their headings."""

NOTHING_LISTED = ("The lexicon lists no loaded word, hedge or evaluative verb in the writer's own words here. "
                  "That is a finding too: a plainly worded passage leaves the judging to the reader.")
STYLE = "".join(
    f".kit-marking .kit-mark-{c.name}, .kit-marking .kit-mark-{c.name}.mod-active"
    f"{{background:{c.colour}26 !important;border:2px solid {c.colour} !important;font-weight:600}}"
    for c in CATEGORIES.values())
CSS = (focus_css("kit-marking") + f"<style>{STYLE} .kit-marking select:focus-visible"
       f"{{outline:2px solid {PALETTE['focus']['ring']} !important}} .kit-marking .kit-marking-word"
       "{height:auto;min-height:28px;padding:0 6px;margin:2px;white-space:normal}</style>")
"""The widget's CSS: a focus ring, and per category a tint and a border in its colour."""


WIDGET_TEXT = "Word marker: pick a passage, mark its loaded words, hedges and evaluative verbs, then compare with the lexicon."
"""The widget's text form: what a static view of the notebook shows instead of the widget."""


def category_tooltip(category) -> str:
    """What the lexicon means by a category: its kind's description, or the names of its kinds.

    >>> category_tooltip(CATEGORIES["loaded"])
    'loaded word, in the lexicon: label, discrediting, intensifier, emotive, case lexicon'
    """
    if len(category.kinds) == 1:
        return lexicon.KINDS[category.kinds[0]][1]
    return f"{category.label}, in the lexicon: " + ", ".join(FAMILY_OF_KIND[k][1] for k in category.kinds)


def legend_html() -> str:
    """A legend of the categories: symbol, name in its colour, and what the lexicon means by it.

    >>> "◆" in legend_html() and "loaded word" in legend_html()
    True
    """
    parts = [f"<span style='border:2px solid {c.colour};padding:0 4px;margin-right:8px;white-space:normal'>"
             f"{c.symbol} {html.escape(c.label)}</span>" for c in CATEGORIES.values()]
    return "<p class='kit-marking-legend' style='white-space:normal'>" + "".join(parts) + "</p>"


def _items_html(items, empty: str) -> str:
    if not items:
        return f" <span style='color:{PALETTE['page']['muted']}'>{html.escape(empty)}</span>"
    return "<ul style='margin:2px 0'>" + "".join(
        f"<li>“{html.escape(i.text)}”" + (f" <small>({html.escape(i.note)})</small>" if i.note else "") + "</li>"
        for i in items) + "</ul>"




def comparison_html(comparison: MarkComparison, keyed: list[tuple[str, str, str]] | None = None) -> str:
    """The comparison as HTML: per category, the agreed, missed and extra words, then the quoted words and the key.

    Args:
        comparison: from :func:`kit.framing.marking.compare`.
        keyed: the key's notes on the passage (:func:`key_notes`), or ``None``.

    >>> from kit.framing.marking import compare, lexicon_hits, tokenize
    >>> "no loaded word" in comparison_html(compare(tokenize("The ferry left."), {}, lexicon_hits("The ferry left.")))
    True
    """
    rows = comparison.by_category
    listed = any(rows[c]["agreed"] or rows[c]["missed"] for c in rows)
    marked = any(rows[c]["agreed"] or rows[c]["extra"] for c in rows)
    out = [] if listed else [f"<p>{html.escape(NOTHING_LISTED)}"
                             + (" Your marks are below as extras: say for each what judgement it carries.</p>"
                                if marked else "</p>")]
    for name, c in CATEGORIES.items():
        if not any(rows[name].values()):
            out.append(f"<p><b style='color:{c.colour}'>{c.symbol}</b> <b>{html.escape(c.label)}</b>: "
                       "none listed, none marked.</p>")
            continue
        lists = "".join(f"<div><i>{html.escape(title)}</i>{_items_html(rows[name][key], 'none')}</div>"
                        for key, title in LISTS)
        out.append(f"<div style='margin:4px 0'><b style='color:{c.colour}'>{c.symbol}</b> "
                   f"<b>{html.escape(c.label)}</b>{lists}</div>")
    if comparison.quoted:
        who = [f"“{html.escape(h.text)}” ({html.escape(quote_note(h.speaker))})" for h in comparison.quoted]
        out.append("<p>Not counted, because quoted: " + "; ".join(who) + ".</p>")
    for technique, quote, note in keyed or []:
        out.append(f"<p>The key (techniques) marks {html.escape(technique.replace('_', ' '))} in "
                   f"“{html.escape(quote)}”: {html.escape(note)}</p>")
    out.append("<p><small>The lexicon is short on purpose, not complete: an extra is defensible when you can say "
               "what judgement the word carries.</small></p>")
    return "".join(out)


def key_notes(techniques: pd.DataFrame | None, passage: Passage) -> list[tuple[str, str, str]]:
    """The key's word-level techniques (:data:`KEY_TECHNIQUES`) whose quote is in the passage: technique, quote, note.

    >>> import pandas as pd
    >>> p = Passage("A1.S1", "A1", "a.txt", ("A1.S1",), 0, "The regime  acted.", "", "")
    >>> key_notes(pd.DataFrame({"technique": ["Loaded_Language"], "file": ["a.txt"], "quote": ["regime acted"], "note": ["n"]}), p)
    [('Loaded_Language', 'regime acted', 'n')]
    """
    if techniques is None or techniques.empty:
        return []
    text = " ".join(passage.text.split())
    out = []
    for row in techniques.itertuples():
        quote = " ".join(str(row.quote).split())
        if row.technique in KEY_TECHNIQUES and row.file == passage.file and quote and quote in text:
            out.append((str(row.technique), quote, str(row.note) if isinstance(row.note, str) else ""))
    return out


def _question(question_id: str | None, loaded: Case) -> dict[str, str]:
    """The question's id, kind and prompt ({} without a question id or when the case has no such question)."""
    if question_id is None:
        return {}
    table = questions(loaded)
    row = table[table["id"].str.casefold() == str(question_id).strip().casefold()]
    return {k: str(v) for k, v in row.iloc[0].items()} if len(row) else {}


def _word_button(w, token) -> ipywidgets.ToggleButton:
    button = w.ToggleButton(description=token.text, tooltip=f"Mark “{token.text}”",
                            layout=w.Layout(width="auto", flex="0 0 auto"))
    button.add_class("kit-marking-word")
    return button


def _controls(w, box, pool: dict, chosen: str, category: str, question_id: str | None) -> None:
    """Make the widget's controls as attributes of ``box``."""
    box.passage = w.Dropdown(options=[(p.label, pid) for pid, (p, _, _) in pool.items()], value=chosen,
                             description="Passage", layout=w.Layout(width="auto", max_width="860px", margin="2px 0"))
    box.category = w.ToggleButtons(options=[(f"{c.symbol} {c.label}", c.name) for c in CATEGORIES.values()],
                                   value=category, description="Mark as",
                                   tooltips=[category_tooltip(c) for c in CATEGORIES.values()],
                                   style={"button_width": "auto"})
    box.word_box = w.Box(layout=w.Layout(display="flex", flex_flow="row wrap", width="auto"))
    box.note, box.feedback = w.HTML(), w.HTML()
    box.feedback.add_class("kit-marking-feedback")
    label = "Compare with the lexicon" if question_id is None else "Check my answer"
    box.check_button = w.Button(description=label, button_style="primary", layout=w.Layout(width="auto"))
    box.clear_button = w.Button(description="Clear marks", layout=w.Layout(width="auto"))


def mark_words(question_id: str | None = None, case: Case | str | Path | None = None,
               sentence: str | None = None) -> ipywidgets.VBox:
    """Build the word-marking widget: pick a passage, mark its framing words, compare (or check an answer).

    Args:
        question_id: a question of kind ``text`` ("the reporting verb in A1.S5 that ..."): the
            widget opens on the sentence its prompt names, and the marked words are the answer.
            ``None`` for a demo that compares with the lexicon and records nothing.
        case: a loaded case, a case folder, or ``None`` for the seeds.
        sentence: a sentence id (or a paragraph id like ``A1.P3``) to open on; else the
            passage richest in framing words.

    Returns:
        An ``ipywidgets.VBox`` (class ``kit-marking``) exposing ``passage`` (Dropdown),
        ``category`` (ToggleButtons), ``words`` (one ToggleButton per word), ``word_box``,
        ``tokens``, ``marks`` (``{word index: category}``), ``answer`` (the marked words
        joined by spaces), ``note``, ``check_button``, ``clear_button`` and ``feedback`` (HTML).
    """
    import ipywidgets as w

    box = text_box(WIDGET_TEXT, layout=w.Layout(width="100%", max_width="880px"))
    box.add_class("kit-marking")
    box.feedback, box.words, box.tokens, box.marks, box.answer = w.HTML(), [], [], {}, ""
    try:
        loaded = resolve_case(case)
        quotes = extract_quotes(loaded)
    except KitError as exc:
        box.feedback.value = f"<p>{html.escape(str(exc))}</p>"
        box.children = [box.feedback]
        return box
    pool, rows, word_families = {}, quote_rows(quotes), families(loaded.path)
    for p in passages(loaded.sentences, loaded.articles, loaded.raw):
        quoted = passage_quotes(rows, p)
        pool[p.pid] = (p, lexicon_hits(p.text, loaded.path, quoted, word_families), quoted)
    if not pool:
        box.feedback.value = f"<p>The case {html.escape(loaded.name)} has no article text to mark yet.</p>"
        box.children = [box.feedback]
        return box
    _assemble(w, box, pool, question_id, loaded, sentence)
    return box


def _opening_choice(pool: dict, question: dict[str, str], sentence: str | None) -> tuple[str, str, str]:
    """The passage and category to open on, and a note when the asked-for sentence is unknown."""
    chosen = default_passage([(p, hits) for p, hits, _ in pool.values()])
    named = sentence_in_prompt(question.get("prompt", ""), pool) if question else ""
    note = ""
    if sentence is not None:
        if sentence in pool:
            named = sentence
        else:
            note = f"{sentence!r} is no passage of this case (ids look like A1.S3); here is another one."
    category = category_in_prompt(question.get("prompt", "")) if question else next(iter(CATEGORIES))
    return named or chosen, category, note


def _assemble(w, box, pool: dict, question_id: str | None, loaded: Case, sentence: str | None) -> None:
    """Lay the controls out and wire them; restore the last saved answer for a question."""
    question = _question(question_id, loaded)
    chosen, category, opening_note = _opening_choice(pool, question, sentence)
    _controls(w, box, pool, chosen, category, question_id)
    prompt = [w.HTML(f"<p style='white-space:normal'><b>{html.escape(question['id'])}</b>: "
                     f"{html.escape(question['prompt'])}</p>")] if question else []
    if question_id is not None and question and question.get("kind") != "text":
        opening_note = (f"Question {question['id']} asks for {question['kind']}, not for words; "
                        "answer it where it is asked.")
    box.children = [w.HTML(CSS), *prompt, with_steps(box.passage, "passage"), box.category, w.HTML(legend_html()),
                    box.note,
                    box.word_box, w.HBox([box.check_button, box.clear_button]), box.feedback]
    state = {"busy": False, "opening_note": opening_note}
    _wire(w, box, pool, question_id, loaded, state)
    if question_id is not None:
        saved = last_answer(question.get("id", question_id), loaded.name)
        if isinstance(saved, str) and saved.strip():
            box.restore(saved)


# long: the handlers share the widget's state, so they live together
def _wire(w, box, pool: dict, question_id: str | None, loaded: Case, state: dict) -> None:
    """Connect the passage picker, the word buttons and the buttons."""
    techniques = loaded.keys.get("techniques")

    def paint(i: int) -> None:
        button, category = box.words[i], box.marks.get(i)
        for c in CATEGORIES:
            button.remove_class(f"kit-mark-{c}")
        text = box.tokens[i].text
        if category:
            button.add_class(f"kit-mark-{category}")
        c = CATEGORIES.get(category or "")
        button.description = f"{c.symbol} {text}" if c else text
        button.tooltip = f"“{text}”: marked as {c.label}; press again to unmark" if c else f"Mark “{text}”"
        state["busy"] = True
        button.value = bool(c)
        state["busy"] = False
        box.answer = answer_text(box.tokens, box.marks)

    def toggled(change, i: int) -> None:
        if state["busy"]:
            return
        if change["new"]:
            box.marks[i] = box.category.value
        else:
            box.marks.pop(i, None)
        paint(i)

    def show(pid: str) -> None:
        passage, _, _ = pool[pid]
        box.tokens, box.marks = tokenize(passage.text), {}
        box.words = [_word_button(w, t) for t in box.tokens]
        for i, button in enumerate(box.words):
            button.observe(lambda change, i=i: toggled(change, i), "value")
        box.word_box.children = box.words
        notes = [n for n in (state.pop("opening_note", ""), passage.note) if n]
        if not box.tokens:
            notes.append("This passage has no words to mark; pick another one.")
        box.note.value = "".join(f"<p style='white-space:normal'>{html.escape(n)}</p>" for n in notes)
        box.answer, box.feedback.value = "", ""

    def check(_=None) -> None:
        passage, hits, quoted = pool[box.passage.value]
        if question_id is not None:
            if not box.answer:
                box.feedback.value = "<p>Mark the word or words that answer the question first.</p>"
                return
            box.feedback.value = checked_html(question_id, box.answer, loaded)
            return
        result = compare(box.tokens, box.marks, hits, loaded.path, quoted)
        box.feedback.value = ("<div class='kit-feedback kit-demo' style='padding:6px 10px;margin:4px 0;"
                              "white-space:normal'><p><i>Practice: compared with the kit's lexicon; nothing is "
                              "recorded.</i></p>" + comparison_html(result, key_notes(techniques, passage)) + "</div>")

    def clear(_=None) -> None:
        marked = list(box.marks)
        box.marks.clear()
        for i in marked:
            paint(i)
        box.feedback.value = ""

    def restore(answer: str) -> None:
        for i in marks_for_answer(box.tokens, answer):
            hits = [h for h in pool[box.passage.value][1] if i in h.tokens and h.category]
            box.marks[i] = hits[0].category if hits else box.category.value
            paint(i)
        if box.marks:
            box.feedback.value = f"<p>Your last saved answer is marked again: {html.escape(box.answer)}</p>"

    box.passage.observe(lambda change: show(change["new"]), "value")
    box.check_button.on_click(check)
    box.clear_button.on_click(clear)
    box.restore = restore
    show(box.passage.value)
