"""The store: which database, opened how, and who is acting.

SQLite (one local file, one person) is the embedded default; PostgreSQL is the shared
store. On SQLite the acting user is the OS login, overridable with VOUCHER_GEBRUIKER; on
PostgreSQL it is the database login role (`session_user`) and nothing else, since a shared
store must not take a name on trust. psycopg is imported only for PostgreSQL.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import Application, ProcessingEvent
from eventsourcing.domain import Aggregate, Snapshot
from eventsourcing.persistence import (
    JSONTranscoder,
    Mapper,
    MapperDeserialisationError,
    PersistenceError,
    StoredEvent,
    Transcoder,
    find_id_convertor,
)
from eventsourcing.utils import Environment, get_topic, resolve_topic

from commands import loglezer
from commands.adres import (  # noqa: F401 - re-exported: where the store is
    OPSLAGSLEUTEL_ENV,
    STANDAARD_DATABASE,
    Opslag,
    inlognaam,
    lees_url,
)
from commands.kanoniek import KanoniekeTranscoder
from ledger import keten, transcodings
from ledger.begrippen import GEBRUIKERSNAAM
from ledger.fouten import OngeldigeInvoer, OpslagOnbeschikbaar, VoucherFout

GEBRUIKER_ENV = "VOUCHER_GEBRUIKER"
T = TypeVar("T")


class VoucherLedger(Application):
    """The eventsourcing application: one event store, tables `vouchers_events`/`_snapshots`.

    Snapshots keep the cost of loading an aggregate flat, however long its history: the
    gemeente (which numbers every aanvraag) and a busy wijk are replayed from their latest
    snapshot plus at most an interval of events.
    """

    name = "vouchers"

    @property
    def snapshotting_intervals(self) -> dict[Any, int]:  # type: ignore[override]
        # A property, so that opening a store does not import the event-sourced classes: a read
        # from up-to-date views never needs them (they cost a third of a command's start).
        return _snapshot_intervallen()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mapper.lees_hash = self._hash_uit_de_opslag  # type: ignore[attr-defined]
        # The moment an event is recorded is the library's `timestamp` (ledger/vastlegging.py), never a
        # person's input. Only tests and the simulated year of `voucher demo` set a clock here (it is no
        # option, no setting and no environment variable): a simulation lives its own days.
        self.klok: Callable[[Any], datetime] | None = None  # event -> the moment it is recorded

    def save(self, *objs: Any, **kwargs: Any) -> Any:
        """Every event of one save is recorded at one moment (ledger/vastlegging.py): an act is known whole
        or not at all on a day, also when its events were built on either side of midnight."""
        wachtend = [e for obj in objs for e in getattr(obj, "_pending_events", None) or ()]
        if wachtend:
            moment = self.klok(wachtend[0]) if self.klok is not None else datetime.now(UTC)
            for obj in objs:
                _stempel(obj, moment)
        # As eventsourcing 9.5.6's Application.save (pinned), but an aggregate is recognised by its class:
        # the library asks two runtime Protocols of every object, which in an import of 10.000 payments
        # (10.100 aggregates) cost a fifth of the import.
        verwerking: ProcessingEvent[UUID] = ProcessingEvent()
        for obj in objs:
            if isinstance(obj, Aggregate):
                verwerking.events.extend(obj.collect_events())
                verwerking.aggregates[obj.id] = obj
            else:
                verwerking.collect_events(obj)
        verwerking.saved_kwargs.update(kwargs)
        recordings = self._record(verwerking)
        self._take_snapshots(verwerking)
        self._notify(recordings)
        self.notify(verwerking.events)  # type: ignore[arg-type]  # deprecated, as the library still calls it
        return recordings

    def construct_env(self, name: str, env: Any = None) -> Environment:
        """The settings come from the project alone (commands/adres.py `Opslag.env`), never from os.environ.

        eventsourcing merges the process environment into an application's settings, and
        `VOUCHERS_`-prefixed variables even override what the application sets. Here that would
        let a stray variable swap the recorder (and with it the advisory lock and the GRANTs that
        follow the mandates), the mapper (the hash chain), or switch on the library's insert
        function. So every library variable in the environment is ignored; the project's own
        variables (VOUCHER_DATABASE, VOUCHER_GEBRUIKER, VOUCHER_OPSLAGSLEUTEL, PGPASSWORD) are
        read where the store is chosen."""
        instellingen = dict(type(self).env)
        instellingen["IS_SNAPSHOTTING_ENABLED"] = "y"  # snapshotting_intervals is always set
        instellingen.update(env or {})
        return Environment(name, instellingen)

    def construct_mapper(self) -> Any:
        return self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=KetenMapper)

    def construct_transcoder(self) -> Transcoder:
        transcoder = KanoniekeTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def _record(self, processing_event: Any) -> Any:
        mapper: KetenMapper = self.mapper  # type: ignore[assignment]
        mapper.verwerp_nieuw()  # left over from a bare events.put in this thread: never a predecessor
        if processing_event.events:  # the selection index, written with the events (commands/selectie.py)
            from commands import selectie

            processing_event.saved_kwargs[selectie.KWARG] = selectie.bij_opslaan(
                self, processing_event.events, processing_event.aggregates
            )
        try:
            recordings = super()._record(processing_event)
        except BaseException:
            mapper.verwerp_nieuw()
            raise
        mapper.bevestig_nieuw()
        return recordings

    def _hash_uit_de_opslag(self, originator_id: UUID, versie: int) -> str:
        """The stored hash of one event (when the mapper has not seen it: a rare cache miss)."""
        opgeslagen = self.recorder.select_events(originator_id, gt=versie - 1, lte=versie, limit=1)
        if not opgeslagen:
            return ""
        return keten.opgeslagen_hash(self.mapper.ontsleuteld(opgeslagen[0])) or ""  # type: ignore[attr-defined]

    def _notificaties(
        self, start: int = 1, batch: int = 1000, topics: Sequence[str] = (), stop: int | None = None
    ) -> Iterator[Any]:
        """Every stored notification from `start` (to `stop`) as the library's `Notification`, a batch per query."""
        while stop is None or start <= stop:
            rijen = self.recorder.select_notifications(start, batch, stop=stop, topics=topics)
            yield from rijen
            if len(rijen) < batch:
                return
            start = rijen[-1].id + 1

    def rauw(self) -> Iterator[tuple[int, str, int, str, bytes]]:
        """(notification id, stream, version, topic, decrypted state) for every stored event: what `verifieer` reads."""
        mapper: KetenMapper = self.mapper  # type: ignore[assignment]
        ontsleuteld = mapper.ontsleuteld_staat
        for positie, stroom, versie, topic, staat in loglezer.rijen(self.recorder):
            yield positie, str(stroom), versie, topic, ontsleuteld(staat)

    def logkop(self, tot: int | None = None) -> tuple[int, str]:
        """(position, log head) of the log up to and including notification `tot` (default: all of it),
        from the stored hashes alone (nothing is decoded; on a plain SQLite file only each state's tail is read).
        It starts from the nearest head a report noted before (commands/selectie.py `koppunt`): a report on a
        long log reads only what was written since. `verifieer` never starts from one: it reads the whole log."""
        from commands import selectie

        mapper: KetenMapper = self.mapper  # type: ignore[assignment]
        vanaf = selectie.koppunt(self, tot)
        kop = keten.Logkop(*vanaf)
        gelezen = 0
        begin = vanaf[0] + 1
        staarten = (
            None
            if mapper.cipher or mapper.compressor
            else loglezer.opgeslagen_staarten(self.recorder, tot, start=begin)
        )
        if staarten is not None:
            for positie, staart in staarten:
                h = keten.opgeslagen_hash(staart) if staart.endswith(b'"}') else None
                if h is None:  # not the mapper's own tail: the whole state says
                    gebeurtenis = next(loglezer.rijen(self.recorder, positie, positie), None)
                    h = keten.opgeslagen_hash(gebeurtenis[4]) if gebeurtenis is not None else None
                kop.volg(positie, h)
                gelezen += 1
        else:
            for positie, _stroom, _versie, _topic, staat in loglezer.rijen(self.recorder, begin, stop=tot):
                kop.volg(positie, keten.opgeslagen_hash(mapper.ontsleuteld_staat(staat)))
                gelezen += 1
        selectie.noteer_koppunt(self, kop.paar(), gelezen)
        return kop.paar()

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcodings.registreer(transcoder)

    def _take_snapshots(self, processing_event: Any) -> None:
        """Snapshot from the aggregate in memory when a save crosses an interval.

        The library replays the aggregate from the store once for every event whose version
        is a multiple of the interval; a batch (an import of thousands of payments) then pays
        for hundreds of replays. The aggregate in hand is already at its newest version:
        snapshotting that is the same state, at no extra read. (Overrides a private hook of
        eventsourcing 9.5.6, which is pinned.)
        """
        if not self.snapshots:
            return
        versies: dict[Any, list[int]] = {}
        for e in processing_event.events:
            versies.setdefault(e.originator_id, []).append(e.originator_version)
        momentopnamen = []
        for aggregate_id, aggregate in processing_event.aggregates.items():
            interval = _INTERVAL_PER_TOPIC.get(getattr(type(aggregate), "TOPIC", ""))
            if interval and any(v % interval == 0 for v in versies.get(aggregate_id, ())):
                momentopnamen.append(type(aggregate).Snapshot.take(aggregate))
        if momentopnamen:
            try:
                self.snapshots.put(momentopnamen)
            except Exception as e:
                # The events are committed by now: the act stands. A snapshot is only a shortcut for
                # loading (a full disk, a lost connection must not turn a recorded act into an error);
                # the next interval takes one again.
                if not is_opslagfout(e):
                    raise

    def genummerd(
        self,
        start: int = 1,
        batch: int = loglezer.BATCH,
        topics: Sequence[str] = (),
        kop: keten.Logkop | None = None,
        alleen: Container[type] | None = None,
        selectie: tuple[str, int] | None = None,
        stop: int | None = None,
    ) -> Iterator[tuple[int, Any]]:
        """(notification id, decoded event) for every stored event from `start` (to `stop`), in commit order:
        the one reader of the whole log (service lists, read models, reports). `kop` follows the
        log head along (reading the whole log from its start). With `alleen` (the event classes a
        fold uses), an event of any other class is not decoded: it comes as (id, None), so that
        the fold still sees its position, and the log head still follows its stored hash. With
        `selectie` (wijk, periode): only that wijk and year and what touches every wijk
        (commands/selectie.py; `kop` then follows nothing: the whole log's head is `logkop`)."""
        mapper: KetenMapper = self.mapper  # type: ignore[assignment]
        gebeurtenis = mapper.gebeurtenis
        draad = mapper._per_draad  # where `gebeurtenis` leaves the hash of the event it decoded
        if selectie is not None:
            kop = None
        rijen = loglezer.rijen(self.recorder, start, stop, topics=topics, batch=batch, selectie=selectie)
        for positie, stroom, versie, topic, staat in rijen:
            if alleen is not None and mapper.klasse(topic) not in alleen:
                if kop is not None:
                    kop.volg(positie, keten.opgeslagen_hash(mapper.ontsleuteld_staat(staat)))
                yield positie, None
                continue
            e = gebeurtenis(stroom, versie, topic, staat, onthoud=False)
            if kop is not None:
                kop.volg(positie, draad.laatste_hash)
            yield positie, e

    def gebeurtenis(self, nummer: int) -> Any | None:
        """The stored event with this number (notification id, as `kasboek` prints it), decoded; None if none."""
        if nummer < 1:
            return None
        for positie, stroom, versie, topic, staat in loglezer.rijen(self.recorder, nummer, nummer, batch=1):
            if positie == nummer:
                mapper: KetenMapper = self.mapper  # type: ignore[assignment]
                return mapper.gebeurtenis(stroom, versie, topic, staat)
        return None

    def bestaande(self, aggregate_ids: Iterable[UUID]) -> set[UUID]:
        """Which of these aggregates have events, in one query per thousand ids (not a load each)."""
        gevraagd = list(dict.fromkeys(aggregate_ids))
        recorder = self.recorder
        tabel = getattr(recorder, "events_table_name", None)
        datastore = getattr(recorder, "datastore", None)
        if tabel is None or datastore is None:  # the in-memory store of the domain tests
            return {i for i in gevraagd if self.recorder.select_events(i, desc=True, limit=1)}
        gevonden: set[UUID] = set()
        postgres = not loglezer.is_sqlite(recorder)
        with datastore.transaction(commit=False) as curs:
            for begin in range(0, len(gevraagd), 1000):
                deel = gevraagd[begin : begin + 1000]
                if postgres:
                    curs.execute(
                        f"SELECT DISTINCT originator_id FROM {tabel} WHERE originator_id = ANY(%s)",  # noqa: S608 - our table name
                        (deel,),
                    )
                    gevonden.update(UUID(str(r["originator_id"])) for r in curs.fetchall())
                else:
                    plaatsen = ",".join("?" * len(deel))
                    curs.execute(
                        f"SELECT DISTINCT originator_id FROM {tabel} WHERE originator_id IN ({plaatsen})",  # noqa: S608
                        [i.hex for i in deel],
                    )
                    gevonden.update(UUID(r[0]) for r in curs.fetchall())
        return gevonden


