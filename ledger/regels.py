"""The rules of the verordening, one function each, named after its article.

Each function is pure: it takes the figures, returns nothing when the act is allowed and
raises the rule's own error, carrying the figures, when it is not. Aggregates call them
at the moment they decide; nothing else re-implements them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ledger.begrippen import GRONDEN
from ledger.datum import formatteer_datum
from ledger.fouten import (
    BudgetOverschreden,
    ContantBovenMaximum,
    DatumVoorAfhankelijkeHandeling,
    OngeldigeInvoer,
    PlafondOverschreden,
    RaadplegingVereist,
    RegelOvertreden,
    RestantOntoereikend,
    TermijnVerstreken,
    VolgordeNietGevolgd,
    VoucherwaardeTeHoog,
)
from ledger.geld import Bedrag

MAX_VOUCHERS_PER_AANVRAAG = 99  # the voucher code has two digits for the index


def samenhangende_data(
    datum: date,
    eerder: date,
    wat: str,
    *,
    handeling: str = "de handeling",
    hulp: str = "",
    artikel: str = "art. 4-9, Awb 4:1: samenhangende data",
) -> None:
    """Coherent dates: an act is never dated before the act it depends on (`wat`, dated `eerder`); the
    same day is allowed. Both dates are named, and what to do (`hulp`, else a --datum on or after it)."""
    if datum >= eerder:
        return
    raise DatumVoorAfhankelijkeHandeling(
        f"{handeling} is gedateerd op {formatteer_datum(datum)}, vóór {wat} op {formatteer_datum(eerder)}: een "
        f"handeling kan niet eerder zijn dan de handeling waarvan zij afhangt; "
        + (hulp or f"geef --datum {eerder.isoformat()} of later"),
        artikel=artikel,
        datum=datum,
        eerder=eerder,
    )


def art_2_lid_3_uitvoeringskosten(budget: Bedrag, uitvoeringskosten: Bedrag, max_procent: int) -> None:
    """Art. 2 lid 3: at most ten percent (param) of the budget is reserved for uitvoeringskosten."""
    if uitvoeringskosten.centen * 100 > budget.centen * max_procent:
        grens = Bedrag.van_centen(budget.centen * max_procent // 100)
        raise BudgetOverschreden(
            f"uitvoeringskosten {uitvoeringskosten} zijn meer dan {max_procent}% van het budget {budget} "
            f"(ten hoogste {grens})",
            artikel="art. 2 lid 3",
            uitvoeringskosten=uitvoeringskosten,
            grens=grens,
        )


def art_2_lid_5_plafond_binnen_budget(budget: Bedrag, uitvoeringskosten: Bedrag, plafond: Bedrag) -> None:
    """Art. 2 lid 2, 3 en 5: subsidieplafond plus reserve never exceed the wijk's budget."""
    if plafond.centen <= 0:
        raise OngeldigeInvoer("het subsidieplafond moet groter zijn dan nul")
    if plafond + uitvoeringskosten > budget:
        ruimte = budget - uitvoeringskosten
        raise BudgetOverschreden(
            f"subsidieplafond {plafond} plus uitvoeringskosten {uitvoeringskosten} is meer dan het budget "
            f"{budget}; het plafond is ten hoogste {ruimte}",
            artikel="art. 2 lid 5",
            plafond=plafond,
            ruimte=ruimte,
        )


def art_2_lid_2_budget_niet_onder_vastgelegd(budget: Bedrag, vastgelegd: Bedrag, uitvoeringskosten: Bedrag) -> None:
    """Art. 2 lid 2 en 3, Awb 4:27: a changed budget covers what is granted (less what expired) plus the reserve."""
    if budget.centen <= 0:
        raise OngeldigeInvoer("het budget moet groter zijn dan nul")
    ondergrens = vastgelegd + uitvoeringskosten
    if budget < ondergrens:
        raise BudgetOverschreden(
            f"het budget kan niet lager worden dan wat is toegekend ({vastgelegd}) plus de gereserveerde "
            f"uitvoeringskosten ({uitvoeringskosten}): ten minste {ondergrens}, niet {budget}",
            artikel="art. 2 lid 2 en 3, Awb 4:27",
            budget=budget,
            ondergrens=ondergrens,
        )


def awb_4_27_plafond_niet_onder_verstrekt(plafond: Bedrag, vastgelegd: Bedrag) -> None:
    """Awb 4:27 / 4:28: lowering the plafond does not touch vouchers already issued."""
    if plafond < vastgelegd:
        raise PlafondOverschreden(
            f"het subsidieplafond kan niet lager worden dan wat al is verstrekt ({vastgelegd})",
            artikel="Awb 4:27, art. 2 lid 5",
            plafond=plafond,
            vastgelegd=vastgelegd,
        )


