"""The lexicon is data every analysis reads, and the course's prose agrees with it.

The prose check reads the seeds' keys and the notebooks for statements that
call a quoted reporting verb neutral or evaluative ("the neutral verb 'said'",
"'claimed' (evaluative)", "'insist', where 'say' would be neutral") and asserts
that ``kit/core/lexicon.csv`` gives the verb the same kind.
"""

from __future__ import annotations

import csv
import inspect
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

import kit
from helpers import ROOT, copy_seeds
from kit.core import lexicon

LEXICON_FILE = ROOT / "kit" / "core" / "lexicon.csv"
LABELS = {"neutral": "reporting_neutral", "evaluative": "reporting_evaluative"}
OPPOSITE = {"neutral": "evaluative", "evaluative": "neutral"}
PROSE_COLUMNS = {"claims.csv": ("rationale",), "questions.csv": ("prompt", "explanation", "hint")}
NOTEBOOK_FOLDERS = ("lessons", "solutions", "assessments/key")


# --- the file itself ---------------------------------------------------------------------


def lexicon_rows() -> list[tuple[int, dict[str, str]]]:
    with open(LEXICON_FILE, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["kind", "word", "value", "note"]
        return [(reader.line_num, row) for row in reader]


def test_lexicon_rows_are_well_formed():
    problems = []
    for line, row in lexicon_rows():
        if row["kind"] not in lexicon.KINDS:
            problems.append(f"line {line}: {row['kind']!r} is not a kind of kit.core.lexicon.KINDS")
        if not row["word"].strip() or row["word"] != row["word"].strip():
            problems.append(f"line {line}: the word {row['word']!r} is empty or has spaces around it")
        if None in row or any(v is None for v in row.values()):
            problems.append(f"line {line}: the row has a different number of fields from the header")
    assert not problems, "\n".join(problems)
    assert len(lexicon.kit_entries()) == len(lexicon_rows())


def test_no_word_is_listed_twice_under_one_kind():
    seen: dict[tuple[str, str], int] = {}
    problems = []
    for line, row in lexicon_rows():
        slot = (row["kind"], lexicon.key(row["word"]))
        if slot in seen:
            problems.append(f"line {line}: {row['word']!r} is already a {row['kind']} on line {seen[slot]}")
        seen.setdefault(slot, line)
    assert not problems, "\n".join(problems)


def test_a_word_has_one_kind_in_the_judgement_family():
    kinds: dict[str, dict[str, int]] = defaultdict(dict)
    for line, row in lexicon_rows():
        if lexicon.KINDS.get(row["kind"], ("",))[0] == "judgement":
            kinds[lexicon.key(row["word"])].setdefault(row["kind"], line)
    clashes = [f"{word!r}: " + ", ".join(f"{k} (line {n})" for k, n in found.items())
               for word, found in sorted(kinds.items()) if len(found) > 1]
    assert not clashes, "a word of the judgement family must have one kind:\n" + "\n".join(clashes)


def test_every_kind_is_used_and_documented():
    used = {row["kind"] for _, row in lexicon_rows()}
    assert used <= set(lexicon.KINDS)
    assert set(lexicon.KINDS) - used <= {"loaded"}, "only 'loaded' is for a case's own lexicon"
    assert all(meaning for _, meaning in lexicon.KINDS.values())


# --- a case's lexicon extends every analysis ----------------------------------------------


NEW_WORD = "flabbergasting"
SENTENCE_WITH_NEW_WORD = "The talks were flabbergasting."


@pytest.fixture(scope="module")
def case_with_a_new_loaded_word(tmp_path_factory):
    case = copy_seeds(tmp_path_factory.mktemp("lexicon"))
    (case / "lexicon.csv").write_text(f"kind,word\nloaded,{NEW_WORD}\n", encoding="utf-8")
    article = case / "articles" / "000_8979a4af9e96a01f.txt"
    article.write_text(article.read_text(encoding="utf-8").rstrip("\n") + "\n" + SENTENCE_WITH_NEW_WORD + "\n",
                       encoding="utf-8")
    return case


def test_a_case_word_is_in_the_lexicon_of_that_case_only(case_with_a_new_loaded_word):
    case = case_with_a_new_loaded_word
    assert lexicon.words(lexicon.LOADED_KINDS, root=case)[NEW_WORD] == "loaded"
    assert NEW_WORD not in lexicon.words(lexicon.LOADED_KINDS)
    assert NEW_WORD not in lexicon.words(lexicon.LOADED_KINDS, root=kit.seeds_dir())


def test_a_case_word_reaches_the_claim_baseline(case_with_a_new_loaded_word):
    case = case_with_a_new_loaded_word
    if "case" in inspect.signature(kit.guess_label).parameters:
        label, cue = kit.guess_label(SENTENCE_WITH_NEW_WORD, case=case)
    else:  # guess_label reads one text; guess_sentences labels a whole case
        guesses = kit.guess_sentences(case)
        row = guesses[guesses["text"] == SENTENCE_WITH_NEW_WORD]
        assert len(row) == 1, "the added sentence is not a sentence of the case"
        label, cue = row.iloc[0]["label"], row.iloc[0]["cue"]
    assert label == "loaded_framing" and NEW_WORD in cue, (label, cue)
    assert kit.guess_label(SENTENCE_WITH_NEW_WORD)[0] != "loaded_framing", "the kit itself does not know the word"


# --- finding what the prose says about a verb -----------------------------------------------


_QUOTED = re.compile(
    r"(?<![\w'])'((?:[^'\n]|'(?=\w))+?)'(?!\w)"  # 'said' (an apostrophe inside is followed by a letter)
    r"|(?<!\w)‘((?:[^’\n]|’(?=\w))+?)’(?!\w)"  # ‘said’
    r'|"([^"\n]+?)"'  # "said"
    r"|“([^”\n]+?)”"  # “said”
)
_LABEL = re.compile(r"\b(neutral|evaluative)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|hardly)\s+(?:(?:a|an|the|so|very|quite|really|merely|mildly)\s+)?$", re.I)
_CLAUSE_BREAK = re.compile(r";|:\s|\s[—–]\s|,\s+(?:where|while|whereas|but)\b|\s+(?:against|whereas|but)\s+", re.I)
_LIST_GLUE = re.compile(r"^[\s,()/]*(?:(?:and|or)\s+)?[\s,()/]*$")
_SENTENCE_END = re.compile(r"[.!?][\"”’')*]*(?=\s+[\"“‘'(*\[]*[A-Z])")


@dataclass(frozen=True)
class Verdict:
    """What a sentence says about one reporting verb."""

    word: str  # the verb as the lexicon keys it ("according to")
    label: str  # "neutral" or "evaluative"
    quoted: str  # the quoted text the verb was read from


def split_prose(text: str) -> list[str]:
    """Split prose into sentences (and lines), keeping ids like ``A3.S6`` and ``Nov. 10`` whole.

    >>> split_prose("He said 'no.' A3.S6 says so on Nov. 10.\\n- 'denied' is evaluative")
    ["He said 'no.'", 'A3.S6 says so on Nov. 10.', "- 'denied' is evaluative"]
    """
    out = []
    for line in text.splitlines():
        start = 0
        for m in _SENTENCE_END.finditer(line):
            out.append(line[start:m.end()])
            start = m.end()
        out.append(line[start:])
    return [s.strip() for s in out if s.strip()]


def reporting_verb(quoted: str, verbs: dict[str, str]) -> str | None:
    """The reporting verb a quoted passage is or begins with (the longest), or ``None``.

    >>> verbs = {"said": "reporting_neutral", "according to": "reporting_neutral"}
    >>> reporting_verb("Said", verbs), reporting_verb("According to Peskov", verbs), reporting_verb("rumors", verbs)
    ('said', 'according to', None)
    """
    words = lexicon.key(quoted.strip(" .,;:!?*_")).split()
    for n in range(len(words), 0, -1):
        if " ".join(words[:n]) in verbs:
            return " ".join(words[:n])
    return None


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return spans


def _groups(quotes: list[tuple[int, int, str]], sentence: str) -> list[list[tuple[int, int, str]]]:
    """Quotes joined only by commas, brackets, "and" or "or" form one list ("X", "Y" and "Z")."""
    groups: list[list[tuple[int, int, str]]] = []
    for q in quotes:
        if groups and _LIST_GLUE.match(sentence[groups[-1][-1][1]:q[0]]):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def verb_verdicts(sentence: str, verbs: dict[str, str]) -> list[Verdict]:
    """Every reporting verb a sentence calls neutral or evaluative.

    A label (``neutral``/``evaluative``, outside quotation marks) goes to the
    nearest quoted reporting verb in its clause, or to the whole list of quoted
    verbs nearest to it; ``not neutral`` means evaluative. A label with no
    quoted reporting verb in its clause says nothing about a verb.

    >>> verbs = {"said": "reporting_neutral", "claimed": "reporting_evaluative"}
    >>> verb_verdicts("The verb 'claimed', where 'said' would be neutral, shows doubt.", verbs)
    [Verdict(word='said', label='neutral', quoted='said')]
    """
    quotes = [(m.start(), m.end(), next(g for g in m.groups() if g is not None)) for m in _QUOTED.finditer(sentence)]
    inside = [(a, b) for a, b, _ in quotes]
    out: list[Verdict] = []
    for c_start, c_end in _clauses(sentence):
        here = [q for q in quotes if c_start <= q[0] and q[1] <= c_end]
        groups = [[q for q in g if reporting_verb(q[2], verbs)] for g in _groups(here, sentence)]
        groups = [g for g in groups if g]
        for m in _LABEL.finditer(sentence, c_start, c_end):
            if any(a <= m.start() < b for a, b in inside) or not groups:
                continue
            label = m.group(1).lower()
            if _NEGATION.search(sentence[c_start:m.start()]):
                label = OPPOSITE[label]
            nearest = min(groups, key=lambda g: min(abs(g[0][0] - m.end()), abs(m.start() - g[-1][1])))
            out.extend(Verdict(reporting_verb(q[2], verbs), label, q[2]) for q in nearest)
    return out


VERBS = {"said": "reporting_neutral", "say": "reporting_neutral", "according to": "reporting_neutral",
         "stating": "reporting_neutral", "claimed": "reporting_evaluative", "insist": "reporting_evaluative",
         "denied": "reporting_evaluative", "dismissed": "reporting_evaluative", "claiming": "reporting_evaluative"}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The headline reports it with the neutral verb 'Said', so it vouches for nothing", [("said", "neutral")]),
        ("'Denied' is neutral here.", [("denied", "neutral")]),
        ("‘Claimed’ (evaluative) signals doubt.", [("claimed", "evaluative")]),
        ('It uses evaluative reporting verbs ("claimed", "denied" and "dismissed") against 5 neutral ones',
         [("claimed", "evaluative"), ("denied", "evaluative"), ("dismissed", "evaluative")]),
        ("The verb “claimed”, where “said” would be neutral, signals doubt.", [("said", "neutral")]),
        ("Unnamed 'leaders', and 'insist', where 'say' would be neutral, shows the writer's view",
         [("say", "neutral")]),
        ("Introduced by the neutral 'According to Peskov', this is his complaint", [("according to", "neutral")]),
        ("'claimed' is not neutral", [("claimed", "evaluative")]),
        ("'dismissed' is a mildly evaluative verb, and 'rumors' is an odd word", [("dismissed", "evaluative")]),
        ("'Debunked' is a verdict; a neutral report would say he 'denied' them", [("denied", "neutral")]),
        ("A direct quotation with the neutral 'stating'; Cheung's words call Trump 'President'", [("stating", "neutral")]),
        ("The Post's and Trump's 'claimed' is evaluative", [("claimed", "evaluative")]),
        ("A neutral summary of the dispute", []),  # a label with no quoted verb says nothing
        ("'pure fiction' is evaluative", []),  # not a reporting verb
        ("Answer 'neutral' or 'evaluative' for 'said'", []),  # labels in quotation marks are answers, not labels
        ("It says 'claimed'. The next sentence is neutral.", []),  # the label's sentence quotes nothing
    ],
)
def test_verb_verdicts_on_invented_sentences(sentence, expected):
    found = [v for s in split_prose(sentence) for v in verb_verdicts(s, VERBS)]
    assert [(v.word, v.label) for v in found] == expected


