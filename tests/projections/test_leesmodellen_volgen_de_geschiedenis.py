"""For random histories, on a real SQLite file and a real PostgreSQL database: every read model
equals the fold of the events, agrees with the aggregates, keeps no personal data, survives a
rebuild unchanged, and `saldo --per` equals what was done up to that date, counted by hand.

Hypothesis writes each history through the application service (refused acts are simply left
out, as in real life) and catches the views up at random moments with random batch sizes, so
that batches end in the middle of an act.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from leeshulp import VerseOpslagen, alle_cellen, controleer_lopende_saldi, gevouwen, views
from saldo_orakel import vouw as oude_saldovouw
from wereld import COLLEGE, KAS, PERIODE, REGIE, Wereld, open_store

from commands import modellen as m
from commands.leesmodellen import Leesdienst
from ledger import ids
from ledger.fouten import VoucherFout
from ledger.geld import Bedrag
from ledger.voucher import Voucher
from projections.bijwerken import herbouw, werk_bij

VOORBEELDEN = int(os.environ.get("VOUCHER_VOORBEELDEN", "8"))  # more for a deeper local run
WIJKEN = ("NOORD", "ZUID")
VANDAAG = date(PERIODE + 1, 1, 31)  # after the execution date: vouchers can expire
AANGEWEZEN = date(PERIODE, 1, 2)
VERVALDATUM = date(PERIODE + 1, 1, 5)
PRIVE = ("Jansen-PRIVE", "Dorpsstraat 1 PRIVE", "0612345678")
PEILDATA = [date(PERIODE, 1, 1), date(PERIODE, 3, 10), date(PERIODE, 4, 30), date(PERIODE, 7, 1),
            date(PERIODE, 12, 31), VANDAAG]  # fmt: skip

BESLUITEN = ("toekennen",) * 5 + ("aanvulling", "aanvullen", "weigeren", "raadpleging")
LATER = ("verzilver",) * 4 + ("contant",) * 2 + ("weiger_betaling", "plafond", "bijwerken", "aanvraag") + BESLUITEN


def _handelingen(soorten: tuple[str, ...], minimum: int, maximum: int) -> st.SearchStrategy[list[tuple[Any, ...]]]:
    """(soort, keuze, vlag, dag, procent): every act draws the same few numbers and reads them its own way."""
    handeling = st.tuples(
        st.sampled_from(soorten),
        st.integers(0, 40),  # which aanvraag / voucher / wijk
        st.integers(0, 3),  # a flag: 0 is "no" (incomplete, partial, against), 1-3 is "yes"
        st.integers(0, 300),  # days after the natural date of the act
        st.integers(1, 110),  # an amount, as a percentage (above 100: refused)
    )
    return st.lists(handeling, min_size=minimum, max_size=maximum)


# Three phases, so that most histories get as far as payments: aanvragen, decisions, then anything.
handelingen = st.tuples(
    _handelingen(("aanvraag",), 1, 5), _handelingen(BESLUITEN, 1, 10), _handelingen(LATER, 3, 25)
).map(lambda fasen: [h for fase in fasen for h in fase])
geschiedenis = st.tuples(handelingen, st.booleans(), st.integers(1, 13))


@dataclass
class Boek:
    """What happened, counted by hand (independently of the fold): for `saldo --per`."""

    geld: list[tuple[str, str, date, int]] = field(default_factory=list)  # (soort, wijk, datum, centen)
    plafonds: list[tuple[str, date, int]] = field(default_factory=list)  # in the order they were set

    def per(self, wijk: str, peildatum: date) -> dict[str, int]:
        uit = {soort: 0 for soort in ("toegekend", "verzilverd", "contant", "vervallen")}
        for soort, w, datum, centen in self.geld:
            if w == wijk and datum <= peildatum:
                uit[soort] += centen
        uit["plafond"] = [p for w, d, p in self.plafonds if w == wijk and d <= peildatum][-1]
        return uit


class Geschiedenis:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.w = Wereld(app, vandaag=VANDAAG)
        self.boek = Boek()
        self.aanvragen: list[tuple[int, str, date]] = []  # (nummer, wijk, ontvangen)
        self.vouchers: list[tuple[str, str]] = []  # (code, wijk)
        self.facturen = 0
        w = self.w
        w.college.richt_in(m.Inrichten(gemeente="Hypostad", regeling=_regeling(), datum=date(PERIODE, 1, 1)))
        w.college.geef_mandaat(m.GeefMandaat(aan=KAS, rol="kasbeheerder", datum=date(PERIODE, 1, 1)))
        for code in WIJKEN:
            w.college.geef_mandaat(m.GeefMandaat(aan=REGIE, rol="regiegroep", wijk=code, datum=date(PERIODE, 1, 1)))
            budget = Bedrag.parse("30.000")
            w.college.wijs_wijk_aan(
                m.WijsWijkAan(code=code, naam=code.title(), periode=PERIODE, budget=budget,
                              uitvoeringskosten=Bedrag.parse("3.000"), datum=AANGEWEZEN)
            )  # fmt: skip
            self.boek.plafonds.append((code, AANGEWEZEN, 2_700_000))

    def doe(self, h: tuple[Any, ...]) -> None:
        try:
            getattr(self, "_" + h[0])(*h[1:])
        except (VoucherFout, ValueError):
            pass  # refused: nothing was written

    def _aanvraag(self, i: int, vlag: int, d: int, procent: int) -> None:
        wijk = WIJKEN[i % 2]
        ontvangen = date(PERIODE, 1, 10) + timedelta(days=d % 120)
        kosten = procent * 10_000 + i * 137  # up to € 11.055: a few above the raadpleging threshold
        u = self.w.regie.dien_in(
            m.DienAanvraagIn(
                wijk=wijk, naam=PRIVE[0], adres=PRIVE[1], telefoon=PRIVE[2] if vlag else None, ondertekend=True,
                omschrijving="Speeltuin opknappen", planning="voorjaar", kosten=Bedrag(kosten),
                elders_subsidie=False, ontvangen=ontvangen, datum=ontvangen,
            )
        )  # fmt: skip
        self.aanvragen.append((int(u["aanvraag"]), wijk, ontvangen))

    def _kies(self, i: int) -> tuple[int, str, date]:
        if not self.aanvragen:
            raise ValueError("nog geen aanvraag")
        return self.aanvragen[i % len(self.aanvragen)]

    def _aanvulling(self, i: int, vlag: int, d: int, procent: int) -> None:
        nummer, _, ontvangen = self._kies(i)
        self.w.regie.vraag_aanvulling(
            m.VraagAanvulling(nummer=nummer, wat="telefoonnummer", datum=ontvangen + timedelta(days=d % 40))
        )

    def _aanvullen(self, i: int, vlag: int, d: int, procent: int) -> None:
        nummer, _, ontvangen = self._kies(i)
        self.w.regie.vul_aan(
            m.VulAanvraagAan(nummer=nummer, telefoon=PRIVE[2], datum=ontvangen + timedelta(days=40 + d % 40))
        )

    def _toekennen(self, i: int, vlag: int, d: int, procent: int) -> None:
        nummer, wijk, ontvangen = self._kies(i)
        voor = self.w.regie.toon_aanvraag(nummer)
        if voor["status"] == "toegekend":
            return  # a repeat writes nothing
        kosten = voor["kosten"]
        opties: dict[str, Any] = {"buiten_volgorde": "volgorde in de test"}
        if not vlag and kosten is not None and kosten.centen > 1:
            opties |= {"bedrag": Bedrag(kosten.centen // 2), "grond": "a", "motivering": "deels haalbaar"}
        datum = max(ontvangen, date(PERIODE, 3, 1)) + timedelta(days=d % 130)  # some after 30 June: refused
        u = self.w.regie.ken_toe(m.KenToe(nummer=nummer, datum=datum, **opties))
        self.boek.geld.append(("toegekend", wijk, u["datum"], u["bedrag"].centen))
        self.vouchers += [(v["code"], wijk) for v in u["vouchers"]]

    def _weigeren(self, i: int, vlag: int, d: int, procent: int) -> None:
        nummer, _, ontvangen = self._kies(i)
        grond = "abcd"[vlag]
        self.w.regie.weiger(
            m.Weiger(nummer=nummer, grond=grond, motivering="past niet", datum=ontvangen + timedelta(30))
        )

    def _raadpleging(self, i: int, vlag: int, d: int, procent: int) -> None:
        nummer, _, ontvangen = self._kies(i)
        self.w.regie.verklaar_geschikt(m.VerklaarGeschikt(nummer=nummer, datum=ontvangen + timedelta(10)))
        self.w.regie.besluit_raadpleging(
            m.BesluitRaadpleging(nummer=nummer, uitkomst="voor" if vlag else "tegen", datum=ontvangen + timedelta(20))
        )

    def _voucher(self, i: int) -> tuple[str, str]:
        if not self.vouchers:
            raise ValueError("nog geen voucher")
        return self.vouchers[i % len(self.vouchers)]

    def _betaling(self, i: int, procent: int, d: int, maximum: int | None = None) -> tuple[str, str, int, date]:
        code, wijk = self._voucher(i)
        v = self.w.kas.toon_voucher(code)
        centen = max(1, v["restant"].centen * procent // 100)
        if maximum is not None and procent <= 100:
            centen = min(centen, maximum)
        return code, wijk, centen, v["verstrekt"] + timedelta(days=d)  # some after 31 December: refused

    def _verzilver(self, i: int, vlag: int, d: int, procent: int) -> None:
        code, wijk, centen, datum = self._betaling(i, procent, d)
        self.facturen += 1
        self.w.kas.verzilver(
            m.Verzilver(
                code=code, bedrag=Bedrag(centen), leverancier="Bouwmarkt", factuur=f"F{self.facturen}", datum=datum
            )
        )
        self.boek.geld.append(("verzilverd", wijk, datum, centen))

    def _contant(self, i: int, vlag: int, d: int, procent: int) -> None:
        code, wijk, centen, datum = self._betaling(i, procent, d, maximum=50_000)
        self.w.kas.neem_contant_op(m.NeemContantOp(code=code, bedrag=Bedrag(centen), datum=datum))
        self.boek.geld.append(("contant", wijk, datum, centen))

    def _weiger_betaling(self, i: int, vlag: int, d: int, procent: int) -> None:
        code, _, centen, datum = self._betaling(i, procent, d)
        self.w.kas.weiger_betaling(m.WeigerBetaling(code=code, bedrag=Bedrag(centen), reden="privé", datum=datum))

    def _plafond(self, i: int, vlag: int, d: int, procent: int) -> None:
        wijk = WIJKEN[i % 2]
        datum = AANGEWEZEN + timedelta(days=d)
        centen = 500_000 + procent * 20_000  # € 5.000 to € 27.000: some below what is granted: refused
        self.w.college.stel_plafond_vast(
            m.StelPlafondVast(code=wijk, periode=PERIODE, plafond=Bedrag(centen), datum=datum)
        )
        self.boek.plafonds.append((wijk, datum, centen))

    def _bijwerken(self, i: int, vlag: int, d: int, procent: int) -> None:
        werk_bij(self.app, batch=1 + i % 9)

    def laat_vervallen(self) -> None:
        """Act 12 for every voucher with a restant (straight on the aggregates: closing the period is another module)."""
        for code, wijk in self.vouchers:
            v = self.app.repository.get(ids.voucher_id(code))
            assert isinstance(v, Voucher)
            rest = v.laat_vervallen(VERVALDATUM, COLLEGE)
            if rest.centen:
                self.app.save(v)
                self.boek.geld.append(("vervallen", wijk, VERVALDATUM, rest.centen))


def _regeling() -> Any:
    from ledger.regeling import Regeling

    return Regeling()


def _controleer_tegen_de_aggregaten(h: Geschiedenis, rijen: tuple[Any, ...]) -> None:
    saldi, aanvragen, vouchers, _ = rijen
    dienst = h.w.college
    for v in vouchers:
        a = dienst.toon_voucher(v.code)
        assert (v.waarde, v.verzilverd, v.contant, v.vervallen, v.restant, v.status) == (
            a["waarde"].centen, a["verzilverd"].centen, a["contant"].centen, a["vervallen"].centen,
            a["restant"].centen, a["status"],
        ), v  # fmt: skip
    for r in aanvragen:
        a = dienst.toon_aanvraag(r.nummer)
        kosten = a["kosten"].centen if a["kosten"] is not None else None
        assert (r.status, list(r.ontbreekt), r.beslissen_voor, r.ontvangen, kosten) == (
            a["status"], a["ontbreekt"], a["beslissen_voor"], a["ontvangen"], kosten
        ), r  # fmt: skip
    # ...and with the saldo fold the command used before the views (projections/saldo.py), written independently.
    assert [s.als_saldo() for s in saldi] == oude_saldovouw(dienst.gebeurtenissen())
    for s in saldi:
        wijk = dienst.laad_wijk(s.wijk, s.periode)
        assert (s.budget, s.uitvoeringskosten, s.plafond, s.toegekend) == (
            wijk.budget.centen, wijk.uitvoeringskosten.centen, wijk.plafond.centen, wijk.toegekend.centen
        ), s  # fmt: skip
    assert len(vouchers) == len(h.vouchers)


def _controleer_per(h: Geschiedenis) -> None:
    lezer = Leesdienst(h.w.college)
    for peildatum in PEILDATA:
        saldi = {s.wijk: s for s in lezer.saldi(per=peildatum)}
        if peildatum < AANGEWEZEN:
            assert saldi == {}
            continue
        assert set(saldi) == set(WIJKEN)
        for wijk in WIJKEN:
            verwacht = h.boek.per(wijk, peildatum)
            s = saldi[wijk]
            gekregen = {k: getattr(s, k).centen for k in verwacht}
            assert gekregen == verwacht, (wijk, peildatum)
            assert (
                s.uitstaand.centen
                == verwacht["toegekend"] - verwacht["verzilverd"] - verwacht["contant"] - (verwacht["vervallen"])
            )
            assert s.beschikbaar.centen == verwacht["plafond"] - verwacht["toegekend"] + verwacht["vervallen"]


@pytest.mark.parametrize("soort", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_elk_leesmodel_is_de_vouw_van_de_gebeurtenissen_bij_willekeurige_geschiedenissen(
    soort, request, tmp_path_factory
):
    server = request.getfixturevalue("postgres_server") if soort == "postgres" else None
    opslagen = VerseOpslagen(soort, tmp_path_factory.mktemp("hypo"), server)

    @settings(
        max_examples=VOORBEELDEN,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(geschiedenis)
    def eigenschap(invoer: tuple[list[tuple[Any, ...]], bool, int]) -> None:
        handelingen, vervallen, batch = invoer
        app = open_store(opslagen.nieuw())
        try:
            h = Geschiedenis(app)
            for hnd in handelingen:
                h.doe(hnd)
            if vervallen:
                h.laat_vervallen()
            werk_bij(app, batch=batch)

            rijen = views(app)
            soorten = sorted({r.soort for r in rijen[3]} | {a.status for a in rijen[1]})
            event(f"{len(rijen[3]) // 5 * 5}+ kasboekregels; {', '.join(soorten)}")
            assert rijen == gevouwen(app), "de views wijken af van de vouw van de gebeurtenissen"
            _controleer_tegen_de_aggregaten(h, rijen)
            controleer_lopende_saldi(rijen[3])
            cellen = " ".join(str(c) for c in alle_cellen(app))
            assert not any(p in cellen for p in PRIVE), "persoonsgegevens in een leesmodel"

            assert [s.als_dict() for s in Leesdienst(h.w.college).saldi()] == [
                s.als_saldo().als_dict() for s in rijen[0]
            ]
            herbouw(app, batch=batch + 3)
            assert views(app) == rijen, "herbouw gaf andere rijen"
            _controleer_per(h)
        finally:
            app.close()
            opslagen.ruim_op()

    eigenschap()
