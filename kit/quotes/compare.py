"""Quote comparison, the pure part: one statement's renderings side by side, word by word, and the judgements.

Built on :func:`.grouping.trace_quotes` (renderings grouped by statement, each graded against the
statement's reference rendering by :mod:`.fidelity`). Every function takes that table (or rows of it)
and returns plain data or an HTML string; :mod:`.compare_widget` puts them on screen.

* :func:`statement_options`: the statements at least two articles render, labelled by speaker and opening words;
* :func:`renderings`: one statement's renderings, the reference first, each with its word changes;
* :func:`diff_tokens` / :func:`diff_html`: a rendering's words against the reference, dropped words struck
  (``<del>``), added words underlined (``<ins>``), replaced words both;
* :func:`what_changed`: the change that matters most (:data:`CHANGE_RULES`); :func:`judge_change` says
  whether a student's "what changed" is right, naming the words;
* :data:`FIDELITY_CLASSES` and :data:`DEMO_TASKS`: which renderings are faithful, cut or changed, and
  the question a demo asks; :func:`judge_pick` judges a pick;
* :func:`answer_value`: the plain answer ``kit.check`` takes (``"A3"`` or ``["A0", "A1"]``);
* :func:`preselect_statement`: the statement a question's prompt points at (its quoted words).

>>> table = tiny_trace([("A1", "Ana Lopez", "We did not overpay, the fee is fair"), ("A2", "Ana Lopez", "we did overpay")])
>>> statement_options(table)
[('Ana Lopez: “We did not overpay, the fee…” (2 articles)', 'S1')]
>>> what_changed(diff_tokens("We did not overpay", "we did overpay", "reworded"))
'dropped'
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..display import PALETTE, article_label
from .fidelity import aligned_changes, shorten, word_changes
from .grouping import ALIGNED_DIFF
from .wording import clean_quote, unlink

if TYPE_CHECKING:
    import pandas as pd

CHANGE_KINDS: dict[str, str] = {
    "dropped": "words dropped",
    "added": "words added",
    "replaced": "words replaced",
    "same": "same words / only punctuation",
}
"""What a student may say changed, by key, with the label the widget shows."""

OPS = {"same": "same", "left out": "dropped", "added": "added", "changed": "replaced"}
"""The names of :func:`.fidelity.word_changes` ops in this module."""

CHANGE_RULES: list[tuple[str, Callable[[set[str]], bool]]] = [
    ("replaced", lambda ops: "replaced" in ops),
    ("added", lambda ops: "added" in ops),
    ("dropped", lambda ops: "dropped" in ops),
    ("same", lambda ops: True),
]
"""The change that matters most in a rendering: the first rule that holds over the kinds of change it has.

