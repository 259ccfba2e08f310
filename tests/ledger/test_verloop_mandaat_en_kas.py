"""Wie mag wat (art. 2, functiescheiding) en hoe de kasbeheerder betaalt (art. 9).

Alleen het college wijst wijken aan en geeft mandaten; alleen de regiegroep van de wijk
beslist; alleen een kasbeheerder betaalt; wie beslist betaalt niet uit. Een factuur wordt
één keer geboekt; een herhaling van precies dezelfde boeking is geen fout en schrijft niets.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from wereld import KAS, REGIE, Wereld, bedrag, geheugen_app, schrijft, weigert

from commands import modellen as m
from ledger import gebeurtenissen as g
from ledger.fouten import (
    FactuurAlGeboekt,
    FunctiescheidingGeschonden,
    GeenMandaat,
    NietGevonden,
    OngeldigeInvoer,
)
from ledger.geld import Bedrag
from ledger.vouchercode import maak_code

JAN_1 = date(2026, 1, 1)


def geef(w: Wereld, aan: str, rol: m.Rol, wijk: str | None = None, datum: date = JAN_1, door: str | None = None) -> Any:
    dienst = w.als(door) if door else w.college
    return dienst.geef_mandaat(m.GeefMandaat(aan=aan, rol=rol, wijk=wijk, datum=datum))


def trek_in(w: Wereld, aan: str, rol: m.Rol, wijk: str | None, datum: date) -> Any:
    return w.college.trek_mandaat_in(m.TrekMandaatIn(aan=aan, rol=rol, wijk=wijk, datum=datum))


def ken_toe_als(w: Wereld, gebruiker: str, nr: int, datum: date = date(2026, 3, 1)) -> dict[str, Any]:
    return w.als(gebruiker).ken_toe(m.KenToe(nummer=nr, datum=datum))


def verzilver_als(
    w: Wereld, gebruiker: str, code: str, bedrag_: str, datum: date = date(2026, 4, 1), factuur: str = "F-1"
) -> dict[str, Any]:
    return w.als(gebruiker).verzilver(
        m.Verzilver(code=code, bedrag=bedrag(bedrag_), leverancier="Bouwmarkt", factuur=factuur, datum=datum)
    )


def wijk_aanwijzen_als(w: Wereld, gebruiker: str, code: str = "ZUID") -> dict[str, Any]:
    return w.als(gebruiker).wijs_wijk_aan(
        m.WijsWijkAan(code=code, naam=code.title(), periode=2026, budget=bedrag("50.000"), datum=date(2026, 1, 2))
    )


# --- art. 2: alleen het college wijst aan en mandateert -------------------------------------------------


def test_het_college_wijst_een_wijk_aan() -> None:
    w = Wereld.ingericht(geheugen_app())
    assert schrijft(w, lambda: wijk_aanwijzen_als(w, "wethouder"))["plafond"] == bedrag("50.000")


def test_een_regiegroeplid_kan_geen_wijk_aanwijzen() -> None:
    w = Wereld.ingericht(geheugen_app())
    e = weigert(w, GeenMandaat, lambda: wijk_aanwijzen_als(w, REGIE))
    assert e.gegevens["gebruiker"] == REGIE
    assert e.gegevens["rol"] == "college"
    assert e.artikel is not None and "art. 2" in e.artikel


def test_het_college_geeft_een_mandaat() -> None:
    w = Wereld.ingericht(geheugen_app())
    assert schrijft(w, lambda: geef(w, "jan", "regiegroep", "NOORD"))["nieuw"] is True


def test_een_regiegroeplid_kan_geen_mandaat_geven() -> None:
    w = Wereld.ingericht(geheugen_app())
    e = weigert(w, GeenMandaat, lambda: geef(w, "jan", "regiegroep", "NOORD", door=REGIE))
    assert e.gegevens["rol"] == "college"
    assert e.gegevens["gebruiker"] == REGIE


def test_een_kasbeheerder_kan_geen_mandaat_intrekken() -> None:
    w = Wereld.ingericht(geheugen_app())
    e = weigert(
        w,
        GeenMandaat,
        lambda: w.kas.trek_mandaat_in(m.TrekMandaatIn(aan=REGIE, rol="regiegroep", wijk="NOORD", datum=JAN_1)),
    )
    assert e.gegevens["rol"] == "college"


def test_hetzelfde_mandaat_nogmaals_geven_schrijft_niets() -> None:
    w = Wereld.ingericht(geheugen_app())
    voor = w.aantal_gebeurtenissen()
    assert geef(w, REGIE, "regiegroep", "NOORD", datum=date(2026, 2, 1))["nieuw"] is False
    assert w.aantal_gebeurtenissen() == voor


# --- art. 2 lid 6: alleen de regiegroep van de wijk beslist --------------------------------------------


def test_de_regiegroep_van_de_wijk_kent_toe() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    assert schrijft(w, lambda: ken_toe_als(w, REGIE, nr))["status"] == "toegekend"


def test_een_regiegroeplid_van_een_andere_wijk_kan_niet_toekennen() -> None:
    w = Wereld.ingericht(geheugen_app())
    w.wijk("ZUID", budget="50.000")
    geef(w, "regie.zuid", "regiegroep", "ZUID")
    nr = w.aanvraag("1.000")
    e = weigert(w, GeenMandaat, lambda: ken_toe_als(w, "regie.zuid", nr))
    assert e.gegevens["gebruiker"] == "regie.zuid"
    assert e.gegevens["rol"] == "regiegroep"
    assert e.gegevens["wijk"] == "NOORD"
    assert e.artikel is not None and "art. 2 lid 6" in e.artikel


def test_een_regiegroeplid_van_een_andere_wijk_kan_niet_weigeren() -> None:
    w = Wereld.ingericht(geheugen_app())
    w.wijk("ZUID", budget="50.000")
    geef(w, "regie.zuid", "regiegroep", "ZUID")
    nr = w.aanvraag("1.000")
    opdracht = m.Weiger(nummer=nr, grond="a", motivering="niet haalbaar", datum=date(2026, 3, 1))
    e = weigert(w, GeenMandaat, lambda: w.als("regie.zuid").weiger(opdracht))
    assert e.gegevens["wijk"] == "NOORD"


def test_het_college_beslist_zelf_ook_over_een_aanvraag_van_een_wijk_met_regiegroep() -> None:
    """Art. 5 "het college of de regiegroep", Awb 10:7: the mandate does not take the college's power away."""
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    assert schrijft(w, lambda: ken_toe_als(w, "wethouder", nr))["status"] == "toegekend"
    [e] = list(w.college.gebeurtenissen([g.AanvraagToegekend]))
    assert (e.gebruiker, e.namens, e.mandaat) == ("wethouder", "college", {"rol": "college", "wijk": None})
    assert w.college.gemeente().heeft_mandaat(REGIE, "regiegroep", "NOORD", date(2026, 3, 1))  # still mandated


