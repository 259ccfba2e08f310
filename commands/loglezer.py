"""Reading the stored log at the speed of the store: rows, not library objects.

Every reader of the whole log (the read models, a rebuild, a replay up to a date, the
reports, `verifieer`, the log head) goes through `rijen`: one query per batch, each row as
a plain tuple (notification id, stream id, version, topic, state). On SQLite the rows come
straight from the events table (the library's reader builds a `Notification` and a fresh
`UUID` for every row, which cost more than the query); a stream id met before is the same
`UUID` object again. Elsewhere (PostgreSQL, the in-memory store of the domain tests) the
library's `select_notifications` serves, with a larger batch.

Decoding stays the mapper's (commands/opslag.py): the same event classes, upcasts and
transcodings for a replay as for loading one aggregate, so a new kind of event is read here
without anything added.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from typing import Any
from uuid import UUID

Rij = tuple[int, UUID, int, str, bytes]
"""(notification id, stream id, version, topic, stored state: encrypted or compressed as stored)"""

BATCH = 10_000
"""Rows per query: few round trips, and a batch of a few MB at most in memory."""

_UUID_GRENS = 50_000  # stream ids remembered in one pass: the streams of recent batches (a bound for memory)

SELECTIE = "vouchers_selectie"
"""The selection index next to the events (commands/selectie.py): per event its wijk and budget year."""
GEMEENTE = "*"
"""Its wijk for a stream that touches every wijk (the gemeente's): in every selection."""


def is_sqlite(recorder: Any) -> bool:
    """A recorder on eventsourcing's SQLite datastore (the library's class or the project's subclass of it)."""
    return type(getattr(recorder, "datastore", None)).__module__ == "eventsourcing.sqlite"


def rijen(
    recorder: Any,
    start: int = 1,
    stop: int | None = None,
    topics: Sequence[str] = (),
    batch: int = BATCH,
    selectie: tuple[str, int] | None = None,
) -> Iterator[Rij]:
    """Every stored event from `start` (to `stop`), in commit order, a batch per query. With `selectie`
    (wijk, periode): only the events of that wijk and year and those that touch every wijk, still in
    commit order, read through the selection index (the caller made sure it is complete)."""
    if selectie is not None:
        yield from _geselecteerd(recorder, selectie, start, stop, batch, topics)
        return
    if is_sqlite(recorder):
        yield from _sqlite(recorder, start, stop, topics, batch)
        return
    while stop is None or start <= stop:
        deel = recorder.select_notifications(start, batch, stop=stop, topics=topics)
        for n in deel:
            yield n.id, n.originator_id, n.originator_version, n.topic, n.state
        if len(deel) < batch:
            return
        start = deel[-1].id + 1


def _sqlite(recorder: Any, start: int, stop: int | None, topics: Sequence[str], batch: int) -> Iterator[Rij]:
    sql = (
        f"SELECT rowid, originator_id, originator_version, topic, state FROM {recorder.events_table_name} "  # noqa: S608 - the library's table name
        "WHERE rowid >= ?"
        + (" AND rowid <= ?" if stop is not None else "")
        + (f" AND topic IN ({','.join('?' * len(topics))})" if topics else "")
        + " ORDER BY rowid LIMIT ?"
    )
    stromen: dict[str, UUID] = {}
    while stop is None or start <= stop:
        params: list[Any] = [start, *([stop] if stop is not None else []), *topics, batch]
        with recorder.datastore.transaction(commit=False) as c:
            c.row_factory = None  # plain tuples: a sqlite3.Row per row costs more than the row
            c.execute(sql, params)
            deel = c.fetchall()
        for rowid, stroom, versie, topic, staat in deel:
            oid = stromen.get(stroom)
            if oid is None:
                if len(stromen) >= _UUID_GRENS:
                    stromen.clear()
                oid = stromen[stroom] = UUID(stroom)
            yield rowid, oid, versie, topic, staat
        if len(deel) < batch:
            return
        start = deel[-1][0] + 1


def opgeslagen_staarten(
    recorder: Any, stop: int | None = None, batch: int = BATCH, start: int = 1
) -> Iterator[tuple[int, bytes]] | None:
    """(notification id, the last 66 bytes of the state) for every event, on an unencrypted SQLite store: enough
    for the log head (the `_hash` the mapper writes last), without reading or decoding whole states. None elsewhere."""
    if not is_sqlite(recorder):
        return None
    return _staarten(recorder, stop, batch, start)


def _staarten(recorder: Any, stop: int | None, batch: int, start: int = 1) -> Iterator[tuple[int, bytes]]:
    sql = (
        f"SELECT rowid, substr(state, -76) FROM {recorder.events_table_name} WHERE rowid >= ?"  # noqa: S608 - the library's table name
        + (" AND rowid <= ?" if stop is not None else "")
        + " ORDER BY rowid LIMIT ?"
    )
    while stop is None or start <= stop:
        with recorder.datastore.transaction(commit=False) as c:
            c.row_factory = None
            c.execute(sql, [start, *([stop] if stop is not None else []), batch])
            deel = c.fetchall()
        yield from deel
        if len(deel) < batch:
            return
        start = deel[-1][0] + 1


def _geselecteerd(
    recorder: Any, selectie: tuple[str, int], start: int, stop: int | None, batch: int, topics: Sequence[str] = ()
) -> Iterator[Rij]:
    """Two ordered reads merged by notification id: the rows of (wijk, periode) and those of every wijk,
    each walking the index (wijk, periode, notification_id) in order, a batch per query."""
    wijk, periode = selectie
    return heapq.merge(
        _sleutelrijen(recorder, wijk, periode, start, stop, batch, topics),
        _sleutelrijen(recorder, GEMEENTE, 0, start, stop, batch, topics),
        key=lambda r: r[0],
    )


def _sleutelrijen(
    recorder: Any, wijk: str, periode: int, start: int, stop: int | None, batch: int, topics: Sequence[str] = ()
) -> Iterator[Rij]:
    sqlite = is_sqlite(recorder)
    p = "?" if sqlite else "%s"
    sleutel = "e.rowid" if sqlite else "e.notification_id"
    sql = (
        f"SELECT s.notification_id, e.originator_id, e.originator_version, e.topic, e.state "  # noqa: S608 - our table names
        f"FROM {SELECTIE} s JOIN {recorder.events_table_name} e ON {sleutel} = s.notification_id "
        f"WHERE s.wijk = {p} AND s.periode = {p} AND s.notification_id >= {p}"
        + (f" AND s.notification_id <= {p}" if stop is not None else "")
        + (f" AND e.topic IN ({','.join([p] * len(topics))})" if topics else "")
        + f" ORDER BY s.notification_id LIMIT {p}"
    )
    stromen: dict[Any, UUID] = {}
    while stop is None or start <= stop:
        params: list[Any] = [wijk, periode, start, *([stop] if stop is not None else []), *topics, batch]
        with recorder.datastore.transaction(commit=False) as c:
            if sqlite:
                c.row_factory = None
            c.execute(sql, params)
            deel = [tuple(r.values()) if isinstance(r, dict) else r for r in c.fetchall()]
        for nummer, stroom, versie, topic, staat in deel:
            oid = stromen.get(stroom)
            if oid is None:
                if len(stromen) >= _UUID_GRENS:
                    stromen.clear()
                oid = stromen[stroom] = stroom if isinstance(stroom, UUID) else UUID(str(stroom))
            yield nummer, oid, versie, topic, staat if isinstance(staat, bytes) else bytes(staat)
        if len(deel) < batch:
            return
        start = deel[-1][0] + 1
