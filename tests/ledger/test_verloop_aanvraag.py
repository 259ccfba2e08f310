"""Het verloop van een aanvraag: binnenkomst, aanvulling, besluit (art. 4, 5 en 6; Awb 3:46, 4:15).

Volgorde van binnenkomst, onvolledige aanvragen, de beslistermijn die stilstaat tijdens een
aanvulling, weigeren met grond en motivering, gedeeltelijk toekennen, herhaalde besluiten en
de wijkraadpleging. Elke weigering heeft precies de klasse van de regel en schrijft niets.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

import pytest
from wereld import Wereld, bedrag, geheugen_app, schrijft, weigert

from commands import modellen as m
from ledger.fouten import (
    AanvraagOnvolledig,
    OngeldigeInvoer,
    OngeldigeToestand,
    RegelOvertreden,
    VolgordeNietGevolgd,
)
from ledger.geld import Bedrag
from ledger.regeling import Regeling


def status(w: Wereld, nr: int) -> str:
    return str(w.regie.toon_aanvraag(nr)["status"])


def weiger(w: Wereld, nr: int, grond: str, motivering: str, datum: date = date(2026, 3, 1)) -> dict[str, Any]:
    return w.regie.weiger(m.maak(m.Weiger, nummer=nr, grond=grond, motivering=motivering, datum=datum))


def vraag_aanvulling(w: Wereld, nr: int, datum: date, wat: str = "een begroting per post") -> dict[str, Any]:
    return w.regie.vraag_aanvulling(m.VraagAanvulling(nummer=nr, wat=wat, datum=datum))


def vul_aan(w: Wereld, nr: int, datum: date, **velden: Any) -> dict[str, Any]:
    return w.regie.vul_aan(m.VulAanvraagAan(nummer=nr, datum=datum, **velden))


def naar_raadpleging(w: Wereld, nr: int) -> None:
    w.regie.verklaar_geschikt(m.VerklaarGeschikt(nummer=nr, datum=date(2026, 2, 10)))


def raadpleging(w: Wereld, nr: int, uitkomst: Literal["voor", "tegen"], **stemmen: int) -> dict[str, Any]:
    return w.regie.besluit_raadpleging(
        m.BesluitRaadpleging(nummer=nr, uitkomst=uitkomst, datum=date(2026, 2, 20), **stemmen)
    )


# --- art. 4 lid 4: in de volgorde van binnenkomst --------------------------------------------------


def test_een_latere_aanvraag_beslissen_voor_een_eerdere_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    eerste = w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    tweede = w.aanvraag("1.000", ontvangen=date(2026, 2, 2))
    e = weigert(w, VolgordeNietGevolgd, lambda: w.ken_toe(tweede))
    assert e.gegevens["nummer"] == tweede
    assert e.gegevens["eerder"] == [eerste]
    assert e.artikel is not None and "art. 4 lid 4" in e.artikel
    assert status(w, tweede) == "ingediend"


def test_een_latere_aanvraag_weigeren_voor_een_eerdere_mag() -> None:
    # Art. 4 lid 4 bewaakt wie het eerst uit het plafond krijgt; een weigering neemt niets uit het plafond.
    w = Wereld.ingericht(geheugen_app())
    w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    tweede = w.aanvraag("1.000", ontvangen=date(2026, 2, 2))
    schrijft(w, lambda: weiger(w, tweede, "c", "vooral een privébelang"))


def test_in_volgorde_van_binnenkomst_beslissen_wordt_toegestaan() -> None:
    w = Wereld.ingericht(geheugen_app())
    eerste = w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    tweede = w.aanvraag("1.000", ontvangen=date(2026, 2, 2))
    w.ken_toe(eerste)
    assert schrijft(w, lambda: w.ken_toe(tweede))["status"] == "toegekend"


def test_na_weigering_van_de_eerdere_is_de_latere_aan_de_beurt() -> None:
    w = Wereld.ingericht(geheugen_app())
    eerste = w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    tweede = w.aanvraag("1.000", ontvangen=date(2026, 2, 2))
    weiger(w, eerste, "a", "de planning is niet haalbaar")
    assert w.ken_toe(tweede)["status"] == "toegekend"


def test_buiten_de_volgorde_beslissen_met_reden_wordt_toegestaan_en_vastgelegd() -> None:
    w = Wereld.ingericht(geheugen_app())
    eerste = w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    tweede = w.aanvraag("1.000", ontvangen=date(2026, 2, 2))
    schrijft(w, lambda: w.ken_toe(tweede, buiten_volgorde="wijkfeest is volgende week"))
    besluit = w.regie.toon_aanvraag(tweede)["besluit"]
    assert besluit["buiten_volgorde"] == "wijkfeest is volgende week"
    assert status(w, eerste) == "ingediend"
    assert w.regie.toon_aanvraag(eerste)["besluit"] is None


def test_de_volgorde_is_die_van_ontvangst_niet_die_van_registratie() -> None:
    w = Wereld.ingericht(geheugen_app())
    later_ontvangen = w.aanvraag("1.000", ontvangen=date(2026, 2, 10))
    eerder_ontvangen = w.aanvraag("1.000", ontvangen=date(2026, 2, 5), datum=date(2026, 2, 11))
    e = weigert(w, VolgordeNietGevolgd, lambda: w.ken_toe(later_ontvangen))
    assert e.gegevens["eerder"] == [eerder_ontvangen]
    schrijft(w, lambda: w.ken_toe(eerder_ontvangen))


def test_een_onvolledige_eerdere_aanvraag_houdt_een_volledige_latere_niet_op() -> None:
    w = Wereld.ingericht(geheugen_app())
    w.aanvraag("1.000", ontvangen=date(2026, 2, 1), telefoon=None)
    tweede = w.aanvraag("1.000", ontvangen=date(2026, 2, 2))
    assert w.ken_toe(tweede)["status"] == "toegekend"


# --- art. 4 lid 2 en 3: een onvolledige aanvraag wordt niet beslist -----------------------------------


def test_onvolledige_aanvraag_noemt_precies_wat_ontbreekt() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000", telefoon=None, ondertekend=False, planning=None)
    aanvraag = w.regie.toon_aanvraag(nr)
    assert aanvraag["status"] == "onvolledig"
    assert aanvraag["ontbreekt"] == ["telefoon", "handtekening", "planning"]
    assert aanvraag["beslissen_voor"] is None


def test_een_volledige_aanvraag_mist_niets() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000", elders_subsidie=False)
    assert w.regie.toon_aanvraag(nr)["ontbreekt"] == []


def test_een_onvolledige_aanvraag_toekennen_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000", telefoon=None, ondertekend=False)
    e = weigert(w, AanvraagOnvolledig, lambda: w.ken_toe(nr))
    assert e.gegevens["ontbreekt"] == ["telefoon", "handtekening"]
    assert e.artikel is not None and "art. 4 lid 2" in e.artikel
    assert "telefoon" in str(e) and "handtekening" in str(e)


def test_een_onvolledige_aanvraag_weigeren_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000", omschrijving=None)
    e = weigert(w, AanvraagOnvolledig, lambda: weiger(w, nr, "a", "niet haalbaar"))
    assert e.gegevens["ontbreekt"] == ["omschrijving"]


def test_een_aanvraag_zonder_kostenraming_toekennen_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = int(
        w.regie.dien_in(
            m.DienAanvraagIn(
                wijk="NOORD",
                naam="A. de Vries",
                adres="Lindelaan 1",
                telefoon="06-12345678",
                ondertekend=True,
                omschrijving="Buurtfeest",
                planning="juni",
                elders_subsidie=False,
                datum=date(2026, 2, 1),
            )
        )["aanvraag"]
    )
    e = weigert(w, AanvraagOnvolledig, lambda: w.ken_toe(nr))
    assert e.gegevens["ontbreekt"] == ["kostenraming"]


def test_een_aangevulde_aanvraag_wordt_toegekend() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000", ontvangen=date(2026, 2, 1), telefoon=None, ondertekend=False)
    uitkomst = vul_aan(w, nr, date(2026, 2, 8), telefoon="06-87654321", ondertekend=True)
    assert uitkomst["status"] == "ingediend" and uitkomst["ontbreekt"] == []
    assert schrijft(w, lambda: w.ken_toe(nr))["status"] == "toegekend"


# --- art. 4 lid 3, Awb 4:15: de beslistermijn staat stil tijdens een aanvulling -----------------------


def test_beslistermijn_is_vier_weken_na_ontvangst() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    assert w.regie.toon_aanvraag(nr)["beslissen_voor"] == date(2026, 3, 1)


def test_beslistermijn_staat_stil_zolang_de_aanvulling_openstaat() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    uitkomst = vraag_aanvulling(w, nr, date(2026, 2, 5))
    assert uitkomst["beslissen_voor"] is None
    assert uitkomst["status"] == "onvolledig"
    assert w.regie.toon_aanvraag(nr)["beslissen_voor"] is None


def test_na_aanvulling_schuift_de_beslistermijn_op_met_de_dagen_stilstand() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    vraag_aanvulling(w, nr, date(2026, 2, 5))
    uitkomst = vul_aan(w, nr, date(2026, 2, 12), planning="juli, met een draaiboek")
    assert uitkomst["status"] == "ingediend"
    assert uitkomst["beslissen_voor"] == date(2026, 2, 1) + timedelta(weeks=4, days=7)  # 8 maart 2026


def test_beslistermijn_is_een_parameter_van_de_regeling() -> None:
    w = Wereld.ingericht(geheugen_app(), regeling=Regeling(beslistermijn_weken=6))
    nr = w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    vraag_aanvulling(w, nr, date(2026, 2, 5))
    uitkomst = vul_aan(w, nr, date(2026, 2, 12), planning="juli")
    assert uitkomst["beslissen_voor"] == date(2026, 2, 1) + timedelta(weeks=6, days=7)


def test_een_tweede_verzoek_om_aanvulling_laat_de_stilstand_niet_opnieuw_beginnen() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    vraag_aanvulling(w, nr, date(2026, 2, 5))
    vraag_aanvulling(w, nr, date(2026, 2, 10), wat="herinnering: nog steeds een begroting per post")
    uitkomst = vul_aan(w, nr, date(2026, 2, 12), planning="juli")
    # The clock stood still from 5 to 12 February: 7 days, not the 2 since the reminder.
    assert uitkomst["beslissen_voor"] == date(2026, 3, 8)


def test_tijdens_een_open_aanvulling_kan_niet_worden_beslist() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    vraag_aanvulling(w, nr, date(2026, 2, 5))
    weigert(w, AanvraagOnvolledig, lambda: w.ken_toe(nr))
    vul_aan(w, nr, date(2026, 2, 12), planning="juli")
    assert w.ken_toe(nr)["status"] == "toegekend"


def test_een_aangevulde_aanvraag_sluit_achteraan_in_de_volgorde_aan() -> None:
    w = Wereld.ingericht(geheugen_app())
    eerste = w.aanvraag("1.000", ontvangen=date(2026, 2, 1))
    tweede = w.aanvraag("1.000", ontvangen=date(2026, 2, 2))
    vraag_aanvulling(w, eerste, date(2026, 2, 3))
    assert w.ken_toe(tweede)["status"] == "toegekend"  # de eerste staat niet meer in de rij
    vul_aan(w, eerste, date(2026, 2, 12), planning="juli")
    assert w.ken_toe(eerste)["status"] == "toegekend"


# --- art. 6, Awb 3:46: weigeren met een grond a-e en een motivering -----------------------------------


@pytest.mark.parametrize("grond", ["a", "b", "c", "d"])
def test_weigering_met_grond_en_motivering_wordt_vastgelegd(grond: str) -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    uitkomst = schrijft(w, lambda: weiger(w, nr, grond, "  zo gemotiveerd  "))
    assert uitkomst["status"] == "geweigerd"
    besluit = w.regie.toon_aanvraag(nr)["besluit"]
    assert besluit["uitkomst"] == "geweigerd"
    assert besluit["grond"] == grond
    assert besluit["motivering"] == "zo gemotiveerd"


@pytest.mark.parametrize("grond", ["f", "", "A", "ab"])
def test_weigering_met_een_grond_buiten_a_tot_en_met_e_is_ongeldige_invoer(grond: str) -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    e = weigert(w, OngeldigeInvoer, lambda: weiger(w, nr, grond, "gemotiveerd"))
    assert "--grond" in str(e)


@pytest.mark.parametrize("motivering", ["", "   ", "\n\t"])
def test_weigering_zonder_motivering_is_ongeldige_invoer(motivering: str) -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    e = weigert(w, OngeldigeInvoer, lambda: weiger(w, nr, "a", motivering))
    assert "--motivering" in str(e)


def test_de_dienst_zelf_eist_grond_en_motivering_ook_buiten_de_opdrachtvorm_om() -> None:
    # The aggregate checks it too: a command built without validation is still refused.
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    zonder_grond = m.Weiger.model_construct(nummer=nr, grond=None, motivering="gemotiveerd", datum=date(2026, 3, 1))
    e = weigert(w, OngeldigeInvoer, lambda: w.regie.weiger(zonder_grond))
    assert "art. 6" in str(e)
    zonder_motivering = m.Weiger.model_construct(nummer=nr, grond="a", motivering="  ", datum=date(2026, 3, 1))
    e = weigert(w, OngeldigeInvoer, lambda: w.regie.weiger(zonder_motivering))
    assert "Awb 3:46" in str(e)


def test_weigeringsgrond_e_wordt_geweigerd_als_de_aanvraag_precies_binnen_het_beschikbare_past() -> None:
    w = Wereld.ingericht(geheugen_app(), plafond="6.000")
    w.ken_toe(w.aanvraag("1.000"))
    nr = w.aanvraag("5.000")  # beschikbaar is precies € 5.000,00
    e = weigert(w, RegelOvertreden, lambda: weiger(w, nr, "e", "het plafond is bereikt"))
    assert e.artikel is not None and "art. 6 onder e" in e.artikel
    assert "€ 5.000,00" in str(e)
    assert status(w, nr) == "ingediend"


def test_weigeringsgrond_e_geldt_als_de_aanvraag_1_cent_boven_het_beschikbare_uitkomt_voor_die_cent() -> None:
    w = Wereld.ingericht(geheugen_app(), plafond="6.000")
    w.ken_toe(w.aanvraag("1.000"))
    nr = w.aanvraag("5.000,01")
    fout = weigert(w, RegelOvertreden, lambda: weiger(w, nr, "e", "het plafond is bereikt"))
    assert "er is nog € 5.000,00 beschikbaar" in str(fout) and "--bedrag 5.000,00 --grond e" in str(fout)
    uit = schrijft(w, lambda: w.ken_toe(nr, bedrag=bedrag("5.000"), grond="e", motivering="het plafond is bereikt"))
    assert uit["bedrag"] == bedrag("5.000")
    assert w.regie.toon_aanvraag(nr)["besluit"]["grond"] == "e"
    laatste = w.aanvraag("10")  # nothing is left: now a full refusal on e is right
    assert schrijft(w, lambda: weiger(w, laatste, "e", "het plafond is bereikt"))["status"] == "geweigerd"


def test_dezelfde_weigering_nogmaals_schrijft_niets() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    eerste = weiger(w, nr, "a", "niet haalbaar")
    voor = w.aantal_gebeurtenissen()
    assert weiger(w, nr, "a", "niet haalbaar") == eerste
    assert w.aantal_gebeurtenissen() == voor


def test_een_andere_weigering_van_een_geweigerde_aanvraag_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    weiger(w, nr, "a", "niet haalbaar")
    weigert(w, OngeldigeToestand, lambda: weiger(w, nr, "b", "in strijd met de wet"))


# --- toelichting art. 6, art. 5 lid 2: gedeeltelijk toekennen, niet meer dan de kosten ----------------


def test_gedeeltelijke_toekenning_zonder_grond_is_ongeldige_invoer() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    e = weigert(w, OngeldigeInvoer, lambda: w.ken_toe(nr, bedrag="600"))
    assert "--grond" in str(e)


def test_gedeeltelijke_toekenning_zonder_motivering_is_ongeldige_invoer() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    e = weigert(w, OngeldigeInvoer, lambda: w.ken_toe(nr, bedrag="600", grond="a"))
    assert "--motivering" in str(e)


def test_gedeeltelijke_toekenning_met_grond_en_motivering_wordt_verstrekt() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    uitkomst = schrijft(
        w, lambda: w.ken_toe(nr, bedrag="600", grond="a", motivering="het tweede deel is niet haalbaar")
    )
    assert uitkomst["bedrag"] == bedrag("600")
    assert sum(v["bedrag"] for v in uitkomst["vouchers"]) == bedrag("600")
    besluit = w.regie.toon_aanvraag(nr)["besluit"]
    assert (besluit["grond"], besluit["motivering"]) == ("a", "het tweede deel is niet haalbaar")
    assert w.college.wijken()[0].toegekend == bedrag("600")


def test_gedeeltelijke_toekenning_op_grond_e_wordt_toegestaan_als_het_rest_niet_past() -> None:
    w = Wereld.ingericht(geheugen_app(), plafond="600")
    nr = w.aanvraag("1.000")
    uitkomst = schrijft(w, lambda: w.ken_toe(nr, bedrag="600", grond="e", motivering="plafond bereikt"))
    assert uitkomst["bedrag"] == bedrag("600")


def test_gedeeltelijke_toekenning_op_grond_e_wordt_geweigerd_als_alles_binnen_het_beschikbare_past() -> None:
    w = Wereld.ingericht(geheugen_app())  # beschikbaar € 100.000
    nr = w.aanvraag("2.000")
    weigert(w, RegelOvertreden, lambda: w.ken_toe(nr, bedrag="1.000", grond="e", motivering="plafond"))


def test_volledige_toekenning_met_een_grond_is_ongeldige_invoer() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    weigert(w, OngeldigeInvoer, lambda: w.ken_toe(nr, bedrag="1.000", grond="a", motivering="nergens voor"))


def test_toekenning_gelijk_aan_de_kosten_wordt_verstrekt() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    assert schrijft(w, lambda: w.ken_toe(nr, bedrag="1.000"))["bedrag"] == bedrag("1.000")


def test_toekenning_van_1_cent_boven_de_kosten_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    e = weigert(w, RegelOvertreden, lambda: w.ken_toe(nr, bedrag="1.000,01"))
    assert e.artikel is not None and "art. 5 lid 2" in e.artikel
    assert "€ 1.000,01" in str(e) and "€ 1.000,00" in str(e)


# --- herhaalde besluiten -----------------------------------------------------------------------------


def test_dezelfde_toekenning_nogmaals_geeft_het_oorspronkelijke_besluit_en_schrijft_niets() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("7.000")
    eerste = w.ken_toe(nr, datum=date(2026, 3, 1))
    voor = w.aantal_gebeurtenissen()
    assert w.ken_toe(nr, datum=date(2026, 3, 2)) == eerste
    assert w.ken_toe(nr, bedrag="7.000", vouchers=2) == eerste
    assert w.aantal_gebeurtenissen() == voor
    assert w.college.wijken()[0].toegekend == bedrag("7.000")


def test_een_andere_toekenning_van_een_toegekende_aanvraag_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("7.000")
    w.ken_toe(nr)
    e = weigert(w, OngeldigeToestand, lambda: w.ken_toe(nr, bedrag="6.000", grond="a", motivering="minder"))
    assert "€ 7.000,00" in str(e)
    weigert(w, OngeldigeToestand, lambda: w.ken_toe(nr, vouchers=3))


def test_een_toegekende_aanvraag_weigeren_wordt_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("1.000")
    w.ken_toe(nr)
    weigert(w, OngeldigeToestand, lambda: weiger(w, nr, "a", "toch niet"))


# --- art. 5 lid 3-6: de wijkraadpleging --------------------------------------------------------------


def test_raadpleging_tegen_eindigt_als_geweigerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("12.000")
    naar_raadpleging(w, nr)
    uitkomst = schrijft(w, lambda: raadpleging(w, nr, "tegen", stemmen_voor=12, stemmen_tegen=30))
    assert uitkomst["status"] == "geweigerd"
    besluit = w.regie.toon_aanvraag(nr)["besluit"]
    assert besluit["uitkomst"] == "geweigerd" and "art. 5 lid 6" in besluit["motivering"]
    weigert(w, OngeldigeToestand, lambda: w.ken_toe(nr))
    assert w.college.wijken()[0].toegekend == Bedrag.nul()


def test_raadpleging_voor_met_passende_stemmen_wordt_vastgelegd() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("12.000")
    naar_raadpleging(w, nr)
    assert schrijft(w, lambda: raadpleging(w, nr, "voor", stemmen_voor=30, stemmen_tegen=12))["status"] == (
        "raadpleging_voor"
    )
    assert w.ken_toe(nr)["status"] == "toegekend"


@pytest.mark.parametrize(
    ("uitkomst", "voor", "tegen"),
    [("voor", 12, 30), ("tegen", 30, 12), ("voor", 20, 20)],
    ids=["voor-bij-meerderheid-tegen", "tegen-bij-meerderheid-voor", "voor-bij-staken-der-stemmen"],
)
def test_stemmen_die_niet_bij_de_uitkomst_passen_zijn_ongeldige_invoer(
    uitkomst: Literal["voor", "tegen"], voor: int, tegen: int
) -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("12.000")
    naar_raadpleging(w, nr)
    e = weigert(w, OngeldigeInvoer, lambda: raadpleging(w, nr, uitkomst, stemmen_voor=voor, stemmen_tegen=tegen))
    assert str(voor) in str(e) and str(tegen) in str(e)
    assert status(w, nr) == "geschikt"


def test_stemmen_voor_zonder_stemmen_tegen_is_ongeldige_invoer() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("12.000")
    naar_raadpleging(w, nr)
    weigert(w, OngeldigeInvoer, lambda: raadpleging(w, nr, "voor", stemmen_voor=30))


def test_zonder_geschiktheidsbesluit_geen_raadplegingsbesluit() -> None:
    w = Wereld.ingericht(geheugen_app())
    nr = w.aanvraag("12.000")
    weigert(w, OngeldigeToestand, lambda: raadpleging(w, nr, "voor"))
