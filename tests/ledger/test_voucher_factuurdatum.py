"""De factuurdatum en de betaaltermijn op de voucher zelf (ledger/voucher.py; art. 5 lid 8, art. 9).

Een factuur van uiterlijk de uitvoeringsdatum wordt nog betaald tot de betaaltermijn erna; contant en een
betaling zonder factuurdatum blijven aan de uitvoeringsdatum gebonden. Verzilverd (versie 2) legt de
factuurdatum vast; elke grens met de dag die mag en de dag erna.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from test_voucher_domein import KAS, e, enige, voucher

from ledger.fouten import OngeldigeInvoer, TermijnVerstreken
from ledger.voucher import Voucher, _upcast_verzilverd_v1_v2

D = date


def test_verzilveren_met_factuurdatum_legt_die_vast_en_zonder_niets():
    v = voucher()
    v.verzilver(e("100"), "Bouwmarkt", "F-1", D(2027, 1, 10), KAS, D(2026, 12, 31), 10)
    g = enige(v)
    assert (g.bedrag, g.leverancier, g.factuur, g.datum, g.gebruiker, g.factuurdatum) == (
        e("100"),
        "Bouwmarkt",
        "F-1",
        D(2027, 1, 10),
        KAS,
        D(2026, 12, 31),
    )
    v.verzilver(e("100"), "Bouwmarkt", "F-2", D(2026, 6, 1), KAS)
    assert enige(v).factuurdatum is None


def test_de_betaaltermijn_telt_de_dagen_van_de_regeling_na_de_uitvoeringsdatum():
    v = voucher()
    v.verzilver(e("100"), "Bouwmarkt", "F-1", D(2027, 1, 10), KAS, D(2026, 12, 1), 10)  # 31 december + 10 dagen
    with pytest.raises(TermijnVerstreken) as info:
        v.verzilver(e("100"), "Bouwmarkt", "F-2", D(2027, 1, 11), KAS, D(2026, 12, 1), 10)
    assert info.value.melding == (
        "een factuur van uiterlijk 31 december 2026 wordt betaald tot en met 10 januari 2027 (de betaaltermijn "
        "van de regeling), niet op 11 januari 2027"
    )
    assert v.restant == e("900")


def test_een_factuurdatum_op_de_dag_van_betaling_mag_en_de_dag_erna_niet():
    v = voucher()
    with pytest.raises(OngeldigeInvoer) as info:
        v.verzilver(e("100"), "Bouwmarkt", "F-1", D(2026, 6, 1), KAS, D(2026, 6, 2), 30)
    assert info.value.melding == "de factuurdatum 2 juni 2026 ligt na de betaling op 1 juni 2026"
    assert v.collect_events() == []
    v.verzilver(e("100"), "Bouwmarkt", "F-1", D(2026, 6, 1), KAS, D(2026, 6, 1), 30)
    assert enige(v).factuurdatum == D(2026, 6, 1)


def test_een_factuur_van_na_de_uitvoeringsdatum_wordt_niet_betaald():
    v = voucher()
    with pytest.raises(TermijnVerstreken) as info:
        v.verzilver(e("100"), "Bouwmarkt", "F-1", D(2027, 1, 2), KAS, D(2027, 1, 1), 30)
    assert info.value.gegevens == {"datum": D(2027, 1, 1), "uiterste": D(2026, 12, 31)}


def test_zonder_factuurdatum_wijst_de_melding_op_de_factuurdatum_als_er_een_betaaltermijn_is():
    v = voucher()
    with pytest.raises(TermijnVerstreken) as info:
        v.verzilver(e("100"), "Bouwmarkt", "F-1", D(2027, 1, 1), KAS, None, 30)
    assert info.value.melding.endswith("binnen de betaaltermijn nog betaald: geef --factuurdatum")
    with pytest.raises(TermijnVerstreken) as info:
        v.verzilver(e("100"), "Bouwmarkt", "F-1", D(2027, 1, 1), KAS, D(2026, 12, 31))
    assert info.value.melding.endswith("na die datum wordt niets meer betaald")
    v.verzilver(e("100"), "Bouwmarkt", "F-1", D(2026, 12, 31), KAS, None, 30)
    assert enige(v).datum == D(2026, 12, 31)


def test_een_oude_verzilvering_heeft_geen_factuurdatum():
    toestand: dict[str, Any] = {"bedrag": e("100")}
    _upcast_verzilverd_v1_v2(toestand)
    assert toestand == {"bedrag": e("100"), "factuurdatum": None}
    assert Voucher.Verzilverd.class_version == 2
