"""Bar charts in plain HTML and CSS, for pages that a phone, paper and a screen reader all read.

Why not SVG: an SVG scaled by its viewBox scales its text with it (labels twice the body text on a
desktop, too small on a phone). Here the bars are boxes whose widths are percentages, and every
label and amount is ordinary text at the page's own size, at every width.

Rules owned here:
- widths come from cents in whole hundredths of a percent (never a float): the same figures draw
  the same bytes;
- each series has its own fill and, where two fills alone would only differ in hue, its own
  pattern (WCAG 1.4.1); segments are separated by a white gap, and every fill has at least 3:1
  against white, so each segment stands out from its neighbour (WCAG 1.4.11); the tests hold the
  colours in VULLING to that with the WCAG formula (tests/rapporten/test_grafiek.py);
- a bar is decoration: the figures it draws are always printed as text beside it or in its card,
  and the bar's own label lists them for a screen reader.
"""

from __future__ import annotations

from ledger.geld import Bedrag

WIT = "#ffffff"
RAND = "#5b6b75"  # the outline of a bar and of a legend's swatches: 5,6:1 against white
# series -> (CSS background, the colours it is drawn in: each must stand out from white and its neighbour)
VULLING: dict[str, tuple[str, tuple[str, ...]]] = {
    "verzilverd": ("#0b3d50", ("#0b3d50",)),
    "contant": ("#c8741a", ("#c8741a",)),
    "uitstaand": ("repeating-linear-gradient(45deg,#0b3d50 0 3px,#ffffff 3px 6px)", ("#0b3d50", WIT)),
    "vervallen": ("repeating-linear-gradient(-45deg,#9b1c31 0 3px,#ffffff 3px 6px)", ("#9b1c31", WIT)),
    "niet_toegekend": (WIT, (WIT,)),
}

CSS = f"""
.legenda{{display:flex;flex-wrap:wrap;gap:.3rem .9rem;font-size:.9rem;margin:.3rem 0 .8rem;padding:0;list-style:none}}
.legenda li{{display:flex;align-items:center;gap:.35rem}}
.stip{{display:inline-block;width:1rem;height:1rem;border:1px solid {RAND};flex:none;vertical-align:-.15rem;
margin-right:.3rem}}
.balk{{height:1.25rem;margin:.2rem 0 .4rem}}
.spoor{{display:flex;height:100%;border:1px solid {RAND};background:{WIT}}}
.deel{{height:100%;flex:none}}
.deel+.deel{{border-left:2px solid {WIT}}}
.stip,.deel{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
{"".join(f".s-{k}{{background:{v[0]}}}" for k, v in VULLING.items())}
table.grafiek td{{width:100%}}
.staafrij{{display:flex;align-items:center;width:calc(100% - 8em);min-height:1.3rem;border-left:1px solid {RAND}}}
.staafrij .deel{{height:1.1rem}}
.staafrij .waarde{{flex:none;padding-left:.4rem;white-space:nowrap;font-variant-numeric:tabular-nums}}
"""


def procent(deel: int, geheel: int) -> str:
    """`12.34%` of a CSS width: `deel` of `geheel`, in whole hundredths, rounded down."""
    honderdsten = deel * 10_000 // max(geheel, 1)
    return f"{honderdsten // 100}.{honderdsten % 100:02d}%"


def stip(reeks: str) -> str:
    return f'<span class="stip s-{reeks}" aria-hidden="true"></span>'


def legenda(reeksen: list[tuple[str, str]]) -> str:
    """The key: one swatch (fill and pattern) and name per series."""
    return '<ul class="legenda">' + "".join(f"<li>{stip(k)}{naam}</li>" for k, naam in reeksen) + "</ul>"


def delen(stukken: list[tuple[str, Bedrag]], geheel: Bedrag) -> str:
    """The segments of one bar, left to right; each is its share of `geheel`. Zero parts are left out."""
    return "".join(
        f'<span class="deel s-{reeks}" style="width:{procent(b.centen, geheel.centen)}"></span>'
        for reeks, b in stukken
        if b.centen > 0
    )


def balk(stukken: list[tuple[str, Bedrag]], geheel: Bedrag, schaal: Bedrag, label: str) -> str:
    """A stacked bar of `geheel` (its outline), as long as its share of `schaal` (the largest on the page)."""
    return (
        f'<div class="balk" role="img" aria-label="{label}">'
        f'<div class="spoor" style="width:{procent(geheel.centen, schaal.centen)}">{delen(stukken, geheel)}</div></div>'
    )


def staaf(stukken: list[tuple[str, Bedrag]], schaal: Bedrag, waarde: str) -> str:
    """A row of a bar chart: the bar (a share of `schaal`) and right after its end `waarde` (escaped HTML) as
    text; the longest bar leaves room for its amount."""
    return f'<div class="staafrij">{delen(stukken, schaal)}<span class="waarde">{waarde}</span></div>'
