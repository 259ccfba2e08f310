"""Bewaartermijnen (Selectielijst gemeenten 2020): vergeten kan op de einddatum, niet een dag eerder."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from wereld import PERIODE, REGIE, Wereld, geheugen_app, schrijft, weigert

from commands import modellen as m
from commands.beeindigen import TrekAanvraagIn, trek_in
from commands.periode import SluitPeriodeAf, sluit_periode_af
from ledger.bewaartermijnen import BewaartermijnLoopt, bewaartermijn, eis_verstreken, plus_jaren
from ledger.fouten import GeenMandaat, OngeldigeToestand
from ledger.persoonsgegevens import VERWIJDERD

EIND_2026 = date(2026, 12, 31)  # uitvoeringsdatum of the test wijk (model: 31 December of the year)


@pytest.mark.parametrize(
    ("status", "besluit", "laatste", "uitkomst", "einde"),
    [
        ("toegekend", date(2026, 3, 1), date(2026, 9, 1), "toegekend", date(2033, 12, 31)),
        ("vastgesteld", date(2026, 3, 1), date(2027, 1, 5), "toegekend", date(2033, 12, 31)),  # Awb 4:42
        ("geweigerd", date(2026, 3, 1), date(2026, 9, 1), "geweigerd", date(2031, 3, 1)),
        ("onvolledig", None, date(2026, 2, 10), "niet afgehandeld", date(2027, 2, 10)),
        ("ingediend", None, date(2026, 2, 10), "niet afgehandeld", date(2027, 2, 10)),
        ("raadpleging_voor", None, date(2026, 5, 1), "niet afgehandeld", date(2027, 5, 1)),
    ],
)
def test_de_termijn_per_uitkomst(status, besluit, laatste, uitkomst, einde):
    t = bewaartermijn(status, EIND_2026, besluit, laatste)
    assert (t.uitkomst, t.einde) == (uitkomst, einde)
    assert not t.verstreken(einde - timedelta(days=1))
    assert t.verstreken(einde) and t.verstreken(einde + timedelta(days=1))


def test_een_toekenning_telt_vanaf_het_eind_van_het_budgetjaar_ook_bij_een_vroege_uitvoeringsdatum():
    assert bewaartermijn("toegekend", date(2026, 9, 30), date(2026, 3, 1), date(2026, 3, 1)).einde == date(2033, 12, 31)


def test_29_februari_plus_jaren_wordt_28_februari():
    assert plus_jaren(date(2028, 2, 29), 5) == date(2033, 2, 28)
    assert plus_jaren(date(2028, 2, 29), 4) == date(2032, 2, 29)


def _wereld() -> Wereld:
    return Wereld.ingericht(geheugen_app(), vandaag=date(2040, 1, 1))


def _vergeet(w: Wereld, nr: int, datum: date, door: str = "wethouder") -> dict:
    return w.als(door).vergeet(m.Vergeet(nummer=nr, datum=datum))


def test_een_toegekende_aanvraag_wordt_pas_op_de_einddatum_vergeten():
    w = _wereld()
    nr = w.aanvraag("1.000", naam="Zwanetta Kwakkelstein")
    w.ken_toe(nr)
    # A grant whose period is still open is no finished file: archive only after the vaststelling or the closing.
    fout = weigert(w, OngeldigeToestand, lambda: _vergeet(w, nr, date(2033, 12, 31)))
    assert f"aanvraag {nr} is nog niet afgerond (status toegekend" in str(fout)
    sluit_periode_af(w.college, SluitPeriodeAf(periode=PERIODE, datum=date(PERIODE + 1, 1, 5)))
    fout = weigert(w, BewaartermijnLoopt, lambda: _vergeet(w, nr, date(2033, 12, 30)))
    assert f"de bewaartermijn van aanvraag {nr} loopt tot 31-12-2033 (Selectielijst gemeenten 2020)" in str(fout)
    u = schrijft(w, lambda: _vergeet(w, nr, date(2033, 12, 31)))
    assert (u["nieuw"], u["vernietigd"], u["sleutel_verwijderd"]) == (True, date(2033, 12, 31), True)
    toon = w.regie.toon_aanvraag(nr)
    assert (toon["naam"], toon["adres"], toon["telefoon"]) == (VERWIJDERD, VERWIJDERD, VERWIJDERD)
    assert toon["status"] == "vastgesteld" and toon["besluit"]["bedrag"] == w.regie.toon_aanvraag(nr)["kosten"]


def test_een_geweigerde_aanvraag_vijf_jaar_na_het_besluit():
    w = _wereld()
    nr = w.aanvraag("1.000")
    w.regie.weiger(m.Weiger(nummer=nr, grond="a", motivering="niet haalbaar", datum=date(PERIODE, 3, 2)))
    weigert(w, BewaartermijnLoopt, lambda: _vergeet(w, nr, date(2031, 3, 1)))
    schrijft(w, lambda: _vergeet(w, nr, date(2031, 3, 2)))


def test_een_nooit_afgehandelde_aanvraag_een_jaar_na_de_laatste_handeling():
    w = _wereld()
    nr = int(w.regie.dien_in(m.DienAanvraagIn(wijk="NOORD", naam="Piet", datum=date(PERIODE, 2, 1)))["aanvraag"])
    w.regie.vraag_aanvulling(m.VraagAanvulling(nummer=nr, wat="adres", datum=date(PERIODE, 2, 10)))
    # Still undecided: its data are needed to decide on it, however long ago the last act was.
    fout = weigert(w, OngeldigeToestand, lambda: _vergeet(w, nr, date(PERIODE + 5, 1, 1)))
    assert "nog niet afgerond (status onvolledig: er is nog niet over beslist)" in str(fout)
    trek_in(w.regie, TrekAanvraagIn(nummer=nr, reden="de initiatiefnemer ziet ervan af", datum=date(PERIODE, 2, 10)))
    weigert(w, BewaartermijnLoopt, lambda: _vergeet(w, nr, date(PERIODE + 1, 2, 9)))
    schrijft(w, lambda: _vergeet(w, nr, date(PERIODE + 1, 2, 10)))
    # Once forgotten, personal data can no longer be added to it.
    weigert(
        w,
        OngeldigeToestand,
        lambda: w.regie.vul_aan(m.VulAanvraagAan(nummer=nr, adres="Straat 1", datum=date(PERIODE + 1, 3, 1))),
    )


def test_alleen_het_college_vergeet_en_een_herhaling_schrijft_niets():
    w = _wereld()
    nr = w.aanvraag("1.000")
    w.ken_toe(nr)
    sluit_periode_af(w.college, SluitPeriodeAf(periode=PERIODE, datum=date(PERIODE + 1, 1, 5)))
    weigert(w, GeenMandaat, lambda: _vergeet(w, nr, date(2034, 1, 2), door=REGIE))
    eerste = schrijft(w, lambda: _vergeet(w, nr, date(2034, 1, 2)))
    voor = w.aantal_gebeurtenissen()
    herhaald = _vergeet(w, nr, date(2034, 2, 1))
    assert w.aantal_gebeurtenissen() == voor
    assert (herhaald["nieuw"], herhaald["vernietigd"]) == (False, eerste["vernietigd"])


def test_aanvullen_vergelijkt_de_leesbare_gegevens_niet_de_versleutelde():
    w = _wereld()
    nr = int(w.regie.dien_in(m.DienAanvraagIn(wijk="NOORD", naam="Piet", datum=date(PERIODE, 2, 1)))["aanvraag"])
    voor = w.aantal_gebeurtenissen()
    w.regie.vul_aan(m.VulAanvraagAan(nummer=nr, naam="Piet", datum=date(PERIODE, 2, 2)))
    assert w.aantal_gebeurtenissen() == voor, "dezelfde naam opnieuw is geen aanvulling"
    w.regie.vul_aan(m.VulAanvraagAan(nummer=nr, adres="Lindelaan 9", telefoon="06-1", datum=date(PERIODE, 2, 3)))
    toon = w.regie.toon_aanvraag(nr)
    assert (toon["naam"], toon["adres"], toon["telefoon"]) == ("Piet", "Lindelaan 9", "06-1")
    assert "adres" not in toon["ontbreekt"] and "telefoon" not in toon["ontbreekt"]
    assert w.als("iemand").toon_aanvraag(nr)["naam"] == "aanvrager"


def test_een_open_aanvraag_met_een_besluitdatum_telt_vanaf_de_laatste_handeling() -> None:
    # Alleen een geweigerde aanvraag telt vanaf het besluit; een andere status met een datum niet.
    t = bewaartermijn("raadpleging_voor", EIND_2026, date(2026, 3, 1), date(2026, 5, 1))
    assert (t.uitkomst, t.begin, t.einde) == ("niet afgehandeld", date(2026, 5, 1), date(2027, 5, 1))
    t = bewaartermijn("geweigerd", EIND_2026, None, date(2026, 5, 1))
    assert (t.uitkomst, t.begin, t.einde) == ("niet afgehandeld", date(2026, 5, 1), date(2027, 5, 1))


def test_vergeten_voor_het_einde_van_de_termijn_noemt_einde_uitkomst_jaren_begin_en_bron() -> None:
    t = bewaartermijn("geweigerd", EIND_2026, date(2026, 3, 1), date(2026, 3, 1))
    with pytest.raises(BewaartermijnLoopt) as info:
        eis_verstreken(12, t, date(2031, 2, 28))
    assert str(info.value) == (
        "de bewaartermijn van aanvraag 12 loopt tot 01-03-2031 (Selectielijst gemeenten 2020): geweigerd, 5 jaar na "
        "1 maart 2026; pas dan mogen de persoonsgegevens worden vernietigd"
    )
    assert info.value.artikel == "Archiefwet 1995 art. 5"
    assert info.value.gegevens == {"aanvraag": 12, "einde": date(2031, 3, 1)}
    eis_verstreken(12, t, date(2031, 3, 1))


def test_alleen_een_afgerond_dossier_wordt_vergeten_en_de_melding_zegt_wat_nog_ontbreekt():
    from ledger.bewaartermijnen import eis_afgerond, is_afgerond

    assert is_afgerond("toegekend", periode_gesloten=True) and not is_afgerond("toegekend", periode_gesloten=False)
    assert is_afgerond("geweigerd", periode_gesloten=False) and not is_afgerond("ingediend", periode_gesloten=True)
    eis_afgerond(3, "toegekend", periode_gesloten=True)
    for status, nog in (
        ("toegekend", "de toekenning is nog niet vastgesteld en de periode is niet afgesloten"),
        ("ingediend", "er is nog niet over beslist"),
    ):
        with pytest.raises(OngeldigeToestand) as info:
            eis_afgerond(3, status, periode_gesloten=False)
        assert info.value.melding == (
            f"aanvraag 3 is nog niet afgerond (status {status}: {nog}); de persoonsgegevens van een dossier "
            "worden pas vernietigd als het is afgerond: beslist en, bij een toekenning, vastgesteld of de periode "
            "afgesloten; ingetrokken; buiten behandeling gesteld; of geweigerd"
        )
        assert info.value.artikel == "Archiefwet 1995 art. 3; AVG art. 17 lid 3 onder b"
        assert info.value.gegevens == {"aanvraag": 3, "status": status}
