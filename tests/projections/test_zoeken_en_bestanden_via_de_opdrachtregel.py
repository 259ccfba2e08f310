"""Finding things and taking them away, on both stores: `vouchers`, `toon` with the payments, `kasboek` by date,
supplier and invoice, `aanvraag lijst` by year and text, and `saldo`/`kasboek` as CSV and spreadsheet that say the
same as their `--json`, to the cent."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cli_hulp import controleer_fout, ok, voer_uit, voer_uit_echt
from wereld import COLLEGE, PERIODE, Wereld, open_store

from commands import modellen as m
from ledger.geld import Bedrag


def _lezer(store_url: str) -> str | None:
    return None if store_url.startswith("postgresql://") else "iemand"  # PostgreSQL: the login of the URL


def _jaar(store_url: str) -> tuple[str, str, str]:
    """Two initiatives in NOORD 2026: v1 pays an invoice, cash and a refused invoice; v2a an invoice; v2b nothing."""
    w = Wereld.ingericht(open_store(store_url), budget="100.000")
    a1 = w.aanvraag("2.500", ontvangen=date(PERIODE, 2, 1), omschrijving="Buurtfeest op het plein")
    [v1] = [v["code"] for v in w.ken_toe(a1, datum=date(PERIODE, 3, 1))["vouchers"]]
    a2 = w.aanvraag("7.000", ontvangen=date(PERIODE, 2, 10), omschrijving="Moestuin achter de school",
                    naam="B. Jansen")  # fmt: skip
    v2a, v2b = [v["code"] for v in w.ken_toe(a2, datum=date(PERIODE, 3, 15))["vouchers"]]
    w.verzilver(v1, "450", factuur="F1", leverancier="Bouwmarkt Hornbach", datum=date(PERIODE, 4, 1))
    w.contant(v1, "200", datum=date(PERIODE, 4, 2))
    w.kas.weiger_betaling(m.WeigerBetaling(code=v1, bedrag=Bedrag.parse("80"), reden="privé-aankopen",
                                           leverancier="Slijterij", factuur="S-9", datum=date(PERIODE, 4, 3)))  # fmt: skip
    w.verzilver(v2a, "1.000", factuur="2026-113", leverancier="Feestverhuur Van Dam", datum=date(PERIODE, 6, 20))
    return v1, v2a, v2b


def _json(store_url: str, *args: str) -> dict[str, Any]:
    return ok(voer_uit(*args, db=store_url, als_json=True, gebruiker=_lezer(store_url))).json()


def test_vouchers_toont_elke_voucher_uit_het_leesmodel_en_filtert_op_wijk_periode_en_restant(store_url):
    v1, v2a, v2b = _jaar(store_url)
    alle = _json(store_url, "vouchers")["vouchers"]
    assert [v["code"] for v in alle] == sorted([v1, v2a, v2b])
    assert {k for v in alle for k in v} >= {"code", "aanvraag", "wijk", "periode", "waarde", "restant", "status"}
    per_code = {v["code"]: v for v in alle}
    assert (per_code[v1]["waarde"], per_code[v1]["restant"], per_code[v1]["aanvraag"]) == ("2500.00", "1850.00", 1)
    assert (per_code[v2a]["restant"], per_code[v2b]["restant"]) == ("2500.00", "3500.00")
    assert {v["status"] for v in alle} == {"geldig"} and {v["wijk"] for v in alle} == {"NOORD"}
    for v in alle:  # the same figures as `toon`
        toon = _json(store_url, "toon", v["code"])
        assert {k: toon[k] for k in ("waarde", "restant", "status", "aanvraag", "wijk")} == {
            k: v[k] for k in ("waarde", "restant", "status", "aanvraag", "wijk")
        }
    assert _json(store_url, "vouchers", "--wijk", "noord", "--periode", str(PERIODE))["vouchers"] == alle
    assert _json(store_url, "vouchers", "--periode", str(PERIODE - 1))["vouchers"] == []
    assert [v["code"] for v in _json(store_url, "vouchers", "--met-restant")["vouchers"]] == sorted([v1, v2a, v2b])

    w = Wereld(open_store(store_url, inrichten=False))
    w.verzilver(v2b, "3.500", factuur="F-alles", datum=date(PERIODE, 7, 1))  # spent to the last cent
    met_restant = _json(store_url, "vouchers", "--met-restant")["vouchers"]
    assert [v["code"] for v in met_restant] == sorted([v1, v2a])
    assert next(v for v in _json(store_url, "vouchers")["vouchers"] if v["code"] == v2b)["status"] == "besteed"

    controleer_fout(voer_uit("vouchers", "--wijk", "NORD", db=store_url, gebruiker=_lezer(store_url)), 3)
    controleer_fout(voer_uit("vouchers", "--periode", "twee", db=store_url, gebruiker=_lezer(store_url)), 2)


def test_vouchers_met_het_echte_programma_toont_een_tabel_in_het_nederlands(sqlite_url):
    v1, _, _ = _jaar(sqlite_url)
    u = ok(voer_uit_echt("vouchers", "--wijk", "NOORD", db=sqlite_url, gebruiker="iemand"))
    assert u.err == ""
    assert "code" in u.out and "restant" in u.out and v1 in u.out and "€ 1.850,00" in u.out and "geldig" in u.out


def test_toon_noemt_elke_betaling_met_haar_gebeurtenis_datum_en_leverancier_of_contant(store_url):
    v1, _, v2b = _jaar(store_url)
    toon = _json(store_url, "toon", v1)
    kasboek = _json(store_url, "kasboek", "--voucher", v1)["regels"]
    assert toon["betalingen"] == [r for r in kasboek if r["soort"] != "verstrekt"]
    assert [(b["soort"], b["bedrag"], b["leverancier"], b["factuur"], b["datum"]) for b in toon["betalingen"]] == [
        ("verzilverd", "450.00", "Bouwmarkt Hornbach", "F1", "2026-04-01"),
        ("contant", "200.00", None, None, "2026-04-02"),
        ("geweigerd", "80.00", "Slijterij", "S-9", "2026-04-03"),
    ]
    assert all(isinstance(b["positie"], int) for b in toon["betalingen"])
    assert _json(store_url, "toon", v2b)["betalingen"] == []

    tekst = ok(voer_uit_echt("toon", v1, db=store_url, gebruiker=_lezer(store_url))).out
    for b in toon["betalingen"]:
        assert f"#{b['positie']}" in tekst
    assert "Bouwmarkt Hornbach / F1" in tekst and "contant" in tekst and "€ 450,00" in tekst and "01-04-2026" in tekst


def test_het_kasboek_zoekt_op_een_datumbereik_een_leverancier_en_een_factuur(store_url):
    _, v2a, _ = _jaar(store_url)

    def regels(*args: str) -> list[tuple[str, str]]:
        return [(r["soort"], r["datum"]) for r in _json(store_url, "kasboek", *args)["regels"]]

    # Both ends of the range count.
    assert regels("--van", "2026-04-01", "--tot", "2026-04-02") == [
        ("verzilverd", "2026-04-01"),
        ("contant", "2026-04-02"),
    ]
    assert regels("--van", "2026-04-02", "--tot", "2026-04-02") == [("contant", "2026-04-02")]
    assert regels("--van", "2026-06-21") == []
    assert regels("--tot", "2026-03-01") == [("verstrekt", "2026-03-01")]
    # Text in any case, part of the name or number.
    assert regels("--leverancier", "bouwMARKT") == [("verzilverd", "2026-04-01")]
    assert regels("--factuur", "113") == [("verzilverd", "2026-06-20")]
    assert regels("--leverancier", "van dam", "--factuur", "F1") == []
    assert regels("--leverancier", "slijt") == [("geweigerd", "2026-04-03")]
    u = _json(store_url, "kasboek", "--van", "01-04-2026", "--tot", "2026-06-30", "--wijk", "NOORD")
    assert (u["van"], u["tot"]) == ("2026-04-01", "2026-06-30")
    verwacht = {"toegekend": "0.00", "verzilverd": "1450.00", "contant": "200.00", "geweigerd": "80.00"}
    assert {k: u["totaal"][k] for k in verwacht} == verwacht
    assert all(b == "0.00" for k, b in u["totaal"].items() if k not in verwacht)  # vervallen, gecorrigeerd, ...
    # A search that finds nothing for an existing voucher is an empty book, not "never issued".
    assert _json(store_url, "kasboek", "--voucher", v2a, "--leverancier", "niemand")["regels"] == []

    tekst = ok(voer_uit("kasboek", "--van", "2026-04-01", "--tot", "2026-04-02", "--leverancier", "bouw",
                        db=store_url, gebruiker=_lezer(store_url))).out  # fmt: skip
    assert tekst.startswith("Kasboek (van 1 april 2026, tot en met 2 april 2026, leverancier bouw)")
    assert "Bouwmarkt Hornbach / F1" in tekst and "Totaal: verzilverd € 450,00" in tekst

    fout = controleer_fout(
        voer_uit("kasboek", "--van", "2026-05-01", "--tot", "2026-04-01", db=store_url, gebruiker=_lezer(store_url)), 2
    )
    assert "--van" in fout and "--tot" in fout


def _csv(tekst: str) -> list[dict[str, str]]:
    assert tekst.startswith("\ufeff") and "\r\n" in tekst
    return list(csv.DictReader(io.StringIO(tekst.lstrip("\ufeff"), newline=""), delimiter=";"))


def _blad(pad: Path, naam: str) -> list[dict[str, Any]]:
    boek = openpyxl.load_workbook(pad)
    blad = boek[naam]
    assert blad.freeze_panes == "A2" and boek.sheetnames[-1] == "Over dit bestand"
    kop, *rest = list(blad.iter_rows())
    return [{k.value: c for k, c in zip(kop, rij, strict=True)} for rij in rest]


def _over(pad: Path) -> dict[str, Any]:
    return {a.value: b.value for a, b in openpyxl.load_workbook(pad)["Over dit bestand"].iter_rows(min_row=2)}


def _euro(cel: Any) -> Decimal:
    assert cel.data_type == "n" and "€" in cel.number_format and "0.00" in cel.number_format, cel.number_format
    return Decimal(str(cel.value)).quantize(Decimal("0.01"))


def test_saldo_als_csv_en_spreadsheet_zegt_hetzelfde_als_de_json_tot_op_de_cent(store_url, tmp_path):
    _jaar(store_url)
    wie = _lezer(store_url)
    verwacht = _json(store_url, "saldo", "--per", "2026-04-30")
    bedragen = [k for k, v in verwacht["wijken"][0].items() if isinstance(v, str) and "." in v]
    assert {"toegekend", "verzilverd", "uitstaand", "beschikbaar"} <= set(bedragen)

    rijen = _csv(ok(voer_uit("saldo", "--per", "2026-04-30", "--formaat", "csv", db=store_url, gebruiker=wie)).out)
    assert [r["wijk"] for r in rijen] == ["NOORD"]  # no total row
    for k in bedragen:
        assert Decimal(rijen[0][k].replace(",", ".")) == Decimal(verwacht["wijken"][0][k]), k

    en = ok(voer_uit("saldo", "--per", "2026-04-30", "--formaat", "csv", "--landinstelling", "en", db=store_url,
                     gebruiker=wie)).out  # fmt: skip
    [rij_en] = list(csv.DictReader(io.StringIO(en.lstrip("\ufeff"), newline=""), delimiter=","))
    assert {k: rij_en[k] for k in bedragen} == {k: verwacht["wijken"][0][k] for k in bedragen}  # "1234.50"

    pad = tmp_path / "saldo.xlsx"
    u = ok(voer_uit("saldo", "--per", "2026-04-30", "--formaat", "xlsx", "--uitvoer", str(pad), db=store_url,
                    gebruiker=wie, als_json=True)).json()  # fmt: skip
    assert u["formaat"] == "xlsx" and u["ketenkop"] == verwacht["ketenkop"] and u["tot"] == "2026-04-30"
    [rij] = _blad(pad, "Saldo")
    assert (rij["wijk"].value, rij["periode"].value) == ("NOORD", PERIODE)
    for k in bedragen:
        assert _euro(rij[k]) == Decimal(verwacht["wijken"][0][k]), k
    over = _over(pad)
    assert over["per"] == datetime(2026, 4, 30) and over["ketenkop hash"] == verwacht["ketenkop"]["hash"]
    assert Decimal(str(over["totaal uitstaand"])).quantize(Decimal("0.01")) == Decimal(verwacht["totaal"]["uitstaand"])

    tweede = tmp_path / "nogmaals.xlsx"
    ok(voer_uit("saldo", "--per", "2026-04-30", "--formaat", "xlsx", "--uitvoer", str(tweede), db=store_url,
                gebruiker=wie))  # fmt: skip
    assert tweede.read_bytes() == pad.read_bytes()


def test_het_kasboek_als_csv_en_spreadsheet_heeft_de_regels_van_de_json(store_url, tmp_path):
    _jaar(store_url)
    wie = _lezer(store_url)
    verwacht = _json(store_url, "kasboek", "--van", "2026-03-01")["regels"]
    rijen = _csv(ok(voer_uit("kasboek", "--van", "2026-03-01", "--formaat", "csv", db=store_url, gebruiker=wie)).out)
    assert list(rijen[0]) == list(verwacht[0])  # the columns are the JSON keys
    assert [(r["positie"], r["soort"], r["bedrag"]) for r in rijen] == [
        (str(r["positie"]), r["soort"], r["bedrag"].replace(".", ",")) for r in verwacht
    ]

    pad = tmp_path / "kasboek.xlsx"
    ok(voer_uit_echt("kasboek", "--van", "2026-03-01", "--formaat", "xlsx", "--uitvoer", str(pad), db=store_url,
                     gebruiker=wie))  # fmt: skip
    blad = _blad(pad, "Kasboek")
    assert len(blad) == len(verwacht)
    for x, r in zip(blad, verwacht, strict=True):
        assert x["positie"].value == r["positie"] and x["voucher"].value == r["voucher"]
        assert _euro(x["bedrag"]) == Decimal(r["bedrag"]) and _euro(x["saldo_wijk"]) == Decimal(r["saldo_wijk"])
        assert x["datum"].is_date and x["datum"].value.date() == date.fromisoformat(r["datum"])
    assert _over(pad)["van"] == datetime(2026, 3, 1)

    leeg = _csv(ok(voer_uit("kasboek", "--leverancier", "niemand", "--formaat", "csv", db=store_url,
                            gebruiker=wie)).out)  # fmt: skip
    assert leeg == []
    kop = ok(voer_uit("kasboek", "--leverancier", "niemand", "--formaat", "csv", db=store_url, gebruiker=wie)).out
    assert kop.lstrip("\ufeff").split("\r\n")[0].split(";") == list(verwacht[0])  # an empty book keeps its header
    controleer_fout(voer_uit("kasboek", "--formaat", "xlsx", db=store_url, gebruiker=wie), 2)
    controleer_fout(voer_uit("saldo", "--formaat", "xlsx", db=store_url, gebruiker=wie, als_json=True), 2)


def test_aanvraag_lijst_zoekt_op_budgetjaar_en_tekst_in_de_omschrijving(store_url):
    _jaar(store_url)
    wie = _lezer(store_url)

    def nummers(*args: str, gebruiker: str | None = wie) -> list[int]:
        u = ok(voer_uit("aanvraag", "lijst", *args, db=store_url, als_json=True, gebruiker=gebruiker)).json()
        return [a["aanvraag"] for a in u["aanvragen"]]

    assert nummers() == [1, 2]
    assert nummers("--periode", str(PERIODE)) == [1, 2] and nummers("--periode", str(PERIODE - 1)) == []
    assert nummers("--zoek", "MOESTUIN") == [2] and nummers("--zoek", "plein", "--periode", str(PERIODE)) == [1]
    assert nummers("--zoek", "iets anders") == []
    assert nummers("--zoek", "Jansen") == []  # a reader without a mandate cannot find a name
    if not store_url.startswith("postgresql://"):
        assert nummers("--zoek", "jansen", gebruiker=COLLEGE) == [2]  # the college may see, and so find, names
    tekst = ok(voer_uit("aanvraag", "lijst", "--zoek", "moestuin", db=store_url, gebruiker=wie)).out
    assert "Moestuin achter de school" in tekst and "Buurtfeest" not in tekst


@pytest.mark.parametrize(
    "args",
    [
        ["vouchers"],
        ["kasboek", "--van", "2026-01-01"],
        ["saldo", "--formaat", "csv"],
        ["aanvraag", "lijst", "--zoek", "x"],
    ],
)
def test_zonder_administratie_geven_de_zoekcommandos_exit_5_en_maken_geen_bestand(tmp_path, args):
    controleer_fout(voer_uit(*args, db=tmp_path / "nieuw.db"), 5)
    assert list(tmp_path.iterdir()) == []