A word swapped changes what was said; a word added puts words in a mouth; a word dropped cuts."""

FIDELITY_CLASSES: dict[str, str] = {
    "reference": "faithful", "verbatim": "faithful", "unique": "faithful",
    "truncated": "cut", "extended": "cut",
    "reworded": "changed", "fused": "changed", "paraphrase": "changed",
}
"""How faithful each grade of :mod:`.fidelity` is: the same words, the words cut (or longer), or words changed."""

DEMO_TASKS: list[tuple[str, str]] = [
    ("changed", "Which rendering changes the speaker's words (the unfaithful one)? Pick it, then say what changed."),
    ("cut", "No rendering swaps words; which one cuts the reference (or adds around it)? Pick it, then say what changed."),
    ("faithful", "Do the renderings agree with the reference? Pick one, then say what changed."),
]
"""The question a demo asks about a statement: the first class of :data:`FIDELITY_CLASSES` its renderings
(the reference aside) hold, and its wording."""

OPENING_WORDS = 6
"""How many words of a statement its dropdown label shows."""

_QUOTED = re.compile(r"(?<![\w])['‘“\"]([^'‘’“”\"]{2,}?)['’”\"](?![\w])")


def tiny_trace(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """A trace table (like :func:`.grouping.trace_quotes`) of invented ``(article, speaker, words)`` rows, for examples.

    >>> tiny_trace([("A1", "Ana Lopez", "no deal"), ("A2", "", "no deal")])[["quote_id", "sentence_id", "match"]].values.tolist()
    [['A1.Q1', 'A1.S1', 'reference'], ['A2.Q1', 'A2.S1', 'verbatim']]
    """
    import pandas as pd

    from .grouping import group_quotes

    seen: Counter = Counter()
    ids = []
    for article, _, _ in rows:
        seen[article] += 1
        ids.append(f"{article}.Q{seen[article]}")
    quotes = pd.DataFrame({"quote_id": ids, "article_id": [r[0] for r in rows],
                           "sentence_id": [q.replace(".Q", ".S") for q in ids], "speaker": [r[1] for r in rows],
                           "speaker_kind": ["person" if r[1] else "" for r in rows], "text": [r[2] for r in rows]})
    return group_quotes(quotes)


def _speaker(rows: pd.DataFrame) -> str:
    """The person most renderings credit (then anyone credited), or ``""``."""
    kinds = rows["speaker_kind"].fillna("") if "speaker_kind" in rows else [""] * len(rows)
    people = [s for s, k in zip(rows["speaker"].fillna(""), kinds) if s and k == "person"]
    named = people or [s for s in rows["speaker"].fillna("") if s]
    return Counter(named).most_common(1)[0][0] if named else ""


def statement_label(rows: pd.DataFrame) -> str:
    """A statement's dropdown label: its speaker, the opening words of its reference rendering, its articles.

    >>> statement_label(tiny_trace([("A1", "", "the port stays open all week"), ("A2", "", "the port stays open")]))
    'speaker not named: “the port stays open all week” (2 articles)'
    """
    reference = rows.loc[rows["quote_id"] == rows["reference"].iloc[0], "text"]
    words = unlink(reference.iloc[0] if len(reference) else rows["text"].iloc[0]).split()
    opening = " ".join(words[:OPENING_WORDS]) + ("…" if len(words) > OPENING_WORDS else "")
    return f"{_speaker(rows) or 'speaker not named'}: “{opening}” ({rows['article_id'].nunique()} articles)"


def statement_options(trace: pd.DataFrame) -> list[tuple[str, str]]:
    """``(label, statement id)`` of every statement rendered in two articles or more: most articles first.

    Ties keep the order of first appearance. An empty list when no statement is rendered twice.

    >>> statement_options(tiny_trace([("A1", "Rui Costa", "we stay calm"), ("A2", "Rui Costa", "no comment")]))
    []
    """
    if trace.empty:
        return []
    counts = trace.groupby("statement_id", sort=False).agg(articles=("article_id", "nunique"), renderings=("quote_id", "size"))
    counts["order"] = range(len(counts))
    shared = counts[counts["articles"] >= 2].sort_values(["articles", "renderings", "order"],
                                                         ascending=[False, False, True])
    return [(statement_label(trace[trace["statement_id"] == sid]), sid) for sid in shared.index]


def rendering_changes(reference: str, text: str, match: str) -> list[tuple[str, str, str]]:
    """Word changes from the reference to a rendering, as ``(same|dropped|added|replaced, reference words, its words)``.

    Compared as :mod:`.grouping` does for its ``diff`` column: a ``reworded`` or ``paraphrase``
    rendering against the stretch of the reference it lines up with, the rest dropped
    (:func:`.fidelity.aligned_changes`), unless the plain word-by-word diff touches fewer words
    ("his age and his talent" -> "his talent" drops 'age and his' rather than swapping 'age' for
    'talent'); any other grade word by word. Links are unwrapped; case and punctuation do not count.

    >>> rendering_changes("It is pure fiction, simply fake news", "simply false information", "reworded")
    [('dropped', 'It is pure fiction,', ''), ('same', 'simply', 'simply'), ('replaced', 'fake news', 'false information')]
    """
    reference, text = unlink(reference), unlink(text)
    changes = word_changes(reference, text)
    if match in ALIGNED_DIFF:
        aligned = aligned_changes(reference, text)
        changes = min(aligned, changes, key=_cost)  # a tie keeps the aligned diff, the kit's own
    return [(OPS[op], first, second) for op, first, second in changes]


def _cost(changes: list[tuple[str, str, str]]) -> int:
    """How many words a diff marks (dropped, added or replaced, both sides counted)."""
    return sum(len(a.split()) + len(b.split()) for op, a, b in changes if op != "same")


diff_tokens = rendering_changes
"""A rendering's diff tokens against its reference (the same as :func:`rendering_changes`)."""


