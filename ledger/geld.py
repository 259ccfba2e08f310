"""Money: one value type, `Bedrag`, in whole euro cents.

Rules owned here:
- an amount is a whole number of cents (`int`); floats are refused outright, rounding is never silent;
- amount input (BEDRAG) is Dutch notation per the command-line contract: `1.234,50`, `1234,5`, `€ 1.234,50`,
  `1234.50` (one dot followed by one or two digits is a decimal point), `1.234` (otherwise dots group thousands
  by exactly three); an amount typed by a person is greater than € 0,00 and at most € 1.000.000.000,00;
- output is `€ 1.234,50` for people and `"1234.50"` in JSON;
- splitting an amount over n parts (a grant over vouchers) never loses a cent and is deterministic.

`toon_invoer` lives here too: the one way a message echoes what a user typed (short, one printable line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from ledger.fouten import OngeldigeInvoer

MAXIMUM_CENTEN = 100_000_000_000
"""The largest amount a person may type: € 1.000.000.000,00. Anything larger is a typing error."""

_ECHO_LENGTE = 40
# Long enough for any sensible amount with spaces around it, short enough that int() never sees a
# pathological digit string (Python refuses str->int beyond 4300 digits with a ValueError).
_INVOER_LENGTE = 64
_WITRUIMTE = " \t\r\n\f\v\u00a0\u202f"

_BEDRAG = re.compile(
    r"""
    (?P<min>-[ ]*)?                       # only to say "must be positive" instead of "unreadable"
    (?:€[ \u00a0\u202f]*)?
    (?:
        (?P<euro>[0-9]+)(?:,(?P<cent>[0-9]{1,2}))?
      | (?P<groepen>[1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?:,(?P<gcent>[0-9]{1,2}))?
      | (?P<peuro>[0-9]+)\.(?P<pcent>[0-9]{1,2})
    )
    """,
    re.VERBOSE | re.ASCII,
)
_TE_VEEL_DECIMALEN = re.compile(r"(?:€[ ]*)?[0-9.]*[0-9][,.][0-9]{3,}", re.ASCII)


def toon_invoer(tekst: str, lengte: int = _ECHO_LENGTE) -> str:
    """Quote user input for a message: at most `lengte` characters, non-printables escaped as in repr."""
    kort = tekst[:lengte]
    if not kort.isprintable() or "'" in kort or "\\" in kort:
        kort = "".join(_ontsnap(teken) for teken in kort)
    staart = "…" if len(tekst) > lengte else ""
    return f"'{kort}{staart}'"


def _ontsnap(teken: str) -> str:
    if teken in "'\\":
        return "\\" + teken
    if teken.isprintable():
        return teken
    return repr(teken)[1:-1]


@dataclass(frozen=True, slots=True, eq=False, init=False)
class Bedrag:
    """An amount of money in whole euro cents; negative or zero only as the result of arithmetic."""

    centen: int

    # Comparison and hashing on the cents alone, written out: the plafond check runs on these
    # and a dataclass's generated tuple comparisons cost several times as much.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Bedrag:
            return NotImplemented
        return self.centen == other.centen  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((Bedrag, self.centen))

    def __lt__(self, other: Bedrag) -> bool:
        if other.__class__ is not Bedrag:
            return NotImplemented
        return self.centen < other.centen

    def __le__(self, other: Bedrag) -> bool:
        if other.__class__ is not Bedrag:
            return NotImplemented
        return self.centen <= other.centen

    def __gt__(self, other: Bedrag) -> bool:
        if other.__class__ is not Bedrag:
            return NotImplemented
        return self.centen > other.centen

    def __ge__(self, other: Bedrag) -> bool:
        if other.__class__ is not Bedrag:
            return NotImplemented
        return self.centen >= other.centen

    def __copy__(self) -> Bedrag:
        return self  # immutable: a copy is the same amount

    def __deepcopy__(self, memo: dict[int, object]) -> Bedrag:
        return self

    def __init__(self, centen: int) -> None:
        # Written out rather than generated: amounts are made on every fold and check.
        if centen.__class__ is not int:
            raise TypeError(f"een Bedrag bestaat uit hele centen (int), niet {type(centen).__name__}")
        object.__setattr__(self, "centen", centen)

    # --- construction -------------------------------------------------------------

    @classmethod
    def van_centen(cls, n: int) -> Bedrag:
        return cls(n)

    @classmethod
    def nul(cls) -> Bedrag:
        return cls(0)

    @classmethod
    def uit_decimal(cls, d: Decimal) -> Bedrag:
        """Exact conversion; a third decimal that is not zero is refused (ValueError), never rounded."""
        if not isinstance(d, Decimal):
            raise TypeError(f"uit_decimal verwacht een Decimal, niet {type(d).__name__}")
        if not d.is_finite():
            raise ValueError(f"geen bedrag: {d}")
        # Work on the digit tuple: Decimal arithmetic would round to the context precision.
        teken, cijfers, exponent = d.as_tuple()
        exponent = cast(int, exponent)  # a str ('n', 'N', 'F') only for NaN and infinity, refused above
        if exponent + len(cijfers) > 30:
            raise ValueError(f"bedrag te groot: {d}")
        if exponent >= -2:
            centen = int("".join(map(str, cijfers))) * 10 ** (exponent + 2)
        else:
            weg = -2 - exponent
            if any(cijfers[-weg:]):
                raise ValueError(f"bedrag met meer dan twee decimalen: {d}")
            blijft = cijfers[:-weg]
            centen = int("".join(map(str, blijft))) if blijft else 0
        return cls(-centen if teken else centen)

    @classmethod
    def parse(cls, tekst: str) -> Bedrag:
        """Read an amount a person typed (BEDRAG); anything not clearly one amount > 0 is OngeldigeInvoer."""
        if not isinstance(tekst, str):
            raise TypeError(f"Bedrag.parse verwacht tekst, niet {type(tekst).__name__}")
        if len(tekst) > _INVOER_LENGTE:
            raise _fout(tekst, "te lang voor een bedrag")
        schoon = tekst.strip(_WITRUIMTE)
        m = _BEDRAG.fullmatch(schoon)
        if m is None:
            if _TE_VEEL_DECIMALEN.fullmatch(schoon):
                raise _fout(tekst, "ten hoogste twee cijfers achter de komma; gebruik bijvoorbeeld 1.234,50")
            raise _fout(tekst, "gebruik bijvoorbeeld 1.234,50")
        euro = m["euro"] or m["peuro"] or m["groepen"].replace(".", "")
        cent = (m["cent"] or m["gcent"] or m["pcent"] or "").ljust(2, "0")
        centen = int(euro) * 100 + int(cent)
        if m["min"] is not None or centen == 0:
            raise _fout(tekst, "een bedrag moet groter zijn dan € 0,00")
        if centen > MAXIMUM_CENTEN:
            raise _fout(tekst, f"te groot, ten hoogste {cls(MAXIMUM_CENTEN)}")
        return cls(centen)

    # --- values -------------------------------------------------------------------

    @property
    def decimal(self) -> Decimal:
        """The amount as a Decimal with exactly two places (built from text, so never rounded)."""
        return Decimal(self.json())

    def json(self) -> str:
        """`"1234.50"`: dot, two decimals, no thousands separators, `-` for negative."""
        teken = "-" if self.centen < 0 else ""
        euro, cent = divmod(abs(self.centen), 100)
        return f"{teken}{euro}.{cent:02d}"

    def nl(self) -> str:
        """`€ 1.234,50` (negative: `-€ 1.234,50`)."""
        teken = "-" if self.centen < 0 else ""
        euro, cent = divmod(abs(self.centen), 100)
        return f"{teken}€ {euro:,}".replace(",", ".") + f",{cent:02d}"

    def __str__(self) -> str:
        return self.nl()

    # --- arithmetic ---------------------------------------------------------------

    def __add__(self, other: Bedrag) -> Bedrag:
        if not isinstance(other, Bedrag):
            return NotImplemented
        return Bedrag(self.centen + other.centen)

    def __radd__(self, other: int) -> Bedrag:
        # Only so that the built-in sum() works: it starts from the int 0. Any other number is refused.
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Bedrag) -> Bedrag:
        if not isinstance(other, Bedrag):
            return NotImplemented
        return Bedrag(self.centen - other.centen)

    def __neg__(self) -> Bedrag:
        return Bedrag(-self.centen)

    def verdeel(self, n: int) -> list[Bedrag]:
        """Split into n parts that add up exactly; the first `centen % n` parts carry one cent more."""
        if type(n) is not int:
            raise TypeError(f"verdeel verwacht een int, niet {type(n).__name__}")
        if n < 1:
            raise ValueError(f"verdelen over {n} delen kan niet; ten minste 1")
        basis, rest = divmod(self.centen, n)
        return [Bedrag(basis + 1)] * rest + [Bedrag(basis)] * (n - rest)


def _fout(tekst: str, uitleg: str) -> OngeldigeInvoer:
    return OngeldigeInvoer(f"ongeldig bedrag {toon_invoer(tekst)}: {uitleg}", invoer=tekst[:_ECHO_LENGTE])
