"""Clock times: find them (12- and 24-hour), read their zone, and give the local and the UTC instant.

A clock time is found in one of four forms: "9:30 a.m.", "9 pm" (12-hour);
"noon", "midnight"; "21:30" (24-hour, colon); "21.30 GMT", "0930 GMT" (only
with a zone right after it, else it is a number or a year). Its zone, in order:

1. a UTC offset right after it: "UTC+3", "GMT-05:00", "+03:00";
2. "local time": the place nearest to it named in its sentence, else in its
   paragraph, else the article's dateline ("LISBON —"); none known -> said so;
3. "<place> time" ("Moscow time", "New York time", "Eastern time");
4. an abbreviation the lexicon lists as a ``place`` ("GMT", "EST", "CET");
5. "... at <place>" a little further on ("midnight ... at Mar-a-Lago").

Places and abbreviations are ``place`` rows of the lexicon (value: an IANA
zone or a fixed offset) and the case's ``context/places.csv``. The day is that
of a date written right after the time ("at 9 pm on Tuesday"), else of the
previous date (the next day after an evening, or when the text says "next
day"). The local instant goes in ``resolved``, the UTC one in ``utc``; a time
the clocks skip or repeat is said so, never shifted. A time with no zone keeps
its wall-clock reading and no instant.

>>> m = CLOCK_TIME.search("at 21.30 GMT")
>>> hour_minute(m), zone_after(" GMT", {"gmt": "UTC"})[:2]
((21, 30), ('GMT', 'UTC'))
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo

from ..core.lexicon import key
from .model import Expression, Sentence
from .patterns import MONTH, NEXT_DAY, PLACE_NEAR, WEEKDAY_NAME
from .zones import AmbiguousTimeError, NonexistentTimeError, fixed_offset, local_time, offset_text, zone_from_value

CLOCK_TIME = re.compile(
    r"(?<![\w:.,+\-\u2212])(?:(?P<h12>\d{1,2})(?:[:.](?P<m12>[0-5]\d))?\s*(?P<ampm>[ap])\.?m\b\.?"
    r"|(?P<word>noon|midnight|midday)\b"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
    r"|(?P<hz>[01]\d|2[0-3])\.?(?P<mz>[0-5]\d)(?![\d.,]))", re.I)
"""A clock time; group ``hz``/``mz`` (21.30, 0930) counts only with a zone right after it."""
UTC_OFFSET = re.compile(r"^\s*\(?\s*((?:UTC|GMT)\s*[+\-\u2212\u2013]\s*\d{1,2}(?::?\d{2})?|[+\-\u2212]\d{2}:?\d{2})\b\)?")
"""'UTC+3', 'GMT-05:00', '+03:00' right after a time."""
LOCAL = re.compile(r"^\s*\(?\s*(local\s+time)\b", re.I)
NAMED_TIME = re.compile(r"^\s*,?\s*\(?\s*((?:[\w'’-]+\s+){0,2}[\w'’-]+)\s+time\b")
"""'Moscow time', 'New York time', ', Valparaíso time': up to three words before 'time'."""
ABBREVIATION = re.compile(r"^\s*\(?\s*([A-Z]{2,5})\b\)?")
_WORD = r"[^\W\d_][^\W\d_.'’-]*"  # a word of letters in any script ('VALPARAÍSO', 'São')
DATELINE = re.compile(rf"^\s*({_WORD}(?:\s+{_WORD}){{0,2}})\s*(?:,[^—–(]{{0,30}})?\s*"
                      rf"(?:\([^)]{{0,30}}\)\s*)?(?:[—–]|\s-{{1,2}}\s)|^\s*({_WORD}(?:\s+{_WORD}){{0,2}})\s*(?:,|\()")
"""A dateline: 'LISBON —', 'Wellington, New Zealand (AP) —', 'LISBON, July 18 (Reuters)'."""


def hour_minute(m: re.Match[str]) -> tuple[int, int]:
    """Return ``(hour, minute)`` on the 24-hour clock of a :data:`CLOCK_TIME` match.

    >>> [hour_minute(CLOCK_TIME.search(t)) for t in ("9:30 a.m.", "12 pm", "12am", "midnight", "0930")]
    [(9, 30), (12, 0), (0, 0), (0, 0), (9, 30)]
    """
    if m.group("word"):
        return (0 if m.group("word").lower() == "midnight" else 12), 0
    if m.group("ampm"):
        return int(m.group("h12")) % 12 + (12 if m.group("ampm").lower() == "p" else 0), int(m.group("m12") or 0)
    if m.group("h24"):
        return int(m.group("h24")), int(m.group("m24"))
    return int(m.group("hz")), int(m.group("mz"))


def named_place(words: str, table: dict[str, str]) -> str:
    """Return the longest tail of ``words`` that is a known place ('the New York' -> 'New York'), or ``""``."""
    parts = words.split()
    return next((" ".join(parts[i:]) for i in range(len(parts)) if key(" ".join(parts[i:])) in table), "")


def zone_after(after: str, table: dict[str, str]) -> tuple[str, str, int]:
    """Return ``(label, how, length)`` of the zone named right after a time: ``how`` is a zone value
    (IANA or offset), ``"local"``, ``"unknown"`` (a word before 'time' the kit does not know) or ``""``.

    >>> zone_after(" Lisbon time", {}), zone_after(" (UTC+05:30)", {})[:2], zone_after(" local time", {})[:2]
    (('Lisbon', 'unknown', 12), ('UTC+05:30', 'UTC+05:30'), ('local time', 'local'))
    """
    m = UTC_OFFSET.match(after)
    if m and fixed_offset(m.group(1)):
        return m.group(1), fixed_offset(m.group(1)).key, m.end()
    m = LOCAL.match(after)
    if m:
        return m.group(1), "local", m.end()
    m = NAMED_TIME.match(after)
    if m:
        place = named_place(m.group(1), table)
        if place:
            return place, table[key(place)], m.end()
        if m.group(1).split()[-1][:1].isupper():
            return m.group(1).split()[-1], "unknown", m.end()
    m = ABBREVIATION.match(after)
    if m and key(m.group(1)) in table:
        return m.group(1), table[key(m.group(1))], m.end()
    return "", "", 0


def place_mentions(text: str, table: dict[str, str]) -> list[tuple[int, str]]:
    """Return ``(position, place)`` of every known place named in a text (capitalised, not an abbreviation)."""
    found = []
    for place, zone in table.items():
        if len(place) < 3 or "/" not in zone:  # 'GMT', 'UTC', 'CET': zone names, not places
            continue
        for m in re.finditer(r"(?<![\w-])" + r"\s+".join(map(re.escape, place.split())) + r"(?![\w-])", text, re.I):
            if m.group(0)[:1].isupper() and not m.group(0).isupper():
                found.append((m.start(), m.group(0)))
    return found


def dateline(s: Sentence, table: dict[str, str]) -> str:
    """Return the place of the article's dateline ('LISBON —' -> 'LISBON'), known or not, or ``""``."""
    case = s.article.case
    sents = case.sentences[(case.sentences["file"] == s.article.file) & (case.sentences["kind"] != "headline")]
    if sents.empty:
        return ""
    m = DATELINE.match(sents["text"].iloc[0])
    if not m:
        return ""
    words = (m.group(1) or m.group(2)).strip(" .")
    if not words[:1].isupper() or m.group(2) and not words.isupper():
        return ""  # a dateline is capitalised ('Lisbon —'), and without a dash it is in capitals ('LISBON, July 18')
    return named_place(words, table) or (words if words.isupper() else "")  # 'Trump —' is no dateline


