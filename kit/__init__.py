"""The media-literacy course kit: cases, checks and charts for checking the news.

>>> import kit
>>> kit.load_case().articles.shape[0]
5
"""

from . import examples, framing, lateral
from .annotations import annotated
from .ask import ask
from .course import current_case, use_case
from .numbers import number_conflicts
from .reader import read
from .review import review_key
from .sentences import sentence_kinds
from .sourcing import attributions, first_reports
from .assessment import assessment_chart, assessment_scores
from .charts import articles_chart, setup
from .checks import Feedback, check, progress, questions
from .claims import (
    LABELS,
    balanced_items,
    baseline_vs_key,
    calibration,
    calibration_chart,
    check_claim,
    claim_examples,
    claim_key,
    claim_responses,
    claim_sorter,
    confusion,
    describe_labels,
    discernment,
    discernment_reading,
    explain_label,
    guess_label,
    guess_sentences,
    rule_table,
    score_summary,
)
from .core.case import Case, load_case, resolve_case, validate_case
from .core.errors import CaseError, KitError
from .core.lexicon import lexicon_table
from .core.paths import answers_path, seeds_dir
from .core.store import answers
from .dates import convert_time, match_event, place_dates, reference_dates, timeline, timeline_chart, timeline_flags
from .display import PALETTE, show
from .framing import (
    coverage_chart,
    frames_chart,
    framing_measures,
    headlines,
    mark_words,
    measure_chart,
    report_words,
    voices,
)
from .quotes import (
    compare_quotes,
    extract_quotes,
    provenance_chart,
    provenance_edges,
    quoted_statements,
    source_chains,
    trace_quotes,
    word_diff,
)
from .trust import (
    form_balance,
    item_statistics,
    manipulation_techniques,
    simulate_responses,
    transfer_chart,
    transfer_report,
    trust_calibration,
    trust_items,
    trust_responses,
    trust_scores,
    trust_sorter,
    trust_test,
)
from .verdict_widget import build_verdict
from .verdict import VERDICT_MEANINGS, VERDICTS, claim_review, evidence_table, save_claim_review, validate_claim_review

__version__ = "0.1.0"

__all__ = [
    "annotated",
    "answers",
    "answers_path",
    "articles_chart",
    "ask",
    "assessment_chart",
    "assessment_scores",
    "attributions",
    "balanced_items",
    "baseline_vs_key",
    "build_verdict",
    "calibration",
    "calibration_chart",
    "Case",
    "CaseError",
    "check",
    "check_claim",
    "claim_examples",
    "claim_key",
    "claim_responses",
    "claim_review",
    "claim_sorter",
    "compare_quotes",
    "confusion",
    "convert_time",
    "coverage_chart",
    "current_case",
    "describe_labels",
    "discernment",
    "discernment_reading",
    "evidence_table",
    "examples",
    "explain_label",
    "extract_quotes",
    "Feedback",
    "first_reports",
    "form_balance",
    "frames_chart",
    "framing",
    "framing_measures",
    "guess_label",
    "guess_sentences",
    "headlines",
    "item_statistics",
    "KitError",
    "LABELS",
    "lateral",
    "lexicon_table",
    "load_case",
    "manipulation_techniques",
    "mark_words",
    "match_event",
    "measure_chart",
    "number_conflicts",
    "PALETTE",
    "place_dates",
    "progress",
    "provenance_chart",
    "provenance_edges",
    "questions",
    "quoted_statements",
    "read",
    "reference_dates",
    "report_words",
    "resolve_case",
    "review_key",
    "rule_table",
    "save_claim_review",
    "score_summary",
    "seeds_dir",
    "sentence_kinds",
    "setup",
    "show",
    "simulate_responses",
    "source_chains",
    "timeline",
    "timeline_chart",
    "timeline_flags",
    "trace_quotes",
    "transfer_chart",
    "transfer_report",
    "trust_calibration",
    "trust_items",
    "trust_responses",
    "trust_scores",
    "trust_sorter",
    "trust_test",
    "use_case",
    "validate_case",
    "validate_claim_review",
    "VERDICT_MEANINGS",
    "VERDICTS",
    "voices",
    "word_diff",
]
