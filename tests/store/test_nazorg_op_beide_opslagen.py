"""The acts after the grant on the embedded SQLite store and on a real PostgreSQL server.

The same behaviour on both, the new events under the hash chain (`verifieer` passes, a changed
correction is found), and a voucher snapshot of class version 1 (taken before corrections existed)
that still loads and verifies through its upcast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from saldo_orakel import vouw

sys.path.insert(0, str(Path(__file__).parent.parent / "cli"))
from cli_hulp import voer_uit
from test_keten import _breuk, _sql, _uuid, _versies, _zet
from wereld import Wereld, bedrag, open_store

from commands.leesmodellen import Leesdienst
from commands.nazorg import CorrigeerBetaling, corrigeer_betaling
from ledger import gebeurtenissen as g
from ledger import ids, keten
from ledger.voucher import Voucher

GECORRIGEERD = "voucher.Voucher.BetalingGecorrigeerd"


def _verifieer(url: str) -> Any:
    # No VOUCHER_GEBRUIKER: on PostgreSQL every command refuses it (one acts under one's own login).
    return voer_uit("verifieer", db=url, als_json=True, gebruiker=None)


def _nummer(w: Wereld, code: str, factuur: str) -> int:
    return max(
        n
        for n, e in w.app.genummerd()
        if isinstance(e, g.VoucherVerzilverd) and e.originator_id == ids.voucher_id(code) and e.factuur == factuur
    )


def _corrigeer(w: Wereld, code: str, nummer: int) -> dict:
    return corrigeer_betaling(w.kas, CorrigeerBetaling(code=code, gebeurtenis=nummer, reden="verkeerde voucher"))


def test_een_correctie_wordt_bewaard_en_na_heropenen_gelijk_teruggelezen(store_url):
    w = Wereld.ingericht(open_store(store_url), budget="20.000")
    fout, goed = w.voucher("2.000"), w.voucher("3.000")
    w.verzilver(fout, "1.000,50", factuur="F-1")
    _corrigeer(w, fout, _nummer(w, fout, "F-1"))
    w.verzilver(goed, "1.000,50", factuur="F-1")

    later = Wereld(open_store(store_url, inrichten=False))
    assert later.kas.toon_voucher(fout)["restant"] == bedrag("2.000")
    assert later.kas.toon_voucher(goed)["verzilverd"] == bedrag("1.000,50")
    [s] = vouw(later.college.gebeurtenissen())
    assert (s.verzilverd, s.uitstaand) == (bedrag("1.000,50"), bedrag("3.999,50"))
    [rij] = Leesdienst(later.app).saldi()  # the stored read models, caught up on this store
    assert (rij.verzilverd, rij.uitstaand) == (s.verzilverd, s.uitstaand)
    herbouwd = Leesdienst(later.app)
    herbouwd.herbouw()
    assert [(r.verzilverd, r.uitstaand) for r in herbouwd.saldi()] == [(s.verzilverd, s.uitstaand)]
    assert _verifieer(store_url).code == 0


def test_een_gewijzigde_correctie_wordt_gevonden(store_url):
    w = Wereld.ingericht(open_store(store_url))
    code = w.voucher("2.000")
    w.verzilver(code, "100", factuur="F-1")
    _corrigeer(w, code, _nummer(w, code, "F-1"))
    assert _verifieer(store_url).code == 0

    with _sql(store_url) as db:
        [stroom] = [r[0] for r in db.q("SELECT originator_id FROM {t} WHERE topic = ?", GECORRIGEERD)]
        [(n, versie, _, staat)] = [x for x in _versies(db, stroom) if x[2] == GECORRIGEERD]
        _zet(db, stroom, versie, staat.replace(b'"bedrag":{"_data_":10000,', b'"bedrag":{"_data_":90000,'))

    b = _breuk(_verifieer(store_url))["breuk"]
    assert (b["positie"], b["versie"], b["stroom"]) == (n, versie, str(_uuid(stroom)))


def test_een_momentopname_van_voor_de_correcties_laadt_en_verifieert(store_url):
    w = Wereld.ingericht(open_store(store_url))
    code = w.voucher("5.000")
    for i in range(49):  # the voucher's 50th event: a snapshot is taken
        w.verzilver(code, "1", factuur=f"F-{i}")
    with _sql(store_url) as db:
        [(stroom, versie, staat)] = db.q("SELECT originator_id, originator_version, state FROM {s}")
        toestand = json.loads(bytes(staat))
        staat_nu = toestand["state"]
        assert staat_nu.pop("class_version") == 3 and staat_nu.pop("gecorrigeerd") == []
        assert staat_nu.pop("ingetrokken") == {"_data_": 0, "_type_": "bedrag_centen"}
        db.q(  # as class version 1 wrote it
            "UPDATE {s} SET state = ? WHERE originator_id = ? AND originator_version = ?",
            keten.kanoniek(toestand),
            stroom,
            versie,
        )

    later = Wereld(open_store(store_url, inrichten=False))
    v = later.app.repository.get(ids.voucher_id(code))
    assert isinstance(v, Voucher) and v.gecorrigeerd == [] and v.verzilverd == bedrag("49")
    _corrigeer(later, code, _nummer(later, code, "F-3"))
    assert later.kas.toon_voucher(code)["restant"] == bedrag("4.952")
    assert _verifieer(store_url).code == 0
