"""The decision letters of a college decision and of an ambtenaar's decision, byte for byte (golden files).

The letter is a legal document: who decided, in which capacity and under which mandate (Awb 10:10, art. 5,
toelichting art. 2 lid 6), with the plafond "voor zover" (Awb 4:25 lid 2) for a partial grant on ground e.
The same history gives the same bytes; a change to a letter shows up here as a diff to review. To accept a
deliberate change: `VOUCHER_GOUDEN_BIJWERKEN=1 scripts/test tests/rapporten/test_brieven_gouden.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_hulp import ok, voer_uit, volledige_aanvraag

GOUDEN = Path(__file__).parent / "gouden"
BESLUIT = "besluit van het college van 5 januari 2026, nr. 2026/12"


@pytest.fixture(scope="module")
def brieven(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """NOORD with a regiegroep, WEST with an ambtenaar; the college grants in NOORD, the ambtenaar in WEST
    (partially, on ground e: the plafond of WEST leaves € 1.500)."""
    db = tmp_path_factory.mktemp("gouden") / "brieven.db"

    def als(wie: str, *args: str) -> None:
        ok(voer_uit(*args, db=db, gebruiker=wie))

    als("eigenaar", "init", "--gemeente", "Teststad", "--datum", "2026-01-02")
    als("eigenaar", "wijk", "aanwijzen", "NOORD", "--naam", "Noord", "--periode", "2026", "--budget", "50.000",
        "--datum", "2026-01-03")  # fmt: skip
    als("eigenaar", "wijk", "aanwijzen", "WEST", "--naam", "Westerveld", "--periode", "2026", "--budget", "5.000",
        "--plafond", "4.000", "--datum", "2026-01-03")  # fmt: skip
    als("eigenaar", "mandaat", "geven", "wethouder", "--rol", "college", "--naam", "J. Jansen", "--datum", "2026-01-05")
    als("wethouder", "mandaat", "geven", "anna", "--rol", "regiegroep", "--wijk", "NOORD", "--datum", "2026-01-05")
    als("wethouder", "mandaat", "geven", "bea", "--rol", "ambtenaar", "--wijk", "WEST", "--besluit", BESLUIT,
        "--naam", "Bea Bakker", "--datum", "2026-01-05")  # fmt: skip
    als("anna", *volledige_aanvraag("NOORD", "K. Kerkhof", "2.500", "2026-02-02"))
    als("bea", *volledige_aanvraag("WEST", "L. Linde", "2.500", "2026-02-03"))
    als("bea", *volledige_aanvraag("WEST", "M. Molen", "3.000", "2026-02-04"))
    als("wethouder", "aanvraag", "toekennen", "1", "--datum", "2026-02-16")
    als("bea", "aanvraag", "toekennen", "2", "--datum", "2026-02-17")
    als("bea", "aanvraag", "toekennen", "3", "--bedrag", "1.500", "--grond", "e", "--motivering",
        "het subsidieplafond van Westerveld laat nog € 1.500 toe", "--datum", "2026-02-18")  # fmt: skip
    return db


@pytest.mark.parametrize(
    ("naam", "nummer", "lezer", "formaat"),
    [
        ("besluit-college.txt", 1, "wethouder", "tekst"),
        ("besluit-ambtenaar.txt", 2, "bea", "tekst"),
        ("besluit-ambtenaar-plafond.txt", 3, "bea", "tekst"),
        ("besluit-ambtenaar.html", 2, "bea", "html"),
    ],
)
def test_de_brief_is_byte_voor_byte_het_gouden_bestand(brieven, tmp_path, naam, nummer, lezer, formaat):
    uit = tmp_path / naam
    ok(voer_uit("besluit", str(nummer), "--formaat", formaat, "--uitvoer", str(uit), db=brieven, gebruiker=lezer))
    gouden = GOUDEN / naam
    if os.environ.get("VOUCHER_GOUDEN_BIJWERKEN") == "1":
        gouden.write_bytes(uit.read_bytes())
    assert uit.read_bytes() == gouden.read_bytes(), f"{naam} wijkt af van het gouden bestand"


def test_de_gouden_brieven_noemen_de_juiste_hoedanigheid():
    """What the golden files must say, so that regenerating them cannot silently accept a wrong letter."""
    college = " ".join((GOUDEN / "besluit-college.txt").read_text("utf-8").split())
    assert (
        "Het college van burgemeester en wethouders van Teststad, voor dezen J. Jansen, lid van het college" in college
    )
    assert "regiegroep" not in college
    ambtenaar = " ".join((GOUDEN / "besluit-ambtenaar.txt").read_text("utf-8").split())
    assert (
        "Namens het college van burgemeester en wethouders van Teststad, Bea Bakker, ambtenaar met mandaat voor "
        f"wijk Westerveld (mandaatbesluit: {BESLUIT};"
    ) in ambtenaar
    assert "regiegroep" not in ambtenaar
    plafond = " ".join((GOUDEN / "besluit-ambtenaar-plafond.txt").read_text("utf-8").split())
    assert "Voor het overige, € 1.500,00, weigeren wij uw aanvraag op grond van art. 6 onder e" in plafond
    assert "(art. 4:25 lid 2 Awb)" in plafond
