"""A fixed scenario through every command, for the golden files of `test_uitvoer_blijft_gelijk.py`.

Every act carries its own `--datum` (all in the past), so the same scenario gives the same output on
any day; what differs between runs (event hashes, the moment an event was recorded, the temporary
directory) is masked by `normaliseer`. The demo's store gives the reports and reads their data.
"""

from __future__ import annotations

import re
from pathlib import Path

from cli_hulp import COLLEGE, KAS, REGIE, voer_uit

from ledger import vastlegging
from ledger.datum import formatteer_datum


def _voucher(nummer: int, volgnummer: int = 1) -> str:
    from ledger.vouchercode import maak_code

    return maak_code(nummer, volgnummer)


def handelingen(map: Path) -> list[tuple[str, str, list[str]]]:
    """(name, who, argv): one act or read of every command, in an order in which each one succeeds."""
    betalingen = map / "betalingen.csv"
    betalingen.write_text(
        "voucher,soort,bedrag,leverancier,factuur,datum\n"
        f"{_voucher(1)},verzilver,25,Verfwinkel,VW-1,2025-04-03\n"
        f"{_voucher(1)},contant,10,,K-1,2025-04-03\n",
        encoding="utf-8",
    )
    regeling = map / "regeling-2027.toml"
    regeling.write_text('[regeling]\nnaam = "Verordening 2027"\ncontant_max = "400,00"\n', encoding="utf-8")
    volledig = [
        "--adres", "Lindelaan 1", "--telefoon", "06-12345678", "--ondertekend", "--omschrijving", "Buurtfeest",
        "--planning", "juni", "--elders-subsidie", "nee",
    ]  # fmt: skip
    a = ["aanvraag"]
    return [
        ("init", COLLEGE, ["init", "--gemeente", "Teststad", "--datum", "2025-01-01"]),
        ("init-herhaald", COLLEGE, ["init", "--gemeente", "Teststad", "--datum", "2025-01-01"]),
        ("regeling", COLLEGE, ["regeling"]),
        ("mandaat-regie", COLLEGE, ["mandaat", "geven", REGIE, "--rol", "regiegroep", "--wijk", "NOORD",
                                    "--datum", "2025-01-01"]),
        ("mandaat-regie-zuid", COLLEGE, ["mandaat", "geven", REGIE, "--rol", "regiegroep", "--wijk", "ZUID",
                                         "--datum", "2025-01-01"]),
        ("mandaat-kas", COLLEGE, ["mandaat", "geven", KAS, "--rol", "kasbeheerder", "--datum", "2025-01-01"]),
        ("mandaat-tijdelijk", COLLEGE, ["mandaat", "geven", "piet", "--rol", "kasbeheerder", "--datum", "2025-01-01"]),
        ("mandaat-intrekken", COLLEGE, ["mandaat", "intrekken", "piet", "--rol", "kasbeheerder",
                                        "--datum", "2025-01-02"]),
        ("mandaat-lijst", COLLEGE, ["mandaat", "lijst"]),
        ("wijk-aanwijzen", COLLEGE, ["wijk", "aanwijzen", "NOORD", "--naam", "Noord", "--periode", "2025",
                                     "--budget", "100.000", "--uitvoeringskosten", "10%", "--datum", "2025-01-02"]),
        ("wijk-aanwijzen-zuid", COLLEGE, ["wijk", "aanwijzen", "ZUID", "--naam", "Zuid", "--periode", "2025",
                                          "--budget", "30.000", "--datum", "2025-01-02"]),
        ("wijk-plafond", COLLEGE, ["wijk", "plafond", "ZUID", "--periode", "2025", "25.000", "--datum", "2025-01-03"]),
        ("wijk-budget", COLLEGE, ["wijk", "budget", "ZUID", "--periode", "2025", "35.000", "--datum", "2025-01-04"]),
        ("wijk-lijst", COLLEGE, ["wijk", "lijst"]),
        ("indienen-1", REGIE, [*a, "indienen", "--wijk", "NOORD", "--naam", "A. de Vries", *volledig,
                               "--kosten", "2.500", "--ontvangen", "2025-02-01", "--datum", "2025-02-01"]),
        ("indienen-2-onvolledig", REGIE, [*a, "indienen", "--wijk", "NOORD", "--naam", "B. Bakker",
                                          "--kosten", "800", "--datum", "2025-02-02"]),
        ("aanvulling-vragen", REGIE, [*a, "aanvulling-vragen", "2", "--wat", "adres en telefoon",
                                      "--termijn", "2025-02-20", "--datum", "2025-02-03"]),
        ("aanvullen", REGIE, [*a, "aanvullen", "2", *volledig, "--datum", "2025-02-10"]),
        ("indienen-3-groot", REGIE, [*a, "indienen", "--wijk", "NOORD", "--naam", "C. Smit", *volledig,
                                     "--kosten", "12.000", "--datum", "2025-02-11"]),
        ("indienen-4", REGIE, [*a, "indienen", "--wijk", "NOORD", "--naam", "D. Visser", *volledig,
                               "--kosten", "600", "--datum", "2025-02-12"]),
        ("indienen-5", REGIE, [*a, "indienen", "--wijk", "NOORD", "--naam", "E. Meijer", *volledig,
                               "--kosten", "700", "--datum", "2025-02-13"]),
        ("indienen-6-zuid", REGIE, [*a, "indienen", "--wijk", "ZUID", "--naam", "F. Jansen", "--datum", "2025-02-14"]),
        ("aanvulling-vragen-6", REGIE, [*a, "aanvulling-vragen", "6", "--wat", "alles", "--datum", "2025-02-15"]),
        ("toekennen-1", REGIE, [*a, "toekennen", "1", "--datum", "2025-03-01", "--sleutel", "t-1"]),
        ("toekennen-1-sleutel", REGIE, [*a, "toekennen", "1", "--datum", "2025-03-01", "--sleutel", "t-1"]),
        ("toekennen-1-herhaald", REGIE, [*a, "toekennen", "1", "--datum", "2025-03-01"]),
        ("toekennen-2", REGIE, [*a, "toekennen", "2", "--start-voor", "2025-09-01", "--datum", "2025-03-02"]),
        ("geschikt-3", REGIE, [*a, "geschikt", "3", "--datum", "2025-03-03"]),
        ("raadpleging-3", REGIE, ["raadpleging", "besluit", "3", "--uitkomst", "voor", "--stemmen-voor", "40",
                                  "--stemmen-tegen", "12", "--datum", "2025-03-10"]),
        ("toekennen-3", REGIE, [*a, "toekennen", "3", "--datum", "2025-03-11"]),
        ("weigeren-4", REGIE, [*a, "weigeren", "4", "--grond", "d", "--motivering", "Geen beheer geregeld.",
                               "--datum", "2025-03-12"]),
        ("weigeren-4-herhaald", REGIE, [*a, "weigeren", "4", "--grond", "d", "--motivering", "Geen beheer geregeld.",
                                        "--datum", "2025-03-12"]),
        ("intrekken-5", REGIE, [*a, "intrekken", "5", "--reden", "Dubbel ingediend", "--datum", "2025-03-13"]),
        ("wijziging-1", REGIE, [*a, "wijziging", "1", "--omschrijving", "Later in het jaar", "--datum", "2025-03-14"]),
        ("bekendmaken-1", REGIE, [*a, "bekendmaken", "1", "--datum", "2025-03-15"]),
        ("verzilver", KAS, ["verzilver", _voucher(1), "--bedrag", "450", "--leverancier", "Bouwmarkt",
                            "--factuur", "F1", "--datum", "2025-04-01", "--sleutel", "v-1"]),
        ("verzilver-sleutel", KAS, ["verzilver", _voucher(1), "--bedrag", "450", "--leverancier", "Bouwmarkt",
                                    "--factuur", "F1", "--datum", "2025-04-01", "--sleutel", "v-1"]),
        ("verzilver-herhaald", KAS, ["verzilver", _voucher(1), "--bedrag", "450", "--leverancier", "Bouwmarkt",
                                     "--factuur", "F1", "--datum", "2025-04-01"]),
        ("verzilver-fout", KAS, ["verzilver", _voucher(2), "--bedrag", "80", "--leverancier", "Drukker",
                                 "--factuur", "D1", "--datum", "2025-04-02"]),
        ("contant", KAS, ["contant", _voucher(1), "--bedrag", "100", "--kwitantie", "K0", "--datum", "2025-04-02"]),
        ("contant-herhaald", KAS, ["contant", _voucher(1), "--bedrag", "100", "--kwitantie", "K0",
                                   "--datum", "2025-04-02"]),
        ("betaling-weigeren", KAS, ["betaling", "weigeren", _voucher(1), "--bedrag", "75", "--reden", "Privé",
                                    "--leverancier", "Kroeg", "--factuur", "X1", "--datum", "2025-04-03"]),
        ("import", KAS, ["import", "betalingen", str(betalingen)]),
        ("import-herhaald", KAS, ["import", "betalingen", str(betalingen)]),
        ("kasboek-voucher-2", COLLEGE, ["kasboek", "--voucher", _voucher(2)]),
        ("corrigeren", KAS, ["betaling", "corrigeren", _voucher(2), "--gebeurtenis", "{verzilver-fout}",
                             "--reden", "Verkeerde voucher", "--datum", "2025-04-04"]),
        ("toekenning-verlagen-3", REGIE, ["toekenning", "intrekken", "3", "--grond", "a", "--motivering",
                                          "Minder activiteiten", "--bedrag", "2.000", "--datum", "2025-05-01"]),
        ("toon-voucher", COLLEGE, ["toon", _voucher(1)]),
        ("toon-aanvraag", COLLEGE, [*a, "toon", "1"]),
        ("toon-aanvraag-regie", REGIE, [*a, "toon", "2"]),
        ("aanvraag-lijst", COLLEGE, [*a, "lijst"]),
        ("aanvraag-lijst-zoek", COLLEGE, [*a, "lijst", "--zoek", "vries"]),
        ("vouchers", COLLEGE, ["vouchers"]),
        ("toekenning-intrekken-1", REGIE, ["toekenning", "intrekken", "1", "--grond", "a", "--motivering",
                                           "Het feest gaat niet door", "--datum", "2025-05-30"]),
        ("terugvordering-instellen", COLLEGE, ["terugvordering", "instellen", "1", "--bedrag", "85",
                                               "--motivering", "Teveel betaald", "--datum", "2025-06-02"]),
        ("vaststellen-1", REGIE, [*a, "vaststellen", "1", "--bedrag", "400", "--grond", "b", "--motivering",
                                  "Niet alles besteed aan het initiatief", "--datum", "2025-06-01"]),
        ("terugvordering-ontvangen", KAS, ["terugvordering", "ontvangen", "1", "--bedrag", "85",
                                           "--datum", "2025-06-03"]),
        ("buiten-behandeling-6", REGIE, [*a, "buiten-behandeling", "6", "--motivering", "Niet aangevuld",
                                         "--datum", "2025-06-04"]),
        ("termijnen", COLLEGE, ["termijnen", "--per", "2025-06-05"]),
        ("besluit-1", COLLEGE, ["besluit", "1"]),
        ("besluit-4", COLLEGE, ["besluit", "4"]),
        ("besluit-4-verzonden", REGIE, ["besluit", "4", "--verzonden", "--datum", "2025-03-13"]),
        ("bezwaar-indienen-4", REGIE, ["bezwaar", "indienen", "4", "--ontvangen", "2025-04-01", "--omschrijving",
                                       "Het beheer is wel geregeld", "--datum", "2025-04-02"]),
        ("bezwaar-lijst", COLLEGE, ["bezwaar", "lijst"]),
        ("bezwaar-beslissen-1", COLLEGE, ["bezwaar", "beslissen", "1", "--uitkomst", "ongegrond", "--motivering",
                                          "Geen beheer aangetoond", "--datum", "2025-05-01"]),
        ("saldo", COLLEGE, ["saldo"]),
        ("saldo-per", COLLEGE, ["saldo", "--per", "2025-04-30"]),
        ("kasboek", COLLEGE, ["kasboek"]),
        ("periode-afsluiten", COLLEGE, ["periode", "afsluiten", "--periode", "2025", "--wijk", "NOORD",
                                        "--datum", "2026-01-15"]),
        ("verantwoording", COLLEGE, ["rapport", "verantwoording"]),
        ("raad", COLLEGE, ["rapport", "raad"]),
        ("publicatie", COLLEGE, ["publicatie"]),
        ("bewaartermijnen", COLLEGE, ["bewaartermijnen", "--per", "2026-12-01"]),
        ("vergeet-6", COLLEGE, ["vergeet", "6", "--datum", "2026-11-01"]),
        ("vergeet-6-herhaald", COLLEGE, ["vergeet", "6", "--datum", "2026-11-01"]),
        ("regeling-wijzigen", COLLEGE, ["regeling", "wijzigen", "--regeling", str(regeling), "--vanaf", "2030-01-01",
                                        "--datum", "2026-11-15"]),
        ("herbouw", COLLEGE, ["herbouw"]),
        ("verifieer", COLLEGE, ["verifieer"]),
        ("backup", COLLEGE, ["backup", str(map / "kopie.db")]),
    ]  # fmt: skip


