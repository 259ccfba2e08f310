"""`voucher rapport verantwoording`: the accountant's account per wijk and initiative.

What it shows, for every wijk and budget year up to a date (`tot`):
- the saldo figures of `voucher saldo` (budget, uitvoeringskosten, plafond, toegekend,
  verzilverd, contant, vervallen, uitstaand, beschikbaar), which reconcile to the cent;
- the uitvoeringskosten against the limit of art. 2 lid 3 (at most 10 % of the budget);
- per initiative: the aanvraag, every request for aanvulling, every decision (date, ground,
  motivering, who, in which capacity: under mandate on behalf of the college, Awb 10:10),
  the vouchers with every payment (date, supplier, invoice, amount), cash, refused payments,
  expiries and the restant;
- the exceptions: decisions out of the order of receipt with their reason (art. 4 lid 4),
  decisions after the beslistermijn and aanvragen still open after it (art. 5 lid 1),
  refused payments (art. 9 lid 2), cash at or near the maximum per withdrawal and several
  withdrawals from one voucher on one day that together exceed it (art. 9 lid 3 onder b), and
  acts recorded more than the regeling's `laat_geboekt_dagen` after their date (rapporten/laat.py).

Every amount names the event it rests on (`gebeurtenis`, its number in the log); the report
states the date it speaks of and the number of the last event it includes, never the time
it was made, so the same history gives byte-identical output in every format.

Personal data: the applicant's name is shown only to readers who need it, the college and the
regiegroep of the aanvraag's wijk (ledger/persoonsgegevens.py `mag_zien`); the caller decrypts
those names and hands them in (`aanvragers`). Everyone else reads "aanvrager" and the aanvraag
number, which points to the file; after `voucher vergeet` the name reads "[verwijderd]".
Address, telephone and signature are never in this report.

One module per section, each with its model, its text and its HTML: `kop` (what the report is),
`overzicht` (saldo per wijk, uitvoeringskosten), `uitzonderingen`, `wijk`, `initiatief`, `voucher`;
the CSV and the spreadsheet are one row per act (projections/rapporten/handelingen.py).
"""

from __future__ import annotations

from typing import Any

from ledger.geld import Bedrag
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import Geschiedenis
from projections.rapporten.verantwoording import kop, overzicht, uitzonderingen, wijk
from projections.rapporten.verantwoording.overzicht import saldo_van
from projections.rapporten.verantwoording.uitzonderingen import CONTANT_NABIJ_PROCENT, UITZONDERINGEN
from projections.rapporten.verantwoording.woorden import BESLUITSOORT, NAMEN_ZIN, SALDOVELDEN, versie_tekst
from projections.rapporten.zonder_gc import zonder_gc

kop_regels = kop.regels  # what the report is, in sentences: also on the spreadsheet's "Over dit bestand"


@zonder_gc
def bouw(
    h: Geschiedenis, wijk: str | None = None, periode: int | None = None, aanvragers: dict[int, str] | None = None
) -> dict[str, Any]:
    """The verantwoording as one ordered tree of plain values (Bedrag, date, str, int, bool, None).

    `aanvragers`: the applicant's name per aanvraag number, for the aanvragen whose applicants
    the reader may see; every other aanvraag shows AFGESCHERMD."""
    wijken = h.wijk_lijst(wijk, periode)
    namen = aanvragers or {}
    model_wijken = [_wijk_model(h, w, namen) for w in wijken]
    return {
        "rapport": "verantwoording",
        "titel": "Verantwoording vouchers bewonersinitiatieven",
        "gemeente": h.gemeente,
        "regeling": h.regeling.naam,
        "regelingversies": kop.versies(h),
        "tot": h.stand,
        "tot_gevraagd": h.tot is not None,
        "bekend_op": h.bekend_op,
        "laatste_gebeurtenis": h.laatste,
        "gebeurtenissen": h.meegeteld,
        "selectie": {"wijk": wijk, "periode": periode},
        "namen_zichtbaar": any(i["aanvraag"] in namen for w in model_wijken for i in w["initiatieven"]),
        "wijken": model_wijken,
        "uitzonderingen": uitzonderingen.bouw(h, wijken, alles=wijk is None and periode is None),
        "totaal": {k: sum((w[k] for w in model_wijken), Bedrag.nul()) for k in SALDOVELDEN},
    }


_wijk_model = wijk.model  # `bouw` has a parameter named wijk


@zonder_gc
def tekst(m: dict[str, Any]) -> str:
    regels = [*kop.tekst(m), *overzicht.tekst(m), *uitzonderingen.tekst(m)]
    for w in m["wijken"]:
        regels += wijk.tekst(w)
    return "\n".join(regels).rstrip("\n") + "\n"


@zonder_gc
def html(m: dict[str, Any]) -> str:
    delen = [*kop.html(m), *overzicht.html(m), *uitzonderingen.html(m)]
    for w in m["wijken"]:
        delen += wijk.html(w)
    return o.html_pagina(f"{m['titel']} — {m['gemeente']}", delen)


__all__ = [
    "BESLUITSOORT",
    "CONTANT_NABIJ_PROCENT",
    "NAMEN_ZIN",
    "SALDOVELDEN",
    "UITZONDERINGEN",
    "bouw",
    "html",
    "kop_regels",
    "saldo_van",
    "tekst",
    "versie_tekst",
]
