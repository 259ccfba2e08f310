"""The hash chain over the stored events: tamper evidence for years-later audits.

Every stored event carries, inside its own state, two hashes:

    _vorige  the SHA-256 of its predecessor in the same stream (64 zeros for version 1)
    _hash    the SHA-256 of itself, over the canonical encoding below (without `_hash`)

The canonical encoding of an event is the JSON text of

    {"originator_id": <hex>, "originator_version": <int>, "state": <state>, "topic": <topic>}

with sorted keys, `,` and `:` as separators, UTF-8 without escaping, and no floats (the
ledger has none: money is whole cents). The state includes `_vorige`, so each hash covers
the whole stream before it. Both are computed while the event is encoded for its insert,
so they are written in the same transaction as the event itself.

What the chain proves, without anything else: a changed byte (the stored `_hash` no longer
matches), a deleted or reordered event (a version missing, or `_vorige` not the hash of the
event before). What it cannot prove by itself: that a stream still ends where it ended, or
that nobody rewrote a whole stream and recomputed every hash. For that there are heads:

    the log head (logkop) at notification #n = SHA-256(logkop at #n-1 || _hash of #n)

folded over the whole log in commit order. A report prints the log head of the last event
it counted; `voucher verifieer --kop HASH` later proves the store still extends what that
report saw. The read models keep the head of their position too (a second anchor inside the
store: a truncated or rewritten log no longer leads to it).

The chain is part of what a ledger is, so it lives here, with no store or library in it:
the mapper that writes the hashes (commands/opslag.py), the read models that keep the log
head (projections/bijwerken.py) and the verifier all use these functions.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from uuid import UUID

import orjson

GENESIS = "0" * 64
VORIGE = "_vorige"
HASH = "_hash"
KOP = "_kop"  # in a snapshot: the hash of the event it was taken at

_STAART = re.compile(rb',"_hash":"([0-9a-f]{64})"\}\Z')
_MET_HASH = b',"_hash":"'
_STAARTLENGTE = len(_MET_HASH) + 64 + 2  # ,"_hash":"<64 hex>"}
_UUID_TEKST = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # as str(UUID) writes it
HEX64 = re.compile(r"\b[0-9a-f]{64}\b")


def kanoniek(tekst: Any) -> bytes:
    return json.dumps(tekst, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def omhulsel(originator_id: UUID, versie: int, topic: str, staat: bytes) -> bytes:
    """The canonical encoding of an event whose state is already canonical JSON (the fast path)."""
    return omhulsel_hex(originator_id.hex, versie, topic, staat)


def omhulsel_hex(originator_hex: str, versie: int, topic: str, staat: bytes) -> bytes:
    return b"".join(
        (
            b'{"originator_id":"',
            originator_hex.encode("ascii"),
            b'","originator_version":',
            str(versie).encode("ascii"),
            b',"state":',
            staat,
            b',"topic":',
            _topic_json(topic),
            b"}",
        )
    )


@lru_cache(maxsize=1024)
def _topic_json(topic: str) -> bytes:
    return json.dumps(topic, ensure_ascii=False).encode("utf-8")


def hash_van(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


def met_hash(staat: bytes, h: str) -> bytes:
    """The stored state: the canonical state with `_hash` appended as its last member."""
    return staat[:-1] + b',"_hash":"' + h.encode("ascii") + b'"}'


def opgeslagen_hash(staat: bytes) -> str | None:
    """The `_hash` of a stored (decrypted) state: the tail as the mapper writes it, else parsed."""
    m = _STAART.match(staat, max(0, len(staat) - _STAARTLENGTE))  # the tail only: no search through the state
    if m:
        return m.group(1).decode("ascii")
    try:
        waarde = json.loads(staat).get(HASH)
    except (ValueError, AttributeError):
        return None
    return waarde if isinstance(waarde, str) else None


def volgende_logkop(kop: str, h: str) -> str:
    return hashlib.sha256(bytes.fromhex(kop) + bytes.fromhex(h)).hexdigest()


class Logkop:
    """The log head, followed while the log is read in commit order from its first event.

    It is kept as the 32 bytes of the digest while it follows (a replay folds it once per event) and
    written out as hex when asked: `hash` is what `volgende_logkop` would have made of the same events."""

    __slots__ = ("_kop", "positie")

    def __init__(self, positie: int = 0, hash: str = GENESIS) -> None:
        self.positie = positie
        self._kop = bytes.fromhex(hash)

    @property
    def hash(self) -> str:
        return self._kop.hex()

    def volg(self, positie: int, h: str | None) -> None:
        self.positie = positie
        self._kop = hashlib.sha256(self._kop + bytes.fromhex(h or GENESIS)).digest()

    def paar(self) -> tuple[int, str]:
        return self.positie, self.hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Logkop) and (self.positie, self._kop) == (other.positie, other._kop)

    def __hash__(self) -> int:
        return hash((self.positie, self._kop))

    def __repr__(self) -> str:
        return f"Logkop(positie={self.positie!r}, hash={self.hash!r})"


# --- verifying ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Breuk:
    """The first place where the stored history no longer holds together."""

    positie: int  # notification id (0: not at one event)
    stroom: str
    versie: int
    topic: str
    wat: str


@dataclass
class Uitkomst:
    gebeurtenissen: int = 0
    positie: int = 0
    logkop: str = GENESIS
    koppen: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # stroom -> (versie, hash, topic)
    breuk: Breuk | None = None
    gevonden: dict[str, str] = field(default_factory=dict)  # a head asked for -> where it was found
    bewaard: dict[tuple[str, int], str] = field(default_factory=dict)  # (stream, version) asked for -> hash


class _Ongeldig(Exception):
    pass


def _geen_float(tekst: str) -> Any:
    raise _Ongeldig(f"een kommagetal ({tekst}) in de gebeurtenis")


_LEZER = json.JSONDecoder(parse_float=_geen_float, parse_constant=_geen_float)


def _lees_staat(staat: bytes) -> dict[str, Any]:
    try:
        try:
            tekst = staat if isinstance(staat, str) else staat.decode("utf-8")
        except UnicodeDecodeError:  # json.loads also reads UTF-16 and UTF-32: as before, let it say
            waarde = json.loads(staat, parse_float=_geen_float, parse_constant=_geen_float)
        else:
            waarde = _LEZER.decode(tekst)
    except _Ongeldig:
        raise
    except (ValueError, UnicodeDecodeError) as e:
        raise _Ongeldig(f"de inhoud is geen geldige JSON meer ({str(e)[:80]})") from None
    if not isinstance(waarde, dict):
        raise _Ongeldig("de inhoud is geen JSON-object")
    return waarde


def _hash_zoals_geschreven(
    stroom_hex: str, versie: int, topic: str, staat: bytes, toestand: dict[str, Any], h: str
) -> str:
    """The recomputed hash of a parsed state (without `_hash`) whose stored bytes end in the mapper's tail; "" otherwise.

    The mapper stores the canonical state with `_hash` appended (`met_hash`). When the bytes
    before that tail are the canonical encoding of what they parse to, the hash over the
    canonical event is the hash over those bytes, and nothing needs re-encoding but the check:
    one orjson encoding, which for parsed JSON without floats (objects with text keys, lists,
    text, integers, true, false, null) is byte for byte the standard library's canonical one
    (tests/ledger/test_keten_snel.py tries every code point). A state that is not canonical, or
    not in the mapper's form, returns "" and is encoded the general way."""
    if len(staat) <= _STAARTLENGTE or staat[-_STAARTLENGTE:] != _MET_HASH + h.encode("ascii", "replace") + b'"}':
        return ""
    romp = staat[:-_STAARTLENGTE] + b"}"
    try:
        if orjson.dumps(toestand, option=orjson.OPT_SORT_KEYS) != romp:
            return ""
    except orjson.JSONEncodeError:  # an integer beyond 64 bits
        return ""
    return hash_van(omhulsel_hex(stroom_hex, versie, topic, romp))


