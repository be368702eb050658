"""Choose the case the whole course runs on: ``kit.use_case(path)`` or ``KIT_CASE``.

Every notebook, :func:`kit.check`, the claim sorter and the grader read the
case from :func:`kit.core.paths.case_dir` when they are not given one. Set it
once, before the first analysis:

* in a notebook: ``kit.use_case("cases/kestrel")`` (it lasts while the kernel runs,
  and kernels and tools started from it inherit it);
* for a whole session: ``KIT_CASE=cases/kestrel make lab`` (or export ``KIT_CASE``).

``kit.use_case()`` with no folder goes back to the built-in case.

>>> import kit
>>> kit.use_case().name == kit.load_case().name
True
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from .core.case import Case, resolve_case
from .core.paths import CASE_ENV, GRADING_ENV, case_dir, cases_dir


def use_case(path: str | Path | None = None) -> Case:
    """Make ``path`` the case of the course for this process and those it starts; return it loaded.

    Args:
        path: a case folder, or the name of a built-in case (``"kestrel"``, from ``cases/``);
            ``None`` goes back to the built-in case.

    Returns:
        The loaded case (checked first: a folder that is not a valid case changes nothing).

    Raises:
        CaseError: the folder is not a valid case; the message names each problem and its fix.

    Inside the grader's sandbox (``KIT_GRADING=1``) the grader has already chosen the case: every call
    returns it, so a practice notebook written for ``"kestrel"`` runs on the case being graded, and a
    notebook cannot point itself at any other folder.
    """
    if os.environ.get(GRADING_ENV) == "1":
        return resolve_case(case_dir())
    if path is None:
        os.environ.pop(CASE_ENV, None)
        return resolve_case(case_dir())
    folder = Path(path).expanduser()
    if not folder.is_dir() and len(folder.parts) == 1 and (cases_dir() / folder).is_dir():
        folder = cases_dir() / folder  # a built-in case by name: kit.use_case("kestrel")
    folder = folder.resolve()
    loaded = resolve_case(folder)  # raises a friendly CaseError before anything changes
    os.environ[CASE_ENV] = str(folder)
    return loaded


def current_case() -> Case:
    """Return the case the course runs on (see :func:`use_case`), loaded."""
    return resolve_case(None)


def no_key_message(case: Case, key: str) -> str:
    """One sentence for a case without a key: not the student's fault, and how an instructor drafts one.

    >>> from kit.core.case import load_case
    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp()) / "port"
    >>> (root / "articles").mkdir(parents=True)
    >>> _ = (root / "articles" / "a.txt").write_text("The port reopened.\\n")
    >>> _ = (root / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\\na.txt,,,,,,,\\n")
    >>> print(no_key_message(load_case(root, cached=False), "questions"))
    Case 'port' has no questions key yet (keys/questions.csv), so nothing can be checked here; your answer is still yours to keep. An instructor drafts the key with `python -m kit draft <case folder>` and reviews it before class.
    """
    return (f"Case {case.name!r} has no {key} key yet (keys/{key}.csv), so nothing can be checked here; your answer is "
            "still yours to keep. An instructor drafts the key with `python -m kit draft <case folder>` and reviews it "
            "before class.")


def unknown_question(question_id: Any, ids: list[str], case_name: str) -> str:
    """One sentence for an id the key lacks: a typo (with the closest id), or a notebook written for another case.

    >>> unknown_question("w0.1", ["q1.1", "q1.2"], "port")
    "There is no question 'w0.1' in case 'port', nor any 'w0.' question: this notebook may be written for another case (ask which notebooks go with case 'port'); otherwise copy the id from the cell above the question."
    """
    if not isinstance(question_id, str):
        return f"There is no question {question_id!r} (not a string in quotes); copy the id from the cell above the question."
    part = question_id.strip().casefold().partition(".")[0] + "."
    if "." in question_id and not any(str(i).casefold().startswith(part) for i in ids):
        return (f"There is no question {question_id!r} in case {case_name!r}, nor any {part!r} question: this notebook "
                f"may be written for another case (ask which notebooks go with case {case_name!r}); otherwise copy "
                "the id from the cell above the question.")
    close = difflib.get_close_matches(question_id.strip().casefold(), [str(i).casefold() for i in ids], n=1)
    suggestion = f" Did you mean {close[0]!r}?" if close else ""
    return f"There is no question {question_id!r} in case {case_name!r}.{suggestion} Copy the id from the cell above the question."
