"""The trust bank in a student release: items students can read, with no readable judgement or explanation.

A student release (:mod:`kit.release`) replaces ``kit/trust/items.csv`` by
``kit/trust/items.sealed.json``. Every item keeps what a student sees (id, set,
format, topic, source, text, difficulty). A practice item keeps its judgement
as salted digests (of ``yes`` or ``no``, and of each acceptable reason) and its
explanation locked, as :mod:`kit.sealed` does for the questions key;
:func:`revealed` opens them for one item once the student has answered it.
An item of a transfer-test form keeps nothing at all: the teacher's report
scores the test with the teacher's own bank, and its feedback comes from the
teacher.

As with sealed questions, this stops a student from *reading* the judgements;
code that tries both answers against the digests can still find them.

>>> import pandas as pd
>>> rows = pd.DataFrame([{"id": "s01", "set": "sorter", "format": "post", "topic": "transport", "source": "Post",
...     "text": "Ferries run.", "trust": "yes", "reasons": "known_source", "difficulty": 1, "explanation": "Why."}])
>>> sealed = seal_bank(rows, "salt")
>>> "Why." in str(sealed), revealed(sealed_items(sealed).iloc[0].to_dict(), ["known_source"])["explanation"]
(False, 'Why.')
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..sealed import digest, lock, unlock
from .files import FORMS

if TYPE_CHECKING:
    import pandas as pd

FORMAT = "media-literacy-trust-bank-sealed/1"
VISIBLE_ITEM = ("id", "set", "format", "topic", "source", "text", "difficulty")
"""The columns of an item a student may read."""


def seal_bank(items: pd.DataFrame, salt: str) -> dict[str, Any]:
    """Return the sealed form of a bank: visible columns, digests of the judgement, the explanation locked.

    Items of the transfer-test forms keep only their visible columns.
    """
    sealed = []
    for row in items.to_dict("records"):
        record = {column: (int(row[column]) if column == "difficulty" else str(row[column])) for column in VISIBLE_ITEM}
        if row["set"] not in FORMS:
            record["trust"] = digest(salt, row["id"], str(row["trust"]))
            record["reasons"] = sorted(digest(salt, row["id"], r.strip()) for r in str(row["reasons"]).split(";") if r.strip())
            record["explanation"] = lock(str(row["explanation"]), salt, row["id"], "explanation")
        sealed.append(record)
    return {"format": FORMAT, "salt": salt, "items": sealed}


def sealed_items(sealed: dict[str, Any]) -> pd.DataFrame:
    """Return a sealed bank as the table :func:`kit.trust.bank.trust_items` gives, judgements still sealed.

    ``trust``, ``reasons`` and ``explanation`` hold the sealed values (empty for a form's
    items); ``trustworthy`` is ``None``; ``salt`` and ``sealed`` let :func:`revealed` open an item.
    """
    import pandas as pd

    rows = [{**{c: "" for c in ("trust", "reasons", "explanation")}, **record, "salt": sealed["salt"], "sealed": True}
            for record in sealed["items"]]
    table = pd.DataFrame(rows)
    if not table.empty:
        table["reasons"] = table["reasons"].map(lambda r: json.dumps(r) if isinstance(r, list) else r)
        table["trustworthy"] = None
    return table


def read_sealed_bank(path: Path) -> pd.DataFrame:
    """Read ``items.sealed.json`` into the bank's table (judgements sealed)."""
    return sealed_items(json.loads(Path(path).read_text(encoding="utf-8")))


def revealed(item: dict[str, Any], reason_ids: list[str]) -> dict[str, Any]:
    """Return an item with its judgement in plain text, for feedback after the student has answered it.

    A plain item comes back as it is. A sealed practice item has its ``trust``,
    ``reasons`` and ``explanation`` opened; a sealed test item, whose judgement is
    not in the release, comes back with them empty and ``trustworthy`` ``None``. ``reason_ids`` are the
    ids of ``reasons.csv`` (the digests are tried against them).
    """
    if not item.get("sealed"):
        return item
    salt, qid = item["salt"], item["id"]
    if not item.get("trust"):
        return {**item, "trust": "", "reasons": "", "explanation": "", "trustworthy": None}
    trust = next((t for t in ("yes", "no") if digest(salt, qid, t) == item["trust"]), "")
    kept = set(json.loads(item["reasons"])) if item.get("reasons") else set()
    reasons = ";".join(r for r in reason_ids if digest(salt, qid, r) in kept)
    explanation = unlock(item["explanation"], salt, qid, "explanation")
    return {**item, "trust": trust, "reasons": reasons, "explanation": explanation, "trustworthy": trust == "yes"}
