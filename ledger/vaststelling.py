"""Vaststelling and terugvordering of a grant (Awb 4:42-4:47 and 4:57): the rules, without events.

The Aanvraag aggregate (ledger/aanvraag.py) records the acts; it asks these functions first.
Rules owned here:
- a grant is vastgesteld once its vouchers are spent or withdrawn (nothing unspent), or after
  the execution date (art. 5 lid 8): before that the initiative may still spend;
- the vaststelling is what was paid (verzilverd and contant, corrected payments excluded:
  art. 8 lid 1, the initiatiefnemer administers the spending), less what was already claimed
  back; never higher; lower only on a ground of Awb 4:46 lid 2, with a motivering (Awb 3:46);
- a lower vaststelling claims the difference back (Awb 4:57): afterwards vastgesteld +
  teruggevorderd equals what was paid;
- `terugvordering instellen` never claims more than what was paid less what was vastgesteld
  (nothing, before the vaststelling) less what was claimed already; what is received never
  exceeds what is claimed and not yet received.
"""

from __future__ import annotations

from datetime import date

from ledger.begrippen import VASTSTELLINGSGRONDEN
from ledger.datum import formatteer_datum
from ledger.fouten import OngeldigeInvoer, RegelOvertreden, TermijnLoopt
from ledger.geld import Bedrag


def eis_vaststelbaar(nummer: int, onbesteed: Bedrag, uitvoeren_tot: date, datum: date) -> None:
    """Awb 4:44: settle once nothing is left to spend, or after the execution date (art. 5 lid 8)."""
    if onbesteed.centen and datum <= uitvoeren_tot:
        raise TermijnLoopt(
            f"van aanvraag {nummer} is nog {onbesteed} onbesteed en tot en met {formatteer_datum(uitvoeren_tot)} "
            "wordt nog uitgevoerd: vaststellen kan als de vouchers besteed of ingetrokken zijn, of na die dag",
            artikel="Awb 4:44, art. 5 lid 8",
            onbesteed=onbesteed,
            uitvoeren_tot=uitvoeren_tot,
        )


def vast_te_stellen(
    nummer: int, bedrag: Bedrag | None, grond: str | None, motivering: str | None, betaald: Bedrag, gevorderd: Bedrag
) -> tuple[Bedrag, Bedrag]:
    """The amount vastgesteld and the terugvordering it sets (Awb 4:46, 4:57). `gevorderd`: claimed before."""
    hoogste = betaald - gevorderd
    vastgesteld = hoogste if bedrag is None else bedrag
    if vastgesteld > hoogste:
        raise RegelOvertreden(
            f"aanvraag {nummer} wordt ten hoogste vastgesteld op wat betaald is{' en niet is teruggevorderd' if gevorderd.centen else ''}: "
            f"{hoogste}, niet {vastgesteld}",
            artikel="Awb 4:46 lid 1, art. 8 lid 1",
            hoogste=hoogste,
        )
    if vastgesteld < hoogste:
        if grond not in VASTSTELLINGSGRONDEN:
            raise OngeldigeInvoer(
                f"lager vaststellen dan wat betaald is ({hoogste}) kan alleen op een grond van art. 4:46 lid 2 Awb: "
                "--grond a, b, c of d"
            )
        if not motivering or not motivering.strip():
            raise OngeldigeInvoer("een lagere vaststelling wordt gemotiveerd: geef --motivering (Awb 3:46)")
    elif grond is not None or motivering is not None:
        raise OngeldigeInvoer("--grond en --motivering horen alleen bij een vaststelling lager dan wat betaald is")
    return vastgesteld, hoogste - vastgesteld


def eis_vordering(nummer: int, bedrag: Bedrag, betaald: Bedrag, vastgesteld: Bedrag, gevorderd: Bedrag) -> None:
    """Awb 4:57: never more than what was paid less what was vastgesteld, less what was claimed already."""
    ruimte = betaald - vastgesteld - gevorderd
    if bedrag > ruimte:
        raise RegelOvertreden(
            f"van aanvraag {nummer} kan ten hoogste {ruimte} worden teruggevorderd (betaald {betaald}, vastgesteld "
            f"{vastgesteld}, al teruggevorderd {gevorderd}), niet {bedrag}",
            artikel="Awb 4:57",
            ruimte=ruimte,
        )


def eis_ontvangst(nummer: int, bedrag: Bedrag, openstaand: Bedrag) -> None:
    """What is received never exceeds what is claimed and still open."""
    if bedrag > openstaand:
        raise RegelOvertreden(
            f"van aanvraag {nummer} staat {openstaand} aan terugvordering open: meer kan niet worden ontvangen, "
            f"niet {bedrag}",
            artikel="Awb 4:57",
            openstaand=openstaand,
        )
