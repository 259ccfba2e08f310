"""Messages that leave nobody guessing: a repeat says it changed nothing, a refusal says who acted.

The prepared store (conftest.py): voucher V000001-01-0 of wijk NOORD (2026) paid € 100 on
invoice F1 of Bouwmarkt; regie1 is regiegroep of NOORD, KLEIN and OUD; kas1 is kasbeheerder.
"""

from __future__ import annotations

import json
import re

import pytest
from cli_hulp import (
    COLLEGE,
    KAS,
    REGIE,
    VOUCHER_NOORD,
    aantal_events,
    controleer_fout,
    ok,
    voer_uit,
    volledige_aanvraag,
)

ENGELSE_GETALLEN = re.compile(r"(?<![\d.,])\d+\.\d{2}(?![\d])|\b\d{4}-\d{2}-\d{2}\b")  # 10.00, 2026-03-01


def test_een_herhaalde_factuur_zegt_dat_ze_al_geboekt_was_en_schrijft_niets(store):
    voor = aantal_events(store)
    argv = ("verzilver", VOUCHER_NOORD, "--bedrag", "100", "--leverancier", "Bouwmarkt", "--factuur", "F1")
    u = ok(voer_uit(*argv, "--datum", "2026-04-01", db=store, gebruiker=KAS))
    assert u.out.strip() == (
        "Factuur F1 van Bouwmarkt was al geboekt: € 100,00 uit voucher V000001-01-0; er is niets veranderd "
        "(restant € 900,00)."
    )
    als_json = voer_uit(*argv, db=store, gebruiker=KAS, als_json=True).json()
    assert (als_json["bedrag"], als_json["restant"]) == ("100.00", "900.00")  # the same answer as the first time
    assert aantal_events(store) == voor
    nieuw = ok(voer_uit(*argv[:-1], "F2", db=store, gebruiker=KAS))
    assert nieuw.out.startswith("Verzilverd: € 100,00 van voucher V000001-01-0; restant € 800,00.")
    assert aantal_events(store) > voor


def test_een_herhaalde_kwitantie_zegt_dat_ze_al_geboekt_was(store):
    argv = ("contant", VOUCHER_NOORD, "--bedrag", "50", "--kwitantie", "K-7")
    eerste = ok(voer_uit(*argv, db=store, gebruiker=KAS))
    assert eerste.out.strip() == "Contant opgenomen: € 50,00 van voucher V000001-01-0; restant € 850,00."
    voor = aantal_events(store)
    herhaald = ok(voer_uit(*argv, db=store, gebruiker=KAS))
    assert herhaald.out.startswith("Kwitantie K-7 was al geboekt: € 50,00 uit voucher V000001-01-0")
    assert "er is niets veranderd" in herhaald.out
    assert aantal_events(store) == voor


def test_een_herhaald_besluit_zegt_dat_het_al_genomen_was(store):
    voor = aantal_events(store)
    toegekend = ok(voer_uit("aanvraag", "toekennen", "1", "--datum", "2026-03-01", db=store, gebruiker=REGIE))
    assert toegekend.out == (
        "Aanvraag 1 was al toegekend op 1 maart 2026: € 1.000,00 in 1 voucher(s)\n"
        "  V000001-01-0      € 1.000,00\n"
        "Er is niets veranderd.\n"
    )
    assert aantal_events(store) == voor
    ok(voer_uit(*volledige_aanvraag("KLEIN", "C. Smit", "500", "2026-02-01"), db=store, gebruiker=REGIE))
    weiger = ("aanvraag", "weigeren", "3", "--grond", "d", "--motivering", "Geen beheer geregeld.")
    assert ok(voer_uit(*weiger, db=store, gebruiker=REGIE)).out.startswith("Aanvraag 3 geweigerd op grond van")
    voor = aantal_events(store)
    herhaald = ok(voer_uit(*weiger, db=store, gebruiker=REGIE)).out
    assert herhaald.startswith("Aanvraag 3 was al geweigerd op grond van art. 6 onder d: het beheer en onderhoud")
    assert herhaald.endswith("Er is niets veranderd.\n")
    assert aantal_events(store) == voor


# Acts repeated under the same --sleutel: (who, argv).
HANDELINGEN = {
    "verzilver": (KAS, ["verzilver", VOUCHER_NOORD, "--bedrag", "123,45", "--leverancier", "Hout", "--factuur", "H9"]),
    "contant": (KAS, ["contant", VOUCHER_NOORD, "--bedrag", "10", "--datum", "2026-04-02"]),
    "plafond": (COLLEGE, ["wijk", "plafond", "KLEIN", "1.500", "--periode", "2026"]),
    "aanvraag": (REGIE, ["aanvraag", "indienen", "--wijk", "KLEIN", "--naam", "B. Bakker", "--kosten", "1.000",
                         "--ontvangen", "2026-03-02", "--datum", "2026-03-03"]),
    "mandaat": (COLLEGE, ["mandaat", "geven", "piet", "--rol", "regiegroep", "--wijk", "KLEIN", "--datum", "2026-01-03"]),
}  # fmt: skip


