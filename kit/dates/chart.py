"""The timeline chart: one lane per article, resolved dates on a time axis.

>>> data = chart_data(resolve_case(None))
>>> sorted(data)
['centre', 'days', 'flags', 'labels', 'references']
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..chart_text import described, plural
from ..core.case import resolve_case
from ..display import article_label, colour, scale
from .flags import flags_of
from .model import Expression
from .reference import reference_dates
from .resolve import resolve_expressions

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

    from ..core.case import Case

DAY_COLUMNS = ["article", "start", "end", "expression", "sentence_id", "resolved", "basis", "flagged"]
FLAG_MARK_COLUMNS = ["article", "start", "kind", "evidence", "sentence_id", "explanation"]


def sentence_days(case: Case, expressions: list[Expression]) -> dict[str, str]:
    """Return each sentence's day: its own first single date, or the last one before it in its article."""
    dated: dict[str, str] = {}
    for e in expressions:
        if e.day and e.kind != "year" and (e.until is None or e.until == e.day):
            dated.setdefault(e.sentence_id, e.day.isoformat())
    days = {}
    for aid in case.articles["article_id"]:
        last = None
        for sid in case.sentences.loc[case.sentences["article_id"] == aid, "sentence_id"]:
            last = dated.get(sid, last)
            if last:
                days[sid] = last
    return days


def day_rows(expressions, labels, flagged, centre: date | None, window_days: int) -> list[dict]:
    """Return one chart row per resolved expression within ``window_days`` of ``centre`` (years left out)."""
    rows = []
    for e in expressions:
        if e.day is None or e.kind == "year" or (centre and abs((e.day - centre).days) > window_days):
            continue
        rows.append({"article": labels[e.article_id], "start": e.day.isoformat(), "end": (e.until or e.day).isoformat(),
                     "expression": e.expression, "sentence_id": e.sentence_id, "resolved": e.resolved, "basis": e.basis,
                     "flagged": "flagged" if (e.file, f"{e.start}:{e.end}") in flagged else "resolved"})
    return rows


def chart_data(case: Case, window_days: int = 45) -> dict:
    """Return the chart's tables: ``days`` (expressions), ``references`` (reference dates), ``flags``; and the centre."""
    import pandas as pd

    refs = reference_dates(case)
    expressions = resolve_expressions(case)  # resolved once, for the marks and for the flags
    flags = flags_of(case, expressions)
    labels = {a: article_label(a, o) for a, o in zip(case.articles["article_id"], case.articles["outlet"])}
    ref_days = [date.fromisoformat(r) for r in refs["reference"] if r]
    centre = max(ref_days) if ref_days else None
    days = day_rows(expressions, labels, set(zip(flags["file"], flags["span"])), centre, window_days)
    ref_of = dict(zip(refs.index, refs["reference"]))
    on = sentence_days(case, expressions)
    return {
        "days": pd.DataFrame(days, columns=DAY_COLUMNS),
        "references": pd.DataFrame(
            [{"article": labels[a], "start": r, "basis": b} for a, r, b in zip(refs.index, refs["reference"], refs["basis"]) if r],
            columns=["article", "start", "basis"]),
        "flags": pd.DataFrame(
            [{"article": labels[f.article_id], "start": on.get(f.sentence_id) or ref_of.get(f.article_id), "kind": f.kind,
              "evidence": f.evidence, "sentence_id": f.sentence_id, "explanation": f.explanation}
             for f in flags.itertuples() if on.get(f.sentence_id) or ref_of.get(f.article_id)],
            columns=FLAG_MARK_COLUMNS),
        "labels": list(labels.values()),
        "centre": centre,
    }


def timeline_chart(case: Case | str | Path | None = None, window_days: int = 45) -> alt.Chart:
    """Draw the case's timeline: one lane per article, resolved dates on a time axis.

    Points are single days, bars are ranges; the triangle is the article's
    reference date (its publication date, or the latest date it reports);
    flagged expressions are drawn in orange, and each flag is an orange diamond
    on the day of its sentence (or the article's reference date). Dates more than ``window_days``
    from the story's reference dates (and bare years) are left out so the story
    stays readable. Hover a mark for its expression, sentence and basis.

    >>> spec = timeline_chart().to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rule', 'circle', 'point', 'point']
    """
    import altair as alt

    loaded = resolve_case(case)
    data = chart_data(loaded, window_days)
    centre = data["centre"]
    y = alt.Y("article:N", title=None, sort=data["labels"])
    colours = alt.Color("flagged:N", title="Expression", scale=alt.Scale(**scale("timeline", ["resolved", "flagged"])))
    tooltip = ["expression", "sentence_id", "resolved", "basis"]
    x_title = "Date (2024)" if centre and centre.year == 2024 else "Date"
    ranges = alt.Chart(data["days"]).mark_rule(strokeWidth=6, opacity=0.5).encode(
        x=alt.X("start:T", title=x_title), x2="end:T", y=y, color=colours, tooltip=tooltip)
    days = alt.Chart(data["days"]).mark_circle(size=70, opacity=0.9).encode(x="start:T", y=y, color=colours, tooltip=tooltip)
    published = alt.Chart(data["references"]).mark_point(
        shape="triangle-down", size=120, color=colour("timeline", "published"), filled=True, yOffset=-10).encode(
        x="start:T", y=y, tooltip=["start", "basis"])
    flagged_marks = alt.Chart(data["flags"]).mark_point(
        shape="diamond", size=150, color=colour("timeline", "flagged"), filled=True, yOffset=10).encode(
        x="start:T", y=y, tooltip=["kind", "evidence", "sentence_id", "explanation"])
    days_table = data["days"]
    span = f", from {min(days_table['start'])} to {max(days_table['end'])}" if len(days_table) else ""
    text = (f"Timeline with one lane per article ({plural(len(data['labels']), 'article')}): "
            f"{plural(len(days_table), 'dated expression')}{span}; {plural(len(data['flags']), 'flag')} in orange")
    return described(alt.layer(ranges, days, published, flagged_marks).properties(
        width=640, height=alt.Step(46),
        title=f"Timeline of case '{loaded.name}': what each article dates, and when it was written"), text)
