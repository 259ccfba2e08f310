"""Wat een regel zegt als hij weigert: de melding noemt de bedragen of datums en het artikel.

De gebruiker krijgt de melding te zien (CLI.md: `fout:` met de cijfers die hij nodig heeft) en
de gegevens gaan mee in de JSON-uitvoer. Per regel van ledger/regels.py: op de grens mag het,
één cent of één dag erover niet, en dan precies deze melding, dit artikel en deze gegevens.
"""

from __future__ import annotations

from datetime import date

import pytest

from ledger import regels
from ledger.fouten import (
    BudgetOverschreden,
    ContantBovenMaximum,
    OngeldigeInvoer,
    PlafondOverschreden,
    RaadplegingVereist,
    RegelOvertreden,
    RestantOntoereikend,
    TermijnVerstreken,
    VolgordeNietGevolgd,
    VoucherFout,
    VoucherwaardeTeHoog,
)
from ledger.geld import Bedrag


def e(tekst: str) -> Bedrag:
    return Bedrag.parse(tekst)


def precies(
    fout: VoucherFout, klasse: type[VoucherFout], melding: str, artikel: str | None, **gegevens: object
) -> None:
    assert type(fout) is klasse
    assert str(fout) == melding
    assert fout.melding == melding
    assert fout.artikel == artikel
    assert fout.gegevens == gegevens


# --- art. 2 lid 3: ten hoogste 10% van het budget voor uitvoeringskosten ------------------------------


def test_uitvoeringskosten_van_precies_het_percentage_van_het_budget_mogen() -> None:
    regels.art_2_lid_3_uitvoeringskosten(e("1.000"), e("100"), 10)
    regels.art_2_lid_3_uitvoeringskosten(e("1.000"), e("150"), 15)
    regels.art_2_lid_3_uitvoeringskosten(e("1.000"), Bedrag.nul(), 0)


def test_uitvoeringskosten_1_cent_boven_het_percentage_noemen_budget_percentage_en_grens() -> None:
    with pytest.raises(BudgetOverschreden) as info:
        regels.art_2_lid_3_uitvoeringskosten(e("1.000"), e("100,01"), 10)
    precies(
        info.value,
        BudgetOverschreden,
        "uitvoeringskosten € 100,01 zijn meer dan 10% van het budget € 1.000,00 (ten hoogste € 100,00)",
        "art. 2 lid 3",
        uitvoeringskosten=e("100,01"),
        grens=e("100"),
    )


def test_de_grens_van_de_uitvoeringskosten_wordt_naar_beneden_afgerond_op_hele_centen() -> None:
    # 15% van € 10,01 is 150,15 cent: de grens is € 1,50, en € 1,51 is te veel.
    regels.art_2_lid_3_uitvoeringskosten(e("10,01"), e("1,50"), 15)
    with pytest.raises(BudgetOverschreden) as info:
        regels.art_2_lid_3_uitvoeringskosten(e("10,01"), e("1,51"), 15)
    assert info.value.gegevens["grens"] == e("1,50")
    assert "ten hoogste € 1,50" in str(info.value)


# --- art. 2 lid 5: plafond plus uitvoeringskosten binnen het budget ------------------------------------


def test_een_plafond_van_1_cent_mag_en_een_van_nul_of_minder_niet() -> None:
    regels.art_2_lid_5_plafond_binnen_budget(e("1.000"), Bedrag.nul(), e("0,01"))
    for centen in (0, -1):
        with pytest.raises(OngeldigeInvoer) as info:
            regels.art_2_lid_5_plafond_binnen_budget(e("1.000"), Bedrag.nul(), Bedrag.van_centen(centen))
        precies(info.value, OngeldigeInvoer, "het subsidieplafond moet groter zijn dan nul", None)


def test_plafond_plus_uitvoeringskosten_gelijk_aan_het_budget_mag_en_1_cent_meer_noemt_de_ruimte() -> None:
    regels.art_2_lid_5_plafond_binnen_budget(e("1.000"), e("100"), e("900"))
    with pytest.raises(BudgetOverschreden) as info:
        regels.art_2_lid_5_plafond_binnen_budget(e("1.000"), e("100"), e("900,01"))
    precies(
        info.value,
        BudgetOverschreden,
        "subsidieplafond € 900,01 plus uitvoeringskosten € 100,00 is meer dan het budget € 1.000,00; "
        "het plafond is ten hoogste € 900,00",
        "art. 2 lid 5",
        plafond=e("900,01"),
        ruimte=e("900"),
    )


