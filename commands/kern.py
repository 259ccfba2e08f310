"""The public core of the application service: load, decide, save (issue 16, STYLE.md "Public seams").

Every use case, in commands/dienst.py's area modules (inrichting, aanvragen, besluiten, betalingen,
bewaren) and in the function modules (nazorg, vaststelling, bezwaar, periode, importeren, demo),
goes through this seam and through nothing private of another module:
- `datum`: the business date of an act, today by default, never in the future;
- `laad`, `gemeente`, `laad_wijk`, `laad_aanvraag`, `laad_voucher`, `laad_vouchers_van`: an
  aggregate from the store, a copy unless the caller says it changes nothing (`wijzigen=False`);
  an act that changes a shared (uncopied) aggregate is refused before anything is written
  (`GedeeldeKopieGewijzigd`), so the cache never holds a change that was not saved;
- `voer_uit`: decide and save atomically. A concurrent change (eventsourcing's IntegrityError on
  the version key) means another writer won the race: reload and decide again, a bounded number of
  times, then give up with `Conflict`. A request that changes nothing because it was done already
  returns the original result and writes nothing. With `--sleutel` the key is recorded in the same
  transaction (ledger/verzoek.py), so a retried command answers with its first result and acts once;
- `lees`: a read, with a store error as exit 5 (commands/opslag.py `lees_opslag`); `gebeurtenissen`:
  the stored events of some kinds, in commit order;
- the rules every act shares: art. 10 lid 1 (`eis_in_werking`: nothing before the verordening is in
  force) and art. 2 lid 6 with art. 5 (`eis_regie`: the college, or the regiegroep or ambtenaar with
  its mandate for the wijk; Awb 10:7 and 10:10).
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import get_topic

from commands.opslag import VoucherLedger, is_opslagfout, lees_opslag, opslagfout
from commands.uitvoer import json_waarde
from ledger import ids, namens, vastlegging
from ledger.datum import formatteer_datum
from ledger.fouten import Conflict, GeenMandaat, NietGevonden, OngeldigeInvoer, OpslagOnbeschikbaar, RegelOvertreden
from ledger.gemeente import BESLISSERS, Gemeente
from ledger.voucher import Voucher
from ledger.vouchercode import maak_code, parse_code

if TYPE_CHECKING:  # imported where they are used: a payment needs none of them (issue 13, a command as a process)
    from commands import resultaten as r
    from commands.sleutels import Sleutelopslag
    from ledger.aanvraag import Aanvraag
    from ledger.verzoek import Verzoek
    from ledger.wijk import Wijk

R = TypeVar("R")
A = TypeVar("A", bound=Aggregate)
Besluit = tuple[list[Aggregate], R]

MAX_POGINGEN = 25


class GedeeldeKopieGewijzigd(RuntimeError):
    """A programming error, not a refusal: an act changed an aggregate it loaded with `wijzigen=False`."""


class Kern:
    """One acting user against one store: the seam every use case goes through."""

    def __init__(
        self, app: VoucherLedger, gebruiker: str, vandaag: date | None = None, sleutel: str | None = None
    ) -> None:
        self.app = app
        self.gebruiker = gebruiker
        self._vandaag = vandaag  # None: today in Amsterdam, found when first asked (`vandaag`)
        self.sleutel = sleutel  # the caller's idempotency key (--sleutel), for the next write
        # On PostgreSQL the command line sets commands.rechten.Databaserechten: a login's group
        # role follows its mandates (GRANT/REVOKE in the transaction of the mandate's event).
        self.databaserechten: Any = None
        self._ook_uitvoeren: list[Any] = []
        self._gedeeld: list[Aggregate] | None = None  # per attempt: what was loaded without a copy
        # What the last act did, for the words of its answer: nothing changed (an identical repeat),
        # or the --sleutel was used before (its first answer is the answer).
        self.niets_veranderd = False
        self.herhaald_verzoek: Verzoek | None = None

    @property
    def vandaag(self) -> date:
        """Today: the day given to this service, else today in Amsterdam (ledger/vastlegging.py)."""
        if self._vandaag is None:
            self._vandaag = vastlegging.vandaag()
        return self._vandaag

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
                nieuw, uitkomst = self._beslis_zonder_gedeelde_wijziging(beslis)
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

    def _beslis_zonder_gedeelde_wijziging(self, beslis: Callable[[], Besluit[R]]) -> Besluit[R]:
        """Decide, then check that nothing loaded without a copy was changed (also when the act was refused):
        a change to the cached aggregate itself would outlive the attempt. The changed one leaves the cache."""
        self._gedeeld = []
        try:
            return beslis()
        finally:
            gedeeld, self._gedeeld = self._gedeeld, None
            gewijzigd = [agg for agg in gedeeld if agg.pending_events]
            for agg in gewijzigd:
                self._vergeet_in_cache(agg.id)
            if gewijzigd:
                namen = ", ".join(sorted({type(agg).__name__ for agg in gewijzigd}))
                raise GedeeldeKopieGewijzigd(f"{namen} geladen met wijzigen=False en toch gewijzigd: laad een kopie")

    def _vergeet_in_cache(self, aggregate_id: UUID) -> None:
        cache = self.app.repository.cache
        if cache is not None:
            try:
                cache.get(aggregate_id, evict=True)
            except KeyError:
                pass

    def _met_sleutel(
        self, beslis: Callable[[], Besluit[R]], sleutel: str, cmd: Any, resultaat: type[r.Resultaat] | None
    ) -> Callable[[], Besluit[R]]:
        from ledger.verzoek import Verzoek

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

    def lees(self, lezer: Callable[[], R]) -> R:
        """A read outside `voer_uit`: a store error becomes exit 5 (commands/opslag.py)."""
        return lees_opslag(lezer)

    def ook_uitvoeren(self, opdrachten: list[Any]) -> None:
        """Database statements (commands/rechten.py: GRANT/REVOKE) for the transaction of this attempt's save."""
        self._ook_uitvoeren = opdrachten

    @property
    def sleutels(self) -> Sleutelopslag:
        """The key table of the personal data (commands/sleutels.py)."""
        from commands.sleutels import sleutels_van

        return sleutels_van(self.app)

    def gebeurtenissen(
        self, soorten: list[type] | None = None, selectie: tuple[str, int] | None = None
    ) -> Iterator[Any]:
        """Every stored event in commit order (optionally only some kinds, of one wijk and year), decoded."""
        topics = [get_topic(s) for s in soorten] if soorten else []
        if selectie is not None:
            from commands import selectie as index

            stand = index.bruikbaar(self.app)
            if stand is not None:
                return (e for _, e in self.app.genummerd(topics=topics, selectie=selectie, stop=stand))
        return (e for _, e in self.app.genummerd(topics=topics))

    def laad(self, cls: type[A], aggregate_id: UUID, *, wijzigen: bool = True) -> A | None:
        """Load an aggregate. Only what this command may change is copied out of the cache,
        so that a refused act leaves the cached aggregate untouched; `wijzigen=False` shares the
        cached one, and `voer_uit` refuses an act that changes it anyway."""
        try:
            agg: Aggregate = self.app.repository.get(aggregate_id, deepcopy_from_cache=wijzigen)
        except AggregateNotFoundError:
            return None
        if not isinstance(agg, cls):
            raise OpslagOnbeschikbaar(f"onverwacht soort gegevens onder {aggregate_id}")
        if not wijzigen and self._gedeeld is not None:
            self._gedeeld.append(agg)
        return agg

    def gemeente(self, *, wijzigen: bool = True) -> Gemeente:
        """The gemeente; like `laad`, a copy unless the caller says it changes nothing (`wijzigen=False`)."""
        g = self.laad(Gemeente, ids.gemeente_id(), wijzigen=wijzigen)
        if g is None:
            raise OpslagOnbeschikbaar("de vouchersadministratie is niet ingericht: voer eerst 'voucher init' uit")
        return g

    def laad_wijk(self, code: str, periode: int) -> Wijk:
        from ledger.wijk import Wijk

        w = self.laad(Wijk, ids.wijk_id(code, periode))
        if w is None:
            raise self.niet_aangewezen(code, periode)
        return w

    def niet_aangewezen(self, code: str, periode: int) -> NietGevonden:
        """A wijk that is not designated (a typing error, mostly): says which codes are (exit 3)."""
        import difflib

        from ledger import gebeurtenissen

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
        from ledger.aanvraag import Aanvraag

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
    def eis_in_werking(g: Gemeente, datum: date) -> None:
        """Art. 10 lid 1: nothing is decided before the verordening is in force."""
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
