"""No module reaches into another's private names (issue 16: a public core, not private reach-ins).

A name that starts with one underscore belongs to the module that defines it. Another module uses
the public seam instead: `Kern.datum`, `voer_uit`, `lees`, `laad`, `gemeente`, `laad_wijk`,
`laad_aanvraag`, `laad_voucher`, `eis_regie` (commands/kern.py), `lees_opslag` (commands/opslag.py). Checked here:
`from x import _naam`, and `iets._naam` where `_naam` is not defined in the module itself (its own
classes' attributes, `self._...` and `cls._...` are its own business).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _prive(naam: str) -> bool:
    return naam.startswith("_") and not naam.startswith("__")


def _eigen_namen(boom: ast.AST) -> set[str]:
    """Every name the module defines: functions, classes, assigned names and attributes."""
    namen: set[str] = set()
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            namen.add(knoop.name)
        doelen = (
            knoop.targets
            if isinstance(knoop, ast.Assign)
            else [knoop.target]
            if isinstance(knoop, ast.AnnAssign)
            else []
        )
        for doel in doelen:
            for d in doel.elts if isinstance(doel, ast.Tuple) else [doel]:
                if isinstance(d, ast.Name):
                    namen.add(d.id)
                elif isinstance(d, ast.Attribute):
                    namen.add(d.attr)
    return namen


def _inbraken(pad: Path) -> list[str]:
    boom = ast.parse(pad.read_text(encoding="utf-8"))
    eigen = _eigen_namen(boom)
    waar = pad.relative_to(ROOT) if pad.is_relative_to(ROOT) else pad.name
    uit = []
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.ImportFrom):
            uit += [
                f"{waar}:{knoop.lineno}: from {knoop.module} import {a.name}" for a in knoop.names if _prive(a.name)
            ]
        elif isinstance(knoop, ast.Attribute) and _prive(knoop.attr) and knoop.attr not in eigen:
            if not (isinstance(knoop.value, ast.Name) and knoop.value.id in ("self", "cls")):
                uit.append(f"{waar}:{knoop.lineno}: {ast.unparse(knoop)}")
    return uit


def test_geen_module_gebruikt_de_private_namen_van_een_andere():
    bestanden = [
        ROOT / "cli.py",
        *(p for laag in ("ledger", "commands", "projections", "opdrachtregel") for p in (ROOT / laag).rglob("*.py")),
    ]
    inbraken = [regel for pad in sorted(bestanden) for regel in _inbraken(pad)]
    assert not inbraken, "private namen van een andere module (gebruik de publieke kern):\n" + "\n".join(inbraken)


def test_de_controle_vindt_een_inbraak(tmp_path):
    """The check itself: a reach-in and a private import are found, a module's own names are not."""
    pad = tmp_path / "proef.py"
    pad.write_text(
        "from commands.dienst import _persoon\n\n"
        "class Eigen:\n    _stand = 1\n\n"
        "def f(dienst, e):\n    e._stand\n    return dienst._datum(None)\n",
        encoding="utf-8",
    )
    assert _inbraken(pad) == ["proef.py:1: from commands.dienst import _persoon", "proef.py:8: dienst._datum"]
