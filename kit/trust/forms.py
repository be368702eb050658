"""Counterbalancing: which form of the transfer test a student takes before, after and at the delayed retest.

The three forms (``form_a``, ``form_b``, ``form_c`` of the trust bank) rotate in
a Latin square over three groups: group 0 takes A, B, C; group 1 takes B, C, A;
group 2 takes C, A, B. Every form is then a pre-test for a third of the class, a
post-test for another third and a retest for the rest, so a form that turns out
easier cannot pass for learning. A student's group comes from a hash of their
name (the ``KIT_STUDENT`` id), the same on every machine and in every session.

>>> [form_for("g0", time) for time in TIMES] == [FORMS[(group_of("g0") + i) % 3] for i in range(3)]
True
>>> TEST_LESSONS["delayed"]
92
"""

from __future__ import annotations

import hashlib

from .bank import FORMS, BankError

TIMES = ("pre", "post", "delayed")
"""When the transfer test is taken: before lesson 01, after lesson 05, about a month later."""
TEST_LESSONS = {"pre": 90, "post": 91, "delayed": 92}
"""The assessment notebook (and question-id lesson) of each time: ``q90.a01`` is item a01 in the pre-test."""


def group_of(student: str) -> int:
    """Return a student's counterbalancing group, 0, 1 or 2, from a hash of their id (stable everywhere).

    >>> group_of("ada") in (0, 1, 2), group_of("ada") == group_of("ada")
    (True, True)
    """
    return int(hashlib.sha256(str(student).strip().encode("utf-8")).hexdigest(), 16) % 3


def form_for(student: str, time: str) -> str:
    """Return the form a student takes at a time (``pre``, ``post`` or ``delayed``).

    >>> form_for("ada", "pre") != form_for("ada", "post") != form_for("ada", "delayed")
    True
    """
    if time not in TIMES:
        raise BankError(f"{time!r} is not a test time; use one of {', '.join(TIMES)}.")
    return FORMS[(group_of(student) + TIMES.index(time)) % len(FORMS)]


def question_id(time: str, item_id: str) -> str:
    """Return the answers-file question id of an item taken at a test time (exam mode keys on its lesson).

    >>> question_id("post", "b07")
    'q91.b07'
    """
    if time not in TIMES:
        raise BankError(f"{time!r} is not a test time; use one of {', '.join(TIMES)}.")
    return f"q{TEST_LESSONS[time]}.{item_id}"


PRACTICE_PREFIX = "trust."
"""The question-id prefix of a trust judgement made in practice (``trust.p03``): never an exam question."""
