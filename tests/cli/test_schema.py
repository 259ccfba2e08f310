"""`voucher schema`: every command's `--json` answer has a JSON Schema, and real answers validate against it.

The real answers are those of the golden scenario (scenario_gouden.py): every command, on a new store
and on the demo's. A command added without a result type fails here with the name of the command.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import jsonschema
import pytest
from cli_hulp import ok, voer_uit
from scenario_gouden import DEMO_LEZINGEN, handelingen

import cli
from commands import schema as s


def _commando_s(groep: click.Group, voor: tuple[str, ...] = ()) -> dict[str, click.Command]:
    uit: dict[str, click.Command] = {}
    for naam, c in groep.commands.items():
        if isinstance(c, click.Group):
            uit |= _commando_s(c, (*voor, naam))
            if c.invoke_without_command:  # `voucher regeling` answers itself, besides `regeling wijzigen`
                uit[" ".join((*voor, naam))] = c
        else:
            uit[" ".join((*voor, naam))] = c
    return uit


COMMANDO_S = _commando_s(cli.voucher)


def _pad(argv: list[str]) -> str:
    """The command an argv runs: the words that name a group or a command."""
    groep: click.Command = cli.voucher
    woorden = []
    for woord in argv:
        if not isinstance(groep, click.Group) or woord not in groep.commands:
            break
        woorden.append(woord)
        groep = groep.commands[woord]
    return " ".join(woorden)


def test_elk_commando_met_json_heeft_een_schema():
    zonder = sorted(set(COMMANDO_S) - set(s.RESULTATEN))
    assert not zonder, (
        f"commando('s) zonder resultaattype, dus zonder schema: {zonder}. Geef de handeling een resultaat "
        "(een frozen dataclass in commands/resultaten.py, of voor een lezing in commands/leesresultaten.py) en "
        "zet het in SCHRIJFRESULTATEN of LEESRESULTATEN"
    )
    assert not set(s.RESULTATEN) - set(COMMANDO_S), "een schema voor een commando dat niet bestaat"


@pytest.mark.parametrize("commando", sorted(s.RESULTATEN))
def test_het_schema_van_elk_commando_is_een_geldig_json_schema(commando):
    uit = json.loads(ok(voer_uit("schema", *commando.split(), als_json=True)).out)
    jsonschema.Draft202012Validator.check_schema(uit)
    assert uit["title"] == f"voucher {commando}"
    assert uit.get("type") == "object" or "anyOf" in uit


def test_schema_zonder_commando_noemt_elk_commando():
    assert ok(voer_uit("schema", als_json=True)).json() == {"commandos": sorted(s.RESULTATEN)}
    tekst = ok(voer_uit("schema")).out
    assert tekst.startswith("Commando's met een --json-antwoord") and "aanvraag toekennen" in tekst


def test_schema_van_een_onbekend_commando_is_ongeldige_invoer():
    u = voer_uit("schema", "aanvraag", "verzinnen")
    assert u.code == 2 and "geen commando 'aanvraag verzinnen' met een --json-antwoord" in u.err


@pytest.fixture
def antwoorden(gouden_uitvoer, tmp_path: Path) -> list[tuple[str, str, dict]]:
    """(name, command, answer) of every step of the golden scenario, as printed with --json."""
    _, uit = gouden_uitvoer(True)
    argv = {naam: a for naam, _, a in handelingen(tmp_path)} | dict(DEMO_LEZINGEN) | {"demo": ["demo"]}
    return [(naam, _pad(argv[naam]), json.loads(tekst)) for naam, tekst in uit.items()]


def test_het_scenario_raakt_elk_commando(antwoorden):
    geraakt = {commando for _, commando, _ in antwoorden}
    assert set(COMMANDO_S) - geraakt <= {"schema"}, set(COMMANDO_S) - geraakt


def test_elk_echt_antwoord_past_in_het_schema_van_zijn_commando(antwoorden):
    for naam, commando, antwoord in antwoorden:
        schema = s.schema(commando)
        fouten = [f"{'/'.join(map(str, f.absolute_path))}: {f.message}" for f in
                  jsonschema.Draft202012Validator(schema).iter_errors(antwoord)]  # fmt: skip
        assert not fouten, f"{naam} ({commando}): {fouten[:5]}"


def test_een_vastgelegd_antwoord_leest_terug_als_hetzelfde_resultaat(antwoorden):
    """What a --sleutel repeat does: the recorded JSON back into its type gives the same JSON again."""
    from commands.uitvoer import json_waarde

    for naam, commando, antwoord in antwoorden:
        soort = s.SCHRIJFRESULTATEN.get(commando)
        if soort is None:
            continue
        terug = soort.uit_json(antwoord)
        assert isinstance(terug, soort)
        assert json.loads(json.dumps(terug, default=json_waarde)) == antwoord, naam


def test_een_herhaling_met_sleutel_drukt_bedragen_en_datums_zoals_het_eerste_antwoord(gouden_uitvoer):
    """Without its type a repeat would print the stored JSON ("450.00", "2025-03-01") in its text."""
    _, uit = gouden_uitvoer(False)
    for eerste, herhaald in (("verzilver", "verzilver-sleutel"), ("toekennen-1", "toekennen-1-sleutel")):
        kop, _, rest = uit[herhaald].partition("\n")
        assert kop.startswith("Dit verzoek (sleutel ") and kop.endswith("Het antwoord van toen:")
        assert rest == uit[eerste]
        assert "€ " in rest and not re.search(r"\b\d+\.\d{2}\b|\d{4}-\d{2}-\d{2}", rest), rest


def _eigenschappen(schema: dict, deel: dict) -> set[str] | None:
    """The property names an object schema names (following a $ref into $defs), None for any other schema."""
    while "$ref" in deel:
        deel = schema["$defs"][deel["$ref"].rsplit("/", 1)[-1]]
    return set(deel["properties"]) if deel.get("type") == "object" and "properties" in deel else None


def test_het_schema_noemt_elke_sleutel_van_een_echt_antwoord(antwoorden):
    """The schema is the contract: a key the answer has and the schema does not name is a key nobody promised."""
    ontbreekt: dict[str, set[str]] = {}
    for _naam, commando, antwoord in antwoorden:
        schema = s.schema(commando)
        rijen = antwoord if isinstance(antwoord, list) else [antwoord]
        deel = schema.get("items", schema) if isinstance(antwoord, list) else schema
        namen = _eigenschappen(schema, deel)
        for rij in rijen if namen is not None else []:
            if isinstance(rij, dict) and set(rij) - namen:
                ontbreekt.setdefault(commando, set()).update(set(rij) - namen)
    assert not ontbreekt, {c: sorted(n) for c, n in ontbreekt.items()}
