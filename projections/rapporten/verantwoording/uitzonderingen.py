"""The exceptions of the verantwoording, each with the article it is about.

Decisions out of the order of receipt with their reason (art. 4 lid 4), decisions after the
beslistermijn and aanvragen still open after it (art. 5 lid 1), refused payments (art. 9 lid 2),
cash at or near the maximum per withdrawal and several withdrawals from one voucher on one day that
together exceed it (art. 9 lid 3 onder b), corrections, withdrawals and claims still open
(rapporten/nazorg.py), bezwaren (rapporten/bezwaren.py) and acts recorded more than the regeling's
`laat_geboekt_dagen` after their date (rapporten/laat.py). Sorted by kind (the order of
UITZONDERINGEN), date and event.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ledger.geld import Bedrag
from projections.rapporten import bezwaren, laat, nazorg
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import (
    OPEN,
    AanvraagHistorie,
    Besluit,
    Betaling,
    Geschiedenis,
    VoucherHistorie,
    WijkHistorie,
)
from projections.rapporten.verantwoording.woorden import BESLUITSOORT, versie_tekst

CONTANT_NABIJ_PROCENT = 90
"""Cash of at least this share of the maximum per withdrawal is listed as an exception (art. 9 lid 3 onder b)."""

UITZONDERINGEN = {
    "buiten_volgorde": "besloten buiten de volgorde van binnenkomst (art. 4 lid 4)",
    "na_beslistermijn": "besloten na de beslistermijn (art. 5 lid 1)",
    "open_na_beslistermijn": "nog niet besloten, beslistermijn verstreken (art. 5 lid 1)",
    "betaling_geweigerd": "betaling geweigerd door de kasbeheerder (art. 9 lid 2)",
    nazorg.UITZONDERING[0]: nazorg.UITZONDERING[1],
    nazorg.UITZONDERING_INTREKKING[0]: nazorg.UITZONDERING_INTREKKING[1],
    nazorg.UITZONDERING_VORDERING[0]: nazorg.UITZONDERING_VORDERING[1],
    **bezwaren.UITZONDERINGEN,
    "contant_aan_maximum": f"contant op of nabij het maximum per keer (≥ {CONTANT_NABIJ_PROCENT} %, art. 9 lid 3 onder b)",
    "contant_zelfde_dag": "meer opnames contant uit één voucher op één dag, samen boven het maximum per keer "
    "(art. 9 lid 3 onder b)",
    laat.SOORT: laat.OMSCHRIJVING,
}
_VOLGORDE = {soort: i for i, soort in enumerate(UITZONDERINGEN)}

VoegToe = Callable[..., None]
"""voeg_toe(soort, wijk, datum, toelichting, **velden): one exception of the wijk."""


def bouw(h: Geschiedenis, wijken: list[WijkHistorie], alles: bool = True) -> list[dict[str, Any]]:
    """Every exception of the wijken; with `alles` (no selection) also the gemeente's own late entries."""
    uit: list[dict[str, Any]] = laat.uitzonderingen(h, {(w.code, w.periode) for w in wijken}, gemeente=alles)
    voeg_toe = _toevoeger(uit)
    for w in wijken:
        for nummer in sorted(w.aanvragen):
            _aanvraag(h, w, h.aanvragen[nummer], voeg_toe)
        for code in sorted(w.vouchers):
            _voucher(h, w, h.vouchers[code], voeg_toe)
    uit.sort(key=lambda u: (_VOLGORDE[u["soort"]], u["datum"], u.get("gebeurtenis") or u["gebeurtenissen"][0]))
    return uit


def _toevoeger(uit: list[dict[str, Any]]) -> VoegToe:
    def voeg_toe(soort: str, w: WijkHistorie, datum: date, toelichting: str, **velden: Any) -> None:
        uit.append(
            {"soort": soort, "omschrijving": UITZONDERINGEN[soort], "wijk": w.code, "periode": w.periode}
            | velden
            | {"datum": datum, "toelichting": toelichting}
        )

    return voeg_toe


