"""`voucher backup PAD`: a consistent, verified copy of a SQLite store, taken while an import writes.

The import books all its payments in one transaction (all or nothing), so every copy holds the
store either before or after it, never a part; every copy verifies, and a restored copy (the
file put back under a new name) verifies against the log head the backup printed and takes new
acts. What a backup refuses: an existing path (nothing is overwritten), a tampered store (no copy
is kept), a PostgreSQL URL (pg_dump is the way there).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from wereld import KAS, Wereld, open_store

sys.path.insert(0, str(Path(__file__).parent.parent / "cli"))
from cli_hulp import voer_uit

KOP = "voucher,soort,bedrag,leverancier,factuur,datum\n"
BETALINGEN = 2000


def _winkel(db: Path) -> list[str]:
    app = open_store(str(db))
    try:
        w = Wereld.ingericht(app)
        return [w.voucher("5.000") for _ in range(4)]
    finally:
        app.close()


def _csv(pad: Path, codes: list[str]) -> Path:
    regels = [f"{codes[i % len(codes)]},verzilver,1,Bouwmarkt,B-{i:05d},2026-04-01\n" for i in range(BETALINGEN)]
    pad.write_text(KOP + "".join(regels), encoding="utf-8")
    return pad


def _aantal(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM stored_events").fetchone()[0])


def _backup(db: Path, doel: Path) -> dict:
    u = voer_uit("backup", str(doel), db=db, als_json=True)
    assert u.code == 0, u.err
    return json.loads(u.out)


def test_een_backup_tijdens_een_import_is_heel_en_laat_zich_terugzetten(tmp_path):
    db = tmp_path / "vouchers.db"
    codes = _winkel(db)
    voor = _aantal(db)
    env = {k: v for k, v in os.environ.items() if k != "VOUCHER_DATABASE"} | {"VOUCHER_GEBRUIKER": KAS}
    programma = str(Path(sys.executable).with_name("voucher"))
    importeur = subprocess.Popen(
        [programma, "--database", str(db), "import", "betalingen", str(_csv(tmp_path / "b.csv", codes))],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    kopieen: list[tuple[Path, dict, bool]] = []
    while True:
        bezig = importeur.poll() is None
        doel = tmp_path / f"kopie-{len(kopieen)}.db"
        u = _backup(db, doel)
        kopieen.append((doel, u, bezig and importeur.poll() is None))  # the import ran before and after it
        if not bezig:
            break
    _out, err = importeur.communicate(timeout=120)
    assert importeur.returncode == 0, err
    na = _aantal(db)
    assert na > voor
    assert any(tijdens for _, _, tijdens in kopieen), "no backup was taken while the import was running"

    for doel, u, _ in kopieen:
        assert u["pad"] == str(doel)
        assert u["gebeurtenissen"] in (voor, na), "a copy holds part of the import's transaction"
        assert u["gebeurtenissen"] == _aantal(doel)
        assert not any(Path(str(doel) + s).exists() for s in ("-wal", "-shm", "-journal")), "the copy is one file"

    # Restore the last copy taken during the import under a new name and carry on with it.
    doel, u, _ = next(k for k in reversed(kopieen) if k[2])
    terug = tmp_path / "teruggezet.db"
    shutil.copyfile(doel, terug)
    v = voer_uit("verifieer", "--kop", u["ketenkop"]["hash"], db=terug, als_json=True)
    assert v.code == 0, v.err
    assert json.loads(v.out)["kop"] == u["ketenkop"]["hash"]
    s = voer_uit("saldo", db=terug, als_json=True)
    assert s.code == 0, s.err
    verzilverd = json.loads(s.out)["totaal"]["verzilverd"]
    assert verzilverd in ("0.00", f"{BETALINGEN}.00")
    betaal = voer_uit(
        "verzilver", codes[0], "--bedrag", "2", "--leverancier", "Bouwmarkt", "--factuur", "NA-TERUGZETTEN",
        "--datum", "2026-04-02", db=terug, gebruiker=KAS,
    )  # fmt: skip
    assert betaal.code == 0, betaal.err
    assert voer_uit("verifieer", "--kop", u["ketenkop"]["hash"], db=terug).code == 0
    assert voer_uit("verifieer", db=db).code == 0  # the original, after the import and the backups


def test_een_backup_overschrijft_niets_en_bewaart_geen_kopie_van_een_gemanipuleerde_opslag(tmp_path):
    db = tmp_path / "vouchers.db"
    _winkel(db)
    bestaand = tmp_path / "bestaat.db"
    bestaand.write_bytes(b"van iemand anders")
    u = voer_uit("backup", str(bestaand), db=db)
    assert u.code == 2 and "overschrijft niets" in u.err
    assert bestaand.read_bytes() == b"van iemand anders"
    assert voer_uit("backup", str(tmp_path / "geen-map" / "k.db"), db=db).code == 2

    with sqlite3.connect(db) as conn:  # an administrator changes one stored amount
        rowid, staat = conn.execute(
            "SELECT rowid, state FROM stored_events WHERE topic LIKE '%Verstrekt%' ORDER BY rowid LIMIT 1"
        ).fetchone()
        conn.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (bytes(staat).replace(b"5", b"6", 1), rowid))
    doel = tmp_path / "kopie.db"
    u = voer_uit("backup", str(doel), db=db, als_json=True)
    assert u.code == 1 and json.loads(u.err)["fout"]["soort"] == "keten", u.err
    assert not doel.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".kopie")] == []


@pytest.mark.postgres
def test_backup_van_postgresql_verwijst_naar_pg_dump(postgres_url):
    u = voer_uit("backup", "/tmp/nooit.db", db=postgres_url, gebruiker=None)
    assert u.code == 2 and "pg_dump" in u.err
    assert not Path("/tmp/nooit.db").exists()
