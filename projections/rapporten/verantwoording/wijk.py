"""One wijk and budget year in the verantwoording: its designation (art. 2 lid 1), budget changes
(art. 2 lid 2), uitvoeringskosten (art. 2 lid 3), subsidieplafond (Awb 4:22, 4:27), close of the period
(art. 5 lid 8), the count of its aanvragen, its saldo figures and then every initiative."""

from __future__ import annotations

from typing import Any

from ledger.persoonsgegevens import AFGESCHERMD
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import OPEN, Geschiedenis, WijkHistorie
from projections.rapporten.verantwoording import initiatief, overzicht
from projections.rapporten.verantwoording.woorden import SALDOVELDEN, als_dict


def model(h: Geschiedenis, w: WijkHistorie, namen: dict[int, str]) -> dict[str, Any]:
    r = h.regeling_op(w.aangewezen.datum)  # the version under which the wijk's year was designated
    aanvragen = [h.aanvragen[n] for n in sorted(w.aanvragen)]
    initiatieven = [initiatief.model(h, a) | {"aanvrager": namen.get(a.nummer, AFGESCHERMD)} for a in aanvragen]
    vouchers = [h.vouchers[c] for c in sorted(w.vouchers)]
    return {
        "wijk": w.code,
        "naam": w.naam,
        "periode": w.periode,
        **overzicht.saldo_van(w, vouchers),
        "verstrekken_tot": w.verstrekken_tot,
        "uitvoeren_tot": w.uitvoeren_tot,
        "aanwijzing": als_dict(w.aangewezen)
        | {"budget": w.budgetwijzigingen[0][1] if w.budgetwijzigingen else w.budget},
        "regeling_versie": h.versie_op(w.aangewezen.datum)[0],
        "budgetwijzigingen": [als_dict(hd) | {"was": was, "budget": wordt} for hd, was, wordt in w.budgetwijzigingen],
        "reservering": als_dict(w.reservering) | {"bedrag": w.uitvoeringskosten} if w.reservering else None,
        "plafondbesluiten": [
            als_dict(hd) | {"plafond": p, "verlaagd_van": w.verlaagd_van.get(hd.gebeurtenis)}
            for hd, p in w.plafondbesluiten
        ],
        "uitvoeringskosten_toets": overzicht.toets(w, r),
        "afsluiting": (
            als_dict(w.afsluiting[0]) | {"vervallen": w.afsluiting[1], "vouchers": w.afsluiting[2]}
            if w.afsluiting
            else None
        ),
        "aantal_aanvragen": len(aanvragen),
        "aantal_met_vouchers": sum(1 for a in aanvragen if a.toekenning is not None),
        "aantal_geweigerd": sum(1 for a in aanvragen if a.status == "geweigerd"),
        "aantal_lopend": sum(1 for a in aanvragen if a.status in OPEN),
        "initiatieven": initiatieven,
    }


def _versie_bij(w: dict[str, Any]) -> str:
    return f"; regeling versie {w['regeling_versie']}" if w.get("regeling_versie", 1) > 1 else ""


def _verlaging(p: dict[str, Any]) -> str:
    """A lowering of the plafond does not touch aanvragen received before it (Awb 4:27 lid 2)."""
    if p.get("verlaagd_van") is None:
        return ""
    return (
        f" (verlaagd van {p['verlaagd_van'].nl()}; aanvragen ontvangen vóór {o.nl(p['datum'])} houden dat plafond, "
        "Awb 4:27 lid 2)"
    )


