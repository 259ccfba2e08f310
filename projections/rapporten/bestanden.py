"""`voucher saldo` and `voucher kasboek` as a file: CSV or spreadsheet.

The rows are the dicts their `--json` output prints (`wijken`, `regels`), so a figure added
there is a column here too; the CSV follows the conventions of the verantwoording's
(projections/rapporten/opmaak.py: `;`, decimal comma, UTF-8 with BOM; or `,` and a decimal point
for another language setting), the spreadsheet those
of projections/rapporten/xlsx.py. Neither has a total row: a total is what the pivot table
or the text output adds up; the spreadsheet's "Over dit bestand" lists the totals, the stand
(`--per`), the selection and the ketenkop.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from projections.rapporten import opmaak as o
from projections.rapporten.tabel import Tabel, over, stand, uit_dicts
from projections.saldo import Saldo

SALDO_KOLOMMEN = tuple(Saldo("", 0).als_dict())
"""The columns of a saldo row: the keys of its JSON, also for a selection without rows."""

SALDO = "Saldo per wijk en budgetjaar"
KASBOEK = "Kasboek"


def saldo(formaat: str, u: Mapping[str, Any], stijl: o.CsvStijl = o.NL) -> str | bytes:
    return _schrijf(formaat, uit_dicts("Saldo", u["wijken"], SALDO_KOLOMMEN), SALDO, u, stijl)


def kasboek(formaat: str, u: Mapping[str, Any], kolommen: Sequence[str], stijl: o.CsvStijl = o.NL) -> str | bytes:
    return _schrijf(formaat, uit_dicts("Kasboek", u["regels"], kolommen), KASBOEK, u, stijl)


def _schrijf(formaat: str, t: Tabel, titel: str, u: Mapping[str, Any], stijl: o.CsvStijl) -> str | bytes:
    if formaat == "csv":
        return o.csv_tekst(t.kolommen, t.rijen, stijl)
    if formaat == "xlsx":
        from projections.rapporten.xlsx import werkboek

        return werkboek([t], over(titel, u), titel, stand(u))
    raise ValueError(formaat)
