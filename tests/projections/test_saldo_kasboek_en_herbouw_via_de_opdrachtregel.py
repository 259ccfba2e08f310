"""`voucher saldo`, `saldo --per`, `kasboek` and `herbouw` through the command line, on both stores:
figures counted by hand, reconciliation to the cent, the JSON contract, and what happens where the
views cannot be written (a login without rights on them)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

import openpyxl
import pytest
from cli_hulp import controleer_fout, controleer_saldo_sluit, ok, voer_uit
from leeshulp import gevouwen, positie, view_tabellen, views
from wereld import KAS, PERIODE, Wereld, bedrag, open_store

from commands import modellen as m
from commands.dienst import Dienst
from commands.leesmodellen import Leesdienst
from commands.vaststelling import OntvangTerug, VorderTerug, ontvang_terug, vorder_terug
from projections.bijwerken import open_verbinding, werk_bij
from projections.tabellen import SALDO


def _jaar(store_url: str):
    """A year with a late paper record: the cash of 15 April is entered after the payment of 20 June."""
    app = open_store(store_url)
    w = Wereld.ingericht(app, budget="100.000", uitvoeringskosten="10.000")
    a1 = w.aanvraag("2.500", ontvangen=date(PERIODE, 2, 1))
    [v1] = [v["code"] for v in w.ken_toe(a1, datum=date(PERIODE, 3, 1))["vouchers"]]
    a2 = w.aanvraag("7.000", ontvangen=date(PERIODE, 2, 10))
    v2a, v2b = [v["code"] for v in w.ken_toe(a2, datum=date(PERIODE, 3, 15))["vouchers"]]
    w.verzilver(v1, "450", factuur="F1", datum=date(PERIODE, 4, 1))
    w.contant(v1, "200", datum=date(PERIODE, 4, 2))
    w.college.stel_plafond_vast(m.StelPlafondVast(code="NOORD", periode=PERIODE, plafond=bedrag("80.000"),
                                                  datum=date(PERIODE, 5, 1)))  # fmt: skip
    w.verzilver(v2a, "1.000", factuur="F2", datum=date(PERIODE, 6, 20))
    w.contant(v2b, "300", datum=date(PERIODE, 4, 15))  # on paper since April, entered in June
    return app, (v1, v2a, v2b)


# Counted by hand from the year above: (per, plafond, toegekend, verzilverd, contant, uitstaand, beschikbaar)
VERWACHT = [
    ("2026-01-02", "90000.00", "0.00", "0.00", "0.00", "0.00", "90000.00"),
    ("2026-03-01", "90000.00", "2500.00", "0.00", "0.00", "2500.00", "87500.00"),
    ("2026-03-31", "90000.00", "9500.00", "0.00", "0.00", "9500.00", "80500.00"),
    ("2026-04-10", "90000.00", "9500.00", "450.00", "200.00", "8850.00", "80500.00"),
    ("2026-04-30", "90000.00", "9500.00", "450.00", "500.00", "8550.00", "80500.00"),
    ("2026-05-01", "80000.00", "9500.00", "450.00", "500.00", "8550.00", "70500.00"),
    ("2026-06-30", "80000.00", "9500.00", "1450.00", "500.00", "7550.00", "70500.00"),
]


def _lezer(store_url: str) -> str | None:
    return None if store_url.startswith("postgresql://") else "iemand"  # PostgreSQL: the login of the URL


@pytest.mark.parametrize(("per", "plafond", "toegekend", "verzilverd", "contant", "uitstaand", "beschikbaar"), VERWACHT)
def test_saldo_per_datum_is_de_stand_aan_het_eind_van_die_dag_zoals_met_de_hand_geteld(
    store_url, per, plafond, toegekend, verzilverd, contant, uitstaand, beschikbaar
):
    app, _ = _jaar(store_url)
    u = ok(voer_uit("saldo", "--per", per, db=store_url, als_json=True, gebruiker=_lezer(store_url))).json()
    controleer_saldo_sluit(u)
    assert u["per"] == per
    [rij] = u["wijken"]
    assert (rij["budget"], rij["uitvoeringskosten"], rij["vervallen"]) == ("100000.00", "10000.00", "0.00")
    assert (rij["plafond"], rij["toegekend"], rij["verzilverd"], rij["contant"], rij["uitstaand"],
            rij["beschikbaar"]) == (plafond, toegekend, verzilverd, contant, uitstaand, beschikbaar)  # fmt: skip
    # The same replay through the service, against the fold of the events up to that date:
    [s] = Leesdienst(Dienst(app, "iemand")).saldi(per=date.fromisoformat(per))
    assert s.als_dict() == gevouwen(app, date.fromisoformat(per))[0][0].als_saldo().als_dict()


def test_saldo_per_een_datum_voor_de_aanwijzing_heeft_geen_wijken(store_url):
    _jaar(store_url)
    u = ok(voer_uit("saldo", "--per", "2026-01-01", db=store_url, als_json=True, gebruiker=_lezer(store_url))).json()
    assert u["wijken"] == [] and u["totaal"]["toegekend"] == "0.00"


def test_saldo_zonder_per_leest_de_bijgewerkte_view_en_sluit_op_de_cent(store_url):
    app, _ = _jaar(store_url)
    u = ok(voer_uit("saldo", db=store_url, als_json=True, gebruiker=_lezer(store_url))).json()
    controleer_saldo_sluit(u)
    [rij] = u["wijken"]
    assert {k: rij[k] for k in ("wijk", "periode", "naam", "toegekend", "verzilverd", "contant", "uitstaand")} == {
        "wijk": "NOORD", "periode": PERIODE, "naam": "Noord", "toegekend": "9500.00", "verzilverd": "1450.00",
        "contant": "500.00", "uitstaand": "7550.00",
    }  # fmt: skip
    assert positie(app) == app.recorder.max_notification_id(), "saldo werkte de views niet eerst bij"
    assert views(app) == gevouwen(app)
    tekst = ok(voer_uit("saldo", db=store_url, gebruiker=_lezer(store_url))).out
    assert "€ 7.550,00" in tekst and "totaal" in tekst


def test_het_kasboek_toont_elke_regel_met_lopende_saldi_per_voucher_en_wijk(store_url):
    _, (v1, v2a, v2b) = _jaar(store_url)
    u = ok(voer_uit("kasboek", db=store_url, als_json=True, gebruiker=_lezer(store_url))).json()
    regels = [(r["soort"], r["voucher"], r["bedrag"], r["restant"], r["saldo_wijk"]) for r in u["regels"]]
    assert regels == [
        ("verstrekt", v1, "2500.00", "2500.00", "2500.00"),
        ("verstrekt", v2a, "3500.00", "3500.00", "6000.00"),
        ("verstrekt", v2b, "3500.00", "3500.00", "9500.00"),
        ("verzilverd", v1, "450.00", "2050.00", "9050.00"),
        ("contant", v1, "200.00", "1850.00", "8850.00"),
        ("verzilverd", v2a, "1000.00", "2500.00", "7850.00"),
        ("contant", v2b, "300.00", "3200.00", "7550.00"),  # in the order it was booked, with its own date
    ]
    assert u["regels"][-1]["datum"] == "2026-04-15" and u["regels"][3]["factuur"] == "F1"
    assert u["totaal"] == {"toegekend": "9500.00", "verzilverd": "1450.00", "contant": "500.00",
                           "geweigerd": "0.00", "vervallen": "0.00", "gecorrigeerd": "0.00",
                           "teruggevorderd": "0.00", "terugontvangen": "0.00"}  # fmt: skip
    saldo = voer_uit("saldo", db=store_url, als_json=True, gebruiker=_lezer(store_url)).json()
    assert u["regels"][-1]["saldo_wijk"] == saldo["wijken"][0]["uitstaand"]

    alleen = ok(voer_uit("kasboek", "--voucher", v1.lower(), db=store_url, als_json=True,
                         gebruiker=_lezer(store_url))).json()  # fmt: skip
    assert [r["soort"] for r in alleen["regels"]] == ["verstrekt", "verzilverd", "contant"]
    assert ok(voer_uit("kasboek", "--wijk", "noord", "--periode", "2026", db=store_url, als_json=True,
                       gebruiker=_lezer(store_url))).json()["regels"] == u["regels"]  # fmt: skip
    assert ok(voer_uit("kasboek", "--periode", "2025", db=store_url, als_json=True,
                       gebruiker=_lezer(store_url))).json()["regels"] == []  # fmt: skip

    tekst = ok(voer_uit("kasboek", "--wijk", "NOORD", db=store_url, gebruiker=_lezer(store_url))).out
    assert "Bouwmarkt / F1" in tekst and "€ 7.550,00" in tekst and "15-04-2026" in tekst


def test_het_kasboek_toont_terugvordering_en_terugontvangst_per_aanvraag_en_sluit_met_saldo(store_url, tmp_path):
    """Awb 4:57: a claim and its receipt are the aanvraag's lines (no voucher, no restant); the totals reconcile."""
    app, (v1, _, _) = _jaar(store_url)
    w = Wereld(app)
    vorder_terug(w.college, VorderTerug(nummer=1, bedrag=bedrag("200"), motivering="niet voor het initiatief",
                                        datum=date(PERIODE, 7, 1)))  # fmt: skip
    ontvang_terug(w.als(KAS), OntvangTerug(nummer=1, bedrag=bedrag("150,01"), datum=date(PERIODE, 7, 2)))
    wie = _lezer(store_url)
    u = ok(voer_uit("kasboek", db=store_url, als_json=True, gebruiker=wie)).json()
    *_, claim, ontvangst = u["regels"]
    assert [(r["soort"], r["voucher"], r["aanvraag"], r["datum"], r["bedrag"], r["restant"], r["saldo_wijk"])
            for r in (claim, ontvangst)] == [
        ("teruggevorderd", None, 1, "2026-07-01", "200.00", None, "7550.00"),
        ("terugontvangen", None, 1, "2026-07-02", "150.01", None, "7550.00"),  # no voucher value moves
    ]  # fmt: skip
    assert claim["reden"] == "niet voor het initiatief" and claim["door"] == "wethouder"
    assert ontvangst["positie"] == claim["positie"] + 1 and ontvangst["door"] == KAS
    saldo = voer_uit("saldo", db=store_url, als_json=True, gebruiker=wie).json()["wijken"][0]
    assert (u["totaal"]["teruggevorderd"], u["totaal"]["terugontvangen"]) == ("200.00", "150.01")
    assert (saldo["teruggevorderd"], saldo["terugontvangen"]) == ("200.00", "150.01")
    assert u["totaal"]["verzilverd"] == saldo["verzilverd"] and u["regels"][-1]["saldo_wijk"] == saldo["uitstaand"]

    tekst = ok(voer_uit("kasboek", "--wijk", "NOORD", db=store_url, gebruiker=wie)).out
    regel = next(r for r in tekst.splitlines() if "terugontvangen" in r and "#" in r)
    assert f"#{ontvangst['positie']}" in regel and "02-07-2026" in regel and "aanvraag 1" in regel
    assert "€ 150,01" in regel
    assert "teruggevorderd € 200,00; terugontvangen € 150,01" in tekst
    alleen = ok(voer_uit("kasboek", "--voucher", v1, db=store_url, als_json=True, gebruiker=wie)).json()
    assert "teruggevorderd" not in [r["soort"] for r in alleen["regels"]]  # the claim is the aanvraag's

    csv_ = ok(voer_uit("kasboek", "--formaat", "csv", db=store_url, gebruiker=wie)).out.splitlines()
    assert csv_[0].lstrip("\ufeff").split(";") == list(claim)  # the columns stay the JSON keys
    laatste = dict(zip(list(claim), csv_[-1].split(";"), strict=True))
    assert [laatste[k] for k in ("voucher", "aanvraag", "soort", "bedrag", "restant")] == [
        "", "1", "terugontvangen", "150,01", ""
    ]  # fmt: skip
    pad = tmp_path / "kasboek.xlsx"
    ok(voer_uit("kasboek", "--formaat", "xlsx", "--uitvoer", str(pad), db=store_url, gebruiker=wie))
    kop, *_, rij = list(openpyxl.load_workbook(pad)["Kasboek"].iter_rows(values_only=True))
    cel = dict(zip(kop, rij, strict=True))
    assert (cel["soort"], cel["voucher"], cel["restant"], cel["aanvraag"]) == ("terugontvangen", None, None, 1)
    assert Decimal(str(cel["bedrag"])) == Decimal("150.01")


