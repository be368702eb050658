"""Lesson 03: find every date and time in a case, resolve it, and flag what does not fit.

Works on any case; the case's ``context/events.csv`` and ``context/roles.csv``
supply the story's anchor events and who held which role when, and its
``lexicon.csv`` and ``context/places.csv`` may add time words and places.

One job per module:

* :mod:`.reference`: the reference date of each article (what "on Monday" is counted from);
* :mod:`.rules`: the resolution rules, a table in priority order; :mod:`.resolve` applies them;
* :mod:`.zones`: places, time zones and :func:`convert_time`; :mod:`.clock`: clock times with
  their zones (12- and 24-hour, abbreviations, UTC offsets, "local time" by place or dateline);
* :mod:`.spans`: durations, anchors ("two days after the vote"), week-of and month ranges;
  :mod:`.arith`: the calendar arithmetic;
* :mod:`.events`: matching a phrase to a context event by meaning (:func:`match_event`);
  :mod:`.roles`: the titles of ``roles.csv``;
* :mod:`.flags` and ``flags_*``: anachronisms, title checks, stale copied dates, conflicts,
  zone mismatches, mismatches and weak windows (:data:`.flags.SEVERITY` ranks them);
* :mod:`.chart`: the timeline chart;
* :mod:`.patterns`, :mod:`.cues`, :mod:`.context`, :mod:`.model`: calendar facts,
  the lexicon's time words, the case's context and the data the rules share.

>>> timeline().columns.tolist()[:4]
['file', 'article_id', 'sentence_id', 'span']
"""

from __future__ import annotations

from .chart import timeline_chart
from .events import match_event
from .flags import timeline_flags
from .model import Expression
from .reference import reference_dates
from .resolve import resolve_expressions, timeline
from .timeline_widget import place_dates  # noqa: F401 - the timeline widget (lesson 03)
from .zones import AmbiguousTimeError, NonexistentTimeError, convert_time, zone_of

__all__ = [
    "AmbiguousTimeError",
    "Expression",
    "NonexistentTimeError",
    "convert_time",
    "match_event",
    "place_dates",
    "reference_dates",
    "resolve_expressions",
    "timeline",
    "timeline_chart",
    "timeline_flags",
    "zone_of",
]
