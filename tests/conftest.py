"""Fixtures shared by the unit tests."""

import pytest


@pytest.fixture
def answers_file(tmp_path, monkeypatch):
    """A fresh answers file for one test, in a folder of its own (KIT_ANSWERS points to it)."""
    path = tmp_path / "home" / "answers.json"
    monkeypatch.setenv("KIT_ANSWERS", str(path))
    return path
