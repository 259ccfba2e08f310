"""`voucher rapport verantwoording`: the accountant's account per wijk and initiative.

What it shows, for every wijk and budget year up to a date (`tot`):
- the saldo figures of `voucher saldo` (budget, uitvoeringskosten, plafond, toegekend,
  verzilverd, contant, vervallen, uitstaand, beschikbaar), which reconcile to the cent;
- the uitvoeringskosten against the limit of art. 2 lid 3 (at most 10 % of the budget);
- per initiative: the aanvraag, every request for aanvulling, every decision (date, ground,
  motivering, who, in which capacity: under mandate on behalf of the college, Awb 10:10),
  the vouchers with every payment (date, supplier, invoice, amount), cash, refused payments,
  expiries and the restant;
- the exceptions: decisions out of the order of receipt with their reason (art. 4 lid 4),
  decisions after the beslistermijn and aanvragen still open after it (art. 5 lid 1),
  refused payments (art. 9 lid 2), cash at or near the maximum per withdrawal and several
  withdrawals from one voucher on one day that together exceed it (art. 9 lid 3 onder b), and
  acts recorded more than the regeling's `laat_geboekt_dagen` after their date (rapporten/laat.py).

Every amount names the event it rests on (`gebeurtenis`, its number in the log); the report
states the date it speaks of and the number of the last event it includes, never the time
it was made, so the same history gives byte-identical output in every format.

Personal data: the applicant's name is shown only to readers who need it, the college and the
regiegroep of the aanvraag's wijk (ledger/persoonsgegevens.py `mag_zien`); the caller decrypts
those names and hands them in (`aanvragers`). Everyone else reads "aanvrager" and the aanvraag
number, which points to the file; after `voucher vergeet` the name reads "[verwijderd]".
Address, telephone and signature are never in this report.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ledger.begrippen import GRONDEN, INTREKKINGSGRONDEN, VASTSTELLING, VASTSTELLINGSGRONDEN, weigeringsartikel
from ledger.geld import Bedrag
from ledger.persoonsgegevens import AFGESCHERMD
from projections.rapporten import bezwaren, laat, nazorg
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import (
    OPEN,
    AanvraagHistorie,
    Besluit,
    Betaling,
    Geschiedenis,
    Handeling,
    VoucherHistorie,
    WijkHistorie,
)
from projections.saldo import BEDRAGVELDEN, Saldo

SALDOVELDEN = BEDRAGVELDEN  # the figures of `voucher saldo`, in its order
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
NAMEN_ZIN = (
    "Dit rapport noemt de namen van aanvragers omdat de lezer college of regiegroep van de wijk is (AVG: alleen "
    "voor wie erover beslist; niet verder verspreiden); adres, telefoon en handtekening staan er niet in."
)
BESLUITSOORT = {
    "toegekend": "toegekend",
    "geweigerd": "geweigerd",
    "geschikt": "geschikt verklaard voor de wijkraadpleging (art. 5 lid 3)",
    "raadpleging": "wijkraadpleging",
    "buiten behandeling": "buiten behandeling gesteld, aanvullingstermijn ongebruikt verstreken (Awb 4:5)",
    nazorg.INTREKKING: "toekenning ingetrokken (Awb 4:48)",
    VASTSTELLING: "vastgesteld (Awb 4:42-4:47)",
}


# === the model ======================================================================================
def bouw(
    h: Geschiedenis, wijk: str | None = None, periode: int | None = None, aanvragers: dict[int, str] | None = None
) -> dict[str, Any]:
    """The verantwoording as one ordered tree of plain values (Bedrag, date, str, int, bool, None).

    `aanvragers`: the applicant's name per aanvraag number, for the aanvragen whose applicants
    the reader may see; every other aanvraag shows AFGESCHERMD."""
    wijken = h.wijk_lijst(wijk, periode)
    namen = aanvragers or {}
    model_wijken = [_wijk(h, w, namen) for w in wijken]
    return {
        "rapport": "verantwoording",
        "titel": "Verantwoording vouchers bewonersinitiatieven",
        "gemeente": h.gemeente,
        "regeling": h.regeling.naam,
        "regelingversies": _versies(h),
        "tot": h.stand,
        "tot_gevraagd": h.tot is not None,
        "bekend_op": h.bekend_op,
        "laatste_gebeurtenis": h.laatste,
        "gebeurtenissen": h.meegeteld,
        "selectie": {"wijk": wijk, "periode": periode},
        "namen_zichtbaar": any(i["aanvraag"] in namen for w in model_wijken for i in w["initiatieven"]),
        "wijken": model_wijken,
        "uitzonderingen": _uitzonderingen(h, wijken, alles=wijk is None and periode is None),
        "totaal": {k: sum((w[k] for w in model_wijken), Bedrag.nul()) for k in SALDOVELDEN},
    }


def _handeling(h: Handeling) -> dict[str, Any]:
    return {"datum": h.datum, "door": h.door, "gebeurtenis": h.gebeurtenis}


def versie_tekst(h: Geschiedenis, datum: date) -> str:
    """' (regeling versie N)' where it matters: only when the regeling has more than one version."""
    return f" (regeling versie {h.versie_op(datum)[0]})" if len(h.regelingversies) > 1 else ""


def _versies(h: Geschiedenis) -> list[dict[str, Any]]:
    """The versions in force by the report's date (a later one judged none of its acts), each with the
    act that recorded it when that act counts (dated by `tot`)."""
    return [
        {"versie": n, "vanaf": vanaf, "naam": r.naam}
        | ({"vastgelegd": _handeling(hd)} if hd and (h.tot is None or hd.datum <= h.tot) else {})
        for n, vanaf, r, hd in h.regelingversies
        if n == 1 or h.tot is None or vanaf <= h.tot
    ]


def _wijk(h: Geschiedenis, w: WijkHistorie, namen: dict[int, str]) -> dict[str, Any]:
    r = h.regeling_op(w.aangewezen.datum)  # the version under which the wijk's year was designated
    aanvragen = [h.aanvragen[n] for n in sorted(w.aanvragen)]
    initiatieven = [_initiatief(h, a) | {"aanvrager": namen.get(a.nummer, AFGESCHERMD)} for a in aanvragen]
    vouchers = [h.vouchers[c] for c in sorted(w.vouchers)]
    grens = Bedrag.van_centen(w.budget.centen * r.uitvoeringskosten_max_procent // 100)
    return {
        "wijk": w.code,
        "naam": w.naam,
        "periode": w.periode,
        **saldo_van(w, vouchers),
        "verstrekken_tot": w.verstrekken_tot,
        "uitvoeren_tot": w.uitvoeren_tot,
        "aanwijzing": _handeling(w.aangewezen)
        | {"budget": w.budgetwijzigingen[0][1] if w.budgetwijzigingen else w.budget},
        "regeling_versie": h.versie_op(w.aangewezen.datum)[0],
        "budgetwijzigingen": [_handeling(hd) | {"was": was, "budget": wordt} for hd, was, wordt in w.budgetwijzigingen],
        "reservering": _handeling(w.reservering) | {"bedrag": w.uitvoeringskosten} if w.reservering else None,
        "plafondbesluiten": [
            _handeling(hd) | {"plafond": p, "verlaagd_van": w.verlaagd_van.get(hd.gebeurtenis)}
            for hd, p in w.plafondbesluiten
        ],
        "uitvoeringskosten_toets": {
            "uitvoeringskosten": w.uitvoeringskosten,
            "grens": grens,
            "max_procent": r.uitvoeringskosten_max_procent,
            "procent": o.procent_json(w.uitvoeringskosten, w.budget),
            "binnen_grens": w.uitvoeringskosten <= grens,
        },
        "afsluiting": (
            _handeling(w.afsluiting[0]) | {"vervallen": w.afsluiting[1], "vouchers": w.afsluiting[2]}
            if w.afsluiting
            else None
        ),
        "aantal_aanvragen": len(aanvragen),
        "aantal_met_vouchers": sum(1 for a in aanvragen if a.toekenning is not None),
        "aantal_geweigerd": sum(1 for a in aanvragen if a.status == "geweigerd"),
        "aantal_lopend": sum(1 for a in aanvragen if a.status in OPEN),
        "initiatieven": initiatieven,
    }


def _initiatief(h: Geschiedenis, a: AanvraagHistorie) -> dict[str, Any]:
    vouchers = [_voucher(v) for v in h.vouchers_van(a)]
    toegekend = sum((v["waarde"] for v in vouchers), Bedrag.nul())
    verzilverd = sum((v["verzilverd"] for v in vouchers), Bedrag.nul())
    contant = sum((v["contant"] for v in vouchers), Bedrag.nul())
    vervallen = sum((v["vervallen"] for v in vouchers), Bedrag.nul())
    return {
        "aanvraag": a.nummer,
        "initiatief": a.omschrijving,
        "ontvangen": a.ontvangen,
        "kosten": a.kosten,
        "status": a.status,
        "indiening": _handeling(a.ingediend),
        "ontbreekt": a.ontbreekt,
        "volledig_sinds": a.volledig_sinds,
        "aanvullingen": [
            {
                "gevraagd_op": v.gevraagd.datum,
                "wat": v.wat,
                "termijn": v.termijn,
                "door": v.gevraagd.door,
                "gebeurtenis": v.gevraagd.gebeurtenis,
                "aanvulling": _handeling(v.aangevuld) if v.aangevuld else None,
            }
            for v in a.aanvullingen
        ],
        "opgeschort_dagen": a.opgeschort_dagen,
        "beslissen_voor": _termijn(h, a),
        "besluiten": [_besluit(h, a, b) for b in a.besluiten],
        "bekendmaking": _handeling(a.bekendmaking) if a.bekendmaking else None,
        "wijzigingen": [_handeling(hd) | {"omschrijving": t} for hd, t in a.wijzigingen],
        "intrekking": _handeling(a.intrekking[0]) | {"reden": a.intrekking[1]} if a.intrekking else None,
        "vorderingen": nazorg.vorderingen(a),
        "verzendingen": bezwaren.verzendingen(h, a),  # Awb 3:41, 6:8
        "bezwaren": bezwaren.van(h, a),  # Awb 6:4-7:12
        "teruggevorderd": a.vorderingsom("teruggevorderd"),
        "terugontvangen": a.vorderingsom("terugontvangen"),
        "vouchers": vouchers,
        "toegekend": toegekend,
        "verzilverd": verzilverd,
        "contant": contant,
        "vervallen": vervallen,
        "restant": toegekend - verzilverd - contant - vervallen,
    }


def _termijn(h: Geschiedenis, a: AanvraagHistorie) -> date | None:
    """The beslistermijn: as it stood at the first decision, or as it stands now for an open aanvraag."""
    eerste = a.eerste_besluit
    if eerste is not None:
        return eerste.beslissen_voor
    return a.beslissen_voor(h.regeling_op(a.ontvangen).beslistermijn_weken)


def _besluit(h: Geschiedenis, a: AanvraagHistorie, b: Besluit) -> dict[str, Any]:
    uit: dict[str, Any] = {"datum": b.handeling.datum, "soort": b.soort}
    if b.soort in ("toegekend", nazorg.INTREKKING, VASTSTELLING):
        uit["bedrag"] = b.bedrag
    if b.grond:
        uit["grond"] = b.grond
        if b.soort == VASTSTELLING:
            uit["vaststellingsgrond"] = VASTSTELLINGSGRONDEN.get(b.grond)
        elif b.soort == nazorg.INTREKKING:
            uit["intrekkingsgrond"] = INTREKKINGSGRONDEN.get(b.grond)
        else:
            uit["weigeringsgrond"] = GRONDEN.get(b.grond)
            uit["artikel"] = weigeringsartikel(b.grond)
    if b.motivering:
        uit["motivering"] = b.motivering
    if b.buiten_volgorde:
        uit["buiten_volgorde"] = b.buiten_volgorde
    if b.start_voor:
        uit["start_voor"] = b.start_voor
    if b.soort == "raadpleging":
        uit |= {"uitkomst": b.uitkomst, "stemmen_voor": b.stemmen_voor, "stemmen_tegen": b.stemmen_tegen}
    if b.soort in ("toegekend", "geweigerd", "geschikt") and b is a.eerste_besluit:
        uit["beslissen_voor"] = b.beslissen_voor
        uit["binnen_termijn"] = None if b.beslissen_voor is None else b.handeling.datum <= b.beslissen_voor
    if (herroeping := a.herroepen.get(b.handeling.gebeurtenis)) is not None:  # Awb 7:11, on a gegrond bezwaar
        uit["herroepen"] = _handeling(herroeping[0]) | {"bezwaar": herroeping[1]}
    uit |= {
        "door": b.handeling.door,
        "hoedanigheid": h.rol(b.handeling.door, a.wijk, b.handeling.datum, b.namens),
        "gebeurtenis": b.handeling.gebeurtenis,
    }
    return uit


def _voucher(v: VoucherHistorie) -> dict[str, Any]:
    betalingen = sorted(v.betalingen, key=lambda b: (b.handeling.datum, b.handeling.gebeurtenis))
    return {
        "voucher": v.code,
        "waarde": v.waarde,
        "verstrekt": v.verstrekt.datum,
        "uitvoeren_tot": v.uitvoeren_tot,
        # The act that issued it; the voucher's own sums below rest on the payment lines.
        "verstrekking": _handeling(v.verstrekt) | {"waarde": v.waarde},
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
        "vervallingen": [_handeling(x.handeling) | {"bedrag": x.bedrag} for x in v.vervallingen],
        "intrekkingen": nazorg.waardeintrekkingen(v),
        "verzilverd": v.verzilverd,
        "contant": v.contant,
        "vervallen": v.vervallen,
        "restant": v.restant,
    }


# --- exceptions ---------------------------------------------------------------------------------
def _uitzonderingen(h: Geschiedenis, wijken: list[WijkHistorie], alles: bool = True) -> list[dict[str, Any]]:
    uit: list[dict[str, Any]] = laat.uitzonderingen(h, {(w.code, w.periode) for w in wijken}, gemeente=alles)

    def voeg_toe(soort: str, w: WijkHistorie, datum: date, toelichting: str, **velden: Any) -> None:
        uit.append(
            {"soort": soort, "omschrijving": UITZONDERINGEN[soort], "wijk": w.code, "periode": w.periode}
            | velden
            | {"datum": datum, "toelichting": toelichting}
        )

    for w in wijken:
        for nummer in sorted(w.aanvragen):
            a = h.aanvragen[nummer]
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
            eerste = a.eerste_besluit
            if (
                eerste is not None
                and eerste.beslissen_voor is not None
                and eerste.handeling.datum > eerste.beslissen_voor
            ):
                dagen = (eerste.handeling.datum - eerste.beslissen_voor).days
                voeg_toe(
                    "na_beslistermijn",
                    w,
                    eerste.handeling.datum,
                    f"{BESLUITSOORT[eerste.soort]} {dagen} dag(en) na de termijn ({o.nl(eerste.beslissen_voor)})",
                    aanvraag=a.nummer,
                    gebeurtenis=eerste.handeling.gebeurtenis,
                )
            termijn = a.beslissen_voor(h.regeling_op(a.ontvangen).beslistermijn_weken)
            stand = h.stand
            if eerste is None and a.status in OPEN and termijn is not None and stand is not None and stand > termijn:
                voeg_toe(
                    "open_na_beslistermijn",
                    w,
                    termijn,
                    f"termijn verstreken op {o.nl(termijn)}; op {o.nl(stand)} {(stand - termijn).days} dag(en) over",
                    aanvraag=a.nummer,
                    gebeurtenis=a.ingediend.gebeurtenis,
                )
            bezwaren.uitzonderingen(h, a, w, voeg_toe, h.stand)
        for code in sorted(w.vouchers):
            v = h.vouchers[code]
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
    volgorde = list(UITZONDERINGEN)
    uit.sort(key=lambda u: (volgorde.index(u["soort"]), u["datum"], u.get("gebeurtenis") or u["gebeurtenissen"][0]))
    return uit


# === the formats =========================================================================================
def _kop_regels(m: dict[str, Any]) -> list[str]:
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


kop_regels = _kop_regels  # what the report is, in sentences: also on the spreadsheet's "Over dit bestand"


def tekst(m: dict[str, Any]) -> str:
    regels = [m["titel"].upper(), *_kop_regels(m), ""]
    regels += ["== Overzicht per wijk (gelijk aan 'voucher saldo') ==", _saldotabel_tekst(m), ""]
    regels += ["== Uitvoeringskosten (art. 2 lid 3) ==", _uitvoeringskosten_tekst(m), ""]
    regels += ["== Uitzonderingen ==", *_uitzonderingen_tekst(m), ""]
    for w in m["wijken"]:
        regels += _wijk_tekst(w)
    return "\n".join(regels).rstrip("\n") + "\n"


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


def _uitzonderingen_tekst(m: dict[str, Any]) -> list[str]:
    if not m["uitzonderingen"]:
        return ["(geen)"]
    regels = []
    huidige = None
    for u in m["uitzonderingen"]:
        if u["soort"] != huidige:
            huidige = u["soort"]
            aantal = sum(1 for x in m["uitzonderingen"] if x["soort"] == huidige)
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


def _versie_bij(w: dict[str, Any]) -> str:
    return f"; regeling versie {w['regeling_versie']}" if w.get("regeling_versie", 1) > 1 else ""


def _wijk_tekst(w: dict[str, Any]) -> list[str]:
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
        regels += _initiatief_tekst(i)
    return regels


def _initiatief_tekst(i: dict[str, Any]) -> list[str]:
    ind = i["indiening"]
    regels = [
        f"-- Aanvraag {i['aanvraag']}: {i['initiatief'] or '(geen omschrijving)'} --",
        f"  ontvangen {o.nl(i['ontvangen'])}, geregistreerd op {o.nl(ind['datum'])} door {ind['door']} "
        f"[#{ind['gebeurtenis']}]; kostenraming {o.nl(i['kosten'])}; status {i['status']}",
    ]
    if i.get("aanvrager", AFGESCHERMD) != AFGESCHERMD:
        regels.insert(1, f"  aanvrager: {i['aanvrager']}")
    regels += [f"  {zin}" for zin, _ in _feiten_voor_het_besluit(i)]
    for b in i["besluiten"]:
        regels += _besluit_tekst(b)
    regels += [f"  {zin}" for zin, _ in _feiten_na_het_besluit(i)]
    for v in i["vouchers"]:
        regels += _voucher_tekst(v)
    if i["vouchers"]:
        regels.append(
            f"  initiatief: toegekend {i['toegekend'].nl()}, verzilverd {i['verzilverd'].nl()}, contant "
            f"{i['contant'].nl()}, vervallen {i['vervallen'].nl()}, restant {i['restant'].nl()}"
        )
    regels.append("")
    return regels


Feit = tuple[str, tuple[int, ...]]
"""One line of an initiative's history: the sentence (events as [#nr]) and the events it names."""


