"""An aanvraag that ends without a decision on the vouchers: withdrawn (art. 4) or buiten behandeling (Awb 4:5)."""

from __future__ import annotations

from datetime import date

import pytest
from wereld import KAS, PERIODE, Wereld, geheugen_app, schrijft, weigert

from commands import modellen as m
from commands.beeindigen import StelBuitenBehandeling, TrekAanvraagIn, stel_buiten_behandeling, trek_in
from ledger import ids
from ledger.aanvraag import Aanvraag
from ledger.fouten import (
    GeenMandaat,
    OngeldigeToestand,
    RegelOvertreden,
    TermijnLoopt,
    VolgordeNietGevolgd,
)
from ledger.status import Status
from projections import vouwen
from projections.rapporten import besluit, handelingen, verantwoording
from projections.rapporten.geschiedenis import vouw

ONTVANGEN = date(PERIODE, 2, 1)
TERMIJN = date(PERIODE, 2, 20)


@pytest.fixture
def w() -> Wereld:
    return Wereld.ingericht(geheugen_app(), budget="50.000")


def intrekken(w: Wereld, nummer: int, reden: str = "dubbel ingevoerd", door: str | None = None) -> dict:
    dienst = w.als(door) if door else w.regie
    return trek_in(dienst, TrekAanvraagIn(nummer=nummer, reden=reden, datum=date(PERIODE, 2, 10)))


def buiten_behandeling(w: Wereld, nummer: int, dag: date, door: str | None = None) -> dict:
    dienst = w.als(door) if door else w.regie
    motivering = "de begroting is niet binnen de termijn aangevuld"
    return stel_buiten_behandeling(dienst, StelBuitenBehandeling(nummer=nummer, motivering=motivering, datum=dag))


def onvolledig_met_termijn(w: Wereld) -> int:
    nummer = w.aanvraag("900", ontvangen=ONTVANGEN, telefoon=None)
    w.regie.vraag_aanvulling(m.VraagAanvulling(nummer=nummer, wat="telefoonnummer", termijn=TERMIJN, datum=ONTVANGEN))
    return nummer


def _status(w: Wereld, nummer: int) -> str:
    a = w.app.repository.get(ids.aanvraag_id(nummer))
    assert isinstance(a, Aanvraag)
    return a.status


def test_een_dubbel_ingevoerde_aanvraag_wordt_ingetrokken_en_houdt_de_volgorde_niet_meer_op(w):
    dubbel = w.aanvraag("1.000", ontvangen=ONTVANGEN)
    echt = w.aanvraag("1.000", ontvangen=date(PERIODE, 2, 2))
    weigert(w, VolgordeNietGevolgd, lambda: w.ken_toe(echt))

    uit = schrijft(w, lambda: intrekken(w, dubbel))

    assert (uit["aanvraag"], uit["status"]) == (dubbel, "ingetrokken")
    assert w.ken_toe(echt)["status"] == Status.TOEGEKEND  # no ground of art. 6 was needed to get rid of the copy
    assert _status(w, dubbel) == Status.INGETROKKEN
    [rij] = [r for r in vouwen.vouw(w.app.genummerd()).aanvraag_rijen() if r.nummer == dubbel]
    assert rij.status == "ingetrokken"


def test_intrekken_kan_alleen_voor_het_besluit(w):
    nummer = w.aanvraag("1.000")
    w.ken_toe(nummer)
    weigert(w, OngeldigeToestand, lambda: intrekken(w, nummer))


def test_een_ingetrokken_aanvraag_wordt_niet_meer_beslist_en_een_herhaling_schrijft_niets(w):
    nummer = w.aanvraag("1.000")
    intrekken(w, nummer)
    voor = w.aantal_gebeurtenissen()
    assert intrekken(w, nummer)["status"] == "ingetrokken"
    assert w.aantal_gebeurtenissen() == voor
    weigert(w, OngeldigeToestand, lambda: intrekken(w, nummer, reden="een andere reden"))
    weigert(w, OngeldigeToestand, lambda: w.ken_toe(nummer))


