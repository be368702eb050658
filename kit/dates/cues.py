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
* unlikely cues: a window the writer doubts ("impossible", "hardly");
* past cues (``past`` words, and verbs in -ed): in a sentence with a future
  cue, a weekday takes the tense of the nearest cue before it ("began on
  Monday and will end on Friday"); see :func:`future_at`.

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


REGULAR_PAST = re.compile(r"\b[a-z]{3,}(?<!e)ed\b(?<!hundred)")
"""A regular past-tense verb ('stalled', 'announced'; not 'speed' or 'hundred')."""
FUTURE_REACH = re.compile(r"^(?:\s+[\w’'-]+){0,3}")
"""Up to three words after a future cue belong to it ('will be held', 'is scheduled to be held')."""


def past_cues(root: str | Path | None = None) -> re.Pattern[str]:
    """Return the lexicon's irregular past-tense cues (``past`` words) as one pattern.

    >>> past_cues().search("Talks began on Monday").group(1)
    'began'
    """
    return cue_pattern("past", root)


def future_at(text: str, pos: int, future: re.Pattern[str], past: re.Pattern[str]) -> bool:
    """Whether a weekday at ``pos`` is in the future: the nearest tense cue before it decides, else the
    nearest after it; a sentence without a future cue is never in the future.

    A past cue within three words after a future cue is part of it ("will be held").

    >>> text = "Talks began on Monday and will resume on Friday."
    >>> future_at(text, text.index("Monday"), future_cues(), past_cues()), future_at(text, text.index("Friday"), future_cues(), past_cues())
    (False, True)
    """
    futures = [(m.start(), m.end() + FUTURE_REACH.match(text[m.end():]).end()) for m in future.finditer(text)]
    if not futures:
        return False
    pasts = [m.start() for m in list(past.finditer(text)) + list(REGULAR_PAST.finditer(text))
             if not any(a <= m.start() < b for a, b in futures)]
    cues = [(a, True) for a, _ in futures] + [(a, False) for a in pasts]
    before = [c for c in cues if c[0] < pos]
    return max(before)[1] if before else min(cues)[1]
