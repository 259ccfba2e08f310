"""`voucher rapport raad`: spending per wijk for the gemeenteraad, with charts.

Per budget year and wijk: budget, subsidieplafond, toegekend, verzilverd (invoices paid),
contant, vervallen, nog uit te geven (uitstaand: issued, not yet spent) and nog beschikbaar
(beschikbaar: room under the plafond), and the number of aanvragen (received, with
vouchers, refused, still running); per month what was paid out. The figures are those of
`voucher saldo` at the same date, to the cent.

The HTML is one file a council member can open on a phone: inline CSS and inline SVG
charts, no scripts, fonts or anything else fetched from anywhere. Bar lengths are computed
in whole units from cents (no floats), so the same history draws the same chart.
"""

from __future__ import annotations

from typing import Any

from ledger.geld import Bedrag
from projections.rapporten import grafiek as g
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import OPEN, Geschiedenis, WijkHistorie
from projections.rapporten.verantwoording import SALDOVELDEN, saldo_van
from projections.rapporten.zonder_gc import zonder_gc

# The plafond split into parts that add up to it: verzilverd + contant + vervallen + uitstaand + niet toegekend
# (in the order of the figures beside the bar; _stukken says how value that was released and granted again,
# and money paid back, fit in),
# each drawn in its own fill (grafiek.py: colours, patterns, contrast).
DELEN = (
    ("verzilverd", "verzilverd (facturen)"),
    ("contant", "contant"),
    ("vervallen", "vervallen"),
    ("uitstaand", "nog uit te geven"),
    ("niet_toegekend", "niet toegekend"),
)
KOLOMMEN = (
    ("budget", "budget"),
    ("plafond", "subsidieplafond"),
    ("toegekend", "toegekend"),
    ("verzilverd", "verzilverd"),
    ("contant", "contant"),
    ("vervallen", "vervallen"),
    ("uitstaand", "nog uit te geven"),
    ("teruggevorderd", "teruggevorderd"),
    ("terugontvangen", "terugbetaald"),
    ("beschikbaar", "nog beschikbaar"),
)


@zonder_gc
def bouw(h: Geschiedenis, periode: int | None = None) -> dict[str, Any]:
    jaren = sorted({w.periode for w in h.wijk_lijst(periode=periode)})
    return {
        "rapport": "raad",
        "titel": "Vouchers bewonersinitiatieven: besteding per wijk",
        "gemeente": h.gemeente,
        "regeling": h.regeling.naam,
        "tot": h.stand,
        "tot_gevraagd": h.tot is not None,
        "bekend_op": h.bekend_op,
        "laatste_gebeurtenis": h.laatste,
        "gebeurtenissen": h.meegeteld,
        "perioden": [_periode(h, jaar) for jaar in jaren],
    }


def _periode(h: Geschiedenis, jaar: int) -> dict[str, Any]:
    wijken = [_wijk(h, w) for w in h.wijk_lijst(periode=jaar)]
    totaal: dict[str, Any] = {k: sum((w[k] for w in wijken), Bedrag.nul()) for k in SALDOVELDEN}
    for k in ("aantal_aanvragen", "aantal_met_vouchers", "aantal_geweigerd", "aantal_lopend"):
        totaal[k] = sum(w[k] for w in wijken)
    per_maand: dict[tuple[int, int], list[Bedrag]] = {}
    for w in h.wijk_lijst(periode=jaar):
        for code in w.vouchers:
            for b in h.vouchers[code].geldige_betalingen:  # a corrected payment does not count
                sleutel = (b.handeling.datum.year, b.handeling.datum.month)
                som = per_maand.setdefault(sleutel, [Bedrag.nul(), Bedrag.nul()])
                som[0 if b.soort == "verzilverd" else 1] += b.bedrag
    maanden = [
        {"maand": f"{j}-{m:02d}", "verzilverd": s[0], "contant": s[1]} for (j, m), s in sorted(per_maand.items())
    ]
    return {"periode": jaar, "wijken": wijken, "totaal": totaal, "per_maand": maanden}


