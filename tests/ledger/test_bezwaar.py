"""Verzending en bezwaar in the language of the Awb: the terms, the boundaries, and what gegrond does."""

from __future__ import annotations

from datetime import date

import pytest
from wereld import COLLEGE, PERIODE, Wereld, bedrag, geheugen_app, schrijft, weigert

from commands import modellen as m
from commands.bezwaar import (
    BeslisBezwaar,
    DienBezwaarIn,
    VerzendBesluit,
    beslis_bezwaar,
    dien_bezwaar_in,
    verzend_besluit,
)
from ledger import bezwaartermijn as bt
from ledger.fouten import GeenMandaat, OngeldigeInvoer, OngeldigeToestand, RegelOvertreden, TermijnVerstreken
from ledger.geld import Bedrag

D = date


# --- the terms (Awb 6:7-6:8, 7:10; Algemene termijnenwet) ------------------------------------
def test_de_bezwaartermijn_begint_de_dag_na_verzending_en_duurt_zes_weken():
    assert bt.laatste_dag_bezwaar(D(2026, 3, 2), 6) == D(2026, 4, 13)  # maandag -> maandag


def test_een_termijn_die_op_zaterdag_eindigt_loopt_door_tot_maandag():
    assert bt.laatste_dag_bezwaar(D(2026, 3, 7), 6) == D(2026, 4, 20)  # za 18 april -> ma 20 april


def test_een_termijn_die_op_koningsdag_eindigt_loopt_door_tot_de_dag_erna():
    assert bt.laatste_dag_bezwaar(D(2026, 3, 16), 6) == D(2026, 4, 28)  # ma 27 april 2026 is Koningsdag


def test_de_feestdagen_van_de_algemene_termijnenwet():
    assert bt.pasen(2026) == D(2026, 4, 5) and bt.pasen(2025) == D(2025, 4, 20)
    dagen = bt.feestdagen(2026)
    assert {D(2026, 4, 6), D(2026, 5, 14), D(2026, 5, 25), D(2026, 5, 5), D(2026, 12, 26)} <= dagen
    assert D(2025, 4, 26) in bt.feestdagen(2025)  # 27 april 2025 is een zondag: Koningsdag op zaterdag
    assert not bt.is_werkdag(D(2026, 1, 1)) and bt.is_werkdag(D(2026, 1, 2))


def test_de_beslistermijn_is_zes_weken_na_afloop_van_de_bezwaartermijn():
    assert bt.beslissen_voor(D(2026, 3, 20), D(2026, 4, 13)) == D(2026, 5, 26)  # 25 mei: tweede Pinksterdag
    assert bt.beslissen_voor(D(2026, 3, 20), None) == D(2026, 5, 1)  # niet verzonden: vanaf de ontvangst
    assert bt.beslissen_voor(D(2026, 4, 20), D(2026, 4, 13)) == D(2026, 6, 1)  # te laat: vanaf de ontvangst


# --- a small history ---------------------------------------------------------------------------
@pytest.fixture
def w() -> Wereld:
    return Wereld.ingericht(geheugen_app(), budget="10.000")


def _geweigerd(w: Wereld) -> int:
    nr = w.aanvraag("1.000", ontvangen=D(PERIODE, 2, 2))
    w.regie.weiger(m.Weiger(nummer=nr, grond="a", motivering="niet haalbaar", datum=D(PERIODE, 3, 2)))
    return nr


def _verzend(w: Wereld, nr: int, datum: date, gebeurtenis: int | None = None) -> dict:
    return verzend_besluit(w.regie, VerzendBesluit(nummer=nr, gebeurtenis=gebeurtenis, datum=datum))


def _bezwaar(w: Wereld, nr: int, ontvangen: date, verschoonbaar: str | None = None) -> dict:
    cmd = DienBezwaarIn(
        nummer=nr, ontvangen=ontvangen, omschrijving="het is wel haalbaar", verschoonbaar=verschoonbaar, datum=ontvangen
    )
    return dien_bezwaar_in(w.regie, cmd)


