"""The decision letter in words: as text (wrapped at BREEDTE) and as one HTML page that prints on A4.

The model is projections/rapporten/besluit.py `bouw`; the beslissing op bezwaar has its own letter
(projections/rapporten/bezwaarbrief.py), which shares `alinea`, `adresregels`, `termijnzin` and the CSS.
"""

from __future__ import annotations

import textwrap
from html import escape
from typing import Any

from ledger.bezwaar import BESLISSING_OP_BEZWAAR
from projections.rapporten import opmaak as o
from projections.rapporten.besluiten import BUITEN_BEHANDELING, INTREKKING, TERUGVORDERING, VASTSTELLING

BREEDTE = 88  # characters per line of the text letter


# --- the words ----------------------------------------------------------------------------------
def _inleiding(m: dict[str, Any]) -> str:
    initiatief = f" voor het initiatief “{m['initiatief']}”" if m["initiatief"] else ""
    kosten = f", met een kostenraming van {m['kosten'].nl()}" if m["kosten"] is not None else ""
    tekst = f"Op {o.nl(m['ontvangen'])} hebben wij uw aanvraag om vouchers ontvangen{initiatief}{kosten}."
    if (n := m.get("na_bezwaar")) is not None:
        tekst += (
            f" Op {o.nl(n['beslist'])} hebben wij uw bezwaar (bezwaar {n['bezwaar']}) gegrond verklaard en ons besluit "
            f"van {o.nl(n['besluitdatum'])} herroepen. Met dit besluit beslissen wij opnieuw op uw aanvraag, in de plaats "
            "van het herroepen besluit (art. 7:11 Awb)."
        )
    return tekst


def _beslissing(m: dict[str, Any]) -> list[str]:
    """The operative part: what is decided, on which ground, with which reasons."""
    verordening = f"de {m['verordening']}"
    w = m["weigering"]
    if m["uitkomst"] == "toegekend":
        delen = [
            f"Wij verstrekken u vouchers ter waarde van {m['bedrag'].nl()} voor de uitvoering van het initiatief "
            f"(art. 5 lid 2 van {verordening})."
        ]
        if w is not None:
            delen.append(
                f"Voor het overige, {w['bedrag'].nl()}, weigeren wij uw aanvraag op grond van {w['artikel']} van de "
                f"verordening: {w['grondtekst']}."
            )
            if w["grond"] == "e":  # Awb 4:25 lid 2: refused only to the extent the plafond would be exceeded
                delen.append(
                    "Wij verstrekken wat onder het subsidieplafond nog beschikbaar was en weigeren alleen het deel "
                    "dat het plafond zou overschrijden (art. 4:25 lid 2 Awb)."
                )
        return delen
    if m["uitkomst"] == INTREKKING:
        return [
            f"Wij trekken de verstrekking van vouchers op uw aanvraag in voor {w['bedrag'].nl()}, het deel dat nog niet "
            f"is besteed, op grond van {w['artikel']}: {w['grondtekst']}. Dat deel van de vouchers kan niet meer "
            "worden verzilverd."
        ]
    if m["uitkomst"] == VASTSTELLING:
        grondslag = "wat met de vouchers is betaald" if w is None else "minder dan met de vouchers is betaald"
        delen = [
            f"Wij stellen de subsidie in de vorm van vouchers op uw aanvraag vast op {m['bedrag'].nl()} "
            f"(art. 4:42 en 4:44 Awb): {grondslag}. Wat van de vouchers niet is besteed, "
            "kan niet meer worden verzilverd."
        ]
        if w is not None:
            delen.append(
                f"Dat is lager dan is betaald, op grond van {w['artikel']}: {w['grondtekst']}. Het verschil, "
                f"{w['bedrag'].nl()}, vorderen wij van u terug (art. 4:57 Awb)."
            )
        return delen
    if m["uitkomst"] == TERUGVORDERING:
        return [
            f"Wij vorderen {m['bedrag'].nl()} van u terug: dat is met de vouchers betaald, maar was niet verschuldigd. "
            f"Dat doen wij op grond van {w['artikel']}: {w['grondtekst']}. Wij verzoeken u dat bedrag terug te betalen "
            "aan de kasbeheerder."
        ]
    if m["uitkomst"] == BUITEN_BEHANDELING:
        return [
            f"Wij stellen uw aanvraag om vouchers buiten behandeling op grond van {w['artikel']}: {w['grondtekst']}."
        ]
    return [f"Wij weigeren uw aanvraag om vouchers op grond van {w['artikel']} van {verordening}: {w['grondtekst']}."]


def _kenmerk(m: dict[str, Any]) -> list[tuple[str, str]]:
    regels = [
        ("Datum", o.nl(m["datum"])),
        ("Onderwerp", "besluit op uw aanvraag om vouchers"),
        ("Kenmerk", f"aanvraag {m['aanvraag']}, wijk {m['wijk']} ({m['wijknaam']}), budgetjaar {m['periode']}"),
        ("Ontvangen", o.nl(m["ontvangen"])),
    ]
    if m.get("verzending"):
        regels.append(("Verzonden", o.nl(m["verzending"]["verzonden"])))
    return regels