def local_place(s: Sentence, pos: int, table: dict[str, str]) -> tuple[str, str]:
    """Return ``(place, where)`` for 'local time' at ``pos``: the nearest place in the sentence, else in the
    paragraph (the nearest sentence), else the dateline; ``("", "")`` when none is named."""
    here = place_mentions(s.text, table)
    if here:
        return min(here, key=lambda t: abs(t[0] - pos))[1], "named in the sentence"
    case = s.article.case
    par = case.sentences[(case.sentences["file"] == s.article.file) & (case.sentences["paragraph"] == s.paragraph)]
    order = sorted(zip(par["start"], par["text"]), key=lambda t: abs(t[0] - s.start))
    for _, text in order:
        named = place_mentions(text, table)
        if named:
            return named[0][1], "named in the paragraph"
    line = dateline(s, table)
    return (line, "of the dateline") if line else ("", "")


def tail(m: re.Match[str], s: Sentence) -> str:
    """Return the text right after a clock time, read on into the next sentence when the time ends its
    sentence (the splitter may break after "p.m." before "UTC-03:00" or "Moscow time")."""
    after = s.text[m.end(): m.end() + 60]
    if after.strip() or not m.group(0).endswith("m."):
        return after
    return " " + " ".join(s.article.case.raw(s.article.file)[s.end: s.end + 80].split())


