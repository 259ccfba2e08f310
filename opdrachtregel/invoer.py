"""Input: the parameter types of the command line and the option sets that commands share (CLI.md:
BEDRAG, DATUM, CODE, NR, ...). A type turns bad input into click's usage error (exit 2) with the
ledger's Dutch message; an option set is one decorator for a group of options, in the order --help
shows them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import click

from ledger.datum import parse_datum
from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag
from ledger.vouchercode import normaliseer_code
from opdrachtregel.omgeving import Omgeving

Optie = Callable[[Callable[..., Any]], Any]


class Domeintype(click.ParamType):
    def _parse(self, tekst: str) -> Any:
        raise NotImplementedError

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return self._parse(value)
        except OngeldigeInvoer as e:
            self.fail(e.melding, param, ctx)


class BedragType(Domeintype):
    name = "BEDRAG"

    def _parse(self, tekst: str) -> Bedrag:
        return Bedrag.parse(tekst)


class DatumType(Domeintype):
    name = "DATUM"

    def _parse(self, tekst: str) -> date:
        return parse_datum(tekst)


class VoucherCodeType(Domeintype):
    name = "CODE"

    def _parse(self, tekst: str) -> str:
        return normaliseer_code(tekst)


class NummerType(Domeintype):
    name = "NR"

    def _parse(self, tekst: str) -> int:
        schoon = tekst.strip()
        if not (schoon.isascii() and schoon.isdigit()) or len(schoon) > 9 or int(schoon) < 1:
            raise OngeldigeInvoer(f"ongeldig aanvraagnummer {schoon[:20]!r}: een geheel getal vanaf 1")
        return int(schoon)


class GebeurtenisType(Domeintype):
    name = "NR"

    def _parse(self, tekst: str) -> int:
        schoon = tekst.strip().removeprefix("#")
        if not (schoon.isascii() and schoon.isdigit()) or len(schoon) > 12 or int(schoon) < 1:
            raise OngeldigeInvoer(f"ongeldig gebeurtenisnummer {tekst[:20]!r}: een geheel getal vanaf 1, zoals #12")
        return int(schoon)


class AantalType(Domeintype):
    name = "N"

    def _parse(self, tekst: str) -> int:
        schoon = tekst.strip()
        if not (schoon.isascii() and schoon.isdigit()) or len(schoon) > 9:
            raise OngeldigeInvoer(f"ongeldig aantal {schoon[:20]!r}: een geheel getal")
        return int(schoon)


class JaNeeType(Domeintype):
    name = "ja|nee"

    def _parse(self, tekst: str) -> bool:
        schoon = tekst.strip().lower()
        if schoon not in ("ja", "nee"):
            raise OngeldigeInvoer(f"kies ja of nee, niet {tekst[:20]!r}")
        return schoon == "ja"


class ReserveType(Domeintype):
    """BEDRAG or PCT%: uitvoeringskosten as an amount or a share of the budget (art. 2 lid 3)."""

    name = "BEDRAG|PCT%"

    def _parse(self, tekst: str) -> Bedrag | Decimal:
        schoon = tekst.strip()
        if schoon.endswith("%"):
            getal = schoon[:-1].strip().replace(",", ".")
            if not getal.isascii():  # Decimal() and isdigit() read '١٠' or '１０' as 10: ASCII digits only
                raise OngeldigeInvoer(f"ongeldig percentage {schoon[:20]!r}: gebruik cijfers 0-9, bijvoorbeeld 10%")
            try:
                pct = Decimal(getal)
            except InvalidOperation:
                raise OngeldigeInvoer(f"ongeldig percentage {schoon[:20]!r}") from None
            if not getal.replace(".", "", 1).isdigit() or not 0 <= pct <= 100:
                raise OngeldigeInvoer(f"ongeldig percentage {schoon[:20]!r}: tussen 0% en 100%")
            return pct
        return Bedrag.parse(schoon)


BEDRAG, DATUM, CODE, NR, AANTAL, JANEE, GEBEURTENIS = (
    BedragType(),
    DatumType(),
    VoucherCodeType(),
    NummerType(),
    AantalType(),
    JaNeeType(),
    GebeurtenisType(),
)


LIJSTFORMATEN = ("tekst", "json", "csv", "xlsx")  # saldo and kasboek as a file
_XLSX_HULP = " xlsx: een spreadsheet met getallen en datums, in elke taalinstelling (alleen met --uitvoer)."


class SleutelType(Domeintype):
    name = "SLEUTEL"

    def _parse(self, tekst: str) -> str:
        if not (1 <= len(tekst) <= 100 and tekst.isascii() and tekst.isprintable() and tekst.strip() == tekst):
            raise OngeldigeInvoer(
                "een sleutel is 1 tot 100 zichtbare ASCII-tekens zonder spaties aan het begin of eind"
            )
        return tekst


def datum_optie(f: Callable[..., Any]) -> Callable[..., Any]:
    """--datum (the business date) and --sleutel (an idempotency key) for every act."""

    @functools.wraps(f)
    def met_sleutel(*args: Any, sleutel: str | None = None, **kwargs: Any) -> Any:
        if sleutel is not None:
            click.get_current_context().ensure_object(Omgeving).sleutel = sleutel
        return f(*args, **kwargs)

    met_sleutel = click.option(
        "--sleutel",
        type=SleutelType(),
        default=None,
        help="Eigen sleutel voor dit verzoek: dezelfde sleutel met dezelfde opdracht wordt één keer uitgevoerd.",
    )(met_sleutel)
    return click.option(
        "--datum",
        type=DATUM,
        default=None,
        help="Datum van de handeling (standaard vandaag; niet in de toekomst).",
    )(met_sleutel)


BEKEND_OP = click.option(
    "--bekend-op",
    type=DATUM,
    default=None,
    help="De boeken zoals ze aan het eind van deze dag (Nederlandse tijd) waren vastgelegd: wat later is "
    "ingevoerd telt niet mee, ook niet als het terug is gedateerd; de ketenkop is die van het log op dat moment. "
    "Samen te gebruiken met --tot/--per.",
)


def bestandsopties(formaten: tuple[str, ...]) -> list[Callable[[Callable[..., Any]], Any]]:
    """--formaat and --uitvoer, for every command that can write a file."""
    return [
        click.option(
            "--formaat",
            type=click.Choice(list(formaten)),
            default=None,
            help="Uitvoer: "
            + ", ".join(formaten)
            + " (standaard tekst; met --json: json)."
            + (" CSV: ';' tussen de velden en een decimaalkomma, voor Excel." if "csv" in formaten else "")
            + (_XLSX_HULP if "xlsx" in formaten else ""),
        ),
        click.option(
            "--uitvoer",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            metavar="PAD",
            help="Schrijf naar dit bestand in plaats van naar het scherm.",
        ),
    ]


def csv_optie(f: Callable[..., Any]) -> Callable[..., Any]:
    """--landinstelling: which spreadsheets read the CSV's amounts as numbers (projections/rapporten/opmaak.py)."""
    return click.option(
        "--landinstelling",
        type=click.Choice(["nl", "en"]),
        default=None,
        help="Alleen met --formaat csv: nl (standaard) schrijft ';' en een decimaalkomma, voor Excel en LibreOffice in "
        "het Nederlands; en schrijft ',' en een decimaalpunt, voor een andere taalinstelling.",
    )(f)


