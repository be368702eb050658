"""What an answer looks like: the kinds of question, and turning a student's value into one the key can compare.

:func:`coerce_answer` turns what a student typed (a string, a list, a number, a
date, numpy scalars from pandas) into a canonical value: an id, a frozenset of
ids, a folded choice or text, a float, a date or a trail; for kind ``review`` only, a
plain dict (the student's ClaimReview, see :mod:`kit.rubric`). Anything else raises
:class:`InvalidAnswer`, whose message is one sentence saying what the question
expects (:func:`expected_form`) and what was given.

>>> expected_form({"kind": "articles"})
"a list of article ids, like ['A1', 'A3']"
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import numbers
from typing import Any

from .answer_match import normalise_id, split_items
from .answer_trail import decode_trail, encode_trail
from .core.case import Case, is_article_id, is_sentence_id
from .rubric import document_copy, document_problem

KINDS = {
    "article": "one article id as a string, like 'A1'",
    "articles": "a list of article ids, like ['A1', 'A3']",
    "sentence": "one sentence id as a string, like 'A1.S3'",
    "sentences": "a list of sentence ids, like ['A1.S3']",
    "choice": "one of {options}, as a string",
    "number": "a number, like 3",
    "text": "a short text in quotes, like 'Reuters'",
    "date": "a date in quotes, written YYYY-MM-DD, like '2024-11-10'",
    "trail": "your investigation's trail: the lateral-reading widget's .answer",
    "review": "your ClaimReview itself, the dict kit.claim_review(...) returns, like review",
}
QUESTION_COLUMNS = ["id", "kind", "prompt", "answer", "options", "match", "tolerance", "explanation", "hint", "defensible"]


def _describe(answer: Any) -> str:
    if isinstance(answer, bool):
        return f"the value {answer}"
    if isinstance(answer, str):
        shown = answer if len(answer) <= 40 else answer[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(answer, numbers.Real):
        return f"the number {answer}"
    if isinstance(answer, (list, tuple, set)):
        return f"a {type(answer).__name__} of {len(answer)} items"
    if answer is None:
        return "None (did the cell compute nothing?)"
    return f"a {type(answer).__name__}"


def expected_form(question: dict[str, str]) -> str:
    """What an answer to a question looks like, in words (its kind, and its options for a choice).

    >>> expected_form({"kind": "choice", "options": "yes;no"})
    "one of 'yes', 'no', as a string"
    """
    return KINDS[question["kind"]].format(options=", ".join(repr(o) for o in split_items(question.get("options", ""))))


class InvalidAnswer(Exception):
    """An answer that cannot be checked (its message says why)."""


_PLAIN = (str, int, float, bool, list, tuple, set, frozenset, dt.date, dt.datetime, type(None))
"""The only types an answer may have: plain builtin values, never a subclass (which could redefine ``==``)."""
LARGEST_NUMBER = 10**15
"""A number answer larger than this (or not finite) is refused, never converted."""


def from_numpy(answer: Any) -> Any:
    """Turn numpy scalars (what pandas hands back: ``numpy.float64``, ``numpy.str_``) into plain values, also in lists.

    >>> import numpy as np
    >>> type(from_numpy(np.float64(0.5))).__name__, [type(x).__name__ for x in from_numpy([np.str_("A1")])]
    ('float', ['str'])
    """
    kind = type(answer)
    if kind.__module__ == "numpy" and hasattr(answer, "item") and getattr(answer, "ndim", 1) == 0:
        return answer.item()
    if kind.__module__.startswith("pandas") and hasattr(answer, "to_pydatetime"):
        return answer.to_pydatetime()  # a pandas Timestamp
    if kind in (list, tuple, set, frozenset) and len(answer) <= 10_000:
        return kind(from_numpy(item) for item in answer)
    return answer


def plain_value_problem(answer: Any, depth: int = 0) -> str | None:
    """Say why an answer is not a plain value (one sentence), or ``None`` when it is.

    Only exact builtin types count, so an object that redefines ``==`` or
    ``repr`` cannot pass for an answer; numbers must be finite and at most
    :data:`LARGEST_NUMBER`; lists hold at most 10,000 plain items.

    >>> plain_value_problem(["A1", 3]), plain_value_problem(float("inf"))
    (None, 'a number that is not finite or is beyond 10**15')
    >>> class Sly(str): pass
    >>> plain_value_problem(Sly("A1"))
    'a value of type Sly, which is not a plain value (a string, number, list or date)'
    """
    kind = type(answer)
    if kind not in _PLAIN:
        return f"a value of type {kind.__name__}, which is not a plain value (a string, number, list or date)"
    if kind is int and not -LARGEST_NUMBER <= answer <= LARGEST_NUMBER:
        return "a number that is not finite or is beyond 10**15"
    if kind is float and not (math.isfinite(answer) and abs(answer) <= LARGEST_NUMBER):
        return "a number that is not finite or is beyond 10**15"
    if kind in (list, tuple, set, frozenset):
        if depth or len(answer) > 10_000:
            return "a list of lists, or of more than 10,000 items (a list holds at most 10,000 plain items)"
        for item in answer:
            problem = plain_value_problem(item, depth + 1)
            if problem:
                return problem
    return None


def coerce_answer(question: dict[str, str], answer: Any, case: Case) -> Any:
    """Turn the student's answer into a comparable value or raise InvalidAnswer with one sentence."""
    kind, qid = question["kind"], question["id"]
    if kind == "review":  # the one kind whose answer is a dict: the student's ClaimReview
        return _coerce_review(question, answer)
    answer = from_numpy(answer)
    problem = plain_value_problem(answer)
    if problem:
        raise InvalidAnswer(f"{qid} expects {expected_form(question)}; you gave {problem}.")
    expects = f"{qid} expects {expected_form(question)}; you gave {_describe(answer)}."
    if kind in ("articles", "sentences"):
        if isinstance(answer, str) or not isinstance(answer, (list, tuple, set)):
            raise InvalidAnswer(expects)
        items = []
        for item in answer:
            if not isinstance(item, str):
                raise InvalidAnswer(f"{qid} expects {expected_form(question)}; {item!r} in your list is not a string in quotes.")
            items.append(normalise_id(item, case))
        _check_ids(items, kind, qid, case)
        return frozenset(items)
    if kind in ("article", "sentence"):
        if not isinstance(answer, str):
            raise InvalidAnswer(expects)
        item = normalise_id(answer, case)
        _check_ids([item], kind, qid, case)
        return item
    if kind == "choice":
        if not isinstance(answer, str):
            raise InvalidAnswer(expects)
        options = {o.casefold(): o for o in split_items(question.get("options", ""))}
        chosen = answer.strip().casefold()
        if chosen not in options:
            close = difflib.get_close_matches(chosen, list(options), n=1)
            hint = f" Did you mean {options[close[0]]!r}?" if close else ""
            raise InvalidAnswer(f"{qid} expects {expected_form(question)}; {answer!r} is not one of them.{hint}")
        return chosen
    if kind == "number":
        if isinstance(answer, bool) or not isinstance(answer, numbers.Real) or math.isnan(answer):
            raise InvalidAnswer(expects)
        return float(answer)
    if kind == "text":
        if not isinstance(answer, str) or not answer.strip():
            raise InvalidAnswer(expects)
        return " ".join(answer.split()).casefold()
    if kind == "date":
        if isinstance(answer, dt.datetime):
            return answer.date()
        if isinstance(answer, dt.date):
            return answer
        if isinstance(answer, str):
            try:
                return dt.date.fromisoformat(answer.strip())
            except ValueError:
                pass
        raise InvalidAnswer(expects)
    if kind == "trail":
        return _coerce_trail(question, answer)
    raise InvalidAnswer(f"{qid} has an unknown kind {kind!r} in the key; tell your instructor.")


