"""Lesson 02's skill: quotes and sources.

* :mod:`.extract`: every quoted passage with its speaker and verb;
* :mod:`.speakers`: who a pronoun or a description ("she", "the minister") stands for, read in order;
* :mod:`.names`: spellings of one person linked (accents, near misspellings) and flagged;
* :mod:`.wording`: the normalised words of a quote and the fuzzy thresholds;
* :mod:`.grouping`: renderings of one statement grouped across articles;
* :mod:`.fidelity`: each statement's reference rendering, and every rendering graded against it;
* :mod:`.provenance`: the attribution-chains key and the provenance graph;
* :mod:`.compare` and :mod:`.compare_widget`: one statement's renderings side by side, word by word.
"""

from .compare_widget import compare_quotes
from .extract import QUOTE_COLUMNS, extract_quotes
from .fidelity import GRADE_RULES, GRADES, REFERENCE_RULES, choose_reference, diff_text, word_diff
from .grouping import group_quotes, quoted_statements, similarity, trace_quotes
from .provenance import provenance_chart, provenance_edges, source_chains, validate_chains
from .wording import ALTERED, PARAPHRASE, clean_quote

__all__ = [
    "ALTERED",
    "GRADES",
    "GRADE_RULES",
    "PARAPHRASE",
    "QUOTE_COLUMNS",
    "REFERENCE_RULES",
    "choose_reference",
    "clean_quote",
    "compare_quotes",
    "diff_text",
    "extract_quotes",
    "group_quotes",
    "provenance_chart",
    "provenance_edges",
    "quoted_statements",
    "similarity",
    "source_chains",
    "trace_quotes",
    "validate_chains",
    "word_diff",
]
