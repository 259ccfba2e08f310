"""The application service: every act of the verordening, on the public core of commands/kern.py.

Each write method loads the aggregates it needs, lets them decide (they raise the rule's
error), and saves every new event in one transaction through `Kern.voer_uit` (retries on a
lost race, the `--sleutel` record). `Dienst` is the composition the command line and the tests
use; the use cases live in one module per chapter of the verordening, each opening with the
articles it owns:
- commands/inrichting.py `Inrichting`: the administration, mandates, wijken and plafond (art. 2);
- commands/aanvragen.py `Aanvragen`: registering and completing an aanvraag (art. 4);
- commands/besluiten.py `Besluiten`: the decisions and what follows them (art. 5-8);
- commands/betalingen.py `Betalingen`: kasbeheer, the one payment path (art. 8 en 9);
- commands/bewaren.py `Bewaren`: the personal data after the retention term (AVG, Archiefwet);
- below, still here: reading.
The acts after the grant are functions on the core: commands/nazorg.py, vaststelling.py,
bezwaar.py, beeindigen.py, periode.py, tijd.py.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from commands.aanvragen import Aanvragen, aanvraagstand
from commands.besluiten import Besluiten
from commands.betalingen import Betalingen
from commands.bewaren import Bewaren
from commands.inrichting import Inrichting
from commands.kern import Kern
from ledger import gebeurtenissen, vastlegging
from ledger import persoonsgegevens as pg
from ledger.aanvraag import Aanvraag
from ledger.fouten import NietGevonden
from ledger.gemeente import Gemeente
from ledger.wijk import Wijk

if TYPE_CHECKING:  # the command models (pydantic) are only types here; reads never import pydantic
    pass


class Dienst(Inrichting, Aanvragen, Besluiten, Betalingen, Bewaren, Kern):
    """One acting user against one store: the public core (commands/kern.py) and the use cases."""

    def _persoon_voor_kijker(self, g: Gemeente, a: Aanvraag) -> dict[str, Any]:
        """The applicant as the acting user may see it: in full (college, regiegroep of the wijk),
        as VERWIJDERD once the key is destroyed, or only as AFGESCHERMD."""
        if not pg.mag_zien(g, self.gebruiker, a.wijk, self.vandaag):
            return {"persoonsgegevens": "afgeschermd", "naam": pg.AFGESCHERMD}
        persoon = {veld: a.persoon.get(veld) for veld in pg.VELDEN}
        sleutel = None if a.vernietigd is not None else self.sleutels.haal([a.id]).get(a.id)
        if sleutel is None and any(pg.is_token(v) for v in persoon.values()):
            return {"persoonsgegevens": "verwijderd"} | pg.onleesbaar(persoon)
        return {"persoonsgegevens": "zichtbaar"} | (pg.ontsleutel(persoon, sleutel, a.id) if sleutel else persoon)

    # === reading =====================================================================
    def regeling(self, per: date | None = None) -> dict[str, Any]:
        """The regeling in force on `per` (default today), with every version and its date."""
        g = self.lees(lambda: self.gemeente(wijzigen=False))
        versie, vanaf, r = g.versie_op(per or self.vandaag)
        versies = [{"versie": n, "vanaf": d, "naam": x.naam} for n, d, x in g.versies()]
        return {"gemeente": g.naam, "regeling": r, "versie": versie, "vanaf": vanaf, "versies": versies, "per": per}

    def mandaten(self) -> list[dict[str, Any]]:
        return self.lees(lambda: self.gemeente(wijzigen=False)).mandaten_lijst()

    def toon_aanvraag(self, nummer: int) -> dict[str, Any]:
        def lees() -> dict[str, Any]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(nummer)
            uit = aanvraagstand(a, g).als_dict() | self._persoon_voor_kijker(g, a)
            return uit | {
                "persoonsgegevens_vernietigd": a.vernietigd,
                "omschrijving": a.gegevens.get("omschrijving"),
                "planning": a.gegevens.get("planning"),
                "kosten": a.kosten,
                "vouchers_gewenst": a.gegevens.get("vouchers_gewenst"),
                "elders_subsidie": a.gegevens.get("elders_subsidie"),
                "aanvulling": a.aanvulling,
                "besluit": a.besluit,
                "raadpleging": a.raadpleging,
                "bekendgemaakt": a.bekendgemaakt,
                "wijzigingen": a.wijzigingen,
                "intrekking": a.intrekking,
                "toekenning_ingetrokken": a.toekenning_ingetrokken,
                "vaststelling": a.vaststelling,
                "teruggevorderd": a.teruggevorderd,
                "terugontvangen": a.terugontvangen,
                "openstaand": a.openstaand,
                "herroepingen": a.herroepingen,  # Awb 7:11: decisions revoked on a gegrond bezwaar
                # Every act on the aanvraag with both its times (ledger/vastlegging.py): dated, and recorded when.
                "handelingen": [vastlegging.handeling(e) for e in self.app.events.get(a.id)],
            }

        return self.lees(lees)

    def toon_voucher(self, code: str) -> dict[str, Any]:
        v = self.lees(lambda: self.laad_voucher(code))
        return {
            "voucher": v.code,
            "wijk": v.wijk,
            "periode": v.periode,
            "aanvraag": v.aanvraag,
            "waarde": v.waarde,
            "verzilverd": v.verzilverd,
            "contant": v.contant,
            "vervallen": v.vervallen,
            "ingetrokken": v.ingetrokken,
            "restant": v.restant,
            "status": v.status,
            "verstrekt": v.verstrekt_op,
            "uitvoeren_tot": v.uitvoeren_tot,
        }

    def wijken(self) -> list[Wijk]:
        def lees() -> list[Wijk]:
            self.gemeente(wijzigen=False)
            sleutels = sorted({(e.code, e.periode) for e in self.gebeurtenissen([gebeurtenissen.WijkAangewezen])})
            return [self.laad_wijk(code, periode) for code, periode in sleutels]

        return self.lees(lees)

    def aanvragen(
        self, wijk: str | None = None, status: str | None = None, *, periode: int | None = None, zoek: str | None = None
    ) -> list[dict[str, Any]]:
        """The aanvragen in number order; `zoek` finds text in the description, or in the applicant's
        name for a reader who may see it (ledger/persoonsgegevens.py), in any case."""
        gezocht = zoek.casefold() if zoek else None
        namen = self.aanvragers() if gezocht else {}

        def lees() -> list[dict[str, Any]]:
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
                uit.append(
                    aanvraagstand(a, g).als_dict()
                    | {"kosten": a.kosten, "omschrijving": a.gegevens.get("omschrijving")}
                )
            return uit

        return self.lees(lees)

    def aanvragers(self, selectie: tuple[str, int] | None = None) -> dict[int, str]:
        """Per aanvraag the applicant's name, for the aanvragen whose applicants the acting user may
        see (ledger/persoonsgegevens.py `mag_zien`); VERWIJDERD once the key is destroyed. Others are
        left out: a report shows them as AFGESCHERMD. Reads the key table only for what it shows.
        With `selectie` (wijk, periode): only the aanvragen of that wijk and year, through the selection
        index where it can answer (commands/selectie.py), else from the whole log."""

        def lees() -> dict[int, str]:
            g = self.gemeente(wijzigen=False)
            namen: dict[UUID, tuple[int, Any]] = {}
            soorten: list[type] = [
                gebeurtenissen.AanvraagIngediend,
                gebeurtenissen.AanvraagAangevuld,
                gebeurtenissen.AanvraagPersoonsgegevensVernietigd,
            ]
            vernietigd: set[UUID] = set()
            for e in self.gebeurtenissen(soorten, selectie):
                if isinstance(e, gebeurtenissen.AanvraagIngediend):
                    if pg.mag_zien(g, self.gebruiker, e.wijk, self.vandaag):
                        namen[e.originator_id] = (e.nummer, e.persoon.get("naam"))
                elif isinstance(e, gebeurtenissen.AanvraagAangevuld):
                    if e.originator_id in namen and e.persoon.get("naam") is not None:
                        namen[e.originator_id] = (namen[e.originator_id][0], e.persoon["naam"])
                else:
                    vernietigd.add(e.originator_id)
            sleutels = self.sleutels.haal(i for i in namen if i not in vernietigd) if namen else {}
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

        return self.lees(lees)
