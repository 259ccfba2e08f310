"""An independent saldo fold, kept by the tests as an oracle for the read models and reports.

Written apart from projections/vouwen.py on purpose: two folds that agree on random
histories are evidence; one fold checked against itself is not. `per` counts only acts
with `datum <= per`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ledger import gebeurtenissen as g
from projections.saldo import Saldo


def vouw(gebeurtenissen: Iterable[Any], per: date | None = None) -> list[Saldo]:
    """Fold every event into saldi, sorted by wijk and period."""
    saldi: dict[tuple[str, int], Saldo] = {}
    voucher_wijk: dict[Any, tuple[str, int]] = {}

    def saldo_van(sleutel: tuple[str, int]) -> Saldo:
        if sleutel not in saldi:
            saldi[sleutel] = Saldo(*sleutel)
        return saldi[sleutel]

    wijk_sleutel: dict[Any, tuple[str, int]] = {}
    aanvraag_wijk: dict[Any, tuple[str, int]] = {}
    for e in gebeurtenissen:
        if isinstance(e, g.AanvraagIngediend):  # known before `per`: what follows it is dated later anyway
            aanvraag_wijk[e.originator_id] = (e.wijk, e.periode)
        datum = getattr(e, "datum", None)
        if per is not None and datum is not None and datum > per:
            continue
        if isinstance(e, g.WijkAangewezen):
            sleutel = (e.code, e.periode)
            wijk_sleutel[e.originator_id] = sleutel
            s = saldo_van(sleutel)
            s.naam, s.budget = e.naam, e.budget
        elif isinstance(e, g.WijkUitvoeringskostenGereserveerd):
            saldo_van(wijk_sleutel[e.originator_id]).uitvoeringskosten = e.bedrag
        elif isinstance(e, g.WijkSubsidieplafondVastgesteld):
            saldo_van(wijk_sleutel[e.originator_id]).plafond = e.plafond
        elif isinstance(e, g.WijkBudgetGewijzigd):  # art. 2 lid 2: the budget in force counts
            saldo_van(wijk_sleutel[e.originator_id]).budget = e.budget
        elif isinstance(e, g.AanvraagVastgesteld):  # a lower vaststelling claims the difference back
            s = saldo_van(aanvraag_wijk[e.originator_id])
            s.teruggevorderd = s.teruggevorderd + e.teruggevorderd
        elif isinstance(e, g.AanvraagTerugvorderingIngesteld):  # Awb 4:57
            s = saldo_van(aanvraag_wijk[e.originator_id])
            s.teruggevorderd = s.teruggevorderd + e.bedrag
        elif isinstance(e, g.AanvraagTerugbetalingOntvangen):  # paid back: available again under the plafond
            s = saldo_van(aanvraag_wijk[e.originator_id])
            s.terugontvangen = s.terugontvangen + e.bedrag
        elif isinstance(e, g.VoucherVerstrekt):
            sleutel = (e.wijk, e.periode)
            voucher_wijk[e.originator_id] = sleutel
            s = saldo_van(sleutel)
            s.toegekend = s.toegekend + e.waarde
        elif isinstance(e, g.VoucherVerzilverd):
            s = saldo_van(voucher_wijk[e.originator_id])
            s.verzilverd = s.verzilverd + e.bedrag
        elif isinstance(e, g.VoucherContantOpgenomen):
            s = saldo_van(voucher_wijk[e.originator_id])
            s.contant = s.contant + e.bedrag
        elif isinstance(e, g.VoucherVervallen):
            s = saldo_van(voucher_wijk[e.originator_id])
            s.vervallen = s.vervallen + e.bedrag
        elif isinstance(e, g.VoucherWaardeIngetrokken):  # Awb 4:48: released, counts as vervallen
            s = saldo_van(voucher_wijk[e.originator_id])
            s.vervallen = s.vervallen + e.bedrag
        elif isinstance(e, g.VoucherBetalingGecorrigeerd):  # storno: the corrected payment no longer counts
            s = saldo_van(voucher_wijk[e.originator_id])
            if e.soort == "contant":
                s.contant = s.contant - e.bedrag
            else:
                s.verzilverd = s.verzilverd - e.bedrag
    return [saldi[k] for k in sorted(saldi)]
