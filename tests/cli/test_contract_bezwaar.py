"""The contract of verzending and bezwaar (CLI.md, second round), through the real console script.

`voucher besluit NR --verzonden`, `voucher bezwaar indienen|beslissen|lijst`: the JSON keys, the
exit codes of the refusals (nothing written), and the aanvraag reopened by a gegrond bezwaar.
"""

from __future__ import annotations

from pathlib import Path

from cli_hulp import COLLEGE, REGIE, aantal_events, controleer_fout, ok, voer_uit, voer_uit_echt, volledige_aanvraag


def _geweigerd(store: Path) -> int:
    u = ok(voer_uit(*volledige_aanvraag("NOORD", "B. Bakker", "500", "2026-03-02"), db=store, als_json=True,
                    gebruiker=REGIE)).json()  # fmt: skip
    nr = int(u["aanvraag"])
    weiger = ("aanvraag", "weigeren", str(nr), "--grond", "a", "--motivering", "niet haalbaar", "--datum", "2026-03-10")
    ok(voer_uit(*weiger, db=store, gebruiker=REGIE))
    return nr


def test_verzonden_geeft_de_sleutels_van_de_brief_plus_verzonden_en_een_herhaling_schrijft_niets(store: Path) -> None:
    nr = _geweigerd(store)
    args = ("besluit", str(nr), "--verzonden", "--datum", "2026-03-11")
    u = ok(voer_uit_echt(*args, db=store, als_json=True, gebruiker=REGIE)).json()
    assert (u["rapport"], u["aanvraag"], u["uitkomst"]) == ("besluit", nr, "geweigerd")
    assert (u["verzonden"], u["laatste_dag"]) == ("2026-03-11", "2026-04-22")
    assert u["verzending"]["laatste_dag"] == "2026-04-22" and "bezwaar" in u and "namens" in u

    voor = aantal_events(store)
    assert ok(voer_uit_echt(*args, db=store, als_json=True, gebruiker=REGIE)).json()["verzonden"] == "2026-03-11"
    assert aantal_events(store) == voor
    anders = ("besluit", str(nr), "--verzonden", "--datum", "2026-03-12")
    controleer_fout(voer_uit_echt(*anders, db=store, als_json=True, gebruiker=REGIE), 1)
    te_vroeg = ("besluit", "1", "--verzonden", "--datum", "2026-02-28")
    controleer_fout(voer_uit_echt(*te_vroeg, db=store, als_json=True, gebruiker=REGIE), 2)
    assert aantal_events(store) == voor

    brief = ok(voer_uit_echt("besluit", str(nr), db=store, gebruiker=REGIE)).out
    assert "Verzonden: 11 maart 2026" in brief and "loopt tot en met 22 april 2026" in brief


