"""Catching the read models up with the event log: every event applied exactly once.

How (the same on SQLite and PostgreSQL):
1. A cheap look without any lock: is the tracking position already the log's last
   notification id (and the views of this code's VERSIE)? Then there is nothing to do, and
   a login that may only SELECT the views can read them as they are.
2. Otherwise, in batches: open ONE write transaction on the store, take the projection
   lock, read the tracking position inside it, read the notifications after it, fold them
   into the rows they touch, write those rows AND the new position, commit. A crash at any
   point before the commit leaves rows and position as they were; after it, both moved.
   There is no moment at which one moved without the other, so no event is ever counted
   twice or lost, however the process dies.
3. The lock makes concurrent catch-ups take turns; the second one reads the position the
   first committed and continues from there. SQLite: `BEGIN IMMEDIATE` on a connection to
   the same file (the single writer lock; event writers wait at most one batch). PostgreSQL:
   `pg_advisory_xact_lock` on a key of its own (event writers use another key, so a
   catch-up never holds up a payment), inside a transaction on the application's pool.
4. The position advances over every event, also those no read model uses.
5. Tables are created by the first catch-up when missing (so an existing store just
   works) and by `voucher init`; views of an older VERSIE are rebuilt, views of a newer
   one are left alone (an older program still in use answers from the log instead, so
   two versions never take turns rebuilding).

Why polling and not `eventsourcing.projection` on PostgreSQL: its ProjectionRunner
subscribes (LISTEN/NOTIFY) from a thread of a long-running process. Every `voucher`
command is a short-lived process that must answer with everything written before it
started (read your own writes), so it would start a runner, wait for it to reach the last
id and stop it: the same polling catch-up with a thread and a subscription around it.
SQLite cannot subscribe at all. One catch-up for both stores is one thing to test; a
long-running runner can be added later on the same tables and tracking row.

Notification ids may have gaps (a rolled-back insert uses up a sequence number), but they
never commit out of order: event writers serialise on the write lock
(commands/pgopslag.py; on SQLite the single writer lock), so reading "after the position"
cannot skip an event that commits later with a lower id.

When the views cannot be used (a login without rights on them, a read-only file, a lock
not obtained in time, an in-memory store), `lees` answers from the fold of the whole log in
memory: slower, but the same rows and still everything written before the read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any, Protocol, TypeVar

from eventsourcing.persistence import Notification
from eventsourcing.sqlite import SQLiteDatastore

from ledger.keten import Logkop
from projections.rijen import AanvraagRij, KasboekRij, SaldoRij, VoucherRij
from projections.tabellen import (
    AANVRAGEN,
    POSTGRES,
    SALDO,
    SQLITE,
    VERSIE,
    VOUCHERS,
    Cursor,
    Dialect,
    HerbouwToestand,
    SQLLeesmodel,
    SQLToestand,
    lees_kop,
    lees_tracking,
    maak_indexen,
    maak_tabellen,
    verwijder_tabellen,
    zet_positie,
)
from projections.vouwen import pas_toe, verwerking, vouw

T = TypeVar("T")

BATCH = 1000
"""Events per transaction: large enough to amortise the commit, small enough that an
event writer on SQLite waits only milliseconds for the lock."""

PROJECTIESLOT = 0x766F7563686C6D73  # 'vouchlms': catch-ups of the read models (not the writers' key)
SLOT_WACHTEN_S = 30
HERBOUW_STIL_S = 600  # PostgreSQL: how long the views' transaction may wait between two writes (a rebuild folding)


@cache
def _soorten() -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The event classes that touch a voucher row and an aanvraag row (imported on first use)."""
    from ledger import gebeurtenissen as g

    vouchers = (
        g.VoucherVerzilverd,
        g.VoucherContantOpgenomen,
        g.VoucherBetalingGeweigerd,
        g.VoucherVervallen,
    )
    aanvragen = (
        g.AanvraagAanvullingGevraagd,
        g.AanvraagAangevuld,
        g.AanvraagToegekend,
        g.AanvraagGeweigerd,
        g.AanvraagGeschiktVerklaard,
        g.AanvraagRaadplegingBesloten,
        g.AanvraagBekendgemaakt,
        g.AanvraagWijzigingGemeld,
    )
    return vouchers, aanvragen


class LeesmodelOnbeschikbaar(Exception):
    """The views cannot be read or written in this store; the caller folds the log in memory."""


class Leesmodel(Protocol):
    """What a read model answers: the stored views (SQLLeesmodel) or the fold in memory (Geheugen)."""

    def saldo_rijen(self) -> list[SaldoRij]: ...
    def voucher_rijen(self) -> list[VoucherRij]: ...
    def aanvraag_rijen(self) -> list[AanvraagRij]: ...
    def kasboek_rijen(
        self, wijk: str | None = None, voucher: str | None = None, periode: int | None = None
    ) -> list[KasboekRij]: ...
    def ketenkop(self) -> tuple[int, str]: ...  # (position, log head) the answer rests on


