"""Voucher codes: a mistyped character or two swapped neighbours never reach another voucher."""

from __future__ import annotations

import string

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ledger.fouten import OngeldigeInvoer
from ledger.vouchercode import controlecijfer, maak_code, normaliseer_code, parse_code

AFDRUKBAAR_ASCII = [chr(c) for c in range(0x20, 0x7F)]
assert len(AFDRUKBAAR_ASCII) == 95 and set(string.digits) <= set(AFDRUKBAAR_ASCII)

# A few hundred codes, spread over the whole range and its edges; each is checked exhaustively below.
CODES = sorted(
    {(aanvraag, volgnummer) for aanvraag in (1, 2, 9, 17, 99_999, 100_000, 999_999) for volgnummer in (1, 2, 10, 99)}
    | {(1 + (i * 7_919) % 999_999, 1 + (i * 37) % 99) for i in range(250)}
)


def test_damm_voorbeeld_uit_de_literatuur() -> None:
    assert controlecijfer("572") == 4
    assert controlecijfer("5724") == 0


def test_canonieke_vorm_met_controlecijfer() -> None:
    assert maak_code(17, 2) == "V000017-02-6"
    assert maak_code(1, 1) == "V000001-01-" + str(controlecijfer("00000101"))
    assert maak_code(999_999, 99).startswith("V999999-99-")


@pytest.mark.parametrize(
    "tekst",
    ["V000017-02-6", "v000017-02-6", "V000017026", "v000017026", "  V000017-02-6\n", "\tv000017026 "],
)
def test_geaccepteerde_vormen_geven_dezelfde_voucher(tekst: str) -> None:
    assert parse_code(tekst) == (17, 2)
    assert normaliseer_code(tekst) == "V000017-02-6"


@pytest.mark.parametrize(
    "tekst",
    [
        "",
        " ",
        "V",
        "000017-02-6",
        "000017026",
        "V000017-026",
        "V00001702-6",
        "V0000170-2-6",
        "V-000017-02-6",
        "V000017-02-6-",
        "V000017--02-6",
        "V 000017-02-6",
        "V000017 02 6",
        "V00017-02-6",
        "V0000017-02-6",
        "V000017-2-6",
        "V000017-002-6",
        "V000017-02-",
        "V000017-02-66",
        "V00001702",
        "V0000170266",
        "W000017-02-6",
        "VV000017-02-6",
        "V００００１７-02-6",
        "V٠٠٠٠١٧-02-6",
        "\u200fV000017-02-6",
        "V000017-02-6\x00",
        "V000017\u201002-6",
        "V" + "0" * 10**6,
    ],
    ids=lambda t: repr(t[:20]),
)
def test_andere_vormen_worden_geweigerd(tekst: str) -> None:
    with pytest.raises(OngeldigeInvoer) as fout:
        parse_code(tekst)
    _is_een_nette_melding(fout.value.melding)


def test_verkeerd_controlecijfer_is_een_tikfout() -> None:
    with pytest.raises(OngeldigeInvoer, match=r"tikfout \(controlecijfer klopt niet\)"):
        parse_code("V000017-02-5")


def test_aanvraag_nul_en_voucher_nul_bestaan_niet() -> None:
    for code in ("V000000-01-" + str(controlecijfer("00000001")), "V000017-00-" + str(controlecijfer("00001700"))):
        with pytest.raises(OngeldigeInvoer, match=r"bestaat niet|vanaf 01"):
            parse_code(code)


@pytest.mark.parametrize(("aanvraag", "volgnummer"), [(0, 1), (1_000_000, 1), (-1, 1), (1, 0), (1, 100), (1, -1)])
def test_nummers_buiten_het_bereik_passen_niet_in_een_code(aanvraag: int, volgnummer: int) -> None:
    with pytest.raises(ValueError):
        maak_code(aanvraag, volgnummer)


def test_nummers_zijn_gehele_getallen() -> None:
    with pytest.raises(TypeError):
        maak_code(17.0, 2)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        maak_code(True, 2)
    with pytest.raises(TypeError):
        parse_code(17)  # type: ignore[arg-type]


def _vormen(aanvraag: int, volgnummer: int) -> list[str]:
    canoniek = maak_code(aanvraag, volgnummer)
    return [canoniek, canoniek.replace("-", "")]


