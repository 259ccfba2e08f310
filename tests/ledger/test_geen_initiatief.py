"""Weigeringsgrond geen-initiatief (art. 1 onder b en c): de aanvraag is geen plan van bewoners voor de eigen
wijk (een instelling, een bedrijf, of van buiten de wijk). Naast de gronden a-e van art. 6; met motivering;
in de brief en in de verantwoording met het artikel."""

from __future__ import annotations

from datetime import date

from wereld import PERIODE, Wereld, geheugen_app, schrijft, weigert

from commands import modellen as m
from ledger import gebeurtenissen as g
from ledger.begrippen import GEEN_INITIATIEF, GRONDEN, weigeringsartikel
from ledger.fouten import OngeldigeInvoer
from projections.rapporten import besluit, verantwoording
from projections.rapporten.geschiedenis import vouw

MOTIVERING = "de aanvraag komt van een welzijnsinstelling, niet van bewoners van de wijk"


def weiger(w: Wereld, nummer: int, motivering: str = MOTIVERING) -> dict:
    cmd = m.maak(m.Weiger, nummer=nummer, grond=GEEN_INITIATIEF, motivering=motivering, datum=date(PERIODE, 3, 1))
    return w.regie.weiger(cmd)


def test_een_aanvraag_van_een_instelling_wordt_geweigerd_als_geen_initiatief_met_motivering():
    w = Wereld.ingericht(geheugen_app())
    nummer = w.aanvraag("2.000")
    assert schrijft(w, lambda: weiger(w, nummer)) == {
        "aanvraag": nummer,
        "grond": GEEN_INITIATIEF,
        "status": "geweigerd",
    }
    [e] = list(w.college.gebeurtenissen([g.AanvraagGeweigerd]))
    assert (e.grond, e.motivering, e.mandaat["rol"]) == (GEEN_INITIATIEF, MOTIVERING, "regiegroep")


def test_zonder_motivering_wordt_de_weigering_geweigerd():
    w = Wereld.ingericht(geheugen_app())
    nummer = w.aanvraag("2.000")
    fout = weigert(w, OngeldigeInvoer, lambda: weiger(w, nummer, motivering=" "))
    assert "motivering" in str(fout)


def test_de_brief_en_de_verantwoording_noemen_art_1_onder_b_en_c():
    w = Wereld.ingericht(geheugen_app())
    nummer = w.aanvraag("2.000")
    weiger(w, nummer)
    h = vouw(w.app.genummerd())
    model = besluit.bouw(h, nummer, lambda: w.regie.toon_aanvraag(nummer))
    assert (model["uitkomst"], model["weigering"]["artikel"]) == ("geweigerd", "art. 1 onder b en c")
    tekst = " ".join(besluit.tekst(model).split())
    assert (
        f"Wij weigeren uw aanvraag om vouchers op grond van art. 1 onder b en c van de {model['verordening']}: "
        in tekst
    )
    assert GRONDEN[GEEN_INITIATIEF] in tekst and f"Motivering: {MOTIVERING}" in tekst
    [initiatief] = verantwoording.bouw(h)["wijken"][0]["initiatieven"]
    [b] = initiatief["besluiten"]
    assert (b["grond"], b["artikel"], b["weigeringsgrond"]) == (
        GEEN_INITIATIEF,
        "art. 1 onder b en c",
        GRONDEN[GEEN_INITIATIEF],
    )
    regels = verantwoording.tekst(verantwoording.bouw(h))
    assert f"grond art. 1 onder b en c: {GRONDEN[GEEN_INITIATIEF]}" in regels


def test_de_gronden_van_art_6_houden_hun_artikel():
    assert [weigeringsartikel(x) for x in "ae"] == ["art. 6 onder a", "art. 6 onder e"]
