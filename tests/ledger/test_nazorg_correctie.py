"""Storno: a payment booked by mistake is corrected by a new event that points at it (art. 9 lid 1).

Given a history, the correction is allowed or refused; a refusal writes nothing (`weigert`).
"""

from __future__ import annotations

from datetime import date

import pytest
from wereld import COLLEGE, PERIODE, REGIE, Wereld, bedrag, geheugen_app, schrijft, weigert

from commands import modellen as m
from commands.nazorg import CorrigeerBetaling, corrigeer_betaling
from commands.periode import SluitPeriodeAf, sluit_periode_af
from ledger import gebeurtenissen as g
from ledger import ids
from ledger.fouten import (
    FactuurAlGeboekt,
    GeenMandaat,
    NietGevonden,
    OngeldigeInvoer,
    OngeldigeToestand,
    RegelOvertreden,
)
from ledger.geld import Bedrag
from ledger.voucher import Voucher


@pytest.fixture
def w() -> Wereld:
    return Wereld.ingericht(geheugen_app(), budget="50.000")


def nummer_van(w: Wereld, soort: type, code: str) -> int:
    """The number in the log of the latest event of this kind on voucher `code`."""
    return max(n for n, e in w.app.genummerd() if isinstance(e, soort) and e.originator_id == ids.voucher_id(code))


def corrigeer(w: Wereld, code: str, nummer: int, *, door: str | None = None, datum: date | None = None) -> dict:
    dienst = w.als(door) if door else w.kas
    cmd = CorrigeerBetaling(code=code, gebeurtenis=nummer, reden="op de verkeerde voucher geboekt", datum=datum)
    return corrigeer_betaling(dienst, cmd)


def test_een_correctie_geeft_het_bedrag_terug_aan_het_restant_en_beide_blijven_zichtbaar(w):
    code = w.voucher("2.000")
    w.verzilver(code, "1.000,50", factuur="F-7")
    betaling = nummer_van(w, g.VoucherVerzilverd, code)

    uit = schrijft(w, lambda: corrigeer(w, code, betaling))

    assert (uit["voucher"], uit["gecorrigeerd"], uit["bedrag"], uit["restant"]) == (
        code,
        betaling,
        bedrag("1.000,50"),
        bedrag("2.000"),
    )
    v = w.app.repository.get(ids.voucher_id(code))
    assert isinstance(v, Voucher) and v.verzilverd == Bedrag.nul() and v.gecorrigeerd == [2]
    soorten = [type(e) for _, e in w.app.genummerd()]
    assert g.VoucherVerzilverd in soorten and g.VoucherBetalingGecorrigeerd in soorten  # never edited, never deleted
    [storno] = [e for _, e in w.app.genummerd() if isinstance(e, g.VoucherBetalingGecorrigeerd)]
    assert (storno.gebeurtenis, storno.soort, storno.factuur, storno.gebruiker) == (
        betaling,
        "verzilverd",
        "F-7",
        "kas.beheer",
    )


def test_na_de_correctie_kan_dezelfde_factuur_op_de_juiste_voucher_worden_geboekt(w):
    fout, goed = w.voucher("2.000"), w.voucher("3.000")
    w.verzilver(fout, "450", factuur="F-9")
    weigert(w, FactuurAlGeboekt, lambda: w.verzilver(goed, "450", factuur="F-9"))
    corrigeer(w, fout, nummer_van(w, g.VoucherVerzilverd, fout))

    uit = schrijft(w, lambda: w.verzilver(goed, "450", factuur="F-9"))

    assert uit["restant"] == bedrag("2.550")
    assert w.verzilver(goed, "450", factuur="F-9")["restant"] == bedrag("2.550")  # a repeat: nothing written
    weigert(w, FactuurAlGeboekt, lambda: w.verzilver(fout, "450", factuur="F-9"))


def test_dezelfde_betaling_twee_keer_corrigeren_wordt_geweigerd(w):
    code = w.voucher("2.000")
    w.verzilver(code, "100")
    betaling = nummer_van(w, g.VoucherVerzilverd, code)
    corrigeer(w, code, betaling)

    fout = weigert(w, OngeldigeToestand, lambda: corrigeer(w, code, betaling))

    assert "al gecorrigeerd" in fout.melding