def _wijk(h: Geschiedenis, w: WijkHistorie) -> dict[str, Any]:
    vouchers = [h.vouchers[c] for c in w.vouchers]
    aanvragen = [h.aanvragen[n] for n in w.aanvragen]
    return {
        "wijk": w.code,
        "naam": w.naam,
        **saldo_van(w, vouchers),
        "afgesloten": w.afsluiting[0].datum if w.afsluiting else None,
        "aantal_aanvragen": len(aanvragen),
        "aantal_met_vouchers": sum(1 for a in aanvragen if a.toekenning is not None),
        "aantal_geweigerd": sum(1 for a in aanvragen if a.status == "geweigerd"),
        "aantal_lopend": sum(1 for a in aanvragen if a.status in OPEN),
    }


# === formats ===========================================================================================
def _stand(m: dict[str, Any]) -> str:
    if m["tot"] is None:
        return "Er zijn nog geen handelingen vastgelegd."
    wat = "aan het eind van" if m["tot_gevraagd"] else "na de laatste handeling, van"
    return (
        f"Stand {wat} {o.nl(m['tot'])} ({m['gebeurtenissen']} gebeurtenissen, de laatste nr. "
        f"{m['laatste_gebeurtenis']}); de bedragen zijn gelijk aan 'voucher saldo' op die datum."
        + "".join(f" {r}" for r in o.ketenkop_regels(m))
    )


@zonder_gc
def tekst(m: dict[str, Any]) -> str:
    regels = [m["titel"].upper(), f"Gemeente {m['gemeente']} — {m['regeling']}", _stand(m), ""]
    if not m["perioden"]:
        regels.append("Geen wijken aangewezen.")
    for p in m["perioden"]:
        regels.append(f"== Budgetjaar {p['periode']} ==")
        kop = ["wijk", *(naam for _, naam in KOLOMMEN), "aanvragen", "met vouchers", "geweigerd", "lopend"]
        rijen = [_rij_tekst(w, w["naam"]) for w in p["wijken"]] + [_rij_tekst(p["totaal"], "totaal")]
        regels.append(o.tabel(kop, rijen, rechts=range(1, len(kop))))
        regels.append("")
        regels.append("Uitbetaald per maand (verzilverd + contant):")
        rijen = [
            [_maandnaam(x["maand"]), x["verzilverd"].nl(), x["contant"].nl(), (x["verzilverd"] + x["contant"]).nl()]
            for x in p["per_maand"]
        ]
        regels.append(o.tabel(["maand", "verzilverd", "contant", "samen"], rijen, rechts=(1, 2, 3), inspringen=2))
        regels.append("")
    return "\n".join(regels).rstrip("\n") + "\n"


def _rij_tekst(w: dict[str, Any], naam: str) -> list[str]:
    return [
        naam,
        *(w[k].nl() for k, _ in KOLOMMEN),
        str(w["aantal_aanvragen"]),
        str(w["aantal_met_vouchers"]),
        str(w["aantal_geweigerd"]),
        str(w["aantal_lopend"]),
    ]


def _maandnaam(sleutel: str) -> str:
    jaar, nummer = sleutel.split("-")
    return o.maand(int(jaar), int(nummer))


# --- HTML: bars and amounts as text at the page's own size (grafiek.py) ---------------------------------
def _stukken(w: dict[str, Any]) -> list[tuple[str, Bedrag]]:
    """The plafond in parts that are never negative and add up to it to the cent.

    plafond = verzilverd + contant − terugbetaald + uitstaand + beschikbaar (the saldo formulas). Money paid
    back frees its share of what was spent (first of the invoices, then of the cash); what is still
    available is what expired or was released and not granted again (vervallen, at most what is available)
    and the rest (niet toegekend). Without withdrawals or repayments this is the plain split of the plafond."""
    terug = w["terugontvangen"]
    verzilverd = w["verzilverd"] - min(terug, w["verzilverd"])
    contant = w["contant"] - (terug - (w["verzilverd"] - verzilverd))
    beschikbaar = max(w["beschikbaar"], Bedrag.nul())  # below nul after a lowering (Awb 4:27 lid 2): none left
    vervallen = min(w["vervallen"], beschikbaar)
    waarden = {
        "verzilverd": verzilverd,
        "contant": contant,
        "uitstaand": w["uitstaand"],
        "vervallen": vervallen,
        "niet_toegekend": beschikbaar - vervallen,
    }
    return [(k, waarden[k]) for k, _ in DELEN]


