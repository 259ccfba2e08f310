"""Group 12: a payment on a voucher with 20,000 earlier payments, against one on a fresh voucher.

Each round is a fresh process's first payment (a new ledger and service: nothing cached), so
what it costs to load the voucher is in the measurement: its snapshot and the events after it,
not its whole history. The 20,000 payments are booked through the import (the same rules per
line as `voucher verzilver`), in two batches of 10,000.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from conftest import VANDAAG
from wereld import KAS, Wereld, open_store

from commands import modellen as m
from commands.dienst import Dienst
from commands.importeren import boek, lees
from ledger.geld import Bedrag

EERDER = 20_000
DAG = date(2026, 5, 1)


@pytest.fixture(scope="module")
def lange_voucher(tmp_path_factory) -> tuple[str, str, str]:
    """(store, the code of a voucher with EERDER payments, the code of a voucher without any)."""
    map_ = tmp_path_factory.mktemp("lang")
    url = str(map_ / "v.db")
    w = Wereld.ingericht(open_store(url), budget="1.000.000")
    lang, vers = w.voucher("5.000"), w.voucher("5.000")
    for partij in range(EERDER // 10_000):
        pad = map_ / f"p{partij}.csv"
        pad.write_text(
            "voucher,soort,bedrag,leverancier,factuur,datum\n"
            + "".join(f'{lang},verzilver,"0,01",Bouwmarkt,L-{partij}-{i},{DAG}\n' for i in range(10_000)),
            encoding="utf-8",
        )
        assert boek(w.kas, lees(pad))["geboekt"] == 10_000
    return url, lang, vers


def _betaal_koud(url: str, code: str, benchmark) -> None:
    teller = iter(range(10**9))

    def bereid():
        dienst = Dienst(open_store(url, inrichten=False), KAS, vandaag=VANDAAG)  # a fresh process
        return (dienst, next(teller)), {}

    def betaal(dienst: Dienst, i: int) -> None:
        dienst.verzilver(
            m.Verzilver(
                code=code, bedrag=Bedrag.van_centen(1), leverancier="Bouwmarkt", factuur=f"{code}-{i}", datum=DAG
            )
        )

    # The replays of a million events just before leave gigabytes to be written back; flushed first, so that
    # the durable commits measured here wait for their own writes, not for those (os.sync: the whole machine).
    os.sync()
    benchmark.pedantic(betaal, setup=bereid, rounds=30, warmup_rounds=2)


def test_12_lange_voucher_basis(benchmark, lange_voucher):
    benchmark.group = "12 betaling na 20.000 betalingen"
    url, _, vers = lange_voucher
    _betaal_koud(url, vers, benchmark)


def test_12_lange_voucher_meting(benchmark, lange_voucher):
    benchmark.group = "12 betaling na 20.000 betalingen"
    url, lang, _ = lange_voucher
    _betaal_koud(url, lang, benchmark)
