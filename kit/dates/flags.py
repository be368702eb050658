"""The timeline flags: anachronisms, conflicts, mismatches, weak windows, title checks and stale dates, in one table.

Each flag names its expression's span, its evidence and an explanation:

* ``anachronism`` (:mod:`.flags_anachronism`, :mod:`.flags_roles`): a role or
  event described as current or coming although it had ended before the
  article's reference date, or a title the person held only later;
* ``conflict`` (:mod:`.flags_conflict`, :mod:`.flags_stale`): two articles put
  the same context event, or the same statement, on different days (a cause is
  named only with evidence);
* ``mismatch`` (:mod:`.flags_mismatch`): a weekday that does not fit its date,
  or one event dated two ways in one article;
* ``weak window`` (:mod:`.flags_window`): a wrong stated conversion, or a window
  called unlikely that is waking hours for the other party;
* ``title check`` (:mod:`.flags_roles`): a title of ``roles.csv`` the person
  held before but not at the article's date, without "former" (outdated, or a
  courtesy title); a title held only later, or a stage ("candidate") that had
  ended, is an ``anachronism``;
* ``stale date`` (:mod:`.flags_stale`): a relative date ("yesterday") in a
  sentence that an earlier article has in near-same words, where it meant
  another day (possibly copied);
* ``zone mismatch`` (:mod:`.flags_clock`): the same clock reading given in two
  zones by two articles telling of one happening (one zone is likely wrong);
* ``time zones`` (:mod:`.flags_conflict`): two articles date an event a day
  apart and their own clock times show it is the same moment in two zones: a
  note, not an error.

:data:`SEVERITY` ranks the kinds.

>>> flags = timeline_flags()
>>> sorted(set(flags["kind"]))
['anachronism', 'weak window']
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.case import resolve_case
from .context import load_context
from .flags_anachronism import anachronisms
from .flags_conflict import conflicts, dated_events, zone_evidence
from .flags_mismatch import event_date_mismatches, weekday_mismatches
from .flags_roles import title_flags
from .flags_stale import stale_dates
from .flags_window import weak_windows
from .flags_clock import zone_mismatches
from .model import FLAG_COLUMNS, Expression
from .reference import read_articles
from .resolve import resolve_expressions

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

SEVERITY = {"anachronism": "high", "conflict": "high", "mismatch": "high", "stale date": "medium",
            "weak window": "medium", "zone mismatch": "medium", "title check": "low", "time zones": "note"}
"""How much each kind of flag weighs: ``high`` is a clear error by the evidence, ``low`` a point to check,
``note`` a difference the articles' own evidence explains (not an error)."""


def flags_of(case: Case, expressions: list[Expression]) -> pd.DataFrame:
    """Return the flags of a loaded case whose expressions are already resolved (one flag per file, kind and span)."""
    import pandas as pd

    ctx = load_context(case)
    articles = read_articles(case, ctx)
    texts = dict(zip(case.sentences["sentence_id"], case.sentences["text"]))
    rows = weekday_mismatches(expressions) + anachronisms(articles) + title_flags(articles, expressions)
    stale = stale_dates(case, articles, expressions)
    rows += [r for r in stale if r["kind"] == "stale date"]
    explained = {(r["file"], r["span"]) for r in rows if r["kind"] == "stale date"}
    for event, items in dated_events(case, expressions, ctx).items():
        items = [e for e in items if (e.file, f"{e.start}:{e.end}") not in explained]  # a possible copy: told once
        day = next(d for d, name in ctx.events if name == event)
        rows += conflicts(event, items, day, lambda mine, agree, day=day: zone_evidence(
            mine, day, expressions, texts, ctx, tuple(e.sentence_id for e in agree)))
        rows += event_date_mismatches(event, items)
    rows += [r for r in stale if r["kind"] != "stale date"]
    rows += weak_windows(articles, expressions) + zone_mismatches(case, expressions)
    page = set(case.sentences.loc[case.sentences["kind"] == "boilerplate", "sentence_id"])
    frame = pd.DataFrame([r for r in rows if r["sentence_id"] not in page], columns=FLAG_COLUMNS)  # page text reports nothing
    return frame.drop_duplicates(["file", "kind", "span"]).reset_index(drop=True)


def timeline_flags(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Flag anachronisms, conflicts, mismatches, weak windows, outdated titles and stale dates (see :mod:`kit.dates.flags`).

    Returns:
        A DataFrame with ``file, article_id, sentence_id, kind, span, evidence, explanation``.

    >>> timeline_flags().loc[0, "kind"]
    'anachronism'
    """
    loaded = resolve_case(case)
    return flags_of(loaded, resolve_expressions(loaded))