def _geheel(w: dict[str, Any]) -> Bedrag:
    """The bar's length: the plafond, or what its parts add up to when aanvragen received before a lowering
    were judged against the plafond as it was (Awb 4:27 lid 2) and took more than the lowered plafond."""
    return max(w["plafond"], sum((b for _, b in _stukken(w)), Bedrag.nul()))


def _beschikbaar_naam(w: dict[str, Any]) -> str:
    """After closing nothing is granted any more: what was 'nog beschikbaar' is simply not spent."""
    return "niet besteed (afgesloten)" if w["afgesloten"] else "nog beschikbaar"


def _kaart(w: dict[str, Any], schaal: Bedrag) -> str:
    namen = dict(DELEN)
    label = f"Subsidieplafond van {w['naam']}, {w['plafond'].nl()}: " + ", ".join(
        f"{namen[k]} {b.nl()}" for k, b in _stukken(w)
    )
    if w["terugontvangen"]:
        label += f" (betaald na aftrek van {w['terugontvangen'].nl()} terugbetaald)"
    if w["beschikbaar"] < Bedrag.nul():
        label += (
            f" ({(-w['beschikbaar']).nl()} boven het verlaagde plafond: aanvragen van vóór de verlaging houden het "
            "plafond zoals het was, Awb 4:27 lid 2)"
        )
    reeks = {"verzilverd": "verzilverd", "contant": "contant", "uitstaand": "uitstaand", "vervallen": "vervallen"}
    cijfers = "".join(
        f"<dt>{g.stip(reeks[k]) if k in reeks else ''}{o.e(_beschikbaar_naam(w) if k == 'beschikbaar' else naam)}</dt>"
        f"<dd>{o.e(w[k])}</dd>"
        for k, naam in KOLOMMEN
    )
    status = f"afgesloten {o.e(w['afgesloten'])}" if w["afgesloten"] else "loopt"
    return (
        f'<section class="kaart" aria-labelledby="wijk-{o.e(w["wijk"])}">'
        f'<h4 id="wijk-{o.e(w["wijk"])}">{o.e(w["naam"])} <span class="nr">{o.e(w["wijk"])} · {status}</span></h4>'
        + g.balk(_stukken(w), _geheel(w), schaal, o.e(label))
        + f'<dl class="cijfers">{cijfers}'
        + f"<dt>aanvragen</dt><dd>{w['aantal_aanvragen']}</dd>"
        + f"<dt>met vouchers</dt><dd>{w['aantal_met_vouchers']}</dd>"
        + f"<dt>geweigerd</dt><dd>{w['aantal_geweigerd']}</dd>"
        + f"<dt>in behandeling</dt><dd>{w['aantal_lopend']}</dd>"
        + "</dl></section>"
    )


def _maanden(p: dict[str, Any]) -> list[tuple[int, int, Bedrag, Bedrag]]:
    """Every month of the budget year, also those without payments, then payments dated outside it."""
    per_maand = {x["maand"]: x for x in p["per_maand"]}
    sleutels = [f"{p['periode']}-{m:02d}" for m in range(1, 13)]
    sleutels += sorted(k for k in per_maand if k not in sleutels)
    uit = []
    for sleutel in sleutels:
        jaar, nummer = (int(d) for d in sleutel.split("-"))
        x = per_maand.get(sleutel)
        uit.append((jaar, nummer, x["verzilverd"] if x else Bedrag.nul(), x["contant"] if x else Bedrag.nul()))
    return uit


