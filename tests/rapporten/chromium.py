"""Drive the real Debian Chromium from a test: the DevTools protocol over `--remote-debugging-pipe`.

Chromium reads protocol commands from file descriptor 3 and writes answers and events to file
descriptor 4, each message one JSON object ended by a NUL byte. That needs nothing but the standard
library: no websocket client, no Playwright browser download (which cannot be fetched here).

One browser per test module (`Chromium()` as a context manager); each `pagina(...)` opens the file
in a fresh tab at the given window size, waits for its load event and gathers what the page wrote to
the console or threw. axe-core (npm, pinned in tests/rapporten/axe/package.json, installed by
.ci/run) is injected into the page as its own source text: the product's pages carry no scripts.

Without chromium or axe-core a test is skipped on a workstation and FAILS when CI is set: .ci/run
installs both, so a missing one there is a broken pipeline, not a reason to skip.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import struct
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
AXE_MAP = Path(__file__).parent / "axe"
AXE_JS = AXE_MAP / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BUREAU = (1280, 900)
TELEFOON = (390, 844)  # CSS pixels of a common phone
VLAGGEN = (
    "--headless",
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
WACHT = 60.0  # seconds for one protocol answer; a page of ours loads in well under a second


def ontbreekt(wat: str, hoe: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{wat} ontbreekt, maar CI is gezet: .ci/run hoort het te installeren ({hoe})")
    pytest.skip(f"{wat} is niet geïnstalleerd ({hoe}); in CI faalt deze test dan")


def chromium_pad() -> str:
    gevonden = shutil.which("chromium") or (str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.exists() else None)
    if not gevonden:
        ontbreekt("chromium", "Debian: apt-get install chromium")
    assert gevonden
    return gevonden


def axe_bron() -> str:
    if not AXE_JS.exists():
        ontbreekt("axe-core", f"npm ci --prefix {AXE_MAP}")
    return AXE_JS.read_text(encoding="utf-8")


class ProtocolFout(RuntimeError):
    pass


class Chromium:
    """One headless Chromium and its DevTools pipe."""

    def __init__(self) -> None:
        self._profiel = tempfile.TemporaryDirectory(prefix="voucher-chromium-")
        naar_chromium, self._schrijf = os.pipe()  # fd 3 of chromium: what it reads
        self._lees, van_chromium = os.pipe()  # fd 4 of chromium: what it writes

        def fds() -> None:  # in the child, before exec: the pipe ends at 3 and 4
            os.dup2(naar_chromium, 3)
            os.dup2(van_chromium, 4)

        self._log = open(Path(self._profiel.name) / "stderr.log", "wb")
        self._proces = subprocess.Popen(
            [chromium_pad(), *VLAGGEN, f"--user-data-dir={self._profiel.name}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            preexec_fn=fds,
            pass_fds=(3, 4),  # kept open across exec (after fds() put the pipes there)
        )
        os.close(naar_chromium)
        os.close(van_chromium)
        self._buffer = b""
        self._volgnummer = 0
        self.gebeurtenissen: list[dict[str, Any]] = []

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *_: object) -> None:
        self.sluit()

    def sluit(self) -> None:
        try:
            self.stuur("Browser.close")
        except (ProtocolFout, OSError):
            pass
        try:
            self._proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._proces.kill()
            self._proces.wait()
        for fd in (self._schrijf, self._lees):
            try:
                os.close(fd)
            except OSError:
                pass
        self._log.close()
        self._profiel.cleanup()

    # --- the protocol ------------------------------------------------------------------------------
    def stuur(self, methode: str, sessie: str | None = None, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        self._volgnummer += 1
        bericht: dict[str, Any] = {"id": self._volgnummer, "method": methode, "params": params}
        if sessie:
            bericht["sessionId"] = sessie
        os.write(self._schrijf, json.dumps(bericht).encode() + b"\0")
        while True:
            antwoord = self._volgende(time.monotonic() + WACHT, methode)
            if antwoord.get("id") == self._volgnummer:
                if "error" in antwoord:
                    raise ProtocolFout(f"{methode}: {antwoord['error']}")
                return dict(antwoord.get("result", {}))
            self.gebeurtenissen.append(antwoord)

    def wacht_op(self, methode: str, sessie: str) -> dict[str, Any]:
        for i, g in enumerate(self.gebeurtenissen):
            if g.get("method") == methode and g.get("sessionId") == sessie:
                return self.gebeurtenissen.pop(i)
        eind = time.monotonic() + WACHT
        while True:
            g = self._volgende(eind, methode)
            if g.get("method") == methode and g.get("sessionId") == sessie:
                return g
            self.gebeurtenissen.append(g)

    def _volgende(self, eind: float, waarop: str) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            over = eind - time.monotonic()
            klaar, _, _ = select.select([self._lees], [], [], max(over, 0))
            if not klaar:
                raise ProtocolFout(f"geen antwoord van chromium op {waarop} binnen {WACHT:.0f} s")
            stuk = os.read(self._lees, 1 << 20)
            if not stuk:
                fouten = (Path(self._profiel.name) / "stderr.log").read_text(errors="replace")[-2000:]
                raise ProtocolFout(f"chromium stopte (code {self._proces.poll()}): {fouten}")
            self._buffer += stuk
        bericht, _, self._buffer = self._buffer.partition(b"\0")
        return dict(json.loads(bericht))

    # --- pages -------------------------------------------------------------------------------------
    def pagina(self, pad: Path, venster: tuple[int, int]) -> Pagina:
        doel = self.stuur("Target.createTarget", url="about:blank")["targetId"]
        sessie = self.stuur("Target.attachToTarget", targetId=doel, flatten=True)["sessionId"]
        breedte, hoogte = venster
        self.stuur(
            "Emulation.setDeviceMetricsOverride",
            sessie,
            width=breedte,
            height=hoogte,
            deviceScaleFactor=1,
            mobile=breedte < 600,  # a phone honours the page's viewport meta, as a real one does
        )
        for domein in ("Page.enable", "Runtime.enable", "Log.enable"):
            self.stuur(domein, sessie)
        self.stuur("Page.navigate", sessie, url=pad.as_uri())
        self.wacht_op("Page.loadEventFired", sessie)
        return Pagina(self, doel, sessie, venster)


class Pagina:
    def __init__(self, browser: Chromium, doel: str, sessie: str, venster: tuple[int, int]) -> None:
        self.browser, self.doel, self.sessie, self.venster = browser, doel, sessie, venster

    def evalueer(self, expressie: str) -> Any:
        uit = self.browser.stuur(
            "Runtime.evaluate", self.sessie, expression=expressie, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in uit:
            raise ProtocolFout(f"{expressie[:80]}...: {uit['exceptionDetails']}")
        return uit["result"].get("value")

    def console(self) -> list[str]:
        """What the page wrote to the console, threw or logged as an error (a missing resource, say)."""
        meldingen = []
        for g in self.browser.gebeurtenissen:
            if g.get("sessionId") != self.sessie:
                continue
            p = g.get("params", {})
            if g.get("method") == "Runtime.consoleAPICalled":
                meldingen.append(f"console.{p['type']}: " + " ".join(str(a.get("value")) for a in p.get("args", [])))
            elif g.get("method") == "Runtime.exceptionThrown":
                meldingen.append(f"uitzondering: {p['exceptionDetails'].get('text')}")
            elif g.get("method") == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                meldingen.append(f"log: {p['entry']['text']}")
        return meldingen

    def axe(self, bron: str) -> list[dict[str, Any]]:
        """axe-core's violations of WCAG 2.0/2.1 A and AA, each with its nodes' selectors and summaries."""
        self.evalueer(bron + "\n;true")
        opties = json.dumps({"runOnly": {"type": "tag", "values": list(WCAG)}, "resultTypes": ["violations"]})
        uit = self.evalueer(
            f"axe.run(document, {opties}).then(r => JSON.stringify(r.violations.map(v => ({{"
            "id: v.id, impact: v.impact, help: v.help, "
            "nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))}))))"
        )
        return list(json.loads(uit))

    def schermafdruk(self, pad: Path, *, heel: bool = False) -> tuple[int, int]:
        """A PNG of the viewport (`heel`: of the whole page, to look at); returns its size in pixels."""
        opties: dict[str, Any] = {"format": "png"}
        if heel:
            maat = self.browser.stuur("Page.getLayoutMetrics", self.sessie)["cssContentSize"]
            opties |= {
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": maat["width"], "height": maat["height"], "scale": 1},
            }
        data = base64.b64decode(self.browser.stuur("Page.captureScreenshot", self.sessie, **opties)["data"])
        pad.write_bytes(data)
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "geen PNG"
        breedte, hoogte = struct.unpack(">II", data[16:24])
        return breedte, hoogte

    def pdf(self) -> bytes:
        """The page printed as the browser prints it, on the paper the page's own @page asks for."""
        uit = self.browser.stuur(
            "Page.printToPDF", self.sessie, preferCSSPageSize=True, displayHeaderFooter=False, printBackground=True
        )
        return base64.b64decode(uit["data"])

    def sluit(self) -> None:
        self.browser.stuur("Target.closeTarget", targetId=self.doel)
