"""The JSON Schema of each command's `--json` answer (`voucher schema [COMMANDO]`), and reading a
recorded answer back into its result type (commands/resultaten.py).

Pydantic builds both from the result dataclasses, so the schema cannot drift from the answer:
tests/cli/test_schema.py validates the real output of every command against it. This module is
imported only by `voucher schema` and by a `--sleutel` repeat, never by an ordinary read.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar, cast

from pydantic import TypeAdapter
from pydantic_core import core_schema

from commands import resultaten as r
from commands.leesresultaten import LEESRESULTATEN
from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag

T = TypeVar("T")

_BEDRAG = re.compile(r"-?[0-9]+\.[0-9]{2}")
BEDRAG_SCHEMA = {
    "type": "string",
    "pattern": r"^-?[0-9]+\.[0-9]{2}$",
    "description": 'een bedrag in euro\'s: twee decimalen en een punt, bijvoorbeeld "1234.50"',
}
REGELING_SCHEMA = {
    "type": "object",
    "description": "de parameters van de regeling (voucher regeling)",
    "properties": {
        "naam": {"type": "string"},
        "inwerkingtreding": {"type": "string", "format": "date"},
        "max_voucherwaarde": BEDRAG_SCHEMA,
        "raadplegingsdrempel": BEDRAG_SCHEMA,
        "contant_max": BEDRAG_SCHEMA,
        "beslistermijn_weken": {"type": "integer"},
        "bezwaartermijn_weken": {"type": "integer"},
        "uitvoeringskosten_max_procent": {"type": "integer"},
        "verstrekken_tot": {"type": "string", "pattern": "^--[0-9]{2}-[0-9]{2}$"},
        "uitvoeren_tot": {"type": "string", "pattern": "^--[0-9]{2}-[0-9]{2}$"},
    },
}


def _lees_bedrag(waarde: Any) -> Bedrag:
    if isinstance(waarde, Bedrag):
        return waarde
    if isinstance(waarde, str) and _BEDRAG.fullmatch(waarde):
        return Bedrag.uit_decimal(Decimal(waarde))
    raise ValueError(f"geen bedrag: {waarde!r}")


def core_schema_van(soort: str) -> Any:
    if soort == "bedrag":
        return core_schema.no_info_plain_validator_function(
            _lees_bedrag, serialization=core_schema.plain_serializer_function_ser_schema(lambda b: b.json())
        )
    return core_schema.any_schema()  # the regeling: kept as its parameters


def json_schema_van(soort: str) -> dict[str, Any]:
    return dict(BEDRAG_SCHEMA if soort == "bedrag" else REGELING_SCHEMA)


@cache
def _adapter(soort: Any) -> TypeAdapter[Any]:
    return TypeAdapter(soort)


def lees(soort: type[T], gegevens: dict[str, Any]) -> T:
    """A recorded JSON answer as its result again: amounts as Bedrag, dates as date."""
    uit: T = _adapter(cast(Any, soort)).validate_python(gegevens)
    return uit


# === the answer of each command ===========================================================
# A command that prints JSON and is not in this table fails tests/cli/test_schema.py: add its result.
SCHRIJFRESULTATEN: dict[str, Any] = {
    "init": r.Inrichting,
    "mandaat geven": r.MandaatGegeven,
    "mandaat intrekken": r.MandaatIngetrokken,
    "wijk aanwijzen": r.Wijkstand,
    "wijk plafond": r.Wijkstand,
    "wijk budget": r.BudgetGewijzigd,
    "regeling wijzigen": r.RegelingGewijzigd,
    "aanvraag indienen": r.Aanvraagstand,
    "aanvraag aanvulling-vragen": r.AanvullingGevraagd,
    "aanvraag aanvullen": r.Aanvraagstand,
    "aanvraag toekennen": r.Toekenning,
    "aanvraag weigeren": r.Weigering,
    "aanvraag geschikt": r.Geschikt,
    "aanvraag wijziging": r.Wijziging,
    "aanvraag bekendmaken": r.Bekendmaking,
    "aanvraag intrekken": r.Beeindiging,
    "aanvraag buiten-behandeling": r.Beeindiging,
    "aanvraag vaststellen": r.Vaststelling,
    "raadpleging besluit": r.Raadpleging,
    "verzilver": r.Betaling,
    "contant": r.Betaling,
    "import betalingen": r.Import,
    "betaling weigeren": r.BetalingGeweigerd,
    "betaling corrigeren": r.Correctie,
    "toekenning intrekken": r.ToekenningIngetrokken,
    "terugvordering instellen": r.Terugvordering,
    "terugvordering ontvangen": r.Terugontvangst,
    "periode afsluiten": r.Afsluiting,
    "vergeet": r.Vergeten,
    "bezwaar indienen": r.Bezwaarstand,
    "bezwaar beslissen": r.Bezwaarstand,
}
RESULTATEN: dict[str, Any] = SCHRIJFRESULTATEN | LEESRESULTATEN


def commando_s() -> list[str]:
    return sorted(RESULTATEN)


def schema(commando: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the `--json` answer of `commando` ("aanvraag toekennen")."""
    soort = RESULTATEN.get(" ".join(commando.split()))
    if soort is None:
        raise OngeldigeInvoer(
            f"geen commando {commando!r} met een --json-antwoord; 'voucher schema' noemt ze", commando=commando
        )
    uit = _adapter(soort).json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **uit, "title": f"voucher {commando}"}
