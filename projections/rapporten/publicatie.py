"""`voucher publicatie`: which initiatives received vouchers (art. 7 lid 2).

Art. 7 lid 2: after the toetsing or the wijkraadpleging the college or the regiegroep makes
known which initiatives received vouchers. Published per initiative: the wijk, what the
initiative is (its description), the amount granted and the date of the grant, and whether
and when it was made known. Nothing about the applicant: the history model holds no name,
address, telephone or signature, so this list cannot leak them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ledger.geld import Bedrag
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import Geschiedenis


def bouw(h: Geschiedenis, wijk: str | None = None, periode: int | None = None) -> dict[str, Any]:
    initiatieven: list[dict[str, Any]] = []
    for w in h.wijk_lijst(wijk, periode):
        for nummer in sorted(w.aanvragen):
            a = h.aanvragen[nummer]
            besluit = a.toekenning
            if besluit is None or besluit.bedrag is None:
                continue
            initiatieven.append(
                {
                    "wijk": w.code,
                    "wijknaam": w.naam,
                    "periode": w.periode,
                    "aanvraag": a.nummer,
                    "initiatief": a.omschrijving,
                    "bedrag": besluit.bedrag,
                    "datum": besluit.handeling.datum,
                    "bekendgemaakt": a.bekendmaking.datum if a.bekendmaking else None,
                }
            )
    return {
        "rapport": "publicatie",
        "titel": "Initiatieven die vouchers hebben gekregen (art. 7 lid 2)",
        "gemeente": h.gemeente,
        "tot": h.stand,
        "tot_gevraagd": h.tot is not None,
        "bekend_op": h.bekend_op,
        "laatste_gebeurtenis": h.laatste,
        "selectie": {"wijk": wijk, "periode": periode},
        "initiatieven": initiatieven,
        "totaal": sum((i["bedrag"] for i in initiatieven), Bedrag.nul()),
    }


def _stand(m: dict[str, Any]) -> str:
    bekend = f" {o.bekend_op_zin(m['bekend_op'], met_kop=False)}" if m.get("bekend_op") else ""
    if m["tot"] is None:
        return "Er zijn nog geen besluiten vastgelegd." + bekend
    return f"Stand {'aan het eind van' if m['tot_gevraagd'] else 'per'} {o.nl(m['tot'])}.{bekend}"


def tekst(m: dict[str, Any]) -> str:
    regels = [m["titel"], f"Gemeente {m['gemeente']}. {_stand(m)}", ""]
    rijen = [
        [i["wijknaam"], str(i["periode"]), i["initiatief"] or "-", i["bedrag"].nl(), o.nl(i["datum"])]
        for i in m["initiatieven"]
    ]
    regels.append(o.tabel(["wijk", "jaar", "initiatief", "bedrag", "toegekend op"], rijen, rechts=(3,)))
    regels.append(f"\n{len(m['initiatieven'])} initiatieven, samen {m['totaal'].nl()}.")
    return "\n".join(regels) + "\n"


KOLOMMEN = ("wijk", "wijknaam", "periode", "aanvraag", "initiatief", o.CSV_BEDRAGKOLOM, "toegekend op", "bekendgemaakt")


def csv(m: dict[str, Any]) -> str:
    def rijen() -> Iterator[list[Any]]:
        for i in m["initiatieven"]:
            yield [
                i["wijk"],
                i["wijknaam"],
                i["periode"],
                i["aanvraag"],
                i["initiatief"],
                i["bedrag"],
                i["datum"],
                i["bekendgemaakt"],
            ]

    return o.csv_tekst(KOLOMMEN, rijen())


def html(m: dict[str, Any]) -> str:
    """A page for the wijk's or the gemeente's website: per wijk and year the initiatives and their amounts."""
    delen = [
        f"<h1>{o.e(m['titel'])}</h1>",
        f"<p>Deze initiatieven van bewoners hebben vouchers gekregen van de gemeente {o.e(m['gemeente'])} "
        "(Subsidieverordening vouchers bewonersinitiatieven, art. 7 lid 2). Namen en adressen van aanvragers "
        "worden niet gepubliceerd.</p>",
        f'<p class="meta">{o.e(_stand(m))} {len(m["initiatieven"])} initiatieven, samen {o.e(m["totaal"])}.</p>',
    ]
    groepen: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for i in m["initiatieven"]:
        groepen.setdefault((i["wijk"], i["periode"]), []).append(i)
    if not groepen:
        delen.append("<p>Nog geen initiatieven met vouchers.</p>")
    for (_, periode), lijst in groepen.items():
        naam = f"{lijst[0]['wijknaam']}, {periode}"
        som = sum((i["bedrag"] for i in lijst), Bedrag.nul())
        rijen = [
            [o.e(i["initiatief"] or "(geen omschrijving)"), o.e(i["bedrag"]), o.e(o.kort(i["datum"]))] for i in lijst
        ]
        delen += [
            f"<h2>{o.e(naam)}</h2>",
            o.html_tabel(
                ["initiatief", "bedrag", "toegekend op"],
                rijen,
                (1,),
                totaal=[o.e(f"{len(lijst)} initiatieven"), o.e(som), ""],
                vast=(2,),
                bijschrift=f"Initiatieven met vouchers in {naam}",
                verborgen=True,
                rijkop=True,
            ),
        ]
    return o.html_pagina(m["titel"], delen)
