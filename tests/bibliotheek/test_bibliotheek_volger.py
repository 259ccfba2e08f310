"""The project's check beside the library's cases: a log follower misses no event under 16 concurrent writers.

The read models follow the log by notification id (projections/bijwerken.py): they read from
their position onward and move past what they saw. That is only sound if ids become visible in
order: an id that commits after a higher one was already read would be skipped for good. The
PostgreSQL recorder serialises writers with an advisory lock for exactly this (commands/pgopslag.py).
Here 16 writers, each with its own ledger (its own connections), save at the same time while a
follower reads on through `VoucherLedger.genummerd`, the product's one reader of the log, following
the log head along. Afterwards the follower must have seen every stored event once, in order, and
its log head must be the store's.
"""

from __future__ import annotations

import threading
import time

import pytest
from bibliotheek_hulp import ProjectOpslag, keten_intact
from eventsourcing.domain import Aggregate

from ledger import keten

SCHRIJVERS = 16
SAVES_PER_SCHRIJVER = 20


class _Volgproef(ProjectOpslag):
    opslag_url: str

    def __init__(self, url: str) -> None:
        self.opslag_url = url


def _volg(url: str) -> None:
    proef = _Volgproef(url)
    try:
        proef.ledger()  # creates the tables once, before the writers start
        schrijvers_ledgers = [proef.ledger(inrichten=False) for _ in range(SCHRIJVERS)]
        volger = proef.ledger(inrichten=False)
        start = threading.Barrier(SCHRIJVERS + 1)
        klaar = threading.Event()
        fouten: list[BaseException] = []
        gezien: list[int] = []
        kop = keten.Logkop()

        def schrijf(app) -> None:
            try:
                start.wait()
                for _ in range(SAVES_PER_SCHRIJVER):
                    a, b = Aggregate(), Aggregate()
                    a.trigger_event(Aggregate.Event)
                    app.save(a, b)  # three events in one transaction
            except BaseException as e:
                fouten.append(e)

        def volg() -> None:
            try:
                start.wait()
                while True:
                    laatste_ronde = klaar.is_set()
                    for nr, _e in volger.genummerd(start=(gezien[-1] + 1) if gezien else 1, batch=50, kop=kop):
                        gezien.append(nr)
                    if laatste_ronde:
                        return
                    time.sleep(0.001)
            except BaseException as e:
                fouten.append(e)

        draden = [threading.Thread(target=schrijf, args=(app,)) for app in schrijvers_ledgers]
        lezer = threading.Thread(target=volg)
        for t in [*draden, lezer]:
            t.start()
        for t in draden:
            t.join(timeout=300)
        klaar.set()
        lezer.join(timeout=300)
        assert not fouten, fouten[:3]

        alles = [n.id for n in volger._notificaties()]
        assert len(alles) == SCHRIJVERS * SAVES_PER_SCHRIJVER * 3
        assert gezien == alles, f"the follower missed {len(set(alles) - set(gezien))} events"
        assert kop.paar() == volger.logkop()
        keten_intact(volger)
    finally:
        proef.sluit_ledgers()


def test_een_volger_mist_niets_onder_zestien_schrijvers_op_sqlite(tmp_path):
    _volg(str(tmp_path / "volger.db"))


@pytest.mark.postgres
def test_een_volger_mist_niets_onder_zestien_schrijvers_op_postgres(postgres_url):
    _volg(postgres_url)


@pytest.mark.postgres
def test_zonder_het_schrijfslot_mist_de_volger_wel_gebeurtenissen(postgres_server, monkeypatch):
    """The control: the same run with the advisory lock taken out of the recorder loses events
    (ids commit out of order), so the check above can fail. Up to three tries: interleaving is chance."""
    import uuid

    from commands import pgopslag

    oud = pgopslag.VoucherPostgresRecorder.__init__

    def zonder_slot(self, *args, **kwargs) -> None:
        oud(self, *args, **kwargs)
        self.lock_table_statements = []

    monkeypatch.setattr(pgopslag.VoucherPostgresRecorder, "__init__", zonder_slot)
    for _ in range(3):
        naam = "t_zonder_slot_" + uuid.uuid4().hex[:8]
        url = postgres_server.create_database(naam)
        try:
            _volg(url)
        except AssertionError as e:
            assert "the follower missed" in str(e), e
            return
        finally:
            postgres_server.drop_database(naam)
    pytest.fail("without the advisory lock the follower still saw every event, three times: the check proves nothing")