def test_het_kasboek_van_een_voucher_die_nooit_verstrekt_is_geeft_exit_3(store_url):
    from ledger.vouchercode import maak_code

    _jaar(store_url)
    controleer_fout(voer_uit("kasboek", "--voucher", maak_code(99, 1), db=store_url, gebruiker=_lezer(store_url)), 3)
    controleer_fout(voer_uit("kasboek", "--voucher", "V000001-01-1", db=store_url, gebruiker=_lezer(store_url)), 2)


def test_herbouw_telt_de_gebeurtenissen_en_geeft_dezelfde_rijen(store_url):
    app, _ = _jaar(store_url)
    werk_bij(app)
    voor = views(app)
    u = ok(voer_uit("herbouw", db=store_url, als_json=True, gebruiker=_lezer(store_url))).json()
    assert u == {"gebeurtenissen": app.recorder.max_notification_id(), "saldo": 1, "aanvragen": 2, "vouchers": 3,
                 "kasboek": 7}  # fmt: skip
    assert views(app) == voor
    tekst = ok(voer_uit("herbouw", db=store_url, gebruiker=_lezer(store_url))).out
    assert f"herbouwd uit {u['gebeurtenissen']} gebeurtenissen" in tekst


@pytest.mark.parametrize("args", [["kasboek"], ["herbouw"]])
def test_kasboek_en_herbouw_zonder_administratie_geven_exit_5_en_maken_geen_bestand(tmp_path, args):
    db = tmp_path / "nieuw.db"
    controleer_fout(voer_uit(*args, db=db), 5)
    assert list(tmp_path.iterdir()) == []


