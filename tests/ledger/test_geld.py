"""Bedrag: reading Dutch amounts, showing them, and splitting a grant without losing a cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ledger.fouten import OngeldigeInvoer
from ledger.geld import MAXIMUM_CENTEN, Bedrag, toon_invoer

GOEDGEKEURD = [
    ("1234", 123_400),
    ("1234,5", 123_450),
    ("1234,50", 123_450),
    ("1.234,50", 123_450),
    ("€ 1.234,50", 123_450),
    ("€1.234,50", 123_450),
    ("€\u00a01.234,50", 123_450),
    ("1234.50", 123_450),
    ("1234.5", 123_450),
    ("1.5", 150),
    ("1.23", 123),
    ("1.234", 123_400),
    ("12.345", 1_234_500),
    ("1.234.567,89", 123_456_789),
    ("1.234.567", 123_456_700),
    ("  1.234,50  ", 123_450),
    ("\t500\n", 50_000),
    ("0,01", 1),
    ("0,5", 50),
    ("0.01", 1),
    ("7", 700),
    ("1.000.000.000,00", MAXIMUM_CENTEN),
    ("1000000000", MAXIMUM_CENTEN),
]

GEWEIGERD = [
    "1,234.50",
    "12,345",
    "1.23.4",
    "1.234.5",
    "1234.567",
    "0.123",
    "1234,",
    "1234.",
    ",50",
    ".50",
    "-5",
    "-0",
    "- 5",
    "-€ 5",
    "0",
    "0,00",
    "0.00",
    "€ 0,00",
    "abc",
    "1e3",
    "NaN",
    "nan",
    "inf",
    "Infinity",
    "",
    " ",
    "\t\n",
    "€",
    "€ ",
    "+5",
    "0,001",
    "1,2,3",
    "1,234",
    "1_000",
    "1 000",
    "12.34.56",
    "1.2345",
    "１２３",
    "١٢٣",
    "\u200f12",
    "12\u200f",
    "1\x002",
    "\x00",
    "12\x00",
    "1000000000,01",
    "1.000.000.001",
    "99999999999999999999",
    "1" * 10**6,
    "€ 1.234,50 €",
    "1.234,50 EUR",
    "EUR 5",
    "5 euro",
    "0x10",
    "1/2",
    "½",
    "²",
    "5€",
]


@pytest.mark.parametrize(("tekst", "centen"), GOEDGEKEURD)
def test_nederlandse_notatie_wordt_gelezen_als_centen(tekst: str, centen: int) -> None:
    assert Bedrag.parse(tekst) == Bedrag.van_centen(centen)


@pytest.mark.parametrize("tekst", GEWEIGERD, ids=lambda t: repr(t[:20]))
def test_alles_wat_geen_duidelijk_bedrag_is_wordt_geweigerd(tekst: str) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        Bedrag.parse(tekst)
    _is_een_nette_melding(fout.value.melding)
    assert fout.value.soort == "invoer"


def test_punt_gevolgd_door_drie_cijfers_is_duizendtal() -> None:
    assert Bedrag.parse("1.234") == Bedrag.parse("1234,00")


def test_punt_gevolgd_door_een_of_twee_cijfers_is_decimaalteken() -> None:
    assert Bedrag.parse("1234.5") == Bedrag.parse("1234,50")
    assert Bedrag.parse("1234.05") == Bedrag.van_centen(123_405)


def test_komma_gevolgd_door_drie_cijfers_wordt_geweigerd_met_uitleg() -> None:
    with pytest.raises(OngeldigeInvoer, match="twee cijfers achter de komma"):
        Bedrag.parse("12,345")


def test_melding_noemt_de_invoer_en_een_voorbeeld() -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        Bedrag.parse("abc")
    assert fout.value.melding == "ongeldig bedrag 'abc': gebruik bijvoorbeeld 1.234,50"


def test_nul_en_negatief_worden_geweigerd_omdat_een_bedrag_positief_is() -> None:
    for tekst in ("0", "0,00", "-5", "-0"):
        with pytest.raises(OngeldigeInvoer, match="groter zijn dan € 0,00"):
            Bedrag.parse(tekst)


def test_meer_dan_een_miljard_is_te_groot() -> None:
    with pytest.raises(OngeldigeInvoer, match="te groot"):
        Bedrag.parse("1.000.000.000,01")


def test_een_miljoen_tekens_geeft_een_korte_melding() -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        Bedrag.parse("9" * 10**6)
    assert len(fout.value.melding) < 120


def test_stuurtekens_in_de_invoer_worden_zichtbaar_gemaakt() -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        Bedrag.parse("1\x00\n\u200f2'\\")
    assert r"'1\x00\n\u200f2\'\\'" in fout.value.melding
    _is_een_nette_melding(fout.value.melding)


def test_lange_invoer_wordt_afgekapt_op_veertig_tekens() -> None:
    assert toon_invoer("a" * 41) == "'" + "a" * 40 + "…'"
    assert toon_invoer("a" * 40) == "'" + "a" * 40 + "'"


def test_een_kommagetal_wordt_niet_als_bedrag_aangenomen() -> None:
    with pytest.raises(TypeError):
        Bedrag(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Bedrag.van_centen(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Bedrag(True)
    with pytest.raises(TypeError):
        Bedrag.uit_decimal(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Bedrag.parse(1.5)  # type: ignore[arg-type]


def test_decimal_met_twee_decimalen_wordt_exact_omgezet() -> None:
    assert Bedrag.uit_decimal(Decimal("1234.50")) == Bedrag(123_450)
    assert Bedrag.uit_decimal(Decimal("1234.5000")) == Bedrag(123_450)
    assert Bedrag.uit_decimal(Decimal(-5)) == Bedrag(-500)
    assert Bedrag.uit_decimal(Decimal("1E+3")) == Bedrag(100_000)
    assert Bedrag.uit_decimal(Decimal(0)) == Bedrag.nul()


def test_decimal_met_een_derde_decimaal_wordt_niet_stilletjes_afgerond() -> None:
    for waarde in ("0.001", "1234.505", "NaN", "Infinity", "-Infinity", "1E+40"):
        with pytest.raises(ValueError):
            Bedrag.uit_decimal(Decimal(waarde))


def test_decimal_eigenschap_heeft_altijd_twee_decimalen() -> None:
    assert Bedrag(123_450).decimal == Decimal("1234.50")
    assert str(Bedrag(123_450).decimal) == "1234.50"
    assert str(Bedrag(-5).decimal) == "-0.05"
    assert str(Bedrag.nul().decimal) == "0.00"


def test_json_gebruikt_een_punt_en_twee_decimalen() -> None:
    assert Bedrag(123_450).json() == "1234.50"
    assert Bedrag(123_456_789).json() == "1234567.89"
    assert Bedrag(-500).json() == "-5.00"
    assert Bedrag(5).json() == "0.05"
    assert Bedrag.nul().json() == "0.00"


def test_mensen_lezen_euroteken_punten_en_komma() -> None:
    assert str(Bedrag(123_450)) == "€ 1.234,50"
    assert Bedrag(123_456_789).nl() == "€ 1.234.567,89"
    assert Bedrag(-123_450).nl() == "-€ 1.234,50"
    assert Bedrag.nul().nl() == "€ 0,00"
    assert Bedrag(7).nl() == "€ 0,07"
    assert Bedrag(MAXIMUM_CENTEN).nl() == "€ 1.000.000.000,00"


def test_optellen_aftrekken_en_vergelijken() -> None:
    a, b = Bedrag(500), Bedrag(150)
    assert a + b == Bedrag(650)
    assert a - b == Bedrag(350)
    assert b - a == Bedrag(-350)
    assert -a == Bedrag(-500)
    assert b < a and a >= b and max(a, b) == a
    assert sum([a, b]) == Bedrag(650)
    assert sum([], Bedrag.nul()) == Bedrag.nul()


def test_met_gewone_getallen_rekenen_kan_niet() -> None:
    with pytest.raises(TypeError):
        Bedrag(5) + 5  # type: ignore[operator]
    with pytest.raises(TypeError):
        1 + Bedrag(5)  # type: ignore[operator]
    with pytest.raises(TypeError):
        Bedrag(5) - Decimal(1)  # type: ignore[operator]
    with pytest.raises(TypeError):
        Bedrag(5) < 6  # type: ignore[operator]


def test_een_bedrag_is_onveranderlijk_en_bruikbaar_als_sleutel() -> None:
    bedrag = Bedrag(5)
    with pytest.raises(AttributeError):
        bedrag.centen = 6  # type: ignore[misc]
    assert {Bedrag(5): "x"}[Bedrag.van_centen(5)] == "x"


def test_verdelen_geeft_de_eerste_delen_een_cent_meer() -> None:
    assert Bedrag(1000).verdeel(3) == [Bedrag(334), Bedrag(333), Bedrag(333)]
    assert Bedrag(100_000).verdeel(2) == [Bedrag(50_000), Bedrag(50_000)]
    assert Bedrag(2).verdeel(3) == [Bedrag(1), Bedrag(1), Bedrag(0)]
    assert Bedrag(5).verdeel(1) == [Bedrag(5)]


def test_verdelen_over_nul_delen_kan_niet() -> None:
    with pytest.raises(ValueError):
        Bedrag(5).verdeel(0)
    with pytest.raises(TypeError):
        Bedrag(5).verdeel(2.0)  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------------------

positieve_centen = st.integers(min_value=1, max_value=MAXIMUM_CENTEN)


@given(positieve_centen)
@example(1)
@example(MAXIMUM_CENTEN)
@example(100_000)
def test_wat_wij_tonen_lezen_wij_terug(centen: int) -> None:
    bedrag = Bedrag(centen)
    assert Bedrag.parse(bedrag.nl()) == bedrag
    assert Bedrag.parse(bedrag.nl().removeprefix("€ ")) == bedrag


@given(positieve_centen)
@example(1)
@example(MAXIMUM_CENTEN)
def test_json_bedrag_leest_terug_als_hetzelfde_bedrag(centen: int) -> None:
    bedrag = Bedrag(centen)
    assert Bedrag.parse(bedrag.json()) == bedrag
    assert Bedrag.uit_decimal(bedrag.decimal) == bedrag


@given(st.integers(min_value=-(10**15), max_value=10**15), st.integers(min_value=1, max_value=500))
def test_verdelen_verliest_geen_cent_en_is_eerlijk(centen: int, n: int) -> None:
    delen = Bedrag(centen).verdeel(n)
    assert len(delen) == n
    assert sum(delen, Bedrag.nul()) == Bedrag(centen)
    assert sum(delen) == Bedrag(centen)
    assert max(delen).centen - min(delen).centen <= 1
    assert delen == sorted(delen, reverse=True)


@given(st.text())
@example("1.234,50")
@example("\x00")
@example("9" * 5000)
def test_willekeurige_tekst_geeft_een_bedrag_of_ongeldige_invoer(tekst: str) -> None:
    try:
        bedrag = Bedrag.parse(tekst)
    except OngeldigeInvoer as fout:
        _is_een_nette_melding(fout.melding)
    else:
        assert 0 < bedrag.centen <= MAXIMUM_CENTEN


@given(st.text(alphabet="0123456789.,€ -", max_size=16))
def test_tekst_van_bedragtekens_geeft_een_bedrag_of_ongeldige_invoer(tekst: str) -> None:
    try:
        bedrag = Bedrag.parse(tekst)
    except OngeldigeInvoer as fout:
        _is_een_nette_melding(fout.melding)
    else:
        assert 0 < bedrag.centen <= MAXIMUM_CENTEN


def _is_een_nette_melding(melding: str) -> None:
    assert melding.startswith("ongeldig bedrag '")
    assert melding.isprintable()
    assert len(melding) < 600


@pytest.mark.parametrize("ander", [5, Decimal(5), 5.0, "5"], ids=["int", "decimal", "float", "tekst"])
def test_een_bedrag_vergelijken_met_iets_anders_dan_een_bedrag_kan_niet(ander: object) -> None:
    b = Bedrag(500)
    for vergelijk in (
        lambda: b < ander,
        lambda: b <= ander,
        lambda: b > ander,
        lambda: b >= ander,
    ):
        with pytest.raises(TypeError):
            vergelijk()
    assert (b == ander) is False and (b != ander) is True


def test_vergelijkingen_op_de_grens_van_gelijke_bedragen() -> None:
    a, b, c = Bedrag(500), Bedrag(500), Bedrag(501)
    assert (a <= b, a >= b, a < b, a > b) == (True, True, False, False)
    assert (a <= c, a >= c, a < c, a > c) == (True, False, True, False)
    assert (c <= a, c >= a, c < a, c > a) == (False, True, False, True)


def test_decimal_naar_bedrag_zegt_waarom_het_niet_kan() -> None:
    with pytest.raises(TypeError) as info:
        Bedrag.uit_decimal(1.5)  # type: ignore[arg-type]
    assert str(info.value) == "uit_decimal verwacht een Decimal, niet float"
    with pytest.raises(ValueError) as waarde:
        Bedrag.uit_decimal(Decimal("NaN"))
    assert str(waarde.value) == "geen bedrag: NaN"
    with pytest.raises(ValueError) as waarde:
        Bedrag.uit_decimal(Decimal("1234.505"))
    assert str(waarde.value) == "bedrag met meer dan twee decimalen: 1234.505"
    with pytest.raises(ValueError) as waarde:
        Bedrag.uit_decimal(Decimal("1" * 31))
    assert str(waarde.value) == f"bedrag te groot: {'1' * 31}"


def test_decimal_van_ten_hoogste_dertig_cijfers_voor_de_komma_wordt_omgezet() -> None:
    assert Bedrag.uit_decimal(Decimal("9" * 30)) == Bedrag(int("9" * 30) * 100)
    assert Bedrag.uit_decimal(Decimal("9" * 28 + ".99")) == Bedrag(int("9" * 30))
    assert Bedrag.uit_decimal(Decimal("1E+29")) == Bedrag(10**31)
    with pytest.raises(ValueError):
        Bedrag.uit_decimal(Decimal("1E+30"))


def test_decimal_nul_met_drie_nullen_achter_de_komma_is_nul() -> None:
    assert Bedrag.uit_decimal(Decimal("0.000")) == Bedrag.nul()
    assert Bedrag.uit_decimal(Decimal("-0.000")) == Bedrag.nul()
    assert Bedrag.uit_decimal(Decimal("0.010")) == Bedrag(1)


def test_een_bedrag_van_iets_anders_dan_hele_centen_en_een_verdeling_over_geen_delen_zeggen_waarom() -> None:
    with pytest.raises(TypeError) as info:
        Bedrag(1.5)  # type: ignore[arg-type]
    assert str(info.value) == "een Bedrag bestaat uit hele centen (int), niet float"
    with pytest.raises(TypeError) as info:
        Bedrag(500).verdeel(2.0)  # type: ignore[arg-type]
    assert str(info.value) == "verdeel verwacht een int, niet float"
    with pytest.raises(ValueError) as waarde:
        Bedrag(500).verdeel(0)
    assert str(waarde.value) == "verdelen over 0 delen kan niet; ten minste 1"
    assert Bedrag(500).verdeel(1) == [Bedrag(500)]
