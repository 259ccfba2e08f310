"""The view tables: their schema, and the thin SQL layer between the fold and the store.

The tables live next to the events, in the same database, so that view rows and the
tracking position commit in one transaction with the rows they summarise:

    vouchers_proj_tracking   projectie, notification_id, versie, kop  (one row: 'leesmodellen';
                             kop = the log head at notification_id, ledger/keten.py)
    vouchers_proj_gemeente   the beslistermijn the fold needs
    vouchers_proj_saldo      per wijk and budget year
    vouchers_proj_aanvragen  the register, without personal data
    vouchers_proj_vouchers   every voucher with its restant
    vouchers_proj_kasboek    every line of the kasboek, keyed by notification id

Columns come from the row dataclasses (projections/rijen.py): `int` is BIGINT (money in
whole cents), `date` is DATE on PostgreSQL and ISO text on SQLite, UUIDs and lists are
text. Derived figures are written as extra columns for direct SQL use and never read back.
`SQLToestand` is the fold's `Toestand` for one batch: it loads the rows the batch touches
(one query per table), keeps them by key, and writes back only what changed (upserts,
`INSERT ... ON CONFLICT`, which both stores understand). No rule lives here.
"""

from __future__ import annotations

import itertools
import operator
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from functools import cached_property
from types import UnionType
from typing import Any
from uuid import UUID

from ledger.keten import GENESIS
from projections.rijen import AanvraagRij, GemeenteRij, KasboekRij, SaldoRij, VoucherRij
from projections.vouwen import Geheugen

PREFIX = "vouchers_proj_"
TRACKING = PREFIX + "tracking"
PROJECTIE = "leesmodellen"
VERSIE = 5  # 5: the kasboek carries each terugvordering and terugontvangst (Awb 4:57)
"""Raise when the fold or a table changes: a store with an older version is rebuilt on its next catch-up."""


# --- dialects -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Dialect:
    naam: str  # "sqlite" | "postgresql"
    geheel: str  # the type of whole numbers (money in cents)
    datum: str

    def sql(self, tekst: str) -> str:
        """Statements are written with `?`; psycopg wants `%s`."""
        return tekst if self.naam == "sqlite" else tekst.replace("?", "%s")

    def naar(self, soort: str, waarde: Any) -> Any:
        return None if waarde is None else self.omzetter(soort)(waarde)

    def omzetter(self, soort: str) -> Callable[[Any], Any]:
        """How a value (not None) of this kind is stored by this driver."""
        if soort == "uuid":
            return str
        if soort == "datum" and self.naam == "sqlite":
            return _ISO
        if soort == "lijst":
            return ",".join
        return _zelf

    def van(self, soort: str, waarde: Any) -> Any:
        if soort == "lijst":
            return tuple(waarde.split(",")) if waarde else ()
        if waarde is None:
            return None
        if soort == "uuid":
            return UUID(waarde)
        if soort == "datum" and isinstance(waarde, str):
            return date.fromisoformat(waarde)
        return waarde


def _zelf(waarde: Any) -> Any:
    return waarde


_ISO = operator.methodcaller("isoformat")


# Kinds each driver stores and returns as they are: no conversion per value (a catch-up converts ~20 values per row).
_ONVERANDERD = {"sqlite": frozenset({"geheel", "tekst"}), "postgresql": frozenset({"geheel", "tekst", "datum"})}

SQLITE = Dialect("sqlite", "INTEGER", "TEXT")
POSTGRES = Dialect("postgresql", "BIGINT", "DATE")


