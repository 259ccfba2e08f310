"""The README stays true: its blocks run verbatim, each section on a store of its own, and its
specification of the hash chain is enough to verify a store with a script of one's own."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def _blok_met(tekst: str) -> str:
    for blok in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S):
        if tekst in blok:
            return blok
    raise AssertionError(f"geen sh-blok met {tekst!r} in README.md")


def test_het_jaar_met_de_hand_uit_de_readme_werkt_zoals_beschreven(tmp_path):
    script = _blok_met("init --gemeente Voorbeeldstad --datum")
    bin_map = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOUCHER_")}
    env["PATH"] = bin_map + os.pathsep + env.get("PATH", "")
    uit = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "fout:" not in uit.stderr
    saldo = subprocess.run(
        [shutil.which("voucher", path=env["PATH"]) or "voucher", "--database", "jaar.db", "--json", "saldo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    [noord] = json.loads(saldo.stdout)["wijken"]
    assert (noord["toegekend"], noord["verzilverd"], noord["contant"], noord["uitstaand"]) == (
        "2500.00",
        "450.00",
        "200.00",
        "1850.00",
    )


def test_de_readme_geeft_een_nieuwkomer_precies_twee_commandos():
    tekst = README.read_text(encoding="utf-8")
    deel = tekst.split("## Op een nieuwe machine", 1)[1].split("\n## ", 1)[0]
    blokken = re.findall(r"```sh\n(.*?)```", deel, flags=re.S)
    assert [b.strip().count("\n") for b in blokken] == [0, 0]
    assert "voucher demo" in blokken[0] and "scripts/test" in blokken[1]


def _secties() -> dict[str, list[str]]:
    """The sh blocks of each `## ` section of the README."""
    uit: dict[str, list[str]] = {}
    for deel in README.read_text(encoding="utf-8").split("\n## ")[1:]:
        titel, _, tekst = deel.partition("\n")
        uit[titel.strip()] = re.findall(r"```sh\n(.*?)```", tekst, flags=re.S)
    return uit


def _opslagen(blok: str) -> list[str]:
    """The store each `voucher` command of a block uses: --database, else an exported VOUCHER_DATABASE, else the default."""
    uit = []
    huidig = "vouchers.db"
    for regel in blok.replace("\\\n", " ").splitlines():
        if m := re.match(r"\s*export VOUCHER_DATABASE=(\S+)", regel):
            huidig = m.group(1)
        for m in re.finditer(r"(?:^|[\s&;|])voucher(\s.*)?$", regel):
            gevonden = re.search(r"--database\s+(\S+)", m.group(1) or "")
            uit.append(gevonden.group(1) if gevonden else huidig)
    return uit


def test_elke_sectie_van_de_readme_heeft_een_eigen_opslag():
    """Followed in any order, no section writes into another's store (or into the default ./vouchers.db of the demo)."""
    per_sectie = {
        titel: set().union(*(_opslagen(b) for b in blokken)) for titel, blokken in _secties().items() if blokken
    }
    assert per_sectie["Een jaar met de hand"] == {"jaar.db"}
    assert per_sectie["Op een nieuwe machine"] == {"vouchers.db"}
    assert per_sectie["Integriteit: de hashketen"] == {"keten.db"}
    titels = list(per_sectie)
    for i, a in enumerate(titels):
        for b in titels[i + 1 :]:
            assert not (per_sectie[a] & per_sectie[b]), (a, b, per_sectie[a] & per_sectie[b])


# --- the hash chain, checked with a script of one's own (tests/cli/zelf_nagaan.py) ----------------------
ZELF_NAGAAN = Path(__file__).with_name("zelf_nagaan.py")


def _voer_blok_uit(blok: str, cwd: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOUCHER_")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    uit = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", blok], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr


def _nagaan(opslag: str) -> tuple[int, str]:
    """The own script, run in isolation (-I: no PYTHONPATH, not from the project's folder)."""
    uit = subprocess.run(
        [sys.executable, "-I", str(ZELF_NAGAAN), opslag], capture_output=True, text=True, timeout=120, cwd="/"
    )
    return uit.returncode, uit.stdout.strip()


