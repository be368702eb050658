"""Attribution: where quotations are, who is speaking, by which verb, and whom a text cites.

One module for every skill that asks "who said this?": quote extraction
(lesson 02), the provenance graph and framing's voices all use it.

* **Quote spans** (:func:`find_spans`): every passage between quotation marks
  (“ ”, " ", ‘ ’, « ») in one paragraph. An apostrophe (’ followed by a letter,
  as in Trump’s) is not a quotation mark. A mark left open at the end of its
  paragraph, or a closing mark with no opening, is returned with a ``problem``.
* **Speaker and verb** (:func:`attribute`): the reporting verb nearest the quote
  in its sentence (after it: ``"...," he said``, ``"...," Ana Lopez, the
  minister, said``, ``"...," fire chief Ana Lopez said``; else before it), and
  the name next to that verb, titles dropped (:func:`person`); ``according to
  X`` names X. A pronoun (lexicon kind ``pronoun``) or a description ("the
  minister", "the union") is returned as such for the caller to resolve
  (:mod:`kit.quotes.speakers`); capitalised words of the ``not_speaker`` kind
  ("His", "Residents") name no one.
* **Citing phrases** (:func:`cited_sources`): "according to X", "citing X",
  "X reported", "a X report" / "X's report".

Words come from the lexicon (:mod:`kit.core.lexicon`): reporting verbs (both
kinds, and the ``near_quote`` ones such as "claims" that are verbs only next
to a quotation), ``title`` words and ``function_word`` words. Pass ``root``
(a case folder) so that a case's own ``lexicon.csv`` counts.

>>> attribute("“It is pure fiction,” Dmitry Peskov said.", 1, 19)
('Dmitry Peskov', 'said')
>>> [(s.start, s.end, s.problem) for s in find_spans("He said “no” and ‘maybe", 0, 23)]
[(9, 11, ''), (18, 23, 'the opening ‘ is never closed in its paragraph')]
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .core import lexicon

OPENERS = {"“": "”", '"': '"', "‘": "’", "«": "»"}
"""Opening quotation marks and the mark that closes each."""
CLOSERS = {"”", "’", "»"}
NAME = r"[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+)*"
"""A regex source for a run of capitalised words (a name)."""
PRONOUNS = frozenset(lexicon.words("pronoun"))
"""Pronouns that stand for a speaker named before (the lexicon's ``pronoun`` kind: "he", "she", "they")."""
DESCRIPTION = re.compile(r"^the ([a-z][\w-]*(?: [a-z][\w-]*){0,2})$")
"""A speaker given as a description ("the minister", "the club president"), resolved by the caller."""
_DESCRIBED = r"(?:[Tt]he\s+)([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})"
_CAPITAL_RUN = re.compile(r"(?:[A-Z][\w.’'-]*)(?:\s+(?:[A-Z][\w.’'-]*))*")
_ACCORDING = re.compile(r"(?i:according to)\s+(?:the\s+)?([^,;“\"]+)")


@dataclass(frozen=True)
class Span:
    """A quoted passage: ``raw[start:end]`` (without its marks), its opening mark, and a problem ("" if none)."""

    start: int
    end: int
    mark: str
    problem: str


def find_spans(raw: str, start: int, end: int) -> list[Span]:
    """Return the top-level quoted spans in ``raw[start:end]`` (one paragraph), unbalanced marks included."""
    spans: list[Span] = []
    open_mark: str | None = None
    open_at = 0
    for i in range(start, end):
        ch = raw[i]
        if open_mark is None:
            if ch in OPENERS and not (ch == "‘" and i + 1 < end and raw[i + 1] in "0123456789"):
                open_mark, open_at = ch, i
            elif ch in "”»":
                spans.append(Span(i, i, ch, f"a closing {ch} with no opening mark before it"))
        elif ch == OPENERS[open_mark]:
            nxt = raw[i + 1] if i + 1 < end else " "
            if not (ch == "’" and nxt.isalpha()):  # ’ before a letter is an apostrophe (Trump’s)
                spans.append(Span(open_at + 1, i, open_mark, ""))
                open_mark = None
    if open_mark is not None:
        spans.append(Span(open_at + 1, end, open_mark, f"the opening {open_mark} is never closed in its paragraph"))
    return spans


@lru_cache(maxsize=16)
def _words(root: str, kind: str) -> frozenset[str]:
    return frozenset(lexicon.words(kind, root or None))


def title_words(root: str | Path | None = None) -> frozenset[str]:
    """Return the words of titles and affiliations dropped from names ("spokesperson", "kremlin").

    >>> "spokesperson" in title_words()
    True
    """
    return _words(str(root or ""), "title")


def _function_words(root: str | Path | None = None) -> frozenset[str]:
    return _words(str(root or ""), "function_word")


def person(run: str, root: str | Path | None = None) -> str:
    """Drop titles and function words around a name.

    >>> person("Kremlin spokesperson Dmitry Peskov"), person("the Kremlin"), person("Transport Minister Ana Lopez")
    ('Dmitry Peskov', 'Kremlin', 'Ana Lopez')
    """
    return name_titles(run, root)[0]


def name_titles(run: str, root: str | Path | None = None) -> tuple[str, tuple[str, ...]]:
    """Split a run of capitalised words into a name and the title words around it (lower case).

    Everything up to the last title word goes when a name follows it
    ("Transport Minister Ana Lopez": the title is "transport minister").

    >>> name_titles("Club president Rui Lopes")
    ('Rui Lopes', ('club', 'president'))
    """
    titles, function = title_words(root), _function_words(root)
    words = [re.sub(r"(?<=[a-z])\.$", "", w.strip(",;:")) for w in run.split()]
    while words and words[0].lower() in function:
        words.pop(0)
    last_title = max((i for i, w in enumerate(words) if w.lower() in titles or f"{w.lower()}." in titles), default=-1)
    named, dropped = list(words), []
    if 0 <= last_title < len(words) - 1:
        dropped, named = words[: last_title + 1], words[last_title + 1:]
    while named and named[-1].lower() in titles:
        dropped.append(named.pop())
    if not named:  # an institution alone ("Kremlin") is a speaker too
        return " ".join(words), ()
    return " ".join(named), tuple(w.lower() for w in dropped)


_APPOSITION = re.compile(r",\s*([^,]{1,80}),\s*$")
"""A description between commas right before a verb, after a name: "Ana Ruiz, chief executive of Port Ltd,"."""


def _describes(segment: str, titles: set[str]) -> bool:
    """Whether a segment between commas describes the name before it (an age, a lower-case phrase, a title)."""
    first = segment.split()[0] if segment.split() else ""
    return bool(first) and (first[0].islower() or first[0].isdigit() or first.lower() in titles)


def speaker_near(before: str, root: str | Path | None = None) -> str:
    """Return the most plausible speaker named in a text that precedes a verb: a full name if there is one.

    >>> speaker_near("As Russian President Vladimir Putin, speaking to reporters,")
    'Vladimir Putin'
    >>> speaker_near("even as the Kremlin continues to")
    'Kremlin'
    >>> speaker_near("Ana Ruiz, chief executive of Port Lines,")
    'Ana Ruiz'
    """
    titles, function = title_words(root), _function_words(root)
    head = before
    while (appositive := _APPOSITION.search(head)) and _describes(appositive.group(1), titles):
        head = head[: appositive.start()] + ","  # "Ana Ruiz, 52, chief executive of Port Ltd, said": drop each description
    if head != before:
        named = speaker_near(head, root)
        if named:
            return named
    not_speaker = _words(str(root or ""), "not_speaker")
    found = [m for m in _CAPITAL_RUN.finditer(before)
             if not re.search(r"['’]s?$", m.group(0)) and m.group(0).lower() not in not_speaker]
    if found and found[-1].group(0).lower() not in function:
        gap = before[found[-1].end():].split()
        if len(gap) <= 3 and not any("," in w or w.lower() in titles for w in gap):
            return person(found[-1].group(0), root)  # the subject right before the verb ("the Kremlin continues to")
    runs = [person(m.group(0), root) for m in found]
    runs = [r for r in runs if r and r.lower() not in function]
    people = [r for r in runs if not all(w.lower() in titles for w in r.split())]
    for run in reversed(people):
        if len(run.split()) >= 2:
            return run
    if people:
        return people[-1]
    return runs[-1] if runs else ""


def according_name(phrase: str, root: str | Path | None = None) -> str:
    """Return the source named after "according to": a name if there is one, else the first words.

    >>> according_name("Kremlin spokesperson Dmitry Peskov"), according_name("the ministry")
    ('Dmitry Peskov', 'ministry')
    """
    named = speaker_near(phrase, root)
    if named:
        return named
    function = _function_words(root)
    words = phrase.strip(" .;:").split()
    while words and words[0].lower() in function:
        words.pop(0)
    return " ".join(words[:6])


@lru_cache(maxsize=16)
def _verb_patterns(root: str) -> tuple[re.Pattern[str], ...]:
    """Verb patterns of a case's lexicon: any reporting verb, and what may follow a quote.

    After a quote: "[speaker] verb [speaker]", "Name, <apposition>, verb" and "the <description> verb".
    """
    verbs = lexicon.words(lexicon.REPORTING_KINDS, root or None)
    alternatives = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    pronouns = "|".join(sorted(lexicon.words("pronoun", root or None), key=len, reverse=True))
    verb = re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])", re.I)
    after = re.compile(r"^(?:(" + pronouns + r"|" + NAME + r")\s+)?((?i:" + alternatives + r"))\b(?:\s+(" + NAME + r"))?")
    apposition = re.compile(r"^((?:[a-z][\w.-]*\s+){0,3}" + NAME + r")\s*(?:,\s*[^,“”\"]{1,80}?,)?\s*((?i:" + alternatives + r"))\b")
    described = re.compile(r"^" + _DESCRIBED + r"\s+((?i:" + alternatives + r"))\b")
    return verb, after, apposition, described


