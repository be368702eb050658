"""The titles of ``context/roles.csv``: what a person may be called, and from when to when.

Every row (``person, role, start, end``, optional ``aliases``) gives its person
some *titles*:

* the role itself ("President of Russia") and its head, the words before
  "of", "for", "at", "in" or a comma ("President");
* the row's ``aliases``, separated by ``|`` ("Minister|Foreign Minister").

A role that starts with a *past* word of the lexicon (kind ``role_cue``, value
``past``: "former", "ex") says the person was *formerly* that; a title with a
*stage* word ("candidate", "elect") is a stage, never kept as a courtesy title.

A person is named by the full name or the surname (the last word of the
``person`` column).

>>> titles_of("President of the United States", ())
('President of the United States', 'President')
>>> titles_of("former Foreign Minister of Portugal", ("Minister",))
('Foreign Minister of Portugal', 'Foreign Minister', 'Minister')
>>> alias_problems("Minister||Foreign Minister", "c/context/roles.csv", 3)
["c/context/roles.csv, line 3, field 'aliases': 'Minister||Foreign Minister' has an empty title; separate titles with a single | (e.g. Minister|Foreign Minister)."]
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import CaseError
from ..core.lexicon import values
from ..core.tables import alias_problems, split_aliases

if TYPE_CHECKING:
    from ..core.case import Case

HEAD_END = re.compile(r"\s+(?:of|for|at|in|to)\s+|\s*,\s*", re.I)
"""Where the head of a role name ends ("President| of the United States")."""


def lexicon_stamp(root: str | Path | None) -> int:
    """Return when a case's ``lexicon.csv`` last changed (0 when it has none): a cache key that notices edits."""
    path = Path(root) / "lexicon.csv" if root else None
    return path.stat().st_mtime_ns if path is not None and path.is_file() else 0


def cue_words(value: str, root: str = "") -> frozenset[str]:
    """Return the lexicon's ``role_cue`` words with one value (``past``, ``stage``, or a role word).

    >>> "former" in cue_words("past")
    True
    """
    return stamped_cue_words(value, root, lexicon_stamp(root))


@lru_cache(maxsize=64)
def stamped_cue_words(value: str, root: str, stamp: int) -> frozenset[str]:
    """:func:`cue_words`, cached while the case's lexicon is unchanged (``stamp``)."""
    return frozenset(w for w, v in values("role_cue", root or None).items() if v == value)


def strip_past(role: str, root: str = "") -> tuple[str, bool]:
    """Return a role without a leading past word ("former"), and whether it had one.

    >>> strip_past("former President of the United States")
    ('President of the United States', True)
    """
    first, _, rest = role.strip().partition(" ")
    word = first.lower().rstrip("-")
    if rest and word in cue_words("past", root):
        return rest.strip(), True
    return role.strip(), False


def titles_of(role: str, aliases: tuple[str, ...], root: str = "") -> tuple[str, ...]:
    """Return the titles a role gives (role, head, aliases), without repeats, longest first within the derived ones."""
    base, _ = strip_past(role, root)
    head = HEAD_END.split(base, maxsplit=1)[0].strip()
    out: list[str] = []
    for t in (base, head, *aliases):
        t = " ".join(t.split())
        if t and t.lower() not in {o.lower() for o in out}:
            out.append(t)
    return tuple(out)


def is_stage(title: str, root: str = "") -> bool:
    """Whether a title names a stage (a lexicon ``role_cue`` word of value ``stage``: "candidate", "elect").

    >>> is_stage("President-elect"), is_stage("President")
    (True, False)
    """
    return any(w in cue_words("stage", root) for w in re.split(r"[\s-]+", title.lower()))


@dataclass(frozen=True)
class RoleRow:
    """One row of roles.csv, read for title checks."""

    person: str
    role: str
    start: date | None
    end: date | None
    titles: tuple[str, ...]
    past: bool

    def covers(self, first: date, last: date) -> bool:
        """Whether the role was held on some day from ``first`` to ``last`` (the end day itself is the next holder's)."""
        return (self.start is None or self.start <= last) and (self.end is None or first < self.end)

    def describe(self) -> str:
        """The row as evidence: ``roles.csv: person, role, start to end``."""
        span = f"{self.start or '…'} to {self.end or '…'}" if self.start or self.end else "no dates"
        return f"roles.csv: {self.person}, {self.role}, {span}"


def role_rows(roles: list[tuple], aliases: list[tuple[str, ...]], root: str | Path | None = None) -> list[RoleRow]:
    """Return the rows of a context's roles with their titles (``aliases`` parallel to ``roles``, may be shorter)."""
    key = str(root or "")
    out = []
    for k, (person, role, start, end) in enumerate(roles):
        extra = aliases[k] if k < len(aliases) else ()
        out.append(RoleRow(person, role, start, end, titles_of(role, extra, key), strip_past(role, key)[1]))
    return out


def read_aliases(path: Path, label: str) -> tuple[list[tuple[str, ...]], list[str]]:
    """Return the ``aliases`` of a roles.csv, one tuple per non-empty row, and the problems found."""
    if not path.is_file():
        return [], []
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if "aliases" not in [h.strip() for h in (reader.fieldnames or [])]:
            return [], []
        out, problems = [], []
        for row in reader:
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            cell = next((v for k, v in row.items() if k and k.strip() == "aliases"), "") or ""
            problems += alias_problems(cell, label, reader.line_num)
            out.append(split_aliases(cell))
    return out, problems


def validate_roles(root: str | Path) -> list[str]:
    """Return the problems of a case's ``context/roles.csv`` aliases, one sentence each (``[]`` when fine).

    >>> validate_roles("/nonexistent")
    []
    """
    root = Path(root)
    return read_aliases(root / "context" / "roles.csv", f"{root.name}/context/roles.csv")[1]


def role_aliases(case: Case) -> list[tuple[str, ...]]:
    """Return the aliases of a case's roles, one tuple per row (from its table, else from the file).

    Raises:
        CaseError: when an ``aliases`` cell is malformed (one sentence naming file, line and fix).
    """
    if "aliases" in getattr(case.roles, "columns", ()):
        cells = [str(v) if isinstance(v, str) else "" for v in case.roles["aliases"]]
        label = f"{case.path.name}/context/roles.csv"
        problems = [p for n, c in enumerate(cells, start=2) for p in alias_problems(c, label, n)]
        if problems:
            raise CaseError(problems)
        return [split_aliases(c) for c in cells]
    aliases, problems = read_aliases(case.path / "context" / "roles.csv", f"{case.path.name}/context/roles.csv")
    if problems:
        raise CaseError(problems)
    return aliases
