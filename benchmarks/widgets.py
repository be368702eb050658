"""How long does a student wait for each widget to open?

Target (issue "A course students want to work through"): running a widget's cell
opens it within TARGET seconds, the first time in a fresh kernel (the case
loaded, the kit's on-disk cache of analyses as a student's earlier session left
it) and again after that (in memory). Each widget is built in a
fresh Python process on the built-in case, `--runs` times; the medians are printed
with their ratio to the target (at most 1.0 meets it). Run with
`make benchmark` or `python benchmarks/widgets.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 3.0
WIDGETS = {
    "kit.ask (a choice)": 'kit.ask("q1.1")',
    "kit.ask (sentences)": 'kit.ask("q0.5")',
    "kit.read": 'kit.read("A2")',
    "kit.claim_sorter": "kit.claim_sorter()",
    "kit.compare_quotes": 'kit.compare_quotes("q2.2")',
    "kit.place_dates": 'kit.place_dates("q3.1")',
    "kit.mark_words": "kit.mark_words()",
    "kit.build_verdict": 'kit.build_verdict(rating_question="q5.1")',
}
PROBE = """
import json, time, kit
kit.load_case()
start = time.perf_counter(); {call}; first = time.perf_counter() - start
start = time.perf_counter(); {call}; again = time.perf_counter() - start
print(json.dumps([first, again]))
"""


def measure(call: str, runs: int, answers: Path) -> tuple[float, float]:
    """Median seconds to build a widget the first time in a process, and a second time."""
    firsts, agains = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROBE.format(call=call)], check=True, capture_output=True, text=True,
                             cwd=ROOT, env={"KIT_ANSWERS": str(answers), "PATH": "/usr/bin:/bin", "HOME": str(answers.parent)})
        first, again = json.loads(out.stdout.strip().splitlines()[-1])
        firsts.append(first)
        agains.append(again)
    return statistics.median(firsts), statistics.median(agains)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per widget (default 3)")
    args = parser.parse_args()
    answers = Path(tempfile.mkdtemp()) / "answers.json"
    rows = [(name, *measure(call, args.runs, answers)) for name, call in WIDGETS.items()]
    width = max(len(name) for name, _, _ in rows)
    print(f"{'widget':<{width}}  {'first (s)':>9}  {'again (s)':>9}  {'first ÷ target':>14}")
    for name, first, again in rows:
        print(f"{name:<{width}}  {first:>9.2f}  {again:>9.2f}  {first / TARGET:>14.2f}")
    worst = max(first for _, first, _ in rows)
    print(f"slowest first opening {worst:.2f} s; ratio to the {TARGET:.0f} s target: {worst / TARGET:.2f} "
          f"({'met' if worst <= TARGET else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
