"""Fixtures of the report tests: the demo year, made once, and copies of it.

The demo store (commands/demo.py, budget year 2025) is filled once per session into a
SQLite file; a second file holds the same year closed on 10 January 2026. Tests that write
get a private copy.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # rapport_hulp
sys.path.insert(0, str(Path(__file__).parents[1] / "cli"))  # cli_hulp: running `voucher` in this process

from cli_hulp import kopieer_store

from commands.demo import COLLEGE, vul
from commands.dienst import Dienst
from commands.opslag import lees_url, open_ledger
from commands.periode import SluitPeriodeAf, sluit_periode_af

ZAAD = 31
AFGESLOTEN_OP = date(2026, 1, 10)


@pytest.fixture(scope="session")
def demo_bron(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo year 2025, not yet closed. Never written to: copy it."""
    pad = tmp_path_factory.mktemp("demo") / "demo.db"
    app = open_ledger(lees_url(str(pad)), inrichten=True)
    vul(app, omvang=1, zaad=ZAAD)
    app.close()
    return pad


@pytest.fixture(scope="session")
def afgesloten_bron(demo_bron: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same year, closed by the college on 10 January 2026. Never written to: copy it."""
    pad = kopieer_store(demo_bron, tmp_path_factory.mktemp("afgesloten") / "demo.db")
    app = open_ledger(lees_url(str(pad)))
    sluit_periode_af(Dienst(app, COLLEGE, vandaag=AFGESLOTEN_OP), SluitPeriodeAf(periode=2025, datum=AFGESLOTEN_OP))
    app.close()
    return pad


@pytest.fixture
def demo_store(demo_bron: Path, tmp_path: Path) -> Path:
    return kopieer_store(demo_bron, tmp_path / "demo.db")


@pytest.fixture
def afgesloten_store(afgesloten_bron: Path, tmp_path: Path) -> Path:
    return kopieer_store(afgesloten_bron, tmp_path / "afgesloten.db")
