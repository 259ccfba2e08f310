"""De aanvraag zelf: van ontvangst tot besluit en daarna (art. 4 tot en met 8; Awb 3:46, 4:15, 10:10).

Rechtstreeks op het aggregaat (ledger/aanvraag.py), zonder opslag. Elk besluit legt vast wat
er besloten is, op welke dag, door wie, namens wie (het college) en onder welk mandaat; elke
weigering noemt de cijfers en het artikel. De grenzen van dezelfde dag: beslissen op de dag
van ontvangst, een aanvultermijn gelijk aan de datum van het verzoek, een startdatum gelijk
aan de besluitdatum en een raadpleging op de dag van het geschiktheidsbesluit mogen allemaal;
één dag eerder niet.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from ledger.aanvraag import Aanvraag
from ledger.bewaartermijnen import Bewaartermijn
from ledger.fouten import (
    AanvraagOnvolledig,
    OngeldigeInvoer,
    OngeldigeToestand,
    RaadplegingVereist,
    RegelOvertreden,
    VoucherwaardeTeHoog,
)
from ledger.geld import Bedrag
from ledger.namens import mandaat
from ledger.vouchercode import maak_code

ONTVANGEN = date(2026, 2, 2)
DAG_ERVOOR = date(2026, 2, 1)
REGIE = "regie.noord"
NOORD = mandaat("regiegroep", "NOORD")
ZUID = mandaat("regiegroep", "ZUID")
DREMPEL = Bedrag.parse("10.000")
MAX_VOUCHER = Bedrag.parse("5.000")
RUIM = Bedrag.parse("100.000")


def e(tekst: str) -> Bedrag:
    return Bedrag.parse(tekst)


def persoon(**anders: Any) -> dict[str, Any]:
    return {"naam": "A. de Vries", "adres": "Lindelaan 1", "telefoon": "06-12345678", "ondertekend": True} | anders


def gegevens(kosten: str | None = "1.000", **anders: Any) -> dict[str, Any]:
    return {
        "omschrijving": "Buurtfeest op het plein",
        "planning": "juni",
        "kosten": e(kosten) if kosten else None,
        "vouchers_gewenst": None,
        "elders_subsidie": False,
    } | anders


def aanvraag(kosten: str | None = "1.000", *, nummer: int = 1, p: dict[str, Any] | None = None, **g: Any) -> Aanvraag:
    a = Aanvraag(
        nummer=nummer,
        wijk="NOORD",
        periode=2026,
        ontvangen=ONTVANGEN,
        persoon=persoon() if p is None else p,
        gegevens=gegevens(kosten, **g),
        datum=ONTVANGEN,
        gebruiker=REGIE,
    )
    a.collect_events()
    return a


def enige(a: Aanvraag) -> Any:
    (gebeurtenis,) = a.collect_events()
    return gebeurtenis


def ken_toe(a: Aanvraag, bedrag: str | None = None, *, datum: date = date(2026, 3, 1), **opties: Any) -> None:
    b = e(bedrag) if bedrag else a.kosten
    assert b is not None
    a.ken_toe(
        b,
        a.verdeel(b, None, MAX_VOUCHER),
        opties.pop("drempel", DREMPEL),
        opties.pop("beschikbaar", RUIM),
        datum,
        REGIE,
        mandaat=opties.pop("mandaat", NOORD),
        **opties,
    )


def geschikt(a: Aanvraag, datum: date = date(2026, 2, 10)) -> None:
    a.verklaar_geschikt(DREMPEL, datum, REGIE, mandaat=NOORD)
    a.collect_events()


def weigert(a: Aanvraag, fout: type[Exception], handeling: Callable[[], Any]) -> Any:
    """Precies deze fout, en het aggregaat legt niets vast."""
    with pytest.raises(fout) as info:
        handeling()
    assert type(info.value) is fout
    assert a.collect_events() == []
    return info.value


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
        fout = weigert(a, OngeldigeInvoer, handeling)
        assert str(fout) == "de datum 1 februari 2026 ligt voor de ontvangst van de aanvraag (2 februari 2026)"
    b = aanvraag("12.000")
    fout = weigert(b, OngeldigeInvoer, lambda: b.verklaar_geschikt(DREMPEL, DAG_ERVOOR, REGIE, mandaat=NOORD))
    assert "ligt voor de ontvangst" in str(fout)


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
    assert str(fout) == "een gedeeltelijke weigering noemt een weigeringsgrond: --grond a, b, c, d of e (art. 6)"
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
    ken_toe(a, "600", grond="e", motivering="plafond", beschikbaar=e("999,99"))
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


# --- weigeren (art. 6, Awb 3:46) ---------------------------------------------------------------------------


def test_weigeren_op_de_dag_van_ontvangst_legt_grond_motivering_en_mandaat_vast() -> None:
    a = aanvraag()
    a.weiger("c", "  vooral een privébelang ", RUIM, ONTVANGEN, REGIE, mandaat=NOORD)
    g = enige(a)
    assert type(g).__name__ == "Geweigerd"
    assert (g.grond, g.motivering, g.datum, g.gebruiker, g.namens, g.mandaat) == (
        "c",
        "vooral een privébelang",
        ONTVANGEN,
        REGIE,
        "college",
        NOORD,
    )
    assert a.status == "geweigerd"
    assert a.besluit == {
        "uitkomst": "geweigerd",
        "grond": "c",
        "motivering": "vooral een privébelang",
        "datum": ONTVANGEN,
        "door": REGIE,
    }


def test_weigeren_zonder_geldige_grond_of_motivering_wordt_geweigerd() -> None:
    a = aanvraag()
    fout = weigert(a, OngeldigeInvoer, lambda: a.weiger("f", "reden", RUIM, ONTVANGEN, REGIE, mandaat=NOORD))
    assert str(fout) == "een weigering noemt een weigeringsgrond: --grond a, b, c, d of e (art. 6)"
    fout = weigert(a, OngeldigeInvoer, lambda: a.weiger("a", " ", RUIM, ONTVANGEN, REGIE, mandaat=NOORD))
    assert str(fout) == "een weigering wordt gemotiveerd: geef --motivering (Awb 3:46, toelichting art. 6)"


def test_weigeren_op_grond_e_terwijl_het_initiatief_in_het_beschikbare_past_wordt_geweigerd() -> None:
    a = aanvraag("1.000")
    weigert(a, RegelOvertreden, lambda: a.weiger("e", "plafond", e("1.000"), ONTVANGEN, REGIE, mandaat=NOORD))
    a.weiger("e", "plafond", e("999,99"), ONTVANGEN, REGIE, mandaat=NOORD)
    assert a.status == "geweigerd"


def test_een_geschikte_aanvraag_kan_voor_de_raadpleging_nog_worden_geweigerd() -> None:
    a = aanvraag("12.000")
    geschikt(a)
    a.weiger("a", "de planning is niet haalbaar", RUIM, date(2026, 2, 12), REGIE, mandaat=NOORD)
    assert (a.status, enige(a).grond) == ("geweigerd", "a")
    weigert(
        a,
        OngeldigeToestand,
        lambda: a.besluit_raadpleging("voor", None, None, date(2026, 2, 20), REGIE, mandaat=NOORD),
    )


def test_elk_besluit_vermeldt_het_mandaat_voor_de_wijk_van_de_aanvraag_en_geen_ander() -> None:
    a = aanvraag("1.000")
    besluiten = [
        lambda: a.vraag_aanvulling("begroting", ONTVANGEN, ONTVANGEN, REGIE, mandaat=ZUID),
        lambda: ken_toe(a, mandaat=ZUID),
        lambda: a.weiger("a", "niet haalbaar", RUIM, ONTVANGEN, REGIE, mandaat=ZUID),
    ]
    for besluit in besluiten:
        weigert(a, OngeldigeInvoer, besluit)
    assert a.status == "ingediend"
    b = aanvraag("12.000")
    weigert(b, OngeldigeInvoer, lambda: b.verklaar_geschikt(DREMPEL, ONTVANGEN, REGIE, mandaat=ZUID))
    geschikt(b)
    weigert(b, OngeldigeInvoer, lambda: b.besluit_raadpleging("voor", None, None, ONTVANGEN, REGIE, mandaat=ZUID))
    assert b.status == "geschikt"


# --- geschikt en de wijkraadpleging (art. 5 lid 3-6) ----------------------------------------------------------


def test_geschikt_verklaren_legt_datum_gebruiker_en_mandaat_vast() -> None:
    a = aanvraag("10.000,01")
    a.verklaar_geschikt(DREMPEL, ONTVANGEN, REGIE, mandaat=NOORD)
    g = enige(a)
    assert type(g).__name__ == "GeschiktVerklaard"
    assert (g.datum, g.gebruiker, g.namens, g.mandaat) == (ONTVANGEN, REGIE, "college", NOORD)
    assert (a.status, a.raadpleging) == ("geschikt", {"geschikt_op": ONTVANGEN, "door": REGIE})


def test_een_initiatief_van_precies_de_drempel_gaat_niet_naar_een_raadpleging() -> None:
    a = aanvraag("10.000")
    fout = weigert(a, RegelOvertreden, lambda: a.verklaar_geschikt(DREMPEL, ONTVANGEN, REGIE, mandaat=NOORD))
    assert str(fout) == (
        "een wijkraadpleging is alleen voor initiatieven boven € 10.000,00; deze aanvraag kan direct worden "
        "toegekend of geweigerd"
    )
    assert fout.artikel == "art. 5 lid 1 en 3"


def test_alleen_een_ingediende_aanvraag_wordt_geschikt_verklaard() -> None:
    a = aanvraag("12.000", nummer=8)
    geschikt(a)
    fout = weigert(a, OngeldigeToestand, lambda: a.verklaar_geschikt(DREMPEL, ONTVANGEN, REGIE, mandaat=NOORD))
    assert str(fout) == "aanvraag 8 heeft status geschikt: geschikt verklaren kan niet"


def test_een_raadpleging_op_de_dag_van_het_geschiktheidsbesluit_legt_uitkomst_stemmen_en_mandaat_vast() -> None:
    a = aanvraag("12.000")
    geschikt(a, date(2026, 2, 10))
    a.besluit_raadpleging("voor", 30, 12, date(2026, 2, 10), REGIE, mandaat=NOORD)
    g = enige(a)
    assert type(g).__name__ == "RaadplegingBesloten"
    assert (g.uitkomst, g.stemmen_voor, g.stemmen_tegen, g.datum, g.gebruiker) == (
        "voor",
        30,
        12,
        date(2026, 2, 10),
        REGIE,
    )
    assert (g.namens, g.mandaat) == ("college", NOORD)
    assert a.status == "raadpleging_voor"
    assert a.raadpleging == {
        "geschikt_op": date(2026, 2, 10),
        "door": REGIE,
        "uitkomst": "voor",
        "stemmen_voor": 30,
        "stemmen_tegen": 12,
        "besloten_op": date(2026, 2, 10),
    }
    assert a.besluit is None


def test_een_raadpleging_van_voor_het_geschiktheidsbesluit_wordt_geweigerd() -> None:
    a = aanvraag("12.000")
    geschikt(a, date(2026, 2, 10))
    fout = weigert(
        a, OngeldigeInvoer, lambda: a.besluit_raadpleging("voor", None, None, date(2026, 2, 9), REGIE, mandaat=NOORD)
    )
    assert str(fout) == "de wijkraadpleging ligt voor de datum van het geschiktheidsbesluit"


def test_een_raadpleging_tegen_is_een_weigering_op_grond_van_art_5_lid_6() -> None:
    a = aanvraag("12.000")
    geschikt(a)
    a.besluit_raadpleging("tegen", None, None, date(2026, 2, 20), REGIE, mandaat=NOORD)
    assert enige(a).uitkomst == "tegen"
    assert a.status == "geweigerd"
    assert a.besluit == {
        "uitkomst": "geweigerd",
        "grond": None,
        "motivering": "de wijkraadpleging heeft besloten dat het initiatief geen vouchers krijgt (art. 5 lid 6)",
        "datum": date(2026, 2, 20),
        "door": REGIE,
    }


def test_een_andere_uitkomst_dan_voor_of_tegen_wordt_geweigerd() -> None:
    a = aanvraag("12.000")
    geschikt(a)
    fout = weigert(
        a,
        OngeldigeInvoer,
        lambda: a.besluit_raadpleging("misschien", None, None, date(2026, 2, 20), REGIE, mandaat=NOORD),
    )
    assert str(fout) == "uitkomst moet voor of tegen zijn, niet 'misschien'"


@pytest.mark.parametrize(("voor", "tegen"), [(None, 3), (3, None)], ids=["alleen-tegen", "alleen-voor"])
def test_stemmen_voor_en_tegen_komen_samen_of_niet(voor: int | None, tegen: int | None) -> None:
    a = aanvraag("12.000")
    geschikt(a)
    fout = weigert(
        a, OngeldigeInvoer, lambda: a.besluit_raadpleging("voor", voor, tegen, date(2026, 2, 20), REGIE, mandaat=NOORD)
    )
    assert str(fout) == "geef --stemmen-voor en --stemmen-tegen samen, of geen van beide"


@pytest.mark.parametrize(("voor", "tegen"), [(-1, 0), (5, -1)], ids=["voor-negatief", "tegen-negatief"])
def test_een_negatief_aantal_stemmen_wordt_geweigerd(voor: int, tegen: int) -> None:
    a = aanvraag("12.000")
    geschikt(a)
    for uitkomst in ("voor", "tegen"):
        fout = weigert(
            a,
            OngeldigeInvoer,
            lambda uitkomst=uitkomst: a.besluit_raadpleging(
                uitkomst, voor, tegen, date(2026, 2, 20), REGIE, mandaat=NOORD
            ),
        )
        assert str(fout) == "aantallen stemmen kunnen niet negatief zijn"


def test_nul_stemmen_voor_en_tegen_is_geen_meerderheid_voor() -> None:
    a = aanvraag("12.000")
    geschikt(a)
    fout = weigert(
        a, OngeldigeInvoer, lambda: a.besluit_raadpleging("voor", 0, 0, date(2026, 2, 20), REGIE, mandaat=NOORD)
    )
    assert str(fout) == "uitkomst voor past niet bij 0 stemmen voor en 0 tegen"
    a.besluit_raadpleging("tegen", 0, 0, date(2026, 2, 20), REGIE, mandaat=NOORD)
    assert a.status == "geweigerd"


def test_staken_de_stemmen_dan_is_de_uitkomst_tegen_en_een_stem_meer_voor_is_voor() -> None:
    a = aanvraag("12.000")
    geschikt(a)
    weigert(a, OngeldigeInvoer, lambda: a.besluit_raadpleging("voor", 7, 7, date(2026, 2, 20), REGIE, mandaat=NOORD))
    fout = weigert(
        a, OngeldigeInvoer, lambda: a.besluit_raadpleging("tegen", 8, 7, date(2026, 2, 20), REGIE, mandaat=NOORD)
    )
    assert str(fout) == "uitkomst tegen past niet bij 8 stemmen voor en 7 tegen"
    a.besluit_raadpleging("voor", 8, 7, date(2026, 2, 20), REGIE, mandaat=NOORD)
    assert a.status == "raadpleging_voor"


# --- bekendmaken (art. 7 lid 2) en wijzigingen melden (art. 8 lid 2) --------------------------------------------


def test_bekendmaken_van_een_toekenning_legt_datum_en_gebruiker_vast_en_een_tweede_keer_niets() -> None:
    a = aanvraag()
    ken_toe(a)
    a.collect_events()
    assert a.maak_bekend(date(2026, 3, 5), REGIE) is True
    g = enige(a)
    assert type(g).__name__ == "Bekendgemaakt"
    assert (g.datum, g.gebruiker) == (date(2026, 3, 5), REGIE)
    assert a.bekendgemaakt == date(2026, 3, 5)
    assert a.maak_bekend(date(2026, 3, 6), REGIE) is False
    assert a.collect_events() == [] and a.bekendgemaakt == date(2026, 3, 5)


@pytest.mark.parametrize("status", ["ingediend", "geweigerd"])
def test_wat_geen_vouchers_kreeg_wordt_niet_bekendgemaakt(status: str) -> None:
    a = aanvraag(nummer=6)
    if status == "geweigerd":
        a.weiger("a", "niet haalbaar", RUIM, ONTVANGEN, REGIE, mandaat=NOORD)
        a.collect_events()
    fout = weigert(a, OngeldigeToestand, lambda: a.maak_bekend(date(2026, 3, 5), REGIE))
    assert str(fout) == (f"aanvraag 6 heeft geen vouchers gekregen (status {status}): er is niets bekend te maken")
    assert fout.artikel == "art. 7 lid 2"


def test_een_wijziging_melden_legt_omschrijving_datum_en_gebruiker_vast_en_telt_mee() -> None:
    a = aanvraag()
    ken_toe(a)
    a.collect_events()
    a.meld_wijziging("  ander plein ", date(2026, 4, 1), REGIE)
    g = enige(a)
    assert type(g).__name__ == "WijzigingGemeld"
    assert (g.omschrijving, g.datum, g.gebruiker) == ("ander plein", date(2026, 4, 1), REGIE)
    a.meld_wijziging("andere datum", ONTVANGEN, REGIE)
    assert a.wijzigingen == 2


def test_een_wijziging_zonder_omschrijving_wordt_geweigerd() -> None:
    a = aanvraag()
    fout = weigert(a, OngeldigeInvoer, lambda: a.meld_wijziging("  ", date(2026, 4, 1), REGIE))
    assert str(fout) == "beschrijf de gewijzigde omstandigheden met --omschrijving"


# --- de persoonsgegevens vernietigen (AVG art. 17, Archiefwet) ---------------------------------------------------


def test_vernietigen_legt_het_einde_van_de_bewaartermijn_datum_en_gebruiker_vast_en_een_tweede_keer_niets() -> None:
    a = aanvraag(nummer=9, p=persoon(telefoon=None))
    termijn = Bewaartermijn("niet afgehandeld", ONTVANGEN, date(2027, 2, 2))
    assert a.vergeet(termijn, date(2027, 2, 2), "wethouder") is True
    g = enige(a)
    assert type(g).__name__ == "PersoonsgegevensVernietigd"
    assert (g.bewaren_tot, g.datum, g.gebruiker) == (date(2027, 2, 2), date(2027, 2, 2), "wethouder")
    assert a.vernietigd == date(2027, 2, 2)
    assert a.vergeet(termijn, date(2027, 3, 1), "wethouder") is False
    assert a.collect_events() == []


def test_na_vernietiging_worden_geen_persoonsgegevens_meer_aangevuld_wel_de_andere_gegevens() -> None:
    a = aanvraag(nummer=9, p=persoon(telefoon=None))
    a.vergeet(Bewaartermijn("niet afgehandeld", ONTVANGEN, date(2027, 2, 2)), date(2027, 2, 2), "wethouder")
    a.collect_events()
    fout = weigert(a, OngeldigeToestand, lambda: a.vul_aan({"telefoon": "06-1"}, {}, date(2027, 2, 3), REGIE))
    assert str(fout) == (
        "de persoonsgegevens van aanvraag 9 zijn vernietigd op 2 februari 2027: ze kunnen niet meer worden aangevuld"
    )
    assert fout.artikel == "AVG art. 17"
    assert a.vul_aan({"telefoon": None}, {"planning": "augustus"}, date(2027, 2, 3), REGIE) is False
    assert enige(a).gegevens == {"planning": "augustus"}


def test_een_beslist_aanvraag_wordt_niet_nog_eens_beslist_en_de_melding_noemt_de_handeling() -> None:
    a = aanvraag(nummer=11)
    a.weiger("a", "niet haalbaar", RUIM, ONTVANGEN, REGIE, mandaat=NOORD)
    a.collect_events()
    fout = weigert(
        a, OngeldigeToestand, lambda: a.weiger("b", "in strijd met de wet", RUIM, ONTVANGEN, REGIE, mandaat=NOORD)
    )
    assert str(fout) == "aanvraag 11 heeft status geweigerd: weigeren kan niet"
    fout = weigert(a, OngeldigeToestand, lambda: ken_toe(a))
    assert str(fout) == "aanvraag 11 heeft status geweigerd: toekennen kan niet"
    fout = weigert(
        a, OngeldigeToestand, lambda: a.besluit_raadpleging("voor", None, None, ONTVANGEN, REGIE, mandaat=NOORD)
    )
    assert str(fout) == "aanvraag 11 heeft status geweigerd: een raadplegingsbesluit vastleggen kan niet"
