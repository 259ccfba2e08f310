"""The environment of every command: the store and the acting user, opened lazily (`Omgeving`),
printing a result as JSON or as its Dutch text, the command classes (Dutch usage, `--json` after the
command, a mandate refusal that says who acts) and the one table from error to exit code (CLI.md).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from commands.uitvoer import json_waarde
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

if TYPE_CHECKING:
    from commands import modellen as m
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

    @property
    def gebruiker(self) -> str | None:
        """The acting user, once a writing service was made (CLI.md: who acts)."""
        return self._gebruiker

    @property
    def op_postgresql(self) -> bool:
        """Whether the store, once opened, is PostgreSQL (the database roles follow the mandates)."""
        return self._opslag is not None and self._opslag.soort == "postgresql"

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

    def dienst(self, *, schrijven: bool = False, inrichten: bool = False, klasse: type | None = None) -> Any:
        """The application service (commands/dienst.py `Dienst`), or only the part of it a command needs
        (`klasse`, e.g. commands/betalingen.py `Betalingen`): a payment then starts without every use case."""
        from commands.opslag import acterende_gebruiker

        if klasse is None:
            from commands.dienst import Dienst

            klasse = Dienst

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
        dienst = klasse(self._app, gebruiker, sleutel=self.sleutel if schrijven else None)
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


def bouw(model: type[m.M], **waarden: Any) -> m.M:
    """A command, its form checked (commands/modellen.py `maak`); a payment command checks its own, without
    pydantic (commands/vorm.py)."""
    from commands.vorm import Vormopdracht

    if issubclass(model, Vormopdracht):
        return model(**waarden)
    return m.maak(model, **waarden)


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


class Commando(click.Command):
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


class Groep(Commando, click.Group):
    command_class = Commando
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


def mandaatdienst(o: Omgeving) -> Any:
    """On PostgreSQL the login's group role follows the mandate (GRANT/REVOKE, commands/rechten.py)."""
    dienst = o.dienst(schrijven=True)
    if o._opslag.soort == "postgresql":
        from commands.rechten import Databaserechten

        dienst.databaserechten = Databaserechten(dienst.app)
    return dienst


def leesdienst(o: Omgeving) -> Any:
    from commands.leesmodellen import Leesdienst

    lezer = Leesdienst(o.app())
    lezer.eis_ingericht()  # a store that was never initialised: exit 5 before any other check
    return lezer


def kijkende_dienst(o: Omgeving) -> Any:
    """A reading service that knows who is looking: personal data is shown by role
    (ledger/persoonsgegevens.py `mag_zien`). Nothing is written."""
    return o.dienst(schrijven=True)


def meld_fout(
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


def usage_melding(e: click.UsageError) -> str:
    # click quotes the value typed in full: a 10^6-character value would make a 10^6-character line.
    melding = re.sub(r"(['\"])([^'\"]{40})[^'\"]+\1", r"\1\2…\1", e.format_message())
    melding = melding if len(melding) <= 500 else melding[:500] + "…"
    if e.ctx is not None:
        melding += f" (zie '{e.ctx.command_path} --help')"
    return melding


def voer_uit(groep: click.Group, argv: list[str] | None = None) -> None:
    """Run the command line; a VoucherFout becomes its exit code (FOUTCODES), never a traceback."""
    als_json = "--json" in (argv if argv is not None else sys.argv[1:])
    try:
        groep.main(args=argv, prog_name="voucher", standalone_mode=False)
    except VoucherFout as e:
        code = next(c for cls, c in FOUTCODES.items() if isinstance(e, cls))
        meld_fout(e.melding, e.soort, code, e.artikel, als_json, e.gegevens.get("regels"), e.gegevens.get("details"))
    except click.exceptions.NoArgsIsHelpError as e:
        if not als_json:
            click.echo(e.ctx.get_help())
        meld_fout(f"geef een commando (zie '{e.ctx.command_path} --help')", "invoer", 2, None, als_json)
    except click.UsageError as e:
        meld_fout(usage_melding(e), "invoer", 2, None, als_json)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.Abort:
        meld_fout("afgebroken", "afgebroken", 1, None, als_json)
    except KeyboardInterrupt:
        meld_fout("afgebroken", "afgebroken", 130, None, als_json)
    except Exception as e:  # last resort: never a traceback for a user
        meld_fout(f"onverwachte fout ({type(e).__name__}: {str(e)[:200]})", "intern", 1, None, als_json)
    sys.exit(0)


def met_voortgang(o: Omgeving, regels: list[Any], doe: Callable[[Any], Any]) -> Any:
    """`doe(voortgang)` with a progress bar on stderr for a long import at a terminal (not with --json);
    otherwise `doe(None)`."""
    if o.als_json or not sys.stderr.isatty() or len(regels) < 1000:
        return doe(None)
    with click.progressbar(regels, label="Controleren", file=sys.stderr) as balk:
        return doe(lambda _: balk)
