"""The spreadsheet writer on its own: each value gets its cell type, and nothing is ever cut off."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest

from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag
from projections.rapporten import xlsx
from projections.rapporten.tabel import Tabel


def test_elke_waarde_krijgt_haar_celsoort_en_tekst_wordt_nooit_een_formule():
    tabel = Tabel("Blad", ("bedrag", "datum", "aantal", "tekst", "leeg", "ja"),
                  [[Bedrag.parse("1.234,56"), date(2026, 3, 1), 7, "=SUM(A1:A9)", None, True],
                   [Bedrag.van_centen(-5), date(2026, 12, 31), 0, "@gebruiker", None, False]])  # fmt: skip
    data = xlsx.werkboek([tabel], [("stand", date(2026, 3, 1)), ("ketenkop hash", "ab" * 32)], "Titel", None)
    boek = openpyxl.load_workbook(io.BytesIO(data))
    blad = boek["Blad"]
    rij = [c for c in blad[2]]
    assert rij[0].value == 1234.56 and "€" in rij[0].number_format and rij[0].number_format.count("0.00") == 2
    assert blad["A3"].value == -0.05
    assert rij[1].is_date and rij[1].value == datetime(2026, 3, 1)
    assert rij[2].value == 7 and rij[2].data_type == "n"
    assert rij[3].value == "=SUM(A1:A9)" and rij[3].data_type == "s"
    assert rij[4].value is None and rij[5].value is True
    assert boek["Over dit bestand"]["B2"].value == datetime(2026, 3, 1)
    assert boek.properties.created == datetime(2000, 1, 1)  # no stand: a fixed date, never the clock
    assert xlsx.werkboek([tabel], [], "Titel", None) == xlsx.werkboek([tabel], [], "Titel", None)


def test_een_tabel_langer_dan_een_werkblad_wordt_geweigerd_en_niet_afgekapt(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_RIJEN", 3)
    assert xlsx.werkboek([Tabel("Blad", ("n",), [[1], [2], [3]])], [], "Titel", None)
    with pytest.raises(OngeldigeInvoer, match="ten hoogste 3"):
        xlsx.werkboek([Tabel("Blad", ("n",), [[1], [2], [3], [4]])], [], "Titel", None)
