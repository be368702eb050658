"""Split many articles into sentences, in worker processes when the case is large.

The sentence splitter (pysbd) takes a few milliseconds per paragraph, so a case
of hundreds of articles takes seconds to split on one processor. When a case has
at least :data:`PARALLEL_FROM` articles and the machine more than one processor,
the articles are split by worker processes, each a fresh ``python -m
kit.core.splitting`` that reads its share of the articles on standard input and
writes their sentences on standard output. (multiprocessing's pools would
re-run the caller's own script in every worker; these workers run nothing but
the splitter.) The result is the same as splitting one by one, in the same
order. If a worker cannot start or fails, the articles are split in this
process: slower, never wrong.

>>> [[s.text for s in sentences] for sentences in split_all([("One. Two.", ""), ("Three.", "")])]
[['One.', 'Two.'], ['Three.']]
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from .text import Sentence, split_sentences

PARALLEL_FROM = 64
"""The number of articles from which splitting runs in worker processes (below it, starting them costs more than it saves)."""
MAX_WORKERS = 8


Job = tuple[str, str] | tuple[str, str, str]
"""``(raw text, headline)`` or ``(raw text, headline, case folder)``: the arguments of ``split_sentences``."""


def _split(job: Job) -> list[Sentence]:
    return split_sentences(*job)


def workers_for(n_articles: int, cpus: int | None = None) -> int:
    """Return how many worker processes to split ``n_articles`` with (1: split here, no pool).

    >>> workers_for(10, cpus=8), workers_for(500, cpus=1), workers_for(500, cpus=2), workers_for(5000, cpus=64)
    (1, 1, 2, 8)
    """
    if cpus is None:
        cpus = os.cpu_count() or 1
    if n_articles < PARALLEL_FROM or cpus < 2:
        return 1
    return max(1, min(cpus, MAX_WORKERS, n_articles // (PARALLEL_FROM // 2)))


def chunk_runs(jobs: list, n: int) -> list[list]:
    """Cut ``jobs`` into ``n`` runs of consecutive jobs, as even as can be."""
    size, extra = divmod(len(jobs), n)
    out, at = [], 0
    for i in range(n):
        step = size + (i < extra)
        out.append(jobs[at: at + step])
        at += step
    return out


def _in_workers(jobs: list[Job], n: int) -> list[list[Sentence]] | None:
    """Split ``jobs`` in ``n`` worker processes; ``None`` when any worker cannot start or fails."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)}
    workers = []
    try:
        for _ in range(n):  # start them all first: each takes a moment to import the splitter
            workers.append(subprocess.Popen([sys.executable, "-m", "kit.core.splitting"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env))
        for worker, chunk in zip(workers, chunk_runs(jobs, n)):
            worker.stdin.write(pickle.dumps(chunk))
            worker.stdin.close()
        results = []
        for worker in workers:
            out = worker.stdout.read()
            if worker.wait() != 0:
                return None
            results.extend(pickle.loads(out))  # our own child's output, written by _serve below
        return results if len(results) == len(jobs) else None
    except (OSError, pickle.UnpicklingError, EOFError):
        return None
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()


def split_all(jobs: list[Job]) -> list[list[Sentence]]:
    """Split each ``(raw text, headline[, case folder])`` into sentences; return the lists in the order given.

    Args:
        jobs: one ``(raw, headline)`` or ``(raw, headline, root)`` per article (``root``: a case folder
            whose ``lexicon.csv`` adds boilerplate phrases).

    Returns:
        One list of :class:`~kit.core.text.Sentence` per job, as ``split_sentences`` returns it.
    """
    n = workers_for(len(jobs))
    if n > 1:
        done = _in_workers(jobs, n)
        if done is not None:
            return done
    return [_split(job) for job in jobs]


def _serve() -> None:
    """A worker: read pickled jobs on standard input, write their sentences, pickled, on standard output."""
    jobs = pickle.load(sys.stdin.buffer)
    sys.stdout.buffer.write(pickle.dumps([_split(job) for job in jobs]))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _serve()
