"""De opgeslagen vorm van elke gebeurtenis blijft wat hij was (issue 16: getypeerde gebeurtenissen).

Per topic van de catalogus (ledger/gebeurtenissen.py) een gebeurtenis met vaste waarden, gecodeerd
zoals de mapper haar opslaat (commands/opslag.py): de veldnamen, de klasseversie en de hash van de
hashketen staan in gebeurtenissen.sha256, geschreven vóór de gebeurtenissen expliciete klassen
werden. Een veld dat verdwijnt, van naam verandert of erbij komt, een andere versie of een andere
codering breekt deze test; een nieuwe gebeurtenis krijgt er een regel bij met

    VOUCHER_GOUD_SCHRIJVEN=1 scripts/test tests/store/test_gebeurtenissen_blijven_gelijk.py

(en `git diff` laat zien dat alleen die regel erbij kwam).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from commands.opslag import KetenMapper, VoucherLedger
from ledger import gebeurtenissen, keten
from ledger.geld import Bedrag
from ledger.vindplaats import MODULE_VAN_AGGREGAAT, module_van
from ledger.voucher import Voucher

GOUD = Path(__file__).parent / "gebeurtenissen.sha256"
STROOM = UUID("00000000-0000-0000-0000-0000000000a1")
MOMENT = datetime(2026, 2, 16, 9, 30, tzinfo=UTC)
BASIS = {"originator_id", "originator_version", "timestamp"}

# A fixed value for every field type the events use; an unknown type fails, so a new one is seen.
WAARDEN: dict[str, Any] = {
    "int": 7,
    "str": "tekst",
    "bool": True,
    "date": date(2026, 2, 16),
    "Bedrag": Bedrag.van_centen(45_000),
    "dict[str, Any]": {"rol": "regiegroep", "wijk": "NOORD"},
    "list[dict[str, Any]]": [{"code": "V000001-01-0", "bedrag": Bedrag.van_centen(45_000)}],
}


def _waarde(soort: str) -> Any:
    soort = soort.removesuffix(" | None")
    if soort not in WAARDEN:
        raise AssertionError(f"geen vaste waarde voor het veldtype {soort!r}: voeg er een toe aan WAARDEN")
    return WAARDEN[soort]


def _gebeurtenis(klasse: Any) -> Any:
    velden = {f.name: _waarde(str(f.type)) for f in dataclasses.fields(klasse) if f.name not in BASIS}
    if "originator_topic" in velden:  # a "created" event names its aggregate
        velden["originator_topic"] = klasse.TOPIC.rsplit(".", 1)[0]
    return klasse(originator_id=STROOM, originator_version=1, timestamp=MOMENT, **velden)


def _mapper() -> KetenMapper:
    """The mapper as the ledger builds it (its transcoder, with the ledger's transcodings), without a store."""
    return KetenMapper(transcoder=VoucherLedger.construct_transcoder(object.__new__(VoucherLedger)))


def _regel(klasse: Any) -> str:
    opgeslagen = _mapper().to_stored_event(_gebeurtenis(klasse))
    velden = sorted(f.name for f in dataclasses.fields(klasse) if f.name not in BASIS)
    versie = getattr(klasse, "class_version", 1)
    return f"{opgeslagen.topic} v{versie} {keten.opgeslagen_hash(opgeslagen.state)} {','.join(velden)}"


def _regels() -> list[str]:
    return sorted(_regel(klasse) for klasse in gebeurtenissen.ALLE)


def test_elke_gebeurtenis_wordt_opgeslagen_zoals_voor_de_getypeerde_klassen() -> None:
    nu = _regels()
    if os.environ.get("VOUCHER_GOUD_SCHRIJVEN"):
        GOUD.write_text("".join(f"{r}\n" for r in nu), encoding="utf-8")
    verwacht = GOUD.read_text(encoding="utf-8").splitlines()
    assert [r for r in nu if r not in verwacht] == []
    assert [r for r in verwacht if r not in nu] == []


@pytest.mark.parametrize("klasse", gebeurtenissen.ALLE, ids=lambda k: k.TOPIC)
def test_een_opgeslagen_gebeurtenis_leest_terug_als_dezelfde_klasse_met_dezelfde_velden(klasse: Any) -> None:
    mapper = _mapper()
    e = _gebeurtenis(klasse)
    terug = mapper.to_domain_event(mapper.to_stored_event(e))
    assert type(terug) is klasse
    assert vars(terug) == vars(e)


VERSIE_2 = [k for k in gebeurtenissen.ALLE if getattr(k, "class_version", 1) > 1]


@pytest.mark.parametrize("klasse", VERSIE_2, ids=lambda k: k.TOPIC)
def test_een_gebeurtenis_van_versie_1_leest_met_de_velden_die_haar_upcast_geeft(klasse: Any) -> None:
    assert klasse.class_version == 2
    erbij: dict[str, Any] = {}
    klasse.upcast_v1_v2(erbij)  # the fields version 2 added, with what version 1 meant by their absence
    assert erbij, "een upcast die niets toevoegt"
    mapper = _mapper()
    opgeslagen = mapper.to_stored_event(_gebeurtenis(klasse))
    staat = json.loads(opgeslagen.state)
    assert staat.pop("class_version") == 2
    for naam in erbij:
        del staat[naam]
    oud = dataclasses.replace(opgeslagen, state=keten.kanoniek(staat))
    terug = mapper.to_domain_event(oud)
    assert {naam: getattr(terug, naam) for naam in erbij} == erbij
    assert set(vars(terug)) == {f.name for f in dataclasses.fields(klasse)}


def test_een_contante_opname_van_voor_de_kwitantie_leest_zonder_kwitantie_en_kan_worden_gecorrigeerd() -> None:
    v = Voucher(
        code="V000001-01-7",
        aanvraag=1,
        wijk="NOORD",
        periode=2026,
        waarde=Bedrag.van_centen(100_000),
        uitvoeren_tot=date(2026, 12, 31),
        datum=date(2026, 3, 1),
        gebruiker="regie.noord",
    )
    v.neem_contant_op(Bedrag.van_centen(20_000), Bedrag.van_centen(50_000), date(2026, 3, 2), "kas.beheer")
    mapper = _mapper()
    opgeslagen = mapper.to_stored_event(v.collect_events()[-1])
    staat = json.loads(opgeslagen.state)
    assert staat.pop("kwitantie") is None  # a store from before `contant --kwitantie` has no such key
    oud = mapper.to_domain_event(dataclasses.replace(opgeslagen, state=keten.kanoniek(staat)))
    assert "kwitantie" not in vars(oud) and oud.kwitantie is None
    assert v.corrigeer(oud, 12, "dubbel opgenomen", date(2026, 3, 3), "kas.beheer") == Bedrag.van_centen(20_000)
    (storno,) = v.collect_events()
    assert (storno.soort, storno.leverancier, storno.factuur) == ("contant", None, None)
    assert v.contant == Bedrag.nul()


# Every stored topic: the catalogue's events, the snapshots, and the aggregates their "created" events name.
TOPICS = {k.TOPIC: k for k in (*gebeurtenissen.ALLE, *gebeurtenissen.SNAPSHOTS)} | {
    k.TOPIC.rsplit(".", 1)[0]: None for k in gebeurtenissen.ALLE
}


def test_de_vindplaats_van_elk_topic_is_de_module_van_het_aggregaat_dat_het_registreert() -> None:
    """ledger/vindplaats.py: the mapper imports only the aggregate's module of a topic (issue 13). An event
    class may be written elsewhere (ledger/aanvraag_gebeurtenissen.py); its topic is registered when its
    aggregate's class is made, so the aggregate's module is where the mapper must look."""
    from eventsourcing.utils import resolve_topic

    for topic, klasse in TOPICS.items():
        assert module_van(topic) is not None, f"{topic} staat niet in ledger/vindplaats.py"
        if klasse is not None:
            aggregaat = resolve_topic(topic.rsplit(".", 1)[0])
            assert resolve_topic(topic) is klasse, topic
            assert module_van(topic) == aggregaat.__module__, topic
    assert module_van("voucher.Onbekend.Iets") is None


@pytest.mark.parametrize("module", sorted(set(MODULE_VAN_AGGREGAAT.values())))
def test_een_module_alleen_registreert_de_topics_die_naar_haar_wijzen(module: str) -> None:
    """In a fresh process, importing only the aggregate's module resolves each of its topics (the snapshot's
    too), without the catalogue: what a payment decodes (commands/opslag.py `KetenMapper.klasse`)."""
    topics = sorted(t for t in TOPICS if module_van(t) == module)
    code = (
        "import importlib, sys\n"
        "from eventsourcing.utils import resolve_topic\n"
        f"importlib.import_module({module!r})\n"
        f"for t in {topics!r}:\n"
        "    k = resolve_topic(t)\n"
        "    assert getattr(k, 'TOPIC', None) == t, t\n"
        "assert 'ledger.gebeurtenissen' not in sys.modules\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert uit.returncode == 0, uit.stderr
