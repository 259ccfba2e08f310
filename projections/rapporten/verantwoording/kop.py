"""The head of the verantwoording: what it is, of which gemeente and regeling (with its versions), the
date it speaks of, the events it rests on, the ketenkop, the selection and who may read names."""

from __future__ import annotations

from typing import Any

from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import Geschiedenis
from projections.rapporten.verantwoording.woorden import NAMEN_ZIN, als_dict


def versies(h: Geschiedenis) -> list[dict[str, Any]]:
    """The versions in force by the report's date (a later one judged none of its acts), each with the
    act that recorded it when that act counts (dated by `tot`)."""
    return [
        {"versie": n, "vanaf": vanaf, "naam": r.naam}
        | ({"vastgelegd": als_dict(hd)} if hd and (h.tot is None or hd.datum <= h.tot) else {})
        for n, vanaf, r, hd in h.regelingversies
        if n == 1 or h.tot is None or vanaf <= h.tot
    ]


def regels(m: dict[str, Any]) -> list[str]:
    """What the report is, in sentences: also on the spreadsheet's "Over dit bestand"."""
    sel = m["selectie"]
    wat = ", ".join(
        x
        for x in (
            f"wijk {sel['wijk']}" if sel["wijk"] else "alle wijken",
            f"budgetjaar {sel['periode']}" if sel["periode"] else "alle budgetjaren",
        )
    )
    if m["tot"] is None:
        stand = "Stand: de administratie bevat nog geen handelingen."
    elif m["tot_gevraagd"]:
        stand = f"Stand aan het eind van {o.nl(m['tot'])}: alle handelingen met die datum of eerder."
    else:
        stand = f"Stand: alle vastgelegde handelingen; de laatste is van {o.nl(m['tot'])}."
    return [
        f"Gemeente {m['gemeente']} — {m['regeling']}",
        *_versieregels(m),
        stand,
        f"Meegeteld: {m['gebeurtenissen']} gebeurtenissen, de laatste is nr. {m['laatste_gebeurtenis']}; "
        "elk bedrag noemt zijn gebeurtenis als [#nr].",
        *o.ketenkop_regels(m),
        f"Selectie: {wat}.",
        NAMEN_ZIN if m.get("namen_zichtbaar") else o.AVG_ZIN,
    ]


def _versieregels(m: dict[str, Any]) -> list[str]:
    """The versions of the regeling and their dates; one version says nothing (no version to tell apart)."""
    versies = m.get("regelingversies", [])
    if len(versies) < 2:
        return []
    delen = [f"versie {v['versie']} ({v['naam']}) vanaf {o.nl(v['vanaf'])}" for v in versies]
    return ["Regeling: " + "; ".join(delen) + ". Elke handeling is beoordeeld onder de versie die op haar datum gold."]


def tekst(m: dict[str, Any]) -> list[str]:
    return [m["titel"].upper(), *regels(m), ""]


def html(m: dict[str, Any]) -> list[str]:
    return [f"<h1>{o.e(m['titel'])}</h1>", *(f'<p class="meta">{o.e(r)}</p>' for r in regels(m))]
