"""De gemeente: the regeling in force and who holds a mandate (art. 2).

Owns: the regeling vastgesteld (act 1) and its later versions (a verordening that changes:
`RegelingGewijzigd`, in force from `vanaf`; every rule is judged with the version in force on
the act's business date, `regeling_op`), mandates of college, regiegroep, ambtenaar and
kasbeheerder (art. 2 lid 4 and 6, act 4), the separation of duties (who decides on grants
does not pay them out), and the register that numbers incoming aanvragen (art. 4 lid 4: the
order of receipt needs a number).

Where no regiegroep forms, the college mandates an ambtenaar to do the regiegroep's part for a
wijk (toelichting art. 2 lid 6): the mandate kind `ambtenaar`, with the reference of the
mandaatbesluit (`besluit`). Every mandate may carry the display name a letter uses (`naam`);
version 1 of MandaatGegeven had neither: the upcast gives None (the letter then uses the login).

A change never reaches back before an act already recorded: `--vanaf` lies after the latest
business date in the log (`wijzig_regeling` gets it from the caller), so no act that was judged
under one version is judged again under another.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event
from eventsourcing.domain import Snapshot as Momentopname
from eventsourcing.utils import register_topic

from ledger import ids, regels
from ledger.datum import formatteer_datum
from ledger.fouten import FunctiescheidingGeschonden, GeenMandaat, NietGevonden, OngeldigeInvoer, RegelOvertreden
from ledger.regeling import Regeling

ROLLEN = ("college", "regiegroep", "kasbeheerder")  # the database group roles (commands/rechten.py)
MANDAATSOORTEN = ("college", "regiegroep", "ambtenaar", "kasbeheerder")
DATABASEROL = {
    "college": "college",
    "regiegroep": "regiegroep",
    "ambtenaar": "regiegroep",
    "kasbeheerder": "kasbeheerder",
}
"""The group role of each mandate kind: the ambtenaar does the regiegroep's part, so holds its role."""
BESLISSERS = ("regiegroep", "ambtenaar")  # the mandates for a wijk that decide on aanvragen (art. 2 lid 6)
ALLE_WIJKEN = ""

ROL_ARTIKEL = {
    "college": "art. 2 lid 1-6",
    "regiegroep": "art. 2 lid 6",
    "ambtenaar": "art. 2 lid 6 (toelichting), art. 10:3 Awb",
    "kasbeheerder": "art. 2 lid 4, art. 9",
}


def _sleutel(gebruiker: str, rol: str, wijk: str) -> str:
    return f"{gebruiker}\x1f{rol}\x1f{wijk}"


def _actief(perioden: list[list[Any]], datum: date) -> bool:
    return any(van <= datum and (tot is None or datum < tot) for van, tot in perioden)


def _upcast_mandaat_v1_v2(state: dict[str, Any]) -> None:
    state.setdefault("naam", None)  # version 1 had no display name: the letter shows the login
    state.setdefault("besluit", None)


