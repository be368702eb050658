"""Shared test helpers: copies of the seed case to break on purpose, small invented cases, lookups."""

from __future__ import annotations

import csv
import importlib
import pkgutil
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import kit

ROOT = Path(__file__).resolve().parent.parent
METADATA_HEADER = ["file", "outlet", "author", "genre", "published", "headline", "url", "notes"]


def copy_seeds(tmp_path: Path, name: str = "case") -> Path:
    """Copy the seed case into ``tmp_path/name`` and return the new folder."""
    target = tmp_path / name
    shutil.copytree(kit.seeds_dir(), target)
    return target


def _csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    lines = [",".join(header)]
    for row in rows:
        cells = []
        for column in header:
            value = str(row.get(column, ""))
            if any(c in value for c in ',"\n'):
                value = '"' + value.replace('"', '""') + '"'
            cells.append(value)
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def make_case(
    tmp_path: Path,
    articles: dict[str, str],
    metadata: dict[str, dict[str, str]] | None = None,
    *,
    events: list[dict[str, str]] | None = None,
    roles: list[dict[str, str]] | None = None,
    keys: dict[str, str] | None = None,
    lexicon: str | None = None,
    name: str = "case",
) -> Path:
    """Write a small case folder and return it.

    Args:
        tmp_path: where to put it (pytest's ``tmp_path``).
        articles: ``{file name: text}``.
        metadata: ``{file name: {column: value}}``; missing columns (and files) stay empty.
        events: rows of ``context/events.csv`` (``date, event, source``).
        roles: rows of ``context/roles.csv`` (``person, role, start, end, source``).
        keys: ``{key name: CSV text}``, written to ``keys/<name>.csv``.
        lexicon: the text of the case's ``lexicon.csv``.
        name: the folder's name.
    """
    case = tmp_path / name
    (case / "articles").mkdir(parents=True)
    for file, text in articles.items():
        (case / "articles" / file).write_text(text, encoding="utf-8")
    metadata = metadata or {}
    rows = [{"file": file, **metadata.get(file, {})} for file in articles]
    (case / "metadata.csv").write_text(_csv_text(METADATA_HEADER, rows), encoding="utf-8")
    context = {"events.csv": (["date", "event", "source"], events), "roles.csv": (["person", "role", "start", "end", "source"], roles)}
    for file, (header, table) in context.items():
        if table is not None:
            (case / "context").mkdir(exist_ok=True)
            (case / "context" / file).write_text(_csv_text(header, table), encoding="utf-8")
    for key, text in (keys or {}).items():
        (case / "keys").mkdir(exist_ok=True)
        (case / "keys" / f"{key}.csv").write_text(text, encoding="utf-8")
    if lexicon is not None:
        (case / "lexicon.csv").write_text(lexicon, encoding="utf-8")
    return case


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Read a CSV file: its header and its rows as dicts."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write a CSV file from a header and rows as dicts."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_row(path: Path, index: int, **changes: str) -> None:
    """Change fields of data row ``index`` (0-based) of a CSV file."""
    header, rows = read_rows(path)
    rows[index].update(changes)
    write_rows(path, header, rows)


def run_kit(*args: str) -> subprocess.CompletedProcess:
    """Run ``python -m kit ARGS`` and capture its output."""
    return subprocess.run([sys.executable, "-m", "kit", *args], capture_output=True, text=True)


@lru_cache(maxsize=None)
def kit_attribute(name: str) -> Any:
    """Find a name of the kit wherever it lives now (modules move into packages).

    The facade comes first, then every module of ``kit/``: the module that
    defines it (``obj.__module__``) wins over a re-export, and a name that
    two modules define is an error rather than a guess.

    >>> kit_attribute("find_quote").__module__
    'kit.core.text'
    """
    if name in getattr(kit, "__all__", ()):
        return getattr(kit, name)
    found = []
    for info in sorted(pkgutil.walk_packages(kit.__path__, "kit."), key=lambda i: i.name):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:  # a module broken or half moved: the name may live elsewhere
            continue
        if name in vars(module):
            value = vars(module)[name]
            defined_here = getattr(value, "__module__", None) == info.name
            found.append((not defined_here, info.name, value))
    if not found:
        raise LookupError(f"no module of kit/ has a name {name!r}")
    definitions = sorted(module for reexport, module, _ in found if not reexport)
    if len(definitions) > 1:
        raise LookupError(f"{name!r} is defined in several modules ({', '.join(definitions)}); import it explicitly")
    return min(found, key=lambda f: (f[0], f[1]))[2]


def kit_attributes(*names: str) -> tuple[Any, ...]:
    """Several :func:`kit_attribute` at once."""
    return tuple(kit_attribute(n) for n in names)


def notebook_cell(nb, start: str) -> int:
    """The index of the first code cell of ``nb`` whose source starts with ``start``."""
    return next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith(start))


def insert_cell_after(nb, start: str, source: str) -> int:
    """Insert a code cell after the code cell starting with ``start``; return the new cell's 1-based position."""
    import nbformat

    at = notebook_cell(nb, start) + 1
    nb.cells.insert(at, nbformat.v4.new_code_cell(source))
    return at + 1
