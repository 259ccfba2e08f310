"""The output of every command, `--json` and text, stays byte for byte what it was (issue 16).

A fixed scenario (scenario_gouden.py) runs every command on a new store and reads the demo's store;
each answer is compared with its golden file in goud/: the small ones in full, the large reports by
their SHA-256 in goud/GROOT.sha256. After a deliberate change of the output, write them anew with

    VOUCHER_GOUD_SCHRIJVEN=1 scripts/test tests/cli/test_uitvoer_blijft_gelijk.py

and let `git diff tests/cli/goud` show what changed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from scenario_gouden import normaliseer

GOUD = Path(__file__).parent / "goud"
GROOT = GOUD / "GROOT.sha256"
GRENS = 16_000  # bytes: above this an answer is kept as its hash only


def _sha(tekst: str) -> str:
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


def _schrijf(uit: dict[str, str]) -> None:
    hashes = dict(r.split("  ", 1)[::-1] for r in GROOT.read_text().splitlines()) if GROOT.exists() else {}
    for naam, tekst in uit.items():
        pad = GOUD / naam
        if len(tekst.encode("utf-8")) > GRENS:
            hashes[naam] = _sha(tekst)
            pad.unlink(missing_ok=True)
        else:
            hashes.pop(naam, None)
            pad.write_text(tekst, encoding="utf-8")
    GROOT.write_text("".join(f"{h}  {n}\n" for n, h in sorted(hashes.items())), encoding="utf-8")


@pytest.mark.parametrize("als_json", [True, False], ids=["json", "tekst"])
def test_elk_commando_geeft_dezelfde_uitvoer_als_de_gouden(tmp_path, gouden_uitvoer, als_json):
    soort = "json" if als_json else "txt"
    map, ruw = gouden_uitvoer(als_json)
    uit = {f"{naam}.{soort}": normaliseer(tekst, map) for naam, tekst in ruw.items()}
    if os.environ.get("VOUCHER_GOUD_SCHRIJVEN"):
        _schrijf(uit)
    hashes = dict(r.split("  ", 1)[::-1] for r in GROOT.read_text().splitlines())
    anders = []
    for naam, tekst in uit.items():
        if naam in hashes:
            gelijk = _sha(tekst) == hashes[naam]
        else:
            pad = GOUD / naam
            assert pad.exists(), f"geen gouden uitvoer voor {naam}: schrijf hem (zie de docstring)"
            gelijk = pad.read_text(encoding="utf-8") == tekst
        if not gelijk:
            (tmp_path / "nu").mkdir(exist_ok=True)
            (tmp_path / "nu" / naam).write_text(tekst, encoding="utf-8")
            anders.append(naam)
    assert not anders, f"andere uitvoer voor {anders}; de uitvoer van nu staat in {tmp_path / 'nu'}"
    bekend = {p.name for p in GOUD.glob(f"*.{soort}")} | {n for n in hashes if n.endswith(soort)}
    assert bekend == set(uit), f"gouden uitvoer zonder commando in het scenario: {sorted(bekend - set(uit))}"
