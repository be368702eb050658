"""Split many articles into sentences, in parallel processes when the case is large.

The sentence splitter (pysbd) takes a few milliseconds per paragraph, so a case
of hundreds of articles takes seconds to split on one processor. When a case has
at least :data:`PARALLEL_FROM` articles and the machine more than one processor,
the articles are split in a pool of worker processes (``spawn``, so it is safe in
a Jupyter kernel with threads); the result is the same as splitting one by one,
in the same order. If the pool cannot start (a sandbox without processes, say),
the articles are split in this process: slower, never wrong.

>>> [[s.text for s in sentences] for sentences in split_all([("One. Two.", ""), ("Three.", "")])]
[['One.', 'Two.'], ['Three.']]
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

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
        try:
            with ProcessPoolExecutor(max_workers=n, mp_context=get_context("spawn")) as pool:
                return list(pool.map(_split, jobs, chunksize=max(1, len(jobs) // (4 * n))))
        except (OSError, RuntimeError, ImportError):  # no processes here (or a broken pool): split in this one
            pass
    return [split_sentences(*job) for job in jobs]
