"""Persoonsgegevens (AVG) on SQLite and PostgreSQL, through the real `voucher` console script.

Names, addresses and telephone numbers are stored only sealed with a key per aanvraag, in no
event, snapshot or read model; `voucher vergeet` destroys the key once the retention term
(Selectielijst gemeenten 2020) has ended, after which every output shows "[verwijderd]" and the
money is untouched; the verantwoording shows names only to the college and the wijk's
regiegroep; publicatie and rapport raad never show them.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "cli"))  # cli_hulp: running `voucher`
from cli_hulp import aantal_events, controleer_fout, ok, voer_uit, voer_uit_echt
from wereld import open_store

from ledger import ids

NAAM1, ADRES1, TELEFOON1 = "Zwanetta Kwakkelstein", "Quaggaweg 77 Oostvliet", "06-99887766"
NAAM2, TELEFOON2 = "Barend Pluimstrijker", "010-7654321"
PRIVE = (NAAM1, ADRES1, TELEFOON1, NAAM2, TELEFOON2)
OMSCHRIJVING = "Zomerfeest op het Zandplein"  # not personal: the positive control of every raw search
REGIE_ZUID = "regie.zuid"


def _college(store: str) -> str | None:
    """On SQLite the acting user comes from VOUCHER_GEBRUIKER; on PostgreSQL it is the URL's login."""
    return None if store.startswith("postgresql://") else "wethouder"


def _login(store: str) -> str:
    return urlsplit(store).username or "" if store.startswith("postgresql://") else "wethouder"


def _richt_in(store: str) -> None:
    """2025: wijk NOORD; aanvraag 1 complete and granted, aanvraag 2 incomplete, then completed in part."""
    c = _college(store)

    def als(*args: str, gebruiker: str | None = c) -> None:
        ok(voer_uit(*args, db=store, gebruiker=gebruiker))

    als("init", "--gemeente", "Teststad", "--datum", "2025-01-01")
    als("mandaat", "geven", _login(store), "--rol", "regiegroep", "--wijk", "NOORD", "--datum", "2025-01-01")
    if not store.startswith("postgresql://"):  # there a mandate needs an existing login
        als("mandaat", "geven", REGIE_ZUID, "--rol", "regiegroep", "--wijk", "ZUID", "--datum", "2025-01-01")
    als(
        "wijk",
        "aanwijzen",
        "NOORD",
        "--naam",
        "Noord",
        "--periode",
        "2025",
        "--budget",
        "10.000",
        "--datum",
        "2025-01-02",
    )
    als("aanvraag", "indienen", "--wijk", "NOORD", "--naam", NAAM1, "--adres", ADRES1, "--telefoon", TELEFOON1,
        "--ondertekend", "--omschrijving", OMSCHRIJVING, "--planning", "juli", "--kosten", "750",
        "--elders-subsidie", "nee", "--datum", "2025-02-03")  # fmt: skip
    als("aanvraag", "toekennen", "1", "--datum", "2025-03-01")
    als("aanvraag", "bekendmaken", "1", "--datum", "2025-03-02")
    als("aanvraag", "indienen", "--wijk", "NOORD", "--naam", NAAM2, "--periode", "2025", "--datum", "2025-08-01")
    als("aanvraag", "aanvullen", "2", "--telefoon", TELEFOON2, "--datum", "2025-08-05")
    als("saldo")  # the read models exist and are up to date
    als("aanvraag", "lijst")


def _neem_momentopnamen(store: str) -> None:
    app = open_store(store, inrichten=False)
    try:
        for nr in (1, 2):
            app.take_snapshot(ids.aanvraag_id(nr))
    finally:
        app.close()


def _ruwe_sqlite(store: str) -> bytes:
    pad = Path(store)
    wal = pad.with_name(pad.name + "-wal")
    return pad.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _ruwe_postgres(store: str) -> list[bytes]:
    """Every value of every row of the events, the snapshots and every read model, as bytes."""
    import psycopg

    uit: list[bytes] = []
    with psycopg.connect(store, autocommit=True) as conn:
        tabellen = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND "
                "(tablename IN ('vouchers_events', 'vouchers_snapshots') OR tablename LIKE 'vouchers_proj_%')"
            )
        ]
        assert {"vouchers_events", "vouchers_snapshots"} <= set(tabellen) and len(tabellen) > 3, tabellen
        for tabel in tabellen:
            for rij in conn.execute(f"SELECT * FROM {tabel}"):
                for waarde in rij:
                    uit.append(bytes(waarde) if isinstance(waarde, (bytes, memoryview)) else str(waarde).encode())
    return uit