def _beslis(w: Wereld, b: int, uitkomst: str, datum: date = D(PERIODE, 5, 1), als: str = COLLEGE) -> dict:
    cmd = BeslisBezwaar(bezwaar=b, uitkomst=uitkomst, motivering="na hoorzitting", datum=datum)
    return beslis_bezwaar(w.als(als), cmd)


def test_verzenden_legt_een_keer_vast_en_een_herhaling_schrijft_niets(w):
    nr = _geweigerd(w)
    u = schrijft(w, lambda: _verzend(w, nr, D(PERIODE, 3, 2)))
    assert (u["verzonden"], u["laatste_dag"], u["soort"]) == (D(PERIODE, 3, 2), D(PERIODE, 4, 13), "geweigerd")
    voor = w.aantal_gebeurtenissen()
    assert _verzend(w, nr, D(PERIODE, 3, 2)) == u
    assert w.aantal_gebeurtenissen() == voor
    weigert(w, OngeldigeToestand, lambda: _verzend(w, nr, D(PERIODE, 3, 3)))


def test_een_brief_wordt_niet_verzonden_voor_het_besluit(w):
    nr = _geweigerd(w)
    weigert(w, OngeldigeInvoer, lambda: _verzend(w, nr, D(PERIODE, 3, 1)))


def test_zonder_besluit_is_er_niets_te_verzenden_en_geen_bezwaar(w):
    nr = w.aanvraag("1.000")
    weigert(w, OngeldigeToestand, lambda: _verzend(w, nr, D(PERIODE, 3, 2)))
    weigert(w, RegelOvertreden, lambda: _bezwaar(w, nr, D(PERIODE, 3, 2)))


def test_bezwaar_op_de_laatste_dag_is_tijdig_en_kan_gegrond_zijn(w):
    nr = _geweigerd(w)
    _verzend(w, nr, D(PERIODE, 3, 2))
    u = schrijft(w, lambda: _bezwaar(w, nr, D(PERIODE, 4, 13)))
    assert (u["tijdig"], u["laatste_dag"], u["beslissen_voor"]) == (True, D(PERIODE, 4, 13), D(PERIODE, 5, 26))
    assert _beslis(w, u["bezwaar"], "gegrond")["status"] == "ingediend"


def test_bezwaar_de_dag_na_de_termijn_is_te_laat_en_alleen_niet_ontvankelijk(w):
    nr = _geweigerd(w)
    _verzend(w, nr, D(PERIODE, 3, 2))
    u = _bezwaar(w, nr, D(PERIODE, 4, 14))
    assert u["tijdig"] is False
    weigert(w, RegelOvertreden, lambda: _beslis(w, u["bezwaar"], "gegrond"))
    weigert(w, RegelOvertreden, lambda: _beslis(w, u["bezwaar"], "ongegrond"))
    assert schrijft(w, lambda: _beslis(w, u["bezwaar"], "niet-ontvankelijk"))["status"] == "geweigerd"


def test_een_te_laat_maar_verschoonbaar_bezwaar_kan_gegrond_zijn(w):
    nr = _geweigerd(w)
    _verzend(w, nr, D(PERIODE, 3, 2))
    u = _bezwaar(w, nr, D(PERIODE, 4, 14), verschoonbaar="de brief kwam door een postfout pas op 10 april aan")
    assert (u["tijdig"], u["verschoonbaar"]) == (False, "de brief kwam door een postfout pas op 10 april aan")
    assert _beslis(w, u["bezwaar"], "gegrond")["uitkomst"] == "gegrond"


def test_verschoonbaar_hoort_alleen_bij_een_te_laat_bezwaar(w):
    nr = _geweigerd(w)
    _verzend(w, nr, D(PERIODE, 3, 2))
    weigert(w, OngeldigeInvoer, lambda: _bezwaar(w, nr, D(PERIODE, 4, 13), verschoonbaar="toch"))


