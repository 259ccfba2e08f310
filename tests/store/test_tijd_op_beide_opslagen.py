"""Time on the embedded SQLite store and on a real PostgreSQL server: the same behaviour on both.

A changed regeling, a changed budget and a payment with its factuurdatum are stored, read back
after reopening the store, counted by the read models as by the independent saldo fold, and
held by the hash chain (`verifieer` passes).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from saldo_orakel import vouw

sys.path.insert(0, str(Path(__file__).parent.parent / "cli"))
from cli_hulp import voer_uit
from wereld import PERIODE, WIJK, Wereld, bedrag, open_store

from commands import modellen as m
from commands import tijd
from commands.leesmodellen import Leesdienst
from ledger import gebeurtenissen as g
from ledger.fouten import ContantBovenMaximum, TermijnVerstreken
from ledger.regeling import Regeling

VANDAAG = date(2027, 3, 1)


def test_regeling_en_budget_wijzigen_blijven_na_heropenen_gelden(store_url):
    w = Wereld.ingericht(open_store(store_url), budget="10.000", uitvoeringskosten="1.000", vandaag=VANDAAG)
    code = w.voucher("2.000")
    cmd = tijd.WijzigRegeling(regeling=Regeling(contant_max=bedrag("300")), vanaf=date(PERIODE, 5, 1))
    tijd.wijzig_regeling(w.college, cmd.model_copy(update={"datum": date(PERIODE, 3, 2)}))
    budget = tijd.WijzigBudget(code=WIJK, periode=PERIODE, budget=bedrag("20.000"), datum=date(PERIODE, 3, 2))
    assert tijd.wijzig_budget(w.college, budget)["plafond"] == bedrag("19.000")

    later = Wereld(open_store(store_url, inrichten=False), vandaag=VANDAAG)
    assert later.college.regeling(date(PERIODE, 5, 1))["versie"] == 2
    later.contant(code, "400", datum=date(PERIODE, 4, 30))  # the day before: version 1, € 500
    try:
        later.contant(code, "400", datum=date(PERIODE, 5, 1))
        raise AssertionError("contant boven € 300 had geweigerd moeten worden")
    except ContantBovenMaximum as fout:
        assert fout.artikel == "art. 9 lid 3 onder b"
    [s] = vouw(later.college.gebeurtenissen())
    assert (s.budget, s.plafond, s.beschikbaar) == (bedrag("20.000"), bedrag("19.000"), bedrag("17.000"))
    [rij] = Leesdienst(later.app).saldi()
    assert (rij.budget, rij.plafond, rij.beschikbaar) == (s.budget, s.plafond, s.beschikbaar)
    assert _verifieer(store_url).code == 0


def test_een_factuurdatum_wordt_bewaard_en_de_betaaltermijn_geldt_op_beide(store_url):
    w = Wereld.ingericht(open_store(store_url), vandaag=VANDAAG)
    code = w.voucher("1.000")

    def verzilver(factuur: str, datum: date) -> dict:
        return w.kas.verzilver(
            m.Verzilver(
                code=code,
                bedrag=bedrag("10"),
                leverancier="Bouwmarkt",
                factuur=factuur,
                datum=datum,
                factuurdatum=date(PERIODE, 12, 31),
            )
        )

    verzilver("F-1", date(PERIODE + 1, 1, 30))
    try:
        verzilver("F-2", date(PERIODE + 1, 1, 31))
        raise AssertionError("een betaling na de betaaltermijn had geweigerd moeten worden")
    except TermijnVerstreken as fout:
        assert "30 januari 2027" in fout.melding

    later = Wereld(open_store(store_url, inrichten=False), vandaag=VANDAAG)
    [e] = [e for e in later.college.gebeurtenissen([g.VoucherVerzilverd])]
    assert (e.datum, e.factuurdatum) == (date(PERIODE + 1, 1, 30), date(PERIODE, 12, 31))
    assert later.kas.toon_voucher(code)["restant"] == bedrag("990")
    assert _verifieer(store_url).code == 0


def _verifieer(url: str):
    return voer_uit("verifieer", db=url, als_json=True, gebruiker=None)
