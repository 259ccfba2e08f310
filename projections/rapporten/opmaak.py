"""How the reports write: amounts, dates, tables, JSON, CSV and self-contained HTML.

Rules owned here:
- people read `€ 1.234,50` and `1 maart 2026`; JSON has `"1234.50"` and `"2026-03-01"`;
- CSV is for Dutch Excel: `;` between fields, a decimal comma, no thousands separator, no `€`
  (`1234,50`), UTF-8 with a byte order mark so that Excel reads the accents, lines ending in
  CRLF; the header row says so in the amount column's name; on request (`CsvStijl` EN) `,` and a
  decimal point, for a spreadsheet set to another language;
- HTML is one self-contained file: inline CSS, no scripts, no fonts, images or style sheets
  from anywhere, a viewport for phones;
- nothing depends on the clock, the locale or dict order: the same model gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

import orjson

from ledger.datum import MAANDEN
from ledger.geld import Bedrag
from projections.tekst import nl, tabel  # noqa: F401 - re-exported: the reports' plain text helpers

FORMATEN = ("tekst", "csv", "json", "html")
CSV_BEDRAGKOLOM = "bedrag (euro, decimaalkomma)"
AVG_ZIN = (
    "Persoonsgegevens van aanvragers (naam, adres, telefoon, handtekening) staan niet in dit rapport (AVG); "
    "het aanvraagnummer verwijst naar het dossier."
)


def ketenkop_regels(m: dict[str, Any]) -> list[str]:
    """The log head the report rests on (ledger/keten.py): with it, 'voucher verifieer --kop' proves
    later that the store still holds exactly this history up to that event."""
    kop = m.get("ketenkop")
    if not kop:
        return []
    return [
        *([bekend_op_zin(m["bekend_op"])] if m.get("bekend_op") else []),
        f"Ketenkop na gebeurtenis nr. {kop['positie']}: {kop['hash']} "
        "(controle: voucher verifieer --kop <ketenkop of dit bestand>).",
    ]


def bekend_op_zin(d: date, *, met_kop: bool = True) -> str:
    """What `--bekend-op` means, in one sentence (ledger/vastlegging.py)."""
    zin = f"Bekend op {nl(d)}: alleen wat aan het eind van die dag (Nederlandse tijd) was vastgelegd telt mee"
    return zin + ("; de ketenkop is die van het log op dat moment." if met_kop else ".")


def ketenkop_voet(m: dict[str, Any]) -> list[str]:
    """The log head for a page's footer, with what it is for in one plain sentence."""
    kop = m.get("ketenkop")
    if not kop:
        return []
    return [
        *([f"<p>{escape(bekend_op_zin(m['bekend_op']))}</p>"] if m.get("bekend_op") else []),
        f"<p>Ketenkop na gebeurtenis nr. {kop['positie']}: <code>{escape(kop['hash'])}</code>.</p>",
        "<p>Met deze code kan later iedereen nagaan dat de vastgelegde geschiedenis waarop deze cijfers rusten "
        "niet achteraf is veranderd (<code>voucher verifieer --kop</code> met de code of met dit bestand).</p>",
    ]


def kort(d: date | None) -> str:
    """`01-03-2026`, for columns."""
    return "-" if d is None else f"{d.day:02d}-{d.month:02d}-{d.year}"


def maand(jaar: int, nummer: int) -> str:
    return f"{MAANDEN[nummer - 1]} {jaar}"


MAANDEN_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def maand_kort(jaar: int, nummer: int, in_jaar: int | None = None) -> str:
    """`mrt`, the Dutch abbreviation; `mrt 2026` when the month lies outside the year `in_jaar`."""
    kort = MAANDEN_KORT[nummer - 1]
    return kort if jaar == in_jaar else f"{kort} {jaar}"


def procent(deel: Bedrag, geheel: Bedrag) -> str:
    """`8,00 %`: the share in hundredths of a percent, rounded down (never a float)."""
    if geheel.centen <= 0:
        return "-"
    honderdsten = deel.centen * 10_000 // geheel.centen
    return f"{honderdsten // 100},{honderdsten % 100:02d} %"


def procent_json(deel: Bedrag, geheel: Bedrag) -> str | None:
    """`"8.00"` for JSON."""
    if geheel.centen <= 0:
        return None
    honderdsten = deel.centen * 10_000 // geheel.centen
    return f"{honderdsten // 100}.{honderdsten % 100:02d}"


# --- text -----------------------------------------------------------------------------------------
# --- JSON -----------------------------------------------------------------------------------------
def _json_waarde(o: Any) -> Any:
    if isinstance(o, Bedrag):
        return o.json()
    if isinstance(o, date):
        return o.isoformat()
    raise TypeError(type(o).__name__)


