"""Places, time zones and ``convert_time``.

The kit's places are rows of kind ``place`` in the lexicon (the zone in
``value``); a case adds more in its ``lexicon.csv`` or in
``context/places.csv`` (columns ``place,zone``). Any IANA zone name
("Europe/Kyiv") works as a place too. Conversions use ``zoneinfo``, so they
are right across daylight-saving changes, and a local time that does not exist
(skipped when clocks go forward) or happens twice (when they go back) is an
error, never silently shifted.

>>> str(zone_of("Kremlin")), offset_text(datetime(2024, 11, 8, 8, tzinfo=ZoneInfo("Europe/Moscow")))
('Europe/Moscow', '+03:00')
"""

from __future__ import annotations

import csv
import re
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..core.errors import CaseError, KitError
from ..core.lexicon import key, values

if TYPE_CHECKING:
    from ..core.case import Case


class NonexistentTimeError(KitError):
    """A local time that the clocks skip (daylight saving begins), e.g. 02:30 on 10 March 2024 in New York."""


class AmbiguousTimeError(KitError):
    """A local time that happens twice (daylight saving ends) and no ``fold`` to choose one."""


def places(root: str | Path | None = None) -> dict[str, str]:
    """Return ``{place: zone}`` of the lexicon's ``place`` words (a case's ``lexicon.csv`` included).

    >>> places()["mar-a-lago"]
    'America/New_York'
    """
    return values("place", root=root)


PLACE_COLUMNS = (("place", "name", "city", "location"), ("zone", "timezone", "time_zone", "tz", "offset", "utc_offset"))
"""Accepted headers of ``context/places.csv``: the place column, then the zone column (first match wins)."""


def case_places(case: Case) -> dict[str, str]:
    """Return the places of a case: the lexicon's, then its ``context/places.csv`` (``place,zone``).

    The zone is an IANA name ("Europe/Lisbon") or a fixed offset ("UTC+3",
    "+05:30"); headers ``name``/``city`` and ``timezone``/``tz``/``offset`` are
    accepted too. A zone the kit cannot read raises :class:`CaseError` naming
    the file, line and value.

    >>> from kit.core import load_case
    >>> case_places(load_case())["moscow"]
    'Europe/Moscow'
    """
    table = places(case.path)
    path = case.path / "context" / "places.csv"
    if path.is_file():
        table.update(read_places(path))
    return table


def read_places(path: Path) -> dict[str, str]:
    """Return ``{place: zone}`` of a ``places.csv`` file, checking every zone (see :func:`case_places`)."""
    out: dict[str, str] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = {key(h or ""): h for h in reader.fieldnames or []}
        names = [next((header[c] for c in choices if c in header), None) for choices in PLACE_COLUMNS]
        if None in names:
            raise CaseError(f"context/places.csv, line 1: the header {reader.fieldnames} needs a 'place' and a "
                            "'zone' column; write it as 'place,zone'.")
        for row in reader:
            place, zone = (row.get(names[0]) or "").strip(), (row.get(names[1]) or "").strip()
            if not place:
                continue
            if not zone or zone_from_value(zone) is None:
                raise CaseError(f"context/places.csv, line {reader.line_num}, field 'zone': {zone!r} (for {place!r}) "
                                "is not a time zone; write an IANA name such as 'Europe/Lisbon' or an offset such as "
                                "'UTC+3' or '+05:30'.")
            out[key(place)] = zone
    return out


OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+\-−–])\s*(\d{1,2})(?::?(\d{2}))?$", re.I)
"""A fixed offset written as a zone value: 'UTC+3', 'GMT-05:00', '+0530'."""


class FixedOffset(tzinfo):
    """A fixed UTC offset with a ``key`` like a ``ZoneInfo`` (``UTC+05:30``), equal by offset.

    >>> FixedOffset(timedelta(hours=-5)).key, FixedOffset(timedelta(0)) == FixedOffset(timedelta(0))
    ('UTC-05:00', True)
    """

    def __init__(self, offset: timedelta):
        self.offset = offset
        minutes = int(offset.total_seconds() // 60)
        self.key = f"UTC{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return self.offset

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return self.key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FixedOffset) and other.offset == self.offset

    def __hash__(self) -> int:
        return hash(self.offset)

    def __repr__(self) -> str:
        return f"FixedOffset({self.key})"

    def __str__(self) -> str:
        return self.key


def fixed_offset(text: str) -> FixedOffset | None:
    """Return the fixed offset a text such as 'UTC+3', 'GMT-05:00' or '+05:30' names (``None`` if none).

    >>> fixed_offset("UTC+3").key, fixed_offset("+05:30").key, fixed_offset("UTC+15")
    ('UTC+03:00', 'UTC+05:30', None)
    """
    m = OFFSET.match(text.strip())
    if not m or int(m.group(2)) > 14 or int(m.group(3) or 0) >= 60:
        return None
    sign = -1 if m.group(1) != "+" else 1
    return FixedOffset(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0)))


