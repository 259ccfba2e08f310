"""De regeling: de lokale parameters van de verordening, gelezen, bewaard en getoetst (ledger/regeling.py).

Elke parameter heeft de waarde van het model als standaard; een gemeente kiest eigen waarden
binnen wat de verordening toestaat. Een fout in de regeling zegt welke parameter en welk
artikel, en een regeling gaat ongewijzigd heen en terug door de opgeslagen vorm.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag
from ledger.regeling import DagMaand, Regeling

MEEGELEVERD = Path(__file__).resolve().parents[2] / "ledger" / "regeling.toml"


def test_de_standaard_is_de_model_verordening_en_het_meegeleverde_bestand_zegt_hetzelfde() -> None:
    r = Regeling()
    assert (r.max_voucherwaarde, r.raadplegingsdrempel, r.contant_max) == (
        Bedrag(5_000_00),
        Bedrag(10_000_00),
        Bedrag(500_00),
    )
    assert (r.beslistermijn_weken, r.bezwaartermijn_weken, r.uitvoeringskosten_max_procent) == (4, 6, 10)
    assert (r.verstrekken_tot, r.uitvoeren_tot, r.inwerkingtreding) == (
        DagMaand(30, 6),
        DagMaand(31, 12),
        date(2008, 10, 1),
    )
    assert Regeling.uit_toml(MEEGELEVERD) == r


def test_de_opgeslagen_vorm_is_json_en_leest_terug_als_dezelfde_regeling() -> None:
    r = Regeling(contant_max=Bedrag(250_00), verstrekken_tot=DagMaand(29, 2), inwerkingtreding=date(2020, 1, 1))
    opgeslagen = r.naar_dict()
    assert opgeslagen == {
        "naam": "Subsidieverordening vouchers bewonersinitiatieven",
        "inwerkingtreding": "2020-01-01",
        "max_voucherwaarde": "5000.00",
        "raadplegingsdrempel": "10000.00",
        "contant_max": "250.00",
        "beslistermijn_weken": 4,
        "bezwaartermijn_weken": 6,
        "uitvoeringskosten_max_procent": 10,
        "verstrekken_tot": "--02-29",
        "uitvoeren_tot": "--12-31",
        "verstrekken_tot_jaar": 0,
        "uitvoeren_tot_jaar": 0,
        "budgetjaren": {},
        "betaaltermijn_dagen": 30,
        "wijkdata_later_toegestaan": False,
        "laat_geboekt_dagen": 14,
    }
    assert Regeling.uit_dict(opgeslagen) == r
    # A regeling stored before the parameters of time existed loads with their defaults.
    tijd = (
        "verstrekken_tot_jaar",
        "uitvoeren_tot_jaar",
        "budgetjaren",
        "betaaltermijn_dagen",
        "wijkdata_later_toegestaan",
        "laat_geboekt_dagen",
    )
    assert Regeling.uit_dict({k: v for k, v in opgeslagen.items() if k not in tijd}) == r
    assert Regeling.uit_dict({}) == Regeling()


def test_waarden_zoals_een_mens_ze_in_toml_schrijft() -> None:
    r = Regeling.uit_dict(
        {
            "naam": "  Verordening Teststad ",
            "inwerkingtreding": "01-01-2021",
            "max_voucherwaarde": 2500,
            "contant_max": "250,00",
            "verstrekken_tot": "15-06",
            "beslistermijn_weken": 8,
        }
    )
    assert (r.naam, r.inwerkingtreding, r.max_voucherwaarde, r.contant_max) == (
        "Verordening Teststad",
        date(2021, 1, 1),
        Bedrag(2_500_00),
        Bedrag(250_00),
    )
    assert (r.verstrekken_tot, r.beslistermijn_weken) == (DagMaand(15, 6), 8)
    assert Regeling.uit_dict({"inwerkingtreding": date(2022, 3, 1)}).inwerkingtreding == date(2022, 3, 1)


def test_een_onbekende_parameter_wordt_genoemd() -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        Regeling.uit_dict({"plafond": 1, "contant": 2, "naam": "x"})
    assert str(info.value) == "regeling: onbekende parameter(s): contant, plafond"


@pytest.mark.parametrize(
    ("naam", "waarde", "melding"),
    [
        ("contant_max", 2.5, 'regeling: contant_max moet een bedrag zijn, bijvoorbeeld "5.000,00"'),
        ("contant_max", True, 'regeling: contant_max moet een bedrag zijn, bijvoorbeeld "5.000,00"'),
        ("verstrekken_tot", 3006, 'regeling: verstrekken_tot moet dag-maand zijn, bijvoorbeeld "30-06"'),
        ("inwerkingtreding", 2008, "regeling: inwerkingtreding moet een datum zijn"),
        ("beslistermijn_weken", "4", "regeling: beslistermijn_weken moet een geheel getal zijn"),
        ("beslistermijn_weken", True, "regeling: beslistermijn_weken moet een geheel getal zijn"),
        ("beslistermijn_weken", 4.0, "regeling: beslistermijn_weken moet een geheel getal zijn"),
        ("naam", 5, "regeling: naam moet tekst zijn"),
        ("naam", "   ", "regeling: naam moet tekst zijn"),
    ],
)
def test_een_waarde_van_de_verkeerde_soort_noemt_de_parameter_en_wat_hij_moet_zijn(
    naam: str, waarde: Any, melding: str
) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        Regeling.uit_dict({naam: waarde})
    assert str(info.value) == melding


# --- DagMaand: een dag in het budgetjaar (art. 5 lid 8) ---------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "dag", "maand"),
    [("30-06", 30, 6), (" 1-7 ", 1, 7), ("--06-30", 30, 6), ("--12-31", 31, 12), ("29-02", 29, 2)],
)
def test_dag_maand_wordt_gelezen_als_nederlandse_of_iso_notatie(tekst: str, dag: int, maand: int) -> None:
    assert DagMaand.parse(tekst, "uitvoeren_tot") == DagMaand(dag, maand)


@pytest.mark.parametrize("tekst", ["31-06", "30/06", "30-06-2026", "", "--0630", "3O-06", "٣٠-06", "30-٠٦", "00-01"])
def test_wat_geen_bestaande_dag_maand_is_wordt_geweigerd_met_de_parameter_en_een_voorbeeld(tekst: str) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        DagMaand.parse(tekst, "verstrekken_tot")
    assert str(info.value) == f"regeling: verstrekken_tot moet dag-maand zijn, bijvoorbeeld 30-06, niet {tekst!r}"


def test_dag_maand_in_een_jaar_en_29_februari_in_een_gewoon_jaar() -> None:
    assert DagMaand(30, 6).in_jaar(2026) == date(2026, 6, 30)
    assert DagMaand(29, 2).in_jaar(2028) == date(2028, 2, 29)
    assert DagMaand(29, 2).in_jaar(2027) == date(2027, 2, 28)
    assert DagMaand(28, 2).in_jaar(2027) == date(2027, 2, 28)
    assert (str(DagMaand(1, 7)), DagMaand(1, 7).iso()) == ("01-07", "--07-01")


# --- valideer: de regeling zelf klopt ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarden", "melding"),
    [
        (
            {"raadplegingsdrempel": Bedrag(0)},
            "raadplegingsdrempel moet groter zijn dan nul; "
            "raadplegingsdrempel moet ten minste de maximale voucherwaarde zijn (art. 1 onder a, art. 5 lid 3)",
        ),
        ({"contant_max": Bedrag(-1)}, "contant_max moet groter zijn dan nul"),
        (
            {"raadplegingsdrempel": Bedrag(4_999_99)},
            "raadplegingsdrempel moet ten minste de maximale voucherwaarde zijn (art. 1 onder a, art. 5 lid 3)",
        ),
        (
            {"contant_max": Bedrag(5_000_01)},
            "contant_max mag niet hoger zijn dan de maximale voucherwaarde (art. 9 lid 3 onder b)",
        ),
        (
            {"uitvoeringskosten_max_procent": 11},
            "uitvoeringskosten_max_procent ligt tussen 0 en 10 (art. 2 lid 3: maximaal tien procent)",
        ),
        (
            {"uitvoeringskosten_max_procent": -1},
            "uitvoeringskosten_max_procent ligt tussen 0 en 10 (art. 2 lid 3: maximaal tien procent)",
        ),
        ({"beslistermijn_weken": 0}, "beslistermijn_weken ligt tussen 1 en 52 (art. 5 lid 1)"),
        ({"beslistermijn_weken": 53}, "beslistermijn_weken ligt tussen 1 en 52 (art. 5 lid 1)"),
        ({"bezwaartermijn_weken": 0}, "bezwaartermijn_weken ligt tussen 1 en 52 (Awb 6:7)"),
        ({"bezwaartermijn_weken": 53}, "bezwaartermijn_weken ligt tussen 1 en 52 (Awb 6:7)"),
        (
            {"verstrekken_tot": DagMaand(1, 7), "uitvoeren_tot": DagMaand(30, 6)},
            "verstrekken_tot moet op of voor uitvoeren_tot liggen (art. 5 lid 8)",
        ),
        (
            {"verstrekken_tot": DagMaand(30, 6), "uitvoeren_tot": DagMaand(29, 6)},
            "verstrekken_tot moet op of voor uitvoeren_tot liggen (art. 5 lid 8)",
        ),
    ],
)
def test_een_ongeldige_regeling_noemt_de_parameter_en_het_artikel(waarden: dict[str, Any], melding: str) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        Regeling(**waarden)
    assert str(info.value) == f"regeling ongeldig: {melding}"
    assert info.value.artikel == "art. 2"


def test_de_grenzen_van_de_regeling_zelf_mogen() -> None:
    Regeling(
        max_voucherwaarde=Bedrag(1),
        raadplegingsdrempel=Bedrag(1),
        contant_max=Bedrag(1),
        uitvoeringskosten_max_procent=0,
        beslistermijn_weken=1,
        bezwaartermijn_weken=1,
        verstrekken_tot=DagMaand(31, 12),
        uitvoeren_tot=DagMaand(31, 12),
    )
    Regeling(uitvoeringskosten_max_procent=10, beslistermijn_weken=52, bezwaartermijn_weken=52)


def test_alle_fouten_van_een_regeling_worden_samen_genoemd() -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        Regeling(max_voucherwaarde=Bedrag(0), beslistermijn_weken=0)
    assert str(info.value) == (
        "regeling ongeldig: max_voucherwaarde moet groter zijn dan nul; "
        "contant_max mag niet hoger zijn dan de maximale voucherwaarde (art. 9 lid 3 onder b); "
        "beslistermijn_weken ligt tussen 1 en 52 (art. 5 lid 1)"
    )


def test_een_onbestaande_dag_maand_in_de_regeling_noemt_de_parameter() -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        Regeling.uit_dict({"uitvoeren_tot": "31-06"})
    assert str(info.value) == "regeling: uitvoeren_tot moet dag-maand zijn, bijvoorbeeld 30-06, niet '31-06'"


def test_budgetjaren_in_toml_met_volledige_data_en_wat_daarin_fout_kan(tmp_path: Path) -> None:
    pad = tmp_path / "model.toml"
    pad.write_text(
        "[regeling]\ninwerkingtreding = 2008-10-01\n[regeling.budgetjaren.2008]\n"
        'verstrekken_tot = 2009-06-30\nuitvoeren_tot = "31-12-2009"\n',
        encoding="utf-8",
    )
    r = Regeling.uit_toml(pad)
    assert r.budgetjaren == ((2008, date(2009, 6, 30), date(2009, 12, 31)),)
    assert (r.verstrekken_tot_in(2009), r.uitvoeren_tot_in(2009)) == (date(2009, 6, 30), date(2009, 12, 31))
    for fout, zegt in (
        ({"budgetjaren": {"2008": {"verstrekken_tot": "2009-06-30"}}}, "noemt precies"),
        ({"budgetjaren": {"twee": {}}}, "verwacht een jaar"),
        ({"budgetjaren": {"2008": {"verstrekken_tot": "2010-01-01", "uitvoeren_tot": "2009-12-31"}}}, "op of voor"),
        ({"verstrekken_tot_jaar": 1}, "verstrekken_tot moet op of voor uitvoeren_tot"),
        ({"uitvoeren_tot_jaar": 3}, "tussen 0 en 2"),
        ({"betaaltermijn_dagen": -1}, "betaaltermijn_dagen"),
        ({"wijkdata_later_toegestaan": 1}, "true of false"),
    ):
        with pytest.raises(OngeldigeInvoer) as info:
            Regeling.uit_dict(fout)
        assert zegt in info.value.melding, (fout, info.value.melding)
