"""Limits for a whole process tree: a control group (cgroup) per notebook, for memory and the number of processes.

A limit on one process (``RLIMIT_DATA``) does not hold for a shared ``mmap`` or
for children, each of which gets a limit of its own. A cgroup does: every
process the worker starts, however it forks or ``setsid``\\ s, stays in the group,
its memory (anonymous, shared, tmpfs pages) is charged to it and it counts
towards ``pids.max``. Both cgroup layouts are supported:

* **v2** (one unified tree, ``cgroup.controllers`` at its root): the job's group
  gets ``memory.max``, ``memory.swap.max = 0`` and ``pids.max``;
* **v1** (one tree per controller): ``memory/<name>`` gets
  ``memory.limit_in_bytes`` (and ``memory.memsw.limit_in_bytes`` where swap is
  accounted) and ``pids/<name>`` gets ``pids.max``.

Creating groups needs the right to write under the cgroup tree (root, or a
delegated subtree); :func:`find_cgroups` says whether this machine has one. The
worker joins its group first thing (:meth:`Cgroup.join`), so the kernel and all
it starts inherit it; afterwards the grader kills whatever is left in the group
and removes it.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     root = Path(tmp); _ = (root / "cgroup.controllers").write_text("cpu memory pids"); _ = (root / "cgroup.subtree_control").write_text("")
...     group = Cgroup.create(CgroupTree("v2", root), "job-1", memory_mb=64, pids=100)
...     (root / "job-1" / "memory.max").read_text(), (root / "job-1" / "pids.max").read_text()
('67108864', '100')
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
"""Where the cgroup filesystem is mounted on Linux."""

DEFAULT_PIDS = 256
"""Processes and threads one notebook's tree may have at once (a kernel uses about 20)."""

_OPTIONAL = {"memory.swap.max", "memory.memsw.limit_in_bytes"}


@dataclass(frozen=True)
class CgroupTree:
    """A writable cgroup hierarchy: its ``version`` (``"v1"`` or ``"v2"``) and ``root``."""

    version: str
    root: Path

    def describe(self) -> str:
        """Say in a few words what limits this tree gives.

        >>> CgroupTree("v1", Path("/sys/fs/cgroup")).describe()
        'cgroup v1 (memory and processes of the whole tree)'
        """
        return f"cgroup {self.version} (memory and processes of the whole tree)"


def _writable(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK)


def find_cgroups(root: Path = CGROUP_ROOT) -> CgroupTree | None:
    """Return the cgroup hierarchy this process may create groups in, or ``None``.

    v2 needs ``memory`` and ``pids`` among the root's controllers; v1 needs the
    ``memory`` and ``pids`` hierarchies. Writability is tried for real (a group is
    made and removed), since permission bits do not tell.

    >>> find_cgroups(Path("/nonexistent")) is None
    True
    """
    controllers = root / "cgroup.controllers"
    if controllers.is_file():
        try:
            available = set(controllers.read_text().split())
        except OSError:
            return None
        tree = CgroupTree("v2", root)
        return tree if {"memory", "pids"} <= available and _try_group(tree) else None
    if _writable(root / "memory") and _writable(root / "pids"):
        tree = CgroupTree("v1", root)
        return tree if _try_group(tree) else None
    return None


def _try_group(tree: CgroupTree) -> bool:
    try:
        group = Cgroup.create(tree, f"kit-probe-{os.getpid()}", memory_mb=64, pids=16)
    except OSError:
        return False
    group.remove()
    return True


