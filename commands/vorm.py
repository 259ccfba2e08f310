"""The form of a command, without pydantic: the checks of free text and amounts, and the one Dutch line of a
form error (issue 13: `voucher contant` and `verzilver` start without pydantic).

commands/modellen.py builds its pydantic models on these same checks (`AfterValidator(tekst(200))`) and
words pydantic's errors with `ongeldig`; the payment commands (commands/kasopdrachten.py) are plain frozen
dataclasses on `Vormopdracht`, checked field by field in the order of their fields, as pydantic reports
the first error. Their `model_dump_json` is pydantic's, byte for byte: a `--sleutel` records its hash
(commands/kern.py), tests/cli/test_kasopdrachten.py holds it to the bytes pydantic wrote.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from datetime import date
from typing import Any, ClassVar

from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag

Vorm = dict[str, tuple[tuple[type, ...], Callable[[Any], Any] | None]]  # field -> (its types, its check)

_VELDNAMEN = {"aan": "GEBRUIKER", "code": "CODE", "nummer": "NR"}


def ongeldig(veld: str, reden: str) -> OngeldigeInvoer:
    """A form error: one Dutch line naming the option (`--leverancier mag niet leeg zijn`)."""
    optie = _VELDNAMEN.get(veld, "--" + veld.replace("_", "-"))
    return OngeldigeInvoer(f"{optie} {reden}")


def tekst(max_lengte: int, regels: bool = False) -> Callable[[str], str]:
    """Free text; only multi-line text (`regels`) may hold a line break: a name is one line of a table."""
    toegestaan = "\n\t" if regels else "\t"

    def controleer(waarde: str) -> str:
        waarde = unicodedata.normalize("NFC", waarde).strip()
        if not waarde:
            raise ValueError("mag niet leeg zijn")
        if len(waarde) > max_lengte:
            raise ValueError(f"is te lang (ten hoogste {max_lengte} tekens)")
        if any(
            unicodedata.category(t) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") and t not in toegestaan
            for t in waarde
        ):
            raise ValueError("bevat stuurtekens, regeleinden of onzichtbare tekens")
        return waarde

    return controleer


naam = tekst(200)  # a name, one line (commands/modellen.py `Naam`)
kort = tekst(100)  # a number or short reference (`Kort`)
lang = tekst(4000, regels=True)  # a reason or description (`Tekst`)


def positief(waarde: Bedrag) -> Bedrag:
    if waarde.centen <= 0:
        raise ValueError("moet groter zijn dan € 0,00")
    return waarde


def niet_negatief(waarde: Bedrag) -> Bedrag:
    if waarde.centen < 0:
        raise ValueError("kan niet negatief zijn")
    return waarde


@dataclass(frozen=True, kw_only=True)
class Vormopdracht:
    """A command as a plain frozen dataclass: each field has a type (`VORM`: the classes it may be, and its
    check, if any); a value of another type "is ongeldig", a check's refusal is its reason."""

    VORM: ClassVar[Vorm] = {"datum": ((date, type(None)), None)}

    datum: date | None = None  # business date of the act; None = today

    def __post_init__(self) -> None:
        for f in fields(self):
            waarde = getattr(self, f.name)
            soorten, controle = self.VORM[f.name]
            if not isinstance(waarde, soorten):
                raise ongeldig(f.name, "is ongeldig")
            if controle is not None and waarde is not None:
                try:
                    object.__setattr__(self, f.name, controle(waarde))
                except ValueError as e:
                    raise ongeldig(f.name, str(e)) from None

    @classmethod
    def model_construct(cls, **waarden: Any) -> Any:
        """A command built without checking its form, as pydantic's `model_construct`: for a test that goes
        past the command to the rule of the domain."""
        opdracht = object.__new__(cls)
        for f in fields(cls):
            if f.name in waarden or f.default is not MISSING:
                object.__setattr__(opdracht, f.name, waarden.get(f.name, f.default))
        return opdracht

    def model_dump_json(self) -> str:
        """As pydantic's `model_dump_json()` of the same command (compact, UTF-8, in the order of the fields)."""
        return json.dumps(
            {f.name: _json(getattr(self, f.name)) for f in fields(self)}, ensure_ascii=False, separators=(",", ":")
        )


def _json(waarde: Any) -> Any:
    if isinstance(waarde, Bedrag):
        return {"centen": waarde.centen}
    if isinstance(waarde, date):
        return waarde.isoformat()
    return waarde
