"""Helpers for the read-model tests: the views as stored, the fold of the log, fresh stores.

`views(app)` reads the stored views as they are (no catch-up); `gevouwen(app, per)` folds the
whole log in memory. Both give the same tuple of row lists, so a test compares them with `==`.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from projections.bijwerken import notificaties, open_verbinding
from projections.tabellen import PREFIX, TABELLEN, TRACKING, SQLLeesmodel, lees_tracking
from projections.vouwen import vouw

Rijen = tuple[list[Any], list[Any], list[Any], list[Any]]


def views(app: Any) -> Rijen:
    """The stored views as they are, without catching up."""
    v = open_verbinding(app)
    try:
        with v.lees() as c:
            m = SQLLeesmodel(c)
            return m.saldo_rijen(), m.aanvraag_rijen(), m.voucher_rijen(), m.kasboek_rijen()
    finally:
        v.sluit()


def gevouwen(app: Any, per: date | None = None) -> Rijen:
    """The fold of the whole log in memory."""
    g = vouw(notificaties(app), per)
    return g.saldo_rijen(), g.aanvraag_rijen(), g.voucher_rijen(), g.kasboek_rijen()


def positie(app: Any) -> int | None:
    v = open_verbinding(app)
    try:
        with v.lees() as c:
            stand = lees_tracking(c)
            return stand[0] if stand else None
    finally:
        v.sluit()


def alle_cellen(app: Any) -> list[Any]:
    """Every value in every view table, as stored (for the privacy check)."""
    v = open_verbinding(app)
    uit: list[Any] = []
    try:
        with v.lees() as c:
            for tabel in (*(t.naam for t in TABELLEN), TRACKING):
                c.voer_uit(f"SELECT * FROM {tabel}")
                for rij in c.alle():
                    uit.extend(rij[k] for k in rij.keys())
    finally:
        v.sluit()
    return uit


def view_tabellen(app: Any) -> set[str]:
    v = open_verbinding(app)
    try:
        with v.lees() as c:
            return {t for t in (*(t.naam for t in TABELLEN), TRACKING) if c.bestaat(t)}
    finally:
        v.sluit()


def controleer_lopende_saldi(kasboek: list[Any]) -> None:
    """Every kasboek line moves the running balances of its voucher and wijk by its own amount only."""
    per_voucher: dict[str, int] = {}
    per_wijk: dict[tuple[str, int], int] = {}
    for r in kasboek:
        per_voucher[r.voucher] = per_voucher.get(r.voucher, 0) + r.mutatie
        per_wijk[(r.wijk, r.periode)] = per_wijk.get((r.wijk, r.periode), 0) + r.mutatie
        assert r.restant_voucher == per_voucher[r.voucher], r
        assert r.saldo_wijk == per_wijk[(r.wijk, r.periode)], r
        assert r.restant_voucher >= 0 and r.bedrag > 0, r


class VerseOpslagen:
    """A new, empty store for every Hypothesis example: a SQLite file or a PostgreSQL database."""

    def __init__(self, soort: str, map_: Path, postgres_server: Any = None) -> None:
        self.soort = soort
        self.map = map_
        self.server = postgres_server
        self._databases: list[str] = []

    def nieuw(self) -> str:
        naam = "p_" + uuid.uuid4().hex[:12]
        if self.soort == "sqlite":
            return str(self.map / f"{naam}.db")
        self._databases.append(naam)
        return str(self.server.create_database(naam))

    def ruim_op(self) -> None:
        for naam in self._databases:
            self.server.drop_database(naam)
        self._databases.clear()


__all__ = [
    "PREFIX",
    "Rijen",
    "VerseOpslagen",
    "alle_cellen",
    "controleer_lopende_saldi",
    "gevouwen",
    "positie",
    "view_tabellen",
    "views",
]
