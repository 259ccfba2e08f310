"""De regels van vaststelling en terugvordering (ledger/vaststelling.py), zonder aggregaat.

Elke grens een weigering en een toestemming; elke weigering noemt de cijfers, het artikel en
draagt de gegevens die de opdrachtregel (CLI.md) doorgeeft.
"""

from __future__ import annotations

from datetime import date

import pytest

from ledger.fouten import OngeldigeInvoer, RegelOvertreden, TermijnLoopt
from ledger.geld import Bedrag
from ledger.vaststelling import eis_ontvangst, eis_vaststelbaar, eis_vordering, vast_te_stellen

UITVOEREN_TOT = date(2026, 12, 31)
NUL = Bedrag.nul()


def e(tekst: str) -> Bedrag:
    return Bedrag.parse(tekst)


# --- Awb 4:44, art. 5 lid 8: wanneer vaststellen kan --------------------------------------------------------


def test_met_een_onbesteed_deel_op_de_uitvoeringsdatum_zelf_nog_niet_met_bedrag_datum_en_artikel() -> None:
    with pytest.raises(TermijnLoopt) as info:
        eis_vaststelbaar(7, e("0,01"), UITVOEREN_TOT, UITVOEREN_TOT)
    fout = info.value
    assert str(fout) == (
        "van aanvraag 7 is nog € 0,01 onbesteed en tot en met 31 december 2026 wordt nog uitgevoerd: vaststellen kan "
        "als de vouchers besteed of ingetrokken zijn, of na die dag"
    )
    assert fout.artikel == "Awb 4:44, art. 5 lid 8"
    assert fout.gegevens == {"onbesteed": e("0,01"), "uitvoeren_tot": UITVOEREN_TOT}


def test_de_dag_na_de_uitvoeringsdatum_mag_het_met_een_onbesteed_deel() -> None:
    assert eis_vaststelbaar(7, e("500"), UITVOEREN_TOT, date(2027, 1, 1)) is None


def test_zonder_onbesteed_deel_mag_het_ook_voor_de_uitvoeringsdatum() -> None:
    assert eis_vaststelbaar(7, NUL, UITVOEREN_TOT, date(2026, 3, 1)) is None


# --- Awb 4:46: het bedrag ----------------------------------------------------------------------------------


def test_standaard_wat_betaald_is_min_wat_al_is_teruggevorderd_zonder_nieuwe_vordering() -> None:
    assert vast_te_stellen(7, None, None, None, e("1.000"), NUL) == (e("1.000"), NUL)
    assert vast_te_stellen(7, None, None, None, e("1.000"), e("100")) == (e("900"), NUL)
    assert vast_te_stellen(7, e("900"), None, None, e("1.000"), e("100")) == (e("900"), NUL)


def test_een_cent_hoger_dan_betaald_wordt_geweigerd_met_het_hoogste_bedrag_en_het_artikel() -> None:
    with pytest.raises(RegelOvertreden) as info:
        vast_te_stellen(7, e("1.000,01"), None, None, e("1.000"), NUL)
    fout = info.value
    assert str(fout) == "aanvraag 7 wordt ten hoogste vastgesteld op wat betaald is: € 1.000,00, niet € 1.000,01"
    assert fout.artikel == "Awb 4:46 lid 1, art. 8 lid 1"
    assert fout.gegevens == {"hoogste": e("1.000")}


def test_boven_betaald_min_teruggevorderd_noemt_de_melding_het_teruggevorderde() -> None:
    with pytest.raises(RegelOvertreden) as info:
        vast_te_stellen(7, e("900,01"), "a", "reden", e("1.000"), e("100"))
    fout = info.value
    assert str(fout) == (
        "aanvraag 7 wordt ten hoogste vastgesteld op wat betaald is en niet is teruggevorderd: € 900,00, niet € 900,01"
    )
    assert fout.gegevens == {"hoogste": e("900")}


@pytest.mark.parametrize("grond", ["a", "b", "c", "d"])
def test_lager_op_elke_grond_van_4_46_lid_2_vordert_het_verschil_terug(grond: str) -> None:
    assert vast_te_stellen(7, e("600"), grond, "ander doel", e("1.000"), e("100")) == (e("600"), e("300"))


@pytest.mark.parametrize("grond", [None, "e", ""])
def test_lager_zonder_grond_van_4_46_lid_2_wordt_geweigerd_en_noemt_wat_betaald_is(grond: str | None) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        vast_te_stellen(7, e("999,99"), grond, "ander doel", e("1.000"), NUL)
    assert str(info.value) == (
        "lager vaststellen dan wat betaald is (€ 1.000,00) kan alleen op een grond van art. 4:46 lid 2 Awb: "
        "--grond a, b, c of d"
    )


@pytest.mark.parametrize("motivering", [None, "", "  "])
def test_lager_zonder_motivering_wordt_geweigerd(motivering: str | None) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        vast_te_stellen(7, e("999,99"), "a", motivering, e("1.000"), NUL)
    assert str(info.value) == "een lagere vaststelling wordt gemotiveerd: geef --motivering (Awb 3:46)"


@pytest.mark.parametrize(("grond", "motivering"), [("a", None), (None, "reden"), ("a", "reden")])
def test_grond_of_motivering_bij_een_vaststelling_op_wat_betaald_is_wordt_geweigerd(
    grond: str | None, motivering: str | None
) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        vast_te_stellen(7, None, grond, motivering, e("1.000"), NUL)
    assert str(info.value) == "--grond en --motivering horen alleen bij een vaststelling lager dan wat betaald is"


# --- Awb 4:57: terugvorderen en ontvangen ------------------------------------------------------------------


def test_terugvorderen_tot_precies_de_ruimte_mag() -> None:
    assert eis_vordering(7, e("300"), e("1.000"), e("600"), e("100")) is None


def test_terugvorderen_een_cent_boven_de_ruimte_noemt_betaald_vastgesteld_en_teruggevorderd() -> None:
    with pytest.raises(RegelOvertreden) as info:
        eis_vordering(7, e("300,01"), e("1.000"), e("600"), e("100"))
    fout = info.value
    assert str(fout) == (
        "van aanvraag 7 kan ten hoogste € 300,00 worden teruggevorderd (betaald € 1.000,00, vastgesteld € 600,00, "
        "al teruggevorderd € 100,00), niet € 300,01"
    )
    assert fout.artikel == "Awb 4:57"
    assert fout.gegevens == {"ruimte": e("300")}


def test_ontvangen_tot_precies_wat_openstaat_mag() -> None:
    assert eis_ontvangst(7, e("400"), e("400")) is None


def test_een_cent_meer_ontvangen_dan_openstaat_noemt_het_openstaande_en_het_artikel() -> None:
    with pytest.raises(RegelOvertreden) as info:
        eis_ontvangst(7, e("400,01"), e("400"))
    fout = info.value
    assert str(fout) == (
        "van aanvraag 7 staat € 400,00 aan terugvordering open: meer kan niet worden ontvangen, niet € 400,01"
    )
    assert fout.artikel == "Awb 4:57"
    assert fout.gegevens == {"openstaand": e("400")}
