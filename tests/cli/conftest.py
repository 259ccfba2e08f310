"""Fixtures of the command-line contract tests: one prepared SQLite store, copied for every test that writes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # cli_hulp, whatever pytest's import mode

from cli_hulp import COLLEGE, KAS, REGIE, VOUCHER_NOORD, VOUCHER_OUD, kopieer_store, ok, voer_uit, volledige_aanvraag


@pytest.fixture(scope="session")
def basis_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once through the command line (in this process): see cli_hulp for what it holds."""
    pad = tmp_path_factory.mktemp("basis") / "vouchers.db"

    def als(gebruiker: str, *args: str) -> None:
        ok(voer_uit(*args, db=pad, gebruiker=gebruiker))

    als(COLLEGE, "init", "--gemeente", "Teststad", "--datum", "2025-01-01")
    for wijk in ("NOORD", "KLEIN", "OUD"):
        als(COLLEGE, "mandaat", "geven", REGIE, "--rol", "regiegroep", "--wijk", wijk, "--datum", "2025-01-01")
    als(COLLEGE, "mandaat", "geven", KAS, "--rol", "kasbeheerder", "--datum", "2025-01-01")
    als(COLLEGE, "wijk", "aanwijzen", "NOORD", "--naam", "Noord", "--periode", "2026", "--budget", "100.000",
        "--uitvoeringskosten", "10%", "--datum", "2026-01-02")  # fmt: skip
    als(COLLEGE, "wijk", "aanwijzen", "KLEIN", "--naam", "Klein", "--periode", "2026", "--budget", "2.000",
        "--datum", "2026-01-02")  # fmt: skip
    als(COLLEGE, "wijk", "aanwijzen", "OUD", "--naam", "Oud", "--periode", "2025", "--budget", "50.000",
        "--datum", "2025-01-02")  # fmt: skip
    als(REGIE, *volledige_aanvraag("NOORD", "A. de Vries", "1.000", "2026-02-01"))
    als(REGIE, "aanvraag", "toekennen", "1", "--datum", "2026-03-01")
    als(REGIE, *volledige_aanvraag("OUD", "M. Jansen", "800", "2025-02-01"))
    als(REGIE, "aanvraag", "toekennen", "2", "--datum", "2025-03-01")
    als(KAS, "verzilver", VOUCHER_NOORD, "--bedrag", "100", "--leverancier", "Bouwmarkt", "--factuur", "F1",
        "--datum", "2026-04-01")  # fmt: skip
    toon = voer_uit("toon", VOUCHER_OUD, db=pad, als_json=True).json()
    assert toon["waarde"] == "800.00", toon
    return pad


@pytest.fixture
def store(basis_store: Path, tmp_path: Path) -> Path:
    """A private copy of the prepared store, for a test that writes."""
    return kopieer_store(basis_store, tmp_path / "vouchers.db")


@pytest.fixture(scope="session")
def gouden_uitvoer(tmp_path_factory: pytest.TempPathFactory):
    """The golden scenario (scenario_gouden.py), run once per mode for the session: `(map, stdout per step)`."""
    from scenario_gouden import speel

    gespeeld: dict[bool, tuple[Path, dict[str, str]]] = {}

    def geef(als_json: bool) -> tuple[Path, dict[str, str]]:
        if als_json not in gespeeld:
            map = tmp_path_factory.mktemp("goud")
            gespeeld[als_json] = (map, speel(map, als_json, ruw=True))
        return gespeeld[als_json]

    return geef
