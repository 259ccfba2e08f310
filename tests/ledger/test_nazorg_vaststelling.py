"""Vaststelling (Awb 4:42-4:47) and terugvordering (Awb 4:57): every boundary refused and allowed."""

from __future__ import annotations

from datetime import date

import pytest
from saldo_orakel import vouw as orakel
from wereld import KAS, PERIODE, REGIE, WIJK, Wereld, bedrag, geheugen_app, schrijft, weigert

from commands import modellen as m
from commands.periode import SluitPeriodeAf, sluit_periode_af
from commands.vaststelling import OntvangTerug, StelVast, VorderTerug, ontvang_terug, stel_vast, vorder_terug
from ledger import ids
from ledger.fouten import GeenMandaat, OngeldigeInvoer, OngeldigeToestand, RegelOvertreden, TermijnLoopt
from ledger.geld import Bedrag
from projections import vouwen
from projections.rapporten import besluit, verantwoording
from projections.rapporten.geschiedenis import vouw

MOTIVERING = "de helft van de materialen is voor een ander doel gebruikt"
DAG = date(PERIODE, 6, 1)
NA_UITVOERING = date(PERIODE + 1, 1, 5)


@pytest.fixture
def w() -> Wereld:
    return Wereld.ingericht(geheugen_app(), budget="50.000", vandaag=date(PERIODE + 1, 1, 10))


def toegekend(w: Wereld, kosten: str = "7.500") -> tuple[int, list[str]]:
    nummer = w.aanvraag(kosten)
    uit = w.ken_toe(nummer, vouchers=2)
    return nummer, [v["code"] for v in uit["vouchers"]]


def vaststellen(
    w: Wereld,
    nummer: int,
    bedrag_: str | None = None,
    *,
    grond: str | None = None,
    datum: date = NA_UITVOERING,
    door: str = REGIE,
) -> dict:
    motivering = MOTIVERING if grond else None
    cmd = StelVast(
        nummer=nummer, bedrag=bedrag(bedrag_) if bedrag_ else None, grond=grond, motivering=motivering, datum=datum
    )
    return stel_vast(w.als(door), cmd)


def vorder(w: Wereld, nummer: int, bedrag_: str, door: str | None = None) -> dict:
    cmd = VorderTerug(nummer=nummer, bedrag=bedrag(bedrag_), motivering=MOTIVERING, datum=NA_UITVOERING)
    return vorder_terug(w.als(door) if door else w.college, cmd)


def ontvang(w: Wereld, nummer: int, bedrag_: str, door: str = KAS) -> dict:
    return ontvang_terug(w.als(door), OntvangTerug(nummer=nummer, bedrag=bedrag(bedrag_), datum=NA_UITVOERING))


def test_standaard_wat_betaald_is_en_het_onbestede_vervalt(w):
    nummer, (een, twee) = toegekend(w)
    w.verzilver(een, "1.000", datum=DAG)
    w.contant(twee, "250", datum=DAG)
    beschikbaar = w.college.laad_wijk(WIJK, PERIODE).beschikbaar

    uit = schrijft(w, lambda: vaststellen(w, nummer))

    assert (uit["vastgesteld"], uit["teruggevorderd"], uit["status"]) == (bedrag("1.250"), Bedrag.nul(), "vastgesteld")
    wijk = w.college.laad_wijk(WIJK, PERIODE)
    assert (wijk.vervallen, wijk.beschikbaar) == (bedrag("6.250"), beschikbaar + bedrag("6.250"))
    assert [w.kas.toon_voucher(c)["restant"] for c in (een, twee)] == [Bedrag.nul(), Bedrag.nul()]
    assert w.regie.toon_aanvraag(nummer)["vastgesteld"] == bedrag("1.250")
    [s] = orakel(w.college.gebeurtenissen())
    [rij] = vouwen.vouw(w.app.genummerd()).saldo_rijen()
    assert (s.vervallen, s.uitstaand) == (bedrag("6.250"), Bedrag.nul())
    assert (rij.vervallen, rij.beschikbaar) == (625_000, wijk.beschikbaar.centen)
    # a repeat writes nothing; another act on a settled grant is refused
    n = w.aantal_gebeurtenissen()
    assert vaststellen(w, nummer)["vastgesteld"] == bedrag("1.250") and w.aantal_gebeurtenissen() == n
    weigert(w, OngeldigeToestand, lambda: vaststellen(w, nummer, "1.000", grond="a"))


def test_een_gecorrigeerde_betaling_telt_niet_als_betaald(w):
    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000", datum=DAG)
    w.verzilver(een, "500", datum=DAG, factuur="F-2")
    from commands.nazorg import CorrigeerBetaling, corrigeer_betaling

    laatste = max(nr for nr, e in w.app.genummerd() if type(e).__name__ == "Verzilverd")
    corrigeer_betaling(w.kas, CorrigeerBetaling(code=een, gebeurtenis=laatste, reden="dubbel", datum=DAG))
    assert vaststellen(w, nummer)["vastgesteld"] == bedrag("1.000")


