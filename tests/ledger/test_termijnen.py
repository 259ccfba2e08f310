"""The terms of bezwaar (ledger/bezwaartermijn.py) day by day: Easter, the feestdagen of the Atw, every boundary.

Each boundary has the day that is still allowed and the day that is not; the table of Easter dates
covers the years where a wrong constant in the algorithm would show (the earliest and latest Easter).
"""

from __future__ import annotations

from datetime import date

import pytest

from ledger import bezwaartermijn as bt

D = date

PASEN = {
    1818: (3, 22),  # the earliest possible Easter
    1900: (4, 15),
    1943: (4, 25),  # the latest possible Easter
    2000: (4, 23),
    2002: (3, 31),
    2005: (3, 27),
    2008: (3, 23),
    2011: (4, 24),
    2013: (3, 31),
    2016: (3, 27),
    2018: (4, 1),
    2019: (4, 21),
    2022: (4, 17),
    2024: (3, 31),
    2025: (4, 20),
    2026: (4, 5),
    2027: (3, 28),
    2029: (4, 1),
    2031: (4, 13),
    2035: (3, 25),
    2038: (4, 25),
    2039: (4, 10),
    2100: (3, 28),
    2285: (3, 22),
}


@pytest.mark.parametrize("jaar", sorted(PASEN))
def test_pasen_volgens_de_gregoriaanse_kalender(jaar):
    assert bt.pasen(jaar) == D(jaar, *PASEN[jaar])


def test_de_feestdagen_van_2026_precies():
    assert bt.feestdagen(2026) == {
        D(2026, 1, 1),  # Nieuwjaarsdag
        D(2026, 4, 6),  # tweede Paasdag
        D(2026, 4, 27),  # Koningsdag (een maandag)
        D(2026, 5, 5),  # 5 mei
        D(2026, 5, 14),  # Hemelvaartsdag
        D(2026, 5, 25),  # tweede Pinksterdag
        D(2026, 12, 25),
        D(2026, 12, 26),
    }


def test_koningsdag_op_zondag_is_de_zaterdag_ervoor_en_anders_niet():
    assert D(2025, 4, 26) in bt.feestdagen(2025) and D(2025, 4, 27) not in bt.feestdagen(2025)
    assert D(2026, 4, 27) in bt.feestdagen(2026) and D(2026, 4, 26) not in bt.feestdagen(2026)


def test_werkdagen_zijn_maandag_tot_en_met_vrijdag_behalve_feestdagen():
    assert [bt.is_werkdag(D(2026, 3, d)) for d in range(2, 10)] == [True] * 5 + [False, False, True]
    assert not bt.is_werkdag(D(2026, 4, 6)) and bt.is_werkdag(D(2026, 4, 7))  # tweede Paasdag, een maandag


def test_de_algemene_termijnenwet_verlengt_tot_de_eerstvolgende_werkdag():
    assert bt.atw(D(2026, 3, 6)) == D(2026, 3, 6)  # vrijdag: blijft
    assert bt.atw(D(2026, 3, 7)) == D(2026, 3, 9)  # zaterdag -> maandag
    assert bt.atw(D(2026, 3, 8)) == D(2026, 3, 9)  # zondag -> maandag
    assert bt.atw(D(2026, 12, 25)) == D(2026, 12, 28)  # Kerst (vr), tweede Kerstdag (za), zondag
    assert bt.atw(D(2026, 4, 3)) == D(2026, 4, 3)  # Goede Vrijdag is geen feestdag van art. 3 lid 1


def test_de_bezwaartermijn_telt_de_weken_van_de_regeling():
    assert bt.laatste_dag_bezwaar(D(2026, 3, 2), 4) == D(2026, 3, 30)
    assert bt.laatste_dag_bezwaar(D(2026, 3, 2), 6) == D(2026, 4, 13)


def test_tijdig_tot_en_met_de_laatste_dag_en_niet_de_dag_erna():
    laatste = D(2026, 4, 13)
    assert bt.tijdig(D(2026, 4, 13), laatste) is True
    assert bt.tijdig(D(2026, 4, 14), laatste) is False
    assert bt.tijdig(D(2026, 12, 31), None) is True  # niet verzonden: er loopt geen termijn (Awb 6:10)


def test_de_beslistermijn_telt_vanaf_de_laatste_dag_of_vanaf_een_latere_ontvangst():
    laatste = D(2026, 4, 13)
    assert bt.beslissen_voor(D(2026, 4, 13), laatste) == D(2026, 5, 26)  # op de laatste dag: 25 mei is Pinksteren
    assert bt.beslissen_voor(D(2026, 4, 14), laatste) == D(2026, 5, 26)  # een dag te laat: vanaf de ontvangst
    assert bt.beslissen_voor(D(2026, 4, 16), laatste) == D(2026, 5, 28)
    assert bt.beslissen_voor(D(2026, 3, 3), laatste) == D(2026, 5, 26)
    assert bt.beslissen_voor(D(2026, 3, 3), None) == D(2026, 4, 14)
    assert bt.BESLISTERMIJN_WEKEN == 6


def _pasen_oudin(y: int) -> date:
    """An independent computation of Easter (Oudin 1940, as in dateutil's EASTER_WESTERN)."""
    g, c = y % 19, y // 100
    h = (c - c // 4 - (8 * c + 13) // 25 + 19 * g + 15) % 30
    i = h - (h // 28) * (1 - (h // 28) * (29 // (h + 1)) * ((21 - g) // 11))
    j = (y + y // 4 + i + 2 - c + c // 4) % 7
    p = i - j
    return date(y, 3 + (p + 26) // 30, 1 + (p + 27 + (p + 6) // 40) % 31)


def test_pasen_in_elk_jaar_van_de_gregoriaanse_kalender_gelijk_aan_een_tweede_berekening():
    # every year from the first full Gregorian year: a constant that is only wrong in some centuries shows here
    verschil = [j for j in range(1583, 4100) if bt.pasen(j) != _pasen_oudin(j)]
    assert verschil == []