def _feiten_voor_het_besluit(i: dict[str, Any]) -> list[Feit]:
    """What is missing, the requests for more information, and the decision term: one wording for
    every format (text indents them, HTML makes list items of them, _feit_html)."""
    feiten: list[Feit] = []
    if i["ontbreekt"]:
        feiten.append((f"ontbreekt: {', '.join(i['ontbreekt'])} (art. 4 lid 2)", ()))
    for v in i["aanvullingen"]:
        aangevuld, nummers = "; nog niet aangevuld", [v["gebeurtenis"]]
        if v["aanvulling"]:
            aangevuld = f"; aangevuld op {o.nl(v['aanvulling']['datum'])} [#{v['aanvulling']['gebeurtenis']}]"
            nummers.append(v["aanvulling"]["gebeurtenis"])
        feiten.append(
            (
                f"aanvulling gevraagd op {o.nl(v['gevraagd_op'])} door {v['door']}: {v['wat']} "
                f"(uiterlijk {o.nl(v['termijn'])}) [#{v['gebeurtenis']}]{aangevuld}",
                tuple(nummers),
            )
        )
    if i["opgeschort_dagen"]:
        feiten.append((f"beslistermijn opgeschort: {i['opgeschort_dagen']} dag(en) (Awb 4:15)", ()))
    if i["beslissen_voor"]:
        feiten.append((f"beslissen uiterlijk {o.nl(i['beslissen_voor'])} (art. 5 lid 1)", ()))
    return feiten


