"""The canonical JSON of a stored state: how the ledger writes (the form the hash chain is computed over) and reads it.

Writing is every event of a save, reading every event of a replay, so both take orjson where it gives
what the standard library gives, and the standard library everywhere else (commands/opslag.py uses it
as the transcoder of `VoucherLedger`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import orjson
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Transcoding

from ledger import transcodings


class KanoniekeTranscoder(JSONTranscoder):
    """eventsourcing's JSON transcoder, writing the canonical form the hash chain is computed over.

    The canonical form is the standard library's encoder's (README, "Zelf nagaan"): sorted keys,
    `,` and `:`, UTF-8 unescaped, no NaN. Writing produces those bytes with orjson when the state
    is made of what both write alike: exact dicts with str keys, lists and tuples, str, int within
    64 bits, bool, None, and values with a registered transcoding (written as the library's
    `default` writes them). Anything else (a float, a bigger integer, a subclass of a JSON type, a
    key that is no str, a lone surrogate, an unknown type) goes to the standard library's encoder:
    the same bytes or the same error as before (tests/store/test_kanoniek_schrijven.py).

    Reading is every event of a replay, so it parses with orjson and then does what the library's
    `object_hook` does: every object, innermost first, that is a transcoded value (`_type_` and
    `_data_`) becomes that value. What orjson refuses (NaN, invalid UTF-8) or reads otherwise (an
    integer beyond 64 bits, which it makes a float) goes to the library's decoder: the same value or
    the same error as before (tests/store/test_snel_lezen_op_beide_opslagen.py).
    """

    def __init__(self) -> None:
        super().__init__()
        self.encoder = json.JSONEncoder(
            default=self._encode_obj, separators=(",", ":"), ensure_ascii=False, sort_keys=True, allow_nan=False
        )
        self._snel: dict[str, tuple[type, Callable[[Any], Any]]] = {}
        # The last transcoded moment: every event of one save carries the same timestamp (VoucherLedger.save).
        self._moment: tuple[Any, Any] = (None, None)

    def register(self, transcoding: Transcoding) -> None:
        super().register(transcoding)
        snel = _SNELLE_DECODERING.get(type(transcoding))
        if snel is not None:
            self._snel[transcoding.name] = snel
        else:
            self._snel.pop(transcoding.name, None)

    def encode(self, obj: Any) -> bytes:
        try:
            return orjson.dumps(self._vorm(obj), option=orjson.OPT_SORT_KEYS)
        except (_Anders, orjson.JSONEncodeError):
            return self.encoder.encode(obj).encode("utf8")

    def _vorm(self, o: Any) -> Any:
        """`o` as the standard library's encoder sees it after `default`: only what orjson writes identically."""
        t = type(o)
        if t is str or t is bool or o is None:
            return o
        if t is int:
            if _INT_MIN <= o <= _INT_MAX:
                return o
            raise _Anders
        if t is dict:
            uit = {}
            for k, v in o.items():
                if type(k) is not str:
                    raise _Anders
                tv = type(v)  # the plain values at once (most of a state), the rest by the rules here
                uit[k] = v if tv is str or v is None or tv is bool else self._vorm(v)
            return uit
        if t is list or t is tuple:
            return [self._vorm(v) for v in o]
        if t is datetime:
            eerder, vorm = self._moment
            if eerder is o:
                return vorm
        transcoding = self.types.get(t)
        if transcoding is None or isinstance(o, _JSON_SOORTEN):
            raise _Anders
        data = transcoding.encode(o)
        td = type(data)
        if not (td is str or (td is int and _INT_MIN <= data <= _INT_MAX)):  # an amount in cents, a date as text
            data = self._vorm(data)
        vorm = {"_type_": transcoding.name, "_data_": data}
        if t is datetime:
            self._moment = (o, vorm)
        return vorm

    def decode(self, data: bytes) -> Any:
        try:
            o = orjson.loads(data)
            return self._herstel_object(o) if type(o) is dict else self._herstel(o)
        except (orjson.JSONDecodeError, _Kommagetal):
            return super().decode(data)

    def _herstel_object(self, o: dict[str, Any]) -> Any:
        """`_herstel` of an object: the shape of every stored state, and of most values within it."""
        snel = self._snel
        for k, v in o.items():
            t = type(v)
            if t is str or t is int or v is None or t is bool:
                continue
            if t is dict:
                # The common case, a transcoded value of plain data ({"_type_": ..., "_data_": "2026-01-01"}), at once:
                # for the ledger's own value types with the very function their transcoding calls.
                if len(v) == 2 and "_type_" in v and "_data_" in v:
                    d = v["_data_"]
                    soort = snel.get(v["_type_"])
                    if soort is not None and type(d) is soort[0]:
                        o[k] = soort[1](d)
                        continue
                    if type(d) in _ENKELVOUDIG:
                        transcoding = self.names.get(v["_type_"])
                        o[k] = transcoding.decode(d) if transcoding is not None else self._decode_obj(v)
                        continue
                o[k] = self._herstel_object(v)
            elif t is list:
                o[k] = self._herstel(v)
            elif t is _FRACTIE:
                raise _Kommagetal
        return self._decode_obj(o) if len(o) == 2 and "_type_" in o else o

    def _herstel(self, o: Any) -> Any:
        if type(o) is dict:
            return self._herstel_object(o)
        if type(o) is list:
            for i, v in enumerate(o):
                t = type(v)
                if t is dict:
                    o[i] = self._herstel_object(v)
                elif t is list:
                    o[i] = self._herstel(v)
                elif t is _FRACTIE:
                    raise _Kommagetal
            return o
        if type(o) is _FRACTIE:
            raise _Kommagetal
        return o


class _Anders(Exception):
    """A value that orjson might write otherwise than the standard library's encoder: that encoder writes it."""


_INT_MIN, _INT_MAX = -(2**63), 2**64 - 1  # what orjson writes as an integer


class _Kommagetal(Exception):
    """orjson read a number as a float: a fraction, or an integer beyond 64 bits (which the standard library keeps
    exact). The ledger stores neither; whatever it is, the library's decoder reads it as it always did."""


_ENKELVOUDIG = (str, int, bool, type(None))
# What the ledger's transcodings and the library's datetime transcoding do to a value of the type they write,
# as one call (the decoding of a state is most of a replay); a value of another type takes the transcoding itself.
_SNELLE_DECODERING: dict[type, tuple[type, Callable[[Any], Any]]] = {
    DatetimeAsISO: (str, datetime.fromisoformat),
    transcodings.DatumAlsISO: (str, date.fromisoformat),
    transcodings.BedragAlsCenten: (int, transcodings.Bedrag),  # what Bedrag.van_centen calls
}
_FRACTIE = type(orjson.loads(b"0.5"))  # what orjson makes of a fraction: never money, only to be recognised
_JSON_SOORTEN = (str, int, _FRACTIE, dict, list, tuple)  # the standard library writes their subclasses itself
