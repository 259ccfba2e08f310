"""The selection index: which wijk and budget year each stored event belongs to (issue 13, goal 2).

A report or `saldo --per` for one wijk and one year should cost what that wijk and year cost,
not what the whole history costs. Next to the log there is one narrow table, `vouchers_selectie`:
per event (notification id) its stream, its wijk and year, its business date and the moment it
was recorded. It is written in the transaction that writes the events (the recorders in
commands/pgopslag.py and `VoucherSQLiteRecorder` below, fed by `VoucherLedger._record`), and it
can always be derived again from the log alone (`vul_aan`): it holds nothing the log does not.

Rules owned here:
- a stream's wijk and year is that of its aggregate: a Wijk its own code and year, an Aanvraag
  and a Voucher theirs, a Verzending and a Bezwaar those of their aanvraag. They are fixed when
  the stream is created (a Wijk's id is made from its code and year, an aanvraag and a voucher
  get theirs at indiening and verstrekking and no event changes them), so a stream that
  "changes" wijk cannot exist (tests/store/test_selectie_op_beide_opslagen.py checks every
  stream of the demo);
- the gemeente's stream, and a stream of an aggregate this module does not know, touch every
  wijk (GEMEENTE): every selection reads them. The invoice register (Factuur) and the
  idempotency keys (Verzoek) belong to no wijk (GEEN): no fold reads their events, they only
  count (tests check that no fold uses their event classes);
- a selection reads the events of its wijk and year plus GEMEENTE, in the order of the log;
  what the whole log contributes to a report's head (the number of events that count, the last
  one, the latest business date, the end of the log as known on a day) comes from this table,
  by the rule of the fold (projections/rapporten/geschiedenis.py `_Vouwer.pas_toe`,
  projections/vouwen.py `vouw`), so that the report is byte for byte the one of the whole log;
- the index is used only when it is complete: as many rows as events, up to the same last
  one. Otherwise it is completed from the log first where this login may (on SQLite always; on
  PostgreSQL with INSERT on the table), else the report reads the whole log. Never a wrong report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.sqlite import SQLiteApplicationRecorder

from commands import loglezer
from ledger import ids, vastlegging

TABEL = loglezer.SELECTIE
GEMEENTE = loglezer.GEMEENTE  # touches every wijk: in every selection
GEEN = ""  # of no wijk: in no selection (it only counts)
KWARG = "selectie"  # the keyword of `insert_events` that carries the rows of one save
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

Rij = tuple[UUID, int, str, int, str | None, int | None]
"""(stream, version, wijk, periode, business date ISO or None, recorded moment in µs since 1970 UTC or None)"""


@dataclass(frozen=True)
class Selectie:
    """One wijk and one budget year; `bekend_op` as the report or saldo asks it (the prefix of the log)."""

    wijk: str
    periode: int
    bekend_op: date | None = None


@dataclass(frozen=True)
class Tellers:
    """What the whole log adds to the fold of a selection (up to `stop`, the end of the log as known)."""

    stop: int  # the last notification id of the log as read (as known on `bekend_op`)
    gelezen: int  # the last event of that prefix (0: none)
    laatste: int  # the last event in it with a business date on or before `tot` (0: none)
    buiten: int  # events outside the selection with such a date: they count in `gebeurtenissen`
    buiten_laatste_datum: date | None  # the latest business date among those


# --- which wijk and year -------------------------------------------------------------------------
def sleutel(soort: str, bron: Any, aanvraag: Callable[[int], tuple[str, int]]) -> tuple[str, int]:
    """(wijk, periode) of a stream of aggregate class `soort`, from the aggregate or its first event
    (`bron`: the same field names); `aanvraag` gives an aanvraag's by its number."""
    if soort == "Wijk":
        return str(bron.code), int(bron.periode)
    if soort in ("Aanvraag", "Voucher"):
        return str(bron.wijk), int(bron.periode)
    if soort in ("Verzending", "Bezwaar"):
        return aanvraag(int(bron.aanvraag))
    if soort in ("Factuur", "Verzoek"):
        return GEEN, 0
    return GEMEENTE, 0


def _soort(e: Any) -> str:
    """The aggregate an event belongs to, from its stored topic (`voucher.Wijk.Aangewezen`): the topic never
    changes, wherever the class comes to live."""
    from eventsourcing.utils import get_topic

    delen = get_topic(type(e)).split(".")
    return delen[1] if len(delen) == 3 and delen[0] == "voucher" else ""