# --- Awb 4:27: het plafond gaat niet onder wat al is verstrekt -------------------------------------------


def test_het_plafond_verlagen_tot_precies_wat_is_verstrekt_mag() -> None:
    regels.awb_4_27_plafond_niet_onder_verstrekt(e("500"), e("500"))


def test_het_plafond_1_cent_onder_wat_is_verstrekt_noemt_het_verstrekte_bedrag() -> None:
    with pytest.raises(PlafondOverschreden) as info:
        regels.awb_4_27_plafond_niet_onder_verstrekt(e("499,99"), e("500"))
    precies(
        info.value,
        PlafondOverschreden,
        "het subsidieplafond kan niet lager worden dan wat al is verstrekt (€ 500,00)",
        "Awb 4:27, art. 2 lid 5",
        plafond=e("499,99"),
        vastgelegd=e("500"),
    )


# --- art. 6 onder e: niet meer toekennen dan beschikbaar ----------------------------------------------


def test_toekennen_van_precies_het_beschikbare_mag_en_1_cent_meer_noemt_het_beschikbare() -> None:
    regels.art_6_e_subsidieplafond(e("250"), e("250"))
    with pytest.raises(PlafondOverschreden) as info:
        regels.art_6_e_subsidieplafond(e("250,01"), e("250"))
    precies(
        info.value,
        PlafondOverschreden,
        "toekenning van € 250,01 overschrijdt het subsidieplafond: nog beschikbaar € 250,00 "
        "(weigeringsgrond e; ken ten hoogste het beschikbare bedrag toe)",
        "art. 6 onder e",
        bedrag=e("250,01"),
        beschikbaar=e("250"),
    )


# --- art. 1 onder a: de voucherwaarde en het aantal vouchers --------------------------------------------


def test_vouchers_van_precies_de_maximale_waarde_mogen_en_de_eerste_te_hoge_wordt_genoemd() -> None:
    regels.art_1_a_voucherwaarde([e("5.000"), e("5.000")], e("5.000"))
    with pytest.raises(VoucherwaardeTeHoog) as info:
        regels.art_1_a_voucherwaarde([e("5.000"), e("5.000,01"), e("6.000")], e("5.000"))
    precies(
        info.value,
        VoucherwaardeTeHoog,
        "een voucher van € 5.000,01 is meer dan de maximale voucherwaarde € 5.000,00; verdeel over meer vouchers",
        "art. 1 onder a",
        voucherwaarde=e("5.000,01"),
        maximum=e("5.000"),
    )


def test_precies_99_vouchers_per_aanvraag_mogen_en_100_niet() -> None:
    assert regels.MAX_VOUCHERS_PER_AANVRAAG == 99  # de vouchercode heeft twee cijfers voor het volgnummer
    regels.art_1_a_voucherwaarde([e("1")] * 99, e("5.000"))
    with pytest.raises(RegelOvertreden) as info:
        regels.art_1_a_voucherwaarde([e("1")] * 100, e("5.000"))
    precies(info.value, RegelOvertreden, "ten hoogste 99 vouchers per aanvraag", "art. 1 onder a")


@pytest.mark.parametrize(
    ("centen", "nodig"),
    [(1, 1), (5_000_00, 1), (5_000_01, 2), (10_000_00, 2), (10_000_01, 3)],
    ids=["1-cent", "precies-het-maximum", "1-cent-erboven", "tweemaal", "tweemaal-en-1-cent"],
)
def test_er_zijn_zoveel_vouchers_nodig_als_het_maximum_per_voucher_vraagt(centen: int, nodig: int) -> None:
    assert regels.aantal_vouchers_nodig(Bedrag.van_centen(centen), e("5.000")) == nodig


# --- art. 5 lid 3-6: boven de drempel eerst een raadpleging ------------------------------------------------


def test_op_de_drempel_geen_raadpleging_nodig_erboven_wel_tenzij_ze_voor_was() -> None:
    regels.art_5_lid_3_raadpleging(e("10.000"), e("10.000"), False)
    regels.art_5_lid_3_raadpleging(e("10.000,01"), e("10.000"), True)
    with pytest.raises(RaadplegingVereist) as info:
        regels.art_5_lid_3_raadpleging(e("10.000,01"), e("10.000"), False)
    precies(
        info.value,
        RaadplegingVereist,
        "een initiatief van € 10.000,01 is boven € 10.000,00: eerst 'voucher aanvraag geschikt' en een "
        "wijkraadpleging met uitkomst voor",
        "art. 5 lid 3-6",
        bedrag=e("10.000,01"),
        drempel=e("10.000"),
    )


