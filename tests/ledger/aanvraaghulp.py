"""Hulp voor de tests van de aanvraag zelf (ledger/aanvraag.py): een aanvraag zonder opslag en haar besluiten.

Gedeeld door test_aanvraag_domein.py (ontvangst tot toekenning) en test_aanvraag_besluiten.py
(weigeren, de wijkraadpleging en wat na het besluit komt).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from ledger.aanvraag import Aanvraag
from ledger.geld import Bedrag
from ledger.namens import mandaat

ONTVANGEN = date(2026, 2, 2)
DAG_ERVOOR = date(2026, 2, 1)
REGIE = "regie.noord"
NOORD = mandaat("regiegroep", "NOORD")
ZUID = mandaat("regiegroep", "ZUID")
DREMPEL = Bedrag.parse("10.000")
MAX_VOUCHER = Bedrag.parse("5.000")
RUIM = Bedrag.parse("100.000")


def e(tekst: str) -> Bedrag:
    return Bedrag.parse(tekst)


def persoon(**anders: Any) -> dict[str, Any]:
    return {"naam": "A. de Vries", "adres": "Lindelaan 1", "telefoon": "06-12345678", "ondertekend": True} | anders


def gegevens(kosten: str | None = "1.000", **anders: Any) -> dict[str, Any]:
    return {
        "omschrijving": "Buurtfeest op het plein",
        "planning": "juni",
        "kosten": e(kosten) if kosten else None,
        "vouchers_gewenst": None,
        "elders_subsidie": False,
    } | anders


def aanvraag(kosten: str | None = "1.000", *, nummer: int = 1, p: dict[str, Any] | None = None, **g: Any) -> Aanvraag:
    a = Aanvraag(
        nummer=nummer,
        wijk="NOORD",
        periode=2026,
        ontvangen=ONTVANGEN,
        persoon=persoon() if p is None else p,
        gegevens=gegevens(kosten, **g),
        datum=ONTVANGEN,
        gebruiker=REGIE,
    )
    a.collect_events()
    return a


def enige(a: Aanvraag) -> Any:
    (gebeurtenis,) = a.collect_events()
    return gebeurtenis


def ken_toe(a: Aanvraag, bedrag: str | None = None, *, datum: date = date(2026, 3, 1), **opties: Any) -> None:
    b = e(bedrag) if bedrag else a.kosten
    assert b is not None
    a.ken_toe(
        b,
        a.verdeel(b, None, MAX_VOUCHER),
        opties.pop("drempel", DREMPEL),
        opties.pop("beschikbaar", RUIM),
        datum,
        REGIE,
        mandaat=opties.pop("mandaat", NOORD),
        **opties,
    )


def geschikt(a: Aanvraag, datum: date = date(2026, 2, 10)) -> None:
    a.verklaar_geschikt(DREMPEL, datum, REGIE, mandaat=NOORD)
    a.collect_events()


def weigert(a: Aanvraag, fout: type[Exception], handeling: Callable[[], Any]) -> Any:
    """Precies deze fout, en het aggregaat legt niets vast."""
    with pytest.raises(fout) as info:
        handeling()
    assert type(info.value) is fout
    assert a.collect_events() == []
    return info.value
