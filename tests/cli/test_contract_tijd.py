"""The contract of time (CLI.md, second round), through the real console script.

`aanvraag indienen --periode`, `regeling wijzigen --regeling FILE.toml --vanaf DATUM`, `regeling --per`,
`wijk budget CODE --periode JAAR BEDRAG` and `verzilver --factuurdatum`: their JSON keys, the exit code of
each refusal (nothing written), and what `saldo` and the verantwoording show afterwards.
"""

from __future__ import annotations

from pathlib import Path

from cli_hulp import (
    COLLEGE,
    KAS,
    REGIE,
    VOUCHER_OUD,
    aantal_events,
    controleer_fout,
    ok,
    voer_uit,
    voer_uit_echt,
    volledige_aanvraag,
)


def _weigert(store: Path, *args: str, gebruiker: str = COLLEGE, code: int = 1, artikel: bool = True) -> None:
    voor = aantal_events(store)
    controleer_fout(voer_uit_echt(*args, db=store, als_json=True, gebruiker=gebruiker), code, eis_artikel=artikel)
    assert aantal_events(store) == voor


def test_aanvraag_indienen_kiest_het_open_budgetjaar_of_met_periode_het_gevraagde(store: Path) -> None:
    na_de_uitgiftedag = volledige_aanvraag("NOORD", "B. Bakker", "500", "2026-07-01")
    _weigert(store, *na_de_uitgiftedag, gebruiker=REGIE)  # NOORD has only 2026, issued until 30 June
    ok(voer_uit("wijk", "aanwijzen", "NOORD", "--naam", "Noord", "--periode", "2027", "--budget", "10.000",
                "--datum", "2026-11-01", db=store, gebruiker=COLLEGE))  # fmt: skip
    u = ok(voer_uit_echt(*na_de_uitgiftedag, db=store, als_json=True, gebruiker=REGIE)).json()
    assert (u["periode"], u["ontvangen"]) == (2027, "2026-07-01")
    op_de_dag = volledige_aanvraag("NOORD", "C. Claes", "500", "2026-06-30")
    assert ok(voer_uit(*op_de_dag, db=store, als_json=True, gebruiker=REGIE)).json()["periode"] == 2026
    gevraagd = ok(voer_uit_echt(*op_de_dag, "--periode", "2027", db=store, als_json=True, gebruiker=REGIE)).json()
    assert gevraagd["periode"] == 2027
    _weigert(store, *op_de_dag, "--periode", "2030", gebruiker=REGIE, code=3)


def test_regeling_wijzigen_geldt_vanaf_haar_datum_en_de_verantwoording_noemt_de_versies(
    store: Path, tmp_path: Path
) -> None:
    toml = tmp_path / "regeling-2027.toml"
    toml.write_text('[regeling]\nnaam = "Verordening 2027"\ncontant_max = "300,00"\n', encoding="utf-8")
    args = ("regeling", "wijzigen", "--regeling", str(toml))
    _weigert(store, *args, "--vanaf", "2026-04-01", "--datum", "2026-11-01")  # the payment of 1 April was judged
    _weigert(store, *args, "--vanaf", "2026-05-01", gebruiker=REGIE)  # only the college

    u = ok(voer_uit_echt(*args, "--vanaf", "2026-04-02", "--datum", "2026-11-01", db=store, als_json=True)).json()
    assert (u["vanaf"], u["versie"], u["regeling"]["contant_max"]) == ("2026-04-02", 2, "300.00")
    voor = ok(voer_uit_echt("regeling", "--per", "2026-04-01", db=store, als_json=True)).json()
    op = ok(voer_uit_echt("regeling", "--per", "2026-04-02", db=store, als_json=True)).json()
    assert (voor["versie"], voor["contant_max"], op["versie"], op["contant_max"]) == (1, "500.00", 2, "300.00")
    assert "versie 2, geldt vanaf 2 april 2026" in ok(voer_uit_echt("regeling", db=store)).out

    contant = ("contant", "V000001-01-0", "--bedrag", "400")
    _weigert(store, *contant, "--datum", "2026-04-02", gebruiker=KAS)  # € 300 per time from 2 April
    tekst = ok(voer_uit("rapport", "verantwoording", db=store)).out
    assert "Regeling: versie 1 (Subsidieverordening vouchers bewonersinitiatieven) vanaf 1 oktober 2008; " in tekst
    assert "versie 2 (Verordening 2027) vanaf 2 april 2026." in tekst


