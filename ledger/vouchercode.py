"""Voucher codes: which voucher a kasbeheerder means, with a check digit against typing errors.

Rules owned here:
- the canonical code is `V` + the aanvraag number (6 digits) + `-` + the voucher's volgnummer within the grant
  (2 digits, from 1) + `-` + one check digit, e.g. `V000017-02-6`;
- the check digit is the Damm check digit over the 8 digits of aanvraag and volgnummer: every single mistyped
  digit and every swap of two neighbouring digits gives an invalid code, so a typing error is refused as bad
  input instead of being posted to another voucher;
- input may also omit the hyphens (`V000017026`), use a lower-case `v` and carry surrounding whitespace;
  nothing else is read as a code.
"""

from __future__ import annotations

import re

from ledger.fouten import OngeldigeInvoer
from ledger.geld import toon_invoer

# Damm's weakly totally anti-symmetric quasigroup of order 10, with zeros on the diagonal.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

_CODE = re.compile(
    r"[Vv](?:(?P<a>[0-9]{6})-(?P<v>[0-9]{2})-(?P<c>[0-9])|(?P<a2>[0-9]{6})(?P<v2>[0-9]{2})(?P<c2>[0-9]))",
    re.ASCII,
)
_INVOER_LENGTE = 64
_WITRUIMTE = " \t\r\n\f\v\u00a0\u202f"
_VOORBEELD = "V000017-02-6"


def controlecijfer(cijfers: str) -> int:
    """The Damm check digit of a string of ASCII digits."""
    tussen = 0
    for cijfer in cijfers:
        tussen = _DAMM[tussen]["0123456789".index(cijfer)]
    return tussen


def maak_code(aanvraag: int, volgnummer: int) -> str:
    """The canonical code of voucher `volgnummer` (1..99) of aanvraag `aanvraag` (1..999999)."""
    if type(aanvraag) is not int or type(volgnummer) is not int:
        raise TypeError("aanvraag en volgnummer zijn gehele getallen")
    if not 1 <= aanvraag <= 999_999:
        raise ValueError(f"aanvraagnummer {aanvraag} past niet in een vouchercode (1 tot en met 999999)")
    if not 1 <= volgnummer <= 99:
        raise ValueError(f"volgnummer {volgnummer} past niet in een vouchercode (1 tot en met 99)")
    cijfers = f"{aanvraag:06d}{volgnummer:02d}"
    return f"V{cijfers[:6]}-{cijfers[6:]}-{controlecijfer(cijfers)}"


def parse_code(tekst: str) -> tuple[int, int]:
    """Read a voucher code a person typed; returns (aanvraag, volgnummer) or raises OngeldigeInvoer."""
    if not isinstance(tekst, str):
        raise TypeError(f"parse_code verwacht tekst, niet {type(tekst).__name__}")
    schoon = tekst.strip(_WITRUIMTE) if len(tekst) <= _INVOER_LENGTE else tekst
    m = _CODE.fullmatch(schoon)
    if m is None:
        raise _fout(tekst, f"een vouchercode ziet eruit als {_VOORBEELD}")
    aanvraag_cijfers = m["a"] or m["a2"]
    volg_cijfers = m["v"] or m["v2"]
    controle = m["c"] or m["c2"]
    if controlecijfer(aanvraag_cijfers + volg_cijfers + controle) != 0:
        raise _fout(tekst, "de code bevat een tikfout (controlecijfer klopt niet)")
    aanvraag, volgnummer = int(aanvraag_cijfers), int(volg_cijfers)
    if aanvraag == 0:
        raise _fout(tekst, "aanvraagnummer 000000 bestaat niet")
    if volgnummer == 0:
        raise _fout(tekst, "vouchers worden genummerd vanaf 01")
    return aanvraag, volgnummer


def normaliseer_code(tekst: str) -> str:
    """The canonical form (`V000017-02-6`) of a valid code typed in any accepted form."""
    return maak_code(*parse_code(tekst))


def _fout(tekst: str, uitleg: str) -> OngeldigeInvoer:
    return OngeldigeInvoer(f"ongeldige vouchercode {toon_invoer(tekst)}: {uitleg}", invoer=tekst[:40])
