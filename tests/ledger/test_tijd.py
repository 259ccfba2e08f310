"""Tijd: budgetjaren, een verordening die wijzigt, een budget dat wijzigt, betalen na de uitvoeringsdatum.

In het geheugen, door de echte toepassingsdienst (tests/wereld.py). Elke grens heeft een toestaande
en een weigerende kant; elke weigering noemt haar artikel en schrijft niets.
"""

from __future__ import annotations

from datetime import date

from wereld import COLLEGE, KAS, PERIODE, REGIE, WIJK, Wereld, bedrag, geheugen_app, schrijft, weigert

from commands import modellen as m
from commands import tijd
from commands.dienst import Dienst
from ledger.fouten import (
    BudgetOverschreden,
    ContantBovenMaximum,
    GeenMandaat,
    NietGevonden,
    OngeldigeInvoer,
    OngeldigeToestand,
    RegelOvertreden,
    TermijnVerstreken,
)
from ledger.geld import Bedrag
from ledger.regeling import DagMaand, Regeling


def _wereld(vandaag: date = date(2027, 3, 1), regeling: Regeling | None = None) -> Wereld:
    return Wereld.ingericht(geheugen_app(), vandaag=vandaag, regeling=regeling)


def _wijk_voor(w: Wereld, periode: int, **opties: object) -> dict:
    return w.college.wijs_wijk_aan(
        m.WijsWijkAan(
            code=WIJK, naam="Noord", periode=periode, budget=bedrag("50.000"), datum=date(PERIODE, 1, 2), **opties
        )
    )


# --- budgetjaren ------------------------------------------------------------------------------
def test_op_de_laatste_uitgiftedag_ontvangen_hoort_bij_dat_budgetjaar_de_dag_erna_bij_het_volgende() -> None:
    w = _wereld()
    _wijk_voor(w, PERIODE + 1)
    op_de_dag = w.regie.dien_in(_aanvraag(date(PERIODE, 6, 30)))
    de_dag_erna = w.regie.dien_in(_aanvraag(date(PERIODE, 7, 1)))
    assert (op_de_dag["periode"], de_dag_erna["periode"]) == (PERIODE, PERIODE + 1)


def test_in_december_ontvangen_voor_het_budget_van_volgend_jaar_gaat_naar_volgend_jaar() -> None:
    w = _wereld()
    _wijk_voor(w, PERIODE + 1)
    assert w.regie.dien_in(_aanvraag(date(PERIODE, 12, 1)))["periode"] == PERIODE + 1


def test_zonder_open_budgetjaar_wordt_de_aanvraag_geweigerd_met_wat_te_doen() -> None:
    w = _wereld()
    fout = weigert(w, RegelOvertreden, lambda: w.regie.dien_in(_aanvraag(date(PERIODE, 7, 1))))
    assert fout.artikel == "art. 2 lid 1, art. 5 lid 8"
    assert "geen budgetjaar dat op 1 juli 2026 nog open is" in fout.melding
    assert "wijs eerst de wijk aan voor het volgende budgetjaar" in fout.melding


def test_met_periode_gaat_de_aanvraag_naar_dat_jaar_en_een_jaar_zonder_aanwijzing_is_niet_gevonden() -> None:
    w = _wereld()
    _wijk_voor(w, PERIODE + 1)
    assert w.regie.dien_in(_aanvraag(date(PERIODE, 3, 1), periode=PERIODE + 1))["periode"] == PERIODE + 1
    weigert(w, NietGevonden, lambda: w.regie.dien_in(_aanvraag(date(PERIODE, 3, 1), periode=PERIODE + 2)))


def test_het_model_van_2008_met_volledige_data_per_budgetjaar() -> None:
    """Art. 10 lid 1 en art. 5 lid 8 van het model: in werking 1 oktober 2008, vouchers tot en met
    30 juni 2009, uitgevoerd uiterlijk 31 december 2009, alles voor het budget van 2008."""
    r = Regeling.uit_dict({"budgetjaren": {"2008": {"verstrekken_tot": "2009-06-30", "uitvoeren_tot": "2009-12-31"}}})
    _het_model_van_2008(r)


def test_het_model_van_2008_met_een_jaarverschuiving() -> None:
    r = Regeling(verstrekken_tot_jaar=1, uitvoeren_tot_jaar=1)
    assert (r.verstrekken_tot_in(2008), r.uitvoeren_tot_in(2008)) == (date(2009, 6, 30), date(2009, 12, 31))
    _het_model_van_2008(r)


