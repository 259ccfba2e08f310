"""De regeling die wijzigt, op het aggregaat Gemeente zelf (ledger/gemeente.py): versies, vanaf en niet terugwerken.

Elke versie geldt vanaf haar dag (de dag ervoor de vorige); een wijziging gaat later in dan de vorige
versie en dan de laatste vastgelegde handeling; een herhaling schrijft niets. Elke weigering met haar data,
artikel en gegevens; de gebeurtenis RegelingGewijzigd veld voor veld.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_gemeente_domein import INGERICHT, enige, gemeente

from ledger.fouten import RegelOvertreden
from ledger.geld import Bedrag
from ledger.regeling import Regeling

D = date
LAGER = Regeling(contant_max=Bedrag.parse("300"))
NOG_LAGER = Regeling(contant_max=Bedrag.parse("200"))


def test_een_wijziging_legt_regeling_versie_vanaf_datum_en_wie_vast():
    g = gemeente()
    assert g.wijzig_regeling(LAGER, D(2026, 5, 1), D(2026, 4, 30), D(2026, 4, 1), "wethouder") == 2
    e = enige(g)
    assert type(e).__name__ == "RegelingGewijzigd"
    assert (e.regeling, e.versie, e.vanaf, e.datum, e.gebruiker) == (
        LAGER.naar_dict(),
        2,
        D(2026, 5, 1),
        D(2026, 4, 1),
        "wethouder",
    )
    assert g.regelingversies == [[D(2026, 5, 1), LAGER.naar_dict()]]
    assert g.regeling == Regeling()  # version 1 stays what was vastgesteld


def test_elke_versie_geldt_vanaf_haar_dag_en_de_dag_ervoor_de_vorige():
    g = gemeente()
    g.wijzig_regeling(LAGER, D(2026, 5, 1), INGERICHT, INGERICHT, "wethouder")
    assert g.wijzig_regeling(NOG_LAGER, D(2026, 9, 1), INGERICHT, INGERICHT, "wethouder") == 3
    assert g.versies() == [(1, D(2008, 10, 1), Regeling()), (2, D(2026, 5, 1), LAGER), (3, D(2026, 9, 1), NOG_LAGER)]
    assert g.versie_op(D(2026, 4, 30)) == (1, D(2008, 10, 1), Regeling())
    assert g.versie_op(D(2026, 5, 1)) == (2, D(2026, 5, 1), LAGER)
    assert g.versie_op(D(2026, 8, 31))[0] == 2
    assert g.versie_op(D(2026, 9, 1))[0] == 3
    assert g.versie_op(D(2000, 1, 1))[0] == 1  # before the inwerkingtreding: still version 1
    assert (g.regeling_op(D(2026, 4, 30)), g.regeling_op(D(2026, 5, 1))) == (Regeling(), LAGER)


def test_zonder_wijziging_geldt_versie_1_ook_voor_de_inwerkingtreding():
    g = gemeente()
    assert g.versies() == [(1, D(2008, 10, 1), Regeling())]
    assert g.versie_op(D(2000, 1, 1)) == (1, D(2008, 10, 1), Regeling())
    assert g.regeling_op(D(2026, 3, 1)) == Regeling()


def test_dezelfde_wijziging_nog_eens_schrijft_niets_een_andere_op_dezelfde_dag_wordt_geweigerd():
    g = gemeente()
    g.wijzig_regeling(LAGER, D(2026, 5, 1), INGERICHT, INGERICHT, "wethouder")
    g.collect_events()
    assert g.wijzig_regeling(LAGER, D(2026, 5, 1), D(2026, 6, 1), INGERICHT, "wethouder") == 0
    assert g.collect_events() == []
    for regeling, vanaf in ((NOG_LAGER, D(2026, 5, 1)), (LAGER, D(2026, 4, 30))):
        with pytest.raises(RegelOvertreden) as info:
            g.wijzig_regeling(regeling, vanaf, INGERICHT, INGERICHT, "wethouder")
        assert info.value.artikel == "art. 10 lid 1" and info.value.gegevens == {"vanaf": vanaf}
        assert g.collect_events() == []


def test_versie_1_nog_eens_vanaf_haar_inwerkingtreding_is_geen_herhaling_maar_wordt_geweigerd():
    g = gemeente()
    with pytest.raises(RegelOvertreden) as info:
        g.wijzig_regeling(Regeling(), D(2008, 10, 1), INGERICHT, INGERICHT, "wethouder")
    assert info.value.melding == (
        "versie 1 van de regeling geldt vanaf 1 oktober 2008; een nieuwe versie gaat later in, niet op 1 oktober 2008"
    )
    assert info.value.artikel == "art. 10 lid 1" and info.value.gegevens == {"vanaf": D(2008, 10, 1)}


def test_een_nieuwe_versie_de_dag_na_de_vorige_mag_op_dezelfde_dag_niet():
    g = gemeente()
    g.wijzig_regeling(LAGER, D(2026, 5, 1), INGERICHT, INGERICHT, "wethouder")
    with pytest.raises(RegelOvertreden) as info:
        g.wijzig_regeling(NOG_LAGER, D(2026, 5, 1), INGERICHT, INGERICHT, "wethouder")
    assert info.value.melding == (
        "versie 2 van de regeling geldt vanaf 1 mei 2026; een nieuwe versie gaat later in, niet op 1 mei 2026"
    )
    assert g.wijzig_regeling(NOG_LAGER, D(2026, 5, 2), INGERICHT, INGERICHT, "wethouder") == 3


def test_een_wijziging_werkt_niet_terug_tot_de_laatste_handeling_en_de_dag_erna_mag():
    g = gemeente()
    g.wijzig_regeling(LAGER, D(2026, 5, 1), INGERICHT, INGERICHT, "wethouder")
    g.collect_events()
    with pytest.raises(RegelOvertreden) as info:
        g.wijzig_regeling(NOG_LAGER, D(2026, 6, 1), D(2026, 6, 1), INGERICHT, "wethouder")
    assert info.value.melding == (
        "er is al een handeling vastgelegd op 1 juni 2026, beoordeeld onder versie 2; een wijziging werkt niet "
        "terug: kies --vanaf na 1 juni 2026"
    )
    assert info.value.artikel == "art. 10 lid 1"
    assert info.value.gegevens == {"vanaf": D(2026, 6, 1), "laatste_handeling": D(2026, 6, 1)}
    assert g.collect_events() == []
    assert g.wijzig_regeling(NOG_LAGER, D(2026, 6, 2), D(2026, 6, 1), INGERICHT, "wethouder") == 3


def test_een_wijziging_wordt_niet_vastgelegd_voor_de_inrichting_wel_op_die_dag():
    g = gemeente()
    with pytest.raises(RegelOvertreden) as info:
        g.wijzig_regeling(LAGER, D(2026, 5, 1), INGERICHT, D(2025, 12, 31), "wethouder")
    assert info.value.melding == "de wijziging kan niet worden vastgelegd voor de inrichting op 1 januari 2026"
    assert info.value.artikel == "art. 10"
    assert g.collect_events() == []
    assert g.wijzig_regeling(LAGER, D(2026, 5, 1), INGERICHT, INGERICHT, "wethouder") == 2


def test_de_staat_van_versie_1_krijgt_geen_namen_besluiten_en_versies():
    toestand: dict = {}
    type(gemeente()).upcast_v1_v2(toestand)
    assert toestand == {"weergavenamen": {}, "mandaatbesluiten": {}, "regelingversies": []}
