"""De aanvraag na een gegrond bezwaar (ledger/aanvraag_bezwaar.py, Awb 7:11): herroepen en weer open.

Rechtstreeks op het aggregaat, zonder opslag: welke besluiten de administratie zelf herroept, de
gebeurtenis die de herroeping vastlegt (welk bezwaar, welk besluit, wie, wanneer, namens wie), de status
waarin de aanvraag terugkeert, en dat een nieuw besluit niet voor de herroeping ligt.
"""

from __future__ import annotations

from datetime import date

import pytest
from aanvraaghulp import (
    DREMPEL,
    MAX_VOUCHER,
    NOORD,
    ONTVANGEN,
    REGIE,
    RUIM,
    ZUID,
    aanvraag,
    e,
    enige,
    geschikt,
    ken_toe,
    weigert,
)

from ledger.fouten import OngeldigeInvoer, OngeldigeToestand, RegelOvertreden
from ledger.geld import Bedrag
from ledger.namens import mandaat

COLLEGE = mandaat("college", None)
BESLUIT = date(2026, 3, 2)
NUL = Bedrag.nul()


def _geweigerd(kosten: str = "1.000"):
    a = aanvraag(kosten)
    a.weiger("a", "niet haalbaar", RUIM, BESLUIT, REGIE, mandaat=NOORD)
    a.collect_events()
    return a


def _herroep(a, soort: str, *, datum: date = date(2026, 5, 1), betaald: Bedrag = NUL, vrij: Bedrag = NUL, m=COLLEGE):
    a.herroep(7, 12, soort, betaald, vrij, datum, "college.wethouder", mandaat=m)


def test_herroepen_legt_bezwaar_besluit_status_wie_wanneer_en_namens_wie_vast() -> None:
    a = _geweigerd()
    _herroep(a, "geweigerd", vrij=Bedrag.parse("250"))
    g = enige(a)
    assert type(g).__name__ == "Herroepen"
    assert (g.bezwaar, g.besluit, g.soort, g.status, g.vrijgegeven) == (
        7,
        12,
        "geweigerd",
        "ingediend",
        Bedrag.parse("250"),
    )
    assert (g.datum, g.gebruiker, g.namens, g.mandaat) == (date(2026, 5, 1), "college.wethouder", "college", COLLEGE)
    assert a.status == "ingediend" and a.besluit is None
    assert a.heropend == {"bezwaar": 7, "datum": date(2026, 5, 1)}
    [h] = a.herroepingen
    assert (h["uitkomst"], h["grond"], h["bezwaar"], h["gebeurtenis"], h["herroepen_op"]) == (
        "geweigerd",
        "a",
        7,
        12,
        date(2026, 5, 1),
    )


def test_herroepen_onder_het_mandaat_van_de_regiegroep_van_de_wijk_en_niet_van_een_andere() -> None:
    a = _geweigerd()
    weigert(a, OngeldigeInvoer, lambda: _herroep(a, "geweigerd", m=ZUID))
    _herroep(a, "geweigerd", m=NOORD)
    assert enige(a).mandaat == NOORD


@pytest.mark.parametrize("soort", ["intrekking", "vastgesteld", "terugvordering", "beslissing op bezwaar"])
def test_een_ander_besluit_herroept_de_administratie_niet_zelf(soort: str) -> None:
    a = _geweigerd()
    fout = weigert(a, RegelOvertreden, lambda: _herroep(a, soort))
    assert fout.artikel == "Awb 7:11"
    assert fout.melding == (
        f"een gegrond bezwaar tegen een {soort} herroept de administratie niet zelf: neem het nieuwe besluit met "
        "toekenning intrekken, aanvraag vaststellen of terugvordering instellen, of verklaar het bezwaar ongegrond"
    )


def test_zonder_besluit_is_er_niets_te_herroepen() -> None:
    a = aanvraag()
    fout = weigert(a, OngeldigeToestand, lambda: _herroep(a, "geweigerd"))
    assert "herroepen kan niet" in fout.melding


