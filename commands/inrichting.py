"""Inrichting, mandaten en wijken (art. 2, art. 10 lid 1): the college sets up the administration.

Rules owned here (the aggregates check each of them; this module loads and saves):
- `voucher init`: one administration for one gemeente with its regeling; a repeat with the same
  gemeente and regeling changes nothing, another gemeente is refused (art. 2); the user who sets
  it up holds the first college mandate;
- `voucher mandaat geven|intrekken` (art. 2 lid 4 en 6, Awb 10:10): only the college appoints a
  kasbeheerder and mandates a regiegroep (or an ambtenaar, toelichting art. 2 lid 6); on PostgreSQL
  the login's database privilege follows the mandate in the same transaction (commands/rechten.py);
- `voucher wijk aanwijzen` (art. 2 lid 1-3 en 5, art. 10): the college designates a wijk for a budget
  year, from the year the verordening is in force, with its budget, the reserve for uitvoeringskosten
  (an amount or a percentage, whole cents rounded down) and its subsidieplafond; a repeat with the
  same figures changes nothing, other figures are refused (use `wijk plafond`);
- `voucher wijk plafond` (art. 2 lid 5, Awb 4:22 and 4:27): the college sets the plafond anew.

And the order of the set-up, in `richt_in` below: on PostgreSQL first whether this login may make
the roles (asked before anything is written); then the gemeente with its regeling and the first
college mandate (`Inrichting.richt_in`); then the read models (projections/), so that the views
exist from the start, and the selection index (commands/selectie.py, completed from the log for an
older store); then on PostgreSQL the group roles and policies that make the database
privileges follow the mandates (commands/rechten.py). A refused `init` on a new SQLite file leaves
no empty store behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from commands import budgetjaren, selectie
from commands import resultaten as r
from commands.kern import Besluit, Kern
from ledger import ids
from ledger.fouten import OngeldigeInvoer, RegelOvertreden, VoucherFout
from ledger.geld import Bedrag
from ledger.gemeente import Gemeente
from ledger.wijk import Wijk

if TYPE_CHECKING:  # the command models (pydantic) are only types here; reads never import pydantic
    from commands import modellen as m
    from commands.adres import Opslag
    from commands.dienst import Dienst


class Inrichting(Kern):
    """The college's acts of art. 2: the administration, the mandates, the wijken and their plafond."""

    def richt_in(self, cmd: m.Inrichten) -> r.Inrichting:
        datum = self.datum(cmd.datum)

        self.lees(self.sleutels.richt_in)  # the key table of the personal data; changes nothing if it exists

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
            self.ook_uitvoeren(self.databaserechten.volg_mandaat(g, aan, rol, self.vandaag, gegeven=gegeven))

    def wijs_wijk_aan(self, cmd: m.WijsWijkAan) -> r.Wijkstand:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Wijkstand]:
            g = self.gemeente(wijzigen=False)
            g.eis_mandaat(self.gebruiker, "college", None, datum)
            self.eis_in_werking(g, datum)
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


def _uitvoeringskosten(cmd: m.WijsWijkAan) -> Bedrag:
    if cmd.uitvoeringskosten is not None and cmd.uitvoeringskosten_procent is not None:
        raise OngeldigeInvoer("geef --uitvoeringskosten als bedrag of als percentage, niet beide")
    if cmd.uitvoeringskosten_procent is not None:
        # Whole cents, rounded down, so the reserve never exceeds the percentage.
        centen = (Decimal(cmd.budget.centen) * cmd.uitvoeringskosten_procent / 100).to_integral_value(ROUND_FLOOR)
        return Bedrag.van_centen(int(centen))
    return cmd.uitvoeringskosten or Bedrag.nul()


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


def richt_in(
    opslag: Opslag, open_dienst: Callable[[], Dienst], cmd: m.Inrichten, sluit: Callable[[], None]
) -> r.Inrichting:
    """Set up the store at `opslag`; `open_dienst` opens it for the acting user, `sluit` closes it."""
    nieuw_bestand = opslag.pad is not None and not opslag.pad.exists()
    postgres = opslag.soort == "postgresql"
    try:
        dienst = open_dienst()
        if postgres:
            from commands import rechten

            rechten.controleer_inrichter(dienst.app)
        uitkomst = dienst.richt_in(cmd)
    except VoucherFout:
        if nieuw_bestand and opslag.pad is not None:
            sluit()
            opslag.pad.unlink(missing_ok=True)
        raise
    from commands.leesmodellen import Leesdienst

    Leesdienst(dienst).richt_in()
    selectie.richt_in(dienst.app)  # before the privileges: the index is one of the tables they cover
    if postgres:
        rollen = rechten.richt_in(dienst.app, dienst.gemeente(wijzigen=False), dienst.vandaag)
        uitkomst = replace(uitkomst, **rollen)
    return uitkomst
