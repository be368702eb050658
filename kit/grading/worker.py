"""The worker: one process that runs one notebook's cells in a sandboxed kernel and reports, as JSON, on stdout.

The job (:mod:`.jobs`) starts it as ``python -m kit.grading --one`` (see
:data:`WORKER_ARGS`) and writes a spec (JSON) to its standard input. The worker
starts the kernel inside the job's cgroup and the sandbox (the spec's
``prefix``: :mod:`.limits` and :mod:`.sandbox`) with its
standard streams closed, so the kernel cannot reach the worker's report. Cells
run top to bottom with errors allowed, within ``timeout`` seconds for the whole
notebook (kernel start not counted) and ``cell_timeout`` per cell; at most
``max_output`` bytes of output are kept. After every cell the kernel is asked
for a snapshot of its answers (:mod:`.snapshot`); the last one is reported.

>>> WORKER_ARGS
('-m', 'kit.grading', '--one')
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .limits import limit_process_memory
from .snapshot import EXPRESSION_NAME, parse_snapshot, snapshot_expression

WORKER_ARGS = ("-m", "kit.grading", "--one")
"""Arguments after the Python executable that start a worker (``kit/grading/__main__.py``)."""

STARTUP_TIMEOUT = 60
"""Seconds a kernel may take to start (not counted in ``--timeout``)."""
SNAPSHOT_TIMEOUT = 30
"""Seconds the last snapshot of the answers may take, after the last cell (not counted in ``--timeout``)."""
MAX_NOTEBOOK_BYTES = 50_000_000
"""A larger notebook file is not run (*not a valid notebook*)."""
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


def _kernel_manager(spec: dict[str, Any]):
    """A kernel manager whose kernel starts inside the sandbox (``spec["prefix"]``) and talks over Unix sockets."""
    from jupyter_client.manager import AsyncKernelManager

    class SandboxedKernelManager(AsyncKernelManager):
        """Starts ``python -m ipykernel_launcher`` behind the sandbox's command (no kernelspec is read)."""

        def format_kernel_cmd(self, extra_arguments=None):
            return [*spec["prefix"], sys.executable, "-m", "ipykernel_launcher", "-f", self.connection_file]

    sockets = Path(spec["sockets"])
    km = SandboxedKernelManager(kernel_name="python3", transport="ipc", ip=str(sockets / "kernel"))
    km.connection_file = str(sockets / "kernel.json")
    return km


def _new_client(nb, spec: dict[str, Any]):
    Client = make_client_class()
    return Client(
        nb,
        km=_kernel_manager(spec),
        max_output=int(spec["max_output"]),
        timeout=int(spec["cell_timeout"]),
        startup_timeout=STARTUP_TIMEOUT,
        kernel_name="python3",
        allow_errors=True,
        record_timing=False,
        store_widget_state=False,
        shutdown_kernel="immediate",
        iopub_timeout=2,
    )


class _Run:
    """Where a run is: the deadline (set once the kernel answers), the cell running (1-based; 0: none)
    and the last snapshot of the answers with the cell after which it was taken."""

    def __init__(self):
        self.deadline: float | None = None
        self.current = 0
        self.answers: dict[str, Any] | None = None
        self.answers_after = 0


def _ask_for_snapshots(client, run: _Run, limit: int) -> None:
    """Send the snapshot expression with every request and keep the last good reply."""
    expression = {EXPRESSION_NAME: snapshot_expression(limit)}
    send = client.kc.execute

    def execute(code, **kwargs):
        kwargs["user_expressions"] = expression
        return send(code, **kwargs)

    def executed(cell=None, cell_index=0, execute_reply=None, **_):
        answers = parse_snapshot(((execute_reply or {}).get("content") or {}).get("user_expressions"))
        if answers is not None:
            run.answers, run.answers_after = answers, cell_index + 1

    client.kc.execute = execute
    client.on_cell_executed = executed


def _start_kernel(client, spec: dict[str, Any], run: _Run) -> None:
    """Wait for the kernel, ask for a snapshot after every cell, then start the clock."""
    client.wait_for_reply(client.kc.kernel_info())
    _ask_for_snapshots(client, run, int(spec["answer_limit"]))
    run.deadline = time.monotonic() + float(spec["timeout"])


