"""The media-literacy course kit: cases, checks and charts for checking the news.

>>> import kit
>>> kit.load_case().articles.shape[0]
5
"""

from .core.store import answers
from .baseline import baseline_vs_key, guess_label, guess_sentences
from .core.case import Case, load_case, validate_case
from .charts import articles_chart, setup
from .checks import Feedback, check, progress, questions
from .claims import (
    calibration,
    calibration_chart,
    check_claim,
    claim_examples,
    claim_key,
    claim_responses,
    confusion,
    discernment,
)
from .framing import (
    coverage_chart,
    framing_measures,
    frames_chart,
    headlines,
    measure_chart,
    voices,
)
from .provenance import provenance_chart, provenance_edges, source_chains
from .quotes import extract_quotes, quoted_statements, trace_quotes, word_diff
from .sorter import claim_sorter
from .taxonomy import LABELS, describe_labels
from .verdict import VERDICTS, claim_review, save_claim_review, validate_claim_review
from .assessment import assessment_chart, assessment_scores
from .timeline import convert_time, reference_dates, timeline, timeline_chart, timeline_flags
from .core.errors import CaseError, KitError
from .core.paths import answers_path, seeds_dir

__version__ = "0.1.0"

__all__ = [
    "Case",
    "CaseError",
    "Feedback",
    "KitError",
    "LABELS",
    "VERDICTS",
    "answers",
    "answers_path",
    "articles_chart",
    "assessment_chart",
    "assessment_scores",
    "baseline_vs_key",
    "calibration",
    "calibration_chart",
    "check",
    "check_claim",
    "claim_examples",
    "claim_key",
    "claim_responses",
    "claim_review",
    "claim_sorter",
    "confusion",
    "convert_time",
    "coverage_chart",
    "describe_labels",
    "discernment",
    "extract_quotes",
    "frames_chart",
    "framing_measures",
    "guess_label",
    "guess_sentences",
    "headlines",
    "load_case",
    "measure_chart",
    "progress",
    "provenance_chart",
    "provenance_edges",
    "questions",
    "quoted_statements",
    "reference_dates",
    "save_claim_review",
    "seeds_dir",
    "setup",
    "source_chains",
    "timeline",
    "timeline_chart",
    "timeline_flags",
    "trace_quotes",
    "validate_case",
    "validate_claim_review",
    "voices",
    "word_diff",
]