def _stempel(aggregate: Any, moment: datetime) -> None:
    """Give the pending events of an aggregate the moment of the save, and the aggregate its own times with
    them, so that a snapshot taken now is what the stored events replay to. (The library's events are
    frozen dataclasses and its `timestamp` the time of building each; eventsourcing 9.5.6 is pinned.)"""
    wachtend = getattr(aggregate, "_pending_events", None)
    if not wachtend:
        return
    for e in wachtend:
        object.__setattr__(e, "timestamp", moment)
    if wachtend[0].originator_version == 1:
        aggregate._created_on = moment
    aggregate.modified_on = moment


class KetenMapper(Mapper[UUID]):
    """The library's mapper, chaining every event to its predecessor (ledger/keten.py).

    It remembers the newest hash it has seen of every stream (decoded from the store, or
    encoded by this process and committed), so writing the next event needs no extra read;
    a snapshot carries the hash of the event it was taken at. Hashes of a save that failed
    (a lost race) are dropped, never used as a predecessor.

    One ledger may be shared by threads (a long-running process). The hashes a save has
    encoded but not yet committed belong to that save alone: they are kept per thread (a
    save runs in one thread from encoding to commit), and only a committed save adds them
    to the shared heads, under a lock and never replacing a newer version by an older one.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.koppen: dict[UUID, tuple[int, str]] = {}
        self._koppen_slot = threading.Lock()
        self._per_draad = threading.local()
        self.lees_hash: Callable[[UUID, int], str] = lambda _id, _versie: ""
        self._klassen: dict[str, Any] = {}  # topic -> event class (resolved once)
        self._soorten: dict[tuple[str, type], tuple[Any, Callable[[Any], Any], int]] = {}

    @property
    def _nieuw(self) -> dict[UUID, tuple[int, str]]:
        """The hashes encoded by the save running in this thread, not yet committed."""
        nieuw: dict[UUID, tuple[int, str]] | None = getattr(self._per_draad, "nieuw", None)
        if nieuw is None:
            nieuw = self._per_draad.nieuw = {}
        return nieuw

    @property
    def laatste_hash(self) -> str:
        """The hash of the event this thread decoded last (the read models' log head follows it)."""
        return getattr(self._per_draad, "laatste_hash", "")

    # --- writing ---
    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        topic = get_topic(domain_event.__class__)
        toestand = dict(vars(domain_event))
        originator_id = toestand.pop("originator_id")
        versie = toestand.pop("originator_version")
        class_version = getattr(type(domain_event), "class_version", 1)
        if class_version > 1:
            toestand["class_version"] = class_version
        if isinstance(domain_event, Snapshot):  # not in the chain; it names the event it was taken at
            toestand[keten.KOP] = self._hash_van(originator_id, versie)
            return self._opgeslagen(originator_id, versie, topic, self.transcoder.encode(toestand))
        toestand[keten.VORIGE] = self._hash_van(originator_id, versie - 1) if versie > 1 else keten.GENESIS
        staat = self.transcoder.encode(toestand)
        h = keten.hash_van(keten.omhulsel(originator_id, versie, topic, staat))
        self._nieuw[originator_id] = (versie, h)
        return self._opgeslagen(originator_id, versie, topic, keten.met_hash(staat, h))

    def _opgeslagen(self, originator_id: Any, versie: int, topic: str, staat: bytes) -> StoredEvent:
        if self.compressor:
            staat = self.compressor.compress(staat)
        if self.cipher:
            staat = self.cipher.encrypt(staat)
        return StoredEvent(originator_id=originator_id, originator_version=versie, topic=topic, state=staat)

    def _hash_van(self, originator_id: UUID, versie: int) -> str:
        gezien = self._nieuw.get(originator_id)
        if gezien is None or gezien[0] != versie:
            gezien = self.koppen.get(originator_id)
        if gezien is not None and gezien[0] == versie:
            return gezien[1]
        return self.lees_hash(originator_id, versie)

    def bevestig_nieuw(self) -> None:
        """This thread's save committed: its hashes are now stored heads."""
        nieuw = self._nieuw
        for stroom, (versie, h) in nieuw.items():
            self._onthoud(stroom, versie, h)
        nieuw.clear()

    def verwerp_nieuw(self) -> None:
        """This thread's save failed: nothing it encoded was stored."""
        self._nieuw.clear()

    def _onthoud(self, stroom: UUID, versie: int, h: str) -> None:
        with self._koppen_slot:
            bekend = self.koppen.get(stroom)
            if bekend is None or bekend[0] <= versie:
                if len(self.koppen) > 200_000:  # a bound for long-running processes; a miss costs one read
                    self.koppen.clear()
                self.koppen[stroom] = (versie, h)

    # --- reading ---
    def ontsleuteld(self, stored: Any) -> bytes:
        return self.ontsleuteld_staat(stored.state)

    def ontsleuteld_staat(self, staat: bytes) -> bytes:
        if self.cipher:
            staat = self.cipher.decrypt(staat)
        if self.compressor:
            staat = self.compressor.decompress(staat)
        return staat

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        return self.gebeurtenis(
            stored_event.originator_id,  # type: ignore[arg-type]
            stored_event.originator_version,
            stored_event.topic,
            stored_event.state,
        )

    def klasse(self, topic: str) -> Any:
        """The class of a stored topic (resolved once per topic)."""
        cls = self._klassen.get(topic)
        if cls is None:
            cls = self._klassen[topic] = resolve_topic(_registreer(topic))
        return cls

    def _soort(self, topic: str, id_type: type) -> tuple[Any, Callable[[Any], Any], int]:
        """(class, id convertor, class version) of a stored topic, once per topic and id type."""
        sleutel = (topic, id_type)
        soort = self._soorten.get(sleutel)
        if soort is None:
            cls = self.klasse(topic)
            soort = self._soorten[sleutel] = (cls, find_id_convertor(cls, id_type), getattr(cls, "class_version", 1))  # type: ignore[arg-type]
        return soort

    def gebeurtenis(
        self, originator_id: UUID, versie: int, topic: str, opgeslagen: bytes, *, onthoud: bool = True
    ) -> Any:
        """The domain event of one stored row, as eventsourcing 9.5.6's `Mapper.to_domain_event` makes it (the
        same class by topic, transcodings, id conversion and upcasts), without a `StoredEvent` around it.

        Every reader decodes here: loading an aggregate, a catch-up, a rebuild, a replay, a report. `onthoud`
        keeps the stream's newest hash for the next write; a pass over the whole log leaves that out (a
        write after it reads the one hash it needs)."""
        cls, convertor, klasse_versie = self._soort(topic, type(originator_id))
        try:
            toestand: dict[str, Any] = self.transcoder.decode(self.ontsleuteld_staat(opgeslagen))
        except Exception as e:
            raise MapperDeserialisationError(
                f"Failed to deserialise state of stored event with topic '{topic}', "
                f"originator_id '{originator_id}' and originator_version {versie}: {e}"
            ) from e
        toestand["originator_id"] = convertor(originator_id)
        toestand["originator_version"] = versie
        if klasse_versie > 1 or "class_version" in toestand:
            van = toestand.pop("class_version", 1)
            while van < klasse_versie:
                getattr(cls, f"upcast_v{van}_v{van + 1}")(toestand)
                van += 1
        h = toestand.pop(keten.HASH, None)
        toestand.pop(keten.VORIGE, None)
        kop = toestand.pop(keten.KOP, None)
        event = object.__new__(cls)
        object.__setattr__(event, "__dict__", toestand)
        self._per_draad.laatste_hash = h or ""
        h = h or kop
        if h and onthoud:
            self._onthoud(originator_id, versie, h)
        return event


def _registreer(topic: str) -> str:
    """Import the module that registers the explicit topic `topic` (ledger/vindplaats.py): only that aggregate's,
    so that a payment does not import every aggregate; a topic the table does not know, the whole catalogue."""
    import importlib

    from ledger.vindplaats import module_van

    importlib.import_module(module_van(topic) or "ledger.gebeurtenissen")
    return topic


# Every how many events of an aggregate a snapshot is taken, by the aggregate's topic (no class is imported for it).
_INTERVAL_PER_TOPIC = {"voucher.Gemeente": 100, "voucher.Wijk": 100, "voucher.Aanvraag": 50, "voucher.Voucher": 50}


@lru_cache(maxsize=1)
def _snapshot_intervallen() -> dict[Any, int]:
    return {resolve_topic(_registreer(topic)): n for topic, n in _INTERVAL_PER_TOPIC.items()}


def open_ledger(opslag: Opslag, *, inrichten: bool = False) -> VoucherLedger:
    """Open the application; only `voucher init` (inrichten) may create tables or the file."""
    if opslag.soort == "sqlite" and not inrichten and opslag.pad is not None:
        if not opslag.pad.exists():
            raise OpslagOnbeschikbaar(
                f"geen vouchersadministratie in {opslag.pad}: richt die eerst in met 'voucher init --gemeente NAAM'"
            )
    if opslag.soort == "sqlite" and opslag.pad is not None and opslag.pad.parent and not opslag.pad.parent.exists():
        raise OpslagOnbeschikbaar(f"de map {opslag.pad.parent} bestaat niet")
    postgres = opslag.soort == "postgresql"
    if postgres and os.environ.get(GEBRUIKER_ENV):  # every command, reads too: a shared store takes no name on trust
        raise OngeldigeInvoer(
            f"{GEBRUIKER_ENV} geldt niet voor PostgreSQL: daar handelt u onder uw eigen databaselogin"
        )
    # PostgreSQL: tables are made only after the connection and the database's encoding were checked.
    env = opslag.env(create_table=inrichten and not postgres)
    try:
        app = VoucherLedger(env=env)
    except Exception as e:  # the library raises driver- and OS-level errors here
        if postgres:  # the pool only says it got no connection: ask the server why
            from commands.pgopslag import verbindingsfout

            raise verbindingsfout(opslag) from None
        if is_opslagfout(e) and not opslagfout(e).melding.startswith("de opslag is niet bereikbaar"):
            raise opslagfout(e) from None  # a full disk, a table missing: said as such
        raise OpslagOnbeschikbaar(f"de opslag {opslag.omschrijving} is niet bereikbaar: {_kort(e)}") from None
    try:
        if postgres:
            _open_postgres(app, opslag, inrichten=inrichten)
        _eis_passende_sleutel(app, versleuteld="CIPHER_KEY" in env)
    except BaseException:
        app.close()
        raise
    return app


def _open_postgres(app: VoucherLedger, opslag: Opslag, *, inrichten: bool) -> None:
    from commands.pgopslag import controleer_database

    controleer_database(app.recorder, opslag)
    if inrichten:
        recorders: list[Any] = [app.recorder] + ([app.snapshots.recorder] if app.snapshots is not None else [])
        for recorder in recorders:
            try:
                recorder.create_table()
            except Exception as e:
                if not is_opslagfout(e):
                    raise
                tekst = str(e).lower()
                if "permission denied" in tekst or "must be owner" in tekst:
                    raise OpslagOnbeschikbaar(
                        "deze databaselogin mag de administratie niet inrichten: dat doet de eigenaar van de database "
                        "(README, PostgreSQL, stap 1 en 2); er is niets vastgelegd"
                    ) from None
                raise opslagfout(e) from None


def _eis_passende_sleutel(app: VoucherLedger, *, versleuteld: bool) -> None:
    """The first stored event must be readable with the key given (or without one): never a mixed store.

    A store encrypted with VOUCHER_OPSLAGSLEUTEL cannot be read without it, and a key set on a
    store that was not encrypted would write events that its other readers cannot read."""
    try:
        eerste = app.recorder.select_notifications(1, 1)
    except Exception:  # no tables yet, or the server went away: the command's own read reports it
        return
    if not eerste:
        return
    try:
        json.loads(app.mapper.ontsleuteld(eerste[0]))  # type: ignore[attr-defined]
    except Exception:
        if versleuteld:
            raise OpslagOnbeschikbaar(
                f"deze opslag is niet met de sleutel in {OPSLAGSLEUTEL_ENV} versleuteld: gebruik de juiste sleutel, "
                f"of zet {OPSLAGSLEUTEL_ENV} niet voor een onversleutelde opslag"
            ) from None
        raise OpslagOnbeschikbaar(
            f"deze opslag is versleuteld: zet {OPSLAGSLEUTEL_ENV} op de sleutel waarmee ze is ingericht"
        ) from None


def acterende_gebruiker(app: VoucherLedger, opslag: Opslag) -> str:
    if opslag.soort == "sqlite":
        naam = (os.environ.get(GEBRUIKER_ENV) or inlognaam()).strip()
        if not GEBRUIKERSNAAM.fullmatch(naam):
            raise OngeldigeInvoer(
                f"{GEBRUIKER_ENV} of de inlognaam is geen geldige gebruikersnaam: 1 tot 63 letters, cijfers, _ . @ of -"
            )
        return naam
    if os.environ.get(GEBRUIKER_ENV):
        raise OngeldigeInvoer(
            f"{GEBRUIKER_ENV} geldt niet voor PostgreSQL: daar handelt u onder uw eigen databaselogin"
        )
    datastore = app.recorder.datastore  # type: ignore[attr-defined]
    with datastore.transaction(commit=False) as curs:
        curs.execute("SELECT session_user AS gebruiker")
        rij = curs.fetchone()
    return str(rij["gebruiker"])


def _kort(e: BaseException) -> str:
    tekst = " ".join(str(e).split())
    return tekst[:200] or type(e).__name__


def is_opslagfout(e: Exception) -> bool:
    """The library's persistence errors, or a driver's own (a file that is no database, a lost server)."""
    return isinstance(e, (PersistenceError, sqlite3.Error)) or type(e).__module__.startswith("psycopg")


def opslagfout(e: Exception) -> VoucherFout:
    tekst = " ".join(str(e).split())[:200]
    if "row-level security" in tekst:
        return OpslagOnbeschikbaar(
            "deze databaselogin mag deze handeling niet vastleggen: haar databaserol past niet bij het mandaat; "
            "het college geeft het mandaat (opnieuw) met 'voucher mandaat geven' (README, PostgreSQL)"
        )
    if "permission denied" in tekst:
        return OpslagOnbeschikbaar(
            "deze databaselogin heeft geen toegang tot de vouchersadministratie: de toegang volgt het mandaat; "
            "vraag het college om een mandaat of de beheerder om rechten (README, PostgreSQL)"
        )
    if "database or disk is full" in tekst or "no space left" in tekst.lower() or "disk full" in tekst.lower():
        return OpslagOnbeschikbaar(
            "de schijf van de opslag is vol: er is niets vastgelegd; maak ruimte vrij en geef de opdracht opnieuw"
        )
    if "disk i/o error" in tekst.lower():
        return OpslagOnbeschikbaar(
            "de opslag kon niet naar de schijf schrijven (vol of defect): er is niets vastgelegd; controleer de "
            "schijf en geef de opdracht opnieuw"
        )
    if "no such table" in tekst or "does not exist" in tekst:
        return OpslagOnbeschikbaar("de vouchersadministratie is niet ingericht: voer eerst 'voucher init' uit")
    return OpslagOnbeschikbaar(f"de opslag is niet bereikbaar: {tekst or type(e).__name__}")


def lees_opslag(lezer: Callable[[], T]) -> T:
    """Run a read; a store or driver error becomes the ledger's 'store unavailable' (exit 5)."""
    try:
        return lezer()
    except Exception as e:  # the ledger's own errors are no store errors: they pass unchanged
        if is_opslagfout(e):
            raise opslagfout(e) from None
        raise
