"""Verzending en bezwaar in the verantwoording: one wording for its four formats.

Rules owned here:
- per initiative every sending of a letter (Awb 3:41: the date and the last day of the term that
  runs from the next day, Awb 6:8 and Atw) and every bezwaar: received on, against which decision,
  tijdig or late (and why excusable, Awb 6:11), its beslistermijn (Awb 7:10), the beslissing op
  bezwaar and, when gegrond, the decision revoked (Awb 7:11); text and HTML say them as sentences
  (`feiten`), the CSV and the spreadsheet as rows (`regels`);
- the exceptions an auditor wants listed, each with the bezwaar's number: a new decision after a
  herroeping, taken outside the order of receipt (art. 4 lid 4) and, when vouchers were issued after
  the last issue date, after that date (art. 5 lid 8); and a bezwaar still undecided after its
  beslistermijn (Awb 7:10).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import AanvraagHistorie, Geschiedenis, Handeling, WijkHistorie

UITZONDERINGEN = {
    "na_bezwaar_buiten_volgorde": "opnieuw besloten na herroeping op bezwaar, buiten de volgorde van ontvangst "
    "(art. 4 lid 4; Awb 7:11)",
    "na_bezwaar_na_uitgiftedatum": "vouchers verstrekt na de laatste dag om te verstrekken, na herroeping op bezwaar "
    "(art. 5 lid 8; Awb 7:11)",
    "bezwaar_na_beslistermijn": "bezwaar nog niet beslist, beslistermijn verstreken (Awb 7:10)",
}


def _hd(h: Handeling) -> dict[str, Any]:
    return {"datum": h.datum, "door": h.door, "gebeurtenis": h.gebeurtenis}


def verzendingen(h: Geschiedenis, a: AanvraagHistorie) -> list[dict[str, Any]]:
    """The letters of this aanvraag that were sent, in the order of sending."""
    besluiten = (
        {b.handeling.gebeurtenis for b in a.besluiten}
        | {bz.beslissing.gebeurtenis for bz in h.bezwaren.values() if bz.aanvraag == a.nummer and bz.beslissing}
        | {v.handeling.gebeurtenis for v in a.vorderingen}
    )
    gezonden = [v for nr, v in h.verzendingen.items() if nr in besluiten]
    return [
        _hd(v.handeling) | {"besluit": v.besluit, "laatste_dag": v.laatste_dag}
        for v in sorted(gezonden, key=lambda v: v.handeling.gebeurtenis)
    ]


def van(h: Geschiedenis, a: AanvraagHistorie) -> list[dict[str, Any]]:
    """Every bezwaar against a decision on this aanvraag, in number order."""
    uit = []
    for bz in sorted((x for x in h.bezwaren.values() if x.aanvraag == a.nummer), key=lambda x: x.nummer):
        herroeping = a.herroepen.get(bz.besluit)
        uit.append(
            {
                "bezwaar": bz.nummer,
                "indiening": _hd(bz.ingediend),
                "besluit": bz.besluit,
                "soort": bz.soort,
                "ontvangen": bz.ontvangen,
                "omschrijving": bz.omschrijving,
                "tijdig": bz.tijdig,
                "verschoonbaar": bz.verschoonbaar,
                "laatste_dag": bz.laatste_dag,
                "beslissen_voor": bz.beslissen_voor,
                "beslissing": _hd(bz.beslissing) | {"uitkomst": bz.uitkomst, "motivering": bz.motivering}
                if bz.beslissing
                else None,
                "herroeping": _hd(herroeping[0]) if herroeping and herroeping[1] == bz.nummer else None,
            }
        )
    return uit


def _tijdig(b: dict[str, Any]) -> str:
    if b["laatste_dag"] is None:
        return "tijdig: het besluit was niet verzonden, de termijn liep nog niet (Awb 6:10)"
    if b["tijdig"]:
        return f"tijdig (termijn tot en met {o.nl(b['laatste_dag'])})"
    if b["verschoonbaar"]:
        return f"na de termijn (tot en met {o.nl(b['laatste_dag'])}), verschoonbaar: {b['verschoonbaar']} (Awb 6:11)"
    return f"na de termijn (tot en met {o.nl(b['laatste_dag'])}), niet verschoonbaar"


def feiten(i: dict[str, Any]) -> list[tuple[str, tuple[int, ...]]]:
    """The sendings and bezwaren of one initiative as sentences with their event numbers."""
    uit: list[tuple[str, tuple[int, ...]]] = []
    for v in i.get("verzendingen", []):
        nr = v["gebeurtenis"]
        uit.append(
            (
                f"besluit #{v['besluit']} verzonden op {o.nl(v['datum'])} door {v['door']}; termijn voor bezwaar of "
                f"beroep tot en met {o.nl(v['laatste_dag'])} (Awb 6:7, 6:8) [#{nr}]",
                (nr,),
            )
        )
    for b in i.get("bezwaren", []):
        nr = b["indiening"]["gebeurtenis"]
        uit.append(
            (
                f"bezwaar {b['bezwaar']} tegen besluit #{b['besluit']} ({b['soort']}), ontvangen {o.nl(b['ontvangen'])}, "
                f"{_tijdig(b)}; beslissen uiterlijk {o.nl(b['beslissen_voor'])} (Awb 7:10): {b['omschrijving']} [#{nr}]",
                (nr,),
            )
        )
        if (x := b["beslissing"]) is not None:
            herroepen = f"; besluit #{b['besluit']} herroepen (Awb 7:11)" if b["herroeping"] else ""
            uit.append(
                (
                    f"beslissing op bezwaar {b['bezwaar']} op {o.nl(x['datum'])} door {x['door']}: {x['uitkomst']}"
                    f"{herroepen}; motivering: {x['motivering']} [#{x['gebeurtenis']}]",
                    (x["gebeurtenis"],),
                )
            )
    return uit


def regels(i: dict[str, Any], regel: Callable[..., dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The same as rows of the CSV and the spreadsheet (no saldopost: a bezwaar moves no money itself)."""
    for v in i.get("verzendingen", []):
        yield regel(
            "besluit verzonden", v, toelichting=f"besluit #{v['besluit']}; termijn tot en met {v['laatste_dag']}"
        )
    for b in i.get("bezwaren", []):
        yield regel(
            "bezwaar ingediend",
            b["indiening"],
            toelichting=f"bezwaar {b['bezwaar']} tegen besluit #{b['besluit']}; {_tijdig(b)}; "
            f"beslissen voor {b['beslissen_voor']}",
        )
        if (x := b["beslissing"]) is not None:
            yield regel(
                "beslissing op bezwaar",
                x,
                grond=x["uitkomst"],
                toelichting=f"bezwaar {b['bezwaar']}: {x['uitkomst']}"
                + (f", besluit #{b['besluit']} herroepen" if b["herroeping"] else "")
                + f"; {x['motivering']}",
            )


