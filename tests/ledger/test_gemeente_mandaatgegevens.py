"""Mandaten met naam en mandaatbesluit, de ambtenaar, en een mandaat dat later ingaat (ledger/gemeente.py).

Rechtstreeks op het aggregaat: MandaatGegeven (versie 2) legt naam en mandaatbesluit vast; opnieuw gegeven
met andere gegevens is een nieuwe gebeurtenis, met dezelfde een herhaling; wie beslist in een wijk; een
mandaat gebruikt voor het ingaat noemt de dag waarop het ingaat.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_gemeente_domein import INGERICHT, enige, gemeente

from ledger.fouten import DatumVoorAfhankelijkeHandeling, FunctiescheidingGeschonden, GeenMandaat, OngeldigeInvoer
from ledger.gemeente import DATABASEROL, MANDAATSOORTEN, ROL_ARTIKEL, _upcast_mandaat_v1_v2

D = date
BESLUIT = "collegebesluit 2026/12"


def test_een_mandaat_met_naam_en_mandaatbesluit_legt_beide_vast():
    g = gemeente()
    assert g.geef_mandaat(
        "a.devries", "ambtenaar", "WEST", D(2026, 1, 5), "wethouder", "  Anna de Vries ", f" {BESLUIT} "
    )
    e = enige(g)
    assert (e.aan, e.rol, e.wijk, e.datum, e.gebruiker, e.naam, e.besluit) == (
        "a.devries",
        "ambtenaar",
        "WEST",
        D(2026, 1, 5),
        "wethouder",
        "Anna de Vries",
        BESLUIT,
    )
    assert g.weergavenaam("a.devries") == "Anna de Vries" and g.weergavenaam("iemand") == "iemand"
    assert g.mandaatbesluit("a.devries", "ambtenaar", "WEST") == BESLUIT
    assert g.mandaatbesluit("a.devries", "ambtenaar", "NOORD") is None
    [m] = [x for x in g.mandaten_lijst() if x["gebruiker"] == "a.devries"]
    assert (m["naam"], m["besluit"], m["wijk"], m["van"], m["tot"]) == (
        "Anna de Vries",
        BESLUIT,
        "WEST",
        D(2026, 1, 5),
        None,
    )


def test_een_lege_naam_of_een_leeg_mandaatbesluit_is_geen_naam_en_geen_besluit():
    g = gemeente()
    g.geef_mandaat("regie.noord", "regiegroep", "NOORD", D(2026, 1, 5), "wethouder", "  ", "")
    e = enige(g)
    assert (e.naam, e.besluit) == (None, None)
    assert g.weergavenaam("regie.noord") == "regie.noord"
    assert g.mandaatbesluit("regie.noord", "regiegroep", "NOORD") is None


def test_opnieuw_gegeven_met_een_andere_naam_of_ander_besluit_is_nieuw_met_dezelfde_een_herhaling():
    g = gemeente()
    g.geef_mandaat("regie.noord", "regiegroep", "NOORD", D(2026, 1, 5), "wethouder", "Piet", BESLUIT)
    g.collect_events()
    assert g.geef_mandaat("regie.noord", "regiegroep", "NOORD", D(2026, 2, 1), "wethouder", "Piet", BESLUIT) is False
    assert g.geef_mandaat("regie.noord", "regiegroep", "NOORD", D(2026, 2, 1), "wethouder") is False
    assert g.collect_events() == []
    assert g.geef_mandaat("regie.noord", "regiegroep", "NOORD", D(2026, 2, 1), "wethouder", "P. Pietersen") is True
    assert (enige(g).naam, g.weergavenaam("regie.noord")) == ("P. Pietersen", "P. Pietersen")
    assert g.geef_mandaat("regie.noord", "regiegroep", "NOORD", D(2026, 2, 2), "burgemeester", None, "besluit 13")
    e = enige(g)
    assert (e.aan, e.rol, e.wijk, e.datum, e.gebruiker, e.naam, e.besluit) == (
        "regie.noord",
        "regiegroep",
        "NOORD",
        D(2026, 2, 2),
        "burgemeester",
        None,
        "besluit 13",
    )
    assert g.mandaatbesluit("regie.noord", "regiegroep", "NOORD") == "besluit 13"
    assert g.weergavenaam("regie.noord") == "P. Pietersen"
    [m] = [x for x in g.mandaten_lijst() if x["gebruiker"] == "regie.noord"]
    assert (m["van"], m["tot"]) == (D(2026, 1, 5), None)  # still one mandate from its first day


def test_wie_beslist_in_een_wijk_de_regiegroep_of_de_ambtenaar():
    g = gemeente()
    g.geef_mandaat("regie.noord", "regiegroep", "NOORD", D(2026, 1, 5), "wethouder")
    g.geef_mandaat("a.devries", "ambtenaar", "WEST", D(2026, 1, 5), "wethouder")
    assert g.beslist_in("regie.noord", "NOORD", D(2026, 1, 5)) == "regiegroep"
    assert g.beslist_in("a.devries", "WEST", D(2026, 1, 5)) == "ambtenaar"
    assert g.beslist_in("a.devries", "WEST", D(2026, 1, 4)) is None
    assert g.beslist_in("a.devries", "NOORD", D(2026, 1, 5)) is None
    assert g.beslist_in("wethouder", "NOORD", D(2026, 1, 5)) is None


def test_een_ambtenaar_wordt_voor_een_wijk_gemandateerd_en_houdt_de_rol_van_de_regiegroep():
    g = gemeente()
    for wijk in (None, ""):
        with pytest.raises(OngeldigeInvoer) as info:
            g.geef_mandaat("a.devries", "ambtenaar", wijk, D(2026, 1, 5), "wethouder")
        assert info.value.melding == (
            "een ambtenaar krijgt het mandaat van de regiegroep voor een wijk: geef --wijk CODE "
            "(toelichting art. 2 lid 6)"
        )
    assert MANDAATSOORTEN == ("college", "regiegroep", "ambtenaar", "kasbeheerder")
    assert DATABASEROL == {
        "college": "college",
        "regiegroep": "regiegroep",
        "ambtenaar": "regiegroep",
        "kasbeheerder": "kasbeheerder",
    }
    assert ROL_ARTIKEL["ambtenaar"] == "art. 2 lid 6 (toelichting), art. 10:3 Awb"


@pytest.mark.parametrize(
    ("eerst", "dan", "is_al"),
    [
        (("ambtenaar", "WEST"), ("kasbeheerder", None), "ambtenaar voor wijk WEST"),
        (("kasbeheerder", None), ("ambtenaar", "WEST"), "kasbeheerder voor wijk WEST"),
        (("kasbeheerder", "WEST"), ("ambtenaar", "WEST"), "kasbeheerder voor wijk WEST"),
    ],
)
def test_functiescheiding_noemt_het_mandaat_waarmee_het_botst(eerst, dan, is_al):
    g = gemeente()
    g.geef_mandaat("piet", *eerst, D(2026, 1, 5), "wethouder")
    g.collect_events()
    with pytest.raises(FunctiescheidingGeschonden) as info:
        g.geef_mandaat("piet", *dan, D(2026, 1, 6), "wethouder")
    assert info.value.melding == (
        f"piet is al {is_al}: wie over vouchers beslist, betaalt ze niet uit (functiescheiding)"
    )
    assert g.collect_events() == []


def test_een_ambtenaar_in_een_andere_wijk_dan_de_kasbeheerder_botst_niet():
    g = gemeente()
    g.geef_mandaat("piet", "kasbeheerder", "NOORD", D(2026, 1, 5), "wethouder")
    assert g.geef_mandaat("piet", "ambtenaar", "WEST", D(2026, 1, 6), "wethouder") is True


def test_een_mandaat_gebruikt_voor_het_ingaat_noemt_de_dag_waarop_het_ingaat():
    g = gemeente()
    g.geef_mandaat("regie.later", "regiegroep", "NOORD", D(2026, 3, 1), "wethouder")
    g.geef_mandaat("regie.later", "regiegroep", "ZUID", D(2026, 2, 15), "wethouder")
    assert g.later_mandaat("regie.later", ("regiegroep",), "NOORD", D(2026, 2, 28)) == D(2026, 3, 1)
    assert g.later_mandaat("regie.later", ("regiegroep",), "ZUID", D(2026, 2, 1)) == D(2026, 2, 15)
    assert g.later_mandaat("regie.later", ("regiegroep",), "NOORD", D(2026, 3, 1)) is None
    assert g.later_mandaat("regie.later", ("ambtenaar",), "NOORD", D(2026, 2, 1)) is None
    with pytest.raises(GeenMandaat) as info:
        g.eis_mandaat("regie.later", "regiegroep", "NOORD", D(2026, 2, 28))
    assert info.value.melding == (
        "regie.later heeft op 28 februari 2026 geen mandaat als regiegroep voor wijk NOORD: "
        "het mandaat geldt pas vanaf 1 maart 2026"
    )
    assert info.value.gegevens == {
        "gebruiker": "regie.later",
        "rol": "regiegroep",
        "wijk": "NOORD",
        "datum": D(2026, 2, 28),
        "vanaf": D(2026, 3, 1),
    }
    g.eis_mandaat("regie.later", "regiegroep", "NOORD", D(2026, 3, 1))


def test_een_mandaat_voor_alle_wijken_dat_later_ingaat_telt_ook_voor_een_wijk():
    g = gemeente()
    g.geef_mandaat("kas", "kasbeheerder", None, D(2026, 3, 1), "wethouder")
    assert g.later_mandaat("kas", ("kasbeheerder",), "NOORD", D(2026, 2, 1)) == D(2026, 3, 1)
    assert g.later_mandaat("kas", ("kasbeheerder",), None, D(2026, 2, 1)) == D(2026, 3, 1)


def test_een_mandaat_gebruikt_voor_de_inrichting_noemt_de_inrichting():
    g = gemeente()
    with pytest.raises(DatumVoorAfhankelijkeHandeling) as info:
        g.eis_mandaat("iemand", "college", None, D(2025, 12, 31))
    assert info.value.melding.startswith(
        "de handeling is gedateerd op 31 december 2025, vóór de inrichting van deze administratie op 1 januari 2026: "
    )
    assert info.value.melding.endswith(
        "het eerste collegemandaat geldt vanaf de inrichting. Wie papieren van voor 1 januari 2026 invoert, richt "
        "de administratie in op de eerste datum ervan: 'voucher init --gemeente Teststad --datum 2025-12-31' in een "
        "nieuwe opslag (README, 'Een jaar met de hand'); in deze opslag kan alleen wat op of na die dag plaatsvond"
    )
    assert info.value.artikel == "art. 2: samenhangende data, vanaf de inrichting"
    g.eis_na_inrichting(INGERICHT)


def test_een_mandaatgebeurtenis_van_versie_1_krijgt_geen_naam_en_geen_besluit():
    toestand: dict = {"aan": "piet", "naam": "bestaand"}
    _upcast_mandaat_v1_v2(toestand)
    assert toestand == {"aan": "piet", "naam": "bestaand", "besluit": None}
    toestand = {"aan": "piet"}
    _upcast_mandaat_v1_v2(toestand)
    assert toestand == {"aan": "piet", "naam": None, "besluit": None}