def _feiten_na_het_besluit(i: dict[str, Any]) -> list[Feit]:
    feiten: list[Feit] = []
    if i["bekendmaking"]:
        nr = i["bekendmaking"]["gebeurtenis"]
        feiten.append((f"bekendgemaakt op {o.nl(i['bekendmaking']['datum'])} (art. 7 lid 2) [#{nr}]", (nr,)))
    for w in i["wijzigingen"]:
        nr = w["gebeurtenis"]
        feiten.append((f"wijziging gemeld op {o.nl(w['datum'])}: {w['omschrijving']} (art. 8 lid 2) [#{nr}]", (nr,)))
    if (t := i["intrekking"]) is not None:
        nr = t["gebeurtenis"]
        zin = f"ingetrokken door de initiatiefnemer op {o.nl(t['datum'])}, vastgelegd door {t['door']}: {t['reden']}"
        feiten.append((f"{zin} [#{nr}]", (nr,)))
    feiten += [(nazorg.vordering_zin(v), (v["gebeurtenis"],)) for v in i["vorderingen"]]
    return feiten + bezwaren.feiten(i)


def _feit_html(zin: str, nummers: tuple[int, ...]) -> str:
    """A list item: the sentence escaped and capitalised, each event it names as a link-style number."""
    tekst = o.e(zin[:1].upper() + zin[1:])
    for nr in nummers:
        tekst = tekst.replace(o.e(f"[#{nr}]"), o.nr(nr))
    return f"<li>{tekst}</li>"


