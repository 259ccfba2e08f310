"""Writing with orjson gives the standard library's canonical bytes, or falls back to that encoder.

The hash chain is computed over the canonical encoding (ledger/keten.py): the standard library's
`json.JSONEncoder` with sorted keys, `,` and `:`, UTF-8 unescaped, no NaN. `KanoniekeTranscoder`
writes with orjson what orjson writes identically and leaves the rest to that encoder. Checked:
- for any value (Hypothesis: nested dicts and lists, every kind of text including control
  characters and lone surrogates, integers beyond 64 bits, floats and NaN, subclasses of the JSON
  types, keys that are no str, the ledger's and the library's transcoded types, an unknown type):
  the same bytes as the standard library's encoder, or the same kind of error;
- every state the demo year writes (every kind of event) encodes to the same bytes both ways, and
  the store verifies; a store written with the old encoder verifies, also after new payments.
"""

from __future__ import annotations

import enum
import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wereld import Wereld, open_store

from commands.demo import vul
from commands.opslag import KanoniekeTranscoder, VoucherLedger
from commands.verifieren import verifieer
from ledger.geld import Bedrag


def _transcoder() -> KanoniekeTranscoder:
    return VoucherLedger.construct_transcoder(object.__new__(VoucherLedger))  # type: ignore[return-value]


def _oud(t: KanoniekeTranscoder, waarde: Any) -> bytes:
    """The encoder every store was written with before orjson (the canonical form)."""
    return t.encoder.encode(waarde).encode("utf8")


class Tekst(str):
    pass


class Getal(int):
    pass


class Kleur(enum.IntEnum):
    ROOD = 1


class Lijst(list):  # type: ignore[type-arg]
    pass


class Woordenboek(dict):  # type: ignore[type-arg]
    pass


teksten = st.text(st.characters(codec=None, categories=None)) | st.sampled_from(
    ["\ud800", "a\udfffb", "\x00\x1f\x7f\u2028\u2029", '"\\/', "\u00e9\u20ac\U0001f600", "\b\f\n\r\t"]
)
getallen = st.integers() | st.sampled_from([2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64 - 1, 2**64])
enkelvoudig = (
    st.none()
    | st.booleans()
    | getallen
    | teksten
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.builds(Bedrag.van_centen, st.integers(min_value=-(10**15), max_value=10**15))
    | st.dates()
    | st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=2))]))
    | st.datetimes()
    | st.uuids()
    | st.decimals(allow_nan=False)
    | st.builds(Tekst, teksten)
    | st.builds(Getal, getallen)
    | st.just(Kleur.ROOD)
    | st.just(object())
)
sleutels = teksten | st.integers(min_value=-5, max_value=5) | st.none()
waarden = st.recursive(
    enkelvoudig,
    lambda binnen: (
        st.lists(binnen, max_size=4)
        | st.lists(binnen, max_size=3).map(tuple)
        | st.lists(binnen, max_size=3).map(Lijst)
        | st.dictionaries(teksten, binnen, max_size=4)
        | st.dictionaries(sleutels, binnen, max_size=3)
        | st.dictionaries(teksten, binnen, max_size=3).map(Woordenboek)
    ),
    max_leaves=12,
)


def _uitkomst(schrijf: Any, waarde: Any) -> tuple[str, Any]:
    try:
        return "bytes", schrijf(waarde)
    except Exception as e:
        return "fout", type(e)


@settings(max_examples=1500, deadline=None)
@given(waarden)
def test_orjson_schrijft_wat_de_standaardbibliotheek_schrijft_of_laat_het_haar(waarde: Any) -> None:
    t = _transcoder()
    assert _uitkomst(t.encode, waarde) == _uitkomst(lambda w: _oud(t, w), waarde)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(teksten, waarden, max_size=6))
def test_een_toestand_van_een_gebeurtenis_schrijft_hetzelfde(toestand: dict[str, Any]) -> None:
    t = _transcoder()
    assert _uitkomst(t.encode, toestand) == _uitkomst(lambda w: _oud(t, w), toestand)


def test_wat_orjson_anders_zou_schrijven_gaat_naar_de_standaardbibliotheek() -> None:
    """The cases where orjson alone differs: NaN (orjson: null), floats, big integers, subclasses, keys."""
    t = _transcoder()
    assert orjson_alleen(float("nan")) == b"null"  # the reason for the fallback
    with pytest.raises(ValueError):  # allow_nan=False, as before
        t.encode({"x": float("nan")})
    assert t.encode({"x": 1e16}) == b'{"x":1e+16}'
    assert t.encode({"x": 2**64}) == b'{"x":18446744073709551616}'
    assert t.encode({1: "a", 2: "b"}) == b'{"1":"a","2":"b"}'
    assert t.encode({"k": Kleur.ROOD}) == b'{"k":1}'
    with pytest.raises(UnicodeEncodeError):
        t.encode({"x": "\ud800"})
    # What orjson writes here is exactly the old bytes.
    moment = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    toestand = {"bedrag": Bedrag.van_centen(100), "datum": date(2026, 5, 1), "timestamp": moment, "é": None}
    assert t.encode(toestand) == _oud(t, toestand)
    assert t.encode({"d": Decimal("1.50"), "u": UUID(int=7)}) == _oud(t, {"d": Decimal("1.50"), "u": UUID(int=7)})
    assert t.encode({"t": moment}) == t.encode({"t": moment})  # the cached moment, again


def orjson_alleen(waarde: Any) -> bytes:
    import orjson

    return orjson.dumps(waarde)


def test_elke_toestand_van_het_demojaar_schrijft_dezelfde_bytes_en_de_opslag_verifieert(tmp_path, monkeypatch):
    """Every state the demo year writes (every kind of event), encoded both ways: the same bytes."""
    nieuw_encode = KanoniekeTranscoder.encode
    vergeleken: list[int] = []
    verschillend: list[Any] = []

    def beide(self: KanoniekeTranscoder, obj: Any) -> bytes:
        uit = nieuw_encode(self, obj)
        if uit != _oud(self, obj):
            verschillend.append(obj)
        vergeleken.append(1)
        return uit

    monkeypatch.setattr(KanoniekeTranscoder, "encode", beide)
    app = open_store(str(tmp_path / "nieuw.db"))
    vul(app, omvang=1, zaad=7)
    assert not verschillend
    assert len(vergeleken) > 1000
    u = verifieer(app, [])
    assert u["intact"] and u["gebeurtenissen"] > 1000


def test_een_opslag_geschreven_met_de_oude_codering_verifieert_ook_na_nieuwe_betalingen(tmp_path, monkeypatch):
    pad = str(tmp_path / "oud.db")
    with monkeypatch.context() as m:
        m.setattr(KanoniekeTranscoder, "encode", lambda self, obj: _oud(self, obj))
        w = Wereld.ingericht(open_store(pad), budget="10.000")
        codes = [w.voucher("1.000") for _ in range(3)]
        w.verzilver(codes[0], "100")
    voor = verifieer(open_store(pad, inrichten=False), [])
    assert voor["intact"]
    w = Wereld(open_store(pad, inrichten=False))  # the new code, on the old store
    w.verzilver(codes[0], "50", factuur="F-2")
    w.contant(codes[1], "20")
    na = verifieer(open_store(pad, inrichten=False), [voor["kop"]])
    assert na["intact"] and na["gebeurtenissen"] > voor["gebeurtenissen"]
    assert na["gevraagde_koppen"][0]["gevonden"]  # the new events extend the old log
    json.dumps(na)
