"""Values and tables for people, in plain text: light enough for the command line's own output.

The reports (projections/rapporten/opmaak.py) and `cli.py` share these; this module imports
nothing but the ledger's value types, so a command that prints a table loads no report code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ledger.datum import formatteer_datum
from ledger.geld import Bedrag


def nl(waarde: Any) -> str:
    """One value for people: amounts `€ 1.234,50`, dates `1 maart 2026`, nothing as `-`."""
    if waarde is None:
        return "-"
    if isinstance(waarde, Bedrag):
        return waarde.nl()
    if isinstance(waarde, date):
        return formatteer_datum(waarde)
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return str(waarde)


def tabel(kop: Sequence[str], rijen: Iterable[Sequence[str]], rechts: Iterable[int] = (), inspringen: int = 0) -> str:
    """A plain text table with a rule under the header; `rechts` are right-aligned column numbers."""
    rijen = [list(r) for r in rijen]
    if not rijen:
        return " " * inspringen + "(geen)"
    rechts = set(rechts)
    breedte = [max(len(r[i]) for r in [list(kop), *rijen]) for i in range(len(kop))]

    def regel(r: Sequence[str]) -> str:
        cellen = (c.rjust(breedte[i]) if i in rechts else c.ljust(breedte[i]) for i, c in enumerate(r))
        return (" " * inspringen + "  ".join(cellen)).rstrip()

    return "\n".join([regel(kop), regel(["-" * b for b in breedte]), *(regel(r) for r in rijen)])
