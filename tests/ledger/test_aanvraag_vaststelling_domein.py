"""De aanvraag na de toekenning: vaststellen, terugvorderen en terugontvangen (Awb 4:42-4:47, 4:57).

Rechtstreeks op het aggregaat (ledger/aanvraag.py met ledger/aanvraag_nazorg.py) en de wijk
(ledger/wijk.py), zonder opslag. Elke handeling legt vast wat, wanneer, door wie, namens wie en
onder welk mandaat; elke weigering noemt de aanvraag, de cijfers, de datum en het artikel en
legt niets vast.
"""

from __future__ import annotations

from datetime import date

from aanvraaghulp import NOORD, ONTVANGEN, REGIE, ZUID, aanvraag, e, enige, ken_toe, weigert

from ledger.aanvraag import Aanvraag
from ledger.fouten import (
    DatumVoorAfhankelijkeHandeling,
    OngeldigeInvoer,
    OngeldigeToestand,
    RegelOvertreden,
    TermijnLoopt,
)
from ledger.geld import Bedrag
from ledger.namens import mandaat
from ledger.wijk import Wijk

TOEGEKEND_OP = date(2026, 3, 1)  # ken_toe() in aanvraaghulp
DAG_VOOR_TOEKENNING = date(2026, 2, 28)
UITVOEREN_TOT = date(2026, 12, 31)
NA_UITVOERING = date(2027, 1, 5)
COLLEGE = "wethouder"
KAS = "kas.beheer"
HET_COLLEGE = mandaat("college", None)
NUL = Bedrag.nul()


def toegekend(nummer: int = 7) -> Aanvraag:
    a = aanvraag(nummer=nummer)  # kosten € 1.000
    ken_toe(a)
    a.collect_events()
    return a


def stel_vast(
    a: Aanvraag,
    bedrag: str | None = None,
    grond: str | None = None,
    motivering: str | None = None,
    *,
    betaald: str = "1.000",
    onbesteed: str | None = None,
    datum: date = NA_UITVOERING,
    door: str = REGIE,
    mandaat_: dict | None = None,
) -> Bedrag:
    return a.stel_vast(
        e(bedrag) if bedrag else None,
        grond,
        motivering,
        e(betaald),
        e(onbesteed) if onbesteed else NUL,
        UITVOEREN_TOT,
        datum,
        door,
        mandaat=NOORD if mandaat_ is None else mandaat_,
    )


def vorder(a: Aanvraag, bedrag: str, motivering: str = "te veel betaald", *, betaald: str = "1.000", datum=None):
    a.vorder_terug(e(bedrag), motivering, e(betaald), datum or NA_UITVOERING, COLLEGE, mandaat=HET_COLLEGE)


# --- vaststellen (Awb 4:42-4:47) ---------------------------------------------------------------------------


def test_vaststellen_op_wat_betaald_is_legt_bedrag_betaald_vrijgegeven_datum_gebruiker_en_mandaat_vast() -> None:
    a = toegekend()
    assert stel_vast(a, betaald="800", onbesteed="200", datum=date(2027, 1, 1)) == e("800")
    g = enige(a)
    assert type(g).__name__ == "Vastgesteld"
    assert (g.bedrag, g.betaald, g.teruggevorderd, g.vrijgegeven, g.grond, g.motivering) == (
        e("800"),
        e("800"),
        NUL,
        e("200"),
        None,
        None,
    )
    assert (g.datum, g.gebruiker, g.namens, g.mandaat) == (date(2027, 1, 1), REGIE, "college", NOORD)
    assert a.status == "vastgesteld"
    assert a.vaststelling == {
        "bedrag": e("800"),
        "betaald": e("800"),
        "teruggevorderd": NUL,
        "grond": None,
        "motivering": None,
        "datum": date(2027, 1, 1),
        "door": REGIE,
    }
    assert (a.vastgesteld, a.teruggevorderd, a.openstaand) == (e("800"), NUL, NUL)


