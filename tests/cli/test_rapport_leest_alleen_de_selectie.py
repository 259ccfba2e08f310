"""`voucher rapport verantwoording --wijk W --periode J` reads only that wijk and year (plus the gemeente) through
the selection index, and prints byte for byte what the fold of the whole log prints (issue 13, goal 2).

Through the command line in this process (cli_hulp.voer_uit), on the prepared store of tests/cli/conftest.py,
which holds three wijken in two budget years: for every format, with and without --tot and --bekend-op,
the report from the index is the report from the whole log; and the fold was given fewer events than the log holds.
"""

from __future__ import annotations

from typing import Any

import pytest
from cli_hulp import voer_uit

from commands import selectie
from projections.rapporten import geschiedenis

STANDEN = (
    (),
    ("--tot", "2026-03-31"),
    ("--bekend-op", "2026-03-15"),
    ("--tot", "2026-12-31", "--bekend-op", "2026-04-02"),
)


def _rapport(db: Any, wijk: str, periode: str, formaat: str, extra: tuple[str, ...]) -> tuple[int, str, str]:
    u = voer_uit("rapport", "verantwoording", "--wijk", wijk, "--periode", periode, "--formaat", formaat, *extra, db=db)
    return u.code, u.out, u.err


@pytest.mark.parametrize("formaat", ["tekst", "json", "csv", "html"])
@pytest.mark.parametrize("extra", STANDEN)
def test_het_rapport_van_een_wijk_uit_de_index_is_dat_van_het_hele_log(basis_store, monkeypatch, formaat, extra):
    gelezen: list[int] = []
    echte_vouw = geschiedenis.vouw

    def tellende_vouw(genummerd: Any, *args: Any, **kwargs: Any) -> Any:
        def tel() -> Any:
            for item in genummerd:
                gelezen.append(1)
                yield item

        return echte_vouw(tel(), *args, **kwargs)

    monkeypatch.setattr(geschiedenis, "vouw", tellende_vouw)
    for wijk, periode in (("NOORD", "2026"), ("oud", "2025"), ("KLEIN", "2026")):
        gelezen.clear()
        uit_de_index = _rapport(basis_store, wijk, periode, formaat, extra)
        via_index = len(gelezen)
        with monkeypatch.context() as m:
            m.setattr(selectie, "bruikbaar", lambda _app: None)  # as a store whose index cannot answer
            gelezen.clear()
            uit_het_log = _rapport(basis_store, wijk, periode, formaat, extra)
        assert uit_de_index == uit_het_log
        if "--bekend-op" not in extra:  # the store was written today: on an earlier day nothing was known yet
            assert uit_de_index[0] == 0, uit_de_index
        if uit_de_index[0] == 0:
            assert 0 < via_index < len(gelezen), (wijk, via_index, len(gelezen))


def test_een_onbekende_wijk_blijft_dezelfde_fout_met_en_zonder_index(basis_store):
    u = voer_uit("rapport", "verantwoording", "--wijk", "ZUID", "--periode", "2026", db=basis_store)
    assert u.code == 3 and "ZUID" in u.err and u.out == ""
