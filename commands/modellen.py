"""The commands: small immutable pydantic models, one per act.

A command is what a user asked, validated for form (lengths, codes, no control
characters) before any rule of the verordening is applied. `maak()` builds one and turns
pydantic's errors into one Dutch sentence.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from commands import vorm
from commands.kasopdrachten import NeemContantOp, Verzilver  # noqa: F401 - the payment commands, without pydantic
from commands.vorm import Vormopdracht
from ledger.begrippen import GEBRUIKERSNAAM
from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag
from ledger.regeling import Regeling

_WIJKCODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,19}", re.ASCII)


def _wijkcode(waarde: str) -> str:
    code = waarde.strip()
    # ASCII before upper(): 'ı', 'ſ', 'ß' and 'ﬁ' would otherwise become I, S, SS and FI (another wijk).
    code = code.upper() if code.isascii() else code
    if not _WIJKCODE.fullmatch(code):
        raise ValueError("een wijkcode is 1 tot 20 letters, cijfers, - of _ (bijvoorbeeld NOORD)")
    return code


def _gebruiker(waarde: str) -> str:
    naam = waarde.strip()
    if not GEBRUIKERSNAAM.fullmatch(naam):
        raise ValueError("een gebruikersnaam is 1 tot 63 letters, cijfers, _ . @ of -")
    return naam


def normaliseer_wijkcode(tekst: str) -> str:
    """A wijk code as the user typed it, normalised (upper case), or bad input."""
    try:
        return _wijkcode(tekst)
    except ValueError as e:
        raise OngeldigeInvoer(f"ongeldige wijkcode {tekst[:20]!r}: {e}") from None


Positief = Annotated[Bedrag, AfterValidator(vorm.positief)]
NietNegatief = Annotated[Bedrag, AfterValidator(vorm.niet_negatief)]
Naam = Annotated[str, AfterValidator(vorm.naam)]
Tekst = Annotated[str, AfterValidator(vorm.lang)]
Kort = Annotated[str, AfterValidator(vorm.kort)]
WijkCode = Annotated[str, AfterValidator(_wijkcode)]
Gebruiker = Annotated[str, AfterValidator(_gebruiker)]
Periode = Annotated[int, Field(ge=2000, le=2100)]
Aantal = Annotated[int, Field(ge=1, le=99)]
Weigeringsgrond = Literal["a", "b", "c", "d", "e", "geen-initiatief"]  # art. 6, art. 1 onder b en c
Rol = Literal["college", "regiegroep", "ambtenaar", "kasbeheerder"]


class Opdracht(BaseModel):
    # defer_build: a model builds its validator when first used, so a command that makes one model
    # does not pay for the twenty others at start-up (issue 13, a command as a process).
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True, defer_build=True)

    datum: date | None = None  # business date of the act; None = today


class Inrichten(Opdracht):
    gemeente: Naam
    regeling: Regeling


class TrekMandaatIn(Opdracht):
    aan: Gebruiker
    rol: Rol
    wijk: WijkCode | None = None


class GeefMandaat(TrekMandaatIn):
    naam: Naam | None = None  # the display name in letters (default: the login)
    besluit: Naam | None = None  # the reference of the mandaatbesluit (an ambtenaar's, toelichting art. 2 lid 6)


class WijsWijkAan(Opdracht):
    code: WijkCode
    naam: Naam
    periode: Periode
    budget: Positief
    uitvoeringskosten: NietNegatief | None = None
    uitvoeringskosten_procent: Decimal | None = None
    plafond: Positief | None = None
    verstrekken_tot: date | None = None
    uitvoeren_tot: date | None = None


class StelPlafondVast(Opdracht):
    code: WijkCode
    periode: Periode
    plafond: Positief


class Aanvraaggegevens(Opdracht):
    """Art. 4 lid 2: what the initiatiefnemer hands in; every item may still be missing."""

    adres: Naam | None = None
    telefoon: Kort | None = None
    ondertekend: bool | None = None
    omschrijving: Tekst | None = None
    planning: Tekst | None = None
    kosten: Positief | None = None
    vouchers: Aantal | None = None
    elders_subsidie: bool | None = None


class DienAanvraagIn(Aanvraaggegevens):
    wijk: WijkCode
    naam: Naam
    ontvangen: date | None = None
    periode: Periode | None = None  # the budget year; None: the one open for grants on the date of receipt


class VulAanvraagAan(Aanvraaggegevens):
    nummer: int
    naam: Naam | None = None


class VraagAanvulling(Opdracht):
    nummer: int
    wat: Tekst
    termijn: date | None = None


class KenToe(Opdracht):
    nummer: int
    bedrag: Positief | None = None
    vouchers: Aantal | None = None
    start_voor: date | None = None
    grond: Weigeringsgrond | None = None
    motivering: Tekst | None = None
    buiten_volgorde: Tekst | None = None


class Weiger(Opdracht):
    nummer: int
    grond: Weigeringsgrond
    motivering: Tekst


class VerklaarGeschikt(Opdracht):
    nummer: int


class BesluitRaadpleging(Opdracht):
    nummer: int
    uitkomst: Literal["voor", "tegen"]
    stemmen_voor: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    stemmen_tegen: Annotated[int, Field(ge=0, le=10_000_000)] | None = None


class MeldWijziging(Opdracht):
    nummer: int
    omschrijving: Tekst


class MaakBekend(Opdracht):
    nummer: int


class Vergeet(Opdracht):
    """Destroy the key of an aanvraag's personal data (AVG) once its retention term has ended."""

    nummer: int


class WeigerBetaling(Opdracht):
    code: str
    bedrag: Positief
    reden: Tekst
    leverancier: Naam | None = None
    factuur: Kort | None = None


M = TypeVar("M", bound=BaseModel | Vormopdracht)


def maak(model: type[M], **waarden: Any) -> M:
    """Build a command; a form error becomes one Dutch line naming the option."""
    try:
        return model(**waarden)  # a Vormopdracht (commands/vorm.py) raises its own form error
    except ValidationError as e:
        fout = e.errors()[0]
        veld = str(fout["loc"][0]) if fout["loc"] else "invoer"
        soort = fout["type"]
        if soort == "value_error":
            reden = str(fout.get("ctx", {}).get("error", fout["msg"]))
        elif soort in ("greater_than_equal", "less_than_equal"):
            reden = "valt buiten het toegestane bereik"
        elif soort == "literal_error":
            reden = "is geen van de toegestane waarden"
        elif soort == "missing":
            reden = "ontbreekt"
        else:
            reden = "is ongeldig"
        raise vorm.ongeldig(veld, reden) from None
