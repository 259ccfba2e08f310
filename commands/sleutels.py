"""The key table `vouchers_sleutels`: one random key per aanvraag, apart from the event log.

Rules owned here:
- the key table lives in the same database as the events and is created by `voucher init`
  (run it again on a store made before the table existed: it changes nothing else);
- a key is written and committed in a transaction of its own BEFORE the events that use it:
  a command that fails afterwards leaves at most an unused key, never an event whose key was
  never stored. Insert-if-absent: two writers racing for the same aanvraag number get the
  same key, so whichever of them saves its events, the key that sealed them is the stored one;
- destroying a key removes it for good: SQLite deletes with `secure_delete` (the freed bytes
  are overwritten with zeros; every write to the table runs with it, so page splits leave no
  stale copies either) and then checkpoints the WAL with TRUNCATE, so no old page with the key
  stays behind in the database file or the WAL. PostgreSQL deletes the row and, when the login
  may (owner of the table or the database, or superuser), runs `VACUUM FULL` on the table so
  that no dead row version stays in a table file; otherwise that is left to the DBA (README).
  Backups and PostgreSQL's own WAL archive keep what they hold until they expire.
"""

from __future__ import annotations

import sqlite3
import time
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from ledger.persoonsgegevens import nieuwe_sleutel

TABEL = "vouchers_sleutels"
CHECKPOINT_POGINGEN = 50  # x 0.1 s: readers of other processes may hold the WAL for a moment


@dataclass(frozen=True)
class Vernietiging:
    verwijderd: bool  # there was a key, and now there is none
    opgeschoond: bool  # no old copy stays in the store's files (WAL checkpointed / VACUUM done)
    toelichting: str


class Sleutelopslag(Protocol):
    def richt_in(self) -> None: ...
    def maak_of_haal(self, aanvraag_id: UUID) -> bytes: ...
    def haal(self, aanvraag_ids: Iterable[UUID]) -> dict[UUID, bytes]: ...
    def mag_vernietigen(self) -> bool: ...
    def vernietig(self, aanvraag_id: UUID) -> Vernietiging: ...


_OPSLAGEN: weakref.WeakKeyDictionary[Any, Sleutelopslag] = weakref.WeakKeyDictionary()


def sleutels_van(app: Any) -> Sleutelopslag:
    """The key table of this application's store (one object per application)."""
    opslag = _OPSLAGEN.get(app)
    if opslag is None:
        opslag = _open(app)
        _OPSLAGEN[app] = opslag
    return opslag


def _open(app: Any) -> Sleutelopslag:
    datastore = getattr(app.recorder, "datastore", None)
    if datastore is not None and type(datastore).__module__ == "eventsourcing.postgres":
        return PostgresSleutels(datastore)
    pool = getattr(datastore, "pool", None)
    if pool is not None and type(datastore).__module__ == "eventsourcing.sqlite" and not pool.is_sqlite_memory_mode:
        return SQLiteSleutels(pool.db_name, int(pool.lock_timeout or 30))
    return GeheugenSleutels()  # the in-memory stores of the domain tests


class GeheugenSleutels:
    def __init__(self) -> None:
        self._sleutels: dict[UUID, bytes] = {}

    def richt_in(self) -> None:
        pass

    def maak_of_haal(self, aanvraag_id: UUID) -> bytes:
        return self._sleutels.setdefault(aanvraag_id, nieuwe_sleutel())

    def haal(self, aanvraag_ids: Iterable[UUID]) -> dict[UUID, bytes]:
        return {i: self._sleutels[i] for i in aanvraag_ids if i in self._sleutels}

    def mag_vernietigen(self) -> bool:
        return True

    def vernietig(self, aanvraag_id: UUID) -> Vernietiging:
        weg = self._sleutels.pop(aanvraag_id, None) is not None
        return Vernietiging(weg, True, "sleutel verwijderd uit het geheugen")


