"""De regeling: the local parameters of the Model G31 verordening.

Every number the verordening fixes (art. 1a max voucher value, art. 5 lid 1/3 the
raadpleging threshold and the beslistermijn, art. 5 lid 8 the issue and execution
dates, art. 9 lid 3b the cash max, art. 2 lid 3 the reserve of at most 10 %) is a
parameter of the gemeente's own regeling: data read from TOML, with the model's values
as defaults, validated here and nowhere else.

The dates of art. 5 lid 8 belong to the budget year, not to the calendar year (toelichting
art. 2 lid 1; DOMAIN.md "Time"): a day-month with a year offset (`verstrekken_tot = "30-06"`,
`verstrekken_tot_jaar = 1`: 30 June of the year after the budget year), or full dates for one
budget year (`[regeling.budgetjaren.2008]`), as the model verordening's own first budget has
(in force 1 October 2008, vouchers until 30 June 2009, executed by 31 December 2009).
A stored regeling of before these parameters loads with their defaults (offset 0, no years).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ledger.datum import parse_datum
from ledger.fouten import OngeldigeInvoer
from ledger.geld import Bedrag


@dataclass(frozen=True, slots=True)
class DagMaand:
    """A day in the budget year, e.g. 30 June: art. 5 lid 8 fixes dates per period."""

    dag: int
    maand: int

    @classmethod
    def parse(cls, tekst: str, veld: str) -> DagMaand:
        """`30-06` (Dutch day-month) or `--06-30` (ISO 8601 month-day, as in JSON)."""
        schoon = tekst.strip()
        try:
            if schoon.startswith("--"):
                maand_s, dag_s = schoon[2:].split("-")
            else:
                dag_s, maand_s = schoon.split("-")
            if not (dag_s.isascii() and dag_s.isdigit() and maand_s.isascii() and maand_s.isdigit()):
                raise ValueError(tekst)
            waarde = cls(int(dag_s), int(maand_s))
            date(2024, waarde.maand, waarde.dag)  # 2024: leap year, so 29-02 is allowed
        except (ValueError, TypeError):
            raise OngeldigeInvoer(f"regeling: {veld} moet dag-maand zijn, bijvoorbeeld 30-06, niet {tekst!r}") from None
        return waarde

    def in_jaar(self, jaar: int) -> date:
        if (self.maand, self.dag) == (2, 29):
            try:
                return date(jaar, 2, 29)
            except ValueError:
                return date(jaar, 2, 28)
        return date(jaar, self.maand, self.dag)

    def __str__(self) -> str:
        return f"{self.dag:02d}-{self.maand:02d}"

    def iso(self) -> str:
        """ISO 8601 month-day without a year: `--06-30`."""
        return f"--{self.maand:02d}-{self.dag:02d}"


@dataclass(frozen=True, slots=True)
class Regeling:
    """The parameters, with the model verordening's values as defaults."""

    naam: str = "Subsidieverordening vouchers bewonersinitiatieven"
    inwerkingtreding: date = date(2008, 10, 1)  # art. 10 lid 1
    max_voucherwaarde: Bedrag = Bedrag.van_centen(5_000_00)  # art. 1 onder a
    raadplegingsdrempel: Bedrag = Bedrag.van_centen(10_000_00)  # art. 5 lid 1 en 3
    contant_max: Bedrag = Bedrag.van_centen(500_00)  # art. 9 lid 3 onder b
    beslistermijn_weken: int = 4  # art. 5 lid 1 en 3
    bezwaartermijn_weken: int = 6  # Awb 6:7
    uitvoeringskosten_max_procent: int = 10  # art. 2 lid 3
    verstrekken_tot: DagMaand = DagMaand(30, 6)  # art. 5 lid 8, eerste zin
    uitvoeren_tot: DagMaand = DagMaand(31, 12)  # art. 5 lid 8, tweede zin
    # --- time (issue 12): the dates relative to the budget year, the payment term, wijk overrides
    verstrekken_tot_jaar: int = 0  # art. 5 lid 8: years after the budget year (model 2008: 1)
    uitvoeren_tot_jaar: int = 0
    budgetjaren: tuple[tuple[int, date, date], ...] = ()  # (budget year, verstrekken tot, uitvoeren tot)
    betaaltermijn_dagen: int = 30  # a factuur dated by the execution date is paid up to this many days after it
    wijkdata_later_toegestaan: bool = False  # may `wijk aanwijzen` set dates after the regeling's?
    laat_geboekt_dagen: int = 14  # verantwoording: later vastgelegd dan dit na de datum van de handeling

    def __post_init__(self) -> None:
        valideer(self)

    # --- stored form: only JSON-safe primitives, so the event never depends on classes
    def naar_dict(self) -> dict[str, Any]:
        uit: dict[str, Any] = {}
        for veld in fields(self):
            naam, waarde = veld.name, getattr(self, veld.name)
            if isinstance(waarde, Bedrag):
                uit[naam] = waarde.json()
            elif isinstance(waarde, date):
                uit[naam] = waarde.isoformat()
            elif isinstance(waarde, DagMaand):
                uit[naam] = waarde.iso()
            elif naam == "budgetjaren":
                uit[naam] = {
                    str(j): {"verstrekken_tot": v.isoformat(), "uitvoeren_tot": u.isoformat()} for j, v, u in waarde
                }
            else:
                uit[naam] = waarde
        return uit

    @classmethod
    def uit_dict(cls, gegevens: dict[str, Any]) -> Regeling:
        bekend = {f.name: f for f in fields(cls)}
        onbekend = sorted(set(gegevens) - set(bekend))
        if onbekend:
            raise OngeldigeInvoer(f"regeling: onbekende parameter(s): {', '.join(onbekend)}")
        waarden: dict[str, Any] = {}
        for naam, ruw in gegevens.items():
            standaard = getattr(cls(), naam)
            waarden[naam] = _lees_waarde(naam, ruw, standaard)
        return cls(**waarden)

    @classmethod
    def uit_toml(cls, pad: Path) -> Regeling:
        import tomllib  # on use: a payment reads its regeling from the store, never from a file

        try:
            inhoud = tomllib.loads(pad.read_text(encoding="utf-8"))
        except OSError as e:
            raise OngeldigeInvoer(f"regeling: kan {pad} niet lezen: {e.strerror}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise OngeldigeInvoer(f"regeling: {pad} is geen geldige TOML: {e}") from None
        gegevens = inhoud.get("regeling", inhoud)
        if not isinstance(gegevens, dict):
            raise OngeldigeInvoer("regeling: verwacht een tabel [regeling]")
        return cls.uit_dict(gegevens)

    def beslissen_voor(self, ontvangen: date, opgeschort_dagen: int = 0) -> date:
        return ontvangen + timedelta(weeks=self.beslistermijn_weken, days=opgeschort_dagen)

    # --- art. 5 lid 8 per budget year ----------------------------------------------------
    def _jaar(self, periode: int) -> tuple[date, date] | None:
        return next(((v, u) for j, v, u in self.budgetjaren if j == periode), None)

    def verstrekken_tot_in(self, periode: int) -> date:
        """The last day vouchers of budget year `periode` can be issued (art. 5 lid 8, eerste zin)."""
        eigen = self._jaar(periode)
        return eigen[0] if eigen else self.verstrekken_tot.in_jaar(periode + self.verstrekken_tot_jaar)

    def uitvoeren_tot_in(self, periode: int) -> date:
        """The day by which an initiative of budget year `periode` is executed (art. 5 lid 8, tweede zin)."""
        eigen = self._jaar(periode)
        return eigen[1] if eigen else self.uitvoeren_tot.in_jaar(periode + self.uitvoeren_tot_jaar)

    def betalen_tot(self, uitvoeren_tot: date) -> date:
        """The last day a factuur dated on or before `uitvoeren_tot` may be paid (the betaaltermijn)."""
        return uitvoeren_tot + timedelta(days=self.betaaltermijn_dagen)


def _lees_budgetjaren(ruw: Any) -> tuple[tuple[int, date, date], ...]:
    """`[regeling.budgetjaren.2008]` with `verstrekken_tot` and `uitvoeren_tot` as full dates."""
    voorbeeld = '[regeling.budgetjaren.2008] verstrekken_tot = "2009-06-30", uitvoeren_tot = "2009-12-31"'
    if not isinstance(ruw, dict):
        raise OngeldigeInvoer(f"regeling: budgetjaren is een tabel per jaar, bijvoorbeeld {voorbeeld}")
    uit = []
    for jaar_s, data in ruw.items():
        if not (str(jaar_s).isascii() and str(jaar_s).isdigit()) or not isinstance(data, dict):
            raise OngeldigeInvoer(
                f"regeling: budgetjaren.{jaar_s}: verwacht een jaar met data, bijvoorbeeld {voorbeeld}"
            )
        if set(data) != {"verstrekken_tot", "uitvoeren_tot"}:
            raise OngeldigeInvoer(
                f"regeling: budgetjaren.{jaar_s} noemt precies verstrekken_tot en uitvoeren_tot (art. 5 lid 8)"
            )
        verstrekken, uitvoeren = (
            _lees_waarde(f"budgetjaren.{jaar_s}.{k}", data[k], date(2008, 10, 1))
            for k in ("verstrekken_tot", "uitvoeren_tot")
        )
        uit.append((int(jaar_s), verstrekken, uitvoeren))
    return tuple(sorted(uit))


def _lees_waarde(naam: str, ruw: Any, standaard: Any) -> Any:
    if naam == "budgetjaren":
        return _lees_budgetjaren(ruw)
    if isinstance(standaard, bool):
        if not isinstance(ruw, bool):
            raise OngeldigeInvoer(f"regeling: {naam} moet true of false zijn")
        return ruw
    if isinstance(standaard, Bedrag):
        if isinstance(ruw, bool) or not isinstance(ruw, (str, int)):
            raise OngeldigeInvoer(f'regeling: {naam} moet een bedrag zijn, bijvoorbeeld "5.000,00"')
        return Bedrag.parse(str(ruw))
    if isinstance(standaard, DagMaand):
        if not isinstance(ruw, str):
            raise OngeldigeInvoer(f'regeling: {naam} moet dag-maand zijn, bijvoorbeeld "30-06"')
        return DagMaand.parse(ruw, naam)
    if isinstance(standaard, date):
        if isinstance(ruw, date):
            return ruw
        if not isinstance(ruw, str):
            raise OngeldigeInvoer(f"regeling: {naam} moet een datum zijn")
        return parse_datum(ruw)
    if isinstance(standaard, bool) or isinstance(standaard, int):
        if isinstance(ruw, bool) or not isinstance(ruw, int):
            raise OngeldigeInvoer(f"regeling: {naam} moet een geheel getal zijn")
        return ruw
    if not isinstance(ruw, str) or not ruw.strip():
        raise OngeldigeInvoer(f"regeling: {naam} moet tekst zijn")
    return ruw.strip()


def valideer(r: Regeling) -> None:
    """The regeling's own consistency; each check says which article it protects."""
    fouten: list[str] = []
    for naam in ("max_voucherwaarde", "raadplegingsdrempel", "contant_max"):
        if getattr(r, naam).centen <= 0:
            fouten.append(f"{naam} moet groter zijn dan nul")
    if r.raadplegingsdrempel < r.max_voucherwaarde:
        fouten.append(
            "raadplegingsdrempel moet ten minste de maximale voucherwaarde zijn (art. 1 onder a, art. 5 lid 3)"
        )
    if r.contant_max > r.max_voucherwaarde:
        fouten.append("contant_max mag niet hoger zijn dan de maximale voucherwaarde (art. 9 lid 3 onder b)")
    if not 0 <= r.uitvoeringskosten_max_procent <= 10:
        fouten.append("uitvoeringskosten_max_procent ligt tussen 0 en 10 (art. 2 lid 3: maximaal tien procent)")
    if not 1 <= r.beslistermijn_weken <= 52:
        fouten.append("beslistermijn_weken ligt tussen 1 en 52 (art. 5 lid 1)")
    if not 1 <= r.bezwaartermijn_weken <= 52:
        fouten.append("bezwaartermijn_weken ligt tussen 1 en 52 (Awb 6:7)")
    if not 0 <= r.laat_geboekt_dagen <= 366:
        fouten.append("laat_geboekt_dagen ligt tussen 0 en 366 (uitzonderingen in de verantwoording)")
    if (r.verstrekken_tot_jaar, r.verstrekken_tot.maand, r.verstrekken_tot.dag) > (
        r.uitvoeren_tot_jaar,
        r.uitvoeren_tot.maand,
        r.uitvoeren_tot.dag,
    ):
        fouten.append("verstrekken_tot moet op of voor uitvoeren_tot liggen (art. 5 lid 8)")
    for naam in ("verstrekken_tot_jaar", "uitvoeren_tot_jaar"):
        if not 0 <= getattr(r, naam) <= 2:
            fouten.append(f"{naam} ligt tussen 0 en 2: zoveel jaar na het budgetjaar (art. 5 lid 8)")
    for jaar, verstrekken, uitvoeren in r.budgetjaren:
        if verstrekken > uitvoeren:
            fouten.append(f"budgetjaar {jaar}: verstrekken_tot moet op of voor uitvoeren_tot liggen (art. 5 lid 8)")
        if not jaar <= uitvoeren.year <= jaar + 2:
            fouten.append(f"budgetjaar {jaar}: uitvoeren_tot ligt in {jaar} of ten hoogste twee jaar later")
    if not 0 <= r.betaaltermijn_dagen <= 365:
        fouten.append("betaaltermijn_dagen ligt tussen 0 en 365 (art. 5 lid 8, art. 9)")
    if fouten:
        raise OngeldigeInvoer("regeling ongeldig: " + "; ".join(fouten), artikel="art. 2")
