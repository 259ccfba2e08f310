"""`Dienst.gemeente()` loads as `Dienst.laad` does: a copy by default, so that an act that changes the
gemeente and is then refused leaves the cached gemeente untouched (issue 16); `wijzigen=False` reads
the cached one itself, for the many acts that only check a mandate, and `voer_uit` refuses an act
that changes what it loaded so (commands/kern.py)."""

from __future__ import annotations

from datetime import date

import pytest
from wereld import COLLEGE, Wereld, open_store

from commands.kern import GedeeldeKopieGewijzigd
from ledger import ids
from ledger.fouten import RegelOvertreden
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


def _aantal(dienst) -> int:
    return sum(1 for _ in dienst.app.genummerd())


def test_een_handeling_die_de_gedeelde_gemeente_wijzigt_wordt_geweigerd_en_de_cache_blijft_schoon(tmp_path):
    """Issue 16: an act that changes the gemeente never gets the shared copy. One that loads it with
    `wijzigen=False` and changes it anyway is refused before anything is written, and the change
    leaves the cache with it: the next read loads the gemeente as stored."""
    dienst = Wereld.ingericht(open_store(str(tmp_path / "vouchers.db"))).college
    voor = _aantal(dienst)

    def beslis():
        g = dienst.gemeente(wijzigen=False)
        g.geef_mandaat("piet", "kasbeheerder", None, date(2026, 1, 2), COLLEGE)
        return [g], None

    with pytest.raises(GedeeldeKopieGewijzigd, match="Gemeente"):
        dienst.voer_uit(beslis)
    assert _aantal(dienst) == voor
    assert not dienst.gemeente(wijzigen=False).heeft_mandaat("piet", "kasbeheerder", None, date(2026, 1, 2))


def test_ook_een_geweigerde_handeling_op_de_gedeelde_gemeente_laat_de_cache_schoon(tmp_path):
    dienst = Wereld.ingericht(open_store(str(tmp_path / "vouchers.db"))).college

    def beslis():
        g = dienst.gemeente(wijzigen=False)
        g.geef_mandaat("piet", "kasbeheerder", None, date(2026, 1, 2), COLLEGE)
        raise RegelOvertreden("geweigerd na de wijziging", artikel="art. 2")

    with pytest.raises(GedeeldeKopieGewijzigd):
        dienst.voer_uit(beslis)
    assert not dienst.gemeente(wijzigen=False).heeft_mandaat("piet", "kasbeheerder", None, date(2026, 1, 2))


def test_een_handeling_op_een_kopie_van_de_gemeente_wordt_bewaard(tmp_path):
    dienst = Wereld.ingericht(open_store(str(tmp_path / "vouchers.db"))).college
    voor = _aantal(dienst)

    def beslis():
        g = dienst.gemeente()  # the default: a copy, for an act that changes the gemeente
        g.geef_mandaat("piet", "kasbeheerder", None, date(2026, 1, 2), COLLEGE)
        return [g], None

    dienst.voer_uit(beslis)
    assert _aantal(dienst) == voor + 1
    assert dienst.gemeente(wijzigen=False).heeft_mandaat("piet", "kasbeheerder", None, date(2026, 1, 2))


def test_alleen_lezen_van_de_gedeelde_gemeente_in_een_handeling_mag(tmp_path):
    """The many acts that only check a mandate keep the cheap shared copy."""
    w = Wereld.ingericht(open_store(str(tmp_path / "vouchers.db")))
    dienst = w.college

    def beslis():
        g = dienst.gemeente(wijzigen=False)
        return [], g.heeft_mandaat(COLLEGE, "college", None, date(2026, 1, 2))

    assert dienst.voer_uit(beslis) is True
