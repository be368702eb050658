"""The worker: one process that runs one notebook in its own kernel and carries its answers out.

The grader starts it as ``python -m kit.grading --one`` (see :data:`WORKER_ARGS`),
in a new session, and writes a spec (JSON) to its standard input. Cells run top to
bottom with errors allowed, within ``timeout`` seconds for the whole notebook
(kernel start not counted) and ``cell_timeout`` per cell; at most ``max_output``
bytes of output are kept. Then one cell of the grader's own (never saved to the
student's file) writes every global named ``answer_qN_M`` as JSON to a random
path; values JSON cannot hold are kept as their ``repr``.

>>> WORKER_ARGS
('-m', 'kit.grading', '--one')
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from .sandbox import limit_memory

WORKER_ARGS = ("-m", "kit.grading", "--one")
"""Arguments after the Python executable that start a worker (``kit/grading/__main__.py``)."""

STARTUP_TIMEOUT = 60
"""Seconds a kernel may take to start (not counted in ``--timeout``)."""
EXTRACT_TIMEOUT = 30
"""Seconds the grader's own extraction cell may take (not counted in ``--timeout``)."""
MAX_NOTEBOOK_BYTES = 50_000_000
"""A larger notebook file is not run (*not a valid notebook*)."""
MAX_ANSWER_CHARS = 100_000
"""An answer whose JSON is longer than this is scored *invalid* (answers are short)."""

EXTRACT_CELL = r'''
def _kit_grader_extract(_path, _limit):
    import builtins as _b, datetime as _d, json as _j, numbers as _n, os as _o, re as _r, sys as _s
    _names = _r.compile(r"answer_q\d+_\d+")
    _user = _s._getframe(0).f_globals
    def _hook(v):
        if isinstance(v, _d.datetime):
            return {"$datetime": v.isoformat()}
        if isinstance(v, _d.date):
            return {"$date": v.isoformat()}
        if isinstance(v, (set, frozenset)):
            return sorted(v, key=_b.repr)
        if isinstance(v, _n.Integral) and not isinstance(v, bool):
            return int(v)
        if isinstance(v, _n.Real):
            return float(v)
        raise TypeError(type(v).__name__ + " is not JSON")
    _out = {}
    for _name in _b.list(_user):
        if not (isinstance(_name, str) and _names.fullmatch(_name)):
            continue
        _value = _user[_name]
        if _value is Ellipsis:
            _out[_name] = {"ellipsis": True}
            continue
        try:
            _text = _j.dumps(_value, default=_hook, allow_nan=True)
            if len(_text) > _limit:
                raise ValueError("the answer is too long")
            _out[_name] = {"json": _text}
        except Exception as _exc:
            try:
                _shown = _b.repr(_value)[:300]
            except Exception:
                _shown = "<" + type(_value).__name__ + ">"
            _out[_name] = {"invalid": _shown, "why": str(_exc)[:200]}
    _data = _j.dumps({"answers": _out}).encode("utf-8")
    _fd = _o.open(_path, _o.O_WRONLY | _o.O_CREAT | _o.O_EXCL, 0o600)
    try:
        while _data:
            _data = _data[_o.write(_fd, _data):]
    finally:
        _o.close(_fd)
_kit_grader_extract(__PATH__, __LIMIT__)
del _kit_grader_extract
'''
"""The grader's own last cell; ``__PATH__`` and ``__LIMIT__`` are replaced before it runs
(see :func:`extract_source`). It writes ``{"answers": {name: {"json"|"ellipsis"|"invalid"…}}}``."""


def extract_source(path: str | Path, limit: int = MAX_ANSWER_CHARS) -> str:
    """Return the extraction cell's code, writing to ``path`` and keeping answers of at most ``limit`` characters.

    >>> "_kit_grader_extract('/tmp/a.json', 10)" in extract_source("/tmp/a.json", 10)
    True
    """
    return EXTRACT_CELL.replace("__PATH__", repr(str(path))).replace("__LIMIT__", str(limit))


