"""The checks every answer key shares: unique ids, verbatim quotes, real sentence ids; then the skill's own.

Each skill registers what its key means with :mod:`kit.core.registry`; the
loader calls :func:`check_keys`, which runs the shared checks and then the
registered validator of each file, in file-name order.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .registry import case_checks, key_schema
from .tables import fmt_path, frame, read_table
from .text import find_quote, normalise_space

if TYPE_CHECKING:
    import pandas as pd

    from .case import Case


def check_keys(case: Case, root: Path, problems: list[str]) -> dict[str, pd.DataFrame]:
    """Read and check every ``keys/*.csv`` of a case, appending one sentence per problem; return the tables.

    ``case.keys`` is filled as it goes: a later key (sources) may refer to an earlier one (claims).
    """
    keys: dict[str, pd.DataFrame] = {}
    case.keys = keys
    folder = root / "keys"
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        label = fmt_path(path, root)
        rows = read_table(path, label, [], None, problems)
        if rows is None:
            continue
        header = list(rows[0][1]) if rows else []
        schema = key_schema(path.stem)
        if "id" in header:
            _check_ids(rows, label, problems)
        if "file" in header and "quote" in header:
            _check_quotes(rows, label, case, "sentence_id" in header, schema is not None and schema.quote_optional,
                          problems)
        if "sentence_id" in header:
            _check_sentence_ids(rows, label, case, problems)
        if schema is not None:
            schema.validate(rows, label, case, problems)
        keys[path.stem] = frame([r for _, r in rows], header)
    if not problems:  # checks across keys need keys that are each valid
        for check in case_checks():
            check(case, problems)
    return keys


def _check_ids(rows: list[tuple[int, dict[str, str]]], label: str, problems: list[str]) -> None:
    seen: dict[str, int] = {}
    for line, row in rows:
        rid = row["id"].strip()
        if not rid:
            problems.append(f"{label}, line {line}, field 'id' is empty; give every row an id.")
        elif rid in seen:
            problems.append(
                f"{label}, line {line}, field 'id': {rid!r} is a duplicate id (also on line {seen[rid]}); "
                "ids must be unique."
            )
        else:
            seen[rid] = line


def _check_quotes(rows, label: str, case: Case, with_sentence: bool, optional: bool, problems: list[str]) -> None:
    files = set(case.articles["file"])
    sentence_ids = set(case.sentences["sentence_id"])
    for line, row in rows:
        file, quote = row["file"].strip(), row["quote"]
        if not quote.strip() and optional:
            continue  # e.g. an omitted fact has no quote; the key's own validator says when one is needed
        if file not in files:
            problems.append(
                f"{label}, line {line}, field 'file': {file!r} is not an article of this case; "
                "use a file name from metadata.csv."
            )
        elif find_quote(case.raw(file), quote) is None:
            problems.append(
                f"{label}, line {line}, field 'quote': {normalise_space(quote)[:60]!r} is not in {file}; "
                "copy the words exactly as the article prints them (quotation marks and typos included)."
            )
        elif with_sentence and row["sentence_id"].strip() in sentence_ids:
            sid = row["sentence_id"].strip()
            found = case.find_quote(file, quote)
            if sid not in found:
                problems.append(
                    f"{label}, line {line}, field 'sentence_id': the quote is not in {sid} but in "
                    f"{', '.join(found)}; correct the sentence id."
                )


def _check_sentence_ids(rows, label: str, case: Case, problems: list[str]) -> None:
    sentence_ids = set(case.sentences["sentence_id"])
    for line, row in rows:
        sid = row["sentence_id"].strip()
        if sid and sid not in sentence_ids:
            problems.append(
                f"{label}, line {line}, field 'sentence_id': {sid!r} is not a sentence of this case; "
                "ids look like A1.S3 (see case.sentences)."
            )
