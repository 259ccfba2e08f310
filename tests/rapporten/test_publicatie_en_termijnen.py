"""Publicatie (art. 7 lid 2) without personal data, and termijnen: overdue, paused, run out."""

from __future__ import annotations

import json
from datetime import date

import pytest
from cli_hulp import een_json_object, ok, voer_uit
from rapport_hulp import COLLEGE, KAS, REGIE, aanvraag, als, b, contant, ken_toe, log
from wereld import geheugen_app

from commands import modellen as m
from commands.opslag import lees_url, open_ledger
from commands.sleutels import sleutels_van
from ledger import gebeurtenissen as g
from ledger.persoonsgegevens import ontsleutel
from ledger.regeling import Regeling
from projections.rapporten import termijnen
from projections.rapporten.geschiedenis import vouw


def persoonsgegevens(app) -> set[str]:
    """Every name, address and telephone number applicants handed in, opened with each aanvraag's key."""
    uit = set()
    sleutels = sleutels_van(app)
    for e in log(app).values():
        if isinstance(e, g.AanvraagIngediend | g.AanvraagAangevuld):
            sleutel = sleutels.haal([e.originator_id])[e.originator_id]
            persoon = ontsleutel(e.persoon, sleutel, e.originator_id)
            uit |= {str(v) for k, v in persoon.items() if k in ("naam", "adres", "telefoon") and v}
    return uit


@pytest.mark.parametrize("formaat", ["tekst", "csv", "json", "html"])
def test_de_publicatie_noemt_initiatief_bedrag_en_datum_en_geen_persoonsgegevens(afgesloten_store, formaat):
    app = open_ledger(lees_url(str(afgesloten_store)))
    geheim = persoonsgegevens(app)
    toegekend = {e.originator_id: e for e in log(app).values() if isinstance(e, g.AanvraagToegekend)}
    app.close()
    assert len(geheim) > 50, "de demo heeft aanvragers met naam, adres en telefoon"
    uit = ok(voer_uit("publicatie", "--formaat", formaat, db=afgesloten_store)).out
    for gegeven in geheim:
        assert gegeven not in uit, gegeven
    verantwoording = ok(
        voer_uit("rapport", "verantwoording", "--formaat", formaat, db=afgesloten_store, gebruiker="accountant")
    ).out
    for gegeven in geheim:  # the accountant (no mandate) reads the verantwoording without them too
        assert gegeven not in verantwoording, gegeven
    if formaat == "json":
        model = een_json_object(uit)
        assert len(model["initiatieven"]) == len(toegekend)
        bedragen = sorted(e.bedrag.json() for e in toegekend.values())
        assert sorted(i["bedrag"] for i in model["initiatieven"]) == bedragen
        assert {i["datum"] for i in model["initiatieven"]} == {e.datum.isoformat() for e in toegekend.values()}
        assert all(i["initiatief"] for i in model["initiatieven"])


def test_de_publicatie_per_wijk_en_op_een_datum(afgesloten_store):
    alles = json.loads(ok(voer_uit("publicatie", "--formaat", "json", db=afgesloten_store)).out)
    maart = json.loads(
        ok(
            voer_uit("publicatie", "--wijk", "WEST", "--tot", "2025-03-31", "--formaat", "json", db=afgesloten_store)
        ).out
    )
    verwacht = [i for i in alles["initiatieven"] if i["wijk"] == "WEST" and i["datum"] <= "2025-03-31"]
    assert maart["initiatieven"] == verwacht and verwacht


PER = date(2026, 3, 5)


