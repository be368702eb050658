"""The class report of the transfer test: discernment, bias and over-confidence pre, post and delayed, with intervals.

Every interval is a 95% percentile bootstrap over students, seeded so that the
same scores always give the same report. A change (post − pre, delayed − pre)
is paired: only students who took both tests count. The readings say only what
the interval shows; without a control group no change proves that the course
caused it (see the report's ``.attrs["note"]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..chart_text import described, plural
from ..display import PALETTE
from .forms import TIMES

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

MIN_STUDENTS = 5
"""Fewer students than this get a mean but no interval."""
RESAMPLES = 2000
"""Bootstrap resamples per interval."""
LEVEL = 0.95
"""The intervals' confidence level."""
CHANGES = (("post - pre", "post"), ("delayed - pre", "delayed"))
"""The paired changes reported: (row label, later time), each against the pre-test."""
MEASURES = ("d_prime", "c", "overconfidence")
"""The per-student scores the report averages (columns of :func:`kit.trust.scoring.trust_scores`)."""
REPORT_COLUMNS = ["row", "kind", "students", *(f"{m}{end}" for m in MEASURES for end in ("", "_low", "_high")),
                  "reading"]
"""The columns of :func:`transfer_report`."""
NO_CONTROL = ("Without a control group, a change is not proof that the course caused it: taking a test again, "
              "time and other teaching can move scores too (the counterbalanced forms only rule out that one "
              "form is easier than another).")
"""The report's ``.attrs["note"]``."""
_CHANGE_READINGS = {  # (measure, sign of a change whose interval excludes 0) -> reading; 0: it includes 0
    ("d_prime", 1): "discernment rose: the interval excludes 0",
    ("d_prime", -1): "discernment fell: the interval excludes 0",
    ("d_prime", 0): "discernment: the interval includes 0: no change can be claimed",
    ("c", 1): "bias: more sceptical (c rose): the interval excludes 0",
    ("c", -1): "bias: more credulous (c fell): the interval excludes 0",
    ("c", 0): "bias: the interval includes 0: no change can be claimed",
    ("overconfidence", 1): "over-confidence rose (surer, relative to right answers): the interval excludes 0",
    ("overconfidence", -1): "over-confidence fell (less sure, relative to right answers): the interval excludes 0",
    ("overconfidence", 0): "over-confidence: the interval includes 0: no change can be claimed",
}
PANELS = {  # measure -> (symbol, words, what its values mean, colour of PALETTE["series"]): the chart's panels
    "d_prime": ("d′", "discernment", "higher = better, 0 = guessing", "main"),
    "c": ("c", "bias", "above 0 = sceptical, below 0 = credulous", "reference"),
    "overconfidence": ("", "over-confidence", "above 0 = surer than right, below 0 = less sure than right", "each"),
}
NO_SCORES = "No transfer-test scores yet"
"""What the chart says before anyone has taken the test."""


def _interval(values, rng) -> tuple[float, float]:
    """The percentile bootstrap interval of the mean of ``values`` (NaN, NaN below :data:`MIN_STUDENTS`)."""
    import numpy as np

    if len(values) < MIN_STUDENTS:
        return float("nan"), float("nan")
    means = values[rng.integers(0, len(values), size=(RESAMPLES, len(values)))].mean(axis=1)
    tail = (1 - LEVEL) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return round(float(low), 2), round(float(high), 2)


def _row(label: str, kind: str, table: pd.DataFrame, rng) -> dict[str, Any]:
    """Means and intervals of each of :data:`MEASURES` over the rows of ``table`` (one per student; NaN left out)."""
    row: dict[str, Any] = {"row": label, "kind": kind, "students": len(table)}
    for measure in MEASURES:
        values = table[measure].dropna().to_numpy(dtype=float)
        row[measure] = round(float(values.mean()), 2) if len(values) else float("nan")
        row[f"{measure}_low"], row[f"{measure}_high"] = _interval(values, rng)
    row["reading"] = _reading(row)
    return row


