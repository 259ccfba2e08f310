"""De voucher and the invoices paid from it (art. 9).

Owns act 11: voucher verzilverd (the kasbeheerder pays a supplier's invoice, art. 9 lid 1
and 3 onder a), contant opgenomen (at most € 500 per time, art. 9 lid 3 onder b), betaling
geweigerd (art. 9 lid 2), and act 12 for one voucher: its unspent value vervalt. Paid plus
cash plus expired never exceeds the value; nothing is paid after the execution date, except
an invoice dated on or before it (`factuurdatum`), which is paid up to the regeling's
betaaltermijn after it (`betalen_tot`); cash stays bound to the execution date. `Verzilverd`
version 2 records the factuurdatum (None: not given, the payment date then counts).

A booking is never edited or deleted (DOMAIN.md, "After the grant"): `corrigeer` records a
storno, an event that points at the payment or cash withdrawal it corrects (by its event
number in the log and its version in this voucher's stream) and gives its amount back to the
restant. A payment is corrected once; another voucher's event or an event that is no payment
is refused. State added for it (`gecorrigeerd`) is class version 2 of the voucher.

A Factuur is the register entry of one supplier invoice: it exists once, so the same
invoice cannot be paid twice, whatever voucher it is presented on and however many
kasbeheerders post at the same moment.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event
from eventsourcing.domain import Snapshot as Momentopname
from eventsourcing.utils import register_topic

from ledger import ids, regels
from ledger.datum import formatteer_datum
from ledger.fouten import FunctiescheidingGeschonden, OngeldigeInvoer, OngeldigeToestand, RegelOvertreden
from ledger.geld import Bedrag


def _upcast_verzilverd_v1_v2(toestand: dict[str, Any]) -> None:
    """Version 1 of `Verzilverd` had no factuurdatum: not given, the payment date counted."""
    toestand.setdefault("factuurdatum", None)


class Voucher(Aggregate):
    TOPIC = "voucher.Voucher"

    class Event(Aggregate.Event):
        """The base of this aggregate's events: defined here, so that the library does not redefine each event
        as a subclass of one it makes itself (a second dataclass per event class at every start)."""

    class Created(Event, Aggregate.Created):  # explicit topics require it; never triggered
        TOPIC = "voucher.Voucher.Created"

    class Snapshot(Momentopname):  # its own topic: the database can tell whose snapshot it is
        TOPIC = "voucher.Voucher.Snapshot"

    # Version 2 of the state: `gecorrigeerd`, the stream versions of the payments corrected (storno).
    # Version 3: `ingetrokken`, the value withdrawn with the grant (Awb 4:48).
    class_version = 3

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["gecorrigeerd"] = []  # nothing was corrected before corrections existed

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        state["ingetrokken"] = Bedrag.nul()  # nothing was withdrawn before withdrawals existed

    class WaardeIngetrokken(Event):
        """Awb 4:48: part of the unspent value is withdrawn with the grant; it no longer counts against the plafond."""

        TOPIC = "voucher.Voucher.WaardeIngetrokken"
        bedrag: Bedrag
        grond: str  # Awb 4:48 lid 1 onder a-d
        datum: date
        gebruiker: str

    class BetalingGecorrigeerd(Event):
        """Storno of one payment (art. 9 lid 3 onder a) or cash withdrawal (onder b) of this voucher."""

        TOPIC = "voucher.Voucher.BetalingGecorrigeerd"
        gebeurtenis: int  # the corrected event's number in the log (notification id), as kasboek prints it
        versie: int  # the corrected event's version in this voucher's stream
        soort: str  # "verzilverd" or "contant"
        bedrag: Bedrag
        leverancier: str | None
        factuur: str | None  # the invoice, or the cash receipt (kwitantie)
        reden: str
        datum: date
        gebruiker: str

    class Verstrekt(Event, Aggregate.Created):
        """Art. 5 lid 2: a voucher of a grant, with its value and the date it must be spent by (art. 5 lid 8)."""

        TOPIC = "voucher.Voucher.Verstrekt"
        code: str
        aanvraag: int
        wijk: str
        periode: int
        waarde: Bedrag
        uitvoeren_tot: date
        datum: date
        gebruiker: str  # who granted it: may not pay it out (functiescheiding)

    class Verzilverd(Event):
        """Art. 9 lid 3 onder a: the kasbeheerder pays a supplier's invoice from the voucher."""

        TOPIC = "voucher.Voucher.Verzilverd"
        # Version 2: `factuurdatum` (None: not given, the payment date counts).
        class_version = 2
        upcast_v1_v2 = staticmethod(_upcast_verzilverd_v1_v2)
        bedrag: Bedrag
        leverancier: str
        factuur: str
        datum: date
        gebruiker: str
        factuurdatum: date | None

    class ContantOpgenomen(Event):
        """Art. 9 lid 3 onder b: cash from the voucher, at most the regeling's maximum per time."""

        TOPIC = "voucher.Voucher.ContantOpgenomen"
        bedrag: Bedrag
        datum: date
        gebruiker: str
        # The receipt number, if one was given. Added without a class version: an event stored before it
        # has none, and reads as None through this default (the stored form of a new event is unchanged).
        kwitantie: str | None = None

    class BetalingGeweigerd(Event):
        """Art. 9 lid 2: a payment refused as not meant for the initiative; changes no balance."""

        TOPIC = "voucher.Voucher.BetalingGeweigerd"
        bedrag: Bedrag
        reden: str
        leverancier: str | None
        factuur: str | None
        datum: date
        gebruiker: str

    class Vervallen(Event):
        """Act 12, art. 5 lid 8: the unspent value expires after the execution date."""

        TOPIC = "voucher.Voucher.Vervallen"
        bedrag: Bedrag
        datum: date
        gebruiker: str

    @staticmethod
    def create_id(code: str, **_: Any) -> UUID:
        return ids.voucher_id(code)

    @event(Verstrekt)
    def __init__(
        self,
        code: str,
        aanvraag: int,
        wijk: str,
        periode: int,
        waarde: Bedrag,
        uitvoeren_tot: date,
        datum: date,
        gebruiker: str,
    ) -> None:
        self.code = code
        self.aanvraag = aanvraag
        self.wijk = wijk
        self.periode = periode
        self.waarde = waarde
        self.uitvoeren_tot = uitvoeren_tot
        self.verstrekt_op = datum
        self.toegekend_door = gebruiker
        self.verzilverd = Bedrag.nul()
        self.contant = Bedrag.nul()
        self.vervallen = Bedrag.nul()
        self.gecorrigeerd: list[int] = []
        self.ingetrokken = Bedrag.nul()

    @property
    def restant(self) -> Bedrag:
        return self.waarde - self.verzilverd - self.contant - self.vervallen - self.ingetrokken

    @property
    def status(self) -> str:
        if self.vervallen.centen:
            return "vervallen"
        if not self.restant.centen:
            return "ingetrokken" if self.ingetrokken.centen else "besteed"
        return "geldig"

    def trek_waarde_in(self, bedrag: Bedrag, grond: str, datum: date, gebruiker: str) -> None:
        """Awb 4:48-4:49: withdraw `bedrag` of the unspent value; never what was paid already."""
        _eis_positief(bedrag)
        if datum < self.verstrekt_op:
            raise OngeldigeInvoer("de intrekking ligt voor de verstrekking van de voucher")
        if bedrag > self.restant:
            raise RegelOvertreden(
                f"van voucher {self.code} is nog {self.restant} onbesteed; meer kan niet worden ingetrokken "
                "(wat betaald is, wordt teruggevorderd: Awb 4:57)",
                artikel="Awb 4:48",
                restant=self.restant,
            )
        self._waarde_ingetrokken(bedrag=bedrag, grond=grond, datum=datum, gebruiker=gebruiker)

    @event(WaardeIngetrokken)
    def _waarde_ingetrokken(self, bedrag: Bedrag, grond: str, datum: date, gebruiker: str) -> None:
        self.ingetrokken = self.ingetrokken + bedrag

    def _eis_betaalbaar(
        self,
        bedrag: Bedrag,
        datum: date,
        gebruiker: str,
        factuurdatum: date | None = None,
        betalen_tot: date | None = None,
    ) -> None:
        _eis_positief(bedrag)
        if self.vervallen.centen:
            raise OngeldigeToestand(
                f"voucher {self.code} is vervallen: er kan niets meer van worden betaald", artikel="art. 5 lid 8"
            )
        if gebruiker == self.toegekend_door:
            raise FunctiescheidingGeschonden(
                f"{gebruiker} heeft deze voucher zelf toegekend en mag hem niet uitbetalen (functiescheiding)",
                artikel="art. 2 lid 4 en 6",
            )
        regels.samenhangende_data(
            datum, self.verstrekt_op, f"de verstrekking van voucher {self.code}", handeling="de betaling"
        )
        if factuurdatum is None or betalen_tot is None:
            regels.art_5_lid_8_uitvoeren(datum, self.uitvoeren_tot, betaaltermijn=betalen_tot is not None)
        else:
            if factuurdatum > datum:
                raise OngeldigeInvoer(
                    f"de factuurdatum {formatteer_datum(factuurdatum)} ligt na de betaling op {formatteer_datum(datum)}"
                )
            regels.art_5_lid_8_factuur(factuurdatum, self.uitvoeren_tot, datum, betalen_tot)
        regels.art_9_restant(bedrag, self.restant, self.code)

    def verzilver(
        self,
        bedrag: Bedrag,
        leverancier: str,
        factuur: str,
        datum: date,
        gebruiker: str,
        factuurdatum: date | None = None,
        betaaltermijn_dagen: int | None = None,
    ) -> None:
        """Art. 9 lid 3 onder a. With a `factuurdatum` on or before the execution date the payment may
        come up to `betaaltermijn_dagen` (the regeling's, on the payment date) after that date."""
        if not leverancier.strip() or not factuur.strip():
            raise OngeldigeInvoer("een verzilvering noemt de leverancier en het factuurnummer (art. 9 lid 3 onder a)")
        betalen_tot = None if betaaltermijn_dagen is None else self.uitvoeren_tot + timedelta(days=betaaltermijn_dagen)
        self._eis_betaalbaar(bedrag, datum, gebruiker, factuurdatum, betalen_tot)
        self._verzilverd(
            bedrag=bedrag,
            leverancier=leverancier.strip(),
            factuur=factuur.strip(),
            datum=datum,
            gebruiker=gebruiker,
            factuurdatum=factuurdatum,
        )

    @event(Verzilverd)
    def _verzilverd(
        self, bedrag: Bedrag, leverancier: str, factuur: str, datum: date, gebruiker: str, factuurdatum: date | None
    ) -> None:
        self.verzilverd = self.verzilverd + bedrag

    def neem_contant_op(
        self, bedrag: Bedrag, contant_max: Bedrag, datum: date, gebruiker: str, kwitantie: str | None = None
    ) -> None:
        regels.art_9_lid_3_b_contant(bedrag, contant_max)
        self._eis_betaalbaar(bedrag, datum, gebruiker)
        self._contant(bedrag=bedrag, datum=datum, gebruiker=gebruiker, kwitantie=kwitantie)

    @event(ContantOpgenomen)
    def _contant(self, bedrag: Bedrag, datum: date, gebruiker: str, kwitantie: str | None = None) -> None:
        self.contant = self.contant + bedrag

    def weiger_betaling(
        self, bedrag: Bedrag, reden: str, leverancier: str | None, factuur: str | None, datum: date, gebruiker: str
    ) -> None:
        """Art. 9 lid 2: the kasbeheerder refuses a payment not meant for the initiative."""
        _eis_positief(bedrag)
        if not reden.strip():
            raise OngeldigeInvoer("een geweigerde betaling noemt de reden (art. 9 lid 2)")
        if datum < self.verstrekt_op:
            raise OngeldigeInvoer("de weigering ligt voor de verstrekking van de voucher")
        self._betaling_geweigerd(
            bedrag=bedrag,
            reden=reden.strip(),
            leverancier=leverancier.strip() if leverancier else None,
            factuur=factuur.strip() if factuur else None,
            datum=datum,
            gebruiker=gebruiker,
        )

    @event(BetalingGeweigerd)
    def _betaling_geweigerd(
        self, bedrag: Bedrag, reden: str, leverancier: str | None, factuur: str | None, datum: date, gebruiker: str
    ) -> None:
        pass  # changes no balance: the refusal is on record for the verantwoording

    def corrigeer(self, betaling: Any, gebeurtenis: int, reden: str, datum: date, gebruiker: str) -> Bedrag:
        """Storno of `betaling`, the stored event number `gebeurtenis`: its amount returns to the
        restant. Returns the amount. Refused: another voucher's event, an event that is no payment,
        a payment corrected before, a correction dated before the payment."""
        if getattr(betaling, "originator_id", None) != self.id:
            raise RegelOvertreden(
                f"gebeurtenis #{gebeurtenis} hoort niet bij voucher {self.code}: een correctie wijst een betaling "
                "van dezelfde voucher aan",
                artikel="art. 9 lid 1",
                gebeurtenis=gebeurtenis,
            )
        if not isinstance(betaling, (Voucher.Verzilverd, Voucher.ContantOpgenomen)):
            raise RegelOvertreden(
                f"gebeurtenis #{gebeurtenis} is geen betaling of contante opname van voucher {self.code}: "
                "alleen een geboekte betaling kan worden gecorrigeerd",
                artikel="art. 9 lid 1",
                gebeurtenis=gebeurtenis,
            )
        if betaling.originator_version in self.gecorrigeerd:
            raise OngeldigeToestand(
                f"betaling #{gebeurtenis} van voucher {self.code} is al gecorrigeerd; een betaling wordt één keer "
                "gecorrigeerd",
                artikel="art. 9 lid 1",
                gebeurtenis=gebeurtenis,
            )
        if not reden.strip():
            raise OngeldigeInvoer("een correctie noemt de reden (--reden)")
        if datum < betaling.datum:
            raise OngeldigeInvoer(
                f"de correctie ligt voor de betaling die zij corrigeert ({formatteer_datum(betaling.datum)})"
            )
        if isinstance(betaling, Voucher.ContantOpgenomen):
            soort, leverancier, factuur = "contant", None, betaling.kwitantie
        else:
            soort, leverancier, factuur = "verzilverd", betaling.leverancier, betaling.factuur
        self._betaling_gecorrigeerd(
            gebeurtenis=gebeurtenis,
            versie=betaling.originator_version,
            soort=soort,
            bedrag=betaling.bedrag,
            leverancier=leverancier,
            factuur=factuur,
            reden=reden.strip(),
            datum=datum,
            gebruiker=gebruiker,
        )
        return betaling.bedrag

    @event(BetalingGecorrigeerd)
    def _betaling_gecorrigeerd(
        self,
        gebeurtenis: int,
        versie: int,
        soort: str,
        bedrag: Bedrag,
        leverancier: str | None,
        factuur: str | None,
        reden: str,
        datum: date,
        gebruiker: str,
    ) -> None:
        if soort == "contant":
            self.contant = self.contant - bedrag
        else:
            self.verzilverd = self.verzilverd - bedrag
        self.gecorrigeerd = [*self.gecorrigeerd, versie]

    def laat_vervallen(self, datum: date, gebruiker: str) -> Bedrag:
        """Act 12: after the execution date the unspent value expires. Returns what expired."""
        if datum <= self.uitvoeren_tot:
            raise OngeldigeToestand(
                f"voucher {self.code} kan pas na {formatteer_datum(self.uitvoeren_tot)} vervallen",
                artikel="art. 5 lid 8",
            )
        rest = self.restant
        if rest.centen > 0:
            self._vervallen(bedrag=rest, datum=datum, gebruiker=gebruiker)
        return rest

    @event(Vervallen)
    def _vervallen(self, bedrag: Bedrag, datum: date, gebruiker: str) -> None:
        self.vervallen = self.vervallen + bedrag


