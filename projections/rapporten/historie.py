"""The model of the history the reports read (projections/rapporten/geschiedenis.py folds the log into it).

Every fact keeps the act it comes from (`Handeling`: the event's number in the log, its business
date, who, and when it was recorded), so every euro in a report ties back to one event. No personal
data: of the items of art. 4 lid 2 onder a an aanvraag keeps only whether they are present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ledger import status as st
from ledger.begrippen import ontbreekt
from ledger.geld import Bedrag
from ledger.regeling import Regeling

OPEN = st.OPEN  # still waiting for a decision (ledger/status.py)


@dataclass(frozen=True, slots=True)
class Handeling:
    """Who did it, on which business date, and which event in the log records it."""

    gebeurtenis: int
    datum: date
    door: str
    vastgelegd: datetime | None = None  # when it was recorded (ledger/vastlegging.py); never from a person


@dataclass(frozen=True, slots=True)
class Vertraagd:
    """An act recorded after its business date: what it was and what it was about."""

    handeling: Handeling
    wat: str  # the kind of act, in words ("voucher verzilverd")
    dagen: int  # days between the business date and the day it was recorded (Amsterdam)
    wijk: str | None = None
    periode: int | None = None
    aanvraag: int | None = None
    voucher: str | None = None


@dataclass(frozen=True, slots=True)
class Betaling:
    handeling: Handeling
    soort: str  # "verzilverd" (art. 9 lid 3 onder a) or "contant" (art. 9 lid 3 onder b)
    bedrag: Bedrag
    leverancier: str | None = None
    factuur: str | None = None
    factuurdatum: date | None = None  # an invoice paid after the execution date within the betaaltermijn


@dataclass(frozen=True, slots=True)
class GeweigerdeBetaling:
    handeling: Handeling
    bedrag: Bedrag
    reden: str
    leverancier: str | None = None
    factuur: str | None = None


@dataclass(frozen=True, slots=True)
class Vordering:
    """A terugvordering (Awb 4:57: by a lower vaststelling or `terugvordering instellen`) or a receipt of it."""

    handeling: Handeling
    soort: str  # "teruggevorderd" | "terugontvangen"
    bedrag: Bedrag
    motivering: str | None = None
    namens: Namens | None = None  # `terugvordering instellen` records its mandate (Awb 10:10); the letter names it


@dataclass(frozen=True, slots=True)
class Correctie:
    """A storno: the payment event `corrigeert` (its number in the log) no longer counts."""

    handeling: Handeling
    corrigeert: int
    soort: str  # the corrected payment's: "verzilverd" or "contant"
    bedrag: Bedrag
    reden: str


@dataclass(frozen=True, slots=True)
class Vervalling:
    handeling: Handeling
    bedrag: Bedrag


@dataclass(frozen=True, slots=True)
class Waardeintrekking:
    """Value of the voucher withdrawn with the grant (Awb 4:48); in the saldo it counts as vervallen."""

    handeling: Handeling
    bedrag: Bedrag
    grond: str


@dataclass(slots=True)
class VoucherHistorie:
    code: str
    aanvraag: int
    wijk: str
    periode: int
    waarde: Bedrag
    uitvoeren_tot: date
    verstrekt: Handeling
    betalingen: list[Betaling] = field(default_factory=list)
    geweigerd: list[GeweigerdeBetaling] = field(default_factory=list)
    vervallingen: list[Vervalling] = field(default_factory=list)
    correcties: list[Correctie] = field(default_factory=list)
    intrekkingen: list[Waardeintrekking] = field(default_factory=list)

    def correctie_van(self, b: Betaling) -> Correctie | None:
        """The correction of this payment, if it was corrected (up to the history's date)."""
        return next((c for c in self.correcties if c.corrigeert == b.handeling.gebeurtenis), None)

    @property
    def geldige_betalingen(self) -> list[Betaling]:
        """The payments that count: every one that was not corrected."""
        gecorrigeerd = {c.corrigeert for c in self.correcties}
        return [b for b in self.betalingen if b.handeling.gebeurtenis not in gecorrigeerd]

    def _betaald(self, soort: str) -> Bedrag:
        return sum((b.bedrag for b in self.geldige_betalingen if b.soort == soort), Bedrag.nul())

    @property
    def verzilverd(self) -> Bedrag:
        """Invoices paid, less the payments corrected (storno)."""
        return self._betaald("verzilverd")

    @property
    def contant(self) -> Bedrag:
        """Cash paid out, less the withdrawals corrected (storno)."""
        return self._betaald("contant")

    @property
    def vervallen(self) -> Bedrag:
        """Expired at the close of the period, and withdrawn with the grant (Awb 4:48): no longer under the plafond."""
        return sum((v.bedrag for v in self.vervallingen), Bedrag.nul()) + self.ingetrokken

    @property
    def ingetrokken(self) -> Bedrag:
        return sum((v.bedrag for v in self.intrekkingen), Bedrag.nul())

    @property
    def restant(self) -> Bedrag:
        return self.waarde - self.verzilverd - self.contant - self.vervallen


@dataclass(slots=True)
class Aanvulling:
    gevraagd: Handeling
    wat: str
    termijn: date
    aangevuld: Handeling | None = None


@dataclass(frozen=True, slots=True)
class Namens:
    """Awb 10:10 as the decision event records it: on whose behalf, under which mandate (ledger/namens.py)."""

    namens: str  # "college"
    rol: str  # "regiegroep" (art. 2 lid 6), "ambtenaar" (toelichting art. 2 lid 6) or "college"
    wijk: str | None  # the regiegroep's or the ambtenaar's wijk
    besluit: str | None = None  # the ambtenaar's mandaatbesluit, as the decision recorded it


@dataclass(frozen=True, slots=True)
class Besluit:
    """A decision on an aanvraag: toegekend, geweigerd, geschikt (art. 5 lid 3) or the raadpleging (lid 6)."""

    handeling: Handeling
    soort: str  # "toegekend" | "geweigerd" | "geschikt" | "raadpleging" | "buiten behandeling" (Awb 4:5)
    # | "intrekking" (Awb 4:48: bedrag released, grond a-d of 4:48 lid 1)
    # | "vaststelling" (Awb 4:42-4:47: bedrag vastgesteld, grond a-d of 4:46 lid 2 when lower than paid)
    bedrag: Bedrag | None = None
    grond: str | None = None
    motivering: str | None = None
    buiten_volgorde: str | None = None
    start_voor: date | None = None
    uitkomst: str | None = None  # raadpleging: "voor" | "tegen"
    stemmen_voor: int | None = None
    stemmen_tegen: int | None = None
    beslissen_voor: date | None = None  # the beslistermijn as it stood when this was decided
    namens: Namens | None = None  # None: recorded before decisions named their mandate (event version 1)
    vouchers: tuple[str, ...] = ()  # a grant: the codes of its vouchers
    na_bezwaar: int | None = None  # taken after a decision was revoked on this bezwaar (Awb 7:11)


@dataclass(frozen=True, slots=True)
class Verzending:
    """Awb 3:41: a decision letter sent; the bezwaartermijn (or beroepstermijn) runs to `laatste_dag`."""

    handeling: Handeling
    besluit: int  # the decision's event number
    laatste_dag: date


@dataclass(slots=True)
class BezwaarHistorie:
    """A bezwaar (Awb 6:4) against decision `besluit` on aanvraag `aanvraag`, and its beslissing (Awb 7:11)."""

    nummer: int
    aanvraag: int
    wijk: str
    periode: int
    besluit: int
    soort: str
    besluitdatum: date
    verzonden: date | None
    laatste_dag: date | None
    ontvangen: date
    omschrijving: str
    tijdig: bool
    verschoonbaar: str | None
    beslissen_voor: date
    ingediend: Handeling
    beslissing: Handeling | None = None
    uitkomst: str | None = None
    motivering: str | None = None
    namens: Namens | None = None

    @property
    def open(self) -> bool:
        return self.beslissing is None


@dataclass(slots=True)
class AanvraagHistorie:
    nummer: int
    wijk: str
    periode: int
    ontvangen: date
    ingediend: Handeling
    omschrijving: str | None
    kosten: Bedrag | None
    aanwezig: set[str]  # which items of art. 4 lid 2 are present (VEREISTEN keys), never their content
    status: str
    volledig_sinds: date | None
    opgeschort_dagen: int = 0
    open_aanvulling: Aanvulling | None = None
    aanvullingen: list[Aanvulling] = field(default_factory=list)
    besluiten: list[Besluit] = field(default_factory=list)
    bekendmaking: Handeling | None = None
    wijzigingen: list[tuple[Handeling, str]] = field(default_factory=list)
    vouchers: list[str] = field(default_factory=list)
    intrekking: tuple[Handeling, str] | None = None  # withdrawn by the initiatiefnemer: (act, reden)
    vorderingen: list[Vordering] = field(default_factory=list)  # Awb 4:57, in order
    herroepen: dict[int, tuple[Handeling, int]] = field(default_factory=dict)  # decision nr -> (act, bezwaar)
    heropend: int | None = None  # revoked on this bezwaar, not decided again yet (Awb 7:11)

    def vorderingsom(self, soort: str) -> Bedrag:
        return sum((v.bedrag for v in self.vorderingen if v.soort == soort), Bedrag.nul())

    @property
    def openstaand(self) -> Bedrag:
        """Claimed back and not yet received."""
        return self.vorderingsom("teruggevorderd") - self.vorderingsom("terugontvangen")

    @property
    def ontbreekt(self) -> list[str]:
        return ontbreekt(self.aanwezig)

    def beslissen_voor(self, beslistermijn_weken: int) -> date | None:
        """Art. 5 lid 1, Awb 4:13-4:15: receipt + term + days paused; none while paused or incomplete.

        The same rule as Aanvraag.beslissen_voor, on the replayed state."""
        if self.open_aanvulling is not None or self.volledig_sinds is None:
            return None
        return self.ontvangen + timedelta(weeks=beslistermijn_weken, days=self.opgeschort_dagen)

    @property
    def eerste_besluit(self) -> Besluit | None:
        """The decision the beslistermijn is about: toegekend, geweigerd, or geschikt above the threshold."""
        return next((b for b in self.besluiten if b.soort in ("toegekend", "geweigerd", "geschikt")), None)

    @property
    def toekenning(self) -> Besluit | None:
        """The grant that stands: the latest that was not revoked on bezwaar (Awb 7:11)."""
        staand = (b for b in reversed(self.besluiten) if b.handeling.gebeurtenis not in self.herroepen)
        return next((b for b in staand if b.soort == "toegekend"), None)


@dataclass(slots=True)
class WijkHistorie:
    code: str
    periode: int
    naam: str
    budget: Bedrag
    verstrekken_tot: date
    uitvoeren_tot: date
    aangewezen: Handeling
    uitvoeringskosten: Bedrag = field(default_factory=Bedrag.nul)
    reservering: Handeling | None = None
    plafond: Bedrag = field(default_factory=Bedrag.nul)
    plafondbesluiten: list[tuple[Handeling, Bedrag]] = field(default_factory=list)
    verlaagd_van: dict[int, Bedrag] = field(default_factory=dict)  # event nr -> plafond before a lowering (Awb 4:27)
    budgetwijzigingen: list[tuple[Handeling, Bedrag, Bedrag]] = field(default_factory=list)  # (act, was, wordt)
    afsluiting: tuple[Handeling, Bedrag, int] | None = None  # (act, total expired, vouchers)
    aanvragen: list[int] = field(default_factory=list)
    vouchers: list[str] = field(default_factory=list)
    teruggevorderd: Bedrag = field(default_factory=Bedrag.nul)  # Awb 4:57
    terugontvangen: Bedrag = field(default_factory=Bedrag.nul)


@dataclass(frozen=True, slots=True)
class Mandaat:
    gebruiker: str
    rol: str
    wijk: str  # "" = every wijk
    van: date
    tot: date | None
    naam: str | None = None  # the display name given with it (`--naam`); None: the login
    besluit: str | None = None  # the reference of the mandaatbesluit (`--besluit`)


@dataclass(slots=True)
class Geschiedenis:
    tot: date | None
    bekend_op: date | None = None
    gemeente: str = ""
    regeling: Regeling = field(default_factory=Regeling)
    # Every version of the regeling: (number, in force from, regeling, the act that recorded it)
    regelingversies: list[tuple[int, date, Regeling, Handeling | None]] = field(default_factory=list)
    wijken: dict[tuple[str, int], WijkHistorie] = field(default_factory=dict)
    aanvragen: dict[int, AanvraagHistorie] = field(default_factory=dict)
    vouchers: dict[str, VoucherHistorie] = field(default_factory=dict)
    mandaten: list[Mandaat] = field(default_factory=list)
    bezwaren: dict[int, BezwaarHistorie] = field(default_factory=dict)
    verzendingen: dict[int, Verzending] = field(default_factory=dict)  # by the decision's event number
    meegeteld: int = 0
    laatste: int = 0  # the number of the last event that counts (0: none)
    laatste_datum: date | None = None  # the latest business date among them
    gelezen: int = 0  # the last event read: with `bekend_op`, the end of the log as it was then
    vertraagd: list[Vertraagd] = field(default_factory=list)

    @property
    def kop_positie(self) -> int:
        """Where the report's ketenkop is taken (one rule for every report and `saldo`): with `bekend_op`
        the end of the log as it stood then, else the last event that counts."""
        return self.gelezen if self.bekend_op is not None else self.laatste

    def versie_op(self, datum: date) -> tuple[int, date, Regeling]:
        """(number, from, regeling) of the version in force on `datum` (as `Gemeente.versie_op`)."""
        versies = self.regelingversies or [(1, self.regeling.inwerkingtreding, self.regeling, None)]
        n, vanaf, r, _ = next((v for v in reversed(versies) if v[1] <= datum or v[0] == 1), versies[0])
        return n, vanaf, r

    def regeling_op(self, datum: date) -> Regeling:
        return self.versie_op(datum)[2]

    @property
    def stand(self) -> date | None:
        """The date the report speaks of: `tot`, or without it the latest act in the log."""
        return self.tot or self.laatste_datum

    def wijk_lijst(self, wijk: str | None = None, periode: int | None = None) -> list[WijkHistorie]:
        return [
            self.wijken[k]
            for k in sorted(self.wijken)
            if (wijk is None or k[0] == wijk) and (periode is None or k[1] == periode)
        ]

    def vouchers_van(self, a: AanvraagHistorie) -> list[VoucherHistorie]:
        return [self.vouchers[c] for c in sorted(a.vouchers)]

    def weergavenaam(self, gebruiker: str, datum: date) -> str:
        """The name a letter shows for `gebruiker`: the latest given with a mandate from `datum` or before
        (a later mandate does not change an earlier letter), else the login."""
        namen = [m for m in self.mandaten if m.gebruiker == gebruiker and m.naam and m.van <= datum]
        return namen[-1].naam or gebruiker if namen else gebruiker

    def mandaatbesluit(self, gebruiker: str, rol: str, wijk: str, datum: date) -> str | None:
        """The mandaatbesluit of the mandate in force on `datum` (for a decision that did not record it)."""
        for m in reversed(self.mandaten):  # the latest given: a mandate given again with another reference
            if (
                (m.gebruiker, m.rol, m.wijk) == (gebruiker, rol, wijk)
                and m.van <= datum
                and (m.tot is None or datum < m.tot)
            ):
                if m.besluit:
                    return m.besluit
        return None

    def mandaat_op(self, gebruiker: str, wijk: str, datum: date) -> tuple[str | None, str | None]:
        """(rol, wijk) of the mandate `gebruiker` held for `wijk` on `datum`; the regiegroep's first, then an
        ambtenaar's, then the college's."""

        def heeft(rol: str, w: str) -> bool:
            return any(
                m.gebruiker == gebruiker
                and m.rol == rol
                and m.wijk in (w, "")
                and m.van <= datum
                and (m.tot is None or datum < m.tot)
                for m in self.mandaten
            )

        for rol in ("regiegroep", "ambtenaar"):
            if heeft(rol, wijk):
                return rol, wijk
        if heeft("college", ""):
            return "college", None
        return None, None

    def rol(self, gebruiker: str, wijk: str, datum: date, vastgelegd: Namens | None = None) -> str:
        """In which capacity `gebruiker` decided on `datum` (Awb 10:10: under mandate, on behalf of the college):
        the mandate the decision recorded, or for an older event the one in force that day."""
        rol = vastgelegd.rol if vastgelegd is not None else self.mandaat_op(gebruiker, wijk, datum)[0]
        if rol == "regiegroep":
            return "regiegroep, namens het college (mandaat art. 2 lid 6; Awb 10:10)"
        if rol == "ambtenaar":
            return "ambtenaar met mandaat, namens het college (toelichting art. 2 lid 6; Awb 10:10)"
        if rol == "college":
            return "college van burgemeester en wethouders"
        return "zonder geldig mandaat op die datum"
