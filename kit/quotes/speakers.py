"""Who a pronoun or a description stands for: the people, groups and outlets one article has named so far.

:func:`kit.attribution.attribute` names a quote's speaker as printed, or
gives a pronoun ("she", "they": the lexicon's ``pronoun`` kind) or a
description ("the minister", "the union") when the sentence names no one.
An :class:`ArticleSpeakers` reads the article in order and resolves them:

* a **kind** for every name (:meth:`ArticleSpeakers.kind`): ``outlet`` (an
  outlet of the case's metadata, or a name with an ``organisation`` word of
  value ``outlet``: "Capital Times"), ``group`` (an ``organisation`` word of
  value ``group``: "Maritime Union"; or a ``place`` of the lexicon alone:
  "Kiev"), else ``person``;
* a **pronoun** of value ``person`` ("he", "she") is the last person named as
  a speaker (quoted, or the subject of a reporting verb) in this paragraph or
  an earlier one, never an outlet or a group; ``group`` ("they") is the last
  group so named, else the last person;
* a **description** "the <words>" is the last person named with a title that
  ends with its last word ("the minister" after "Transport Minister Ana
  Lopez"; the titles of ``context/roles.csv`` count), else the last group
  whose name ends with it ("the union" after "the Maritime Union"), else
  the description itself when it ends with an ``organisation`` word of value
  ``group`` ("the health board" -> "health board"), else nobody (``""``: as for
  "officials").

>>> names = ArticleSpeakers()
>>> names.read("Transport Minister Ana Lopez said no.")
>>> names.read("The Maritime Union said it would strike.")
>>> names.resolve("the minister"), names.resolve("the union"), names.resolve("she"), names.resolve("they")
('Ana Lopez', 'Maritime Union', 'Ana Lopez', 'Maritime Union')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..attribution import DESCRIPTION, NAME, PRONOUNS, attribute, fold, name_titles, reporting_verb_pattern
from ..core import lexicon

_RUN = re.compile(NAME)
_POSSESSIVE = re.compile(r"\w['’]s?\b")
UNNAMED = "{} (not named)"
"""How an unresolved pronoun is shown ("she (not named)")."""


@lru_cache(maxsize=16)
def _lexicon(root: str) -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    """The words a case's lexicon gives: organisation and pronoun values, places, not-speakers."""
    case = root or None
    return (lexicon.values("organisation", case), lexicon.values("pronoun", case),
            frozenset(lexicon.words("place", case)), frozenset(lexicon.words("not_speaker", case)))


@lru_cache(maxsize=8)
def _folded(names: tuple[str, ...]) -> frozenset[str]:
    """Outlet names folded, without a leading "the" (computed once per case)."""
    return frozenset(fold(o).removeprefix("the ") for o in names if o)


def _runs(text: str) -> list[str]:
    """The runs of capitalised words of a text, each cut after its last possessive ("Labor's Priya Nair" -> "Priya Nair").

    A run that ends with a possessive names an owner, not a speaker ("the Kremlin’s team").

    >>> _runs("His rival, Labor's Priya Nair, met the Kremlin’s team")
    ['His', 'Priya Nair']
    """
    out = []
    for m in _RUN.finditer(text):
        words = m.group(0).split()
        owners = [i for i, w in enumerate(words) if _POSSESSIVE.search(w)]
        rest = words[owners[-1] + 1:] if owners else words
        if rest:
            out.append(" ".join(rest))
    return out