def _verlaging(p: dict[str, Any]) -> str:
    """A lowering of the plafond does not touch aanvragen received before it (Awb 4:27 lid 2)."""
    if p.get("verlaagd_van") is None:
        return ""
    return (
        f" (verlaagd van {p['verlaagd_van'].nl()}; aanvragen ontvangen vóór {o.nl(p['datum'])} houden dat plafond, "
        "Awb 4:27 lid 2)"
    )


def _besluit_tekst(b: dict[str, Any]) -> list[str]:
    if b["soort"] == "toegekend":
        wat = f"toegekend {b['bedrag'].nl()}"
    elif b["soort"] == "raadpleging":
        stemmen = f" ({b['stemmen_voor']} voor, {b['stemmen_tegen']} tegen)" if b["stemmen_voor"] is not None else ""
        wat = f"wijkraadpleging: {b['uitkomst']}{stemmen} (art. 5 lid 6)"
    elif b["soort"] == nazorg.INTREKKING:
        wat = nazorg.intrekking_wat(b)
    elif b["soort"] == VASTSTELLING:
        wat = nazorg.vaststelling_wat(b)
    else:
        wat = BESLUITSOORT[b["soort"]]
    regels = [f"  besluit {o.nl(b['datum'])}: {wat}, door {b['door']}, {b['hoedanigheid']} [#{b['gebeurtenis']}]"]
    if "intrekkingsgrond" in b:
        regels.append(f"      {nazorg.intrekking_grond(b)}")
    elif "vaststellingsgrond" in b:
        regels.append(f"      {nazorg.vaststelling_grond(b)}")
    elif "grond" in b:
        deels = "gedeeltelijk geweigerd, " if b["soort"] == "toegekend" else ""
        regels.append(f"      {deels}grond {weigeringsartikel(b['grond'])}: {b['weigeringsgrond']}")
    if "motivering" in b:
        regels.append(f"      motivering: {b['motivering']}")
    if "buiten_volgorde" in b:
        regels.append(f"      buiten de volgorde van binnenkomst (art. 4 lid 4), reden: {b['buiten_volgorde']}")
    if "start_voor" in b:
        regels.append(f"      voorwaarde: start van de uitvoering voor {o.nl(b['start_voor'])} (art. 5 lid 7)")
    if b.get("binnen_termijn") is False:
        regels.append(f"      NA DE BESLISTERMIJN ({o.nl(b['beslissen_voor'])})")
    if (x := b.get("herroepen")) is not None:
        regels.append(
            f"      HERROEPEN op bezwaar {x['bezwaar']} op {o.nl(x['datum'])} (Awb 7:11) [#{x['gebeurtenis']}]"
        )
    return regels


