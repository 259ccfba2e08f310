"""A small world for tests: a gemeente with a college, a regiegroep, a kasbeheerder and a wijk.

Written in the language of the ledger so that tests read as the verordening: `w.aanvraag()`
registers a complete aanvraag, `w.ken_toe(nr)` grants it, `w.voucher()` does both and
returns the first voucher code. Every act goes through the real application service
against whatever store the application was opened on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from commands import modellen as m
from commands.dienst import Dienst
from commands.opslag import VoucherLedger, lees_url, open_ledger
from ledger.fouten import VoucherFout
from ledger.geld import Bedrag
from ledger.regeling import Regeling

VANDAAG = date(2026, 11, 25)
COLLEGE = "wethouder"
REGIE = "regie.noord"
KAS = "kas.beheer"
WIJK = "NOORD"
PERIODE = 2026


def bedrag(tekst: str) -> Bedrag:
    return Bedrag.parse(tekst)


def geheugen_app() -> VoucherLedger:
    """An in-memory store (eventsourcing's POPO recorder) for domain tests."""
    return VoucherLedger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})


def open_store(url: str, *, inrichten: bool = True) -> VoucherLedger:
    return open_ledger(lees_url(url), inrichten=inrichten)


class Wereld:
    def __init__(self, app: VoucherLedger, vandaag: date = VANDAAG) -> None:
        self.app = app
        self.vandaag = vandaag
        self._volgende_aanvraagdag = date(PERIODE, 2, 1)

    def als(self, gebruiker: str) -> Dienst:
        return Dienst(self.app, gebruiker, vandaag=self.vandaag)

    @property
    def college(self) -> Dienst:
        return self.als(COLLEGE)

    @property
    def regie(self) -> Dienst:
        return self.als(REGIE)

    @property
    def kas(self) -> Dienst:
        return self.als(KAS)

    @classmethod
    def ingericht(
        cls,
        app: VoucherLedger,
        *,
        regeling: Regeling | None = None,
        budget: str = "100.000",
        uitvoeringskosten: str | None = None,
        plafond: str | None = None,
        vandaag: date = VANDAAG,
    ) -> Wereld:
        w = cls(app, vandaag)
        w.college.richt_in(m.Inrichten(gemeente="Teststad", regeling=regeling or Regeling(), datum=date(PERIODE, 1, 1)))
        w.college.geef_mandaat(m.GeefMandaat(aan=REGIE, rol="regiegroep", wijk=WIJK, datum=date(PERIODE, 1, 1)))
        w.college.geef_mandaat(m.GeefMandaat(aan=KAS, rol="kasbeheerder", datum=date(PERIODE, 1, 1)))
        w.wijk(WIJK, budget=budget, uitvoeringskosten=uitvoeringskosten, plafond=plafond)
        return w

    def wijk(
        self, code: str, *, budget: str, uitvoeringskosten: str | None = None, plafond: str | None = None
    ) -> dict[str, Any]:
        return self.college.wijs_wijk_aan(
            m.WijsWijkAan(
                code=code,
                naam=code.title(),
                periode=PERIODE,
                budget=bedrag(budget),
                uitvoeringskosten=bedrag(uitvoeringskosten) if uitvoeringskosten else None,
                plafond=bedrag(plafond) if plafond else None,
                datum=date(PERIODE, 1, 2),
            )
        )

    def aanvraag(self, kosten: str = "1.000", *, ontvangen: date | None = None, wijk: str = WIJK, **velden: Any) -> int:
        """Register a complete aanvraag (art. 4 lid 2 all present); returns its number."""
        if ontvangen is None:
            ontvangen = self._volgende_aanvraagdag
        gegevens: dict[str, Any] = {
            "wijk": wijk,
            "naam": "A. de Vries",
            "adres": "Lindelaan 1",
            "telefoon": "06-12345678",
            "ondertekend": True,
            "omschrijving": "Buurtfeest op het plein",
            "planning": "juni",
            "kosten": bedrag(kosten),
            "elders_subsidie": False,
            "ontvangen": ontvangen,
            "datum": ontvangen,
        }
        gegevens.update(velden)
        return int(self.regie.dien_in(m.DienAanvraagIn(**gegevens))["aanvraag"])

    def ken_toe(self, nummer: int, *, datum: date | None = None, **opties: Any) -> dict[str, Any]:
        if "bedrag" in opties and isinstance(opties["bedrag"], str):
            opties["bedrag"] = bedrag(opties["bedrag"])
        return self.regie.ken_toe(m.KenToe(nummer=nummer, datum=datum or date(PERIODE, 3, 1), **opties))

    def voucher(self, kosten: str = "1.000", **opties: Any) -> str:
        """An aanvraag granted in full; returns the code of its first voucher."""
        nummer = self.aanvraag(kosten)
        return str(self.ken_toe(nummer, **opties)["vouchers"][0]["code"])

    def verzilver(
        self,
        code: str,
        bedrag_: str,
        *,
        factuur: str = "F-1",
        leverancier: str = "Bouwmarkt",
        datum: date | None = None,
    ) -> dict[str, Any]:
        return self.kas.verzilver(
            m.Verzilver(
                code=code,
                bedrag=bedrag(bedrag_),
                leverancier=leverancier,
                factuur=factuur,
                datum=datum or date(PERIODE, 4, 1),
            )
        )

    def contant(self, code: str, bedrag_: str, *, datum: date | None = None) -> dict[str, Any]:
        return self.kas.neem_contant_op(
            m.NeemContantOp(code=code, bedrag=bedrag(bedrag_), datum=datum or date(PERIODE, 4, 1))
        )

    def aantal_gebeurtenissen(self) -> int:
        return sum(1 for _ in self.college.gebeurtenissen())


def weigert(w: Wereld, fout: type[VoucherFout], handeling: Callable[[], Any]) -> VoucherFout:
    """De handeling wordt geweigerd met precies deze fout en schrijft niets."""
    voor = w.aantal_gebeurtenissen()
    with pytest.raises(fout) as info:
        handeling()
    assert type(info.value) is fout, f"{type(info.value).__name__}: {info.value}"
    assert w.aantal_gebeurtenissen() == voor, "een geweigerde handeling schreef toch gebeurtenissen"
    return info.value


def schrijft(w: Wereld, handeling: Callable[[], Any]) -> Any:
    """De handeling wordt toegestaan en legt ten minste één gebeurtenis vast."""
    voor = w.aantal_gebeurtenissen()
    uitkomst = handeling()
    assert w.aantal_gebeurtenissen() > voor
    return uitkomst
