"""The confidence scale (kit.confidence): what each level promises, over-confidence, and one scale for every widget."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from kit.confidence import LEVELS, SCALE, TIPS, calibration_line, over_confidence, promised

FAST = settings(max_examples=200, deadline=None)


@FAST
@given(st.integers(min_value=2, max_value=12))
def test_guessing_promises_chance_certain_promises_all_and_the_levels_rise(options):
    shares = [promised(level, options) for level in LEVELS]
    assert shares[0] == round(1 / options, 3) and shares[-1] == 1.0
    assert all(a < b for a, b in zip(shares, shares[1:]))


@FAST
@given(st.lists(st.tuples(st.sampled_from(LEVELS), st.booleans()), min_size=1, max_size=40), st.integers(2, 6))
def test_over_confidence_lies_between_its_bounds_and_is_zero_only_when_calibrated(pairs, options):
    levels, right = zip(*pairs)
    gap = over_confidence(levels, right, options)
    assert -1 + 1 / options - 0.001 <= gap <= 1.001
    all_right = over_confidence(levels, [True] * len(levels), options)
    assert all_right <= 0, "nobody who is always right is over-confident"


def test_answers_without_a_valid_level_are_left_out():
    assert over_confidence([None, float("nan"), 7, True, 5], [False, False, False, False, True], 2) == 0.0
    assert math.isnan(over_confidence([None], [True], 2))


def test_both_sorters_ask_for_confidence_on_the_same_scale():
    import ipywidgets as w

    claim_box = kit.claim_sorter(kit.load_case())
    trust_box = kit.trust_sorter("sorter")
    tips = []
    for box in (claim_box, trust_box):
        found = [child for child in _walk(box) if isinstance(child, w.ToggleButtons) and child.tooltips]
        assert found, "each sorter has confidence buttons"
        tips.append(tuple(found[0].tooltips))
    assert tips == [TIPS, TIPS] and SCALE == "1 = guessing, 5 = certain"


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_the_calibration_line_reads_each_side_of_the_gap_and_counts_sure_answers():
    over = calibration_line([5, 5, 4, 4], [True, False, False, True], options=2)
    assert over.startswith("When you were sure (4 or 5) you were right on 2 of 4;") and "surer than right" in over
    assert "matched how often you were right" in calibration_line([3, 3, 3, 3], [True, True, True, False], options=2)
    under = calibration_line([1, 1, 2], [True, True, True], options=2)
    assert under.startswith("Your confidence promised") and "trust your checks a little more" in under
    assert calibration_line([], [], options=2) == ""
