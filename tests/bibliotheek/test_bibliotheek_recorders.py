"""eventsourcing's recorder and factory cases against the project's persistence, on SQLite and PostgreSQL.

- ApplicationRecorderTestCase and NonInterleavingNotificationIDsBaseCase: the recorder of a
  `VoucherLedger` opened as the command line opens it (`open_ledger`): on SQLite the library's
  SQLite recorder on a file, on PostgreSQL `VoucherPostgresRecorder` (the advisory lock instead
  of LOCK TABLE, commands/pgopslag.py), in a fresh database each test.
- InfrastructureFactoryTestCase: the factory built from the project's own settings
  (`Opslag.env`), which must hand out the project's recorder class.
"""

from __future__ import annotations

from typing import Any

import eventsourcing.tests.persistence as persistentie
import pytest
from bibliotheek_hulp import ProjectOpslag, afwijking
from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresFactory,
    PostgresProcessRecorder,
    PostgresTrackingRecorder,
)
from eventsourcing.sqlite import (
    SQLiteAggregateRecorder,
    SQLiteApplicationRecorder,
    SQLiteFactory,
    SQLiteProcessRecorder,
    SQLiteTrackingRecorder,
)
from eventsourcing.utils import Environment

from commands.adres import lees_url
from commands.pgopslag import VoucherPostgresRecorder
from commands.selectie import VoucherSQLiteRecorder


# --- the application recorder ------------------------------------------------------------------------------
class _ProjectRecorder(ProjectOpslag):
    def create_recorder(self) -> Any:
        return self.ledger().recorder

    def tearDown(self) -> None:
        self.sluit_ledgers()
        super().tearDown()  # type: ignore[misc]


@pytest.mark.usefixtures("sqlite_opslag")
class TestSQLiteRecorderAlsHetProjectHemInstelt(_ProjectRecorder, persistentie.ApplicationRecorderTestCase):
    def test_recorder_is_die_van_het_project(self) -> None:
        self.assertIs(type(self.create_recorder()), VoucherSQLiteRecorder)  # the library's, + the selection index

    def test_insert_subscribe(self) -> None:
        afwijking(self, "test_insert_subscribe_sqlite")
        self.optional_test_insert_subscribe()


@pytest.mark.postgres
@pytest.mark.usefixtures("postgres_opslag")
class TestVoucherPostgresRecorder(_ProjectRecorder, persistentie.ApplicationRecorderTestCase):
    def test_recorder_is_die_van_het_project(self) -> None:
        self.assertIs(type(self.create_recorder()), VoucherPostgresRecorder)

    def test_insert_subscribe(self) -> None:
        self.optional_test_insert_subscribe()


@pytest.mark.usefixtures("sqlite_opslag")
class TestSQLiteNotificatiesVervlechtenNiet(_ProjectRecorder, persistentie.NonInterleavingNotificationIDsBaseCase):
    pass


@pytest.mark.postgres
@pytest.mark.usefixtures("postgres_opslag")
class TestVoucherPostgresNotificatiesVervlechtenNiet(
    _ProjectRecorder, persistentie.NonInterleavingNotificationIDsBaseCase
):
    pass


# --- the factory ---------------------------------------------------------------------------------------------
class _ProjectFactory:
    opslag_url: str

    def setUp(self) -> None:
        self.env = Environment("vouchers", lees_url(self.opslag_url).env(create_table=True))
        super().setUp()  # type: ignore[misc]


class _SQLiteTracking(SQLiteTrackingRecorder):
    pass


class _PostgresTracking(PostgresTrackingRecorder):
    pass


@pytest.mark.usefixtures("sqlite_opslag")
class TestSQLiteFactoryUitDeProjectinstellingen(
    _ProjectFactory, persistentie.InfrastructureFactoryTestCase[SQLiteFactory]
):
    def expected_factory_class(self) -> type[SQLiteFactory]:
        return SQLiteFactory

    def expected_aggregate_recorder_class(self) -> type[SQLiteAggregateRecorder]:
        return SQLiteAggregateRecorder

    def expected_application_recorder_class(self) -> type[SQLiteApplicationRecorder]:
        return VoucherSQLiteRecorder  # the library's, writing the selection index with the events

    def expected_tracking_recorder_class(self) -> type[SQLiteTrackingRecorder]:
        return SQLiteTrackingRecorder

    def tracking_recorder_subclass(self) -> type[SQLiteTrackingRecorder]:
        return _SQLiteTracking

    def expected_process_recorder_class(self) -> type[SQLiteProcessRecorder]:
        return SQLiteProcessRecorder


@pytest.mark.postgres
@pytest.mark.usefixtures("postgres_opslag")
class TestPostgresFactoryUitDeProjectinstellingen(
    _ProjectFactory, persistentie.InfrastructureFactoryTestCase[PostgresFactory]
):
    def expected_factory_class(self) -> type[PostgresFactory]:
        return PostgresFactory

    def expected_aggregate_recorder_class(self) -> type[PostgresAggregateRecorder]:
        return PostgresAggregateRecorder

    def expected_application_recorder_class(self) -> type[VoucherPostgresRecorder]:
        return VoucherPostgresRecorder

    def expected_tracking_recorder_class(self) -> type[PostgresTrackingRecorder]:
        return PostgresTrackingRecorder

    def tracking_recorder_subclass(self) -> type[PostgresTrackingRecorder]:
        return _PostgresTracking

    def expected_process_recorder_class(self) -> type[PostgresProcessRecorder]:
        return PostgresProcessRecorder


def test_de_factory_is_die_van_de_bibliotheek() -> None:
    """The factory itself is the library's (the project only chooses settings and the recorder class)."""
    assert InfrastructureFactory.construct(Environment("vouchers", lees_url("x.db").env(create_table=False)))
