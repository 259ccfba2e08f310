"""`--sleutel`: a retried command acts once; a key reused for another request is refused."""

from __future__ import annotations

from datetime import date

import pytest
from wereld import KAS, REGIE, WIJK, Wereld, bedrag, open_store

from commands import modellen as m
from commands.dienst import Dienst
from ledger.fouten import RegelOvertreden


def _als(w: Wereld, gebruiker: str, sleutel: str) -> Dienst:
    return Dienst(w.app, gebruiker, vandaag=w.vandaag, sleutel=sleutel)


def test_dezelfde_sleutel_met_dezelfde_aanvraag_registreert_een_keer(store_url):
    w = Wereld.ingericht(open_store(store_url))
    opdracht = m.DienAanvraagIn(wijk=WIJK, naam="A. de Vries", datum=date(2026, 2, 1))
    eerste = _als(w, REGIE, "brief-2026-017").dien_in(opdracht)
    na_eerste = w.aantal_gebeurtenissen()
    tweede = _als(w, REGIE, "brief-2026-017").dien_in(opdracht)
    assert tweede["aanvraag"] == eerste["aanvraag"] == 1
    assert w.aantal_gebeurtenissen() == na_eerste
    # Without a key the same request is a new aanvraag: the key is what makes it a repeat.
    assert w.regie.dien_in(opdracht)["aanvraag"] == 2


def test_dezelfde_sleutel_voor_een_andere_opdracht_wordt_geweigerd_en_schrijft_niets(store_url):
    w = Wereld.ingericht(open_store(store_url))
    code = w.voucher("1.000")
    kas = _als(w, KAS, "kas-42")
    kas.neem_contant_op(m.NeemContantOp(code=code, bedrag=bedrag("100"), datum=date(2026, 4, 1)))
    voor = w.aantal_gebeurtenissen()
    with pytest.raises(RegelOvertreden, match="sleutel"):
        _als(w, KAS, "kas-42").neem_contant_op(m.NeemContantOp(code=code, bedrag=bedrag("200"), datum=date(2026, 4, 1)))
    herhaald = _als(w, KAS, "kas-42").neem_contant_op(
        m.NeemContantOp(code=code, bedrag=bedrag("100"), datum=date(2026, 4, 1))
    )
    assert herhaald.restant == bedrag("900")  # the recorded first result, read back as an amount
    assert w.aantal_gebeurtenissen() == voor
    assert w.kas.toon_voucher(code)["contant"] == bedrag("100")


def test_een_sleutel_van_een_ander_is_niet_de_jouwe(store_url):
    w = Wereld.ingericht(open_store(store_url))
    opdracht = m.DienAanvraagIn(wijk=WIJK, naam="B", datum=date(2026, 2, 1))
    _als(w, REGIE, "gedeeld").dien_in(opdracht)
    with pytest.raises(RegelOvertreden):
        _als(w, "wethouder", "gedeeld").dien_in(opdracht)


def test_de_opdrachtregel_geeft_bij_herhaling_het_eerste_antwoord_met_exit_0(tmp_path, monkeypatch, capsys):
    import json

    import cli

    pad = str(tmp_path / "vouchers.db")
    Wereld.ingericht(open_store(pad))
    monkeypatch.setenv("VOUCHER_GEBRUIKER", REGIE)
    argv = ["--database", pad, "--json", "aanvraag", "indienen", "--wijk", WIJK, "--naam", "C", "--datum", "2026-02-03"]
    uitslagen = []
    for extra in (["--sleutel", "k1"], ["--sleutel", "k1"], ["--sleutel", "k2"]):
        with pytest.raises(SystemExit) as e:
            cli.main([*argv, *extra])
        uitslagen.append((e.value.code, json.loads(capsys.readouterr().out)["aanvraag"]))
    assert uitslagen == [(0, 1), (0, 1), (0, 2)]
