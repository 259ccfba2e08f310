"""`Dienst.gemeente()` loads as `Dienst.laad` does: a copy by default, so that an act that changes the
gemeente and is then refused leaves the cached gemeente untouched (issue 16); `wijzigen=False` reads
the cached one itself, for the many acts that only check a mandate."""

from __future__ import annotations

from datetime import date

from wereld import COLLEGE, Wereld, open_store

from ledger import ids
from ledger.gemeente import Gemeente


def test_een_gewijzigde_gemeente_raakt_de_bewaarde_niet(tmp_path):
    w = Wereld.ingericht(open_store(str(tmp_path / "vouchers.db")))
    dienst = w.college
    g = dienst.gemeente()
    g.geef_mandaat("piet", "kasbeheerder", None, date(2026, 1, 2), COLLEGE)  # an act that is never saved
    assert g.heeft_mandaat("piet", "kasbeheerder", None, date(2026, 1, 2))
    for opnieuw in (dienst.gemeente(), dienst.gemeente(wijzigen=False), dienst.laad(Gemeente, ids.gemeente_id())):
        assert opnieuw is not None and not opnieuw.heeft_mandaat("piet", "kasbeheerder", None, date(2026, 1, 2))


def test_alleen_lezen_deelt_de_gemeente_uit_de_cache(tmp_path):
    dienst = Wereld.ingericht(open_store(str(tmp_path / "vouchers.db"))).college
    assert dienst.gemeente(wijzigen=False) is dienst.gemeente(wijzigen=False)  # no copy where nothing changes
    assert dienst.gemeente() is not dienst.gemeente(wijzigen=False)