def awb_4_27_lid_2_plafond_bij_ontvangst(
    ontvangen: date, plafond: Bedrag, verlagingen: Sequence[tuple[date, Bedrag]]
) -> Bedrag:
    """Awb 4:27 lid 2: a lowering of the plafond has no effect on aanvragen received before it.

    `verlagingen` are (date of the lowering, the plafond before it). An aanvraag received before a
    lowering is judged against the plafond as it was; one received on or after its date against the
    lower one; a raise counts for every aanvraag. So: the highest plafond in force on or after receipt."""
    return max([plafond, *(vorig for datum, vorig in verlagingen if datum > ontvangen)])


def art_6_e_subsidieplafond(bedrag: Bedrag, beschikbaar: Bedrag, plafond: Bedrag | None = None) -> None:
    """Art. 6 onder e, Awb 4:25 lid 2: refused to the extent the plafond would be exceeded.

    `plafond`: the plafond the aanvraag is judged against, when a lowering after its receipt does
    not apply to it (Awb 4:27 lid 2); the message then says so."""
    if bedrag > beschikbaar:
        oud = f" onder het plafond van {plafond} van vóór de verlaging (Awb 4:27 lid 2)" if plafond else ""
        raise PlafondOverschreden(
            f"toekenning van {bedrag} overschrijdt het subsidieplafond: nog beschikbaar {beschikbaar}{oud} "
            "(weigeringsgrond e; ken ten hoogste het beschikbare bedrag toe)",
            artikel="art. 6 onder e, Awb 4:27 lid 2" if plafond else "art. 6 onder e",
            bedrag=bedrag,
            beschikbaar=beschikbaar,
        )


def art_1_a_voucherwaarde(vouchers: Sequence[Bedrag], max_voucherwaarde: Bedrag) -> None:
    """Art. 1 onder a: each voucher is worth at most the max voucher value."""
    te_hoog = [v for v in vouchers if v > max_voucherwaarde]
    if te_hoog:
        raise VoucherwaardeTeHoog(
            f"een voucher van {te_hoog[0]} is meer dan de maximale voucherwaarde {max_voucherwaarde}; "
            "verdeel over meer vouchers",
            artikel="art. 1 onder a",
            voucherwaarde=te_hoog[0],
            maximum=max_voucherwaarde,
        )
    if len(vouchers) > MAX_VOUCHERS_PER_AANVRAAG:
        raise RegelOvertreden(
            f"ten hoogste {MAX_VOUCHERS_PER_AANVRAAG} vouchers per aanvraag", artikel="art. 1 onder a"
        )


