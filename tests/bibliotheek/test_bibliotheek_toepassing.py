"""eventsourcing's application and transcoder cases against VoucherLedger, on SQLite and PostgreSQL.

The library's application cases construct `Application[UUID](env=...)` and `BankAccounts`
themselves. Here both names stand for the project's ledger for the duration of a test: an
application class whose mapper is `KetenMapper`, whose transcoder is `KanoniekeTranscoder`, and
whose store is this test's SQLite file or PostgreSQL database as `Opslag.env` configures it
(the library test's own settings on top). After every test the project's own check runs: each
store a test wrote to is opened afresh and `verifieer` must find every hash chain intact.

TranscoderTestCase runs against the transcoder the ledger constructs (canonical JSON with the
project's transcodings registered).
"""

from __future__ import annotations

from typing import Any, ClassVar
from unittest import mock

import eventsourcing.tests.application as bibliotheek
import eventsourcing.tests.persistence as persistentie
import pytest
from bibliotheek_hulp import GEERFD, ProjectOpslag, afwijking, keten_intact

from commands.adres import lees_url
from commands.opslag import KanoniekeTranscoder, KetenMapper, VoucherLedger
from commands.verifieren import verifieer


class _Proefledger(VoucherLedger):
    """VoucherLedger on this test's store; the library test's own settings on top of the project's."""

    name = "vouchers"
    opslag_env: ClassVar[dict[str, str]] = {}
    gebruikt: ClassVar[list[tuple[type, dict[str, str]]]] = []

    def __class_getitem__(cls, _item: Any) -> Any:  # Application[UUID]
        return cls

    def __init__(self, env: Any = None) -> None:
        instellingen = dict(type(self).opslag_env) | dict(env or {})
        super().__init__(env=instellingen)
        assert isinstance(self.mapper, KetenMapper)
        assert isinstance(self.mapper.transcoder, KanoniekeTranscoder)
        _Proefledger.gebruikt.append((type(self), instellingen))


class _OpDeProjectopslag(ProjectOpslag):
    """Replace the library module's `Application` and `BankAccounts` by the project's ledger for one test."""

    def setUp(self) -> None:
        afwijking(self)
        env = lees_url(self.opslag_url).env(create_table=True)
        ledger = type("Application", (_Proefledger,), {"name": "vouchers", "opslag_env": env})
        bank = type("BankAccounts", (bibliotheek.BankAccounts, ledger), {"name": "vouchers", "opslag_env": env})
        _Proefledger.gebruikt.clear()
        for naam, vervanger in (("Application", ledger), ("BankAccounts", bank)):
            patch = mock.patch.object(bibliotheek, naam, vervanger)
            patch.start()
            self.addCleanup(patch.stop)
        super().setUp()  # type: ignore[misc]

    def tearDown(self) -> None:
        super().tearDown()  # type: ignore[misc]
        self.sluit_ledgers()
        gecontroleerd = set()
        for cls, instellingen in list(_Proefledger.gebruikt):
            if instellingen.get("PERSISTENCE_MODULE") not in ("eventsourcing.sqlite", "eventsourcing.postgres"):
                continue  # a library test that chose another store (e.g. POPO) for itself
            sleutel = (cls.name, tuple(sorted(instellingen.items())))
            if sleutel in gecontroleerd:
                continue
            gecontroleerd.add(sleutel)
            # The same application class (its transcodings), opened afresh on the same store and tables.
            nacontrole = cls(env=instellingen | {"CREATE_TABLE": "n"})
            try:
                keten_intact(nacontrole)
            finally:
                nacontrole.close()


@pytest.mark.usefixtures("sqlite_opslag")
class TestToepassingOpSQLite(_OpDeProjectopslag, bibliotheek.ApplicationTestCase):
    pass


@pytest.mark.postgres
@pytest.mark.usefixtures("postgres_opslag")
class TestToepassingOpPostgres(_OpDeProjectopslag, bibliotheek.ApplicationTestCase):
    pass