DAY_NEXT = re.compile(r"(?:on\s+)?(?:" + WEEKDAY_NAME + "|" + MONTH + r"\s+\d)")
"""A sentence that starts with a weekday or a date ('Thursday', 'Nov. 7'): AP style writes '9 a.m. Thursday'."""
AM_PM_END = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.m\.$", re.I)


def join_split_times(sentences: list[Sentence]) -> list[Sentence]:
    """Join a sentence that ends with "a.m."/"p.m." to the next when that one starts with a zone or a day
    ("9 a.m." | "ET on Thursday.", "9 a.m." | "Thursday."): the splitter took the abbreviation's dot for a
    full stop.

    The joined sentence keeps the first one's id; its expressions are found and resolved together.
    """
    out: list[Sentence] = []
    for s in sentences:
        prev = out[-1] if out else None
        if prev and prev.paragraph == s.paragraph and AM_PM_END.search(prev.text) and \
                (zone_after(" " + s.text[:40], s.article.ctx.places)[1] or DAY_NEXT.match(s.text)):
            out[-1] = Sentence(prev.article, prev.sentence_id, f"{prev.text} {s.text}", prev.start, s.end,
                               paragraph=prev.paragraph)
        else:
            out.append(s)
    return out


def zone_reading(m: re.Match[str], s: Sentence) -> tuple[str, str]:
    """Return ``(zone value, where)`` of a clock time: the value is ``""`` when no zone is named and ``"?"``
    when one is named but unknown; ``where`` says which ('at Moscow', 'in GMT', "local time at LISBON ...")."""
    table = s.article.ctx.places
    label, how, _ = zone_after(tail(m, s), table)
    if how == "local":
        place, where = local_place(s, m.start(), table)
        if not place:
            return "?", "'local time', but the article names no place and has no dateline"
        if key(place) not in table:
            return "?", f"'local time' at {place} ({where}), but the kit knows no time zone for {place}"
        return table[key(place)], f"in local time at {place} ({where})"
    if how == "unknown":
        return "?", f"'{label} time', but the kit knows no time zone for {label}"
    if how:
        return how, (f"at {label}" if NAMED_TIME.match(tail(m, s)) else f"in {label}")
    if m.group("hz"):
        return "", ""
    near = PLACE_NEAR.search(s.text[m.end(): m.end() + 60])
    if near and key(near.group(1)) in table:
        return table[key(near.group(1))], f"at {near.group(1)}"
    return "", ""


def find_clock_times(s: Sentence) -> list[tuple[int, int, re.Match[str]]]:
    """Return ``(start, end, match)`` of the clock times of a sentence ('21.30', '0930' only with a zone)."""
    out = []
    for m in CLOCK_TIME.finditer(s.text):
        if m.group("hz") and not zone_after(tail(m, s), s.article.ctx.places)[1]:
            continue
        out.append((m.start(), m.end(), m))
    return out


def following_day(m: re.Match[str], s: Sentence) -> date | None:
    """Return the day of a date written right after a clock time ('at 9 pm on Tuesday'), or ``None``."""
    for a, _, x in sorted(s.found, key=lambda t: t[0]):
        if a <= m.start() or not x.day or x.kind in ("year", "clock time", "duration") or x.until:
            continue
        gap = s.text[m.end():a]
        return x.day if len(gap) <= 30 and not re.search(r"[.;!?]", gap) else None
    return None


def in_sentence(m: re.Match[str], s: Sentence) -> bool:
    """Whether the sentence of a clock time has a date of its own (not counting other clock times)."""
    return any(x.day and x.kind not in ("year", "clock time") for _, _, x in s.found)


def clock_base(m: re.Match[str], s: Sentence, hour: int) -> tuple[date | None, str]:
    """Return the day of a clock time and how it was chosen (see the module)."""
    after = following_day(m, s)
    if after:
        return after, "the date written after it"
    earlier = [x for a, _, x in s.found if a < m.start() and x.kind == "clock time" and x.moment]
    if earlier:  # a second time in the same breath ("8am Moscow, which would be midnight ...")
        return earlier[-1].moment.date(), "the day of the time before it"
    day_before, part_before = s.previous(m.start())
    next_day = NEXT_DAY.search(s.text[m.start(): m.end() + 40])
    if day_before and (next_day or (part_before in ("evening", "night") and hour < 12)):
        return day_before + timedelta(days=1), "the day of the previous date, the next day"
    return day_before, "the day of the previous date"


