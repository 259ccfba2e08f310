"""Het verzoek (ledger/verzoek.py): een sleutel (`--sleutel`) doet één keer iets.

Dezelfde opdracht met dezelfde inhoud van dezelfde gebruiker onder dezelfde sleutel is een
herhaling en krijgt de vastgelegde uitkomst; al het andere onder die sleutel wordt geweigerd.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

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
    assert v.id == Verzoek.create_id("betaling-17") == UUID("15380a2a-212b-53e4-bc0f-76aec3c241b0")


def test_de_identiteit_van_elke_stroom_ligt_vast_want_de_opslag_vindt_haar_eraan_terug() -> None:
    # Opgeslagen stromen heten zo; een andere afleiding maakt een bestaande opslag onvindbaar.
    assert ids.gemeente_id() == UUID("54239681-b0a0-5911-9257-98755cd48196")
    assert ids.wijk_id("NOORD", 2026) == UUID("865a64fa-71fe-5a62-b96d-9fe25034dfe7")
    assert ids.aanvraag_id(17) == UUID("b84f9f3d-299f-5e95-a5e2-7184aa025b69")
    assert ids.voucher_id("V000017-02-6") == UUID("7180a2ad-97f2-5f4e-ad4a-a61fd005201c")
    assert ids.factuur_id(" Bouwmarkt  X ", "F-1") == UUID("3fb0870d-9dac-53fc-a1f4-c46e90b0ebec")
    assert ids.factuur_id("bouwmarkt x", "f-1") == ids.factuur_id("BOUWMARKT\tX", " F-1")
    assert ids.normaliseer("  Bouwmarkt \n X ") == "bouwmarkt x"


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