def test_init_maakt_de_leesmodellen_meteen(sqlite_url):
    ok(voer_uit("init", "--gemeente", "Teststad", "--datum", "2026-01-01", db=sqlite_url))
    app = open_store(sqlite_url, inrichten=False)
    assert len(view_tabellen(app)) == 6
    assert positie(app) == app.recorder.max_notification_id()


def test_de_demo_toont_een_saldo_dat_met_de_vouw_klopt(sqlite_url):
    u = ok(voer_uit("demo", db=sqlite_url, als_json=True)).json()
    controleer_saldo_sluit(u)
    app = open_store(sqlite_url, inrichten=False)
    assert [Decimal(r["uitstaand"]) for r in u["wijken"]] == [Decimal(s.uitstaand) / 100 for s in gevouwen(app)[0]]


# --- a PostgreSQL login with fewer rights -----------------------------------------------------------------
@pytest.fixture
def medewerker(postgres_server, postgres_url):
    """The store of `_jaar` on PostgreSQL plus a login with the README's rights: SELECT and INSERT on the events."""
    app, _ = _jaar(postgres_url)
    naam = "mw_" + uuid.uuid4().hex[:10]
    postgres_server.create_login_role(naam)
    dbnaam = urlsplit(postgres_url).path.lstrip("/")
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'GRANT SELECT, INSERT ON vouchers_events TO "{naam}"')
        conn.execute(f'GRANT USAGE ON SEQUENCE vouchers_events_notification_id_seq TO "{naam}"')
        if conn.execute("SELECT to_regclass('vouchers_snapshots') IS NOT NULL").fetchone()[0]:
            conn.execute(f'GRANT SELECT ON vouchers_snapshots TO "{naam}"')  # readers load aggregates from them
    try:
        yield app, postgres_url, postgres_server.url(dbnaam, user=naam), naam
    finally:
        app.close()
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f'DROP OWNED BY "{naam}"')
        postgres_server.drop_role(naam)


