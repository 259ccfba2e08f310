"""Database privileges follow the mandates (commands/rechten.py), with real login roles, none superuser.

The owner of the database (a login with CREATEROLE) runs `voucher init`; the college gives anna the
regiegroep and kees the kasbeheerder mandate; each then works through the real console script
under their own login. What the application refuses anyway, the database refuses too: a login
that copies a real event row with psql is held to the topics of its mandate, nobody changes or
deletes history, and a mandate withdrawn takes the database role with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from commands.rechten import groepsrol

BUITEN_DE_BOEKEN = "de rol wordt teruggedraaid"


class _Terug(Exception):
    """Raised inside a transaction to roll back what a positive control wrote."""


@dataclass
class Opstelling:
    server: Any
    database: str
    eigenaar: str
    anna: str
    kees: str
    piet: str

    def url(self, login: str | None = None) -> str:
        return str(self.server.url(self.database, user=login))

    def rol(self, mandaat: str) -> str:
        return groepsrol(self.database, mandaat)

    def voucher(self, login: str, *args: str, als_json: bool = False) -> subprocess.CompletedProcess[str]:
        """The real console script, connected as `login` (PostgreSQL's session_user is who acts)."""
        programma = Path(sys.executable).with_name("voucher")
        argv = [str(programma), "--database", self.url(login), *(["--json"] if als_json else []), *args]
        env = {k: v for k, v in os.environ.items() if k not in ("VOUCHER_DATABASE", "VOUCHER_GEBRUIKER")}
        return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)

    def ok(self, login: str, *args: str, als_json: bool = False) -> subprocess.CompletedProcess[str]:
        uit = self.voucher(login, *args, als_json=als_json)
        assert uit.returncode == 0, (args, uit.stdout, uit.stderr)
        return uit

    def beheer(self, statement: str) -> None:
        """As the superuser of the test server: what a DBA does by hand."""
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(statement)

    def aantal_events(self) -> int:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            rij = conn.execute("SELECT count(*) FROM vouchers_events").fetchone()
        assert rij is not None
        return int(rij[0])

    def is_lid(self, login: str, mandaat: str) -> bool:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            rij = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                "JOIN pg_roles l ON l.oid = m.member WHERE r.rolname = %s AND l.rolname = %s)",
                (self.rol(mandaat), login),
            ).fetchone()
        return bool(rij and rij[0])


@pytest.fixture
def opstelling(postgres_server: Any) -> Iterator[Opstelling]:
    achter = uuid.uuid4().hex[:8]
    o = Opstelling(
        postgres_server, f"t_rol_{achter}", f"eig_{achter}", f"anna_{achter}", f"kees_{achter}", f"piet_{achter}"
    )
    logins = (o.eigenaar, o.anna, o.kees, o.piet)
    for login in logins:
        postgres_server.create_login_role(login)
    with psycopg.connect(postgres_server.url("postgres"), autocommit=True) as conn:
        conn.execute(f'ALTER ROLE "{o.eigenaar}" CREATEROLE')  # not superuser: it may make roles, nothing more
    postgres_server.create_database(o.database, owner=o.eigenaar)
    try:
        yield o
    finally:
        postgres_server.drop_database(o.database)
        for mandaat in ("kasbeheerder", "regiegroep", "college"):
            postgres_server.drop_role(o.rol(mandaat))
        for login in logins:
            postgres_server.drop_role(login)