DEMO_LEZINGEN: list[tuple[str, list[str]]] = [
    ("demo-saldo", ["saldo"]),
    ("demo-saldo-noord", ["saldo", "--wijk", "NOORD", "--per", "2025-06-30"]),
    ("demo-kasboek", ["kasboek"]),
    ("demo-kasboek-zoek", ["kasboek", "--leverancier", "druk", "--van", "2025-03-01", "--tot", "2025-09-30"]),
    ("demo-vouchers", ["vouchers", "--met-restant"]),
    ("demo-aanvraag-lijst", ["aanvraag", "lijst"]),
    ("demo-aanvraag-toon", ["aanvraag", "toon", "7"]),
    ("demo-toon", ["toon", "{demo-voucher}"]),
    ("demo-mandaat-lijst", ["mandaat", "lijst"]),
    ("demo-wijk-lijst", ["wijk", "lijst"]),
    ("demo-regeling", ["regeling"]),
    ("demo-verantwoording", ["rapport", "verantwoording"]),
    ("demo-verantwoording-tot", ["rapport", "verantwoording", "--wijk", "WEST", "--tot", "2025-06-30"]),
    ("demo-raad", ["rapport", "raad"]),
    ("demo-publicatie", ["publicatie"]),
    ("demo-termijnen", ["termijnen", "--per", "2025-05-01"]),
    ("demo-bewaartermijnen", ["bewaartermijnen", "--per", "2035-01-01"]),
    ("demo-besluit", ["besluit", "7"]),
    ("demo-verifieer", ["verifieer"]),
]