def test_een_onbekende_gebruiker_kan_niet_toekennen() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    weigert(w, GeenMandaat, lambda: ken_toe_als(w, "buurman", nr))


# --- art. 2 lid 4, art. 9: alleen een kasbeheerder betaalt -----------------------------------------------


def test_de_kasbeheerder_betaalt() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    assert schrijft(w, lambda: verzilver_als(w, KAS, code, "100"))["restant"] == bedrag("900")


def test_een_regiegroeplid_kan_niet_betalen() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    e = weigert(w, GeenMandaat, lambda: verzilver_als(w, REGIE, code, "100"))
    assert e.gegevens["rol"] == "kasbeheerder"
    assert e.gegevens["gebruiker"] == REGIE
    assert e.artikel is not None and "art. 9" in e.artikel


def test_een_regiegroeplid_kan_geen_contant_uitbetalen() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    e = weigert(
        w,
        GeenMandaat,
        lambda: w.regie.neem_contant_op(m.NeemContantOp(code=code, bedrag=bedrag("100"), datum=date(2026, 4, 1))),
    )
    assert e.gegevens["rol"] == "kasbeheerder"


def test_een_kasbeheerder_van_een_andere_wijk_kan_niet_betalen() -> None:
    w = Wereld.ingericht(geheugen_app())
    w.wijk("ZUID", budget="50.000")
    geef(w, "kas.zuid", "kasbeheerder", "ZUID")
    code = w.voucher("1.000")
    e = weigert(w, GeenMandaat, lambda: verzilver_als(w, "kas.zuid", code, "100"))
    assert e.gegevens["wijk"] == "NOORD"


