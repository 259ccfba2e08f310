"""`voucher import betalingen`: all or nothing, every bad line reported, repeats skipped."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from wereld import Wereld, bedrag, open_store

from commands.importeren import BetalingenGeweigerd, OngeldigBestand, boek, lees
from ledger.fouten import OngeldigeInvoer

KOP = "voucher,soort,bedrag,leverancier,factuur,datum\n"


def _bestand(tmp_path: Path, regels: list[str], naam: str = "betalingen.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text(KOP + "".join(r + "\n" for r in regels), encoding="utf-8")
    return pad


@pytest.fixture
def wereld(store_url):
    return Wereld.ingericht(open_store(store_url), budget="50.000")


def test_een_goed_bestand_wordt_in_een_keer_geboekt_en_een_tweede_keer_overgeslagen(wereld, tmp_path):
    a, b = wereld.voucher("1.000"), wereld.voucher("2.000")
    pad = _bestand(
        tmp_path,
        [
            f'{a},verzilver,"100,00",Bouwmarkt,F-1,2026-04-01',
            f"{b},verzilver,1.234,Drukkerij,F-2,01-04-2026",
            f"{a},contant,500,,K-1,2026-04-02",
            f'{a},verzilver,"100,00",bouwmarkt ,F-1,2026-04-01',  # the same invoice again: a repeat
        ],
    )
    voor = wereld.aantal_gebeurtenissen()
    uit = boek(wereld.kas, lees(pad))
    assert (uit["geboekt"], uit["herhaald"], uit["bedrag"]) == (3, 1, bedrag("1.834"))
    assert wereld.kas.toon_voucher(a)["restant"] == bedrag("400")
    assert wereld.kas.toon_voucher(b)["restant"] == bedrag("766")
    na = wereld.aantal_gebeurtenissen()
    assert na == voor + 6  # three payments, three register entries

    opnieuw = boek(wereld.kas, lees(pad))
    assert (opnieuw["geboekt"], opnieuw["herhaald"]) == (0, 4)
    assert wereld.aantal_gebeurtenissen() == na


def test_een_bestand_met_foute_regels_noemt_elke_foute_regel_en_boekt_niets(wereld, tmp_path):
    a = wereld.voucher("1.000")
    pad = _bestand(
        tmp_path,
        [
            f"{a},verzilver,10,Bouwmarkt,F-1,2026-04-01",
            f"{a},verzilver,1,234.50,Bouwmarkt,F-2,2026-04-01",  # wrong number of columns
            f"{a},verzilver,abc,Bouwmarkt,F-3,2026-04-01",
            f"{a[:-1]}{(int(a[-1]) + 1) % 10},verzilver,10,Bouwmarkt,F-4,2026-04-01",
            f"{a},cadeaubon,10,Bouwmarkt,F-5,2026-04-01",
            f"{a},verzilver,10,Bouwmarkt,F-6,31-02-2026",
            f"{a},verzilver,10,,F-7,2026-04-01",
        ],
    )
    with pytest.raises(OngeldigBestand) as e:
        lees(pad)
    assert [n for n, _ in e.value.gegevens["regels"]] == [3, 4, 5, 6, 7, 8]


def test_regels_die_een_regel_van_de_verordening_breken_worden_allemaal_genoemd_en_er_wordt_niets_geboekt(
    store_url, tmp_path
):
    wereld = Wereld.ingericht(open_store(store_url), budget="50.000", vandaag=date(2027, 6, 1))
    a, b = wereld.voucher("1.000"), wereld.voucher("600")
    pad = _bestand(
        tmp_path,
        [
            f"{a},verzilver,900,Bouwmarkt,F-1,2026-04-01",
            f"{a},verzilver,200,Bouwmarkt,F-2,2026-04-02",  # restant is 100 after the first line
            f"{b},contant,500.01,,K-1,2026-04-02",  # above the cash max
            f"{b},verzilver,50,Bouwmarkt,F-1,2026-04-03",  # F-1 again, another voucher
            f"{b},verzilver,50,Bouwmarkt,F-9,2027-01-02",  # after the execution date (art. 5 lid 8)
            f"{b},verzilver,50,Bouwmarkt,F-10,2026-04-03",
        ],
    )
    voor = wereld.aantal_gebeurtenissen()
    with pytest.raises(BetalingenGeweigerd) as e:
        boek(wereld.kas, lees(pad))
    assert wereld.aantal_gebeurtenissen() == voor
    fouten = e.value.gegevens["regels"]
    assert [n for n, _ in fouten] == [3, 4, 5, 6]
    assert "art. 9 lid 1" in fouten[0][1] and "art. 9 lid 3 onder b" in fouten[1][1] and "art. 5 lid 8" in fouten[3][1]


def test_een_datum_in_de_toekomst_is_ongeldige_invoer_voor_er_iets_wordt_geboekt(wereld, tmp_path):
    a = wereld.voucher("1.000")
    pad = _bestand(tmp_path, [f"{a},verzilver,10,Bouwmarkt,F-1,2026-04-01", f"{a},verzilver,10,X,F-2,2099-01-01"])
    voor = wereld.aantal_gebeurtenissen()
    with pytest.raises(OngeldigeInvoer, match="toekomst"):
        boek(wereld.kas, lees(pad))
    assert wereld.aantal_gebeurtenissen() == voor


def test_alleen_de_kasbeheerder_importeert(wereld, tmp_path):
    a = wereld.voucher("1.000")
    pad = _bestand(tmp_path, [f"{a},verzilver,10,Bouwmarkt,F-1,2026-04-01"])
    with pytest.raises(BetalingenGeweigerd) as e:
        boek(wereld.regie, lees(pad))
    assert "kasbeheerder" in e.value.gegevens["regels"][0][1]


def test_een_bestand_zonder_juiste_kopregel_is_ongeldig(tmp_path):
    pad = tmp_path / "x.csv"
    pad.write_text("code;bedrag\nV1;10\n", encoding="utf-8")
    with pytest.raises(Exception, match="kopregel"):
        lees(pad)
