"""Tamper evidence: an administrator editing the tables is caught by `voucher verifieer`.

Each test builds a real store (SQLite file and PostgreSQL), changes the stored events the way
somebody with table rights could (one byte, a deleted row, two swapped rows, a truncated
stream, a whole stream rewritten with freshly computed hashes, a forged snapshot), and runs
the real command. Every change is found, with the stream and version where the history
breaks; an untouched store verifies. The last kind, a rewrite that recomputes every hash and
the read models' anchor too, is provably invisible from inside the store: only a head
printed before (a report) exposes it, which is why reports print it.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from wereld import Wereld, open_store

sys.path.insert(0, str(Path(__file__).parent.parent / "cli"))
from cli_hulp import voer_uit

from ledger import keten

VERZILVERD = "voucher.Voucher.Verzilverd"


# --- raw access, as an administrator with table rights has it -----------------------------------------
@contextmanager
def _sql(url: str) -> Iterator[Any]:
    if url.startswith("postgresql://"):
        with psycopg.connect(url, autocommit=False, connect_timeout=10) as conn:
            yield _Pg(conn)
            conn.commit()
    else:
        conn = sqlite3.connect(url, timeout=30)
        try:
            yield _Lite(conn)
            conn.commit()
        finally:
            conn.close()


class _Lite:
    tabel, momenten, nr = "stored_events", "stored_snapshots", "rowid"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def q(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql.format(t=self.tabel, s=self.momenten, nr=self.nr), args).fetchall()


class _Pg(_Lite):
    tabel, momenten, nr = "vouchers_events", "vouchers_snapshots", "notification_id"

    def q(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        cur = self.conn.execute(sql.format(t=self.tabel, s=self.momenten, nr=self.nr).replace("?", "%s"), args)  # type: ignore[attr-defined]
        return cur.fetchall() if cur.description else []


def _stroom(db: Any, topic: str = VERZILVERD) -> Any:
    """The stream with the most events among those that have an event of this kind."""
    return db.q(
        "SELECT originator_id FROM {t} WHERE originator_id IN (SELECT originator_id FROM {t} WHERE topic = ?) "
        "GROUP BY originator_id ORDER BY count(*) DESC LIMIT 1",
        topic,
    )[0][0]


def _versies(db: Any, stroom: Any) -> list[tuple[int, int, str, bytes]]:
    """(notification id, version, topic, state) of one stream."""
    rijen = db.q(
        "SELECT {nr}, originator_version, topic, state FROM {t} WHERE originator_id = ? ORDER BY originator_version",
        stroom,
    )
    return [(int(n), int(v), str(t), bytes(s)) for n, v, t, s in rijen]


def _zet(db: Any, stroom: Any, versie: int, staat: bytes, topic: str | None = None) -> None:
    if topic is None:
        db.q("UPDATE {t} SET state = ? WHERE originator_id = ? AND originator_version = ?", staat, stroom, versie)
    else:
        db.q(
            "UPDATE {t} SET state = ?, topic = ? WHERE originator_id = ? AND originator_version = ?",
            staat,
            topic,
            stroom,
            versie,
        )


# --- the store --------------------------------------------------------------------------------------
@pytest.fixture
def opslag(store_url: str) -> str:
    w = Wereld.ingericht(open_store(store_url))
    code = w.voucher("2.000")
    for i, bedrag in enumerate(("100", "250", "75,50", "120")):
        w.verzilver(code, bedrag, factuur=f"F-{i}")
    w.contant(code, "40")
    w.voucher("1.500")
    return store_url


def _verifieer(url: str, *koppen: str) -> Any:
    args = ["verifieer"] + [x for k in koppen for x in ("--kop", k)]
    return voer_uit(*args, db=url, als_json=True, gebruiker=None)  # a read: nobody acts (PostgreSQL: the login)


def _breuk(uitslag: Any) -> dict[str, Any]:
    assert uitslag.code == 1, uitslag
    fout = json.loads(uitslag.err)["fout"]
    assert fout["soort"] == "keten" and ("hashketen" in fout["melding"] or "ketenkop" in fout["melding"]), fout
    assert "Traceback" not in uitslag.err and uitslag.out == ""
    return fout


def _kop_van_saldo(url: str) -> str:
    uit = voer_uit("saldo", db=url, als_json=True, gebruiker=None).json()
    return str(uit["ketenkop"]["hash"])


# --- untouched ----------------------------------------------------------------------------------------
def test_een_onaangeroerde_opslag_verifieert_met_aantal_en_koppen(opslag):
    kop = _kop_van_saldo(opslag)
    u = _verifieer(opslag, kop).json()
    assert u["intact"] is True and u["breuk"] is None
    with _sql(opslag) as db:
        [(aantal,)] = db.q("SELECT count(*) FROM {t}")
    assert u["gebeurtenissen"] == aantal > 10
    assert u["kop"] == kop and u["positie"] > 0
    assert u["gevraagde_koppen"] == [
        {"hash": kop, "gevonden": True, "waar": f"kop van het log bij gebeurtenis #{u['positie']}"}
    ]
    assert u["stromen"] == len(u["koppen"]) and all(len(k["hash"]) == 64 for k in u["koppen"])
    tekst = voer_uit("verifieer", db=opslag, gebruiker=None)
    assert tekst.code == 0 and "Keten intact" in tekst.out and kop in tekst.out


def test_elke_gebeurtenis_draagt_de_hash_van_haar_voorganger_in_canonieke_vorm(opslag):
    with _sql(opslag) as db:
        stroom = _stroom(db)
        versies = _versies(db, stroom)
    vorige = keten.GENESIS
    for _n, versie, topic, staat in versies:
        toestand = json.loads(staat)
        assert toestand["_vorige"] == vorige
        eigen = toestand.pop("_hash")
        inhoud = {"originator_id": _hex(stroom), "originator_version": versie, "state": toestand, "topic": topic}
        assert keten.hash_van(keten.kanoniek(inhoud)) == eigen
        vorige = eigen


def _hex(stroom: Any) -> str:
    return str(stroom).replace("-", "")


# --- one byte, a deleted event, two swapped events ----------------------------------------------------
@pytest.mark.parametrize("welke", ["midden", "laatste"])
def test_een_gewijzigde_byte_wordt_gevonden(opslag, welke):
    with _sql(opslag) as db:
        stroom = _stroom(db)
        versies = _versies(db, stroom)
        n, versie, _topic, staat = versies[2] if welke == "midden" else versies[-1]
        plek = staat.index(b'"gebruiker":"') + len(b'"gebruiker":"')
        gewijzigd = staat[:plek] + bytes([staat[plek] ^ 0x01]) + staat[plek + 1 :]  # one letter of the name
        _zet(db, stroom, versie, gewijzigd)
    b = _breuk(_verifieer(opslag))["breuk"]
    assert (b["positie"], b["versie"], b["stroom"]) == (n, versie, str(_uuid(stroom)))
    assert "gewijzigd" in b["wat"]


def _uuid(stroom: Any) -> Any:
    from uuid import UUID

    return UUID(str(stroom))


def test_een_verwijderde_gebeurtenis_wordt_gevonden(opslag):
    with _sql(opslag) as db:
        stroom = _stroom(db)
        versies = _versies(db, stroom)
        db.q("DELETE FROM {t} WHERE originator_id = ? AND originator_version = ?", stroom, versies[2][1])
    b = _breuk(_verifieer(opslag))["breuk"]
    assert b["versie"] == versies[3][1] and "ontbreekt" in b["wat"]


def test_twee_verwisselde_gebeurtenissen_worden_gevonden(opslag):
    with _sql(opslag) as db:
        stroom = _stroom(db)
        _, v2, t2, s2 = _versies(db, stroom)[2]
        _, v3, t3, s3 = _versies(db, stroom)[3]
        _zet(db, stroom, v2, s3, t3)
        _zet(db, stroom, v3, s2, t2)
    b = _breuk(_verifieer(opslag))["breuk"]
    assert b["versie"] == v2 and "_vorige" in b["wat"]


def test_gebeurtenissen_van_twee_stromen_verwisseld_worden_gevonden(opslag):
    with _sql(opslag) as db:
        rijen = db.q("SELECT originator_id, originator_version, topic, state FROM {t} WHERE topic = ?", VERZILVERD)
        (a, va, ta, sa), (b, vb, tb, sb) = rijen[0], rijen[-1]
        _zet(db, a, va, bytes(sb), tb)
        _zet(db, b, vb, bytes(sa), ta)
    assert _breuk(_verifieer(opslag))["breuk"] is not None


# --- a truncated stream --------------------------------------------------------------------------------
def test_een_ingekorte_stroom_valt_op_tegen_het_anker_van_de_leesmodellen_en_tegen_een_kop(opslag):
    kop = _kop_van_saldo(opslag)  # a read: the views catch up and record the log head
    with _sql(opslag) as db:
        stroom = _stroom(db)
        laatste = _versies(db, stroom)[-2:]
        for _n, versie, _t, _s in laatste:
            db.q("DELETE FROM {t} WHERE originator_id = ? AND originator_version = ?", stroom, versie)
    # Every remaining link is valid; what gives it away is the head recorded before.
    b = _breuk(_verifieer(opslag))["breuk"]
    assert "leesmodellen" in b["wat"] and b["positie"] > 0
    # And a head printed before (by a report) is no longer in the store's history.
    with _sql(opslag) as db:  # the tamperer resets the views' anchor as well
        db.q("UPDATE vouchers_proj_tracking SET notification_id = 0, kop = ?", keten.GENESIS)
    assert _verifieer(opslag).code == 0
    u = _breuk(_verifieer(opslag, kop))
    assert u["breuk"] is None and u["gevraagde_koppen"][0]["gevonden"] is False
    assert "ingekort of herschreven" in u["melding"]


# --- a stream rewritten with recomputed hashes ---------------------------------------------------------
def test_een_herschreven_stroom_met_herberekende_hashes_valt_alleen_op_tegen_een_eerder_afgedrukte_kop(
    opslag, tmp_path
):
    _kop_van_saldo(opslag)  # the views are current: they anchor the log head inside the store
    rapport = tmp_path / "verantwoording.txt"
    wie = None if opslag.startswith("postgresql://") else "demo.accountant"  # PostgreSQL: the login acts
    assert voer_uit("rapport", "verantwoording", "--uitvoer", str(rapport), db=opslag, gebruiker=wie).code == 0
    assert "Ketenkop na gebeurtenis nr." in rapport.read_text(encoding="utf-8")
    with _sql(opslag) as db:
        stroom = _stroom(db)
        vorige = keten.GENESIS
        for _n, versie, topic, staat in _versies(db, stroom):
            toestand = json.loads(staat)
            toestand.pop("_hash")
            if topic == VERZILVERD and toestand["bedrag"]["_data_"] == 10000:
                toestand["bedrag"]["_data_"] = 1000  # € 100,00 becomes € 10,00
            toestand["_vorige"] = vorige
            inhoud = {"originator_id": _hex(stroom), "originator_version": versie, "state": toestand, "topic": topic}
            vorige = keten.hash_van(keten.kanoniek(inhoud))
            _zet(db, stroom, versie, keten.kanoniek(toestand | {"_hash": vorige}))
    # The anchor inside the store notices...
    assert "leesmodellen" in _breuk(_verifieer(opslag))["breuk"]["wat"]
    # ...so a careful tamperer rebuilds the views too: now nothing in the store gives it away,
    assert voer_uit("herbouw", db=opslag, gebruiker=None).code == 0
    assert _verifieer(opslag).code == 0
    # but the head printed in the report does.
    u = _breuk(_verifieer(opslag, str(rapport)))
    assert u["gevraagde_koppen"] and not any(k["gevonden"] for k in u["gevraagde_koppen"])


# --- snapshots -----------------------------------------------------------------------------------------
def test_een_vervalste_momentopname_wordt_gevonden(store_url):
    w = Wereld.ingericht(open_store(store_url))
    code = w.voucher("5.000")
    for i in range(49):  # the voucher's 50th event: a snapshot is taken
        w.verzilver(code, "1", factuur=f"F-{i}")
    with _sql(store_url) as db:
        rijen = db.q("SELECT originator_id, originator_version, state FROM {s} WHERE originator_version = 50")
        assert len(rijen) == 1, "geen momentopname van de voucher"
        stroom, versie, staat = rijen[0]
    assert _verifieer(store_url).code == 0
    toestand = json.loads(bytes(staat))
    assert _vervals(toestand, van=4900, naar=100), toestand  # 49 x € 1 paid becomes € 1: € 48 more to spend
    with _sql(store_url) as db:
        db.q(
            "UPDATE {s} SET state = ? WHERE originator_id = ? AND originator_version = ?",
            keten.kanoniek(toestand),
            stroom,
            versie,
        )
    b = _breuk(_verifieer(store_url))["breuk"]
    assert b["versie"] == versie and "momentopname" in b["wat"]


def test_verifieer_zonder_ingerichte_opslag_en_met_een_onzinnige_kop(tmp_path, opslag):
    leeg = voer_uit("verifieer", db=str(tmp_path / "nergens.db"), als_json=True)
    assert leeg.code == 5
    for onzin in ("abc", "g" * 64, str(tmp_path / "bestaat-niet.txt")):
        assert voer_uit("verifieer", "--kop", onzin, db=opslag, gebruiker=None).code == 2
    zonder = tmp_path / "zonder.txt"
    zonder.write_text("geen kop hier", encoding="utf-8")
    assert voer_uit("verifieer", "--kop", str(zonder), db=opslag, gebruiker=None).code == 2


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


def test_een_schrijver_die_de_vorige_hash_niet_kent_leest_hem_uit_de_opslag(store_url):
    """The mapper remembers the newest hash per stream; when it does not (a long-running process whose
    memory was trimmed, an aggregate from the cache), it reads the predecessor's hash from the store."""
    app = open_store(store_url)
    w = Wereld.ingericht(app)
    code = w.voucher("1.000")
    w.verzilver(code, "10", factuur="A")
    w.kas.toon_voucher(code)  # the voucher in the aggregate cache, at its newest version
    app.mapper.koppen.clear()  # type: ignore[attr-defined]
    w.verzilver(code, "10", factuur="B")  # from the cache, nothing new to decode: the hash is not in memory
    w.contant(code, "5")
    assert _verifieer(store_url).json()["intact"] is True
