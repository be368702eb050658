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


def promised(level: int, options: int) -> float:
    """Return the share of answers that confidence ``level`` promises to get right, among ``options`` answers.

    >>> promised(1, 6), promised(5, 6), promised(3, 2)
    (0.167, 1.0, 0.75)
    """
    chance = 1 / options
    return round(chance + (1 - chance) * (level - LEVELS[0]) / (LEVELS[-1] - LEVELS[0]), 3)


def over_confidence(levels: Iterable[object], right: Iterable[object], options: int) -> float:
    """Return the mean share promised minus the share right, over the answers that carry a level (NaN if none).

    Positive: over-confident (surer than right); negative: under-confident; 0: calibrated on average.
    An answer without a valid level (``None``, NaN, outside 1..5) is left out.

    >>> over_confidence([3, None], [False, True], options=2), over_confidence([], [], options=2)
    (0.75, nan)
    """
    pairs = [(int(level), bool(ok)) for level, ok in zip(levels, right)
             if isinstance(level, Real) and not isinstance(level, bool) and level == level and int(level) in LEVELS]
    if not pairs:
        return float("nan")
    hoped = sum(promised(level, options) for level, _ in pairs) / len(pairs)
    return round(hoped - sum(ok for _, ok in pairs) / len(pairs), 3)
