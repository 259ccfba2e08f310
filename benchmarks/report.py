"""Run the benchmarks and print the ratios against their goals (the speed issue's table).

    python benchmarks/report.py            # runs pytest benchmarks --benchmark-only, then prints
    python benchmarks/report.py UIT.json   # only prints, from an earlier --benchmark-json file

Medians, because the machine is shared and noisy. For a rate (2, 3, 5) the ratio is our
rate over the baseline's; for a cost (1, 4, 6, 7, 9, 10, 11, 12) it is our time over the baseline's.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

# group prefix -> (what, baseline, kind, goal)
DOELEN = {
    "1": ("plafondcontrole op de toestand in het geheugen", "dict opzoeken en vergelijken", "kosten", 10.0),
    "2": ("één verzilvering, duurzaam", "ruwe insert + commit van één rij", "tempo", 0.5),
    "3": ("import van 10.000 betalingen", "ruwe batch-insert van 10.000 rijen", "tempo", 0.1),
    "4": ("toekenning na 100.000 wijkgebeurtenissen", "dezelfde na 100", "kosten", 1.5),
    "5": ("herbouw van alle projecties (in het proces)", "ruwe select + JSON-decode", "tempo", 0.5),
    "6": ("`voucher --json saldo` als proces (SQLite)", '`python -c "import click"`', "kosten", 3.0),
    "7": ("`voucher --json vouchers` (alle vouchers) als proces (SQLite)", "`voucher --json saldo`", "kosten", 1.5),
    "9": ("`voucher --json contant` als proces (SQLite)", '`python -c "import click"`', "kosten", 3.0),
    "10": ("`voucher --json verzilver` als proces (SQLite)", '`python -c "import click"`', "kosten", 3.0),
    "8": (
        "het commando als proces op de opslag van 1.000.000",
        "ruwe select + JSON-decode (verifieer: + SHA-256)",
        "tempo",
        0.5,
    ),
    "12": ("een betaling op een voucher met 20.000 eerdere betalingen", "dezelfde op een verse voucher", "kosten", 1.5),
    "11": (
        "één wijk en jaar in een opslag met tien keer meer andere geschiedenis",
        "hetzelfde in een opslag met alleen die wijk en dat jaar (+ de gemeente)",
        "kosten",
        1.5,
    ),
}
PIEK_MB = 300  # goal 1: peak memory of herbouw and verifieer at a million events
MET_PIEKDOEL = ("herbouw", "verifieer")


def lees_resultaten(pad: Path) -> dict[str, dict[str, float]]:
    data = json.loads(pad.read_text(encoding="utf-8"))
    groepen: dict[str, dict[str, float]] = {}
    for b in data["benchmarks"]:
        rol = "basis" if "_basis" in b["name"] else "meting"
        groepen.setdefault(b["group"], {})[rol] = b["stats"]["median"]
        if "piek_mb" in b.get("extra_info", {}):
            groepen[b["group"]][f"piek_{rol}"] = b["extra_info"]["piek_mb"]
    return groepen


def tabel(groepen: dict[str, dict[str, float]]) -> str:
    regels = [
        "| # | meting | basis | mediaan meting | mediaan basis | verhouding | doel | gehaald | piek meting (basis) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for groep in sorted(groepen, key=lambda g: (int(g.split()[0]), g)):
        nummer = groep.split()[0]
        wat, basis, soort, doel = DOELEN.get(nummer, (groep, "?", "kosten", float("nan")))
        t = groepen[groep]
        if "basis" not in t or "meting" not in t:
            continue
        if soort == "tempo":
            verhouding = t["basis"] / t["meting"]
            gehaald = verhouding >= doel
            doeltekst = f"≥ {doel}"
        else:
            verhouding = t["meting"] / t["basis"]
            gehaald = verhouding <= doel
            doeltekst = f"≤ {doel}×"
        piek = ""
        if "piek_meting" in t:
            piek = f"{t['piek_meting']:.0f} MB ({t.get('piek_basis', 0):.0f} MB)"
            if groep.split(": ")[-1] in MET_PIEKDOEL:
                piek += f", doel ≤ {PIEK_MB} MB: {'ja' if t['piek_meting'] <= PIEK_MB else 'nee'}"
                gehaald = gehaald and t["piek_meting"] <= PIEK_MB
        regels.append(
            f"| {groep} | {wat} | {basis} | {_tijd(t['meting'])} | {_tijd(t['basis'])} | "
            f"{verhouding:.2f} | {doeltekst} | {'ja' if gehaald else 'nee'} | {piek} |"
        )
    return "\n".join(regels)


def _tijd(seconden: float) -> str:
    if seconden < 1e-3:
        return f"{seconden * 1e6:.2f} µs"
    if seconden < 1:
        return f"{seconden * 1e3:.2f} ms"
    return f"{seconden:.2f} s"


def machine() -> str:
    cpu = "?"
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                cpu = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} kernen, {cpu}, Python {platform.python_version()}"
    )


def main(argv: list[str]) -> int:
    if argv:
        uit = Path(argv[0])
    else:
        uit = Path(tempfile.mkdtemp()) / "benchmarks.json"
        root = Path(__file__).resolve().parents[1]
        code = subprocess.call(
            [sys.executable, "-m", "pytest", "benchmarks", "--benchmark-only", f"--benchmark-json={uit}", "-q"],
            cwd=root,
        )
        if code != 0:
            return code
    print(f"Machine: {machine()}\n")
    print(tabel(lees_resultaten(uit)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
