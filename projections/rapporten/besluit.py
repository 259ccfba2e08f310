"""`voucher besluit NR`: the decision letter (beschikking) on one aanvraag, as text, HTML or JSON.

Rules owned here:
- a letter exists only once the aanvraag is decided: toegekend (art. 5 lid 2, above the
  threshold after the wijkraadpleging, lid 6), geweigerd on a ground of art. 6 with its
  motivering, geweigerd by the wijkraadpleging (art. 5 lid 6), or buiten behandeling gesteld
  because it was not completed within the aanvullingstermijn (Awb 4:5, with the motivering and
  the same bezwaarclausule; a withdrawn aanvraag gets no letter), or a grant withdrawn or reduced
  (Awb 4:48, with its ground a-d and motivering), settled (Awb 4:42-4:47) or a terugvordering set
  (Awb 4:57, with the amount and motivering). Without `gebeurtenis` the latest decision is the letter;
  `--gebeurtenis NR` gives the letter of an earlier decision on the same aanvraag (its event number,
  as the letter's footer, the kasboek and the verantwoording print it; another number is not found,
  exit 3, and the message names the decisions there are). An aanvraag still open is a
  refusal ("over aanvraag 12 is nog niet beslist", exit 1); an unknown number is not found (exit 3);
- the letter states the decision with its legal ground and reasons (Awb 3:46-3:47): the amount
  and every voucher, or the ground (art. 6 onder a-e, in the verordening's words) and the
  motivering; a partial grant states both. A grant states its conditions: start before a date
  (art. 5 lid 7), vouchers to be spent by the execution date (art. 5 lid 8), how vouchers are
  redeemed with the cash maximum per time (art. 9), the initiatiefnemer's duties (art. 8);
- it says on whose behalf it was taken and by whom (Awb 10:10): the mandate the decision event
  records, or, for events stored before they recorded it, the mandate in force on that date;
- it says how to object (Awb 3:45, 6:5, 6:7, 6:8): within the regeling's bezwaartermijn (six
  weeks) after the day it was sent, to the college, and what a bezwaarschrift holds;
- the addressee's name and address are read through `geadresseerde()` alone, the one place
  that sees personal data (art. 4 lid 2 onder a); they come from the application service, which
  unseals them and shows them only to the college and the wijk's regiegroep. Personal data that
  has been erased shows as "[verwijderd]" (ledger.persoonsgegevens.VERWIJDERD);
- the letter is dated on the decision and names the event it rests on; nothing depends on the
  clock or on later acts: the same history gives the same bytes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from datetime import date
from html import escape
from typing import Any

from ledger.begrippen import GRONDEN, INTREKKINGSGRONDEN, VASTSTELLINGSGRONDEN, weigeringsartikel
from ledger.bezwaar import BESLISSING_OP_BEZWAAR
from ledger.fouten import GeenMandaat, NietGevonden, OngeldigeToestand
from ledger.geld import Bedrag
from ledger.namens import MANDAAT_ARTIKEL
from ledger.persoonsgegevens import VERWIJDERD
from ledger.status import Status
from projections.rapporten import nazorg
from projections.rapporten import opmaak as o
from projections.rapporten.geschiedenis import AanvraagHistorie, Besluit, Geschiedenis, WijkHistorie

BREEDTE = 88  # characters per line of the text letter
BUITEN_BEHANDELING = Status.BUITEN_BEHANDELING.value  # Awb 4:5
INTREKKING = nazorg.INTREKKING  # Awb 4:48
VASTSTELLING = "vaststelling"  # Awb 4:42-4:47
TERUGVORDERING = "terugvordering"  # Awb 4:57 by `terugvordering instellen`; a lower vaststelling claims in its letter
GETALLEN = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf")


# --- the addressee -----------------------------------------------------------------------------
def geadresseerde(aanvraag: Mapping[str, Any]) -> dict[str, str]:
    """Name and contact address of the initiatiefnemer (art. 4 lid 2 onder a) for the letter.

    The only function that reads personal data for the letter. `aanvraag` is the aanvraag as the
    application service shows it to the acting user (`Dienst.toon_aanvraag`): the service holds
    the keys of sealed personal data and decides who may see applicants. Erased data (the key
    destroyed, or the items emptied) reads VERWIJDERD; a user who may not see the applicant gets
    no letter."""
    staat = aanvraag.get("persoonsgegevens")
    if staat == "afgeschermd":
        raise GeenMandaat(
            "naam en adres van de aanvrager zijn alleen te zien voor het college en de regiegroep van de wijk: "
            "zij versturen de besluitbrief",
            artikel="art. 2 lid 6; AVG",
        )
    if staat == "verwijderd":
        return {"naam": VERWIJDERD, "adres": VERWIJDERD}

    def veld(naam: str) -> str:
        waarde = aanvraag.get(naam)
        return waarde.strip() if isinstance(waarde, str) and waarde.strip() else VERWIJDERD

    return {"naam": veld("naam"), "adres": veld("adres")}


# --- the model ----------------------------------------------------------------------------------
def bouw(
    h: Geschiedenis, nummer: int, aanvraag: Callable[[], Mapping[str, Any]], gebeurtenis: int | None = None
) -> dict[str, Any]:
    """The letter on aanvraag `nummer`: every field it shows, in a fixed order.

    Without `gebeurtenis` the letter of the latest decision, else of the decision recorded as that
    event. `aanvraag` gives the aanvraag as the application service shows it (see `geadresseerde`);
    it is asked only once the aanvraag is known to be decided."""
    a = h.aanvragen.get(nummer)
    if a is None:
        raise NietGevonden(f"aanvraag {nummer} bestaat niet", aanvraag=nummer)
    from projections.rapporten import bezwaarbrief  # the beslissing op bezwaar (Awb 7:11), its own letter

    if (op_bezwaar := bezwaarbrief.gekozen(h, a, gebeurtenis, _beslissend(a))) is not None:
        return bezwaarbrief.bouw(h, a, op_bezwaar, aanvraag)
    besluit = _beslissend(a) if gebeurtenis is None else _gekozen(a, gebeurtenis)
    if besluit is None:
        raise OngeldigeToestand(_nog_niet_beslist(a), artikel="art. 5 lid 1 en 3", aanvraag=nummer, status=a.status)
    w = h.wijken[(a.wijk, a.periode)]
    datum = besluit.handeling.datum
    r = h.regeling_op(datum)  # the version in force on the day of the decision
    model: dict[str, Any] = {
        "rapport": "besluit",
        "titel": f"Besluit op aanvraag {a.nummer}",
        "gemeente": h.gemeente,
        "verordening": r.naam,
        "datum": datum,
        "aanvraag": a.nummer,
        "wijk": w.code,
        "wijknaam": w.naam,
        "periode": w.periode,
        "ontvangen": a.ontvangen,
        "initiatief": a.omschrijving,
        "kosten": a.kosten,
        "geadresseerde": geadresseerde(aanvraag()),
        "uitkomst": _uitkomst(besluit),
        "bedrag": besluit.bedrag if besluit.soort in ("toegekend", VASTSTELLING, TERUGVORDERING) else None,
        "vouchers": [],
        "voorwaarden": [],
        "weigering": _weigering(a, besluit),
        "vordering": _vordering(a, besluit),
        "namens": _namens(h, a, w, besluit),
        "bezwaar": _bezwaar(h.gemeente, r.bezwaartermijn_weken, a.nummer, datum),
        "na_bezwaar": _na_bezwaar(h, a, besluit),
        "verzending": verzending(h, besluit.handeling.gebeurtenis),
        "gebeurtenis": besluit.handeling.gebeurtenis,
        "laatste_gebeurtenis": besluit.handeling.gebeurtenis,  # the letter rests on the decision's event
    }
    if besluit.soort == "toegekend":
        vouchers = [h.vouchers[c] for c in besluit.vouchers if c in h.vouchers] or h.vouchers_van(a)
        model["vouchers"] = [{"code": v.code, "bedrag": v.waarde} for v in vouchers]
        model["voorwaarden"] = _voorwaarden(besluit, w, r.contant_max)
    return model


def verzending(h: Geschiedenis, gebeurtenis: int) -> dict[str, Any] | None:
    """Awb 3:41, 6:8: when the letter was sent and the last day of the term that runs from the day after."""
    v = h.verzendingen.get(gebeurtenis)
    if v is None:
        return None
    return {"verzonden": v.handeling.datum, "laatste_dag": v.laatste_dag, "gebeurtenis": v.handeling.gebeurtenis}


def _na_bezwaar(h: Geschiedenis, a: AanvraagHistorie, besluit: Besluit) -> dict[str, Any] | None:
    """A decision taken after a herroeping on bezwaar (Awb 7:11): which bezwaar, and which decision it replaces."""
    b = h.bezwaren.get(besluit.na_bezwaar) if besluit.na_bezwaar is not None else None
    if b is None or b.beslissing is None:
        return None
    return {"bezwaar": b.nummer, "beslist": b.beslissing.datum, "herroepen": b.besluit, "besluitdatum": b.besluitdatum}


def _uitkomst(besluit: Besluit) -> str:
    if besluit.soort in ("toegekend", BUITEN_BEHANDELING, INTREKKING, VASTSTELLING, TERUGVORDERING):
        return besluit.soort
    return "geweigerd"


def _terugvorderingen(a: AanvraagHistorie) -> list[Besluit]:
    """Each `terugvordering instellen` (Awb 4:57) as the decision it is; the part claimed by a lower
    vaststelling shares the vaststelling's event and letter."""
    vaststellingen = {b.handeling for b in a.besluiten if b.soort == VASTSTELLING}
    return [
        Besluit(v.handeling, TERUGVORDERING, v.bedrag, None, v.motivering, namens=v.namens)
        for v in a.vorderingen
        if v.soort == "teruggevorderd" and v.handeling not in vaststellingen
    ]


