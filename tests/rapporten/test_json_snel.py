"""The reports' JSON is written by orjson, byte for byte what the standard library writes (issue 13).

`opmaak.json_tekst` promises the bytes of `json.dumps(model, default=_json_waarde, ensure_ascii=False,
indent=2)`: checked on the models of the demo year (verantwoording, raad, termijnen) and on random trees of
every kind of value a model holds, text of any code point included; what orjson refuses goes the standard
library's way and still gives those bytes.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from commands.opslag import lees_url, open_ledger
from ledger.geld import Bedrag
from ledger.status import Status
from projections.rapporten import raad, termijnen, verantwoording
from projections.rapporten.geschiedenis import vouw
from projections.rapporten.opmaak import _json_waarde, json_tekst


def _standaard(model: Any) -> str:
    return json.dumps(model, default=_json_waarde, ensure_ascii=False, indent=2) + "\n"


def test_de_rapporten_van_het_demojaar_zijn_byte_gelijk(demo_bron: Path):
    app = open_ledger(lees_url(str(demo_bron)))
    try:
        h = vouw(app.genummerd())
    finally:
        app.close()
    modellen = [verantwoording.bouw(h), verantwoording.bouw(h, "NOORD", 2025), raad.bouw(h, None)]
    modellen.append(termijnen.bouw(h, date(2025, 9, 1)))
    for model in modellen:
        assert json_tekst(model) == _standaard(model)
    assert len(json_tekst(modellen[0])) > 100_000  # a real report, not an empty one


_bladeren = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**64 - 1),
    st.text(),  # every code point, control characters and U+2028 included
    st.dates(),
    st.datetimes(timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=2))])),
    st.integers(min_value=-(10**12), max_value=10**12).map(Bedrag.van_centen),
    st.sampled_from(list(Status)),
)
_bomen = st.recursive(
    _bladeren,
    lambda kind: st.one_of(
        st.lists(kind, max_size=4),
        st.tuples(kind, kind),
        st.dictionaries(st.text(max_size=6), kind, max_size=4),
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _bomen, max_size=5))
def test_elke_boom_van_modelwaarden_is_byte_gelijk(model: dict[str, Any]):
    assert json_tekst(model) == _standaard(model)


def test_wat_orjson_weigert_gaat_de_weg_van_de_standaardbibliotheek():
    for model in ({"groot": 2**70}, {"surrogaat": "a\ud800b"}, {"sleutels": {1: "een", None: "niets"}}):
        assert json_tekst(model) == _standaard(model)
    assert json_tekst({"d": datetime(2026, 1, 2, 3, 4, 5, 6)}) == '{\n  "d": "2026-01-02T03:04:05.000006"\n}\n'
