"""Place a case's time expressions on a timeline: the pure logic of the timeline widget.

The widget (:mod:`.timeline_widget`) lets a student pick the date an expression means ("On Monday" in
a sentence), compares it with the kit's resolver, and draws the dates placed beside the case's events
(``context/events.csv``) and the flags of :func:`kit.dates.timeline_flags`. Everything here returns
plain data or HTML strings and is tested directly:

* :func:`expression_options`: the expressions a student can place (durations, bare years and clock
  times are left out: they name no single day to pick);
* :func:`sentence_html`: the sentence with the expression highlighted;
* :func:`parse_picked`: a typed ``YYYY-MM-DD`` or a friendly sentence saying what is wrong;
* :func:`date_feedback`: right, in the range, or off by N days, with the likely slip found by the
  rules of :data:`SLIPS` (each names its arithmetic, never a cause it cannot show);
* :func:`placed_table` and :func:`timeline_html`: the placed dates, the events and the conflicts;
* :func:`preselect`: the expression a question's prompt names (a sentence id and the quoted words).

>>> r = Reading("on Thursday", "weekday", date(2031, 3, 6), None, "weekday ...", "high", date(2031, 3, 8))
>>> date_feedback(r, date(2031, 3, 13))["days_off"], date_feedback(r, date(2031, 3, 6))["status"]
(7, 'right')
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Callable

from ..chart_text import plural
from ..display import PALETTE, article_label
from .arith import weekday_after, weekday_on_or_before
from .patterns import WEEKDAYS

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

NO_DAY_KINDS = ("duration", "year", "clock time")
"""Kinds of expression a student does not place: a length of time, a bare year, a clock time."""
ANCHORED_KINDS = ("anchored", "weekday after event")
"""Kinds the resolver counts from an anchor (an event or an earlier date), named in its basis."""
FROM_REFERENCE_KINDS = ("weekday", "relative day")
"""Kinds the resolver counts from the article's reference date."""
OPTION_COLUMNS = ["key", "label", "article_id", "sentence_id", "expression", "kind", "span", "resolved", "basis",
                  "confidence"]
"""The columns of :func:`expression_options`."""
PLACED_COLUMNS = ["date", "weekday", "what", "label", "source", "resolver", "conflicts"]
"""The columns of :func:`placed_table`."""
NOTHING_TO_PLACE = ("This case has no time expressions to place (no dates, weekdays or words such as "
                    "'yesterday' in its articles), so there is nothing to put on a timeline.")
ISO_IN_BASIS = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")
SENTENCE_ID = re.compile(r"\b(A\d+\.S\d+)\b")
QUOTED = re.compile(r"[‘'“\"]([^‘’'“”\"]{2,80})[’'”\"]")
WHAT_COLOURS = {"event": PALETTE["timeline"]["resolved"], "you placed": PALETTE["timeline"]["flagged"]}
"""The dot of each kind of timeline row."""


def long_date(d: date) -> str:
    """Write a day for reading: weekday, day, month, year.

    >>> long_date(date(2031, 3, 3))
    'Monday 3 March 2031'
    """
    return f"{d:%A} {d.day} {d:%B %Y}"


def option_label(expression: str, sentence_id: str, outlet: str) -> str:
    """The dropdown's text for one expression: the words, their sentence and the article's outlet.

    >>> option_label("On Monday", "A3.S4", "")
    "'On Monday' — A3.S4, outlet not stated"
    """
    return f"'{' '.join(expression.split())}' — {sentence_id}, {outlet.strip() or 'outlet not stated'}"


def expression_options(case: Case) -> pd.DataFrame:
    """The expressions of a case a student can place on a timeline, in reading order (see :data:`OPTION_COLUMNS`).

    Durations, bare years and clock times are left out, and so is page text (boilerplate).
    ``key`` (sentence id and span) tells two expressions apart.
    """
    import pandas as pd

    from .resolve import timeline

    table = timeline(case)
    page = set(case.sentences.loc[case.sentences["kind"] == "boilerplate", "sentence_id"])
    outlets = dict(zip(case.articles["article_id"], case.articles["outlet"].fillna("").astype(str)))
    table = table[~table["kind"].isin(NO_DAY_KINDS) & ~table["sentence_id"].isin(page)]
    rows = join_written_weekdays([r._asdict() for r in table.itertuples()], case)
    for r in rows:
        r["key"] = f"{r['sentence_id']}@{r['span']}"
        r["label"] = option_label(r["expression"], r["sentence_id"], outlets.get(r["article_id"], ""))
    return pd.DataFrame(rows, columns=OPTION_COLUMNS)


