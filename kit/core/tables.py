"""Reading a case's files: UTF-8 text, CSV tables and ISO dates, each problem in one sentence.

>>> read_table(Path("/nonexistent.csv"), "x.csv", ["a"], [], problems := []) is None, problems
(True, ['x.csv does not exist; create it with the columns a.'])
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def fmt_path(path: Path, root: Path) -> str:
    """Name a file of a case as ``case/sub/file.csv`` in messages."""
    try:
        return f"{root.name}/{path.relative_to(root).as_posix()}"
    except ValueError:
        return str(path)


def parse_date(value: str) -> date | datetime | None:
    """Parse an ISO date (``2024-11-13``) or date-time with offset; ``None`` when empty.

    Raises:
        ValueError: when the value is not empty and not ISO 8601.

    >>> parse_date("2024-11-13")
    datetime.date(2024, 11, 13)
    >>> parse_date("")
    """
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?", value):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    raise ValueError(value)


def read_text(path: Path, label: str, problems: list[str]) -> str | None:
    """Read a file as UTF-8, or append one sentence to ``problems`` and return ``None``.

    A leading byte-order mark (which some editors write) is an encoding mark, not text: it is dropped,
    so that it shifts no sentence id and hides no headline.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            f"{label} is not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x}); "
            "save it as UTF-8 without changing its words."
        )
        return None


def read_table(
    path: Path, label: str, required: list[str], optional: list[str], problems: list[str]
) -> list[tuple[int, dict[str, str]]] | None:
    """Read a CSV into ``(line number, row)`` pairs, reporting problems; ``None`` if unusable."""
    if not path.is_file():
        problems.append(f"{label} does not exist; create it with the columns {','.join(required)}.")
        return None
    text = read_text(path, label, problems)
    if text is None:
        return None
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(f"{label} is empty; it needs a header line: {','.join(required)}.")
        return None
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        problems.append(
            f"{label} has no column {', '.join(repr(m) for m in missing)}; "
            f"its first line must name the columns {','.join(required)}."
        )
        return None
    if optional is not None:
        extra = [h for h in header if h not in required and h not in optional]
        if extra:
            problems.append(
                f"{label} has an unknown column {', '.join(repr(e) for e in extra)}; "
                f"the columns are {','.join(required + optional)}."
            )
            return None
    rows = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                f"{label}, line {line} has {len(row)} fields but the header has {len(header)}; "
                "put double quotes around any value that contains a comma."
            )
            continue
        rows.append((line, dict(zip(header, row))))
    return rows


def frame(rows: list[dict[str, str]], columns: list[str]) -> pd.DataFrame:
    """Make a table of text cells (empty cells as ``""``) with the given columns, even when there are no rows."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return frame.fillna("") if not frame.empty else pd.DataFrame(columns=columns)


def spreadsheet_safe(text: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (a student's text may start with ``=``).

    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("-3"), spreadsheet_safe("['A2']")
    ("'=HYPERLINK(1)", '-3', "['A2']")
    """
    if text and text[0] in "=+-@\t\r":
        try:
            float(text)
            return text
        except ValueError:
            return "'" + text
    return text


def csv_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a table whose text cells cannot be read as spreadsheet formulas (see :func:`spreadsheet_safe`).

    >>> import pandas as pd
    >>> csv_safe(pd.DataFrame({"a": ["=1+1", "x"], "n": [1, 2]}))["a"].tolist()
    ["'=1+1", 'x']
    """
    out = table.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype).startswith("str"):
            out[column] = [spreadsheet_safe(v) if isinstance(v, str) else v for v in out[column]]
    return out


ALIAS_SEP = "|"
"""Separates the titles of an ``aliases`` cell of ``context/roles.csv`` (``Minister|Foreign Minister``)."""


def split_aliases(value: str) -> tuple[str, ...]:
    """Return the titles of an ``aliases`` cell (``Minister|Foreign Minister``); ``()`` when empty."""
    value = (value or "").strip()
    return tuple(" ".join(a.split()) for a in value.split(ALIAS_SEP)) if value else ()


def alias_problems(value: str, label: str, line: int) -> list[str]:
    """Return one sentence per problem of an ``aliases`` cell (empty title, or a title without letters)."""
    where = f"{label}, line {line}, field 'aliases': {value!r}"
    titles = split_aliases(value)
    if any(not t for t in titles):
        return [f"{where} has an empty title; separate titles with a single | (e.g. Minister|Foreign Minister)."]
    bad = next((t for t in titles if not re.search(r"[^\W\d_]", t)), None)
    if bad is not None:
        return [f"{where}: {bad!r} is not a title; write titles in words, separated by | (e.g. Minister|Foreign Minister)."]
    return []
