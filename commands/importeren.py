"""`voucher import betalingen`: the kasbeheerder's batch of payments, all or nothing.

Columns, with a header row: `voucher,soort,bedrag,leverancier,factuur,datum`, optionally followed
by `factuurdatum` (the invoice's date, as `verzilver --factuurdatum`: on or before the execution
date, then paid within the regeling's betaaltermijn; empty, or for cash, nothing); `soort` is
`verzilver` (an invoice, art. 9 lid 3 onder a) or `contant` (cash, art. 9 lid 3 onder b, with
the receipt number in `factuur`). Amounts and dates as on the command line. The file is a CSV
with `;` or `,` between the fields (the header row tells which), or a spreadsheet (.xlsx, its
first sheet), whose amounts and dates may also be numbers and dates.

Two passes, and nothing is written unless both pass for every line:
1. form: every line parsed; a bad line is reported with its number and reason (exit 2);
2. rules: every line applied, in file order, to the vouchers as they stand, by the same
   aggregate methods the single commands use (restant, cash max, dates, mandate, invoice
   register); a refused line is reported likewise (exit 1).
Then every new event is saved in one transaction. An invoice already booked identically,
in the store or earlier in the same file, is a repeat and is skipped: importing the same
file twice books it once.
"""

from __future__ import annotations

import csv
import io
import numbers
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from eventsourcing.domain import Aggregate

from commands import resultaten as r
from commands.betalingen import CONTANT_OPNEMEN, VERZILVER, Betaalopdracht
from commands.dienst import Dienst
from ledger.datum import parse_datum
from ledger.fouten import OngeldigeInvoer, RegelOvertreden, VoucherFout
from ledger.geld import Bedrag
from ledger.voucher import Voucher
from ledger.vouchercode import maak_code, parse_code
from projections.rapporten.zonder_gc import zonder_gc

KOLOMMEN = ("voucher", "soort", "bedrag", "leverancier", "factuur", "datum")
MET_FACTUURDATUM = (*KOLOMMEN, "factuurdatum")
MAX_REGELS = 1_000_000
MAX_FOUTEN_GETOOND = 50
ZIP = b"PK\x03\x04"  # an .xlsx is a zip file


@dataclass(frozen=True, slots=True)
class Betaling:
    regel: int
    voucher: str
    soort: str
    bedrag: Bedrag
    leverancier: str
    factuur: str
    datum: date
    factuurdatum: date | None = None

    @property
    def opdracht(self) -> Betaalopdracht:
        """The payment as `verzilver` or `contant` takes it (one payment path, Dienst.betaal)."""
        if self.soort == "verzilver":
            return Betaalopdracht(VERZILVER, self.bedrag, self.leverancier, self.factuur, self.factuurdatum)
        return Betaalopdracht(CONTANT_OPNEMEN, self.bedrag, None, self.factuur)

    @property
    def register(self) -> tuple[str, str]:
        """The key in the invoice register: the supplier's invoice, or the cash receipt (always numbered here)."""
        return self.opdracht.register or ("", self.factuur)


class ImportGeweigerd(VoucherFout):
    """Some lines are bad; `gegevens['regels']` lists every one as (line number, reason)."""


class OngeldigBestand(ImportGeweigerd, OngeldigeInvoer):
    pass


class BetalingenGeweigerd(ImportGeweigerd, RegelOvertreden):
    pass


def lees(pad: Path) -> list[Betaling]:
    """Pass 1: the form of every line. Raises OngeldigBestand listing every bad line."""
    data = _lees_bytes(pad)
    rijen = _xlsx_rijen(pad, data) if data[:4] == ZIP else _csv_rijen(pad, data)
    betalingen: list[Betaling] = []
    fouten: list[tuple[int, str]] = []
    for regel, velden in rijen:
        if len(betalingen) + len(fouten) >= MAX_REGELS:
            raise OngeldigeInvoer(f"{pad}: meer dan {MAX_REGELS} regels")
        if isinstance(velden, OngeldigeInvoer):
            fouten.append((regel, velden.melding))
            continue
        if not velden or all(not _tekst(v).strip() for v in velden):
            continue
        try:
            betalingen.append(_regel(regel, velden))
        except OngeldigeInvoer as e:
            fouten.append((regel, e.melding))
    if fouten:
        raise OngeldigBestand(_samenvatting(pad, fouten, "ongeldig"), regels=fouten)
    if not betalingen:
        raise OngeldigeInvoer(f"{pad} bevat geen betalingen")
    return betalingen


Rijen = Iterator[tuple[int, "list[Any] | OngeldigeInvoer"]]
"""(line number, the cells of that line, or why the line could not be read), after the header."""


