"""How much does `import kit` cost, next to the libraries every lesson needs anyway?

Target (issue "Course foundation"): `import kit` costs at most 1.15 times
`import pandas, altair, ipywidgets`. Each import is timed in a fresh Python
process (so nothing is cached in memory), several times, and the medians are
compared. Run with `make benchmark` or `python benchmarks/import_time.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

TARGET = 1.15
STATEMENTS = {
    "baseline: import pandas, altair, ipywidgets": "import pandas, altair, ipywidgets",
    "import kit": "import kit",
    "import kit; kit.load_case()": "import kit; kit.load_case()",
    "python startup only": "pass",
}


def measure(statement: str, runs: int) -> list[float]:
    """Wall-clock seconds of `python -c statement` in fresh processes."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="processes per statement (default 7)")
    args = parser.parse_args()
    measure("import pandas, altair, ipywidgets, kit", 1)  # warm the file-system cache
    results = {label: statistics.median(measure(stmt, args.runs)) for label, stmt in STATEMENTS.items()}
    width = max(map(len, results))
    print(f"{'statement'.ljust(width)}  median seconds ({args.runs} fresh processes each)")
    for label, seconds in results.items():
        print(f"{label.ljust(width)}  {seconds:8.3f}")
    ratio = results["import kit"] / results["baseline: import pandas, altair, ipywidgets"]
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(f"\nratio import kit / baseline: {ratio:.2f} ({verdict} the target of at most {TARGET})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
