"""Keep click's Dutch message catalog (taal/nl/LC_MESSAGES/click.po) in step with click.

    python scripts/click_catalogus.py              # add click's new messages to the .po, compile the .mo
    python scripts/click_catalogus.py --controleer # exit 1 if a message lacks Dutch or the .mo is stale

The messages are read from the source of the installed click (every `_("...")` and
`ngettext("...", "...", n)` call), plus the few click translates with a computed argument
(`_(extra["required"])`). The .mo is compiled here, in the GNU format gettext reads, so no
gettext tools are needed; the .po stays the one source (translations are kept on update).
"""

from __future__ import annotations

import ast
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "taal" / "nl" / "LC_MESSAGES" / "click.po"
MO = PO.with_suffix(".mo")

# click calls `_()` with a computed value in these places; the values it can take:
BEREKEND = {'core.py: _(extra["required"])': ("required",)}

KOP = (
    "Project-Id-Version: vouchersysteem (click 8.5.1)\n"
    "Language: nl\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


@dataclass
class Bericht:
    msgid: str
    meervoud: str | None = None
    vertaling: list[str] = field(default_factory=list)  # [msgstr] or [msgstr[0], msgstr[1]]
    plaatsen: list[str] = field(default_factory=list)
    vlaggen: list[str] = field(default_factory=list)

    @property
    def sleutel(self) -> tuple[str, str | None]:
        return (self.msgid, self.meervoud)

    @property
    def vertaald(self) -> bool:
        return bool(self.vertaling) and all(self.vertaling) and len(self.vertaling) == (2 if self.meervoud else 1)


def click_map() -> Path:
    import click

    return Path(click.__file__).resolve().parent


def gettext_aanroepen(map_: Path) -> tuple[dict[tuple[str, str | None], Bericht], list[str]]:
    """Every literal message click passes to gettext, and the calls whose argument is computed."""
    berichten: dict[tuple[str, str | None], Bericht] = {}
    berekend: list[str] = []
    for pad in sorted(map_.glob("*.py")):
        bron = pad.read_text(encoding="utf-8")
        for knoop in ast.walk(ast.parse(bron)):
            if not (isinstance(knoop, ast.Call) and isinstance(knoop.func, ast.Name)):
                continue
            if knoop.func.id not in ("_", "ngettext"):
                continue
            args = knoop.args[: 1 if knoop.func.id == "_" else 2]
            if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                berekend.append(f"{pad.name}: {ast.get_source_segment(bron, knoop)}")
                continue
            teksten = [a.value for a in args if isinstance(a, ast.Constant)]
            sleutel = (teksten[0], teksten[1] if len(teksten) > 1 else None)
            b = berichten.setdefault(sleutel, Bericht(*sleutel))
            b.plaatsen.append(f"click/{pad.name}:{knoop.lineno}")
    for b in berichten.values():
        b.plaatsen.sort(key=_plaats)
    for aanroep in berekend:
        for tekst in BEREKEND.get(aanroep, ()):
            berichten.setdefault((tekst, None), Bericht(tekst, plaatsen=[f"click/{aanroep}"]))
    return dict(sorted(berichten.items(), key=lambda kv: _plaats(kv[1].plaatsen[0]))), berekend


def _plaats(plaats: str) -> tuple[str, int]:
    bestand, _, regel = plaats.rpartition(":")
    return (bestand, int(regel)) if regel.isdigit() else (plaats, 0)


# --- the .po format ----------------------------------------------------------------------------------
def _citeer(tekst: str) -> str:
    delen = tekst.split("\n")
    regels = [d + ("\n" if i < len(delen) - 1 else "") for i, d in enumerate(delen)]
    regels = [r for r in regels if r]

    def lit(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'

    if len(regels) <= 1:
        return lit(tekst)
    return '""\n' + "\n".join(lit(r) for r in regels)


def lees_po(pad: Path) -> list[Bericht]:
    """The entries of a .po file as this script writes it (the header entry included, msgid "")."""
    berichten: list[Bericht] = []
    veld: str | None = None
    waarden: dict[str, str] = {}
    commentaar: tuple[list[str], list[str]] = ([], [])

    def sluit() -> None:
        nonlocal waarden
        if "msgid" in waarden:
            b = Bericht(waarden["msgid"], waarden.get("msgid_plural"), plaatsen=commentaar[0], vlaggen=commentaar[1])
            if b.meervoud is None:
                b.vertaling = [waarden.get("msgstr", "")]
            else:
                b.vertaling = [waarden.get("msgstr[0]", ""), waarden.get("msgstr[1]", "")]
            berichten.append(b)
        waarden = {}

    for regel in [*pad.read_text(encoding="utf-8").splitlines(), ""]:
        regel = regel.strip()
        if not regel:
            sluit()
            commentaar = ([], [])
            veld = None
            continue
        if regel.startswith("#:"):
            commentaar[0].extend(regel[2:].split())
        elif regel.startswith("#,"):
            commentaar[1].extend(v.strip() for v in regel[2:].split(","))
        elif regel.startswith("#"):
            continue
        elif regel.startswith('"'):
            assert veld is not None, regel
            waarden[veld] += ast.literal_eval(regel)
        else:
            veld, _, rest = regel.partition(" ")
            waarden[veld] = ast.literal_eval(rest)
    return berichten


def schrijf_po(pad: Path, berichten: list[Bericht]) -> None:
    delen = [
        "# click's own messages in Dutch, for the `voucher` command line (taal/__init__.py).\n"
        "# Made and kept up to date by scripts/click_catalogus.py; translate here, never in the .mo.\n"
        'msgid ""\nmsgstr ' + _citeer(KOP) + "\n"
    ]
    for b in berichten:
        regels = [f"#: {' '.join(b.plaatsen)}"] if b.plaatsen else []
        if b.vlaggen:
            regels.append("#, " + ", ".join(b.vlaggen))
        regels.append("msgid " + _citeer(b.msgid))
        if b.meervoud is None:
            regels.append("msgstr " + _citeer(b.vertaling[0] if b.vertaling else ""))
        else:
            regels.append("msgid_plural " + _citeer(b.meervoud))
            vert = [*b.vertaling, "", ""][:2]
            regels += [f"msgstr[{i}] " + _citeer(v) for i, v in enumerate(vert)]
        delen.append("\n".join(regels) + "\n")
    pad.write_text("\n".join(delen), encoding="utf-8")


def _vlaggen(b: Bericht) -> list[str]:
    tekst = b.msgid + (b.meervoud or "")
    if "%(" in tekst:
        return ["python-format"]
    return ["python-brace-format"] if "{" in tekst else []


# --- the .mo format ----------------------------------------------------------------------------------
def compileer(berichten: list[Bericht]) -> bytes:
    """The GNU .mo file of these entries (untranslated ones left out, as msgfmt does)."""
    paren: dict[bytes, bytes] = {b"": KOP.encode("utf-8")}
    for b in berichten:
        if not b.msgid or not b.vertaald:
            continue
        sleutel = b.msgid if b.meervoud is None else b.msgid + "\0" + b.meervoud
        paren[sleutel.encode("utf-8")] = "\0".join(b.vertaling).encode("utf-8")
    sleutels = sorted(paren)
    n = len(sleutels)
    begin_id = 7 * 4 + 16 * n
    ids = b"".join(k + b"\0" for k in sleutels)
    begin_str = begin_id + len(ids)
    tabel_id, tabel_str, strs = [], [], b""
    plek = 0
    for k in sleutels:
        tabel_id += [len(k), begin_id + plek]
        plek += len(k) + 1
    plek = 0
    for k in sleutels:
        v = paren[k]
        tabel_str += [len(v), begin_str + plek]
        strs += v + b"\0"
        plek += len(v) + 1
    kop = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    return kop + struct.pack(f"{2 * n}i", *tabel_id) + struct.pack(f"{2 * n}i", *tabel_str) + ids + strs


def bij_te_werken() -> tuple[list[Bericht], list[str]]:
    """The .po's entries in click's order, new messages added (untranslated), vanished ones dropped."""
    uit_click, berekend = gettext_aanroepen(click_map())
    bestaand = {b.sleutel: b for b in lees_po(PO) if b.msgid} if PO.exists() else {}
    berichten = []
    for sleutel, b in uit_click.items():
        oud = bestaand.get(sleutel)
        b.vertaling = oud.vertaling if oud else []
        b.vlaggen = _vlaggen(b)
        berichten.append(b)
    onbekend = [a for a in berekend if a not in BEREKEND]
    return berichten, onbekend


def main(argv: list[str]) -> int:
    berichten, onbekend = bij_te_werken()
    ontbreekt = [b.msgid for b in berichten if not b.vertaald]
    if "--controleer" in argv:
        verouderd = not MO.exists() or MO.read_bytes() != compileer(lees_po(PO))
        for m in ontbreekt:
            print(f"zonder vertaling: {m!r}")
        for a in onbekend:
            print(f"berekend bericht, waarden onbekend (vul BEREKEND aan): {a}")
        if verouderd:
            print(f"{MO.relative_to(ROOT)} is niet de vertaling van {PO.relative_to(ROOT)}: draai dit script")
        return 1 if ontbreekt or onbekend or verouderd else 0
    schrijf_po(PO, berichten)
    MO.write_bytes(compileer(berichten))
    print(f"{PO.relative_to(ROOT)}: {len(berichten)} berichten, {len(ontbreekt)} zonder vertaling")
    for a in onbekend:
        print(f"berekend bericht, waarden onbekend (vul BEREKEND aan): {a}")
    return 1 if ontbreekt or onbekend else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
