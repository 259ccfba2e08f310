"""The verantwoording as one row per act: its CSV and its spreadsheet.

Every act of the model (projections/rapporten/verantwoording.py `bouw`) becomes one row with
its wijk, year, aanvraag, voucher, date, the act, the `saldopost` it counts towards, its
amount, who did it and its event number. Summing `bedrag` per wijk, periode and saldopost
gives `voucher saldo` to the cent; rows without a saldopost (an aanvraag's cost estimate, a
replaced plafond, a refused payment) are on record and count towards nothing.

Rules owned here:
- one kind of row: no row for the report itself, so a pivot table has no blank wijk; the
  report's date is a column (`stand`) of every row, its ketenkop and selection are in the
  spreadsheet's "Over dit bestand" and in what `--uitvoer` reports;
- every refusal is a row `geweigerd`, however it came about: a refusal by the regiegroep
  (with its ground) or a wijkraadpleging that voted against (art. 5 lid 6, with the votes);
- the spreadsheet adds the saldo per wijk (the figures of `voucher saldo`), the exceptions and the
  bezwaren with their terms as sheets of their own, from the same model.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ledger.geld import Bedrag
from ledger.persoonsgegevens import AFGESCHERMD
from projections.rapporten import bezwaren, nazorg
from projections.rapporten import opmaak as o
from projections.rapporten.tabel import Tabel, over, stand, uit_dicts
from projections.rapporten.verantwoording import BESLUITSOORT, SALDOVELDEN, kop_regels
from projections.rapporten.zonder_gc import zonder_gc

KOLOMMEN = (
    "wijk",
    "periode",
    "aanvraag",
    "voucher",
    "datum",
    "handeling",
    "saldopost",
    "bedrag",
    "leverancier",
    "factuur",
    "grond",
    "stemmen_voor",
    "stemmen_tegen",
    "toelichting",
    "door",
    "gebeurtenis",
    "laat_geboekt_op",
    "dagen_laat",
    "stand",
)
GEWEIGERD = "geweigerd"
"""The act of every refusal of an aanvraag, whoever refused it."""


def tabel(m: dict[str, Any]) -> Tabel:
    return uit_dicts("Handelingen", list(regels(m)), KOLOMMEN)


@zonder_gc
def csv(m: dict[str, Any], stijl: o.CsvStijl = o.NL) -> str:
    """Every act as one line; summing the amounts per wijk, periode and `saldopost` gives `voucher saldo`."""
    t = tabel(m)
    return o.csv_tekst([stijl.bedragkolom if k == "bedrag" else k for k in t.kolommen], t.rijen, stijl)


@zonder_gc
def xlsx(m: dict[str, Any]) -> bytes:
    from projections.rapporten.xlsx import werkboek

    kolommen = ("wijk", "naam", "periode", *SALDOVELDEN)
    wijken = uit_dicts("Saldo per wijk", [{k: w[k] for k in kolommen} for w in m["wijken"]], kolommen)
    uitzonderingen = uit_dicts("Uitzonderingen", m["uitzonderingen"], ("soort", "omschrijving", "wijk", "periode"))
    titel = f"{m['titel']} — {m['gemeente']}"
    lijst = uit_dicts("Bezwaren", bezwaren.tabelrijen(m), bezwaren.KOLOMMEN)  # Awb 6:4-7:12, with their terms
    bladen = [tabel(m), wijken, uitzonderingen, lijst]
    return werkboek(bladen, over(m["titel"], m, kop_regels(m)), titel, stand(m))


def regels(m: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every act of the model; each row also names the report's stand, so that files of different
    dates can be put side by side (and a saved file still says which day it speaks of)."""
    laat = {u["gebeurtenis"]: u for u in m["uitzonderingen"] if u["soort"] == "laat_geboekt"}
    for w in m["wijken"]:
        for r in _wijk(w):
            if (u := laat.get(r["gebeurtenis"])) is not None:  # projections/rapporten/laat.py
                r = r | {"laat_geboekt_op": u["vastgelegd"], "dagen_laat": u["dagen_laat"]}
            yield r | {"stand": m["tot"]}


def _regel(handeling: str, hd: dict[str, Any], **velden: Any) -> dict[str, Any]:
    return {
        "datum": hd["datum"],
        "handeling": handeling,
        **velden,
        "door": hd["door"],
        "gebeurtenis": hd["gebeurtenis"],
    }


def _wijk(w: dict[str, Any]) -> Iterator[dict[str, Any]]:
    waar = {"wijk": w["wijk"], "periode": w["periode"]}
    yield from (waar | r for r in _budgetregels(w))
    if w["reservering"]:
        r = w["reservering"]
        yield waar | _regel("uitvoeringskosten gereserveerd", r, saldopost="uitvoeringskosten", bedrag=r["bedrag"])
    laatste = len(w["plafondbesluiten"]) - 1
    for n, p in enumerate(w["plafondbesluiten"]):
        geldend = n == laatste
        yield waar | _regel(
            "subsidieplafond vastgesteld",
            p,
            saldopost="plafond" if geldend else None,
            bedrag=p["plafond"],
            toelichting=None if geldend else "vervangen door een later besluit",
        )
    for i in w["initiatieven"]:
        yield from (waar | {"aanvraag": i["aanvraag"]} | r for r in _initiatief(i))
    if w["afsluiting"]:
        s = w["afsluiting"]
        yield waar | _regel(
            "periode afgesloten",
            s,
            bedrag=s["vervallen"],
            toelichting=f"{s['vouchers']} voucher(s) vervallen; de bedragen staan bij elke voucher",
        )


