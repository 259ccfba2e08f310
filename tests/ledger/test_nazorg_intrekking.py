"""Intrekking and wijziging ten nadele of a grant (Awb 4:48): the unspent value goes back under the plafond."""

from __future__ import annotations

from datetime import date

import pytest
from saldo_orakel import vouw as orakel
from wereld import KAS, PERIODE, WIJK, Wereld, bedrag, geheugen_app, schrijft, weigert

from commands.nazorg import TrekToekenningIn, trek_toekenning_in
from commands.periode import SluitPeriodeAf, sluit_periode_af
from ledger.fouten import GeenMandaat, OngeldigeToestand, RegelOvertreden, RestantOntoereikend
from ledger.geld import Bedrag
from projections import vouwen
from projections.rapporten import besluit, handelingen, verantwoording
from projections.rapporten.geschiedenis import vouw

MOTIVERING = "het buurtfeest gaat niet door: de zaal is niet beschikbaar"


@pytest.fixture
def w() -> Wereld:
    return Wereld.ingericht(geheugen_app(), budget="50.000")


def trek_in(w: Wereld, nummer: int, bedrag_: str | None = None, door: str | None = None) -> dict:
    cmd = TrekToekenningIn(
        nummer=nummer,
        grond="a",
        motivering=MOTIVERING,
        bedrag=bedrag(bedrag_) if bedrag_ else None,
        datum=date(PERIODE, 6, 1),
    )
    return trek_toekenning_in(w.als(door) if door else w.regie, cmd)


def toegekend(w: Wereld, kosten: str = "7.500") -> tuple[int, list[str]]:
    nummer = w.aanvraag(kosten)
    uit = w.ken_toe(nummer, vouchers=2)
    return nummer, [v["code"] for v in uit["vouchers"]]


def test_het_hele_onbestede_deel_wordt_ingetrokken_en_telt_als_vervallen(w):
    nummer, (een, twee) = toegekend(w)
    w.verzilver(een, "1.000")
    beschikbaar = w.college.laad_wijk(WIJK, PERIODE).beschikbaar

    uit = schrijft(w, lambda: trek_in(w, nummer))

    assert uit["ingetrokken"] == bedrag("6.500")
    assert [(v["code"], v["waarde"], v["restant"]) for v in uit["vouchers"]] == [
        (een, bedrag("1.000"), Bedrag.nul()),
        (twee, Bedrag.nul(), Bedrag.nul()),
    ]
    wijk = w.college.laad_wijk(WIJK, PERIODE)
    assert (wijk.vervallen, wijk.beschikbaar) == (bedrag("6.500"), beschikbaar + bedrag("6.500"))
    assert w.kas.toon_voucher(twee)["status"] == "ingetrokken"
    [s] = orakel(w.college.gebeurtenissen())
    [rij] = vouwen.vouw(w.app.genummerd()).saldo_rijen()
    assert (s.vervallen, s.uitstaand, s.beschikbaar) == (bedrag("6.500"), Bedrag.nul(), wijk.beschikbaar)
    assert (rij.vervallen, rij.uitstaand, rij.beschikbaar) == (650_000, 0, wijk.beschikbaar.centen)


def test_de_voucher_met_het_hoogste_volgnummer_gaat_eerst(w):
    nummer, (een, twee) = toegekend(w)
    uit = trek_in(w, nummer, "4.000")
    assert [(v["code"], v["restant"]) for v in uit["vouchers"]] == [(een, bedrag("3.500")), (twee, Bedrag.nul())]


def test_precies_het_onbestede_deel_mag_een_cent_meer_niet(w):
    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000")
    weigert(w, RegelOvertreden, lambda: trek_in(w, nummer, "6.500,01"))
    assert trek_in(w, nummer, "6.500")["ingetrokken"] == bedrag("6.500")
    weigert(w, RegelOvertreden, lambda: trek_in(w, nummer, "0,01"))  # nothing unspent is left


def test_na_de_intrekking_wordt_niet_meer_betaald_dan_er_over_is(w):
    nummer, (_, twee) = toegekend(w)
    trek_in(w, nummer, "3.000")  # all of it from the second voucher: € 750 is left on it
    weigert(w, RestantOntoereikend, lambda: w.verzilver(twee, "750,01"))
    schrijft(w, lambda: w.verzilver(twee, "750"))


def test_alleen_een_toekenning_wordt_ingetrokken(w):
    nummer = w.aanvraag("1.000")
    weigert(w, OngeldigeToestand, lambda: trek_in(w, nummer))


def test_de_kasbeheerder_trekt_geen_toekenning_in(w):
    nummer, _ = toegekend(w)
    weigert(w, GeenMandaat, lambda: trek_in(w, nummer, door=KAS))


def test_in_een_afgesloten_periode_wordt_niets_ingetrokken():
    w = Wereld.ingericht(geheugen_app(), budget="50.000", vandaag=date(PERIODE + 1, 1, 10))
    nummer, _ = toegekend(w)
    sluit_periode_af(w.college, SluitPeriodeAf(periode=PERIODE, datum=date(PERIODE + 1, 1, 5)))
    weigert(w, OngeldigeToestand, lambda: trek_in(w, nummer))


def test_de_intrekking_is_een_besluit_met_brief_en_staat_in_de_verantwoording(w):
    nummer, (een, _) = toegekend(w)
    w.verzilver(een, "1.000")
    trek_in(w, nummer)
    h = vouw(w.app.genummerd())

    brief = besluit.bouw(h, nummer, lambda: w.regie.toon_aanvraag(nummer))
    tekst = besluit.tekst(brief)

    assert brief["uitkomst"] == "intrekking" and brief["weigering"]["artikel"] == "art. 4:48 lid 1 onder a Awb"
    assert "Wij trekken de verstrekking van vouchers" in tekst and MOTIVERING in tekst and "bezwaar" in tekst
    model = verantwoording.bouw(h)
    # (the world enters its year afterwards: those acts are listed as laat_geboekt, tests/ledger/test_laat_geboekt.py)
    assert [u["soort"] for u in model["uitzonderingen"] if u["soort"] != "laat_geboekt"] == ["toekenning_ingetrokken"]
    assert model["totaal"]["vervallen"] == bedrag("6.500")
    assert "toekenning ingetrokken voor € 6.500,00 (Awb 4:48)" in verantwoording.tekst(model)
    assert "waarde ingetrokken" in handelingen.csv(model)
