"""Helpers for the command-line contract tests (../../../shared/CLI.md).

Two ways to run `voucher`:
- `voer_uit_echt(...)`: the REAL console script in a subprocess (slow, ~0,5 s a call: used for a
  representative set);
- `voer_uit(...)`: in this process through `cli.main(argv)`, which holds the exit-code mapping of the
  contract; stdout and stderr are captured, the environment is set for the call and restored.

And the checks every contract test needs: one JSON object on stdout, amounts and dates in JSON form,
no floats, one `fout:` line on error, the event count of a SQLite store, saldo reconciliation.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from ledger import vastlegging

COLLEGE = "wethouder"
REGIE = "regie1"
KAS = "kas1"

# The prepared store (conftest.py `basis_store`): aanvraag 1 in wijk NOORD (2026) granted, € 1.000 in one
# voucher of which € 100 paid; aanvraag 2 in wijk OUD (2025) granted, € 800 in one voucher; wijk KLEIN
# (2026) has a budget of € 2.000 and nothing granted.
VOUCHER_NOORD = "V000001-01-0"
VOUCHER_OUD = "V000002-01-9"

BEDRAG_RE = re.compile(r"^-?\d+\.\d{2}$")
DATUM_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

SALDO_BEDRAGEN = (
    "budget",
    "uitvoeringskosten",
    "plafond",
    "toegekend",
    "verzilverd",
    "contant",
    "vervallen",
    "teruggevorderd",
    "terugontvangen",
    "uitstaand",
    "beschikbaar",
)
# Keys that hold an amount, wherever they appear in a JSON answer.
BEDRAG_SLEUTELS = frozenset(
    {
        *SALDO_BEDRAGEN,
        "bedrag",
        "waarde",
        "restant",
        "kosten",
        "max_voucherwaarde",
        "raadplegingsdrempel",
        "contant_max",
    }
)
# Keys that hold a date (or null), wherever they appear.
DATUM_SLEUTELS = frozenset(
    {
        "datum",
        "ontvangen",
        "beslissen_voor",
        "van",
        "tot",
        "verstrekt",
        "verstrekken_tot",
        "uitvoeren_tot",
        "start_voor",
        "inwerkingtreding",
        "per",
        "termijn",
        "gevraagd_op",
        "bekendgemaakt",
    }
)
# In the regeling the issue and execution dates are a month and day of every budget year: ISO 8601 "--06-30".
DAGMAAND_RE = re.compile(r"^--\d{2}-\d{2}$")

# Error kinds (`soort`) and exit codes as the product maps them.
EXITCODE_SOORT = {1: ("regel", "keten"), 2: ("invoer",), 3: ("niet_gevonden",), 4: ("conflict",), 5: ("opslag",)}
"""The `soort` of each exit code; 1 is a rule's refusal, or (verifieer) a hash chain that no longer holds."""


def morgen() -> date:
    """Tomorrow as the product counts days (in Amsterdam), now: call it when the command runs."""
    return vastlegging.vandaag() + timedelta(days=1)


# Dates relative to today in a command's arguments, filled in by voer_uit / voer_uit_echt when the
# command runs, not when pytest collects the tests: a run that crosses midnight would otherwise send
# yesterday's "tomorrow", which is today and accepted (and parametrize ids would differ per worker).
MORGEN = "<morgen>"
MORGEN_DMJ = "<morgen als dd-mm-jjjj>"
VOLGEND_JAAR = "<1 januari volgend jaar>"


def vul_dag_in(arg: str) -> str:
    """`arg`, with a relative date (MORGEN, MORGEN_DMJ, VOLGEND_JAAR) replaced by the date it is now."""
    if arg == MORGEN:
        return morgen().isoformat()
    if arg == MORGEN_DMJ:
        return morgen().strftime("%d-%m-%Y")
    if arg == VOLGEND_JAAR:
        return f"{morgen().year + 1}-01-01"
    return arg


# --- running the command ------------------------------------------------------------------


@dataclass
class Uitslag:
    argv: list[str]
    code: int
    out: str
    err: str

    def __repr__(self) -> str:  # shown by pytest when an assertion fails
        return f"Uitslag(argv={self.argv!r}, code={self.code}, out={self.out[:800]!r}, err={self.err[:800]!r})"

    def json(self) -> dict[str, Any]:
        """stdout is exactly one JSON object, without floats or NaN; returned parsed."""
        assert self.code == 0, self
        assert self.err == "", self
        return een_json_object(self.out)


def _argv(args: Sequence[str], db: str | os.PathLike[str] | None, als_json: bool) -> list[str]:
    argv: list[str] = []
    if db is not None:
        argv += ["--database", str(db)]
    if als_json:
        argv.append("--json")
    return argv + [vul_dag_in(str(a)) for a in args]


STANDAARD = "<standaard>"  # the default acting user: COLLEGE on SQLite; on PostgreSQL the URL's own login


def _postgres(db: str | os.PathLike[str] | None) -> bool:
    return db is not None and str(db).startswith(("postgresql://", "postgres://"))


