"""Every HTML page the product writes, in the real Debian Chromium at desktop and at phone width.

The pages: `rapport raad` (a year closed and a year still running), `rapport verantwoording --formaat
html`, `publicatie --formaat html` (art. 7 lid 2, for the wijk's website) and the decision letters of
`voucher besluit NR --formaat html` (a grant and a refusal). Each is opened once per width in one
browser (chromium.py: the DevTools protocol over a pipe), and there:
- axe-core finds no violation of WCAG 2.0/2.1 level A and AA;
- nothing is written to the console, no resource is missing;
- the page is no wider than the window (a wide table scrolls inside its own, focusable region);
- on the raad page the amounts of the monthly chart are text beside their bars, at one size at
  every width.

Without chromium or axe-core (npm ci --prefix tests/rapporten/axe) this is skipped on a workstation and
FAILS when CI is set.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from chromium import BUREAU, TELEFOON, Chromium, Pagina, axe_bron
from cli_hulp import ok, voer_uit
from rapport_hulp import COLLEGE, jaar_2025

from commands.demo import COLLEGE as DEMO_COLLEGE
from commands.dienst import Dienst
from commands.opslag import lees_url, open_ledger
from commands.periode import SluitPeriodeAf, sluit_periode_af

VENSTERS = {"bureau": BUREAU, "telefoon": TELEFOON}
PAGINAS = ("raad", "raad-lopend", "verantwoording", "publicatie", "besluit-toekenning", "besluit-weigering")
MIDDEN_IN_HET_JAAR = "2025-05-31"
AFGESLOTEN_OP = date(2026, 1, 10)


@pytest.fixture(scope="module")
def klein_jaar(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """rapport_hulp's year with every kind of fact (exceptions, a refused payment, an aanvulling, a refusal),
    closed: all the verantwoording's sections at a fraction of the demo's size (axe's time grows with it)."""
    pad = tmp_path_factory.mktemp("klein") / "jaar.db"
    app = open_ledger(lees_url(str(pad)), inrichten=True)
    aanvragen = jaar_2025(app)["aanvragen"]
    sluit_periode_af(Dienst(app, COLLEGE, vandaag=AFGESLOTEN_OP), SluitPeriodeAf(periode=2025, datum=AFGESLOTEN_OP))
    app.close()
    return pad, aanvragen


@pytest.fixture(scope="module")
def paginas(
    afgesloten_bron: Path, klein_jaar: tuple[Path, dict[str, int]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    map_ = tmp_path_factory.mktemp("paginas")
    klein, a = klein_jaar
    opdrachten = {  # name: (store, who, command)
        "raad": (afgesloten_bron, DEMO_COLLEGE, ["rapport", "raad"]),
        "raad-lopend": (afgesloten_bron, DEMO_COLLEGE, ["rapport", "raad", "--tot", MIDDEN_IN_HET_JAAR]),
        "publicatie": (afgesloten_bron, DEMO_COLLEGE, ["publicatie"]),
        "verantwoording": (klein, COLLEGE, ["rapport", "verantwoording"]),
        "besluit-toekenning": (klein, COLLEGE, ["besluit", str(a["buiten_volgorde"])]),
        "besluit-weigering": (klein, COLLEGE, ["besluit", str(a["geweigerd"])]),
    }
    uit = {}
    for naam, (db, wie, opdracht) in opdrachten.items():
        pad = map_ / f"{naam}.html"
        ok(voer_uit(*opdracht, "--formaat", "html", "--uitvoer", str(pad), db=db, gebruiker=wie))
        uit[naam] = pad
    return uit


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_bron()  # skips, or fails in CI, before a browser starts


@pytest.fixture(scope="module")
def browser(axe: str) -> Iterator[Chromium]:
    with Chromium() as b:
        yield b


# The chart of the raad page as the browser lays it out: per month its label, amount, text size and where
# the amount stands against the end of its bar and the edge of its cell.
GRAFIEK_JS = """JSON.stringify([...document.querySelectorAll('table.grafiek tbody tr')].map(tr => {
  const waarde = tr.querySelector('.waarde'), rij = tr.querySelector('.staafrij');
  const delen = [...tr.querySelectorAll('.deel')];
  const eind = delen.length ? delen[delen.length - 1].getBoundingClientRect().right : rij.getBoundingClientRect().left;
  const w = waarde.getBoundingClientRect();
  return {maand: tr.querySelector('th').textContent, waarde: waarde.textContent,
          grootte: getComputedStyle(waarde).fontSize, maandgrootte: getComputedStyle(tr.querySelector('th')).fontSize,
          links: w.left, rechts: w.right, eind: eind, cel: tr.querySelector('td').getBoundingClientRect().right};
}))"""


@pytest.fixture(scope="module")
def bekeken(browser: Chromium, axe: str, paginas: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Each page at each width, looked at once: axe, console, width, a screenshot and (raad) the chart."""
    map_ = tmp_path_factory.mktemp("schermafdrukken")
    cache: dict[tuple[str, str], dict[str, Any]] = {}

    def bekijk(naam: str, venster: str) -> dict[str, Any]:
        if (naam, venster) not in cache:
            p: Pagina = browser.pagina(paginas[naam], VENSTERS[venster])
            try:
                uit: dict[str, Any] = {
                    "axe": p.axe(axe),
                    "breedte": p.evalueer("[innerWidth, document.documentElement.scrollWidth]"),
                    "schermafdruk": p.schermafdruk(map_ / f"{naam}-{venster}.png"),
                    "grafiek": json.loads(p.evalueer(GRAFIEK_JS)) if naam.startswith("raad") else None,
                    "console": p.console(),
                }
            finally:
                p.sluit()
            cache[(naam, venster)] = uit
        return cache[(naam, venster)]

    return bekijk


@pytest.mark.parametrize("venster", VENSTERS)
@pytest.mark.parametrize("naam", PAGINAS)
def test_elke_pagina_voldoet_aan_wcag_21_aa_volgens_axe_op_bureau_en_telefoon(bekeken, naam, venster):
    u = bekeken(naam, venster)
    schendingen = [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x): {v['nodes'][0]['target']}" for v in u["axe"]]
    assert schendingen == []
    assert u["console"] == []
    binnen, breedte = u["breedte"]
    assert binnen == VENSTERS[venster][0] and breedte <= binnen, f"de pagina is {breedte} px breed in {binnen} px"
    assert u["schermafdruk"] == VENSTERS[venster]


@pytest.mark.parametrize("naam", ["raad", "raad-lopend"])
def test_de_maandgrafiek_toont_zijn_bedragen_naast_de_staven_in_vaste_tekstgrootte(bekeken, afgesloten_bron, naam):
    bureau, telefoon = bekeken(naam, "bureau")["grafiek"], bekeken(naam, "telefoon")["grafiek"]
    maanden = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    assert [r["maand"] for r in bureau][:12] == maanden
    # The same text size at both widths, that of the table's own text (not scaled like SVG text).
    groottes = {r["grootte"] for r in bureau + telefoon} | {r["maandgrootte"] for r in bureau + telefoon}
    assert len(groottes) == 1, groottes
    assert float(groottes.pop().removesuffix("px")) >= 14
    for r in bureau + telefoon:
        assert 0 <= r["links"] - r["eind"] <= 12, r  # right after the end of its bar
        assert r["rechts"] <= r["cel"] + 0.5, r  # and not cut off by the cell
    # The amounts are those of the model, to the cent, and add up to the year's payments.
    tot = ["--tot", MIDDEN_IN_HET_JAAR] if naam == "raad-lopend" else []
    model = voer_uit("rapport", "raad", *tot, "--formaat", "json", db=afgesloten_bron).json()
    [periode] = model["perioden"]
    per_maand = {int(x["maand"][5:]): Decimal(x["verzilverd"]) + Decimal(x["contant"]) for x in periode["per_maand"]}
    gezien = [bedrag(unescape(r["waarde"])) for r in telefoon]
    assert gezien == [per_maand.get(m, Decimal(0)) for m in range(1, 13)]
    assert sum(gezien) == Decimal(periode["totaal"]["verzilverd"]) + Decimal(periode["totaal"]["contant"])


def bedrag(tekst: str) -> Decimal:
    """`€ 1.234,50` -> Decimal('1234.50')."""
    getal = tekst.replace("€", "").replace("\xa0", "").replace(" ", "").replace(".", "").replace(",", ".")
    return Decimal(getal)


def test_de_controles_zien_wat_er_mis_is(browser, axe, tmp_path):
    """axe and the console check are no checks that cannot fail: a page with known faults fails them."""
    slecht = tmp_path / "slecht.html"
    slecht.write_text(
        '<!doctype html><html><head><title>x</title></head><body><main><div style="overflow-x:auto;width:5rem">'
        '<table><tr><td style="white-space:nowrap">' + "breed " * 40 + "</td></tr></table></div>"
        '<p style="color:#bbb">grijs op wit</p><script>console.error("zichtbaar")</script></main></body></html>',
        encoding="utf-8",
    )
    p = browser.pagina(slecht, TELEFOON)
    try:
        gevonden = {v["id"] for v in p.axe(axe)}
        console = p.console()
    finally:
        p.sluit()
    assert {"scrollable-region-focusable", "color-contrast", "html-has-lang"} <= gevonden, gevonden
    assert any("zichtbaar" in c for c in console), console


# --- the raad page's content, without a browser -------------------------------------------------------
def test_de_raadspagina_is_een_bestand_zonder_iets_van_buiten_en_zegt_wat_ze_laat_zien(paginas):
    html = paginas["raad"].read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert re.search(r"<html lang=\"nl\">", html)
    for verboden in ("<script", "<link", "<img", "<iframe", "@import", "url(", "http://", "https://", "//fonts"):
        assert verboden not in html, verboden
    assert "<svg" not in html and "<title>" in html and html.count("<title>") == 1  # no tooltips: text
    assert ">maa<" not in html and '<abbr title="maart 2025">mrt</abbr>' in html
    # The ketenkop is in the footer, with what it is for; the page starts with the figures.
    main, voet = html.split("</main>")
    assert "Ketenkop" not in main and "Ketenkop na gebeurtenis nr." in voet and "<footer>" in voet
    assert "nagaan dat de vastgelegde geschiedenis" in voet
    # After closing the room under the plafond is shown as what it is: not spent, nothing is granted any more.
    assert "nog beschikbaar</dt><dd>€" not in main and main.count("niet besteed (afgesloten)</dt><dd>€") == 4
    assert "Het budgetjaar is afgesloten: er wordt niets meer toegekend of uitbetaald." in main
    lopend = paginas["raad-lopend"].read_text(encoding="utf-8")
    assert "niet besteed (afgesloten)</dt><dd>€" not in lopend and lopend.count("nog beschikbaar</dt><dd>€") == 4
    # Every table has a caption, its headers a scope; every scroll container is reachable and named.
    for pagina in paginas.values():
        tekst = pagina.read_text(encoding="utf-8")
        assert tekst.count("<table") == tekst.count("<caption") == tekst.count('role="region" aria-label=')
        assert tekst.count('class="schuif"') == tekst.count('tabindex="0"')
        assert "<th>" not in tekst and "<th " not in tekst.replace('<th scope="', "").replace('<th class="', "")


def test_de_ketenkop_in_de_voet_van_de_raadspagina_is_te_controleren(paginas, afgesloten_bron):
    u = voer_uit("verifieer", "--kop", str(paginas["raad"]), db=afgesloten_bron, als_json=True)
    assert u.code == 0, u
    assert u.json()["gevraagde_koppen"][0]["gevonden"] is True


def test_dezelfde_geschiedenis_geeft_dezelfde_paginas_byte_voor_byte(paginas, afgesloten_bron, tmp_path):
    db = afgesloten_bron
    for naam, opdracht in {"raad": ["rapport", "raad"], "publicatie": ["publicatie"]}.items():
        opnieuw = tmp_path / f"{naam}.html"
        ok(voer_uit(*opdracht, "--formaat", "html", "--uitvoer", str(opnieuw), db=db))
        assert opnieuw.read_bytes() == paginas[naam].read_bytes(), naam


def test_zonder_axe_core_slaat_een_werkplek_over_en_faalt_ci(monkeypatch, tmp_path):
    import chromium

    monkeypatch.setattr(chromium, "AXE_JS", tmp_path / "ontbreekt" / "axe.min.js")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="npm ci --prefix"):
        chromium.axe_bron()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is gezet"):
        chromium.axe_bron()
    monkeypatch.setattr(chromium.shutil, "which", lambda _: None)
    monkeypatch.setattr(chromium, "DEBIAN_CHROMIUM", tmp_path / "geen-chromium")
    with pytest.raises(pytest.fail.Exception, match="chromium ontbreekt"):
        chromium.chromium_pad()
