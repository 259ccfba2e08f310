"""The aanvraag's status has one home (ledger/status.py): the aggregate, the read model's fold
(projections/vouwen.py) and the reports' fold (projections/rapporten/geschiedenis.py) agree on
it, and on what is missing (art. 4 lid 2), after any random history of acts on aanvragen.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from wereld import PERIODE, Wereld, geheugen_app

from commands import modellen as m
from commands.beeindigen import StelBuitenBehandeling, TrekAanvraagIn, stel_buiten_behandeling, trek_in
from ledger import ids
from ledger.aanvraag import Aanvraag
from ledger.fouten import VoucherFout
from ledger.geld import Bedrag
from ledger.status import Status
from projections import vouwen
from projections.rapporten import geschiedenis

ONTVANGEN = date(PERIODE, 2, 1)

handelingen = st.sampled_from(
    [
        "aanvulling vragen",
        "aanvullen",
        "telefoon wissen",
        "toekennen",
        "weigeren",
        "geschikt",
        "voor",
        "tegen",
        "intrekken",
        "buiten behandeling",
    ]
)
stappen = st.lists(st.tuples(st.integers(0, 3), handelingen, st.integers(0, 60)), max_size=25)


def _doe(w: Wereld, nummer: int, handeling: str, dag: date) -> None:
    r = w.regie
    opdrachten = {
        "aanvulling vragen": lambda: r.vraag_aanvulling(m.VraagAanvulling(nummer=nummer, wat="begroting", datum=dag)),
        "aanvullen": lambda: r.vul_aan(m.VulAanvraagAan(nummer=nummer, telefoon="06-1", ondertekend=True, datum=dag)),
        "telefoon wissen": lambda: r.vul_aan(m.VulAanvraagAan(nummer=nummer, planning="mei", datum=dag)),
        "toekennen": lambda: r.ken_toe(m.KenToe(nummer=nummer, datum=dag, buiten_volgorde="test")),
        "weigeren": lambda: r.weiger(m.Weiger(nummer=nummer, grond="a", motivering="niet haalbaar", datum=dag)),
        "geschikt": lambda: r.verklaar_geschikt(m.VerklaarGeschikt(nummer=nummer, datum=dag)),
        "voor": lambda: r.besluit_raadpleging(m.BesluitRaadpleging(nummer=nummer, uitkomst="voor", datum=dag)),
        "tegen": lambda: r.besluit_raadpleging(m.BesluitRaadpleging(nummer=nummer, uitkomst="tegen", datum=dag)),
        "intrekken": lambda: trek_in(r, TrekAanvraagIn(nummer=nummer, reden="dubbel", datum=dag)),
        "buiten behandeling": lambda: stel_buiten_behandeling(
            # later than most requests for aanvulling, so that their term has often passed (Awb 4:5)
            r,
            StelBuitenBehandeling(nummer=nummer, motivering="niet aangevuld", datum=dag + timedelta(days=30)),
        ),
    }
    try:
        opdrachten[handeling]()
        event(f"{handeling}: gedaan")
    except VoucherFout as e:
        event(f"{handeling}: {type(e).__name__}")  # a refused act is part of a random history too


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    aanvragen=st.lists(st.tuples(st.booleans(), st.sampled_from([800_00, 12_000_00])), min_size=1, max_size=4),
    stappen=stappen,
)
def test_aggregaat_leesmodel_en_rapport_kennen_dezelfde_status(
    aanvragen: list[tuple[bool, int]], stappen: list[tuple[int, str, int]]
) -> None:
    w = Wereld.ingericht(geheugen_app(), budget="200.000")
    nummers = []
    for volledig, kosten in aanvragen:
        extra = {} if volledig else {"telefoon": None, "ondertekend": False}
        nummers.append(w.aanvraag(Bedrag.van_centen(kosten).nl(), ontvangen=ONTVANGEN, **extra))
    for i, handeling, dag in stappen:
        _doe(w, nummers[i % len(nummers)], handeling, ONTVANGEN + timedelta(days=dag))

    genummerd = list(w.app.genummerd())
    rijen = {r.nummer: r for r in vouwen.vouw(genummerd).aanvraag_rijen()}
    historie = geschiedenis.vouw(genummerd).aanvragen
    for nummer in nummers:
        a = w.app.repository.get(ids.aanvraag_id(nummer))
        assert isinstance(a, Aanvraag)
        assert Status(a.status) == rijen[nummer].status == historie[nummer].status
        assert a.ontbreekt == list(rijen[nummer].ontbreekt) == historie[nummer].ontbreekt
        assert (a.status in geschiedenis.OPEN) == (a.besluit is None and a.intrekking is None)
