"""What one decision needs, read in one round trip: its aggregates and which ids are stored.

`Dienst.laad` goes to the store once per aggregate (the library's repository: a cached
aggregate is fast-forwarded with one query, an uncached one costs a query for its snapshot
and one for its events), and asking whether an invoice is in the register is another. On
PostgreSQL each is a round trip to the server: a payment made three (four statements) before
it wrote. Here the whole need of a decision is one SELECT: the new events of every cached
aggregate, the latest snapshot and the events after it of every other one, and which of some
ids have events at all. One statement sees one state of the database (on SQLite: one read
transaction), so what it returns belongs together; a writer that saves in between is caught
at the write by the version key, as always (commands/kern.py `voer_uit` retries).

Nothing is decided here. The aggregates are the repository's: brought up to date from the
same events by the same mutators (the fold that replays is the fold that runs live), put back
in its cache, decoded by the mapper, which keeps each stream's newest hash for the next write.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from commands import loglezer

DEEL = 2000  # ids per statement: well within SQLite's limit of variables; a payment needs three

SNAPSHOT, GEBEURTENIS, BESTAAT = 0, 1, 2  # the kind of a row in the answer, in the order they are applied


def lees_samen(
    app: Any, laden: Sequence[UUID], bestaan: Sequence[UUID] = ()
) -> tuple[dict[UUID, Aggregate | None], set[UUID]]:
    """(aggregate per id of `laden`, None for one that has no events; which ids of `bestaan` have events).

    The aggregates are the cached objects (or new ones, now cached): the caller copies what it
    changes, as `Dienst.laad` does, so that a refused act leaves the cache untouched."""
    recorder = app.recorder
    if getattr(recorder, "datastore", None) is None or app.snapshots is None:  # the in-memory store of the domain tests
        geladen = {i: _via_repository(app, i) for i in laden}
        return geladen, app.bestaande(bestaan) if bestaan else set()
    cache = app.repository.cache
    bekend: dict[UUID, Aggregate] = {}
    for i in dict.fromkeys(laden) if cache is not None else ():
        try:
            gecachet = cache.get(i)
        except KeyError:
            continue
        if gecachet is not None:
            bekend[i] = gecachet
    vraag = [(i, bekend[i].version if i in bekend else -1) for i in dict.fromkeys(laden)]
    rijen: list[tuple[Any, int, str | None, bytes | None, int]] = []
    postgres = not loglezer.is_sqlite(recorder)  # the library's recorder or the project's subclass of it
    bestaan = list(dict.fromkeys(bestaan))
    stappen = max(1, -(-len(vraag) // DEEL), -(-len(bestaan) // DEEL))
    for n in range(stappen):
        deel_vraag, deel_bestaan = vraag[n * DEEL : (n + 1) * DEEL], bestaan[n * DEEL : (n + 1) * DEEL]
        if deel_vraag or deel_bestaan:
            rijen += (_postgres if postgres else _sqlite)(app, deel_vraag, deel_bestaan)
    per_stroom: dict[UUID, list[tuple[int, int, str, bytes]]] = {}
    gevonden: set[UUID] = set()
    for stroom, versie, topic, staat, soort in rijen:
        oid = stroom if isinstance(stroom, UUID) else UUID(str(stroom))
        if soort == BESTAAT:
            gevonden.add(oid)
        else:
            per_stroom.setdefault(oid, []).append((soort, versie, topic or "", bytes(staat or b"")))
    mapper = app.mapper
    uit: dict[UUID, Aggregate | None] = {}
    for i, _ in vraag:
        nieuw = sorted(per_stroom.get(i, ()))
        agg = bekend.get(i)
        if not nieuw:
            uit[i] = agg
            continue
        agg = deepcopy(agg) if agg is not None else None  # never change the cached object: threads share it
        for _soort, versie, topic, staat in nieuw:
            agg = mapper.gebeurtenis(i, versie, topic, staat).mutate(agg)
        uit[i] = agg
        if cache is not None and agg is not None:
            cache.put(i, agg)
    return uit, gevonden


def _via_repository(app: Any, aggregate_id: UUID) -> Aggregate | None:
    from eventsourcing.application import AggregateNotFoundError

    try:
        agg: Aggregate = app.repository.get(aggregate_id, deepcopy_from_cache=False)
    except AggregateNotFoundError:
        return None
    return agg


def _sqlite(app: Any, vraag: list[tuple[UUID, int]], bestaan: list[UUID]) -> list[Any]:
    e, s = app.recorder.events_table_name, app.snapshots.recorder.events_table_name
    delen, params = [], []
    if vraag:
        waarden = ",".join(["(?,?)"] * len(vraag))
        delen.append(
            f"SELECT s.originator_id, s.originator_version, s.topic, s.state, {SNAPSHOT} FROM w JOIN {s} s "  # noqa: S608 - the library's table names
            f"ON s.originator_id = w.id AND w.v < 0 AND s.originator_version = "
            f"(SELECT MAX(originator_version) FROM {s} WHERE originator_id = w.id)"
        )
        delen.append(
            f"SELECT e.originator_id, e.originator_version, e.topic, e.state, {GEBEURTENIS} FROM w JOIN {e} e "  # noqa: S608
            f"ON e.originator_id = w.id AND e.originator_version > CASE WHEN w.v >= 0 THEN w.v ELSE "
            f"COALESCE((SELECT MAX(originator_version) FROM {s} WHERE originator_id = w.id), 0) END"
        )
        for i, v in vraag:
            params += [i.hex, v]
    if bestaan:
        delen.append(
            f"SELECT originator_id, originator_version, NULL, NULL, {BESTAAT} FROM {e} "  # noqa: S608
            f"WHERE originator_version = 1 AND originator_id IN ({','.join('?' * len(bestaan))})"
        )
        params += [i.hex for i in bestaan]
    sql = (f"WITH w(id, v) AS (VALUES {waarden}) " if vraag else "") + " UNION ALL ".join(delen)
    with app.recorder.datastore.transaction(commit=False) as c:
        c.row_factory = None  # plain tuples
        c.execute(sql, params)
        return list(c.fetchall())


_POSTGRES = """
WITH w(id, v) AS (SELECT * FROM unnest(%(ids)s::uuid[], %(versies)s::bigint[]))
SELECT s.originator_id, s.originator_version, s.topic, s.state, {snapshot} FROM w JOIN {s} s
  ON s.originator_id = w.id AND w.v < 0
 AND s.originator_version = (SELECT MAX(originator_version) FROM {s} WHERE originator_id = w.id)