def _lees_bytes(pad: Path) -> bytes:
    try:
        return pad.read_bytes()
    except FileNotFoundError:
        raise OngeldigeInvoer(f"het bestand {pad} bestaat niet") from None
    except IsADirectoryError:
        raise OngeldigeInvoer(f"{pad} is een map, geen bestand") from None
    except PermissionError:
        raise OngeldigeInvoer(f"geen leesrechten op {pad}") from None
    except OSError as e:
        raise OngeldigeInvoer(f"kan {pad} niet lezen (fout {e.errno})") from None


def _kop_klopt(kop: list[Any]) -> bool:
    return tuple(_tekst(k).strip().lower() for k in kop) in (KOLOMMEN, MET_FACTUURDATUM)


def _csv_rijen(pad: Path, data: bytes) -> Rijen:
    """A CSV with `;` or `,` between the fields: the header row tells which (as Excel writes it in
    a Dutch or an English setting); a decimal comma in a `,` file needs quotes, as Excel writes it."""
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OngeldigeInvoer(f"{pad} is geen UTF-8-tekst en geen xlsx-bestand") from None
    if "\x00" in tekst:
        raise OngeldigeInvoer(f"{pad} bevat NUL-tekens: geen CSV-bestand")
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    try:
        kop = next(lezer)
    except StopIteration:
        raise OngeldigeInvoer(f"{pad} is leeg: verwacht een kopregel {','.join(KOLOMMEN)}") from None
    except csv.Error as e:
        raise OngeldigeInvoer(f"{pad}: regel 1 is geen geldige CSV ({e})") from None
    if not _kop_klopt(kop):
        raise OngeldigeInvoer(
            f"{pad}: de kopregel moet zijn {','.join(KOLOMMEN)} (of met ';' ertussen: {';'.join(KOLOMMEN)})"
        )
    return _csv_regels(lezer)


def _csv_regels(lezer: Any) -> Rijen:
    try:
        for velden in lezer:
            yield lezer.line_num, velden
    except csv.Error as e:
        yield lezer.line_num, OngeldigeInvoer(f"geen geldige CSV ({e})")


def _xlsx_rijen(pad: Path, data: bytes) -> Rijen:
    """The first sheet of a spreadsheet: the header in row 1, a payment per row below it; amounts
    and dates may be numbers and dates or text as on the command line."""
    import openpyxl  # lazily: only an import of a spreadsheet needs it

    try:
        boek = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        blad = boek.worksheets[0]
        rijen = blad.iter_rows(values_only=True)
        kop = list(next(rijen, ()))
    except Exception:  # a damaged or foreign zip file: openpyxl raises many kinds
        raise OngeldigeInvoer(f"{pad} is geen leesbaar xlsx-bestand") from None
    while kop and kop[-1] is None:
        kop.pop()
    if not kop:
        raise OngeldigeInvoer(f"{pad} is leeg: verwacht in rij 1 de kolommen {','.join(KOLOMMEN)}")
    if not _kop_klopt(kop):
        raise OngeldigeInvoer(f"{pad}: rij 1 moet de kolommen {','.join(KOLOMMEN)} hebben")
    return _xlsx_regels(pad, rijen, len(kop))


def _xlsx_regels(pad: Path, rijen: Iterator[tuple[Any, ...]], breedte: int) -> Rijen:
    try:
        for regel, cellen in enumerate(rijen, start=2):
            velden = list(cellen)
            while len(velden) > breedte and velden[-1] is None:
                velden.pop()
            yield regel, velden
    except Exception:  # a damaged sheet further down
        yield 0, OngeldigeInvoer(f"{pad} is verderop beschadigd")


def _tekst(waarde: Any) -> str:
    """A cell as the text the command line would take: numbers and dates of a spreadsheet too."""
    if waarde is None:
        return ""
    if isinstance(waarde, str):
        return waarde
    if isinstance(waarde, datetime):
        if waarde.time() != time():
            raise OngeldigeInvoer(f"een datum zonder tijd, niet {waarde.isoformat(' ')}")
        return waarde.date().isoformat()
    if isinstance(waarde, date):
        return waarde.isoformat()
    if isinstance(waarde, bool):
        raise OngeldigeInvoer("ja/nee staat niet in deze kolommen")
    return str(waarde)


def _bedrag(waarde: Any) -> Bedrag:
    """An amount cell: text as on the command line, or a number with at most two decimals."""
    if isinstance(waarde, numbers.Real | Decimal) and not isinstance(waarde, bool):  # a number cell
        # A spreadsheet keeps 15 significant digits (Excel's precision); the binary fraction behind them is
        # noise of the file format, not part of the amount. A third decimal within them is refused.
        exact = Decimal(str(waarde) if isinstance(waarde, numbers.Integral | Decimal) else f"{waarde:.15g}")
        try:
            return Bedrag.parse(Bedrag.uit_decimal(exact).json())
        except (ValueError, ArithmeticError):
            raise OngeldigeInvoer(f"ongeldig bedrag {str(waarde)[:20]}: ten hoogste twee decimalen") from None
    return Bedrag.parse(_tekst(waarde))


