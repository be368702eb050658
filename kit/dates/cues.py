"""The time words of the lexicon: future cues, doubt cues, as patterns.

The words live in ``kit/core/lexicon.csv`` (kinds ``future``,
``future_in_past`` and ``unlikely``), extended by a case's own
``lexicon.csv``; this module only turns them into patterns.

* future cues (``future`` and ``future_in_past``): a weekday in such a
  sentence is the first one after the reference date ("will meet on Thursday",
  "would meet on Thursday");
* year future cues (``future`` only): a date without a year that has already
  passed is moved to next year; "would" does not count, because reported
  speech uses it for the past;
* unlikely cues: a window the writer doubts ("impossible", "hardly").

>>> bool(future_cues().search("They would meet on Thursday")), bool(year_future_cues().search("They would meet"))
(True, False)
>>> unlikely_cues().search("It is hardly possible").group(1)
'hardly'
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core.lexicon import word_pattern, words

NEVER = re.compile(r"(?!)")
"""A pattern that matches nothing (for an empty word list)."""


def cue_pattern(kinds: str | tuple[str, ...], root: str | Path | None = None) -> re.Pattern[str]:
    """Return one case-insensitive pattern for the words of some lexicon kinds (group 1: the word).

    >>> cue_pattern("future").search("Talks are set to resume").group(1)
    'set to'
    """
    return word_pattern(words(kinds, root=root)) or NEVER


def future_cues(root: str | Path | None = None) -> re.Pattern[str]:
    """Return the cues that put a weekday in the future (``future`` and ``future_in_past`` words)."""
    return cue_pattern(("future", "future_in_past"), root)


def year_future_cues(root: str | Path | None = None) -> re.Pattern[str]:
    """Return the cues that put a date without a year in the future (``future`` words, not "would")."""
    return cue_pattern("future", root)


def unlikely_cues(root: str | Path | None = None) -> re.Pattern[str]:
    """Return the cues that doubt a time window (``unlikely`` words)."""
    return cue_pattern("unlikely", root)