def join_written_weekdays(rows: list[dict], case: Case) -> list[dict]:
    """Join a weekday written just before a full date ("Monday, 3 March 2031") to that date: one absolute date.

    The resolver reads the two apart (each resolved on its own); a student reads one date, which is
    absolute, not relative. A weekday that does not fit the date is said so in the basis.
    """
    out: list[dict] = []
    for row in rows:
        prev = out[-1] if out else None
        if (prev and prev["kind"] == "weekday" and row["kind"] == "absolute date" and prev["file"] == row["file"]
                and prev["sentence_id"] == row["sentence_id"] and row["resolved"]):
            (a, b), (c, d) = (map(int, prev["span"].split(":")), map(int, row["span"].split(":")))
            if re.fullmatch(r"\s*,?\s*", case.raw(row["file"])[b:c]):
                joined = case.raw(row["file"])[a:d]
                day = date.fromisoformat(row["resolved"][:10])
                fits = WEEKDAYS[day.weekday()] in prev["expression"].lower()
                note = "" if fits else f"; the weekday written with it does not fit: {day:%Y-%m-%d} was a {day:%A}"
                out[-1] = {**row, "expression": " ".join(joined.split()), "span": f"{a}:{d}",
                           "basis": f"{row['basis']}{note} (a weekday written with a full date is part of it)"}
                continue
        out.append(row)
    return out


def sentence_html(text: str, expression: str, at: int | None = None) -> str:
    """The sentence, HTML-escaped, with the expression highlighted (at offset ``at`` when it is there).

    >>> sentence_html("On Monday, the <union> met on Monday.", "on Monday", 27)
    '<p class="kit-placing-sentence" style="white-space:normal">On Monday, the &lt;union&gt; met <mark style="background:#FFF3B0;color:inherit;padding:0 2px">on Monday</mark>.</p>'
    """
    start = at if at is not None and text[at:at + len(expression)] == expression else text.find(expression)
    if start < 0:
        start = text.lower().find(expression.lower())
    esc = html.escape
    if start < 0:
        body = esc(text)
    else:
        end = start + len(expression)
        body = (f"{esc(text[:start])}<mark style=\"background:{PALETTE['placing']['highlight']};color:inherit;"
                f"padding:0 2px\">{esc(text[start:end])}</mark>{esc(text[end:])}")
    return f'<p class="kit-placing-sentence" style="white-space:normal">{body}</p>'


def parse_picked(text: str) -> tuple[date | None, str]:
    """Read a typed date: ``(date, "")``, or ``(None, a friendly sentence)`` saying how to write it.

    >>> parse_picked(" 2031-03-03 ")
    (datetime.date(2031, 3, 3), '')
    >>> parse_picked("2031-02-30")[1]
    "'2031-02-30' is not a day of the calendar: check the month and the day, written YYYY-MM-DD."
    """
    typed = (text or "").strip()
    if not typed:
        return None, "Type the date the expression means, as YYYY-MM-DD (year, month, day), then press Check."
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", typed):
        return None, (f"'{typed}' is not written YYYY-MM-DD: use four digits for the year, then two for the month "
                      "and two for the day, with hyphens (e.g. 2031-03-03).")
    try:
        return date.fromisoformat(typed), ""
    except ValueError:
        return None, f"'{typed}' is not a day of the calendar: check the month and the day, written YYYY-MM-DD."


@dataclass(frozen=True)
class Reading:
    """What the resolver says of one expression: its day (or range), rule, confidence and what it counts from."""

    expression: str
    kind: str
    day: date | None
    until: date | None
    basis: str
    confidence: str
    reference: date | None
    reference_basis: str = ""
    anchor: date | None = None
    events: tuple[tuple[date, str], ...] = ()


def reading_of(option: dict, reference: str, reference_basis: str, events) -> Reading:
    """Build the :class:`Reading` of an option row (see :func:`expression_options`) and its article's reference.

    >>> o = {"expression": "the day after the vote", "kind": "anchored", "resolved": "2031-03-04",
    ...      "basis": "day after Election day (2031-03-03)", "confidence": "high"}
    >>> reading_of(o, "2031-03-08", "publication date", []).anchor
    datetime.date(2031, 3, 3)
    """
    resolved = str(option.get("resolved") or "")
    first, _, last = resolved.partition("/")
    day = date.fromisoformat(first[:10]) if first else None
    until = date.fromisoformat(last[:10]) if last else None
    basis = str(option.get("basis") or "")
    found = ISO_IN_BASIS.findall(basis) if option.get("kind") in ANCHORED_KINDS else []
    return Reading(str(option.get("expression", "")), str(option.get("kind", "")), day, until, basis,
                   str(option.get("confidence", "")), date.fromisoformat(reference) if reference else None,
                   reference_basis, date.fromisoformat(found[-1]) if found else None, tuple(events))


