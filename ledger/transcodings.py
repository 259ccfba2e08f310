"""How domain values are written into stored events: one place for every reader.

eventsourcing registers only UUID, Decimal and datetime. A projection or replay fails on
any historical event it cannot decode, so every process builds its transcoder here.
The names are part of the stored format and never change.
"""

from __future__ import annotations

from datetime import date

from eventsourcing.persistence import JSONTranscoder, Transcoding

from ledger.geld import Bedrag


class BedragAlsCenten(Transcoding):
    type = Bedrag
    name = "bedrag_centen"

    def encode(self, obj: Bedrag) -> int:
        return obj.centen

    def decode(self, data: int) -> Bedrag:
        return Bedrag.van_centen(data)


class DatumAlsISO(Transcoding):
    type = date
    name = "datum_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


def registreer(transcoder: JSONTranscoder) -> None:
    """Add the ledger's value types to an eventsourcing transcoder."""
    for transcoding in (BedragAlsCenten(), DatumAlsISO()):
        transcoder.register(transcoding)
