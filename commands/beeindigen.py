"""An aanvraag that ends without a decision on the vouchers: ingetrokken, or buiten behandeling.

Rules owned here (the aggregate checks each of them; this module loads and saves):
- `voucher aanvraag intrekken NR --reden` (art. 4 lid 1: the regiegroep or the college registers
  what the initiatiefnemer hands in, so also a withdrawal): only before a decision on the
  vouchers; the aanvraag leaves the order of receipt (art. 4 lid 4) in the same transaction, so a
  duplicate no longer blocks the aanvragen behind it;
- `voucher aanvraag buiten-behandeling NR --motivering` (Awb 4:5 lid 1): only an incomplete
  aanvraag for which an aanvulling was asked (art. 4 lid 3) and whose term passed without it: on
  the last day of the term it is refused, from the day after allowed. It is a decision of the
  college (taken under mandate, Awb 10:10) with a letter and a bezwaarclausule
  (`voucher besluit NR`, projections/rapporten/besluit.py);
- a repeat of the same act (same reden or motivering) writes nothing.
"""

from __future__ import annotations

from typing import Any

from commands import resultaten as r
from commands.kern import Besluit, Kern
from commands.modellen import Opdracht, Tekst
from ledger.datum import formatteer_datum
from ledger.status import Status


class TrekAanvraagIn(Opdracht):
    nummer: int
    reden: Tekst


class StelBuitenBehandeling(Opdracht):
    nummer: int
    motivering: Tekst


def trek_in(dienst: Kern, cmd: TrekAanvraagIn) -> r.Beeindiging:
    datum = dienst.datum(cmd.datum)

    def beslis() -> Besluit[r.Beeindiging]:
        g = dienst.gemeente(wijzigen=False)
        a = dienst.laad_aanvraag(cmd.nummer)
        mandaat = dienst.eis_regie(g, a.wijk, datum, ook_college=True)
        if a.status == Status.INGETROKKEN and a.intrekking and a.intrekking["reden"] == cmd.reden:
            return [], _uitkomst(a)
        w = dienst.laad_wijk(a.wijk, a.periode)
        a.trek_in(cmd.reden, datum, dienst.gebruiker, mandaat=mandaat)
        w.haal_uit_wachtrij(a.nummer, "ingetrokken", datum, dienst.gebruiker)
        return [a, w], _uitkomst(a)

    return dienst.voer_uit(beslis, cmd, r.Beeindiging)


def stel_buiten_behandeling(dienst: Kern, cmd: StelBuitenBehandeling) -> r.Beeindiging:
    datum = dienst.datum(cmd.datum)

    def beslis() -> Besluit[r.Beeindiging]:
        g = dienst.gemeente(wijzigen=False)
        a = dienst.laad_aanvraag(cmd.nummer)
        mandaat = dienst.eis_regie(g, a.wijk, datum, ook_college=True)
        if a.status == Status.BUITEN_BEHANDELING and a.besluit and a.besluit["motivering"] == cmd.motivering:
            return [], _uitkomst(a)
        # An incomplete aanvraag is not in the order of receipt (art. 4 lid 4): only the aanvraag changes.
        a.stel_buiten_behandeling(cmd.motivering, datum, dienst.gebruiker, mandaat=mandaat)
        return [a], _uitkomst(a)

    return dienst.voer_uit(beslis, cmd, r.Beeindiging)


def _uitkomst(a: Any) -> r.Beeindiging:
    handeling = a.intrekking if a.status == Status.INGETROKKEN else a.besluit
    return r.Beeindiging(a.nummer, a.wijk, a.periode, a.status, handeling["datum"], handeling["door"])


def melding(u: dict[str, Any]) -> str:
    if u["status"] == Status.INGETROKKEN:
        return (
            f"Aanvraag {u['aanvraag']} (wijk {u['wijk']}, {u['periode']}) is ingetrokken op "
            f"{formatteer_datum(u['datum'])}; zij is uit de volgorde van binnenkomst (art. 4 lid 4)."
        )
    return (
        f"Aanvraag {u['aanvraag']} (wijk {u['wijk']}, {u['periode']}) is buiten behandeling gesteld op "
        f"{formatteer_datum(u['datum'])} (Awb 4:5). De brief met bezwaarclausule: voucher besluit {u['aanvraag']}."
    )
