"""How a result becomes JSON: amounts as "1234.50", dates ISO, the regeling as its parameters (and back).

One definition for `--json` output and for the results recorded under a `--sleutel`. Light:
it loads no store and no command models.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from ledger.geld import Bedrag


def json_waarde(o: Any) -> Any:
    """`default=` hook for json.dumps: the ledger's values as the contract writes them."""
    if isinstance(o, Bedrag):
        return o.json()
    if isinstance(o, date):
        return o.isoformat()
    if hasattr(o, "naar_dict"):  # the Regeling (not imported here: reads start faster without it)
        return o.naar_dict()
    raise TypeError(type(o).__name__)


# The keys of the contract that hold an amount or a date, wherever they appear in a result.
BEDRAGSLEUTELS = frozenset(
    {
        "bedrag", "waarde", "restant", "kosten", "budget", "uitvoeringskosten", "plafond", "toegekend",
        "verzilverd", "contant", "vervallen", "uitstaand", "beschikbaar", "ingetrokken", "vastgesteld",
        "teruggevorderd", "terugontvangen", "openstaand", "max_voucherwaarde", "raadplegingsdrempel", "contant_max",
        "vorig",
    }
)  # fmt: skip
DATUMSLEUTELS = frozenset(
    {
        "datum", "ontvangen", "beslissen_voor", "van", "tot", "per", "verstrekt", "verstrekken_tot", "uitvoeren_tot",
        "start_voor", "termijn", "gevraagd_op", "bekendgemaakt", "vernietigd", "bewaren_tot", "vanaf", "verzonden",
        "inwerkingtreding",
    }
)  # fmt: skip
_JSON_BEDRAG = re.compile(r"-?[0-9]+\.[0-9]{2}")
_JSON_DATUM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def uit_json(waarde: Any, sleutel: str | None = None) -> Any:
    """The inverse of `json_waarde` for a recorded result (a `--sleutel` repeat answers with it):
    the amounts and dates of the contract's keys back to `Bedrag` and `date`, so that the
    repeat is printed as the first answer was (`€ 1.234,50`, `1 maart 2026`)."""
    if isinstance(waarde, dict):
        return {k: uit_json(v, k) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [uit_json(v, sleutel) for v in waarde]
    if isinstance(waarde, str):
        if sleutel in BEDRAGSLEUTELS and _JSON_BEDRAG.fullmatch(waarde):
            return Bedrag.uit_decimal(Decimal(waarde))
        if sleutel in DATUMSLEUTELS and _JSON_DATUM.fullmatch(waarde):
            return date.fromisoformat(waarde)
    return waarde