def _reading(row: dict[str, Any]) -> str:
    """One honest line: what the interval shows, or why there is none."""
    n = row["students"]
    if n == 0:
        return "no student took this test yet" if row["kind"] == "phase" else "no student took both tests yet"
    if n < MIN_STUDENTS:
        return f"fewer than {MIN_STUDENTS} students: no interval"
    if row["kind"] == "phase":
        text = (f"{plural(n, 'student')}: mean d′ {row['d_prime']:.2f} ({LEVEL:.0%} interval "
                f"{row['d_prime_low']:.2f} to {row['d_prime_high']:.2f}), mean c {row['c']:.2f} "
                f"({row['c_low']:.2f} to {row['c_high']:.2f})")
        if row["overconfidence_low"] == row["overconfidence_low"]:
            text += (f", over-confidence {row['overconfidence']:+.2f} ({row['overconfidence_low']:+.2f} to "
                     f"{row['overconfidence_high']:+.2f})")
        return text
    parts = []
    for measure in MEASURES:
        low, high = row[f"{measure}_low"], row[f"{measure}_high"]
        if low != low:  # no interval (too few students gave a confidence): nothing to read
            continue
        sign = 1 if low > 0 else -1 if high < 0 else 0
        parts.append(_CHANGE_READINGS[(measure, sign)])
    return "; ".join(parts)


def _measured(scores: pd.DataFrame, time: str) -> pd.DataFrame:
    """One row per student with a d′ and a c at ``time`` (their mean if a student has several rows), and the
    other :data:`MEASURES` (NaN when a table has no such column)."""
    import pandas as pd

    if scores.empty:
        return pd.DataFrame(columns=list(MEASURES))
    mine = scores[scores["phase"].astype(str) == time].copy()
    for measure in MEASURES:
        mine[measure] = pd.to_numeric(mine[measure], errors="coerce") if measure in mine else float("nan")
    mine = mine.dropna(subset=["d_prime", "c"])
    return mine.groupby("student")[list(MEASURES)].mean()


