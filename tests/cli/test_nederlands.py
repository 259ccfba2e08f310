"""The command line speaks Dutch throughout: every help text and every usage error of every command.

The commands are found by walking click's tree (cli.voucher), so a command added later is
checked without being listed here. Each is asked for `--help` and made to fail in every way
click can fail while parsing: an unknown option (also one a letter off, where click suggests
one), a missing required option or argument, a bad choice, a value its type refuses, an option
without its value, a flag with a value, an extra argument (with every required value valid),
an unknown subcommand. The answer must hold no English: click's own words come from the Dutch
catalog (taal/nl/LC_MESSAGES/click.po, checked against click's installed source below).
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import click
import pytest
from cli_hulp import voer_uit

import cli

ROOT = Path(__file__).resolve().parents[2]

# Words of click's English (and of English generally) that Dutch text does not use. Whole words,
# any case; option names (--help) and the values the test typed are taken out first.
ENGELSE_WOORDEN = {
    "aborted", "and", "are", "args", "boolean", "cannot", "choose", "could", "default", "deprecated",
    "did", "directory", "does", "dynamic", "env", "error", "file", "filename", "for", "from", "given",
    "got", "integer", "invalid", "is not", "mean", "message", "missing", "must", "no such", "not",
    "one of", "option", "options", "path", "please", "range", "required", "requires", "show", "such",
    "take", "takes", "text", "the", "this", "try", "unexpected", "usage", "value", "values", "version",
    "were", "with", "you", "your", "command", "commands", "usage:",
}  # fmt: skip
# click's metavars and usage pieces, case as click writes them.
ENGELSE_METAVARS = re.compile(
    r"\b(TEXT|INTEGER|FLOAT|FILENAME|FILE|PATH|DIRECTORY|BOOLEAN|OPTIONS|COMMAND|ARGS|UUID RANGE)\b"
)
WOORD = re.compile(r"[A-Za-zÀ-ÿ]+(?: not| such| of)?")


def engels(tekst: str, getypt: tuple[str, ...] = ()) -> list[str]:
    """The English in a text: click's metavars and words of the list (empty for Dutch)."""
    for t in getypt:
        tekst = tekst.replace(t, " ")
    tekst = re.sub(r"--?[a-z][a-z0-9-]*", " ", tekst)  # option names are names, not language
    gevonden = ENGELSE_METAVARS.findall(tekst)
    for m in WOORD.finditer(tekst):
        woord = m.group(0).lower()
        if woord in ENGELSE_WOORDEN:
            gevonden.append(m.group(0))
        elif " " in woord and woord.split()[0] in ENGELSE_WOORDEN:
            gevonden.append(woord.split()[0])
    return gevonden


def test_de_toets_op_engels_vindt_wat_click_zelf_schrijft():
    """The heuristic can fail: it catches click's untranslated phrases, and lets our Dutch pass."""
    for zin in (
        "Usage: voucher [OPTIONS] COMMAND [ARGS]...",
        "  --naam TEXT  Naam van de wijk.  [required]",
        "Error: No such option: --jsn Did you mean --json?",
        "Missing option '--rol'.",
        "Invalid value for '--periode': 'x' is not a valid integer.",
        "Got unexpected extra argument (x)",
        "Show this message and exit.",
        "  --omvang GETAL  [default: 1]",
    ):
        assert engels(zin), zin
    for zin in (
        "Gebruik: voucher [OPTIES] COMMANDO [ARGUMENTEN]...",
        "  --naam TEKST  Naam van de wijk.  [verplicht]",
        "fout: Onbekende optie '--jsn'. Bedoelde u --json? (zie 'voucher saldo --help')",
        "Toon deze hulp en stop.",
        "Ongeldige waarde voor '--periode': ongeldig aantal 'x': een geheel getal",
    ):
        assert engels(zin) == [], (zin, engels(zin))


# --- walking the tree --------------------------------------------------------------------------------
def commandos() -> list[tuple[str, ...]]:
    paden: list[tuple[str, ...]] = []

    def loop(cmd: click.Command, pad: tuple[str, ...]) -> None:
        paden.append(pad)
        if isinstance(cmd, click.Group):
            for naam, sub in sorted(cmd.commands.items()):
                loop(sub, (*pad, naam))

    loop(cli.voucher, ())
    return paden