def reporting_verb_pattern(root: str | Path | None = None) -> re.Pattern[str]:
    """Return the regex of every reporting verb (group 1), a case's lexicon included.

    >>> reporting_verb_pattern().search("Peskov swiftly dismissed the report").group(1)
    'dismissed'
    """
    return _verb_patterns(str(root or ""))[0]


def attribute(sentence: str, q_start: int, q_end: int, root: str | Path | None = None) -> tuple[str, str]:
    """Return ``(speaker, verb)`` for a quote at ``[q_start, q_end)`` of a normalised sentence.

    The speaker is ``"he"``/``"she"``/``"they"`` when the text names no one
    (the caller resolves it); both are ``""`` when the sentence has no verb.
    """
    verb_re, after_re, apposition_re, described_re = _verb_patterns(str(root or ""))
    before = sentence[:q_start].rstrip(" “\"‘«")
    after = sentence[q_end:].lstrip(" ”\"’»,.")
    after_match = after_re.match(after)
    if after_match and after_match.group(2):
        who = after_match.group(1) or after_match.group(3) or _titled_name(after[after_match.end():], root)
        return (person(who, root) if who.lower() not in PRONOUNS else who.lower()), after_match.group(2).lower()
    for pattern, shown in ((apposition_re, lambda m: _titled_name(m.group(1), root)), (described_re, lambda m: f"the {m.group(1)}")):
        m = pattern.match(after)
        if m and shown(m):  # "“…,” Ana Lopez, the union's secretary, said" / "fire chief Ana Lopez said" / "the minister added"
            return shown(m), m.group(2).lower()
    according = list(_ACCORDING.finditer(before))
    blanked = re.sub(r"[“\"‘«][^”\"’»]*[”\"’»]", lambda m: " " * len(m.group(0)), before)
    verbs = [m for m in verb_re.finditer(blanked)
             if not _near_quote_only(m.group(1), root) or len(blanked[m.end():].split()) <= 2]
    if according and (not verbs or according[-1].start() >= verbs[-1].start()):
        name = according_name(according[-1].group(1), root)
        return (f"the {name}" if DESCRIPTION.match(f"the {name}") else name), "according to"
    if not verbs:
        return "", ""
    verb = verbs[-1]
    subject = before[: verb.start()]
    pronoun = re.search(r"\b(\w+)\s*$", subject.strip())
    if pronoun and pronoun.group(1).lower() in PRONOUNS:
        return pronoun.group(1).lower(), verb.group(1).lower()
    described = re.search(r"(?:^|\s)" + _DESCRIBED + r"\s*$", _without_adverbs(subject))
    if described and not _function_words(root) & set(described.group(1).split()):
        return f"the {described.group(1)}", verb.group(1).lower()  # "The union said": the caller resolves it
    if _common_noun_subject(subject, root):
        return "", verb.group(1).lower()  # "what officials describe as": an unnamed group speaks
    speaker = speaker_near(subject, root)
    function = _function_words(root)
    opener = not [w for w in re.findall(r"[A-Za-z]+", subject) if w.lower() not in function]
    if not speaker and opener:  # "Labeling the reports as “pure fiction,” Kremlin spokesperson Dmitry Peskov rejected..."
        speaker = speaker_near(" ".join(after.split()[:6]), root)
    return speaker, verb.group(1).lower()


