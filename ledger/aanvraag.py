"""De aanvraag: from receipt to decision (art. 4, 5, 6, 7 and 8).

Owns acts 5-10: aanvraag ingediend with the items of art. 4 lid 2, aanvulling gevraagd and
aangevuld (art. 4 lid 3, Awb 4:5 and 4:15: the clock pauses), toegekend or geweigerd with a
ground of art. 6 and a motivering (Awb 3:46), geschikt verklaard and the raadpleging besluit
above the threshold (art. 5 lid 3-6), bekendgemaakt (art. 7 lid 2) and wijziging gemeld
(art. 8 lid 2); after the second round also ingetrokken by the initiatiefnemer before a
decision, and buiten behandeling gesteld (Awb 4:5) once an aanvullingstermijn passed without
aanvulling (a decision with bezwaar); after the grant its intrekking (Awb 4:48), vaststelling
(Awb 4:42-4:47) and terugvordering (Awb 4:57), whose checks live in ledger/aanvraag_nazorg.py
(a mixin) and ledger/vaststelling.py, the state they set here. An incomplete aanvraag cannot be
decided. Every decision records that it was taken on behalf of the college and under which
mandate (Awb 10:10, ledger/namens.py). The events, each an explicit class with typed fields and
its stored topic, are in ledger/aanvraag_gebeurtenissen.py; the methods that set state stay here.

Personal data (art. 4 lid 2 onder a) sits in its own field `persoon`, apart from the
financial facts, so that it can be kept encrypted and erased without touching the history.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event
from eventsourcing.domain import Snapshot as Momentopname
from eventsourcing.utils import register_topic

from ledger import aanvraag_gebeurtenissen as ev
from ledger import ids, regels
from ledger import status as st
from ledger.aanvraag_bezwaar import NaBezwaar
from ledger.aanvraag_nazorg import NaDeVerlening
from ledger.begrippen import aanwezig_na, ontbreekt
from ledger.bewaartermijnen import Bewaartermijn, eis_afgerond, eis_verstreken
from ledger.datum import formatteer_datum
from ledger.fouten import AanvraagOnvolledig, OngeldigeInvoer, OngeldigeToestand, RegelOvertreden, TermijnLoopt
from ledger.geld import Bedrag
from ledger.namens import NAMENS_COLLEGE, eis_mandaat_voor
from ledger.vouchercode import maak_code


class Aanvraag(NaDeVerlening, NaBezwaar, Aggregate):
    TOPIC = "voucher.Aanvraag"
    Event = ev.Event  # the base of its events (ledger/aanvraag_gebeurtenissen.py)

    class Created(ev.Event, Aggregate.Created):  # explicit topics require it; never triggered
        TOPIC = "voucher.Aanvraag.Created"

    class Snapshot(Momentopname):  # its own topic: the database can tell whose snapshot it is
        TOPIC = "voucher.Aanvraag.Snapshot"

    # Version 2 of the state: `intrekking` (withdrawn by the initiatiefnemer) and
    # `persoonsgegevens_vernietigd` always present (before, only once it happened).
    # Version 3: `toekenning_ingetrokken`, the decisions withdrawing or reducing the grant (Awb 4:48).
    # Version 4: `vaststelling` (Awb 4:42), `teruggevorderd` and `terugontvangen` (Awb 4:57).
    # Version 5: `herroepingen` (decisions revoked on a gegrond bezwaar, Awb 7:11), `heropend`, and
    # `geregistreerd`, the date of registration (coherent dates).
    class_version = 5

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state.setdefault("persoonsgegevens_vernietigd", None)
        state["intrekking"] = None  # nothing was withdrawn before withdrawals were recorded

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        state["toekenning_ingetrokken"] = []

    @staticmethod
    def upcast_v3_v4(state: dict[str, Any]) -> None:
        state["vaststelling"] = None  # nothing was vastgesteld or claimed back before these acts existed
        state["teruggevorderd"] = Bedrag.nul()
        state["terugontvangen"] = Bedrag.nul()

    @staticmethod
    def upcast_v4_v5(state: dict[str, Any]) -> None:
        state["herroepingen"] = []  # nothing was revoked before bezwaar was recorded
        state["heropend"] = None
        # Version 5 keeps the date of registration (coherent dates). A snapshot taken before it did not:
        # the date of receipt, never later than the registration, is the bound it can still enforce.
        state["geregistreerd"] = state["ontvangen"]

    # The events, by their stored topics (ledger/aanvraag_gebeurtenissen.py); bound here by name.
    Ingediend = ev.Ingediend
    AanvullingGevraagd = ev.AanvullingGevraagd
    Aangevuld = ev.Aangevuld
    Toegekend = ev.Toegekend
    Geweigerd = ev.Geweigerd
    GeschiktVerklaard = ev.GeschiktVerklaard
    RaadplegingBesloten = ev.RaadplegingBesloten
    Bekendgemaakt = ev.Bekendgemaakt
    WijzigingGemeld = ev.WijzigingGemeld
    Ingetrokken = ev.Ingetrokken
    BuitenBehandelingGesteld = ev.BuitenBehandelingGesteld
    ToekenningIngetrokken = ev.ToekenningIngetrokken
    Vastgesteld = ev.Vastgesteld
    TerugvorderingIngesteld = ev.TerugvorderingIngesteld
    TerugbetalingOntvangen = ev.TerugbetalingOntvangen
    Herroepen = ev.Herroepen
    PersoonsgegevensVernietigd = ev.PersoonsgegevensVernietigd

    @staticmethod
    def create_id(nummer: int, **_: Any) -> UUID:
        return ids.aanvraag_id(nummer)

    @event(Ingediend)
    def __init__(
        self,
        nummer: int,
        wijk: str,
        periode: int,
        ontvangen: date,
        persoon: dict[str, Any],
        gegevens: dict[str, Any],
        datum: date,
        gebruiker: str,
    ) -> None:
        self.nummer = nummer
        self.wijk = wijk
        self.periode = periode
        self.ontvangen = ontvangen
        self.geregistreerd = datum
        self.persoon = dict(persoon)
        self.gegevens = dict(gegevens)
        self.aanvulling: dict[str, Any] | None = None
        self.opgeschort_dagen = 0
        self.volledig_sinds: date | None = ontvangen if not self.ontbreekt else None
        self.status: str = st.bij_indiening(self.volledig_sinds is not None)
        self.besluit: dict[str, Any] | None = None
        self.raadpleging: dict[str, Any] | None = None
        self.bekendgemaakt: date | None = None
        self.wijzigingen = 0
        self.intrekking: dict[str, Any] | None = None
        self.persoonsgegevens_vernietigd: date | None = None
        self.toekenning_ingetrokken: list[dict[str, Any]] = []
        self.vaststelling: dict[str, Any] | None = None
        self.teruggevorderd = Bedrag.nul()
        self.terugontvangen = Bedrag.nul()
        self.herroepingen: list[dict[str, Any]] = []
        self.heropend: dict[str, Any] | None = None  # revoked on bezwaar, not decided again yet

    # --- what is missing (art. 4 lid 2) -------------------------------------------------
    @property
    def ontbreekt(self) -> list[str]:
        return ontbreekt(aanwezig_na((), self.persoon, self.gegevens))

    @property
    def kosten(self) -> Bedrag | None:
        return self.gegevens.get("kosten")

    def beslissen_voor(self, beslistermijn_weken: int) -> date | None:
        """Awb 4:13-4:15 / art. 5 lid 1: receipt + term + days paused for aanvulling; None while paused."""
        if self.aanvulling is not None or self.volledig_sinds is None:
            return None
        return self.ontvangen + timedelta(weeks=beslistermijn_weken, days=self.opgeschort_dagen)

    # --- aanvulling (art. 4 lid 3) ------------------------------------------------------
    def vraag_aanvulling(
        self, wat: str, termijn: date, datum: date, gebruiker: str, *, mandaat: dict[str, Any]
    ) -> None:
        self._eis_status("aanvulling vragen")
        self._eis_niet_voor_ontvangst(datum)
        if not wat.strip():
            raise OngeldigeInvoer("zeg met --wat welke informatie ontbreekt (art. 4 lid 3)")
        if termijn < datum:
            raise OngeldigeInvoer("de termijn voor aanvulling ligt voor de datum van het verzoek")
        self._aanvulling_gevraagd(
            wat=wat.strip(),
            termijn=termijn,
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.wijk),
        )

    @event(AanvullingGevraagd)
    def _aanvulling_gevraagd(
        self, wat: str, termijn: date, datum: date, gebruiker: str, namens: str, mandaat: dict[str, Any] | None
    ) -> None:
        # A second request while one is open does not restart the pause (Awb 4:15): keep its start.
        begin = self.aanvulling["gevraagd_op"] if self.aanvulling else datum
        self.aanvulling = {"wat": wat, "termijn": termijn, "gevraagd_op": begin}
        self.status = st.na("AanvullingGevraagd", self.status)

    def vul_aan(self, persoon: dict[str, Any], gegevens: dict[str, Any], datum: date, gebruiker: str) -> bool:
        """Returns whether the aanvraag became complete (and joins the order of receipt)."""
        self._eis_status("aanvullen")
        self._eis_niet_voor_ontvangst(datum)
        if self.aanvulling is not None:
            regels.samenhangende_data(datum, self.aanvulling["gevraagd_op"], "het verzoek om aanvulling")
        if self.vernietigd is not None and any(v is not None for v in persoon.values()):
            raise OngeldigeToestand(
                f"de persoonsgegevens van aanvraag {self.nummer} zijn vernietigd op "
                f"{formatteer_datum(self.vernietigd)}: ze kunnen niet meer worden aangevuld",
                artikel="AVG art. 17",
            )
        persoon = {k: v for k, v in persoon.items() if v is not None and self.persoon.get(k) != v}
        gegevens = {k: v for k, v in gegevens.items() if v is not None and self.gegevens.get(k) != v}
        if not persoon and not gegevens and self.aanvulling is None:
            return False
        was_onvolledig = self.status == st.Status.ONVOLLEDIG
        self._aangevuld(persoon=persoon, gegevens=gegevens, datum=datum, gebruiker=gebruiker)
        return was_onvolledig and self.status == st.Status.INGEDIEND

    @event(Aangevuld)
    def _aangevuld(self, persoon: dict[str, Any], gegevens: dict[str, Any], datum: date, gebruiker: str) -> None:
        self.persoon.update(persoon)
        self.gegevens.update(gegevens)
        if self.aanvulling is not None:
            self.opgeschort_dagen += (datum - self.aanvulling["gevraagd_op"]).days
            self.aanvulling = None
        status = st.na("Aangevuld", self.status, volledig=not self.ontbreekt)
        if status != self.status:
            self.volledig_sinds = datum
        self.status = status

    # --- decisions (art. 5 and 6) -------------------------------------------------------
    def verdeel(self, bedrag: Bedrag, aantal: int | None, max_voucherwaarde: Bedrag) -> list[dict[str, Any]]:
        """Art. 5 lid 2 and art. 1 onder a: split a grant over vouchers, deterministically, to the cent."""
        nodig = regels.aantal_vouchers_nodig(bedrag, max_voucherwaarde)
        if aantal is None:
            gewenst = self.gegevens.get("vouchers_gewenst")
            aantal = gewenst if gewenst and gewenst >= nodig and gewenst <= bedrag.centen else nodig
        if aantal < 1 or aantal > bedrag.centen:
            raise OngeldigeInvoer(f"{aantal} vouchers kan niet voor {bedrag}")
        delen = bedrag.verdeel(aantal)
        regels.art_1_a_voucherwaarde(delen, max_voucherwaarde)
        # After a revoked grant the new vouchers are numbered on: a code is issued once (Awb 7:11).
        eerder = sum(len(h.get("vouchers") or []) for h in self.herroepingen)
        if eerder + aantal > regels.MAX_VOUCHERS_PER_AANVRAAG:
            raise RegelOvertreden(
                f"aanvraag {self.nummer} had al {eerder} vouchers, herroepen op bezwaar; een vouchercode wordt één keer "
                f"uitgegeven en een aanvraag heeft er ten hoogste {regels.MAX_VOUCHERS_PER_AANVRAAG}: nu ten hoogste "
                f"{regels.MAX_VOUCHERS_PER_AANVRAAG - eerder} vouchers, niet {aantal}",
                artikel="art. 1 onder a, Awb 7:11",
                eerder=eerder,
                aantal=aantal,
            )
        return [{"code": maak_code(self.nummer, i), "bedrag": deel} for i, deel in enumerate(delen, start=eerder + 1)]

    def ken_toe(
        self,
        bedrag: Bedrag,
        vouchers: list[dict[str, Any]],
        drempel: Bedrag,
        beschikbaar: Bedrag,
        datum: date,
        gebruiker: str,
        start_voor: date | None = None,
        grond: str | None = None,
        motivering: str | None = None,
        buiten_volgorde: str | None = None,
        *,
        mandaat: dict[str, Any],
    ) -> None:
        self.eis_beslisbaar("toekennen")
        self._eis_niet_voor_ontvangst(datum)
        kosten = self.kosten
        if kosten is None:  # unreachable for a complete aanvraag; kept as a guard with a clear message
            raise AanvraagOnvolledig("de aanvraag heeft geen kostenraming", artikel="art. 4 lid 2 onder c")
        if bedrag > kosten:
            raise RegelOvertreden(
                f"toekenning van {bedrag} is meer dan de kostenraming {kosten}: er worden niet meer vouchers "
                "verstrekt dan nodig",
                artikel="art. 5 lid 2",
            )
        if bedrag.centen <= 0:
            raise OngeldigeInvoer("het toe te kennen bedrag moet groter zijn dan € 0,00")
        if bedrag < kosten:
            regels.art_6_grond_en_motivering(grond, motivering, "gedeeltelijke weigering")
            regels.art_6_e_grond_terecht(grond, kosten, beschikbaar, self.nummer, toegekend=bedrag)
        elif grond is not None:
            raise OngeldigeInvoer("--grond en --motivering horen alleen bij een gedeeltelijke toekenning")
        regels.art_5_lid_3_raadpleging(max(bedrag, kosten), drempel, self.status == st.Status.RAADPLEGING_VOOR)
        if start_voor is not None and start_voor < datum:
            raise OngeldigeInvoer("de startdatum (--start-voor) ligt voor de datum van het besluit")
        self._toegekend(
            bedrag=bedrag,
            vouchers=vouchers,
            start_voor=start_voor,
            grond=grond,
            motivering=motivering.strip() if motivering else None,
            buiten_volgorde=buiten_volgorde.strip() if buiten_volgorde else None,
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.wijk),
        )

    @event(Toegekend)
    def _toegekend(
        self,
        bedrag: Bedrag,
        vouchers: list[dict[str, Any]],
        start_voor: date | None,
        grond: str | None,
        motivering: str | None,
        buiten_volgorde: str | None,
        datum: date,
        gebruiker: str,
        namens: str,
        mandaat: dict[str, Any] | None,
    ) -> None:
        self.status = st.na("Toegekend", self.status)
        self.heropend = None
        self.besluit = {
            "uitkomst": "toegekend",
            "bedrag": bedrag,
            "vouchers": vouchers,
            "start_voor": start_voor,
            "grond": grond,
            "motivering": motivering,
            "buiten_volgorde": buiten_volgorde,
            "datum": datum,
            "door": gebruiker,
        }

    def weiger(
        self, grond: str, motivering: str, beschikbaar: Bedrag, datum: date, gebruiker: str, *, mandaat: dict[str, Any]
    ) -> None:
        self.eis_beslisbaar("weigeren")
        self._eis_niet_voor_ontvangst(datum)
        regels.art_6_grond_en_motivering(grond, motivering, "weigering")
        if self.kosten is not None:
            regels.art_6_e_grond_terecht(grond, self.kosten, beschikbaar, self.nummer)
        self._geweigerd(
            grond=grond,
            motivering=motivering.strip(),
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.wijk),
        )

    @event(Geweigerd)
    def _geweigerd(
        self, grond: str, motivering: str, datum: date, gebruiker: str, namens: str, mandaat: dict[str, Any] | None
    ) -> None:
        self.status = st.na("Geweigerd", self.status)
        self.heropend = None
        self.besluit = {
            "uitkomst": "geweigerd",
            "grond": grond,
            "motivering": motivering,
            "datum": datum,
            "door": gebruiker,
        }

    # --- above the threshold: geschikt, then the wijkraadpleging (art. 5 lid 3-6) --------
    def verklaar_geschikt(self, drempel: Bedrag, datum: date, gebruiker: str, *, mandaat: dict[str, Any]) -> None:
        self._eis_status("geschikt verklaren")
        self._eis_niet_voor_ontvangst(datum)
        kosten = self.kosten
        if kosten is None or kosten <= drempel:
            raise RegelOvertreden(
                f"een wijkraadpleging is alleen voor initiatieven boven {drempel}; deze aanvraag kan direct "
                "worden toegekend of geweigerd",
                artikel="art. 5 lid 1 en 3",
            )
        self._geschikt(
            datum=datum, gebruiker=gebruiker, namens=NAMENS_COLLEGE, mandaat=eis_mandaat_voor(mandaat, self.wijk)
        )

    @event(GeschiktVerklaard)
    def _geschikt(self, datum: date, gebruiker: str, namens: str, mandaat: dict[str, Any] | None) -> None:
        self.status = st.na("GeschiktVerklaard", self.status)
        self.raadpleging = {"geschikt_op": datum, "door": gebruiker}

    def besluit_raadpleging(
        self,
        uitkomst: str,
        stemmen_voor: int | None,
        stemmen_tegen: int | None,
        datum: date,
        gebruiker: str,
        *,
        mandaat: dict[str, Any],
    ) -> None:
        self._eis_status("een raadplegingsbesluit vastleggen")
        if self.raadpleging and datum < self.raadpleging["geschikt_op"]:
            raise OngeldigeInvoer("de wijkraadpleging ligt voor de datum van het geschiktheidsbesluit")
        if uitkomst not in ("voor", "tegen"):
            raise OngeldigeInvoer(f"uitkomst moet voor of tegen zijn, niet {uitkomst!r}")
        if (stemmen_voor is None) != (stemmen_tegen is None):
            raise OngeldigeInvoer("geef --stemmen-voor en --stemmen-tegen samen, of geen van beide")
        if stemmen_voor is not None and stemmen_tegen is not None:
            if stemmen_voor < 0 or stemmen_tegen < 0:
                raise OngeldigeInvoer("aantallen stemmen kunnen niet negatief zijn")
            meerderheid = "voor" if stemmen_voor > stemmen_tegen else "tegen"
            if meerderheid != uitkomst:
                raise OngeldigeInvoer(
                    f"uitkomst {uitkomst} past niet bij {stemmen_voor} stemmen voor en {stemmen_tegen} tegen"
                )
        self._raadpleging_besloten(
            uitkomst=uitkomst,
            stemmen_voor=stemmen_voor,
            stemmen_tegen=stemmen_tegen,
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.wijk),
        )

    @event(RaadplegingBesloten)
    def _raadpleging_besloten(
        self,
        uitkomst: str,
        stemmen_voor: int | None,
        stemmen_tegen: int | None,
        datum: date,
        gebruiker: str,
        namens: str,
        mandaat: dict[str, Any] | None,
    ) -> None:
        self.raadpleging = dict(self.raadpleging or {})
        self.raadpleging.update(
            {"uitkomst": uitkomst, "stemmen_voor": stemmen_voor, "stemmen_tegen": stemmen_tegen, "besloten_op": datum}
        )
        self.status = st.na("RaadplegingBesloten", self.status, uitkomst=uitkomst)
        if self.status == st.Status.GEWEIGERD:
            self.heropend = None
            self.besluit = {
                "uitkomst": "geweigerd",
                "grond": None,
                "motivering": "de wijkraadpleging heeft besloten dat het initiatief geen vouchers krijgt (art. 5 lid 6)",
                "datum": datum,
                "door": gebruiker,
            }

    # --- after the decision ---------------------------------------------------------------
    def maak_bekend(self, datum: date, gebruiker: str) -> bool:
        """Art. 7 lid 2. Returns False when it was published already (a repeat)."""
        if self.status not in (st.Status.TOEGEKEND, st.Status.VASTGESTELD):
            raise OngeldigeToestand(
                f"aanvraag {self.nummer} heeft geen vouchers gekregen (status {self.status}): er is niets bekend te maken",
                artikel="art. 7 lid 2",
            )
        if self.bekendgemaakt is not None:
            return False
        self._bekendgemaakt(datum=datum, gebruiker=gebruiker)
        return True

    @event(Bekendgemaakt)
    def _bekendgemaakt(self, datum: date, gebruiker: str) -> None:
        self.bekendgemaakt = datum

    def meld_wijziging(self, omschrijving: str, datum: date, gebruiker: str) -> None:
        if not omschrijving.strip():
            raise OngeldigeInvoer("beschrijf de gewijzigde omstandigheden met --omschrijving")
        self._eis_niet_voor_ontvangst(datum)
        self._wijziging(omschrijving=omschrijving.strip(), datum=datum, gebruiker=gebruiker)

    @event(WijzigingGemeld)
    def _wijziging(self, omschrijving: str, datum: date, gebruiker: str) -> None:
        self.wijzigingen += 1

    # --- withdrawn, or buiten behandeling (art. 4 lid 3, Awb 4:5) -------------------------
    def trek_in(self, reden: str, datum: date, gebruiker: str, *, mandaat: dict[str, Any]) -> None:
        """The initiatiefnemer withdraws the aanvraag; only before a decision on the vouchers."""
        self._eis_status("intrekken")
        self._eis_niet_voor_ontvangst(datum)
        if not reden.strip():
            raise OngeldigeInvoer("een intrekking noemt de reden (--reden)")
        self._ingetrokken(
            reden=reden.strip(),
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.wijk),
        )

    @event(Ingetrokken)
    def _ingetrokken(
        self, reden: str, datum: date, gebruiker: str, namens: str, mandaat: dict[str, Any] | None
    ) -> None:
        self.status = st.na("Ingetrokken", self.status)
        self.intrekking = {"reden": reden, "datum": datum, "door": gebruiker}

    def stel_buiten_behandeling(self, motivering: str, datum: date, gebruiker: str, *, mandaat: dict[str, Any]) -> None:
        """Awb 4:5 lid 1: an incomplete aanvraag whose aanvullingstermijn passed without aanvulling."""
        self._eis_status("buiten behandeling stellen")
        self._eis_niet_voor_ontvangst(datum)
        if self.aanvulling is None:
            raise RegelOvertreden(
                f"aanvraag {self.nummer} kan pas buiten behandeling worden gesteld als om aanvulling is gevraagd "
                "en de termijn daarvoor ongebruikt is verstreken; vraag eerst om aanvulling",
                artikel="Awb 4:5 lid 1, art. 4 lid 3",
            )
        termijn: date = self.aanvulling["termijn"]
        if datum <= termijn:
            raise TermijnLoopt(
                f"de termijn voor aanvulling van aanvraag {self.nummer} loopt tot en met {formatteer_datum(termijn)}; "
                "pas daarna kan de aanvraag buiten behandeling worden gesteld",
                artikel="Awb 4:5 lid 1",
                termijn=termijn,
            )
        if not motivering.strip():
            raise OngeldigeInvoer("een besluit tot buiten behandeling stellen wordt gemotiveerd: geef --motivering")
        self._buiten_behandeling(
            motivering=motivering.strip(),
            termijn=termijn,
            wat=self.aanvulling["wat"],
            datum=datum,
            gebruiker=gebruiker,
            namens=NAMENS_COLLEGE,
            mandaat=eis_mandaat_voor(mandaat, self.wijk),
        )

    @event(BuitenBehandelingGesteld)
    def _buiten_behandeling(
        self,
        motivering: str,
        termijn: date,
        wat: str,
        datum: date,
        gebruiker: str,
        namens: str,
        mandaat: dict[str, Any] | None,
    ) -> None:
        self.status = st.na("BuitenBehandelingGesteld", self.status)
        self.heropend = None
        self.besluit = {
            "uitkomst": st.Status.BUITEN_BEHANDELING.value,
            "grond": None,
            "motivering": motivering,
            "termijn": termijn,
            "datum": datum,
            "door": gebruiker,
        }

    # --- the grant withdrawn or reduced (Awb 4:48) -----------------------------------------
    @event(ToekenningIngetrokken)
    def _toekenning_ingetrokken(
        self,
        grond: str,
        motivering: str,
        bedrag: Bedrag,
        vouchers: list[dict[str, Any]],
        datum: date,
        gebruiker: str,
        namens: str,
        mandaat: dict[str, Any] | None,
    ) -> None:
        self.status = st.na("ToekenningIngetrokken", self.status)
        intrekking = {"grond": grond, "motivering": motivering, "bedrag": bedrag, "datum": datum, "door": gebruiker}
        self.toekenning_ingetrokken = [*self.toekenning_ingetrokken, intrekking]

    # --- vaststelling and terugvordering (Awb 4:42-4:47, 4:57; rules in ledger/vaststelling.py) ---
    @event(Vastgesteld)
    def _vastgesteld(
        self,
        bedrag: Bedrag,
        betaald: Bedrag,
        teruggevorderd: Bedrag,
        vrijgegeven: Bedrag,
        grond: str | None,
        motivering: str | None,
        datum: date,
        gebruiker: str,
        namens: str,
        mandaat: dict[str, Any] | None,
    ) -> None:
        self.status = st.na("Vastgesteld", self.status)
        self.teruggevorderd = self.teruggevorderd + teruggevorderd
        self.vaststelling = {"bedrag": bedrag, "betaald": betaald, "teruggevorderd": teruggevorderd}
        self.vaststelling |= {"grond": grond, "motivering": motivering, "datum": datum, "door": gebruiker}

    @event(TerugvorderingIngesteld)
    def _terugvordering_ingesteld(
        self, bedrag: Bedrag, motivering: str, datum: date, gebruiker: str, namens: str, mandaat: dict[str, Any] | None
    ) -> None:
        self.teruggevorderd = self.teruggevorderd + bedrag

    @event(TerugbetalingOntvangen)
    def _terugbetaling_ontvangen(self, bedrag: Bedrag, datum: date, gebruiker: str) -> None:
        self.terugontvangen = self.terugontvangen + bedrag

    # --- revoked on bezwaar (Awb 7:11; the check in ledger/aanvraag_bezwaar.py) ---------------
    @event(Herroepen)
    def _herroepen(
        self,
        bezwaar: int,
        besluit: int,
        soort: str,
        status: str,
        vrijgegeven: Bedrag,
        datum: date,
        gebruiker: str,
        namens: str,
        mandaat: dict[str, Any] | None,
    ) -> None:
        herroeping = dict(self.besluit or {}) | {"bezwaar": bezwaar, "gebeurtenis": besluit, "herroepen_op": datum}
        self.herroepingen = [*self.herroepingen, herroeping]
        self.heropend = {"bezwaar": bezwaar, "datum": datum}
        self.besluit = None
        self.status = st.na("Herroepen", self.status, terug=status)

    # --- personal data: destroyed after the retention term (AVG, Selectielijst) ----------
    @property
    def vernietigd(self) -> date | None:
        return self.persoonsgegevens_vernietigd

    def vergeet(self, termijn: Bewaartermijn, datum: date, gebruiker: str, *, periode_gesloten: bool = False) -> bool:
        """Record that the key of the personal data is destroyed, of a finished file only. False when it was
        done already."""
        if self.vernietigd is not None:
            return False
        self._eis_niet_voor_ontvangst(datum)
        eis_afgerond(self.nummer, self.status, periode_gesloten=periode_gesloten)
        eis_verstreken(self.nummer, termijn, datum)
        self._persoonsgegevens_vernietigd(bewaren_tot=termijn.einde, datum=datum, gebruiker=gebruiker)
        return True

    @event(PersoonsgegevensVernietigd)
    def _persoonsgegevens_vernietigd(self, bewaren_tot: date, datum: date, gebruiker: str) -> None:
        self.persoonsgegevens_vernietigd = datum

    # --- guards -------------------------------------------------------------------------
    def _eis_status(self, handeling: str) -> None:
        if not st.mag(handeling, self.status):
            raise OngeldigeToestand(
                f"aanvraag {self.nummer} heeft status {self.status}: {handeling} kan niet",
                artikel="art. 4-6",
                nummer=self.nummer,
                status=self.status,
            )

    def eis_beslisbaar(self, handeling: str) -> None:
        if self.status == st.Status.ONVOLLEDIG:
            raise AanvraagOnvolledig(
                f"aanvraag {self.nummer} is onvolledig (ontbreekt: {', '.join(self.ontbreekt) or 'aanvulling'}); "
                "eerst aanvullen",
                artikel="art. 4 lid 2 en 3",
                ontbreekt=self.ontbreekt,
            )
        self._eis_status(handeling)

    def _eis_niet_voor_ontvangst(self, datum: date) -> None:
        """Nothing is decided or done on an aanvraag before it was received and registered (coherent dates)."""
        self.eis_heropend_na(datum)  # after a herroeping (Awb 7:11): not before it either
        regels.samenhangende_data(datum, self.ontvangen, f"de ontvangst van aanvraag {self.nummer}")
        regels.samenhangende_data(datum, self.geregistreerd, f"de registratie van aanvraag {self.nummer}")


# eventsourcing registers the explicit topics of an aggregate's events when the class is made, not that of its
# snapshot class: registered here, so that importing this module (ledger/vindplaats.py) is enough to decode.
register_topic(Aanvraag.Snapshot.TOPIC, Aanvraag.Snapshot)
