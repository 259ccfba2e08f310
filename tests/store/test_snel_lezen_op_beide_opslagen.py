"""The fast reader of the log gives what the library's reader gives, on SQLite and on PostgreSQL.

The demo year is written as every store is written today (the standard library's canonical
encoder, unchanged). Then, for every stored event:
- `genummerd` (rows straight from the store, orjson and the same transcodings) yields the same
  class and the same fields as eventsourcing's own `select_notifications` + `Mapper.to_domain_event`;
- `verifieer`'s hash of a state in the mapper's form (no re-encoding) is the hash over its
  canonical encoding, and the whole store verifies with the same log head as the general path;
- `logkop` (on SQLite from each state's tail only) is the log head of the general path;
- the fold of the read models over the fast reader is the fold over the library's reader.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import JSONTranscoder, Mapper
from eventsourcing.utils import get_topic
from wereld import open_store

from commands.demo import vul
from ledger import keten
from projections.bijwerken import notificaties
from projections.vouwen import verwerking, vouw


def _bibliotheek(app: Any) -> list[tuple[int, Any]]:
    """(notification id, event) through eventsourcing's own reader and mapper, as before the fast reader."""
    uit = []
    start = 1
    while True:
        deel = app.recorder.select_notifications(start, 500)
        for n in deel:
            e = Mapper.to_domain_event(app.mapper, n)
            for sleutel in (keten.HASH, keten.VORIGE, keten.KOP):
                e.__dict__.pop(sleutel, None)
            uit.append((n.id, e))
        if len(deel) < 500:
            return uit
        start = deel[-1].id + 1


def _gewoon_geverifieerd(rijen: list[tuple[int, str, int, str, bytes]]) -> keten.Uitkomst:
    """The general path of `verifieer` for every row: states are rewritten so that none has the mapper's tail."""
    return keten.verifieer((p, s, v, t, staat[:-1] + b" }") for p, s, v, t, staat in rijen)


