"""The fast path of `verifieer` (ledger/keten.py) is taken exactly for what the mapper writes, and gives its hash.

`_hash_zoals_geschreven` is an optimisation with a fallback: when it returns "" the general
canonical encoding decides. So `verifieer` gives the same verdict either way; these tests check
the fast path itself, on the boundaries of the mapper's form, and `_lees_staat` on every input it reads.
"""

from __future__ import annotations

from uuid import UUID

import pytest

from ledger import keten

STROOM = UUID("12345678-1234-5678-1234-567812345678")
TOPIC = "voucher.Aanvraag.Ingediend"


def _opgeslagen(toestand: dict) -> tuple[bytes, str]:
    staat = keten.kanoniek(toestand)
    h = keten.hash_van(keten.omhulsel(STROOM, 3, TOPIC, staat))
    return keten.met_hash(staat, h), h


def test_de_snelle_weg_geeft_de_hash_over_de_canonieke_gebeurtenis():
    toestand = {"naam": "Zoë", "bedrag": 12345, "lijst": [True, None, {"b": 1, "a": 2}]}
    opgeslagen, h = _opgeslagen(toestand)
    assert keten._hash_zoals_geschreven(STROOM.hex, 3, TOPIC, opgeslagen, toestand, h) == h
    algemeen = keten.hash_van(
        keten.kanoniek({"originator_id": STROOM.hex, "originator_version": 3, "state": toestand, "topic": TOPIC})
    )
    assert h == algemeen


def test_de_kleinste_staat_in_de_vorm_van_de_mapper():
    opgeslagen, h = _opgeslagen({})
    assert len(opgeslagen) == keten._STAARTLENGTE + 1  # "{" + ',"_hash":"<64>"}'
    assert keten._hash_zoals_geschreven(STROOM.hex, 3, TOPIC, opgeslagen, {}, h) == h
    assert keten._hash_zoals_geschreven(STROOM.hex, 3, TOPIC, opgeslagen[1:], {}, h) == ""  # only the tail
    opgeslagen, h = _opgeslagen({"a": 1})
    assert keten._hash_zoals_geschreven(STROOM.hex, 3, TOPIC, opgeslagen, {"a": 1}, h) == h


def test_buiten_de_vorm_van_de_mapper_de_algemene_weg():
    toestand = {"a": 1}
    opgeslagen, h = _opgeslagen(toestand)
    assert keten._hash_zoals_geschreven(STROOM.hex, 3, TOPIC, opgeslagen, toestand, "0" * 64) == ""  # another tail
    assert keten._hash_zoals_geschreven(STROOM.hex, 3, TOPIC, opgeslagen, toestand, "é" * 64) == ""  # not ascii
    spaties = opgeslagen.replace(b'{"a":1', b'{"a": 1')  # not canonical
    assert keten._hash_zoals_geschreven(STROOM.hex, 3, TOPIC, spaties, toestand, h) == ""
    groot = {"a": 2**70}  # beyond 64 bits: orjson cannot, the general way can
    opgeslagen, h = _opgeslagen(groot)
    assert keten._hash_zoals_geschreven(STROOM.hex, 3, TOPIC, opgeslagen, groot, h) == ""


def test_lees_staat_uit_tekst_bytes_en_utf16_en_nooit_een_kommagetal():
    assert keten._lees_staat('{"a": 1}') == {"a": 1}
    assert keten._lees_staat('{"a": "é"}'.encode()) == {"a": "é"}
    assert keten._lees_staat('{"a": "é"}'.encode("utf-16")) == {"a": "é"}
    for staat in (b'{"a": 1.5}', '{"a": 1.5}'.encode("utf-16"), b'{"a": NaN}', '{"a": NaN}'.encode("utf-16")):
        with pytest.raises(keten._Ongeldig, match="een kommagetal"):
            keten._lees_staat(staat)
    with pytest.raises(keten._Ongeldig, match="de inhoud is geen JSON-object"):
        keten._lees_staat(b"[1]")
    with pytest.raises(keten._Ongeldig, match="de inhoud is geen geldige JSON meer"):
        keten._lees_staat(b"{")