def _sleutel(store: str, nr: int) -> bytes | None:
    aanvraag_id = ids.aanvraag_id(nr)
    if store.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(store, autocommit=True) as conn:
            rij = conn.execute(
                "SELECT sleutel FROM vouchers_sleutels WHERE aanvraag_id = %s", (aanvraag_id,)
            ).fetchone()
    else:
        with sqlite3.connect(store) as conn:
            rij = conn.execute(
                "SELECT sleutel FROM vouchers_sleutels WHERE aanvraag_id = ?", (aanvraag_id.hex,)
            ).fetchone()
        conn.close()
    return bytes(rij[0]) if rij else None


def _telling(store: str) -> int:
    if store.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(store, autocommit=True) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM vouchers_events").fetchone()[0])
    return aantal_events(store)


def test_persoonsgegevens_staan_in_geen_gebeurtenis_momentopname_of_leesmodel(store_url):
    _richt_in(store_url)
    _neem_momentopnamen(store_url)
    if store_url.startswith("postgresql://"):
        waarden = _ruwe_postgres(store_url)
        assert any(OMSCHRIJVING.encode() in w for w in waarden), "de zoektocht vindt gewone tekst wel"
        for gegeven in PRIVE:
            assert not any(gegeven.encode() in w for w in waarden), gegeven
    else:
        ruw = _ruwe_sqlite(store_url)
        assert OMSCHRIJVING.encode() in ruw, "de zoektocht vindt gewone tekst wel"
        for gegeven in PRIVE:
            assert gegeven.encode() not in ruw and gegeven.encode("utf-16-le") not in ruw, gegeven
    # ... while who may see them does.
    toon = voer_uit_echt("aanvraag", "toon", "1", db=store_url, als_json=True, gebruiker=_college(store_url)).json()
    assert (toon["naam"], toon["adres"], toon["telefoon"], toon["ondertekend"]) == (NAAM1, ADRES1, TELEFOON1, True)
    assert toon["persoonsgegevens"] == "zichtbaar" and toon["ontbreekt"] == []


