"""Hostile input at the command line: a corpus of malformed values for every kind of option.

Every case states the truth (CLI.md): exit 2 for bad input (or 1 / 3 where that is the truth), exactly one
`fout:` line on stderr (with --json: one JSON object with soort/melding), never a traceback, and not one
event written when the exit is not 0. Free text that is merely unusual (SQL or shell fragments) may be
accepted: then it is stored verbatim and nothing breaks. Most cases run in this process (cli.main); a
sample runs through the real console script. Hypothesis fuzzes BEDRAG, DATUM and CODE on top.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cli_hulp import (
    COLLEGE,
    KAS,
    MORGEN,
    REGIE,
    VOUCHER_NOORD,
    Uitslag,
    aantal_events,
    controleer_fout,
    kopieer_store,
    voer_uit,
    voer_uit_echt,
    volledige_aanvraag,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.vouchercode import maak_code

NOOIT_VERSTREKT = maak_code(999, 1)  # valid check digit, never issued
VER = "9999-12-31"
MILJOEN = "x" * 1_000_000
MILJOEN_CIJFERS = "9" * 1_000_000
RLM, LRM, RLO, ZWSP, BOM = "\u200f", "\u200e", "\u202e", "\u200b", "\ufeff"
ARABISCH = "١٢٣"  # ARABIC-INDIC digits 1 2 3
VOL = "１２３"  # FULLWIDTH digits
SQL = "'; DROP TABLE stored_events; --"
SHELL = "$(rm -rf ~); `id` | tee /etc/passwd && echo pwned"


# --- valid commands in which exactly one value is replaced ------------------------------------------


def verzilver(bedrag: str = "50", code: str = VOUCHER_NOORD, leverancier: str = "Bouwmarkt",
              factuur: str = "F9", datum: str = "2026-04-02") -> list[str]:  # fmt: skip
    return ["verzilver", code, "--bedrag", bedrag, "--leverancier", leverancier, "--factuur", factuur, "--datum", datum]


def contant(bedrag: str = "20", code: str = VOUCHER_NOORD, datum: str = "2026-04-02") -> list[str]:
    return ["contant", code, "--bedrag", bedrag, "--datum", datum]


def aanwijzen(code: str = "ZUID", naam: str = "Zuid", periode: str = "2026", budget: str = "10.000",
              extra: tuple[str, ...] = (), datum: str = "2026-01-05") -> list[str]:  # fmt: skip
    return ["wijk", "aanwijzen", code, "--naam", naam, "--periode", periode, "--budget", budget, *extra,
            "--datum", datum]  # fmt: skip


def indienen(**vervang: str) -> list[str]:
    """A complete aanvraag in wijk KLEIN; `vervang` replaces the value of an option (by name, - as _)."""
    argv = volledige_aanvraag("KLEIN", "B. Bakker", "500", "2026-05-01")
    for optie, waarde in vervang.items():
        i = argv.index("--" + optie.replace("_", "-"))
        argv[i + 1] = waarde
    return argv


def toekennen(nr: str = "1", *extra: str) -> list[str]:
    return ["aanvraag", "toekennen", nr, *extra, "--datum", "2026-03-01"]


def weigeren(nr: str = "1", grond: str = "a", motivering: str = "Past niet") -> list[str]:
    return ["aanvraag", "weigeren", nr, "--grond", grond, "--motivering", motivering]


def besluit(nr: str = "1", uitkomst: str = "voor", *extra: str) -> list[str]:
    return ["raadpleging", "besluit", nr, "--uitkomst", uitkomst, *extra]


def mandaat(gebruiker: str = "anna", rol: str = "kasbeheerder", *extra: str) -> list[str]:
    return ["mandaat", "geven", gebruiker, "--rol", rol, *extra, "--datum", "2026-01-05"]


def aanvulling(nr: str = "1", termijn: str = "2026-06-01", wat: str = "het adres") -> list[str]:
    return ["aanvraag", "aanvulling-vragen", nr, "--wat", wat, "--termijn", termijn]


def wijziging(omschrijving: str, nr: str = "1") -> list[str]:
    return ["aanvraag", "wijziging", nr, "--omschrijving", omschrijving, "--datum", "2026-05-01"]


# --- the import file ------------------------------------------------------------------------------

KOP = "voucher,soort,bedrag,leverancier,factuur,datum\n"
GOEDE_REGEL = f"{VOUCHER_NOORD},verzilver,10,Bouwmarkt,F77,2026-04-02\n"
PUNTKOMMA_KOP, PUNTKOMMA_REGEL = KOP.replace(",", ";"), GOEDE_REGEL.replace(",", ";")  # as Dutch Excel saves it


def csv_bestand(inhoud: str | bytes) -> Callable[[Path], list[str]]:
    def bouw(map_: Path) -> list[str]:
        pad = map_ / "betalingen.csv"
        pad.write_bytes(inhoud if isinstance(inhoud, bytes) else inhoud.encode("utf-8"))
        return ["import", "betalingen", str(pad)]

    return bouw


def import_map(map_: Path) -> list[str]:
    (map_ / "een_map.csv").mkdir()
    return ["import", "betalingen", str(map_ / "een_map.csv")]


# --- the corpus -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Geval:
    id: str
    argv: list[str] | Callable[[Path], list[str]]
    code: int
    gebruiker: str = COLLEGE
    als_json: bool = False
    echt: bool = False  # also through the real console script
    nagaan: Callable[[Path], None] | None = field(default=None, compare=False)  # accepted: stored verbatim?

    def bouw(self, map_: Path) -> list[str]:
        return self.argv(map_) if callable(self.argv) else list(self.argv)


def _aanvraag_3_heeft(veld: str, waarde: str) -> Callable[[Path], None]:
    def nagaan(db: Path) -> None:
        u = voer_uit("aanvraag", "toon", "3", db=db, als_json=True).json()
        assert u[veld] == waarde, u

    return nagaan


def _verzilvering_staat(argv: list[str]) -> Callable[[Path], None]:
    """The payment is booked (restant down by 50) and the supplier name was kept verbatim: repeating the very
    same command is recognised as the same invoice (exit 0, nothing written)."""

    def nagaan(db: Path) -> None:
        assert voer_uit("toon", VOUCHER_NOORD, db=db, als_json=True).json()["restant"] == "850.00"
        voor = aantal_events(db)
        herhaald = voer_uit(*argv, db=db, gebruiker=KAS)
        assert herhaald.code == 0, herhaald
        assert aantal_events(db) == voor, herhaald

    return nagaan


LEVERANCIER_SQL = verzilver(leverancier="Bouw'); DROP TABLE x;--")
BEDRAGEN: list[tuple[str, str, int]] = [
    ("leeg", "", 2),
    ("spaties", "   ", 2),
    ("tab-en-newline", "\t\n", 2),
    ("nul", "0", 2),
    ("nul-komma-nul", "0,00", 2),
    ("negatieve-nul", "-0", 2),
    ("negatieve-nul-decimaal", "-0,00", 2),
    ("negatief", "-5", 2),
    ("exponent", "1e3", 2),
    ("exponent-hoofdletter", "1E+03", 2),
    ("nan", "NaN", 2),
    ("oneindig", "Infinity", 2),
    ("engelse-notatie", "1,234.50", 2),
    ("komma-duizendtal", "12,345", 2),
    ("verkeerde-groepen", "1.23.4", 2),
    ("drie-decimalen", "1,234", 2),
    ("arabische-cijfers", ARABISCH, 2),
    ("volbreedte-cijfers", VOL, 2),
    ("superscript", "²", 2),
    ("rtl-mark", f"{RLM}100", 2),
    ("rtl-override", f"{RLO}100", 2),
    ("zero-width-space", f"1{ZWSP}00", 2),
    ("bom", f"{BOM}100", 2),
    ("hex", "0x10", 2),
    ("underscore", "1_000", 2),
    ("plus", "+5", 2),
    ("dollar", "$5", 2),
    ("letter-o-als-nul", "1O0", 2),
    ("sql", "1; DROP TABLE stored_events", 2),
    ("shell", "$(echo 5)", 2),
    ("te-groot", "1.000.000.000,01", 2),
    ("huge-64-cijfers", "9" * 64, 2),
    ("huge-miljoen-cijfers", MILJOEN_CIJFERS, 2),
    ("miljoen-tekens", MILJOEN, 2),
]
# Several amount options: each gets a sample of the amount corpus.
CORPUS: list[Geval] = [Geval(f"bedrag-verzilver-{n}", verzilver(bedrag=w), c, KAS) for n, w, c in BEDRAGEN]
CORPUS += [
    Geval("bedrag-contant-negatief", contant(bedrag="-20"), 2, KAS),
    Geval("bedrag-contant-exponent", contant(bedrag="2e1"), 2, KAS),
    Geval("bedrag-contant-nul-bytes", contant(bedrag="20\x00"), 2, KAS),
    Geval("bedrag-contant-boven-restant-is-regel", contant(bedrag="100.000"), 1, KAS),
    Geval("budget-leeg", aanwijzen(budget=""), 2),
    Geval("budget-negatieve-nul", aanwijzen(budget="-0,0"), 2),
    Geval("budget-arabisch", aanwijzen(budget=ARABISCH), 2),
    Geval("budget-huge", aanwijzen(budget="1" + "0" * 400), 2),
    Geval("kosten-exponent", indienen(kosten="5e2"), 2, REGIE),
    Geval("kosten-nan", indienen(kosten="nan"), 2, REGIE),
    Geval("kosten-rlm", indienen(kosten=f"500{RLM}"), 2, REGIE),
    Geval("plafond-nul", aanwijzen(extra=("--plafond", "0")), 2),
    Geval("plafond-engels", aanwijzen(extra=("--plafond", "9,000.00")), 2),
    Geval("wijk-plafond-positioneel-negatief", ["wijk", "plafond", "KLEIN", "--periode", "2026", "--", "-1"], 2),
    Geval("uitvoeringskosten-pct-boven-100", aanwijzen(extra=("--uitvoeringskosten", "101%")), 2),
    Geval("uitvoeringskosten-pct-negatief", aanwijzen(extra=("--uitvoeringskosten", "-5%")), 2),
    Geval("uitvoeringskosten-pct-negatieve-nul", aanwijzen(extra=("--uitvoeringskosten", "-0%")), 2),
    Geval("uitvoeringskosten-pct-nan", aanwijzen(extra=("--uitvoeringskosten", "NaN%")), 2),
    Geval("uitvoeringskosten-pct-exponent", aanwijzen(extra=("--uitvoeringskosten", "1e1%")), 2),
    Geval("uitvoeringskosten-pct-arabisch", aanwijzen(extra=("--uitvoeringskosten", "١٠%")), 2),
    Geval("uitvoeringskosten-pct-volbreedte", aanwijzen(extra=("--uitvoeringskosten", "１０%")), 2),
    Geval("uitvoeringskosten-pct-alleen-procent", aanwijzen(extra=("--uitvoeringskosten", "%")), 2),
    Geval("uitvoeringskosten-pct-dubbel", aanwijzen(extra=("--uitvoeringskosten", "10%%")), 2),
    Geval("uitvoeringskosten-pct-huge", aanwijzen(extra=("--uitvoeringskosten", "9" * 5000 + "%")), 2),
    Geval("uitvoeringskosten-bedrag-exponent", aanwijzen(extra=("--uitvoeringskosten", "1e3")), 2),
    Geval("bedrag-toekennen-negatief", toekennen("1", "--bedrag", "-100"), 2, REGIE),
    # --- DATUM -------------------------------------------------------------------------------------
    Geval("datum-leeg", verzilver(datum=""), 2, KAS),
    Geval("datum-spaties", verzilver(datum="  "), 2, KAS),
    Geval("datum-morgen", verzilver(datum=MORGEN), 2, KAS),
    Geval("datum-ver-in-toekomst", verzilver(datum=VER), 2, KAS),
    Geval("datum-31-februari", verzilver(datum="31-02-2026"), 2, KAS),
    Geval("datum-29-februari-geen-schrikkeljaar", verzilver(datum="2026-02-29"), 2, KAS),
    Geval("datum-maand-13", verzilver(datum="2026-13-01"), 2, KAS),
    Geval("datum-dag-00", verzilver(datum="2026-04-00"), 2, KAS),
    Geval("datum-jaar-0226", verzilver(datum="01-04-0226"), 2, KAS),
    Geval("datum-amerikaans", verzilver(datum="04/02/2026"), 2, KAS),
    Geval("datum-met-tijd", verzilver(datum="2026-04-02T10:00"), 2, KAS),
    Geval("datum-arabisch", verzilver(datum="٢٠٢٦-٠٤-٠٢"), 2, KAS),
    Geval("datum-volbreedte", verzilver(datum="２０２６-０４-０２"), 2, KAS),
    Geval("datum-rtl-mark", verzilver(datum=f"2026-04-02{RLM}"), 2, KAS),
    Geval("datum-en-dash", verzilver(datum="2026–04–02"), 2, KAS),
    Geval("datum-nul-byte", verzilver(datum="2026-04-02\x00"), 2, KAS),
    Geval("datum-sql", verzilver(datum="2026-04-02' OR '1'='1"), 2, KAS),
    Geval("datum-miljoen", verzilver(datum=MILJOEN), 2, KAS),
    Geval("datum-getal", verzilver(datum="20260402"), 2, KAS),
    Geval("ontvangen-morgen", indienen(ontvangen=MORGEN), 2, REGIE),
    Geval("ontvangen-onzin", indienen(ontvangen="gisteren"), 2, REGIE),
    Geval("termijn-ongeldig", aanvulling(termijn="2026-02-30"), 2, REGIE),
    Geval("termijn-leeg", aanvulling(termijn=""), 2, REGIE),
    Geval("per-ongeldig", ["saldo", "--per", "32-01-2026"], 2),
    Geval("per-exponent", ["saldo", "--per", "2e3"], 2),
    # --- voucher CODE ------------------------------------------------------------------------------
    Geval("code-leeg", verzilver(code=""), 2, KAS),
    Geval("code-spaties", verzilver(code="   "), 2, KAS),
    Geval("code-een-cijfer-fout", verzilver(code="V000001-01-1"), 2, KAS),
    Geval("code-verwisselde-buren", verzilver(code="V000010-01-0"), 2, KAS),
    Geval("code-arabische-cijfers", verzilver(code="V٠٠٠٠٠١-٠١-٠"), 2, KAS),
    Geval("code-volbreedte", verzilver(code="Ｖ000001-01-0"), 2, KAS),
    Geval("code-cyrillische-v", verzilver(code="\u0412000001-01-0"), 2, KAS),
    Geval("code-rtl-mark", verzilver(code=f"{RLM}{VOUCHER_NOORD}"), 2, KAS),
    Geval("code-zero-width", verzilver(code=f"V000001{ZWSP}-01-0"), 2, KAS),
    Geval("code-nul-byte", verzilver(code=f"{VOUCHER_NOORD}\x00"), 2, KAS),
    Geval("code-sql", verzilver(code="V000001-01-0' OR 1=1 --"), 2, KAS),
    Geval("code-miljoen", verzilver(code=MILJOEN), 2, KAS),
    Geval("code-nul-aanvraag", ["toon", maak_code(1, 1).replace("000001", "000000")], 2),
    Geval("code-niet-verstrekt", ["toon", NOOIT_VERSTREKT], 3),
    Geval("code-niet-verstrekt-verzilver", verzilver(code=NOOIT_VERSTREKT), 3, KAS),
    Geval("code-contant-en-dash", contant(code="V000001–01–0"), 2, KAS),
    # --- NR -----------------------------------------------------------------------------------------
    Geval("nr-leeg", toekennen(""), 2, REGIE),
    Geval("nr-nul", toekennen("0"), 2, REGIE),
    Geval("nr-negatief", ["aanvraag", "toon", "--", "-1"], 2),
    Geval("nr-exponent", toekennen("1e3"), 2, REGIE),
    Geval("nr-decimaal", toekennen("1.0"), 2, REGIE),
    Geval("nr-arabisch", toekennen("١"), 2, REGIE),
    Geval("nr-volbreedte", weigeren(nr="１"), 2, REGIE),
    Geval("nr-superscript", weigeren(nr="¹"), 2, REGIE),
    Geval("nr-huge", ["aanvraag", "toon", "9" * 10_000], 2),
    Geval("nr-niet-bestaand", ["aanvraag", "toon", "999"], 3),
    Geval("nr-niet-bestaand-toekennen", toekennen("999"), 3, REGIE),
    Geval("nr-sql", besluit("1 OR 1=1"), 2, REGIE),
    Geval("nr-nul-byte", besluit("1\x00"), 2, REGIE),
    # --- N ------------------------------------------------------------------------------------------
    Geval("vouchers-nul", [*indienen(), "--vouchers", "0"], 2, REGIE),
    Geval("vouchers-100", [*indienen(), "--vouchers", "100"], 2, REGIE),
    Geval("vouchers-negatief", toekennen("1", "--vouchers", "-1"), 2, REGIE),
    Geval("vouchers-huge", toekennen("1", "--vouchers", "9" * 50), 2, REGIE),
    Geval("vouchers-arabisch", toekennen("1", "--vouchers", "٢"), 2, REGIE),
    Geval("periode-1999", aanwijzen(periode="1999"), 2),
    Geval("periode-exponent", aanwijzen(periode="2e3"), 2),
    Geval("periode-leeg", aanwijzen(periode=""), 2),
    Geval("periode-volbreedte", aanwijzen(periode="２０２６"), 2),
    Geval("periode-saldo-negatief", ["saldo", "--periode=-2026"], 2),
    Geval("stemmen-voor-negatief", besluit("1", "voor", "--stemmen-voor=-3"), 2, REGIE),
    Geval("stemmen-voor-decimaal", besluit("1", "voor", "--stemmen-voor", "3,5"), 2, REGIE),
    Geval("stemmen-voor-huge", besluit("1", "voor", "--stemmen-voor", "99999999999"), 2, REGIE),
    Geval("stemmen-voor-rtl", besluit("1", "voor", "--stemmen-voor", f"{RLM}3"), 2, REGIE),
    # --- choices ------------------------------------------------------------------------------------
    Geval("rol-leeg", mandaat(rol=""), 2),
    Geval("rol-hoofdletters", mandaat(rol="College"), 2),
    Geval("rol-onbekend", mandaat(rol="admin"), 2),
    Geval("rol-sql", mandaat(rol="college' --"), 2),
    Geval("rol-miljoen", mandaat(rol=MILJOEN), 2),
    Geval("grond-f", weigeren(grond="f"), 2, REGIE),
    Geval("grond-hoofdletter", weigeren(grond="A"), 2, REGIE),
    Geval("grond-cyrillische-a", weigeren(grond="\u0430"), 2, REGIE),
    Geval("uitkomst-ja", besluit(uitkomst="ja"), 2, REGIE),
    Geval("uitkomst-leeg", besluit(uitkomst=""), 2, REGIE),
    Geval("elders-subsidie-misschien", indienen(elders_subsidie="misschien"), 2, REGIE),
    Geval("elders-subsidie-leeg", indienen(elders_subsidie=""), 2, REGIE),
    Geval("elders-subsidie-nul-byte", indienen(elders_subsidie="ja\x00"), 2, REGIE),
    # --- free text ----------------------------------------------------------------------------------
    Geval("naam-leeg", indienen(naam=""), 2, REGIE),
    Geval("naam-spaties", indienen(naam=" \t "), 2, REGIE),
    Geval("naam-nul-byte", indienen(naam="Piet\x00Jansen"), 2, REGIE),
    Geval("naam-rtl-override", indienen(naam=f"Piet{RLO}nesnaJ"), 2, REGIE),
    Geval("naam-escape-code", indienen(naam="\x1b[31mPiet"), 2, REGIE),
    Geval("naam-miljoen", indienen(naam=MILJOEN), 2, REGIE),
    Geval("naam-surrogaat", indienen(naam="Piet\udcff"), 2, REGIE),
    Geval("omschrijving-leeg", indienen(omschrijving=""), 2, REGIE),
    Geval("omschrijving-zero-width", indienen(omschrijving=ZWSP), 2, REGIE),
    Geval("omschrijving-miljoen", indienen(omschrijving=MILJOEN), 2, REGIE),
    Geval(
        "omschrijving-sql-geaccepteerd",
        indienen(omschrijving=SQL),
        0,
        REGIE,
        nagaan=_aanvraag_3_heeft("omschrijving", SQL),
    ),
    Geval("naam-shell-geaccepteerd", indienen(naam=SHELL), 0, REGIE, nagaan=_aanvraag_3_heeft("naam", SHELL)),
    Geval(
        "omschrijving-unicode-geaccepteerd",
        indienen(omschrijving="Straatfeest 🎉 in de Pijp, ëïö"),
        0,
        REGIE,
        nagaan=_aanvraag_3_heeft("omschrijving", "Straatfeest 🎉 in de Pijp, ëïö"),
    ),
    Geval("wijziging-omschrijving-rtl", wijziging(f"{RLM}"), 2, REGIE),
    Geval("motivering-leeg", weigeren(motivering=""), 2, REGIE),
    Geval("motivering-nul-byte", weigeren(motivering="\x00"), 2, REGIE),
    Geval("motivering-miljoen", weigeren(motivering=MILJOEN), 2, REGIE),
    Geval("leverancier-leeg", verzilver(leverancier=""), 2, KAS),
    Geval("leverancier-bidi", verzilver(leverancier=f"Bouw{RLO}tkram"), 2, KAS),
    Geval("leverancier-miljoen", verzilver(leverancier=MILJOEN), 2, KAS),
    Geval("leverancier-sql-geaccepteerd", LEVERANCIER_SQL, 0, KAS, nagaan=_verzilvering_staat(LEVERANCIER_SQL)),
    Geval("factuur-leeg", verzilver(factuur=""), 2, KAS),
    Geval("factuur-nel-binnenin", verzilver(factuur="F\x859"), 2, KAS),
    Geval("factuur-101-tekens", verzilver(factuur="F" * 101), 2, KAS),
    Geval("factuur-nul-byte", verzilver(factuur="F\x009"), 2, KAS),
    Geval("wijk-leeg", aanwijzen(code=""), 2),
    Geval("wijk-spatie", aanwijzen(code="NOORD ZUID"), 2),
    Geval("wijk-21-tekens", aanwijzen(code="A" * 21), 2),
    Geval("wijk-pad", aanwijzen(code="../etc"), 2),
    Geval("wijk-sql", aanwijzen(code="X';DROP"), 2),
    Geval("wijk-volbreedte", aanwijzen(code="ＺＵＩＤ"), 2),
    Geval("wijk-dotless-i-lijkt-op-klein", indienen(wijk="kleın"), 2, REGIE),
    Geval("wijk-lange-s", aanwijzen(code="ſUID"), 2),
    Geval("wijk-ringel-s", aanwijzen(code="STRAßE"), 2),
    Geval("wijk-ligatuur", aanwijzen(code="ﬁLM"), 2),
    Geval("wijk-nul-byte", indienen(wijk="KLEIN\x00"), 2, REGIE),
    Geval("wijk-onbekend", indienen(wijk="ZUID"), 3),
    Geval("wijk-saldo-rtl", ["saldo", "--wijk", f"{RLM}NOORD"], 2),
    Geval("gebruiker-leeg", mandaat(gebruiker=""), 2),
    Geval("gebruiker-spatie", mandaat(gebruiker="anna de vries"), 2),
    Geval("gebruiker-shell", mandaat(gebruiker="anna;rm -rf /"), 2),
    Geval("gebruiker-rtl", mandaat(gebruiker=f"{RLO}anna"), 2),
    Geval("gebruiker-cyrillisch", mandaat(gebruiker="\u0430nna"), 2),
    Geval("gebruiker-64-tekens", mandaat(gebruiker="a" * 64), 2),
    Geval("gebruiker-nul-byte", mandaat(gebruiker="anna\x00"), 2),
    Geval("gebruiker-miljoen", mandaat(gebruiker=MILJOEN), 2),
    # line breaks: only multi-line text (omschrijving, planning, motivering, ...) may hold them
    Geval("naam-newline-binnenin", indienen(naam="Piet\nJansen"), 2, REGIE),
    Geval("wijknaam-newline", aanwijzen(naam="No\nord"), 2),
    Geval("leverancier-newline", verzilver(leverancier="Bouw\nmarkt"), 2, KAS),
    Geval("factuur-crlf-binnenin", verzilver(factuur="F\r\n9"), 2, KAS),
    Geval("telefoon-line-separator", indienen(telefoon="06\u2028123"), 2, REGIE),
    Geval("adres-paragraph-separator", indienen(adres="Lindelaan 1\u2029Teststad"), 2, REGIE),
    Geval("omschrijving-line-separator", indienen(omschrijving="Feest\u2028plein"), 2, REGIE),
    Geval(
        "omschrijving-meerdere-regels-geaccepteerd",
        indienen(omschrijving="Regel 1\nRegel 2\tmet tab"),
        0,
        REGIE,
        nagaan=_aanvraag_3_heeft("omschrijving", "Regel 1\nRegel 2\tmet tab"),
    ),
    # other free-text options and lesser-used commands
    Geval("planning-nul-byte", indienen(planning="juni\x00"), 2, REGIE),
    Geval("wat-leeg", aanvulling(wat=" "), 2, REGIE),
    Geval("reden-rtl", ["betaling", "weigeren", VOUCHER_NOORD, "--bedrag", "5", "--reden", RLO], 2, KAS),
    Geval("kwitantie-escape", [*contant(), "--kwitantie", "K\x1b1"], 2, KAS),
    Geval("buiten-volgorde-miljoen", toekennen("1", "--buiten-volgorde", MILJOEN), 2, REGIE),
    Geval("gemeente-leeg", ["init", "--gemeente", ""], 2),
    Geval("periode-afsluiten-arabisch", ["periode", "afsluiten", "--periode", "٢٠٢٦"], 2),
    Geval("status-sql", ["aanvraag", "lijst", "--status", "toegekend' OR 1=1"], 2),
    Geval("wijk-plafond-exponent", ["wijk", "plafond", "KLEIN", "--periode", "2026", "1e3"], 2),
    Geval("onbekende-optie", [*verzilver(), "--bedrag2", "5"], 2, KAS),
    Geval("extra-argument", [*toekennen("1"), "; rm -rf /"], 2, REGIE),
    # --- import betalingen ------------------------------------------------------------------------
    Geval("import-leeg", csv_bestand(""), 2, KAS),
    Geval("import-alleen-kop", csv_bestand(KOP), 2, KAS),
    Geval("import-nul-bytes", csv_bestand(KOP + GOEDE_REGEL.replace("F77", "F\x0077")), 2, KAS),
    Geval("import-geen-utf8", csv_bestand(KOP.encode() + b"\xff\xfe,verzilver\n"), 2, KAS),
    Geval("import-verkeerde-kop", csv_bestand("code;bedrag\n" + GOEDE_REGEL), 2, KAS),
    Geval("import-bedrag-exponent", csv_bestand(KOP + GOEDE_REGEL.replace(",10,", ",1e1,")), 2, KAS),
    Geval("import-bedrag-arabisch", csv_bestand(KOP + GOEDE_REGEL.replace(",10,", ",١٠,")), 2, KAS, als_json=True),
    Geval("import-datum-toekomst", csv_bestand(KOP + GOEDE_REGEL.replace("2026-04-02", VER)), 2, KAS),
    Geval("import-code-tikfout", csv_bestand(KOP + GOEDE_REGEL.replace("-01-0", "-01-1")), 2, KAS),
    Geval("import-te-weinig-kolommen", csv_bestand(KOP + f"{VOUCHER_NOORD},verzilver,10\n"), 2, KAS),
    Geval("import-rtl-leverancier", csv_bestand(KOP + GOEDE_REGEL.replace("Bouwmarkt", f"Bouw{RLO}")), 2, KAS),
    Geval("import-miljoen-tekens", csv_bestand(KOP + GOEDE_REGEL.replace("F77", MILJOEN)), 2, KAS),
    Geval(
        "import-open-aanhalingsteken", csv_bestand(KOP + f'{VOUCHER_NOORD},verzilver,10,"Bouw,F1,2026-04-02\n'), 2, KAS
    ),
    Geval(
        "import-niet-verstrekt-is-regel", csv_bestand(KOP + GOEDE_REGEL.replace(VOUCHER_NOORD, NOOIT_VERSTREKT)), 1, KAS
    ),
    Geval("import-bestand-bestaat-niet", ["import", "betalingen", "/nergens/betalingen.csv"], 2, KAS),
    Geval("import-een-map", import_map, 2, KAS),
    Geval("import-kapotte-xlsx", csv_bestand(b"PK\x03\x04" + b"\x00" * 64), 2, KAS),
    Geval("import-xlsx-als-tekst", csv_bestand(b"PK\x03\x04" + KOP.encode()), 2, KAS, als_json=True),
    Geval(
        "import-puntkomma-decimaal-drie",
        csv_bestand(PUNTKOMMA_KOP + PUNTKOMMA_REGEL.replace(";10;", ";10,125;")),
        2,
        KAS,
    ),
    Geval("import-gemengde-scheiding", csv_bestand(KOP.replace(",", ";") + GOEDE_REGEL), 2, KAS),
    # --- verifieer --kop (a hash or a file of hashes) -----------------------------------------------
    Geval("kop-leeg", ["verifieer", "--kop", ""], 2),
    Geval("kop-63-hex", ["verifieer", "--kop", "a" * 63], 2),
    Geval("kop-65-hex", ["verifieer", "--kop", "a" * 65], 2),
    Geval("kop-nul-byte", ["verifieer", "--kop", "a" * 32 + "\x00" + "a" * 31], 2),
    Geval("kop-volbreedte", ["verifieer", "--kop", "\uff41" * 64], 2),
    Geval("kop-rtl", ["verifieer", "--kop", RLO + "a" * 64], 2),
    Geval("kop-sql", ["verifieer", "--kop", SQL], 2),
    Geval("kop-miljoen-tekens", ["verifieer", "--kop", MILJOEN], 2),
    Geval("kop-map", ["verifieer", "--kop", "/"], 2),
    Geval("kop-onbekend-is-regel", ["verifieer", "--kop", "ab" * 32], 1, als_json=True),
    # --- with --json ---------------------------------------------------------------------------------
    Geval("json-bedrag-nul-bytes", verzilver(bedrag="\x00"), 2, KAS, als_json=True),
    Geval("json-datum-rtl", verzilver(datum=f"{RLO}2026-04-02"), 2, KAS, als_json=True),
    Geval("json-code-miljoen", ["toon", MILJOEN], 2, als_json=True),
    Geval("json-nr-niet-bestaand", ["aanvraag", "toon", "424242"], 3, als_json=True),
    Geval("json-rol-onbekend", mandaat(rol="root"), 2, als_json=True),
]

# A representative sample through the real console script (argv can carry no NUL byte).
ECHT = {
    "bedrag-verzilver-negatieve-nul",
    "bedrag-verzilver-arabische-cijfers",
    "bedrag-verzilver-huge-64-cijfers",
    "import-miljoen-tekens",
    "datum-morgen",
    "datum-rtl-mark",
    "code-een-cijfer-fout",
    "code-niet-verstrekt",
    "nr-huge",
    "naam-surrogaat",
    "wijk-dotless-i-lijkt-op-klein",
    "omschrijving-sql-geaccepteerd",
    "import-nul-bytes",
    "json-rol-onbekend",
    "kop-onbekend-is-regel",
}


def test_het_corpus_is_groot_en_uniek():
    ids = [g.id for g in CORPUS]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    assert len(CORPUS) >= 100, len(CORPUS)
    assert ECHT <= set(ids), ECHT - set(ids)


ENGELS = re.compile(r"Invalid|is not|Error|Usage|Missing|does not|not a valid|No such|Got unexpected|Traceback")


def nederlands(u: Uitslag, invoer: str = "") -> None:
    """The line speaks Dutch: none of click's or Python's English phrases slipped through (the echoed input aside)."""
    err = u.err.replace(invoer[:40], "") if invoer else u.err
    assert not ENGELS.search(err), u


def controleer(u: Uitslag, geval: Geval, argv: list[str], db: Path, voor: int) -> None:
    assert "Traceback" not in u.err, u
    if geval.code == 0:
        assert u.code == 0, u
        assert u.err == "", u
        assert aantal_events(db) > voor, u
        if geval.nagaan:
            geval.nagaan(db)
        # nothing broke: the store still answers and still reconciles
        saldo = voer_uit("saldo", db=db, als_json=True).json()
        assert saldo["wijken"], saldo
        return
    assert aantal_events(db) == voor, f"er is geschreven bij exit {u.code}: {u!r}"
    if argv[0] == "import" and not geval.als_json:
        # an import names every bad line below the one `fout:` line
        assert u.code == geval.code, u
        assert u.out == "", u
        regels = u.err.splitlines()
        assert regels and regels[0].startswith("fout:"), u
        assert sum(r.startswith("fout:") for r in regels) == 1, u
        assert all(r.startswith("  ") for r in regels[1:]), u
        assert "onverwachte fout" not in u.err, u
        return
    controleer_fout(u, geval.code, als_json=geval.als_json, eis_artikel=False)
    nederlands(u)
    if geval.als_json:
        fout = json.loads(u.err)["fout"]
        assert fout["melding"].strip(), u
    assert len(u.err) < 2_000, f"de melding is te lang ({len(u.err)} tekens): {u.err[:200]!r}"


@pytest.fixture
def db(basis_store: Path, tmp_path: Path) -> Path:
    return kopieer_store(basis_store, tmp_path / "vouchers.db")


@pytest.mark.parametrize("geval", CORPUS, ids=lambda g: g.id)
def test_vijandige_invoer_in_proces(geval: Geval, db: Path):
    argv = geval.bouw(db.parent)
    voor = aantal_events(db)
    u = voer_uit(*argv, db=db, als_json=geval.als_json, gebruiker=geval.gebruiker)
    controleer(u, geval, argv, db, voor)


@pytest.mark.parametrize("geval", [g for g in CORPUS if g.id in ECHT], ids=lambda g: g.id)
def test_vijandige_invoer_echt_programma(geval: Geval, db: Path):
    argv = geval.bouw(db.parent)
    voor = aantal_events(db)
    u = voer_uit_echt(*argv, db=db, als_json=geval.als_json, gebruiker=geval.gebruiker)
    controleer(u, geval, argv, db, voor)


# =====================================================================================
# Hypothesis: arbitrary text for BEDRAG, DATUM and CODE
# =====================================================================================

TEKST = st.one_of(
    st.text(max_size=80),  # any unicode incl. control characters (no surrogates)
    st.text(alphabet=st.sampled_from("0123456789.,-€ eE+%\u00a0\u200f\u0660\u0661\uff11\x00\t\n"), max_size=20),
    st.from_regex(r"\A(?:€ ?)?[0-9]{1,4}(?:\.[0-9]{3})?(?:,[0-9]{1,2})?\Z"),
    st.from_regex(r"\A[0-9]{1,2}-[0-9]{1,2}-20[0-9]{2}\Z|\A20[0-9]{2}-[01][0-9]-[0-3][0-9]\Z"),
    st.from_regex(r"\A[Vv][0-9]{6}-?[0-9]{2}-?[0-9]\Z"),
)
ASCII_BEDRAG = re.compile(r"(?:€[ \u00a0\u202f]*)?[0-9][0-9.]*(?:[,.][0-9]{1,2})?", re.ASCII)
ASCII_DATUM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}", re.ASCII)
ASCII_CODE = re.compile(r"[Vv][0-9]{6}-?[0-9]{2}-?[0-9]", re.ASCII)
WITRUIMTE = " \t\r\n\f\v\u00a0\u202f"


@pytest.fixture(scope="module")
def fuzz_db(basis_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return kopieer_store(basis_store, tmp_path_factory.mktemp("fuzz") / "vouchers.db")


def _fuzz(fuzz_db: Path, argv: list[str], gebruiker: str, toegestaan: set[int], invoer: str) -> Uitslag:
    voor = aantal_events(fuzz_db)
    u = voer_uit(*argv, db=fuzz_db, gebruiker=gebruiker)
    assert u.code in toegestaan, u
    assert "Traceback" not in u.err, u
    assert aantal_events(fuzz_db) == voor, u
    if u.code != 0:
        controleer_fout(u, u.code, als_json=False, eis_artikel=False)
        nederlands(u, invoer)
        assert len(u.err) < 2_000, u
    return u


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(tekst=TEKST)
def test_fuzz_bedrag(fuzz_db: Path, tekst: str):
    # REGIE has no kasbeheerder mandate: a readable amount is refused by the mandate rule (1), nothing else is 2.
    argv = ["verzilver", VOUCHER_NOORD, f"--bedrag={tekst}", "--leverancier", "B", "--factuur", "F"]
    u = _fuzz(fuzz_db, [*argv, "--datum", "2026-04-02"], REGIE, {1, 2}, tekst)
    if u.code != 2:
        assert ASCII_BEDRAG.fullmatch(tekst.strip(WITRUIMTE)), u


@FUZZ
@given(tekst=TEKST)
def test_fuzz_datum(fuzz_db: Path, tekst: str):
    u = _fuzz(fuzz_db, ["contant", VOUCHER_NOORD, "--bedrag", "20", f"--datum={tekst}"], REGIE, {1, 2}, tekst)
    if u.code != 2:
        assert ASCII_DATUM.fullmatch(tekst.strip(WITRUIMTE)), u


@FUZZ
@given(tekst=TEKST)
def test_fuzz_vouchercode(fuzz_db: Path, tekst: str):
    u = _fuzz(fuzz_db, ["toon", "--", tekst], COLLEGE, {0, 2, 3}, tekst)
    if u.code != 2:
        assert ASCII_CODE.fullmatch(tekst.strip(WITRUIMTE)), u


def test_fuzz_store_is_ongeschonden(fuzz_db: Path, basis_store: Path):
    assert aantal_events(fuzz_db) == aantal_events(basis_store)
    assert voer_uit("saldo", db=fuzz_db, als_json=True).json()["wijken"]
