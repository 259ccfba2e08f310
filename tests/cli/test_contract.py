"""The `voucher` command line held to its contract (/work/shared/CLI.md).

Exit codes, the `fout:` line, `--json` answers, amounts and dates as typed by people, the saldo that
reconciles, `demo` and `--help`. A representative set runs the REAL console script in a subprocess;
the many quick cases run `cli.main` in this process (same exit-code mapping) against a copy of one
prepared SQLite store (conftest.py).
"""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from cli_hulp import (
    COLLEGE,
    KAS,
    MORGEN,
    MORGEN_DMJ,
    REGIE,
    SALDO_BEDRAGEN,
    VOLGEND_JAAR,
    VOUCHER_NOORD,
    VOUCHER_OUD,
    aantal_events,
    controleer_fout,
    controleer_saldo_sluit,
    d,
    een_json_object,
    morgen,
    ok,
    voer_uit,
    voer_uit_echt,
    volledige_aanvraag,
)

from ledger.vouchercode import maak_code, parse_code

NOOIT_VERSTREKT = maak_code(999, 1)  # a valid check digit, never issued


# =====================================================================================
# The real console script: a representative set
# =====================================================================================


def test_de_hulp_van_het_echte_programma_geeft_exit_0():
    u = voer_uit_echt("--help")
    assert u.code == 0, u
    assert u.err == ""
    for woord in (
        "--database",
        "--json",
        "init",
        "mandaat",
        "wijk",
        "aanvraag",
        "verzilver",
        "contant",
        "saldo",
        "demo",
    ):
        assert woord in u.out, woord


def test_een_heel_jaar_op_sqlite_met_het_echte_programma(tmp_path):
    db = tmp_path / "jaar.db"

    def stap(gebruiker: str, *args: str) -> dict:
        voor = aantal_events(db) if db.exists() else 0
        antwoord = voer_uit_echt(*args, db=db, als_json=True, gebruiker=gebruiker).json()
        assert aantal_events(db) > voor, f"{args} schreef niets"
        return antwoord

    init = stap("wethouder", "init", "--gemeente", "Teststad", "--datum", "2026-01-01")
    assert init["gemeente"] == "Teststad"
    assert init["regeling"]["max_voucherwaarde"] == "5000.00"
    m = stap(
        "wethouder", "mandaat", "geven", "regie1", "--rol", "regiegroep", "--wijk", "NOORD", "--datum", "2026-01-01"
    )
    assert (m["gebruiker"], m["rol"], m["wijk"]) == ("regie1", "regiegroep", "NOORD")
    m = stap("wethouder", "mandaat", "geven", "kas1", "--rol", "kasbeheerder", "--datum", "2026-01-01")
    assert (m["gebruiker"], m["rol"], m["wijk"]) == ("kas1", "kasbeheerder", None)
    w = stap("wethouder", "wijk", "aanwijzen", "NOORD", "--naam", "Noord", "--periode", "2026", "--budget", "100.000",
             "--uitvoeringskosten", "10%", "--datum", "2026-01-02")  # fmt: skip
    assert (w["wijk"], w["periode"], w["budget"], w["uitvoeringskosten"], w["plafond"]) == (
        "NOORD", 2026, "100000.00", "10000.00", "90000.00",
    )  # fmt: skip
    a = stap("regie1", "aanvraag", "indienen", "--wijk", "NOORD", "--naam", "A", "--adres", "Straat 1", "--telefoon", "06",
             "--ondertekend", "--omschrijving", "Feest", "--planning", "juni", "--kosten", "1.000", "--elders-subsidie", "nee",
             "--ontvangen", "2026-02-01", "--datum", "2026-02-01")  # fmt: skip
    assert (a["aanvraag"], a["status"], a["ontbreekt"], a["ontvangen"]) == (1, "ingediend", [], "2026-02-01")
    assert a["beslissen_voor"] > a["ontvangen"]
    t = stap("regie1", "aanvraag", "toekennen", "1", "--datum", "2026-03-01")
    assert (t["aanvraag"], t["bedrag"], t["vouchers"]) == (
        1,
        "1000.00",
        [{"code": "V000001-01-0", "bedrag": "1000.00"}],
    )
    v = stap("kas1", "verzilver", "V000001-01-0", "--bedrag", "100", "--leverancier", "Bouwmarkt", "--factuur", "F1",
             "--datum", "2026-04-01")  # fmt: skip
    assert (v["voucher"], v["bedrag"], v["restant"]) == ("V000001-01-0", "100.00", "900.00")
    c = stap("kas1", "contant", "V000001-01-0", "--bedrag", "500", "--datum", "2026-04-02")
    assert (c["voucher"], c["bedrag"], c["restant"]) == ("V000001-01-0", "500.00", "400.00")

    toon = voer_uit_echt("toon", "V000001-01-0", db=db, als_json=True, gebruiker="iemand").json()
    assert {k: toon[k] for k in ("voucher", "wijk", "aanvraag", "waarde", "verzilverd", "contant", "restant")} == {
        "voucher": "V000001-01-0", "wijk": "NOORD", "aanvraag": 1, "waarde": "1000.00", "verzilverd": "100.00",
        "contant": "500.00", "restant": "400.00",
    }  # fmt: skip
    saldo = voer_uit_echt("saldo", db=db, als_json=True, gebruiker="iemand").json()
    controleer_saldo_sluit(saldo)
    [rij] = saldo["wijken"]
    assert {k: rij[k] for k in SALDO_BEDRAGEN} == {
        "budget": "100000.00", "uitvoeringskosten": "10000.00", "plafond": "90000.00", "toegekend": "1000.00",
        "verzilverd": "100.00", "contant": "500.00", "vervallen": "0.00", "teruggevorderd": "0.00",
        "terugontvangen": "0.00", "uitstaand": "400.00", "beschikbaar": "89000.00",
    }  # fmt: skip

    mens = voer_uit_echt("saldo", db=db, gebruiker="iemand")
    assert mens.code == 0 and mens.err == "", mens
    assert "€ 89.000,00" in mens.out and "€ 400,00" in mens.out


@pytest.mark.parametrize("als_json", [False, True], ids=["tekst", "json"])
@pytest.mark.parametrize(
    ("code", "gebruiker", "args"),
    [
        pytest.param(
            1, KAS, ["contant", VOUCHER_NOORD, "--bedrag", "600", "--datum", "2026-04-02"], id="1-contant-boven-500"
        ),
        pytest.param(
            2, KAS, ["contant", VOUCHER_NOORD, "--bedrag", "abc", "--datum", "2026-04-02"], id="2-onleesbaar-bedrag"
        ),
        pytest.param(3, COLLEGE, ["aanvraag", "toon", "999"], id="3-aanvraag-999"),
        pytest.param(5, COLLEGE, ["saldo"], id="5-map-bestaat-niet"),
    ],
)
def test_het_echte_programma_geeft_de_exitcodes_van_het_contract(store, tmp_path, code, gebruiker, args, als_json):
    db = tmp_path / "bestaat" / "niet" / "x.db" if code == 5 else store
    voor = aantal_events(store)
    u = voer_uit_echt(*args, db=db, als_json=als_json, gebruiker=gebruiker)
    controleer_fout(u, code, als_json=als_json)
    assert aantal_events(store) == voor
    assert not (tmp_path / "bestaat").exists()


def test_het_echte_programma_maakt_op_een_nieuw_pad_geen_bestand_en_geeft_exit_5(tmp_path):
    db = tmp_path / "nieuw.db"
    u = voer_uit_echt("saldo", db=db)
    controleer_fout(u, 5)
    assert not db.exists()
    assert list(tmp_path.iterdir()) == []


