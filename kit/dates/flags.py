"""The timeline flags: anachronisms, conflicts, mismatches and weak windows, in one table.

Each flag names its expression's span, its evidence and an explanation:

* ``anachronism`` (:mod:`.flags_anachronism`): a role or event described as
  current or coming although it had ended before the article's reference date;
* ``conflict`` (:mod:`.flags_conflict`): two articles put the same context
  event on different days;
* ``mismatch`` (:mod:`.flags_mismatch`): a weekday that does not fit its date,
  or one event dated two ways in one article;
* ``weak window`` (:mod:`.flags_window`): a wrong stated conversion, or a window
  called unlikely that is waking hours for the other party.

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
from .flags_conflict import conflicts, dated_events
from .flags_mismatch import event_date_mismatches, weekday_mismatches
from .flags_window import weak_windows
from .model import FLAG_COLUMNS, Expression
from .reference import read_articles
from .resolve import resolve_expressions

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case


def flags_of(case: Case, expressions: list[Expression]) -> pd.DataFrame:
    """Return the flags of a loaded case whose expressions are already resolved (one flag per file, kind and span)."""
    import pandas as pd

    ctx = load_context(case)
    articles = read_articles(case, ctx)
    rows = weekday_mismatches(expressions) + anachronisms(articles)
    for event, items in dated_events(case, expressions, ctx).items():
        rows += conflicts(event, items) + event_date_mismatches(event, items)
    rows += weak_windows(articles, expressions)
    frame = pd.DataFrame(rows, columns=FLAG_COLUMNS)
    return frame.drop_duplicates(["file", "kind", "span"]).reset_index(drop=True)


def timeline_flags(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Flag anachronisms, conflicts, mismatches and weak timing windows (see :mod:`kit.dates.flags`).

    Returns:
        A DataFrame with ``file, article_id, sentence_id, kind, span, evidence, explanation``.

    >>> timeline_flags().loc[0, "kind"]
    'anachronism'
    """
    loaded = resolve_case(case)
    return flags_of(loaded, resolve_expressions(loaded))
