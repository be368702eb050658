"""Errors a student or instructor can cause, each told in one friendly sentence."""

from __future__ import annotations


class KitError(Exception):
    """Base class for every error the kit reports to a person.

    Its message is one sentence that names the file, row or value and says how
    to fix it. In a notebook (after ``kit.setup()``) only that sentence is shown,
    not a traceback.

    >>> str(KitError("seeds/metadata.csv, line 3: the date is missing."))
    'seeds/metadata.csv, line 3: the date is missing.'
    """


class CaseError(KitError, ValueError):
    """A case folder that cannot be used as it is.

    ``problems`` holds every problem found, each one sentence; the message is
    the first of them (and a count of the rest).

    >>> e = CaseError(["a.csv, line 2: bad date.", "b.txt is empty."])
    >>> str(e)
    'a.csv, line 2: bad date. (1 more problem: run `python -m kit validate` on the folder to see all.)'
    """

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        message = self.problems[0] if self.problems else "The case is not valid."
        rest = len(self.problems) - 1
        if rest > 0:
            plural = "problem" if rest == 1 else "problems"
            message += f" ({rest} more {plural}: run `python -m kit validate` on the folder to see all.)"
        super().__init__(message)


class NotInCaseError(KitError, KeyError):
    """An id or name that the case does not have (a ``KeyError`` too, with a plain message).

    >>> str(NotInCaseError("'A9' is not an article of case 'seeds'."))
    "'A9' is not an article of case 'seeds'."
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""
