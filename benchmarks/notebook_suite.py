"""How long do the notebook tests take, next to the same number of notebooks that only import the libraries?

Target (issue "Fast notebook suite"): all strict and lax nbval runs together take at
most 1.3 times their floor. The floor is the same number of notebooks, in the same
folders and split the same way between strict and lax, each holding one code cell
`import pandas, altair, ipywidgets`, run by the very same commands.

The commands are the Makefile's own: `make -n notebooks-test` prints them and this
script runs each line as make would (a shell, in the repository; the floor in a
temporary copy of the folder layout). Each suite is measured `--runs` times (default
2), alternating real and floor, and the fastest run counts. The chart cache
(`$KIT_CACHE`) starts empty for every run of the real suite, as on a fresh CI
machine, unless `--warm` is given. Failing notebooks are counted and reported, never
hidden; the script exits 0 either way. Run with `make benchmark` or
`python benchmarks/notebook_suite.py [--runs N] [--jobs auto] [--warm]`.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.3
FLOOR_SOURCE = "import pandas, altair, ipywidgets"
COPIED = ("pyproject.toml", "conftest.py", "tests/nbval-sanitize.cfg")  # what the commands read besides notebooks
SUMMARY = re.compile(r"(\d+) (passed|failed|error|errors|skipped)")


@dataclass
class Run:
    """One timed run of every command: wall and CPU seconds, and the outcome counts."""

    seconds: float
    cpu: float
    counts: dict[str, int]


def make_commands(root: Path, jobs: str) -> list[str]:
    """The nbval command lines of `make notebooks-test`, with the venv path made absolute."""
    venv = root / ".venv" if (root / ".venv").exists() else Path(sys.prefix)
    out = subprocess.run(
        ["make", "-s", "-n", "-C", str(root), "notebooks-test", f"VENV={venv}", f"JOBS={jobs}"],
        check=True, capture_output=True, text=True,
    ).stdout
    return [line.strip() for line in out.splitlines() if "--nbval" in line]


def notebooks_of(command: str, root: Path) -> list[Path]:
    """The notebooks one command collects: its path arguments (after --nbval or --nbval-lax), globbed."""
    words = command.split()
    start = next(i for i, w in enumerate(words) if w in ("--nbval", "--nbval-lax")) + 1
    found: list[Path] = []
    for word in words[start:]:
        for match in sorted(root.glob(word)):
            if match.is_dir():
                found += sorted(p for p in match.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
            elif match.suffix == ".ipynb":
                found.append(match)
    return [p.relative_to(root) for p in found]


def floor_notebook() -> str:
    """An executed notebook with one cell that imports the three libraries and shows nothing."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(FLOOR_SOURCE, execution_count=1)
    nb.cells = [cell]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nbformat.writes(nb)


def build_floor(root: Path, commands: list[str], folder: Path) -> None:
    """Write the floor: every notebook the commands collect, at the same path, made trivial."""
    text = floor_notebook()
    for command in commands:
        for rel in notebooks_of(command, root):
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text, encoding="utf-8")
    for rel in COPIED:
        if (root / rel).is_file():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / rel, folder / rel)


def run_all(commands: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run the commands one after the other, as make does; time them and count the outcomes."""
    counts: dict[str, int] = {}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for command in commands:
        done = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True)
        tail = done.stdout.strip().splitlines()[-1:] or [""]
        for number, word in SUMMARY.findall(tail[0]):
            key = {"errors": "error"}.get(word, word)
            counts[key] = counts.get(key, 0) + int(number)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, counts)


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {word}" for word, n in sorted(counts.items())) or "no summary line"


def measure(root: Path, commands: list[str], runs: int, warm: bool) -> tuple[list[Run], list[Run]]:
    """Alternate real and floor runs; each real run gets its own empty chart cache unless ``warm``."""
    real, floor = [], []
    with tempfile.TemporaryDirectory(prefix="kit-nb-bench-") as tmp:
        base = Path(tmp)
        build_floor(root, commands, base / "floor")
        shared = base / "cache-warm"
        env = dict(os.environ)
        if warm:
            env["KIT_CACHE"] = str(shared)
            run_all(commands, root, env)  # fills the cache; not timed
        for i in range(runs):
            if not warm:
                env["KIT_CACHE"] = str(base / f"cache-cold-{i}")
            real.append(run_all(commands, root, env))
            floor.append(run_all(commands, base / "floor", env))
    return real, floor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2, help="runs of each suite; the fastest counts (default 2)")
    parser.add_argument("--jobs", default="auto", help="pytest-xdist workers, as `make JOBS=` (default auto)")
    parser.add_argument("--warm", action="store_true", help="reuse a chart cache filled by an untimed run")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository to measure (default: this one)")
    args = parser.parse_args()
    root = args.root.resolve()
    commands = make_commands(root, args.jobs)
    counted = sum(len(notebooks_of(c, root)) for c in commands)
    real, floor = measure(root, commands, args.runs, args.warm)
    best_real, best_floor = min(real, key=lambda r: r.seconds), min(floor, key=lambda r: r.seconds)
    cache = "warm chart cache" if args.warm else "empty chart cache each run (a fresh machine)"
    print(f"commands (from `make -n notebooks-test`, {os.cpu_count()} cores, jobs={args.jobs}, {cache}):")
    for command in commands:
        print(f"  {command}")
    print(f"\n{'suite':<8} {'notebooks':>9} {'seconds':>8} {'cpu s':>7}  runs (s)  outcome of the fastest run")
    for label, runs in (("real", real), ("floor", floor)):
        best = min(runs, key=lambda r: r.seconds)
        every = " ".join(f"{r.seconds:.1f}" for r in runs)
        print(f"{label:<8} {counted:>9} {best.seconds:>8.1f} {best.cpu:>7.1f}  {every:<8}  {describe(best.counts)}")
    ratio = best_real.seconds / best_floor.seconds
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(f"\nfastest of {args.runs} runs each; ratio real / floor: {ratio:.2f} ({verdict} the target of at most {TARGET});"
          f" CPU ratio {best_real.cpu / best_floor.cpu:.2f}")
    if best_real.counts.get("failed") or best_real.counts.get("error"):
        print("note: some notebook cells failed in the real suite; the time still counts them.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