def _run_cells(client, nb, spec: dict[str, Any], run: _Run, result: dict[str, Any]) -> bool:
    """Run the student's cells within the deadline; return whether they all ran (no timeout)."""
    for index, cell in enumerate(nb.cells):
        run.current = index + 1
        left = run.deadline - time.monotonic()
        if left <= 0:
            result["timed_out"] = {"limit": spec["timeout"], "cell": run.current}
            return False
        client.timeout = max(1, int(min(float(spec["cell_timeout"]), left) + 0.999))
        client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
    run.current = 0
    return True


def _last_snapshot(client, run: _Run) -> None:
    """Take one more snapshot after the last cell (a failing last cell sends none)."""
    import nbformat

    client.timeout = SNAPSHOT_TIMEOUT
    cell = nbformat.v4.new_code_cell("pass")
    client.nb.cells.append(cell)
    index = len(client.nb.cells) - 1
    after = run.answers_after
    client.execute_cell(cell, index, store_history=False)
    client.nb.cells.pop()
    if run.answers_after == index + 1:
        run.answers_after = max(after, index)  # the snapshot stands for the notebook's own last cell


def _timeout_outcome(spec: dict[str, Any], run: _Run) -> dict[str, Any]:
    limit = spec["cell_timeout"] if float(spec["cell_timeout"]) < float(spec["timeout"]) else spec["timeout"]
    if run.deadline is not None and run.deadline - time.monotonic() <= 1:
        limit = spec["timeout"]
    return {"timed_out": {"limit": limit, "cell": run.current}}


def _failure_outcome(exc: Exception, run: _Run) -> dict[str, Any]:
    if run.deadline is None:
        return {"grader_error": f"the kernel did not start ({type(exc).__name__})"}
    return {"died": {"cell": run.current, "why": type(exc).__name__}}


def run_notebook(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one notebook in a fresh sandboxed kernel and report what happened (runs inside the worker process).

    Args:
        spec: ``notebook`` (path of the grader's private copy, never seen by the kernel), ``sockets``
            (the kernel's socket folder), ``prefix`` (the cgroup and sandbox command; empty without them),
            ``env`` and ``cwd`` (the kernel's, used as they are without a sandbox), ``memory_mb`` (a per-process
            limit, 0 where a cgroup holds), ``timeout``, ``cell_timeout``, ``max_output`` and ``answer_limit``.

    Returns:
        A dict with ``invalid``, ``errors``, ``capped``, ``timed_out``, ``died``, ``grader_error``,
        ``answers`` (the last snapshot, ``None`` when none came), ``answers_after`` (its cell) and ``cells``.
    """
    result: dict[str, Any] = {
        "invalid": None, "errors": [], "capped": False, "timed_out": None, "died": None,
        "grader_error": None, "answers": None, "answers_after": 0, "cells": 0,
    }
    # jsonschema's optional IRI checker builds a parser at import (0.8 s); notebooks never need it.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb, invalid = load_notebook(Path(spec["notebook"]))
    if invalid is not None:
        result["invalid"] = invalid
        return result
    result["cells"] = len(nb.cells)
    limit_process_memory(int(spec.get("memory_mb") or 0))  # where no cgroup holds the whole tree
    client = _new_client(nb, spec)
    run = _Run()
    try:
        with client.setup_kernel(env=dict(spec["env"]), cwd=spec["cwd"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
            _start_kernel(client, spec, run)
            if _run_cells(client, nb, spec, run, result):
                _last_snapshot(client, run)
    except CellTimeoutError:
        if run.current:
            result.update(_timeout_outcome(spec, run))
    except DeadKernelError:
        result["died"] = {"cell": run.current}
    except Exception as exc:  # noqa: BLE001 - the worker must always report
        result.update(_failure_outcome(exc, run))
    result.update(errors=client.errors, capped=client.capped, answers=run.answers, answers_after=run.answers_after)
    return result


def worker_main(argv: list[str]) -> int:
    """Entry of the worker process: read a spec (JSON) from stdin, run it, write the report (JSON) to stdout.

    Any failure becomes a ``grader_error``. Always returns 0.
    """
    spec = json.loads(sys.stdin.read())
    report = sys.stdout
    sys.stdout = sys.stderr  # nothing but the report goes to the grader's pipe
    try:
        result = run_notebook(spec)
    except BaseException as exc:  # noqa: BLE001
        result = {"grader_error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    report.write(json.dumps(result))
    report.flush()
    return 0
