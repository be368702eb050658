"""Comparing an answer with the key: exact rules for ids, choices, numbers and dates, a forgiving one for text.

:mod:`kit.checks` turns the student's answer into a comparable value (a
canonical id, a frozenset of ids, a float, a date, a folded text) and then
calls :func:`grade`; a wrong answer is tried against the question's
defensible alternatives with :func:`defensible_message`.

**Text answers** (kind ``text``) are matched in three steps; the first that
succeeds accepts the answer:

1. *Same text*: equal after folding case and collapsing white space (the old rule).
2. *Same words*: equal word for word, where a word is a run of non-space
   characters with the punctuation around it removed ("Debunked." is
   "debunked"; "'pure fiction'" is "pure fiction"; "00:00" keeps its colon).
3. *Same stems, a few words more*: every word of letters is reduced by
   :func:`stem` (other words must be equal); the key's words must appear, in
   order and side by side, in the answer, with at most :data:`MAX_EXTRA_WORDS`
   words around them, none of which is a negation (:func:`is_negation`).
   So "staunchly refuted" and "refute" match "refuted", but "not refuted",
   "never debunked" and "didn't refute" do not.

**Stems** (:func:`stem`): the first rule of :data:`SUFFIXES` that fits is
removed (-ing, -ied and -ies become -y, -ed, -s) as long as at least
:data:`MIN_STEM` letters remain; then a final silent "e" is dropped and a
final doubled consonant is halved. So -es and -d need no rule of their own:
"refutes", "refuted", "refuting" and "refute" all become "refut", "stopped"
and "stop" become "stop", "denied" and "denies" become "deny". The rule is
small on purpose; short or irregular words ("said", "ran") are left alone.

**ClaimReview answers** (kind ``review``) are judged by the rubric the key's
``answer`` column states (``valid; articles:3; rating:q5.1``), see :mod:`kit.rubric`;
a rating is accepted when the verdict question accepts it (its answer or a
defensible entry).

**Defensible alternatives** (column ``defensible`` of ``keys/questions.csv``):
one or more entries ``answer => message`` separated by `` || ``; ``answer`` is
written like the ``answer`` column (a ``;``-separated list for list kinds);
``message`` says why it is defensible and what the key prefers.

>>> text_matches("Staunchly refuted.", "refute"), text_matches("not refuted", "refuted")
(True, False)
>>> parse_defensible("A3 => arguable; the key prefers A2 || A4 => also arguable; the key prefers A2")
[('A3', 'arguable; the key prefers A2'), ('A4', 'also arguable; the key prefers A2')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .core import lexicon
from .answer_trail import grade_trail
from .rubric import Setting, judge

if TYPE_CHECKING:
    from .core.case import Case

SUFFIXES: tuple[tuple[str, str], ...] = (("ing", ""), ("ied", "y"), ("ies", "y"), ("ed", ""), ("s", ""))
"""Inflection rules ``(suffix, replacement)``, tried in order; the first that fits is used."""

MIN_STEM = 3
"""A suffix is removed only if at least this many letters remain."""

MAX_EXTRA_WORDS = 3
"""How many words an answer may add around the key's words (so a one-word key accepts up to 4 words)."""

NEGATIONS = frozenset(lexicon.words("negation"))
"""Words that negate, from the lexicon (kind ``negation``)."""
"""Words that turn an answer into its opposite; any word ending in "n't" counts too."""

ENTRY_SEPARATOR = "||"
"""Separates the entries of the ``defensible`` column."""

ANSWER_SEPARATOR = "=>"
"""Separates an entry's answer from its message."""

_VOWELS = set("aeiouy")
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


def stem(word: str) -> str:
    """Reduce a word to a crude stem so that its inflections compare equal.

    See the module docstring for the rule. Only for comparing: the stem need
    not be a word.

    >>> [stem(w) for w in ("refute", "refutes", "refuted", "refuting")]
    ['refut', 'refut', 'refut', 'refut']
    >>> stem("Debunked"), stem("stopped"), stem("denies"), stem("said")
    ('debunk', 'stop', 'deny', 'said')
    """
    word = word.casefold()
    for suffix, replacement in SUFFIXES:
        rest = word[: len(word) - len(suffix)] + replacement
        if word.endswith(suffix) and len(rest) >= MIN_STEM:
            word = rest
            break
    if word.endswith("e") and len(word) > MIN_STEM:
        word = word[:-1]
    if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in _VOWELS:
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """Split a text into lower-case words without the punctuation around them.

    >>> words(" 'Pure  Fiction!' ")
    ['pure', 'fiction']
    >>> words("He didn’t -- at 00:00.")
    ['he', "didn't", 'at', '00:00']
    """
    folded = str(text).replace("\u2019", "'").replace("\u2018", "'").casefold()
    return [w for w in (_EDGE.sub("", token) for token in folded.split()) if w]


