"""One durable PostgreSQL server with the 1.000.000 events of the benchmark store: a one-wijk report and a payment.

    python benchmarks/pg_miljoen.py [BRON.db]     # default: the cached store of benchmarks/test_herspelen.py

The rows are copied as stored (COPY of the same bytes: the hash chain still holds), then the
read models are rebuilt and the commands timed. README, "Landelijk: 342 gemeenten op PostgreSQL".
Not a test and not part of report.py: it takes many minutes.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from wereld import KAS, open_store  # noqa: E402

from commands import modellen as m  # noqa: E402
from commands.dienst import Dienst  # noqa: E402
from ledger.geld import Bedrag  # noqa: E402

BRON = sys.argv[1] if len(sys.argv) > 1 else "/tmp/voucher-bench/miljoen-1000000.db"
VOUCHER = str(ROOT / ".venv" / "bin" / "voucher")


def _pgserver():
    spec = importlib.util.spec_from_file_location("pgs", ROOT / "tests" / "pgserver.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def kopieer(url: str, bron: sqlite3.Connection) -> None:
    app = open_store(url)  # creates the tables
    tabellen = ((app.recorder.events_table_name, "stored_events", "rowid"),
                (app.snapshots.recorder.events_table_name, "stored_snapshots", "originator_id, originator_version"))  # fmt: skip
    app.close()
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        for tabel, bron_tabel, volgorde in tabellen:
            with cur.copy(f"COPY {tabel} (originator_id, originator_version, topic, state) FROM STDIN") as copy:
                for rij in bron.execute(
                    f"SELECT originator_id, originator_version, topic, state FROM {bron_tabel} ORDER BY {volgorde}"
                ):
                    copy.write_row(rij)
        conn.commit()
        conn.execute("ANALYZE")


def proces(url: str, *argv: str) -> float:
    env = dict(os.environ)
    env.pop("VOUCHER_GEBRUIKER", None)  # PostgreSQL: one acts under one's own login
    begin = time.time()
    uit = subprocess.run([VOUCHER, "--database", url, *argv], env=env, capture_output=True, text=True)
    duur = time.time() - begin
    print(argv, uit.returncode, f"{duur:.2f} s", uit.stderr[-300:], flush=True)
    return duur


def main() -> None:
    server = _pgserver().ThrowawayPostgres(durable=True)
    server.start()
    try:
        url = server.create_database("miljoen")
        bron = sqlite3.connect(BRON)
        begin = time.time()
        kopieer(url, bron)
        print(f"gekopieerd in {time.time() - begin:.1f} s", flush=True)
        proces(url, "herbouw")
        saldo = [proces(url, "saldo", "--wijk", "NOORD", "--periode", "2026") for _ in range(5)]
        print(f"saldo één wijk (leesmodel), mediaan {statistics.median(saldo):.2f} s", flush=True)

        staat = bron.execute("SELECT state FROM stored_events WHERE topic='voucher.Voucher.Verstrekt' LIMIT 1")
        code = json.loads(staat.fetchone()[0])["code"]
        kas = Dienst(open_store(url, inrichten=False), KAS, vandaag=date(2026, 11, 25))
        betaling = []
        for i in range(30):
            begin = time.perf_counter()
            kas.verzilver(
                m.Verzilver(
                    code=code,
                    bedrag=Bedrag.van_centen(1),
                    leverancier="Bouwmarkt",
                    factuur=f"PG-{i}",
                    datum=date(2026, 5, 1),
                )
            )
            betaling.append(time.perf_counter() - begin)
        print(f"één betaling in het proces, mediaan {statistics.median(betaling[3:]) * 1000:.2f} ms", flush=True)

        ruw = []
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(
                "CREATE TABLE ruw (id BIGSERIAL PRIMARY KEY, voucher TEXT, bedrag BIGINT, factuur TEXT UNIQUE)"
            )
            for i in range(30):
                begin = time.perf_counter()
                with conn.transaction():
                    conn.execute("INSERT INTO ruw (voucher, bedrag, factuur) VALUES (%s, %s, %s)", (code, 1, f"R-{i}"))
                ruw.append(time.perf_counter() - begin)
        print(f"ruwe insert + commit, mediaan {statistics.median(ruw[3:]) * 1000:.2f} ms", flush=True)

        rapport = proces(url, "rapport", "verantwoording", "--wijk", "NOORD", "--periode", "2026", "--formaat", "json")
        print(f"rapport verantwoording één wijk {rapport:.2f} s", flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
