"""Wie beslist: het college zelf (art. 5 "het college of de regiegroep", Awb 10:7), de regiegroep, of waar
geen regiegroep is een ambtenaar met mandaat voor de wijk (toelichting art. 2 lid 6), met zijn mandaatbesluit.
De brief noemt de hoedanigheid en de naam die bij het mandaat is gegeven; functiescheiding geldt voor de
ambtenaar als voor de regiegroep."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from wereld import KAS, PERIODE, Wereld, bedrag, geheugen_app, schrijft, weigert

from commands import modellen as m
from ledger import gebeurtenissen as g
from ledger.fouten import FunctiescheidingGeschonden, GeenMandaat, OngeldigeInvoer
from projections.rapporten import besluit
from projections.rapporten.geschiedenis import vouw

AMBTENAAR = "a.devries"
BESLUIT = "besluit van het college van 5 januari 2026, nr. 2026/12"
JAN_5 = date(PERIODE, 1, 5)


def met_west(w: Wereld) -> Wereld:
    """A second wijk, WEST, where no regiegroep formed: the college mandates an ambtenaar."""
    w.wijk("WEST", budget="50.000")
    w.college.geef_mandaat(
        m.GeefMandaat(aan=AMBTENAAR, rol="ambtenaar", wijk="WEST", besluit=BESLUIT, naam="Anna de Vries", datum=JAN_5)
    )
    return w


def dien_in_als(w: Wereld, gebruiker: str, wijk: str, kosten: str = "1.000") -> int:
    cmd = m.maak(
        m.DienAanvraagIn,
        wijk=wijk,
        naam="B. Bewoner",
        adres="Dorpsstraat 3",
        telefoon="06-1",
        ondertekend=True,
        omschrijving="Bankjes op het plein",
        planning="mei",
        kosten=bedrag(kosten),
        elders_subsidie=False,
        datum=date(PERIODE, 2, 2),
    )
    return int(w.als(gebruiker).dien_in(cmd)["aanvraag"])


def ken_toe_als(w: Wereld, gebruiker: str, nummer: int) -> dict[str, Any]:
    return w.als(gebruiker).ken_toe(m.KenToe(nummer=nummer, datum=date(PERIODE, 2, 20)))


def toegekend(w: Wereld, nummer: int) -> Any:
    [e] = [
        e
        for e in w.college.gebeurtenissen([g.AanvraagToegekend])
        if e.originator_id == w.college.laad_aanvraag(nummer).id
    ]
    return e


def brief(w: Wereld, nummer: int, lezer: str) -> dict[str, Any]:
    return besluit.bouw(vouw(w.app.genummerd()), nummer, lambda: w.als(lezer).toon_aanvraag(nummer))


def test_het_college_kent_zelf_toe_in_een_wijk_zonder_regiegroep_of_ambtenaar() -> None:
    w = Wereld.ingericht(geheugen_app())
    w.wijk("OOST", budget="20.000")  # nobody mandated for OOST
    nummer = dien_in_als(w, "wethouder", "OOST")
    assert schrijft(w, lambda: ken_toe_als(w, "wethouder", nummer))["status"] == "toegekend"
    e = toegekend(w, nummer)
    assert (e.gebruiker, e.namens, e.mandaat) == ("wethouder", "college", {"rol": "college", "wijk": None})
    namens = brief(w, nummer, "wethouder")["namens"]
    assert namens["rol"] == "college" and "het college besluit zelf" in namens["regel"]
    assert "regiegroep" not in namens["regel"] and "Namens" not in namens["regel"]


def test_het_college_weigert_en_verklaart_geschikt_ook_zelf() -> None:
    w = Wereld.ingericht(geheugen_app())
    klein, groot = w.aanvraag("1.000"), w.aanvraag("12.000")
    w.college.weiger(m.Weiger(nummer=klein, grond="c", motivering="privébelang", datum=date(PERIODE, 2, 20)))
    w.college.verklaar_geschikt(m.VerklaarGeschikt(nummer=groot, datum=date(PERIODE, 2, 20)))
    w.college.besluit_raadpleging(m.BesluitRaadpleging(nummer=groot, uitkomst="voor", datum=date(PERIODE, 3, 1)))
    soorten = [g.AanvraagGeweigerd, g.AanvraagGeschiktVerklaard, g.AanvraagRaadplegingBesloten]
    assert [e.mandaat["rol"] for e in w.college.gebeurtenissen(soorten)] == ["college"] * 3


def test_de_ambtenaar_kent_toe_in_zijn_wijk_en_het_besluit_legt_het_mandaatbesluit_vast() -> None:
    w = met_west(Wereld.ingericht(geheugen_app()))
    nummer = dien_in_als(w, AMBTENAAR, "WEST")
    assert schrijft(w, lambda: ken_toe_als(w, AMBTENAAR, nummer))["status"] == "toegekend"
    e = toegekend(w, nummer)
    assert (e.gebruiker, e.namens) == (AMBTENAAR, "college")
    assert e.mandaat == {"rol": "ambtenaar", "wijk": "WEST", "besluit": BESLUIT}
    namens = brief(w, nummer, AMBTENAAR)["namens"]
    assert (namens["naam"], namens["rol"], namens["mandaatbesluit"]) == ("Anna de Vries", "ambtenaar", BESLUIT)
    assert namens["regel"].startswith(
        "Namens het college van burgemeester en wethouders van Teststad, Anna de Vries, ambtenaar met mandaat "
        "voor wijk West ("
    )
    assert "regiegroep" not in namens["regel"]


def test_de_ambtenaar_beslist_niet_in_een_andere_wijk() -> None:
    w = met_west(Wereld.ingericht(geheugen_app()))
    nummer = w.aanvraag("1.000")  # NOORD
    fout = weigert(w, GeenMandaat, lambda: ken_toe_als(w, AMBTENAAR, nummer))
    assert str(fout) == (
        f"{AMBTENAAR} heeft op 20 februari 2026 geen mandaat als regiegroep of ambtenaar voor wijk NOORD, of als college"
    )
    assert fout.artikel == "art. 2 lid 6, art. 5"


def test_een_ambtenaar_wordt_voor_een_wijk_gemandateerd() -> None:
    w = Wereld.ingericht(geheugen_app())
    fout = weigert(
        w, OngeldigeInvoer, lambda: w.college.geef_mandaat(m.GeefMandaat(aan=AMBTENAAR, rol="ambtenaar", datum=JAN_5))
    )
    assert "geef --wijk CODE (toelichting art. 2 lid 6)" in str(fout)


@pytest.mark.parametrize(
    ("eerst", "dan"),
    [
        ({"rol": "kasbeheerder"}, {"rol": "ambtenaar", "wijk": "NOORD"}),
        ({"rol": "ambtenaar", "wijk": "NOORD"}, {"rol": "kasbeheerder"}),
    ],
    ids=["kasbeheerder-wordt-geen-ambtenaar", "ambtenaar-wordt-geen-kasbeheerder"],
)
def test_functiescheiding_geldt_voor_de_ambtenaar_als_voor_de_regiegroep(eerst: dict, dan: dict) -> None:
    w = Wereld.ingericht(geheugen_app())
    w.college.geef_mandaat(m.GeefMandaat(aan="iemand", datum=JAN_5, **eerst))
    fout = weigert(
        w, FunctiescheidingGeschonden, lambda: w.college.geef_mandaat(m.GeefMandaat(aan="iemand", datum=JAN_5, **dan))
    )
    assert "wie over vouchers beslist, betaalt ze niet uit (functiescheiding)" in str(fout)
    assert fout.artikel == "art. 2 lid 4 en 6"


def test_de_ambtenaar_ziet_de_persoonsgegevens_van_zijn_wijk_en_de_kasbeheerder_niet() -> None:
    w = met_west(Wereld.ingericht(geheugen_app()))
    nummer = dien_in_als(w, AMBTENAAR, "WEST")
    assert w.als(AMBTENAAR).toon_aanvraag(nummer)["naam"] == "B. Bewoner"
    assert w.als(KAS).toon_aanvraag(nummer)["persoonsgegevens"] == "afgeschermd"


def test_een_weergavenaam_later_gegeven_verandert_een_eerdere_brief_niet() -> None:
    w = Wereld.ingericht(geheugen_app())
    nummer = w.aanvraag("1.000")
    ken_toe_als(w, "wethouder", nummer)
    voor = brief(w, nummer, "wethouder")
    assert voor["namens"]["naam"] == "wethouder"  # no name given: the login
    later = m.GeefMandaat(aan="wethouder", rol="college", naam="J. Jansen", datum=date(PERIODE, 3, 1))
    assert schrijft(w, lambda: w.college.geef_mandaat(later))["naam"] == "J. Jansen"
    assert brief(w, nummer, "wethouder") == voor
    nogmaals = w.aantal_gebeurtenissen()
    assert w.college.geef_mandaat(later)["nieuw"] is False  # the same name again: a repeat, nothing written
    assert w.aantal_gebeurtenissen() == nogmaals
    [mandaat] = [x for x in w.college.mandaten() if x["gebruiker"] == "wethouder"]  # still one mandate
    assert (mandaat["naam"], mandaat["tot"]) == ("J. Jansen", None)


def test_een_mandaatgebeurtenis_van_versie_1_heeft_geen_naam_en_geen_mandaatbesluit() -> None:
    state: dict[str, Any] = {"aan": "anna", "rol": "regiegroep", "wijk": "NOORD", "datum": JAN_5, "gebruiker": "w"}
    g.GemeenteMandaatGegeven.upcast_v1_v2(state)
    assert (state["naam"], state["besluit"]) == (None, None)
    assert g.GemeenteMandaatGegeven.class_version == 2
