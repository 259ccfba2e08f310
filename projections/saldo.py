"""Saldo per wijk and budget year, folded from the events.

The figures of CLI.md: budget, uitvoeringskosten, plafond, toegekend (value of vouchers
issued), verzilverd (invoices paid), contant (cash), vervallen (expired or withdrawn),
uitstaand = toegekend - verzilverd - contant - vervallen, teruggevorderd (claimed back, Awb
4:57), terugontvangen (paid back), beschikbaar = plafond - toegekend + vervallen + terugontvangen. The saldo view and the reports fold the events into these (projections/vouwen.py,
projections/rapporten/); this module owns the figures and how they derive.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
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
    "teruggevorderd",
    "terugontvangen",
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
    teruggevorderd: Bedrag = field(default_factory=Bedrag.nul)  # Awb 4:57: claimed back from what was paid
    terugontvangen: Bedrag = field(default_factory=Bedrag.nul)  # paid back: available again under the plafond

    @property
    def uitstaand(self) -> Bedrag:
        return self.toegekend - self.verzilverd - self.contant - self.vervallen

    @property
    def beschikbaar(self) -> Bedrag:
        return self.plafond - self.toegekend + self.vervallen + self.terugontvangen

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


__all__ = ["BEDRAGVELDEN", "Saldo", "totaal"]