def test_de_kasbeheerder_trekt_geen_aanvraag_in_het_college_wel(w):
    nummer = w.aanvraag("1.000")
    weigert(w, GeenMandaat, lambda: intrekken(w, nummer, door=KAS))
    assert intrekken(w, nummer, door="wethouder")["status"] == "ingetrokken"


def test_buiten_behandeling_op_de_laatste_dag_van_de_termijn_geweigerd_de_dag_erna_toegestaan(w):
    nummer = onvolledig_met_termijn(w)

    weigert(w, TermijnLoopt, lambda: buiten_behandeling(w, nummer, TERMIJN))
    uit = schrijft(w, lambda: buiten_behandeling(w, nummer, date(PERIODE, 2, 21)))

    assert uit["status"] == "buiten behandeling"
    weigert(w, OngeldigeToestand, lambda: w.ken_toe(nummer))
    weigert(
        w, OngeldigeToestand, lambda: w.regie.vul_aan(m.VulAanvraagAan(nummer=nummer, telefoon="06-1", datum=TERMIJN))
    )


def test_buiten_behandeling_zonder_verzoek_om_aanvulling_wordt_geweigerd(w):
    nummer = w.aanvraag("900", ontvangen=ONTVANGEN, telefoon=None)
    fout = weigert(w, RegelOvertreden, lambda: buiten_behandeling(w, nummer, date(PERIODE, 6, 1)))
    assert "Awb 4:5" in (fout.artikel or "")


def test_een_volledige_aanvraag_wordt_niet_buiten_behandeling_gesteld(w):
    nummer = onvolledig_met_termijn(w)
    w.regie.vul_aan(m.VulAanvraagAan(nummer=nummer, telefoon="06-1", datum=TERMIJN))
    weigert(w, OngeldigeToestand, lambda: buiten_behandeling(w, nummer, date(PERIODE, 3, 1)))


def test_buiten_behandeling_is_een_besluit_met_brief_en_bezwaarclausule(w):
    nummer = onvolledig_met_termijn(w)
    buiten_behandeling(w, nummer, date(PERIODE, 2, 21))
    h = vouw(w.app.genummerd())

    brief = besluit.bouw(h, nummer, lambda: w.regie.toon_aanvraag(nummer))
    tekst = besluit.tekst(brief)

    assert brief["uitkomst"] == "buiten behandeling" and brief["weigering"]["artikel"] == "art. 4:5 lid 1 Awb"
    assert "buiten behandeling" in tekst and "bezwaar" in tekst and "niet binnen de termijn aangevuld" in tekst
    assert brief["namens"]["rol"] == "regiegroep"
    [initiatief] = verantwoording.bouw(h)["wijken"][0]["initiatieven"]
    assert [b["soort"] for b in initiatief["besluiten"]] == ["buiten behandeling"]


def test_een_ingetrokken_aanvraag_krijgt_geen_besluitbrief_en_staat_in_de_verantwoording(w):
    nummer = w.aanvraag("1.000")
    intrekken(w, nummer)
    h = vouw(w.app.genummerd())

    with pytest.raises(OngeldigeToestand, match="ingetrokken"):
        besluit.bouw(h, nummer, lambda: w.regie.toon_aanvraag(nummer))
    model = verantwoording.bouw(h)
    [initiatief] = model["wijken"][0]["initiatieven"]
    assert initiatief["status"] == "ingetrokken" and initiatief["intrekking"]["reden"] == "dubbel ingevoerd"
    assert "ingetrokken door de initiatiefnemer" in verantwoording.tekst(model)
    assert "aanvraag ingetrokken" in handelingen.csv(model)
    assert "Ingetrokken door de initiatiefnemer" in verantwoording.html(model)
