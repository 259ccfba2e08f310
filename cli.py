"""`voucher`: the command line of the Vouchersysteem bewonersinitiatieven, as a table of contents.

Each command is a few lines: its options, the command model (commands.modellen or an area
module), the application service that decides (commands/), and the printing of the result as
Dutch text (opdrachtregel/weergave.py) or as one JSON object. What commands share lives in
opdrachtregel/: the parameter types and option sets (invoer), the environment, the command
classes and the one table of exit codes FOUTCODES (omgeving), and reports and files (levering).
No rule lives here. Imports of the ledger stay inside the commands, so `voucher --help` is fast.
"""

from __future__ import annotations

import functools
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag
from ledger.status import Status
from opdrachtregel import weergave
from opdrachtregel.invoer import (
    AANTAL,
    BEDRAG,
    BEKEND_OP,
    CODE,
    DATUM,
    FORMATEN,
    GEBEURTENIS,
    LIJSTFORMATEN,
    NR,
    ROL,
    aanvraagvelden,
    bestandsopties,
    bezwaaropties,
    briefopties,
    csv_optie,
    csv_stijl,
    datum_optie,
    kasboekopties,
    koppen_uit,
    mandaatopties,
    optieset,
    rapportopties,
    toekenningsopties,
    wijkopties,
)
from opdrachtregel.levering import (
    eis_keten_intact,
    geschiedenis,
    kies_formaat,
    lees_kasboek,
    lees_saldo,
    lever,
    lever_uitkomst,
    met_ketenkop,
    rapport_json,
    selectie,
)
from opdrachtregel.omgeving import (
    Groep,
    Omgeving,
    bouw,
    kijkende_dienst,
    leesdienst,
    m,
    mandaatdienst,
    met_voortgang,
    pass_omgeving,
    voer_uit,
)
from opdrachtregel.weergave import GRONDEN, INVOER, aanvraag_tekst, betaling_tekst, regeling_regels
from projections.tekst import nl, tabel

if TYPE_CHECKING:
    from ledger.regeling import Regeling