# --- connections ------------------------------------------------------------------------------------
class Verbinding(Protocol):
    dialect: Dialect

    def schrijf(self) -> Any: ...  # context manager -> Cursor, holding the projection lock
    def lees(self) -> Any: ...  # context manager -> Cursor, one consistent snapshot
    def sluit(self) -> None: ...


class SQLiteVerbinding:
    """A connection of its own to the store's file: `BEGIN IMMEDIATE` is the projection lock."""

    dialect = SQLITE

    def __init__(self, pad: str, wachten_s: int) -> None:
        self._conn = sqlite3.connect(pad, uri=True, isolation_level=None, timeout=wachten_s, check_same_thread=False)
        self._conn.row_factory = sqlite3.Row

    @contextmanager
    def _transactie(self, begin: str, commit: bool) -> Iterator[Cursor]:
        self._conn.execute(begin)
        try:
            yield Cursor(self._conn.cursor(), SQLITE)
        except BaseException:
            self._conn.rollback()
            raise
        self._conn.commit() if commit else self._conn.rollback()

    def schrijf(self) -> Any:
        return self._transactie("BEGIN IMMEDIATE", commit=True)

    def lees(self) -> Any:
        return self._transactie("BEGIN", commit=False)

    def sluit(self) -> None:
        self._conn.close()


class PostgresVerbinding:
    """Transactions on the application's own pool; an advisory lock is the projection lock."""

    dialect = POSTGRES

    def __init__(self, datastore: Any) -> None:
        self._datastore = datastore

    @contextmanager
    def schrijf(self) -> Iterator[Cursor]:
        with self._datastore.transaction(commit=True) as curs:
            curs.execute(f"SET LOCAL lock_timeout = '{SLOT_WACHTEN_S}s'")
            # The library ends a session idle in a transaction after 5 s. A rebuild keeps this transaction open
            # while it reads and folds the log through another connection (a million events: minutes), and
            # writes only in chunks; for this transaction alone the limit is that of a rebuild.
            curs.execute(f"SET LOCAL idle_in_transaction_session_timeout = '{HERBOUW_STIL_S}s'")
            curs.execute("SELECT pg_advisory_xact_lock(%s)", (PROJECTIESLOT,))
            yield Cursor(curs, POSTGRES)

    @contextmanager
    def lees(self) -> Iterator[Cursor]:
        with self._datastore.transaction(commit=False) as curs:
            yield Cursor(curs, POSTGRES)

    def sluit(self) -> None:
        pass  # the pool belongs to the application


def open_verbinding(app: Any) -> Verbinding:
    datastore = getattr(app.recorder, "datastore", None)
    if isinstance(datastore, SQLiteDatastore):
        if datastore.pool.is_sqlite_memory_mode:
            raise LeesmodelOnbeschikbaar("een SQLite-database in het geheugen heeft geen gedeelde leesmodellen")
        return SQLiteVerbinding(datastore.pool.db_name, datastore.pool.lock_timeout or SLOT_WACHTEN_S)
    if datastore is not None and type(datastore).__module__ == "eventsourcing.postgres":
        return PostgresVerbinding(datastore)
    raise LeesmodelOnbeschikbaar(f"geen leesmodellen in een opslag van het soort {type(app.recorder).__name__}")


@contextmanager
def _verbinding(app: Any) -> Iterator[Verbinding]:
    v = open_verbinding(app)
    try:
        with _vertaald():
            yield v
    finally:
        v.sluit()


def _geen_toegang(fout: BaseException | None) -> bool:
    """No rights, a read-only store, or the lock not had in time: reasons to fold in memory instead."""
    gezien = 0
    while fout is not None and gezien < 10:
        if getattr(fout, "sqlstate", None) in ("42501", "25006", "55P03"):
            return True
        tekst = str(fout)
        if isinstance(fout, sqlite3.OperationalError) and ("readonly" in tekst or "database is locked" in tekst):
            return True
        fout, gezien = fout.__cause__ or fout.__context__, gezien + 1
    return False


@contextmanager
def _vertaald() -> Iterator[None]:
    try:
        yield
    except LeesmodelOnbeschikbaar:
        raise
    except Exception as e:
        if _geen_toegang(e):
            raise LeesmodelOnbeschikbaar(" ".join(str(e).split())[:200]) from e
        raise


# --- the log -------------------------------------------------------------------------------------------
def notificaties(app: Any, start: int = 1, kop: Logkop | None = None) -> Iterator[tuple[int, Any]]:
    """(notification id, event) for every stored event from `start`, in commit order (the
    application's own log reader, VoucherLedger.genummerd); `kop` follows the log head. Every event is
    decoded: `vouw` with `per` reads the business date of kinds the fold does not use (the ketenkop rule)."""
    return app.genummerd(start, kop=kop)


