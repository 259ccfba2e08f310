"""The base of every use case's result (commands/resultaten.py): `Resultaat`, its JSON form, `Geld`.

Apart from the results themselves so that a payment, which answers with one of the two results of
commands/kasresultaten.py, does not build the dataclasses of every other answer at start-up (issue 13:
`voucher contant` as a process). commands/resultaten.py re-exports all of it: callers keep `r.Resultaat`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Annotated, Any, TypeVar

from ledger.geld import Bedrag

R = TypeVar("R", bound="Resultaat")


class JsonSoort:
    """A marker in `Annotated[...]`: how a ledger value is written in JSON ("bedrag", "regeling", ...).
    commands/schema.py gives pydantic its validation and its JSON Schema."""

    def __init__(self, soort: str) -> None:
        self.soort = soort

    def __get_pydantic_core_schema__(self, bron: Any, handler: Any) -> Any:
        from commands.schema import core_schema_van

        return core_schema_van(self.soort)

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        from commands.schema import json_schema_van

        return json_schema_van(self.soort)


Geld = Annotated[Bedrag, JsonSoort("bedrag")]
Parameters = Annotated[Any, JsonSoort("regeling")]  # the Regeling, written as its parameters


def weglaten() -> Any:
    """A field that is not in the JSON object while it is None."""
    return field(default=None, metadata={"weglaten": True})


@dataclass(frozen=True)
class Resultaat:
    """Het antwoord van een handeling (what a use case answers; `als_dict()` is the `--json` object)."""

    def als_dict(self) -> dict[str, Any]:
        uit: dict[str, Any] = {}
        for f in fields(self):
            waarde = getattr(self, f.name)
            if waarde is None and f.metadata.get("weglaten"):
                continue
            uit[f.name] = _python(waarde)
        return uit

    def __getitem__(self, sleutel: str) -> Any:
        """Read a field by its JSON key, as callers did when results were dicts (`u["restant"]`)."""
        if sleutel not in self.__dataclass_fields__:
            raise KeyError(sleutel)
        return getattr(self, sleutel)

    @classmethod
    def uit_json(cls: type[R], gegevens: dict[str, Any]) -> R:
        """The result again from its JSON form (a recorded first answer)."""
        from commands.schema import lees

        return lees(cls, gegevens)


def _python(waarde: Any) -> Any:
    if isinstance(waarde, Resultaat):
        return waarde.als_dict()
    if isinstance(waarde, list | tuple):
        return [_python(w) for w in waarde]
    return waarde
