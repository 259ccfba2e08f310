"""De grenzen van de verordening: op de grens mag het, één cent of één dag erover niet.

Per grens een toestaande en een weigerende test. Een weigering heeft precies de klasse van
de regel (ledger.fouten), draagt de bedragen of datums en het artikel, en schrijft niets.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from wereld import Wereld, bedrag, geheugen_app, schrijft, weigert

from commands import modellen as m
from ledger.fouten import (
    BudgetOverschreden,
    ContantBovenMaximum,
    OngeldigeInvoer,
    PlafondOverschreden,
    RaadplegingVereist,
    RegelOvertreden,
    RestantOntoereikend,
    TermijnVerstreken,
    VoucherwaardeTeHoog,
)
from ledger.geld import Bedrag
from ledger.regeling import Regeling

NA_DE_PERIODE = date(2027, 6, 1)  # "vandaag" waarop 31 december 2026 en 1 januari 2027 geen toekomst zijn


def beschikbaar(w: Wereld, code: str = "NOORD") -> Bedrag:
    return next(x for x in w.college.wijken() if x.code == code).beschikbaar


def voucher(w: Wereld, code: str) -> dict[str, Any]:
    return w.kas.toon_voucher(code)


# --- art. 9 lid 3 onder b: contant ten hoogste € 500 per keer ---------------------------------------


def test_contant_van_500_euro_wordt_betaald() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    uitkomst = schrijft(w, lambda: w.contant(code, "500,00"))
    assert uitkomst["bedrag"] == bedrag("500,00")
    assert voucher(w, code)["contant"] == bedrag("500,00")
    assert voucher(w, code)["restant"] == bedrag("500,00")


def test_contant_van_500_euro_en_1_cent_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    e = weigert(w, ContantBovenMaximum, lambda: w.contant(code, "500,01"))
    assert e.gegevens["bedrag"] == bedrag("500,01")
    assert e.gegevens["maximum"] == bedrag("500,00")
    assert e.artikel is not None and "art. 9 lid 3 onder b" in e.artikel
    assert "€ 500,01" in str(e) and "€ 500,00" in str(e)
    assert voucher(w, code)["contant"] == Bedrag.nul()


def test_contant_maximum_is_een_parameter_van_de_regeling() -> None:
    w = Wereld.ingericht(geheugen_app(), regeling=Regeling(contant_max=bedrag("250")))
    code = w.voucher("1.000")
    w.contant(code, "250,00")
    e = weigert(w, ContantBovenMaximum, lambda: w.contant(code, "250,01"))
    assert e.gegevens["maximum"] == bedrag("250,00")


def test_contant_van_500_euro_mag_vaker_zolang_het_restant_toereikt() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    w.contant(code, "500")
    w.contant(code, "500")
    assert voucher(w, code)["restant"] == Bedrag.nul()
    e = weigert(w, RestantOntoereikend, lambda: w.contant(code, "0,01"))
    assert e.gegevens["restant"] == Bedrag.nul()


# --- de ondergrens: een betaling is ten minste 1 cent ------------------------------------------------


def test_verzilvering_van_1_cent_wordt_betaald() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    assert schrijft(w, lambda: w.verzilver(code, "0,01"))["restant"] == bedrag("999,99")
    assert schrijft(w, lambda: w.contant(code, "0,01"))["restant"] == bedrag("999,98")


def test_een_bedrag_van_0_euro_is_ongeldige_invoer_bij_het_intikken() -> None:
    with pytest.raises(OngeldigeInvoer):
        bedrag("0,00")


@pytest.mark.parametrize("centen", [0, -100_00], ids=["nul", "min-100-euro"])
def test_een_betaling_van_0_euro_of_minder_wordt_geweigerd_door_opdracht_en_domein(centen: int) -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    te_weinig = Bedrag.van_centen(centen)
    velden = {"code": code, "bedrag": te_weinig, "datum": date(2026, 4, 1)}
    voor = w.aantal_gebeurtenissen()
    with pytest.raises(OngeldigeInvoer):
        m.maak(m.Verzilver, leverancier="X", factuur="F-0", **velden)
    with pytest.raises(OngeldigeInvoer):
        m.maak(m.NeemContantOp, **velden)
    # Past the command model (model_construct skips validation): the voucher itself refuses.
    with pytest.raises(OngeldigeInvoer):
        w.kas.verzilver(m.Verzilver.model_construct(leverancier="X", factuur="F-0", **velden))
    with pytest.raises(OngeldigeInvoer):
        w.kas.neem_contant_op(m.NeemContantOp.model_construct(**velden))
    assert w.aantal_gebeurtenissen() == voor
    assert voucher(w, code)["restant"] == voucher(w, code)["waarde"]


# --- art. 1 onder a: een voucher is ten hoogste € 5.000 waard ----------------------------------------


def test_een_voucher_van_5000_euro_wordt_verstrekt() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("5.000,00")
    uitkomst = schrijft(w, lambda: w.ken_toe(nr, vouchers=1))
    assert [v["bedrag"] for v in uitkomst["vouchers"]] == [bedrag("5.000,00")]
    assert voucher(w, uitkomst["vouchers"][0]["code"])["waarde"] == bedrag("5.000,00")


def test_een_voucher_van_5000_euro_en_1_cent_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("5.000,01")
    e = weigert(w, VoucherwaardeTeHoog, lambda: w.ken_toe(nr, vouchers=1))
    assert e.gegevens["voucherwaarde"] == bedrag("5.000,01")
    assert e.gegevens["maximum"] == bedrag("5.000,00")
    assert e.artikel is not None and "art. 1 onder a" in e.artikel
    assert w.regie.toon_aanvraag(nr)["status"] == "ingediend"


def test_5000_euro_en_1_cent_wordt_standaard_over_twee_vouchers_verdeeld() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("5.000,01")
    uitkomst = w.ken_toe(nr)
    waarden = [v["bedrag"] for v in uitkomst["vouchers"]]
    assert len(waarden) == 2
    assert sum(waarden) == bedrag("5.000,01")
    assert all(v <= bedrag("5.000") for v in waarden)
    assert waarden == [bedrag("2.500,01"), bedrag("2.500,00")]
    assert sum(voucher(w, v["code"])["waarde"] for v in uitkomst["vouchers"]) == bedrag("5.000,01")


# --- art. 6 onder e / Awb 4:25: het subsidieplafond -------------------------------------------------


def test_toekenning_die_het_plafond_precies_bereikt_wordt_verstrekt() -> None:
    w = Wereld.ingericht(geheugen_app(), budget="100.000", plafond="8.000")
    w.ken_toe(w.aanvraag("5.000"))
    assert beschikbaar(w) == bedrag("3.000")
    schrijft(w, lambda: w.ken_toe(w.aanvraag("3.000")))
    assert beschikbaar(w) == Bedrag.nul()


def test_toekenning_die_het_plafond_met_1_cent_overschrijdt_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app(), budget="100.000", plafond="8.000")
    w.ken_toe(w.aanvraag("5.000"))
    nr = w.aanvraag("3.000,01")
    e = weigert(w, PlafondOverschreden, lambda: w.ken_toe(nr))
    assert e.gegevens["beschikbaar"] == bedrag("3.000")
    assert e.gegevens["bedrag"] == bedrag("3.000,01")
    assert e.artikel is not None and "art. 6 onder e" in e.artikel
    assert "€ 3.000,01" in str(e) and "€ 3.000,00" in str(e)
    assert beschikbaar(w) == bedrag("3.000")
    assert w.regie.toon_aanvraag(nr)["status"] == "ingediend"


def test_na_het_bereiken_van_het_plafond_wordt_ook_1_cent_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app(), budget="100.000", plafond="5.000")
    w.ken_toe(w.aanvraag("5.000"))
    nr = w.aanvraag("0,01")
    e = weigert(w, PlafondOverschreden, lambda: w.ken_toe(nr))
    assert e.gegevens["beschikbaar"] == Bedrag.nul()


# --- art. 5 lid 8: vouchers verstrekken tot 30 juni, betalen tot 31 december -------------------------


def test_toekenning_op_30_juni_wordt_verstrekt() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    uitkomst = schrijft(w, lambda: w.ken_toe(nr, datum=date(2026, 6, 30)))
    assert uitkomst["status"] == "toegekend"
    assert uitkomst["datum"] == date(2026, 6, 30)


def test_toekenning_op_1_juli_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    e = weigert(w, TermijnVerstreken, lambda: w.ken_toe(nr, datum=date(2026, 7, 1)))
    assert e.gegevens["datum"] == date(2026, 7, 1)
    assert e.gegevens["uiterste"] == date(2026, 6, 30)
    assert e.artikel is not None and "art. 5 lid 8" in e.artikel
    assert "30 juni 2026" in str(e)


def test_verzilvering_op_31_december_wordt_betaald() -> None:
    w = Wereld.ingericht(geheugen_app(), vandaag=NA_DE_PERIODE)
    code = w.voucher("1.000")
    uitkomst = schrijft(w, lambda: w.verzilver(code, "1.000", datum=date(2026, 12, 31)))
    assert uitkomst["restant"] == Bedrag.nul()


def test_verzilvering_op_1_januari_van_het_volgende_jaar_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app(), vandaag=NA_DE_PERIODE)
    code = w.voucher("1.000")
    e = weigert(w, TermijnVerstreken, lambda: w.verzilver(code, "1.000", datum=date(2027, 1, 1)))
    assert e.gegevens["datum"] == date(2027, 1, 1)
    assert e.gegevens["uiterste"] == date(2026, 12, 31)
    assert e.artikel is not None and "art. 5 lid 8" in e.artikel
    assert voucher(w, code)["restant"] == bedrag("1.000")


def test_contant_op_31_december_wordt_betaald() -> None:
    w = Wereld.ingericht(geheugen_app(), vandaag=NA_DE_PERIODE)
    code = w.voucher("1.000")
    schrijft(w, lambda: w.contant(code, "500", datum=date(2026, 12, 31)))


def test_contant_op_1_januari_van_het_volgende_jaar_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app(), vandaag=NA_DE_PERIODE)
    code = w.voucher("1.000")
    e = weigert(w, TermijnVerstreken, lambda: w.contant(code, "500", datum=date(2027, 1, 1)))
    assert e.gegevens["uiterste"] == date(2026, 12, 31)


def test_een_datum_na_vandaag_is_ongeldige_invoer() -> None:
    w = Wereld.ingericht(geheugen_app())  # vandaag is 25 november 2026
    code = w.voucher("1.000")
    weigert(w, OngeldigeInvoer, lambda: w.verzilver(code, "100", datum=date(2026, 11, 26)))
    schrijft(w, lambda: w.verzilver(code, "100", datum=date(2026, 11, 25)))


# --- art. 5 lid 3-6: boven € 10.000 eerst een wijkraadpleging ----------------------------------------


def test_initiatief_van_10000_euro_wordt_zonder_raadpleging_toegekend() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("10.000,00")
    uitkomst = schrijft(w, lambda: w.ken_toe(nr))
    assert uitkomst["bedrag"] == bedrag("10.000,00")
    assert [v["bedrag"] for v in uitkomst["vouchers"]] == [bedrag("5.000")] * 2


def test_initiatief_van_10000_euro_en_1_cent_vereist_een_raadpleging() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("10.000,01")
    e = weigert(w, RaadplegingVereist, lambda: w.ken_toe(nr))
    assert e.gegevens["bedrag"] == bedrag("10.000,01")
    assert e.gegevens["drempel"] == bedrag("10.000,00")
    assert e.artikel is not None and "art. 5 lid 3" in e.artikel


def test_initiatief_van_10000_euro_en_1_cent_wordt_na_raadpleging_voor_toegekend() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("10.000,01")
    w.regie.verklaar_geschikt(m.VerklaarGeschikt(nummer=nr, datum=date(2026, 2, 10)))
    w.regie.besluit_raadpleging(m.BesluitRaadpleging(nummer=nr, uitkomst="voor", datum=date(2026, 2, 20)))
    uitkomst = schrijft(w, lambda: w.ken_toe(nr))
    assert uitkomst["status"] == "toegekend"
    waarden = [v["bedrag"] for v in uitkomst["vouchers"]]
    assert len(waarden) == 3 and sum(waarden) == bedrag("10.000,01")


def test_gedeeltelijke_toekenning_onder_de_drempel_vereist_nog_steeds_raadpleging() -> None:
    # Art. 5 lid 3 kijkt naar het initiatief, niet naar het deel dat wordt toegekend.
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("10.000,01")
    e = weigert(
        w, RaadplegingVereist, lambda: w.ken_toe(nr, bedrag="9.000", grond="a", motivering="deel niet haalbaar")
    )
    assert e.gegevens["bedrag"] == bedrag("10.000,01")


def test_initiatief_van_10000_euro_kan_niet_naar_een_raadpleging() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("10.000,00")
    opdracht = m.VerklaarGeschikt(nummer=nr, datum=date(2026, 2, 10))
    e = weigert(w, RegelOvertreden, lambda: w.regie.verklaar_geschikt(opdracht))
    assert e.artikel is not None and "art. 5" in e.artikel


def test_raadplegingsdrempel_is_een_parameter_van_de_regeling() -> None:
    w = Wereld.ingericht(geheugen_app(), regeling=Regeling(raadplegingsdrempel=bedrag("7.500")))
    w.ken_toe(w.aanvraag("7.500,00"))
    nr = w.aanvraag("7.500,01")
    e = weigert(w, RaadplegingVereist, lambda: w.ken_toe(nr))
    assert e.gegevens["drempel"] == bedrag("7.500")


# --- art. 9 lid 1: een voucher betaalt ten hoogste zijn restant ---------------------------------------


def test_verzilvering_gelijk_aan_het_restant_wordt_betaald() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    w.verzilver(code, "600", factuur="F-1")
    uitkomst = schrijft(w, lambda: w.verzilver(code, "400", factuur="F-2"))
    assert uitkomst["restant"] == Bedrag.nul()
    assert voucher(w, code)["status"] == "besteed"


def test_verzilvering_van_het_restant_en_1_cent_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    w.verzilver(code, "600", factuur="F-1")
    e = weigert(w, RestantOntoereikend, lambda: w.verzilver(code, "400,01", factuur="F-2"))
    assert e.gegevens["restant"] == bedrag("400")
    assert e.gegevens["bedrag"] == bedrag("400,01")
    assert e.gegevens["voucher"] == code
    assert e.artikel is not None and "art. 9 lid 1" in e.artikel
    assert voucher(w, code)["restant"] == bedrag("400")


def test_contant_telt_mee_in_het_restant() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    w.contant(code, "500")
    w.verzilver(code, "499,99")
    e = weigert(w, RestantOntoereikend, lambda: w.contant(code, "0,02"))
    assert e.gegevens["restant"] == bedrag("0,01")
    schrijft(w, lambda: w.contant(code, "0,01"))


# --- art. 2 lid 3: ten hoogste 10 % van het budget voor uitvoeringskosten -----------------------------


def test_uitvoeringskosten_van_precies_10_procent_worden_gereserveerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    uitkomst = schrijft(w, lambda: w.wijk("ZUID", budget="100.000", uitvoeringskosten="10.000"))
    assert uitkomst["uitvoeringskosten"] == bedrag("10.000")
    assert uitkomst["plafond"] == bedrag("90.000")


def test_uitvoeringskosten_van_10_procent_en_1_cent_worden_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    e = weigert(w, BudgetOverschreden, lambda: w.wijk("ZUID", budget="100.000", uitvoeringskosten="10.000,01"))
    assert e.gegevens["uitvoeringskosten"] == bedrag("10.000,01")
    assert e.gegevens["grens"] == bedrag("10.000")
    assert e.artikel is not None and "art. 2 lid 3" in e.artikel
    assert [x.code for x in w.college.wijken()] == ["NOORD"]


def test_tien_procent_van_een_oneven_budget_wordt_naar_beneden_afgerond() -> None:
    # 10 % van € 100.000,05 is € 10.000,005: de reserve mag € 10.000,00 zijn, € 10.000,01 niet.
    w = Wereld.ingericht(geheugen_app())
    e = weigert(w, BudgetOverschreden, lambda: w.wijk("ZUID", budget="100.000,05", uitvoeringskosten="10.000,01"))
    assert e.gegevens["grens"] == bedrag("10.000")
    schrijft(w, lambda: w.wijk("ZUID", budget="100.000,05", uitvoeringskosten="10.000"))


def test_maximum_percentage_uitvoeringskosten_is_een_parameter_van_de_regeling() -> None:
    w = Wereld.ingericht(geheugen_app(), regeling=Regeling(uitvoeringskosten_max_procent=5))
    e = weigert(w, BudgetOverschreden, lambda: w.wijk("ZUID", budget="100.000", uitvoeringskosten="5.000,01"))
    assert e.gegevens["grens"] == bedrag("5.000")
    schrijft(w, lambda: w.wijk("ZUID", budget="100.000", uitvoeringskosten="5.000"))


# --- art. 2 lid 2, 3 en 5: plafond plus reserve binnen het budget --------------------------------------


def test_plafond_plus_reserve_gelijk_aan_het_budget_wordt_vastgesteld() -> None:
    w = Wereld.ingericht(geheugen_app())
    uitkomst = schrijft(w, lambda: w.wijk("ZUID", budget="100.000", uitvoeringskosten="10.000", plafond="90.000"))
    assert uitkomst["plafond"] == bedrag("90.000")
    assert uitkomst["beschikbaar"] == bedrag("90.000")


def test_plafond_plus_reserve_1_cent_boven_het_budget_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    e = weigert(
        w, BudgetOverschreden, lambda: w.wijk("ZUID", budget="100.000", uitvoeringskosten="10.000", plafond="90.000,01")
    )
    assert e.gegevens["plafond"] == bedrag("90.000,01")
    assert e.gegevens["ruimte"] == bedrag("90.000")
    assert e.artikel is not None and "art. 2 lid 5" in e.artikel


def test_plafond_verhogen_tot_budget_min_reserve_mag_en_1_cent_meer_niet() -> None:
    w = Wereld.ingericht(geheugen_app(), budget="100.000", uitvoeringskosten="10.000", plafond="50.000")

    def stel_vast(plafond: str) -> dict[str, Any]:
        return w.college.stel_plafond_vast(
            m.StelPlafondVast(code="NOORD", periode=2026, plafond=bedrag(plafond), datum=date(2026, 3, 1))
        )

    e = weigert(w, BudgetOverschreden, lambda: stel_vast("90.000,01"))
    assert e.gegevens["ruimte"] == bedrag("90.000")
    assert schrijft(w, lambda: stel_vast("90.000"))["plafond"] == bedrag("90.000")


def test_plafond_zonder_reserve_mag_het_hele_budget_zijn_en_niet_meer() -> None:
    w = Wereld.ingericht(geheugen_app())
    e = weigert(w, BudgetOverschreden, lambda: w.wijk("ZUID", budget="50.000", plafond="50.000,01"))
    assert e.gegevens["ruimte"] == bedrag("50.000")
    schrijft(w, lambda: w.wijk("ZUID", budget="50.000", plafond="50.000"))