def test_bezwaar_indienen_en_beslissen_heropent_de_aanvraag_voor_een_nieuw_besluit(store: Path) -> None:
    nr = _geweigerd(store)
    ok(voer_uit("besluit", str(nr), "--verzonden", "--datum", "2026-03-11", db=store, gebruiker=REGIE))
    indienen = ("bezwaar", "indienen", str(nr), "--ontvangen", "2026-04-22", "--omschrijving", "het kan wel")
    u = ok(voer_uit_echt(*indienen, "--datum", "2026-04-23", db=store, als_json=True, gebruiker=REGIE)).json()
    assert (u["aanvraag"], u["tijdig"], u["beslissen_voor"]) == (nr, True, "2026-06-03")
    b = u["bezwaar"]
    # a repeat answers from the history, through the same bezwaarstand as the first answer from the aggregate
    herhaald = ok(voer_uit_echt(*indienen, "--datum", "2026-04-23", db=store, als_json=True, gebruiker=REGIE)).json()
    assert herhaald == u

    voor = aantal_events(store)
    beslissen = ("bezwaar", "beslissen", str(b), "--uitkomst", "gegrond", "--motivering", "toch haalbaar")
    controleer_fout(voer_uit_echt(*beslissen, "--datum", "2026-05-01", db=store, als_json=True, gebruiker=REGIE), 1)
    controleer_fout(voer_uit_echt("bezwaar", "beslissen", "99", "--uitkomst", "gegrond", "--motivering", "x",
                                  db=store, als_json=True, gebruiker=COLLEGE), 3)  # fmt: skip
    assert aantal_events(store) == voor
    u = ok(voer_uit_echt(*beslissen, "--datum", "2026-07-10", db=store, als_json=True, gebruiker=COLLEGE)).json()
    assert (u["bezwaar"], u["uitkomst"], u["aanvraag"], u["status"]) == (b, "gegrond", nr, "ingediend")
    beslist = u

    # the beslissing op bezwaar is the latest letter; after the issue date (30 June) the aanvraag is granted anew
    brief = ok(voer_uit_echt("besluit", str(nr), db=store, gebruiker=REGIE)).out
    assert "Beslissing op bezwaar" in brief and "rechtbank" in brief
    toekennen = ("aanvraag", "toekennen", str(nr), "--datum", "2026-07-12")
    assert ok(voer_uit_echt(*toekennen, db=store, als_json=True, gebruiker=REGIE)).json()["bedrag"] == "500.00"

    lijst = ok(voer_uit_echt("bezwaar", "lijst", db=store, als_json=True)).json()["bezwaren"]
    assert [(x["bezwaar"], x["uitkomst"], x["tijdig"]) for x in lijst] == [(b, "gegrond", True)]
    # a row of the list is the answer of `bezwaar beslissen` with when and by which event it was decided, before
    # the status (the key order is the contract: tests/cli/goud/bezwaar-lijst.json)
    *kop, _ = beslist
    assert list(lijst[0]) == [*kop, "beslist", "beslissing", "status"]
    assert {k: lijst[0][k] for k in kop} == {k: beslist[k] for k in kop}
    assert (lijst[0]["beslist"], type(lijst[0]["beslissing"]), lijst[0]["status"]) == ("2026-07-10", int, "toegekend")
    verantwoording = ok(voer_uit("rapport", "verantwoording", db=store, als_json=True, gebruiker=COLLEGE)).json()
    soorten = {x["soort"] for x in verantwoording["uitzonderingen"] if x.get("bezwaar") == b}
    assert soorten == {"na_bezwaar_buiten_volgorde", "na_bezwaar_na_uitgiftedatum"}


def test_bezwaar_zonder_besluit_is_geweigerd_en_te_laat_is_niet_tijdig(store: Path) -> None:
    u = ok(voer_uit(*volledige_aanvraag("NOORD", "C. Smit", "300", "2026-03-03"), db=store, als_json=True,
                    gebruiker=REGIE)).json()  # fmt: skip
    voor = aantal_events(store)
    indienen = ("bezwaar", "indienen", str(u["aanvraag"]), "--ontvangen", "2026-03-20", "--omschrijving", "x")
    controleer_fout(voer_uit_echt(*indienen, db=store, als_json=True, gebruiker=REGIE), 1)
    assert aantal_events(store) == voor

    nr = _geweigerd(store)
    ok(voer_uit("besluit", str(nr), "--verzonden", "--datum", "2026-03-11", db=store, gebruiker=REGIE))
    te_laat = (
        "bezwaar",
        "indienen",
        str(nr),
        "--ontvangen",
        "2026-04-23",
        "--omschrijving",
        "te laat",
        "--datum",
        "2026-04-23",
    )
    u = ok(voer_uit_echt(*te_laat, db=store, als_json=True, gebruiker=REGIE)).json()
    assert u["tijdig"] is False
    termijnen = ok(voer_uit("termijnen", "--per", "2026-05-01", db=store, als_json=True)).json()
    assert [x["bezwaar"] for x in termijnen["bezwaren"]] == [u["bezwaar"]]
