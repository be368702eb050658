"""Shared test helpers: copies of the seed case to break on purpose."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import kit

ROOT = Path(__file__).resolve().parent.parent


def copy_seeds(tmp_path: Path, name: str = "case") -> Path:
    """Copy the seed case into ``tmp_path/name`` and return the new folder."""
    target = tmp_path / name
    shutil.copytree(kit.seeds_dir(), target)
    return target


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
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