def test_een_login_zonder_rechten_op_de_views_krijgt_het_juiste_saldo_uit_de_vouw(medewerker):
    app, _, url, _ = medewerker
    assert view_tabellen(app) == set()  # nobody has read anything yet
    u = ok(voer_uit("saldo", db=url, als_json=True, gebruiker=None)).json()
    assert u["wijken"][0]["uitstaand"] == "7550.00"
    kasboek = ok(voer_uit("kasboek", db=url, als_json=True, gebruiker=None)).json()
    assert len(kasboek["regels"]) == 7
    assert view_tabellen(app) == set(), "een login zonder rechten maakte toch tabellen"
    controleer_fout(voer_uit("herbouw", db=url, gebruiker=None), 5)


def test_een_login_die_de_views_alleen_mag_lezen_leest_ze_zolang_ze_bij_zijn(medewerker):
    import psycopg

    app, eigenaar_url, url, naam = medewerker
    werk_bij(app)  # the owner (or any read of the owner) keeps them current
    with psycopg.connect(eigenaar_url, autocommit=True) as conn:
        for tabel in view_tabellen(app):
            conn.execute(f'GRANT SELECT ON {tabel} TO "{naam}"')
    v = open_verbinding(app)
    try:
        with v.schrijf() as c:  # a mark that shows where the answer came from
            c.voer_uit(f"UPDATE {SALDO.naam} SET naam = 'uit de view'")
    finally:
        v.sluit()
    assert ok(voer_uit("saldo", db=url, als_json=True, gebruiker=None)).json()["wijken"][0]["naam"] == "uit de view"

    Wereld(app).contant(_jaar_code(app), "1")  # now the views are behind and this login may not update them
    u = ok(voer_uit("saldo", db=url, als_json=True, gebruiker=None)).json()
    assert (u["wijken"][0]["naam"], u["wijken"][0]["contant"]) == ("Noord", "501.00")  # from the fold of the log


def _jaar_code(app) -> str:
    return views(app)[2][0].code
