"""Vaststelling and terugvordering (Awb 4:42-4:47, 4:57) on the embedded SQLite store and on PostgreSQL.

The same behaviour on both (refused at the boundary, nothing written), the figures in the stored read
models and after `herbouw`, and the new events under the hash chain (a changed vaststelling is found).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent.parent / "cli"))
from cli_hulp import voer_uit
from test_keten import _breuk, _sql, _uuid, _versies, _zet
from wereld import PERIODE, Wereld, bedrag, open_store, weigert

from commands.leesmodellen import Leesdienst
from commands.vaststelling import OntvangTerug, StelVast, ontvang_terug, stel_vast
from ledger.fouten import RegelOvertreden
from ledger.geld import Bedrag

VASTGESTELD = "voucher.Aanvraag.Vastgesteld"
NA_UITVOERING = date(PERIODE + 1, 1, 5)


def _verifieer(url: str) -> Any:
    return voer_uit("verifieer", db=url, als_json=True, gebruiker=None)


def _lager_vastgesteld(store_url: str) -> tuple[Wereld, int]:
    w = Wereld.ingericht(open_store(store_url), budget="20.000", vandaag=date(PERIODE + 1, 1, 10))
    nummer = w.aanvraag("2.000")
    [v] = [x["code"] for x in w.ken_toe(nummer)["vouchers"]]
    w.verzilver(v, "1.000")
    motivering = "deels voor iets anders gebruikt"
    cmd = StelVast(nummer=nummer, bedrag=bedrag("600"), grond="a", motivering=motivering, datum=NA_UITVOERING)
    assert stel_vast(w.regie, cmd)["teruggevorderd"] == bedrag("400")
    return w, nummer


def test_vaststelling_en_terugbetaling_worden_bewaard_en_herbouwd(store_url):
    w, nummer = _lager_vastgesteld(store_url)
    weigert(w, RegelOvertreden, lambda: ontvang_terug(w.kas, OntvangTerug(nummer=nummer, bedrag=bedrag("400,01"))))
    ontvang_terug(w.kas, OntvangTerug(nummer=nummer, bedrag=bedrag("400"), datum=NA_UITVOERING))

    later = Wereld(open_store(store_url, inrichten=False), vandaag=w.vandaag)
    toon = later.regie.toon_aanvraag(nummer)
    assert (toon["status"], toon["vastgesteld"], toon["openstaand"]) == ("vastgesteld", bedrag("600"), Bedrag.nul())
    [s] = Leesdienst(later.app).saldi()
    assert (s.teruggevorderd, s.terugontvangen, s.vervallen) == (bedrag("400"), bedrag("400"), bedrag("1.000"))
    assert s.beschikbaar == later.college.laad_wijk("NOORD", PERIODE).beschikbaar
    herbouwd = Leesdienst(later.app)
    herbouwd.herbouw()
    assert [(r.teruggevorderd, r.terugontvangen, r.beschikbaar) for r in herbouwd.saldi()] == [
        (s.teruggevorderd, s.terugontvangen, s.beschikbaar)
    ]
    assert _verifieer(store_url).code == 0


def test_een_gewijzigde_vaststelling_wordt_gevonden(store_url):
    _lager_vastgesteld(store_url)
    assert _verifieer(store_url).code == 0

    with _sql(store_url) as db:
        [stroom] = [r[0] for r in db.q("SELECT originator_id FROM {t} WHERE topic = ?", VASTGESTELD)]
        [(n, versie, _, staat)] = [x for x in _versies(db, stroom) if x[2] == VASTGESTELD]
        _zet(db, stroom, versie, staat.replace(b'"bedrag":{"_data_":60000,', b'"bedrag":{"_data_":99000,'))

    b = _breuk(_verifieer(store_url))["breuk"]
    assert (b["positie"], b["versie"], b["stroom"]) == (n, versie, str(_uuid(stroom)))