def _brieven(a: AanvraagHistorie) -> list[Besluit]:
    """Every decision on the aanvraag that has a letter, in the order of the log."""
    brieven = [
        b
        for b in a.besluiten
        if b.soort in ("toegekend", BUITEN_BEHANDELING, VASTSTELLING)
        or (b.soort in ("geweigerd", INTREKKING) and b.grond is not None)
        or (b.soort == "raadpleging" and b.uitkomst == "tegen")
    ]
    return sorted(brieven + _terugvorderingen(a), key=lambda b: b.handeling.gebeurtenis)


def laatste_besluit(a: AanvraagHistorie) -> Besluit | None:
    """The decision that stands as the latest on the aanvraag (what a bezwaar is made against); None
    while it is open, also after a herroeping on bezwaar until the new decision (Awb 7:11)."""
    return _beslissend(a)


def brief_soort(besluit: Besluit) -> str:
    """The kind of decision as the letter, the sending and the bezwaar name it."""
    return _uitkomst(besluit)


def gekozen(a: AanvraagHistorie, gebeurtenis: int) -> Besluit:
    """The decision with a letter recorded as event `gebeurtenis` on aanvraag `a` (exit 3 if none)."""
    return _gekozen(a, gebeurtenis)


def _gekozen(a: AanvraagHistorie, gebeurtenis: int) -> Besluit:
    """The decision recorded as event `gebeurtenis` (`voucher besluit NR --gebeurtenis N`)."""
    brieven = _brieven(a)
    gevonden = next((b for b in brieven if b.handeling.gebeurtenis == gebeurtenis), None)
    if gevonden is None:
        welke = ", ".join(f"#{b.handeling.gebeurtenis} ({_uitkomst(b)})" for b in brieven)
        raise NietGevonden(
            f"gebeurtenis #{gebeurtenis} is geen besluit op aanvraag {a.nummer}"
            + (f"; de besluiten met een brief: {welke}" if welke else f": {_nog_niet_beslist(a)}"),
            aanvraag=a.nummer,
            gebeurtenis=gebeurtenis,
        )
    return gevonden


