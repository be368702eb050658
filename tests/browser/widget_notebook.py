"""Helpers shared by the real-browser tests of one widget: write an invented case, open the widget, wait for feedback.

Each widget test writes a tiny invented case into the lab's temporary course (``write_case``), then a
one-cell notebook that opens the widget on it, runs it and waits for the widget's root (``open_widget``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from test_lessons_in_browser import open_notebook, run_all

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import make_case  # noqa: E402  (the invented-case writer of the unit tests)

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def write_case(root: Path, name: str, articles: dict[str, tuple[str, str, str]],
               extra_files: dict[str, str] | None = None, *, headlines: bool = True) -> Path:
    """Write the invented case ``root/name`` and return its folder.

    ``articles`` maps a file name to ``(outlet, published, text)``; each becomes ``articles/<file>`` and a row
    of ``metadata.csv`` (genre ``news``; its headline the text's first line, unless ``headlines`` is false). ``extra_files``
    maps a path inside the case (``keys/questions.csv``, ``context/events.csv``, ...) to its text.
    """
    metadata = {file: {"outlet": outlet, "genre": "news", "published": day,
                       **({"headline": text.splitlines()[0]} if headlines else {})}
                for file, (outlet, day, text) in articles.items()}
    case = make_case(root, {file: text for file, (_, _, text) in articles.items()}, metadata, name=name)
    for relative, text in (extra_files or {}).items():
        (case / relative).parent.mkdir(parents=True, exist_ok=True)
        (case / relative).write_text(text, encoding="utf-8")
    return case


def open_widget(page, lab, file_name: str, source: str, root_selector: str):
    """Write a one-cell notebook ``file_name`` running ``source``, open it, run it; return the widget's locator."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.cells = [nbformat.v4.new_code_cell(source)]
    nbformat.write(nb, lab["root"] / file_name)
    open_notebook(page, lab, file_name)
    run_all(page)
    widget = page.locator(f".jp-NotebookPanel:visible {root_selector}")
    widget.wait_for(timeout=30_000)
    return widget


def feedback_has(page, selector: str, css_class: str) -> None:
    """Wait until the feedback element ``selector`` holds an element of class ``css_class`` (e.g. ``kit-correct``)."""
    page.wait_for_function("([s, c]) => { const f = document.querySelector(s); return f && f.querySelector('.' + c); }",
                           arg=[selector, css_class], timeout=20_000)
