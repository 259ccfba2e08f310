"""Het subsidieplafond "voor zover" (Awb 4:25 lid 2) en een verlaging die eerder ontvangen aanvragen niet
raakt (Awb 4:27 lid 2): de grenzen op de cent, de melding met het bedrag en het artikel, en wat de
gebeurtenissen vastleggen. Saldo en rapporten blijven sluiten, ook als het verlaagde plafond door een
beschermde aanvraag wordt overschreden."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from wereld import PERIODE, WIJK, Wereld, bedrag, geheugen_app, schrijft, weigert

from commands import modellen as m
from commands.leesmodellen import Leesdienst
from ledger import gebeurtenissen as g
from ledger import regels
from ledger.fouten import PlafondOverschreden, RegelOvertreden
from ledger.geld import Bedrag
from projections.rapporten import besluit
from projections.rapporten.geschiedenis import vouw

BESLISDAG = date(PERIODE, 3, 1)


def weiger_e(w: Wereld, nummer: int) -> dict[str, Any]:
    return w.regie.weiger(m.Weiger(nummer=nummer, grond="e", motivering="het plafond is bereikt", datum=BESLISDAG))


def plafond(w: Wereld, tekst: str, datum: date) -> dict[str, Any]:
    return w.college.stel_plafond_vast(
        m.StelPlafondVast(code=WIJK, periode=PERIODE, plafond=bedrag(tekst), datum=datum)
    )


def wijk_gebeurtenissen(w: Wereld, soort: Any) -> list[Any]:
    return list(w.college.gebeurtenissen([soort]))


# --- Awb 4:25 lid 2: geheel weigeren op e alleen als er niets over is ------------------------------------


def test_geheel_weigeren_op_grond_e_met_een_cent_over_wordt_geweigerd_met_het_bedrag_en_de_gedeeltelijke_toekenning():
    w = Wereld.ingericht(geheugen_app(), plafond="5.000")
    w.ken_toe(w.aanvraag("4.999,99"))
    nummer = w.aanvraag("7.000")
    fout = weigert(w, RegelOvertreden, lambda: weiger_e(w, nummer))
    assert str(fout) == (
        "weigeringsgrond e geldt alleen voor zover het subsidieplafond wordt overschreden: er is nog € 0,01 "
        "beschikbaar, dus een volledige weigering op grond e kan niet; ken dat bedrag toe en weiger de rest op "
        f"grond e: voucher aanvraag toekennen {nummer} --bedrag 0,01 --grond e --motivering TEKST"
    )
    assert fout.artikel == "art. 6 onder e, Awb 4:25 lid 2"
    assert fout.gegevens == {"kosten": bedrag("7.000"), "beschikbaar": bedrag("0,01")}


def test_geheel_weigeren_op_grond_e_zonder_geld_over_wordt_toegestaan_en_vastgelegd():
    w = Wereld.ingericht(geheugen_app(), plafond="5.000")
    w.ken_toe(w.aanvraag("5.000"))
    nummer = w.aanvraag("7.000")
    assert schrijft(w, lambda: weiger_e(w, nummer))["grond"] == "e"
    [e] = wijk_gebeurtenissen(w, g.AanvraagGeweigerd)
    assert (e.grond, e.motivering) == ("e", "het plafond is bereikt")


def test_een_gedeeltelijke_toekenning_noemt_grond_e_voor_de_rest_in_de_brief():
    w = Wereld.ingericht(geheugen_app(), plafond="5.000")
    w.ken_toe(w.aanvraag("2.000"))
    nummer = w.aanvraag("7.000")
    w.ken_toe(nummer, bedrag="3.000", grond="e", motivering="het plafond laat nog € 3.000 toe")
    model = besluit.bouw(vouw(w.app.genummerd()), nummer, lambda: w.regie.toon_aanvraag(nummer))
    assert (model["weigering"]["grond"], model["weigering"]["bedrag"]) == ("e", bedrag("4.000"))
    tekst = " ".join(besluit.tekst(model).split())
    assert "Voor het overige, € 4.000,00, weigeren wij uw aanvraag op grond van art. 6 onder e" in tekst
    assert "weigeren alleen het deel dat het plafond zou overschrijden (art. 4:25 lid 2 Awb)" in tekst


# --- Awb 4:27 lid 2: een verlaging raakt eerder ontvangen aanvragen niet ----------------------------------


def test_de_regel_van_awb_4_27_lid_2_geeft_het_hoogste_plafond_vanaf_de_ontvangst():
    verlagingen = [(date(2026, 2, 10), bedrag("10.000")), (date(2026, 3, 10), bedrag("8.000"))]
    assert regels.awb_4_27_lid_2_plafond_bij_ontvangst(date(2026, 2, 9), bedrag("6.000"), verlagingen) == bedrag(
        "10.000"
    )
    assert regels.awb_4_27_lid_2_plafond_bij_ontvangst(date(2026, 2, 10), bedrag("6.000"), verlagingen) == bedrag(
        "8.000"
    )
    assert regels.awb_4_27_lid_2_plafond_bij_ontvangst(date(2026, 3, 10), bedrag("6.000"), verlagingen) == bedrag(
        "6.000"
    )


def test_een_plafondverlaging_tussen_twee_aanvragen_raakt_alleen_de_latere():
    w = Wereld.ingericht(geheugen_app(), plafond="10.000")
    eerder = w.aanvraag("8.000", ontvangen=date(PERIODE, 2, 1))
    plafond(w, "5.000", date(PERIODE, 2, 10))
    later = w.aanvraag("1.000", ontvangen=date(PERIODE, 2, 15))

    [vastgesteld] = wijk_gebeurtenissen(w, g.WijkSubsidieplafondVastgesteld)[-1:]
    assert (vastgesteld.plafond, vastgesteld.vorig) == (bedrag("5.000"), bedrag("10.000"))  # a lowering

    # the earlier one is judged against € 10.000 (Awb 4:27 lid 2): granted in full, more than the new plafond
    assert schrijft(w, lambda: w.ken_toe(eerder))["bedrag"] == bedrag("8.000")
    [vastgelegd] = wijk_gebeurtenissen(w, g.WijkVouchersVastgelegd)
    assert (vastgelegd.nummer, vastgelegd.bedrag, vastgelegd.plafond) == (eerder, bedrag("8.000"), bedrag("10.000"))

    # the later one against € 5.000, of which nothing is left: a full refusal on e is right
    fout = weigert(w, PlafondOverschreden, lambda: w.ken_toe(later))
    assert "nog beschikbaar € 0,00" in str(fout) and fout.artikel == "art. 6 onder e"
    assert schrijft(w, lambda: weiger_e(w, later))["status"] == "geweigerd"

    wijk = w.college.laad_wijk(WIJK, PERIODE)
    assert wijk.beschikbaar == bedrag("5.000") - bedrag("8.000")  # the lowered plafond is exceeded by € 3.000
    [saldo] = Leesdienst(w.app).saldi()
    assert (saldo.plafond, saldo.toegekend, saldo.beschikbaar) == (bedrag("5.000"), bedrag("8.000"), -bedrag("3.000"))
    assert saldo.beschikbaar == saldo.plafond - saldo.toegekend + saldo.vervallen + saldo.terugontvangen


def test_boven_het_oude_plafond_noemt_de_melding_awb_4_27_lid_2_en_het_oude_plafond():
    w = Wereld.ingericht(geheugen_app(), plafond="9.000")
    eerder = w.aanvraag("9.000,01", ontvangen=date(PERIODE, 2, 1))
    plafond(w, "5.000", date(PERIODE, 2, 10))
    fout = weigert(w, PlafondOverschreden, lambda: w.ken_toe(eerder))
    assert str(fout) == (
        "toekenning van € 9.000,01 overschrijdt het subsidieplafond: nog beschikbaar € 9.000,00 onder het plafond "
        "van € 9.000,00 van vóór de verlaging (Awb 4:27 lid 2) (weigeringsgrond e; ken ten hoogste het "
        "beschikbare bedrag toe)"
    )
    assert fout.artikel == "art. 6 onder e, Awb 4:27 lid 2"
    assert schrijft(w, lambda: w.ken_toe(eerder, bedrag="9.000", grond="e", motivering="plafond"))["bedrag"] == (
        bedrag("9.000")
    )


def test_een_aanvraag_ontvangen_op_de_dag_van_de_verlaging_valt_onder_het_lagere_plafond():
    w = Wereld.ingericht(geheugen_app(), plafond="10.000")
    op_de_dag = w.aanvraag("6.000", ontvangen=date(PERIODE, 2, 10))
    plafond(w, "5.000", date(PERIODE, 2, 10))
    fout = weigert(w, PlafondOverschreden, lambda: w.ken_toe(op_de_dag))
    assert "nog beschikbaar € 5.000,00" in str(fout)
    w.ken_toe(op_de_dag, bedrag="5.000", grond="e", motivering="plafond verlaagd")


def test_een_verhoging_geldt_ook_voor_eerder_ontvangen_aanvragen():
    w = Wereld.ingericht(geheugen_app(), plafond="5.000")
    eerder = w.aanvraag("8.000", ontvangen=date(PERIODE, 2, 1))
    plafond(w, "9.000", date(PERIODE, 2, 10))
    assert w.ken_toe(eerder)["bedrag"] == bedrag("8.000")
    [verhoging] = wijk_gebeurtenissen(w, g.WijkSubsidieplafondVastgesteld)[-1:]
    assert verhoging.vorig == bedrag("5.000") and w.college.laad_wijk(WIJK, PERIODE).verlagingen == []


def test_een_plafondgebeurtenis_van_versie_1_telt_niet_als_verlaging():
    state: dict[str, Any] = {"plafond": bedrag("5.000"), "datum": date(PERIODE, 2, 1), "gebruiker": "w"}
    g.WijkSubsidieplafondVastgesteld.upcast_v1_v2(state)
    assert state["vorig"] is None
    vastgelegd: dict[str, Any] = {"nummer": 1, "bedrag": Bedrag.nul()}
    g.WijkVouchersVastgelegd.upcast_v1_v2(vastgelegd)
    assert vastgelegd["plafond"] is None


def test_het_raadsrapport_tekent_een_overschreden_verlaagd_plafond_binnen_de_staaf_en_zegt_waarom():
    from projections.rapporten import raad

    w = Wereld.ingericht(geheugen_app(), plafond="10.000")
    eerder = w.aanvraag("8.000", ontvangen=date(PERIODE, 2, 1))
    plafond(w, "5.000", date(PERIODE, 2, 10))
    w.ken_toe(eerder)
    pagina = raad.html(raad.bouw(vouw(w.app.genummerd())))
    breedtes = [float(x) for x in re.findall(r'class="deel s-[a-z_]+" style="width:([0-9.]+)%"', pagina)]
    assert breedtes and sum(breedtes) <= 100.0  # the parts fit in the bar: no part beyond its outline
    assert "€ 3.000,00 boven het verlaagde plafond" in pagina and "Awb 4:27 lid 2" in pagina


def test_de_verantwoording_noemt_de_verlaging_en_voor_welke_aanvragen_zij_niet_geldt():
    from projections.rapporten import verantwoording

    w = Wereld.ingericht(geheugen_app(), plafond="10.000")
    plafond(w, "5.000", date(PERIODE, 2, 10))
    plafond(w, "6.000", date(PERIODE, 2, 11))  # a raise is no lowering
    model = verantwoording.bouw(vouw(w.app.genummerd()))
    assert [p["verlaagd_van"] for p in model["wijken"][0]["plafondbesluiten"]] == [None, bedrag("10.000"), None]
    assert (
        "€ 5.000,00 (verlaagd van € 10.000,00; aanvragen ontvangen vóór 10 februari 2026 houden dat plafond, "
        "Awb 4:27 lid 2)"
    ) in verantwoording.tekst(model)
