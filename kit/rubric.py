"""Scoring a ClaimReview by a rubric the key states: ``valid; articles:3; rating:q5.1``.

A question of kind ``review`` takes the student's ClaimReview itself (the dict
:func:`kit.claim_review` returns) as its answer. Its ``answer`` column is the
rubric: criteria separated by ``;``, each ``name`` or ``name:argument``, judged
from the plain document alone (:data:`CRITERIA` is the rule table):

============== ====================================================================
``valid``      :func:`kit.verdict.validate_claim_review` finds no problem
``articles:N`` the document cites sentence ids (like ``A2.S13``) of at least N
               different articles, and every id it cites is a sentence of the case
``rating:QID`` the rating (``reviewRating.alternateName``) is one that the verdict
               question QID (kind ``choice``) accepts: its answer or a defensible entry
============== ====================================================================

Where the document cites sentences: every sentence id written in it, except in
the claim it reviews (``claimReviewed``): the reasoning (``reviewBody``), a
``citation`` list, or any other field that records the evidence.

The answer is right when every criterion is met; otherwise the remark says how
many were met and gives one sentence per criterion that was not.

>>> setting = Setting(frozenset({"A1.S1", "A2.S4"}), {"q9.1": {"id": "q9.1", "kind": "choice", "answer": "likely"}},
...                   lambda question, rating: rating == question["answer"])
>>> doc = {"reviewRating": {"alternateName": "likely"}, "reviewBody": "The ferry union (A1.S1) and A2.S4 say so."}
>>> judge("articles:2; rating:q9.1", doc, setting)
(True, '2 of 2 rubric criteria met.')
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .verdict import validate_claim_review

SEPARATOR = ";"
"""Separates the criteria of a rubric."""
CITED_ID = re.compile(r"(?<![\w.])A\d+\.S\d+(?![\w])")
"""A sentence id as a document cites it, e.g. ``A2.S13``."""
NOT_EVIDENCE = ("claimReviewed",)
"""Top-level fields whose sentence ids are not evidence (the claim may name the sentence it comes from)."""
MAX_DOCUMENT_CHARS = 100_000
"""A ClaimReview answer longer than this, as JSON, is refused (a real one is a few thousand characters)."""
MAX_DEPTH = 20
"""How deeply a ClaimReview answer may nest dicts and lists."""
MAX_NODES = 10_000
"""How many values (dicts, lists, strings, numbers) a ClaimReview answer may hold in all."""
LARGEST_NUMBER = 10**15
"""A number in a ClaimReview answer beyond this (or not finite) is refused."""


@dataclass(frozen=True)
class Setting:
    """What a rubric is judged against: the case's sentence ids, the key's questions, and the key's choice rule.

    Attributes:
        sentence_ids: every sentence id of the case.
        questions: the key's questions by id (each a dict of its columns, as text).
        accepts: ``accepts(question, rating)``: True when the choice question accepts ``rating``
            (its answer or a defensible entry); :mod:`kit.answer_match` supplies it.
    """

    sentence_ids: frozenset[str]
    questions: dict[str, dict[str, str]]
    accepts: Callable[[dict[str, str], str], bool]


def parse_rubric(text: str) -> list[tuple[str, str]]:
    """Split a rubric into ``(criterion, argument)`` pairs, in order; names are folded to lower case.

    >>> parse_rubric(" valid ; Articles: 3 ;; rating:q5.1")
    [('valid', ''), ('articles', '3'), ('rating', 'q5.1')]
    """
    pairs = []
    for part in str(text or "").split(SEPARATOR):
        if part.strip():
            name, _, argument = part.partition(":")
            pairs.append((name.strip().casefold(), argument.strip()))
    return pairs


def document_problem(doc: Any) -> str | None:
    """Say why a value cannot be a ClaimReview answer (one phrase), or ``None`` when it is a plain JSON-safe dict.

    Only exact builtin types count (a dict with text keys, lists, text, finite
    numbers, booleans, ``None``), within :data:`MAX_DEPTH`, :data:`MAX_NODES`
    and :data:`MAX_DOCUMENT_CHARS`.

    >>> document_problem({"a": [1, "x", None]}), document_problem("A1.S1")
    (None, 'a text, not a dict')
    >>> document_problem({"a": float("nan")})
    'a number that is not finite or is beyond 10**15'
    """
    if type(doc) is not dict:
        shown = {str: "a text", list: "a list", tuple: "a tuple", type(None): "None"}.get(type(doc))
        return f"{shown or 'a value of type ' + type(doc).__name__}, not a dict"
    stack, nodes, chars = [(doc, 0)], 0, 0
    while stack:
        value, depth = stack.pop()
        kind, nodes = type(value), nodes + 1
        too_wide = kind in (dict, list) and len(value) > MAX_NODES  # refused before it is copied onto the stack
        if too_wide or nodes > MAX_NODES or depth > MAX_DEPTH:
            return f"a dict nested more than {MAX_DEPTH} deep or holding more than {MAX_NODES:,} values"
        if kind is dict:
            if not all(type(k) is str for k in value):
                return "a dict whose keys are not all text"
            chars += sum(len(k) for k in value)
            stack.extend((v, depth + 1) for v in value.values())
        elif kind is list:
            stack.extend((v, depth + 1) for v in value)
        elif kind is str:
            chars += len(value)
        elif kind in (int, float) and not (abs(value) <= LARGEST_NUMBER and math.isfinite(value)):
            return "a number that is not finite or is beyond 10**15"
        elif kind not in (int, float, bool, type(None)):
            return f"a value of type {kind.__name__} inside the dict (a ClaimReview holds text, numbers and lists)"
        if chars > MAX_DOCUMENT_CHARS:
            return f"a document of more than {MAX_DOCUMENT_CHARS:,} characters"
    return None


def cited_sentences(doc: dict[str, Any]) -> list[str]:
    """Every sentence id the document cites, once each, in order (ids in ``claimReviewed`` are not evidence).

    >>> cited_sentences({"claimReviewed": "A1.S1 says so", "reviewBody": "A2.S3, A2.S3 and A10.S2.",
    ...                  "citation": [{"identifier": "A3.S1"}]})
    ['A2.S3', 'A10.S2', 'A3.S1']
    """
    found: dict[str, None] = {}
    stack = [v for k, v in doc.items() if k not in NOT_EVIDENCE][::-1]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.update(dict.fromkeys(CITED_ID.findall(value)))
        elif isinstance(value, dict):
            stack.extend(list(value.values())[::-1])
        elif isinstance(value, list):
            stack.extend(value[::-1])
    return list(found)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _valid(doc: dict[str, Any], argument: str, setting: Setting) -> str | None:
    problems = validate_claim_review(doc)
    if not problems:
        return None
    more = f" kit.validate_claim_review(review) lists {len(problems) - 1} more." if len(problems) > 1 else ""
    return f"Your ClaimReview is not valid: {problems[0]}{more}"


def _articles(doc: dict[str, Any], argument: str, setting: Setting) -> str | None:
    need = int(argument)
    cited = cited_sentences(doc)
    unknown = [sid for sid in cited if sid not in setting.sentence_ids]
    if unknown:
        return (f"Your ClaimReview cites {', '.join(unknown[:3])}, which {'is' if len(unknown) == 1 else 'are'} not "
                "a sentence of this case; cite sentence ids from case.sentences.")
    articles = sorted({sid.split(".")[0] for sid in cited}, key=lambda a: int(a[1:]))
    if len(articles) >= need:
        return None
    if not cited:
        return (f"Your ClaimReview cites no sentence id (like A1.S3); name the sentences of at least "
                f"{_plural(need, 'different article')} in it, e.g. in your reasoning (review_body).")
    return (f"Your ClaimReview cites sentences of {_plural(len(articles), 'article')} ({', '.join(articles)}); "
            f"cite sentences of at least {_plural(need, 'different article')}, e.g. in your reasoning (review_body).")


def _rating(doc: dict[str, Any], argument: str, setting: Setting) -> str | None:
    rating = doc.get("reviewRating")
    name = rating.get("alternateName") if isinstance(rating, dict) else None
    if not isinstance(name, str) or not name.strip():
        return "Your ClaimReview has no rating in words (reviewRating.alternateName); build it with kit.claim_review."
    question = setting.questions.get(argument)
    if question is not None and setting.accepts(question, name.strip().casefold()):
        return None
    return (f"Your rating {name.strip()!r} does not fit the evidence as the verdict question {argument} weighs it; "
            f"compare your verdict with what the sources that could know say.")


def _no_argument(argument: str, questions: dict[str, dict[str, str]]) -> str | None:
    return f"'valid' takes no argument, but {argument!r} follows it; write just 'valid'" if argument else None


def _number_argument(argument: str, questions: dict[str, dict[str, str]]) -> str | None:
    if argument.isascii() and argument.isdigit() and int(argument) >= 1:
        return None
    return f"{argument!r} is not a whole number of articles; write e.g. 'articles:3'"


def _choice_question(argument: str, questions: dict[str, dict[str, str]]) -> str | None:
    if not argument:
        return "'rating' needs the verdict question's id; write e.g. 'rating:q5.1'"
    question = questions.get(argument)
    if question is None:
        return f"'rating:{argument}' names a question the key does not have; name the verdict question, e.g. 'rating:q5.1'"
    if question.get("kind") != "choice":
        return f"'rating:{argument}' names a question of kind {question.get('kind')!r}; name the verdict question (kind 'choice')"
    return None


Checker = Callable[[dict[str, Any], str, Setting], "str | None"]
ArgumentCheck = Callable[[str, dict[str, dict[str, str]]], "str | None"]


@dataclass(frozen=True)
class Criterion:
    """One rule of the rubric table: how the key's argument is checked, how a document is judged, how it reads."""

    argument_problem: ArgumentCheck
    unmet: Checker
    wording: Callable[[str], str]


