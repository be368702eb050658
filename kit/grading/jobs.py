"""One notebook's job on one machine: private folders, a cgroup, the worker, and nothing left afterwards.

:func:`run_job` takes plain values (the notebook's bytes, the case's files,
the settings) and returns plain values (the worker's report), so the same
function runs in the grader's own pool or on a Dask worker of another machine
(:mod:`.cluster`). It never raises for a notebook's trouble.

A job's folder (removed at the end, whatever happened) holds the grader's copy
of the notebook (the kernel never sees it: the worker sends it cell by cell),
the job's copy of the case without the key (read-only in the sandbox) and the
kernel's socket folder. The worker runs in a new session; the kernel inside
the sandbox and a cgroup of its own (:mod:`.limits`), which is emptied and
removed afterwards.

>>> job_settings(timeout=5)["cell_timeout"]
5.0
"""

from __future__ import annotations

import functools
import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from .limits import Cgroup, CgroupTree, DEFAULT_PIDS, find_cgroups
from .sandbox import DEFAULT_TMPFS_MB, Layout, bwrap_argv, find_bwrap, kernel_environment, kill_group, rmtree, write_files
from .snapshot import MAX_ANSWER_CHARS
from .worker import SNAPSHOT_TIMEOUT, STARTUP_TIMEOUT, WORKER_ARGS

_INHERITED_SETTINGS = ("JPY_PARENT_PID", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "IPYTHONDIR", "PYTHONSTARTUP")
_LIVE: set[int] = set()
_LIVE_LOCK = threading.Lock()


def job_settings(
    *, timeout: float, cell_timeout: float | None = None, max_output: int = 1_000_000, memory_mb: int = 4096,
    sandbox: bool = True, hide: list[str] | None = None, tmpfs_mb: int = DEFAULT_TMPFS_MB, pids: int = DEFAULT_PIDS,
) -> dict[str, Any]:
    """The settings every job of a run shares, as plain values."""
    return {
        "timeout": float(timeout), "cell_timeout": float(cell_timeout or timeout), "max_output": int(max_output),
        "memory_mb": int(memory_mb), "sandbox": bool(sandbox), "hide": list(hide or []), "tmpfs_mb": int(tmpfs_mb),
        "pids": int(pids), "answer_limit": MAX_ANSWER_CHARS,
    }


@functools.lru_cache(maxsize=None)
def machine_cgroups() -> CgroupTree | None:
    """This machine's writable cgroup hierarchy, looked up once per process."""
    return find_cgroups()


def _worker_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _INHERITED_SETTINGS}
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


def _spec(root: Path, job: dict[str, Any], group: Cgroup | None) -> dict[str, Any]:
    """The worker's spec: the kernel's command prefix, environment and folders."""
    settings = job["settings"]
    sockets, case, home = root / "sockets", root / "case", root / "home"
    prefix = group.join_command() if group else []
    if settings["sandbox"]:
        layout = Layout(case, sockets, job["student"], [Path(p) for p in settings["hide"]], settings["tmpfs_mb"])
        prefix += [*bwrap_argv(find_bwrap(), layout), "--"]
        env, cwd = {"PATH": "/usr/bin:/bin"}, str(root)
    else:
        home.mkdir()
        env, cwd = kernel_environment(job["student"], case, home), str(home)
    return {
        "notebook": str(root / "notebook.ipynb"), "sockets": str(sockets), "prefix": prefix, "env": env, "cwd": cwd,
        "timeout": settings["timeout"], "cell_timeout": settings["cell_timeout"],
        "max_output": settings["max_output"], "answer_limit": settings["answer_limit"],
        "memory_mb": 0 if group else settings["memory_mb"],
    }


def _run_worker(spec: dict[str, Any], limit: float) -> tuple[dict[str, Any] | None, str | None]:
    """Run the worker in a new session; return its report, or ``None`` and why there is none."""
    proc = subprocess.Popen(
        [sys.executable, *WORKER_ARGS], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        env=_worker_environment(), start_new_session=True,
    )
    with _LIVE_LOCK:
        _LIVE.add(proc.pid)
    try:
        out, _ = proc.communicate(json.dumps(spec).encode("utf-8"), timeout=limit)
    except subprocess.TimeoutExpired:
        return None, "timed out while the kernel was starting or stopping"
    finally:
        kill_group(proc.pid)
        proc.wait()
        with _LIVE_LOCK:
            _LIVE.discard(proc.pid)
    try:
        report = json.loads(out.decode("utf-8"))
        if not isinstance(report, dict):
            raise ValueError
        return report, None
    except ValueError:
        return None, f"grader error: the worker stopped with exit status {proc.returncode} and no report"


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    """Run one notebook in the sandbox on this machine; return ``{"report", "exit_note", "oom", "seconds"}``.

    Args:
        job: ``student``, ``notebook`` (the file's bytes), ``case`` (``{relative path: bytes}``, no key)
            and ``settings`` (see :func:`job_settings`).
    """
    started = time.monotonic()
    settings = job["settings"]
    root = Path(tempfile.mkdtemp(prefix="kit-job-", dir=settings.get("scratch")))
    group = None
    try:
        root.chmod(0o711)
        (root / "notebook.ipynb").write_bytes(job["notebook"])
        write_files(root / "case", job["case"])
        (root / "sockets").mkdir()
        tree = machine_cgroups()
        if tree is not None:
            name = f"kit-job-{os.getpid()}-{secrets.token_hex(6)}"
            group = Cgroup.create(tree, name, memory_mb=settings["memory_mb"], pids=settings["pids"])
        spec = _spec(root, job, group)
        limit = STARTUP_TIMEOUT + settings["timeout"] + SNAPSHOT_TIMEOUT + 30
        report, exit_note = _run_worker(spec, limit)
        oom = group.out_of_memory() if group else False
        return {"report": report, "exit_note": exit_note, "oom": oom, "seconds": time.monotonic() - started}
    except Exception as exc:  # noqa: BLE001 - one notebook's trouble must not stop the others
        note = f"grader error: {type(exc).__name__}: {str(exc)[:200]}"
        return {"report": None, "exit_note": note, "oom": False, "seconds": time.monotonic() - started}
    finally:
        if group is not None:
            group.remove()
        rmtree(root)


def kill_all_jobs() -> None:
    """Kill every worker of this process still running (an interrupted run), with its session."""
    with _LIVE_LOCK:
        for pid in list(_LIVE):
            kill_group(pid)


def isolation(sandbox: bool) -> str:
    """Say in one line how this machine isolates notebooks (for the run's summary).

    >>> isolation(False).startswith("none")
    True
    """
    if not sandbox:
        return "none (--no-sandbox: notebooks ran as the grader's user, with its files)"
    tree = machine_cgroups()
    limits = tree.describe() if tree else "per-process memory limits only (no writable cgroup)"
    return f"bubblewrap sandbox, no network; limits: {limits}"