def _regel(regel: int, velden: list[Any]) -> Betaling:
    if len(velden) not in (len(KOLOMMEN), len(MET_FACTUURDATUM)):
        raise OngeldigeInvoer(f"verwacht {len(KOLOMMEN)} kolommen (of {len(MET_FACTUURDATUM)}), niet {len(velden)}")
    bedrag = _bedrag(velden[2].strip() if isinstance(velden[2], str) else velden[2])
    code_s, soort, _, leverancier, factuur, datum_s, *rest = (_tekst(v).strip() for v in velden)
    factuurdatum = parse_datum(rest[0]) if rest and rest[0] else None
    code = maak_code(*parse_code(code_s))
    soort = soort.lower()
    if soort not in ("verzilver", "contant"):
        raise OngeldigeInvoer(f"soort moet verzilver of contant zijn, niet {soort[:20]!r}")
    if soort == "verzilver" and not leverancier:
        raise OngeldigeInvoer("een verzilvering noemt de leverancier")
    if not factuur:
        raise OngeldigeInvoer("geef het factuurnummer (bij contant: het kwitantienummer)")
    if factuurdatum is not None and soort == "contant":
        raise OngeldigeInvoer(
            "een factuurdatum hoort bij een verzilvering; contant blijft aan de uitvoeringsdatum gebonden"
        )
    for naam, waarde, grens in (("leverancier", leverancier, 200), ("factuur", factuur, 100)):
        if len(waarde) > grens or any(not t.isprintable() for t in waarde):
            raise OngeldigeInvoer(f"{naam} is te lang of bevat stuurtekens")
    return Betaling(regel, code, soort, bedrag, leverancier, factuur, parse_datum(datum_s), factuurdatum)


@zonder_gc  # 10.000 lines build some 100.000 small objects without cycles: the collector only walks them
def boek(
    dienst: Dienst,
    betalingen: list[Betaling],
    voortgang: Callable[[Iterable[Betaling]], Iterable[Betaling]] | None = None,
) -> r.Import:
    """Pass 2 and the one transaction. Raises BetalingenGeweigerd listing every refused line."""
    for b in betalingen:
        dienst.datum(b.datum)  # a future date is bad input, before any rule
    opdrachten = [b.opdracht for b in betalingen]

    def beslis() -> tuple[list[Aggregate], r.Import]:
        # One read for the whole file: the gemeente, every voucher once, and which of its invoices
        # the register knows (commands/samenlezen.py); each line then goes through Kasronde.betaal,
        # the payment path of `verzilver` and `contant`, against the vouchers in memory.
        ronde = dienst.kasronde(dict.fromkeys(b.voucher for b in betalingen), opdrachten)
        vouchers: dict[str, Voucher] = {}
        nieuwe_facturen: list[Aggregate] = []
        fouten: list[tuple[int, str]] = []
        herhaald = 0
        geboekt = Bedrag.nul()
        regels = voortgang(betalingen) if voortgang else betalingen
        for b, opdracht in zip(regels, opdrachten, strict=True):
            try:
                v = ronde.voucher(b.voucher)
                nieuw = ronde.betaal(v, opdracht, b.datum, regel=b.regel)
                if not nieuw:
                    herhaald += 1
                    continue
                vouchers[b.voucher] = v
                nieuwe_facturen += nieuw[1:]
                geboekt = geboekt + b.bedrag
            except VoucherFout as e:
                fouten.append((b.regel, e.melding + (f" ({e.artikel})" if e.artikel else "")))
        if fouten:
            raise BetalingenGeweigerd(_samenvatting(None, fouten, "geweigerd"), regels=fouten)
        uitkomst = r.Import(len(betalingen), len(betalingen) - herhaald, herhaald, geboekt, len(vouchers))
        return [*vouchers.values(), *nieuwe_facturen], uitkomst

    return dienst.voer_uit(beslis, resultaat=r.Import)


def _samenvatting(pad: Path | None, fouten: list[tuple[int, str]], wat: str) -> str:
    bron = f" in {pad.name}" if pad else ""
    return f"{len(fouten)} regel(s){bron} {wat}; er is niets geboekt"


def foutregels(fouten: list[tuple[int, str]]) -> list[str]:
    regels = [f"  regel {n}: {reden}" for n, reden in fouten[:MAX_FOUTEN_GETOOND]]
    if len(fouten) > MAX_FOUTEN_GETOOND:
        regels.append(f"  ... en nog {len(fouten) - MAX_FOUTEN_GETOOND} regel(s)")
    return regels


__all__ = ["KOLOMMEN", "Betaling", "BetalingenGeweigerd", "OngeldigBestand", "boek", "foutregels", "lees", "maak_code"]
