"""The answers of a payment (art. 9): paid, or refused and recorded (commands/betalingen.py).

On their own so that `voucher contant` and `verzilver` load only these (and the base,
commands/resultaat.py); commands/resultaten.py re-exports them with every other result.
"""

from __future__ import annotations

from dataclasses import dataclass

from commands.resultaat import Geld, Resultaat


@dataclass(frozen=True)
class Betaling(Resultaat):
    voucher: str
    bedrag: Geld
    restant: Geld
    wijk: str


@dataclass(frozen=True)
class BetalingGeweigerd(Resultaat):
    voucher: str
    bedrag: Geld
    reden: str
    restant: Geld
