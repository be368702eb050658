"""How the kit shows things: one palette, article labels and readable tables.

Every colour the kit uses is named here once, and every chart, widget and
feedback box reads it from here, so a genre or a status has the same colour
in every lesson. The palette is Okabe–Ito, safe for the common forms of
colour blindness.

>>> colour("genre", "news") == OKABE_ITO["blue"]
True
>>> scale("genre", ["opinion", "news"])
{'domain': ['opinion', 'news'], 'range': ['#D55E00', '#0072B2']}
"""

from __future__ import annotations

import html
import numbers
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

OKABE_ITO = {
    "orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7", "black": "#000000",
}
"""The Okabe–Ito palette."""

PALETTE: dict[str, dict[str, str]] = {
    "genre": {
        "news": OKABE_ITO["blue"], "opinion": OKABE_ITO["vermillion"], "analysis": OKABE_ITO["bluish green"],
        "press_release": OKABE_ITO["reddish purple"], "blog": OKABE_ITO["orange"], "other": OKABE_ITO["sky blue"],
        "unknown": "#999999",
    },
    "reporting": {"neutral": OKABE_ITO["blue"], "evaluative": OKABE_ITO["vermillion"]},
    "stance_words": {"hedge": OKABE_ITO["bluish green"], "certainty": OKABE_ITO["orange"]},
    "coverage": {"included": OKABE_ITO["blue"], "distorted": OKABE_ITO["vermillion"], "omitted": "#E8E8E8"},
    "relation": {"quotes directly": OKABE_ITO["blue"], "paraphrases": OKABE_ITO["orange"],
                 "cites without quoting": OKABE_ITO["bluish green"]},
    "timeline": {"resolved": OKABE_ITO["blue"], "flagged": OKABE_ITO["orange"], "published": OKABE_ITO["black"]},
    "placing": {"highlight": "#FFF3B0"},  # kit.dates.timeline_widget: the expression in its sentence
    "series": {"main": OKABE_ITO["blue"], "reference": OKABE_ITO["vermillion"], "each": OKABE_ITO["sky blue"]},
    "heat": {"low": "#F2F2F2", "high": OKABE_ITO["blue"]},
    "ink": {"light": "#FFFFFF", "dark": "#000000", "muted": "#555555"},
    "page": {"text": "#202124", "muted": "#5f6368", "border": "#dadce0", "header": "#f1f3f4"},
    "focus": {"ring": "#1565c0"},
    "compare": {"dropped": "#b3261e", "dropped_background": "#fdecea", "added": "#0b5394", "added_background": "#e3f0fa",
                "reference": OKABE_ITO["blue"]},  # kit.quotes.compare_quotes: struck / underlined words
    "marking": {"loaded": OKABE_ITO["vermillion"], "hedge": OKABE_ITO["bluish green"], "evaluative": OKABE_ITO["reddish purple"]},
    "verdict": {"for": OKABE_ITO["blue"], "against": OKABE_ITO["vermillion"], "panel": "#f8f9fa"},
    "reader": {  # kit.reader: claim labels are light tints (backgrounds); the other layers draw lines in Okabe–Ito
        "verifiable_fact": "#D4E6F5", "attributed_statement": "#D2EFE6", "opinion": "#F9DCCB",
        "speculation": "#F2DDEA", "prediction": "#F7F0A6", "loaded_framing": "#FFD8A8", "claim_other": "#E8E8E8",
        "quote_faithful": OKABE_ITO["blue"], "quote_cut": OKABE_ITO["orange"], "quote_altered": OKABE_ITO["vermillion"],
        "date_resolved": OKABE_ITO["bluish green"], "date_unresolved": OKABE_ITO["reddish purple"],
        "date_flagged": OKABE_ITO["vermillion"],
        "hedge": OKABE_ITO["bluish green"], "certainty": OKABE_ITO["orange"], "loaded": OKABE_ITO["vermillion"],
        "boilerplate": "#6B6B6B", "margin": "#5F6368",
    },
    "feedback": {
        "correct": "#1e7d32", "correct_background": "#e6f4ea",
        "incorrect": "#b3261e", "incorrect_background": "#fdecea",
        "unanswered": "#5f6368", "unanswered_background": "#f1f3f4",
        "invalid": "#a15c00", "invalid_background": "#fff4e5",
        "recorded": "#5f6368", "recorded_background": "#f1f3f4",
    },
}
"""Every colour of the kit, by role and name."""


def focus_css(scope: str) -> str:
    """A 2px focus ring on every button and text box of one widget (its CSS class ``scope``), as a ``<style>``.

    ipywidgets' own ring is a 1px tint on a button and none on a text box (``outline: none !important``),
    hence the ``!important``.

    >>> "kit-demo" in focus_css("kit-demo") and PALETTE["focus"]["ring"] in focus_css("kit-demo")
    True
    """
    return (f"<style>.jupyter-widgets.{scope} :is(button, input, select):focus-visible"
            f"{{outline: 2px solid {PALETTE['focus']['ring']} !important; outline-offset: 1px}}</style>")