def verifieer(
    rijen: Iterable[tuple[int, str, int, str, bytes]],
    gezochte_koppen: Iterable[str] = (),
    bewaar: set[tuple[str, int]] | None = None,
) -> Uitkomst:
    """Recompute every chain over (notification id, stream id, version, topic, decrypted state), in commit order.

    Stops at the first break. Records where each head asked for occurs: as the log head at
    some position, or as the hash of some event (that stream still extends it)."""
    u = Uitkomst()
    gezocht = {k.lower() for k in gezochte_koppen}
    for positie, stroom, versie, topic, staat in rijen:
        u.gebeurtenissen += 1
        vorige = u.koppen.get(stroom)
        stroom_hex = stroom.replace("-", "") if _UUID_TEKST.fullmatch(stroom) else UUID(stroom).hex
        try:
            toestand = _lees_staat(staat)
            opgeslagen = toestand.pop(HASH, None)
            if not isinstance(opgeslagen, str):
                raise _Ongeldig("de gebeurtenis heeft geen hash (_hash ontbreekt)")
            verwacht_versie = vorige[0] + 1 if vorige else 1
            if versie != verwacht_versie:
                if vorige and versie > verwacht_versie:
                    raise _Ongeldig(f"versie {verwacht_versie} ontbreekt: na versie {vorige[0]} volgt versie {versie}")
                raise _Ongeldig(f"versie {versie} staat op de plaats van versie {verwacht_versie}")
            verwacht_vorige = vorige[1] if vorige else GENESIS
            if toestand.get(VORIGE) != verwacht_vorige:
                raise _Ongeldig(
                    f"_vorige is {str(toestand.get(VORIGE))[:64]}, maar de hash van versie {versie - 1} is {verwacht_vorige}"
                    if vorige
                    else f"_vorige van de eerste gebeurtenis is {str(toestand.get(VORIGE))[:64]}, niet {GENESIS[:8]}…"
                )
            berekend = _hash_zoals_geschreven(stroom_hex, versie, topic, staat, toestand, opgeslagen)
            if not berekend:
                berekend = hash_van(
                    kanoniek(
                        {"originator_id": stroom_hex, "originator_version": versie, "state": toestand, "topic": topic}
                    )
                )
            if berekend != opgeslagen:
                raise _Ongeldig(f"de inhoud is gewijzigd: opgeslagen hash {opgeslagen}, berekend {berekend}")
        except _Ongeldig as e:
            u.breuk = Breuk(positie, stroom, versie, topic, str(e))
            return u
        u.koppen[stroom] = (versie, berekend, topic)
        if bewaar and (stroom, versie) in bewaar:
            u.bewaard[(stroom, versie)] = berekend
        u.positie = positie
        u.logkop = volgende_logkop(u.logkop, berekend)
        if gezocht:
            if u.logkop in gezocht:
                u.gevonden.setdefault(u.logkop, f"kop van het log bij gebeurtenis #{positie}")
            if berekend in gezocht:
                u.gevonden.setdefault(berekend, f"gebeurtenis #{positie} (stroom {stroom}, versie {versie})")
    return u


def koppen_in(tekst: str) -> list[str]:
    """Every 64-hex-digit hash in a text (a saved report, a verifieer --json output, a list)."""
    return list(dict.fromkeys(HEX64.findall(tekst.lower())))
