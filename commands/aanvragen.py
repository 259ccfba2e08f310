"""Aanvragen (art. 4, art. 10 lid 1, Awb 4:1-4:6): registering an aanvraag and completing it.

Rules owned here (the aggregates check each of them; this module loads, seals and saves):
- `voucher aanvraag indienen` (art. 4 lid 1): the regiegroep of the wijk or the college registers
  an aanvraag, dated by its receipt (`--ontvangen`, never before the verordening is in force, art. 10
  lid 1, nor before the wijk was designated); without `--periode` in the budget year open for
  grants on the day of receipt (commands/budgetjaren.py). The gemeente numbers it; the applicant's
  personal data are sealed with the aanvraag's own key before anything is saved
  (ledger/persoonsgegevens.py, commands/sleutels.py). A complete aanvraag (art. 4 lid 2:
  ledger/aanvraag.py `ontbreekt`) joins the wijk's queue on its day of receipt (art. 4 lid 4);
- `voucher aanvraag aanvulling-vragen` (art. 4 lid 3, Awb 4:5): the regiegroep or the college asks for what
  is missing, within a term (two weeks by default); the aanvraag leaves the queue until completed;
- `voucher aanvraag aanvullen` (Awb 4:5): the missing items are added; only the personal items that
  change are sealed again; once complete the aanvraag joins the queue on the day it became complete.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate

from commands import budgetjaren
from commands import resultaten as r
from commands.kern import Besluit, Kern
from ledger import ids, regels
from ledger import persoonsgegevens as pg
from ledger.aanvraag import Aanvraag
from ledger.gemeente import Gemeente

if TYPE_CHECKING:  # the command models (pydantic) are only types here; reads never import pydantic
    from commands import modellen as m

STANDAARD_AANVULTERMIJN = timedelta(weeks=2)  # Awb 4:5: a reasonable term


class Aanvragen(Kern):
    """The acts of art. 4: registering, asking for aanvulling, completing."""

    def dien_in(self, cmd: m.DienAanvraagIn) -> r.Aanvraagstand:
        # Registered with only --ontvangen: recorded on that date (the paper's own day), not on the day it was typed.
        datum = self.datum(cmd.datum if cmd.datum is not None else cmd.ontvangen)
        ontvangen = self.datum(cmd.ontvangen) if cmd.ontvangen else datum
        regels.samenhangende_data(datum, ontvangen, "de ontvangst (--ontvangen)", handeling="de registratie")

        def beslis() -> Besluit[r.Aanvraagstand]:
            g = self.gemeente(wijzigen=True)
            # a mistyped wijk is not found (exit 3), before the mandate; without --periode the budget year
            # open for grants on the date of receipt, else the next designated one (commands/budgetjaren.py)
            w = self.laad_wijk(cmd.wijk, cmd.periode) if cmd.periode else budgetjaren.kies(self, cmd.wijk, ontvangen)
            self.eis_regie(g, cmd.wijk, datum, ook_college=True)
            self.eis_in_werking(g, ontvangen)
            regels.samenhangende_data(
                datum, w.aangewezen_op, f"de aanwijzing van wijk {w.code}", handeling="de registratie"
            )
            nummer = g.registreer_aanvraag(cmd.wijk, w.periode, datum, self.gebruiker)
            aanvraag_id = ids.aanvraag_id(nummer)
            sleutel = self.sleutels.maak_of_haal(aanvraag_id)  # committed before the events (commands/sleutels.py)
            a = Aanvraag(
                nummer=nummer,
                wijk=w.code,
                periode=w.periode,
                ontvangen=ontvangen,
                persoon=pg.verzegel(_persoon(cmd, ondertekend=bool(cmd.ondertekend)), sleutel, aanvraag_id),
                gegevens=_gegevens(cmd),
                datum=datum,
                gebruiker=self.gebruiker,
            )
            nieuw: list[Aggregate] = [g, a]
            if a.status == "ingediend":
                w.neem_in_behandeling(nummer, ontvangen, datum, self.gebruiker)
                nieuw.append(w)
            return nieuw, aanvraagstand(a, g)

        return self.voer_uit(beslis, cmd, r.Aanvraagstand)

    def vraag_aanvulling(self, cmd: m.VraagAanvulling) -> r.AanvullingGevraagd:
        datum = self.datum(cmd.datum)
        termijn = cmd.termijn or datum + STANDAARD_AANVULTERMIJN

        def beslis() -> Besluit[r.AanvullingGevraagd]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            mandaat = self.eis_regie(g, a.wijk, datum, ook_college=False)
            w = self.laad_wijk(a.wijk, a.periode)
            a.vraag_aanvulling(cmd.wat, termijn, datum, self.gebruiker, mandaat=mandaat)
            w.haal_uit_wachtrij(a.nummer, "aanvulling gevraagd", datum, self.gebruiker)
            return [a, w], r.AanvullingGevraagd(**aanvraagstand(a, g).__dict__, termijn=termijn)

        return self.voer_uit(beslis, cmd, r.AanvullingGevraagd)

    def vul_aan(self, cmd: m.VulAanvraagAan) -> r.Aanvraagstand:
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Aanvraagstand]:
            g = self.gemeente(wijzigen=False)
            a = self.laad_aanvraag(cmd.nummer)
            self.eis_regie(g, a.wijk, datum, ook_college=True)
            versie = a.version
            persoon = self._verzegel_aanvulling(a, _persoon(cmd, ondertekend=cmd.ondertekend))
            werd_volledig = a.vul_aan(persoon, _gegevens(cmd), datum, self.gebruiker)
            if a.version == versie:
                return [], aanvraagstand(a, g)
            nieuw: list[Aggregate] = [a]
            if werd_volledig:
                w = self.laad_wijk(a.wijk, a.periode)
                w.neem_in_behandeling(a.nummer, datum, datum, self.gebruiker)
                nieuw.append(w)
            return nieuw, aanvraagstand(a, g)

        return self.voer_uit(beslis, cmd, r.Aanvraagstand)

    def _verzegel_aanvulling(self, a: Aanvraag, persoon: dict[str, Any]) -> dict[str, Any]:
        """Seal the personal items that change; the ones equal to what the aanvraag holds are left out."""
        gegeven = {k: v for k, v in persoon.items() if v is not None}
        if not gegeven or a.vernietigd is not None:
            return gegeven  # nothing to seal, or destroyed: the aanvraag refuses it
        sleutel = self.sleutels.maak_of_haal(a.id)
        huidig = pg.ontsleutel({k: a.persoon.get(k) for k in gegeven}, sleutel, a.id)
        return pg.verzegel({k: v for k, v in gegeven.items() if huidig.get(k) != v}, sleutel, a.id)


def aanvraagstand(a: Aanvraag, g: Gemeente) -> r.Aanvraagstand:
    """The aanvraag as every act on it answers: its status, what is missing, its decision term."""
    return r.Aanvraagstand(
        a.nummer,
        a.wijk,
        a.periode,
        a.status,
        a.ontbreekt,
        a.ontvangen,
        a.beslissen_voor(g.regeling_op(a.ontvangen).beslistermijn_weken),
        a.vastgesteld,  # Awb 4:42-4:47; None until then
    )


def _persoon(cmd: m.Aanvraaggegevens, ondertekend: bool | None) -> dict[str, Any]:
    return {
        "naam": getattr(cmd, "naam", None),
        "adres": cmd.adres,
        "telefoon": cmd.telefoon,
        "ondertekend": ondertekend,
    }


def _gegevens(cmd: m.Aanvraaggegevens) -> dict[str, Any]:
    return {
        "omschrijving": cmd.omschrijving,
        "planning": cmd.planning,
        "kosten": cmd.kosten,
        "vouchers_gewenst": cmd.vouchers,
        "elders_subsidie": cmd.elders_subsidie,
    }
