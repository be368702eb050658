"""Lesson 01: the claim key, checking a label, and scoring that measures discernment.

The key is data: ``keys/claims.csv`` in the case folder, with the columns
``id, file, sentence_id, quote, label, who_asserts, original_source, rationale, example``.
Every quote is verbatim in its sentence (``python -m kit validate`` checks it).

Scoring uses each student's *first* answer to a claim: later attempts, made
after seeing the key's label, are learning, not measurement.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from statistics import NormalDist
from typing import TYPE_CHECKING, Any

from .core import store as _store
from .core.case import Case
from .taxonomy import LABELS, normalise_label
from .core.case import resolve_case
from .core.registry import register_key

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

CLAIM_COLUMNS = ["id", "file", "sentence_id", "quote", "label", "who_asserts", "original_source", "rationale", "example"]
REQUIRED = CLAIM_COLUMNS[:-1]
_CLAIM_ID = re.compile(r"^A\d+\.C\d+$")


def validate_claims(rows: list[tuple[int, dict[str, str]]], label: str, problems: list[str]) -> None:
    """Report problems of a claims key: missing columns or values, unknown labels, bad ids."""
    if rows:
        missing = [c for c in REQUIRED if c not in rows[0][1]]
        if missing:
            problems.append(f"{label} has no column {', '.join(repr(m) for m in missing)}; its columns are {','.join(CLAIM_COLUMNS)}.")
            return
    for line, row in rows:
        where = f"{label}, line {line} ({row['id'].strip() or 'no id'})"
        empty = [c for c in REQUIRED if not row[c].strip()]
        if empty:
            problems.append(f"{where}: the field {empty[0]!r} is empty; every claim needs {', '.join(REQUIRED)}.")
            continue
        if not _CLAIM_ID.match(row["id"].strip()):
            problems.append(f"{where}, field 'id': {row['id']!r} is not a claim id; write it like A2.C7.")
        if row["label"].strip() not in LABELS:
            problems.append(f"{where}, field 'label': {row['label']!r} is not a label; use one of {', '.join(LABELS)}.")
        if row.get("example", "").strip() not in ("", "yes"):
            problems.append(f"{where}, field 'example': write 'yes' or leave it empty.")


def _case(case: Case | str | Path | None) -> Case:
    return resolve_case(case)


def claim_key(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return the case's claim key with article id, outlet and the sentence's text.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame, one row per claim, in reading order; empty (with the same
        columns) when the case has no ``keys/claims.csv``.

    >>> key = claim_key()
    >>> key.columns[:4].tolist()
    ['id', 'article_id', 'outlet', 'sentence_id']
    """
    import pandas as pd

    loaded = _case(case)
    columns = ["id", "article_id", "outlet", "sentence_id", "sentence", "quote", "label", "who_asserts",
               "original_source", "rationale", "example", "file"]
    table = loaded.keys.get("claims")
    if table is None or table.empty:
        return pd.DataFrame(columns=columns)
    meta = loaded.articles.set_index("file")
    text = loaded.sentences.set_index("sentence_id")["text"]
    out = table.copy()
    out["article_id"] = out["file"].map(meta["article_id"])
    out["outlet"] = out["file"].map(meta["outlet"])
    out["sentence"] = out["sentence_id"].map(text)
    if "example" not in out:
        out["example"] = ""
    order = loaded.sentences.reset_index().set_index("sentence_id")["index"]
    out["_order"] = out["sentence_id"].map(order)
    out["_n"] = out["id"].str.extract(r"C(\d+)$")[0].astype(int)
    out = out.sort_values(["_order", "_n"]).reset_index(drop=True)
    return out[columns]


