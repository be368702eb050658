"""Item statistics for the trust bank, tried out on simulated students before real ones answer.

Three tools for the course's authors:

- :func:`simulate_responses`: a seeded class of simulated students taking the
  transfer test's three forms pre, post and delayed in the Latin square of
  :mod:`kit.trust.forms`, so that item and form statistics (and the whole
  report) can be checked before any real answer exists;
- :func:`item_statistics`: classical item analysis (difficulty index,
  point-biserial discrimination) with flags for items to look at again;
- :func:`form_balance`: whether the three forms are parallel (same size, half
  trustworthy, same difficulty profile, similar share right).

The simulation is a model, not data: its statistics show what the bank *would*
give if students behaved as the model says; only real answers can show more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .bank import FORMS, reason_table
from .forms import TIMES, form_for
from .scoring import PHASES, RESPONSE_COLUMNS, bank_table, trust_scores

if TYPE_CHECKING:
    import pandas as pd

BASE_DISCERNMENT = (0.8, 0.4)
"""A simulated student's discernment before the course: mean and spread (standard deviation) over students."""
BASE_BIAS = (0.0, 0.3)
"""A simulated student's bias (criterion) before the course: mean and spread over students."""
PHASE_SPREAD = 0.2
"""The standard deviation of a student's day-to-day change in discernment and in bias at each test."""
GROWTH = {"pre": 0.0, "post": 1.0}
"""The share of the gain a student shows at each time; ``delayed`` is the ``retained`` argument."""
DIFFICULTY_WEIGHT = {1: 1.25, 2: 1.0, 3: 0.75}
"""How much of a student's discernment reaches an item of each author's difficulty (1 easy .. 3 hard)."""
REASON_RIGHT_SHARE = 0.75
"""The chance that a right judgement comes with one of the item's accepted reasons."""
TOO_EASY = 0.9
"""An item more students than this share get right is flagged too easy."""
TOO_HARD = 0.2
"""An item fewer students than this share get right is flagged too hard."""
LOW_DISCRIMINATION = 0.1
"""An item whose point-biserial discrimination is below this is flagged: it does not separate strong from weak."""
SIZE_TOLERANCE = 0
"""Forms are balanced in size when they differ by at most this many items."""
TRUSTWORTHY_SHARE_TOLERANCE = 0.1
"""A form is half trustworthy when its share of trustworthy items is within this of 0.5."""
DIFFICULTY_PROFILE_TOLERANCE = 1
"""Forms share a difficulty profile when, at each author's difficulty 1, 2 and 3, their counts differ by at most this."""
P_RIGHT_TOLERANCE = 0.08
"""Forms are equally hard in use when each one's mean share right is within this of every other form's."""


def _student(rng, gain: float, retained: float, shift: float) -> dict[str, tuple[float, float]]:
    """One simulated student's (discernment, bias) at each test time."""
    base_d = rng.normal(*BASE_DISCERNMENT)
    base_c = rng.normal(*BASE_BIAS)
    growth = {**GROWTH, "delayed": retained}
    return {time: (base_d + growth[time] * gain + rng.normal(0, PHASE_SPREAD),
                   base_c + growth[time] * shift + rng.normal(0, PHASE_SPREAD)) for time in TIMES}


def _reason(rng, item: dict[str, Any], trusted: bool, right: bool, sides: dict[str, list[str]]) -> str | None:
    """A reason on the chosen side: one the item accepts for most right judgements, another one otherwise."""
    accepted = [r.strip() for r in str(item["reasons"]).split(";") if r.strip()]
    if right and accepted and rng.random() < REASON_RIGHT_SHARE:
        return str(rng.choice(accepted))
    others = [r for r in sides["trust" if trusted else "distrust"] if r not in accepted]
    return str(rng.choice(others)) if others else None