def _ingericht(o: Opstelling) -> str:
    """Owner inits; the college gives anna the regiegroep of NOORD and kees the kas; anna grants, kees pays.
    Returns the voucher code."""
    o.ok(o.eigenaar, "init", "--gemeente", "Teststad", "--datum", "2026-01-02")
    o.ok(o.eigenaar, "wijk", "aanwijzen", "NOORD", "--naam", "Noord", "--periode", "2026", "--budget", "100.000",
         "--datum", "2026-01-06")  # fmt: skip
    o.ok(o.eigenaar, "mandaat", "geven", o.anna, "--rol", "regiegroep", "--wijk", "NOORD", "--datum", "2026-01-05")
    o.ok(o.eigenaar, "mandaat", "geven", o.kees, "--rol", "kasbeheerder", "--datum", "2026-01-05")
    o.ok(o.anna, "aanvraag", "indienen", "--wijk", "NOORD", "--naam", "A. de Vries", "--adres", "Lindelaan 1",
         "--telefoon", "06-12345678", "--ondertekend", "--omschrijving", "Buurtfeest", "--planning", "juni",
         "--kosten", "2.500", "--elders-subsidie", "nee", "--datum", "2026-02-02")  # fmt: skip
    toekenning = o.ok(o.anna, "aanvraag", "toekennen", "1", "--datum", "2026-02-16", als_json=True)
    code = str(json.loads(toekenning.stdout)["vouchers"][0]["code"])
    o.ok(o.kees, "verzilver", code, "--bedrag", "450", "--leverancier", "Van Dam", "--factuur", "F-1",
         "--datum", "2026-06-20")  # fmt: skip
    return code


def _kopieer_event(o: Opstelling, login: str, topic: str) -> None:
    """As `login`, through psycopg: INSERT a copy of a real row of this topic under a new version.
    Raises the database's refusal; a copy that is accepted is rolled back."""
    with psycopg.connect(o.url(login)) as conn:
        try:
            with conn.transaction():
                cur = conn.execute(
                    "INSERT INTO vouchers_events (originator_id, originator_version, topic, state) "
                    "SELECT originator_id, originator_version + 1000, topic, state FROM vouchers_events "
                    "WHERE topic = %s LIMIT 1",
                    (topic,),
                )
                assert cur.rowcount == 1, f"geen rij met {topic} om te kopiëren"
                raise _Terug(BUITEN_DE_BOEKEN)
        except _Terug:
            pass


def _geweigerd(o: Opstelling, login: str, topic: str) -> str:
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as e:
        _kopieer_event(o, login, topic)
    return str(e.value)


TOEKENNING = "voucher.Aanvraag.Toegekend"
VERSTREKT = "voucher.Voucher.Verstrekt"
VERZILVERD = "voucher.Voucher.Verzilverd"
MANDAAT = "voucher.Gemeente.MandaatGegeven"


def test_elke_login_kan_via_de_opdrachtregel_precies_het_werk_van_zijn_mandaat_doen(opstelling):
    o = opstelling
    code = _ingericht(o)  # anna submitted and granted, kees paid: every step exit 0
    assert o.is_lid(o.anna, "regiegroep") and o.is_lid(o.kees, "kasbeheerder")
    assert not o.is_lid(o.anna, "kasbeheerder") and not o.is_lid(o.kees, "regiegroep")
    assert o.is_lid(o.eigenaar, "college")
    toon = o.ok(o.kees, "toon", code, als_json=True)
    assert '"restant": "2050.00"' in toon.stdout


def test_een_kasbeheerder_kan_ook_met_psql_geen_toekenning_vastleggen(opstelling):
    o = opstelling
    _ingericht(o)
    voor = o.aantal_events()
    assert "row-level security" in _geweigerd(o, o.kees, TOEKENNING)
    assert "row-level security" in _geweigerd(o, o.kees, VERSTREKT)
    _kopieer_event(o, o.anna, TOEKENNING)  # the same row is fine for the regiegroep: the refusal is the policy
    assert o.aantal_events() == voor


def test_een_regiegroep_kan_geen_betaling_en_niemand_buiten_het_college_een_mandaat_vastleggen(opstelling):
    o = opstelling
    _ingericht(o)
    _geweigerd(o, o.anna, VERZILVERD)
    _kopieer_event(o, o.kees, VERZILVERD)  # the kasbeheerder may
    _geweigerd(o, o.anna, MANDAAT)
    _geweigerd(o, o.kees, MANDAAT)
    _kopieer_event(o, o.eigenaar, MANDAAT)  # the owner holds the college role (and RLS is forced on it)