def commando(pad: tuple[str, ...]) -> click.Command:
    cmd: click.Command = cli.voucher
    for naam in pad:
        assert isinstance(cmd, click.Group)
        cmd = cmd.commands[naam]
    return cmd


KANDIDATEN = ("1", "2026-01-01", "V000001-01-0", "ja", "10%", "sleutel-1", "tekst")
SLECHT = ("x!x",)


def _geldig(p: click.Parameter) -> list[str]:
    """A value the parameter's type accepts (no store is needed: types only parse)."""
    if isinstance(p.type, click.Choice):
        waarde = str(p.type.choices[0])
    else:
        waarde = next(k for k in KANDIDATEN if _past(p, k))
    return [waarde] * (p.nargs if p.nargs > 0 else 1)


def _past(p: click.Parameter, waarde: str) -> bool:
    try:
        p.type.convert(waarde, p, None)
    except click.BadParameter:
        return False
    return True


def _als_invoer(p: click.Parameter, waarden: list[str]) -> list[str]:
    if isinstance(p, click.Option):
        return [p.opts[0], *waarden]
    return waarden


def _verplicht(cmd: click.Command, behalve: click.Parameter | None = None) -> list[str]:
    """Every required option and argument with a valid value, arguments in their order."""
    opties: list[str] = []
    argumenten: list[str] = []
    for p in cmd.params:
        if p is behalve or not p.required:
            continue
        (opties if isinstance(p, click.Option) else argumenten).extend(_als_invoer(p, _geldig(p)))
    return [*opties, *argumenten]