def json_tekst(model: dict[str, Any]) -> str:
    """The model as one JSON object, keys in the model's own (fixed) order, ending in a newline.

    Written by orjson, byte for byte what `json.dumps(model, default=_json_waarde, ensure_ascii=False,
    indent=2)` writes (tests/rapporten/test_json_snel.py), and many times faster: the standard library
    encodes an indented document in Python. Dates go through `_json_waarde` as well (not orjson's own
    date format). What orjson refuses (a text with a lone surrogate, an integer beyond 64 bits, a key
    that is not a text) goes the standard library's way."""
    try:
        data = orjson.dumps(model, default=_json_waarde, option=_ORJSON)
    except orjson.JSONEncodeError:
        return json.dumps(model, default=_json_waarde, ensure_ascii=False, indent=2) + "\n"
    return data.decode("utf-8")


_ORJSON = (
    orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
)


# --- CSV ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CsvStijl:
    """How a CSV separates fields and writes the decimals of an amount. A spreadsheet reads amounts as
    numbers only when these match its language setting: `nl` (`;`, decimal comma) for Excel and LibreOffice
    set to Dutch, `en` (`,`, decimal point) for the other settings. Both: UTF-8 with BOM, CRLF."""

    naam: str
    scheiding: str
    decimaal: str
    bedragkolom: str


NL = CsvStijl("nl", ";", ",", "bedrag (euro, decimaalkomma)")
EN = CsvStijl("en", ",", ".", "bedrag (euro; decimaalpunt)")
CSV_STIJLEN = {s.naam: s for s in (NL, EN)}
CSV_BEDRAGKOLOM = NL.bedragkolom


def bedrag_csv(b: Bedrag | None, stijl: CsvStijl = NL) -> str:
    """`1234,50` (Dutch Excel) or `1234.50`, `-12,00` when negative, empty for no amount."""
    return "" if b is None else b.json().replace(".", stijl.decimaal)


def csv_tekst(kop: Sequence[str], rijen: Iterable[Sequence[Any]], stijl: CsvStijl = NL) -> str:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=stijl.scheiding, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    schrijver.writerow(kop)
    for rij in rijen:
        schrijver.writerow(["" if c is None else _csv_cel(c, stijl) for c in rij])
    return "\ufeff" + uit.getvalue()


def _csv_cel(c: Any, stijl: CsvStijl) -> str:
    if isinstance(c, Bedrag):
        return bedrag_csv(c, stijl)
    if isinstance(c, date):
        return c.isoformat()
    if isinstance(c, bool):
        return "ja" if c else "nee"
    tekst = str(c)
    # A cell that starts like a formula is shown as text in Excel, never evaluated.
    if tekst[:1] in ("=", "+", "-", "@") and not _is_getal(tekst, stijl):
        return "'" + tekst
    return tekst


def _is_getal(tekst: str, stijl: CsvStijl) -> bool:
    return tekst.lstrip("-").replace(stijl.decimaal, "", 1).isdigit()


# --- HTML -----------------------------------------------------------------------------------------
# Accessibility (WCAG 2.1 AA, checked with axe-core in Chromium: tests/rapporten/test_paginas_in_chromium.py):
# every table has a caption, header cells with their scope, and sits in a scroll container that a keyboard
# can reach and a screen reader names; text has at least 4.5:1 contrast, graphics 3:1.
TOEGANKELIJK_CSS = """
.schuif{overflow-x:auto;-webkit-overflow-scrolling:touch}
.schuif:focus{outline:3px solid #1f6f8b;outline-offset:2px}
.schuif:focus:not(:focus-visible){outline:none}
caption{text-align:left;font-weight:600;padding:.2rem 0}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap;border:0}
"""
CSS = """
:root{--inkt:#1b2a33;--zacht:#5b6b75;--lijn:#d5dde2;--vlak:#f4f7f8;--accent:#1f6f8b}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--inkt);
line-height:1.45;font-size:16px;-webkit-text-size-adjust:100%}
main,footer{max-width:72rem;margin:0 auto;padding:1rem}
footer{color:var(--zacht);font-size:.85rem;border-top:1px solid var(--lijn);margin-top:2rem}
footer code{overflow-wrap:anywhere}
h1{font-size:1.45rem;margin:.2rem 0 .4rem}
h2{font-size:1.2rem;margin:1.8rem 0 .5rem;padding-top:.6rem;border-top:2px solid var(--accent)}
h3{font-size:1.02rem;margin:1.2rem 0 .3rem}
p,li{overflow-wrap:anywhere}
.meta{color:var(--zacht);font-size:.9rem}
.kaarten{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:.8rem}
.kaart{border:1px solid var(--lijn);border-radius:.5rem;padding:.7rem .8rem;background:#fff}
.kaart h3{margin-top:0}
.schuif{margin:.4rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{font-size:1rem}
th,td{text-align:left;padding:.25rem .4rem;border-bottom:1px solid var(--lijn);vertical-align:top}
thead th{background:var(--vlak);font-weight:600}
tbody th{font-weight:400}
td.b,th.b{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.v,th.v{white-space:nowrap}
tr.totaal td,tr.totaal th{font-weight:700;border-top:2px solid var(--inkt)}
dl.cijfers{display:grid;grid-template-columns:auto auto;gap:.1rem .8rem;margin:.3rem 0;max-width:26rem}
dl.cijfers dt{color:var(--zacht)}
dl.cijfers dd{margin:0;text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nr{color:var(--zacht);font-size:.8rem;white-space:nowrap}
.let{color:#8a1c1c}
@media print{h2{break-before:auto}.schuif{overflow:visible}}
"""


