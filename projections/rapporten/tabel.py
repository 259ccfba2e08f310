"""A report as tables: the one source of the CSV and the spreadsheet.

A `Tabel` is a name, the column names and rows of plain values (Bedrag, date, int, str,
None). The CSV (projections/rapporten/opmaak.py) and the .xlsx (projections/rapporten/xlsx.py)
write the same tables, and the tables are made from the same dicts the `--json` output
prints, so a figure added to a command's JSON appears in its CSV and spreadsheet without a
second list of columns.

Rules owned here:
- a table holds one kind of row: no totals, no metadata; sums are for the pivot table;
- what the file is (the stand, the ketenkop, the selection) is `over`: label and value pairs,
  taken from the same result, for the spreadsheet's own sheet;
- columns come in the order of the keys of the rows, a key first seen in a later row after
  those of the earlier rows; a list in a cell is written as its items joined by ", ".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ledger.geld import Bedrag


@dataclass(frozen=True)
class Tabel:
    naam: str
    kolommen: tuple[str, ...]
    rijen: list[list[Any]]


def uit_dicts(naam: str, rijen: Sequence[Mapping[str, Any]], kolommen: Iterable[str] = ()) -> Tabel:
    """A table of dicts: `kolommen` first (the columns even of an empty table), then any other key."""
    namen = dict.fromkeys(kolommen)
    for r in rijen:
        namen.update(dict.fromkeys(r))
    return Tabel(naam, tuple(namen), [[_cel(r.get(k)) for k in namen] for r in rijen])


_GEWOON = frozenset((str, int, bool, type(None), Bedrag, date))
"""The values a cell holds as they are (most cells): no isinstance against the Mapping ABC for each."""


def _cel(waarde: Any) -> Any:
    if waarde.__class__ in _GEWOON:
        return waarde
    if isinstance(waarde, list | tuple):
        return ", ".join(str(_cel(w)) for w in waarde)
    if isinstance(waarde, Mapping):
        return "; ".join(f"{k} {_cel(v)}" for k, v in waarde.items() if v is not None)
    return waarde


def over(titel: str, uitkomst: Mapping[str, Any], toelichting: Iterable[str] = ()) -> list[tuple[str, Any]]:
    """What the file is: the title, explaining sentences, then every single value of the result
    (a dict's values each on their own line, `ketenkop positie`); lists are the data and stay out."""
    regels: list[tuple[str, Any]] = [("bestand", titel)]
    regels += [("toelichting", zin) for zin in toelichting]
    for sleutel, waarde in uitkomst.items():
        if isinstance(waarde, list):
            continue
        if isinstance(waarde, Mapping):
            regels += [(f"{sleutel} {k}", _cel(v)) for k, v in waarde.items() if not isinstance(v, list)]
        else:
            regels.append((sleutel, waarde))
    return regels


def stand(uitkomst: Mapping[str, Any]) -> date | None:
    """The date the figures speak of, for the file's properties."""
    for sleutel in ("tot", "per", "stand"):
        if isinstance(uitkomst.get(sleutel), date):
            d: date = uitkomst[sleutel]
            return d
    return None


__all__ = ["Tabel", "over", "stand", "uit_dicts"]
