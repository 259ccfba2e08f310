"""Coherent dates: an act is never dated before an act it depends on; the same day is allowed.

Each boundary twice: the day before is refused (exit 1, both dates named, nothing written), the
same day is allowed. Through the application service, as the command line uses it.
"""

from __future__ import annotations

from datetime import date

from wereld import PERIODE, REGIE, WIJK, Wereld, bedrag, geheugen_app, schrijft, weigert

from commands import modellen as m
from ledger import gebeurtenissen as g
from ledger.fouten import DatumVoorAfhankelijkeHandeling, GeenMandaat

ONTVANGEN = date(PERIODE, 2, 2)
GEREGISTREERD = date(PERIODE, 2, 5)


def _wereld() -> Wereld:
    return Wereld.ingericht(geheugen_app())


def _geregistreerd_na_ontvangst(w: Wereld) -> int:
    """Received on 2 February, registered on 5 February."""
    return w.aanvraag(ontvangen=ONTVANGEN, datum=GEREGISTREERD)


def test_een_besluit_voor_de_registratie_wordt_geweigerd_en_op_de_dag_zelf_toegestaan():
    w = _wereld()
    nummer = _geregistreerd_na_ontvangst(w)
    fout = weigert(w, DatumVoorAfhankelijkeHandeling, lambda: w.ken_toe(nummer, datum=date(PERIODE, 2, 4)))
    assert str(fout).startswith(
        "de handeling is gedateerd op 4 februari 2026, vóór de registratie van aanvraag 1 op 5 februari 2026"
    )
    assert fout.artikel and fout.gegevens == {"datum": date(PERIODE, 2, 4), "eerder": GEREGISTREERD}
    schrijft(w, lambda: w.ken_toe(nummer, datum=GEREGISTREERD))


def test_een_weigering_voor_de_ontvangst_wordt_geweigerd_en_op_de_dag_zelf_toegestaan():
    w = _wereld()
    nummer = w.aanvraag(ontvangen=ONTVANGEN)

    def weiger(d: date) -> object:
        return w.regie.weiger(m.Weiger(nummer=nummer, grond="a", motivering="niet haalbaar", datum=d))

    fout = weigert(w, DatumVoorAfhankelijkeHandeling, lambda: weiger(date(PERIODE, 2, 1)))
    assert "1 februari 2026" in str(fout) and "vóór de ontvangst van aanvraag 1 op 2 februari 2026" in str(fout)
    schrijft(w, lambda: weiger(ONTVANGEN))


def test_aanvullen_voor_het_verzoek_om_aanvulling_wordt_geweigerd_en_op_de_dag_zelf_toegestaan():
    w = _wereld()
    nummer = int(w.regie.dien_in(m.DienAanvraagIn(wijk=WIJK, naam="Piet", datum=ONTVANGEN))["aanvraag"])
    w.regie.vraag_aanvulling(m.VraagAanvulling(nummer=nummer, wat="adres", datum=date(PERIODE, 2, 10)))

    def vul_aan(d: date) -> object:
        return w.regie.vul_aan(m.VulAanvraagAan(nummer=nummer, adres="Lindelaan 3", datum=d))

    fout = weigert(w, DatumVoorAfhankelijkeHandeling, lambda: vul_aan(date(PERIODE, 2, 9)))
    assert "gedateerd op 9 februari 2026, vóór het verzoek om aanvulling op 10 februari 2026" in str(fout)
    schrijft(w, lambda: vul_aan(date(PERIODE, 2, 10)))


def test_een_betaling_voor_de_verstrekking_wordt_geweigerd_en_op_de_dag_zelf_toegestaan():
    w = _wereld()
    code = w.voucher("1.000")  # granted on 1 March
    fout = weigert(w, DatumVoorAfhankelijkeHandeling, lambda: w.verzilver(code, "100", datum=date(PERIODE, 2, 28)))
    assert "de betaling is gedateerd op 28 februari 2026, vóór de verstrekking van voucher" in str(fout)
    assert "op 1 maart 2026" in str(fout)
    schrijft(w, lambda: w.verzilver(code, "100", datum=date(PERIODE, 3, 1)))


