"""Crashes: a killed import and a PostgreSQL server that goes away.

1. `voucher import betalingen` killed with SIGKILL at several moments (early, in the middle,
   late, while it writes) leaves all of the file or none of it, on SQLite and PostgreSQL; a
   full re-import afterwards books every payment exactly once.
2. A private PostgreSQL cluster stopped before and during a command: exit 5, one `fout:` line
   saying the store is unreachable, no traceback, in bounded time, nothing half-written; after
   the server comes back the next command works.

Every test drives the real console script as an OS process.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import psycopg
import pytest
from wereld import KAS, PERIODE, Wereld, open_store

from commands import modellen as m

TOPIC = "voucher.Voucher.Verzilverd"
AANTAL = 3_000  # payments in the file
VOUCHERS = 10  # AANTAL / VOUCHERS payments of € 1,00 per voucher
KOP = "voucher,soort,bedrag,leverancier,factuur,datum\n"
ADMIN = "voucher_admin"  # the superuser login of the test servers: the actor on PostgreSQL


def _pgserver():
    return sys.modules["voucher_tests_pgserver"]  # loaded by tests/conftest.py


def _voucher() -> str:
    return shutil.which("voucher", path=str(Path(sys.executable).parent)) or "voucher"


def _env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VOUCHER_GEBRUIKER", "VOUCHER_DATABASE")}
    if not url.startswith("postgresql://"):
        env["VOUCHER_GEBRUIKER"] = KAS  # SQLite: the kasbeheerder; PostgreSQL: the login role acts
    return env


def _argv(url: str, *args: str) -> list[str]:
    return [_voucher(), "--database", url, *args]


def _run(url: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_argv(url, *args), env=_env(url), capture_output=True, text=True, timeout=timeout)


def _wereld(url: str) -> list[str]:
    """A store with VOUCHERS vouchers; the import's actor holds the kasbeheerder mandate."""
    app = open_store(url)
    try:
        w = Wereld.ingericht(app, budget="100.000")
        if url.startswith("postgresql://"):
            # The login role acts on PostgreSQL. It is only kasbeheerder: the regiegroep
            # mandate (separation of duties) stays with REGIE.
            w.college.geef_mandaat(m.GeefMandaat(aan=ADMIN, rol="kasbeheerder", datum=date(PERIODE, 1, 1)))
        return [w.voucher("1.000") for _ in range(VOUCHERS)]
    finally:
        app.close()


def _csv(pad: Path, codes: list[str], extra: list[str] = ()) -> Path:
    regels = [f"{codes[i % len(codes)]},verzilver,1,Bouwmarkt,F-{i:05d},2026-04-01" for i in range(AANTAL)]
    pad.write_text(KOP + "".join(r + "\n" for r in [*regels, *extra]), encoding="utf-8")
    return pad


def _betalingen(url: str) -> int:
    """Payment events in the store, as a fresh connection sees them."""
    if url.startswith("postgresql://"):
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            return conn.execute("SELECT count(*) FROM vouchers_events WHERE topic = %s", (TOPIC,)).fetchone()[0]
    with sqlite3.connect(url, timeout=30) as conn:
        return conn.execute("SELECT count(*) FROM stored_events WHERE topic = ?", (TOPIC,)).fetchone()[0]


def _alle_gebeurtenissen(url: str) -> int:
    if url.startswith("postgresql://"):
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            return conn.execute("SELECT count(*) FROM vouchers_events").fetchone()[0]
    with sqlite3.connect(url, timeout=30) as conn:
        return conn.execute("SELECT count(*) FROM stored_events").fetchone()[0]


