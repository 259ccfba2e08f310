"""The charts' colours and widths (projections/rapporten/grafiek.py), held to WCAG with its own formula."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from ledger.geld import Bedrag
from projections.rapporten import grafiek, raad
from projections.rapporten.grafiek import RAND, VULLING, WIT


def luminantie(kleur: str) -> float:
    """WCAG 2.1 relative luminance of `#rrggbb`."""
    kanalen = [int(kleur[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lineair = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
    return 0.2126 * lineair[0] + 0.7152 * lineair[1] + 0.0722 * lineair[2]


def contrast(a: str, b: str) -> float:
    licht, donker = sorted((luminantie(a), luminantie(b)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


def test_de_formule_is_die_van_wcag():
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


def test_elke_reeks_valt_op_tegen_wit_en_tegen_haar_buren():
    """WCAG 1.4.11: segments are separated by a white gap, so every fill needs 3:1 against white; the
    remainder (niet toegekend) is white inside an outline of 3:1. Solid neighbours also differ 3:1 between
    them; a patterned one differs from every neighbour by its pattern and by a stripe of 3:1."""
    assert contrast(RAND, WIT) >= 3
    for reeks, (css, kleuren) in VULLING.items():
        assert set(re.findall(r"#[0-9a-f]{6}", css)) == set(kleuren), reeks  # the colours it is drawn in
        if reeks != "niet_toegekend":
            assert max(contrast(k, WIT) for k in kleuren) >= 3, reeks
    volgorde = [k for k, _ in raad.DELEN]
    for a, b in pairwise(volgorde):
        (_, ka), (_, kb) = VULLING[a], VULLING[b]
        if len(ka) == len(kb) == 1 and WIT not in ka + kb:
            assert contrast(ka[0], kb[0]) >= 3, (a, b)
        else:  # at least one is a pattern (or the outlined remainder): some stripe stands out 3:1
            assert max(contrast(x, y) for x in ka for y in kb) >= 3, (a, b)
    # No two series look alike: a different fill everywhere.
    assert len({css for css, _ in VULLING.values()}) == len(VULLING)


def test_breedtes_komen_uit_centen_zonder_float_en_tellen_niet_boven_het_geheel():
    assert grafiek.procent(1, 3) == "33.33%" and grafiek.procent(0, 0) == "0.00%"
    stukken = [("verzilverd", Bedrag.van_centen(33_333)), ("contant", Bedrag.van_centen(66_667))]
    html = grafiek.delen(stukken, Bedrag.van_centen(100_000))
    breedtes = [int(x.replace(".", "")) for x in re.findall(r"width:([\d.]+)%", html)]
    assert breedtes == [3333, 6666] and sum(breedtes) <= 10_000
    assert "niet_toegekend" not in grafiek.delen([("niet_toegekend", Bedrag.nul())], Bedrag.van_centen(1))


def _wijk(**bedragen: str) -> dict:
    w = {k: Bedrag.parse(v) if v != "0" else Bedrag.nul() for k, v in bedragen.items()}
    w["toegekend"] = w["verzilverd"] + w["contant"] + w["vervallen"] + w["uitstaand"]
    w["beschikbaar"] = w["plafond"] - w["toegekend"] + w["vervallen"] + w["terugontvangen"]
    return w


@pytest.mark.parametrize(
    "w",
    [
        # value released by an intrekking and granted again: toegekend is above the plafond
        _wijk(plafond="57.000", verzilverd="40.486,31", contant="2.772,56", vervallen="17.600,70",
              uitstaand="13.640,43", terugontvangen="296,20"),
        # paid back more than the invoices: the rest comes off the cash
        _wijk(plafond="1.000", verzilverd="100", contant="300", vervallen="0", uitstaand="0",
              terugontvangen="150"),
        # the plain year: closed without withdrawals
        _wijk(plafond="1.000", verzilverd="500", contant="100", vervallen="150", uitstaand="0",
              terugontvangen="0"),
    ],
    ids=["opnieuw-toegekend", "terugbetaald", "gewoon"],
)  # fmt: skip
def test_de_delen_van_de_balk_zijn_nooit_negatief_en_tellen_op_tot_het_plafond(w):
    stukken = dict(raad._stukken(w))
    assert all(b.centen >= 0 for b in stukken.values()), stukken
    assert sum((b for b in stukken.values()), Bedrag.nul()) == w["plafond"]


def test_zonder_intrekking_of_terugbetaling_is_de_balk_de_gewone_verdeling_van_het_plafond():
    w = _wijk(plafond="1.000", verzilverd="500", contant="100", vervallen="150", uitstaand="0", terugontvangen="0")
    stukken = dict(raad._stukken(w))
    assert stukken["vervallen"] == Bedrag.parse("150") and stukken["niet_toegekend"] == w["plafond"] - w["toegekend"]