def test_lager_vaststellen_op_de_dag_van_de_toekenning_legt_grond_en_motivering_vast_en_vordert_het_verschil_terug():
    a = toegekend()
    vastgesteld = stel_vast(a, "600", "b", "  ander doel ", datum=TOEGEKEND_OP, door=COLLEGE, mandaat_=HET_COLLEGE)
    assert vastgesteld == e("600")
    g = enige(a)
    assert (g.bedrag, g.betaald, g.teruggevorderd, g.vrijgegeven, g.grond, g.motivering) == (
        e("600"),
        e("1.000"),
        e("400"),
        NUL,
        "b",
        "ander doel",
    )
    assert (g.datum, g.gebruiker, g.namens, g.mandaat) == (TOEGEKEND_OP, COLLEGE, "college", HET_COLLEGE)
    assert a.vaststelling == {
        "bedrag": e("600"),
        "betaald": e("1.000"),
        "teruggevorderd": e("400"),
        "grond": "b",
        "motivering": "ander doel",
        "datum": TOEGEKEND_OP,
        "door": COLLEGE,
    }
    assert (a.vastgesteld, a.teruggevorderd, a.openstaand) == (e("600"), e("400"), e("400"))


def test_een_eerdere_terugvordering_telt_mee_bij_het_bedrag_en_bij_het_teruggevorderde() -> None:
    a = toegekend()
    vorder(a, "100", datum=TOEGEKEND_OP)
    a.collect_events()
    fout = weigert(a, RegelOvertreden, lambda: stel_vast(a, "900,01", "a", "x"))
    assert str(fout) == (
        "aanvraag 7 wordt ten hoogste vastgesteld op wat betaald is en niet is teruggevorderd: € 900,00, niet € 900,01"
    )
    assert stel_vast(a, "600", "a", "ander doel") == e("600")
    assert enige(a).teruggevorderd == e("300")
    assert (a.teruggevorderd, a.openstaand) == (e("400"), e("400"))


def test_vaststellen_voor_de_toekenning_wordt_geweigerd_met_de_datum_van_de_toekenning() -> None:
    a = toegekend()
    fout = weigert(a, DatumVoorAfhankelijkeHandeling, lambda: stel_vast(a, datum=DAG_VOOR_TOEKENNING))
    assert str(fout) == (
        "de vaststelling is gedateerd op 28 februari 2026, vóór de toekenning op 1 maart 2026: een handeling kan niet eerder zijn dan de handeling waarvan zij afhangt; geef --datum 2026-03-01 of later"
    )
    assert fout.gegevens == {"datum": DAG_VOOR_TOEKENNING, "eerder": date(2026, 3, 1)}


def test_vaststellen_met_een_onbesteed_deel_op_de_uitvoeringsdatum_noemt_de_aanvraag_het_bedrag_en_de_dag() -> None:
    a = toegekend()
    fout = weigert(a, TermijnLoopt, lambda: stel_vast(a, betaald="999,99", onbesteed="0,01", datum=UITVOEREN_TOT))
    assert str(fout).startswith("van aanvraag 7 is nog € 0,01 onbesteed en tot en met 31 december 2026 wordt")
    assert fout.gegevens == {"onbesteed": e("0,01"), "uitvoeren_tot": UITVOEREN_TOT}


def test_vaststellen_boven_betaald_noemt_de_aanvraag() -> None:
    a = toegekend()
    fout = weigert(a, RegelOvertreden, lambda: stel_vast(a, "1.000,01"))
    assert str(fout) == "aanvraag 7 wordt ten hoogste vastgesteld op wat betaald is: € 1.000,00, niet € 1.000,01"


def test_vaststellen_alleen_van_een_toekenning_en_eenmaal() -> None:
    a = aanvraag(nummer=7)
    fout = weigert(a, OngeldigeToestand, lambda: stel_vast(a))
    assert str(fout) == "aanvraag 7 heeft status ingediend: vaststellen kan niet"
    assert (fout.artikel, fout.gegevens) == ("art. 4-6", {"nummer": 7, "status": "ingediend"})
    b = toegekend()
    stel_vast(b)
    b.collect_events()
    fout = weigert(b, OngeldigeToestand, lambda: stel_vast(b))
    assert str(fout) == "aanvraag 7 heeft status vastgesteld: vaststellen kan niet"


def test_vaststellen_onder_het_mandaat_van_een_andere_wijk_wordt_geweigerd() -> None:
    a = toegekend()
    weigert(a, OngeldigeInvoer, lambda: stel_vast(a, mandaat_=ZUID))


def test_een_vastgestelde_toekenning_wordt_nog_bekendgemaakt_maar_niet_meer_ingetrokken() -> None:
    a = toegekend()
    stel_vast(a)
    a.collect_events()
    assert a.maak_bekend(NA_UITVOERING, REGIE) is True
    assert enige(a).datum == NA_UITVOERING
    fout = weigert(
        a, OngeldigeToestand, lambda: a.trek_toekenning_in("a", "x", e("1"), [], NA_UITVOERING, REGIE, mandaat=NOORD)
    )
    assert fout.gegevens == {"nummer": 7, "status": "vastgesteld"}


