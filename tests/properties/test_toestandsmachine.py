"""Hypothesis drives random sequences of acts, valid and invalid, through the service.

After every step: the invariants of DOMAIN.md hold, a refused act wrote nothing, and what
a fresh load from the store says equals what the live model (kept independently here)
says. Runs in memory (fast, many examples) and on a real SQLite file (fewer).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, multiple, rule
from saldo_orakel import vouw
from wereld import KAS, PERIODE, REGIE, Wereld, geheugen_app, open_store

from commands import modellen as m
from commands.beeindigen import TrekAanvraagIn, trek_in
from commands.dienst import Dienst
from commands.nazorg import CorrigeerBetaling, TrekToekenningIn, corrigeer_betaling, trek_toekenning_in
from commands.opslag import VoucherLedger
from commands.vaststelling import OntvangTerug, StelVast, VorderTerug, ontvang_terug, stel_vast, vorder_terug
from ledger import gebeurtenissen as g
from ledger import ids
from ledger.aanvraag import Aanvraag
from ledger.fouten import VoucherFout
from ledger.geld import Bedrag
from ledger.regeling import Regeling
from ledger.status import Status
from ledger.voucher import Voucher
from ledger.vouchercode import maak_code
from ledger.wijk import Wijk
from projections import vouwen

WIJKEN = ("NOORD", "ZUID")
REGELING = Regeling()
centen = st.integers(min_value=1, max_value=2_000_000)  # up to € 20.000: crosses every limit


def _dagen(van: date, tot: int) -> st.SearchStrategy[date]:
    return st.integers(min_value=0, max_value=tot).map(lambda d: van + timedelta(days=d))


ontvangstdagen = _dagen(date(PERIODE, 1, 10), 110)
beslisdagen = _dagen(date(PERIODE, 3, 1), 125)  # a few past 30 June: art. 5 lid 8
betaaldagen = _dagen(date(PERIODE, 3, 15), 250)


class Grootboek(RuleBasedStateMachine):
    """The ledger under random acts; `self.model` is what we expect, folded by hand."""

    aanvragen = Bundle("aanvragen")
    vouchers = Bundle("vouchers")

    def __init__(self) -> None:
        super().__init__()
        self.app = self.maak_app()
        self.w = Wereld(self.app)
        self.w.college.richt_in(m.Inrichten(gemeente="Hypostad", regeling=REGELING, datum=date(PERIODE, 1, 1)))
        self.w.college.geef_mandaat(m.GeefMandaat(aan=KAS, rol="kasbeheerder", datum=date(PERIODE, 1, 1)))
        for code in WIJKEN:
            self.w.college.geef_mandaat(
                m.GeefMandaat(aan=REGIE, rol="regiegroep", wijk=code, datum=date(PERIODE, 1, 1))
            )
            self.w.wijk(code, budget="30.000", uitvoeringskosten="3.000")
        self.toegekend = {c: 0 for c in WIJKEN}
        self.vrijgegeven = {c: 0 for c in WIJKEN}  # released by toekenning intrekken (Awb 4:48): vervallen
        self.plafond = {c: 27_000_00 for c in WIJKEN}
        self.betaald: dict[str, int] = {}
        self.wijk_van: dict[str, str] = {}  # voucher code -> wijk
        self.gecorrigeerd: set[int] = set()  # event numbers of corrected payments
        self.waarde: dict[str, int] = {}
        self.teruggevorderd = {c: 0 for c in WIJKEN}  # Awb 4:57, per wijk
        self.terugontvangen = {c: 0 for c in WIJKEN}
        self.vordering: dict[int, list[int]] = {}  # aanvraag -> [teruggevorderd, terugontvangen]
        self.vastgesteld: dict[int, int] = {}
        self.nummers: list[int] = []  # every aanvraag, granted ones first: the acts after the grant pick from it
        self.gebeurtenissen = self.w.aantal_gebeurtenissen()

    def maak_app(self) -> VoucherLedger:
        return geheugen_app()

    def doe(self, naam: str, handeling) -> object | None:
        """Run an act; a refusal must leave the store untouched."""
        try:
            uitkomst = handeling()
        except VoucherFout as e:
            event(f"{naam}: {type(e).__name__}")
            assert self.w.aantal_gebeurtenissen() == self.gebeurtenissen, "geweigerde handeling schreef iets"
            return None
        event(f"{naam}: gedaan")
        self.gebeurtenissen = self.w.aantal_gebeurtenissen()
        return uitkomst

    @initialize(target=vouchers, kosten=st.lists(st.integers(1, 9_000_00), min_size=1, max_size=4))
    def beginstand(self, kosten: list[int]):
        """Start every run with some vouchers, so that payments are always exercised."""
        codes = []
        for i, k in enumerate(kosten):
            wijk = WIJKEN[i % len(WIJKEN)]
            nummer = self.w.aanvraag(Bedrag.van_centen(k).nl(), wijk=wijk, ontvangen=date(PERIODE, 1, 5))
            uit = self.w.ken_toe(nummer, datum=date(PERIODE, 1, 20), buiten_volgorde="beginstand")
            self.nummers.append(nummer)
            self.toegekend[wijk] += k
            for v in uit["vouchers"]:
                self.waarde[v["code"]] = v["bedrag"].centen
                self.betaald[v["code"]] = 0
                self.wijk_van[v["code"]] = wijk
                codes.append(v["code"])
        self.gebeurtenissen = self.w.aantal_gebeurtenissen()
        return multiple(*codes)

    @rule(target=aanvragen, wijk=st.sampled_from(WIJKEN), kosten=centen, volledig=st.booleans(), dag=ontvangstdagen)
    def indienen(self, wijk: str, kosten: int, volledig: bool, dag: date) -> int:
        extra = {} if volledig else {"telefoon": None, "ondertekend": None}
        uit = self.doe(
            "indienen", lambda: self.w.aanvraag(Bedrag.van_centen(kosten).nl(), wijk=wijk, ontvangen=dag, **extra)
        )
        if uit:
            self.nummers.append(int(uit))
        return int(uit) if uit else 0

    @rule(nummer=aanvragen, dag=beslisdagen)
    def aanvullen(self, nummer: int, dag: date) -> None:
        self.doe(
            "aanvullen",
            lambda: self.w.regie.vul_aan(m.VulAanvraagAan(nummer=nummer, telefoon="06-1", ondertekend=True, datum=dag)),
        )

    @rule(
        target=vouchers,
        nummer=aanvragen,
        deel=st.sampled_from([None, 1, 2, 3]),
        dag=beslisdagen,
        aantal=st.sampled_from([None, 1, 2, 5]),
    )
    def toekennen(self, nummer: int, deel: int | None, dag: date, aantal: int | None):
        a = self._aanvraag(nummer)
        bedrag = None
        opties: dict[str, object] = {}
        if a is not None and deel and a.kosten is not None:
            bedrag = Bedrag.van_centen(max(1, a.kosten.centen // deel))
            if bedrag != a.kosten:
                # e only when the rest does not fit (Awb 4:25 lid 2); most often a is the ground of a part
                opties = {"grond": "e" if deel % 2 else "a", "motivering": "gedeeltelijk"}
        al_toegekend = a is not None and a.status == "toegekend"
        uit = self.doe(
            "toekennen",
            lambda: self.w.regie.ken_toe(
                m.KenToe(nummer=nummer, bedrag=bedrag, vouchers=aantal, datum=dag, buiten_volgorde="test", **opties)
            ),
        )
        if not uit or al_toegekend or a is None:
            return None
        self.toegekend[a.wijk] += uit["bedrag"].centen
        for v in uit["vouchers"]:
            self.waarde[v["code"]] = v["bedrag"].centen
            self.betaald[v["code"]] = 0
            self.wijk_van[v["code"]] = a.wijk
        return uit["vouchers"][0]["code"]

    @rule(nummer=aanvragen, grond=st.sampled_from([*"abcde", "geen-initiatief"]), dag=beslisdagen)
    def weigeren(self, nummer: int, grond: str, dag: date) -> None:
        self.doe(
            "weigeren",
            lambda: self.w.regie.weiger(m.Weiger(nummer=nummer, grond=grond, motivering="getest", datum=dag)),
        )

    @rule(nummer=aanvragen, voor=st.booleans(), dag=beslisdagen)
    def raadplegen(self, nummer: int, voor: bool, dag: date) -> None:
        self.doe("geschikt", lambda: self.w.regie.verklaar_geschikt(m.VerklaarGeschikt(nummer=nummer, datum=dag)))
        self.doe(
            "raadpleging",
            lambda: self.w.regie.besluit_raadpleging(
                m.BesluitRaadpleging(nummer=nummer, uitkomst="voor" if voor else "tegen", datum=dag)
            ),
        )

    @rule(
        code=vouchers,
        bedrag=st.one_of(st.none(), st.integers(1, 600_00), centen),
        contant=st.booleans(),
        dag=betaaldagen,
        factuur=st.integers(0, 5),
    )
    def betalen(self, code: str | None, bedrag: int | None, contant: bool, dag: date, factuur: int) -> None:
        if not code:
            return
        if bedrag is None:  # spend what is left, so that the grant can be vastgesteld (Awb 4:44)
            bedrag = max(1, self.waarde[code] - self.betaald[code] - self._ingetrokken(code))
        b = Bedrag.van_centen(bedrag)
        if contant:
            uit = self.doe(
                "contant", lambda: self.w.kas.neem_contant_op(m.NeemContantOp(code=code, bedrag=b, datum=dag))
            )
        else:
            voor = self.gebeurtenissen
            uit = self.doe(
                "verzilveren",
                lambda: self.w.kas.verzilver(
                    m.Verzilver(code=code, bedrag=b, leverancier="Leverancier", factuur=f"F{factuur}", datum=dag)
                ),
            )
            if uit and self.gebeurtenissen == voor:  # a repeat of an invoice already booked
                return
        if uit:
            self.betaald[code] += bedrag

    @rule(nummer=aanvragen, dag=beslisdagen)
    def intrekken(self, nummer: int, dag: date) -> None:
        """The initiatiefnemer withdraws (art. 4): only before a decision; then it is never granted."""
        a = self._aanvraag(nummer)
        uit = self.doe(
            "intrekken", lambda: trek_in(self.w.regie, TrekAanvraagIn(nummer=nummer, reden="dubbel", datum=dag))
        )
        if uit:
            assert a is not None and a.besluit is None
            w = self.app.repository.get(ids.wijk_id(a.wijk, PERIODE))
            assert str(nummer) not in w.wachtrij  # out of the order of receipt (art. 4 lid 4)

    @rule(nummer=aanvragen, deel=st.sampled_from([None, 1, 2, 4]), dag=betaaldagen)
    def toekenning_intrekken(self, nummer: int, deel: int | None, dag: date) -> None:
        """Awb 4:48: release the unspent part (or a share of it); never what was paid."""
        a = self._aanvraag(nummer)
        if a is None:
            return
        codes = [v["code"] for v in (a.besluit or {}).get("vouchers", [])] if a.status == "toegekend" else []
        onbesteed = sum(self.waarde[c] - self.betaald[c] - self._ingetrokken(c) for c in codes)
        bedrag = None if deel is None else Bedrag.van_centen(max(1, onbesteed // deel))
        cmd = TrekToekenningIn(nummer=nummer, grond="a", motivering="gaat niet door", bedrag=bedrag, datum=dag)
        uit = self.doe("toekenning intrekken", lambda: trek_toekenning_in(self.w.regie, cmd))
        if uit:
            assert uit["ingetrokken"].centen == (onbesteed if bedrag is None else bedrag.centen) <= onbesteed
            self.vrijgegeven[a.wijk] += uit["ingetrokken"].centen

    def _vouchers_van(self, a: Aanvraag) -> list[str]:
        return [v["code"] for v in (a.besluit or {}).get("vouchers", [])]

    def _gekozen(self, welke: int) -> Aanvraag | None:
        """One of the aanvragen: the granted ones of the beginning are as likely as those filed later."""
        return self._aanvraag(self.nummers[welke % len(self.nummers)]) if self.nummers else None

    @rule(welke=st.integers(0, 40), lager=st.sampled_from([None, None, 0, 1, 2, 3]), dag=betaaldagen)
    def vaststellen(self, welke: int, lager: int | None, dag: date) -> None:
        """Awb 4:42-4:47: default what was paid; lower (a quarter less per step) only on a ground of 4:46 lid 2."""
        a = self._gekozen(welke)
        if a is None:
            return
        codes = self._vouchers_van(a)
        betaald = sum(self.betaald[c] for c in codes)
        onbesteed = sum(self.waarde[c] - self.betaald[c] - self._ingetrokken(c) for c in codes)
        hoogste = betaald - a.teruggevorderd.centen
        bedrag = None if lager is None else Bedrag.van_centen(max(1, hoogste * (4 - lager) // 4))
        opties = {"grond": "b", "motivering": "niet volgens de aanvraag"} if bedrag and bedrag.centen < hoogste else {}
        was = a.status
        nummer = a.nummer
        cmd = StelVast(nummer=nummer, bedrag=bedrag, datum=dag, **opties)
        uit = self.doe("vaststellen", lambda: stel_vast(self.w.regie, cmd))
        kan = (
            was == Status.TOEGEKEND
            and onbesteed == 0
            and dag >= (a.besluit or {})["datum"]
            and (bedrag is None or bedrag.centen <= hoogste)
        )
        assert bool(uit) == kan or was == Status.VASTGESTELD, (was, onbesteed, hoogste, bedrag, uit)
        if not uit or was != Status.TOEGEKEND:
            return
        vastgesteld = hoogste if bedrag is None else bedrag.centen
        assert uit["vastgesteld"].centen == vastgesteld and uit["teruggevorderd"].centen == hoogste - vastgesteld
        self.vastgesteld[nummer] = vastgesteld
        self.vrijgegeven[a.wijk] += onbesteed  # the unspent rest is released (counts as vervallen)
        self._vorder(a, hoogste - vastgesteld)

    def _vorder(self, a: Aanvraag, bedrag: int) -> None:
        self.vordering.setdefault(a.nummer, [0, 0])[0] += bedrag
        self.teruggevorderd[a.wijk] += bedrag

    @rule(welke=st.integers(0, 40), deel=st.sampled_from([1, 2, 3, -1]), dag=betaaldagen)
    def terugvordering_instellen(self, welke: int, deel: int, dag: date) -> None:
        """Awb 4:57: at most what was paid less what was vastgesteld less what was claimed; deel -1 claims one cent too many."""
        a = self._gekozen(welke)
        if a is None:
            return
        betaald = sum(self.betaald[c] for c in self._vouchers_van(a)) if a.besluit else 0
        ruimte = betaald - (a.vastgesteld or Bedrag.nul()).centen - a.teruggevorderd.centen
        bedrag = max(1, ruimte + 1 if deel == -1 else ruimte // deel)
        cmd = VorderTerug(
            nummer=a.nummer, bedrag=Bedrag.van_centen(bedrag), motivering="ten onrechte besteed", datum=dag
        )
        uit = self.doe("terugvordering instellen", lambda: vorder_terug(self.w.college, cmd))
        if uit:
            assert a.status in (Status.TOEGEKEND, Status.VASTGESTELD) and bedrag <= ruimte
            self._vorder(a, bedrag)

    @rule(welke=st.integers(0, 40), deel=st.sampled_from([1, 2, -1]), dag=betaaldagen)
    def terugvordering_ontvangen(self, welke: int, deel: int, dag: date) -> None:
        """The kasbeheerder books a repayment: never more than is open (deel -1 tries one cent more)."""
        a = self._gekozen(welke)
        if a is None:
            return
        open_ = a.openstaand.centen
        bedrag = max(1, open_ + 1 if deel == -1 else open_ // deel)
        cmd = OntvangTerug(nummer=a.nummer, bedrag=Bedrag.van_centen(bedrag), datum=dag)
        uit = self.doe("terugvordering ontvangen", lambda: ontvang_terug(self.w.kas, cmd))
        assert not uit or bedrag <= open_, "meer ontvangen dan openstond"
        if uit:
            self.vordering[a.nummer][1] += bedrag
            self.terugontvangen[a.wijk] += bedrag

    def _ingetrokken(self, code: str) -> int:
        v = self.app.repository.get(ids.voucher_id(code))
        return int(v.ingetrokken.centen)

    @rule(code=vouchers, welke=st.integers(0, 20), dag=betaaldagen)
    def corrigeren(self, code: str | None, welke: int, dag: date) -> None:
        """Storno of one of the voucher's payments (art. 9 lid 1): the amount no longer counts as paid."""
        if not code:
            return
        betalingen = [
            (n, e)
            for n, e in self.app.genummerd()
            if isinstance(e, (g.VoucherVerzilverd, g.VoucherContantOpgenomen))
            and e.originator_id == ids.voucher_id(code)
        ]
        if not betalingen:
            return
        nummer, betaling = betalingen[welke % len(betalingen)]
        al = nummer in self.gecorrigeerd
        uit = self.doe(
            "corrigeren",
            lambda: corrigeer_betaling(
                self.w.kas, CorrigeerBetaling(code=code, gebeurtenis=nummer, reden="fout geboekt", datum=dag)
            ),
        )
        assert not (al and uit), "een betaling werd twee keer gecorrigeerd"
        if uit:
            self.gecorrigeerd.add(nummer)
            self.betaald[code] -= betaling.bedrag.centen

    @rule(wijk=st.sampled_from(WIJKEN), plafond=st.integers(1, 30_000_00))
    def plafond_wijzigen(self, wijk: str, plafond: int) -> None:
        if self.doe(
            "plafond",
            lambda: self.w.college.stel_plafond_vast(
                m.StelPlafondVast(
                    code=wijk, periode=PERIODE, plafond=Bedrag.van_centen(plafond), datum=date(PERIODE, 2, 1)
                )
            ),
        ):
            self.plafond[wijk] = plafond

    @rule(code=vouchers)
    def verkeerde_kasbeheerder(self, code: str | None) -> None:
        if code:
            self.doe(
                "verkeerde kasbeheerder",
                lambda: Dienst(self.app, REGIE, vandaag=self.w.vandaag).neem_contant_op(
                    m.NeemContantOp(code=code, bedrag=Bedrag.van_centen(1), datum=date(PERIODE, 5, 1))
                ),
            )

    # --- invariants, against a fresh load from the store ---------------------------
    @invariant()
    def plafond_en_budget(self) -> None:
        for code in WIJKEN:
            w = self.app.repository.get(ids.wijk_id(code, PERIODE))
            assert isinstance(w, Wijk)
            assert w.toegekend.centen == self.toegekend[code]
            assert w.plafond.centen == self.plafond[code]
            # what was paid back is available again (Awb 4:57): it widens the room under the plafond; an
            # aanvraag received before a lowering was judged against the plafond as it was (Awb 4:27 lid 2)
            ruimste = max([w.plafond, *(vorig for _, vorig in w.verlagingen)])
            assert w.toegekend - w.vervallen - w.terugontvangen <= ruimste
            assert w.vervallen.centen == self.vrijgegeven[code]
            assert w.terugontvangen.centen == self.terugontvangen[code] <= self.teruggevorderd[code]
            assert w.beschikbaar == w.plafond - w.toegekend + w.vervallen + w.terugontvangen
            assert w.plafond + w.uitvoeringskosten <= w.budget

    @invariant()
    def vouchers_binnen_hun_waarde(self) -> None:
        for code, waarde in self.waarde.items():
            v = self.app.repository.get(ids.voucher_id(code))
            assert isinstance(v, Voucher)
            assert v.waarde.centen == waarde <= REGELING.max_voucherwaarde.centen
            assert (v.verzilverd + v.contant).centen == self.betaald[code] <= waarde
            assert v.restant.centen >= 0

    @invariant()
    def vorderingen_per_aanvraag(self) -> None:
        for nummer, (gevorderd, ontvangen) in self.vordering.items():
            a = self._aanvraag(nummer)
            assert a is not None
            assert (a.teruggevorderd.centen, a.terugontvangen.centen) == (gevorderd, ontvangen)
            assert (
                Bedrag.nul() <= a.terugontvangen <= a.teruggevorderd
                and a.openstaand == a.teruggevorderd - a.terugontvangen
            )
        for nummer, vastgesteld in self.vastgesteld.items():
            a = self._aanvraag(nummer)
            assert a is not None and a.status == Status.VASTGESTELD
            assert a.vastgesteld is not None and a.vastgesteld.centen == vastgesteld
            betaald = sum(self.betaald[c] for c in self._vouchers_van(a))
            assert vastgesteld + a.teruggevorderd.centen <= betaald, (
                "vastgesteld en teruggevorderd boven wat betaald is"
            )

    @invariant()
    def saldo_uit_de_gebeurtenissen_is_de_stand_van_de_aggregaten(self) -> None:
        orakel = vouw(self.w.college.gebeurtenissen())
        for s in orakel:
            assert s.toegekend.centen == self.toegekend[s.wijk]
            assert s.beschikbaar.centen == (
                self.plafond[s.wijk] - self.toegekend[s.wijk] + self.vrijgegeven[s.wijk] + self.terugontvangen[s.wijk]
            )
            assert s.vervallen.centen == self.vrijgegeven[s.wijk]
            assert s.teruggevorderd.centen == self.teruggevorderd[s.wijk] >= s.terugontvangen.centen
            assert s.terugontvangen.centen == self.terugontvangen[s.wijk]
            assert s.beschikbaar == s.plafond - s.toegekend + s.vervallen + s.terugontvangen
            assert s.uitstaand == s.toegekend - s.verzilverd - s.contant - s.vervallen
            betaald = sum(b for c, b in self.betaald.items() if self.wijk_van[c] == s.wijk)
            assert (s.verzilverd + s.contant).centen == betaald
        # the read models' fold (projections/vouwen.py) says the same as the oracle
        rijen = vouwen.vouw(self.app.genummerd()).saldo_rijen()
        velden = ("toegekend", "verzilverd", "contant", "vervallen", "teruggevorderd", "terugontvangen", "uitstaand")
        assert [(r.wijk, *(getattr(r, v) for v in velden), r.beschikbaar) for r in rijen] == [
            (s.wijk, *(getattr(s, v).centen for v in velden), s.beschikbaar.centen) for s in orakel
        ]

    def _aanvraag(self, nummer: int) -> Aanvraag | None:
        if not nummer:
            return None
        try:
            a = self.app.repository.get(ids.aanvraag_id(nummer))
        except Exception:
            return None
        return a if isinstance(a, Aanvraag) else None


Grootboek.TestCase.settings = settings(
    max_examples=50, stateful_step_count=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestGrootboekInGeheugen = Grootboek.TestCase


@pytest.fixture
def sqlite_grootboek(tmp_path_factory):
    class OpSQLite(Grootboek):
        def maak_app(self) -> VoucherLedger:
            return open_store(str(tmp_path_factory.mktemp("sm") / "vouchers.db"))

    OpSQLite.TestCase.settings = settings(
        max_examples=8, stateful_step_count=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    return OpSQLite


def test_de_toestandsmachine_op_een_echt_sqlite_bestand(sqlite_grootboek):
    sqlite_grootboek.TestCase().runTest()


def test_vouchercodes_van_de_machine_zijn_geldig() -> None:
    assert maak_code(1, 1).startswith("V000001-01-")
