"""A bounded soak on PostgreSQL: 8 processes of the real console script, mixed acts, then every invariant.

Three wijken, a regiegroep login and a kasbeheerder login (database rights by mandate). Eight
workers each run `voucher` commands one after another until the time is up: registering and
granting aanvragen (regiegroep), paying invoices and cash out of the vouchers (kasbeheerder),
and reports (saldo, kasboek, rapport verantwoording). Afterwards: every command ended 0 or 1
(a rule's refusal, e.g. a restant too small), never 4, 5 or a traceback; the saldo view
reconciles to the cent, equals an independent fold of the events and the sum of what the
commands answered; no voucher below zero; `verifieer` finds every chain intact; `herbouw`
rebuilds the same saldo.

CI runs a short soak (VOUCHER_DUURPROEF_SECONDEN, default 20); the summary line (commands/s,
exits, lost races) is printed, never asserted on: speed is measured in benchmarks/.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import saldo_orakel
from wereld import open_store

sys.path.insert(0, str(Path(__file__).parent.parent / "cli"))
from cli_hulp import controleer_saldo_sluit, voer_uit

from commands.dienst import Dienst

pytestmark = pytest.mark.postgres
PROCESSEN = 8
WIJKEN = ("NOORD", "ZUID", "OOST")
SECONDEN = float(os.environ.get("VOUCHER_DUURPROEF_SECONDEN", "20"))


def _programma() -> str:
    return str(Path(sys.executable).with_name("voucher"))


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("VOUCHER_DATABASE", "VOUCHER_GEBRUIKER")}


def _ok(*args: str, db: str) -> dict[str, Any]:
    u = voer_uit(*args, db=db, als_json=True, gebruiker=None)
    assert u.code == 0, (args, u.err)
    return json.loads(u.out)


class Proef:
    def __init__(self, url: str, regie: str, kas: str) -> None:
        self.url, self.regie_url, self.kas_url = (
            url,
            url.replace("voucher_admin@", f"{regie}@"),
            url.replace("voucher_admin@", f"{kas}@"),
        )
        self.codes: list[str] = []
        self.slot = threading.Lock()
        self.uitslagen: list[tuple[str, int, float]] = []
        self.toegekend = Decimal("0")
        self.betaald = Decimal("0")
        self.fouten: list[str] = []

    def voer_uit(self, soort: str, url: str, *args: str) -> tuple[int, dict[str, Any] | None]:
        begin = time.monotonic()
        p = subprocess.run(
            [_programma(), "--database", url, "--json", *args], env=_env(), capture_output=True, text=True, timeout=120
        )
        duur = time.monotonic() - begin
        with self.slot:
            self.uitslagen.append((soort, p.returncode, duur))
            if p.returncode not in (0, 1) or "Traceback" in p.stderr:
                self.fouten.append(f"{soort} {args}: exit {p.returncode} {p.stderr[:300]}")
        return p.returncode, json.loads(p.stdout) if p.returncode == 0 else None

    def kennen_toe(self, rng: random.Random, n: int) -> None:
        wijk = rng.choice(WIJKEN)
        kosten = rng.choice(("500", "1.250", "2.000", "4.800"))
        code, u = self.voer_uit(
            "indienen", self.regie_url, "aanvraag", "indienen", "--wijk", wijk, "--naam", f"Initiatief {n}",
            "--adres", "Plein 1", "--telefoon", "06-12345678", "--ondertekend", "--omschrijving", "Buurtfeest",
            "--planning", "juni", "--kosten", kosten, "--elders-subsidie", "nee", "--datum", "2026-02-01",
        )  # fmt: skip
        if code != 0 or u is None:
            return
        code, u = self.voer_uit(
            "toekennen", self.regie_url, "aanvraag", "toekennen", str(u["aanvraag"]), "--datum", "2026-03-01",
            "--buiten-volgorde", "duurproef",
        )  # fmt: skip
        if code == 0 and u is not None:
            with self.slot:
                self.toegekend += Decimal(u["bedrag"])
                self.codes.extend(v["code"] for v in u["vouchers"])

    def betaal(self, rng: random.Random, n: int, contant: bool) -> None:
        with self.slot:
            if not self.codes:
                return
            code = rng.choice(self.codes)
        bedrag = str(rng.randint(1, 40))
        if contant:
            args = ("contant", code, "--bedrag", bedrag, "--datum", "2026-04-01")
        else:
            args = ("verzilver", code, "--bedrag", bedrag, "--leverancier", "Bouwmarkt", "--factuur", f"D-{n}")
            args += ("--datum", "2026-04-01")
        uit, u = self.voer_uit(args[0], self.kas_url, *args)
        if uit == 0 and u is not None:
            with self.slot:
                self.betaald += Decimal(u["bedrag"])

    def werker(self, nummer: int, tot: float) -> None:
        rng = random.Random(nummer)
        n = 0
        while time.monotonic() < tot:
            n += 1
            keuze = rng.random()
            sleutel = f"{nummer}-{n}"
            if keuze < 0.25:
                self.kennen_toe(rng, n)
            elif keuze < 0.60:
                self.betaal(rng, hash(sleutel) & 0xFFFFFF, contant=False)
            elif keuze < 0.75:
                self.betaal(rng, n, contant=True)
            else:
                lezer = rng.choice((("saldo",), ("kasboek",), ("rapport", "verantwoording", "--formaat", "json")))
                self.voer_uit(lezer[0], rng.choice((self.url, self.regie_url, self.kas_url)), *lezer)


@pytest.fixture
def proef(postgres_server, postgres_url) -> Any:
    achter = uuid.uuid4().hex[:8]
    regie, kas = f"regie_{achter}", f"kas_{achter}"
    for login in (regie, kas):
        postgres_server.create_login_role(login)
    try:
        _ok("init", "--gemeente", "Duurstad", "--datum", "2026-01-01", db=postgres_url)
        for wijk in WIJKEN:
            _ok(
                "mandaat",
                "geven",
                regie,
                "--rol",
                "regiegroep",
                "--wijk",
                wijk,
                "--datum",
                "2026-01-01",
                db=postgres_url,
            )
            _ok(
                "wijk", "aanwijzen", wijk, "--naam", wijk.title(), "--periode", "2026", "--budget", "100.000",
                "--datum", "2026-01-02", db=postgres_url,
            )  # fmt: skip
        _ok("mandaat", "geven", kas, "--rol", "kasbeheerder", "--datum", "2026-01-01", db=postgres_url)
        p = Proef(postgres_url, regie, kas)
        for n in range(2):  # vouchers to pay from from the first second on
            p.kennen_toe(random.Random(100 + n), 10_000 + n)
        yield p
    finally:
        for login in (regie, kas):  # members of the group roles only: no objects or grants of their own
            postgres_server.drop_role(login)


def test_acht_processen_een_poos_door_elkaar_laten_alles_kloppen(proef):
    p = proef
    assert p.codes, p.fouten
    begin = time.monotonic()
    draden = [threading.Thread(target=p.werker, args=(i, begin + SECONDEN)) for i in range(PROCESSEN)]
    for t in draden:
        t.start()
    for t in draden:
        t.join(timeout=SECONDEN + 300)
    duur = time.monotonic() - begin
    assert not p.fouten, p.fouten[:5]

    # The books reconcile, agree with an independent fold of the events and with what the commands answered.
    saldo = _ok("saldo", db=p.url)
    controleer_saldo_sluit(saldo)
    totaal = saldo["totaal"]
    assert Decimal(totaal["toegekend"]) == p.toegekend
    assert Decimal(totaal["verzilverd"]) + Decimal(totaal["contant"]) == p.betaald
    for rij in saldo["wijken"]:
        assert Decimal(rij["toegekend"]) <= Decimal(rij["plafond"]), rij
    app = open_store(p.url, inrichten=False)
    try:
        dienst = Dienst(app, "voucher_admin")
        orakel = {(s.wijk, s.periode): s.als_dict() for s in saldo_orakel.vouw(dienst.gebeurtenissen())}
        for rij in saldo["wijken"]:
            verwacht = orakel[(rij["wijk"], rij["periode"])]
            for k in ("toegekend", "verzilverd", "contant", "vervallen", "uitstaand", "beschikbaar"):
                assert Decimal(rij[k]) * 100 == verwacht[k].centen, (k, rij, verwacht)
        for code in p.codes:
            v = dienst.toon_voucher(code)
            assert v["restant"].centen >= 0 and v["verzilverd"].centen + v["contant"].centen <= v["waarde"].centen
        with app.recorder.datastore.transaction(commit=False) as curs:  # type: ignore[attr-defined]
            curs.execute("SELECT count(*) AS n, max(notification_id) AS hoogste FROM vouchers_events")
            rij = curs.fetchone()
        verloren = int(rij["hoogste"]) - int(rij["n"])  # ids of events whose save lost a race (then retried)
    finally:
        app.close()

    keten = _ok("verifieer", db=p.url)
    assert keten["intact"] is True
    _ok("herbouw", db=p.url)
    assert _ok("saldo", db=p.url)["wijken"] == saldo["wijken"]

    codes = Counter((soort, code) for soort, code, _ in p.uitslagen)
    print(
        f"\nduurproef: {len(p.uitslagen)} commando's in {duur:.0f} s door {PROCESSEN} processen "
        f"({len(p.uitslagen) / duur:.1f}/s); exitcodes {dict(Counter(c for _, c, _ in p.uitslagen))}; "
        f"per soort {dict(sorted(codes.items()))}; {verloren} notificatie-ids van verloren races; "
        f"{keten['gebeurtenissen']} gebeurtenissen; toegekend {p.toegekend}, betaald {p.betaald}"
    )
