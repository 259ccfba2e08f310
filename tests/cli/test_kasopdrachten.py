"""De betaalopdrachten zonder pydantic (commands/kasopdrachten.py, commands/vorm.py; issue 13) houden de vorm
die zij als pydantic-modellen hadden: dezelfde Nederlandse foutregel per optie (exitcode 2, niets geschreven)
en dezelfde bytes van `model_dump_json`, waarvan een `--sleutel` de hash vastlegt (commands/kern.py). De
verwachte waarden hieronder zijn geschreven door de pydantic-modellen van vóór deze wijziging.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from cli_hulp import KAS, VOUCHER_NOORD, aantal_events, kopieer_store, voer_uit

from commands import modellen as m
from commands.kasopdrachten import NeemContantOp, Verzilver
from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag

B, C = Bedrag.parse, Bedrag.van_centen

GOED: list[tuple[type, dict[str, Any], str]] = [
    (
        Verzilver,
        {"code": "V000001-01-0", "bedrag": B("450"), "leverancier": "Bouwmarkt Noord", "factuur": "F-1"},
        '{"datum":null,"code":"V000001-01-0","bedrag":{"centen":45000},"leverancier":"Bouwmarkt Noord",'
        '"factuur":"F-1","factuurdatum":null}',
    ),
    (
        Verzilver,
        {
            "code": "V000001-01-0",
            "bedrag": B("0,01"),
            "leverancier": '  Café\tÉén "x" \\ ü  ',
            "factuur": "ｆ1",
            "datum": date(2026, 3, 1),
            "factuurdatum": date(2026, 2, 28),
        },
        '{"datum":"2026-03-01","code":"V000001-01-0","bedrag":{"centen":1},"leverancier":"Café\\tÉén \\"x\\" \\\\ ü",'
        '"factuur":"ｆ1","factuurdatum":"2026-02-28"}',
    ),
    (
        NeemContantOp,
        {"code": "V000002-01-8", "bedrag": B("500"), "kwitantie": None},
        '{"datum":null,"code":"V000002-01-8","bedrag":{"centen":50000},"kwitantie":null}',
    ),
    (
        NeemContantOp,
        {"code": "V000002-01-8", "bedrag": B("12,34"), "kwitantie": " K-1 ", "datum": date(2026, 5, 6)},
        '{"datum":"2026-05-06","code":"V000002-01-8","bedrag":{"centen":1234},"kwitantie":"K-1"}',
    ),
    (
        NeemContantOp,
        {"code": "V000002-01-8", "bedrag": B("1"), "kwitantie": "e\u0301"},  # NFC: é
        '{"datum":null,"code":"V000002-01-8","bedrag":{"centen":100},"kwitantie":"\u00e9"}',
    ),
]

FOUT: list[tuple[type, dict[str, Any], str]] = [
    (Verzilver, {"bedrag": C(0), "leverancier": "", "factuur": "F"}, "--bedrag moet groter zijn dan € 0,00"),
    (Verzilver, {"bedrag": B("1"), "leverancier": "", "factuur": "F"}, "--leverancier mag niet leeg zijn"),
    (Verzilver, {"bedrag": B("1"), "leverancier": "   ", "factuur": "F"}, "--leverancier mag niet leeg zijn"),
    (
        Verzilver,
        {"bedrag": B("1"), "leverancier": "x" * 201, "factuur": "F"},
        "--leverancier is te lang (ten hoogste 200 tekens)",
    ),
    (
        Verzilver,
        {"bedrag": B("1"), "leverancier": "a\nb", "factuur": "F"},
        "--leverancier bevat stuurtekens, regeleinden of onzichtbare tekens",
    ),
    (
        Verzilver,
        {"bedrag": B("1"), "leverancier": "a", "factuur": "F" * 101},
        "--factuur is te lang (ten hoogste 100 tekens)",
    ),
    (
        Verzilver,
        {"bedrag": B("1"), "leverancier": "a", "factuur": "\u200b"},
        "--factuur bevat stuurtekens, regeleinden of onzichtbare tekens",
    ),
    (Verzilver, {"bedrag": C(-100), "leverancier": "a", "factuur": ""}, "--bedrag moet groter zijn dan € 0,00"),
    (NeemContantOp, {"bedrag": C(0)}, "--bedrag moet groter zijn dan € 0,00"),
    (NeemContantOp, {"bedrag": B("1"), "kwitantie": ""}, "--kwitantie mag niet leeg zijn"),
    (
        NeemContantOp,
        {"bedrag": B("1"), "kwitantie": "k\x07"},
        "--kwitantie bevat stuurtekens, regeleinden of onzichtbare tekens",
    ),
    (NeemContantOp, {"bedrag": B("1"), "kwitantie": "k" * 101}, "--kwitantie is te lang (ten hoogste 100 tekens)"),
    (NeemContantOp, {"bedrag": "1,00"}, "--bedrag is ongeldig"),
]


@pytest.mark.parametrize(("model", "waarden", "verwacht"), GOED)
def test_een_betaalopdracht_schrijft_dezelfde_bytes_als_het_pydantic_model(
    model: type, waarden: dict[str, Any], verwacht: str
) -> None:
    assert model(**waarden).model_dump_json() == verwacht
    assert m.maak(model, **waarden).model_dump_json() == verwacht  # the models' one way of building a command
    json.loads(verwacht)


@pytest.mark.parametrize(("model", "waarden", "melding"), FOUT)
def test_een_ongeldige_betaalopdracht_geeft_dezelfde_foutregel(model: type, waarden: dict[str, Any], melding: str):
    with pytest.raises(OngeldigeInvoer) as fout:
        model(code="V1", **waarden)
    assert fout.value.melding == melding


def test_dezelfde_tekstregels_als_de_andere_opdrachten() -> None:
    """`Naam` en `Kort` van de pydantic-modellen en de velden van de betaalopdrachten: één controle."""
    with pytest.raises(OngeldigeInvoer, match="--naam is te lang"):
        m.maak(m.GeefMandaat, aan="anna", rol="kasbeheerder", naam="x" * 201)
    assert m.maak(m.GeefMandaat, aan="anna", rol="kasbeheerder", naam="x" * 200).naam == "x" * 200
    assert Verzilver(code="V1", bedrag=B("1"), leverancier="x" * 200, factuur="F").leverancier == "x" * 200


@pytest.mark.parametrize(
    ("geweigerd", "toegestaan"),
    [
        (["contant", VOUCHER_NOORD, "--bedrag", "10", "--kwitantie", " "], ["--kwitantie", "K9"]),
        (
            ["verzilver", VOUCHER_NOORD, "--bedrag", "10", "--factuur", "F9", "--leverancier", "x" * 201],
            ["--leverancier", "x" * 200],
        ),
    ],
    ids=["contant", "verzilver"],
)
def test_op_de_opdrachtregel_exitcode_2_en_niets_geschreven(
    basis_store, tmp_path, geweigerd: list[str], toegestaan: list[str]
) -> None:
    db = kopieer_store(basis_store, tmp_path / "v.db")
    voor = aantal_events(db)
    uit = voer_uit(*geweigerd, db=db, gebruiker=KAS, als_json=True)
    assert uit.code == 2, uit
    assert json.loads(uit.err)["fout"]["soort"] == "invoer"
    assert aantal_events(db) == voor
    goed = voer_uit(*geweigerd[:-2], *toegestaan, "--datum", "2026-04-02", db=db, gebruiker=KAS, als_json=True)
    assert goed.code == 0, goed
    assert aantal_events(db) > voor
