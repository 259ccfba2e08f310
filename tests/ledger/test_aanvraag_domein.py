"""De aanvraag zelf: van ontvangst tot toekenning (art. 4 en 5; Awb 4:15, 10:10).

Rechtstreeks op het aggregaat (ledger/aanvraag.py), zonder opslag. Elk besluit legt vast wat
er besloten is, op welke dag, door wie, namens wie (het college) en onder welk mandaat; elke
weigering noemt de cijfers en het artikel. De grenzen van dezelfde dag: beslissen op de dag
van ontvangst, een aanvultermijn gelijk aan de datum van het verzoek en een startdatum gelijk
aan de besluitdatum mogen; één dag eerder niet. Weigeren, de wijkraadpleging en wat na het
besluit komt: test_aanvraag_besluiten.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from aanvraaghulp import (
    DAG_ERVOOR,
    DREMPEL,
    MAX_VOUCHER,
    NOORD,
    ONTVANGEN,
    REGIE,
    RUIM,
    aanvraag,
    e,
    enige,
    gegevens,
    geschikt,
    ken_toe,
    persoon,
    weigert,
)

from ledger.aanvraag import Aanvraag
from ledger.fouten import (
    AanvraagOnvolledig,
    DatumVoorAfhankelijkeHandeling,
    OngeldigeInvoer,
    OngeldigeToestand,
    RaadplegingVereist,
    RegelOvertreden,
    VoucherwaardeTeHoog,
)
from ledger.geld import Bedrag
from ledger.vouchercode import maak_code

# --- ingediend (art. 4 lid 2) --------------------------------------------------------------------------


def test_indienen_legt_nummer_wijk_ontvangst_persoon_gegevens_datum_en_gebruiker_vast() -> None:
    a = Aanvraag(
        nummer=7,
        wijk="NOORD",
        periode=2026,
        ontvangen=ONTVANGEN,
        persoon=persoon(),
        gegevens=gegevens(),
        datum=date(2026, 2, 3),
        gebruiker=REGIE,
    )
    g = enige(a)
    assert type(g).__name__ == "Ingediend"
    assert (g.nummer, g.wijk, g.periode, g.ontvangen, g.datum, g.gebruiker) == (
        7,
        "NOORD",
        2026,
        ONTVANGEN,
        date(2026, 2, 3),
        REGIE,
    )
    assert (g.persoon, g.gegevens) == (persoon(), gegevens())
    assert (a.status, a.volledig_sinds, a.ontbreekt, a.kosten) == ("ingediend", ONTVANGEN, [], e("1.000"))
    assert (a.besluit, a.raadpleging, a.aanvulling, a.bekendgemaakt, a.wijzigingen) == (None, None, None, None, 0)


def test_een_onvolledige_aanvraag_noemt_wat_ontbreekt_en_telt_nog_niet_in_de_volgorde() -> None:
    a = aanvraag(p=persoon(telefoon="", ondertekend=False, adres=None), planning=None, elders_subsidie=None)
    assert a.ontbreekt == ["adres", "telefoon", "handtekening", "planning", "elders-subsidie"]
    assert (a.status, a.volledig_sinds, a.beslissen_voor(4)) == ("onvolledig", None, None)


def test_geen_andere_subsidie_is_een_antwoord_en_ontbreekt_dus_niet() -> None:
    assert aanvraag(elders_subsidie=False).ontbreekt == []
    assert aanvraag(elders_subsidie=True).ontbreekt == []


# --- aanvulling (art. 4 lid 3, Awb 4:15) -----------------------------------------------------------------


def test_aanvulling_vragen_op_de_dag_van_ontvangst_met_termijn_dezelfde_dag_legt_het_verzoek_vast() -> None:
    a = aanvraag()
    a.vraag_aanvulling("  een begroting per post ", ONTVANGEN, ONTVANGEN, REGIE, mandaat=NOORD)
    g = enige(a)
    assert type(g).__name__ == "AanvullingGevraagd"
    assert (g.wat, g.termijn, g.datum, g.gebruiker) == ("een begroting per post", ONTVANGEN, ONTVANGEN, REGIE)
    assert (g.namens, g.mandaat) == ("college", {"rol": "regiegroep", "wijk": "NOORD"})
    assert a.aanvulling == {"wat": "een begroting per post", "termijn": ONTVANGEN, "gevraagd_op": ONTVANGEN}
    assert (a.status, a.beslissen_voor(4)) == ("onvolledig", None)


def test_aanvulling_vragen_met_een_termijn_voor_het_verzoek_wordt_geweigerd() -> None:
    a = aanvraag()
    fout = weigert(
        a,
        OngeldigeInvoer,
        lambda: a.vraag_aanvulling("begroting", date(2026, 2, 4), date(2026, 2, 5), REGIE, mandaat=NOORD),
    )
    assert str(fout) == "de termijn voor aanvulling ligt voor de datum van het verzoek"


def test_aanvulling_vragen_zonder_te_zeggen_wat_wordt_geweigerd() -> None:
    a = aanvraag()
    fout = weigert(a, OngeldigeInvoer, lambda: a.vraag_aanvulling("  ", ONTVANGEN, ONTVANGEN, REGIE, mandaat=NOORD))
    assert str(fout) == "zeg met --wat welke informatie ontbreekt (art. 4 lid 3)"


def test_een_handeling_van_voor_de_ontvangst_wordt_geweigerd_met_beide_datums() -> None:
    a = aanvraag()
    handelingen = [
        lambda: a.vraag_aanvulling("begroting", ONTVANGEN, DAG_ERVOOR, REGIE, mandaat=NOORD),
        lambda: a.vul_aan({"telefoon": "06-1"}, {}, DAG_ERVOOR, REGIE),
        lambda: ken_toe(a, datum=DAG_ERVOOR),
        lambda: a.weiger("a", "niet haalbaar", RUIM, DAG_ERVOOR, REGIE, mandaat=NOORD),
        lambda: a.meld_wijziging("ander plein", DAG_ERVOOR, REGIE),
    ]
    for handeling in handelingen:
        fout = weigert(a, DatumVoorAfhankelijkeHandeling, handeling)  # exit 1: a rule, not a typing error
        assert str(fout).startswith(
            "de handeling is gedateerd op 1 februari 2026, vóór de ontvangst van aanvraag 1 op 2 februari 2026"
        )
    b = aanvraag("12.000")
    fout = weigert(
        b, DatumVoorAfhankelijkeHandeling, lambda: b.verklaar_geschikt(DREMPEL, DAG_ERVOOR, REGIE, mandaat=NOORD)
    )
    assert "vóór de ontvangst" in str(fout)


def test_de_gegevens_aanvullen_maakt_de_aanvraag_volledig_en_zet_haar_in_de_volgorde() -> None:
    a = aanvraag(planning=None, kosten=None)
    assert a.status == "onvolledig"
    werd_volledig = a.vul_aan(
        {}, {"planning": "juli", "kosten": e("800"), "omschrijving": None}, date(2026, 2, 9), REGIE
    )
    assert werd_volledig is True
    g = enige(a)
    assert type(g).__name__ == "Aangevuld"
    assert (g.persoon, g.gegevens, g.datum, g.gebruiker) == (
        {},
        {"planning": "juli", "kosten": e("800")},
        date(2026, 2, 9),
        REGIE,
    )
    assert (a.status, a.volledig_sinds, a.kosten, a.ontbreekt) == ("ingediend", date(2026, 2, 9), e("800"), [])
    assert a.gegevens["omschrijving"] == "Buurtfeest op het plein"  # None vult niets aan en wist niets


def test_deels_aanvullen_legt_het_aangevulde_vast_maar_de_aanvraag_blijft_onvolledig() -> None:
    a = aanvraag(p=persoon(telefoon=None, ondertekend=False))
    assert a.vul_aan({"telefoon": "06-87654321", "adres": "Lindelaan 1"}, {}, date(2026, 2, 9), REGIE) is False
    assert enige(a).persoon == {"telefoon": "06-87654321"}  # het adres was al zo
    assert (a.status, a.ontbreekt, a.volledig_sinds) == ("onvolledig", ["handtekening"], None)


def test_niets_nieuws_aanvullen_zonder_open_verzoek_legt_niets_vast() -> None:
    a = aanvraag()
    assert (
        a.vul_aan({"telefoon": "06-12345678"}, {"planning": "juni", "kosten": None}, date(2026, 2, 9), REGIE) is False
    )
    assert a.collect_events() == []


def test_een_aanvulling_op_een_open_verzoek_telt_de_dagen_stilstand_ook_zonder_nieuwe_gegevens() -> None:
    a = aanvraag()
    a.vraag_aanvulling("begroting", date(2026, 2, 20), date(2026, 2, 5), REGIE, mandaat=NOORD)
    a.vraag_aanvulling("ook een tekening", date(2026, 2, 25), date(2026, 2, 7), REGIE, mandaat=NOORD)
    a.collect_events()
    assert a.aanvulling is not None and a.aanvulling["gevraagd_op"] == date(2026, 2, 5)
    assert a.vul_aan({}, {}, date(2026, 2, 15), REGIE) is True
    assert enige(a).datum == date(2026, 2, 15)
    assert (a.aanvulling, a.opgeschort_dagen, a.status) == (None, 10, "ingediend")
    # Ontvangen 2 februari, vier weken, tien dagen stilstand.
    assert a.beslissen_voor(4) == date(2026, 3, 12)
    assert a.beslissen_voor(6) == date(2026, 3, 26)


def test_een_beslist_aanvraag_vraagt_geen_aanvulling_meer_en_zegt_waarom() -> None:
    a = aanvraag(nummer=4)
    ken_toe(a)
    a.collect_events()
    fout = weigert(
        a, OngeldigeToestand, lambda: a.vraag_aanvulling("begroting", ONTVANGEN, ONTVANGEN, REGIE, mandaat=NOORD)
    )
    assert str(fout) == "aanvraag 4 heeft status toegekend: aanvulling vragen kan niet"
    assert fout.artikel == "art. 4-6"
    assert fout.gegevens == {"nummer": 4, "status": "toegekend"}
    fout = weigert(a, OngeldigeToestand, lambda: a.vul_aan({"telefoon": "06-1"}, {}, date(2026, 3, 2), REGIE))
    assert str(fout) == "aanvraag 4 heeft status toegekend: aanvullen kan niet"


# --- de verdeling over vouchers (art. 1 onder a, art. 4 lid 2 onder c, art. 5 lid 2) -------------------


def test_het_gewenste_aantal_vouchers_van_de_aanvrager_wordt_gevolgd() -> None:
    a = aanvraag("1.000", nummer=12, vouchers_gewenst=4)
    vouchers = a.verdeel(e("1.000"), None, MAX_VOUCHER)
    assert vouchers == [{"code": maak_code(12, i), "bedrag": e("250")} for i in (1, 2, 3, 4)]


def test_een_gewenst_aantal_onder_het_nodige_of_boven_het_aantal_centen_wordt_het_nodige_aantal() -> None:
    assert len(aanvraag("12.000", vouchers_gewenst=2).verdeel(e("12.000"), None, MAX_VOUCHER)) == 3
    assert len(aanvraag("12.000", vouchers_gewenst=3).verdeel(e("12.000"), None, MAX_VOUCHER)) == 3
    assert len(aanvraag("0,03", vouchers_gewenst=4).verdeel(e("0,03"), None, MAX_VOUCHER)) == 1
    assert len(aanvraag("0,03", vouchers_gewenst=3).verdeel(e("0,03"), None, MAX_VOUCHER)) == 3


def test_een_opgegeven_aantal_gaat_voor_het_gewenste_en_moet_kunnen() -> None:
    a = aanvraag("1.000", vouchers_gewenst=4)
    assert [v["bedrag"] for v in a.verdeel(e("1.000"), 2, MAX_VOUCHER)] == [e("500"), e("500")]
    assert len(a.verdeel(e("0,05"), 5, MAX_VOUCHER)) == 5
    for aantal in (0, 6):
        with pytest.raises(OngeldigeInvoer) as info:
            a.verdeel(e("0,05"), aantal, MAX_VOUCHER)
        assert str(info.value) == f"{aantal} vouchers kan niet voor € 0,05"
    with pytest.raises(VoucherwaardeTeHoog):
        a.verdeel(e("10.000"), 1, MAX_VOUCHER)


# --- toekennen (art. 5 en 6) ----------------------------------------------------------------------------------


def test_toekennen_op_de_dag_van_ontvangst_met_start_op_die_dag_legt_het_besluit_namens_het_college_vast() -> None:
    a = aanvraag("1.000")
    vouchers = a.verdeel(e("1.000"), None, MAX_VOUCHER)
    a.ken_toe(
        e("1.000"),
        vouchers,
        DREMPEL,
        RUIM,
        ONTVANGEN,
        REGIE,
        start_voor=ONTVANGEN,
        buiten_volgorde="  wijkfeest ",
        mandaat=NOORD,
    )
    g = enige(a)
    assert type(g).__name__ == "Toegekend"
    assert (g.bedrag, g.vouchers, g.start_voor, g.grond, g.motivering, g.buiten_volgorde) == (
        e("1.000"),
        vouchers,
        ONTVANGEN,
        None,
        None,
        "wijkfeest",
    )
    assert (g.datum, g.gebruiker, g.namens, g.mandaat) == (ONTVANGEN, REGIE, "college", NOORD)
    assert a.status == "toegekend"
    assert a.besluit == {
        "uitkomst": "toegekend",
        "bedrag": e("1.000"),
        "vouchers": vouchers,
        "start_voor": ONTVANGEN,
        "grond": None,
        "motivering": None,
        "buiten_volgorde": "wijkfeest",
        "datum": ONTVANGEN,
        "door": REGIE,
    }


def test_een_startdatum_voor_de_besluitdatum_wordt_geweigerd() -> None:
    a = aanvraag()
    fout = weigert(a, OngeldigeInvoer, lambda: ken_toe(a, start_voor=date(2026, 2, 28)))
    assert str(fout) == "de startdatum (--start-voor) ligt voor de datum van het besluit"


def test_gedeeltelijk_toekennen_legt_grond_en_gemotiveerde_reden_vast() -> None:
    a = aanvraag("1.000")
    ken_toe(a, "600", grond="a", motivering="  de huur van het podium is niet nodig ")
    g = enige(a)
    assert (g.bedrag, g.grond, g.motivering) == (e("600"), "a", "de huur van het podium is niet nodig")
    assert a.besluit is not None and a.besluit["motivering"] == "de huur van het podium is niet nodig"


def test_meer_toekennen_dan_de_kostenraming_noemt_beide_bedragen() -> None:
    a = aanvraag("1.000")
    fout = weigert(a, RegelOvertreden, lambda: ken_toe(a, "1.000,01"))
    assert str(fout) == (
        "toekenning van € 1.000,01 is meer dan de kostenraming € 1.000,00: er worden niet meer vouchers verstrekt "
        "dan nodig"
    )
    assert fout.artikel == "art. 5 lid 2"


def test_nul_toekennen_wordt_geweigerd() -> None:
    a = aanvraag("1.000")
    fout = weigert(
        a, OngeldigeInvoer, lambda: a.ken_toe(Bedrag.nul(), [], DREMPEL, RUIM, ONTVANGEN, REGIE, mandaat=NOORD)
    )
    assert str(fout) == "het toe te kennen bedrag moet groter zijn dan € 0,00"


def test_een_volledige_toekenning_met_een_grond_wordt_geweigerd() -> None:
    a = aanvraag("1.000")
    fout = weigert(a, OngeldigeInvoer, lambda: ken_toe(a, grond="a", motivering="toch"))
    assert str(fout) == "--grond en --motivering horen alleen bij een gedeeltelijke toekenning"


def test_een_gedeeltelijke_toekenning_zonder_grond_of_motivering_zegt_wat_ontbreekt() -> None:
    a = aanvraag("1.000")
    fout = weigert(a, OngeldigeInvoer, lambda: ken_toe(a, "600", motivering="te duur"))
    assert str(fout) == (
        "een gedeeltelijke weigering noemt een weigeringsgrond: --grond a, b, c, d of e (art. 6), of "
        "geen-initiatief (art. 1 onder b en c)"
    )
    for leeg in (None, "", "  "):
        fout = weigert(a, OngeldigeInvoer, lambda leeg=leeg: ken_toe(a, "600", grond="a", motivering=leeg))
        assert str(fout) == (
            "een gedeeltelijke weigering wordt gemotiveerd: geef --motivering (Awb 3:46, toelichting art. 6)"
        )


def test_grond_e_bij_een_gedeeltelijke_toekenning_geldt_alleen_als_de_kosten_niet_passen() -> None:
    a = aanvraag("1.000")
    fout = weigert(
        a, RegelOvertreden, lambda: ken_toe(a, "600", grond="e", motivering="plafond", beschikbaar=e("1.000"))
    )
    assert (
        str(fout) == "weigeringsgrond e geldt niet: de kostenraming € 1.000,00 past binnen het beschikbare € 1.000,00"
    )
    assert fout.artikel == "art. 6 onder e"
    assert fout.gegevens == {"kosten": e("1.000"), "beschikbaar": e("1.000")}
    ken_toe(a, "999,99", grond="e", motivering="plafond", beschikbaar=e("999,99"))
    assert a.status == "toegekend"


def test_een_gedeeltelijke_toekenning_op_grond_e_onder_het_beschikbare_blijft_toegestaan() -> None:
    a = aanvraag("1.000")
    ken_toe(a, "999,98", grond="e", motivering="plafond", beschikbaar=e("999,99"))
    assert a.status == "toegekend"


def test_een_aanvraag_zonder_kostenraming_wordt_niet_toegekend_ook_als_ze_toch_als_volledig_geldt() -> None:
    # Onbereikbaar langs de gewone weg (de kostenraming is vereist); de wacht blijft en zegt het duidelijk.
    a = aanvraag("1.000")
    a.gegevens["kosten"] = None
    fout = weigert(a, AanvraagOnvolledig, lambda: a.ken_toe(e("1"), [], DREMPEL, RUIM, ONTVANGEN, REGIE, mandaat=NOORD))
    assert str(fout) == "de aanvraag heeft geen kostenraming"
    assert fout.artikel == "art. 4 lid 2 onder c"


def test_een_onvolledige_aanvraag_wordt_niet_beslist_en_hoort_wat_ontbreekt() -> None:
    a = aanvraag(nummer=3, p=persoon(telefoon=None))
    fout = weigert(a, AanvraagOnvolledig, lambda: ken_toe(a))
    assert str(fout) == "aanvraag 3 is onvolledig (ontbreekt: telefoon); eerst aanvullen"
    assert fout.artikel == "art. 4 lid 2 en 3"
    assert fout.gegevens == {"ontbreekt": ["telefoon"]}
    c = aanvraag(nummer=4, p=persoon(telefoon=None, ondertekend=False))
    fout = weigert(c, AanvraagOnvolledig, lambda: ken_toe(c))
    assert str(fout) == "aanvraag 4 is onvolledig (ontbreekt: telefoon, handtekening); eerst aanvullen"
    b = aanvraag(nummer=5)
    b.vraag_aanvulling("begroting", ONTVANGEN, ONTVANGEN, REGIE, mandaat=NOORD)
    b.collect_events()
    fout = weigert(b, AanvraagOnvolledig, lambda: b.weiger("a", "niet haalbaar", RUIM, ONTVANGEN, REGIE, mandaat=NOORD))
    assert str(fout) == "aanvraag 5 is onvolledig (ontbreekt: aanvulling); eerst aanvullen"


def test_boven_de_drempel_toekennen_vraagt_eerst_een_raadpleging_voor() -> None:
    a = aanvraag("12.000")
    weigert(a, RaadplegingVereist, lambda: ken_toe(a))
    geschikt(a)
    weigert(a, RaadplegingVereist, lambda: ken_toe(a))
    a.besluit_raadpleging("voor", None, None, date(2026, 2, 20), REGIE, mandaat=NOORD)
    ken_toe(a)
    assert a.status == "toegekend"
