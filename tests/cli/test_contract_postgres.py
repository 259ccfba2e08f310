"""The command line on both stores: the same year through `--database PATH` and `--database postgresql://...`.

On PostgreSQL the acting user is the database login role and `VOUCHER_GEBRUIKER` is refused (CLI.md, "Who acts").
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest
from cli_hulp import COLLEGE, KAS, controleer_fout, controleer_saldo_sluit, ok, voer_uit, volledige_aanvraag


def _psycopg_verbinding(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True, connect_timeout=15)


@pytest.fixture
def kas_rol(request, store_url):
    """For PostgreSQL: a second login role (the kasbeheerder) with access to the store's tables; for SQLite a name."""
    if not store_url.startswith("postgresql://"):
        yield KAS, store_url, KAS
        return
    server = request.getfixturevalue("postgres_server")
    naam = "kas_" + uuid.uuid4().hex[:10]
    server.create_login_role(naam)
    dbnaam = urlsplit(store_url).path.lstrip("/")
    try:
        yield naam, server.url(dbnaam, user=naam), None
    finally:
        with _psycopg_verbinding(store_url) as conn:
            conn.execute(f'DROP OWNED BY "{naam}"')
        server.drop_role(naam)


def _geef_toegang(store_url: str, rol: str) -> None:
    with _psycopg_verbinding(store_url) as conn:
        conn.execute(f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO "{rol}"')
        conn.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{rol}"')


def test_een_jaar_via_de_opdrachtregel_sluit_op_beide_opslagen(store_url, kas_rol):
    postgres = store_url.startswith("postgresql://")
    college = None if postgres else COLLEGE  # on PostgreSQL: the login role of the URL
    kas_naam, kas_url, kas_gebruiker = kas_rol

    init = voer_uit(
        "init", "--gemeente", "Teststad", "--datum", "2026-01-01", db=store_url, als_json=True, gebruiker=college
    ).json()
    assert init["gemeente"] == "Teststad"
    [mandaat] = voer_uit("mandaat", "lijst", db=store_url, als_json=True, gebruiker=college).json()["mandaten"]
    verwacht_college = urlsplit(store_url).username if postgres else COLLEGE
    assert (mandaat["gebruiker"], mandaat["rol"]) == (verwacht_college, "college")
    if postgres:
        _geef_toegang(store_url, kas_naam)

    for args in (
        ["mandaat", "geven", verwacht_college, "--rol", "regiegroep", "--wijk", "NOORD", "--datum", "2026-01-01"],
        ["mandaat", "geven", kas_naam, "--rol", "kasbeheerder", "--datum", "2026-01-01"],
        ["wijk", "aanwijzen", "NOORD", "--naam", "Noord", "--periode", "2026", "--budget", "100.000",
         "--uitvoeringskosten", "10%", "--datum", "2026-01-02"],
        volledige_aanvraag("NOORD", "A", "7.500,50", "2026-02-01"),
        ["aanvraag", "toekennen", "1", "--datum", "2026-03-01"],
    ):  # fmt: skip
        ok(voer_uit(*args, db=store_url, gebruiker=college))

    code = "V000001-01-0"
    b = voer_uit(
        "contant", code, "--bedrag", "500", "--datum", "2026-04-01", db=kas_url, als_json=True, gebruiker=kas_gebruiker
    ).json()
    assert (b["bedrag"], b["restant"]) == ("500.00", "3250.25")  # 7.500,50 in two vouchers of 3.750,25
    controleer_fout(
        voer_uit("contant", code, "--bedrag", "500,01", "--datum", "2026-04-01", db=kas_url, gebruiker=kas_gebruiker), 1
    )

    # a refused mandate says who acts: on PostgreSQL the login of the URL
    zuid = ("wijk", "aanwijzen", "ZUID", "--naam", "Zuid", "--periode", "2026", "--budget", "1.000")
    geweigerd = controleer_fout(voer_uit(*zuid, db=kas_url, gebruiker=kas_gebruiker), 1)
    wie = (
        f"U handelt als databaselogin {kas_naam}; " if postgres else f"U handelt als {kas_naam} (uit VOUCHER_GEBRUIKER)"
    )
    assert wie in str(geweigerd), geweigerd

    saldo = voer_uit("saldo", db=store_url, als_json=True, gebruiker=college).json()
    controleer_saldo_sluit(saldo)
    [rij] = saldo["wijken"]
    assert (rij["toegekend"], rij["contant"], rij["uitstaand"], rij["beschikbaar"]) == (
        "7500.50",
        "500.00",
        "7000.50",
        "82499.50",
    )


@pytest.mark.postgres
@pytest.mark.parametrize("als_json", [False, True], ids=["tekst", "json"])
def test_op_postgresql_wordt_voucher_gebruiker_geweigerd_en_niets_geschreven(postgres_url, als_json):
    u = voer_uit(
        "init",
        "--gemeente",
        "Teststad",
        "--datum",
        "2026-01-01",
        db=postgres_url,
        als_json=als_json,
        gebruiker="iemand",
    )
    fout = controleer_fout(u, 2, als_json=als_json)
    assert "VOUCHER_GEBRUIKER" in str(fout)
    controleer_fout(voer_uit("regeling", db=postgres_url, gebruiker=None), 5)  # nothing was set up
    ok(voer_uit("init", "--gemeente", "Teststad", "--datum", "2026-01-01", db=postgres_url, gebruiker=None))