def _verifieer_json(opslag: str, cwd: Path) -> dict:
    uit = subprocess.run(
        [sys.executable, "-m", "cli", "--database", opslag, "--json", "verifieer"],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return {"code": uit.returncode, **(json.loads(uit.stdout) if uit.returncode == 0 else {})}


@pytest.fixture(scope="module")
def keten(tmp_path_factory) -> Path:
    """The README's integrity block, run verbatim: a demo year in keten.db and a report of it up to 30 June."""
    map_ = tmp_path_factory.mktemp("keten")
    _voer_blok_uit(_blok_met("voucher --database keten.db demo"), map_)
    return map_


def test_het_eigen_script_kent_alleen_de_standaardbibliotheek():
    import ast

    modules = set()
    for knoop in ast.walk(ast.parse(ZELF_NAGAAN.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Import):
            modules.update(a.name.split(".")[0] for a in knoop.names)
        elif isinstance(knoop, ast.ImportFrom):
            modules.add((knoop.module or "").split(".")[0])
    assert modules <= {"__future__", "hashlib", "json", "sqlite3", "sys", "dataclasses", "typing", "psycopg"}, modules


def test_een_eigen_script_naar_de_readme_vindt_dezelfde_ketenkop_als_het_programma(keten):
    code, uit = _nagaan(str(keten / "keten.db"))
    assert code == 0, uit
    m = re.fullmatch(r"intact: (\d+) gebeurtenissen; kop na positie (\d+): ([0-9a-f]{64})", uit)
    assert m, uit
    product = _verifieer_json(str(keten / "keten.db"), keten)
    assert (int(m[1]), int(m[2]), m[3]) == (product["gebeurtenissen"], product["positie"], product["kop"])
    assert int(m[1]) > 1000  # a whole demo year, snapshots included
    # the head the report printed is the head of the log at the report's last event
    sys.path.insert(0, str(ZELF_NAGAAN.parent))
    import zelf_nagaan

    heads = zelf_nagaan.na(*zelf_nagaan.lees(str(keten / "keten.db"))).koppen
    rapport = (keten / "keten.txt").read_text(encoding="utf-8")
    [kop] = set(re.findall(r"\b[0-9a-f]{64}\b", rapport))
    posities = [p for p, h in heads.items() if h == kop]
    assert posities and posities[0] < int(m[2]), kop  # the report stops at 30 June: an earlier head of the same log
    with sqlite3.connect(keten / "keten.db") as c:
        [(nr, anker)] = c.execute(
            "SELECT notification_id, kop FROM vouchers_proj_tracking WHERE projectie = 'leesmodellen'"
        )
    assert heads[nr] == anker


def _kopie(keten: Path, naam: str) -> Path:
    doel = keten / naam
    shutil.copyfile(keten / "keten.db", doel)
    return doel


def test_het_eigen_script_vindt_een_gewijzigde_byte_zoals_het_programma(keten):
    db = _kopie(keten, "een-byte.db")
    with sqlite3.connect(db) as c:
        rowid, staat = c.execute(
            "SELECT rowid, state FROM stored_events WHERE topic = 'voucher.Voucher.Verzilverd' ORDER BY rowid LIMIT 1"
        ).fetchone()
        plek = staat.index(b'"leverancier":"') + len(b'"leverancier":"')
        gewijzigd = staat[:plek] + bytes([staat[plek] ^ 0x01]) + staat[plek + 1 :]  # one letter, still valid JSON
        c.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (gewijzigd, rowid))
    code, uit = _nagaan(str(db))
    assert code == 1, uit
    assert uit.startswith(f"breuk: positie {rowid} ") and "opgeslagen _hash" in uit, uit
    assert _verifieer_json(str(db), keten)["code"] == 1


def test_het_eigen_script_vindt_een_verwijderde_gebeurtenis_en_een_valse_momentopname(keten):
    db = _kopie(keten, "weg.db")
    with sqlite3.connect(db) as c:
        stroom, versie = c.execute(
            "SELECT originator_id, originator_version FROM stored_events WHERE originator_version = 3 "
            "AND originator_id IN (SELECT originator_id FROM stored_events WHERE originator_version = 4) LIMIT 1"
        ).fetchone()  # a stream that goes on after version 3 (a stream cut at its end is found by the anchor)
        c.execute("DELETE FROM stored_events WHERE originator_id = ? AND originator_version = ?", (stroom, versie))
    code, uit = _nagaan(str(db))
    assert (code, f"stroom {stroom}, versie 4" in uit, "na versie 2 volgt versie 4" in uit) == (1, True, True), uit

    db = _kopie(keten, "moment.db")
    with sqlite3.connect(db) as c:
        stroom, versie, staat = c.execute(
            "SELECT originator_id, originator_version, state FROM stored_snapshots"
        ).fetchone()
        obj = json.loads(staat)
        obj["_kop"] = "f" * 64
        c.execute(
            "UPDATE stored_snapshots SET state = ? WHERE originator_id = ? AND originator_version = ?",
            (json.dumps(obj).encode(), stroom, versie),
        )
    code, uit = _nagaan(str(db))
    assert code == 1 and uit.startswith(f"breuk: momentopname van stroom {stroom} bij versie {versie}"), uit


@pytest.mark.postgres
def test_het_eigen_script_gaat_ook_een_postgresql_opslag_na(postgres_url, tmp_path):
    import psycopg
    from wereld import Wereld, open_store

    w = Wereld.ingericht(open_store(postgres_url))
    code = w.voucher("2.000")
    for i, bedrag in enumerate(("100", "250", "75,50")):
        w.verzilver(code, bedrag, factuur=f"F-{i}")
    w.app.close()
    uitslag, uit = _nagaan(postgres_url)
    assert uitslag == 0, uit
    product = _verifieer_json(postgres_url, tmp_path)
    assert uit.endswith(f"kop na positie {product['positie']}: {product['kop']}"), (uit, product)
    with psycopg.connect(postgres_url) as c:
        c.execute(
            "UPDATE vouchers_events SET state = convert_to(replace(convert_from(state, 'UTF8'), 'F-1', 'F-7'), 'UTF8') "
            "WHERE topic = 'voucher.Voucher.Verzilverd'"
        )
    uitslag, uit = _nagaan(postgres_url)
    assert uitslag == 1 and "opgeslagen _hash" in uit, uit