def _het_model_van_2008(r: Regeling) -> None:
    app = geheugen_app()
    college, regie, kas = (Dienst(app, x, vandaag=date(2010, 3, 1)) for x in (COLLEGE, REGIE, KAS))
    college.richt_in(m.Inrichten(gemeente="Modelstad", regeling=r, datum=date(2008, 10, 1)))
    college.geef_mandaat(m.GeefMandaat(aan=REGIE, rol="regiegroep", wijk=WIJK, datum=date(2008, 10, 1)))
    college.geef_mandaat(m.GeefMandaat(aan=KAS, rol="kasbeheerder", datum=date(2008, 10, 1)))
    wijk = college.wijs_wijk_aan(
        m.WijsWijkAan(code=WIJK, naam="Noord", periode=2008, budget=bedrag("100.000"), datum=date(2008, 10, 2))
    )
    assert (wijk["verstrekken_tot"], wijk["uitvoeren_tot"]) == (date(2009, 6, 30), date(2009, 12, 31))
    nummers = [regie.dien_in(_aanvraag(date(2009, 6, 30)))["aanvraag"] for _ in range(2)]
    assert regie.aanvragen()[0]["periode"] == 2008  # received in 2009, for the budget of 2008
    code = regie.ken_toe(m.KenToe(nummer=nummers[0], datum=date(2009, 6, 30)))["vouchers"][0]["code"]
    try:
        regie.ken_toe(m.KenToe(nummer=nummers[1], datum=date(2009, 7, 1)))
        raise AssertionError("een toekenning na 30 juni 2009 had geweigerd moeten worden")
    except TermijnVerstreken as fout:
        assert fout.artikel == "art. 5 lid 8" and "30 juni 2009" in fout.melding
    verzilverd = kas.verzilver(
        m.Verzilver(code=code, bedrag=bedrag("100"), leverancier="Bouwmarkt", factuur="F-1", datum=date(2009, 12, 31))
    )
    assert verzilverd["restant"] == bedrag("900")


def test_een_wijk_krijgt_geen_latere_data_dan_de_regeling_tenzij_de_regeling_het_toestaat() -> None:
    w = _wereld()
    fout = weigert(w, RegelOvertreden, lambda: _wijk_voor(w, 2027, verstrekken_tot=date(2027, 7, 1)))
    assert fout.artikel == "art. 5 lid 8" and "--verstrekken-tot 1 juli 2027 ligt na 30 juni 2027" in fout.melding
    weigert(w, RegelOvertreden, lambda: _wijk_voor(w, 2027, uitvoeren_tot=date(2028, 1, 1)))
    eerder = schrijft(
        w, lambda: _wijk_voor(w, 2027, verstrekken_tot=date(2027, 6, 29), uitvoeren_tot=date(2027, 12, 31))
    )
    assert eerder["verstrekken_tot"] == date(2027, 6, 29)

    ruim = _wereld(regeling=Regeling(wijkdata_later_toegestaan=True))
    later = schrijft(ruim, lambda: _wijk_voor(ruim, 2027, verstrekken_tot=date(2027, 7, 1)))
    assert later["verstrekken_tot"] == date(2027, 7, 1)


# --- een verordening die wijzigt -----------------------------------------------------------------
VANAF = date(PERIODE, 5, 1)


def _wijzig(w: Wereld, vanaf: date = VANAF, **parameters: object) -> dict:
    cmd = tijd.WijzigRegeling(regeling=Regeling(**parameters), vanaf=vanaf, datum=date(PERIODE, 2, 1))  # type: ignore[arg-type]
    return tijd.wijzig_regeling(w.college, cmd)


def test_een_gewijzigde_regeling_geldt_vanaf_haar_datum_de_dag_ervoor_de_oude() -> None:
    w = _wereld()
    code = w.voucher("2.000")  # granted on 1 March
    uitkomst = _wijzig(w, contant_max=bedrag("300"))
    assert (uitkomst["versie"], uitkomst["vanaf"]) == (2, VANAF)
    schrijft(w, lambda: w.contant(code, "400", datum=date(PERIODE, 4, 30)))  # the day before: € 500 per time
    fout = weigert(w, ContantBovenMaximum, lambda: w.contant(code, "400", datum=VANAF))  # on the day: € 300
    assert fout.artikel == "art. 9 lid 3 onder b" and "€ 300,00" in fout.melding
    schrijft(w, lambda: w.contant(code, "300", datum=VANAF))


