"""Stable identities of the aggregates.

Every aggregate id is a UUID5 of its natural key (gemeente, wijk code and budget year,
aanvraag number, voucher code, supplier invoice), so that any process finds the same
stream for the same thing and two writers creating it race on one primary key.
"""

from __future__ import annotations

from uuid import UUID, uuid5

NAMESPACE = UUID("6f1c1f0e-5a55-4b7e-9c2a-0a7d2b4c9e31")


def gemeente_id() -> UUID:
    return uuid5(NAMESPACE, "gemeente")


def wijk_id(code: str, periode: int) -> UUID:
    return uuid5(NAMESPACE, f"wijk:{code}:{periode}")


def aanvraag_id(nummer: int) -> UUID:
    return uuid5(NAMESPACE, f"aanvraag:{nummer}")


def voucher_id(code: str) -> UUID:
    return uuid5(NAMESPACE, f"voucher:{code}")


def factuur_id(leverancier: str, factuur: str) -> UUID:
    return uuid5(NAMESPACE, f"factuur:{normaliseer(leverancier)}\x1f{normaliseer(factuur)}")


def normaliseer(tekst: str) -> str:
    """Case- and spacing-insensitive key, so 'Bouwmarkt  X' and 'bouwmarkt x' are one supplier."""
    return " ".join(tekst.split()).casefold()