def aantal_vouchers_nodig(bedrag: Bedrag, max_voucherwaarde: Bedrag) -> int:
    """Art. 5 lid 2: as many vouchers as the initiative needs, each within art. 1 onder a."""
    return max(1, -(-bedrag.centen // max_voucherwaarde.centen))


def art_5_lid_3_raadpleging(bedrag: Bedrag, drempel: Bedrag, raadpleging_voor: bool) -> None:
    """Art. 5 lid 3-6: above the threshold a wijkraadpleging decides whether vouchers are given."""
    if bedrag > drempel and not raadpleging_voor:
        raise RaadplegingVereist(
            f"een initiatief van {bedrag} is boven {drempel}: eerst 'voucher aanvraag geschikt' en een "
            "wijkraadpleging met uitkomst voor",
            artikel="art. 5 lid 3-6",
            bedrag=bedrag,
            drempel=drempel,
        )


def art_4_lid_4_volgorde(nummer: int, eerder: Sequence[int], buiten_volgorde: str | None) -> None:
    """Art. 4 lid 4: complete aanvragen are decided in the order of receipt, per wijk."""
    if eerder and not (buiten_volgorde and buiten_volgorde.strip()):
        lijst = ", ".join(str(n) for n in eerder[:5])
        raise VolgordeNietGevolgd(
            f"aanvraag {nummer} is niet aan de beurt: eerder ontvangen en nog niet beslist: {lijst}; "
            "beslis die eerst of geef --buiten-volgorde REDEN",
            artikel="art. 4 lid 4",
            nummer=nummer,
            eerder=list(eerder),
        )


def art_5_lid_8_verstrekken(datum: date, verstrekken_tot: date) -> None:
    """Art. 5 lid 8: vouchers can be issued until the last issue date."""
    if datum > verstrekken_tot:
        raise TermijnVerstreken(
            f"vouchers kunnen tot en met {formatteer_datum(verstrekken_tot)} worden verstrekt, niet op "
            f"{formatteer_datum(datum)}",
            artikel="art. 5 lid 8",
            datum=datum,
            uiterste=verstrekken_tot,
        )


def art_5_lid_8_uitvoeren(datum: date, uitvoeren_tot: date, *, betaaltermijn: bool = False) -> None:
    """Art. 5 lid 8: nothing is paid after the initiative's execution date (cash never; an invoice
    only with its factuurdatum, `betaaltermijn` says so in the message)."""
    if datum > uitvoeren_tot:
        hint = (
            "; een factuur van uiterlijk die datum wordt binnen de betaaltermijn nog betaald: geef --factuurdatum"
            if betaaltermijn
            else ""
        )
        raise TermijnVerstreken(
            f"het initiatief moest uiterlijk {formatteer_datum(uitvoeren_tot)} zijn uitgevoerd; na die datum "
            f"wordt niets meer betaald{hint}",
            artikel="art. 5 lid 8",
            datum=datum,
            uiterste=uitvoeren_tot,
        )


def art_5_lid_8_factuur(factuurdatum: date, uitvoeren_tot: date, datum: date, betalen_tot: date) -> None:
    """Art. 5 lid 8 and the regeling's betaaltermijn: the invoice is for work done by the execution
    date, and is paid no later than the betaaltermijn after that date."""
    if factuurdatum > uitvoeren_tot:
        raise TermijnVerstreken(
            f"de factuur is van {formatteer_datum(factuurdatum)}, na {formatteer_datum(uitvoeren_tot)}, de dag waarop "
            "het initiatief uitgevoerd moest zijn: wat later is gedaan, wordt niet uit de voucher betaald",
            artikel="art. 5 lid 8",
            datum=factuurdatum,
            uiterste=uitvoeren_tot,
        )
    if datum > betalen_tot:
        raise TermijnVerstreken(
            f"een factuur van uiterlijk {formatteer_datum(uitvoeren_tot)} wordt betaald tot en met "
            f"{formatteer_datum(betalen_tot)} (de betaaltermijn van de regeling), niet op {formatteer_datum(datum)}",
            artikel="art. 5 lid 8, betaaltermijn van de regeling",
            datum=datum,
            uiterste=betalen_tot,
        )


def art_9_lid_3_b_contant(bedrag: Bedrag, contant_max: Bedrag) -> None:
    """Art. 9 lid 3 onder b: cash at most € 500 (param) per withdrawal."""
    if bedrag > contant_max:
        raise ContantBovenMaximum(
            f"contant ten hoogste {contant_max} per keer, niet {bedrag}",
            artikel="art. 9 lid 3 onder b",
            bedrag=bedrag,
            maximum=contant_max,
        )


def art_9_restant(bedrag: Bedrag, restant: Bedrag, code: str) -> None:
    """Art. 9 lid 1: a voucher pays out at most its value: paid plus cash never above it."""
    if bedrag > restant:
        raise RestantOntoereikend(
            f"betaling van {bedrag} is meer dan het restant {restant} van voucher {code}",
            artikel="art. 9 lid 1",
            bedrag=bedrag,
            restant=restant,
            voucher=code,
        )


def art_6_e_grond_terecht(
    grond: str | None, kosten: Bedrag, beschikbaar: Bedrag, nummer: int, toegekend: Bedrag | None = None
) -> None:
    """Art. 6 onder e, Awb 4:25 lid 2: the plafond is a ground only when the initiative does not fit within it,
    and only for the part that does not fit: with money left, a full refusal on e is wrong (the right
    decision is a partial grant of what is available). `toegekend`: the amount of a partial grant, None for
    a full refusal. A partial grant on e below what is available stays allowed (CLI.md: a grant beyond
    `beschikbaar` is refused, one up to it is the decision-maker's); the letter names e for the rest."""
    if grond != "e":
        return
    if kosten <= beschikbaar:
        raise RegelOvertreden(
            f"weigeringsgrond e geldt niet: de kostenraming {kosten} past binnen het beschikbare {beschikbaar}",
            artikel="art. 6 onder e",
            kosten=kosten,
            beschikbaar=beschikbaar,
        )
    if toegekend is None and beschikbaar.centen > 0:
        raise RegelOvertreden(
            f"weigeringsgrond e geldt alleen voor zover het subsidieplafond wordt overschreden: er is nog "
            f"{beschikbaar} beschikbaar, dus een volledige weigering op grond e kan niet; ken dat bedrag toe en weiger de rest "
            f"op grond e: voucher aanvraag toekennen {nummer} --bedrag {beschikbaar.nl().removeprefix('€ ')} "
            "--grond e --motivering TEKST",
            artikel="art. 6 onder e, Awb 4:25 lid 2",
            kosten=kosten,
            beschikbaar=beschikbaar,
        )


def art_6_grond_en_motivering(grond: str | None, motivering: str | None, wat: str) -> None:
    """Toelichting art. 6, Awb 3:46: a refusal names its ground and is motivated."""
    if grond not in GRONDEN:
        raise OngeldigeInvoer(
            f"een {wat} noemt een weigeringsgrond: --grond a, b, c, d of e (art. 6), of geen-initiatief "
            "(art. 1 onder b en c)"
        )
    if not motivering or not motivering.strip():
        raise OngeldigeInvoer(f"een {wat} wordt gemotiveerd: geef --motivering (Awb 3:46, toelichting art. 6)")
