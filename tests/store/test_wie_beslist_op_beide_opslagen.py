"""Who decides (art. 5 "het college of de regiegroep", Awb 10:7, toelichting art. 2 lid 6), through the real
console script, on SQLite and on PostgreSQL with real login roles (none superuser).

The owner sets up; the college gives a wethouder the college mandate with a display name, anna the
regiegroep of NOORD, bea (no regiegroep formed in WEST) the ambtenaar's mandate for WEST with its
mandaatbesluit, and kees the kas. The wethouder grants an aanvraag of NOORD itself, bea one of WEST; the
letters say who decided in which capacity. On PostgreSQL bea holds the regiegroep's database role, and
loses it with the mandate.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest

from commands.rechten import groepsrol

BESLUIT = "besluit van het college van 5 januari 2026, nr. 2026/12"
AANVRAGER = ["--adres", "Lindelaan 1", "--telefoon", "06-12345678", "--ondertekend", "--planning", "juni",
             "--elders-subsidie", "nee"]  # fmt: skip


@dataclass
class Opslag:
    """One store and who works in it: `voucher(login, ...)` runs the real console script as that login."""

    soort: str
    url: str
    logins: dict[str, str]  # role in the story -> login
    server: Any = None
    database: str = ""
    omgeving: dict[str, str] = field(default_factory=dict)

    def voucher(self, wie: str, *args: str, als_json: bool = False) -> subprocess.CompletedProcess[str]:
        login = self.logins[wie]
        programma = Path(sys.executable).with_name("voucher")
        env = {k: v for k, v in os.environ.items() if k not in ("VOUCHER_DATABASE", "VOUCHER_GEBRUIKER")}
        if self.soort == "postgres":
            url = str(self.server.url(self.database, user=login))  # session_user is who acts
        else:
            url, env["VOUCHER_GEBRUIKER"] = self.url, login
        argv = [str(programma), "--database", url, *(["--json"] if als_json else []), *args]
        return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)

    def ok(self, wie: str, *args: str) -> dict[str, Any]:
        uit = self.voucher(wie, *args, als_json=True)
        assert uit.returncode == 0, (args, uit.stdout, uit.stderr)
        return dict(json.loads(uit.stdout))

    def aantal_events(self) -> int:
        return int(self.ok("eigenaar", "verifieer")["gebeurtenissen"])

    def is_lid(self, wie: str, mandaat: str) -> bool:
        with psycopg.connect(self.server.url(self.database), autocommit=True) as conn:
            rij = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                "JOIN pg_roles l ON l.oid = m.member WHERE r.rolname = %s AND l.rolname = %s)",
                (groepsrol(self.database, mandaat), self.logins[wie]),
            ).fetchone()
        return bool(rij and rij[0])


@contextmanager
def _opslag(soort: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opslag]:
    namen = ("eigenaar", "wethouder", "anna", "bea", "kees")
    if soort == "sqlite":
        yield Opslag("sqlite", str(tmp_path / "vouchers.db"), {n: n for n in namen})
        return
    server = request.getfixturevalue("postgres_server")
    achter = uuid.uuid4().hex[:8]
    logins = {n: f"{n}_{achter}" for n in namen}
    for login in logins.values():
        server.create_login_role(login)
    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(f'ALTER ROLE "{logins["eigenaar"]}" CREATEROLE')  # not superuser: it may make roles
    database = f"t_wie_{achter}"
    server.create_database(database, owner=logins["eigenaar"])
    try:
        yield Opslag("postgres", "", logins, server, database)
    finally:
        server.drop_database(database)
        for mandaat in ("kasbeheerder", "regiegroep", "college"):
            server.drop_role(groepsrol(database, mandaat))
        for login in logins.values():
            server.drop_role(login)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def opslag(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opslag]:
    with _opslag(request.param, request, tmp_path) as o:
        yield o


@pytest.fixture
def pg_opslag(request: pytest.FixtureRequest, postgres_server: Any, tmp_path: Path) -> Iterator[Opslag]:
    with _opslag("postgres", request, tmp_path) as o:
        yield o


def _ingericht(o: Opslag) -> None:
    o.ok("eigenaar", "init", "--gemeente", "Teststad", "--datum", "2026-01-02")
    for code, naam in (("NOORD", "Noord"), ("WEST", "Westerveld")):
        o.ok("eigenaar", "wijk", "aanwijzen", code, "--naam", naam, "--periode", "2026", "--budget", "50.000",
             "--datum", "2026-01-03")  # fmt: skip
    l = o.logins  # noqa: E741
    o.ok("eigenaar", "mandaat", "geven", l["wethouder"], "--rol", "college", "--naam", "J. Jansen",
         "--datum", "2026-01-05")  # fmt: skip
    o.ok("wethouder", "mandaat", "geven", l["anna"], "--rol", "regiegroep", "--wijk", "NOORD", "--datum", "2026-01-05")
    o.ok("wethouder", "mandaat", "geven", l["bea"], "--rol", "ambtenaar", "--wijk", "WEST", "--besluit", BESLUIT,
         "--naam", "Bea Bakker", "--datum", "2026-01-05")  # fmt: skip
    o.ok("wethouder", "mandaat", "geven", l["kees"], "--rol", "kasbeheerder", "--datum", "2026-01-05")
    for wie, wijk, dag in (
        ("anna", "NOORD", "2026-02-02"),
        ("bea", "WEST", "2026-02-03"),
        ("anna", "NOORD", "2026-02-04"),
    ):
        o.ok(wie, "aanvraag", "indienen", "--wijk", wijk, "--naam", "A. de Vries", *AANVRAGER,
             "--omschrijving", f"Buurtfeest in {wijk}", "--kosten", "2.500", "--datum", dag)  # fmt: skip


def test_het_college_en_de_ambtenaar_kennen_toe_via_de_opdrachtregel(opslag):
    o = opslag
    _ingericht(o)
    # The college decides itself on an aanvraag of a wijk that has a regiegroep (Awb 10:7).
    college = o.ok("wethouder", "aanvraag", "toekennen", "1", "--datum", "2026-02-16")
    assert (college["status"], college["bedrag"]) == ("toegekend", "2500.00")
    # The ambtenaar does the regiegroep's part in WEST.
    ambtenaar = o.ok("bea", "aanvraag", "toekennen", "2", "--datum", "2026-02-17")
    assert (ambtenaar["status"], ambtenaar["bedrag"]) == ("toegekend", "2500.00")
    o.ok("kees", "verzilver", ambtenaar["vouchers"][0]["code"], "--bedrag", "450", "--leverancier", "Van Dam",
         "--factuur", "F-1", "--datum", "2026-06-20")  # fmt: skip

    brief_college = o.ok("wethouder", "besluit", "1")["namens"]
    assert (brief_college["rol"], brief_college["naam"], brief_college["vastgelegd"]) == ("college", "J. Jansen", True)
    assert brief_college["regel"] == (
        "Het college van burgemeester en wethouders van Teststad, voor dezen J. Jansen, lid van het college "
        "(het college besluit zelf: art. 5 van de verordening; art. 10:7 Awb)"
    )
    brief_ambtenaar = o.ok("bea", "besluit", "2")["namens"]
    assert (brief_ambtenaar["rol"], brief_ambtenaar["wijk"], brief_ambtenaar["mandaatbesluit"]) == (
        "ambtenaar",
        "WEST",
        BESLUIT,
    )
    assert brief_ambtenaar["regel"] == (
        f"Namens het college van burgemeester en wethouders van Teststad, Bea Bakker, ambtenaar met mandaat voor "
        f"wijk Westerveld (mandaatbesluit: {BESLUIT}; art. 2 lid 6 van de verordening en de toelichting daarop; "
        "art. 10:10 Awb)"
    )
    assert "regiegroep" not in o.voucher("bea", "besluit", "2").stdout
    mandaten = {m["gebruiker"]: m for m in o.ok("eigenaar", "mandaat", "lijst")["mandaten"]}
    assert (mandaten[o.logins["bea"]]["rol"], mandaten[o.logins["bea"]]["besluit"]) == ("ambtenaar", BESLUIT)


def test_de_ambtenaar_beslist_alleen_in_zijn_wijk_en_betaalt_niet(opslag):
    o = opslag
    _ingericht(o)
    voor = o.aantal_events()
    buiten = o.voucher("bea", "aanvraag", "toekennen", "3", "--datum", "2026-02-16")
    assert buiten.returncode == 1 and "geen mandaat als regiegroep of ambtenaar voor wijk NOORD" in buiten.stderr
    kas = o.voucher("wethouder", "mandaat", "geven", o.logins["bea"], "--rol", "kasbeheerder", "--datum", "2026-01-06")
    assert kas.returncode == 1 and "functiescheiding" in kas.stderr
    zonder_wijk = o.voucher("wethouder", "mandaat", "geven", o.logins["kees"], "--rol", "ambtenaar")
    assert zonder_wijk.returncode == 2 and "geef --wijk CODE" in zonder_wijk.stderr
    assert o.aantal_events() == voor  # nothing written


def test_op_postgresql_heeft_de_ambtenaar_de_databaserol_van_de_regiegroep_zolang_het_mandaat_geldt(pg_opslag):
    o = pg_opslag
    _ingericht(o)
    assert o.is_lid("bea", "regiegroep") and not o.is_lid("bea", "college") and not o.is_lid("bea", "kasbeheerder")
    assert o.is_lid("wethouder", "college")
    o.ok("wethouder", "mandaat", "intrekken", o.logins["bea"], "--rol", "ambtenaar", "--wijk", "WEST")
    assert not o.is_lid("bea", "regiegroep")
    assert o.voucher("bea", "saldo").returncode == 5  # without a mandate no access, not even reading
