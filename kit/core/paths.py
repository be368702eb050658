"""Where the kit finds its built-in case, the case the course runs on, and a student's answers."""

from __future__ import annotations

import os
from pathlib import Path

ANSWERS_ENV = "KIT_ANSWERS"
"""Environment variable naming the answers file (overrides the default)."""
STUDENT_ENV = "KIT_STUDENT"
"""Environment variable naming the student (the grader sets it to the student's folder name)."""
GRADING_ENV = "KIT_GRADING"
"""Set to ``1`` by the grader inside its sandbox, where there is no key: ``kit.check`` only records."""
RELEASE_ENV = "KIT_FEEDBACK_RELEASED"
"""Set by the teacher to the assessment lessons whose feedback is released, e.g. ``90,91`` (see :mod:`kit.exam`)."""
SEEDS_ENV = "KIT_SEEDS"
"""Environment variable naming the folder of the built-in case (the grader gives each submission its own copy)."""
SEALED_QUESTIONS = "questions.sealed.json"
"""A student release's sealed questions key, in a case's ``keys/`` folder (see :mod:`kit.sealed`)."""
CASE_ENV = "KIT_CASE"
"""Environment variable naming the case the course runs on (``kit.use_case`` sets it); unset: the built-in case."""


def seeds_dir() -> Path:
    """Return the folder of the built-in case (the five seed articles).

    It works from any working directory: the case ships inside the installed
    package (``kit/seeds``); in a development checkout it is the repository's
    ``seeds/`` folder. ``$KIT_SEEDS`` overrides both.

    >>> (seeds_dir() / "metadata.csv").is_file()
    True
    """
    override = os.environ.get(SEEDS_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    here = Path(__file__).resolve().parent.parent  # the kit package
    for candidate in (here / "seeds", here.parent / "seeds"):
        if (candidate / "metadata.csv").is_file():
            return candidate
    raise FileNotFoundError(
        f"The built-in case is missing: neither {here / 'seeds'} nor {here.parent / 'seeds'} "
        "holds a metadata.csv; reinstall the kit with `pip install .` from the repository."
    )


def cases_dir() -> Path:
    """Return the folder of the course's other built-in cases (``cases/`` of the repository, or ``kit/cases``).

    >>> (cases_dir() / "kestrel" / "metadata.csv").is_file()
    True
    """
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "cases", here.parent / "cases"):
        if candidate.is_dir():
            return candidate
    return here.parent / "cases"


def case_dir() -> Path:
    """Return the folder of the case the course runs on: ``$KIT_CASE``, else the built-in case.

    Every notebook, ``kit.check``, the claim sorter and the grader read the case
    from here when they are not given one, so one setting moves the whole
    course to another story (``kit.use_case(path)`` in a notebook, or
    ``KIT_CASE=path make lab``).

    >>> import os
    >>> os.environ.pop("KIT_CASE", None) and None
    >>> case_dir() == seeds_dir()
    True
    """
    chosen = os.environ.get(CASE_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else seeds_dir()


def answers_path() -> Path:
    """Return the file where the student's answers are kept.

    ``$KIT_ANSWERS`` if it is set, otherwise ``~/media-literacy/answers.json``:
    in the student's home, so it survives kernel restarts and does not depend
    on which folder the notebook is in.

    >>> import os
    >>> os.environ["KIT_ANSWERS"] = "/tmp/kit-doctest/answers.json"
    >>> str(answers_path())
    '/tmp/kit-doctest/answers.json'
    >>> del os.environ["KIT_ANSWERS"]
    """
    override = os.environ.get(ANSWERS_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path.home() / "media-literacy" / "answers.json"
