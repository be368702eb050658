"""Who a claim rests on: a named source, a vague one ("experts say"), or none at all in its paragraph.

Fact-checkers ask of every claim: *who says so?* :func:`attributions` reads each
body sentence that the baseline (:mod:`kit.claims.baseline`) takes for a claim
of fact or an attributed statement, and sorts it:

=========== ===================================================================
named       it names who says so: "according to X", "X said", "citing X", "X reported"
vague       it rests on someone it does not name: a phrase of the lexicon's
            ``vague_source`` kind ("experts say", "sources close to", "some outlets")
unsourced   it states a checkable fact and no sentence of its paragraph names
            a source (an earlier paragraph may; the table says only what it sees)
=========== ===================================================================

The vague phrases are data (``kit/core/lexicon.csv``, kind ``vague_source``), and
a case's own ``lexicon.csv`` adds to them. A vague phrase is surfaced in any body
sentence; otherwise opinions, questions and predictions are the writer's own and
are not judged here.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp()) / "port"
>>> (root / "articles").mkdir(parents=True)
>>> _ = (root / "articles" / "a.txt").write_text("Experts say the harbour is unsafe. The pier is 40 years old.\\n")
>>> _ = (root / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\\na.txt,Port News,,news,,,,\\n")
>>> from kit.core.case import load_case
>>> list(attributions(load_case(root, cached=False))["attribution"])
['vague', 'unsourced']
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .attribution import according_sources, cited_sources, reporting_verb_pattern, speaker_near
from .claims.baseline import guess_sentences
from .core import lexicon
from .core.case import Case, resolve_case

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["file", "sentence_id", "text", "attribution", "source", "evidence"]
"""The columns of :func:`attributions`."""
JUDGED = ("verifiable_fact", "attributed_statement")
"""The baseline's labels of the sentences judged here (claims of fact and statements put in someone's mouth)."""


def vague_phrase(text: str, root: str | Path | None = None) -> str:
    """The first vague attribution in ``text`` (lexicon kind ``vague_source``), or ``""``.

    >>> vague_phrase("Sources close to the mayor said the plan was dead.")
    'Sources close to'
    """
    pattern = _pattern(tuple(lexicon.words("vague_source", root)))
    match = pattern.search(text) if pattern else None
    return match.group(1) if match else ""


@lru_cache(maxsize=16)
def _pattern(words: tuple[str, ...]):
    return lexicon.word_pattern(list(words))


def named_sources(text: str, root: str | Path | None = None) -> list[str]:
    """The sources a sentence names: "according to X", "citing X", "X reported", "X said".

    >>> named_sources("Mayor Ana Ruiz said the bridge would close.")
    ['Ana Ruiz']
    """
    names = [*according_sources(text, root), *cited_sources(text, root)]
    for verb in reporting_verb_pattern(root).finditer(text):
        who = speaker_near(text[: verb.start()], root)
        if who:
            names.append(who)
    return list(dict.fromkeys(n for n in names if n and not vague_phrase(n, root)))


def _judge(text: str, label: str, paragraph_named: bool, root: str) -> tuple[str, str, str]:
    """``(attribution, source, evidence)`` of one sentence."""
    vague = vague_phrase(text, root)
    if vague:
        return "vague", vague, f"rests on '{vague}', which names no one a reader could check"
    names = named_sources(text, root)
    if names:
        return "named", "; ".join(names), "names its source in the sentence"
    if label == "verifiable_fact" and not paragraph_named:
        return "unsourced", "", "states a checkable fact; no sentence of its paragraph names a source"
    if label == "verifiable_fact":
        return "named", "", "its paragraph names a source in another sentence"
    return "", "", ""


def attributions(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Sort every claim-like body sentence by who it rests on: ``named``, ``vague`` or ``unsourced``.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        One row per judged sentence with the columns of :data:`COLUMNS`; ``source`` is the named
        sources or the vague phrase, ``evidence`` says in words what the sentence shows.
    """
    import pandas as pd

    loaded = resolve_case(case)
    root = str(loaded.path)
    guesses = guess_sentences(loaded).set_index("sentence_id")["label"]
    body = loaded.sentences[loaded.sentences["kind"] == "body"]
    rows = []
    for _, paragraph in body.groupby(["file", "paragraph"], sort=False):
        named_here = {sid for sid, text in zip(paragraph["sentence_id"], paragraph["text"])
                      if not vague_phrase(text, root) and named_sources(text, root)}
        for sid, file, text in zip(paragraph["sentence_id"], paragraph["file"], paragraph["text"]):
            label = guesses.get(sid, "")
            if label not in JUDGED and not vague_phrase(text, root):
                continue  # the writer's own opinion, question or forecast, resting on no one it hides
            kind, source, evidence = _judge(text, label, bool(named_here - {sid}), root)
            if kind:
                rows.append({"file": file, "sentence_id": sid, "text": text, "attribution": kind,
                             "source": source, "evidence": evidence})
    return pd.DataFrame(rows, columns=COLUMNS)


