"""The instructor's grader: ``python -m kit grade SUBMISSIONS_DIR --out OUT_DIR``.

Layout of ``SUBMISSIONS_DIR``: one folder per student, named by the student's id,
holding that student's exercise notebooks under the course's own names::

    submissions/
      alice/00_start_here.ipynb
      alice/01_classify_claims.ipynb
      bob/00_start_here.ipynb

A notebook ``NN_slug.ipynb`` holds the questions ``qN.*`` of the key (N = int(NN));
it is graded when the key has questions for lesson N (and, when the course's
``exercises/`` or ``assessments/`` folder is at hand, when its name is the course's
name for that lesson). Other files, hidden folders and notebooks of lessons without
questions are ignored. A missing notebook is not an error: only submitted
notebooks are graded.

How a notebook is graded:

1. The key is loaded once, in the grader's own process, before anything runs
   (the seeds, or ``--case DIR``), and the built-in case is read into memory.
2. Every notebook runs in its own worker process (``python -m kit.grading --one``,
   in a new session), with its own kernel, in a private temporary folder that
   holds a copy of the notebook, its own ``HOME``, its own answers file
   (``KIT_ANSWERS``) and a private copy of the built-in case (``KIT_SEEDS``). Up to
   ``--jobs`` notebooks run at once.
3. Cells run top to bottom with errors allowed, within ``--timeout`` seconds for
   the whole notebook (kernel start not counted) and ``--cell-timeout`` per cell.
   At most ``--max-output`` bytes of output are kept per notebook. The kernel's
   data size (``RLIMIT_DATA``: its heap, not the address space that V8 in
   vl-convert reserves) is limited to ``--memory`` MB.
4. The grader then runs one cell of its own (never saved to the student's file)
   that writes every global named ``answer_qN_M`` as JSON to a random path; values
   JSON cannot hold are kept as their ``repr`` and scored *invalid*.
5. Each answer is scored again with ``kit.check(qid, value, case=<the key>, save=False)``
   in the grader's process. Stored outputs, the student's own checks and anything
   the notebook prints are never used.

Statuses (column ``status``, the same for every question of a notebook; several
are joined with ``"; "``):

- ``ok``;
- ``error in cell K: ExcName`` (K counts every cell of the notebook, markdown
  included, from 1; answers defined before and after still count; IPython turns
  ``sys.exit()`` into such an error, ``SystemExit``, and the kernel lives on);
- ``output capped`` (grading goes on);
- ``timed out after N s`` (no answers: every question is *not answered*);
- ``kernel died`` (the same; e.g. ``os._exit()``, IPython's ``exit()``, a crash;
  ``kernel died (it stopped the grading process)`` when it killed its worker);
- ``answers could not be read`` (the notebook broke the grader's cell, e.g. by
  replacing ``json``; every question is *not answered*);
- ``not a valid notebook (…)``, ``could not be read (…)``: the file itself;
- ``grader error: …``: a fault of the grader or of the machine (please report it);
- ``not graded (interrupted)``: the grader was stopped with Ctrl-C first.

Per student, the notebook ``ALL`` TOTAL row has ``N notebooks graded`` or
``no notebooks submitted``.

Results (column ``result``): ``correct``, ``not yet right``, ``not answered``, ``invalid``.

``OUT_DIR/gradebook.csv`` has the columns of ``GRADEBOOK_COLUMNS``: one row per
student, notebook and question, one ``TOTAL`` row per notebook and one per student
(notebook ``ALL``). ``OUT_DIR/feedback/<student>.html`` lists each question, the
answer, the result and the explanation. Both are written atomically.

This isolates submissions from each other and from the grader's key by process
and folder; it is not a security sandbox (a notebook runs as the grader's user
and can reach any file that user can). Run untrusted work in a container or as
an unprivileged user.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core.errors import KitError

if TYPE_CHECKING:
    from .core.case import Case

GRADEBOOK_COLUMNS = ["student", "notebook", "question", "answer", "result", "points", "max_points", "status", "message"]
"""Columns of ``gradebook.csv``."""

RESULTS = {"correct": "correct", "incorrect": "not yet right", "unanswered": "not answered", "invalid": "invalid"}
"""``kit.check`` status → the gradebook's ``result``."""

DEFAULT_TIMEOUT = 120
DEFAULT_MAX_OUTPUT = 1_000_000
DEFAULT_MEMORY_MB = 4096
STARTUP_TIMEOUT = 60
"""Seconds a kernel may take to start (not counted in ``--timeout``)."""
EXTRACT_TIMEOUT = 30
"""Seconds the grader's own extraction cell may take (not counted in ``--timeout``)."""
MAX_NOTEBOOK_BYTES = 50_000_000
MAX_ANSWER_CHARS = 100_000
"""An answer whose JSON is longer than this is scored *invalid* (answers are short)."""
MAX_EXTRACT_BYTES = 20_000_000