def test_zonder_database_optie_gebruikt_het_echte_programma_vouchers_db_in_de_huidige_map(tmp_path):
    ok(voer_uit_echt("init", "--gemeente", "Teststad", "--datum", "2026-01-01", cwd=tmp_path))
    assert (tmp_path / "vouchers.db").exists()
    assert aantal_events(tmp_path / "vouchers.db") > 0


def test_een_lege_database_optie_is_ongeldige_invoer_en_schrijft_nergens(tmp_path):
    u = voer_uit_echt("init", "--gemeente", "Teststad", "--datum", "2026-01-01", db="", cwd=tmp_path)
    assert list(tmp_path.iterdir()) == [], "een lege --database schreef in ./vouchers.db"
    controleer_fout(u, 2)


# =====================================================================================
# Exit 0: done, or a repeated identical request that changed nothing
# =====================================================================================


def test_herhaald_mandaat_geven_geeft_exit_0_en_schrijft_niets(store):
    voor = aantal_events(store)
    for datum in ("2025-01-01", "2026-05-01"):
        u = voer_uit(
            "mandaat",
            "geven",
            REGIE,
            "--rol",
            "regiegroep",
            "--wijk",
            "NOORD",
            "--datum",
            datum,
            db=store,
            als_json=True,
        )
        assert (u.json()["gebruiker"], u.json()["rol"], u.json()["wijk"]) == (REGIE, "regiegroep", "NOORD")
    ok(voer_uit("mandaat", "geven", KAS, "--rol", "kasbeheerder", "--datum", "2026-05-01", db=store))
    assert aantal_events(store) == voor


def test_herhaald_gelijk_wijk_aanwijzen_geeft_exit_0_en_schrijft_niets(store):
    voor = aantal_events(store)
    u = voer_uit("wijk", "aanwijzen", "NOORD", "--naam", "Noord", "--periode", "2026", "--budget", "100.000",
                 "--uitvoeringskosten", "10%", "--datum", "2026-01-03", db=store, als_json=True)  # fmt: skip
    assert (u.json()["budget"], u.json()["plafond"]) == ("100000.00", "90000.00")
    assert aantal_events(store) == voor


def test_dezelfde_factuur_met_dezelfde_voucher_en_hetzelfde_bedrag_is_een_herhaling_met_exit_0(store):
    voor = aantal_events(store)
    for datum in ("2026-04-01", "2026-04-09"):
        u = voer_uit("verzilver", VOUCHER_NOORD, "--bedrag", "100,00", "--leverancier", "Bouwmarkt", "--factuur", "F1",
                     "--datum", datum, db=store, als_json=True, gebruiker=KAS)  # fmt: skip
        assert (u.json()["voucher"], u.json()["bedrag"], u.json()["restant"]) == (VOUCHER_NOORD, "100.00", "900.00")
    assert aantal_events(store) == voor
    toon = voer_uit("toon", VOUCHER_NOORD, db=store, als_json=True).json()
    assert toon["verzilverd"] == "100.00"


def test_herhaald_toekennen_geeft_hetzelfde_besluit_en_schrijft_niets(store):
    voor = aantal_events(store)
    u = voer_uit("aanvraag", "toekennen", "1", "--datum", "2026-03-02", db=store, als_json=True, gebruiker=REGIE)
    assert u.json()["vouchers"] == [{"code": VOUCHER_NOORD, "bedrag": "1000.00"}]
    assert aantal_events(store) == voor


def test_herhaald_init_voor_dezelfde_gemeente_geeft_exit_0_en_schrijft_niets(store):
    voor = aantal_events(store)
    u = voer_uit("init", "--gemeente", "Teststad", "--datum", "2025-01-01", db=store, als_json=True)
    assert u.json()["gemeente"] == "Teststad"
    assert aantal_events(store) == voor


def test_herhaald_gelijk_weigeren_geeft_exit_0_en_schrijft_niets(store):
    ok(voer_uit(*volledige_aanvraag("NOORD", "B", "500", "2026-02-02"), db=store, gebruiker=REGIE))
    weiger = [
        "aanvraag",
        "weigeren",
        "3",
        "--grond",
        "c",
        "--motivering",
        "vooral privébelang",
        "--datum",
        "2026-03-02",
    ]
    ok(voer_uit(*weiger, db=store, gebruiker=REGIE))
    voor = aantal_events(store)
    u = voer_uit(*weiger, db=store, als_json=True, gebruiker=REGIE)
    assert (u.json()["aanvraag"], u.json()["grond"]) == (3, "c")
    assert aantal_events(store) == voor


# =====================================================================================
# Every refusal: its exit code, one `fout:` line (or JSON object), no traceback, nothing written
# =====================================================================================

_VOLGORDE = [
    (REGIE, volledige_aanvraag("NOORD", "B", "500", "2026-02-02")),
    (REGIE, volledige_aanvraag("NOORD", "C", "500", "2026-02-03")),
]
_NIEUWE_AANVRAAG = [(REGIE, volledige_aanvraag("NOORD", "B", "500", "2026-02-02"))]

