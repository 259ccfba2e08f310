"""`voucher bewaartermijnen`: the dossiers whose retention term has ended, to be forgotten.

A fold of the log (no personal data is read): per aanvraag its wijk and budget year, how it
ended (toegekend, geweigerd, niet afgehandeld), only for a finished file (an undecided aanvraag
is kept, ledger/bewaartermijnen.py `eis_afgerond`), the date of its decision, the date of its
last act and whether its personal data was destroyed already. The term itself is decided in
one place, ledger/bewaartermijnen.py; `voucher vergeet NR` applies the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from ledger import gebeurtenissen as g
from ledger.bewaartermijnen import BRON, bewaartermijn, is_afgerond
from projections.tekst import tabel


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


def bouw(genummerd: Iterable[tuple[int, Any]], per: date) -> dict[str, Any]:
    """Every dossier whose term has ended on `per` (the end date itself included), by number."""
    uitvoeren_tot: dict[tuple[str, int], date] = {}
    wijk_van: dict[UUID, tuple[str, int]] = {}
    gesloten: set[tuple[str, int]] = set()
    dossiers: dict[UUID, Dossier] = {}
    for _, e in genummerd:
        if isinstance(e, g.WijkAangewezen):
            uitvoeren_tot[(e.code, e.periode)] = e.uitvoeren_tot
            wijk_van[e.originator_id] = (e.code, e.periode)
        elif isinstance(e, g.WijkPeriodeAfgesloten) and e.originator_id in wijk_van:
            gesloten.add(wijk_van[e.originator_id])
        elif isinstance(e, g.AanvraagIngediend):
            dossiers[e.originator_id] = Dossier(e.nummer, e.wijk, e.periode, e.ontvangen, e.datum)
        elif (d := dossiers.get(getattr(e, "originator_id", None))) is not None:  # type: ignore[arg-type]
            pas_toe(d, e)
    uit = []
    for d in sorted(dossiers.values(), key=lambda d: d.nummer):
        eind = uitvoeren_tot.get((d.wijk, d.periode), date(d.periode, 12, 31))
        termijn = bewaartermijn(d.status, eind, d.besluit, d.laatste)
        # Only a finished file is forgotten (ledger/bewaartermijnen.py `eis_afgerond`), as `voucher vergeet` judges.
        if termijn.verstreken(per) and is_afgerond(d.status, periode_gesloten=(d.wijk, d.periode) in gesloten):
            uit.append(
                {
                    "aanvraag": d.nummer,
                    "wijk": d.wijk,
                    "periode": d.periode,
                    "uitkomst": termijn.uitkomst,
                    "bewaren_tot": termijn.einde,
                    "vergeten": d.vernietigd is not None,
                    "vernietigd_op": d.vernietigd,
                }
            )
    return {"per": per, "bron": BRON, "dossiers": uit}


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


def tekst(m: dict[str, Any]) -> str:
    if not m["dossiers"]:
        return f"Op {m['per']:%d-%m-%Y} is van geen enkele aanvraag de bewaartermijn verstreken ({m['bron']})."
    kop = ["aanvraag", "wijk", "periode", "uitkomst", "bewaren tot", "vergeten"]
    rijen = [
        [
            str(d["aanvraag"]),
            d["wijk"],
            str(d["periode"]),
            d["uitkomst"],
            f"{d['bewaren_tot']:%d-%m-%Y}",
            f"ja, op {d['vernietigd_op']:%d-%m-%Y}" if d["vergeten"] else "nee",
        ]
        for d in m["dossiers"]
    ]
    open_ = sum(1 for d in m["dossiers"] if not d["vergeten"])
    return (
        f"Bewaartermijn verstreken op {m['per']:%d-%m-%Y} ({m['bron']}): {len(m['dossiers'])} dossier(s), "
        f"{open_} nog te vergeten met 'voucher vergeet NR'.\n" + tabel(kop, rijen)
    )
