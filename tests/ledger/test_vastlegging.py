"""The moment an act was recorded (ledger/vastlegging.py): days in Amsterdam, late acts, the books as known on a day.

Pure functions on stored events; here on small stand-ins with the two attributes they read
(eventsourcing's `timestamp` and the business `datum`), so that each boundary is exact to the microsecond.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from ledger import vastlegging as vl
from ledger.aanvraag import Aanvraag


@dataclass
class Gebeurtenis:
    timestamp: Any = None
    datum: Any = None
    originator_version: int = 1
    gebruiker: str | None = None


def test_het_vastlegmoment_is_de_timestamp_in_utc():
    moment = datetime(2026, 2, 3, 8, tzinfo=UTC)
    assert vl.vastgelegd(Gebeurtenis(moment)) == moment
    naief = vl.vastgelegd(Gebeurtenis(datetime(2026, 2, 3, 8)))  # an old store without a zone: UTC
    assert naief == moment and naief.tzinfo is UTC
    assert vl.vastgelegd(Gebeurtenis("2026-02-03")) is None
    amsterdam = vl.vastgelegd(Gebeurtenis(datetime(2026, 2, 3, 9, tzinfo=vl.AMSTERDAM)))  # a zone: kept as it is
    assert amsterdam == moment and amsterdam.tzinfo is vl.AMSTERDAM
    assert vl.vastgelegd(object()) is None


def test_de_dag_en_de_klok_in_amsterdam():
    assert vl.dag(datetime(2026, 2, 16, 22, 59, tzinfo=UTC)) == date(2026, 2, 16)
    assert vl.dag(datetime(2026, 2, 16, 23, 0, tzinfo=UTC)) == date(2026, 2, 17)
    assert vl.lokaal(datetime(2026, 7, 1, 10, 0, 5, 999999, tzinfo=UTC)).isoformat() == "2026-07-01T12:00:05+02:00"


def test_dagen_laat_telt_dagen_in_amsterdam_na_de_datum():
    assert vl.dagen_laat(Gebeurtenis(datetime(2026, 2, 16, 23, 30, tzinfo=UTC), date(2026, 2, 2))) == 15
    assert vl.dagen_laat(Gebeurtenis(datetime(2026, 2, 1, 12, tzinfo=UTC), date(2026, 2, 2))) == -1
    assert vl.dagen_laat(Gebeurtenis(None, date(2026, 2, 2))) is None
    assert vl.dagen_laat(Gebeurtenis(datetime(2026, 2, 1, 12, tzinfo=UTC), "2026-02-02")) is None
    assert vl.dagen_laat(Gebeurtenis(datetime(2026, 2, 1, 12, tzinfo=UTC))) is None


def test_laat_is_meer_dan_de_grens_en_precies_de_grens_is_op_tijd():
    assert vl.is_laat(15, 14) is True
    assert vl.is_laat(14, 14) is False
    assert vl.is_laat(None, 14) is False
    assert vl.is_laat(-3, -4) is True


def test_bekend_op_is_het_langste_begin_dat_voor_het_einde_van_de_dag_is_vastgelegd():
    grens = vl.einde_van(date(2026, 3, 1))  # 1 March 24:00 in Amsterdam = 23:00 UTC
    log = [
        (1, Gebeurtenis(grens - timedelta(microseconds=1))),
        (2, Gebeurtenis(None)),  # no moment: it stays with what comes before it
        (3, Gebeurtenis(grens)),  # exactly midnight: the next day
        (4, Gebeurtenis(grens - timedelta(hours=1))),  # recorded earlier, committed later: not in the prefix
    ]
    assert [n for n, _ in vl.bekend_op(log, date(2026, 3, 1))] == [1, 2]
    assert [n for n, _ in vl.bekend_op(log, date(2026, 3, 2))] == [1, 2, 3, 4]
    assert [n for n, _ in vl.bekend_op(log, None)] == [1, 2, 3, 4]
    assert list(vl.bekend_op(log, date(2026, 2, 28))) == []


def test_wat_noemt_de_handeling_in_woorden_van_haar_naam():
    assert vl.wat(Aanvraag.Toegekend.__new__(Aanvraag.Toegekend)) == "aanvraag toegekend"
    assert vl.wat(Gebeurtenis()) == "gebeurtenis"


def test_handeling_geeft_beide_tijden_en_wie():
    moment = datetime(2026, 2, 3, 8, 15, 30, 123, tzinfo=UTC)
    e = Gebeurtenis(moment, date(2026, 2, 2), originator_version=4, gebruiker="regie.noord")
    assert vl.handeling(e) == {
        "versie": 4,
        "handeling": "gebeurtenis",
        "datum": date(2026, 2, 2),
        "vastgelegd": "2026-02-03T09:15:30+01:00",
        "door": "regie.noord",
    }
    assert vl.handeling(Gebeurtenis(originator_version=1)) == {
        "versie": 1,
        "handeling": "gebeurtenis",
        "datum": None,
        "vastgelegd": None,
        "door": None,
    }


def test_de_eu_regel_zonder_tijdzonedatabase():
    eu = vl._Eu()
    # the last Sunday, also when the 31st itself is a Sunday (March 2024, October 2027)
    assert eu._laatste_zondag(2026, 3) == datetime(2026, 3, 29, 1, tzinfo=UTC)
    assert eu._laatste_zondag(2024, 3) == datetime(2024, 3, 31, 1, tzinfo=UTC)
    assert eu._laatste_zondag(2027, 10) == datetime(2027, 10, 31, 1, tzinfo=UTC)
    assert eu._laatste_zondag(2026, 10) == datetime(2026, 10, 25, 1, tzinfo=UTC)
    for moment, verwacht in (
        (datetime(2024, 3, 31, 0, 59, tzinfo=UTC), "2024-03-31T01:59:00+01:00"),
        (datetime(2024, 3, 31, 1, 0, tzinfo=UTC), "2024-03-31T03:00:00+02:00"),
        (datetime(2026, 7, 1, 12, 0, tzinfo=UTC), "2026-07-01T14:00:00+02:00"),
        (datetime(2026, 1, 1, 12, 0, tzinfo=UTC), "2026-01-01T13:00:00+01:00"),
    ):
        lokaal = moment.astimezone(eu)
        assert lokaal.tzinfo is eu and lokaal.isoformat() == verwacht, moment
    # a wall-clock time: summer time from 02:00 on the last Sunday of March to 03:00 on that of October
    uur = timedelta(hours=1)
    for wandklok, offset in (
        (datetime(2026, 3, 29, 1, 59), uur),
        (datetime(2026, 3, 29, 2, 0), 2 * uur),
        (datetime(2026, 10, 25, 2, 59), 2 * uur),
        (datetime(2026, 10, 25, 3, 0), uur),
    ):
        assert eu.utcoffset(wandklok) == offset, wandklok
        assert eu.dst(wandklok) == offset - uur
        assert eu.tzname(wandklok) == ("CEST" if offset == 2 * uur else "CET")
    assert eu.utcoffset(None) == uur and eu.dst(None) == timedelta(0) and eu.tzname(None) == "CET"


def test_met_tijdzonedatabase_is_amsterdam_de_zone_europe_amsterdam():
    from zoneinfo import ZoneInfo

    zone = vl._amsterdam()
    assert isinstance(zone, ZoneInfo) and zone.key == "Europe/Amsterdam"


def test_handeling_van_een_gebeurtenis_zonder_datum_of_gebruiker():
    kaal = SimpleNamespace(originator_version=2)
    assert vl.handeling(kaal) == {
        "versie": 2,
        "handeling": "simple namespace",
        "datum": None,
        "vastgelegd": None,
        "door": None,
    }
    assert vl.dagen_laat(SimpleNamespace(timestamp=datetime(2026, 2, 1, tzinfo=UTC))) is None


def test_vandaag_is_de_dag_in_amsterdam_niet_die_van_de_klok_van_de_server():
    # 23:30 UTC on 3 December is 00:30 on 4 December in Amsterdam (winter: UTC+1)
    assert vl.vandaag(datetime(2026, 12, 3, 23, 30, tzinfo=UTC)) == date(2026, 12, 4)
    assert vl.vandaag(datetime(2026, 12, 3, 22, 59, 59, tzinfo=UTC)) == date(2026, 12, 3)
    # summer: UTC+2, so 22:00 UTC on 30 June is already 1 July
    assert vl.vandaag(datetime(2026, 6, 30, 22, tzinfo=UTC)) == date(2026, 7, 1)
    assert vl.vandaag(datetime(2026, 6, 30, 21, 59, tzinfo=UTC)) == date(2026, 6, 30)
    # every hour of two years, also around both changes of the clock: the day the tz database gives
    begin = datetime(2025, 1, 1, tzinfo=UTC)
    for uur in range(2 * 366 * 24):
        moment = begin + timedelta(hours=uur, minutes=59)
        assert vl.vandaag(moment) == moment.astimezone(vl.AMSTERDAM).date(), moment
    # the same day as the day a moment recorded now is counted on (dag), so "today" is never after it
    nu = datetime.now(UTC)
    assert vl.vandaag(nu) == vl.dag(nu)


def test_een_handeling_zonder_datum_krijgt_vandaag_in_amsterdam():
    from commands.kern import Kern

    voor = vl.vandaag()
    kern = Kern(app=None, gebruiker="kas1")  # type: ignore[arg-type]  # the date needs no store
    assert kern.vandaag in (voor, vl.vandaag())  # (the same, unless midnight passed in between)
    assert kern.datum(None) == kern.vandaag
