"""Helpers for the report tests: a small budget year 2025 that can be closed, and the numbered log.

`jaar_2025(app)` plays, through the real application service, a year with every kind of
fact the reports show: a complete and an incomplete aanvraag (aanvulling, the clock
paused), a refusal, a grant out of the order of receipt with its reason, a grant after the
beslistermijn, invoices, cash at the maximum and twice on one day, a refused payment, a
start-voor condition and two wijken. Today is 25 November 2026, long after the execution date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from commands import modellen as m
from commands.dienst import Dienst
from commands.geschiedenis import genummerd
from commands.opslag import VoucherLedger
from ledger.geld import Bedrag
from ledger.regeling import Regeling

VANDAAG = date(2026, 11, 25)
COLLEGE = "wethouder"
REGIE = "regie.wijken"
KAS = "kas.beheer"
NAAM, ADRES, TELEFOON = "P. Persoonsgegeven", "Geheimstraat 99", "06-99887766"


def als(app: VoucherLedger, gebruiker: str, vandaag: date = VANDAAG) -> Dienst:
    return Dienst(app, gebruiker, vandaag=vandaag)


def b(tekst: str) -> Bedrag:
    return Bedrag.parse(tekst)


def aanvraag(
    app: VoucherLedger, wijk: str, kosten: str, ontvangen: date, *, volledig: bool = True, **velden: Any
) -> int:
    gegevens: dict[str, Any] = {
        "wijk": wijk,
        "naam": NAAM,
        "adres": ADRES,
        "telefoon": TELEFOON if volledig else None,
        "ondertekend": True,
        "omschrijving": f"Buurtinitiatief {kosten} in {wijk.title()}",
        "planning": "voorjaar",
        "kosten": b(kosten),
        "elders_subsidie": False,
        "ontvangen": ontvangen,
        "datum": ontvangen,
    }
    gegevens.update(velden)
    return int(als(app, REGIE).dien_in(m.DienAanvraagIn(**gegevens))["aanvraag"])


def ken_toe(app: VoucherLedger, nummer: int, datum: date, **opties: Any) -> list[str]:
    uit = als(app, REGIE).ken_toe(m.KenToe(nummer=nummer, datum=datum, **opties))
    return [v["code"] for v in uit["vouchers"]]


def verzilver(app: VoucherLedger, code: str, bedrag: str, factuur: str, datum: date) -> None:
    als(app, KAS).verzilver(
        m.Verzilver(code=code, bedrag=b(bedrag), leverancier="Bouwmarkt", factuur=factuur, datum=datum)
    )


def contant(app: VoucherLedger, code: str, bedrag: str, datum: date) -> None:
    als(app, KAS).neem_contant_op(m.NeemContantOp(code=code, bedrag=b(bedrag), datum=datum))


def jaar_2025(app: VoucherLedger) -> dict[str, Any]:
    """The year; returns the aanvraag numbers and voucher codes by role."""
    begin = date(2025, 1, 2)
    college = als(app, COLLEGE)
    college.richt_in(m.Inrichten(gemeente="Teststad", regeling=Regeling(), datum=begin))
    for wijk in ("NOORD", "ZUID"):
        college.geef_mandaat(m.GeefMandaat(aan=REGIE, rol="regiegroep", wijk=wijk, datum=begin))
    college.geef_mandaat(m.GeefMandaat(aan=KAS, rol="kasbeheerder", datum=begin))
    for wijk, budget in (("NOORD", "50.000"), ("ZUID", "20.000")):
        college.wijs_wijk_aan(
            m.WijsWijkAan(
                code=wijk,
                naam=wijk.title(),
                periode=2025,
                budget=b(budget),
                uitvoeringskosten=b("2.000"),
                datum=date(2025, 1, 3),
            )
        )
    regie = als(app, REGIE)
    a1 = aanvraag(app, "NOORD", "7.500,50", date(2025, 2, 3))
    a2 = aanvraag(app, "NOORD", "1.200", date(2025, 2, 4), volledig=False)
    a3 = aanvraag(app, "NOORD", "900", date(2025, 2, 5))
    regie.vraag_aanvulling(
        m.VraagAanvulling(nummer=a2, wat="telefoonnummer", termijn=date(2025, 2, 20), datum=date(2025, 2, 6))
    )
    regie.vul_aan(m.VulAanvraagAan(nummer=a2, telefoon="06-11112222", datum=date(2025, 2, 12)))
    v1, v2 = ken_toe(app, a1, date(2025, 2, 20))
    regie.weiger(m.Weiger(nummer=a3, grond="c", motivering="vooral privébelang", datum=date(2025, 2, 25)))
    a4 = aanvraag(app, "NOORD", "2.000", date(2025, 3, 1))
    [v4] = ken_toe(
        app,
        a4,
        date(2025, 3, 5),
        buiten_volgorde="spoedeisend: het buurtfeest is op 8 maart",
        start_voor=date(2025, 4, 1),
    )
    [v3] = ken_toe(app, a2, date(2025, 3, 20))  # after its term: 4 weeks + 6 days paused = 10 maart
    a5 = aanvraag(app, "ZUID", "4.000", date(2025, 2, 10))
    [v5] = ken_toe(app, a5, date(2025, 2, 20))
    verzilver(app, v1, "1.234,56", "F-1", date(2025, 3, 10))
    contant(app, v1, "500", date(2025, 4, 1))
    contant(app, v1, "300", date(2025, 5, 2))
    contant(app, v1, "300", date(2025, 5, 2))
    verzilver(app, v2, "3.750,25", "F-2", date(2025, 6, 1))
    als(app, KAS).weiger_betaling(
        m.WeigerBetaling(code=v3, bedrag=b("100"), reden="privé-aankopen", datum=date(2025, 4, 10))
    )
    verzilver(app, v3, "450", "F-3", date(2025, 7, 1))
    contant(app, v5, "200", date(2025, 3, 1))
    return {
        "aanvragen": {"groot": a1, "aangevuld": a2, "geweigerd": a3, "buiten_volgorde": a4, "zuid": a5},
        "vouchers": {"deels": v1, "besteed": v2, "laat": v3, "onbenut": v4, "zuid": v5},
        # What expires at closing: waarde - verzilverd - contant per voucher with a restant.
        "restant": {v1: b("1.415,69"), v3: b("750"), v4: b("2.000"), v5: b("3.800")},
    }


def log(app: VoucherLedger) -> dict[int, Any]:
    """Every stored event by its number in the log."""
    return dict(genummerd(Dienst(app, "")))
