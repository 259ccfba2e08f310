"""`verifieer` checks the snapshots in the same reading as the chain, and finds what the general way finds.

The general way (as `verifieer` did before): after the chain, each stream with snapshots is read
again from the store and replayed with eventsourcing's own mapper, and the state at each snapshot
is compared with the snapshot. Here one voucher has two snapshots (versions 50 and 100). On SQLite
and PostgreSQL: an untouched store verifies with every snapshot; a forged second snapshot is found
at version 100 (and the first still agrees); a changed event before it is a break of the chain,
reported before any snapshot.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing.sqlite import SQLiteDatastore
from wereld import Wereld, open_store

from commands.verifieren import verifieer
from ledger import keten


def _sql(recorder: Any, sql: str, *params: Any) -> list[Any]:
    postgres = not _sqlite(recorder)
    with recorder.datastore.transaction(commit=True) as curs:
        curs.execute(sql.format(t=recorder.events_table_name).replace("?", "%s" if postgres else "?"), params)
        return list(curs.fetchall()) if sql.startswith("SELECT") else []


def _momentopnamen(app: Any) -> list[tuple[str, int, bytes, str]]:
    """(stream, version, state, topic) of every snapshot."""
    rijen = _sql(app.snapshots.recorder, "SELECT originator_id, originator_version, state, topic FROM {t}")
    return sorted(
        (str(UUID(str(r["originator_id"]))), int(r["originator_version"]), bytes(r["state"]), str(r["topic"]))
        for r in rijen
    )


def _gelijk_volgens_de_algemene_weg(app: Any) -> dict[tuple[str, int], bool]:
    """Per snapshot: does a replay of its stream read again from the store (the library's mapper) give its state?"""
    uit = {}
    for stroom, versie, staat, topic in _momentopnamen(app):
        aggregaat = None
        for opgeslagen in app.recorder.select_events(UUID(stroom), lte=versie):
            aggregaat = Mapper.to_domain_event(app.mapper, opgeslagen).mutate(aggregaat)
        snapshot = StoredEvent(originator_id=UUID(stroom), originator_version=versie, topic=topic, state=staat)
        uit[(stroom, versie)] = _staat(app.mapper.to_domain_event(snapshot).mutate(None)) == _staat(aggregaat)
    return uit


def _id(app: Any, stroom: str) -> Any:
    return UUID(stroom).hex if _sqlite(app.recorder) else UUID(stroom)


def _sqlite(recorder: Any) -> bool:
    return isinstance(recorder.datastore, SQLiteDatastore)


def _staat(aggregaat: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(aggregaat).items() if k != "_pending_events"}


def _vervals(waarde: Any, *, van: int, naar: int) -> bool:
    """Change the first amount of `van` cents into `naar` cents, in place."""
    if isinstance(waarde, dict):
        if waarde.get("_type_") == "bedrag_centen" and waarde.get("_data_") == van:
            waarde["_data_"] = naar
            return True
        return any(_vervals(w, van=van, naar=naar) for w in waarde.values())
    if isinstance(waarde, list):
        return any(_vervals(w, van=van, naar=naar) for w in waarde)
    return False


def test_momentopnamen_in_dezelfde_lezing_als_de_keten(store_url):
    app = open_store(store_url)
    w = Wereld.ingericht(app)
    code = w.voucher("5.000")
    for i in range(105):  # the voucher's 50th and 100th event: two snapshots of one stream
        w.verzilver(code, "1", factuur=f"F-{i}")
    momenten = _momentopnamen(app)
    stroom = next(s for s, v, _, _ in momenten if v == 100)
    assert {v for s, v, _, _ in momenten if s == stroom} == {50, 100}

    # Untouched: every snapshot agrees, by either way.
    u = verifieer(app, [])
    assert u["intact"] and u["breuk"] is None and u["momentopnamen"] == len(momenten)
    assert all(_gelijk_volgens_de_algemene_weg(app).values())
    assert (u["positie"], u["kop"]) == app.logkop()

    # The second snapshot forged (€ 99 paid becomes € 1), its `_kop` left as it was.
    staat = next(st for s, v, st, _ in momenten if s == stroom and v == 100)
    toestand = json.loads(staat)
    assert _vervals(toestand, van=9900, naar=100), toestand
    _sql(
        app.snapshots.recorder,
        "UPDATE {t} SET state = ? WHERE originator_id = ? AND originator_version = ?",
        keten.kanoniek(toestand),
        _id(app, stroom),
        100,
    )
    algemeen = _gelijk_volgens_de_algemene_weg(app)
    assert algemeen[(stroom, 50)] and not algemeen[(stroom, 100)]
    u = verifieer(app, [])
    assert not u["intact"]
    assert (u["breuk"]["stroom"], u["breuk"]["versie"]) == (stroom, 100)
    assert "wijkt af van wat de gebeurtenissen opleveren" in u["breuk"]["wat"]
    assert u["gebeurtenissen"] == app.recorder.max_notification_id()  # the chain itself held

    # An event of that stream changed before the snapshots: the chain breaks there, before any snapshot is judged.
    rij = _sql(
        app.recorder,
        "SELECT state FROM {t} WHERE originator_id = ? AND originator_version = ?",
        _id(app, stroom),
        30,
    )
    geknoeid = bytes(rij[0]["state"]).replace(b'"bedrag":{"_data_":100,', b'"bedrag":{"_data_":900,', 1)
    assert geknoeid != bytes(rij[0]["state"])
    _sql(
        app.recorder,
        "UPDATE {t} SET state = ? WHERE originator_id = ? AND originator_version = ?",
        geknoeid,
        _id(app, stroom),
        30,
    )
    u = verifieer(app, [])
    assert not u["intact"]
    assert (u["breuk"]["stroom"], u["breuk"]["versie"]) == (stroom, 30)
    assert "de inhoud is gewijzigd" in u["breuk"]["wat"]
