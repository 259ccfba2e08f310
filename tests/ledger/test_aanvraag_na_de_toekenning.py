"""De aanvraag zelf, bij de handelingen van na de aanvraag en na de toekenning (Awb 4:5, 4:48).

Rechtstreeks op het aggregaat (ledger/aanvraag.py), zonder opslag: intrekken door de
initiatiefnemer, buiten behandeling stellen als de aanvultermijn ongebruikt verstreek (op de
laatste dag van de termijn nog niet, de dag erna wel), en de toekenning intrekken of lager
vaststellen. Elk besluit legt vast wat, wanneer, door wie, namens wie en onder welk mandaat.
"""

from __future__ import annotations

from datetime import date

from aanvraaghulp import NOORD, ONTVANGEN, REGIE, ZUID, aanvraag, e, enige, ken_toe, weigert

from ledger.aanvraag import Aanvraag
from ledger.fouten import (
    DatumVoorAfhankelijkeHandeling,
    OngeldigeInvoer,
    OngeldigeToestand,
    RegelOvertreden,
    TermijnLoopt,
)

TERMIJN = date(2026, 2, 20)


def met_open_aanvulling(nummer: int = 3) -> Aanvraag:
    a = aanvraag(nummer=nummer)
    a.vraag_aanvulling("een begroting", TERMIJN, date(2026, 2, 6), REGIE, mandaat=NOORD)
    a.collect_events()
    return a


# --- intrekken door de initiatiefnemer -----------------------------------------------------------------


def test_intrekken_legt_reden_datum_gebruiker_en_mandaat_vast() -> None:
    a = aanvraag()
    a.trek_in("  het feest gaat niet door ", ONTVANGEN, REGIE, mandaat=NOORD)
    g = enige(a)
    assert type(g).__name__ == "Ingetrokken"
    assert (g.reden, g.datum, g.gebruiker, g.namens, g.mandaat) == (
        "het feest gaat niet door",
        ONTVANGEN,
        REGIE,
        "college",
        NOORD,
    )
    assert a.status == "ingetrokken"
    assert a.intrekking == {"reden": "het feest gaat niet door", "datum": ONTVANGEN, "door": REGIE}


def test_intrekken_zonder_reden_of_na_het_besluit_wordt_geweigerd() -> None:
    a = aanvraag(nummer=5)
    fout = weigert(a, OngeldigeInvoer, lambda: a.trek_in("  ", ONTVANGEN, REGIE, mandaat=NOORD))
    assert str(fout) == "een intrekking noemt de reden (--reden)"
    weigert(a, OngeldigeInvoer, lambda: a.trek_in("weg", ONTVANGEN, REGIE, mandaat=ZUID))
    ken_toe(a)
    a.collect_events()
    fout = weigert(a, OngeldigeToestand, lambda: a.trek_in("weg", date(2026, 3, 2), REGIE, mandaat=NOORD))
    assert str(fout) == "aanvraag 5 heeft status toegekend: intrekken kan niet"


# --- buiten behandeling (Awb 4:5 lid 1) ----------------------------------------------------------------


def test_buiten_behandeling_de_dag_na_de_aanvultermijn_legt_motivering_termijn_en_mandaat_vast() -> None:
    a = met_open_aanvulling()
    a.stel_buiten_behandeling("  niet aangevuld ", date(2026, 2, 21), REGIE, mandaat=NOORD)
    g = enige(a)
    assert type(g).__name__ == "BuitenBehandelingGesteld"
    assert (g.motivering, g.termijn, g.wat, g.datum, g.gebruiker, g.namens, g.mandaat) == (
        "niet aangevuld",
        TERMIJN,
        "een begroting",
        date(2026, 2, 21),
        REGIE,
        "college",
        NOORD,
    )
    assert a.status == "buiten behandeling"
    assert a.besluit == {
        "uitkomst": "buiten behandeling",
        "grond": None,
        "motivering": "niet aangevuld",
        "termijn": TERMIJN,
        "datum": date(2026, 2, 21),
        "door": REGIE,
    }


def test_buiten_behandeling_op_de_laatste_dag_van_de_termijn_wordt_geweigerd_met_die_dag() -> None:
    a = met_open_aanvulling()
    fout = weigert(a, TermijnLoopt, lambda: a.stel_buiten_behandeling("niet aangevuld", TERMIJN, REGIE, mandaat=NOORD))
    assert str(fout) == (
        "de termijn voor aanvulling van aanvraag 3 loopt tot en met 20 februari 2026; pas daarna kan de aanvraag "
        "buiten behandeling worden gesteld"
    )
    assert fout.artikel == "Awb 4:5 lid 1"
    assert fout.gegevens == {"termijn": TERMIJN}


