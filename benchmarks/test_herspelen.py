"""8: replaying a store of a million events as processes, against a raw read of the same rows.

Each command is a whole process (`voucher --database D ...`), as an accountant runs it; the
baseline is a Python process that selects every row and JSON-decodes it (for `verifieer`:
and one SHA-256 per row). The peak memory of each process (ru_maxrss) goes into the
benchmark's extra_info and into the table of benchmarks/report.py.

    VOUCHER_BENCH_GEBEURTENISSEN=1000000   # the size (default); the store is cached, see conftest.py
    VOUCHER_BENCH_RONDES=1                 # rounds per command (default 1: a round takes tens of seconds)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RONDES = int(os.environ.get("VOUCHER_BENCH_RONDES", "1"))
RUW = """
import hashlib, json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
for _rowid, _stroom, _versie, _topic, state in conn.execute(
    "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events ORDER BY rowid"
):
    json.loads(state)
    if len(sys.argv) > 2:
        hashlib.sha256(state).hexdigest()
"""


def _voucher() -> str:
    return shutil.which("voucher", path=str(Path(sys.executable).parent)) or "voucher"


def _proces(opdracht: list[str], piek: list[int], map_: Path) -> None:
    # /usr/bin/time measures the command's own peak (a forked child would count the benchmark's memory too).
    meting = map_ / "piek.txt"
    uit = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(meting), *opdracht], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert uit.returncode == 0, uit.stderr.decode()
    piek.append(int(meting.read_text().split()[-1]) // 1024)  # KB -> MB


def _meet(benchmark, opdracht: list[str], map_: Path) -> None:
    piek: list[int] = []
    benchmark.pedantic(lambda: _proces(opdracht, piek, map_), rounds=RONDES, iterations=1)
    benchmark.extra_info["piek_mb"] = max(piek)


COMMANDO = {
    "herbouw": ["herbouw"],
    "verifieer": ["verifieer"],
    "saldo --per": ["saldo", "--per", "2026-12-31"],
    "rapport raad": ["rapport", "raad"],
    "verantwoording json": ["rapport", "verantwoording", "--formaat", "json"],
    "verantwoording tekst": ["rapport", "verantwoording", "--formaat", "tekst"],
    "verantwoording csv": ["rapport", "verantwoording", "--formaat", "csv"],
    "verantwoording html": ["rapport", "verantwoording", "--formaat", "html"],
}
WELKE = [w for w in os.environ.get("VOUCHER_BENCH_HERSPELEN", ",".join(COMMANDO)).split(",") if w]


@pytest.mark.parametrize("naam", WELKE)
def test_8_herspelen_basis(benchmark, miljoen_opslag, naam, tmp_path):
    benchmark.group = f"8 herspelen: {naam}"
    extra = ["sha"] if naam == "verifieer" else []
    _meet(benchmark, [sys.executable, "-c", RUW, miljoen_opslag, *extra], tmp_path)


@pytest.mark.parametrize("naam", WELKE)
def test_8_herspelen_meting(benchmark, miljoen_opslag, naam, tmp_path):
    benchmark.group = f"8 herspelen: {naam}"
    _meet(benchmark, [_voucher(), "--database", miljoen_opslag, *COMMANDO[naam]], tmp_path)
