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
GAIN = 0.8
"""The simulated course's default rise in discernment from pre to post."""
RETAINED = 0.5
"""The default share of that rise left at the delayed retest."""
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


def simulate_responses(items: Any = None, students: int = 90, seed: int = 19, gain: float = GAIN,
                       retained: float = RETAINED, shift: float = 0.0) -> pd.DataFrame:
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
            rows += [{"student": name, "phase": time, "set": form, "form": form, "item": item["id"],
                      **_judge(rng, item, d, b, sides)} for item in by_form[form]]
    frame = pd.DataFrame(rows, columns=RESPONSE_COLUMNS)
    frame["phase"] = pd.Categorical(frame["phase"], categories=PHASES, ordered=True)
    frame["confidence"] = pd.array(frame["confidence"], dtype="Int64")
    frame["reason_right"] = pd.array(frame["reason_right"], dtype="boolean")
    frame.attrs["skipped"] = []
    return frame


def _judge(rng, item: dict[str, Any], d: float, b: float, sides: dict[str, list[str]]) -> dict[str, Any]:
    """One simulated judgement of an item by a student of discernment ``d`` and bias ``b``."""
    signal = bool(item["trustworthy"])
    weight = DIFFICULTY_WEIGHT.get(int(item["difficulty"]), 1.0)
    x = rng.normal((1 if signal else -1) * d * weight / 2, 1)
    trusted = bool(x > b)
    reason = _reason(rng, item, trusted, trusted == signal, sides)
    accepted = {r.strip() for r in str(item["reasons"]).split(";")}
    return {"trustworthy": signal, "trusted": trusted, "confidence": int(min(5, 1 + abs(x - b) // 0.5)),
            "reason": reason, "reason_right": None if reason is None else reason in accepted,
            "right": trusted == signal}


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
    >>> row = item_statistics(r).set_index("item").loc["x"]
    >>> int(row["n"]), float(row["p_right"]), row["flags"]
    (3, 1.0, 'too easy (more than 90% right)')
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


BALANCE_COLUMNS = ["form", "items", "trustworthy_share", "mean_difficulty", "difficulty_profile", "mean_p_right",
                   "d_prime_pre", "d_prime_post", "d_prime_delayed", "c_pre", "c_post", "c_delayed",
                   "equal_size", "half_trustworthy", "same_difficulty", "similar_p_right", "balanced", "note"]
"""The columns of :func:`form_balance`."""
_CHECKS = [  # (flag, what a failed check says)
    ("equal_size", "its size differs from another form's"),
    ("half_trustworthy", f"its trustworthy share is more than {TRUSTWORTHY_SHARE_TOLERANCE} from half"),
    ("same_difficulty", "its count at some author's difficulty differs from another form's by more than "
                        f"{DIFFICULTY_PROFILE_TOLERANCE}"),
    ("similar_p_right", f"its mean share right is more than {P_RIGHT_TOLERANCE} from another form's"),
]


def _phase_means(responses: pd.DataFrame) -> dict[tuple[str, str], dict[str, float]]:
    """Mean d′ and c of each (form, phase) of the test, from the responses' scores."""
    scores = trust_scores(responses)
    scores = scores[scores["phase"].astype(str).isin(TIMES) & scores["form"].isin(FORMS)]
    means = scores.assign(phase=scores["phase"].astype(str)).groupby(["form", "phase"])[["d_prime", "c"]].mean()
    return {key: {"d_prime": round(float(row["d_prime"]), 2), "c": round(float(row["c"]), 2)}
            for key, row in means.iterrows()}


def form_balance(responses: pd.DataFrame, items: Any = None) -> pd.DataFrame:
    """Check that the test's forms are parallel: size, trustworthy share, difficulty profile, share right.

    One row per form of the bank: its design (``items``, ``trustworthy_share``, the author's
    ``mean_difficulty`` and ``difficulty_profile``, counts at difficulty 1, 2, 3) and its use
    (``mean_p_right`` over its items, mean ``d_prime_*`` and ``c_*`` of the students who took it
    pre, post and delayed). The flags ``equal_size``, ``half_trustworthy``, ``same_difficulty`` and
    ``similar_p_right`` use the module's tolerances (:data:`SIZE_TOLERANCE`,
    :data:`TRUSTWORTHY_SHARE_TOLERANCE`, :data:`DIFFICULTY_PROFILE_TOLERANCE`,
    :data:`P_RIGHT_TOLERANCE`); ``similar_p_right`` is empty without responses and ``balanced`` needs
    every measured flag. ``note`` names each check a form fails.

    >>> import pandas as pd
    >>> bank = pd.DataFrame({"id": ["a1", "a2", "b1", "b2", "c1"], "set": ["form_a"] * 2 + ["form_b"] * 2 + ["form_c"],
    ...     "trustworthy": [True, False, True, False, True], "difficulty": [1, 2, 1, 2, 1], "reasons": [""] * 5})
    >>> row = form_balance(pd.DataFrame(), bank).set_index("form").loc["form_c"]
    >>> int(row["items"]), bool(row["balanced"]), row["note"]
    (1, False, "its size differs from another form's; its trustworthy share is more than 0.1 from half")
    """
    import pandas as pd

    table = bank_table(items)
    forms = [f for f in FORMS if (table["set"] == f).any()]
    stats = item_statistics(responses) if len(responses) else pd.DataFrame(columns=ITEM_COLUMNS)
    p_right = {f: (float(stats.loc[stats["set"] == f, "p_right"].mean()) if (stats["set"] == f).any() else None)
               for f in forms}
    sizes = {f: int((table["set"] == f).sum()) for f in forms}
    profiles = _profiles(table, forms)
    flags = {"equal_size": _within(sizes, SIZE_TOLERANCE),
             "similar_p_right": _within(p_right, P_RIGHT_TOLERANCE),
             "same_difficulty": {f: all(_within({g: profiles[g][level] for g in forms},
                                                DIFFICULTY_PROFILE_TOLERANCE)[f] for level in (1, 2, 3)) for f in forms}}
    means = _phase_means(responses) if len(responses) else {}
    rows = []
    for form in forms:
        mine = table[table["set"] == form]
        share = round(float(mine["trustworthy"].astype(bool).mean()), 3)
        row = {"form": form, "items": sizes[form], "trustworthy_share": share,
               "mean_difficulty": round(float(mine["difficulty"].astype(int).mean()), 2),
               "difficulty_profile": " ".join(f"{level}:{n}" for level, n in profiles[form].items()),
               "mean_p_right": None if p_right[form] is None else round(p_right[form], 3),
               "half_trustworthy": abs(share - 0.5) <= TRUSTWORTHY_SHARE_TOLERANCE + 1e-9,
               **{name: flags[name][form] for name in ("equal_size", "same_difficulty", "similar_p_right")}}
        for time in TIMES:
            got = means.get((form, time), {})
            row[f"d_prime_{time}"], row[f"c_{time}"] = got.get("d_prime"), got.get("c")
        failed = [text for flag, text in _CHECKS if row[flag] is False]
        row["balanced"] = not failed
        row["note"] = "; ".join(failed) if failed else ("" if row["similar_p_right"] is not None
                                                         else "share right not measured: no responses")
        rows.append(row)
    return pd.DataFrame(rows, columns=BALANCE_COLUMNS)
