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

The model itself (Geschiedenis and the histories of wijk, aanvraag, voucher and bezwaar) is in
projections/rapporten/historie.py; its names are imported here too, as every report reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from ledger import gebeurtenissen as g
from ledger import status as st
from ledger import vastlegging
from ledger.begrippen import aanwezig_na, ontbreekt
from ledger.regeling import Regeling
from projections.rapporten.historie import (
    OPEN,
    AanvraagHistorie,
    Aanvulling,
    Besluit,
    Betaling,
    BezwaarHistorie,
    Correctie,
    Geschiedenis,
    GeweigerdeBetaling,
    Handeling,
    Mandaat,
    Namens,
    Vertraagd,
    Vervalling,
    Verzending,
    Vordering,
    VoucherHistorie,
    Waardeintrekking,
    WijkHistorie,
)
from projections.rapporten.zonder_gc import zonder_gc

__all__ = [
    "OPEN",
    "AanvraagHistorie",
    "Aanvulling",
    "Besluit",
    "Betaling",
    "BezwaarHistorie",
    "Correctie",
    "Geschiedenis",
    "GeweigerdeBetaling",
    "Handeling",
    "Mandaat",
    "Namens",
    "Vertraagd",
    "Vervalling",
    "Verzending",
    "Vordering",
    "VoucherHistorie",
    "Waardeintrekking",
    "WijkHistorie",
    "vouw",
]


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


@zonder_gc
def vouw(genummerd: Iterable[tuple[int, Any]], tot: date | None = None, bekend_op: date | None = None) -> Geschiedenis:
    """Fold (number, event) pairs, in commit order, into the history as it stood at the end of `tot`,
    as far as it was recorded by the end of `bekend_op`."""
    vouwer = _Vouwer(tot, bekend_op)
    for nummer, e in vastlegging.bekend_op(genummerd, bekend_op):
        vouwer.pas_toe(nummer, e)
    return vouwer.h