def termijnzin(m: dict[str, Any], wat: str, onderwerp: str = "Dit besluit") -> str | None:
    """Once sent (Awb 6:8): the day the term began and its last day (Atw art. 1), in the letter's words."""
    v = m.get("verzending")
    if not v:
        return None
    return (
        f"{onderwerp} is verzonden op {o.nl(v['verzonden'])}. De termijn voor {wat} begint op de dag daarna en loopt "
        f"tot en met {o.nl(v['laatste_dag'])} (art. 6:8 Awb; art. 1 Algemene termijnenwet)."
    )


def adresregels(m: dict[str, Any]) -> list[str]:
    a = m["geadresseerde"]
    return [a["naam"]] if a["naam"] == a["adres"] else [a["naam"], a["adres"]]


def _voetregel(m: dict[str, Any]) -> str:
    return f"Dit besluit is vastgelegd als gebeurtenis #{m['gebeurtenis']} in de vouchersadministratie."


# --- text ---------------------------------------------------------------------------------------
def alinea(tekst: str, begin: str = "", vervolg: str = "") -> str:
    """Wrapped at BREEDTE; an amount (`€ 1.234,50`) is never broken over two lines."""
    heel = tekst.replace("€ ", "€\u00a0")
    regels = textwrap.fill(heel, BREEDTE, initial_indent=begin, subsequent_indent=vervolg, break_on_hyphens=False)
    return regels.replace("€\u00a0", "€ ")


def tekst(m: dict[str, Any]) -> str:
    if m.get("uitkomst") == BESLISSING_OP_BEZWAAR:
        from projections.rapporten import bezwaarbrief

        return bezwaarbrief.tekst(m)
    kenmerk = _kenmerk(m)
    breed = max(len(k) for k, _ in kenmerk) + 2
    regels = [f"Gemeente {m['gemeente']}", ""]
    regels += [alinea(r, "Aan:    " if i == 0 else " " * 8, " " * 8) for i, r in enumerate(adresregels(m))]
    regels.append("")
    regels += [f"{(k + ':').ljust(breed)}{v}" for k, v in kenmerk]
    regels += ["", "Geachte initiatiefnemer,", "", alinea(_inleiding(m)), "", "Besluit"]
    regels += [alinea(d) for d in _beslissing(m)]
    if m["weigering"] is not None:
        regels += ["", alinea(f"Motivering: {m['weigering']['motivering']}")]
    if m["vouchers"]:
        rijen = [[v["code"], v["bedrag"].nl()] for v in m["vouchers"]]
        rijen.append(["totaal", m["bedrag"].nl()])
        regels += ["", "Vouchers", o.tabel(["code", "bedrag"], rijen, rechts=(1,), inspringen=2)]
    if m["vordering"]:
        *posten, te_betalen = m["vordering"]
        rijen = [[p["post"], p["bedrag"].nl()] for p in posten] + [[te_betalen["post"], te_betalen["bedrag"].nl()]]
        regels += ["", "Terugvordering", o.tabel(["post", "bedrag"], rijen, rechts=(1,), inspringen=2)]
    if m["voorwaarden"]:
        regels += ["", "Voorwaarden"]
        regels += [alinea(f"{v['tekst']} ({v['artikel']})", "- ", "  ") for v in m["voorwaarden"]]
    regels += ["", "Met vriendelijke groet,", "", alinea(m["namens"]["regel"])]
    b = m["bezwaar"]
    regels += ["", "Bezwaar", alinea(b["tekst"])]
    regels += [alinea(eis, f"  {letter}. ", "     ") for letter, eis in zip("abcde", b["eisen"], strict=True)]
    if (zin := termijnzin(m, "bezwaar")) is not None:
        regels.append(alinea(zin))
    regels += [alinea(b["slot"]), "", alinea(_voetregel(m))]
    return "\n".join(regels) + "\n"


