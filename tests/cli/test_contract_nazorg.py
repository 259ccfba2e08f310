"""The contract of the acts after the grant (CLI.md, second round), through the real console script.

`voucher betaling corrigeren CODE --gebeurtenis NR --reden`: the JSON keys, the exit codes of every
refusal (nothing written), and the figures of `saldo` and `kasboek` afterwards.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from cli_hulp import (
    KAS,
    REGIE,
    VOUCHER_NOORD,
    VOUCHER_OUD,
    aantal_events,
    controleer_fout,
    ok,
    voer_uit,
    voer_uit_echt,
    volledige_aanvraag,
)


def _betaling(store: Path, code: str) -> int:
    regels = voer_uit("kasboek", "--voucher", code, db=store, als_json=True).json()["regels"]
    return int(next(r["positie"] for r in regels if r["soort"] == "verzilverd"))


def _saldo(store: Path, wijk: str) -> dict[str, str]:
    return voer_uit("saldo", "--wijk", wijk, db=store, als_json=True).json()["wijken"][0]


def test_betaling_corrigeren_geeft_het_bedrag_terug_en_de_factuur_kan_opnieuw(store: Path) -> None:
    nummer = _betaling(store, VOUCHER_NOORD)
    args = ("betaling", "corrigeren", VOUCHER_NOORD, "--gebeurtenis", str(nummer), "--reden", "verkeerde voucher")

    u = ok(voer_uit_echt(*args, "--datum", "2026-04-02", db=store, als_json=True, gebruiker=KAS)).json()

    assert u["voucher"] == VOUCHER_NOORD and u["gecorrigeerd"] == nummer
    assert (u["bedrag"], u["restant"]) == ("100.00", "1000.00")
    assert _saldo(store, "NOORD")["verzilverd"] == "0.00"
    kasboek = voer_uit("kasboek", "--voucher", VOUCHER_NOORD, db=store, als_json=True).json()
    [storno] = [r for r in kasboek["regels"] if r["soort"] == "gecorrigeerd"]
    assert (storno["corrigeert"], storno["bedrag"], storno["restant"]) == (nummer, "100.00", "1000.00")
    assert (kasboek["totaal"]["verzilverd"], kasboek["totaal"]["gecorrigeerd"]) == ("0.00", "100.00")
    tekst = ok(voer_uit_echt("kasboek", db=store)).out
    assert f"#{nummer}" in tekst and f"corrigeert #{nummer}: verkeerde voucher" in tekst

    # the same event again: refused, nothing written
    voor = aantal_events(store)
    controleer_fout(voer_uit_echt(*args, db=store, als_json=True, gebruiker=KAS), 1)
    assert aantal_events(store) == voor

    # the invoice can be booked again
    opnieuw = ("verzilver", VOUCHER_NOORD, "--bedrag", "90", "--leverancier", "Bouwmarkt", "--factuur", "F1")
    assert ok(voer_uit_echt(*opnieuw, db=store, als_json=True, gebruiker=KAS)).json()["restant"] == "910.00"


def test_betaling_corrigeren_weigert_met_de_exitcodes_van_het_contract(store: Path) -> None:
    nummer = _betaling(store, VOUCHER_NOORD)
    voor = aantal_events(store)

    def corrigeer(code: str, gebeurtenis: str, gebruiker: str = KAS) -> object:
        args = ("betaling", "corrigeren", code, "--gebeurtenis", gebeurtenis, "--reden", "fout")
        return voer_uit(*args, db=store, als_json=True, gebruiker=gebruiker)

    controleer_fout(corrigeer(VOUCHER_NOORD, "999999"), 3, eis_artikel=False)  # no such event
    controleer_fout(corrigeer(VOUCHER_OUD, str(nummer)), 1)  # another voucher's payment
    controleer_fout(corrigeer(VOUCHER_NOORD, "1"), 1)  # no payment
    controleer_fout(corrigeer(VOUCHER_NOORD, "twaalf"), 2, eis_artikel=False)
    controleer_fout(corrigeer(VOUCHER_NOORD, str(nummer), gebruiker="regie1"), 1)  # not the kasbeheerder
    assert aantal_events(store) == voor


def test_betaling_weigeren_van_een_betaalde_factuur_verwijst_naar_corrigeren(store: Path) -> None:
    nummer = _betaling(store, VOUCHER_NOORD)
    args = ("betaling", "weigeren", VOUCHER_NOORD, "--bedrag", "100", "--reden", "privé", "--leverancier", "Bouwmarkt")

    u = voer_uit_echt(*args, "--factuur", "F1", db=store, gebruiker=KAS)

    melding = controleer_fout(u, 1, als_json=False)
    assert f"voucher betaling corrigeren {VOUCHER_NOORD} --gebeurtenis {nummer}" in str(melding)


def test_aanvraag_intrekken_en_buiten_behandeling_via_het_consolescript(store: Path) -> None:
    ok(voer_uit(*volledige_aanvraag("NOORD", "B. Bos", "500", "2026-02-05"), db=store, gebruiker=REGIE))
    u = ok(voer_uit_echt("aanvraag", "intrekken", "3", "--reden", "dubbel ingevoerd", "--datum", "2026-02-06",
                         db=store, als_json=True, gebruiker=REGIE)).json()  # fmt: skip
    assert (u["aanvraag"], u["status"]) == (3, "ingetrokken")
    toon = voer_uit("aanvraag", "toon", "3", db=store, als_json=True, gebruiker=REGIE).json()
    assert toon["status"] == "ingetrokken" and toon["intrekking"]["reden"] == "dubbel ingevoerd"
    lijst = voer_uit("aanvraag", "lijst", "--status", "ingetrokken", db=store, als_json=True).json()
    assert [a["aanvraag"] for a in lijst["aanvragen"]] == [3]
    controleer_fout(voer_uit("aanvraag", "intrekken", "1", "--reden", "x", db=store, als_json=True, gebruiker=REGIE), 1)

    ok(voer_uit("aanvraag", "indienen", "--wijk", "NOORD", "--naam", "C. Claes", "--datum", "2026-02-01",
                db=store, gebruiker=REGIE))  # fmt: skip
    ok(voer_uit("aanvraag", "aanvulling-vragen", "4", "--wat", "alles", "--termijn", "2026-02-20",
                "--datum", "2026-02-02", db=store, gebruiker=REGIE))  # fmt: skip
    buiten = ("aanvraag", "buiten-behandeling", "4", "--motivering", "niet aangevuld")
    voor = aantal_events(store)
    controleer_fout(voer_uit_echt(*buiten, "--datum", "2026-02-20", db=store, gebruiker=REGIE), 1)
    assert aantal_events(store) == voor
    u = ok(voer_uit_echt(*buiten, "--datum", "2026-02-21", db=store, als_json=True, gebruiker=REGIE)).json()
    assert (u["aanvraag"], u["status"]) == (4, "buiten behandeling")
    brief = ok(voer_uit_echt("besluit", "4", db=store, gebruiker=REGIE)).out
    assert "buiten behandeling op grond van art. 4:5 lid 1 Awb" in brief and "bezwaar" in brief


def test_toekenning_intrekken_via_het_consolescript(store: Path) -> None:
    voor = _saldo(store, "NOORD")
    te_veel = ("toekenning", "intrekken", "1", "--grond", "a", "--motivering", "gaat niet door", "--bedrag", "900,01")
    controleer_fout(voer_uit_echt(*te_veel, db=store, als_json=True, gebruiker=REGIE), 1)  # € 900 is unspent

    u = ok(voer_uit_echt("toekenning", "intrekken", "1", "--grond", "a", "--motivering", "gaat niet door",
                         "--datum", "2026-05-01", db=store, als_json=True, gebruiker=REGIE)).json()  # fmt: skip

    assert (u["aanvraag"], u["ingetrokken"]) == (1, "900.00")
    assert u["vouchers"] == [{"code": VOUCHER_NOORD, "waarde": "100.00", "restant": "0.00"}]
    na = _saldo(store, "NOORD")
    assert na["vervallen"] == "900.00" and na["uitstaand"] == "0.00"
    assert Decimal(na["beschikbaar"]) == Decimal(voor["beschikbaar"]) + 900
    controleer_fout(voer_uit("toekenning", "intrekken", "1", "--grond", "e", "--motivering", "x", db=store,
                             gebruiker=REGIE), 2, eis_artikel=False)  # fmt: skip
    brief = ok(voer_uit_echt("besluit", "1", db=store, gebruiker=REGIE)).out
    assert "art. 4:48 lid 1 onder a Awb" in brief and "bezwaar" in brief
    toon = ok(voer_uit_echt("aanvraag", "toon", "1", db=store, gebruiker=REGIE)).out
    assert "toekenning ingetrokken op 1 mei 2026" in toon and "€ 900,00 (Awb 4:48 lid 1 onder a)" in toon


def test_vaststellen_en_terugvorderen_via_het_consolescript(store: Path) -> None:
    voor = _saldo(store, "NOORD")
    vaststellen = ("aanvraag", "vaststellen", "1", "--datum", "2026-06-02")
    controleer_fout(voer_uit_echt(*vaststellen, db=store, als_json=True, gebruiker=REGIE), 1)  # € 900 unspent
    ok(voer_uit("toekenning", "intrekken", "1", "--grond", "a", "--motivering", "gaat niet door",
                "--datum", "2026-06-01", db=store, gebruiker=REGIE))  # fmt: skip
    lager = (*vaststellen, "--bedrag", "60", "--grond", "b", "--motivering", "deels privé besteed")
    te_hoog = (*vaststellen, "--bedrag", "100,01")
    geweigerd = aantal_events(store)
    controleer_fout(voer_uit_echt(*te_hoog, db=store, als_json=True, gebruiker=REGIE), 1)  # never above paid
    controleer_fout(voer_uit(*vaststellen, "--bedrag", "60", db=store, als_json=True, gebruiker=REGIE), 2,
                    eis_artikel=False)  # fmt: skip
    controleer_fout(voer_uit(*lager, db=store, als_json=True, gebruiker=KAS), 1)  # not the kasbeheerder
    assert aantal_events(store) == geweigerd

    u = ok(voer_uit_echt(*lager, db=store, als_json=True, gebruiker=REGIE)).json()

    assert (u["aanvraag"], u["vastgesteld"], u["teruggevorderd"]) == (1, "60.00", "40.00")
    toon = voer_uit("aanvraag", "toon", "1", db=store, als_json=True, gebruiker=REGIE).json()
    assert (toon["status"], toon["vastgesteld"]) == ("vastgesteld", "60.00")
    lijst = voer_uit("aanvraag", "lijst", "--status", "vastgesteld", db=store, als_json=True).json()
    assert [(a["aanvraag"], a["vastgesteld"]) for a in lijst["aanvragen"]] == [(1, "60.00")]
    brief = ok(voer_uit_echt("besluit", "1", db=store, gebruiker=REGIE)).out
    assert "art. 4:46 lid 2 onder b Awb" in brief and "€ 40,00" in brief and "bezwaar" in brief

    instellen = ("terugvordering", "instellen", "1", "--motivering", "meer", "--datum", "2026-06-03")
    controleer_fout(voer_uit_echt(*instellen, "--bedrag", "0,01", db=store, als_json=True), 1)  # nothing left
    ontvangen = ("terugvordering", "ontvangen", "1", "--datum", "2026-06-04")
    controleer_fout(voer_uit_echt(*ontvangen, "--bedrag", "40,01", db=store, als_json=True, gebruiker=KAS), 1)
    controleer_fout(voer_uit(*ontvangen, "--bedrag", "40", db=store, als_json=True, gebruiker=REGIE), 1)
    u = ok(voer_uit_echt(*ontvangen, "--bedrag", "40", db=store, als_json=True, gebruiker=KAS)).json()
    assert (u["aanvraag"], u["terugontvangen"], u["openstaand"]) == (1, "40.00", "0.00")

    na = _saldo(store, "NOORD")
    assert (na["teruggevorderd"], na["terugontvangen"], na["vervallen"]) == ("40.00", "40.00", "900.00")
    assert Decimal(na["beschikbaar"]) == Decimal(voor["beschikbaar"]) + 900 + 40
    assert Decimal(na["uitstaand"]) == Decimal(na["toegekend"]) - Decimal(na["verzilverd"]) - Decimal(
        na["contant"]
    ) - Decimal(na["vervallen"])
    tekst = ok(voer_uit_echt("saldo", "--wijk", "NOORD", db=store)).out
    assert "teruggevorderd" in tekst and "terugontvangen" in tekst


def test_terugvordering_instellen_via_het_consolescript(store: Path) -> None:
    """Before a vaststelling the college may claim back at most what was paid (€ 100)."""
    instellen = ("terugvordering", "instellen", "1", "--motivering", "onjuiste gegevens", "--datum", "2026-06-03")
    controleer_fout(voer_uit_echt(*instellen, "--bedrag", "100,01", db=store, als_json=True), 1)
    controleer_fout(voer_uit(*instellen, "--bedrag", "100", db=store, als_json=True, gebruiker=REGIE), 1)
    u = ok(voer_uit_echt(*instellen, "--bedrag", "100", db=store, als_json=True)).json()
    assert (u["aanvraag"], u["teruggevorderd"], u["openstaand"]) == (1, "100.00", "100.00")
    controleer_fout(voer_uit(*instellen, "--bedrag", "0,01", db=store, als_json=True), 1)
    assert _saldo(store, "NOORD")["teruggevorderd"] == "100.00"


def test_besluit_geeft_de_brief_van_de_terugvordering_en_met_gebeurtenis_die_van_een_eerder_besluit(
    store: Path,
) -> None:
    voor = ok(voer_uit_echt("besluit", "1", db=store, als_json=True, gebruiker=REGIE)).json()
    brief_voor = ok(voer_uit_echt("besluit", "1", db=store, gebruiker=REGIE)).out
    instellen = ("terugvordering", "instellen", "1", "--motivering", "onjuiste gegevens", "--datum", "2026-06-03")
    ok(voer_uit_echt(*instellen, "--bedrag", "60", db=store, als_json=True))

    na = ok(voer_uit_echt("besluit", "1", db=store, als_json=True, gebruiker=REGIE)).json()
    assert (na["uitkomst"], na["bedrag"]) == ("terugvordering", "60.00") and na["gebeurtenis"] > voor["gebeurtenis"]
    tekst = ok(voer_uit_echt("besluit", "1", db=store, gebruiker=REGIE)).out
    assert "art. 4:57 lid 1 Awb" in tekst and "Motivering: onjuiste gegevens" in tekst and "Bezwaar" in tekst
    eerder = ("besluit", "1", "--gebeurtenis", str(voor["gebeurtenis"]))
    assert ok(voer_uit_echt(*eerder, db=store, gebruiker=REGIE)).out == brief_voor  # the same bytes
    controleer_fout(voer_uit_echt("besluit", "1", "--gebeurtenis", str(na["gebeurtenis"] + 1), db=store,
                                  als_json=True, gebruiker=REGIE), 3)  # fmt: skip