def _maandgrafiek(p: dict[str, Any]) -> list[str]:
    """One bar per month with its amount beside it; below, the same months split in a table."""
    maanden = _maanden(p)
    grootste = max([v + c for _, _, v, c in maanden] + [Bedrag.van_centen(1)])
    jaar = p["periode"]

    def maand(j: int, n: int) -> str:
        return f'<abbr title="{o.e(o.maand(j, n))}">{o.e(o.maand_kort(j, n, jaar))}</abbr>'

    rijen = [
        [maand(j, n), g.staaf([("verzilverd", v), ("contant", c)], grootste, o.e(v + c))] for j, n, v, c in maanden
    ]
    totaal = sum((v + c for _, _, v, c in maanden), Bedrag.nul())
    tabel = o.html_tabel(
        ["maand", "uitbetaald"],
        rijen,
        bijschrift=f"Uitbetaald per maand in {jaar}, samen {totaal.nl()}",
        verborgen=True,
        rijkop=True,
    ).replace("<table>", '<table class="grafiek">', 1)
    gesplitst = o.html_tabel(
        ["maand", "verzilverd", "contant", "samen"],
        [[maand(j, n), o.e(v), o.e(c), o.e(v + c)] for j, n, v, c in maanden],
        (1, 2, 3),
        totaal=["totaal", o.e(p["totaal"]["verzilverd"]), o.e(p["totaal"]["contant"]), o.e(totaal)],
        bijschrift=f"Uitbetaald per maand in {jaar}: verzilverd en contant apart",
        verborgen=True,
        rijkop=True,
    )
    return [
        f"<h3>Uitbetaald per maand: {o.e(totaal)}</h3>",
        g.legenda([("verzilverd", "verzilverd (facturen)"), ("contant", "contant")]),
        tabel,
        f"<details><summary>Verzilverd en contant per maand apart</summary>{gesplitst}</details>",
    ]


def _periode_html(p: dict[str, Any]) -> list[str]:
    t = p["totaal"]
    wijken = p["wijken"]
    delen = [
        f"<h2>Budgetjaar {p['periode']}</h2>",
        f"<p>Van het subsidieplafond van {o.e(t['plafond'])} is {o.e(t['toegekend'])} in vouchers toegekend; "
        f"daarvan is {o.e(t['verzilverd'] + t['contant'])} uitgegeven ({o.e(t['verzilverd'])} aan facturen, "
        f"{o.e(t['contant'])} contant) en {o.e(t['vervallen'])} vervallen. "
        f"{t['aantal_aanvragen']} aanvragen, waarvan {t['aantal_met_vouchers']} met vouchers.</p>",
    ]
    gesloten = [w for w in wijken if w["afgesloten"]]
    if gesloten and len(gesloten) == len(wijken):
        delen.append(
            f"<p>Het budgetjaar is afgesloten: er wordt niets meer toegekend of uitbetaald. {o.e(t['beschikbaar'])} "
            "van het subsidieplafond is niet besteed.</p>"
        )
    elif gesloten:
        niet = sum((w["beschikbaar"] for w in gesloten), Bedrag.nul())
        delen.append(
            f"<p>Afgesloten: {o.e(', '.join(w['naam'] for w in gesloten))}. Daar wordt niets meer toegekend of "
            f"uitbetaald; {o.e(niet)} van hun plafond is niet besteed.</p>"
        )
    schaal = max([_geheel(w) for w in wijken] + [Bedrag.van_centen(1)])
    delen += [
        "<h3>Subsidieplafond per wijk en wat ermee is gedaan</h3>",
        g.legenda([(k, naam + (" (leeg)" if k == "niet_toegekend" else "")) for k, naam in DELEN]),
        '<div class="kaarten">',
        *(_kaart(w, schaal) for w in wijken),
        "</div>",
        *_maandgrafiek(p),
        "<h3>Alle wijken</h3>",
    ]
    beschikbaar = (
        "nog beschikbaar"
        if not gesloten
        else "niet besteed"
        if len(gesloten) == len(wijken)
        else ("nog beschikbaar of niet besteed (afgesloten)")
    )
    kop = ["wijk", *(beschikbaar if k == "beschikbaar" else naam for k, naam in KOLOMMEN)]
    rijen = [[o.e(w["naam"]), *(o.e(w[k]) for k, _ in KOLOMMEN)] for w in wijken]
    delen.append(
        o.html_tabel(
            kop,
            rijen,
            range(1, 1 + len(KOLOMMEN)),
            totaal=["totaal", *(o.e(t[k]) for k, _ in KOLOMMEN)],
            bijschrift=f"Alle wijken in {p['periode']}",
            verborgen=True,
            rijkop=True,
        )
    )
    return delen