# --- art. 4 lid 4: in de volgorde van binnenkomst ----------------------------------------------------------


def test_zonder_eerdere_aanvragen_is_een_aanvraag_aan_de_beurt() -> None:
    regels.art_4_lid_4_volgorde(7, [], None)


def test_buiten_de_volgorde_vraagt_een_reden_die_niet_leeg_is() -> None:
    regels.art_4_lid_4_volgorde(7, [3], "spoed: wijkfeest")
    for leeg in (None, "", "   "):
        with pytest.raises(VolgordeNietGevolgd):
            regels.art_4_lid_4_volgorde(7, [3], leeg)


def test_wie_niet_aan_de_beurt_is_hoort_de_eerste_vijf_eerdere_aanvragen() -> None:
    with pytest.raises(VolgordeNietGevolgd) as info:
        regels.art_4_lid_4_volgorde(9, [1, 2, 3, 4, 5, 6], None)
    precies(
        info.value,
        VolgordeNietGevolgd,
        "aanvraag 9 is niet aan de beurt: eerder ontvangen en nog niet beslist: 1, 2, 3, 4, 5; "
        "beslis die eerst of geef --buiten-volgorde REDEN",
        "art. 4 lid 4",
        nummer=9,
        eerder=[1, 2, 3, 4, 5, 6],
    )


# --- art. 5 lid 8: verstrekken en uitvoeren tot en met de uiterste datum -------------------------------------


def test_verstrekken_op_de_laatste_dag_mag_en_de_dag_erna_noemt_beide_datums() -> None:
    regels.art_5_lid_8_verstrekken(date(2026, 6, 30), date(2026, 6, 30))
    with pytest.raises(TermijnVerstreken) as info:
        regels.art_5_lid_8_verstrekken(date(2026, 7, 1), date(2026, 6, 30))
    precies(
        info.value,
        TermijnVerstreken,
        "vouchers kunnen tot en met 30 juni 2026 worden verstrekt, niet op 1 juli 2026",
        "art. 5 lid 8",
        datum=date(2026, 7, 1),
        uiterste=date(2026, 6, 30),
    )


def test_uitvoeren_op_de_laatste_dag_mag_en_de_dag_erna_noemt_de_uiterste_datum() -> None:
    regels.art_5_lid_8_uitvoeren(date(2026, 12, 31), date(2026, 12, 31))
    with pytest.raises(TermijnVerstreken) as info:
        regels.art_5_lid_8_uitvoeren(date(2027, 1, 1), date(2026, 12, 31))
    precies(
        info.value,
        TermijnVerstreken,
        "het initiatief moest uiterlijk 31 december 2026 zijn uitgevoerd; na die datum wordt niets meer betaald",
        "art. 5 lid 8",
        datum=date(2027, 1, 1),
        uiterste=date(2026, 12, 31),
    )


# --- art. 9: contant en het restant ------------------------------------------------------------------------


def test_contant_van_precies_het_maximum_mag_en_1_cent_meer_noemt_beide_bedragen() -> None:
    regels.art_9_lid_3_b_contant(e("500"), e("500"))
    with pytest.raises(ContantBovenMaximum) as info:
        regels.art_9_lid_3_b_contant(e("500,01"), e("500"))
    precies(
        info.value,
        ContantBovenMaximum,
        "contant ten hoogste € 500,00 per keer, niet € 500,01",
        "art. 9 lid 3 onder b",
        bedrag=e("500,01"),
        maximum=e("500"),
    )


def test_betalen_van_precies_het_restant_mag_en_1_cent_meer_noemt_restant_en_voucher() -> None:
    regels.art_9_restant(e("80"), e("80"), "V000001-01-7")
    with pytest.raises(RestantOntoereikend) as info:
        regels.art_9_restant(e("80,01"), e("80"), "V000001-01-7")
    precies(
        info.value,
        RestantOntoereikend,
        "betaling van € 80,01 is meer dan het restant € 80,00 van voucher V000001-01-7",
        "art. 9 lid 1",
        bedrag=e("80,01"),
        restant=e("80"),
        voucher="V000001-01-7",
    )