def _beslissend(a: AanvraagHistorie) -> Besluit | None:
    """The latest decision: the grant, the refusal, the wijkraadpleging against, the decision not to
    treat an aanvraag that was not completed in time (Awb 4:5), a withdrawal or reduction (Awb 4:48),
    the vaststelling (Awb 4:42) or a terugvordering set after either (Awb 4:57)."""
    besluit = _laatste_over_de_aanvraag(a)
    if besluit is None:
        return None
    return max([besluit, *_terugvorderingen(a)], key=lambda b: b.handeling.gebeurtenis)


def _laatste_over_de_aanvraag(a: AanvraagHistorie) -> Besluit | None:
    if a.status == "toegekend":  # the latest: a withdrawal or reduction (Awb 4:48) after the grant, or the grant
        return next((b for b in reversed(a.besluiten) if b.soort == INTREKKING), None) or a.toekenning
    if a.status in (BUITEN_BEHANDELING, Status.VASTGESTELD):
        soort = BUITEN_BEHANDELING if a.status == BUITEN_BEHANDELING else VASTSTELLING
        return next((b for b in reversed(a.besluiten) if b.soort == soort), None)
    if a.status == "geweigerd":
        return next(
            (
                b
                for b in reversed(a.besluiten)
                if b.soort == "geweigerd" or (b.soort == "raadpleging" and b.uitkomst == "tegen")
            ),
            None,
        )
    return None


