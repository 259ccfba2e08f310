"""Verzending en bezwaar op de aggregaten zelf (ledger/bezwaar.py), zonder opslag.

Elke weigering met de melding en het artikel; elke handeling met de gebeurtenis die ze vastlegt
(wat, wie, wanneer, namens wie); elke grens met de dag die mag en de dag die niet mag.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from ledger.bezwaar import Bezwaar, Verzending, bezwaar_id, verzending_id
from ledger.fouten import OngeldigeInvoer, OngeldigeToestand, RegelOvertreden
from ledger.namens import mandaat

D = date
COLLEGE = mandaat("college", None)
NOORD = mandaat("regiegroep", "NOORD")
ZUID = mandaat("regiegroep", "ZUID")


def weigert(fout: type[Exception], handeling: Callable[[], Any]) -> Any:
    with pytest.raises(fout) as info:
        handeling()
    assert type(info.value) is fout
    return info.value


def test_de_ids_van_verzending_en_bezwaar_veranderen_nooit():
    # stored in every store: a different id would lose the letters and bezwaren already recorded
    assert verzending_id(5) == UUID("673cf493-55dc-557a-8b0b-2f6889233f9f")
    assert bezwaar_id(3) == UUID("e9549744-525e-56fc-ab5d-0d6b896f9eb6")
    assert Verzending.create_id(gebeurtenis=5, aanvraag=1) == verzending_id(5)
    assert Bezwaar.create_id(nummer=3, aanvraag=1) == bezwaar_id(3)


# --- verzending (Awb 3:41, 6:8) ---------------------------------------------------------------------------
def _verzend(datum: date = D(2026, 3, 2), weken: int = 6, besluitdatum: date = D(2026, 3, 2)) -> Verzending:
    return Verzending.verzend(12, 1, None, "geweigerd", besluitdatum, weken, datum, "regie.noord")


def test_verzenden_op_de_dag_van_het_besluit_legt_de_brief_en_de_laatste_dag_vast():
    v = _verzend(weken=4)
    [g] = v.collect_events()
    assert type(g).__name__ == "Verzonden" and g.originator_id == verzending_id(12)
    assert (g.gebeurtenis, g.aanvraag, g.bezwaar, g.soort, g.besluitdatum) == (12, 1, None, "geweigerd", D(2026, 3, 2))
    assert (g.laatste_dag, g.datum, g.gebruiker) == (D(2026, 3, 30), D(2026, 3, 2), "regie.noord")
    assert (v.gebeurtenis, v.aanvraag, v.bezwaar, v.soort, v.besluitdatum) == (12, 1, None, "geweigerd", D(2026, 3, 2))
    assert (v.laatste_dag, v.datum, v.gebruiker) == (D(2026, 3, 30), D(2026, 3, 2), "regie.noord")


def test_een_brief_een_dag_voor_het_besluit_wordt_geweigerd_met_beide_data():
    fout = weigert(OngeldigeInvoer, lambda: _verzend(datum=D(2026, 3, 1)))
    assert fout.melding == "de verzending (1 maart 2026) ligt voor het besluit (2 maart 2026)"


def test_opnieuw_verzenden_op_dezelfde_dag_mag_en_op_een_andere_dag_niet():
    v = _verzend()
    v.eis_zelfde_datum(D(2026, 3, 2))
    fout = weigert(OngeldigeToestand, lambda: v.eis_zelfde_datum(D(2026, 3, 3)))
    assert fout.melding == (
        "besluit #12 is al verzonden op 2 maart 2026; de bezwaartermijn loopt vanaf de dag daarna "
        "(tot en met 13 april 2026)"
    )
    assert fout.artikel == "Awb 6:8" and fout.gegevens == {"verzonden": D(2026, 3, 2)}


# --- bezwaar indienen (Awb 6:4-6:11) -----------------------------------------------------------------------
def _dien_in(
    ontvangen: date = D(2026, 3, 10),
    *,
    soort: str = "geweigerd",
    verzonden: date | None = D(2026, 3, 2),
    laatste_dag: date | None = D(2026, 4, 13),
    omschrijving: str = "  het is wel haalbaar ",
    verschoonbaar: str | None = None,
    datum: date | None = None,
    m: dict[str, Any] = COLLEGE,
) -> Bezwaar:
    return Bezwaar.dien_in(
        3,
        1,
        "NOORD",
        12,
        soort,
        D(2026, 3, 2),
        verzonden,
        laatste_dag,
        ontvangen,
        omschrijving,
        verschoonbaar,
        datum or ontvangen,
        "regie.noord",
        mandaat=m,
    )


def test_indienen_legt_het_bezwaar_met_termijnen_en_wie_vast():
    b = _dien_in(datum=D(2026, 3, 11), m=NOORD)
    [g] = b.collect_events()
    assert type(g).__name__ == "Ingediend" and g.originator_id == bezwaar_id(3)
    assert (g.nummer, g.aanvraag, g.wijk, g.besluit, g.soort, g.besluitdatum) == (
        3,
        1,
        "NOORD",
        12,
        "geweigerd",
        D(2026, 3, 2),
    )
    assert (g.verzonden, g.laatste_dag, g.ontvangen, g.omschrijving) == (
        D(2026, 3, 2),
        D(2026, 4, 13),
        D(2026, 3, 10),
        "het is wel haalbaar",
    )
    assert (g.tijdig, g.verschoonbaar, g.beslissen_voor) == (True, None, D(2026, 5, 26))
    assert (g.datum, g.gebruiker, g.namens, g.mandaat) == (D(2026, 3, 11), "regie.noord", "college", NOORD)
    assert (b.nummer, b.aanvraag, b.wijk, b.besluit, b.soort, b.besluitdatum) == (
        3,
        1,
        "NOORD",
        12,
        "geweigerd",
        D(2026, 3, 2),
    )
    assert (b.verzonden, b.laatste_dag, b.ontvangen, b.omschrijving, b.tijdig, b.verschoonbaar) == (
        D(2026, 3, 2),
        D(2026, 4, 13),
        D(2026, 3, 10),
        "het is wel haalbaar",
        True,
        None,
    )
    assert (b.beslissen_voor, b.ingediend_op, b.beslissing) == (D(2026, 5, 26), D(2026, 3, 11), None)
    assert b.ontvankelijk_mogelijk is True


def test_indienen_onder_het_mandaat_van_een_andere_wijk_wordt_geweigerd():
    weigert(OngeldigeInvoer, lambda: _dien_in(m=ZUID))


def test_tegen_een_beslissing_op_bezwaar_staat_beroep_open():
    fout = weigert(RegelOvertreden, lambda: _dien_in(soort="beslissing op bezwaar"))
    assert fout.melding == "tegen een beslissing op bezwaar staat geen bezwaar open maar beroep bij de rechtbank"
    assert fout.artikel == "Awb 7:1 lid 1, 8:1"


def test_een_bezwaar_zonder_omschrijving_wordt_geweigerd():
    fout = weigert(OngeldigeInvoer, lambda: _dien_in(omschrijving="  "))
    assert fout.melding == "omschrijf het bezwaar en zijn gronden met --omschrijving (Awb 6:5 lid 1 onder d)"


def test_ontvangen_op_de_dag_van_het_besluit_mag_een_dag_eerder_niet():
    fout = weigert(OngeldigeInvoer, lambda: _dien_in(D(2026, 3, 1)))
    assert fout.melding == (
        "het bezwaarschrift (1 maart 2026) is ontvangen voor het besluit waartegen het zich richt (2 maart 2026)"
    )
    assert _dien_in(D(2026, 3, 2)).ontvangen == D(2026, 3, 2)


def test_ontvangen_op_de_dag_van_registratie_mag_een_dag_erna_niet():
    fout = weigert(OngeldigeInvoer, lambda: _dien_in(D(2026, 3, 11), datum=D(2026, 3, 10)))
    assert fout.melding == "--ontvangen ligt na de datum van registratie (--datum)"
    assert _dien_in(D(2026, 3, 10), datum=D(2026, 3, 10)).ingediend_op == D(2026, 3, 10)


def test_verschoonbaar_alleen_na_de_termijn_en_een_lege_reden_is_geen_reden():
    fout = weigert(OngeldigeInvoer, lambda: _dien_in(D(2026, 4, 13), verschoonbaar="toch"))
    assert fout.melding == "het bezwaar is op tijd: --verschoonbaar is alleen voor een bezwaar na de termijn (Awb 6:11)"
    assert _dien_in(D(2026, 4, 13), verschoonbaar="   ").verschoonbaar is None
    laat = _dien_in(D(2026, 4, 14), verschoonbaar="  postfout ")
    assert (laat.tijdig, laat.verschoonbaar, laat.ontvankelijk_mogelijk) == (False, "postfout", True)
    assert laat.beslissen_voor == D(2026, 5, 26)
    te_laat = _dien_in(D(2026, 4, 14), verschoonbaar="  ")
    assert (te_laat.tijdig, te_laat.verschoonbaar, te_laat.ontvankelijk_mogelijk) == (False, None, False)


def test_tegen_een_niet_verzonden_besluit_is_het_bezwaar_tijdig():
    b = _dien_in(D(2026, 9, 1), verzonden=None, laatste_dag=None)
    assert (b.tijdig, b.laatste_dag, b.beslissen_voor) == (True, None, D(2026, 10, 13))


# --- beslissen op bezwaar (Awb 6:9, 6:11, 7:11, 7:12) ------------------------------------------------------
def _ingediend(ontvangen: date = D(2026, 3, 10), **anders: Any) -> Bezwaar:
    b = _dien_in(ontvangen, **anders)
    b.collect_events()
    return b


def test_beslissen_legt_uitkomst_motivering_wie_wanneer_en_namens_wie_vast():
    b = _ingediend()
    assert b.beslis("gegrond", "  na hoorzitting ", D(2026, 3, 10), "college.wethouder", mandaat=COLLEGE) is True
    [g] = b.collect_events()
    assert type(g).__name__ == "Beslist"
    assert (g.uitkomst, g.motivering, g.datum, g.gebruiker, g.namens, g.mandaat) == (
        "gegrond",
        "na hoorzitting",
        D(2026, 3, 10),
        "college.wethouder",
        "college",
        COLLEGE,
    )
    assert b.beslissing == {
        "uitkomst": "gegrond",
        "motivering": "na hoorzitting",
        "datum": D(2026, 3, 10),
        "door": "college.wethouder",
    }


def test_beslissen_onder_het_mandaat_van_een_andere_wijk_wordt_geweigerd():
    b = _ingediend()
    weigert(OngeldigeInvoer, lambda: b.beslis("ongegrond", "x", D(2026, 4, 1), "u", mandaat=ZUID))
    assert b.collect_events() == []
    b.beslis("ongegrond", "x", D(2026, 4, 1), "u", mandaat=NOORD)  # the mandate for the bezwaar's own wijk
    [g] = b.collect_events()
    assert g.mandaat == NOORD


def test_een_onbekende_uitkomst_wordt_geweigerd():
    b = _ingediend()
    fout = weigert(OngeldigeInvoer, lambda: b.beslis("half", "x", D(2026, 4, 1), "u", mandaat=COLLEGE))
    assert fout.melding == "--uitkomst is gegrond, ongegrond of niet-ontvankelijk (Awb 7:11, 6:9)"


def test_een_beslissing_zonder_motivering_wordt_geweigerd():
    b = _ingediend()
    fout = weigert(OngeldigeInvoer, lambda: b.beslis("ongegrond", " ", D(2026, 4, 1), "u", mandaat=COLLEGE))
    assert fout.melding == "een beslissing op bezwaar wordt gemotiveerd: geef --motivering (Awb 7:12)"


def test_de_beslissing_een_dag_voor_de_ontvangst_wordt_geweigerd():
    b = _ingediend()
    fout = weigert(OngeldigeInvoer, lambda: b.beslis("ongegrond", "x", D(2026, 3, 9), "u", mandaat=COLLEGE))
    assert fout.melding == "de beslissing ligt voor de ontvangst van het bezwaarschrift (10 maart 2026)"


def test_een_herhaling_schrijft_niets_en_een_andere_beslissing_wordt_geweigerd():
    b = _ingediend()
    b.beslis("ongegrond", "na hoorzitting", D(2026, 4, 1), "u", mandaat=COLLEGE)
    b.collect_events()
    assert b.beslis("ongegrond", " na hoorzitting  ", D(2026, 4, 2), "v", mandaat=COLLEGE) is False
    assert b.collect_events() == []
    for uitkomst, motivering in (("gegrond", "na hoorzitting"), ("ongegrond", "anders")):
        fout = weigert(OngeldigeToestand, lambda: b.beslis(uitkomst, motivering, D(2026, 4, 2), "v", mandaat=COLLEGE))
        assert fout.melding == (
            "op bezwaar 3 is al beslist op 1 april 2026: ongegrond; daartegen staat beroep open bij de rechtbank"
        )
        assert fout.artikel == "Awb 7:11, 8:1" and fout.gegevens == {"bezwaar": 3}


def test_een_te_laat_bezwaar_is_alleen_niet_ontvankelijk():
    b = _ingediend(D(2026, 4, 14))
    for uitkomst in ("gegrond", "ongegrond"):
        fout = weigert(RegelOvertreden, lambda: b.beslis(uitkomst, "x", D(2026, 5, 1), "u", mandaat=COLLEGE))
        assert fout.melding == (
            "bezwaar 3 is ontvangen op 14 april 2026, na de bezwaartermijn (tot en met 13 april 2026), en niet als "
            "verschoonbaar geregistreerd: het kan alleen niet-ontvankelijk worden verklaard"
        )
        assert fout.artikel == "Awb 6:9, 6:11" and fout.gegevens == {"bezwaar": 3}
    assert b.beslis("niet-ontvankelijk", "te laat", D(2026, 5, 1), "u", mandaat=COLLEGE) is True


def test_een_verschoonbaar_te_laat_bezwaar_kan_gegrond_zijn():
    b = _ingediend(D(2026, 4, 14), verschoonbaar="postfout")
    assert b.beslis("gegrond", "x", D(2026, 5, 1), "u", mandaat=COLLEGE) is True
