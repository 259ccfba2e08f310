"""Saldo per wijk and budget year, folded from the events.

The figures of CLI.md: budget, uitvoeringskosten, plafond, toegekend (value of vouchers
issued), verzilverd (invoices paid), contant (cash), vervallen (expired or withdrawn),
uitstaand = toegekend - verzilverd - contant - vervallen, beschikbaar = plafond - toegekend
+ vervallen. `per` gives the figures as they stood at the end of that business date:
only acts with `datum <= per` count, whenever they were entered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ledger.geld import Bedrag

BEDRAGVELDEN = (
    "budget",
    "uitvoeringskosten",
    "plafond",
    "toegekend",
    "verzilverd",
    "contant",
    "vervallen",
    "uitstaand",
    "beschikbaar",
)


@dataclass
class Saldo:
    wijk: str
    periode: int
    naam: str = ""
    budget: Bedrag = field(default_factory=Bedrag.nul)
    uitvoeringskosten: Bedrag = field(default_factory=Bedrag.nul)
    plafond: Bedrag = field(default_factory=Bedrag.nul)
    toegekend: Bedrag = field(default_factory=Bedrag.nul)
    verzilverd: Bedrag = field(default_factory=Bedrag.nul)
    contant: Bedrag = field(default_factory=Bedrag.nul)
    vervallen: Bedrag = field(default_factory=Bedrag.nul)

    @property
    def uitstaand(self) -> Bedrag:
        return self.toegekend - self.verzilverd - self.contant - self.vervallen

    @property
    def beschikbaar(self) -> Bedrag:
        return self.plafond - self.toegekend + self.vervallen

    def als_dict(self) -> dict[str, Any]:
        uit: dict[str, Any] = {"wijk": self.wijk, "naam": self.naam, "periode": self.periode}
        for naam in BEDRAGVELDEN:
            uit[naam] = getattr(self, naam)
        return uit


def totaal(saldi: Iterable[Saldo]) -> dict[str, Bedrag]:
    som = {naam: Bedrag.nul() for naam in BEDRAGVELDEN}
    for s in saldi:
        for naam in BEDRAGVELDEN:
            som[naam] = som[naam] + getattr(s, naam)
    return som


def vouw(gebeurtenissen: Iterable[Any], per: date | None = None) -> list[Saldo]:
    """Fold every event into saldi, sorted by wijk and period."""
    from ledger import gebeurtenissen as g  # on use: the saldo view is read without the event classes

    saldi: dict[tuple[str, int], Saldo] = {}
    voucher_wijk: dict[Any, tuple[str, int]] = {}

    def saldo_van(sleutel: tuple[str, int]) -> Saldo:
        if sleutel not in saldi:
            saldi[sleutel] = Saldo(*sleutel)
        return saldi[sleutel]

    wijk_sleutel: dict[Any, tuple[str, int]] = {}
    for e in gebeurtenissen:
        datum = getattr(e, "datum", None)
        if per is not None and datum is not None and datum > per:
            continue
        if isinstance(e, g.WijkAangewezen):
            sleutel = (e.code, e.periode)
            wijk_sleutel[e.originator_id] = sleutel
            s = saldo_van(sleutel)
            s.naam, s.budget = e.naam, e.budget
        elif isinstance(e, g.WijkUitvoeringskostenGereserveerd):
            saldo_van(wijk_sleutel[e.originator_id]).uitvoeringskosten = e.bedrag
        elif isinstance(e, g.WijkSubsidieplafondVastgesteld):
            saldo_van(wijk_sleutel[e.originator_id]).plafond = e.plafond
        elif isinstance(e, g.VoucherVerstrekt):
            sleutel = (e.wijk, e.periode)
            voucher_wijk[e.originator_id] = sleutel
            s = saldo_van(sleutel)
            s.toegekend = s.toegekend + e.waarde
        elif isinstance(e, g.VoucherVerzilverd):
            s = saldo_van(voucher_wijk[e.originator_id])
            s.verzilverd = s.verzilverd + e.bedrag
        elif isinstance(e, g.VoucherContantOpgenomen):
            s = saldo_van(voucher_wijk[e.originator_id])
            s.contant = s.contant + e.bedrag
        elif isinstance(e, g.VoucherVervallen):
            s = saldo_van(voucher_wijk[e.originator_id])
            s.vervallen = s.vervallen + e.bedrag
    return [saldi[k] for k in sorted(saldi)]


__all__ = ["BEDRAGVELDEN", "Saldo", "totaal", "vouw"]
