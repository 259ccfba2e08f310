"""The `--json` answers of the read commands and reports, as types for their JSON Schema.

The reads build their answers from the read models and the report folds (projections/); these
dataclasses describe those answers for `voucher schema` (commands/schema.py), and
tests/cli/test_schema.py validates the real output of every command against them, so a key that
disappears or changes its form is caught. Nested parts that a report already documents in its own
module (the initiatives of the verantwoording, the sections of a letter) are objects here.
The schemas are open: a key added later does not break a script that reads the old ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Union

from commands import resultaten as r
from commands.resultaten import Geld

Object = dict[str, Any]


@dataclass(frozen=True)
class Ketenkop:
    positie: int
    hash: str | None


@dataclass(frozen=True)
class Bestand:
    """Een rapport dat met --uitvoer naar een bestand is geschreven: wat, met de stand en de ketenkop."""

    uitvoer: str
    formaat: str
    bytes: int
    sha256: str
    tot: date | None
    laatste_gebeurtenis: int | None
    ketenkop: Ketenkop | None


@dataclass(frozen=True)
class Regelingoverzicht:
    gemeente: str
    naam: str
    inwerkingtreding: date
    max_voucherwaarde: Geld
    raadplegingsdrempel: Geld
    contant_max: Geld
    beslistermijn_weken: int
    bezwaartermijn_weken: int
    uitvoeringskosten_max_procent: int
    verstrekken_tot: str  # --MM-DD: a day of the budget year
    uitvoeren_tot: str
    verstrekken_tot_jaar: int  # years after the budget year (0: the budget year itself)
    uitvoeren_tot_jaar: int
    budgetjaren: dict[str, Object]  # a budget year with its own dates (art. 5 lid 8)
    betaaltermijn_dagen: int  # payment after the execution date on an earlier invoice
    wijkdata_later_toegestaan: bool
    laat_geboekt_dagen: int  # an act recorded later than this is an exception in the verantwoording
    versie: int  # the version in force on `per` (art. 10) ...
    vanaf: date
    versies: list[Regelingversie]  # ... and every version with its date
    per: date | None


@dataclass(frozen=True)
class Mandaat(r.Resultaat):
    """Een mandaat (art. 2 lid 4 en 6): wie, als wat, voor welke wijk, van wanneer tot wanneer."""

    gebruiker: str
    rol: str
    wijk: str | None
    van: date
    tot: date | None
    naam: str  # the name in letters
    besluit: str | None  # the mandaatbesluit it rests on


@dataclass(frozen=True)
class Regelingversie(r.Resultaat):
    versie: int
    vanaf: date
    naam: str


@dataclass(frozen=True)
class Regelingversies(r.Resultaat):
    """The regeling in force on a day (`per`, default today), with every version and its date (art. 10).
    `voucher regeling --json` writes its parameters in its place (Regelingoverzicht)."""

    gemeente: str
    regeling: r.Parameters
    versie: int
    vanaf: date
    versies: list[Regelingversie]
    per: date | None


@dataclass(frozen=True)
class Mandaten:
    mandaten: list[Mandaat]


@dataclass(frozen=True)
class Wijken:
    wijken: list[r.Wijkstand]


@dataclass(frozen=True, kw_only=True)
class Dossiervelden:
    """What `aanvraag toon` says of the aanvraag after the applicant's items: one definition for the
    answer (Aanvraaginzage) and its flat schema (Aanvraagdetail)."""

    persoonsgegevens_vernietigd: date | None
    omschrijving: str | None
    planning: str | None
    kosten: Geld | None
    vouchers_gewenst: int | None
    elders_subsidie: bool | None
    aanvulling: Object | None
    besluit: Object | None
    raadpleging: Object | None
    bekendgemaakt: date | None
    wijzigingen: int
    intrekking: Object | None
    toekenning_ingetrokken: list[Object]
    vaststelling: Object | None
    teruggevorderd: Geld
    terugontvangen: Geld
    openstaand: Geld
    herroepingen: list[Object]  # Awb 7:11: decisions revoked on a gegrond bezwaar
    handelingen: list[Object]  # every act with both its times (ledger/vastlegging.py)


@dataclass(frozen=True, kw_only=True)
class Persoonsvelden:
    """The applicant's items as `aanvraag toon --json` writes them (flattened from Aanvraaginzage.persoon)."""

    persoonsgegevens: str  # zichtbaar, verwijderd or afgeschermd
    naam: str | None
    adres: str | None = None  # not shown to who may not see it
    telefoon: str | None = None
    ondertekend: bool | str | None = None