def _titled_name(text: str, root: str | Path | None) -> str:
    """A name, alone or behind lower-case title words ("board chair Eleri Vaughan"), or "".

    >>> _titled_name("fire chief Ana Lopez", None), _titled_name("on Monday", None)
    ('Ana Lopez', '')
    """
    m = re.match(r"\s*((?:[a-z][\w.-]*\s+){0,3})(" + NAME + r")", text)
    if not m or (m.group(1) and m.group(1).split()[-1] not in title_words(root)):
        return ""
    return person(m.group(2), root)


def _without_adverbs(subject: str) -> str:
    """A subject without the adverbs before its verb ("the secretary later" -> "the secretary")."""
    words = subject.split()
    while words and (words[-1] in _AUXILIARIES or re.fullmatch(r"[a-z]+ly", words[-1])):
        words.pop()
    return " ".join(words)


_AUXILIARIES = {"has", "had", "have", "was", "were", "is", "are", "also", "then", "later", "once", "who", "which"}


def _common_noun_subject(subject: str, root: str | Path | None) -> bool:
    """Tell whether the word right before a verb is a lower-case noun ("officials describe"), not a name."""
    words = subject.split()
    if not words or not re.fullmatch(r"[a-z][a-z’'-]*", words[-1]):
        return False  # a capital, a comma or nothing: a name or a clause boundary
    last = words[-1]
    if len(words) > 1 and words[-2][:1].isupper() and words[-2].lower() not in _function_words(root):
        return False  # "Ana Lopez keeps calling": a verb after a name
    return last.endswith("s") and not (last in _AUXILIARIES or last in _function_words(root)
                                       or last in title_words(root))  # a plural: "officials", "sources"


