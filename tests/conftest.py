"""Fixtures shared by all tests: SQLite and PostgreSQL stores.

PostgreSQL: with VOUCHER_TEST_POSTGRES set (a superuser URL to an existing
server's maintenance database, as .ci/run exports) that server is used;
otherwise one throwaway cluster is started for the whole session
(tests/pgserver.py).  If PostgreSQL cannot be had, the tests that need it
ERROR; they are never skipped.  With VOUCHER_REQUIRE_POSTGRES=1 (CI) the
session also fails when no PostgreSQL test ran and passed.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import uuid
from pathlib import Path

import pytest


def _load_pgserver():
    # Loaded by path, so it works whatever pytest's import mode or rootdir is.
    name = "voucher_tests_pgserver"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("pgserver.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


pgserver = _load_pgserver()


def _hypothesis_voor_mutatietests() -> None:
    """Under mutmut (scripts/mutatie sets MUTANT_UNDER_TEST) a failing property only has to fail:
    no shrinking and no example database, so that a killed mutant costs seconds, not minutes; and no
    deadline, so that a slow example on a busy machine never counts as a killed mutant (or stops the run).
    Nothing changes for a normal test run."""
    if "MUTANT_UNDER_TEST" not in os.environ:
        return
    from hypothesis import Phase, settings

    settings.register_profile("mutatie", phases=[Phase.explicit, Phase.generate], database=None, deadline=None)
    settings.load_profile("mutatie")


_hypothesis_voor_mutatietests()

_POSTGRES_MARKER = "postgres"
_postgres_nodeids: set[str] = set()  # tests that use PostgreSQL
_postgres_passed: list[str] = []  # of those, the ones that passed


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        f"{_POSTGRES_MARKER}: the test uses a PostgreSQL server (set automatically "
        "for tests using postgres_server/postgres_url or store_url[postgres])",
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "postgres_server" in getattr(item, "fixturenames", ()):
            if item.get_closest_marker(_POSTGRES_MARKER) is None:
                item.add_marker(_POSTGRES_MARKER)
        if item.get_closest_marker(_POSTGRES_MARKER) is not None:
            _postgres_nodeids.add(item.nodeid)


# --------------------------------------------------------------------------
# PostgreSQL


@pytest.fixture(scope="session")
def postgres_server():
    """The PostgreSQL server for this session.

    Offers ``url(dbname, user=None, password=None)``, ``create_database(name,
    owner=None) -> url``, ``drop_database(name)``, ``create_login_role(name,
    password=None)``, ``drop_role(name)``, and ``host``, ``port``, ``superuser``.
    """
    url = os.environ.get("VOUCHER_TEST_POSTGRES")
    if url:
        server = pgserver.ExistingPostgres(url)
        try:
            server.check()
        except Exception as exc:
            raise RuntimeError(f"VOUCHER_TEST_POSTGRES={url} is set, but connecting to it failed: {exc}") from exc
        yield server
        return
    server = pgserver.ThrowawayPostgres()
    server.start()  # raises (so the tests ERROR) if PostgreSQL cannot be started
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(request, postgres_server):
    """URL of a fresh, empty database (``t_`` + 12 hex digits), dropped afterwards."""
    _postgres_nodeids.add(request.node.nodeid)
    name = "t_" + uuid.uuid4().hex[:12]
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)
        for rol in ("kasbeheerder", "regiegroep", "college"):  # made by `voucher init` (commands/rechten.py)
            postgres_server.drop_role(f"{name}_{rol}")


# --------------------------------------------------------------------------
# SQLite and both


@pytest.fixture
def sqlite_url(tmp_path):
    """Path of a SQLite database file that does not exist yet."""
    return str(tmp_path / "vouchers.db")


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def store_url(request):
    """Each test runs twice: on a SQLite path and on a fresh PostgreSQL database URL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


# --------------------------------------------------------------------------
# VOUCHER_REQUIRE_POSTGRES=1: no passed PostgreSQL test is a failure


def pytest_runtest_logreport(report):
    if report.when == "call" and report.passed and report.nodeid in _postgres_nodeids:
        _postgres_passed.append(report.nodeid)


def _postgres_required_but_missing() -> bool:
    return os.environ.get("VOUCHER_REQUIRE_POSTGRES") == "1" and not _postgres_passed


def pytest_sessionfinish(session, exitstatus):
    if _postgres_required_but_missing() and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _postgres_required_but_missing():
        terminalreporter.write_sep(
            "=",
            "VOUCHER_REQUIRE_POSTGRES=1, but no test using PostgreSQL ran and passed: failing",
            red=True,
            bold=True,
        )
    elif os.environ.get("VOUCHER_REQUIRE_POSTGRES") == "1":
        terminalreporter.write_line(f"PostgreSQL tests passed: {len(_postgres_passed)}")
