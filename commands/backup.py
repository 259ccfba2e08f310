"""`voucher backup PAD`: a consistent, verified copy of a SQLite store, also while others write.

SQLite's online backup API copies the database page by page inside one read transaction: the
copy is the store as it was at one commit, whatever writers do meanwhile (in WAL mode they are
not even held up). The copy is written under a temporary name next to PAD, turned into one
self-contained file (no -wal or -shm beside it), and verified with `verifieer` (every hash,
every snapshot, the read models' anchor); only an intact copy gets the name PAD, and PAD is
never overwritten. The answer names the copy's log head: `voucher --database PAD verifieer
--kop HASH` checks a restored copy against it later.

PostgreSQL has its own tools for this (pg_dump, README "Back-ups").
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path
from typing import Any

from commands.adres import Opslag, lees_url
from commands.opslag import lees_opslag, open_ledger
from ledger.fouten import KetenVerbroken, OngeldigeInvoer, OpslagOnbeschikbaar


def maak_backup(opslag: Opslag, doel: Path) -> dict[str, Any]:
    if opslag.soort != "sqlite" or opslag.pad is None:
        raise OngeldigeInvoer(
            "voucher backup kopieert een SQLite-opslag; maak van een PostgreSQL-database een back-up met pg_dump "
            "(README, Back-ups)"
        )
    _eis_nieuw_pad(doel)
    bron = open_ledger(opslag)  # the store exists, is initialised, and the key (if any) fits
    try:
        from commands.leesmodellen import Leesdienst

        Leesdienst(bron).eis_ingericht()
    finally:
        bron.close()
    tijdelijk = doel.with_name(f".{doel.name}.{uuid.uuid4().hex[:12]}.deel")
    try:
        lees_opslag(lambda: _kopieer(opslag.pad, tijdelijk))  # type: ignore[arg-type]
        uitkomst = _controleer(tijdelijk)
        _een_bestand(tijdelijk)
        try:
            os.link(tijdelijk, doel)  # never over an existing file, even one made meanwhile
        except FileExistsError:
            raise OngeldigeInvoer(f"{doel} bestaat al: een back-up overschrijft niets; kies een nieuw pad") from None
        except OSError as e:
            raise OpslagOnbeschikbaar(f"kan de back-up niet als {doel} bewaren: {e.strerror or e}") from None
    finally:
        for rest in (tijdelijk, *_bijbestanden(tijdelijk)):
            rest.unlink(missing_ok=True)
    return {"pad": str(doel), **uitkomst}


def _eis_nieuw_pad(doel: Path) -> None:
    if doel.exists() or doel.is_symlink():
        raise OngeldigeInvoer(f"{doel} bestaat al: een back-up overschrijft niets; kies een nieuw pad")
    if not doel.parent.is_dir():
        raise OngeldigeInvoer(f"de map {doel.parent} bestaat niet")


def _kopieer(bron: Path, doel: Path) -> None:
    van = sqlite3.connect(bron, timeout=30)
    try:
        naar = sqlite3.connect(doel)
        try:
            van.backup(naar)  # all pages in one step: one read transaction, one consistent moment
            naar.execute("PRAGMA journal_mode=DELETE")  # the copy is one file, without a -wal beside it
        finally:
            naar.close()
    finally:
        van.close()


def _controleer(pad: Path) -> dict[str, Any]:
    """Verify the copy as `voucher verifieer` would (the same key, if the store is encrypted)."""
    from commands.verifieren import verifieer

    app = open_ledger(lees_url(str(pad)))
    try:
        u = verifieer(app, [])
    finally:
        app.close()
    if u["breuk"] is not None or not u["intact"]:
        wat = (u["breuk"] or {}).get("wat", "de keten is niet intact")
        raise KetenVerbroken(f"de kopie verifieert niet, er is geen back-up bewaard: {wat}")
    return {"gebeurtenissen": u["gebeurtenissen"], "ketenkop": {"positie": u["positie"], "hash": u["kop"]}}


def _een_bestand(pad: Path) -> None:
    """Checkpoint what verifying left in a -wal, and leave the journal mode at DELETE."""
    conn = sqlite3.connect(pad)
    try:
        lees_opslag(lambda: conn.execute("PRAGMA journal_mode=DELETE").fetchall())
    finally:
        conn.close()
    if any(p.exists() for p in _bijbestanden(pad)):
        raise OpslagOnbeschikbaar(f"de kopie {pad} is niet tot één bestand samengevoegd; probeer het opnieuw")


def _bijbestanden(pad: Path) -> tuple[Path, ...]:
    return tuple(pad.with_name(pad.name + staart) for staart in ("-wal", "-shm", "-journal"))
