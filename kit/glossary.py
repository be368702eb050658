"""The course glossary: one plain explanation per course term, read from ``kit/core/glossary.csv``.

The file has the columns ``term,explanation,aliases``. ``aliases`` holds the
other forms a lesson may use (plurals, spellings), separated by ``;``. It is
the one source of truth for course terms: every lesson explains a term at its
first use in exactly these words, written ``**term** (explanation)`` or
``**term**: explanation`` (``tests/test_lessons_plain.py`` checks), so a
wording is changed here and in the lesson together.

A bad row (an empty term or explanation, or a term or alias that another row
already uses) stops the load with one sentence naming the file, the line and
the fix.

>>> explain("SIFT").split(":")[0]
'a four-move routine for checking what you read'
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .core.errors import KitError
from .core.tables import read_table

if TYPE_CHECKING:
    import pandas as pd

GLOSSARY = Path(__file__).parent / "core" / "glossary.csv"
COLUMNS = ["term", "explanation", "aliases"]


class GlossaryError(KitError, ValueError):
    """A glossary file that cannot be used as it is; the message is one sentence naming file, line and fix.

    >>> str(GlossaryError("g.csv, line 2: the term is empty; write the term in the first column."))
    'g.csv, line 2: the term is empty; write the term in the first column.'
    """


class UnknownTermError(KitError, KeyError):
    """A term the glossary does not explain (a ``KeyError`` too, with a plain message).

    >>> str(UnknownTermError("'quay' is not in g.csv."))
    "'quay' is not in g.csv."
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _row_problems(label: str, line: int, row: dict[str, str], seen: dict[str, int]) -> list[str]:
    """The problems of one glossary row (``seen`` maps each lower-cased form to the line that took it)."""
    term, explanation = row["term"].strip(), row["explanation"].strip()
    if not term:
        return [f"{label}, line {line}: the term is empty; write the term in the first column or delete the row."]
    if not explanation:
        return [f"{label}, line {line}: the term {term!r} has no explanation; write one plain sentence-part for it."]
    problems = []
    for form in [term] + split_aliases(row.get("aliases", "")):
        if form.lower() in seen:
            problems.append(f"{label}, line {line}: {form!r} is already a term or alias on line {seen[form.lower()]}; "
                            "keep it on one row only.")
        seen.setdefault(form.lower(), line)
    return problems


def split_aliases(text: str) -> list[str]:
    """The aliases of a glossary cell, split on ``;``, blanks dropped.

    >>> split_aliases("quays; wharf;;")
    ['quays', 'wharf']
    """
    return [a.strip() for a in (text or "").split(";") if a.strip()]


def glossary(path: Path | str | None = None) -> pd.DataFrame:
    """The glossary as a table: ``term``, ``explanation`` and ``aliases`` (a list of forms per term).

    Reads ``kit/core/glossary.csv`` unless given another file; raises
    :class:`GlossaryError` naming the file and line of the first bad row.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.csv"
    >>> _ = p.write_text("term,explanation,aliases\\nquay,where ships tie up,quays; wharf\\n")
    >>> glossary(p).loc[0, "aliases"]
    ['quays', 'wharf']
    >>> _ = p.write_text("term,explanation,aliases\\nquay,where ships tie up,\\nwharf,a quay,quay\\n")
    >>> glossary(p)
    Traceback (most recent call last):
    ...
    kit.glossary.GlossaryError: g.csv, line 3: 'quay' is already a term or alias on line 2; keep it on one row only.
    """
    import pandas as pd

    file = Path(path) if path is not None else GLOSSARY
    problems: list[str] = []
    rows = read_table(file, file.name, ["term", "explanation"], ["aliases"], problems)
    seen: dict[str, int] = {}
    for line, row in rows or []:
        problems += _row_problems(file.name, line, row, seen)
    if problems:
        raise GlossaryError(problems[0])
    records = [{"term": r["term"].strip(), "explanation": " ".join(r["explanation"].split()),
                "aliases": split_aliases(r.get("aliases", ""))} for _, r in rows]
    return pd.DataFrame(records, columns=COLUMNS)


def explain(term: str, path: Path | str | None = None) -> str:
    """The glossary's explanation of ``term``, found by the term or any alias, in any letter case.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.csv"
    >>> _ = p.write_text("term,explanation,aliases\\nquay,where ships tie up,quays; wharf\\n")
    >>> explain("Wharf", p)
    'where ships tie up'
    >>> explain("pier", p)
    Traceback (most recent call last):
    ...
    kit.glossary.UnknownTermError: 'pier' is not a term or alias in g.csv; add a row for it or check the spelling.
    """
    table = glossary(path)
    wanted = term.strip().lower()
    for row in table.itertuples():
        if wanted in {f.lower() for f in [row.term, *row.aliases]}:
            return row.explanation
    name = Path(path).name if path is not None else GLOSSARY.name
    raise UnknownTermError(f"{term!r} is not a term or alias in {name}; add a row for it or check the spelling.")
