"""How many planted problems do the automatic analyses find on a case they were not tuned to?

A case with planted problems carries ``planted.csv`` (``id, expect, skill, article, snippet, what``):
``expect`` is ``problem`` (an analysis of that skill should surface the sentence) or ``correct`` (a
passage that looks suspicious but is right: no analysis of that skill may flag it). It may also carry
``expected_speakers.csv`` (``article, snippet, speaker``; ``speaker`` lists accepted names with ``|``).
The script runs every analysis on the case, prints one row per planted item (found or not, and by
what), then the totals: problems found, correct passages flagged, speakers right. It never tunes
anything; the goal of the issue "Analyses on unseen cases" is at least 22 of 28 problems found, at most
1 of 12 correct passages flagged and 90% of speakers right on the team's held-out case; the same ratios
are printed here. Run with ``python benchmarks/unseen.py [CASE]`` (default ``cases/kestrel``).
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kit  # noqa: E402
from kit.core.text import normalise_space  # noqa: E402
from kit.dates.flags import SEVERITY  # noqa: E402
from kit.drafting import FAITHFUL as DRAFT_FAITHFUL  # noqa: E402

FAITHFUL = {*DRAFT_FAITHFUL, ""}
"""Quote grades that say nothing is wrong with a rendering (and no grade at all)."""
ROLE_FLAGS = {"anachronism", "title check"}
"""Timeline flags about a person's title or a stage of their career."""
CLAIM_SIGNALS = {"opinion", "speculation", "prediction", "loaded_framing"}
"""Baseline labels that tell a reader "this is not a plain fact"."""


def _add(found: dict, skill: str, sentence_id: object, why: str) -> None:
    if isinstance(sentence_id, str) and sentence_id:
        found[skill][sentence_id].append(why)


def _quote_signals(case, found: dict) -> None:
    quotes = kit.trace_quotes(case)
    for _, row in quotes.iterrows():
        if str(row.get("match", "")) not in FAITHFUL:
            _add(found, "quotes", row["sentence_id"], f"quote graded {row['match']}")
        for column in quotes.columns:
            if ("variant" in column or "misspel" in column) and isinstance(row[column], str) and row[column]:
                _add(found, "quotes", row["sentence_id"], f"{column}: {row[column]}")


def signals(case) -> dict[str, dict[str, list[str]]]:
    """``skill -> sentence id -> reasons`` for every sentence an analysis singles out."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for _, row in kit.timeline_flags(case).iterrows():
        if SEVERITY.get(row["kind"]) == "note":
            continue  # a difference the articles' own evidence explains: not a flag of an error
        skill = "roles" if row["kind"] in ROLE_FLAGS else "timeline"
        _add(found, skill, row["sentence_id"], f"timeline flag {row['kind']}")
    _quote_signals(case, found)
    for _, row in kit.number_conflicts(case).iterrows():
        for sid in (row["sentence_id"], row["other_sentence_id"]):
            _add(found, "numbers", sid, f"number conflict on {row['noun']}")
    for _, row in kit.attributions(case).iterrows():
        if row["attribution"] in ("vague", "unsourced"):
            _add(found, "sources", row["sentence_id"], f"attribution {row['attribution']}")
    for _, row in kit.first_reports(case).iterrows():
        if row.get("disagrees_with"):
            _add(found, "sources", row["sentence_id"], "first report disputed")
    sentences = case.sentences
    for sid in sentences.loc[sentences["kind"] == "boilerplate", "sentence_id"]:
        _add(found, "boilerplate", sid, "boilerplate")
    for _, row in kit.guess_sentences(case).iterrows():
        if row["label"] in CLAIM_SIGNALS:
            _add(found, "claims", row["sentence_id"], f"baseline {row['label']}")
    return found


def sentences_with(case, article: str, snippet: str) -> list[str]:
    """The ids of the sentences of ``article`` (a file name) that contain ``snippet`` (or that it spans)."""
    rows = case.sentences[case.sentences["file"] == article]
    want = normalise_space(snippet)
    hits = [sid for sid, text in zip(rows["sentence_id"], rows["text"]) if want in text]
    if hits:
        return hits
    joined = list(zip(rows["sentence_id"], rows["text"]))
    for i in range(len(joined) - 1):  # a snippet across two sentences
        if want in f"{joined[i][1]} {joined[i + 1][1]}":
            return [joined[i][0], joined[i + 1][0]]
    raise SystemExit(f"planted snippet not found in {article}: {snippet!r}")


def speakers_right(case) -> tuple[int, int, list[tuple[str, str, str]]]:
    """``(right, total, misses)`` of the speakers the quote table gives, against ``expected_speakers.csv``."""
    path = Path(case.path) / "expected_speakers.csv"
    if not path.exists():
        return 0, 0, []
    quotes = kit.trace_quotes(case)
    right, total, misses = 0, 0, []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            mine = quotes[(quotes["file"] == row["article"]) & quotes["text"].str.contains(row["snippet"], regex=False)]
            accepted = {name.strip() for name in row["speaker"].split("|")}
            total += 1
            said = str(mine["speaker"].iloc[0]) if len(mine) else "(quote not found)"
            if said in accepted:
                right += 1
            else:
                misses.append((row["article"], row["snippet"], said))
    return right, total, misses


def main(argv: list[str]) -> int:
    case = kit.load_case(ROOT / (argv[0] if argv else "cases/kestrel"), cached=False)
    found = signals(case)
    tally = {"problem": [0, 0], "correct": [0, 0]}
    print(f"{'id':<4} {'skill':<12} {'result':<14} evidence")
    with (Path(case.path) / "planted.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            ids = sentences_with(case, row["article"], row["snippet"])
            why = [w for sid in ids for w in found[row["skill"]].get(sid, [])]
            flagged = bool(why)
            good = flagged if row["expect"] == "problem" else not flagged
            tally[row["expect"]][0] += flagged
            tally[row["expect"]][1] += 1
            result = ("found" if flagged else "MISSED") if row["expect"] == "problem" else ("FALSE FLAG" if flagged else "left alone")
            print(f"{row['id']:<4} {row['skill']:<12} {result:<14} {'; '.join(dict.fromkeys(why)) or '-'}{'' if good else '  <- ' + row['what']}")
    right, total, misses = speakers_right(case)
    print()
    print(f"{'measure':<36} {'value':>8} {'goal':>8}")
    problems, correct = tally["problem"], tally["correct"]
    print(f"{'planted problems found':<36} {problems[0]:>3} of {problems[1]:<2} {problems[0] / max(problems[1], 1):>7.0%} {22 / 28:>7.0%}")
    print(f"{'correct passages flagged':<36} {correct[0]:>3} of {correct[1]:<2} {correct[0] / max(correct[1], 1):>7.0%} {1 / 12:>7.0%}")
    if total:
        print(f"{'speakers right':<36} {right:>3} of {total:<2} {right / total:>7.0%} {0.9:>7.0%}")
        for article, snippet, said in misses:
            print(f"  speaker wrong in {article}: {snippet!r} -> {said!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