# --- text ------------------------------------------------------------------------------------------
def tekst(w: dict[str, Any]) -> list[str]:
    a = w["aanwijzing"]
    regels = [
        f"== Wijk {w['wijk']} ({w['naam']}), budgetjaar {w['periode']} ==",
        f"Aangewezen op {o.nl(a['datum'])} door {a['door']} met een budget van {a['budget'].nl()} [#{a['gebeurtenis']}]; "
        f"vouchers verstrekken tot en met {o.nl(w['verstrekken_tot'])}, uitgevoerd uiterlijk {o.nl(w['uitvoeren_tot'])} "
        f"(art. 5 lid 8{_versie_bij(w)}).",
        *(
            f"Budget gewijzigd op {o.nl(b['datum'])} door {b['door']}: van {b['was'].nl()} naar {b['budget'].nl()} "
            f"(art. 2 lid 2) [#{b['gebeurtenis']}]."
            for b in w.get("budgetwijzigingen", [])
        ),
    ]
    if w["reservering"]:
        r = w["reservering"]
        regels.append(
            f"Uitvoeringskosten gereserveerd op {o.nl(r['datum'])} door {r['door']}: {r['bedrag'].nl()} [#{r['gebeurtenis']}]."
        )
    for p in w["plafondbesluiten"]:
        regels.append(
            f"Subsidieplafond vastgesteld op {o.nl(p['datum'])} door {p['door']}: {p['plafond'].nl()}"
            f"{_verlaging(p)} [#{p['gebeurtenis']}]."
        )
    if w["afsluiting"]:
        s = w["afsluiting"]
        regels.append(
            f"Periode afgesloten op {o.nl(s['datum'])} door {s['door']}: {s['vouchers']} voucher(s) vervallen, "
            f"samen {s['vervallen'].nl()} [#{s['gebeurtenis']}]."
        )
    else:
        regels.append("Periode nog niet afgesloten.")
    regels.append(
        f"Aanvragen: {w['aantal_aanvragen']}; met vouchers {w['aantal_met_vouchers']}, geweigerd {w['aantal_geweigerd']}, "
        f"in behandeling {w['aantal_lopend']}."
    )
    regels.append(o.tabel(["post", "bedrag"], [[k, w[k].nl()] for k in SALDOVELDEN], rechts=(1,), inspringen=2))
    regels.append("")
    for i in w["initiatieven"]:
        regels += initiatief.tekst(i)
    return regels


# --- HTML ------------------------------------------------------------------------------------------
def html(w: dict[str, Any]) -> list[str]:
    a = w["aanwijzing"]
    delen = [
        f"<h2>Wijk {o.e(w['wijk'])} ({o.e(w['naam'])}), budgetjaar {o.e(w['periode'])}</h2>",
        f"<p>Aangewezen op {o.e(a['datum'])} door {o.e(a['door'])}, budget {o.e(a['budget'])} {o.nr(a['gebeurtenis'])}. "
        f"Vouchers verstrekken tot en met {o.e(w['verstrekken_tot'])}; uitgevoerd uiterlijk {o.e(w['uitvoeren_tot'])} "
        f"(art. 5 lid 8{o.e(_versie_bij(w))}).</p>",
        "<ul>",
        *(
            f"<li>Budget gewijzigd op {o.e(b['datum'])} door {o.e(b['door'])}: van {o.e(b['was'])} naar "
            f"{o.e(b['budget'])} (art. 2 lid 2) {o.nr(b['gebeurtenis'])}</li>"
            for b in w.get("budgetwijzigingen", [])
        ),
    ]
    if w["reservering"]:
        r = w["reservering"]
        delen.append(
            f"<li>Uitvoeringskosten gereserveerd op {o.e(r['datum'])} door {o.e(r['door'])}: {o.e(r['bedrag'])} {o.nr(r['gebeurtenis'])}</li>"
        )
    for p in w["plafondbesluiten"]:
        delen.append(
            f"<li>Subsidieplafond vastgesteld op {o.e(p['datum'])} door {o.e(p['door'])}: {o.e(p['plafond'])}"
            f"{o.e(_verlaging(p))} {o.nr(p['gebeurtenis'])}</li>"
        )
    if w["afsluiting"]:
        s = w["afsluiting"]
        delen.append(
            f"<li>Periode afgesloten op {o.e(s['datum'])} door {o.e(s['door'])}: {o.e(s['vouchers'])} voucher(s) vervallen, "
            f"samen {o.e(s['vervallen'])} {o.nr(s['gebeurtenis'])}</li>"
        )
    else:
        delen.append("<li>Periode nog niet afgesloten.</li>")
    delen.append(
        f"<li>Aanvragen: {w['aantal_aanvragen']}; met vouchers {w['aantal_met_vouchers']}, geweigerd "
        f"{w['aantal_geweigerd']}, in behandeling {w['aantal_lopend']}.</li></ul>"
    )
    delen.append('<dl class="cijfers">' + "".join(f"<dt>{k}</dt><dd>{o.e(w[k])}</dd>" for k in SALDOVELDEN) + "</dl>")
    for i in w["initiatieven"]:
        delen += initiatief.html(i)
    return delen
