"""The raad page: one self-contained HTML file that a real headless Chromium renders at phone width.

Needs Debian's `chromium`. Without it the test is skipped on a workstation, and FAILS when
the environment variable CI is set: .ci/run installs chromium, so a missing browser there is
a broken pipeline, not a reason to skip.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from cli_hulp import ok, voer_uit

TELEFOON = (390, 844)  # CSS pixels of a common phone
VLAGGEN = [
    "--headless",
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    f"--window-size={TELEFOON[0]},{TELEFOON[1]}",
    "--enable-logging=stderr",
    "--v=0",
]


def chromium() -> str:
    gevonden = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if gevonden:
        return gevonden
    if os.environ.get("CI"):
        pytest.fail("chromium ontbreekt, maar CI is gezet: .ci/run hoort het te installeren (apt-get install chromium)")
    pytest.skip("chromium is niet geïnstalleerd (Debian: apt-get install chromium); in CI faalt deze test dan")


def draai(pagina: Path, werkmap: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profiel = werkmap / f"profiel-{len(list(werkmap.iterdir()))}"
    return subprocess.run(
        [chromium(), *VLAGGEN, f"--user-data-dir={profiel}", *extra, pagina.as_uri()],
        capture_output=True,
        text=True,
        timeout=90,
        stdin=subprocess.DEVNULL,
    )


def console(stderr: str) -> list[str]:
    """What the page wrote to the console or threw: Chromium logs it as `...:CONSOLE(n)] "..."`."""
    return [r for r in stderr.splitlines() if ":CONSOLE" in r or "Uncaught" in r]


def png_maat(pad: Path) -> tuple[int, int]:
    kop = pad.read_bytes()[:24]
    assert kop[:8] == b"\x89PNG\r\n\x1a\n" and kop[12:16] == b"IHDR", "geen PNG"
    breedte, hoogte = struct.unpack(">II", kop[16:24])
    return breedte, hoogte


@pytest.fixture(scope="module")
def raadspagina(afgesloten_bron: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    map_ = tmp_path_factory.mktemp("raad")
    pad = map_ / "raad.html"
    ok(voer_uit("rapport", "raad", "--formaat", "html", "--uitvoer", str(pad), db=afgesloten_bron))
    return pad


def test_de_raadspagina_is_een_bestand_zonder_iets_van_buiten(raadspagina):
    html = raadspagina.read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert html.count("<svg") >= 5, "grafieken als inline SVG"
    for verboden in ("<script", "<link", "<img", "<iframe", "@import", "url(", "http://", "https://", "//fonts"):
        assert verboden not in html, verboden
    assert re.search(r"<html lang=\"nl\">", html)


def test_de_raadspagina_rendert_in_chromium_op_telefoonbreedte_zonder_consolefouten(raadspagina, tmp_path):
    schermafdruk = tmp_path / "raad.png"
    uit = draai(raadspagina, tmp_path, f"--screenshot={schermafdruk}")
    assert uit.returncode == 0, uit.stderr[-2000:]
    assert schermafdruk.exists(), uit.stderr[-2000:]
    assert png_maat(schermafdruk) == TELEFOON
    # An empty white page at this size is about 5 KB; the report with its bars and figures is far more.
    assert schermafdruk.stat().st_size > 20_000, schermafdruk.stat().st_size
    assert console(uit.stderr) == []

    # Laid out at phone width the page is no wider than the phone: nothing to scroll sideways. Headless
    # Chromium loads a page at its minimum width (500) and resizes to the window size before the screenshot,
    # so a copy of the page (the report itself has no scripts) reports its width on every resize through the
    # console. That also shows that the console check above sees what a page writes.
    meting = tmp_path / "meting.html"
    script = (
        "<script>function meet(){console.error('voucher-breedte:'+innerWidth+':'+document.documentElement.scrollWidth)}"
        "addEventListener('resize',meet);meet()</script></body>"
    )
    meting.write_text(raadspagina.read_text(encoding="utf-8").replace("</body>", script), encoding="utf-8")
    uit = draai(meting, tmp_path, f"--screenshot={tmp_path / 'meting.png'}")
    assert uit.returncode == 0, uit.stderr[-2000:]
    metingen = [tuple(map(int, m)) for m in re.findall(r"voucher-breedte:(\d+):(\d+)", "\n".join(console(uit.stderr)))]
    assert metingen, "de consolecontrole ziet niets van wat de pagina schrijft: klopt de vlag?"
    op_telefoon = [breedte for venster, breedte in metingen if venster == TELEFOON[0]]
    assert op_telefoon, f"nooit op telefoonbreedte opgemaakt: {metingen}"
    assert op_telefoon[-1] <= TELEFOON[0], (
        f"de pagina is {op_telefoon[-1]} px breed op een telefoon van {TELEFOON[0]} px"
    )