_ANSWER_NAME = re.compile(r"answer_q(\d+)_(\d+)")
_QUESTION_ID = re.compile(r"q(\d+)\.(\d+)")
_NOTEBOOK_NAME = re.compile(r"(\d+)_[A-Za-z0-9_]+\.ipynb")
_KINDS_OF_STATUS = (
    "ok",
    "error in cell",
    "output capped",
    "timed out",
    "kernel died",
    "answers could not be read",
    "not a valid notebook",
    "could not be read",
    "grader error",
    "not graded",
)


class GradingError(KitError):
    """A mistake in the grader's input, told in one sentence (the CLI prints it and exits 1).

    >>> import kit
    >>> isinstance(GradingError("x"), kit.KitError)
    True
    """


# --------------------------------------------------------------------------- small helpers


def question_for_variable(name: str) -> str | None:
    """Return the question id a notebook variable answers, or ``None``.

    Args:
        name: a global variable name from a notebook.

    Returns:
        ``"qN.M"`` for ``answer_qN_M``; ``None`` for any other name.

    >>> question_for_variable("answer_q1_3")
    'q1.3'
    >>> question_for_variable("answer_q1_3b") is None
    True
    """
    match = _ANSWER_NAME.fullmatch(name)
    return f"q{int(match[1])}.{int(match[2])}" if match else None


def variable_for_question(question_id: str) -> str:
    """Return the notebook variable that holds the answer to ``question_id``.

    >>> variable_for_question("q0.7")
    'answer_q0_7'
    """
    match = _QUESTION_ID.fullmatch(question_id)
    if not match:
        raise ValueError(f"{question_id!r} is not a question id like 'q1.3'.")
    return f"answer_q{match[1]}_{match[2]}"


def lesson_of(notebook_name: str) -> int | None:
    """Return the lesson number of a course notebook's file name, or ``None``.

    Args:
        notebook_name: a file name such as ``01_classify_claims.ipynb``.

    Returns:
        ``int(NN)`` for ``NN_slug.ipynb``; ``None`` for names not in the course's style.

    >>> lesson_of("01_classify_claims.ipynb"), lesson_of("01_classify_claims-Copy1.ipynb")
    (1, None)
    """
    match = _NOTEBOOK_NAME.fullmatch(notebook_name)
    return int(match[1]) if match else None


