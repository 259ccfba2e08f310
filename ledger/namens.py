"""Awb 10:10: a decision taken under mandate says on whose behalf it was taken, and under which mandate.

Every power of the verordening is the college's (art. 2); the regiegroep decides on aanvragen
under the college's mandate (art. 2 lid 6). Rules owned here:
- every decision event (toegekend, geweigerd, geschikt verklaard, raadpleging besloten,
  aanvulling gevraagd, periode afgesloten) records `namens` ("college") and `mandaat`, the
  mandate the acting user held on the business date: `{"rol": "regiegroep", "wijk": "NOORD"}`
  or `{"rol": "college", "wijk": None}`, or an ambtenaar's mandate for a wijk where no regiegroep
  formed (toelichting art. 2 lid 6): `{"rol": "ambtenaar", "wijk": "NOORD", "besluit": "..."}`
  with the reference of the mandaatbesluit when given; who acted is the event's `gebruiker`;
- the college decides itself on any aanvraag of any wijk (art. 5 "het college of de
  regiegroep"; Awb 10:7: the mandating body keeps its power);
- a regiegroep's mandate is for one wijk, and a decision on an aanvraag records the mandate
  for the aanvraag's own wijk;
- events stored before these fields existed are version 1: the upcast gives them `namens`
  "college" (the college's power, whoever used it) and `mandaat` None: not recorded, so a
  reader derives it from the mandates in force on that date instead of guessing.
"""

from __future__ import annotations

from typing import Any

from ledger.fouten import OngeldigeInvoer

NAMENS_COLLEGE = "college"
MANDAAT_ARTIKEL = {
    "regiegroep": "art. 2 lid 6",
    "ambtenaar": "art. 2 lid 6 (toelichting)",
    "college": "art. 2",
}


def mandaat(rol: str, wijk: str | None, besluit: str | None = None) -> dict[str, Any]:
    """The mandate as a decision event records it; an ambtenaar's with the mandaatbesluit, when known."""
    uit: dict[str, Any] = {"rol": rol, "wijk": wijk or None}
    if besluit:
        uit["besluit"] = besluit
    return uit


def eis_mandaat_voor(vermelding: dict[str, Any], wijk: str | None) -> dict[str, Any]:
    """A decision records the mandate it was taken under: the college's, or the regiegroep's (or the
    ambtenaar's) for this wijk."""
    rol, mandaatwijk = vermelding.get("rol"), vermelding.get("wijk")
    if rol == "college" and mandaatwijk is None:
        return mandaat(rol, None)
    if rol in ("regiegroep", "ambtenaar") and mandaatwijk and mandaatwijk == wijk:
        return mandaat(rol, mandaatwijk, vermelding.get("besluit"))
    raise OngeldigeInvoer(
        f"een besluit in wijk {wijk} wordt genomen namens het college, onder het mandaat van het college of van de "
        f"regiegroep van die wijk, niet onder {vermelding!r} (art. 2 lid 6, Awb 10:10)"
    )


def upcast_v1_v2(toestand: dict[str, Any]) -> None:
    """Version 1 of a decision event did not record the mandate: taken for the college, mandate not recorded.
    Each decision event of the first round is version 2 and names this upcast (`class_version = 2`)."""
    toestand.setdefault("namens", NAMENS_COLLEGE)
    toestand.setdefault("mandaat", None)
