"""Two times on every act: its business date and the moment it was recorded; acts entered late are exceptions.

The moment is eventsourcing's own `timestamp` of the event (ledger/vastlegging.py), never given by a
person. Here a simulated clock of the application (`app.klok`, which only tests and the demo set)
records the acts on chosen days, so that the boundary of `laat_geboekt_dagen` can be walked.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from wereld import PERIODE, Wereld, geheugen_app

from commands import modellen as m
from ledger import vastlegging
from ledger.regeling import Regeling
from projections.rapporten import handelingen, verantwoording
from projections.rapporten.geschiedenis import vouw

DATUM = date(PERIODE, 2, 2)  # the business date of the act under test


class Klok:
    """The moment the next act is recorded; set by the test, never by a person."""

    def __init__(self, nu: datetime) -> None:
        self.nu = nu

    def __call__(self, _: Any) -> datetime:
        return self.nu


def _wereld(regeling: Regeling | None = None) -> tuple[Wereld, Klok]:
    app = geheugen_app()
    klok = Klok(datetime(PERIODE, 1, 2, 9, tzinfo=UTC))
    app.klok = klok
    return Wereld.ingericht(app, regeling=regeling), klok


def _laat(w: Wereld) -> list[dict[str, Any]]:
    model = verantwoording.bouw(vouw(w.app.genummerd()))
    return [u for u in model["uitzonderingen"] if u["soort"] == "laat_geboekt"]


def _aanvraag_vastgelegd_op(w: Wereld, klok: Klok, moment: datetime) -> int:
    klok.nu = moment
    return w.aanvraag(ontvangen=DATUM)


def test_precies_veertien_dagen_na_de_datum_vastgelegd_is_op_tijd():
    w, klok = _wereld()
    _aanvraag_vastgelegd_op(w, klok, datetime(PERIODE, 2, 16, 12, tzinfo=UTC))  # 14 days after 2 February
    assert _laat(w) == []


def test_vijftien_dagen_na_de_datum_vastgelegd_staat_bij_de_uitzonderingen_met_beide_data_en_wie():
    w, klok = _wereld()
    nummer = _aanvraag_vastgelegd_op(w, klok, datetime(PERIODE, 2, 17, 12, tzinfo=UTC))
    [u] = _laat(w)
    assert (u["aanvraag"], u["datum"], u["vastgelegd"], u["dagen_laat"], u["door"]) == (
        nummer,
        DATUM,
        date(PERIODE, 2, 17),
        15,
        "regie.noord",
    )
    assert "vastgelegd op 17 februari 2026 door regie.noord, 15 dagen na de datum" in u["toelichting"]
    assert "(2 februari 2026; grens 14 dagen)" in u["toelichting"]
    tekst = verantwoording.tekst(verantwoording.bouw(vouw(w.app.genummerd())))
    assert "Laat vastgelegd" in tekst and "15 dagen na de datum van de handeling" in tekst
    html = verantwoording.html(verantwoording.bouw(vouw(w.app.genummerd())))
    assert "15 dagen na de datum van de handeling" in html


def test_de_dag_van_vastleggen_is_een_dag_in_amsterdam():
    # 16 February 23:30 UTC is 17 February 00:30 in Amsterdam: fifteen days, late.
    w, klok = _wereld()
    _aanvraag_vastgelegd_op(w, klok, datetime(PERIODE, 2, 16, 23, 30, tzinfo=UTC))
    [u] = _laat(w)
    assert (u["vastgelegd"], u["dagen_laat"]) == (date(PERIODE, 2, 17), 15)
    # And 16 February 22:59 UTC in winter is still 16 February 23:59 there: fourteen days, in time.
    w, klok = _wereld()
    _aanvraag_vastgelegd_op(w, klok, datetime(PERIODE, 2, 16, 22, 59, tzinfo=UTC))
    assert _laat(w) == []


def test_de_grens_is_een_parameter_van_de_regeling():
    w, klok = _wereld(Regeling(laat_geboekt_dagen=3))
    _aanvraag_vastgelegd_op(w, klok, datetime(PERIODE, 2, 5, 12, tzinfo=UTC))  # 3 days: in time
    assert _laat(w) == []
    _aanvraag_vastgelegd_op(w, klok, datetime(PERIODE, 2, 6, 12, tzinfo=UTC))  # 4 days: late
    [u] = _laat(w)
    assert u["dagen_laat"] == 4 and "grens 3 dagen" in u["toelichting"]


def test_de_csv_noemt_de_late_handeling_in_haar_eigen_regel():
    w, klok = _wereld()
    nummer = _aanvraag_vastgelegd_op(w, klok, datetime(PERIODE, 2, 20, 12, tzinfo=UTC))
    model = verantwoording.bouw(vouw(w.app.genummerd()))
    rijen = list(handelingen.regels(model))
    [laat] = [r for r in rijen if r.get("laat_geboekt_op")]
    assert (laat["aanvraag"], laat["handeling"], laat["laat_geboekt_op"], laat["dagen_laat"]) == (
        nummer,
        "aanvraag ingediend",
        date(PERIODE, 2, 20),
        18,
    )
    kop = handelingen.csv(model).splitlines()[0]
    assert kop.endswith(";laat_geboekt_op;dagen_laat;stand")


def test_mandaten_van_de_gemeente_staan_er_ook_bij_maar_niet_in_de_selectie_van_een_wijk():
    w, klok = _wereld()
    klok.nu = datetime(PERIODE, 3, 1, 12, tzinfo=UTC)
    w.college.geef_mandaat(m.GeefMandaat(aan="kas.twee", rol="kasbeheerder", datum=date(PERIODE, 2, 1)))
    h = vouw(w.app.genummerd())
    [u] = [x for x in verantwoording.bouw(h)["uitzonderingen"] if x["soort"] == "laat_geboekt"]
    assert (u["wijk"], u["dagen_laat"]) == (None, 28) and u["toelichting"].startswith("gemeente mandaat gegeven")
    assert "gemeente:" in verantwoording.tekst(verantwoording.bouw(h))
    assert not [x for x in verantwoording.bouw(h, "NOORD")["uitzonderingen"] if x["soort"] == "laat_geboekt"]


def test_aanvraag_toon_laat_zien_wanneer_elke_handeling_is_vastgelegd():
    w, klok = _wereld()
    nummer = _aanvraag_vastgelegd_op(w, klok, datetime(PERIODE, 2, 3, 8, 15, 30, tzinfo=UTC))
    klok.nu = datetime(PERIODE, 7, 1, 10, tzinfo=UTC)  # summer time: UTC+2
    w.ken_toe(nummer, datum=date(PERIODE, 3, 1))
    [ingediend, toegekend] = w.regie.toon_aanvraag(nummer)["handelingen"]
    assert (ingediend["handeling"], ingediend["datum"], ingediend["vastgelegd"]) == (
        "aanvraag ingediend",
        DATUM,
        "2026-02-03T09:15:30+01:00",
    )
    assert (toegekend["handeling"], toegekend["datum"], toegekend["vastgelegd"], toegekend["door"]) == (
        "aanvraag toegekend",
        date(PERIODE, 3, 1),
        "2026-07-01T12:00:00+02:00",
        "regie.noord",
    )


def test_zonder_klok_is_het_vastlegmoment_de_klok_van_de_machine():
    app = geheugen_app()
    voor = datetime.now(UTC)
    Wereld.ingericht(app)
    na = datetime.now(UTC)
    momenten = [vastlegging.vastgelegd(e) for _, e in app.genummerd()]
    assert momenten and all(m_ is not None and voor <= m_ <= na for m_ in momenten)


def test_het_einde_van_een_dag_in_amsterdam_in_winter_en_zomer():
    assert vastlegging.einde_van(date(2026, 1, 15)) == datetime(2026, 1, 15, 23, tzinfo=UTC)
    assert vastlegging.einde_van(date(2026, 7, 15)) == datetime(2026, 7, 15, 22, tzinfo=UTC)
    assert vastlegging.einde_van(date(2026, 3, 28)) == datetime(2026, 3, 28, 23, tzinfo=UTC)  # day before DST
    assert vastlegging.einde_van(date(2026, 3, 29)) == datetime(2026, 3, 29, 22, tzinfo=UTC)
    assert vastlegging.einde_van(date(2026, 1, 15)).tzinfo is UTC  # a moment in UTC, as the stored timestamps


def test_de_eu_regel_zonder_tijdzonedatabase_geeft_dezelfde_dagen():
    eu = vastlegging._Eu()
    for moment in (
        datetime(2026, 3, 29, 0, 59, tzinfo=UTC),
        datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
        datetime(2026, 10, 25, 0, 59, tzinfo=UTC),
        datetime(2026, 10, 25, 1, 0, tzinfo=UTC),
        datetime(2026, 7, 1, 21, 59, tzinfo=UTC),
        datetime(2026, 7, 1, 22, 0, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 0, tzinfo=UTC),
    ):
        assert moment.astimezone(eu).replace(tzinfo=None) == moment.astimezone(vastlegging.AMSTERDAM).replace(
            tzinfo=None
        ), moment