def _factuurdatum(b: dict[str, Any]) -> str:
    """A factuurdatum is shown where it was given: the payment may then lie within the betaaltermijn."""
    return f" van {o.kort(b['factuurdatum'])}" if b.get("factuurdatum") else ""


def _voucher_tekst(v: dict[str, Any]) -> list[str]:
    regels = [
        f"  voucher {v['voucher']}: waarde {v['waarde'].nl()}, verstrekt {o.nl(v['verstrekt'])} door "
        f"{v['verstrekking']['door']} [#{v['verstrekking']['gebeurtenis']}]"
    ]
    rijen = []
    for b in v["betalingen"]:
        waar = (
            f"{b['leverancier']}, factuur {b['factuur']}{_factuurdatum(b)}"
            if b["soort"] == "verzilverd"
            else "contant (art. 9 lid 3 onder b)"
        )
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
        rijen.append(
            [
                o.kort(x["datum"]),
                "vervallen",
                "restant na de uitvoeringsdatum (art. 5 lid 8)",
                x["bedrag"].nl(),
                x["door"],
                f"#{x['gebeurtenis']}",
            ]
        )
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


# --- HTML ------------------------------------------------------------------------------------------
def html(m: dict[str, Any]) -> str:
    delen = [f"<h1>{o.e(m['titel'])}</h1>", *(f'<p class="meta">{o.e(r)}</p>' for r in _kop_regels(m))]
    delen.append("<h2>Overzicht per wijk</h2><p>Gelijk aan <code>voucher saldo</code> op dezelfde datum.</p>")
    rijen = [[o.e(w["wijk"]), o.e(w["periode"]), *(o.e(w[k]) for k in SALDOVELDEN)] for w in m["wijken"]]
    totaal = ["totaal", "", *(o.e(m["totaal"][k]) for k in SALDOVELDEN)]
    delen.append(
        o.html_tabel(
            ["wijk", "periode", *SALDOVELDEN],
            rijen,
            range(2, 2 + len(SALDOVELDEN)),
            totaal,
            bijschrift="Overzicht per wijk",
            verborgen=True,
            rijkop=True,
        )
    )
    delen.append("<h2>Uitvoeringskosten (art. 2 lid 3)</h2>")
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
    delen.append(
        o.html_tabel(
            ["wijk", "periode", "budget", "gereserveerd", "aandeel", "grens", "toets"],
            rijen,
            (2, 3, 4),
            bijschrift="Uitvoeringskosten per wijk (art. 2 lid 3)",
            verborgen=True,
            rijkop=True,
        )
    )
    delen.append("<h2>Uitzonderingen</h2>")
    if m["uitzonderingen"]:
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
        delen.append(
            o.html_tabel(
                ["soort", "datum", "wijk", "aanvraag", "voucher", "bedrag", "toelichting", "gebeurtenis"],
                rijen,
                (5,),
                vast=(1, 2, 4),
                bijschrift="Uitzonderingen",
                verborgen=True,
            )
        )
    else:
        delen.append("<p>Geen.</p>")
    for w in m["wijken"]:
        delen += _wijk_html(w)
    return o.html_pagina(f"{m['titel']} — {m['gemeente']}", delen)


