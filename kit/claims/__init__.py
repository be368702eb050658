"""Lesson 01's skill: classifying claims.

* :mod:`.taxonomy`: the six labels, their definitions and traps;
* :mod:`.key`: the claim key, checking one label;
* :mod:`.scoring`: discernment, confusion and calibration from a student's first answers;
* :mod:`.baseline`: a transparent cue-word labeller to argue with;
* :mod:`.sorter`: the claim-sorter widget.
"""

from .baseline import RULES, baseline_vs_key, explain_label, guess_label, guess_sentences, rule_table
from .key import CLAIM_COLUMNS, check_claim, claim_examples, claim_key, highlight, validate_claims
from .scoring import (NO_ANSWERS, calibration, calibration_chart, claim_responses, confusion, discernment,
                      discernment_reading, score_summary)
from .sorter import balanced_items, claim_sorter
from .taxonomy import DEFINITIONS, LABELS, TRAPS, describe_labels, normalise_label

__all__ = [
    "CLAIM_COLUMNS", "DEFINITIONS", "LABELS", "NO_ANSWERS", "RULES", "TRAPS", "balanced_items", "baseline_vs_key", "calibration", "calibration_chart",
    "check_claim", "claim_examples", "claim_key", "claim_responses", "claim_sorter", "confusion", "describe_labels",
    "discernment", "discernment_reading", "explain_label", "guess_label", "guess_sentences", "highlight", "normalise_label", "rule_table", "score_summary", "validate_claims",
]