def _rij(e: Any, wijk: str, periode: int) -> Rij:
    datum = getattr(e, "datum", None)
    moment = vastlegging.vastgelegd(e)
    return (
        e.originator_id,
        e.originator_version,
        wijk,
        periode,
        datum.isoformat() if isinstance(datum, date) else None,
        _microseconden(moment) if moment is not None else None,
    )


def _microseconden(moment: datetime) -> int:
    verschil = moment - _EPOCH
    return (verschil.days * 86_400 + verschil.seconds) * 1_000_000 + verschil.microseconds


def bij_opslaan(app: Any, events: Sequence[Any], aggregates: dict[UUID, Any]) -> list[Rij]:
    """The rows of one save, from the aggregates in hand (a Verzending or Bezwaar: its aanvraag, loaded)."""

    def aanvraag(nummer: int) -> tuple[str, int]:
        a = app.repository.get(ids.aanvraag_id(nummer), deepcopy_from_cache=False)
        return str(a.wijk), int(a.periode)

    rijen = []
    for e in events:
        agg = aggregates.get(e.originator_id)
        wijk, periode = sleutel(type(agg).__name__, agg, aanvraag) if agg is not None else (GEMEENTE, 0)
        rijen.append(_rij(e, wijk, periode))
    return rijen


def uit_het_log(genummerd: Iterable[tuple[int, Any]]) -> Iterator[tuple[int, Rij]]:
    """(notification id, row) for every event of the log, from the log alone: a stream's wijk and year
    from its first event, by the same `sleutel` as when saving."""
    stromen: dict[UUID, tuple[str, int]] = {}
    aanvragen: dict[int, tuple[str, int]] = {}
    for positie, e in genummerd:
        k = stromen.get(e.originator_id)
        if k is None:
            soort = _soort(e)
            k = stromen[e.originator_id] = sleutel(soort, e, lambda n: aanvragen[n])
            if soort == "Aanvraag":
                aanvragen[int(e.nummer)] = k
        yield positie, _rij(e, *k)


# --- the table --------------------------------------------------------------------------------------
SQLITE_TABEL = (
    f"CREATE TABLE IF NOT EXISTS {TABEL} (notification_id INTEGER PRIMARY KEY, originator_id TEXT NOT NULL, "
    "wijk TEXT NOT NULL, periode INTEGER NOT NULL, datum TEXT, vastgelegd INTEGER)"
)
SQLITE_INDEX = f"CREATE INDEX IF NOT EXISTS {TABEL}_wijk ON {TABEL} (wijk, periode, notification_id)"
SQLITE_DATUM = f"CREATE INDEX IF NOT EXISTS {TABEL}_datum ON {TABEL} (datum, wijk, periode)"  # the figures of `tellers`
PG_TABEL = (
    f"CREATE TABLE IF NOT EXISTS {TABEL} (notification_id bigint PRIMARY KEY, originator_id uuid NOT NULL, "
    "wijk text NOT NULL, periode integer NOT NULL, datum text, vastgelegd bigint)"
)
PG_INDEX = f"CREATE INDEX IF NOT EXISTS {TABEL}_wijk ON {TABEL} (wijk, periode, notification_id)"
PG_DATUM = f"CREATE INDEX IF NOT EXISTS {TABEL}_datum ON {TABEL} (datum, wijk, periode, notification_id)"
KOPPEN = "vouchers_logkoppen"
"""Log heads a report noted (position, head): where the next `logkop` starts (see `koppunt`)."""
SQLITE_KOPPEN = f"CREATE TABLE IF NOT EXISTS {KOPPEN} (positie INTEGER PRIMARY KEY, kop TEXT NOT NULL)"
PG_KOPPEN = f"CREATE TABLE IF NOT EXISTS {KOPPEN} (positie bigint PRIMARY KEY, kop text NOT NULL)"
NOTEER_NA = 1_000  # a head is noted when it took at least this many events to reach it


def is_postgres(recorder: Any) -> bool:
    return hasattr(recorder, "datastore") and not loglezer.is_sqlite(recorder)


