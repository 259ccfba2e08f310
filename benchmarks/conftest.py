"""Shared set-up for the benchmarks: stores with a history, a durable PostgreSQL.

Every benchmark has a baseline measured in the same run (see benchmarks/report.py, which
pairs them by group and prints the ratios). Run with `pytest benchmarks --benchmark-only`.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from wereld import PERIODE, REGIE, WIJK, Wereld, open_store  # noqa: E402

from commands.importeren import boek, lees  # noqa: E402
from ledger import ids  # noqa: E402
from ledger.aanvraag import Aanvraag  # noqa: E402
from ledger.geld import Bedrag  # noqa: E402
from ledger.namens import mandaat  # noqa: E402
from ledger.voucher import Voucher  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def bytecode_zoals_geinstalleerd() -> None:
    """The project's modules compiled to bytecode first, as `pip install .` leaves them.

    The baseline `python -c "import click"` loads click's bytecode, which pip wrote at install.
    An editable install of this project has none, and with PYTHONDONTWRITEBYTECODE set (as on
    the shared machine) every process would compile ~40 modules from source (~40 ms): a cost a
    user of the installed program never pays. The same files are used, only compiled ahead."""
    import compileall

    for naam in ("cli.py", "ledger", "commands", "projections", "opdrachtregel", "taal"):
        pad = ROOT / naam
        ok = compileall.compile_file(pad, quiet=1) if pad.is_file() else compileall.compile_dir(pad, quiet=1)
        assert ok, f"{pad} compileert niet"


def _pgserver():  # the test suite's throwaway-cluster helper, loaded by path
    spec = importlib.util.spec_from_file_location("bench_pgserver", ROOT / "tests" / "pgserver.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="session")
def durable_postgres() -> Iterator[object]:
    """A PostgreSQL with fsync and synchronous commit on: durable, like production."""
    server = _pgserver().ThrowawayPostgres(durable=True)
    server.start()
    yield server
    server.stop()


def vul_wijk_met_betalingen(w: Wereld, tmp: Path, vouchers: int, betalingen_per_voucher: int, naam: str) -> None:
    """Grow a wijk's history fast: grants, then batches of € 1 payments through the import."""
    codes = []
    for _ in range(vouchers):
        codes.append(w.voucher("5.000"))
    regels = ["voucher,soort,bedrag,leverancier,factuur,datum"]
    for i in range(betalingen_per_voucher):
        for j, code in enumerate(codes):
            regels.append(f"{code},verzilver,1,Leverancier {naam},{naam}-{i}-{j},2026-05-01")
    for start in range(1, len(regels), 10_000):
        pad = tmp / f"{naam}-{start}.csv"
        pad.write_text("\n".join([regels[0], *regels[start : start + 10_000]]) + "\n", encoding="utf-8")
        boek(w.kas, lees(pad))


def wereld_met_geschiedenis(url: str, wijk_gebeurtenissen: int) -> Wereld:
    """A wijk whose own stream holds about `wijk_gebeurtenissen` events (two per granted aanvraag).

    Built through the domain methods the service uses (registreer, neem_in_behandeling,
    ken_toe, leg_vast, Voucher), saved in large batches, so that a history of 100,000 wijk
    events (300,000 events in all) takes seconds rather than the hours a command per act would.
    """
    w = Wereld.ingericht(open_store(url), budget="100.000.000")
    app = w.app
    g = app.repository.get(ids.gemeente_id())
    wijk = app.repository.get(ids.wijk_id(WIJK, PERIODE))
    r = g.regeling
    kosten = Bedrag.van_centen(100_00)
    dag = date(PERIODE, 2, 1)
    persoon = {"naam": "B", "adres": "Straat 1", "telefoon": "06", "ondertekend": True}
    gegevens = {
        "omschrijving": "x",
        "planning": "y",
        "kosten": kosten,
        "vouchers_gewenst": None,
        "elders_subsidie": False,
    }
    batch: list[Any] = []
    for _ in range(wijk_gebeurtenissen // 2):
        n = g.registreer_aanvraag(WIJK, PERIODE, dag, REGIE)
        a = Aanvraag(
            nummer=n,
            wijk=WIJK,
            periode=PERIODE,
            ontvangen=dag,
            persoon=persoon,
            gegevens=gegevens,
            datum=dag,
            gebruiker=REGIE,
        )
        wijk.neem_in_behandeling(n, dag, dag, REGIE)
        vouchers = a.verdeel(kosten, None, r.max_voucherwaarde)
        a.ken_toe(
            kosten, vouchers, r.raadplegingsdrempel, wijk.beschikbaar, dag, REGIE, mandaat=mandaat("regiegroep", WIJK)
        )
        wijk.leg_vast(n, kosten, dag, REGIE)
        batch.append(a)
        batch.extend(
            Voucher(
                code=v["code"],
                aanvraag=n,
                wijk=WIJK,
                periode=PERIODE,
                waarde=v["bedrag"],
                uitvoeren_tot=wijk.uitvoeren_tot,
                datum=dag,
                gebruiker=REGIE,
            )
            for v in vouchers
        )
        if len(batch) >= 1000:
            app.save(g, wijk, *batch)
            batch = []
    app.save(g, wijk, *batch)
    return w


VANDAAG = date(2026, 11, 25)
os.environ.setdefault("VOUCHER_GEBRUIKER", "benchmark")


MILJOEN = int(os.environ.get("VOUCHER_BENCH_GEBEURTENISSEN", "1000000"))


@pytest.fixture(scope="session")
def miljoen_opslag(tmp_path_factory) -> str:
    """A store of MILJOEN events, built once and kept (VOUCHER_BENCH_MAP, default /tmp/voucher-bench).

    Building it through the domain takes minutes; every later run reuses the file. It is never
    written to by a benchmark except `herbouw`, which rebuilds the views it already has."""
    import shutil

    map_ = Path(os.environ.get("VOUCHER_BENCH_MAP", "/tmp/voucher-bench"))
    map_.mkdir(parents=True, exist_ok=True)
    pad = map_ / f"miljoen-{MILJOEN}.db"
    if not pad.exists():
        bouw = tmp_path_factory.mktemp("miljoen") / "v.db"
        wereld_met_geschiedenis(str(bouw), MILJOEN // 3)  # six events per granted aanvraag, two of them on the wijk
        app = open_store(str(bouw), inrichten=False)
        app.close()
        for staart in ("-wal", "-shm"):
            Path(f"{bouw}{staart}").unlink(missing_ok=True)
        shutil.move(str(bouw), pad)
    return str(pad)
