"""The reference date of an article: what "on Monday" is counted from.

In order:

1. its ``published`` date in ``metadata.csv`` (basis "publication date");
2. otherwise the latest of: the latest absolute date it states (outside a
   sentence with a future cue), and the latest context event it reports in the
   past tense (its sentence shares at least two content-word stems with the
   event); such an article appeared that day or later (basis "no publication
   date: ...", confidence at most medium).

>>> reference_dates().loc["A2", "reference"]
'2024-11-13'
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.case import resolve_case
from .context import Context, load_context, reported_events
from .model import Article, fmt_days
from .patterns import ABSOLUTE, ABSOLUTE_DAY_FIRST, month_number

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case


def stated_dates(text: str, ctx: Context) -> list[tuple[date, str]]:
    """Return the full dates (with a year) a sentence states, unless it speaks of the future."""
    if ctx.future.search(text):
        return []
    out = []
    written = [(m.group(4), m.group(2), m.group(3)) for m in ABSOLUTE.finditer(text)]
    written += [(m.group(3), m.group(2), m.group(1)) for m in ABSOLUTE_DAY_FIRST.finditer(text)]  # '7 March 2025'
    for year, month, day in written:
        try:
            d = date(int(year), month_number(month), int(day)) if year else None
        except ValueError:  # "February 30, 2024" is no date to count from
            continue
        if d is not None:
            out.append((d, f"the latest date it states ({d:%Y-%m-%d})"))
    return out


def reference_of(case: Case, file: str, ctx: Context) -> tuple[date | None, str]:
    """Return an article's reference date and the reason for it (see the module's rules)."""
    import pandas as pd

    row = case.articles[case.articles["file"] == file].iloc[0]
    if not pd.isna(row["published"]):
        return row["published"].date(), f"publication date {row['published']:%Y-%m-%d} (metadata)"
    candidates: list[tuple[date, str]] = []
    for text in case.sentences.loc[case.sentences["file"] == file, "text"]:
        candidates += stated_dates(text, ctx)
        candidates += [(d, f"the latest context event it reports ({d:%Y-%m-%d}: {t})") for d, t in reported_events(text, ctx)]
    if not candidates:
        return None, "no publication date and no dated event to count from"
    day, why = max(candidates)
    return day, f"no publication date: counted from {why}"


def read_articles(case: Case, ctx: Context) -> list[Article]:
    """Return the articles of a case, in order, each with its reference date."""
    return [Article(case, file, aid, *reference_of(case, file, ctx), ctx)
            for aid, file in zip(case.articles["article_id"], case.articles["file"])]


def reference_dates(case: Case | str | Path | None = None) -> pd.DataFrame:
    """The date each article is read against, and why (publication date, or the latest it reports).

    Returns:
        A DataFrame indexed by ``article_id`` with ``reference`` (``YYYY-MM-DD`` or ``""``) and ``basis``.

    >>> reference_dates().loc["A0", "basis"].startswith("no publication date")
    True
    """
    import pandas as pd

    loaded = resolve_case(case)
    ctx = load_context(loaded)
    rows = []
    for aid, file in zip(loaded.articles["article_id"], loaded.articles["file"]):
        day, why = reference_of(loaded, file, ctx)
        rows.append({"article_id": aid, "reference": fmt_days(day), "basis": why})
    return pd.DataFrame(rows).set_index("article_id")