class VoucherSQLiteRecorder(SQLiteApplicationRecorder):
    """eventsourcing's SQLite recorder, writing the rows of the selection index with the events (same
    transaction). A store whose table does not exist yet writes the events alone: its index is
    incomplete, and completed from the log at first use (`vul_aan`)."""

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), SQLITE_TABEL, SQLITE_INDEX, SQLITE_DATUM, SQLITE_KOPPEN]

    def _insert_events(self, c: Any, stored_events: Any, **kwargs: Any) -> Any:
        nummers = self._voeg_in(c, stored_events)
        rijen = kwargs.get(KWARG)
        if rijen and nummers and _sqlite_tabel_bestaat(c):
            per_event = {(r[0], r[1]): r for r in rijen}
            c.executemany(
                f"INSERT INTO {TABEL} VALUES (?,?,?,?,?,?)",  # noqa: S608 - our table name
                [
                    (n, s.originator_id.hex, *per_event[(s.originator_id, s.originator_version)][2:])
                    for s, n in zip(stored_events, nummers, strict=True)
                    if (s.originator_id, s.originator_version) in per_event
                ],
            )
        return nummers

    def _voeg_in(self, c: Any, stored_events: Sequence[Any]) -> list[int]:
        """The events in one executemany, and their notification ids (rowids), as eventsourcing 9.5.6's
        `SQLiteApplicationRecorder._insert_events` gives them with an INSERT and a `lastrowid` per event.

        In the write transaction no other writer inserts, and SQLite gives a row without a rowid the
        largest rowid plus one: the batch has the last n rowids up to the largest one now. Only when the
        largest possible rowid was reached does SQLite choose others (at random): then each is asked."""
        if not stored_events:
            return []
        c.executemany(
            self.insert_events_statement,
            [
                (
                    s.originator_id.hex if isinstance(s.originator_id, UUID) else s.originator_id,
                    s.originator_version,
                    s.topic,
                    s.state,
                )
                for s in stored_events
            ],
        )
        c.execute(f"SELECT MAX(rowid) FROM {self.events_table_name}")  # noqa: S608 - our table name
        laatste = int(c.fetchone()[0])
        if laatste < GROOTSTE_ROWID:
            return list(range(laatste - len(stored_events) + 1, laatste + 1))
        nummers = []
        for s in stored_events:
            c.execute(
                f"SELECT rowid FROM {self.events_table_name} WHERE originator_id = ? AND originator_version = ?",  # noqa: S608
                (s.originator_id.hex if isinstance(s.originator_id, UUID) else s.originator_id, s.originator_version),
            )
            nummers.append(int(c.fetchone()[0]))
        return nummers


GROOTSTE_ROWID = 2**63 - 1


def _sqlite_tabel_bestaat(c: Any) -> bool:
    c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABEL,))
    return c.fetchone() is not None


def maak_tabel(app: Any) -> None:
    """Create the table and its index (SQLite: at init or first use; PostgreSQL: by the owner at init)."""
    recorder = app.recorder
    with recorder.datastore.transaction(commit=True) as c:
        pg = (PG_TABEL, PG_INDEX, PG_DATUM, PG_KOPPEN)
        for statement in pg if is_postgres(recorder) else (SQLITE_TABEL, SQLITE_INDEX, SQLITE_DATUM, SQLITE_KOPPEN):
            c.execute(statement)


def richt_in(app: Any) -> None:
    """`voucher init` (again): the table, and on an older store its rows from the log."""
    from commands.opslag import is_opslagfout, opslagfout

    if not hasattr(app.recorder, "datastore"):
        return
    try:
        maak_tabel(app)
        vul_aan(app)
    except Exception as e:
        if is_opslagfout(e):
            raise opslagfout(e) from None
        raise


def _tabel_bestaat(app: Any, tabel: str = TABEL) -> bool:
    recorder = app.recorder
    with recorder.datastore.transaction(commit=False) as c:
        if is_postgres(recorder):
            c.execute("SELECT to_regclass(%s) IS NOT NULL AS er", (tabel,))
            return bool(c.fetchone()["er"])
        c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (tabel,))
        return c.fetchone() is not None


