"""The application service: load, decide, save, for every act of the verordening.

Each write method loads the aggregates it needs, lets them decide (they raise the rule's
error), and saves every new event in one transaction. A concurrent change (eventsourcing's
IntegrityError on the version key) means another writer won the race: reload and decide
again, a bounded number of times, then give up with `Conflict`. A request that changes
nothing because it was done already returns the original result and writes nothing.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import get_topic

from commands import budgetjaren
from commands import resultaten as r
from commands.lezen import Lezingen, aanvraagstand
from commands.opslag import VoucherLedger, is_opslagfout, lees_opslag, opslagfout
from commands.sleutels import Sleutelopslag, sleutels_van
from commands.uitvoer import json_waarde
from ledger import gebeurtenissen, ids, namens, regels
from ledger import persoonsgegevens as pg
from ledger.aanvraag import Aanvraag
from ledger.bewaartermijnen import Bewaartermijn, bewaartermijn
from ledger.datum import formatteer_datum
from ledger.fouten import (
    Conflict,
    FactuurAlGeboekt,
    GeenMandaat,
    NietGevonden,
    OngeldigeInvoer,
    OngeldigeToestand,
    OpslagOnbeschikbaar,
    RegelOvertreden,
)
from ledger.geld import Bedrag
from ledger.gemeente import BESLISSERS, Gemeente
from ledger.regels import art_4_lid_4_volgorde
from ledger.status import Status
from ledger.verzoek import Verzoek
from ledger.voucher import Factuur, Voucher
from ledger.vouchercode import maak_code, parse_code
from ledger.wijk import Wijk

if TYPE_CHECKING:  # the command models (pydantic) are only types here; reads never import pydantic
    from commands import modellen as m

R = TypeVar("R")
A = TypeVar("A", bound=Aggregate)
Besluit = tuple[list[Aggregate], R]

MAX_POGINGEN = 25
CONTANT = "(contant)"  # the 'supplier' of a cash receipt in the invoice register
VERZILVER, CONTANT_OPNEMEN = "verzilver", "contant"  # art. 9 lid 3 onder a and onder b
STANDAARD_AANVULTERMIJN = timedelta(weeks=2)  # Awb 4:5: a reasonable term


@dataclass(frozen=True, slots=True)
class Betaalopdracht:
    """One payment as the kasbeheerder presents it: an invoice (art. 9 lid 3 onder a) or cash (onder b)."""

    soort: str  # VERZILVER or CONTANT_OPNEMEN
    bedrag: Bedrag
    leverancier: str | None  # the supplier of an invoice; None for cash
    factuur: str | None  # the invoice number; for cash the receipt number (kwitantie), if any
    factuurdatum: date | None = None  # the invoice's date (art. 5 lid 8 and the betaaltermijn); None for cash

    @property
    def register(self) -> tuple[str, str] | None:
        """The key in the invoice register, or None for cash without a receipt number."""
        if self.soort == VERZILVER:
            return (self.leverancier or "", self.factuur or "")
        return (CONTANT, self.factuur) if self.factuur else None


class Dienst(Lezingen):
    """One acting user against one store."""

    def __init__(
        self, app: VoucherLedger, gebruiker: str, vandaag: date | None = None, sleutel: str | None = None
    ) -> None:
        self.app = app
        self.gebruiker = gebruiker
        self.vandaag = vandaag or date.today()
        self.sleutel = sleutel  # the caller's idempotency key (--sleutel), for the next write
        # On PostgreSQL the command line sets commands.rechten.Databaserechten: a login's group
        # role follows its mandates (GRANT/REVOKE in the transaction of the mandate's event).
        self.databaserechten: Any = None
        self._ook_uitvoeren: list[Any] = []
        self._vrije_facturen: dict[UUID, Factuur] = {}  # per attempt: invoices freed by a correction
        # What the last act did, for the words of its answer: nothing changed (an identical repeat),
        # or the --sleutel was used before (its first answer is the answer).
        self.niets_veranderd = False
        self.herhaald_verzoek: Verzoek | None = None

    # === plumbing: the public core the area modules use (commands/periode.py, nazorg.py) ===
    # datum, voer_uit, laad, laad_wijk, laad_aanvraag, laad_voucher, eis_regie; no other module
    # uses a private name of this one (tests/architectuur/test_geen_private_namen.py).
    def datum(self, datum: date | None) -> date:
        """The business date of an act: today by default, never in the future."""
        if datum is None:
            return self.vandaag
        if datum > self.vandaag:
            raise OngeldigeInvoer(f"de datum {formatteer_datum(datum)} ligt in de toekomst")
        return datum

    def voer_uit(
        self, beslis: Callable[[], Besluit[R]], cmd: Any = None, resultaat: type[r.Resultaat] | None = None
    ) -> R:
        """Decide and save atomically; on a lost race decide again, bounded.

        With a sleutel, the key is recorded in the same transaction, so a retried command
        answers with the first result (read back as `resultaat`) and acts once."""
        handeling = beslis

        def beslis_en_onthoud() -> Besluit[R]:
            nieuw, uitkomst = handeling()
            self.niets_veranderd = not nieuw
            return nieuw, uitkomst

        beslis = beslis_en_onthoud
        if self.sleutel and cmd is not None:
            beslis = self._met_sleutel(beslis, self.sleutel, cmd, resultaat)
        for poging in range(MAX_POGINGEN):
            try:
                self._ook_uitvoeren = []
                self._vrije_facturen = {}
                nieuw, uitkomst = beslis()
                if nieuw:
                    self.app.save(*nieuw, **({"ook_uitvoeren": self._ook_uitvoeren} if self._ook_uitvoeren else {}))
                elif self._ook_uitvoeren:  # a repeated mandate: only the database privilege is brought in line
                    self.databaserechten.voer_uit(self._ook_uitvoeren)
                return uitkomst
            except IntegrityError:
                # Another writer saved first: back off with jitter so racing writers spread out.
                time.sleep(random.randint(0, 5 * 2 ** min(poging, 6)) / 1000)  # noqa: S311 - jitter, not crypto
            except Exception as e:  # as lees_opslag: a store error becomes exit 5, anything else passes
                if is_opslagfout(e):
                    raise opslagfout(e) from None
                raise
        raise Conflict(f"de opdracht botste {MAX_POGINGEN} keer met gelijktijdige wijzigingen; probeer het opnieuw")

    def _met_sleutel(
        self, beslis: Callable[[], Besluit[R]], sleutel: str, cmd: Any, resultaat: type[r.Resultaat] | None
    ) -> Callable[[], Besluit[R]]:
        opdracht = type(cmd).__name__
        inhoud = hashlib.sha256(cmd.model_dump_json().encode("utf-8")).hexdigest()

        def met_sleutel() -> Besluit[R]:
            eerder = self.laad(Verzoek, Verzoek.create_id(sleutel), wijzigen=False)
            if eerder is not None:  # the first answer, as recorded, read back into its type
                self.herhaald_verzoek = eerder
                vastgelegd = eerder.herhaling(opdracht, inhoud, self.gebruiker)
                return [], (resultaat.uit_json(vastgelegd) if resultaat else vastgelegd)  # type: ignore[return-value]
            nieuw, uitkomst = beslis()
            verzoek = Verzoek(
                sleutel=sleutel,
                opdracht=opdracht,
                inhoud=inhoud,
                uitkomst=json.loads(json.dumps(uitkomst, default=json_waarde)),
                datum=self.vandaag,
                gebruiker=self.gebruiker,
            )
            return [*nieuw, verzoek], uitkomst

        return met_sleutel

    def _lees(self, lezer: Callable[[], R]) -> R:
        return lees_opslag(lezer)

    @property
    def sleutels(self) -> Sleutelopslag:
        """The key table of the personal data (commands/sleutels.py)."""
        return sleutels_van(self.app)

    def laad(self, cls: type[A], aggregate_id: UUID, *, wijzigen: bool = True) -> A | None:
        """Load an aggregate. Only what this command may change is copied out of the cache,
        so that a refused act leaves the cached aggregate untouched."""
        try:
            agg: Aggregate = self.app.repository.get(aggregate_id, deepcopy_from_cache=wijzigen)
        except AggregateNotFoundError:
            return None
        if not isinstance(agg, cls):
            raise OpslagOnbeschikbaar(f"onverwacht soort gegevens onder {aggregate_id}")
        return agg

    def gemeente(self, *, wijzigen: bool = True) -> Gemeente:
        """The gemeente; like `laad`, a copy unless the caller says it changes nothing (`wijzigen=False`)."""
        g = self.laad(Gemeente, ids.gemeente_id(), wijzigen=wijzigen)
        if g is None:
            raise OpslagOnbeschikbaar("de vouchersadministratie is niet ingericht: voer eerst 'voucher init' uit")
        return g

    def laad_wijk(self, code: str, periode: int) -> Wijk:
        w = self.laad(Wijk, ids.wijk_id(code, periode))
        if w is None:
            raise self.niet_aangewezen(code, periode)
        return w

    def niet_aangewezen(self, code: str, periode: int) -> NietGevonden:
        """A wijk that is not designated (a typing error, mostly): says which codes are (exit 3)."""
        codes = sorted({(e.code, e.periode) for e in self.gebeurtenissen([gebeurtenissen.WijkAangewezen])})
        in_periode = [c for c, p in codes if p == periode]
        bekend = in_periode or sorted({c for c, _ in codes})
        lijkt = difflib.get_close_matches(code, bekend, n=1)
        hint = f"; bedoelt u {lijkt[0]}?" if lijkt and lijkt[0] != code else ""
        wel = (f"aangewezen voor {periode}: " if in_periode else "aangewezen: ") + ", ".join(bekend) if bekend else ""
        return NietGevonden(
            f"wijk {code} is niet aangewezen voor {periode}" + (f" ({wel}{hint})" if wel else ""),
            wijk=code,
            periode=periode,
        )

    def laad_aanvraag(self, nummer: int) -> Aanvraag:
        a = self.laad(Aanvraag, ids.aanvraag_id(nummer)) if nummer > 0 else None
        if a is None:
            raise NietGevonden(f"aanvraag {nummer} bestaat niet", aanvraag=nummer)
        return a

    def laad_voucher(self, tekst: str) -> Voucher:
        code = maak_code(*parse_code(tekst))
        v = self.laad(Voucher, ids.voucher_id(code))
        if v is None:
            raise NietGevonden(f"voucher {code} is nooit verstrekt", voucher=code)
        return v

    def laad_vouchers_van(self, a: Aanvraag) -> list[Voucher]:
        """The vouchers issued on the grant of aanvraag `a` (none when it was not granted)."""
        return [self.laad_voucher(v["code"]) for v in (a.besluit or {}).get("vouchers", [])]

    @staticmethod
    def _eis_in_werking(g: Gemeente, datum: date) -> None:
        if datum < g.regeling.inwerkingtreding:
            raise RegelOvertreden(
                f"de verordening treedt pas in werking op {formatteer_datum(g.regeling.inwerkingtreding)}",
                artikel="art. 10 lid 1",
            )

    def eis_regie(self, g: Gemeente, wijk: str, datum: date, ook_college: bool = True) -> dict[str, Any]:
        """Art. 5 "het college of de regiegroep": the college decides on any aanvraag of any wijk
        (Awb 10:7: it keeps its power when it mandates), the regiegroep or the ambtenaar with its
        mandate (toelichting art. 2 lid 6) on those of its wijk; art. 4 lid 1: an aanvraag may be
        handed to the college too. `ook_college` says whose mandate goes first when the user holds
        both: the college's (registering, the acts after the grant) or the wijk's (the decisions).

        Returns the mandate held, as a decision records it (Awb 10:10, ledger/namens.py)."""
        college = g.heeft_mandaat(self.gebruiker, "college", None, datum)
        if ook_college and college:
            return namens.mandaat("college", None)
        rol = g.beslist_in(self.gebruiker, wijk, datum)
        if rol is not None:
            return namens.mandaat(rol, wijk, g.mandaatbesluit(self.gebruiker, rol, wijk))
        if college:
            return namens.mandaat("college", None)
        g.eis_na_inrichting(datum)  # before `init --datum`: what to do (coherent dates)
        vanaf = g.later_mandaat(self.gebruiker, (*BESLISSERS, "college"), wijk, datum)
        pas = f": het mandaat geldt pas vanaf {formatteer_datum(vanaf)}" if vanaf else ""
        raise GeenMandaat(
            f"{self.gebruiker} heeft op {formatteer_datum(datum)} geen mandaat als regiegroep of ambtenaar voor wijk "
            f"{wijk}, of als college{pas}",
            artikel="art. 2 lid 6, art. 5",
            gebruiker=self.gebruiker,
            rol="regiegroep",
            wijk=wijk,
            datum=datum,
        )

    # === college: inrichten, mandaten, wijken ============================================
    def richt_in(self, cmd: m.Inrichten) -> r.Inrichting:
        datum = self.datum(cmd.datum)

        self._lees(self.sleutels.richt_in)  # the key table of the personal data; changes nothing if it exists

        def beslis() -> Besluit[r.Inrichting]:
            bestaand = self.laad(Gemeente, ids.gemeente_id())
            if bestaand is not None:
                if bestaand.naam == cmd.gemeente and bestaand.regeling == cmd.regeling:
                    return [], r.Inrichting(bestaand.naam, bestaand.regeling, nieuw=False)
                raise RegelOvertreden(
                    f"deze administratie is al ingericht voor gemeente {bestaand.naam}", artikel="art. 2"
                )
            g = Gemeente(naam=cmd.gemeente, regeling=cmd.regeling.naar_dict(), datum=datum, gebruiker=self.gebruiker)
            g.geef_mandaat(self.gebruiker, "college", None, datum, self.gebruiker)
            return [g], r.Inrichting(g.naam, g.regeling, nieuw=True)

        return self.voer_uit(beslis, cmd, r.Inrichting)

    def geef_mandaat(self, cmd: m.GeefMandaat) -> r.MandaatGegeven:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.MandaatGegeven]:
            g = self.gemeente(wijzigen=True)
            g.eis_mandaat(self.gebruiker, "college", None, datum)
            nieuw = g.geef_mandaat(
                cmd.aan, cmd.rol, cmd.wijk, datum, self.gebruiker, naam=cmd.naam, besluit=cmd.besluit
            )
            self._volg_mandaat(g, cmd.aan, cmd.rol, gegeven=True)
            uit = r.MandaatGegeven(
                cmd.aan,
                cmd.rol,
                cmd.wijk,
                datum,
                nieuw,
                g.weergavenaam(cmd.aan),
                g.mandaatbesluit(cmd.aan, cmd.rol, cmd.wijk),
            )
            return ([g] if nieuw else []), uit

        return self.voer_uit(beslis, cmd, r.MandaatGegeven)

    def trek_mandaat_in(self, cmd: m.TrekMandaatIn) -> r.MandaatIngetrokken:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.MandaatIngetrokken]:
            g = self.gemeente(wijzigen=True)
            g.eis_mandaat(self.gebruiker, "college", None, datum)
            g.trek_mandaat_in(cmd.aan, cmd.rol, cmd.wijk, datum, self.gebruiker)
            self._volg_mandaat(g, cmd.aan, cmd.rol, gegeven=False)
            return [g], r.MandaatIngetrokken(cmd.aan, cmd.rol, cmd.wijk, datum)

        return self.voer_uit(beslis, cmd, r.MandaatIngetrokken)

    def _volg_mandaat(self, g: Gemeente, aan: str, rol: str, *, gegeven: bool) -> None:
        """The database privilege follows the mandate as it holds today (not at --datum)."""
        if self.databaserechten is not None:
            self._ook_uitvoeren = self.databaserechten.volg_mandaat(g, aan, rol, self.vandaag, gegeven=gegeven)

    def wijs_wijk_aan(self, cmd: m.WijsWijkAan) -> r.Wijkstand:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Wijkstand]:
            g = self.gemeente(wijzigen=False)
            g.eis_mandaat(self.gebruiker, "college", None, datum)
            self._eis_in_werking(g, datum)
            r = g.regeling_op(datum)  # the version in force on the day of the designation
            if cmd.periode < g.regeling.inwerkingtreding.year:
                raise RegelOvertreden(
                    f"de verordening geldt vanaf {g.regeling.inwerkingtreding.year}, niet voor {cmd.periode}",
                    artikel="art. 10",
                )
            reserve = _uitvoeringskosten(cmd)
            plafond = cmd.plafond if cmd.plafond is not None else cmd.budget - reserve
            verstrekken_tot, uitvoeren_tot = budgetjaren.data_van_de_wijk(
                r, cmd.periode, cmd.verstrekken_tot, cmd.uitvoeren_tot
            )
            bestaand = self.laad(Wijk, ids.wijk_id(cmd.code, cmd.periode))
            if bestaand is not None:
                gelijk = (bestaand.naam, bestaand.budget, bestaand.uitvoeringskosten, bestaand.plafond) == (
                    cmd.naam,
                    cmd.budget,
                    reserve,
                    plafond,
                )
                if gelijk:
                    return [], wijk_uitkomst(bestaand)
                raise RegelOvertreden(
                    f"wijk {cmd.code} is al aangewezen voor {cmd.periode}; wijzig het plafond met 'voucher wijk plafond'",
                    artikel="art. 2 lid 1",
                )
            w = Wijk(
                code=cmd.code,
                naam=cmd.naam,
                periode=cmd.periode,
                budget=cmd.budget,
                verstrekken_tot=verstrekken_tot,
                uitvoeren_tot=uitvoeren_tot,
                datum=datum,
                gebruiker=self.gebruiker,
            )
            if reserve.centen:
                w.reserveer_uitvoeringskosten(reserve, r.uitvoeringskosten_max_procent, datum, self.gebruiker)
            w.stel_plafond_vast(plafond, datum, self.gebruiker)
            return [w], wijk_uitkomst(w)

        return self.voer_uit(beslis, cmd, r.Wijkstand)

    def stel_plafond_vast(self, cmd: m.StelPlafondVast) -> r.Wijkstand:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Wijkstand]:
            g = self.gemeente(wijzigen=False)
            w = self.laad_wijk(cmd.code, cmd.periode)
            g.eis_mandaat(self.gebruiker, "college", None, datum)
            if w.plafond == cmd.plafond:
                return [], wijk_uitkomst(w)
            w.stel_plafond_vast(cmd.plafond, datum, self.gebruiker)
            return [w], wijk_uitkomst(w)

        return self.voer_uit(beslis, cmd, r.Wijkstand)

    # === aanvragen (art. 4) ===========================================================
    def dien_in(self, cmd: m.DienAanvraagIn) -> r.Aanvraagstand:
        # Registered with only --ontvangen: recorded on that date (the paper's own day), not on the day it was typed.
        datum = self.datum(cmd.datum if cmd.datum is not None else cmd.ontvangen)
        ontvangen = self.datum(cmd.ontvangen) if cmd.ontvangen else datum
        regels.samenhangende_data(datum, ontvangen, "de ontvangst (--ontvangen)", handeling="de registratie")

        def beslis() -> Besluit[r.Aanvraagstand]:
            g = self.gemeente(wijzigen=True)
            # a mistyped wijk is not found (exit 3), before the mandate; without --periode the budget year
            # open for grants on the date of receipt, else the next designated one (commands/budgetjaren.py)
            w = self.laad_wijk(cmd.wijk, cmd.periode) if cmd.periode else budgetjaren.kies(self, cmd.wijk, ontvangen)
            self.eis_regie(g, cmd.wijk, datum, ook_college=True)
            self._eis_in_werking(g, ontvangen)
            regels.samenhangende_data(
                datum, w.aangewezen_op, f"de aanwijzing van wijk {w.code}", handeling="de registratie"
            )
            nummer = g.registreer_aanvraag(cmd.wijk, w.periode, datum, self.gebruiker)
            aanvraag_id = ids.aanvraag_id(nummer)
            sleutel = self.sleutels.maak_of_haal(aanvraag_id)  # committed before the events (commands/sleutels.py)
            a = Aanvraag(
                nummer=nummer,
                wijk=w.code,
                periode=w.periode,
                ontvangen=ontvangen,
                persoon=pg.verzegel(_persoon(cmd, ondertekend=bool(cmd.ondertekend)), sleutel, aanvraag_id),
                gegevens=_gegevens(cmd),
                datum=datum,
                gebruiker=self.gebruiker,
            )
            nieuw: list[Aggregate] = [g, a]
            if a.status == "ingediend":
                w.neem_in_behandeling(nummer, ontvangen, datum, self.gebruiker)
                nieuw.append(w)
            return nieuw, self._aanvraag_uitkomst(a, g)

        return self.voer_uit(beslis, cmd, r.Aanvraagstand)

    def vraag_aanvulling(self, cmd: m.VraagAanvulling) -> r.AanvullingGevraagd:
        datum = self.datum(cmd.datum)
        termijn = cmd.termijn or datum + STANDAARD_AANVULTERMIJN

        def beslis() -> Besluit[r.AanvullingGevraagd]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            mandaat = self.eis_regie(g, a.wijk, datum, ook_college=False)
            w = self.laad_wijk(a.wijk, a.periode)
            a.vraag_aanvulling(cmd.wat, termijn, datum, self.gebruiker, mandaat=mandaat)
            w.haal_uit_wachtrij(a.nummer, "aanvulling gevraagd", datum, self.gebruiker)
            return [a, w], r.AanvullingGevraagd(**self._aanvraag_uitkomst(a, g).__dict__, termijn=termijn)

        return self.voer_uit(beslis, cmd, r.AanvullingGevraagd)

    def vul_aan(self, cmd: m.VulAanvraagAan) -> r.Aanvraagstand:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Aanvraagstand]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            self.eis_regie(g, a.wijk, datum, ook_college=True)
            versie = a.version
            persoon = self._verzegel_aanvulling(a, _persoon(cmd, ondertekend=cmd.ondertekend))
            werd_volledig = a.vul_aan(persoon, _gegevens(cmd), datum, self.gebruiker)
            if a.version == versie:
                return [], self._aanvraag_uitkomst(a, g)
            nieuw: list[Aggregate] = [a]
            if werd_volledig:
                w = self.laad_wijk(a.wijk, a.periode)
                w.neem_in_behandeling(a.nummer, datum, datum, self.gebruiker)
                nieuw.append(w)
            return nieuw, self._aanvraag_uitkomst(a, g)

        return self.voer_uit(beslis, cmd, r.Aanvraagstand)

    def _verzegel_aanvulling(self, a: Aanvraag, persoon: dict[str, Any]) -> dict[str, Any]:
        """Seal the personal items that change; the ones equal to what the aanvraag holds are left out."""
        gegeven = {k: v for k, v in persoon.items() if v is not None}
        if not gegeven or a.vernietigd is not None:
            return gegeven  # nothing to seal, or destroyed: the aanvraag refuses it
        sleutel = self.sleutels.maak_of_haal(a.id)
        huidig = pg.ontsleutel({k: a.persoon.get(k) for k in gegeven}, sleutel, a.id)
        return pg.verzegel({k: v for k, v in gegeven.items() if huidig.get(k) != v}, sleutel, a.id)

    def _aanvraag_uitkomst(self, a: Aanvraag, g: Gemeente) -> r.Aanvraagstand:
        return aanvraagstand(a, g)

    # === beslissen (art. 5 en 6) =========================================================
    def ken_toe(self, cmd: m.KenToe) -> r.Toekenning:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Toekenning]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            mandaat = self.eis_regie(g, a.wijk, datum, ook_college=False)
            if a.status == "toegekend" and a.besluit is not None:
                return [], self._herhaalde_toekenning(a, cmd)
            a.eis_beslisbaar("toekennen")
            w = self.laad_wijk(a.wijk, a.periode)
            r = g.regeling_op(datum)
            bedrag = cmd.bedrag if cmd.bedrag is not None else a.kosten
            if bedrag is None:  # a complete aanvraag has a kostenraming (art. 4 lid 2 onder c)
                raise OngeldigeToestand(f"aanvraag {a.nummer} heeft geen kostenraming", artikel="art. 4 lid 2 onder c")
            art_4_lid_4_volgorde(a.nummer, w.eerder_aan_de_beurt(a.nummer), cmd.buiten_volgorde)
            vouchers = a.verdeel(bedrag, cmd.vouchers, r.max_voucherwaarde)
            na_bezwaar = (a.heropend or {}).get("bezwaar")  # Awb 7:11: after a herroeping (art. 5 lid 8 below)
            a.ken_toe(
                bedrag,
                vouchers,
                r.raadplegingsdrempel,
                w.beschikbaar_voor(a.ontvangen),  # Awb 4:27 lid 2: the plafond of its receipt
                datum,
                self.gebruiker,
                start_voor=cmd.start_voor,
                grond=cmd.grond,
                motivering=cmd.motivering,
                buiten_volgorde=cmd.buiten_volgorde,
                mandaat=mandaat,
            )
            if cmd.start_voor is not None and cmd.start_voor > w.uitvoeren_tot:
                raise OngeldigeInvoer("--start-voor ligt na de datum waarop het initiatief uitgevoerd moet zijn")
            w.leg_vast(a.nummer, bedrag, datum, self.gebruiker, ontvangen=a.ontvangen, na_bezwaar=na_bezwaar)
            nieuw: list[Aggregate] = [a, w]
            for v in vouchers:
                nieuw.append(
                    Voucher(
                        code=v["code"],
                        aanvraag=a.nummer,
                        wijk=w.code,
                        periode=w.periode,
                        waarde=v["bedrag"],
                        uitvoeren_tot=w.uitvoeren_tot,
                        datum=datum,
                        gebruiker=self.gebruiker,
                    )
                )
            return nieuw, _toekenning_uitkomst(a)

        return self.voer_uit(beslis, cmd, r.Toekenning)

    @staticmethod
    def _herhaalde_toekenning(a: Aanvraag, cmd: m.KenToe) -> r.Toekenning:
        besluit = a.besluit or {}
        zelfde = (cmd.bedrag is None or cmd.bedrag == besluit["bedrag"]) and (
            cmd.vouchers is None or cmd.vouchers == len(besluit["vouchers"])
        )
        if not zelfde:
            raise OngeldigeToestand(
                f"aanvraag {a.nummer} is al toegekend op {formatteer_datum(besluit['datum'])} voor {besluit['bedrag']}",
                artikel="art. 5",
            )
        return _toekenning_uitkomst(a)

    def weiger(self, cmd: m.Weiger) -> r.Weigering:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Weigering]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            mandaat = self.eis_regie(g, a.wijk, datum, ook_college=False)
            uitkomst = r.Weigering(a.nummer, cmd.grond, Status.GEWEIGERD)
            if a.status == "geweigerd" and a.besluit and a.besluit.get("grond") == cmd.grond:
                if a.besluit.get("motivering") == cmd.motivering:
                    return [], uitkomst
            w = self.laad_wijk(a.wijk, a.periode)
            a.weiger(cmd.grond, cmd.motivering, w.beschikbaar_voor(a.ontvangen), datum, self.gebruiker, mandaat=mandaat)
            w.haal_uit_wachtrij(a.nummer, "geweigerd", datum, self.gebruiker)
            return [a, w], uitkomst

        return self.voer_uit(beslis, cmd, r.Weigering)

    def verklaar_geschikt(self, cmd: m.VerklaarGeschikt) -> r.Geschikt:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Geschikt]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            mandaat = self.eis_regie(g, a.wijk, datum, ook_college=False)
            if a.status == "geschikt":
                return [], r.Geschikt(a.nummer, a.status)
            w = self.laad_wijk(a.wijk, a.periode)
            a.verklaar_geschikt(g.regeling_op(datum).raadplegingsdrempel, datum, self.gebruiker, mandaat=mandaat)
            w.haal_uit_wachtrij(a.nummer, "naar wijkraadpleging", datum, self.gebruiker)
            return [a, w], r.Geschikt(a.nummer, a.status)

        return self.voer_uit(beslis, cmd, r.Geschikt)

    def besluit_raadpleging(self, cmd: m.BesluitRaadpleging) -> r.Raadpleging:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Raadpleging]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            mandaat = self.eis_regie(g, a.wijk, datum, ook_college=False)
            if a.raadpleging and a.raadpleging.get("uitkomst") == cmd.uitkomst and a.status != "geschikt":
                return [], r.Raadpleging(a.nummer, cmd.uitkomst, a.status)
            a.besluit_raadpleging(
                cmd.uitkomst, cmd.stemmen_voor, cmd.stemmen_tegen, datum, self.gebruiker, mandaat=mandaat
            )
            return [a], r.Raadpleging(a.nummer, cmd.uitkomst, a.status)

        return self.voer_uit(beslis, cmd, r.Raadpleging)

    def meld_wijziging(self, cmd: m.MeldWijziging) -> r.Wijziging:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Wijziging]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            self.eis_regie(g, a.wijk, datum, ook_college=True)
            a.meld_wijziging(cmd.omschrijving, datum, self.gebruiker)
            return [a], r.Wijziging(a.nummer, a.wijzigingen)

        return self.voer_uit(beslis, cmd, r.Wijziging)

    def maak_bekend(self, cmd: m.MaakBekend) -> r.Bekendmaking:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Bekendmaking]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            self.eis_regie(g, a.wijk, datum, ook_college=True)
            nieuw = a.maak_bekend(datum, self.gebruiker)
            return ([a] if nieuw else []), r.Bekendmaking(a.nummer, a.bekendgemaakt)

        return self.voer_uit(beslis, cmd, r.Bekendmaking)

    # === personal data: destroyed after the retention term (AVG, Archiefwet) ===============
    def vergeet(self, cmd: m.Vergeet) -> r.Vergeten:
        """The college destroys the key of an aanvraag's personal data once its term has ended.

        The event is saved first, then the key is destroyed: a key whose destruction failed is
        destroyed by a repeat (which writes no second event); an event never goes missing."""
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Vergeten]:
            g = self.gemeente(wijzigen=False)
            g.eis_mandaat(self.gebruiker, "college", None, datum)
            a = self.laad_aanvraag(cmd.nummer)
            termijn = self._bewaartermijn(a)
            if a.vernietigd is None and termijn.verstreken(datum) and not self.sleutels.mag_vernietigen():
                raise OpslagOnbeschikbaar(
                    "deze databaselogin mag geen sleutels vernietigen: vraag de beheerder om DELETE op "
                    "vouchers_sleutels (README, Persoonsgegevens en bewaartermijnen)"
                )
            gesloten = self.laad_wijk(a.wijk, a.periode).gesloten
            nieuw = a.vergeet(termijn, datum, self.gebruiker, periode_gesloten=gesloten)
            uit = r.Vergeten(a.nummer, a.wijk, a.periode, termijn.uitkomst, termijn.einde, a.vernietigd, nieuw)
            return ([a] if nieuw else []), uit

        uitkomst = self.voer_uit(beslis, cmd, r.Vergeten)
        v = self._lees(lambda: self.sleutels.vernietig(ids.aanvraag_id(uitkomst.aanvraag)))
        return replace(uitkomst, sleutel_verwijderd=v.verwijderd, opgeschoond=v.opgeschoond, toelichting=v.toelichting)

    def _bewaartermijn(self, a: Aanvraag) -> Bewaartermijn:
        from projections.rapporten.bewaartermijnen import dossier_uit

        d = dossier_uit(self.app.events.get(a.id))
        return bewaartermijn(d.status, self.laad_wijk(a.wijk, a.periode).uitvoeren_tot, d.besluit, d.laatste)

    # === kasbeheer (art. 9) ===========================================================
    def verzilver(self, cmd: m.Verzilver) -> r.Betaling:
        datum = self.datum(cmd.datum)
        betaling = Betaalopdracht(VERZILVER, cmd.bedrag, cmd.leverancier, cmd.factuur, cmd.factuurdatum)

        def beslis() -> Besluit[r.Betaling]:
            g = self.gemeente(wijzigen=False)
            v = self.laad_voucher(cmd.code)
            return self.betaal(g, v, betaling, datum), _betaling_uitkomst(v, cmd.bedrag)

        return self.voer_uit(beslis, cmd, r.Betaling)

    def neem_contant_op(self, cmd: m.NeemContantOp) -> r.Betaling:
        datum = self.datum(cmd.datum)
        betaling = Betaalopdracht(CONTANT_OPNEMEN, cmd.bedrag, None, cmd.kwitantie)

        def beslis() -> Besluit[r.Betaling]:
            g = self.gemeente(wijzigen=False)
            v = self.laad_voucher(cmd.code)
            return self.betaal(g, v, betaling, datum), _betaling_uitkomst(v, cmd.bedrag)

        return self.voer_uit(beslis, cmd, r.Betaling)

    def betaal(
        self,
        g: Gemeente,
        v: Voucher,
        b: Betaalopdracht,
        datum: date,
        herhaling: Callable[[], bool] | None = None,
    ) -> list[Aggregate]:
        """Art. 9: the one payment path of `verzilver`, `contant` and `import betalingen`.

        The kasbeheerder's mandate for the voucher's wijk, then the invoice register (an
        identical repeat changes nothing: returns []), then the voucher's rules (restant, cash
        max, dates, functiescheiding). `herhaling` replaces the register check where the caller
        knows more (the import: earlier lines of the same file). Returns what changed: the voucher and, when the payment
        has an invoice or receipt number, its entry in the invoice register."""
        g.eis_mandaat(self.gebruiker, "kasbeheerder", v.wijk, datum)
        register = b.register
        if register is not None:
            al = herhaling() if herhaling else self.factuur_al_geboekt(*register, v.code, b.bedrag)
            if al:
                return []
        r = g.regeling_op(datum)
        if b.soort == VERZILVER:
            v.verzilver(
                b.bedrag,
                b.leverancier or "",
                b.factuur or "",
                datum,
                self.gebruiker,
                factuurdatum=b.factuurdatum,
                betaaltermijn_dagen=r.betaaltermijn_dagen,
            )
        else:
            v.neem_contant_op(b.bedrag, r.contant_max, datum, self.gebruiker, kwitantie=b.factuur)
        if register is None:
            return [v]
        return [v, self.boek_factuur(*register, v.code, b.bedrag, datum)]

    def factuur_al_geboekt(self, leverancier: str, factuur: str, code: str, bedrag: Bedrag) -> bool:
        """Art. 9: one invoice (or cash receipt) is paid once. True for an identical repeat;
        the same invoice with another voucher or amount is refused."""
        factuur_id = ids.factuur_id(leverancier, factuur)
        if factuur_id not in self.app.bestaande([factuur_id]):  # one cheap query; most invoices are new
            return False
        geboekt = self.laad(Factuur, factuur_id)
        if geboekt is None:
            return False
        if geboekt.vrij:  # its payment was corrected: it may be booked again (boek_factuur)
            self._vrije_facturen[factuur_id] = geboekt
            return False
        if geboekt.voucher == code and geboekt.bedrag == bedrag:
            return True
        wat = f"kwitantie {factuur}" if leverancier == CONTANT else f"factuur {factuur} van {leverancier}"
        raise FactuurAlGeboekt(
            f"{wat} is al betaald op {formatteer_datum(geboekt.datum)}: {geboekt.bedrag} van voucher {geboekt.voucher}",
            artikel="art. 9 lid 1",
            voucher=geboekt.voucher,
            bedrag=geboekt.bedrag,
        )

    def boek_factuur(self, leverancier: str, factuur: str, code: str, bedrag: Bedrag, datum: date) -> Factuur:
        """The entry in the invoice register; an invoice freed by a correction is booked again on its own entry."""
        vrij = self._vrije_facturen.pop(ids.factuur_id(leverancier, factuur), None)
        if vrij is not None:
            vrij.boek_opnieuw(code, bedrag, datum, self.gebruiker)
            return vrij
        return Factuur(
            leverancier=leverancier, factuur=factuur, voucher=code, bedrag=bedrag, datum=datum, gebruiker=self.gebruiker
        )

    def weiger_betaling(self, cmd: m.WeigerBetaling) -> r.BetalingGeweigerd:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.BetalingGeweigerd]:
            g = self.gemeente(wijzigen=False)
            v = self.laad_voucher(cmd.code)
            g.eis_mandaat(self.gebruiker, "kasbeheerder", v.wijk, datum)
            if cmd.leverancier and cmd.factuur:
                self._eis_niet_betaald(cmd.leverancier, cmd.factuur)
            v.weiger_betaling(cmd.bedrag, cmd.reden, cmd.leverancier, cmd.factuur, datum, self.gebruiker)
            return [v], r.BetalingGeweigerd(v.code, cmd.bedrag, cmd.reden, v.restant)

        return self.voer_uit(beslis, cmd, r.BetalingGeweigerd)

    def _eis_niet_betaald(self, leverancier: str, factuur: str) -> None:
        """Art. 9 lid 2 refuses a payment before it is made; a paid invoice is corrected, not refused."""
        factuur_id = ids.factuur_id(leverancier, factuur)
        geboekt = self.laad(Factuur, factuur_id, wijzigen=False) if self.app.bestaande([factuur_id]) else None
        if geboekt is None or geboekt.vrij:
            return
        nummer = self.betaalgebeurtenis(geboekt.voucher, leverancier, factuur)
        raise FactuurAlGeboekt(
            f"factuur {factuur} van {leverancier} is al betaald op {formatteer_datum(geboekt.datum)} "
            f"({geboekt.bedrag} van voucher {geboekt.voucher}): een betaalde factuur wordt niet geweigerd maar "
            f"gecorrigeerd, met 'voucher betaling corrigeren {geboekt.voucher} --gebeurtenis {nummer} --reden ...'",
            artikel="art. 9 lid 2",
            voucher=geboekt.voucher,
            gebeurtenis=nummer,
        )

    def betaalgebeurtenis(self, code: str, leverancier: str, factuur: str) -> int | None:
        """The number in the log of the latest payment of this invoice from voucher `code`."""
        voucher_id = ids.voucher_id(code)
        gevonden = None
        for nummer, e in self.app.genummerd(topics=[get_topic(gebeurtenissen.VoucherVerzilverd)]):
            if e.originator_id == voucher_id and ids.normaliseer(e.factuur) == ids.normaliseer(factuur):
                if ids.normaliseer(e.leverancier) == ids.normaliseer(leverancier):
                    gevonden = nummer
        return gevonden

    def gebeurtenissen(self, soorten: list[type] | None = None) -> Iterator[Any]:
        """Every stored event in commit order (optionally only some kinds), decoded."""
        topics = [get_topic(s) for s in soorten] if soorten else []
        return (e for _, e in self.app.genummerd(topics=topics))


def _uitvoeringskosten(cmd: m.WijsWijkAan) -> Bedrag:
    if cmd.uitvoeringskosten is not None and cmd.uitvoeringskosten_procent is not None:
        raise OngeldigeInvoer("geef --uitvoeringskosten als bedrag of als percentage, niet beide")
    if cmd.uitvoeringskosten_procent is not None:
        # Whole cents, rounded down, so the reserve never exceeds the percentage.
        centen = (Decimal(cmd.budget.centen) * cmd.uitvoeringskosten_procent / 100).to_integral_value(ROUND_FLOOR)
        return Bedrag.van_centen(int(centen))
    return cmd.uitvoeringskosten or Bedrag.nul()


def _persoon(cmd: m.Aanvraaggegevens, ondertekend: bool | None) -> dict[str, Any]:
    return {
        "naam": getattr(cmd, "naam", None),
        "adres": cmd.adres,
        "telefoon": cmd.telefoon,
        "ondertekend": ondertekend,
    }


def _gegevens(cmd: m.Aanvraaggegevens) -> dict[str, Any]:
    return {
        "omschrijving": cmd.omschrijving,
        "planning": cmd.planning,
        "kosten": cmd.kosten,
        "vouchers_gewenst": cmd.vouchers,
        "elders_subsidie": cmd.elders_subsidie,
    }


def wijk_uitkomst(w: Wijk) -> r.Wijkstand:
    return r.Wijkstand(
        w.code,
        w.naam,
        w.periode,
        w.budget,
        w.uitvoeringskosten,
        w.plafond,
        w.toegekend,
        w.vervallen,
        w.beschikbaar,
        w.verstrekken_tot,
        w.uitvoeren_tot,
    )


def _toekenning_uitkomst(a: Aanvraag) -> r.Toekenning:
    besluit = a.besluit or {}
    return r.Toekenning(
        a.nummer,
        a.status,
        besluit.get("bedrag"),
        [r.VoucherBedrag(v["code"], v["bedrag"]) for v in besluit.get("vouchers", [])],
        besluit.get("start_voor"),
        besluit.get("datum"),
    )


def _betaling_uitkomst(v: Voucher, bedrag: Bedrag) -> r.Betaling:
    return r.Betaling(v.code, bedrag, v.restant, v.wijk)
