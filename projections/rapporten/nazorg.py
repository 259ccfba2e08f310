"""The acts after the grant in the reports: corrections (storno) of payments (art. 9 lid 1).

One formulation per fact for every format of the verantwoording (text, CSV, JSON, HTML):
- a payment line names the correction that undid it (`gecorrigeerd`: its event number), and the
  correction is shown right beside the payment it corrects, with who, when and why;
- in the CSV a correction carries the corrected amount negatively under the payment's
  `saldopost`, so that the sums per saldopost stay equal to `voucher saldo`;
- every correction is an exception for the accountant;
- a vaststelling (Awb 4:42-4:47) is a decision beside the others; each terugvordering and each
  receipt of it (Awb 4:57) is a fact of the initiative with who and when, and a claim not (fully)
  received is an exception.
"""

from __future__ import annotations

from typing import Any

from ledger.begrippen import HERROEPING, VASTSTELLING
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import AanvraagHistorie, Correctie, VoucherHistorie

SOORT = "gecorrigeerd"
UITZONDERING = ("betaling_gecorrigeerd", "betaling of contante opname gecorrigeerd (storno, art. 9 lid 1)")


def correcties(v: VoucherHistorie) -> list[dict[str, Any]]:
    """The voucher's corrections as the model holds them, in the order of the log."""
    return [_correctie(c) for c in sorted(v.correcties, key=lambda c: c.handeling.gebeurtenis)]


def _correctie(c: Correctie) -> dict[str, Any]:
    return {
        "datum": c.handeling.datum,
        "corrigeert": c.corrigeert,
        "soort": c.soort,
        "bedrag": c.bedrag,
        "reden": c.reden,
        "door": c.handeling.door,
        "gebeurtenis": c.handeling.gebeurtenis,
    }


def gecorrigeerd_door(v: VoucherHistorie, gebeurtenis: int) -> int | None:
    """The number of the correction of payment `gebeurtenis`, or None."""
    return next((c.handeling.gebeurtenis for c in v.correcties if c.corrigeert == gebeurtenis), None)


def bij(v: dict[str, Any], betaling: dict[str, Any]) -> dict[str, Any] | None:
    """In the model of a voucher: the correction of this payment, or None."""
    return next((c for c in v["correcties"] if c["corrigeert"] == betaling["gebeurtenis"]), None)


def omschrijving(c: dict[str, Any]) -> str:
    return f"storno van #{c['corrigeert']}: {c['reden']}"


def uitzondering(c: Correctie) -> str:
    return f"corrigeert #{c.corrigeert} ({c.soort} {c.bedrag.nl()}): {c.reden}"


# --- the grant withdrawn or reduced (Awb 4:48) -----------------------------------------------------
INTREKKING = "intrekking"
UITZONDERING_INTREKKING = ("toekenning_ingetrokken", "toekenning ingetrokken of verlaagd (Awb 4:48)")


def intrekking_wat(b: dict[str, Any]) -> str:
    return f"toekenning ingetrokken voor {b['bedrag'].nl()} (Awb 4:48)"


def intrekking_grond(b: dict[str, Any]) -> str:
    return f"grond art. 4:48 lid 1 onder {b['grond']} Awb: {b['intrekkingsgrond']}"


def waardeintrekkingen(v: VoucherHistorie) -> list[dict[str, Any]]:
    return [
        {"datum": x.handeling.datum, "door": x.handeling.door, "gebeurtenis": x.handeling.gebeurtenis}
        | {"bedrag": x.bedrag, "grond": x.grond}
        for x in v.intrekkingen
    ]


def waardeintrekking_omschrijving(x: dict[str, Any]) -> str:
    if x["grond"] == VASTSTELLING:
        return "onbesteed bij de vaststelling (Awb 4:44); telt als vervallen"
    if x["grond"] == HERROEPING:
        return "vervallen met de toekenning, herroepen op bezwaar (Awb 7:11); telt als vervallen"
    return f"ingetrokken met de toekenning (Awb 4:48 lid 1 onder {x['grond']}); telt als vervallen"


# --- vaststelling and terugvordering (Awb 4:42-4:47, 4:57) ----------------------------------------
UITZONDERING_VORDERING = ("vordering_open", "terugvordering nog niet (geheel) ontvangen (Awb 4:57)")


def vaststelling_wat(b: dict[str, Any]) -> str:
    return f"vastgesteld op {b['bedrag'].nl()} (Awb 4:42-4:46)"


def vaststelling_grond(b: dict[str, Any]) -> str:
    return f"lager dan betaald, grond art. 4:46 lid 2 onder {b['grond']} Awb: {b['vaststellingsgrond']}"


def vorderingen(a: AanvraagHistorie) -> list[dict[str, Any]]:
    return [
        {"datum": v.handeling.datum, "door": v.handeling.door, "gebeurtenis": v.handeling.gebeurtenis}
        | {"soort": v.soort, "bedrag": v.bedrag, "motivering": v.motivering}
        for v in a.vorderingen
    ]


def vordering_zin(v: dict[str, Any]) -> str:
    if v["soort"] == "terugontvangen":
        return (
            f"terugontvangen {v['bedrag'].nl()} op {o.nl(v['datum'])}, geboekt door {v['door']} [#{v['gebeurtenis']}]"
        )
    motivering = f": {v['motivering']}" if v["motivering"] else ""
    return (
        f"teruggevorderd {v['bedrag'].nl()} op {o.nl(v['datum'])} door {v['door']} (Awb 4:57){motivering} "
        f"[#{v['gebeurtenis']}]"
    )