# --- log heads noted by reports -------------------------------------------------------------------
def koppunt(app: Any, tot: int | None) -> tuple[int, str]:
    """The noted log head nearest before `tot` (all of the log: None), or the start of the log.

    The log head is a chain over every event (ledger/keten.py), so the head at a position follows
    from a head before it and the events in between: a report reads only those. A head is noted by
    the report that walked far to it (`noteer_koppunt`); it is a shortcut, never evidence: `voucher
    verifieer --kop` recomputes the head from the whole log, so a wrong note makes a report's
    ketenkop fail that check instead of passing a changed history."""
    from ledger.keten import GENESIS

    begin = (0, GENESIS)
    if not hasattr(app.recorder, "datastore") or not _tabel_bestaat(app, KOPPEN):
        return begin
    sql = f"SELECT positie, kop FROM {KOPPEN}" + (" WHERE positie <= ?" if tot is not None else "")  # noqa: S608
    try:
        rij = _een(app, sql + " ORDER BY positie DESC LIMIT 1", [tot] if tot is not None else [])
    except Exception as e:  # a login that may read the log but not the notes (README, PostgreSQL): from the start
        from commands.opslag import is_opslagfout

        if not is_opslagfout(e):
            raise
        return begin
    return (int(rij[0]), str(rij[1])) if rij else begin


def noteer_koppunt(app: Any, paar: tuple[int, str], gelezen: int) -> None:
    """Note the head at a position reached after `gelezen` events (at least NOTEER_NA), where this login may."""
    if gelezen < NOTEER_NA or not hasattr(app.recorder, "datastore") or not _tabel_bestaat(app, KOPPEN):
        return
    postgres = is_postgres(app.recorder)
    sql = (
        f"INSERT INTO {KOPPEN} VALUES (%s, %s) ON CONFLICT (positie) DO NOTHING"  # noqa: S608
        if postgres
        else f"INSERT OR IGNORE INTO {KOPPEN} VALUES (?, ?)"  # noqa: S608
    )
    try:
        with app.recorder.datastore.transaction(commit=True) as c:
            c.execute(sql, paar)
    except Exception as e:
        from commands.opslag import is_opslagfout

        if not is_opslagfout(e):
            raise


def _een(app: Any, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...]:
    recorder = app.recorder
    postgres = is_postgres(recorder)
    with recorder.datastore.transaction(commit=False) as c:
        if not postgres:
            c.row_factory = None
        c.execute(sql.replace("?", "%s") if postgres else sql, params)
        rij = c.fetchone()
    if rij is None:
        return ()
    return tuple(rij.values()) if isinstance(rij, dict) else tuple(rij)


def _stand(app: Any) -> tuple[tuple[int, int], tuple[int, int]]:
    """((events, last id) of the log, (rows, last id) of the index), in one statement: one snapshot of both."""
    tabel = app.recorder.events_table_name
    kolom = "notification_id" if is_postgres(app.recorder) else "rowid"
    n_log, max_log, n_index, max_index = _een(
        app,
        f"SELECT (SELECT count(*) FROM {tabel}) AS n_log, (SELECT coalesce(max({kolom}), 0) FROM {tabel}) AS max_log, "  # noqa: S608 - our table names
        f"(SELECT count(*) FROM {TABEL}) AS n_index, (SELECT coalesce(max(notification_id), 0) FROM {TABEL}) AS max_index",
    )
    return (int(n_log), int(max_log)), (int(n_index), int(max_index))


def volledig(app: Any) -> int | None:
    """The last notification id when every stored event up to it has its row (and no row is without its
    event: the ids are unique and the log only grows); None when the index is missing or incomplete."""
    if not hasattr(app.recorder, "datastore") or not _tabel_bestaat(app):
        return None
    log, index = _stand(app)
    return log[1] if log == index else None


def vul_aan(app: Any) -> int | None:
    """Complete the index from the log where rows are missing (an older store, or events an older program
    wrote); returns `volledig` afterwards. Where this login may not (PostgreSQL without the table or
    without INSERT on it), nothing is written (None) and the caller reads the whole log."""
    if not hasattr(app.recorder, "datastore"):
        return None
    postgres = is_postgres(app.recorder)
    try:
        if not (_tabel_bestaat(app) and _tabel_bestaat(app, KOPPEN)):
            if postgres:
                return None  # the owner makes them, with their privileges (`voucher init`)
            maak_tabel(app)
        if (stand := volledig(app)) is not None:
            return stand
        _schrijf(app, uit_het_log(app.genummerd()), postgres)
    except Exception as e:
        from commands.opslag import is_opslagfout

        if not is_opslagfout(e):
            raise
        return None  # read-only, no privilege, a lock held too long: this report reads the whole log
    return volledig(app)