def renderings(trace: pd.DataFrame, statement_id: str, outlets: dict[str, str] | None = None) -> pd.DataFrame:
    """One statement's renderings: the reference first, then in article order, each with its changes.

    Args:
        trace: a table like :func:`.grouping.trace_quotes` returns.
        statement_id: the statement, e.g. ``"S1"``.
        outlets: ``{article id: outlet}`` from the case's metadata (an article with none says so).

    Returns:
        A DataFrame with ``quote_id, article_id, article`` (id and outlet), ``sentence_id, speaker,
        text, match, fidelity`` (:data:`FIDELITY_CLASSES`), ``is_reference, reference_id,
        reference_basis, tokens`` (:func:`diff_tokens`) and ``changed`` (:func:`what_changed`).

    >>> t = renderings(tiny_trace([("A1", "", "no deal"), ("A2", "", "no deal today")]), "S1", {"A2": "Harbour Ledger"})
    >>> t[["quote_id", "article", "is_reference", "changed"]].values.tolist()
    [['A2.Q1', 'A2 · Harbour Ledger', True, 'same'], ['A1.Q1', 'A1 · outlet not stated', False, 'dropped']]
    """
    outlets = outlets or {}
    rows = trace[trace["statement_id"] == statement_id].copy()
    if rows.empty:
        return rows.assign(article=[], fidelity=[], is_reference=[], reference_id=[], tokens=[], changed=[])
    reference_id = rows["reference"].iloc[0]
    reference_text = rows.loc[rows["quote_id"] == reference_id, "text"].iloc[0]
    rows["article"] = [article_label(a, str(outlets.get(a, "") or "")) for a in rows["article_id"]]
    rows["is_reference"] = rows["quote_id"] == reference_id
    rows["reference_id"] = reference_id
    rows["fidelity"] = [FIDELITY_CLASSES.get(m, "changed") for m in rows["match"]]
    rows["tokens"] = [diff_tokens(reference_text, t, m) for t, m in zip(rows["text"], rows["match"])]
    rows["changed"] = [what_changed(t) for t in rows["tokens"]]
    rows = rows.sort_values("is_reference", ascending=False, kind="stable")
    columns = ["quote_id", "article_id", "article", "sentence_id", "speaker", "text", "match", "fidelity",
               "is_reference", "reference_id", "reference_basis", "tokens", "changed"]
    return rows[columns].reset_index(drop=True)


def what_changed(tokens: list[tuple[str, str, str]]) -> str:
    """The change that matters most in a rendering (:data:`CHANGE_RULES`): a key of :data:`CHANGE_KINDS`.

    >>> what_changed([("same", "no", "no"), ("dropped", "deal", "")]), what_changed([("same", "no deal", "no deal")])
    ('dropped', 'same')
    """
    ops = {op for op, _, _ in tokens if op != "same"}
    return next(name for name, holds in CHANGE_RULES if holds(ops))


def change_words(tokens: list[tuple[str, str, str]]) -> str:
    """The changes of a rendering in words, each quoting its words (long stretches shortened); ``""`` when none.

    >>> change_words([("dropped", "It is", ""), ("same", "pure fiction", "pure fiction"), ("replaced", "fake", "false")])
    "dropped 'It is'; replaced 'fake' → 'false'"
    """
    phrases = {"dropped": lambda a, b: f"dropped '{shorten(a)}'", "added": lambda a, b: f"added '{shorten(b)}'",
               "replaced": lambda a, b: f"replaced '{shorten(a)}' → '{shorten(b)}'"}
    return "; ".join(phrases[op](a, b) for op, a, b in tokens if op in phrases)


def _mark(kind: str, words: str) -> str:
    colours = PALETTE["compare"]
    title = CHANGE_KINDS[kind].split()[-1] if kind != "same" else ""
    tag = "del" if kind == "dropped" else "ins"
    return (f'<{tag} title="{title}" style="color:{colours[kind]};background:{colours[kind + "_background"]};'
            f'text-decoration:{"line-through" if tag == "del" else "underline"} 2px">'
            f'{"[-" if tag == "del" else "[+"}{html.escape(words)}{"-]" if tag == "del" else "+]"}</{tag}>')


