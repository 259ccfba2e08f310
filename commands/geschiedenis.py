"""The numbered history: every stored event with its number in the log, for the reports.

A report names, for every euro, the event it rests on; that name is the event's
notification id (its number in the log, in commit order). `Kern.gebeurtenissen()` drops
that number, so the reports read through here. Reading only: nothing is decided or saved.

A report of one wijk and one budget year (`selectie`) reads only that wijk and year and what
touches every wijk, through the selection index (commands/selectie.py); what the whole log adds
to the report's head comes from the index too, so the report is the one of the whole log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar

from commands import selectie as s
from commands.kern import Kern
from commands.opslag import lees_opslag

R = TypeVar("R")

Genummerd = tuple[int, Any]
"""(notification id, decoded domain event)"""


def genummerd(dienst: Kern) -> Iterator[Genummerd]:
    """Every stored event in commit order, with its number in the log."""
    return dienst.app.genummerd()


def selectie_van(wijkcode: str | None, periode: int | None, bekend_op: date | None = None) -> s.Selectie | None:
    """The selection of a report's --wijk and --periode (both given), for `lees_geschiedenis`; None otherwise,
    also for a code that is no wijk code (the report says so, after the fold, as it always did)."""
    if not wijkcode or not periode:
        return None
    from commands.modellen import normaliseer_wijkcode
    from ledger.fouten import OngeldigeInvoer

    try:
        return s.Selectie(normaliseer_wijkcode(wijkcode), periode, bekend_op)
    except OngeldigeInvoer:
        return None


def lees_geschiedenis(dienst: Kern, vouw: Callable[[Iterator[Genummerd]], R], selectie: s.Selectie | None = None) -> R:
    """Fold the whole numbered history; a store that is missing or unreachable is the contract's error.

    With `selectie` (the report's --wijk and --periode, and its --bekend-op), a fold into a
    `Geschiedenis` reads only what that wijk and year need, when the index can answer."""
    lees_opslag(lambda: dienst.gemeente(wijzigen=False))  # not initialised: exit 5 before anything is folded
    stand = lees_opslag(lambda: s.bruikbaar(dienst.app)) if selectie is not None else None
    if selectie is None or stand is None:
        return lees_opslag(lambda: vouw(genummerd(dienst)))
    return lees_opslag(lambda: _gekozen(dienst, vouw, selectie, stand))


def _gekozen(dienst: Kern, vouw: Callable[[Iterator[Genummerd]], R], selectie: s.Selectie, stand: int) -> R:
    from projections.rapporten.geschiedenis import Geschiedenis

    app = dienst.app
    stop = s.grens(app, selectie.bekend_op, stand)
    h = vouw(app.genummerd(selectie=(selectie.wijk, selectie.periode), stop=stop))
    if not isinstance(h, Geschiedenis):
        raise TypeError("een selectie geldt alleen voor een vouw tot een Geschiedenis")
    t = s.tellers(app, selectie, h.tot, stop)
    # The head of the report is that of the whole log (projections/rapporten/geschiedenis.py `pas_toe`):
    # the last event read and the last one dated by `tot` are the log's, and the events of other wijken
    # and years dated by `tot` count. An event outside the selection never fails its fold for want of
    # its wijk, aanvraag or voucher: an act is never dated before the act it depends on
    # (ledger/regels.py `samenhangende_data`), which is there whenever the act is.
    h.gelezen, h.laatste = t.gelezen, t.laatste
    h.meegeteld += t.buiten
    if t.buiten_laatste_datum is not None and (h.laatste_datum is None or t.buiten_laatste_datum > h.laatste_datum):
        h.laatste_datum = t.buiten_laatste_datum
    return h
