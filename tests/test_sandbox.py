"""The grader's isolation: the bubblewrap sandbox, cgroup limits, the journal (--resume) and a Dask cluster.

Tests that need bubblewrap or a writable cgroup skip with a reason on a machine
without them, and fail under CI (``CI`` set), which installs bubblewrap and runs as root.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kit
from kit import grading
from kit.grading import limits, sandbox

# Grading runs of different modules never overlap (conftest's grading_lock), so time limits hold.
pytestmark = pytest.mark.usefixtures("grading_lock")

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "00_start_here.ipynb"
FULL = sum(q.startswith("q0.") for q in kit.load_case().keys["questions"]["id"])
"""Points of lesson 00's solution: one per question."""
EXERCISE = ROOT / "exercises" / "00_start_here_exercise.ipynb"


def _need(what: str, available: bool) -> None:
    if not available:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test the grader's {what}, and this machine lacks it")
        pytest.skip(f"this machine has no {what}")


def _bwrap() -> str:
    try:
        return sandbox.find_bwrap()
    except sandbox.SandboxError:
        _need("bubblewrap sandbox (apt-get install bubblewrap)", False)
        raise


def _in_sandbox(tmp_path: Path, code: str, hide: list[Path] = ()) -> subprocess.CompletedProcess:
    case, sockets = tmp_path / "case", tmp_path / "sockets"
    case.mkdir(exist_ok=True)
    sockets.mkdir(exist_ok=True)
    argv = sandbox.bwrap_argv(_bwrap(), sandbox.Layout(case, sockets, "ada", list(hide)))
    return subprocess.run([*argv, "--", sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_the_kernel_environment_is_an_allow_list(monkeypatch):
    monkeypatch.setenv("INSTRUCTOR_TOKEN", "s3cret")
    env = sandbox.kernel_environment("ada", Path("/case"), Path("/home/student"))
    assert "INSTRUCTOR_TOKEN" not in env and "PYTHONPATH" not in env
    assert not [v for v in env.values() if "s3cret" in v]
    assert env["KIT_GRADING"] == "1" and env["KIT_CACHE"] == "off"


def test_the_sandbox_command_clears_the_environment_and_hides_instructor_folders(monkeypatch):
    monkeypatch.setenv("INSTRUCTOR_TOKEN", "s3cret")
    inside_kit = sandbox.kit_package() / "grading" / "templates"  # stands for a key shipped inside the package
    argv = sandbox.bwrap_argv("bwrap", sandbox.Layout(Path("/j/case"), Path("/j/s"), "ada", [inside_kit, Path("/elsewhere")]))
    assert "--clearenv" in argv and "s3cret" not in " ".join(argv)
    shown = str(sandbox.SANDBOX_LIB / "kit" / "grading" / "templates")
    assert ["--tmpfs", shown] == argv[argv.index(shown) - 1: argv.index(shown) + 1]
    assert "/elsewhere" not in argv  # not inside anything the sandbox shows: nothing to hide
    assert argv.index("/tmp") < argv.index(str(sandbox.kit_package()))  # a kit under /tmp is not covered by the tmpfs
    assert {"--unshare-all", "--die-with-parent", "--new-session", "--disable-userns"} <= set(argv)
    assert argv[argv.index("/j/case") - 1] == "--ro-bind"


def test_the_key_never_goes_into_a_job():
    files = grading.run.job_case(grading.sandbox.snapshot(kit.seeds_dir()))
    assert sandbox.GRADING_KEY not in files and "metadata.csv" in files


def test_inside_the_sandbox_nothing_of_the_grader_is_reachable(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTRUCTOR_TOKEN", "s3cret")
    probe = r"""
import json, os, socket
seen = {}
for path in [%r, %r, %r, "/root", "/etc/shadow", "/proc/1/environ"]:
    try:
        seen[path] = sorted(os.listdir(path)) if os.path.isdir(path) else open(path, "rb").read(50).decode("latin-1")
    except OSError as exc:
        seen[path] = type(exc).__name__
s = socket.socket(); s.settimeout(2)
try:
    s.connect(("1.1.1.1", 53)); seen["net"] = "connected"
except OSError as exc:
    seen["net"] = type(exc).__name__
try:
    open("/usr/evil", "w"); seen["write"] = "wrote"
except OSError as exc:
    seen["write"] = type(exc).__name__
seen["uid"], seen["env"], seen["home"] = os.getuid(), sorted(os.environ), os.getcwd()
seen["pids"] = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
print(json.dumps(seen))
""" % (str(ROOT / "solutions"), str(kit.seeds_dir() / "keys"), str(tmp_path / "case"))
    done = _in_sandbox(tmp_path, probe)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen[str(ROOT / "solutions")] == "FileNotFoundError"
    assert seen[str(kit.seeds_dir() / "keys")] == "FileNotFoundError"
    assert seen[str(tmp_path / "case")] == "FileNotFoundError"  # the case is at /case, its host path unseen
    assert seen["/etc/shadow"] == "FileNotFoundError" and seen["net"] in ("OSError", "TimeoutError")
    assert seen["write"] == "OSError" and seen["uid"] == 65534 and seen["home"] == "/home/student"
    assert "INSTRUCTOR_TOKEN" not in seen["env"] and "s3cret" not in done.stdout
    assert len(seen["pids"]) <= 3  # its own pid namespace: bwrap's init, python and nothing of the grader's


def _fake_tree(tmp_path: Path, version: str) -> limits.CgroupTree:
    if version == "v2":
        (tmp_path / "cgroup.controllers").write_text("memory pids")
        (tmp_path / "cgroup.subtree_control").write_text("")
    else:
        (tmp_path / "memory").mkdir()
        (tmp_path / "pids").mkdir()
    return limits.CgroupTree(version, tmp_path)


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_a_cgroup_gets_its_limits_and_is_removed(tmp_path, version):
    tree = _fake_tree(tmp_path, version)
    group = limits.Cgroup.create(tree, "job", memory_mb=100, pids=50)
    files = {p.relative_to(tmp_path).as_posix(): p.read_text() for p in tmp_path.rglob("*") if p.is_file()}
    if version == "v2":
        assert files["job/memory.max"] == str(100 * 1024 * 1024) and files["job/pids.max"] == "50"
        assert files["cgroup.subtree_control"] == "+memory +pids"
    else:
        assert files["memory/job/memory.limit_in_bytes"] == str(100 * 1024 * 1024)
        assert files["pids/job/pids.max"] == "50"
    assert group.join_command()[:2] == ["/bin/sh", "-c"] and all(str(f) in group.join_command()[2] for f in group.folders)
    group.remove()
    assert not [f for f in group.folders if f.exists()]


def test_a_real_cgroup_holds_for_mmap_and_children():
    tree = limits.find_cgroups()
    _need("writable cgroup (run the grader as root or with a delegated cgroup)", tree is not None)
    group = limits.Cgroup.create(tree, f"kit-test-{os.getpid()}", memory_mb=200, pids=64)
    try:
        hog = "import mmap, os\nfor _ in range(3):\n    os.fork() if False else None\nm = mmap.mmap(-1, 600 * 2**20, flags=mmap.MAP_SHARED)\nm.write(b'x' * (600 * 2**20))\nprint('survived')"
        done = subprocess.run([*group.join_command(), sys.executable, "-c", hog], capture_output=True, text=True, timeout=120)
        assert "survived" not in done.stdout and done.returncode != 0
        assert group.out_of_memory()
        forks = "import os, time\nn = 0\ntry:\n    for _ in range(500):\n        if os.fork() == 0:\n            os.close(1); os.close(2); time.sleep(30); os._exit(0)\n        n += 1\nexcept OSError:\n    pass\nprint(n)"
        done = subprocess.run([*group.join_command(), sys.executable, "-c", forks], capture_output=True, text=True, timeout=120)
        assert int(done.stdout.strip()) < 64
        assert group.pids()  # the sleeping children are still in the group ...
    finally:
        group.remove()
    assert not group.pids()  # ... until the grader kills the whole group


def _subs(folder: Path, **students: Path) -> Path:
    for name, source in students.items():
        (folder / name).mkdir(parents=True)
        shutil.copyfile(source, folder / name / "00_start_here.ipynb")
    return folder


def _gradebook(out: Path) -> list[dict[str, str]]:
    with open(out / "gradebook.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _grade(*args: str) -> tuple[int, str]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = grading.main([*args, "--quiet", "--timeout", "120", "--cell-timeout", "60"])
    return code, buffer.getvalue()


def test_resume_keeps_finished_notebooks_and_grades_only_the_changed(tmp_path):
    _bwrap()
    subs = _subs(tmp_path / "subs", ann=SOLUTION, bob=EXERCISE)
    out = tmp_path / "out"
    assert _grade(str(subs), "--out", str(out), "--jobs", "2")[0] == 0
    first = _gradebook(out)
    journal = out / grading.JOURNAL_NAME
    lines = journal.read_text().splitlines()
    assert sorted(json.loads(line)["student"] for line in lines) == ["ann", "bob"]
    journal.write_text(lines[0] + "\n" + lines[1][: len(lines[1]) // 2])  # a crash cut the last line short
    code, summary = _grade(str(subs), "--out", str(out), "--jobs", "2", "--resume")
    assert code == 0 and "Resumed: 1 notebook taken from the journal" in summary
    assert _gradebook(out) == first
    shutil.copyfile(SOLUTION, subs / "bob" / "00_start_here.ipynb")  # bob hands in again
    code, summary = _grade(str(subs), "--out", str(out), "--jobs", "2", "--resume")
    assert "Resumed: 1 notebook" in summary
    assert [r["points"] for r in _gradebook(out) if r["notebook"] == "ALL"] == [str(FULL)] * 2
    code, summary = _grade(str(subs), "--out", str(out), "--jobs", "2")
    assert "Resumed" not in summary  # without --resume every notebook runs again


def test_the_grader_refuses_to_run_without_a_sandbox_unless_told(tmp_path, monkeypatch, capsys):
    subs = _subs(tmp_path / "subs", ann=EXERCISE)
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    sandbox.find_bwrap.cache_clear()
    try:
        assert grading.main([str(subs), "--out", str(tmp_path / "out"), "--quiet"]) == 1
        err = capsys.readouterr().err
        assert "bubblewrap is not installed" in err and "--no-sandbox" in err and "Traceback" not in err
        code, summary = _grade(str(subs), "--out", str(tmp_path / "out"), "--no-sandbox")
        assert code == 0 and "Isolation: none (--no-sandbox" in summary
    finally:
        sandbox.find_bwrap.cache_clear()


def test_a_dask_local_cluster_grades_the_same_as_this_machine(tmp_path):
    _bwrap()
    distributed = pytest.importorskip("distributed")
    subs = _subs(tmp_path / "subs", ann=SOLUTION, bob=EXERCISE)
    assert _grade(str(subs), "--out", str(tmp_path / "local"), "--jobs", "2")[0] == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code, summary = _grade(str(subs), "--out", str(tmp_path / "dask"), "--scheduler", cluster.scheduler_address)
    assert code == 0, summary
    assert "Isolation: bubblewrap sandbox" in summary
    assert _gradebook(tmp_path / "dask") == _gradebook(tmp_path / "local")


def test_an_unreachable_scheduler_is_one_sentence(tmp_path, capsys):
    pytest.importorskip("distributed")
    subs = _subs(tmp_path / "subs", ann=EXERCISE)
    code = grading.main([str(subs), "--out", str(tmp_path / "out"), "--quiet", "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 1 and "Cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err and "Traceback" not in err


def test_kit_check_only_records_inside_the_graders_sandbox(monkeypatch):
    monkeypatch.setenv("KIT_GRADING", "1")
    feedback = kit.check("q0.2", "A3", save=False)
    assert feedback.status == "recorded" and not feedback.correct and "grader" in repr(feedback)


def test_a_linked_answers_file_stays_a_link(tmp_path):
    from kit.core import store

    target = tmp_path / "real" / "answers.json"
    target.parent.mkdir()
    link = tmp_path / "answers.json"
    link.symlink_to(target)
    assert store.record("q0.1", ["A2"], "correct", "seeds", link) == ""
    assert link.is_symlink() and [a["question"] for a in store.load_attempts(target)] == ["q0.1"]
