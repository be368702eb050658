"""The sandbox a student's kernel runs in: bubblewrap, an allow-listed environment and private folders.

Each kernel is started by ``bwrap`` (Debian package ``bubblewrap``) in new user,
mount, pid, network, IPC, UTS and cgroup namespaces, as user ``nobody`` with no
capabilities, with ``--die-with-parent`` and ``--new-session``. Its file system
is built from an allow-list (:func:`bwrap_argv`):

* read-only: ``/usr`` (and ``/bin``, ``/lib``… beside it), a few files of
  ``/etc``, the Python installation and the virtual environment at their own
  paths, and the grader's ``kit`` package at ``/opt/kit-lib/kit`` (first on
  ``PYTHONPATH``), with every instructor folder inside them (the built-in key,
  the ``--case`` folder, solutions, submissions, the output) hidden under an
  empty tmpfs;
* read-only at ``/case``: the job's copy of the built-in case *without* its
  ``keys/questions.csv`` (the key the grader scores with);
* private and size-capped (``tmpfs``): ``/home/student`` (its home and working
  folder) and ``/tmp``;
* read-write: one folder of the job's, holding only the kernel's sockets and
  connection file (the kernel talks to the grader over Unix sockets: it has no
  network at all).

Nothing else of the machine exists inside: no other submission, no key, no
grader's home, environment or command line (its ``/proc`` shows its own
processes only). The environment is built from :func:`kernel_environment`
alone. When the kernel exits, its pid namespace ends and every process it
started ends with it; the job's cgroup (:mod:`.limits`) is then killed as well.

>>> env = kernel_environment("ada", Path("/case"), Path("/home/student"))
>>> env["KIT_STUDENT"], env["KIT_SEEDS"], "PYTHONPATH" in env
('ada', '/case', False)
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.cache import CACHE_ENV, OFF
from ..core.errors import KitError
from ..core.paths import ANSWERS_ENV, GRADING_ENV, SEEDS_ENV, STUDENT_ENV

SANDBOX_HOME = Path("/home/student")
"""The kernel's home and working folder inside the sandbox (a tmpfs)."""
SANDBOX_CASE = Path("/case")
"""Where the job's copy of the built-in case appears inside the sandbox (read-only)."""
SANDBOX_LIB = Path("/opt/kit-lib")
"""The kernel's ``PYTHONPATH`` inside the sandbox: the grader's own ``kit`` package appears there (read-only)."""
GRADING_KEY = "keys/questions.csv"
"""The built-in case's file that holds the answers: never copied into a job."""
DEFAULT_TMPFS_MB = 256
"""Size of the kernel's ``/home/student`` and of its ``/tmp``, each, in MB."""

_SYSTEM = ("/usr",)
_SYSTEM_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_ETC = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/localtime", "/etc/timezone", "/etc/fonts", "/etc/mime.types")
_NAMESPACES = ("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session")


class SandboxError(KitError):
    """The sandbox cannot be used on this machine (said in one sentence).

    >>> from kit.core.errors import KitError
    >>> issubclass(SandboxError, KitError)
    True
    """


def kernel_environment(student: str, case: Path, home: Path, library: Path | None = None) -> dict[str, str]:
    """Return a kernel's whole environment: an allow-list, nothing inherited from the grader.

    Args:
        student: the student's id (``KIT_STUDENT``).
        case: the folder of the job's case copy as the kernel sees it.
        home: the kernel's home as it sees it.
        library: a folder put first on ``PYTHONPATH`` (in the sandbox: where the grader's ``kit`` appears).

    >>> sorted(kernel_environment("x", Path("/c"), Path("/h")))[:4]
    ['HOME', 'IPYTHONDIR', 'JUPYTER_RUNTIME_DIR', 'KIT_ANSWERS']
    """
    env = {
        "HOME": str(home),
        "IPYTHONDIR": str(home / ".ipython"),
        "JUPYTER_RUNTIME_DIR": str(home / ".jupyter-runtime"),
        ANSWERS_ENV: str(home / "answers.json"),
        CACHE_ENV: OFF,  # no cache shared between submissions, or with the grader
        GRADING_ENV: "1",  # kit.check records answers without a key (the grader scores them)
        SEEDS_ENV: str(case),
        STUDENT_ENV: student,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "LOGNAME": "student",
        "MPLCONFIGDIR": str(home / ".matplotlib"),
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "TMPDIR": "/tmp",
        "USER": "student",
    }
    if library is not None:
        env["PYTHONPATH"] = str(library)
    return env


def kit_package() -> Path:
    """The folder of the ``kit`` package this grader runs (the kernel imports the same one).

    >>> kit_package().name
    'kit'
    """
    return Path(__file__).resolve().parent.parent


def read_only_mounts() -> list[tuple[Path, Path]]:
    """The folders the kernel needs read-only besides the system, as ``(host folder, where it appears)``:
    the Python installation and environment at their own paths, the ``kit`` package under :data:`SANDBOX_LIB`.

    >>> (kit_package(), SANDBOX_LIB / "kit") in read_only_mounts()
    True
    """
    wanted = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}
    kept: list[Path] = []
    for path in sorted(wanted, key=lambda p: len(p.parts)):
        if not any(path.is_relative_to(k) for k in [*kept, Path("/usr")]):
            kept.append(path)
    return [(p, p) for p in kept] + [(kit_package(), SANDBOX_LIB / "kit")]