FOUTGEVALLEN = [
    # --- 1: refused by a rule (plafond, limit, term, order, mandate) ---------------------------------
    pytest.param(1, REGIE, ["aanvraag", "toekennen", "3", "--datum", "2026-03-01"],
                 [(REGIE, volledige_aanvraag("KLEIN", "B", "2.500", "2026-02-02"))], id="1-boven-het-plafond"),
    pytest.param(1, KAS, ["contant", VOUCHER_NOORD, "--bedrag", "500,01", "--datum", "2026-04-02"], [], id="1-contant-boven-500"),
    pytest.param(1, REGIE, ["contant", VOUCHER_NOORD, "--bedrag", "10", "--datum", "2026-04-02"], [],
                 id="1-regiegroep-zonder-kasmandaat-betaalt"),
    pytest.param(1, KAS, ["aanvraag", "toekennen", "3", "--datum", "2026-03-01"], _NIEUWE_AANVRAAG,
                 id="1-kasbeheerder-zonder-regiemandaat-kent-toe"),
    pytest.param(1, REGIE, ["mandaat", "geven", "iemand", "--rol", "kasbeheerder", "--datum", "2026-04-02"], [],
                 id="1-regiegroep-geeft-mandaat"),
    pytest.param(1, "onbekende.persoon", volledige_aanvraag("NOORD", "Z", "500", "2026-02-02"), [],
                 id="1-zonder-mandaat-een-aanvraag-registreren"),
    pytest.param(1, COLLEGE, ["mandaat", "geven", "iemand", "--rol", "kasbeheerder", "--datum", "2024-12-31"], [],
                 id="1-mandaat-gold-nog-niet-op-de-datum"),
    pytest.param(1, REGIE, ["aanvraag", "toekennen", "4", "--datum", "2026-03-01"], _VOLGORDE, id="1-volgorde-van-binnenkomst"),
    pytest.param(1, KAS, ["verzilver", VOUCHER_NOORD, "--bedrag", "900,01", "--leverancier", "X", "--factuur", "F2",
                          "--datum", "2026-04-02"], [], id="1-betaling-boven-restant"),
    pytest.param(1, KAS, ["contant", VOUCHER_NOORD, "--bedrag", "0,01", "--datum", "2026-04-03"],
                 [(KAS, ["contant", VOUCHER_NOORD, "--bedrag", "500", "--datum", "2026-04-02"]),
                  (KAS, ["contant", VOUCHER_NOORD, "--bedrag", "400", "--datum", "2026-04-02"])], id="1-contant-boven-restant"),
    pytest.param(1, KAS, ["verzilver", VOUCHER_NOORD, "--bedrag", "101", "--leverancier", "Bouwmarkt", "--factuur", "F1",
                          "--datum", "2026-04-02"], [], id="1-zelfde-factuur-ander-bedrag"),
    pytest.param(1, KAS, ["verzilver", maak_code(3, 1), "--bedrag", "100", "--leverancier", "Bouwmarkt", "--factuur", "F1",
                          "--datum", "2026-04-02"],
                 [*_NIEUWE_AANVRAAG, (REGIE, ["aanvraag", "toekennen", "3", "--datum", "2026-03-01"])],
                 id="1-zelfde-factuur-andere-voucher"),
    pytest.param(1, REGIE, ["aanvraag", "toekennen", "3", "--datum", "2026-03-01"],
                 [(REGIE, volledige_aanvraag("NOORD", "B", "12.000", "2026-02-02"))], id="1-boven-de-drempel-zonder-raadpleging"),
    pytest.param(1, REGIE, ["aanvraag", "toekennen", "3", "--datum", "2026-03-01"],
                 [(REGIE, ["aanvraag", "indienen", "--wijk", "NOORD", "--naam", "B", "--datum", "2026-02-02"])],
                 id="1-onvolledige-aanvraag-beslissen"),
    pytest.param(1, REGIE, ["aanvraag", "toekennen", "3", "--datum", "2026-07-01"],
                 [(REGIE, volledige_aanvraag("NOORD", "B", "500", "2026-05-01"))], id="1-toekenning-na-de-verstrekdatum"),
    pytest.param(1, KAS, ["verzilver", VOUCHER_OUD, "--bedrag", "10", "--leverancier", "X", "--factuur", "F9",
                          "--datum", "2026-01-05"], [], id="1-betaling-na-de-uitvoeringsdatum"),
    pytest.param(1, KAS, ["contant", VOUCHER_OUD, "--bedrag", "10", "--datum", "2026-01-05"], [], id="1-contant-na-de-uitvoeringsdatum"),
    pytest.param(1, REGIE, ["aanvraag", "toekennen", "1", "--bedrag", "900", "--grond", "e", "--motivering", "x",
                            "--datum", "2026-03-02"], [], id="1-opnieuw-toekennen-met-ander-bedrag"),
    pytest.param(1, COLLEGE, ["wijk", "aanwijzen", "NOORD", "--naam", "Noord", "--periode", "2026", "--budget", "100.001",
                              "--uitvoeringskosten", "10%", "--datum", "2026-01-03"], [], id="1-wijk-opnieuw-met-ander-budget"),
    pytest.param(1, COLLEGE, ["wijk", "aanwijzen", "ZUID", "--naam", "Zuid", "--periode", "2026", "--budget", "1.000",
                              "--uitvoeringskosten", "11%", "--datum", "2026-01-03"], [], id="1-uitvoeringskosten-boven-10-procent"),
    pytest.param(1, COLLEGE, ["init", "--gemeente", "Anderstad", "--datum", "2025-01-01"], [], id="1-init-voor-een-andere-gemeente"),
    # --- 2: bad input or usage -------------------------------------------------------------------------
    pytest.param(2, KAS, ["contant", VOUCHER_NOORD, "--bedrag", "abc", "--datum", "2026-04-02"], [], id="2-onleesbaar-bedrag"),
    pytest.param(2, KAS, ["contant", VOUCHER_NOORD, "--bedrag", "1", "--datum", MORGEN], [], id="2-datum-morgen"),
    pytest.param(2, REGIE, [*volledige_aanvraag("NOORD", "B", "500", "2026-02-02")[:-4], "--ontvangen", MORGEN],
                 [], id="2-ontvangen-morgen"),
    pytest.param(2, KAS, ["contant", "V000001-01-1", "--bedrag", "1", "--datum", "2026-04-02"], [], id="2-controlecijfer-getikt"),
    pytest.param(2, KAS, ["contant", "V000003-01-0", "--bedrag", "1", "--datum", "2026-04-02"], [], id="2-aanvraagcijfer-getikt"),
    pytest.param(2, KAS, ["contant", "V000001-10-0", "--bedrag", "1", "--datum", "2026-04-02"], [], id="2-buurcijfers-verwisseld"),
    pytest.param(2, KAS, ["contant", "V000002-10-9", "--bedrag", "1", "--datum", "2025-04-02"], [], id="2-buurcijfers-verwisseld-oud"),
    pytest.param(2, KAS, ["contant", "V000002-09-1", "--bedrag", "1", "--datum", "2025-04-02"], [],
                 id="2-volgnummer-en-controlecijfer-verwisseld"),
    pytest.param(2, KAS, ["contant", "X123", "--bedrag", "1", "--datum", "2026-04-02"], [], id="2-geen-vouchercode"),
    pytest.param(2, KAS, ["contant", VOUCHER_NOORD, "--bedrag", "1", "--bestaat-niet"], [], id="2-onbekende-optie"),
    pytest.param(2, KAS, ["verzilver", VOUCHER_NOORD, "--bedrag", "1", "--factuur", "F3"], [], id="2-verplichte-optie-ontbreekt"),
    pytest.param(2, KAS, ["contant", "--bedrag", "1"], [], id="2-argument-ontbreekt"),
    pytest.param(2, KAS, ["verzilveren", VOUCHER_NOORD], [], id="2-onbekend-commando"),
    pytest.param(2, COLLEGE, ["mandaat", "geven", "iemand", "--rol", "koning", "--datum", "2026-04-02"], [], id="2-onbekende-rol"),
    pytest.param(2, COLLEGE, ["mandaat", "geven", "iemand", "--rol", "regiegroep", "--datum", "2026-04-02"], [],
                 id="2-regiegroep-zonder-wijk"),
    pytest.param(2, REGIE, ["aanvraag", "toekennen", "abc"], [], id="2-aanvraagnummer-geen-getal"),
    pytest.param(2, REGIE, ["aanvraag", "toekennen", "0"], [], id="2-aanvraagnummer-nul"),
    pytest.param(2, REGIE, ["aanvraag", "indienen", "--wijk", "NOORD", "--naam", "B", "--elders-subsidie", "misschien",
                            "--datum", "2026-02-02"], [], id="2-ja-nee-fout"),
    pytest.param(2, COLLEGE, ["wijk", "aanwijzen", "noord!", "--naam", "x", "--periode", "2026", "--budget", "1",
                              "--datum", "2026-01-02"], [], id="2-ongeldige-wijkcode"),
    pytest.param(2, COLLEGE, ["wijk", "aanwijzen", "ZUID", "--naam", "x\x07", "--periode", "2026", "--budget", "1",
                              "--datum", "2026-01-02"], [], id="2-stuurteken-in-naam"),
    # Registered before it was received: an act dated before the act it depends on is refused by a rule (CLI.md).
    pytest.param(1, REGIE, ["aanvraag", "indienen", "--wijk", "NOORD", "--naam", "x", "--ontvangen", "2026-02-03",
                            "--datum", "2026-02-02"], [], id="1-registratie-voor-de-ontvangst"),
    # --- 3: not found ---------------------------------------------------------------------------------
    pytest.param(3, COLLEGE, ["aanvraag", "toon", "999"], [], id="3-aanvraag-999-tonen"),
    pytest.param(3, REGIE, ["aanvraag", "toekennen", "999", "--datum", "2026-03-01"], [], id="3-aanvraag-999-toekennen"),
    pytest.param(3, REGIE, ["aanvraag", "weigeren", "999", "--grond", "a", "--motivering", "x", "--datum", "2026-03-01"], [],
                 id="3-aanvraag-999-weigeren"),
    pytest.param(3, COLLEGE, ["toon", NOOIT_VERSTREKT], [], id="3-voucher-nooit-verstrekt-tonen"),
    pytest.param(3, KAS, ["verzilver", NOOIT_VERSTREKT, "--bedrag", "1", "--leverancier", "X", "--factuur", "F3",
                          "--datum", "2026-04-02"], [], id="3-voucher-nooit-verstrekt-verzilveren"),
    pytest.param(3, KAS, ["contant", NOOIT_VERSTREKT, "--bedrag", "1", "--datum", "2026-04-02"], [], id="3-voucher-nooit-verstrekt-contant"),
    pytest.param(3, COLLEGE, ["saldo", "--wijk", "ONBEKEND"], [], id="3-saldo-van-onbekende-wijk"),
    pytest.param(3, COLLEGE, ["wijk", "plafond", "NOORD", "--periode", "2030", "1.000", "--datum", "2026-01-02"], [],
                 id="3-plafond-van-wijk-in-ander-jaar"),
]  # fmt: skip