def test_snel_lezen_geeft_wat_de_bibliotheek_geeft(store_url):
    app = open_store(store_url)
    vul(app, omvang=1, zaad=7)

    gewoon = _bibliotheek(app)
    snel = list(app.genummerd())
    assert len(snel) == len(gewoon) > 1000
    for (n1, a), (n2, b) in zip(snel, gewoon, strict=True):
        assert n1 == n2
        assert type(a) is type(b)
        assert a.__dict__ == b.__dict__

    # From a position, and per topic (as the service's lists read it).
    midden = gewoon[len(gewoon) // 2][0]
    assert [n for n, _ in app.genummerd(start=midden)] == [n for n, _ in gewoon if n >= midden]
    topic = "voucher.Voucher.Verzilverd"
    verzilverd = [n for n, e in gewoon if get_topic(type(e)) == topic]
    assert verzilverd and [n for n, _ in app.genummerd(topics=[topic])] == verzilverd

    # The fold of the read models, decoding only the kinds it uses: the same rows, position and log head.
    kop = keten.Logkop()
    snel_gevouwen, gewoon_gevouwen = vouw(notificaties(app, kop=kop)), vouw(gewoon)
    for vraag in ("saldo_rijen", "voucher_rijen", "aanvraag_rijen", "kasboek_rijen"):
        assert getattr(snel_gevouwen, vraag)() == getattr(gewoon_gevouwen, vraag)()
    assert snel_gevouwen.positie == gewoon_gevouwen.positie == gewoon[-1][0]
    assert kop.paar() == app.logkop()
    overgeslagen = [n for n, e in app.genummerd(alleen=verwerking()) if e is None]
    assert overgeslagen and len(overgeslagen) < len(gewoon)


def test_de_hash_zonder_hercodering_is_de_hash_over_de_canonieke_codering(store_url):
    app = open_store(store_url)
    vul(app, omvang=1, zaad=7)
    rijen = list(app.rauw())

    snel = 0
    for _positie, stroom, versie, topic, staat in rijen:
        toestand = keten._lees_staat(staat)
        opgeslagen = toestand.pop(keten.HASH)
        canoniek = keten.hash_van(
            keten.kanoniek(
                {"originator_id": UUID(stroom).hex, "originator_version": versie, "state": toestand, "topic": topic}
            )
        )
        zonder = keten._hash_zoals_geschreven(UUID(stroom).hex, versie, topic, staat, toestand, opgeslagen)
        assert zonder == canoniek == opgeslagen
        snel += 1
    assert snel == len(rijen) > 1000

    u, algemeen = keten.verifieer(rijen), _gewoon_geverifieerd(rijen)
    assert u.breuk is None and algemeen.breuk is None
    assert (u.gebeurtenissen, u.positie, u.logkop, u.koppen) == (
        algemeen.gebeurtenissen,
        algemeen.positie,
        algemeen.logkop,
        algemeen.koppen,
    )
    assert (u.positie, u.logkop) == app.logkop()
    helft = rijen[len(rijen) // 2][0]
    tot_helft = keten.verifieer(r for r in rijen if r[0] <= helft)
    assert app.logkop(helft) == (tot_helft.positie, tot_helft.logkop) == (helft, tot_helft.logkop)


def test_een_gewijzigde_byte_breekt_de_keten_ook_zonder_hercodering(tmp_path):
    app = open_store(str(tmp_path / "v.db"))
    vul(app, omvang=1, zaad=7)
    rijen = list(app.rauw())
    i = next(i for i, r in enumerate(rijen) if i > 100 and b'"bedrag":{"_data_":' in r[4])
    positie, stroom, versie, topic, staat = rijen[i]
    # A changed amount, the stored hash left as it was: the bytes are still canonical, the hash no longer fits.
    geknoeid = staat.replace(b'"bedrag":{"_data_":', b'"bedrag":{"_data_":9', 1)
    assert geknoeid != staat
    u = keten.verifieer([*rijen[:i], (positie, stroom, versie, topic, geknoeid), *rijen[i + 1 :]])
    assert u.breuk is not None and u.breuk.positie == positie
    assert "de inhoud is gewijzigd" in u.breuk.wat


def test_een_niet_canonieke_staat_met_de_hash_van_zijn_eigen_bytes_verifieert_niet(tmp_path):
    """Without the canonical check, hashing the stored bytes would accept a state that is not canonical."""
    stroom = UUID(int=1)
    topic = "voucher.Voucher.Verzilverd"
    romp = b'{"_vorige":"' + keten.GENESIS.encode() + b'", "bedrag":1}'  # a space: not canonical
    h = keten.hash_van(keten.omhulsel(stroom, 1, topic, romp))
    u = keten.verifieer([(1, str(stroom), 1, topic, keten.met_hash(romp, h))])
    assert u.breuk is not None and "de inhoud is gewijzigd" in u.breuk.wat
    # The same content written canonically verifies.
    canoniek = keten.kanoniek({keten.VORIGE: keten.GENESIS, "bedrag": 1})
    h = keten.hash_van(keten.omhulsel(stroom, 1, topic, canoniek))
    assert keten.verifieer([(1, str(stroom), 1, topic, keten.met_hash(canoniek, h))]).breuk is None


def test_lezen_met_orjson_geeft_wat_de_standaardbibliotheek_geeft(tmp_path):
    app = open_store(str(tmp_path / "v.db"))
    vul(app, omvang=1, zaad=7)
    transcoder = app.mapper.transcoder
    for _p, _s, _v, _t, staat in app.rauw():
        assert transcoder.decode(staat) == JSONTranscoder.decode(transcoder, staat)
    # What orjson refuses goes to the standard library: the same value.
    groot = b'{"n":123456789012345678901234567890,"d":{"_type_":"bedrag_centen","_data_":5}}'
    assert transcoder.decode(groot) == JSONTranscoder.decode(transcoder, groot)
    for anders in (b'{"a":1.5}', b'{"a":[1,2.5e3]}', b'[{"b":{"c":-1E2}}]', b'{"a":NaN}', b'{"a":"\xff"}'):
        try:
            verwacht: Any = JSONTranscoder.decode(transcoder, anders)
        except ValueError as e:
            verwacht = type(e)
        try:
            gekregen: Any = transcoder.decode(anders)
        except ValueError as e:
            gekregen = type(e)
        assert gekregen == verwacht, anders
    genest = b'{"a":[{"_type_":"datum_iso","_data_":"2025-01-02"},{"b":{"_type_":"bedrag_centen","_data_":1}}]}'
    assert transcoder.decode(genest) == JSONTranscoder.decode(transcoder, genest)
