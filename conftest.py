"""Test-wide settings, for unit tests and for the notebooks nbval runs.

Every pytest process (and each xdist worker) gets a fresh, empty answers file,
so checks made while testing never touch a student's own file; Hypothesis draws the same examples every run. Each notebook
nbval runs gets a fresh one of its own too, before its kernel starts: a worker
runs several notebooks in turn, and the attempt counts a notebook shows (lesson
00's "not tried" table) must not depend on which notebooks ran before it.
"""

import os
import tempfile
from pathlib import Path

from hypothesis import settings

# Property tests draw the same examples on every run (CI must not pass or fail by luck); a failing example
# found once is kept in the test as an @example.
settings.register_profile("course", derandomize=True)
settings.load_profile("course")

os.environ["KIT_ANSWERS"] = str(Path(tempfile.mkdtemp(prefix="kit-test-")) / "answers.json")
os.environ["KIT_STUDENT"] = "test-student"
_notebook_started = set()


def pytest_runtest_setup(item):
    """Before the first cell of each notebook (its kernel starts then), point KIT_ANSWERS to a new empty file."""
    notebook = getattr(item, "parent", None)
    if not str(getattr(notebook, "path", "")).endswith(".ipynb") or notebook in _notebook_started:
        return
    _notebook_started.add(notebook)
    os.environ["KIT_ANSWERS"] = str(Path(tempfile.mkdtemp(prefix="kit-nb-")) / "answers.json")