class SQLiteSleutels:
    """A connection of its own per operation, always with secure_delete on."""

    def __init__(self, pad: str, wachten_s: int) -> None:
        self.pad = pad
        self.wachten_s = wachten_s

    @contextmanager
    def _verbinding(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.pad, uri=True, isolation_level=None, timeout=self.wachten_s)
        try:
            conn.execute("PRAGMA secure_delete = ON")
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _transactie(self) -> Iterator[sqlite3.Connection]:
        with self._verbinding() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    def richt_in(self) -> None:
        with self._transactie() as conn:
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {TABEL} (aanvraag_id TEXT PRIMARY KEY, sleutel BLOB NOT NULL) WITHOUT ROWID"
            )

    def maak_of_haal(self, aanvraag_id: UUID) -> bytes:
        with self._transactie() as conn:
            conn.execute(
                f"INSERT OR IGNORE INTO {TABEL} (aanvraag_id, sleutel) VALUES (?, ?)",  # noqa: S608 - our table name
                (aanvraag_id.hex, nieuwe_sleutel()),
            )
            rij = conn.execute(f"SELECT sleutel FROM {TABEL} WHERE aanvraag_id = ?", (aanvraag_id.hex,)).fetchone()  # noqa: S608
        return bytes(rij[0])

    def haal(self, aanvraag_ids: Iterable[UUID]) -> dict[UUID, bytes]:
        gevraagd = [i.hex for i in dict.fromkeys(aanvraag_ids)]
        uit: dict[UUID, bytes] = {}
        if not gevraagd:
            return uit
        with self._verbinding() as conn:
            for begin in range(0, len(gevraagd), 500):
                deel = gevraagd[begin : begin + 500]
                plaatsen = ",".join("?" * len(deel))
                for aanvraag_id, sleutel in conn.execute(
                    f"SELECT aanvraag_id, sleutel FROM {TABEL} WHERE aanvraag_id IN ({plaatsen})",  # noqa: S608
                    deel,
                ):
                    uit[UUID(aanvraag_id)] = bytes(sleutel)
        return uit

    def mag_vernietigen(self) -> bool:
        return True  # one local file, one person: whoever may write it may delete

    def vernietig(self, aanvraag_id: UUID) -> Vernietiging:
        with self._verbinding() as conn:
            conn.execute("BEGIN IMMEDIATE")
            weg = conn.execute(f"DELETE FROM {TABEL} WHERE aanvraag_id = ?", (aanvraag_id.hex,)).rowcount > 0  # noqa: S608
            conn.commit()
            for _ in range(CHECKPOINT_POGINGEN):
                bezet, *_ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                if not bezet:
                    return Vernietiging(weg, True, "sleutel gewist (secure_delete) en WAL opgeschoond")
                time.sleep(100 / 1000)
        return Vernietiging(
            weg,
            False,
            "sleutel gewist (secure_delete); de WAL kon niet worden opgeschoond omdat een ander proces las: "
            "herhaal 'voucher vergeet' later",
        )


class PostgresSleutels:
    """Transactions on the application's own pool."""

    def __init__(self, datastore: Any) -> None:
        self.datastore = datastore

    def richt_in(self) -> None:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute("SELECT to_regclass(%s) IS NOT NULL AS er", (TABEL,))
            if not curs.fetchone()["er"]:
                curs.execute(f"CREATE TABLE {TABEL} (aanvraag_id uuid PRIMARY KEY, sleutel bytea NOT NULL)")

    def maak_of_haal(self, aanvraag_id: UUID) -> bytes:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(
                f"INSERT INTO {TABEL} (aanvraag_id, sleutel) VALUES (%s, %s) ON CONFLICT (aanvraag_id) DO NOTHING",  # noqa: S608
                (aanvraag_id, nieuwe_sleutel()),
            )
            curs.execute(f"SELECT sleutel FROM {TABEL} WHERE aanvraag_id = %s", (aanvraag_id,))  # noqa: S608
            return bytes(curs.fetchone()["sleutel"])

    def haal(self, aanvraag_ids: Iterable[UUID]) -> dict[UUID, bytes]:
        gevraagd = list(dict.fromkeys(aanvraag_ids))
        if not gevraagd:
            return {}
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(f"SELECT aanvraag_id, sleutel FROM {TABEL} WHERE aanvraag_id = ANY(%s)", (gevraagd,))  # noqa: S608
            return {UUID(str(r["aanvraag_id"])): bytes(r["sleutel"]) for r in curs.fetchall()}

    def mag_vernietigen(self) -> bool:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute("SELECT has_table_privilege(%s, 'DELETE') AS mag", (TABEL,))
            return bool(curs.fetchone()["mag"])

    def vernietig(self, aanvraag_id: UUID) -> Vernietiging:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(f"DELETE FROM {TABEL} WHERE aanvraag_id = %s", (aanvraag_id,))  # noqa: S608
            weg = curs.rowcount > 0
            curs.execute(
                "SELECT pg_has_role(current_user, c.relowner, 'USAGE') OR pg_has_role(current_user, d.datdba, 'USAGE') "
                "OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS mag "
                "FROM pg_class c, pg_database d WHERE c.oid = %s::regclass AND d.datname = current_database()",
                (TABEL,),
            )
            mag_vacuum = bool(curs.fetchone()["mag"])
        if not mag_vacuum:
            return Vernietiging(
                weg,
                False,
                f"sleutel verwijderd; deze login mag {TABEL} niet opschonen: laat de beheerder "
                f"'VACUUM FULL {TABEL}' uitvoeren (README)",
            )
        with self.datastore.get_connection() as conn:
            autocommit = conn.autocommit
            conn.autocommit = True  # VACUUM cannot run inside a transaction
            try:
                conn.execute(f"VACUUM FULL {TABEL}")
            finally:
                conn.autocommit = autocommit
        return Vernietiging(weg, True, f"sleutel verwijderd en {TABEL} opgeschoond (VACUUM FULL)")
