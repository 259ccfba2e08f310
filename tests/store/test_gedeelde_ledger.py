"""One ledger shared by threads: the hash chain stays whole.

A long-running process (a service, a test helper) keeps one VoucherLedger and lets several
threads act through it. Sixteen threads pay from the same two vouchers at the same time, so
they race on the same streams (the vouchers, the wijk's invoice register): losers of a race
retry (commands.dienst), winners commit. Whatever the interleaving, every stored event must
chain to the hash of the event that was really stored before it, and `verifieer` must find
the history intact after every run.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from wereld import KAS, PERIODE, Wereld, bedrag, open_store

from commands import modellen as m
from commands.dienst import Dienst
from commands.verifieren import verifieer

DRADEN = 16
BETALINGEN_PER_DRAAD = 3
RONDEN = 3


def _betaal_tegelijk(w: Wereld, codes: list[str], ronde: int) -> list[BaseException]:
    start = threading.Barrier(DRADEN)
    fouten: list[BaseException] = []

    def draad(n: int) -> None:
        dienst = Dienst(w.app, KAS, vandaag=w.vandaag)  # one service per thread, one ledger for all
        try:
            start.wait()
            for i in range(BETALINGEN_PER_DRAAD):
                dienst.verzilver(
                    m.Verzilver(
                        code=codes[(n + i) % len(codes)],
                        bedrag=bedrag("1"),
                        leverancier="Bouwmarkt",
                        factuur=f"R{ronde}-D{n}-{i}",
                        datum=date(PERIODE, 4, 1),
                    )
                )
        except BaseException as e:
            fouten.append(e)

    draden = [threading.Thread(target=draad, args=(n,)) for n in range(DRADEN)]
    for t in draden:
        t.start()
    for t in draden:
        t.join(timeout=300)
    return fouten


@pytest.mark.parametrize("ronde", range(RONDEN))
def test_zestien_draden_door_een_ledger_laten_de_keten_heel(store_url, ronde):
    app = open_store(store_url)
    try:
        w = Wereld.ingericht(app)
        codes = [w.voucher("1.000"), w.voucher("1.000")]
        for r in range(2):  # two runs through the same ledger: the second starts from what the first cached
            fouten = _betaal_tegelijk(w, codes, r)
            assert not fouten, fouten[:3]
            u = verifieer(app, [])
            assert u["breuk"] is None, u["breuk"]
            assert u["intact"] is True
        betaald = sum(w.kas.toon_voucher(c)["verzilverd"].centen for c in codes)
        assert betaald == 2 * DRADEN * BETALINGEN_PER_DRAAD * 100  # every payment once, none lost
    finally:
        app.close()
