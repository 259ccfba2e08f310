"""Vaststelling (Awb 4:42-4:47) and terugvordering (Awb 4:57) of a grant.

Rules owned here (the aggregates check each of them, ledger/vaststelling.py holds the rules;
this module loads and saves):
- `voucher aanvraag vaststellen NR [--bedrag --grond --motivering]` (the regiegroep or the
  college, art. 5 "het college of de regiegroep"): default what was paid on the grant's vouchers
  (verzilverd and contant, corrected payments excluded); lower only on a ground of Awb 4:46
  lid 2 with a motivering, never higher; once the vouchers are spent or withdrawn, or after the
  execution date. The unspent rest is released from the vouchers in the same transaction (the
  highest voucher first, as with `toekenning intrekken`) and the wijk counts it as `vervallen`;
  a lower vaststelling claims the difference back. A decision with a letter and bezwaar
  (`voucher besluit NR`);
- `voucher terugvordering instellen NR --bedrag --motivering` (the college, Awb 4:57): never more
  than what was paid less what was vastgesteld, less what was claimed already;
- `voucher terugvordering ontvangen NR --bedrag` (the kasbeheerder of the wijk, art. 9): never
  more than is open;
- a repeat of the same act writes nothing (`vaststellen` of an aanvraag vastgesteld at the same
  amount; the receipt and the claim have no natural key and are refused by their limits instead).
"""

from __future__ import annotations

from typing import Any, Literal

from commands import resultaten as r
from commands.kern import Besluit, Kern
from commands.modellen import Opdracht, Positief, Tekst
from commands.nazorg import verdeel_intrekking
from ledger import namens
from ledger.aanvraag import Aanvraag
from ledger.begrippen import VASTSTELLING
from ledger.geld import Bedrag
from ledger.status import Status
from ledger.voucher import Voucher


class StelVast(Opdracht):
    nummer: int
    bedrag: Positief | None = None
    grond: Literal["a", "b", "c", "d"] | None = None
    motivering: Tekst | None = None


class VorderTerug(Opdracht):
    nummer: int
    bedrag: Positief
    motivering: Tekst


class OntvangTerug(Opdracht):
    nummer: int
    bedrag: Positief


def betaald(vouchers: list[Voucher]) -> Bedrag:
    """What was paid from the grant: verzilverd and contant, corrected payments excluded (art. 8 lid 1)."""
    return sum((v.verzilverd + v.contant for v in vouchers), Bedrag.nul())


def stel_vast(dienst: Kern, cmd: StelVast) -> r.Vaststelling:
    datum = dienst.datum(cmd.datum)

    def beslis() -> Besluit[r.Vaststelling]:
        g = dienst.gemeente(wijzigen=False)
        a = dienst.laad_aanvraag(cmd.nummer)
        mandaat = dienst.eis_regie(g, a.wijk, datum, ook_college=True)
        if a.status == Status.VASTGESTELD and a.vaststelling and cmd.bedrag in (None, a.vastgesteld):
            return [], _vastgesteld(a)
        w = dienst.laad_wijk(a.wijk, a.periode)
        vouchers = dienst.laad_vouchers_van(a)
        onbesteed = sum((v.restant for v in vouchers), Bedrag.nul())
        a.stel_vast(
            cmd.bedrag,
            cmd.grond,
            cmd.motivering,
            betaald(vouchers),
            onbesteed,
            w.uitvoeren_tot,
            datum,
            dienst.gebruiker,
            mandaat=mandaat,
        )
        nieuw: list[Any] = [a]
        if onbesteed.centen:
            verdeling = verdeel_intrekking(vouchers, onbesteed)
            for v, deel in verdeling:
                v.trek_waarde_in(deel, VASTSTELLING, datum, dienst.gebruiker)
            w.geef_vrij(a.nummer, onbesteed, datum, dienst.gebruiker)
            nieuw += [w, *(v for v, _ in verdeling)]
        return nieuw, _vastgesteld(a)

    return dienst.voer_uit(beslis, cmd, r.Vaststelling)


def vorder_terug(dienst: Kern, cmd: VorderTerug) -> r.Terugvordering:
    datum = dienst.datum(cmd.datum)

    def beslis() -> Besluit[r.Terugvordering]:
        g = dienst.gemeente(wijzigen=False)
        a = dienst.laad_aanvraag(cmd.nummer)
        g.eis_mandaat(dienst.gebruiker, "college", None, datum)
        vouchers = dienst.laad_vouchers_van(a)
        a.vorder_terug(
            cmd.bedrag,
            cmd.motivering,
            betaald(vouchers),
            datum,
            dienst.gebruiker,
            mandaat=namens.mandaat("college", None),
        )
        return [a], r.Terugvordering(a.nummer, a.wijk, a.periode, a.openstaand, cmd.bedrag, a.teruggevorderd)

    return dienst.voer_uit(beslis, cmd, r.Terugvordering)


def ontvang_terug(dienst: Kern, cmd: OntvangTerug) -> r.Terugontvangst:
    datum = dienst.datum(cmd.datum)

    def beslis() -> Besluit[r.Terugontvangst]:
        g = dienst.gemeente(wijzigen=False)
        a = dienst.laad_aanvraag(cmd.nummer)
        g.eis_mandaat(dienst.gebruiker, "kasbeheerder", a.wijk, datum)
        a.ontvang_terug(cmd.bedrag, datum, dienst.gebruiker)
        w = dienst.laad_wijk(a.wijk, a.periode)
        w.boek_terugbetaling(a.nummer, cmd.bedrag, datum, dienst.gebruiker)
        return [a, w], r.Terugontvangst(a.nummer, a.wijk, a.periode, a.openstaand, cmd.bedrag, a.terugontvangen)

    return dienst.voer_uit(beslis, cmd, r.Terugontvangst)


def _vastgesteld(a: Aanvraag) -> r.Vaststelling:
    v = a.vaststelling or {}
    return r.Vaststelling(
        a.nummer, a.wijk, a.periode, a.status, v["bedrag"], v["betaald"], v["teruggevorderd"], v["grond"],
        a.openstaand, v["datum"],
    )  # fmt: skip


def vaststelling_melding(u: dict[str, Any]) -> str:
    regels = [
        f"Aanvraag {u['aanvraag']} (wijk {u['wijk']}, {u['periode']}) is vastgesteld op {u['vastgesteld'].nl()} "
        f"(Awb 4:42-4:46; betaald {u['betaald'].nl()})."
    ]
    if u["teruggevorderd"].centen:
        regels.append(
            f"Lager dan betaald (Awb 4:46 lid 2 onder {u['grond']}): {u['teruggevorderd'].nl()} wordt teruggevorderd "
            f"(Awb 4:57); openstaand {u['openstaand'].nl()}."
        )
    regels.append(f"De brief met bezwaarclausule: voucher besluit {u['aanvraag']}.")
    return "\n".join(regels)


def vordering_melding(u: dict[str, Any]) -> str:
    return (
        f"Van aanvraag {u['aanvraag']} wordt {u['teruggevorderd'].nl()} teruggevorderd (Awb 4:57); "
        f"openstaand {u['openstaand'].nl()}."
    )


def ontvangst_melding(u: dict[str, Any]) -> str:
    return (
        f"Van aanvraag {u['aanvraag']} is {u['terugontvangen'].nl()} terugontvangen; nog openstaand "
        f"{u['openstaand'].nl()}."
    )