@dataclass
class Cgroup:
    """One notebook's control group: its folders (one for v2; memory and pids for v1)."""

    tree: CgroupTree
    folders: list[Path] = field(default_factory=list)

    @classmethod
    def create(cls, tree: CgroupTree, name: str, *, memory_mb: int, pids: int = DEFAULT_PIDS) -> Cgroup:
        """Create the group ``name`` with a memory limit (0: none) and a process limit; raise ``OSError`` if refused."""
        memory = str(memory_mb * 1024 * 1024)
        if tree.version == "v2":
            _enable_controllers(tree.root)
            folder = tree.root / name
            folder.mkdir()
            group = cls(tree, [folder])
            settings = {"pids.max": str(pids)}
            if memory_mb > 0:
                settings.update({"memory.max": memory, "memory.swap.max": "0"})
            group._write(folder, settings)
            return group
        memory_folder, pids_folder = tree.root / "memory" / name, tree.root / "pids" / name
        memory_folder.mkdir()
        group = cls(tree, [memory_folder])
        pids_folder.mkdir()
        group.folders.append(pids_folder)
        if memory_mb > 0:
            group._write(memory_folder, {"memory.limit_in_bytes": memory, "memory.memsw.limit_in_bytes": memory})
        group._write(pids_folder, {"pids.max": str(pids)})
        return group

    def _write(self, folder: Path, settings: dict[str, str]) -> None:
        for name, value in settings.items():
            try:
                (folder / name).write_text(value)
            except OSError:
                if name in _OPTIONAL:
                    continue  # swap is not accounted on this machine: the memory limit alone holds
                self.remove()
                raise

    def join(self, pid: int = 0) -> None:
        """Move the process ``pid`` (0: this one) into the group; its children are born in it."""
        for folder in self.folders:
            (folder / "cgroup.procs").write_text(str(pid or os.getpid()))

    def pids(self) -> set[int]:
        """The processes still in the group."""
        found: set[int] = set()
        for folder in self.folders:
            try:
                found.update(int(line) for line in (folder / "cgroup.procs").read_text().split())
            except (OSError, ValueError):
                pass
        return found

    def kill(self) -> None:
        """Kill every process in the group, however it was started, until none is left (at most 5 s)."""
        deadline = time.monotonic() + 5
        while (left := self.pids() - {os.getpid()}) and time.monotonic() < deadline:
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            time.sleep(0.02)

    def join_command(self) -> list[str]:
        """A command prefix that moves itself into the group, then runs the rest of the command line.

        >>> Cgroup(CgroupTree("v2", Path("/cg")), [Path("/cg/job")]).join_command()[:2]
        ['/bin/sh', '-c']
        """
        script = " && ".join(f'echo $$ > "{folder}/cgroup.procs"' for folder in self.folders)
        return ["/bin/sh", "-c", f'{script} && exec "$@"', "kit-job"]

    def out_of_memory(self) -> bool:
        """Whether the kernel's memory limit killed a process of the group."""
        for name, marker in (("memory.events", "oom_kill"), ("memory.oom_control", "oom_kill")):
            try:
                for line in (self.folders[0] / name).read_text().splitlines():
                    label, _, count = line.partition(" ")
                    if label == marker and count.strip() not in ("", "0"):
                        return True
            except (OSError, IndexError):
                continue
        return False

    def peak_memory_mb(self) -> float | None:
        """The most memory the group used, in MB (``None`` where the kernel does not say)."""
        for name in ("memory.peak", "memory.max_usage_in_bytes"):
            try:
                return int((self.folders[0] / name).read_text()) / 1024 / 1024
            except (OSError, ValueError, IndexError):
                continue
        return None

    def remove(self) -> None:
        """Kill what is left and remove the group's folders (a group that cannot be removed is left, never raised)."""
        self.kill()
        for folder in self.folders:
            for attempt in range(100):
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    if attempt == 0:  # a stand-in folder (tests) holds plain files; cgroupfs refuses to unlink
                        for child in folder.iterdir():
                            try:
                                child.unlink()
                            except OSError:
                                pass
                    time.sleep(0.02)


def _enable_controllers(root: Path) -> None:
    control = root / "cgroup.subtree_control"
    try:
        enabled = set(control.read_text().split())
        missing = [c for c in ("memory", "pids") if c not in enabled]
        if missing:
            control.write_text(" ".join(f"+{c}" for c in missing))
    except OSError:
        pass  # the group's own files will say whether the limits can be set


def limit_process_memory(megabytes: int) -> None:
    """Limit this process's data size (``RLIMIT_DATA``) to ``megabytes`` MB; its children inherit it.

    The fallback where no cgroup can be made: it holds for the heap of each
    process, not for a shared ``mmap`` nor for the sum of its children. ``0``
    means no limit; a hard limit already in place is never raised.
    """
    if megabytes > 0:
        import resource  # POSIX only: imported when a limit is asked for

        limit = megabytes * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
