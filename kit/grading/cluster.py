"""Where the jobs run: a pool of threads on this machine, or a Dask distributed cluster (``--scheduler``).

Both run the same :func:`kit.grading.jobs.run_job` on plain values and hand
back ``(position, result)`` pairs as jobs finish; the grader scores them in its
own process. On a cluster the case's files are sent to every worker once
(``scatter``) and every worker must have a working sandbox, which is checked
before any notebook is sent. ``dask.distributed`` is an optional extra
(``pip install 'media-literacy-kit[cluster]'``); a department starts its workers
with dask's own deployers (``dask-jobqueue`` on SLURM, ``dask-kubernetes`` on
Kubernetes, or ``dask worker ADDRESS`` on each machine) and passes the
scheduler's address to ``--scheduler``.

>>> list(run_local([], {}, jobs=2))
[]
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

from ..core.errors import KitError
from .jobs import isolation, kill_all_jobs, run_job
from .sandbox import SandboxError, find_bwrap


class ClusterError(KitError):
    """The cluster cannot be used (said in one sentence)."""


def _with_case(job: dict[str, Any], case: dict[str, bytes]) -> dict[str, Any]:
    return {**job, "case": case}


def run_with_case(job: dict[str, Any], case: dict[str, bytes]) -> dict[str, Any]:
    """Run one job with the case's files sent separately (on a Dask worker: scattered once)."""
    return run_job(_with_case(job, case))


def run_local(jobs_to_run: list[dict[str, Any]], case: dict[str, bytes], jobs: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """Run the jobs ``jobs`` at a time on this machine; yield ``(position, result)`` as they finish.

    When the consumer stops early (Ctrl-C), running workers are killed and the rest are cancelled.
    """
    executor = ThreadPoolExecutor(max_workers=jobs)
    futures = {}
    try:
        futures = {executor.submit(run_with_case, job, case): i for i, job in enumerate(jobs_to_run)}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        for future in futures:
            future.cancel()
        kill_all_jobs()
        executor.shutdown(wait=True, cancel_futures=True)


def check_worker(sandbox: bool) -> str:
    """What a worker machine offers: its isolation in one line, or ``"ERROR: …"`` (runs on each Dask worker)."""
    try:
        if sandbox:
            find_bwrap()
        return isolation(sandbox)
    except SandboxError as exc:
        return f"ERROR: {exc}"


def connect(address: str, sandbox: bool, timeout: float = 10):
    """Connect to a Dask scheduler and check every worker; return ``(client, isolation)``."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(
            "--scheduler needs dask.distributed: install the kit with pip install 'media-literacy-kit[cluster]'."
        ) from None
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"Cannot reach the Dask scheduler at {address} ({type(exc).__name__}); check the address.") from None
    reports = client.run(check_worker, sandbox)
    if not reports:
        client.close()
        raise ClusterError(f"The Dask scheduler at {address} has no workers; start some with `dask worker {address}`.")
    bad = {worker: text for worker, text in reports.items() if text.startswith("ERROR")}
    if bad:
        client.close()
        worker, text = sorted(bad.items())[0]
        raise ClusterError(f"Dask worker {worker} cannot isolate notebooks: {text[7:]}")
    return client, sorted(set(reports.values()))[0]


def run_cluster(client, jobs_to_run: list[dict[str, Any]], case: dict[str, bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Run the jobs on the cluster's workers; yield ``(position, result)`` as they finish.

    A job whose worker was lost is reported as a grader error for that notebook only.
    """
    from distributed import as_completed as finished

    shared = client.scatter(case, broadcast=True)
    futures = {client.submit(run_with_case, job, shared, pure=False): i for i, job in enumerate(jobs_to_run)}
    try:
        for future in finished(futures):
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker must not stop the class
                result = {"report": None, "exit_note": f"grader error: the Dask worker failed ({type(exc).__name__})",
                          "oom": False, "seconds": 0.0}
            yield futures[future], result
    finally:
        client.cancel(list(futures))