def claim_examples(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return the key's worked examples (two per label), grouped by label in teaching order.

    >>> bool(claim_examples()["label"].value_counts().eq(2).all())
    True
    """
    key = claim_key(case)
    picked = key[key["example"] == "yes"].copy()
    picked["_rank"] = picked["label"].map({label: i for i, label in enumerate(LABELS)})
    return picked.sort_values(["_rank", "id"]).drop(columns="_rank").reset_index(drop=True)


def check_claim(claim_id: str, label: Any, confidence: Any = None, case: Case | str | Path | None = None,
                *, save: bool = True):
    """Check a label for one claim of the key, with the student's confidence, and record it.

    Args:
        claim_id: the claim's id, e.g. ``"A1.C5"``.
        label: one of the six labels (case, spaces and hyphens are forgiven).
        confidence: how sure the student is, 1 (guessing) to 5 (certain), or ``None``.
        case: a loaded case, a case folder, or ``None`` for the seeds.
        save: record the attempt in the answers file.

    Returns:
        A :class:`kit.Feedback` whose message gives the key's label and rationale.

    >>> check_claim("A2.C1", "loaded framing", 4, save=False).status
    'correct'
    >>> check_claim("A2.C1", "fact", save=False).message.split(";")[0]
    "'fact' is not a label"
    """
    from .checks import Feedback

    try:
        key = claim_key(case).set_index("id")
    except Exception as exc:  # a broken case folder: say so in one sentence
        return Feedback(str(claim_id), "invalid", str(exc))
    qid = claim_id.strip() if isinstance(claim_id, str) else claim_id
    if qid not in key.index:
        return Feedback(str(claim_id), "invalid", f"There is no claim {claim_id!r} in the key; claim ids look like A1.C5 (see kit.claim_key()).")
    chosen = normalise_label(label)
    if chosen is None:
        shown = f"{label!r}" if isinstance(label, str) else f"{label!r} (not a string in quotes)"
        return Feedback(qid, "invalid", f"{shown} is not a label; use one of {', '.join(LABELS)}.")
    if confidence is not None and (isinstance(confidence, bool) or confidence not in (1, 2, 3, 4, 5)):
        return Feedback(qid, "invalid", f"Confidence is a whole number from 1 (guessing) to 5 (certain); you gave {confidence!r}.")
    row = key.loc[qid]
    if chosen == row["label"]:
        status, message = "correct", f"The key says {row['label']} too. {row['rationale']}"
    else:
        status, message = "incorrect", f"The key says {row['label']}, not {chosen}. {row['rationale']}"
    note = ""
    if save:
        answer = {"label": chosen, "confidence": int(confidence) if confidence is not None else None}
        note = _store.record(qid, answer, status, _case(case).name)
    return Feedback(qid, status, message, note)


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


def _z(p: float) -> float:
    return NormalDist().inv_cdf(p)


def discernment(answers: pd.DataFrame) -> pd.DataFrame:
    """Score labels as signal detection: hits and false alarms per label, and d′.

    For each label, the *signal* claims are those the key gives that label.
    A hit is a signal claim the student labelled so; a false alarm is another
    claim the student gave that label. d′ is z(hit rate) − z(false-alarm rate),
    with the log-linear correction (add 0.5 to counts, 1 to totals) so that
    rates of 0 or 1 stay finite. d′ near 0 means no discernment, however many
    hits: labelling everything ``verifiable_fact`` scores every hit for that
    label and every false alarm with it.

    Args:
        answers: a table with ``given`` and ``key`` columns (e.g. :func:`responses`).

    Returns:
        A DataFrame indexed by label: ``claims, hits, misses, false_alarms,
        correct_rejections, hit_rate, false_alarm_rate, d_prime``.

    >>> import pandas as pd
    >>> guesser = pd.DataFrame({"key": ["opinion", "speculation", "opinion"], "given": ["opinion"] * 3})
    >>> row = discernment(guesser).loc["opinion"]
    >>> int(row["hits"]), int(row["false_alarms"]), float(row["hit_rate"]), float(row["false_alarm_rate"])
    (2, 1, 1.0, 1.0)
    """
    import pandas as pd

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
        d_prime = (
            _z((hits + 0.5) / (n_signal + 1)) - _z((false_alarms + 0.5) / (n_noise + 1))
            if n_signal and n_noise
            else float("nan")
        )
        rows.append({"label": label, "claims": n_signal, "hits": hits, "misses": misses,
                     "false_alarms": false_alarms, "correct_rejections": rejections,
                     "hit_rate": hit_rate, "false_alarm_rate": fa_rate, "d_prime": round(d_prime, 2)})
    return pd.DataFrame(rows).set_index("label")


def confusion(answers: pd.DataFrame) -> pd.DataFrame:
    """Cross-tabulate the key's labels (rows) against the student's (columns), all six each way.

    >>> import pandas as pd
    >>> table = confusion(pd.DataFrame({"key": ["opinion"], "given": ["speculation"]}))
    >>> int(table.loc["opinion", "speculation"]), table.shape
    (1, (6, 6))
    """
    import pandas as pd

    key = pd.Categorical(answers["key"], categories=LABELS)
    given = pd.Categorical(answers["given"], categories=LABELS)
    table = pd.crosstab(key, given, dropna=False).reindex(index=list(LABELS), columns=list(LABELS), fill_value=0)
    table.index.name, table.columns.name = "key", "given"
    return table


def calibration(answers: pd.DataFrame) -> pd.DataFrame:
    """Accuracy at each confidence level next to what that confidence promises.

    Confidence 1 means guessing among six labels (1 in 6 right); 5 means
    certain (always right); the levels between are evenly spaced.

    >>> import pandas as pd
    >>> calibration(pd.DataFrame({"confidence": [5, 5], "correct": [True, False]})).loc[5, "accuracy"]
    np.float64(0.5)
    """
    import pandas as pd

    chance = 1 / len(LABELS)
    levels = pd.Index([1, 2, 3, 4, 5], name="confidence")
    rated = answers.dropna(subset=["confidence"])
    grouped = rated.groupby(rated["confidence"].astype(int))["correct"]
    table = pd.DataFrame({"answers": grouped.size(), "accuracy": grouped.mean()}).reindex(levels)
    table["answers"] = table["answers"].fillna(0).astype(int)
    table["promised"] = [round(chance + (1 - chance) * (c - 1) / 4, 3) for c in levels]
    return table


def calibration_chart(answers: pd.DataFrame) -> alt.Chart:
    """Chart confidence against correctness: bars of accuracy per level, a line of what each level promises.

    Bars above the line: more careful than confident (under-confident); bars
    below it: over-confident. The number over a bar is how many answers it rests on.

    >>> import pandas as pd
    >>> spec = calibration_chart(pd.DataFrame({"confidence": [2, 5], "correct": [True, False]})).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['bar', 'text', 'line']
    """
    import altair as alt

    table = calibration(answers).reset_index()
    table["accuracy"] = table["accuracy"].astype(float)
    base = alt.Chart(table).encode(x=alt.X("confidence:O", title="Confidence (1 = guessing, 5 = certain)",
                                           axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar(color="#4c78a8").encode(
        y=alt.Y("accuracy:Q", title="Share of answers right", scale=alt.Scale(domain=[0, 1])),
        tooltip=["confidence", "answers", alt.Tooltip("accuracy:Q", format=".0%"), "promised"],
    )
    counts = base.mark_text(dy=-6, color="#333").encode(y="accuracy:Q", text="answers:Q")
    promise = base.mark_line(color="#e45756", strokeDash=[4, 3], point=True).encode(y="promised:Q")
    return alt.layer(bars, counts, promise).properties(width=320, height=220, title="Calibration: how sure vs how right")


def highlight(sentence: str, quote: str) -> str:
    """Return the sentence as HTML with the quoted claim marked (white space forgiven).

    >>> highlight("It is pure fiction, he said.", "pure  fiction")
    'It is <mark>pure fiction</mark>, he said.'
    """
    parts = quote.split()
    match = re.search(r"\s+".join(re.escape(p) for p in parts), sentence) if parts else None
    if not match:
        return html.escape(sentence)
    return (html.escape(sentence[: match.start()]) + "<mark>" + html.escape(match.group(0)) + "</mark>"
            + html.escape(sentence[match.end():]))


register_key("claims", lambda rows, label, case, problems: validate_claims(rows, label, problems))
