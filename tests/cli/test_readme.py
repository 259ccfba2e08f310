"""The README's hand-made year runs verbatim, so the README stays true."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def _blok_met(tekst: str) -> str:
    for blok in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S):
        if tekst in blok:
            return blok
    raise AssertionError(f"geen sh-blok met {tekst!r} in README.md")


def test_het_jaar_met_de_hand_uit_de_readme_werkt_zoals_beschreven(tmp_path):
    script = _blok_met("voucher init --gemeente Voorbeeldstad --datum")
    bin_map = str(Path(sys.executable).parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOUCHER_")}
    env["PATH"] = bin_map + os.pathsep + env.get("PATH", "")
    uit = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "fout:" not in uit.stderr
    saldo = subprocess.run(
        [shutil.which("voucher", path=env["PATH"]) or "voucher", "--json", "saldo"],
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
