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
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import OPEN, Geschiedenis, WijkHistorie
from projections.rapporten.verantwoording import SALDOVELDEN, saldo_van

# The plafond split into parts that add up to it: verzilverd + contant + uitstaand + vervallen + niet toegekend.
DELEN = (
    ("verzilverd", "verzilverd (facturen)", "#1f6f8b"),
    ("contant", "contant", "#e0a526"),
    ("uitstaand", "nog uit te geven", "#8fc7d6"),
    ("vervallen", "vervallen", "#b4495b"),
    ("niet_toegekend", "niet toegekend", "#dfe5e8"),
)
KOLOMMEN = (
    ("budget", "budget"),
    ("plafond", "subsidieplafond"),
    ("toegekend", "toegekend"),
    ("verzilverd", "verzilverd"),
    ("contant", "contant"),
    ("vervallen", "vervallen"),
    ("uitstaand", "nog uit te geven"),
    ("beschikbaar", "nog beschikbaar"),
)


def bouw(h: Geschiedenis, periode: int | None = None) -> dict[str, Any]:
    jaren = sorted({w.periode for w in h.wijk_lijst(periode=periode)})
    return {
        "rapport": "raad",
        "titel": "Vouchers bewonersinitiatieven: besteding per wijk",
        "gemeente": h.gemeente,
        "regeling": h.regeling.naam,
        "tot": h.stand,
        "tot_gevraagd": h.tot is not None,
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


# --- HTML with inline SVG -----------------------------------------------------------------------------
BREEDTE = 1000  # SVG user units of a bar; the bar scales to the width of the screen


def _delen(w: dict[str, Any]) -> list[tuple[str, str, str, Bedrag]]:
    niet_toegekend = w["plafond"] - w["toegekend"]
    waarden = {
        "verzilverd": w["verzilverd"],
        "contant": w["contant"],
        "uitstaand": w["uitstaand"],
        "vervallen": w["vervallen"],
        "niet_toegekend": niet_toegekend,
    }
    return [(k, naam, kleur, waarden[k]) for k, naam, kleur in DELEN]


def _balk(w: dict[str, Any], schaal: Bedrag) -> str:
    """A stacked bar of the plafond; `schaal` (the largest plafond) is the full width."""
    x = 0
    rechthoeken = []
    geheel = max(schaal.centen, 1)
    for _, naam, kleur, bedrag in _delen(w):
        if bedrag.centen <= 0:
            continue
        breedte = bedrag.centen * BREEDTE // geheel
        if breedte <= 0:
            continue
        rechthoeken.append(
            f'<rect x="{x}" y="0" width="{breedte}" height="20" fill="{kleur}"><title>{o.e(naam)}: {o.e(bedrag)}</title></rect>'
        )
        x += breedte
    label = f"Besteding van het plafond van {w['naam']}: " + ", ".join(
        f"{naam} {bedrag.nl()}" for _, naam, _, bedrag in _delen(w)
    )
    return (
        f'<svg class="balk" viewBox="0 0 {BREEDTE} 20" preserveAspectRatio="none" role="img" '
        f'aria-label="{o.e(label)}"><rect x="0" y="0" width="{BREEDTE}" height="20" fill="#f4f7f8"></rect>'
        + "".join(rechthoeken)
        + "</svg>"
    )


def _legenda() -> str:
    items = "".join(
        f'<li><svg viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill="{kleur}"></rect></svg>'
        f"{o.e(naam)}</li>"
        for _, naam, kleur in DELEN
    )
    return f'<ul class="legenda">{items}</ul>'


def _maandgrafiek(p: dict[str, Any]) -> str:
    """Columns per month of the budget year: verzilverd below, contant on top."""
    hoogte, basis, links = 220, 250, 10
    kolom = 48
    maanden = {x["maand"]: x for x in p["per_maand"]}
    reeks = [f"{p['periode']}-{m:02d}" for m in range(1, 13)]
    reeks += sorted(k for k in maanden if k not in reeks)  # payments dated outside the year itself
    grootste = max([(x["verzilverd"] + x["contant"]).centen for x in p["per_maand"]] + [1])
    delen = []
    for i, sleutel in enumerate(reeks):
        x = links + i * kolom
        rij = maanden.get(sleutel)
        v = rij["verzilverd"].centen if rij else 0
        c = rij["contant"].centen if rij else 0
        hv = v * hoogte // grootste
        hc = c * hoogte // grootste
        titel = o.e(
            f"{_maandnaam(sleutel)}: verzilverd {Bedrag.van_centen(v).nl()}, contant {Bedrag.van_centen(c).nl()}"
        )
        delen.append(
            f'<g><title>{titel}</title><rect x="{x + 6}" y="{basis - hv}" width="{kolom - 12}" height="{hv}" fill="#1f6f8b"></rect>'
            f'<rect x="{x + 6}" y="{basis - hv - hc}" width="{kolom - 12}" height="{hc}" fill="#e0a526"></rect>'
            f'<text x="{x + kolom // 2}" y="{basis + 24}" text-anchor="middle" font-size="18" fill="#1b2a33">'
            f"{o.e(_maandnaam(sleutel)[:3])}</text></g>"
        )
    breedte = links * 2 + kolom * len(reeks)
    totaal = sum((x["verzilverd"] + x["contant"] for x in p["per_maand"]), Bedrag.nul())
    label = o.e(f"Uitbetaald per maand in {p['periode']}, samen {totaal.nl()}")
    return (
        f'<svg viewBox="0 0 {breedte} {basis + 34}" role="img" aria-label="{label}">'
        f'<line x1="{links}" y1="{basis}" x2="{breedte - links}" y2="{basis}" stroke="#5b6b75" stroke-width="2"></line>'
        + "".join(delen)
        + "</svg>"
    )


def html(m: dict[str, Any]) -> str:
    delen = [
        f"<h1>{o.e(m['titel'])}</h1>",
        f'<p class="meta">Gemeente {o.e(m["gemeente"])} — {o.e(m["regeling"])}</p>',
        f'<p class="meta">{o.e(_stand(m))}</p>',
    ]
    if not m["perioden"]:
        delen.append("<p>Geen wijken aangewezen.</p>")
    for p in m["perioden"]:
        t = p["totaal"]
        delen.append(f"<h2>Budgetjaar {p['periode']}</h2>")
        delen.append(
            f"<p>Van het subsidieplafond van {o.e(t['plafond'])} is {o.e(t['toegekend'])} in vouchers toegekend; "
            f"daarvan is {o.e(t['verzilverd'] + t['contant'])} uitgegeven ({o.e(t['verzilverd'])} aan facturen, "
            f"{o.e(t['contant'])} contant) en {o.e(t['vervallen'])} vervallen. "
            f"{t['aantal_aanvragen']} aanvragen, waarvan {t['aantal_met_vouchers']} met vouchers.</p>"
        )
        schaal = max([w["plafond"] for w in p["wijken"]] + [Bedrag.van_centen(1)])
        delen.append("<h3>Subsidieplafond per wijk en wat ermee is gedaan</h3>")
        delen.append(_legenda())
        delen.append('<div class="kaarten">')
        for w in p["wijken"]:
            afgesloten = f" · afgesloten {o.e(w['afgesloten'])}" if w["afgesloten"] else ""
            delen.append(
                f'<section class="kaart"><h3>{o.e(w["naam"])} <span class="nr">{o.e(w["wijk"])}{afgesloten}</span></h3>'
                + _balk(w, schaal)
                + '<dl class="cijfers">'
                + "".join(f"<dt>{o.e(naam)}</dt><dd>{o.e(w[k])}</dd>" for k, naam in KOLOMMEN)
                + f"<dt>aanvragen</dt><dd>{w['aantal_aanvragen']}</dd>"
                + f"<dt>met vouchers</dt><dd>{w['aantal_met_vouchers']}</dd>"
                + f"<dt>geweigerd</dt><dd>{w['aantal_geweigerd']}</dd>"
                + f"<dt>in behandeling</dt><dd>{w['aantal_lopend']}</dd>"
                + "</dl></section>"
            )
        delen.append("</div>")
        delen.append("<h3>Uitbetaald per maand</h3>")
        delen.append(
            '<ul class="legenda"><li><svg viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" '
            'fill="#1f6f8b"></rect></svg>verzilverd</li><li><svg viewBox="0 0 10 10" aria-hidden="true">'
            '<rect width="10" height="10" fill="#e0a526"></rect></svg>contant</li></ul>'
        )
        delen.append(_maandgrafiek(p))
        delen.append("<h3>Alle wijken</h3>")
        rijen = [[o.e(w["naam"]), *(o.e(w[k]) for k, _ in KOLOMMEN)] for w in p["wijken"]]
        delen.append(
            o.html_tabel(
                ["wijk", *(naam for _, naam in KOLOMMEN)],
                rijen,
                range(1, 1 + len(KOLOMMEN)),
                totaal=["totaal", *(o.e(t[k]) for k, _ in KOLOMMEN)],
            )
        )
    delen.append(
        '<p class="meta">Verzilverd: facturen die de kasbeheerder uit vouchers betaalde (art. 9 lid 3 onder a); '
        "contant: opnames van ten hoogste het maximum per keer (art. 9 lid 3 onder b); vervallen: wat na de "
        "uitvoeringsdatum niet was besteed (art. 5 lid 8); nog beschikbaar: subsidieplafond min toegekend plus "
        "vervallen.</p>"
    )
    return o.html_pagina(f"{m['titel']} — {m['gemeente']}", delen)