def _wijk_html(w: dict[str, Any]) -> list[str]:
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
        delen += _initiatief_html(i)
    return delen


def _initiatief_html(i: dict[str, Any]) -> list[str]:
    ind = i["indiening"]
    delen = [
        f"<h3>Aanvraag {i['aanvraag']}: {o.e(i['initiatief'] or '(geen omschrijving)')}</h3>",
        "<ul>",
        f"<li>Ontvangen {o.e(i['ontvangen'])}, geregistreerd door {o.e(ind['door'])} {o.nr(ind['gebeurtenis'])}; "
        f"kostenraming {o.e(i['kosten'])}; status {o.e(i['status'])}</li>",
    ]
    if i.get("aanvrager", AFGESCHERMD) != AFGESCHERMD:
        delen.insert(2, f"<li>Aanvrager: {o.e(i['aanvrager'])}</li>")
    delen += [_feit_html(zin, nummers) for zin, nummers in _feiten_voor_het_besluit(i)]
    for b in i["besluiten"]:
        delen.append(
            "<li>"
            + "<br>".join(o.e(r.strip()) for r in _besluit_tekst(b)).replace(
                o.e(f"[#{b['gebeurtenis']}]"), o.nr(b["gebeurtenis"])
            )
            + "</li>"
        )
    delen += [_feit_html(zin, nummers) for zin, nummers in _feiten_na_het_besluit(i)]
    delen.append("</ul>")
    for v in i["vouchers"]:
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
            waar = (
                f"{b['leverancier']}, factuur {b['factuur']}{_factuurdatum(b)}"
                if b["soort"] == "verzilverd"
                else "contant"
            )
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
            rijen.append(
                [
                    o.e(o.kort(x["datum"])),
                    "vervallen",
                    "restant na de uitvoeringsdatum (art. 5 lid 8)",
                    o.e(x["bedrag"]),
                    o.nr(x["gebeurtenis"]),
                ]
            )
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
        delen.append(
            o.html_tabel(
                ["datum", "soort", "omschrijving", "bedrag", "gebeurtenis"],
                rijen,
                (3,),
                totaal=["", "restant", "", o.e(v["restant"]), ""],
                vast=(0,),
                bijschrift=f"Voucher {v['voucher']}",
            )
        )
    return delen


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