def _coerce_trail(question: dict[str, str], answer: Any) -> tuple:
    try:
        return tuple(encode_trail(decode_trail(answer)))
    except ValueError as exc:
        raise InvalidAnswer(f"{question['id']} expects {expected_form(question)}; {exc}.") from None


def _coerce_review(question: dict[str, str], answer: Any) -> dict[str, Any]:
    """A ClaimReview answer: a plain, JSON-safe dict within the limits of :func:`kit.rubric.document_problem`, copied."""
    problem = document_problem(answer)
    if problem:
        raise InvalidAnswer(f"{question['id']} expects {expected_form(question)}; you gave {problem}.")
    return document_copy(answer)


def _check_ids(items: list[str], kind: str, qid: str, case: Case) -> None:
    known = set(case.articles["article_id"]) if kind.startswith("article") else set(case.sentences["sentence_id"])
    looks = is_article_id if kind.startswith("article") else is_sentence_id
    example = "A1" if kind.startswith("article") else "A1.S3"
    for item in items:
        if item not in known:
            if looks(item):
                raise InvalidAnswer(
                    f"{item} is not {'an article' if kind.startswith('article') else 'a sentence'} of this case; "
                    f"look the id up in case.{'articles' if kind.startswith('article') else 'sentences'}."
                )
            raise InvalidAnswer(f"{qid} expects ids like {example!r}; {item!r} is not one.")
