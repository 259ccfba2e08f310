"""De parameters van de budgetjaren, de betaaltermijn en de late vastlegging (ledger/regeling.py).

Art. 5 lid 8 telt vanaf het budgetjaar: een dag-maand met een aantal jaren erna, of volledige data voor
één budgetjaar. Elke grens van de regeling zelf: de waarde die nog mag en de eerste die niet mag, met de
melding die de parameter en het artikel noemt.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ledger.fouten import OngeldigeInvoer
from ledger.regeling import DagMaand, Regeling

D = date
VOORBEELD = '[regeling.budgetjaren.2008] verstrekken_tot = "2009-06-30", uitvoeren_tot = "2009-12-31"'


def _ongeldig(melding: str, **waarden: Any) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        Regeling(**waarden)
    assert info.value.melding == f"regeling ongeldig: {melding}"
    assert info.value.artikel == "art. 2"


def _leest_niet(gegevens: dict[str, Any], melding: str) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        Regeling.uit_dict(gegevens)
    assert info.value.melding == melding


# --- art. 5 lid 8 per budgetjaar ---------------------------------------------------------------------------
def test_de_data_van_een_budgetjaar_met_eigen_data_en_van_de_andere_jaren_met_de_jaren_erna():
    r = Regeling(
        verstrekken_tot_jaar=1,
        uitvoeren_tot_jaar=2,
        budgetjaren=((2008, D(2009, 6, 30), D(2009, 12, 31)), (2009, D(2010, 5, 31), D(2010, 11, 30))),
    )
    assert (r.verstrekken_tot_in(2008), r.uitvoeren_tot_in(2008)) == (D(2009, 6, 30), D(2009, 12, 31))
    assert (r.verstrekken_tot_in(2009), r.uitvoeren_tot_in(2009)) == (D(2010, 5, 31), D(2010, 11, 30))
    assert (r.verstrekken_tot_in(2026), r.uitvoeren_tot_in(2026)) == (D(2027, 6, 30), D(2028, 12, 31))


def test_zonder_jaren_erna_liggen_de_data_in_het_budgetjaar_zelf():
    r = Regeling()
    assert (r.verstrekken_tot_in(2026), r.uitvoeren_tot_in(2026)) == (D(2026, 6, 30), D(2026, 12, 31))
    r = Regeling(uitvoeren_tot_jaar=1)
    assert (r.verstrekken_tot_in(2026), r.uitvoeren_tot_in(2026)) == (D(2026, 6, 30), D(2027, 12, 31))


def test_de_betaaltermijn_telt_dagen_na_de_uitvoeringsdatum():
    assert Regeling().betalen_tot(D(2026, 12, 31)) == D(2027, 1, 30)
    assert Regeling(betaaltermijn_dagen=0).betalen_tot(D(2026, 12, 31)) == D(2026, 12, 31)


def test_budgetjaren_in_de_opgeslagen_vorm_en_terug():
    r = Regeling(budgetjaren=((2008, D(2009, 6, 30), D(2009, 12, 31)),), wijkdata_later_toegestaan=True)
    vorm = r.naar_dict()
    assert vorm["budgetjaren"] == {"2008": {"verstrekken_tot": "2009-06-30", "uitvoeren_tot": "2009-12-31"}}
    assert vorm["wijkdata_later_toegestaan"] is True
    assert Regeling.uit_dict(vorm) == r


# --- budgetjaren lezen -------------------------------------------------------------------------------------
def test_budgetjaren_worden_gesorteerd_en_data_mogen_datums_of_tekst_zijn():
    r = Regeling.uit_dict(
        {
            "budgetjaren": {
                "2010": {"verstrekken_tot": "2010-06-30", "uitvoeren_tot": D(2010, 12, 31)},
                "2008": {"verstrekken_tot": D(2009, 6, 30), "uitvoeren_tot": "31-12-2009"},
            }
        }
    )
    assert r.budgetjaren == ((2008, D(2009, 6, 30), D(2009, 12, 31)), (2010, D(2010, 6, 30), D(2010, 12, 31)))


def test_budgetjaren_die_geen_tabel_per_jaar_zijn_worden_geweigerd_met_een_voorbeeld():
    _leest_niet({"budgetjaren": []}, f"regeling: budgetjaren is een tabel per jaar, bijvoorbeeld {VOORBEELD}")
    for jaar, data in (("twee", {}), ("²⁰⁰⁸", {}), ("2008", "2009-06-30")):
        _leest_niet(
            {"budgetjaren": {jaar: data}},
            f"regeling: budgetjaren.{jaar}: verwacht een jaar met data, bijvoorbeeld {VOORBEELD}",
        )


def test_een_budgetjaar_noemt_precies_beide_data():
    for data in (
        {"verstrekken_tot": "2009-06-30"},
        {"verstrekken_tot": "2009-06-30", "uitvoeren_tot": "2009-12-31", "betalen_tot": "2010-01-30"},
    ):
        _leest_niet(
            {"budgetjaren": {"2008": data}},
            "regeling: budgetjaren.2008 noemt precies verstrekken_tot en uitvoeren_tot (art. 5 lid 8)",
        )
    _leest_niet(
        {"budgetjaren": {"2008": {"verstrekken_tot": 20090630, "uitvoeren_tot": "2009-12-31"}}},
        "regeling: budgetjaren.2008.verstrekken_tot moet een datum zijn",
    )


def test_ja_of_nee_is_true_of_false_en_geen_getal():
    assert Regeling.uit_dict({"wijkdata_later_toegestaan": True}).wijkdata_later_toegestaan is True
    assert Regeling.uit_dict({"wijkdata_later_toegestaan": False}).wijkdata_later_toegestaan is False
    for ruw in (1, 0, "true"):
        _leest_niet({"wijkdata_later_toegestaan": ruw}, "regeling: wijkdata_later_toegestaan moet true of false zijn")


# --- de grenzen van de regeling zelf ---------------------------------------------------------------------------
def test_laat_geboekt_dagen_van_0_tot_en_met_366():
    assert Regeling(laat_geboekt_dagen=0).laat_geboekt_dagen == 0
    assert Regeling(laat_geboekt_dagen=366).laat_geboekt_dagen == 366
    for dagen in (-1, 367):
        _ongeldig(
            "laat_geboekt_dagen ligt tussen 0 en 366 (uitzonderingen in de verantwoording)", laat_geboekt_dagen=dagen
        )


def test_betaaltermijn_dagen_van_0_tot_en_met_365():
    Regeling(betaaltermijn_dagen=0)
    Regeling(betaaltermijn_dagen=365)
    for dagen in (-1, 366):
        _ongeldig("betaaltermijn_dagen ligt tussen 0 en 365 (art. 5 lid 8, art. 9)", betaaltermijn_dagen=dagen)


def test_jaren_na_het_budgetjaar_van_0_tot_en_met_2():
    assert Regeling(verstrekken_tot_jaar=2, uitvoeren_tot_jaar=2).uitvoeren_tot_in(2026) == D(2028, 12, 31)
    _ongeldig(
        "uitvoeren_tot_jaar ligt tussen 0 en 2: zoveel jaar na het budgetjaar (art. 5 lid 8)", uitvoeren_tot_jaar=3
    )
    _ongeldig(
        "verstrekken_tot moet op of voor uitvoeren_tot liggen (art. 5 lid 8); "
        "verstrekken_tot_jaar ligt tussen 0 en 2: zoveel jaar na het budgetjaar (art. 5 lid 8)",
        verstrekken_tot_jaar=3,
        uitvoeren_tot_jaar=2,
    )
    _ongeldig(
        "verstrekken_tot_jaar ligt tussen 0 en 2: zoveel jaar na het budgetjaar (art. 5 lid 8)",
        verstrekken_tot_jaar=-1,
    )
    _ongeldig(
        "verstrekken_tot moet op of voor uitvoeren_tot liggen (art. 5 lid 8); "
        "uitvoeren_tot_jaar ligt tussen 0 en 2: zoveel jaar na het budgetjaar (art. 5 lid 8)",
        uitvoeren_tot_jaar=-1,
    )


def test_verstrekken_voor_uitvoeren_telt_de_jaren_mee():
    # 31 December of the budget year is before 30 June of the year after
    Regeling(verstrekken_tot=DagMaand(31, 12), uitvoeren_tot=DagMaand(30, 6), uitvoeren_tot_jaar=1)
    Regeling(verstrekken_tot_jaar=1, uitvoeren_tot_jaar=1)
    _ongeldig(
        "verstrekken_tot moet op of voor uitvoeren_tot liggen (art. 5 lid 8)",
        verstrekken_tot=DagMaand(1, 1),
        uitvoeren_tot=DagMaand(31, 12),
        verstrekken_tot_jaar=1,
    )


def test_een_budgetjaar_verstrekt_op_of_voor_de_uitvoeringsdatum():
    Regeling(budgetjaren=((2008, D(2009, 12, 31), D(2009, 12, 31)),))
    _ongeldig(
        "budgetjaar 2008: verstrekken_tot moet op of voor uitvoeren_tot liggen (art. 5 lid 8)",
        budgetjaren=((2008, D(2010, 1, 1), D(2009, 12, 31)),),
    )


def test_een_budgetjaar_wordt_uitgevoerd_in_dat_jaar_of_ten_hoogste_twee_jaar_later():
    Regeling(budgetjaren=((2008, D(2008, 11, 1), D(2008, 12, 31)),))
    Regeling(budgetjaren=((2008, D(2009, 6, 30), D(2010, 12, 31)),))
    for uitvoeren in (D(2011, 1, 1), D(2007, 12, 31)):
        _ongeldig(
            "budgetjaar 2008: uitvoeren_tot ligt in 2008 of ten hoogste twee jaar later",
            budgetjaren=((2008, D(2007, 12, 1), uitvoeren),),
        )
