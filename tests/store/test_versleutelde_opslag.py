"""Optional encryption at rest of the whole event store (VOUCHER_OPSLAGSLEUTEL, eventsourcing's AES-GCM cipher).

On both stores, through the command line: with the key everything works and verifies; the
raw tables hold no readable event; without the key, or with another one, a command stops
with exit 5 and one Dutch line; a key set on a store that was not encrypted is refused
before anything is written (a mixed store could not be read by anyone).
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import sys
from pathlib import Path

import psycopg
import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "cli"))
from cli_hulp import COLLEGE, REGIE, controleer_fout, ok, voer_uit, volledige_aanvraag

WIJKNAAM = "Zonnebloemkwartier"
SLEUTEL = base64.b64encode(os.urandom(32)).decode()
ANDERE = base64.b64encode(os.urandom(32)).decode()


def _env(sleutel: str | None) -> dict[str, str]:
    return {"VOUCHER_OPSLAGSLEUTEL": sleutel} if sleutel else {}


def _als(url: str, wie: str) -> str | None:
    return None if url.startswith("postgresql://") else wie  # PostgreSQL: the login acts


def _jaar(url: str, sleutel: str | None) -> None:
    def doe(*args: str, wie: str = COLLEGE) -> None:
        ok(voer_uit(*args, db=url, gebruiker=_als(url, wie), omgeving=_env(sleutel)))

    doe("init", "--gemeente", "Voorbeeldstad", "--datum", "2026-01-02")
    if not url.startswith("postgresql://"):
        doe("mandaat", "geven", REGIE, "--rol", "regiegroep", "--wijk", "ZON", "--datum", "2026-01-05")
    doe(
        "wijk",
        "aanwijzen",
        "ZON",
        "--naam",
        WIJKNAAM,
        "--periode",
        "2026",
        "--budget",
        "50.000",
        "--datum",
        "2026-01-06",
    )
    if not url.startswith("postgresql://"):
        doe(*volledige_aanvraag("ZON", "B. Bakker", "1.200", "2026-02-02"), wie=REGIE)


def _ruwe_toestanden(url: str) -> list[bytes]:
    if url.startswith("postgresql://"):
        with psycopg.connect(url, autocommit=True) as conn:
            rijen = conn.execute("SELECT state FROM vouchers_events UNION ALL SELECT state FROM vouchers_snapshots")
            return [bytes(r[0]) for r in rijen.fetchall()]
    with sqlite3.connect(url) as conn:
        rijen = conn.execute("SELECT state FROM stored_events UNION ALL SELECT state FROM stored_snapshots")
        return [bytes(r[0]) for r in rijen.fetchall()]


def test_met_de_sleutel_werkt_alles_en_de_tabellen_zijn_onleesbaar(store_url):
    _jaar(store_url, SLEUTEL)
    lijst = ok(voer_uit("wijk", "lijst", db=store_url, omgeving=_env(SLEUTEL), gebruiker=None))
    assert WIJKNAAM in lijst.out
    keten = ok(voer_uit("verifieer", db=store_url, als_json=True, omgeving=_env(SLEUTEL), gebruiker=None)).json()
    assert keten["intact"] is True and keten["gebeurtenissen"] >= 4
    toestanden = _ruwe_toestanden(store_url)
    assert toestanden
    for staat in toestanden:
        assert WIJKNAAM.encode() not in staat and b"Voorbeeldstad" not in staat and b"_hash" not in staat
        with pytest.raises(ValueError):  # not JSON (a ciphertext may start with "{" once in 256)
            json.loads(staat)


@pytest.mark.parametrize("sleutel", [None, ANDERE], ids=["zonder", "andere"])
def test_zonder_of_met_een_andere_sleutel_stopt_elk_commando_met_exit_5(store_url, sleutel):
    _jaar(store_url, SLEUTEL)
    aantal = len(_ruwe_toestanden(store_url))
    for args in (("wijk", "lijst"), ("verifieer",), ("wijk", "plafond", "ZON", "--periode", "2026", "40.000")):
        u = voer_uit(*args, db=store_url, omgeving=_env(sleutel), gebruiker=_als(store_url, COLLEGE))
        assert "VOUCHER_OPSLAGSLEUTEL" in str(controleer_fout(u, 5))
    assert len(_ruwe_toestanden(store_url)) == aantal


def test_een_sleutel_op_een_onversleutelde_opslag_wordt_geweigerd_en_schrijft_niets(store_url):
    _jaar(store_url, None)
    aantal = len(_ruwe_toestanden(store_url))
    u = voer_uit(
        "wijk", "plafond", "ZON", "--periode", "2026", "40.000",
        db=store_url, omgeving=_env(SLEUTEL), gebruiker=_als(store_url, COLLEGE),
    )  # fmt: skip
    assert "niet met de sleutel" in str(controleer_fout(u, 5))
    assert len(_ruwe_toestanden(store_url)) == aantal
    assert all(s.startswith(b"{") for s in _ruwe_toestanden(store_url))


@pytest.mark.parametrize("sleutel", ["geheim", "QUJD", "!!!!"])
def test_een_ongeldige_sleutel_is_ongeldige_invoer(tmp_path, sleutel):
    u = voer_uit("init", "--gemeente", "X", db=str(tmp_path / "v.db"), omgeving=_env(sleutel))
    assert "VOUCHER_OPSLAGSLEUTEL" in str(controleer_fout(u, 2))
    assert not (tmp_path / "v.db").exists()
