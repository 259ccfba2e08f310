"""`herbouw` writes its rows as it goes and lets the oldest go (bounded memory), on SQLite and PostgreSQL.

With a bound of a few rows, every voucher and aanvraag of the demo year is written, let go and
read back several times while its payments and decisions come in. The views are still exactly
the fold of the log in memory, at the log's position and head, with the same tables and indexes
as the views a catch-up makes.
"""

from __future__ import annotations

from leeshulp import gevouwen, positie, views
from wereld import open_store

from commands.demo import vul
from projections import tabellen
from projections.bijwerken import herbouw, open_verbinding, werk_bij
from projections.tabellen import PREFIX, TABELLEN, HerbouwToestand, lees_kop


def _indexen(app) -> set[str]:
    v = open_verbinding(app)
    try:
        with v.lees() as c:
            if c.dialect.naam == "sqlite":
                c.voer_uit(
                    "SELECT name AS naam FROM sqlite_master WHERE type = 'index' AND name LIKE ?", (PREFIX + "%",)
                )
            else:
                c.voer_uit("SELECT indexname AS naam FROM pg_indexes WHERE tablename LIKE ?", (PREFIX + "%",))
            return {str(r["naam"]) for r in c.alle()}
    finally:
        v.sluit()


def _ketenkop(app) -> tuple[int, str]:
    v = open_verbinding(app)
    try:
        with v.lees() as c:
            return lees_kop(c)
    finally:
        v.sluit()


def test_een_herbouw_in_stukken_geeft_de_rijen_van_de_vouw(store_url, monkeypatch):
    app = open_store(store_url)
    vul(app, omvang=1, zaad=7)
    werk_bij(app)  # the views a catch-up makes, for their indexes
    gewoon = _indexen(app)
    assert {f"{t.naam}_{'_'.join(i)}" for t in TABELLEN for i in t.indexen} <= gewoon

    teruggelezen: list[str] = []
    weggeschreven: list[int] = []
    echt_terug, echt_weg = HerbouwToestand._lees_terug, HerbouwToestand._schrijf_oudste

    def terug(self, tabel, sleutel):
        teruggelezen.append(tabel.naam)
        return echt_terug(self, tabel, sleutel)

    def weg(self, tabel, rijen):
        weggeschreven.append(len(rijen))
        echt_weg(self, tabel, rijen)

    monkeypatch.setattr(HerbouwToestand, "GRENS", 6)
    monkeypatch.setattr(HerbouwToestand, "STUK", 7)
    monkeypatch.setattr(HerbouwToestand, "_lees_terug", terug)
    monkeypatch.setattr(HerbouwToestand, "_schrijf_oudste", weg)
    aantallen = herbouw(app)

    # The bound was reached often, and rows let go were read back for later events (payments, decisions).
    assert len(weggeschreven) > 20
    assert {tabellen.VOUCHERS.naam, tabellen.AANVRAGEN.naam} <= set(teruggelezen)
    assert views(app) == gevouwen(app)
    assert positie(app) == app.recorder.max_notification_id()
    assert _ketenkop(app) == app.logkop()
    assert aantallen["gebeurtenissen"] == app.recorder.max_notification_id()
    assert aantallen["vouchers"] == len(gevouwen(app)[2])
    assert _indexen(app) == gewoon

    # Without the bound (every row held to the end): the same views.
    monkeypatch.undo()
    herbouw(app)
    assert views(app) == gevouwen(app)