def test_vergeten_kan_na_de_bewaartermijn_en_laat_het_geld_heel(store_url):
    _richt_in(store_url)
    c = _college(store_url)
    # Aanvraag 2 is still undecided: its data are never destroyed, whatever the term (archive: finished files only).
    open_ = voer_uit_echt("vergeet", "2", "--datum", "2026-08-05", db=store_url, gebruiker=c)
    assert "aanvraag 2 is nog niet afgerond (status onvolledig: er is nog niet over beslist)" in open_.err
    controleer_fout(open_, 1)
    assert (
        voer_uit("bewaartermijnen", "--per", "2026-08-05", db=store_url, als_json=True, gebruiker=c).json()["dossiers"]
        == []
    )
    ok(voer_uit("aanvraag", "intrekken", "2", "--reden", "de initiatiefnemer ziet ervan af", "--datum", "2025-08-05",
                db=store_url, gebruiker=c))  # fmt: skip
    # Before the end of the term: refused, with the end date and the source.
    te_vroeg = voer_uit_echt("vergeet", "2", "--datum", "2026-08-04", db=store_url, gebruiker=c)
    assert "de bewaartermijn van aanvraag 2 loopt tot 05-08-2026 (Selectielijst gemeenten 2020)" in te_vroeg.err
    controleer_fout(te_vroeg, 1)
    toegekend = voer_uit_echt("vergeet", "1", "--datum", "2026-01-05", db=store_url, gebruiker=c)
    assert "aanvraag 1 is nog niet afgerond (status toegekend: de toekenning is nog niet vastgesteld" in toegekend.err
    controleer_fout(toegekend, 1)

    lijst = voer_uit_echt("bewaartermijnen", "--per", "2026-08-05", db=store_url, als_json=True, gebruiker=c).json()
    assert lijst["dossiers"] == [
        {"aanvraag": 2, "wijk": "NOORD", "periode": 2025, "uitkomst": "niet afgehandeld", "bewaren_tot": "2026-08-05",
         "vergeten": False, "vernietigd_op": None}
    ]  # fmt: skip
    assert (
        voer_uit("bewaartermijnen", "--per", "2026-08-04", db=store_url, als_json=True, gebruiker=c).json()["dossiers"]
        == []
    )

    saldo_voor = voer_uit("saldo", db=store_url, als_json=True, gebruiker=c).json()
    sleutel = _sleutel(store_url, 2)
    assert sleutel is not None and len(sleutel) == 32
    if not store_url.startswith("postgresql://"):
        assert sleutel in _ruwe_sqlite(store_url)

    u = voer_uit_echt("vergeet", "2", "--datum", "2026-08-05", db=store_url, als_json=True, gebruiker=c).json()
    assert (u["aanvraag"], u["nieuw"], u["vernietigd"], u["sleutel_verwijderd"]) == (2, True, "2026-08-05", True)
    assert u["opgeschoond"] is True, u

    assert _sleutel(store_url, 2) is None
    assert _sleutel(store_url, 1) is not None, "alleen de sleutel van aanvraag 2 is weg"
    if not store_url.startswith("postgresql://"):
        ruw = _ruwe_sqlite(store_url)
        assert sleutel not in ruw and sleutel.hex().encode() not in ruw, "de sleutel staat nog in het bestand of de WAL"
        assert _sleutel(store_url, 1) in ruw

    voor = _telling(store_url)
    herhaald = voer_uit_echt("vergeet", "2", db=store_url, als_json=True, gebruiker=c).json()
    assert (herhaald["nieuw"], herhaald["vernietigd"]) == (False, "2026-08-05")
    assert _telling(store_url) == voor, "een herhaling schrijft niets"

    toon = voer_uit_echt("aanvraag", "toon", "2", db=store_url, als_json=True, gebruiker=c).json()
    assert (toon["naam"], toon["telefoon"], toon["adres"]) == ("[verwijderd]", "[verwijderd]", None)
    assert toon["persoonsgegevens_vernietigd"] == "2026-08-05"
    tekst = voer_uit_echt("aanvraag", "toon", "2", db=store_url, gebruiker=c)
    assert "naam: [verwijderd]" in ok(tekst).out and NAAM2 not in tekst.out
    verantwoording = json.loads(
        ok(voer_uit("rapport", "verantwoording", "--formaat", "json", db=store_url, gebruiker=c)).out
    )
    namen = {i["aanvraag"]: i["aanvrager"] for w in verantwoording["wijken"] for i in w["initiatieven"]}
    assert namen == {1: NAAM1, 2: "[verwijderd]"}
    saldo_na = voer_uit("saldo", db=store_url, als_json=True, gebruiker=c).json()
    assert (saldo_na["wijken"], saldo_na["totaal"]) == (saldo_voor["wijken"], saldo_voor["totaal"])
    lijst = voer_uit("bewaartermijnen", "--per", "2026-08-05", db=store_url, als_json=True, gebruiker=c).json()
    assert [(d["aanvraag"], d["vergeten"], d["vernietigd_op"]) for d in lijst["dossiers"]] == [(2, True, "2026-08-05")]
    # The chain covers the ciphertext, not the key: destroying the key leaves the history verifiable.
    keten = voer_uit("verifieer", "--kop", saldo_voor["ketenkop"]["hash"], db=store_url, als_json=True, gebruiker=c)
    assert keten.json()["intact"] is True


def test_alleen_het_college_vergeet(sqlite_url):
    _richt_in(sqlite_url)
    for wie in ("regie.zuid", "iemand", "wethouder-niet"):
        controleer_fout(voer_uit("vergeet", "2", db=sqlite_url, gebruiker=wie), 1)
    assert _sleutel(sqlite_url, 2) is not None


@pytest.mark.parametrize("formaat", ["tekst", "csv", "json", "html"])
def test_publicatie_en_raad_noemen_nooit_persoonsgegevens(sqlite_url, formaat):
    _richt_in(sqlite_url)
    publicatie = ok(voer_uit("publicatie", "--formaat", formaat, db=sqlite_url)).out
    assert OMSCHRIJVING in publicatie or (formaat == "html" and "Zomerfeest" in publicatie)
    uitvoer = [publicatie]
    if formaat != "csv":
        uitvoer.append(ok(voer_uit("rapport", "raad", "--formaat", formaat, db=sqlite_url)).out)
    for tekst in uitvoer:  # as the college, who could see them elsewhere
        for gegeven in PRIVE:
            assert gegeven not in tekst, (gegeven, formaat)


