"""De hashketen zelf (ledger/keten.py), zonder opslag: wat hij bewijst en waar hij breekt.

Rijen zoals de opslag ze geeft (positie, stroom, versie, topic, staat), gemaakt zoals de mapper
ze schrijft. Een ongeschonden geschiedenis verifieert met de juiste logkop; een gewijzigde byte,
een ontbrekende of verwisselde versie, een verkeerde `_vorige`, een kommagetal of kapotte JSON
breekt de keten op precies die gebeurtenis, met een melding die zegt wat er mis is.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any
from uuid import UUID

import pytest

from ledger import keten

A = UUID("00000000-0000-0000-0000-00000000000a")
B = UUID("00000000-0000-0000-0000-00000000000b")
Rij = tuple[int, str, int, str, bytes]


def schrijf(gebeurtenissen: list[tuple[UUID, str, dict[str, Any]]]) -> list[Rij]:
    """Rows as the mapper stores them: `_vorige` per stream, `_hash` appended to the canonical state."""
    koppen: dict[UUID, tuple[int, str]] = {}
    rijen = []
    for positie, (stroom, topic, inhoud) in enumerate(gebeurtenissen, start=1):
        versie, vorige = koppen.get(stroom, (0, keten.GENESIS))
        versie += 1
        staat = keten.kanoniek(inhoud | {keten.VORIGE: vorige})
        h = keten.hash_van(keten.omhulsel(stroom, versie, topic, staat))
        koppen[stroom] = (versie, h)
        rijen.append((positie, str(stroom), versie, topic, keten.met_hash(staat, h)))
    return rijen


def drie() -> list[Rij]:
    return schrijf([(A, "voucher.Wijk.Aangewezen", {"code": "NOORD"}), (B, "t.B", {"n": 1}), (A, "t.A", {"n": 2})])


def test_de_snelle_omhulling_is_dezelfde_tekst_als_de_canonieke_vorm() -> None:
    staat = keten.kanoniek({"naam": "Café ‘t Hoekje", "n": 1, "z": None})
    assert staat == '{"n":1,"naam":"Café ‘t Hoekje","z":null}'.encode()
    vol = keten.kanoniek({"originator_id": A.hex, "originator_version": 3, "state": json.loads(staat), "topic": "t.é"})
    assert keten.omhulsel(A, 3, "t.é", staat) == vol


def test_een_ongeschonden_geschiedenis_verifieert_met_de_logkop_over_alle_hashes() -> None:
    rijen = drie()
    u = keten.verifieer(rijen)
    assert u.breuk is None
    assert (u.gebeurtenissen, u.positie) == (3, 3)
    hashes = [keten.opgeslagen_hash(r[4]) for r in rijen]
    kop = keten.GENESIS
    for h in hashes:
        assert h is not None
        kop = hashlib.sha256(bytes.fromhex(kop) + bytes.fromhex(h)).hexdigest()
    assert u.logkop == kop
    assert u.koppen == {str(A): (2, hashes[2], "t.A"), str(B): (1, hashes[1], "t.B")}
    assert json.loads(rijen[2][4])[keten.VORIGE] == hashes[0]


def test_de_logkop_volgt_het_log_en_een_gebeurtenis_zonder_hash_telt_als_nullen() -> None:
    kop = keten.Logkop()
    assert kop.paar() == (0, keten.GENESIS)
    kop.volg(1, "ab" * 32)
    assert kop.paar() == (1, keten.volgende_logkop(keten.GENESIS, "ab" * 32))
    kop.volg(2, None)
    assert kop.paar() == (2, keten.volgende_logkop(keten.volgende_logkop(keten.GENESIS, "ab" * 32), keten.GENESIS))


def test_gezochte_koppen_worden_gevonden_als_logkop_of_als_hash_van_een_gebeurtenis() -> None:
    rijen = drie()
    volledig = keten.verifieer(rijen)
    eerste_kop = keten.verifieer(rijen[:1]).logkop
    tweede_hash = volledig.koppen[str(B)][1]
    u = keten.verifieer(rijen, [eerste_kop.upper(), tweede_hash, "f" * 64])
    assert u.gevonden == {
        eerste_kop: "kop van het log bij gebeurtenis #1",
        tweede_hash: f"gebeurtenis #2 (stroom {B}, versie 1)",
    }
    assert keten.verifieer(rijen).gevonden == {}


def test_de_hash_van_gevraagde_gebeurtenissen_wordt_bewaard() -> None:
    rijen = drie()
    u = keten.verifieer(rijen, bewaar={(str(A), 2), (str(B), 5)})
    assert u.bewaard == {(str(A), 2): keten.opgeslagen_hash(rijen[2][4])}
    assert keten.verifieer(rijen).bewaard == {}


def breuk(rijen: list[Rij]) -> keten.Breuk:
    u = keten.verifieer(rijen)
    assert u.breuk is not None
    return u.breuk


def test_een_gewijzigde_byte_breekt_de_keten_op_die_gebeurtenis() -> None:
    rijen = drie()
    p, s, v, t, staat = rijen[1]
    rijen[1] = (p, s, v, t, staat.replace(b'"n":1', b'"n":7'))
    b = breuk(rijen)
    assert (b.positie, b.stroom, b.versie, b.topic) == (2, str(B), 1, "t.B")
    assert b.wat.startswith("de inhoud is gewijzigd: opgeslagen hash ")
    assert keten.verifieer(rijen).gebeurtenissen == 2  # stopt bij de eerste breuk


def test_een_ontbrekende_versie_wordt_genoemd() -> None:
    rijen = schrijf([(A, "t", {"n": 1}), (A, "t", {"n": 2}), (A, "t", {"n": 3})])
    b = breuk([rijen[0], rijen[2]])
    assert (b.positie, b.versie) == (3, 3)
    assert b.wat == "versie 2 ontbreekt: na versie 1 volgt versie 3"


def test_een_versie_op_de_verkeerde_plaats_wordt_genoemd() -> None:
    rijen = schrijf([(A, "t", {"n": 1}), (A, "t", {"n": 2})])
    assert breuk([rijen[1], rijen[0]]).wat == "versie 2 staat op de plaats van versie 1"
    assert breuk([rijen[0], rijen[0]]).wat == "versie 1 staat op de plaats van versie 2"


def test_een_verkeerde_vorige_hash_wordt_genoemd() -> None:
    eerste = schrijf([(A, "t", {"n": 1})])[0]
    tweede = schrijf([(B, "t", {"n": 2}), (B, "t", {"n": 3})])[1]
    vreemd = (2, str(A), 2, "t", tweede[4])
    h = keten.opgeslagen_hash(eerste[4])
    assert breuk([eerste, vreemd]).wat == (
        f"_vorige is {json.loads(tweede[4])[keten.VORIGE]}, maar de hash van versie 1 is {h}"
    )
    staat = keten.kanoniek({"n": 1, keten.VORIGE: "1" * 64})
    nep = (1, str(A), 1, "t", keten.met_hash(staat, keten.hash_van(keten.omhulsel(A, 1, "t", staat))))
    assert breuk([nep]).wat == f"_vorige van de eerste gebeurtenis is {'1' * 64}, niet 00000000…"


def test_kapotte_inhoud_breekt_de_keten_met_een_uitleg() -> None:
    gevallen = {
        b'{"n":1.5,"_hash":"' + b"a" * 64 + b'"}': "een kommagetal (1.5) in de gebeurtenis",
        b'{"n":NaN,"_hash":"' + b"a" * 64 + b'"}': "een kommagetal (NaN) in de gebeurtenis",
        b"[1, 2]": "de inhoud is geen JSON-object",
        b'{"n":1}': "de gebeurtenis heeft geen hash (_hash ontbreekt)",
        b'{"n":1,"_hash":5}': "de gebeurtenis heeft geen hash (_hash ontbreekt)",
    }
    for staat, wat in gevallen.items():
        assert breuk([(1, str(A), 1, "t", staat)]).wat == wat
    kapot = breuk([(1, str(A), 1, "t", b'{"n":')]).wat
    assert kapot.startswith("de inhoud is geen geldige JSON meer (") and kapot.endswith(")")
    assert breuk([(1, str(A), 1, "t", b"\xff")]).wat.startswith("de inhoud is geen geldige JSON meer (")


def test_de_opgeslagen_hash_wordt_uit_de_staart_of_uit_de_json_gelezen() -> None:
    h = "c" * 64
    assert keten.opgeslagen_hash(keten.met_hash(b'{"n":1}', h)) == h
    assert keten.met_hash(b'{"n":1}', h) == b'{"n":1,"_hash":"' + h.encode() + b'"}'
    assert keten.opgeslagen_hash(b'{"_hash": "' + h.encode() + b'", "n": 1}') == h
    assert keten.opgeslagen_hash(b'{"_hash": 5}') is None
    assert keten.opgeslagen_hash(b'{"n": 1}') is None
    assert keten.opgeslagen_hash(b"[1]") is None
    assert keten.opgeslagen_hash(b"geen json") is None


def test_koppen_in_een_tekst_worden_eenmaal_en_in_kleine_letters_gevonden() -> None:
    a, b = "a" * 64, "0123456789abcdef" * 4
    tekst = f"kop {a.upper()}\n{b} en {a}; te kort {'b' * 63}, te lang {'c' * 65}"
    assert keten.koppen_in(tekst) == [a, b]


def test_de_canonieke_vorm_weigert_kommagetallen_die_geen_getal_zijn() -> None:
    for waarde in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError):
            keten.kanoniek({"x": waarde})


def test_de_hash_in_de_staart_wordt_gelezen_zonder_de_rest_te_ontleden() -> None:
    h = "d" * 64
    assert keten.opgeslagen_hash(b'{kapot,"_hash":"' + h.encode() + b'"}') == h


def test_meldingen_over_kapotte_inhoud_tonen_hoogstens_80_tekens_van_de_oorzaak() -> None:
    assert breuk([(1, str(A), 1, "t", b'{"n":')]).wat == (
        "de inhoud is geen geldige JSON meer (Expecting value: line 1 column 6 (char 5))"
    )
    lang = b'{"a":"' + b"x" * 100_000 + b'\xc3("}'
    oorzaak = "'utf-8' codec can't decode byte 0xc3 in position 100006: invalid continuation byte"[:80]
    assert breuk([(1, str(A), 1, "t", lang)]).wat == f"de inhoud is geen geldige JSON meer ({oorzaak})"


def test_een_te_lange_vorige_hash_wordt_op_64_tekens_getoond() -> None:
    te_lang = "e" * 70
    staat = keten.kanoniek({"n": 1, keten.VORIGE: te_lang})
    nep = (1, str(A), 1, "t", keten.met_hash(staat, keten.hash_van(keten.omhulsel(A, 1, "t", staat))))
    assert breuk([nep]).wat == f"_vorige van de eerste gebeurtenis is {'e' * 64}, niet 00000000…"
    eerste = schrijf([(A, "t", {"n": 1})])[0]
    staat2 = keten.kanoniek({"n": 2, keten.VORIGE: te_lang})
    tweede = (2, str(A), 2, "t", keten.met_hash(staat2, keten.hash_van(keten.omhulsel(A, 2, "t", staat2))))
    h = keten.opgeslagen_hash(eerste[4])
    assert breuk([eerste, tweede]).wat == f"_vorige is {'e' * 64}, maar de hash van versie 1 is {h}"
