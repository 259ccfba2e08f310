"""De regels van de budgetjaren, de verlagingen en de betaaltermijn (ledger/regels.py), elk op de grens.

Op de grens mag het, één cent of één dag erover niet; dan precies deze melding (met de bedragen of
data die de gebruiker nodig heeft), dit artikel en deze gegevens.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_regels_meldingen import e, precies

from ledger import regels
from ledger.fouten import (
    BudgetOverschreden,
    DatumVoorAfhankelijkeHandeling,
    OngeldigeInvoer,
    PlafondOverschreden,
    TermijnVerstreken,
)
from ledger.geld import Bedrag

D = date


# --- samenhangende data ------------------------------------------------------------------------------------
def test_een_handeling_op_de_dag_waarvan_zij_afhangt_mag_een_dag_eerder_noemt_beide_data() -> None:
    regels.samenhangende_data(D(2026, 3, 2), D(2026, 3, 2), "de ontvangst van aanvraag 1")
    with pytest.raises(DatumVoorAfhankelijkeHandeling) as info:
        regels.samenhangende_data(D(2026, 3, 1), D(2026, 3, 2), "de ontvangst van aanvraag 1")
    precies(
        info.value,
        DatumVoorAfhankelijkeHandeling,
        "de handeling is gedateerd op 1 maart 2026, vóór de ontvangst van aanvraag 1 op 2 maart 2026: een "
        "handeling kan niet eerder zijn dan de handeling waarvan zij afhangt; geef --datum 2026-03-02 of later",
        "art. 4-9, Awb 4:1: samenhangende data",
        datum=D(2026, 3, 1),
        eerder=D(2026, 3, 2),
    )


def test_samenhangende_data_met_eigen_handeling_hulp_en_artikel() -> None:
    with pytest.raises(DatumVoorAfhankelijkeHandeling) as info:
        regels.samenhangende_data(
            D(2026, 3, 1), D(2026, 3, 2), "het besluit", handeling="de betaling", hulp="boek haar later", artikel="x"
        )
    precies(
        info.value,
        DatumVoorAfhankelijkeHandeling,
        "de betaling is gedateerd op 1 maart 2026, vóór het besluit op 2 maart 2026: een "
        "handeling kan niet eerder zijn dan de handeling waarvan zij afhangt; boek haar later",
        "x",
        datum=D(2026, 3, 1),
        eerder=D(2026, 3, 2),
    )


# --- art. 2 lid 2 en 3, Awb 4:27: het budget niet onder wat is vastgelegd -----------------------------------
def test_het_budget_precies_op_toegekend_plus_reserve_mag_en_een_cent_minder_noemt_de_ondergrens() -> None:
    regels.art_2_lid_2_budget_niet_onder_vastgelegd(e("1.100"), e("1.000"), e("100"))
    with pytest.raises(BudgetOverschreden) as info:
        regels.art_2_lid_2_budget_niet_onder_vastgelegd(e("1.099,99"), e("1.000"), e("100"))
    precies(
        info.value,
        BudgetOverschreden,
        "het budget kan niet lager worden dan wat is toegekend (€ 1.000,00) plus de gereserveerde "
        "uitvoeringskosten (€ 100,00): ten minste € 1.100,00, niet € 1.099,99",
        "art. 2 lid 2 en 3, Awb 4:27",
        budget=e("1.099,99"),
        ondergrens=e("1.100"),
    )


def test_een_budget_van_een_cent_mag_en_van_nul_niet() -> None:
    regels.art_2_lid_2_budget_niet_onder_vastgelegd(Bedrag(1), Bedrag.nul(), Bedrag.nul())
    with pytest.raises(OngeldigeInvoer) as info:
        regels.art_2_lid_2_budget_niet_onder_vastgelegd(Bedrag.nul(), Bedrag.nul(), Bedrag.nul())
    precies(info.value, OngeldigeInvoer, "het budget moet groter zijn dan nul", None)


# --- Awb 4:27 lid 2: de verlaging geldt niet voor eerder ontvangen aanvragen ---------------------------------
def test_het_plafond_bij_ontvangst_op_de_dag_van_de_verlaging_is_het_lagere() -> None:
    verlagingen = [(D(2026, 3, 1), e("8.000")), (D(2026, 4, 1), e("7.000"))]
    assert regels.awb_4_27_lid_2_plafond_bij_ontvangst(D(2026, 2, 28), e("6.000"), verlagingen) == e("8.000")
    assert regels.awb_4_27_lid_2_plafond_bij_ontvangst(D(2026, 3, 1), e("6.000"), verlagingen) == e("7.000")
    assert regels.awb_4_27_lid_2_plafond_bij_ontvangst(D(2026, 3, 31), e("6.000"), verlagingen) == e("7.000")
    assert regels.awb_4_27_lid_2_plafond_bij_ontvangst(D(2026, 4, 1), e("6.000"), verlagingen) == e("6.000")
    assert regels.awb_4_27_lid_2_plafond_bij_ontvangst(D(2026, 1, 1), e("9.000"), verlagingen) == e("9.000")
    assert regels.awb_4_27_lid_2_plafond_bij_ontvangst(D(2026, 1, 1), e("6.000"), []) == e("6.000")


def test_art_6_e_onder_het_plafond_van_voor_de_verlaging_noemt_dat_plafond_en_awb_4_27_lid_2() -> None:
    regels.art_6_e_subsidieplafond(e("250"), e("250"), e("8.000"))
    with pytest.raises(PlafondOverschreden) as info:
        regels.art_6_e_subsidieplafond(e("250,01"), e("250"), e("8.000"))
    precies(
        info.value,
        PlafondOverschreden,
        "toekenning van € 250,01 overschrijdt het subsidieplafond: nog beschikbaar € 250,00 onder het plafond van "
        "€ 8.000,00 van vóór de verlaging (Awb 4:27 lid 2) (weigeringsgrond e; ken ten hoogste het beschikbare "
        "bedrag toe)",
        "art. 6 onder e, Awb 4:27 lid 2",
        bedrag=e("250,01"),
        beschikbaar=e("250"),
    )


# --- art. 5 lid 8 en de betaaltermijn ------------------------------------------------------------------------
def test_na_de_uitvoeringsdatum_wijst_de_melding_bij_een_factuur_op_de_factuurdatum() -> None:
    regels.art_5_lid_8_uitvoeren(D(2026, 12, 31), D(2026, 12, 31), betaaltermijn=True)
    with pytest.raises(TermijnVerstreken) as info:
        regels.art_5_lid_8_uitvoeren(D(2027, 1, 1), D(2026, 12, 31), betaaltermijn=True)
    precies(
        info.value,
        TermijnVerstreken,
        "het initiatief moest uiterlijk 31 december 2026 zijn uitgevoerd; na die datum wordt niets meer betaald; "
        "een factuur van uiterlijk die datum wordt binnen de betaaltermijn nog betaald: geef --factuurdatum",
        "art. 5 lid 8",
        datum=D(2027, 1, 1),
        uiterste=D(2026, 12, 31),
    )


def test_een_factuur_van_de_uitvoeringsdatum_mag_en_van_de_dag_erna_niet() -> None:
    regels.art_5_lid_8_factuur(D(2026, 12, 31), D(2026, 12, 31), D(2027, 1, 30), D(2027, 1, 30))
    with pytest.raises(TermijnVerstreken) as info:
        regels.art_5_lid_8_factuur(D(2027, 1, 1), D(2026, 12, 31), D(2027, 1, 2), D(2027, 1, 30))
    precies(
        info.value,
        TermijnVerstreken,
        "de factuur is van 1 januari 2027, na 31 december 2026, de dag waarop het initiatief uitgevoerd moest zijn: "
        "wat later is gedaan, wordt niet uit de voucher betaald",
        "art. 5 lid 8",
        datum=D(2027, 1, 1),
        uiterste=D(2026, 12, 31),
    )


def test_betalen_op_de_laatste_dag_van_de_betaaltermijn_mag_en_de_dag_erna_niet() -> None:
    with pytest.raises(TermijnVerstreken) as info:
        regels.art_5_lid_8_factuur(D(2026, 12, 1), D(2026, 12, 31), D(2027, 1, 31), D(2027, 1, 30))
    precies(
        info.value,
        TermijnVerstreken,
        "een factuur van uiterlijk 31 december 2026 wordt betaald tot en met 30 januari 2027 (de betaaltermijn "
        "van de regeling), niet op 31 januari 2027",
        "art. 5 lid 8, betaaltermijn van de regeling",
        datum=D(2027, 1, 31),
        uiterste=D(2027, 1, 30),
    )