# --- catching up ---------------------------------------------------------------------------------------
def _zorg_voor_tabellen(c: Cursor) -> int:
    """The tracking position, after creating (or, for an older VERSIE, recreating) the views."""
    stand = lees_tracking(c)
    if stand is not None and stand[1] == VERSIE:
        return stand[0]
    if stand is not None and stand[1] > VERSIE:
        # A newer program made these views; this one reads the log instead of fighting over them.
        raise LeesmodelOnbeschikbaar(f"de leesmodellen zijn van versie {stand[1]}, dit programma kent {VERSIE}")
    verwijder_tabellen(c)
    maak_tabellen(c)
    return 0


def _pas_batch_toe(app: Any, c: Cursor, batch: Sequence[Notification], kop: Logkop) -> None:
    """Fold one batch into the rows it touches; `kop` follows the log head over it."""
    gebeurtenissen = []
    for n in batch:
        gebeurtenissen.append((n.id, app.mapper.to_domain_event(n)))
        kop.volg(n.id, app.mapper.laatste_hash)
    toestand = SQLToestand(c)
    # One query per table instead of one per event: every saldo row (a few per wijk and year),
    # and the vouchers and aanvragen this batch touches.
    voucher_soorten, aanvraag_soorten = _soorten()
    toestand.laad(SALDO)
    toestand.laad(VOUCHERS, {e.originator_id for _, e in gebeurtenissen if isinstance(e, voucher_soorten)})
    toestand.laad(AANVRAGEN, {e.originator_id for _, e in gebeurtenissen if isinstance(e, aanvraag_soorten)})
    for positie, e in gebeurtenissen:
        pas_toe(toestand, positie, e)
    toestand.schrijf()


def _werk_bij(app: Any, v: Verbinding, batch: int) -> int:
    hoogste = app.recorder.max_notification_id() or 0
    with v.lees() as c:
        if lees_tracking(c) == (hoogste, VERSIE):
            return 0
    toegepast = 0
    while True:
        with v.schrijf() as c:
            _zorg_voor_tabellen(c)
            kop = Logkop(*lees_kop(c))
            nieuw = app.recorder.select_notifications(kop.positie + 1, batch)
            if nieuw:
                _pas_batch_toe(app, c, nieuw, kop)
                zet_positie(c, *kop.paar())
        toegepast += len(nieuw)
        if len(nieuw) < batch:
            return toegepast


def werk_bij(app: Any, *, batch: int = BATCH) -> int:
    """Catch the read models up with the log; returns the number of events applied."""
    with _verbinding(app) as v:
        return _werk_bij(app, v, batch)


def herbouw(app: Any, *, batch: int = BATCH) -> dict[str, int]:
    """Drop every view and replay the whole log into new ones, in ONE transaction; returns the counts.

    One pass: the fold runs in memory and writes the rows as it goes, holding a bounded number
    (projections/tabellen.py `HerbouwToestand`; a catch-up in batches would load and rewrite the
    same saldo and voucher rows batch after batch). One
    transaction: a reader sees the old views or the new ones, never half of them, and a
    rebuild that fails or is killed leaves the old views as they were. The price: on SQLite
    event writers wait for the rebuild (about a second per 20.000 events here; they wait up
    to the store's lock timeout, 30 s); on PostgreSQL only readers of the views wait.
    """
    with _verbinding(app) as v:
        with v.schrijf() as c:
            verwijder_tabellen(c)
            maak_tabellen(c, indexen=False)
            toestand = HerbouwToestand(c)
            gebeurtenissen = 0
            kop = Logkop()
            # Only the kinds the fold uses are decoded; the others come as (position, None), their hash still
            # followed by the log head (without `per`, the fold reads nothing of them).
            for positie, e in app.genummerd(kop=kop, alleen=verwerking()):
                pas_toe(toestand, positie, e)
                gebeurtenissen += 1
            toestand.schrijf()
            maak_indexen(c)
            zet_positie(c, *kop.paar())
        with v.lees() as c:
            return {"gebeurtenissen": gebeurtenissen, **SQLLeesmodel(c).aantallen()}


def lees(app: Any, vraag: Callable[[Leesmodel], T]) -> T:
    """Catch up, then answer `vraag` from the views; where they cannot be used, from the fold in memory."""
    try:
        with _verbinding(app) as v:
            _werk_bij(app, v, BATCH)
            with v.lees() as c:
                return vraag(SQLLeesmodel(c))
    except LeesmodelOnbeschikbaar:
        kop = Logkop()
        geheugen = vouw(notificaties(app, kop=kop))
        geheugen.kop = kop.hash
        return vraag(geheugen)
