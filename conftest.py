"""Test-wide settings, for unit tests and for the notebooks nbval runs.

Every pytest process (and each xdist worker) gets a fresh, empty answers file,
so checks made while testing never touch a student's own file, and the
attempt counts that notebooks show are the same on every run.
"""

import os
import tempfile
from pathlib import Path

os.environ["KIT_ANSWERS"] = str(Path(tempfile.mkdtemp(prefix="kit-test-")) / "answers.json")
os.environ["KIT_STUDENT"] = "test-student"
