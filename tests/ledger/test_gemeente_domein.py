"""De gemeente zelf: mandaten (art. 2), de functiescheiding en het register van aanvragen.

Rechtstreeks op het aggregaat (ledger/gemeente.py): wie op welke dag welk mandaat heeft, wat
een mandaat geven of intrekken vastlegt, en wat de weigeringen zeggen. Ook de upcast van
besluiten van voor de vermelding van het mandaat (ledger/namens.py) en de regeling uit TOML.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ledger.fouten import FunctiescheidingGeschonden, GeenMandaat, NietGevonden, OngeldigeInvoer, RegelOvertreden
from ledger.gemeente import Gemeente
from ledger.namens import eis_mandaat_voor, mandaat, upcast_v1_v2
from ledger.regeling import Regeling

INGERICHT = date(2026, 1, 1)


def gemeente() -> Gemeente:
    g = Gemeente(naam="Teststad", regeling=Regeling().naar_dict(), datum=INGERICHT, gebruiker="wethouder")
    g.geef_mandaat("wethouder", "college", None, INGERICHT, "wethouder")
    g.collect_events()
    return g


def enige(g: Gemeente) -> Any:
    (gebeurtenis,) = g.collect_events()
    return gebeurtenis


def test_inrichten_legt_naam_regeling_datum_en_gebruiker_vast() -> None:
    g = Gemeente(naam="Teststad", regeling=Regeling().naar_dict(), datum=INGERICHT, gebruiker="wethouder")
    e = enige(g)
    assert type(e).__name__ == "Ingericht"
    assert (e.naam, e.regeling, e.datum, e.gebruiker) == ("Teststad", Regeling().naar_dict(), INGERICHT, "wethouder")
    assert g.regeling == Regeling()
    assert (g.laatste_aanvraag, g.mandaten) == (0, {})


def test_een_mandaat_geven_legt_aan_wie_rol_wijk_datum_en_gever_vast() -> None:
    g = gemeente()
    assert g.geef_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 1, 5), "wethouder") is True
    e = enige(g)
    assert type(e).__name__ == "MandaatGegeven"
    assert (e.aan, e.rol, e.wijk, e.datum, e.gebruiker) == (
        "regie.noord",
        "regiegroep",
        "NOORD",
        date(2026, 1, 5),
        "wethouder",
    )


def test_een_mandaat_geldt_vanaf_de_dag_van_ingang_tot_de_dag_van_intrekking() -> None:
    g = gemeente()
    g.geef_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 1, 5), "wethouder")
    g.trek_mandaat_in("regie.noord", "regiegroep", "NOORD", date(2026, 3, 1), "wethouder")
    e = g.collect_events()[-1]
    assert type(e).__name__ == "MandaatIngetrokken"
    assert (e.aan, e.rol, e.wijk, e.datum, e.gebruiker) == (
        "regie.noord",
        "regiegroep",
        "NOORD",
        date(2026, 3, 1),
        "wethouder",
    )
    assert not g.heeft_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 1, 4))
    assert g.heeft_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 1, 5))
    assert g.heeft_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 2, 28))
    assert not g.heeft_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 3, 1))
    assert not g.heeft_mandaat("regie.noord", "regiegroep", "ZUID", date(2026, 2, 1))
    assert not g.heeft_mandaat("regie.noord", "regiegroep", None, date(2026, 2, 1))


def test_wie_op_een_dag_geen_mandaat_heeft_hoort_wie_welke_rol_en_waar() -> None:
    g = gemeente()
    with pytest.raises(GeenMandaat) as info:
        g.eis_mandaat("buurman", "regiegroep", "NOORD", date(2026, 2, 3))
    assert str(info.value) == "buurman heeft op 3 februari 2026 geen mandaat als regiegroep voor wijk NOORD"
    assert info.value.artikel == "art. 2 lid 6"
    assert info.value.gegevens == {
        "gebruiker": "buurman",
        "rol": "regiegroep",
        "wijk": "NOORD",
        "datum": date(2026, 2, 3),
    }
    with pytest.raises(GeenMandaat) as info:
        g.eis_mandaat("buurman", "college", "NOORD", date(2026, 2, 3))
    assert str(info.value) == "buurman heeft op 3 februari 2026 geen mandaat als college"
    assert info.value.artikel == "art. 2 lid 1-6"
    with pytest.raises(GeenMandaat) as info:
        g.eis_mandaat("buurman", "kasbeheerder", None, date(2026, 2, 3))
    assert str(info.value) == "buurman heeft op 3 februari 2026 geen mandaat als kasbeheerder"
    assert info.value.artikel == "art. 2 lid 4, art. 9"
    g.eis_mandaat("wethouder", "college", None, date(2026, 2, 3))


def test_een_kasbeheerder_voor_alle_wijken_heeft_het_mandaat_in_elke_wijk() -> None:
    g = gemeente()
    g.geef_mandaat("kas.beheer", "kasbeheerder", None, INGERICHT, "wethouder")
    assert g.heeft_mandaat("kas.beheer", "kasbeheerder", "NOORD", INGERICHT)
    assert g.heeft_mandaat("kas.beheer", "kasbeheerder", None, INGERICHT)


def test_de_mandaathouders_en_de_lijst_van_mandaten_per_dag() -> None:
    g = gemeente()
    g.geef_mandaat("regie.b", "regiegroep", "NOORD", date(2026, 1, 5), "wethouder")
    g.geef_mandaat("regie.a", "regiegroep", "ZUID", date(2026, 1, 5), "wethouder")
    g.geef_mandaat("regie.a", "regiegroep", "NOORD", date(2026, 1, 6), "wethouder")
    g.trek_mandaat_in("regie.b", "regiegroep", "NOORD", date(2026, 2, 1), "wethouder")
    assert g.mandaathouders("regiegroep", date(2026, 1, 5)) == ["regie.a", "regie.b"]
    assert g.mandaathouders("regiegroep", date(2026, 2, 1)) == ["regie.a"]
    assert g.mandaathouders("college", date(2026, 2, 1)) == ["wethouder"]
    assert g.mandaathouders("kasbeheerder", date(2026, 2, 1)) == []
    assert g.mandaten_lijst() == [
        {
            "gebruiker": "regie.a",
            "rol": "regiegroep",
            "wijk": "NOORD",
            "van": date(2026, 1, 6),
            "tot": None,
            "naam": "regie.a",
            "besluit": None,
        },
        {
            "gebruiker": "regie.a",
            "rol": "regiegroep",
            "wijk": "ZUID",
            "van": date(2026, 1, 5),
            "tot": None,
            "naam": "regie.a",
            "besluit": None,
        },
        {
            "gebruiker": "regie.b",
            "rol": "regiegroep",
            "wijk": "NOORD",
            "van": date(2026, 1, 5),
            "tot": date(2026, 2, 1),
            "naam": "regie.b",
            "besluit": None,
        },
        {
            "gebruiker": "wethouder",
            "rol": "college",
            "wijk": None,
            "van": INGERICHT,
            "tot": None,
            "naam": "wethouder",
            "besluit": None,
        },
    ]


def test_hetzelfde_mandaat_nogmaals_is_een_herhaling_en_een_overlappend_mandaat_wordt_geweigerd() -> None:
    g = gemeente()
    g.geef_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 1, 5), "wethouder")
    g.collect_events()
    assert g.geef_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 1, 5), "wethouder") is False
    assert g.geef_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 2, 1), "wethouder") is False
    with pytest.raises(RegelOvertreden) as info:
        g.geef_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 1, 4), "wethouder")
    assert str(info.value) == "regie.noord heeft dit mandaat al vanaf 5 januari 2026"
    assert info.value.artikel == "art. 2 lid 6"
    assert g.collect_events() == []


def test_na_intrekking_kan_hetzelfde_mandaat_opnieuw_worden_gegeven_maar_niet_binnen_de_oude_periode() -> None:
    g = gemeente()
    g.geef_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 1, 5), "wethouder")
    g.trek_mandaat_in("regie.noord", "regiegroep", "NOORD", date(2026, 2, 1), "wethouder")
    for binnen in (date(2026, 1, 5), date(2026, 1, 31)):
        with pytest.raises(RegelOvertreden) as info:
            g.geef_mandaat("regie.noord", "regiegroep", "NOORD", binnen, "wethouder")
        assert str(info.value) == "regie.noord heeft dit mandaat al vanaf 5 januari 2026"
    assert g.geef_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 2, 1), "wethouder") is True
    assert g.heeft_mandaat("regie.noord", "regiegroep", "NOORD", date(2026, 2, 1))


def test_een_mandaat_van_voor_de_inrichting_wordt_geweigerd() -> None:
    g = gemeente()
    with pytest.raises(RegelOvertreden) as info:
        g.geef_mandaat("regie.noord", "regiegroep", "NOORD", date(2025, 12, 31), "wethouder")
    assert str(info.value).startswith(
        "het mandaat is gedateerd op 31 december 2025, vóór de inrichting van deze administratie op 1 januari 2026"
    )
    assert "voucher init --gemeente" in str(info.value) and "--datum 2025-12-31" in str(info.value)  # what to do
    g.geef_mandaat("regie.noord", "regiegroep", "NOORD", INGERICHT, "wethouder")


@pytest.mark.parametrize(
    ("rol", "wijk", "melding"),
    [
        ("wethouder", None, "onbekende rol 'wethouder': kies college, regiegroep, ambtenaar of kasbeheerder"),
        ("college", "NOORD", "het college heeft een mandaat voor de hele gemeente: laat --wijk weg"),
        ("regiegroep", None, "een regiegroep wordt voor een wijk gemandateerd: geef --wijk CODE (art. 2 lid 6)"),
        ("regiegroep", "", "een regiegroep wordt voor een wijk gemandateerd: geef --wijk CODE (art. 2 lid 6)"),
    ],
    ids=["onbekende-rol", "college-met-wijk", "regiegroep-zonder-wijk", "regiegroep-lege-wijk"],
)
def test_rol_en_wijk_moeten_bij_elkaar_passen(rol: str, wijk: str | None, melding: str) -> None:
    g = gemeente()
    for handeling in (g.geef_mandaat, g.trek_mandaat_in):
        with pytest.raises(OngeldigeInvoer) as info:
            handeling("iemand", rol, wijk, date(2026, 2, 1), "wethouder")
        assert str(info.value) == melding
    assert g.collect_events() == []


def test_een_mandaat_intrekken_dat_er_niet_is_noemt_wie_rol_en_wijk() -> None:
    g = gemeente()
    with pytest.raises(NietGevonden) as info:
        g.trek_mandaat_in("regie.noord", "regiegroep", "NOORD", date(2026, 2, 1), "wethouder")
    assert str(info.value) == "regie.noord heeft op 1 februari 2026 geen mandaat als regiegroep voor wijk NOORD"
    with pytest.raises(NietGevonden) as info:
        g.trek_mandaat_in("kas", "kasbeheerder", None, date(2026, 2, 1), "wethouder")
    assert str(info.value) == "kas heeft op 1 februari 2026 geen mandaat als kasbeheerder"


def test_het_laatste_collegemandaat_wordt_niet_ingetrokken_een_van_twee_wel() -> None:
    g = gemeente()
    with pytest.raises(RegelOvertreden) as info:
        g.trek_mandaat_in("wethouder", "college", None, date(2026, 2, 1), "wethouder")
    assert str(info.value) == "het laatste collegemandaat kan niet worden ingetrokken: geef eerst een ander het mandaat"
    assert info.value.artikel == "art. 2"
    g.geef_mandaat("burgemeester", "college", None, date(2026, 1, 10), "wethouder")
    g.trek_mandaat_in("wethouder", "college", None, date(2026, 2, 1), "wethouder")
    assert g.mandaathouders("college", date(2026, 2, 1)) == ["burgemeester"]


@pytest.mark.parametrize(
    ("eerst", "dan", "waar"),
    [
        (("regiegroep", "NOORD"), ("kasbeheerder", "NOORD"), "wijk NOORD"),
        (("regiegroep", "NOORD"), ("kasbeheerder", None), "wijk NOORD"),
        (("kasbeheerder", None), ("regiegroep", "NOORD"), "wijk NOORD"),
        (("kasbeheerder", "ZUID"), ("regiegroep", "ZUID"), "wijk ZUID"),
    ],
    ids=["regie-dan-kas-zelfde-wijk", "regie-dan-kas-alle-wijken", "kas-alle-dan-regie", "kas-dan-regie-zelfde-wijk"],
)
def test_wie_over_vouchers_beslist_betaalt_ze_niet_uit(
    eerst: tuple[str, str | None], dan: tuple[str, str | None], waar: str
) -> None:
    g = gemeente()
    g.geef_mandaat("piet", eerst[0], eerst[1], date(2026, 1, 5), "wethouder")
    g.collect_events()
    with pytest.raises(FunctiescheidingGeschonden) as info:
        g.geef_mandaat("piet", dan[0], dan[1], date(2026, 1, 6), "wethouder")
    assert str(info.value) == (
        f"piet is al {eerst[0]} voor {waar}: wie over vouchers beslist, betaalt ze niet uit (functiescheiding)"
    )
    assert info.value.artikel == "art. 2 lid 4 en 6"
    assert info.value.gegevens == {"gebruiker": "piet"}
    assert g.collect_events() == []


def test_de_functiescheiding_geldt_per_wijk_per_persoon_en_na_intrekking_niet_meer() -> None:
    g = gemeente()
    g.geef_mandaat("piet", "regiegroep", "NOORD", date(2026, 1, 5), "wethouder")
    g.geef_mandaat("piet", "kasbeheerder", "ZUID", date(2026, 1, 5), "wethouder")
    g.geef_mandaat("klaas", "kasbeheerder", "NOORD", date(2026, 1, 5), "wethouder")
    g.geef_mandaat("piet", "college", None, date(2026, 1, 5), "wethouder")
    g.trek_mandaat_in("piet", "regiegroep", "NOORD", date(2026, 2, 1), "wethouder")
    with pytest.raises(FunctiescheidingGeschonden):
        g.geef_mandaat("piet", "kasbeheerder", "NOORD", date(2026, 1, 31), "wethouder")
    assert g.geef_mandaat("piet", "kasbeheerder", "NOORD", date(2026, 2, 1), "wethouder") is True


def test_het_register_nummert_aanvragen_doorlopend_en_legt_wijk_periode_datum_en_gebruiker_vast() -> None:
    g = gemeente()
    assert g.registreer_aanvraag("NOORD", 2026, date(2026, 2, 1), "regie.noord") == 1
    e = enige(g)
    assert type(e).__name__ == "AanvraagGeregistreerd"
    assert (e.nummer, e.wijk, e.periode, e.datum, e.gebruiker) == (1, "NOORD", 2026, date(2026, 2, 1), "regie.noord")
    assert g.registreer_aanvraag("ZUID", 2026, date(2026, 2, 1), "regie.zuid") == 2
    assert g.laatste_aanvraag == 2


# --- namens.py: een besluit van voor de vermelding van het mandaat ---------------------------------------------


def test_een_besluit_van_versie_1_geldt_als_namens_het_college_met_onbekend_mandaat() -> None:
    toestand: dict[str, Any] = {"grond": "a"}
    upcast_v1_v2(toestand)
    assert toestand == {"grond": "a", "namens": "college", "mandaat": None}
    al: dict[str, Any] = {"namens": "college", "mandaat": {"rol": "college", "wijk": None}}
    upcast_v1_v2(al)
    assert al == {"namens": "college", "mandaat": {"rol": "college", "wijk": None}}


def test_elk_besluit_is_versie_2_en_leest_een_opgeslagen_versie_1_met_namens_en_mandaat() -> None:
    from ledger.aanvraag import Aanvraag
    from ledger.wijk import Wijk

    besluiten = [
        Aanvraag.AanvullingGevraagd,  # type: ignore[attr-defined]
        Aanvraag.Toegekend,  # type: ignore[attr-defined]
        Aanvraag.Geweigerd,  # type: ignore[attr-defined]
        Aanvraag.GeschiktVerklaard,  # type: ignore[attr-defined]
        Aanvraag.RaadplegingBesloten,  # type: ignore[attr-defined]
        Wijk.PeriodeAfgesloten,  # type: ignore[attr-defined]
    ]
    for klasse in besluiten:
        assert klasse.class_version == 2, klasse.__qualname__
        toestand: dict[str, Any] = {"datum": "2026-03-01"}
        klasse.upcast_v1_v2(toestand)
        assert toestand == {"datum": "2026-03-01", "namens": "college", "mandaat": None}
    assert getattr(Aanvraag.Ingediend, "class_version", 1) == 1  # type: ignore[attr-defined]


def test_een_besluit_vermeldt_het_collegemandaat_of_dat_van_de_regiegroep_van_de_wijk_en_niets_anders() -> None:
    assert eis_mandaat_voor(mandaat("college", None), "NOORD") == {"rol": "college", "wijk": None}
    assert eis_mandaat_voor(mandaat("regiegroep", "NOORD"), "NOORD") == {"rol": "regiegroep", "wijk": "NOORD"}
    for vermelding in (
        {"rol": "college", "wijk": "NOORD"},
        {"rol": "regiegroep", "wijk": None},
        {"rol": "regiegroep", "wijk": "ZUID"},
        {"rol": "kasbeheerder", "wijk": "NOORD"},
        {},
    ):
        with pytest.raises(OngeldigeInvoer) as info:
            eis_mandaat_voor(vermelding, "NOORD")
        assert str(info.value) == (
            "een besluit in wijk NOORD wordt genomen namens het college, onder het mandaat van het college of van de "
            f"regiegroep van die wijk, niet onder {vermelding!r} (art. 2 lid 6, Awb 10:10)"
        )


# --- regeling.py: uit een TOML-bestand --------------------------------------------------------------------------


def test_de_regeling_uit_toml_met_of_zonder_tabel_regeling(tmp_path: Path) -> None:
    met = tmp_path / "met.toml"
    met.write_text('[regeling]\ncontant_max = "250,00"\nbeslistermijn_weken = 6\n', encoding="utf-8")
    zonder = tmp_path / "zonder.toml"
    zonder.write_text('contant_max = "250,00"\nbeslistermijn_weken = 6\n', encoding="utf-8")
    for pad in (met, zonder):
        r = Regeling.uit_toml(pad)
        assert (r.contant_max.centen, r.beslistermijn_weken) == (250_00, 6)
        assert r.beslissen_voor(date(2026, 2, 2)) == date(2026, 3, 16)
        assert r.beslissen_voor(date(2026, 2, 2), 3) == date(2026, 3, 19)


def test_een_onleesbaar_of_ongeldig_toml_bestand_zegt_wat_er_mis_is(tmp_path: Path) -> None:
    with pytest.raises(OngeldigeInvoer) as info:
        Regeling.uit_toml(tmp_path / "weg.toml")
    assert str(info.value) == f"regeling: kan {tmp_path / 'weg.toml'} niet lezen: No such file or directory"
    kapot = tmp_path / "kapot.toml"
    kapot.write_text("contant_max = \n", encoding="utf-8")
    with pytest.raises(OngeldigeInvoer) as info:
        Regeling.uit_toml(kapot)
    assert str(info.value).startswith(f"regeling: {kapot} is geen geldige TOML: ")
    binair = tmp_path / "binair.toml"
    binair.write_bytes(b"\xff\xfe")
    with pytest.raises(OngeldigeInvoer) as info:
        Regeling.uit_toml(binair)
    assert str(info.value).startswith(f"regeling: {binair} is geen geldige TOML: ")
    geen_tabel = tmp_path / "geen_tabel.toml"
    geen_tabel.write_text('regeling = "x"\n', encoding="utf-8")
    with pytest.raises(OngeldigeInvoer) as info:
        Regeling.uit_toml(geen_tabel)
    assert str(info.value) == "regeling: verwacht een tabel [regeling]"
