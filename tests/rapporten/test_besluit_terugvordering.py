"""The claim letter (Awb 4:57): amount, account, motivering, on whose behalf, bezwaar; the same bytes; and
how a user reaches an earlier decision's letter with `--gebeurtenis`."""

from __future__ import annotations

import re
from datetime import date

import pytest
from wereld import COLLEGE, KAS, PERIODE, REGIE, Wereld, bedrag, geheugen_app

from commands.vaststelling import OntvangTerug, VorderTerug, ontvang_terug, vorder_terug
from ledger.fouten import NietGevonden
from projections.rapporten import besluit
from projections.rapporten.geschiedenis import vouw

MOTIVERING = "de helft van de materialen is voor een ander doel gebruikt"
DAG = date(PERIODE, 6, 1)
LATER = date(PERIODE + 1, 1, 5)


@pytest.fixture
def w() -> Wereld:
    return Wereld.ingericht(geheugen_app(), budget="50.000", vandaag=date(PERIODE + 1, 1, 10))


def vorder(w: Wereld, nummer: int, bedrag_: str, motivering: str = MOTIVERING) -> None:
    vorder_terug(w.college, VorderTerug(nummer=nummer, bedrag=bedrag(bedrag_), motivering=motivering, datum=LATER))


def ontvang(w: Wereld, nummer: int, bedrag_: str) -> None:
    ontvang_terug(w.als(KAS), OntvangTerug(nummer=nummer, bedrag=bedrag(bedrag_), datum=LATER))


def brief(w: Wereld, nummer: int, gebeurtenis: int | None = None) -> dict:
    return besluit.bouw(vouw(w.app.genummerd()), nummer, lambda: w.regie.toon_aanvraag(nummer), gebeurtenis)


def woorden(tekst: str) -> str:
    return " ".join(tekst.split())


def vordering_nummers(w: Wereld, nummer: int) -> list[int]:
    a = vouw(w.app.genummerd()).aanvragen[nummer]
    return [v.handeling.gebeurtenis for v in a.vorderingen if v.soort == "teruggevorderd"]


@pytest.fixture
def gevorderd(w: Wereld) -> tuple[Wereld, int]:
    """€ 1.000 paid; the college claims € 300 back, € 100 is received, then it claims € 200 more."""
    nummer = w.aanvraag("7.500")
    een = w.ken_toe(nummer, vouchers=2)["vouchers"][0]["code"]
    w.verzilver(een, "1.000", datum=DAG)
    vorder(w, nummer, "300")
    ontvang(w, nummer, "100")
    vorder(w, nummer, "200", motivering="ook de tweede factuur was niet voor het initiatief")
    return w, nummer


def test_de_terugvordering_is_het_laatste_besluit_met_bedrag_artikel_motivering_namens_en_bezwaar(gevorderd):
    w, nummer = gevorderd
    m = brief(w, nummer)
    tekst = besluit.tekst(m)

    assert (m["uitkomst"], m["bedrag"], m["gebeurtenis"]) == ("terugvordering", bedrag("200"),
                                                               vordering_nummers(w, nummer)[1])  # fmt: skip
    assert m["weigering"]["artikel"] == "art. 4:57 lid 1 Awb" and m["vouchers"] == m["voorwaarden"] == []
    assert [(p["post"], p["bedrag"].nl()) for p in m["vordering"]] == [
        ("eerder teruggevorderd", "€ 300,00"),
        ("eerder terugontvangen", "-€ 100,00"),
        ("teruggevorderd met dit besluit", "€ 200,00"),
        ("terug te betalen", "€ 400,00"),
    ]
    assert (
        "Wij vorderen € 200,00 van u terug: dat is met de vouchers betaald, maar was niet verschuldigd. Dat doen "
        "wij op grond van art. 4:57 lid 1 Awb: onverschuldigd betaalde subsidiebedragen kunnen worden "
        "teruggevorderd voor zover na de dag waarop het verlenen of vaststellen van de subsidie is bekendgemaakt "
        "nog geen vijf jaren zijn verstreken."
    ) in woorden(tekst)
    assert "Motivering: ook de tweede factuur was niet voor het initiatief" in woorden(tekst)
    assert re.search(r"\n  terug te betalen +€ 400,00\n", tekst)
    assert m["namens"]["rol"] == "college" and m["namens"]["vastgelegd"] is True
    assert woorden(tekst).count(f"Het college van burgemeester en wethouders van {m['gemeente']}, voor dezen "
                                f"{COLLEGE}, lid van het college (het college besluit zelf") == 1  # fmt: skip
    assert "Bezwaar" in tekst and "binnen zes weken" in woorden(tekst)
    assert woorden(tekst).endswith(f"Dit besluit is vastgelegd als gebeurtenis #{m['gebeurtenis']} in de "
                                   "vouchersadministratie.")  # fmt: skip