def colour(role: str, name: str) -> str:
    """Return the colour of ``name`` in a role of :data:`PALETTE` (e.g. ``("genre", "news")``)."""
    return PALETTE[role][name]


def scale(role: str, names=None) -> dict[str, list[str]]:
    """Return an altair scale (``domain`` and ``range``) for the names of a role, in the palette's order.

    Args:
        role: a role of :data:`PALETTE`.
        names: the names present in the data (all of the role's when ``None``); unknown ones are dropped.
    """
    present = list(PALETTE[role]) if names is None else [n for n in names if n in PALETTE[role]]
    return {"domain": present, "range": [PALETTE[role][n] for n in present]}


def article_label(article_id: str, outlet: str = "") -> str:
    """Label an article for a chart or table: its id and outlet.

    >>> article_label("A2", "Newsweek"), article_label("A4", "")
    ('A2 · Newsweek', 'A4 · outlet not stated')
    """
    return f"{article_id} · {outlet.strip() or 'outlet not stated'}"


def cell_text(value, digits: int = 2) -> str:
    """Write one table cell for reading: nothing for a missing value, dates without a midnight time, lists joined.

    No ``NaN``, ``NaT``, ``None`` or ``[]`` reaches a student: a missing value is an empty cell (the text
    does not say), a list is its items separated by commas, a number is rounded to ``digits`` decimals.

    >>> import pandas as pd
    >>> [cell_text(v) for v in (float("nan"), pd.NaT, None, [], ["A1.S2", "A3.S4"], pd.Timestamp("2024-11-13"))]
    ['', '', '', '', 'A1.S2, A3.S4', '2024-11-13']
    >>> cell_text(pd.Timestamp("2024-11-08 08:30")), cell_text(2.0), cell_text(0.12345), cell_text(True)
    ('2024-11-08 08:30', '2', '0.12', 'True')
    """
    import pandas as pd

    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(cell_text(v, digits) for v in value)
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d" if value == value.normalize() else "%Y-%m-%d %H:%M")
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, numbers.Integral)):
        return f"{round(float(value), digits):g}"
    return str(value)


class Table:
    """A table shown for reading: text left-aligned and wrapped, numbers rounded, every row shown.

    In Jupyter it shows as HTML; as text it is the DataFrame's plain form. The
    DataFrame itself is ``.data``.

    >>> import pandas as pd
    >>> Table(pd.DataFrame({"word": ["said"], "share": [0.12345]}))
       word share
    0  said  0.12
    >>> Table(pd.DataFrame({"day": pd.to_datetime(["2025-03-11", None]), "share": [0.5, None]}))  # doctest: +NORMALIZE_WHITESPACE
              day share
    0  2025-03-11   0.5
    1
    """

    def __init__(self, data: pd.DataFrame, digits: int = 2):
        self.data = data
        self.digits = digits

    def _rounded(self) -> pd.DataFrame:
        floats = self.data.select_dtypes("float").columns  # only numbers round (dates would warn)
        return self.data.round({c: self.digits for c in floats}) if len(floats) else self.data

    def __repr__(self) -> str:
        import pandas as pd

        shown = self.data.apply(lambda column: column.map(lambda v: cell_text(v, self.digits)))
        with pd.option_context("display.max_colwidth", None, "display.max_rows", None, "display.width", 200):
            return repr(shown)

    def _repr_html_(self) -> str:
        frame = self._rounded()
        head = "".join(f'<th style="overflow-wrap:anywhere">{_breakable(c)}</th>'
                       for c in [frame.index.name or ""] + list(frame.columns))
        rows = []
        for index, row in zip(frame.index, frame.itertuples(index=False)):
            cells = [f"<th>{html.escape(str(index))}</th>"]
            for value in row:
                numeric = isinstance(value, numbers.Number) and not isinstance(value, bool)
                align = "right" if numeric else "left"
                shown = cell_text(value, self.digits)
                cells.append(f'<td style="text-align:{align};white-space:pre-wrap;max-width:40em">'
                             f"{html.escape(shown)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return (f'<table class="kit-table" style="max-width:100%;table-layout:auto"><thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table>")


def _breakable(name) -> str:
    """A column name that may wrap after each underscore (``false_alarm_rate``), so a wide table fits its cell.

    >>> _breakable("false_alarm_rate")
    'false_<wbr>alarm_<wbr>rate'
    """
    return html.escape(str(name)).replace("_", "_<wbr>")


def show(data: pd.DataFrame, columns=None, digits: int = 2) -> Table:
    """Return a table for reading: chosen columns, text whole and wrapped, numbers rounded.

    Args:
        data: a DataFrame.
        columns: the columns to show (all when ``None``).
        digits: decimals to keep.

    >>> import pandas as pd
    >>> show(pd.DataFrame({"a": [1], "b": ["x"]}), ["b"]).data.columns.tolist()
    ['b']
    """
    return Table(data if columns is None else data[list(columns)], digits)
