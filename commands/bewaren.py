"""Bewaren en vernietigen: an aanvraag's personal data after its retention term (AVG art. 5 lid 1
onder e, art. 17; Archiefwet, Selectielijst gemeenten 2020).

Rules owned here (ledger/bewaartermijnen.py decides the term, the Aanvraag checks the rest):
- `voucher vergeet NR`: only the college (art. 2) destroys the key of the aanvraag's personal data
  (commands/sleutels.py), of a finished file only, on or after the end of its term, which follows
  from how the file ended: toegekend 7 years after the period, geweigerd 5 years after the decision,
  niet afgehandeld 1 year after the last act;
- the event is saved first, then the key is destroyed: a key whose destruction failed is destroyed
  by a repeat (which writes no second event); an event never goes missing. A database login that may
  not delete keys is refused before anything is written.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from commands import resultaten as r
from commands.kern import Besluit, Kern
from ledger import ids
from ledger.aanvraag import Aanvraag
from ledger.bewaartermijnen import Bewaartermijn, bewaartermijn
from ledger.dossier import dossier_uit
from ledger.fouten import OpslagOnbeschikbaar

if TYPE_CHECKING:  # the command models (pydantic) are only types here; reads never import pydantic
    from commands import modellen as m


class Bewaren(Kern):
    """The college forgets an aanvraag's personal data once the Archiefwet lets it."""

    def vergeet(self, cmd: m.Vergeet) -> r.Vergeten:
        """The college destroys the key of an aanvraag's personal data once its term has ended.

        The event is saved first, then the key is destroyed: a key whose destruction failed is
        destroyed by a repeat (which writes no second event); an event never goes missing."""
        datum = self.datum(cmd.datum)

        def beslis() -> Besluit[r.Vergeten]:
            g = self.gemeente(wijzigen=False)
            g.eis_mandaat(self.gebruiker, "college", None, datum)
            a = self.laad_aanvraag(cmd.nummer)
            termijn = self._bewaartermijn(a)
            if a.vernietigd is None and termijn.verstreken(datum) and not self.sleutels.mag_vernietigen():
                raise OpslagOnbeschikbaar(
                    "deze databaselogin mag geen sleutels vernietigen: vraag de beheerder om DELETE op "
                    "vouchers_sleutels (README, Persoonsgegevens en bewaartermijnen)"
                )
            gesloten = self.laad_wijk(a.wijk, a.periode).gesloten
            nieuw = a.vergeet(termijn, datum, self.gebruiker, periode_gesloten=gesloten)
            uit = r.Vergeten(a.nummer, a.wijk, a.periode, termijn.uitkomst, termijn.einde, a.vernietigd, nieuw)
            return ([a] if nieuw else []), uit

        uitkomst = self.voer_uit(beslis, cmd, r.Vergeten)
        v = self.lees(lambda: self.sleutels.vernietig(ids.aanvraag_id(uitkomst.aanvraag)))
        return replace(uitkomst, sleutel_verwijderd=v.verwijderd, opgeschoond=v.opgeschoond, toelichting=v.toelichting)

    def _bewaartermijn(self, a: Aanvraag) -> Bewaartermijn:
        d = dossier_uit(self.app.events.get(a.id))
        return bewaartermijn(d.status, self.laad_wijk(a.wijk, a.periode).uitvoeren_tot, d.besluit, d.laatste)
