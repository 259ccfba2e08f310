"""De geschiedenis tot en met een datum: the whole log folded into one model for the reports.

Every report (verantwoording, raad, publicatie, termijnen) is a pure function of this model,
so they cannot disagree with each other. Rules owned here:
- `tot`: only acts with a business date (`datum`) on or before `tot` count, whenever they
  were entered: the history as it stood at the end of that day, by replay, never by
  subtracting later acts. An act on something that did not exist yet at `tot` (a payment on
  a voucher issued later, a voucher in a wijk designated later; the rules allow neither) is
  left out rather than guessed at, as in the read models (projections/vouwen.py);
- every fact keeps the number of the event it comes from (its notification id, the order of
  the log), so every euro in a report ties back to one event;
- the model records the number of the last event that counts and how many counted: the
  same history gives the same model, and a report shows which part of the log it rests on;
- `bekend_op`: only the log as it was recorded by the end of that day counts (its longest
  prefix, ledger/vastlegging.py); `gelezen` is the last event of that prefix, whose log head
  is the ketenkop a report with `--bekend-op` prints;
- every act keeps the moment it was recorded next to its business date; the acts recorded
  after their date are kept (`vertraagd`) for the verantwoording's late entries;
- no personal data enters the model: of the items of art. 4 lid 2 onder a it keeps only
  whether they are present, never the name, address, telephone or signature.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from ledger import gebeurtenissen as g
from ledger import status as st
from ledger import vastlegging
from ledger.begrippen import aanwezig_na, ontbreekt
from ledger.geld import Bedrag
from ledger.regeling import Regeling

OPEN = st.OPEN  # still waiting for a decision (ledger/status.py)


@dataclass(frozen=True)
class Handeling:
    """Who did it, on which business date, and which event in the log records it."""

    gebeurtenis: int
    datum: date
    door: str
    vastgelegd: datetime | None = None  # when it was recorded (ledger/vastlegging.py); never from a person


@dataclass(frozen=True)
class Vertraagd:
    """An act recorded after its business date: what it was and what it was about."""

    handeling: Handeling
    wat: str  # the kind of act, in words ("voucher verzilverd")
    dagen: int  # days between the business date and the day it was recorded (Amsterdam)
    wijk: str | None = None
    periode: int | None = None
    aanvraag: int | None = None
    voucher: str | None = None


@dataclass(frozen=True)
class Betaling:
    handeling: Handeling
    soort: str  # "verzilverd" (art. 9 lid 3 onder a) or "contant" (art. 9 lid 3 onder b)
    bedrag: Bedrag
    leverancier: str | None = None
    factuur: str | None = None
    factuurdatum: date | None = None  # an invoice paid after the execution date within the betaaltermijn


@dataclass(frozen=True)
class GeweigerdeBetaling:
    handeling: Handeling
    bedrag: Bedrag
    reden: str
    leverancier: str | None = None
    factuur: str | None = None


@dataclass(frozen=True)
class Vordering:
    """A terugvordering (Awb 4:57: by a lower vaststelling or `terugvordering instellen`) or a receipt of it."""

    handeling: Handeling
    soort: str  # "teruggevorderd" | "terugontvangen"
    bedrag: Bedrag
    motivering: str | None = None
    namens: Namens | None = None  # `terugvordering instellen` records its mandate (Awb 10:10); the letter names it


@dataclass(frozen=True)
class Correctie:
    """A storno: the payment event `corrigeert` (its number in the log) no longer counts."""

    handeling: Handeling
    corrigeert: int
    soort: str  # the corrected payment's: "verzilverd" or "contant"
    bedrag: Bedrag
    reden: str


@dataclass(frozen=True)
class Vervalling:
    handeling: Handeling
    bedrag: Bedrag


@dataclass(frozen=True)
class Waardeintrekking:
    """Value of the voucher withdrawn with the grant (Awb 4:48); in the saldo it counts as vervallen."""

    handeling: Handeling
    bedrag: Bedrag
    grond: str


@dataclass
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


@dataclass
class Aanvulling:
    gevraagd: Handeling
    wat: str
    termijn: date
    aangevuld: Handeling | None = None


@dataclass(frozen=True)
class Namens:
    """Awb 10:10 as the decision event records it: on whose behalf, under which mandate (ledger/namens.py)."""

    namens: str  # "college"
    rol: str  # "regiegroep" (art. 2 lid 6), "ambtenaar" (toelichting art. 2 lid 6) or "college"
    wijk: str | None  # the regiegroep's or the ambtenaar's wijk
    besluit: str | None = None  # the ambtenaar's mandaatbesluit, as the decision recorded it


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Verzending:
    """Awb 3:41: a decision letter sent; the bezwaartermijn (or beroepstermijn) runs to `laatste_dag`."""

    handeling: Handeling
    besluit: int  # the decision's event number
    laatste_dag: date


@dataclass
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


@dataclass
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


@dataclass
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


@dataclass(frozen=True)
class Mandaat:
    gebruiker: str
    rol: str
    wijk: str  # "" = every wijk
    van: date
    tot: date | None
    naam: str | None = None  # the display name given with it (`--naam`); None: the login
    besluit: str | None = None  # the reference of the mandaatbesluit (`--besluit`)


@dataclass
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


# --- the fold ---------------------------------------------------------------------------------
class _Vouwer:
    def __init__(self, tot: date | None, bekend_op: date | None = None) -> None:
        self.h = Geschiedenis(tot=tot, bekend_op=bekend_op)
        self.wijk_van: dict[UUID, tuple[str, int]] = {}
        self.aanvraag_van: dict[UUID, int] = {}
        self.voucher_van: dict[UUID, str] = {}
        self.bezwaar_van: dict[UUID, int] = {}

    def pas_toe(self, nummer: int, e: Any) -> None:
        self.h.gelezen = nummer
        datum = getattr(e, "datum", None)
        moment = vastlegging.vastgelegd(e)
        if isinstance(e, g.GemeenteIngericht):
            # The gemeente's name and regeling govern the whole history, whatever `tot`; the act itself
            # counts only from its date.
            self.ingericht(Handeling(nummer, e.datum, e.gebruiker, moment), e)
        if isinstance(e, g.GemeenteRegelingGewijzigd):
            # Like the first regeling, every version governs the acts of its dates, whatever `tot`.
            nr, r = e.versie, Regeling.uit_dict(e.regeling)
            self.h.regelingversies.append((nr, e.vanaf, r, Handeling(nummer, e.datum, e.gebruiker, moment)))
        if datum is None or (self.h.tot is not None and datum > self.h.tot):
            return
        # The gemeente's register, the queue and the invoice register have no verwerking: no
        # report reads them, but they are part of the history up to `tot` and count.
        # The ketenkop rule is the same as `saldo --per`'s (projections/vouwen.py): the last event with a
        # business date on or before `tot`.
        self.h.laatste = max(self.h.laatste, nummer)
        verwerk = _VERWERKING.get(type(e))
        h = Handeling(nummer, datum, getattr(e, "gebruiker", ""), moment)
        if verwerk is not None and verwerk(self, h, e) is False:
            return
        self.h.meegeteld += 1
        self.h.laatste_datum = max(self.h.laatste_datum or datum, datum)
        if verwerk is not None or isinstance(e, g.GemeenteIngericht):
            dagen = vastlegging.dagen_laat(e)
            if dagen is not None and dagen > 0:
                self.h.vertraagd.append(self._vertraagd(h, e, dagen))

    def _vertraagd(self, h: Handeling, e: Any, dagen: int) -> Vertraagd:
        wat = vastlegging.wat(e)
        if (code := self.voucher_van.get(e.originator_id)) is not None:
            v = self.h.vouchers[code]
            return Vertraagd(h, wat, dagen, v.wijk, v.periode, v.aanvraag, v.code)
        if (nummer := self.aanvraag_van.get(e.originator_id)) is not None:
            a = self.h.aanvragen[nummer]
            return Vertraagd(h, wat, dagen, a.wijk, a.periode, a.nummer)
        if (sleutel := self.wijk_van.get(e.originator_id)) is not None:
            return Vertraagd(h, wat, dagen, *sleutel)
        return Vertraagd(h, wat, dagen)

    # gemeente -------------------------------------------------------------------------------
    def ingericht(self, h: Handeling, e: Any) -> None:
        self.h.gemeente = e.naam
        self.h.regeling = Regeling.uit_dict(e.regeling)
        self.h.regelingversies.insert(0, (1, self.h.regeling.inwerkingtreding, self.h.regeling, h))

    def mandaat_gegeven(self, h: Handeling, e: Any) -> None:
        self.h.mandaten.append(Mandaat(e.aan, e.rol, e.wijk or "", e.datum, None, e.naam, e.besluit))

    def mandaat_ingetrokken(self, h: Handeling, e: Any) -> None:
        for i, m in enumerate(self.h.mandaten):
            if (m.gebruiker, m.rol, m.wijk) == (e.aan, e.rol, e.wijk or "") and m.van <= e.datum and m.tot is None:
                self.h.mandaten[i] = Mandaat(m.gebruiker, m.rol, m.wijk, m.van, e.datum, m.naam, m.besluit)

    # wijk -----------------------------------------------------------------------------------
    def aangewezen(self, h: Handeling, e: Any) -> None:
        sleutel = (e.code, e.periode)
        self.wijk_van[e.originator_id] = sleutel
        self.h.wijken[sleutel] = WijkHistorie(
            e.code, e.periode, e.naam, e.budget, e.verstrekken_tot, e.uitvoeren_tot, h
        )

    def _wijk(self, e: Any) -> WijkHistorie | None:
        sleutel = self.wijk_van.get(e.originator_id)
        return self.h.wijken.get(sleutel) if sleutel else None

    def uitvoeringskosten(self, h: Handeling, e: Any) -> bool:
        if (w := self._wijk(e)) is None:
            return False
        w.uitvoeringskosten, w.reservering = e.bedrag, h
        return True

    def plafond(self, h: Handeling, e: Any) -> bool:
        if (w := self._wijk(e)) is None:
            return False
        w.plafond = e.plafond
        w.plafondbesluiten.append((h, e.plafond))
        if e.vorig is not None and e.plafond < e.vorig:
            w.verlaagd_van[h.gebeurtenis] = e.vorig
        return True

    def budget(self, h: Handeling, e: Any) -> bool:
        if (w := self._wijk(e)) is None:
            return False
        w.budgetwijzigingen.append((h, e.vorig, e.budget))
        w.budget = e.budget
        return True

    def afgesloten(self, h: Handeling, e: Any) -> bool:
        if (w := self._wijk(e)) is None:
            return False
        w.afsluiting = (h, e.vervallen, e.vouchers)
        return True

    # aanvraag -------------------------------------------------------------------------------
    def ingediend(self, h: Handeling, e: Any) -> bool:
        w = self.h.wijken.get((e.wijk, e.periode))
        if w is None:
            return False
        aanwezig = aanwezig_na((), e.persoon, e.gegevens)
        volledig = not ontbreekt(aanwezig)
        self.aanvraag_van[e.originator_id] = e.nummer
        self.h.aanvragen[e.nummer] = AanvraagHistorie(
            nummer=e.nummer,
            wijk=e.wijk,
            periode=e.periode,
            ontvangen=e.ontvangen,
            ingediend=h,
            omschrijving=e.gegevens.get("omschrijving"),
            kosten=e.gegevens.get("kosten"),
            aanwezig=aanwezig,
            status=st.bij_indiening(volledig),
            volledig_sinds=e.ontvangen if volledig else None,
        )
        w.aanvragen.append(e.nummer)
        return True

    def _aanvraag(self, e: Any) -> AanvraagHistorie | None:
        nummer = self.aanvraag_van.get(e.originator_id)
        return self.h.aanvragen.get(nummer) if nummer is not None else None

    def aanvulling_gevraagd(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        verzoek = Aanvulling(h, e.wat, e.termijn)
        a.aanvullingen.append(verzoek)
        # A second request while one is open does not restart the pause (Awb 4:15): keep the first.
        if a.open_aanvulling is None:
            a.open_aanvulling = verzoek
        else:
            a.open_aanvulling.termijn = e.termijn
        a.status = st.na("AanvullingGevraagd", a.status)
        return True

    def aangevuld(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        a.aanwezig = aanwezig_na(a.aanwezig, e.persoon, e.gegevens)
        if e.gegevens.get("omschrijving"):
            a.omschrijving = e.gegevens["omschrijving"]
        if "kosten" in e.gegevens and e.gegevens["kosten"] is not None:
            a.kosten = e.gegevens["kosten"]
        for verzoek in a.aanvullingen:
            if verzoek.aangevuld is None:
                verzoek.aangevuld = h
        if a.open_aanvulling is not None:
            a.opgeschort_dagen += (e.datum - a.open_aanvulling.gevraagd.datum).days
            a.open_aanvulling = None
        status = st.na("Aangevuld", a.status, volledig=not a.ontbreekt)
        if status != a.status:
            a.status, a.volledig_sinds = status, e.datum
        return True

    def _besluit(self, a: AanvraagHistorie, besluit: Besluit, e: Any, **feiten: Any) -> None:
        if a.heropend is not None and besluit.soort in ("toegekend", "geweigerd", "buiten behandeling", "raadpleging"):
            besluit = replace(besluit, na_bezwaar=a.heropend)
            a.heropend = None if besluit.soort != "raadpleging" or besluit.uitkomst == "tegen" else a.heropend
        a.besluiten.append(besluit)
        a.status = st.na(type(e).__name__, a.status, **feiten)

    def toegekend(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        termijn = a.beslissen_voor(self.h.regeling_op(a.ontvangen).beslistermijn_weken)
        besluit = Besluit(
            h,
            "toegekend",
            e.bedrag,
            e.grond,
            e.motivering,
            e.buiten_volgorde,
            e.start_voor,
            beslissen_voor=termijn,
            namens=_namens(e),
            vouchers=tuple(v["code"] for v in e.vouchers),
        )
        self._besluit(a, besluit, e)
        return True

    def geweigerd(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        termijn = a.beslissen_voor(self.h.regeling_op(a.ontvangen).beslistermijn_weken)
        besluit = Besluit(h, "geweigerd", None, e.grond, e.motivering, beslissen_voor=termijn, namens=_namens(e))
        self._besluit(a, besluit, e)
        return True

    def geschikt(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        termijn = a.beslissen_voor(self.h.regeling_op(a.ontvangen).beslistermijn_weken)
        self._besluit(a, Besluit(h, "geschikt", beslissen_voor=termijn, namens=_namens(e)), e)
        return True

    def raadpleging(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        besluit = Besluit(
            h,
            "raadpleging",
            uitkomst=e.uitkomst,
            stemmen_voor=e.stemmen_voor,
            stemmen_tegen=e.stemmen_tegen,
            namens=_namens(e),
        )
        self._besluit(a, besluit, e, uitkomst=e.uitkomst)
        return True

    def ingetrokken(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        a.intrekking = (h, e.reden)
        a.status = st.na("Ingetrokken", a.status)
        return True

    def buiten_behandeling(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        self._besluit(a, Besluit(h, "buiten behandeling", motivering=e.motivering, namens=_namens(e)), e)
        return True

    def toekenning_ingetrokken(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        besluit = Besluit(h, "intrekking", e.bedrag, e.grond, e.motivering, namens=_namens(e))
        self._besluit(a, besluit, e)
        return True

    def vastgesteld(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        self._besluit(a, Besluit(h, "vaststelling", e.bedrag, e.grond, e.motivering, namens=_namens(e)), e)
        if e.teruggevorderd.centen:
            self._vordering(a, Vordering(h, "teruggevorderd", e.teruggevorderd, e.motivering))
        return True

    def terugvordering(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        self._vordering(a, Vordering(h, "teruggevorderd", e.bedrag, e.motivering, _namens(e)))
        return True

    def terugbetaling(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        self._vordering(a, Vordering(h, "terugontvangen", e.bedrag))
        return True

    def _vordering(self, a: AanvraagHistorie, v: Vordering) -> None:
        a.vorderingen.append(v)
        w = self.h.wijken[(a.wijk, a.periode)]
        if v.soort == "teruggevorderd":
            w.teruggevorderd = w.teruggevorderd + v.bedrag
        else:
            w.terugontvangen = w.terugontvangen + v.bedrag

    def herroepen(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        a.herroepen[e.besluit] = (h, e.bezwaar)
        a.heropend = e.bezwaar
        a.status = st.na("Herroepen", a.status, terug=e.status)
        return True

    # bezwaar and verzending (Awb 3:41, 6:4-6:11, 7:10-7:12) ----------------------------------
    def verzonden(self, h: Handeling, e: Any) -> bool:
        if e.aanvraag not in self.h.aanvragen:
            return False
        self.h.verzendingen[e.gebeurtenis] = Verzending(h, e.gebeurtenis, e.laatste_dag)
        return True

    def bezwaar(self, h: Handeling, e: Any) -> bool:
        if (a := self.h.aanvragen.get(e.aanvraag)) is None:
            return False
        self.bezwaar_van[e.originator_id] = e.nummer
        self.h.bezwaren[e.nummer] = BezwaarHistorie(
            e.nummer,
            e.aanvraag,
            a.wijk,
            a.periode,
            e.besluit,
            e.soort,
            e.besluitdatum,
            e.verzonden,
            e.laatste_dag,
            e.ontvangen,
            e.omschrijving,
            e.tijdig,
            e.verschoonbaar,
            e.beslissen_voor,
            h,
        )
        return True

    def bezwaar_beslist(self, h: Handeling, e: Any) -> bool:
        nummer = self.bezwaar_van.get(e.originator_id)
        if (b := self.h.bezwaren.get(nummer) if nummer is not None else None) is None:
            return False
        b.beslissing, b.uitkomst, b.motivering, b.namens = h, e.uitkomst, e.motivering, _namens(e)
        return True

    def bekendgemaakt(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        a.bekendmaking = h
        return True

    def wijziging(self, h: Handeling, e: Any) -> bool:
        if (a := self._aanvraag(e)) is None:
            return False
        a.wijzigingen.append((h, e.omschrijving))
        return True

    # voucher --------------------------------------------------------------------------------
    def verstrekt(self, h: Handeling, e: Any) -> bool:
        w = self.h.wijken.get((e.wijk, e.periode))
        if w is None:
            return False
        self.voucher_van[e.originator_id] = e.code
        self.h.vouchers[e.code] = VoucherHistorie(e.code, e.aanvraag, e.wijk, e.periode, e.waarde, e.uitvoeren_tot, h)
        w.vouchers.append(e.code)
        if (a := self.h.aanvragen.get(e.aanvraag)) is not None:
            a.vouchers.append(e.code)
        return True

    def _voucher(self, e: Any) -> VoucherHistorie | None:
        code = self.voucher_van.get(e.originator_id)
        return self.h.vouchers.get(code) if code else None

    def verzilverd(self, h: Handeling, e: Any) -> bool:
        if (v := self._voucher(e)) is None:
            return False
        v.betalingen.append(Betaling(h, "verzilverd", e.bedrag, e.leverancier, e.factuur, e.factuurdatum))
        return True

    def contant(self, h: Handeling, e: Any) -> bool:
        if (v := self._voucher(e)) is None:
            return False
        v.betalingen.append(Betaling(h, "contant", e.bedrag))
        return True

    def betaling_geweigerd(self, h: Handeling, e: Any) -> bool:
        if (v := self._voucher(e)) is None:
            return False
        v.geweigerd.append(GeweigerdeBetaling(h, e.bedrag, e.reden, e.leverancier, e.factuur))
        return True

    def vervallen(self, h: Handeling, e: Any) -> bool:
        if (v := self._voucher(e)) is None:
            return False
        v.vervallingen.append(Vervalling(h, e.bedrag))
        return True

    def waarde_ingetrokken(self, h: Handeling, e: Any) -> bool:
        if (v := self._voucher(e)) is None:
            return False
        v.intrekkingen.append(Waardeintrekking(h, e.bedrag, e.grond))
        return True

    def gecorrigeerd(self, h: Handeling, e: Any) -> bool:
        if (v := self._voucher(e)) is None:
            return False
        v.correcties.append(Correctie(h, e.gebeurtenis, e.soort, e.bedrag, e.reden))
        return True


def _namens(e: Any) -> Namens | None:
    """The mandate a decision event records (version 2); None for an event stored before it did."""
    mandaat = e.mandaat
    if not mandaat:
        return None
    return Namens(e.namens, mandaat["rol"], mandaat.get("wijk"), mandaat.get("besluit"))


_VERWERKING: dict[type, Any] = {
    g.GemeenteMandaatGegeven: _Vouwer.mandaat_gegeven,
    g.GemeenteMandaatIngetrokken: _Vouwer.mandaat_ingetrokken,
    g.WijkAangewezen: _Vouwer.aangewezen,
    g.WijkUitvoeringskostenGereserveerd: _Vouwer.uitvoeringskosten,
    g.WijkSubsidieplafondVastgesteld: _Vouwer.plafond,
    g.WijkBudgetGewijzigd: _Vouwer.budget,
    g.WijkPeriodeAfgesloten: _Vouwer.afgesloten,
    g.AanvraagIngediend: _Vouwer.ingediend,
    g.AanvraagAanvullingGevraagd: _Vouwer.aanvulling_gevraagd,
    g.AanvraagAangevuld: _Vouwer.aangevuld,
    g.AanvraagToegekend: _Vouwer.toegekend,
    g.AanvraagGeweigerd: _Vouwer.geweigerd,
    g.AanvraagGeschiktVerklaard: _Vouwer.geschikt,
    g.AanvraagRaadplegingBesloten: _Vouwer.raadpleging,
    g.AanvraagIngetrokken: _Vouwer.ingetrokken,
    g.AanvraagBuitenBehandelingGesteld: _Vouwer.buiten_behandeling,
    g.AanvraagToekenningIngetrokken: _Vouwer.toekenning_ingetrokken,
    g.AanvraagVastgesteld: _Vouwer.vastgesteld,
    g.AanvraagTerugvorderingIngesteld: _Vouwer.terugvordering,
    g.AanvraagTerugbetalingOntvangen: _Vouwer.terugbetaling,
    g.AanvraagBekendgemaakt: _Vouwer.bekendgemaakt,
    g.AanvraagHerroepen: _Vouwer.herroepen,
    g.VerzendingVerzonden: _Vouwer.verzonden,
    g.BezwaarIngediend: _Vouwer.bezwaar,
    g.BezwaarBeslist: _Vouwer.bezwaar_beslist,
    g.AanvraagWijzigingGemeld: _Vouwer.wijziging,
    g.VoucherVerstrekt: _Vouwer.verstrekt,
    g.VoucherVerzilverd: _Vouwer.verzilverd,
    g.VoucherContantOpgenomen: _Vouwer.contant,
    g.VoucherBetalingGeweigerd: _Vouwer.betaling_geweigerd,
    g.VoucherVervallen: _Vouwer.vervallen,
    g.VoucherBetalingGecorrigeerd: _Vouwer.gecorrigeerd,
    g.VoucherWaardeIngetrokken: _Vouwer.waarde_ingetrokken,
}


def vouw(genummerd: Iterable[tuple[int, Any]], tot: date | None = None, bekend_op: date | None = None) -> Geschiedenis:
    """Fold (number, event) pairs, in commit order, into the history as it stood at the end of `tot`,
    as far as it was recorded by the end of `bekend_op`."""
    vouwer = _Vouwer(tot, bekend_op)
    for nummer, e in vastlegging.bekend_op(genummerd, bekend_op):
        vouwer.pas_toe(nummer, e)
    return vouwer.h
