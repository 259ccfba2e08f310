"""The numbered history: every stored event with its number in the log, for the reports.

A report names, for every euro, the event it rests on; that name is the event's
notification id (its number in the log, in commit order). `Kern.gebeurtenissen()` drops
that number, so the reports read through here. Reading only: nothing is decided or saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from commands.kern import Kern
from commands.opslag import lees_opslag

R = TypeVar("R")

Genummerd = tuple[int, Any]
"""(notification id, decoded domain event)"""


def genummerd(dienst: Kern) -> Iterator[Genummerd]:
    """Every stored event in commit order, with its number in the log."""
    return dienst.app.genummerd()


def lees_geschiedenis(dienst: Kern, vouw: Callable[[Iterator[Genummerd]], R]) -> R:
    """Fold the whole numbered history; a store that is missing or unreachable is the contract's error."""
    lees_opslag(lambda: dienst.gemeente(wijzigen=False))  # not initialised: exit 5 before anything is folded
    return lees_opslag(lambda: vouw(genummerd(dienst)))
