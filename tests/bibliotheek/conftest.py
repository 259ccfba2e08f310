"""The library's own test cases, run against this project's persistence (tests/bibliotheek/).

eventsourcing ships reusable `unittest` cases for recorders, factories, transcoders and
applications (`eventsourcing.tests.persistence`, `eventsourcing.tests.application`). Each
module here subclasses them with the project's classes: the recorder and factory as
`commands.adres.Opslag.env` configures them (a SQLite file; a PostgreSQL database with
`VoucherPostgresRecorder`), the `KanoniekeTranscoder` and `KetenMapper` of `VoucherLedger`.

The store of each test comes from the fixtures below (a fresh SQLite file, a fresh PostgreSQL
database); a unittest case gets it as `self.opslag_url` through `request.instance`. Every
deviation by design is a `skipTest` with its reason (`bibliotheek_hulp.AFWIJKINGEN`).
"""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def sqlite_opslag(request, tmp_path):
    request.instance.opslag_url = str(tmp_path / f"{uuid.uuid4().hex[:8]}.db")
    request.instance.opslag_soort = "sqlite"


@pytest.fixture
def postgres_opslag(request, postgres_server):
    naam = "t_bib_" + uuid.uuid4().hex[:10]
    request.instance.opslag_url = postgres_server.create_database(naam)
    request.instance.opslag_soort = "postgres"
    yield
    postgres_server.drop_database(naam)