KOLOMMEN = (
    "wijk",
    "periode",
    "aanvraag",
    "bezwaar",
    "besluit",
    "soort",
    "ontvangen",
    "tijdig",
    "verschoonbaar",
    "laatste_dag",
    "beslissen_voor",
    "uitkomst",
    "beslist",
    "herroepen",
)


def tabelrijen(m: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per bezwaar with its terms, for the spreadsheet's sheet `Bezwaren`."""
    return [
        {"wijk": w["wijk"], "periode": w["periode"], "aanvraag": i["aanvraag"]}
        | {k: b[k] for k in ("bezwaar", "besluit", "soort", "ontvangen", "tijdig", "verschoonbaar")}
        | {"laatste_dag": b["laatste_dag"], "beslissen_voor": b["beslissen_voor"]}
        | {
            "uitkomst": b["beslissing"]["uitkomst"] if b["beslissing"] else None,
            "beslist": b["beslissing"]["datum"] if b["beslissing"] else None,
            "herroepen": bool(b["herroeping"]),
        }
        for w in m["wijken"]
        for i in w["initiatieven"]
        for b in i.get("bezwaren", [])
    ]


def uitzonderingen(
    h: Geschiedenis, a: AanvraagHistorie, w: WijkHistorie, voeg_toe: Callable[..., None], per: date | None
) -> None:
    for b in a.besluiten:
        if b.na_bezwaar is None or b.soort not in ("toegekend", "geweigerd", "buiten behandeling", "raadpleging"):
            continue
        voeg_toe(
            "na_bezwaar_buiten_volgorde",
            w,
            b.handeling.datum,
            f"bezwaar {b.na_bezwaar} gegrond, het eerdere besluit herroepen; dit besluit ({b.soort}) neemt zijn plaats in",
            aanvraag=a.nummer,
            bezwaar=b.na_bezwaar,
            gebeurtenis=b.handeling.gebeurtenis,
        )
        if b.soort == "toegekend" and b.handeling.datum > w.verstrekken_tot:
            voeg_toe(
                "na_bezwaar_na_uitgiftedatum",
                w,
                b.handeling.datum,
                f"bezwaar {b.na_bezwaar}; verstrekken kon tot en met {o.nl(w.verstrekken_tot)}",
                aanvraag=a.nummer,
                bezwaar=b.na_bezwaar,
                bedrag=b.bedrag,
                gebeurtenis=b.handeling.gebeurtenis,
            )
    for bz in sorted((x for x in h.bezwaren.values() if x.aanvraag == a.nummer), key=lambda x: x.nummer):
        if bz.open and per is not None and per > bz.beslissen_voor:
            voeg_toe(
                "bezwaar_na_beslistermijn",
                w,
                bz.beslissen_voor,
                f"bezwaar {bz.nummer}, ontvangen {o.nl(bz.ontvangen)}: {(per - bz.beslissen_voor).days} dag(en) over de "
                "beslistermijn",
                aanvraag=a.nummer,
                bezwaar=bz.nummer,
                gebeurtenis=bz.ingediend.gebeurtenis,
            )