# --- per aanvraag --------------------------------------------------------------------------------
def _aanvraag(h: Geschiedenis, w: WijkHistorie, a: AanvraagHistorie, voeg_toe: VoegToe) -> None:
    if a.openstaand.centen:
        laatste = a.vorderingen[-1].handeling
        voeg_toe(
            nazorg.UITZONDERING_VORDERING[0],
            w,
            laatste.datum,
            f"{a.openstaand.nl()} openstaand van {a.vorderingsom('teruggevorderd').nl()} teruggevorderd",
            aanvraag=a.nummer,
            bedrag=a.openstaand,
            gebeurtenis=laatste.gebeurtenis,
        )
    for b in a.besluiten:
        _besluit(w, a, b, voeg_toe)
    _beslistermijn(h, w, a, voeg_toe)
    bezwaren.uitzonderingen(h, a, w, voeg_toe, h.stand)


def _besluit(w: WijkHistorie, a: AanvraagHistorie, b: Besluit, voeg_toe: VoegToe) -> None:
    if b.soort == nazorg.INTREKKING:
        voeg_toe(
            nazorg.UITZONDERING_INTREKKING[0],
            w,
            b.handeling.datum,
            f"{b.bedrag.nl() if b.bedrag else ''} vrijgegeven, grond onder {b.grond}: {b.motivering}",
            aanvraag=a.nummer,
            bedrag=b.bedrag,
            gebeurtenis=b.handeling.gebeurtenis,
        )
    if b.buiten_volgorde:
        voeg_toe(
            "buiten_volgorde",
            w,
            b.handeling.datum,
            f"reden: {b.buiten_volgorde}",
            aanvraag=a.nummer,
            gebeurtenis=b.handeling.gebeurtenis,
        )


def _beslistermijn(h: Geschiedenis, w: WijkHistorie, a: AanvraagHistorie, voeg_toe: VoegToe) -> None:
    """Art. 5 lid 1: decided after the term, or still open after it (as it stands on the report's date)."""
    eerste = a.eerste_besluit
    if eerste is not None and eerste.beslissen_voor is not None and eerste.handeling.datum > eerste.beslissen_voor:
        dagen = (eerste.handeling.datum - eerste.beslissen_voor).days
        voeg_toe(
            "na_beslistermijn",
            w,
            eerste.handeling.datum,
            f"{BESLUITSOORT[eerste.soort]} {dagen} dag(en) na de termijn ({o.nl(eerste.beslissen_voor)})",
            aanvraag=a.nummer,
            gebeurtenis=eerste.handeling.gebeurtenis,
        )
    if eerste is not None or a.status not in OPEN:
        return
    termijn = a.beslissen_voor(h.regeling_op(a.ontvangen).beslistermijn_weken)
    stand = h.stand
    if termijn is not None and stand is not None and stand > termijn:
        voeg_toe(
            "open_na_beslistermijn",
            w,
            termijn,
            f"termijn verstreken op {o.nl(termijn)}; op {o.nl(stand)} {(stand - termijn).days} dag(en) over",
            aanvraag=a.nummer,
            gebeurtenis=a.ingediend.gebeurtenis,
        )


# --- per voucher ---------------------------------------------------------------------------------
def _voucher(h: Geschiedenis, w: WijkHistorie, v: VoucherHistorie, voeg_toe: VoegToe) -> None:
    for g in v.geweigerd:
        waar = f"{g.leverancier}, factuur {g.factuur}: " if g.leverancier or g.factuur else ""
        voeg_toe(
            "betaling_geweigerd",
            w,
            g.handeling.datum,
            f"{waar}{g.reden}",
            aanvraag=v.aanvraag,
            voucher=v.code,
            bedrag=g.bedrag,
            gebeurtenis=g.handeling.gebeurtenis,
        )
    for c in v.correcties:
        voeg_toe(
            nazorg.UITZONDERING[0],
            w,
            c.handeling.datum,
            nazorg.uitzondering(c),
            aanvraag=v.aanvraag,
            voucher=v.code,
            bedrag=c.bedrag,
            gebeurtenis=c.handeling.gebeurtenis,
        )
    _contant(h, w, v, voeg_toe)


