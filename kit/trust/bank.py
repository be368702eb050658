"""The trust bank: short invented items (headlines, posts, short articles, quotes) that students judge for trust.

Two tables beside this module are the single source of truth:

- ``reasons.csv``: why an item deserves trust or not, one row per reason
  (``id, side, lesson, technique, label, explains, tell``). ``side`` is ``trust`` or
  ``distrust``; ``lesson`` is where the skill is taught (``00`` for the six
  manipulation techniques that lesson 00 prebunks, marked ``technique = yes``).
- ``items.csv``: the items (``id, set, format, topic, source, text, trust, reasons,
  difficulty, explanation``). ``set`` says where an item is used: the three
  transfer-test forms (``form_a``, ``form_b``, ``form_c``), the prebunking round of
  lesson 00 (``prebunk``), the review that opens lesson N (``review_0N``) or free
  practice (``sorter``). ``trust`` is ``yes`` or ``no``; ``reasons`` lists the
  acceptable reasons (``;``-separated ids of ``reasons.csv``, all on the item's side);
  ``difficulty`` is the author's estimate, 1 (easy) to 3 (hard).

Every item was written for the course (no third-party text) and is shared under
CC BY 4.0 with the rest of the course's own material. No item is about the
built-in case, so judging one is transfer, never recall.

>>> sorted(reason_table().query("technique == 'yes'").index)[:2]
['conspiracy', 'emotional_language']
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import KitError
from .files import FORMATS, FORMS, ITEMS_FILE, REASONS_FILE, SEALED_BANK, SETS
from .sealing import read_sealed_bank

if TYPE_CHECKING:
    import pandas as pd

_ITEM_COLUMNS = ["id", "set", "format", "topic", "source", "text", "trust", "reasons", "difficulty", "explanation"]
_REASON_COLUMNS = ["id", "side", "lesson", "technique", "label", "explains", "tell"]


class BankError(KitError):
    """A row of the trust bank is malformed (the message names the file, row, value and the fix)."""


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise BankError(f"{path.name} cannot be read ({exc}); restore it from the course repository.") from None
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise BankError(f"{path.name} lacks the column(s) {', '.join(missing)}; its header must read {','.join(columns)}.")
    return table[columns]


def _problem(path: Path, row: int, column: str, value: str, fix: str) -> BankError:
    return BankError(f"{path.name}, row {row + 2}: {column} {value!r} {fix}.")


@lru_cache(maxsize=4)
def _reasons(path: Path) -> pd.DataFrame:
    table = _read(path, _REASON_COLUMNS)
    for i, row in table.iterrows():
        if row["side"] not in ("trust", "distrust"):
            raise _problem(path, i, "side", row["side"], "must be trust or distrust")
        if row["technique"] not in ("yes", "no"):
            raise _problem(path, i, "technique", row["technique"], "must be yes or no")
    if table["id"].duplicated().any():
        raise BankError(f"{path.name}: the id {table['id'][table['id'].duplicated()].iloc[0]!r} is used twice; ids are unique.")
    return table.set_index("id")


def reason_table(path: str | Path | None = None) -> pd.DataFrame:
    """Return the reasons an item may be trusted or not, indexed by id.

    >>> reason_table().loc["no_source", "side"]
    'distrust'
    """
    return _reasons(Path(path) if path else REASONS_FILE).copy()


def _check_item(path: Path, i: int, row, reasons: pd.DataFrame) -> None:
    rules = [
        ("set", row["set"] in SETS, f"is not a set; use one of {', '.join(SETS)}"),
        ("format", row["format"] in FORMATS, f"is not a format; use one of {', '.join(FORMATS)}"),
        ("trust", row["trust"] in ("yes", "no"), "must be yes or no"),
        ("difficulty", row["difficulty"] in ("1", "2", "3"), "must be 1 (easy), 2 or 3 (hard)"),
        ("text", bool(row["text"].strip()), "is empty; write the item's text"),
        ("explanation", bool(row["explanation"].strip()), "is empty; say why the item deserves trust or not"),
    ]
    for column, ok, fix in rules:
        if not ok:
            raise _problem(path, i, column, row[column], fix)
    side = "trust" if row["trust"] == "yes" else "distrust"
    picked = [r.strip() for r in row["reasons"].split(";") if r.strip()]
    if not picked:
        raise _problem(path, i, "reasons", row["reasons"], "is empty; name at least one id of reasons.csv")
    for reason in picked:
        if reason not in reasons.index:
            raise _problem(path, i, "reasons", reason, "is not an id of reasons.csv")
        if reasons.loc[reason, "side"] != side:
            raise _problem(path, i, "reasons", reason, f"is a reason to {reasons.loc[reason, 'side']}, but trust is {row['trust']}")


@lru_cache(maxsize=4)
def _items(path: Path, reasons_path: Path) -> pd.DataFrame:
    table = _read(path, _ITEM_COLUMNS)
    reasons = _reasons(reasons_path)
    for i, row in table.iterrows():
        _check_item(path, i, row, reasons)
    if table["id"].duplicated().any():
        raise BankError(f"{path.name}: the id {table['id'][table['id'].duplicated()].iloc[0]!r} is used twice; ids are unique.")
    table = table.assign(difficulty=table["difficulty"].astype(int), trustworthy=table["trust"] == "yes")
    return table


def trust_items(set_name: str | None = None, path: str | Path | None = None) -> pd.DataFrame:
    """Return the items of the trust bank, all of them or one set (``"form_a"``, ``"prebunk"``, ``"review_02"``...).

    Adds the column ``trustworthy`` (a bool from ``trust``); ``difficulty`` is an int.

    >>> trust_items("nonsense")
    Traceback (most recent call last):
    kit.trust.bank.BankError: There is no item set 'nonsense'; use one of form_a, form_b, form_c, prebunk, sorter, review_01, review_02, review_03, review_04, review_05.
    """
    if set_name is not None and set_name not in SETS:
        raise BankError(f"There is no item set {set_name!r}; use one of {', '.join(SETS)}.")
    source = Path(path) if path else ITEMS_FILE
    sealed = source.with_name(SEALED_BANK)
    if not source.exists() and sealed.is_file():  # a student release: judgements sealed
        table = read_sealed_bank(sealed)
    else:
        table = _items(source, REASONS_FILE)
    if set_name is not None:
        table = table[table["set"] == set_name]
    return table.reset_index(drop=True).copy()


def manipulation_techniques() -> pd.DataFrame:
    """Return the six manipulation techniques lesson 00 prebunks: name, what it does, and how to spot it.

    Read from ``reasons.csv`` (the rows with ``technique = yes``), so the prebunking
    table and the reasons a student picks in the trust sorter cannot disagree.

    >>> manipulation_techniques().columns.tolist(), len(manipulation_techniques())
    (['technique', 'what it does', 'how to spot it'], 6)
    """
    table = reason_table()
    table = table[table["technique"] == "yes"]
    return table[["label", "explains", "tell"]].rename(
        columns={"label": "technique", "explains": "what it does", "tell": "how to spot it"}).reset_index(drop=True)
