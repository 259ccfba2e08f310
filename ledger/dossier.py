"""An aanvraag's dossier as the retention term sees it: how it ended, its decision, its last act.

The inputs of the term (ledger/bewaartermijnen.py `bewaartermijn`), read from the aanvraag's own
events in one place: `voucher vergeet NR` judges one dossier with `dossier_uit`, and the report
`voucher bewaartermijnen` (projections/rapporten/bewaartermijnen.py) folds every dossier of the log
with `pas_toe`. No personal data is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ledger import gebeurtenissen as g


@dataclass
class Dossier:
    nummer: int
    wijk: str
    periode: int
    ontvangen: date
    laatste: date
    status: str = "open"
    besluit: date | None = None
    vernietigd: date | None = None


def dossier_uit(gebeurtenissen: Iterable[Any]) -> Dossier:
    """One aanvraag's dossier from its own events, in version order (what `voucher vergeet` judges)."""
    eerste, *rest = gebeurtenissen
    d = Dossier(eerste.nummer, eerste.wijk, eerste.periode, eerste.ontvangen, eerste.datum)
    for e in rest:
        pas_toe(d, e)
    return d


def pas_toe(d: Dossier, e: Any) -> None:
    """One later event of the aanvraag: its last act, and how it ended (the term's inputs, one place)."""
    if isinstance(e, g.AanvraagPersoonsgegevensVernietigd):
        d.vernietigd = e.datum
        return  # forgetting is no act on the matter itself
    d.laatste = max(d.laatste, e.datum)
    if isinstance(e, g.AanvraagToegekend):
        d.status, d.besluit = "toegekend", e.datum
    elif isinstance(e, g.AanvraagGeweigerd) or (isinstance(e, g.AanvraagRaadplegingBesloten) and e.uitkomst == "tegen"):
        d.status, d.besluit = "geweigerd", e.datum
    elif isinstance(e, g.AanvraagVastgesteld):
        d.status = "vastgesteld"
    elif isinstance(e, g.AanvraagIngetrokken):
        d.status = "ingetrokken"
    elif isinstance(e, g.AanvraagBuitenBehandelingGesteld):
        d.status = "buiten behandeling"
