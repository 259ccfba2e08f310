"""The terms of bezwaar: when it may be made, and when it must be decided (Awb 6:7-6:11, 7:10; Atw).

Rules owned here (pure functions on dates, no state):
- the bezwaartermijn is six weeks (the regeling's `bezwaartermijn_weken`, Awb 6:7) and starts on
  the day after the decision was sent (Awb 6:8 lid 1, bekendmaking by sending, Awb 3:41): sent on
  2 March, the term runs from 3 March up to and including 13 April (2 March + 42 days);
- Algemene termijnenwet art. 1 lid 1: a statutory term that ends on a Saturday, Sunday or an
  algemeen erkende feestdag is extended up to and including the next day that is none of these.
  The feestdagen are those of Atw art. 3 lid 1: Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag,
  tweede Pinksterdag, beide Kerstdagen, Koningsdag (27 April, 26 April when the 27th is a Sunday)
  and 5 mei. Days the government equates with them by decree for one year (art. 3 lid 2, e.g.
  Goede Vrijdag in some years) are not modelled: the term is then one day shorter than the law
  allows at most, never longer;
- a bezwaarschrift is tijdig when it is received on or before the last day (Awb 6:9 lid 1); a
  late one is niet-ontvankelijk unless the lateness is excusable (Awb 6:11), which the one who
  registers it states with a reason;
- a decision that was never sent has no running term (Awb 6:8): a bezwaar against it is tijdig
  (Awb 6:10 lid 1 onder a: made before the term began, against a decision already taken);
- the beslistermijn (Awb 7:10 lid 1): six weeks from the day after the bezwaartermijn ended, so
  the end of the bezwaartermijn + 42 days, Atw-extended like any statutory term. For a bezwaar
  received after the bezwaartermijn ended, or against a decision not sent, the six weeks count
  from the day after receipt: the gemeente cannot decide on a bezwaar before it has it. An
  advisory committee (twelve weeks, 7:10 lid 1) and postponement (lid 3) are not modelled.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

BESLISTERMIJN_WEKEN = 6  # Awb 7:10 lid 1, without an advisory committee


def pasen(jaar: int) -> date:
    """Easter Sunday (Gregorian calendar; the anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = jaar % 19, jaar // 100, jaar % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    maand, dag = divmod(h + ll - 7 * m + 114, 31)
    return date(jaar, maand, dag + 1)


@cache
def feestdagen(jaar: int) -> frozenset[date]:
    """The algemeen erkende feestdagen of Atw art. 3 lid 1 in `jaar`."""
    p = pasen(jaar)
    koningsdag = date(jaar, 4, 27)
    if koningsdag.weekday() == 6:  # Wet viering Koningsdag: on a Sunday it is the day before
        koningsdag = date(jaar, 4, 26)
    return frozenset(
        {
            date(jaar, 1, 1),
            p + timedelta(days=1),  # tweede Paasdag
            p + timedelta(days=39),  # Hemelvaartsdag
            p + timedelta(days=50),  # tweede Pinksterdag
            koningsdag,
            date(jaar, 5, 5),
            date(jaar, 12, 25),
            date(jaar, 12, 26),
        }
    )


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def atw(einde: date) -> date:
    """Atw art. 1 lid 1: a term ending on a Saturday, Sunday or feestdag runs to the next other day."""
    while not is_werkdag(einde):
        einde += timedelta(days=1)
    return einde


def laatste_dag_bezwaar(verzonden: date, weken: int) -> date:
    """Awb 6:7-6:8 with Atw art. 1: the last day a bezwaarschrift is on time."""
    return atw(verzonden + timedelta(weeks=weken))


def tijdig(ontvangen: date, laatste_dag: date | None) -> bool:
    """Awb 6:9 lid 1 (and 6:10 lid 1 onder a when the decision was not sent: `laatste_dag` None)."""
    return laatste_dag is None or ontvangen <= laatste_dag


def beslissen_voor(ontvangen: date, laatste_dag: date | None) -> date:
    """Awb 7:10 lid 1 with Atw art. 1: the last day to decide on the bezwaar."""
    begin = ontvangen if laatste_dag is None or ontvangen > laatste_dag else laatste_dag
    return atw(begin + timedelta(weeks=BESLISTERMIJN_WEKEN))