def shifted(r: Reading, base: date) -> date | None:
    """The day the resolver would give if it counted ``r``'s expression from ``base`` instead of the reference."""
    if r.day is None or r.reference is None or r.kind not in FROM_REFERENCE_KINDS:
        return None
    if r.kind == "weekday":
        count = weekday_on_or_before if r.day <= r.reference else weekday_after
        return count(base, r.day.weekday())
    return base + (r.day - r.reference)


# --- the likely slips: each rule says what the picked date is, by arithmetic; first that applies wins ----

def slip_reference_itself(r: Reading, picked: date) -> str:
    """The picked date is the reference date, which the expression is counted from."""
    if r.reference == picked and r.day != picked:
        return (f"Your date is the article's reference date itself; '{r.expression}' is counted from it, "
                f"not the same day.")
    return ""


def slip_from_reference(r: Reading, picked: date) -> str:
    """The expression counts from an anchor, and the picked date counts the same amount from the reference."""
    if r.anchor is None or r.reference is None or r.day is None or r.anchor == r.reference:
        return ""
    if picked == r.reference + (r.day - r.anchor):
        return (f"Your date is what you get counting from the article's reference date ({r.reference:%Y-%m-%d}); "
                f"the expression counts from {r.anchor:%Y-%m-%d}, the date its anchor names.")
    return ""


def slip_from_event(r: Reading, picked: date) -> str:
    """The expression counts from the reference, and the picked date counts it from a context event."""
    hits = [(d, text) for d, text in r.events if d != r.reference and shifted(r, d) == picked]
    if not hits:
        return ""
    named = " or ".join(f"'{text}' ({d:%Y-%m-%d})" for d, text in hits[:2])
    return (f"Your date is what you get counting from the event {named} instead of the article's reference "
            f"date ({r.reference:%Y-%m-%d}).")


def slip_week(r: Reading, picked: date) -> str:
    """A weekday picked a week early or late."""
    if r.kind != "weekday" or r.day is None or abs((picked - r.day).days) != 7:
        return ""
    return f"Your date is the same weekday one week {'later' if picked > r.day else 'earlier'}."


def slip_weekday(r: Reading, picked: date) -> str:
    """A weekday expression, and a picked date on another weekday."""
    if r.kind != "weekday" or r.day is None or picked.weekday() == r.day.weekday():
        return ""
    return f"{long_date(picked)} is a {picked:%A}; '{r.expression}' names a {r.day:%A}."


SLIPS: tuple[tuple[str, Callable[[Reading, date], str]], ...] = (
    ("reference date itself", slip_reference_itself),
    ("counted from the reference, not the anchor", slip_from_reference),
    ("a week off", slip_week),
    ("counted from an event, not the reference", slip_from_event),
    ("another weekday", slip_weekday),
)
"""The likely slips, in order: ``(name, rule)``; a rule returns its sentence, or ``""`` when it does not apply."""


def likely_slip(r: Reading, picked: date) -> tuple[str, str]:
    """Return ``(name, sentence)`` of the first slip of :data:`SLIPS` that explains a wrong date, or ``("", "")``."""
    return next(((name, text) for name, rule in SLIPS if (text := rule(r, picked))), ("", ""))


def caution(r: Reading) -> str:
    """Say plainly when the resolver's reading is unresolved, ambiguous, a range, or of low confidence."""
    if r.day is None:
        return f"The kit could not resolve '{r.expression}': {r.basis}."
    if "ambiguous" in r.basis.lower():
        return "The resolver marks this reading as ambiguous: another reading is possible."
    if r.until and r.until != r.day:
        return "The expression names a range of days, not one day."
    if r.confidence == "low":
        inferred = "" if r.reference_basis.startswith("publication date") else (
            " The article has no publication date, so the reference date is inferred.")
        return "The resolver's confidence is low." + inferred
    return ""


