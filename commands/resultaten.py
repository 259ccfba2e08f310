"""The results of the use cases: small frozen dataclasses, one definition of each `--json` answer.

A use case returns one of these instead of a loose dict. Its fields, in order, are the keys of the
`--json` object (commands/uitvoer.py writes the values: amounts "1234.50", dates ISO); the Dutch text
of the command line reads the same fields. A field made with `weglaten()` is left out of the object
while it is None (a key that only some answers carry).

Under a `--sleutel` the first answer is recorded as JSON (ledger/verzoek.py); a repeat reads it back
through its result type (`uit_json`), so it is printed with the same amounts and dates as the first
time (`€ 450,00`, `1 maart 2026`). `voucher schema` prints the JSON Schema of each result
(commands/schema.py; pydantic is imported there only, so that reads start without it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Re-exported: every result is `r.X` for its callers, wherever it is defined.
from commands.kasresultaten import Betaling as Betaling
from commands.kasresultaten import BetalingGeweigerd as BetalingGeweigerd
from commands.resultaat import Geld as Geld
from commands.resultaat import JsonSoort as JsonSoort
from commands.resultaat import Parameters as Parameters
from commands.resultaat import R as R
from commands.resultaat import Resultaat, weglaten


# === college: inrichten, mandaten, wijken ==================================================
@dataclass(frozen=True)
class Inrichting(Resultaat):
    gemeente: str
    regeling: Parameters
    nieuw: bool
    # PostgreSQL: the group roles made and the logins in them (commands/rechten.py)
    databaserollen: dict[str, str] | None = weglaten()
    lidmaatschappen: list[dict[str, str]] | None = weglaten()


@dataclass(frozen=True)
class MandaatGegeven(Resultaat):
    gebruiker: str
    rol: str
    wijk: str | None
    van: date
    nieuw: bool
    naam: str  # the name in letters (default the login name)
    besluit: str | None  # the mandaatbesluit it rests on


@dataclass(frozen=True)
class MandaatIngetrokken(Resultaat):
    gebruiker: str
    rol: str
    wijk: str | None
    tot: date


@dataclass(frozen=True)
class Wijkstand(Resultaat):
    """Een wijk in één budgetjaar: budget, uitvoeringskosten, subsidieplafond en wat is toegekend (art. 2)."""

    wijk: str
    naam: str
    periode: int
    budget: Geld
    uitvoeringskosten: Geld
    plafond: Geld
    toegekend: Geld
    vervallen: Geld
    beschikbaar: Geld
    verstrekken_tot: date
    uitvoeren_tot: date


@dataclass(frozen=True, kw_only=True)
class BudgetGewijzigd(Wijkstand):
    vorig: Geld
    nieuw: bool
    plafond_gewijzigd: bool | None = weglaten()  # only when the budget changed


@dataclass(frozen=True)
class RegelingGewijzigd(Resultaat):
    regeling: Parameters
    naam: str
    versie: int
    vanaf: date
    nieuw: bool


# === aanvragen (art. 4) ====================================================================
@dataclass(frozen=True)
class Aanvraagstand(Resultaat):
    aanvraag: int
    wijk: str
    periode: int
    status: str  # ledger/status.py Status
    ontbreekt: list[str]
    ontvangen: date
    beslissen_voor: date | None
    vastgesteld: Geld | None  # Awb 4:42-4:47; None until then


@dataclass(frozen=True)
class AanvullingGevraagd(Aanvraagstand):
    termijn: date


# === beslissen (art. 5 en 6) ===============================================================
@dataclass(frozen=True)
class VoucherBedrag(Resultaat):
    code: str
    bedrag: Geld


@dataclass(frozen=True)
class Toekenning(Resultaat):
    aanvraag: int
    status: str  # ledger/status.py Status
    bedrag: Geld | None
    vouchers: list[VoucherBedrag]
    start_voor: date | None
    datum: date | None


@dataclass(frozen=True)
class Weigering(Resultaat):
    aanvraag: int
    grond: str
    status: str  # ledger/status.py Status


@dataclass(frozen=True)
class Geschikt(Resultaat):
    aanvraag: int
    status: str  # ledger/status.py Status


@dataclass(frozen=True)
class Raadpleging(Resultaat):
    aanvraag: int
    uitkomst: str
    status: str  # ledger/status.py Status


@dataclass(frozen=True)
class Wijziging(Resultaat):
    aanvraag: int
    wijzigingen: int  # how many changes were reported (art. 8 lid 2)


@dataclass(frozen=True)
class Bekendmaking(Resultaat):
    aanvraag: int
    bekendgemaakt: date | None


@dataclass(frozen=True)
class Beeindiging(Resultaat):
    """Ingetrokken door de initiatiefnemer, of buiten behandeling gesteld (Awb 4:5)."""

    aanvraag: int
    wijk: str
    periode: int
    status: str  # ledger/status.py Status
    datum: date
    door: str


# === persoonsgegevens (AVG, Archiefwet) ====================================================
@dataclass(frozen=True)
class Vergeten(Resultaat):
    aanvraag: int
    wijk: str
    periode: int
    uitkomst: str
    bewaren_tot: date | None
    vernietigd: date | None
    nieuw: bool
    # after the event is saved: what became of the key (not recorded under a --sleutel)
    sleutel_verwijderd: bool | None = weglaten()
    opgeschoond: bool | None = weglaten()
    toelichting: str | None = weglaten()


# === kasbeheer (art. 9) ====================================================================
@dataclass(frozen=True)
class Import(Resultaat):
    regels: int
    geboekt: int
    herhaald: int
    bedrag: Geld
    vouchers: int


@dataclass(frozen=True)
class Correctie(Resultaat):
    voucher: str
    gecorrigeerd: int  # the number of the corrected event
    bedrag: Geld
    restant: Geld
    wijk: str
    reden: str


# === nazorg: intrekking, vaststelling, terugvordering (Awb 4:42-4:57) =======================
@dataclass(frozen=True)
class Voucherwaarde(Resultaat):
    code: str
    waarde: Geld
    restant: Geld


@dataclass(frozen=True)
class ToekenningIngetrokken(Resultaat):
    aanvraag: int
    wijk: str
    periode: int
    grond: str
    ingetrokken: Geld
    vouchers: list[Voucherwaarde]
    beschikbaar: Geld


@dataclass(frozen=True)
class Vaststelling(Resultaat):
    aanvraag: int
    wijk: str
    periode: int
    status: str  # ledger/status.py Status
    vastgesteld: Geld
    betaald: Geld
    teruggevorderd: Geld
    grond: str | None
    openstaand: Geld
    datum: date


@dataclass(frozen=True)
class Terugvordering(Resultaat):
    aanvraag: int
    wijk: str
    periode: int
    openstaand: Geld
    teruggevorderd: Geld
    totaal_teruggevorderd: Geld


@dataclass(frozen=True)
class Terugontvangst(Resultaat):
    aanvraag: int
    wijk: str
    periode: int
    openstaand: Geld
    terugontvangen: Geld
    totaal_terugontvangen: Geld


# === periode afsluiten (art. 5 lid 8) ======================================================
@dataclass(frozen=True)
class Vervallen(Resultaat):
    voucher: str
    bedrag: Geld


@dataclass(frozen=True)
class AanvraagBedrag(Resultaat):
    aanvraag: int
    bedrag: Geld


@dataclass(frozen=True)
class WijkAfgesloten(Resultaat):
    wijk: str
    periode: int
    vervallen: Geld
    vouchers: list[Vervallen]
    nieuw: bool
    vastgesteld: list[AanvraagBedrag] | None = weglaten()  # only when closed now


@dataclass(frozen=True)
class Afsluiting(Resultaat):
    periode: int
    datum: date
    wijken: list[WijkAfgesloten]
    vervallen: Geld
    nieuw: bool


# === bezwaar (Awb 6:4-6:11, 7:10-7:12) =====================================================
@dataclass(frozen=True)
class Bezwaarstand(Resultaat):
    """`bezwaar indienen` and `bezwaar beslissen`: the bezwaar with its terms and the aanvraag's status."""

    bezwaar: int
    aanvraag: int
    besluit: int  # the event number of the decision objected to
    soort: str
    verzonden: date | None
    laatste_dag: date | None
    ontvangen: date
    tijdig: bool
    verschoonbaar: str | None
    beslissen_voor: date
    uitkomst: str | None
    status: str
