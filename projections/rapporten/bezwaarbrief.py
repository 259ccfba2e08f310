"""The beslissing op bezwaar (Awb 7:11-7:12, 7:26): its letter, as text, HTML or JSON.

Rules owned here:
- `voucher besluit NR` shows this letter when the latest letter on aanvraag NR is a beslissing op
  bezwaar (a gegrond bezwaar whose new decision has not been taken yet, or an ongegrond or
  niet-ontvankelijk one); `--gebeurtenis G` shows it for the event of the beslissing;
- the letter names the bezwaarschrift (received on, against which decision, tijdig or not and why
  excusable, Awb 6:9, 6:11), the decision (gegrond: the decision is revoked and a new one follows,
  Awb 7:11; ongegrond: it stands; niet-ontvankelijk: the bezwaar is not considered, Awb 6:9 and
  6:11), the motivering (Awb 7:12), on whose behalf (only the college decides, Awb 10:10 as for
  every decision) and the beroepsclausule: beroep within six weeks from the day after sending, at
  the rechtbank (administrative law) of the arrondissement where the gemeente lies (Awb 8:1, 6:7,
  6:8, 8:7), with what a beroepschrift holds (Awb 6:5); once sent, the letter also states the date
  and the last day (Atw art. 1);
- like every letter: dated on the decision, the same history gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ledger.bezwaar import BESLISSING_OP_BEZWAAR
from projections.rapporten import besluit as b
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import AanvraagHistorie, Besluit, BezwaarHistorie, Geschiedenis

UITSPRAAK = {
    "gegrond": "Wij verklaren uw bezwaar gegrond. Wij herroepen het besluit van {datum} (art. 7:11 Awb). Over uw "
    "aanvraag beslissen wij opnieuw; dat nieuwe besluit ontvangt u afzonderlijk, met een eigen bezwaarclausule.",
    "ongegrond": "Wij verklaren uw bezwaar ongegrond. Het besluit van {datum} blijft in stand (art. 7:11 Awb).",
    "niet-ontvankelijk": "Wij verklaren uw bezwaar niet-ontvankelijk: het bezwaarschrift is ontvangen na afloop van de "
    "bezwaartermijn en de termijnoverschrijding is niet verschoonbaar (art. 6:9 en 6:11 Awb). Het besluit van "
    "{datum} blijft in stand.",
}


def gekozen(
    h: Geschiedenis, a: AanvraagHistorie, gebeurtenis: int | None, laatste: Besluit | None
) -> BezwaarHistorie | None:
    """The beslissing op bezwaar the letter is about: event `gebeurtenis`, or the latest letter on `a`."""
    beslist = sorted(
        (x for x in h.bezwaren.values() if x.aanvraag == a.nummer and x.beslissing is not None),
        key=lambda x: x.beslissing.gebeurtenis,  # type: ignore[union-attr]
    )
    if gebeurtenis is not None:
        return next((x for x in beslist if x.beslissing.gebeurtenis == gebeurtenis), None)  # type: ignore[union-attr]
    if not beslist:
        return None
    nieuwste = beslist[-1]
    if laatste is not None and laatste.handeling.gebeurtenis > nieuwste.beslissing.gebeurtenis:  # type: ignore[union-attr]
        return None
    return nieuwste


def bouw(
    h: Geschiedenis, a: AanvraagHistorie, bz: BezwaarHistorie, aanvraag: Callable[[], Mapping[str, Any]]
) -> dict[str, Any]:
    assert bz.beslissing is not None
    w = h.wijken[(a.wijk, a.periode)]
    besluit = Besluit(bz.beslissing, BESLISSING_OP_BEZWAAR, motivering=bz.motivering, namens=bz.namens)
    return {
        "rapport": "besluit",
        "titel": f"Beslissing op bezwaar {bz.nummer} (aanvraag {a.nummer})",
        "gemeente": h.gemeente,
        "verordening": h.regeling.naam,
        "datum": bz.beslissing.datum,
        "aanvraag": a.nummer,
        "wijk": w.code,
        "wijknaam": w.naam,
        "periode": w.periode,
        "initiatief": a.omschrijving,
        "geadresseerde": b.geadresseerde(aanvraag()),
        "uitkomst": BESLISSING_OP_BEZWAAR,
        "bezwaar": bz.nummer,
        "beslissing": bz.uitkomst,
        "bezwaarschrift": {
            "ontvangen": bz.ontvangen,
            "omschrijving": bz.omschrijving,
            "tijdig": bz.tijdig,
            "verschoonbaar": bz.verschoonbaar,
            "laatste_dag": bz.laatste_dag,
            "beslissen_voor": bz.beslissen_voor,
        },
        "bestreden": {"gebeurtenis": bz.besluit, "soort": bz.soort, "datum": bz.besluitdatum},
        "motivering": bz.motivering,
        "namens": _namens(b.namens(h, a, w, besluit)),
        "beroep": _beroep(h.gemeente, h.regeling.bezwaartermijn_weken),
        "verzending": b.verzending(h, bz.beslissing.gebeurtenis),
        "gebeurtenis": bz.beslissing.gebeurtenis,
        "laatste_gebeurtenis": bz.beslissing.gebeurtenis,
    }


def _namens(namens: dict[str, Any]) -> dict[str, Any]:
    """Awb 10:10 as for every letter; the college decides on bezwaar itself by Awb 7:11, not by art. 5."""
    zelf = "(het college besluit zelf: art. 5 van de verordening; art. 10:7 Awb)"
    return namens | {"regel": namens["regel"].replace(zelf, "(het college beslist zelf op het bezwaar: art. 7:11 Awb)")}


def _beroep(gemeente: str, weken: int) -> dict[str, Any]:
    termijn = f"{b.GETALLEN[weken] if weken < len(b.GETALLEN) else weken} weken"
    bij = f"de rechtbank (bestuursrecht) in het arrondissement waarin de gemeente {gemeente} ligt"
    return {
        "bij": bij,
        "artikel": "art. 8:1, 6:7, 6:8 en 8:7 Awb",
        "tekst": f"Bent u het niet eens met deze beslissing op bezwaar, dan kunt u daartegen beroep instellen bij {bij} "
        f"(art. 8:1 en 8:7 Awb). Dat doet u binnen {termijn} na de dag waarop deze beslissing is verzonden "
        "(art. 6:7 en 6:8 Awb), met een beroepschrift dat ten minste bevat (art. 6:5 Awb):",
        "eisen": [
            "uw naam en adres;",
            "de datum;",
            "een omschrijving van de beslissing waartegen het beroep zich richt (stuur een kopie mee);",
            "de gronden van het beroep;",
            "uw handtekening.",
        ],
        "slot": "Voor het beroep wordt griffierecht geheven (art. 8:41 Awb). Het beroep schorst de werking van deze "
        "beslissing niet (art. 6:16 Awb).",
    }


# --- the words ----------------------------------------------------------------------------------
def _inleiding(m: dict[str, Any]) -> list[str]:
    s, best = m["bezwaarschrift"], m["bestreden"]
    initiatief = f" voor het initiatief “{m['initiatief']}”" if m["initiatief"] else ""
    delen = [
        f"Op {o.nl(s['ontvangen'])} hebben wij uw bezwaarschrift ontvangen tegen ons besluit van "
        f"{o.nl(best['datum'])} ({best['soort']}) op uw aanvraag om vouchers{initiatief}. U schrijft: "
        f"“{s['omschrijving']}”."
    ]
    if s["laatste_dag"] is None:
        delen.append("Het bezwaarschrift is tijdig: de bezwaartermijn was nog niet begonnen (art. 6:10 Awb).")
    elif s["tijdig"]:
        delen.append(
            f"Het bezwaarschrift is tijdig: de termijn liep tot en met {o.nl(s['laatste_dag'])} (art. 6:9 Awb)."
        )
    elif s["verschoonbaar"]:
        delen.append(
            f"Het bezwaarschrift is ontvangen na de termijn, die liep tot en met {o.nl(s['laatste_dag'])}; de "
            f"termijnoverschrijding is verschoonbaar (art. 6:11 Awb): {s['verschoonbaar']}"
        )
    else:
        delen.append(
            f"Het bezwaarschrift is ontvangen na de bezwaartermijn, die liep tot en met {o.nl(s['laatste_dag'])} "
            "(art. 6:7 tot en met 6:9 Awb)."
        )
    return delen


def _kenmerk(m: dict[str, Any]) -> list[tuple[str, str]]:
    regels = [
        ("Datum", o.nl(m["datum"])),
        ("Onderwerp", "beslissing op uw bezwaar"),
        ("Kenmerk", f"bezwaar {m['bezwaar']}, aanvraag {m['aanvraag']}, wijk {m['wijk']} ({m['wijknaam']})"),
        ("Besluit", f"{o.nl(m['bestreden']['datum'])}, gebeurtenis #{m['bestreden']['gebeurtenis']}"),
    ]
    if m.get("verzending"):
        regels.append(("Verzonden", o.nl(m["verzending"]["verzonden"])))
    return regels


def _uitspraak(m: dict[str, Any]) -> str:
    return UITSPRAAK[m["beslissing"]].format(datum=o.nl(m["bestreden"]["datum"]))


def _voetregel(m: dict[str, Any]) -> str:
    return f"Deze beslissing is vastgelegd als gebeurtenis #{m['gebeurtenis']} in de vouchersadministratie."


def tekst(m: dict[str, Any]) -> str:
    kenmerk = _kenmerk(m)
    breed = max(len(k) for k, _ in kenmerk) + 2
    regels = [f"Gemeente {m['gemeente']}", ""]
    adres = b.adresregels(m)
    regels += [b.alinea(r, "Aan:    " if i == 0 else " " * 8, " " * 8) for i, r in enumerate(adres)]
    regels.append("")
    regels += [f"{(k + ':').ljust(breed)}{v}" for k, v in kenmerk]
    regels += ["", "Geachte heer/mevrouw,", ""]
    regels += [b.alinea(d) for d in _inleiding(m)]
    regels += ["", "Beslissing op bezwaar", b.alinea(_uitspraak(m))]
    regels += ["", b.alinea(f"Motivering: {m['motivering']} (art. 7:12 Awb)")]
    regels += ["", "Met vriendelijke groet,", "", b.alinea(m["namens"]["regel"])]
    r = m["beroep"]
    regels += ["", "Beroep", b.alinea(r["tekst"])]
    regels += [b.alinea(eis, f"  {letter}. ", "     ") for letter, eis in zip("abcde", r["eisen"], strict=True)]
    if (zin := b.termijnzin(m, "beroep", "Deze beslissing")) is not None:
        regels.append(b.alinea(zin))
    regels += [b.alinea(r["slot"]), "", b.alinea(_voetregel(m))]
    return "\n".join(regels) + "\n"


def html(m: dict[str, Any]) -> str:
    e = o.e
    r = m["beroep"]
    zin = b.termijnzin(m, "beroep", "Deze beslissing")
    delen = [
        '<article class="brief">',
        f'<p class="afzender">Gemeente {e(m["gemeente"])}</p>',
        "<address>" + "<br>".join(e(x) for x in b.adresregels(m)) + "</address>",
        '<dl class="kenmerk">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in _kenmerk(m)) + "</dl>",
        f"<h1>Beslissing op uw bezwaar (bezwaar {e(m['bezwaar'])}, aanvraag {e(m['aanvraag'])})</h1>",
        "<p>Geachte heer/mevrouw,</p>",
        *(f"<p>{e(d)}</p>" for d in _inleiding(m)),
        "<h2>Beslissing op bezwaar</h2>",
        f"<p>{e(_uitspraak(m))}</p>",
        f"<p><strong>Motivering:</strong> {e(m['motivering'])} (art. 7:12 Awb)</p>",
        f'<p class="namens">Met vriendelijke groet,<br><br>{e(m["namens"]["regel"])}</p>',
        '<section class="bezwaar">',
        "<h2>Beroep</h2>",
        f"<p>{e(r['tekst'])}</p>",
        '<ol class="eisen">' + "".join(f"<li>{e(eis)}</li>" for eis in r["eisen"]) + "</ol>",
        *([f"<p>{e(zin)}</p>"] if zin is not None else []),
        f"<p>{e(r['slot'])}</p>",
        "</section>",
        f'<p class="voet">{e(_voetregel(m))}</p>',
        "</article>",
    ]
    return o.html_pagina(f"{m['titel']} - gemeente {m['gemeente']}", delen, css=b.CSS)