# --- functiescheiding: wie beslist, betaalt niet uit -----------------------------------------------------


def test_een_regiegroeplid_kan_geen_kasbeheerder_van_zijn_wijk_worden() -> None:
    w = Wereld.ingericht(geheugen_app())
    e = weigert(w, FunctiescheidingGeschonden, lambda: geef(w, REGIE, "kasbeheerder", "NOORD", date(2026, 2, 1)))
    assert e.gegevens["gebruiker"] == REGIE
    assert e.artikel is not None and "art. 2 lid 4" in e.artikel


def test_een_regiegroeplid_kan_geen_kasbeheerder_van_alle_wijken_worden() -> None:
    w = Wereld.ingericht(geheugen_app())
    weigert(w, FunctiescheidingGeschonden, lambda: geef(w, REGIE, "kasbeheerder", None, date(2026, 2, 1)))


def test_een_kasbeheerder_kan_geen_regiegroeplid_worden() -> None:
    w = Wereld.ingericht(geheugen_app())  # KAS is kasbeheerder voor alle wijken
    e = weigert(w, FunctiescheidingGeschonden, lambda: geef(w, KAS, "regiegroep", "NOORD", date(2026, 2, 1)))
    assert e.gegevens["gebruiker"] == KAS


def test_een_regiegroeplid_van_noord_mag_kasbeheerder_van_zuid_zijn() -> None:
    w = Wereld.ingericht(geheugen_app())
    w.wijk("ZUID", budget="50.000")
    assert schrijft(w, lambda: geef(w, REGIE, "kasbeheerder", "ZUID", date(2026, 2, 1)))["nieuw"] is True


def test_na_intrekking_van_het_regiegroepmandaat_mag_het_lid_kasbeheerder_worden() -> None:
    w = Wereld.ingericht(geheugen_app())
    trek_in(w, REGIE, "regiegroep", "NOORD", date(2026, 3, 2))
    schrijft(w, lambda: geef(w, REGIE, "kasbeheerder", "NOORD", date(2026, 3, 2)))


def _piet_kent_toe_en_wordt_daarna_kasbeheerder(w: Wereld) -> str:
    geef(w, "piet", "regiegroep", "NOORD")
    nr = w.aanvraag("1.000")
    code = str(ken_toe_als(w, "piet", nr, date(2026, 3, 1))["vouchers"][0]["code"])
    trek_in(w, "piet", "regiegroep", "NOORD", date(2026, 3, 2))
    geef(w, "piet", "kasbeheerder", "NOORD", date(2026, 3, 3))
    return code


def test_wie_een_voucher_toekende_kan_hem_niet_uitbetalen() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = _piet_kent_toe_en_wordt_daarna_kasbeheerder(w)
    e = weigert(w, FunctiescheidingGeschonden, lambda: verzilver_als(w, "piet", code, "100"))
    assert e.artikel is not None and "art. 2 lid 4" in e.artikel
    assert "piet" in str(e)


def test_wie_een_voucher_toekende_kan_hem_ook_niet_contant_uitbetalen() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = _piet_kent_toe_en_wordt_daarna_kasbeheerder(w)
    weigert(
        w,
        FunctiescheidingGeschonden,
        lambda: w.als("piet").neem_contant_op(m.NeemContantOp(code=code, bedrag=bedrag("100"), datum=date(2026, 4, 1))),
    )


def test_een_andere_kasbeheerder_betaalt_de_voucher_die_piet_toekende() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = _piet_kent_toe_en_wordt_daarna_kasbeheerder(w)
    assert schrijft(w, lambda: verzilver_als(w, KAS, code, "100"))["restant"] == bedrag("900")