# --- where the course's prose lives -----------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A piece of prose and where it is."""

    where: str
    text: str


def key_passages(root: Path = ROOT / "seeds") -> list[Passage]:
    """The prose of every key: rationale, prompt, explanation, hint and note columns."""
    out = []
    for path in sorted((root / "keys").glob("*.csv")):
        columns = PROSE_COLUMNS.get(path.name, ("note",))
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            for row in reader:
                for column in columns:
                    if row.get(column):
                        out.append(Passage(f"seeds/keys/{path.name}, row {row.get('id', '?')}, {column}",
                                           row[column]))
    return out


def notebook_passages() -> list[Passage]:
    """The markdown and code of every lesson, solution and assessment key."""
    out = []
    for folder in NOTEBOOK_FOLDERS:
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            for index, cell in enumerate(cells):
                if cell["cell_type"] in ("markdown", "code"):
                    out.append(Passage(f"{folder}/{path.name}, cell {index} ({cell['cell_type']})",
                                       "".join(cell["source"])))
    return out


def disagreements(passages: list[Passage], verbs: dict[str, str]) -> list[str]:
    """One line per statement about a verb that the lexicon contradicts."""
    out = []
    for passage in passages:
        for sentence in split_prose(passage.text):
            for verdict in verb_verdicts(sentence, verbs):
                if verbs[verdict.word] != LABELS[verdict.label]:
                    out.append(f"{passage.where}: calls {verdict.quoted!r} {verdict.label}, but the lexicon has "
                               f"{verdict.word!r} as {verbs[verdict.word]}\n      “{sentence}”")
    return out


def test_the_prose_is_read():
    verbs = lexicon.words(lexicon.REPORTING_KINDS)
    passages = key_passages() + notebook_passages()
    assert len({p.where.split(",")[0] for p in passages}) >= 10
    found = [v for p in passages for s in split_prose(p.text) for v in verb_verdicts(s, verbs)]
    assert len(found) >= 10, "the extractor finds (almost) no statement about a verb: it is broken"


@pytest.mark.parametrize("source", ["keys", "notebooks"])
def test_the_prose_agrees_with_the_lexicon(source):
    verbs = lexicon.words(lexicon.REPORTING_KINDS)
    passages = key_passages() if source == "keys" else notebook_passages()
    found = disagreements(passages, verbs)
    assert not found, (f"{len(found)} statements about reporting verbs disagree with kit/core/lexicon.csv "
                       "(correct the prose, or move the word in the lexicon):\n  " + "\n  ".join(found))
