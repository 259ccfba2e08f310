"""Wat een aanvraag moet bevatten (art. 4 lid 2, ledger/begrippen.py), ook na een aanvulling.

De leesmodellen en rapporten houden bij wat er is zonder het aggregaat: zij vouwen aanvullingen
over wat er al was. Een gegeven dat een aanvulling leeg maakt, ontbreekt daarna weer; een
gegeven dat de aanvulling niet noemt, blijft wat het was.
"""

from __future__ import annotations

from ledger.begrippen import VEREISTEN, aanwezig_na, aanwezig_volgens, is_aanwezig, ontbreekt

ALLES = set(VEREISTEN)


def test_een_gegeven_is_er_als_het_gegeven_en_niet_leeg_is_en_de_handtekening_als_er_getekend_is() -> None:
    for veld in VEREISTEN:
        assert not is_aanwezig(veld, None)
        assert not is_aanwezig(veld, "")
        assert is_aanwezig(veld, "x")
    assert not is_aanwezig("ondertekend", False)
    assert is_aanwezig("ondertekend", True)
    assert is_aanwezig("elders_subsidie", False)  # "nee" is een antwoord


def test_een_aanvulling_vult_aan_maakt_leeg_of_laat_staan() -> None:
    zonder_telefoon = ALLES - {"telefoon"}
    assert aanwezig_na(zonder_telefoon, {"telefoon": "06-1"}, {}) == ALLES
    assert aanwezig_na(ALLES, {"telefoon": ""}, {"planning": None}) == ALLES - {"telefoon", "planning"}
    assert aanwezig_na(ALLES, {"ondertekend": False}, {}) == ALLES - {"ondertekend"}
    assert aanwezig_na(zonder_telefoon, {"adres": "Lindelaan 2"}, {"kosten": None}) == zonder_telefoon - {"kosten"}
    assert aanwezig_na((), {}, {}) == set()


def test_wat_ontbreekt_in_de_volgorde_van_de_verordening_en_terug() -> None:
    assert ontbreekt(ALLES) == []
    assert ontbreekt({"adres", "kosten"}) == [
        "telefoon",
        "handtekening",
        "omschrijving",
        "planning",
        "elders-subsidie",
    ]
    assert aanwezig_volgens(["handtekening", "kostenraming"]) == ALLES - {"ondertekend", "kosten"}
    assert aanwezig_volgens(ontbreekt({"adres", "planning"})) == {"adres", "planning"}
