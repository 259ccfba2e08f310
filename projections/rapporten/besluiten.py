"""Which decisions on an aanvraag have a letter, and which of them is the latest (`voucher besluit NR`,
`--gebeurtenis`, `voucher besluit NR --verzonden`, the bezwaar and the terms that run from a letter).

A letter has: a grant (art. 5 lid 2), a refusal on a ground of art. 6, a wijkraadpleging that voted
against (art. 5 lid 6), buiten behandeling (Awb 4:5), a withdrawal or reduction with its ground (Awb
4:48), the vaststelling (Awb 4:42-4:47) and each terugvordering set on its own (Awb 4:57; a lower
vaststelling claims the difference in its own letter).
"""

from __future__ import annotations

from ledger.fouten import NietGevonden
from ledger.status import Status
from projections.rapporten import nazorg
from projections.rapporten.geschiedenis import AanvraagHistorie, Besluit

BUITEN_BEHANDELING = Status.BUITEN_BEHANDELING.value  # Awb 4:5
INTREKKING = nazorg.INTREKKING  # Awb 4:48
VASTSTELLING = "vaststelling"  # Awb 4:42-4:47
TERUGVORDERING = "terugvordering"  # Awb 4:57 by `terugvordering instellen`; a lower vaststelling claims in its letter


def uitkomst(besluit: Besluit) -> str:
    """The kind of decision as the letter, the sending and the bezwaar name it."""
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


def brieven(a: AanvraagHistorie) -> list[Besluit]:
    """Every decision on the aanvraag that has a letter, in the order of the log."""
    met_brief = [
        b
        for b in a.besluiten
        if b.soort in ("toegekend", BUITEN_BEHANDELING, VASTSTELLING)
        or (b.soort in ("geweigerd", INTREKKING) and b.grond is not None)
        or (b.soort == "raadpleging" and b.uitkomst == "tegen")
    ]
    return sorted(met_brief + _terugvorderingen(a), key=lambda b: b.handeling.gebeurtenis)


def brief_soort(besluit: Besluit) -> str:
    """The kind of decision as the letter, the sending and the bezwaar name it."""
    return uitkomst(besluit)


def gekozen(a: AanvraagHistorie, gebeurtenis: int) -> Besluit:
    """The decision with a letter recorded as event `gebeurtenis` on aanvraag `a` (`voucher besluit NR
    --gebeurtenis N`; exit 3 if none)."""
    met_brief = brieven(a)
    gevonden = next((b for b in met_brief if b.handeling.gebeurtenis == gebeurtenis), None)
    if gevonden is None:
        welke = ", ".join(f"#{b.handeling.gebeurtenis} ({uitkomst(b)})" for b in met_brief)
        raise NietGevonden(
            f"gebeurtenis #{gebeurtenis} is geen besluit op aanvraag {a.nummer}"
            + (f"; de besluiten met een brief: {welke}" if welke else f": {nog_niet_beslist(a)}"),
            aanvraag=a.nummer,
            gebeurtenis=gebeurtenis,
        )
    return gevonden


def laatste_besluit(a: AanvraagHistorie) -> Besluit | None:
    """The decision that stands as the latest on the aanvraag (what a bezwaar is made against); None
    while it is open, also after a herroeping on bezwaar until the new decision (Awb 7:11). The latest decision: the grant, the refusal, the wijkraadpleging against, the decision not to
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


def nog_niet_beslist(a: AanvraagHistorie) -> str:
    waarom = {
        "onvolledig": f": de aanvraag is onvolledig (ontbreekt: {', '.join(a.ontbreekt) or 'aanvulling'})",
        "geschikt": ": het initiatief is geschikt verklaard en wacht op de wijkraadpleging",
        "raadpleging_voor": ": de wijkraadpleging was voor, de toekenning van de vouchers volgt nog",
        "ingetrokken": ": de initiatiefnemer heeft de aanvraag ingetrokken; er volgt geen besluit",
    }.get(a.status, "")
    return f"over aanvraag {a.nummer} is nog niet beslist{waarom}"
