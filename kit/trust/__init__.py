"""Judging trust: the bank of short items, the trust sorter, the transfer test and its signal-detection scores.

Public names (re-exported by :mod:`kit`): the bank (:func:`trust_items`,
:func:`manipulation_techniques`), the widgets (:func:`trust_sorter`, :func:`trust_test`),
the scores (:func:`trust_responses`, :func:`trust_scores`, :func:`trust_calibration`), the class report
(:func:`transfer_report`, :func:`transfer_chart`) and the forms' item statistics
(:func:`simulate_responses`, :func:`item_statistics`, :func:`form_balance`).
"""

from .bank import manipulation_techniques, trust_items
from .item_stats import form_balance, item_statistics, simulate_responses
from .report import transfer_chart, transfer_report
from .scoring import trust_calibration, trust_responses, trust_scores
from .sorter_widget import trust_sorter, trust_test

__all__ = [
    "form_balance", "item_statistics", "manipulation_techniques", "simulate_responses", "transfer_chart",
    "transfer_report", "trust_calibration", "trust_items", "trust_responses", "trust_scores", "trust_sorter",
    "trust_test",
]
