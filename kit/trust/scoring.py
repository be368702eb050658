"""Scoring trust judgements: a tidy table of first judgements, and discernment (d′) and bias (c) per test.

A judgement is recorded in the answers file (see :mod:`kit.core.store`) with
the question ``trust.<item>`` in practice or ``q90.<item>`` / ``q91.<item>`` /
``q92.<item>`` in the transfer test (pre, post, delayed: ``TEST_LESSONS`` of
:mod:`kit.trust.forms`), and the answer ``{"trust": "yes"|"no", "confidence":
1..5, "reason": reason id or None}``. Only the *first* judgement of an item
counts (later ones follow feedback: learning, not measurement).

Scores are signal detection (:mod:`kit.sdt`): a trustworthy item is a
signal; a hit is trusting one, a false alarm trusting an untrustworthy item.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..confidence import LEVELS, over_confidence, promised
from ..core.store import AnswersError, load_attempts, student_name
from ..sdt import NO_NOISE, NO_SIGNAL, summary
from .bank import FORMS, trust_items
from .forms import PRACTICE_PREFIX, TEST_LESSONS
from .judging import SIDES

if TYPE_CHECKING:
    import pandas as pd

PHASES = ("practice", "pre", "post", "delayed")
"""Where a judgement was made: free practice, or a time of the transfer test."""
RESPONSE_COLUMNS = ["student", "phase", "set", "form", "item", "trustworthy", "trusted", "confidence",
                    "reason", "reason_right", "right"]
"""The columns of :func:`trust_responses`."""
SCORE_COLUMNS = ["student", "phase", "form", "items", "trustworthy", "untrustworthy", "hits", "false_alarms",
                 "hit_rate", "false_alarm_rate", "d_prime", "c", "accuracy", "reason_accuracy", "overconfidence",
                 "note"]
"""The columns of :func:`trust_scores`."""
_PREFIXES = [(PRACTICE_PREFIX, "practice")] + [(f"q{lesson}.", time) for time, lesson in TEST_LESSONS.items()]
_NOTES = {NO_SIGNAL: "no trustworthy item judged in this phase: no d′ or c",
          NO_NOISE: "no untrustworthy item judged in this phase: no d′ or c", "": ""}
ANSWERS_FILE = "answers.json"
"""The answers file in each student's folder of a submissions folder."""


def phase_of(question: Any) -> tuple[str, str] | None:
    """Return ``(phase, item id)`` of a trust question id, or ``None`` for any other question.

    >>> phase_of("trust.h04"), phase_of("q91.b07"), phase_of("q1.3")
    (('practice', 'h04'), ('post', 'b07'), None)
    """
    if not isinstance(question, str):
        return None
    for prefix, phase in _PREFIXES:
        if question.startswith(prefix) and len(question) > len(prefix):
            return phase, question[len(prefix):]
    return None


def bank_table(bank: Any = None) -> pd.DataFrame:
    """Return the items to score against: a table given as is, else ``trust_items(path=bank)`` (None = the course's).

    >>> bank_table().columns.tolist()[-1]
    'trustworthy'
    """
    import pandas as pd

    if isinstance(bank, pd.DataFrame):
        return bank
    return trust_items(path=bank)


def _judgement(answer: Any) -> dict[str, Any] | None:
    """The trust, confidence and reason of a recorded answer; ``None`` when it is not a trust judgement."""
    if not isinstance(answer, dict) or answer.get("trust") not in ("yes", "no"):
        return None
    confidence = answer.get("confidence")
    ok = isinstance(confidence, int) and not isinstance(confidence, bool) and 1 <= confidence <= 5
    reason = answer.get("reason")
    return {"trusted": answer["trust"] == "yes", "confidence": confidence if ok else None,
            "reason": reason if isinstance(reason, str) and reason.strip() else None,
            "form": answer.get("form")}


