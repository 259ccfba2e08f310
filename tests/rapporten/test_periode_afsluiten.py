"""Closing the budget year (art. 5 lid 8): not before the execution date, only by the college, exactly the restant expires."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cli_hulp import aantal_events, controleer_fout, ok, voer_uit
from rapport_hulp import COLLEGE, KAS, REGIE, als, b, jaar_2025, log

from commands import modellen as m
from commands.demo import COLLEGE as DEMO_COLLEGE
from commands.demo import KASBEHEERDER as DEMO_KAS
from commands.demo import beslisser
from commands.dienst import Dienst
from commands.opslag import lees_url, open_ledger
from commands.periode import SluitPeriodeAf, sluit_periode_af
from ledger import gebeurtenissen as g
from ledger import ids
from ledger.fouten import GeenMandaat, OngeldigeToestand
from ledger.geld import Bedrag
from ledger.wijk import Wijk
from projections.rapporten.geschiedenis import vouw


def test_voor_de_uitvoeringsdatum_of_door_een_ander_dan_het_college_wordt_niets_afgesloten(demo_store):
    voor = aantal_events(demo_store)
    fout = controleer_fout(
        voer_uit(
            "periode",
            "afsluiten",
            "--periode",
            "2025",
            "--datum",
            "2025-12-31",
            db=demo_store,
            gebruiker=DEMO_COLLEGE,
            als_json=True,
        ),
        1,
    )
    assert fout["artikel"] == "art. 5 lid 8" and "31 december 2025" in fout["melding"]
    controleer_fout(voer_uit("periode", "afsluiten", "--periode", "2025", db=demo_store, gebruiker=DEMO_KAS), 1)
    controleer_fout(voer_uit("periode", "afsluiten", "--periode", "2024", db=demo_store, gebruiker=DEMO_COLLEGE), 3)
    controleer_fout(
        voer_uit(
            "periode", "afsluiten", "--periode", "2025", "--wijk", "NERGENS", db=demo_store, gebruiker=DEMO_COLLEGE
        ),
        3,
    )
    assert aantal_events(demo_store) == voor


def test_afsluiten_laat_precies_het_restant_van_elke_voucher_vervallen(demo_store):
    app = open_ledger(lees_url(str(demo_store)))
    voor = vouw(log(app).items())
    restant = {c: v.restant for c, v in voor.vouchers.items() if v.restant.centen > 0}
    assert restant, "de demo heeft vouchers met restant: anders zegt de test niets"
    app.close()

    u = ok(
        voer_uit(
            "periode",
            "afsluiten",
            "--periode",
            "2025",
            "--datum",
            "2026-01-05",
            db=demo_store,
            gebruiker=DEMO_COLLEGE,
            als_json=True,
        )
    ).json()
    assert u["nieuw"] is True and u["vervallen"] == sum(restant.values(), Bedrag.nul()).json()
    assert {v["voucher"]: v["bedrag"] for w in u["wijken"] for v in w["vouchers"]} == {
        c: r.json() for c, r in restant.items()
    }

    app = open_ledger(lees_url(str(demo_store)))
    na = log(app)
    vervallen = [e for e in na.values() if isinstance(e, g.VoucherVervallen)]
    assert sorted((e.originator_id, e.bedrag) for e in vervallen) == sorted(
        (ids.voucher_id(c), r) for c, r in restant.items()
    )  # one event per voucher with a restant, of exactly that restant
    afgesloten = [e for e in na.values() if isinstance(e, g.WijkPeriodeAfgesloten)]
    assert len(afgesloten) == 4 and all(e.datum == date(2026, 1, 5) for e in afgesloten)
    saldo = voer_uit("saldo", db=demo_store, als_json=True).json()
    for rij in saldo["wijken"]:
        w: Wijk = app.repository.get(ids.wijk_id(rij["wijk"], rij["periode"]))
        bij_afsluiten = sum((r for c, r in restant.items() if voor.vouchers[c].wijk == rij["wijk"]), Bedrag.nul())
        # and what was withdrawn with a grant before the closing (Awb 4:48) counted as vervallen already
        ingetrokken = sum((v.ingetrokken for v in voor.vouchers.values() if v.wijk == rij["wijk"]), Bedrag.nul())
        verwacht = bij_afsluiten + ingetrokken
        assert rij["vervallen"] == verwacht.json() == w.vervallen.json()
        assert rij["uitstaand"] == "0.00"
        # CLI.md second round: what was paid back after a terugvordering is available again
        beschikbaar = w.plafond - w.toegekend + w.vervallen + w.terugontvangen
        assert rij["beschikbaar"] == beschikbaar.json() == w.beschikbaar.json()
        assert w.gesloten
        [e] = [e for e in afgesloten if e.originator_id == w.id]
        assert e.vervallen == bij_afsluiten  # the closing's own total: what expired with it
    app.close()

    # A repeat is done already: exit 0, nothing written.
    aantal = aantal_events(demo_store)
    herhaling = ok(
        voer_uit("periode", "afsluiten", "--periode", "2025", db=demo_store, gebruiker=DEMO_COLLEGE, als_json=True)
    ).json()
    assert herhaling["nieuw"] is False and herhaling["vervallen"] == u["vervallen"]
    assert aantal_events(demo_store) == aantal


def test_na_het_afsluiten_wordt_niets_meer_betaald_verstrekt_of_ingediend(afgesloten_store):
    app = open_ledger(lees_url(str(afgesloten_store)))
    h = vouw(log(app).items())
    app.close()
    vervallen = next(v for v in h.vouchers.values() if v.vervallingen)
    besteed = next(v for v in h.vouchers.values() if not v.vervallingen and v.restant.centen == 0)
    voor = aantal_events(afgesloten_store)
    for code in (vervallen.code, besteed.code):  # a paper invoice from before the execution date, entered late
        controleer_fout(
            voer_uit(
                "verzilver",
                code,
                "--bedrag",
                "10",
                "--leverancier",
                "Laat",
                "--factuur",
                f"L-{code}",
                "--datum",
                "2025-12-01",
                db=afgesloten_store,
                gebruiker=DEMO_KAS,
            ),
            1,
        )
    controleer_fout(
        voer_uit(
            "contant",
            vervallen.code,
            "--bedrag",
            "10",
            "--datum",
            "2025-12-01",
            db=afgesloten_store,
            gebruiker=DEMO_KAS,
        ),
        1,
    )
    regie = beslisser(vervallen.wijk)
    fout = controleer_fout(
        voer_uit(
            "aanvraag",
            "indienen",
            "--wijk",
            vervallen.wijk,
            "--naam",
            "Laat",
            "--adres",
            "Straat 1",
            "--telefoon",
            "06-1",
            "--ondertekend",
            "--omschrijving",
            "Laat",
            "--planning",
            "mei",
            "--kosten",
            "100",
            "--elders-subsidie",
            "nee",
            "--datum",
            "2025-05-01",
            db=afgesloten_store,
            gebruiker=regie,
            als_json=True,
        ),
        1,
    )
    assert fout["artikel"] == "art. 5 lid 8" and "afgesloten" in fout["melding"]
    assert aantal_events(afgesloten_store) == voor


def test_afsluiten_per_wijk_is_atomair_en_laat_andere_wijken_open(store_url):
    app = open_ledger(lees_url(store_url), inrichten=True)
    jaar = jaar_2025(app)
    v = jaar["vouchers"]
    with pytest.raises(GeenMandaat):
        sluit_periode_af(als(app, REGIE), SluitPeriodeAf(periode=2025, wijk="NOORD", datum=date(2026, 1, 12)))
    with pytest.raises(OngeldigeToestand):
        sluit_periode_af(als(app, COLLEGE), SluitPeriodeAf(periode=2025, wijk="NOORD", datum=date(2025, 12, 31)))
    uit = sluit_periode_af(als(app, COLLEGE), SluitPeriodeAf(periode=2025, wijk="NOORD", datum=date(2026, 1, 12)))
    [noord] = uit["wijken"]
    assert {r["voucher"]: r["bedrag"] for r in noord["vouchers"]} == {
        c: r for c, r in jaar["restant"].items() if c != v["zuid"]
    }
    with pytest.raises(OngeldigeToestand):  # the expired voucher pays nothing, even dated before the closing
        als(app, KAS).verzilver(
            m.Verzilver(code=v["onbenut"], bedrag=b("1"), leverancier="X", factuur="Y", datum=date(2025, 12, 1))
        )
    als(app, KAS).verzilver(  # ZUID is still open: its paper invoice of December is booked
        m.Verzilver(code=v["zuid"], bedrag=b("800"), leverancier="X", factuur="Z", datum=date(2025, 12, 1))
    )
    tweede = sluit_periode_af(Dienst(app, COLLEGE, vandaag=date(2026, 1, 15)), SluitPeriodeAf(periode=2025))
    assert [(w["wijk"], w["nieuw"], w["vervallen"]) for w in tweede["wijken"]] == [
        ("NOORD", False, sum((r for c, r in jaar["restant"].items() if c != v["zuid"]), Bedrag.nul())),
        ("ZUID", True, b("3.000")),
    ]
    app.close()


def test_de_rapporten_uit_de_readme_werken_zoals_beschreven(tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    [blok] = [b for b in re.findall(r"```sh\n(.*?)```", readme, flags=re.S) if "rapport verantwoording" in b]
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOUCHER_")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    uit = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", blok], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "fout:" not in uit.stderr
    for naam in ("verantwoording.html", "verantwoording.csv", "raad.html"):
        assert (tmp_path / naam).stat().st_size > 1000, naam
    assert "2025-06-30" in (tmp_path / "verantwoording.csv").read_text(encoding="utf-8-sig")
    assert "afgesloten op" in uit.stdout and "vervallen" in uit.stdout