def _schrijf(app: Any, rijen: Iterable[tuple[int, Rij]], postgres: bool) -> None:
    if postgres:
        sql = f"INSERT INTO {TABEL} VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (notification_id) DO NOTHING"  # noqa: S608
    else:
        sql = f"INSERT OR IGNORE INTO {TABEL} VALUES (?,?,?,?,?,?)"  # noqa: S608
    deel: list[tuple[Any, ...]] = []

    def schrijf() -> None:
        with app.recorder.datastore.transaction(commit=True) as c:
            c.executemany(sql, deel)
        deel.clear()

    for positie, (stroom, _versie, *rest) in rijen:
        deel.append((positie, stroom if postgres else stroom.hex, *rest))
        if len(deel) >= loglezer.BATCH:
            schrijf()
    if deel:
        schrijf()


def bruikbaar(app: Any) -> int | None:
    """The last notification id the index answers for now (complete, or completed from the log just now);
    None: read the whole log."""
    try:
        stand = volledig(app)
        return stand if stand is not None else vul_aan(app)
    except Exception as e:
        from commands.opslag import is_opslagfout

        if is_opslagfout(e):
            return None
        raise


# --- what the whole log adds ----------------------------------------------------------------------
def grens(app: Any, bekend_op: date | None, stand: int) -> int:
    """The last notification id of the log as known at the end of `bekend_op` (ledger/vastlegging.py: the
    longest prefix recorded by then), at most `stand` (what the index answered for when it was checked:
    the fold and its figures rest on the same log, whatever is written meanwhile)."""
    if bekend_op is None:
        return stand
    moment = _microseconden(vastlegging.einde_van(bekend_op))
    sql = f"SELECT min(notification_id) AS eerste FROM {TABEL} WHERE vastgelegd >= ? AND notification_id <= ?"  # noqa: S608
    (eerste,) = _een(app, sql, (moment, stand))
    return int(eerste) - 1 if eerste is not None else stand


def laatste_gedateerd(app: Any, per: date, stop: int) -> int:
    """The notification id of the last event up to `stop` with a business date on or before `per` (0: none):
    where `vouw` puts the log head of a replay up to `per` (projections/vouwen.py). From the top of the
    log down: the first row that qualifies ends the scan."""
    sql = (
        f"SELECT notification_id FROM {TABEL} WHERE notification_id <= ? AND datum IS NOT NULL AND datum <= ? "  # noqa: S608 - our table name
        "ORDER BY notification_id DESC LIMIT 1"
    )
    rij = _een(app, sql, (stop, per.isoformat()))
    return int(rij[0]) if rij else 0


def tellers(app: Any, selectie: Selectie, tot: date | None, stop: int) -> Tellers:
    """The figures of the whole log (up to `stop`) that a report or saldo of `selectie` shows, by the fold's
    rule (see the module docstring): the last event read, and over the events dated by `tot` the last one,
    how many lie outside the selection, and the latest date among those. Narrow index scans: a count over
    the dates, the selection's own rows, and the latest date outside it from the top of the dates down."""
    gedateerd = "datum IS NOT NULL" + (" AND datum <= ?" if tot is not None else "") + " AND notification_id <= ?"
    datum = [tot.isoformat()] if tot is not None else []
    binnen = "((wijk = ? AND periode = ?) OR (wijk = ? AND periode = 0))"
    sleutel = [selectie.wijk, selectie.periode, GEMEENTE]
    van = f"FROM {TABEL} WHERE "  # our table name: no input in any of these statements but their parameters
    (gelezen,) = _een(app, "SELECT coalesce(max(notification_id), 0) AS n " + van + "notification_id <= ?", [stop])
    totaal, laatste = _een(
        app, "SELECT count(*) AS n, coalesce(max(notification_id), 0) AS laatste " + van + gedateerd, [*datum, stop]
    )
    (eigen,) = _een(app, "SELECT count(*) AS n " + van + binnen + " AND " + gedateerd, [*sleutel, *datum, stop])
    hoogste = _een(
        app,
        "SELECT datum " + van + gedateerd + " AND NOT " + binnen + " ORDER BY datum DESC LIMIT 1",
        [*datum, stop, *sleutel],
    )
    return Tellers(
        stop,
        int(gelezen),
        int(laatste),
        int(totaal) - int(eigen),
        date.fromisoformat(hoogste[0]) if hoogste else None,
    )
