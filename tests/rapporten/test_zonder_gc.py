"""The reports switch the cyclic garbage collector off for one phase and leave it as they found it."""

from __future__ import annotations

import gc

import pytest

from projections.rapporten.geschiedenis import vouw
from projections.rapporten.zonder_gc import zonder_gc


def test_uit_tijdens_de_fase_en_daarna_weer_aan():
    gezien = []
    zonder_gc(lambda: gezien.append(gc.isenabled()))()
    assert gezien == [False]
    assert gc.isenabled()


def test_ook_na_een_fout_weer_aan_en_uit_blijft_uit():
    def faalt() -> None:
        raise ValueError("fout")

    with pytest.raises(ValueError):
        zonder_gc(faalt)()
    assert gc.isenabled()
    gc.disable()
    try:
        assert vouw([]).meegeteld == 0
        assert not gc.isenabled()  # was off: stays off
    finally:
        gc.enable()
