"""The rows of the read models: one dataclass per view table, and nothing else.

Each dataclass *is* the schema of its table (projections/tabellen.py derives the columns
from the fields), so the in-memory fold and the stored views cannot drift apart, and a
test can compare them with `==`.

A row is a slotted dataclass: a rebuild or a replay holds hundreds of thousands of them, and
without an instance dict each takes a third of the memory and is quicker to make and read.

Rules owned here:
- money is whole cents (`int`), never a float or a Decimal; dates are `date`;
- derived figures (uitstaand, beschikbaar, restant, status, beslissen_voor) are properties,
  computed from the stored facts; the SQL layer writes them as extra columns for whoever
  queries the tables directly, and never reads them back;
- no personal data: the aanvragen register keeps which items of art. 4 lid 2 are missing,
  never the name, address, telephone or signature themselves (AVG: data minimisation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag
from projections.saldo import Saldo


@dataclass(slots=True)
class GemeenteRij:
    """What the fold needs of the gemeente: the beslistermijn of its regeling (art. 5 lid 1)."""

    gemeente_id: UUID
    naam: str
    beslistermijn_weken: int
    ingericht: date


@dataclass(slots=True)
class SaldoRij:
    """Saldo per wijk and budget year (CLI.md `voucher saldo`)."""

    wijk_id: UUID
    wijk: str
    periode: int
    naam: str = ""
    budget: int = 0
    uitvoeringskosten: int = 0
    plafond: int = 0
    toegekend: int = 0
    verzilverd: int = 0
    contant: int = 0
    vervallen: int = 0
    afgesloten: date | None = None
    teruggevorderd: int = 0  # Awb 4:57: claimed back from what was paid
    terugontvangen: int = 0  # paid back to the gemeente; available again under the plafond

    @property
    def uitstaand(self) -> int:
        return self.toegekend - self.verzilverd - self.contant - self.vervallen

    @property
    def beschikbaar(self) -> int:
        return self.plafond - self.toegekend + self.vervallen + self.terugontvangen

    def als_saldo(self) -> Saldo:
        """The value type the saldo command has always printed."""
        return Saldo(
            wijk=self.wijk,
            periode=self.periode,
            naam=self.naam,
            budget=Bedrag(self.budget),
            uitvoeringskosten=Bedrag(self.uitvoeringskosten),
            plafond=Bedrag(self.plafond),
            toegekend=Bedrag(self.toegekend),
            verzilverd=Bedrag(self.verzilverd),
            contant=Bedrag(self.contant),
            vervallen=Bedrag(self.vervallen),
            teruggevorderd=Bedrag(self.teruggevorderd),
            terugontvangen=Bedrag(self.terugontvangen),
        )


@dataclass(slots=True)
class VoucherRij:
    """One voucher with what was paid from it and its restant (art. 9)."""

    voucher_id: UUID
    code: str
    aanvraag: int
    wijk: str
    periode: int
    waarde: int
    verstrekt: date
    uitvoeren_tot: date
    verzilverd: int = 0
    contant: int = 0
    vervallen: int = 0
    geweigerd: int = 0  # number of payments the kasbeheerder refused (art. 9 lid 2)
    laatste_betaling: date | None = None
    ingetrokken: int = 0  # value withdrawn with the grant (Awb 4:48); in the saldo it counts as vervallen

    @property
    def restant(self) -> int:
        return self.waarde - self.verzilverd - self.contant - self.vervallen - self.ingetrokken

    @property
    def status(self) -> str:
        # The same words as the Voucher aggregate (`voucher toon`).
        if self.vervallen:
            return "vervallen"
        if not self.restant:
            return "ingetrokken" if self.ingetrokken else "besteed"
        return "geldig"

    def als_dict(self) -> dict[str, Any]:
        """One voucher as `voucher vouchers` prints it (CLI.md)."""
        return {
            "code": self.code,
            "aanvraag": self.aanvraag,
            "wijk": self.wijk,
            "periode": self.periode,
            "waarde": Bedrag(self.waarde),
            "restant": Bedrag(self.restant),
            "status": self.status,
            "verstrekt": self.verstrekt,
            "uitvoeren_tot": self.uitvoeren_tot,
        }


@dataclass(slots=True)
class AanvraagRij:
    """The register of aanvragen: number, wijk, status, terms and decision, no personal data."""

    aanvraag_id: UUID
    nummer: int
    wijk: str
    periode: int
    status: str
    ontvangen: date
    geregistreerd: date
    beslistermijn_weken: int
    ontbreekt: tuple[str, ...] = ()
    volledig_sinds: date | None = None
    aanvulling_gevraagd_op: date | None = None
    aanvulling_termijn: date | None = None
    opgeschort_dagen: int = 0
    kosten: int | None = None
    raadpleging: str | None = None
    besluit_datum: date | None = None
    toegekend: int | None = None
    vouchers: int = 0
    grond: str | None = None
    start_voor: date | None = None
    bekendgemaakt: date | None = None
    wijzigingen: int = 0
    vastgesteld: int | None = None  # Awb 4:42-4:47
    teruggevorderd: int = 0  # Awb 4:57: claimed back from what was paid
    terugontvangen: int = 0  # paid back to the gemeente

    @property
    def beslissen_voor(self) -> date | None:
        """Art. 5 lid 1, Awb 4:13-4:15: receipt + term + days paused; none while paused or incomplete."""
        if self.aanvulling_gevraagd_op is not None or self.volledig_sinds is None:
            return None
        return self.ontvangen + timedelta(weeks=self.beslistermijn_weken, days=self.opgeschort_dagen)


@dataclass(slots=True)
class KasboekRij:
    """One line of the kasboek, in the order the acts were recorded (notification id).

    `restant_voucher` and `saldo_wijk` are the running balances after this line: what the
    voucher can still pay, and what all vouchers of the wijk together can still pay (the
    wijk's `uitstaand`). Every line moves them by its own amount only, so the book can be
    checked line by line: `verstrekt` adds, `verzilverd`, `contant` and `vervallen`
    subtract, `geweigerd` is on record but moves nothing, `gecorrigeerd` (a storno) gives the
    amount of the line it corrects (`corrigeert`) back, `ingetrokken` (Awb 4:48) subtracts.
    `teruggevorderd` and `terugontvangen` (Awb 4:57) are the aanvraag's, not a voucher's (`voucher`
    is empty): money the initiatiefnemer owes and pays back, which moves no voucher value.
    """

    positie: int
    datum: date
    soort: str
    voucher: str
    aanvraag: int
    wijk: str
    periode: int
    bedrag: int
    restant_voucher: int
    saldo_wijk: int
    door: str
    leverancier: str | None = None
    factuur: str | None = None  # the invoice number; for cash, the receipt number (kwitantie) if one was given
    reden: str | None = None
    corrigeert: int | None = None  # a correction (storno): the number of the payment line it corrects

    @property
    def mutatie(self) -> int:
        """The signed effect of this line on the running balances."""
        return {"verstrekt": self.bedrag, "gecorrigeerd": self.bedrag}.get(
            self.soort, 0 if self.soort in ZONDER_MUTATIE else -self.bedrag
        )


@dataclass(frozen=True)
class Kasboekvraag:
    """What `kasboek` looks for beyond wijk, voucher and year: a date range (both ends included)
    and text in the supplier's name or the invoice (or receipt) number, in any case."""

    van: date | None = None
    tot: date | None = None
    leverancier: str | None = None
    factuur: str | None = None

    def __post_init__(self) -> None:
        if self.van is not None and self.tot is not None and self.van > self.tot:
            raise OngeldigeInvoer(f"--van ({self.van.isoformat()}) ligt na --tot ({self.tot.isoformat()})")

    def past(self, r: KasboekRij) -> bool:
        return (
            (self.van is None or r.datum >= self.van)
            and (self.tot is None or r.datum <= self.tot)
            and _bevat(r.leverancier, self.leverancier)
            and _bevat(r.factuur, self.factuur)
        )

    def als_dict(self) -> dict[str, Any]:
        return {"van": self.van, "tot": self.tot, "leverancier": self.leverancier, "factuur": self.factuur}


def _bevat(waarde: str | None, gezocht: str | None) -> bool:
    return gezocht is None or (waarde is not None and gezocht.casefold() in waarde.casefold())


SOORTEN = (
    "verstrekt", "verzilverd", "contant", "geweigerd", "vervallen", "gecorrigeerd", "ingetrokken",
    "teruggevorderd", "terugontvangen",
)  # fmt: skip
ZONDER_MUTATIE = ("geweigerd", "teruggevorderd", "terugontvangen")  # on record, they move no voucher value

Rij = GemeenteRij | SaldoRij | VoucherRij | AanvraagRij | KasboekRij
