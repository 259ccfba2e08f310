"""The fast read of up-to-date SQLite views answers exactly as the full path, and only then."""

from __future__ import annotations

from pathlib import Path

from wereld import Wereld, open_store

from commands.leesmodellen import Leesdienst
from projections.snel import lees_als_bij


def test_bijgewerkte_leesmodellen_worden_zonder_gebeurtenisopslag_gelezen_en_achterstand_valt_terug(tmp_path):
    pad = tmp_path / "vouchers.db"
    w = Wereld.ingericht(open_store(str(pad)), budget="20.000")
    code = w.voucher("1.234,56")
    assert lees_als_bij(pad, lambda m: m.saldo_rijen()) is None  # the views are behind: full path needed

    volledig = [s.als_dict() for s in Leesdienst(w.app).saldi()]  # catches up
    snel = lees_als_bij(pad, lambda m: m.saldo_rijen())
    assert snel is not None
    assert [r.als_saldo().als_dict() for r in snel] == volledig

    w.contant(code, "10")  # a new event: the fast path must not answer from stale views
    assert lees_als_bij(pad, lambda m: m.saldo_rijen()) is None


def test_geen_bestand_of_geen_leesmodellen_geeft_geen_snel_antwoord(tmp_path):
    assert lees_als_bij(tmp_path / "bestaat-niet.db", lambda m: m.saldo_rijen()) is None
    pad = tmp_path / "leeg.db"
    Wereld.ingericht(open_store(str(pad)))
    assert lees_als_bij(pad, lambda m: m.saldo_rijen()) is None  # events, but no views yet
    leeg = Path(tmp_path / "geen-sqlite.db")
    leeg.write_text("geen database", encoding="utf-8")
    assert lees_als_bij(leeg, lambda m: m.saldo_rijen()) is None