def _nog_niet_beslist(a: AanvraagHistorie) -> str:
    waarom = {
        "onvolledig": f": de aanvraag is onvolledig (ontbreekt: {', '.join(a.ontbreekt) or 'aanvulling'})",
        "geschikt": ": het initiatief is geschikt verklaard en wacht op de wijkraadpleging",
        "raadpleging_voor": ": de wijkraadpleging was voor, de toekenning van de vouchers volgt nog",
        "ingetrokken": ": de initiatiefnemer heeft de aanvraag ingetrokken; er volgt geen besluit",
    }.get(a.status, "")
    return f"over aanvraag {a.nummer} is nog niet beslist{waarom}"


def _weigering(a: AanvraagHistorie, besluit: Besluit) -> dict[str, Any] | None:
    """The refusal, or the refused part of a partial grant (toelichting art. 6): ground, article, reasons."""
    if besluit.soort == TERUGVORDERING:
        return {
            "grond": None,
            "artikel": "art. 4:57 lid 1 Awb",
            "grondtekst": "onverschuldigd betaalde subsidiebedragen kunnen worden teruggevorderd voor zover na de "
            "dag waarop het verlenen of vaststellen van de subsidie is bekendgemaakt nog geen vijf jaren zijn "
            "verstreken",
            "motivering": besluit.motivering,
            "bedrag": besluit.bedrag,
        }
    if besluit.soort == INTREKKING and besluit.grond is not None:
        return {
            "grond": besluit.grond,
            "artikel": f"art. 4:48 lid 1 onder {besluit.grond} Awb",
            "grondtekst": INTREKKINGSGRONDEN[besluit.grond],
            "motivering": besluit.motivering,
            "bedrag": besluit.bedrag,
        }
    if besluit.soort == VASTSTELLING:
        if besluit.grond is None:
            return None
        vordering = next((v for v in a.vorderingen if v.handeling == besluit.handeling), None)
        return {
            "grond": besluit.grond,
            "artikel": f"art. 4:46 lid 2 onder {besluit.grond} Awb",
            "grondtekst": VASTSTELLINGSGRONDEN[besluit.grond],
            "motivering": besluit.motivering,
            "bedrag": vordering.bedrag if vordering else None,  # the difference claimed back (Awb 4:57)
        }
    if besluit.soort == BUITEN_BEHANDELING:
        return {
            "grond": None,
            "artikel": "art. 4:5 lid 1 Awb",
            "grondtekst": "de aanvraag is niet binnen de daarvoor gestelde termijn aangevuld (art. 4 lid 3 van de "
            "verordening)",
            "motivering": besluit.motivering,
            "bedrag": a.kosten,
        }
    if besluit.soort == "raadpleging":
        stemmen = (
            f" ({besluit.stemmen_voor} stemmen voor, {besluit.stemmen_tegen} tegen)"
            if besluit.stemmen_voor is not None
            else ""
        )
        return {
            "grond": None,
            "artikel": "art. 5 lid 6",
            "grondtekst": "door middel van de wijkraadpleging is bepaald dat het initiatief geen vouchers krijgt",
            "motivering": f"De wijkraadpleging van {o.nl(besluit.handeling.datum)} was tegen het initiatief{stemmen}.",
            "bedrag": a.kosten,
        }
    if besluit.grond is None:
        return None
    geweigerd = a.kosten
    if besluit.soort == "toegekend" and a.kosten is not None and besluit.bedrag is not None:
        geweigerd = a.kosten - besluit.bedrag
    return {
        "grond": besluit.grond,
        "artikel": weigeringsartikel(besluit.grond),
        "grondtekst": GRONDEN[besluit.grond],
        "motivering": besluit.motivering,
        "bedrag": geweigerd,
    }


