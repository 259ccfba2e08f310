"""An auditor's own check of the hash chain, written from the README ("Zelf nagaan, met een eigen script") alone.

It imports nothing of the project (tests/cli/test_readme.py checks that): only the standard
library, and psycopg for a PostgreSQL store.

    python zelf_nagaan.py vouchers.db                       # SQLite
    python zelf_nagaan.py postgresql://wie@host:5432/db     # PostgreSQL

Exit 0 with the number of events, the last position and the head of the log; exit 1 with the
first place where the chain breaks.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from dataclasses import dataclass, field
from typing import Any

NULLEN = "0" * 64


@dataclass
class Uitslag:
    gebeurtenissen: int = 0
    positie: int = 0
    kop: str = NULLEN
    koppen: dict[int, str] = field(default_factory=dict)  # position -> head of the log after it
    breuk: str | None = None


def lees(opslag: str) -> tuple[list[tuple[int, str, int, str, bytes]], list[tuple[str, int, bytes]]]:
    """(position, stream, version, topic, state) of every event in order of position, and (stream, version, state)
    of every snapshot; the stream as 32 lower-case hex digits."""
    if opslag.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(opslag) as verbinding:
            rijen = verbinding.execute(
                "SELECT notification_id, originator_id, originator_version, topic, state FROM vouchers_events "
                "ORDER BY notification_id"
            ).fetchall()
            momenten = verbinding.execute(
                "SELECT originator_id, originator_version, state FROM vouchers_snapshots"
            ).fetchall()
    else:
        verbinding = sqlite3.connect(f"file:{opslag}?mode=ro", uri=True)
        try:
            rijen = verbinding.execute(
                "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events ORDER BY rowid"
            ).fetchall()
            momenten = verbinding.execute(
                "SELECT originator_id, originator_version, state FROM stored_snapshots"
            ).fetchall()
        finally:
            verbinding.close()
    gebeurtenissen = [(int(p), _hex(s), int(v), str(t), bytes(st)) for p, s, v, t, st in rijen]
    return gebeurtenissen, [(_hex(s), int(v), bytes(st)) for s, v, st in momenten]


def _hex(stroom: Any) -> str:
    return str(stroom).replace("-", "").lower()


def canoniek(waarde: Any) -> bytes:
    return json.dumps(waarde, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def na(gebeurtenissen: list[tuple[int, str, int, str, bytes]], momenten: list[tuple[str, int, bytes]]) -> Uitslag:
    u = Uitslag()
    laatste: dict[str, tuple[int, str]] = {}  # stream -> (version, hash)
    alle: dict[tuple[str, int], str] = {}
    for positie, stroom, versie, topic, staat in gebeurtenissen:
        waar = f"positie {positie} (stroom {stroom}, versie {versie}, {topic})"
        try:
            obj = json.loads(staat.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            u.breuk = f"{waar}: geen JSON"
            return u
        opgeslagen = obj.pop("_hash", None)
        vorige_versie, vorige_hash = laatste.get(stroom, (0, NULLEN))
        if versie != vorige_versie + 1:
            u.breuk = f"{waar}: na versie {vorige_versie} volgt versie {versie}"
            return u
        if obj.get("_vorige") != vorige_hash:
            u.breuk = f"{waar}: _vorige is niet de hash van versie {vorige_versie}"
            return u
        berekend = hashlib.sha256(
            canoniek({"originator_id": stroom, "originator_version": versie, "state": obj, "topic": topic})
        ).hexdigest()
        if berekend != opgeslagen:
            u.breuk = f"{waar}: opgeslagen _hash {opgeslagen}, berekend {berekend}"
            return u
        laatste[stroom] = (versie, berekend)
        alle[(stroom, versie)] = berekend
        u.kop = hashlib.sha256(bytes.fromhex(u.kop) + bytes.fromhex(berekend)).hexdigest()
        u.gebeurtenissen, u.positie = u.gebeurtenissen + 1, positie
        u.koppen[positie] = u.kop
    for stroom, versie, staat in momenten:
        kop = json.loads(staat.decode("utf-8")).get("_kop")
        if alle.get((stroom, versie)) != kop:
            u.breuk = f"momentopname van stroom {stroom} bij versie {versie}: _kop is niet de hash van die gebeurtenis"
            return u
    return u


def main(argv: list[str]) -> int:
    u = na(*lees(argv[0]))
    if u.breuk:
        print(f"breuk: {u.breuk}")
        return 1
    print(f"intact: {u.gebeurtenissen} gebeurtenissen; kop na positie {u.positie}: {u.kop}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
