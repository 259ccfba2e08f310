"""11: work, not history — a report or saldo of one wijk and year with ten times more unrelated history.

Two stores, built once and kept (VOUCHER_BENCH_MAP, default /tmp/voucher-bench):
- `werk-veel.db`: the demo at omvang 11 (44 wijken of 2025): the wijk NOORD/2025 among ten
  times more history of other wijken;
- `werk-een.db`: a copy of it holding only NOORD/2025 and the gemeente's stream (every other
  stream removed, with its rows of the selection index): the same work, without the rest.
The baseline is the command on `werk-een.db`, the measurement the same command on
`werk-veel.db`; the goal (issue 13, 2) is a ratio of at most 1,5.

- `saldo --per`: `voucher --json saldo --wijk NOORD --periode 2025 --per 2025-09-30` as a process;
- `verantwoording <formaat>`: what `voucher rapport verantwoording --wijk NOORD --periode 2025
  --formaat F` does, in the process: the fold of the selection (commands/geschiedenis.py
  `lees_geschiedenis` with a `Selectie`), the applicants' names of that wijk and year
  (`Dienst.aanvragers` with the selection), the model, the format and the ketenkop (`logkop`).
  In the process, because the command line passes the selection on once cli.py does.

    VOUCHER_BENCH_RONDES=5   # rounds per measurement (default 5)
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from wereld import open_store

RONDES = int(os.environ.get("VOUCHER_BENCH_RONDES", "5"))
WIJK, PERIODE = "NOORD", 2025
OMVANG = 11  # 4 wijken per omvang: NOORD and 43 others


def _voucher() -> str:
    return shutil.which("voucher", path=str(Path(sys.executable).parent)) or "voucher"


@pytest.fixture(scope="session")
def werkopslagen(tmp_path_factory) -> dict[str, str]:
    from commands import selectie
    from commands.demo import vul

    map_ = Path(os.environ.get("VOUCHER_BENCH_MAP", "/tmp/voucher-bench"))
    map_.mkdir(parents=True, exist_ok=True)
    veel, een = map_ / f"werk-veel-{OMVANG}.db", map_ / f"werk-een-{OMVANG}.db"
    if not veel.exists():
        bouw = tmp_path_factory.mktemp("werk") / "v.db"
        app = open_store(str(bouw))
        vul(app, omvang=OMVANG)
        app.close()
        with sqlite3.connect(bouw) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.move(str(bouw), veel)
        een.unlink(missing_ok=True)
    if not een.exists():
        _alleen_de_wijk(veel, een)
    for pad in (veel, een):  # as `voucher init` leaves an older store: the index and its tables complete
        app = open_store(str(pad), inrichten=False)
        selectie.richt_in(app)
        app.close()
    return {"veel": str(veel), "een": str(een)}


def _alleen_de_wijk(veel: Path, een: Path) -> None:
    """A copy of `veel` with only NOORD/2025 and the gemeente: whole streams removed, the rest untouched."""
    from commands import selectie

    with sqlite3.connect(veel) as conn:
        conn.execute("VACUUM INTO ?", (str(een),))
    conn = sqlite3.connect(een)
    weg = f"SELECT notification_id FROM {selectie.TABEL} WHERE NOT ((wijk = ? AND periode = ?) OR wijk = ?)"
    with conn:
        params = (WIJK, PERIODE, selectie.GEMEENTE)
        conn.execute(f"DELETE FROM stored_events WHERE rowid IN ({weg})", params)
        conn.execute(f"DELETE FROM {selectie.TABEL} WHERE notification_id IN ({weg})", params)
        conn.execute(
            "DELETE FROM stored_snapshots WHERE originator_id NOT IN (SELECT originator_id FROM stored_events)"
        )
        conn.execute(f"DROP TABLE IF EXISTS {selectie.KOPPEN}")  # heads of the whole log: noted again by reports
        for (tabel,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'vouchers_proj%'"
        ):
            conn.execute(f"DROP TABLE {tabel}")  # the read models of the whole log: made again when asked
    conn.execute("VACUUM")
    conn.close()


def _saldo(pad: str) -> None:
    opdracht = [_voucher(), "--database", pad, "--json", "saldo", "--wijk", WIJK, "--periode", str(PERIODE)]
    uit = subprocess.run([*opdracht, "--per", "2025-09-30"], capture_output=True)
    assert uit.returncode == 0, uit.stderr.decode()


def _verantwoording(pad: str, formaat: str) -> Any:
    from commands.adres import lees_url
    from commands.dienst import Dienst
    from commands.geschiedenis import lees_geschiedenis
    from commands.opslag import open_ledger
    from commands.selectie import Selectie
    from projections.rapporten import handelingen
    from projections.rapporten import verantwoording as v
    from projections.rapporten.geschiedenis import vouw
    from projections.rapporten.opmaak import json_tekst

    app = open_ledger(lees_url(pad))
    try:
        dienst = Dienst(app, "demo.wethouder")
        h = lees_geschiedenis(dienst, lambda genummerd: vouw(genummerd), Selectie(WIJK, PERIODE))
        model = v.bouw(h, WIJK, PERIODE, aanvragers=dienst.aanvragers((WIJK, PERIODE)))
        positie, kop = app.logkop(h.kop_positie)
        model = model | {"ketenkop": {"positie": positie, "hash": kop}}
        schrijf = {"tekst": v.tekst, "csv": handelingen.csv, "json": json_tekst, "html": v.html}[formaat]
        return schrijf(model)
    finally:
        app.close()


METINGEN = ["saldo --per", "verantwoording json", "verantwoording tekst", "verantwoording csv", "verantwoording html"]


def _doe(naam: str, pad: str) -> Any:
    if naam == "saldo --per":
        return _saldo(pad)
    return _verantwoording(pad, naam.split()[-1])


@pytest.mark.parametrize("naam", METINGEN)
def test_11_werk_basis(benchmark, werkopslagen, naam):
    benchmark.group = f"11 werk, niet geschiedenis: {naam}"
    benchmark.pedantic(lambda: _doe(naam, werkopslagen["een"]), rounds=RONDES, iterations=1, warmup_rounds=1)


@pytest.mark.parametrize("naam", METINGEN)
def test_11_werk_meting(benchmark, werkopslagen, naam):
    benchmark.group = f"11 werk, niet geschiedenis: {naam}"
    if naam != "saldo --per":  # the same report from both stores, but for the head of the whole log
        een, veel = _doe(naam, werkopslagen["een"]), _doe(naam, werkopslagen["veel"])
        assert len(een) > 1000 and len(veel) > 1000
    benchmark.pedantic(lambda: _doe(naam, werkopslagen["veel"]), rounds=RONDES, iterations=1, warmup_rounds=1)
