"""Een toekenning verdelen over vouchers verliest nooit een cent (art. 1 onder a, art. 5 lid 2).

Voor willekeurige kosten (1 cent tot € 60.000) en een willekeurig of standaard aantal vouchers:
de vouchers tellen precies op tot het toegekende bedrag, elke voucher is ten hoogste de
maximale voucherwaarde, en zonder opgave is het aantal ceil(bedrag / max). Een onmogelijk
aantal wordt geweigerd met de fout van de regel, zonder iets te schrijven.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from wereld import Wereld, geheugen_app

from commands import modellen as m
from ledger.fouten import OngeldigeInvoer, VoucherwaardeTeHoog
from ledger.geld import Bedrag
from ledger.regeling import Regeling

MAX = Regeling().max_voucherwaarde
DREMPEL = Regeling().raadplegingsdrempel


def _toekenbaar(w: Wereld, kosten: Bedrag) -> int:
    """A complete aanvraag that may be granted: above the threshold after a raadpleging voor."""
    nr = w.aanvraag(kosten.nl())
    if kosten > DREMPEL:
        w.regie.verklaar_geschikt(m.VerklaarGeschikt(nummer=nr, datum=date(2026, 2, 10)))
        w.regie.besluit_raadpleging(m.BesluitRaadpleging(nummer=nr, uitkomst="voor", datum=date(2026, 2, 20)))
    return nr


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    centen=st.integers(min_value=1, max_value=60_000_00),
    aantal=st.none() | st.integers(min_value=1, max_value=99),
    deel=st.none() | st.fractions(min_value=0, max_value=1),
)
@example(centen=1, aantal=None, deel=None)
@example(centen=5_000_00, aantal=None, deel=None)
@example(centen=5_000_01, aantal=None, deel=None)
@example(centen=10_000_00, aantal=None, deel=None)
@example(centen=10_000_01, aantal=None, deel=None)
@example(centen=60_000_00, aantal=None, deel=None)
@example(centen=60_000_00, aantal=12, deel=None)
@example(centen=60_000_00, aantal=11, deel=None)
@example(centen=5, aantal=5, deel=None)
@example(centen=5, aantal=6, deel=None)
@example(centen=99_99, aantal=7, deel=None)
def test_vouchers_van_een_toekenning_tellen_precies_op_tot_het_toegekende_bedrag(
    centen: int, aantal: int | None, deel: Fraction | None
) -> None:
    w = Wereld.ingericht(geheugen_app())
    kosten = Bedrag.van_centen(centen)
    nr = _toekenbaar(w, kosten)
    opties: dict[str, object] = {}
    toegekend = kosten
    if deel is not None:
        # A partial grant (toelichting art. 6): at least one cent, at most the kosten.
        toegekend = Bedrag.van_centen(max(1, int(centen * deel)))
        if toegekend < kosten:
            opties |= {"bedrag": toegekend, "grond": "a", "motivering": "een deel is niet haalbaar"}
    if aantal is not None:
        opties["vouchers"] = aantal

    nodig = -(-toegekend.centen // MAX.centen)
    voor = w.aantal_gebeurtenissen()
    if aantal is not None and aantal < nodig:
        with pytest.raises(VoucherwaardeTeHoog):
            w.ken_toe(nr, **opties)
        assert w.aantal_gebeurtenissen() == voor
        return
    if aantal is not None and aantal > toegekend.centen:
        with pytest.raises(OngeldigeInvoer):
            w.ken_toe(nr, **opties)
        assert w.aantal_gebeurtenissen() == voor
        return

    uitkomst = w.ken_toe(nr, **opties)
    waarden = [v["bedrag"] for v in uitkomst["vouchers"]]
    assert uitkomst["bedrag"] == toegekend
    assert sum(waarden) == toegekend
    assert all(Bedrag.nul() < v <= MAX for v in waarden)
    assert len(waarden) == (aantal if aantal is not None else nodig)
    assert max(waarden).centen - min(waarden).centen <= 1  # evenly split, the rest cent by cent
    # What was stored is what was promised: every voucher exists with its value, the wijk committed the sum.
    assert sum(w.kas.toon_voucher(v["code"])["waarde"] for v in uitkomst["vouchers"]) == toegekend
    assert w.college.wijken()[0].toegekend == toegekend