# --- terugvorderen (Awb 4:57) ------------------------------------------------------------------------------


def test_terugvorderen_voor_de_vaststelling_legt_bedrag_motivering_datum_gebruiker_en_mandaat_vast() -> None:
    a = toegekend()
    vorder(a, "300", "  te veel betaald ", datum=TOEGEKEND_OP)
    g = enige(a)
    assert type(g).__name__ == "TerugvorderingIngesteld"
    assert (g.bedrag, g.motivering, g.datum, g.gebruiker, g.namens, g.mandaat) == (
        e("300"),
        "te veel betaald",
        TOEGEKEND_OP,
        COLLEGE,
        "college",
        HET_COLLEGE,
    )
    assert a.status == "toegekend" and a.vastgesteld is None
    assert (a.teruggevorderd, a.openstaand) == (e("300"), e("300"))
    vorder(a, "700", datum=TOEGEKEND_OP)  # precies de rest van wat betaald is
    assert a.teruggevorderd == e("1.000")


def test_terugvorderen_zonder_motivering_of_voor_de_toekenning_wordt_geweigerd() -> None:
    a = toegekend()
    fout = weigert(a, OngeldigeInvoer, lambda: vorder(a, "300", "  "))
    assert str(fout) == "een terugvordering wordt gemotiveerd: geef --motivering (Awb 3:46)"
    fout = weigert(a, DatumVoorAfhankelijkeHandeling, lambda: vorder(a, "300", datum=DAG_VOOR_TOEKENNING))
    assert str(fout) == (
        "de terugvordering is gedateerd op 28 februari 2026, vóór het besluit waarop zij rust op 1 maart 2026: een handeling kan niet eerder zijn dan de handeling waarvan zij afhangt; geef --datum 2026-03-01 of later"
    )


def test_na_de_vaststelling_rust_de_terugvordering_op_de_vaststelling_en_haar_datum() -> None:
    a = toegekend()
    stel_vast(a, "600", "a", "ander doel", datum=NA_UITVOERING)
    a.collect_events()
    fout = weigert(a, DatumVoorAfhankelijkeHandeling, lambda: vorder(a, "1", datum=date(2027, 1, 4)))
    assert str(fout) == (
        "de terugvordering is gedateerd op 4 januari 2027, vóór de vaststelling op 5 januari 2027: een handeling kan niet eerder zijn dan de handeling waarvan zij afhangt; geef --datum 2027-01-05 of later"
    )
    fout = weigert(a, RegelOvertreden, lambda: vorder(a, "0,01", betaald="1.000"))
    assert str(fout) == (
        "van aanvraag 7 kan ten hoogste € 0,00 worden teruggevorderd (betaald € 1.000,00, vastgesteld € 600,00, "
        "al teruggevorderd € 400,00), niet € 0,01"
    )
    assert (fout.artikel, fout.gegevens) == ("Awb 4:57", {"ruimte": NUL})
    vorder(a, "50", betaald="1.050", datum=NA_UITVOERING)  # a payment found later: on the day of the vaststelling
    assert (enige(a).datum, a.teruggevorderd) == (NA_UITVOERING, e("450"))


def test_terugvorderen_boven_wat_betaald_is_noemt_de_cijfers_en_legt_niets_vast() -> None:
    a = toegekend()
    vorder(a, "100", datum=TOEGEKEND_OP)
    a.collect_events()
    fout = weigert(a, RegelOvertreden, lambda: vorder(a, "900,01"))
    assert str(fout) == (
        "van aanvraag 7 kan ten hoogste € 900,00 worden teruggevorderd (betaald € 1.000,00, vastgesteld € 0,00, "
        "al teruggevorderd € 100,00), niet € 900,01"
    )
    assert a.teruggevorderd == e("100")


def test_de_terugvordering_legt_het_mandaat_voor_de_wijk_van_de_aanvraag_vast_en_geen_ander() -> None:
    """Dat alleen het college terugvordert, eist commands/vaststelling.py; het aggregaat eist een mandaat dat bij
    de wijk past, zoals bij elk besluit (Awb 10:10)."""
    a = toegekend()
    weigert(a, OngeldigeInvoer, lambda: a.vorder_terug(e("1"), "x", e("1.000"), NA_UITVOERING, REGIE, mandaat=ZUID))
    a.vorder_terug(e("1"), "x", e("1.000"), NA_UITVOERING, REGIE, mandaat=NOORD)
    assert enige(a).mandaat == NOORD