UNION ALL
SELECT e.originator_id, e.originator_version, e.topic, e.state, {gebeurtenis} FROM w JOIN {e} e
  ON e.originator_id = w.id AND e.originator_version > CASE WHEN w.v >= 0 THEN w.v
     ELSE COALESCE((SELECT MAX(originator_version) FROM {s} WHERE originator_id = w.id), 0) END
UNION ALL
SELECT originator_id, originator_version, NULL, NULL, {bestaat} FROM {e}
 WHERE originator_version = 1 AND originator_id = ANY(%(bestaan)s::uuid[])
"""


def _postgres(app: Any, vraag: list[tuple[UUID, int]], bestaan: list[UUID]) -> list[Any]:
    """One statement in autocommit: no BEGIN and ROLLBACK around it (psycopg drops its prepared
    statements at every rollback), and the same text every time, so the server keeps it prepared."""
    from psycopg.rows import tuple_row

    sql = _POSTGRES.format(
        e=app.recorder.events_table_name,
        s=app.snapshots.recorder.events_table_name,
        snapshot=SNAPSHOT,
        gebeurtenis=GEBEURTENIS,
        bestaat=BESTAAT,
    )
    params = {"ids": [i for i, _ in vraag], "versies": [v for _, v in vraag], "bestaan": bestaan}
    with app.recorder.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as c:
        c.execute(sql, params)  # type: ignore[arg-type]
        return list(c.fetchall())
