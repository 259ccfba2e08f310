"""Het verzoek (ledger/verzoek.py): een sleutel (`--sleutel`) doet één keer iets.

Dezelfde opdracht met dezelfde inhoud van dezelfde gebruiker onder dezelfde sleutel is een
herhaling en krijgt de vastgelegde uitkomst; al het andere onder die sleutel wordt geweigerd.
"""

from __future__ import annotations

from datetime import date

import pytest

from ledger import ids
from ledger.fouten import RegelOvertreden
from ledger.verzoek import Verzoek


def verzoek() -> Verzoek:
    return Verzoek(
        sleutel="betaling-17",
        opdracht="verzilver",
        inhoud="abc123",
        uitkomst={"restant": "900.00"},
        datum=date(2026, 4, 1),
        gebruiker="kas.beheer",
    )


def test_een_verzoek_legt_sleutel_opdracht_inhoud_uitkomst_datum_en_gebruiker_vast() -> None:
    v = verzoek()
    (g,) = v.collect_events()
    assert type(g).__name__ == "Vastgelegd"
    assert (g.sleutel, g.opdracht, g.inhoud, g.uitkomst, g.datum, g.gebruiker) == (
        "betaling-17",
        "verzilver",
        "abc123",
        {"restant": "900.00"},
        date(2026, 4, 1),
        "kas.beheer",
    )
    assert v.id == Verzoek.create_id("betaling-17")
    assert Verzoek.create_id("betaling-17") != Verzoek.create_id("betaling-18")
    assert Verzoek.create_id("betaling-17").version == 5
    assert Verzoek.create_id("x") not in {ids.gemeente_id(), ids.aanvraag_id(1), ids.voucher_id("x")}


def test_hetzelfde_verzoek_nogmaals_geeft_de_vastgelegde_uitkomst() -> None:
    assert verzoek().herhaling("verzilver", "abc123", "kas.beheer") == {"restant": "900.00"}


@pytest.mark.parametrize(
    ("opdracht", "inhoud", "gebruiker"),
    [("contant", "abc123", "kas.beheer"), ("verzilver", "def456", "kas.beheer"), ("verzilver", "abc123", "kas.twee")],
    ids=["andere-opdracht", "andere-inhoud", "andere-gebruiker"],
)
def test_een_ander_verzoek_onder_dezelfde_sleutel_wordt_geweigerd(opdracht: str, inhoud: str, gebruiker: str) -> None:
    with pytest.raises(RegelOvertreden) as info:
        verzoek().herhaling(opdracht, inhoud, gebruiker)
    assert (
        str(info.value) == "de sleutel 'betaling-17' is al gebruikt voor een andere opdracht; kies een nieuwe sleutel"
    )
    assert info.value.gegevens == {"sleutel": "betaling-17"}
    assert info.value.artikel is None
