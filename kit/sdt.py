"""Signal detection: discernment (d′) and bias (c) from hits and false alarms, with the log-linear correction.

One source of the maths for every score of the kit that treats answers as
signal detection (claim labels in lesson 01, trust judgements of the trust bank).

A *signal* is an item that deserves the answer (a trustworthy item, a claim of
the label); *noise* is every other item. A **hit** is giving the answer to a
signal, a **false alarm** giving it to noise. From the hit rate H and the
false-alarm rate F:

- discernment ``d′ = z(H) − z(F)``: 0 = guessing, 1 = fair, 2 or more = strong;
  negative = telling the items apart the wrong way round;
- bias (criterion) ``c = −(z(H) + z(F)) / 2``: 0 = neutral; positive =
  reluctant to give the answer (for trust: sceptical); negative = eager (credulous);

where ``z`` is the inverse of the standard normal distribution.

Rates of 0 or 1 would make ``z`` infinite, so both rates take the
**log-linear correction** of Hautus (1995, *Behavior Research Methods,
Instruments & Computers* 27, 46-51): add 0.5 to each count and 1 to each
total, ``H = (hits + 0.5) / (signals + 1)``, ``F = (false alarms + 0.5) /
(noise + 1)``. It is applied to every score, not only the extreme ones, so no
score jumps when one answer changes; it pulls d′ a little towards 0.

A **constant responder** (the answer given to everything, or to nothing) shows
no discernment, so d′ is exactly 0 (the correction alone would make up a d′
from unequal numbers of signal and noise items); both rates are then the one
pooled corrected rate ``(answers + 0.5) / (items + 1)`` and ``c = −z(that rate)``.

>>> round(d_prime(hits=9, false_alarms=2, signals=10, noise=10), 2), round(criterion(9, 2, 10, 10), 2)
(1.84, -0.17)
>>> d_prime(10, 4, 10, 4), criterion(10, 4, 10, 4) < 0
(0.0, True)
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Any

_NORMAL = NormalDist()
SUMMARY_KEYS = ("signals", "noise", "hits", "false_alarms", "hit_rate", "false_alarm_rate", "d_prime", "c", "note")
"""The keys of :func:`summary`, in order."""
NO_SIGNAL = "no signal items (e.g. no trustworthy item): no d′ or c"
NO_NOISE = "no noise items (e.g. no untrustworthy item): no d′ or c"


def z(p: float) -> float:
    """Return the z-score of a probability (the inverse of the standard normal distribution).

    >>> z(0.5), round(z(0.975), 2)
    (0.0, 1.96)
    """
    return _NORMAL.inv_cdf(p)


def corrected_rate(count: int, total: int) -> float:
    """Return a rate with the log-linear correction, ``(count + 0.5) / (total + 1)``: never 0 or 1.

    >>> corrected_rate(0, 4), corrected_rate(4, 4), corrected_rate(0, 0)
    (0.1, 0.9, 0.5)
    """
    return (count + 0.5) / (total + 1)


def _rates(hits: int, false_alarms: int, signals: int, noise: int) -> tuple[float, float]:
    """The corrected hit and false-alarm rates; one pooled rate for both from a constant responder."""
    answered = hits + false_alarms
    if answered in (0, signals + noise):
        pooled = corrected_rate(answered, signals + noise)
        return pooled, pooled
    return corrected_rate(hits, signals), corrected_rate(false_alarms, noise)


def d_prime(hits: int, false_alarms: int, signals: int, noise: int) -> float:
    """Return discernment d′ = z(H) − z(F) from counts, with the log-linear correction (0 for a constant responder).

    Args:
        hits: signal items given the answer (trustworthy items trusted).
        false_alarms: noise items given the answer (untrustworthy items trusted).
        signals: how many signal items were answered.
        noise: how many noise items were answered.

    >>> round(d_prime(3, 1, 4, 4), 2), d_prime(0, 0, 5, 2)
    (1.05, 0.0)
    """
    hit_rate, fa_rate = _rates(hits, false_alarms, signals, noise)
    return z(hit_rate) - z(fa_rate)


def criterion(hits: int, false_alarms: int, signals: int, noise: int) -> float:
    """Return the bias c = −(z(H) + z(F)) / 2 from counts: positive = sceptical, negative = credulous.

    >>> criterion(2, 2, 4, 4), criterion(0, 0, 4, 4) > 0, criterion(4, 4, 4, 4) < 0
    (0.0, True, True)
    """
    hit_rate, fa_rate = _rates(hits, false_alarms, signals, noise)
    return -(z(hit_rate) + z(fa_rate)) / 2 + 0.0  # + 0.0: never "-0.0"


def summary(hits: int, false_alarms: int, signals: int, noise: int) -> dict[str, Any]:
    """Return one row of scores from counts: the counts, the raw rates, d′, c and a note ("" when all is measured).

    The rates are the raw shares (what a student sees); d′ and c use the corrected
    ones. With no signal or no noise items there is nothing to tell apart, so the
    rates missing, d′ and c are NaN and ``note`` says why.

    >>> row = summary(hits=3, false_alarms=1, signals=4, noise=4)
    >>> row["hit_rate"], row["false_alarm_rate"], row["d_prime"], row["c"], row["note"]
    (0.75, 0.25, 1.05, 0.0, '')
    >>> summary(2, 0, 3, 0)["note"]
    'no noise items (e.g. no untrustworthy item): no d′ or c'
    """
    nan = float("nan")
    note = NO_SIGNAL if not signals else NO_NOISE if not noise else ""
    measured = not note
    return {
        "signals": signals, "noise": noise, "hits": hits, "false_alarms": false_alarms,
        "hit_rate": round(hits / signals, 3) if signals else nan,
        "false_alarm_rate": round(false_alarms / noise, 3) if noise else nan,
        "d_prime": round(d_prime(hits, false_alarms, signals, noise), 2) + 0.0 if measured else nan,
        "c": round(criterion(hits, false_alarms, signals, noise), 2) + 0.0 if measured else nan,
        "note": note,
    }

