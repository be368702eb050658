"""The class report of the transfer test: scores and item statistics from the answers files handed in.

The transfer test (:mod:`kit.trust`) is judged in the student's kernel only as
"recorded"; the grader reads each ``submissions/<student>/answers.json`` as
plain data (never run), scores the first judgement of every test item with the
teacher's own trust bank, and writes:

* ``transfer.csv``: d′, c, hits and false alarms per student and test time;
* ``transfer_items.csv``: each item's share right, trust rate and discrimination
  on this class (the real counterpart of the simulated statistics in the guide);
* ``transfer_calibration.csv``: at each test time and confidence level, how many
  judgements, the share right and the share that confidence promised;
* the report rows for the class summary page: d′, c and over-confidence before,
  after and at the delayed retest, and the paired changes, each with a 95% interval.

The answers file is the student's own record, so these are a report for the
teacher, never points: a student could edit the file.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     class_transfer(Path(tmp), Path(tmp)) is None
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..trust.item_stats import item_statistics
from ..trust.report import transfer_report
from ..trust.scoring import trust_calibration, trust_responses, trust_scores
from .gradebook import atomic_write

TRANSFER_FILES = ("transfer.csv", "transfer_items.csv", "transfer_calibration.csv")
"""What :func:`class_transfer` writes into the grader's output folder."""


def class_transfer(submissions: Path, out: Path) -> dict[str, Any] | None:
    """Score the transfer test of every answers file in ``submissions``; write :data:`TRANSFER_FILES` into ``out``.

    Returns the summary page's section (``rows``, ``note``, ``method``, ``skipped``), or ``None`` when no
    student judged a test item.
    """
    responses = trust_responses(submissions)
    tests = responses[responses["phase"] != "practice"]
    if tests.empty:
        return None
    scores = trust_scores(tests)
    atomic_write(out / TRANSFER_FILES[0], scores.to_csv(index=False))
    atomic_write(out / TRANSFER_FILES[1], item_statistics(tests).to_csv(index=False))
    atomic_write(out / TRANSFER_FILES[2], trust_calibration(tests).to_csv(index=False))
    report = transfer_report(scores)
    rows = [{key: ("" if value != value else value) for key, value in row.items()}  # NaN -> ""
            for row in report.to_dict("records")]
    return {"rows": rows, "note": report.attrs.get("note", ""), "method": report.attrs.get("method", ""),
            "skipped": list(responses.attrs.get("skipped", []))}