@pytest.mark.usefixtures("sqlite_opslag")
class TestVoorbeeldOpSQLite(_OpDeProjectopslag, bibliotheek.ExampleApplicationTestCase):
    expected_factory_topic = "eventsourcing.sqlite:SQLiteFactory"


@pytest.mark.postgres
@pytest.mark.usefixtures("postgres_opslag")
class TestVoorbeeldOpPostgres(_OpDeProjectopslag, bibliotheek.ExampleApplicationTestCase):
    expected_factory_topic = "eventsourcing.postgres:PostgresFactory"


class TestKanoniekeTranscoder(persistentie.TranscoderTestCase):
    def setUp(self) -> None:
        afwijking(self)
        super().setUp()

    def construct_transcoder(self) -> Any:
        transcoder = VoucherLedger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"}).construct_transcoder()
        # The custom types of the library's cases, registered as the library's own concrete case does.
        transcoder.register(persistentie.CustomType1AsDict())  # type: ignore[attr-defined]
        transcoder.register(persistentie.CustomType2AsDict())  # type: ignore[attr-defined]
        return transcoder

    def test_sleutels_gesorteerd(self) -> None:
        """What replaces test_dict/test_mixed: the same objects, keys in sorted order, decoded back equal."""
        for obj, verwacht in (
            ({"b": 2, "a": 1}, b'{"a":1,"b":2}'),
            ({"a": {"d": {}, "c": 1}}, b'{"a":{"c":1,"d":{}}}'),
            ({"z": [1, {"y": "🐈", "x": None}]}, '{"z":[1,{"x":null,"y":"🐈"}]}'.encode()),
        ):
            data = self.transcoder.encode(obj)
            self.assertEqual(data, verwacht)
            self.assertEqual(obj, self.transcoder.decode(data))


class _EigenJSONTranscoderVanDeBibliotheek(persistentie.TranscoderTestCase):
    __test__ = False  # run by hand below, per inherited deviation

    def construct_transcoder(self) -> Any:
        from eventsourcing.persistence import DatetimeAsISO, DecimalAsStr, JSONTranscoder, UUIDAsHex

        transcoder = JSONTranscoder()
        for t in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
            transcoder.register(t)
        transcoder.register(persistentie.CustomType1AsDict())  # type: ignore[attr-defined]
        transcoder.register(persistentie.CustomType2AsDict())  # type: ignore[attr-defined]
        return transcoder


@pytest.mark.parametrize("naam", GEERFD)
def test_de_geerfde_afwijkingen_heeft_de_bibliotheek_zelf_ook(naam) -> None:
    """The skips marked as inherited are true: eventsourcing's own JSONTranscoder fails these cases as well."""
    import unittest

    uitslag = unittest.TestResult()
    _EigenJSONTranscoderVanDeBibliotheek(naam).run(uitslag)
    assert uitslag.testsRun == 1 and len(uitslag.failures) + len(uitslag.errors) == 1, (naam, uitslag)


def test_de_nacontrole_kan_falen(tmp_path) -> None:
    """The check after each library test is no formality: a broken chain in such a store is found."""
    import sqlite3

    from eventsourcing.domain import Aggregate

    env = lees_url(str(tmp_path / "x.db")).env(create_table=True)
    app = VoucherLedger(env=env)
    a = Aggregate()
    a.trigger_event(Aggregate.Event)
    app.save(a)
    app.close()
    with sqlite3.connect(tmp_path / "x.db") as conn:
        conn.execute("UPDATE stored_events SET state = replace(state, '\"originator_topic\"', '\"originator_topix\"')")
    app = VoucherLedger(env=env | {"CREATE_TABLE": "n"})
    try:
        with pytest.raises(AssertionError):
            keten_intact(app)
        assert verifieer(app, [])["breuk"] is not None
    finally:
        app.close()