def diff_html(tokens: list[tuple[str, str, str]]) -> str:
    """A rendering's words against the reference as HTML: dropped words struck, added underlined, replaced both.

    Dropped words are ``<del>[-…-]</del>`` (a long stretch shortened), added ones ``<ins>[+…+]</ins>``,
    so the marks read without colour too; every word is HTML-escaped.

    >>> diff_html([("same", "we did", "we did"), ("dropped", "not", ""), ("replaced", "pay", "<pay>")])  # doctest: +ELLIPSIS
    '<span ...>we did <del ...>[-not-]</del> <del ...>[-pay-]</del> <ins ...>[+&lt;pay&gt;+]</ins></span>'
    """
    parts = []
    for op, first, second in tokens:
        if op == "same":
            parts.append(html.escape(second))
        if op in ("dropped", "replaced"):
            parts.append(_mark("dropped", shorten(first)))
        if op in ("added", "replaced"):
            parts.append(_mark("added", second))
    return '<span class="kit-compare-words" style="white-space:normal;line-height:1.7">' + " ".join(parts) + "</span>"


def judge_change(row: dict[str, Any] | pd.Series, given: str | None) -> tuple[bool, str]:
    """Judge a student's "what changed" for one rendering against the kit's diff: ``(right, explanation)``.

    Right when ``given`` is :func:`what_changed` of its tokens; the explanation names the words.

    >>> row = {"quote_id": "A2.Q1", "reference_id": "A1.Q1", "tokens": [("same", "we did", "we did"), ("dropped", "not", "")]}
    >>> judge_change(row, "dropped")
    (True, "Right: against the reference A1.Q1, A2.Q1 dropped 'not'.")
    >>> judge_change(row, "same")[0]
    False
    """
    tokens, main = row["tokens"], what_changed(row["tokens"])
    where = f"against the reference {row['reference_id']}, {row['quote_id']}"
    if row["quote_id"] == row["reference_id"]:
        return given == "same", (f"{row['quote_id']} is the reference itself: the other renderings are compared "
                                 "with it, so it has the same words.")
    said = change_words(tokens) or "has the same words (case and punctuation aside)"
    if given == main:
        return True, f"Right: {where} {said}."
    present = {op for op, _, _ in tokens if op != "same"}
    if given in present:
        return False, (f"Partly: {where} {said}; the change that matters most is "
                       f"{CHANGE_KINDS[main]} (a swapped word changes what was said more than a cut).")
    if given is None:
        return False, f"Say what changed too: {where} {said}."
    return False, f"Not quite: {where} {said}, so the answer is {CHANGE_KINDS[main]}."


def judge_changes(table: pd.DataFrame, picked: list[str], given: str | None) -> tuple[bool, str]:
    """Judge "what changed" for every rendering picked (:func:`judge_change`): right when right for each.

    >>> t = renderings(tiny_trace([("A1", "", "no deal today"), ("A2", "", "no deal"), ("A3", "", "no deal")]), "S1")
    >>> judge_changes(t, ["A2.Q1", "A3.Q1"], "dropped")
    (True, "Right: against the reference A1.Q1, A2.Q1 dropped 'today'. Right: against the reference A1.Q1, A3.Q1 dropped 'today'.")
    """
    rows = table.set_index("quote_id", drop=False)
    verdicts = [judge_change(rows.loc[q], given) for q in picked if q in rows.index]
    return bool(verdicts) and all(ok for ok, _ in verdicts), " ".join(text for _, text in verdicts)


def demo_task(table: pd.DataFrame) -> tuple[str, str]:
    """The demo's question about a statement's renderings (a :func:`renderings` table): ``(class, wording)``.

    >>> demo_task(renderings(tiny_trace([("A1", "", "no deal"), ("A2", "", "no deal")]), "S1"))[0]
    'faithful'
    """
    held = set(table.loc[~table["is_reference"], "fidelity"]) if len(table) else set()
    return next(((cls, text) for cls, text in DEMO_TASKS if cls in held), DEMO_TASKS[-1])