def csv_stijl(formaat: str | None, landinstelling: str | None) -> Any:
    from projections.rapporten.opmaak import CSV_STIJLEN, NL

    if landinstelling is not None and formaat != "csv":
        raise OngeldigeInvoer("--landinstelling geldt alleen voor --formaat csv")
    return CSV_STIJLEN[landinstelling] if landinstelling else NL


def optieset(opties: list[Callable[[Callable[..., Any]], Any]]) -> Callable[[Callable[..., Any]], Any]:
    """One decorator for a shared set of options, in the order of the list (as --help shows them)."""

    def voeg_toe(f: Callable[..., Any]) -> Any:
        for optie in reversed(opties):
            f = optie(f)
        return f

    return voeg_toe


ROL = click.Choice(["college", "regiegroep", "ambtenaar", "kasbeheerder"])


aanvraagvelden = optieset(
    [
        click.option("--adres", default=None, help="Contactadres van de initiatiefnemer."),
        click.option("--telefoon", default=None, help="Telefoonnummer."),
        click.option("--ondertekend", is_flag=True, default=None, help="De aanvraag is ondertekend."),
        click.option(
            "--omschrijving", default=None, help="Inhoud van het initiatief en hoe het de leefbaarheid verbetert."
        ),
        click.option("--planning", default=None, help="Uitvoering en planning."),
        click.option("--kosten", type=BEDRAG, default=None, help="Kostenraming."),
        click.option("--vouchers", type=AANTAL, default=None, help="Gewenst aantal vouchers."),
        click.option("--elders-subsidie", type=JANEE, default=None, help="Elders subsidie aangevraagd: ja of nee."),
    ]
)


