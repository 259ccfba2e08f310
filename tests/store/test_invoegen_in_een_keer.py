"""SQLite: the events of one save go in with one executemany; their notification ids are their rowids.

eventsourcing 9.5.6 inserts one row at a time for its `lastrowid`; `VoucherSQLiteRecorder._voeg_in`
inserts the batch at once and derives the ids from the largest rowid (the batch has the last n).
Checked against the rowids in the table: after events already stored, and after the largest
possible rowid was reached (SQLite then picks rowids at random: each is asked).
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.persistence import StoredEvent
from wereld import open_store

from commands.selectie import GROOTSTE_ROWID


def _gebeurtenissen(stroom: UUID, aantal: int) -> list[StoredEvent]:
    return [StoredEvent(stroom, v, "test.Iets", b'{"v":%d}' % v) for v in range(1, aantal + 1)]


def _rowids(app, stroom: UUID) -> list[int]:
    with app.recorder.datastore.transaction(commit=False) as c:
        c.execute("SELECT rowid FROM stored_events WHERE originator_id = ? ORDER BY originator_version", (stroom.hex,))
        return [int(r[0]) for r in c.fetchall()]


def test_de_nummers_van_een_partij_zijn_de_rowids_die_sqlite_gaf(tmp_path):
    app = open_store(str(tmp_path / "v.db"))
    eerst = app.recorder.insert_events(_gebeurtenissen(UUID(int=1), 3))
    dan = app.recorder.insert_events(_gebeurtenissen(UUID(int=2), 500))
    assert eerst == _rowids(app, UUID(int=1)) == [1, 2, 3]
    assert dan == _rowids(app, UUID(int=2)) == list(range(4, 504))
    assert app.recorder.insert_events([]) == []


def test_na_de_grootste_rowid_wordt_elk_nummer_gevraagd(tmp_path):
    app = open_store(str(tmp_path / "v.db"))
    with app.recorder.datastore.transaction(commit=True) as c:
        c.execute(
            "INSERT INTO stored_events (rowid, originator_id, originator_version, topic, state) VALUES (?,?,?,?,?)",
            (GROOTSTE_ROWID, UUID(int=9).hex, 1, "test.Iets", b"{}"),
        )
    nummers = app.recorder.insert_events(_gebeurtenissen(UUID(int=3), 5))
    assert nummers == _rowids(app, UUID(int=3))
    assert len(set(nummers)) == 5 and GROOTSTE_ROWID not in nummers
