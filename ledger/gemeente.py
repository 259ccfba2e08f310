"""De gemeente: the regeling in force and who holds a mandate (art. 2).

Owns: the regeling vastgesteld (act 1), mandates of college, regiegroep and kasbeheerder
(art. 2 lid 4 and 6, act 4), the separation of duties (who decides on grants does not pay
them out), and the register that numbers incoming aanvragen (art. 4 lid 4: the order of
receipt needs a number).
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event
from eventsourcing.domain import Snapshot as Momentopname

from ledger import ids, regels
from ledger.datum import formatteer_datum
from ledger.fouten import FunctiescheidingGeschonden, GeenMandaat, NietGevonden, OngeldigeInvoer, RegelOvertreden
from ledger.regeling import Regeling

ROLLEN = ("college", "regiegroep", "kasbeheerder")
ALLE_WIJKEN = ""

ROL_ARTIKEL = {
    "college": "art. 2 lid 1-6",
    "regiegroep": "art. 2 lid 6",
    "kasbeheerder": "art. 2 lid 4, art. 9",
}


def _sleutel(gebruiker: str, rol: str, wijk: str) -> str:
    return f"{gebruiker}\x1f{rol}\x1f{wijk}"


def _actief(perioden: list[list[Any]], datum: date) -> bool:
    return any(van <= datum and (tot is None or datum < tot) for van, tot in perioden)


class Gemeente(Aggregate):
    """One per store: the regeling and the mandates."""

    TOPIC = "voucher.Gemeente"

    class Created(Aggregate.Created):  # explicit topics require it; never triggered
        TOPIC = "voucher.Gemeente.Created"

    class Snapshot(Momentopname):  # its own topic: the database can tell whose snapshot it is
        TOPIC = "voucher.Gemeente.Snapshot"

    @staticmethod
    def create_id(**_: Any) -> UUID:
        return ids.gemeente_id()

    @event("Ingericht", topic="voucher.Gemeente.Ingericht")
    def __init__(self, naam: str, regeling: dict[str, Any], datum: date, gebruiker: str) -> None:
        self.naam = naam
        self.regeling_gegevens = regeling
        self.ingericht_op = datum
        self.mandaten: dict[str, list[list[Any]]] = {}
        self.laatste_aanvraag = 0

    @property
    def regeling(self) -> Regeling:
        return _regeling(json.dumps(self.regeling_gegevens, sort_keys=True))

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
        sleutels = [_sleutel(gebruiker, rol, ALLE_WIJKEN)] + ([_sleutel(gebruiker, rol, wijk)] if wijk else [])
        later = sorted(van for s in sleutels for van, _ in self.mandaten.get(s, []) if van > datum)
        # A mandate used before it was given: both dates (coherent dates).
        pas = f": het mandaat geldt pas vanaf {formatteer_datum(later[0])}" if later else ""
        raise GeenMandaat(
            f"{gebruiker} heeft op {formatteer_datum(datum)} geen mandaat als {rol}{waar}{pas}",
            artikel=ROL_ARTIKEL[rol],
            gebruiker=gebruiker,
            rol=rol,
            wijk=wijk,
            datum=datum,
            **({"vanaf": later[0]} if later else {}),
        )

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
                uit.append({"gebruiker": gebruiker, "rol": rol, "wijk": wijk or None, "van": van, "tot": tot})
        return uit

    def geef_mandaat(self, aan: str, rol: str, wijk: str | None, datum: date, gebruiker: str) -> bool:
        """Returns False for a repeat (the mandate holds already): nothing to record."""
        wijk = _controleer_rol_en_wijk(rol, wijk)
        self.eis_na_inrichting(datum, "het mandaat")
        for van, tot in self.mandaten.get(_sleutel(aan, rol, wijk), []):
            if tot is None and van <= datum:
                return False
            if tot is None or van <= datum < tot:
                raise RegelOvertreden(
                    f"{aan} heeft dit mandaat al vanaf {formatteer_datum(van)}", artikel=ROL_ARTIKEL[rol]
                )
        self._eis_functiescheiding(aan, rol, wijk, datum)
        self._mandaat_gegeven(aan=aan, rol=rol, wijk=wijk, datum=datum, gebruiker=gebruiker)
        return True

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
        tegen = {"regiegroep": "kasbeheerder", "kasbeheerder": "regiegroep"}.get(rol)
        if tegen is None:
            return
        for sleutel, perioden in self.mandaten.items():
            gebruiker, r, w = sleutel.split("\x1f")
            # Open-ended from `datum`: any opposite mandate that still runs then, or starts later, clashes.
            if gebruiker != aan or r != tegen or not any(tot is None or tot > datum for _, tot in perioden):
                continue
            if w == wijk or w == ALLE_WIJKEN or wijk == ALLE_WIJKEN:
                waar = f"wijk {w or wijk}" if (w or wijk) else "alle wijken"
                raise FunctiescheidingGeschonden(
                    f"{aan} is al {tegen} voor {waar}: wie over vouchers beslist, betaalt ze niet uit "
                    "(functiescheiding)",
                    artikel="art. 2 lid 4 en 6",
                    gebruiker=aan,
                )

    @event("MandaatGegeven", topic="voucher.Gemeente.MandaatGegeven")
    def _mandaat_gegeven(self, aan: str, rol: str, wijk: str, datum: date, gebruiker: str) -> None:
        self.mandaten.setdefault(_sleutel(aan, rol, wijk), []).append([datum, None])

    @event("MandaatIngetrokken", topic="voucher.Gemeente.MandaatIngetrokken")
    def _mandaat_ingetrokken(self, aan: str, rol: str, wijk: str, datum: date, gebruiker: str) -> None:
        for periode in self.mandaten[_sleutel(aan, rol, wijk)]:
            if periode[0] <= datum and (periode[1] is None or datum < periode[1]):
                periode[1] = datum

    # --- the register of incoming aanvragen (art. 4 lid 4) ----------------------------
    def registreer_aanvraag(self, wijk: str, periode: int, datum: date, gebruiker: str) -> int:
        nummer = self.laatste_aanvraag + 1
        self._aanvraag_geregistreerd(nummer=nummer, wijk=wijk, periode=periode, datum=datum, gebruiker=gebruiker)
        return nummer

    @event("AanvraagGeregistreerd", topic="voucher.Gemeente.AanvraagGeregistreerd")
    def _aanvraag_geregistreerd(self, nummer: int, wijk: str, periode: int, datum: date, gebruiker: str) -> None:
        self.laatste_aanvraag = nummer


@lru_cache(maxsize=8)
def _regeling(gegevens: str) -> Regeling:
    """Parsed once per process; the aggregate's state keeps only the stored primitives."""
    return Regeling.uit_dict(json.loads(gegevens))


def _controleer_rol_en_wijk(rol: str, wijk: str | None) -> str:
    if rol not in ROLLEN:
        raise OngeldigeInvoer(f"onbekende rol {rol!r}: kies college, regiegroep of kasbeheerder")
    if rol == "college" and wijk:
        raise OngeldigeInvoer("het college heeft een mandaat voor de hele gemeente: laat --wijk weg")
    if rol == "regiegroep" and not wijk:
        raise OngeldigeInvoer("een regiegroep wordt voor een wijk gemandateerd: geef --wijk CODE (art. 2 lid 6)")
    return wijk or ALLE_WIJKEN