def test_een_eerdere_terugvordering_en_de_toekenning_via_gebeurtenis_en_later_verandert_de_brief_niet(gevorderd):
    w, nummer = gevorderd
    eerste, _ = vordering_nummers(w, nummer)
    voor = besluit.tekst(brief(w, nummer, eerste)), besluit.html(brief(w, nummer, eerste))
    ontvang(w, nummer, "400")  # a later receipt is no part of the earlier letter

    m = brief(w, nummer, eerste)
    assert (besluit.tekst(m), besluit.html(m)) == voor  # the same bytes
    assert [p["bedrag"].nl() for p in m["vordering"]] == ["€ 0,00", "€ 0,00", "€ 300,00", "€ 300,00"]
    assert MOTIVERING in woorden(besluit.tekst(m))

    toekenning = brief(w, nummer, vouw(w.app.genummerd()).aanvragen[nummer].toekenning.handeling.gebeurtenis)
    assert toekenning["uitkomst"] == "toegekend" and len(toekenning["vouchers"]) == 2
    assert brief(w, nummer)["gebeurtenis"] != eerste  # without --gebeurtenis: the latest decision


def test_de_html_brief_geeft_de_vordering_als_toegankelijke_tabel(gevorderd):
    w, nummer = gevorderd
    pagina = besluit.html(brief(w, nummer))

    assert "<h2>Terugvordering</h2>" in pagina
    begin = pagina.index("<h2>Terugvordering</h2>")
    tabel = pagina[begin : pagina.index("</table>", begin)]
    assert '<div class="schuif" role="region" aria-label="De terugvordering" tabindex="0"><table>' in tabel
    assert '<th scope="row">eerder teruggevorderd</th><td class="b">€&nbsp;300,00</td>' in tabel
    assert '<tr class="totaal"><th scope="row">terug te betalen</th><td class="b">€&nbsp;400,00</td></tr>' in tabel
    assert "art. 4:57 lid 1 Awb" in pagina and MOTIVERING not in pagina  # the latest claim's own motivering


def test_een_gebeurtenis_die_geen_besluit_op_de_aanvraag_is_wordt_niet_gevonden_en_noemt_de_besluiten(gevorderd):
    w, nummer = gevorderd
    eerste, tweede = vordering_nummers(w, nummer)
    with pytest.raises(NietGevonden) as fout:
        brief(w, nummer, tweede + 1)  # the receipt after it is no decision
    assert f"gebeurtenis #{tweede + 1} is geen besluit op aanvraag {nummer}" in str(fout.value)
    assert f"#{eerste} (terugvordering), #{tweede} (terugvordering)" in str(fout.value)
    assert "(toegekend)" in str(fout.value)


def test_een_lagere_vaststelling_blijft_een_brief_en_telt_niet_als_tweede_terugvordering(w):
    from commands.vaststelling import StelVast, stel_vast

    nummer = w.aanvraag("7.500")
    een = w.ken_toe(nummer, vouchers=2)["vouchers"][0]["code"]
    w.verzilver(een, "1.000", datum=DAG)
    stel_vast(w.als(REGIE), StelVast(nummer=nummer, bedrag=bedrag("600"), grond="a", motivering=MOTIVERING,
                                     datum=LATER))  # fmt: skip
    m = brief(w, nummer)
    assert m["uitkomst"] == "vaststelling" and m["vordering"] == []
    [vastgesteld] = vordering_nummers(w, nummer)
    assert brief(w, nummer, vastgesteld)["uitkomst"] == "vaststelling"
