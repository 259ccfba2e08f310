"""De wijk als het budget wijzigt en het plafond daalt (ledger/wijk.py; art. 2 lid 2-5, Awb 4:27 lid 2, 7:11).

Rechtstreeks op het aggregaat: BudgetGewijzigd en de plafondgebeurtenis die erop volgt veld voor veld,
wanneer het plafond meegaat en wanneer niet, het plafond van vóór een verlaging voor eerder ontvangen
aanvragen, en een nieuw besluit na bezwaar na de uitgiftedatum.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from test_wijk_domein import e, enige, wijk

from ledger.fouten import BudgetOverschreden, OngeldigeInvoer, OngeldigeToestand, PlafondOverschreden, TermijnVerstreken
from ledger.geld import Bedrag
from ledger.wijk import Wijk, _upcast_plafond_v1_v2, _upcast_vastgelegd_v1_v2

D = date
NUL = Bedrag.nul()


def _met_reserve(plafond: str = "9.000") -> Wijk:
    w = wijk(plafond=None)
    w.reserveer_uitvoeringskosten(e("1.000"), 10, D(2026, 1, 2), "wethouder")
    w.stel_plafond_vast(e(plafond), D(2026, 1, 2), "wethouder")
    w.collect_events()
    return w


# --- het budget wijzigt (art. 2 lid 2) -----------------------------------------------------------------------
def test_een_plafond_van_budget_min_reserve_volgt_het_budget_met_beide_gebeurtenissen():
    w = _met_reserve("9.000")
    assert w.wijzig_budget(e("12.000"), 10, D(2026, 3, 2), "wethouder") is True
    budget, plafond = w.collect_events()
    assert type(budget).__name__ == "BudgetGewijzigd"
    assert (budget.budget, budget.vorig, budget.datum, budget.gebruiker) == (
        e("12.000"),
        e("10.000"),
        D(2026, 3, 2),
        "wethouder",
    )
    assert type(plafond).__name__ == "SubsidieplafondVastgesteld"
    assert (plafond.plafond, plafond.vorig, plafond.datum, plafond.gebruiker) == (
        e("11.000"),
        e("9.000"),
        D(2026, 3, 2),
        "wethouder",
    )
    assert (w.budget, w.plafond, w.beschikbaar, w.verlagingen) == (e("12.000"), e("11.000"), e("11.000"), [])


def test_een_eigen_lager_plafond_blijft_staan():
    w = _met_reserve("8.000")
    assert w.wijzig_budget(e("12.000"), 10, D(2026, 3, 2), "wethouder") is False
    assert [type(g).__name__ for g in w.collect_events()] == ["BudgetGewijzigd"]
    assert (w.budget, w.plafond) == (e("12.000"), e("8.000"))


def test_een_plafond_dat_niet_meer_past_komt_omlaag_en_telt_als_verlaging():
    w = _met_reserve("8.000")
    assert w.wijzig_budget(e("8.500"), 20, D(2026, 3, 2), "wethouder") is True
    _, plafond = w.collect_events()
    assert (plafond.plafond, plafond.vorig) == (e("7.500"), e("8.000"))
    assert w.plafond == e("7.500") and w.verlagingen == [[D(2026, 3, 2), e("8.000")]]


def test_een_plafond_dat_precies_past_blijft_staan_ook_als_het_niet_meer_gekoppeld_is():
    w = _met_reserve("8.000")
    assert w.wijzig_budget(e("9.000"), 20, D(2026, 3, 2), "wethouder") is False
    assert [type(g).__name__ for g in w.collect_events()] == ["BudgetGewijzigd"]
    assert w.plafond == e("8.000")


def test_hetzelfde_budget_met_gekoppeld_plafond_schrijft_geen_plafond():
    w = _met_reserve("9.000")
    assert w.wijzig_budget(e("10.000"), 10, D(2026, 3, 2), "wethouder") is False
    assert [type(g).__name__ for g in w.collect_events()] == ["BudgetGewijzigd"]


def test_het_budget_wijzigt_op_de_dag_van_aanwijzing_en_niet_ervoor():
    w = _met_reserve()
    with pytest.raises(OngeldigeInvoer) as info:
        w.wijzig_budget(e("12.000"), 10, D(2026, 1, 1), "wethouder")
    assert info.value.melding == "de wijk is aangewezen op 2 januari 2026; het budget kan niet eerder wijzigen"
    assert w.collect_events() == []
    assert w.wijzig_budget(e("12.000"), 10, D(2026, 1, 2), "wethouder") is True


def test_het_budget_niet_onder_toegekend_plus_reserve_en_de_reserve_binnen_het_percentage():
    w = _met_reserve()
    w.leg_vast(1, e("3.000"), D(2026, 3, 1), "regie.noord")
    w.collect_events()
    with pytest.raises(BudgetOverschreden) as info:
        w.wijzig_budget(e("3.999,99"), 100, D(2026, 3, 2), "wethouder")
    assert info.value.gegevens == {"budget": e("3.999,99"), "ondergrens": e("4.000")}
    with pytest.raises(BudgetOverschreden) as info:
        w.wijzig_budget(e("9.999,99"), 10, D(2026, 3, 2), "wethouder")
    assert info.value.artikel == "art. 2 lid 3"
    assert w.collect_events() == [] and w.budget == e("10.000")
    assert w.wijzig_budget(e("4.000"), 25, D(2026, 3, 2), "wethouder") is True
    assert (w.plafond, w.beschikbaar) == (e("3.000"), NUL)


def test_in_een_afgesloten_periode_wijzigt_het_budget_niet():
    w = _met_reserve()
    w.sluit_af(NUL, 0, D(2027, 1, 1), "wethouder", mandaat={"rol": "college", "wijk": None})
    w.collect_events()
    with pytest.raises(OngeldigeToestand):
        w.wijzig_budget(e("12.000"), 10, D(2027, 1, 2), "wethouder")
    assert w.collect_events() == []


# --- het plafond en de verlagingen (Awb 4:27 lid 2) ---------------------------------------------------------
def test_het_eerste_plafond_heeft_geen_vorig_een_volgend_wel():
    w = wijk(plafond=None)
    w.stel_plafond_vast(e("8.000"), D(2026, 1, 5), "wethouder")
    assert enige(w).vorig is None
    w.stel_plafond_vast(e("9.000"), D(2026, 1, 6), "wethouder")
    assert enige(w).vorig == e("8.000")
    assert w.verlagingen == []  # a raise is no lowering
    w.stel_plafond_vast(e("9.000"), D(2026, 1, 7), "wethouder")
    assert w.verlagingen == []  # the same plafond is no lowering either
    w.stel_plafond_vast(e("6.000"), D(2026, 2, 10), "wethouder")
    assert w.verlagingen == [[D(2026, 2, 10), e("9.000")]]


def _verlaagd() -> Wijk:
    w = wijk(plafond="9.000")
    w.leg_vast(1, e("5.000"), D(2026, 2, 1), "regie.noord")
    w.stel_plafond_vast(e("6.000"), D(2026, 2, 10), "wethouder")
    w.collect_events()
    return w


def test_het_plafond_en_het_beschikbare_voor_een_aanvraag_van_voor_en_na_de_verlaging():
    w = _verlaagd()
    assert (w.plafond_voor(D(2026, 2, 9)), w.plafond_voor(D(2026, 2, 10))) == (e("9.000"), e("6.000"))
    assert (w.beschikbaar_voor(D(2026, 2, 9)), w.beschikbaar_voor(D(2026, 2, 10))) == (e("4.000"), e("1.000"))
    w.boek_terugbetaling(1, e("500"), D(2026, 2, 11), "kas")
    assert (w.beschikbaar_voor(D(2026, 2, 9)), w.beschikbaar_voor(D(2026, 2, 10))) == (e("4.500"), e("1.500"))


def test_zonder_verlaging_is_het_plafond_voor_elke_aanvraag_het_plafond():
    w = wijk(plafond="9.000")
    assert w.plafond_voor(D(2026, 1, 1)) == e("9.000") and w.beschikbaar_voor(D(2026, 1, 1)) == e("9.000")


def test_het_beschikbare_na_een_verlaging_is_nooit_onder_nul():
    w = _verlaagd()
    w.leg_vast(2, e("3.000"), D(2026, 2, 20), "regie.noord", D(2026, 2, 9))  # under the old plafond: 8.000 of 9.000
    assert w.beschikbaar_voor(D(2026, 2, 10)) == NUL
    assert w.beschikbaar_voor(D(2026, 2, 9)) == e("1.000")
    with pytest.raises(PlafondOverschreden) as info:
        w.leg_vast(3, e("0,01"), D(2026, 2, 20), "regie.noord", D(2026, 2, 10))
    assert info.value.gegevens == {"bedrag": e("0,01"), "beschikbaar": NUL}
    assert "nog beschikbaar € 0,00 (weigeringsgrond e" in info.value.melding


def test_vastleggen_onder_het_oude_plafond_noemt_dat_plafond_en_legt_het_vast():
    w = _verlaagd()
    with pytest.raises(PlafondOverschreden) as info:
        w.leg_vast(2, e("4.000,01"), D(2026, 2, 20), "regie.noord", D(2026, 2, 9))
    assert info.value.artikel == "art. 6 onder e, Awb 4:27 lid 2"
    assert "nog beschikbaar € 4.000,00 onder het plafond van € 9.000,00 van vóór de verlaging" in info.value.melding
    w.leg_vast(2, e("4.000"), D(2026, 2, 20), "regie.noord", D(2026, 2, 9))
    g = enige(w)
    assert (g.nummer, g.bedrag, g.datum, g.gebruiker, g.plafond) == (
        2,
        e("4.000"),
        D(2026, 2, 20),
        "regie.noord",
        e("9.000"),
    )


def test_vastleggen_zonder_ontvangstdatum_of_na_de_verlaging_gaat_tegen_het_huidige_plafond():
    w = _verlaagd()
    with pytest.raises(PlafondOverschreden) as info:
        w.leg_vast(2, e("1.000,01"), D(2026, 2, 20), "regie.noord")
    assert info.value.artikel == "art. 6 onder e"
    with pytest.raises(PlafondOverschreden) as info:
        w.leg_vast(2, e("1.000,01"), D(2026, 2, 20), "regie.noord", D(2026, 2, 10))
    assert info.value.artikel == "art. 6 onder e"
    w.leg_vast(2, e("1.000"), D(2026, 2, 20), "regie.noord", D(2026, 2, 10))
    assert enige(w).plafond == e("6.000")


# --- na bezwaar (Awb 7:11): ook na de uitgiftedatum ------------------------------------------------------------
def test_een_nieuw_besluit_na_bezwaar_mag_na_de_uitgiftedatum_een_gewoon_niet():
    w = wijk(plafond="9.000")
    with pytest.raises(TermijnVerstreken):
        w.leg_vast(1, e("100"), D(2026, 7, 1), "regie.noord")
    w.leg_vast(1, e("100"), D(2026, 7, 1), "regie.noord", na_bezwaar=3)
    assert enige(w).bedrag == e("100")


# --- oude opslagen ------------------------------------------------------------------------------------------------
def test_oude_gebeurtenissen_en_momentopnamen_krijgen_de_nieuwe_velden():
    plafond: dict[str, Any] = {"plafond": e("9.000")}
    _upcast_plafond_v1_v2(plafond)
    assert plafond == {"plafond": e("9.000"), "vorig": None}
    vastgelegd: dict[str, Any] = {"bedrag": e("100")}
    _upcast_vastgelegd_v1_v2(vastgelegd)
    assert vastgelegd == {"bedrag": e("100"), "plafond": None}
    toestand: dict[str, Any] = {}
    Wijk.upcast_v3_v4(toestand)
    assert toestand == {"verlagingen": []}
    assert Wijk.class_version == 4
    assert (Wijk.SubsidieplafondVastgesteld.class_version, Wijk.VouchersVastgelegd.class_version) == (2, 2)


def test_wat_is_terugbetaald_kan_opnieuw_worden_toegekend_tot_de_cent():
    w = wijk(plafond="9.000")
    w.leg_vast(1, e("9.000"), D(2026, 3, 1), "regie.noord")
    w.boek_terugbetaling(1, e("500"), D(2026, 3, 5), "kas")
    w.collect_events()
    for ontvangen in (None, D(2026, 2, 1)):
        with pytest.raises(PlafondOverschreden) as info:
            w.leg_vast(2, e("500,01"), D(2026, 3, 6), "regie.noord", ontvangen)
        assert info.value.gegevens == {"bedrag": e("500,01"), "beschikbaar": e("500")}
    w.leg_vast(2, e("500"), D(2026, 3, 6), "regie.noord", D(2026, 2, 1))
    assert (w.beschikbaar, w.beschikbaar_voor(D(2026, 2, 1))) == (NUL, NUL)
