"""Reading the aggregates: what `regeling`, `mandaat lijst`, `wijk lijst`, `aanvraag toon`,
`aanvraag lijst` and `toon` show (CLI.md), for anyone who may read.

Rules owned here: the applicant's personal data (art. 4 lid 2 onder a; AVG art. 5 lid 1 onder c)
are shown in full only to the college and the regiegroep of the wijk, as VERWIJDERD once the key
is destroyed (`voucher vergeet`), to others as AFGESCHERMD (ledger/persoonsgegevens.py `mag_zien`);
`zoek` looks in a name only for a reader who may see it. Nothing is written.

`Lezingen` is part of the application service (`Dienst(..., Lezingen, Kern)`, commands/dienst.py),
so a caller asks the service it has (`dienst.toon_aanvraag(nr)`); it uses only the public core
(commands/kern.py: `gemeente`, `laad_*`, `gebeurtenissen`, `sleutels`). Each answer is a typed result
(commands/leesresultaten.py) whose `als_dict()` is the `--json` object. The saldo, the kasboek and the voucher
list read the read models instead (commands/leesmodellen.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

from commands.aanvragen import aanvraagstand
from commands.opslag import lees_opslag
from ledger import gebeurtenissen, vastlegging
from ledger import persoonsgegevens as pg
from ledger.fouten import NietGevonden

if TYPE_CHECKING:
    from commands import leesresultaten as lr
    from commands.opslag import VoucherLedger
    from commands.sleutels import Sleutelopslag
    from ledger.aanvraag import Aanvraag
    from ledger.gemeente import Gemeente
    from ledger.voucher import Voucher
    from ledger.wijk import Wijk


class Leeskern(Protocol):
    """What reading needs of the service: its public core (commands/dienst.py)."""

    app: VoucherLedger
    gebruiker: str

    @property
    def vandaag(self) -> date: ...

    @property
    def sleutels(self) -> Sleutelopslag: ...

    def gemeente(self, *, wijzigen: bool = True) -> Gemeente: ...

    def laad_wijk(self, code: str, periode: int) -> Wijk: ...

    def laad_aanvraag(self, nummer: int) -> Aanvraag: ...

    def laad_voucher(self, tekst: str) -> Voucher: ...

    def gebeurtenissen(
        self, soorten: list[type] | None = None, selectie: tuple[str, int] | None = None
    ) -> Iterator[Any]: ...


def persoon_voor_kijker(dienst: Leeskern, g: Gemeente, a: Aanvraag) -> dict[str, Any]:
    """The applicant as the acting user may see it: in full (college, regiegroep of the wijk),
    as VERWIJDERD once the key is destroyed, or only as AFGESCHERMD."""
    if not pg.mag_zien(g, dienst.gebruiker, a.wijk, dienst.vandaag):
        return {"persoonsgegevens": "afgeschermd", "naam": pg.AFGESCHERMD}
    persoon = {veld: a.persoon.get(veld) for veld in pg.VELDEN}
    sleutel = None if a.vernietigd is not None else dienst.sleutels.haal([a.id]).get(a.id)
    if sleutel is None and any(pg.is_token(v) for v in persoon.values()):
        return {"persoonsgegevens": "verwijderd"} | pg.onleesbaar(persoon)
    return {"persoonsgegevens": "zichtbaar"} | (pg.ontsleutel(persoon, sleutel, a.id) if sleutel else persoon)


class Lezingen:
    """The read use cases of the application service."""

    def regeling(self: Leeskern, per: date | None = None) -> lr.Regelingversies:
        """The regeling in force on `per` (default today), with every version and its date."""
        from commands import leesresultaten as lr

        g = lees_opslag(lambda: self.gemeente(wijzigen=False))
        versie, vanaf, r = g.versie_op(per or self.vandaag)
        versies = [lr.Regelingversie(n, d, x.naam) for n, d, x in g.versies()]
        return lr.Regelingversies(g.naam, r, versie, vanaf, versies, per)

    def mandaten(self: Leeskern) -> list[lr.Mandaat]:
        from commands import leesresultaten as lr

        return [lr.Mandaat(**m) for m in lees_opslag(lambda: self.gemeente(wijzigen=False)).mandaten_lijst()]

    def toon_aanvraag(self: Leeskern, nummer: int) -> lr.Aanvraaginzage:
        from commands import leesresultaten as lr

        def lees() -> lr.Aanvraaginzage:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(nummer)
            return lr.Aanvraaginzage(
                **aanvraagstand(a, g).__dict__,
                persoon=persoon_voor_kijker(self, g, a),
                persoonsgegevens_vernietigd=a.vernietigd,
                omschrijving=a.gegevens.get("omschrijving"),
                planning=a.gegevens.get("planning"),
                kosten=a.kosten,
                vouchers_gewenst=a.gegevens.get("vouchers_gewenst"),
                elders_subsidie=a.gegevens.get("elders_subsidie"),
                aanvulling=a.aanvulling,
                besluit=a.besluit,
                raadpleging=a.raadpleging,
                bekendgemaakt=a.bekendgemaakt,
                wijzigingen=a.wijzigingen,
                intrekking=a.intrekking,
                toekenning_ingetrokken=a.toekenning_ingetrokken,
                vaststelling=a.vaststelling,
                teruggevorderd=a.teruggevorderd,
                terugontvangen=a.terugontvangen,
                openstaand=a.openstaand,
                herroepingen=a.herroepingen,  # Awb 7:11: decisions revoked on a gegrond bezwaar
                # Every act on the aanvraag with both its times (ledger/vastlegging.py): dated, and recorded when.
                handelingen=[vastlegging.handeling(e) for e in self.app.events.get(a.id)],
            )

        return lees_opslag(lees)

    def toon_voucher(self: Leeskern, code: str) -> lr.Voucherstand:
        from commands import leesresultaten as lr

        v = lees_opslag(lambda: self.laad_voucher(code))
        return lr.Voucherstand(
            v.code,
            v.wijk,
            v.periode,
            v.aanvraag,
            v.waarde,
            v.verzilverd,
            v.contant,
            v.vervallen,
            v.ingetrokken,
            v.restant,
            v.status,
            v.verstrekt_op,
            v.uitvoeren_tot,
        )

    def wijken(self: Leeskern) -> list[Wijk]:
        def lees() -> list[Wijk]:
            self.gemeente(wijzigen=False)
            sleutels = sorted({(e.code, e.periode) for e in self.gebeurtenissen([gebeurtenissen.WijkAangewezen])})
            return [self.laad_wijk(code, periode) for code, periode in sleutels]

        return lees_opslag(lees)

    def aanvragen(
        self: Leeskern,
        wijk: str | None = None,
        status: str | None = None,
        *,
        periode: int | None = None,
        zoek: str | None = None,
    ) -> list[lr.Aanvraagrij]:
        """The aanvragen in number order; `zoek` finds text in the description, or in the applicant's
        name for a reader who may see it (ledger/persoonsgegevens.py), in any case."""
        gezocht = zoek.casefold() if zoek else None
        namen = aanvragers(self) if gezocht else {}

        from commands import leesresultaten as lr

        def lees() -> list[lr.Aanvraagrij]:
            g = self.gemeente(wijzigen=False)
            if wijk and not any(e.code == wijk for e in self.gebeurtenissen([gebeurtenissen.WijkAangewezen])):
                raise NietGevonden(f"wijk {wijk} is niet aangewezen", wijk=wijk)
            uit = []
            for e in self.gebeurtenissen([gebeurtenissen.AanvraagIngediend]):
                if wijk and e.wijk != wijk:
                    continue
                a = self.laad_aanvraag(e.nummer)
                if (status and a.status != status) or (periode is not None and a.periode != periode):
                    continue
                teksten = (a.gegevens.get("omschrijving") or "", namen.get(a.nummer, ""))
                if gezocht and not any(gezocht in t.casefold() for t in teksten):
                    continue
                stand = aanvraagstand(a, g).__dict__
                uit.append(lr.Aanvraagrij(**stand, kosten=a.kosten, omschrijving=a.gegevens.get("omschrijving")))
            return uit

        return lees_opslag(lees)

    def aanvragers(self: Leeskern, selectie: tuple[str, int] | None = None) -> dict[int, str]:
        """Per aanvraag the applicant's name, for the aanvragen whose applicants the acting user may
        see (ledger/persoonsgegevens.py `mag_zien`); VERWIJDERD once the key is destroyed. Others are
        left out: a report shows them as AFGESCHERMD. Reads the key table only for what it shows.
        With `selectie` (wijk, periode): only the aanvragen of that wijk and year, through the selection
        index where it can answer (commands/selectie.py), else from the whole log."""
        return aanvragers(self, selectie)


def aanvragers(dienst: Leeskern, selectie: tuple[str, int] | None = None) -> dict[int, str]:
    """As `Lezingen.aanvragers`."""

    def lees() -> dict[int, str]:
        g = dienst.gemeente(wijzigen=False)
        namen: dict[UUID, tuple[int, Any]] = {}
        soorten: list[type] = [
            gebeurtenissen.AanvraagIngediend,
            gebeurtenissen.AanvraagAangevuld,
            gebeurtenissen.AanvraagPersoonsgegevensVernietigd,
        ]
        vernietigd: set[UUID] = set()
        for e in dienst.gebeurtenissen(soorten, selectie):
            if isinstance(e, gebeurtenissen.AanvraagIngediend):
                if pg.mag_zien(g, dienst.gebruiker, e.wijk, dienst.vandaag):
                    namen[e.originator_id] = (e.nummer, e.persoon.get("naam"))
            elif isinstance(e, gebeurtenissen.AanvraagAangevuld):
                if e.originator_id in namen and e.persoon.get("naam") is not None:
                    namen[e.originator_id] = (namen[e.originator_id][0], e.persoon["naam"])
            else:
                vernietigd.add(e.originator_id)
        sleutels = dienst.sleutels.haal(i for i in namen if i not in vernietigd) if namen else {}
        uit: dict[int, str] = {}
        for aanvraag_id, (nummer, naam) in namen.items():
            sleutel = sleutels.get(aanvraag_id)
            if not pg.is_token(naam):
                uit[nummer] = pg.VERWIJDERD if aanvraag_id in vernietigd else str(naam or "")
            elif sleutel is None:
                uit[nummer] = pg.VERWIJDERD
            else:
                uit[nummer] = str(pg.ontsleutel({"naam": naam}, sleutel, aanvraag_id)["naam"])
        return uit

    return lees_opslag(lees)
