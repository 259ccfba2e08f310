"""Spreadsheets (.xlsx) of the reports: numbers that stay numbers in every locale.

A CSV with a decimal comma is read as numbers only by a spreadsheet set to Dutch; an .xlsx
carries the type of every cell, so it opens the same everywhere. The sheets are written from
the same tables the CSV writes (projections/rapporten/tabel.py), never from a second list.

Rules owned here:
- a cell's type follows its value: an amount (Bedrag) is a number with two decimals in a euro
  format, a date is a date (dd-mm-jjjj), a whole number is a number, text is text and never a
  formula, nothing is an empty cell; the exact cents are written as decimals, never via a float;
- every data sheet is one kind of row: the header row names the columns, is frozen and carries
  an autofilter, so a pivot table needs no cleaning; what the file is (stand, ketenkop,
  selectie) sits on its own sheet, "Over dit bestand";
- a table longer than a sheet is refused (bad input), never cut short;
- the same tables give the same bytes: the document's creation date is the date the figures
  speak of (never the clock), and the library writes its zip entries with a fixed timestamp.

XlsxWriter is imported when a spreadsheet is written, not before: `voucher saldo` starts
without it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag
from projections.rapporten.tabel import Tabel
from projections.tekst import nl

OVER = "Over dit bestand"
EURO = '"€" #,##0.00;-"€" #,##0.00'
DATUM = "dd-mm-yyyy"
GEEN_DATUM = date(2000, 1, 1)
"""The creation date of a workbook without any act in it: fixed, so the bytes are too."""
MAX_BREEDTE = 60
MAX_RIJEN = 1_048_575
"""Rows of data on one sheet: a spreadsheet has 1.048.576 rows, the first is the header."""


def werkboek(tabellen: Sequence[Tabel], over: Sequence[tuple[str, Any]], titel: str, stand: date | None) -> bytes:
    """The workbook: one sheet per table, then "Over dit bestand" with (label, value) rows."""
    for t in tabellen:
        if len(t.rijen) > MAX_RIJEN:  # the library would drop the rest without a word
            raise OngeldigeInvoer(
                f"{len(t.rijen)} regels passen niet op één werkblad (ten hoogste {MAX_RIJEN}): "
                "kies een wijk, een budgetjaar of een kortere periode, of schrijf CSV"
            )
    import xlsxwriter  # lazily: writing a spreadsheet is the only use

    uit = io.BytesIO()
    boek = xlsxwriter.Workbook(
        uit, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    boek.set_properties({"title": titel, "author": "voucher", "created": datetime.combine(stand or GEEN_DATUM, time())})
    opmaak = {
        "kop": boek.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"}),
        "euro": boek.add_format({"num_format": EURO}),
        "datum": boek.add_format({"num_format": DATUM}),
        "tekst": boek.add_format({"text_wrap": False}),
    }
    for t in tabellen:
        _blad(boek, opmaak, t.naam, t.kolommen, t.rijen, filter_=True)
    _blad(boek, opmaak, OVER, ("gegeven", "waarde"), [list(r) for r in over], filter_=False)
    boek.close()
    return uit.getvalue()


def _blad(
    boek: Any, opmaak: dict[str, Any], naam: str, kolommen: Sequence[str], rijen: Sequence[Sequence[Any]], filter_: bool
) -> None:
    blad = boek.add_worksheet(naam[:31])
    breedte = [len(k) for k in kolommen]
    for k, kop in enumerate(kolommen):
        blad.write_string(0, k, kop, opmaak["kop"])
    for r, rij in enumerate(rijen, start=1):
        for k, waarde in enumerate(rij):
            breedte[k] = max(breedte[k], _schrijf(blad, opmaak, r, k, waarde))
    blad.freeze_panes(1, 0)
    if filter_ and kolommen:
        blad.autofilter(0, 0, len(rijen), len(kolommen) - 1)
    for k, b in enumerate(breedte):
        blad.set_column(k, k, min(b + 2, MAX_BREEDTE))


def _schrijf(blad: Any, opmaak: dict[str, Any], r: int, k: int, waarde: Any) -> int:
    """Write one cell by the type of its value; returns the width it needs."""
    if waarde is None:
        return 0
    if isinstance(waarde, Bedrag):
        blad.write_number(r, k, waarde.decimal, opmaak["euro"])  # exact cents as a decimal, never a float
        return len(waarde.nl())
    if isinstance(waarde, date):
        blad.write_datetime(r, k, datetime.combine(waarde, time()), opmaak["datum"])
        return 10
    if isinstance(waarde, bool):
        blad.write_boolean(r, k, waarde)
        return 5
    if isinstance(waarde, int):
        blad.write_number(r, k, waarde)
        return len(str(waarde))
    tekst = nl(waarde)
    blad.write_string(r, k, tekst, opmaak["tekst"])
    return len(tekst)
