"""A report or saldo of one wijk and one year reads only that wijk and year, and is the same, on SQLite and PostgreSQL.

The selection index (commands/selectie.py) is written with the events. For every wijk and year of
the demo (two budget years), with and without --tot, --per and --bekend-op:
- the verantwoording in every format (tekst, csv, json, html, with its ketenkop) folded from the
  selection is byte for byte the one folded from the whole log;
- `saldo --wijk --periode --per` (Leesdienst, what the command line calls) gives the same rows
  and the same log head as the fold of the whole log;
- the index written while saving is the index derived from the log alone, and no stream has
  rows of two wijken or years (a stream that changes wijk cannot exist: its wijk and year are
  fixed by the act that creates it);
- a store without the index (an older store) is completed from the log at first use; where
  that is not possible (PostgreSQL without the table) the report reads the whole log.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from eventsourcing.utils import get_topic
from wereld import open_store

from commands import selectie
from commands.demo import COLLEGE, vul
from commands.dienst import Dienst
from commands.geschiedenis import lees_geschiedenis
from commands.leesmodellen import Leesdienst
from ledger import gebeurtenissen as g
from ledger.fouten import NietGevonden
from ledger.keten import GENESIS
from projections.rapporten import handelingen
from projections.rapporten import verantwoording as v
from projections.rapporten.geschiedenis import _VERWERKING, vouw
from projections.rapporten.opmaak import json_tekst
from projections.vouwen import verwerking, voor_saldo

STANDEN = (  # (--tot or --per, --bekend-op)
    (None, None),
    (date(2025, 3, 31), None),
    (date(2025, 9, 15), None),
    (date(2026, 6, 30), None),
    (date(2020, 1, 1), None),  # before everything: nothing counts
    (None, date(2025, 6, 30)),
    (date(2025, 9, 15), date(2026, 1, 15)),
    (date(2026, 6, 30), date(2025, 6, 30)),
)


def _rijen(app: Any) -> list[tuple[Any, ...]]:
    tabel = selectie.TABEL
    with app.recorder.datastore.transaction(commit=False) as c:
        c.execute(f"SELECT * FROM {tabel} ORDER BY notification_id")
        return [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in c.fetchall()]


def _wis_index(app: Any) -> None:
    with app.recorder.datastore.transaction(commit=True) as c:
        c.execute(f"DROP TABLE {selectie.TABEL}")


def _verantwoording(app: Any, dienst: Dienst, wijk: str, periode: int, tot: Any, bekend_op: Any, via: bool) -> Any:
    keuze = selectie.Selectie(wijk, periode, bekend_op) if via else None
    h = lees_geschiedenis(dienst, lambda genummerd: vouw(genummerd, tot, bekend_op), keuze)
    if not h.wijk_lijst(wijk, periode):
        return ("niet gevonden", h.stand, h.laatste, h.meegeteld, h.gelezen)
    namen = dienst.aanvragers((wijk, periode) if via else None)  # names only of the aanvragen it shows
    model = v.bouw(h, wijk, periode, aanvragers=namen)
    positie, kop = app.logkop(h.kop_positie)
    model = model | {"ketenkop": {"positie": positie, "hash": kop}}
    return (v.tekst(model), handelingen.csv(model), json_tekst(model), v.html(model))


def _saldo(app: Any, wijk: str, periode: int, per: Any, bekend_op: Any, via: bool, monkeypatch: Any) -> Any:
    with monkeypatch.context() as m:
        if not via:
            m.setattr(selectie, "bruikbaar", lambda _app: None)
        try:
            return Leesdienst(app).saldi_met_kop(wijk, periode, per, bekend_op)
        except NietGevonden as e:
            return str(e)


@pytest.fixture
def demo(store_url):
    app = open_store(store_url)
    vul(app, omvang=1, zaad=11, jaren=2)
    return app


def test_een_wijk_en_jaar_uit_de_index_is_byte_voor_byte_het_rapport_van_het_hele_log(demo, monkeypatch):
    app = demo
    dienst = Dienst(app, COLLEGE)
    assert selectie.volledig(app)
    sleutels = sorted({(w, p) for _, _, w, p, _, _ in _rijen(app) if w not in (selectie.GEMEENTE, selectie.GEEN)})
    assert len(sleutels) >= 5 and len({p for _, p in sleutels}) == 2, sleutels
    gelezen: list[int] = []
    echt = app.genummerd

    def tel(*args: Any, **kwargs: Any) -> Any:
        for n, e in echt(*args, **kwargs):
            gelezen.append(n)
            yield n, e

    monkeypatch.setattr(app, "genummerd", tel)
    for wijk, periode in [*sleutels, ("NOORD", 2030), ("NERGENS", 2025)]:
        for tot, bekend_op in STANDEN:
            gelezen.clear()
            met = _verantwoording(app, dienst, wijk, periode, tot, bekend_op, via=True)
            selectief = len(gelezen)
            zonder = _verantwoording(app, dienst, wijk, periode, tot, bekend_op, via=False)
            assert met == zonder, (wijk, periode, tot, bekend_op)
            assert selectief < len(gelezen) / 2  # it read its wijk, year and gemeente, not the log
            if tot is not None and tot.year >= 2025:  # saldo --per: with and without the index
                met_index = _saldo(app, wijk, periode, tot, bekend_op, True, monkeypatch)
                assert met_index == _saldo(app, wijk, periode, tot, bekend_op, False, monkeypatch), (wijk, tot)


def test_saldo_per_over_het_hele_log_decodeert_alleen_wat_het_saldo_gebruikt_en_geeft_hetzelfde(demo, monkeypatch):
    """`saldo --per D` without --wijk/--periode: only the kinds the saldo rows depend on are decoded (not the ones
    that change only the aanvragen register, nor those no fold uses); the log head's business dates come from
    the index; rows and head are those of the fold that decodes every event."""
    app = demo
    # claims and receipts read the register rows (wijk, year) that Ingediend makes: they are in the demo
    soorten = {type(e) for _, e in app.genummerd()}
    assert {g.AanvraagVastgesteld, g.AanvraagTerugbetalingOntvangen, g.AanvraagToegekend} <= soorten
    assert g.AanvraagToegekend not in voor_saldo() and g.AanvraagIngediend in voor_saldo()
    gedecodeerd: list[Any] = []
    echt = app.mapper.gebeurtenis

    def tel(*args: Any, **kwargs: Any) -> Any:
        e = echt(*args, **kwargs)
        gedecodeerd.append(type(e))
        return e

    monkeypatch.setattr(app.mapper, "gebeurtenis", tel)
    laatste_dag = max(date.fromisoformat(r[4]) for r in _rijen(app) if r[4] is not None)
    dagen = [date(2020, 1, 1), date(2025, 1, 2), date(2025, 3, 31), date(2025, 9, 15), date(2026, 6, 30)]
    for per in [*dagen, laatste_dag - timedelta(days=1), laatste_dag, date(2030, 1, 1)]:
        gedecodeerd.clear()
        met_index = _saldo(app, None, None, per, None, True, monkeypatch)  # type: ignore[arg-type]
        met = list(gedecodeerd)
        gedecodeerd.clear()
        zonder = _saldo(app, None, None, per, None, False, monkeypatch)  # type: ignore[arg-type]
        assert met_index == zonder, per
        assert set(met) <= voor_saldo(), per  # only what the saldo rows depend on was decoded
        assert len(met) < len(gedecodeerd), per  # and less than every event
    # the same head on a day between two events' dates, and on a day before all of them
    assert _saldo(app, None, None, date(2020, 1, 1), None, True, monkeypatch)[1] == (0, GENESIS)  # type: ignore[arg-type]


def test_de_index_bij_het_schrijven_is_de_index_uit_het_log_en_geen_stroom_wisselt_van_wijk(demo):
    app = demo
    live = _rijen(app)
    assert len(live) == len(list(app.genummerd())) > 1000
    per_stroom: dict[Any, set[tuple[str, int]]] = {}
    for _n, stroom, wijk, periode, _d, _t in live:
        per_stroom.setdefault(stroom, set()).add((wijk, periode))
    assert all(len(s) == 1 for s in per_stroom.values())
    _wis_index(app)
    assert selectie.volledig(app) is None
    if selectie.is_postgres(app.recorder):
        selectie.maak_tabel(app)  # on PostgreSQL the owner makes it (`voucher init`)
    assert selectie.vul_aan(app) and _rijen(app) == live


def test_een_opslag_zonder_index_wordt_aangevuld_of_leest_het_hele_log(demo):
    app = demo
    dienst = Dienst(app, COLLEGE)
    zonder = _verantwoording(app, dienst, "NOORD", 2025, None, None, via=False)
    _wis_index(app)
    postgres = selectie.is_postgres(app.recorder)
    assert _verantwoording(app, dienst, "NOORD", 2025, None, None, via=True) == zonder
    # SQLite: completed from the log at first use; PostgreSQL: only the owner makes the table (voucher init).
    assert (selectie.volledig(app) is not None) is not postgres
    # Events written by a program that did not know the index (rows missing in the middle): completed again.
    if not postgres:
        with app.recorder.datastore.transaction(commit=True) as c:
            c.execute(f"DELETE FROM {selectie.TABEL} WHERE notification_id % 7 = 3")
        assert selectie.volledig(app) is None
        assert _verantwoording(app, dienst, "NOORD", 2025, None, None, via=True) == zonder
        assert selectie.volledig(app) == len(list(app.genummerd()))


def test_wat_geen_wijk_heeft_leest_geen_vouw():
    """Factuur and Verzoek streams are in no selection: neither fold may use their events (else they would
    be missing from a report of one wijk). Everything else a fold uses is of a stream with a wijk or of
    the gemeente."""
    geen = {k for k in g.ALLE if get_topic(k).split(".")[1] in ("Factuur", "Verzoek")}
    assert geen, "Factuur- en Verzoekgebeurtenissen in de catalogus"
    assert not geen & set(_VERWERKING) and not geen & set(verwerking())
    bekend = {"Gemeente", "Wijk", "Aanvraag", "Voucher", "Verzending", "Bezwaar", "Factuur", "Verzoek"}
    assert {get_topic(k).split(".")[1] for k in g.ALLE} <= bekend


def test_de_selectie_van_een_rapport_vraagt_wijk_en_jaar_en_een_geldige_code():
    from commands.geschiedenis import selectie_van

    assert selectie_van("noord", 2025, date(2025, 6, 30)) == selectie.Selectie("NOORD", 2025, date(2025, 6, 30))
    # Without both, or with a code that is none: the whole log, and the report says what is wrong as before.
    assert selectie_van("NOORD", None) is None and selectie_van(None, 2025) is None
    assert selectie_van("no ord!", 2025) is None


def test_de_ketenkop_vanaf_een_genoteerde_kop_is_die_van_het_hele_log(demo, monkeypatch):
    from ledger.keten import GENESIS

    app = demo
    laatste = app.logkop()[0]
    posities = [0, 1, 999, 1000, 1001, laatste // 2, laatste - 1, laatste, None]
    with monkeypatch.context() as m:  # the reference: every head from the start of the log, nothing noted
        m.setattr(selectie, "koppunt", lambda _app, _tot: (0, GENESIS))
        m.setattr(selectie, "noteer_koppunt", lambda *_: None)
        verwacht = [app.logkop(p) for p in posities]
    with app.recorder.datastore.transaction(commit=True) as c:
        c.execute(f"DELETE FROM {selectie.KOPPEN}")
    assert [app.logkop(p) for p in posities] == verwacht  # walking far notes heads on the way
    genoteerd = _koppen(app)
    assert genoteerd and all(p >= selectie.NOTEER_NA for p, _ in genoteerd)
    assert [app.logkop(p) for p in reversed(posities)] == list(reversed(verwacht))  # from the notes
    assert selectie.koppunt(app, laatste // 2 + 1)[0] <= laatste // 2 + 1


def _koppen(app: Any) -> list[tuple[int, str]]:
    with app.recorder.datastore.transaction(commit=False) as c:
        c.execute(f"SELECT positie, kop FROM {selectie.KOPPEN} ORDER BY positie")
        return [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in c.fetchall()]
