"""Lesson 03: find every date and time in a case, resolve it, and flag what does not fit.

Works on any case; the case's ``context/events.csv`` and ``context/roles.csv``
supply the story's anchor events and who held which role when.

**Reference date of an article** (what "on Monday" is counted from), in order:

1. its ``published`` date in ``metadata.csv`` (basis "publication date");
2. otherwise the latest of: the latest absolute date it states, and the latest
   context event it reports in the past tense (its sentence shares at least two
   content-word stems with the event); such an article appeared that day or
   later (basis "no publication date: ...", confidence at most medium).

**Resolution rules** (each row says which rule applied in ``basis``):

* absolute date with a year: that date (high);
* absolute date without a year ("Nov. 10"): the reference date's year, or the
  year before when that would put it more than six months after the reference (medium);
* weekday ("on Thursday", "Monday"): in a sentence without a future cue, the
  most recent such day on or before the reference, the same weekday meaning the
  same day (the way news writes it; library defaults get this wrong); with a
  future cue (will, would, expected, scheduled) the first such day after it;
  "last Thursday" strictly before; "next Thursday" after (marked ambiguous);
  "the Thursday after <event>" the first one after the event;
* yesterday / today / tomorrow: one day before / the reference / one day after;
* "last week", "late last week", "this week", "over the weekend": a range of days;
* anchors: "the day after the report", "just days after Trump's election
  victory": counted from the matching context event (ranges when vague);
* "that evening", "that night": the date of the previous resolved expression;
* clock times with a place or zone ("8am Moscow time", "midnight ... at
  Mar-a-Lago"): a time with its zone (zoneinfo, correct across daylight-saving
  changes) on the date of the previous resolved expression, or the next day
  when the text says "next day" or the time is a morning after an evening.

**Flags**, each with evidence and an explanation:

* ``anachronism``: a role or event described as current or coming although, by
  the case's context tables, it had ended before the article's reference date
  (a "candidate" after election day; "upcoming elections" after they were held).
  Only present-tense descriptions count: "during his campaign" is history, and
  "former President" is true until the role table says otherwise;
* ``conflict``: two articles put the same context event on different days;
* ``mismatch``: a weekday that does not fit its date ("Tuesday, March 5, 2025"),
  or, in one article, a weekday and a date for the same event that disagree;
* ``weak window``: a timing argument that does not hold: a stated time-zone
  conversion that is wrong, or a window called unlikely in one zone that is
  ordinary waking hours (06:00 to 24:00) for the other party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo
from .core.case import resolve_case

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

    from .core.case import Case

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PLACES = {
    "moscow": "Europe/Moscow", "kremlin": "Europe/Moscow", "sochi": "Europe/Moscow",
    "mar-a-lago": "America/New_York", "florida": "America/New_York", "palm beach": "America/New_York",
    "washington": "America/New_York", "new york": "America/New_York", "eastern": "America/New_York",
    "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York",
    "kyiv": "Europe/Kyiv", "kiev": "Europe/Kyiv", "berlin": "Europe/Berlin", "london": "Europe/London",
    "utc": "UTC", "gmt": "UTC",
}
"""Places and zone names the kit knows; a case can add more in ``context/places.csv`` (place,zone)."""
FUTURE_CUES = re.compile(r"\b(will|would|’ll|'ll|is expected to|are expected to|scheduled|plans? to|upcoming|prepares? for|set to)\b", re.I)
YEAR_FUTURE_CUES = re.compile(r"\b(will|’ll|'ll|is expected to|are expected to|scheduled|upcoming|prepares? for|set to)\b", re.I)
"""Cues that put a date without a year in the future (not "would": reported speech uses it for the past)."""
UNLIKELY_CUES = re.compile(r"\b(unlikely|impossible|implausible|improbable|couldn’t|couldn't|could not|hardly)\b", re.I)
ROLE_CUES = {
    "candidate": r"\b(running as|running for|is running|being (?:a|the) front-runner|front-runner in|campaigns for|is campaigning|candidate for the \d{4})\b",
    "president-elect": r"\bpresident-elect\b",
}
"""Present-tense wordings that describe a role as current (keyed by a word of the role's name)."""
WAKING = (6, 24)
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_WD = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ABS = re.compile(r"(?:" + _WD + r",?\s+)?" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_ABS_DAYFIRST = re.compile(r"\b(\d{1,2})\s+" + _MONTH + r"(?:\s+(\d{4}))?\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(r"\b(?:(last|next|this|on)\s+)?" + _WD + r"\b(?!,?\s+" + _MONTH + r")", re.I)
_THE_WD_AFTER = re.compile(r"\bthe\s+" + _WD + r"\s+after\s+(.{0,40}?\b(election|report|call|briefing|denial|inauguration)\w*)", re.I)
_RELDAY = re.compile(r"\b(yesterday|today|tomorrow)\b(?![’']s)", re.I)
_WEEK = re.compile(r"\b(late last week|early last week|last week|this week|next week|over the weekend|last weekend|this weekend)\b", re.I)
_ANCHOR = re.compile(r"\b(the\s+(day|morning|evening|week)\s+(after|before)\s+the\s+(report|election|call|briefing|denial|inauguration))\b", re.I)
_DAYS_AFTER = re.compile(r"\b((?:just\s+)?days\s+(after|before)\s+(?:[\w’'-]+\s+){0,3}?(election victory|election|report|call|inauguration))\b", re.I)
_THAT = re.compile(r"\b(that\s+(evening|night|morning|afternoon|day))\b", re.I)
_YEAR = re.compile(r"\b(?:in\s+)?((?:early|late|mid-)\s*)?((?:19|20)\d{2})\b(?![-/]\d)")
_TIME = re.compile(r"\b(?:(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)|(midnight|noon))", re.I)
_STEM = re.compile(r"[a-z]{3,}")
_STOP = {"the", "and", "that", "with", "for", "was", "were", "this", "from", "took", "place", "his", "her", "has", "had",
         "its", "not", "are", "but", "who", "which", "after", "before", "about", "into", "than", "them", "they"}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:5]


def _stems(text: str) -> set[str]:
    """Crude stems of the content words: suffixes -ing, -ed, -es, -s dropped, then five letters.

    >>> sorted(_stems("Peskov denied the reports that Trump called"))
    ['call', 'deni', 'pesko', 'repor', 'trump']
    """
    return {_stem(w) for w in _STEM.findall(text.lower()) if w not in _STOP}


def zone_of(place: str, extra: dict[str, str] | None = None) -> ZoneInfo | None:
    """Return the time zone of a place or zone name the kit knows (``None`` if unknown).

    >>> str(zone_of("Moscow")), str(zone_of("Mar-a-Lago")), zone_of("Atlantis")
    ('Europe/Moscow', 'America/New_York', None)
    """
    table = {**PLACES, **{k.lower(): v for k, v in (extra or {}).items()}}
    key = place.strip().lower()
    if key in table:
        return ZoneInfo(table[key])
    try:
        return ZoneInfo(place.strip())
    except (KeyError, ValueError, OSError):
        return None


def convert_time(when: str, from_place: str, to_place: str) -> str:
    """Convert a local date and time from one place's zone to another's (daylight saving included).

    Args:
        when: ``"YYYY-MM-DD HH:MM"``, local time at ``from_place``.
        from_place, to_place: places or zone names (``"Moscow"``, ``"Mar-a-Lago"``, ``"Europe/Kyiv"``).

    Returns:
        ``"YYYY-MM-DD HH:MM ZONE (UTC±HH:MM)"`` at ``to_place``.

    >>> convert_time("2024-11-08 08:00", "Moscow", "Mar-a-Lago")
    '2024-11-08 00:00 EST (UTC-05:00)'
    >>> convert_time("2024-11-02 08:00", "Moscow", "Mar-a-Lago")
    '2024-11-02 01:00 EDT (UTC-04:00)'
    """
    from .core.errors import KitError

    source, target = zone_of(from_place), zone_of(to_place)
    for name, zone in ((from_place, source), (to_place, target)):
        if zone is None:
            raise KitError(f"{name!r} is not a place or time zone the kit knows; use e.g. 'Moscow', 'Mar-a-Lago' or 'Europe/Kyiv'.")
    try:
        local = datetime.strptime(when.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=source)
    except ValueError:
        raise KitError(f"{when!r} is not a date and time; write it as 'YYYY-MM-DD HH:MM', e.g. '2024-11-08 08:00'.") from None
    there = local.astimezone(target)
    offset = there.strftime("%z")
    return f"{there:%Y-%m-%d %H:%M} {there.tzname()} (UTC{offset[:3]}:{offset[3:]})"


@dataclass
class Expression:
    """One temporal expression and how it was resolved."""

    file: str
    article_id: str
    sentence_id: str
    start: int
    end: int
    expression: str
    kind: str
    resolved: str = ""
    basis: str = ""
    confidence: str = "none"
    day: date | None = None
    until: date | None = None
    moment: datetime | None = None
    notes: list[str] = field(default_factory=list)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _year_for(month: int, day: int, ref: date | None, default_year: int | None) -> tuple[int | None, str]:
    if ref is None:
        return default_year, "year of the case's events"
    year = ref.year
    if date(year, month, day) - ref > timedelta(days=183):
        return year - 1, "the year before the reference date's (else it would fall more than six months after it)"
    return year, "the reference date's year"


def _weekday_on_or_before(ref: date, weekday: int) -> date:
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _weekday_after(ref: date, weekday: int) -> date:
    return ref + timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)


@dataclass
class _Context:
    events: list[tuple[date, str]]
    roles: list[tuple[str, str, date | None, date | None]]
    places: dict[str, str]
    default_year: int | None


def _context(case: Case) -> _Context:
    import pandas as pd

    events = [(d.date(), str(e)) for d, e in zip(case.events["date"], case.events["event"]) if not pd.isna(d)]
    roles = []
    for p, r, s, e in zip(case.roles["person"], case.roles["role"], case.roles["start"], case.roles["end"]):
        roles.append((str(p), str(r), None if pd.isna(s) else s.date(), None if pd.isna(e) else e.date()))
    places = {}
    path = case.path / "context" / "places.csv"
    if path.is_file():
        import csv

        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("place") and row.get("zone"):
                    places[row["place"].strip().lower()] = row["zone"].strip()
    years = [d.year for d, _ in events]
    default_year = max(set(years), key=years.count) if years else None
    return _Context(sorted(events), roles, places, default_year)


def _anchor_event(noun: str, ctx: _Context) -> tuple[date, str] | None:
    """The context event a noun such as 'report' or 'election' refers to (the first that mentions it)."""
    stem = _stem(noun.lower())
    for day, text in ctx.events:
        if stem in _stems(text):
            return day, text
    return None


def reported_events(sentence: str, ctx: _Context) -> list[tuple[date, str]]:
    """Context events a text reports: no future cue, and at least two content-word stems shared,
    which are at least a third of the event's."""
    if FUTURE_CUES.search(sentence):
        return []
    stems = _stems(sentence)
    out = []
    for d, t in ctx.events:
        event = _stems(t)
        shared = len(stems & event)
        if shared >= 2 and shared * 3 >= len(event):
            out.append((d, t))
    return out


def _reference(case: Case, file: str, ctx: _Context) -> tuple[date | None, str]:
    import pandas as pd

    row = case.articles[case.articles["file"] == file].iloc[0]
    if not pd.isna(row["published"]):
        return row["published"].date(), f"publication date {row['published']:%Y-%m-%d} (metadata)"
    candidates: list[tuple[date, str]] = []
    for text in case.sentences.loc[case.sentences["file"] == file, "text"]:
        for m in _ABS.finditer(text):
            if m.group(4):
                d = date(int(m.group(4)), _month(m.group(2)), int(m.group(3)))
                if not FUTURE_CUES.search(text):
                    candidates.append((d, f"the latest date it states ({d:%Y-%m-%d})"))
        for d, t in reported_events(text, ctx):
            candidates.append((d, f"the latest context event it reports ({d:%Y-%m-%d}: {t})"))
    if not candidates:
        return None, "no publication date and no dated event to count from"
    day, why = max(candidates)
    return day, f"no publication date: counted from {why}"


def _raw_span(case: Case, file: str, s_start: int, s_end: int, text: str) -> tuple[int, int]:
    raw = case.raw(file)
    parts = text.split()
    m = re.search(r"\s+".join(re.escape(p) for p in parts), raw[s_start:s_end]) if parts else None
    return (s_start + m.start(), s_start + m.end()) if m else (s_start, s_end)


def _fmt(d: date | None, until: date | None = None) -> str:
    if d is None:
        return ""
    return f"{d:%Y-%m-%d}/{until:%Y-%m-%d}" if until and until != d else f"{d:%Y-%m-%d}"


def resolve_expressions(case: Case | str | Path | None = None) -> list[Expression]:
    """Find and resolve every temporal expression of a case (see the module's rules)."""
    loaded = resolve_case(case)
    ctx = _context(loaded)
    out: list[Expression] = []
    for aid, file in zip(loaded.articles["article_id"], loaded.articles["file"]):
        ref, ref_basis = _reference(loaded, file, ctx)
        dated_ref = ref_basis.startswith("publication date")
        last_day: date | None = None
        last_part = ""
        sents = loaded.sentences[loaded.sentences["file"] == file]
        for sid, text, s_start, s_end in zip(sents["sentence_id"], sents["text"], sents["start"], sents["end"]):
            found: list[tuple[int, int, Expression]] = []
            taken: list[tuple[int, int]] = []

            def add(m_start: int, m_end: int, kind: str) -> Expression | None:
                if any(a < m_end and m_start < b for a, b in taken):
                    return None
                taken.append((m_start, m_end))
                phrase = text[m_start:m_end]
                r0, r1 = _raw_span(loaded, file, s_start, s_end, phrase)
                e = Expression(file, aid, sid, r0, r1, phrase, kind)
                found.append((m_start, m_end, e))
                return e

            future = bool(FUTURE_CUES.search(text))

            def previous(pos: int) -> tuple[date | None, str]:
                """The day (and part of day) of the last resolved expression before ``pos``."""
                earlier = [(a, e) for a, _, e in found if a < pos and e.day and e.kind != "year"]
                if not earlier:
                    return last_day, last_part
                e = max(earlier, key=lambda t: t[0])[1]
                part = re.search(r"evening|night|morning|afternoon", e.expression, re.I)
                return e.day, part.group(0).lower() if part else ""

            for m in _THE_WD_AFTER.finditer(text):
                e = add(m.start(), m.end(), "weekday after event")
                anchor = _anchor_event(m.group(3), ctx) if e else None
                if e and anchor:
                    e.day = _weekday_after(anchor[0], WEEKDAYS.index(m.group(1).lower()))
                    e.basis, e.confidence = f"the first {m.group(1)} after {anchor[1]} ({anchor[0]:%Y-%m-%d})", "high"
            for m in _ABS.finditer(text):
                e = add(m.start(), m.end(), "absolute date")
                if not e:
                    continue
                month, day_n = _month(m.group(2)), int(m.group(3))
                if m.group(4):
                    year, why, conf = int(m.group(4)), "the year given", "high"
                else:
                    year, why = _year_for(month, day_n, ref, ctx.default_year)
                    conf = "medium"
                    if year and ref and YEAR_FUTURE_CUES.search(text) and date(year, month, day_n) < ref:
                        year, why = year + 1, "the year after the reference date's (a future cue, and the date has passed)"
                if year is None:
                    e.basis = "no year given and nothing to take one from"
                    continue
                try:
                    e.day = date(year, month, day_n)
                except ValueError:
                    e.basis = f"{m.group(0)!r} is not a real date"
                    continue
                e.basis, e.confidence = f"absolute date; {why}", conf
                if m.group(1) and WEEKDAYS.index(m.group(1).lower()) != e.day.weekday():
                    e.notes.append(f"mismatch: {e.day:%Y-%m-%d} was a {WEEKDAYS[e.day.weekday()].title()}, not a {m.group(1)}")
            for m in _ABS_DAYFIRST.finditer(text):
                e = add(m.start(), m.end(), "absolute date")
                if e:
                    month, day_n = _month(m.group(2)), int(m.group(1))
                    year = int(m.group(3)) if m.group(3) else _year_for(month, day_n, ref, ctx.default_year)[0]
                    if year:
                        e.day = date(year, month, day_n)
                        e.basis, e.confidence = "absolute date (day first)", "high" if m.group(3) else "medium"
            for m in _ISO.finditer(text):
                e = add(m.start(), m.end(), "absolute date")
                if e:
                    e.day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                    e.basis, e.confidence = "ISO date", "high"
            for m in _ANCHOR.finditer(text):
                e = add(m.start(), m.end(), "anchored")
                anchor = _anchor_event(m.group(4), ctx) if e else None
                if e and anchor:
                    step = timedelta(days=7 if m.group(2).lower() == "week" else 1)
                    e.day = anchor[0] + (step if m.group(3).lower() == "after" else -step)
                    if m.group(2).lower() == "week":
                        e.until = e.day + timedelta(days=6)
                    e.basis, e.confidence = f"{m.group(2)} {m.group(3)} {anchor[1]} ({anchor[0]:%Y-%m-%d})", "high"
            for m in _DAYS_AFTER.finditer(text):
                e = add(m.start(), m.end(), "anchored")
                anchor = _anchor_event(m.group(3).split()[0], ctx) if e else None
                if e and anchor:
                    if m.group(2).lower() == "after":
                        e.day, e.until = anchor[0] + timedelta(days=1), anchor[0] + timedelta(days=7)
                    else:
                        e.day, e.until = anchor[0] - timedelta(days=7), anchor[0] - timedelta(days=1)
                    e.basis, e.confidence = f"'days {m.group(2)}' {anchor[1]} ({anchor[0]:%Y-%m-%d}): a range of up to a week", "low"
            for m in _WEEKDAY.finditer(text):
                e = add(m.start(), m.end(), "weekday")
                if not e:
                    continue
                weekday = WEEKDAYS.index(m.group(2).lower())
                word = (m.group(1) or "").lower()
                if ref is None:
                    e.basis = "weekday, but the article has no date to count from"
                    continue
                if word == "last":
                    e.day = ref - timedelta(days=(ref.weekday() - weekday - 1) % 7 + 1)
                    e.basis = "'last' weekday: strictly before the reference"
                elif word == "next":
                    e.day = _weekday_after(ref, weekday)
                    e.basis = "'next' weekday: the first after the reference (ambiguous: some mean the week after)"
                elif word == "this":
                    before, after = _weekday_on_or_before(ref, weekday), _weekday_after(ref, weekday)
                    e.day = before if (ref - before) <= (after - ref) else after
                    e.basis = "'this' weekday: the nearest to the reference"
                elif future:
                    e.day = _weekday_after(ref, weekday)
                    e.basis = "weekday with a future cue: the first after the reference"
                else:
                    e.day = _weekday_on_or_before(ref, weekday)
                    e.basis = "weekday in a past or present sentence: the most recent on or before the reference"
                e.basis += f" ({ref_basis})"
                e.confidence = "high" if dated_ref else "low"
            for m in _RELDAY.finditer(text):
                e = add(m.start(), m.end(), "relative day")
                if e and ref:
                    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group(1).lower()]
                    e.day = ref + timedelta(days=shift)
                    e.basis, e.confidence = f"{m.group(1).lower()}, counted from the reference ({ref_basis})", "high" if dated_ref else "low"
            for m in _WEEK.finditer(text):
                e = add(m.start(), m.end(), "week")
                if not (e and ref):
                    continue
                phrase = m.group(1).lower()
                monday = ref - timedelta(days=ref.weekday())
                if "weekend" in phrase:
                    saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)
                    if phrase == "this weekend" and ref.weekday() < 5:
                        saturday += timedelta(days=7)
                    e.day, e.until = saturday, saturday + timedelta(days=1)
                elif "last week" in phrase:
                    e.day, e.until = monday - timedelta(days=7), monday - timedelta(days=1)
                    if phrase.startswith("late"):
                        e.day = monday - timedelta(days=4)
                    elif phrase.startswith("early"):
                        e.until = monday - timedelta(days=5)
                elif phrase == "this week":
                    e.day, e.until = monday, monday + timedelta(days=6)
                else:
                    e.day, e.until = monday + timedelta(days=7), monday + timedelta(days=13)
                e.basis, e.confidence = f"'{phrase}': a range of days around the reference ({ref_basis})", "medium" if dated_ref else "low"
            for m in _THAT.finditer(text):
                day_before, _ = previous(m.start())
                e = add(m.start(), m.end(), "that day")
                if e and day_before:
                    e.day = day_before
                    e.basis, e.confidence = f"'{m.group(1).lower()}': the day of the previous date in the article", "medium"
            for m in _YEAR.finditer(text):
                if any(a <= m.start(2) < b for a, b in taken):
                    continue
                e = add(m.start(2) if not m.group(1) else m.start(1), m.end(2), "year")
                if e:
                    y = int(m.group(2))
                    e.resolved, e.basis, e.confidence = str(y), "a year only", "high"
            for m in _TIME.finditer(text):
                e = add(m.start(), m.end(), "clock time")
                if not e:
                    continue
                if m.group(4):
                    hour, minute = (0 if m.group(4).lower() == "midnight" else 12), 0
                else:
                    hour, minute = int(m.group(1)) % 12, int(m.group(2) or 0)
                    if m.group(3).lower().startswith("p"):
                        hour += 12
                after = text[m.end(): m.end() + 60]
                place = re.match(r"\s+(\w[\w-]*)\s+time\b", after)
                place_name = place.group(1) if place else ""
                if not place_name:
                    near = re.search(r"\b(?:at|in)\s+((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*)?)", after)
                    place_name = near.group(1) if near and zone_of(near.group(1), ctx.places) else ""
                zone = zone_of(place_name, ctx.places) if place_name else None
                day_before, part_before = previous(m.start())
                earlier_clock = [x for a, _, x in found if a < m.start() and x.kind == "clock time" and x.moment]
                base = day_before
                next_day = bool(re.search(r"\bnext day\b|\bmorning after\b|\bnext morning\b", text[m.start(): m.end() + 40], re.I))
                if earlier_clock:  # a second time in the same breath ("8am Moscow, which would be midnight ...")
                    base = earlier_clock[-1].moment.date()
                    day_before = base
                elif base and (next_day or (part_before in ("evening", "night") and hour < 12)):
                    base = base + timedelta(days=1)
                if base is None or zone is None:
                    e.basis = "clock time without " + ("a date to attach it to" if base is None else "a place or zone")
                    e.notes.append(f"zone:{place_name}")
                    continue
                e.moment = datetime(base.year, base.month, base.day, hour, minute, tzinfo=zone)
                e.day = base
                off = e.moment.strftime("%z")
                e.resolved = f"{e.moment:%Y-%m-%dT%H:%M}{off[:3]}:{off[3:]}"
                e.basis = f"clock time at {place_name} ({zone.key}) on the day of the previous date" + (", the next day" if base != day_before else "")
                e.confidence = "medium"
            found.sort(key=lambda t: t[0])
            for _, _, e in found:
                if not e.resolved:
                    e.resolved = _fmt(e.day, e.until)
                if e.day and e.kind not in ("year",):
                    last_day = e.day
                    part = re.search(r"evening|night|morning|afternoon", e.expression, re.I)
                    last_part = part.group(0).lower() if part else ("" if e.kind != "clock time" else last_part)
                if not e.basis:
                    e.basis = "not resolved"
                out.append(e)
    return out


