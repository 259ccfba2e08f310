"""The second time of every act: the moment it was recorded (vastgelegd), next to its business date.

Every event has two times. Its business date (`datum`) is what the law looks at: a person
gives it (`--datum`, default today). The moment it was recorded is what an auditor looks at:
it is never given by a person. It is eventsourcing's own `timestamp` of the event (UTC): since
this version one moment for all events of one save, taken as the save begins, a few
milliseconds before the commit (commands/opslag.py `VoucherLedger.save`); before it, the
moment the command built each event, microseconds apart within one act.
It has been in every stored event from the first one, and it is inside the state the hash
chain covers (ledger/keten.py): an old store has it for every event, and it cannot be
changed without breaking the chain. Nothing new is stored for it.

Rules owned here:
- a day is a day in Europe/Amsterdam: "recorded by the end of 2026-03-15" means before
  midnight in Amsterdam, whatever the server's clock zone;
- the books "as known on" a day (`--bekend-op`) are the longest prefix of the log, in commit
  order, whose events were all recorded by the end of that day. A prefix, so that its
  ketenkop is the head the log really had (`voucher verifieer --kop` finds it), and an act
  committed after a later one cannot slip in. Because the moment is taken just before the
  commit, an event built before midnight and committed just after it counts for that day;
- an act is recorded late when the day it was recorded is more than N days after its
  business date (N = the regeling's `laat_geboekt_dagen`): exactly N days late is not late.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from typing import Any


def _amsterdam() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Amsterdam")
    except Exception:  # no tz database on this machine: the EU rule, which holds for Amsterdam since 1996
        return _Eu()


class _Eu(tzinfo):
    """CET/CEST by the EU rule: summer time from the last Sunday of March to the last Sunday of October, 01:00 UTC."""

    @staticmethod
    def _laatste_zondag(jaar: int, maand: int) -> datetime:
        d = datetime(jaar, maand, 31, 1, tzinfo=UTC)
        return d - timedelta(days=(d.weekday() + 1) % 7)

    def fromutc(self, dt: datetime) -> datetime:
        utc = dt.replace(tzinfo=UTC)
        zomer = self._laatste_zondag(utc.year, 3) <= utc < self._laatste_zondag(utc.year, 10)
        return (utc + timedelta(hours=2 if zomer else 1)).replace(tzinfo=self)

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(hours=1)
        lokaal = dt.replace(tzinfo=UTC)
        zomer = (
            self._laatste_zondag(lokaal.year, 3) + timedelta(hours=1)
            <= lokaal
            < self._laatste_zondag(lokaal.year, 10) + timedelta(hours=2)
        )
        return timedelta(hours=2 if zomer else 1)

    def dst(self, dt: datetime | None) -> timedelta:
        return self.utcoffset(dt) - timedelta(hours=1)

    def tzname(self, dt: datetime | None) -> str:
        return "CEST" if self.dst(dt) else "CET"


@cache
def _zone() -> tzinfo:
    """Amsterdam's zone, made on first use: `vandaag` before 22:00 UTC never needs it (`zoneinfo` and its
    search for the tz database cost a command ~2 ms at start)."""
    return _amsterdam()


def __getattr__(naam: str) -> Any:
    if naam == "AMSTERDAM":  # the zone as a module constant, for who names it
        return _zone()
    raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")


def vastgelegd(e: Any) -> datetime | None:
    """The moment event `e` was recorded (UTC); None for an object that is no stored event."""
    moment = getattr(e, "timestamp", None)
    if not isinstance(moment, datetime):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def vandaag(nu: datetime | None = None) -> date:
    """Today in Amsterdam: the default business date of an act, and the last day that is not in the future.

    Not the server's clock zone: at 00:30 in Amsterdam it is already the next day there, while a
    server on UTC still says yesterday (and the moment the act is recorded falls on today, `dag`)."""
    nu = (nu or datetime.now(UTC)).astimezone(UTC)
    if nu.hour < 22:  # Amsterdam is UTC+1 or UTC+2 (CET, CEST): until 22:00 UTC it is the same day there
        return nu.date()
    return nu.astimezone(_zone()).date()


def dag(moment: datetime) -> date:
    """The day in Amsterdam of a moment."""
    return moment.astimezone(_zone()).date()


def lokaal(moment: datetime) -> datetime:
    """A moment as Amsterdam's clock showed it, to the second (what a person reads)."""
    return moment.astimezone(_zone()).replace(microsecond=0)


def einde_van(d: date) -> datetime:
    """The first moment after day `d` in Amsterdam (UTC): what was recorded before it was known on `d`."""
    return datetime.combine(d + timedelta(days=1), time(0), tzinfo=_zone()).astimezone(UTC)


def dagen_laat(e: Any) -> int | None:
    """How many days after its business date event `e` was recorded (negative: never; None: no dates)."""
    moment, datum = vastgelegd(e), getattr(e, "datum", None)
    if moment is None or not isinstance(datum, date):
        return None
    return (dag(moment) - datum).days


def is_laat(dagen: int | None, grens: int) -> bool:
    """More than `grens` days after the business date: exactly `grens` days is in time."""
    return dagen is not None and dagen > grens


def bekend_op(genummerd: Iterable[tuple[int, Any]], d: date | None) -> Iterator[tuple[int, Any]]:
    """The log as it was known at the end of day `d`: its longest prefix recorded by then (all of it without `d`)."""
    if d is None:
        yield from genummerd
        return
    grens = einde_van(d)
    for nummer, e in genummerd:
        moment = vastgelegd(e)
        if moment is not None and moment >= grens:
            return
        yield nummer, e


def wat(e: Any) -> str:
    """The kind of act an event records, in words from its name: "voucher verzilverd", "aanvraag toegekend"."""
    return " ".join(w.lower() for w in re.findall(r"[A-Z][a-z]*", type(e).__qualname__))  # Aanvraag.Toegekend


def handeling(e: Any) -> dict[str, Any]:
    """Both times of one act, as `aanvraag toon` shows them: its business date and when it was recorded."""
    moment = vastgelegd(e)
    return {
        "versie": e.originator_version,
        "handeling": wat(e),
        "datum": getattr(e, "datum", None),
        "vastgelegd": lokaal(moment).isoformat() if moment is not None else None,
        "door": getattr(e, "gebruiker", None),
    }
