"""Fixtures shared by the unit tests."""

import os
import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def answers_file(tmp_path, monkeypatch):
    """A fresh answers file for one test, in a folder of its own (KIT_ANSWERS points to it)."""
    path = tmp_path / "home" / "answers.json"
    monkeypatch.setenv("KIT_ANSWERS", str(path))
    return path


@pytest.fixture(scope="module")
def grading_lock():
    """A lock every xdist worker shares, held for a whole test module: two grading runs never overlap.

    The grader's tests start real sandboxed kernels with time limits; run side by side on a
    small machine they would eat each other's time (``make unit`` sends each module to one worker).
    """
    from kit.core.store import locked

    with locked(Path(tempfile.gettempdir()) / f"kit-tests-grading-{os.getuid()}"):
        yield