def _eis_positief(bedrag: Bedrag) -> None:
    if bedrag.centen <= 0:
        raise OngeldigeInvoer(f"een betaling is groter dan € 0,00, niet {bedrag}")


class Factuur(Aggregate):
    """One supplier invoice (or cash receipt), booked once (art. 9 lid 3 onder a).

    A correction of its payment frees it (`geef_vrij`): then, and only then, it can be booked
    again (`boek_opnieuw`), on the right voucher. Never snapshotted: its state is replayed."""

    TOPIC = "voucher.Factuur"

    class Event(Aggregate.Event):
        """The base of this aggregate's events: defined here, so that the library does not redefine each event
        as a subclass of one it makes itself (a second dataclass per event class at every start)."""

    class Created(Event, Aggregate.Created):  # explicit topics require it; never triggered
        TOPIC = "voucher.Factuur.Created"

    class Geboekt(Event, Aggregate.Created):
        """The invoice (or cash receipt) is booked, once, on `voucher`."""

        TOPIC = "voucher.Factuur.Geboekt"
        leverancier: str
        factuur: str
        voucher: str
        bedrag: Bedrag
        datum: date
        gebruiker: str

    @staticmethod
    def create_id(leverancier: str, factuur: str, **_: Any) -> UUID:
        return ids.factuur_id(leverancier, factuur)

    @classmethod
    def geboekt(
        cls, factuur_id: UUID, leverancier: str, factuur: str, voucher: str, bedrag: Bedrag, datum: date, gebruiker: str
    ) -> Factuur:
        """As `Factuur(...)`, under the id the caller already has (`ids.factuur_id(leverancier, factuur)`, as
        `create_id`): a payment computes it once, to look the invoice up, not again to book it."""
        return cls._create(
            cls.Geboekt,
            id=factuur_id,
            leverancier=leverancier,
            factuur=factuur,
            voucher=voucher,
            bedrag=bedrag,
            datum=datum,
            gebruiker=gebruiker,
        )

    @event(Geboekt)
    def __init__(
        self, leverancier: str, factuur: str, voucher: str, bedrag: Bedrag, datum: date, gebruiker: str
    ) -> None:
        self.leverancier = leverancier
        self.factuur = factuur
        self.voucher = voucher
        self.bedrag = bedrag
        self.datum = datum
        self.vrij = False  # freed by a correction of its payment: may be booked again

    class Vrijgegeven(Event):
        TOPIC = "voucher.Factuur.Vrijgegeven"
        gecorrigeerd: int  # the number of the payment event whose correction freed it
        datum: date
        gebruiker: str

    class OpnieuwGeboekt(Event):
        TOPIC = "voucher.Factuur.OpnieuwGeboekt"
        voucher: str
        bedrag: Bedrag
        datum: date
        gebruiker: str

    def geef_vrij(self, gecorrigeerd: int, datum: date, gebruiker: str) -> None:
        """Its payment (event number `gecorrigeerd`) was corrected: the invoice may be booked again."""
        if not self.vrij:
            self._vrijgegeven(gecorrigeerd=gecorrigeerd, datum=datum, gebruiker=gebruiker)

    @event(Vrijgegeven)
    def _vrijgegeven(self, gecorrigeerd: int, datum: date, gebruiker: str) -> None:
        self.vrij = True

    def boek_opnieuw(self, voucher: str, bedrag: Bedrag, datum: date, gebruiker: str) -> None:
        if not self.vrij:
            raise OngeldigeToestand(f"factuur {self.factuur} is al geboekt", artikel="art. 9 lid 1")
        self._opnieuw_geboekt(voucher=voucher, bedrag=bedrag, datum=datum, gebruiker=gebruiker)

    @event(OpnieuwGeboekt)
    def _opnieuw_geboekt(self, voucher: str, bedrag: Bedrag, datum: date, gebruiker: str) -> None:
        self.voucher, self.bedrag, self.datum, self.vrij = voucher, bedrag, datum, False


# eventsourcing registers the explicit topics of an aggregate's events when the class is made, not that of its
# snapshot class: registered here, so that importing this module (ledger/vindplaats.py) is enough to decode.
register_topic(Voucher.Snapshot.TOPIC, Voucher.Snapshot)
