"""Na de verlening: correcting a booking (storno, art. 9 lid 1 and 3) and withdrawing or reducing
a grant (intrekking, wijziging ten nadele: Awb 4:48-4:50).

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
  `betaling corrigeren` and the event number of that payment (commands/dienst.py);
- `voucher toekenning intrekken NR --grond a|b|c|d --motivering [--bedrag]` (Awb 4:48 lid 1,
  the regiegroep or the college): a grant that is not vastgesteld is withdrawn for its whole
  unspent part, or reduced by `--bedrag`; never below what was paid (that part is a terugvordering,
  Awb 4:57), never in a closed period. The value comes off the vouchers deterministically: the
  voucher with the highest number first, each down to its restant, then the next. The wijk counts
  the released value as `vervallen`, so `beschikbaar` rises by it. A decision with a letter and
  bezwaar (`voucher besluit NR`).
"""

from __future__ import annotations

from typing import Any, Literal

from eventsourcing.domain import Aggregate

from commands import resultaten as r
from commands.betalingen import CONTANT
from commands.kern import Besluit, Kern
from commands.modellen import Opdracht, Positief, Tekst
from ledger import ids
from ledger.fouten import NietGevonden, OngeldigeToestand, RegelOvertreden
from ledger.geld import Bedrag
from ledger.status import Status
from ledger.voucher import Factuur, Voucher


class CorrigeerBetaling(Opdracht):
    code: str
    gebeurtenis: int
    reden: Tekst


def corrigeer_betaling(dienst: Kern, cmd: CorrigeerBetaling) -> r.Correctie:
    """Storno of one booked payment or cash withdrawal of voucher `cmd.code`."""
    datum = dienst.datum(cmd.datum)

    def beslis() -> Besluit[r.Correctie]:
        g = dienst.gemeente(wijzigen=False)
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
        a = dienst.laad_aanvraag(v.aanvraag)
        if a.status == Status.VASTGESTELD:  # else betaald drops under vastgesteld and the voucher could pay again
            raise OngeldigeToestand(
                f"aanvraag {a.nummer} is vastgesteld op {a.vastgesteld}: een betaling wordt niet meer gecorrigeerd; "
                "wat ten onrechte is betaald wordt teruggevorderd (voucher terugvordering instellen)",
                artikel="Awb 4:46, 4:57",
            )
        bedrag = v.corrigeer(betaling, cmd.gebeurtenis, cmd.reden, datum, dienst.gebruiker)
        nieuw: list[Aggregate] = [v]
        register = _register(betaling)
        if register is not None:
            f = dienst.laad(Factuur, ids.factuur_id(*register))
            if f is not None and f.voucher == v.code and not f.vrij:
                f.geef_vrij(cmd.gebeurtenis, datum, dienst.gebruiker)
                nieuw.append(f)
        return nieuw, r.Correctie(v.code, cmd.gebeurtenis, bedrag, v.restant, v.wijk, cmd.reden)

    return dienst.voer_uit(beslis, cmd, r.Correctie)


class TrekToekenningIn(Opdracht):
    nummer: int
    grond: Literal["a", "b", "c", "d"]
    motivering: Tekst
    bedrag: Positief | None = None


def trek_toekenning_in(dienst: Kern, cmd: TrekToekenningIn) -> r.ToekenningIngetrokken:
    """Awb 4:48: release the unspent value of a grant (or `cmd.bedrag` of it)."""
    datum = dienst.datum(cmd.datum)

    def beslis() -> Besluit[r.ToekenningIngetrokken]:
        g = dienst.gemeente(wijzigen=False)
        a = dienst.laad_aanvraag(cmd.nummer)
        mandaat = dienst.eis_regie(g, a.wijk, datum, ook_college=True)
        toekenning = a.eis_toekenning_intrekbaar()
        w = dienst.laad_wijk(a.wijk, a.periode)
        w.eis_open()
        vouchers = [dienst.laad_voucher(v["code"]) for v in toekenning["vouchers"]]
        onbesteed = sum((v.restant for v in vouchers), Bedrag.nul())
        bedrag = cmd.bedrag if cmd.bedrag is not None else onbesteed
        if not onbesteed.centen or bedrag > onbesteed:
            raise RegelOvertreden(
                f"van aanvraag {a.nummer} is {onbesteed} onbesteed: ten hoogste dat kan worden ingetrokken; "
                "wat al betaald is, wordt teruggevorderd (Awb 4:57)",
                artikel="Awb 4:48",
                onbesteed=onbesteed,
            )
        verdeling = verdeel_intrekking(vouchers, bedrag)
        a.trek_toekenning_in(
            cmd.grond,
            cmd.motivering,
            bedrag,
            [{"code": v.code, "bedrag": deel} for v, deel in verdeling],
            datum,
            dienst.gebruiker,
            mandaat=mandaat,
        )
        for v, deel in verdeling:
            v.trek_waarde_in(deel, cmd.grond, datum, dienst.gebruiker)
        w.geef_vrij(a.nummer, bedrag, datum, dienst.gebruiker)
        return [a, w, *(v for v, _ in verdeling)], r.ToekenningIngetrokken(
            a.nummer,
            a.wijk,
            a.periode,
            cmd.grond,
            bedrag,
            [r.Voucherwaarde(v.code, v.waarde - v.ingetrokken, v.restant) for v in vouchers],
            w.beschikbaar,
        )

    return dienst.voer_uit(beslis, cmd, r.ToekenningIngetrokken)


def verdeel_intrekking(vouchers: list[Voucher], bedrag: Bedrag) -> list[tuple[Voucher, Bedrag]]:
    """The withdrawn value per voucher: the highest voucher number first, each down to its restant."""
    uit = []
    rest = bedrag
    for v in sorted(vouchers, key=lambda v: v.code, reverse=True):
        deel = min(rest, v.restant)
        if deel.centen > 0:
            uit.append((v, deel))
            rest = rest - deel
    return uit


def intrekking_melding(u: dict[str, Any]) -> str:
    regels = [
        f"Toekenning van aanvraag {u['aanvraag']} ingetrokken voor {u['ingetrokken'].nl()} (Awb 4:48 lid 1 onder "
        f"{u['grond']}); beschikbaar in wijk {u['wijk']} {u['periode']}: {u['beschikbaar'].nl()}. "
        f"De brief met bezwaarclausule: voucher besluit {u['aanvraag']}."
    ]
    regels += [f"  {v['code']}  waarde {v['waarde'].nl():>12}  restant {v['restant'].nl():>12}" for v in u["vouchers"]]
    return "\n".join(regels)


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
