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
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..core.errors import KitError
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


def case_places(case: Case) -> dict[str, str]:
    """Return the places of a case: the lexicon's, then its ``context/places.csv`` (``place,zone``).

    >>> from kit.core import load_case
    >>> case_places(load_case())["moscow"]
    'Europe/Moscow'
    """
    table = places(case.path)
    path = case.path / "context" / "places.csv"
    if path.is_file():
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("place") and row.get("zone"):
                    table[key(row["place"])] = row["zone"].strip()
    return table


def zone_of(place: str, table: dict[str, str] | None = None) -> ZoneInfo | None:
    """Return the time zone of a place or zone name (``None`` if unknown).

    Args:
        place: a place ("Moscow"), a zone abbreviation the lexicon lists ("EST") or an IANA zone name.
        table: ``{place: zone}`` to look in; the kit's lexicon when ``None``.

    >>> str(zone_of("Moscow")), str(zone_of("Mar-a-Lago")), zone_of("Atlantis")
    ('Europe/Moscow', 'America/New_York', None)
    """
    table = places() if table is None else table
    name = key(place)
    if name in table:
        return ZoneInfo(table[name])
    try:
        return ZoneInfo(place.strip())
    except (KeyError, ValueError, OSError):
        return None


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
