"""De voucher zelf: betalen, contant, een betaling weigeren en vervallen (art. 5 lid 8, art. 9).

Rechtstreeks op het aggregaat (ledger/voucher.py): elke betaling legt bedrag, leverancier,
factuur, datum en kasbeheerder vast; elke weigering noemt wat de kasbeheerder moet weten.
De grenzen van dezelfde dag: betalen op de dag van verstrekking mag, de dag ervoor niet;
vervallen kan pas de dag na de uitvoeringsdatum.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ledger.fouten import (
    ContantBovenMaximum,
    FunctiescheidingGeschonden,
    OngeldigeInvoer,
    OngeldigeToestand,
    RegelOvertreden,
    RestantOntoereikend,
    TermijnVerstreken,
)
from ledger.geld import Bedrag
from ledger.voucher import Factuur, Voucher

CODE = "V000001-01-7"
VERSTREKT = date(2026, 3, 1)
KAS = "kas.beheer"


def e(tekst: str) -> Bedrag:
    return Bedrag.parse(tekst)


def voucher(waarde: str = "1.000") -> Voucher:
    v = Voucher(
        code=CODE,
        aanvraag=1,
        wijk="NOORD",
        periode=2026,
        waarde=e(waarde),
        uitvoeren_tot=date(2026, 12, 31),
        datum=VERSTREKT,
        gebruiker="regie.noord",
    )
    v.collect_events()
    return v


def enige(v: Voucher) -> Any:
    (gebeurtenis,) = v.collect_events()
    return gebeurtenis


def test_verstrekken_legt_code_aanvraag_wijk_waarde_termijn_datum_en_toekenner_vast() -> None:
    v = Voucher(
        code=CODE,
        aanvraag=1,
        wijk="NOORD",
        periode=2026,
        waarde=e("1.000"),
        uitvoeren_tot=date(2026, 12, 31),
        datum=VERSTREKT,
        gebruiker="regie.noord",
    )
    g = enige(v)
    assert type(g).__name__ == "Verstrekt"
    assert (g.code, g.aanvraag, g.wijk, g.periode, g.waarde) == (CODE, 1, "NOORD", 2026, e("1.000"))
    assert (g.uitvoeren_tot, g.datum, g.gebruiker) == (date(2026, 12, 31), VERSTREKT, "regie.noord")
    assert (v.restant, v.status, v.toegekend_door, v.verstrekt_op) == (e("1.000"), "geldig", "regie.noord", VERSTREKT)


# --- verzilveren (art. 9 lid 1 en 3 onder a) ---------------------------------------------------------------


def test_verzilveren_op_de_dag_van_verstrekking_legt_leverancier_factuur_datum_en_kasbeheerder_vast() -> None:
    v = voucher()
    v.verzilver(e("250"), "  Bouwmarkt ", " F-17 ", VERSTREKT, KAS)
    g = enige(v)
    assert type(g).__name__ == "Verzilverd"
    assert (g.bedrag, g.leverancier, g.factuur, g.datum, g.gebruiker) == (e("250"), "Bouwmarkt", "F-17", VERSTREKT, KAS)
    assert (v.verzilverd, v.restant, v.status) == (e("250"), e("750"), "geldig")


def test_verzilveren_de_dag_voor_de_verstrekking_wordt_geweigerd_met_de_datum_van_verstrekking() -> None:
    v = voucher()
    with pytest.raises(RegelOvertreden) as info:  # coherent dates: exit 1
        v.verzilver(e("250"), "Bouwmarkt", "F-17", date(2026, 2, 28), KAS)
    assert str(info.value).startswith(
        "de betaling is gedateerd op 28 februari 2026, vóór de verstrekking van voucher"
    ) and "op 1 maart 2026" in str(info.value)
    assert v.collect_events() == [] and v.restant == e("1.000")


@pytest.mark.parametrize(
    ("leverancier", "factuur"),
    [("", "F-17"), ("   ", "F-17"), ("Bouwmarkt", ""), ("Bouwmarkt", "  ")],
    ids=["geen-leverancier", "leverancier-alleen-spaties", "geen-factuurnummer", "factuurnummer-alleen-spaties"],
)
def test_een_verzilvering_zonder_leverancier_of_zonder_factuurnummer_wordt_geweigerd(
    leverancier: str, factuur: str
) -> None:
    v = voucher()
    with pytest.raises(OngeldigeInvoer) as info:
        v.verzilver(e("250"), leverancier, factuur, VERSTREKT, KAS)
    assert str(info.value) == "een verzilvering noemt de leverancier en het factuurnummer (art. 9 lid 3 onder a)"
    assert v.collect_events() == []


def test_wie_de_voucher_toekende_betaalt_hem_niet_uit_en_hoort_waarom() -> None:
    v = voucher()
    with pytest.raises(FunctiescheidingGeschonden) as info:
        v.verzilver(e("250"), "Bouwmarkt", "F-17", VERSTREKT, "regie.noord")
    assert str(info.value) == (
        "regie.noord heeft deze voucher zelf toegekend en mag hem niet uitbetalen (functiescheiding)"
    )
    assert info.value.artikel == "art. 2 lid 4 en 6"
    with pytest.raises(FunctiescheidingGeschonden):
        v.neem_contant_op(e("10"), e("500"), VERSTREKT, "regie.noord")
    assert v.collect_events() == []


def test_een_betaling_van_nul_of_minder_noemt_het_bedrag() -> None:
    v = voucher()
    for centen, tekst in ((0, "€ 0,00"), (-1, "-€ 0,01")):
        with pytest.raises(OngeldigeInvoer) as info:
            v.verzilver(Bedrag.van_centen(centen), "Bouwmarkt", "F-17", VERSTREKT, KAS)
        assert str(info.value) == f"een betaling is groter dan € 0,00, niet {tekst}"
    v.verzilver(Bedrag.van_centen(1), "Bouwmarkt", "F-17", VERSTREKT, KAS)
    assert v.restant == e("999,99")


def test_na_de_uitvoeringsdatum_en_boven_het_restant_wordt_niet_betaald() -> None:
    v = voucher()
    v.verzilver(e("1.000"), "Bouwmarkt", "F-1", date(2026, 12, 31), KAS)
    assert v.status == "besteed"
    with pytest.raises(RestantOntoereikend):
        v.verzilver(e("0,01"), "Bouwmarkt", "F-2", date(2026, 12, 31), KAS)
    w = voucher()
    with pytest.raises(TermijnVerstreken):
        w.verzilver(e("1"), "Bouwmarkt", "F-1", date(2027, 1, 1), KAS)


# --- contant (art. 9 lid 3 onder b) -------------------------------------------------------------------------


def test_contant_opnemen_legt_bedrag_datum_kasbeheerder_en_kwitantie_vast() -> None:
    v = voucher()
    v.neem_contant_op(e("500"), e("500"), VERSTREKT, KAS, kwitantie="K-3")
    g = enige(v)
    assert type(g).__name__ == "ContantOpgenomen"
    assert (g.bedrag, g.datum, g.gebruiker, g.kwitantie) == (e("500"), VERSTREKT, KAS, "K-3")
    assert (v.contant, v.restant) == (e("500"), e("500"))
    v.neem_contant_op(e("1"), e("500"), VERSTREKT, KAS)
    assert enige(v).kwitantie is None


def test_contant_boven_het_maximum_wordt_geweigerd_voor_iets_anders_wordt_bekeken() -> None:
    v = voucher()
    with pytest.raises(ContantBovenMaximum):
        v.neem_contant_op(e("500,01"), e("500"), date(2026, 2, 1), "regie.noord")
    assert v.collect_events() == []


# --- een betaling weigeren (art. 9 lid 2) ----------------------------------------------------------------------


def test_een_geweigerde_betaling_legt_reden_leverancier_factuur_datum_en_kasbeheerder_vast_en_verandert_geen_saldo() -> (
    None
):
    v = voucher()
    v.weiger_betaling(e("80"), "  geen onderdeel van het initiatief ", " Slijterij ", " F-9 ", VERSTREKT, KAS)
    g = enige(v)
    assert type(g).__name__ == "BetalingGeweigerd"
    assert (g.bedrag, g.reden, g.leverancier, g.factuur, g.datum, g.gebruiker) == (
        e("80"),
        "geen onderdeel van het initiatief",
        "Slijterij",
        "F-9",
        VERSTREKT,
        KAS,
    )
    assert (v.restant, v.verzilverd, v.contant) == (e("1.000"), Bedrag.nul(), Bedrag.nul())


def test_een_geweigerde_betaling_zonder_leverancier_en_factuur_legt_die_als_leeg_vast() -> None:
    v = voucher()
    v.weiger_betaling(e("80"), "contant gevraagd voor drank", None, None, VERSTREKT, KAS)
    g = enige(v)
    assert (g.leverancier, g.factuur) == (None, None)


def test_een_betaling_weigeren_zonder_reden_wordt_geweigerd() -> None:
    v = voucher()
    for reden in ("", "   "):
        with pytest.raises(OngeldigeInvoer) as info:
            v.weiger_betaling(e("80"), reden, None, None, VERSTREKT, KAS)
        assert str(info.value) == "een geweigerde betaling noemt de reden (art. 9 lid 2)"
    assert v.collect_events() == []


def test_een_betaling_weigeren_voor_de_verstrekking_of_van_nul_euro_wordt_geweigerd() -> None:
    v = voucher()
    with pytest.raises(OngeldigeInvoer) as info:
        v.weiger_betaling(e("80"), "niet voor het initiatief", None, None, date(2026, 2, 28), KAS)
    assert str(info.value) == "de weigering ligt voor de verstrekking van de voucher"
    with pytest.raises(OngeldigeInvoer):
        v.weiger_betaling(Bedrag.nul(), "niet voor het initiatief", None, None, VERSTREKT, KAS)
    assert v.collect_events() == []


# --- vervallen (art. 5 lid 8, handeling 12) -----------------------------------------------------------------


def test_vervallen_op_de_uitvoeringsdatum_zelf_wordt_geweigerd() -> None:
    v = voucher()
    with pytest.raises(OngeldigeToestand) as info:
        v.laat_vervallen(date(2026, 12, 31), "wethouder")
    assert str(info.value) == f"voucher {CODE} kan pas na 31 december 2026 vervallen"
    assert info.value.artikel == "art. 5 lid 8"
    assert v.collect_events() == []


def test_de_dag_na_de_uitvoeringsdatum_vervalt_precies_het_restant() -> None:
    v = voucher()
    v.verzilver(e("300"), "Bouwmarkt", "F-1", date(2026, 4, 1), KAS)
    v.neem_contant_op(e("200"), e("500"), date(2026, 4, 1), KAS)
    v.collect_events()
    assert v.laat_vervallen(date(2027, 1, 1), "wethouder") == e("500")
    g = enige(v)
    assert type(g).__name__ == "Vervallen"
    assert (g.bedrag, g.datum, g.gebruiker) == (e("500"), date(2027, 1, 1), "wethouder")
    assert (v.vervallen, v.restant, v.status) == (e("500"), Bedrag.nul(), "vervallen")


def test_een_restant_van_1_cent_vervalt_ook() -> None:
    v = voucher()
    v.verzilver(e("999,99"), "Bouwmarkt", "F-1", date(2026, 4, 1), KAS)
    v.collect_events()
    assert v.laat_vervallen(date(2027, 1, 1), "wethouder") == e("0,01")
    assert enige(v).bedrag == e("0,01")
    assert v.status == "vervallen"


def test_een_besteed_voucher_vervalt_niet_en_legt_niets_vast() -> None:
    v = voucher()
    v.verzilver(e("1.000"), "Bouwmarkt", "F-1", date(2026, 4, 1), KAS)
    v.collect_events()
    assert v.laat_vervallen(date(2027, 1, 1), "wethouder") == Bedrag.nul()
    assert v.collect_events() == []
    assert v.status == "besteed"


def test_van_een_vervallen_voucher_wordt_niets_meer_betaald() -> None:
    v = voucher()
    v.laat_vervallen(date(2027, 1, 1), "wethouder")
    v.collect_events()
    with pytest.raises(OngeldigeToestand) as info:
        v.verzilver(e("1"), "Bouwmarkt", "F-1", date(2026, 12, 31), KAS)
    assert str(info.value) == f"voucher {CODE} is vervallen: er kan niets meer van worden betaald"
    assert info.value.artikel == "art. 5 lid 8"
    assert v.collect_events() == []


# --- de factuur: één keer geboekt (art. 9 lid 3 onder a) ---------------------------------------------------------


def test_een_geboekte_factuur_legt_leverancier_nummer_voucher_bedrag_datum_en_kasbeheerder_vast() -> None:
    f = Factuur(leverancier="Bouwmarkt", factuur="F-1", voucher=CODE, bedrag=e("80"), datum=VERSTREKT, gebruiker=KAS)
    (g,) = f.collect_events()
    assert type(g).__name__ == "Geboekt"
    assert (g.leverancier, g.factuur, g.voucher, g.bedrag, g.datum, g.gebruiker) == (
        "Bouwmarkt",
        "F-1",
        CODE,
        e("80"),
        VERSTREKT,
        KAS,
    )
    assert (f.leverancier, f.factuur, f.voucher, f.bedrag, f.datum) == ("Bouwmarkt", "F-1", CODE, e("80"), VERSTREKT)
    assert f.id == Factuur.create_id("Bouwmarkt", "F-1")


def test_een_factuur_geboekt_onder_haar_berekende_id_is_dezelfde_als_via_de_constructor() -> None:
    """Kasronde.betaal berekent de factuursleutel één keer (Factuur.geboekt): dezelfde id, gebeurtenis en toestand."""
    gewoon = Factuur(
        leverancier="Bouwmarkt", factuur="F-1", voucher=CODE, bedrag=e("80"), datum=VERSTREKT, gebruiker=KAS
    )
    snel = Factuur.geboekt(Factuur.create_id("Bouwmarkt", "F-1"), "Bouwmarkt", "F-1", CODE, e("80"), VERSTREKT, KAS)
    (a,), (b,) = gewoon.collect_events(), snel.collect_events()
    assert type(a) is type(b)
    assert {k: v for k, v in vars(a).items() if k != "timestamp"} == {
        k: v for k, v in vars(b).items() if k != "timestamp"
    }
    zonder_tijd = {"_created_on", "_modified_on", "_pending_events"}
    assert {k: v for k, v in vars(gewoon).items() if k not in zonder_tijd} == {
        k: v for k, v in vars(snel).items() if k not in zonder_tijd
    }


# --- de waarde intrekken met de toekenning (Awb 4:48) en een factuur opnieuw boeken ------------------------


def test_de_onbestede_waarde_intrekken_legt_bedrag_grond_datum_en_gebruiker_vast() -> None:
    v = voucher()
    v.verzilver(e("300"), "Bouwmarkt", "F-1", VERSTREKT, KAS)
    v.collect_events()
    v.trek_waarde_in(e("700"), "b", VERSTREKT, "regie.noord")
    g = enige(v)
    assert type(g).__name__ == "WaardeIngetrokken"
    assert (g.bedrag, g.grond, g.datum, g.gebruiker) == (e("700"), "b", VERSTREKT, "regie.noord")
    assert (v.ingetrokken, v.restant, v.status) == (e("700"), Bedrag.nul(), "ingetrokken")


def test_meer_intrekken_dan_onbesteed_is_of_voor_de_verstrekking_wordt_geweigerd() -> None:
    v = voucher()
    v.verzilver(e("300"), "Bouwmarkt", "F-1", VERSTREKT, KAS)
    v.collect_events()
    with pytest.raises(RegelOvertreden) as info:
        v.trek_waarde_in(e("700,01"), "b", VERSTREKT, "regie.noord")
    assert str(info.value) == (
        f"van voucher {CODE} is nog € 700,00 onbesteed; meer kan niet worden ingetrokken "
        "(wat betaald is, wordt teruggevorderd: Awb 4:57)"
    )
    assert info.value.artikel == "Awb 4:48"
    assert info.value.gegevens == {"restant": e("700")}
    with pytest.raises(OngeldigeInvoer) as invoer:
        v.trek_waarde_in(e("1"), "b", date(2026, 2, 28), "regie.noord")
    assert str(invoer.value) == "de intrekking ligt voor de verstrekking van de voucher"
    with pytest.raises(OngeldigeInvoer):
        v.trek_waarde_in(Bedrag.nul(), "b", VERSTREKT, "regie.noord")
    assert v.collect_events() == []


def test_een_factuur_wordt_pas_opnieuw_geboekt_als_een_correctie_haar_vrijgaf() -> None:
    f = Factuur(leverancier="Bouwmarkt", factuur="F-1", voucher=CODE, bedrag=e("80"), datum=VERSTREKT, gebruiker=KAS)
    f.collect_events()
    with pytest.raises(OngeldigeToestand) as info:
        f.boek_opnieuw("V000001-02-5", e("90"), date(2026, 4, 1), KAS)
    assert str(info.value) == "factuur F-1 is al geboekt"
    assert info.value.artikel == "art. 9 lid 1"
    assert f.collect_events() == []
    f.geef_vrij(7, date(2026, 4, 1), KAS)
    f.geef_vrij(7, date(2026, 4, 1), KAS)  # een tweede keer: al vrij, niets vast te leggen
    (vrij,) = f.collect_events()
    assert (vrij.gecorrigeerd, vrij.datum, vrij.gebruiker) == (7, date(2026, 4, 1), KAS)
    f.boek_opnieuw("V000001-02-5", e("90"), date(2026, 4, 2), KAS)
    (g,) = f.collect_events()
    assert type(g).__name__ == "OpnieuwGeboekt"
    assert (g.voucher, g.bedrag, g.datum, g.gebruiker) == ("V000001-02-5", e("90"), date(2026, 4, 2), KAS)
    assert (f.voucher, f.bedrag, f.datum, f.vrij) == ("V000001-02-5", e("90"), date(2026, 4, 2), False)


# --- een betaling corrigeren (storno) ------------------------------------------------------------------------


def test_een_verzilvering_corrigeren_zet_het_bedrag_terug_en_legt_de_betaling_en_de_reden_vast() -> None:
    v = voucher()
    v.verzilver(e("300"), "Bouwmarkt", "F-1", date(2026, 4, 1), KAS)
    (betaling,) = v.collect_events()
    assert v.corrigeer(betaling, 17, "  dubbel geboekt ", date(2026, 4, 1), KAS) == e("300")
    g = enige(v)
    assert type(g).__name__ == "BetalingGecorrigeerd"
    assert (g.gebeurtenis, g.versie, g.soort, g.bedrag, g.leverancier, g.factuur, g.reden, g.datum, g.gebruiker) == (
        17,
        betaling.originator_version,
        "verzilverd",
        e("300"),
        "Bouwmarkt",
        "F-1",
        "dubbel geboekt",
        date(2026, 4, 1),
        KAS,
    )
    assert (v.verzilverd, v.restant, v.gecorrigeerd) == (Bedrag.nul(), e("1.000"), [betaling.originator_version])
    with pytest.raises(OngeldigeToestand) as info:
        v.corrigeer(betaling, 17, "nog eens", date(2026, 4, 2), KAS)
    assert str(info.value) == (
        f"betaling #17 van voucher {CODE} is al gecorrigeerd; een betaling wordt één keer gecorrigeerd"
    )
    assert (info.value.artikel, info.value.gegevens) == ("art. 9 lid 1", {"gebeurtenis": 17})


def test_een_contante_opname_corrigeren_legt_de_kwitantie_vast() -> None:
    v = voucher()
    v.neem_contant_op(e("200"), e("500"), date(2026, 4, 1), KAS, kwitantie="K-3")
    (opname,) = v.collect_events()
    v.corrigeer(opname, 18, "verkeerde voucher", date(2026, 4, 3), KAS)
    g = enige(v)
    assert (g.soort, g.bedrag, g.leverancier, g.factuur) == ("contant", e("200"), None, "K-3")
    assert (v.contant, v.restant) == (Bedrag.nul(), e("1.000"))


def test_alleen_een_eigen_betaling_met_reden_en_niet_van_voor_de_betaling_wordt_gecorrigeerd() -> None:
    v = voucher()
    ander_code = Voucher(
        code="V000002-01-3",
        aanvraag=2,
        wijk="NOORD",
        periode=2026,
        waarde=e("100"),
        uitvoeren_tot=date(2026, 12, 31),
        datum=VERSTREKT,
        gebruiker="regie.noord",
    )
    ander_code.collect_events()
    ander_code.verzilver(e("50"), "Bouwmarkt", "F-9", date(2026, 4, 1), KAS)
    (vreemd,) = ander_code.collect_events()
    with pytest.raises(RegelOvertreden) as info:
        v.corrigeer(vreemd, 21, "x", date(2026, 4, 2), KAS)
    assert str(info.value) == (
        f"gebeurtenis #21 hoort niet bij voucher {CODE}: een correctie wijst een betaling van dezelfde voucher aan"
    )
    assert (info.value.artikel, info.value.gegevens) == ("art. 9 lid 1", {"gebeurtenis": 21})
    with pytest.raises(RegelOvertreden):  # iets wat geen opgeslagen gebeurtenis is, hoort bij geen voucher
        v.corrigeer(object(), 21, "x", date(2026, 4, 2), KAS)
    v.weiger_betaling(e("80"), "drank", None, None, VERSTREKT, KAS)
    (geen_betaling,) = v.collect_events()
    with pytest.raises(RegelOvertreden) as info:
        v.corrigeer(geen_betaling, 22, "x", date(2026, 4, 2), KAS)
    assert str(info.value) == (
        f"gebeurtenis #22 is geen betaling of contante opname van voucher {CODE}: alleen een geboekte betaling kan "
        "worden gecorrigeerd"
    )
    assert (info.value.artikel, info.value.gegevens) == ("art. 9 lid 1", {"gebeurtenis": 22})
    v.verzilver(e("300"), "Bouwmarkt", "F-1", date(2026, 4, 1), KAS)
    (betaling,) = v.collect_events()
    with pytest.raises(OngeldigeInvoer) as invoer:
        v.corrigeer(betaling, 23, "  ", date(2026, 4, 1), KAS)
    assert str(invoer.value) == "een correctie noemt de reden (--reden)"
    with pytest.raises(OngeldigeInvoer) as invoer:
        v.corrigeer(betaling, 23, "dubbel", date(2026, 3, 31), KAS)
    assert str(invoer.value) == "de correctie ligt voor de betaling die zij corrigeert (1 april 2026)"
    assert v.collect_events() == [] and v.verzilverd == e("300")