def test_de_oud_regiegroeplid_betaalt_wel_een_voucher_die_een_ander_toekende() -> None:
    w = Wereld.ingericht(geheugen_app())
    andere = w.voucher("500")  # toegekend door REGIE
    _piet_kent_toe_en_wordt_daarna_kasbeheerder(w)
    schrijft(w, lambda: verzilver_als(w, "piet", andere, "100"))


def test_een_mandaat_dat_later_overlapt_met_een_tegengestelde_rol_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    geef(w, "piet", "kasbeheerder", "NOORD", date(2026, 3, 5))
    # Regiegroep from 1 March, open-ended: from 5 March piet would both decide and pay in NOORD.
    weigert(w, FunctiescheidingGeschonden, lambda: geef(w, "piet", "regiegroep", "NOORD", date(2026, 3, 1)))


# --- een ingetrokken mandaat geldt niet op de dag van intrekking ----------------------------------------


def test_een_kasbeheerder_betaalt_op_de_dag_voor_de_intrekking() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    trek_in(w, KAS, "kasbeheerder", None, date(2026, 4, 1))
    schrijft(w, lambda: verzilver_als(w, KAS, code, "100", datum=date(2026, 3, 31)))


def test_een_kasbeheerder_betaalt_niet_op_de_dag_van_intrekking() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    trek_in(w, KAS, "kasbeheerder", None, date(2026, 4, 1))
    e = weigert(w, GeenMandaat, lambda: verzilver_als(w, KAS, code, "100", datum=date(2026, 4, 1)))
    assert e.gegevens["datum"] == date(2026, 4, 1)
    assert "1 april 2026" in str(e)


def test_een_regiegroeplid_kent_toe_op_de_dag_voor_de_intrekking() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    trek_in(w, REGIE, "regiegroep", "NOORD", date(2026, 3, 1))
    schrijft(w, lambda: ken_toe_als(w, REGIE, nr, date(2026, 2, 28)))


def test_een_regiegroeplid_kent_niet_toe_op_de_dag_van_intrekking() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    trek_in(w, REGIE, "regiegroep", "NOORD", date(2026, 3, 1))
    e = weigert(w, GeenMandaat, lambda: ken_toe_als(w, REGIE, nr, date(2026, 3, 1)))
    assert e.gegevens["datum"] == date(2026, 3, 1)


# --- art. 9: één factuur wordt één keer betaald ----------------------------------------------------------


def test_dezelfde_factuur_nogmaals_van_dezelfde_voucher_is_een_herhaling_en_schrijft_niets() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    eerste = w.verzilver(code, "250", factuur="F-2026-17", leverancier="Bouwmarkt De Vries")
    voor = w.aantal_gebeurtenissen()
    tweede = w.verzilver(code, "250", factuur="F-2026-17", leverancier="Bouwmarkt De Vries")
    assert tweede == eerste
    assert w.aantal_gebeurtenissen() == voor
    assert w.kas.toon_voucher(code)["verzilverd"] == bedrag("250")


@pytest.mark.parametrize(
    ("leverancier", "factuur"),
    [
        ("bouwmarkt de vries", "F-2026-17"),
        ("BOUWMARKT  DE   VRIES", "F-2026-17"),
        ("  Bouwmarkt De Vries  ", "f-2026-17"),
        ("Bouwmarkt\tDe Vries", " F-2026-17 "),
    ],
)
def test_dezelfde_factuur_met_andere_hoofdletters_of_spaties_is_een_herhaling(leverancier: str, factuur: str) -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    w.verzilver(code, "250", factuur="F-2026-17", leverancier="Bouwmarkt De Vries")
    voor = w.aantal_gebeurtenissen()
    w.verzilver(code, "250", factuur=factuur, leverancier=leverancier)
    assert w.aantal_gebeurtenissen() == voor
    assert w.kas.toon_voucher(code)["verzilverd"] == bedrag("250")


def test_dezelfde_factuur_met_een_ander_bedrag_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    w.verzilver(code, "250", factuur="F-2026-17", leverancier="Bouwmarkt De Vries")
    e = weigert(
        w, FactuurAlGeboekt, lambda: w.verzilver(code, "250,01", factuur="F-2026-17", leverancier="Bouwmarkt De Vries")
    )
    assert e.gegevens["voucher"] == code
    assert e.gegevens["bedrag"] == bedrag("250")
    assert e.artikel is not None and "art. 9" in e.artikel
    assert "F-2026-17" in str(e) and "€ 250,00" in str(e)


