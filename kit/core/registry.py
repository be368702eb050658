"""The key registry: each skill tells the core how to check its answer key.

The core loads a case and checks what every key shares (unique ids, verbatim
quotes, sentence ids). What a key *means* belongs to the skill that uses it,
so each skill registers a validator here for the key files it owns, and the
core calls it without importing the skill. A key file with no registered
validator still gets the shared checks.

>>> calls = []
>>> register_key("example", lambda rows, label, case, problems: calls.append(label))
>>> key_schema("example").name, key_schema("nothing") is None
('example', True)
>>> unregister_key("example")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Validator = Callable[[list, str, Any, list], None]
"""``validate(rows, label, case, problems)``: append one sentence per problem to ``problems``.

``rows`` is a list of ``(line number, row dict)``; ``label`` names the file as
``case/keys/name.csv``; ``case`` is the case being loaded, whose ``keys``
holds the keys checked before this one (in file-name order).
"""


@dataclass(frozen=True)
class KeySchema:
    """What the core needs to know about one key file (``keys/<name>.csv``).

    Attributes:
        name: the file's stem, e.g. ``"claims"``.
        validate: the skill's validator (see :data:`Validator`).
        quote_optional: rows may leave ``quote`` empty (an omitted fact has no quote).
    """

    name: str
    validate: Validator
    quote_optional: bool = False


_SCHEMAS: dict[str, KeySchema] = {}
_CASE_CHECKS: dict[str, Validator] = {}


def register_key(name: str, validate: Validator, *, quote_optional: bool = False) -> None:
    """Register (or replace) the validator of the key file ``keys/<name>.csv``."""
    _SCHEMAS[name] = KeySchema(name, validate, quote_optional)


def unregister_key(name: str) -> None:
    """Forget a registered key (tests use it to clean up)."""
    _SCHEMAS.pop(name, None)


def key_schema(name: str) -> KeySchema | None:
    """Return the registered schema of a key file, or ``None``."""
    return _SCHEMAS.get(name)


def key_names() -> tuple[str, ...]:
    """Return the names of every registered key, sorted.

    >>> import kit
    >>> "claims" in key_names() and "questions" in key_names()
    True
    """
    return tuple(sorted(_SCHEMAS))


CaseCheck = Callable[[Any, list], None]
"""``check(case, problems)``: a check across keys, run once every key of a case is loaded."""


def register_case_check(name: str, check: CaseCheck) -> None:
    """Register (or replace) a check that compares a case's keys with each other (e.g. their consistency)."""
    _CASE_CHECKS[name] = check


def case_checks() -> tuple[CaseCheck, ...]:
    """Return the registered cross-key checks, in the order of their names."""
    return tuple(_CASE_CHECKS[name] for name in sorted(_CASE_CHECKS))