def test_elke_vervanging_van_een_teken_wordt_geweigerd() -> None:
    """Exhaustive: every position, every printable ASCII replacement, both written forms, every code in CODES."""
    geprobeerd = 0
    for aanvraag, volgnummer in CODES:
        for code in _vormen(aanvraag, volgnummer):
            for positie, origineel in enumerate(code):
                for teken in AFDRUKBAAR_ASCII:
                    if teken == origineel or (positie == 0 and teken == "v"):
                        continue  # unchanged, or the lower-case v that is the same code
                    fout = code[:positie] + teken + code[positie + 1 :]
                    geprobeerd += 1
                    try:
                        gelezen = parse_code(fout)
                    except OngeldigeInvoer:
                        continue
                    pytest.fail(f"{fout!r} (uit {code}) werd gelezen als {gelezen}")
    assert geprobeerd == len(CODES) * (12 + 10) * 94 - len(CODES) * 2


def test_elke_verwisseling_van_buren_wordt_geweigerd() -> None:
    """Exhaustive: every pair of neighbouring, different characters, both written forms, every code in CODES."""
    geprobeerd = 0
    for aanvraag, volgnummer in CODES:
        for code in _vormen(aanvraag, volgnummer):
            for positie in range(len(code) - 1):
                links, rechts = code[positie], code[positie + 1]
                if links == rechts:
                    continue
                fout = code[:positie] + rechts + links + code[positie + 2 :]
                geprobeerd += 1
                with pytest.raises(OngeldigeInvoer):
                    parse_code(fout)
    assert geprobeerd > len(CODES) * 4


def test_elke_fout_in_een_cijfer_en_elke_verwisseling_wordt_door_damm_gevonden() -> None:
    """The check digit itself, over all 10 x 10 pairs: the property the codes rely on."""
    for voorgaand in range(10):
        for a in range(10):
            for b in range(10):
                if a != b:
                    prefix = str(voorgaand)
                    assert controlecijfer(prefix + str(a)) != controlecijfer(prefix + str(b))
                    goed = prefix + str(a) + str(b)
                    goed += str(controlecijfer(goed))
                    assert controlecijfer(goed) == 0
                    assert controlecijfer(prefix + str(b) + str(a) + goed[-1]) != 0


@given(st.integers(min_value=1, max_value=999_999), st.integers(min_value=1, max_value=99))
@example(1, 1)
@example(999_999, 99)
def test_een_gemaakte_code_leest_terug_als_dezelfde_voucher(aanvraag: int, volgnummer: int) -> None:
    code = maak_code(aanvraag, volgnummer)
    assert parse_code(code) == (aanvraag, volgnummer)
    assert parse_code(code.replace("-", "").lower()) == (aanvraag, volgnummer)
    assert normaliseer_code(f"  {code.lower()} ") == code


@given(st.text())
@example("V000017-02-6")
@example("V000000-00-0")
def test_willekeurige_tekst_geeft_een_voucher_of_ongeldige_invoer(tekst: str) -> None:
    try:
        aanvraag, volgnummer = parse_code(tekst)
    except OngeldigeInvoer as fout:
        _is_een_nette_melding(fout.melding)
    else:
        assert 1 <= aanvraag <= 999_999 and 1 <= volgnummer <= 99


def _is_een_nette_melding(melding: str) -> None:
    assert melding.startswith("ongeldige vouchercode '")
    assert melding.isprintable()
    assert len(melding) < 600


def test_een_vouchercode_maken_buiten_het_bereik_zegt_waarom() -> None:
    with pytest.raises(TypeError) as soort:
        maak_code(1.0, 1)  # type: ignore[arg-type]
    assert str(soort.value) == "aanvraag en volgnummer zijn gehele getallen"
    with pytest.raises(ValueError) as info:
        maak_code(1_000_000, 1)
    assert str(info.value) == "aanvraagnummer 1000000 past niet in een vouchercode (1 tot en met 999999)"
    with pytest.raises(ValueError) as info:
        maak_code(1, 100)
    assert str(info.value) == "volgnummer 100 past niet in een vouchercode (1 tot en met 99)"