def _vordering(a: AanvraagHistorie, besluit: Besluit) -> list[dict[str, Any]]:
    """A terugvordering's account as it stood when it was decided (later receipts do not change the letter):
    what was claimed and received before, this claim, and what is open after it."""
    if besluit.soort != TERUGVORDERING or besluit.bedrag is None:
        return []
    eerder = [v for v in a.vorderingen if v.handeling.gebeurtenis < besluit.handeling.gebeurtenis]

    def som(soort: str) -> Bedrag:
        return sum((v.bedrag for v in eerder if v.soort == soort), Bedrag.nul())

    gevorderd, ontvangen = som("teruggevorderd"), som("terugontvangen")
    return [
        {"post": "eerder teruggevorderd", "bedrag": gevorderd},
        {"post": "eerder terugontvangen", "bedrag": Bedrag.nul() - ontvangen},
        {"post": "teruggevorderd met dit besluit", "bedrag": besluit.bedrag},
        {"post": "terug te betalen", "bedrag": gevorderd - ontvangen + besluit.bedrag},
    ]


def _voorwaarden(besluit: Besluit, w: WijkHistorie, contant_max: Bedrag) -> list[dict[str, Any]]:
    uit = []
    if besluit.start_voor is not None:
        uit.append(
            {
                "soort": "start_voor",
                "start_voor": besluit.start_voor,
                "tekst": f"U start met de uitvoering van het initiatief vóór {o.nl(besluit.start_voor)}.",
                "artikel": "art. 5 lid 7",
            }
        )
    uit += [
        {
            "soort": "uitvoeren_tot",
            "uitvoeren_tot": w.uitvoeren_tot,
            "tekst": f"De vouchers zijn te verzilveren tot en met {o.nl(w.uitvoeren_tot)}; het initiatief is dan "
            "uitgevoerd. Wat daarna niet is besteed, vervalt.",
            "artikel": "art. 5 lid 8",
        },
        {
            "soort": "verzilveren",
            "contant_max": contant_max,
            "tekst": "U verzilvert de vouchers bij de kasbeheerder: die betaalt de facturen van de diensten en "
            "producten die u voor het initiatief inkoopt, of zet een voucher om in contant geld, tot ten hoogste "
            f"{contant_max.nl()} per keer. De kasbeheerder kan een betaling weigeren die niet voor de uitvoering "
            "van het initiatief is.",
            "artikel": "art. 9",
        },
        {
            "soort": "verplichtingen",
            "tekst": "U besteedt de vouchers aan de uitvoering van het initiatief, houdt de uitgaven zorgvuldig "
            "bij en meldt veranderde omstandigheden die van belang zijn voor de uitvoering zo spoedig mogelijk.",
            "artikel": "art. 8 lid 1 en 2",
        },
    ]
    return uit


def _namens(h: Geschiedenis, a: AanvraagHistorie, w: WijkHistorie, besluit: Besluit) -> dict[str, Any]:
    """Awb 10:10: on behalf of the college, by whom (the display name), under which mandate (recorded, or in
    force that day); a decision the college took itself says so (art. 5, Awb 10:7)."""
    door = besluit.handeling.door
    datum = besluit.handeling.datum
    rol: str | None
    mandaatbesluit: str | None = None
    if besluit.namens is not None:
        rol, mandaatwijk, vastgelegd = besluit.namens.rol, besluit.namens.wijk, True
        mandaatbesluit = besluit.namens.besluit
    else:
        rol, mandaatwijk = h.mandaat_op(door, a.wijk, datum)
        vastgelegd = False
    if rol == "ambtenaar" and mandaatbesluit is None:
        mandaatbesluit = h.mandaatbesluit(door, rol, mandaatwijk or "", datum)
    naam = h.weergavenaam(door, datum)
    college = f"het college van burgemeester en wethouders van {h.gemeente}"
    wijknaam = w.naam if mandaatwijk == w.code else mandaatwijk
    if rol == "regiegroep":
        regel = (
            f"Namens {college}, {naam}, regiegroep wijk {wijknaam} "
            f"(mandaat {MANDAAT_ARTIKEL['regiegroep']} van de verordening; art. 10:10 Awb)"
        )
    elif rol == "ambtenaar":
        grondslag = f"mandaatbesluit: {mandaatbesluit}; " if mandaatbesluit else ""
        regel = (
            f"Namens {college}, {naam}, ambtenaar met mandaat voor wijk {wijknaam} ({grondslag}"
            "art. 2 lid 6 van de verordening en de toelichting daarop; art. 10:10 Awb)"
        )
    elif rol == "college":
        regel = (
            f"Het college van burgemeester en wethouders van {h.gemeente}, voor dezen {naam}, lid van het college "
            "(het college besluit zelf: art. 5 van de verordening; art. 10:7 Awb)"
        )
    else:
        regel = f"Namens {college}, {naam}, zonder geldig mandaat op de datum van het besluit (art. 10:10 Awb)"
    uit = {
        "namens": "college",
        "door": door,
        "naam": naam,
        "rol": rol,
        "wijk": mandaatwijk,
        "vastgelegd": vastgelegd,  # False: derived from the mandates, the event predates recording it
        "regel": regel,
    }
    if rol == "ambtenaar":
        uit["mandaatbesluit"] = mandaatbesluit
    return uit