@pytest.mark.parametrize("als_json", [False, True], ids=["tekst", "json"])
@pytest.mark.parametrize(("code", "gebruiker", "args", "voorbereiding"), FOUTGEVALLEN)
def test_een_weigering_geeft_de_exitcode_een_foutregel_en_schrijft_niets(
    store, code, gebruiker, args, voorbereiding, als_json
):
    for wie, stap in voorbereiding:
        ok(voer_uit(*stap, db=store, gebruiker=wie))
    voor = aantal_events(store)
    u = voer_uit(*args, db=store, als_json=als_json, gebruiker=gebruiker)
    controleer_fout(u, code, als_json=als_json)
    assert aantal_events(store) == voor, "een geweigerde opdracht schreef toch gebeurtenissen"


def test_contant_boven_500_wordt_geweigerd_met_exit_1(store):
    u = voer_uit("contant", VOUCHER_NOORD, "--bedrag", "500,01", "--datum", "2026-04-02", db=store, gebruiker=KAS)
    regel = controleer_fout(u, 1)
    assert "€ 500,00" in regel and "art. 9" in regel


def test_contant_van_precies_500_wordt_uitbetaald(store):
    u = voer_uit(
        "contant", VOUCHER_NOORD, "--bedrag", "500", "--datum", "2026-04-02", db=store, als_json=True, gebruiker=KAS
    )
    assert (u.json()["bedrag"], u.json()["restant"]) == ("500.00", "400.00")


def test_een_toekenning_boven_het_plafond_noemt_het_beschikbare_bedrag_en_grond_e(store):
    ok(voer_uit(*volledige_aanvraag("KLEIN", "B", "2.500", "2026-02-02"), db=store, gebruiker=REGIE))
    fout = controleer_fout(
        voer_uit("aanvraag", "toekennen", "3", "--datum", "2026-03-01", db=store, als_json=True, gebruiker=REGIE), 1
    )
    assert "2.000,00" in fout["melding"]
    assert "6" in fout["artikel"] and "e" in fout["artikel"]
    # The available amount itself may be granted (partially refused on ground e).
    u = voer_uit("aanvraag", "toekennen", "3", "--bedrag", "2.000", "--grond", "e", "--motivering", "plafond bereikt",
                 "--datum", "2026-03-01", db=store, als_json=True, gebruiker=REGIE)  # fmt: skip
    assert u.json()["bedrag"] == "2000.00"
    [rij] = voer_uit("saldo", "--wijk", "KLEIN", db=store, als_json=True).json()["wijken"]
    assert (rij["toegekend"], rij["beschikbaar"]) == ("2000.00", "0.00")


def test_buiten_de_volgorde_van_binnenkomst_kan_met_een_vastgelegde_reden(store):
    for wie, stap in _VOLGORDE:
        ok(voer_uit(*stap, db=store, gebruiker=wie))
    u = voer_uit("aanvraag", "toekennen", "4", "--buiten-volgorde", "spoedeisend", "--datum", "2026-03-01",
                 db=store, als_json=True, gebruiker=REGIE)  # fmt: skip
    assert u.json()["aanvraag"] == 4


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(VOUCHER_NOORD, id="noord"),
        pytest.param(VOUCHER_OUD, id="oud"),
    ],
)
def test_elke_enkele_tikfout_en_elke_verwisseling_van_buren_in_een_vouchercode_is_ongeldige_invoer(store, code):
    cijfers = code[1:7] + code[8:10] + code[11]
    varianten: set[str] = set()
    for i, c in enumerate(cijfers):
        for ander in "0123456789":
            if ander != c:
                varianten.add(cijfers[:i] + ander + cijfers[i + 1 :])
    for i in range(len(cijfers) - 1):
        if cijfers[i] != cijfers[i + 1]:
            varianten.add(cijfers[:i] + cijfers[i + 1] + cijfers[i] + cijfers[i + 2 :])
    voor = aantal_events(store)
    for v in sorted(varianten):
        getikt = f"V{v[:6]}-{v[6:8]}-{v[8]}"
        u = voer_uit("contant", getikt, "--bedrag", "1", "--datum", "2026-04-02", db=store, gebruiker=KAS)
        controleer_fout(u, 2)
        assert "vouchercode" in u.err, u
    assert aantal_events(store) == voor


@pytest.mark.parametrize(
    "vorm", ["{c}", "{c_klein}", "{c_zonder}", "  {c}  "], ids=["canoniek", "kleine-v", "zonder-streepjes", "spaties"]
)
def test_een_vouchercode_mag_in_de_toegestane_vormen_worden_getypt(basis_store, vorm):
    getypt = vorm.format(c=VOUCHER_NOORD, c_klein=VOUCHER_NOORD.lower(), c_zonder=VOUCHER_NOORD.replace("-", ""))
    assert voer_uit("toon", getypt, db=basis_store, als_json=True).json()["voucher"] == VOUCHER_NOORD


# =====================================================================================
# Exit 5: store missing or not initialised; the file is not created
# =====================================================================================