def date_feedback(r: Reading, picked: date) -> dict:
    """Compare a picked date with the resolver's reading: status, days off, the likely slip and a message.

    Returns:
        A dict with ``status`` (``right``, ``in range``, ``off`` or ``unresolved``), ``days_off`` (picked
        minus the resolver's day, or the nearest end of its range; ``None`` when unresolved), ``slip``
        (the name of the rule of :data:`SLIPS`, or ``""``), ``caution`` (:func:`caution`) and ``message``.

    >>> r = Reading("yesterday", "relative day", date(2031, 3, 2), None, "yesterday, counted from the reference",
    ...             "high", date(2031, 3, 3), events=((date(2031, 2, 25), "Strike vote"),))
    >>> fb = date_feedback(r, date(2031, 2, 24)); fb["status"], fb["days_off"], fb["slip"]
    ('off', -6, 'counted from an event, not the reference')
    """
    reference = (f" Reference date: {r.reference:%Y-%m-%d} ({r.reference_basis})." if r.reference
                 else " The article gives no date to count from.")
    note = caution(r)
    if r.day is None:
        return {"status": "unresolved", "days_off": None, "slip": "", "caution": note,
                "message": f"{note} It cannot judge your date {picked:%Y-%m-%d}: note how you counted.{reference}"}
    last = r.until or r.day
    rule = f" The kit's rule: {r.basis}."
    if r.day <= picked <= last and last != r.day:
        status, off, head = "in range", 0, (f"That fits: '{r.expression}' means {r.day:%Y-%m-%d} to {last:%Y-%m-%d}, "
                                           "and your date is in that range.")
    elif picked == r.day:
        status, off, head = "right", 0, f"Right: '{r.expression}' means {long_date(r.day)}."
    else:
        nearest = r.day if picked < r.day else last
        off = (picked - nearest).days
        status = "off"
        head = (f"Off by {plural(abs(off), 'day')}: your date, {long_date(picked)}, is "
                f"{'later' if off > 0 else 'earlier'} than the kit's reading, {long_date(nearest)}.")
    name, slip = likely_slip(r, picked) if status == "off" else ("", "")
    message = " ".join(part for part in (head, slip, note) if part) + rule + reference
    return {"status": status, "days_off": off, "slip": name, "caution": note, "message": message}


def placed_table(placed: list[dict], events, flags: pd.DataFrame | None = None) -> pd.DataFrame:
    """The timeline's rows: the case's events and the dates placed, by date, with conflicts in words.

    Args:
        placed: one dict per placed date: ``date`` (a date), ``expression``, ``sentence_id``, ``article``
            (its label), and optionally ``resolver`` (the kit's reading, shown in a demo) and ``event``
            (the ``(day, event)`` the sentence's date is tied to, see :func:`kit.dates.flags_conflict.tied_event`).
        events: the case's ``(day, event)`` pairs.
        flags: :func:`kit.dates.timeline_flags` (the flags of a placed date's sentence are shown beside it).

    >>> rows = placed_table([{"date": date(2031, 3, 4), "expression": "Tuesday", "sentence_id": "A1.S2",
    ...     "article": "A1 · Port Post", "event": (date(2031, 3, 3), "Strike begins")}],
    ...     [(date(2031, 3, 3), "Strike begins")])
    >>> rows["what"].tolist(), rows.loc[1, "conflicts"]
    (['event', 'you placed'], "context/events.csv puts 'Strike begins' on 2031-03-03, 1 day before your date.")
    """
    import pandas as pd

    rows = [{"date": d, "what": "event", "label": text, "source": "context/events.csv", "resolver": "", "conflicts": ""}
            for d, text in events]
    for p in placed:
        mine = flags[flags["sentence_id"] == p["sentence_id"]] if flags is not None else None
        words = [] if mine is None else [f"{k}: {x}" for k, x in zip(mine["kind"], mine["explanation"])]
        tied = p.get("event")
        if tied and tied[0] != p["date"]:
            n = (p["date"] - tied[0]).days
            words.append(f"context/events.csv puts '{tied[1]}' on {tied[0]:%Y-%m-%d}, "
                         f"{plural(abs(n), 'day')} {'before' if n > 0 else 'after'} your date.")
        rows.append({"date": p["date"], "what": "you placed", "label": f"'{p['expression']}'",
                     "source": f"{p['sentence_id']} ({p['article']})", "resolver": p.get("resolver", ""),
                     "conflicts": " ".join(words)})
    rows.sort(key=lambda row: (row["date"], row["what"] != "event"))
    for row in rows:
        row["weekday"], row["date"] = f"{row['date']:%A}", f"{row['date']:%Y-%m-%d}"
    return pd.DataFrame(rows, columns=PLACED_COLUMNS)