def timeline(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Every temporal expression of a case with its resolution, basis and confidence.

    Returns:
        A DataFrame with ``file, article_id, sentence_id, span`` (raw character
        offsets ``start:end``), ``expression, kind, resolved`` (ISO date, date
        range ``start/end``, or date-time with offset), ``basis, confidence``.

    >>> t = timeline()
    >>> row = t[(t["article_id"] == "A0") & (t["expression"] == "the day after the report")].iloc[0]
    >>> row["resolved"], row["confidence"]
    ('2024-11-11', 'high')
    """
    import pandas as pd

    rows = [
        {"file": e.file, "article_id": e.article_id, "sentence_id": e.sentence_id, "span": f"{e.start}:{e.end}",
         "expression": e.expression, "kind": e.kind, "resolved": e.resolved, "basis": e.basis, "confidence": e.confidence}
        for e in resolve_expressions(case)
    ]
    return pd.DataFrame(rows, columns=["file", "article_id", "sentence_id", "span", "expression", "kind", "resolved", "basis", "confidence"])


def reference_dates(case: Case | str | Path | None = None) -> pd.DataFrame:
    """The date each article is read against, and why (publication date, or the latest it reports).

    >>> reference_dates().loc["A2", "reference"]
    '2024-11-13'
    """
    import pandas as pd
    loaded = resolve_case(case)
    ctx = _context(loaded)
    rows = []
    for aid, file in zip(loaded.articles["article_id"], loaded.articles["file"]):
        day, why = _reference(loaded, file, ctx)
        rows.append({"article_id": aid, "reference": _fmt(day), "basis": why})
    return pd.DataFrame(rows).set_index("article_id")


def _flag(rows, e: Expression, kind: str, explanation: str, evidence: str = ""):
    rows.append({"file": e.file, "article_id": e.article_id, "sentence_id": e.sentence_id, "kind": kind,
                 "span": f"{e.start}:{e.end}", "evidence": evidence or e.expression, "explanation": explanation})


def timeline_flags(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Flag anachronisms, conflicts, mismatches and weak timing windows (see the module's rules).

    Returns:
        A DataFrame with ``file, article_id, sentence_id, kind, span, evidence, explanation``.

    >>> flags = timeline_flags()
    >>> sorted(set(flags["kind"]))
    ['anachronism', 'weak window']
    """
    loaded = resolve_case(case)
    return _flags(loaded, resolve_expressions(loaded))


def _flags(loaded: Case, expressions: list[Expression]) -> pd.DataFrame:
    """The flags of a loaded case whose expressions are already resolved."""
    import pandas as pd

    ctx = _context(loaded)
    rows: list[dict] = []
    # mismatch: weekday + date that disagree
    for e in expressions:
        for note in e.notes:
            if note.startswith("mismatch:"):
                _flag(rows, e, "mismatch", f"The text says {e.expression!r}, but {note[10:]}.")
    # anachronism: roles and events described as current after they ended
    for aid, file in zip(loaded.articles["article_id"], loaded.articles["file"]):
        ref, ref_basis = _reference(loaded, file, ctx)
        if ref is None:
            continue
        raw = loaded.raw(file)
        sents = loaded.sentences[loaded.sentences["file"] == file]
        for sid, text, s_start, s_end in zip(sents["sentence_id"], sents["text"], sents["start"], sents["end"]):
            lowered = text.lower()
            for person, role, start, end in ctx.roles:
                surname = person.split()[-1].lower()
                if end is None or end >= ref or surname not in lowered:
                    continue
                for key, pattern in ROLE_CUES.items():
                    if key not in role.lower():
                        continue
                    m = re.search(pattern, text, re.I)
                    if m:
                        r0, r1 = _raw_span(loaded, file, s_start, s_end, m.group(0))
                        e = Expression(file, aid, sid, r0, r1, m.group(0), "role")
                        _flag(rows, e, "anachronism",
                              f"{m.group(0)!r} describes {person} as {role} now, but that role ended on {end:%Y-%m-%d}, "
                              f"before this article's date ({ref:%Y-%m-%d}; {ref_basis}).")
            for m in re.finditer(r"\b(upcoming|coming|forthcoming|approaching)\b", text, re.I):
                following = re.finditer(r"[A-Za-z][\w.’'-]*", text[m.end():])
                for k, w in enumerate(following):
                    if k >= 4 or w.group(0).lower() in {"of", "for", "in", "on", "at", "to", "with", "and", "or", "that", "which"}:
                        break  # the noun phrase ends here
                    noun = w.group(0).lower().rstrip(".").rstrip("s")
                    hit = next(((d, ev) for d, ev in ctx.events if d < ref and len(noun) > 3 and _stem(noun) in _stems(ev)), None)
                    if hit:
                        phrase = text[m.start(): m.end() + w.end()].rstrip(".")
                        r0, r1 = _raw_span(loaded, file, s_start, s_end, phrase)
                        e = Expression(file, aid, sid, r0, r1, phrase, "event")
                        _flag(rows, e, "anachronism",
                              f"{phrase!r} calls it still to come, but {hit[1]} was on {hit[0]:%Y-%m-%d}, "
                              f"before this article's date ({ref:%Y-%m-%d}; {ref_basis}).")
                        break
    # conflict: one context event, different days in different articles
    by_event: dict[str, list[Expression]] = {}
    sentence_text = dict(zip(loaded.sentences["sentence_id"], loaded.sentences["text"]))
    for e in expressions:
        if e.day is None or e.kind in ("year", "clock time", "that day") or e.until:
            continue
        text = sentence_text[e.sentence_id]
        at = text.find(e.expression)
        words_before = text[:max(at, 0)].split()[-6:]
        words_after = text[max(at, 0) + len(e.expression):].split()[:6]
        clause = " ".join(words_before + words_after)  # the event is named next to its date
        matches = reported_events(clause, ctx)
        if len(matches) == 1:  # only an unambiguous match ties a date to an event
            by_event.setdefault(matches[0][1], []).append(e)
    for event, items in by_event.items():
        days = {}
        for e in items:
            days.setdefault(e.article_id, e)
        distinct = {e.day for e in days.values()}
        if len(distinct) > 1:
            ordered = sorted(days.values(), key=lambda x: (x.day, x.article_id))
            first, last = ordered[0], ordered[-1]
            gap = (last.day - first.day).days
            note = " A one-day difference can come from time zones." if gap == 1 else ""
            for e in ordered:
                _flag(rows, e, "conflict",
                      f"For the event '{event}', {first.article_id} gives {first.day:%Y-%m-%d} and {last.article_id} gives "
                      f"{last.day:%Y-%m-%d}.{note}")
        by_article: dict[str, dict] = {}
        for e in items:
            by_article.setdefault(e.article_id, {}).setdefault(e.day, e)
        for aid, dated in by_article.items():
            kinds = {e.kind for e in dated.values()}
            if len(dated) > 1 and "weekday" in kinds:
                ordered = sorted(dated.values(), key=lambda x: x.day)
                for e in ordered:
                    _flag(rows, e, "mismatch",
                          f"In {aid}, '{event}' is dated both {ordered[0].day:%Y-%m-%d} ({ordered[0].expression!r}) and "
                          f"{ordered[-1].day:%Y-%m-%d} ({ordered[-1].expression!r}).")
    # weak windows and stated conversions
    for aid, file in zip(loaded.articles["article_id"], loaded.articles["file"]):
        mine = [e for e in expressions if e.file == file]
        zoned = [e for e in mine if e.moment is not None]
        for e in zoned:
            same = [o for o in zoned if o.sentence_id == e.sentence_id and o is not e and o.moment.tzinfo != e.moment.tzinfo]
            for other in same:
                if other.start <= e.start:
                    continue
                stated = other.moment
                actual = e.moment.astimezone(other.moment.tzinfo)
                if stated.replace(tzinfo=None) != actual.replace(tzinfo=None):
                    _flag(rows, other, "weak window",
                          f"The text converts {e.expression!r} to {other.expression!r}, but {e.resolved} is "
                          f"{actual:%Y-%m-%d %H:%M} {actual.tzname()} there: the arithmetic is wrong.",
                          f"{e.expression} / {other.expression}")
        sents = loaded.sentences[loaded.sentences["file"] == file]
        for sid, text, s_start, s_end in zip(sents["sentence_id"], sents["text"], sents["start"], sents["end"]):
            m = re.search(r"\bbetween\s+(midnight|noon|\d{1,2}(?::\d{2})?\s*(?:am|pm))\s+and\s+(midnight|noon|\d{1,2}(?::\d{2})?\s*(?:am|pm))", text, re.I)
            if not m or not UNLIKELY_CUES.search(text):
                continue
            before = [z for z in zoned if z.start < s_end]
            if not before:
                continue
            # the frame of the argument: in a stated conversion ("8am Moscow time, which would be
            # midnight ... at Mar-a-Lago") the first time is the argument's zone, the second the other party's
            pairs = [(a, b) for a in before for b in before
                     if a.sentence_id == b.sentence_id and a.start < b.start and a.moment.tzinfo.key != b.moment.tzinfo.key]
            if pairs:
                anchor, counterpart = pairs[-1]
            else:
                anchor = before[-1]
                counterpart = next((z for z in zoned if z.moment.tzinfo.key != anchor.moment.tzinfo.key), None)
                if counterpart is None:
                    continue
            other_zone = counterpart.moment.tzinfo
            checked = ""
            if pairs and anchor.moment.astimezone(other_zone).replace(tzinfo=None) == counterpart.moment.replace(tzinfo=None):
                checked = (f" The conversion itself is right: {anchor.expression} in {anchor.moment.tzinfo.key} is "
                           f"{counterpart.expression} in {other_zone.key}.")
            def clock(token: str) -> tuple[int, int]:
                t = token.lower()
                if t == "midnight":
                    return 0, 0
                if t == "noon":
                    return 12, 0
                mm = re.match(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)", t)
                h = int(mm.group(1)) % 12 + (12 if mm.group(3) == "pm" else 0)
                return h, int(mm.group(2) or 0)
            day = anchor.moment.date()
            h0, m0 = clock(m.group(1))
            h1, m1 = clock(m.group(2))
            start = datetime(day.year, day.month, day.day, h0, m0, tzinfo=anchor.moment.tzinfo)
            end = datetime(day.year, day.month, day.day, h1, m1, tzinfo=anchor.moment.tzinfo)
            if end <= start:
                end += timedelta(days=1)
            a, b = start.astimezone(other_zone), end.astimezone(other_zone)
            end_hour = b.hour if b.date() == a.date() else 24
            if WAKING[0] <= a.hour and end_hour <= WAKING[1] and (b - a) <= timedelta(hours=18):
                r0, r1 = _raw_span(loaded, file, s_start, s_end, m.group(0))
                e = Expression(file, aid, sid, r0, r1, m.group(0), "window")
                _flag(rows, e, "weak window",
                      f"{m.group(0)!r} ({anchor.moment.tzinfo.key} time, {start:%Y-%m-%d}) is {a:%A %H:%M} to "
                      f"{'24:00' if end_hour == 24 else f'{b:%H:%M}'} on {a:%Y-%m-%d} in {other_zone.key} "
                      f"({a.tzname()}): ordinary waking hours for the other party, so the window the argument "
                      f"calls unlikely does not rule the call out.{checked}",
                      m.group(0))
    frame = pd.DataFrame(rows, columns=["file", "article_id", "sentence_id", "kind", "span", "evidence", "explanation"])
    return frame.drop_duplicates(["file", "kind", "span"]).reset_index(drop=True)


def timeline_chart(case: Case | str | Path | None = None, window_days: int = 45) -> alt.Chart:
    """Draw the case's timeline: one lane per article, resolved dates on a time axis.

    Points are single days, bars are ranges; the triangle is the article's
    reference date (its publication date, or the latest date it reports);
    flagged expressions are drawn in orange, and each flag is an orange diamond
    on the day of its sentence (or the article's reference date). Dates more than ``window_days``
    from the story's reference dates (and bare years) are left out so the story
    stays readable. Hover a mark for its expression, sentence and basis.

    >>> spec = timeline_chart().to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rule', 'circle', 'point', 'point']
    """
    import altair as alt
    import pandas as pd
    loaded = resolve_case(case)
    refs = reference_dates(loaded)
    expressions = resolve_expressions(loaded)  # resolved once, for the marks and for the flags
    flags = _flags(loaded, expressions)
    flagged = set(zip(flags["file"], flags["span"]))
    labels = {a: f"{a} · {o or 'outlet not stated'}" for a, o in zip(loaded.articles["article_id"], loaded.articles["outlet"])}
    ref_days = [date.fromisoformat(r) for r in refs["reference"] if r]
    centre = max(ref_days) if ref_days else None
    rows = []
    for e in expressions:
        if e.day is None or e.kind == "year":
            continue
        if centre and abs((e.day - centre).days) > window_days:
            continue
        rows.append({"article": labels[e.article_id], "start": e.day.isoformat(), "end": (e.until or e.day).isoformat(),
                     "expression": e.expression, "sentence_id": e.sentence_id, "resolved": e.resolved, "basis": e.basis,
                     "flagged": "flagged" if (e.file, f"{e.start}:{e.end}") in flagged else "resolved"})
    data = pd.DataFrame(rows, columns=["article", "start", "end", "expression", "sentence_id", "resolved", "basis", "flagged"])
    ref_rows = pd.DataFrame(
        [{"article": labels[a], "start": r, "basis": b} for a, r, b in zip(refs.index, refs["reference"], refs["basis"]) if r],
        columns=["article", "start", "basis"],
    )
    y = alt.Y("article:N", title=None, sort=list(labels.values()))
    colour = alt.Color("flagged:N", title="Expression", scale=alt.Scale(domain=["resolved", "flagged"], range=["#0072B2", "#E69F00"]))
    tooltip = ["expression", "sentence_id", "resolved", "basis"]
    ranges = alt.Chart(data).mark_rule(strokeWidth=6, opacity=0.5).encode(
        x=alt.X("start:T", title="Date (2024)" if centre and centre.year == 2024 else "Date"), x2="end:T", y=y, color=colour, tooltip=tooltip)
    days = alt.Chart(data).mark_circle(size=70, opacity=0.9).encode(x="start:T", y=y, color=colour, tooltip=tooltip)
    published = alt.Chart(ref_rows).mark_point(shape="triangle-down", size=120, color="#000000", filled=True, yOffset=-10).encode(
        x="start:T", y=y, tooltip=["start", "basis"])
    sentence_day: dict[str, str] = {}  # a sentence's day: its own first date, or the last one before it
    dated = {}
    for e in expressions:
        if e.day and e.kind != "year" and (e.until is None or e.until == e.day):
            dated.setdefault(e.sentence_id, e.day.isoformat())
    for aid in loaded.articles["article_id"]:
        last = None
        for sid in loaded.sentences.loc[loaded.sentences["article_id"] == aid, "sentence_id"]:
            last = dated.get(sid, last)
            if last:
                sentence_day[sid] = last
    ref_of = dict(zip(refs.index, refs["reference"]))
    flag_rows = pd.DataFrame(
        [{"article": labels[f.article_id], "start": sentence_day.get(f.sentence_id) or ref_of.get(f.article_id),
          "kind": f.kind, "evidence": f.evidence, "sentence_id": f.sentence_id, "explanation": f.explanation}
         for f in flags.itertuples() if sentence_day.get(f.sentence_id) or ref_of.get(f.article_id)],
        columns=["article", "start", "kind", "evidence", "sentence_id", "explanation"],
    )
    flagged_marks = alt.Chart(flag_rows).mark_point(shape="diamond", size=150, color="#E69F00", filled=True, yOffset=10).encode(
        x="start:T", y=y, tooltip=["kind", "evidence", "sentence_id", "explanation"])
    return alt.layer(ranges, days, published, flagged_marks).properties(
        width=640, height=alt.Step(46), title=f"Timeline of case '{loaded.name}': what each article dates, and when it was written")
