"""Sending a decision, and the bezwaar against it (Awb 3:41, 6:4-6:11, 7:10-7:12).

Two aggregates, apart from the Aanvraag so that its stream stays the decisions themselves:
- `Verzending`, one per decision letter (its id is the decision's event number in the log):
  the letter was sent on a date, never before the decision (Awb 3:41: bekendmaking by sending);
  sending is recorded once, a repeat with the same date changes nothing, another date is refused;
- `Bezwaar`, numbered 1, 2, ... in the order of registration: received on a date against one
  decision (its event number), with the bezwaartermijn as it stood (ledger/bezwaartermijn.py):
  `tijdig`, or late and excusable with a reason (Awb 6:11), and the beslistermijn (Awb 7:10).
  It is decided once, by the college (Awb 7:11, art. 2), motivated (Awb 7:12): a late bezwaar that
  is not excusable can only be niet-ontvankelijk (Awb 6:9, 6:11). What `gegrond` does to the
  aanvraag (herroeping, Awb 7:11) is the Aanvraag's (ledger/aanvraag_bezwaar.py).
- No bezwaar against a beslissing op bezwaar (Awb 7:1 lid 1: beroep bij de rechtbank, Awb 8:1).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from ledger import bezwaartermijn as bt
from ledger.datum import formatteer_datum
from ledger.fouten import OngeldigeInvoer, OngeldigeToestand, RegelOvertreden
from ledger.ids import NAMESPACE
from ledger.namens import NAMENS_COLLEGE, eis_mandaat_voor

UITKOMSTEN = ("gegrond", "ongegrond", "niet-ontvankelijk")
BESLISSING_OP_BEZWAAR = "beslissing op bezwaar"


def verzending_id(gebeurtenis: int) -> UUID:
    return uuid5(NAMESPACE, f"verzending:{gebeurtenis}")


def bezwaar_id(nummer: int) -> UUID:
    return uuid5(NAMESPACE, f"bezwaar:{nummer}")


class Verzending(Aggregate):
    """Awb 3:41: the decision recorded as event `gebeurtenis` was sent on `datum`."""

    TOPIC = "voucher.Verzending"

    class Event(Aggregate.Event):
        """The base of this aggregate's events: defined here, so that the library does not redefine each event
        as a subclass of one it makes itself (a second dataclass per event class at every start)."""

    class Created(Event, Aggregate.Created):  # explicit topics require it; never triggered
        TOPIC = "voucher.Verzending.Created"

    class Verzonden(Event, Aggregate.Created):
        """Awb 3:41: the decision letter was sent; the bezwaartermijn runs from the day after (Awb 6:8)."""

        TOPIC = "voucher.Verzending.Verzonden"
        gebeurtenis: int  # the decision's event number in the log
        aanvraag: int
        bezwaar: int | None  # a beslissing op bezwaar: the bezwaar it decides
        soort: str  # the decision's kind
        besluitdatum: date
        laatste_dag: date  # of the bezwaartermijn (after a beslissing op bezwaar: of the beroepstermijn)
        datum: date  # sent on
        gebruiker: str

    @staticmethod
    def create_id(gebeurtenis: int, **_: Any) -> UUID:
        return verzending_id(gebeurtenis)

    @event(Verzonden)
    def __init__(
        self,
        gebeurtenis: int,
        aanvraag: int,
        bezwaar: int | None,
        soort: str,
        besluitdatum: date,
        laatste_dag: date,
        datum: date,
        gebruiker: str,
    ) -> None:
        self.gebeurtenis = gebeurtenis
        self.aanvraag = aanvraag
        self.bezwaar = bezwaar
        self.soort = soort
        self.besluitdatum = besluitdatum
        self.laatste_dag = laatste_dag
        self.datum = datum
        self.gebruiker = gebruiker

    @classmethod
    def verzend(
        cls,
        gebeurtenis: int,
        aanvraag: int,
        bezwaar: int | None,
        soort: str,
        besluitdatum: date,
        termijn_weken: int,
        datum: date,
        gebruiker: str,
    ) -> Verzending:
        if datum < besluitdatum:
            raise OngeldigeInvoer(
                f"de verzending ({formatteer_datum(datum)}) ligt voor het besluit ({formatteer_datum(besluitdatum)})"
            )
        return cls(
            gebeurtenis=gebeurtenis,
            aanvraag=aanvraag,
            bezwaar=bezwaar,
            soort=soort,
            besluitdatum=besluitdatum,
            laatste_dag=bt.laatste_dag_bezwaar(datum, termijn_weken),
            datum=datum,
            gebruiker=gebruiker,
        )

    def eis_zelfde_datum(self, datum: date) -> None:
        """A repeat with the same date is no change; another date would rewrite when the term began."""
        if datum != self.datum:
            raise OngeldigeToestand(
                f"besluit #{self.gebeurtenis} is al verzonden op {formatteer_datum(self.datum)}; de bezwaartermijn "
                f"loopt vanaf de dag daarna (tot en met {formatteer_datum(self.laatste_dag)})",
                artikel="Awb 6:8",
                verzonden=self.datum,
            )


class Bezwaar(Aggregate):
    """A bezwaarschrift against one decision on an aanvraag, and the beslissing op bezwaar."""

    TOPIC = "voucher.Bezwaar"

    class Event(Aggregate.Event):
        """The base of this aggregate's events: defined here, so that the library does not redefine each event
        as a subclass of one it makes itself (a second dataclass per event class at every start)."""

    class Created(Event, Aggregate.Created):  # explicit topics require it; never triggered
        TOPIC = "voucher.Bezwaar.Created"

    class Beslist(Event):
        """Awb 7:11-7:12: the college decides on the bezwaar; a decision, with a letter and beroep."""

        TOPIC = "voucher.Bezwaar.Beslist"
        uitkomst: str  # gegrond | ongegrond | niet-ontvankelijk
        motivering: str
        datum: date
        gebruiker: str
        namens: str
        mandaat: dict[str, Any] | None

    class Ingediend(Event, Aggregate.Created):
        """Awb 6:4: a bezwaarschrift received against one decision, registered with its terms."""

        TOPIC = "voucher.Bezwaar.Ingediend"
        nummer: int
        aanvraag: int
        wijk: str
        besluit: int  # the decision's event number in the log
        soort: str  # the decision's kind
        besluitdatum: date
        verzonden: date | None  # None: not sent, no term runs (Awb 6:8, 6:10)
        laatste_dag: date | None  # of the bezwaartermijn; None when not sent
        ontvangen: date
        omschrijving: str
        tijdig: bool
        verschoonbaar: str | None  # why a late bezwaar is excusable (Awb 6:11)
        beslissen_voor: date  # Awb 7:10
        datum: date
        gebruiker: str
        namens: str
        mandaat: dict[str, Any] | None

    @staticmethod
    def create_id(nummer: int, **_: Any) -> UUID:
        return bezwaar_id(nummer)

    @event(Ingediend)
    def __init__(
        self,
        nummer: int,
        aanvraag: int,
        wijk: str,
        besluit: int,
        soort: str,
        besluitdatum: date,
        verzonden: date | None,
        laatste_dag: date | None,
        ontvangen: date,
        omschrijving: str,
        tijdig: bool,
        verschoonbaar: str | None,
        beslissen_voor: date,
        datum: date,
        gebruiker: str,
        namens: str,
        mandaat: dict[str, Any] | None,
    ) -> None:
        self.nummer = nummer
        self.aanvraag = aanvraag
        self.wijk = wijk
        self.besluit = besluit
        self.soort = soort
        self.besluitdatum = besluitdatum
        self.verzonden = verzonden
        self.laatste_dag = laatste_dag
        self.ontvangen = ontvangen
        self.omschrijving = omschrijving
        self.tijdig = tijdig
        self.verschoonbaar = verschoonbaar
        self.beslissen_voor = beslissen_voor
        self.ingediend_op = datum
        self.beslissing: dict[str, Any] | None = None

    @classmethod
    def dien_in(
        cls,
        nummer: int,
        aanvraag: int,
        wijk: str,
        besluit: int,
        soort: str,
        besluitdatum: date,
        verzonden: date | None,
        laatste_dag: date | None,
        ontvangen: date,
        omschrijving: str,
        verschoonbaar: str | None,
        datum: date,
        gebruiker: str,
        *,
        mandaat: dict[str, Any],
    ) -> Bezwaar:
        if soort == BESLISSING_OP_BEZWAAR:
            raise RegelOvertreden(
                "tegen een beslissing op bezwaar staat geen bezwaar open maar beroep bij de rechtbank",
                artikel="Awb 7:1 lid 1, 8:1",
            )
        if not omschrijving.strip():
            raise OngeldigeInvoer("omschrijf het bezwaar en zijn gronden met --omschrijving (Awb 6:5 lid 1 onder d)")
        if ontvangen < besluitdatum:
            raise OngeldigeInvoer(
                f"het bezwaarschrift ({formatteer_datum(ontvangen)}) is ontvangen voor het besluit waartegen het zich "
                f"richt ({formatteer_datum(besluitdatum)})"
            )
        if ontvangen > datum:
            raise OngeldigeInvoer("--ontvangen ligt na de datum van registratie (--datum)")
        op_tijd = bt.tijdig(ontvangen, laatste_dag)
        reden = verschoonbaar.strip() if verschoonbaar and verschoonbaar.strip() else None
        if op_tijd and reden is not None:
            raise OngeldigeInvoer(
                "het bezwaar is op tijd: --verschoonbaar is alleen voor een bezwaar na de termijn (Awb 6:11)"
            )
        return cls(
            nummer=nummer,
            aanvraag=aanvraag,
            wijk=wijk,
            besluit=besluit,
            soort=soort,
            besluitdatum=besluitdatum,
            verzonden=verzonden,
            laatste_dag=laatste_dag,
            ontvangen=ontvangen,
            omschrijving=omschrijving.strip(),
            tijdig=op_tijd,
            verschoonbaar=reden,
            beslissen_voor=bt.beslissen_voor(ontvangen, laatste_dag),
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, wijk),
        )

    @property
    def ontvankelijk_mogelijk(self) -> bool:
        """Awb 6:9, 6:11: on time, or late and excusable."""
        return self.tijdig or self.verschoonbaar is not None

    def beslis(self, uitkomst: str, motivering: str, datum: date, gebruiker: str, *, mandaat: dict[str, Any]) -> bool:
        """Returns False for a repeat of the same decision (nothing to write)."""
        if uitkomst not in UITKOMSTEN:
            raise OngeldigeInvoer("--uitkomst is gegrond, ongegrond of niet-ontvankelijk (Awb 7:11, 6:9)")
        if self.beslissing is not None:
            if (self.beslissing["uitkomst"], self.beslissing["motivering"]) == (uitkomst, motivering.strip()):
                return False
            raise OngeldigeToestand(
                f"op bezwaar {self.nummer} is al beslist op {formatteer_datum(self.beslissing['datum'])}: "
                f"{self.beslissing['uitkomst']}; daartegen staat beroep open bij de rechtbank",
                artikel="Awb 7:11, 8:1",
                bezwaar=self.nummer,
            )
        if not motivering.strip():
            raise OngeldigeInvoer("een beslissing op bezwaar wordt gemotiveerd: geef --motivering (Awb 7:12)")
        if datum < self.ontvangen:
            raise OngeldigeInvoer(
                f"de beslissing ligt voor de ontvangst van het bezwaarschrift ({formatteer_datum(self.ontvangen)})"
            )
        if uitkomst != "niet-ontvankelijk" and not self.ontvankelijk_mogelijk:
            raise RegelOvertreden(
                f"bezwaar {self.nummer} is ontvangen op {formatteer_datum(self.ontvangen)}, na de bezwaartermijn "
                f"(tot en met {formatteer_datum(self.laatste_dag) if self.laatste_dag else '-'}), en niet als "
                "verschoonbaar geregistreerd: het kan alleen niet-ontvankelijk worden verklaard",
                artikel="Awb 6:9, 6:11",
                bezwaar=self.nummer,
            )
        self._beslist(
            uitkomst=uitkomst,
            motivering=motivering.strip(),
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.wijk),
        )
        return True

    @event(Beslist)
    def _beslist(
        self, uitkomst: str, motivering: str, datum: date, gebruiker: str, namens: str, mandaat: dict[str, Any] | None
    ) -> None:
        self.beslissing = {"uitkomst": uitkomst, "motivering": motivering, "datum": datum, "door": gebruiker}