def test_na_de_vaststelling_wordt_een_betaling_niet_meer_gecorrigeerd(w):
    """Else betaald drops under vastgesteld and the voucher's value could be spent a second time."""
    from commands.nazorg import CorrigeerBetaling, corrigeer_betaling

    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000", datum=DAG)
    vaststellen(w, nummer)
    betaling = max(nr for nr, e in w.app.genummerd() if type(e).__name__ == "Verzilverd")
    cmd = CorrigeerBetaling(code=een, gebeurtenis=betaling, reden="dubbel", datum=NA_UITVOERING)
    fout = weigert(w, OngeldigeToestand, lambda: corrigeer_betaling(w.kas, cmd))
    assert "vastgesteld" in str(fout) and "terugvordering" in str(fout)
    assert w.app.repository.get(ids.voucher_id(een)).restant == Bedrag.nul()  # nothing to spend again


def test_hoger_dan_betaald_nooit_precies_betaald_mag_zonder_grond(w):
    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000", datum=DAG)
    weigert(w, RegelOvertreden, lambda: vaststellen(w, nummer, "1.000,01"))
    weigert(w, OngeldigeInvoer, lambda: vaststellen(w, nummer, "1.000", grond="a"))  # a grond only when lower
    assert vaststellen(w, nummer, "1.000")["teruggevorderd"] == Bedrag.nul()


def test_een_cent_lager_alleen_met_grond_en_dan_wordt_het_verschil_teruggevorderd(w):
    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000", datum=DAG)
    weigert(w, OngeldigeInvoer, lambda: vaststellen(w, nummer, "999,99"))  # no ground of Awb 4:46 lid 2
    uit = schrijft(w, lambda: vaststellen(w, nummer, "999,99", grond="b"))
    assert (uit["vastgesteld"], uit["teruggevorderd"], uit["openstaand"]) == (
        bedrag("999,99"),
        bedrag("0,01"),
        bedrag("0,01"),
    )


def test_voor_de_uitvoeringsdatum_pas_als_alles_besteed_of_ingetrokken_is(w):
    nummer, (een, twee) = toegekend(w, "2.000")
    w.verzilver(een, "1.000", datum=DAG)
    w.verzilver(twee, "999,99", datum=DAG, factuur="F-2")
    laatste_dag = date(PERIODE, 12, 31)
    weigert(w, TermijnLoopt, lambda: vaststellen(w, nummer, datum=laatste_dag))  # € 0,01 unspent
    w.verzilver(twee, "0,01", datum=DAG, factuur="F-3")
    assert vaststellen(w, nummer, datum=laatste_dag)["vastgesteld"] == bedrag("2.000")


def test_de_dag_na_de_uitvoeringsdatum_mag_ook_met_onbesteed_deel(w):
    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000", datum=DAG)
    assert vaststellen(w, nummer, datum=date(PERIODE + 1, 1, 1))["vastgesteld"] == bedrag("1.000")


def test_alleen_een_toekenning_en_niet_door_de_kasbeheerder(w):
    nummer, _ = toegekend(w)
    open_ = w.aanvraag("1.000")
    weigert(w, OngeldigeToestand, lambda: vaststellen(w, open_))
    weigert(w, GeenMandaat, lambda: vaststellen(w, nummer, door=KAS))


def test_terugvorderen_precies_het_verschil_een_cent_meer_niet(w):
    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000", datum=DAG)
    weigert(w, RegelOvertreden, lambda: vorder(w, nummer, "1.000,01"))  # not vastgesteld: all that was paid
    assert vorder(w, nummer, "300")["openstaand"] == bedrag("300")
    weigert(w, RegelOvertreden, lambda: vorder(w, nummer, "700,01"))
    assert vorder(w, nummer, "700")["openstaand"] == bedrag("1.000")


def test_na_vaststelling_ten_hoogste_betaald_min_vastgesteld_min_teruggevorderd(w):
    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000", datum=DAG)
    vorder(w, nummer, "100")
    weigert(w, RegelOvertreden, lambda: vaststellen(w, nummer, "900,01"))  # claimed money is no subsidy
    uit = vaststellen(w, nummer, "600", grond="a")
    assert (uit["teruggevorderd"], uit["openstaand"]) == (bedrag("300"), bedrag("400"))
    weigert(w, RegelOvertreden, lambda: vorder(w, nummer, "0,01"))  # paid = vastgesteld + claimed


def test_alleen_het_college_vordert_terug(w):
    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000", datum=DAG)
    weigert(w, GeenMandaat, lambda: vorder(w, nummer, "100", door=REGIE))


