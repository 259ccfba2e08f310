"""`voucher`: the command line of the Vouchersysteem bewonersinitiatieven.

Parse, call, print: the options are parsed into commands (commands.modellen), the
application service decides (commands.dienst), and this module prints the result as Dutch
text or as one JSON object. Errors become one `fout:` line on stderr and the exit code of
the contract (../shared/CLI.md) from one table, FOUTCODES. No rule lives here.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from commands.uitvoer import json_waarde
from ledger.datum import formatteer_datum, parse_datum
from ledger.fouten import (
    Conflict,
    GeenMandaat,
    KetenVerbroken,
    NietGevonden,
    OngeldigeInvoer,
    OpslagOnbeschikbaar,
    RegelOvertreden,
    VoucherFout,
)
from ledger.geld import Bedrag
from ledger.status import Status
from ledger.vouchercode import normaliseer_code
from projections.tekst import nl, tabel

if TYPE_CHECKING:
    from commands import modellen as m
    from ledger.regeling import Regeling
else:

    class _LuiModellen:
        """commands.modellen (pydantic) is imported on first use: reads and --help start faster."""

        def __getattr__(self, naam: str) -> Any:
            from commands import modellen

            return getattr(modellen, naam)

    m = _LuiModellen()

# One table: error class -> exit code of the contract.
FOUTCODES: dict[type[VoucherFout], int] = {
    RegelOvertreden: 1,
    KetenVerbroken: 1,
    OngeldigeInvoer: 2,
    NietGevonden: 3,
    Conflict: 4,
    OpslagOnbeschikbaar: 5,
}


# --- click speaks Dutch ----------------------------------------------------------------
def _spreek_nederlands() -> None:
    """click's own words (headings, usage errors, "[verplicht]") come from its Dutch catalog (taal/).

    click passes every message through gettext's process-wide text domain; the program binds
    that domain to its catalog and chooses Dutch with LANGUAGE, the variable GNU gettext reads
    for the language of messages alone (numbers and dates keep the user's locale). So the
    command line speaks Dutch whatever the locale, LANG=C and en_US included. Called before
    the commands are built: click names a path type ("bestand") when it is made."""
    import gettext
    import os

    from taal import DOMEIN, LOCALEDIR

    os.environ["LANGUAGE"] = "nl"
    gettext.bindtextdomain(DOMEIN, str(LOCALEDIR))
    gettext.textdomain(DOMEIN)


_spreek_nederlands()


# --- domain input types ------------------------------------------------------------------
class _Domeintype(click.ParamType):
    def _parse(self, tekst: str) -> Any:
        raise NotImplementedError

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return self._parse(value)
        except OngeldigeInvoer as e:
            self.fail(e.melding, param, ctx)


class BedragType(_Domeintype):
    name = "BEDRAG"

    def _parse(self, tekst: str) -> Bedrag:
        return Bedrag.parse(tekst)


class DatumType(_Domeintype):
    name = "DATUM"

    def _parse(self, tekst: str) -> date:
        return parse_datum(tekst)


class VoucherCodeType(_Domeintype):
    name = "CODE"

    def _parse(self, tekst: str) -> str:
        return normaliseer_code(tekst)


class NummerType(_Domeintype):
    name = "NR"

    def _parse(self, tekst: str) -> int:
        schoon = tekst.strip()
        if not (schoon.isascii() and schoon.isdigit()) or len(schoon) > 9 or int(schoon) < 1:
            raise OngeldigeInvoer(f"ongeldig aanvraagnummer {schoon[:20]!r}: een geheel getal vanaf 1")
        return int(schoon)


class GebeurtenisType(_Domeintype):
    name = "NR"

    def _parse(self, tekst: str) -> int:
        schoon = tekst.strip().removeprefix("#")
        if not (schoon.isascii() and schoon.isdigit()) or len(schoon) > 12 or int(schoon) < 1:
            raise OngeldigeInvoer(f"ongeldig gebeurtenisnummer {tekst[:20]!r}: een geheel getal vanaf 1, zoals #12")
        return int(schoon)


class AantalType(_Domeintype):
    name = "N"

    def _parse(self, tekst: str) -> int:
        schoon = tekst.strip()
        if not (schoon.isascii() and schoon.isdigit()) or len(schoon) > 9:
            raise OngeldigeInvoer(f"ongeldig aantal {schoon[:20]!r}: een geheel getal")
        return int(schoon)


class JaNeeType(_Domeintype):
    name = "ja|nee"

    def _parse(self, tekst: str) -> bool:
        schoon = tekst.strip().lower()
        if schoon not in ("ja", "nee"):
            raise OngeldigeInvoer(f"kies ja of nee, niet {tekst[:20]!r}")
        return schoon == "ja"


class ReserveType(_Domeintype):
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

# --- output --------------------------------------------------------------------------------


_nl = nl  # one value for people: € 1.234,50, 1 maart 2026, - for nothing
_LIJSTFORMATEN = ("tekst", "json", "csv", "xlsx")  # saldo and kasboek as a file
_XLSX_HULP = " xlsx: een spreadsheet met getallen en datums, in elke taalinstelling (alleen met --uitvoer)."


@dataclass
class Omgeving:
    """Built once in the group callback and handed to every command; opens the store lazily."""

    database: str | None
    als_json: bool
    _app: Any = None
    _opslag: Any = None
    _gebruiker: str | None = None
    _schrijver: Any = None  # the writing service, once made (it knows whether a --sleutel was a repeat)
    sleutel: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def sqlite_pad(self) -> Path | None:
        """The SQLite file of this store, or None for PostgreSQL (parsing the URL loads no driver)."""
        from commands.adres import lees_url

        return lees_url(self.database).pad

    def app(self, *, inrichten: bool = False) -> Any:
        from commands.opslag import lees_url, open_ledger

        if self._app is None:
            self._opslag = lees_url(self.database)
            self._app = open_ledger(self._opslag, inrichten=inrichten)
        return self._app

    def dienst(self, *, schrijven: bool = False, inrichten: bool = False) -> Any:
        from commands.dienst import Dienst
        from commands.opslag import acterende_gebruiker

        self.app(inrichten=inrichten)
        gebruiker = ""
        if schrijven:
            if self._gebruiker is None:
                try:
                    self._gebruiker = acterende_gebruiker(self._app, self._opslag)
                except VoucherFout:
                    raise
                except Exception as e:  # driver errors: the server went away
                    raise OpslagOnbeschikbaar(f"de opslag is niet bereikbaar: {str(e)[:200]}") from None
            gebruiker = self._gebruiker
        dienst = Dienst(self._app, gebruiker, sleutel=self.sleutel if schrijven else None)
        if schrijven:
            self._schrijver = dienst
        return dienst

    def sluit(self) -> None:
        if self._app is not None:
            try:
                self._app.close()
            except Exception:  # noqa: S110 - closing is best effort at exit
                pass

    def toon(self, uitkomst: Any, tekst: Callable[[dict[str, Any]], str] | str) -> None:
        """Print a result (commands/resultaten.py, or a dict) as one JSON object or as its Dutch text."""
        getypt = hasattr(uitkomst, "als_dict")
        if getypt:
            uitkomst = uitkomst.als_dict()
        if self.als_json:
            click.echo(json.dumps(uitkomst, default=json_waarde, ensure_ascii=False, sort_keys=False))
            return
        if not callable(tekst):
            click.echo(tekst)
            return
        schrijver = self._schrijver
        verzoek = schrijver.herhaald_verzoek if schrijver is not None else None
        if verzoek is not None:  # a --sleutel used before: the first answer, printed as it was then
            from commands.uitvoer import uit_json

            click.echo(
                f"Dit verzoek (sleutel {verzoek.sleutel}) was al uitgevoerd door {verzoek.gebruiker}; er is niets "
                "veranderd. Het antwoord van toen:"
            )
            uitkomst = uitkomst if getypt else uit_json(uitkomst)  # a typed result was read back into its type
        elif schrijver is not None and schrijver.niets_veranderd:  # an identical repeat: the text says so
            uitkomst = {**uitkomst, "niets_veranderd": True}
        click.echo(tekst(uitkomst))


pass_omgeving = click.make_pass_decorator(Omgeving)


def _bouw(model: type[m.M], **waarden: Any) -> m.M:
    return m.maak(model, **waarden)


class SleutelType(_Domeintype):
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


_BEKEND_OP = click.option(
    "--bekend-op",
    type=DATUM,
    default=None,
    help="De boeken zoals ze aan het eind van deze dag (Nederlandse tijd) waren vastgelegd: wat later is "
    "ingevoerd telt niet mee, ook niet als het terug is gedateerd; de ketenkop is die van het log op dat moment. "
    "Samen te gebruiken met --tot/--per.",
)


def _bestandsopties(formaten: tuple[str, ...]) -> list[Callable[[Callable[..., Any]], Any]]:
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


def _csv_optie(f: Callable[..., Any]) -> Callable[..., Any]:
    """--landinstelling: which spreadsheets read the CSV's amounts as numbers (projections/rapporten/opmaak.py)."""
    return click.option(
        "--landinstelling",
        type=click.Choice(["nl", "en"]),
        default=None,
        help="Alleen met --formaat csv: nl (standaard) schrijft ';' en een decimaalkomma, voor Excel en LibreOffice in "
        "het Nederlands; en schrijft ',' en een decimaalpunt, voor een andere taalinstelling.",
    )(f)


def _csv_stijl(formaat: str | None, landinstelling: str | None) -> Any:
    from projections.rapporten.opmaak import CSV_STIJLEN, NL

    if landinstelling is not None and formaat != "csv":
        raise OngeldigeInvoer("--landinstelling geldt alleen voor --formaat csv")
    return CSV_STIJLEN[landinstelling] if landinstelling else NL


def _met_opties(opties: list[Callable[[Callable[..., Any]], Any]]) -> Callable[[Callable[..., Any]], Any]:
    """One decorator for a shared set of options, in the order of the list (as --help shows them)."""

    def voeg_toe(f: Callable[..., Any]) -> Any:
        for optie in reversed(opties):
            f = optie(f)
        return f

    return voeg_toe


# --- the group ----------------------------------------------------------------------------
# click shows an option without a metavar by its type's English name (TEXT, INTEGER): in Dutch here.
_TYPENAAM = {
    "text": "TEKST",
    "integer": "GETAL",
    "integer range": "GETAL",
    "float": "GETAL",
    "float range": "GETAL",
    "boolean": "JA|NEE",
    "datetime": "DATUM",
    "uuid": "UUID",
}


def _json_na_het_commando(ctx: click.Context, _param: click.Parameter, waarde: bool) -> None:
    if waarde:
        ctx.ensure_object(Omgeving).als_json = True


class _Commando(click.Command):
    """Every command: a Dutch usage line and metavars, `--json` also after the command, and a
    mandate refusal that says who acts. Short help is the docstring's first line, whole: click
    would cut it at 'art.'. Commands added later get all of this by being made in this group."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)
        for p in self.params:
            if isinstance(p, click.Option) and p.metavar is None and not p.is_flag and p.type.name in _TYPENAAM:
                p.metavar = _TYPENAAM[p.type.name] + ("..." if p.nargs != 1 else "")
        if not any("--json" in p.opts for p in self.params):  # the root has its own
            self.params.append(
                click.Option(
                    ["--json"],
                    is_flag=True,
                    expose_value=False,
                    callback=_json_na_het_commando,
                    help="Uitvoer als één JSON-object (hetzelfde als --json vóór het commando).",
                )
            )

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.short_help or (self.help or "").strip().split("\n")[0]

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GeenMandaat as e:
            raise _met_wie_handelt(e, ctx.find_object(Omgeving)) from None


class _Groep(_Commando, click.Group):
    command_class = _Commando
    group_class = type

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "COMMANDO [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)


def _met_wie_handelt(e: GeenMandaat, o: Omgeving | None) -> GeenMandaat:
    """A mandate refusal names who acts, and how someone else acts (CLI.md: who acts)."""
    import os

    if o is None or o._gebruiker is None or "wie_handelt" in e.gegevens:
        return e
    naam = o._gebruiker
    if o._opslag is not None and o._opslag.soort == "postgresql":
        wie = (
            f"U handelt als databaselogin {naam}; wie iets anders doet, gebruikt de eigen login in --database "
            "of VOUCHER_DATABASE (postgresql://LOGIN@host:poort/database)"
        )
    else:
        bron = "uit VOUCHER_GEBRUIKER" if os.environ.get("VOUCHER_GEBRUIKER") else "uw inlognaam"
        wie = f"U handelt als {naam} ({bron}); handel als een ander met VOUCHER_GEBRUIKER=NAAM voor het commando"
    rol, wijk = e.gegevens.get("rol"), e.gegevens.get("wijk")
    geven = f"voucher mandaat geven {naam} --rol {rol}" + (
        f" --wijk {wijk}" if wijk and rol not in ("college", "kasbeheerder") else ""
    )
    hoe = f"een mandaat geeft het college ({geven})" if rol else "een mandaat geeft het college"
    artikel = f" ({e.artikel})" if e.artikel else ""
    details = {"gebruiker": naam, "rol": rol, "wijk": wijk}
    melding = f"{e.melding}{artikel}. {wie}; {hoe}; 'voucher mandaat lijst' toont de mandaten."
    return GeenMandaat(melding, artikel=e.artikel, wie_handelt=naam, details=details)


_INVOER = """\b
Invoer:
  BEDRAG  in euro's, op zijn Nederlands: 1234, 1234,50, 1.234,50, € 1.234,50, of 1234.50
          (één punt met één of twee cijfers erna is een decimaalpunt). Andere punten
          groeperen per drie: 1.234 is € 1.234,00. Niet nul, niet negatief; 1,234.50 en
          12,345 worden geweigerd.
  DATUM   2026-03-01 of 01-03-2026. De datum van een handeling (--datum) ligt nooit in de
          toekomst.
  CODE    een vouchercode: V, het aanvraagnummer (6 cijfers), het volgnummer van de voucher
          (2 cijfers) en een controlecijfer, bijvoorbeeld V000017-02-6 (ook v000017026). Eén
          verkeerd cijfer of twee verwisselde buren geven een ongeldige code, nooit een andere
          voucher.
  NR      het nummer van een aanvraag: 1, 2, 3 ...
  JAAR    een budgetjaar, bijvoorbeeld 2026.

\b
--json mag vóór of na het commando: voucher --json saldo of voucher saldo --json."""


def _weigeringsgronden(inspringen: str = "  ") -> str:
    """The grounds of art. 6, a to e, in the verordening's words (ledger/begrippen.py)."""
    from ledger.begrippen import WEIGERINGSGRONDEN

    regels = [
        "Weigeringsgronden (art. 6): het verstrekken van vouchers kan worden geweigerd, als er gegronde",
        "reden is om aan te nemen:",
    ]
    regels += [f"{inspringen}{letter}  {tekst}" for letter, tekst in WEIGERINGSGRONDEN.items()]
    regels.append("Kies de grond die de weigering draagt: is het subsidieplafond bereikt, dan is dat grond e,")
    regels.append("en alleen voor het deel dat niet meer beschikbaar is (art. 4:25 lid 2 Awb).")
    regels.append("Is de aanvraag geen initiatief in de zin van de verordening (van een instelling of bedrijf,")
    regels.append("of van buiten de wijk), dan is de grond geen-initiatief (art. 1 onder b en c).")
    return "\n".join(regels)


_GRONDEN = "\b\n" + _weigeringsgronden()


@click.group(
    cls=_Groep, epilog=_INVOER, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.option(
    "--database",
    metavar="URL",
    default=None,
    help="Opslag: pad of sqlite:///PAD, of postgresql://gebruiker@host:poort/database. "
    "Standaard $VOUCHER_DATABASE, anders ./vouchers.db.",
)
@click.option(
    "--json",
    "als_json",
    is_flag=True,
    help='Uitvoer als één JSON-object (bedragen als "1234.50"); mag ook na het commando.',
)
@click.pass_context
def voucher(ctx: click.Context, database: str | None, als_json: bool) -> None:
    """Vouchersysteem bewonersinitiatieven (Model G31 Subsidieverordening vouchers bewonersinitiatieven).

    \b
    Een jaar in het kort:
      voucher init --gemeente Voorbeeldstad              (u wordt college)
      voucher mandaat geven anna --rol regiegroep --wijk NOORD
      voucher mandaat geven kees --rol kasbeheerder
      voucher wijk aanwijzen NOORD --naam Noord --periode 2026 --budget 100.000 --uitvoeringskosten 10%
      voucher aanvraag indienen --wijk NOORD --naam ... --kosten 2.500 ...   (regiegroep)
      voucher aanvraag toekennen 1                                             (regiegroep)
      voucher verzilver V000001-01-0 --bedrag 450 --leverancier ... --factuur ...  (kasbeheerder)
      voucher saldo

    Wie handelt: op SQLite uw inlognaam (of $VOUCHER_GEBRUIKER), op PostgreSQL uw databaselogin.
    Exitcodes: 0 gedaan, 1 geweigerd door een regel, 2 ongeldige invoer, 3 niet gevonden,
    4 conflict met een gelijktijdige wijziging, 5 opslag niet bereikbaar of niet ingericht.
    """
    omgeving = Omgeving(database=database, als_json=als_json)
    ctx.obj = omgeving
    ctx.call_on_close(omgeving.sluit)


# --- init, regeling ----------------------------------------------------------------------
@voucher.command()
@click.option("--gemeente", required=True, metavar="NAAM", help="Naam van de gemeente.")
@click.option(
    "--regeling",
    "regeling_pad",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TOML-bestand met de parameters van de lokale regeling (standaard: de modelverordening).",
)
@datum_optie
@pass_omgeving
def init(o: Omgeving, gemeente: str, regeling_pad: Path | None, datum: date | None) -> None:
    """Richt de administratie in; wie dit doet, krijgt het collegemandaat (art. 2)."""
    from commands.inrichting import richt_in
    from commands.opslag import lees_url
    from ledger.regeling import Regeling

    regeling = Regeling.uit_toml(regeling_pad) if regeling_pad else Regeling()
    cmd = _bouw(m.Inrichten, gemeente=gemeente, regeling=regeling, datum=datum)
    uitkomst = richt_in(lees_url(o.database), lambda: o.dienst(schrijven=True, inrichten=True), cmd, o.sluit)

    def tekst(u: dict[str, Any]) -> str:
        regels = [f"Administratie {'ingericht' if u['nieuw'] else 'was al ingericht'} voor gemeente {u['gemeente']}."]
        if u["nieuw"]:
            regels.append(f"{o._gebruiker} heeft het collegemandaat.")
        if "databaserollen" in u:
            regels.append("Databaserollen: " + ", ".join(u["databaserollen"].values()) + ".")
            regels += [f"  {lid['login']} is lid van {lid['databaserol']}" for lid in u["lidmaatschappen"]]
        return "\n".join(regels)

    o.toon(uitkomst, tekst)


@voucher.group("regeling", invoke_without_command=True)
@click.option("--per", type=DATUM, default=None, help="De versie die op deze datum gold (standaard vandaag).")
@click.pass_context
def toon_regeling(ctx: click.Context, per: date | None) -> None:
    """Toon de parameters van de regeling en de weigeringsgronden (art. 6); 'wijzigen' legt een nieuwe versie vast."""
    if ctx.invoked_subcommand is not None:
        return
    o: Omgeving = ctx.find_object(Omgeving)
    uitkomst = o.dienst().regeling(per)
    r: Regeling = uitkomst["regeling"]
    if o.als_json:
        extra = {k: uitkomst[k] for k in ("versie", "vanaf", "versies", "per")}
        o.toon({"gemeente": uitkomst["gemeente"], **r.naar_dict(), **extra}, "")
        return
    click.echo("\n".join(_regeling_regels(uitkomst, r)))


def _regeling_regels(u: dict[str, Any], r: Regeling) -> list[str]:
    def jaar(n: int) -> str:
        return "het budgetjaar" if n == 0 else f"{n} jaar na het budgetjaar"

    per = f" op {_nl(u['per'])}" if u["per"] else ""
    regels = [
        f"Gemeente {u['gemeente']}: {r.naam}",
        f"  versie {u['versie']}{per}, geldt vanaf {_nl(u['vanaf'])}",
        f"  in werking sinds               {_nl(r.inwerkingtreding)} (art. 10)",
        f"  maximale voucherwaarde         {_nl(r.max_voucherwaarde)} (art. 1 onder a)",
        f"  wijkraadpleging boven          {_nl(r.raadplegingsdrempel)} (art. 5 lid 3)",
        f"  contant per keer ten hoogste   {_nl(r.contant_max)} (art. 9 lid 3 onder b)",
        f"  beslistermijn                  {r.beslistermijn_weken} weken (art. 5 lid 1)",
        f"  uitvoeringskosten ten hoogste  {r.uitvoeringskosten_max_procent}% van het budget (art. 2 lid 3)",
        f"  vouchers verstrekken tot en met {r.verstrekken_tot} van {jaar(r.verstrekken_tot_jaar)} (art. 5 lid 8)",
        f"  initiatief uitgevoerd uiterlijk {r.uitvoeren_tot} van {jaar(r.uitvoeren_tot_jaar)} (art. 5 lid 8)",
        *(
            f"  budgetjaar {j}: verstrekken tot en met {_nl(v)}, uitgevoerd uiterlijk {_nl(t)} (art. 5 lid 8)"
            for j, v, t in r.budgetjaren
        ),
        f"  betaaltermijn                  {r.betaaltermijn_dagen} dagen na de uitvoeringsdatum, voor een factuur "
        "van uiterlijk die datum",
        f"  latere data per wijk           {'toegestaan' if r.wijkdata_later_toegestaan else 'niet toegestaan'}",
        f"  bezwaartermijn                 {r.bezwaartermijn_weken} weken (Awb 6:7)",
        f"  laat vastgelegd na             {r.laat_geboekt_dagen} dagen na de datum van de handeling (uitzondering in "
        "de verantwoording)",
    ]
    if len(u["versies"]) > 1:
        regels.append("  versies: " + "; ".join(f"{v['versie']} vanaf {_nl(v['vanaf'])}" for v in u["versies"]))
    return [*regels, "", _weigeringsgronden()]


@toon_regeling.command("wijzigen")
@click.option(
    "--regeling",
    "regeling_pad",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="TOML-bestand met de parameters van de gewijzigde verordening.",
)
@click.option("--vanaf", type=DATUM, required=True, help="De datum waarop de gewijzigde verordening in werking treedt.")
@datum_optie
@pass_omgeving
def regeling_wijzigen(o: Omgeving, regeling_pad: Path, vanaf: date, datum: date | None) -> None:
    """Leg een gewijzigde verordening vast, in werking vanaf --vanaf (alleen het college; art. 10)."""
    from commands import tijd
    from ledger.regeling import Regeling

    cmd = _bouw(tijd.WijzigRegeling, regeling=Regeling.uit_toml(regeling_pad), vanaf=vanaf, datum=datum)
    u = tijd.wijzig_regeling(o.dienst(schrijven=True), cmd)
    o.toon(
        u,
        lambda u: (
            f"Regeling versie {u['versie']} ({u['naam']}) geldt vanaf {_nl(u['vanaf'])}"
            + ("." if u["nieuw"] else " (al zo; er is niets veranderd).")
        ),
    )


# --- mandaat -----------------------------------------------------------------------------
@voucher.group()
def mandaat() -> None:
    """Mandaten van college, regiegroep, ambtenaar en kasbeheerder (art. 2 lid 4 en 6)."""


ROL = click.Choice(["college", "regiegroep", "ambtenaar", "kasbeheerder"])


def _mandaatdienst(o: Omgeving) -> Any:
    """On PostgreSQL the login's group role follows the mandate (GRANT/REVOKE, commands/rechten.py)."""
    dienst = o.dienst(schrijven=True)
    if o._opslag.soort == "postgresql":
        from commands.rechten import Databaserechten

        dienst.databaserechten = Databaserechten(dienst.app)
    return dienst


@mandaat.command("geven")
@click.argument("gebruiker")
@click.option(
    "--rol",
    type=ROL,
    required=True,
    help="college, regiegroep, ambtenaar (doet het deel van de regiegroep waar die er niet is, toelichting "
    "art. 2 lid 6) of kasbeheerder.",
)
@click.option("--wijk", metavar="CODE", default=None, help="Wijk (verplicht voor een regiegroep en een ambtenaar).")
@click.option("--besluit", metavar="TEKST", default=None, help="Verwijzing naar het mandaatbesluit (datum, nummer).")
@click.option("--naam", metavar="WEERGAVENAAM", default=None, help="De naam in brieven (standaard de inlognaam).")
@datum_optie
@pass_omgeving
def mandaat_geven(
    o: Omgeving,
    gebruiker: str,
    rol: str,
    wijk: str | None,
    besluit: str | None,
    naam: str | None,
    datum: date | None,
) -> None:
    """Geef GEBRUIKER een mandaat (alleen het college)."""
    cmd = _bouw(m.GeefMandaat, aan=gebruiker, rol=rol, wijk=wijk, datum=datum, naam=naam, besluit=besluit)
    u = _mandaatdienst(o).geef_mandaat(cmd)
    waar = f" voor wijk {u['wijk']}" if u["wijk"] else ""
    wie = u["gebruiker"] if u["naam"] == u["gebruiker"] else f"{u['naam']} ({u['gebruiker']})"
    o.toon(u, lambda u: f"{wie} is {u['rol']}{waar} vanaf {_nl(u['van'])}" + ("" if u["nieuw"] else " (al zo)."))


@mandaat.command("intrekken")
@click.argument("gebruiker")
@click.option("--rol", type=ROL, required=True)
@click.option("--wijk", metavar="CODE", default=None)
@datum_optie
@pass_omgeving
def mandaat_intrekken(o: Omgeving, gebruiker: str, rol: str, wijk: str | None, datum: date | None) -> None:
    """Trek een mandaat in (alleen het college)."""
    cmd = _bouw(m.TrekMandaatIn, aan=gebruiker, rol=rol, wijk=wijk, datum=datum)
    u = _mandaatdienst(o).trek_mandaat_in(cmd)
    waar = f" voor wijk {u.wijk}" if u.wijk else ""
    o.toon(u, lambda u: f"Mandaat van {u['gebruiker']} als {u['rol']}{waar} ingetrokken per {_nl(u['tot'])}.")


@mandaat.command("lijst")
@pass_omgeving
def mandaat_lijst(o: Omgeving) -> None:
    """Toon alle mandaten, ook ingetrokken."""
    rijen = o.dienst().mandaten()
    tabel = [
        [
            r["gebruiker"],
            r["naam"],
            r["rol"],
            r["wijk"] or "alle",
            _nl(r["van"]),
            _nl(r["tot"]) if r["tot"] else "-",
            r["besluit"] or "-",
        ]
        for r in rijen
    ]
    koppen = ["gebruiker", "naam", "rol", "wijk", "van", "tot", "mandaatbesluit"]
    o.toon({"mandaten": rijen}, lambda _: _tabel(koppen, tabel))


# --- wijk --------------------------------------------------------------------------------
@voucher.group()
def wijk() -> None:
    """Wijken, budget, uitvoeringskosten en subsidieplafond (art. 2)."""


@wijk.command("aanwijzen")
@click.argument("code")
@click.option("--naam", required=True, help="Naam van de wijk.")
@click.option("--periode", type=AANTAL, required=True, metavar="JAAR", help="Budgetjaar.")
@click.option("--budget", type=BEDRAG, required=True, help="Budget van de wijk (art. 2 lid 2).")
@click.option(
    "--uitvoeringskosten", type=ReserveType(), default=None, help="Reserve, bedrag of percentage (ten hoogste 10%)."
)
@click.option("--plafond", type=BEDRAG, default=None, help="Subsidieplafond (standaard budget min uitvoeringskosten).")
@click.option(
    "--verstrekken-tot", type=DATUM, default=None, help="Laatste dag om vouchers te verstrekken (art. 5 lid 8)."
)
@click.option(
    "--uitvoeren-tot", type=DATUM, default=None, help="Laatste dag van uitvoering en betaling (art. 5 lid 8)."
)
@datum_optie
@pass_omgeving
def wijk_aanwijzen(
    o: Omgeving,
    code: str,
    naam: str,
    periode: int,
    budget: Bedrag,
    uitvoeringskosten: Bedrag | Decimal | None,
    plafond: Bedrag | None,
    verstrekken_tot: date | None,
    uitvoeren_tot: date | None,
    datum: date | None,
) -> None:
    """Wijs wijk CODE aan voor een budgetjaar (alleen het college)."""
    cmd = _bouw(
        m.WijsWijkAan,
        code=code,
        naam=naam,
        periode=periode,
        budget=budget,
        uitvoeringskosten=uitvoeringskosten if isinstance(uitvoeringskosten, Bedrag) else None,
        uitvoeringskosten_procent=uitvoeringskosten if isinstance(uitvoeringskosten, Decimal) else None,
        plafond=plafond,
        verstrekken_tot=verstrekken_tot,
        uitvoeren_tot=uitvoeren_tot,
        datum=datum,
    )
    u = o.dienst(schrijven=True).wijs_wijk_aan(cmd)
    o.toon(
        u,
        lambda u: (
            f"Wijk {u['wijk']} ({u['naam']}) aangewezen voor {u['periode']}: budget {_nl(u['budget'])}, "
            f"uitvoeringskosten {_nl(u['uitvoeringskosten'])}, subsidieplafond {_nl(u['plafond'])}.\n"
            f"Vouchers verstrekken tot en met {_nl(u['verstrekken_tot'])}; uitgevoerd uiterlijk {_nl(u['uitvoeren_tot'])}."
        ),
    )


@wijk.command("plafond")
@click.argument("code")
@click.argument("bedrag", type=BEDRAG)
@click.option("--periode", type=AANTAL, required=True, metavar="JAAR")
@datum_optie
@pass_omgeving
def wijk_plafond(o: Omgeving, code: str, bedrag: Bedrag, periode: int, datum: date | None) -> None:
    """Stel het subsidieplafond van wijk CODE vast op BEDRAG (art. 2 lid 5, Awb 4:25).

    Een verlaging geldt niet voor aanvragen die vóór de datum ervan zijn ontvangen: die worden beoordeeld
    tegen het plafond zoals het was (Awb 4:27 lid 2).
    """
    cmd = _bouw(m.StelPlafondVast, code=code, periode=periode, plafond=bedrag, datum=datum)
    u = o.dienst(schrijven=True).stel_plafond_vast(cmd)
    o.toon(
        u,
        lambda u: (
            f"Subsidieplafond van wijk {u['wijk']} {u['periode']}: {_nl(u['plafond'])} (beschikbaar {_nl(u['beschikbaar'])})."
        ),
    )


@wijk.command("budget")
@click.argument("code")
@click.argument("bedrag", type=BEDRAG)
@click.option("--periode", type=AANTAL, required=True, metavar="JAAR")
@datum_optie
@pass_omgeving
def wijk_budget(o: Omgeving, code: str, bedrag: Bedrag, periode: int, datum: date | None) -> None:
    """Wijzig het budget van wijk CODE voor een budgetjaar (alleen het college; art. 2 lid 2, 3 en 5)."""
    from commands import tijd

    cmd = _bouw(tijd.WijzigBudget, code=code, periode=periode, budget=bedrag, datum=datum)
    u = tijd.wijzig_budget(o.dienst(schrijven=True), cmd)
    o.toon(
        u,
        lambda u: (
            f"Budget van wijk {u['wijk']} {u['periode']}: {_nl(u['budget'])} (was {_nl(u['vorig'])}); "
            f"subsidieplafond {_nl(u['plafond'])}, beschikbaar {_nl(u['beschikbaar'])}."
            + ("" if u["nieuw"] else " Er is niets veranderd.")
        ),
    )


@wijk.command("lijst")
@pass_omgeving
def wijk_lijst(o: Omgeving) -> None:
    """Toon de aangewezen wijken."""
    from commands.inrichting import wijk_uitkomst

    rijen = [wijk_uitkomst(w) for w in o.dienst().wijken()]
    kolommen = ["wijk", "naam", "periode", "budget", "uitvoeringskosten", "plafond", "toegekend", "beschikbaar"]
    o.toon({"wijken": rijen}, lambda _: _tabel(kolommen, [[_nl(r[k]) for k in kolommen] for r in rijen]))


# --- aanvraag ----------------------------------------------------------------------------
@voucher.group()
def aanvraag() -> None:
    """Aanvragen: indienen, aanvullen, beslissen (art. 4-8)."""


# The items of art. 4 lid 2, for `aanvraag indienen` and `aanvraag aanvullen`.
_aanvraagvelden = _met_opties(
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


def _aanvraag_tekst(u: dict[str, Any]) -> str:
    regels = [f"Aanvraag {u['aanvraag']} (wijk {u['wijk']}, {u['periode']}): {u['status']}"]
    if u["ontbreekt"]:
        regels.append(f"  ontbreekt: {', '.join(u['ontbreekt'])} (art. 4 lid 2)")
    regels.append(f"  ontvangen: {_nl(u['ontvangen'])}")
    if u["beslissen_voor"]:
        regels.append(f"  beslissen voor: {_nl(u['beslissen_voor'])} (art. 5 lid 1)")
    elif u["status"] == "onvolledig":
        regels.append("  beslistermijn loopt niet zolang de aanvraag onvolledig is (Awb 4:15)")
    return "\n".join(regels)


@aanvraag.command("indienen")
@click.option("--wijk", "wijkcode", required=True, metavar="CODE")
@click.option("--naam", required=True, help="Naam van de initiatiefnemer.")
@_aanvraagvelden
@click.option(
    "--ontvangen",
    type=DATUM,
    default=None,
    help="Datum van ontvangst (standaard --datum); zonder --datum wordt de aanvraag op deze datum geregistreerd.",
)
@click.option(
    "--periode",
    type=AANTAL,
    default=None,
    metavar="JAAR",
    help="Budgetjaar (standaard het jaar dat op de ontvangstdatum nog open is voor toekenningen, anders het volgende).",
)
@datum_optie
@pass_omgeving
def aanvraag_indienen(o: Omgeving, wijkcode: str, vouchers: int | None, **velden: Any) -> None:
    """Registreer een aanvraag zoals de initiatiefnemer die inleverde (art. 4)."""
    cmd = _bouw(m.DienAanvraagIn, wijk=wijkcode, vouchers=vouchers, **velden)
    o.toon(o.dienst(schrijven=True).dien_in(cmd), _aanvraag_tekst)


@aanvraag.command("aanvulling-vragen")
@click.argument("nr", type=NR)
@click.option("--wat", required=True, help="Welke informatie ontbreekt.")
@click.option("--termijn", type=DATUM, default=None, help="Aanvullen uiterlijk (standaard over twee weken).")
@datum_optie
@pass_omgeving
def aanvraag_aanvulling_vragen(o: Omgeving, nr: int, wat: str, termijn: date | None, datum: date | None) -> None:
    """Vraag de initiatiefnemer de aanvraag aan te vullen (art. 4 lid 3, Awb 4:5)."""
    cmd = _bouw(m.VraagAanvulling, nummer=nr, wat=wat, termijn=termijn, datum=datum)
    u = o.dienst(schrijven=True).vraag_aanvulling(cmd)
    o.toon(u, lambda u: _aanvraag_tekst(u) + f"\n  aanvullen uiterlijk: {_nl(u['termijn'])}")


@aanvraag.command("aanvullen")
@click.argument("nr", type=NR)
@click.option("--naam", default=None)
@_aanvraagvelden
@datum_optie
@pass_omgeving
def aanvraag_aanvullen(o: Omgeving, nr: int, vouchers: int | None, **velden: Any) -> None:
    """Leg de aanvulling van aanvraag NR vast (art. 4 lid 3)."""
    cmd = _bouw(m.VulAanvraagAan, nummer=nr, vouchers=vouchers, **velden)
    o.toon(o.dienst(schrijven=True).vul_aan(cmd), _aanvraag_tekst)


@aanvraag.command("toekennen", epilog=_GRONDEN)
@click.argument("nr", type=NR)
@click.option("--bedrag", type=BEDRAG, default=None, help="Toe te kennen bedrag (standaard de kostenraming).")
@click.option("--vouchers", type=AANTAL, default=None, help="Aantal vouchers (standaard zo veel als nodig).")
@click.option(
    "--start-voor", type=DATUM, default=None, help="Voorwaarde: start van de uitvoering voor deze datum (art. 5 lid 7)."
)
@click.option(
    "--grond",
    type=click.Choice([*"abcde", "geen-initiatief"]),
    default=None,
    help="Bij gedeeltelijke weigering: de grond a-e (art. 6) of geen-initiatief (art. 1 onder b en c), zie onder.",
)
@click.option("--motivering", default=None, help="Bij gedeeltelijke weigering: motivering.")
@click.option(
    "--buiten-volgorde", default=None, metavar="REDEN", help="Reden om af te wijken van de volgorde van binnenkomst."
)
@datum_optie
@pass_omgeving
def aanvraag_toekennen(o: Omgeving, nr: int, **opties: Any) -> None:
    """Ken vouchers toe voor aanvraag NR (art. 5)."""
    cmd = _bouw(m.KenToe, nummer=nr, **opties)
    u = o.dienst(schrijven=True).ken_toe(cmd)

    def tekst(u: dict[str, Any]) -> str:
        al = "was al toegekend" if u.get("niets_veranderd") else "toegekend"
        regels = [
            f"Aanvraag {u['aanvraag']} {al} op {_nl(u['datum'])}: {_nl(u['bedrag'])} in {len(u['vouchers'])} voucher(s)"
        ]
        regels += [f"  {v['code']}  {_nl(v['bedrag']):>14}" for v in u["vouchers"]]
        if u["start_voor"]:
            regels.append(f"  voorwaarde: start van de uitvoering voor {_nl(u['start_voor'])} (art. 5 lid 7)")
        if u.get("niets_veranderd"):
            regels.append("Er is niets veranderd.")
        return "\n".join(regels)

    o.toon(u, tekst)


@aanvraag.command("weigeren", epilog=_GRONDEN)
@click.argument("nr", type=NR)
@click.option(
    "--grond",
    type=click.Choice([*"abcde", "geen-initiatief"]),
    required=True,
    help="Weigeringsgrond a, b, c, d of e (art. 6), of geen-initiatief (art. 1 onder b en c), zie onder.",
)
@click.option("--motivering", required=True, help="Motivering van de weigering (Awb 3:46).")
@datum_optie
@pass_omgeving
def aanvraag_weigeren(o: Omgeving, nr: int, grond: str, motivering: str, datum: date | None) -> None:
    """Weiger aanvraag NR op een grond van art. 6."""
    from ledger.begrippen import GRONDEN, weigeringsartikel

    cmd = _bouw(m.Weiger, nummer=nr, grond=grond, motivering=motivering, datum=datum)
    u = o.dienst(schrijven=True).weiger(cmd)

    def tekst(u: dict[str, Any]) -> str:
        al, niets = ("was al geweigerd", " Er is niets veranderd.") if u.get("niets_veranderd") else ("geweigerd", "")
        return f"Aanvraag {u['aanvraag']} {al} op grond van {weigeringsartikel(grond)}: {GRONDEN[grond]}.{niets}"

    o.toon(u, tekst)


@aanvraag.command("intrekken")
@click.argument("nr", type=NR)
@click.option("--reden", required=True, help="Waarom de initiatiefnemer de aanvraag intrekt.")
@datum_optie
@pass_omgeving
def aanvraag_intrekken(o: Omgeving, nr: int, reden: str, datum: date | None) -> None:
    """Leg vast dat de initiatiefnemer aanvraag NR intrekt, vóór het besluit (art. 4).

    De aanvraag gaat uit de volgorde van binnenkomst (art. 4 lid 4); er wordt niet meer over beslist.
    """
    from commands.beeindigen import TrekAanvraagIn, melding, trek_in

    cmd = _bouw(TrekAanvraagIn, nummer=nr, reden=reden, datum=datum)
    o.toon(trek_in(o.dienst(schrijven=True), cmd), melding)


@aanvraag.command("buiten-behandeling")
@click.argument("nr", type=NR)
@click.option("--motivering", required=True, help="Motivering van het besluit (Awb 3:46).")
@datum_optie
@pass_omgeving
def aanvraag_buiten_behandeling(o: Omgeving, nr: int, motivering: str, datum: date | None) -> None:
    """Stel onvolledige aanvraag NR buiten behandeling: de aanvultermijn is ongebruikt verstreken (Awb 4:5).

    Dit is een besluit, met een brief en bezwaarclausule: voucher besluit NR.
    """
    from commands.beeindigen import StelBuitenBehandeling, melding, stel_buiten_behandeling

    cmd = _bouw(StelBuitenBehandeling, nummer=nr, motivering=motivering, datum=datum)
    o.toon(stel_buiten_behandeling(o.dienst(schrijven=True), cmd), melding)


@aanvraag.command("vaststellen")
@click.argument("nr", type=NR)
@click.option("--bedrag", type=BEDRAG, default=None, help="Lager vaststellen dan betaald (standaard: wat betaald is).")
@click.option("--grond", type=click.Choice(list("abcd")), default=None, help="Grond a-d van art. 4:46 lid 2 Awb.")
@click.option("--motivering", default=None, help="Motivering van een lagere vaststelling (Awb 3:46).")
@datum_optie
@pass_omgeving
def aanvraag_vaststellen(
    o: Omgeving, nr: int, bedrag: Bedrag | None, grond: str | None, motivering: str | None, datum: date | None
) -> None:
    """Stel de subsidie op aanvraag NR vast (Awb 4:42-4:47): standaard op wat betaald is.

    Kan als de vouchers besteed of ingetrokken zijn, of na de uitvoeringsdatum. Lager dan betaald alleen
    op een grond van art. 4:46 lid 2 Awb met motivering; het verschil wordt teruggevorderd (Awb 4:57).
    Het onbestede deel van de vouchers vervalt. Dit is een besluit, met brief en bezwaarclausule:
    voucher besluit NR.
    """
    from commands.vaststelling import StelVast, stel_vast, vaststelling_melding

    cmd = _bouw(StelVast, nummer=nr, bedrag=bedrag, grond=grond, motivering=motivering, datum=datum)
    o.toon(stel_vast(o.dienst(schrijven=True), cmd), vaststelling_melding)


@aanvraag.command("geschikt")
@click.argument("nr", type=NR)
@datum_optie
@pass_omgeving
def aanvraag_geschikt(o: Omgeving, nr: int, datum: date | None) -> None:
    """Verklaar aanvraag NR (boven de drempel) geschikt voor de wijkraadpleging (art. 5 lid 3-5)."""
    u = o.dienst(schrijven=True).verklaar_geschikt(_bouw(m.VerklaarGeschikt, nummer=nr, datum=datum))
    o.toon(
        u,
        lambda u: (
            f"Aanvraag {u['aanvraag']} voldoet aan de verordening en gaat naar de wijkraadpleging (art. 5 lid 3-5)."
        ),
    )


@aanvraag.command("wijziging")
@click.argument("nr", type=NR)
@click.option("--omschrijving", required=True, help="De veranderde omstandigheden.")
@datum_optie
@pass_omgeving
def aanvraag_wijziging(o: Omgeving, nr: int, omschrijving: str, datum: date | None) -> None:
    """Leg een melding van veranderde omstandigheden vast (art. 8 lid 2)."""
    u = o.dienst(schrijven=True).meld_wijziging(
        _bouw(m.MeldWijziging, nummer=nr, omschrijving=omschrijving, datum=datum)
    )
    o.toon(u, lambda u: f"Wijziging bij aanvraag {u['aanvraag']} vastgelegd.")


@aanvraag.command("bekendmaken")
@click.argument("nr", type=NR)
@datum_optie
@pass_omgeving
def aanvraag_bekendmaken(o: Omgeving, nr: int, datum: date | None) -> None:
    """Leg vast dat de toekenning van aanvraag NR algemeen bekend is gemaakt (art. 7 lid 2)."""
    u = o.dienst(schrijven=True).maak_bekend(_bouw(m.MaakBekend, nummer=nr, datum=datum))
    o.toon(u, lambda u: f"Aanvraag {u['aanvraag']} bekendgemaakt op {_nl(u['bekendgemaakt'])}.")


@aanvraag.command("toon")
@click.argument("nr", type=NR)
@pass_omgeving
def aanvraag_toon(o: Omgeving, nr: int) -> None:
    """Toon aanvraag NR met besluit en termijnen.

    Naam, adres en telefoon van de aanvrager ziet alleen het college en de regiegroep van de wijk;
    na 'voucher vergeet' staat er [verwijderd].
    """
    from commands.bezwaar import bezwaar_regels, bezwaren_van
    from ledger.begrippen import weigeringsartikel

    dienst = _kijkende_dienst(o)
    u = dienst.toon_aanvraag(nr)
    u["bezwaren"] = bezwaren_van(dienst, nr)

    def tekst(u: dict[str, Any]) -> str:
        regels = [_aanvraag_tekst(u), *bezwaar_regels(u, _nl)]
        persoon = ("naam", "adres", "telefoon") if u["persoonsgegevens"] != "afgeschermd" else ("naam",)
        for k in (*persoon, "omschrijving", "planning", "kosten", "vouchers_gewenst", "elders_subsidie"):
            regels.append(f"  {k.replace('_', ' ')}: {_nl(u[k])}")
        if u["persoonsgegevens_vernietigd"]:
            regels.append(f"  persoonsgegevens vernietigd op {_nl(u['persoonsgegevens_vernietigd'])} (AVG)")
        if u["aanvulling"]:
            a = u["aanvulling"]
            regels.append(
                f"  aanvulling gevraagd op {_nl(a['gevraagd_op'])}: {a['wat']} (uiterlijk {_nl(a['termijn'])})"
            )
        if u["raadpleging"]:
            r = u["raadpleging"]
            regels.append(f"  wijkraadpleging: {r.get('uitkomst') or 'nog niet gehouden'}")
        if u["intrekking"]:
            t = u["intrekking"]
            regels.append(f"  ingetrokken op {_nl(t['datum'])} (vastgelegd door {t['door']}): {t['reden']}")
        b = u["besluit"]
        if b:
            regels.append(f"  besluit: {b['uitkomst']} op {_nl(b['datum'])} door {b['door']}")
            if b.get("bedrag"):
                regels.append(f"  bedrag: {_nl(b['bedrag'])}; vouchers: {', '.join(v['code'] for v in b['vouchers'])}")
            if b.get("grond"):
                regels.append(f"  grond: {weigeringsartikel(b['grond'])}; motivering: {b['motivering']}")
            elif b.get("motivering"):
                regels.append(f"  motivering: {b['motivering']}")
        for t in u["toekenning_ingetrokken"]:
            regels.append(
                f"  toekenning ingetrokken op {_nl(t['datum'])} door {t['door']}: {_nl(t['bedrag'])} "
                f"(Awb 4:48 lid 1 onder {t['grond']}); motivering: {t['motivering']}"
            )
        if (v := u["vaststelling"]) is not None:
            lager = f" (Awb 4:46 lid 2 onder {v['grond']}: {v['motivering']})" if v["grond"] else ""
            regels.append(
                f"  vastgesteld op {_nl(v['datum'])} door {v['door']}: {_nl(v['bedrag'])}, betaald "
                f"{_nl(v['betaald'])}{lager}"
            )
        if u["teruggevorderd"].centen:
            regels.append(
                f"  teruggevorderd {_nl(u['teruggevorderd'])}, terugontvangen {_nl(u['terugontvangen'])}, "
                f"openstaand {_nl(u['openstaand'])} (Awb 4:57)"
            )
        regels.append("  handelingen (datum van de handeling; vastgelegd op, Nederlandse tijd):")
        for h in u["handelingen"]:
            vastgelegd = h["vastgelegd"].replace("T", " ")[:19] if h["vastgelegd"] else "onbekend"
            regels.append(f"    {_nl(h['datum'])}  {h['handeling']} door {h['door']}; vastgelegd {vastgelegd}")
        return "\n".join(regels)

    o.toon(u, tekst)


@aanvraag.command("lijst")
@click.option("--wijk", "wijkcode", default=None, metavar="CODE")
@click.option(
    "--status",
    type=click.Choice([s.value for s in Status]),
    default=None,
)
@click.option("--periode", type=AANTAL, default=None, metavar="JAAR", help="Alleen aanvragen voor dit budgetjaar.")
@click.option(
    "--zoek",
    default=None,
    metavar="TEKST",
    help="Alleen aanvragen met deze tekst in de omschrijving (of in de naam, voor wie die mag zien).",
)
@pass_omgeving
def aanvraag_lijst(
    o: Omgeving, wijkcode: str | None, status: str | None, periode: int | None, zoek: str | None
) -> None:
    """Toon de aanvragen, in volgorde van nummer; zoeken negeert hoofdletters."""
    code = m.normaliseer_wijkcode(wijkcode) if wijkcode else None
    rijen = (_kijkende_dienst(o) if zoek else o.dienst()).aanvragen(code, status, periode=periode, zoek=zoek)
    kolommen = ["aanvraag", "wijk", "status", "ontvangen", "beslissen_voor", "kosten", "vastgesteld", "omschrijving"]
    tabel = [[_nl(r[k])[:40] for k in kolommen] for r in rijen]
    o.toon({"aanvragen": rijen}, lambda _: _tabel(kolommen, tabel))


# --- raadpleging -------------------------------------------------------------------------
@voucher.group()
def raadpleging() -> None:
    """De wijkraadpleging voor initiatieven boven de drempel (art. 5 lid 5-6)."""


@raadpleging.command("besluit")
@click.argument("nr", type=NR)
@click.option("--uitkomst", type=click.Choice(["voor", "tegen"]), required=True)
@click.option("--stemmen-voor", type=AANTAL, default=None)
@click.option("--stemmen-tegen", type=AANTAL, default=None)
@datum_optie
@pass_omgeving
def raadpleging_besluit(o: Omgeving, nr: int, **opties: Any) -> None:
    """Leg de uitkomst van de wijkraadpleging over aanvraag NR vast (art. 5 lid 6)."""
    u = o.dienst(schrijven=True).besluit_raadpleging(_bouw(m.BesluitRaadpleging, nummer=nr, **opties))
    o.toon(u, lambda u: f"Wijkraadpleging over aanvraag {u['aanvraag']}: {u['uitkomst']} (status {u['status']}).")


# --- kasbeheer ---------------------------------------------------------------------------
def _betaling_tekst(soort: str, wat: str) -> Callable[[dict[str, Any]], str]:
    """`wat` names the document of a repeat: the same invoice (or receipt) is paid once (art. 9)."""

    def tekst(u: dict[str, Any]) -> str:
        if u.get("niets_veranderd"):
            return (
                f"{wat} was al geboekt: {_nl(u['bedrag'])} uit voucher {u['voucher']}; er is niets veranderd "
                f"(restant {_nl(u['restant'])})."
            )
        return f"{soort} {_nl(u['bedrag'])} van voucher {u['voucher']}; restant {_nl(u['restant'])}."

    return tekst


@voucher.command()
@click.argument("code", type=CODE)
@click.option("--bedrag", type=BEDRAG, required=True)
@click.option("--leverancier", required=True, metavar="NAAM")
@click.option("--factuur", required=True, metavar="NR")
@click.option(
    "--factuurdatum",
    type=DATUM,
    default=None,
    help="Datum van de factuur: op of voor de uitvoeringsdatum; dan wordt zij binnen de betaaltermijn nog betaald.",
)
@datum_optie
@pass_omgeving
def verzilver(o: Omgeving, code: str, bedrag: Bedrag, leverancier: str, factuur: str, **datums: date | None) -> None:
    """Betaal een factuur van een leverancier uit voucher CODE (art. 9 lid 3 onder a)."""
    cmd = _bouw(m.Verzilver, code=code, bedrag=bedrag, leverancier=leverancier, factuur=factuur, **datums)
    o.toon(
        o.dienst(schrijven=True).verzilver(cmd), _betaling_tekst("Verzilverd:", f"Factuur {factuur} van {leverancier}")
    )


@voucher.command()
@click.argument("code", type=CODE)
@click.option("--bedrag", type=BEDRAG, required=True)
@click.option(
    "--kwitantie", default=None, metavar="NR", help="Kwitantienummer: dezelfde kwitantie wordt één keer betaald."
)
@datum_optie
@pass_omgeving
def contant(o: Omgeving, code: str, bedrag: Bedrag, kwitantie: str | None, datum: date | None) -> None:
    """Zet voucher CODE om in contant geld, ten hoogste het maximum per keer (art. 9 lid 3 onder b)."""
    cmd = _bouw(m.NeemContantOp, code=code, bedrag=bedrag, kwitantie=kwitantie, datum=datum)
    o.toon(
        o.dienst(schrijven=True).neem_contant_op(cmd), _betaling_tekst("Contant opgenomen:", f"Kwitantie {kwitantie}")
    )


# --- import betalingen ---
@voucher.group("import")
def importeer() -> None:
    """Betalingen in één keer inlezen (kasbeheerder)."""


@importeer.command("betalingen")
@click.argument("bestand", type=click.Path(dir_okay=False, path_type=Path))
@pass_omgeving
def importeer_betalingen(o: Omgeving, bestand: Path) -> None:
    """Boek een bestand met betalingen (CSV of xlsx): alles of niets (art. 9).

    \b
    Kopregel: voucher,soort,bedrag,leverancier,factuur,datum
    CSV met ';' of ',' tussen de velden (de kopregel bepaalt welk), UTF-8; of een spreadsheet
    (.xlsx, het eerste werkblad), waarin bedragen en datums ook getallen en datums mogen zijn.
    soort: verzilver (factuur van een leverancier) of contant (factuur = kwitantienummer).
    Eerst wordt elke regel gecontroleerd; bij één foute regel wordt niets geboekt en staan alle
    foute regels in de melding. Een factuur die al precies zo geboekt is, wordt overgeslagen.
    """
    from commands.importeren import boek, lees

    betalingen = lees(bestand)
    dienst = o.dienst(schrijven=True)
    toon_voortgang = not o.als_json and sys.stderr.isatty() and len(betalingen) >= 1000

    def voortgang(regels: Any) -> Any:
        if not toon_voortgang:
            return regels
        return click.progressbar(regels, label="Controleren", file=sys.stderr)

    if toon_voortgang:
        with voortgang(betalingen) as balk:
            u = boek(dienst, betalingen, voortgang=lambda _: balk)
    else:
        u = boek(dienst, betalingen)
    o.toon(
        u,
        lambda u: (
            f"{u['geboekt']} betaling(en) geboekt voor {_nl(u['bedrag'])} uit {u['vouchers']} voucher(s); "
            f"{u['herhaald']} al eerder geboekt en overgeslagen."
        ),
    )


@voucher.group()
def betaling() -> None:
    """Betalingen weigeren (art. 9 lid 2) of een geboekte betaling corrigeren (storno)."""


@betaling.command("weigeren")
@click.argument("code", type=CODE)
@click.option("--bedrag", type=BEDRAG, required=True)
@click.option("--reden", required=True)
@click.option("--leverancier", default=None, metavar="NAAM")
@click.option("--factuur", default=None, metavar="NR")
@datum_optie
@pass_omgeving
def betaling_weigeren(o: Omgeving, code: str, **opties: Any) -> None:
    """Weiger een betaling uit voucher CODE die niet voor het initiatief is (art. 9 lid 2)."""
    u = o.dienst(schrijven=True).weiger_betaling(_bouw(m.WeigerBetaling, code=code, **opties))
    o.toon(u, lambda u: f"Betaling van {_nl(u['bedrag'])} uit voucher {u['voucher']} geweigerd: {u['reden']}.")


@betaling.command("corrigeren")
@click.argument("code", type=CODE)
@click.option(
    "--gebeurtenis", type=GEBEURTENIS, required=True, help="Nummer (#nr in het kasboek) van de betaling die fout is."
)
@click.option("--reden", required=True, help="Waarom de boeking wordt gecorrigeerd.")
@datum_optie
@pass_omgeving
def betaling_corrigeren(o: Omgeving, code: str, gebeurtenis: int, reden: str, datum: date | None) -> None:
    """Corrigeer (storno) een geboekte betaling of contante opname van voucher CODE (art. 9 lid 1).

    De betaling wordt niet gewijzigd of verwijderd: een nieuwe gebeurtenis wijst haar aan en geeft het
    bedrag terug aan het restant. Daarna kan de factuur opnieuw worden geboekt, op de juiste voucher.
    """
    from commands.nazorg import CorrigeerBetaling, corrigeer_betaling, melding

    cmd = _bouw(CorrigeerBetaling, code=code, gebeurtenis=gebeurtenis, reden=reden, datum=datum)
    o.toon(corrigeer_betaling(o.dienst(schrijven=True), cmd), melding)


@voucher.group()
def toekenning() -> None:
    """Een toekenning intrekken of verlagen zolang zij niet is vastgesteld (Awb 4:48)."""


@toekenning.command("intrekken")
@click.argument("nr", type=NR)
@click.option("--grond", type=click.Choice(list("abcd")), required=True, help="Grond a-d van art. 4:48 lid 1 Awb.")
@click.option("--motivering", required=True, help="Motivering van het besluit (Awb 3:46).")
@click.option("--bedrag", type=BEDRAG, default=None, help="Alleen dit bedrag vrijgeven (standaard al het onbestede).")
@datum_optie
@pass_omgeving
def toekenning_intrekken(
    o: Omgeving, nr: int, grond: str, motivering: str, bedrag: Bedrag | None, datum: date | None
) -> None:
    """Trek de toekenning op aanvraag NR in, of verlaag haar met --bedrag (Awb 4:48).

    Alleen het onbestede deel: wat al betaald is, wordt teruggevorderd (Awb 4:57). De waarde gaat van de
    vouchers af, de voucher met het hoogste volgnummer eerst; de wijk telt haar als vervallen, zodat
    beschikbaar stijgt. Dit is een besluit, met brief en bezwaarclausule: voucher besluit NR.
    """
    from commands.nazorg import TrekToekenningIn, intrekking_melding, trek_toekenning_in

    cmd = _bouw(TrekToekenningIn, nummer=nr, grond=grond, motivering=motivering, bedrag=bedrag, datum=datum)
    o.toon(trek_toekenning_in(o.dienst(schrijven=True), cmd), intrekking_melding)


@voucher.group()
def terugvordering() -> None:
    """Terugvorderen wat betaald is en niet verschuldigd was (Awb 4:57), en de terugbetaling boeken."""


@terugvordering.command("instellen")
@click.argument("nr", type=NR)
@click.option("--bedrag", type=BEDRAG, required=True, help="Het terug te vorderen bedrag.")
@click.option("--motivering", required=True, help="Motivering van de terugvordering (Awb 3:46).")
@datum_optie
@pass_omgeving
def terugvordering_instellen(o: Omgeving, nr: int, bedrag: Bedrag, motivering: str, datum: date | None) -> None:
    """Vorder van aanvraag NR --bedrag terug (Awb 4:57; het college).

    Ten hoogste wat betaald is, min wat is vastgesteld, min wat al is teruggevorderd.
    """
    from commands.vaststelling import VorderTerug, vorder_terug, vordering_melding

    cmd = _bouw(VorderTerug, nummer=nr, bedrag=bedrag, motivering=motivering, datum=datum)
    o.toon(vorder_terug(o.dienst(schrijven=True), cmd), vordering_melding)


@terugvordering.command("ontvangen")
@click.argument("nr", type=NR)
@click.option("--bedrag", type=BEDRAG, required=True, help="Het terugbetaalde bedrag.")
@datum_optie
@pass_omgeving
def terugvordering_ontvangen(o: Omgeving, nr: int, bedrag: Bedrag, datum: date | None) -> None:
    """Boek dat op de terugvordering van aanvraag NR --bedrag is terugbetaald (de kasbeheerder).

    Nooit meer dan openstaat; het bedrag is weer beschikbaar onder het plafond van de wijk.
    """
    from commands.vaststelling import OntvangTerug, ontvang_terug, ontvangst_melding

    cmd = _bouw(OntvangTerug, nummer=nr, bedrag=bedrag, datum=datum)
    o.toon(ontvang_terug(o.dienst(schrijven=True), cmd), ontvangst_melding)


@voucher.command("toon")
@click.argument("code", type=CODE)
@pass_omgeving
def toon_voucher(o: Omgeving, code: str) -> None:
    """Toon voucher CODE: waarde, betalingen en restant."""
    u = o.dienst().toon_voucher(code)
    velden = [
        "wijk",
        "periode",
        "aanvraag",
        "waarde",
        "verzilverd",
        "contant",
        "vervallen",
        "ingetrokken",
        "restant",
        "status",
        "verstrekt",
        "uitvoeren_tot",
    ]
    u["betalingen"] = _leesdienst(o).betalingen(u["voucher"])

    def tekst(u: dict[str, Any]) -> str:
        regels = [f"Voucher {u['voucher']}", *(f"  {k.replace('_', ' '):<14} {_nl(u[k])}" for k in velden)]
        rijen = [
            [f"#{b['positie']}", b["datum"].strftime("%d-%m-%Y"), b["soort"], _nl(b["bedrag"]), _waar(b)]
            for b in u["betalingen"]
        ]
        kop = ["gebeurtenis", "datum", "soort", "bedrag", "leverancier / factuur"]
        return "\n".join([*regels, "", "Betalingen:", tabel(kop, rijen, (0, 3), inspringen=2)])

    o.toon(u, tekst)


def _waar(b: dict[str, Any]) -> str:
    """Where a kasboek line's money went: the supplier and invoice, cash (with its receipt), or the reason."""
    if b["soort"] == "contant":
        return "contant" + (f", kwitantie {b['factuur']}" if b["factuur"] else "")
    return " / ".join(x for x in (b["leverancier"], b["factuur"]) if x) or (b["reden"] or "")[:60]


@voucher.command("vouchers")
@click.option("--wijk", "wijkcode", default=None, metavar="CODE", help="Alleen de vouchers van deze wijk.")
@click.option("--periode", type=AANTAL, default=None, metavar="JAAR", help="Alleen dit budgetjaar.")
@click.option("--met-restant", is_flag=True, help="Alleen vouchers waaruit nog betaald kan worden.")
@pass_omgeving
def vouchers(o: Omgeving, wijkcode: str | None, periode: int | None, met_restant: bool) -> None:
    """Toon de vouchers: code, aanvraag, wijk, waarde, restant en status, in volgorde van code."""
    from projections.snel import kies_vouchers, lees_als_bij

    code = m.normaliseer_wijkcode(wijkcode) if wijkcode else None
    pad = o.sqlite_pad()
    gelezen = lees_als_bij(pad, lambda lm: (lm.voucher_rijen(), lm.saldo_rijen())) if pad else None  # no store to load
    if gelezen is not None:
        rijen = kies_vouchers(*gelezen, code, periode, met_restant)
    else:
        rijen = _leesdienst(o).vouchers(code, periode, met_restant)
    kolommen = ["code", "aanvraag", "wijk", "periode", "waarde", "restant", "status"]
    tekst = tabel(kolommen, [[_nl(r[k]) for k in kolommen] for r in rijen], (1, 4, 5))
    o.toon({"vouchers": rijen}, tekst)


# --- saldo, demo -----------------------------------------------------------------------------
@voucher.command()
@click.option("--wijk", "wijkcode", default=None, metavar="CODE")
@click.option("--periode", type=AANTAL, default=None, metavar="JAAR")
@click.option("--per", type=DATUM, default=None, help="De stand aan het eind van deze datum.")
@_BEKEND_OP
@_met_opties(_bestandsopties(_LIJSTFORMATEN))
@_csv_optie
@pass_omgeving
def saldo(
    o: Omgeving,
    wijkcode: str | None,
    periode: int | None,
    per: date | None,
    bekend_op: date | None = None,
    formaat: str | None = None,
    uitvoer: Path | None = None,
    landinstelling: str | None = None,
) -> None:
    """Toon per wijk en budgetjaar: plafond, toegekend, verzilverd, contant, vervallen, uitstaand, beschikbaar."""
    from projections.saldo import BEDRAGVELDEN, totaal
    from projections.snel import kies_saldi, lees_als_bij

    code = m.normaliseer_wijkcode(wijkcode) if wijkcode else None
    gelezen = None
    if bekend_op is not None:
        o.dienst().datum(bekend_op)  # a day that has not ended yet: bad input
    if per is None and bekend_op is None and (pad := o.sqlite_pad()) is not None:
        # current views: no event store to load
        gelezen = lees_als_bij(pad, lambda model: (model.saldo_rijen(), model.ketenkop()))
    if gelezen is not None:
        saldi, (positie, kop) = kies_saldi(gelezen[0], code, periode), gelezen[1]
    else:  # projections: the saldo view, caught up first; --per replays the log
        saldi, (positie, kop) = _leesdienst(o).saldi_met_kop(code, periode, per, bekend_op)
    som = totaal(saldi)
    uitkomst = {
        "per": per,
        "bekend_op": bekend_op,
        "wijken": [s.als_dict() for s in saldi],
        "totaal": som,
        "ketenkop": {"positie": positie, "hash": kop},
    }
    kolommen = ["wijk", "periode", *BEDRAGVELDEN]

    def tekst(_: dict[str, Any]) -> str:
        rijen = [[s.wijk, str(s.periode), *(getattr(s, k).nl() for k in BEDRAGVELDEN)] for s in saldi]
        rijen.append(["totaal", "", *(som[k].nl() for k in BEDRAGVELDEN)])
        titel = f"Saldo per {formatteer_datum(per)}" if per else "Saldo"
        if bekend_op:
            titel += f", bekend op {formatteer_datum(bekend_op)}"
        return (
            f"{titel}\n{_tabel(kolommen, rijen, rechts=set(range(2, len(kolommen))))}\n"
            f"Ketenkop na gebeurtenis nr. {positie}: {kop}"
        )

    stijl = _csv_stijl(formaat, landinstelling)
    if formaat is None and uitvoer is None:
        o.toon(uitkomst, tekst)
        return
    from projections.rapporten import bestanden

    _lever_uitkomst(
        o, uitkomst, tekst, formaat, uitvoer, lambda f: bestanden.saldo(f, uitkomst, stijl), bestanden.SALDO
    )


# --- integriteit: de hashketen ----------------------------------------------------------------
@voucher.command()
@click.option(
    "--kop",
    "koppen",
    multiple=True,
    metavar="HASH|PAD",
    help="Een ketenkop (64 hexadecimale tekens) uit een eerder rapport of een eerdere 'verifieer', of een bestand "
    "(een bewaard rapport, een lijst): elke kop erin moet nog in de geschiedenis voorkomen. Mag vaker.",
)
@pass_omgeving
def verifieer(o: Omgeving, koppen: tuple[str, ...]) -> None:
    """Controleer de hashketen van elke stroom: is de geschiedenis nog precies zoals vastgelegd?

    Elke gebeurtenis draagt de SHA-256 van haar voorganger in dezelfde stroom. Deze controle rekent
    elke hash opnieuw uit, controleert de versies, de momentopnamen en het anker van de
    leesmodellen, en meldt de eerste breuk (exit 1). Met --kop: bewijst dat de opslag nog
    voortbouwt op wat een eerder afgedrukt rapport zag (een ingekorte of herschreven geschiedenis
    valt dan op). Intact: exit 0 met het aantal gebeurtenissen en de ketenkop.
    """
    from commands.verifieren import verifieer as controleer

    gevraagd: list[str] = []
    for waarde in koppen:
        gevraagd.extend(_koppen_uit(waarde.strip()))
    _leesdienst(o)  # not initialised: exit 5
    u = controleer(o.app(), list(dict.fromkeys(gevraagd)))

    def tekst(u: dict[str, Any]) -> str:
        regels = [
            f"Keten intact: {u['gebeurtenissen']} gebeurtenissen gecontroleerd in {u['stromen']} stromen, "
            f"{u['momentopnamen']} momentopname{'' if u['momentopnamen'] == 1 else 'n'}.",
            f"Ketenkop na gebeurtenis nr. {u['positie']}: {u['kop']}",
        ]
        for k in u["gevraagde_koppen"]:
            regels.append(f"  kop {k['hash']}: gevonden ({k['waar']})")
        regels.append("De kop van elke stroom: voucher --json verifieer (sleutel 'koppen').")
        return "\n".join(regels)

    details = {k: u[k] for k in ("gebeurtenissen", "positie", "kop", "breuk", "gevraagde_koppen")}
    if u["breuk"] is not None:
        b = u["breuk"]
        waar = f"gebeurtenis #{b['positie']}" if b["positie"] else "een momentopname"
        if b["stroom"]:
            waar += f" (stroom {b['stroom']}, versie {b['versie']}, {b['soort']})"
        raise KetenVerbroken(f"de hashketen is verbroken bij {waar}: {b['wat']}", details=details)
    niet = [k["hash"] for k in u["gevraagde_koppen"] if not k["gevonden"]]
    if niet:
        raise KetenVerbroken(
            f"de opslag bouwt niet voort op ketenkop {niet[0]}"
            + (f" (en {len(niet) - 1} andere)" if len(niet) > 1 else "")
            + ": de geschiedenis die dat rapport zag is ingekort of herschreven",
            details=details,
        )
    o.toon(u, tekst)


@voucher.command()
@click.argument("pad", type=click.Path(dir_okay=False, path_type=Path))
@pass_omgeving
def backup(o: Omgeving, pad: Path) -> None:
    """Maak een consistente, gecontroleerde kopie van de SQLite-opslag in PAD, ook terwijl anderen schrijven.

    De kopie is de opslag zoals die was op één moment; ze wordt geverifieerd (zoals 'verifieer') voordat
    ze PAD heet, en een bestaand bestand wordt nooit overschreven. De ketenkop van de kopie staat in het
    antwoord: bewaar hem, en controleer een teruggezette kopie met 'voucher --database PAD verifieer --kop
    HASH'. PostgreSQL: pg_dump (README, Back-ups).
    """
    from commands.adres import lees_url
    from commands.backup import maak_backup

    u = maak_backup(lees_url(o.database), pad)
    o.toon(
        u,
        lambda u: (
            f"Back-up in {u['pad']}: {u['gebeurtenissen']} gebeurtenissen, keten intact.\n"
            f"Ketenkop na gebeurtenis nr. {u['ketenkop']['positie']}: {u['ketenkop']['hash']}"
        ),
    )


def _koppen_uit(waarde: str) -> list[str]:
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


# --- projections: herbouw --------------------------------------------------------------------
# The read models (projections/): `saldo` reads its view, `kasboek` its own, `herbouw` rebuilds
# them all; `init` creates them. Every read catches the views up with the log first.
def _leesdienst(o: Omgeving) -> Any:
    from commands.leesmodellen import Leesdienst

    lezer = Leesdienst(o.app())
    lezer.eis_ingericht()  # a store that was never initialised: exit 5 before any other check
    return lezer


@voucher.command()
@pass_omgeving
def herbouw(o: Omgeving) -> None:
    """Bouw alle leesmodellen (saldo, aanvragen, vouchers, kasboek) opnieuw op uit de gebeurtenissen."""
    u = _leesdienst(o).herbouw()
    if o._opslag is not None and o._opslag.soort == "postgresql":  # new tables: grant the group roles again
        from commands.rechten import herstel_leesmodelrechten

        herstel_leesmodelrechten(o.app())
    o.toon(
        u,
        lambda u: (
            f"Leesmodellen herbouwd uit {u['gebeurtenissen']} gebeurtenissen: {u['saldo']} saldo's, "
            f"{u['aanvragen']} aanvragen, {u['vouchers']} vouchers, {u['kasboek']} kasboekregels."
        ),
    )


@voucher.command()
@click.option("--wijk", "wijkcode", default=None, metavar="CODE", help="Alleen de regels van deze wijk.")
@click.option("--voucher", "code", type=CODE, default=None, help="Alleen de regels van deze voucher.")
@click.option("--periode", type=AANTAL, default=None, metavar="JAAR", help="Alleen dit budgetjaar.")
@click.option("--van", type=DATUM, default=None, help="Alleen regels op of na deze datum.")
@click.option("--tot", type=DATUM, default=None, help="Alleen regels op of voor deze datum.")
@click.option("--leverancier", default=None, metavar="TEKST", help="Alleen leveranciers met deze tekst in de naam.")
@click.option("--factuur", default=None, metavar="TEKST", help="Alleen factuur- of kwitantienummers met deze tekst.")
@_met_opties(_bestandsopties(_LIJSTFORMATEN))
@_csv_optie
@pass_omgeving
def kasboek(
    o: Omgeving,
    wijkcode: str | None,
    code: str | None,
    periode: int | None,
    formaat: str | None,
    uitvoer: Path | None,
    landinstelling: str | None,
    **zoek: Any,
) -> None:
    """Toon het kasboek: verstrekkingen, betalingen, contant, geweigerde betalingen en vervallen restanten (art. 9).

    Zoeken in de naam van de leverancier of het factuurnummer negeert hoofdletters.
    """
    from commands.leesmodellen import KASBOEK_KOLOMMEN
    from projections.rijen import Kasboekvraag

    stijl = _csv_stijl(formaat, landinstelling)
    lezer = _leesdienst(o)
    wijkcode = m.normaliseer_wijkcode(wijkcode) if wijkcode else None
    u = lezer.kasboek(wijkcode, code, periode, Kasboekvraag(**zoek))
    if code and not u["regels"] and not any(zoek.values()):
        raise NietGevonden(f"voucher {code} is nooit verstrekt" + (f" in wijk {wijkcode}" if wijkcode else ""))

    def tekst(u: dict[str, Any]) -> str:
        kop = ["nr", "datum", "wijk", "voucher", "soort", "bedrag", "leverancier / factuur", "restant voucher"]
        kop.append("saldo wijk")
        rijen = [
            [
                f"#{r['positie']}",
                r["datum"].strftime("%d-%m-%Y"),
                f"{r['wijk']} {r['periode']}",
                r["voucher"] or f"aanvraag {r['aanvraag']}",
                r["soort"],
                _nl(r["bedrag"]),
                _kasboekdetail(r),
                _nl(r["restant"]) if r["restant"] is not None else "",
                _nl(r["saldo_wijk"]),
            ]
            for r in u["regels"]
        ]
        som = "; ".join(f"{soort} {_nl(b)}" for soort, b in u["totaal"].items() if b.centen)
        gezocht = ", ".join(f"{'tot en met' if k == 'tot' else k} {_nl(v)}" for k, v in zoek.items() if v is not None)
        titel = f"Kasboek ({gezocht})" if gezocht else "Kasboek"
        return f"{titel}\n" + _tabel(kop, rijen, rechts={0, 5, 7, 8}) + (f"\nTotaal: {som}" if som else "")

    if formaat is None and uitvoer is None:
        o.toon(u, tekst)
        return
    from projections.rapporten import bestanden

    _lever_uitkomst(
        o, u, tekst, formaat, uitvoer, lambda f: bestanden.kasboek(f, u, KASBOEK_KOLOMMEN, stijl), bestanden.KASBOEK
    )


def _kasboekdetail(r: dict[str, Any]) -> str:
    """Supplier and invoice; for a correction the line it corrects; else the reason."""
    if r["corrigeert"] is not None:
        return f"corrigeert #{r['corrigeert']}: {r['reden'] or ''}"[:60]
    return " / ".join(x for x in (r["leverancier"], r["factuur"]) if x) or (r["reden"] or "")[:40]


# --- end of projections block ------------------------------------------------------------------


@voucher.command()
@click.option("--omvang", type=AANTAL, default=1, show_default=True, help="Schaal: aantal keer de wijken en aanvragen.")
@click.option(
    "--zaad", type=AANTAL, default=2025, show_default=True, help="Zaad van de simulatie (zelfde zaad, zelfde jaar)."
)
@click.option(
    "--jaren",
    type=click.IntRange(1, 2),
    default=1,
    show_default=True,
    help="2: ook het volgende budgetjaar van een wijk, onder een gewijzigde regeling.",
)
@click.pass_context
def demo(ctx: click.Context, omvang: int, zaad: int, jaren: int) -> None:
    """Vul een lege opslag met een gesimuleerd jaar van een gemeente en toon het saldo."""
    from commands.demo import vul

    o: Omgeving = ctx.obj
    if not 1 <= omvang <= 1000:
        raise OngeldigeInvoer("--omvang ligt tussen 1 en 1000")
    dienst = o.dienst(inrichten=True)
    verslag = vul(dienst.app, omvang=omvang, zaad=zaad, jaren=jaren)
    if not o.als_json:
        click.echo(verslag + "\n")
    ctx.invoke(saldo)


# --- rapporten, publicatie, termijnen, periode ----------------------------------------------
# Reports are pure folds of the numbered history (projections/rapporten): `--tot` replays the
# acts dated up to that day. `periode afsluiten` is the college's act after the execution date
# (commands/periode.py). Imports stay inside the commands, so that `voucher --help` stays fast.
_FORMATEN = ("tekst", "csv", "json", "html")


def _lever_uitkomst(
    o: Omgeving,
    uitkomst: dict[str, Any],
    tekst: Callable[[dict[str, Any]], str],
    formaat: str | None,
    uitvoer: Path | None,
    bestand: Callable[[str], str | bytes],
    titel: str,
) -> None:
    """A command's result on the screen as before, or in the format asked for, to the screen or a file."""
    formaat = _kies_formaat(o, formaat, uitvoer)
    if formaat == "tekst":
        inhoud: str | bytes = tekst(uitkomst) + "\n"
    elif formaat == "json":
        inhoud = json.dumps(uitkomst, default=json_waarde, ensure_ascii=False) + "\n"
    else:
        inhoud = bestand(formaat)
    _lever(o, inhoud, formaat, uitvoer, uitkomst | {"titel": titel})


def _rapportopties(formaten: tuple[str, ...], *, wijk: bool = True) -> Callable[[Callable[..., Any]], Any]:
    """--wijk, --periode, --tot and the file options, for every report."""
    opties = [
        click.option("--periode", type=AANTAL, default=None, metavar="JAAR", help="Alleen dit budgetjaar."),
        click.option(
            "--tot",
            type=DATUM,
            default=None,
            help="De stand aan het eind van deze datum: alleen handelingen met die datum of eerder tellen "
            "(standaard: alles).",
        ),
        _BEKEND_OP,
        *_bestandsopties(formaten),
    ]
    if wijk:
        opties.insert(0, click.option("--wijk", "wijkcode", default=None, metavar="CODE", help="Alleen deze wijk."))
    return _met_opties(opties)


def _geschiedenis(o: Omgeving, tot: date | None, bekend_op: date | None = None) -> Any:
    from commands.geschiedenis import lees_geschiedenis
    from projections.rapporten.geschiedenis import vouw

    dienst = o.dienst()
    if bekend_op is not None:
        dienst.datum(bekend_op)  # a day that has not ended yet is no day the books were known on: bad input
    return lees_geschiedenis(dienst, lambda genummerd: vouw(genummerd, tot, bekend_op))


def _met_ketenkop(o: Omgeving, model: dict[str, Any], h: Any) -> dict[str, Any]:
    """The log head the report rests on, by the one rule of every report and `saldo` (Geschiedenis.kop_positie):
    with --bekend-op the head of the log as it stood then, else at the last event that counts. What
    'voucher verifieer --kop' checks later."""
    from commands.opslag import lees_opslag

    positie, kop = lees_opslag(lambda: o.app().logkop(h.kop_positie))
    return model | {"ketenkop": {"positie": positie, "hash": kop}}


def _selectie(h: Any, wijkcode: str | None, periode: int | None) -> str | None:
    code = m.normaliseer_wijkcode(wijkcode) if wijkcode else None
    if (code or periode) and not h.wijk_lijst(code, periode):
        raise NietGevonden(
            (f"wijk {code} is niet aangewezen" if code else "er is geen wijk aangewezen")
            + (f" voor {periode}" if periode else "")
            + (f" (stand {_nl(h.stand)})" if h.stand else "")
        )
    return code


def _kies_formaat(o: Omgeving, formaat: str | None, uitvoer: Path | None) -> str:
    if formaat == "xlsx" and uitvoer is None:
        raise OngeldigeInvoer("--formaat xlsx schrijft een bestand: geef --uitvoer PAD (bijvoorbeeld rapport.xlsx)")
    if o.als_json and formaat not in (None, "json") and uitvoer is None:
        raise OngeldigeInvoer(
            "--json geeft één JSON-object op het scherm: kies --formaat json, of schrijf met --uitvoer naar een bestand"
        )
    return formaat or ("json" if o.als_json else "tekst")


def _lever(o: Omgeving, inhoud: str | bytes, formaat: str, uitvoer: Path | None, model: dict[str, Any]) -> None:
    """Print the report, or write it to `uitvoer` (atomically) and say what was written: with the stand and
    the ketenkop, which a CSV or spreadsheet row does not carry."""
    import hashlib
    import os

    if uitvoer is None:
        click.echo(inhoud, nl=False)
        return
    data = inhoud if isinstance(inhoud, bytes) else inhoud.encode("utf-8")
    tijdelijk = uitvoer.with_name(f".{uitvoer.name}.{os.getpid()}.tmp")
    try:
        tijdelijk.write_bytes(data)
        os.replace(tijdelijk, uitvoer)
    except OSError as e:
        tijdelijk.unlink(missing_ok=True)
        raise OngeldigeInvoer(f"kan {uitvoer} niet schrijven: {e.strerror or e}") from None
    samenvatting = {
        "uitvoer": str(uitvoer),
        "formaat": formaat,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "tot": model.get("tot") or model.get("per"),
        "bekend_op": model.get("bekend_op"),
        "laatste_gebeurtenis": model.get("laatste_gebeurtenis", (model.get("ketenkop") or {}).get("positie")),
        "ketenkop": model.get("ketenkop"),
    }

    def tekst(u: dict[str, Any]) -> str:
        regels = [
            f"{model.get('titel', 'Rapport')} ({formaat}) geschreven naar {u['uitvoer']}: "
            f"{u['bytes']} bytes, sha256 {u['sha256']}."
        ]
        if u["tot"]:
            regels.append(f"Stand: {_nl(u['tot'])}.")
        if u["bekend_op"]:
            regels.append(f"Bekend op: {_nl(u['bekend_op'])}.")
        if u["ketenkop"]:
            regels.append(f"Ketenkop na gebeurtenis nr. {u['ketenkop']['positie']}: {u['ketenkop']['hash']}")
        return "\n".join(regels)

    o.toon(samenvatting, tekst)


@voucher.group()
def rapport() -> None:
    """Rapporten uit de volledige geschiedenis: verantwoording (accountant) en raad (gemeenteraad)."""


@rapport.command("verantwoording")
@_rapportopties((*_FORMATEN, "xlsx"))
@_csv_optie
@pass_omgeving
def rapport_verantwoording(
    o: Omgeving,
    wijkcode: str | None,
    periode: int | None,
    tot: date | None,
    bekend_op: date | None,
    formaat: str | None,
    uitvoer: Path | None,
    landinstelling: str | None,
) -> None:
    """Verantwoording per wijk en initiatief: besluiten, vouchers, betalingen, uitzonderingen.

    Per wijk de cijfers van 'voucher saldo' (tot op de cent gelijk), de uitvoeringskosten tegen de
    grens van art. 2 lid 3, en per initiatief de aanvraag, elk besluit (datum, grond, motivering,
    wie, namens het college), de vouchers met elke betaling, contant, geweigerde betalingen,
    vervallen bedragen en het restant. Elk bedrag noemt zijn gebeurtenis (#nr). Dezelfde
    geschiedenis geeft byte voor byte hetzelfde rapport.
    """
    from projections.rapporten import verantwoording as v

    stijl = _csv_stijl(formaat, landinstelling)
    formaat = _kies_formaat(o, formaat, uitvoer)
    h = _geschiedenis(o, tot, bekend_op)
    # Names only for who may see them (college, regiegroep of the wijk): decrypted here, never stored.
    namen = _kijkende_dienst(o).aanvragers()
    model = _met_ketenkop(o, v.bouw(h, _selectie(h, wijkcode, periode), periode, aanvragers=namen), h)
    from projections.rapporten import handelingen

    schrijf = {
        "tekst": v.tekst,
        "csv": lambda m: handelingen.csv(m, stijl),
        "xlsx": handelingen.xlsx,
        "json": _rapport_json,
        "html": v.html,
    }
    _lever(o, schrijf[formaat](model), formaat, uitvoer, model)


def _rapport_json(model: dict[str, Any]) -> str:
    from projections.rapporten.opmaak import json_tekst

    return json_tekst(model)


@rapport.command("raad")
@_rapportopties(("tekst", "json", "html"), wijk=False)
@pass_omgeving
def rapport_raad(
    o: Omgeving,
    periode: int | None,
    tot: date | None,
    bekend_op: date | None,
    formaat: str | None,
    uitvoer: Path | None,
) -> None:
    """Besteding per wijk voor de gemeenteraad, met grafieken (HTML: één bestand, leesbaar op een telefoon).

    Per wijk: budget, subsidieplafond, toegekend, verzilverd, contant, vervallen, nog uit te geven,
    nog beschikbaar en het aantal aanvragen; per maand wat is uitbetaald.
    """
    from projections.rapporten import raad

    formaat = _kies_formaat(o, formaat, uitvoer)
    h = _geschiedenis(o, tot, bekend_op)
    _selectie(h, None, periode)
    model = _met_ketenkop(o, raad.bouw(h, periode), h)
    schrijf = {"tekst": raad.tekst, "json": _rapport_json, "html": raad.html}[formaat]
    _lever(o, schrijf(model), formaat, uitvoer, model)


@voucher.command()
@_rapportopties(_FORMATEN)
@pass_omgeving
def publicatie(
    o: Omgeving,
    wijkcode: str | None,
    periode: int | None,
    tot: date | None,
    bekend_op: date | None,
    formaat: str | None,
    uitvoer: Path | None,
) -> None:
    """Welke initiatieven vouchers kregen, om bekend te maken (art. 7 lid 2); zonder persoonsgegevens."""
    from projections.rapporten import publicatie as p

    formaat = _kies_formaat(o, formaat, uitvoer)
    h = _geschiedenis(o, tot, bekend_op)
    model = p.bouw(h, _selectie(h, wijkcode, periode), periode)
    schrijf = {"tekst": p.tekst, "csv": p.csv, "json": _rapport_json, "html": p.html}[formaat]
    _lever(o, schrijf(model), formaat, uitvoer, model)


@voucher.command()
@click.option("--per", type=DATUM, default=None, help="De stand aan het eind van deze datum (standaard vandaag).")
@pass_omgeving
def termijnen(o: Omgeving, per: date | None) -> None:
    """Termijnen die verstrijken: beslistermijn, aanvulling, start-voor, restant voor de uitvoeringsdatum."""
    from projections.rapporten import termijnen as t

    dag = per or o.dienst().vandaag
    model = t.bouw(_geschiedenis(o, dag), dag)
    o.toon(model, t.tekst)


@voucher.command("besluit")
@click.argument("nr", type=NR)
@click.option(
    "--formaat",
    type=click.Choice(["tekst", "html"]),
    default=None,
    help="Uitvoer: tekst of html (standaard tekst; html bij --uitvoer naar een .html-bestand). Met --json: "
    "de velden van de brief als één JSON-object.",
)
@click.option(
    "--uitvoer",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="PAD",
    help="Schrijf de brief naar dit bestand in plaats van naar het scherm.",
)
@click.option(
    "--gebeurtenis",
    type=GEBEURTENIS,
    default=None,
    metavar="NR",
    help="De brief van dit besluit (het gebeurtenisnummer onder de brief), bijvoorbeeld de toekenning na een "
    "terugvordering; standaard het laatste besluit.",
)
@click.option(
    "--verzonden",
    is_flag=True,
    help="Leg vast dat deze brief is verzonden op --datum (art. 3:41 Awb); de bezwaartermijn loopt vanaf de dag "
    "daarna (art. 6:8 Awb).",
)
@datum_optie
@pass_omgeving
def besluit_brief(
    o: Omgeving,
    nr: int,
    formaat: str | None,
    uitvoer: Path | None,
    gebeurtenis: int | None,
    verzonden: bool,
    datum: date | None,
) -> None:
    """De besluitbrief op een aanvraag: toekenning, weigering, intrekking, vaststelling of terugvordering,
    namens het college, met bezwaarclausule.

    Aan de initiatiefnemer (naam en adres uit de aanvraag), gedateerd op het besluit: het bedrag en
    elke voucher met de voorwaarden (art. 5 lid 7 en 8, art. 8 en 9), of de weigeringsgrond met het
    artikel en de motivering (art. 6); wie besliste en onder welk mandaat (art. 10:10 Awb); bezwaar
    binnen zes weken (art. 6:5 en 6:7 Awb). HTML: één bestand, klaar om op A4 af te drukken.
    Dezelfde geschiedenis geeft byte voor byte dezelfde brief.
    """
    from projections.rapporten import besluit as brief

    if verzonden:
        _verzend(o, nr, gebeurtenis, datum)
        return
    if datum is not None:
        raise click.UsageError("--datum hoort bij --verzonden: de brief zelf is gedateerd op het besluit")
    if formaat is None and uitvoer is not None and uitvoer.suffix.lower() in (".html", ".htm"):
        formaat = "html"
    formaat = _kies_formaat(o, formaat, uitvoer)
    # Name and address as the acting user may see them: the service unseals and guards them.
    model = brief.bouw(_geschiedenis(o, None), nr, lambda: o.dienst(schrijven=True).toon_aanvraag(nr), gebeurtenis)
    schrijf = {"tekst": brief.tekst, "json": _rapport_json, "html": brief.html}[formaat]
    _lever(o, schrijf(model), formaat, uitvoer, model)


def _verzend(o: Omgeving, nr: int, gebeurtenis: int | None, datum: date | None) -> None:
    """`besluit NR --verzonden`: record the sending, answer with the letter's keys plus `verzonden`."""
    from commands.bezwaar import VerzendBesluit, verzend_besluit, verzending_melding
    from projections.rapporten import besluit as brief

    cmd = _bouw(VerzendBesluit, nummer=nr, gebeurtenis=gebeurtenis, datum=datum)
    u = verzend_besluit(o.dienst(schrijven=True), cmd)
    if not o.als_json:
        o.toon(u, lambda u: verzending_melding(u, _nl))
        return
    model = brief.bouw(_geschiedenis(o, None), nr, lambda: o.dienst(schrijven=True).toon_aanvraag(nr), u["gebeurtenis"])
    o.toon(json.loads(_rapport_json(model)) | {"verzonden": u["verzonden"], "laatste_dag": u["laatste_dag"]}, "")


@voucher.group()
def bezwaar() -> None:
    """Bezwaar tegen een besluit: indienen, beslissen (het college), lijst (art. 6:4-6:11, 7:10-7:12 Awb)."""


@bezwaar.command("indienen")
@click.argument("nr", type=NR)
@click.option("--ontvangen", type=DATUM, required=True, help="De dag waarop het bezwaarschrift is ontvangen.")
@click.option("--omschrijving", required=True, help="Het bezwaar en zijn gronden (art. 6:5 Awb).")
@click.option(
    "--verschoonbaar",
    default=None,
    metavar="REDEN",
    help="Een te laat bezwaar: waarom de termijnoverschrijding verschoonbaar is (art. 6:11 Awb).",
)
@datum_optie
@pass_omgeving
def bezwaar_indienen(
    o: Omgeving, nr: int, ontvangen: date, omschrijving: str, verschoonbaar: str | None, datum: date | None
) -> None:
    """Registreer een bezwaarschrift tegen het laatste besluit op aanvraag NR (regiegroep of college).

    Tijdig als het uiterlijk op de laatste dag van de bezwaartermijn is ontvangen: zes weken vanaf de dag
    na verzending (art. 6:7-6:9 Awb), verlengd tot de eerstvolgende werkdag (Algemene termijnenwet). Is het
    besluit niet verzonden, dan loopt de termijn nog niet en is het bezwaar tijdig (art. 6:10 Awb).
    Beslissen binnen zes weken na afloop van de bezwaartermijn (art. 7:10 Awb).
    """
    from commands.bezwaar import DienBezwaarIn, dien_bezwaar_in, melding

    cmd = _bouw(
        DienBezwaarIn,
        nummer=nr,
        ontvangen=ontvangen,
        omschrijving=omschrijving,
        verschoonbaar=verschoonbaar,
        datum=datum,
    )
    o.toon(dien_bezwaar_in(o.dienst(schrijven=True), cmd), lambda u: melding(u, _nl))


@bezwaar.command("beslissen")
@click.argument("nr", type=NR, metavar="BEZWAAR")
@click.option(
    "--uitkomst", type=click.Choice(["gegrond", "ongegrond", "niet-ontvankelijk"]), required=True, help="De beslissing."
)
@click.option("--motivering", required=True, help="Motivering van de beslissing op bezwaar (art. 7:12 Awb).")
@datum_optie
@pass_omgeving
def bezwaar_beslissen(o: Omgeving, nr: int, uitkomst: str, motivering: str, datum: date | None) -> None:
    """Beslis op bezwaar BEZWAAR (alleen het college, art. 7:11 Awb), met brief en beroepsclausule.

    Gegrond herroept het besluit en heropent de aanvraag voor een nieuw besluit, ook na de laatste dag
    om vouchers te verstrekken (art. 5 lid 8) en buiten de volgorde van ontvangst (art. 4 lid 4).
    Een te laat bezwaar dat niet verschoonbaar is, kan alleen niet-ontvankelijk zijn (art. 6:9, 6:11 Awb).
    """
    from commands.bezwaar import BeslisBezwaar, beslis_bezwaar, melding

    cmd = _bouw(BeslisBezwaar, bezwaar=nr, uitkomst=uitkomst, motivering=motivering, datum=datum)
    o.toon(beslis_bezwaar(o.dienst(schrijven=True), cmd), lambda u: melding(u, _nl))


@bezwaar.command("lijst")
@pass_omgeving
def bezwaar_lijst(o: Omgeving) -> None:
    """Alle bezwaren met hun termijnen: bezwaartermijn, tijdig, beslissen voor (art. 6:7-6:11, 7:10 Awb)."""
    from commands.bezwaar import bezwaren

    lijst = bezwaren(o.dienst())

    def tekst(u: dict[str, Any]) -> str:
        if not u["bezwaren"]:
            return "Geen bezwaren."
        rijen = [
            [
                str(b["bezwaar"]),
                str(b["aanvraag"]),
                f"#{b['besluit']} {b['soort']}",
                _nl(b["ontvangen"]),
                "ja" if b["tijdig"] else ("verschoonbaar" if b["verschoonbaar"] else "nee"),
                _nl(b["beslissen_voor"]),
                b["uitkomst"] or "open",
            ]
            for b in u["bezwaren"]
        ]
        from projections.rapporten import opmaak

        kop = ["bezwaar", "aanvraag", "besluit", "ontvangen", "tijdig", "beslissen voor", "uitkomst"]
        return opmaak.tabel(kop, rijen)

    o.toon({"bezwaren": lijst}, tekst)


@voucher.group("periode")
def periode_groep() -> None:
    """Het budgetjaar afsluiten na de uitvoeringsdatum (art. 5 lid 8)."""


@periode_groep.command("afsluiten")
@click.option("--periode", "jaar", type=AANTAL, required=True, metavar="JAAR", help="Het budgetjaar.")
@click.option("--wijk", "wijkcode", default=None, metavar="CODE", help="Alleen deze wijk (standaard alle wijken).")
@datum_optie
@pass_omgeving
def periode_afsluiten(o: Omgeving, jaar: int, wijkcode: str | None, datum: date | None) -> None:
    """Sluit het budgetjaar af (alleen het college): het restant van elke voucher vervalt.

    Kan pas na de uitvoeringsdatum van de wijk (art. 5 lid 8). Daarna worden in die wijk en dat
    budgetjaar geen vouchers meer verstrekt en niets meer betaald. Alles in één keer, of niets.
    """
    from commands.periode import SluitPeriodeAf, melding, sluit_periode_af

    cmd = _bouw(SluitPeriodeAf, periode=jaar, wijk=wijkcode, datum=datum)
    o.toon(sluit_periode_af(o.dienst(schrijven=True), cmd), melding)


# --- end of rapporten block ------------------------------------------------------------------


# --- persoonsgegevens: vergeten na de bewaartermijn (AVG, Selectielijst gemeenten 2020) ----------
def _kijkende_dienst(o: Omgeving) -> Any:
    """A reading service that knows who is looking: personal data is shown by role
    (ledger/persoonsgegevens.py `mag_zien`). Nothing is written."""
    return o.dienst(schrijven=True)


@voucher.command()
@click.argument("nr", type=NR)
@datum_optie
@pass_omgeving
def vergeet(o: Omgeving, nr: int, datum: date | None) -> None:
    """Vernietig de persoonsgegevens van aanvraag NR na de bewaartermijn (alleen het college).

    Naam, adres, telefoon en handtekening zijn per aanvraag versleuteld; dit vernietigt de sleutel,
    zodat ze overal onleesbaar zijn en als [verwijderd] worden getoond. De financiële geschiedenis
    blijft heel. Kan pas als de bewaartermijn is verstreken (Selectielijst gemeenten 2020): 7 jaar na
    afloop van het budgetjaar bij een toekenning, 5 jaar na een weigering, 1 jaar na de laatste
    handeling bij een aanvraag die nooit is afgehandeld. Een herhaling schrijft niets.
    """
    u = o.dienst(schrijven=True).vergeet(_bouw(m.Vergeet, nummer=nr, datum=datum))

    def tekst(u: dict[str, Any]) -> str:
        wat = "vernietigd" if u["nieuw"] else "waren al vernietigd"
        regels = [
            f"Persoonsgegevens van aanvraag {u['aanvraag']} {wat} op {_nl(u['vernietigd'])} "
            f"(bewaartermijn tot {_nl(u['bewaren_tot'])}, {u['uitkomst']}).",
            f"  {u['toelichting']}",
        ]
        return "\n".join(regels)

    o.toon(u, tekst)


@voucher.command()
@click.option("--per", type=DATUM, default=None, help="De stand op deze datum (standaard vandaag).")
@pass_omgeving
def bewaartermijnen(o: Omgeving, per: date | None) -> None:
    """Dossiers waarvan de bewaartermijn is verstreken en die vergeten kunnen worden (Selectielijst gemeenten 2020)."""
    from commands.geschiedenis import lees_geschiedenis
    from projections.rapporten import bewaartermijnen as b

    dienst = o.dienst()
    dag = per or dienst.vandaag
    o.toon(lees_geschiedenis(dienst, lambda genummerd: b.bouw(genummerd, dag)), b.tekst)


@voucher.command("schema")
@click.argument("commando", nargs=-1, metavar="[COMMANDO]...")
@pass_omgeving
def toon_schema(o: Omgeving, commando: tuple[str, ...]) -> None:
    """De JSON Schema van het --json-antwoord van COMMANDO (bijvoorbeeld: voucher schema aanvraag toekennen).

    Zonder COMMANDO: de commando's met een --json-antwoord.
    """
    from commands.schema import commando_s, schema

    if not commando:
        namen = commando_s()
        o.toon(
            {"commandos": namen}, "\n".join(["Commando's met een --json-antwoord (voucher schema COMMANDO):", *namen])
        )
        return
    uit = schema(" ".join(commando))
    click.echo(json.dumps(uit, ensure_ascii=False, indent=None if o.als_json else 2))


# --- tables and the entry point ----------------------------------------------------------
def _tabel(kop: list[str], rijen: list[list[str]], rechts: set[int] | None = None) -> str:
    return tabel(kop, rijen, rechts or ())


def _fout(
    melding: str,
    soort: str,
    code: int,
    artikel: str | None,
    als_json: bool,
    regels: list[Any] | None = None,
    details: dict[str, Any] | None = None,
) -> NoReturn:
    """One `fout:` line (or one JSON object); an import adds the bad lines, one per line below it."""
    melding = " ".join(melding.split())
    if als_json:
        fout: dict[str, Any] = {"soort": soort, "melding": melding, "artikel": artikel}
        if regels:
            fout["regels"] = [{"regel": n, "melding": reden} for n, reden in regels]
        fout |= details or {}  # what a script needs beyond the sentence (verifieer: where the chain breaks)
        click.echo(json.dumps({"fout": fout}, ensure_ascii=False), err=True)
    else:
        click.echo(f"fout: {melding}" + (f" ({artikel})" if artikel and artikel not in melding else ""), err=True)
        if regels:
            from commands.importeren import foutregels

            click.echo("\n".join(foutregels(regels)), err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    als_json = "--json" in (argv if argv is not None else sys.argv[1:])
    try:
        voucher.main(args=argv, prog_name="voucher", standalone_mode=False)
    except VoucherFout as e:
        code = next(c for cls, c in FOUTCODES.items() if isinstance(e, cls))
        _fout(e.melding, e.soort, code, e.artikel, als_json, e.gegevens.get("regels"), e.gegevens.get("details"))
    except click.exceptions.NoArgsIsHelpError as e:
        if not als_json:
            click.echo(e.ctx.get_help())
        _fout(f"geef een commando (zie '{e.ctx.command_path} --help')", "invoer", 2, None, als_json)
    except click.UsageError as e:
        _fout(_usage_melding(e), "invoer", 2, None, als_json)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.Abort:
        _fout("afgebroken", "afgebroken", 1, None, als_json)
    except KeyboardInterrupt:
        _fout("afgebroken", "afgebroken", 130, None, als_json)
    except Exception as e:  # last resort: never a traceback for a user
        _fout(f"onverwachte fout ({type(e).__name__}: {str(e)[:200]})", "intern", 1, None, als_json)
    sys.exit(0)


def _usage_melding(e: click.UsageError) -> str:
    # click quotes the value typed in full: a 10^6-character value would make a 10^6-character line.
    melding = re.sub(r"(['\"])([^'\"]{40})[^'\"]+\1", r"\1\2…\1", e.format_message())
    melding = melding if len(melding) <= 500 else melding[:500] + "…"
    if e.ctx is not None:
        melding += f" (zie '{e.ctx.command_path} --help')"
    return melding


if __name__ == "__main__":
    main()