class Gemeente(Aggregate):
    """One per store: the regeling and the mandates."""

    TOPIC = "voucher.Gemeente"

    class Event(Aggregate.Event):
        """The base of this aggregate's events: defined here, so that the library does not redefine each event
        as a subclass of one it makes itself (a second dataclass per event class at every start)."""

    class Created(Event, Aggregate.Created):  # explicit topics require it; never triggered
        TOPIC = "voucher.Gemeente.Created"

    class Snapshot(Momentopname):  # its own topic: the database can tell whose snapshot it is
        TOPIC = "voucher.Gemeente.Snapshot"

    # Version 2 of the state: `weergavenamen` (login -> the name a letter shows) and `mandaatbesluiten`
    # (mandate -> the reference of the mandaatbesluit), both given with `mandaat geven --naam/--besluit`;
    # `regelingversies`, the later versions of the regeling ([vanaf, gegevens]).
    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["weergavenamen"] = {}  # no mandate carried a name or a reference before version 2
        state["mandaatbesluiten"] = {}
        state["regelingversies"] = []  # the regeling could not change before version 2

    class RegelingGewijzigd(Event):
        """The raad changed the verordening; the college records it, in force from `vanaf`."""

        TOPIC = "voucher.Gemeente.RegelingGewijzigd"
        regeling: dict[str, Any]
        versie: int
        vanaf: date
        datum: date
        gebruiker: str

    class Ingericht(Event, Aggregate.Created):
        """Act 1: the store is set up for the gemeente, with the regeling as vastgesteld (version 1)."""

        TOPIC = "voucher.Gemeente.Ingericht"
        naam: str
        regeling: dict[str, Any]  # Regeling.naar_dict()
        datum: date
        gebruiker: str

    class MandaatGegeven(Event):
        """Art. 2 lid 4 and 6: `aan` holds the mandate `rol` (for `wijk`, "" for all) from `datum`."""

        TOPIC = "voucher.Gemeente.MandaatGegeven"
        # Version 2: the display name (`--naam`) and the mandaatbesluit (`--besluit`).
        class_version = 2
        upcast_v1_v2 = staticmethod(_upcast_mandaat_v1_v2)
        aan: str
        rol: str
        wijk: str
        datum: date
        gebruiker: str
        naam: str | None
        besluit: str | None

    class MandaatIngetrokken(Event):
        TOPIC = "voucher.Gemeente.MandaatIngetrokken"
        aan: str
        rol: str
        wijk: str
        datum: date  # the mandate holds until the day before
        gebruiker: str

    class AanvraagGeregistreerd(Event):
        """Art. 4 lid 4: the next number in the register of incoming aanvragen."""

        TOPIC = "voucher.Gemeente.AanvraagGeregistreerd"
        nummer: int
        wijk: str
        periode: int
        datum: date
        gebruiker: str

    @staticmethod
    def create_id(**_: Any) -> UUID:
        return ids.gemeente_id()

    @event(Ingericht)
    def __init__(self, naam: str, regeling: dict[str, Any], datum: date, gebruiker: str) -> None:
        self.naam = naam
        self.regeling_gegevens = regeling
        self.ingericht_op = datum
        self.mandaten: dict[str, list[list[Any]]] = {}
        self.weergavenamen: dict[str, str] = {}
        self.mandaatbesluiten: dict[str, str] = {}
        self.laatste_aanvraag = 0
        self.regelingversies: list[list[Any]] = []  # [vanaf, gegevens] of version 2, 3, ...

    @property
    def regeling(self) -> Regeling:
        """The regeling as first vastgesteld (version 1)."""
        return _regeling(json.dumps(self.regeling_gegevens, sort_keys=True))

    def regeling_op(self, datum: date) -> Regeling:
        """The version in force on `datum`: the latest whose `vanaf` is on or before it."""
        return self.versie_op(datum)[2]

    def versie_op(self, datum: date) -> tuple[int, date, Regeling]:
        """(version number, in force from, regeling) on `datum`; before the inwerkingtreding, version 1."""
        versies = self.versies()
        return next((v for v in reversed(versies) if v[1] <= datum), versies[0])

    def versies(self) -> list[tuple[int, date, Regeling]]:
        """Every version in order: (number, in force from, regeling); version 1 from its inwerkingtreding."""
        eerste = self.regeling
        uit = [(1, eerste.inwerkingtreding, eerste)]
        for i, (vanaf, gegevens) in enumerate(self.regelingversies, start=2):
            uit.append((i, vanaf, _regeling(json.dumps(gegevens, sort_keys=True))))
        return uit

    def wijzig_regeling(
        self, regeling: Regeling, vanaf: date, laatste_handeling: date, datum: date, gebruiker: str
    ) -> int:
        """Record a new version in force from `vanaf`; returns its number. `laatste_handeling` is the latest
        business date of any recorded act: a version may not reach back before it (no retroactive force)."""
        vorige_nr, vorige_vanaf, vorige = self.versies()[-1]
        if vorige == regeling and vorige_nr > 1 and vorige_vanaf == vanaf:
            return 0  # a repeat
        if datum < self.ingericht_op:
            raise RegelOvertreden(
                f"de wijziging kan niet worden vastgelegd voor de inrichting op {formatteer_datum(self.ingericht_op)}",
                artikel="art. 10",
            )
        if vanaf <= vorige_vanaf:
            raise RegelOvertreden(
                f"versie {vorige_nr} van de regeling geldt vanaf {formatteer_datum(vorige_vanaf)}; een nieuwe versie "
                f"gaat later in, niet op {formatteer_datum(vanaf)}",
                artikel="art. 10 lid 1",
                vanaf=vanaf,
            )
        if vanaf <= laatste_handeling:
            raise RegelOvertreden(
                f"er is al een handeling vastgelegd op {formatteer_datum(laatste_handeling)}, beoordeeld onder versie "
                f"{self.versie_op(laatste_handeling)[0]}; een wijziging werkt niet terug: kies --vanaf na {formatteer_datum(laatste_handeling)}",
                artikel="art. 10 lid 1",
                vanaf=vanaf,
                laatste_handeling=laatste_handeling,
            )
        self._regeling_gewijzigd(
            regeling=regeling.naar_dict(), versie=vorige_nr + 1, vanaf=vanaf, datum=datum, gebruiker=gebruiker
        )
        return vorige_nr + 1

    @event(RegelingGewijzigd)
    def _regeling_gewijzigd(
        self, regeling: dict[str, Any], versie: int, vanaf: date, datum: date, gebruiker: str
    ) -> None:
        self.regelingversies = [*self.regelingversies, [vanaf, regeling]]

    # --- mandates ---------------------------------------------------------------------
    def heeft_mandaat(self, gebruiker: str, rol: str, wijk: str | None, datum: date) -> bool:
        sleutels = [_sleutel(gebruiker, rol, ALLE_WIJKEN)]
        if wijk:
            sleutels.append(_sleutel(gebruiker, rol, wijk))
        return any(_actief(self.mandaten.get(s, []), datum) for s in sleutels)

    def eis_na_inrichting(self, datum: date, handeling: str = "de handeling") -> None:
        """Nothing in this administration is dated before `voucher init --datum` (coherent dates): the first
        college mandate holds from that day. Paper records of earlier days belong in an administration
        set up on the first of their days."""
        regels.samenhangende_data(
            datum,
            self.ingericht_op,
            "de inrichting van deze administratie",
            handeling=handeling,
            hulp=f"het eerste collegemandaat geldt vanaf de inrichting. Wie papieren van voor "
            f"{formatteer_datum(self.ingericht_op)} invoert, richt de administratie in op de eerste datum ervan: "
            f"'voucher init --gemeente {self.naam} --datum {datum.isoformat()}' in een nieuwe opslag (README, "
            "'Een jaar met de hand'); in deze opslag kan alleen wat op of na die dag plaatsvond",
            artikel="art. 2: samenhangende data, vanaf de inrichting",
        )

    def eis_mandaat(self, gebruiker: str, rol: str, wijk: str | None, datum: date) -> None:
        if self.heeft_mandaat(gebruiker, rol, wijk, datum):
            return
        self.eis_na_inrichting(datum)
        waar = f" voor wijk {wijk}" if wijk and rol != "college" else ""
        vanaf = self.later_mandaat(gebruiker, (rol,), wijk, datum)
        # A mandate used before it was given: both dates (coherent dates).
        pas = f": het mandaat geldt pas vanaf {formatteer_datum(vanaf)}" if vanaf else ""
        raise GeenMandaat(
            f"{gebruiker} heeft op {formatteer_datum(datum)} geen mandaat als {rol}{waar}{pas}",
            artikel=ROL_ARTIKEL[rol],
            gebruiker=gebruiker,
            rol=rol,
            wijk=wijk,
            datum=datum,
            **({"vanaf": vanaf} if vanaf else {}),
        )

    def later_mandaat(self, gebruiker: str, rollen: tuple[str, ...], wijk: str | None, datum: date) -> date | None:
        """The first day after `datum` from which `gebruiker` holds one of these mandates (None: never later)."""
        sleutels = [_sleutel(gebruiker, r, w) for r in rollen for w in {ALLE_WIJKEN, wijk or ALLE_WIJKEN}]
        return min((van for s in sleutels for van, _ in self.mandaten.get(s, []) if van > datum), default=None)

    def mandaathouders(self, rol: str, datum: date) -> list[str]:
        uit = []
        for sleutel, perioden in self.mandaten.items():
            gebruiker, r, _ = sleutel.split("\x1f")
            if r == rol and _actief(perioden, datum):
                uit.append(gebruiker)
        return sorted(set(uit))

    def mandaten_lijst(self) -> list[dict[str, Any]]:
        uit = []
        for sleutel, perioden in sorted(self.mandaten.items()):
            gebruiker, rol, wijk = sleutel.split("\x1f")
            for van, tot in perioden:
                uit.append(
                    {
                        "gebruiker": gebruiker,
                        "rol": rol,
                        "wijk": wijk or None,
                        "van": van,
                        "tot": tot,
                        "naam": self.weergavenaam(gebruiker),
                        "besluit": self.mandaatbesluiten.get(sleutel),
                    }
                )
        return uit

    def weergavenaam(self, gebruiker: str) -> str:
        """The name a letter shows for `gebruiker`: the one given with a mandate, else the login."""
        return self.weergavenamen.get(gebruiker, gebruiker)

    def mandaatbesluit(self, gebruiker: str, rol: str, wijk: str | None) -> str | None:
        """The reference of the mandaatbesluit given with this mandate (`--besluit`), if any."""
        return self.mandaatbesluiten.get(_sleutel(gebruiker, rol, wijk or ALLE_WIJKEN))

    def beslist_in(self, gebruiker: str, wijk: str, datum: date) -> str | None:
        """The mandate for `wijk` under which `gebruiker` decides on its aanvragen: regiegroep or ambtenaar."""
        return next((r for r in BESLISSERS if self.heeft_mandaat(gebruiker, r, wijk, datum)), None)

    def geef_mandaat(
        self,
        aan: str,
        rol: str,
        wijk: str | None,
        datum: date,
        gebruiker: str,
        naam: str | None = None,
        besluit: str | None = None,
    ) -> bool:
        """Returns False for a repeat (the mandate holds already): nothing to record. For a mandate that holds,
        another display name or mandaatbesluit is recorded (from `datum`: earlier letters keep the old one)."""
        wijk = _controleer_rol_en_wijk(rol, wijk)
        naam, besluit = _tekst_of_niets(naam), _tekst_of_niets(besluit)
        self.eis_na_inrichting(datum, "het mandaat")
        for van, tot in self.mandaten.get(_sleutel(aan, rol, wijk), []):
            if tot is None and van <= datum:
                if not self._andere_gegevens(aan, rol, wijk, naam, besluit):
                    return False
                self._mandaat_gegeven(
                    aan=aan, rol=rol, wijk=wijk, datum=datum, gebruiker=gebruiker, naam=naam, besluit=besluit
                )
                return True
            if tot is None or van <= datum < tot:
                raise RegelOvertreden(
                    f"{aan} heeft dit mandaat al vanaf {formatteer_datum(van)}", artikel=ROL_ARTIKEL[rol]
                )
        self._eis_functiescheiding(aan, rol, wijk, datum)
        self._mandaat_gegeven(aan=aan, rol=rol, wijk=wijk, datum=datum, gebruiker=gebruiker, naam=naam, besluit=besluit)
        return True

    def _andere_gegevens(self, aan: str, rol: str, wijk: str, naam: str | None, besluit: str | None) -> bool:
        """A mandate that holds, given again with another display name or mandaatbesluit: not a repeat."""
        eerder = self.mandaatbesluiten.get(_sleutel(aan, rol, wijk))
        return (naam is not None and naam != self.weergavenaam(aan)) or (besluit is not None and besluit != eerder)

    def trek_mandaat_in(self, aan: str, rol: str, wijk: str | None, datum: date, gebruiker: str) -> None:
        wijk = _controleer_rol_en_wijk(rol, wijk)
        if not _actief(self.mandaten.get(_sleutel(aan, rol, wijk), []), datum):
            waar = f" voor wijk {wijk}" if wijk else ""
            raise NietGevonden(f"{aan} heeft op {formatteer_datum(datum)} geen mandaat als {rol}{waar}")
        if rol == "college" and self.mandaathouders("college", datum) == [aan]:
            raise RegelOvertreden(
                "het laatste collegemandaat kan niet worden ingetrokken: geef eerst een ander het mandaat",
                artikel="art. 2",
            )
        self._mandaat_ingetrokken(aan=aan, rol=rol, wijk=wijk, datum=datum, gebruiker=gebruiker)

    def _eis_functiescheiding(self, aan: str, rol: str, wijk: str, datum: date) -> None:
        """Who decides on a grant in a wijk may not be the kasbeheerder who pays it."""
        tegen = {"regiegroep": ("kasbeheerder",), "ambtenaar": ("kasbeheerder",), "kasbeheerder": BESLISSERS}.get(rol)
        if tegen is None:
            return
        for sleutel, perioden in self.mandaten.items():
            gebruiker, r, w = sleutel.split("\x1f")
            # Open-ended from `datum`: any opposite mandate that still runs then, or starts later, clashes.
            if gebruiker != aan or r not in tegen or not any(tot is None or tot > datum for _, tot in perioden):
                continue
            if w == wijk or w == ALLE_WIJKEN or wijk == ALLE_WIJKEN:
                waar = f"wijk {w or wijk}" if (w or wijk) else "alle wijken"
                raise FunctiescheidingGeschonden(
                    f"{aan} is al {r} voor {waar}: wie over vouchers beslist, betaalt ze niet uit (functiescheiding)",
                    artikel="art. 2 lid 4 en 6",
                    gebruiker=aan,
                )

    @event(MandaatGegeven)
    def _mandaat_gegeven(
        self, aan: str, rol: str, wijk: str, datum: date, gebruiker: str, naam: str | None, besluit: str | None
    ) -> None:
        perioden = self.mandaten.setdefault(_sleutel(aan, rol, wijk), [])
        if not any(tot is None and van <= datum for van, tot in perioden):  # else: only the name or reference
            perioden.append([datum, None])
        if naam is not None:
            self.weergavenamen[aan] = naam
        if besluit is not None:
            self.mandaatbesluiten[_sleutel(aan, rol, wijk)] = besluit

    @event(MandaatIngetrokken)
    def _mandaat_ingetrokken(self, aan: str, rol: str, wijk: str, datum: date, gebruiker: str) -> None:
        for periode in self.mandaten[_sleutel(aan, rol, wijk)]:
            if periode[0] <= datum and (periode[1] is None or datum < periode[1]):
                periode[1] = datum

    # --- the register of incoming aanvragen (art. 4 lid 4) ----------------------------
    def registreer_aanvraag(self, wijk: str, periode: int, datum: date, gebruiker: str) -> int:
        nummer = self.laatste_aanvraag + 1
        self._aanvraag_geregistreerd(nummer=nummer, wijk=wijk, periode=periode, datum=datum, gebruiker=gebruiker)
        return nummer

    @event(AanvraagGeregistreerd)
    def _aanvraag_geregistreerd(self, nummer: int, wijk: str, periode: int, datum: date, gebruiker: str) -> None:
        self.laatste_aanvraag = nummer


