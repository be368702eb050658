"""One annotation per span, and the checks that keep the course's keys from contradicting each other.

A case's ``keys/annotations.csv`` (``id,file,sentence_id,quote,facet,value,note``)
records the facts about a sentence or span that several keys rely on, once:

=============== ============================================================================
anachronism     ``yes`` or ``no``: does the span describe a role or event as current when, by
                the context tables, it no longer was? ("former President" before 20 January
                2025 is ``no``, however out of date it sounds)
omits           what a true span leaves out, in a few words (``president-elect``)
evidence        what the span is evidence for, as a short tag (``post-account``, ``denial``)
statement       which statement a quotation renders, as a short tag (``peskov-denial``)
=============== ============================================================================

Questions refer to annotations instead of restating them: the optional
``facet`` column of ``keys/questions.csv`` names one (``anachronism``,
``omits:president-elect``, ``evidence:post-account``). Then, when the case loads:

* a ``sentences``/``sentence`` question may accept only sentences annotated with
  that facet (``yes`` for a yes/no facet, or the tag); for an ``evidence:`` tag
  it must also accept every sentence so annotated;
* a ``choice`` question about one quote (``file``, ``quote``) with facet
  ``anachronism`` must answer what the annotation says;
* a sentence annotated ``anachronism: no`` is accepted as an anachronism nowhere;
* a ``choice`` question whose options are the claim labels must say whose label
  it asks for (facet ``label``: the claim key's; ``baseline``: the cue-word
  baseline's) and agree with it for its quote's sentence;
* every passage that prose cites as ``'words' (A4.S9)`` must be in that sentence
  (explanations, hints, rationales and notes of every key).

Each problem is one sentence naming the key, its row and what disagrees.

>>> cited_quotes("A2 argues it ('probably fake news', A2.S21) and calls it 'fake' (A2.S3).")
[('probably fake news', ['A2.S21']), ('fake', ['A2.S3'])]
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .claims.baseline import guess_label
from .claims.taxonomy import LABELS
from .core.registry import register_case_check, register_key

if TYPE_CHECKING:
    from .core.case import Case

ANNOTATION_COLUMNS = ["id", "file", "sentence_id", "quote", "facet", "value", "note"]
FACETS = {"anachronism": ("yes", "no"), "omits": None, "evidence": None, "statement": None}
"""Facets of annotations.csv and their allowed values (``None``: a short tag of lower-case words joined by hyphens)."""
QUESTION_FACETS = tuple(FACETS) + ("label", "baseline", "claimreview")
"""What a question's ``facet`` may name: an annotation facet, whose claim label it asks for, or (``claimreview``)
that its answer is computed from the student's ClaimReview (see :mod:`kit.capstone`)."""
_TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SID = r"A\d+\.S\d+"
_QUOTED = (
    r"(?<![\w’'])'(?P<a>(?:[^'\n]|(?<=\w)'(?=\w))+?)'"
    r"|‘(?P<b>(?:[^’\n]|(?<=\w)’(?=\w))+?)’"
    r'|"(?P<c>[^"\n]+?)"'
    r"|“(?P<d>[^”\n]+?)”"
)
_CITED = re.compile(
    r"(?:" + _QUOTED + r")\s*(?:,\s*|\(\s*)(?P<ids>" + _SID + r"(?:\s*(?:,|;|and)\s*" + _SID + r")*)\)"
)
_PROSE_COLUMNS = ("explanation", "hint", "defensible", "rationale", "note")