def test_tegen_een_niet_verzonden_besluit_loopt_geen_termijn_en_is_bezwaar_tijdig(w):
    nr = _geweigerd(w)
    u = _bezwaar(w, nr, D(PERIODE, 9, 1))
    assert (u["tijdig"], u["verzonden"], u["laatste_dag"], u["beslissen_voor"]) == (
        True,
        None,
        None,
        D(PERIODE, 10, 13),
    )


def test_alleen_het_college_beslist_op_bezwaar_en_een_keer(w):
    nr = _geweigerd(w)
    b = _bezwaar(w, nr, D(PERIODE, 3, 10))["bezwaar"]
    weigert(w, GeenMandaat, lambda: _beslis(w, b, "ongegrond", als="regie.noord"))
    _beslis(w, b, "ongegrond")
    voor = w.aantal_gebeurtenissen()
    assert _beslis(w, b, "ongegrond")["uitkomst"] == "ongegrond"  # a repeat: nothing written
    assert w.aantal_gebeurtenissen() == voor
    weigert(w, OngeldigeToestand, lambda: _beslis(w, b, "gegrond"))


def test_gegrond_op_een_weigering_heropent_de_aanvraag_ook_na_de_uitgiftedatum(w):
    nr = _geweigerd(w)
    b = _bezwaar(w, nr, D(PERIODE, 3, 10))["bezwaar"]
    _beslis(w, b, "gegrond", datum=D(PERIODE, 7, 1))
    assert w.regie.toon_aanvraag(nr)["status"] == "ingediend"
    # a new aanvraag after the issue date is refused (art. 5 lid 8); the heropende one may be granted
    ander = w.aanvraag("500", ontvangen=D(PERIODE, 3, 1))
    weigert(w, TermijnVerstreken, lambda: w.ken_toe(ander, datum=D(PERIODE, 7, 2)))
    u = w.ken_toe(nr, datum=D(PERIODE, 7, 2))
    assert u["bedrag"] == bedrag("1.000")
    # and the new decision has its own letter and can be objected to again
    assert _verzend(w, nr, D(PERIODE, 7, 2))["soort"] == "toegekend"


def test_het_nieuwe_besluit_ligt_niet_voor_de_herroeping(w):
    nr = _geweigerd(w)
    b = _bezwaar(w, nr, D(PERIODE, 3, 10))["bezwaar"]
    _beslis(w, b, "gegrond", datum=D(PERIODE, 5, 1))
    weigert(w, OngeldigeInvoer, lambda: w.ken_toe(nr, datum=D(PERIODE, 4, 30)))


def test_gegrond_op_een_onbestede_toekenning_laat_de_vouchers_vervallen_en_geeft_nieuwe_codes(w):
    code = w.voucher("1.000")
    nr = 1
    b = _bezwaar(w, nr, D(PERIODE, 3, 10))["bezwaar"]
    _beslis(w, b, "gegrond", datum=D(PERIODE, 4, 1))
    assert w.kas.toon_voucher(code)["restant"] == Bedrag.nul() and w.kas.toon_voucher(code)["status"] == "ingetrokken"
    [wijk] = [x for x in w.college.wijken() if x.code == "NOORD"]
    assert wijk.beschikbaar == bedrag("10.000")
    nieuw = w.ken_toe(nr, datum=D(PERIODE, 4, 2), bedrag="800", grond="a", motivering="deels haalbaar")["vouchers"]
    assert [v["code"] for v in nieuw] == ["V000001-02-9"]


def test_gegrond_op_een_toekenning_waarvan_al_is_betaald_wordt_geweigerd(w):
    code = w.voucher("1.000")
    w.verzilver(code, "100")
    b = _bezwaar(w, 1, D(PERIODE, 3, 10))["bezwaar"]
    weigert(w, RegelOvertreden, lambda: _beslis(w, b, "gegrond"))


