"""Checking answers: ``kit.check("q0.1", answer)`` with feedback that explains why.

Questions are data: ``keys/questions.csv`` in the case folder, one line per
question, with the columns

========== =================================================================
id         the question id used in notebooks, e.g. ``q0.1``
kind       what the answer is (see ``KINDS``)
prompt     the question in a few words (for instructors' reports)
answer     the expected answer; list items separated by ``;``
options    for ``choice``: the allowed values separated by ``;``
match      for lists: ``exact`` (the whole set, the default), ``any``
           (at least one of the listed items and nothing else) or ``any:N``
           (as ``any``, drawn from at least N different articles)
tolerance  for ``number``: how far off an answer may be (default 0)
explanation one sentence shown when the answer is right; cites sentence ids
hint       one sentence shown when it is not right yet
defensible optional: other answers that are arguable, each with its own
           message (see below)
========== =================================================================

How answers are compared: ids, choices, numbers (within ``tolerance``) and
dates exactly (ids and choices forgive case and spaces around them; an id may
be given as its article's file name). A ``text`` answer matches one ``;``-separated item of ``answer`` when it is the
same text, the same words without the punctuation around them, or the same
word stems (``refute``, ``refutes``, ``refuted``, ``refuting``) with at most
three other words around them, none a negation ("not", "no", "never", "n't",
...): "staunchly refuted" matches ``refuted``, "never refuted" does not. The
rule and the stemmer are :mod:`kit.answer_match`.

Defensible alternatives: the column ``defensible`` holds one or more entries
``answer => message`` separated by `` || ``, e.g.
``opinion => a forecast is also a view; the key prefers 'prediction' because ...``.
``answer`` is written like the ``answer`` column (for list kinds a
``;``-separated list, matched with the question's ``match``); ``message`` must
name the key's answer or say what the key "prefers". An answer that matches an
entry (and not the key) is *correct* with the message "Defensible. <message>"
instead of the explanation. The validator checks every entry like an answer and
rejects one that the key's answer already accepts.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import math
import numbers
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .answer_match import defensible_message, grade, names_preference, normalise_id, parse_defensible, split_items
from .core import store as _store
from .core.case import Case, is_article_id, is_sentence_id, resolve_case
from .core.paths import GRADING_ENV
from .core.registry import register_key
from .display import PALETTE
from .core.errors import CaseError
from .course import no_key_message, unknown_question
from .answer_trail import decode_trail, encode_trail, trail_key_problem
from .exam import withhold

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
}
QUESTION_COLUMNS = ["id", "kind", "prompt", "answer", "options", "match", "tolerance", "explanation", "hint", "defensible"]
_CITE = re.compile(r"\bA\d+\.S\d+\b")
_STATUS_STYLE = {
    status: (icon, title, PALETTE["feedback"][f"{status}_background"], PALETTE["feedback"][status])
    for status, icon, title in (
        ("correct", "✓", "Correct"),
        ("incorrect", "✗", "Not yet right"),
        ("unanswered", "…", "Not answered yet"),
        ("invalid", "⚠", "Cannot check this yet"),
        ("recorded", "•", "Recorded"),
    )
}


@dataclass(frozen=True)
class Feedback:
    """The result of a check: renders as a coloured box in Jupyter and as one line in text.

    Attributes:
        question: the question id.
        status: ``correct``, ``incorrect``, ``unanswered``, ``invalid``, or ``recorded`` (exam mode, grader's sandbox).
        message: one or two sentences that say why.
        note: a remark about saving the answer ("" when it was saved normally).

    >>> Feedback("q0.1", "correct", "A2 names its author.")
    q0.1 ✓ Correct. A2 names its author.
    """

    question: str
    status: str
    message: str
    note: str = ""

    def __bool__(self) -> bool:
        return self.status == "correct"

    correct = property(__bool__, doc="True when the answer is right.")

    def __repr__(self) -> str:
        icon, title, _, _ = _STATUS_STYLE[self.status]
        text = f"{self.question} {icon} {title}. {self.message}".rstrip()
        return text + (f" Note: {self.note}" if self.note else "")

    def _repr_html_(self) -> str:
        icon, title, background, colour = _STATUS_STYLE[self.status]
        note = f'<div style="margin-top:4px;font-size:90%">Note: {html.escape(self.note)}</div>' if self.note else ""
        return (
            f'<div class="kit-feedback kit-{self.status}" style="background:{background};'
            f'border-left:4px solid {colour};padding:6px 10px;margin:4px 0">'
            f'<strong style="color:{colour}">{icon} {html.escape(self.question)}: {title}.</strong> '
            f"{html.escape(self.message)}{note}</div>"
        )


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


class _Invalid(Exception):
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


def _coerce(question: dict[str, str], answer: Any, case: Case) -> Any:
    """Turn the student's answer into a comparable value or raise _Invalid with one sentence."""
    kind, qid = question["kind"], question["id"]
    answer = from_numpy(answer)
    problem = plain_value_problem(answer)
    if problem:
        raise _Invalid(f"{qid} expects {expected_form(question)}; you gave {problem}.")
    expects = f"{qid} expects {expected_form(question)}; you gave {_describe(answer)}."
    if kind in ("articles", "sentences"):
        if isinstance(answer, str) or not isinstance(answer, (list, tuple, set)):
            raise _Invalid(expects)
        items = []
        for item in answer:
            if not isinstance(item, str):
                raise _Invalid(f"{qid} expects {expected_form(question)}; {item!r} in your list is not a string in quotes.")
            items.append(normalise_id(item, case))
        _check_ids(items, kind, qid, case)
        return frozenset(items)
    if kind in ("article", "sentence"):
        if not isinstance(answer, str):
            raise _Invalid(expects)
        item = normalise_id(answer, case)
        _check_ids([item], kind, qid, case)
        return item
    if kind == "choice":
        if not isinstance(answer, str):
            raise _Invalid(expects)
        options = {o.casefold(): o for o in split_items(question.get("options", ""))}
        chosen = answer.strip().casefold()
        if chosen not in options:
            close = difflib.get_close_matches(chosen, list(options), n=1)
            hint = f" Did you mean {options[close[0]]!r}?" if close else ""
            raise _Invalid(f"{qid} expects {expected_form(question)}; {answer!r} is not one of them.{hint}")
        return chosen
    if kind == "number":
        if isinstance(answer, bool) or not isinstance(answer, numbers.Real) or math.isnan(answer):
            raise _Invalid(expects)
        return float(answer)
    if kind == "text":
        if not isinstance(answer, str) or not answer.strip():
            raise _Invalid(expects)
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
        raise _Invalid(expects)
    if kind == "trail":
        try:
            return tuple(encode_trail(decode_trail(answer)))
        except ValueError as exc:
            raise _Invalid(f"{qid} expects {expected_form(question)}; {exc}.") from None
    raise _Invalid(f"{qid} has an unknown kind {kind!r} in the key; tell your instructor.")


def _check_ids(items: list[str], kind: str, qid: str, case: Case) -> None:
    known = set(case.articles["article_id"]) if kind.startswith("article") else set(case.sentences["sentence_id"])
    looks = is_article_id if kind.startswith("article") else is_sentence_id
    example = "A1" if kind.startswith("article") else "A1.S3"
    for item in items:
        if item not in known:
            if looks(item):
                raise _Invalid(
                    f"{item} is not {'an article' if kind.startswith('article') else 'a sentence'} of this case; "
                    f"look the id up in case.{'articles' if kind.startswith('article') else 'sentences'}."
                )
            raise _Invalid(f"{qid} expects ids like {example!r}; {item!r} is not one.")


def _entry_values(q: dict[str, str], raw: str, case: Case) -> list[Any]:
    """Coerce an answer as the key writes it into the values a student could give (raises _Invalid or ValueError)."""
    kind = q["kind"]
    if kind in ("articles", "sentences"):
        return [_coerce(q, split_items(raw), case)]
    if kind == "number":
        return [float(raw)]
    if kind == "date":
        return [dt.date.fromisoformat(raw)]
    if kind == "trail" and (problem := trail_key_problem(q["id"], raw, case.path)):
        raise _Invalid(problem)
    return [] if kind == "trail" else [_coerce(q, item, case) for item in split_items(raw)]


def _entry_problem(q: dict[str, str], raw: str, case: Case) -> str | None:
    """Say in one sentence why ``raw`` is not a valid answer of the question's kind (None when it is)."""
    try:
        _entry_values(q, raw, case)
    except _Invalid as exc:
        return str(exc)
    except ValueError:
        return f"{raw!r} is not a {'date (YYYY-MM-DD)' if q['kind'] == 'date' else 'number'}"
    return None


def _check_citations(text: str, where: str, sentence_ids: set[str], problems: list[str]) -> None:
    """Report each sentence id cited in ``text`` that the case lacks; ``where`` names the file, line and field."""
    for sid in _CITE.findall(text):
        if sid not in sentence_ids:
            problems.append(f"{where} cites {sid}, which is not a sentence of this case.")


def _check_defensible(q: dict[str, str], where: str, case: Case, problems: list[str]) -> None:
    """Report every problem of a question's ``defensible`` entries, one sentence each."""
    sentence_ids = set(case.sentences["sentence_id"])
    for n, (answer, message) in enumerate(parse_defensible(q["defensible"]), start=1):
        entry = f"{where}, field 'defensible', entry {n}"
        if not answer or not message:
            problems.append(
                f"{entry}: write it as 'answer => message' (entries separated by ' || '); "
                f"the {'message' if answer else 'answer'} is missing."
            )
            continue
        detail = _entry_problem(q, answer, case)
        if detail:
            problems.append(f"{entry}: {detail}")
            continue
        if any(grade(q, value, case)[0] for value in _entry_values(q, answer, case)):
            problems.append(
                f"{entry}: {answer!r} is already accepted by the answer {q['answer']!r}; "
                "a defensible answer must be a different one."
            )
        if not names_preference(message, q["answer"]):
            problems.append(
                f"{entry}: the message must say what the key prefers; name the answer {q['answer']!r} "
                "or write 'the key prefers ... because ...'."
            )
        _check_citations(message, entry, sentence_ids, problems)


def validate_questions(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report every problem of a questions key (used by the case validator).

    Each question needs a known kind, an answer of that kind whose ids exist in
    the case, and an explanation that cites at least one existing sentence id.
    Each ``defensible`` entry must be a valid answer of the same kind that the
    answer does not already accept, with a message that says what the key prefers.
    """
    sentence_ids = set(case.sentences["sentence_id"])
    for line, row in rows:
        q = {c: (row.get(c) or "").strip() for c in QUESTION_COLUMNS}
        where = f"{label}, line {line} ({q['id'] or 'no id'})"
        missing = [c for c in ("id", "kind", "answer", "explanation", "hint") if not q[c]]
        if missing:
            problems.append(f"{where}: the field {missing[0]!r} is empty; every question needs {', '.join(missing)}.")
            continue
        if q["kind"] not in KINDS:
            problems.append(f"{where}, field 'kind': {q['kind']!r} is not a kind; use one of {', '.join(KINDS)}.")
            continue
        if q["kind"] == "choice" and not split_items(q["options"]):
            problems.append(f"{where}, field 'options' is empty; list the choices separated by ';'.")
            continue
        if not re.fullmatch(r"|exact|any(:\d+)?", q["match"]):
            problems.append(f"{where}, field 'match': {q['match']!r} is not 'exact', 'any' or 'any:N'.")
        detail = _entry_problem(q, q["answer"], case) or _tolerance_problem(q)
        if detail:
            problems.append(f"{where}, field 'answer': {detail}")
        elif q["defensible"]:
            _check_defensible(q, where, case, problems)
        if not _CITE.findall(q["explanation"]):
            problems.append(
                f"{where}, field 'explanation' cites no sentence id; name the evidence, e.g. 'see A2.S3'."
            )
        _check_citations(q["explanation"], f"{where}, field 'explanation'", sentence_ids, problems)


def _tolerance_problem(q: dict[str, str]) -> str | None:
    try:
        float(q["tolerance"] or 0) if q["kind"] == "number" else None
    except ValueError:
        return f"{q['answer']!r} is not a number"
    return None


def questions(case: Case | str | Path | None = None):
    """Return the questions of a case as a table (without their answers).

    >>> "q0.1" in set(questions()["id"])
    True
    """
    loaded = resolve_case(case)
    table = loaded.keys.get("questions")
    if table is None:
        import pandas as pd
        return pd.DataFrame(columns=["id", "kind", "prompt"])
    return table.reindex(columns=["id", "kind", "prompt"]).reset_index(drop=True)


def check(question_id: str, answer: Any, case: Case | str | Path | None = None, *,
          save: bool = True, scoring: bool = False) -> Feedback:
    """Check an answer against the case's key and record the attempt.

    Never raises for a student's mistake: an unknown question, an answer of the
    wrong type or an unknown id gets a friendly sentence instead.

    Args:
        question_id: the id printed above the question, e.g. ``"q0.1"``.
        answer: the student's answer; ``...`` (Ellipsis) means "not answered yet".
        case: a loaded case, a case folder, or ``None`` for the seeds.
        save: record the attempt in the answers file (``kit.answers_path()``).
        scoring: the grader's own scoring: exam questions (:mod:`kit.exam`) are scored, not only recorded.

    Returns:
        A :class:`Feedback` that shows as a coloured box in Jupyter.

    >>> check("q0.1", ..., save=False)
    q0.1 … Not answered yet. Replace ... with a list of article ids, like ['A1', 'A3'], then run the cell again.
    >>> check("q0.1", "A2", save=False).status
    'invalid'
    """
    if os.environ.get(GRADING_ENV) == "1":  # in the grader's sandbox: no key here; the grader scores the answer
        return Feedback(str(question_id), "recorded", "The grader scores this answer with the key.")
    try:
        loaded = resolve_case(case)
    except CaseError as exc:
        return Feedback(str(question_id), "invalid", str(exc))
    if (table := loaded.keys.get("questions")) is None:
        return Feedback(str(question_id), "invalid", no_key_message(loaded, "questions"))
    by_folded = {str(i).casefold(): i for i in table["id"]}
    qid = by_folded.get(question_id.strip().casefold()) if isinstance(question_id, str) else None
    if qid is None:
        return Feedback(str(question_id), "invalid", unknown_question(question_id, list(table["id"]), loaded.name))
    question = {c: ("" if v is None else str(v)) for c, v in table[table["id"] == qid].iloc[0].to_dict().items()}
    if answer is ... or (question["kind"] == "trail" and isinstance(answer, list) and not answer):
        return Feedback(qid, "unanswered", f"Replace ... with {expected_form(question)}, then run the cell again.")
    try:
        value = _coerce(question, answer, loaded)
    except _Invalid as exc:
        status, message = "invalid", str(exc)
    else:
        right, remark = grade(question, value, loaded)
        why = None if right else defensible_message(question, value, loaded)
        if right:
            status, message = "correct", question["explanation"] + (f" {remark}" if question["kind"] == "trail" else "")
        elif why is not None:
            status, message = "correct", f"Defensible. {why}"
        else:
            status, message = "incorrect", f"{remark} Hint: {question['hint']}"
    status, message = withhold(qid, status, message, scoring)
    plain = from_numpy(answer)
    kept = plain if plain_value_problem(plain) is None else f"<not a plain value: {type(answer).__name__}>"
    note = _store.record(qid, kept, status, loaded.name) if save else ""
    return Feedback(qid, status, message, note)


def progress(prefix: str = "", case: Case | str | Path | None = None, path: str | Path | None = None):
    """Summarise a student's attempts for every question of the case whose id starts with ``prefix``.

    Questions not tried yet are listed too, with 0 attempts.

    Args:
        prefix: e.g. ``"q0."`` for the questions of lesson 00; ``""`` for all.
        case: a loaded case, a case folder, or ``None`` for the seeds.
        path: an answers file; the student's own (``kit.answers_path()``) when ``None``.

    Returns:
        A DataFrame indexed by question with ``prompt``, ``attempts``, ``solved`` and ``last_status``.

    >>> table = progress("q0.", path="/nonexistent/answers.json")
    >>> table.loc["q0.1", "last_status"], int(table.loc["q0.1", "attempts"])
    ('not tried', 0)
    """
    import pandas as pd

    listed = questions(case)
    listed = listed[listed["id"].astype(str).str.startswith(prefix)]
    tried = _store.answers(path)
    rows = []
    for qid, prompt in zip(listed["id"], listed["prompt"]):
        mine = tried[tried["question"] == qid]
        rows.append(
            {
                "question": qid,
                "prompt": prompt,
                "attempts": len(mine),
                "solved": bool((mine["status"] == "correct").any()),
                "last_status": str(mine["status"].iloc[-1]) if len(mine) else "not tried",
            }
        )
    columns = ["question", "prompt", "attempts", "solved", "last_status"]
    return pd.DataFrame(rows, columns=columns).set_index("question")


register_key("questions", validate_questions)