def validate_annotations(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report problems of an annotations key: missing columns, unknown facets, values of the wrong form."""
    if rows:
        missing = [c for c in ANNOTATION_COLUMNS if c not in rows[0][1]]
        if missing:
            problems.append(f"{label} has no column {', '.join(repr(m) for m in missing)}; "
                            f"its columns are {','.join(ANNOTATION_COLUMNS)}.")
            return
    for line, row in rows:
        where = f"{label}, line {line} ({row['id'] or 'no id'})"
        facet, value = row["facet"].strip(), row["value"].strip()
        if not row["sentence_id"].strip():
            problems.append(f"{where}: the field 'sentence_id' is empty; name the sentence the span is in.")
        if facet not in FACETS:
            problems.append(f"{where}, field 'facet': {facet!r} is not a facet; use one of {', '.join(FACETS)}.")
        elif FACETS[facet] is not None and value not in FACETS[facet]:
            problems.append(f"{where}, field 'value': {value!r} is not a value of {facet}; "
                            f"use one of {', '.join(FACETS[facet])}.")
        elif FACETS[facet] is None and not _TAG.match(value):
            problems.append(f"{where}, field 'value': {value!r} is not a tag; write lower-case words joined by "
                            "hyphens, e.g. post-account.")


def annotated(case: Case, facet: str, value: str) -> set[str]:
    """Return the ids of the sentences annotated with ``facet`` = ``value``.

    >>> import kit
    >>> "A4.S22" in annotated(kit.load_case(), "anachronism", "no")
    True
    """
    table = case.keys.get("annotations")
    if table is None or table.empty:
        return set()
    hit = table[(table["facet"].str.strip() == facet) & (table["value"].str.strip() == value)]
    return set(hit["sentence_id"].str.strip())


def cited_quotes(text: str) -> list[tuple[str, list[str]]]:
    """Return the passages a text quotes with the sentence ids it cites for them: ``'words' (A4.S9)``."""
    out = []
    for m in _CITED.finditer(text):
        words = next(g for g in m.group("a", "b", "c", "d") if g is not None)
        out.append((words.strip(), re.findall(_SID, m.group("ids"))))
    return out


def _norm(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("**", "")
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').casefold()
    return " ".join(text.split())


def quote_in_sentences(words: str, sentences: list[str]) -> bool:
    """Tell whether quoted words (pieces around an ellipsis each) stand in the cited sentences.

    >>> quote_in_sentences("pure ... fake news", ["It is pure fiction, simply fake news."])
    True
    """
    body = _norm(" ".join(sentences))
    pieces = [p.strip(" .,;:'\"") for p in re.split(r"\.\.\.|…|\[\s*\.\.\.\s*\]", _norm(words))]
    return all(p in body for p in pieces if p)


def _question_facet_problems(case: Case, problems: list[str]) -> None:
    questions = case.keys.get("questions")
    if questions is None or "facet" not in questions.columns:
        return
    never = annotated(case, "anachronism", "no")
    for row in questions.to_dict("records"):
        facet = str(row.get("facet") or "").strip()
        if not facet:
            continue
        where = f"{case.name}/keys/questions.csv ({row['id']}), field 'facet'"
        name, _, tag = facet.partition(":")
        if name not in QUESTION_FACETS:
            problems.append(f"{where}: {facet!r} names no facet; use one of {', '.join(QUESTION_FACETS)}.")
            continue
        if name in ("label", "baseline", "claimreview"):
            continue  # labels are checked by _label_problems; a claimreview answer is computed, not annotated
        value = tag or "yes"
        accepted = set(re.findall(_SID, str(row.get("answer") or "")))
        marked = annotated(case, name, value)
        if row["kind"] in ("sentences", "sentence"):
            for sid in sorted(accepted - marked):
                problems.append(f"{where}: the answer accepts {sid}, which annotations.csv does not mark "
                                f"{name} = {value}; annotate it or drop it from the answer.")
            if name == "evidence":
                for sid in sorted(marked - accepted):
                    problems.append(f"{where}: {sid} is annotated {name} = {value} but the answer rejects it; "
                                    "accept it or change the annotation.")
        elif row["kind"] == "choice" and name == "anachronism":
            sids = case.find_quote(str(row.get("file") or ""), str(row.get("quote") or "")) if row.get("file") else []
            for sid in sids:
                for said in ("yes", "no"):
                    if sid in annotated(case, "anachronism", said) and str(row["answer"]).strip() != said:
                        problems.append(f"{where}: it answers {row['answer']!r} but annotations.csv says {sid} "
                                        f"is {'an' if said == 'yes' else 'not an'} anachronism.")
    _nowhere_an_anachronism(case, questions, never, problems)


def _nowhere_an_anachronism(case: Case, questions, never: set[str], problems: list[str]) -> None:
    """A sentence annotated "not an anachronism" may not be accepted by a question about anachronisms."""
    for row in questions.to_dict("records"):
        if str(row.get("facet") or "").strip() != "anachronism" or row["kind"] not in ("sentences", "sentence"):
            continue
        for sid in sorted(set(re.findall(_SID, str(row.get("answer") or ""))) & never):
            problems.append(f"{case.name}/keys/questions.csv ({row['id']}): it accepts {sid} as an anachronism, "
                            "but annotations.csv says it is not one.")


def _label_problems(case: Case, problems: list[str]) -> None:
    """A labelling question says whose label it asks for, and agrees with it.

    ``facet`` ``label``: the claim key's label for the claim in the quote's
    sentence; ``baseline``: what :func:`kit.guess_label` says of that sentence.
    """
    questions, claims = case.keys.get("questions"), case.keys.get("claims")
    if questions is None:
        return
    by_sentence: dict[str, set[str]] = {}
    for sid, label in zip(claims["sentence_id"], claims["label"]) if claims is not None else ():
        by_sentence.setdefault(sid.strip(), set()).add(label.strip())
    for row in questions.to_dict("records"):
        options = {o.strip() for o in str(row.get("options") or "").split(";") if o.strip()}
        if row["kind"] != "choice" or options != set(LABELS):
            continue
        facet = str(row.get("facet") or "").strip()
        where = f"{case.name}/keys/questions.csv ({row['id']})"
        if facet not in ("label", "baseline"):
            problems.append(f"{where}, field 'facet': a question that asks for a claim label must say whose: "
                            "'label' (the claim key's) or 'baseline' (kit.guess_label's).")
            continue
        sids = case.find_quote(str(row.get("file") or ""), str(row.get("quote") or "")) if row.get("file") else []
        if facet == "label":
            said = set().union(*(by_sentence.get(s, set()) for s in sids)) if sids else set()
        else:
            said = {guess_label(case.sentence(s), case.path)[0] for s in sids}
        answers = {a.strip() for a in str(row["answer"]).split(";")}
        if said and not answers & said:
            whose = "the claim key" if facet == "label" else "the baseline"
            problems.append(f"{where}: it labels {', '.join(sids)} {', '.join(sorted(answers))}, "
                            f"but {whose} says {', '.join(sorted(said))}.")


def prose_citation_problems(case: Case, texts) -> list[str]:
    """Check ``(where, text)`` pairs: every ``'words' (A1.S2)`` must quote sentence A1.S2; one sentence per problem."""
    known = dict(zip(case.sentences["sentence_id"], case.sentences["text"]))
    out = []
    for where, text in texts:
        for words, sids in cited_quotes(str(text)):
            if not all(s in known for s in sids):
                continue  # unknown ids are reported by the key validators
            if not quote_in_sentences(words, [known[s] for s in sids]):
                out.append(f"{where}: quotes {words[:60]!r} from {', '.join(sids)}, but those words are not there; "
                           "correct the quotation or the sentence id.")
    return out


def _prose_problems(case: Case, problems: list[str]) -> None:
    texts = []
    for name, table in sorted(case.keys.items()):
        for column in _PROSE_COLUMNS:
            if column in table.columns:
                ids = table["id"] if "id" in table.columns else table.index
                texts += [(f"{case.name}/keys/{name}.csv ({i}), field '{column}'", t) for i, t in zip(ids, table[column])]
    problems.extend(prose_citation_problems(case, texts))


def check_consistency(case: Case, problems: list[str]) -> None:
    """Run every cross-key check on a loaded case (the core calls it once its keys are loaded)."""
    _question_facet_problems(case, problems)
    _label_problems(case, problems)
    _prose_problems(case, problems)


register_key("annotations", validate_annotations)
register_case_check("consistency", check_consistency)
