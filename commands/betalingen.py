"""Kasbeheer: paying from a voucher (art. 8 and 9 of the verordening).

Rules owned here (the Voucher and Factuur aggregates check each of them; this module loads,
decides through them and saves):
- `voucher verzilver` (art. 9 lid 3 onder a): an invoice of a supplier paid from the voucher,
  within its restant, on or after the invoice's date and within the betaaltermijn (art. 5 lid 8);
- `voucher contant` (art. 9 lid 3 onder b): cash for the aanvrager, at most the regeling's
  contant_max, with its receipt number (kwitantie) if there is one;
- the invoice register (art. 9 lid 1): one invoice, or one cash receipt, is paid once; an identical
  repeat changes nothing, the same invoice with another voucher or amount is refused; an invoice
  freed by a correction (commands/nazorg.py) may be booked again;
- `voucher betaling weigeren` (art. 9 lid 2): a refused payment is recorded with its reason; a paid
  invoice is not refused but corrected;
- the kasbeheerder's mandate for the voucher's wijk (art. 1 onder h, art. 8) before anything.
`Betalingen.betaal` is the one payment path: `verzilver`, `contant` and `import betalingen`
(commands/importeren.py) all book through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from commands import resultaten as r
from ledger import gebeurtenissen, ids
from ledger.datum import formatteer_datum
from ledger.fouten import FactuurAlGeboekt
from ledger.geld import Bedrag
from ledger.gemeente import Gemeente
from ledger.voucher import Factuur, Voucher

if TYPE_CHECKING:  # the command models (pydantic) are only types here; reads never import pydantic
    from commands import modellen as m
    from commands.dienst import Besluit
    from commands.opslag import VoucherLedger

R = TypeVar("R")
A = TypeVar("A", bound=Aggregate)

CONTANT = "(contant)"  # the 'supplier' of a cash receipt in the invoice register
VERZILVER, CONTANT_OPNEMEN = "verzilver", "contant"  # art. 9 lid 3 onder a and onder b


@dataclass(frozen=True, slots=True)
class Betaalopdracht:
    """One payment as the kasbeheerder presents it: an invoice (art. 9 lid 3 onder a) or cash (onder b)."""

    soort: str  # VERZILVER or CONTANT_OPNEMEN
    bedrag: Bedrag
    leverancier: str | None  # the supplier of an invoice; None for cash
    factuur: str | None  # the invoice number; for cash the receipt number (kwitantie), if any
    factuurdatum: date | None = None  # the invoice's date (art. 5 lid 8 and the betaaltermijn); None for cash

    @property
    def register(self) -> tuple[str, str] | None:
        """The key in the invoice register, or None for cash without a receipt number."""
        if self.soort == VERZILVER:
            return (self.leverancier or "", self.factuur or "")
        return (CONTANT, self.factuur) if self.factuur else None


class Betalingen:
    """The use cases of art. 8 and 9; `Dienst` inherits them (`dienst.verzilver(...)`).

    They use the public core of commands/dienst.py, declared here for the type checker only."""

    if TYPE_CHECKING:
        app: VoucherLedger
        gebruiker: str
        _vrije_facturen: dict[UUID, Factuur]

        def datum(self, datum: date | None) -> date: ...
        def voer_uit(self, beslis: Callable[[], Besluit[R]], cmd: Any = None, resultaat: Any = None) -> R: ...
        def gemeente(self, *, wijzigen: bool = True) -> Gemeente: ...
        def laad(self, cls: type[A], aggregate_id: UUID, *, wijzigen: bool = True) -> A | None: ...
        def laad_voucher(self, tekst: str) -> Voucher: ...

    def verzilver(self, cmd: m.Verzilver) -> r.Betaling:
        datum = self.datum(cmd.datum)
        betaling = Betaalopdracht(VERZILVER, cmd.bedrag, cmd.leverancier, cmd.factuur, cmd.factuurdatum)

        def beslis() -> Besluit[r.Betaling]:
            g = self.gemeente(wijzigen=False)
            v = self.laad_voucher(cmd.code)
            return self.betaal(g, v, betaling, datum), _betaling_uitkomst(v, cmd.bedrag)

        return self.voer_uit(beslis, cmd, r.Betaling)

    def neem_contant_op(self, cmd: m.NeemContantOp) -> r.Betaling:
        datum = self.datum(cmd.datum)
        betaling = Betaalopdracht(CONTANT_OPNEMEN, cmd.bedrag, None, cmd.kwitantie)

        def beslis() -> Besluit[r.Betaling]:
            g = self.gemeente(wijzigen=False)
            v = self.laad_voucher(cmd.code)
            return self.betaal(g, v, betaling, datum), _betaling_uitkomst(v, cmd.bedrag)

        return self.voer_uit(beslis, cmd, r.Betaling)

    def betaal(
        self,
        g: Gemeente,
        v: Voucher,
        b: Betaalopdracht,
        datum: date,
        herhaling: Callable[[], bool] | None = None,
    ) -> list[Aggregate]:
        """Art. 9: the one payment path of `verzilver`, `contant` and `import betalingen`.

        The kasbeheerder's mandate for the voucher's wijk, then the invoice register (an
        identical repeat changes nothing: returns []), then the voucher's rules (restant, cash
        max, dates, functiescheiding). `herhaling` replaces the register check where the caller
        knows more (the import: earlier lines of the same file). Returns what changed: the voucher and, when the payment
        has an invoice or receipt number, its entry in the invoice register."""
        g.eis_mandaat(self.gebruiker, "kasbeheerder", v.wijk, datum)
        register = b.register
        if register is not None:
            al = herhaling() if herhaling else self.factuur_al_geboekt(*register, v.code, b.bedrag)
            if al:
                return []
        r = g.regeling_op(datum)
        if b.soort == VERZILVER:
            v.verzilver(
                b.bedrag,
                b.leverancier or "",
                b.factuur or "",
                datum,
                self.gebruiker,
                factuurdatum=b.factuurdatum,
                betaaltermijn_dagen=r.betaaltermijn_dagen,
            )
        else:
            v.neem_contant_op(b.bedrag, r.contant_max, datum, self.gebruiker, kwitantie=b.factuur)
        if register is None:
            return [v]
        return [v, self.boek_factuur(*register, v.code, b.bedrag, datum)]

    def factuur_al_geboekt(self, leverancier: str, factuur: str, code: str, bedrag: Bedrag) -> bool:
        """Art. 9: one invoice (or cash receipt) is paid once. True for an identical repeat;
        the same invoice with another voucher or amount is refused."""
        factuur_id = ids.factuur_id(leverancier, factuur)
        if factuur_id not in self.app.bestaande([factuur_id]):  # one cheap query; most invoices are new
            return False
        geboekt = self.laad(Factuur, factuur_id)
        if geboekt is None:
            return False
        if geboekt.vrij:  # its payment was corrected: it may be booked again (boek_factuur)
            self._vrije_facturen[factuur_id] = geboekt
            return False
        if geboekt.voucher == code and geboekt.bedrag == bedrag:
            return True
        wat = f"kwitantie {factuur}" if leverancier == CONTANT else f"factuur {factuur} van {leverancier}"
        raise FactuurAlGeboekt(
            f"{wat} is al betaald op {formatteer_datum(geboekt.datum)}: {geboekt.bedrag} van voucher {geboekt.voucher}",
            artikel="art. 9 lid 1",
            voucher=geboekt.voucher,
            bedrag=geboekt.bedrag,
        )

    def boek_factuur(self, leverancier: str, factuur: str, code: str, bedrag: Bedrag, datum: date) -> Factuur:
        """The entry in the invoice register; an invoice freed by a correction is booked again on its own entry."""
        vrij = self._vrije_facturen.pop(ids.factuur_id(leverancier, factuur), None)
        if vrij is not None:
            vrij.boek_opnieuw(code, bedrag, datum, self.gebruiker)
            return vrij
        return Factuur(
            leverancier=leverancier, factuur=factuur, voucher=code, bedrag=bedrag, datum=datum, gebruiker=self.gebruiker
        )

    def weiger_betaling(self, cmd: m.WeigerBetaling) -> r.BetalingGeweigerd:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.BetalingGeweigerd]:
            g = self.gemeente(wijzigen=False)
            v = self.laad_voucher(cmd.code)
            g.eis_mandaat(self.gebruiker, "kasbeheerder", v.wijk, datum)
            if cmd.leverancier and cmd.factuur:
                self._eis_niet_betaald(cmd.leverancier, cmd.factuur)
            v.weiger_betaling(cmd.bedrag, cmd.reden, cmd.leverancier, cmd.factuur, datum, self.gebruiker)
            return [v], r.BetalingGeweigerd(v.code, cmd.bedrag, cmd.reden, v.restant)

        return self.voer_uit(beslis, cmd, r.BetalingGeweigerd)

    def _eis_niet_betaald(self, leverancier: str, factuur: str) -> None:
        """Art. 9 lid 2 refuses a payment before it is made; a paid invoice is corrected, not refused."""
        factuur_id = ids.factuur_id(leverancier, factuur)
        geboekt = self.laad(Factuur, factuur_id, wijzigen=False) if self.app.bestaande([factuur_id]) else None
        if geboekt is None or geboekt.vrij:
            return
        nummer = self.betaalgebeurtenis(geboekt.voucher, leverancier, factuur)
        raise FactuurAlGeboekt(
            f"factuur {factuur} van {leverancier} is al betaald op {formatteer_datum(geboekt.datum)} "
            f"({geboekt.bedrag} van voucher {geboekt.voucher}): een betaalde factuur wordt niet geweigerd maar "
            f"gecorrigeerd, met 'voucher betaling corrigeren {geboekt.voucher} --gebeurtenis {nummer} --reden ...'",
            artikel="art. 9 lid 2",
            voucher=geboekt.voucher,
            gebeurtenis=nummer,
        )

    def betaalgebeurtenis(self, code: str, leverancier: str, factuur: str) -> int | None:
        """The number in the log of the latest payment of this invoice from voucher `code`."""
        voucher_id = ids.voucher_id(code)
        gevonden = None
        for nummer, e in self.app.genummerd(topics=[get_topic(gebeurtenissen.VoucherVerzilverd)]):
            if e.originator_id == voucher_id and ids.normaliseer(e.factuur) == ids.normaliseer(factuur):
                if ids.normaliseer(e.leverancier) == ids.normaliseer(leverancier):
                    gevonden = nummer
        return gevonden


def _betaling_uitkomst(v: Voucher, bedrag: Bedrag) -> r.Betaling:
    return r.Betaling(v.code, bedrag, v.restant, v.wijk)