def _near_quote_only(verb: str, root: str | Path | None) -> bool:
    return verb.lower() in _near_quote(str(root or ""))


@lru_cache(maxsize=16)
def _near_quote(root: str) -> frozenset[str]:
    return lexicon.near_quote_verbs(root or None)


_ORDINAL = re.compile(r"\b(?:the\s+)?(first|former|second|latter)\b", re.I)
_PAIR = re.compile(r"(" + NAME + r")\s+and\s+(?:the\s+)?(" + NAME + r")")


def ordinal_referent(before: str, previous: str) -> str:
    """Resolve "the first"/"the former" or "the second"/"the latter" before a quote to one of a pair just named.

    The pair is the last "X and Y" of capitalised names in the previous sentence;
    "" when there is no ordinal or no pair.

    >>> ordinal_referent('The first called it "', "It was denied by both the Kremlin and Kiev.")
    'Kremlin'
    >>> ordinal_referent('The first called it "no" while the second said it was "', "By the Kremlin and Kiev.")
    'Kiev'
    """
    ordinals = list(_ORDINAL.finditer(before))
    pairs = list(_PAIR.finditer(previous))
    if not ordinals or not pairs:
        return ""
    which = 0 if ordinals[-1].group(1).lower() in ("first", "former") else 1
    return person(pairs[-1].group(which + 1))


