"""Framing charts: one measure across articles, the coverage heatmap and the frames heatmap.

Every colour comes from :mod:`kit.display` (Okabe–Ito): genres for a single
measure, neutral/evaluative and hedge/certainty for the paired measures, the
coverage statuses, and the heat scale of the frames chart.

>>> MEASURE_GROUPS["reporting_verbs"][0]
('reporting_neutral_per_1000', 'neutral', '#0072B2')
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..chart_text import counted, described, extremes, plural
from ..core.case import resolve_case
from ..core.errors import KitError
from ..display import PALETTE, article_label
from .keys import coverage, frames
from .measures import MEASURE_COLUMNS, TEXT_COLUMNS, framing_measures
from .taxonomy import COVERAGE_STATUSES, FRAMES, STATUS_MARKS

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

    from ..core.case import Case

MEASURE_TITLES = {
    "reporting_neutral_per_1000": "Neutral reporting verbs per 1,000 words",
    "reporting_evaluative_per_1000": "Evaluative reporting verbs per 1,000 words",
    "evaluative_share": "Share of reporting verbs that are evaluative",
    "hedges_per_1000": "Hedges per 1,000 words",
    "certainty_per_1000": "Certainty markers per 1,000 words",
    "loaded_per_1000": "Loaded words per 1,000 words",
    "quoted_share": "Share of the article's words inside quotation marks",
}
"""Axis and chart titles of the measures (others are the column name, capitalised)."""

MEASURE_GROUPS = {
    "reporting_verbs": (("reporting_neutral_per_1000", "neutral", PALETTE["reporting"]["neutral"]),
                        ("reporting_evaluative_per_1000", "evaluative", PALETTE["reporting"]["evaluative"])),
    "hedges_certainty": (("hedges_per_1000", "hedge", PALETTE["stance_words"]["hedge"]),
                         ("certainty_per_1000", "certainty", PALETTE["stance_words"]["certainty"])),
}
"""Measures that :func:`measure_chart` draws as pairs of bars (per 1,000 words)."""

GROUP_TITLES = {
    "reporting_verbs": "Reporting verbs per 1,000 words: neutral and evaluative",
    "hedges_certainty": "Hedges and certainty markers per 1,000 words",
}
"""The title of each chart of :data:`MEASURE_GROUPS`."""


def _labels(loaded: Case) -> dict[str, str]:
    return {a: article_label(a, o) for a, o in zip(loaded.articles["article_id"], loaded.articles["outlet"])}


def _grouped_chart(table: pd.DataFrame, measure: str, case_name: str, order: list[str]) -> alt.Chart:
    """Pairs of bars per article, e.g. neutral beside evaluative reporting verbs."""
    import altair as alt

    pairs = MEASURE_GROUPS[measure]
    kinds = [k for _, k, _ in pairs]
    long = table.melt(id_vars=["article", "article_id", "genre", "words"], value_vars=[c for c, _, _ in pairs],
                      var_name="column", value_name="per_1000")
    long["kind"] = long["column"].map({c: k for c, k, _ in pairs})
    text = f"Paired bars per article, per 1,000 words: {' beside '.join(kinds)}. " + "; ".join(
        f"{kind}: {extremes(long[long['kind'] == kind], 'article', 'per_1000')}" for kind in kinds)
    return described(
        alt.Chart(long, title=f"{GROUP_TITLES[measure]} (case '{case_name}')")
        .mark_bar()
        .encode(
            y=alt.Y("article:N", title=None, sort=order),
            yOffset=alt.YOffset("kind:N", sort=kinds),
            x=alt.X("per_1000:Q", title="Per 1,000 words"),
            color=alt.Color("kind:N", title="Kind", sort=kinds,
                            scale=alt.Scale(domain=kinds, range=[c for _, _, c in pairs])),
            tooltip=["article", "kind", alt.Tooltip("per_1000:Q", title="per 1,000 words"), "words"],
        )
        .properties(width=420, height=alt.Step(14)),
        text,
    )


def _single_chart(table: pd.DataFrame, measure: str, case_name: str, order: list[str]) -> alt.Chart:
    """One bar per article, coloured by genre."""
    import altair as alt

    table["genre"] = table["genre"].replace("", "unknown")
    genres = [g for g in PALETTE["genre"] if g in set(table["genre"])]
    title = MEASURE_TITLES.get(measure, measure.replace("_", " ").capitalize())
    text = f"Bar chart of {title.lower()}, one bar per article, coloured by genre; {extremes(table, 'article', measure)}"
    return described(
        alt.Chart(table, title=f"{title} (case '{case_name}')")
        .mark_bar()
        .encode(
            y=alt.Y("article:N", title=None, sort=order),
            x=alt.X(f"{measure}:Q", title=title),
            color=alt.Color("genre:N", title="Genre",
                            scale=alt.Scale(domain=genres, range=[PALETTE["genre"][g] for g in genres])),
            tooltip=["article", "genre", "words", alt.Tooltip(f"{measure}:Q")],
        )
        .properties(width=420, height=alt.Step(26)),
        text,
    )


def measure_chart(case: Case | str | Path | None = None, measure: str = "loaded_per_1000") -> alt.Chart:
    """Compare the articles on one framing measure: one bar per article.

    A single measure (any numeric column of :func:`framing_measures`, e.g.
    ``loaded_per_1000``) is coloured by genre; the pairs in
    :data:`MEASURE_GROUPS` (``reporting_verbs``: neutral beside evaluative;
    ``hedges_certainty``: hedges beside certainty markers) are drawn side by
    side for each article. Colours are Okabe–Ito.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.
        measure: a column of :func:`framing_measures` or a key of :data:`MEASURE_GROUPS`.

    Returns:
        An ``alt.Chart`` with a title.

    Raises:
        KitError: when ``measure`` is not a measure (the message lists them).

    >>> spec = measure_chart(measure="reporting_verbs").to_dict()
    >>> spec["encoding"]["color"]["scale"]["range"]
    ['#0072B2', '#D55E00']
    """
    numeric = [c for c in MEASURE_COLUMNS if c not in TEXT_COLUMNS]
    if measure not in numeric and measure not in MEASURE_GROUPS:
        raise KitError(f"{measure!r} is not a framing measure; use one of {', '.join(numeric + list(MEASURE_GROUPS))}.")
    loaded = resolve_case(case)
    table = framing_measures(loaded)
    labels = _labels(loaded)
    table["article"] = table["article_id"].map(labels)
    draw = _grouped_chart if measure in MEASURE_GROUPS else _single_chart
    return draw(table, measure, loaded.name, list(labels.values()))


def coverage_chart(case: Case | str | Path | None = None) -> alt.Chart:
    """Draw the coverage key as a heatmap: key facts (rows) × articles (columns), by status.

    Included is blue with ``+``, distorted vermillion with ``!``, omitted light
    grey with ``–`` (colour and mark both, for readers who do not see colour).
    Hover a cell for the evidence or the note. A case without a coverage key
    gives an empty chart that says so in its title.

    >>> spec = coverage_chart().to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]], spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    (['rect', 'text'], ['included', 'distorted', 'omitted'])
    """
    import altair as alt

    loaded = resolve_case(case)
    table = coverage(loaded)
    labels = _labels(loaded)
    table["article"] = table["article_id"].map(labels)
    table["fact_label"] = [f"{i} {f if len(f) <= 60 else f[:57] + '...'}" for i, f in zip(table["fact_id"], table["fact"])]
    table["mark"] = table["status"].map(STATUS_MARKS)
    ink = PALETTE["ink"]
    table["ink"] = [ink["muted"] if status == "omitted" else ink["light"] for status in table["status"]]
    table["evidence"] = [q if q else n for q, n in zip(table["quote"], table["note"])]
    title = f"Key facts × articles in case '{loaded.name}': included, distorted or omitted"
    if table.empty:
        title = f"Case '{loaded.name}' has no coverage key (keys/coverage.csv)"
    facts = list(dict.fromkeys(table["fact_label"]))
    x = alt.X("article:N", title=None, sort=list(labels.values()), axis=alt.Axis(labelAngle=-30, orient="top"))
    y = alt.Y("fact_label:N", title=None, sort=facts, axis=alt.Axis(labelLimit=420))
    domain = list(COVERAGE_STATUSES)
    base = alt.Chart(table)
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        x=x, y=y,
        color=alt.Color("status:N", title="Status", sort=domain,
                        scale=alt.Scale(domain=domain, range=[PALETTE["coverage"][s] for s in domain])),
        tooltip=["id:N", "fact:N", "article:N", "status:N", "evidence:N"],
    )
    marks = base.mark_text(fontSize=12, fontWeight="bold").encode(
        x=x, y=y, text="mark:N", color=alt.Color("ink:N", scale=None, legend=None),
    )
    omitted = table[table["status"] == "omitted"].groupby("article").size()
    most = f"; most omissions: {omitted.idxmax()} ({plural(int(omitted.max()), 'fact')})" if len(omitted) else ""
    text = (f"Heatmap of {plural(len(facts), 'key fact')} by {plural(len(labels), 'article')}: "
            f"{counted(table['status'], domain)}{most}") if len(table) else title
    return described(alt.layer(cells, marks, title=title).properties(width=alt.Step(70), height=alt.Step(20)), text)


def _frame_grid(table: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Paragraphs per (article, frame), every frame of :data:`FRAMES` for every article, zeros included."""
    import pandas as pd

    counts = table.groupby(["article_id", "frame"]).size() if len(table) else pd.Series(dtype=int)
    rows = []
    for aid, label in labels.items():
        for frame in FRAMES:
            n = int(counts.get((aid, frame), 0))
            rows.append({"article": label, "frame": frame, "paragraphs": n, "text": str(n) if n else ""})
    return pd.DataFrame(rows)


