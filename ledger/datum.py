"""Dates: how a person types a date (DATUM) and how the ledger shows one.

Rules owned here:
- input is `2026-03-01` (ISO, zero-padded) or `01-03-2026` / `1-3-2026` (day-month-year), ASCII digits only;
  anything else, and a day that does not exist (`31-02-2026`), is bad input;
- a year before 2000 is refused as a typing error (`01-03-0226`): no act under this regeling predates it;
- people read `1 maart 2026`; JSON and storage use ISO `2026-03-01`.

Whether a date lies in the future is judged by the application, which knows "today".
"""

from __future__ import annotations

import re
from datetime import date

from ledger.fouten import OngeldigeInvoer
from ledger.geld import toon_invoer

VROEGSTE_JAAR = 2000

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

_ISO = re.compile(r"(?P<jaar>[0-9]{4})-(?P<maand>[0-9]{2})-(?P<dag>[0-9]{2})", re.ASCII)
_NL = re.compile(r"(?P<dag>[0-9]{1,2})-(?P<maand>[0-9]{1,2})-(?P<jaar>[0-9]{4})", re.ASCII)
_INVOER_LENGTE = 64
_WITRUIMTE = " \t\r\n\f\v\u00a0\u202f"


def parse_datum(tekst: str) -> date:
    """Read a date a person typed (DATUM); anything else is OngeldigeInvoer."""
    if not isinstance(tekst, str):
        raise TypeError(f"parse_datum verwacht tekst, niet {type(tekst).__name__}")
    schoon = tekst.strip(_WITRUIMTE) if len(tekst) <= _INVOER_LENGTE else tekst
    m = _ISO.fullmatch(schoon) or _NL.fullmatch(schoon)
    if m is None:
        raise _fout(tekst, "gebruik bijvoorbeeld 2026-03-01 of 01-03-2026")
    jaar, maand, dag = int(m["jaar"]), int(m["maand"]), int(m["dag"])
    try:
        resultaat = date(jaar, maand, dag)
    except ValueError:
        raise _fout(tekst, "die dag bestaat niet") from None
    if jaar < VROEGSTE_JAAR:
        raise _fout(tekst, f"het jaar {jaar} ligt voor {VROEGSTE_JAAR}; is dit een tikfout?")
    return resultaat


def formatteer_datum(d: date) -> str:
    """`1 maart 2026`: the day without a leading zero, the Dutch month name."""
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def iso(d: date) -> str:
    """`2026-03-01`; a datetime is reduced to its date, never shown with a time."""
    return date(d.year, d.month, d.day).isoformat()


def _fout(tekst: str, uitleg: str) -> OngeldigeInvoer:
    return OngeldigeInvoer(f"ongeldige datum {toon_invoer(tekst)}: {uitleg}", invoer=tekst[:40])