def fold(text: str) -> str:
    """Lower case, accents dropped, single spaces: the form in which two spellings of a name are compared.

    >>> fold("  João   Brandão"), fold("Brandstätter")
    ('joao brandao', 'brandstatter')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def unify_speakers(names, articles=None) -> list[str]:
    """Map short forms to the full name used elsewhere ("Peskov" -> "Dmitry Peskov").

    Accents do not count ("Brandao" -> "João Brandão"); with ``articles`` (one
    article id per name), a full name printed in the same article is preferred,
    and when several full names (not spellings of one) end with the surname it stays short.

    >>> unify_speakers(["Peskov", "Dmitry Peskov", "Kremlin", ""])
    ['Dmitry Peskov', 'Dmitry Peskov', 'Kremlin', '']
    >>> unify_speakers(["Joao Brandao", "João Brandão", "Brandao"], ["A1", "A2", "A2"])
    ['Joao Brandao', 'João Brandão', 'João Brandão']
    """
    names = list(names)
    articles = list(articles) if articles is not None else [""] * len(names)
    full = sorted({n for n in names if len(n.split()) >= 2}, key=lambda n: (-len(n), n))
    where: dict[str, set] = {}
    for name, aid in zip(names, articles):
        where.setdefault(name, set()).add(aid)
    out = []
    for name, aid in zip(names, articles):
        longer = [f for f in full if fold(f.split()[-1]) == fold(name)] if name and len(name.split()) == 1 else []
        if len({fold(f) for f in longer}) == 1:
            local = [f for f in longer if aid in where[f]]
            out.append((local or sorted(longer, key=names.index))[0])
        else:
            out.append(name)
    return out


def spelling_variants(names, prefer=()) -> dict[str, str]:
    """Map each name that is a misspelling of another to that other spelling (the first in ``prefer``, if any).

    Two names are variants when they have the same number of words, the same
    first word, and the rest nearly the same letters (difflib ratio ≥ 0.8):
    "Helmut Brandstdtter" and "Helmut Brandstätter". A misspelled name is
    itself evidence of careless copying, so callers should show both spellings.

    >>> spelling_variants(["Helmut Brandstdtter", "Helmut Brandstätter", "Dmitry Peskov"], prefer=["Helmut Brandstätter"])
    {'Helmut Brandstdtter': 'Helmut Brandstätter'}
    """
    names = list(dict.fromkeys(n for n in names if n))
    order: dict[str, int] = {}
    for n in list(prefer) + names:
        order.setdefault(n, len(order))
    out: dict[str, str] = {}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            wa, wb = a.split(), b.split()
            if len(wa) != len(wb) or len(wa) < 2 or wa[0] != wb[0] or a == b:
                continue
            if difflib.SequenceMatcher(a=" ".join(wa[1:]), b=" ".join(wb[1:])).ratio() >= 0.8:
                keep, drop = sorted((a, b), key=lambda n: order[n])
                out[drop] = out.get(keep, keep)
    return out


_CITING = re.compile(r"(?i:citing)\s+((?:anonymous|unnamed)\s+sources|" + NAME + r")")
_REPORTED = re.compile(r"(" + NAME + r")(?:\s+and\s+(?:the\s+)?(" + NAME + r"))?\s+(?:initially\s+|first\s+|had\s+)?reported")
_REPORT_OF = re.compile(r"\b(?:a|the)\s+(" + NAME + r")\s+report\b|(" + NAME + r")['’]s\s+(?:\(\w+\)\s+)?report\b")


def according_sources(text: str, root: str | Path | None = None) -> list[str]:
    """Return the sources a text names with "according to", in order.

    >>> according_sources("According to Kremlin spokesman Dmitry Peskov, no call took place.")
    ['Dmitry Peskov']
    """
    return [according_name(m.group(1), root) for m in _ACCORDING.finditer(text)]


def cited_sources(text: str, root: str | Path | None = None) -> list[str]:
    """Return the sources a text cites without quoting: "citing X", "X reported", "a X report", "X's report".

    >>> cited_sources("The Washington Post reported the call, citing anonymous sources.")
    ['anonymous sources', 'Washington Post']
    """
    found = [m.group(1) for m in _CITING.finditer(text)]
    for m in _REPORTED.finditer(text):
        found.extend(g for g in m.groups() if g)
    for m in _REPORT_OF.finditer(text):
        found.extend(g for g in m.groups() if g)
    names = [who if who.lower().endswith("sources") else speaker_near(who, root) for who in found]
    return [n for n in names if n]
