"""Keeping notebooks apart: memory limits, process groups, private folders and their removal.

Every notebook runs in a worker process of its own session, in a private
temporary folder that holds a copy of the notebook, its own ``HOME``, its own
answers file and a private copy of the built-in case. This isolates submissions
from each other and from the grader's key by process and folder; it is not a
security sandbox (a notebook runs as the grader's user).

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     job = make_job(Path(tmp), {"keys/questions.csv": b"id\\n"}, "alice")
...     sorted(p.name for p in job.work.iterdir()), job.seeds.joinpath("keys/questions.csv").read_bytes()
(['home', 'seeds'], b'id\\n')
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

_INHERITED_SETTINGS = ("JPY_PARENT_PID", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "IPYTHONDIR", "PYTHONSTARTUP")


def limit_memory(megabytes: int) -> None:
    """Limit this process's data size (``RLIMIT_DATA``: its heap, not its address space) to ``megabytes`` MB.

    ``0`` means no limit; a hard limit already in place is never raised. The kernels
    this process starts inherit the limit.
    """
    if megabytes > 0:
        import resource  # POSIX only: imported when a limit is asked for

        limit = megabytes * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def kill_group(pgid: int | None) -> None:
    """Kill a whole process group (a worker's session or a kernel's), never the grader's own.

    >>> kill_group(None), kill_group(1)
    (None, None)
    """
    if pgid and pgid > 1 and pgid != os.getpgid(0):
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def rmtree(path: Path) -> None:
    """Remove a folder a notebook may have left unwritable (a missing folder is fine).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "locked"
    >>> (folder / "inner").mkdir(parents=True); folder.chmod(0o500)
    >>> rmtree(folder.parent); folder.parent.exists()
    False
    """

    def fix(func, name, _exc):
        try:
            os.chmod(os.path.dirname(name), 0o700)
            os.chmod(name, 0o700)
            func(name)
        except OSError:
            pass

    if path.exists():
        shutil.rmtree(path, onexc=fix) if sys.version_info >= (3, 12) else shutil.rmtree(path, onerror=fix)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Read every file under ``folder`` into memory: ``{relative posix path: bytes}``, sorted.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "keys").mkdir(); _ = (Path(tmp) / "keys" / "q.csv").write_text("id")
    ...     snapshot(Path(tmp))
    {'keys/q.csv': b'id'}
    """
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass
class Job:
    """The folders of one notebook's run: ``root`` (removed afterwards), ``private`` (the grader's files,
    a random name the kernel is never told) and ``work`` (the kernel's folder, with ``home`` and ``seeds``)."""

    root: Path
    private: Path
    work: Path
    student: str

    @property
    def home(self) -> Path:
        return self.work / "home"

    @property
    def seeds(self) -> Path:
        return self.work / "seeds"


def new_job_folder(scratch: Path) -> Path:
    """Make the folder of one job under ``scratch`` (remove it with :func:`rmtree`)."""
    return Path(tempfile.mkdtemp(prefix="job-", dir=scratch))


def make_job(root: Path, seeds: dict[str, bytes], student: str) -> Job:
    """Fill a job folder: a private folder for the grader, the kernel's home and a copy of the built-in case.

    Args:
        root: an empty folder of the job's own (see :func:`new_job_folder`).
        seeds: the built-in case's files (see :func:`snapshot`).
        student: the student's id (given to the kernel as ``KIT_STUDENT``).
    """
    job = Job(root, root / secrets.token_hex(12), root / "work", student)
    job.private.mkdir(mode=0o700)
    job.home.mkdir(parents=True)
    for rel, data in seeds.items():
        target = job.seeds / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return job


def job_environment(job: Job, kit_root: str) -> dict[str, str]:
    """Return the environment of a job's worker and kernel: this one's, with its own home, answers and case.

    Jupyter and IPython settings of the grader's own session are dropped; ``kit_root``
    goes first on ``PYTHONPATH`` so the kernel imports the same kit.
    """
    env = dict(os.environ)
    for name in _INHERITED_SETTINGS:
        env.pop(name, None)
    env.update(
        HOME=str(job.home),
        KIT_ANSWERS=str(job.work / "answers.json"),
        KIT_SEEDS=str(job.seeds),
        KIT_STUDENT=job.student,
        KIT_CACHE="off",  # no cache shared between submissions, or with the grader
        JUPYTER_RUNTIME_DIR=str(job.home / ".jupyter-runtime"),
        MPLCONFIGDIR=str(job.home / ".matplotlib"),
        PYTHONPATH=os.pathsep.join(filter(None, [kit_root, env.get("PYTHONPATH", "")])),
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    return env


def run_isolated(
    argv: list[str], data: bytes, job: Job, env: dict[str, str], limit: float, live: dict[int, int], lock: threading.Lock
) -> int | None:
    """Run a process in a new session in the job's private folder, feed it ``data`` and wait at most ``limit`` s.

    While it runs its pid is in ``live`` (guarded by ``lock``), so that an interrupted
    grader can kill it; a process still running at the end is killed with its session.

    Returns:
        Its exit status, or ``None`` when it ran out of time.
    """
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=str(job.private),
        env=env,
        start_new_session=True,
    )
    with lock:
        live[proc.pid] = proc.pid
    try:
        try:
            proc.stdin.write(data)
            proc.stdin.close()
        except OSError:
            pass
        try:
            return proc.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            return None
    finally:
        if proc.returncode is None:  # still running (not yet reaped): kill its whole session
            kill_group(proc.pid)
        proc.wait()
        with lock:
            live.pop(proc.pid, None)


def kill_recorded_group(pid_path: Path) -> None:
    """Kill the process group whose id a worker wrote to ``pid_path`` (its kernel runs in its own session)."""
    try:
        kill_group(int(pid_path.read_text().strip()))
    except (OSError, ValueError):
        pass
