"""The words every section of the verantwoording shares: the saldo figures, the kinds of decision,
the sentence on personal data, and an act as the report shows it (date, who, event)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ledger.begrippen import VASTSTELLING
from projections.rapporten import nazorg
from projections.rapporten.geschiedenis import Geschiedenis, Handeling
from projections.saldo import BEDRAGVELDEN

SALDOVELDEN = BEDRAGVELDEN  # the figures of `voucher saldo`, in its order
NAMEN_ZIN = (
    "Dit rapport noemt de namen van aanvragers omdat de lezer college of regiegroep van de wijk is (AVG: alleen "
    "voor wie erover beslist; niet verder verspreiden); adres, telefoon en handtekening staan er niet in."
)
BESLUITSOORT = {
    "toegekend": "toegekend",
    "geweigerd": "geweigerd",
    "geschikt": "geschikt verklaard voor de wijkraadpleging (art. 5 lid 3)",
    "raadpleging": "wijkraadpleging",
    "buiten behandeling": "buiten behandeling gesteld, aanvullingstermijn ongebruikt verstreken (Awb 4:5)",
    nazorg.INTREKKING: "toekenning ingetrokken (Awb 4:48)",
    VASTSTELLING: "vastgesteld (Awb 4:42-4:47)",
}


def als_dict(h: Handeling) -> dict[str, Any]:
    """An act in the model: its business date, who did it and the event that records it."""
    return {"datum": h.datum, "door": h.door, "gebeurtenis": h.gebeurtenis}


def versie_tekst(h: Geschiedenis, datum: date) -> str:
    """' (regeling versie N)' where it matters: only when the regeling has more than one version."""
    return f" (regeling versie {h.versie_op(datum)[0]})" if len(h.regelingversies) > 1 else ""
