"""The speed of the ledger, each against a baseline measured in the same run.

Groups pair a baseline (`basis`) with a measurement (`meting`); benchmarks/report.py turns
the medians into the ratios of the speed issue. Never part of the test run:
`pytest benchmarks --benchmark-only`.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import MILJOEN, VANDAAG, wereld_met_geschiedenis
from wereld import KAS, REGIE, WIJK, Wereld, open_store

from commands import modellen as m
from commands.demo import vul
from commands.dienst import Dienst
from commands.importeren import boek, lees
from ledger import ids, regels
from ledger.geld import Bedrag

RIJ = {"voucher": "V000001-01-0", "soort": "verzilver", "bedrag": 12345, "leverancier": "Bouwmarkt", "factuur": "F-1"}


# --- 1: the plafond check on the in-memory state ------------------------------------------
@pytest.fixture(scope="module")
def wijk_in_geheugen(tmp_path_factory):
    w = Wereld.ingericht(open_store(str(tmp_path_factory.mktemp("b1") / "v.db")), budget="100.000")
    w.voucher("1.000")
    return w.app.repository.get(ids.wijk_id(WIJK, 2026))


def test_1_plafondcontrole_basis(benchmark):
    benchmark.group = "1 plafondcontrole"
    beschikbaar = {WIJK: 9_900_000}

    def kijk() -> bool:
        return 123_456 <= beschikbaar[WIJK]

    assert benchmark(kijk)


def test_1_plafondcontrole_meting(benchmark, wijk_in_geheugen):
    benchmark.group = "1 plafondcontrole"
    bedrag = Bedrag.van_centen(123_456)

    ontvangen = date(2026, 2, 1)

    def controleer() -> bool:  # as Wijk.leg_vast: the plafond of the aanvraag's receipt (Awb 4:27 lid 2)
        regels.art_6_e_subsidieplafond(bedrag, wijk_in_geheugen.beschikbaar_voor(ontvangen))
        return True

    assert benchmark(controleer)


# --- 2: one redemption, durable, on SQLite and PostgreSQL ----------------------------------
def _sqlite_basis(pad: Path):
    conn = sqlite3.connect(pad, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE betalingen (id INTEGER PRIMARY KEY, voucher TEXT, soort TEXT, bedrag INTEGER, leverancier TEXT, factuur TEXT UNIQUE)"
    )
    teller = iter(range(10**9))

    def schrijf() -> None:
        i = next(teller)
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO betalingen VALUES (NULL,?,?,?,?,?)",
            (RIJ["voucher"], RIJ["soort"], RIJ["bedrag"], RIJ["leverancier"], f"F-{i}"),
        )
        conn.execute("COMMIT")

    return schrijf


def _postgres_basis(url: str):
    import psycopg

    conn = psycopg.connect(url, autocommit=True)
    conn.execute(
        "CREATE TABLE betalingen (id BIGSERIAL PRIMARY KEY, voucher TEXT, soort TEXT, bedrag BIGINT, leverancier TEXT, factuur TEXT UNIQUE)"
    )
    teller = iter(range(10**9))

    def schrijf() -> None:
        i = next(teller)
        with conn.transaction():
            conn.execute(
                "INSERT INTO betalingen (voucher, soort, bedrag, leverancier, factuur) VALUES (%s,%s,%s,%s,%s)",
                (RIJ["voucher"], RIJ["soort"], RIJ["bedrag"], RIJ["leverancier"], f"F-{i}"),
            )

    return schrijf


def _verzilvering(url: str):
    w = Wereld.ingericht(open_store(url), budget="1.000.000")
    codes = [w.voucher("5.000") for _ in range(20)]
    kas = Dienst(open_store(url, inrichten=False), KAS, vandaag=VANDAAG)  # one long-running process
    teller = iter(range(10**9))

    def verzilver() -> None:
        i = next(teller)
        kas.verzilver(
            m.Verzilver(
                code=codes[i % len(codes)],
                bedrag=Bedrag.van_centen(1),
                leverancier="Bouwmarkt",
                factuur=f"F-{i}",
                datum=date(2026, 5, 1),
            )
        )

    return verzilver


@pytest.fixture(params=["sqlite", "postgres"])
def opslag(request, tmp_path, durable_postgres, monkeypatch):
    if request.param == "sqlite":
        return request.param, str(tmp_path / "v.db"), tmp_path / "basis.db"
    monkeypatch.delenv("VOUCHER_GEBRUIKER", raising=False)  # PostgreSQL: one acts under one's own login
    naam = f"b_{tmp_path.name[-20:].lower().replace('-', '_')}"
    url = durable_postgres.create_database(naam)
    basis = durable_postgres.create_database(naam + "_basis")
    return request.param, url, basis


def test_2_verzilvering_basis(benchmark, opslag):
    soort, _, basis = opslag
    benchmark.group = f"2 verzilvering {soort}"
    schrijf = _sqlite_basis(basis) if soort == "sqlite" else _postgres_basis(basis)
    benchmark.pedantic(schrijf, rounds=200, warmup_rounds=10)


def test_2_verzilvering_meting(benchmark, opslag):
    soort, url, _ = opslag
    benchmark.group = f"2 verzilvering {soort}"
    benchmark.pedantic(_verzilvering(url), rounds=200, warmup_rounds=10)


# --- 3: importing 10,000 payments ------------------------------------------------------------
AANTAL = 10_000


def _sqlite_batch(pad: Path) -> None:
    conn = sqlite3.connect(pad, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE betalingen (id INTEGER PRIMARY KEY, voucher TEXT, soort TEXT, bedrag INTEGER, leverancier TEXT, factuur TEXT UNIQUE)"
    )
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO betalingen VALUES (NULL,?,?,?,?,?)",
        ((RIJ["voucher"], "verzilver", 100, "Bouwmarkt", f"F-{i}") for i in range(AANTAL)),
    )
    conn.execute("COMMIT")
    conn.close()


def _postgres_batch(url: str, ronde: int) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        tabel = f"betalingen_{ronde}"
        conn.execute(
            f"CREATE TABLE {tabel} (id BIGSERIAL PRIMARY KEY, voucher TEXT, soort TEXT, bedrag BIGINT, leverancier TEXT, factuur TEXT UNIQUE)"
        )
        with conn.transaction(), conn.cursor() as c:
            c.executemany(  # psycopg pipelines executemany: one batch, not a round trip per row
                f"INSERT INTO {tabel} (voucher, soort, bedrag, leverancier, factuur) VALUES (%s,%s,%s,%s,%s)",
                [(RIJ["voucher"], "verzilver", 100, "Bouwmarkt", f"F-{i}") for i in range(AANTAL)],
            )


@pytest.fixture(params=["sqlite", "postgres"])
def importopslag(request, tmp_path, durable_postgres, monkeypatch):
    """(kind, a fresh store per round, the baseline's store): as group 2, both stores, durable."""
    naam = f"i_{tmp_path.name[-20:].lower().replace('-', '_')}"
    if request.param == "sqlite":
        return (
            request.param,
            lambda ronde: str(tmp_path / f"v-{ronde}.db"),
            lambda ronde: tmp_path / f"basis-{ronde}.db",
        )
    monkeypatch.delenv("VOUCHER_GEBRUIKER", raising=False)  # PostgreSQL: one acts under one's own login
    basis = durable_postgres.create_database(naam + "_basis")
    return request.param, lambda ronde: durable_postgres.create_database(f"{naam}_{ronde}"), lambda _ronde: basis


def test_3_import_basis(benchmark, importopslag):
    soort, _, basis = importopslag
    benchmark.group = f"3 import van 10.000 betalingen {soort}"
    rondes = iter(range(100))

    def schrijf_alles() -> None:
        ronde = next(rondes)
        if soort == "sqlite":
            _sqlite_batch(basis(ronde))
        else:
            _postgres_batch(basis(ronde), ronde)

    benchmark.pedantic(schrijf_alles, rounds=5)


def test_3_import_meting(benchmark, tmp_path, importopslag):
    soort, opslag_voor, _ = importopslag
    benchmark.group = f"3 import van 10.000 betalingen {soort}"
    rondes = iter(range(100))

    def bereid() -> tuple[tuple[Dienst, list], dict]:
        ronde = next(rondes)
        w = Wereld.ingericht(open_store(opslag_voor(ronde)), budget="1.000.000")
        codes = [w.voucher("5.000") for _ in range(100)]
        pad = tmp_path / f"b-{ronde}.csv"
        pad.write_text(
            "voucher,soort,bedrag,leverancier,factuur,datum\n"
            + "".join(f"{codes[i % 100]},verzilver,1,Bouwmarkt,F-{i},2026-05-01\n" for i in range(AANTAL)),
            encoding="utf-8",
        )
        return (w.kas, lees(pad)), {}

    def importeer(kas: Dienst, betalingen: list) -> None:
        uit = boek(kas, betalingen)
        assert uit["geboekt"] == AANTAL

    benchmark.pedantic(importeer, setup=bereid, rounds=3)


# --- 4: one command with 100,000 prior events in the wijk, against 100 -------------------------
def _toekenning_met_geschiedenis(benchmark, tmp_path, wijk_gebeurtenissen: int) -> None:
    url = str(tmp_path / "v.db")
    w = wereld_met_geschiedenis(url, wijk_gebeurtenissen)
    dag = date(2026, 3, 1)

    def bereid():
        nummer = w.aanvraag("100", ontvangen=dag)
        dienst = Dienst(open_store(url, inrichten=False), REGIE, vandaag=VANDAAG)  # a fresh process: cold cache
        return (dienst, nummer), {}

    def ken_toe(dienst: Dienst, nummer: int) -> None:
        dienst.ken_toe(m.KenToe(nummer=nummer, datum=dag, buiten_volgorde="benchmark"))

    benchmark.pedantic(ken_toe, setup=bereid, rounds=30, warmup_rounds=2)


def test_4_toekenning_basis_100(benchmark, tmp_path):
    benchmark.group = "4 toekenning na geschiedenis"
    _toekenning_met_geschiedenis(benchmark, tmp_path, 100)


def test_4_toekenning_meting_100000(benchmark, tmp_path):
    benchmark.group = "4 toekenning na geschiedenis"
    _toekenning_met_geschiedenis(benchmark, tmp_path, 100_000)


# --- 6: `voucher --json saldo` as a whole process ----------------------------------------------
@pytest.fixture(scope="module")
def demo_opslag(tmp_path_factory) -> Path:
    pad = tmp_path_factory.mktemp("demo") / "vouchers.db"
    vul(open_store(str(pad)), omvang=1, zaad=2025)
    subprocess.run([_voucher(), "--database", str(pad), "--json", "saldo"], check=True, capture_output=True)
    return pad


def _voucher() -> str:
    return shutil.which("voucher", path=str(Path(sys.executable).parent)) or "voucher"


def test_6_saldo_proces_basis(benchmark):
    benchmark.group = "6 voucher --json saldo als proces"
    benchmark.pedantic(
        lambda: subprocess.run([sys.executable, "-c", "import click"], check=True, capture_output=True),
        rounds=40,
        warmup_rounds=3,
    )


def test_6_saldo_proces_meting(benchmark, demo_opslag):
    benchmark.group = "6 voucher --json saldo als proces"
    opdracht = [_voucher(), "--database", str(demo_opslag), "--json", "saldo"]
    benchmark.pedantic(lambda: subprocess.run(opdracht, check=True, capture_output=True), rounds=40, warmup_rounds=3)


# --- 9 and 10: `voucher contant` and `voucher verzilver` as a whole process ------------------------
# Goal 4 of the speed issue: one payment as a process costs at most 3x starting Python with click.
# Each round books € 0,01 as the kasbeheerder, on a voucher of € 1.000 (a real, durable write).
@pytest.fixture(scope="module")
def betaalopslag(tmp_path_factory) -> tuple[Path, str]:
    pad = tmp_path_factory.mktemp("betaal") / "vouchers.db"
    code = Wereld.ingericht(open_store(str(pad)), budget="100.000").voucher("1.000")
    return pad, code


def _als_kasbeheerder() -> dict[str, str]:
    import os

    return {**os.environ, "VOUCHER_GEBRUIKER": KAS}


def _import_click() -> None:
    subprocess.run([sys.executable, "-c", "import click"], check=True, capture_output=True)


def _betaal(opdracht: list[str], omgeving: dict[str, str]) -> None:
    uit = subprocess.run(opdracht, capture_output=True, env=omgeving, text=True)
    assert uit.returncode == 0, uit.stderr


def test_9_contant_proces_basis(benchmark):
    benchmark.group = "9 voucher contant als proces"
    benchmark.pedantic(_import_click, rounds=40, warmup_rounds=3)


def test_9_contant_proces_meting(benchmark, betaalopslag):
    benchmark.group = "9 voucher contant als proces"
    pad, code = betaalopslag
    opdracht = [_voucher(), "--database", str(pad), "--json", "contant", code, "--bedrag", "0,01"]
    omgeving = _als_kasbeheerder()
    benchmark.pedantic(lambda: _betaal(opdracht, omgeving), rounds=40, warmup_rounds=3)


def test_10_verzilver_proces_basis(benchmark):
    benchmark.group = "10 voucher verzilver als proces"
    benchmark.pedantic(_import_click, rounds=40, warmup_rounds=3)


def test_10_verzilver_proces_meting(benchmark, betaalopslag):
    benchmark.group = "10 voucher verzilver als proces"
    pad, code = betaalopslag
    omgeving = _als_kasbeheerder()
    teller = iter(range(10**9))

    def verzilver() -> None:
        factuur = f"B-{next(teller)}"
        opdracht = [_voucher(), "--database", str(pad), "--json", "verzilver", code, "--bedrag", "0,01"]
        opdracht += ["--leverancier", "Bouwmarkt", "--factuur", factuur]
        _betaal(opdracht, omgeving)

    benchmark.pedantic(verzilver, rounds=40, warmup_rounds=3)


# --- 7: `voucher vouchers` reads its read model as `saldo` does -----------------------------------
def test_7_vouchers_proces_basis(benchmark, demo_opslag):
    benchmark.group = "7 voucher --json vouchers als proces"
    opdracht = [_voucher(), "--database", str(demo_opslag), "--json", "saldo"]
    benchmark.pedantic(lambda: subprocess.run(opdracht, check=True, capture_output=True), rounds=40, warmup_rounds=3)


def test_7_vouchers_proces_meting(benchmark, demo_opslag):
    benchmark.group = "7 voucher --json vouchers als proces"
    opdracht = [_voucher(), "--database", str(demo_opslag), "--json", "vouchers"]
    benchmark.pedantic(lambda: subprocess.run(opdracht, check=True, capture_output=True), rounds=40, warmup_rounds=3)


# --- 5: rebuilding all projections from a million events (in process; 8 measures it as a process) -------
@pytest.fixture(scope="module")
def grote_opslag(miljoen_opslag) -> str:
    return miljoen_opslag


def test_5_herbouw_basis(benchmark, grote_opslag):
    benchmark.group = "5 herbouw van alle projecties sqlite"

    def lees_en_decodeer() -> int:
        conn = sqlite3.connect(grote_opslag)
        n = 0
        for _rowid, _topic, state in conn.execute("SELECT rowid, topic, state FROM stored_events ORDER BY rowid"):
            json.loads(state)
            n += 1
        conn.close()
        return n

    assert benchmark.pedantic(lees_en_decodeer, rounds=1) >= MILJOEN * 0.9


def test_5_herbouw_meting(benchmark, grote_opslag):
    from projections.bijwerken import herbouw

    benchmark.group = "5 herbouw van alle projecties sqlite"
    app = open_store(grote_opslag, inrichten=False)
    uit = benchmark.pedantic(lambda: herbouw(app), rounds=1)
    assert uit