@pytest.mark.parametrize(
    ("gebruiker", "args"),
    [
        pytest.param(COLLEGE, ["saldo"], id="saldo"),
        pytest.param(COLLEGE, ["regeling"], id="regeling"),
        pytest.param(COLLEGE, ["mandaat", "lijst"], id="mandaat-lijst"),
        pytest.param(COLLEGE, ["wijk", "lijst"], id="wijk-lijst"),
        pytest.param(COLLEGE, ["aanvraag", "toon", "1"], id="aanvraag-toon"),
        pytest.param(COLLEGE, ["toon", VOUCHER_NOORD], id="toon"),
        pytest.param(COLLEGE, ["mandaat", "geven", REGIE, "--rol", "regiegroep", "--wijk", "NOORD", "--datum", "2026-01-01"], id="mandaat-geven"),
        pytest.param(COLLEGE, ["wijk", "aanwijzen", "NOORD", "--naam", "N", "--periode", "2026", "--budget", "1.000",
                               "--datum", "2026-01-02"], id="wijk-aanwijzen"),
        pytest.param(REGIE, volledige_aanvraag("NOORD", "A", "1.000", "2026-02-01"), id="aanvraag-indienen"),
        pytest.param(KAS, ["verzilver", VOUCHER_NOORD, "--bedrag", "1", "--leverancier", "X", "--factuur", "F",
                           "--datum", "2026-04-01"], id="verzilver"),
        pytest.param(KAS, ["contant", VOUCHER_NOORD, "--bedrag", "1", "--datum", "2026-04-01"], id="contant"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("als_json", [False, True], ids=["tekst", "json"])
def test_een_pad_zonder_administratie_geeft_exit_5_en_maakt_geen_bestand(tmp_path, gebruiker, args, als_json):
    db = tmp_path / "nieuw.db"
    u = voer_uit(*args, db=db, als_json=als_json, gebruiker=gebruiker)
    controleer_fout(u, 5, als_json=als_json)
    assert not db.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("als_json", [False, True], ids=["tekst", "json"])
def test_een_database_in_een_map_die_niet_bestaat_geeft_exit_5(als_json):
    controleer_fout(voer_uit("saldo", db="/tmp/nonexistent/x.db", als_json=als_json), 5, als_json=als_json)
    assert not Path("/tmp/nonexistent/x.db").exists()


def test_een_sqlite_bestand_zonder_tabellen_geeft_exit_5(tmp_path):
    db = tmp_path / "ander.db"
    verbinding = sqlite3.connect(db)
    verbinding.execute("CREATE TABLE iets_anders (a)")
    verbinding.commit()
    verbinding.close()
    controleer_fout(voer_uit("saldo", db=db), 5)


def test_een_leeg_bestand_geeft_exit_5(tmp_path):
    db = tmp_path / "leeg.db"
    db.touch()
    controleer_fout(voer_uit("saldo", db=db), 5)
    controleer_fout(voer_uit("saldo", db=db, als_json=True), 5)


@pytest.mark.parametrize("als_json", [False, True], ids=["tekst", "json"])
def test_een_bestand_dat_geen_sqlite_database_is_geeft_exit_5(tmp_path, als_json):
    db = tmp_path / "rommel.db"
    db.write_text("dit is geen sqlite database\n")
    controleer_fout(voer_uit("saldo", db=db, als_json=als_json), 5, als_json=als_json)


@pytest.mark.parametrize("als_json", [False, True], ids=["tekst", "json"])
def test_een_geweigerde_init_laat_geen_opslagbestand_achter(tmp_path, als_json):
    db = tmp_path / "nieuw.db"
    u = voer_uit("init", "--gemeente", "Teststad", "--datum", morgen().isoformat(), db=db, als_json=als_json)
    controleer_fout(u, 2, als_json=als_json)
    assert list(tmp_path.iterdir()) == [], "de geweigerde init liet toch een opslagbestand achter"


def test_na_een_geweigerde_init_is_de_opslag_nog_niet_ingericht(tmp_path):
    db = tmp_path / "nieuw.db"
    controleer_fout(voer_uit("init", "--gemeente", "Teststad", "--datum", morgen().isoformat(), db=db), 2)
    controleer_fout(voer_uit("saldo", db=db), 5)
    ok(voer_uit("init", "--gemeente", "Teststad", "--datum", "2026-01-01", db=db))


# =====================================================================================
# --json: the keys of the contract, amounts as "1234.50", dates ISO, no floats
# =====================================================================================


def test_json_van_init_en_regeling(tmp_path):
    db = tmp_path / "nieuw.db"
    init = voer_uit("init", "--gemeente", "Teststad", "--datum", "2026-01-01", db=db, als_json=True).json()
    assert init["gemeente"] == "Teststad"
    assert isinstance(init["regeling"], dict)
    regeling = voer_uit("regeling", db=db, als_json=True, gebruiker="iemand").json()
    for r in (init["regeling"], regeling):
        assert (r["max_voucherwaarde"], r["raadplegingsdrempel"], r["contant_max"]) == ("5000.00", "10000.00", "500.00")
        assert (r["verstrekken_tot"], r["uitvoeren_tot"]) == ("--06-30", "--12-31")  # ISO 8601 month-day
    assert regeling["gemeente"] == "Teststad"


def test_de_gebruiker_die_init_doet_krijgt_het_collegemandaat(tmp_path):
    db = tmp_path / "nieuw.db"
    ok(voer_uit("init", "--gemeente", "Teststad", "--datum", "2026-01-01", db=db, gebruiker="a.wethouder"))
    mandaten = voer_uit("mandaat", "lijst", db=db, als_json=True).json()["mandaten"]
    assert [(m["gebruiker"], m["rol"]) for m in mandaten] == [("a.wethouder", "college")]


def test_de_database_komt_uit_voucher_database_als_de_optie_ontbreekt(basis_store):
    u = voer_uit("saldo", als_json=True, omgeving={"VOUCHER_DATABASE": str(basis_store)})
    controleer_saldo_sluit(u.json())
    u = voer_uit("saldo", db=f"sqlite:///{basis_store}", als_json=True)
    controleer_saldo_sluit(u.json())


def test_json_van_mandaat_geven(store):
    regie = voer_uit("mandaat", "geven", "anna", "--rol", "regiegroep", "--wijk", "noord", "--datum", "2026-05-01",
                     db=store, als_json=True).json()  # fmt: skip
    assert (regie["gebruiker"], regie["rol"], regie["wijk"]) == ("anna", "regiegroep", "NOORD")
    kas = voer_uit(
        "mandaat", "geven", "kees", "--rol", "kasbeheerder", "--datum", "2026-05-01", db=store, als_json=True
    ).json()
    assert (kas["gebruiker"], kas["rol"], kas["wijk"]) == ("kees", "kasbeheerder", None)


def test_json_van_wijk_aanwijzen(store):
    w = voer_uit("wijk", "aanwijzen", "ZUID", "--naam", "Zuid", "--periode", "2026", "--budget", "1.234,56",
                 "--uitvoeringskosten", "100", "--datum", "2026-01-02", db=store, als_json=True).json()  # fmt: skip
    assert (w["wijk"], w["periode"], w["budget"], w["uitvoeringskosten"], w["plafond"]) == (
        "ZUID", 2026, "1234.56", "100.00", "1134.56",
    )  # fmt: skip


def test_json_van_een_volledige_aanvraag(store):
    a = voer_uit(
        *volledige_aanvraag("NOORD", "B", "500", "2026-02-02"), db=store, als_json=True, gebruiker=REGIE
    ).json()
    assert (a["aanvraag"], a["status"], a["ontbreekt"], a["ontvangen"]) == (3, "ingediend", [], "2026-02-02")
    assert a["beslissen_voor"] == "2026-03-02"  # four weeks (art. 5 lid 1)


def test_json_van_een_onvolledige_aanvraag_en_de_aanvulling(store):
    a = voer_uit("aanvraag", "indienen", "--wijk", "NOORD", "--naam", "B", "--datum", "2026-02-02",
                 db=store, als_json=True, gebruiker=REGIE).json()  # fmt: skip
    assert (a["aanvraag"], a["status"], a["ontvangen"]) == (3, "onvolledig", "2026-02-02")
    assert isinstance(a["ontbreekt"], list) and len(a["ontbreekt"]) == 7  # every item of art. 4 lid 2
    assert all(isinstance(x, str) and x for x in a["ontbreekt"])
    assert "beslissen_voor" in a
    vraag = voer_uit("aanvraag", "aanvulling-vragen", "3", "--wat", "alles", "--datum", "2026-02-03",
                     db=store, als_json=True, gebruiker=REGIE).json()  # fmt: skip
    assert {"aanvraag", "status", "ontbreekt"} <= set(vraag)
    aan = voer_uit("aanvraag", "aanvullen", "3", "--adres", "Lindelaan 1", "--telefoon", "06", "--ondertekend",
                   "--omschrijving", "Feest", "--planning", "juni", "--kosten", "500", "--elders-subsidie", "nee",
                   "--datum", "2026-02-05", db=store, als_json=True, gebruiker=REGIE).json()  # fmt: skip
    assert (aan["aanvraag"], aan["status"], aan["ontbreekt"]) == (3, "ingediend", [])


def test_json_van_toekennen_boven_de_drempel_via_geschikt_en_raadpleging(store):
    ok(voer_uit(*volledige_aanvraag("NOORD", "B", "12.000,01", "2026-02-02"), db=store, gebruiker=REGIE))
    g = voer_uit("aanvraag", "geschikt", "3", "--datum", "2026-03-01", db=store, als_json=True, gebruiker=REGIE).json()
    assert (g["aanvraag"], g["status"]) == (3, "geschikt")
    r = voer_uit("raadpleging", "besluit", "3", "--uitkomst", "voor", "--stemmen-voor", "40", "--stemmen-tegen", "3",
                 "--datum", "2026-03-10", db=store, als_json=True, gebruiker=REGIE).json()  # fmt: skip
    assert (r["aanvraag"], r["uitkomst"]) == (3, "voor")
    t = voer_uit("aanvraag", "toekennen", "3", "--datum", "2026-03-11", db=store, als_json=True, gebruiker=REGIE).json()
    assert (t["aanvraag"], t["bedrag"]) == (3, "12000.01")
    assert len(t["vouchers"]) == 3  # as many as needed at € 5.000 each
    for i, v in enumerate(t["vouchers"], start=1):
        assert set(v) == {"code", "bedrag"}
        assert parse_code(v["code"]) == (3, i)
        assert Decimal("0") < d(v["bedrag"]) <= Decimal("5000.00")
    assert sum(d(v["bedrag"]) for v in t["vouchers"]) == Decimal("12000.01")
    # Deterministic: asking again gives the same vouchers, and writes nothing.
    voor = aantal_events(store)
    assert (
        voer_uit("aanvraag", "toekennen", "3", "--datum", "2026-03-12", db=store, als_json=True, gebruiker=REGIE).json()
        == t
    )
    assert aantal_events(store) == voor


def test_json_van_weigeren(store):
    ok(voer_uit(*volledige_aanvraag("NOORD", "B", "500", "2026-02-02"), db=store, gebruiker=REGIE))
    w = voer_uit("aanvraag", "weigeren", "3", "--grond", "d", "--motivering", "onderhoud niet gewaarborgd",
                 "--datum", "2026-03-01", db=store, als_json=True, gebruiker=REGIE).json()  # fmt: skip
    assert (w["aanvraag"], w["grond"]) == (3, "d")


def test_json_van_raadpleging_tegen(store):
    ok(voer_uit(*volledige_aanvraag("NOORD", "B", "15.000", "2026-02-02"), db=store, gebruiker=REGIE))
    ok(voer_uit("aanvraag", "geschikt", "3", "--datum", "2026-03-01", db=store, gebruiker=REGIE))
    r = voer_uit("raadpleging", "besluit", "3", "--uitkomst", "tegen", "--datum", "2026-03-10", db=store, als_json=True,
                 gebruiker=REGIE).json()  # fmt: skip
    assert (r["aanvraag"], r["uitkomst"]) == (3, "tegen")
    voor = aantal_events(store)
    u = voer_uit("aanvraag", "toekennen", "3", "--datum", "2026-03-11", db=store, gebruiker=REGIE)
    controleer_fout(u, 1)
    assert aantal_events(store) == voor
    assert voer_uit("aanvraag", "toon", "3", db=store, als_json=True).json()["status"] != "toegekend"


@pytest.mark.parametrize(
    ("voorbereiding", "args"),
    [
        pytest.param([["aanvraag", "weigeren", "3", "--grond", "c", "--motivering", "x", "--datum", "2026-03-01"]],
                     ["aanvraag", "toekennen", "3", "--datum", "2026-03-02"], id="toekennen-na-weigeren"),
        pytest.param([["aanvraag", "toekennen", "3", "--datum", "2026-03-01"]],
                     ["aanvraag", "weigeren", "3", "--grond", "c", "--motivering", "x", "--datum", "2026-03-02"],
                     id="weigeren-na-toekennen"),
        pytest.param([], ["raadpleging", "besluit", "3", "--uitkomst", "voor", "--datum", "2026-03-02"],
                     id="raadpleging-zonder-geschikt"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("als_json", [False, True], ids=["tekst", "json"])
def test_een_handeling_die_niet_past_bij_de_status_van_de_aanvraag_noemt_het_artikel(
    store, voorbereiding, args, als_json
):
    ok(voer_uit(*volledige_aanvraag("NOORD", "B", "500", "2026-02-02"), db=store, gebruiker=REGIE))
    for stap in voorbereiding:
        ok(voer_uit(*stap, db=store, gebruiker=REGIE))
    voor = aantal_events(store)
    u = voer_uit(*args, db=store, als_json=als_json, gebruiker=REGIE)
    assert aantal_events(store) == voor
    controleer_fout(u, 1, als_json=als_json)


def test_json_van_verzilver_contant_en_toon(store):
    v = voer_uit("verzilver", VOUCHER_NOORD, "--bedrag", "234,5", "--leverancier", "Drukkerij",
                 "--factuur", "2026-17", "--datum", "2026-04-02", db=store, als_json=True, gebruiker=KAS).json()  # fmt: skip
    assert (v["voucher"], v["bedrag"], v["restant"]) == (VOUCHER_NOORD, "234.50", "665.50")
    c = voer_uit(
        "contant", VOUCHER_NOORD, "--bedrag", "€ 65,50", "--datum", "2026-04-03", db=store, als_json=True, gebruiker=KAS
    ).json()
    assert (c["voucher"], c["bedrag"], c["restant"]) == (VOUCHER_NOORD, "65.50", "600.00")
    t = voer_uit("toon", VOUCHER_NOORD, db=store, als_json=True, gebruiker="iemand").json()
    assert {k: t[k] for k in ("voucher", "wijk", "aanvraag", "waarde", "verzilverd", "contant", "restant")} == {
        "voucher": VOUCHER_NOORD, "wijk": "NOORD", "aanvraag": 1, "waarde": "1000.00", "verzilverd": "334.50",
        "contant": "65.50", "restant": "600.00",
    }  # fmt: skip
    assert isinstance(t["status"], str) and t["status"]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["saldo"], id="saldo"),
        pytest.param(["regeling"], id="regeling"),
        pytest.param(["mandaat", "lijst"], id="mandaat-lijst"),
        pytest.param(["wijk", "lijst"], id="wijk-lijst"),
        pytest.param(["aanvraag", "lijst"], id="aanvraag-lijst"),
        pytest.param(["aanvraag", "toon", "1"], id="aanvraag-toon"),
        pytest.param(["toon", VOUCHER_NOORD], id="toon"),
        pytest.param(["vouchers"], id="vouchers"),
        pytest.param(["vouchers", "--wijk", "NOORD", "--periode", "2026", "--met-restant"], id="vouchers-selectie"),
        pytest.param(["kasboek", "--van", "2026-01-01", "--tot", "2026-12-31", "--leverancier", "bouw"], id="kasboek"),
        pytest.param(["aanvraag", "lijst", "--periode", "2026", "--zoek", "plein"], id="aanvraag-zoek"),
    ],
)
def test_elk_leescommando_geeft_met_json_een_object_zonder_floats_en_schrijft_niets(basis_store, args):
    voor = aantal_events(basis_store)
    voer_uit(*args, db=basis_store, als_json=True, gebruiker="iemand").json()
    assert aantal_events(basis_store) == voor


def test_json_geeft_niets_dan_het_object_op_stdout(basis_store):
    u = voer_uit("saldo", db=basis_store, als_json=True)
    assert u.out.count("\n") == 1 and u.out.endswith("}\n"), u
    assert json.loads(u.out) == een_json_object(u.out)


@pytest.mark.parametrize("groep", ["mandaat", "wijk", "aanvraag", "raadpleging", "betaling"])
def test_met_json_geeft_een_groep_zonder_subcommando_een_json_fout(basis_store, groep):
    controleer_fout(voer_uit(groep, db=basis_store, als_json=True), 2, als_json=True)


# =====================================================================================
# Amounts (BEDRAG) and dates (DATUM) as people type them
# =====================================================================================

GOEDE_BEDRAGEN = [
    ("1234", "1234.00"),
    ("1234,5", "1234.50"),
    ("1234,50", "1234.50"),
    ("1.234,50", "1234.50"),
    ("€ 1.234,50", "1234.50"),
    ("1234.50", "1234.50"),
    ("1234.5", "1234.50"),
    ("1.234", "1234.00"),
    ("12.345.678,90", "12345678.90"),
    (" 1234 ", "1234.00"),
]
FOUTE_BEDRAGEN = [
    "1,234.50",
    "12,345",
    "1.23.4",
    "-5",
    "0",
    "abc",
    "1e3",
    "NaN",
    "",
    "1,234",
    "12.34.567",
    "0,00",
    "€",
    "1.2345",
]


@pytest.mark.parametrize(("getypt", "verwacht"), GOEDE_BEDRAGEN, ids=[g for g, _ in GOEDE_BEDRAGEN])
def test_een_bedrag_in_nederlandse_notatie_wordt_gelezen_en_bewaard(store, getypt, verwacht):
    voor = aantal_events(store)
    w = voer_uit("wijk", "aanwijzen", "BEDRAG", "--naam", "Bedrag", "--periode", "2026", "--budget", getypt,
                 "--datum", "2026-01-02", db=store, als_json=True).json()  # fmt: skip
    assert (w["budget"], w["plafond"]) == (verwacht, verwacht)
    assert aantal_events(store) > voor
    [rij] = voer_uit("saldo", "--wijk", "BEDRAG", db=store, als_json=True).json()["wijken"]
    assert rij["budget"] == verwacht


@pytest.mark.parametrize(
    ("getypt", "verwacht"), [("12", "12.00"), ("12,5", "12.50"), ("€ 12,50", "12.50"), ("12.50", "12.50")]
)
def test_een_contant_bedrag_wordt_gelezen_zoals_getypt(store, getypt, verwacht):
    c = voer_uit(
        "contant", VOUCHER_NOORD, "--bedrag", getypt, "--datum", "2026-04-02", db=store, als_json=True, gebruiker=KAS
    ).json()
    assert c["bedrag"] == verwacht
    assert d(c["restant"]) == Decimal("900.00") - d(verwacht)


@pytest.mark.parametrize("commando", ["wijk-aanwijzen", "contant"])
@pytest.mark.parametrize("getypt", FOUTE_BEDRAGEN, ids=[repr(f) for f in FOUTE_BEDRAGEN])
def test_een_onleesbaar_bedrag_is_ongeldige_invoer_met_exit_2(store, getypt, commando):
    if commando == "contant":
        args, wie = ["contant", VOUCHER_NOORD, "--bedrag", getypt, "--datum", "2026-04-02"], KAS
    else:
        args, wie = (
            [
                "wijk",
                "aanwijzen",
                "BEDRAG",
                "--naam",
                "B",
                "--periode",
                "2026",
                "--budget",
                getypt,
                "--datum",
                "2026-01-02",
            ],
            COLLEGE,
        )
    voor = aantal_events(store)
    u = voer_uit(*args, db=store, gebruiker=wie)
    controleer_fout(u, 2)
    assert "bedrag" in u.err
    assert aantal_events(store) == voor


@pytest.mark.parametrize("getypt", ["2026-03-01", "01-03-2026"])
def test_een_datum_mag_iso_of_dag_maand_jaar_zijn_met_hetzelfde_resultaat(store, getypt):
    a = voer_uit("aanvraag", "indienen", "--wijk", "NOORD", "--naam", "B", "--ontvangen", getypt, "--datum", getypt,
                 db=store, als_json=True, gebruiker=REGIE).json()  # fmt: skip
    assert (a["ontvangen"], a["aanvraag"], a["status"]) == ("2026-03-01", 3, "onvolledig")
    c = voer_uit(
        "contant", VOUCHER_NOORD, "--bedrag", "1", "--datum", getypt, db=store, als_json=True, gebruiker=KAS
    ).json()
    assert c["restant"] == "899.00"
    [rij] = voer_uit("saldo", "--wijk", "NOORD", "--per", getypt, db=store, als_json=True).json()["wijken"]
    assert (rij["contant"], rij["verzilverd"]) == ("1.00", "0.00")


FOUTE_DATUMS = [
    "2026-13-01",
    "31-02-2026",
    "tomorrow",
    "morgen",
    "2026/03/01",
    "01-03-26",
    "",
    MORGEN,
    MORGEN_DMJ,
    VOLGEND_JAAR,
]


@pytest.mark.parametrize("getypt", FOUTE_DATUMS, ids=[repr(f) for f in FOUTE_DATUMS])
@pytest.mark.parametrize("als_json", [False, True], ids=["tekst", "json"])
def test_een_ongeldige_of_toekomstige_datum_is_ongeldige_invoer_met_exit_2(store, getypt, als_json):
    voor = aantal_events(store)
    for wie, args in [
        (KAS, ["contant", VOUCHER_NOORD, "--bedrag", "1", "--datum", getypt]),
        (REGIE, ["aanvraag", "indienen", "--wijk", "NOORD", "--naam", "B", "--datum", getypt]),
        (COLLEGE, ["mandaat", "geven", "iemand", "--rol", "kasbeheerder", "--datum", getypt]),
    ]:
        controleer_fout(voer_uit(*args, db=store, als_json=als_json, gebruiker=wie), 2, als_json=als_json)
    assert aantal_events(store) == voor


# =====================================================================================
# Saldo reconciles to the cent
# =====================================================================================


def test_het_saldo_sluit_per_wijk_en_in_totaal_na_een_druk_jaar(store):
    stappen = [
        (REGIE, volledige_aanvraag("NOORD", "B", "4.321,09", "2026-02-02")),
        (REGIE, volledige_aanvraag("NOORD", "C", "12.345,67", "2026-02-03")),
        (REGIE, volledige_aanvraag("KLEIN", "D", "2.500", "2026-02-04")),
        (REGIE, ["aanvraag", "toekennen", "3", "--datum", "2026-03-01"]),
        (REGIE, ["aanvraag", "geschikt", "4", "--datum", "2026-03-01"]),
        (REGIE, ["raadpleging", "besluit", "4", "--uitkomst", "voor", "--datum", "2026-03-15"]),
        (REGIE, ["aanvraag", "toekennen", "4", "--datum", "2026-03-16"]),
        (REGIE, ["aanvraag", "toekennen", "5", "--bedrag", "1.999,99", "--grond", "e", "--motivering", "plafond",
                 "--datum", "2026-03-02"]),
        (KAS, ["contant", maak_code(3, 1), "--bedrag", "499,99", "--datum", "2026-04-01"]),
        (KAS, ["verzilver", maak_code(4, 2), "--bedrag", "3.333,33", "--leverancier", "Bouwmarkt", "--factuur", "F7",
               "--datum", "2026-04-02"]),
        (KAS, ["verzilver", maak_code(5, 1), "--bedrag", "0,01", "--leverancier", "Bouwmarkt", "--factuur", "F8",
               "--datum", "2026-05-02"]),
        (KAS, ["contant", VOUCHER_OUD, "--bedrag", "123,45", "--datum", "2025-06-01"]),
    ]  # fmt: skip
    for wie, args in stappen:
        ok(voer_uit(*args, db=store, gebruiker=wie))

    saldo = voer_uit("saldo", db=store, als_json=True).json()
    controleer_saldo_sluit(saldo)
    rijen = {(r["wijk"], r["periode"]): r for r in saldo["wijken"]}
    assert set(rijen) == {("NOORD", 2026), ("KLEIN", 2026), ("OUD", 2025)}
    noord = rijen[("NOORD", 2026)]
    assert (noord["toegekend"], noord["verzilverd"], noord["contant"]) == ("17666.76", "3433.33", "499.99")
    assert (noord["uitstaand"], noord["beschikbaar"]) == ("13733.44", "72333.24")
    assert (rijen[("KLEIN", 2026)]["beschikbaar"], rijen[("OUD", 2025)]["contant"]) == ("0.01", "123.45")

    for filters in (
        ["--wijk", "NOORD"],
        ["--periode", "2025"],
        ["--per", "2026-03-31"],
        ["--per", "2025-12-31"],
        ["--wijk", "klein"],
    ):
        deel = voer_uit("saldo", *filters, db=store, als_json=True).json()
        controleer_saldo_sluit(deel)
        assert deel["wijken"], filters
    per_maart = voer_uit("saldo", "--wijk", "NOORD", "--per", "2026-03-31", db=store, als_json=True).json()
    assert (per_maart["wijken"][0]["verzilverd"], per_maart["wijken"][0]["contant"]) == ("0.00", "0.00")
    assert [r["periode"] for r in voer_uit("saldo", "--periode", "2025", db=store, als_json=True).json()["wijken"]] == [
        2025
    ]


def test_het_saldo_van_de_vouchers_klopt_met_het_uitstaande_bedrag(store):
    ok(voer_uit("contant", VOUCHER_NOORD, "--bedrag", "250", "--datum", "2026-04-02", db=store, gebruiker=KAS))
    [rij] = voer_uit("saldo", "--wijk", "NOORD", db=store, als_json=True).json()["wijken"]
    toon = voer_uit("toon", VOUCHER_NOORD, db=store, als_json=True).json()
    assert rij["uitstaand"] == toon["restant"] == "650.00"
    assert d(toon["waarde"]) == d(toon["verzilverd"]) + d(toon["contant"]) + d(toon["restant"])


def test_het_saldo_voor_mensen_toont_euro_bedragen(basis_store):
    u = ok(voer_uit("saldo", db=basis_store))
    assert u.err == ""
    assert "€ 100.000,00" in u.out and "€ 89.000,00" in u.out and "totaal" in u.out


# =====================================================================================
# demo
# =====================================================================================


@pytest.fixture(scope="module")
def demo_json(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    u = voer_uit("demo", db=db, als_json=True)
    return db, u, aantal_events(db) if db.exists() else 0


def test_json_demo_op_een_nieuw_pad_geeft_een_object_waarvan_het_totaal_sluit(demo_json):
    _, u, events = demo_json
    saldo = u.json()
    controleer_saldo_sluit(saldo)
    assert len(saldo["wijken"]) >= 2
    assert d(saldo["totaal"]["toegekend"]) > 0 and d(saldo["totaal"]["verzilverd"]) > 0
    assert events > 100


def test_demo_een_tweede_keer_geeft_exit_0_en_voegt_niets_toe(demo_json):
    db, eerste, events = demo_json
    u = ok(voer_uit("demo", db=db))
    assert "totaal" in u.out
    assert aantal_events(db) == events
    opnieuw = voer_uit("demo", db=db, als_json=True).json()
    assert opnieuw["totaal"] == eerste.json()["totaal"]
    assert aantal_events(db) == events


def test_demo_met_het_echte_programma_op_een_nieuw_pad_toont_het_saldo(tmp_path):
    u = voer_uit_echt("demo", db=tmp_path / "demo.db")
    assert u.code == 0, u
    assert "Traceback" not in u.err
    assert "totaal" in u.out and "€" in u.out
    for kolom in ("plafond", "toegekend", "verzilverd", "contant", "vervallen", "uitstaand", "beschikbaar"):
        assert kolom in u.out, kolom


def test_demo_in_een_opslag_van_een_andere_gemeente_wordt_geweigerd_en_schrijft_niets(store):
    voor = aantal_events(store)
    controleer_fout(voer_uit("demo", db=store), 1)
    assert aantal_events(store) == voor


# =====================================================================================
# --help for every command of the contract
# =====================================================================================

COMMANDO_OPTIES = {
    (): ["--database", "--json"],
    ("init",): ["--gemeente", "--regeling"],
    ("regeling",): ["--per"],
    ("regeling", "wijzigen"): ["--regeling", "--vanaf", "--datum"],
    ("mandaat",): [],
    ("mandaat", "geven"): ["GEBRUIKER", "--rol", "--wijk", "--datum"],
    ("mandaat", "intrekken"): ["GEBRUIKER", "--rol", "--wijk", "--datum"],
    ("mandaat", "lijst"): [],
    ("wijk",): [],
    ("wijk", "aanwijzen"): ["CODE", "--naam", "--periode", "--budget", "--uitvoeringskosten", "--plafond", "--datum"],
    ("wijk", "plafond"): ["CODE", "--periode", "BEDRAG", "--datum"],
    ("wijk", "budget"): ["CODE", "--periode", "BEDRAG", "--datum"],
    ("wijk", "lijst"): [],
    ("aanvraag",): [],
    ("aanvraag", "indienen"): ["--wijk", "--naam", "--adres", "--telefoon", "--omschrijving", "--planning", "--kosten",
                               "--vouchers", "--elders-subsidie", "--ondertekend", "--ontvangen", "--periode", "--datum"],
    ("aanvraag", "aanvulling-vragen"): ["NR", "--wat", "--termijn", "--datum"],
    ("aanvraag", "aanvullen"): ["NR", "--adres", "--telefoon", "--kosten", "--datum"],
    ("aanvraag", "toekennen"): ["NR", "--bedrag", "--vouchers", "--start-voor", "--grond", "--motivering", "--buiten-volgorde",
                                "--datum"],
    ("aanvraag", "weigeren"): ["NR", "--grond", "--motivering", "--datum"],
    ("aanvraag", "geschikt"): ["NR", "--datum"],
    ("aanvraag", "wijziging"): ["NR", "--omschrijving", "--datum"],
    ("aanvraag", "toon"): ["NR"],
    ("aanvraag", "lijst"): ["--wijk", "--status", "--periode", "--zoek"],
    ("raadpleging",): [],
    ("raadpleging", "besluit"): ["NR", "--uitkomst", "--stemmen-voor", "--stemmen-tegen", "--datum"],
    ("verzilver",): ["CODE", "--bedrag", "--leverancier", "--factuur", "--factuurdatum", "--datum"],
    ("contant",): ["CODE", "--bedrag", "--datum"],
    ("betaling",): [],
    ("betaling", "weigeren"): ["CODE", "--bedrag", "--reden", "--leverancier", "--factuur", "--datum"],
    ("toon",): ["CODE"],
    ("saldo",): ["--wijk", "--periode", "--per", "--formaat", "--uitvoer", "--landinstelling"],
    ("vouchers",): ["--wijk", "--periode", "--met-restant"],
    ("kasboek",): ["--wijk", "--voucher", "--periode", "--van", "--tot", "--leverancier", "--factuur", "--formaat",
                   "--uitvoer"],
    ("rapport", "verantwoording"): ["--wijk", "--periode", "--tot", "--formaat", "--uitvoer", "xlsx", "--landinstelling"],
    ("demo",): ["--omvang", "--zaad", "--jaren"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("pad", "opties"), list(COMMANDO_OPTIES.items()), ids=[" ".join(p) or "voucher" for p in COMMANDO_OPTIES]
)
def test_elk_commando_van_het_contract_antwoordt_op_help_met_exit_0(tmp_path, pad, opties):
    db = tmp_path / "bestaat-niet.db"  # help needs no store
    u = voer_uit(*pad, "--help", db=db)
    assert u.code == 0, u
    assert u.err == ""
    assert "Gebruik:" in u.out or "Usage:" in u.out
    for optie in opties:
        assert optie in u.out, f"{optie} ontbreekt in 'voucher {' '.join(pad)} --help'"
    assert not db.exists()
