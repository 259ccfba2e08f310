"""Reading an up-to-date SQLite view without loading the event store library.

A read command mostly finds the views current: nothing to catch up, nothing to decode. Then
the answer is a query on the file, and loading eventsourcing (a third of a command's start)
buys nothing. This path opens the file read-only, checks in one read transaction that the
tracked position is the log's last event (and the views are of this version, and the
gemeente exists), and answers; anything else — behind, another version, no views, no file,
PostgreSQL — returns None and the caller takes the full path (catch up, then read).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ledger.fouten import NietGevonden
from projections.rijen import SaldoRij, VoucherRij
from projections.saldo import Saldo
from projections.tabellen import GEMEENTE, SQLITE, TRACKING, VERSIE, Cursor, SQLLeesmodel, lees_tracking

T = TypeVar("T")
GEBEURTENISSEN = "stored_events"  # eventsourcing's SQLite events table (rowid = notification id)


def lees_als_bij(pad: Path, vraag: Callable[[SQLLeesmodel], T]) -> T | None:
    if not pad.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{pad.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, timeout=5)
    except sqlite3.Error:
        return None
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("BEGIN")  # one snapshot: the position and the rows belong together
        c = Cursor(conn.cursor(), SQLITE)
        if not (c.bestaat(TRACKING) and c.bestaat(GEMEENTE.naam)):
            return None
        laatste = conn.execute(f"SELECT MAX(rowid) FROM {GEBEURTENISSEN}").fetchone()[0] or 0  # noqa: S608 - a constant
        if lees_tracking(c) != (laatste, VERSIE):
            return None
        if conn.execute(f"SELECT 1 FROM {GEMEENTE.naam} LIMIT 1").fetchone() is None:  # noqa: S608 - a constant
            return None
        return vraag(SQLLeesmodel(c))
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def kies_saldi(rijen: list[SaldoRij], wijk: str | None, periode: int | None) -> list[Saldo]:
    """The saldo rows asked for; a wijk that was never designated is not found (exit 3)."""
    saldi = [
        s.als_saldo() for s in rijen if (wijk is None or s.wijk == wijk) and (periode is None or s.periode == periode)
    ]
    if wijk and not saldi:
        raise NietGevonden(f"wijk {wijk} is niet aangewezen" + (f" voor {periode}" if periode else ""))
    return saldi


def kies_vouchers(
    rijen: list[VoucherRij], saldi: list[SaldoRij], wijk: str | None, periode: int | None, met_restant: bool
) -> list[dict[str, Any]]:
    """The vouchers asked for, in code order; a wijk that was never designated is not found (exit 3)."""
    kies_saldi(saldi, wijk, periode)
    return [
        v.als_dict()
        for v in rijen
        if (wijk is None or v.wijk == wijk)
        and (periode is None or v.periode == periode)
        and (not met_restant or v.restant > 0)
    ]