def test_de_herroeping_op_de_dag_van_het_besluit_mag_en_een_dag_eerder_niet() -> None:
    a = _geweigerd()
    fout = weigert(a, OngeldigeInvoer, lambda: _herroep(a, "geweigerd", datum=date(2026, 3, 1)))
    assert fout.melding == "de herroeping ligt voor het besluit dat wordt herroepen"
    _herroep(a, "geweigerd", datum=BESLUIT)
    assert enige(a).datum == BESLUIT


def test_een_toekenning_waarvan_een_cent_is_betaald_wordt_niet_herroepen() -> None:
    a = aanvraag()
    ken_toe(a)
    a.collect_events()
    fout = weigert(a, RegelOvertreden, lambda: _herroep(a, "toegekend", betaald=Bedrag(1)))
    assert fout.artikel == "Awb 7:11, 4:48, 4:57" and fout.gegevens == {"betaald": Bedrag(1)}
    assert fout.melding == (
        "van de vouchers van aanvraag 1 is al € 0,01 betaald: die toekenning wordt niet herroepen; trek het "
        "onbestede deel in (voucher toekenning intrekken) en vorder zo nodig terug (voucher terugvordering instellen)"
    )
    _herroep(a, "toegekend", vrij=Bedrag.parse("1.000"))
    g = enige(a)
    assert (g.soort, g.status, g.vrijgegeven) == ("toegekend", "ingediend", Bedrag.parse("1.000"))


def test_een_betaalde_weigering_bestaat_niet_en_het_bedrag_telt_daar_niet() -> None:
    a = _geweigerd()
    _herroep(a, "geweigerd", betaald=Bedrag(1))
    assert enige(a).status == "ingediend"


def test_buiten_behandeling_herroepen_maakt_de_aanvraag_weer_onvolledig() -> None:
    a = aanvraag(p={"naam": "A. de Vries", "adres": "Lindelaan 1", "telefoon": None, "ondertekend": True})
    a.vraag_aanvulling("telefoon", date(2026, 2, 16), date(2026, 2, 2), REGIE, mandaat=NOORD)
    a.stel_buiten_behandeling("niet aangevuld", date(2026, 2, 20), REGIE, mandaat=NOORD)
    a.collect_events()
    _herroep(a, "buiten behandeling")
    assert (enige(a).status, a.status) == ("onvolledig", "onvolledig")


def _groot():
    a = aanvraag("12.000")
    geschikt(a)
    return a


def test_na_een_wijkraadpleging_tegen_keert_de_aanvraag_terug_naar_geschikt() -> None:
    a = _groot()
    a.besluit_raadpleging("tegen", None, None, date(2026, 3, 1), REGIE, mandaat=NOORD)
    a.collect_events()
    _herroep(a, "geweigerd")
    assert (enige(a).status, a.status) == ("geschikt", "geschikt")


def test_na_een_wijkraadpleging_voor_keert_de_aanvraag_terug_naar_raadpleging_voor() -> None:
    a = _groot()
    a.besluit_raadpleging("voor", None, None, date(2026, 3, 1), REGIE, mandaat=NOORD)
    a.collect_events()
    ken_toe(a, datum=date(2026, 3, 2), drempel=DREMPEL)
    a.collect_events()
    _herroep(a, "toegekend")
    assert (enige(a).status, a.status) == ("raadpleging_voor", "raadpleging_voor")


def test_geschikt_geweigerd_voor_de_raadpleging_keert_terug_naar_geschikt() -> None:
    a = _groot()
    a.weiger("a", "niet haalbaar", RUIM, date(2026, 2, 20), REGIE, mandaat=NOORD)
    a.collect_events()
    _herroep(a, "geweigerd")
    assert enige(a).status == "geschikt"