def test_niemand_wijzigt_of_wist_de_geschiedenis_ook_de_eigenaar_niet(opstelling):
    o = opstelling
    _ingericht(o)
    voor = o.aantal_events()
    for login in (o.anna, o.kees, o.eigenaar):
        for tabel in ("vouchers_events", "vouchers_snapshots"):
            for statement in (f"UPDATE {tabel} SET state = state", f"DELETE FROM {tabel}", f"TRUNCATE {tabel}"):
                with psycopg.connect(o.url(login), autocommit=True) as conn:
                    with pytest.raises(psycopg.errors.InsufficientPrivilege):
                        conn.execute(statement)
    assert o.aantal_events() == voor


def test_momentopnamen_alleen_van_de_aggregaten_die_de_rol_bewaart(opstelling):
    o = opstelling
    _ingericht(o)

    def momentopname(login: str, aggregaat: str) -> None:
        with psycopg.connect(o.url(login)) as conn:
            try:
                with conn.transaction():
                    conn.execute(
                        "INSERT INTO vouchers_snapshots (originator_id, originator_version, topic, state) "
                        "VALUES (%s, 50, %s, %s)",
                        (uuid.uuid4(), f"{aggregaat}.Snapshot", b'{"state": {}}'),
                    )
                    raise _Terug(BUITEN_DE_BOEKEN)
            except _Terug:
                pass

    momentopname(o.kees, "voucher.Voucher")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        momentopname(o.kees, "voucher.Wijk")  # a forged wijk snapshot would move the plafond for later grants
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        momentopname(o.kees, "voucher.Gemeente")
    momentopname(o.anna, "voucher.Wijk")


def test_na_intrekken_kan_de_kasbeheerder_niet_meer_betalen_ook_niet_met_psql(opstelling):
    o = opstelling
    code = _ingericht(o)
    _kopieer_event(o, o.kees, VERZILVERD)  # still allowed
    o.ok(o.eigenaar, "mandaat", "intrekken", o.kees, "--rol", "kasbeheerder", "--datum", "2026-07-01")
    assert not o.is_lid(o.kees, "kasbeheerder")
    voor = o.aantal_events()
    uit = o.voucher(o.kees, "verzilver", code, "--bedrag", "10", "--leverancier", "Van Dam", "--factuur", "F-2")
    # Without a mandate the login has no database role left at all: not even reading (exit 5).
    assert uit.returncode == 5, uit
    assert uit.stderr.startswith("fout: deze databaselogin heeft geen toegang") and "mandaat" in uit.stderr
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        _kopieer_event(o, o.kees, VERZILVERD)
    assert o.aantal_events() == voor


def test_de_rol_blijft_zolang_een_ander_mandaat_met_die_rol_loopt(opstelling):
    o = opstelling
    _ingericht(o)
    o.ok(o.eigenaar, "mandaat", "geven", o.anna, "--rol", "regiegroep", "--wijk", "ZUID")
    o.ok(o.eigenaar, "mandaat", "intrekken", o.anna, "--rol", "regiegroep", "--wijk", "NOORD")
    assert o.is_lid(o.anna, "regiegroep")  # still regiegroep for ZUID
    o.ok(o.eigenaar, "mandaat", "intrekken", o.anna, "--rol", "regiegroep", "--wijk", "ZUID")
    assert not o.is_lid(o.anna, "regiegroep")


def test_een_mandaat_voor_een_login_die_niet_bestaat_schrijft_niets(opstelling):
    o = opstelling
    _ingericht(o)
    voor = o.aantal_events()
    uit = o.voucher(o.eigenaar, "mandaat", "geven", "niemand_" + uuid.uuid4().hex[:6], "--rol", "kasbeheerder")
    assert uit.returncode == 3, uit
    assert uit.stderr.startswith("fout: de databaselogin niemand_") and "CREATE ROLE" in uit.stderr
    assert o.aantal_events() == voor


