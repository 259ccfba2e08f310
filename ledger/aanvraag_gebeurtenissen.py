"""The events of the aanvraag: what each act on it records, under its stored topic (art. 4-8, Awb).

The Aanvraag aggregate (ledger/aanvraag.py) binds every class here by its own name, `Event` as its
base event class, so that eventsourcing registers each explicit `TOPIC`; the methods that check
the rules and the `@event` methods that only assign state stay with the aggregate. A class may
move; its topic and its field names are the stored format and never change
(tests/store/test_gebeurtenissen_blijven_gelijk.py): a changed event gets a `class_version` and an
upcast. Every decision records on whose behalf and under which mandate (Awb 10:10,
ledger/namens.py); the decisions of the first round record them since their version 2.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate

from ledger.geld import Bedrag
from ledger.namens import upcast_v1_v2 as _upcast_namens_v1_v2


class Event(Aggregate.Event):
    """The base of the aanvraag's events (`Aanvraag.Event`): defined here, so that the library does not
    redefine each event as a subclass of one it makes itself (a second dataclass per event class at every start)."""


class Ingediend(Event, Aggregate.Created):
    """Art. 4 lid 1-2: an aanvraag received on `ontvangen`, registered on `datum`; `persoon` apart (AVG)."""

    TOPIC = "voucher.Aanvraag.Ingediend"
    nummer: int
    wijk: str
    periode: int
    ontvangen: date
    persoon: dict[str, Any]  # art. 4 lid 2 onder a, encrypted field by field
    gegevens: dict[str, Any]  # the rest of art. 4 lid 2: omschrijving, planning, kosten, ...
    datum: date
    gebruiker: str


class AanvullingGevraagd(Event):
    """Art. 4 lid 3, Awb 4:5: what is missing, and until when; the beslistermijn pauses (Awb 4:15)."""

    TOPIC = "voucher.Aanvraag.AanvullingGevraagd"
    class_version = 2  # with `namens` and `mandaat`
    upcast_v1_v2 = staticmethod(_upcast_namens_v1_v2)
    wat: str
    termijn: date
    datum: date
    gebruiker: str
    namens: str
    mandaat: dict[str, Any] | None


class Aangevuld(Event):
    """Art. 4 lid 3: the items given (only what changed); an open request for aanvulling ends."""

    TOPIC = "voucher.Aanvraag.Aangevuld"
    persoon: dict[str, Any]
    gegevens: dict[str, Any]
    datum: date
    gebruiker: str


class Toegekend(Event):
    """Art. 5 lid 2: vouchers verstrekt; below the kostenraming a partial refusal with its ground (art. 6)."""

    TOPIC = "voucher.Aanvraag.Toegekend"
    class_version = 2  # with `namens` and `mandaat`
    upcast_v1_v2 = staticmethod(_upcast_namens_v1_v2)
    bedrag: Bedrag
    vouchers: list[dict[str, Any]]  # per voucher {code, bedrag}
    start_voor: date | None  # a condition: the initiative starts before this date
    grond: str | None  # art. 6, for the part refused
    motivering: str | None
    buiten_volgorde: str | None  # why decided out of the order of receipt (art. 4 lid 4)
    datum: date
    gebruiker: str
    namens: str
    mandaat: dict[str, Any] | None


class Geweigerd(Event):
    """Art. 6: refused on a ground a-e (or geen initiatief, art. 1), motivated (Awb 3:46)."""

    TOPIC = "voucher.Aanvraag.Geweigerd"
    class_version = 2  # with `namens` and `mandaat`
    upcast_v1_v2 = staticmethod(_upcast_namens_v1_v2)
    grond: str
    motivering: str
    datum: date
    gebruiker: str
    namens: str
    mandaat: dict[str, Any] | None


class GeschiktVerklaard(Event):
    """Art. 5 lid 3: above the threshold and within the rules: to the wijkraadpleging."""

    TOPIC = "voucher.Aanvraag.GeschiktVerklaard"
    class_version = 2  # with `namens` and `mandaat`
    upcast_v1_v2 = staticmethod(_upcast_namens_v1_v2)
    datum: date
    gebruiker: str
    namens: str
    mandaat: dict[str, Any] | None


class RaadplegingBesloten(Event):
    """Art. 5 lid 4-6: the wijkraadpleging decided for or against, with the votes when counted."""

    TOPIC = "voucher.Aanvraag.RaadplegingBesloten"
    class_version = 2  # with `namens` and `mandaat`
    upcast_v1_v2 = staticmethod(_upcast_namens_v1_v2)
    uitkomst: str  # voor | tegen
    stemmen_voor: int | None
    stemmen_tegen: int | None
    datum: date
    gebruiker: str
    namens: str
    mandaat: dict[str, Any] | None


class Bekendgemaakt(Event):
    """Art. 7 lid 2: the initiative and its vouchers made public."""

    TOPIC = "voucher.Aanvraag.Bekendgemaakt"
    datum: date
    gebruiker: str


class WijzigingGemeld(Event):
    """Art. 8 lid 2: the initiatiefnemer reports changed circumstances."""

    TOPIC = "voucher.Aanvraag.WijzigingGemeld"
    omschrijving: str
    datum: date
    gebruiker: str


class Herroepen(Event):
    """Awb 7:11: on a gegrond bezwaar the decision is revoked and the aanvraag is open for a new one."""

    TOPIC = "voucher.Aanvraag.Herroepen"
    bezwaar: int
    besluit: int  # the revoked decision's event number in the log
    soort: str  # its kind: toegekend, geweigerd, buiten behandeling
    status: str  # the status the aanvraag returns to (ledger/aanvraag_bezwaar.py)
    vrijgegeven: Bedrag  # a revoked grant: the value of its vouchers that no longer counts (vervallen)
    datum: date
    gebruiker: str
    namens: str
    mandaat: dict[str, Any] | None


class Vastgesteld(Event):
    """Awb 4:42-4:47: the grant is settled at what was paid, or lower on a ground of 4:46 lid 2; a decision."""

    TOPIC = "voucher.Aanvraag.Vastgesteld"
    bedrag: Bedrag  # vastgesteld
    betaald: Bedrag  # verzilverd + contant on its vouchers, corrections excluded
    teruggevorderd: Bedrag  # the terugvordering this vaststelling sets (Awb 4:57)
    vrijgegeven: Bedrag  # the unspent rest released from the vouchers (counts as vervallen)
    grond: str | None  # Awb 4:46 lid 2 onder a-d, only when lower than paid
    motivering: str | None
    datum: date
    gebruiker: str
    namens: str
    mandaat: dict[str, Any] | None


class TerugvorderingIngesteld(Event):
    """Awb 4:57: the college claims back what was paid and is not due; a decision, with bezwaar."""

    TOPIC = "voucher.Aanvraag.TerugvorderingIngesteld"
    bedrag: Bedrag
    motivering: str
    datum: date
    gebruiker: str
    namens: str
    mandaat: dict[str, Any] | None


class TerugbetalingOntvangen(Event):
    """The kasbeheerder receives (part of) what was claimed back."""

    TOPIC = "voucher.Aanvraag.TerugbetalingOntvangen"
    bedrag: Bedrag
    datum: date
    gebruiker: str


class ToekenningIngetrokken(Event):
    """Awb 4:48: the grant is withdrawn (its whole unspent part) or reduced; a decision, with bezwaar."""

    TOPIC = "voucher.Aanvraag.ToekenningIngetrokken"
    grond: str  # Awb 4:48 lid 1 onder a-d
    motivering: str
    bedrag: Bedrag  # the value released
    vouchers: list[dict[str, Any]]  # per voucher {code, bedrag}: what was released from it
    datum: date
    gebruiker: str
    namens: str
    mandaat: dict[str, Any] | None


class Ingetrokken(Event):
    """The initiatiefnemer withdraws the aanvraag before a decision; it leaves the queue (art. 4 lid 4)."""

    TOPIC = "voucher.Aanvraag.Ingetrokken"
    reden: str
    datum: date
    gebruiker: str  # who registered the withdrawal
    namens: str
    mandaat: dict[str, Any] | None


class BuitenBehandelingGesteld(Event):
    """Awb 4:5: the aanvraag stays incomplete after the aanvullingstermijn; a decision, with bezwaar."""

    TOPIC = "voucher.Aanvraag.BuitenBehandelingGesteld"
    motivering: str
    termijn: date  # the aanvullingstermijn that passed without aanvulling
    wat: str  # what was asked
    datum: date
    gebruiker: str
    namens: str
    mandaat: dict[str, Any] | None


class PersoonsgegevensVernietigd(Event):
    """AVG art. 17, Selectielijst: the key of the personal data destroyed after the retention term."""

    TOPIC = "voucher.Aanvraag.PersoonsgegevensVernietigd"
    bewaren_tot: date  # the end of the retention term
    datum: date
    gebruiker: str


# Each class is found as `Aanvraag.<Name>` (ledger/aanvraag.py binds it there); its qualified name says so, as it
# did when the library redefined every class on the aggregate: the kind of act in words follows from it
# (ledger/vastlegging.py `wat`: "aanvraag ingediend").
for _klasse in [k for k in list(vars().values()) if isinstance(k, type) and issubclass(k, Event) and k is not Event]:
    _klasse.__qualname__ = f"Aanvraag.{_klasse.__name__}"
