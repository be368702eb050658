"""Written descriptions of charts: what a chart shows, in a sentence or two, for readers who cannot see it.

Every chart of the kit carries one in its Vega-Lite ``description``, which the
SVG renderer writes as the image's ``aria-label`` (what a screen reader reads)
and which :func:`kit.charts.offline_bundle` adds to the chart's text form. The
descriptions are computed from the chart's own data, so they name the largest
and smallest values, never a fixed phrase.

>>> import pandas as pd
>>> extremes(pd.DataFrame({"a": ["A1 · Wire", "A2 · Ledger"], "n": [120, 840]}), "a", "n", "words")
'highest: A2 · Ledger (840 words); lowest: A1 · Wire (120 words)'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd


def number(value: float) -> str:
    """Write a number for reading: thousands separated, at most one decimal, no trailing ``.0``.

    >>> number(1234), number(2.345), number(3.0)
    ('1,234', '2.3', '3')
    """
    value = float(value)
    return f"{value:,.0f}" if value == round(value) else f"{value:,.1f}"


def plural(n: int, word: str, many: str = "") -> str:
    """``n`` and the word, made plural (with ``-s``, or as ``many``) when ``n`` is not 1.

    >>> plural(1, "article"), plural(3, "article"), plural(2, "intermediary", "intermediaries")
    ('1 article', '3 articles', '2 intermediaries')
    """
    return f"{n} {word if n == 1 else (many or word + 's')}"


def extremes(table: pd.DataFrame, label: str, value: str, unit: str = "") -> str:
    """Name the rows with the highest and the lowest value (the first in table order on a tie).

    An empty table gives ``"no data"``; a table of one row names it once.
    """
    rows = table.dropna(subset=[value])
    if rows.empty:
        return "no data"
    unit = f" {unit}" if unit else ""
    top, low = rows.loc[rows[value].idxmax()], rows.loc[rows[value].idxmin()]
    if len(rows) == 1:
        return f"{top[label]}: {number(top[value])}{unit}"
    return (f"highest: {top[label]} ({number(top[value])}{unit}); "
            f"lowest: {low[label]} ({number(low[value])}{unit})")


def counted(values: Any, order: list[str] | None = None) -> str:
    """Count each distinct value, in ``order`` (or by frequency): ``"12 included, 3 distorted"``.

    >>> counted(["included", "omitted", "included"], ["included", "distorted", "omitted"])
    '2 included, 1 omitted'
    """
    import collections

    counts = collections.Counter(values)
    keys = [k for k in (order or [k for k, _ in counts.most_common()]) if counts.get(k)]
    return ", ".join(f"{counts[k]} {k}" for k in keys) or "none"


def described(chart: alt.TopLevelMixin, text: str) -> alt.TopLevelMixin:
    """Return the chart with its written description set (one or two sentences, ending with a full stop)."""
    text = " ".join(text.split())
    return chart.properties(description=text if text.endswith(".") else text + ".")
