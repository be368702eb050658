"""A transparent baseline: labels any sentence by a table of rules, and says which rule and which words decided.

It is deliberately simple, so students can argue with it. The rules are the
rows of :data:`RULES`, tried in order; the first that fires decides, and the
guess carries the rule's name and the cue words that fired
(:func:`explain_label`; :func:`rule_table` shows the table):

1. a headline that asks or exclaims (``?``, ``!``): ``loaded_framing``;
2. a headline with a loaded word in the writer's voice: ``loaded_framing``;
3. a question in the writer's voice: ``speculation`` (a question that guesses);
4. an evaluative reporting verb with a word of force ("swiftly debunked"): ``loaded_framing``;
5. a quotation mark, a reporting verb (not negated: "has not commented" is a
   fact) or a vague source ("analysts say"): ``attributed_statement``;
6. a future cue ("will", "is expected to"): ``prediction``;
7. a modal of possibility before an action verb ("could alter"): ``prediction``;
8. a hedge, an inference or a conditional ("probably", "reflects", "if"): ``speculation``;
9. an evaluative word or a certainty marker ("important", "it is clear"): ``opinion``;
10. a loaded word ("regime", "gleeful"): ``loaded_framing``;
11. otherwise ``verifiable_fact`` (the cue says whether a number or date was seen).

From rule 2 on, a cue counts only in the **writer's voice**: words inside
quotation marks are the speaker's, so "fake news" in a quoted denial makes the
sentence an attributed statement, not the writer's framing. No model, no
download: the words are the kit's lexicon (:mod:`kit.core.lexicon`), the same
words the framing measures count, extended by a case's ``lexicon.csv``.
Boilerplate (page text such as share prompts, :mod:`kit.core.boilerplate`) is
no claim: :func:`guess_sentences` leaves it out.

>>> guess_label("Peskov swiftly debunked these reports.")
('loaded_framing', "verdict verb: 'debunked', 'swiftly'")
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..core import lexicon
from ..core.boilerplate import BOILERPLATE
from ..core.case import resolve_case
from .key import claim_key

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?|(?<!\w)‘[^’]*’(?!\w)|^'[^']*'?")
_NUMBER = re.compile(r"\d")
_GUESS_AFTER_MODAL = re.compile(r"\s+(?:well\s+|also\s+|only\s+)?(?:be|have\s+been|have\s+had|have\s+\w+ed)\b", re.I)
_NEGATED = re.compile(r"(?:\bnot|\bnever|n[’']t|\bno|\bdeclined\s+to|\brefused\s+to)\s+(?:\w+\s+){0,2}$", re.I)
CUE_GROUPS = {
    "reporting": lexicon.REPORTING_KINDS,
    "evaluative_reporting": ("reporting_evaluative",),
    "force": ("loaded_intensifier", "loaded_emotive"),
    "loaded": lexicon.LOADED_KINDS,
    "vague_source": ("vague_source",),
    "future": ("future",),
    "modal": ("modal",),
    "speculative": ("hedge", "inference", "conditional"),
    "evaluative": ("opinion", "certainty"),
}
"""The lexicon kinds behind each group of cue words the rules look for."""


class Reading(NamedTuple):
    """What the rules see of one text: the text, the writer's voice and whether it is a headline."""

    text: str
    voice: str  # the text with quoted passages blanked: the writer's own words
    headline: bool
    root: str


class Guess(NamedTuple):
    """A baseline label with the rule that decided it and the cue words that fired."""

    label: str
    rule: str
    cues: tuple[str, ...]

    @property
    def cue(self) -> str:
        """The rule and its cue words in one line, e.g. ``"hedge or inference: 'probably'"``."""
        return f"{self.rule}: {', '.join(repr(c) for c in self.cues)}" if self.cues else self.rule


@lru_cache(maxsize=16)
def _patterns(root: str) -> dict[str, re.Pattern[str] | None]:
    near = lexicon.near_quote_verbs(root or None)
    out = {}
    for group, kinds in CUE_GROUPS.items():
        found = [w for w in lexicon.words(kinds, root or None) if w not in near]
        out[group] = lexicon.word_pattern(found)
    return out


def cue_words(group: str, text: str, root: str = "") -> tuple[str, ...]:
    """Return the words of one cue group (a key of :data:`CUE_GROUPS`) found in ``text``, in order.

    >>> cue_words("speculative", "It probably reflects a deal, if any.")
    ('probably', 'reflects', 'if')
    """
    pattern = _patterns(root)[group]
    found = pattern.finditer(text) if pattern is not None else ()
    return tuple(m.group(1) for m in found if not _is_month(text, m))


