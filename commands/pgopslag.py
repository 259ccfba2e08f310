"""PostgreSQL plumbing: the events table serialised by an advisory lock, not a table lock.

eventsourcing's recorder takes `LOCK TABLE ... IN EXCLUSIVE MODE` before inserting, so that
notification ids commit in order. PostgreSQL only lets a role take that lock if it may
UPDATE, DELETE or TRUNCATE the table: every clerk would then be able to rewrite history.
A transaction-scoped advisory lock gives writers the same one-at-a-time order and needs no
privilege, so login roles get SELECT and INSERT on the events and nothing more. Imported
only for PostgreSQL (it imports psycopg).
"""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.sql import SQL, Literal

from ledger.fouten import OpslagOnbeschikbaar

# One constant key for "writing to the vouchers event log"; any bigint would do.
SCHRIJFSLOT = 0x766F756368657273  # 'vouchers'


class VoucherPostgresRecorder(PostgresApplicationRecorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.datastore.enable_db_functions:
            # The library's insert function would skip _insert_events: no advisory lock, no GRANT.
            raise OpslagOnbeschikbaar(
                "POSTGRES_ENABLE_DB_FUNCTIONS past niet bij deze opslag: het schrijfslot en de rechten per mandaat "
                "zouden worden overgeslagen"
            )
        self.lock_table_statements = [
            SQL("SET LOCAL lock_timeout = '{0}s'").format(self.datastore.lock_timeout),
            SQL("SELECT pg_advisory_xact_lock({0})").format(Literal(SCHRIJFSLOT)),
        ]

    def _insert_events(self, curs: Any, stored_events: Any, **kwargs: Any) -> None:
        # Statements that commit or fail together with these events: the GRANT or REVOKE that
        # makes a login's privileges follow the mandate being recorded (commands/rechten.py).
        for statement in kwargs.get("ook_uitvoeren", ()):
            curs.execute(statement)
        super()._insert_events(curs, stored_events, **kwargs)
