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
the college decides one aanvraag itself (art. 5, Awb 10:7).
Every act goes through the same application service as the command line, in business-date
order, under simulated users; the same seed gives the same year.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
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

DUBBEL = 8  # per wijk the 9th aanvraag is entered twice; the copy is withdrawn (art. 4)
NIET_AANGEVULD = 17  # per wijk the 3rd incomplete aanvraag is never completed (Awb 4:5)
NIET_DOORGEGAAN = 23  # every 23rd aanvraag granted does not take place: the grant is withdrawn (Awb 4:48)
LAGER_VASTGESTELD = 19  # every 19th aanvraag granted is vastgesteld lower, claimed back and paid back (Awb 4:46, 4:57)
VERKEERD_GEBOEKT = 37  # every 37th invoice is first booked with a wrong amount, then corrected (storno)
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


def vul(app: VoucherLedger, omvang: int = 1, zaad: int = 2025) -> str:
    """Fill an empty store with the simulated year; returns a one-paragraph report."""
    bestaand = _gemeente(app)
    if bestaand is not None:
        if bestaand.naam == GEMEENTE:
            return "De demo-opslag was al gevuld; hieronder het saldo."
        raise RegelOvertreden(
            f"de opslag bevat al de administratie van {bestaand.naam}: kies voor de demo een andere --database",
            artikel="art. 2",
        )
    sim = _Simulatie(app, omvang, random.Random(zaad))  # noqa: S311 - a simulation, not a secret
    sim.speel()
    return (
        f"Demo: gemeente {GEMEENTE}, {len(sim.wijken)} wijken, {sim.tellers['aanvraag']} aanvragen, "
        f"{sim.tellers['toegekend']} toegekend, {sim.tellers['geweigerd']} geweigerd, "
        f"{sim.tellers['ingetrokken']} ingetrokken, {sim.tellers['buiten behandeling']} buiten behandeling, "
        f"{sim.tellers['toekenning ingetrokken']} toekenning(en) ingetrokken, "
        f"{sim.tellers['lager vastgesteld']} lager vastgesteld (teruggevorderd, {sim.tellers['terugontvangen']} "
        "terugontvangen), "
        f"{sim.tellers['betaling']} betalingen, {sim.tellers['correctie']} gecorrigeerd, in {JAAR}."
    )


def _gemeente(app: VoucherLedger) -> Gemeente | None:
    from eventsourcing.application import AggregateNotFoundError

    try:
        g: object = app.repository.get(ids.gemeente_id())
    except AggregateNotFoundError:
        return None
    return g if isinstance(g, Gemeente) else None


class _Simulatie:
    def __init__(self, app: VoucherLedger, omvang: int, rng: random.Random) -> None:
        self.app = app
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
            ),
            0,
        )
        self.factuurnummer = 1000
        self.facturen: dict[str, str] = {}  # invoice -> supplier, of the payments to be corrected

    def dienst(self, gebruiker: str, datum: date) -> Dienst:
        return Dienst(self.app, gebruiker, vandaag=datum)

    def plan(self, datum: date, wat: str, rang: tuple[int, ...] = (), **gegevens: Any) -> None:
        self.volgnummer += 1
        heapq.heappush(self.agenda, Handeling(datum, rang, self.volgnummer, wat, gegevens))

    def speel(self) -> None:
        begin = date(JAAR, 1, 2)
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
        while self.agenda:
            handeling = heapq.heappop(self.agenda)
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

    def _bekendmaken(self, dag: date, nummer: int, regie: str) -> None:
        self.dienst(regie, dag).maak_bekend(m.MaakBekend(nummer=nummer, datum=dag))

    def _wijziging(self, dag: date, nummer: int, regie: str) -> None:
        self.dienst(regie, dag).meld_wijziging(
            m.MeldWijziging(nummer=nummer, omschrijving="de uitvoering schuift twee maanden op", datum=dag)
        )

    def _plan_betalingen(self, dag: date, code: str, waarde: int) -> None:
        te_besteden = waarde * self.rng.choice([100, 100, 95, 80, 60]) // 100
        dag = dag + timedelta(days=self.rng.randint(10, 40))
        while te_besteden > 0 and dag <= date(JAAR, 12, 20):
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
        self.dienst(KASBEHEERDER, dag).neem_contant_op(
            m.NeemContantOp(code=code, bedrag=Bedrag.van_centen(bedrag), datum=dag)
        )
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