@dataclass(frozen=True, kw_only=True)
class Aanvraagdetail(Dossiervelden, Persoonsvelden, r.Aanvraagstand):
    """The schema of `aanvraag toon --json`: the stand, the applicant's items, the dossier, the bezwaren."""

    bezwaren: list[Object]  # `aanvraag toon` adds every bezwaar against a decision on it (Awb 6:4, 7:1)


@dataclass(frozen=True, kw_only=True)
class Aanvraagrij(r.Aanvraagstand):
    """Een regel van `aanvraag lijst`: de stand van de aanvraag, de kostenraming en de omschrijving."""

    kosten: Geld | None
    omschrijving: str | None


@dataclass(frozen=True, kw_only=True)
class Persoonzicht:
    persoon: Object


@dataclass(frozen=True, kw_only=True)
class Aanvraaginzage(Dossiervelden, Persoonzicht, r.Aanvraagstand):
    """`aanvraag toon` (commands/lezen.py): the keys of Aanvraagdetail. The applicant's items (`persoon`:
    persoonsgegevens, naam, and adres, telefoon and ondertekend for who may see them) are written in
    their place after the stand, so that a reader who may not see them does not get their keys."""

    def als_dict(self) -> dict[str, Any]:
        uit: dict[str, Any] = {}
        for sleutel, waarde in super().als_dict().items():
            if sleutel == "persoon":
                uit |= waarde
            else:
                uit[sleutel] = waarde
        return uit

    def __getitem__(self, sleutel: str) -> Any:
        return self.persoon[sleutel] if sleutel in self.persoon else super().__getitem__(sleutel)

    def get(self, sleutel: str, anders: Any = None) -> Any:
        """As a Mapping (projections/rapporten/besluit.py reads the applicant this way)."""
        try:
            return self[sleutel]
        except KeyError:
            return anders


@dataclass(frozen=True)
class Aanvragen:
    aanvragen: list[Aanvraagrij]


@dataclass(frozen=True)
class Kasboekregel:
    positie: int
    datum: date
    wijk: str
    periode: int
    voucher: str | None
    aanvraag: int | None
    soort: str
    bedrag: Geld
    leverancier: str | None
    factuur: str | None
    reden: str | None
    corrigeert: int | None
    restant: Geld | None
    saldo_wijk: Geld
    door: str


@dataclass(frozen=True)
class Kasboek:
    wijk: str | None
    voucher: str | None
    periode: int | None
    van: date | None
    tot: date | None
    leverancier: str | None
    factuur: str | None
    regels: list[Kasboekregel]
    totaal: dict[str, Geld]
    ketenkop: Ketenkop


@dataclass(frozen=True)
class Voucherstand(r.Resultaat):
    """Een voucher (commands/lezen.py `toon_voucher`): waarde, wat betaald is en het restant (art. 8 en 9)."""

    voucher: str
    wijk: str
    periode: int
    aanvraag: int
    waarde: Geld
    verzilverd: Geld
    contant: Geld
    vervallen: Geld
    ingetrokken: Geld
    restant: Geld
    status: str
    verstrekt: date
    uitvoeren_tot: date


@dataclass(frozen=True)
class Vouchertoon(Voucherstand):
    betalingen: list[Kasboekregel]


@dataclass(frozen=True)
class Voucherrij:
    code: str
    aanvraag: int
    wijk: str
    periode: int
    waarde: Geld
    restant: Geld
    status: str
    verstrekt: date
    uitvoeren_tot: date


@dataclass(frozen=True)
class Vouchers:
    vouchers: list[Voucherrij]


@dataclass(frozen=True)
class Saldorij:
    wijk: str
    naam: str
    periode: int
    budget: Geld
    uitvoeringskosten: Geld
    plafond: Geld
    toegekend: Geld
    verzilverd: Geld
    contant: Geld
    vervallen: Geld
    teruggevorderd: Geld
    terugontvangen: Geld
    uitstaand: Geld
    beschikbaar: Geld