def is_negation(word: str) -> bool:
    """Tell whether a word (from :func:`words`) negates: one of :data:`NEGATIONS` or ending in "n't".

    >>> is_negation("never"), is_negation("couldn't"), is_negation("know")
    (True, True, False)
    """
    return word in NEGATIONS or word.endswith("n't")


def comparable(word: str) -> str:
    """The form a word is compared in: its stem when it is all letters, else the word itself.

    >>> comparable("Refuted"), comparable("00:00")
    ('refut', '00:00')
    """
    return stem(word) if word.isalpha() else word


def text_matches(given: str, accepted: str) -> bool:
    """Tell whether a student's text says the same as one accepted text of the key.

    See the module docstring for the three steps.

    >>> [text_matches(a, "debunked") for a in ("Debunked.", "debunk", "swiftly debunked", "never debunked")]
    [True, True, True, False]
    >>> text_matches("fiction", "pure fiction"), text_matches("'Pure fiction'", "pure fiction")
    (False, True)
    """
    if " ".join(str(given).split()).casefold() == " ".join(str(accepted).split()).casefold():
        return True
    said, key = words(given), words(accepted)
    if not key or said == key:
        return bool(key)
    if len(said) > len(key) + MAX_EXTRA_WORDS:
        return False
    said_stems, key_stems = [comparable(w) for w in said], [comparable(w) for w in key]
    width = len(key)
    for start in range(len(said) - width + 1):
        if said_stems[start : start + width] == key_stems:
            extra = said[:start] + said[start + width :]
            if not any(is_negation(w) for w in extra):
                return True
    return False


def parse_defensible(cell: str) -> list[tuple[str, str]]:
    """Read the ``defensible`` column: a list of ``(answer, message)``, in order.

    An entry without ``=>`` comes back with an empty message (the validator
    reports it); an empty cell gives ``[]``.

    >>> parse_defensible("")
    []
    >>> parse_defensible("opinion => Defensible too; the key prefers 'loaded' because ... || broken")
    [('opinion', "Defensible too; the key prefers 'loaded' because ..."), ('broken', '')]
    """
    entries = []
    for entry in str(cell or "").split(ENTRY_SEPARATOR):
        if not entry.strip():
            continue
        answer, _, message = entry.partition(ANSWER_SEPARATOR)
        entries.append((answer.strip(), message.strip()))
    return entries


def split_items(value: str) -> list[str]:
    """Split a key's list (``"A1; A3"``) into its items, without blanks.

    >>> split_items(" A1 ;; A3 ")
    ['A1', 'A3']
    """
    return [part.strip() for part in str(value).split(";") if part.strip()]


def normalise_id(value: str, case: Case) -> str:
    """Accept 'a2.s3', ' A2 ' or a file name for an id; return the canonical id."""
    value = value.strip()
    files = dict(zip(case.articles["file"], case.articles["article_id"]))
    if value in files:
        return files[value]
    return value.upper()


def _plural(n: int, word: str, suffix: str = "s") -> str:
    return f"{word}{suffix if n != 1 else ''}"


def _grade_list(question: dict[str, str], value: frozenset, case: Case) -> tuple[bool, str]:
    expected = frozenset(normalise_id(v, case) for v in split_items(question["answer"]))
    return grade_list_with(value, expected.__contains__, len(expected), question.get("match") or "")


def grade_list_with(value: frozenset, accepted: Callable[[str], bool], size: int, match: str) -> tuple[bool, str]:
    """Grade a list answer against the key's list, known only by a membership test and its size.

    The plain key passes ``set.__contains__``; a sealed key (:mod:`kit.sealed`) a test on salted digests,
    so both give the same remarks.

    >>> grade_list_with(frozenset({"A1"}), {"A1", "A3"}.__contains__, 2, "")
    (False, 'What you named is right, but 1 more belongs in the list.')
    >>> grade_list_with(frozenset({"A1.S2", "A2.S4"}), {"A1.S2", "A2.S4", "A3.S1"}.__contains__, 3, "any:2")
    (True, '')
    """
    wrong = sorted(v for v in value if not accepted(v))
    match = match.strip() or "exact"
    if match.startswith("any"):
        need = int(match.split(":")[1]) if ":" in match else 1
        spread = len({v.split(".")[0] for v in value})
        if value and not wrong and spread >= need:
            return True, ""
        if not value:
            return False, "Your list is empty; name at least one."
        if not wrong:
            return False, f"Your evidence comes from {spread} {_plural(spread, 'article')}; cite at least {need} different articles."
    elif not wrong and len(value) == size:
        return True, ""
    if wrong:
        return False, f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not right here."
    more = size - len(value)
    return False, f"What you named is right, but {more} more {'belongs' if more == 1 else 'belong'} in the list."