def provocaties(pad: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """(what, argv) for every way parsing this command can fail."""
    cmd = commando(pad)
    uit = [("onbekende optie", [*pad, "--bestaat-niet"])]
    lange = [o for p in cmd.params if isinstance(p, click.Option) for o in p.opts if o.startswith("--")]
    if lange:
        uit.append(("bijna een optie", [*pad, lange[0][:-1]]))
    if isinstance(cmd, click.Group):
        uit.append(("onbekend commando", [*pad, "bestaatniet"]))
        return uit
    uit.append(("extra argument", [*pad, *_verplicht(cmd), "overbodig"]))
    uit.append(("extra argumenten", [*pad, *_verplicht(cmd), "overbodig", "nogeen"]))
    for p in cmd.params:
        if p.required:
            uit.append((f"zonder {p.name}", [*pad, *_verplicht(cmd, behalve=p)]))
        if not isinstance(p, click.Option) or not p.expose_value:
            continue
        if p.is_flag:
            uit.append((f"{p.name} met een waarde", [*pad, *_verplicht(cmd), f"{p.opts[0]}=ja"]))
            continue
        uit.append((f"{p.name} zonder waarde", [*pad, *_verplicht(cmd, behalve=p), p.opts[0]]))
        if isinstance(p.type, click.Choice):
            uit.append((f"{p.name} buiten de keuze", [*pad, *_verplicht(cmd, behalve=p), p.opts[0], "xyz"]))
        elif not _past(p, SLECHT[0]):
            uit.append((f"{p.name} van het verkeerde soort", [*pad, *_verplicht(cmd, behalve=p), p.opts[0], SLECHT[0]]))
        if isinstance(p.type, click.Path) and not p.type.dir_okay:
            uit.append((f"{p.name} een map", [*pad, *_verplicht(cmd, behalve=p), p.opts[0], str(ROOT)]))
    for p in cmd.params:
        if isinstance(p, click.Argument) and not isinstance(p.type, click.Choice) and not _past(p, SLECHT[0]):
            andere = [a for q in cmd.params if q.required and q is not p for a in _als_invoer(q, _geldig(q))]
            uit.append((f"{p.name} van het verkeerde soort", [*pad, *andere, SLECHT[0]]))
    return uit


PADEN = commandos()


def test_de_boom_heeft_de_commandos_van_het_contract():
    assert len(PADEN) > 40
    assert {("aanvraag", "weigeren"), ("verzilver",), ("saldo",), ("mandaat", "geven")} <= set(PADEN)


@pytest.mark.parametrize("pad", PADEN, ids=lambda p: " ".join(p) or "voucher")
def test_hulp_en_gebruiksfouten_zijn_nederlands(pad, tmp_path):
    db = tmp_path / "geen.db"  # parsing needs no store: nothing may be made
    hulp = voer_uit(*pad, "--help", db=db)
    assert hulp.code == 0 and hulp.err == "", hulp
    assert engels(hulp.out) == [], (hulp.out, engels(hulp.out))
    for wat, argv in provocaties(pad):
        for als_json in (False, True):
            u = voer_uit(*argv, db=db, als_json=als_json)
            assert u.code == 2, (wat, u)
            assert u.out == "", (wat, u)
            getypt = tuple(a for a in argv[len(pad) :] if a not in string.punctuation)
            assert engels(u.err, getypt) == [], (wat, u, engels(u.err, getypt))
            assert "Traceback" not in u.err, (wat, u)
    groep = commando(pad)
    if isinstance(groep, click.Group) and not groep.invoke_without_command:  # without a subcommand: the help
        for als_json in (False, True):
            u = voer_uit(*pad, db=db, als_json=als_json)
            assert u.code == 2 and u.err.count("\n") == 1, u
            assert engels(u.out) == [] and engels(u.err) == [], u
    assert not db.exists()


def test_json_na_het_commando_werkt_als_ervoor(basis_store):
    voor = voer_uit("--json", "saldo", db=basis_store).json()
    na = voer_uit("saldo", "--json", db=basis_store).json()
    assert voor == na
    assert (
        voer_uit("mandaat", "--json", "lijst", db=basis_store).json()
        == voer_uit("--json", "mandaat", "lijst", db=basis_store).json()
    )


def test_de_grondslagen_a_tot_e_staan_in_de_hulp_bij_weigeren_en_in_de_regeling(basis_store):
    from ledger.begrippen import WEIGERINGSGRONDEN

    hulp = voer_uit("aanvraag", "weigeren", "--help", db=basis_store).out
    regeling = voer_uit("regeling", db=basis_store).out
    for tekst in (hulp, regeling):
        for letter, grond in WEIGERINGSGRONDEN.items():
            assert re.search(rf"^\s+{letter}\s+{re.escape(grond)}$", tekst, flags=re.M), (letter, tekst)
        assert "subsidieplafond bereikt, dan is dat grond e" in tekst


def test_de_hulp_legt_bedrag_datum_en_vouchercode_uit(tmp_path):
    hulp = voer_uit("--help", db=tmp_path / "geen.db").out
    for voorbeeld in ("1.234,50", "€ 1.234,50", "2026-03-01", "01-03-2026", "V000017-02-6"):
        assert voorbeeld in hulp
    # the examples mean what the help says they mean
    from ledger.datum import parse_datum
    from ledger.geld import Bedrag
    from ledger.vouchercode import normaliseer_code

    assert Bedrag.parse("1.234") == Bedrag.parse("1234")
    assert parse_datum("01-03-2026") == parse_datum("2026-03-01")
    assert normaliseer_code("v000017026") == "V000017-02-6"


# --- the catalog ------------------------------------------------------------------------------------
def _click_berichten() -> tuple[set[tuple[str, str | None]], list[str]]:
    """Every message click's installed source passes to gettext, read here independently of the script."""
    berichten: set[tuple[str, str | None]] = set()
    berekend: list[str] = []
    for pad in Path(click.__file__).parent.glob("*.py"):
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(knoop, ast.Call) and isinstance(knoop.func, ast.Name) and knoop.func.id in ("_", "ngettext"):
                args = knoop.args[: 1 if knoop.func.id == "_" else 2]
                if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                    waarden = [a.value for a in args]  # type: ignore[attr-defined]
                    berichten.add((waarden[0], waarden[1] if len(waarden) > 1 else None))
                else:
                    berekend.append(f"{pad.name}: {ast.unparse(knoop)}")
    return berichten, berekend


def _catalogus() -> gettext.GNUTranslations:
    from taal import DOMEIN, LOCALEDIR

    return gettext.translation(DOMEIN, str(LOCALEDIR), languages=["nl"])  # type: ignore[return-value]


def _velden(tekst: str) -> set[str]:
    return {veld for _, veld, _, _ in string.Formatter().parse(tekst) if veld is not None} | set(
        re.findall(r"%\((\w+)\)s", tekst)
    )


def test_de_catalogus_vertaalt_elk_bericht_van_de_geinstalleerde_click():
    berichten, berekend = _click_berichten()
    assert len(berichten) > 60
    assert berekend == ["core.py: _(extra['required'])"], berekend  # a new computed message: add it to the .po
    berichten.add(("required", None))
    t = _catalogus()
    for enkel, meer in sorted(berichten, key=str):
        if meer is None:
            vertaald = [t.gettext(enkel)]
            bron = [enkel]
        else:
            vertaald = [t.ngettext(enkel, meer, 1), t.ngettext(enkel, meer, 2)]
            bron = [enkel, meer]
        for b, v in zip(bron, vertaald, strict=True):
            assert v != b or b == "d", f"geen Nederlands voor {b!r}"
            assert _velden(v) <= _velden(b), f"{v!r} vraagt velden die click niet geeft ({b!r})"
            zonder_velden = re.sub(r"\{[^}]*\}|%\(\w+\)s", " ", v)
            assert engels(zonder_velden, ("Windows", "Bash", "UUID")) == [], (b, v)


def test_de_mo_is_de_vertaling_van_de_po():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import click_catalogus
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert click_catalogus.main(["--controleer"]) == 0
    po = {b.sleutel: b.vertaling for b in click_catalogus.lees_po(click_catalogus.PO) if b.msgid}
    t = _catalogus()
    for (enkel, meer), vertaling in po.items():
        if meer is None:
            assert t.gettext(enkel) == vertaling[0]
        else:
            assert [t.ngettext(enkel, meer, 1), t.ngettext(enkel, meer, 2)] == vertaling


@pytest.mark.parametrize("taal", ["C", "en_US.UTF-8", "fr_FR.UTF-8"])
def test_het_echte_programma_spreekt_nederlands_in_elke_locale(taal, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env |= {"LANG": taal, "LC_ALL": taal, "LANGUAGE": "en"}
    uit = subprocess.run(
        [sys.executable, "-m", "cli", "--database", str(tmp_path / "geen.db"), "wijk", "aanwijzen", "NOORD"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert uit.returncode == 2, uit
    assert "Ontbrekende optie '--naam'" in uit.stderr, uit.stderr


def test_een_gewone_pip_install_neemt_de_catalogus_mee(tmp_path):
    """`pip install .` (not editable): the .mo ships as package data, and the installed program speaks Dutch."""
    wiel_map, site = tmp_path / "wiel", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    bron = tmp_path / "bron"  # built from a copy: setuptools leaves build/ behind in the tree it builds
    shutil.copytree(ROOT, bron, ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "__pycache__", "*.db"))
    bouw = [*pip, "wheel", "--no-deps", "--no-build-isolation", str(bron), "-w", str(wiel_map)]
    subprocess.run(bouw, check=True, capture_output=True, timeout=300)
    [wiel] = wiel_map.glob("vouchersysteem-*.whl")
    with zipfile.ZipFile(wiel) as z:
        assert "taal/nl/LC_MESSAGES/click.mo" in z.namelist()
    installeer = [*pip, "install", "--no-deps", "--no-index", "--target", str(site), str(wiel)]
    subprocess.run(installeer, check=True, capture_output=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "VOUCHER_DATABASE")}
    env |= {"PYTHONPATH": str(site), "LANG": "C"}
    script = (
        "import sys, cli, taal; "
        f"assert cli.__file__.startswith({str(site)!r}) and taal.__file__.startswith({str(site)!r}); "
        "cli.main(['--database', 'geen.db', 'wijk', 'aanwijzen', 'NOORD'])"
    )
    uit = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert uit.returncode == 2, uit
    assert uit.stderr.startswith("fout: Ontbrekende optie '--naam'."), uit.stderr
