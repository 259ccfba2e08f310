"""The house style, enforced: the layers point inward, ruff and mypy are clean."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(pakket: str) -> set[str]:
    namen: set[str] = set()
    for pad in (ROOT / pakket).rglob("*.py"):
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Import):
                namen.update(a.name.split(".")[0] for a in knoop.names)
            elif isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.level == 0:
                namen.add(knoop.module.split(".")[0])
    return namen


def test_het_domein_kent_geen_opdrachtregel_opslag_of_toepassing():
    verboden = {"click", "psycopg", "sqlite3", "commands", "projections", "cli", "pydantic"}
    assert _imports("ledger") & verboden == set()


def test_de_toepassing_kent_de_opdrachtregel_niet():
    assert _imports("commands") & {"click", "cli"} == set()
    assert _imports("projections") & {"click", "cli", "commands"} == set()


def test_geen_float_in_domein_of_toepassing():
    for pakket in ("ledger", "commands", "projections"):
        for pad in (ROOT / pakket).rglob("*.py"):
            boom = ast.parse(pad.read_text(encoding="utf-8"))
            for knoop in ast.walk(boom):
                if isinstance(knoop, ast.Name) and knoop.id == "float":
                    pytest.fail(f"float in {pad.relative_to(ROOT)}:{knoop.lineno}")
                if isinstance(knoop, ast.Constant) and isinstance(knoop.value, float):
                    pytest.fail(f"float-constante in {pad.relative_to(ROOT)}:{knoop.lineno}")


@pytest.mark.parametrize(
    "opdracht",
    [
        [sys.executable, "-m", "ruff", "check", "."],
        [sys.executable, "-m", "mypy"],
    ],
    ids=["ruff", "mypy"],
)
def test_de_code_is_schoon_volgens(opdracht):
    uit = subprocess.run(opdracht, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert uit.returncode == 0, uit.stdout + uit.stderr


def _geimporteerd(argv: list[str], cwd: Path) -> set[str]:
    uit = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cli", *argv], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    return {regel.rsplit("|", 1)[1].strip().split(".")[0] for regel in uit.stderr.splitlines() if "|" in regel}


def test_hulp_laadt_geen_opslag_en_geen_pydantic(tmp_path):
    geladen = _geimporteerd(["--help"], tmp_path)
    assert geladen & {"eventsourcing", "pydantic", "psycopg", "sqlite3"} == set()


def test_een_leescommando_op_sqlite_laadt_geen_psycopg_en_geen_pydantic(tmp_path):
    from wereld import Wereld, open_store

    Wereld.ingericht(open_store(str(tmp_path / "vouchers.db"))).voucher("100")
    geladen = _geimporteerd(["--database", str(tmp_path / "vouchers.db"), "--json", "saldo"], tmp_path)
    assert "eventsourcing" in geladen  # it did read the store
    assert geladen & {"psycopg", "pydantic", "xlsxwriter", "openpyxl"} == set()
    geladen = _geimporteerd(["--database", str(tmp_path / "vouchers.db"), "--json", "vouchers"], tmp_path)
    assert geladen & {"psycopg", "pydantic", "xlsxwriter", "openpyxl"} == set()


# What a payment does not need (issue 13: `contant` and `verzilver` as a process): the other aggregates, the
# catalogue of every event, the other use cases, pydantic and the other command models (commands/vorm.py),
# the read models and reports, the PostgreSQL driver.
NIET_VOOR_EEN_BETALING = {
    "pydantic",
    "pydantic_core",
    "commands.modellen",
    "ledger.gebeurtenissen",
    "ledger.aanvraag",
    "ledger.aanvraag_gebeurtenissen",
    "ledger.wijk",
    "ledger.bezwaar",
    "commands.dienst",
    "commands.aanvragen",
    "commands.budgetjaren",
    "commands.besluiten",
    "commands.inrichting",
    "commands.lezen",
    "commands.bewaren",
    "commands.leesmodellen",
    "commands.sleutels",
    "projections.rapporten",
    "psycopg",
}


def _modules(argv: list[str], cwd: Path, **env: str) -> set[str]:
    """The full names of the modules a command imported (sys.modules at exit), after checking that it succeeded.
    (`-X importtime` does not list `from pakket import module` when the package was imported before.)"""
    import json
    import os

    lijst = cwd / "modules.json"
    code = (
        "import atexit, json, runpy, sys\n"
        f"atexit.register(lambda: open({str(lijst)!r}, 'w').write(json.dumps(sorted(sys.modules))))\n"
        f"sys.argv = ['voucher', *{argv!r}]\n"
        "runpy.run_module('cli', run_name='__main__')\n"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120, env={**os.environ, **env}
    )
    assert uit.returncode == 0, uit.stderr
    return set(json.loads(lijst.read_text(encoding="utf-8")))


def test_een_betaling_laadt_alleen_haar_eigen_aggregaten(tmp_path):
    from wereld import KAS, Wereld, open_store

    db = str(tmp_path / "vouchers.db")
    code = Wereld.ingericht(open_store(db)).voucher("100")
    for argv in (
        ["contant", code, "--bedrag", "1"],
        ["contant", code, "--bedrag", "1", "--kwitantie", "K-1"],
        ["verzilver", code, "--bedrag", "1", "--leverancier", "Bouwmarkt", "--factuur", "F-1"],
    ):
        geladen = _modules(["--database", db, "--json", *argv], tmp_path, VOUCHER_GEBRUIKER=KAS)
        assert {"ledger.voucher", "ledger.gemeente", "commands.opslag"} <= geladen  # it did pay
        assert geladen & NIET_VOOR_EEN_BETALING == set()
    geladen = _modules(
        ["--database", db, "--json", "contant", code, "--bedrag", "1", "--sleutel", "s-1"],
        tmp_path,
        VOUCHER_GEBRUIKER=KAS,
    )
    assert "ledger.verzoek" in geladen and geladen & NIET_VOOR_EEN_BETALING == set()


def test_de_hulp_van_een_betaling_laadt_geen_opslag_en_geen_pydantic(tmp_path):
    for commando in ("contant", "verzilver"):
        geladen = _modules([commando, "--help"], tmp_path)
        assert {m.split(".")[0] for m in geladen} & {"eventsourcing", "pydantic", "psycopg", "sqlite3"} == set()


def test_pip_install_neemt_elk_pakket_mee():
    """`pip install .` (not editable) must ship every package, subpackages too (projections.rapporten)."""
    import tomllib

    from setuptools import find_packages

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    meegenomen = set(find_packages(where=str(ROOT), **config["packages"]["find"]))
    nodig = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for wortel in ("ledger", "commands", "projections", "taal")
        for p in (ROOT / wortel).rglob("__init__.py")
    }
    assert nodig <= meegenomen, nodig - meegenomen
    assert config["py-modules"] == ["cli"]
    # data files: the regeling's defaults and click's Dutch messages (the CLI speaks English without them)
    for pakket, bestanden in {"ledger": ["regeling.toml"], "taal": ["nl/LC_MESSAGES/click.mo"]}.items():
        patronen = config["package-data"][pakket]
        for bestand in bestanden:
            assert (ROOT / pakket / bestand).exists(), bestand
            assert any(Path(bestand).match(patroon) for patroon in patronen), (pakket, bestand, patronen)