def test_dezelfde_factuur_van_een_andere_voucher_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    eerste = w.voucher("1.000")
    tweede = w.voucher("1.000")
    w.verzilver(eerste, "250", factuur="F-2026-17", leverancier="Bouwmarkt De Vries")
    e = weigert(
        w, FactuurAlGeboekt, lambda: w.verzilver(tweede, "250", factuur="F-2026-17", leverancier="Bouwmarkt De Vries")
    )
    assert e.gegevens["voucher"] == eerste
    assert w.kas.toon_voucher(tweede)["verzilverd"] == Bedrag.nul()


@pytest.mark.parametrize(
    ("leverancier", "factuur", "ander_bedrag", "andere_voucher"),
    [
        ("bouwmarkt de vries", "F-2026-17", True, False),
        ("BOUWMARKT  DE VRIES", "f-2026-17", False, True),
    ],
)
def test_dezelfde_factuur_anders_gespeld_met_ander_bedrag_of_van_andere_voucher_wordt_geweigerd(
    leverancier: str, factuur: str, ander_bedrag: bool, andere_voucher: bool
) -> None:
    w = Wereld.ingericht(geheugen_app())
    eerste = w.voucher("1.000")
    tweede = w.voucher("1.000")
    w.verzilver(eerste, "250", factuur="F-2026-17", leverancier="Bouwmarkt De Vries")
    code = tweede if andere_voucher else eerste
    bedrag_ = "300" if ander_bedrag else "250"
    e = weigert(w, FactuurAlGeboekt, lambda: w.verzilver(code, bedrag_, factuur=factuur, leverancier=leverancier))
    assert e.gegevens["voucher"] == eerste


def test_een_andere_factuur_van_dezelfde_leverancier_wordt_betaald() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    w.verzilver(code, "250", factuur="F-2026-17", leverancier="Bouwmarkt De Vries")
    assert schrijft(w, lambda: w.verzilver(code, "250", factuur="F-2026-18", leverancier="Bouwmarkt De Vries"))[
        "restant"
    ] == bedrag("500")


def test_hetzelfde_factuurnummer_van_een_andere_leverancier_wordt_betaald() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    w.verzilver(code, "250", factuur="F-2026-17", leverancier="Bouwmarkt De Vries")
    schrijft(w, lambda: w.verzilver(code, "250", factuur="F-2026-17", leverancier="Drukkerij Jansen"))


# --- vouchers die niet bestaan of verkeerd zijn getikt -----------------------------------------------------


@pytest.mark.parametrize("code", [maak_code(1, 2), maak_code(99, 1)], ids=["tweede-van-aanvraag-1", "aanvraag-99"])
def test_betaling_van_een_nooit_verstrekte_voucher_wordt_niet_gevonden(code: str) -> None:
    w = Wereld.ingericht(geheugen_app())
    w.voucher("1.000")  # aanvraag 1 kreeg één voucher; V000001-02 bestaat niet, aanvraag 99 ook niet
    e = weigert(w, NietGevonden, lambda: w.verzilver(code, "100"))
    assert e.gegevens["voucher"] == code
    assert code in str(e)
    weigert(w, NietGevonden, lambda: w.contant(code, "100"))


def test_een_vouchercode_met_een_verkeerd_controlecijfer_is_ongeldige_invoer() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    laatste = int(code[-1])
    fout = code[:-1] + str((laatste + 1) % 10)
    e = weigert(w, OngeldigeInvoer, lambda: w.verzilver(fout, "100"))
    assert "controlecijfer" in str(e)
    weigert(w, OngeldigeInvoer, lambda: w.contant(fout, "100"))


def test_een_geldige_code_in_kleine_letters_zonder_streepjes_wordt_betaald() -> None:
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    ingetikt = code.replace("-", "").lower()
    assert schrijft(w, lambda: w.verzilver(ingetikt, "100"))["voucher"] == code
