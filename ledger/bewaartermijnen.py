"""How long an aanvraag's personal data is kept (Archiefwet, Selectielijst gemeenten 2020).

Rules owned here (`bewaartermijn` is the one place they are decided):
- toegekend (also when partly refused): 7 years after the matter ends. The matter ends "na
  afloop van de periode": at the end of the budget year in which the initiative had to be
  executed (the year of the wijk's uitvoeringsdatum, art. 5 lid 8), because the vouchers'
  settlement belongs to that year whatever day the municipality chose for execution. So the
  term runs from 31 December of that year and ends 7 years later, on 31 December;
- geweigerd (by the regiegroep or by the wijkraadpleging): 5 years after the date of the decision;
- niet afgehandeld (never completed, never decided, dropped): 1 year after the last act on it;
- the data may be destroyed ON the end date and later, never before it, and only of a finished
  file (`eis_afgerond`): an undecided aanvraag's data are never destroyed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ledger.datum import formatteer_datum
from ledger.fouten import OngeldigeToestand, RegelOvertreden

BRON = "Selectielijst gemeenten 2020"
JAREN = {"toegekend": 7, "geweigerd": 5, "niet afgehandeld": 1}


class BewaartermijnLoopt(RegelOvertreden):
    """Archiefwet / Selectielijst: the file is kept until its term ends."""


@dataclass(frozen=True)
class Bewaartermijn:
    uitkomst: str  # "toegekend" | "geweigerd" | "niet afgehandeld"
    begin: date
    einde: date  # the first day on which the personal data may be destroyed

    def verstreken(self, datum: date) -> bool:
        return datum >= self.einde


def plus_jaren(d: date, jaren: int) -> date:
    """The same day `jaren` later; 29 February becomes 28 February in a common year."""
    try:
        return d.replace(year=d.year + jaren)
    except ValueError:
        return d.replace(year=d.year + jaren, day=28)


def bewaartermijn(
    status: str, uitvoeren_tot: date, besluit_datum: date | None, laatste_handeling: date
) -> Bewaartermijn:
    """The term of an aanvraag with this status; `besluit_datum` is the date of its (first) decision."""
    if status in ("toegekend", "vastgesteld"):  # a grant, settled or not (Awb 4:42)
        begin = date(uitvoeren_tot.year, 12, 31)
        uitkomst = "toegekend"
    elif status == "geweigerd" and besluit_datum is not None:
        begin = besluit_datum
        uitkomst = "geweigerd"
    else:
        begin = laatste_handeling
        uitkomst = "niet afgehandeld"
    return Bewaartermijn(uitkomst, begin, plus_jaren(begin, JAREN[uitkomst]))


AFGEROND = ("geweigerd", "ingetrokken", "buiten behandeling", "vastgesteld")
"""The statuses of a finished file; a grant is finished once vastgesteld or its period is closed."""


def is_afgerond(status: str, *, periode_gesloten: bool) -> bool:
    return status in AFGEROND or (status == "toegekend" and periode_gesloten)


def eis_afgerond(nummer: int, status: str, *, periode_gesloten: bool) -> None:
    """Archive: only a finished file is destroyed (Archiefwet 1995 art. 3; AVG art. 17 lid 3 onder b): decided
    and, when granted, vastgesteld or its period closed; withdrawn; buiten behandeling; refused. The data of
    an aanvraag that still awaits a decision (or a grant still being executed) are needed to handle it."""
    if is_afgerond(status, periode_gesloten=periode_gesloten):
        return
    nog = (
        "de toekenning is nog niet vastgesteld en de periode is niet afgesloten"
        if status == "toegekend"
        else "er is nog niet over beslist"
    )
    raise OngeldigeToestand(
        f"aanvraag {nummer} is nog niet afgerond (status {status}: {nog}); de persoonsgegevens van een dossier "
        "worden pas vernietigd als het is afgerond: beslist en, bij een toekenning, vastgesteld of de periode "
        "afgesloten; ingetrokken; buiten behandeling gesteld; of geweigerd",
        artikel="Archiefwet 1995 art. 3; AVG art. 17 lid 3 onder b",
        aanvraag=nummer,
        status=status,
    )


def eis_verstreken(nummer: int, termijn: Bewaartermijn, datum: date) -> None:
    if not termijn.verstreken(datum):
        raise BewaartermijnLoopt(
            f"de bewaartermijn van aanvraag {nummer} loopt tot {termijn.einde:%d-%m-%Y} ({BRON}): "
            f"{termijn.uitkomst}, {JAREN[termijn.uitkomst]} jaar na {formatteer_datum(termijn.begin)}; "
            "pas dan mogen de persoonsgegevens worden vernietigd",
            artikel="Archiefwet 1995 art. 5",
            aanvraag=nummer,
            einde=termijn.einde,
        )
