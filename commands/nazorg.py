"""Na de verlening: correcting a booking (storno) (art. 9 lid 1 and 3).

Rules owned here (the aggregates check each of them; this module loads and saves):
- `voucher betaling corrigeren CODE --gebeurtenis NR --reden` (the kasbeheerder, art. 1 onder h
  and art. 9 lid 1): a payment or cash withdrawal booked by mistake is never edited or deleted; a
  correcting event points at it by its number in the log and gives its amount back to the
  voucher's restant. Refused: no such event (exit 3), another voucher's event, an event that is
  no payment, an event corrected before, a closed period (art. 5 lid 8), a kasbeheerder without
  a mandate for the voucher's wijk (exit 1);
- the corrected invoice (or cash receipt) is freed in the invoice register in the same
  transaction, so that it can be booked again, on the right voucher;
- `betaling weigeren` on an invoice that is already paid is refused with a pointer to
  `betaling corrigeren` and the event number of that payment (commands/dienst.py).
"""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate

from commands.dienst import CONTANT, Besluit, Dienst
from commands.modellen import Opdracht, Tekst
from ledger import ids
from ledger.fouten import NietGevonden, OngeldigeToestand
from ledger.voucher import Factuur


class CorrigeerBetaling(Opdracht):
    code: str
    gebeurtenis: int
    reden: Tekst


def corrigeer_betaling(dienst: Dienst, cmd: CorrigeerBetaling) -> dict[str, Any]:
    """Storno of one booked payment or cash withdrawal of voucher `cmd.code`."""
    datum = dienst.datum(cmd.datum)

    def beslis() -> Besluit[dict[str, Any]]:
        g = dienst.gemeente()
        v = dienst.laad_voucher(cmd.code)
        g.eis_mandaat(dienst.gebruiker, "kasbeheerder", v.wijk, datum)
        betaling = dienst.app.gebeurtenis(cmd.gebeurtenis)
        if betaling is None:
            raise NietGevonden(f"gebeurtenis #{cmd.gebeurtenis} bestaat niet", gebeurtenis=cmd.gebeurtenis)
        w = dienst.laad_wijk(v.wijk, v.periode)
        if w.gesloten:
            raise OngeldigeToestand(
                f"de periode {w.periode} van wijk {w.code} is afgesloten: er wordt niets meer gecorrigeerd",
                artikel="art. 5 lid 8",
            )
        bedrag = v.corrigeer(betaling, cmd.gebeurtenis, cmd.reden, datum, dienst.gebruiker)
        nieuw: list[Aggregate] = [v]
        register = _register(betaling)
        if register is not None:
            f = dienst.laad(Factuur, ids.factuur_id(*register))
            if f is not None and f.voucher == v.code and not f.vrij:
                f.geef_vrij(cmd.gebeurtenis, datum, dienst.gebruiker)
                nieuw.append(f)
        return nieuw, {
            "voucher": v.code,
            "gecorrigeerd": cmd.gebeurtenis,
            "bedrag": bedrag,
            "restant": v.restant,
            "wijk": v.wijk,
            "reden": cmd.reden,
        }

    return dienst.voer_uit(beslis, cmd)


def _register(betaling: Any) -> tuple[str, str] | None:
    """The invoice register's key of a payment event: its invoice, or its cash receipt if it had one."""
    factuur = getattr(betaling, "factuur", None)
    if factuur is not None:
        return (betaling.leverancier, factuur)
    kwitantie = getattr(betaling, "kwitantie", None)
    return (CONTANT, kwitantie) if kwitantie else None


def melding(u: dict[str, Any]) -> str:
    return (
        f"Betaling #{u['gecorrigeerd']} van voucher {u['voucher']} gecorrigeerd (storno): {u['bedrag'].nl()} terug "
        f"naar het restant, nu {u['restant'].nl()}. De betaling en de correctie blijven beide zichtbaar."
    )