def test_niets_voor_de_inrichting_en_de_melding_zegt_wat_te_doen():
    w = _wereld()  # ingericht op 1 januari 2026
    fout = weigert(
        w,
        DatumVoorAfhankelijkeHandeling,
        lambda: w.college.geef_mandaat(
            m.GeefMandaat(aan="kas.twee", rol="kasbeheerder", datum=date(PERIODE - 1, 12, 31))
        ),
    )
    tekst = str(fout)
    assert "gedateerd op 31 december 2025, vóór de inrichting van deze administratie op 1 januari 2026" in tekst
    assert "voucher init --gemeente Teststad --datum 2025-12-31" in tekst and "nieuwe opslag" in tekst
    aanwijzing = m.WijsWijkAan(
        code="ZUID", naam="Zuid", periode=PERIODE, budget=bedrag("1.000"), datum=date(PERIODE - 1, 12, 31)
    )
    fout = weigert(w, DatumVoorAfhankelijkeHandeling, lambda: w.college.wijs_wijk_aan(aanwijzing))
    assert "vóór de inrichting van deze administratie" in str(fout)
    schrijft(
        w, lambda: w.college.geef_mandaat(m.GeefMandaat(aan="kas.twee", rol="kasbeheerder", datum=date(PERIODE, 1, 1)))
    )


def test_een_mandaat_gebruikt_voor_het_is_gegeven_noemt_beide_data():
    w = _wereld()
    w.college.geef_mandaat(m.GeefMandaat(aan="regie.later", rol="regiegroep", wijk=WIJK, datum=date(PERIODE, 3, 1)))
    later = w.als("regie.later")

    def dien_in(d: date) -> object:
        return later.dien_in(m.DienAanvraagIn(wijk=WIJK, naam="Piet", datum=d))

    fout = weigert(w, GeenMandaat, lambda: dien_in(date(PERIODE, 2, 28)))
    assert "op 28 februari 2026 geen mandaat als regiegroep of ambtenaar voor wijk NOORD" in str(fout)
    assert "het mandaat geldt pas vanaf 1 maart 2026" in str(fout)
    schrijft(w, lambda: dien_in(date(PERIODE, 3, 1)))


def test_registreren_met_alleen_ontvangen_legt_de_aanvraag_op_die_datum_vast():
    w = _wereld()  # today is 25 November 2026
    uit = w.regie.dien_in(m.DienAanvraagIn(wijk=WIJK, naam="Piet", ontvangen=ONTVANGEN))
    [e] = [e for e in w.college.gebeurtenissen() if isinstance(e, g.AanvraagIngediend)]
    assert (e.ontvangen, e.datum, uit["ontvangen"]) == (ONTVANGEN, ONTVANGEN, ONTVANGEN)


def test_registreren_voor_de_ontvangst_wordt_geweigerd_en_op_de_dag_zelf_toegestaan():
    w = _wereld()

    def dien_in(d: date) -> object:
        return w.regie.dien_in(m.DienAanvraagIn(wijk=WIJK, naam="Piet", ontvangen=ONTVANGEN, datum=d))

    fout = weigert(w, DatumVoorAfhankelijkeHandeling, lambda: dien_in(date(PERIODE, 2, 1)))
    assert str(fout).startswith("de registratie is gedateerd op 1 februari 2026, vóór de ontvangst (--ontvangen) op 2")
    schrijft(w, lambda: dien_in(ONTVANGEN))


def test_registreren_voor_de_aanwijzing_van_de_wijk_wordt_geweigerd_en_op_de_dag_zelf_toegestaan():
    w = _wereld()  # NOORD aangewezen op 2 januari 2026

    def dien_in(d: date) -> object:
        return w.regie.dien_in(m.DienAanvraagIn(wijk=WIJK, naam="Piet", ontvangen=date(PERIODE, 1, 1), datum=d))

    fout = weigert(w, DatumVoorAfhankelijkeHandeling, lambda: dien_in(date(PERIODE, 1, 1)))
    assert "vóór de aanwijzing van wijk NOORD op 2 januari 2026" in str(fout)
    schrijft(w, lambda: dien_in(date(PERIODE, 1, 2)))
    assert REGIE  # the regiegroep of the world registered it