def instant(e: Expression, wall: datetime, zone: tzinfo, where: str) -> None:
    """Fill in a clock time's local and UTC instant (or say why the clocks make it impossible)."""
    try:
        e.moment = local_time(wall, zone)
    except NonexistentTimeError as err:
        e.basis = f"{where}: {err}"
        return
    except AmbiguousTimeError as err:
        e.resolved, e.basis, e.confidence = f"{wall:%Y-%m-%dT%H:%M}", f"{where}: {err}", "low"
        return
    utc = e.moment.astimezone(timezone.utc)
    e.day, e.utc = wall.date(), f"{utc:%Y-%m-%dT%H:%M}Z"
    e.resolved = f"{e.moment:%Y-%m-%dT%H:%M}{offset_text(e.moment)}"
    side = "the day after" if utc.date() > wall.date() else "the day before"
    moved = "" if utc.date() == wall.date() else f"; in UTC that is {utc:%Y-%m-%d}, {side}"
    e.basis, e.confidence = f"{where}{moved}", "medium"


PAREN = re.compile(r"^\s*\(\s*")


def implied_offset(wall: datetime, utc_wall: datetime, s: Sentence, pos: int) -> timedelta:
    """Return the UTC offset a local wall time and its stated UTC reading imply (up to a whole day): the one
    that the place of 'local time' (sentence, paragraph, dateline) has then, else the one within 12 hours."""
    base = (wall - utc_wall) % timedelta(days=1)
    candidates = [o for o in (base, base - timedelta(days=1)) if timedelta(hours=-12) <= o <= timedelta(hours=14)]
    preferred = candidates[-1] if base > timedelta(hours=12) else base
    place, _ = local_place(s, pos, s.article.ctx.places)
    zone = zone_from_value(s.article.ctx.places.get(key(place), "")) if place else None
    actual = wall.replace(tzinfo=zone).utcoffset() if zone is not None else None
    return actual if actual in candidates else preferred


def stated_equivalent(e: Expression, m: re.Match[str], s: Sentence, wall: datetime, how: str) -> bool:
    """Resolve a time whose zone is not named or not known, that the text converts in brackets
    ('10:30 p.m. (1930 GMT)', '3 p.m. local time (1200 GMT)'): the same instant, at the offset the two
    readings imply (see :func:`implied_offset`); ``False`` if there is no such conversion."""
    after = tail(m, s)
    after = after[zone_after(after, s.article.ctx.places)[2]:]
    opened = PAREN.match(after)
    other = CLOCK_TIME.match(after, opened.end()) if opened else None
    if other is None:
        return False
    label, value, _ = zone_after(after[other.end():], s.article.ctx.places)
    zone = zone_from_value(value) if value not in ("", "local", "unknown") else None
    if zone is None:
        return False
    hour, minute = hour_minute(other)
    there = datetime(wall.year, wall.month, wall.day, hour, minute, tzinfo=zone).astimezone(timezone.utc)
    offset = implied_offset(wall, there.replace(tzinfo=None), s, m.start())
    implied = fixed_offset(f"UTC{'-' if offset < timedelta(0) else '+'}{abs(offset) // timedelta(hours=1):02d}:"
                           f"{abs(offset) % timedelta(hours=1) // timedelta(minutes=1):02d}")
    instant(e, wall, implied, f"clock time at the offset implied by the text's own conversion to "
                              f"{other.group(0)} {label} ({implied.key}) on {how}")
    return True


def clock_time(e: Expression, m: re.Match[str], s: Sentence) -> None:
    """Resolve a clock time: its zone (see :func:`zone_reading`), its day, the local and UTC instant."""
    hour, minute = hour_minute(m)
    value, where = zone_reading(m, s)
    base, how = clock_base(m, s, hour)
    if base is None:
        e.basis = "clock time without a date to attach it to" + (f" ({where})" if where else "")
        return
    wall = datetime(base.year, base.month, base.day, hour, minute)
    if value in ("", "?") and stated_equivalent(e, m, s, wall, how):
        return
    if value == "?":
        e.basis = f"clock time: {where}; add the place to context/places.csv (place,zone)"
        e.notes.append("zone:unknown")
        return
    if not value and not in_sentence(m, s):
        e.basis = "clock time without a place or zone, and no date in its sentence to put its wall-clock time on"
        return
    if not value:
        e.resolved = f"{wall:%Y-%m-%dT%H:%M}"
        e.basis, e.confidence = f"clock time with no zone named: the wall-clock time on {how}; no UTC instant", "low"
        return
    zone = zone_from_value(value)
    instant(e, wall, zone, f"clock time {where} ({getattr(zone, 'key', value)}) on {how}")
    if e.moment and not in_sentence(m, s) and how.startswith("the day of the previous date"):
        e.confidence = "low"  # its day is carried over from an earlier sentence