def timeline_summary(table: pd.DataFrame) -> str:
    """One sentence saying what the timeline shows (for screen readers and the lesson text).

    >>> import pandas as pd
    >>> timeline_summary(pd.DataFrame(columns=PLACED_COLUMNS))
    'Timeline: nothing placed yet, and no events in context/events.csv.'
    """
    if table.empty:
        return "Timeline: nothing placed yet, and no events in context/events.csv."
    placed = int((table["what"] == "you placed").sum())
    events = int((table["what"] == "event").sum())
    conflicts = int((table["conflicts"] != "").sum())
    return (f"Timeline from {table['date'].iloc[0]} to {table['date'].iloc[-1]}: {plural(events, 'event')} "
            f"and {plural(placed, 'date')} you placed; {plural(conflicts, 'row')} with a conflict.")


def timeline_html(table: pd.DataFrame, show_resolver: bool = False) -> str:
    """Draw :func:`placed_table` as a vertical strip: a dot per row, events and placed dates apart, conflicts said."""
    esc, ink = html.escape, PALETTE["page"]
    cell = "padding:3px 6px;vertical-align:top"
    rows = []
    for r in table.itertuples():
        dot = (f"<span aria-hidden='true' style='display:inline-block;width:10px;height:10px;border-radius:50%;"
               f"background:{WHAT_COLOURS[r.what]}'></span>")
        resolver = f"<br><small>Kit's reading: {esc(r.resolver)}</small>" if show_resolver and r.resolver else ""
        warn = (f"<br><span style='color:{PALETTE['feedback']['incorrect']}'>⚠ {esc(r.conflicts)}</span>"
                if r.conflicts else "")
        rows.append(f"<tr style='border-top:1px solid {ink['border']}'><td style='white-space:nowrap;{cell}'>"
                    f"{dot} <b>{esc(r.date)}</b><br><small>{esc(r.weekday)}</small></td>"
                    f"<td style='white-space:normal;{cell}'><i>{esc(r.what)}</i>: {esc(r.label)}"
                    f"<br><small style='color:{ink['muted']}'>{esc(r.source)}</small>{resolver}{warn}</td></tr>")
    return (f"<div class='kit-placing-timeline' style='max-width:100%;overflow-wrap:anywhere'>"
            f"<p style='margin:4px 0'>{esc(timeline_summary(table))}</p>"
            f"<table style='width:100%;border-collapse:collapse'>{''.join(rows)}</table></div>")


def preselect(prompt: str, options: pd.DataFrame) -> str | None:
    """The key of the option a question's prompt names: its sentence id and its quoted words; ``None`` if none.

    >>> import pandas as pd
    >>> opts = pd.DataFrame([{"key": "A1.S2@5:12", "sentence_id": "A1.S2", "expression": "Tuesday"},
    ...                      {"key": "A1.S4@9:18", "sentence_id": "A1.S4", "expression": "yesterday"}])
    >>> preselect("'yesterday' in A1.S4, read on the day of the strike", opts)
    'A1.S4@9:18'
    """
    sids = set(SENTENCE_ID.findall(prompt or ""))
    quotes = [" ".join(q.split()).casefold() for q in QUOTED.findall(prompt or "")]
    best, best_score = None, (False, False, False)
    for key, sid, expression in zip(options["key"], options["sentence_id"], options["expression"]):
        words = " ".join(str(expression).split()).casefold()
        score = (sid in sids, words in quotes, any(words in q or q in words for q in quotes))
        if any(score) and score > best_score:
            best, best_score = key, score
    return best


def context_html(option: dict, reference: str, reference_basis: str, published: str, outlet: str) -> str:
    """Say which article the sentence is from, when it was published and what the reference date is.

    >>> "not stated" in context_html({"article_id": "A1", "sentence_id": "A1.S2"}, "", "no date", "", "")
    True
    """
    esc = html.escape
    pub = f"published {esc(published)}" if published else "publication date not stated in the metadata"
    ref = (f"Reference date (what the expression is counted from): <b>{esc(reference)}</b>, {esc(reference_basis)}."
           if reference else f"No reference date: {esc(reference_basis)}.")
    return (f"<p class='kit-placing-context' style='white-space:normal;margin:4px 0'>"
            f"{esc(option.get('sentence_id', ''))} in {esc(article_label(str(option.get('article_id', '')), outlet))}, "
            f"{pub}. {ref}</p>")

