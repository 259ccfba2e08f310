"""`voucher termijnen`: the terms that run out, as they stand at the end of a date (`per`).

Rules owned here (windows are constants, the terms themselves come from the regeling):
- beslistermijn (art. 5 lid 1 en 3; Awb 4:13): every aanvraag not yet decided whose term
  has passed or ends within BINNENKORT days. The clock stands still while an aanvulling is
  outstanding (art. 4 lid 3, Awb 4:15) and the days it stood still are added afterwards;
  such an aanvraag is listed under aanvulling, not as overdue;
- aanvulling (art. 4 lid 3, Awb 4:5): every outstanding request, marked when its term ran out;
- onvolledig without a request for aanvulling: art. 4 lid 3 asks the regiegroep to say how
  to complete it, and until then the aanvraag waits for nobody;
- verstrekken (art. 5 lid 8): aanvragen still open while the last issue date of their wijk
  is near (VERSTREKKEN days) or passed: after it no voucher can be granted;
- start-voor (art. 5 lid 7): grants whose start date has passed (or is within BINNENKORT days)
  with no payment on or before it, the only sign of a start the ledger holds;
- restant (art. 5 lid 8): vouchers with a restant whose execution date is within RESTANT
  days, or has passed while the period is not yet closed (`voucher periode afsluiten`);
- verzending (Awb 3:41): every decision with a letter (the beslissing op bezwaar included) that
  was taken more than ONVERZONDEN days ago and is not recorded as sent: until it is sent no
  bezwaartermijn runs (Awb 6:8), and the decision has no effect (Awb 3:40);
- bezwaartermijn (Awb 6:7-6:8, Atw): every sent decision whose term still runs, with its last day
  and the bezwaren already made against it;
- bezwaren (Awb 7:10): every bezwaar not yet decided, with its beslistermijn (overdue marked).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import (
    OPEN,
    AanvraagHistorie,
    Aanvulling,
    Geschiedenis,
    Handeling,
    VoucherHistorie,
)

BINNENKORT = 7
VERSTREKKEN = 14
RESTANT = 30
ONVERZONDEN = 7  # a letter is normally sent within a week of the decision


def bouw(h: Geschiedenis, per: date) -> dict[str, Any]:
    r = h.regeling_op(per)
    beslis: list[dict[str, Any]] = []
    aanvulling: list[dict[str, Any]] = []
    onvolledig: list[dict[str, Any]] = []
    verstrekken: list[dict[str, Any]] = []
    start: list[dict[str, Any]] = []
    restant: list[dict[str, Any]] = []
    for w in h.wijk_lijst():
        for nummer in sorted(w.aanvragen):
            a = h.aanvragen[nummer]
            basis = _aanvraag(a)
            _voeg_toe(beslis, _beslis(h, a, basis, per))
            if a.open_aanvulling is not None:
                aanvulling.append(_aanvulling(a, a.open_aanvulling, basis, per))
            elif a.status == "onvolledig" and not a.aanvullingen:
                onvolledig.append(basis | {"ontbreekt": a.ontbreekt, "dagen": (per - a.ontvangen).days})
            if a.status in OPEN and (w.verstrekken_tot - per).days <= VERSTREKKEN:
                verstrekken.append(
                    basis | {"verstrekken_tot": w.verstrekken_tot, "dagen": (w.verstrekken_tot - per).days}
                )
            _voeg_toe(start, _start(h, a, basis, per))
        if w.afsluiting is None:
            for code in sorted(w.vouchers):
                _voeg_toe(restant, _restant(h.vouchers[code], per))
    return {
        "rapport": "termijnen",
        "per": per,
        "laatste_gebeurtenis": h.laatste,
        "beslistermijn_weken": r.beslistermijn_weken,
        "beslistermijn": sorted(beslis, key=lambda x: (x["beslissen_voor"], x["aanvraag"])),
        "aanvullingen": sorted(aanvulling, key=lambda x: (x["termijn"], x["aanvraag"])),
        "onvolledig": onvolledig,
        "verstrekken": verstrekken,
        "startvoorwaarden": sorted(start, key=lambda x: (x["start_voor"], x["aanvraag"])),
        "vouchers_met_restant": sorted(restant, key=lambda x: (x["uitvoeren_tot"], x["voucher"])),
        **bezwaar_termijnen(h, per),
    }


def _voeg_toe(lijst: list[dict[str, Any]], rij: dict[str, Any] | None) -> None:
    if rij is not None:
        lijst.append(rij)


def _beslis(h: Geschiedenis, a: AanvraagHistorie, basis: dict[str, Any], per: date) -> dict[str, Any] | None:
    """Art. 5 lid 1: not yet decided, the term passed or ending within BINNENKORT days."""
    if a.status not in OPEN or a.eerste_besluit is not None:
        return None
    termijn = a.beslissen_voor(h.regeling_op(a.ontvangen).beslistermijn_weken)
    if termijn is None or (termijn - per).days > BINNENKORT:
        return None
    return basis | {"beslissen_voor": termijn, "dagen": (termijn - per).days, "opgeschort_dagen": a.opgeschort_dagen}


def _aanvulling(a: AanvraagHistorie, v: Aanvulling, basis: dict[str, Any], per: date) -> dict[str, Any]:
    """Art. 4 lid 3, Awb 4:5 and 4:15: the outstanding request, and how long the term has stood still."""
    return basis | {
        "gevraagd_op": v.gevraagd.datum,
        "termijn": v.termijn,
        "wat": v.wat,
        "dagen": (v.termijn - per).days,
        "verlopen": v.termijn < per,
        "opgeschort_dagen": a.opgeschort_dagen + (per - v.gevraagd.datum).days,
        "gebeurtenis": v.gevraagd.gebeurtenis,
    }


def _start(h: Geschiedenis, a: AanvraagHistorie, basis: dict[str, Any], per: date) -> dict[str, Any] | None:
    """Art. 5 lid 7: the start date passed (or near) with no payment on or before it."""
    besluit = a.toekenning
    if besluit is None or besluit.start_voor is None or (besluit.start_voor - per).days > BINNENKORT:
        return None
    betaald = sorted(b.handeling.datum for v in h.vouchers_van(a) for b in v.geldige_betalingen)
    eerste = betaald[0] if betaald else None
    if eerste is not None and eerste <= besluit.start_voor:
        return None
    return basis | {
        "start_voor": besluit.start_voor,
        "dagen": (besluit.start_voor - per).days,
        "eerste_betaling": eerste,
        "gebeurtenis": besluit.handeling.gebeurtenis,
    }


def _restant(vh: VoucherHistorie, per: date) -> dict[str, Any] | None:
    """Art. 5 lid 8: a restant whose execution date is near or passed while the period is open."""
    if vh.restant.centen <= 0 or (vh.uitvoeren_tot - per).days > RESTANT:
        return None
    return {
        "voucher": vh.code,
        "aanvraag": vh.aanvraag,
        "wijk": vh.wijk,
        "periode": vh.periode,
        "restant": vh.restant,
        "uitvoeren_tot": vh.uitvoeren_tot,
        "dagen": (vh.uitvoeren_tot - per).days,
    }


def bezwaar_termijnen(h: Geschiedenis, per: date) -> dict[str, list[dict[str, Any]]]:
    """Unsent letters, running bezwaartermijnen and open bezwaren as they stand at the end of `per`."""
    from projections.rapporten.besluit import brief_soort, brieven

    onverzonden, lopend = [], []
    for nummer in sorted(h.aanvragen):
        a = h.aanvragen[nummer]
        # a decision revoked on bezwaar (Awb 7:11) has no term left to watch
        soorten: list[tuple[Handeling, str, int | None]] = [
            (b.handeling, brief_soort(b), None) for b in brieven(a) if b.handeling.gebeurtenis not in a.herroepen
        ]
        soorten += [
            (bz.beslissing, "beslissing op bezwaar", bz.nummer)
            for bz in h.bezwaren.values()
            if bz.aanvraag == nummer and bz.beslissing is not None
        ]
        for handeling, soort, bezwaar in sorted(soorten, key=lambda x: x[0].gebeurtenis):
            rij = _aanvraag(a) | {"gebeurtenis": handeling.gebeurtenis, "soort": soort, "besluitdatum": handeling.datum}
            v = h.verzendingen.get(handeling.gebeurtenis)
            if v is None:
                if (per - handeling.datum).days > ONVERZONDEN:
                    onverzonden.append(rij | {"bezwaar": bezwaar, "dagen": (per - handeling.datum).days})
            elif v.laatste_dag >= per:
                gemaakt = [bz.nummer for bz in h.bezwaren.values() if bz.besluit == handeling.gebeurtenis]
                lopend.append(
                    rij
                    | {
                        "verzonden": v.handeling.datum,
                        "laatste_dag": v.laatste_dag,
                        "dagen": (v.laatste_dag - per).days,
                    }
                    | {"bezwaren": sorted(gemaakt), "beroep": bezwaar is not None}
                )
    bezwaren = [
        {
            "bezwaar": bz.nummer,
            "aanvraag": bz.aanvraag,
            "wijk": bz.wijk,
            "periode": bz.periode,
            "besluit": bz.besluit,
            "soort": bz.soort,
            "ontvangen": bz.ontvangen,
            "tijdig": bz.tijdig,
            "verschoonbaar": bz.verschoonbaar,
            "beslissen_voor": bz.beslissen_voor,
            "dagen": (bz.beslissen_voor - per).days,
        }
        for bz in sorted(h.bezwaren.values(), key=lambda x: (x.beslissen_voor, x.nummer))
        if bz.open
    ]
    return {
        "onverzonden": onverzonden,
        "bezwaartermijnen": sorted(lopend, key=lambda x: (x["laatste_dag"], x["gebeurtenis"])),
        "bezwaren": bezwaren,
    }


def _aanvraag(a: AanvraagHistorie) -> dict[str, Any]:
    return {
        "aanvraag": a.nummer,
        "wijk": a.wijk,
        "periode": a.periode,
        "status": a.status,
        "initiatief": a.omschrijving,
        "ontvangen": a.ontvangen,
    }


def _wanneer(dagen: int) -> str:
    if dagen < 0:
        return f"{-dagen} dag(en) geleden verstreken"
    if dagen == 0:
        return "vandaag"
    return f"over {dagen} dag(en)"


Blok = tuple[str, list[str], list[list[str]], tuple[int, ...]]
"""One list of the text: its heading, the columns, the rows and the columns aligned right."""


def tekst(m: dict[str, Any]) -> str:
    regels = [f"Termijnen per {o.nl(m['per'])} (t/m gebeurtenis nr. {m['laatste_gebeurtenis']})", ""]
    blokken = [
        _blok_beslistermijn(m),
        *_blok_aanvullingen(m),
        _blok_onvolledig(m),
        _blok_verstrekken(m),
        _blok_start(m),
        _blok_restant(m),
    ]
    for kop, kolommen, rijen, rechts in [*blokken, *bezwaarblokken(m)]:
        regels.append(f"{kop}: {len(rijen)}")
        if rijen:
            regels.append(o.tabel(kolommen, rijen, rechts=rechts, inspringen=2))
        regels.append("")
    return "\n".join(regels).rstrip("\n") + "\n"


def _blok_beslistermijn(m: dict[str, Any]) -> Blok:
    return (
        f"Beslistermijn ({m['beslistermijn_weken']} weken, art. 5 lid 1) verstreken of binnen {BINNENKORT} dagen",
        ["aanvraag", "wijk", "ontvangen", "beslissen voor", "wanneer", "opgeschort", "initiatief"],
        [
            [
                str(x["aanvraag"]),
                f"{x['wijk']} {x['periode']}",
                o.kort(x["ontvangen"]),
                o.kort(x["beslissen_voor"]),
                _wanneer(x["dagen"]),
                f"{x['opgeschort_dagen']} d",
                (x["initiatief"] or "-")[:40],
            ]
            for x in m["beslistermijn"]
        ],
        (),
    )


def _blok_aanvullingen(m: dict[str, Any]) -> list[Blok]:
    verlopen = [x for x in m["aanvullingen"] if x["verlopen"]]
    lopend = [x for x in m["aanvullingen"] if not x["verlopen"]]
    return [
        (
            kop,
            ["aanvraag", "wijk", "gevraagd op", "aanvullen voor", "wanneer", "wat"],
            [
                [
                    str(x["aanvraag"]),
                    f"{x['wijk']} {x['periode']}",
                    o.kort(x["gevraagd_op"]),
                    o.kort(x["termijn"]),
                    _wanneer(x["dagen"]),
                    x["wat"][:50],
                ]
                for x in lijst
            ],
            (),
        )
        for kop, lijst in (
            ("Aanvullingstermijn verstreken (art. 4 lid 3, Awb 4:5)", verlopen),
            ("Aanvulling gevraagd, beslistermijn opgeschort (Awb 4:15)", lopend),
        )
    ]


def _blok_onvolledig(m: dict[str, Any]) -> Blok:
    return (
        "Onvolledig, nog geen aanvulling gevraagd (art. 4 lid 3)",
        ["aanvraag", "wijk", "ontvangen", "ontbreekt"],
        [
            [str(x["aanvraag"]), f"{x['wijk']} {x['periode']}", o.kort(x["ontvangen"]), ", ".join(x["ontbreekt"])]
            for x in m["onvolledig"]
        ],
        (),
    )


def _blok_verstrekken(m: dict[str, Any]) -> Blok:
    return (
        "Nog niet beslist terwijl de laatste dag om vouchers te verstrekken nadert of verstreken is (art. 5 lid 8)",
        ["aanvraag", "wijk", "status", "verstrekken tot", "wanneer"],
        [
            [
                str(x["aanvraag"]),
                f"{x['wijk']} {x['periode']}",
                x["status"],
                o.kort(x["verstrekken_tot"]),
                _wanneer(x["dagen"]),
            ]
            for x in m["verstrekken"]
        ],
        (),
    )


def _blok_start(m: dict[str, Any]) -> Blok:
    return (
        "Voorwaarde 'start voor' verstreken of binnenkort, zonder betaling op of voor die datum (art. 5 lid 7)",
        ["aanvraag", "wijk", "start voor", "wanneer", "eerste betaling"],
        [
            [
                str(x["aanvraag"]),
                f"{x['wijk']} {x['periode']}",
                o.kort(x["start_voor"]),
                _wanneer(x["dagen"]),
                o.kort(x["eerste_betaling"]),
            ]
            for x in m["startvoorwaarden"]
        ],
        (),
    )


def _blok_restant(m: dict[str, Any]) -> Blok:
    return (
        f"Vouchers met restant, uitvoeringsdatum binnen {RESTANT} dagen of verstreken (art. 5 lid 8)",
        ["voucher", "aanvraag", "wijk", "restant", "uitgevoerd uiterlijk", "wanneer"],
        [
            [
                x["voucher"],
                str(x["aanvraag"]),
                f"{x['wijk']} {x['periode']}",
                x["restant"].nl(),
                o.kort(x["uitvoeren_tot"]),
                _wanneer(x["dagen"]) + ("; periode afsluiten" if x["dagen"] < 0 else ""),
            ]
            for x in m["vouchers_met_restant"]
        ],
        (3,),
    )


def _besluitkolommen(x: dict[str, Any]) -> list[str]:
    return [str(x["aanvraag"]), f"{x['wijk']} {x['periode']}", f"#{x['gebeurtenis']}", x["soort"]]


def _tijdig(x: dict[str, Any]) -> str:
    return "ja" if x["tijdig"] else ("verschoonbaar" if x["verschoonbaar"] else "nee")


def bezwaarblokken(m: dict[str, Any]) -> list[Blok]:
    """Unsent letters, running bezwaartermijnen and open bezwaren (Awb 3:41, 6:7-6:8, 7:10)."""
    onverzonden: Blok = (
        f"Besluit genomen, na {ONVERZONDEN} dagen nog niet verzonden: geen bezwaartermijn (Awb 3:41, 6:8)",
        ["aanvraag", "wijk", "besluit", "soort", "genomen op", "dagen"],
        [[*_besluitkolommen(x), o.kort(x["besluitdatum"]), str(x["dagen"])] for x in m["onverzonden"]],
        (5,),
    )
    termijnen: Blok = (
        "Bezwaartermijn (beroepstermijn na een beslissing op bezwaar) loopt (Awb 6:7, 6:8; Atw)",
        ["aanvraag", "wijk", "besluit", "soort", "verzonden", "tot en met", "wanneer", "bezwaren"],
        [
            [
                *_besluitkolommen(x),
                o.kort(x["verzonden"]),
                o.kort(x["laatste_dag"]),
                _wanneer(x["dagen"]),
                ", ".join(str(n) for n in x["bezwaren"]) or "-",
            ]
            for x in m["bezwaartermijnen"]
        ],
        (),
    )
    bezwaren: Blok = (
        "Bezwaar nog niet beslist (Awb 7:10: zes weken na afloop van de bezwaartermijn)",
        ["bezwaar", "aanvraag", "wijk", "besluit", "ontvangen", "tijdig", "beslissen voor", "wanneer"],
        [
            [
                str(x["bezwaar"]),
                str(x["aanvraag"]),
                f"{x['wijk']} {x['periode']}",
                f"#{x['besluit']} {x['soort']}",
                o.kort(x["ontvangen"]),
                _tijdig(x),
                o.kort(x["beslissen_voor"]),
                _wanneer(x["dagen"]),
            ]
            for x in m["bezwaren"]
        ],
        (),
    )
    return [onverzonden, termijnen, bezwaren]