def e(tekst: Any) -> str:
    """Escape for HTML; amounts and dates in their Dutch form, an amount never broken over two lines."""
    uit = escape(nl(tekst), quote=True)
    return uit.replace("€ ", "€&nbsp;") if isinstance(tekst, Bedrag) else uit


def html_pagina(titel: str, inhoud: Iterable[str], css: str = CSS, voet: Iterable[str] = ()) -> str:
    """One self-contained page; `css` replaces the reports' style sheet (a letter prints on A4), the rules
    that keep tables accessible always come along; `voet` goes into the page's footer."""
    voet = list(voet)
    delen = [
        "<!doctype html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(titel)}</title>",
        f"<style>{TOEGANKELIJK_CSS.strip()}\n{css.strip()}</style>",
        "</head>",
        "<body>",
        "<main>",
        *inhoud,
        "</main>",
        *(["<footer>", *voet, "</footer>"] if voet else []),
        "</body>",
        "</html>",
    ]
    return "\n".join(delen) + "\n"


def html_tabel(
    kop: Sequence[str],
    rijen: Iterable[Sequence[str]],
    bedragen: Iterable[int] = (),
    totaal: Sequence[str] | None = None,
    vast: Iterable[int] = (),
    *,
    bijschrift: str | None = None,
    verborgen: bool = False,
    rijkop: bool = False,
) -> str:
    """A table whose cells are already escaped HTML; `bedragen` are right-aligned, `vast` never wrap (dates, codes).

    Always accessible: `bijschrift` is its caption (when a heading right above already says it: `verborgen`,
    read only by a screen reader) and names the scroll container, which a keyboard can reach (tabindex 0);
    headers carry `scope`; with `rijkop` the first cell of each row is the header of that row. Without a
    caption the table is named after its columns."""
    rechts, heel = set(bedragen), set(vast)
    naam = bijschrift or "Tabel met de kolommen " + ", ".join(kop)

    def cel(tag: str, i: int, inhoud: str, scope: str = "") -> str:
        klasse = ' class="b"' if i in rechts else ' class="v"' if i in heel and tag == "td" else ""
        if rijkop and i == 0 and tag == "td":
            tag, scope = "th", "row"
        bereik = f' scope="{scope}"' if scope else ""
        return f"<{tag}{klasse}{bereik}>{inhoud}</{tag}>"

    onzichtbaar = ' class="sr"' if verborgen or not bijschrift else ""
    regels = [
        f'<div class="schuif" role="region" aria-label="{escape(naam, quote=True)}" tabindex="0"><table>',
        f"<caption{onzichtbaar}>{escape(naam)}</caption>",
        "<thead><tr>" + "".join(cel("th", i, escape(k), "col") for i, k in enumerate(kop)) + "</tr></thead>",
        "<tbody>",
    ]
    for rij in rijen:
        regels.append("<tr>" + "".join(cel("td", i, c) for i, c in enumerate(rij)) + "</tr>")
    regels.append("</tbody>")
    if totaal is not None:
        regels.append(
            '<tfoot><tr class="totaal">' + "".join(cel("td", i, c) for i, c in enumerate(totaal)) + "</tr></tfoot>"
        )
    regels.append("</table></div>")
    return "\n".join(regels)


def nr(gebeurtenis: int | None) -> str:
    """The event an amount rests on, in HTML."""
    return "" if gebeurtenis is None else f'<span class="nr">#{gebeurtenis}</span>'
