"""The same behaviour on the embedded SQLite store and on a real PostgreSQL server."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from saldo_orakel import vouw
from wereld import KAS, PERIODE, REGIE, WIJK, Wereld, bedrag, open_store

from commands import modellen as m
from commands.dienst import Dienst
from commands.opslag import acterende_gebruiker, lees_url, open_ledger
from ledger import ids
from ledger.fouten import OngeldigeInvoer, OpslagOnbeschikbaar, PlafondOverschreden
from ledger.geld import Bedrag
from ledger.voucher import Voucher
from ledger.wijk import Wijk


def test_een_jaar_wordt_bewaard_en_na_heropenen_gelijk_teruggelezen(store_url):
    w = Wereld.ingericht(open_store(store_url), budget="50.000", uitvoeringskosten="5.000")
    code = w.voucher("7.500,50")
    w.verzilver(code, "1.234,56", factuur="F-1")
    w.contant(code, "500")

    later = Wereld(open_store(store_url, inrichten=False))
    v = later.kas.toon_voucher(code)
    assert v["waarde"] == bedrag("3.750,25")
    assert v["verzilverd"] == bedrag("1.234,56")
    assert v["contant"] == bedrag("500")
    assert v["restant"] == bedrag("2.015,69")
    wijk = later.college.laad_wijk(WIJK, PERIODE)
    assert (wijk.plafond, wijk.toegekend, wijk.beschikbaar) == (
        bedrag("45.000"),
        bedrag("7.500,50"),
        bedrag("37.499,50"),
    )
    assert later.aantal_gebeurtenissen() == w.aantal_gebeurtenissen()


def test_saldo_uit_de_gebeurtenissen_klopt_met_de_aggregaten(store_url):
    w = Wereld.ingericht(open_store(store_url), budget="20.000")
    for kosten in ("1.000", "2.345,67", "4.999,99"):
        code = w.voucher(kosten)
        w.contant(code, "12,34")
    [s] = vouw(w.college.gebeurtenissen())
    wijk = w.college.laad_wijk(WIJK, PERIODE)
    assert s.toegekend == wijk.toegekend == bedrag("8.345,66")
    assert s.contant == bedrag("37,02")
    assert s.uitstaand == s.toegekend - s.contant
    assert s.beschikbaar == wijk.beschikbaar


def test_een_toekenning_boven_het_plafond_wordt_op_beide_opslagen_geweigerd(store_url):
    w = Wereld.ingericht(open_store(store_url), budget="10.000")
    w.voucher("9.000")
    nummer = w.aanvraag("1.000,01")
    voor = w.aantal_gebeurtenissen()
    with pytest.raises(PlafondOverschreden) as e:
        w.ken_toe(nummer)
    assert e.value.gegevens["beschikbaar"] == bedrag("1.000")
    assert w.aantal_gebeurtenissen() == voor


def test_een_niet_ingerichte_opslag_geeft_opslagfout(store_url):
    app = open_store(store_url)  # tables exist, no gemeente
    with pytest.raises(OpslagOnbeschikbaar):
        Dienst(app, "iemand").regeling()


def test_gelijktijdige_toekenningen_overschrijden_het_plafond_nooit(store_url):
    """Four writers, each with its own connection, race grants against one wijk's plafond."""
    w = Wereld.ingericht(open_store(store_url), budget="10.000")
    nummers = [w.aanvraag("1.500") for _ in range(8)]
    fouten: list[BaseException] = []

    def schrijver(mijn: list[int]) -> None:
        dienst = Dienst(open_store(store_url, inrichten=False), REGIE, vandaag=w.vandaag)
        for nummer in mijn:
            try:
                dienst.ken_toe(m.KenToe(nummer=nummer, datum=date(PERIODE, 3, 1), buiten_volgorde="gelijktijdige test"))
            except PlafondOverschreden:
                pass
            except BaseException as e:
                fouten.append(e)

    draden = [threading.Thread(target=schrijver, args=(nummers[i::4],)) for i in range(4)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(60)
    assert not fouten, fouten
    wijk = Wereld(open_store(store_url, inrichten=False)).college.laad_wijk(WIJK, PERIODE)
    assert wijk.toegekend == bedrag("9.000")  # six of 1.500; the 7th and 8th would pass 10.000
    vouchers = [e for e in Wereld(open_store(store_url, inrichten=False)).college.gebeurtenissen([Voucher.Verstrekt])]
    assert sum((v.waarde for v in vouchers), start=Bedrag.nul()) == wijk.toegekend


def test_betalingen_van_gelijktijdige_kasbeheerders_blijven_binnen_de_waarde(store_url):
    w = Wereld.ingericht(open_store(store_url), budget="10.000")
    code = w.voucher("1.000")
    geslaagd: list[int] = []

    def kas(i: int) -> None:
        dienst = Dienst(open_store(store_url, inrichten=False), KAS, vandaag=w.vandaag)
        for j in range(5):
            try:
                dienst.neem_contant_op(m.NeemContantOp(code=code, bedrag=bedrag("100"), datum=date(PERIODE, 4, 1)))
                geslaagd.append(i * 10 + j)
            except Exception:
                pass

    draden = [threading.Thread(target=kas, args=(i,)) for i in range(3)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(60)
    v = Wereld(open_store(store_url, inrichten=False)).kas.toon_voucher(code)
    assert len(geslaagd) == 10
    assert v["contant"] == bedrag("1.000") and v["restant"] == Bedrag.nul()


def test_wie_handelt_volgt_de_regel_van_de_opslag(store_url, monkeypatch):
    opslag = lees_url(store_url)
    app = open_ledger(opslag, inrichten=True)
    monkeypatch.setenv("VOUCHER_GEBRUIKER", "marieke")
    if opslag.soort == "sqlite":
        assert acterende_gebruiker(app, opslag) == "marieke"
    else:
        with pytest.raises(OngeldigeInvoer):
            acterende_gebruiker(app, opslag)
        monkeypatch.delenv("VOUCHER_GEBRUIKER")
        assert acterende_gebruiker(app, opslag) == "voucher_admin"


def test_aggregaten_liggen_onder_stabiele_identiteiten(store_url):
    w = Wereld.ingericht(open_store(store_url))
    code = w.voucher("100")
    app = open_store(store_url, inrichten=False)
    assert isinstance(app.repository.get(ids.wijk_id(WIJK, PERIODE)), Wijk)
    assert isinstance(app.repository.get(ids.voucher_id(code)), Voucher)
    topics = {n.topic for n in app.recorder.select_notifications(1, 1000)}
    assert all(t.startswith("voucher.") for t in topics), topics


def test_de_demo_geeft_op_beide_opslagen_hetzelfde_jaar(store_url, tmp_path):
    from commands.demo import vul

    app = open_store(store_url)
    vul(app, omvang=1, zaad=7)
    hier = [s.als_dict() for s in vouw(Dienst(app, "").gebeurtenissen())]
    referentie_app = open_store(str(tmp_path / "referentie.db"))
    vul(referentie_app, omvang=1, zaad=7)
    daar = [s.als_dict() for s in vouw(Dienst(referentie_app, "").gebeurtenissen())]
    assert hier == daar
    assert all(r["toegekend"] <= r["plafond"] for r in hier)
    assert any(r["beschikbaar"] == Bedrag.nul() for r in hier), "één wijk loopt tegen zijn plafond"


@pytest.mark.postgres
def test_een_gewone_login_met_alleen_lees_en_toevoegrechten_kan_werken_maar_niets_wijzigen(
    postgres_url, postgres_server
):
    import psycopg

    w = Wereld.ingericht(open_store(postgres_url))
    rol = "regie_" + postgres_url.rsplit("/", 1)[1][-8:]
    postgres_server.create_login_role(rol)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"GRANT SELECT, INSERT ON vouchers_events, vouchers_snapshots TO {rol}")
        conn.execute(f"GRANT USAGE ON SEQUENCE vouchers_events_notification_id_seq TO {rol}")
        conn.execute(f"GRANT SELECT, INSERT ON vouchers_sleutels TO {rol}")  # the keys of the personal data
    w.college.geef_mandaat(m.GeefMandaat(aan=rol, rol="regiegroep", wijk=WIJK, datum=date(PERIODE, 1, 3)))

    als_rol = postgres_url.replace("voucher_admin@", f"{rol}@")
    app = open_store(als_rol, inrichten=False)
    dienst = Dienst(app, acterende_gebruiker(app, lees_url(als_rol)), vandaag=w.vandaag)
    uit = dienst.dien_in(m.DienAanvraagIn(wijk=WIJK, naam="B", datum=date(PERIODE, 2, 1)))
    assert uit["status"] == "onvolledig"
    with psycopg.connect(als_rol, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE vouchers_events SET state = state")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM vouchers_events")
