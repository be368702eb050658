"""Quote grouping at scale: synthetic cases of 100 and 1,000 articles.

Targets (issue "Lesson 02"): grouping the quotes of 1,000 articles takes under
5 seconds on a 2-core machine, and its time grows less than 15-fold from 100
to 1,000 articles (candidates come from an index of content words, so the
work grows with the number of quotes, not with its square).

Each synthetic article carries 8 quotes: renderings of statements drawn from a
pool that grows with the case (so some statements recur across many articles),
a share of them altered word by word, plus quotes unique to the article. The
case is written to a temporary folder and loaded with ``kit.load_case``;
extraction and grouping are timed separately. Grouping includes choosing each
statement's reference rendering (the articles' dates are passed, as
``trace_quotes`` does) and grading every rendering against it; the share of
each grade is printed. Run: ``python benchmarks/quote_grouping.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = "ka lo mi ne ru sa te vi do pe ga li mo na re si tu ve".split()


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    """Pseudo-words, so that unrelated synthetic quotes share few words, as real ones do."""
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


SPEAKERS = ["Dmitry Peskov", "Steven Cheung", "Maria Zakharova", "Jake Sullivan", "Olaf Scholz", "Keir Starmer"]


def _statement(rng: random.Random, words: list[str]) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(5, 14)))


def _alter(text: str, rng: random.Random, words: list[str]) -> str:
    tokens = text.split()
    for _ in range(rng.randint(1, 2)):
        tokens[rng.randrange(len(tokens))] = rng.choice(words)
    return " ".join(tokens)


def build_case(root: Path, n_articles: int, seed: int = 7) -> Path:
    """Write a synthetic case of ``n_articles`` articles under ``root`` and return its folder."""
    rng = random.Random(seed)
    words = _vocabulary(rng)
    pool = [_statement(rng, words) for _ in range(max(20, n_articles // 4))]
    case = root / f"synthetic_{n_articles}"
    (case / "articles").mkdir(parents=True)
    lines = ["file,outlet,author,genre,published,headline,url,notes"]
    for i in range(n_articles):
        paragraphs = []
        for _ in range(8):
            if rng.random() < 0.7:
                quote = rng.choice(pool)
                if rng.random() < 0.3:
                    quote = _alter(quote, rng, words)
            else:
                quote = _statement(rng, words)
            speaker = rng.choice(SPEAKERS)
            paragraphs.append(f"{speaker} said, “{quote},” at a briefing on Monday.")
        name = f"{i:05d}_article.txt"
        (case / "articles" / name).write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        lines.append(f"{name},Outlet {i % 17},,news,2024-11-{1 + i % 28:02d},,,")
    (case / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return case


def measure(case_dir: Path, runs: int) -> dict[str, float]:
    from kit import load_case
    from kit.quotes import extract_quotes, group_quotes

    case = load_case(case_dir)
    published = {a: d.date() for a, d in zip(case.articles["article_id"], case.articles["published"])}
    start = time.perf_counter()
    quotes = extract_quotes(case)
    extract = time.perf_counter() - start
    group_times = []
    for _ in range(runs):
        start = time.perf_counter()
        grouped = group_quotes(quotes, published)
        group_times.append(time.perf_counter() - start)
    return {"quotes": len(quotes), "statements": grouped["statement_id"].nunique(),
            "extract": extract, "group": min(group_times),
            "grades": grouped["match"].value_counts().to_dict(),
            "dated": int(grouped["reference_basis"].str.startswith("earliest dated").sum())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="grouping runs per size; the fastest counts (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        results = {n: measure(build_case(Path(scratch), n), args.runs) for n in (100, 1000)}
    print(f"{'articles':>8} {'quotes':>7} {'statements':>10} {'extract s':>10} {'group s':>8}")
    for n, r in results.items():
        print(f"{n:>8} {r['quotes']:>7} {r['statements']:>10} {r['extract']:>10.2f} {r['group']:>8.2f}")
    for n, r in results.items():
        shares = ", ".join(f"{g} {c / r['quotes']:.0%}" for g, c in r["grades"].items())
        print(f"grades at {n:,} articles: {shares}; {r['dated'] / r['quotes']:.0%} of renderings graded against an earliest-dated reference")
    growth = results[1000]["group"] / results[100]["group"]
    big = results[1000]["group"]
    print(f"\ngrouping 1,000 articles: {big:.2f} s ({'meets' if big < 5 else 'MISSES'} the target of under 5 s)")
    print(f"growth from 100 to 1,000 articles: {growth:.1f}x ({'meets' if growth < 15 else 'MISSES'} the target of under 15x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