@dataclass(frozen=True)
class Saldo:
    per: date | None
    bekend_op: date | None  # --bekend-op: the books as they were known at the end of that day
    wijken: list[Saldorij]
    totaal: dict[str, Geld]
    ketenkop: Ketenkop


@dataclass(frozen=True)
class Verificatie:
    intact: bool
    gebeurtenissen: int
    stromen: int
    momentopnamen: int
    positie: int
    kop: str | None
    breuk: Object | None
    gevraagde_koppen: list[Object]
    koppen: list[Object]


@dataclass(frozen=True)
class Backup:
    pad: str
    gebeurtenissen: int
    ketenkop: Ketenkop


@dataclass(frozen=True)
class Herbouw:
    gebeurtenissen: int
    saldo: int
    aanvragen: int
    vouchers: int
    kasboek: int


@dataclass(frozen=True)
class Termijnen:
    rapport: str
    per: date
    laatste_gebeurtenis: int
    beslistermijn_weken: int
    beslistermijn: list[Object]
    aanvullingen: list[Object]
    onvolledig: list[Object]
    verstrekken: list[Object]
    startvoorwaarden: list[Object]
    vouchers_met_restant: list[Object]
    onverzonden: list[Object]  # decisions not sent a week after they were taken (Awb 3:41)
    bezwaartermijnen: list[Object]  # running bezwaar terms (Awb 6:7, 6:8)
    bezwaren: list[Object]  # open bezwaren with their beslistermijn (Awb 7:10)


@dataclass(frozen=True)
class Bewaartermijnen:
    per: date
    bron: str
    dossiers: list[Object]


@dataclass(frozen=True)
class Besluitbrief:
    rapport: str
    titel: str
    gemeente: str
    datum: date
    aanvraag: int
    wijk: str
    periode: int
    uitkomst: str
    namens: Object
    bezwaar: Object
    gebeurtenis: int
    laatste_gebeurtenis: int


@dataclass(frozen=True)
class Bezwaren:
    """`bezwaar lijst`: every bezwaar with its terms (Awb 6:7-6:11, 7:10) and how it was decided."""

    bezwaren: list[Object]


@dataclass(frozen=True)
class Verantwoording:
    rapport: str
    titel: str
    gemeente: str
    tot: date
    tot_gevraagd: bool
    laatste_gebeurtenis: int
    gebeurtenissen: int
    selectie: Object
    wijken: list[Object]
    uitzonderingen: list[Object]
    totaal: dict[str, Geld]
    ketenkop: Ketenkop


@dataclass(frozen=True)
class Raad:
    rapport: str
    titel: str
    gemeente: str
    tot: date
    tot_gevraagd: bool
    laatste_gebeurtenis: int
    perioden: list[Object]
    ketenkop: Ketenkop


@dataclass(frozen=True)
class Publicatie:
    rapport: str
    titel: str
    gemeente: str
    tot: date
    tot_gevraagd: bool
    laatste_gebeurtenis: int
    selectie: Object
    initiatieven: list[Object]
    totaal: Geld


# A command whose answer is a report can also write it to a file (--uitvoer): then it answers `Bestand`.
LEESRESULTATEN: dict[str, Any] = {
    "regeling": Regelingoverzicht,
    "mandaat lijst": Mandaten,
    "wijk lijst": Wijken,
    "aanvraag toon": Aanvraagdetail,
    "aanvraag lijst": Aanvragen,
    "toon": Vouchertoon,
    "vouchers": Vouchers,
    "saldo": Union[Saldo, Bestand],  # noqa: UP007 - a runtime value for pydantic
    "demo": Saldo,
    "kasboek": Union[Kasboek, Bestand],  # noqa: UP007
    "verifieer": Verificatie,
    "backup": Backup,
    "herbouw": Herbouw,
    "termijnen": Termijnen,
    "bewaartermijnen": Bewaartermijnen,
    "besluit": Union[Besluitbrief, Bestand],  # noqa: UP007
    "rapport verantwoording": Union[Verantwoording, Bestand],  # noqa: UP007
    "rapport raad": Union[Raad, Bestand],  # noqa: UP007
    "publicatie": Union[Publicatie, Bestand],  # noqa: UP007
    "bezwaar lijst": Bezwaren,
    "schema": Object,  # a JSON Schema, or the list of commands
}