def test_een_contante_opname_wordt_gecorrigeerd_en_telt_niet_meer_als_contant(w):
    code = w.voucher("2.000")
    w.contant(code, "500")
    w.contant(code, "200")
    eerste = min(
        n for n, e in w.app.genummerd() if isinstance(e, g.VoucherContantOpgenomen) and e.bedrag == bedrag("500")
    )

    uit = corrigeer(w, code, eerste)

    assert uit["restant"] == bedrag("1.800")
    assert w.kas.toon_voucher(code)["contant"] == bedrag("200")


def test_een_betaling_van_een_andere_voucher_wordt_niet_gecorrigeerd(w):
    een, ander = w.voucher("2.000"), w.voucher("1.000")
    w.verzilver(ander, "100")

    fout = weigert(w, RegelOvertreden, lambda: corrigeer(w, een, nummer_van(w, g.VoucherVerzilverd, ander)))

    assert "hoort niet bij voucher" in fout.melding


def test_een_gebeurtenis_die_geen_betaling_is_wordt_niet_gecorrigeerd(w):
    code = w.voucher("2.000")
    w.kas.weiger_betaling(m.WeigerBetaling(code=code, bedrag=bedrag("10"), reden="privé", datum=date(PERIODE, 4, 1)))

    for soort in (g.VoucherVerstrekt, g.VoucherBetalingGeweigerd):
        fout = weigert(w, RegelOvertreden, lambda soort=soort: corrigeer(w, code, nummer_van(w, soort, code)))
        assert "geen betaling" in fout.melding


def test_een_gebeurtenis_die_niet_bestaat_is_niet_gevonden(w):
    code = w.voucher("2.000")
    weigert(w, NietGevonden, lambda: corrigeer(w, code, 10_000))


def test_alleen_de_kasbeheerder_corrigeert(w):
    code = w.voucher("2.000")
    w.verzilver(code, "100")
    betaling = nummer_van(w, g.VoucherVerzilverd, code)
    for wie in (REGIE, COLLEGE):
        weigert(w, GeenMandaat, lambda wie=wie: corrigeer(w, code, betaling, door=wie))


def test_een_correctie_voor_de_datum_van_de_betaling_wordt_geweigerd_op_die_dag_niet(w):
    code = w.voucher("2.000")
    w.verzilver(code, "100", datum=date(PERIODE, 4, 1))
    betaling = nummer_van(w, g.VoucherVerzilverd, code)

    weigert(w, OngeldigeInvoer, lambda: corrigeer(w, code, betaling, datum=date(PERIODE, 3, 31)))
    schrijft(w, lambda: corrigeer(w, code, betaling, datum=date(PERIODE, 4, 1)))


def test_in_een_afgesloten_periode_wordt_niets_gecorrigeerd():
    w = Wereld.ingericht(geheugen_app(), budget="50.000", vandaag=date(PERIODE + 1, 1, 10))
    code = w.voucher("2.000")
    w.verzilver(code, "100")
    betaling = nummer_van(w, g.VoucherVerzilverd, code)
    sluit_periode_af(w.college, SluitPeriodeAf(periode=PERIODE, datum=date(PERIODE + 1, 1, 5)))

    fout = weigert(w, OngeldigeToestand, lambda: corrigeer(w, code, betaling))

    assert fout.artikel == "art. 5 lid 8"


def test_betaling_weigeren_van_een_betaalde_factuur_verwijst_naar_corrigeren(w):
    code = w.voucher("2.000")
    w.verzilver(code, "100", factuur="F-3")
    betaling = nummer_van(w, g.VoucherVerzilverd, code)
    weigeren = m.WeigerBetaling(
        code=code, bedrag=bedrag("100"), reden="niet voor het initiatief", leverancier="Bouwmarkt", factuur="F-3"
    )

    fout = weigert(w, FactuurAlGeboekt, lambda: w.kas.weiger_betaling(weigeren))
    assert f"voucher betaling corrigeren {code} --gebeurtenis {betaling}" in fout.melding

    corrigeer(w, code, betaling)
    schrijft(w, lambda: w.kas.weiger_betaling(weigeren))  # not paid any more: it can be refused