FORMATEN = ("tekst", "csv", "json", "html")


def rapportopties(formaten: tuple[str, ...], *, wijk: bool = True) -> Callable[[Callable[..., Any]], Any]:
    """--wijk, --periode, --tot and the file options, for every report."""
    opties: list[Optie] = [
        click.option("--periode", type=AANTAL, default=None, metavar="JAAR", help="Alleen dit budgetjaar."),
        click.option(
            "--tot",
            type=DATUM,
            default=None,
            help="De stand aan het eind van deze datum: alleen handelingen met die datum of eerder tellen "
            "(standaard: alles).",
        ),
        BEKEND_OP,
        *bestandsopties(formaten),
    ]
    if wijk:
        opties.insert(0, click.option("--wijk", "wijkcode", default=None, metavar="CODE", help="Alleen deze wijk."))
    return optieset(opties)


def koppen_uit(waarde: str) -> list[str]:
    """The heads one --kop names: itself, or every head in the file it names."""
    from ledger.keten import koppen_in

    if re.fullmatch(r"[0-9a-fA-F]{64}", waarde):
        return [waarde.lower()]
    pad = Path(waarde)
    try:
        bestand = bool(waarde) and "\x00" not in waarde and pad.is_file()
    except OSError:  # a name too long for the file system
        bestand = False
    if not bestand:
        raise OngeldigeInvoer(
            f"--kop {waarde[:80]!r} is geen ketenkop (64 hexadecimale tekens) en geen leesbaar bestand"
        )
    try:
        gevonden = koppen_in(pad.read_text(encoding="utf-8", errors="replace"))
    except OSError as e:
        raise OngeldigeInvoer(f"kan {pad} niet lezen: {e.strerror or e}") from None
    if not gevonden:
        raise OngeldigeInvoer(f"{pad} bevat geen ketenkop (64 hexadecimale tekens)")
    return gevonden


# `besluit NR`: the letter as text, html or a file, of one decision; or record that it was sent.
briefopties = optieset(
    [
        click.option(
            "--formaat",
            type=click.Choice(["tekst", "html"]),
            default=None,
            help="Uitvoer: tekst of html (standaard tekst; html bij --uitvoer naar een .html-bestand). Met --json: "
            "de velden van de brief als één JSON-object.",
        ),
        click.option(
            "--uitvoer",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            metavar="PAD",
            help="Schrijf de brief naar dit bestand in plaats van naar het scherm.",
        ),
        click.option(
            "--gebeurtenis",
            type=GEBEURTENIS,
            default=None,
            metavar="NR",
            help="De brief van dit besluit (het gebeurtenisnummer onder de brief), bijvoorbeeld de toekenning na een "
            "terugvordering; standaard het laatste besluit.",
        ),
        click.option(
            "--verzonden",
            is_flag=True,
            help="Leg vast dat deze brief is verzonden op --datum (art. 3:41 Awb); de bezwaartermijn loopt vanaf de dag "
            "daarna (art. 6:8 Awb).",
        ),
    ]
)


# `wijk aanwijzen CODE`: naam, budgetjaar, budget, reserve, plafond en data (art. 2, art. 5 lid 8).
wijkopties = optieset(
    [
        click.option("--naam", required=True, help="Naam van de wijk."),
        click.option("--periode", type=AANTAL, required=True, metavar="JAAR", help="Budgetjaar."),
        click.option("--budget", type=BEDRAG, required=True, help="Budget van de wijk (art. 2 lid 2)."),
        click.option(
            "--uitvoeringskosten",
            type=ReserveType(),
            default=None,
            help="Reserve, bedrag of percentage (ten hoogste 10%).",
        ),
        click.option(
            "--plafond", type=BEDRAG, default=None, help="Subsidieplafond (standaard budget min uitvoeringskosten)."
        ),
        click.option(
            "--verstrekken-tot", type=DATUM, default=None, help="Laatste dag om vouchers te verstrekken (art. 5 lid 8)."
        ),
        click.option(
            "--uitvoeren-tot", type=DATUM, default=None, help="Laatste dag van uitvoering en betaling (art. 5 lid 8)."
        ),
    ]
)