CRITERIA: dict[str, Criterion] = {
    "valid": Criterion(_no_argument, _valid, lambda argument: "a valid ClaimReview"),
    "articles": Criterion(_number_argument, _articles, lambda argument: "sentence ids cited from at least "
                          + ("1 article" if argument == "1" else f"{argument} different articles")),
    "rating": Criterion(_choice_question, _rating,
                        lambda argument: f"a rating that fits the evidence (as your verdict in {argument} does)"),
}
"""The rule table: criterion name → its :class:`Criterion`.

``unmet(doc, argument, setting)`` returns ``None`` when the criterion is met, else one sentence for the student;
``wording(argument)`` says what it asks for.
"""


def describe_rubric(text: str) -> str:
    """Say in words what a rubric asks for (shown with the question).

    >>> describe_rubric("valid; articles:2; rating:q9.1")
    'a rubric of 3 criteria: a valid ClaimReview; sentence ids cited from at least 2 different articles; a rating that fits the evidence (as your verdict in q9.1 does)'
    """
    pairs = parse_rubric(text)
    said = [CRITERIA[n].wording(a) if n in CRITERIA else f"{n}:{a}" for n, a in pairs]
    return f"a rubric of {len(pairs)} {'criterion' if len(pairs) == 1 else 'criteria'}: {'; '.join(said)}"


