"""Lesson 02's skill: quotes and sources.

* :mod:`.extract`: every quoted passage with its speaker and verb;
* :mod:`.grouping`: renderings of one statement grouped across articles and graded;
* :mod:`.provenance`: the attribution-chains key and the provenance graph.
"""

from .extract import QUOTE_COLUMNS, extract_quotes
from .grouping import clean_quote, group_quotes, quoted_statements, similarity, trace_quotes, word_diff
from .provenance import provenance_chart, provenance_edges, source_chains, validate_chains

__all__ = [
    "QUOTE_COLUMNS",
    "clean_quote",
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
