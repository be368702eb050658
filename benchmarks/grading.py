"""How well does `python -m kit grade` use the cores?

Target (issue "Grader"): grading N submissions with `--jobs` = cores takes at most
1.3 times the ideal, N × (time to grade one submission alone) ÷ cores.
Submissions are generated: N students with lesson 00, the worked solution for
most and the blank exercise for every fifth. The single submission is graded
`--repeat` times end to end (key loading included, as a user would run it) and
the median is used; a stricter ratio uses the notebook's own time inside that
run (worker, kernel and cells, without loading the key). Every gradebook total is checked, so a fast but wrong run
fails. The sandbox is on (as a teacher runs it). The same submissions are then graded on a Dask LocalCluster
(`--scheduler`, one single-threaded worker per core) and its ratio is printed beside the local one.
Run with `python benchmarks/grading.py [--n 100] [--jobs CORES] [--no-cluster]`.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kit.grading import grade  # noqa: E402

TARGET = 1.3
SOLUTION = ROOT / "solutions" / "00_start_here.ipynb"
EXERCISE = ROOT / "exercises" / "00_start_here.ipynb"


def make_submissions(folder: Path, n: int, blank_every: int) -> dict[str, int]:
    """Write ``n`` student folders; return each student's expected total."""
    expected = {}
    for i in range(n):
        student = f"student{i:03d}"
        (folder / student).mkdir(parents=True)
        blank = blank_every > 0 and i % blank_every == blank_every - 1
        shutil.copyfile(EXERCISE if blank else SOLUTION, folder / student / "00_start_here.ipynb")
        expected[student] = 0 if blank else 7
    return expected


def totals(gradebook: Path) -> dict[str, int]:
    with open(gradebook, encoding="utf-8", newline="") as handle:
        return {r["student"]: int(r["points"]) for r in csv.DictReader(handle) if r["notebook"] == "ALL"}


def on_cluster(scratch: Path, workers: int) -> float | None:
    """Grade ``scratch/all`` on a Dask LocalCluster of ``workers`` single-threaded workers; return the seconds."""
    try:
        from distributed import LocalCluster
    except ImportError:
        return None
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        start = time.perf_counter()
        grade(scratch / "all", scratch / "out-dask", scheduler=cluster.scheduler_address, progress=True)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="submissions to grade (default 100)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel jobs (default: cores)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the single submission (default 3)")
    parser.add_argument("--blank-every", type=int, default=5, help="every k-th student hands in the blank exercise")
    parser.add_argument("--no-cluster", action="store_true", help="skip the Dask LocalCluster run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kit-bench-grading-") as scratch:
        scratch = Path(scratch)
        os.environ["KIT_ANSWERS"] = str(scratch / "answers.json")  # never a real home
        make_submissions(scratch / "one", 1, 0)
        singles, notebook_only = [], []
        for k in range(args.repeat):
            start = time.perf_counter()
            single = grade(scratch / "one", scratch / f"out-one-{k}", jobs=1, progress=False)
            singles.append(time.perf_counter() - start)
            notebook_only.append(single.results[0].seconds)
        assert totals(scratch / "out-one-0" / "gradebook.csv") == {"student000": 7}, "the single run graded wrongly"
        one = statistics.median(singles)
        one_notebook = statistics.median(notebook_only)

        expected = make_submissions(scratch / "all", args.n, args.blank_every)
        start = time.perf_counter()
        report = grade(scratch / "all", scratch / "out-all", jobs=args.jobs, progress=True)
        actual = time.perf_counter() - start
        wrong = sum(1 for s, t in totals(report.gradebook).items() if expected.get(s) != t)
        statuses = sorted({r.status for r in report.results})
        cluster = None if args.no_cluster else on_cluster(scratch, args.jobs)
        if cluster is not None:
            wrong += sum(1 for s, t in totals(scratch / "out-dask" / "gradebook.csv").items() if expected.get(s) != t)

    ideal = args.n * one / args.jobs
    ratio = actual / ideal
    strict = actual / (args.n * one_notebook / args.jobs)
    rows = [
        ("submissions", f"{args.n} (lesson 00; every {args.blank_every}th blank)"),
        ("one submission alone (median of %d)" % args.repeat, f"{one:.2f} s"),
        ("cores (--jobs)", f"{args.jobs} (os.cpu_count() = {os.cpu_count()})"),
        ("ideal = n x one / cores", f"{ideal:.1f} s"),
        ("actual", f"{actual:.1f} s"),
        ("ratio actual / ideal", f"{ratio:.2f}"),
        (f"target ratio <= {TARGET}", "meets" if ratio <= TARGET else "MISSES"),
        ("stricter: one notebook's own time (no key loading)", f"{one_notebook:.2f} s"),
        ("stricter ratio actual / (n x that / cores)", f"{strict:.2f}"),
        ("Dask LocalCluster (--scheduler): actual", "not run" if cluster is None else f"{cluster:.1f} s"),
        ("Dask ratio actual / ideal", "not run" if cluster is None else f"{cluster / ideal:.2f}"),
        ("isolation", report.isolation),
        ("wrong totals", str(wrong)),
        ("notebook statuses", ", ".join(statuses)),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    for k, v in rows:
        print(f"{k.ljust(width)}  {v}")
    return 0 if wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