def rubric_problem(text: str, questions: dict[str, dict[str, str]]) -> str | None:
    """Say in one phrase what is wrong with a rubric as the key writes it (``None`` when it is usable).

    >>> qs = {"q9.1": {"kind": "choice"}, "q9.2": {"kind": "number"}}
    >>> rubric_problem("valid; articles:2; rating:q9.1", qs) is None
    True
    >>> rubric_problem("valid; sources:2", qs)
    "'sources' is not a criterion; use valid, articles:N or rating:<question id>"
    >>> rubric_problem("articles:three", qs), rubric_problem("rating:q9.2", qs)[:30]
    ("'three' is not a whole number of articles; write e.g. 'articles:3'", "'rating:q9.2' names a question")
    """
    pairs = parse_rubric(text)
    if not pairs:
        return "the rubric is empty; write criteria such as 'valid; articles:3; rating:q5.1'"
    for name, argument in pairs:
        if name not in CRITERIA:
            return f"{name!r} is not a criterion; use valid, articles:N or rating:<question id>"
        problem = CRITERIA[name].argument_problem(argument, questions)
        if problem:
            return problem
    return None


def judge(text: str, doc: dict[str, Any], setting: Setting) -> tuple[bool, str]:
    """Judge a ClaimReview by a rubric: ``(every criterion met, "K of N rubric criteria met." + unmet sentences)``.

    >>> setting = Setting(frozenset({"A1.S2"}), {}, lambda question, rating: False)
    >>> judge("valid; articles:1", {"reviewBody": "See A1.S2."}, setting)[1][:62]
    "1 of 2 rubric criteria met. Your ClaimReview is not valid: '@c"
    """
    broken = rubric_problem(text, setting.questions)
    if broken:
        return False, f"The key's rubric cannot be used ({broken}); tell your instructor."
    pairs = parse_rubric(text)
    unmet = [sentence for name, argument in pairs if (sentence := CRITERIA[name].unmet(doc, argument, setting))]
    met = len(pairs) - len(unmet)
    return not unmet, " ".join([f"{met} of {len(pairs)} rubric criteria met.", *unmet])


def document_copy(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of a plain document that shares nothing with the student's (a JSON round trip).

    >>> original = {"a": [1]}
    >>> copy = document_copy(original); copy["a"].append(2); original
    {'a': [1]}
    """
    return json.loads(json.dumps(doc, allow_nan=False))
