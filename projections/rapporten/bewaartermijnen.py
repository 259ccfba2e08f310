"""`voucher bewaartermijnen`: the dossiers whose retention term has ended, to be forgotten.

A fold of the log (no personal data is read): per aanvraag its wijk and budget year, how it
ended (toegekend, geweigerd, niet afgehandeld), only for a finished file (an undecided aanvraag
is kept, ledger/bewaartermijnen.py `eis_afgerond`), the date of its decision, the date of its
last act and whether its personal data was destroyed already (ledger/dossier.py, which `voucher
vergeet` reads too). The term itself is decided in
one place, ledger/bewaartermijnen.py; `voucher vergeet NR` applies the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from uuid import UUID

from ledger import gebeurtenissen as g
from ledger.bewaartermijnen import BRON, bewaartermijn, is_afgerond
from ledger.dossier import Dossier, pas_toe
from projections.tekst import tabel


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
