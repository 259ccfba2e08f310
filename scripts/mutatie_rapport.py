"""The score of the last mutation runs (scripts/mutatie), per file of ledger/, and every survivor.

Reads mutmut's result files (mutants/ledger/*.py.meta) and the list of equivalent mutants
(tests/ledger/MUTANTEN-EQUIVALENT.md: every `ledger.…__mutmut_N` name in it, with its reason).
Score = killed / (all mutants - equivalent). A timeout counts as killed (the mutant never
finishes, so the tests notice it); "no tests" and "survived" count as survivors; a mutant not
checked yet makes the file incomplete. Exit 1 when a file scores below MUTATIE_GRENS (95) or is
incomplete; the arguments (mutmut name patterns) limit the report to the files they touch.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tests" / "ledger" / "MUTANTEN-EQUIVALENT.md"
GEDOOD = {"killed", "timeout", "caught by type check", "segfault"}
OVERLEEFD = {"survived", "no tests", "suspicious"}


def status_van(code: int | None) -> str:
    from mutmut.stats import status_by_exit_code  # the venv's mutmut, as scripts/mutatie installed it

    return str(status_by_exit_code[code])


def equivalente_namen() -> set[str]:
    if not EQUIVALENT.exists():
        return set()
    return set(re.findall(r"`(ledger\.[^`\s]+__mutmut_\d+)`", EQUIVALENT.read_text("utf-8")))


def uitslagen() -> dict[str, dict[str, int | None]]:
    """Per result file of mutants/ledger: mutant name -> mutmut's exit code (None: not checked)."""
    return {meta.name: _lees(meta) for meta in sorted((ROOT / "mutants" / "ledger").glob("*.py.meta"))}


def _lees(meta: Path) -> dict[str, int | None]:
    # A run in progress rewrites these files; read again when one is caught half written.
    for _ in range(10):
        try:
            return dict(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])
        except json.JSONDecodeError:
            time.sleep(0.2)
    return dict(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])


def druk_overlevers_af() -> int:
    """Print the survivors that are not listed as equivalent, one a line (scripts/mutatie reruns them)."""
    equivalent = equivalente_namen()
    for uitslag in uitslagen().values():
        for naam, code in uitslag.items():
            if naam not in equivalent and status_van(code) in OVERLEEFD:
                print(naam)
    return 0


def main(patronen: list[str]) -> int:
    if patronen == ["--overlevers"]:
        return druk_overlevers_af()
    grens = float(os.environ.get("MUTATIE_GRENS", "95"))
    equivalent = equivalente_namen()
    alle = uitslagen()
    if not alle:
        print("fout: geen resultaten in mutants/; draai eerst scripts/mutatie", file=sys.stderr)
        return 2
    gevonden: set[str] = set()
    te_laag: list[str] = []
    print(f"{'bestand':<28} {'mutanten':>8} {'equiv.':>6} {'gedood':>6} {'overl.':>6} {'open':>5} {'score':>7}")
    for naam_meta, uitslag in alle.items():
        if patronen:
            uitslag = {k: v for k, v in uitslag.items() if any(fnmatch.fnmatch(k, p) for p in patronen)}
        if not uitslag:
            continue
        bestand = "ledger/" + naam_meta.removesuffix(".meta")
        tel: Counter[str] = Counter()
        overlevers: list[tuple[str, str]] = []
        for naam, code in sorted(uitslag.items(), key=lambda kv: _volgorde(kv[0])):
            status = status_van(code)
            if naam in equivalent:
                gevonden.add(naam)
                tel["equivalent"] += 1
                if status in GEDOOD:
                    print(f"  let op: {naam} staat als equivalent in de lijst maar is {status}: haal hem eruit")
            elif status in GEDOOD:
                tel["gedood"] += 1
            elif status in OVERLEEFD:
                tel["overleefd"] += 1
                overlevers.append((naam, status))
            else:
                tel["open"] += 1
        telt = tel["gedood"] + tel["overleefd"]
        score = 100.0 * tel["gedood"] / telt if telt else 100.0
        print(
            f"{bestand:<28} {len(uitslag):>8} {tel['equivalent']:>6} {tel['gedood']:>6} {tel['overleefd']:>6} "
            f"{tel['open']:>5} {score:>6.1f}%"
        )
        for naam, status in overlevers:
            print(f"    {status}: {naam}")
        if score < grens or tel["open"]:
            te_laag.append(bestand)
    verdwenen = sorted(n for n in equivalent - gevonden if not patronen or any(fnmatch.fnmatch(n, p) for p in patronen))
    for naam in verdwenen:
        print(f"  let op: {naam} staat als equivalent in de lijst maar bestaat niet (meer): werk de lijst bij")
    if te_laag:
        print(f"onder {grens:g}% of niet compleet: {', '.join(te_laag)}")
        return 1
    print(f"elk bestand ten minste {grens:g}% (zonder de equivalente mutanten)")
    return 0


def _volgorde(naam: str) -> tuple[str, int]:
    functie, _, nummer = naam.rpartition("__mutmut_")
    return functie, int(nummer) if nummer.isdigit() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
