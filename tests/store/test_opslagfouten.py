"""Store errors a DBA or a new user meets, each named in Dutch with what to do: exit 5, one line, no `None`.

- a database that is not UTF-8: refused before anything is created, by every command;
- a wrong URL: no server on that host and port, a database that does not exist, a login that does
  not exist; on a server that asks for passwords: none given, a wrong one;
- `postgres://` works as `postgresql://`;
- VOUCHER_GEBRUIKER is refused on PostgreSQL by every command, reads included (exit 2);
- `herbouw` by a login that may not rebuild the read models: a Dutch line, not the server's English.
"""

from __future__ import annotations

import json
import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "cli"))
from cli_hulp import voer_uit

from commands.adres import lees_url
from commands.rechten import groepsrol

pytestmark = pytest.mark.postgres
GEEN_WACHTWOORDBESTAND = {"PGPASSWORD": "", "PGPASSFILE": "/nonexistent/pgpass"}


def _fout(u: Any, code: int = 5) -> str:
    assert u.code == code, (u.code, u.out, u.err)
    assert u.out == ""
    regels = u.err.strip().splitlines()
    assert len(regels) == 1 and regels[0].startswith("fout: "), u.err
    assert "None" not in u.err and "Traceback" not in u.err, u.err
    return regels[0]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tabellen(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        rij = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
    return int(rij[0]) if rij else -1


# --- encoding --------------------------------------------------------------------------------------------
@pytest.fixture
def ascii_database(postgres_server: Any) -> Iterator[tuple[str, str]]:
    naam = "t_ascii_" + uuid.uuid4().hex[:8]
    with psycopg.connect(postgres_server.url("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE \"{naam}\" ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'")
    try:
        yield naam, postgres_server.url(naam)
    finally:
        postgres_server.drop_database(naam)
        for rol in ("kasbeheerder", "regiegroep", "college"):
            postgres_server.drop_role(groepsrol(naam, rol))


def test_een_database_die_niet_utf8_is_wordt_geweigerd_en_er_wordt_niets_aangemaakt(ascii_database):
    naam, url = ascii_database
    regel = _fout(voer_uit("init", "--gemeente", "Teststad", db=url, gebruiker=None))
    assert "de database moet UTF-8 zijn" in regel and "SQL_ASCII" in regel
    assert _tabellen(url) == 0
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM pg_roles WHERE rolname LIKE %s", (naam + "_%",)).fetchone() == (0,)
    for argv in (("saldo",), ("verifieer",), ("init", "--gemeente", "Teststad")):  # and every later command
        assert "de database moet UTF-8 zijn" in _fout(voer_uit(*argv, db=url, gebruiker=None))
    assert _tabellen(url) == 0


# --- a wrong URL on a server that trusts its logins ------------------------------------------------------
def test_een_database_die_niet_bestaat(postgres_server):
    naam = "t_nooit_" + uuid.uuid4().hex[:8]
    regel = _fout(voer_uit("saldo", db=postgres_server.url(naam), gebruiker=None))
    assert f"de database {naam} bestaat niet op de server" in regel and "createdb" in regel


def test_een_login_die_niet_bestaat(postgres_server, postgres_url):
    login = "niemand_" + uuid.uuid4().hex[:8]
    regel = _fout(voer_uit("saldo", db=postgres_url.replace("voucher_admin@", f"{login}@"), gebruiker=None))
    assert f"de login {login} bestaat niet" in regel and "CREATE ROLE" in regel


def test_geen_server_op_die_poort(postgres_server):
    poort = _vrije_poort()
    regel = _fout(voer_uit("saldo", db=f"postgresql://iemand@127.0.0.1:{poort}/vouchers", gebruiker=None))
    assert f"de PostgreSQL-server op 127.0.0.1:{poort} is niet bereikbaar" in regel


def test_postgres_schema_werkt_als_postgresql(postgres_url):
    kort = postgres_url.replace("postgresql://", "postgres://", 1)
    u = voer_uit("init", "--gemeente", "Teststad", db=kort, gebruiker=None)
    assert u.code == 0, u.err
    u = voer_uit("saldo", db=postgres_url, gebruiker=None, als_json=True)
    assert u.code == 0, u.err
    assert lees_url("postgres:///vouchers").omschrijving.startswith("postgresql://")
    assert "None" not in lees_url("postgres:///vouchers").omschrijving


# --- a server that asks for passwords ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def wachtwoordserver() -> Iterator[Any]:
    """A cluster of its own whose logins (all but the superuser) must give a password (scram-sha-256)."""
    pgserver = sys.modules["voucher_tests_pgserver"]
    server = pgserver.ThrowawayPostgres()
    server.start()
    try:
        hba = Path(server.datadir) / "pg_hba.conf"
        hba.write_text(
            f"local all {server.superuser} trust\nhost all {server.superuser} 127.0.0.1/32 trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n",
            encoding="utf-8",
        )
        server.create_login_role("anna", password="juist-wachtwoord")
        server.create_database("vouchers")
        with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
            conn.execute("SELECT pg_reload_conf()")
        yield server
    finally:
        server.stop()


def _als_anna(server: Any, login: str = "anna", **omgeving: str) -> Any:
    url = f"postgresql://{login}@{server.host}:{server.port}/vouchers"
    return voer_uit("saldo", db=url, gebruiker=None, omgeving=GEEN_WACHTWOORDBESTAND | omgeving)


def test_geen_wachtwoord_gegeven(wachtwoordserver):
    regel = _fout(_als_anna(wachtwoordserver))
    assert "vraagt een wachtwoord voor login anna, maar er is geen gegeven" in regel and "PGPASSWORD" in regel


def test_een_verkeerd_wachtwoord(wachtwoordserver):
    regel = _fout(_als_anna(wachtwoordserver, PGPASSWORD="fout"))
    assert "het wachtwoord klopt niet" in regel and "anna" in regel


def test_een_onbekende_login_op_een_server_met_wachtwoorden_noemt_beide_mogelijkheden(wachtwoordserver):
    regel = _fout(_als_anna(wachtwoordserver, login="bram", PGPASSWORD="iets"))
    assert "het wachtwoord klopt niet, of die login bestaat niet" in regel


def test_het_juiste_wachtwoord_komt_binnen(wachtwoordserver):
    # Past the connection: the store is simply not initialised yet (another, later error).
    regel = _fout(_als_anna(wachtwoordserver, PGPASSWORD="juist-wachtwoord"))
    assert "niet ingericht" in regel and "wachtwoord" not in regel


# --- VOUCHER_GEBRUIKER and herbouw -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ingericht(postgres_server: Any) -> Iterator[tuple[Any, str, str]]:
    naam = "t_fout_" + uuid.uuid4().hex[:8]
    url = postgres_server.create_database(naam)
    assert voer_uit("init", "--gemeente", "Teststad", db=url, gebruiker=None).code == 0
    kees = "kees_" + uuid.uuid4().hex[:8]
    postgres_server.create_login_role(kees)
    assert voer_uit("mandaat", "geven", kees, "--rol", "kasbeheerder", db=url, gebruiker=None).code == 0
    try:
        yield postgres_server, url, kees
    finally:
        postgres_server.drop_database(naam)
        for rol in ("kasbeheerder", "regiegroep", "college"):
            postgres_server.drop_role(groepsrol(naam, rol))
        postgres_server.drop_role(kees)


ELK_COMMANDO = [
    ("saldo",),
    ("regeling",),
    ("mandaat", "lijst"),
    ("wijk", "lijst"),
    ("aanvraag", "lijst"),
    ("aanvraag", "toon", "1"),
    ("toon", "V000001-01-0"),
    ("kasboek",),
    ("verifieer",),
    ("herbouw",),
    ("rapport", "verantwoording"),
    ("rapport", "raad"),
    ("publicatie",),
    ("termijnen",),
    ("bewaartermijnen",),
    ("besluit", "1"),
    ("init", "--gemeente", "Teststad"),
    ("mandaat", "geven", "iemand", "--rol", "kasbeheerder"),
    ("verzilver", "V000001-01-0", "--bedrag", "10", "--leverancier", "X", "--factuur", "F1"),
]


@pytest.mark.parametrize("argv", ELK_COMMANDO, ids=lambda a: " ".join(a[:2]))
def test_voucher_gebruiker_wordt_op_postgresql_door_elk_commando_geweigerd(ingericht, argv):
    _server, url, _kees = ingericht
    with psycopg.connect(url, autocommit=True) as conn:
        voor = conn.execute("SELECT count(*) FROM vouchers_events").fetchone()
    u = voer_uit(*argv, db=url, gebruiker="wethouder", als_json=True)
    assert u.code == 2, (u.code, u.out, u.err)
    assert u.out == ""
    assert "VOUCHER_GEBRUIKER" in json.loads(u.err)["fout"]["melding"]
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM vouchers_events").fetchone() == voor


def test_herbouw_door_een_login_die_dat_niet_mag(ingericht):
    _server, db, kees = ingericht
    url = db.replace("voucher_admin@", f"{kees}@")
    regel = _fout(voer_uit("herbouw", db=url, gebruiker=None))
    assert "mag de leesmodellen niet herbouwen" in regel and "eigenaar" in regel
    assert "must be owner" not in regel and "permission denied" not in regel
    assert voer_uit("saldo", db=url, gebruiker=None).code == 0  # the views are still there
