"""De wijk in een budgetjaar: budget, reserve, subsidieplafond and what is committed.

Owns acts 2 and 3 (wijk aangewezen, uitvoeringskosten gereserveerd, subsidieplafond
vastgesteld, and a budget changed later in the year: never below what is committed plus the
reserve, and art. 2 lid 3 and lid 5 hold after it; a plafond that was budget minus reserve follows
the budget, a higher one comes down to fit), the plafond check of every grant (art. 6 onder e, Awb 4:25) and the order of
receipt of complete aanvragen (art. 4 lid 4), the plafond as it was for aanvragen received before
a lowering (Awb 4:27 lid 2: `verlagingen`, each with the plafond before it), and closing the period after the execution
date (act 12, art. 5 lid 8: periode afgesloten, with the total that expired; nothing is
granted in a closed period). Its state is compact on purpose: running
totals and the queue of undecided aanvragen, never the history, so that the plafond check
costs the same in the first week and after a million events.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event
from eventsourcing.domain import Snapshot as Momentopname
from eventsourcing.utils import register_topic

from ledger import ids, regels
from ledger.datum import formatteer_datum
from ledger.fouten import OngeldigeInvoer, OngeldigeToestand
from ledger.geld import Bedrag
from ledger.namens import NAMENS_COLLEGE, eis_mandaat_voor
from ledger.namens import upcast_v1_v2 as _upcast_namens_v1_v2


def _upcast_plafond_v1_v2(state: dict[str, Any]) -> None:
    state.setdefault("vorig", None)  # not recorded: such a change never counted as a lowering (Awb 4:27 lid 2)


def _upcast_vastgelegd_v1_v2(state: dict[str, Any]) -> None:
    state.setdefault("plafond", None)  # judged against the plafond of the day, not recorded


class Wijk(Aggregate):
    TOPIC = "voucher.Wijk"

    class Event(Aggregate.Event):
        """The base of this aggregate's events: defined here, so that the library does not redefine each event
        as a subclass of one it makes itself (a second dataclass per event class at every start)."""

    class Created(Event, Aggregate.Created):  # explicit topics require it; never triggered
        TOPIC = "voucher.Wijk.Created"

    class Snapshot(Momentopname):  # its own topic: the database can tell whose snapshot it is
        TOPIC = "voucher.Wijk.Snapshot"

    # Version 2 of the state: `vrijgegeven`, the part of `vervallen` released by withdrawn grants (Awb 4:48).
    # Version 3: `terugontvangen`, what was paid back after a terugvordering (Awb 4:57).
    # Version 4: `verlagingen`, [date, plafond before] of each lowering of the plafond (Awb 4:27 lid 2).
    class_version = 4

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["vrijgegeven"] = Bedrag.nul()  # nothing was released before grants could be withdrawn

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        state["terugontvangen"] = Bedrag.nul()  # nothing was paid back before terugvorderingen existed

    @staticmethod
    def upcast_v3_v4(state: dict[str, Any]) -> None:
        # Lowerings recorded before version 2 of SubsidieplafondVastgesteld applied to every aanvraag (as
        # they did then); replaying those events gives the same empty list, so `verifieer` agrees.
        state["verlagingen"] = []

    class Aangewezen(Event, Aggregate.Created):
        """Act 2: the college designates the wijk for a budget year, with its budget and dates (art. 2, 5 lid 8)."""

        TOPIC = "voucher.Wijk.Aangewezen"
        code: str
        naam: str
        periode: int
        budget: Bedrag
        verstrekken_tot: date
        uitvoeren_tot: date
        datum: date
        gebruiker: str

    class UitvoeringskostenGereserveerd(Event):
        """Art. 2 lid 3: the reserve for the costs of execution."""

        TOPIC = "voucher.Wijk.UitvoeringskostenGereserveerd"
        bedrag: Bedrag
        datum: date
        gebruiker: str

    class SubsidieplafondVastgesteld(Event):
        """Art. 2 lid 5, Awb 4:25: the plafond; a lower one than `vorig` is a lowering (Awb 4:27 lid 2)."""

        TOPIC = "voucher.Wijk.SubsidieplafondVastgesteld"
        # Version 2: `vorig`, the plafond before it (None: the first of the wijk).
        class_version = 2
        upcast_v1_v2 = staticmethod(_upcast_plafond_v1_v2)
        plafond: Bedrag
        datum: date
        gebruiker: str
        vorig: Bedrag | None

    class AanvraagInBehandeling(Event):
        """Art. 4 lid 4: a complete aanvraag joins the order of receipt on the date it became complete."""

        TOPIC = "voucher.Wijk.AanvraagInBehandeling"
        nummer: int
        volledig_sinds: date
        datum: date
        gebruiker: str

    class AanvraagUitWachtrij(Event):
        TOPIC = "voucher.Wijk.AanvraagUitWachtrij"
        nummer: int
        reden: str
        datum: date
        gebruiker: str

    class VouchersVastgelegd(Event):
        """Art. 6 onder e: a grant committed against the plafond."""

        TOPIC = "voucher.Wijk.VouchersVastgelegd"
        # Version 2: `plafond`, the plafond the grant was judged against (Awb 4:27 lid 2).
        class_version = 2
        upcast_v1_v2 = staticmethod(_upcast_vastgelegd_v1_v2)
        nummer: int
        bedrag: Bedrag
        datum: date
        gebruiker: str
        plafond: Bedrag | None

    class PeriodeAfgesloten(Event):
        """Act 12, art. 5 lid 8: the period closed; `vervallen` of `vouchers` expired with it. A decision."""

        TOPIC = "voucher.Wijk.PeriodeAfgesloten"
        # Version 2: on whose behalf and under which mandate (Awb 10:10, ledger/namens.py).
        class_version = 2
        upcast_v1_v2 = staticmethod(_upcast_namens_v1_v2)
        vervallen: Bedrag
        vouchers: int
        datum: date
        gebruiker: str
        namens: str
        mandaat: dict[str, Any] | None

    @staticmethod
    def create_id(code: str, periode: int, **_: Any) -> UUID:
        return ids.wijk_id(code, periode)

    @event(Aangewezen)
    def __init__(
        self,
        code: str,
        naam: str,
        periode: int,
        budget: Bedrag,
        verstrekken_tot: date,
        uitvoeren_tot: date,
        datum: date,
        gebruiker: str,
    ) -> None:
        self.code = code
        self.naam = naam
        self.periode = periode
        self.budget = budget
        self.verstrekken_tot = verstrekken_tot
        self.uitvoeren_tot = uitvoeren_tot
        self.aangewezen_op = datum
        self.uitvoeringskosten = Bedrag.nul()
        self.plafond = Bedrag.nul()
        self.toegekend = Bedrag.nul()
        self.vervallen = Bedrag.nul()  # expired at the close and released by withdrawn grants
        self.vrijgegeven = Bedrag.nul()  # of which released by withdrawn grants (Awb 4:48)
        self.terugontvangen = Bedrag.nul()  # paid back after a terugvordering (Awb 4:57): available again
        self.beschikbaar = Bedrag.nul()
        self.verlagingen: list[list[Any]] = []  # [date, plafond before] per lowering (Awb 4:27 lid 2)
        # nummer (as str: JSON object keys) -> date from which it counts in the order
        self.wachtrij: dict[str, date] = {}
        self.gesloten = False

    # --- figures ----------------------------------------------------------------------
    @property
    def vastgelegd(self) -> Bedrag:
        """Committed against the plafond: issued less what expired or was withdrawn."""
        return self.toegekend - self.vervallen

    def plafond_voor(self, ontvangen: date) -> Bedrag:
        """Awb 4:27 lid 2: the plafond an aanvraag received on `ontvangen` is judged against."""
        if not self.verlagingen:  # the common case, on every grant: no lowering, the plafond itself
            return self.plafond
        return regels.awb_4_27_lid_2_plafond_bij_ontvangst(
            ontvangen, self.plafond, [(d, p) for d, p in self.verlagingen]
        )

    def beschikbaar_voor(self, ontvangen: date) -> Bedrag:
        """What is available for an aanvraag received on `ontvangen` (art. 6 onder e), never below nul: after a
        lowering, grants under the earlier plafond (Awb 4:27 lid 2) may have taken more than the lower one holds."""
        if self.verlagingen and any(d > ontvangen for d, _ in self.verlagingen):
            beschikbaar = self.plafond_voor(ontvangen) - self.vastgelegd + self.terugontvangen
        else:
            beschikbaar = self.beschikbaar  # the running figure: plafond - vastgelegd + terugontvangen
        return beschikbaar if beschikbaar.centen >= 0 else Bedrag.nul()

    def _herbereken(self) -> None:
        """Keep `beschikbaar` as a running figure: the plafond check reads it, never re-sums it."""
        self.beschikbaar = self.plafond - self.vastgelegd + self.terugontvangen

    # --- college: budget, reserve, plafond --------------------------------------------
    def reserveer_uitvoeringskosten(self, bedrag: Bedrag, max_procent: int, datum: date, gebruiker: str) -> None:
        self._eis_open()
        regels.art_2_lid_3_uitvoeringskosten(self.budget, bedrag, max_procent)
        if self.plafond.centen:
            regels.art_2_lid_5_plafond_binnen_budget(self.budget, bedrag, self.plafond)
        self._uitvoeringskosten_gereserveerd(bedrag=bedrag, datum=datum, gebruiker=gebruiker)

    def stel_plafond_vast(self, plafond: Bedrag, datum: date, gebruiker: str) -> None:
        self._eis_open()
        regels.art_2_lid_5_plafond_binnen_budget(self.budget, self.uitvoeringskosten, plafond)
        regels.awb_4_27_plafond_niet_onder_verstrekt(plafond, self.vastgelegd)
        vorig = self.plafond if self.plafond.centen else None  # None: the first plafond of the wijk
        self._plafond_vastgesteld(plafond=plafond, datum=datum, gebruiker=gebruiker, vorig=vorig)

    # --- college: the budget changed (art. 2 lid 2) ------------------------------------
    class BudgetGewijzigd(Event):
        """The college changed the wijk's share of the budget for this budget year (art. 2 lid 2)."""

        TOPIC = "voucher.Wijk.BudgetGewijzigd"
        budget: Bedrag
        vorig: Bedrag
        datum: date
        gebruiker: str

    def wijzig_budget(self, budget: Bedrag, max_procent: int, datum: date, gebruiker: str) -> bool:
        """Change the budget; returns whether the plafond changed with it (a second event).

        Refused: below what is committed plus the reserve (art. 2 lid 2-3), a reserve above
        `max_procent` of the new budget (art. 2 lid 3). A plafond equal to budget minus reserve
        follows the budget; a plafond that no longer fits comes down to budget minus reserve
        (art. 2 lid 5), which is never below what is committed (Awb 4:27)."""
        self._eis_open()
        if datum < self.aangewezen_op:
            raise OngeldigeInvoer(
                f"de wijk is aangewezen op {formatteer_datum(self.aangewezen_op)}; het budget kan niet eerder wijzigen"
            )
        regels.art_2_lid_2_budget_niet_onder_vastgelegd(budget, self.vastgelegd, self.uitvoeringskosten)
        regels.art_2_lid_3_uitvoeringskosten(budget, self.uitvoeringskosten, max_procent)
        ruimte = budget - self.uitvoeringskosten
        gekoppeld = self.plafond == self.budget - self.uitvoeringskosten
        self._budget_gewijzigd(budget=budget, vorig=self.budget, datum=datum, gebruiker=gebruiker)
        if (gekoppeld or self.plafond > ruimte) and self.plafond != ruimte:
            self._plafond_vastgesteld(plafond=ruimte, datum=datum, gebruiker=gebruiker, vorig=self.plafond)
            return True
        return False

    @event(BudgetGewijzigd)
    def _budget_gewijzigd(self, budget: Bedrag, vorig: Bedrag, datum: date, gebruiker: str) -> None:
        self.budget = budget

    @event(UitvoeringskostenGereserveerd)
    def _uitvoeringskosten_gereserveerd(self, bedrag: Bedrag, datum: date, gebruiker: str) -> None:
        self.uitvoeringskosten = bedrag

    @event(SubsidieplafondVastgesteld)
    def _plafond_vastgesteld(self, plafond: Bedrag, datum: date, gebruiker: str, vorig: Bedrag | None) -> None:
        if vorig is not None and plafond < vorig:  # a lowering: not for aanvragen received before it
            self.verlagingen = [*self.verlagingen, [datum, vorig]]
        self.plafond = plafond
        self._herbereken()

    # --- the order of receipt (art. 4 lid 4) ------------------------------------------
    def neem_in_behandeling(self, nummer: int, volledig_sinds: date, datum: date, gebruiker: str) -> None:
        """A complete aanvraag joins the queue at the date it became complete."""
        self._eis_open()
        self._in_behandeling(nummer=nummer, volledig_sinds=volledig_sinds, datum=datum, gebruiker=gebruiker)

    def eerder_aan_de_beurt(self, nummer: int) -> list[int]:
        eigen = self.wachtrij.get(str(nummer))
        if eigen is None:
            return []
        sleutel = (eigen, nummer)
        return sorted(int(n) for n, d in self.wachtrij.items() if (d, int(n)) < sleutel)

    def haal_uit_wachtrij(self, nummer: int, reden: str, datum: date, gebruiker: str) -> None:
        if str(nummer) in self.wachtrij:
            self._uit_wachtrij(nummer=nummer, reden=reden, datum=datum, gebruiker=gebruiker)

    @event(AanvraagInBehandeling)
    def _in_behandeling(self, nummer: int, volledig_sinds: date, datum: date, gebruiker: str) -> None:
        self.wachtrij[str(nummer)] = volledig_sinds

    @event(AanvraagUitWachtrij)
    def _uit_wachtrij(self, nummer: int, reden: str, datum: date, gebruiker: str) -> None:
        self.wachtrij.pop(str(nummer), None)

    # --- grants against the plafond ---------------------------------------------------
    def leg_vast(
        self,
        nummer: int,
        bedrag: Bedrag,
        datum: date,
        gebruiker: str,
        ontvangen: date | None = None,
        *,
        na_bezwaar: int | None = None,
    ) -> None:
        """Commit a grant: art. 5 lid 8 (issue date) and art. 6 onder e (plafond), against the plafond of the
        aanvraag's receipt (`ontvangen`, Awb 4:27 lid 2; without it the current plafond).

        A new decision after a grant or refusal was revoked on bezwaar `na_bezwaar` (Awb 7:11) may
        be taken after the issue date: the aanvraag was in time, the first decision was wrong."""
        self._eis_open()
        if na_bezwaar is None:
            regels.art_5_lid_8_verstrekken(datum, self.verstrekken_tot)
        plafond = self.plafond if ontvangen is None else self.plafond_voor(ontvangen)
        beschikbaar = max(Bedrag.nul(), plafond - self.vastgelegd + self.terugontvangen)
        regels.art_6_e_subsidieplafond(bedrag, beschikbaar, plafond if plafond != self.plafond else None)
        self._vastgelegd(nummer=nummer, bedrag=bedrag, datum=datum, gebruiker=gebruiker, plafond=plafond)

    @event(VouchersVastgelegd)
    def _vastgelegd(self, nummer: int, bedrag: Bedrag, datum: date, gebruiker: str, plafond: Bedrag | None) -> None:
        # `plafond`: the plafond this grant was judged against (Awb 4:27 lid 2); None in version 1
        self.toegekend = self.toegekend + bedrag
        self._herbereken()
        self.wachtrij.pop(str(nummer), None)

    # --- a grant withdrawn or reduced (Awb 4:48) ----------------------------------------
    class WaardeVrijgegeven(Event):
        """The value withdrawn with a grant (Awb 4:48) no longer counts against the plafond: it is `vervallen`."""

        TOPIC = "voucher.Wijk.WaardeVrijgegeven"
        nummer: int  # the aanvraag
        bedrag: Bedrag
        datum: date
        gebruiker: str

    def geef_vrij(self, nummer: int, bedrag: Bedrag, datum: date, gebruiker: str) -> None:
        self._eis_open()
        self._waarde_vrijgegeven(nummer=nummer, bedrag=bedrag, datum=datum, gebruiker=gebruiker)

    @event(WaardeVrijgegeven)
    def _waarde_vrijgegeven(self, nummer: int, bedrag: Bedrag, datum: date, gebruiker: str) -> None:
        self.vervallen = self.vervallen + bedrag
        self.vrijgegeven = self.vrijgegeven + bedrag
        self._herbereken()

    # --- paid back after a terugvordering (Awb 4:57) ------------------------------------
    class TerugbetalingGeboekt(Event):
        """What an initiatiefnemer paid back is available again under the plafond (CLI.md `beschikbaar`)."""

        TOPIC = "voucher.Wijk.TerugbetalingGeboekt"
        nummer: int  # the aanvraag
        bedrag: Bedrag
        datum: date
        gebruiker: str

    def boek_terugbetaling(self, nummer: int, bedrag: Bedrag, datum: date, gebruiker: str) -> None:
        """Also in a closed period: a terugvordering runs for five years (Awb 4:57 lid 3)."""
        self._terugbetaling_geboekt(nummer=nummer, bedrag=bedrag, datum=datum, gebruiker=gebruiker)

    @event(TerugbetalingGeboekt)
    def _terugbetaling_geboekt(self, nummer: int, bedrag: Bedrag, datum: date, gebruiker: str) -> None:
        self.terugontvangen = self.terugontvangen + bedrag
        self._herbereken()

    # --- closing the period (art. 5 lid 8, act 12) -------------------------------------
    def eis_afsluitbaar(self, datum: date) -> None:
        """Art. 5 lid 8: a period closes only after its execution date, and once."""
        self._eis_open()
        if datum <= self.uitvoeren_tot:
            raise OngeldigeToestand(
                f"de periode {self.periode} van wijk {self.code} kan pas na "
                f"{formatteer_datum(self.uitvoeren_tot)} worden afgesloten: tot en met die dag wordt nog uitgevoerd "
                "en betaald",
                artikel="art. 5 lid 8",
                uitvoeren_tot=self.uitvoeren_tot,
                datum=datum,
            )

    def sluit_af(
        self, vervallen: Bedrag, vouchers: int, datum: date, gebruiker: str, *, mandaat: dict[str, Any]
    ) -> None:
        """Close the period; `vervallen` is the unspent value of the `vouchers` that expired with it."""
        self.eis_afsluitbaar(datum)
        self._periode_afgesloten(
            vervallen=vervallen,
            vouchers=vouchers,
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.code),
        )

    @event(PeriodeAfgesloten)
    def _periode_afgesloten(
        self,
        vervallen: Bedrag,
        vouchers: int,
        datum: date,
        gebruiker: str,
        namens: str,
        mandaat: dict[str, Any] | None,
    ) -> None:
        # What expired no longer counts against the plafond (beschikbaar = plafond - toegekend + vervallen).
        self.vervallen = self.vervallen + vervallen
        self.gesloten = True
        self._herbereken()

    def eis_open(self) -> None:
        """Art. 5 lid 8: nothing is granted, withdrawn or corrected in a closed period."""
        self._eis_open()

    def _eis_open(self) -> None:
        if self.gesloten:
            raise OngeldigeToestand(
                f"de periode {self.periode} van wijk {self.code} is afgesloten", artikel="art. 5 lid 8"
            )

    def omschrijving(self) -> str:
        return f"wijk {self.code} ({self.naam}), {self.periode}, aangewezen op {formatteer_datum(self.aangewezen_op)}"


# eventsourcing registers the explicit topics of an aggregate's events when the class is made, not that of its
# snapshot class: registered here, so that importing this module (ledger/vindplaats.py) is enough to decode.
register_topic(Wijk.Snapshot.TOPIC, Wijk.Snapshot)