FIRST_COLUMNS = ["file", "source", "sentence_id", "evidence", "disagrees_with"]
"""The columns of :func:`first_reports`."""
_RELATIVE = re.compile(r"[,\s]*(?:\b(?:which|who|that)\b)?\s*$", re.IGNORECASE)


def first_reporter(text: str, cue: re.Match, root: str | Path | None = None) -> str:
    """The reporter a ``first_report`` phrase credits: "first reported by X", "X first reported", "X, which first reported".

    >>> import re
    >>> text = "The fire was first reported by the Harbour Times."
    >>> first_reporter(text, re.search("(first reported)", text))
    'Harbour Times'
    >>> text = "Officials confirmed it, according to Radio Sur, which first reported the fire."
    >>> first_reporter(text, re.search("(first reported)", text))
    'Radio Sur'
    """
    after = re.match(r"\s+by\s+([^,.;:]+)", text[cue.end():])
    if after:
        return speaker_near(after.group(1), root)
    before = _RELATIVE.sub("", text[: cue.start()])
    credited = [n for n in _credited(text, str(root) if root else None) if n in before]
    if credited:  # "The Post and Reuters initially reported": every name the sentence credits before the phrase
        return "; ".join(credited)
    return speaker_near(before, root) if before else ""


def _credited(text: str, root: str | None) -> list[str]:
    return [n for n in cited_sources(text, root) if not vague_phrase(n, root)]


def first_reports(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Per article, who it says reported the story first, and on what it rests.

    A sentence with a phrase of the lexicon's ``first_report`` kind ("first reported",
    "broke the story") names the first reporter: the name right after "by", or the
    one right before the phrase ("X, which first reported"). Without such a phrase,
    the first source the article credits with a report (``cited_sources``: "X
    reported", "citing X", "a X report") is given, and the evidence says the article
    does not claim it was first. ``disagrees_with`` lists the other articles that say
    someone else reported first: the reader must find out which is right.

    Returns:
        One row per article that credits anyone, with the columns of :data:`FIRST_COLUMNS`.
    """
    import pandas as pd

    loaded = resolve_case(case)
    root = str(loaded.path)
    cue = lexicon.word_pattern(lexicon.words("first_report", root))
    rows, said = [], {}
    for file, sentences in loaded.sentences.groupby("file", sort=False):
        row = None
        for sid, text in zip(sentences["sentence_id"], sentences["text"]):
            found = cue.search(text) if cue else None
            name = first_reporter(text, found, root) if found else ""
            if name and not vague_phrase(name, root):
                row = {"file": file, "source": name, "sentence_id": sid, "evidence": f"it says so: '{found.group(1)}'"}
                said[file] = name
                break
            if row is None and (credited := _credited(text, root)):
                row = {"file": file, "source": "; ".join(credited), "sentence_id": sid,
                       "evidence": "the first source it credits with a report; the article does not say who reported first"}
        if row:
            rows.append(row)
    for row in rows:
        others = [f"{f} ({name})" for f, name in said.items() if row["file"] in said and name != said[row["file"]]]
        row["disagrees_with"] = "; ".join(others)
    return pd.DataFrame(rows, columns=FIRST_COLUMNS)