@click.group(
    cls=Groep, epilog=INVOER, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
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
    cmd = bouw(m.Inrichten, gemeente=gemeente, regeling=regeling, datum=datum)
    uitkomst = richt_in(lees_url(o.database), lambda: o.dienst(schrijven=True, inrichten=True), cmd, o.sluit)

    o.toon(uitkomst, lambda u: weergave.inrichting(u, o.gebruiker))


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
    click.echo("\n".join(regeling_regels(uitkomst, r)))


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

    cmd = bouw(tijd.WijzigRegeling, regeling=Regeling.uit_toml(regeling_pad), vanaf=vanaf, datum=datum)
    u = tijd.wijzig_regeling(o.dienst(schrijven=True), cmd)
    o.toon(u, weergave.regeling_gewijzigd)


# --- mandaat -----------------------------------------------------------------------------
@voucher.group()
def mandaat() -> None:
    """Mandaten van college, regiegroep, ambtenaar en kasbeheerder (art. 2 lid 4 en 6)."""


@mandaat.command("geven")
@click.argument("gebruiker")
@mandaatopties
@datum_optie
@pass_omgeving
def mandaat_geven(o: Omgeving, gebruiker: str, **opties: Any) -> None:
    """Geef GEBRUIKER een mandaat (alleen het college)."""
    cmd = bouw(m.GeefMandaat, aan=gebruiker, **opties)
    o.toon(mandaatdienst(o).geef_mandaat(cmd), weergave.mandaat_gegeven)


@mandaat.command("intrekken")
@click.argument("gebruiker")
@click.option("--rol", type=ROL, required=True)
@click.option("--wijk", metavar="CODE", default=None)
@datum_optie
@pass_omgeving
def mandaat_intrekken(o: Omgeving, gebruiker: str, rol: str, wijk: str | None, datum: date | None) -> None:
    """Trek een mandaat in (alleen het college)."""
    cmd = bouw(m.TrekMandaatIn, aan=gebruiker, rol=rol, wijk=wijk, datum=datum)
    o.toon(mandaatdienst(o).trek_mandaat_in(cmd), weergave.mandaat_ingetrokken)


@mandaat.command("lijst")
@pass_omgeving
def mandaat_lijst(o: Omgeving) -> None:
    """Toon alle mandaten, ook ingetrokken."""
    o.toon({"mandaten": o.dienst().mandaten()}, weergave.mandaten)


# --- wijk --------------------------------------------------------------------------------
@voucher.group()
def wijk() -> None:
    """Wijken, budget, uitvoeringskosten en subsidieplafond (art. 2)."""


@wijk.command("aanwijzen")
@click.argument("code")
@wijkopties
@datum_optie
@pass_omgeving
def wijk_aanwijzen(o: Omgeving, uitvoeringskosten: Bedrag | Decimal | None, **opties: Any) -> None:
    """Wijs wijk CODE aan voor een budgetjaar (alleen het college)."""
    bedrag, procent = (None, uitvoeringskosten) if isinstance(uitvoeringskosten, Decimal) else (uitvoeringskosten, None)
    cmd = bouw(m.WijsWijkAan, uitvoeringskosten=bedrag, uitvoeringskosten_procent=procent, **opties)
    o.toon(o.dienst(schrijven=True).wijs_wijk_aan(cmd), weergave.wijk_aangewezen)


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
    cmd = bouw(m.StelPlafondVast, code=code, periode=periode, plafond=bedrag, datum=datum)
    u = o.dienst(schrijven=True).stel_plafond_vast(cmd)
    o.toon(u, weergave.plafond_vastgesteld)


@wijk.command("budget")
@click.argument("code")
@click.argument("bedrag", type=BEDRAG)
@click.option("--periode", type=AANTAL, required=True, metavar="JAAR")
@datum_optie
@pass_omgeving
def wijk_budget(o: Omgeving, code: str, bedrag: Bedrag, periode: int, datum: date | None) -> None:
    """Wijzig het budget van wijk CODE voor een budgetjaar (alleen het college; art. 2 lid 2, 3 en 5)."""
    from commands import tijd

    cmd = bouw(tijd.WijzigBudget, code=code, periode=periode, budget=bedrag, datum=datum)
    u = tijd.wijzig_budget(o.dienst(schrijven=True), cmd)
    o.toon(u, weergave.budget_gewijzigd)


@wijk.command("lijst")
@pass_omgeving
def wijk_lijst(o: Omgeving) -> None:
    """Toon de aangewezen wijken."""
    from commands.inrichting import wijk_uitkomst

    rijen = [wijk_uitkomst(w) for w in o.dienst().wijken()]
    o.toon({"wijken": rijen}, weergave.wijken)


# --- aanvraag ----------------------------------------------------------------------------
@voucher.group()
def aanvraag() -> None:
    """Aanvragen: indienen, aanvullen, beslissen (art. 4-8)."""


# The items of art. 4 lid 2, for `aanvraag indienen` and `aanvraag aanvullen`.


@aanvraag.command("indienen")
@click.option("--wijk", "wijkcode", required=True, metavar="CODE")
@click.option("--naam", required=True, help="Naam van de initiatiefnemer.")
@aanvraagvelden
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
    cmd = bouw(m.DienAanvraagIn, wijk=wijkcode, vouchers=vouchers, **velden)
    o.toon(o.dienst(schrijven=True).dien_in(cmd), aanvraag_tekst)


@aanvraag.command("aanvulling-vragen")
@click.argument("nr", type=NR)
@click.option("--wat", required=True, help="Welke informatie ontbreekt.")
@click.option("--termijn", type=DATUM, default=None, help="Aanvullen uiterlijk (standaard over twee weken).")
@datum_optie
@pass_omgeving
def aanvraag_aanvulling_vragen(o: Omgeving, nr: int, wat: str, termijn: date | None, datum: date | None) -> None:
    """Vraag de initiatiefnemer de aanvraag aan te vullen (art. 4 lid 3, Awb 4:5)."""
    cmd = bouw(m.VraagAanvulling, nummer=nr, wat=wat, termijn=termijn, datum=datum)
    u = o.dienst(schrijven=True).vraag_aanvulling(cmd)
    o.toon(u, weergave.aanvulling_gevraagd)


@aanvraag.command("aanvullen")
@click.argument("nr", type=NR)
@click.option("--naam", default=None)
@aanvraagvelden
@datum_optie
@pass_omgeving
def aanvraag_aanvullen(o: Omgeving, nr: int, vouchers: int | None, **velden: Any) -> None:
    """Leg de aanvulling van aanvraag NR vast (art. 4 lid 3)."""
    cmd = bouw(m.VulAanvraagAan, nummer=nr, vouchers=vouchers, **velden)
    o.toon(o.dienst(schrijven=True).vul_aan(cmd), aanvraag_tekst)


@aanvraag.command("toekennen", epilog=GRONDEN)
@click.argument("nr", type=NR)
@toekenningsopties
@datum_optie
@pass_omgeving
def aanvraag_toekennen(o: Omgeving, nr: int, **opties: Any) -> None:
    """Ken vouchers toe voor aanvraag NR (art. 5)."""
    cmd = bouw(m.KenToe, nummer=nr, **opties)
    u = o.dienst(schrijven=True).ken_toe(cmd)

    o.toon(u, weergave.toekenning)


@aanvraag.command("weigeren", epilog=GRONDEN)
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
    cmd = bouw(m.Weiger, nummer=nr, grond=grond, motivering=motivering, datum=datum)
    o.toon(o.dienst(schrijven=True).weiger(cmd), weergave.weigering)


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

    cmd = bouw(TrekAanvraagIn, nummer=nr, reden=reden, datum=datum)
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

    cmd = bouw(StelBuitenBehandeling, nummer=nr, motivering=motivering, datum=datum)
    o.toon(stel_buiten_behandeling(o.dienst(schrijven=True), cmd), melding)


@aanvraag.command("vaststellen")
@click.argument("nr", type=NR)
@click.option("--bedrag", type=BEDRAG, default=None, help="Lager vaststellen dan betaald (standaard: wat betaald is).")
@click.option("--grond", type=click.Choice(list("abcd")), default=None, help="Grond a-d van art. 4:46 lid 2 Awb.")
@click.option("--motivering", default=None, help="Motivering van een lagere vaststelling (Awb 3:46).")
@datum_optie
@pass_omgeving
def aanvraag_vaststellen(o: Omgeving, nr: int, **opties: Any) -> None:
    """Stel de subsidie op aanvraag NR vast (Awb 4:42-4:47): standaard op wat betaald is.

    Kan als de vouchers besteed of ingetrokken zijn, of na de uitvoeringsdatum. Lager dan betaald alleen
    op een grond van art. 4:46 lid 2 Awb met motivering; het verschil wordt teruggevorderd (Awb 4:57).
    Het onbestede deel van de vouchers vervalt. Dit is een besluit, met brief en bezwaarclausule:
    voucher besluit NR.
    """
    from commands.vaststelling import StelVast, stel_vast, vaststelling_melding

    cmd = bouw(StelVast, nummer=nr, **opties)
    o.toon(stel_vast(o.dienst(schrijven=True), cmd), vaststelling_melding)


@aanvraag.command("geschikt")
@click.argument("nr", type=NR)
@datum_optie
@pass_omgeving
def aanvraag_geschikt(o: Omgeving, nr: int, datum: date | None) -> None:
    """Verklaar aanvraag NR (boven de drempel) geschikt voor de wijkraadpleging (art. 5 lid 3-5)."""
    u = o.dienst(schrijven=True).verklaar_geschikt(bouw(m.VerklaarGeschikt, nummer=nr, datum=datum))
    o.toon(u, weergave.geschikt)


@aanvraag.command("wijziging")
@click.argument("nr", type=NR)
@click.option("--omschrijving", required=True, help="De veranderde omstandigheden.")
@datum_optie
@pass_omgeving
def aanvraag_wijziging(o: Omgeving, nr: int, omschrijving: str, datum: date | None) -> None:
    """Leg een melding van veranderde omstandigheden vast (art. 8 lid 2)."""
    u = o.dienst(schrijven=True).meld_wijziging(
        bouw(m.MeldWijziging, nummer=nr, omschrijving=omschrijving, datum=datum)
    )
    o.toon(u, weergave.wijziging)


@aanvraag.command("bekendmaken")
@click.argument("nr", type=NR)
@datum_optie
@pass_omgeving
def aanvraag_bekendmaken(o: Omgeving, nr: int, datum: date | None) -> None:
    """Leg vast dat de toekenning van aanvraag NR algemeen bekend is gemaakt (art. 7 lid 2)."""
    u = o.dienst(schrijven=True).maak_bekend(bouw(m.MaakBekend, nummer=nr, datum=datum))
    o.toon(u, weergave.bekendmaking)


@aanvraag.command("toon")
@click.argument("nr", type=NR)
@pass_omgeving
def aanvraag_toon(o: Omgeving, nr: int) -> None:
    """Toon aanvraag NR met besluit en termijnen.

    Naam, adres en telefoon van de aanvrager ziet alleen het college en de regiegroep van de wijk;
    na 'voucher vergeet' staat er [verwijderd].
    """
    from commands.bezwaar import bezwaren_van

    dienst = kijkende_dienst(o)
    u = dienst.toon_aanvraag(nr).als_dict() | {"bezwaren": bezwaren_van(dienst, nr)}

    o.toon(u, weergave.aanvraagdetail)


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
    rijen = (kijkende_dienst(o) if zoek else o.dienst()).aanvragen(code, status, periode=periode, zoek=zoek)
    o.toon({"aanvragen": rijen}, weergave.aanvragen)


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
    u = o.dienst(schrijven=True).besluit_raadpleging(bouw(m.BesluitRaadpleging, nummer=nr, **opties))
    o.toon(u, weergave.raadpleging)


# --- kasbeheer ---------------------------------------------------------------------------


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
    from commands.betalingen import Betalingen
    from commands.kasopdrachten import Verzilver

    cmd = bouw(Verzilver, code=code, bedrag=bedrag, leverancier=leverancier, factuur=factuur, **datums)
    uitkomst = o.dienst(schrijven=True, klasse=Betalingen).verzilver(cmd)
    o.toon(uitkomst, betaling_tekst("Verzilverd:", f"Factuur {factuur} van {leverancier}"))


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
    from commands.betalingen import Betalingen
    from commands.kasopdrachten import NeemContantOp

    cmd = bouw(NeemContantOp, code=code, bedrag=bedrag, kwitantie=kwitantie, datum=datum)
    uitkomst = o.dienst(schrijven=True, klasse=Betalingen).neem_contant_op(cmd)
    o.toon(uitkomst, betaling_tekst("Contant opgenomen:", f"Kwitantie {kwitantie}"))


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
    u = met_voortgang(o, betalingen, lambda voortgang: boek(dienst, betalingen, voortgang=voortgang))
    o.toon(u, weergave.import_geboekt)


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
    u = o.dienst(schrijven=True).weiger_betaling(bouw(m.WeigerBetaling, code=code, **opties))
    o.toon(u, weergave.betaling_geweigerd)


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

    cmd = bouw(CorrigeerBetaling, code=code, gebeurtenis=gebeurtenis, reden=reden, datum=datum)
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
def toekenning_intrekken(o: Omgeving, nr: int, **opties: Any) -> None:
    """Trek de toekenning op aanvraag NR in, of verlaag haar met --bedrag (Awb 4:48).

    Alleen het onbestede deel: wat al betaald is, wordt teruggevorderd (Awb 4:57). De waarde gaat van de
    vouchers af, de voucher met het hoogste volgnummer eerst; de wijk telt haar als vervallen, zodat
    beschikbaar stijgt. Dit is een besluit, met brief en bezwaarclausule: voucher besluit NR.
    """
    from commands.nazorg import TrekToekenningIn, intrekking_melding, trek_toekenning_in

    cmd = bouw(TrekToekenningIn, nummer=nr, **opties)
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

    cmd = bouw(VorderTerug, nummer=nr, bedrag=bedrag, motivering=motivering, datum=datum)
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

    cmd = bouw(OntvangTerug, nummer=nr, bedrag=bedrag, datum=datum)
    o.toon(ontvang_terug(o.dienst(schrijven=True), cmd), ontvangst_melding)


@voucher.command("toon")
@click.argument("code", type=CODE)
@pass_omgeving
def toon_voucher(o: Omgeving, code: str) -> None:
    """Toon voucher CODE: waarde, betalingen en restant."""
    stand = o.dienst().toon_voucher(code)
    u = stand.als_dict() | {"betalingen": leesdienst(o).betalingen(stand.voucher)}

    o.toon(u, weergave.vouchertoon)


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
        rijen = leesdienst(o).vouchers(code, periode, met_restant)
    kolommen = ["code", "aanvraag", "wijk", "periode", "waarde", "restant", "status"]
    tekst = tabel(kolommen, [[nl(r[k]) for k in kolommen] for r in rijen], (1, 4, 5))
    o.toon({"vouchers": rijen}, tekst)


# --- saldo, demo -----------------------------------------------------------------------------
@voucher.command()
@click.option("--wijk", "wijkcode", default=None, metavar="CODE")
@click.option("--periode", type=AANTAL, default=None, metavar="JAAR")
@click.option("--per", type=DATUM, default=None, help="De stand aan het eind van deze datum.")
@BEKEND_OP
@optieset(bestandsopties(LIJSTFORMATEN))
@csv_optie
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
    code = m.normaliseer_wijkcode(wijkcode) if wijkcode else None
    saldi, uitkomst = lees_saldo(o, code, periode, per, bekend_op)
    tekst = functools.partial(weergave.saldo, saldi)
    stijl = csv_stijl(formaat, landinstelling)
    if formaat is None and uitvoer is None:
        o.toon(uitkomst, tekst)
        return
    from projections.rapporten import bestanden

    lever_uitkomst(o, uitkomst, tekst, formaat, uitvoer, lambda f: bestanden.saldo(f, uitkomst, stijl), bestanden.SALDO)


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
        gevraagd.extend(koppen_uit(waarde.strip()))
    leesdienst(o)  # not initialised: exit 5
    u = controleer(o.app(), list(dict.fromkeys(gevraagd)))

    eis_keten_intact(u)
    o.toon(u, weergave.verificatie)


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
    o.toon(u, weergave.backup)


# --- projections: herbouw --------------------------------------------------------------------
# The read models (projections/): `saldo` reads its view, `kasboek` its own, `herbouw` rebuilds
# them all; `init` creates them. Every read catches the views up with the log first.


@voucher.command()
@pass_omgeving
def herbouw(o: Omgeving) -> None:
    """Bouw alle leesmodellen (saldo, aanvragen, vouchers, kasboek) opnieuw op uit de gebeurtenissen."""
    u = leesdienst(o).herbouw()
    if o.op_postgresql:  # new tables: grant the group roles again
        from commands.rechten import herstel_leesmodelrechten

        herstel_leesmodelrechten(o.app())
    o.toon(u, weergave.herbouwd)


@voucher.command()
@kasboekopties
@optieset(bestandsopties(LIJSTFORMATEN))
@csv_optie
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

    stijl = csv_stijl(formaat, landinstelling)
    u = lees_kasboek(o, wijkcode, code, periode, zoek)
    tekst = functools.partial(weergave.kasboek, zoek=zoek)
    if formaat is None and uitvoer is None:
        o.toon(u, tekst)
        return
    from projections.rapporten import bestanden

    lever_uitkomst(
        o, u, tekst, formaat, uitvoer, lambda f: bestanden.kasboek(f, u, KASBOEK_KOLOMMEN, stijl), bestanden.KASBOEK
    )


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


@voucher.group()
def rapport() -> None:
    """Rapporten uit de volledige geschiedenis: verantwoording (accountant) en raad (gemeenteraad)."""


@rapport.command("verantwoording")
@rapportopties((*FORMATEN, "xlsx"))
@csv_optie
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
    from commands.geschiedenis import selectie_van
    from projections.rapporten import verantwoording as v

    stijl = csv_stijl(formaat, landinstelling)
    formaat = kies_formaat(o, formaat, uitvoer)
    h = geschiedenis(o, tot, bekend_op, wijkcode, periode)
    # Names only for who may see them (college, regiegroep of the wijk): decrypted here, never stored.
    keuze = selectie_van(wijkcode, periode)
    namen = kijkende_dienst(o).aanvragers((keuze.wijk, keuze.periode) if keuze else None)
    model = met_ketenkop(o, v.bouw(h, selectie(h, wijkcode, periode), periode, aanvragers=namen), h)
    from projections.rapporten import handelingen

    schrijf = {
        "tekst": v.tekst,
        "csv": lambda m: handelingen.csv(m, stijl),
        "xlsx": handelingen.xlsx,
        "json": rapport_json,
        "html": v.html,
    }
    lever(o, schrijf[formaat](model), formaat, uitvoer, model)


@rapport.command("raad")
@rapportopties(("tekst", "json", "html"), wijk=False)
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

    formaat = kies_formaat(o, formaat, uitvoer)
    h = geschiedenis(o, tot, bekend_op)
    selectie(h, None, periode)
    model = met_ketenkop(o, raad.bouw(h, periode), h)
    schrijf = {"tekst": raad.tekst, "json": rapport_json, "html": raad.html}[formaat]
    lever(o, schrijf(model), formaat, uitvoer, model)


@voucher.command()
@rapportopties(FORMATEN)
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

    formaat = kies_formaat(o, formaat, uitvoer)
    h = geschiedenis(o, tot, bekend_op)
    model = p.bouw(h, selectie(h, wijkcode, periode), periode)
    schrijf = {"tekst": p.tekst, "csv": p.csv, "json": rapport_json, "html": p.html}[formaat]
    lever(o, schrijf(model), formaat, uitvoer, model)


@voucher.command()
@click.option("--per", type=DATUM, default=None, help="De stand aan het eind van deze datum (standaard vandaag).")
@pass_omgeving
def termijnen(o: Omgeving, per: date | None) -> None:
    """Termijnen die verstrijken: beslistermijn, aanvulling, start-voor, restant voor de uitvoeringsdatum."""
    from projections.rapporten import termijnen as t

    dag = per or o.dienst().vandaag
    model = t.bouw(geschiedenis(o, dag), dag)
    o.toon(model, t.tekst)


@voucher.command("besluit")
@click.argument("nr", type=NR)
@briefopties
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
    formaat = kies_formaat(o, formaat, uitvoer)
    # Name and address as the acting user may see them: the service unseals and guards them.
    model = brief.bouw(geschiedenis(o, None), nr, lambda: o.dienst(schrijven=True).toon_aanvraag(nr), gebeurtenis)
    schrijf = {"tekst": brief.tekst, "json": rapport_json, "html": brief.html}[formaat]
    lever(o, schrijf(model), formaat, uitvoer, model)


def _verzend(o: Omgeving, nr: int, gebeurtenis: int | None, datum: date | None) -> None:
    """`besluit NR --verzonden`: record the sending, answer with the letter's keys plus `verzonden`."""
    from commands.bezwaar import VerzendBesluit, verzend_besluit, verzending_melding
    from projections.rapporten import besluit as brief

    cmd = bouw(VerzendBesluit, nummer=nr, gebeurtenis=gebeurtenis, datum=datum)
    u = verzend_besluit(o.dienst(schrijven=True), cmd)
    if not o.als_json:
        o.toon(u, lambda u: verzending_melding(u, nl))
        return
    model = brief.bouw(geschiedenis(o, None), nr, lambda: o.dienst(schrijven=True).toon_aanvraag(nr), u["gebeurtenis"])
    o.toon(json.loads(rapport_json(model)) | {"verzonden": u["verzonden"], "laatste_dag": u["laatste_dag"]}, "")


@voucher.group()
def bezwaar() -> None:
    """Bezwaar tegen een besluit: indienen, beslissen (het college), lijst (art. 6:4-6:11, 7:10-7:12 Awb)."""


@bezwaar.command("indienen")
@click.argument("nr", type=NR)
@bezwaaropties
@datum_optie
@pass_omgeving
def bezwaar_indienen(o: Omgeving, nr: int, **opties: Any) -> None:
    """Registreer een bezwaarschrift tegen het laatste besluit op aanvraag NR (regiegroep of college).

    Tijdig als het uiterlijk op de laatste dag van de bezwaartermijn is ontvangen: zes weken vanaf de dag
    na verzending (art. 6:7-6:9 Awb), verlengd tot de eerstvolgende werkdag (Algemene termijnenwet). Is het
    besluit niet verzonden, dan loopt de termijn nog niet en is het bezwaar tijdig (art. 6:10 Awb).
    Beslissen binnen zes weken na afloop van de bezwaartermijn (art. 7:10 Awb).
    """
    from commands.bezwaar import DienBezwaarIn, dien_bezwaar_in, melding

    cmd = bouw(DienBezwaarIn, nummer=nr, **opties)
    o.toon(dien_bezwaar_in(o.dienst(schrijven=True), cmd), lambda u: melding(u, nl))


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

    cmd = bouw(BeslisBezwaar, bezwaar=nr, uitkomst=uitkomst, motivering=motivering, datum=datum)
    o.toon(beslis_bezwaar(o.dienst(schrijven=True), cmd), lambda u: melding(u, nl))


@bezwaar.command("lijst")
@pass_omgeving
def bezwaar_lijst(o: Omgeving) -> None:
    """Alle bezwaren met hun termijnen: bezwaartermijn, tijdig, beslissen voor (art. 6:7-6:11, 7:10 Awb)."""
    from commands.bezwaar import bezwaren

    lijst = bezwaren(o.dienst())

    o.toon({"bezwaren": lijst}, weergave.bezwaren)


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

    cmd = bouw(SluitPeriodeAf, periode=jaar, wijk=wijkcode, datum=datum)
    o.toon(sluit_periode_af(o.dienst(schrijven=True), cmd), melding)


# --- end of rapporten block ------------------------------------------------------------------


# --- persoonsgegevens: vergeten na de bewaartermijn (AVG, Selectielijst gemeenten 2020) ----------


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
    u = o.dienst(schrijven=True).vergeet(bouw(m.Vergeet, nummer=nr, datum=datum))

    o.toon(u, weergave.vergeten)


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


def main(argv: list[str] | None = None) -> None:
    """The console script: run the command, and turn every error into its `fout:` line and exit code."""
    voer_uit(voucher, argv)


if __name__ == "__main__":
    main()
