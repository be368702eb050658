"""Lesson 01: scoring claim labels: discernment (hits, false alarms, d′), confusion and calibration.

Scoring uses each student's *first* answer to a claim: later attempts, made
after seeing the key's label, are learning, not measurement.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import store as _store
from ..core.case import Case, resolve_case
from ..confidence import LEVELS, SCALE, promised
from ..display import PALETTE
from ..sdt import d_prime as sdt_d_prime
from .key import claim_key
from .taxonomy import LABELS, normalise_label

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd


def claim_responses(case: Case | str | Path | None = None, path: str | Path | None = None, first: bool = True) -> pd.DataFrame:
    """Return a student's claim labels joined with the key, one row per claim answered.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.
        path: an answers file; the student's own when ``None``.
        first: keep each claim's first answer (the honest measure); ``False`` keeps the last.

    Returns:
        A DataFrame with ``claim_id, article_id, given, confidence, key, correct``.

    >>> claim_responses(path="/nonexistent/answers.json").columns.tolist()
    ['claim_id', 'article_id', 'given', 'confidence', 'key', 'correct']
    """
    import pandas as pd

    key = claim_key(case).set_index("id")
    attempts = _store.answers(path)
    rows = []
    for record in attempts.itertuples():
        answer = record.answer
        if record.question in key.index and isinstance(answer, dict) and normalise_label(answer.get("label")):
            rows.append({"claim_id": record.question, "given": normalise_label(answer["label"]),
                         "confidence": answer.get("confidence")})
    frame = pd.DataFrame(rows, columns=["claim_id", "given", "confidence"])
    frame = frame.drop_duplicates("claim_id", keep="first" if first else "last")
    frame["article_id"] = frame["claim_id"].map(key["article_id"])
    frame["key"] = frame["claim_id"].map(key["label"])
    frame["correct"] = frame["given"] == frame["key"]
    frame["confidence"] = pd.array(frame["confidence"], dtype="Int64")
    return frame[["claim_id", "article_id", "given", "confidence", "key", "correct"]].reset_index(drop=True)


NO_ANSWERS = "Sort a few claims to see your scores"
"""What a score says before there is anything to score (instead of 0 or NaN)."""
NO_ANSWERS_HINT = "no answers yet: sort a few claims with kit.claim_sorter(case), then run this cell again"
"""The ``note`` of a score table computed from no answers."""
_DASH = "–"
_READINGS = [  # (lowest average d′, what it means), best first: the one-line reading of discernment
    (2.0, "you tell the labels apart well"),
    (1.0, "you tell the labels apart, with some mix-ups"),
    (0.3, "you tell the labels apart a little; the confusion table shows which ones you mix up"),
    (float("-inf"), "your labels are close to guessing so far"),
]


def _d_prime_note(n_signal: int, n_noise: int, given: int) -> str:
    """Why d′ is not reported for a label ("" when it is)."""
    if not n_signal:
        return "no claim of this label answered: no d′"
    if not n_noise:
        return "only claims of this label answered: no d′"
    if not given:
        return "never given: no d′"
    if given == n_signal + n_noise:
        return "given to every claim: no discernment, d′ = 0"
    return ""


def discernment(answers: pd.DataFrame) -> pd.DataFrame:
    """Score labels as signal detection: hits and false alarms per label, and d′.

    For each label, the *signal* claims are those the key gives that label.
    A hit is a signal claim the student labelled so; a false alarm is another
    claim the student gave that label. d′ is z(hit rate) − z(false-alarm rate),
    with the log-linear correction (add 0.5 to counts, 1 to totals) so that
    rates of 0 or 1 stay finite. d′ near 0 means no discernment, however many
    hits: labelling everything ``verifiable_fact`` scores every hit for that
    label and every false alarm with it.

    d′ is reported only where it means something: for a label the student
    never gave (no hits, no false alarms) the correction alone would make up a
    d′ from the claim counts, so ``d_prime`` is empty and ``note`` says why; for
    a label given to every claim both rates are 1 and d′ is exactly 0.

    Args:
        answers: a table with ``given`` and ``key`` columns (e.g. :func:`responses`).

    Returns:
        A DataFrame indexed by label: ``claims, hits, misses, false_alarms,
        correct_rejections, hit_rate, false_alarm_rate, d_prime, note``.

    >>> import pandas as pd
    >>> guesser = pd.DataFrame({"key": ["opinion", "speculation", "opinion"], "given": ["opinion"] * 3})
    >>> row = discernment(guesser).loc["opinion"]
    >>> int(row["hits"]), int(row["false_alarms"]), float(row["hit_rate"]), float(row["false_alarm_rate"])
    (2, 1, 1.0, 1.0)
    >>> discernment(guesser).loc["speculation", "note"]
    'never given: no d′'

    With no answers at all, every count is 0, rates and d′ are a dash and ``note`` says what to do.
    """
    import pandas as pd

    if answers.empty:
        return _empty_discernment()
    rows = []
    for label in LABELS:
        signal = answers["key"] == label
        said = answers["given"] == label
        hits = int((signal & said).sum())
        misses = int((signal & ~said).sum())
        false_alarms = int((~signal & said).sum())
        rejections = int((~signal & ~said).sum())
        n_signal, n_noise = hits + misses, false_alarms + rejections
        hit_rate = hits / n_signal if n_signal else float("nan")
        fa_rate = false_alarms / n_noise if n_noise else float("nan")
        note = _d_prime_note(n_signal, n_noise, hits + false_alarms)
        if not note or note.startswith("given to every claim"):  # kit.sdt: a constant responder scores 0
            d_prime = sdt_d_prime(hits, false_alarms, n_signal, n_noise)
        else:  # never given, or one side only: the correction would invent a d′ from the claim counts alone
            d_prime = float("nan")
        rows.append({"label": label, "claims": n_signal, "hits": hits, "misses": misses,
                     "false_alarms": false_alarms, "correct_rejections": rejections,
                     "hit_rate": hit_rate, "false_alarm_rate": fa_rate, "d_prime": round(d_prime, 2),
                     "note": note})
    return pd.DataFrame(rows).set_index("label")


def _empty_discernment() -> pd.DataFrame:
    """The discernment table of no answers: zero counts, dashes for rates and d′, a hint in ``note``."""
    import pandas as pd

    rows = [{"label": label, "claims": 0, "hits": 0, "misses": 0, "false_alarms": 0, "correct_rejections": 0,
             "hit_rate": _DASH, "false_alarm_rate": _DASH, "d_prime": _DASH, "note": NO_ANSWERS_HINT}
            for label in LABELS]
    return pd.DataFrame(rows).set_index("label")


def discernment_reading(table: pd.DataFrame) -> str:
    """Read a :func:`discernment` table in one line: the average d′ over the labels it is reported for.

    The reading names its evidence (the average, how many labels, the lowest
    label) and a rule table turns the average into words (0 = guessing, 2 or
    more = strong). No answers, one label only, or one label given to every
    claim each get their own sentence instead of a number.

    >>> import pandas as pd
    >>> answers = pd.DataFrame({"key": ["opinion", "prediction", "opinion", "prediction"],
    ...                         "given": ["opinion", "prediction", "opinion", "opinion"]})
    >>> discernment_reading(discernment(answers)).split(" (")[0]
    'Discernment: you tell the labels apart a little; the confusion table shows which ones you mix up'
    >>> discernment_reading(discernment(answers.iloc[0:0]))
    'Sort a few claims to see your scores.'
    """
    import pandas as pd

    if int(table["claims"].sum()) == 0:
        return f"{NO_ANSWERS}."
    everything = [label for label, note in table["note"].items() if note.startswith("given to every claim")]
    if everything:
        label = everything[0].replace("_", " ")
        return (f"You gave {label} to every claim so far: each hit for it comes with a false alarm, "
                "so these answers show no discernment yet (d′ = 0).")
    scored = pd.to_numeric(table["d_prime"], errors="coerce").dropna()
    if scored.empty:
        return "Not enough variety yet to measure discernment: sort claims of more than one label."
    mean = float(scored.mean())
    reading = next(text for low, text in _READINGS if mean >= low)
    lowest = str(scored.idxmin()).replace("_", " ")
    return (f"Discernment: {reading} (average d′ {mean:.1f} over {len(scored)} labels, 0 = guessing, "
            f"2 or more = strong; lowest: {lowest}, d′ {float(scored.min()):.1f}).")


def score_summary(answers: pd.DataFrame, items: pd.DataFrame) -> str:
    """Summarise a student's first answers to a set of claims as HTML: sorted, right, per-label hits, a reading.

    Args:
        answers: first answers (:func:`claim_responses`): ``claim_id, given, key, correct``; answers to
            claims outside ``items`` are left out.
        items: the set's claims, with ``id`` and ``label`` (the key's).

    Returns:
        An HTML fragment (class ``kit-scores``); before any answer in the set it says
        "Sort a few claims to see your scores" instead of zeros.

    >>> import pandas as pd
    >>> items = pd.DataFrame({"id": ["A1.C1", "A1.C2"], "label": ["opinion", "prediction"]})
    >>> "Sort a few claims" in score_summary(pd.DataFrame(columns=["claim_id", "given", "key", "correct"]), items)
    True
    >>> mine = pd.DataFrame({"claim_id": ["A1.C1"], "given": ["opinion"], "key": ["opinion"], "correct": [True]})
    >>> "Sorted 1 of 2 claims; right at first try: 1 (100%)." in score_summary(mine, items)
    True
    """
    mine = answers[answers["claim_id"].isin(set(items["id"]))]
    if mine.empty:
        return f'<div class="kit-scores"><em>{NO_ANSWERS}.</em></div>'
    right = int(mine["correct"].sum())
    table = discernment(mine)
    in_set = items["label"].value_counts()
    rows = "".join(
        f"<tr><td>{html.escape(label.replace('_', ' '))}</td><td>{int(table.loc[label, 'claims'])} of "
        f"{int(in_set[label])}</td><td>{int(table.loc[label, 'hits'])}</td></tr>"
        for label in LABELS if label in in_set.index
    )
    cell = 'style="text-align:left;padding:2px 10px 2px 0"'
    return (
        f'<div class="kit-scores"><div>Sorted {len(mine)} of {len(items)} claims; right at first try: '
        f"{right} ({right / len(mine):.0%}).</div>"
        f'<table class="kit-score-table"><thead><tr><th {cell}>Key\'s label</th><th {cell}>Sorted</th>'
        f"<th {cell}>Right at first try</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<div>{html.escape(discernment_reading(table))}</div></div>"
    )


def confusion(answers: pd.DataFrame) -> pd.DataFrame:
    """Cross-tabulate the key's labels (rows) against the student's (columns), all six each way.

    >>> import pandas as pd
    >>> table = confusion(pd.DataFrame({"key": ["opinion"], "given": ["speculation"]}))
    >>> int(table.loc["opinion", "speculation"]), table.shape
    (1, (6, 6))

    With no answers at all, a ``note`` column says what to do.
    """
    import pandas as pd

    key = pd.Categorical(answers["key"], categories=LABELS)
    given = pd.Categorical(answers["given"], categories=LABELS)
    table = pd.crosstab(key, given, dropna=False).reindex(index=list(LABELS), columns=list(LABELS), fill_value=0)
    table.index.name, table.columns.name = "key", "given"
    if answers.empty:  # nothing sorted yet: say what to do instead of showing a grid of zeros
        table["note"] = [NO_ANSWERS_HINT] + [""] * (len(table) - 1)
    return table


def calibration(answers: pd.DataFrame) -> pd.DataFrame:
    """Accuracy at each confidence level next to what that confidence promises.

    Confidence 1 means guessing among six labels (1 in 6 right); 5 means
    certain (always right); the levels between are evenly spaced (:func:`kit.confidence.promised`).

    >>> import pandas as pd
    >>> calibration(pd.DataFrame({"confidence": [5, 5], "correct": [True, False]})).loc[5, "accuracy"]
    np.float64(0.5)

    With no answers at all, ``accuracy`` is a dash and a ``note`` column says what to do.
    """
    import pandas as pd

    levels = pd.Index(list(LEVELS), name="confidence")
    rated = answers.dropna(subset=["confidence"])
    grouped = rated.groupby(rated["confidence"].astype(int))["correct"]
    table = pd.DataFrame({"answers": grouped.size(), "accuracy": grouped.mean()}).reindex(levels)
    table["answers"] = table["answers"].fillna(0).astype(int)
    table["promised"] = [promised(level, options=len(LABELS)) for level in levels]
    if answers.empty:
        table["accuracy"] = _DASH
        table["note"] = NO_ANSWERS_HINT
    return table


def calibration_chart(answers: pd.DataFrame) -> alt.Chart:
    """Chart confidence against correctness: bars of accuracy per level, a line of what each level promises.

    Bars above the line: more careful than confident (under-confident); bars
    below it: over-confident. The number over a bar is how many answers it rests on.
    With no answers the chart keeps its axes and line and says, in its middle and
    its subtitle, to sort a few claims first.

    >>> import pandas as pd
    >>> spec = calibration_chart(pd.DataFrame({"confidence": [2, 5], "correct": [True, False]})).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'text', 'line']
    """
    import altair as alt

    import pandas as pd

    table = calibration(answers).reset_index()
    table["accuracy"] = pd.to_numeric(table["accuracy"], errors="coerce").astype(float)
    base = alt.Chart(table).encode(x=alt.X("confidence:O", title=f"Confidence ({SCALE})",
                                           axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar(color=PALETTE["series"]["main"]).encode(
        y=alt.Y("accuracy:Q", title="Share of answers right", scale=alt.Scale(domain=[0, 1])),
        tooltip=["confidence", "answers", alt.Tooltip("accuracy:Q", format=".0%"), "promised"],
    )
    counts = base.mark_text(dy=-6, color=PALETTE["ink"]["muted"]).encode(y="accuracy:Q", text="answers:Q")
    promise = base.mark_line(color=PALETTE["series"]["reference"], strokeDash=[4, 3], point=True).encode(y="promised:Q")
    title = "Calibration: how sure vs how right"
    if not answers.empty:
        return alt.layer(bars, counts, promise).properties(width=320, height=220, title=title)
    hint = alt.Chart(pd.DataFrame({"hint": [f"{NO_ANSWERS}."]})).mark_text(
        fontSize=13, color=PALETTE["ink"]["muted"]).encode(text="hint:N", x=alt.value(160), y=alt.value(90))
    return alt.layer(bars, counts, promise, hint).properties(
        width=320, height=220, title=alt.TitleParams(title, subtitle=[f"{NO_ANSWERS}: none answered yet."]))
