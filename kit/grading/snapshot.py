"""Answers leave the kernel as data: a snapshot of every ``answer_qN_M`` after each cell, parsed as untrusted text.

The worker asks the kernel to evaluate :func:`snapshot_expression` with every
cell it runs (Jupyter's ``user_expressions``: evaluated after the cell, in the
notebook's namespace, answered in the same reply). The expression returns one
JSON text: ``{"answers": {name: {"json": …} | {"ellipsis": true} | {"invalid": repr, "why": …}}}``.
Nothing is written to a file and no cell is added to the notebook. Because a
snapshot follows every cell, the answers set before a timeout, a crash or a
dead kernel are kept.

Whatever comes back is text from a hostile kernel: :func:`parse_snapshot` reads
it with ``ast.literal_eval`` and ``json.loads`` only, within size limits, and
keeps only entries of the expected shape. A notebook can forge its own answers
this way, which is the same as answering; it can reach nobody else's.

>>> reply = {"kit": {"status": "ok", "data": {"text/plain": repr('{"answers": {"answer_q0_1": {"json": "[1]"}}}')}}}
>>> parse_snapshot(reply)
{'answer_q0_1': {'json': '[1]'}}
"""

from __future__ import annotations

import ast
import json
from typing import Any

MAX_ANSWER_CHARS = 100_000
"""An answer whose JSON is longer than this is scored *invalid* (answers are short)."""
MAX_SNAPSHOT_CHARS = 5_000_000
"""A larger snapshot reply is ignored (the previous one stands)."""
EXPRESSION_NAME = "kit"
"""The key of the snapshot in ``user_expressions``."""

SNAPSHOT_FUNCTION = r'''
def _kit_snapshot(_user, _limit):
    import builtins as _b, datetime as _d, json as _j, re as _r
    _names = _r.compile(r"answer_q\d+_\d+")
    def _plain(v, depth=0):
        t = type(v)
        if depth > 20:
            raise ValueError("it is nested too deeply")
        if t in (str, int, float, bool, type(None)):
            return v
        if t.__module__ == "numpy" and getattr(v, "ndim", 1) == 0 and depth < 20:
            return _plain(v.item(), depth + 1)
        if t.__module__.startswith("pandas") and hasattr(v, "to_pydatetime"):
            return _plain(v.to_pydatetime(), depth + 1)
        if t is _d.datetime:
            return {"$datetime": v.isoformat()}
        if t is _d.date:
            return {"$date": v.isoformat()}
        if t in (list, tuple, set, frozenset):
            if len(v) > 10000:
                raise ValueError("the list has more than 10,000 items")
            items = [_plain(x, depth + 1) for x in v]
            return sorted(items, key=_j.dumps) if t in (set, frozenset) else items
        if t is dict and all(type(k) is str for k in v):
            return {k: _plain(x, depth + 1) for k, x in v.items()}
        raise TypeError("a value of type " + t.__name__ + " is not a plain value (a string, number, list or date)")
    _out = {}
    for _name in _b.list(_user):
        if not (type(_name) is str and _names.fullmatch(_name)):
            continue
        _value = _user[_name]
        if _value is Ellipsis:
            _out[_name] = {"ellipsis": True}
            continue
        try:
            if type(_value) is str and len(_value) > _limit:
                raise ValueError("the answer is too long")
            _text = _j.dumps(_plain(_value))
            if len(_text) > _limit:
                raise ValueError("the answer is too long")
            _out[_name] = {"json": _text}
        except Exception as _exc:
            _out[_name] = {"invalid": "<" + type(_value).__name__ + ">", "why": str(_exc)[:200]}
    return _j.dumps({"answers": _out})
'''
"""The function the expression defines and calls in the kernel (``_user`` is the notebook's namespace)."""


def snapshot_expression(limit: int = MAX_ANSWER_CHARS) -> str:
    """Return the expression that snapshots a notebook's answers (one line, no name left in the namespace).

    >>> ns = {"answer_q1_2": ["A1"], "other": 1}
    >>> json.loads(eval(snapshot_expression(), ns))["answers"]["answer_q1_2"]
    {'json': '["A1"]'}
    >>> json.loads(eval(snapshot_expression(), {"answer_q1_3": 2j}))["answers"]["answer_q1_3"]["why"]
    'a value of type complex is not a plain value (a string, number, list or date)'
    """
    return (
        f"(lambda _n: (exec({SNAPSHOT_FUNCTION!r}, _n), _n['_kit_snapshot'](globals(), {int(limit)}))[1])"
        "({'__builtins__': __import__('builtins')})"
    )


def parse_snapshot(user_expressions: Any) -> dict[str, dict[str, Any]] | None:
    """Read the snapshot from a kernel's ``user_expressions`` reply; ``None`` when it is missing or malformed.

    Only ``answer_qN_M`` names with an entry of one of the three shapes are kept.

    >>> parse_snapshot({"kit": {"status": "error"}}) is None
    True
    >>> parse_snapshot({"kit": {"status": "ok", "data": {"text/plain": "'{\\"answers\\": {\\"x\\": 1}}'"}}})
    {}
    """
    try:
        reply = user_expressions[EXPRESSION_NAME]
        if reply.get("status") != "ok":
            return None
        text = reply["data"]["text/plain"]
        if not isinstance(text, str) or len(text) > MAX_SNAPSHOT_CHARS:
            return None
        data = json.loads(ast.literal_eval(text))
        answers = data["answers"]
    except (KeyError, TypeError, ValueError, SyntaxError, AttributeError, MemoryError, RecursionError):
        return None
    if not isinstance(answers, dict):
        return None
    from .discovery import question_for_variable

    return {
        name: entry
        for name, entry in answers.items()
        if isinstance(name, str) and question_for_variable(name) and isinstance(entry, dict) and _well_formed(entry)
    }


def _well_formed(entry: dict[str, Any]) -> bool:
    if set(entry) == {"ellipsis"}:
        return entry["ellipsis"] is True
    if set(entry) == {"json"}:
        return isinstance(entry["json"], str)
    return set(entry) == {"invalid", "why"} and all(isinstance(v, str) for v in entry.values())
