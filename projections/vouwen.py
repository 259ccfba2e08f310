"""The fold: events -> rows of the read models. Pure Python, no SQL.

`pas_toe(toestand, positie, event)` applies one stored event to the rows it touches. The
rows live in a `Toestand`: `Geheugen` (dicts, for tests, for `--per` replays and for a
store where the views cannot be written) or the SQL batch in projections/tabellen.py,
which loads the rows a batch needs and writes back the ones that changed. One fold for
every use, so the stored views, a rebuild and a replay up to a date cannot disagree.

Rules owned here:
- events are applied in commit order (notification id); `positie` is that id, and it is
  the key of a kasboek line, so applying an event twice cannot add a line twice;
- with `per`, only acts with a business date (`datum`) on or before `per` count, whenever
  they were entered: the figures as they stood at the end of that day, by replay, never
  by subtracting later acts. An act on something that did not exist yet at `per` (which
  the rules do not allow) is left out rather than guessed at;
- with `bekend_op`, only the log as it was recorded by the end of that day (ledger/vastlegging.py);
- every event kind this fold does not know is ignored (the catch-up still tracks it);
- the aanvragen register copies which items of art. 4 lid 2 are present, never their
  content: no name, address, telephone or signature enters a view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import Any, Protocol
from uuid import UUID

from ledger import ids
from ledger import status as st
from ledger.begrippen import HERROEPING, VASTSTELLING, aanwezig_na, aanwezig_volgens, ontbreekt
from ledger.keten import GENESIS, Logkop
from ledger.vastlegging import bekend_op as bekend_op_van
from projections.rijen import AanvraagRij, GemeenteRij, KasboekRij, SaldoRij, VoucherRij


class Toestand(Protocol):
    """Where the fold finds and leaves rows. `bewaar` marks a new or changed row."""

    def gemeente(self) -> GemeenteRij | None: ...
    def saldo(self, wijk_id: UUID) -> SaldoRij | None: ...
    def voucher(self, voucher_id: UUID) -> VoucherRij | None: ...
    def aanvraag(self, aanvraag_id: UUID) -> AanvraagRij | None: ...
    def bewaar(self, rij: GemeenteRij | SaldoRij | VoucherRij | AanvraagRij) -> None: ...
    def boek(self, rij: KasboekRij) -> None: ...


# --- gemeente -----------------------------------------------------------------------------
def _ingericht(t: Toestand, positie: int, e: Any) -> None:
    from ledger.regeling import Regeling  # on use: reading current views needs no regeling

    termijn = Regeling.uit_dict(e.regeling).beslistermijn_weken
    t.bewaar(GemeenteRij(e.originator_id, e.naam, termijn, e.datum))


# --- wijk: budget, reserve, plafond -------------------------------------------------------
def _aangewezen(t: Toestand, positie: int, e: Any) -> None:
    t.bewaar(SaldoRij(e.originator_id, e.code, e.periode, naam=e.naam, budget=e.budget.centen))


def _uitvoeringskosten(t: Toestand, positie: int, e: Any) -> None:
    if (s := t.saldo(e.originator_id)) is not None:
        s.uitvoeringskosten = e.bedrag.centen
        t.bewaar(s)


def _plafond(t: Toestand, positie: int, e: Any) -> None:
    if (s := t.saldo(e.originator_id)) is not None:
        s.plafond = e.plafond.centen
        t.bewaar(s)


def _budget(t: Toestand, positie: int, e: Any) -> None:
    if (s := t.saldo(e.originator_id)) is not None:
        s.budget = e.budget.centen
        t.bewaar(s)


def _afgesloten(t: Toestand, positie: int, e: Any) -> None:
    # The expired amounts come from each voucher's own Vervallen event; counting the
    # closing's total as well would count them twice.
    if (s := t.saldo(e.originator_id)) is not None:
        s.afgesloten = e.datum
        t.bewaar(s)


# --- aanvragen ------------------------------------------------------------------------------
def _ontbreekt(oud: tuple[str, ...], persoon: dict[str, Any], gegevens: dict[str, Any]) -> tuple[str, ...]:
    """Which items of art. 4 lid 2 are missing after these (partial) items (ledger/begrippen.py)."""
    return tuple(ontbreekt(aanwezig_na(aanwezig_volgens(oud), persoon, gegevens)))


def _ingediend(t: Toestand, positie: int, e: Any) -> None:
    gemeente = t.gemeente()
    ontbrekend = tuple(ontbreekt(aanwezig_na((), e.persoon, e.gegevens)))  # absent from the event: missing
    kosten = e.gegevens.get("kosten")
    t.bewaar(
        AanvraagRij(
            aanvraag_id=e.originator_id,
            nummer=e.nummer,
            wijk=e.wijk,
            periode=e.periode,
            status=st.bij_indiening(not ontbrekend),
            ontvangen=e.ontvangen,
            geregistreerd=e.datum,
            beslistermijn_weken=gemeente.beslistermijn_weken if gemeente else _standaard_beslistermijn(),
            ontbreekt=ontbrekend,
            volledig_sinds=None if ontbrekend else e.ontvangen,
            kosten=kosten.centen if kosten is not None else None,
        )
    )


_ALLEEN_REGISTER: set[Callable[..., None]] = set()  # the handlers that change nothing but an aanvraag's row


def _aanvraag(wijzig: Callable[[AanvraagRij, Any], None]) -> Callable[[Toestand, int, Any], None]:
    """An act that changes only the aanvragen register (its row), no saldo, voucher or kasboek line."""

    def toepassen(t: Toestand, positie: int, e: Any) -> None:
        if (a := t.aanvraag(e.originator_id)) is not None:
            wijzig(a, e)
            t.bewaar(a)

    _ALLEEN_REGISTER.add(toepassen)
    return toepassen


def _aanvulling_gevraagd(a: AanvraagRij, e: Any) -> None:
    # A second request while one is open does not restart the pause (Awb 4:15).
    a.aanvulling_gevraagd_op = a.aanvulling_gevraagd_op or e.datum
    a.aanvulling_termijn = e.termijn
    a.status = st.na("AanvullingGevraagd", a.status)


def _aangevuld(a: AanvraagRij, e: Any) -> None:
    a.ontbreekt = _ontbreekt(a.ontbreekt, e.persoon, e.gegevens)
    if "kosten" in e.gegevens:
        a.kosten = e.gegevens["kosten"].centen if e.gegevens["kosten"] is not None else None
    if a.aanvulling_gevraagd_op is not None:
        a.opgeschort_dagen += (e.datum - a.aanvulling_gevraagd_op).days
        a.aanvulling_gevraagd_op = a.aanvulling_termijn = None
    status = st.na("Aangevuld", a.status, volledig=not a.ontbreekt)
    if status != a.status:
        a.status, a.volledig_sinds = status, e.datum


def _toegekend(a: AanvraagRij, e: Any) -> None:
    a.status = st.na("Toegekend", a.status)
    a.besluit_datum = e.datum
    a.toegekend = e.bedrag.centen
    a.vouchers = len(e.vouchers)
    a.grond = e.grond  # a partial refusal names its ground
    a.start_voor = e.start_voor


def _geweigerd(a: AanvraagRij, e: Any) -> None:
    a.status = st.na("Geweigerd", a.status)
    a.besluit_datum = e.datum
    a.grond = e.grond


def _geschikt(a: AanvraagRij, e: Any) -> None:
    a.status = st.na("GeschiktVerklaard", a.status)


def _raadpleging(a: AanvraagRij, e: Any) -> None:
    a.raadpleging = e.uitkomst
    a.status = st.na("RaadplegingBesloten", a.status, uitkomst=e.uitkomst)
    if a.status == st.Status.GEWEIGERD:
        a.besluit_datum = e.datum
        a.grond = None


def _ingetrokken(a: AanvraagRij, e: Any) -> None:
    a.status = st.na("Ingetrokken", a.status)


def _buiten_behandeling(a: AanvraagRij, e: Any) -> None:
    a.status = st.na("BuitenBehandelingGesteld", a.status)
    a.besluit_datum = e.datum


def _herroepen(a: AanvraagRij, e: Any) -> None:
    # Awb 7:11: the decision is revoked on bezwaar; the aanvraag waits for a new one (the rows keep
    # no decision; a revoked grant's vouchers have lost their value by VoucherWaardeIngetrokken).
    a.status = st.na("Herroepen", a.status, terug=e.status)
    a.besluit_datum, a.toegekend, a.vouchers, a.grond, a.start_voor = None, None, 0, None, None
    if e.status == st.Status.RAADPLEGING_VOOR:
        a.raadpleging = "voor"
    elif e.status == st.Status.GESCHIKT:
        a.raadpleging = None


def _bekendgemaakt(a: AanvraagRij, e: Any) -> None:
    a.bekendgemaakt = e.datum


def _wijziging(a: AanvraagRij, e: Any) -> None:
    a.wijzigingen += 1


# uuid5 of (wijk, year) for every payment is a measurable part of a rebuild; there are few wijken.
_wijk_id = lru_cache(maxsize=4096)(ids.wijk_id)


# --- vouchers and the kasboek -----------------------------------------------------------------
def _verstrekt(t: Toestand, positie: int, e: Any) -> None:
    s = t.saldo(_wijk_id(e.wijk, e.periode))
    if s is None:  # only with `per`: the wijk was designated after that date
        return
    v = VoucherRij(e.originator_id, e.code, e.aanvraag, e.wijk, e.periode, e.waarde.centen, e.datum, e.uitvoeren_tot)
    s.toegekend += v.waarde
    t.bewaar(v)
    t.bewaar(s)
    t.boek(_regel(positie, e, "verstrekt", v, s, v.waarde))


def _betaling(soort: str) -> Callable[[Toestand, int, Any], None]:
    def toepassen(t: Toestand, positie: int, e: Any) -> None:
        v = t.voucher(e.originator_id)
        s = t.saldo(_wijk_id(v.wijk, v.periode)) if v is not None else None
        if v is None or s is None:  # only with `per`: the voucher was issued after that date
            return
        bedrag = e.bedrag.centen
        if soort == "verzilverd":
            v.verzilverd += bedrag
            s.verzilverd += bedrag
        elif soort == "contant":
            v.contant += bedrag
            s.contant += bedrag
        elif soort == "vervallen":
            v.vervallen += bedrag
            s.vervallen += bedrag
        elif soort == "ingetrokken":  # Awb 4:48: released under the plafond, counted as vervallen
            v.ingetrokken += bedrag
            s.vervallen += bedrag
        elif soort == "gecorrigeerd":  # a storno: the corrected payment no longer counts
            if e.soort == "contant":
                v.contant -= bedrag
                s.contant -= bedrag
            else:
                v.verzilverd -= bedrag
                s.verzilverd -= bedrag
        else:  # geweigerd: on record, moves no money
            v.geweigerd += 1
        if soort in ("verzilverd", "contant"):
            v.laatste_betaling = max(v.laatste_betaling or e.datum, e.datum)
        t.bewaar(v)
        t.bewaar(s)
        t.boek(_regel(positie, e, soort, v, s, bedrag))

    return toepassen


def _regel(positie: int, e: Any, soort: str, v: VoucherRij, s: SaldoRij, bedrag: int) -> KasboekRij:
    return KasboekRij(
        positie=positie,
        datum=e.datum,
        soort=soort,
        voucher=v.code,
        aanvraag=v.aanvraag,
        wijk=v.wijk,
        periode=v.periode,
        bedrag=bedrag,
        restant_voucher=v.restant,
        saldo_wijk=s.uitstaand,
        door=e.gebruiker,
        leverancier=getattr(e, "leverancier", None),
        factuur=getattr(e, "factuur", None) or getattr(e, "kwitantie", None),  # cash: its receipt number
        reden=_ingetrokken_reden(e.grond) if soort == "ingetrokken" else getattr(e, "reden", None),
        corrigeert=e.gebeurtenis if soort == "gecorrigeerd" else None,
    )


def _ingetrokken_reden(grond: str) -> str:
    if grond == VASTSTELLING:
        return "Awb 4:44: het onbestede deel, vrijgegeven bij de vaststelling"
    if grond == HERROEPING:
        return "Awb 7:11: de toekenning is herroepen op bezwaar"
    return f"Awb 4:48 lid 1 onder {grond}"


# --- vaststelling and terugvordering (Awb 4:42-4:47, 4:57) ------------------------------------
def _vorderingsregel(positie: int, e: Any, soort: str, a: AanvraagRij, s: SaldoRij, bedrag: int) -> KasboekRij:
    """A claim or receipt is the aanvraag's, not a voucher's (no voucher, no restant); it moves no voucher value."""
    return KasboekRij(
        positie=positie,
        datum=e.datum,
        soort=soort,
        voucher="",
        aanvraag=a.nummer,
        wijk=a.wijk,
        periode=a.periode,
        bedrag=bedrag,
        restant_voucher=0,
        saldo_wijk=s.uitstaand,
        door=e.gebruiker,
        reden=getattr(e, "motivering", None),
    )


def _vastgesteld(a: AanvraagRij, e: Any) -> None:
    a.status = st.na("Vastgesteld", a.status)
    a.vastgesteld = e.bedrag.centen


def _vordering(soort: str) -> Callable[[Toestand, int, Any], None]:
    """A claim (from a vaststelling or `terugvordering instellen`) or a receipt: on the aanvraag and its wijk."""

    def toepassen(t: Toestand, positie: int, e: Any) -> None:
        a = t.aanvraag(e.originator_id)
        s = t.saldo(_wijk_id(a.wijk, a.periode)) if a is not None else None
        if a is None or s is None:
            return
        if soort == "vastgesteld":
            _vastgesteld(a, e)
            bedrag = e.teruggevorderd.centen
        else:
            bedrag = e.bedrag.centen
        if soort == "terugontvangen":
            a.terugontvangen += bedrag
            s.terugontvangen += bedrag
        else:
            a.teruggevorderd += bedrag
            s.teruggevorderd += bedrag
        t.bewaar(a)
        t.bewaar(s)
        if bedrag:  # a vaststelling at what was paid claims nothing
            t.boek(_vorderingsregel(positie, e, "terugontvangen" if soort == "terugontvangen" else "teruggevorderd",
                                    a, s, bedrag))  # fmt: skip

    return toepassen


@cache
def verwerking() -> dict[type, Callable[[Toestand, int, Any], None]]:
    """Event class -> how it changes the rows. Built on first use: reading views that are up to
    date never imports the event-sourced classes (they cost a third of a command's start)."""
    from ledger import gebeurtenissen as g

    return {
        g.GemeenteIngericht: _ingericht,
        g.WijkAangewezen: _aangewezen,
        g.WijkUitvoeringskostenGereserveerd: _uitvoeringskosten,
        g.WijkSubsidieplafondVastgesteld: _plafond,
        g.WijkBudgetGewijzigd: _budget,
        g.WijkPeriodeAfgesloten: _afgesloten,
        g.AanvraagIngediend: _ingediend,
        g.AanvraagAanvullingGevraagd: _aanvraag(_aanvulling_gevraagd),
        g.AanvraagAangevuld: _aanvraag(_aangevuld),
        g.AanvraagToegekend: _aanvraag(_toegekend),
        g.AanvraagGeweigerd: _aanvraag(_geweigerd),
        g.AanvraagGeschiktVerklaard: _aanvraag(_geschikt),
        g.AanvraagRaadplegingBesloten: _aanvraag(_raadpleging),
        g.AanvraagIngetrokken: _aanvraag(_ingetrokken),
        g.AanvraagBuitenBehandelingGesteld: _aanvraag(_buiten_behandeling),
        g.AanvraagBekendgemaakt: _aanvraag(_bekendgemaakt),
        g.AanvraagHerroepen: _aanvraag(_herroepen),
        g.AanvraagWijzigingGemeld: _aanvraag(_wijziging),
        g.VoucherVerstrekt: _verstrekt,
        g.VoucherVerzilverd: _betaling("verzilverd"),
        g.VoucherContantOpgenomen: _betaling("contant"),
        g.VoucherBetalingGeweigerd: _betaling("geweigerd"),
        g.VoucherVervallen: _betaling("vervallen"),
        g.VoucherBetalingGecorrigeerd: _betaling("gecorrigeerd"),
        g.VoucherWaardeIngetrokken: _betaling("ingetrokken"),
        g.AanvraagVastgesteld: _vordering("vastgesteld"),
        g.AanvraagTerugvorderingIngesteld: _vordering("teruggevorderd"),
        g.AanvraagTerugbetalingOntvangen: _vordering("terugontvangen"),
    }


"""Every event kind a read model uses; the rest only advances the tracking position."""


@cache
def voor_saldo() -> frozenset[type]:
    """The event kinds the saldo rows depend on: every kind of `verwerking` but those whose handler changes only
    the aanvragen register (`_aanvraag`). A fold of these alone gives the same saldo rows (the register rows it
    leaves incomplete are not asked): what `saldo --per` decodes."""
    return frozenset(k for k, f in verwerking().items() if f not in _ALLEEN_REGISTER)


def pas_toe(toestand: Toestand, positie: int, e: Any, per: date | None = None) -> bool:
    """Apply one event; returns whether any read model used it."""
    verwerk = verwerking().get(type(e))
    if verwerk is None:
        return False
    if per is not None and e.datum > per:
        return False
    verwerk(toestand, positie, e)
    return True


# --- in memory ------------------------------------------------------------------------------
@dataclass
class Geheugen:
    """Every row in dicts: the fold of a whole history, answerable like the stored views."""

    gemeente_rij: GemeenteRij | None = None
    saldi: dict[UUID, SaldoRij] = field(default_factory=dict)
    vouchers: dict[UUID, VoucherRij] = field(default_factory=dict)
    aanvragen: dict[UUID, AanvraagRij] = field(default_factory=dict)
    kasboek: list[KasboekRij] = field(default_factory=list)
    positie: int = 0
    kop: str = GENESIS  # the log head at `positie`, when the reader followed it (ledger/keten.py)

    def gemeente(self) -> GemeenteRij | None:
        return self.gemeente_rij

    def ketenkop(self) -> tuple[int, str]:
        return self.positie, self.kop

    def saldo(self, wijk_id: UUID) -> SaldoRij | None:
        return self.saldi.get(wijk_id)

    def voucher(self, voucher_id: UUID) -> VoucherRij | None:
        return self.vouchers.get(voucher_id)

    def aanvraag(self, aanvraag_id: UUID) -> AanvraagRij | None:
        return self.aanvragen.get(aanvraag_id)

    def bewaar(self, rij: GemeenteRij | SaldoRij | VoucherRij | AanvraagRij) -> None:
        if isinstance(rij, VoucherRij):  # the most frequent first: every payment
            self.vouchers[rij.voucher_id] = rij
        elif isinstance(rij, SaldoRij):
            self.saldi[rij.wijk_id] = rij
        elif isinstance(rij, AanvraagRij):
            self.aanvragen[rij.aanvraag_id] = rij
        else:
            self.gemeente_rij = rij

    def boek(self, rij: KasboekRij) -> None:
        self.kasboek.append(rij)

    # The same questions the stored views answer (projections/tabellen.py, SQLLeesmodel).
    def saldo_rijen(self) -> list[SaldoRij]:
        return sorted(self.saldi.values(), key=lambda s: (s.wijk, s.periode))

    def voucher_rijen(self) -> list[VoucherRij]:
        return sorted(self.vouchers.values(), key=lambda v: v.code)

    def aanvraag_rijen(self) -> list[AanvraagRij]:
        return sorted(self.aanvragen.values(), key=lambda a: a.nummer)

    def kasboek_rijen(
        self, wijk: str | None = None, voucher: str | None = None, periode: int | None = None
    ) -> list[KasboekRij]:
        return [
            r
            for r in self.kasboek
            if (wijk is None or r.wijk == wijk)
            and (voucher is None or r.voucher == voucher)
            and (periode is None or r.periode == periode)
        ]


def vouw(
    notificaties: Iterable[tuple[int, Any]],
    per: date | None = None,
    bekend_op: date | None = None,
    kop: Logkop | None = None,
    laatste_gedateerd: int | None = None,
) -> Geheugen:
    """Fold (notification id, event) pairs, in commit order, into rows in memory: the figures at the end
    of `per`, as far as they were recorded by the end of `bekend_op` (ledger/vastlegging.py).

    With `kop` (the log head the reader follows), `ketenkop()` answers by the reports' rule
    (projections/rapporten/geschiedenis.py `kop_positie`): with `bekend_op` the head of the log as it
    stood then, else the head at the last event with a business date on or before `per`. That last
    event is found from the events' dates, or given (`laatste_gedateerd`, its notification id, from
    the selection index, commands/selectie.py): then an event the fold does not use may come as None,
    undecoded (`VoucherLedger.genummerd(alleen=verwerking())`)."""
    geheugen = Geheugen()
    laatste = (0, GENESIS)
    for positie, e in bekend_op_van(notificaties, bekend_op):
        pas_toe(geheugen, positie, e, per)
        h = kop.hash if kop is not None else GENESIS
        geheugen.positie, geheugen.kop = positie, h
        if laatste_gedateerd is not None:
            if positie == laatste_gedateerd:
                laatste = (positie, h)
            continue
        datum = getattr(e, "datum", None)
        if datum is not None and (per is None or datum <= per):
            laatste = (positie, h)
    if bekend_op is None and kop is not None:
        geheugen.positie, geheugen.kop = laatste
    return geheugen


def _standaard_beslistermijn() -> int:
    """The model regeling's term, for a history folded without its gemeente (imported on use)."""
    from ledger.regeling import Regeling

    return Regeling().beslistermijn_weken
