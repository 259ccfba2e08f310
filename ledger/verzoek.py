"""Het verzoek: a caller's idempotency key (`--sleutel`) and what it was used for.

A retried command (a timeout, a script run twice) must not act twice. The first command
under a key records, in the same transaction as its events, which act it was, a hash of
its content and its result. The same key with the same content is a repeat: the recorded
result is the answer and nothing is written. The same key with other content is refused.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from ledger import ids
from ledger.fouten import RegelOvertreden


class Verzoek(Aggregate):
    TOPIC = "voucher.Verzoek"

    class Event(Aggregate.Event):
        """The base of this aggregate's events: defined here, so that the library does not redefine each event
        as a subclass of one it makes itself (a second dataclass per event class at every start)."""

    class Created(Event, Aggregate.Created):  # explicit topics require it; never triggered
        TOPIC = "voucher.Verzoek.Created"

    class Vastgelegd(Event, Aggregate.Created):
        """The first command under a key: which act, a hash of its content, and its result."""

        TOPIC = "voucher.Verzoek.Vastgelegd"
        sleutel: str
        opdracht: str
        inhoud: str  # the hash of the command's content
        uitkomst: dict[str, Any]
        datum: date
        gebruiker: str

    @staticmethod
    def create_id(sleutel: str, **_: Any) -> UUID:
        return uuid5(ids.NAMESPACE, f"verzoek:{sleutel}")

    @event(Vastgelegd)
    def __init__(
        self, sleutel: str, opdracht: str, inhoud: str, uitkomst: dict[str, Any], datum: date, gebruiker: str
    ) -> None:
        self.sleutel = sleutel
        self.opdracht = opdracht
        self.inhoud = inhoud
        self.uitkomst = uitkomst
        self.gebruiker = gebruiker

    def herhaling(self, opdracht: str, inhoud: str, gebruiker: str) -> dict[str, Any]:
        """The recorded result when this is the same request again; refused otherwise."""
        if (self.opdracht, self.inhoud, self.gebruiker) != (opdracht, inhoud, gebruiker):
            raise RegelOvertreden(
                f"de sleutel {self.sleutel!r} is al gebruikt voor een andere opdracht; kies een nieuwe sleutel",
                sleutel=self.sleutel,
            )
        return self.uitkomst