def simulate_responses(items: Any = None, students: int = 90, seed: int = 19, gain: float = 0.8,
                       retained: float = 0.5, shift: float = 0.0) -> pd.DataFrame:
    """Simulate a class taking the transfer test pre, post and delayed: a table like :func:`trust_responses`.

    The model (equal-variance signal detection). Student ``sim-001``, ``sim-002``... draws a
    discernment d and a bias b (:data:`BASE_DISCERNMENT`, :data:`BASE_BIAS`); at each time both get
    the course's effect (``gain`` on d, ``shift`` on b: all of it after the course, ``retained`` of
    it at the delayed retest) plus that day's own noise (:data:`PHASE_SPREAD`). The student takes the
    form the Latin square gives them at that time (:func:`kit.trust.forms.form_for`). For each item
    they perceive ``x ~ Normal(±d·w/2, 1)`` (+ for a trustworthy item, − otherwise, ``w`` from the
    item's author difficulty, :data:`DIFFICULTY_WEIGHT`: a harder item is judged right less often) and
    trust it when ``x > b``; confidence grows with ``|x − b|``; a reason comes from the chosen side.
    So the true d′ of a student at a time is about ``d`` times the form's mean weight, and the true c is ``b``.

    Args:
        items: the bank (a table or an ``items.csv`` path; ``None`` = the course's); only form items are used.
        students: how many students.
        seed: the random seed (same seed, same class).
        gain: the rise in discernment from pre to post (0 = the course teaches nothing).
        retained: the share of the gain (and of ``shift``) left at the delayed retest.
        shift: the rise in bias from pre to post (positive = distrusting everything more).

    >>> import pandas as pd
    >>> bank = pd.DataFrame({"id": ["a1", "a2", "b1", "b2", "c1", "c2"], "set": ["form_a"] * 2 + ["form_b"] * 2 + ["form_c"] * 2,
    ...     "trustworthy": [True, False] * 3, "difficulty": [2] * 6, "reasons": ["attributed", "no_source"] * 3})
    >>> sim = simulate_responses(bank, students=3)
    >>> len(sim), sorted(sim["student"].unique())[:2], sorted(sim["phase"].unique().astype(str))
    (18, ['sim-001', 'sim-002'], ['delayed', 'post', 'pre'])
    """
    import numpy as np
    import pandas as pd

    table = bank_table(items)
    by_form = {form: table[table["set"] == form].sort_values("id").to_dict("records") for form in FORMS}
    reasons = reason_table()
    sides = {side: sorted(reasons.index[reasons["side"] == side]) for side in ("trust", "distrust")}
    rng = np.random.default_rng(seed)
    rows = []
    for number in range(1, students + 1):
        name = f"sim-{number:03d}"
        for time, (d, b) in _student(rng, gain, retained, shift).items():
            form = form_for(name, time)
            for item in by_form[form]:
                signal = bool(item["trustworthy"])
                weight = DIFFICULTY_WEIGHT.get(int(item["difficulty"]), 1.0)
                x = rng.normal((1 if signal else -1) * d * weight / 2, 1)
                trusted = bool(x > b)
                rows.append({"student": name, "phase": time, "set": form, "form": form, "item": item["id"],
                             "trustworthy": signal, "trusted": trusted,
                             "confidence": int(min(5, 1 + abs(x - b) // 0.5)),
                             "reason": _reason(rng, item, trusted, trusted == signal, sides),
                             "right": trusted == signal})
    frame = pd.DataFrame(rows, columns=RESPONSE_COLUMNS)
    frame["reason_right"] = [None if r is None else r in str(i["reasons"]).split(";")
                             for r, i in zip(frame["reason"], _item_rows(frame, table))]
    frame["phase"] = pd.Categorical(frame["phase"], categories=PHASES, ordered=True)
    frame["confidence"] = pd.array(frame["confidence"], dtype="Int64")
    frame["reason_right"] = pd.array(frame["reason_right"], dtype="boolean")
    frame.attrs["skipped"] = []
    return frame


def _item_rows(frame: pd.DataFrame, table: pd.DataFrame) -> list[dict[str, Any]]:
    """The bank row of each response's item, in order."""
    by_id = {str(row["id"]): row for row in table.to_dict("records")}
    return [by_id[str(item)] for item in frame["item"]]


def _point_biserial(right: pd.Series, rest: pd.Series) -> float:
    """The correlation of right (0/1) with the rest-score; NaN when either does not vary."""
    if len(right) < 2 or right.nunique() < 2 or rest.nunique() < 2:
        return float("nan")
    return float(right.astype(float).corr(rest.astype(float)))


def _flags(p_right: float, discrimination: float) -> str:
    """The item's flags, ``; ``-separated ("" when none)."""
    rules = [
        (p_right > TOO_EASY, f"too easy (more than {TOO_EASY:.0%} right)"),
        (p_right < TOO_HARD, f"too hard (fewer than {TOO_HARD:.0%} right)"),
        (discrimination == discrimination and discrimination < LOW_DISCRIMINATION,
         f"low discrimination (below {LOW_DISCRIMINATION})"),
    ]
    return "; ".join(text for hit, text in rules if hit)


ITEM_COLUMNS = ["item", "set", "trustworthy", "n", "p_right", "trust_rate", "discrimination", "flags"]
"""The columns of :func:`item_statistics`."""


def item_statistics(responses: pd.DataFrame) -> pd.DataFrame:
    """Return classical item statistics: how many answered, share right, trust rate, discrimination, flags.

    ``p_right`` is the difficulty index (share of first judgements right); ``discrimination`` the
    point-biserial correlation of being right on the item with the rest-score (right answers on
    the *other* items of the same test: same student, same phase), empty when either does not vary.
    ``flags`` names what to look at again: :data:`TOO_EASY`, :data:`TOO_HARD`, :data:`LOW_DISCRIMINATION`.

    >>> import pandas as pd
    >>> r = pd.DataFrame({"student": ["a", "a", "b", "b", "c", "c"], "phase": ["pre"] * 6, "set": ["form_a"] * 6,
    ...     "item": ["x", "y"] * 3, "trustworthy": [True, False] * 3, "trusted": [True, False, True, True, True, False]})
    >>> r["right"] = r["trustworthy"] == r["trusted"]
    >>> item_statistics(r).set_index("item").loc["x", ["n", "p_right", "flags"]].tolist()
    [3, 1.0, 'too easy (more than 90% right)']
    """
    import pandas as pd

    if responses.empty:
        return pd.DataFrame(columns=ITEM_COLUMNS)
    data = responses.assign(right=responses["right"].astype(bool).astype(int), phase=responses["phase"].astype(str))
    data["rest"] = data.groupby(["student", "phase"])["right"].transform("sum") - data["right"]
    rows = []
    for item, group in data.groupby("item", sort=True):
        p_right = round(float(group["right"].mean()), 3)
        discrimination = _point_biserial(group["right"], group["rest"])
        rows.append({"item": item, "set": group["set"].iloc[0], "trustworthy": bool(group["trustworthy"].iloc[0]),
                     "n": len(group), "p_right": p_right,
                     "trust_rate": round(float(group["trusted"].astype(bool).mean()), 3),
                     "discrimination": round(discrimination, 3), "flags": _flags(p_right, discrimination)})
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def _within(values: dict[str, Any], tolerance: float) -> dict[str, Any]:
    """For each form, whether its value is within ``tolerance`` of every other form's (None when unmeasured)."""
    out = {}
    for form, value in values.items():
        others = [v for f, v in values.items() if f != form]
        if value is None or any(v is None for v in others):
            out[form] = None
        else:
            out[form] = all(abs(value - v) <= tolerance + 1e-9 for v in others)
    return out


def _profiles(items: pd.DataFrame, forms: list[str]) -> dict[str, dict[int, int]]:
    return {form: {level: int(((items["set"] == form) & (items["difficulty"] == level)).sum()) for level in (1, 2, 3)}
            for form in forms}
