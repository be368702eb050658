"""Exam mode: the pre- and post-test record a student's answers and show no feedback until the teacher releases it.

A question is an *exam question* when its lesson (the ``90`` of ``q90.1``) is
one of :data:`EXAM_LESSONS` and that lesson's feedback has not been released.
``kit.check`` on an exam question records the answer as usual but, instead of
saying whether it is right (with the explanation or the hint), answers with the
status ``recorded`` and :data:`EXAM_MESSAGE`; the answers file keeps the status
``recorded`` too, so nothing in the student's kernel says which answer is right.

The teacher releases the feedback by setting the environment variable named by
:data:`kit.core.paths.RELEASE_ENV` (``KIT_FEEDBACK_RELEASED``) to the lessons,
e.g. ``90,91`` (or ``all``); from then on those checks behave as in any lesson.
Answers that are malformed or missing still get their usual message (it says
what form an answer takes, never whether it is right).

The grader scores exam answers in its own process with
``kit.check(..., save=False, scoring=True)``: what is graded is what the student
chose, whatever the release.

>>> os.environ.pop(RELEASE_ENV, None) and None
>>> is_exam_question("q90.1"), is_exam_question("q1.2")
(True, False)
>>> withhold("q90.1", "correct", "A0.S13 guesses.")
('recorded', 'Your teacher releases the feedback after the test.')
"""

from __future__ import annotations

import os
import re

from .core.paths import RELEASE_ENV

EXAM_LESSONS = frozenset({90, 91, 92})
"""The assessment lessons (pre-test 90, post-test 91, delayed retest 92): exam questions until released."""
EXAM_MESSAGE = "Your teacher releases the feedback after the test."
"""What ``kit.check`` says about a recorded exam answer (its title already reads "Recorded.")."""
WITHHELD = frozenset({"correct", "incorrect"})
"""The statuses an exam check hides: they would tell whether the answer is right."""
_LESSON = re.compile(r"\s*q(\d+)\.\w+\s*", re.I)


def lesson_of_question(question_id: object) -> int | None:
    """Return the lesson number of a question id (``q90.1`` → 90), or ``None`` for anything else.

    >>> lesson_of_question("q90.1"), lesson_of_question("Q91.5 "), lesson_of_question("x90.1"), lesson_of_question(3)
    (90, 91, None, None)
    """
    match = _LESSON.fullmatch(question_id) if isinstance(question_id, str) else None
    return int(match[1]) if match else None


def is_worked_example(question_id: object) -> bool:
    """Say whether a question is a lesson's worked example (``w0.1``): shown with its answer, never recorded.

    A lesson demonstrates ``kit.check`` on it, so its attempts are not the student's own and stay out of
    their answers file, and a student release keeps its answer in plain text.

    >>> is_worked_example("w0.1"), is_worked_example(" W3.2"), is_worked_example("q0.1"), is_worked_example(None)
    (True, True, False, False)
    """
    return isinstance(question_id, str) and question_id.strip().casefold().startswith("w")


def released_lessons(setting: str | None = None) -> frozenset[int]:
    """Return the lessons whose feedback the teacher has released.

    Args:
        setting: the release setting, e.g. ``"90,91"``, ``"90"`` or ``"all"``;
            ``None`` reads ``$KIT_FEEDBACK_RELEASED`` (unset: nothing released).
            Every number in it is a lesson (``"q90, 91_post_test"`` works too).

    >>> sorted(released_lessons("90, 91")), sorted(released_lessons("all")), sorted(released_lessons(""))
    ([90, 91], [90, 91, 92], [])
    """
    text = os.environ.get(RELEASE_ENV, "") if setting is None else setting
    if text.strip().casefold() == "all":
        return EXAM_LESSONS
    return frozenset(int(n) for n in re.findall(r"\d+", text))


def is_exam_question(question_id: object, released: frozenset[int] | None = None) -> bool:
    """Say whether a question's feedback is held back: its lesson is an assessment and is not released.

    Args:
        question_id: a question id such as ``"q90.1"``.
        released: the released lessons; ``None`` reads the environment (:func:`released_lessons`).

    >>> is_exam_question("q91.2", frozenset()), is_exam_question("q91.2", frozenset({91}))
    (True, False)
    """
    lesson = lesson_of_question(question_id)
    if lesson not in EXAM_LESSONS:
        return False
    return lesson not in (released_lessons() if released is None else released)


def withhold(question_id: str, status: str, message: str, scoring: bool = False) -> tuple[str, str]:
    """Return the status and message a check shows: ``recorded`` for a right or wrong exam answer, else unchanged.

    Args:
        question_id: the question's id.
        status: the check's status (``correct``, ``incorrect``, ``invalid``, ...).
        message: the check's message (the explanation or the hint).
        scoring: ``True`` in the grader's own scoring, which always sees the real result.

    >>> withhold("q90.2", "incorrect", "Hint: look for 'By'.", scoring=True)
    ('incorrect', "Hint: look for 'By'.")
    >>> withhold("q90.2", "invalid", "q90.2 expects one article id.")
    ('invalid', 'q90.2 expects one article id.')
    """
    if scoring or status not in WITHHELD or not is_exam_question(question_id):
        return status, message
    return "recorded", EXAM_MESSAGE
