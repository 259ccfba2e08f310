"""orjson's encoding of parsed JSON is the canonical encoding of the hash chain, byte for byte.

`verifieer` checks that a stored state is canonical with one orjson encoding instead of the
standard library's (ledger/keten.py, `_hash_zoals_geschreven`). That holds only if both give
the same bytes for everything a parsed state can hold: every code point as text and as a key
(escapes, non-ASCII, astral planes), key order by code point, integers up to 64 bits, true,
false, null, nesting. A difference would let a state verify on one path and not on the other.
"""

from __future__ import annotations

import random

import orjson
import pytest

from ledger import keten


def _beide(waarde: object) -> tuple[bytes, bytes]:
    return keten.kanoniek(waarde), orjson.dumps(waarde, option=orjson.OPT_SORT_KEYS)


def test_elk_codepunt_als_tekst_en_als_sleutel():
    tekens = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for begin in range(0, len(tekens), 512):
        stuk = tekens[begin : begin + 512]
        waarde = {"".join(stuk): "".join(stuk), **{t: [t, {t: t}] for t in stuk}}
        kanoniek, snel = _beide(waarde)
        assert kanoniek == snel, f"verschil vanaf U+{ord(stuk[0]):04X}"


def test_sleutelvolgorde_op_codepunt_ook_buiten_het_basisvlak():
    r = random.Random(5)
    bereik = [(0x20, 0x7F), (0x80, 0x800), (0x800, 0xD800), (0xE000, 0x10000), (0x10000, 0x110000)]
    sleutels = {"".join(chr(r.randrange(*r.choice(bereik))) for _ in range(r.randrange(1, 4))) for _ in range(5000)}
    waarde = {k: i for i, k in enumerate(sleutels)}
    assert _beide(waarde)[0] == _beide(waarde)[1]


@pytest.mark.parametrize(
    "waarde",
    [0, -1, 2**63 - 1, -(2**63), 2**64 - 1, True, False, None, [], {}, [[]], {"a": {"b": [1, {"c": None}]}}, ""],
)
def test_getallen_en_de_rest(waarde):
    kanoniek, snel = _beide({"x": waarde})
    assert kanoniek == snel


def test_wat_orjson_niet_kan_gaat_de_algemene_weg():
    """An integer beyond 64 bits: orjson refuses to encode it, so the hash is computed the general way."""
    stroom = "00000000-0000-0000-0000-000000000001"
    toestand = {keten.VORIGE: keten.GENESIS, "n": 2**70}
    staat = keten.kanoniek(toestand)
    h = keten.hash_van(
        keten.kanoniek({"originator_id": "0" * 31 + "1", "originator_version": 1, "state": toestand, "topic": "t"})
    )
    u = keten.verifieer([(1, stroom, 1, "t", keten.met_hash(staat, h))])
    assert u.breuk is None and u.koppen[stroom][1] == h
