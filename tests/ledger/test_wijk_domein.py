"""De wijk zelf: reserve, plafond, de volgorde van binnenkomst en het afsluiten van de periode.

Rechtstreeks op het aggregaat (ledger/wijk.py), zonder opslag: elke handeling legt precies de
gebeurtenis vast die de geschiedenis moet dragen (wat, wanneer, door wie, namens wie, onder welk
mandaat), en elke weigering noemt de cijfers en het artikel. Wat de opdrachtregel nooit zo
aanbiedt (reserveren na het plafond) staat hier toch vast, omdat de regel in het domein woont.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ledger.fouten import (
    BudgetOverschreden,
    OngeldigeInvoer,
    OngeldigeToestand,
    PlafondOverschreden,
    TermijnVerstreken,
)
from ledger.geld import Bedrag
from ledger.namens import mandaat
from ledger.wijk import Wijk


def e(tekst: str) -> Bedrag:
    return Bedrag.parse(tekst)


def wijk(budget: str = "10.000", plafond: str | None = "9.000") -> Wijk:
    w = Wijk(
        code="NOORD",
        naam="Noord",
        periode=2026,
        budget=e(budget),
        verstrekken_tot=date(2026, 6, 30),
        uitvoeren_tot=date(2026, 12, 31),
        datum=date(2026, 1, 2),
        gebruiker="wethouder",
    )
    if plafond:
        w.stel_plafond_vast(e(plafond), date(2026, 1, 2), "wethouder")
    w.collect_events()
    return w


def enige(w: Wijk) -> Any:
    """De ene gebeurtenis die de laatste handeling vastlegde."""
    (gebeurtenis,) = w.collect_events()
    return gebeurtenis


def test_het_aanwijzen_legt_wijk_budget_termijnen_datum_en_gebruiker_vast() -> None:
    w = Wijk(
        code="NOORD",
        naam="Noord",
        periode=2026,
        budget=e("10.000"),
        verstrekken_tot=date(2026, 6, 30),
        uitvoeren_tot=date(2026, 12, 31),
        datum=date(2026, 1, 2),
        gebruiker="wethouder",
    )
    (g,) = w.collect_events()
    assert type(g).__name__ == "Aangewezen"
    assert (g.code, g.naam, g.periode, g.budget) == ("NOORD", "Noord", 2026, e("10.000"))
    assert (g.verstrekken_tot, g.uitvoeren_tot, g.datum, g.gebruiker) == (
        date(2026, 6, 30),
        date(2026, 12, 31),
        date(2026, 1, 2),
        "wethouder",
    )
    assert (w.plafond, w.beschikbaar, w.uitvoeringskosten, w.vervallen) == (Bedrag.nul(),) * 4
    assert w.wachtrij == {} and w.gesloten is False
    assert w.omschrijving() == "wijk NOORD (Noord), 2026, aangewezen op 2 januari 2026"


# --- art. 2 lid 3 en 5: de reserve voor uitvoeringskosten, ook na het plafond --------------------------


def test_reserveren_legt_bedrag_datum_en_gebruiker_vast() -> None:
    w = wijk(plafond=None)
    w.reserveer_uitvoeringskosten(e("1.000"), 10, date(2026, 1, 3), "wethouder")
    g = enige(w)
    assert type(g).__name__ == "UitvoeringskostenGereserveerd"
    assert (g.bedrag, g.datum, g.gebruiker) == (e("1.000"), date(2026, 1, 3), "wethouder")
    assert w.uitvoeringskosten == e("1.000")


def test_reserveren_na_het_plafond_tot_precies_het_budget_mag() -> None:
    w = wijk(plafond="9.000")
    w.reserveer_uitvoeringskosten(e("1.000"), 10, date(2026, 1, 3), "wethouder")
    assert w.uitvoeringskosten == e("1.000")


def test_reserveren_na_het_plafond_dat_samen_boven_het_budget_komt_wordt_geweigerd_met_art_2_lid_5() -> None:
    w = wijk(plafond="9.500")
    with pytest.raises(BudgetOverschreden) as info:
        w.reserveer_uitvoeringskosten(e("500,01"), 10, date(2026, 1, 3), "wethouder")
    assert info.value.artikel == "art. 2 lid 5"
    assert info.value.gegevens == {"plafond": e("9.500"), "ruimte": e("9.499,99")}
    assert w.collect_events() == []
    assert w.uitvoeringskosten == Bedrag.nul()


def test_reserveren_boven_het_percentage_wordt_geweigerd_met_art_2_lid_3() -> None:
    w = wijk(plafond=None)
    with pytest.raises(BudgetOverschreden) as info:
        w.reserveer_uitvoeringskosten(e("1.000,01"), 10, date(2026, 1, 3), "wethouder")
    assert info.value.artikel == "art. 2 lid 3"
    assert w.collect_events() == []


# --- het plafond en Awb 4:27 -----------------------------------------------------------------------------


def test_het_plafond_vaststellen_legt_plafond_datum_en_gebruiker_vast_en_zet_het_beschikbare() -> None:
    w = wijk(plafond=None)
    w.stel_plafond_vast(e("8.000"), date(2026, 1, 5), "wethouder")
    g = enige(w)
    assert type(g).__name__ == "SubsidieplafondVastgesteld"
    assert (g.plafond, g.datum, g.gebruiker) == (e("8.000"), date(2026, 1, 5), "wethouder")
    assert (w.plafond, w.beschikbaar) == (e("8.000"), e("8.000"))


def test_het_plafond_verlagen_tot_precies_het_verstrekte_mag_en_laat_niets_beschikbaar() -> None:
    w = wijk(plafond="9.000")
    w.leg_vast(1, e("3.000"), date(2026, 3, 1), "regie.noord")
    w.stel_plafond_vast(e("3.000"), date(2026, 3, 2), "wethouder")
    assert (w.plafond, w.vastgelegd, w.beschikbaar) == (e("3.000"), e("3.000"), Bedrag.nul())


def test_het_plafond_1_cent_onder_het_verstrekte_wordt_geweigerd() -> None:
    w = wijk(plafond="9.000")
    w.leg_vast(1, e("3.000"), date(2026, 3, 1), "regie.noord")
    w.collect_events()
    with pytest.raises(PlafondOverschreden) as info:
        w.stel_plafond_vast(e("2.999,99"), date(2026, 3, 2), "wethouder")
    assert info.value.gegevens == {"plafond": e("2.999,99"), "vastgelegd": e("3.000")}
    assert w.collect_events() == [] and w.plafond == e("9.000")


# --- toekennen tegen het plafond (art. 5 lid 8, art. 6 onder e) -------------------------------------------


def test_vastleggen_legt_aanvraag_bedrag_datum_en_gebruiker_vast_en_haalt_uit_de_wachtrij() -> None:
    w = wijk(plafond="9.000")
    w.neem_in_behandeling(4, date(2026, 2, 1), date(2026, 2, 1), "regie.noord")
    w.collect_events()
    w.leg_vast(4, e("2.500"), date(2026, 3, 1), "regie.noord")
    g = enige(w)
    assert type(g).__name__ == "VouchersVastgelegd"
    assert (g.nummer, g.bedrag, g.datum, g.gebruiker) == (4, e("2.500"), date(2026, 3, 1), "regie.noord")
    assert (w.toegekend, w.vastgelegd, w.beschikbaar) == (e("2.500"), e("2.500"), e("6.500"))
    assert w.wachtrij == {}


def test_vastleggen_op_de_laatste_verstrekdag_mag_en_de_dag_erna_niet() -> None:
    w = wijk(plafond="9.000")
    w.leg_vast(1, e("100"), date(2026, 6, 30), "regie.noord")
    with pytest.raises(TermijnVerstreken):
        w.leg_vast(2, e("100"), date(2026, 7, 1), "regie.noord")
    assert w.toegekend == e("100")


def test_vastleggen_van_precies_het_beschikbare_mag_en_daarna_geen_cent_meer() -> None:
    w = wijk(plafond="9.000")
    w.leg_vast(1, e("9.000"), date(2026, 3, 1), "regie.noord")
    with pytest.raises(PlafondOverschreden) as info:
        w.leg_vast(2, e("0,01"), date(2026, 3, 1), "regie.noord")
    assert info.value.gegevens == {"bedrag": e("0,01"), "beschikbaar": Bedrag.nul()}


# --- art. 4 lid 4: de wachtrij ---------------------------------------------------------------------------


def test_in_behandeling_nemen_legt_nummer_datum_van_volledigheid_datum_en_gebruiker_vast() -> None:
    w = wijk()
    w.neem_in_behandeling(3, date(2026, 2, 5), date(2026, 2, 7), "regie.noord")
    g = enige(w)
    assert type(g).__name__ == "AanvraagInBehandeling"
    assert (g.nummer, g.volledig_sinds, g.datum, g.gebruiker) == (3, date(2026, 2, 5), date(2026, 2, 7), "regie.noord")
    assert w.wachtrij == {"3": date(2026, 2, 5)}


def test_op_dezelfde_dag_volledig_gaat_het_lagere_nummer_voor() -> None:
    w = wijk()
    for nummer, sinds in ((5, date(2026, 2, 3)), (2, date(2026, 2, 3)), (9, date(2026, 2, 1)), (7, date(2026, 2, 4))):
        w.neem_in_behandeling(nummer, sinds, sinds, "regie.noord")
    assert w.eerder_aan_de_beurt(9) == []
    assert w.eerder_aan_de_beurt(2) == [9]
    assert w.eerder_aan_de_beurt(5) == [2, 9]
    assert w.eerder_aan_de_beurt(7) == [2, 5, 9]
    assert w.eerder_aan_de_beurt(8) == []  # niet in de wachtrij: op niemand te wachten


def test_uit_de_wachtrij_halen_legt_de_reden_vast_en_alleen_als_de_aanvraag_erin_staat() -> None:
    w = wijk()
    w.neem_in_behandeling(3, date(2026, 2, 5), date(2026, 2, 5), "regie.noord")
    w.neem_in_behandeling(4, date(2026, 2, 6), date(2026, 2, 6), "regie.noord")
    w.collect_events()
    w.haal_uit_wachtrij(3, "geweigerd", date(2026, 2, 9), "regie.noord")
    g = enige(w)
    assert type(g).__name__ == "AanvraagUitWachtrij"
    assert (g.nummer, g.reden, g.datum, g.gebruiker) == (3, "geweigerd", date(2026, 2, 9), "regie.noord")
    assert w.wachtrij == {"4": date(2026, 2, 6)}
    w.haal_uit_wachtrij(3, "geweigerd", date(2026, 2, 9), "regie.noord")
    assert w.collect_events() == []


# --- art. 5 lid 8, handeling 12: de periode afsluiten -------------------------------------------------------


def test_afsluiten_op_de_uitvoeringsdatum_zelf_wordt_geweigerd_met_de_datum_en_het_artikel() -> None:
    w = wijk()
    with pytest.raises(OngeldigeToestand) as info:
        w.eis_afsluitbaar(date(2026, 12, 31))
    assert str(info.value) == (
        "de periode 2026 van wijk NOORD kan pas na 31 december 2026 worden afgesloten: tot en met die dag wordt "
        "nog uitgevoerd en betaald"
    )
    assert info.value.artikel == "art. 5 lid 8"
    assert info.value.gegevens == {"uitvoeren_tot": date(2026, 12, 31), "datum": date(2026, 12, 31)}
    with pytest.raises(OngeldigeToestand):
        w.sluit_af(Bedrag.nul(), 0, date(2026, 12, 31), "wethouder", mandaat=mandaat("college", None))
    assert w.collect_events() == [] and not w.gesloten


def test_afsluiten_de_dag_na_de_uitvoeringsdatum_legt_het_vervallen_bedrag_vast_namens_het_college() -> None:
    w = wijk(plafond="9.000")
    w.leg_vast(1, e("3.000"), date(2026, 3, 1), "regie.noord")
    w.collect_events()
    w.eis_afsluitbaar(date(2027, 1, 1))
    w.sluit_af(e("1.200"), 2, date(2027, 1, 1), "wethouder", mandaat=mandaat("college", None))
    g = enige(w)
    assert type(g).__name__ == "PeriodeAfgesloten"
    assert (g.vervallen, g.vouchers, g.datum, g.gebruiker) == (e("1.200"), 2, date(2027, 1, 1), "wethouder")
    assert (g.namens, g.mandaat) == ("college", {"rol": "college", "wijk": None})
    assert type(g).class_version == 2
    # Wat verviel telt niet meer tegen het plafond.
    assert (w.gesloten, w.vervallen, w.vastgelegd, w.beschikbaar) == (True, e("1.200"), e("1.800"), e("7.200"))


def test_een_afgesloten_periode_sluit_niet_nog_eens_en_neemt_niets_meer_aan() -> None:
    w = wijk(plafond="9.000")
    w.sluit_af(Bedrag.nul(), 0, date(2027, 1, 1), "wethouder", mandaat=mandaat("college", None))
    w.collect_events()
    melding = "de periode 2026 van wijk NOORD is afgesloten"
    handelingen = [
        lambda: w.eis_afsluitbaar(date(2027, 1, 2)),
        lambda: w.sluit_af(Bedrag.nul(), 0, date(2027, 1, 2), "wethouder", mandaat=mandaat("college", None)),
        lambda: w.leg_vast(1, e("1"), date(2026, 3, 1), "regie.noord"),
        lambda: w.stel_plafond_vast(e("8.000"), date(2027, 1, 2), "wethouder"),
        lambda: w.reserveer_uitvoeringskosten(e("1"), 10, date(2027, 1, 2), "wethouder"),
        lambda: w.neem_in_behandeling(1, date(2027, 1, 2), date(2027, 1, 2), "regie.noord"),
    ]
    for handeling in handelingen:
        with pytest.raises(OngeldigeToestand) as info:
            handeling()
        assert str(info.value) == melding
        assert info.value.artikel == "art. 5 lid 8"
    assert w.collect_events() == []


def test_het_afsluiten_vermeldt_het_mandaat_voor_deze_wijk_en_geen_ander() -> None:
    w = wijk()
    with pytest.raises(OngeldigeInvoer):
        w.sluit_af(Bedrag.nul(), 0, date(2027, 1, 1), "regie.zuid", mandaat=mandaat("regiegroep", "ZUID"))
    assert w.collect_events() == []
    w.sluit_af(Bedrag.nul(), 0, date(2027, 1, 1), "regie.noord", mandaat=mandaat("regiegroep", "NOORD"))
    assert enige(w).mandaat == {"rol": "regiegroep", "wijk": "NOORD"}


def test_vrijgegeven_waarde_legt_aanvraag_bedrag_datum_en_gebruiker_vast_en_komt_terug_in_het_plafond() -> None:
    w = wijk(plafond="9.000")
    w.leg_vast(1, e("3.000"), date(2026, 3, 1), "regie.noord")
    w.collect_events()
    w.geef_vrij(1, e("700"), date(2026, 4, 1), "regie.noord")
    g = enige(w)
    assert type(g).__name__ == "WaardeVrijgegeven"
    assert (g.nummer, g.bedrag, g.datum, g.gebruiker) == (1, e("700"), date(2026, 4, 1), "regie.noord")
    assert (w.vrijgegeven, w.vervallen, w.vastgelegd, w.beschikbaar) == (e("700"), e("700"), e("2.300"), e("6.700"))
    w.sluit_af(Bedrag.nul(), 0, date(2027, 1, 1), "wethouder", mandaat=mandaat("college", None))
    w.collect_events()
    with pytest.raises(OngeldigeToestand):
        w.geef_vrij(1, e("1"), date(2027, 1, 2), "regie.noord")
    with pytest.raises(OngeldigeToestand):
        w.eis_open()
    assert w.collect_events() == []
