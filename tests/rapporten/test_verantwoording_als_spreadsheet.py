"""The verantwoording as an accountant opens it: an .xlsx that pivots without cleaning, and a CSV of one kind of row.

The spreadsheet is read back with openpyxl (an independent reader): amounts are numbers in a euro format with two
decimals, dates are dates, the header row is frozen, the metadata sits on its own sheet, and the amounts summed per
wijk, periode and saldopost are `voucher saldo` to the cent, for any `--tot`.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_hulp import controleer_fout, een_json_object, ok, voer_uit, voer_uit_echt

from projections.rapporten.opmaak import CSV_BEDRAGKOLOM

GESOMMEERD = ("budget", "uitvoeringskosten", "plafond", "toegekend", "verzilverd", "contant", "vervallen")
SALDO = (*GESOMMEERD, "uitstaand", "beschikbaar")


def _xlsx(db: Path, pad: Path, *args: str) -> openpyxl.Workbook:
    ok(voer_uit("rapport", "verantwoording", *args, "--formaat", "xlsx", "--uitvoer", str(pad), db=db))
    return openpyxl.load_workbook(pad)


def _rijen(blad: Any) -> list[dict[str, Any]]:
    kop, *rest = list(blad.iter_rows())
    namen = [c.value for c in kop]
    return [{n: c for n, c in zip(namen, rij, strict=True)} for rij in rest]


def _centen(waarde: Any) -> Decimal:
    """A spreadsheet number as the exact amount it shows with two decimals."""
    return Decimal(str(waarde)).quantize(Decimal("0.01"))


def _saldo(db: Path, tot: str | None) -> dict[str, Any]:
    return voer_uit("saldo", *(["--per", tot] if tot else []), db=db, als_json=True).json()


@pytest.mark.parametrize("tot", [None, "2025-04-15", "2026-01-10"], ids=["alles", "april", "na-afsluiten"])
def test_de_spreadsheet_telt_per_wijk_en_saldopost_op_tot_het_saldo_op_de_cent(afgesloten_store, tmp_path, tot):
    args = ["--tot", tot] if tot else []
    boek = _xlsx(afgesloten_store, tmp_path / "v.xlsx", *args)
    verwacht = _saldo(afgesloten_store, tot)
    assert verwacht["wijken"]

    som: dict[tuple[str, int], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for r in _rijen(boek["Handelingen"]):
        assert r["wijk"].value and isinstance(r["periode"].value, int), "elke regel is een handeling in een wijk"
        if r["saldopost"].value:
            som[(r["wijk"].value, r["periode"].value)][r["saldopost"].value] += _centen(r["bedrag"].value)
    for w in verwacht["wijken"]:
        for post in GESOMMEERD:
            assert som[(w["wijk"], w["periode"])][post] == Decimal(w[post]), (w["wijk"], post)

    per_wijk = {(r["wijk"].value, r["periode"].value): r for r in _rijen(boek["Saldo per wijk"])}
    assert set(per_wijk) == {(w["wijk"], w["periode"]) for w in verwacht["wijken"]}
    for w in verwacht["wijken"]:
        for post in SALDO:
            assert _centen(per_wijk[(w["wijk"], w["periode"])][post].value) == Decimal(w[post]), (w["wijk"], post)


def test_bedragen_zijn_getallen_in_euro_met_twee_decimalen_en_datums_zijn_datums(afgesloten_store, tmp_path):
    boek = _xlsx(afgesloten_store, tmp_path / "v.xlsx")
    assert boek.sheetnames == ["Handelingen", "Saldo per wijk", "Uitzonderingen", "Bezwaren", "Over dit bestand"]
    for naam in ("Handelingen", "Saldo per wijk", "Uitzonderingen", "Bezwaren"):
        blad = boek[naam]
        assert blad.freeze_panes == "A2", naam  # the header row stays in view
        assert blad.auto_filter.ref and blad.auto_filter.ref.startswith("A1:"), naam
        assert all(c.font.b for c in blad[1]), naam
    rijen = _rijen(boek["Handelingen"])
    bedragen = [r["bedrag"] for r in rijen if r["bedrag"].value is not None]
    datums = [r["datum"] for r in rijen]
    assert len(bedragen) > 100 and len(datums) == len(rijen)
    for c in bedragen:
        assert c.data_type == "n" and isinstance(c.value, int | float), c.value
        assert "€" in c.number_format and "0.00" in c.number_format, c.number_format
    for c in datums:
        assert c.is_date and isinstance(c.value, datetime) and c.value.time() == datetime.min.time(), c.value
        assert c.number_format == "dd-mm-yyyy"
    # Whole numbers are numbers, codes and words are text that is never a formula.
    assert all(isinstance(r["gebeurtenis"].value, int) for r in rijen)
    assert all(r["voucher"].data_type == "s" for r in rijen if r["voucher"].value)
    assert not any(c.data_type == "f" for r in rijen for c in r.values())
    # the bezwaren with their terms (Awb 6:7-6:11, 7:10): dates are dates
    bezwaren = _rijen(boek["Bezwaren"])
    assert bezwaren and all(r["ontvangen"].is_date and r["beslissen_voor"].is_date for r in bezwaren)
    assert {r["uitkomst"].value for r in bezwaren} == {"gegrond", "ongegrond"}


def test_wat_het_bestand_is_staat_op_een_eigen_blad(afgesloten_store, tmp_path):
    boek = _xlsx(afgesloten_store, tmp_path / "v.xlsx", "--tot", "2025-06-30", "--wijk", "NOORD")
    over = {a.value: b.value for a, b in boek["Over dit bestand"].iter_rows(min_row=2) if a.value != "toelichting"}
    model = een_json_object(
        ok(voer_uit("rapport", "verantwoording", "--tot", "2025-06-30", "--wijk", "NOORD", "--formaat", "json",
                    db=afgesloten_store)).out
    )  # fmt: skip
    assert over["tot"] == datetime(2025, 6, 30)
    assert over["selectie wijk"] == "NOORD" and over["selectie periode"] is None
    assert (
        over["ketenkop hash"] == model["ketenkop"]["hash"] and over["ketenkop positie"] == model["laatste_gebeurtenis"]
    )
    assert over["gebeurtenissen"] == model["gebeurtenissen"]
    for post in SALDO:
        assert _centen(over[f"totaal {post}"]) == Decimal(model["totaal"][post]), post
    toelichting = [b.value for a, b in boek["Over dit bestand"].iter_rows(min_row=2) if a.value == "toelichting"]
    assert any("Stand aan het eind van 30 juni 2025" in t for t in toelichting)
    assert {r["wijk"].value for r in _rijen(boek["Handelingen"])} == {"NOORD"}
    assert boek.properties.created == datetime(2025, 6, 30)  # the stand, never the clock


def test_dezelfde_geschiedenis_geeft_dezelfde_spreadsheet_ook_in_een_ander_proces(afgesloten_store, tmp_path):
    bestanden = []
    for zaad in ("1", "2"):
        pad = tmp_path / f"v{zaad}.xlsx"
        u = voer_uit_echt(
            "rapport", "verantwoording", "--tot", "2025-09-30", "--formaat", "xlsx", "--uitvoer", str(pad),
            db=afgesloten_store, als_json=True, omgeving={"PYTHONHASHSEED": zaad},
        )  # fmt: skip
        samenvatting = u.json()
        assert samenvatting["formaat"] == "xlsx" and samenvatting["tot"] == "2025-09-30"
        assert samenvatting["ketenkop"]["hash"] and samenvatting["bytes"] == pad.stat().st_size
        bestanden.append(pad.read_bytes())
    assert bestanden[0] == bestanden[1]
    assert bestanden[0][:4] == b"PK\x03\x04"


def test_xlsx_zonder_uitvoer_is_ongeldige_invoer_en_schrijft_niets(afgesloten_store, tmp_path):
    for als_json in (False, True):
        controleer_fout(
            voer_uit("rapport", "verantwoording", "--formaat", "xlsx", db=afgesloten_store, als_json=als_json), 2
        )


def _csv(db: Path, *args: str) -> list[dict[str, str]]:
    tekst = ok(voer_uit("rapport", "verantwoording", *args, "--formaat", "csv", db=db)).out
    return list(csv.DictReader(io.StringIO(tekst.lstrip("\ufeff"), newline=""), delimiter=";"))


def test_de_csv_heeft_een_soort_regel_en_een_regel_per_weigering_ook_na_een_wijkraadpleging(afgesloten_store):
    rijen = _csv(afgesloten_store)
    model = een_json_object(ok(voer_uit("rapport", "verantwoording", "--formaat", "json", db=afgesloten_store)).out)
    # One kind of row: every line is an act in a wijk and year, with its event; the stand is a column.
    assert all(r["wijk"] and r["periode"] and r["gebeurtenis"] and r["datum"] for r in rijen)
    assert {r["stand"] for r in rijen} == {model["tot"]}
    assert len({r["gebeurtenis"] for r in rijen}) == len(rijen)

    geweigerd = [r for r in rijen if r["handeling"] == "geweigerd"]
    verwacht = [
        (w["wijk"], i["aanvraag"]) for w in model["wijken"] for i in w["initiatieven"] if i["status"] == "geweigerd"
    ]
    # a refusal revoked on a gegrond bezwaar (Awb 7:11) stays an act of its own, marked as revoked
    herroepen = [
        (w["wijk"], i["aanvraag"])
        for w in model["wijken"]
        for i in w["initiatieven"]
        for b in i["besluiten"]
        if b.get("herroepen") and (b["soort"] == "geweigerd" or b.get("uitkomst") == "tegen")
    ]
    assert herroepen, "het demojaar heeft een gegrond bezwaar tegen een weigering: de test zegt anders niets"
    assert sorted((r["wijk"], int(r["aanvraag"])) for r in geweigerd) == sorted(verwacht + herroepen)
    assert len(geweigerd) == sum(w["aantal_geweigerd"] for w in model["wijken"]) + len(herroepen)
    assert sum("herroepen op bezwaar" in r["toelichting"] for r in geweigerd) == len(herroepen)

    tegen = [
        (i["aanvraag"], b)
        for w in model["wijken"]
        for i in w["initiatieven"]
        for b in i["besluiten"]
        if b["soort"] == "raadpleging" and b["uitkomst"] == "tegen"
    ]
    assert tegen, "het demojaar heeft een wijkraadpleging die tegen stemde: de test zegt anders niets"
    for nummer, b in tegen:
        [r] = [r for r in geweigerd if int(r["aanvraag"]) == nummer]
        assert (int(r["stemmen_voor"]), int(r["stemmen_tegen"])) == (b["stemmen_voor"], b["stemmen_tegen"])
        assert "art. 5 lid 6" in r["toelichting"] and r["gebeurtenis"] == str(b["gebeurtenis"]) and not r["grond"]
    for r in geweigerd:
        assert r["grond"] or r["stemmen_tegen"], r


def test_csv_en_spreadsheet_hebben_dezelfde_regels(afgesloten_store, tmp_path):
    rijen = _csv(afgesloten_store, "--tot", "2025-05-31")
    blad = _rijen(_xlsx(afgesloten_store, tmp_path / "v.xlsx", "--tot", "2025-05-31")["Handelingen"])
    assert len(rijen) == len(blad)
    for r, x in zip(rijen, blad, strict=True):
        assert r["gebeurtenis"] == str(x["gebeurtenis"].value) and r["handeling"] == x["handeling"].value
        assert r["datum"] == x["datum"].value.date().isoformat()
        bedrag = r[CSV_BEDRAGKOLOM]
        assert (bedrag == "" and x["bedrag"].value is None) or Decimal(bedrag.replace(",", ".")) == _centen(
            x["bedrag"].value
        )
        assert x["stand"].value == datetime.combine(date(2025, 5, 31), datetime.min.time())


def test_met_landinstelling_en_heeft_de_csv_komma_s_en_een_decimaalpunt_en_dezelfde_regels(afgesloten_store):
    nl = _csv(afgesloten_store, "--tot", "2025-06-30")
    tekst = ok(
        voer_uit("rapport", "verantwoording", "--tot", "2025-06-30", "--formaat", "csv", "--landinstelling", "en",
                 db=afgesloten_store)
    ).out  # fmt: skip
    assert tekst.startswith("\ufeff") and "\r\n" in tekst
    en = list(csv.DictReader(io.StringIO(tekst.lstrip("\ufeff"), newline=""), delimiter=","))
    assert len(en) == len(nl)
    kolom = "bedrag (euro; decimaalpunt)"
    for a, b in zip(nl, en, strict=True):
        assert a[CSV_BEDRAGKOLOM].replace(",", ".") == b[kolom], (a, b)
        assert {k: v for k, v in a.items() if k != CSV_BEDRAGKOLOM} == {k: v for k, v in b.items() if k != kolom}
    assert any("," in r["toelichting"] for r in en), "een komma in een tekst staat tussen aanhalingstekens"
    fout = controleer_fout(
        voer_uit("rapport", "verantwoording", "--formaat", "html", "--landinstelling", "en", db=afgesloten_store), 2
    )
    assert "--landinstelling" in fout
