"""`voucher demo`: a realistic, deterministic year of Voorbeeldstad.

Several wijken with their budgets and reserves; dozens of aanvragen per wijk arriving from
January to May, some incomplete and completed after a request for aanvulling, refusals on
each ground a-e, initiatives above the threshold through geschikt and a wijkraadpleging,
one wijk that runs into its plafond (a partial grant on ground e, then refusals), and the
kasbeheerder paying invoices and cash, refusing a payment now and then, until December;
after the grant: now and then a payment booked with a wrong amount, corrected (storno, art. 9
lid 1) and booked again; after the execution date a few grants vastgesteld lower (Awb 4:46
lid 2 onder b), the difference claimed back and paid back (Awb 4:57). Westerveld has no regiegroep:
an ambtenaar does its part under a mandaatbesluit (toelichting art. 2 lid 6), and in Noorderkwartier
the college decides one aanvraag itself (art. 5, Awb 10:7). With `jaren=2`, time: in November the
college records a changed verordening in force from 1 January of the next year (cash at most
€ 400 per time) and designates the first wijk for that next budget year; aanvragen received from
December on belong to it and are judged under the new version; in January a few invoices for
work done in December are paid within the betaaltermijn (`--factuurdatum`), and in February the
college raises the new year's budget. Every refusal on a ground a-d is sent two days later (Awb 3:41),
and per wijk the first such refusal meets a bezwaar that is decided gegrond, after which the
aanvraag is granted anew (Awb 7:11), the second a bezwaar that is ongegrond.
Every act goes through the same application service as the command line, in business-date
order, under simulated users; the same seed gives the same year. The simulation lives its own
days: each act is recorded on the simulated day it happens (ledger/vastlegging.py), so the
demo's verantwoording has no late entries and `--bekend-op` shows the year as it went.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from commands import modellen as m
from commands.dienst import Dienst
from commands.opslag import VoucherLedger
from ledger import gebeurtenissen as g
from ledger import ids
from ledger.fouten import RegelOvertreden, RestantOntoereikend
from ledger.geld import Bedrag
from ledger.gemeente import Gemeente
from ledger.regeling import Regeling
from ledger.vastlegging import AMSTERDAM

DUBBEL = 8  # per wijk the 9th aanvraag is entered twice; the copy is withdrawn (art. 4)
NIET_AANGEVULD = 17  # per wijk the 3rd incomplete aanvraag is never completed (Awb 4:5)
NIET_DOORGEGAAN = 23  # every 23rd aanvraag granted does not take place: the grant is withdrawn (Awb 4:48)
LAGER_VASTGESTELD = 19  # every 19th aanvraag granted is vastgesteld lower, claimed back and paid back (Awb 4:46, 4:57)
VERKEERD_GEBOEKT = 37  # every 37th invoice is first booked with a wrong amount, then corrected (storno)
CONTANT_NIEUW = Bedrag.van_centen(400_00)  # cash per time under the changed verordening of the next year
GEMEENTE = "Voorbeeldstad"
JAAR = 2025
COLLEGE = "demo.wethouder"
KASBEHEERDER = "demo.kasbeheerder"
AMBTENAAR = "demo.ambtenaar.west"  # where no regiegroep formed: an ambtenaar with the college's mandate
AMBTENAAR_NAAM = "Anna de Vries"
MANDAATBESLUIT = "besluit van het college van 2 januari 2025, nr. 2025/01"
COLLEGE_BESLIST = 4  # in NOORD the college decides the 5th aanvraag itself (art. 5 "het college of")
WIJKEN = [
    ("NOORD", "Noorderkwartier", 220_000_00),
    ("OOST", "Oosterpark", 180_000_00),
    ("ZUID", "Zuiderhaven", 260_000_00),
    ("WEST", "Westerveld", 60_000_00),  # small: runs into its plafond
]
INITIATIEVEN = [
    ("Buurtfeest op het plein", "juni: tenten, muziek en eten voor de hele buurt"),
    ("Moestuin achter de flat", "voorjaar aanleg, zomer onderhoud door de bewoners"),
    ("Speelplek opknappen", "nieuwe toestellen in april, onderhoud door de corporatie"),
    ("Wijkkrant vier keer per jaar", "redactie van vrijwilligers, drukwerk per kwartaal"),
    ("Taalcafé voor nieuwe bewoners", "wekelijks, september tot december"),
    ("Bloembakken in de straat", "plaatsing in mei, bewoners geven water"),
    ("Sportdag voor de jeugd", "één zaterdag in september"),
    ("Burenhulp-app en flyers", "ontwikkeling in de zomer, huis-aan-huis in oktober"),
    ("Kerstverlichting winkelstraat", "ophangen eind november"),
    ("Schoonmaakactie met de school", "drie zaterdagen in het voorjaar"),
    ("Ontmoetingsplek voor ouderen", "inrichting van de buurtkamer, opening in oktober"),
    ("Muurschildering bij het station", "ontwerp met jongeren, schilderen in augustus"),
]
NAMEN = ["A. de Vries", "M. Jansen", "F. El Amrani", "S. Bakker", "K. Visser", "R. Smit", "Y. Öztürk", "L. Meijer"]
LEVERANCIERS = [
    "Bouwmarkt Hornbach",
    "Drukkerij De Wijk",
    "Groencentrum Overvecht",
    "Feestverhuur Van Dam",
    "Sportwinkel Veldman",
]
GROND_MOTIVERING = {
    "a": "de planning is niet haalbaar: de uitvoering zou na de uiterste uitvoeringsdatum vallen",
    "b": "het initiatief omvat activiteiten waarvoor geen vergunning kan worden verleend",
    "c": "het initiatief dient vooral het privébelang van de initiatiefnemer",
    "d": "het onderhoud van de voorgestelde voorziening is niet gewaarborgd",
}


def beslisser(wijk: str) -> str:
    """Who decides on the aanvragen of `wijk` in the demo: its regiegroep, or in WEST the ambtenaar."""
    return AMBTENAAR if wijk == "WEST" else f"demo.regie.{wijk.lower()}"


@dataclass(order=True)
class Handeling:
    datum: date
    rang: tuple[int, ...]  # same day: decisions in the order of receipt (art. 4 lid 4)
    volgorde: int
    wat: str = field(compare=False)
    gegevens: dict[str, Any] = field(compare=False, default_factory=dict)


def vul(app: VoucherLedger, omvang: int = 1, zaad: int = 2025, jaren: int = 1) -> str:
    """Fill an empty store with the simulated year; returns a one-paragraph report."""
    bestaand = _gemeente(app)
    if bestaand is not None:
        if bestaand.naam == GEMEENTE:
            return "De demo-opslag was al gevuld; hieronder het saldo."
        raise RegelOvertreden(
            f"de opslag bevat al de administratie van {bestaand.naam}: kies voor de demo een andere --database",
            artikel="art. 2",
        )
    sim = _Simulatie(app, omvang, random.Random(zaad), twee_jaren=jaren == 2)  # noqa: S311 - a simulation
    sim.speel()
    return (
        f"Demo: gemeente {GEMEENTE}, {len(sim.wijken)} wijken, {sim.tellers['aanvraag']} aanvragen, "
        f"{sim.tellers['toegekend']} toegekend, {sim.tellers['geweigerd']} geweigerd, "
        f"{sim.tellers['ingetrokken']} ingetrokken, {sim.tellers['buiten behandeling']} buiten behandeling, "
        f"{sim.tellers['toekenning ingetrokken']} toekenning(en) ingetrokken, "
        f"{sim.tellers['lager vastgesteld']} lager vastgesteld (teruggevorderd, {sim.tellers['terugontvangen']} "
        "terugontvangen), "
        f"{sim.tellers['betaling']} betalingen, {sim.tellers['correctie']} gecorrigeerd, "
        f"{sim.tellers['verzonden']} besluiten verzonden, {sim.tellers['bezwaar']} bezwaren, in {JAAR}"
        + (f" en {JAAR + 1} (wijk {sim.wijken[0][0]}, onder een gewijzigde regeling)." if jaren == 2 else ".")
    )


def _gemeente(app: VoucherLedger) -> Gemeente | None:
    from eventsourcing.application import AggregateNotFoundError

    try:
        g: object = app.repository.get(ids.gemeente_id())
    except AggregateNotFoundError:
        return None
    return g if isinstance(g, Gemeente) else None


class _Simulatie:
    def __init__(self, app: VoucherLedger, omvang: int, rng: random.Random, *, twee_jaren: bool = False) -> None:
        self.app = app
        self.twee_jaren = twee_jaren  # the next budget year under a changed verordening; one year keeps its figures
        self.rng = rng
        self.wijken = [
            (f"{code}{i if i > 1 else ''}", f"{naam}{f' {i}' if i > 1 else ''}", budget)
            for i in range(1, omvang + 1)
            for code, naam, budget in WIJKEN
        ]
        self.agenda: list[Handeling] = []
        self.volgnummer = 0
        self.tellers = dict.fromkeys(
            (
                "aanvraag",
                "toegekend",
                "geweigerd",
                "betaling",
                "correctie",
                "ingetrokken",
                "buiten behandeling",
                "toekenning ingetrokken",
                "lager vastgesteld",
                "terugontvangen",
                "verzonden",
                "bezwaar",
            ),
            0,
        )
        self.bezwaren: dict[str, int] = {}  # per wijk: how many refusals met a bezwaar
        self.factuurnummer = 1000
        self.dag, self.tik = date(JAAR, 1, 2), 0  # the simulated day and the acts recorded on it so far
        self.facturen: dict[str, str] = {}  # invoice -> supplier, of the payments to be corrected

    def dienst(self, gebruiker: str, datum: date) -> Dienst:
        return Dienst(self.app, gebruiker, vandaag=datum)

    def _klok(self, e: Any) -> datetime:
        """The moment an act of the simulated day is recorded: that day from 09:00 (Amsterdam), in order (the
        clock never runs back, so the log's order is the order of recording)."""
        datum = getattr(e, "datum", None)
        if isinstance(datum, date) and datum > self.dag:
            self.dag, self.tik = datum, 0
        self.tik += 1
        return datetime.combine(self.dag, time(9), AMSTERDAM).astimezone(UTC) + timedelta(milliseconds=self.tik)

    def plan(self, datum: date, wat: str, rang: tuple[int, ...] = (), **gegevens: Any) -> None:
        self.volgnummer += 1
        heapq.heappush(self.agenda, Handeling(datum, rang, self.volgnummer, wat, gegevens))

    def speel(self) -> None:
        begin = date(JAAR, 1, 2)
        self.dag, self.tik = begin, 0
        self.app.klok = self._klok
        college = self.dienst(COLLEGE, begin)
        college.richt_in(m.Inrichten(gemeente=GEMEENTE, regeling=Regeling(), datum=begin))
        college.geef_mandaat(m.GeefMandaat(aan=KASBEHEERDER, rol="kasbeheerder", datum=begin))
        for code, naam, budget in self.wijken:
            regie = beslisser(code)
            rol: m.Rol = "ambtenaar" if regie == AMBTENAAR else "regiegroep"
            extra = {"naam": AMBTENAAR_NAAM, "besluit": MANDAATBESLUIT} if rol == "ambtenaar" else {}
            college.geef_mandaat(m.GeefMandaat(aan=regie, rol=rol, wijk=code, datum=begin, **extra))
            procent = self.rng.choice([5, 8, 10])
            self.dienst(COLLEGE, date(JAAR, 1, 6)).wijs_wijk_aan(
                m.WijsWijkAan(
                    code=code,
                    naam=naam,
                    periode=JAAR,
                    budget=Bedrag.van_centen(budget),
                    uitvoeringskosten=Bedrag.van_centen(budget * procent // 100),
                    datum=date(JAAR, 1, 6),
                )
            )
            self._plan_aanvragen(code, regie)
        if self.twee_jaren:
            self.plan(date(JAAR, 11, 3), "regeling_wijzigen")
            self.plan(date(JAAR, 11, 10), "tweede_jaar")
        while self.agenda:
            handeling = heapq.heappop(self.agenda)
            if handeling.datum > self.dag:
                self.dag, self.tik = handeling.datum, 0
            getattr(self, f"_{handeling.wat}")(handeling.datum, **handeling.gegevens)

    # --- planning ---------------------------------------------------------------------
    def _plan_aanvragen(self, code: str, regie: str) -> None:
        dag = date(JAAR, 1, 8)
        for i in range(self.rng.randint(24, 32)):
            dag += timedelta(days=self.rng.randint(1, 5))
            if dag > date(JAAR, 5, 25):
                break
            groot = i % 11 == 5
            kosten = (
                self.rng.randint(10_001_00, 18_000_00)
                if groot
                else self.rng.choice(
                    [self.rng.randint(250_00, 2_500_00), self.rng.randint(2_500_00, 9_999_00), 10_000_00]
                )
            )
            self.plan(dag, "indienen", wijk=code, regie=regie, kosten=kosten, onvolledig=i % 7 == 3, groot=groot, i=i)

    # --- the next budget year, under a changed verordening (DOMAIN.md "Time") -------------
    def _regeling_wijzigen(self, dag: date) -> None:
        from commands.tijd import WijzigRegeling, wijzig_regeling

        nieuw = Regeling(
            naam=f"Subsidieverordening vouchers bewonersinitiatieven {JAAR + 1}", contant_max=CONTANT_NIEUW
        )
        wijzig_regeling(
            self.dienst(COLLEGE, dag), WijzigRegeling(regeling=nieuw, vanaf=date(JAAR + 1, 1, 1), datum=dag)
        )

    def _tweede_jaar(self, dag: date) -> None:
        code, naam, budget = self.wijken[0]
        self.dienst(COLLEGE, dag).wijs_wijk_aan(
            m.WijsWijkAan(code=code, naam=naam, periode=JAAR + 1, budget=Bedrag.van_centen(budget // 2),
                          uitvoeringskosten=Bedrag.van_centen(budget // 2 * 5 // 100), datum=dag)
        )  # fmt: skip
        regie = f"demo.regie.{code.lower()}"
        for i, ontvangen in enumerate((date(JAAR, 12, 1), date(JAAR, 12, 15), date(JAAR + 1, 1, 12))):
            kosten = self.rng.randint(500_00, 4_000_00)
            self.plan(
                ontvangen, "indienen", wijk=code, regie=regie, kosten=kosten, onvolledig=False, groot=False, i=i * 6
            )
        self.plan(date(JAAR + 1, 2, 2), "budget_verhogen", code=code, budget=budget // 2 + budget // 10)

    def _budget_verhogen(self, dag: date, code: str, budget: int) -> None:
        from commands.tijd import WijzigBudget, wijzig_budget

        cmd = WijzigBudget(code=code, periode=JAAR + 1, budget=Bedrag.van_centen(budget), datum=dag)
        wijzig_budget(self.dienst(COLLEGE, dag), cmd)

    def _na_uitvoering(self, dag: date, code: str, bedrag: int, factuurdatum: date) -> None:
        """An invoice for work done before the execution date, paid within the betaaltermijn after it."""
        self.factuurnummer += 1
        leverancier, factuur = self.rng.choice(LEVERANCIERS), f"{JAAR}-{self.factuurnummer}"
        cmd = m.Verzilver(code=code, bedrag=Bedrag.van_centen(bedrag), leverancier=leverancier, factuur=factuur,
                          datum=dag, factuurdatum=factuurdatum)  # fmt: skip
        try:
            self.dienst(KASBEHEERDER, dag).verzilver(cmd)
        except RestantOntoereikend:  # a correction or refusal left less than planned: nothing to pay
            return
        self.tellers["betaling"] += 1

    # --- the acts --------------------------------------------------------------------
    def _indienen(self, dag: date, wijk: str, regie: str, kosten: int, onvolledig: bool, groot: bool, i: int) -> None:
        titel, planning = INITIATIEVEN[(i + len(wijk)) % len(INITIATIEVEN)]
        volledig = {
            "adres": f"{self.rng.choice(['Lindelaan', 'Kerkstraat', 'Havenweg', 'Parkrij'])} {self.rng.randint(1, 140)}",
            "telefoon": f"06-{self.rng.randint(10_000_000, 99_999_999)}",
            "ondertekend": True,
            "planning": planning,
            "elders_subsidie": self.rng.randrange(100) < 20,
        }
        velden = dict(volledig)
        if onvolledig:
            for weg in ("telefoon", "planning", "ondertekend"):
                velden.pop(weg)
        cmd = m.maak(
            m.DienAanvraagIn,
            wijk=wijk,
            naam=self.rng.choice(NAMEN),
            omschrijving=f"{titel} in {wijk.title()}",
            kosten=Bedrag.van_centen(kosten),
            datum=dag,
            **velden,
        )
        uit = self.dienst(regie, dag).dien_in(cmd)
        self.tellers["aanvraag"] += 1
        nummer = uit["aanvraag"]
        if i == DUBBEL and not onvolledig:  # entered twice by mistake: the copy is withdrawn the next day
            kopie = self.dienst(regie, dag).dien_in(cmd)
            self.tellers["aanvraag"] += 1
            self.plan(dag + timedelta(days=1), "intrekken", nummer=kopie["aanvraag"], regie=regie)
        if onvolledig:
            self.plan(dag + timedelta(days=3), "aanvulling_vragen", nummer=nummer, regie=regie)
            if i == NIET_AANGEVULD:  # never completed: buiten behandeling once the term has passed (Awb 4:5)
                self.plan(dag + timedelta(days=25), "buiten_behandeling", nummer=nummer, regie=regie)
            else:
                self.plan(dag + timedelta(days=12), "aanvullen", nummer=nummer, regie=regie, velden=volledig)
        elif groot:
            self.plan(dag + timedelta(days=9), "geschikt", nummer=nummer, regie=regie)
        else:
            self.plan(
                dag + timedelta(days=10),
                "beslissen",
                rang=(dag.toordinal(), nummer),
                nummer=nummer,
                regie=regie,
                kosten=kosten,
                i=i,
            )

    def _intrekken(self, dag: date, nummer: int, regie: str) -> None:
        from commands.beeindigen import TrekAanvraagIn, trek_in

        trek_in(self.dienst(regie, dag), TrekAanvraagIn(nummer=nummer, reden="dubbel ingevoerd", datum=dag))
        self.tellers["ingetrokken"] += 1

    def _buiten_behandeling(self, dag: date, nummer: int, regie: str) -> None:
        from commands.beeindigen import StelBuitenBehandeling, stel_buiten_behandeling

        motivering = "de initiatiefnemer heeft telefoonnummer, planning en handtekening niet binnen de termijn gegeven"
        cmd = StelBuitenBehandeling(nummer=nummer, motivering=motivering, datum=dag)
        stel_buiten_behandeling(self.dienst(regie, dag), cmd)
        self.tellers["buiten behandeling"] += 1

    def _aanvulling_vragen(self, dag: date, nummer: int, regie: str) -> None:
        self.dienst(regie, dag).vraag_aanvulling(
            m.VraagAanvulling(nummer=nummer, wat="telefoonnummer, planning en handtekening ontbreken", datum=dag)
        )

    def _aanvullen(self, dag: date, nummer: int, regie: str, velden: dict[str, Any]) -> None:
        uit = self.dienst(regie, dag).vul_aan(m.VulAanvraagAan(nummer=nummer, datum=dag, **velden))
        a = self.dienst(regie, dag).toon_aanvraag(nummer)
        if uit["status"] == "ingediend":
            self.plan(
                dag + timedelta(days=10),
                "beslissen",
                rang=(dag.toordinal(), nummer),
                nummer=nummer,
                regie=regie,
                kosten=a["kosten"].centen,
                i=nummer,
            )

    def _geschikt(self, dag: date, nummer: int, regie: str) -> None:
        self.dienst(regie, dag).verklaar_geschikt(m.VerklaarGeschikt(nummer=nummer, datum=dag))
        voor = self.rng.randrange(100) < 75
        stemmen = (self.rng.randint(40, 90), self.rng.randint(5, 35))
        self.plan(
            dag + timedelta(days=21),
            "raadpleging",
            nummer=nummer,
            regie=regie,
            uitkomst="voor" if voor else "tegen",
            stemmen=stemmen if voor else stemmen[::-1],
        )

    def _raadpleging(self, dag: date, nummer: int, regie: str, uitkomst: str, stemmen: tuple[int, int]) -> None:
        self.dienst(regie, dag).besluit_raadpleging(
            m.maak(
                m.BesluitRaadpleging,
                nummer=nummer,
                uitkomst=uitkomst,
                stemmen_voor=stemmen[0],
                stemmen_tegen=stemmen[1],
                datum=dag,
            )
        )
        if uitkomst == "voor":
            self.plan(dag + timedelta(days=2), "toekennen", nummer=nummer, regie=regie, bedrag=None)
        else:
            self.tellers["geweigerd"] += 1

    def _beslissen(self, dag: date, nummer: int, regie: str, kosten: int, i: int) -> None:
        if i == COLLEGE_BESLIST and regie == beslisser("NOORD"):
            regie = COLLEGE  # the college decides itself, and does what follows on this aanvraag
        dienst = self.dienst(regie, dag)
        if i % 6 == 1:
            grond = "abcd"[self.tellers["geweigerd"] % 4]
            dienst.weiger(m.maak(m.Weiger, nummer=nummer, grond=grond, motivering=GROND_MOTIVERING[grond], datum=dag))
            self.tellers["geweigerd"] += 1
            self.plan(dag + timedelta(days=2), "verzenden", nummer=nummer, regie=regie)
            wijk = regie.removeprefix("demo.regie.")
            self.bezwaren[wijk] = self.bezwaren.get(wijk, 0) + 1
            if self.bezwaren[wijk] <= 2:  # the first gegrond, the second ongegrond
                uitkomst = "gegrond" if self.bezwaren[wijk] == 1 else "ongegrond"
                self.plan(dag + timedelta(days=20), "bezwaar", nummer=nummer, regie=regie, uitkomst=uitkomst)
            return
        self._toekennen(dag, nummer, regie, bedrag=None)

    def _toekennen(self, dag: date, nummer: int, regie: str, bedrag: int | None) -> None:
        dienst = self.dienst(regie, dag)
        a = dienst.toon_aanvraag(nummer)
        w = dienst._wijk(a["wijk"], a["periode"])
        kosten: Bedrag = a["kosten"]
        beschikbaar = w.beschikbaar_voor(a["ontvangen"])  # Awb 4:27 lid 2
        if kosten > beschikbaar:
            if beschikbaar.centen > 0:  # art. 6 onder e, Awb 4:25 lid 2: refused to the extent it exceeds
                uit = dienst.ken_toe(
                    m.KenToe(
                        nummer=nummer,
                        bedrag=beschikbaar,
                        grond="e",
                        motivering=f"het subsidieplafond laat nog {beschikbaar} toe; de rest wordt geweigerd",
                        datum=dag,
                    )
                )
                self._na_toekenning(dag, uit, regie)
            else:
                dienst.weiger(
                    m.Weiger(
                        nummer=nummer, grond="e", motivering="het subsidieplafond van de wijk is bereikt", datum=dag
                    )
                )
                self.tellers["geweigerd"] += 1
            return
        start_voor = dag + timedelta(days=90) if nummer % 5 == 0 else None
        uit = dienst.ken_toe(m.KenToe(nummer=nummer, start_voor=start_voor, datum=dag))
        self._na_toekenning(dag, uit, regie)

    def _na_toekenning(self, dag: date, uit: dict[str, Any], regie: str) -> None:
        self.tellers["toegekend"] += 1
        self.plan(dag + timedelta(days=7), "bekendmaken", nummer=uit["aanvraag"], regie=regie)
        if dag > date(JAAR, 6, 30):  # a grant of the next budget year: only its payments, until June
            for v in uit["vouchers"]:
                self._plan_betalingen(dag, v["code"], v["bedrag"].centen, tot=date(JAAR + 1, 6, 20))
            return
        if uit["aanvraag"] % 9 == 0:
            self.plan(dag + timedelta(days=40), "wijziging", nummer=uit["aanvraag"], regie=regie)
        if uit["aanvraag"] % NIET_DOORGEGAAN == 0:  # the initiative will not take place after all (Awb 4:48)
            eerste = uit["vouchers"][0]
            self.plan(dag + timedelta(days=14), "verzilver", code=eerste["code"], bedrag=eerste["bedrag"].centen // 4)
            self.plan(dag + timedelta(days=30), "toekenning_intrekken", nummer=uit["aanvraag"], regie=regie)
            return
        for v in uit["vouchers"]:
            self._plan_betalingen(dag, v["code"], v["bedrag"].centen)
        if uit["aanvraag"] % LAGER_VASTGESTELD == 0:  # after the execution date: settled lower, claimed back
            codes = [v["code"] for v in uit["vouchers"]]
            self.plan(date(JAAR + 1, 1, 12), "lager_vaststellen", nummer=uit["aanvraag"], codes=codes, regie=regie)
            self.plan(date(JAAR + 1, 2, 9), "terugontvangen", nummer=uit["aanvraag"])

    def _lager_vaststellen(self, dag: date, nummer: int, codes: list[str], regie: str) -> None:
        from commands.vaststelling import StelVast, stel_vast

        dienst = self.dienst(regie, dag)
        betaald = sum(
            dienst.toon_voucher(c)["verzilverd"].centen + dienst.toon_voucher(c)["contant"].centen for c in codes
        )
        if betaald < 2:
            return
        motivering = "een deel van de bonnen betreft uitgaven buiten het initiatief (art. 8 lid 1)"
        bedrag = Bedrag.van_centen(betaald * 90 // 100)
        stel_vast(dienst, StelVast(nummer=nummer, bedrag=bedrag, grond="b", motivering=motivering, datum=dag))
        self.tellers["lager vastgesteld"] += 1

    def _terugontvangen(self, dag: date, nummer: int) -> None:
        from commands.vaststelling import OntvangTerug, ontvang_terug

        dienst = self.dienst(KASBEHEERDER, dag)
        openstaand = dienst.laad_aanvraag(nummer).openstaand
        if openstaand.centen:
            ontvang_terug(dienst, OntvangTerug(nummer=nummer, bedrag=openstaand, datum=dag))
            self.tellers["terugontvangen"] += 1

    def _toekenning_intrekken(self, dag: date, nummer: int, regie: str) -> None:
        from commands.nazorg import TrekToekenningIn, trek_toekenning_in

        motivering = "de initiatiefnemers hebben gemeld dat het initiatief niet doorgaat (art. 8 lid 2)"
        cmd = TrekToekenningIn(nummer=nummer, grond="a", motivering=motivering, datum=dag)
        trek_toekenning_in(self.dienst(regie, dag), cmd)
        self.tellers["toekenning ingetrokken"] += 1

    # --- verzending en bezwaar (Awb 3:41, 6:4-6:11, 7:10-7:12) ------------------------------
    def _verzenden(self, dag: date, nummer: int, regie: str) -> None:
        from commands.bezwaar import VerzendBesluit, verzend_besluit

        verzend_besluit(self.dienst(regie, dag), VerzendBesluit(nummer=nummer, datum=dag))
        self.tellers["verzonden"] += 1

    def _bezwaar(self, dag: date, nummer: int, regie: str, uitkomst: str) -> None:
        from commands.bezwaar import DienBezwaarIn, dien_bezwaar_in

        omschrijving = "de initiatiefnemers wijzen op de steun in de buurt en een aangepaste planning"
        cmd = DienBezwaarIn(nummer=nummer, ontvangen=dag, omschrijving=omschrijving, datum=dag)
        b = dien_bezwaar_in(self.dienst(regie, dag), cmd)["bezwaar"]
        self.tellers["bezwaar"] += 1
        self.plan(
            dag + timedelta(days=28), "op_bezwaar_beslissen", bezwaar=b, nummer=nummer, regie=regie, uitkomst=uitkomst
        )

    def _op_bezwaar_beslissen(self, dag: date, bezwaar: int, nummer: int, regie: str, uitkomst: str) -> None:
        from commands.bezwaar import BeslisBezwaar, beslis_bezwaar

        motivering = (
            "na de hoorzitting blijkt het initiatief wel haalbaar: het besluit wordt herroepen"
            if uitkomst == "gegrond"
            else "de planning blijft onhaalbaar; het besluit blijft in stand"
        )
        cmd = m.maak(BeslisBezwaar, bezwaar=bezwaar, uitkomst=uitkomst, motivering=motivering, datum=dag)
        beslis_bezwaar(self.dienst(COLLEGE, dag), cmd)
        self.plan(dag + timedelta(days=1), "verzenden", nummer=nummer, regie=COLLEGE)
        if uitkomst == "gegrond":
            self.plan(dag + timedelta(days=3), "toekennen", nummer=nummer, regie=regie, bedrag=None)

    def _bekendmaken(self, dag: date, nummer: int, regie: str) -> None:
        self.dienst(regie, dag).maak_bekend(m.MaakBekend(nummer=nummer, datum=dag))

    def _wijziging(self, dag: date, nummer: int, regie: str) -> None:
        self.dienst(regie, dag).meld_wijziging(
            m.MeldWijziging(nummer=nummer, omschrijving="de uitvoering schuift twee maanden op", datum=dag)
        )

    def _plan_betalingen(self, dag: date, code: str, waarde: int, tot: date = date(JAAR, 12, 20)) -> None:
        te_besteden = waarde * self.rng.choice([100, 100, 95, 80, 60]) // 100
        dag = dag + timedelta(days=self.rng.randint(10, 40))
        if self.twee_jaren and tot.year == JAAR and te_besteden > 100_00 and self.rng.randrange(100) < 6:
            # the last invoice, for work done in December, arrives in January (the betaaltermijn)
            laatste = min(te_besteden, 100_00)
            self.plan(date(JAAR + 1, 1, self.rng.randint(5, 25)), "na_uitvoering", code=code, bedrag=laatste,
                      factuurdatum=date(JAAR, 12, self.rng.randint(15, 31)))  # fmt: skip
            te_besteden -= laatste
        while te_besteden > 0 and dag <= tot:
            if self.rng.randrange(100) < 20:
                bedrag = min(te_besteden, self.rng.choice([200_00, 350_00, 500_00]))
                self.plan(dag, "contant", code=code, bedrag=bedrag)
            else:
                bedrag = min(te_besteden, self.rng.randint(150_00, max(150_00, waarde // 2)))
                self.plan(dag, "verzilver", code=code, bedrag=bedrag)
                if self.rng.randrange(100) < 5:
                    self.plan(dag, "betaling_weigeren", code=code, bedrag=bedrag)
            te_besteden -= bedrag
            dag += timedelta(days=self.rng.randint(7, 45))

    def _verzilver(self, dag: date, code: str, bedrag: int) -> None:
        self.factuurnummer += 1
        leverancier, factuur = self.rng.choice(LEVERANCIERS), f"{JAAR}-{self.factuurnummer}"
        # Now and then the kasbeheerder types the amount wrong (ten percent too much) and corrects it.
        verkeerd = self.factuurnummer % VERKEERD_GEBOEKT == 0 and bedrag >= 100_00
        geboekt = bedrag + bedrag // 10 if verkeerd else bedrag
        try:
            self._betaal(dag, code, geboekt, leverancier, factuur)
        except RestantOntoereikend:
            verkeerd = False
            self._betaal(dag, code, bedrag, leverancier, factuur)
        self.tellers["betaling"] += 1
        if verkeerd:
            nummer = self._laatste(g.VoucherVerzilverd, code)
            self.plan(dag + timedelta(days=2), "corrigeren", code=code, nummer=nummer, bedrag=bedrag, factuur=factuur)
            self.facturen[factuur] = leverancier

    def _betaal(self, dag: date, code: str, bedrag: int, leverancier: str, factuur: str) -> None:
        self.dienst(KASBEHEERDER, dag).verzilver(
            m.Verzilver(
                code=code, bedrag=Bedrag.van_centen(bedrag), leverancier=leverancier, factuur=factuur, datum=dag
            )
        )

    def _laatste(self, soort: type, code: str) -> int:
        """The number in the log of the newest event of this kind on voucher `code` (just saved)."""
        laatste = self.app.recorder.max_notification_id() or 0
        voucher_id = ids.voucher_id(code)
        return max(
            nummer
            for nummer, e in self.app.genummerd(start=max(1, laatste - 5))
            if isinstance(e, soort) and getattr(e, "originator_id", None) == voucher_id
        )

    def _corrigeren(self, dag: date, code: str, nummer: int, bedrag: int, factuur: str) -> None:
        """Storno of the wrong amount, then the same invoice booked again for the right one."""
        from commands.nazorg import CorrigeerBetaling, corrigeer_betaling

        reden = "bedrag verkeerd overgenomen van de factuur"
        corrigeer_betaling(
            self.dienst(KASBEHEERDER, dag), CorrigeerBetaling(code=code, gebeurtenis=nummer, reden=reden, datum=dag)
        )
        self.tellers["correctie"] += 1
        self._betaal(dag, code, bedrag, self.facturen.pop(factuur), factuur)

    def _contant(self, dag: date, code: str, bedrag: int) -> None:
        dienst = self.dienst(KASBEHEERDER, dag)
        maximum = dienst.gemeente().regeling_op(dag).contant_max.centen  # the version in force that day
        dienst.neem_contant_op(m.NeemContantOp(code=code, bedrag=Bedrag.van_centen(min(bedrag, maximum)), datum=dag))
        self.tellers["betaling"] += 1

    def _betaling_weigeren(self, dag: date, code: str, bedrag: int) -> None:
        self.dienst(KASBEHEERDER, dag).weiger_betaling(
            m.WeigerBetaling(
                code=code,
                bedrag=Bedrag.van_centen(bedrag),
                reden="de factuur betreft privé-aankopen, niet het initiatief",
                datum=dag,
            )
        )