def _bezwaar(gemeente: str, weken: int, nummer: int, datum: date) -> dict[str, Any]:
    termijn = f"{GETALLEN[weken] if weken < len(GETALLEN) else weken} {'week' if weken == 1 else 'weken'}"
    bij = f"het college van burgemeester en wethouders van {gemeente}"
    return {
        "termijn_weken": weken,
        "bij": bij,
        "artikel": "art. 6:5, 6:7 en 6:8 Awb",
        "tekst": f"Bent u het niet eens met dit besluit, dan kunt u daartegen bezwaar maken. Dat doet u binnen "
        f"{termijn} na de dag waarop dit besluit is verzonden, met een bezwaarschrift aan {bij} "
        "(art. 6:7 en 6:8 Awb). Het bezwaarschrift is ondertekend en bevat ten minste (art. 6:5 Awb):",
        "eisen": [
            "uw naam en adres;",
            "de datum;",
            f"een omschrijving van het besluit waartegen u bezwaar maakt (het besluit van {o.nl(datum)} "
            f"op aanvraag {nummer});",
            "de gronden van het bezwaar: waarom u het niet eens bent met het besluit;",
            "uw handtekening.",
        ],
        "slot": "Het bezwaarschrift schorst de werking van dit besluit niet (art. 6:16 Awb).",
    }


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


def _adres(m: dict[str, Any]) -> list[str]:
    a = m["geadresseerde"]
    return [a["naam"]] if a["naam"] == a["adres"] else [a["naam"], a["adres"]]


def _voetregel(m: dict[str, Any]) -> str:
    return f"Dit besluit is vastgelegd als gebeurtenis #{m['gebeurtenis']} in de vouchersadministratie."


# --- text ---------------------------------------------------------------------------------------
def _alinea(tekst: str, begin: str = "", vervolg: str = "") -> str:
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
    regels += [_alinea(r, "Aan:    " if i == 0 else " " * 8, " " * 8) for i, r in enumerate(_adres(m))]
    regels.append("")
    regels += [f"{(k + ':').ljust(breed)}{v}" for k, v in kenmerk]
    regels += ["", "Geachte initiatiefnemer,", "", _alinea(_inleiding(m)), "", "Besluit"]
    regels += [_alinea(d) for d in _beslissing(m)]
    if m["weigering"] is not None:
        regels += ["", _alinea(f"Motivering: {m['weigering']['motivering']}")]
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
        regels += [_alinea(f"{v['tekst']} ({v['artikel']})", "- ", "  ") for v in m["voorwaarden"]]
    regels += ["", "Met vriendelijke groet,", "", _alinea(m["namens"]["regel"])]
    b = m["bezwaar"]
    regels += ["", "Bezwaar", _alinea(b["tekst"])]
    regels += [_alinea(eis, f"  {letter}. ", "     ") for letter, eis in zip("abcde", b["eisen"], strict=True)]
    if (zin := termijnzin(m, "bezwaar")) is not None:
        regels.append(_alinea(zin))
    regels += [_alinea(b["slot"]), "", _alinea(_voetregel(m))]
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
        "<address>" + "<br>".join(e(r) for r in _adres(m)) + "</address>",
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


# The shared parts of every letter, for the beslissing op bezwaar (projections/rapporten/bezwaarbrief.py).
alinea, adresregels, namens, brieven = _alinea, _adres, _namens, _brieven