def frames_chart(case: Case | str | Path | None = None) -> alt.Chart:
    """Draw the frames key as a heatmap: the 14 frames (rows) × articles (columns), paragraphs per cell.

    Every frame of :data:`FRAMES` is a row, in codebook order, even when no
    paragraph has it (an empty row is a finding too). Darker blue means more
    paragraphs; the number is printed in the cell.

    >>> spec = frames_chart().to_dict()
    >>> spec["layer"][0]["encoding"]["color"]["scale"]["range"], spec["title"][:6]
    (['#F2F2F2', '#0072B2'], 'Frames')
    """
    import altair as alt

    loaded = resolve_case(case)
    table = frames(loaded)
    labels = _labels(loaded)
    grid = _frame_grid(table, labels)
    title = f"Frames by article in case '{loaded.name}': paragraphs with each primary frame"
    if table.empty:
        title = f"Frames: case '{loaded.name}' has no frames key (keys/frames.csv)"
    x = alt.X("article:N", title=None, sort=list(labels.values()), axis=alt.Axis(labelAngle=-30, orient="top"))
    y = alt.Y("frame:N", title=None, sort=list(FRAMES), axis=alt.Axis(labelLimit=400))
    top = max(int(grid["paragraphs"].max()), 1)
    cells = alt.Chart(grid).mark_rect(stroke="white", strokeWidth=1).encode(
        x=x, y=y,
        color=alt.Color("paragraphs:Q", title="Paragraphs",
                        scale=alt.Scale(domain=[0, top], range=[PALETTE["heat"]["low"], PALETTE["heat"]["high"]])),
        tooltip=["article:N", "frame:N", "paragraphs:Q"],
    )
    ink = PALETTE["ink"]
    numbers = alt.Chart(grid).mark_text(fontSize=11).encode(
        x=x, y=y, text="text:N",
        color=alt.condition(alt.datum.paragraphs > top / 2, alt.value(ink["light"]), alt.value(ink["dark"])),
    )
    totals = grid.groupby("frame")["paragraphs"].sum()
    unused = int((totals == 0).sum())
    text = (f"Heatmap of the {plural(len(FRAMES), 'frame')} by {plural(len(labels), 'article')}, paragraphs per cell; "
            f"most common: {totals.idxmax()} ({plural(int(totals.max()), 'paragraph')}); "
            f"{plural(unused, 'frame')} in no paragraph") if len(table) else title
    return described(alt.layer(cells, numbers, title=title).properties(width=alt.Step(80), height=alt.Step(20)), text)
