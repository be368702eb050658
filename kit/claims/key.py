"""Lesson 01: the claim key, checking a label, and scoring that measures discernment.

The key is data: ``keys/claims.csv`` in the case folder, with the columns
``id, file, sentence_id, quote, label, who_asserts, original_source, rationale, example``.
Every quote is verbatim in its sentence (``python -m kit validate`` checks it).

Scoring lives in :mod:`.scoring`.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..checks import Feedback
from ..core import store as _store
from ..core.case import Case, resolve_case
from ..core.registry import register_key
from .taxonomy import LABELS, normalise_label

if TYPE_CHECKING:
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
