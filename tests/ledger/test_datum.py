"""Dates: reading what a person types and showing dates the Dutch way."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ledger.datum import formatteer_datum, iso, parse_datum
from ledger.fouten import OngeldigeInvoer

GOEDGEKEURD = [
    ("2026-03-01", date(2026, 3, 1)),
    ("01-03-2026", date(2026, 3, 1)),
    ("1-3-2026", date(2026, 3, 1)),
    ("1-03-2026", date(2026, 3, 1)),
    ("01-3-2026", date(2026, 3, 1)),
    ("31-12-2025", date(2025, 12, 31)),
    ("29-02-2024", date(2024, 2, 29)),
    ("2024-02-29", date(2024, 2, 29)),
    ("  2026-03-01\n", date(2026, 3, 1)),
]

GEWEIGERD = [
    "31-02-2026",
    "29-02-2025",
    "2025-02-29",
    "2026-13-01",
    "2026-00-10",
    "00-01-2026",
    "32-01-2026",
    "2026-3-1",
    "2026-03-1",
    "01-03-26",
    "001-03-2026",
    "01/03/2026",
    "01.03.2026",
    "2026/03/01",
    "20260301",
    "1 maart 2026",
    "2026-03-01T00:00",
    "2026-03-01 12:00",
    "+2026-03-01",
    "-2026-03-01",
    "01-03-0226",
    "1999-12-31",
    "0000-01-01",
    "",
    " ",
    "vandaag",
    "２０２６-03-01",
    "٠١-٠٣-٢٠٢٦",
    "\u200f2026-03-01",
    "2026-03-01\x00",
    "2026 - 03 - 01",
    "1" * 10**6,
]


@pytest.mark.parametrize(("tekst", "verwacht"), GOEDGEKEURD)
def test_iso_en_dag_maand_jaar_worden_gelezen(tekst: str, verwacht: date) -> None:
    assert parse_datum(tekst) == verwacht


@pytest.mark.parametrize("tekst", GEWEIGERD, ids=lambda t: repr(t[:20]))
def test_alles_wat_geen_bestaande_datum_is_wordt_geweigerd(tekst: str) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        parse_datum(tekst)
    _is_een_nette_melding(fout.value.melding)


def test_een_dag_die_niet_bestaat_wordt_zo_genoemd() -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        parse_datum("31-02-2026")
    assert fout.value.melding == "ongeldige datum '31-02-2026': die dag bestaat niet"


def test_een_verkeerd_formaat_krijgt_een_voorbeeld() -> None:
    with pytest.raises(OngeldigeInvoer, match="2026-03-01 of 01-03-2026"):
        parse_datum("01/03/2026")


def test_een_jaar_van_voor_2000_is_een_tikfout() -> None:
    with pytest.raises(OngeldigeInvoer, match="tikfout"):
        parse_datum("01-03-0226")
    assert parse_datum("01-01-2000") == date(2000, 1, 1)


def test_mensen_lezen_dag_maandnaam_jaar_zonder_voorloopnul() -> None:
    assert formatteer_datum(date(2026, 3, 1)) == "1 maart 2026"
    assert formatteer_datum(date(2026, 12, 31)) == "31 december 2026"
    maanden = [formatteer_datum(date(2026, maand, 1)).split()[1] for maand in range(1, 13)]
    assert maanden == [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]


def test_iso_geeft_alleen_de_datum_ook_van_een_tijdstip() -> None:
    assert iso(date(2026, 3, 1)) == "2026-03-01"
    assert iso(datetime(2026, 3, 1, 23, 59)) == "2026-03-01"


def test_parse_datum_verwacht_tekst() -> None:
    with pytest.raises(TypeError):
        parse_datum(date(2026, 3, 1))  # type: ignore[arg-type]


@given(st.dates(min_value=date(2000, 1, 1)))
def test_iso_en_nederlandse_notatie_lezen_terug_als_dezelfde_datum(dag: date) -> None:
    assert parse_datum(iso(dag)) == dag
    assert parse_datum(dag.strftime("%d-%m-%Y")) == dag
    assert parse_datum(f"{dag.day}-{dag.month}-{dag.year}") == dag


@given(st.text())
@example("31-02-2026")
@example("9999-99-99")
def test_willekeurige_tekst_geeft_een_datum_of_ongeldige_invoer(tekst: str) -> None:
    try:
        parse_datum(tekst)
    except OngeldigeInvoer as fout:
        _is_een_nette_melding(fout.melding)


@given(st.text(alphabet="0123456789-", max_size=12))
def test_tekst_van_cijfers_en_streepjes_geeft_een_datum_of_ongeldige_invoer(tekst: str) -> None:
    try:
        parse_datum(tekst)
    except OngeldigeInvoer as fout:
        _is_een_nette_melding(fout.melding)


def _is_een_nette_melding(melding: str) -> None:
    assert melding.startswith("ongeldige datum '")
    assert melding.isprintable()
    assert len(melding) < 600
