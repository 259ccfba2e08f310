"""The overview per wijk: the figures of `voucher saldo` (to the cent), and the uitvoeringskosten
against the limit of art. 2 lid 3 (at most the regeling's share of the budget)."""

from __future__ import annotations

from typing import Any

from ledger.geld import Bedrag
from ledger.regeling import Regeling
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import WijkHistorie
from projections.rapporten.verantwoording.woorden import SALDOVELDEN
from projections.saldo import BEDRAGVELDEN, Saldo


def saldo_van(w: WijkHistorie, vouchers: list[Any]) -> dict[str, Bedrag]:
    """A wijk's saldo figures from its vouchers as they stood; the derived ones (uitstaand,
    beschikbaar) by the one definition in projections.saldo, so that every report reconciles."""
    s = Saldo(
        w.code,
        w.periode,
        w.naam,
        w.budget,
        w.uitvoeringskosten,
        w.plafond,
        toegekend=sum((v.waarde for v in vouchers), Bedrag.nul()),
        verzilverd=sum((v.verzilverd for v in vouchers), Bedrag.nul()),
        contant=sum((v.contant for v in vouchers), Bedrag.nul()),
        vervallen=sum((v.vervallen for v in vouchers), Bedrag.nul()),
        teruggevorderd=w.teruggevorderd,
        terugontvangen=w.terugontvangen,
    )
    return {k: getattr(s, k) for k in BEDRAGVELDEN}


def toets(w: WijkHistorie, r: Regeling) -> dict[str, Any]:
    """Art. 2 lid 3: the uitvoeringskosten reserved against the limit of the regeling under which the
    wijk's year was designated."""
    grens = Bedrag.van_centen(w.budget.centen * r.uitvoeringskosten_max_procent // 100)
    return {
        "uitvoeringskosten": w.uitvoeringskosten,
        "grens": grens,
        "max_procent": r.uitvoeringskosten_max_procent,
        "procent": o.procent_json(w.uitvoeringskosten, w.budget),
        "binnen_grens": w.uitvoeringskosten <= grens,
    }


# --- text ------------------------------------------------------------------------------------------
def tekst(m: dict[str, Any]) -> list[str]:
    return [
        "== Overzicht per wijk (gelijk aan 'voucher saldo') ==",
        _saldotabel_tekst(m),
        "",
        "== Uitvoeringskosten (art. 2 lid 3) ==",
        _uitvoeringskosten_tekst(m),
        "",
    ]


def _saldotabel_tekst(m: dict[str, Any]) -> str:
    rijen = [[w["wijk"], str(w["periode"]), *(w[k].nl() for k in SALDOVELDEN)] for w in m["wijken"]]
    rijen.append(["totaal", "", *(m["totaal"][k].nl() for k in SALDOVELDEN)])
    return o.tabel(["wijk", "periode", *SALDOVELDEN], rijen, rechts=range(2, 2 + len(SALDOVELDEN)))


def _uitvoeringskosten_tekst(m: dict[str, Any]) -> str:
    rijen = []
    for w in m["wijken"]:
        t = w["uitvoeringskosten_toets"]
        rijen.append(
            [
                w["wijk"],
                str(w["periode"]),
                w["budget"].nl(),
                t["uitvoeringskosten"].nl(),
                o.procent(t["uitvoeringskosten"], w["budget"]),
                f"{t['max_procent']} % = {t['grens'].nl()}",
                "binnen de grens" if t["binnen_grens"] else "BOVEN DE GRENS",
            ]
        )
    return o.tabel(["wijk", "periode", "budget", "gereserveerd", "aandeel", "grens", "toets"], rijen, rechts=(2, 3, 4))


# --- HTML ------------------------------------------------------------------------------------------
def html(m: dict[str, Any]) -> list[str]:
    return [
        "<h2>Overzicht per wijk</h2><p>Gelijk aan <code>voucher saldo</code> op dezelfde datum.</p>",
        _saldotabel_html(m),
        "<h2>Uitvoeringskosten (art. 2 lid 3)</h2>",
        _uitvoeringskosten_html(m),
    ]


def _saldotabel_html(m: dict[str, Any]) -> str:
    rijen = [[o.e(w["wijk"]), o.e(w["periode"]), *(o.e(w[k]) for k in SALDOVELDEN)] for w in m["wijken"]]
    totaal = ["totaal", "", *(o.e(m["totaal"][k]) for k in SALDOVELDEN)]
    return o.html_tabel(
        ["wijk", "periode", *SALDOVELDEN],
        rijen,
        range(2, 2 + len(SALDOVELDEN)),
        totaal,
        bijschrift="Overzicht per wijk",
        verborgen=True,
        rijkop=True,
    )


def _uitvoeringskosten_html(m: dict[str, Any]) -> str:
    rijen = []
    for w in m["wijken"]:
        t = w["uitvoeringskosten_toets"]
        rijen.append(
            [
                o.e(w["wijk"]),
                o.e(w["periode"]),
                o.e(w["budget"]),
                o.e(t["uitvoeringskosten"]),
                o.e(o.procent(t["uitvoeringskosten"], w["budget"])),
                o.e(f"{t['max_procent']} % = {t['grens'].nl()}"),
                "binnen de grens" if t["binnen_grens"] else '<strong class="let">boven de grens</strong>',
            ]
        )
    return o.html_tabel(
        ["wijk", "periode", "budget", "gereserveerd", "aandeel", "grens", "toets"],
        rijen,
        (2, 3, 4),
        bijschrift="Uitvoeringskosten per wijk (art. 2 lid 3)",
        verborgen=True,
        rijkop=True,
    )