def test_een_collegelid_geeft_mandaten_door_en_zonder_beheerrecht_zegt_de_melding_wat_de_beheerder_doet(opstelling):
    o = opstelling
    _ingericht(o)
    o.ok(o.eigenaar, "mandaat", "geven", o.piet, "--rol", "college")
    assert o.is_lid(o.piet, "college")
    o.ok(o.piet, "mandaat", "geven", o.anna, "--rol", "regiegroep", "--wijk", "ZUID")  # piet may grant, as college

    o.beheer(f'REVOKE ADMIN OPTION FOR "{o.rol("college")}" FROM "{o.piet}"')  # a member, but may not pass it on
    voor = o.aantal_events()
    uit = o.voucher(o.piet, "mandaat", "geven", o.kees, "--rol", "college")
    assert uit.returncode == 1, uit
    assert f'GRANT "{o.rol("college")}" TO "{o.piet}" WITH ADMIN OPTION' in uit.stderr
    assert o.aantal_events() == voor and not o.is_lid(o.kees, "college")


def test_een_herhaald_mandaat_of_een_nieuwe_init_zet_de_databaserol_weer_goed(opstelling):
    o = opstelling
    _ingericht(o)
    o.beheer(f'REVOKE "{o.rol("regiegroep")}" FROM "{o.anna}"')
    o.beheer(f'REVOKE "{o.rol("kasbeheerder")}" FROM "{o.kees}"')
    voor = o.aantal_events()
    uit = o.ok(o.eigenaar, "mandaat", "geven", o.anna, "--rol", "regiegroep", "--wijk", "NOORD")
    assert "(al zo)" in uit.stdout and o.is_lid(o.anna, "regiegroep")
    o.ok(o.eigenaar, "init", "--gemeente", "Teststad", "--datum", "2026-01-02")
    assert o.is_lid(o.kees, "kasbeheerder")
    assert o.aantal_events() == voor


def test_een_gewone_login_houdt_de_leesmodellen_bij_ook_na_een_herbouw(opstelling):
    o = opstelling
    code = _ingericht(o)

    def positie_en_laatste() -> tuple[int, int]:
        with psycopg.connect(o.url(), autocommit=True) as conn:
            rij = conn.execute(
                "SELECT (SELECT notification_id FROM vouchers_proj_tracking), (SELECT max(notification_id) "
                "FROM vouchers_events)"
            ).fetchone()
        assert rij is not None
        return int(rij[0]), int(rij[1])

    o.ok(o.kees, "saldo")
    positie, laatste = positie_en_laatste()
    assert positie == laatste  # kees's catch-up wrote the views (no fallback to a fold in memory)
    o.ok(o.eigenaar, "herbouw")  # new tables, owned by the owner
    o.ok(o.kees, "contant", code, "--bedrag", "20", "--datum", "2026-06-21")
    o.ok(o.anna, "saldo")
    positie, laatste = positie_en_laatste()
    assert positie == laatste


def test_alleen_de_eigenaar_richt_de_rollen_in(opstelling):
    o = opstelling
    _ingericht(o)
    voor = o.aantal_events()
    uit = o.voucher(o.anna, "init", "--gemeente", "Teststad", "--datum", "2026-01-02")
    assert uit.returncode == 5, uit  # opening the store for init needs the owner's rights on the tables
    assert uit.stderr.startswith("fout: ") and "mag de administratie niet inrichten" in uit.stderr, uit.stderr
    assert "permission denied" not in uit.stderr  # Dutch, not the server's English (issue 14)
    assert o.aantal_events() == voor
    assert not o.is_lid(o.anna, "college")


def test_zonder_createrole_zegt_init_wat_de_beheerder_doet_en_daarna_werkt_het(opstelling):
    o = opstelling
    o.beheer(f'ALTER ROLE "{o.eigenaar}" NOCREATEROLE')
    uit = o.voucher(o.eigenaar, "init", "--gemeente", "Teststad", "--datum", "2026-01-02")
    assert uit.returncode == 1, uit
    assert o.aantal_events() == 0
    opdracht = uit.stderr.strip().split(" of: ", 1)[1]
    assert opdracht.startswith(f'CREATE ROLE "{o.rol("college")}" NOLOGIN;'), opdracht
    for statement in opdracht.split(";"):  # the DBA does what the message says
        if statement.strip():
            o.beheer(statement)
    o.ok(o.eigenaar, "init", "--gemeente", "Teststad", "--datum", "2026-01-02")
    o.ok(o.eigenaar, "mandaat", "geven", o.kees, "--rol", "kasbeheerder")
    assert o.is_lid(o.kees, "kasbeheerder")


