"""Settings come from the project alone: no environment variable switches the safeguards off.

eventsourcing merges the process environment into an application's settings, and upper-cased
`VOUCHERS_`-prefixed variables override even what the application sets. The ledger ignores
them all (README, PostgreSQL). Each test below sets one library variable, in its plain and in
its prefixed form, in the environment of the real console script, and checks what the
variable would have broken:

- PostgreSQL: the writer still waits for the advisory lock (another session holds it; the
  command is seen waiting for it in pg_locks and finishes once it is released), the mandate
  still brings its GRANT (the login becomes a member of the group role), the event lands in
  `vouchers_events` and the chain verifies.
- SQLite: the act still lands in the file given by --database, in the project's format (the
  chain verifies, the store stays readable without the variable).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest

from commands.pgopslag import SCHRIJFSLOT
from commands.rechten import groepsrol

# What each variable would do if the library read it: the value is chosen to do harm.
SCHADELIJK = {
    "POSTGRES_ENABLE_DB_FUNCTIONS": "y",  # insert through the library's function: no lock, no GRANT
    "PERSISTENCE_MODULE": "eventsourcing.popo",  # an in-memory store: the act would be lost
    "INFRASTRUCTURE_FACTORY": "eventsourcing.popo:Factory",
    "APPLICATION_RECORDER_TOPIC": "eventsourcing.postgres:PostgresApplicationRecorder",  # the library's recorder
    "AGGREGATE_RECORDER_TOPIC": "eventsourcing.postgres:PostgresAggregateRecorder",
    "MAPPER_TOPIC": "eventsourcing.persistence:Mapper",  # no hash chain
    "COMPRESSOR_TOPIC": "zlib",  # a mixed store: compressed events among plain ones
    "CIPHER_KEY": "AAAAAAAAAAAAAAAAAAAAAA==",  # a mixed store: encrypted events among plain ones
    "POSTGRES_SCHEMA": "information_schema",
    "POSTGRES_DBNAME": "postgres",  # another database
    "POSTGRES_LOCK_TIMEOUT": "0",
    "CREATE_TABLE": "y",
}
SQLITE_SCHADELIJK = {
    "PERSISTENCE_MODULE": "eventsourcing.popo",
    "SQLITE_DBNAME": "/tmp/elders-{uuid}.db",  # a file the act must not go to
    "MAPPER_TOPIC": "eventsourcing.persistence:Mapper",
    "COMPRESSOR_TOPIC": "zlib",
    "CIPHER_KEY": "AAAAAAAAAAAAAAAAAAAAAA==",
}
VORMEN = ("", "VOUCHERS_")  # plain, and prefixed with the application's name (which overrides): both set at once


def _met(omgeving: dict[str, str], variabele: str, waarde: str) -> dict[str, str]:
    return omgeving | {vorm + variabele: waarde for vorm in VORMEN}


def _voucher(url: str, *args: str, env: dict[str, str], **kwargs: Any) -> subprocess.Popen[str]:
    programma = Path(sys.executable).with_name("voucher")
    return subprocess.Popen(
        [str(programma), "--database", url, "--json", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _schone_omgeving() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("VOUCHER_DATABASE", "VOUCHER_GEBRUIKER")}


def _uitvoeren(url: str, *args: str, env: dict[str, str]) -> tuple[int, str, str]:
    proc = _voucher(url, *args, env=env)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


# --- PostgreSQL ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pg_opslag(postgres_server: Any) -> Any:
    """One store for all variables (each test gives a fresh login a mandate)."""
    naam = "t_inst_" + uuid.uuid4().hex[:8]
    url = postgres_server.create_database(naam)
    code, _out, err = _uitvoeren(url, "init", "--gemeente", "Teststad", env=_schone_omgeving())
    assert code == 0, err
    logins: list[str] = []
    yield postgres_server, naam, url, logins
    postgres_server.drop_database(naam)
    for rol in ("kasbeheerder", "regiegroep", "college"):
        postgres_server.drop_role(groepsrol(naam, rol))
    for login in logins:
        postgres_server.drop_role(login)


def _wachtend_op_schrijfslot(conn: psycopg.Connection[Any]) -> int:
    hoog, laag = SCHRIJFSLOT >> 32, SCHRIJFSLOT & 0xFFFFFFFF
    rij = conn.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
        "AND classid = %s AND objid = %s AND objsubid = 1",
        (hoog, laag),
    ).fetchone()
    return int(rij[0]) if rij else 0


def _is_lid(conn: psycopg.Connection[Any], login: str, groep: str) -> bool:
    rij = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
        "JOIN pg_roles l ON l.oid = m.member WHERE r.rolname = %s AND l.rolname = %s)",
        (groep, login),
    ).fetchone()
    return bool(rij and rij[0])


@pytest.mark.postgres
@pytest.mark.parametrize("variabele", sorted(SCHADELIJK))
def test_een_bibliotheekvariabele_schakelt_slot_en_rechten_niet_uit(pg_opslag, variabele):
    server, naam, url, logins = pg_opslag
    login = f"k_{uuid.uuid4().hex[:10]}"
    server.create_login_role(login)
    logins.append(login)
    env = _met(_schone_omgeving(), variabele, SCHADELIJK[variabele])

    with psycopg.connect(url, autocommit=True) as houder, psycopg.connect(url, autocommit=True) as kijker:
        voor = houder.execute("SELECT count(*) FROM vouchers_events").fetchone()[0]  # type: ignore[index]
        houder.execute("SELECT pg_advisory_lock(%s)", (SCHRIJFSLOT,))
        proc = _voucher(url, "mandaat", "geven", login, "--rol", "kasbeheerder", env=env)
        try:
            tot = time.monotonic() + 8  # within the writer's lock_timeout (10 s)
            while not _wachtend_op_schrijfslot(kijker) and proc.poll() is None and time.monotonic() < tot:
                time.sleep(0.02)
            wachtte = _wachtend_op_schrijfslot(kijker) > 0
            assert not _is_lid(kijker, login, groepsrol(naam, "kasbeheerder")), "GRANT vóór het slot vastgelegd"
        finally:
            houder.execute("SELECT pg_advisory_unlock(%s)", (SCHRIJFSLOT,))
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert wachtte, f"met {variabele} wachtte de schrijver niet op het schrijfslot"
        assert json.loads(out)["gebruiker"] == login
        assert _is_lid(kijker, login, groepsrol(naam, "kasbeheerder")), "het mandaat bracht zijn GRANT niet mee"
        na = houder.execute("SELECT count(*) FROM vouchers_events").fetchone()[0]  # type: ignore[index]
        assert na > voor

    code, out, err = _uitvoeren(url, "verifieer", env=_schone_omgeving())  # in the project's format
    assert code == 0 and json.loads(out)["intact"] is True, err


# --- SQLite ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("variabele", sorted(SQLITE_SCHADELIJK))
def test_een_bibliotheekvariabele_verlegt_de_sqlite_opslag_niet(tmp_path, variabele):
    db = str(tmp_path / "vouchers.db")
    schoon = _schone_omgeving() | {"VOUCHER_GEBRUIKER": "wethouder"}
    assert _uitvoeren(db, "init", "--gemeente", "Teststad", env=schoon)[0] == 0
    elders = SQLITE_SCHADELIJK[variabele].replace("{uuid}", uuid.uuid4().hex)
    env = _met(schoon, variabele, elders)

    code, out, err = _uitvoeren(db, "mandaat", "geven", "kees", "--rol", "kasbeheerder", env=env)
    assert code == 0, err

    if variabele == "SQLITE_DBNAME":
        assert not Path(elders).exists()
    code, out, err = _uitvoeren(db, "mandaat", "lijst", env=schoon)  # read back without the variable
    assert code == 0, err
    assert "kees" in out
    code, out, err = _uitvoeren(db, "verifieer", env=schoon)
    assert code == 0 and json.loads(out)["intact"] is True, err