def make_client_class():
    """Return a ``NotebookClient`` subclass that keeps at most ``max_output`` bytes of outputs and records errors.

    Built on demand so that nbclient is imported only in the worker.
    """
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """A NotebookClient that keeps at most ``max_output`` bytes of outputs and records errors."""

        def __init__(self, nb, max_output: int, **kw):
            super().__init__(nb, **kw)
            self.max_output = max_output
            self.output_bytes = 0
            self.capped = False
            self.errors: list[tuple[int, str]] = []
            self.on_cell_error = self._record_error
            self.comm_open_handlers = {}  # no Output-widget mimicking: it would bypass the cap

        def _record_error(self, cell, cell_index, execute_reply):
            ename = str((execute_reply or {}).get("content", {}).get("ename") or "Error")
            self.errors.append((cell_index + 1, ename[:80]))

        def process_message(self, msg, cell, cell_index):
            kind = msg.get("msg_type", "")
            if kind in ("stream", "display_data", "execute_result", "error", "update_display_data") or kind.startswith("comm"):
                content = msg.get("content") or {}
                size = len(str(content.get("text", ""))) + sum(len(str(v)) for v in (content.get("data") or {}).values())
                size += sum(len(str(t)) for t in content.get("traceback") or ())
                self.output_bytes += size + 100
                if self.output_bytes > self.max_output:
                    self.capped = True
                    return None
            return super().process_message(msg, cell, cell_index)

    return CappedClient


def _parse_notebook(raw: Any):
    import nbformat

    nb = nbformat.reads(json.dumps(raw), as_version=4)
    if not isinstance(nb.get("cells"), list):
        raise ValueError("no list of cells in it")
    for cell in nb.cells:
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            raise ValueError("a cell of an unknown type")
        if not isinstance(cell.get("source"), str):
            raise ValueError("a cell whose source is not text")
        cell.setdefault("metadata", {})
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return nb


def load_notebook(path: Path) -> tuple[Any, str | None]:
    """Read a notebook to run, with its outputs cleared: ``(notebook, None)`` or ``(None, why it is not valid)``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "n.ipynb"; _ = p.write_text('{"cells": [ not json')
    ...     load_notebook(p)
    (None, 'not JSON')
    """
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None, f"larger than {MAX_NOTEBOOK_BYTES // 1_000_000} MB"
        raw = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
            return None, "no list of cells in it"
        return _parse_notebook(raw), None
    except UnicodeDecodeError:
        return None, "not UTF-8 text"
    except json.JSONDecodeError:
        return None, "not JSON"
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds for a broken file
        plain = isinstance(exc, ValueError) and str(exc).startswith(("no list", "a cell"))
        return None, str(exc)[:200] if plain else f"it does not follow the notebook format: {type(exc).__name__}"


def _new_client(nb, spec: dict[str, Any]):
    Client = make_client_class()
    return Client(
        nb,
        max_output=int(spec["max_output"]),
        timeout=int(spec["cell_timeout"]),
        startup_timeout=STARTUP_TIMEOUT,
        kernel_name="python3",
        allow_errors=True,
        record_timing=False,
        store_widget_state=False,
        shutdown_kernel="immediate",
        iopub_timeout=2,
        resources={"metadata": {"path": spec["workdir"]}},
    )


class _Run:
    """Where a run is: the notebook's deadline (set once the kernel answers) and the cell running (1-based; 0: none)."""

    def __init__(self):
        self.deadline: float | None = None
        self.current = 0


def _start_kernel(client, spec: dict[str, Any], run: _Run) -> None:
    """Record the kernel's process group for the grader, wait for the kernel, then start the clock."""
    provisioner = getattr(client.km, "provisioner", None)
    pgid = getattr(provisioner, "pgid", None) or getattr(provisioner, "pid", None)
    if pgid:
        Path(spec["pid_path"]).write_text(str(pgid))
    client.wait_for_reply(client.kc.kernel_info())
    run.deadline = time.monotonic() + float(spec["timeout"])


def _run_cells(client, nb, spec: dict[str, Any], run: _Run, result: dict[str, Any]) -> bool:
    """Run the student's cells within the deadline; return whether they all ran (no timeout)."""
    for index, cell in enumerate(nb.cells[:-1]):
        run.current = index + 1
        left = run.deadline - time.monotonic()
        if left <= 0:
            result["timed_out"] = {"limit": spec["timeout"], "cell": run.current}
            return False
        client.timeout = max(1, int(min(float(spec["cell_timeout"]), left) + 0.999))
        client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
    run.current = 0
    return True