@pytest.fixture
def wereld():
    """2026: four aanvragen in NOORD on the way to a decision, one grant with a start-voor condition."""
    app = geheugen_app()
    begin = date(2026, 1, 2)
    college = als(app, COLLEGE, vandaag=date(2026, 11, 25))
    college.richt_in(m.Inrichten(gemeente="Teststad", regeling=Regeling(), datum=begin))
    college.geef_mandaat(m.GeefMandaat(aan=REGIE, rol="regiegroep", wijk="NOORD", datum=begin))
    college.geef_mandaat(m.GeefMandaat(aan=KAS, rol="kasbeheerder", datum=begin))
    college.wijs_wijk_aan(m.WijsWijkAan(code="NOORD", naam="Noord", periode=2026, budget=b("50.000"), datum=begin))
    regie = als(app, REGIE, vandaag=date(2026, 11, 25))
    nummers = {
        "te_laat": aanvraag(app, "NOORD", "1.000", date(2026, 2, 1)),  # term 1 March
        "bijna": aanvraag(app, "NOORD", "1.000", date(2026, 2, 10)),  # term 10 March: within a week of 5 March
        "opgeschort": aanvraag(app, "NOORD", "1.000", date(2026, 2, 2)),  # term 2 March + 20 days paused
        "wacht": aanvraag(app, "NOORD", "1.000", date(2026, 2, 3)),  # aanvulling outstanding, its term ran out
        "start": aanvraag(app, "NOORD", "2.000", date(2026, 1, 5)),
    }
    regie.vraag_aanvulling(
        m.VraagAanvulling(
            nummer=nummers["opgeschort"], wat="planning", termijn=date(2026, 2, 19), datum=date(2026, 2, 5)
        )
    )
    regie.vul_aan(m.VulAanvraagAan(nummer=nummers["opgeschort"], planning="juni", datum=date(2026, 2, 25)))
    regie.vraag_aanvulling(
        m.VraagAanvulling(nummer=nummers["wacht"], wat="begroting", termijn=date(2026, 2, 20), datum=date(2026, 2, 6))
    )
    [code] = ken_toe(app, nummers["start"], date(2026, 1, 20), start_voor=date(2026, 3, 1))
    return app, nummers, code


def test_termijnen_vindt_de_verstreken_beslistermijn_en_telt_de_opschorting_mee(wereld):
    app, nummers, _ = wereld
    model = termijnen.bouw(vouw(log(app).items(), PER), PER)
    beslis = {x["aanvraag"]: x for x in model["beslistermijn"]}
    assert beslis[nummers["te_laat"]]["beslissen_voor"] == date(2026, 3, 1)
    assert beslis[nummers["te_laat"]]["dagen"] == -4
    assert beslis[nummers["bijna"]]["dagen"] == 5
    # 2 February + 4 weeks = 2 March, plus the 20 days the clock stood still (5 to 25 February): 22 March.
    assert nummers["opgeschort"] not in beslis
    later = termijnen.bouw(vouw(log(app).items(), date(2026, 3, 16)), date(2026, 3, 16))
    [opgeschort] = [x for x in later["beslistermijn"] if x["aanvraag"] == nummers["opgeschort"]]
    assert (opgeschort["beslissen_voor"], opgeschort["opgeschort_dagen"]) == (date(2026, 3, 22), 20)
    # While an aanvulling is outstanding the clock stands still: listed there, not as overdue.
    assert nummers["wacht"] not in beslis
    [wacht] = model["aanvullingen"]
    assert (wacht["aanvraag"], wacht["verlopen"], wacht["dagen"]) == (nummers["wacht"], True, -13)
    assert [x["aanvraag"] for x in model["startvoorwaarden"]] == [nummers["start"]]


def test_een_betaling_voor_de_startdatum_toont_de_start_en_restant_komt_voor_de_uitvoeringsdatum(wereld):
    app, _, code = wereld
    contant(app, code, "100", date(2026, 2, 27))
    model = termijnen.bouw(vouw(log(app).items(), PER), PER)
    assert model["startvoorwaarden"] == []
    december = termijnen.bouw(vouw(log(app).items(), date(2026, 12, 10)), date(2026, 12, 10))
    [restant] = december["vouchers_met_restant"]
    assert (restant["voucher"], restant["restant"], restant["dagen"]) == (code, b("1.900"), 21)


def test_termijnen_op_de_opdrachtregel(afgesloten_store, demo_store):
    open_jaar = ok(voer_uit("termijnen", "--per", "2025-12-20", db=demo_store, als_json=True)).json()
    assert open_jaar["per"] == "2025-12-20" and open_jaar["vouchers_met_restant"]
    assert all(x["dagen"] == 11 for x in open_jaar["vouchers_met_restant"])
    tekst = ok(voer_uit("termijnen", "--per", "2026-01-20", db=demo_store)).out
    assert "periode afsluiten" in tekst
    na_afsluiten = ok(voer_uit("termijnen", "--per", "2026-01-20", db=afgesloten_store, als_json=True)).json()
    assert na_afsluiten["vouchers_met_restant"] == []
