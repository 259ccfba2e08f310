"""`voucher import betalingen` reads what a kasbeheerder has: a CSV with `;` (Excel in a Dutch setting) or `,`, and a
spreadsheet (.xlsx) whose amounts and dates may be numbers and dates; every faulty line is named in one go."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_hulp import KAS, VOUCHER_NOORD, aantal_events, ok, voer_uit, voer_uit_echt

from commands.importeren import OngeldigBestand, lees
from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag

KOLOMMEN = ["voucher", "soort", "bedrag", "leverancier", "factuur", "datum"]


def _xlsx(pad: Path, rijen: list[list[Any]], kop: list[str] = KOLOMMEN) -> Path:
    """A spreadsheet as Excel or LibreOffice saves it, written by an independent library (openpyxl)."""
    boek = openpyxl.Workbook()
    blad = boek.active
    blad.append(kop)
    for rij in rijen:
        blad.append(rij)
    boek.save(pad)
    return pad


def test_een_csv_met_puntkomma_en_decimaalkomma_wordt_gelezen_zoals_een_met_komma(tmp_path):
    puntkomma = tmp_path / "nl.csv"
    puntkomma.write_text(
        "\ufeff" + ";".join(KOLOMMEN) + "\r\n"
        f"{VOUCHER_NOORD};verzilver;1.234,50;Bouwmarkt, filiaal Noord;F-1;01-04-2026\r\n"
        f"{VOUCHER_NOORD};contant;12,5;;K-1;2026-04-02\r\n",
        encoding="utf-8",
    )
    komma = tmp_path / "en.csv"
    komma.write_text(
        ",".join(KOLOMMEN) + "\n"
        f'{VOUCHER_NOORD},verzilver,"1.234,50","Bouwmarkt, filiaal Noord",F-1,01-04-2026\n'
        f"{VOUCHER_NOORD},contant,12.50,,K-1,2026-04-02\n",
        encoding="utf-8",
    )
    a, b = lees(puntkomma), lees(komma)
    assert a == b
    assert [(x.soort, x.bedrag, x.leverancier, x.datum) for x in a] == [
        ("verzilver", Bedrag.parse("1.234,50"), "Bouwmarkt, filiaal Noord", date(2026, 4, 1)),
        ("contant", Bedrag.parse("12,50"), "", date(2026, 4, 2)),
    ]


def test_een_puntkomma_csv_noemt_elke_foute_regel_met_haar_nummer(tmp_path):
    pad = tmp_path / "fout.csv"
    pad.write_text(
        ";".join(KOLOMMEN) + "\n"
        f"{VOUCHER_NOORD};verzilver;10;Bouwmarkt;F-1;2026-04-01\n"
        f"{VOUCHER_NOORD};verzilver;1.23.4;Bouwmarkt;F-2;2026-04-01\n"
        f"{VOUCHER_NOORD};verzilver;10;Bouwmarkt;F-3\n"
        f"{VOUCHER_NOORD};verzilver;10;Bouwmarkt;F-4;2026-04-01\n"
        f"{VOUCHER_NOORD};cadeaubon;10;Bouwmarkt;F-5;2026-04-01\n",
        encoding="utf-8",
    )
    with pytest.raises(OngeldigBestand) as e:
        lees(pad)
    assert [n for n, _ in e.value.gegevens["regels"]] == [3, 4, 6]


def test_een_spreadsheet_met_getallen_datums_en_tekst_wordt_gelezen(tmp_path):
    pad = _xlsx(
        tmp_path / "betalingen.xlsx",
        [
            [VOUCHER_NOORD, "verzilver", 450, "Feestverhuur Van Dam", 2026113, datetime(2026, 4, 1)],
            [VOUCHER_NOORD.lower(), "Verzilver", 12.5, "Bouwmarkt", "F-2", "02-04-2026"],
            [VOUCHER_NOORD, "contant", "1.234,50", None, "K-1", date(2026, 4, 3)],
            [None, None, None, None, None, None],  # an empty row is skipped, as in a CSV
            # A sum a spreadsheet computed: 3.3000000000000003 in the file, € 3,30 to 15 significant digits.
            [VOUCHER_NOORD, "verzilver", 1.1 + 2.2, "Drukkerij", "F-3", datetime(2026, 4, 4)],
        ],
    )
    betalingen = lees(pad)
    assert [(b.regel, b.voucher, b.soort, b.bedrag, b.factuur, b.datum) for b in betalingen] == [
        (2, VOUCHER_NOORD, "verzilver", Bedrag.parse("450"), "2026113", date(2026, 4, 1)),
        (3, VOUCHER_NOORD, "verzilver", Bedrag.parse("12,50"), "F-2", date(2026, 4, 2)),
        (4, VOUCHER_NOORD, "contant", Bedrag.parse("1.234,50"), "K-1", date(2026, 4, 3)),
        (6, VOUCHER_NOORD, "verzilver", Bedrag.uit_decimal(Decimal("3.30")), "F-3", date(2026, 4, 4)),
    ]


def test_een_spreadsheet_met_foute_rijen_noemt_ze_allemaal_in_een_keer(tmp_path):
    pad = _xlsx(
        tmp_path / "fout.xlsx",
        [
            [VOUCHER_NOORD, "verzilver", 10, "Bouwmarkt", "F-1", datetime(2026, 4, 1)],
            [VOUCHER_NOORD, "verzilver", 10.125, "Bouwmarkt", "F-2", datetime(2026, 4, 1)],  # a third decimal
            [VOUCHER_NOORD, "verzilver", -5, "Bouwmarkt", "F-3", datetime(2026, 4, 1)],
            [VOUCHER_NOORD, "verzilver", 0, "Bouwmarkt", "F-4", datetime(2026, 4, 1)],
            ["V000001-01-1", "verzilver", 10, "Bouwmarkt", "F-5", datetime(2026, 4, 1)],  # check character
            [VOUCHER_NOORD, "verzilver", 10, "Bouwmarkt", "F-6", datetime(2026, 4, 1, 13, 30)],  # a time of day
            [VOUCHER_NOORD, "verzilver", 10, None, "F-7", datetime(2026, 4, 1)],  # no supplier
            [VOUCHER_NOORD, "verzilver", 10, "Bouwmarkt", "F-8", 46000],  # a date as a bare number
            [VOUCHER_NOORD, "verzilver", 10, "Bouwmarkt", "F-9", datetime(2026, 4, 1), "extra"],
            [VOUCHER_NOORD, "verzilver", True, "Bouwmarkt", "F-10", datetime(2026, 4, 1)],
        ],
    )
    with pytest.raises(OngeldigBestand) as e:
        lees(pad)
    fouten = dict(e.value.gegevens["regels"])
    assert sorted(fouten) == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert "twee decimalen" in fouten[3]


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "geen leesbaar xlsx-bestand"),
        (b"\xff\xfe" + "voucher;soort".encode("utf-16-le"), "geen UTF-8-tekst"),
    ],
    ids=["kapotte-zip", "utf16"],
)
def test_een_bestand_dat_geen_csv_en_geen_spreadsheet_is_is_ongeldige_invoer(tmp_path, inhoud, melding):
    pad = tmp_path / "betalingen"
    pad.write_bytes(inhoud)
    with pytest.raises(OngeldigeInvoer, match=melding):
        lees(pad)


def test_een_spreadsheet_met_een_andere_kopregel_of_zonder_rijen_is_ongeldig(tmp_path):
    with pytest.raises(OngeldigeInvoer, match="rij 1"):
        lees(_xlsx(tmp_path / "kop.xlsx", [[VOUCHER_NOORD, "verzilver", 10]], kop=["code", "soort", "bedrag"]))
    with pytest.raises(OngeldigeInvoer, match="geen betalingen"):
        lees(_xlsx(tmp_path / "leeg.xlsx", []))
    leeg = openpyxl.Workbook()
    leeg.save(tmp_path / "niets.xlsx")
    with pytest.raises(OngeldigeInvoer, match="leeg"):
        lees(tmp_path / "niets.xlsx")


def test_het_echte_programma_boekt_een_spreadsheet_en_weigert_een_foute_met_elke_rij_en_zonder_te_schrijven(
    store, tmp_path
):
    fout = _xlsx(
        tmp_path / "fout.xlsx",
        [
            [VOUCHER_NOORD, "verzilver", 10, "Bouwmarkt", "F-20", datetime(2026, 4, 2)],
            [VOUCHER_NOORD, "verzilver", "tien", "Bouwmarkt", "F-21", datetime(2026, 4, 2)],
            [VOUCHER_NOORD, "verzilver", 10, "Bouwmarkt", "F-22", "32-04-2026"],
        ],
    )
    voor = aantal_events(store)
    u = voer_uit_echt("import", "betalingen", str(fout), db=store, gebruiker=KAS)
    assert u.code == 2 and u.out == "" and "Traceback" not in u.err, u
    regels = u.err.splitlines()
    assert regels[0].startswith("fout: 2 regel(s) in fout.xlsx ongeldig") and len(regels) == 3, u
    assert regels[1].startswith("  regel 3:") and regels[2].startswith("  regel 4:"), u
    assert aantal_events(store) == voor

    goed = _xlsx(
        tmp_path / "goed.xlsx",
        [
            [VOUCHER_NOORD, "verzilver", 10.5, "Bouwmarkt", "F-20", datetime(2026, 4, 2)],
            [VOUCHER_NOORD, "contant", 20, None, "K-20", datetime(2026, 4, 2)],
        ],
    )
    u = ok(voer_uit_echt("import", "betalingen", str(goed), db=store, gebruiker=KAS, als_json=True)).json()
    assert (u["geboekt"], u["bedrag"]) == (2, "30.50")
    toon = ok(voer_uit("toon", VOUCHER_NOORD, db=store, als_json=True)).json()
    assert (toon["verzilverd"], toon["contant"], toon["restant"]) == ("110.50", "20.00", "869.50")
    assert [b["factuur"] for b in toon["betalingen"]] == ["F1", "F-20", "K-20"]
