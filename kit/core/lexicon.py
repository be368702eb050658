"""The kit's words, as data: one lexicon that every analysis reads.

Every word list of the kit lives in ``lexicon.csv`` beside this module
(columns ``kind,word,value,note``), and this module is its only reader. The
framing measures, quote attribution, the claim baseline, provenance and the
timeline cues all ask it for the kinds they need, so the course cannot call
a word neutral in one lesson and evaluative in another.

A case may extend it: a ``lexicon.csv`` in the case folder with the columns
``kind,word`` (and optionally ``value,note``) adds words, or moves a word to
another kind of the same family (say, makes ``warned`` neutral). Its kinds are
those of :data:`KINDS`, plus ``loaded`` for a loaded word of no particular
subtype.

Families group kinds that must not share a word: a word is either a neutral or
an evaluative reporting verb, never both, and a reporting verb is not also a
loaded word (the ``judgement`` family). Other families (time cues, words used
to read names) may repeat a word of another family: "would" is a conditional
and a future-in-the-past cue.

The reporting-verb rule follows news style guides and the CheckThat!
subjectivity guidelines: "said" is neutral, and a verb that characterises the
statement (its truth, the speaker's manner or motive) is the writer's tone.
Hedges and certainty markers follow the "hedges" and "boosters" of K. Hyland,
*Metadiscourse* (2005). Every list was written for the kit, short on purpose
so that students can read it and argue with it; no third-party lexicon is
copied.

>>> "said" in words("reporting_neutral"), "debunked" in words("reporting_evaluative")
(True, True)
>>> word_pattern(["fake news", "’ll"]).findall("It is fake  news, we’ll see")
['fake  news', '’ll']
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import CaseError
from .tables import read_table

if TYPE_CHECKING:
    import pandas as pd

KINDS: dict[str, tuple[str, str]] = {
    "reporting_neutral": ("judgement", "a verb that reports that words were spoken without judging them ('said')"),
    "reporting_evaluative": ("judgement", "a verb that characterises the statement or its speaker ('claimed', 'insisted')"),
    "hedge": ("judgement", "a word by which the writer holds back from asserting ('reportedly', 'may')"),
    "certainty": ("judgement", "a word by which the writer insists that something is so ('clearly')"),
    "loaded_label": ("judgement", "a name that casts a person, state or group in a bad light ('regime')"),
    "loaded_discrediting": ("judgement", "a word that calls information or its source false ('fake news')"),
    "loaded_intensifier": ("judgement", "a word that adds force or approval the facts do not need ('swiftly')"),
    "loaded_emotive": ("judgement", "a word chosen to stir a feeling rather than inform ('gleeful')"),
    "loaded": ("judgement", "a loaded word of no particular subtype (for a case's own lexicon.csv)"),
    "opinion": ("judgement", "an evaluative word in the writer's own voice ('should', 'important')"),
    "inference": ("judgement", "a word by which the writer reads a motive, cause or meaning into events ('reflects', 'seeks to')"),
    "modal": ("modality", "a modal of possibility: before an action verb it forecasts ('could alter'), before 'be' it guesses ('may be')"),
    "conditional": ("modality", "a word that makes a statement conditional or open ('if', 'whether')"),
    "negation": ("modality", "a word that turns a statement into its opposite ('not', 'never'); words in n't count too"),
    "future": ("time", "a cue that a statement is about the future ('will', 'is expected to')"),
    "future_in_past": ("time", "a cue for the future of a weekday only ('would meet on Thursday')"),
    "unlikely": ("time", "a cue that a time is doubted, not asserted ('impossible', 'hardly')"),
    "past": ("time", "an irregular past-tense verb that puts a weekday in its clause in the past ('met', 'began'); -ed verbs count without a row"),
    "title": ("names", "a word of a title or affiliation dropped from a speaker's name ('spokesperson')"),
    "function_word": ("names", "a word that cannot begin a speaker's name ('however', 'the')"),
    "not_speaker": ("names", "a capitalised word before a reporting verb that is no speaker ('They', 'However'); day and month names count too"),
    "pronoun": ("names", "a pronoun that stands for a speaker named before; value: 'person' or 'group' ('she', 'they')"),
    "organisation": ("names", "a word that makes a name an organisation, not a person; value: 'outlet' or 'group' ('Times', 'union')"),
    "doubt_marker": ("questions", "a word that makes a yes/no question presuppose doubt ('really', 'actually')"),
    "motive_question": ("questions", "a question word that, after a statement, asks for its motive ('why', 'how')"),
    "open_question": ("questions", "a question word that takes what it asks about as given ('why', 'what', 'who')"),
    "stopword": ("matching", "a word too common to tell two quotations apart ('the', 'is')"),
    "place": ("places", "a place or zone name; value: its IANA time zone ('Europe/Moscow')"),
    "generic_count": ("numbers", "a noun whose count differs between reports without contradiction ('days', 'times')"),
    "first_report": ("sources", "a phrase that credits someone with reporting a story first ('first reported')"),
    "vague_source": ("sources", "a source a reader cannot check, because it names no one ('experts say', 'sources close to')"),
    "boilerplate": ("page", "a phrase of the page around the article, not of its report ('leave a comment', 'share this')"),
    "role_cue": ("roles", "a word that places a title in time; value: past ('former'), stage ('candidate': never a courtesy title), or the role word a present-tense wording claims ('running for' -> candidate)"),
    "synonym": ("events", "a word that names the same thing as others when a sentence is matched to an event; value: the group ('vote' -> election)"),
}
"""Every kind of the lexicon: ``kind -> (family, what it means)``."""

LOADED_KINDS = ("loaded_label", "loaded_discrediting", "loaded_intensifier", "loaded_emotive", "loaded")
REPORTING_KINDS = ("reporting_neutral", "reporting_evaluative")
NEAR_QUOTE = "near_quote"
"""The ``value`` of a reporting verb that counts only right beside a quotation ("claims", "states")."""

_PACKAGE_FILE = Path(__file__).with_name("lexicon.csv")


class Entry(NamedTuple):
    """One word of the lexicon."""

    kind: str
    word: str
    value: str
    note: str
    source: str  # "kit" or "lexicon.csv" (the case's)


def key(word: str) -> str:
    """Normalise a word for lookup: lower case, ’ as ', single spaces.

    >>> key("Made  it  CLEAR"), key("we’ll")
    ('made it clear', "we'll")
    """
    return " ".join(word.replace("’", "'").lower().split())


def _rows(path: Path, label: str, problems: list[str], *, case: bool) -> list[Entry]:
    out = []
    for line, values in read_table(path, label, ["kind", "word"], None, problems) or []:
        kind, word = values["kind"].strip(), " ".join(values["word"].split())
        if kind not in KINDS:
            problems.append(f"{label}, line {line}, field 'kind': {kind!r} is not a kind; "
                            f"use one of {', '.join(KINDS)}.")
        elif not re.search(r"\w", word):
            problems.append(f"{label}, line {line}, field 'word' is empty; write the word or phrase to look for.")
        else:
            out.append(Entry(kind, word, values.get("value", "").strip(), values.get("note", "").strip(),
                             "lexicon.csv" if case else "kit"))
    return out


@lru_cache(maxsize=1)
def kit_entries() -> tuple[Entry, ...]:
    """Return the kit's own lexicon (read once per process).

    >>> len(kit_entries()) > 300
    True
    """
    problems: list[str] = []
    entries = _rows(_PACKAGE_FILE, "kit/core/lexicon.csv", problems, case=False)
    if problems:  # pragma: no cover - the shipped file is tested
        raise ValueError(problems[0])
    return tuple(entries)


def validate_lexicon(root: str | Path, problems: list[str]) -> list[Entry]:
    """Read a case's ``lexicon.csv``, appending one sentence per problem; ``[]`` when it has none.

    >>> validate_lexicon(Path("/nonexistent"), [])
    []
    """
    path = Path(root) / "lexicon.csv"
    if not path.is_file():
        return []
    return _rows(path, f"{Path(root).name}/lexicon.csv", problems, case=True)


def _stamp(root: Path) -> int:
    path = root / "lexicon.csv"
    return path.stat().st_mtime_ns if path.is_file() else 0


@lru_cache(maxsize=16)
def _merged(root: str, stamp: int) -> tuple[Entry, ...]:
    merged = {(KINDS[e.kind][0], key(e.word)): e for e in kit_entries() if KINDS[e.kind][0] in _EXCLUSIVE}
    shared = [e for e in kit_entries() if KINDS[e.kind][0] not in _EXCLUSIVE]
    problems: list[str] = []
    for entry in validate_lexicon(Path(root), problems) if root else []:
        family = KINDS[entry.kind][0]
        slot = (family, key(entry.word))
        if family not in _EXCLUSIVE:
            shared.append(entry)
        elif entry.kind == "loaded" and slot in merged and merged[slot].kind in LOADED_KINDS:
            continue  # the kit already knows the word, with its subtype
        else:
            merged[slot] = entry
    if problems:
        raise CaseError(problems[0])
    return tuple(merged.values()) + tuple(shared)


_EXCLUSIVE = {"judgement"}
"""Families in which a word has exactly one kind (a case's word moves it there)."""


def entries(root: str | Path | None = None) -> tuple[Entry, ...]:
    """Return the lexicon in effect: the kit's words plus a case folder's ``lexicon.csv`` (read once).

    Args:
        root: a case folder, or ``None`` for the kit's words alone.

    Raises:
        CaseError: when the case's ``lexicon.csv`` is malformed.
    """
    if root is None:
        return _merged("", 0)
    root = Path(root)
    return _merged(str(root), _stamp(root))


def words(kinds: str | tuple[str, ...] | list[str], root: str | Path | None = None) -> dict[str, str]:
    """Return ``{word: kind}`` for one kind or several, the case's additions included.

    >>> words("reporting_neutral")["said"]
    'reporting_neutral'
    """
    wanted = {kinds} if isinstance(kinds, str) else set(kinds)
    return {key(e.word): e.kind for e in entries(root) if e.kind in wanted}


def near_quote_verbs(root: str | Path | None = None) -> frozenset[str]:
    """Return the reporting verbs that count only right beside a quotation (value ``near_quote``).

    >>> {"claims", "states"} <= near_quote_verbs()
    True
    """
    return frozenset(key(e.word) for e in entries(root) if e.kind in REPORTING_KINDS and e.value == NEAR_QUOTE)


def values(kind: str, root: str | Path | None = None) -> dict[str, str]:
    """Return ``{word: value}`` for one kind (e.g. ``place`` -> time zone).

    >>> values("place")["moscow"]
    'Europe/Moscow'
    """
    return {key(e.word): e.value for e in entries(root) if e.kind == kind}


def word_pattern(word_list, *, flags: int = re.I) -> re.Pattern[str] | None:
    """One regex for a list of words: longest first, whole words, any white space, ’ for '.

    Group 1 is the matched word. An entry that starts with an apostrophe
    ("’ll") attaches to the word before it; every other entry stands alone.
    ``None`` when the list is empty.

    >>> word_pattern(["it is clear", "clear"]).search("So it is  clear.").group(1)
    'it is  clear'
    """
    parts = []
    for w in sorted({key(w) for w in word_list}, key=lambda w: (-len(w), w)):
        tokens = [re.escape(t).replace("'", "['’]") for t in w.split()]
        if not tokens:
            continue
        body = r"\s+".join(tokens)
        parts.append(body if w[0] == "'" else r"(?<![\w’'-])" + body)
    if not parts:
        return None
    return re.compile("(" + "|".join(parts) + r")(?![\w-])", flags)


def lexicon_table(root: str | Path | None = None) -> pd.DataFrame:
    """Return the lexicon in effect as a table: ``family, kind, word, value, note, source``.

    >>> table = lexicon_table()
    >>> table.set_index("word").loc["reportedly", "kind"]
    'hedge'
    """
    import pandas as pd

    rows = [(KINDS[e.kind][0], e.kind, key(e.word), e.value, e.note, e.source) for e in entries(root)]
    return pd.DataFrame(rows, columns=["family", "kind", "word", "value", "note", "source"])