def _schrijft(url: str) -> Callable[[], bool]:
    """A probe: is the import writing (or done writing) right now?"""
    if url.startswith("postgresql://"):
        dbname = url.rsplit("/", 1)[1]
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)

        def pg() -> bool:
            rij = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()"
                " AND query ILIKE 'INSERT%%'",
                (dbname,),
            ).fetchone()
            return rij[0] > 0

        pg.sluit = conn.close  # type: ignore[attr-defined]
        return pg
    wal = Path(url + "-wal")

    def sqlite() -> bool:
        try:
            return wal.stat().st_size > 0
        except FileNotFoundError:
            return False

    sqlite.sluit = lambda: None  # type: ignore[attr-defined]
    return sqlite


def _wacht_tot_sessies_weg(url: str) -> None:
    """PostgreSQL: wait until the killed client's backend has gone (its transaction ended)."""
    if not url.startswith("postgresql://"):
        return
    dbname = url.rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        for _ in range(300):
            n = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (dbname,)
            ).fetchone()[0]
            if n == 0:
                return
            time.sleep(0.05)
    raise AssertionError("the killed import's database session did not end")


def _start(url: str, pad: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _argv(url, "import", "betalingen", str(pad)),
        env=_env(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _dood(proc: subprocess.Popen[str]) -> tuple[int, str]:
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    _, stderr = proc.communicate(timeout=60)
    return proc.returncode, stderr


def test_een_met_sigkill_gestopte_import_boekt_alles_of_niets(store_url, tmp_path):
    codes = _wereld(store_url)
    pad = _csv(tmp_path / "betalingen.csv", codes)

    # Calibrate on this machine: the same file with one refused last line runs every step
    # but the write, and writes nothing (exit 1).
    geweigerd = _csv(tmp_path / "geweigerd.csv", codes, [f"{codes[0]},verzilver,100.000,Bouwmarkt,F-X,2026-04-01"])
    begin = time.monotonic()
    uit = _run(store_url, "import", "betalingen", str(geweigerd))
    duur = time.monotonic() - begin
    assert uit.returncode == 1, uit.stderr
    assert _betalingen(store_url) == 0

    gedood = 0
    uitkomsten = []
    # Kill at fractions of the calibrated time, then once as soon as it starts writing.
    for fractie in (0.2, 0.5, 0.85):
        proc = _start(store_url, pad)
        time.sleep(duur * fractie)
        code, stderr = _dood(proc)
        _wacht_tot_sessies_weg(store_url)
        n = _betalingen(store_url)
        uitkomsten.append((fractie, code, n, stderr[-300:]))
        assert n in (0, AANTAL), uitkomsten
        if code == -signal.SIGKILL:
            gedood += 1
            if n == AANTAL:
                break  # committed just before the kill: the rest would only be repeats
        else:
            assert code == 0, uitkomsten
            assert n == AANTAL
            break

    if _betalingen(store_url) == 0:
        proc = _start(store_url, pad)
        schrijft = _schrijft(store_url)
        try:
            grens = time.monotonic() + 10 * duur + 30
            while proc.poll() is None and not schrijft() and time.monotonic() < grens:
                time.sleep(0.002)
        finally:
            schrijft.sluit()  # type: ignore[attr-defined]
        code, stderr = _dood(proc)
        _wacht_tot_sessies_weg(store_url)
        n = _betalingen(store_url)
        uitkomsten.append(("schrijven", code, n, stderr[-300:]))
        assert n in (0, AANTAL), uitkomsten
        gedood += code == -signal.SIGKILL

    assert gedood >= 2, f"too few kills landed before the import ended: {uitkomsten}"

    # The next full import works and books every payment exactly once; a repeat books nothing.
    for _ in range(2):
        uit = _run(store_url, "--json", "import", "betalingen", str(pad))
        assert uit.returncode == 0, uit.stderr
        assert _betalingen(store_url) == AANTAL
    assert json.loads(uit.stdout)["geboekt"] == 0
    for code in codes:
        toon = json.loads(_run(store_url, "--json", "toon", code).stdout)
        assert toon["verzilverd"] == f"{AANTAL // VOUCHERS}.00"
    # Killed writers left no half-chained stream: every hash was written with its event.
    keten = _run(store_url, "--json", "verifieer")
    assert keten.returncode == 0 and json.loads(keten.stdout)["intact"] is True, keten.stderr


# --------------------------------------------------------------------------
# PostgreSQL goes away


def _herstart(pg) -> None:
    """Start the stopped private cluster again on the same data directory and port."""
    pg_ctl = os.path.join(pg.bindir, "pg_ctl")
    pg._run([pg_ctl, "start", "-w", "-t", "60", "-D", pg.datadir, "-l", pg.logfile], "pg_ctl start (restart)")
    pg._running = True


def _stop(pg) -> None:
    pg.stop(remove=False)  # pg_ctl stop -m immediate: a crash, as far as clients can tell


def _onbereikbaar(uit: subprocess.CompletedProcess[str], duur: float, grens: float = 20) -> None:
    assert uit.returncode == 5, (uit.returncode, uit.stdout, uit.stderr)
    assert "Traceback" not in uit.stderr
    regels = uit.stderr.strip().splitlines()
    assert len(regels) == 1 and regels[0].startswith("fout:"), uit.stderr
    assert "niet bereikbaar" in regels[0], regels[0]
    assert duur < grens, f"took {duur:.1f} s"


@pytest.fixture
def eigen_postgres():
    """A private cluster (durable: a commit that was reported survives a crash); never the shared server."""
    pg = _pgserver().ThrowawayPostgres(durable=True)
    pg.start()
    try:
        yield pg
    finally:
        pg.stop()


@pytest.mark.postgres
def test_postgres_weg_geeft_exit_5_en_niets_half_geschreven_en_daarna_werkt_het_weer(eigen_postgres, tmp_path):
    pg = eigen_postgres
    url = pg.create_database("crash")
    codes = _wereld(url)
    voor = _alle_gebeurtenissen(url)

    # Stopped before the command: reading and writing both give exit 5.
    _stop(pg)
    for args in (("saldo",), ("contant", codes[0], "--bedrag", "10", "--datum", "2026-04-01")):
        begin = time.monotonic()
        uit = _run(url, *args, timeout=60)
        _onbereikbaar(uit, time.monotonic() - begin)
    _herstart(pg)
    assert _alle_gebeurtenissen(url) == voor  # the refused write left nothing

    uit = _run(url, "--json", "saldo")
    assert uit.returncode == 0, uit.stderr
    uit = _run(url, "--json", "contant", codes[0], "--bedrag", "10", "--datum", "2026-04-01")
    assert uit.returncode == 0, uit.stderr
    voor = _alle_gebeurtenissen(url)

    # Stopped in the middle of an import: exit 5 and none of the file. Calibrated as above:
    # a refused copy of the file does all the work but the write; stop the server halfway.
    pad = _csv(tmp_path / "betalingen.csv", codes)
    geweigerd = _csv(tmp_path / "geweigerd.csv", codes, [f"{codes[0]},verzilver,100.000,Bouwmarkt,F-X,2026-04-01"])
    begin = time.monotonic()
    uit = _run(url, "import", "betalingen", str(geweigerd))
    duur = time.monotonic() - begin
    assert uit.returncode == 1, uit.stderr
    proc = _start(url, pad)
    time.sleep(duur / 2)
    assert proc.poll() is None, "the import ended before the server could be stopped"
    begin = time.monotonic()
    _stop(pg)
    stdout, stderr = proc.communicate(timeout=60)
    # An open pool's reads are retried 10 times by eventsourcing, each waiting the connect
    # timeout (2 s) for a connection: about 16-22 s; it was 37 s with a 5 s timeout.
    _onbereikbaar(
        subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr), time.monotonic() - begin, grens=30
    )
    _herstart(pg)
    assert _alle_gebeurtenissen(url) == voor
    assert _betalingen(url) == 0

    # Back again: the import goes through in full, once.
    uit = _run(url, "--json", "import", "betalingen", str(pad))
    assert uit.returncode == 0, uit.stderr
    assert _betalingen(url) == AANTAL
