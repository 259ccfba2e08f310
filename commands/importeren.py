"""`voucher import betalingen`: the kasbeheerder's batch of payments, all or nothing.

Columns, with a header row: `voucher,soort,bedrag,leverancier,factuur,datum`; `soort` is
`verzilver` (an invoice, art. 9 lid 3 onder a) or `contant` (cash, art. 9 lid 3 onder b, with
the receipt number in `factuur`). Amounts and dates as on the command line.

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from eventsourcing.domain import Aggregate

from commands.dienst import CONTANT_OPNEMEN, VERZILVER, Betaalopdracht, Dienst
from ledger import ids
from ledger.datum import parse_datum
from ledger.fouten import OngeldigeInvoer, RegelOvertreden, VoucherFout
from ledger.geld import Bedrag
from ledger.voucher import Voucher
from ledger.vouchercode import maak_code, parse_code

KOLOMMEN = ("voucher", "soort", "bedrag", "leverancier", "factuur", "datum")
MAX_REGELS = 1_000_000
MAX_FOUTEN_GETOOND = 50


@dataclass(frozen=True, slots=True)
class Betaling:
    regel: int
    voucher: str
    soort: str
    bedrag: Bedrag
    leverancier: str
    factuur: str
    datum: date

    @property
    def opdracht(self) -> Betaalopdracht:
        """The payment as `verzilver` or `contant` takes it (one payment path, Dienst.betaal)."""
        if self.soort == "verzilver":
            return Betaalopdracht(VERZILVER, self.bedrag, self.leverancier, self.factuur)
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
    try:
        tekst = pad.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise OngeldigeInvoer(f"het bestand {pad} bestaat niet") from None
    except IsADirectoryError:
        raise OngeldigeInvoer(f"{pad} is een map, geen bestand") from None
    except PermissionError:
        raise OngeldigeInvoer(f"geen leesrechten op {pad}") from None
    except OSError as e:
        raise OngeldigeInvoer(f"kan {pad} niet lezen (fout {e.errno})") from None
    except UnicodeDecodeError:
        raise OngeldigeInvoer(f"{pad} is geen UTF-8-tekst") from None
    if "\x00" in tekst:
        raise OngeldigeInvoer(f"{pad} bevat NUL-tekens: geen CSV-bestand")
    lezer = csv.reader(io.StringIO(tekst, newline=""))
    try:
        kop = next(lezer)
    except StopIteration:
        raise OngeldigeInvoer(f"{pad} is leeg: verwacht een kopregel {','.join(KOLOMMEN)}") from None
    except csv.Error as e:
        raise OngeldigeInvoer(f"{pad}: regel 1 is geen geldige CSV ({e})") from None
    if tuple(k.strip().lower() for k in kop) != KOLOMMEN:
        raise OngeldigeInvoer(f"{pad}: de kopregel moet zijn {','.join(KOLOMMEN)}")
    betalingen: list[Betaling] = []
    fouten: list[tuple[int, str]] = []
    try:
        for velden in lezer:
            regel = lezer.line_num
            if len(betalingen) + len(fouten) >= MAX_REGELS:
                raise OngeldigeInvoer(f"{pad}: meer dan {MAX_REGELS} regels")
            if not velden or all(not v.strip() for v in velden):
                continue
            try:
                betalingen.append(_regel(regel, velden))
            except OngeldigeInvoer as e:
                fouten.append((regel, e.melding))
    except csv.Error as e:
        fouten.append((lezer.line_num, f"geen geldige CSV ({e})"))
    if fouten:
        raise OngeldigBestand(_samenvatting(pad, fouten, "ongeldig"), regels=fouten)
    if not betalingen:
        raise OngeldigeInvoer(f"{pad} bevat geen betalingen")
    return betalingen


def _regel(regel: int, velden: list[str]) -> Betaling:
    if len(velden) != len(KOLOMMEN):
        raise OngeldigeInvoer(f"verwacht {len(KOLOMMEN)} kolommen, niet {len(velden)}")
    code_s, soort, bedrag_s, leverancier, factuur, datum_s = (v.strip() for v in velden)
    code = maak_code(*parse_code(code_s))
    soort = soort.lower()
    if soort not in ("verzilver", "contant"):
        raise OngeldigeInvoer(f"soort moet verzilver of contant zijn, niet {soort[:20]!r}")
    if soort == "verzilver" and not leverancier:
        raise OngeldigeInvoer("een verzilvering noemt de leverancier")
    if not factuur:
        raise OngeldigeInvoer("geef het factuurnummer (bij contant: het kwitantienummer)")
    for naam, waarde, grens in (("leverancier", leverancier, 200), ("factuur", factuur, 100)):
        if len(waarde) > grens or any(not t.isprintable() for t in waarde):
            raise OngeldigeInvoer(f"{naam} is te lang of bevat stuurtekens")
    return Betaling(regel, code, soort, Bedrag.parse(bedrag_s), leverancier, factuur, parse_datum(datum_s))


def boek(
    dienst: Dienst,
    betalingen: list[Betaling],
    voortgang: Callable[[Iterable[Betaling]], Iterable[Betaling]] | None = None,
) -> dict[str, Any]:
    """Pass 2 and the one transaction. Raises BetalingenGeweigerd listing every refused line."""
    for b in betalingen:
        dienst._datum(b.datum)  # a future date is bad input, before any rule

    def beslis() -> tuple[list[Aggregate], dict[str, Any]]:
        g = dienst.gemeente()
        vouchers: dict[str, Voucher] = {}
        in_bestand: dict[tuple[str, str], Betaling] = {}
        nieuwe_facturen: list[Aggregate] = []
        fouten: list[tuple[int, str]] = []
        herhaald = 0
        geboekt = Bedrag.nul()
        # The invoice register in one query for the whole file; only invoices seen before are loaded.
        al_bekend = dienst.app.bestaande(ids.factuur_id(*b.register) for b in betalingen)
        for b in voortgang(betalingen) if voortgang else betalingen:
            try:
                v = vouchers.get(b.voucher) or dienst._voucher(b.voucher)
                nieuw = dienst.betaal(g, v, b.opdracht, b.datum, partial(_herhaling, dienst, b, in_bestand, al_bekend))
                if not nieuw:
                    herhaald += 1
                    continue
                vouchers[b.voucher] = v
                in_bestand[_sleutel(b)] = b
                nieuwe_facturen += nieuw[1:]
                geboekt = geboekt + b.bedrag
            except VoucherFout as e:
                fouten.append((b.regel, e.melding + (f" ({e.artikel})" if e.artikel else "")))
        if fouten:
            raise BetalingenGeweigerd(_samenvatting(None, fouten, "geweigerd"), regels=fouten)
        uitkomst = {
            "regels": len(betalingen),
            "geboekt": len(betalingen) - herhaald,
            "herhaald": herhaald,
            "bedrag": geboekt,
            "vouchers": len(vouchers),
        }
        return [*vouchers.values(), *nieuwe_facturen], uitkomst

    return dienst._voer_uit(beslis)


def _sleutel(b: Betaling) -> tuple[str, str]:
    return (ids.normaliseer(b.register[0]), ids.normaliseer(b.register[1]))


def _herhaling(dienst: Dienst, b: Betaling, in_bestand: dict[tuple[str, str], Betaling], al_bekend: set[Any]) -> bool:
    eerder = in_bestand.get(_sleutel(b))
    if eerder is not None:
        if (eerder.voucher, eerder.bedrag) == (b.voucher, b.bedrag):
            return True
        raise RegelOvertreden(
            f"factuur {b.factuur} staat al op regel {eerder.regel} met een ander bedrag of een andere voucher",
            artikel="art. 9 lid 1",
        )
    if ids.factuur_id(*b.register) not in al_bekend:
        return False
    return dienst.factuur_al_geboekt(*b.register, b.voucher, b.bedrag)


def _samenvatting(pad: Path | None, fouten: list[tuple[int, str]], wat: str) -> str:
    bron = f" in {pad.name}" if pad else ""
    return f"{len(fouten)} regel(s){bron} {wat}; er is niets geboekt"


def foutregels(fouten: list[tuple[int, str]]) -> list[str]:
    regels = [f"  regel {n}: {reden}" for n, reden in fouten[:MAX_FOUTEN_GETOOND]]
    if len(fouten) > MAX_FOUTEN_GETOOND:
        regels.append(f"  ... en nog {len(fouten) - MAX_FOUTEN_GETOOND} regel(s)")
    return regels


__all__ = ["KOLOMMEN", "Betaling", "BetalingenGeweigerd", "OngeldigBestand", "boek", "foutregels", "lees", "maak_code"]
