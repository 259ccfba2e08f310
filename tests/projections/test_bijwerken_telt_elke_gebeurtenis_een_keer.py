"""Exactly once, whatever happens: a failure before the commit, a process killed in the middle of a
batch, catch-ups running at the same time as each other and as the writers, a view of another
version, a view changed by hand. On a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from leeshulp import controleer_lopende_saldi, gevouwen, positie, view_tabellen, views
from wereld import COLLEGE, PERIODE, Wereld, open_store

from commands.dienst import Dienst
from commands.leesmodellen import Leesdienst
from projections import bijwerken
from projections.bijwerken import herbouw, notificaties, open_verbinding, werk_bij
from projections.tabellen import PREFIX, SALDO, TRACKING
from projections.vouwen import vouw

TESTS = Path(__file__).resolve().parents[1]


def _druk_jaar(w: Wereld, aanvragen: int = 4) -> list[str]:
    """A few grants, payments and cash withdrawals; returns the voucher codes."""
    codes = []
    for i in range(aanvragen):
        nummer = w.aanvraag(f"{1_000 + 750 * i},{i:02d}", ontvangen=date(PERIODE, 2, 1) + timedelta(days=i))
        u = w.ken_toe(nummer, datum=date(PERIODE, 3, 1) + timedelta(days=i))
        codes += [v["code"] for v in u["vouchers"]]
    for i, code in enumerate(codes):
        w.verzilver(code, f"{100 + i},50", factuur=f"F-{code}", datum=date(PERIODE, 4, 1) + timedelta(days=i))
        w.contant(code, "25", datum=date(PERIODE, 5, 1) + timedelta(days=i))
    return codes


def _vouw_tot(app, tot: int):
    g = vouw((i, e) for i, e in notificaties(app) if i <= tot)
    return g.saldo_rijen(), g.aanvraag_rijen(), g.voucher_rijen(), g.kasboek_rijen()


def _controleer_eenmaal(app) -> None:
    rijen = views(app)
    assert rijen == gevouwen(app)
    kasboek = rijen[3]
    assert len({r.positie for r in kasboek}) == len(kasboek)
    controleer_lopende_saldi(kasboek)
    assert positie(app) == app.recorder.max_notification_id()


def test_een_fout_na_het_schrijven_van_de_rijen_maar_voor_de_commit_laat_rijen_en_positie_ongemoeid(
    store_url, monkeypatch
):
    app = open_store(store_url)
    w = Wereld.ingericht(app)
    code = w.voucher("2.000")
    w.verzilver(code, "100", factuur="F1")
    werk_bij(app)
    voor, positie_voor = views(app), positie(app)

    w.verzilver(code, "250", factuur="F2")  # written to the log; the views do not know yet
    w.contant(code, "50")
    echte_zet_positie = bijwerken.zet_positie

    def schrijf_en_val_uit(c, nieuwe_positie, kop):
        echte_zet_positie(c, nieuwe_positie, kop)
        # Inside the transaction the new rows and the new position are there...
        c.voer_uit(f"SELECT COUNT(*) AS n FROM {PREFIX}kasboek")
        assert c.een()["n"] == len(voor[3]) + 2
        raise RuntimeError("stroom uitgevallen")  # ...and then the process fails before the commit

    monkeypatch.setattr(bijwerken, "zet_positie", schrijf_en_val_uit)
    with pytest.raises(RuntimeError, match="stroom"):
        werk_bij(app)
    assert views(app) == voor, "rijen van een niet-gecommitte batch zijn blijven staan"
    assert positie(app) == positie_voor

    monkeypatch.undo()
    assert werk_bij(app) == app.recorder.max_notification_id() - positie_voor
    _controleer_eenmaal(app)
    assert [r.soort for r in views(app)[3]].count("verzilverd") == 2
    assert werk_bij(app) == 0  # caught up: nothing more to do


_GEDODE_BIJWERKING = """
import sys, time
sys.path[:0] = {paden!r}
from wereld import open_store
from projections import bijwerken

app = open_store({url!r}, inrichten=False)
echte = bijwerken.zet_positie
batches = []