@pytest.fixture
def lezer(store_url, request):
    """Whoever reads without a mandate: on SQLite a name, on PostgreSQL a login that may only read the log."""
    if not store_url.startswith("postgresql://"):
        yield store_url, "iemand"
        return
    import psycopg

    server = request.getfixturevalue("postgres_server")
    naam = "lezer_" + uuid.uuid4().hex[:10]
    server.create_login_role(naam)
    yield server.url(urlsplit(store_url).path.lstrip("/"), user=naam), None
    with psycopg.connect(store_url, autocommit=True) as conn:
        conn.execute(f'DROP OWNED BY "{naam}"')
    server.drop_role(naam)


def test_de_verantwoording_noemt_namen_alleen_voor_college_en_regiegroep_van_de_wijk(store_url, lezer):
    _richt_in(store_url)
    c = _college(store_url)
    for formaat in ("tekst", "csv", "html", "json"):
        college = ok(voer_uit_echt("rapport", "verantwoording", "--formaat", formaat, db=store_url, gebruiker=c)).out
        assert NAAM1 in college and NAAM2 in college, formaat
        assert ADRES1 not in college and TELEFOON1 not in college and TELEFOON2 not in college, formaat

    if store_url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(store_url, autocommit=True) as conn:  # the README's rights: the log, not the keys
            conn.execute(f'GRANT SELECT ON vouchers_events, vouchers_snapshots TO "{urlsplit(lezer[0]).username}"')
        anderen = [lezer]
    else:
        anderen = [lezer, (store_url, REGIE_ZUID), (store_url, "kas.beheer")]
    for db, wie in anderen:
        for formaat in ("tekst", "csv", "html", "json"):
            u = ok(voer_uit_echt("rapport", "verantwoording", "--formaat", formaat, db=db, gebruiker=wie)).out
            for gegeven in PRIVE:
                assert gegeven not in u, (wie, formaat, gegeven)
            assert OMSCHRIJVING in u or formaat == "html"
        model = json.loads(ok(voer_uit("rapport", "verantwoording", "--formaat", "json", db=db, gebruiker=wie)).out)
        assert {i["aanvrager"] for w in model["wijken"] for i in w["initiatieven"]} == {"aanvrager"}
        toon = ok(voer_uit("--json", "aanvraag", "toon", "1", db=db, gebruiker=wie)).json()
        assert (toon["naam"], toon["persoonsgegevens"]) == ("aanvrager", "afgeschermd") and "adres" not in toon


def test_sqlite_wist_de_sleutel_ook_tussen_honderden_andere_en_uit_de_wal(sqlite_url):
    """Hundreds of keys over several pages of the key table: only the forgotten one is gone from the bytes."""
    _richt_in(sqlite_url)
    from datetime import date

    from commands import modellen as m
    from commands.dienst import Dienst

    app = open_store(sqlite_url, inrichten=False)
    try:
        regie = Dienst(app, "wethouder", vandaag=date(2026, 1, 1))
        for i in range(300):
            regie.dien_in(m.DienAanvraagIn(wijk="NOORD", naam=f"Aanvrager {i}", periode=2025, datum=date(2025, 9, 1)))
    finally:
        app.close()
    sleutels = {nr: _sleutel(sqlite_url, nr) for nr in range(1, 303)}
    assert all(s is not None for s in sleutels.values())
    weg = sleutels[2]
    assert weg in _ruwe_sqlite(sqlite_url)
    ok(voer_uit("aanvraag", "intrekken", "2", "--reden", "dubbel", "--datum", "2025-08-05", db=sqlite_url,
                gebruiker="wethouder"))  # fmt: skip  # only a finished file is forgotten
    ok(voer_uit_echt("vergeet", "2", db=sqlite_url, gebruiker="wethouder"))
    ruw = _ruwe_sqlite(sqlite_url)
    assert weg not in ruw
    assert all(s in ruw for nr, s in sleutels.items() if nr != 2 and s is not None)
