"""Late entries: acts recorded long after their business date, for the verantwoording's exceptions.

Paper records are often entered later, and the ledger allows it (`--datum`); an auditor wants
to see where the books of a day were filled in afterwards. Rules owned here:
- an act is late when the day it was recorded (Amsterdam) is more than N days after its
  business date, N the `laat_geboekt_dagen` (default 14) of the regeling in force on that date: exactly N days is in
  time, N + 1 is late (ledger/vastlegging.py `is_laat`);
- every late act is listed, with both dates and who entered it; an act of the gemeente
  (inrichting, mandaten) is listed when the report covers every wijk and year;
- the CSV of the verantwoording names the same acts in the columns `laat_geboekt_op` and
  `dagen_laat` of their rows (projections/rapporten/handelingen.py).
"""

from __future__ import annotations

from typing import Any

from ledger import vastlegging
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import Geschiedenis, Vertraagd

SOORT = "laat_geboekt"
OMSCHRIJVING = "laat vastgelegd: meer dagen na de datum van de handeling dan de regeling toestaat (laat_geboekt_dagen)"


def uitzonderingen(h: Geschiedenis, wijken: set[tuple[str, int]], gemeente: bool) -> list[dict[str, Any]]:
    """One exception per late act in the selection (`wijken`; the gemeente's own acts when `gemeente`)."""
    uit = []
    for v in h.vertraagd:
        grens = h.regeling_op(v.handeling.datum).laat_geboekt_dagen  # the regeling in force on the act's date
        if not vastlegging.is_laat(v.dagen, grens) or v.handeling.vastgelegd is None:
            continue
        if v.wijk is None or v.periode is None:
            if not gemeente:
                continue
        elif (v.wijk, v.periode) not in wijken:
            continue
        uit.append(_uitzondering(v, grens))
    return uit


def _uitzondering(v: Vertraagd, grens: int) -> dict[str, Any]:
    op = vastlegging.dag(v.handeling.vastgelegd) if v.handeling.vastgelegd else v.handeling.datum
    velden: dict[str, Any] = {"soort": SOORT, "omschrijving": OMSCHRIJVING, "wijk": v.wijk, "periode": v.periode}
    if v.aanvraag is not None:
        velden["aanvraag"] = v.aanvraag
    if v.voucher is not None:
        velden["voucher"] = v.voucher
    return velden | {
        "datum": v.handeling.datum,
        "toelichting": f"{v.wat}: vastgelegd op {o.nl(op)} door {v.handeling.door}, {v.dagen} dagen na de datum "
        f"van de handeling ({o.nl(v.handeling.datum)}; grens {grens} dagen)",
        "vastgelegd": op,
        "door": v.handeling.door,
        "dagen_laat": v.dagen,
        "gebeurtenis": v.handeling.gebeurtenis,
    }