class Cursor:
    """One cursor of either store, with `?` placeholders and rows readable by column name."""

    def __init__(self, ruw: Any, dialect: Dialect) -> None:
        self.ruw = ruw
        self.dialect = dialect

    def voer_uit(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.ruw.execute(self.dialect.sql(sql), tuple(params))

    def voer_veel_uit(self, sql: str, rijen: list[tuple[Any, ...]]) -> None:
        if rijen:
            self.ruw.executemany(self.dialect.sql(sql), rijen)

    def alle(self) -> list[Mapping[str, Any]]:
        return list(self.ruw.fetchall())

    def een(self) -> Mapping[str, Any] | None:
        rij: Mapping[str, Any] | None = self.ruw.fetchone()
        return rij

    def bestaat(self, tabel: str) -> bool:
        if self.dialect.naam == "sqlite":
            self.voer_uit("SELECT 1 AS er FROM sqlite_master WHERE type = 'table' AND name = ?", (tabel,))
            return self.een() is not None
        self.voer_uit("SELECT to_regclass(?) IS NOT NULL AS er", (tabel,))
        rij = self.een()
        return bool(rij and rij["er"])


# --- tables from the row dataclasses ------------------------------------------------------------
def _soort(hint: Any) -> tuple[str, bool]:
    """(column kind, nullable) of a field's type hint."""
    nullable = False
    if isinstance(hint, UnionType) or typing.get_origin(hint) is typing.Union:
        delen = [d for d in typing.get_args(hint) if d is not type(None)]
        nullable, hint = True, delen[0]
    if hint is UUID:
        return "uuid", nullable
    if hint is date:
        return "datum", nullable
    if hint is int:
        return "geheel", nullable
    if hint is str:
        return "tekst", nullable
    if typing.get_origin(hint) is tuple:
        return "lijst", False  # an empty list is '' rather than NULL
    raise TypeError(f"geen kolomsoort voor {hint!r}")


@dataclass(frozen=True)
class Kolom:
    naam: str
    soort: str
    nullable: bool


@dataclass(frozen=True)
class Tabel:
    naam: str
    rij: type
    sleutel: str
    volgorde: str
    afgeleid: tuple[tuple[str, str], ...] = ()  # (property, kind): written, never read
    indexen: tuple[tuple[str, ...], ...] = ()
    uniek: tuple[tuple[str, ...], ...] = ()

    @cached_property
    def kolommen(self) -> list[Kolom]:
        hints = typing.get_type_hints(self.rij)
        uit = []
        for f in fields(self.rij):
            soort, nullable = _soort(hints[f.name])
            uit.append(Kolom(f.name, soort, nullable))
        return uit

    @cached_property
    def alle_kolommen(self) -> list[Kolom]:
        return self.kolommen + [Kolom(naam, soort, True) for naam, soort in self.afgeleid]

    def ddl(self, d: Dialect, indexen: bool = True) -> list[str]:
        typen = {"uuid": "TEXT", "tekst": "TEXT", "lijst": "TEXT", "geheel": d.geheel, "datum": d.datum}
        regels = [
            f"{k.naam} {typen[k.soort]}{'' if k.nullable else ' NOT NULL'}"
            + (" PRIMARY KEY" if k.naam == self.sleutel else "")
            for k in self.alle_kolommen
        ]
        regels += [f"UNIQUE ({', '.join(u)})" for u in self.uniek]
        uit = [f"CREATE TABLE {self.naam} (\n  " + ",\n  ".join(regels) + "\n)"]
        return uit + (self.index_ddl() if indexen else [])

    def index_ddl(self) -> list[str]:
        return [f"CREATE INDEX {self.naam}_{'_'.join(i)} ON {self.naam} ({', '.join(i)})" for i in self.indexen]

    def naar_sql(self, rij: Any, d: Dialect) -> tuple[Any, ...]:
        # Every column in one C call (attrgetter), then only the values this driver cannot store as they are.
        waarden: tuple[Any, ...] = self._waarden(rij)
        om = self._om_te_zetten[d.naam]
        if not om:
            return waarden
        lijst = list(waarden)
        for i, omzetter in om:
            if (w := lijst[i]) is not None:
                lijst[i] = omzetter(w)
        return tuple(lijst)

    @cached_property
    def _waarden(self) -> Callable[[Any], tuple[Any, ...]]:
        return operator.attrgetter(*(naam for naam, _ in self._naam_soort))

    @cached_property
    def _om_te_zetten(self) -> dict[str, tuple[tuple[int, Callable[[Any], Any]], ...]]:
        """Per driver: (column index, `Dialect.omzetter`) of the columns whose values are converted on the way in."""
        return {
            d.naam: tuple(
                (i, d.omzetter(soort))
                for i, (_, soort) in enumerate(self._naam_soort)
                if soort not in _ONVERANDERD[d.naam]
            )
            for d in (SQLITE, POSTGRES)
        }

    def van_sql(self, rij: Mapping[str, Any], d: Dialect) -> Any:
        onveranderd = _ONVERANDERD[d.naam]
        return self.rij(
            **{
                naam: rij[naam] if soort in onveranderd else d.van(soort, rij[naam])
                for naam, soort in self._naam_soort[: len(self.kolommen)]
            }
        )

    @cached_property
    def _naam_soort(self) -> tuple[tuple[str, str], ...]:
        return tuple((k.naam, k.soort) for k in self.alle_kolommen)

    @cached_property
    def select(self) -> str:
        return f"SELECT {', '.join(k.naam for k in self.kolommen)} FROM {self.naam}"  # noqa: S608 - names are this module's constants

    @cached_property
    def upsert(self) -> str:
        namen = [k.naam for k in self.alle_kolommen]
        zet = ", ".join(f"{n} = excluded.{n}" for n in namen if n != self.sleutel)
        return (
            f"INSERT INTO {self.naam} ({', '.join(namen)}) VALUES ({', '.join('?' * len(namen))}) "  # noqa: S608 - names are this module's constants
            f"ON CONFLICT ({self.sleutel}) DO UPDATE SET {zet}"
        )

    @cached_property
    def insert(self) -> str:
        namen = [k.naam for k in self.alle_kolommen]
        return f"INSERT INTO {self.naam} ({', '.join(namen)}) VALUES ({', '.join('?' * len(namen))})"  # noqa: S608 - names are this module's constants


GEMEENTE = Tabel(PREFIX + "gemeente", GemeenteRij, "gemeente_id", "gemeente_id")
SALDO = Tabel(
    PREFIX + "saldo",
    SaldoRij,
    "wijk_id",
    "wijk, periode",
    afgeleid=(("uitstaand", "geheel"), ("beschikbaar", "geheel")),
    uniek=(("wijk", "periode"),),
)
AANVRAGEN = Tabel(
    PREFIX + "aanvragen",
    AanvraagRij,
    "aanvraag_id",
    "nummer",
    afgeleid=(("beslissen_voor", "datum"),),
    uniek=(("nummer",),),
    indexen=(("wijk", "periode"), ("status",)),
)
VOUCHERS = Tabel(
    PREFIX + "vouchers",
    VoucherRij,
    "voucher_id",
    "code",
    afgeleid=(("restant", "geheel"), ("status", "tekst")),
    uniek=(("code",),),
    indexen=(("wijk", "periode"),),
)
KASBOEK = Tabel(PREFIX + "kasboek", KasboekRij, "positie", "positie", indexen=(("wijk", "periode"), ("voucher",)))

TABELLEN = (GEMEENTE, SALDO, AANVRAGEN, VOUCHERS, KASBOEK)


# --- schema and tracking --------------------------------------------------------------------------
def maak_tabellen(c: Cursor, indexen: bool = True) -> None:
    """The tables and the tracking row; without `indexen` the secondary indexes are left for
    `maak_indexen` (a rebuild fills the tables first: one sort per index instead of an insert per row)."""
    c.voer_uit(
        f"CREATE TABLE {TRACKING} (projectie TEXT PRIMARY KEY, notification_id {c.dialect.geheel} NOT NULL, "
        "versie INTEGER NOT NULL, kop TEXT NOT NULL)"
    )
    for tabel in TABELLEN:
        for statement in tabel.ddl(c.dialect, indexen):
            c.voer_uit(statement)
    c.voer_uit(
        f"INSERT INTO {TRACKING} (projectie, notification_id, versie, kop) VALUES (?, 0, ?, ?)",  # noqa: S608 - names are this module's constants
        (PROJECTIE, VERSIE, GENESIS),
    )


def maak_indexen(c: Cursor) -> None:
    for tabel in TABELLEN:
        for statement in tabel.index_ddl():
            c.voer_uit(statement)


def verwijder_tabellen(c: Cursor) -> None:
    for naam in (*(t.naam for t in TABELLEN), TRACKING):
        c.voer_uit(f"DROP TABLE IF EXISTS {naam}")


def lees_tracking(c: Cursor) -> tuple[int, int] | None:
    """(position, version), or None when the views were never made in this store."""
    if not c.bestaat(TRACKING):
        return None
    c.voer_uit(f"SELECT notification_id, versie FROM {TRACKING} WHERE projectie = ?", (PROJECTIE,))  # noqa: S608 - names are this module's constants
    rij = c.een()
    return (int(rij["notification_id"]), int(rij["versie"])) if rij else None


def lees_kop(c: Cursor) -> tuple[int, str]:
    """(position, log head at it) of the views: where the next batch continues the head from."""
    c.voer_uit(f"SELECT notification_id, kop FROM {TRACKING} WHERE projectie = ?", (PROJECTIE,))  # noqa: S608 - names are this module's constants
    rij = c.een()
    return (int(rij["notification_id"]), str(rij["kop"])) if rij else (0, GENESIS)


def zet_positie(c: Cursor, positie: int, kop: str) -> None:
    c.voer_uit(
        f"UPDATE {TRACKING} SET notification_id = ?, kop = ? WHERE projectie = ?",  # noqa: S608 - names are this module's constants
        (positie, kop, PROJECTIE),
    )


# --- one batch of the fold against the tables ---------------------------------------------------------
class SQLToestand:
    """The fold's Toestand for one batch, inside the catch-up's transaction."""

    def __init__(self, c: Cursor) -> None:
        self.c = c
        self._rijen: dict[Tabel, dict[Any, Any]] = {t: {} for t in (GEMEENTE, SALDO, AANVRAGEN, VOUCHERS)}
        self._gewijzigd: dict[Tabel, dict[Any, Any]] = {t: {} for t in self._rijen}
        self._kasboek: list[KasboekRij] = []
        self._alles_geladen: set[Tabel] = set()

    def laad(self, tabel: Tabel, sleutels: Iterable[Any] | None = None) -> None:
        """Load rows into the batch: all of them (sleutels None) or these keys; a key not found is remembered as absent."""
        if sleutels is None:
            self.c.voer_uit(tabel.select)
            for rij in self.c.alle():
                r = tabel.van_sql(rij, self.c.dialect)
                self._rijen[tabel][getattr(r, tabel.sleutel)] = r
            self._alles_geladen.add(tabel)
            return
        nieuw = [s for s in set(sleutels) if s not in self._rijen[tabel]]
        for begin in range(0, len(nieuw), 500):
            deel = nieuw[begin : begin + 500]
            self.c.voer_uit(
                f"{tabel.select} WHERE {tabel.sleutel} IN ({', '.join('?' * len(deel))})",
                [self.c.dialect.naar("uuid", s) for s in deel],
            )
            for rij in self.c.alle():
                r = tabel.van_sql(rij, self.c.dialect)
                self._rijen[tabel][getattr(r, tabel.sleutel)] = r
            for s in deel:
                self._rijen[tabel].setdefault(s, None)

    def _zoek(self, tabel: Tabel, sleutel: Any) -> Any:
        if sleutel not in self._rijen[tabel] and tabel not in self._alles_geladen:
            self.laad(tabel, [sleutel])
        return self._rijen[tabel].get(sleutel)

    def gemeente(self) -> GemeenteRij | None:
        if GEMEENTE not in self._alles_geladen:
            self.laad(GEMEENTE)
        return next((r for r in self._rijen[GEMEENTE].values() if r is not None), None)

    def saldo(self, wijk_id: UUID) -> SaldoRij | None:
        rij: SaldoRij | None = self._zoek(SALDO, wijk_id)
        return rij

    def voucher(self, voucher_id: UUID) -> VoucherRij | None:
        rij: VoucherRij | None = self._zoek(VOUCHERS, voucher_id)
        return rij

    def aanvraag(self, aanvraag_id: UUID) -> AanvraagRij | None:
        rij: AanvraagRij | None = self._zoek(AANVRAGEN, aanvraag_id)
        return rij

    def bewaar(self, rij: GemeenteRij | SaldoRij | VoucherRij | AanvraagRij) -> None:
        tabel = {GemeenteRij: GEMEENTE, SaldoRij: SALDO, VoucherRij: VOUCHERS, AanvraagRij: AANVRAGEN}[type(rij)]
        sleutel = getattr(rij, tabel.sleutel)
        self._rijen[tabel][sleutel] = rij
        self._gewijzigd[tabel][sleutel] = rij

    def boek(self, rij: KasboekRij) -> None:
        self._kasboek.append(rij)

    def schrijf(self) -> int:
        """Write every changed row; returns how many rows were written."""
        d = self.c.dialect
        aantal = 0
        for tabel, rijen in self._gewijzigd.items():
            self.c.voer_veel_uit(tabel.upsert, [tabel.naar_sql(r, d) for r in rijen.values()])
            aantal += len(rijen)
        # Plain INSERT: the notification id is the key, so a line can never be booked twice.
        self.c.voer_veel_uit(KASBOEK.insert, [KASBOEK.naar_sql(r, d) for r in self._kasboek])
        return aantal + len(self._kasboek)


# --- a whole rebuild in one pass -----------------------------------------------------------------------------
class HerbouwToestand(Geheugen):
    """The fold of the whole log for `herbouw`, in memory, with the rows written as it goes.

    Kasboek lines are written as they come, in chunks. Saldo rows (a few per wijk and year) stay
    in memory to the end. Vouchers and aanvragen are one row per thing, hundreds of thousands in
    a large log: when more than GRENS of one kind are held, the oldest half is written (an
    upsert: a row written before is replaced) and let go. A later event on one of those reads
    its row back (one query); events on a voucher or aanvraag mostly come soon after its
    creation, so that is rare. Memory stays bounded whatever the length of the log, and every
    row is still the fold's own: what is written and read back are the columns of the row.
    """

    STUK = 5000
    GRENS = 20_000

    def __init__(self, c: Cursor) -> None:
        super().__init__()
        self.c = c
        self.geboekt = 0
        self._weggeschreven: set[Tabel] = set()  # tables with rows written (and let go) before the end

    def voucher(self, voucher_id: UUID) -> VoucherRij | None:
        rij = self.vouchers.get(voucher_id)
        if rij is None and VOUCHERS in self._weggeschreven:
            rij = self._lees_terug(VOUCHERS, voucher_id)
            if rij is not None:
                self.vouchers[voucher_id] = rij
        return rij

    def aanvraag(self, aanvraag_id: UUID) -> AanvraagRij | None:
        rij = self.aanvragen.get(aanvraag_id)
        if rij is None and AANVRAGEN in self._weggeschreven:
            rij = self._lees_terug(AANVRAGEN, aanvraag_id)
            if rij is not None:
                self.aanvragen[aanvraag_id] = rij
        return rij

    def _lees_terug(self, tabel: Tabel, sleutel: UUID) -> Any:
        self.c.voer_uit(f"{tabel.select} WHERE {tabel.sleutel} = ?", (self.c.dialect.naar("uuid", sleutel),))
        rij = self.c.een()
        return tabel.van_sql(rij, self.c.dialect) if rij is not None else None

    def bewaar(self, rij: GemeenteRij | SaldoRij | VoucherRij | AanvraagRij) -> None:
        super().bewaar(rij)
        if len(self.vouchers) > self.GRENS:
            self._schrijf_oudste(VOUCHERS, self.vouchers)
        elif len(self.aanvragen) > self.GRENS:
            self._schrijf_oudste(AANVRAGEN, self.aanvragen)

    def _schrijf_oudste(self, tabel: Tabel, rijen: dict[UUID, Any]) -> None:
        d = self.c.dialect
        weg = [rijen.pop(s) for s in list(itertools.islice(rijen, len(rijen) // 2))]
        self.c.voer_veel_uit(tabel.upsert, [tabel.naar_sql(r, d) for r in weg])
        self._weggeschreven.add(tabel)

    def boek(self, rij: KasboekRij) -> None:
        self.kasboek.append(rij)
        if len(self.kasboek) >= self.STUK:
            self._schrijf_kasboek()

    def _schrijf_kasboek(self) -> None:
        d = self.c.dialect
        self.c.voer_veel_uit(KASBOEK.insert, [KASBOEK.naar_sql(r, d) for r in self.kasboek])
        self.geboekt += len(self.kasboek)
        self.kasboek.clear()

    def schrijf(self) -> None:
        d = self.c.dialect
        if self.gemeente_rij is not None:
            self.c.voer_uit(GEMEENTE.insert, GEMEENTE.naar_sql(self.gemeente_rij, d))
        for tabel, rijen in ((SALDO, self.saldi), (VOUCHERS, self.vouchers), (AANVRAGEN, self.aanvragen)):
            sql = tabel.upsert if tabel in self._weggeschreven else tabel.insert
            self.c.voer_veel_uit(sql, [tabel.naar_sql(r, d) for r in rijen.values()])
        self._schrijf_kasboek()


# --- reading the views ------------------------------------------------------------------------------------
class SQLLeesmodel:
    """The stored views, answering the same questions as the in-memory fold (vouwen.Geheugen)."""

    def __init__(self, c: Cursor) -> None:
        self.c = c

    def _lees(self, tabel: Tabel, waar: str = "", params: Sequence[Any] = ()) -> list[Any]:
        self.c.voer_uit(f"{tabel.select}{waar} ORDER BY {tabel.volgorde}", params)
        return [tabel.van_sql(r, self.c.dialect) for r in self.c.alle()]

    def saldo_rijen(self) -> list[SaldoRij]:
        return self._lees(SALDO)

    def voucher_rijen(self) -> list[VoucherRij]:
        return self._lees(VOUCHERS)

    def aanvraag_rijen(self) -> list[AanvraagRij]:
        return self._lees(AANVRAGEN)

    def kasboek_rijen(
        self, wijk: str | None = None, voucher: str | None = None, periode: int | None = None
    ) -> list[KasboekRij]:
        voorwaarden, params = [], []
        for kolom, waarde in (("wijk", wijk), ("voucher", voucher), ("periode", periode)):
            if waarde is not None:
                voorwaarden.append(f"{kolom} = ?")
                params.append(waarde)
        waar = f" WHERE {' AND '.join(voorwaarden)}" if voorwaarden else ""
        return self._lees(KASBOEK, waar, params)

    def ketenkop(self) -> tuple[int, str]:
        """(position, log head) the views stand at."""
        return lees_kop(self.c)

    def aantallen(self) -> dict[str, int]:
        uit = {}
        for tabel in (SALDO, AANVRAGEN, VOUCHERS, KASBOEK):
            self.c.voer_uit(f"SELECT COUNT(*) AS n FROM {tabel.naam}")  # noqa: S608 - names are this module's constants
            rij = self.c.een()
            uit[tabel.naam.removeprefix(PREFIX)] = int(rij["n"]) if rij else 0
        return uit