# --- HTML ---------------------------------------------------------------------------------------
CSS = """
@page{size:A4;margin:22mm 20mm 22mm 25mm}
*{box-sizing:border-box}
body{margin:0;color:#1b1b1b;background:#fff;font-family:Georgia,Cambria,"Times New Roman",Times,serif;
font-size:11pt;line-height:1.5;-webkit-text-size-adjust:100%}
main{max-width:170mm;margin:0 auto;padding:14mm 10mm}
h1,h2,.afzender,dl.kenmerk dt,thead th{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:15pt;margin:9mm 0 3mm;line-height:1.25}
h2{font-size:12pt;margin:6mm 0 1.5mm}
p,li,dd,address{overflow-wrap:anywhere}
p{margin:0 0 2.5mm}
.afzender{font-size:13pt;font-weight:700;letter-spacing:.02em;margin:0 0 9mm}
address{font-style:normal;margin:0 0 8mm}
dl.kenmerk{display:grid;grid-template-columns:max-content 1fr;gap:0 5mm;margin:0}
dl.kenmerk dt{color:#555;font-size:9.5pt;padding-top:.2em}
dl.kenmerk dd{margin:0}
.schuif{overflow-x:auto;margin:1mm 0 3mm}
table{border-collapse:collapse;min-width:60%}
th,td{text-align:left;padding:1mm 4mm 1mm 0;border-bottom:1px solid #c9c9c9;vertical-align:top}
thead th{font-size:9.5pt;font-weight:600}
tbody th,tfoot th{font-weight:400}
td.b,th.b{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.v,th.v{white-space:nowrap}
tr.totaal td,tr.totaal th{font-weight:700;border-top:1.5px solid #1b1b1b}
ul.voorwaarden,ol.eisen{margin:0 0 3mm;padding-left:6mm}
ol.eisen{list-style:lower-alpha}
.artikel{color:#555;white-space:nowrap}
.namens{margin:8mm 0 6mm;break-inside:avoid}
.bezwaar{break-inside:avoid;font-size:10pt}
.voet{color:#666;font-size:9pt;margin-top:8mm}
@media screen and (max-width:40rem){main{padding:5mm 4mm}table{min-width:100%}}
@media print{main{max-width:none;padding:0}}
"""


def html(m: dict[str, Any]) -> str:
    if m.get("uitkomst") == BESLISSING_OP_BEZWAAR:
        from projections.rapporten import bezwaarbrief

        return bezwaarbrief.html(m)
    e = o.e
    delen = [
        '<article class="brief">',
        f'<p class="afzender">Gemeente {e(m["gemeente"])}</p>',
        "<address>" + "<br>".join(e(r) for r in adresregels(m)) + "</address>",
        '<dl class="kenmerk">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in _kenmerk(m)) + "</dl>",
        f"<h1>Besluit op uw aanvraag om vouchers (aanvraag {e(m['aanvraag'])})</h1>",
        "<p>Geachte initiatiefnemer,</p>",
        f"<p>{_html_tekst(_inleiding(m))}</p>",
        "<h2>Besluit</h2>",
        *(f"<p>{_html_tekst(d)}</p>" for d in _beslissing(m)),
    ]
    if m["weigering"] is not None:
        delen.append(f"<p><strong>Motivering:</strong> {e(m['weigering']['motivering'])}</p>")
    if m["vouchers"]:
        rijen = [[e(v["code"]), e(v["bedrag"])] for v in m["vouchers"]]
        delen += [
            "<h2>Vouchers</h2>",
            o.html_tabel(
                ["code", "bedrag"],
                rijen,
                bedragen=(1,),
                totaal=["totaal", e(m["bedrag"])],
                vast=(0,),
                bijschrift="Uw vouchers",
                verborgen=True,
                rijkop=True,
            ),
        ]
    if m["vordering"]:
        *posten, te_betalen = m["vordering"]
        delen += [
            "<h2>Terugvordering</h2>",
            o.html_tabel(
                ["post", "bedrag"],
                [[e(p["post"]), e(p["bedrag"])] for p in posten],
                bedragen=(1,),
                totaal=[e(te_betalen["post"]), e(te_betalen["bedrag"])],
                bijschrift="De terugvordering",
                verborgen=True,
                rijkop=True,
            ),
        ]
    if m["voorwaarden"]:
        delen += ["<h2>Voorwaarden</h2>", '<ul class="voorwaarden">']
        delen += [
            f'<li>{_html_tekst(v["tekst"])} <span class="artikel">({e(v["artikel"])})</span></li>'
            for v in m["voorwaarden"]
        ]
        delen.append("</ul>")
    delen.append(f'<p class="namens">Met vriendelijke groet,<br><br>{e(m["namens"]["regel"])}</p>')
    b = m["bezwaar"]
    delen += [
        '<section class="bezwaar">',
        "<h2>Bezwaar</h2>",
        f"<p>{e(b['tekst'])}</p>",
        '<ol class="eisen">' + "".join(f"<li>{e(eis)}</li>" for eis in b["eisen"]) + "</ol>",
        *([f"<p>{e(zin)}</p>"] if (zin := termijnzin(m, "bezwaar")) is not None else []),
        f"<p>{e(b['slot'])}</p>",
        "</section>",
        f'<p class="voet">{e(_voetregel(m))}</p>',
        "</article>",
    ]
    return o.html_pagina(f"{m['titel']} - gemeente {m['gemeente']}", delen, css=CSS)


def _html_tekst(tekst: str) -> str:
    """Escaped; an amount never broken over two lines."""
    return escape(tekst, quote=True).replace("€ ", "€&nbsp;")