def test_ontvangen_precies_wat_openstaat_een_cent_meer_niet_en_weer_beschikbaar(w):
    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000", datum=DAG)
    vaststellen(w, nummer, "600", grond="a")
    beschikbaar = w.college.laad_wijk(WIJK, PERIODE).beschikbaar
    weigert(w, RegelOvertreden, lambda: ontvang(w, nummer, "400,01"))
    weigert(w, GeenMandaat, lambda: ontvang(w, nummer, "100", door=REGIE))
    assert ontvang(w, nummer, "150")["openstaand"] == bedrag("250")
    uit = schrijft(w, lambda: ontvang(w, nummer, "250"))
    assert (uit["terugontvangen"], uit["openstaand"]) == (bedrag("250"), Bedrag.nul())
    weigert(w, RegelOvertreden, lambda: ontvang(w, nummer, "0,01"))
    assert w.college.laad_wijk(WIJK, PERIODE).beschikbaar == beschikbaar + bedrag("400")
    [rij] = vouwen.vouw(w.app.genummerd()).saldo_rijen()
    assert (rij.teruggevorderd, rij.terugontvangen) == (40_000, 40_000)
    assert rij.beschikbaar == (beschikbaar + bedrag("400")).centen


def test_de_lagere_vaststelling_is_een_besluit_met_brief_en_staat_in_de_verantwoording(w):
    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000", datum=DAG)
    vaststellen(w, nummer, "600", grond="a")
    ontvang(w, nummer, "100")
    h = vouw(w.app.genummerd())

    brief = besluit.bouw(h, nummer, lambda: w.regie.toon_aanvraag(nummer))
    tekst = besluit.tekst(brief)

    assert brief["uitkomst"] == "vaststelling" and brief["weigering"]["artikel"] == "art. 4:46 lid 2 onder a Awb"
    assert "Wij stellen de subsidie" in tekst and "€ 400,00" in tekst and MOTIVERING in tekst and "bezwaar" in tekst
    assert "minder dan met de vouchers is betaald" in " ".join(tekst.split())  # not "wat ... is betaald"
    model = verantwoording.bouw(h)
    assert (model["totaal"]["teruggevorderd"], model["totaal"]["terugontvangen"]) == (bedrag("400"), bedrag("100"))
    assert model["totaal"]["vervallen"] == bedrag("6.500")


def test_afsluiten_wordt_geweigerd_zolang_een_aanvraag_niet_is_beslist_en_noemt_haar(w):
    toegekend(w)
    open_ = w.aanvraag("1.000")
    sluit = SluitPeriodeAf(periode=PERIODE, datum=NA_UITVOERING)
    fout = weigert(w, OngeldigeToestand, lambda: sluit_periode_af(w.college, sluit))
    assert f": {open_};" in str(fout)
    w.regie.weiger(m.Weiger(nummer=open_, grond="a", motivering="niet haalbaar", datum=DAG))
    schrijft(w, lambda: sluit_periode_af(w.college, sluit))


def test_afsluiten_stelt_elke_toekenning_vast_op_wat_betaald_is_een_gebeurtenis_elk(w):
    een_nr, (een, _) = toegekend(w)
    twee_nr, (drie, _) = toegekend(w, "2.000")
    al_nr, (vier, _) = toegekend(w, "1.000")
    w.verzilver(een, "1.000", datum=DAG)
    w.verzilver(drie, "400", datum=DAG, factuur="F-2")
    w.verzilver(vier, "100", datum=DAG, factuur="F-3")
    vaststellen(w, al_nr, "50", grond="a")  # vastgesteld before: not again

    uit = sluit_periode_af(w.college, SluitPeriodeAf(periode=PERIODE, datum=NA_UITVOERING))

    [wijk] = uit.wijken
    assert wijk.als_dict()["vastgesteld"] == [
        {"aanvraag": een_nr, "bedrag": bedrag("1.000")},
        {"aanvraag": twee_nr, "bedrag": bedrag("400")},
    ]
    soorten = [type(e).__name__ for _, e in w.app.genummerd()]
    assert soorten.count("Vastgesteld") == 3
    assert [w.regie.toon_aanvraag(n)["vastgesteld"] for n in (een_nr, twee_nr, al_nr)] == [
        bedrag("1.000"),
        bedrag("400"),
        bedrag("50"),
    ]
    [s] = orakel(w.college.gebeurtenissen())
    [rij] = vouwen.vouw(w.app.genummerd()).saldo_rijen()
    assert (s.uitstaand, rij.uitstaand, rij.teruggevorderd) == (Bedrag.nul(), 0, 5_000)
    assert s.vervallen == bedrag("10.500") - bedrag("1.500")