def progress_bar(done: int, total: int, width: int = 20) -> str:
    """Draw a plain-text progress bar.

    Args:
        done: notebooks finished.
        total: notebooks in all.
        width: characters between the brackets.

    Returns:
        A line like ``grading [=====     ] 12/40``.

    >>> progress_bar(12, 40, width=10)
    'grading [===       ] 12/40'
    >>> progress_bar(0, 0, width=4)
    'grading [====] 0/0'
    """
    filled = width if total <= 0 else min(width, done * width // total)
    return f"grading [{'=' * filled}{' ' * (width - filled)}] {done}/{total}"


def spreadsheet_safe(text: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (a student's text may start with ``=``).

    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("-3"), spreadsheet_safe("['A2']")
    ("'=HYPERLINK(1)", '-3', "['A2']")
    """
    if text and text[0] in "=+-@\t\r":
        try:
            float(text)
            return text
        except ValueError:
            return "'" + text
    return text


def _show(value: Any, limit: int = 200) -> str:
    if value is ...:
        return "..."
    try:
        shown = repr(value)
    except Exception:  # noqa: BLE001 - a value decoded from JSON always has a repr; be safe anyway
        shown = f"<{type(value).__name__}>"
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        try:
            os.unlink(handle.name)
        except OSError:
            pass
        raise


def _rmtree(path: Path) -> None:
    """Remove a folder a notebook may have left unwritable."""

    def fix(func, name, _exc):
        try:
            os.chmod(os.path.dirname(name), 0o700)
            os.chmod(name, 0o700)
            func(name)
        except OSError:
            pass

    if path.exists():
        shutil.rmtree(path, onexc=fix) if sys.version_info >= (3, 12) else shutil.rmtree(path, onerror=fix)


def _kill_group(pgid: int | None) -> None:
    if pgid and pgid > 1 and pgid != os.getpgid(0):
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


# --------------------------------------------------------------------------- the worker (runs one notebook)

_EXTRACT_CELL = r'''
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


def _make_client_class():
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


def _limit_memory(megabytes: int) -> None:
    if megabytes > 0:
        import resource

        limit = megabytes * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


def run_notebook(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one notebook in a fresh kernel and report what happened (runs inside the worker process).

    Args:
        spec: ``notebook`` (path of the private copy), ``workdir`` (the kernel's folder),
            ``extract_path``, ``timeout``, ``cell_timeout``, ``max_output``, ``memory_mb``
            and ``pid_path`` (where the kernel's process group is written).

    Returns:
        A dict with ``invalid``, ``errors``, ``capped``, ``timed_out``, ``died``,
        ``extracted`` and ``grader_error`` (see ``_status``).
    """
    result: dict[str, Any] = {
        "invalid": None, "errors": [], "capped": False, "timed_out": None, "died": None,
        "extracted": False, "extract_error": None, "grader_error": None,
    }
    # jsonschema's optional IRI checker builds a parser at import (0.8 s); notebooks never need it.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    path = Path(spec["notebook"])
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            result["invalid"] = f"larger than {MAX_NOTEBOOK_BYTES // 1_000_000} MB"
            return result
        raw = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
            result["invalid"] = "no list of cells in it"
            return result
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
    except UnicodeDecodeError:
        result["invalid"] = "not UTF-8 text"
        return result
    except json.JSONDecodeError:
        result["invalid"] = "not JSON"
        return result
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds for a broken file
        plain = isinstance(exc, ValueError) and str(exc).startswith(("no list", "a cell"))
        result["invalid"] = str(exc)[:200] if plain else f"it does not follow the notebook format: {type(exc).__name__}"
        return result

    source = _EXTRACT_CELL.replace("__PATH__", repr(str(spec["extract_path"]))).replace("__LIMIT__", str(MAX_ANSWER_CHARS))
    extract = nbformat.v4.new_code_cell(source.strip())
    nb.cells.append(extract)
    Client = _make_client_class()
    client = Client(
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
    _limit_memory(int(spec.get("memory_mb") or 0))
    deadline = None
    current = 0
    try:
        with client.setup_kernel(cwd=spec["workdir"]):
            provisioner = getattr(client.km, "provisioner", None)
            pgid = getattr(provisioner, "pgid", None) or getattr(provisioner, "pid", None)
            if pgid:
                Path(spec["pid_path"]).write_text(str(pgid))
            client.wait_for_reply(client.kc.kernel_info())
            deadline = time.monotonic() + float(spec["timeout"])
            for index, cell in enumerate(nb.cells[:-1]):
                current = index + 1
                left = deadline - time.monotonic()
                if left <= 0:
                    result["timed_out"] = {"limit": spec["timeout"], "cell": current}
                    break
                client.timeout = max(1, int(min(float(spec["cell_timeout"]), left) + 0.999))
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            else:
                current = 0
                client.timeout = EXTRACT_TIMEOUT
                errors_before = len(client.errors)
                client.execute_cell(extract, len(nb.cells) - 1, execution_count=client.code_cells_executed + 1)
                if len(client.errors) > errors_before:
                    result["extract_error"] = client.errors.pop()[1]
                else:
                    result["extracted"] = os.path.isfile(spec["extract_path"])
    except CellTimeoutError:
        if current:
            limit = spec["cell_timeout"] if float(spec["cell_timeout"]) < float(spec["timeout"]) else spec["timeout"]
            if deadline is not None and deadline - time.monotonic() <= 1:
                limit = spec["timeout"]
            result["timed_out"] = {"limit": limit, "cell": current}
        else:
            result["extract_error"] = f"the grader's cell took longer than {EXTRACT_TIMEOUT} s"
    except DeadKernelError:
        result["died"] = {"cell": current}
    except Exception as exc:  # noqa: BLE001 - the worker must always report
        if deadline is None:
            result["grader_error"] = f"the kernel did not start ({type(exc).__name__}: {str(exc)[:200]})"
        elif current:
            result["died"] = {"cell": current, "why": f"{type(exc).__name__}"}
        else:
            result["extract_error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    result["errors"] = client.errors
    result["capped"] = client.capped
    return result


def _worker_main(argv: list[str]) -> int:
    """Entry of the worker process: read a spec (JSON) from stdin, run it, write the result file."""
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


# --------------------------------------------------------------------------- the grader


@dataclass
class Submission:
    """One notebook of one student to grade."""

    student: str
    notebook: str
    lesson: int
    path: Path


@dataclass
class NotebookResult:
    """What happened to one notebook and the answers read from it (``None`` when none could be read)."""

    submission: Submission
    status: str
    answers: dict[str, Any] | None = None
    seconds: float = 0.0


@dataclass
class GradeReport:
    """Everything one grading run produced."""

    students: list[str]
    results: list[NotebookResult]
    rows: list[dict[str, Any]]
    out: Path
    seconds: float
    jobs: int
    timeout: float
    ignored: list[str] = field(default_factory=list)
    max_output: int = DEFAULT_MAX_OUTPUT

    @property
    def gradebook(self) -> Path:
        return self.out / "gradebook.csv"

    @property
    def feedback(self) -> Path:
        return self.out / "feedback"

    def summary(self) -> str:
        """A one-screen summary: students, notebooks, per-status counts and where the files are."""
        kinds: Counter[str] = Counter()
        for r in self.results:
            for part in r.status.split("; "):
                kinds[next((k for k in _KINDS_OF_STATUS if part.startswith(k)), part)] += 1
        results = Counter(row["result"] for row in self.rows if row["question"] != "TOTAL")
        lines = [
            f"Graded {len(self.results)} notebook{'s' if len(self.results) != 1 else ''} of "
            f"{len(self.students)} student{'s' if len(self.students) != 1 else ''} in {self.seconds:.1f} s "
            f"({self.jobs} at a time, {self.timeout:g} s per notebook).",
            "Notebooks by status (a notebook can have several):",
        ]
        for kind in _KINDS_OF_STATUS:
            if kinds[kind]:
                shown = "output capped" + f" (at {self.max_output:,} bytes)" if kind == "output capped" else kind
                lines.append(f"  {shown:<40} {kinds[kind]:>5}")
        questions = sum(results.values())
        lines.append(
            f"Questions: {questions} ("
            + ", ".join(f"{label} {results[label]}" for label in RESULTS.values())
            + ")."
        )
        if self.ignored:
            lines.append(f"Ignored {len(self.ignored)} file{'s' if len(self.ignored) != 1 else ''} that are not course notebooks.")
        lines.append(f"Gradebook: {self.gradebook}")
        lines.append(f"Feedback:  {self.feedback}{os.sep} ({len(self.students)} pages)")
        return "\n".join(lines)


def _course_notebooks() -> dict[int, set[str]]:
    """Course notebook names by lesson, from the checkout's ``exercises/`` and ``assessments/`` (if present)."""
    root = Path(__file__).resolve().parent.parent
    names: dict[int, set[str]] = {}
    for folder in ("exercises", "assessments"):
        for p in sorted((root / folder).glob("*.ipynb")):
            lesson = lesson_of(p.name)
            if lesson is not None:
                names.setdefault(lesson, set()).add(p.name)
    return names


def _key_questions(case: Case) -> dict[int, list[dict[str, str]]]:
    table = case.keys.get("questions")
    by_lesson: dict[int, list[dict[str, str]]] = {}
    if table is None:
        return by_lesson
    for record in table.to_dict("records"):
        row = {k: ("" if v is None else str(v)) for k, v in record.items()}
        match = _QUESTION_ID.fullmatch(row.get("id", "").strip())
        if match:
            by_lesson.setdefault(int(match[1]), []).append(row)
    return by_lesson


def find_submissions(folder: str | Path, lessons: set[int]) -> tuple[list[str], list[Submission], list[str]]:
    """List the students and the notebooks to grade in a submissions folder.

    Args:
        folder: one sub-folder per student (its name is the student's id).
        lessons: lesson numbers that have questions in the key.

    Returns:
        ``(students, submissions, ignored)``: every student folder (sorted), the
        notebooks to grade, and the paths of files that were skipped.
    """
    folder = Path(folder)
    course = _course_notebooks()
    students: list[str] = []
    found: list[Submission] = []
    ignored: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or not entry.is_dir():
            if not entry.name.startswith("."):
                ignored.append(str(entry))
            continue
        students.append(entry.name)
        for nb in sorted(entry.iterdir(), key=lambda p: p.name):
            if nb.name.startswith(".") or nb.is_dir():
                continue
            lesson = lesson_of(nb.name)
            known = course.get(lesson) if lesson is not None else None
            if lesson is None or lesson not in lessons or (known and nb.name not in known):
                ignored.append(str(nb))
                continue
            found.append(Submission(entry.name, nb.name, lesson, nb))
    return students, found, ignored


def _status(raw: dict[str, Any] | None, timeout: float, exit_note: str | None = None) -> str:
    """Turn a worker's report into the notebook's status text."""
    if raw is None:
        return exit_note or "grader error: no report from the worker"
    if raw.get("invalid"):
        return f"not a valid notebook ({raw['invalid']})"
    parts = []
    errors = raw.get("errors") or []
    if errors:
        cell, ename = errors[0]
        more = len(errors) - 1
        parts.append(f"error in cell {cell}: {ename}" + (f" (and {more} more error{'s' if more > 1 else ''})" if more else ""))
    if raw.get("capped"):
        parts.append("output capped")
    if raw.get("timed_out"):
        limit = float(raw["timed_out"].get("limit") or timeout)
        parts.append(f"timed out after {limit:g} s")
    elif raw.get("died"):
        parts.append("kernel died")
    elif raw.get("grader_error"):
        parts.append(f"grader error: {raw['grader_error']}")
    elif not raw.get("extracted"):
        parts.append("answers could not be read")
    return "; ".join(parts) or "ok"


def _decode(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        if set(value) == {"$date"} and isinstance(value["$date"], str):
            try:
                return dt.date.fromisoformat(value["$date"])
            except ValueError:
                return value
        if set(value) == {"$datetime"} and isinstance(value["$datetime"], str):
            try:
                return dt.datetime.fromisoformat(value["$datetime"])
            except ValueError:
                return value
        return {k: _decode(v) for k, v in value.items()}
    return value


class _Unreadable:
    """An answer that could not be carried out of the kernel (shown by its repr)."""

    def __init__(self, shown: str, why: str = ""):
        self.shown, self.why = shown, why

    def __repr__(self) -> str:
        return self.shown


def _read_answers(path: Path) -> dict[str, Any] | None:
    """Read the extraction file; ``None`` when it is missing or not what the grader's cell writes."""
    try:
        if path.stat().st_size > MAX_EXTRACT_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return None
    answers: dict[str, Any] = {}
    for name, entry in data["answers"].items():
        qid = question_for_variable(name) if isinstance(name, str) else None
        if qid is None or not isinstance(entry, dict):
            continue
        if entry.get("ellipsis") is True:
            answers[qid] = ...
        elif isinstance(entry.get("json"), str):
            try:
                answers[qid] = _decode(json.loads(entry["json"]))
            except ValueError:
                answers[qid] = _Unreadable("<unreadable>", "its JSON is broken")
        else:
            answers[qid] = _Unreadable(str(entry.get("invalid", "<unreadable>"))[:300], str(entry.get("why", ""))[:200])
    return answers


def _run_submission(
    sub: Submission,
    seeds: dict[str, bytes],
    scratch: Path,
    settings: dict[str, Any],
    live: dict[int, int],
    lock: threading.Lock,
) -> NotebookResult:
    """Grade one notebook in a worker process, in a private folder; never raises."""
    started = time.monotonic()
    job = Path(tempfile.mkdtemp(prefix="job-", dir=scratch))
    private = job / secrets.token_hex(12)  # the grader's files: the kernel is never told this name
    work = job / "work"
    try:
        private.mkdir(mode=0o700)
        home = work / "home"
        home.mkdir(parents=True)
        seeds_copy = work / "seeds"
        for rel, data in seeds.items():
            target = seeds_copy / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        notebook = work / sub.notebook
        try:
            shutil.copyfile(sub.path, notebook)
        except OSError as exc:
            return NotebookResult(sub, f"could not be read ({type(exc).__name__})", None, time.monotonic() - started)
        extract_path = private / f"{secrets.token_hex(16)}.json"
        result_path = private / "result.json"
        pid_path = private / "kernel.pgid"
        spec = {
            "notebook": str(notebook),
            "workdir": str(work),
            "extract_path": str(extract_path),
            "result_path": str(result_path),
            "pid_path": str(pid_path),
            "timeout": settings["timeout"],
            "cell_timeout": settings["cell_timeout"],
            "max_output": settings["max_output"],
            "memory_mb": settings["memory_mb"],
        }
        env = dict(os.environ)
        for name in ("JPY_PARENT_PID", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "IPYTHONDIR", "PYTHONSTARTUP"):
            env.pop(name, None)
        env.update(
            HOME=str(home),
            KIT_ANSWERS=str(work / "answers.json"),
            KIT_SEEDS=str(seeds_copy),
            KIT_STUDENT=sub.student,
            JUPYTER_RUNTIME_DIR=str(home / ".jupyter-runtime"),
            MPLCONFIGDIR=str(home / ".matplotlib"),
            PYTHONPATH=os.pathsep.join(filter(None, [settings["kit_root"], env.get("PYTHONPATH", "")])),
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        limit = STARTUP_TIMEOUT + float(settings["timeout"]) + EXTRACT_TIMEOUT + 30
        proc = subprocess.Popen(
            [sys.executable, "-m", "kit.grading", "--one"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=str(private),
            env=env,
            start_new_session=True,
        )
        with lock:
            live[proc.pid] = proc.pid
        exit_note = None
        try:
            try:
                proc.stdin.write(json.dumps(spec).encode("utf-8"))
                proc.stdin.close()
            except OSError:
                pass
            try:
                code = proc.wait(timeout=limit)
                if code != 0 and not result_path.exists():
                    exit_note = (
                        "kernel died (it stopped the grading process)"
                        if pid_path.exists()
                        else f"grader error: the worker stopped with exit status {code}"
                    )
            except subprocess.TimeoutExpired:
                exit_note = f"timed out after {float(settings['timeout']):g} s"
        finally:
            if proc.returncode is None:  # still running (not yet reaped): kill its whole session
                _kill_group(proc.pid)
            proc.wait()
            with lock:
                live.pop(proc.pid, None)
        raw = None
        if exit_note is None:
            try:
                raw = json.loads(result_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                exit_note = "grader error: the worker wrote no report"
        if exit_note is not None:
            try:  # the worker did not shut its kernel down; the kernel runs in its own session
                _kill_group(int(pid_path.read_text().strip()))
            except (OSError, ValueError):
                pass
        if exit_note is not None:
            raw = None
        status = _status(raw, float(settings["timeout"]), exit_note)
        answers = _read_answers(extract_path) if raw is not None and raw.get("extracted") else None
        if raw is not None and raw.get("extracted") and answers is None:
            status = "answers could not be read" if status == "ok" else f"{status}; answers could not be read"
        return NotebookResult(sub, status, answers, time.monotonic() - started)
    except Exception as exc:  # noqa: BLE001 - one notebook's trouble must not stop the others
        return NotebookResult(sub, f"grader error: {type(exc).__name__}: {exc}", None, time.monotonic() - started)
    finally:
        _rmtree(job)


def score(result: NotebookResult, questions: list[dict[str, str]], case: Case) -> list[dict[str, Any]]:
    """Score a notebook's answers with the key, in this process; one row per question plus a TOTAL row.

    Args:
        result: the notebook's status and extracted answers (``None`` when none could be read).
        questions: the key's rows for the notebook's lesson.
        case: the loaded key.

    Returns:
        Gradebook rows (dicts with the keys of ``GRADEBOOK_COLUMNS``, plus ``prompt`` and ``explanation``).
    """
    from .checks import check

    sub = result.submission
    rows = []
    for q in questions:
        qid = q["id"]
        answers = result.answers
        if answers is None:
            shown, outcome = "", "not answered"
            message = f"Your notebook's answers could not be read ({result.status})."
        elif qid not in answers:
            shown, outcome = "", "not answered"
            message = f"{variable_for_question(qid)} is not defined in the notebook."
        elif isinstance(answers[qid], _Unreadable):
            value = answers[qid]
            shown, outcome = repr(value)[:200], "invalid"
            message = f"This answer cannot be checked: {value.why or 'it is not a plain value'}. Use a text, a number or a list."
        else:
            value = answers[qid]
            feedback = check(qid, value, case=case, save=False)
            shown, outcome, message = _show(value), RESULTS[feedback.status], feedback.message
        rows.append(
            {
                "student": sub.student, "notebook": sub.notebook, "question": qid, "answer": shown,
                "result": outcome, "points": 1 if outcome == "correct" else 0, "max_points": 1,
                "status": result.status, "message": message,
                "prompt": q.get("prompt", ""), "explanation": q.get("explanation", ""), "hint": q.get("hint", ""),
            }
        )
    rows.append(
        {
            "student": sub.student, "notebook": sub.notebook, "question": "TOTAL", "answer": "", "result": "",
            "points": sum(r["points"] for r in rows), "max_points": len(questions), "status": result.status,
            "message": "",
        }
    )
    return rows


def _student_total(student: str, rows: list[dict[str, Any]], graded: int) -> dict[str, Any]:
    mine = [r for r in rows if r["question"] == "TOTAL"]
    return {
        "student": student, "notebook": "ALL", "question": "TOTAL", "answer": "", "result": "",
        "points": sum(r["points"] for r in mine), "max_points": sum(r["max_points"] for r in mine),
        "status": f"{graded} notebook{'s' if graded != 1 else ''} graded" if graded else "no notebooks submitted",
        "message": "",
    }


def write_gradebook(rows: list[dict[str, Any]], path: Path) -> None:
    """Write the gradebook CSV atomically (temporary file in the same folder, then ``os.replace``)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=GRADEBOOK_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe(str(row[k])) if k in ("answer", "student", "status") else row[k] for k in GRADEBOOK_COLUMNS})
    _atomic_write(path, buffer.getvalue())


_PAGE_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#202124}
table{border-collapse:collapse;width:100%;margin:.5em 0 2em}
th,td{border:1px solid #dadce0;padding:.4em .6em;text-align:left;vertical-align:top}
th{background:#f1f3f4} code{white-space:pre-wrap;word-break:break-word}
.correct{background:#e6f4ea}.not-yet-right{background:#fdecea}.not-answered{background:#f1f3f4}.invalid{background:#fff4e5}
.status{color:#5f6368}
"""


def feedback_page(student: str, rows: list[dict[str, Any]]) -> str:
    """Render one student's feedback page (every text from the notebook or key is HTML-escaped).

    >>> page = feedback_page("<b>", [])
    >>> "&lt;b&gt;" in page and "<b>" not in page.split("<body>")[1]
    True
    """
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Feedback for {e(student)}</title><style>{_PAGE_STYLE}</style></head><body>",
        f"<h1>Feedback for {e(student)}</h1>",
    ]
    totals = [r for r in rows if r["question"] == "TOTAL" and r["notebook"] == "ALL"]
    if totals:
        t = totals[0]
        parts.append(f"<p><strong>Total: {t['points']} of {t['max_points']} questions correct.</strong></p>")
    notebooks = [r for r in rows if r["question"] == "TOTAL" and r["notebook"] != "ALL"]
    if not notebooks:
        parts.append("<p>No course notebooks were found in your folder.</p>")
    for nb in notebooks:
        parts.append(f"<h2>{e(nb['notebook'])}: {nb['points']} of {nb['max_points']}</h2>")
        if nb["status"] != "ok":
            parts.append(f'<p class="status">What happened when your notebook ran: {e(nb["status"])}.</p>')
        parts.append("<table><tr><th>Question</th><th>Your answer</th><th>Result</th><th>Explanation</th></tr>")
        for r in rows:
            if r["notebook"] != nb["notebook"] or r["question"] == "TOTAL":
                continue
            if r["result"] == "correct":
                explanation = r.get("explanation") or r["message"]
            else:
                hint = r.get("hint", "")
                explanation = r["message"] if (not hint or hint in r["message"]) else f"{r['message']} Hint: {hint}"
            prompt = f"<br>{e(r['prompt'])}" if r.get("prompt") else ""
            parts.append(
                f'<tr class="{e(r["result"].replace(" ", "-"))}"><td><strong>{e(r["question"])}</strong>{prompt}</td>'
                f"<td><code>{e(r['answer'] or '(none)')}</code></td><td>{e(r['result'])}</td><td>{e(explanation)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def grade(
    submissions: str | Path,
    out: str | Path,
    *,
    case: str | Path | None = None,
    jobs: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cell_timeout: float | None = None,
    max_output: int = DEFAULT_MAX_OUTPUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    progress: bool = True,
) -> GradeReport:
    """Grade every student's notebooks and write the gradebook and feedback pages.

    Args:
        submissions: a folder with one sub-folder per student.
        out: where ``gradebook.csv`` and ``feedback/`` go (created if needed).
        case: the case folder whose key scores the answers; the seeds when ``None``.
        jobs: notebooks run at once (default ``os.cpu_count()``).
        timeout: seconds for each notebook's cells (kernel start not counted).
        cell_timeout: seconds for one cell (default ``timeout``).
        max_output: bytes of output kept per notebook.
        memory_mb: data-size limit (``RLIMIT_DATA``) of each worker and kernel, in MB (0: none).
        progress: draw a progress bar on standard error.

    Returns:
        A :class:`GradeReport`.

    Raises:
        GradingError: for a mistake in the input (missing folder, broken key).
    """
    from .core.case import load_case
    from .core.errors import CaseError
    from .core.paths import seeds_dir

    started = time.monotonic()
    submissions = Path(submissions).expanduser()
    out = Path(out).expanduser()
    if not submissions.is_dir():
        what = "is a file, not a folder" if submissions.exists() else "does not exist"
        raise GradingError(f"The submissions folder {submissions} {what}; give the folder that holds one folder per student.")
    if out.exists() and not out.is_dir():
        raise GradingError(f"{out} is a file; give --out a folder for the gradebook and feedback pages.")
    if jobs is not None and jobs < 1:
        raise GradingError("--jobs must be at least 1.")
    if timeout <= 0 or (cell_timeout is not None and cell_timeout <= 0):
        raise GradingError("--timeout and --cell-timeout must be more than 0 seconds.")
    try:
        key = load_case(case)
        seeds = _snapshot(seeds_dir())
    except CaseError as exc:
        raise GradingError(f"The key cannot be loaded: {exc}") from None
    except (OSError, FileNotFoundError) as exc:
        raise GradingError(f"The built-in case cannot be read: {exc}") from None
    by_lesson = _key_questions(key)
    if not by_lesson:
        raise GradingError(f"Case {key.name!r} has no questions (keys/questions.csv); there is nothing to grade against.")
    students, subs, ignored = find_submissions(submissions, set(by_lesson))
    out_resolved = out.resolve()
    if out_resolved.parent == submissions.resolve() and out_resolved.name in students:
        students.remove(out_resolved.name)
        subs = [s for s in subs if s.student != out_resolved.name]
    if not students:
        raise GradingError(f"{submissions} holds no student folders; put each student's notebooks in a folder named by their id.")

    jobs = jobs or os.cpu_count() or 1
    settings = {
        "timeout": float(timeout),
        "cell_timeout": float(cell_timeout or timeout),
        "max_output": int(max_output),
        "memory_mb": int(memory_mb),
        "kit_root": str(Path(__file__).resolve().parent.parent),
    }
    from concurrent.futures import ThreadPoolExecutor, as_completed

    results: dict[int, NotebookResult] = {}
    live: dict[int, int] = {}
    lock = threading.Lock()
    bar = _Progress(len(subs), enabled=progress)
    scratch = Path(tempfile.mkdtemp(prefix="kit-grade-"))
    interrupted = False
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        futures = {pool.submit(_run_submission, s, seeds, scratch, settings, live, lock): i for i, s in enumerate(subs)}
        bar.show(0)
        for done, future in enumerate(as_completed(futures), 1):
            results[futures[future]] = future.result()
            bar.show(done)
    except KeyboardInterrupt:
        interrupted = True
        for f in futures:
            f.cancel()
        with lock:
            for pid in list(live):
                _kill_group(pid)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        bar.close()
        _rmtree(scratch)

    rows: list[dict[str, Any]] = []
    ordered: list[NotebookResult] = []
    for i, sub in enumerate(subs):
        result = results.get(i) or NotebookResult(sub, "not graded (interrupted)", None)
        ordered.append(result)
    for student in students:
        mine: list[dict[str, Any]] = []
        graded = 0
        for result in ordered:
            if result.submission.student == student:
                graded += 1
                mine.extend(score(result, by_lesson[result.submission.lesson], key))
        mine.append(_student_total(student, mine, graded))
        rows.extend(mine)
        _atomic_write(out / "feedback" / f"{student}.html", feedback_page(student, mine))
    write_gradebook(rows, out / "gradebook.csv")
    report = GradeReport(
        students, ordered, rows, out, time.monotonic() - started, jobs, float(timeout), ignored, int(max_output)
    )
    if interrupted:
        raise KeyboardInterrupt(report)
    return report


class _Progress:
    """A progress bar on standard error: redrawn in place on a terminal, a few lines otherwise."""

    def __init__(self, total: int, enabled: bool = True):
        self.total, self.enabled = total, enabled
        self.tty = enabled and sys.stderr.isatty()
        self.last_tenth = -1

    def show(self, done: int) -> None:
        if not self.enabled:
            return
        if self.tty:
            print("\r" + progress_bar(done, self.total), end="", file=sys.stderr, flush=True)
            return
        tenth = done * 10 // max(self.total, 1)
        if tenth != self.last_tenth or done == self.total:
            self.last_tenth = tenth
            print(progress_bar(done, self.total), file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self.tty:
            print(file=sys.stderr, flush=True)


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
        return value

    return parse


def main(argv: list[str] | None = None) -> int:
    """Command line ``python -m kit grade SUBMISSIONS_DIR --out OUT_DIR [options]``; return the exit status.

    Exit status 0 when grading completed (even if some notebooks failed), 1 for a
    mistake in the input, 2 for a usage error, 130 when interrupted.
    """
    parser = argparse.ArgumentParser(
        prog="python -m kit grade",
        description="Run every student's exercise notebooks in isolation and score their answers with the key.",
        epilog="SUBMISSIONS_DIR holds one folder per student (its name is the student's id) with that student's "
        "notebooks, named like the course's (e.g. 01_classify_claims.ipynb); other files are ignored.",
    )
    parser.add_argument("submissions", metavar="SUBMISSIONS_DIR", help="one folder per student")
    parser.add_argument("--out", required=True, metavar="OUT_DIR", help="where gradebook.csv and feedback/ are written")
    parser.add_argument("--case", default=None, metavar="DIR", help="case folder whose key scores the answers (default: the seeds)")
    parser.add_argument("--jobs", type=_positive(int), default=None, help="notebooks run at once (default: the number of cores)")
    parser.add_argument("--timeout", type=_positive(float), default=DEFAULT_TIMEOUT, help=f"seconds per notebook (default {DEFAULT_TIMEOUT})")
    parser.add_argument("--cell-timeout", type=_positive(float), default=None, help="seconds per cell (default: --timeout)")
    parser.add_argument("--max-output", type=_positive(int), default=DEFAULT_MAX_OUTPUT, help=f"bytes of output kept per notebook (default {DEFAULT_MAX_OUTPUT})")
    parser.add_argument("--memory", type=int, default=DEFAULT_MEMORY_MB, metavar="MB", help=f"memory limit per notebook in MB, 0 for none (default {DEFAULT_MEMORY_MB})")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # a usage error (argparse printed it) or --help
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    try:
        report = grade(
            args.submissions, args.out, case=args.case, jobs=args.jobs, timeout=args.timeout,
            cell_timeout=args.cell_timeout, max_output=args.max_output, memory_mb=max(0, args.memory),
            progress=not args.quiet,
        )
    except GradingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        report = exc.args[0] if exc.args and isinstance(exc.args[0], GradeReport) else None
        where = f"; the notebooks graded so far are in {report.gradebook}" if report else ""
        print(f"Interrupted{where}.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"error: cannot write the results ({exc.strerror or exc}: {exc.filename or args.out}).", file=sys.stderr)
        return 1
    try:
        print(report.summary())
    except BrokenPipeError:  # the reader stopped early (e.g. `| head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        sys.exit(_worker_main(sys.argv[2:]))
    sys.exit(main(sys.argv[1:]))