def traag(c, positie, kop):
    echte(c, positie, kop)
    batches.append(positie)
    if len(batches) == 1:
        print("NA-BATCH", positie, flush=True)  # printed before its commit; it commits right after
    else:
        print("MIDDEN-IN-BATCH", positie, flush=True)
        time.sleep(120)  # rows and position written, not committed: here the process is killed

bijwerken.zet_positie = traag
bijwerken.werk_bij(app, batch=7)
"""


def test_een_gedode_bijwerking_wordt_hervat_zonder_iets_dubbel_te_tellen(store_url, tmp_path):
    app = open_store(store_url)
    w = Wereld.ingericht(app)
    _druk_jaar(w)
    hoogste = app.recorder.max_notification_id()
    assert hoogste > 14

    script = tmp_path / "bijwerken.py"
    script.write_text(_GEDODE_BIJWERKING.format(paden=[str(TESTS), str(TESTS.parent)], url=store_url))
    proces = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        eerste = proces.stdout.readline().split()
        tweede = proces.stdout.readline().split()
        assert eerste[0] == "NA-BATCH" and tweede[0] == "MIDDEN-IN-BATCH", (eerste, tweede, proces.stderr.read())
        os.kill(proces.pid, signal.SIGKILL)
    finally:
        proces.kill()
        proces.wait(timeout=30)
    assert proces.returncode == -signal.SIGKILL

    na_eerste = int(eerste[1])
    assert positie(app) == na_eerste, "de eerste batch was gecommit en blijft staan; de tweede niet"
    assert views(app) == _vouw_tot(app, na_eerste)

    assert werk_bij(app) == hoogste - na_eerste
    _controleer_eenmaal(app)


@pytest.mark.parametrize("lezers", [2, 4])
def test_gelijktijdige_bijwerkingen_en_schrijvers_passen_elke_gebeurtenis_precies_een_keer_toe(store_url, lezers):
    app = open_store(store_url)
    w = Wereld.ingericht(app, budget="200.000")
    codes = _druk_jaar(w, aanvragen=3)

    klaar = threading.Event()
    fouten: list[BaseException] = []
    start = threading.Barrier(lezers + 1)

    def lezer() -> None:
        eigen = open_store(store_url, inrichten=False)  # a process of its own, as every `voucher` command
        try:
            start.wait()
            while not klaar.is_set():
                werk_bij(eigen, batch=2)
            werk_bij(eigen, batch=3)
        except BaseException as e:
            fouten.append(e)
        finally:
            eigen.close()

    def schrijver() -> None:
        eigen = Wereld(open_store(store_url, inrichten=False))
        try:
            start.wait()
            for i in range(12):
                eigen.contant(codes[i % len(codes)], "1,01", datum=date(PERIODE, 6, 1) + timedelta(days=i))
        except BaseException as e:
            fouten.append(e)
        finally:
            klaar.set()
            eigen.app.close()

    draden = [threading.Thread(target=lezer) for _ in range(lezers)] + [threading.Thread(target=schrijver)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=120)
    assert not fouten, fouten
    _controleer_eenmaal(app)
    assert sum(1 for r in views(app)[3] if r.soort == "contant") == len(codes) + 12


def test_wat_geschreven_is_zonder_bij_te_werken_telt_bij_de_volgende_lezing_een_keer_mee(store_url):
    app = open_store(store_url)
    w = Wereld.ingericht(app)
    lezer = Leesdienst(w.college)
    code = w.voucher("1.000")
    assert lezer.saldi()[0].toegekend.centen == 100_000
    w.verzilver(code, "100")  # as if the writing process died right after its commit
    w.contant(code, "10")
    for _ in range(3):  # every read catches up; reading again changes nothing
        [s] = lezer.saldi()
        assert (s.verzilverd.centen, s.contant.centen, s.uitstaand.centen) == (10_000, 1_000, 89_000)
    _controleer_eenmaal(app)


def test_views_van_een_andere_versie_worden_bij_de_volgende_bijwerking_opnieuw_opgebouwd(store_url):
    app = open_store(store_url)
    w = Wereld.ingericht(app)
    code = w.voucher("1.000")
    w.verzilver(code, "100")
    werk_bij(app)
    goed = views(app)
    v = open_verbinding(app)
    try:
        with v.schrijf() as c:
            c.voer_uit(f"UPDATE {TRACKING} SET versie = versie - 1")
            c.voer_uit(f"UPDATE {SALDO.naam} SET verzilverd = verzilverd + 1")
    finally:
        v.sluit()
    assert views(app) != goed
    werk_bij(app)
    assert views(app) == goed


def test_herbouw_herstelt_een_met_de_hand_gewijzigde_view_en_geeft_dezelfde_rijen(store_url):
    app = open_store(store_url)
    w = Wereld.ingericht(app)
    _druk_jaar(w, aanvragen=2)
    werk_bij(app)
    goed = views(app)
    assert herbouw(app) == {
        "gebeurtenissen": app.recorder.max_notification_id(),
        "saldo": len(goed[0]),
        "aanvragen": len(goed[1]),
        "vouchers": len(goed[2]),
        "kasboek": len(goed[3]),
    }
    assert views(app) == goed

    v = open_verbinding(app)
    try:
        with v.schrijf() as c:
            c.voer_uit(f"UPDATE {SALDO.naam} SET contant = contant + 100")  # tampered: the tracking is current
    finally:
        v.sluit()
    assert views(app) != goed
    herbouw(app)
    assert views(app) == goed


def test_een_eerste_bijwerking_maakt_de_tabellen_in_een_bestaande_opslag(store_url):
    app = open_store(store_url)
    w = Wereld.ingericht(app)  # through the service: no `voucher init`, no views yet
    w.voucher("1.000")
    assert view_tabellen(app) == set()
    assert Leesdienst(Dienst(app, COLLEGE)).saldi()[0].toegekend.centen == 100_000
    assert len(view_tabellen(app)) == 6
    _controleer_eenmaal(app)


def test_een_opslag_in_het_geheugen_heeft_geen_views_en_leest_uit_de_vouw():
    from wereld import geheugen_app

    from projections.bijwerken import LeesmodelOnbeschikbaar, lees

    app = geheugen_app()
    w = Wereld.ingericht(app)
    code = w.voucher("1.000")
    w.contant(code, "12,34")
    with pytest.raises(LeesmodelOnbeschikbaar):
        werk_bij(app)
    assert lees(app, lambda m: m.saldo_rijen()) == gevouwen(app)[0]
    [s] = Leesdienst(w.college).saldi()
    assert (s.toegekend.centen, s.contant.centen) == (100_000, 1_234)


def test_views_van_een_nieuwere_versie_blijven_staan_en_een_ouder_programma_leest_uit_de_vouw(store_url):
    app = open_store(store_url)
    w = Wereld.ingericht(app)
    code = w.voucher("1.000")
    werk_bij(app)
    v = open_verbinding(app)
    try:
        with v.schrijf() as c:
            c.voer_uit(f"UPDATE {TRACKING} SET versie = versie + 1")
    finally:
        v.sluit()
    w.contant(code, "10")
    voor = views(app)
    [s] = Leesdienst(w.college).saldi()
    assert s.contant.centen == 1_000  # from the fold of the log
    assert views(app) == voor  # the newer program's views are untouched


def test_een_herbouw_die_halverwege_faalt_laat_de_oude_views_staan(store_url, monkeypatch):
    app = open_store(store_url)
    w = Wereld.ingericht(app)
    _druk_jaar(w, aanvragen=2)
    werk_bij(app)
    voor = views(app)
    echte_pas_toe = bijwerken.pas_toe
    teller = iter(range(10**6))

    def faal_halverwege(toestand, positie, e, per=None):
        if next(teller) == 20:
            raise RuntimeError("schijf vol")
        return echte_pas_toe(toestand, positie, e, per)

    monkeypatch.setattr(bijwerken, "pas_toe", faal_halverwege)
    with pytest.raises(RuntimeError, match="schijf vol"):
        herbouw(app)
    assert views(app) == voor and positie(app) == app.recorder.max_notification_id()