_HASH = re.compile(r"\b[0-9a-f]{64}\b")
_KLOK = re.compile(r"(<vandaag>|\b\d{1,2} [a-z]+ \d{4}) \d{2}:\d{2}(:\d{2})?")  # also just after midnight
_TIJD = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(\+\d{2}:\d{2}|Z)?")
# How late an act was recorded (its business date in the past, recorded today) grows by one every day.
_DAGEN_LAAT = re.compile(r'("dagen_laat": )\d+|\b\d+( dagen na de datum van de handeling \(\d)')
_BYTES = re.compile(r'("bytes": |: )\d+( bytes)')


def normaliseer(tekst: str, map: Path) -> str:
    """What differs between two runs of the same scenario: hashes, recording moments, the directory, today."""
    tekst = _TIJD.sub("<tijd>", _HASH.sub("<hash>", tekst.replace(str(map), "<map>")))
    vandaag = vastlegging.vandaag()
    for vorm in (vandaag.isoformat(), formatteer_datum(vandaag), vandaag.strftime("%d-%m-%Y")):
        tekst = tekst.replace(vorm, "<vandaag>")  # reports without --tot: the stand of today
    tekst = _DAGEN_LAAT.sub(lambda m: f"{m[1] or ''}<dagen>{m[2] or ''}", tekst)
    return _KLOK.sub("<tijd>", tekst)  # a recording moment in the text: "vastgelegd <vandaag> 16:36:32"


