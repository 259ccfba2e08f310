"""`voucher verifieer`: recompute the hash chain of every stream and check the anchors.

Three checks, each against something a tamperer would have to change as well:

1. Every event: its stored `_hash` is the hash of its canonical encoding, its `_vorige` is the
   hash of the event before it in the stream, and the versions run 1, 2, 3 ... without a gap
   (ledger/keten.py). Catches a changed byte, a deleted, inserted or swapped event.
2. The read models' own anchor: the log head they recorded at their position must still be a
   head of the log. Catches a truncated stream or a rewritten history (hashes recomputed and
   all) unless the tamperer also knew to rewrite that row.
3. Heads the caller brings (`--kop`, from a printed report or an earlier `verifieer`): each
   must still occur, as a log head or as an event's hash. Catches everything, including a
   rewrite of the whole store, because the caller's copy is out of the store's reach.

Snapshots are checked as well: each must name (`_kop`) the hash of the event it was taken at,
and its state must be the state the events replay to, since a command loads from the newest
snapshot and a forged one would change balances without touching an event. The log is read
once for both: the streams with snapshots are replayed alongside the chain (`_Naspel`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from commands import loglezer
from commands.opslag import VoucherLedger, lees_opslag
from ledger import keten
from projections.tabellen import GENESIS


def verifieer(app: VoucherLedger, koppen: list[str]) -> dict[str, Any]:
    return lees_opslag(lambda: _verifieer(app, koppen))


def _verifieer(app: VoucherLedger, gevraagd: list[str]) -> dict[str, Any]:
    anker = _anker_van_de_leesmodellen(app)
    momentopnamen = _momentopnamen(app)
    zoek = list(gevraagd) + ([anker[1]] if anker else [])
    naspel = _Naspel(app, momentopnamen)
    u = keten.verifieer(naspel.rijen(), zoek, bewaar={(m.stroom, m.versie) for m in momentopnamen})
    breuk = _breuk(u.breuk)
    if breuk is None and anker is not None and anker[1] not in u.gevonden:
        breuk = {
            "positie": anker[0],
            "stroom": None,
            "versie": None,
            "soort": None,
            "wat": (
                f"de leesmodellen stonden bij gebeurtenis #{anker[0]} op ketenkop {anker[1]}, maar het log "
                f"leidt daar niet meer heen: gebeurtenissen zijn verwijderd, ingekort of herschreven"
            ),
        }
    if breuk is None:
        breuk = _controleer_momentopnamen(app, momentopnamen, u.bewaard, naspel)
    koppen = [
        {"stroom": stroom, "soort": topic, "versie": versie, "hash": h}
        for stroom, (versie, h, topic) in sorted(u.koppen.items())
    ]
    return {
        "intact": breuk is None and all(k in u.gevonden for k in gevraagd),
        "gebeurtenissen": u.gebeurtenissen,
        "stromen": len(u.koppen),
        "momentopnamen": len(momentopnamen),
        "positie": u.positie,
        "kop": u.logkop,
        "breuk": breuk,
        "gevraagde_koppen": [{"hash": k, "gevonden": k in u.gevonden, "waar": u.gevonden.get(k)} for k in gevraagd],
        "koppen": koppen,
    }


def _breuk(b: keten.Breuk | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"positie": b.positie, "stroom": b.stroom, "versie": b.versie, "soort": b.topic, "wat": b.wat}


def _anker_van_de_leesmodellen(app: VoucherLedger) -> tuple[int, str] | None:
    """(position, log head) recorded by the read models, when there are any (read before the log)."""
    from projections.bijwerken import LeesmodelOnbeschikbaar, open_verbinding
    from projections.tabellen import TRACKING, lees_kop

    try:
        v = open_verbinding(app)
    except LeesmodelOnbeschikbaar:
        return None
    try:
        with v.lees() as c:
            if not c.bestaat(TRACKING):
                return None
            positie, kop = lees_kop(c)
    except Exception:  # no rights on the views, or no views: then there is no such anchor
        return None
    finally:
        v.sluit()
    return (positie, kop) if positie > 0 and kop != GENESIS else None


@dataclass(frozen=True)
class Momentopname:
    stroom: str
    versie: int
    topic: str
    opgeslagen: StoredEvent


def _momentopnamen(app: VoucherLedger) -> list[Momentopname]:
    if app.snapshots is None:
        return []
    recorder: Any = app.snapshots.recorder
    with recorder.datastore.transaction(commit=False) as curs:
        curs.execute(
            f"SELECT originator_id, originator_version, topic, state FROM {recorder.events_table_name} "  # noqa: S608 - the library's table name
            "ORDER BY originator_id, originator_version"
        )
        rijen = curs.fetchall()
    uit = []
    for r in rijen:
        stroom = UUID(str(r["originator_id"]))
        versie, topic = int(r["originator_version"]), str(r["topic"])
        opgeslagen = StoredEvent(originator_id=stroom, originator_version=versie, topic=topic, state=bytes(r["state"]))
        uit.append(Momentopname(str(stroom), versie, topic, opgeslagen))
    return uit


class _Naspel:
    """The log read once for both checks: every row goes to the chain (ledger/keten.py), and the events of a
    stream with snapshots, up to its last snapshot, are replayed on the side. At each snapshot's version the
    replayed aggregate is compared with the snapshot's state; the outcome waits for `_controleer_momentopnamen`,
    which reports in the order it always did (the chain first, then each snapshot in stream and version order).

    Only the aggregates of streams with snapshots are held, each until its last snapshot."""

    def __init__(self, app: VoucherLedger, momentopnamen: list[Momentopname]) -> None:
        self.app = app
        self.mapper: Any = app.mapper
        self.tot: dict[str, int] = {}  # stream -> its last snapshot's version
        self.momentopname: dict[tuple[str, int], Any] = {}  # (stream, version) -> the snapshot's aggregate
        for m in momentopnamen:
            self.tot[m.stroom] = max(self.tot.get(m.stroom, 0), m.versie)
            try:
                snapshot: Any = self.mapper.to_domain_event(m.opgeslagen)
                self.momentopname[(m.stroom, m.versie)] = snapshot.mutate(None)
            except Exception:  # noqa: S112 - unreadable: `_lees_momentopname` says so, before any comparison
                continue
        self.aggregaten: dict[str, Any] = {}
        self.gelijk: dict[tuple[str, int], bool] = {}  # (stream, version) -> snapshot state == replayed state
        self.fout: dict[str, tuple[int, Exception]] = {}  # stream -> (version, why its replay stopped)

    def rijen(self) -> Iterator[tuple[int, str, int, str, bytes]]:
        """(notification id, stream, version, topic, decrypted state) for every stored event, replaying on the side."""
        ontsleuteld = self.mapper.ontsleuteld_staat
        for positie, oid, versie, topic, staat in loglezer.rijen(self.app.recorder):
            stroom = str(oid)
            yield positie, stroom, versie, topic, ontsleuteld(staat)
            if versie <= self.tot.get(stroom, 0) and stroom not in self.fout:
                self._speel(oid, stroom, versie, topic, staat)

    def _speel(self, oid: UUID, stroom: str, versie: int, topic: str, staat: bytes) -> None:
        try:
            e = self.mapper.gebeurtenis(oid, versie, topic, staat, onthoud=False)
            aggregaat = self.aggregaten[stroom] = e.mutate(self.aggregaten.get(stroom))
        except Exception as fout:
            self.fout[stroom] = (versie, fout)
            self.aggregaten.pop(stroom, None)
            return
        snapshot = self.momentopname.get((stroom, versie))
        if snapshot is not None:
            self.gelijk[(stroom, versie)] = _staat(snapshot) == _staat(aggregaat)
        if versie == self.tot[stroom]:
            del self.aggregaten[stroom]


def _controleer_momentopnamen(
    app: VoucherLedger, momentopnamen: list[Momentopname], hashes: dict[tuple[str, int], str], naspel: _Naspel
) -> dict[str, Any] | None:
    """Each snapshot names the hash of the event it was taken at and holds the state the events replay to
    (replayed in the same reading as the chain, `_Naspel`)."""
    for m in momentopnamen:  # in stream and version order
        snapshot = _lees_momentopname(app, m, hashes)
        if isinstance(snapshot, dict):
            return snapshot
        fout = naspel.fout.get(m.stroom)
        if fout is not None and fout[0] <= m.versie:
            raise fout[1]
        if not naspel.gelijk.get((m.stroom, m.versie), False):
            return _momentbreuk(
                m, f"de momentopname bij versie {m.versie} wijkt af van wat de gebeurtenissen opleveren"
            )
    return None


def _lees_momentopname(app: VoucherLedger, m: Momentopname, hashes: dict[tuple[str, int], str]) -> Any:
    """The decoded snapshot, or the finding (a dict) when it cannot be trusted."""
    mapper: Any = app.mapper
    try:
        kop = json.loads(mapper.ontsleuteld(m.opgeslagen)).get(keten.KOP)
        snapshot = mapper.to_domain_event(m.opgeslagen)
    except Exception as e:  # unreadable: that is the finding
        return _momentbreuk(m, f"de momentopname bij versie {m.versie} is onleesbaar ({str(e)[:80]})")
    if (m.stroom, m.versie) not in hashes:
        return _momentbreuk(m, f"er is een momentopname bij versie {m.versie}, maar die gebeurtenis bestaat niet")
    if kop != hashes[(m.stroom, m.versie)]:
        return _momentbreuk(
            m, f"de momentopname bij versie {m.versie} noemt ketenkop {kop}, niet de hash van die gebeurtenis"
        )
    return snapshot


def _momentbreuk(m: Momentopname, wat: str) -> dict[str, Any]:
    return {"positie": 0, "stroom": m.stroom, "versie": m.versie, "soort": m.topic, "wat": wat}


def _staat(aggregaat: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(aggregaat).items() if k != "_pending_events"}