@lru_cache(maxsize=8)
def _regeling(gegevens: str) -> Regeling:
    """Parsed once per process; the aggregate's state keeps only the stored primitives."""
    return Regeling.uit_dict(json.loads(gegevens))


def _controleer_rol_en_wijk(rol: str, wijk: str | None) -> str:
    if rol not in MANDAATSOORTEN:
        raise OngeldigeInvoer(f"onbekende rol {rol!r}: kies college, regiegroep, ambtenaar of kasbeheerder")
    if rol == "college" and wijk:
        raise OngeldigeInvoer("het college heeft een mandaat voor de hele gemeente: laat --wijk weg")
    if rol == "regiegroep" and not wijk:
        raise OngeldigeInvoer("een regiegroep wordt voor een wijk gemandateerd: geef --wijk CODE (art. 2 lid 6)")
    if rol == "ambtenaar" and not wijk:
        raise OngeldigeInvoer(
            "een ambtenaar krijgt het mandaat van de regiegroep voor een wijk: geef --wijk CODE "
            "(toelichting art. 2 lid 6)"
        )
    return wijk or ALLE_WIJKEN


def _tekst_of_niets(tekst: str | None) -> str | None:
    return tekst.strip() if tekst and tekst.strip() else None


# eventsourcing registers the explicit topics of an aggregate's events when the class is made, not that of its
# snapshot class: registered here, so that importing this module (ledger/vindplaats.py) is enough to decode.
register_topic(Gemeente.Snapshot.TOPIC, Gemeente.Snapshot)
