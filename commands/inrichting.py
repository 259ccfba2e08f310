"""`voucher init`: setting up a store, in the order that leaves nothing half done (art. 2).

Owns the order of the set-up: on PostgreSQL first whether this login may make the roles (asked
before anything is written); then the gemeente with its regeling and the first college mandate
(commands/dienst.py `richt_in`); then the read models (projections/), so that the views exist from
the start, and the selection index (commands/selectie.py, completed from the log for an older store); then on PostgreSQL the group roles and policies that make the database privileges follow
the mandates (commands/rechten.py). A refused `init` on a new SQLite file leaves no empty store behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from commands import modellen as m
from commands import resultaten as r
from commands import selectie
from commands.adres import Opslag
from commands.dienst import Dienst
from commands.leesmodellen import Leesdienst
from ledger.fouten import VoucherFout


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
    Leesdienst(dienst).richt_in()
    selectie.richt_in(dienst.app)  # before the privileges: the index is one of the tables they cover
    if postgres:
        rollen = rechten.richt_in(dienst.app, dienst.gemeente(wijzigen=False), dienst.vandaag)
        uitkomst = replace(uitkomst, **rollen)
    return uitkomst