def test_na_de_raadpleging_tegen_herroepen_en_dan_op_een_grond_geweigerd_keert_weer_terug_naar_geschikt() -> None:
    # De raadpleging tegen is herroepen; de aanvraag was weer geschikt en is toen op grond a geweigerd.
    # Wordt ook die weigering herroepen, dan is de aanvraag weer geschikt (niet ingediend): ze was dat ervoor.
    a = _groot()
    a.besluit_raadpleging("tegen", None, None, date(2026, 3, 1), REGIE, mandaat=NOORD)
    _herroep(a, "geweigerd", datum=date(2026, 4, 1))
    a.weiger("a", "niet haalbaar", RUIM, date(2026, 4, 2), REGIE, mandaat=NOORD)
    a.collect_events()
    _herroep(a, "geweigerd", datum=date(2026, 5, 1))
    assert (enige(a).status, a.status) == ("geschikt", "geschikt")


def test_het_nieuwe_besluit_ligt_niet_voor_de_herroeping_wel_op_die_dag() -> None:
    a = _geweigerd()
    _herroep(a, "geweigerd", datum=date(2026, 5, 1))
    a.collect_events()
    fout = weigert(a, OngeldigeInvoer, lambda: ken_toe(a, datum=date(2026, 4, 30)))
    assert fout.melding == "het nieuwe besluit ligt voor de herroeping op bezwaar 7 (1 mei 2026)"
    ken_toe(a, datum=date(2026, 5, 1))
    assert a.status == "toegekend" and a.heropend is None
    a.eis_heropend_na(ONTVANGEN)  # decided again: no herroeping bounds it any more


def _herroepen_toekenning(kosten: str = "6.000"):
    a = aanvraag(kosten)
    ken_toe(a)
    a.collect_events()
    _herroep(a, "toegekend", vrij=e(kosten))
    a.collect_events()
    return a


def test_na_een_herroepen_toekenning_krijgen_nieuwe_vouchers_nieuwe_codes():
    a = _herroepen_toekenning("6.000")  # two vouchers: -01 and -02
    assert [v["code"] for v in a.herroepingen[0]["vouchers"]] == ["V000001-01-0", "V000001-02-9"]
    assert [v["code"] for v in a.verdeel(e("6.000"), None, MAX_VOUCHER)] == ["V000001-03-2", "V000001-04-1"]


def test_een_herroepen_weigering_telt_geen_vouchers():
    a = _geweigerd()
    _herroep(a, "geweigerd")
    assert [v["code"] for v in a.verdeel(e("1.000"), None, MAX_VOUCHER)] == ["V000001-01-0"]


def test_na_herroeping_samen_precies_99_vouchers_mag_en_een_meer_noemt_hoeveel_nog_kunnen():
    a = _herroepen_toekenning("6.000")
    assert len(a.verdeel(e("97"), 97, MAX_VOUCHER)) == 97
    fout = weigert(a, RegelOvertreden, lambda: a.verdeel(e("98"), 98, MAX_VOUCHER))
    assert fout.melding == (
        "aanvraag 1 had al 2 vouchers, herroepen op bezwaar; een vouchercode wordt één keer uitgegeven en een "
        "aanvraag heeft er ten hoogste 99: nu ten hoogste 97 vouchers, niet 98"
    )
    assert fout.artikel == "art. 1 onder a, Awb 7:11" and fout.gegevens == {"eerder": 2, "aantal": 98}


def test_een_toekenning_wordt_pas_vergeten_als_de_periode_is_afgesloten():
    from ledger.bewaartermijnen import Bewaartermijn

    a = aanvraag()
    ken_toe(a)
    a.collect_events()
    termijn = Bewaartermijn("toegekend", ONTVANGEN, date(2036, 1, 1))
    fout = weigert(a, OngeldigeToestand, lambda: a.vergeet(termijn, date(2036, 1, 1), "wethouder"))
    assert "de toekenning is nog niet vastgesteld en de periode is niet afgesloten" in fout.melding
    assert a.vergeet(termijn, date(2036, 1, 1), "wethouder", periode_gesloten=True) is True
    assert enige(a).bewaren_tot == date(2036, 1, 1)
