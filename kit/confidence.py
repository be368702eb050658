"""The confidence scale every widget asks for: 1 (guessing) to 5 (certain), and what each level promises.

One source for the scale's words (the buttons' tooltips of the claim sorter and
the trust sorter) and for the rule that turns a level into the share of answers
it promises to get right: level 1 is guessing among the answer's options (1 in
2 for trust it or not, 1 in 6 for six claim labels), level 5 is certain (always
right), and the levels between are evenly spaced. A student is
**over-confident** when their answers are right less often than their confidence
promised, **under-confident** when more often.

>>> [promised(level, options=2) for level in LEVELS]
[0.5, 0.625, 0.75, 0.875, 1.0]
>>> over_confidence([5, 5, 1, 1], [True, False, True, False], options=2)
0.25
"""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Real

LEVELS = (1, 2, 3, 4, 5)
"""The confidence levels, lowest first."""
TIPS = ("guessing", "unsure", "fairly sure", "sure", "certain")
"""What each level means, in the order of :data:`LEVELS` (the widgets' tooltips)."""
SCALE = f"{LEVELS[0]} = {TIPS[0]}, {LEVELS[-1]} = {TIPS[-1]}"
"""The scale in a few words, for prompts and axis titles."""


CALIBRATED_WITHIN = 0.1
"""An over-confidence this close to 0 (either side) reads as calibrated."""
SURE_FROM = 4
"""The lowest level that counts as sure (4 = sure, 5 = certain)."""
READINGS = (  # (over-confidence above this, reading), first match wins: how a gap is said to a student
    (CALIBRATED_WITHIN, "you were surer than right: on the items you feel sure of, slow down and check once more"),
    (-CALIBRATED_WITHIN, "your confidence matched how often you were right"),
    (float("-inf"), "you were right more often than you felt: trust your checks a little more"),
)


def promised(level: int, options: int) -> float:
    """Return the share of answers that confidence ``level`` promises to get right, among ``options`` answers.

    >>> promised(1, 6), promised(5, 6), promised(3, 2)
    (0.167, 1.0, 0.75)
    """
    chance = 1 / options
    return round(chance + (1 - chance) * (level - LEVELS[0]) / (LEVELS[-1] - LEVELS[0]), 3)


def _valid(level: object) -> bool:
    """Whether ``level`` is a level of the scale (a whole number 1..5; not None, NaN or a bool)."""
    return isinstance(level, Real) and not isinstance(level, bool) and level == level and int(level) in LEVELS


def over_confidence(levels: Iterable[object], right: Iterable[object], options: int) -> float:
    """Return the mean share promised minus the share right, over the answers that carry a level (NaN if none).

    Positive: over-confident (surer than right); negative: under-confident; 0: calibrated on average.
    An answer without a valid level (``None``, NaN, outside 1..5) is left out.

    >>> over_confidence([3, None], [False, True], options=2), over_confidence([], [], options=2)
    (0.75, nan)
    """
    pairs = [(int(level), bool(ok)) for level, ok in zip(levels, right) if _valid(level)]
    if not pairs:
        return float("nan")
    hoped = sum(promised(level, options) for level, _ in pairs) / len(pairs)
    return round(hoped - sum(ok for _, ok in pairs) / len(pairs), 3)


def calibration_line(levels: Iterable[object], right: Iterable[object], options: int) -> str:
    """Say in one sentence how well a student's confidence matched their answers ("" when none carries a level).

    >>> calibration_line([5, 5, 4, 1], [True, False, False, True], options=2)
    'When you were sure (4 or 5) you were right on 1 of 3; your confidence promised 84% right and you got 50%: you were surer than right: on the items you feel sure of, slow down and check once more.'
    >>> calibration_line([2, 2], [True, True], options=2)
    'Your confidence promised 62% right and you got 100%: you were right more often than you felt: trust your checks a little more.'
    >>> calibration_line([None], [True], options=2)
    ''
    """
    pairs = [(level, ok) for level, ok in zip(levels, right) if _valid(level)]
    if not pairs:
        return ""
    gap = over_confidence([level for level, _ in pairs], [ok for _, ok in pairs], options)
    got = sum(bool(ok) for _, ok in pairs) / len(pairs)
    sure = [bool(ok) for level, ok in pairs if int(level) >= SURE_FROM]
    reading = next(text for above, text in READINGS if gap > above)
    opening = (f"When you were sure ({SURE_FROM} or {LEVELS[-1]}) you were right on {sum(sure)} of {len(sure)}; your"
               if sure else "Your")
    return f"{opening} confidence promised {got + gap:.0%} right and you got {got:.0%}: {reading}."