def speel(map: Path, als_json: bool, ruw: bool = False) -> dict[str, str]:
    """Run the scenario on a new store in `map`; returns per name stdout, normalised unless `ruw`."""
    schoon = (lambda t: t) if ruw else (lambda t: normaliseer(t, map))
    db = map / "vouchers.db"
    uit: dict[str, str] = {}
    posities: dict[str, str] = {}
    for naam, wie, argv in handelingen(map):
        argv = [a.format(**posities) if "{" in a else a for a in argv]
        u = voer_uit(*argv, db=db, gebruiker=wie, als_json=als_json)
        assert u.code == 0, u
        uit[naam] = schoon(u.out)
        if naam == "verzilver-fout":
            regels = voer_uit("kasboek", "--voucher", argv[1], db=db, als_json=True).json()["regels"]
            posities[naam] = str(regels[-1]["positie"])
    demo = map / "demo.db"
    u = voer_uit("demo", db=demo, gebruiker="demo.wethouder", als_json=als_json)
    assert u.code == 0, u
    uit["demo"] = schoon(u.out)
    eerste = voer_uit("vouchers", db=demo, als_json=True).json()["vouchers"][6]
    posities["demo-voucher"] = eerste["code"]
    for naam, argv in DEMO_LEZINGEN:
        argv = [a.format(**posities) if "{" in a else a for a in argv]
        u = voer_uit(*argv, db=demo, gebruiker="demo.wethouder", als_json=als_json)
        assert u.code == 0, u
        uit[naam] = schoon(u.out)
    return uit
