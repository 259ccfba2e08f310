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

from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from commands import kasresultaten as r
from commands.kern import Besluit, Kern
from commands.samenlezen import lees_samen
from ledger import ids
from ledger.datum import formatteer_datum
from ledger.fouten import FactuurAlGeboekt, NietGevonden, OngeldigeInvoer, OpslagOnbeschikbaar, RegelOvertreden
from ledger.geld import Bedrag
from ledger.gemeente import Gemeente
from ledger.regeling import Regeling
from ledger.voucher import Factuur, Voucher
from ledger.vouchercode import maak_code, parse_code

if TYPE_CHECKING:  # the command models (pydantic) are only types here; reads never import pydantic
    from commands import modellen as m

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


class Betalingen(Kern):
    """The use cases of art. 8 and 9; `Dienst` inherits them (`dienst.verzilver(...)`), on the public core."""

    def verzilver(self, cmd: m.Verzilver) -> r.Betaling:
        datum = self.datum(cmd.datum)
        betaling = Betaalopdracht(VERZILVER, cmd.bedrag, cmd.leverancier, cmd.factuur, cmd.factuurdatum)

        def beslis() -> Besluit[r.Betaling]:
            ronde = self.kasronde([cmd.code], [betaling])
            v = ronde.voucher(cmd.code)
            return ronde.betaal(v, betaling, datum), _betaling_uitkomst(v, cmd.bedrag)

        return self.voer_uit(beslis, cmd, r.Betaling)

    def neem_contant_op(self, cmd: m.NeemContantOp) -> r.Betaling:
        datum = self.datum(cmd.datum)
        betaling = Betaalopdracht(CONTANT_OPNEMEN, cmd.bedrag, None, cmd.kwitantie)

        def beslis() -> Besluit[r.Betaling]:
            ronde = self.kasronde([cmd.code], [betaling])
            v = ronde.voucher(cmd.code)
            return ronde.betaal(v, betaling, datum), _betaling_uitkomst(v, cmd.bedrag)

        return self.voer_uit(beslis, cmd, r.Betaling)

    def kasronde(self, codes: Iterable[str], opdrachten: Sequence[Betaalopdracht]) -> Kasronde:
        """What the payments of one decision need, read in one round trip (commands/samenlezen.py):
        the gemeente, these vouchers and the invoice register of these payments. A payment or
        two loads its register entries along; a file (the import) asks which of its invoices
        are in the register at all, and loads only those."""
        voucher_ids = {}
        for tekst in codes:
            try:
                voucher_ids[ids.voucher_id(maak_code(*parse_code(tekst)))] = tekst
            except OngeldigeInvoer:  # reported by Kasronde.voucher, after the gemeente, as laad_voucher does
                continue
        registers = {b.register: None for b in opdrachten if b.register is not None}
        factuur_ids = {reg: ids.factuur_id(*reg) for reg in registers}
        weinig = len(factuur_ids) <= KLEINE_RONDE
        laden = [ids.gemeente_id(), *voucher_ids, *(factuur_ids.values() if weinig else ())]
        geladen, bekend = lees_samen(self.app, laden, () if weinig else list(factuur_ids.values()))
        g = geladen.pop(ids.gemeente_id())
        if not isinstance(g, Gemeente):
            g = self.gemeente(wijzigen=False)  # says what is wrong: not ingericht, or another kind of data
        register = {i: _van_soort(Factuur, i, geladen.get(i)) for i in set(factuur_ids.values())} if weinig else {}
        vouchers = {i: _van_soort(Voucher, i, geladen[i]) for i in voucher_ids}
        return Kasronde(self, g, vouchers, factuur_ids, register, None if weinig else bekend)

    def factuur_al_geboekt(self, geboekt: Factuur | None, register: tuple[str, str], code: str, bedrag: Bedrag) -> bool:
        """Art. 9: one invoice (or cash receipt) is paid once. True for an identical repeat of the
        entry `geboekt` (None: not in the register); the same invoice with another voucher or amount
        is refused. An entry freed by a correction may be booked again (Kasronde.betaal)."""
        if geboekt is None or geboekt.vrij:
            return False
        if geboekt.voucher == code and geboekt.bedrag == bedrag:
            return True
        leverancier, factuur = register
        wat = f"kwitantie {factuur}" if leverancier == CONTANT else f"factuur {factuur} van {leverancier}"
        raise FactuurAlGeboekt(
            f"{wat} is al betaald op {formatteer_datum(geboekt.datum)}: {geboekt.bedrag} van voucher {geboekt.voucher}",
            artikel="art. 9 lid 1",
            voucher=geboekt.voucher,
            bedrag=geboekt.bedrag,
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
        for nummer, e in self.app.genummerd(topics=[get_topic(Voucher.Verzilverd)]):
            if e.originator_id == voucher_id and ids.normaliseer(e.factuur) == ids.normaliseer(factuur):
                if ids.normaliseer(e.leverancier) == ids.normaliseer(leverancier):
                    gevonden = nummer
        return gevonden


KLEINE_RONDE = 10  # up to so many invoices a round loads their register entries along with the vouchers


class Kasronde:
    """The payments of one decision (one `verzilver` or `contant`, or a whole import) against what
    they need, read once: the gemeente, the vouchers, the invoice register (Betalingen.kasronde).

    `betaal` is the one payment path, line by line: the same rules, in the same order, for a
    payment on its own and for line 9.999 of a file. What does not change within a decision
    is looked up once per round: the kasbeheerder's mandate per wijk and date, the regeling in
    force per date, the register key of each invoice. Payments of one round count together:
    two lines on one voucher both come off its restant, and an invoice met earlier in the
    round is a repeat (identical) or refused (otherwise)."""

    def __init__(
        self,
        dienst: Betalingen,
        g: Gemeente,
        vouchers: dict[UUID, Voucher | None],
        factuur_ids: dict[tuple[str, str], UUID],
        register: dict[UUID, Factuur | None],
        bekend: set[UUID] | None,
    ) -> None:
        self.dienst = dienst
        self.gemeente = g
        self._vouchers = vouchers
        self._factuur_ids = factuur_ids
        self._register = register  # entries loaded (a copy each: a freed one is booked again)
        self._bekend = bekend  # the import: which invoices are in the register at all (None: all loaded)
        self._in_ronde: dict[UUID, tuple[str, Bedrag, int | None]] = {}
        self._mandaten: set[tuple[str, date]] = set()
        self._regelingen: dict[date, Regeling] = {}
        self._codes: dict[str, tuple[str, UUID]] = {}  # as written -> (voucher code, stream id)

    def voucher(self, tekst: str) -> Voucher:
        """The voucher of this round (one object per voucher: its payments count together)."""
        code, voucher_id = self._codes.get(tekst) or self._code(tekst)
        if voucher_id not in self._vouchers:  # not asked for up front
            self._vouchers[voucher_id] = self.dienst.laad(Voucher, voucher_id)
        v = self._vouchers[voucher_id]
        if v is None:
            raise NietGevonden(f"voucher {code} is nooit verstrekt", voucher=code)
        return v

    def _code(self, tekst: str) -> tuple[str, UUID]:
        code = maak_code(*parse_code(tekst))
        self._codes[tekst] = (code, ids.voucher_id(code))
        return self._codes[tekst]

    def betaal(self, v: Voucher, b: Betaalopdracht, datum: date, regel: int | None = None) -> list[Aggregate]:
        """Art. 9: the kasbeheerder's mandate for the voucher's wijk, then the invoice register (an
        identical repeat changes nothing: returns []), then the voucher's rules (restant, cash max,
        dates, functiescheiding). Returns what changed: the voucher and, when the payment has an
        invoice or receipt number, its entry in the invoice register. `regel`: the line of a file."""
        dienst = self.dienst
        if (v.wijk, datum) not in self._mandaten:
            self.gemeente.eis_mandaat(dienst.gebruiker, "kasbeheerder", v.wijk, datum)
            self._mandaten.add((v.wijk, datum))
        register = b.register
        factuur_id = None
        if register is not None:
            factuur_id = self._factuur_ids.get(register) or ids.factuur_id(*register)
            if self._al_geboekt(factuur_id, register, v.code, b.bedrag, regel):
                return []
        r = self._regelingen.get(datum)
        if r is None:
            r = self._regelingen[datum] = self.gemeente.regeling_op(datum)
        if b.soort == VERZILVER:
            v.verzilver(
                b.bedrag,
                b.leverancier or "",
                b.factuur or "",
                datum,
                dienst.gebruiker,
                factuurdatum=b.factuurdatum,
                betaaltermijn_dagen=r.betaaltermijn_dagen,
            )
        else:
            v.neem_contant_op(b.bedrag, r.contant_max, datum, dienst.gebruiker, kwitantie=b.factuur)
        if register is None or factuur_id is None:
            return [v]
        self._in_ronde[factuur_id] = (v.code, b.bedrag, regel)
        return [v, self._boek(factuur_id, register, v.code, b.bedrag, datum)]

    def _al_geboekt(
        self, factuur_id: UUID, register: tuple[str, str], code: str, bedrag: Bedrag, regel: int | None
    ) -> bool:
        eerder = self._in_ronde.get(factuur_id)
        if eerder is not None:  # earlier in this round (the same file)
            if eerder[:2] == (code, bedrag):
                return True
            waar = f"op regel {eerder[2]}" if eerder[2] is not None else "eerder in deze partij"
            raise RegelOvertreden(
                f"factuur {register[1]} staat al {waar} met een ander bedrag of een andere voucher",
                artikel="art. 9 lid 1",
            )
        return self.dienst.factuur_al_geboekt(self._geboekt(factuur_id), register, code, bedrag)

    def _geboekt(self, factuur_id: UUID) -> Factuur | None:
        """The register entry of an invoice, if it has one: loaded with the round, or now (a file's
        invoice that the register knows: a repeat, mostly)."""
        if factuur_id not in self._register:
            bekend = self._bekend is None or factuur_id in self._bekend
            self._register[factuur_id] = self.dienst.laad(Factuur, factuur_id) if bekend else None
        return self._register[factuur_id]

    def _boek(self, factuur_id: UUID, register: tuple[str, str], code: str, bedrag: Bedrag, datum: date) -> Factuur:
        """The entry in the invoice register; an invoice freed by a correction is booked again on its own entry."""
        vrij = self._register.get(factuur_id)
        gebruiker = self.dienst.gebruiker
        if vrij is not None and vrij.vrij:
            vrij.boek_opnieuw(code, bedrag, datum, gebruiker)
            return vrij
        leverancier, factuur = register
        return Factuur.geboekt(factuur_id, leverancier, factuur, code, bedrag, datum, gebruiker)


def _van_soort(cls: type[A], aggregate_id: UUID, agg: Aggregate | None) -> A | None:
    """A copy of what was read under `aggregate_id`, to change; as Dienst.laad, refusing another kind of data."""
    if agg is None:
        return None
    if not isinstance(agg, cls):
        raise OpslagOnbeschikbaar(f"onverwacht soort gegevens onder {aggregate_id}")
    return deepcopy(agg)


def _betaling_uitkomst(v: Voucher, bedrag: Bedrag) -> r.Betaling:
    return r.Betaling(v.code, bedrag, v.restant, v.wijk)