def _stand_html(m: dict[str, Any]) -> str:
    if m["tot"] is None:
        return "Er zijn nog geen handelingen vastgelegd."
    if m["tot_gevraagd"]:
        return f"Stand aan het eind van {o.nl(m['tot'])}."
    return f"Stand op {o.nl(m['tot'])}, na de laatste vastgelegde handeling."


@zonder_gc
def html(m: dict[str, Any]) -> str:
    delen = [
        f"<h1>{o.e(m['titel'])}</h1>",
        f'<p class="meta">Gemeente {o.e(m["gemeente"])} — {o.e(m["regeling"])}. {o.e(_stand_html(m))}</p>',
    ]
    if not m["perioden"]:
        delen.append("<p>Geen wijken aangewezen.</p>")
    for p in m["perioden"]:
        delen += _periode_html(p)
    delen += [
        "<h2>Wat de woorden betekenen</h2>",
        '<dl class="begrippen">'
        "<dt>verzilverd</dt><dd>facturen die de kasbeheerder uit vouchers betaalde (art. 9 lid 3 onder a)</dd>"
        "<dt>contant</dt><dd>opnames van ten hoogste het maximum per keer (art. 9 lid 3 onder b)</dd>"
        "<dt>nog uit te geven</dt><dd>toegekend en nog niet besteed</dd>"
        "<dt>vervallen</dt><dd>wat na de uitvoeringsdatum niet was besteed (art. 5 lid 8), of wat bij het "
        "intrekken of vaststellen van een subsidie vrijkwam (Awb 4:48, 4:44); in de balk alleen voor zover het "
        "niet opnieuw is toegekend</dd>"
        "<dt>teruggevorderd</dt><dd>wat het college terugvorderde van wat was betaald (Awb 4:57)</dd>"
        "<dt>terugbetaald</dt><dd>wat daarvan is terugbetaald; het telt weer als beschikbaar</dd>"
        "<dt>nog beschikbaar</dt><dd>subsidieplafond min toegekend plus vervallen plus terugbetaald: wat nog "
        "kan worden toegekend</dd>"
        "<dt>niet besteed (afgesloten)</dt><dd>hetzelfde bedrag na het afsluiten van de periode: er wordt niets "
        "meer toegekend</dd></dl>",
    ]
    voet = []
    if m["tot"] is not None:
        voet.append(
            f"<p>Dit rapport telt {m['gebeurtenissen']} gebeurtenissen, de laatste nr. {m['laatste_gebeurtenis']}; "
            "de bedragen zijn gelijk aan die van <code>voucher saldo</code> op dezelfde datum.</p>"
        )
    voet += o.ketenkop_voet(m)
    return o.html_pagina(f"{m['titel']} — {m['gemeente']}", delen, css=o.CSS + g.CSS + CSS, voet=voet)


CSS = """
dl.begrippen{margin:.3rem 0}
dl.begrippen dt{font-weight:600}
dl.begrippen dd{margin:0 0 .4rem 0}
details{margin:.4rem 0 1rem}
summary{cursor:pointer;color:var(--accent);font-weight:600}
h4{font-size:1rem;margin:0 0 .3rem}
abbr[title]{text-decoration:none}
"""