def judge_pick(table: pd.DataFrame, quote_id: str) -> tuple[bool, str]:
    """Judge a demo pick against the kit's fidelity grades: ``(right, explanation)`` naming the renderings.

    Right when the rendering picked holds the class :func:`demo_task` asks for (any rendering but the
    reference when all agree); the explanation names its grade and the other renderings of that class.

    >>> t = renderings(tiny_trace([("A1", "", "we did not overpay for the player"), ("A2", "", "we did not overpay"),
    ...                            ("A3", "", "we never overpaid for the player")]), "S1")
    >>> judge_pick(t, "A3.Q1")
    (True, 'Right: the kit grades A3.Q1 (A3 · outlet not stated, A3.S1) reworded against the reference A1.Q1.')
    >>> judge_pick(t, "A2.Q1")[0]
    False
    """
    wanted, _ = demo_task(table)
    row = table[table["quote_id"] == quote_id].iloc[0]
    name = f"{quote_id} ({row['article']}, {row['sentence_id']})"
    if row["is_reference"]:
        return False, (f"{name} is the reference rendering ({row['reference_basis']}); "
                       "the others are compared with it, so pick another.")
    others = [q for q, c, r in zip(table["quote_id"], table["fidelity"], table["is_reference"])
              if c == wanted and not r and q != quote_id]
    also = f" {', '.join(others)} {'is' if len(others) == 1 else 'are'} {wanted} too." if others and wanted != "faithful" else ""
    if row["fidelity"] == wanted:
        return True, f"Right: the kit grades {name} {row['match']} against the reference {row['reference_id']}.{also}"
    targets = ", ".join(q for q, c, r in zip(table["quote_id"], table["fidelity"], table["is_reference"]) if c == wanted and not r)
    return False, (f"Not this one: the kit grades {name} {row['match']} against the reference {row['reference_id']} "
                   f"({row['fidelity']}); look at {targets}.")


def answer_value(table: pd.DataFrame, picked: list[str], many: bool = False) -> str | list[str] | None:
    """The plain answer ``kit.check`` takes from the renderings picked: an article id, or a sorted list with ``many``.

    ``None`` when nothing is picked.

    >>> t = renderings(tiny_trace([("A1", "", "no deal"), ("A2", "", "no deal"), ("A2", "", "no deal at all")]), "S1")
    >>> answer_value(t, ["A2.Q2"]), answer_value(t, ["A2.Q1", "A1.Q1", "A2.Q2"], many=True), answer_value(t, [])
    ('A2', ['A1', 'A2'], None)
    """
    articles = dict(zip(table["quote_id"], table["article_id"]))
    chosen = [articles[q] for q in picked if q in articles]
    if not chosen:
        return None
    return sorted(set(chosen), key=lambda a: (len(a), a)) if many else chosen[-1]


def quoted_words(prompt: str) -> list[str]:
    """The words a question's prompt puts in quotation marks, cleaned (:func:`.wording.clean_quote`).

    >>> quoted_words("Which article drops the words 'we stay calm' that the others share? Don't guess.")
    ['we stay calm']
    """
    return [c for c in (clean_quote(m) for m in _QUOTED.findall(prompt or "")) if c]


def preselect_statement(trace: pd.DataFrame, options: list[tuple[str, str]], prompt: str = "") -> str | None:
    """The statement a question's prompt points at: the one whose renderings most often hold its quoted words.

    The first option when the prompt quotes nothing any option renders; ``None`` when there is no option.

    >>> t = tiny_trace([("A1", "", "no deal today"), ("A2", "", "no deal"), ("A1", "", "calm at the port"),
    ...                 ("A2", "", "calm at the port")])
    >>> preselect_statement(t, statement_options(t), "Which outlet quotes 'calm at the port'?")
    'S2'
    """
    if not options:
        return None
    ids = [sid for _, sid in options]
    hits: Counter = Counter()
    for words in quoted_words(prompt):
        for sid, text in zip(trace["statement_id"], trace["text"]):
            if sid in ids and f" {words} " in f" {clean_quote(text)} ":
                hits[sid] += 1
    return max(ids, key=lambda sid: (hits[sid], -ids.index(sid))) if hits else ids[0]
