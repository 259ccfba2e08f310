"""One voucher in the verantwoording: its issue (art. 5 lid 2), every payment (art. 9 lid 3: invoice or
cash) with its correction (storno), refused payments (art. 9 lid 2), what expired (art. 5 lid 8), what was
withdrawn with the grant (Awb 4:48) and the restant."""

from __future__ import annotations

from typing import Any

from projections.rapporten import nazorg
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import VoucherHistorie
from projections.rapporten.verantwoording.woorden import als_dict

VERVALLEN = "restant na de uitvoeringsdatum (art. 5 lid 8)"


def model(v: VoucherHistorie) -> dict[str, Any]:
    betalingen = sorted(v.betalingen, key=lambda b: (b.handeling.datum, b.handeling.gebeurtenis))
    return {
        "voucher": v.code,
        "waarde": v.waarde,
        "verstrekt": v.verstrekt.datum,
        "uitvoeren_tot": v.uitvoeren_tot,
        # The act that issued it; the voucher's own sums below rest on the payment lines.
        "verstrekking": als_dict(v.verstrekt) | {"waarde": v.waarde},
        "betalingen": [
            {
                "datum": b.handeling.datum,
                "soort": b.soort,
                "leverancier": b.leverancier,
                "factuur": b.factuur,
                "factuurdatum": b.factuurdatum,
                "bedrag": b.bedrag,
                "door": b.handeling.door,
                "gebeurtenis": b.handeling.gebeurtenis,
                "gecorrigeerd": nazorg.gecorrigeerd_door(v, b.handeling.gebeurtenis),
            }
            for b in betalingen
        ],
        "correcties": nazorg.correcties(v),
        "geweigerde_betalingen": [
            {
                "datum": g.handeling.datum,
                "bedrag": g.bedrag,
                "reden": g.reden,
                "leverancier": g.leverancier,
                "factuur": g.factuur,
                "door": g.handeling.door,
                "gebeurtenis": g.handeling.gebeurtenis,
            }
            for g in sorted(v.geweigerd, key=lambda g: (g.handeling.datum, g.handeling.gebeurtenis))
        ],
        "vervallingen": [als_dict(x.handeling) | {"bedrag": x.bedrag} for x in v.vervallingen],
        "intrekkingen": nazorg.waardeintrekkingen(v),
        "verzilverd": v.verzilverd,
        "contant": v.contant,
        "vervallen": v.vervallen,
        "restant": v.restant,
    }


def _factuurdatum(b: dict[str, Any]) -> str:
    """A factuurdatum is shown where it was given: the payment may then lie within the betaaltermijn."""
    return f" van {o.kort(b['factuurdatum'])}" if b.get("factuurdatum") else ""


def _waar(b: dict[str, Any], contant: str) -> str:
    """Where a payment went: the supplier and invoice, or cash."""
    return f"{b['leverancier']}, factuur {b['factuur']}{_factuurdatum(b)}" if b["soort"] == "verzilverd" else contant


# --- text ------------------------------------------------------------------------------------------
def tekst(v: dict[str, Any]) -> list[str]:
    regels = [
        f"  voucher {v['voucher']}: waarde {v['waarde'].nl()}, verstrekt {o.nl(v['verstrekt'])} door "
        f"{v['verstrekking']['door']} [#{v['verstrekking']['gebeurtenis']}]"
    ]
    rijen = _rijen_tekst(v)
    if rijen:
        regels.append(
            o.tabel(
                ["datum", "soort", "omschrijving", "bedrag", "door", "gebeurtenis"], rijen, rechts=(3,), inspringen=6
            )
        )
    regels.append(
        f"      verzilverd {v['verzilverd'].nl()}, contant {v['contant'].nl()}, vervallen {v['vervallen'].nl()}, "
        f"restant {v['restant'].nl()}"
    )
    return regels


def _rijen_tekst(v: dict[str, Any]) -> list[list[str]]:
    rijen = []
    for b in v["betalingen"]:
        waar = _waar(b, "contant (art. 9 lid 3 onder b)")
        rijen.append([o.kort(b["datum"]), b["soort"], waar, b["bedrag"].nl(), b["door"], f"#{b['gebeurtenis']}"])
        if (c := nazorg.bij(v, b)) is not None:
            rijen.append(
                [
                    o.kort(c["datum"]),
                    nazorg.SOORT,
                    nazorg.omschrijving(c),
                    f"-{c['bedrag'].nl()}",
                    c["door"],
                    f"#{c['gebeurtenis']}",
                ]
            )
    for g in v["geweigerde_betalingen"]:
        rijen.append(
            [
                o.kort(g["datum"]),
                "geweigerd",
                f"{g['reden']} (art. 9 lid 2)",
                f"({g['bedrag'].nl()})",
                g["door"],
                f"#{g['gebeurtenis']}",
            ]
        )
    for x in v["vervallingen"]:
        rijen.append([o.kort(x["datum"]), "vervallen", VERVALLEN, x["bedrag"].nl(), x["door"], f"#{x['gebeurtenis']}"])
    for x in v["intrekkingen"]:
        rijen.append(
            [
                o.kort(x["datum"]),
                "ingetrokken",
                nazorg.waardeintrekking_omschrijving(x),
                x["bedrag"].nl(),
                x["door"],
                f"#{x['gebeurtenis']}",
            ]
        )
    return rijen


# --- HTML ------------------------------------------------------------------------------------------
def html(v: dict[str, Any]) -> str:
    return o.html_tabel(
        ["datum", "soort", "omschrijving", "bedrag", "gebeurtenis"],
        _rijen_html(v),
        (3,),
        totaal=["", "restant", "", o.e(v["restant"]), ""],
        vast=(0,),
        bijschrift=f"Voucher {v['voucher']}",
    )


def _rijen_html(v: dict[str, Any]) -> list[list[str]]:
    rijen = [
        [
            o.e(o.kort(v["verstrekt"])),
            "verstrekt",
            o.e(f"waarde, door {v['verstrekking']['door']}"),
            o.e(v["waarde"]),
            o.nr(v["verstrekking"]["gebeurtenis"]),
        ]
    ]
    for b in v["betalingen"]:
        waar = _waar(b, "contant")
        rijen.append(
            [
                o.e(o.kort(b["datum"])),
                o.e(b["soort"]),
                o.e(f"{waar}; {b['door']}"),
                o.e(b["bedrag"]),
                o.nr(b["gebeurtenis"]),
            ]
        )
        if (c := nazorg.bij(v, b)) is not None:
            rijen.append(
                [
                    o.e(o.kort(c["datum"])),
                    nazorg.SOORT,
                    o.e(f"{nazorg.omschrijving(c)}; {c['door']}"),
                    f"-{o.e(c['bedrag'])}",
                    o.nr(c["gebeurtenis"]),
                ]
            )
    for g in v["geweigerde_betalingen"]:
        rijen.append(
            [
                o.e(o.kort(g["datum"])),
                "geweigerd",
                o.e(f"{g['reden']} (art. 9 lid 2)"),
                f"({o.e(g['bedrag'])})",
                o.nr(g["gebeurtenis"]),
            ]
        )
    for x in v["vervallingen"]:
        rijen.append([o.e(o.kort(x["datum"])), "vervallen", VERVALLEN, o.e(x["bedrag"]), o.nr(x["gebeurtenis"])])
    for x in v["intrekkingen"]:
        rijen.append(
            [
                o.e(o.kort(x["datum"])),
                "ingetrokken",
                o.e(nazorg.waardeintrekking_omschrijving(x)),
                o.e(x["bedrag"]),
                o.nr(x["gebeurtenis"]),
            ]
        )
    return rijen
