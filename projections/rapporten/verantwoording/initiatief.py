"""One initiative in the verantwoording: the aanvraag (art. 4), every request for aanvulling (art. 4 lid 3,
Awb 4:5 and 4:15), every decision (date, ground, motivering, who, in which capacity: under mandate on
behalf of the college, Awb 10:10), what followed (bekendmaking, wijziging, intrekking, terugvordering,
verzending and bezwaar) and its vouchers with the restant.

One wording per fact for text and HTML: the sentences (`Feit`) are made once, the text indents them and
the HTML makes list items of them."""

from __future__ import annotations

from datetime import date
from typing import Any

from ledger.begrippen import GRONDEN, INTREKKINGSGRONDEN, VASTSTELLING, VASTSTELLINGSGRONDEN, weigeringsartikel
from ledger.geld import Bedrag
from ledger.persoonsgegevens import AFGESCHERMD
from projections.rapporten import bezwaren, nazorg
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import AanvraagHistorie, Besluit, Geschiedenis
from projections.rapporten.verantwoording import voucher
from projections.rapporten.verantwoording.woorden import BESLUITSOORT, als_dict


def model(h: Geschiedenis, a: AanvraagHistorie) -> dict[str, Any]:
    vouchers = [voucher.model(v) for v in h.vouchers_van(a)]
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
        "indiening": als_dict(a.ingediend),
        "ontbreekt": a.ontbreekt,
        "volledig_sinds": a.volledig_sinds,
        "aanvullingen": [
            {
                "gevraagd_op": v.gevraagd.datum,
                "wat": v.wat,
                "termijn": v.termijn,
                "door": v.gevraagd.door,
                "gebeurtenis": v.gevraagd.gebeurtenis,
                "aanvulling": als_dict(v.aangevuld) if v.aangevuld else None,
            }
            for v in a.aanvullingen
        ],
        "opgeschort_dagen": a.opgeschort_dagen,
        "beslissen_voor": _termijn(h, a),
        "besluiten": [_besluit(h, a, b) for b in a.besluiten],
        "bekendmaking": als_dict(a.bekendmaking) if a.bekendmaking else None,
        "wijzigingen": [als_dict(hd) | {"omschrijving": t} for hd, t in a.wijzigingen],
        "intrekking": als_dict(a.intrekking[0]) | {"reden": a.intrekking[1]} if a.intrekking else None,
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
        uit["herroepen"] = als_dict(herroeping[0]) | {"bezwaar": herroeping[1]}
    uit |= {
        "door": b.handeling.door,
        "hoedanigheid": h.rol(b.handeling.door, a.wijk, b.handeling.datum, b.namens),
        "gebeurtenis": b.handeling.gebeurtenis,
    }
    return uit


# --- the sentences -----------------------------------------------------------------------------------
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


# --- text ------------------------------------------------------------------------------------------
def tekst(i: dict[str, Any]) -> list[str]:
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
        regels += voucher.tekst(v)
    if i["vouchers"]:
        regels.append(
            f"  initiatief: toegekend {i['toegekend'].nl()}, verzilverd {i['verzilverd'].nl()}, contant "
            f"{i['contant'].nl()}, vervallen {i['vervallen'].nl()}, restant {i['restant'].nl()}"
        )
    regels.append("")
    return regels


# --- HTML ------------------------------------------------------------------------------------------
def _feit_html(zin: str, nummers: tuple[int, ...]) -> str:
    """A list item: the sentence escaped and capitalised, each event it names as a link-style number."""
    tekst = o.e(zin[:1].upper() + zin[1:])
    for nr in nummers:
        tekst = tekst.replace(o.e(f"[#{nr}]"), o.nr(nr))
    return f"<li>{tekst}</li>"


def html(i: dict[str, Any]) -> list[str]:
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
    delen += [voucher.html(v) for v in i["vouchers"]]
    return delen