@pytest.mark.parametrize("naam", list(HANDELINGEN))
def test_een_herhaling_met_sleutel_drukt_het_eerste_antwoord_zoals_toen(store, naam):
    """A replay prints the recorded first answer through the same Dutch text: € 1.234,50, not 1234.50."""
    gebruiker, argv = HANDELINGEN[naam]
    argv = [*argv, "--sleutel", f"s-{naam}"]
    eerste = ok(voer_uit(*argv, db=store, gebruiker=gebruiker))
    voor = aantal_events(store)
    tweede = ok(voer_uit(*argv, db=store, gebruiker=gebruiker))
    kop, _, rest = tweede.out.partition("\n")
    assert kop == (
        f"Dit verzoek (sleutel s-{naam}) was al uitgevoerd door {gebruiker}; er is niets veranderd. Het antwoord van toen:"
    )
    assert rest == eerste.out
    assert not ENGELSE_GETALLEN.search(tweede.out), tweede.out
    assert aantal_events(store) == voor


def test_een_herhaling_met_sleutel_geeft_in_json_het_eerste_antwoord(store):
    gebruiker, argv = HANDELINGEN["verzilver"]
    eerste = voer_uit(*argv, "--sleutel", "j1", db=store, gebruiker=gebruiker, als_json=True).json()
    tweede = voer_uit(*argv, "--sleutel", "j1", db=store, gebruiker=gebruiker, als_json=True).json()
    assert tweede == eerste  # the first answer (README: "krijgt het eerste antwoord")
    assert tweede["bedrag"] == "123.45"


@pytest.mark.parametrize(
    ("gebruiker", "argv"),
    [
        (REGIE, ["aanvraag", "indienen", "--wijk", "NORD", "--naam", "A. de Vries", "--datum", "2026-02-01"]),
        (KAS, ["aanvraag", "indienen", "--wijk", "NORD", "--naam", "A. de Vries", "--datum", "2026-02-01"]),
        (KAS, ["wijk", "plafond", "NORD", "100", "--periode", "2026"]),
        (KAS, ["periode", "afsluiten", "--periode", "2026", "--wijk", "NORD"]),
    ],
    ids=["regiegroep", "zonder-mandaat", "plafond", "afsluiten"],
)
def test_een_verschreven_wijk_is_niet_aangewezen_ook_zonder_mandaat(store, gebruiker, argv):
    voor = aantal_events(store)
    melding = controleer_fout(voer_uit(*argv, db=store, gebruiker=gebruiker), 3)
    assert "wijk NORD is niet aangewezen voor 2026 (aangewezen voor 2026: KLEIN, NOORD; bedoelt u NOORD?)" in melding
    assert "mandaat" not in melding
    assert aantal_events(store) == voor


@pytest.mark.parametrize(
    "argv",
    [
        ["saldo", "--wijk", "NORD"],
        ["kasboek", "--wijk", "NORD"],
        ["aanvraag", "lijst", "--wijk", "NORD"],
        ["vouchers", "--wijk", "NORD"],
        ["rapport", "verantwoording", "--wijk", "NORD"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_een_verschreven_wijk_bij_het_lezen_is_niet_gevonden_en_geen_lege_lijst(store, argv):
    melding = controleer_fout(voer_uit(*argv, db=store), 3)
    assert "wijk NORD is niet aangewezen" in melding


def test_een_wijk_die_in_geen_jaar_bestaat_noemt_de_wijken_die_er_wel_zijn(store):
    melding = controleer_fout(
        voer_uit("aanvraag", "indienen", "--wijk", "ZUID", "--naam", "X", "--datum", "2025-02-01", db=store), 3
    )
    assert "wijk ZUID is niet aangewezen voor 2025 (aangewezen voor 2025: OUD)" in melding


def test_een_weigering_om_het_mandaat_zegt_wie_handelt_en_hoe_het_anders_kan(store):
    argv = ("wijk", "aanwijzen", "WEST", "--naam", "West", "--periode", "2026", "--budget", "1.000")
    melding = controleer_fout(voer_uit(*argv, db=store, gebruiker=KAS), 1)
    assert melding.startswith(f"fout: {KAS} heeft op ")
    assert "geen mandaat als college (art. 2" in melding
    assert f"U handelt als {KAS} (uit VOUCHER_GEBRUIKER)" in melding
    assert "handel als een ander met VOUCHER_GEBRUIKER=NAAM" in melding
    assert f"voucher mandaat geven {KAS} --rol college" in melding
    assert "'voucher mandaat lijst'" in melding
    fout = json.loads(voer_uit(*argv, db=store, gebruiker=KAS, als_json=True).err)["fout"]
    assert (fout["soort"], fout["gebruiker"], fout["rol"]) == ("regel", KAS, "college")


def test_een_weigering_zonder_voucher_gebruiker_noemt_de_inlognaam(store):
    import getpass

    naam = getpass.getuser()
    melding = controleer_fout(voer_uit("aanvraag", "toekennen", "1", db=store, gebruiker=None), 1)
    assert f"U handelt als {naam} (uw inlognaam)" in melding
    assert f"voucher mandaat geven {naam} --rol regiegroep --wijk NOORD" in melding
