"""Verzending, bezwaar and herroeping (Awb 3:41, 6:4-6:11, 7:11) on the embedded SQLite store and on PostgreSQL.

The same behaviour on both: a refusal sent, objected to on the last day and the day after, the refusal
revoked and the aanvraag granted anew; a grant revoked with its vouchers; the figures in the stored read
models and after `herbouw`; the new events under the hash chain; an aanvraag snapshot of class version 4
(taken before herroeping existed) that loads through its upcast and can still be revoked; and with real
PostgreSQL login roles, the regiegroep registers a bezwaar but only the college decides it.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from saldo_orakel import vouw

sys.path.insert(0, str(Path(__file__).parent.parent / "cli"))
from cli_hulp import voer_uit
from test_keten import _sql
from test_rollen_postgres import _geweigerd, _ingericht, opstelling  # noqa: F401 - the fixture, with real logins
from wereld import PERIODE, Wereld, bedrag, open_store, weigert

from commands import modellen as m
from commands.bezwaar import (
    BeslisBezwaar,
    DienBezwaarIn,
    VerzendBesluit,
    beslis_bezwaar,
    dien_bezwaar_in,
    verzend_besluit,
)
from commands.leesmodellen import Leesdienst
from ledger import ids, keten
from ledger.aanvraag import Aanvraag
from ledger.fouten import RegelOvertreden

D = date


def _verifieer(url: str) -> Any:
    return voer_uit("verifieer", db=url, als_json=True, gebruiker=None)


def _bezwaar(w: Wereld, nr: int, ontvangen: date) -> int:
    cmd = DienBezwaarIn(nummer=nr, ontvangen=ontvangen, omschrijving="het kan wel", datum=ontvangen)
    return int(dien_bezwaar_in(w.regie, cmd)["bezwaar"])


def _beslis(w: Wereld, b: int, uitkomst: str, datum: date) -> dict[str, Any]:
    return beslis_bezwaar(w.college, BeslisBezwaar(bezwaar=b, uitkomst=uitkomst, motivering="gehoord", datum=datum))


def test_bezwaar_en_herroeping_gedragen_zich_op_beide_opslagen_gelijk(store_url):
    w = Wereld.ingericht(open_store(store_url), budget="20.000")
    geweigerd = w.aanvraag("1.000", ontvangen=D(PERIODE, 2, 2))
    w.regie.weiger(m.Weiger(nummer=geweigerd, grond="a", motivering="te krap", datum=D(PERIODE, 3, 2)))
    verzend_besluit(w.regie, VerzendBesluit(nummer=geweigerd, datum=D(PERIODE, 3, 2)))
    laat = _bezwaar(w, geweigerd, D(PERIODE, 4, 14))  # the day after the last day (13 April)
    weigert(w, RegelOvertreden, lambda: _beslis(w, laat, "gegrond", D(PERIODE, 5, 1)))
    _beslis(w, laat, "niet-ontvankelijk", D(PERIODE, 5, 1))
    op_tijd = _bezwaar(w, geweigerd, D(PERIODE, 4, 13))
    assert _beslis(w, op_tijd, "gegrond", D(PERIODE, 7, 6))["status"] == "ingediend"
    w.ken_toe(geweigerd, datum=D(PERIODE, 7, 7))  # after the issue date: allowed after herroeping

    toegekend = w.aanvraag("3.000", ontvangen=D(PERIODE, 2, 3))
    [oud] = [v["code"] for v in w.ken_toe(toegekend, datum=D(PERIODE, 3, 3))["vouchers"]]
    _beslis(w, _bezwaar(w, toegekend, D(PERIODE, 3, 20)), "gegrond", D(PERIODE, 4, 1))
    [nieuw] = [v["code"] for v in w.ken_toe(toegekend, datum=D(PERIODE, 4, 2), bedrag="2.000", grond="a",
                                            motivering="een deel past niet")["vouchers"]]  # fmt: skip
    assert (oud, nieuw) == ("V000002-01-9", "V000002-02-4")

    later = Wereld(open_store(store_url, inrichten=False))
    assert later.regie.toon_aanvraag(geweigerd)["status"] == "toegekend"
    assert [h["bezwaar"] for h in later.regie.toon_aanvraag(toegekend)["herroepingen"]] == [3]
    assert later.kas.toon_voucher(oud)["status"] == "ingetrokken"
    [s] = vouw(later.college.gebeurtenissen())
    assert (s.toegekend, s.vervallen, s.uitstaand, s.beschikbaar) == (
        bedrag("6.000"),
        bedrag("3.000"),
        bedrag("3.000"),
        bedrag("17.000"),
    )
    [rij] = Leesdienst(later.app).saldi()
    assert (rij.toegekend, rij.vervallen, rij.beschikbaar) == (s.toegekend, s.vervallen, s.beschikbaar)
    herbouwd = Leesdienst(later.app)
    herbouwd.herbouw()
    assert [(r.vervallen, r.beschikbaar) for r in herbouwd.saldi()] == [(s.vervallen, s.beschikbaar)]
    statussen = {v["code"]: v["status"] for v in herbouwd.vouchers()}
    assert (statussen[oud], statussen[nieuw]) == ("ingetrokken", "geldig")
    lijst = json.loads(voer_uit("bezwaar", "lijst", db=store_url, als_json=True, gebruiker=None).out)["bezwaren"]
    assert [(b["bezwaar"], b["tijdig"], b["uitkomst"]) for b in lijst] == [
        (1, False, "niet-ontvankelijk"),
        (2, True, "gegrond"),
        (3, True, "gegrond"),
    ]
    assert _verifieer(store_url).code == 0


def test_een_momentopname_van_een_aanvraag_van_voor_het_bezwaar_laadt_en_kan_worden_herroepen(store_url):
    w = Wereld.ingericht(open_store(store_url), budget="20.000")
    nr = w.aanvraag("1.000", ontvangen=D(PERIODE, 2, 2))
    for i in range(48):  # with Ingediend and the refusal: the aanvraag's 50th event, a snapshot is taken
        w.regie.meld_wijziging(m.MeldWijziging(nummer=nr, omschrijving=f"wijziging {i}", datum=D(PERIODE, 2, 3)))
    w.regie.weiger(m.Weiger(nummer=nr, grond="a", motivering="te krap", datum=D(PERIODE, 3, 2)))
    with _sql(store_url) as db:
        [(stroom, versie, staat)] = db.q(
            "SELECT originator_id, originator_version, state FROM {s} WHERE topic = ?", "voucher.Aanvraag.Snapshot"
        )
        toestand = json.loads(bytes(staat))
        staat_nu = toestand["state"]
        assert staat_nu.pop("class_version") == 5
        assert (staat_nu.pop("herroepingen"), staat_nu.pop("heropend")) == ([], None)
        staat_nu["class_version"] = 4  # as class version 4 wrote it
        db.q(
            "UPDATE {s} SET state = ? WHERE originator_id = ? AND originator_version = ?",
            keten.kanoniek(toestand),
            stroom,
            versie,
        )

    later = Wereld(open_store(store_url, inrichten=False))
    a = later.app.repository.get(ids.aanvraag_id(nr))
    assert isinstance(a, Aanvraag) and (a.herroepingen, a.heropend, a.status) == ([], None, "geweigerd")
    _beslis(later, _bezwaar(later, nr, D(PERIODE, 3, 10)), "gegrond", D(PERIODE, 4, 1))
    assert later.regie.toon_aanvraag(nr)["status"] == "ingediend"
    assert _verifieer(store_url).code == 0


def test_de_regiegroep_registreert_een_bezwaar_en_alleen_het_college_beslist_ook_in_de_database(opstelling):  # noqa: F811
    o = opstelling
    _ingericht(o)  # anna (regiegroep NOORD) granted aanvraag 1, kees paid € 450 from it
    o.ok(o.anna, "besluit", "1", "--verzonden", "--datum", "2026-02-17")
    u = json.loads(o.ok(o.anna, "bezwaar", "indienen", "1", "--ontvangen", "2026-03-02", "--omschrijving",
                        "te weinig", "--datum", "2026-03-02", als_json=True).stdout)  # fmt: skip
    assert (u["bezwaar"], u["tijdig"]) == (1, True)
    beslissen = ("bezwaar", "beslissen", "1", "--uitkomst", "ongegrond", "--motivering", "zorgvuldig", "--datum",
                 "2026-03-20")  # fmt: skip
    voor = o.aantal_events()
    assert o.voucher(o.anna, *beslissen).returncode == 1
    assert o.aantal_events() == voor
    assert json.loads(o.ok(o.eigenaar, *beslissen, als_json=True).stdout)["uitkomst"] == "ongegrond"
    assert "row-level security" in _geweigerd(o, o.anna, "voucher.Bezwaar.Beslist")
    assert "row-level security" in _geweigerd(o, o.kees, "voucher.Bezwaar.Ingediend")
