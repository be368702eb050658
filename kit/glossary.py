"""The course glossary: one plain explanation per course term, read from ``kit/core/glossary.csv``.

The file has the columns ``term,explanation,aliases``. ``aliases`` holds the
other forms a lesson may use (plurals, spellings), separated by ``;``. It is
the one source of truth for course terms: every lesson explains a term at its
first use in exactly these words, written ``**term** (explanation)`` or
``**term**: explanation`` (``tests/test_lessons_plain.py`` checks), so a
wording is changed here and in the lesson together.

A term no lesson uses is allowed: it serves the teacher's guide, which
lists every term with the first lesson that uses it (:func:`first_uses`, the
same scan the lesson test runs, so the test and the guide agree).

A bad row (an empty term or explanation, or a term or alias that another row
already uses) stops the load with one sentence naming the file, the line and
the fix.

>>> explain("d-prime") == explain("d′")  # an alias reaches its term's row
True
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .authoring import NAV_TAG
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


TEACHER_NOTE = re.compile(r"<details>.*?</details>", re.S | re.I)  # a folded note: not what a student reads


def forms_of(row) -> list[str]:
    """A glossary row's forms: its term, then its aliases (``row`` is a row of :func:`glossary`).

    >>> import types
    >>> forms_of(types.SimpleNamespace(term="quay", aliases=["quays"]))
    ['quay', 'quays']
    """
    return [row.term, *row.aliases]


def uses_pattern(forms: list[str]) -> re.Pattern:
    """A term's forms as whole words (a hyphen or prime joins a word), in any letter case.

    >>> bool(uses_pattern(["quay"]).search("The Quay closed")), bool(uses_pattern(["quay"]).search("quayside"))
    (True, False)
    """
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w′-])(?:{alternatives})(?![\w′-])", re.I)


def student_text(source: str) -> str:
    """What a student reads in a markdown cell, for finding terms: no teacher notes, inline code or link targets.

    >>> student_text("See `kit.read()` [the quay](../quay.md).\\n<details><summary>For teachers</summary>x</details>")
    'See [the quay] .'
    """
    text = re.sub(r"`[^`]*`", " ", TEACHER_NOTE.sub(" ", source))
    return " ".join(re.sub(r"\]\([^)]*\)", "] ", text).split())


def explains(text: str, forms: list[str], explanation: str) -> bool:
    """Whether ``text`` explains the term: ``**form** (explanation)`` or ``**form**: explanation``.

    >>> explains("A **quay** (where ships tie up) is long.", ["quay", "quays"], "where ships tie up")
    True
    >>> explains("A **quay** (where boats tie up) is long.", ["quay"], "where ships tie up")
    False
    """
    flat = " ".join(text.split())
    names = "|".join(re.escape(f) for f in forms)
    said = re.escape(" ".join(explanation.split()))
    return re.search(rf"\*\*(?:{names})\*\*(?: \({said}\)|: {said})", flat, re.I) is not None


def first_uses(cells: list[tuple[str, str]], terms: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """``{term: (where, cell source)}``: the first markdown cell, in the given order, whose student text uses a term.

    ``cells`` are ``(where, markdown source)`` pairs in course order (``where``
    is any label: a lesson number, or a file and cell id); ``terms`` is a table
    of :func:`glossary`. A term inside another term's longer form does not
    count ("loaded framing" is no use of "framing"). A term no cell uses is
    left out. This one scan serves
    the lesson test (explained at first use) and the teacher's guide (first lesson).

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.csv"
    >>> _ = p.write_text("term,explanation,aliases\\nquay,where ships tie up,quays\\nquay fee,a charge,\\n")
    >>> first_uses([("01", "The `quay` in code."), ("02", "A quay fee."), ("03", "Two quays.")], glossary(p))
    {'quay': ('03', 'Two quays.'), 'quay fee': ('02', 'A quay fee.')}
    """
    texts = [(where, source, student_text(source)) for where, source in cells]
    rows = list(terms.itertuples())
    found = {}
    for row in rows:
        pattern = uses_pattern(forms_of(row))
        longer = [f for other in rows if other.term != row.term for f in forms_of(other) if pattern.search(f)]
        inside = uses_pattern(longer) if longer else None  # "loaded framing" is not a use of "framing"
        hit = next(((where, source) for where, source, text in texts
                    if pattern.search(inside.sub(" ", text) if inside else text)), None)
        if hit:
            found[row.term] = hit
    return found


def markdown_cells(path: Path | str) -> list[tuple[str, str]]:
    """A notebook's markdown cells as ``(cell id, source)``, in order, without its navigation bar.

    The navigation bar (tagged ``nav``) repeats other lessons' titles as links, so it is no use of a term.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "01_quay.ipynb"
    >>> _ = p.write_text('{"cells": [{"cell_type": "markdown", "id": "n", "metadata": {"tags": ["nav"]}, "source": "x"},'
    ...                  ' {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["The ", "quay."]},'
    ...                  ' {"cell_type": "code", "id": "b", "metadata": {}, "source": "quay = 1"}]}')
    >>> markdown_cells(p)
    [('a', 'The quay.')]
    """
    cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    return [(str(c.get("id", i)), "".join(c["source"]) if isinstance(c.get("source"), list) else c.get("source", ""))
            for i, c in enumerate(cells) if c.get("cell_type") == "markdown"
            and NAV_TAG not in c.get("metadata", {}).get("tags", [])]