def _contant(h: Geschiedenis, w: WijkHistorie, v: VoucherHistorie, voeg_toe: VoegToe) -> None:
    """Art. 9 lid 3 onder b: cash at or near the maximum per withdrawal, by the version in force that day,
    and several withdrawals on one day that together exceed it."""
    per_dag: dict[date, list[Betaling]] = {}
    for x in v.betalingen:
        if x.soort != "contant":
            continue
        per_dag.setdefault(x.handeling.datum, []).append(x)
        r = h.regeling_op(x.handeling.datum)  # the version in force on the day of the withdrawal
        if x.bedrag.centen * 100 >= r.contant_max.centen * CONTANT_NABIJ_PROCENT:
            voeg_toe(
                "contant_aan_maximum",
                w,
                x.handeling.datum,
                f"contant; ten hoogste {o.nl(r.contant_max)} per keer{versie_tekst(h, x.handeling.datum)}",
                aanvraag=v.aanvraag,
                voucher=v.code,
                bedrag=x.bedrag,
                gebeurtenis=x.handeling.gebeurtenis,
            )
    for dag in sorted(per_dag):
        opnames = per_dag[dag]
        samen = sum((x.bedrag for x in opnames), Bedrag.nul())
        r = h.regeling_op(dag)
        if len(opnames) > 1 and samen > r.contant_max:
            voeg_toe(
                "contant_zelfde_dag",
                w,
                dag,
                f"{len(opnames)} opnames, samen {o.nl(samen)}; ten hoogste {o.nl(r.contant_max)} per keer",
                aanvraag=v.aanvraag,
                voucher=v.code,
                samen=samen,
                gebeurtenissen=sorted(x.handeling.gebeurtenis for x in opnames),
            )


# --- text and HTML -------------------------------------------------------------------------------
def tekst(m: dict[str, Any]) -> list[str]:
    return ["== Uitzonderingen ==", *_regels(m["uitzonderingen"]), ""]


def _regels(uitzonderingen: list[dict[str, Any]]) -> list[str]:
    if not uitzonderingen:
        return ["(geen)"]
    regels = []
    huidige = None
    for u in uitzonderingen:
        if u["soort"] != huidige:
            huidige = u["soort"]
            aantal = sum(1 for x in uitzonderingen if x["soort"] == huidige)
            regels.append(f"{u['omschrijving'][:1].upper()}{u['omschrijving'][1:]}: {aantal}")
        waar = f"wijk {u['wijk']} {u['periode']}" if u["wijk"] else "gemeente"
        if "aanvraag" in u:
            waar += f", aanvraag {u['aanvraag']}"
        if "voucher" in u:
            waar += f", voucher {u['voucher']}"
        bedrag = f" {u['bedrag'].nl()}" if "bedrag" in u else ""
        nrs = (
            f"[#{u['gebeurtenis']}]"
            if "gebeurtenis" in u
            else "[" + ", ".join(f"#{n}" for n in u["gebeurtenissen"]) + "]"
        )
        regels.append(f"  {o.kort(u['datum'])}  {waar}:{bedrag} {u['toelichting']} {nrs}")
    return regels


def html(m: dict[str, Any]) -> list[str]:
    delen = ["<h2>Uitzonderingen</h2>"]
    if not m["uitzonderingen"]:
        return [*delen, "<p>Geen.</p>"]
    rijen = []
    for u in m["uitzonderingen"]:
        nrs = [u["gebeurtenis"]] if "gebeurtenis" in u else u["gebeurtenissen"]
        rijen.append(
            [
                o.e(u["omschrijving"]),
                o.e(o.kort(u["datum"])),
                o.e(f"{u['wijk']} {u['periode']}" if u["wijk"] else "gemeente"),
                o.e(u.get("aanvraag")),
                o.e(u.get("voucher")),
                o.e(u.get("bedrag")),
                o.e(u["toelichting"]),
                " ".join(o.nr(n) for n in nrs),
            ]
        )
    tabel = o.html_tabel(
        ["soort", "datum", "wijk", "aanvraag", "voucher", "bedrag", "toelichting", "gebeurtenis"],
        rijen,
        (5,),
        vast=(1, 2, 4),
        bijschrift="Uitzonderingen",
        verborgen=True,
    )
    return [*delen, tabel]