def test_buiten_behandeling_zonder_verzoek_om_aanvulling_of_zonder_motivering_wordt_geweigerd() -> None:
    a = aanvraag(nummer=4, p={"naam": "A", "adres": "B", "telefoon": None, "ondertekend": True})
    fout = weigert(a, RegelOvertreden, lambda: a.stel_buiten_behandeling("weg", date(2026, 3, 1), REGIE, mandaat=NOORD))
    assert str(fout) == (
        "aanvraag 4 kan pas buiten behandeling worden gesteld als om aanvulling is gevraagd en de termijn daarvoor "
        "ongebruikt is verstreken; vraag eerst om aanvulling"
    )
    assert fout.artikel == "Awb 4:5 lid 1, art. 4 lid 3"
    b = met_open_aanvulling()
    fout = weigert(b, OngeldigeInvoer, lambda: b.stel_buiten_behandeling(" ", date(2026, 3, 1), REGIE, mandaat=NOORD))
    assert str(fout) == "een besluit tot buiten behandeling stellen wordt gemotiveerd: geef --motivering"
    weigert(b, OngeldigeInvoer, lambda: b.stel_buiten_behandeling("weg", date(2026, 3, 1), REGIE, mandaat=ZUID))


def test_een_volledige_aanvraag_wordt_niet_buiten_behandeling_gesteld() -> None:
    a = aanvraag(nummer=6)
    fout = weigert(
        a, OngeldigeToestand, lambda: a.stel_buiten_behandeling("weg", date(2026, 3, 1), REGIE, mandaat=NOORD)
    )
    assert str(fout) == "aanvraag 6 heeft status ingediend: buiten behandeling stellen kan niet"


# --- de toekenning intrekken of lager vaststellen (Awb 4:48) ---------------------------------------------


def test_de_toekenning_intrekken_legt_grond_motivering_bedrag_vouchers_en_mandaat_vast() -> None:
    a = aanvraag()
    ken_toe(a)
    a.collect_events()
    vouchers = [{"voucher": "V000001-01-7", "bedrag": e("400")}]
    a.trek_toekenning_in("b", "  niet uitgevoerd ", e("400"), vouchers, date(2026, 3, 1), REGIE, mandaat=NOORD)
    g = enige(a)
    assert type(g).__name__ == "ToekenningIngetrokken"
    assert (g.grond, g.motivering, g.bedrag, g.vouchers, g.datum, g.gebruiker, g.namens, g.mandaat) == (
        "b",
        "niet uitgevoerd",
        e("400"),
        vouchers,
        date(2026, 3, 1),
        REGIE,
        "college",
        NOORD,
    )
    assert a.status == "toegekend"
    assert a.toekenning_ingetrokken == [
        {"grond": "b", "motivering": "niet uitgevoerd", "bedrag": e("400"), "datum": date(2026, 3, 1), "door": REGIE}
    ]


def test_de_toekenning_intrekken_zonder_grond_motivering_of_voor_de_toekenning_wordt_geweigerd() -> None:
    a = aanvraag(nummer=8)
    ken_toe(a)
    a.collect_events()
    fout = weigert(
        a, OngeldigeInvoer, lambda: a.trek_toekenning_in("e", "x", e("1"), [], date(2026, 3, 1), REGIE, mandaat=NOORD)
    )
    assert str(fout) == "een intrekking noemt een grond van art. 4:48 lid 1 Awb: --grond a, b, c of d"
    fout = weigert(
        a, OngeldigeInvoer, lambda: a.trek_toekenning_in("a", " ", e("1"), [], date(2026, 3, 1), REGIE, mandaat=NOORD)
    )
    assert str(fout) == "een intrekking wordt gemotiveerd: geef --motivering (Awb 3:46)"
    fout = weigert(
        a,
        DatumVoorAfhankelijkeHandeling,  # coherent dates: exit 1, both dates named
        lambda: a.trek_toekenning_in("a", "x", e("1"), [], date(2026, 2, 28), REGIE, mandaat=NOORD),
    )
    assert str(fout).startswith("de intrekking is gedateerd op 28 februari 2026, vóór de toekenning op 1 maart 2026")
    weigert(
        a, OngeldigeInvoer, lambda: a.trek_toekenning_in("a", "x", e("1"), [], date(2026, 3, 1), REGIE, mandaat=ZUID)
    )


def test_alleen_een_toekenning_kan_worden_ingetrokken() -> None:
    a = aanvraag(nummer=9)
    fout = weigert(
        a, OngeldigeToestand, lambda: a.trek_toekenning_in("a", "x", e("1"), [], date(2026, 3, 1), REGIE, mandaat=NOORD)
    )
    assert str(fout) == (
        "aanvraag 9 heeft status ingediend: alleen een toekenning die nog niet is vastgesteld kan worden ingetrokken"
    )
    assert fout.artikel == "Awb 4:48"
    assert fout.gegevens == {"nummer": 9, "status": "ingediend"}
