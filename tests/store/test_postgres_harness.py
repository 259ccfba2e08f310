"""The test harness itself: fresh PostgreSQL databases, login roles, store_url."""

import uuid

import psycopg
import pytest


def _tabellen(url):
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables"
            " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall()


def test_elke_test_krijgt_een_eigen_lege_database(postgres_server, postgres_url):
    tweede = "t_" + uuid.uuid4().hex[:12]
    tweede_url = postgres_server.create_database(tweede)
    try:
        assert tweede_url != postgres_url
        assert postgres_url.startswith("postgresql://")
        assert postgres_url.rsplit("/", 1)[1].startswith("t_")
        with psycopg.connect(postgres_url) as conn:
            assert conn.execute("SELECT current_database()").fetchone()[0] == postgres_url.rsplit("/", 1)[1]
            conn.execute("CREATE TABLE alleen_hier (id int)")
        assert _tabellen(postgres_url) == [("public", "alleen_hier")]
        assert _tabellen(tweede_url) == []
    finally:
        postgres_server.drop_database(tweede)


def test_een_verwijderde_database_bestaat_niet_meer(postgres_server):
    naam = "t_" + uuid.uuid4().hex[:12]
    url = postgres_server.create_database(naam)
    with psycopg.connect(url) as open_verbinding:  # DROP ... WITH (FORCE) breekt deze af
        postgres_server.drop_database(naam)
        with pytest.raises(psycopg.OperationalError):
            open_verbinding.execute("SELECT 1")
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url).close()


def test_een_loginrol_kan_verbinden_en_is_geen_superuser(postgres_server, postgres_url):
    rol = "app_" + uuid.uuid4().hex[:8]
    postgres_server.create_login_role(rol, password="geheim")
    try:
        dbnaam = postgres_url.rsplit("/", 1)[1]
        with psycopg.connect(postgres_server.url(dbnaam, user=rol, password="geheim")) as conn:
            gebruiker, superuser = conn.execute(
                "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user"
            ).fetchone()
        assert gebruiker == rol
        assert superuser is False
    finally:
        postgres_server.drop_role(rol)


def test_store_url_geeft_een_sqlite_pad_of_een_postgres_url(request, store_url, tmp_path):
    soort = request.node.callspec.params["store_url"]
    if soort == "sqlite":
        assert store_url == str(tmp_path / "vouchers.db")
        assert not (tmp_path / "vouchers.db").exists()
    else:
        assert soort == "postgres"
        assert request.node.get_closest_marker("postgres") is not None
        assert store_url.startswith("postgresql://")
        with psycopg.connect(store_url) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