def _omgeving(
    gebruiker: str | None, extra: dict[str, str] | None = None, db: str | os.PathLike[str] | None = None
) -> dict[str, str]:
    if gebruiker == STANDAARD:  # PostgreSQL refuses VOUCHER_GEBRUIKER for every command (reads too)
        gebruiker = None if _postgres(db) else COLLEGE
    env = {k: v for k, v in os.environ.items() if k not in ("VOUCHER_DATABASE", "VOUCHER_GEBRUIKER")}
    if gebruiker is not None:
        env["VOUCHER_GEBRUIKER"] = gebruiker
    env.update(extra or {})
    return env


@contextlib.contextmanager
def _tijdelijke_omgeving(env: dict[str, str]) -> Iterator[None]:
    oud = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(oud)


def voer_uit(
    *args: str,
    db: str | os.PathLike[str] | None = None,
    als_json: bool = False,
    gebruiker: str | None = STANDAARD,
    omgeving: dict[str, str] | None = None,
) -> Uitslag:
    """`voucher [--database DB] [--json] ARGS...` in this process, through cli.main (exit-code mapping included)."""
    import cli

    argv = _argv(args, db, als_json)
    out, err = io.StringIO(), io.StringIO()
    code: int | str | None = None
    with (
        _tijdelijke_omgeving(_omgeving(gebruiker, omgeving, db)),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            cli.main(argv)
        except SystemExit as e:
            code = e.code
    assert isinstance(code, int), f"cli.main ended without an integer exit code ({code!r}) for {argv}"
    return Uitslag(argv, code, out.getvalue(), err.getvalue())


def voucher_programma() -> list[str]:
    """The console script installed next to this Python (the venv), else on PATH; else the module run by this Python."""
    naast_python = Path(sys.executable).with_name("voucher")
    gevonden = str(naast_python) if naast_python.exists() else shutil.which("voucher")
    return [gevonden] if gevonden else [sys.executable, "-m", "cli"]


def voer_uit_echt(
    *args: str,
    db: str | os.PathLike[str] | None = None,
    als_json: bool = False,
    gebruiker: str | None = STANDAARD,
    cwd: str | os.PathLike[str] | None = None,
    omgeving: dict[str, str] | None = None,
) -> Uitslag:
    """The REAL `voucher` console script in a subprocess."""
    argv = _argv(args, db, als_json)
    proces = subprocess.run(
        [*voucher_programma(), *argv],
        env=_omgeving(gebruiker, omgeving, db),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )
    return Uitslag(argv, proces.returncode, proces.stdout, proces.stderr)


# --- checks -------------------------------------------------------------------------------


def _geen_nan(teken: str) -> Any:
    raise AssertionError(f"JSON bevat {teken}")


def een_json_object(tekst: str) -> dict[str, Any]:
    assert tekst.strip(), "stdout is leeg, verwacht één JSON-object"
    obj = json.loads(tekst, parse_constant=_geen_nan)  # raises on anything after the object
    assert isinstance(obj, dict), f"stdout is geen JSON-object maar {type(obj).__name__}"
    controleer_json_waarden(obj)
    return obj


def controleer_json_waarden(obj: Any, pad: str = "$", dagmaand: bool = False) -> None:
    """No float anywhere; amounts are "1234.50"; dates are "2026-03-01" (or null)."""
    if isinstance(obj, float):
        raise AssertionError(f"{pad}: float {obj!r} in JSON; bedragen zijn tekst")
    if isinstance(obj, dict):
        dagmaand = dagmaand or "max_voucherwaarde" in obj  # the regeling's own issue and execution day
        for sleutel, waarde in obj.items():
            hier = f"{pad}.{sleutel}"
            if sleutel in BEDRAG_SLEUTELS and waarde is not None:
                assert isinstance(waarde, str) and BEDRAG_RE.fullmatch(waarde), f"{hier}: bedrag {waarde!r}"
            if sleutel in DATUM_SLEUTELS and waarde is not None:
                assert isinstance(waarde, str), f"{hier}: datum {waarde!r}"
                if not (dagmaand and sleutel in ("verstrekken_tot", "uitvoeren_tot") and DAGMAAND_RE.fullmatch(waarde)):
                    assert DATUM_RE.fullmatch(waarde), f"{hier}: datum {waarde!r} niet ISO"
                    date.fromisoformat(waarde)
            controleer_json_waarden(waarde, hier, dagmaand=sleutel == "regeling")
    elif isinstance(obj, list):
        for i, waarde in enumerate(obj):
            controleer_json_waarden(waarde, f"{pad}[{i}]", dagmaand=dagmaand)
    elif isinstance(obj, str):
        # A number-looking string is an amount in JSON form; a Dutch date never appears.
        if re.fullmatch(r"-?\d+[.,]\d+", obj):
            assert BEDRAG_RE.fullmatch(obj), f"{pad}: {obj!r} lijkt een bedrag maar is niet in de vorm 1234.50"
        assert not re.fullmatch(r"\d{1,2}-\d{1,2}-\d{4}", obj), f"{pad}: datum {obj!r} is niet ISO"


def controleer_fout(
    u: Uitslag, code: int, *, als_json: bool | None = None, eis_artikel: bool = True
) -> dict[str, Any] | str:
    """An error exit: the code, nothing on stdout, one `fout:` line (or JSON object) on stderr, no traceback.

    A refusal by a rule (exit 1) names its article (CLI.md), unless `eis_artikel=False`.
    """
    if als_json is None:
        als_json = "--json" in u.argv
    assert u.code == code, u
    assert u.out == "", u
    assert "Traceback" not in u.err, u
    regels = u.err.splitlines()
    assert len(regels) == 1, f"verwacht één regel op stderr: {u!r}"
    regel = regels[0]
    if als_json:
        obj = json.loads(regel, parse_constant=_geen_nan)
        assert set(obj) == {"fout"}, u
        fout = obj["fout"]
        assert {"soort", "melding", "artikel"} <= set(fout), u
        assert isinstance(fout["soort"], str) and fout["soort"], u
        assert isinstance(fout["melding"], str) and fout["melding"], u
        assert fout["artikel"] is None or isinstance(fout["artikel"], str), u
        assert fout["soort"] != "intern", f"interne fout in plaats van een fout van het contract: {u!r}"
        if code in EXITCODE_SOORT:
            assert fout["soort"] in EXITCODE_SOORT[code], u
        if code == 1 and eis_artikel:  # a refusal by a rule names its article
            artikel = (fout["artikel"] or "").lower()
            assert "art." in artikel or "awb" in artikel, f"een weigering noemt het artikel: {u!r}"
        return fout
    assert regel.startswith("fout:"), u
    assert "onverwachte fout" not in regel, f"interne fout in plaats van een fout van het contract: {u!r}"
    if code == 1 and eis_artikel:
        assert "art." in regel or "Awb" in regel, f"een weigering noemt het artikel: {u!r}"
    return regel


# --- the store ------------------------------------------------------------------------------


def event_tabel(verbinding: sqlite3.Connection) -> str:
    namen = [r[0] for r in verbinding.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for voorkeur in ("vouchers_events", "stored_events"):
        if voorkeur in namen:
            return voorkeur
    kandidaten = [n for n in namen if n.endswith("events") and "snapshot" not in n]
    assert kandidaten, f"geen event-tabel in {namen}"
    return kandidaten[0]


def aantal_events(pad: str | os.PathLike[str]) -> int:
    """Number of stored events in a SQLite store (opened read-only, so nothing is created)."""
    assert Path(pad).exists(), pad
    verbinding = sqlite3.connect(f"file:{pad}?mode=ro", uri=True)
    try:
        return int(verbinding.execute(f"SELECT COUNT(*) FROM {event_tabel(verbinding)}").fetchone()[0])
    finally:
        verbinding.close()


def kopieer_store(bron: Path, doel: Path) -> Path:
    """Copy a SQLite store with any -wal/-shm companions."""
    shutil.copy(bron, doel)
    for staart in ("-wal", "-shm", "-journal"):
        extra = Path(str(bron) + staart)
        if extra.exists():
            shutil.copy(extra, Path(str(doel) + staart))
    return doel


def volledige_aanvraag(wijk: str, naam: str, kosten: str, ontvangen: str) -> list[str]:
    """`aanvraag indienen` with every item of art. 4 lid 2, received and registered on `ontvangen`."""
    return [
        "aanvraag", "indienen", "--wijk", wijk, "--naam", naam, "--adres", "Lindelaan 1", "--telefoon", "06-12345678",
        "--ondertekend", "--omschrijving", "Buurtfeest op het plein", "--planning", "juni", "--kosten", kosten,
        "--elders-subsidie", "nee", "--ontvangen", ontvangen, "--datum", ontvangen,
    ]  # fmt: skip


def ok(u: Uitslag) -> Uitslag:
    assert u.code == 0, u
    assert "Traceback" not in u.err, u
    return u


# --- saldo ----------------------------------------------------------------------------------


def d(tekst: str) -> Decimal:
    assert BEDRAG_RE.fullmatch(tekst), tekst
    return Decimal(tekst)


def controleer_saldo_sluit(saldo: dict[str, Any]) -> None:
    """Every row and the total reconcile to the cent; the total is the sum of the rows."""
    assert {"wijken", "totaal"} <= set(saldo), saldo
    rijen = saldo["wijken"]
    assert isinstance(rijen, list)
    for rij in [*rijen, saldo["totaal"]]:
        for k in SALDO_BEDRAGEN:
            assert k in rij, (k, rij)
        assert d(rij["uitstaand"]) == d(rij["toegekend"]) - d(rij["verzilverd"]) - d(rij["contant"]) - d(
            rij["vervallen"]
        ), rij
        # CLI.md, second round: what was paid back is available again
        assert d(rij["beschikbaar"]) == d(rij["plafond"]) - d(rij["toegekend"]) + d(rij["vervallen"]) + d(
            rij["terugontvangen"]
        ), rij
    for rij in rijen:
        assert {"wijk", "periode"} <= set(rij), rij
    for k in SALDO_BEDRAGEN:
        assert d(saldo["totaal"][k]) == sum((d(r[k]) for r in rijen), Decimal("0.00")), k
