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

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from ledger.begrippen import GRONDEN, INTREKKINGSGRONDEN, VASTSTELLINGSGRONDEN, weigeringsartikel
from ledger.fouten import GeenMandaat, NietGevonden, OngeldigeToestand
from ledger.geld import Bedrag
from ledger.namens import MANDAAT_ARTIKEL
from ledger.persoonsgegevens import VERWIJDERD
from projections.rapporten import opmaak as o
from projections.rapporten.besluitbrief import BREEDTE, CSS, adresregels, alinea, html, tekst, termijnzin
from projections.rapporten.besluiten import (
    BUITEN_BEHANDELING,
    INTREKKING,
    TERUGVORDERING,
    VASTSTELLING,
    brief_soort,
    brieven,
    gekozen,
    laatste_besluit,
    nog_niet_beslist,
    uitkomst,
)
from projections.rapporten.geschiedenis import AanvraagHistorie, Besluit, Geschiedenis, WijkHistorie

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

    if (op_bezwaar := bezwaarbrief.gekozen(h, a, gebeurtenis, laatste_besluit(a))) is not None:
        return bezwaarbrief.bouw(h, a, op_bezwaar, aanvraag)
    besluit = laatste_besluit(a) if gebeurtenis is None else gekozen(a, gebeurtenis)
    if besluit is None:
        raise OngeldigeToestand(nog_niet_beslist(a), artikel="art. 5 lid 1 en 3", aanvraag=nummer, status=a.status)
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
        "uitkomst": uitkomst(besluit),
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


# The shared parts of every letter, for the beslissing op bezwaar (projections/rapporten/bezwaarbrief.py).
namens = _namens
__all__ = [
    "BREEDTE",
    "BUITEN_BEHANDELING",
    "CSS",
    "GETALLEN",
    "INTREKKING",
    "TERUGVORDERING",
    "VASTSTELLING",
    "adresregels",
    "alinea",
    "bouw",
    "brief_soort",
    "brieven",
    "geadresseerde",
    "gekozen",
    "html",
    "laatste_besluit",
    "namens",
    "tekst",
    "termijnzin",
    "verzending",
]