def zone_from_value(value: str) -> tzinfo | None:
    """Return the zone a ``place`` value names: an IANA zone, or a fixed offset ('UTC+3'); ``None`` if neither.

    >>> str(zone_from_value("Europe/Lisbon")), str(zone_from_value("UTC-03:00")), zone_from_value("Atlantis")
    ('Europe/Lisbon', 'UTC-03:00', None)
    """
    value = value.strip()
    fixed = fixed_offset(value) if value[:1] in "+-−–" or value[:3].upper() in ("UTC", "GMT") else None
    if fixed is not None or value.upper() in ("UTC", "GMT"):
        return fixed or ZoneInfo("UTC")
    try:
        return ZoneInfo(value)
    except (KeyError, ValueError, OSError):
        return None


def zone_of(place: str, table: dict[str, str] | None = None) -> tzinfo | None:
    """Return the time zone of a place or zone name (``None`` if unknown).

    Args:
        place: a place ("Moscow"), a zone abbreviation the lexicon lists ("EST"), an IANA zone name
            or a fixed offset ("UTC+3").
        table: ``{place: zone}`` to look in; the kit's lexicon when ``None``.

    >>> str(zone_of("Moscow")), str(zone_of("Mar-a-Lago")), zone_of("Atlantis"), str(zone_of("GMT+2"))
    ('Europe/Moscow', 'America/New_York', None, 'UTC+02:00')
    """
    table = places() if table is None else table
    name = key(place)
    if name in table:
        return zone_from_value(table[name])
    return zone_from_value(place) if place.strip() else None


def offset_text(moment: datetime) -> str:
    """Return a moment's UTC offset as ``±HH:MM``.

    >>> offset_text(datetime(2024, 11, 8, tzinfo=ZoneInfo("America/New_York")))
    '-05:00'
    """
    offset = moment.strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


def local_time(when: datetime, zone: ZoneInfo, fold: int | None = None) -> datetime:
    """Attach a zone to a wall-clock time, refusing one that does not exist or is ambiguous.

    Args:
        when: a naive date and time, as read on a clock in ``zone``.
        zone: the zone.
        fold: for a time that happens twice, 0 for the first (before the clocks go back), 1 for the second.

    Raises:
        NonexistentTimeError: the clocks skip that time.
        AmbiguousTimeError: the time happens twice and ``fold`` is ``None``.

    >>> local_time(datetime(2024, 11, 3, 1, 30), ZoneInfo("America/New_York"), fold=1).tzname()
    'EST'
    """
    first, second = when.replace(tzinfo=zone, fold=0), when.replace(tzinfo=zone, fold=1)
    shown = f"{when:%Y-%m-%d %H:%M}"
    if first.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != when:
        raise NonexistentTimeError(
            f"{shown} does not exist in {zone.key}: the clocks jump forward over it (daylight saving begins); "
            "give a time before or after the jump, e.g. one hour later.")
    if first.utcoffset() != second.utcoffset() and fold is None:
        raise AmbiguousTimeError(
            f"{shown} happens twice in {zone.key} (the clocks go back); pass fold=0 for the first "
            f"({first.tzname()}, UTC{offset_text(first)}) or fold=1 for the second ({second.tzname()}, "
            f"UTC{offset_text(second)}).")
    return second if fold == 1 else first


def convert_time(when: str, from_place: str, to_place: str, *, fold: int | None = None) -> str:
    """Convert a local date and time from one place's zone to another's (daylight saving included).

    Args:
        when: ``"YYYY-MM-DD HH:MM"``, local time at ``from_place``.
        from_place, to_place: places or zone names (``"Moscow"``, ``"Mar-a-Lago"``, ``"Europe/Kyiv"``).
        fold: only for a local time that happens twice (the hour the clocks go back): 0 for the
            first, 1 for the second; such a time without ``fold`` is an error.

    Returns:
        ``"YYYY-MM-DD HH:MM ZONE (UTC±HH:MM)"`` at ``to_place``.

    Raises:
        KitError: an unknown place, a malformed time, a time that does not exist at ``from_place``
            (:class:`NonexistentTimeError`) or an ambiguous one without ``fold`` (:class:`AmbiguousTimeError`).

    >>> convert_time("2024-11-08 08:00", "Moscow", "Mar-a-Lago")
    '2024-11-08 00:00 EST (UTC-05:00)'
    >>> convert_time("2024-11-02 08:00", "Moscow", "Mar-a-Lago")
    '2024-11-02 01:00 EDT (UTC-04:00)'
    >>> convert_time("2024-11-03 01:30", "New York", "UTC", fold=1)
    '2024-11-03 06:30 UTC (UTC+00:00)'
    """
    source, target = zone_of(from_place), zone_of(to_place)
    for name, zone in ((from_place, source), (to_place, target)):
        if zone is None:
            raise KitError(f"{name!r} is not a place or time zone the kit knows; use e.g. 'Moscow', 'Mar-a-Lago' or 'Europe/Kyiv'.")
    if fold not in (None, 0, 1):
        raise KitError(f"fold={fold!r} is not allowed; use fold=0 for the first of a repeated hour or fold=1 for the second.")
    try:
        naive = datetime.strptime(when.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise KitError(f"{when!r} is not a date and time; write it as 'YYYY-MM-DD HH:MM', e.g. '2024-11-08 08:00'.") from None
    there = local_time(naive, source, fold).astimezone(target)
    return f"{there:%Y-%m-%d %H:%M} {there.tzname()} (UTC{offset_text(there)})"