def _is_month(text: str, m: re.Match[str]) -> bool:
    """"May" with a capital next to a number ("5 May", "May 2025") is the month, not a modal."""
    return m.group(1) == "May" and bool(re.match(r"\s+\d", text[m.end():]) or re.search(r"\d\s+$", text[:m.start()]))


def writer_voice(text: str) -> str:
    """Blank the quoted passages of a text, keeping its length: what is left is the writer's own words.

    >>> writer_voice('He called it “fake news” on Monday.')
    'He called it             on Monday.'
    """
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def _ends_with(text: str, marks: str) -> str:
    end = text.rstrip("”\"’'*) ")
    return end[-1] if end and end[-1] in marks else ""


def _headline_asks(r: Reading) -> tuple[str, ...]:
    mark = _ends_with(r.text, "?!") if r.headline else ""
    return (mark,) if mark else ()


def _headline_loaded(r: Reading) -> tuple[str, ...]:
    return cue_words("loaded", r.voice, r.root) if r.headline else ()


def _question(r: Reading) -> tuple[str, ...]:
    mark = _ends_with(r.voice, "?")  # a question inside quotation marks is someone's words (rule "attribution")
    return (mark,) if mark else ()


def _verdict_verb(r: Reading) -> tuple[str, ...]:
    verbs, force = cue_words("evaluative_reporting", r.voice, r.root), cue_words("force", r.voice, r.root)
    return verbs + force if verbs and force else ()


def _reported_verbs(r: Reading) -> tuple[str, ...]:
    pattern = _patterns(r.root)["reporting"]
    found = pattern.finditer(r.voice) if pattern is not None else ()
    return tuple(m.group(1) for m in found if not _NEGATED.search(r.voice[: m.start()]))


def _attributed(r: Reading) -> tuple[str, ...]:
    quoted = ("quotation mark",) if r.voice != r.text else ()
    vague = tuple(w for w in cue_words("vague_source", r.voice, r.root) if len(w.split()) > 1)  # "rumours" alone asserts nothing
    return quoted + _reported_verbs(r) + vague


def _future(r: Reading) -> tuple[str, ...]:
    return cue_words("future", r.voice, r.root)


def _modal_forecast(r: Reading) -> tuple[str, ...]:
    pattern = _patterns(r.root)["modal"]
    inference = _patterns(r.root)["speculative"]
    out = []
    for m in pattern.finditer(r.voice) if pattern is not None else ():
        if _is_month(r.voice, m):
            continue
        after = r.voice[m.end():]
        guessing = _GUESS_AFTER_MODAL.match(after) or (inference is not None and inference.match(after.lstrip()))
        if not guessing and re.match(r"\s+(?:\w+\s+)?[a-z]", after):
            out.append(m.group(1) + " " + after.split()[0])
    return tuple(out)


def _speculative(r: Reading) -> tuple[str, ...]:
    return cue_words("speculative", r.voice, r.root) + cue_words("modal", r.voice, r.root)


def _evaluative(r: Reading) -> tuple[str, ...]:
    return cue_words("evaluative", r.voice, r.root)


def _loaded(r: Reading) -> tuple[str, ...]:
    return cue_words("loaded", r.voice, r.root)


class Rule(NamedTuple):
    """One row of the rule table: a name, the label it gives, what it looks for, and the test."""

    name: str
    label: str
    condition: str
    test: Callable[[Reading], tuple[str, ...]]


RULES: tuple[Rule, ...] = (
    Rule("question headline", "loaded_framing", "a headline that ends in ? or !", _headline_asks),
    Rule("loaded headline", "loaded_framing", "a headline with a loaded word in the writer's voice", _headline_loaded),
    Rule("question mark", "speculation", "the text ends in ? (a question that guesses)", _question),
    Rule("verdict verb", "loaded_framing", "an evaluative reporting verb with a word of force or emotion "
         "('swiftly debunked')", _verdict_verb),
    Rule("attribution", "attributed_statement", "a quotation mark, a reporting verb that is not negated, "
         "or a vague source ('analysts say')", _attributed),
    Rule("future", "prediction", "a future cue in the writer's voice ('will', 'is expected to')", _future),
    Rule("modal forecast", "prediction", "a modal of possibility before an action verb ('could alter'; "
         "'could be' is a guess)", _modal_forecast),
    Rule("hedge or inference", "speculation", "a hedge, an inference or a conditional in the writer's voice "
         "('probably', 'reflects', 'if')", _speculative),
    Rule("evaluative word", "opinion", "an evaluative word or a certainty marker in the writer's voice "
         "('important', 'it is clear')", _evaluative),
    Rule("loaded word", "loaded_framing", "a loaded label, discrediting, forceful or emotive word in the "
         "writer's voice ('regime', 'gleeful')", _loaded),
)
"""The rule table, in order: the first rule whose test finds cue words decides."""