def test_terugvorderen_van_een_aanvraag_zonder_toekenning_wordt_geweigerd() -> None:
    a = aanvraag(nummer=7)
    fout = weigert(a, OngeldigeToestand, lambda: vorder(a, "1", datum=ONTVANGEN))
    assert str(fout) == "aanvraag 7 heeft status ingediend: terugvorderen kan niet"


# --- terugontvangen --------------------------------------------------------------------------------------


def test_terugontvangen_legt_bedrag_datum_en_kasbeheerder_vast_en_verlaagt_het_openstaande() -> None:
    a = toegekend()
    vorder(a, "300", datum=TOEGEKEND_OP)
    a.collect_events()
    a.ontvang_terug(e("100"), ONTVANGEN, KAS)  # op de dag van ontvangst van de aanvraag: mag
    g = enige(a)
    assert type(g).__name__ == "TerugbetalingOntvangen"
    assert (g.bedrag, g.datum, g.gebruiker) == (e("100"), ONTVANGEN, KAS)
    assert (a.teruggevorderd, a.terugontvangen, a.openstaand) == (e("300"), e("100"), e("200"))
    a.ontvang_terug(e("200"), NA_UITVOERING, KAS)
    assert (a.terugontvangen, a.openstaand) == (e("300"), NUL)


def test_meer_ontvangen_dan_openstaat_of_voor_de_ontvangst_van_de_aanvraag_wordt_geweigerd() -> None:
    a = toegekend()
    vorder(a, "300", datum=TOEGEKEND_OP)
    a.collect_events()
    fout = weigert(a, RegelOvertreden, lambda: a.ontvang_terug(e("300,01"), NA_UITVOERING, KAS))
    assert str(fout) == (
        "van aanvraag 7 staat € 300,00 aan terugvordering open: meer kan niet worden ontvangen, niet € 300,01"
    )
    assert fout.gegevens == {"openstaand": e("300")}
    fout = weigert(a, DatumVoorAfhankelijkeHandeling, lambda: a.ontvang_terug(e("1"), date(2026, 2, 1), KAS))
    assert str(fout) == (
        "de handeling is gedateerd op 1 februari 2026, vóór de ontvangst van aanvraag 7 op 2 februari 2026: een handeling kan niet eerder zijn dan de handeling waarvan zij afhangt; geef --datum 2026-02-02 of later"
    )


# --- de wijk: wat is terugbetaald, komt weer beschikbaar (Awb 4:57) ----------------------------------------


def _wijk() -> Wijk:
    w = Wijk(
        code="NOORD",
        naam="Noord",
        periode=2026,
        budget=e("10.000"),
        verstrekken_tot=date(2026, 6, 30),
        uitvoeren_tot=UITVOEREN_TOT,
        datum=date(2026, 1, 2),
        gebruiker=COLLEGE,
    )
    w.stel_plafond_vast(e("9.000"), date(2026, 1, 2), COLLEGE)
    w.leg_vast(7, e("1.000"), TOEGEKEND_OP, REGIE)
    w.collect_events()
    return w


def test_een_terugbetaling_boeken_legt_aanvraag_bedrag_datum_en_gebruiker_vast_en_komt_terug_onder_het_plafond():
    w = _wijk()
    assert w.beschikbaar == e("8.000")
    w.boek_terugbetaling(7, e("400"), NA_UITVOERING, KAS)
    (g,) = w.collect_events()
    assert type(g).__name__ == "TerugbetalingGeboekt"
    assert (g.nummer, g.bedrag, g.datum, g.gebruiker) == (7, e("400"), NA_UITVOERING, KAS)
    assert (w.terugontvangen, w.beschikbaar) == (e("400"), e("8.400"))
    w.boek_terugbetaling(7, e("100"), NA_UITVOERING, KAS)
    assert (w.terugontvangen, w.beschikbaar) == (e("500"), e("8.500"))
    w.leg_vast(8, e("1.000"), date(2026, 6, 30), REGIE)  # the running figure keeps what was paid back
    assert w.beschikbaar == e("7.500")


def test_een_terugbetaling_wordt_ook_in_een_afgesloten_periode_geboekt() -> None:
    w = _wijk()
    w.sluit_af(NUL, 0, NA_UITVOERING, COLLEGE, mandaat=HET_COLLEGE)
    w.collect_events()
    w.boek_terugbetaling(7, e("400"), date(2027, 2, 1), KAS)
    assert w.terugontvangen == e("400") and w.gesloten is True
