"""`--bekend-op`: the books as they were recorded by the end of a day, on SQLite and on PostgreSQL.

A report printed with `--bekend-op` is reproduced byte for byte later, after more acts were
recorded, also acts dated back into the period it covers; its ketenkop is the head the log had at
the end of that day (`verifieer --kop` still finds it). `saldo --per` and the reports print the
ketenkop by one rule. The acts are recorded on chosen days by the application's simulated clock
(`app.klok`, which only tests and the demo set); the reports are read through the command line.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent.parent / "cli"))
from cli_hulp import controleer_fout, ok, voer_uit
from wereld import PERIODE, Wereld, open_store

from ledger import vastlegging

BEKEND_OP = "2026-03-15"
TOT = "2026-03-10"


class Klok:
    def __init__(self, nu: datetime) -> None:
        self.nu = nu

    def __call__(self, _: Any) -> datetime:
        return self.nu


def _op(klok: Klok, *moment: int) -> None:
    klok.nu = datetime(*moment, tzinfo=UTC)  # type: ignore[misc]


def _tot_half_maart(store_url: str) -> tuple[Wereld, Klok, str]:
    """A wijk, an aanvraag granted and paid, all recorded by 15 March (Amsterdam); one act 10 minutes after."""
    app = open_store(store_url)
    klok = Klok(datetime(PERIODE, 1, 2, 9, tzinfo=UTC))
    app.klok = klok
    w = Wereld.ingericht(app)
    _op(klok, PERIODE, 2, 1, 10)
    nummer = w.aanvraag("2.000", ontvangen=date(PERIODE, 2, 1))
    _op(klok, PERIODE, 3, 1, 10)
    code = str(w.ken_toe(nummer, datum=date(PERIODE, 3, 1))["vouchers"][0]["code"])
    _op(klok, PERIODE, 3, 15, 22, 59)  # 23:59 in Amsterdam: still known on 15 March
    w.verzilver(code, "300", factuur="F-1", datum=date(PERIODE, 3, 9))
    return w, klok, code


def _rapporten(url: str, tmp: Path, naam: str) -> dict[str, bytes]:
    uit: dict[str, bytes] = {}
    for formaat in ("tekst", "csv", "json", "html"):
        u = ok(
            voer_uit("rapport", "verantwoording", "--tot", TOT, "--bekend-op", BEKEND_OP, "--formaat", formaat, db=url)
        )
        uit[f"verantwoording.{formaat}"] = u.out.encode()
    xlsx = tmp / f"{naam}.xlsx"
    ok(
        voer_uit(
            "rapport", "verantwoording", "--bekend-op", BEKEND_OP, "--formaat", "xlsx", "--uitvoer", str(xlsx), db=url
        )
    )
    uit["verantwoording.xlsx"] = xlsx.read_bytes()
    uit["raad"] = ok(voer_uit("rapport", "raad", "--bekend-op", BEKEND_OP, "--formaat", "html", db=url)).out.encode()
    uit["publicatie"] = ok(voer_uit("publicatie", "--bekend-op", BEKEND_OP, db=url, als_json=True)).out.encode()
    uit["saldo"] = ok(voer_uit("saldo", "--bekend-op", BEKEND_OP, db=url)).out.encode()
    uit["saldo per"] = ok(voer_uit("saldo", "--per", TOT, "--bekend-op", BEKEND_OP, db=url, als_json=True)).out.encode()
    return uit


def test_een_rapport_met_bekend_op_is_na_latere_handelingen_byte_voor_byte_hetzelfde(store_url, tmp_path):
    w, klok, code = _tot_half_maart(store_url)
    voor = _rapporten(store_url, tmp_path, "voor")
    zonder = ok(voer_uit("rapport", "verantwoording", "--tot", TOT, "--formaat", "json", db=store_url)).json()

    # Later: ten minutes past midnight, then weeks on; a payment and an aanvraag dated back before TOT.
    _op(klok, PERIODE, 3, 15, 23, 10)
    w.verzilver(code, "200", factuur="F-2", datum=date(PERIODE, 3, 5))
    _op(klok, PERIODE, 4, 2, 9)
    w.aanvraag("500", ontvangen=date(PERIODE, 3, 2))
    w.verzilver(code, "100", factuur="F-3", datum=date(PERIODE, 4, 1))

    na = _rapporten(store_url, tmp_path, "na")
    for naam in voor:
        assert na[naam] == voor[naam], naam

    # What we now know happened by 10 March is more than was known on 15 March.
    nu = ok(voer_uit("rapport", "verantwoording", "--tot", TOT, "--formaat", "json", db=store_url)).json()
    assert (zonder["totaal"]["verzilverd"], nu["totaal"]["verzilverd"]) == ("300.00", "500.00")
    assert nu["ketenkop"] != zonder["ketenkop"]
    model = ok(
        voer_uit("rapport", "verantwoording", "--tot", TOT, "--bekend-op", BEKEND_OP, "--formaat", "json", db=store_url)
    ).json()
    assert (model["bekend_op"], model["tot"], model["totaal"]["verzilverd"]) == (BEKEND_OP, TOT, "300.00")
    assert "Bekend op 15 maart 2026" in na["verantwoording.tekst"].decode()


def test_de_ketenkop_van_bekend_op_is_de_kop_van_het_log_aan_het_eind_van_die_dag(store_url):
    w, klok, code = _tot_half_maart(store_url)
    toen = w.app.logkop()  # everything recorded so far was recorded by the end of 15 March
    _op(klok, PERIODE, 3, 15, 23, 10)
    w.verzilver(code, "200", factuur="F-2", datum=date(PERIODE, 3, 5))
    saldo = ok(voer_uit("saldo", "--bekend-op", BEKEND_OP, db=store_url, als_json=True)).json()
    assert saldo["bekend_op"] == BEKEND_OP
    assert (saldo["ketenkop"]["positie"], saldo["ketenkop"]["hash"]) == toen
    rapport = ok(voer_uit("rapport", "raad", "--tot", TOT, "--bekend-op", BEKEND_OP, "--formaat", "json", db=store_url))
    assert rapport.json()["ketenkop"] == saldo["ketenkop"]
    ok(voer_uit("verifieer", "--kop", toen[1], db=store_url))
    # The day before the first act was recorded: nothing was known, the head is the genesis.
    leeg = ok(voer_uit("saldo", "--bekend-op", "2026-01-01", db=store_url, als_json=True)).json()
    assert (leeg["wijken"], leeg["ketenkop"]["positie"]) == ([], 0)


def test_saldo_per_en_de_rapporten_drukken_dezelfde_ketenkop_af(store_url):
    w, klok, code = _tot_half_maart(store_url)
    _op(klok, PERIODE, 4, 2, 9)
    # After TOT: not in the stand of TOT, nor in its head.
    w.verzilver(code, "100", factuur="F-3", datum=date(PERIODE, 4, 1))
    for per in ("2026-03-01", TOT, "2026-04-01"):
        saldo = ok(voer_uit("saldo", "--per", per, db=store_url, als_json=True)).json()
        for rapport in ("verantwoording", "raad"):
            model = ok(voer_uit("rapport", rapport, "--tot", per, "--formaat", "json", db=store_url)).json()
            assert model["ketenkop"] == saldo["ketenkop"], (per, rapport)
    assert saldo["ketenkop"]["positie"] == w.app.logkop()[0]


def test_bekend_op_in_de_toekomst_is_ongeldige_invoer(store_url):
    _tot_half_maart(store_url)
    morgen = date.fromordinal(vastlegging.vandaag().toordinal() + 1).isoformat()
    controleer_fout(voer_uit("saldo", "--bekend-op", morgen, db=store_url), 2)
    controleer_fout(voer_uit("rapport", "verantwoording", "--bekend-op", morgen, db=store_url), 2)
    assert vastlegging.einde_van(vastlegging.vandaag()) > datetime.now(UTC)


def test_een_nieuwkomer_die_vandaag_inrichtte_hoort_hoe_hij_januari_invoert(store_url):
    ok(voer_uit("init", "--gemeente", "Nieuwstad", db=store_url))  # today
    u = voer_uit(
        "wijk", "aanwijzen", "NOORD", "--naam", "Noord", "--periode", "2026", "--budget", "1.000", "--datum",
        "2026-01-06", db=store_url,
    )  # fmt: skip
    melding = controleer_fout(u, 1)
    assert "vóór de inrichting van deze administratie" in str(melding)
    assert "voucher init --gemeente Nieuwstad --datum 2026-01-06" in str(melding)
