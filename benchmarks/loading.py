"""How fast does a case load, and does sentence splitting stay linear in the size of a paragraph?

Targets (issue "Analyses on unseen cases"): a 500-article case loads in under 5 s the first time and
under 1 s the second (the sentence tables are cached by file content), and splitting grows linearly with
the text (a 5 MB paragraph of abbreviations used not to load in 300 s). The first load splits sentences in
one worker process per processor (up to 8), so it depends on the machine: the table says how many. Articles are invented: ordinary
news paragraphs with datelines, quotes and abbreviations. Run with `python benchmarks/loading.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kit.core.case import load_case  # noqa: E402
from kit.core.splitting import workers_for  # noqa: E402
from kit.core.text import split_sentences  # noqa: E402

FIRST_TARGET, SECOND_TARGET = 5.0, 1.0
PARAGRAPH = (
    "WELLINGTON, March 3 (Wire) - Dr. A. Moana said on Tuesday that the harbour would reopen by Friday. "
    '"We are not there yet," she told reporters at 9:30 a.m. local time. Officials from the U.N. and the Port '
    "Authority Ltd. declined to comment. About 1,200 workers, or 40% of the staff, stayed home. "
)


def write_case(folder: Path, n: int) -> Path:
    """Write an invented case of ``n`` articles of eight paragraphs each; return its folder."""
    (folder / "articles").mkdir(parents=True)
    lines = ["file,outlet,author,genre,published,headline,url,notes"]
    for i in range(n):
        name = f"{i:04d}.txt"
        body = f"Harbour report number {i}\n\n" + "\n\n".join(PARAGRAPH.replace("1,200", f"{1200 + i + k:,}") for k in range(8))
        (folder / "articles" / name).write_text(body + "\n", encoding="utf-8")
        lines.append(f"{name},Wire {i % 7},,news,2025-03-0{1 + i % 9},Harbour report number {i},,")
    (folder / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory(prefix="kit-bench-loading-") as scratch:
        os.environ["KIT_CACHE"] = str(Path(scratch) / "cache")
        firsts = {}
        for n in (50, 500):
            case = write_case(Path(scratch) / f"case{n}", n)
            first = timed(lambda: load_case(case, cached=True))
            second = timed(lambda: load_case(case, cached=True))
            firsts[n] = first
            rows.append((f"{n} articles: first load", f"{first:.2f} s"))
            rows.append((f"{n} articles: second load (cached)", f"{second:.2f} s"))
        rows.append(("growth 50 -> 500 articles (first load)", f"{firsts[500] / firsts[50]:.1f}x (linear: 10x)"))
        rows.append((f"500 first load <= {FIRST_TARGET} s", "meets" if firsts[500] <= FIRST_TARGET else "MISSES"))
        rows.append(("worker processes for 500 (processors)", f"{workers_for(500)} ({os.cpu_count()})"))
        rows.append((f"500 second load <= {SECOND_TARGET} s", "meets" if second <= SECOND_TARGET else "MISSES"))
    sizes = {}
    for reps in (10_000, 100_000):  # 130 kB and 1.3 MB of "Mr. A. B. C." in one paragraph
        sizes[reps] = timed(lambda: split_sentences("Mr. A. B. C. " * reps))
        rows.append((f"one paragraph of {reps * 13 / 1e6:.2f} MB of abbreviations", f"{sizes[reps]:.2f} s"))
    rows.append(("growth for 10x the text", f"{sizes[100_000] / sizes[10_000]:.1f}x (linear: 10x)"))
    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    for k, v in rows:
        print(f"{k.ljust(width)}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