class ArticleSpeakers:
    """The people, groups and outlets one article has named so far, in order (see the module docstring)."""

    def __init__(self, root: str | Path | None = None, outlets: Iterable[str] = (),
                 roles: dict[str, set[str]] | None = None) -> None:
        self.root = root
        self.outlets = _folded(tuple(outlets))
        self.roles = {name: set(words) for name, words in (roles or {}).items()}
        self.organisation, self.pronouns, self.places, self.not_speaker = _lexicon(str(root or ""))
        self.titles: dict[str, set[str]] = {}
        self.named: list[tuple[str, str]] = []  # (name, kind) of every name read, in order
        self.spoke: list[tuple[str, str]] = []  # (name, kind) of every speaker, in order

    def kind(self, name: str) -> str:
        """``person``, ``group`` or ``outlet`` (``""`` for no name).

        >>> ArticleSpeakers(outlets=["The Capital Times"]).kind("Capital Times")
        'outlet'
        """
        words = fold(name).split()
        if not words:
            return ""
        if " ".join(words).removeprefix("the ") in self.outlets:
            return "outlet"
        marked = [self.organisation[w] for w in words if w in self.organisation]
        if marked:
            return "outlet" if "outlet" in marked else "group"
        return "group" if len(words) == 1 and words[0] in self.places else "person"  # "Kiev" speaks for a state

    def _note(self, name: str, titles: tuple[str, ...] = ()) -> str:
        full = self.full_name(name)
        self.titles.setdefault(full, set()).update(titles)
        for role_name, words in self.roles.items():
            if fold(role_name) == fold(full):
                self.titles[full].update(words)
        kind = self.kind(full)
        self.named.append((full, kind))
        return full

    def full_name(self, name: str) -> str:
        """The full name this article (or the roles table) gave a surname before ("Lopez" -> "Ana Lopez").

        >>> names = ArticleSpeakers(); names.read("Ana Lopez arrived."); names.full_name("Lopez")
        'Ana Lopez'
        """
        if len(name.split()) != 1:
            return name
        known = [n for n in reversed(list(self.titles) + list(self.roles)) if len(n.split()) >= 2
                 and fold(n).split()[-1] == fold(name)]
        return known[0] if known else name

    def read(self, text: str, opens_sentence: bool = False) -> None:
        """Note the names of a stretch of text, and the speaker of its last reporting verb (no quote in it).

        When the text opens a sentence, its first person is its subject, and counts as the last to speak
        ("Dr Ana Lopez disagreed. “…,” she said").
        """
        subject = ""
        for run in _runs(text):
            name, titles = name_titles(run, self.root)
            if name and name.lower() not in self.not_speaker and (titles or len(name.split()) > 1
                                                                                          or self.kind(name) != "person"):
                full = self._note(name, titles)
                subject = subject or (full if self.kind(full) == "person" and len(full.split()) >= 2 else "")
        if opens_sentence and subject:
            self.spoke.append((subject, "person"))
        verbs = list(reporting_verb_pattern(self.root).finditer(text))
        if verbs:
            who, _ = attribute(text, len(text), len(text), self.root)
            self.said(who)

    def subject(self, text: str) -> str:
        """The first person a text names (a sentence's subject), or "".

        >>> ArticleSpeakers().subject("Ana Lopez, the fire chief, met Rui Costa")
        'Ana Lopez'
        """
        for run in _runs(text):
            name = self.full_name(name_titles(run, self.root)[0])
            if len(name.split()) >= 2 and self.kind(name) == "person":
                return name  # a full name, or a surname this article gave in full before
        return ""

    def said(self, speaker: str) -> str:
        """Resolve a speaker (a name, a pronoun or a description), note them as the last to speak, return the name."""
        name = self.resolve(speaker)
        if name and not name.endswith(UNNAMED.format("")):
            full = self._note(name) if name not in dict(self.named) else name
            self.spoke.append((full, self.kind(full)))
            return full
        return name

    def resolve(self, speaker: str) -> str:
        """The name a pronoun or a description stands for (the rules of the module docstring)."""
        if speaker in PRONOUNS:
            wanted = self.pronouns.get(speaker, "person")
            last = {kind: name for name, kind in self.spoke}
            return last.get(wanted) or last.get("person") or UNNAMED.format(speaker)
        described = DESCRIPTION.match(speaker)
        if not described:
            return self.full_name(speaker)
        noun = described.group(1).split()[-1]
        for name, kind in reversed(self.named):
            if kind == "person" and noun in self.titles.get(name, ()):
                return name
        for name, kind in reversed(self.named):
            if kind != "person" and fold(name).split()[-1] == noun:
                return name
        return described.group(1) if self.organisation.get(noun) == "group" else ""  # "the health board"