def _rows(attempts: list[Any], student: str | None, items: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per first judgement of a bank item in a list of attempts (anything else is passed over)."""
    rows, seen = [], set()
    for attempt in attempts:
        if not isinstance(attempt, dict):
            continue
        where = phase_of(attempt.get("question"))
        judged = _judgement(attempt.get("answer"))
        if where is None or judged is None or where[1] not in items:
            continue
        who = student or str(attempt.get("student") or student_name())
        if (who, attempt["question"]) in seen:
            continue
        seen.add((who, attempt["question"]))
        item = items[where[1]]
        accepted = {r.strip() for r in str(item["reasons"]).split(";") if r.strip()}
        form = item["set"] if item["set"] in FORMS else judged["form"] if judged["form"] in FORMS else ""
        rows.append({
            "student": who, "phase": where[0], "set": item["set"], "form": form, "item": where[1],
            "trustworthy": bool(item["trustworthy"]), "trusted": judged["trusted"],
            "confidence": judged["confidence"], "reason": judged["reason"],
            "reason_right": None if judged["reason"] is None else judged["reason"] in accepted,
            "right": judged["trusted"] == bool(item["trustworthy"]),
        })
    return rows


def _folder_attempts(folder: Path) -> tuple[list[tuple[str, list[Any]]], list[str]]:
    """The attempts of each ``<student>/answers.json`` of a submissions folder, and a note per file skipped."""
    from ..grading.submitted import submitted_attempts

    found, skipped = [], []
    for student in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        attempts = submitted_attempts(student)
        if attempts is not None:
            found.append((student.name, attempts))
        elif (student / ANSWERS_FILE).exists():
            skipped.append(f"{student.name}: {ANSWERS_FILE} is damaged or too large, so it was not read")
        else:
            skipped.append(f"{student.name}: no {ANSWERS_FILE} handed in")
    return found, skipped


def trust_responses(source: str | Path | None = None, bank: Any = None) -> pd.DataFrame:
    """Return the first trust judgement of each student and item as a tidy table.

    Args:
        source: one answers file (the student's own when ``None``), or a folder of
            ``<student>/answers.json`` (the grader's submissions folder).
        bank: the items (a table from :func:`kit.trust.bank.trust_items`) or an ``items.csv`` path;
            ``None`` = the course's bank. Judgements of items not in it are left out.

    Returns:
        A DataFrame with :data:`RESPONSE_COLUMNS`: ``phase`` is practice, pre, post or delayed (from the
        question id); ``form`` the test form (empty in practice); ``reason_right`` is empty when no reason
        was picked. ``.attrs["skipped"]`` lists, one sentence each, the files that could not be read
        (missing or damaged): they are skipped, never a crash.

    >>> trust_responses("/nonexistent/answers.json").columns.tolist()[:4]
    ['student', 'phase', 'set', 'form']
    """
    import pandas as pd

    table = bank_table(bank)
    items = {str(row["id"]): row for row in table.to_dict("records")}
    path = Path(source) if source is not None else None
    rows, skipped = [], []
    if path is not None and path.is_dir():
        found, skipped = _folder_attempts(path)
        for student, attempts in found:
            rows += _rows(attempts, student, items)
    else:
        try:
            rows = _rows(load_attempts(path), None, items)
        except AnswersError as exc:
            skipped = [str(exc)]
    frame = pd.DataFrame(rows, columns=RESPONSE_COLUMNS)
    frame["phase"] = pd.Categorical(frame["phase"], categories=PHASES, ordered=True)
    frame["confidence"] = pd.array(frame["confidence"], dtype="Int64")
    frame["reason_right"] = pd.array(frame["reason_right"], dtype="boolean")
    frame = frame.astype({"trustworthy": bool, "trusted": bool, "right": bool})
    frame.attrs["skipped"] = skipped
    return frame


def _score(group: pd.DataFrame) -> dict[str, Any]:
    """The signal-detection scores of one student's judgements in one phase."""
    signal = group["trustworthy"].astype(bool)
    trusted = group["trusted"].astype(bool)
    row = summary(hits=int((signal & trusted).sum()), false_alarms=int((~signal & trusted).sum()),
                  signals=int(signal.sum()), noise=int((~signal).sum()))
    reasons = group["reason_right"].dropna() if "reason_right" in group else []
    forms = sorted({f for f in group.get("form", []) if isinstance(f, str) and f})
    return {"form": forms[0] if len(forms) == 1 else "+".join(forms), "items": len(group),
            "trustworthy": row.pop("signals"), "untrustworthy": row.pop("noise"), **row, "note": _NOTES[row["note"]],
            "accuracy": round(float(group["right"].astype(bool).mean()), 3),
            "reason_accuracy": round(float(reasons.astype(bool).mean()), 3) if len(reasons) else float("nan"),
            "overconfidence": over_confidence(group["confidence"], group["right"], options=len(SIDES))
            if "confidence" in group else float("nan")}


def trust_scores(responses: pd.DataFrame) -> pd.DataFrame:
    """Score each student's judgements per phase: hits, false alarms, their rates, d′, c, accuracy.

    Args:
        responses: a table like :func:`trust_responses` (at least ``student, phase, trustworthy, trusted,
            right``; ``form`` and ``reason_right`` when there are).

    Returns:
        One row per student and phase with :data:`SCORE_COLUMNS`. ``hit_rate`` and ``false_alarm_rate`` are
        the raw shares; ``d_prime`` and ``c`` use the log-linear correction (:mod:`kit.sdt`; c > 0 =
        sceptical, c < 0 = credulous). When a phase has no trustworthy or no untrustworthy item, d′ and c
        are empty and ``note`` says so. ``reason_accuracy`` is the share of the judgements that name a
        reason whose reason is one the item accepts (empty when none names one). ``overconfidence`` is the
        share right the student's confidence promised minus the share right (:mod:`kit.confidence`; above 0 =
        surer than right, below 0 = less sure than right; empty when no judgement carries a confidence).

    >>> import pandas as pd
    >>> r = pd.DataFrame({"student": ["ana"] * 4, "phase": ["pre"] * 4, "trustworthy": [True, True, False, False],
    ...                   "trusted": [True, True, True, False]})
    >>> r["right"] = r["trustworthy"] == r["trusted"]
    >>> s = trust_scores(r).iloc[0]
    >>> int(s["hits"]), int(s["false_alarms"]), float(s["d_prime"]), float(s["c"]), float(s["accuracy"])
    (2, 1, 0.97, -0.48, 0.75)
    """
    import pandas as pd

    if responses.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    rows = [{"student": student, "phase": phase, **_score(group)}
            for (student, phase), group in responses.groupby(["student", "phase"], sort=True, observed=True)]
    frame = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    frame["phase"] = pd.Categorical(frame["phase"].astype(str), categories=PHASES, ordered=True)
    return frame.sort_values(["student", "phase"]).reset_index(drop=True)


CALIBRATION_COLUMNS = ["phase", "confidence", "judgements", "share_right", "promised"]
"""The columns of :func:`trust_calibration`."""


def trust_calibration(responses: pd.DataFrame) -> pd.DataFrame:
    """Count the judgements at each confidence level per phase, with the share right and the share promised.

    ``promised`` is what the level promises for a judgement between two answers (:func:`kit.confidence.promised`:
    1, guessing, promises 0.5; 5, certain, 1.0): a ``share_right`` below it is over-confidence at that level.
    Every phase present gets all five levels (``judgements`` 0 and ``share_right`` empty where none was made);
    judgements without a confidence are left out.

    >>> import pandas as pd
    >>> r = pd.DataFrame({"phase": ["pre", "pre"], "confidence": [5, 5], "right": [True, False]})
    >>> row = trust_calibration(r).iloc[-1]
    >>> int(row["confidence"]), int(row["judgements"]), float(row["share_right"]), float(row["promised"])
    (5, 2, 0.5, 1.0)
    """
    import pandas as pd

    rows = []
    rated = responses.dropna(subset=["confidence"])
    for phase in PHASES:
        mine = rated[rated["phase"].astype(str) == phase]
        if mine.empty:
            continue
        for level in LEVELS:
            right = mine.loc[mine["confidence"].astype(int) == level, "right"].astype(bool)
            rows.append({"phase": phase, "confidence": level, "judgements": len(right),
                         "share_right": round(float(right.mean()), 3) if len(right) else float("nan"),
                         "promised": promised(level, options=len(SIDES))})
    return pd.DataFrame(rows, columns=CALIBRATION_COLUMNS)