def test_ongegrond_laat_het_besluit_staan(w):
    nr = _geweigerd(w)
    b = _bezwaar(w, nr, D(PERIODE, 3, 10))["bezwaar"]
    assert _beslis(w, b, "ongegrond")["status"] == "geweigerd"
    weigert(w, OngeldigeToestand, lambda: w.ken_toe(nr, datum=D(PERIODE, 5, 2)))


def test_gegrond_na_een_wijkraadpleging_tegen_geeft_een_nieuwe_raadpleging(w):
    nr = w.aanvraag("12.000", ontvangen=D(PERIODE, 2, 2))
    w.regie.verklaar_geschikt(m.VerklaarGeschikt(nummer=nr, datum=D(PERIODE, 2, 10)))
    w.regie.besluit_raadpleging(m.BesluitRaadpleging(nummer=nr, uitkomst="tegen", datum=D(PERIODE, 3, 1)))
    b = _bezwaar(w, nr, D(PERIODE, 3, 10))
    assert b["soort"] == "geweigerd"
    assert _beslis(w, b["bezwaar"], "gegrond")["status"] == "geschikt"
    w.regie.besluit_raadpleging(m.BesluitRaadpleging(nummer=nr, uitkomst="voor", datum=D(PERIODE, 5, 2)))
    assert w.regie.toon_aanvraag(nr)["status"] == "raadpleging_voor"
    w.ken_toe(nr, datum=D(PERIODE, 5, 3), bedrag="10.000", grond="e", motivering="het plafond laat niet meer toe")


def test_gegrond_op_buiten_behandeling_maakt_de_aanvraag_weer_onvolledig(w):
    nr = w.aanvraag("1.000", ontvangen=D(PERIODE, 2, 2), telefoon=None)
    termijn = D(PERIODE, 2, 20)
    w.regie.vraag_aanvulling(m.VraagAanvulling(nummer=nr, wat="telefoon", termijn=termijn, datum=D(PERIODE, 2, 5)))
    from commands.beeindigen import StelBuitenBehandeling, stel_buiten_behandeling

    cmd = StelBuitenBehandeling(nummer=nr, motivering="niet aangevuld", datum=D(PERIODE, 3, 1))
    stel_buiten_behandeling(w.regie, cmd)
    b = _bezwaar(w, nr, D(PERIODE, 3, 10))["bezwaar"]
    assert _beslis(w, b, "gegrond")["status"] == "onvolledig"


def test_gegrond_op_een_intrekking_herroept_de_administratie_niet_zelf(w):
    code = w.voucher("1.000")
    from commands.nazorg import TrekToekenningIn, trek_toekenning_in

    cmd = TrekToekenningIn(nummer=1, grond="a", motivering="gaat niet door", datum=D(PERIODE, 3, 5))
    trek_toekenning_in(w.regie, cmd)
    b = _bezwaar(w, 1, D(PERIODE, 3, 10))
    assert b["soort"] == "intrekking" and w.kas.toon_voucher(code)["status"] == "ingetrokken"
    weigert(w, RegelOvertreden, lambda: _beslis(w, b["bezwaar"], "gegrond"))
    assert _beslis(w, b["bezwaar"], "ongegrond")["uitkomst"] == "ongegrond"


def test_de_beslissing_op_bezwaar_wordt_verzonden_en_er_staat_geen_bezwaar_tegen_open(w):
    nr = _geweigerd(w)
    b = _bezwaar(w, nr, D(PERIODE, 3, 10))["bezwaar"]
    _beslis(w, b, "ongegrond")
    u = _verzend(w, nr, D(PERIODE, 5, 4))
    assert (u["soort"], u["bezwaar"], u["laatste_dag"]) == ("beslissing op bezwaar", b, D(PERIODE, 6, 15))
    assert _bezwaar(w, nr, D(PERIODE, 5, 20))["soort"] == "geweigerd"  # a second bezwaar: against the refusal
