"""Racing writers: eight OS processes of the real console script against one PostgreSQL.

Whatever the interleaving: the plafond is never exceeded, no voucher goes below zero, no
success is lost, and every process ends with a definite answer (0 or 1), not a conflict.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from wereld import PERIODE, WIJK, Wereld, open_store

from commands import modellen as m

PROCESSEN = 8
pytestmark = pytest.mark.postgres


def _voucher() -> str:
    return shutil.which("voucher", path=str(Path(sys.executable).parent)) or "voucher"


def _race(argvs: list[list[str]], url: str) -> list[subprocess.CompletedProcess[str]]:
    def een(argv: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [_voucher(), "--database", url, "--json", *argv], capture_output=True, text=True, timeout=60
        )

    with ThreadPoolExecutor(max_workers=len(argvs)) as pool:
        return list(pool.map(een, argvs))


def _login(postgres_server, postgres_url: str, naam: str) -> str:
    rol = f"{naam}_{postgres_url.rsplit('/', 1)[1][-8:]}"
    postgres_server.create_login_role(rol)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"GRANT SELECT, INSERT ON vouchers_events, vouchers_snapshots TO {rol}")
        conn.execute(f"GRANT USAGE ON SEQUENCE vouchers_events_notification_id_seq TO {rol}")
    return rol


def test_acht_processen_die_tegelijk_toekennen_overschrijden_het_plafond_nooit(postgres_url, postgres_server):
    w = Wereld.ingericht(open_store(postgres_url), budget="10.000")
    # The database owner is college; make it the regiegroep too, so the console script acts as it.
    w.college.geef_mandaat(m.GeefMandaat(aan="voucher_admin", rol="regiegroep", wijk=WIJK, datum=date(PERIODE, 1, 2)))
    nummers = [w.aanvraag("1.500") for _ in range(PROCESSEN)]

    uitslagen = _race(
        [["aanvraag", "toekennen", str(n), "--datum", "2026-03-01", "--buiten-volgorde", "race"] for n in nummers],
        postgres_url,
    )

    codes = [u.returncode for u in uitslagen]
    assert set(codes) <= {0, 1}, [(u.returncode, u.stderr) for u in uitslagen]
    assert codes.count(0) == 6  # 6 × 1.500 = 9.000; a 7th would pass the plafond of 10.000
    for u in uitslagen:
        if u.returncode == 1:
            assert json.loads(u.stderr)["fout"]["artikel"] == "art. 6 onder e"
    saldo = json.loads(
        subprocess.run(
            [_voucher(), "--database", postgres_url, "--json", "saldo"], capture_output=True, text=True, check=True
        ).stdout
    )
    [rij] = saldo["wijken"]
    assert Decimal(rij["toegekend"]) == Decimal("9000.00") <= Decimal(rij["plafond"])
    toegekend = sum(Decimal(json.loads(u.stdout)["bedrag"]) for u in uitslagen if u.returncode == 0)
    assert toegekend == Decimal(rij["toegekend"])  # no success lost, none counted twice
    keten = subprocess.run(
        [_voucher(), "--database", postgres_url, "--json", "verifieer"], capture_output=True, text=True
    )
    assert keten.returncode == 0 and json.loads(keten.stdout)["intact"] is True, keten.stderr


def test_acht_processen_die_tegelijk_van_een_voucher_betalen_maken_hem_nooit_negatief(postgres_url, postgres_server):
    w = Wereld.ingericht(open_store(postgres_url), budget="10.000")
    kas = _login(postgres_server, postgres_url, "kas")
    w.college.geef_mandaat(m.GeefMandaat(aan=kas, rol="kasbeheerder", datum=date(PERIODE, 1, 2)))
    code = w.voucher("1.000")
    als_kas = postgres_url.replace("voucher_admin@", f"{kas}@")

    uitslagen = _race(
        [["contant", code, "--bedrag", "300", "--datum", "2026-04-01"] for _ in range(PROCESSEN)], als_kas
    )

    codes = [u.returncode for u in uitslagen]
    assert set(codes) <= {0, 1}, [(u.returncode, u.stderr) for u in uitslagen]
    assert codes.count(0) == 3  # 3 × 300 fits in 1.000; a 4th would leave -200
    toon = json.loads(
        subprocess.run(
            [_voucher(), "--database", als_kas, "--json", "toon", code], capture_output=True, text=True, check=True
        ).stdout
    )
    assert Decimal(toon["contant"]) == Decimal("900.00")
    assert Decimal(toon["restant"]) == Decimal("100.00")
    # Writers that lost a race and retried left every chain whole: no hash of a failed save was used.
    keten = subprocess.run([_voucher(), "--database", als_kas, "--json", "verifieer"], capture_output=True, text=True)
    assert keten.returncode == 0 and json.loads(keten.stdout)["intact"] is True, keten.stderr