def rule_table():
    """Return the rule table as a DataFrame: ``order, rule, label, condition`` (the default rule last).

    >>> rule_table().iloc[-1][["rule", "label"]].tolist()
    ['no cue', 'verifiable_fact']
    """
    import pandas as pd

    rows = [(i, r.name, r.label, r.condition) for i, r in enumerate(RULES, start=1)]
    rows.append((len(RULES) + 1, "no cue", "verifiable_fact", "none of the rules above fires"))
    return pd.DataFrame(rows, columns=["order", "rule", "label", "condition"])


def explain_label(text: str, root: str | Path | None = None, *, headline: bool = False) -> Guess:
    """Label one sentence or claim by the rule table; return the label, the rule and the cue words.

    Args:
        text: a sentence or claim.
        root: a case folder whose ``lexicon.csv`` adds words (the kit's words alone when ``None``).
        headline: the text is (part of) a headline, which rules 1 and 2 read.

    >>> explain_label("Council Strike Talks Collapse Again?", headline=True)
    Guess(label='loaded_framing', rule='question headline', cues=('?',))
    >>> explain_label("The strike probably reflects anger over pay.").cues
    ('probably', 'reflects')
    """
    stripped = text.strip()
    reading = Reading(stripped, writer_voice(stripped), headline, str(root or ""))
    for rule in RULES:
        cues = tuple(dict.fromkeys(rule.test(reading)))
        if cues:
            return Guess(rule.label, rule.name, cues)
    return Guess("verifiable_fact", "no cue; has a number" if _NUMBER.search(stripped) else "no cue (default)", ())


def guess_label(text: str, root: str | Path | None = None, *, headline: bool = False) -> tuple[str, str]:
    """Label one sentence or claim from its cue words; return ``(label, cue)`` (see :func:`explain_label`).

    Args:
        text: a sentence or claim.
        root: a case folder whose ``lexicon.csv`` adds words (the kit's words alone when ``None``).
        headline: the text is (part of) a headline.

    >>> guess_label("Could Moscow be aiming to avoid overstepping diplomatic protocols?")
    ('speculation', "question mark: '?'")
    >>> guess_label("Trump spoke with Putin on Thursday, people familiar with the call said.")
    ('attributed_statement', "attribution: 'said', 'people familiar with'")
    >>> guess_label("Russia launched a record 145 drones.")
    ('verifiable_fact', 'no cue; has a number')
    """
    guess = explain_label(text, root, headline=headline)
    return guess.label, guess.cue


GUESS_COLUMNS = ["file", "sentence_id", "text", "label", "cue", "rule", "cues"]
"""The columns of :func:`guess_sentences`."""


def guess_sentences(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Label every sentence of a case with the baseline, boilerplate left out (works with or without a key).

    Returns:
        A DataFrame with :data:`GUESS_COLUMNS`: ``rule`` is the rule that decided,
        ``cues`` the words that fired (joined by ``"; "``).

    >>> guesses = guess_sentences()
    >>> sentences = __import__("kit").load_case().sentences
    >>> guesses.columns.tolist()[:5], len(guesses) == int((sentences["kind"] != "boilerplate").sum())
    (['file', 'sentence_id', 'text', 'label', 'cue'], True)
    """
    import pandas as pd

    loaded = resolve_case(case)
    report = loaded.sentences[loaded.sentences["kind"] != BOILERPLATE]
    rows = []
    for file, sid, text, kind in zip(report["file"], report["sentence_id"], report["text"], report["kind"]):
        g = explain_label(text, loaded.path, headline=kind == "headline")
        rows.append((file, sid, text, g.label, g.cue, g.rule, "; ".join(g.cues)))
    return pd.DataFrame(rows, columns=GUESS_COLUMNS)


def baseline_vs_key(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Put the baseline's label for each claim of the key beside the key's label.

    Every claim of the key is labelled (a claim the key chose in page text too),
    from its quote and whether its sentence is a headline.

    Returns:
        A DataFrame with ``id, quote, key, baseline, cue, rule, agree``.

    >>> table = baseline_vs_key()
    >>> bool(0.2 < table["agree"].mean() < 0.9)
    True
    """
    loaded = resolve_case(case)
    key = claim_key(loaded)
    kinds = loaded.sentences.set_index("sentence_id")["kind"]
    out = key[["id", "quote", "label"]].rename(columns={"label": "key"}).copy()
    guesses = [explain_label(q, loaded.path, headline=kinds.get(sid) == "headline")
               for q, sid in zip(key["quote"], key["sentence_id"])]
    out["baseline"] = [g.label for g in guesses]
    out["cue"] = [g.cue for g in guesses]
    out["rule"] = [g.rule for g in guesses]
    out["agree"] = out["key"] == out["baseline"]
    return out.reset_index(drop=True)