def test_wijk_budget_nooit_onder_toegekend_plus_reserve_en_het_saldo_klopt(store: Path) -> None:
    # NOORD 2026: budget 100.000, reserve 10.000 (10 %), toegekend 1.000
    _weigert(store, "wijk", "budget", "KLEIN", "--periode", "2026", "1,234.50", code=2)  # bad input
    _weigert(store, "wijk", "budget", "NOORD", "--periode", "2026", "10.999,99", "--datum", "2026-11-01")
    _weigert(store, "wijk", "budget", "NOORD", "--periode", "2026", "200.000", gebruiker=REGIE)
    u = ok(voer_uit_echt("wijk", "budget", "NOORD", "--periode", "2026", "120.000", "--datum", "2026-11-01",
                         db=store, als_json=True)).json()  # fmt: skip
    assert (u["wijk"], u["periode"], u["budget"], u["plafond"]) == ("NOORD", 2026, "120000.00", "110000.00")
    [s] = voer_uit("saldo", "--wijk", "NOORD", db=store, als_json=True).json()["wijken"]
    assert (s["budget"], s["plafond"], s["beschikbaar"]) == ("120000.00", "110000.00", "109000.00")
    [oud] = voer_uit("saldo", "--wijk", "NOORD", "--per", "2026-10-31", db=store, als_json=True).json()["wijken"]
    assert oud["budget"] == "100000.00"
    tekst = ok(voer_uit("rapport", "verantwoording", "--wijk", "NOORD", db=store)).out
    assert "Budget gewijzigd op 1 november 2026 door wethouder: van € 100.000,00 naar € 120.000,00" in tekst
    # a repeated request with the same --sleutel answers as the first time and writes nothing
    args = ("wijk", "budget", "KLEIN", "--periode", "2026", "3.000", "--datum", "2026-11-01", "--sleutel", "b-1")
    eerst = ok(voer_uit(*args, db=store, gebruiker=COLLEGE)).out
    voor = aantal_events(store)
    opnieuw = ok(voer_uit(*args, db=store, gebruiker=COLLEGE)).out
    assert aantal_events(store) == voor and "was al uitgevoerd" in opnieuw and eerst.strip() in opnieuw
    assert "(was € 2.000,00)" in opnieuw


def test_verzilver_met_factuurdatum_na_de_uitvoeringsdatum_binnen_de_betaaltermijn(store: Path) -> None:
    # OUD 2025: uitgevoerd uiterlijk 31 december 2025; betaaltermijn 30 dagen: tot en met 30 januari 2026
    def verzilver(factuur: str, factuurdatum: str, datum: str) -> list[str]:
        return ["verzilver", VOUCHER_OUD, "--bedrag", "50", "--leverancier", "Bouwmarkt", "--factuur", factuur,
                "--factuurdatum", factuurdatum, "--datum", datum]  # fmt: skip

    _weigert(store, *verzilver("G1", "2026-01-01", "2026-01-10"), gebruiker=KAS)  # work done after the date
    _weigert(store, *verzilver("G2", "2025-12-31", "2026-01-31"), gebruiker=KAS)  # the day after the term
    u = ok(voer_uit_echt(*verzilver("G3", "2025-12-31", "2026-01-30"), db=store, als_json=True, gebruiker=KAS))
    assert (u.json()["voucher"], u.json()["restant"]) == (VOUCHER_OUD, "750.00")
    assert "Bouwmarkt, factuur G3 van 31-12-2025" in ok(voer_uit("rapport", "verantwoording", db=store)).out
    _weigert(store, "contant", VOUCHER_OUD, "--bedrag", "10", "--datum", "2026-01-02", gebruiker=KAS)
    fout = voer_uit_echt("verzilver", VOUCHER_OUD, "--bedrag", "5", "--leverancier", "B", "--factuur", "G4",
                         "--datum", "2026-01-02", db=store, gebruiker=KAS)  # fmt: skip
    assert fout.code == 1 and "geef --factuurdatum" in fout.err


def test_import_betalingen_leest_een_kolom_factuurdatum(store: Path, tmp_path: Path) -> None:
    bestand = tmp_path / "betalingen.csv"
    bestand.write_text(
        "voucher;soort;bedrag;leverancier;factuur;datum;factuurdatum\n"
        f"{VOUCHER_OUD};verzilver;25;Bouwmarkt;H1;2026-01-20;2025-12-15\n",
        encoding="utf-8",
    )
    u = ok(voer_uit_echt("import", "betalingen", str(bestand), db=store, als_json=True, gebruiker=KAS)).json()
    assert u["geboekt"] == 1
    zonder = tmp_path / "zonder.csv"
    zonder.write_text(
        f"voucher;soort;bedrag;leverancier;factuur;datum;factuurdatum\n{VOUCHER_OUD};verzilver;25;Bouwmarkt;H2;2026-01-20;\n",
        encoding="utf-8",
    )
    _weigert(store, "import", "betalingen", str(zonder), gebruiker=KAS, artikel=False)  # each line names its own


def test_de_demo_met_twee_budgetjaren_onder_een_gewijzigde_regeling(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    u = ok(voer_uit_echt("demo", "--jaren", "2", db=db, als_json=True)).json()
    jaren = {(r["wijk"], r["periode"]) for r in u["wijken"]}
    assert ("NOORD", 2025) in jaren and ("NOORD", 2026) in jaren
    regeling = ok(voer_uit("regeling", "--per", "2026-01-01", db=db, als_json=True)).json()
    assert (regeling["versie"], regeling["contant_max"]) == (2, "400.00")
    tekst = ok(voer_uit("rapport", "verantwoording", "--wijk", "NOORD", db=db)).out
    assert "versie 2 (Subsidieverordening vouchers bewonersinitiatieven 2026) vanaf 1 januari 2026" in tekst
    assert "Budget gewijzigd op 2 februari 2026" in tekst
    assert ok(voer_uit("verifieer", db=db)).code == 0
