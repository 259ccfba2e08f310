"""How a result becomes JSON: amounts as "1234.50", dates ISO, the regeling as its parameters.

One definition for `--json` output and for the results recorded under a `--sleutel`. Light:
it loads no store and no command models.
"""

from __future__ import annotations

from datetime import date
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