def _budgetregels(w: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The designation and each budget change (art. 2 lid 2): only the budget in force is the saldopost."""
    budgetten = w.get("budgetwijzigingen", [])
    vervangen: dict[str, Any] = {"saldopost": None, "toelichting": "vervangen door een later besluit"}
    a = w["aanwijzing"]
    yield _regel("wijk aangewezen", a, bedrag=a["budget"], **(vervangen if budgetten else {"saldopost": "budget"}))
    for n, b in enumerate(budgetten):
        geldt: dict[str, Any] = {"saldopost": "budget", "toelichting": f"was {b['was'].nl()}"}
        yield _regel("budget gewijzigd", b, bedrag=b["budget"], **(geldt if n == len(budgetten) - 1 else vervangen))


def _initiatief(i: dict[str, Any]) -> Iterator[dict[str, Any]]:
    toelichting = i["initiatief"]
    if i.get("aanvrager", AFGESCHERMD) != AFGESCHERMD:
        toelichting = f"{toelichting or '(geen omschrijving)'}; aanvrager: {i['aanvrager']}"
    yield _regel("aanvraag ingediend", i["indiening"], bedrag=i["kosten"], toelichting=toelichting)
    for v in i["aanvullingen"]:
        yield _regel("aanvulling gevraagd", v | {"datum": v["gevraagd_op"]}, toelichting=v["wat"])
        if v["aanvulling"]:
            yield _regel("aangevuld", v["aanvulling"])
    # A lower vaststelling claims the difference back in the same event (Awb 4:46, 4:57): one row, under that saldopost.
    bij_besluit = {x["gebeurtenis"]: x for x in i["vorderingen"]}
    for b in i["besluiten"]:
        rij = _besluit(b)
        if (x := bij_besluit.get(b["gebeurtenis"])) is not None:
            rij |= {"saldopost": x["soort"], "bedrag": x["bedrag"]}
            rij["toelichting"] = f"vastgesteld op {b['bedrag'].nl()}, het verschil teruggevorderd; {rij['toelichting']}"
        yield rij
    if i["bekendmaking"]:
        yield _regel("bekendgemaakt", i["bekendmaking"])
    for w in i["wijzigingen"]:
        yield _regel("wijziging gemeld", w, toelichting=w["omschrijving"])
    if i["intrekking"]:
        yield _regel("aanvraag ingetrokken", i["intrekking"], toelichting=i["intrekking"]["reden"])
    for x in i["vorderingen"]:  # Awb 4:57: under its own saldopost, as in `voucher saldo`
        if x["gebeurtenis"] not in {b["gebeurtenis"] for b in i["besluiten"]}:
            yield _regel(x["soort"], x, saldopost=x["soort"], bedrag=x["bedrag"], toelichting=x["motivering"])
    yield from bezwaren.regels(i, _regel)  # Awb 3:41, 6:4-7:12
    for v in i["vouchers"]:
        yield from ({"voucher": v["voucher"]} | r for r in _voucher(v))


def _besluit(b: dict[str, Any]) -> dict[str, Any]:
    tegen = b["soort"] == "raadpleging" and b["uitkomst"] == "tegen"
    toelichting = "; ".join(
        x
        for x in (
            b.get("motivering"),
            f"buiten de volgorde: {b['buiten_volgorde']}" if "buiten_volgorde" in b else None,
            f"start voor {b['start_voor'].isoformat()}" if "start_voor" in b else None,
            "de wijkraadpleging stemde tegen (art. 5 lid 6)" if tegen else None,
            "uitkomst voor (art. 5 lid 6)" if b["soort"] == "raadpleging" and not tegen else None,
            "na de beslistermijn" if b.get("binnen_termijn") is False else None,
            f"herroepen op bezwaar {b['herroepen']['bezwaar']} (Awb 7:11)" if b.get("herroepen") else None,
            b["hoedanigheid"],
        )
        if x
    )
    return _regel(
        GEWEIGERD if tegen else BESLUITSOORT[b["soort"]],
        b,
        bedrag=b.get("bedrag"),
        grond=b.get("grond"),
        stemmen_voor=b.get("stemmen_voor"),
        stemmen_tegen=b.get("stemmen_tegen"),
        toelichting=toelichting,
    )


def _voucher(v: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield _regel("voucher verstrekt", v["verstrekking"], saldopost="toegekend", bedrag=v["waarde"])
    for b in v["betalingen"]:
        yield _regel(
            "verzilverd" if b["soort"] == "verzilverd" else "contant opgenomen",
            b,
            saldopost=b["soort"],
            bedrag=b["bedrag"],
            leverancier=b["leverancier"],
            factuur=b["factuur"],
        )
        if (c := nazorg.bij(v, b)) is not None:  # the storno beside what it corrects, counting against it
            yield _regel(
                "betaling gecorrigeerd",
                c,
                saldopost=b["soort"],
                bedrag=Bedrag.nul() - c["bedrag"],
                leverancier=b["leverancier"],
                factuur=b["factuur"],
                toelichting=nazorg.omschrijving(c),
            )
    for g in v["geweigerde_betalingen"]:
        yield _regel(
            "betaling geweigerd",
            g,
            bedrag=g["bedrag"],
            leverancier=g["leverancier"],
            factuur=g["factuur"],
            toelichting=g["reden"],
        )
    for x in v["vervallingen"]:
        yield _regel("vervallen", x, saldopost="vervallen", bedrag=x["bedrag"])
    for x in v["intrekkingen"]:  # value released by an intrekking (Awb 4:48) counts as vervallen
        yield _regel(
            "waarde ingetrokken",
            x,
            saldopost="vervallen",
            bedrag=x["bedrag"],
            grond=x["grond"],
            toelichting=nazorg.waardeintrekking_omschrijving(x),
        )


__all__ = ["GEWEIGERD", "KOLOMMEN", "csv", "regels", "tabel", "xlsx"]