def transfer_report(scores: pd.DataFrame, seed: int = 19) -> pd.DataFrame:
    """Report the class's discernment (d′), bias (c) and over-confidence pre, post and delayed, and the changes.

    Args:
        scores: per student and phase, as :func:`kit.trust.scoring.trust_scores` gives (``student, phase,
            d_prime, c`` and, when there is, ``overconfidence``); practice rows and rows without a d′ are
            left out.
        seed: the bootstrap's random seed (same scores and seed, same intervals).

    Returns:
        One row per time (``kind`` phase: pre, post, delayed) and per change (``kind`` change:
        post - pre, delayed - pre, students who took both): ``students``, the means of each of
        :data:`MEASURES` with their 95% interval (``_low``, ``_high``; a percentile bootstrap over
        students, none below :data:`MIN_STUDENTS`) and a one-line ``reading``. ``overconfidence`` is the
        share right that students' confidence promised minus the share they got right (:mod:`kit.confidence`):
        a class can grow more discerning and more over-confident at once, and this column shows it. ``.attrs["note"]``: without a control
        group, a change is not proof that the course caused it.

    >>> import pandas as pd
    >>> s = pd.DataFrame({"student": ["ana", "ana"], "phase": ["pre", "post"], "d_prime": [0.5, 1.0], "c": [0.1, 0.0]})
    >>> r = transfer_report(s).set_index("row")
    >>> float(r.loc["post - pre", "d_prime"]), r.loc["post - pre", "reading"]
    (0.5, 'fewer than 5 students: no interval')
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    measured = {time: _measured(scores, time) for time in TIMES}
    rows = [_row(time, "phase", measured[time], rng) for time in TIMES]
    for label, later in CHANGES:
        both = measured[later].merge(measured["pre"], how="inner", left_index=True, right_index=True,
                                     suffixes=("_later", "_pre"))
        change = pd.DataFrame({m: both[f"{m}_later"] - both[f"{m}_pre"] for m in MEASURES},
                              index=both.index, columns=list(MEASURES))
        rows.append(_row(label, "change", change, rng))
    report = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    report.attrs["note"] = NO_CONTROL
    report.attrs["method"] = (f"{LEVEL:.0%} intervals: percentile bootstrap over students, {RESAMPLES} resamples, "
                              f"seed {seed}; none below {MIN_STUDENTS} students.")
    return report


def _panel(data: pd.DataFrame, measure: str, title: str, subtitle: str, colour: str) -> alt.LayerChart:
    """One panel: the class mean at each time (a point) with its interval (a bar), and a line at 0."""
    import altair as alt
    import pandas as pd

    mine = data[data["measure"] == measure]
    x = alt.X("phase:N", title="Test", scale=alt.Scale(domain=list(TIMES)), axis=alt.Axis(labelAngle=0))
    zero = alt.Chart(pd.DataFrame({"zero": [0.0]})).mark_rule(
        color=PALETTE["ink"]["muted"], strokeDash=[4, 3]).encode(y="zero:Q")
    bars = alt.Chart(mine).mark_rule(color=colour, strokeWidth=2).encode(x=x, y=alt.Y("low:Q", title=title),
                                                                         y2="high:Q")
    points = alt.Chart(mine).mark_point(filled=True, size=80, color=colour).encode(
        x=x, y="mean:Q", tooltip=["phase", "students", alt.Tooltip("mean:Q", format=".2f"),
                                  alt.Tooltip("low:Q", format=".2f"), alt.Tooltip("high:Q", format=".2f")])
    layers = [zero, bars, points]
    if mine["students"].sum() == 0:
        layers.append(alt.Chart(pd.DataFrame({"hint": [f"{NO_SCORES}."]})).mark_text(
            fontSize=12, color=PALETTE["ink"]["muted"]).encode(text="hint:N", x=alt.value(110), y=alt.value(90)))
    return alt.layer(*layers).properties(width=220, height=200, title=alt.TitleParams(title, subtitle=[subtitle]))


def _summary_text(report: pd.DataFrame) -> str:
    """The chart's description: the means by time, with how many students each rests on."""
    phases = report[(report["kind"] == "phase") & (report["students"] > 0)]
    names = ", ".join(f"{words} {symbol}".strip() for symbol, words, _, _ in PANELS.values())
    if phases.empty:
        return f"{plural(len(PANELS), 'empty panel')}, {names} by test time: {NO_SCORES.lower()}."
    parts = "; ".join(f"{words} {symbol} ".lstrip() + ", ".join(f"{r['row']} {r[m]:.2f}" for _, r in phases.iterrows())
                      + f" ({meaning})" for m, (symbol, words, meaning, _) in PANELS.items())
    counts = ", ".join(f"{r['row']} {int(r['students'])}" for _, r in phases.iterrows())
    return (f"{plural(len(PANELS), 'panel')} of class means by test time with {LEVEL:.0%} intervals: {parts}; "
            f"students: {counts}.")


def transfer_chart(scores: pd.DataFrame, seed: int = 19) -> alt.HConcatChart:
    """Chart the class's mean d′, c and over-confidence at each test time, each with its 95% interval, side by side.

    Left: discernment d′ (higher = better at telling trustworthy from untrustworthy; 0 = guessing).
    Middle: bias c (above 0 = sceptical, below 0 = credulous). Right: over-confidence (above 0 = surer
    than right, below 0 = less sure than right). A time nobody took shows no point; with no scores at
    all the panels keep their axes and say so; a time with fewer than :data:`MIN_STUDENTS` students
    shows its mean without an interval.

    >>> import pandas as pd
    >>> spec = transfer_chart(pd.DataFrame(columns=["student", "phase", "d_prime", "c"])).to_dict()
    >>> len(spec["hconcat"]), "no transfer-test scores yet" in spec["description"]
    (3, True)
    """
    import altair as alt
    import pandas as pd

    report = transfer_report(scores, seed=seed)
    phases = report[report["kind"] == "phase"]
    long = pd.DataFrame([{"measure": m, "phase": r["row"], "students": int(r["students"]), "mean": r[m],
                          "low": r[f"{m}_low"], "high": r[f"{m}_high"]}
                         for m in PANELS for _, r in phases.iterrows()])
    panels = [_panel(long, m, f"{words} {symbol}".strip().capitalize(), meaning.replace(", ", "; "),
                     PALETTE["series"][colour]) for m, (symbol, words, meaning, colour) in PANELS.items()]
    chart = alt.hconcat(*panels).properties(title="The transfer test: class means with 95% intervals")
    return described(chart, _summary_text(report))
