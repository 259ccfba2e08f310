"""Snapshots taken before the second round (class version 1) still load: each upcast gives the new state."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from wereld import PERIODE, WIJK, Wereld, geheugen_app

from ledger import ids
from ledger.aanvraag import Aanvraag
from ledger.geld import Bedrag
from ledger.gemeente import Gemeente
from ledger.voucher import Voucher
from ledger.wijk import Wijk

NIEUW = {
    Aanvraag: {
        "intrekking": None,
        "toekenning_ingetrokken": [],
        "persoonsgegevens_vernietigd": None,
        "vaststelling": None,
        "teruggevorderd": Bedrag.nul(),
        "terugontvangen": Bedrag.nul(),
        "geregistreerd": date(
            PERIODE, 2, 1
        ),  # version 5: the date of receipt stands in for it (received = registered here)
    },
    Voucher: {"gecorrigeerd": [], "ingetrokken": Bedrag.nul()},
    Wijk: {"vrijgegeven": Bedrag.nul(), "terugontvangen": Bedrag.nul(), "verlagingen": []},
    Gemeente: {"weergavenamen": {}, "mandaatbesluiten": {}, "regelingversies": []},  # issues 11 and 12
}


@pytest.mark.parametrize("klasse", [Aanvraag, Voucher, Wijk, Gemeente])
def test_een_momentopname_van_klasseversie_1_krijgt_de_nieuwe_toestand(klasse):
    w = Wereld.ingericht(geheugen_app())
    code = w.voucher("1.000")
    aggregaat_id = {
        Aanvraag: ids.aanvraag_id(1),
        Voucher: ids.voucher_id(code),
        Wijk: ids.wijk_id(WIJK, PERIODE),
        Gemeente: ids.gemeente_id(),
    }
    nu = w.app.repository.get(aggregaat_id[klasse])
    snapshot = klasse.Snapshot.take(nu)
    oud = copy.deepcopy(snapshot.state)
    assert oud.pop("class_version") == klasse.class_version > 1
    for veld in NIEUW[klasse]:
        oud.pop(veld)  # as class version 1 wrote it
    object.__setattr__(snapshot, "state", oud)

    geladen = snapshot.mutate(None)

    for veld, waarde in NIEUW[klasse].items():
        assert getattr(geladen, veld) == waarde, veld
    assert {k: v for k, v in vars(geladen).items()} == {k: v for k, v in vars(nu).items()}


def test_een_momentopname_van_voor_de_registratiedatum_neemt_de_ontvangst_als_ondergrens():
    """Version 5 keeps the date of registration (coherent dates); an older snapshot has only the receipt."""
    w = Wereld.ingericht(geheugen_app())
    w.aanvraag("1.000", ontvangen=date(PERIODE, 2, 2), datum=date(PERIODE, 2, 9))
    nu = w.app.repository.get(ids.aanvraag_id(1))
    assert (nu.ontvangen, nu.geregistreerd) == (date(PERIODE, 2, 2), date(PERIODE, 2, 9))
    snapshot = Aanvraag.Snapshot.take(nu)
    oud = copy.deepcopy(snapshot.state)
    oud.pop("geregistreerd")
    oud["class_version"] = 4
    object.__setattr__(snapshot, "state", oud)
    geladen = snapshot.mutate(None)
    assert geladen.geregistreerd == date(PERIODE, 2, 2)