# `aanvraag toekennen NR`: bedrag, vouchers, voorwaarde, gedeeltelijke weigering en volgorde (art. 4-6).
toekenningsopties = optieset(
    [
        click.option("--bedrag", type=BEDRAG, default=None, help="Toe te kennen bedrag (standaard de kostenraming)."),
        click.option("--vouchers", type=AANTAL, default=None, help="Aantal vouchers (standaard zo veel als nodig)."),
        click.option(
            "--start-voor",
            type=DATUM,
            default=None,
            help="Voorwaarde: start van de uitvoering voor deze datum (art. 5 lid 7).",
        ),
        click.option(
            "--grond",
            type=click.Choice([*"abcde", "geen-initiatief"]),
            default=None,
            help="Bij gedeeltelijke weigering: de grond a-e (art. 6) of geen-initiatief (art. 1 onder b en c), zie onder.",
        ),
        click.option("--motivering", default=None, help="Bij gedeeltelijke weigering: motivering."),
        click.option(
            "--buiten-volgorde",
            default=None,
            metavar="REDEN",
            help="Reden om af te wijken van de volgorde van binnenkomst.",
        ),
    ]
)


# `mandaat geven GEBRUIKER`: rol, wijk, mandaatbesluit en weergavenaam (art. 2 lid 4 en 6).
mandaatopties = optieset(
    [
        click.option(
            "--rol",
            type=ROL,
            required=True,
            help="college, regiegroep, ambtenaar (doet het deel van de regiegroep waar die er niet is, toelichting "
            "art. 2 lid 6) of kasbeheerder.",
        ),
        click.option(
            "--wijk", metavar="CODE", default=None, help="Wijk (verplicht voor een regiegroep en een ambtenaar)."
        ),
        click.option(
            "--besluit", metavar="TEKST", default=None, help="Verwijzing naar het mandaatbesluit (datum, nummer)."
        ),
        click.option(
            "--naam", metavar="WEERGAVENAAM", default=None, help="De naam in brieven (standaard de inlognaam)."
        ),
    ]
)


# `bezwaar indienen NR`: ontvangst, gronden en een verschoonbare termijnoverschrijding (Awb 6:5-6:11).
bezwaaropties = optieset(
    [
        click.option("--ontvangen", type=DATUM, required=True, help="De dag waarop het bezwaarschrift is ontvangen."),
        click.option("--omschrijving", required=True, help="Het bezwaar en zijn gronden (art. 6:5 Awb)."),
        click.option(
            "--verschoonbaar",
            default=None,
            metavar="REDEN",
            help="Een te laat bezwaar: waarom de termijnoverschrijding verschoonbaar is (art. 6:11 Awb).",
        ),
    ]
)


# `kasboek`: de selectie van regels (wijk, voucher, budgetjaar, data, leverancier, factuur).
kasboekopties = optieset(
    [
        click.option("--wijk", "wijkcode", default=None, metavar="CODE", help="Alleen de regels van deze wijk."),
        click.option("--voucher", "code", type=CODE, default=None, help="Alleen de regels van deze voucher."),
        click.option("--periode", type=AANTAL, default=None, metavar="JAAR", help="Alleen dit budgetjaar."),
        click.option("--van", type=DATUM, default=None, help="Alleen regels op of na deze datum."),
        click.option("--tot", type=DATUM, default=None, help="Alleen regels op of voor deze datum."),
        click.option(
            "--leverancier", default=None, metavar="TEKST", help="Alleen leveranciers met deze tekst in de naam."
        ),
        click.option(
            "--factuur", default=None, metavar="TEKST", help="Alleen factuur- of kwitantienummers met deze tekst."
        ),
    ]
)
