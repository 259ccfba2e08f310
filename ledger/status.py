"""The aanvraag's status and its transitions: the one home of the status machine (art. 4, 5, 6).

Rules owned here:
- the statuses, as a `StrEnum` whose values are the strings stored in snapshots, views and
  `--json` output (`"raadpleging_voor"`, never renamed);
- which act is allowed in which status (`TOEGESTAAN`), and the status after each event of the
  aanvraag (`na`): the aggregate (ledger/aanvraag.py), the read models (projections/vouwen.py)
  and the reports (projections/rapporten/geschiedenis.py) all move by this table, so they
  cannot disagree;
- `OPEN`: an aanvraag that still waits for a decision (it is in or near the queue of art. 4
  lid 4); `BESLISBAAR`: the statuses in which a decision can be taken (art. 5);
- a grant is vastgesteld once (Awb 4:42); what was paid and is not due is claimed back before
  or after it (Awb 4:57);
- a decision revoked on a gegrond bezwaar (Awb 7:11) puts the aanvraag back where it stood before
  it, open for a new decision (`herroepen`);
- an aanvraag the initiatiefnemer withdraws (`ingetrokken`) or that is put aside under Awb 4:5
  (`buiten behandeling`) leaves the queue and is never decided afterwards.

Light on purpose: no event-sourced classes, so the read models import it cheaply.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    ONVOLLEDIG = "onvolledig"  # art. 4 lid 2 not met, or an aanvulling is asked (art. 4 lid 3)
    INGEDIEND = "ingediend"  # complete, in the order of receipt (art. 4 lid 4)
    GESCHIKT = "geschikt"  # above the threshold, meets the rules: to the wijkraadpleging (art. 5 lid 3)
    RAADPLEGING_VOOR = "raadpleging_voor"  # the wijkraadpleging decided it gets vouchers (art. 5 lid 6)
    TOEGEKEND = "toegekend"  # vouchers verstrekt (art. 5 lid 2)
    GEWEIGERD = "geweigerd"  # on a ground of art. 6, or by the wijkraadpleging
    INGETROKKEN = "ingetrokken"  # withdrawn by the initiatiefnemer before a decision
    BUITEN_BEHANDELING = "buiten behandeling"  # Awb 4:5: not completed within the aanvullingstermijn
    VASTGESTELD = "vastgesteld"  # Awb 4:42-4:47: the grant is settled at what was spent


OPEN: frozenset[Status] = frozenset({Status.ONVOLLEDIG, Status.INGEDIEND, Status.GESCHIKT, Status.RAADPLEGING_VOOR})
BESLISBAAR: tuple[Status, ...] = (Status.INGEDIEND, Status.GESCHIKT, Status.RAADPLEGING_VOOR)

# act (as the refusal names it) -> the statuses in which it may be done
TOEGESTAAN: dict[str, tuple[Status, ...]] = {
    "aanvulling vragen": (Status.ONVOLLEDIG, Status.INGEDIEND),
    "aanvullen": (Status.ONVOLLEDIG, Status.INGEDIEND),
    "toekennen": BESLISBAAR,
    "weigeren": BESLISBAAR,
    "geschikt verklaren": (Status.INGEDIEND,),
    "een raadplegingsbesluit vastleggen": (Status.GESCHIKT,),
    "intrekken": tuple(sorted(OPEN)),  # before a decision on the vouchers
    "buiten behandeling stellen": (Status.ONVOLLEDIG,),  # Awb 4:5: only an incomplete aanvraag
    "vaststellen": (Status.TOEGEKEND,),  # Awb 4:42: a grant, once
    "terugvorderen": (Status.TOEGEKEND, Status.VASTGESTELD),  # Awb 4:57: what was paid and is not due
    "herroepen": (Status.TOEGEKEND, Status.GEWEIGERD, Status.BUITEN_BEHANDELING),  # Awb 7:11, on bezwaar
}


def bij_indiening(volledig: bool) -> Status:
    """Art. 4 lid 2: a complete aanvraag is ingediend, an incomplete one onvolledig."""
    return Status.INGEDIEND if volledig else Status.ONVOLLEDIG


def _aangevuld(status: Status, *, volledig: bool, **_: Any) -> Status:
    # Art. 4 lid 3: complete again only once nothing of art. 4 lid 2 is missing.
    return Status.INGEDIEND if status == Status.ONVOLLEDIG and volledig else status


def _raadpleging(status: Status, *, uitkomst: str, **_: Any) -> Status:
    return Status.RAADPLEGING_VOOR if uitkomst == "voor" else Status.GEWEIGERD


def _wordt(nieuw: Status) -> Callable[..., Status]:
    def overgang(status: Status, **_: Any) -> Status:
        return nieuw

    return overgang


def _herroepen(status: Status, *, terug: str, **_: Any) -> Status:
    # Awb 7:11: back to where the aanvraag stood before the revoked decision (ledger/aanvraag_bezwaar.py).
    return Status(terug)


def _blijft(status: Status, **_: Any) -> Status:
    return status


# event of the aanvraag (its class name in ledger/aanvraag_gebeurtenissen.py) -> the status after it
OVERGANGEN: dict[str, Callable[..., Status]] = {
    "AanvullingGevraagd": _wordt(Status.ONVOLLEDIG),
    "Aangevuld": _aangevuld,
    "Toegekend": _wordt(Status.TOEGEKEND),
    "Geweigerd": _wordt(Status.GEWEIGERD),
    "GeschiktVerklaard": _wordt(Status.GESCHIKT),
    "RaadplegingBesloten": _raadpleging,
    "Ingetrokken": _wordt(Status.INGETROKKEN),
    "BuitenBehandelingGesteld": _wordt(Status.BUITEN_BEHANDELING),
    "ToekenningIngetrokken": _blijft,  # Awb 4:48: the grant stands, for less (or nothing unspent)
    "Vastgesteld": _wordt(Status.VASTGESTELD),
    "TerugvorderingIngesteld": _blijft,
    "TerugbetalingOntvangen": _blijft,
    "Bekendgemaakt": _blijft,
    "WijzigingGemeld": _blijft,
    "PersoonsgegevensVernietigd": _blijft,
    "Herroepen": _herroepen,
}


def na(gebeurtenis: str, status: str, **feiten: Any) -> Status:
    """The status after `gebeurtenis` (an Aanvraag event name) in `status`.

    `feiten`: `volledig` (Aangevuld: nothing of art. 4 lid 2 missing afterwards), `uitkomst`
    (RaadplegingBesloten: "voor" or "tegen"), `terug` (Herroepen: the status before the revoked decision)."""
    return OVERGANGEN[gebeurtenis](Status(status), **feiten)


def mag(handeling: str, status: str) -> bool:
    return Status(status) in TOEGESTAAN[handeling]
