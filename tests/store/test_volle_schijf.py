"""A full disk during a command and during an import: exit 5, one Dutch line, nothing half written.

The console script runs in a child process whose file-size limit (RLIMIT_FSIZE, with SIGXFSZ
ignored, so a write past it fails with EFBIG as on a full disk) leaves room to open the store
but not always to write what the command needs. A single payment is tried under a range of
limits, so that the write fails at different points (the first WAL frame, the middle, the
commit), and an import of many payments under one limit. Whatever the point: either the act
is recorded and the exit is 0, or nothing is recorded and the exit is 5 with one line; the
chain verifies afterwards and the store takes the act once the room is there.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from wereld import KAS, Wereld, open_store

KOP = "voucher,soort,bedrag,leverancier,factuur,datum\n"
SHM = 32 * 1024  # SQLite's shared-memory file for WAL mode, made at open: the limit must allow it
FRAME = 4096 + 24  # one page in the WAL
GRENS_ZETTEN = (
    "import os, resource, signal, sys\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "g = int(sys.argv[1]); resource.setrlimit(resource.RLIMIT_FSIZE, (g, g))\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


def _voucher(db: Path, *args: str, grens: int | None = None) -> subprocess.CompletedProcess[str]:
    programma = str(Path(sys.executable).with_name("voucher"))
    env = {k: v for k, v in os.environ.items() if k != "VOUCHER_DATABASE"} | {"VOUCHER_GEBRUIKER": KAS}
    argv = [programma, "--database", str(db), *args]
    if grens is not None:
        argv = [sys.executable, "-c", GRENS_ZETTEN, str(grens), *argv]
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)


def _aantal(db: Path) -> int:
    conn = sqlite3.connect(db)  # closing the last connection checkpoints the WAL: each try starts alike
    try:
        return int(conn.execute("SELECT count(*) FROM stored_events").fetchone()[0])
    finally:
        conn.close()


def _winkel(db: Path) -> list[str]:
    app = open_store(str(db))
    try:
        w = Wereld.ingericht(app)
        return [w.voucher("5.000") for _ in range(2)]
    finally:
        app.close()


def _een_regel_schijf(uit: subprocess.CompletedProcess[str]) -> None:
    regels = uit.stderr.strip().splitlines()
    assert len(regels) == 1 and regels[0].startswith("fout: "), uit.stderr
    assert "schijf" in regels[0] and "niets vastgelegd" in regels[0], regels[0]
    assert "Traceback" not in uit.stderr and uit.stdout == ""


def test_een_volle_schijf_tijdens_een_betaling(tmp_path):
    db = tmp_path / "vouchers.db"
    code = _winkel(db)[0]
    wal = Path(str(db) + "-wal")
    # A reader that stays open keeps the WAL from starting over, so every try appends to it and the
    # limit can be set just past its end: k more pages fit, the command needs more or less than that.
    lezer = sqlite3.connect(db)
    lezer.execute("BEGIN")
    lezer.execute("SELECT count(*) FROM stored_events").fetchone()
    # Past the floor of the shared-memory file first: then k frames of room are k frames, whatever
    # the exact number of pages one payment writes (which changes with the size of its events).
    voorbereid_aantal = 0
    while (wal.stat().st_size if wal.exists() else 0) <= SHM:
        voorbereid_aantal += 1
        voorbereid = _voucher(db, "verzilver", code, "--bedrag", "1", "--leverancier", "Bouwmarkt", "--factuur",
                              f"P-{_aantal(db)}", "--datum", "2026-04-01")  # fmt: skip
        assert voorbereid.returncode == 0, voorbereid.stderr
    uitkomsten = []
    try:
        for k in range(0, 14):
            voor = _aantal(db)
            grens = max(wal.stat().st_size if wal.exists() else 0, SHM) + k * FRAME
            uit = _voucher(
                db, "verzilver", code, "--bedrag", "1", "--leverancier", "Bouwmarkt", "--factuur", f"S-{k}",
                "--datum", "2026-04-01", grens=grens,
            )  # fmt: skip
            na = _aantal(db)
            assert uit.returncode in (0, 5), (uit.returncode, uit.stderr)
            if uit.returncode == 5:
                _een_regel_schijf(uit)
                assert na == voor, f"exit 5, but {na - voor} event(s) recorded"
            else:
                assert na > voor, "exit 0, but nothing recorded"
            uitkomsten.append(uit.returncode)
    finally:
        lezer.close()
    assert 5 in uitkomsten and 0 in uitkomsten, uitkomsten  # the limit did bite, and enough room did suffice

    keten = _voucher(db, "--json", "verifieer")
    assert keten.returncode == 0 and json.loads(keten.stdout)["intact"] is True, keten.stderr
    toon = json.loads(_voucher(db, "--json", "toon", code).stdout)
    assert toon["verzilverd"] == f"{uitkomsten.count(0) + voorbereid_aantal}.00"  # exactly the payments that answered 0


def test_een_volle_schijf_tijdens_een_import(tmp_path):
    db = tmp_path / "vouchers.db"
    codes = _winkel(db)
    regels = [f"{codes[i % 2]},verzilver,1,Bouwmarkt,I-{i:05d},2026-04-01\n" for i in range(1500)]
    csv = tmp_path / "betalingen.csv"
    csv.write_text(KOP + "".join(regels), encoding="utf-8")
    voor = _aantal(db)

    uit = _voucher(db, "import", "betalingen", str(csv), grens=SHM + 32 + 60 * FRAME)
    assert uit.returncode == 5, (uit.returncode, uit.stdout, uit.stderr)
    _een_regel_schijf(uit)
    assert _aantal(db) == voor  # all or nothing: nothing
    assert _voucher(db, "verifieer").returncode == 0

    uit = _voucher(db, "--json", "import", "betalingen", str(csv))  # with room: all of it, once
    assert uit.returncode == 0, uit.stderr
    assert json.loads(uit.stdout)["geboekt"] == 1500
    assert _voucher(db, "verifieer").returncode == 0