def _extract(client, nb, spec: dict[str, Any], result: dict[str, Any]) -> None:
    """Run the grader's cell (the notebook's last) and note whether it wrote the answers."""
    client.timeout = EXTRACT_TIMEOUT
    errors_before = len(client.errors)
    client.execute_cell(nb.cells[-1], len(nb.cells) - 1, execution_count=client.code_cells_executed + 1)
    if len(client.errors) > errors_before:
        result["extract_error"] = client.errors.pop()[1]
    else:
        result["extracted"] = os.path.isfile(spec["extract_path"])


def _timeout_outcome(spec: dict[str, Any], run: _Run) -> dict[str, Any]:
    if not run.current:
        return {"extract_error": f"the grader's cell took longer than {EXTRACT_TIMEOUT} s"}
    limit = spec["cell_timeout"] if float(spec["cell_timeout"]) < float(spec["timeout"]) else spec["timeout"]
    if run.deadline is not None and run.deadline - time.monotonic() <= 1:
        limit = spec["timeout"]
    return {"timed_out": {"limit": limit, "cell": run.current}}


def _failure_outcome(exc: Exception, run: _Run) -> dict[str, Any]:
    if run.deadline is None:
        return {"grader_error": f"the kernel did not start ({type(exc).__name__}: {str(exc)[:200]})"}
    if run.current:
        return {"died": {"cell": run.current, "why": f"{type(exc).__name__}"}}
    return {"extract_error": f"{type(exc).__name__}: {str(exc)[:200]}"}


def run_notebook(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one notebook in a fresh kernel and report what happened (runs inside the worker process).

    Args:
        spec: ``notebook`` (path of the private copy), ``workdir`` (the kernel's folder),
            ``extract_path``, ``timeout``, ``cell_timeout``, ``max_output``, ``memory_mb``
            and ``pid_path`` (where the kernel's process group is written).

    Returns:
        A dict with ``invalid``, ``errors``, ``capped``, ``timed_out``, ``died``,
        ``extracted``, ``extract_error`` and ``grader_error`` (see ``kit.grading.scoring.notebook_status``).
    """
    result: dict[str, Any] = {
        "invalid": None, "errors": [], "capped": False, "timed_out": None, "died": None,
        "extracted": False, "extract_error": None, "grader_error": None,
    }
    # jsonschema's optional IRI checker builds a parser at import (0.8 s); notebooks never need it.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb, invalid = load_notebook(Path(spec["notebook"]))
    if invalid is not None:
        result["invalid"] = invalid
        return result
    nb.cells.append(nbformat.v4.new_code_cell(extract_source(spec["extract_path"]).strip()))
    client = _new_client(nb, spec)
    limit_memory(int(spec.get("memory_mb") or 0))
    run = _Run()
    try:
        with client.setup_kernel(cwd=spec["workdir"]):
            _start_kernel(client, spec, run)
            if _run_cells(client, nb, spec, run, result):
                _extract(client, nb, spec, result)
    except CellTimeoutError:
        result.update(_timeout_outcome(spec, run))
    except DeadKernelError:
        result["died"] = {"cell": run.current}
    except Exception as exc:  # noqa: BLE001 - the worker must always report
        result.update(_failure_outcome(exc, run))
    result["errors"] = client.errors
    result["capped"] = client.capped
    return result


def worker_main(argv: list[str]) -> int:
    """Entry of the worker process: read a spec (JSON) from stdin, run it, write the result file.

    The result goes to ``spec["result_path"]`` through a temporary file and ``os.replace``;
    any failure becomes a ``grader_error``. Always returns 0.
    """
    spec = json.loads(sys.stdin.read())
    try:
        result = run_notebook(spec)
    except BaseException as exc:  # noqa: BLE001
        result = {"grader_error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    tmp = spec["result_path"] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    os.replace(tmp, spec["result_path"])
    return 0
