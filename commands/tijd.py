"""A verordening that changes and a budget that changes (DOMAIN.md "Time"; art. 2 lid 2, 3, 5; art. 10).

Rules owned here (the aggregates check them; this module loads, decides and saves):
- `regeling wijzigen` (only the college): a new version of the regeling, in force from `--vanaf`;
  every rule is judged with the version in force on the act's business date (`Gemeente.regeling_op`).
  It never reaches back: `--vanaf` lies after the latest business date of any act already recorded
  (those acts were judged under the version then in force, and keep it), and after the previous
  version's date; `--vanaf` may lie in the future (a change adopted now, in force next year). The
  stored version's `inwerkingtreding` is its `vanaf`;
- `wijk budget` (only the college): the wijk's budget for that year changes, never below what is
  committed (granted less what expired or was withdrawn) plus the reserve; art. 2 lid 3 (the
  reserve at most the regeling's percentage of the new budget) and lid 5 (plafond plus reserve
  within the budget) hold after it: a plafond that was budget minus reserve follows the budget, a
  higher plafond comes down to budget minus reserve; both are dated events in the verantwoording.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from commands import resultaten as r
from commands.inrichting import wijk_uitkomst
from commands.kern import Besluit, Kern
from commands.modellen import Opdracht, Periode, Positief, WijkCode
from ledger.regeling import Regeling


class WijzigRegeling(Opdracht):
    regeling: Regeling
    vanaf: date


class WijzigBudget(Opdracht):
    code: WijkCode
    periode: Periode
    budget: Positief


def wijzig_regeling(dienst: Kern, cmd: WijzigRegeling) -> r.RegelingGewijzigd:
    datum = dienst.datum(cmd.datum)
    regeling = dataclasses.replace(cmd.regeling, inwerkingtreding=cmd.vanaf)

    def beslis() -> Besluit[r.RegelingGewijzigd]:
        g = dienst.gemeente(wijzigen=True)
        g.eis_mandaat(dienst.gebruiker, "college", None, datum)
        versie = g.wijzig_regeling(regeling, cmd.vanaf, laatste_handeling(dienst), datum, dienst.gebruiker)
        nieuw = versie > 0
        nummer = versie if nieuw else g.versies()[-1][0]
        uitkomst = r.RegelingGewijzigd(regeling, regeling.naam, nummer, cmd.vanaf, nieuw)
        return ([g] if nieuw else []), uitkomst

    return dienst.voer_uit(beslis, cmd, r.RegelingGewijzigd)


def laatste_handeling(dienst: Kern) -> date:
    """The latest business date of any act in the log (a regeling change may not reach back before it)."""
    return max(
        (d for e in dienst.gebeurtenissen() if isinstance(d := getattr(e, "datum", None), date)), default=date.min
    )


def wijzig_budget(dienst: Kern, cmd: WijzigBudget) -> r.BudgetGewijzigd:
    datum = dienst.datum(cmd.datum)

    def beslis() -> Besluit[r.BudgetGewijzigd]:
        g = dienst.gemeente(wijzigen=False)
        w = dienst.laad_wijk(cmd.code, cmd.periode)
        g.eis_mandaat(dienst.gebruiker, "college", None, datum)
        vorig = w.budget
        if w.budget == cmd.budget:
            return [], r.BudgetGewijzigd(**vars(wijk_uitkomst(w)), vorig=vorig, nieuw=False)
        plafond_mee = w.wijzig_budget(
            cmd.budget, g.regeling_op(datum).uitvoeringskosten_max_procent, datum, dienst.gebruiker
        )
        stand = vars(wijk_uitkomst(w))
        return [w], r.BudgetGewijzigd(**stand, vorig=vorig, nieuw=True, plafond_gewijzigd=plafond_mee)

    return dienst.voer_uit(beslis, cmd, r.BudgetGewijzigd)