def _grade_id(question: dict[str, str], value: str, case: Case) -> tuple[bool, str]:
    accepted = {normalise_id(v, case) for v in split_items(question["answer"])}
    return (value in accepted), f"{value} is not the one."


def _grade_choice(question: dict[str, str], value: str, case: Case) -> tuple[bool, str]:
    accepted = {v.casefold() for v in split_items(question["answer"])}
    return (value in accepted), f"{value!r} is not the best answer."


def _grade_number(question: dict[str, str], value: float, case: Case) -> tuple[bool, str]:
    tolerance = float(question.get("tolerance") or 0)
    target = float(question["answer"])
    if abs(value - target) <= tolerance:
        return True, ""
    shown = int(value) if value == int(value) else value
    return False, f"{shown} is {'too high' if value > target else 'too low'}."


def _grade_text(question: dict[str, str], value: str, case: Case) -> tuple[bool, str]:
    return any(text_matches(value, v) for v in split_items(question["answer"])), "That is not what the key has."


def _grade_date(question: dict[str, str], value: dt.date, case: Case) -> tuple[bool, str]:
    target = dt.date.fromisoformat(question["answer"].strip())
    if value == target:
        return True, ""
    gap = (value - target).days
    return False, f"{value.isoformat()} is {abs(gap)} {_plural(abs(gap), 'day')} too {'late' if gap > 0 else 'early'}."


def _accepts_rating(question: dict[str, str], rating: str) -> bool:
    """Whether a choice question accepts a rating: its answer, or one of its defensible entries."""
    return grade(question, rating, None)[0] or defensible_message(question, rating, None) is not None


def review_setting(case: Case) -> Setting:
    """What a ClaimReview rubric is judged against in a case: its sentence ids and its questions key.

    >>> from kit.core.case import load_case
    >>> review_setting(load_case()).questions["q5.1"]["kind"]
    'choice'
    """
    table = case.keys.get("questions")
    rows = [] if table is None else table.to_dict("records")
    questions = {str(r["id"]): {c: "" if v is None or v != v else str(v) for c, v in r.items()} for r in rows}
    return Setting(frozenset(case.sentences["sentence_id"]), questions, _accepts_rating)


def _grade_review(question: dict[str, str], value: dict, case: Case) -> tuple[bool, str]:
    return judge(question["answer"], value, review_setting(case))


GRADERS: dict[str, Callable[[dict[str, str], Any, Any], tuple[bool, str]]] = {
    "articles": _grade_list,
    "sentences": _grade_list,
    "article": _grade_id,
    "sentence": _grade_id,
    "choice": _grade_choice,
    "number": _grade_number,
    "text": _grade_text,
    "date": _grade_date,
    "trail": lambda question, value, case: grade_trail(question, list(value)),
    "review": _grade_review,
}
"""Kind of question → ``grade(question, value, case) -> (right, remark when wrong)``."""


def grade(question: dict[str, str], value: Any, case: Case) -> tuple[bool, str]:
    """Compare a coerced answer with the key; return (correct, a specific remark when it is wrong).

    >>> grade({"kind": "number", "answer": "3", "tolerance": ""}, 4.0, None)
    (False, '4 is too high.')
    >>> grade({"kind": "text", "answer": "debunked; refuted"}, "staunchly refuted", None)[0]
    True
    """
    grader = GRADERS.get(question["kind"])
    return grader(question, value, case) if grader else (False, "")


def defensible_message(question: dict[str, str], value: Any, case: Case) -> str | None:
    """Return the message of the first defensible entry that a coerced answer matches, else ``None``.

    >>> q = {"kind": "choice", "answer": "loaded", "defensible": "opinion => the key prefers 'loaded'"}
    >>> defensible_message(q, "opinion", None), defensible_message(q, "fact", None)
    ("the key prefers 'loaded'", None)
    """
    for answer, message in parse_defensible(question.get("defensible") or ""):
        if answer and message and grade({**question, "answer": answer}, value, case)[0]:
            return message
    return None


_PREFERS = re.compile(r"\bprefer", re.IGNORECASE)


def names_preference(message: str, answer: str) -> bool:
    """Tell whether a defensible message says what the key prefers: "prefer..." or every item of the answer.

    >>> names_preference("Arguable; the key prefers A2.", "A2"), names_preference("A2 fits better.", "A2")
    (True, True)
    >>> names_preference("Also arguable.", "A2")
    False
    """
    items = split_items(answer)
    named = all(re.search(rf"(?<!\w){re.escape(item)}(?!\w)", message, re.IGNORECASE) for item in items)
    return bool(_PREFERS.search(message)) or (bool(items) and named)
