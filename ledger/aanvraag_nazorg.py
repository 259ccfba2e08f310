"""The aanvraag after the grant (Awb 4:42-4:57): the acts' checks, as a mixin of the Aanvraag aggregate.

Split from ledger/aanvraag.py by chapter (that module stays the home of the event methods and of the
state they set; the events are in ledger/aanvraag_gebeurtenissen.py): withdrawing or reducing the grant (Awb 4:48), the vaststelling (Awb 4:42-4:47)
and the terugvordering and its receipt (Awb 4:57). Each method checks the rule (most of them in
ledger/vaststelling.py) and then triggers the aggregate's event method, which only assigns.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ledger import regels, vaststelling
from ledger import status as st
from ledger.begrippen import INTREKKINGSGRONDEN
from ledger.fouten import OngeldigeInvoer, OngeldigeToestand
from ledger.geld import Bedrag
from ledger.namens import NAMENS_COLLEGE, eis_mandaat_voor


class NaDeVerlening:
    """Mixin of `Aanvraag`: its state and event methods, as this mixin uses them."""

    nummer: int
    wijk: str
    status: str
    besluit: dict[str, Any] | None
    vaststelling: dict[str, Any] | None
    teruggevorderd: Bedrag
    terugontvangen: Bedrag
    _toekenning_ingetrokken: Callable[..., None]
    _vastgesteld: Callable[..., None]
    _terugvordering_ingesteld: Callable[..., None]
    _terugbetaling_ontvangen: Callable[..., None]
    _eis_status: Callable[[str], None]
    _eis_niet_voor_ontvangst: Callable[[date], None]

    def trek_toekenning_in(
        self,
        grond: str,
        motivering: str,
        bedrag: Bedrag,
        vouchers: list[dict[str, Any]],
        datum: date,
        gebruiker: str,
        *,
        mandaat: dict[str, Any],
    ) -> None:
        """Awb 4:48 lid 1: withdraw or reduce the grant on a ground a-d, motivated, while it is not vastgesteld."""
        besluit = self.eis_toekenning_intrekbaar()
        if grond not in INTREKKINGSGRONDEN:
            raise OngeldigeInvoer("een intrekking noemt een grond van art. 4:48 lid 1 Awb: --grond a, b, c of d")
        if not motivering.strip():
            raise OngeldigeInvoer("een intrekking wordt gemotiveerd: geef --motivering (Awb 3:46)")
        regels.samenhangende_data(datum, besluit["datum"], "de toekenning", handeling="de intrekking")
        self._toekenning_ingetrokken(
            grond=grond,
            motivering=motivering.strip(),
            bedrag=bedrag,
            vouchers=vouchers,
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.wijk),
        )

    def eis_toekenning_intrekbaar(self) -> dict[str, Any]:
        """Awb 4:48: only a grant that is not vastgesteld; returns the grant decision."""
        if self.status != st.Status.TOEGEKEND or self.besluit is None:
            raise OngeldigeToestand(
                f"aanvraag {self.nummer} heeft status {self.status}: alleen een toekenning die nog niet is "
                "vastgesteld kan worden ingetrokken",
                artikel="Awb 4:48",
                nummer=self.nummer,
                status=self.status,
            )
        return self.besluit

    def stel_vast(
        self,
        bedrag: Bedrag | None,
        grond: str | None,
        motivering: str | None,
        betaald: Bedrag,
        onbesteed: Bedrag,
        uitvoeren_tot: date,
        datum: date,
        gebruiker: str,
        *,
        mandaat: dict[str, Any],
    ) -> Bedrag:
        """Settle the grant; returns the amount vastgesteld. The caller releases `onbesteed` from the vouchers."""
        self._eis_status("vaststellen")
        besluit = self.besluit or {}
        regels.samenhangende_data(datum, besluit["datum"], "de toekenning", handeling="de vaststelling")
        vaststelling.eis_vaststelbaar(self.nummer, onbesteed, uitvoeren_tot, datum)
        vastgesteld, vordering = vaststelling.vast_te_stellen(
            self.nummer, bedrag, grond, motivering, betaald, self.teruggevorderd
        )
        self._vastgesteld(
            bedrag=vastgesteld,
            betaald=betaald,
            teruggevorderd=vordering,
            vrijgegeven=onbesteed,
            grond=grond if vordering.centen else None,
            motivering=motivering.strip() if motivering else None,
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.wijk),
        )
        return vastgesteld

    @property
    def vastgesteld(self) -> Bedrag | None:
        return self.vaststelling["bedrag"] if self.vaststelling else None

    @property
    def openstaand(self) -> Bedrag:
        """Claimed back and not yet received (Awb 4:57)."""
        return self.teruggevorderd - self.terugontvangen

    def vorder_terug(
        self, bedrag: Bedrag, motivering: str, betaald: Bedrag, datum: date, gebruiker: str, *, mandaat: dict[str, Any]
    ) -> None:
        """Awb 4:57: claim back `bedrag` of what was paid less what was vastgesteld, less what was claimed."""
        self._eis_status("terugvorderen")
        if not motivering.strip():
            raise OngeldigeInvoer("een terugvordering wordt gemotiveerd: geef --motivering (Awb 3:46)")
        grondslag = self.vaststelling or self.besluit or {}
        wat = "de vaststelling" if self.vaststelling else "het besluit waarop zij rust"
        regels.samenhangende_data(datum, grondslag["datum"], wat, handeling="de terugvordering")
        vastgesteld = self.vastgesteld or Bedrag.nul()
        vaststelling.eis_vordering(self.nummer, bedrag, betaald, vastgesteld, self.teruggevorderd)
        self._terugvordering_ingesteld(
            bedrag=bedrag,
            motivering=motivering.strip(),
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.wijk),
        )

    def ontvang_terug(self, bedrag: Bedrag, datum: date, gebruiker: str) -> None:
        """The kasbeheerder books what the initiatiefnemer paid back; never more than is open."""
        vaststelling.eis_ontvangst(self.nummer, bedrag, self.openstaand)
        self._eis_niet_voor_ontvangst(datum)
        self._terugbetaling_ontvangen(bedrag=bedrag, datum=datum, gebruiker=gebruiker)