def test_een_rolnaam_past_altijd_in_63_bytes():
    lang = "gemeente_" + "x" * 60
    for rol in ("college", "regiegroep", "kasbeheerder"):
        naam = groepsrol(lang, rol)
        assert len(naam.encode()) <= 63 and naam.endswith("_" + rol)
    assert groepsrol(lang, "college") != groepsrol(lang + "y", "college")
    assert groepsrol("vouchers", "college") == "vouchers_college"


def test_elke_gebeurtenis_van_de_catalogus_hoort_bij_een_mandaat_en_momentopnamen_bij_eigen_handelingen():
    from eventsourcing.utils import get_topic

    from commands.rechten import MOMENTOPNAMEN, ONDERWERPEN
    from ledger import gebeurtenissen

    toegewezen = {get_topic(e) for soorten in ONDERWERPEN.values() for e in soorten}
    assert {get_topic(e) for e in gebeurtenissen.ALLE} == toegewezen  # a new event needs a line in ONDERWERPEN
    for rol, aggregaten in MOMENTOPNAMEN.items():
        eigen = {get_topic(e).rsplit(".", 1)[0] for e in ONDERWERPEN[rol]}
        assert {a.TOPIC for a in aggregaten} <= eigen, rol


def test_een_versleutelde_opslag_houdt_dezelfde_rechten_ook_voor_momentopnamen(opstelling, monkeypatch, tmp_path):
    """With VOUCHER_OPSLAGSLEUTEL the states are ciphertext: the policies judge the topic column alone."""
    import base64

    monkeypatch.setenv("VOUCHER_OPSLAGSLEUTEL", base64.b64encode(os.urandom(32)).decode())
    o = opstelling
    code = _ingericht(o)
    # 48 more payments by kees: the voucher reaches version 50 and kees's process inserts its snapshot.
    betalingen = tmp_path / "betalingen.csv"
    regels = [f"{code},verzilver,1,Bouwmarkt,F-{i},2026-06-21" for i in range(2, 50)]
    betalingen.write_text("voucher,soort,bedrag,leverancier,factuur,datum\n" + "\n".join(regels) + "\n", "utf-8")
    o.ok(o.kees, "import", "betalingen", str(betalingen))
    with psycopg.connect(o.url(), autocommit=True) as conn:
        rijen = conn.execute("SELECT topic, state FROM vouchers_snapshots WHERE originator_version = 50").fetchall()
    assert [r[0] for r in rijen] == ["voucher.Voucher.Snapshot"]
    assert not bytes(rijen[0][1]).startswith(b"{")  # encrypted
    assert "row-level security" in _geweigerd(o, o.kees, TOEKENNING)
    assert json.loads(o.ok(o.kees, "verifieer", als_json=True).stdout)["intact"] is True


def test_alleen_het_college_wijzigt_regeling_en_budget_ook_niet_met_psql(opstelling, tmp_path):
    """Issue 12: `regeling wijzigen` and `wijk budget` are the college's acts (art. 10, art. 2 lid 2)."""
    o = opstelling
    _ingericht(o)
    toml = tmp_path / "nieuw.toml"
    toml.write_text('[regeling]\ncontant_max = "300,00"\n', encoding="utf-8")
    o.ok(o.eigenaar, "regeling", "wijzigen", "--regeling", str(toml), "--vanaf", "2026-07-01", "--datum", "2026-06-25")
    o.ok(o.eigenaar, "wijk", "budget", "NOORD", "--periode", "2026", "120.000", "--datum", "2026-06-25")
    for topic in ("voucher.Gemeente.RegelingGewijzigd", "voucher.Wijk.BudgetGewijzigd"):
        assert "row-level security" in _geweigerd(o, o.anna, topic)
        assert "row-level security" in _geweigerd(o, o.kees, topic)
        _kopieer_event(o, o.eigenaar, topic)