def test_regeling_per_datum_noemt_de_versie_die_toen_gold() -> None:
    w = _wereld()
    _wijzig(w, contant_max=bedrag("300"))
    voor, op = w.college.regeling(date(PERIODE, 4, 30)), w.college.regeling(VANAF)
    assert (voor["versie"], voor["regeling"].contant_max) == (1, bedrag("500"))
    assert (op["versie"], op["regeling"].contant_max, op["vanaf"]) == (2, bedrag("300"), VANAF)
    assert [v["versie"] for v in op["versies"]] == [1, 2]


def test_een_wijziging_werkt_niet_terug_voor_een_al_vastgelegde_handeling() -> None:
    w = _wereld()
    w.voucher("1.000")  # the latest act: the grant of 1 March
    fout = weigert(w, RegelOvertreden, lambda: _wijzig(w, vanaf=date(PERIODE, 3, 1)))
    assert fout.artikel == "art. 10 lid 1" and "werkt niet terug" in fout.melding
    assert schrijft(w, lambda: _wijzig(w, vanaf=date(PERIODE, 3, 2)))["versie"] == 2
    # and the next version goes in later than this one
    weigert(w, RegelOvertreden, lambda: _wijzig(w, vanaf=date(PERIODE, 3, 2), contant_max=bedrag("100")))


def test_dezelfde_wijziging_nog_eens_verandert_niets() -> None:
    w = _wereld()
    _wijzig(w, contant_max=bedrag("300"))
    voor = w.aantal_gebeurtenissen()
    assert _wijzig(w, contant_max=bedrag("300"))["nieuw"] is False
    assert w.aantal_gebeurtenissen() == voor


def test_alleen_het_college_wijzigt_de_regeling() -> None:
    w = _wereld()
    cmd = tijd.WijzigRegeling(regeling=Regeling(), vanaf=VANAF, datum=date(PERIODE, 2, 1))
    fout = weigert(w, GeenMandaat, lambda: tijd.wijzig_regeling(w.regie, cmd))
    assert "geen mandaat als college" in fout.melding


# --- een budget dat wijzigt ----------------------------------------------------------------------
def _budget(w: Wereld, tekst: str) -> dict:
    cmd = tijd.WijzigBudget(code=WIJK, periode=PERIODE, budget=bedrag(tekst), datum=date(PERIODE, 3, 2))
    return tijd.wijzig_budget(w.college, cmd)


def test_het_budget_kan_precies_naar_toegekend_plus_reserve_en_niet_een_cent_lager() -> None:
    w = Wereld.ingericht(geheugen_app(), budget="10.000", uitvoeringskosten="500")
    w.voucher("2.000")
    fout = weigert(w, BudgetOverschreden, lambda: _budget(w, "2.499,99"))
    assert fout.artikel == "art. 2 lid 2 en 3, Awb 4:27"
    assert "ten minste € 2.500,00" in fout.melding
    # € 500 is 20 % of € 2.500: the reserve of art. 2 lid 3 must fit as well, with a regeling that allows it
    w2 = Wereld.ingericht(geheugen_app(), budget="10.000", uitvoeringskosten="200")
    w2.voucher("1.800")
    uitkomst = schrijft(w2, lambda: _budget(w2, "2.000"))
    assert (uitkomst["budget"], uitkomst["plafond"], uitkomst["beschikbaar"]) == (
        bedrag("2.000"),
        bedrag("1.800"),
        Bedrag.nul(),
    )


def test_de_reserve_blijft_binnen_tien_procent_van_het_nieuwe_budget() -> None:
    w = Wereld.ingericht(geheugen_app(), budget="10.000", uitvoeringskosten="1.000")
    fout = weigert(w, BudgetOverschreden, lambda: _budget(w, "9.999,99"))
    assert fout.artikel == "art. 2 lid 3"
    schrijft(w, lambda: _budget(w, "10.000,01"))


def test_een_plafond_van_budget_min_reserve_volgt_het_budget_een_eigen_plafond_blijft_staan() -> None:
    w = Wereld.ingericht(geheugen_app(), budget="10.000", uitvoeringskosten="1.000")
    assert _budget(w, "20.000")["plafond"] == bedrag("19.000")
    eigen = Wereld.ingericht(geheugen_app(), budget="10.000", plafond="5.000")
    assert _budget(eigen, "20.000")["plafond"] == bedrag("5.000")
    assert _budget(eigen, "4.000")["plafond"] == bedrag("4.000")  # art. 2 lid 5: it comes down to fit


