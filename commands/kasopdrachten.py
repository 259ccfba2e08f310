"""The payment commands (art. 9 lid 3 onder a and b), without pydantic: `voucher contant` and `verzilver`
start without it (issue 13). The same form as the other commands (commands/vorm.py: the same checks, the
same Dutch line for a form error); commands/modellen.py names them with the other commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from commands.vorm import Vorm, Vormopdracht, kort, naam, positief
from ledger.geld import Bedrag

_GEEN = type(None)


@dataclass(frozen=True, kw_only=True)
class Verzilver(Vormopdracht):
    VORM: ClassVar[Vorm] = {
        **Vormopdracht.VORM,
        "code": ((str,), None),
        "bedrag": ((Bedrag,), positief),
        "leverancier": ((str,), naam),
        "factuur": ((str,), kort),
        "factuurdatum": ((date, _GEEN), None),
    }

    code: str
    bedrag: Bedrag
    leverancier: str
    factuur: str
    factuurdatum: date | None = None  # the invoice's date: on or before the execution date (art. 5 lid 8)


@dataclass(frozen=True, kw_only=True)
class NeemContantOp(Vormopdracht):
    VORM: ClassVar[Vorm] = {
        **Vormopdracht.VORM,
        "code": ((str,), None),
        "bedrag": ((Bedrag,), positief),
        "kwitantie": ((str, _GEEN), kort),
    }

    code: str
    bedrag: Bedrag
    kwitantie: str | None = None  # receipt number: makes a repeat recognisable