def _inside(path: Path, mounts: list[tuple[Path, Path]]) -> Path | None:
    """Where a host path appears inside the sandbox, if a read-only mount shows it."""
    for host, inside in mounts:
        if path.is_relative_to(host):
            return inside / path.relative_to(host)
    return None


@dataclass
class Layout:
    """What one kernel's sandbox is made of (host folders): ``case`` (read-only), ``sockets`` (read-write),
    the folders to ``hide`` (instructor folders that lie inside a read-only path) and the tmpfs size."""

    case: Path
    sockets: Path
    student: str
    hide: list[Path] = field(default_factory=list)
    tmpfs_mb: int = DEFAULT_TMPFS_MB


def _system_binds() -> list[str]:
    argv: list[str] = []
    for path in _SYSTEM:
        argv += ["--ro-bind", path, path]
    for path in _SYSTEM_LINKS:
        if os.path.islink(path):
            argv += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            argv += ["--ro-bind", path, path]
    for path in _ETC:
        argv += ["--ro-bind-try", path, path]
    return argv


def bwrap_argv(bwrap: str, layout: Layout) -> list[str]:
    """Return the command that starts a program in the sandbox (append ``--`` and the program's argv).

    >>> argv = bwrap_argv("bwrap", Layout(Path("/j/case"), Path("/j/s"), "ada"))
    >>> argv[:3], "--clearenv" in argv, argv[argv.index("/j/case") + 1]
    (['bwrap', '--unshare-all', '--unshare-user'], True, '/case')
    """
    size = str(layout.tmpfs_mb * 1024 * 1024)
    argv = [bwrap, *_NAMESPACES, "--cap-drop", "ALL", "--uid", "65534", "--gid", "65534", "--hostname", "sandbox"]
    argv += ["--clearenv"]
    for name, value in kernel_environment(layout.student, SANDBOX_CASE, SANDBOX_HOME, SANDBOX_LIB).items():
        argv += ["--setenv", name, value]
    # the private tmpfs first, so that a read-only folder that lives under /tmp is mounted on top of it
    argv += ["--size", size, "--tmpfs", "/tmp", "--size", size, "--tmpfs", str(SANDBOX_HOME)]
    argv += _system_binds()
    mounts = read_only_mounts()
    for host, inside in mounts:
        argv += ["--ro-bind", str(host), str(inside)]
    for secret in layout.hide:
        shown = _inside(secret, mounts)
        if shown is not None and secret.is_dir():
            argv += ["--tmpfs", str(shown)]
    argv += ["--ro-bind", str(layout.case), str(SANDBOX_CASE), "--proc", "/proc", "--dev", "/dev"]
    argv += ["--bind", str(layout.sockets), str(layout.sockets), "--chdir", str(SANDBOX_HOME), "--remount-ro", "/"]
    return argv


@functools.lru_cache(maxsize=None)
def find_bwrap() -> str:
    """Return the path of a working ``bwrap``, or raise :class:`SandboxError` saying why there is none.

    It is tried for real once per process: a sandboxed Python must start and see no network.
    """
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxError(
            "bubblewrap is not installed, so notebooks cannot be isolated: install it (apt-get install bubblewrap) "
            "or, only for notebooks you trust, pass --no-sandbox."
        )
    with tempfile.TemporaryDirectory(prefix="kit-probe-") as tmp:
        case, sockets = Path(tmp) / "case", Path(tmp) / "sockets"
        case.mkdir()
        sockets.mkdir()
        argv = bwrap_argv(bwrap, Layout(case, sockets, "probe"))
        probe = "import socket,sys; s=socket.socket(); s.settimeout(1)\ntry: s.connect(('1.1.1.1',53))\nexcept OSError: sys.exit(0)\nsys.exit(9)"
        try:
            done = subprocess.run([*argv, "--", sys.executable, "-I", "-c", probe], capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SandboxError(f"bubblewrap did not start ({type(exc).__name__}); pass --no-sandbox only for trusted notebooks.") from None
    if done.returncode != 0:
        why = (done.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise SandboxError(
            f"bubblewrap cannot make a sandbox on this machine ({why[:200]}); enable unprivileged user namespaces "
            "or run the grader as root, or, only for notebooks you trust, pass --no-sandbox."
        )
    return bwrap


def job_case(seeds: dict[str, bytes]) -> dict[str, bytes]:
    """The built-in case's files a job gets: all but the grading key.

    >>> sorted(job_case({"metadata.csv": b"", "keys/questions.csv": b"", "keys/claims.csv": b""}))
    ['keys/claims.csv', 'metadata.csv']
    """
    return {rel: data for rel, data in seeds.items() if rel != GRADING_KEY}


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``{relative path: bytes}`` under ``folder`` (created as needed), readable by everyone."""
    for rel, data in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        target.chmod(0o644)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Read every file under ``folder`` into memory: ``{relative posix path: bytes}``, sorted.

    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "keys").mkdir(); _ = (Path(tmp) / "keys" / "q.csv").write_text("id")
    ...     snapshot(Path(tmp))
    {'keys/q.csv': b'id'}
    """
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def kill_group(pgid: int | None) -> None:
    """Kill a whole process group (a worker's session), never the grader's own.

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