# --- betalen na de uitvoeringsdatum ------------------------------------------------------------
def _verzilver(w: Wereld, code: str, datum: date, factuurdatum: date | None, factuur: str = "F-9") -> dict:
    return w.kas.verzilver(
        m.Verzilver(
            code=code,
            bedrag=bedrag("10"),
            leverancier="Bouwmarkt",
            factuur=factuur,
            datum=datum,
            factuurdatum=factuurdatum,
        )
    )


def test_een_factuur_van_de_uitvoeringsdatum_wordt_erna_betaald_een_van_de_dag_erna_niet() -> None:
    w = _wereld()
    code = w.voucher("1.000")
    schrijft(w, lambda: _verzilver(w, code, date(2027, 1, 10), date(2026, 12, 31), "F-1"))
    fout = weigert(w, TermijnVerstreken, lambda: _verzilver(w, code, date(2027, 1, 10), date(2027, 1, 1), "F-2"))
    assert fout.artikel == "art. 5 lid 8" and "na 31 december 2026" in fout.melding


def test_de_betaling_mag_op_de_laatste_dag_van_de_betaaltermijn_en_niet_de_dag_erna() -> None:
    w = _wereld()
    code = w.voucher("1.000")
    assert Regeling().betaaltermijn_dagen == 30  # the documented default: 31 December + 30 days = 30 January
    schrijft(w, lambda: _verzilver(w, code, date(2027, 1, 30), date(2026, 12, 20), "F-1"))
    fout = weigert(w, TermijnVerstreken, lambda: _verzilver(w, code, date(2027, 1, 31), date(2026, 12, 20), "F-2"))
    assert fout.artikel == "art. 5 lid 8, betaaltermijn van de regeling"
    assert "tot en met 30 januari 2027" in fout.melding


def test_zonder_factuurdatum_en_contant_blijft_de_uitvoeringsdatum_de_grens() -> None:
    w = _wereld()
    code = w.voucher("1.000")
    fout = weigert(w, TermijnVerstreken, lambda: _verzilver(w, code, date(2027, 1, 1), None))
    assert "geef --factuurdatum" in fout.melding
    schrijft(w, lambda: _verzilver(w, code, date(2026, 12, 31), None))
    contant = weigert(w, TermijnVerstreken, lambda: w.contant(code, "10", datum=date(2027, 1, 1)))
    assert contant.artikel == "art. 5 lid 8" and "--factuurdatum" not in contant.melding


def test_een_factuurdatum_na_de_betaling_is_ongeldige_invoer() -> None:
    w = _wereld()
    code = w.voucher("1.000")
    weigert(w, OngeldigeInvoer, lambda: _verzilver(w, code, date(2026, 6, 1), date(2026, 6, 2)))


def test_de_betaaltermijn_is_een_parameter_van_de_regeling() -> None:
    w = _wereld(regeling=Regeling(betaaltermijn_dagen=0, verstrekken_tot=DagMaand(30, 6)))
    code = w.voucher("1.000")
    weigert(w, TermijnVerstreken, lambda: _verzilver(w, code, date(2027, 1, 1), date(2026, 12, 31)))


def _aanvraag(ontvangen: date, **extra: object) -> m.DienAanvraagIn:
    return m.DienAanvraagIn(
        wijk=WIJK,
        naam="A. de Vries",
        adres="Lindelaan 1",
        telefoon="06-12345678",
        ondertekend=True,
        omschrijving="Buurtfeest",
        planning="juni",
        kosten=bedrag("1.000"),
        elders_subsidie=False,
        ontvangen=ontvangen,
        datum=ontvangen,
        **extra,  # type: ignore[arg-type]
    )


def test_een_aanvraag_voor_een_inmiddels_afgesloten_jaar_wordt_geweigerd_niet_verplaatst() -> None:
    from commands.periode import SluitPeriodeAf, sluit_periode_af

    w = _wereld()
    _wijk_voor(w, PERIODE + 1)
    sluit_periode_af(w.college, SluitPeriodeAf(periode=PERIODE, datum=date(PERIODE + 1, 1, 5)))
    fout = weigert(w, OngeldigeToestand, lambda: w.regie.dien_in(_aanvraag(date(PERIODE, 5, 1))))
    assert fout.artikel == "art. 5 lid 8" and "afgesloten" in fout.melding
    assert w.regie.dien_in(_aanvraag(date(PERIODE, 7, 1)))["periode"] == PERIODE + 1
